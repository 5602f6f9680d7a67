/**
 * Week over week (--previous): last week's folder consolidated by the CLI into its JSON report, this week's run
 * compared with it — per town and per project the change of 累计完成, rank changes, projects turned red, towns that
 * reported last week but not this week — in the JSON and on 汇总概览 / 项目明细; bad previous reports stop with exit 2.
 */
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { existsSync, promises as fsp, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { tmpDir, writeBook } from '../support/books';
import { ConsolidationResult, applyWeekOverWeek, parsePreviousReport } from '../../core';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli', 'consolidate.js');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const HEAD = ['序号', '项目名称', '年度计划投资', '本周完成', '1-10月累计完成投资', '项目组长'];
const book = (town: string, date: string, rows: unknown[][]) => [{
  name: '重点项目', rows: [[`${town}重点项目推进情况表（截至${date}）`], ['单位：万元'], HEAD, ...rows],
}];

let dir: string;
let roster: string;
let lastJson: string;
let thisJson: string;
let out: string;
let r: ReturnType<typeof run>;
let report: any;

beforeAll(async () => {
  dir = await tmpDir('xcs-wow-');
  roster = path.join(dir, '名册.csv');
  await fsp.writeFile(roster, '\ufeff乡镇名称\n云峰镇\n东溪镇\n南岭镇\n');
  const last = path.join(dir, '第43周');
  // last week (10-24, 序时进度 81.4%): 南岭 76% first, 云峰 73% second, 东溪 60% third
  await writeBook(path.join(last, '云峰镇.xlsx'), book('云峰镇', '2015年10月24日', [
    [1, '云峰\u3000大道', 2000, 100, 1500, '张明'], // the name written with a full-width space
    [2, '污水处理厂', 3000, 50, 2150, '李华'], // 71.7%: yellow
  ]));
  await writeBook(path.join(last, '东溪镇.xlsx'), book('东溪镇', '2015年10月24日', [[1, '东溪桥', 500, 10, 300, '赵']]));
  await writeBook(path.join(last, '南岭镇.xlsx'), book('南岭镇', '2015年10月24日', [[1, '南岭路', 1000, 20, 760, '钱']]));
  lastJson = path.join(dir, 'last.json');
  const r0 = run([last, '--roster', roster, '--as-of', '2015-10-24', '--out', path.join(dir, 'last.xlsx'), '--json', lastJson]);
  expect(r0.code).toBe(0);

  // this week (10-31, 83.3%): 云峰 79.6% first, 南岭 77% second, 东溪 missing
  const now = path.join(dir, '第44周');
  await writeBook(path.join(now, '云峰镇.xlsx'), book('云峰镇', '2015年10月31日', [
    [1, '云峰大道', 2000, 300, 1800, '张明'],
    [2, '污水处理厂', 3000, 30, 2180, '李华'], // 72.7%: red now
    [3, '文化中心', null, null, null, '王五'], // new this week
  ]));
  await writeBook(path.join(now, '南岭镇.xlsx'), book('南岭镇', '2015年10月31日', [[1, '南岭路', 1000, 10, 770, '钱']]));
  thisJson = path.join(dir, 'this.json');
  out = path.join(dir, '汇总.xlsx');
  r = run([now, '--roster', roster, '--as-of', '2015-10-31', '--out', out, '--json', thisJson, '--previous', lastJson]);
  report = JSON.parse(readFileSync(thisJson, 'utf8'));
});

const town = (n: string) => report.towns.find((t: any) => t.town === n);

test('last week\'s report carries what the comparison needs: report date, rank, the project list', () => {
  const last = JSON.parse(readFileSync(lastJson, 'utf8'));
  const yf = last.towns.find((t: any) => t.town === '云峰镇');
  expect(yf).toMatchObject({ reportDate: '2015-10-24', rank: 2, change: null });
  expect(yf.projectList).toEqual([
    { name: '云峰 大道', annualPlan: 2000, completedYtd: 1500, completion: 0.75, light: 'yellow', change: null },
    { name: '污水处理厂', annualPlan: 3000, completedYtd: 2150, completion: 0.7167, light: 'yellow', change: null },
  ]);
  expect(last.weekOverWeek).toBeNull();
});

test('per town: the change of 累计完成, the rank before and its change, the projects turned red', () => {
  expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  expect(r.code).toBe(1); // 东溪镇 missing
  expect(Object.keys(town('云峰镇').change)).toEqual(['previousReportDate', 'completedYtdBefore', 'completedYtdDelta', 'rankBefore', 'rankChange', 'turnedRed']);
  expect(town('云峰镇').change).toEqual({
    previousReportDate: '2015-10-24', completedYtdBefore: 3650, completedYtdDelta: 330, rankBefore: 2, rankChange: 1, turnedRed: ['污水处理厂'],
  });
  expect(town('南岭镇').change).toEqual({
    previousReportDate: '2015-10-24', completedYtdBefore: 760, completedYtdDelta: 10, rankBefore: 1, rankChange: -1, turnedRed: [],
  });
  expect(town('东溪镇').change).toBeNull();
});

test('per project, matched by name as the core normalises it; a new project has no figures before', () => {
  const list = town('云峰镇').projectList;
  expect(list.map((p: any) => [p.name, p.change])).toEqual([
    ['云峰大道', { completedYtdBefore: 1500, completedYtdDelta: 300, lightBefore: 'yellow', turnedRed: false }],
    ['污水处理厂', { completedYtdBefore: 2150, completedYtdDelta: 30, lightBefore: 'yellow', turnedRed: true }],
    ['文化中心', { completedYtdBefore: null, completedYtdDelta: null, lightBefore: null, turnedRed: false }],
  ]);
});

test('the county: last week\'s date, the towns that reported then and not now, the like-for-like change', () => {
  expect(report.weekOverWeek).toEqual({ previousAsOf: '2015-10-24', droppedTowns: ['东溪镇'], completedYtdDelta: 340 });
  expect(r.stdout).toContain('较上周（2015-10-24）：累计完成增加 340.00 万元');
  expect(r.stdout).toContain('转为红灯 1 个：云峰镇污水处理厂');
  expect(r.stdout).toContain('上周报送本周未报：东溪镇');
});

test('汇总概览 shows 较上周 and 排名变化, and lists the projects turned red and the towns gone quiet; 项目明细 its 较上周', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.getWorksheet('汇总概览')!;
  const h = (c: ExcelJS.Cell) => String(c.value).replace(/\n/g, ''); // a header too wide breaks before its unit
  expect(h(ws.getCell('N3'))).toBe('较上周（万元）');
  expect(ws.getCell('O3').value).toBe('排名变化');
  expect([ws.getCell('B4').value, ws.getCell('N4').value, ws.getCell('O4').value]).toEqual(['云峰镇', 330, 1]);
  expect([ws.getCell('B5').value, ws.getCell('N5').value, ws.getCell('O5').value]).toEqual(['南岭镇', 10, -1]);
  expect(ws.getCell('O4').numFmt).toBe('"↑"0;"↓"0;"持平"');
  expect(ws.getCell('N4').numFmt).toBe('+#,##0.00;-#,##0.00;0.00');
  const notes: string[] = [];
  for (let i = 1; i <= ws.rowCount; i++) notes.push(String(ws.getCell(i, 1).value ?? ''));
  const text = notes.join('\n');
  expect(text).toContain('与上周（截至2015-10-24）的汇总相比');
  expect(text).toContain('转红项目（上周不是红灯、本周为红灯，1个）：云峰镇「污水处理厂」（项目组长李华）');
  expect(text).toContain('本周未报（上周已报送，1个）：东溪镇（未报送）');
  const pj = wb.getWorksheet('项目明细')!;
  expect(h(pj.getCell('R3'))).toBe('较上周（万元）');
  const rows: unknown[][] = [];
  for (let i = 4; i <= pj.rowCount; i++) rows.push([pj.getCell(i, 3).value, pj.getCell(i, 18).value]);
  expect(rows).toEqual(expect.arrayContaining([['云峰大道', 300], ['污水处理厂', 30], ['文化中心', null], ['南岭路', 10]]));
});

