/**
 * Every validation rule: a real workbook that breaks it, its code, severity, sheet and cell.
 */
import * as path from 'node:path';
import { WorkbookAnalysis } from '../../core';
import { analyzeFile, projectsOf, tmpDir, writeBook } from '../support/books';

let dir: string;
let n = 0;
beforeAll(async () => {
  dir = await tmpDir('xcs-rules-');
});

const TITLE = ['云峰镇重点项目推进情况表（截至2015年10月31日）'];
const H = ['项目名称', '总投资', '年度计划投资', '本周完成', '累计完成投资', '项目组长'];

async function projects(rows: unknown[][], header: unknown[] = H): Promise<WorkbookAnalysis> {
  const file = await writeBook(path.join(dir, `p${n++}.xlsx`), [{ name: '项目', rows: [TITLE, ['单位：万元'], header, ...rows] }]);
  return analyzeFile(file);
}

function only(a: WorkbookAnalysis, code: string) {
  const found = a.issues.filter((i) => i.code === code);
  expect(found).toHaveLength(1);
  expect(found[0].message).toMatch(/[\u4e00-\u9fff]/);
  return found[0];
}

test('a clean table has no issue and is accepted', async () => {
  const a = await projects([['甲路', 100, 50, 5, 40, '张']]);
  expect(a.issues).toEqual([]);
  expect(a.hasErrors).toBe(false);
});

test('E_REQUIRED_COLUMN: a required column is missing', async () => {
  const a = await projects([['甲路', 100, 5, '张']], ['项目名称', '总投资', '本周完成', '项目组长', '年度计划投资']);
  const i = only(a, 'E_REQUIRED_COLUMN');
  expect(i).toMatchObject({ severity: 'error', sheet: '项目', cell: 'A3' });
  expect(i.message).toContain('累计完成投资');
  expect(a.hasErrors).toBe(true);
});

test('E_NOT_NUMBER: an amount that is not a number', async () => {
  const a = await projects([['甲路', 100, 50, 5, 40, '张'], ['乙路', 100, '待定', 0, 10, '李']]);
  expect(only(a, 'E_NOT_NUMBER')).toMatchObject({ severity: 'error', sheet: '项目', cell: 'C5' });
  expect(a.hasErrors).toBe(true);
});

test('E_NEGATIVE: a negative amount', async () => {
  const a = await projects([['甲路', 100, 50, -5, 40, '张']]);
  expect(only(a, 'E_NEGATIVE')).toMatchObject({ severity: 'error', cell: 'D4' });
});

test('E_YTD_GT_TOTAL: completed this year exceeds the total investment', async () => {
  const a = await projects([['甲路', 100, 150, 5, 120, '张']]);
  expect(only(a, 'E_YTD_GT_TOTAL')).toMatchObject({ severity: 'error', cell: 'E4' });
});

test('E_WEEK_GT_YTD: this week exceeds the year to date', async () => {
  const a = await projects([['甲路', 100, 50, 45, 40, '张']]);
  expect(only(a, 'E_WEEK_GT_YTD')).toMatchObject({ severity: 'error', cell: 'D4' });
});

test('E_DUP_NAME: a project name twice (ignoring spaces and full-width forms)', async () => {
  const a = await projects([['甲 路', 100, 50, 5, 40, '张'], ['乙路', 10, 5, 0, 1, '李'], ['甲路', 100, 50, 5, 40, '张']]);
  const i = only(a, 'E_DUP_NAME');
  expect(i).toMatchObject({ severity: 'error', cell: 'A6' });
  expect(i.message).toContain('第 4 行');
});

test('E_NO_NAME: a row with numbers but no name', async () => {
  const a = await projects([['甲路', 100, 50, 5, 40, '张'], [null, 80, 20, 1, 10, '李']]);
  expect(only(a, 'E_NO_NAME')).toMatchObject({ severity: 'error', cell: 'A5' });
});

