/**
 * A real spreadsheet program (LibreOffice) with the issue-4 files: the sample county's targets workbook saved again
 * by it reads back to the same targets; the summary run with --targets and --previous opens there and shows the rank
 * change as ↑/↓ and the change since last week with its sign.
 */
import { spawnSync } from 'node:child_process';
import { promises as fsp, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { tmpDir } from '../support/books';
import { parseCsv, readTargets, rosterFromRows } from '../../core';
import { readWorkbookBytesInProcess } from '../../io/read/read-workbook';
import { needs } from '../support/programs';

const { test, beforeAll } = needs('soffice');

const ROOT = path.resolve(__dirname, '..', '..');
const SAMPLE = path.join(ROOT, 'sample');

async function targetsOf(file: string) {
  const roster = rosterFromRows(parseCsv(readFileSync(path.join(SAMPLE, 'roster.csv'), 'utf8')), 'roster.csv');
  if (!roster.ok) throw new Error(roster.message);
  const o = await readWorkbookBytesInProcess(await fsp.readFile(file), 'targets.xlsx');
  if (!o.ok) throw new Error(o.message);
  const r = readTargets('targets.xlsx', o.grids, { roster: roster.towns, asOf: '2015-10-31' });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.targets.rows.map((x) => ({ ...x, target: x.target === null ? null : Number(x.target.toFixed(6)), adjustedTarget: x.adjustedTarget === null ? null : Number(x.adjustedTarget.toFixed(6)) }));
}

let dir: string;
beforeAll(async () => {
  dir = await tmpDir('xcs-tgt-lo-');
});

test('the targets workbook saved again by LibreOffice reads back to the same targets', async () => {
  const copy = path.join(dir, 'targets.xlsx');
  await fsp.copyFile(path.join(SAMPLE, 'targets.xlsx'), copy);
  const out = path.join(dir, 'lo');
  const lo = spawnSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', out, copy], { encoding: 'utf8', timeout: 240000 });
  expect(lo.error).toBeUndefined();
  const before = await targetsOf(copy);
  const after = await targetsOf(path.join(out, 'targets.xlsx'));
  expect(before.length).toBeGreaterThan(30);
  expect(before.filter((x) => x.adjustedOn).length).toBe(2);
  expect(after).toEqual(before);
}, 300000);

test('LibreOffice shows 较上周 with its sign and 排名变化 as ↑/↓ on the overview', async () => {
  const out = path.join(dir, 's.xlsx');
  const r = spawnSync(process.execPath, [
    path.join(ROOT, 'dist', 'cli', 'consolidate.js'), path.join(SAMPLE, 'county'), '--roster', path.join(SAMPLE, 'roster.csv'),
    '--as-of', '2015-10-31', '--out', out, '--json', path.join(dir, 's.json'),
    '--targets', path.join(SAMPLE, 'targets.xlsx'), '--previous', path.join(SAMPLE, 'last-week.json'),
  ], { encoding: 'utf8', timeout: 120000 });
  expect(r.status).toBe(1);
  const report = JSON.parse(readFileSync(path.join(dir, 's.json'), 'utf8'));
  // the overview is the first sheet: CSV export gives the values as LibreOffice displays them
  const lo = spawnSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true', '--outdir', path.join(dir, 'csv'), out], { encoding: 'utf8', timeout: 240000 });
  expect(lo.error).toBeUndefined();
  const rows = parseCsv(readFileSync(path.join(dir, 'csv', 's.csv'), 'utf8'));
  for (const t of report.towns.filter((x: any) => x.change)) {
    const row = rows.find((cells) => cells[1] === t.town)!;
    const d = t.change.completedYtdDelta;
    const shown = `${d > 0 ? '+' : d < 0 ? '-' : ''}${Math.abs(d).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    const rank = t.change.rankChange;
    expect([row[13], row[14]]).toEqual([shown, rank > 0 ? `↑${rank}` : rank < 0 ? `↓${-rank}` : '持平']);
  }
  expect(rows.some((cells) => cells[14] === '↑2')).toBe(true);
}, 300000);
