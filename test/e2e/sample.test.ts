/**
 * The bundled sample county (npm run demo) against the figures its generator wrote down independently
 * (sample/county-expected.json): statuses, every town's totals and lights, the county, the indicators, the cells of
 * the rejected file.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { tmpDir } from '../support/books';

const ROOT = path.resolve(__dirname, '..', '..');
const expected = JSON.parse(readFileSync(path.join(ROOT, 'sample', 'county-expected.json'), 'utf8'));
let report: any;
let code: number | null;
let summaryFile: string;

beforeAll(async () => {
  const dir = await tmpDir('xcs-sample-');
  summaryFile = path.join(dir, 's.xlsx');
  const json = path.join(dir, 'r.json');
  const r = spawnSync(process.execPath, [
    path.join(ROOT, 'dist', 'cli', 'consolidate.js'), path.join(ROOT, 'sample', 'county'),
    '--roster', path.join(ROOT, 'sample', 'roster.csv'), '--as-of', expected.asOf, '--out', path.join(dir, 's.xlsx'), '--json', json,
    // as the demo runs it: the county's targets and last week's report
    '--targets', path.join(ROOT, 'sample', expected.targets.file), '--previous', path.join(ROOT, 'sample', expected.weekOverWeek.file),
  ], { encoding: 'utf8' });
  code = r.status;
  report = JSON.parse(readFileSync(json, 'utf8'));
});

const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(expected.tolerance);

test('exit 1: one town rejected, one missing', () => {
  expect(code).toBe(1);
  expect(report.timeProgress).toBe(expected.timeProgress);
});

test('every file has its expected status', () => {
  for (const f of expected.files) {
    const got = report.files.find((x: any) => x.file === f.file);
    expect(got).toBeDefined();
    expect([f.status, ...(f.alsoAcceptable ?? [])]).toContain(got.status);
    if (f.town) expect(got.town).toBe(f.town);
  }
  expect(report.files).toHaveLength(expected.files.length);
});

const townCases: [string, any][] = expected.towns.map((t: any) => [t.town, t]);

test.each(townCases)('%s: status, totals and lights', (_name, t) => {
  const got = report.towns.find((x: any) => x.town === t.town);
  expect(got.status).toBe(t.status);
  if (!t.projects) {
    expect(got.projects).toBeNull();
    return;
  }
  for (const k of ['count', 'green', 'yellow', 'red']) expect(got.projects[k]).toBe(t.projects[k]);
  for (const k of ['totalInvestment', 'annualPlan', 'completedYtd']) close(got.projects[k], t.projects[k]);
  if (t.indicators) {
    expect(got.indicators).toHaveLength(t.indicators.count);
    for (const i of t.indicators.items) {
      const gi = got.indicators.find((x: any) => x.name === i.name);
      expect(gi).toBeDefined();
      close(gi.target, i.target);
      close(gi.actual, i.actual);
      expect(gi.unit).toBe(i.unit);
    }
  } else expect(got.indicators).toBeNull();
});

test('the rejected town: every planted error found at its cell', () => {
  const t = expected.towns.find((x: any) => x.status === 'rejected');
  const file = report.files.find((f: any) => f.town === t.town && f.status === 'rejected');
  const cells = file.issues.filter((i: any) => i.severity === 'error').map((i: any) => `${i.sheet}!${i.cell}`).sort();
  expect(cells).toEqual(t.expectedErrors.map((e: any) => `${e.sheet}!${e.cell}`).sort());
});

test('county totals and the additive indicators', () => {
  const c = expected.countyTotals;
  for (const k of ['count', 'green', 'yellow', 'red']) expect(report.county.projects[k]).toBe(c.projects[k]);
  for (const k of ['totalInvestment', 'annualPlan', 'completedYtd']) close(report.county.projects[k], c.projects[k]);
  expect(report.county.indicators.map((i: any) => i.name).sort()).toEqual(c.indicators.map((i: any) => i.name).sort());
  for (const i of c.indicators) {
    const g = report.county.indicators.find((x: any) => x.name === i.name);
    close(g.target, i.target);
    close(g.actual, i.actual);
  }
});

/* ---------------------------------------------------------------- delegated powers (扩权强镇事项) ------------- */

test.each(townCases)('%s: its powers register (count, by way, by status)', (_name, t) => {
  const got = report.towns.find((x: any) => x.town === t.town);
  if (!t.powers) {
    expect(got.powers).toBeNull();
    return;
  }
  expect(got.powers).toEqual({ count: t.powers.count, byWay: t.powers.byWay, byStatus: t.powers.byStatus });
});

