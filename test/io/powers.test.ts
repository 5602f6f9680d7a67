/**
 * The delegated-powers register (扩权强镇事项): real workbooks written and read back — recognition in the layouts
 * officials use, every rule (code, severity, cell), the county's department list, totals that add up, consolidation,
 * the JSON keys and the summary sheet.
 */
import ExcelJS from 'exceljs';
import * as path from 'node:path';
import {
  AnalyzedFile,
  DEFAULT_DEPARTMENTS,
  POWER_STATUSES,
  POWER_WAYS,
  PowerRecord,
  WorkbookAnalysis,
  addPowerTotals,
  analysisContext,
  analyzeWorkbook,
  consolidate,
  departmentKey,
  indexDepartments,
  matchDepartment,
  parseCountyConfig,
  powerTotals,
  toJsonReport,
} from '../../core';
import { readWorkbookBytesInProcess } from '../../io/read/read-workbook';
import { writeSummaryWorkbook } from '../../io/write/summary-workbook';
import { ROSTER, analyzeFile, tmpDir, writeBook } from '../support/books';
import { promises as fsp } from 'node:fs';
import { needs } from '../support/programs';

let dir: string;
let n = 0;
beforeAll(async () => {
  dir = await tmpDir('xcs-powers-');
});

const TITLE = ['云峰镇扩权强镇事项承接情况登记表（截至2015年10月31日）'];
const H = ['序号', '原实施部门', '事项名称', '权力类型', '下放方式', '法律依据', '承接机构', '承接状态', '启用日期'];
type Extra = Partial<Record<'type' | 'way' | 'basis' | 'recv' | 'status' | 'date', unknown>>;
/** A register row; a key given in extra (null included) replaces the default. */
const row = (i: number, dept: string | null, name: string, extra: Extra = {}) => {
  const v = (k: keyof Extra, d: unknown) => (k in extra ? extra[k] : d);
  return [i, dept, name, v('type', '行政许可'), v('way', '委托'), v('basis', '《某某条例》第十条'), v('recv', '行政审批服务分中心'),
    v('status', '已承接'), v('date', new Date(Date.UTC(2015, 8, 1)))];
};

async function register(rows: unknown[][], header: unknown[] = H, extraSheets: { name: string; rows: unknown[][] }[] = []): Promise<WorkbookAnalysis> {
  const file = await writeBook(path.join(dir, `w${n++}.xlsx`), [{ name: '扩权事项', rows: [TITLE, header, ...rows] }, ...extraSheets]);
  return analyzeFile(file);
}

const powersOf = (a: WorkbookAnalysis) => a.tables.filter((t) => t.kind === 'powers').flatMap((t) => t.powers.map((p) => p.values));

function only(a: WorkbookAnalysis, code: string) {
  const found = a.issues.filter((i) => i.code === code);
  expect(found).toHaveLength(1);
  expect(found[0].message).toMatch(/[\u4e00-\u9fff]/);
  return found[0];
}

test('a clean register: recognised as powers, values in their canonical forms, dates from Date, serial and text', async () => {
  const a = await register([
    row(1, '县发改局', '企业投资项目备案'),
    row(2, '发展和改革局', '固定资产投资项目节能审查', { way: '依法授权', status: '承接', date: 42278 }),
    row(3, '青川县住房和城乡建设局', '建筑工程施工许可', { way: '委托', status: '部分承接', date: '2015年10月1日' }),
    row(4, '安监', '生产经营单位安全检查', { type: '行政检查', way: '综合执法试点', status: '待审批', date: null }),
    row(5, '县公安局', '暂住证办理', { type: '许可', way: '延伸机构', status: '未承接', date: '2015.10.15' }),
  ]);
  expect(a.issues.filter((i) => i.severity === 'error')).toEqual([]);
  expect(a.kinds).toEqual(['powers']);
  expect(a.town).toBe('云峰镇');
  expect(a.reportDate).toBe('2015-10-31');
  const p = powersOf(a);
  expect(p.map((x) => [x.department, x.way, x.status, x.powerType, x.startDate])).toEqual([
    ['县发改局', '委托', '已承接', '行政许可', '2015-09-01'],
    ['县发改局', '授权', '已承接', '行政许可', '2015-10-01'],
    ['县住建局', '委托', '部分承接', '行政许可', '2015-10-01'],
    ['县安监局', '综合执法', '待批准', '其他', null],
    ['县公安局', '延伸机构', '未承接', '行政许可', '2015-10-15'],
  ]);
  expect(a.issues).toEqual([]);
});

