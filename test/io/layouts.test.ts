/**
 * Reading the workbooks as officials write them: each layout is written as a real .xlsx, read back through the
 * Node adapter and the core, and the extracted numbers are asserted.
 */
import * as path from 'node:path';
import { HEADER, analyzeFile, codes, issue, projectsOf, tmpDir, writeBook } from '../support/books';

let dir: string;
beforeAll(async () => {
  dir = await tmpDir('xcs-layouts-');
});

const f = (name: string) => path.join(dir, name);

test('title row merged across the table, unit note cell, town and date from the title', async () => {
  const file = await writeBook(f('a.xlsx'), [{
    name: '重点项目',
    rows: [
      ['云峰镇重点项目推进情况表（截至2015年10月31日）'],
      [null, null, null, null, null, null, null, '单位：万元'],
      HEADER,
      [1, '工业园区道路', '基础设施', 5000, 2000, 50, 1800, '张明', null, '在建'],
      [2, '污水处理厂', '生态环境', 8000, 3000, 0, 1500, '李华', '管网政策处理难', '在建'],
    ],
    merges: ['A1:J1'],
  }]);
  const a = await analyzeFile(file);
  expect(a.town).toBe('云峰镇');
  expect(a.reportDate).toBe('2015-10-31');
  expect(a.hasErrors).toBe(false);
  expect(codes(a)).not.toContain('W_UNIT_ASSUMED');
  const p = projectsOf(a);
  expect(p.map((x) => x.name)).toEqual(['工业园区道路', '污水处理厂']);
  expect(p[0]).toMatchObject({ totalInvestment: 5000, annualPlan: 2000, weekDone: 50, completedYtd: 1800, leader: '张明', category: '基础设施', status: '在建' });
  expect(p[1].problems).toBe('管网政策处理难');
});

test('two header rows with merged group headers (投资完成情况 over 本周完成｜1-10月累计｜占年度计划%)', async () => {
  const file = await writeBook(f('b.xlsx'), [{
    name: 'Sheet1',
    rows: [
      ['云峰镇重点项目推进情况表'],
      ['序号', '项目名称', '总投资', '2015年计划投资', '投资完成情况', null, null, '项目组长'],
      [null, null, null, null, '本周完成', '1-10月累计', '占年度计划%', null],
      [1, '中山街改造', 1200, 600, 20, 550, 0.9167, '王强'],
      [2, '综合服务中心大楼装修', 900, 900, 0, 300, 0.3333, '赵敏'],
    ],
    merges: ['A1:H1', 'A2:A3', 'B2:B3', 'C2:C3', 'D2:D3', 'E2:G2', 'H2:H3'],
  }]);
  const a = await analyzeFile(file);
  expect(a.hasErrors).toBe(false);
  const p = projectsOf(a);
  expect(p).toHaveLength(2);
  expect(p[0]).toMatchObject({ name: '中山街改造', totalInvestment: 1200, annualPlan: 600, weekDone: 20, completedYtd: 550, leader: '王强' });
  expect(p[1]).toMatchObject({ annualPlan: 900, completedYtd: 300 });
});

test('columns in any order, extra columns and synonyms', async () => {
  const file = await writeBook(f('c.xlsx'), [{
    name: '进度',
    rows: [
      ['南岭镇重点项目进展（截至2015年10月31日）'],
      ['挂钩领导', '联系电话', '年度累计完成', '项目名', '备注', '计划总投资', '年度计划', '下步计划', '项目状态'],
      ['周涛', '13800000000', 410, '南岭卫生院迁建', '无', 3000, 500, '主体封顶', '在建中'],
    ],
  }]);
  const a = await analyzeFile(file);
  expect(a.town).toBe('南岭镇');
  const p = projectsOf(a);
  expect(p[0]).toMatchObject({ name: '南岭卫生院迁建', totalInvestment: 3000, annualPlan: 500, completedYtd: 410, leader: '周涛', nextWeekPlan: '主体封顶', status: '在建' });
});

test('units in headers are converted to 万元: 亿元 and 元', async () => {
  const file = await writeBook(f('d.xlsx'), [{
    name: 'S',
    rows: [
      ['东溪镇重点项目（截至2015年10月31日）'],
      ['项目名称', '总投资（亿元）', '年度计划投资(元)', '累计完成投资（万元）', '本周完成/元'],
      ['东溪大桥', 1.25, 30000000, 2500, 120000],
    ],
  }]);
  const a = await analyzeFile(file);
  expect(a.hasErrors).toBe(false);
  expect(projectsOf(a)[0]).toMatchObject({ totalInvestment: 12500, annualPlan: 3000, completedYtd: 2500, weekDone: 12 });
});