test('E_FORMULA_ERROR: a formula error value in a used cell; a derived column only warns', async () => {
  const a = await projects(
    [['甲路', 100, 50, 5, { formula: '1/0', result: { error: '#DIV/0!' } }, '张', { formula: 'E4/C4', result: { error: '#DIV/0!' } }]],
    [...H, '占年度计划%'],
  );
  expect(only(a, 'E_FORMULA_ERROR')).toMatchObject({ severity: 'error', cell: 'E4' });
  expect(only(a, 'W_FORMULA_ERROR_DERIVED')).toMatchObject({ severity: 'warning', cell: 'G4' });
});

test('W_UNKNOWN_INDICATOR: an indicator the catalog does not know (warning, file accepted)', async () => {
  const file = await writeBook(path.join(dir, `i${n++}.xlsx`), [{
    name: '指标',
    rows: [
      ['云峰镇主要指标（截至2015年10月31日）'],
      ['指标名称', '单位', '年度目标', '1-10月累计'],
      ['地区生产总值', '亿元', 50, 40],
      ['文明城市测评得分', '分', 90, 85],
    ],
  }]);
  const a = await analyzeFile(file);
  expect(only(a, 'W_UNKNOWN_INDICATOR')).toMatchObject({ severity: 'warning', sheet: '指标', cell: 'A4' });
  expect(a.hasErrors).toBe(false);
});

test('E_UNIT: a unit that cannot be converted (indicator row unit, header unit, unit note)', async () => {
  const file = await writeBook(path.join(dir, `u${n++}.xlsx`), [{
    name: '指标',
    rows: [
      ['云峰镇主要指标（截至2015年10月31日）'],
      ['指标名称', '单位', '年度目标', '1-10月累计'],
      ['地区生产总值', '亩', 50, 40],
    ],
  }]);
  const a = await analyzeFile(file);
  expect(only(a, 'E_UNIT')).toMatchObject({ severity: 'error', cell: 'B3' });

  const b = await projects([['甲路', 100, 50, 5, 40, '张']], ['项目名称', '总投资（平方米）', '年度计划投资', '本周完成', '累计完成投资', '项目组长']);
  expect(only(b, 'E_UNIT')).toMatchObject({ severity: 'error', cell: 'B3' });

  const file2 = await writeBook(path.join(dir, `u${n++}.xlsx`), [{ name: '项目', rows: [TITLE, ['单位：万美金'], H, ['甲路', 100, 50, 5, 40, '张']] }]);
  const c = await analyzeFile(file2);
  expect(c.issues.filter((i) => i.code === 'E_UNIT').map((i) => i.cell)).toEqual(['A2']);
});

test('W_TOTAL_MISMATCH: a total row that disagrees with its rows', async () => {
  const a = await projects([['甲路', 100, 50, 5, 40, '张'], ['乙路', 100, 50, 5, 40, '李'], ['合计', 200, 100, 10, 90]]);
  const i = only(a, 'W_TOTAL_MISMATCH');
  expect(i).toMatchObject({ severity: 'warning', cell: 'E6' });
  expect(i.message).toContain('80');
  expect(projectsOf(a)).toHaveLength(2);
  expect(a.hasErrors).toBe(false);
});

test('W_TOTAL_MISMATCH: a 合计 row directly under the header totals the rows below it', async () => {
  const rows = [['甲路', 100, 50, 5, 40, '张'], ['乙路', 200, 70, 6, 30, '李']];
  // right at the top and at the bottom: no warning (the top one used to be compared with no row at all)
  const top = await projects([['合计', 300, 120, 11, 70], ...rows]);
  expect(top.issues).toEqual([]);
  expect(projectsOf(top)).toHaveLength(2);
  const both = await projects([['合计', 300, 120, 11, 70], ...rows, ['合计', 300, 120, 11, 70]]);
  expect(both.issues).toEqual([]);
  const bottom = await projects([...rows, ['合计', 300, 120, 11, 70]]);
  expect(bottom.issues).toEqual([]);
  // a wrong top total still warns, on its own cell
  const wrong = await projects([['合计', 300, 120, 11, 80], ...rows]);
  const i = only(wrong, 'W_TOTAL_MISMATCH');
  expect(i).toMatchObject({ severity: 'warning', sheet: '项目', cell: 'E4' });
  expect(i.message).toContain('70');
  // a top total covers the rows up to the next 合计: here the bottom one is wrong, the top one right
  const wrongBottom = await projects([['合计', 300, 120, 11, 70], ...rows, ['合计', 300, 120, 12, 70]]);
  expect(only(wrongBottom, 'W_TOTAL_MISMATCH').cell).toBe('D7');
});