test('department names: short and long forms, with or without the county, are one department', () => {
  const idx = indexDepartments(DEFAULT_DEPARTMENTS);
  expect(DEFAULT_DEPARTMENTS).toHaveLength(18);
  for (const s of ['县发改局', '发改局', '发展和改革局', '县发展和改革局', '青川县发展和改革局', '发改', '县发改局（物价局）']) {
    expect(matchDepartment(s, idx)).toBe('县发改局');
  }
  expect(matchDepartment('人社局', idx)).toBe('县人力社保局');
  expect(matchDepartment('县文化广电新闻出版局', idx)).toBe('县文广新局');
  expect(matchDepartment('县教育局', idx)).toBeNull();
  expect(departmentKey('云和县安监局')).toBe('安监局');
  // every form of every department maps to that department and no other
  for (const d of DEFAULT_DEPARTMENTS) for (const f of [d.name, d.full, ...d.aliases]) if (f) expect(matchDepartment(f, idx)).toBe(d.name);
});

test('E_POWER_DEPARTMENT: a department not in the county list (error, at its cell)', async () => {
  const a = await register([row(1, '县发改局', '甲'), row(2, '县教育局', '中小学校舍安全检查')]);
  const i = only(a, 'E_POWER_DEPARTMENT');
  expect(i).toMatchObject({ severity: 'error', sheet: '扩权事项', cell: 'B4' });
  expect(i.message).toContain('县教育局');
  expect(a.hasErrors).toBe(true);
});

test('E_POWER_WAY: 下放方式 not one of the six ways', async () => {
  const a = await register([row(1, '县发改局', '甲', { way: '下放' })]);
  expect(only(a, 'E_POWER_WAY')).toMatchObject({ severity: 'error', cell: 'E3' });
});

test('E_POWER_STATUS: 承接状态 not from its list', async () => {
  const a = await register([row(1, '县发改局', '甲', { status: '研究中' })]);
  expect(only(a, 'E_POWER_STATUS')).toMatchObject({ severity: 'error', cell: 'H3' });
});

test('E_POWER_REQUIRED: an empty department, way or status', async () => {
  const a = await register([row(1, '县发改局', '甲', { status: null }), [2, null, '乙', '行政许可', '委托', null, null, '已承接']]);
  const found = a.issues.filter((i) => i.code === 'E_POWER_REQUIRED');
  expect(found.map((i) => [i.severity, i.cell])).toEqual([['error', 'H3'], ['error', 'B4']]);
  expect(found[0].message).toContain('承接状态');
});

test('E_POWER_DATE: a 启用日期 that is no date; W_POWER_TYPE: a type off the list only warns', async () => {
  const a = await register([row(1, '县发改局', '甲', { date: '待定' }), row(2, '县发改局', '乙', { type: '行政备案' })]);
  expect(only(a, 'E_POWER_DATE')).toMatchObject({ severity: 'error', cell: 'I3' });
  const w = only(a, 'W_POWER_TYPE');
  expect(w).toMatchObject({ severity: 'warning', cell: 'D4' });
  expect(powersOf(a).map((p) => p.name)).toEqual(['乙']);
});