test('a unit note in its own cell applies to every amount column without its own unit', async () => {
  const file = await writeBook(f('e.xlsx'), [{
    name: 'S',
    rows: [
      ['东溪镇重点项目'],
      ['单位：亿元'],
      ['项目名称', '总投资', '年度计划投资', '累计完成投资（万元）'],
      ['东溪大桥', 1.5, 0.3, 2500],
    ],
  }]);
  const a = await analyzeFile(file);
  expect(projectsOf(a)[0]).toMatchObject({ totalInvestment: 15000, annualPlan: 3000, completedYtd: 2500 });
});

test('total rows, section rows, blank rows and the footer are not counted', async () => {
  const file = await writeBook(f('f.xlsx'), [{
    name: 'S',
    rows: [
      ['龙门镇重点项目推进情况表（截至2015年10月31日）'],
      HEADER,
      ['一、基础设施类（2个）'],
      [1, '龙门大道', null, 1000, 400, 10, 350, '甲', null, '在建'],
      [2, '龙门桥', null, 600, 200, 0, 100, '乙', null, '在建'],
      ['小计', null, null, 1600, 600, 10, 450],
      [],
      ['二、社会事业类'],
      [3, '龙门中学', null, 2000, 1000, 50, 900, '丙', null, '在建'],
      ['合计', null, null, 3600, 1600, 60, 1350],
      ['填报人：陈某　　项目组长签字：　　日期：2015年10月31日'],
      ['注：金额单位万元'],
    ],
  }]);
  const a = await analyzeFile(file);
  expect(a.hasErrors).toBe(false);
  expect(codes(a)).not.toContain('W_TOTAL_MISMATCH');
  const p = projectsOf(a);
  expect(p.map((x) => x.name)).toEqual(['龙门大道', '龙门桥', '龙门中学']);
  expect(p.map((x) => x.category)).toEqual(['基础设施', '基础设施', '社会事业']);
  expect(p.reduce((s, x) => s + (x.annualPlan ?? 0), 0)).toBe(1600);
});

test('numbers stored as text: separators, full-width digits; percent text only in derived columns', async () => {
  const file = await writeBook(f('g.xlsx'), [{
    name: 'S',
    rows: [
      ['填报单位：南岭镇', null, null, '截至2015年10月31日'],
      ['项目名称', '总投资', '年度计划投资', '1-10月累计完成投资', '完成率'],
      ['南岭大道', '12,500', '１２００', ' 1,000.5 ', '83%'],
      ['南岭公园', '—', '/', '0', '0%'],
    ],
  }]);
  const a = await analyzeFile(file);
  expect(a.town).toBe('南岭镇');
  expect(a.hasErrors).toBe(false);
  const p = projectsOf(a);
  expect(p[0]).toMatchObject({ totalInvestment: 12500, annualPlan: 1200, completedYtd: 1000.5 });
  expect(p[1]).toMatchObject({ totalInvestment: null, annualPlan: null, completedYtd: 0 });
});

test('rich-text cells (as LibreOffice writes mixed Chinese/Latin) are read as their text', async () => {
  const rich = (...parts: string[]) => ({ richText: parts.map((text, i) => ({ text, font: { name: i % 2 ? '宋体' : 'Arial' } })) });
  const file = await writeBook(f('h.xlsx'), [{
    name: 'S',
    rows: [
      [rich('东溪镇', '2015', '年重点项目（截至', '2015', '年10月31日）')],
      ['项目名称', '总投资', '年度计划投资', '累计完成投资', '项目组长'],
      [rich('G', '104国道拓宽工程'), 3000, 1000, rich('900'), rich('李', 'A')],
    ],
  }]);
  const a = await analyzeFile(file);
  expect(a.town).toBe('东溪镇');
  expect(a.reportDate).toBe('2015-10-31');
  expect(projectsOf(a)[0]).toMatchObject({ name: 'G104国道拓宽工程', completedYtd: 900, leader: '李A' });
});

