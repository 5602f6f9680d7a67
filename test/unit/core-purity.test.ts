/**
 * The core is shared by the Node scripts and the add-in in the browser: it must not touch files, processes or
 * anything of Node. Its only dependency is zod, through its v3 API (`zod/v3`, shipped in zod 4: a fifth of the load time
 * of zod 4's own API, which the CLI and every read worker pay at start; docs/dev/performance.md).
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const CORE = path.resolve(__dirname, '..', '..', 'core');

test('core/ imports nothing but itself and zod/v3, and uses no Node global', () => {
  const offenders: string[] = [];
  for (const f of readdirSync(CORE).filter((x) => x.endsWith('.ts'))) {
    const src = readFileSync(path.join(CORE, f), 'utf8');
    for (const m of src.matchAll(/(?:from\s+|require\(\s*|import\(\s*)['"]([^'"]+)['"]/g)) {
      if (!m[1].startsWith('./') && m[1] !== 'zod/v3') offenders.push(`${f}: ${m[1]}`);
    }
    for (const g of ['process.', 'Buffer', '__dirname', 'require(', 'setTimeout', 'fetch(']) {
      if (src.includes(g)) offenders.push(`${f}: ${g}`);
    }
  }
  expect(offenders).toEqual([]);
});