test('E_DUP_POWER: a power twice in one department (any spelling of it); the same name in two departments is fine', async () => {
  const a = await register([
    row(1, '县发改局', '企业投资项目备案'),
    row(2, '县环保局', '企业投资项目备案'),
    row(3, '发展和改革局', '企业投资项目 备案'),
  ]);
  const i = only(a, 'E_DUP_POWER');
  expect(i).toMatchObject({ severity: 'error', cell: 'C5' });
  expect(i.message).toContain('第 3 行');
  expect(i.message).toContain('县发改局');
});

test('E_DUP_POWER across two sheets of one workbook', async () => {
  const a = await register([row(1, '县发改局', '甲')], H, [{ name: '扩权事项(2)', rows: [TITLE, H, row(1, '县发改局', '甲')] }]);
  expect(only(a, 'E_DUP_POWER')).toMatchObject({ sheet: '扩权事项(2)', cell: 'C3' });
});

test('E_POWER_NO_NAME: a row with a way and a status but no name', async () => {
  const a = await register([row(1, '县发改局', '甲'), [2, '县发改局', null, '行政许可', '委托', null, null, '已承接']]);
  expect(only(a, 'E_POWER_NO_NAME')).toMatchObject({ severity: 'error', cell: 'C4' });
});

test('E_REQUIRED_COLUMN: a register without 承接状态', async () => {
  const a = await register([[1, '县发改局', '甲', '委托']], ['序号', '原实施部门', '事项名称', '下放方式']);
  expect(only(a, 'E_REQUIRED_COLUMN')).toMatchObject({ severity: 'error', cell: 'A2' });
  expect(a.issues.find((i) => i.code === 'E_REQUIRED_COLUMN')!.message).toContain('承接状态');
});

test('layout: two header rows, department headings instead of a column, merged cells, synonyms, 合计 and a footer', async () => {
  const file = path.join(dir, `l${n++}.xlsx`);
  await writeBook(file, [{
    name: '事项清单',
    rows: [
      ['扩权强镇事项清单'],
      ['填报单位：东溪镇', null, null, null, null, '截至2015年10月31日'],
      ['序号', '事项名称', '事项类型', '下放情况', null, '落实情况', '实施时间'],
      [null, null, null, '放权方式', '承接单位', null, null],
      ['一、县发改局（2项）'],
      [1, '企业投资项目核准', '许可', '委托', '经济发展办公室', '已落实', '2015-09-01'],
      [2, '政府投资项目审批', '许可', '委托', null, '已落实', '2015-09-01'],
      ['二、县环保局（1项）'],
      [1, '建设项目环境影响登记', '行政许可类', '交办', '镇村规划建设办公室', '尚未承接', null],
      ['合计', '3项'],
      ['填报人：王芳　　分管领导签字：'],
    ],
    merges: ['A1:G1', 'D3:E3', 'A3:A4', 'B3:B4', 'C3:C4', 'F3:F4', 'G3:G4', 'E6:E7'],
  }]);
  const a = await analyzeFile(file);
  expect(a.issues.filter((i) => i.severity === 'error')).toEqual([]);
  expect(a.town).toBe('东溪镇');
  expect(powersOf(a).map((p) => [p.department, p.name, p.way, p.receiver, p.status, p.powerType])).toEqual([
    ['县发改局', '企业投资项目核准', '委托', '经济发展办公室', '已承接', '行政许可'],
    ['县发改局', '政府投资项目审批', '委托', '经济发展办公室', '已承接', '行政许可'],
    ['县环保局', '建设项目环境影响登记', '交办', '镇村规划建设办公室', '未承接', '行政许可'],
  ]);
});

test('layout: a department merged down over its powers', async () => {
  const file = path.join(dir, `m${n++}.xlsx`);
  await writeBook(file, [{
    name: 'Sheet1',
    rows: [TITLE, H, row(1, '县民政局', '甲'), row(2, null, '乙'), row(3, null, '丙'), row(4, '县司法局', '丁')],
    merges: ['B3:B5'],
  }]);
  const a = await analyzeFile(file);
  expect(a.issues).toEqual([]);
  expect(powersOf(a).map((p) => p.department)).toEqual(['县民政局', '县民政局', '县民政局', '县司法局']);
});