test('W_OVER_PLAN: more than 100% of the annual plan (warning)', async () => {
  const a = await projects([['甲路', 1000, 50, 5, 60, '张']]);
  expect(only(a, 'W_OVER_PLAN')).toMatchObject({ severity: 'warning', cell: 'E4' });
  expect(a.hasErrors).toBe(false);
  expect(projectsOf(a)[0].completedYtd).toBe(60);
});

test('E_TOWN_UNKNOWN: a town that is not in the roster is named in the message', async () => {
  const file = await writeBook(path.join(dir, `t${n++}.xlsx`), [{
    name: '项目',
    rows: [['青石镇重点项目（截至2015年10月31日）'], H, ['甲路', 100, 50, 5, 40, '张']],
  }]);
  const a = await analyzeFile(file);
  const i = only(a, 'E_TOWN_UNKNOWN');
  expect(i.message).toContain('青石镇');
  expect(a.hasErrors).toBe(true);
});

test('E_NO_TABLE: a workbook without any recognisable table', async () => {
  const file = await writeBook(path.join(dir, `云峰镇-n${n++}.xlsx`), [{ name: '说明', rows: [['本周无变化'], ['请领导审阅']] }]);
  const a = await analyzeFile(file);
  expect(only(a, 'E_NO_TABLE').severity).toBe('error');
});

test('E_EMPTY_TABLE: a blank template sent back as is; W_EMPTY_TABLE for an unused second table', async () => {
  const blank = await writeBook(path.join(dir, `云峰镇-b${n++}.xlsx`), [{ name: '项目', rows: [TITLE, H, [], []] }]);
  const a = await analyzeFile(blank);
  expect(only(a, 'E_EMPTY_TABLE')).toMatchObject({ severity: 'error', sheet: '项目', cell: 'A2' });
  expect(a.kinds).toEqual([]);

  const half = await writeBook(path.join(dir, `云峰镇-h${n++}.xlsx`), [
    { name: '项目', rows: [TITLE, H, ['甲路', 100, 50, 5, 40, '张']] },
    { name: '指标', rows: [['指标名称', '单位', '年度目标', '1-10月累计']] },
  ]);
  const b = await analyzeFile(half);
  expect(only(b, 'W_EMPTY_TABLE')).toMatchObject({ severity: 'warning', sheet: '指标', cell: 'A1' });
  expect(b.kinds).toEqual(['projects']);
  expect(b.hasErrors).toBe(false);
});

test('E_DUP_NAME across sheets: a copied sheet left visible would be counted twice', async () => {
  const file = await writeBook(path.join(dir, `c${n++}.xlsx`), [
    { name: '项目', rows: [TITLE, H, ['甲路', 100, 50, 5, 40, '张'], ['乙路', 100, 50, 5, 40, '李']] },
    { name: '项目 (2)', rows: [TITLE, H, ['乙路', 100, 50, 5, 40, '李']] },
  ]);
  const a = await analyzeFile(file);
  const i = only(a, 'E_DUP_NAME');
  expect(i).toMatchObject({ sheet: '项目 (2)', cell: 'A3' });
  expect(i.message).toContain('工作表「项目」第 4 行');
});

test('W_MONTH_MISMATCH: a 1-8月 year-to-date column in a report dated 31 October', async () => {
  const a = await projects([['甲路', 100, 50, 5, 40, '张']], ['项目名称', '总投资', '年度计划投资', '本周完成', '1-8月累计完成投资', '项目组长']);
  expect(only(a, 'W_MONTH_MISMATCH')).toMatchObject({ severity: 'warning', cell: 'A3' });
  const b = await projects([['甲路', 100, 50, 5, 40, '张']], ['项目名称', '总投资', '年度计划投资', '本周完成', '1-10月累计完成投资', '项目组长']);
  expect(b.issues).toEqual([]);
});

