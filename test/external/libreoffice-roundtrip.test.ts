/**
 * Town files pass through other programs before they reach the county: a file opened and saved again by a real
 * spreadsheet program (LibreOffice: its own shared strings, styles, rich-text runs for mixed Chinese/Latin text,
 * recomputed formulas) must read back to the same figures.
 */
import { spawnSync } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { ROSTER, tmpDir } from '../support/books';
import { analysisContext, analyzeWorkbook, parseCsv, rosterFromRows } from '../../core';
import { readWorkbookBytesInProcess } from '../../io/read/read-workbook';
import { needs } from '../support/programs';

const { test } = needs('soffice');

const ROOT = path.resolve(__dirname, '..', '..');
const COUNTY = path.join(ROOT, 'sample', 'county');

async function summary(file: string, name: string) {
  const rosterText = await fsp.readFile(path.join(ROOT, 'sample', 'roster.csv'), 'utf8');
  const roster = rosterFromRows(parseCsv(rosterText), 'roster.csv');
  const o = await readWorkbookBytesInProcess(await fsp.readFile(file), name);
  if (!o.ok) throw new Error(`${name}: ${o.code}`);
  const a = analyzeWorkbook(name, o.grids, analysisContext({ roster: roster.ok ? roster.towns : ROSTER, asOf: '2015-10-31' }));
  return {
    town: a.town,
    date: a.reportDate,
    codes: a.issues.map((i) => `${i.code}@${i.sheet}!${i.cell}`).sort(),
    tables: a.tables.map((t) => ({
      kind: t.kind,
      projects: t.projects.map((p) => [p.values.name, p.values.totalInvestment, p.values.annualPlan, p.values.weekDone, p.values.completedYtd, p.values.leader]),
      indicators: t.indicators.map((i) => [i.values.name, i.unit, i.values.target, i.values.actual]),
    })),
  };
}

test('every sample town file saved again by LibreOffice reads back to the same figures', async () => {
  const names = ['云峰镇重点项目.xlsx', '南岭镇重点项目建设进度表.xlsx', '新塘镇重点项目推进情况表.xlsx', '桃花镇重点项目及主要指标.xlsx',
    '白石镇-重点项目周报-20151031.xlsx', '金竹镇重点项目进展情况表.xlsx', '重点项目进展情况（2015.10.31）.xlsx', '邮件附件/重点项目推进情况表.xlsx'];
  const dir = await tmpDir('xcs-lo-rt-');
  const inputs: string[] = [];
  for (const [i, n] of names.entries()) {
    const copy = path.join(dir, `in${i}.xlsx`);
    await fsp.copyFile(path.join(COUNTY, n), copy);
    inputs.push(copy);
  }
  const out = path.join(dir, 'out');
  const lo = spawnSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', out, ...inputs], { encoding: 'utf8', timeout: 240000 });
  expect(lo.error).toBeUndefined();
  for (const [i, n] of names.entries()) {
    const base = path.basename(n);
    const before = await summary(inputs[i], base);
    const after = await summary(path.join(out, `in${i}.xlsx`), base);
    expect(after).toEqual(before);
    expect(before.tables.length).toBeGreaterThan(0);
  }
}, 300000);