test('one workbook with projects, indicators and powers: three tables, none confused with another', async () => {
  const file = await writeBook(path.join(dir, `three${n++}.xlsx`), [
    { name: '项目', rows: [['云峰镇重点项目（截至2015年10月31日）'], ['单位：万元'], ['项目名称', '总投资', '年度计划投资', '累计完成投资', '状态'], ['甲路', 100, 50, 45, '在建']] },
    { name: '指标', rows: [['主要指标'], ['指标名称', '单位', '年度目标', '1-10月累计'], ['地区生产总值', '亿元', 50, 40]] },
    { name: '扩权', rows: [TITLE, H, row(1, '县发改局', '甲路')] },
  ]);
  const a = await analyzeFile(file);
  expect(a.issues.filter((i) => i.severity === 'error')).toEqual([]);
  expect(a.tables.map((t) => t.kind)).toEqual(['projects', 'indicators', 'powers']);
  expect(a.kinds).toEqual(['indicators', 'powers', 'projects']);
});

test('a blank register (header only) is E_EMPTY_TABLE', async () => {
  const a = await register([]);
  expect(only(a, 'E_EMPTY_TABLE')).toMatchObject({ severity: 'error', sheet: '扩权事项', cell: 'A2' });
});

test('county.json departments replace the list; their aliases are accepted, others refused', async () => {
  const cfg = parseCountyConfig(JSON.stringify({ departments: ['县发改局', { name: '县教育局', full: '县教育体育局', aliases: ['教体局'] }] }), 'county.json');
  expect(cfg.ok).toBe(true);
  if (!cfg.ok) return;
  expect(cfg.departments.map((d) => d.name)).toEqual(['县发改局', '县教育局']);
  const file = await writeBook(path.join(dir, `cfg${n++}.xlsx`), [{ name: '扩权事项', rows: [TITLE, H, row(1, '教体局', '甲'), row(2, '县发改局', '乙'), row(3, '县环保局', '丙')] }]);
  const outcome = await readWorkbookBytesInProcess(await fsp.readFile(file), 'x.xlsx');
  if (!outcome.ok) throw new Error(outcome.message);
  const a = analyzeWorkbook('x.xlsx', outcome.grids, analysisContext({ roster: ROSTER, asOf: '2015-10-31', departments: cfg.departments }));
  expect(a.issues.map((i) => [i.code, i.cell])).toEqual([['E_POWER_DEPARTMENT', 'B5']]);
  const bad = parseCountyConfig(JSON.stringify({ departments: ['县发改局', '县发改局'] }), 'county.json');
  expect(bad).toMatchObject({ ok: false });
  if (!bad.ok) expect(bad.message).toContain('县发改局');
  expect(parseCountyConfig(JSON.stringify({ departments: [] }), 'c.json')).toMatchObject({ ok: false });
});

/* ------------------------------------------------------------------------------------------------ totals ----- */

function randomPowers(seed: number, count: number): PowerRecord[] {
  let x = seed;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  const depts = DEFAULT_DEPARTMENTS.map((d) => d.name);
  return Array.from({ length: count }, (_, i) => ({
    department: depts[Math.floor(rnd() * depts.length)], name: `事项${i}`, powerType: null, way: POWER_WAYS[Math.floor(rnd() * 6)],
    basis: null, receiver: null, status: POWER_STATUSES[Math.floor(rnd() * 4)], startDate: null, source: { file: 'f', sheet: 's', row: i + 3 },
  }));
}

