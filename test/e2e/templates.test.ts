/**
 * The templates towns are asked to fill: their columns are the schema's fields, the committed files are exactly what
 * the generator writes from the schema (cells, formats, validations, protection), LibreOffice opens them, and a filled
 * template is read back clean (no issue at all) with the figures that were typed in.
 */
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { DEFAULT_DEPARTMENTS, FIELDS, POWER_STATUSES, POWER_TYPES, POWER_WAYS, PROJECT_CATEGORIES, PROJECT_STATUSES } from '../../core';
import { analyzeFile, tmpDir } from '../support/books';
import { needs } from '../support/programs';

const ROOT = path.resolve(__dirname, '..', '..');
const T = path.join(ROOT, 'templates');
const PROJECTS = path.join(T, '重点项目进度表（模板）.xlsx');
const INDICATORS = path.join(T, '主要指标完成情况表（模板）.xlsx');
const POWERS = path.join(T, '扩权强镇事项登记表（模板）.xlsx');
const NAMES = [PROJECTS, INDICATORS, POWERS].map((f) => path.basename(f));

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** What a template is, cell by cell (not its zip bytes, which carry timestamps). */
function describe(wb: ExcelJS.Workbook) {
  return wb.worksheets.map((ws) => {
    const cells: string[] = [];
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      row.eachCell({ includeEmpty: true }, (c, col) => {
        const v = c.value === null || c.value === undefined ? '' : JSON.stringify(c.value);
        cells.push(`${r},${col}|${v}|${c.numFmt ?? ''}|${c.protection?.locked === false ? 'unlocked' : 'locked'}|${JSON.stringify(c.dataValidation ?? null)}`);
      });
    });
    const model = ws.model as unknown as { merges: string[]; sheetProtection: unknown; cols: unknown };
    return {
      name: ws.name,
      state: ws.state,
      cells,
      merges: [...model.merges].sort(),
      protection: model.sheetProtection ?? null,
      widths: ws.columns.map((c) => c.width ?? null),
      views: ws.views,
      pageSetup: { ...ws.pageSetup, margins: ws.pageSetup.margins },
    };
  });
}

test('the committed templates are exactly what make-templates writes from the schema', async () => {
  const dir = await tmpDir('xcs-tpl-gen-');
  const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'tools', 'templates', 'make-templates.js'), dir], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  for (const name of NAMES) {
    const committed = describe(await load(path.join(T, name)));
    const generated = describe(await load(path.join(dir, name)));
    expect({ name, sheets: committed }).toEqual({ name, sheets: generated });
  }
});

test('the comparison sees a changed validation, protection, format or cell', async () => {
  const base = describe(await load(POWERS));
  const edits: ((ws: ExcelJS.Worksheet) => void)[] = [
    (ws) => (ws.getCell('E4').dataValidation = { type: 'list', allowBlank: true, formulae: ['"授权,委托"'] }),
    (ws) => (ws.getCell('B10').protection = { locked: true }),
    (ws) => (ws.getCell('I5').numFmt = 'General'),
    (ws) => (ws.getCell('C3').value = '事项'),
    (ws) => ws.unprotect(),
  ];
  for (const edit of edits) {
    const wb = await load(POWERS);
    edit(wb.getWorksheet('扩权事项')!);
    expect(describe(wb)).not.toEqual(base);
  }
});

test('header row protected without a password, data rows unlocked, drop-down lists and formats from the schema', async () => {
  for (const file of [PROJECTS, INDICATORS, POWERS]) {
    const wb = await load(file);
    const ws = wb.worksheets[0];
    const prot = (ws.model as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection;
    expect(prot).toMatchObject({ sheet: true, insertRows: true });
    expect(prot.hashValue).toBeUndefined();
    expect(ws.getCell('B3').protection?.locked).not.toBe(false);
    for (const a of ['A1', 'A2', 'B4', 'C53', `A54`]) expect(ws.getCell(a).protection?.locked).toBe(false);
    expect(wb.getWorksheet('填表说明')).toBeDefined();
  }
  const list = (ws: ExcelJS.Worksheet, a: string) => String(ws.getCell(a).dataValidation?.formulae?.[0] ?? '').replace(/^"|"$/g, '').split(',');
  const p = (await load(PROJECTS)).worksheets[0];
  expect(list(p, 'C4')).toEqual(PROJECT_CATEGORIES);
  expect(list(p, 'P20')).toEqual(PROJECT_STATUSES);
  expect(p.getCell('F4').numFmt).toBe('#,##0.00');
  // the month in 「1-N月累计完成投资」 is the clerk's to set
  expect(p.getCell('I3').protection?.locked).toBe(false);
  const w = (await load(POWERS)).worksheets[0];
  expect(list(w, 'B4')).toEqual(DEFAULT_DEPARTMENTS.map((d) => d.name));
  expect(list(w, 'D4')).toEqual(POWER_TYPES);
  expect(list(w, 'E53')).toEqual(POWER_WAYS);
  expect(list(w, 'H4')).toEqual(POWER_STATUSES);
  expect(w.getCell('I4').numFmt).toBe('yyyy-mm-dd');
  expect(w.getCell('I4').dataValidation?.type).toBe('date');
  // the instructions name every column with what may go in it
  const notes: string[] = [];
  (await load(POWERS)).getWorksheet('填表说明')!.eachRow((r) => notes.push(String(r.getCell(2).value ?? '')));
  for (const f of FIELDS.powers) expect(notes.some((t) => t.startsWith(`「${f.label}」`))).toBe(true);
  expect(notes.find((t) => t.startsWith('「下放方式」'))).toContain(POWER_WAYS.join('、'));
  expect(notes.find((t) => t.startsWith('「原实施部门」'))).toContain('必填');
});

needs('soffice').test('LibreOffice opens every template and keeps its header', async () => {
  const dir = await tmpDir('xcs-tpl-lo-');
  const lo = spawnSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', path.join(dir, 'out'), PROJECTS, INDICATORS, POWERS], { encoding: 'utf8', timeout: 240000 });
  expect(lo.error).toBeUndefined();
  for (const [file, kind] of [[PROJECTS, 'projects'], [INDICATORS, 'indicators'], [POWERS, 'powers']] as const) {
    const back = path.join(dir, 'out', path.basename(file));
    expect((await headerRow(back)).slice(0, 3)).toEqual(FIELDS[kind].filter((f) => !f.notInTemplate).slice(0, 3).map((f) => f.label));
    const a = await analyzeFile(back);
    expect(a.issues.map((i) => i.code)).toContain('E_EMPTY_TABLE');
  }
}, 300000);

async function headerRow(file: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0];
  const values = ws.getRow(3).values as unknown[];
  return values.slice(1).map((v) => String(v ?? ''));
}

