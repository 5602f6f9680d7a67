/**
 * The add-in's sources type-check strictly with the Office.js types, as the first step of `npm run build` does
 * (a program: tsc over addin/tsconfig.json, tens of seconds, hence not in the unit tier with the add-in's other units).
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

test('the add-in type-checks strictly with the Office.js types (the first step of npm run build)', () => {
  let out = '';
  try {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(ROOT, 'addin', 'tsconfig.json')], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
  } catch (err) {
    out = String((err as { stdout?: string }).stdout ?? err);
  }
  expect(out).toBe('');
}, 120000);