test('totals by way, by status and by department add up to the count (town and county), for any register', () => {
  const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
  const towns = [0, 1, 17, 143, 500].map((k, i) => powerTotals(randomPowers(i + 1, k)));
  for (const [i, t] of towns.entries()) {
    expect(t.count).toBe([0, 1, 17, 143, 500][i]);
    for (const r of [t.byWay, t.byStatus, t.byDepartment]) expect(sum(r)).toBe(t.count);
    expect(Object.keys(t.byWay)).toEqual(POWER_WAYS);
    expect(Object.keys(t.byStatus)).toEqual(POWER_STATUSES);
  }
  const county = addPowerTotals([...towns, null]);
  expect(county.count).toBe(661);
  for (const r of [county.byWay, county.byStatus, county.byDepartment]) expect(sum(r)).toBe(661);
  expect(county.byWay['委托']).toBe(towns.reduce((a, t) => a + t.byWay['委托'], 0));
});

/* ----------------------------------------------------------------------------------------- consolidation ----- */

async function analyzed(name: string, sheets: { name: string; rows: unknown[][] }[], mtimeMs = 0): Promise<AnalyzedFile> {
  const file = await writeBook(path.join(dir, `c${n++}`, name), sheets);
  const outcome = await readWorkbookBytesInProcess(await fsp.readFile(file), name);
  if (!outcome.ok) throw new Error(outcome.message);
  return { file: name, mtimeMs, ok: true, analysis: analyzeWorkbook(name, outcome.grids, analysisContext({ roster: ROSTER, asOf: '2015-10-31' })) };
}