test('formula cells by their cached result; a required amount formula without result is an error', async () => {
  const file = await writeBook(f('i.xlsx'), [{
    name: 'S',
    rows: [
      ['白石镇重点项目（截至2015年10月31日）'],
      ['项目名称', '总投资', '年度计划投资', '本周完成', '累计完成投资'],
      ['白石工业园', 5000, 1000, 20, { formula: 'D3+780', result: 800 }],
      ['白石小学', 800, 400, 0, { formula: 'D4+100' }],
      ['合计', { formula: 'SUM(B3:B4)', result: 5800 }, { formula: 'SUM(C3:C4)', result: 1400 }],
    ],
  }]);
  const a = await analyzeFile(file);
  expect(projectsOf(a).find((p) => p.name === '白石工业园')?.completedYtd).toBe(800);
  const i = issue(a, 'E_FORMULA_NO_RESULT');
  expect(i).toMatchObject({ sheet: 'S', cell: 'E4', severity: 'error' });
  expect(a.hasErrors).toBe(true);
});

test('hidden sheets are not read, with a warning; both kinds of table in one workbook', async () => {
  const file = await writeBook(f('云峰镇-周报.xlsx'), [
    {
      name: '重点项目',
      rows: [
        ['重点项目推进情况表（截至2015年10月31日）'],
        ['项目名称', '总投资', '年度计划投资', '累计完成投资'],
        ['云峰大道', 1000, 500, 400],
      ],
    },
    {
      name: '9月',
      state: 'hidden',
      rows: [
        ['项目名称', '总投资', '年度计划投资', '累计完成投资'],
        ['云峰大道', 1000, 500, 300],
        ['旧项目', 1, 1, 1],
      ],
    },
    {
      name: '主要指标',
      rows: [
        ['主要指标完成情况（1-10月）'],
        ['指标名称', '单位', '2015年目标', '1-10月完成', '同比增长%', '完成年度目标%'],
        ['GDP', '亿元', 50, 41, 8.5, 0.82],
        ['财政总收入', '万元', 60000, 52000, 10, 0.87],
        ['城市化率', '%', 60, '58%', null, null],
      ],
    },
  ]);
  const a = await analyzeFile(file);
  expect(a.town).toBe('云峰镇'); // from the file name only
  expect(a.kinds).toEqual(['indicators', 'projects']);
  expect(issue(a, 'W_HIDDEN_SHEET')).toMatchObject({ sheet: '9月' });
  expect(projectsOf(a).map((p) => p.name)).toEqual(['云峰大道']);
  const ind = a.tables.find((t) => t.kind === 'indicators')!.indicators;
  expect(ind.map((i) => [i.catalog?.name, i.unit, i.values.target, i.values.actual])).toEqual([
    ['地区生产总值', '亿元', 50, 41],
    ['财政总收入', '亿元', 6, 5.2],
    ['城镇化率', '%', 60, 58],
  ]);
});

test('the town from a 填报单位 cell wins over the file name, with a warning naming both', async () => {
  const file = await writeBook(f('东溪镇.xlsx'), [{
    name: 'S',
    rows: [
      ['填报单位：白石镇', null, '2015.10.31'],
      ['项目名称', '总投资', '年度计划投资', '累计完成投资'],
      ['白石路', 100, 50, 40],
    ],
  }]);
  const a = await analyzeFile(file);
  expect(a.town).toBe('白石镇');
  expect(a.reportDate).toBe('2015-10-31');
  expect(issue(a, 'W_TOWN_CONFLICT')?.message).toContain('东溪镇');
});

test('a date cell near the title and a town alias', async () => {
  const file = await writeBook(f('x.xlsx'), [{
    name: 'S',
    rows: [
      ['龙门重点项目推进表', null, new Date(Date.UTC(2015, 9, 24))],
      ['项目名称', '总投资', '年度计划投资', '累计完成投资'],
      ['龙门桥', 100, 50, 40],
    ],
  }]);
  const a = await analyzeFile(file);
  expect(a.town).toBe('龙门镇');
  expect(a.reportDate).toBe('2015-10-24');
});

test('several tables in one sheet are each read', async () => {
  const file = await writeBook(f('y.xlsx'), [{
    name: 'S',
    rows: [
      ['云峰镇重点项目（截至2015年10月31日）'],
      ['项目名称', '总投资', '年度计划投资', '累计完成投资'],
      ['A路', 100, 50, 40],
      [],
      ['云峰镇主要指标'],
      ['指标名称', '单位', '年度目标', '1-10月累计'],
      ['固投', '亿元', 10, 8],
    ],
  }]);
  const a = await analyzeFile(file);
  expect(a.tables.map((t) => t.kind)).toEqual(['projects', 'indicators']);
  expect(a.tables[1].indicators[0].catalog?.name).toBe('固定资产投资');
});

