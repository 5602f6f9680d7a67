/**
 * The county's own inputs as legacy workbooks: a roster saved as .xls (BIFF8) is read natively (no LibreOffice) and
 * gives the same run as the same roster as .csv; one the native reader declines (BIFF5) is refused with exit 2 and a
 * Chinese message saying to save it as .xlsx.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, promises as fsp, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { tmpDir } from '../support/books';
import { LABELSST, ole, rec, u32, ustr, workbookStream } from '../support/biff-writer';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli', 'consolidate.js');

function run(out: string, roster: string) {
  const json = path.join(out, 'r.json');
  const r = spawnSync(process.execPath, [CLI, path.join(ROOT, 'sample', 'county'), '--roster', roster, '--as-of', '2015-10-31', '--out', path.join(out, 's.xlsx'), '--json', json, '--quiet', '--no-convert'], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stderr: r.stderr, report: existsSync(json) ? JSON.parse(readFileSync(json, 'utf8')) : null };
}

/** The roster's rows as a BIFF8 workbook (shared strings). */
function rosterXls(rows: string[][], version = 0x0600): Uint8Array {
  const strings = [...new Set(rows.flat())];
  const sst = rec(0x00fc, Buffer.concat([u32(strings.length), u32(strings.length), ...strings.map(ustr)]));
  const records = rows.flatMap((row, r) => row.map((v, c) => (v === '' ? null : LABELSST(r, c, 0, strings.indexOf(v)))).filter((x): x is Buffer => x !== null));
  return ole(workbookStream([{ name: '名册', records }], { sst: [sst], version }));
}

test('a roster saved as .xls is read natively: the same run as with the .csv; a BIFF5 roster is refused saying to save as .xlsx', async () => {
  const dir = await tmpDir('xcs-legacy-inputs-');
  try {
    const csv = path.join(ROOT, 'sample', 'roster.csv');
    const rows = readFileSync(csv, 'utf8').replace(/^\ufeff/, '').trim().split(/\r?\n/).map((l) => l.split(','));
    const xls = path.join(dir, '名册.xls');
    await fsp.writeFile(xls, rosterXls(rows));
    const a = run(await fsp.mkdtemp(path.join(dir, 'a-')), csv);
    const b = run(await fsp.mkdtemp(path.join(dir, 'b-')), xls);
    expect(a.report).not.toBeNull();
    expect(b.code).toBe(a.code);
    expect(b.report.towns).toEqual(a.report.towns);
    expect(b.report.county).toEqual(a.report.county);
    const old = path.join(dir, '旧名册.xls');
    await fsp.writeFile(old, rosterXls(rows, 0x0500));
    const c = run(await fsp.mkdtemp(path.join(dir, 'c-')), old);
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/名册 .*无法读取.*另存为/);
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}, 300_000);