test('consolidation: the latest register per town, town and county totals, JSON keys, the 扩权事项 sheet', async () => {
  const older = await analyzed('云峰镇扩权事项（2015.10.24）.xlsx', [{ name: 'S', rows: [['云峰镇扩权强镇事项（截至2015年10月24日）'], H, row(1, '县发改局', '甲', { status: '未承接' })] }]);
  const latest = await analyzed('云峰镇扩权事项（2015.10.31）.xlsx', [{ name: 'S', rows: [TITLE, H,
    row(1, '县发改局', '甲'), row(2, '县发改局', '乙', { way: '授权' }), row(3, '县环保局', '丙', { status: '待批准' })] }]);
  const projects = await analyzed('云峰镇重点项目.xlsx', [{ name: 'P', rows: [['云峰镇重点项目（截至2015年10月31日）'], ['单位：万元'], ['项目名称', '总投资', '年度计划投资', '累计完成投资'], ['甲路', 100, 50, 45]] }]);
  const other = await analyzed('南岭镇扩权事项.xlsx', [{ name: 'S', rows: [['南岭镇扩权强镇事项（截至2015年10月31日）'], H, row(1, '县林业局', '林木采伐许可', { way: '干部兼职' })] }]);
  const bad = await analyzed('白石镇扩权事项.xlsx', [{ name: 'S', rows: [['白石镇扩权强镇事项（截至2015年10月31日）'], H, row(1, '县林业局', '林木采伐许可', { way: '下放' })] }]);
  const r = consolidate([older, latest, projects, other, bad], { roster: ROSTER, asOf: '2015-10-31' });
  const st = Object.fromEntries(r.files.map((f) => [f.file, f.status]));
  expect(st).toEqual({
    '云峰镇扩权事项（2015.10.24）.xlsx': 'superseded', '云峰镇扩权事项（2015.10.31）.xlsx': 'accepted', '云峰镇重点项目.xlsx': 'accepted',
    '南岭镇扩权事项.xlsx': 'accepted', '白石镇扩权事项.xlsx': 'rejected',
  });
  const yf = r.towns.find((t) => t.town === '云峰镇')!;
  expect(yf.files.sort()).toEqual(['云峰镇扩权事项（2015.10.31）.xlsx', '云峰镇重点项目.xlsx']);
  expect(yf.powers).toMatchObject({ count: 3, byWay: { 委托: 2, 授权: 1, 交办: 0 }, byStatus: { 已承接: 2, 待批准: 1, 未承接: 0 } });
  expect(yf.powers!.byDepartment['县发改局']).toBe(2);
  expect(yf.powerList!.map((p) => `${p.source.sheet}!${p.source.row}`)).toEqual(['S!3', 'S!4', 'S!5']);
  const nl = r.towns.find((t) => t.town === '南岭镇')!;
  expect(nl.status).toBe('submitted');
  expect(nl.projects).toBeNull();
  expect(nl.powers!.count).toBe(1);
  expect(r.towns.find((t) => t.town === '白石镇')!).toMatchObject({ status: 'rejected', powers: null });
  expect(r.county.powers).toMatchObject({ count: 4, byWay: { 委托: 2, 授权: 1, 干部兼职: 1 }, byStatus: { 已承接: 3, 待批准: 1 } });

  const json = toJsonReport(r);
  const jt = json.towns.find((t) => t.town === '云峰镇')!;
  expect(Object.keys(jt.powers!)).toEqual(['count', 'byWay', 'byStatus']);
  expect(jt.powers!.count).toBe(3);
  expect(json.towns.find((t) => t.town === '东溪镇')!.powers).toBeNull();
  expect(Object.keys(json.county.powers!)).toEqual(['count', 'byWay', 'byStatus']);
  expect(json.county.powers!.byWay).toEqual({ 授权: 1, 委托: 2, 交办: 0, 延伸机构: 0, 干部兼职: 1, 综合执法: 0 });

  // the summary: a 扩权事项 sheet, town × department with row and column totals, by way and by status
  const out = path.join(dir, 'summary.xlsx');
  await writeSummaryWorkbook(r, out, { county: '青川县' });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.getWorksheet('扩权事项')!;
  expect(ws).toBeDefined();
  const cells: string[][] = [];
  ws.eachRow((rw) => cells.push((rw.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  const header = cells.find((c) => c[0] === '乡镇')!;
  expect(header.slice(1, 3)).toEqual(['县发改局', '县经信局']);
  expect(header[header.length - 1]).toBe('合计');
  const ncol = header.length;
  const yRow = cells.find((c) => c[0] === '云峰镇')!;
  expect(yRow[header.indexOf('县发改局')]).toBe('2');
  expect(yRow[header.indexOf('县环保局')]).toBe('1');
  expect(yRow[ncol - 1]).toBe('3');
  const total = cells.find((c) => c[0] === '全县合计')!;
  expect(total[ncol - 1]).toBe('4');
  expect(total[header.indexOf('县林业局')]).toBe('1');
  // 二: by way and by status side by side, each with its 合计
  const wsHeader = cells.find((c) => c[0] === '乡镇' && c[1] === '授权')!;
  expect(wsHeader.slice(1, 13)).toEqual([...POWER_WAYS, '合计', ...POWER_STATUSES, '合计']);
  const totals = cells.filter((c) => c[0] === '全县合计');
  expect(totals).toHaveLength(2);
  expect(totals[1].slice(1, 13)).toEqual(['1', '2', '0', '0', '1', '0', '4', '3', '0', '0', '1', '4']);
  const yRow2 = cells.filter((c) => c[0] === '云峰镇')[1];
  expect(yRow2.slice(1, 13)).toEqual(['1', '2', '0', '0', '0', '0', '3', '2', '0', '0', '1', '3']);
  // rejected and missing towns are listed without figures, and the note says why
  expect(cells.find((c) => c[0] === '白石镇')!.slice(1).every((v) => v === '')).toBe(true);
  expect(cells.find((c) => c[0].startsWith('注：'))![0]).toContain('白石镇（退回）');
  expect(ws.pageSetup.orientation).toBe('landscape');
});

test('a county with a short department list: its departments are the columns, the second table still fits', async () => {
  const departments = [{ name: '县发改局', aliases: ['发改'] }, { name: '县林业局', aliases: [] }];
  const file = await writeBook(path.join(dir, `short${n++}.xlsx`), [{ name: 'S', rows: [TITLE, H, row(1, '发改', '甲'), row(2, '县林业局', '乙', { status: '未承接' })] }]);
  const outcome = await readWorkbookBytesInProcess(await fsp.readFile(file), '云峰镇.xlsx');
  if (!outcome.ok) throw new Error(outcome.message);
  const opts = { roster: ROSTER, asOf: '2015-10-31', departments };
  const a = analyzeWorkbook('云峰镇.xlsx', outcome.grids, analysisContext(opts));
  expect(a.issues).toEqual([]);
  const r = consolidate([{ file: '云峰镇.xlsx', ok: true, analysis: a }], opts);
  expect(r.county.powers!.byDepartment).toEqual({ 县发改局: 1, 县林业局: 1 });
  const out = path.join(dir, `short${n++}-summary.xlsx`);
  await writeSummaryWorkbook(r, out);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const cells: string[][] = [];
  wb.getWorksheet('扩权事项')!.eachRow((rw) => cells.push((rw.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  expect(cells.find((c) => c[0] === '乡镇')!.slice(0, 4)).toEqual(['乡镇', '县发改局', '县林业局', '合计']);
  expect(cells.filter((c) => c[0] === '全县合计')[1].slice(1, 13)).toEqual(['0', '2', '0', '0', '0', '0', '2', '1', '0', '1', '0', '2']);
});

needs('soffice').test('the sample registers in their three layouts, saved again by LibreOffice, read back to the same powers', async () => {
  const { spawnSync } = await import('node:child_process');
  const county = path.resolve(__dirname, '..', '..', 'sample', 'county');
  const names = ['云峰镇扩权强镇事项承接情况登记表.xlsx', '壶源镇扩权强镇事项清单.xlsx', '南岭镇扩权强镇事项承接情况表.xlsx'];
  const lo = await tmpDir('xcs-powers-lo-');
  const inputs: string[] = [];
  for (const [i, name] of names.entries()) {
    inputs.push(path.join(lo, `in${i}.xlsx`));
    await fsp.copyFile(path.join(county, name), inputs[i]);
  }
  const r = spawnSync('soffice', ['--headless', `-env:UserInstallation=file://${lo}/profile`, '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', path.join(lo, 'out'), ...inputs], { encoding: 'utf8', timeout: 240000 });
  expect(r.error).toBeUndefined();
  const roster = [...ROSTER, { name: '壶源镇', aliases: [] }];
  for (const [i, name] of names.entries()) {
    const read = async (file: string) => {
      const o = await readWorkbookBytesInProcess(await fsp.readFile(file), name);
      if (!o.ok) throw new Error(o.message);
      const a = analyzeWorkbook(name, o.grids, analysisContext({ roster, asOf: '2015-10-31' }));
      return { town: a.town, errors: a.issues.filter((x) => x.severity === 'error'), powers: powersOf(a) };
    };
    const before = await read(inputs[i]);
    const after = await read(path.join(lo, 'out', `in${i}.xlsx`));
    expect(before.errors).toEqual([]);
    expect(before.powers.length).toBeGreaterThan(30);
    expect(after).toEqual(before);
  }
}, 300000);

test('a project table with 部门, 类型 and 状态 columns stays a project table; a register is never an indicator table', async () => {
  const file = await writeBook(path.join(dir, `proj${n++}.xlsx`), [
    { name: '项目', rows: [['云峰镇重点项目（截至2015年10月31日）'], ['单位：万元'], ['项目名称', '类型', '责任部门', '总投资', '年度计划投资', '累计完成投资', '状态', '存在问题及需协调事项'], ['甲路', '基础设施', '县住建局', 100, 50, 45, '在建', null]] },
    { name: '事项', rows: [TITLE, ['序号', '事项名称', '单位', '下放方式', '承接情况', '目标'], [1, '甲', '县发改局', '委托', '已承接', null]] },
  ]);
  const a = await analyzeFile(file);
  expect(a.tables.map((t) => t.kind)).toEqual(['projects', 'powers']);
  expect(a.tables[0].projects[0].values).toMatchObject({ name: '甲路', category: '基础设施', unit: '县住建局', status: '在建' });
});