test('a number formatted as a percentage is read as the user sees it (0.58 shown as 58%)', async () => {
  const file = await writeBook(f('pct.xlsx'), [{
    name: 'S',
    rows: [
      ['云峰镇主要指标（截至2015年10月31日）'],
      ['指标名称', '单位', '年度目标', '1-10月累计'],
      ['城镇化率', '%', { v: 0.6, numFmt: '0%' }, { v: 0.58, numFmt: '0.0%' }],
      ['三产占比', '%', 41, 39.6],
    ],
  }]);
  const a = await analyzeFile(file);
  const ind = a.tables[0].indicators.map((i) => [i.values.name, i.values.target, i.values.actual]);
  expect(ind).toEqual([['城镇化率', 60, 58], ['三产占比', 41, 39.6]]);
});

test('「其中」 breakdown rows, 「本页小计」 and a signature line without colon are not counted', async () => {
  const file = await writeBook(f('detail.xlsx'), [{
    name: 'S',
    rows: [
      ['云峰镇重点项目（截至2015年10月31日）'],
      ['序号', '项目名称', '总投资', '年度计划投资', '累计完成投资'],
      [1, '云峰新区开发', 10000, 3000, 2800],
      [null, '其中：一期道路', 6000, 2000, 1900],
      [null, '其中：二期管网', 4000, 1000, 900],
      [2, '总计划外项目整治', 100, 50, 45],
      ['本页小计', null, 10100, 3050, 2845],
      ['领导签字', null, null, null, null],
    ],
  }]);
  const a = await analyzeFile(file);
  expect(projectsOf(a).map((p) => p.name)).toEqual(['云峰新区开发', '总计划外项目整治']);
  expect(a.issues.map((i) => [i.code, i.cell])).toEqual([['W_UNIT_ASSUMED', 'A2'], ['W_DETAIL_ROWS', 'B4']]);
});

test('类别 and 项目组长 merged down over several projects belong to each of them; amounts are not spread', async () => {
  const file = await writeBook(f('vmerge.xlsx'), [{
    name: 'S',
    rows: [
      ['云峰镇重点项目（截至2015年10月31日）', null, null, null, null, '单位：万元'],
      ['项目类别', '项目名称', '总投资', '年度计划投资', '累计完成投资', '项目组长'],
      ['基础设施', '甲路', 100, 50, 40, '张明'],
      [null, '乙路', 200, 80, 70, null],
      [null, '丙桥', 300, 90, 60, '李华'],
      ['社会事业', '丁校', 400, 100, 90, '李华'],
    ],
    merges: ['A3:A5', 'F3:F4'],
  }]);
  const a = await analyzeFile(file);
  expect(projectsOf(a).map((p) => [p.name, p.category, p.leader, p.annualPlan])).toEqual([
    ['甲路', '基础设施', '张明', 50],
    ['乙路', '基础设施', '张明', 80],
    ['丙桥', '基础设施', '李华', 90],
    ['丁校', '社会事业', '李华', 100],
  ]);
});

test('a since-the-start cumulative column is never taken for 1-N月累计', async () => {
  const file = await writeBook(f('since.xlsx'), [{
    name: 'S',
    rows: [
      ['云峰镇重点项目（截至2015年10月31日）', null, null, null, '单位：万元'],
      ['项目名称', '总投资', '累计完成投资（开工以来）', '2015年计划投资', '2015年1-10月完成投资'],
      ['云峰大道', 5000, 3200, 2000, 1800],
      ['云峰桥', 800, 300, 400, 350],
    ],
  }]);
  const a = await analyzeFile(file);
  expect(projectsOf(a).map((p) => [p.completedSinceStart, p.annualPlan, p.completedYtd])).toEqual([[3200, 2000, 1800]]); // the second row is in error (350 this year > 300 since the start)
  expect(a.issues.map((i) => [i.code, i.cell])).toEqual([['E_YTD_GT_SINCE_START', 'E4']]);
});