test('powers: the seed town has 143 powers from 18 departments; most towns keep a register; the county adds up', async () => {
  const yf = expected.towns.find((x: any) => x.town === '云峰镇');
  expect(yf.powers.count).toBe(143);
  expect(Object.values(yf.powers.byDepartment).filter((k: any) => k > 0)).toHaveLength(18);
  expect(expected.towns.filter((x: any) => x.powers).length).toBeGreaterThan(expected.towns.length / 2);
  const c = expected.countyTotals.powers;
  expect(report.county.powers).toEqual({ count: c.count, byWay: c.byWay, byStatus: c.byStatus });
  // the summary's town × department table has the generator's own counts
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(summaryFile);
  const ws = wb.getWorksheet('扩权事项')!;
  const rows: string[][] = [];
  ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  const header = rows.find((r) => r[0] === '乡镇')!;
  for (const t of expected.towns.filter((x: any) => x.powers)) {
    const row = rows.find((r) => r[0] === t.town)!;
    for (const [dept, k] of Object.entries(t.powers.byDepartment)) expect([dept, row[header.indexOf(dept)]]).toEqual([dept, String(k)]);
    expect(row[header.indexOf('合计')]).toBe(String(t.powers.count));
  }
  expect(rows.find((r) => r[0] === '全县合计')![header.indexOf('合计')]).toBe(String(c.count));
  // a town whose register was sent back is named as such under the table
  const bad = expected.towns.find((x: any) => x.powerErrors);
  expect(rows.find((r) => r[0].startsWith('注：'))![0]).toContain(`${bad.town}（扩权事项表被退回）`);
});

test('powers: the register with planted errors is sent back, every error at its cell; its town stays submitted', () => {
  const t = expected.towns.find((x: any) => x.powerErrors);
  expect(t).toBeDefined();
  const file = report.files.find((f: any) => f.town === t.town && f.status === 'rejected');
  expect(file.kinds).toEqual(['powers']);
  const cells = file.issues.filter((i: any) => i.severity === 'error').map((i: any) => `${i.sheet}!${i.cell}`).sort();
  expect(cells).toEqual(t.powerErrors.map((e: any) => `${e.sheet}!${e.cell}`).sort());
  const town = report.towns.find((x: any) => x.town === t.town);
  expect(town.status).toBe('submitted');
  expect(town.powers).toBeNull();
});

test('county targets: the adjustment in force, the one dated later, the town that states another target', () => {
  const ind = (town: string, name: string) => report.towns.find((t: any) => t.town === town).indicators.find((i: any) => i.name === name);
  const a = expected.targets.adjustedInForce;
  expect(ind(a.town, a.indicator)).toMatchObject({
    target: a.target, targetOriginal: a.targetOriginal, targetAdjusted: a.targetAdjusted, targetSource: 'county', adjustedOn: a.adjustedOn, adjustDoc: a.adjustDoc,
  });
  const l = expected.targets.adjustedLater;
  expect(ind(l.town, l.indicator)).toMatchObject({ target: l.target, adjustedOn: l.adjustedOn, targetSource: 'county' });
  const d = expected.targets.differs;
  expect(ind(d.town, d.indicator).target).toBe(d.county);
  const warnings = report.files.flatMap((f: any) => f.issues.filter((i: any) => i.code === d.code).map((i: any) => ({ file: f.file, sheet: i.sheet, cell: i.cell })));
  expect(warnings).toEqual([{ file: d.file, sheet: d.sheet, cell: d.cell }]);
  const fromCounty = report.towns.flatMap((t: any) => t.indicators ?? []).filter((i: any) => i.targetSource === 'county');
  expect(fromCounty).toHaveLength(expected.targets.countyTargets);
});

test('week over week against last week\'s report: each town\'s change, the project turned red, the town gone quiet', () => {
  const w = expected.weekOverWeek;
  expect(report.weekOverWeek.previousAsOf).toBe(w.previousAsOf);
  expect(report.weekOverWeek.droppedTowns).toEqual(w.droppedTowns);
  for (const t of w.towns) {
    const got = report.towns.find((x: any) => x.town === t.town).change;
    close(got.completedYtdBefore, t.completedYtdBefore);
    close(got.completedYtdDelta, t.completedYtdDelta);
    expect(got.turnedRed).toEqual(t.turnedRed);
  }
  expect(w.towns.some((t: any) => t.turnedRed.length > 0)).toBe(true);
});
