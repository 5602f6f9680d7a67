/**
 * 507 real-world workbooks from other projects' test suites (../shared/corpus): none is a town report. The
 * consolidation must explain every one (a status and a coded Chinese message), and crash, hang or run out of memory
 * on none; and the fast reader reads each file exactly as the exceljs path does, or declines it. Read from the shared
 * folder, never copied into the project; the files are listed once for both tests (this is the only suite that reads
 * the corpus).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, promises as fsp, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { tmpDir } from '../support/books';
import { compareAll, walk } from '../support/fast-compare';

const ROOT = path.resolve(__dirname, '..', '..');
const CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus');

let files: string[] = [];
beforeAll(async () => {
  expect(existsSync(CORPUS)).toBe(true);
  files = await walk(CORPUS);
});

test('every corpus file is explained, none crashes or hangs the run', async () => {
  const dir = await tmpDir('xcs-corpus-');
  const roster = path.join(dir, 'r.csv');
  await fsp.writeFile(roster, '乡镇名称\n云峰镇\n');
  const json = path.join(dir, 'r.json');
  const r = spawnSync(process.execPath, [
    path.join(ROOT, 'dist', 'cli', 'consolidate.js'), CORPUS, '--roster', roster, '--as-of', '2015-10-31',
    '--out', path.join(dir, 's.xlsx'), '--json', json, '--quiet',
  ], { encoding: 'utf8', timeout: 300000 });
  expect(r.signal).toBeNull();
  expect(r.stderr).toBe('');
  expect(r.status).toBe(1); // the roster's town is missing, every file is rejected or ignored
  const report = JSON.parse(readFileSync(json, 'utf8'));
  expect(report.files).toHaveLength(files.length);
  for (const f of report.files) {
    expect(['rejected', 'ignored']).toContain(f.status);
    expect(f.issues.length).toBeGreaterThan(0);
    // the reason it was not taken: an error (rejected) or the skip reason (ignored)
    const first = f.issues.find((i: any) => /^(E|SKIP)_/.test(i.code));
    expect(first).toBeDefined();
    expect(first.code).toMatch(/^(E|SKIP)_[A-Z_]+$/);
    expect(first.message).toMatch(/[\u4e00-\u9fff]/);
  }
  const codes = new Set(report.files.flatMap((f: any) => f.issues.map((i: any) => i.code)));
  // the corpus holds encrypted, truncated, oversized and broken files: each kind is named as such
  for (const c of ['E_NO_TABLE', 'E_ENCRYPTED', 'E_NOT_XLSX', 'E_TOO_LARGE', 'E_READ_FAILED']) expect(codes).toContain(c);
}, 320000);

test('507 real-world corpus files: the fast reader reads most, identically, and declines the rest', async () => {
  const r = await compareAll(files);
  console.log(`fast reader on the corpus: ${r.same} read identically, ${r.declined} declined to exceljs`);
  expect(r.differing).toEqual([]);
  expect(r.same).toBeGreaterThan(400);
}, 600000);