test('a group header over 「合计｜其中…」 sub-headers: the 合计 column is the group\'s figure, the 其中 columns are not', async () => {
  const file = await writeBook(f('group-total.xlsx'), [{
    name: 'S',
    rows: [
      ['云峰镇重点项目（截至2015年10月31日）', null, null, null, null, null, '单位：万元'],
      ['项目名称', '总投资', null, null, '本年度', null, null],
      [null, '合计', '其中：政府投资', '社会投资', '计划投资', '1-10月完成', '完成率'],
      ['云峰大道', 5000, 3000, 2000, 2000, 1800, 0.9],
    ],
    merges: ['A2:A3', 'B2:D2', 'E2:G2'],
  }]);
  const a = await analyzeFile(file);
  expect(a.issues).toEqual([]);
  expect(projectsOf(a)[0]).toMatchObject({ totalInvestment: 5000, annualPlan: 2000, completedYtd: 1800 });
});

test('a section row written as 「一」 in 序号 and 「基础设施类」 under 项目名称', async () => {
  const file = await writeBook(f('bare-numeral.xlsx'), [{
    name: 'S',
    rows: [
      ['云峰镇重点项目（截至2015年10月31日）', null, null, null, '单位：万元'],
      ['序号', '项目名称', '总投资', '年度计划投资', '累计完成投资'],
      ['一', '基础设施类'],
      [1, '云峰大道', 5000, 2000, 1800],
      ['二', '社会事业类', 800, 400, 350],
      [2, '云峰小学', 800, 400, 350],
    ],
  }]);
  const a = await analyzeFile(file);
  expect(a.issues).toEqual([]);
  expect(projectsOf(a).map((p) => [p.name, p.category])).toEqual([['云峰大道', '基础设施'], ['云峰小学', '社会事业']]);
});

test('a 序号 formula without result or with an error does not make an empty row a nameless one', async () => {
  const file = await writeBook(f('seq-formula.xlsx'), [{
    name: 'S',
    rows: [
      ['云峰镇重点项目（截至2015年10月31日）', null, null, null, '单位：万元'],
      ['序号', '项目名称', '总投资', '年度计划投资', '累计完成投资'],
      [{ formula: 'ROW()-2', result: 1 }, '云峰大道', 5000, 2000, 1800],
      [{ formula: 'ROW()-2' }],
      [{ formula: 'A4+1', result: { error: '#REF!' } }],
    ],
  }]);
  const a = await analyzeFile(file);
  expect(a.issues).toEqual([]);
  expect(projectsOf(a).map((p) => p.name)).toEqual(['云峰大道']);
});

test('three header rows: a year over 计划投资 and 投资完成, itself over 本周｜1-10月累计｜占计划%', async () => {
  const file = await writeBook(f('three-rows.xlsx'), [{
    name: 'S',
    rows: [
      ['云峰镇重点项目推进情况表（截至2015年10月31日）　单位：万元'],
      ['序号', '项目名称', '总投资', '2015年', null, null, null, '项目组长'],
      [null, null, null, '计划投资', '投资完成', null, null, null],
      [null, null, null, null, '本周', '1-10月累计', '占计划%', null],
      [1, '云峰大道', 5000, 2000, 40, 1800, 0.9, '张明'],
      [2, '云峰桥', 800, 400, 10, 300, 0.75, '李华'],
    ],
    merges: ['A1:H1', 'A2:A4', 'B2:B4', 'C2:C4', 'D2:G2', 'D3:D4', 'E3:G3', 'H2:H4'],
  }]);
  const a = await analyzeFile(file);
  expect(a.issues).toEqual([]);
  expect(projectsOf(a).map((p) => [p.name, p.totalInvestment, p.annualPlan, p.weekDone, p.completedYtd, p.leader])).toEqual([
    ['云峰大道', 5000, 2000, 40, 1800, '张明'],
    ['云峰桥', 800, 400, 10, 300, '李华'],
  ]);
});

test('rows hidden by hand or by a filter are counted, and said', async () => {
  const file = await writeBook(f('hidden-rows.xlsx'), [{
    name: 'S',
    rows: [
      ['云峰镇重点项目（截至2015年10月31日）', null, null, '单位：万元'],
      ['项目名称', '总投资', '年度计划投资', '累计完成投资'],
      ['云峰大道', 5000, 2000, 1800],
      ['云峰桥', 800, 400, 300],
      ['云峰公园', 600, 300, 200],
    ],
    hiddenRows: [4],
  }]);
  const a = await analyzeFile(file);
  expect(projectsOf(a)).toHaveLength(3);
  expect(a.issues.map((i) => [i.code, i.cell])).toEqual([['W_HIDDEN_ROWS', 'A4']]);
});