test('the template columns are the schema fields, in order', async () => {
  expect((await headerRow(PROJECTS))).toEqual(FIELDS.projects.filter((f) => !f.notInTemplate).map((f) => f.label));
  expect((await headerRow(INDICATORS)).slice(0, FIELDS.indicators.length)).toEqual(FIELDS.indicators.map((f) => f.label));
  expect(await headerRow(POWERS)).toEqual(FIELDS.powers.map((f) => f.label));
});

test('a blank template is recognised and refused as blank', async () => {
  for (const file of [PROJECTS, INDICATORS, POWERS]) {
    const a = await analyzeFile(file);
    expect(a.issues.map((i) => i.code)).toContain('E_EMPTY_TABLE');
    expect(a.hasErrors).toBe(true);
  }
});

test('the powers template filled in as the instructions say reads back clean', async () => {
  const dir = await tmpDir('xcs-tpl-');
  const wb = await load(POWERS);
  const ws = wb.getWorksheet('扩权事项')!;
  ws.getCell('A1').value = '云峰镇扩权强镇事项承接情况登记表（截至2015年10月31日）';
  ws.getCell('A2').value = '填报单位：云峰镇';
  ws.getRow(4).values = [1, '县发改局', '企业投资项目备案', '行政许可', '委托', '《浙江省企业投资项目核准和备案暂行办法》', '经济发展办公室', '已承接', new Date(Date.UTC(2015, 8, 1))];
  ws.getRow(5).values = [2, '县发改局', '政府投资项目初步设计审批', '行政许可', '委托', null, '经济发展办公室', '部分承接', new Date(Date.UTC(2015, 9, 1))];
  ws.getRow(6).values = [3, '县环保局', '建设项目环境影响登记表审批', '行政许可', '交办', null, '镇村规划建设办公室', '待批准', null];
  ws.getRow(7).values = [4, '县安监局', '安全生产违法行为处罚', '行政处罚', '综合执法', null, '综合执法中心', '未承接', null];
  const file = path.join(dir, '云峰镇扩权事项.xlsx');
  await wb.xlsx.writeFile(file);
  const a = await analyzeFile(file);
  expect(a.issues).toEqual([]);
  expect(a.town).toBe('云峰镇');
  expect(a.kinds).toEqual(['powers']);
  expect(a.tables[0].powers.map((p) => [p.values.department, p.values.name, p.values.way, p.values.status, p.values.startDate])).toEqual([
    ['县发改局', '企业投资项目备案', '委托', '已承接', '2015-09-01'],
    ['县发改局', '政府投资项目初步设计审批', '委托', '部分承接', '2015-10-01'],
    ['县环保局', '建设项目环境影响登记表审批', '交办', '待批准', null],
    ['县安监局', '安全生产违法行为处罚', '综合执法', '未承接', null],
  ]);
});

test('a template filled in as the instructions say reads back clean', async () => {
  const dir = await tmpDir('xcs-tpl-');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(PROJECTS);
  const ws = wb.getWorksheet('重点项目')!;
  ws.getCell('A1').value = '云峰镇重点项目推进情况表（截至2015年10月31日）';
  ws.getCell('A2').value = '填报单位：云峰镇';
  ws.getCell('I3').value = '1-10月累计完成投资';
  ws.getRow(4).values = [1, '云峰大道', '基础设施', '道路3公里', '2014-2016', 5000, 2000, 50, 1800, '路基完成', '铺设管网', '沥青摊铺', null, '张明', '城建办', '在建'];
  ws.getRow(5).values = [2, '文化中心', '社会事业', '1.2万平方米', '2015-2017', 3000, null, 0, 0, '立项', '方案评审', '报批', '用地指标', '李华', '文广站', '前期'];
  const file = path.join(dir, '云峰镇.xlsx');
  await wb.xlsx.writeFile(file);
  const a = await analyzeFile(file);
  expect(a.issues).toEqual([]);
  expect(a.town).toBe('云峰镇');
  const p = a.tables[0].projects.map((x) => x.values);
  expect(p.map((x) => [x.name, x.totalInvestment, x.annualPlan, x.completedYtd, x.status])).toEqual([
    ['云峰大道', 5000, 2000, 1800, '在建'],
    ['文化中心', 3000, null, 0, '前期'],
  ]);
});