describe('a previous report that cannot be used', () => {
  const now = () => path.join(dir, '第44周');
  const args = (prev: string, o: string) => [now(), '--roster', roster, '--as-of', '2015-10-31', '--out', o, '--previous', prev];
  test.each([
    ['missing', async () => path.join(dir, '没有.json'), /上周报告 .*没有\.json 无法读取（文件不存在）/],
    ['not JSON', async () => {
      const f = path.join(dir, 'x.json');
      await fsp.writeFile(f, '这不是JSON');
      return f;
    }, /上周报告 .*x\.json 不是有效的 JSON 文件/],
    ['JSON of something else', async () => {
      const f = path.join(dir, 'other.json');
      await fsp.writeFile(f, JSON.stringify({ name: 'xcs-weekly', version: '0.1.0' }));
      return f;
    }, /上周报告 .*other\.json 不是本程序生成的 JSON 报告（缺少或不正确的「asOf」）/],
    ['a report of a later date', async () => {
      const f = path.join(dir, 'later.json');
      await fsp.writeFile(f, readFileSync(lastJson, 'utf8').replace('"asOf": "2015-10-24"', '"asOf": "2015-11-07"'));
      return f;
    }, /上周报告 .*later\.json 的汇总日期 2015-11-07 晚于本次汇总日期 2015-10-31/],
  ])('%s: exit 2 with a Chinese message, nothing written', async (_n, make, message) => {
    const o = path.join(dir, `none-${Math.random().toString(36).slice(2)}.xlsx`);
    const r2 = run(args(await make(), o));
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(message);
    expect(r2.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(existsSync(o)).toBe(false);
  });

  test('a report of the same date: a warning, the run goes on', () => {
    const o = path.join(dir, 'same.xlsx');
    const r2 = run(args(thisJson, o));
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain('的汇总日期与本次相同（2015-10-31）');
    expect(existsSync(o)).toBe(true);
  });

  test('--json onto the previous report itself is refused: the user\'s file is never overwritten', () => {
    const before = readFileSync(lastJson, 'utf8');
    const r2 = run([...args(lastJson, path.join(dir, 'o.xlsx')), '--json', lastJson]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('--previous');
    expect(readFileSync(lastJson, 'utf8')).toBe(before);
  });
});

test('an older report without project lists: towns are compared, projects are not (with a warning)', () => {
  const old = {
    asOf: '2015-10-24', timeProgress: 0.8137, files: [], lagging: [],
    // as reports were written before issue #4: no reportDate, rank, projectList, change, powers (and no version)
    towns: [{ town: '云峰镇', status: 'submitted', projects: { count: 1, totalInvestment: 500, annualPlan: 200, completedYtd: 100, red: 0, yellow: 0, green: 1 }, indicators: null }],
    county: { projects: { count: 1, totalInvestment: 500, annualPlan: 200, completedYtd: 100, red: 0, yellow: 0, green: 1 }, indicators: [] },
  };
  const p = parsePreviousReport(JSON.stringify(old), 'old.json', '2015-10-31');
  expect(p.ok).toBe(true);
  if (!p.ok) return;
  expect(p.warnings.map((w) => w.code)).toEqual(['W_PREVIOUS_NO_PROJECTS']);
  const result = {
    asOf: '2015-10-31', timeProgress: 10 / 12, thresholds: { yellowBelow: 10 }, files: [], lagging: [], problems: [],
    county: { projects: {} as any, indicators: [] },
    towns: [{
      town: '云峰镇', status: 'submitted', reportDate: '2015-10-31', files: [], rank: 1, byCategory: [], byStatus: [], indicators: null,
      projects: { completedYtd: 160 } as any,
      projectList: [{ name: 'A', completedYtd: 160, light: 'red' } as any],
    }],
  } as ConsolidationResult;
  applyWeekOverWeek(result, p.previous);
  expect(result.towns[0].change).toEqual({ previousReportDate: null, completedYtdBefore: 100, completedYtdDelta: 60, rankBefore: null, rankChange: null, turnedRed: [] });
  expect(result.towns[0].projectList[0].change).toEqual({ completedYtdBefore: null, completedYtdDelta: null, lightBefore: null, turnedRed: false });
  expect(result.weekOverWeek).toEqual({ previousAsOf: '2015-10-24', droppedTowns: [], completedYtdDelta: 60 });
});

test('a previous report of another year: no year-to-date deltas, a warning', () => {
  const prev = readFileSync(lastJson, 'utf8').replace('"asOf": "2015-10-24"', '"asOf": "2014-12-31"');
  const p = parsePreviousReport(prev, 'p.json', '2015-01-07');
  expect(p.ok && p.warnings.map((w) => w.code)).toEqual(['W_PREVIOUS_OTHER_YEAR']);
});