test('W_TOTAL_MISMATCH is not fooled by size: 1 万元 off in a 30-row table; rounding of 亿元 figures passes', async () => {
  const rows: unknown[][] = [];
  for (let i = 0; i < 30; i++) rows.push([`项目${i}`, 100, 50, 1, 40, '张']);
  const a = await projects([...rows, ['合计', 3000, 1500, 30, 1201]]);
  expect(only(a, 'W_TOTAL_MISMATCH').cell).toBe('E34');
  const b = await projects(
    [['甲', 1.234, 0.5, 0.01, 0.401, '张'], ['乙', 2.345, 0.5, 0.01, 0.402, '李'], ['合计', 3.58, 1, 0.02, 0.8]],
    ['项目名称', '总投资（亿元）', '年度计划投资（亿元）', '本周完成（亿元）', '累计完成投资（亿元）', '项目组长'],
  );
  expect(b.issues.filter((i) => i.code === 'W_TOTAL_MISMATCH')).toEqual([]);
});

test('W_TOWN_CONFLICT: the sheet names a town the roster does not know, the file name one it does', async () => {
  const file = await writeBook(path.join(dir, `云峰镇-k${n++}.xlsx`), [{
    name: '项目',
    rows: [['青石镇重点项目（截至2015年10月31日）'], ['单位：万元'], H, ['甲路', 100, 50, 5, 40, '张']],
  }]);
  const a = await analyzeFile(file);
  expect(a.town).toBe('云峰镇');
  expect(only(a, 'W_TOWN_CONFLICT').message).toContain('青石镇');
});

test('E_UNIT_AMBIGUOUS: no unit written and figures that cannot be 万元', async () => {
  const file = await writeBook(path.join(dir, `云峰镇-y${n++}.xlsx`), [{
    name: '项目',
    rows: [TITLE, H, ['甲路', 1.5, 0.5, 0.01, 0.4, '张'], ['乙路', 3.2, 1.1, 0.02, 0.9, '李']],
  }]);
  const a = await analyzeFile(file);
  const i = only(a, 'E_UNIT_AMBIGUOUS');
  expect(i).toMatchObject({ severity: 'error', cell: 'A2' });
  expect(i.message).toContain('亿元');
  // the same figures with the unit written are fine
  const b = await writeBook(path.join(dir, `云峰镇-y${n++}.xlsx`), [{
    name: '项目', rows: [TITLE, ['单位：亿元'], H, ['甲路', 1.5, 0.5, 0.01, 0.4, '张']],
  }]);
  expect((await analyzeFile(b)).issues).toEqual([]);
});

test('E_VALUE_IMPLAUSIBLE: a rate typed as a fraction, a GDP in 万元 without its unit', async () => {
  const file = await writeBook(path.join(dir, `v${n++}.xlsx`), [{
    name: '指标',
    rows: [
      ['云峰镇主要指标（截至2015年10月31日）'],
      ['指标名称', '单位', '年度目标', '1-10月累计'],
      ['城镇化率', '%', 60, 0.58],
      ['地区生产总值', null, 450000, 380000],
      ['财政总收入', '亿元', 6, 5.2],
    ],
  }]);
  const a = await analyzeFile(file);
  const found = a.issues.filter((i) => i.code === 'E_VALUE_IMPLAUSIBLE');
  expect(found.map((i) => i.cell)).toEqual(['D3', 'C4', 'D4']);
  expect(found[0].message).toContain('58% 填 58');
  expect(a.hasErrors).toBe(true);
});

test('E_AMOUNT_IMPLAUSIBLE: a figure in 元 under a 万元 header', async () => {
  const a = await projects([['甲路', 1000, 500, 5, 400, '张'], ['乙路', 80000000, 30000000, 100000, 25000000, '李']]);
  expect(a.issues.filter((i) => i.code === 'E_AMOUNT_IMPLAUSIBLE').map((i) => i.cell)).toEqual(['B5', 'C5', 'E5']);
  expect(a.hasErrors).toBe(true);
});
