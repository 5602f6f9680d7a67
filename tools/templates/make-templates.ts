/**
 * Writes the blank workbooks the county asks the towns to fill:
 *   重点项目进度表（模板）.xlsx, 主要指标完成情况表（模板）.xlsx and 扩权强镇事项登记表（模板）.xlsx
 *
 *   node dist/tools/templates/make-templates.js [outDir]      (default templates)
 *
 * Each has the table sheet (merged title, 填报单位 / unit note, one header row with the canonical headers, 50 data rows
 * with number formats and drop-down lists, the footer to sign, frozen header, A4 landscape fit to width with the title
 * rows repeated) and a 「填表说明」 sheet whose column table is generated from the field specs (hint, unit, allowed
 * values). The header row is protected (sheet protection without a password: 审阅 → 撤销工作表保护 lifts it); the
 * title, the 填报单位 line, the data rows, the footer and a header that asks for the month (「1-N月」) stay editable,
 * and rows may be inserted. Output is deterministic (fixed workbook and zip dates); test/templates.test.ts fails when a
 * committed template differs from what this script writes.
 */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as path from 'path';
import {
  DEFAULT_DEPARTMENTS,
  FieldSpec,
  INDICATOR_CATALOG,
  INDICATOR_FIELDS,
  POWER_FIELDS,
  POWER_STATUSES,
  POWER_TYPES,
  POWER_WAYS,
  PROJECT_CATEGORIES,
  PROJECT_FIELDS,
  PROJECT_STATUSES,
} from '../../core/schema';

const FIXED_DATE = new Date(Date.UTC(2015, 0, 1, 0, 0, 0));
try {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- exceljs's own jszip, reached only to fix its date
  const jszip = require('jszip') as { defaults?: { date?: Date | null } };
  if (jszip.defaults) jszip.defaults.date = FIXED_DATE;
} catch {
  /* best effort only */
}

const FONT = '宋体';
const DATA_ROWS = 50;
const AMOUNT_FMT = '#,##0.00';
const DATE_FMT = 'yyyy-mm-dd';

const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFFFF' } };

type Kind = 'text' | 'center' | 'amount' | 'pct' | 'date';
interface Col {
  header: string;
  width: number;
  kind: Kind;
  /** Drop-down list. */
  list?: string[];
  /** Input prompt shown when the cell is selected. */
  prompt?: string;
  /** For the instructions: must the column be filled, the unit. */
  required?: FieldSpec['required'];
  unit?: string;
}

/** Template columns come from the schema (core/schema.ts): one source of truth for headers, widths, lists, hints. */
function columnsOf(fields: FieldSpec[], lists: Partial<Record<string, string[]>> = {}): Col[] {
  return fields.filter((f) => !f.notInTemplate).map((f) => {
    const list = f.list ?? lists[f.key];
    const kind: Kind =
      f.type === 'amount' || f.type === 'number' ? 'amount' : f.type === 'percent' ? 'pct' : f.type === 'date' ? 'date' : f.type === 'int' || list ? 'center' : 'text';
    const unit = f.unit ?? (f.type === 'amount' ? '万元' : f.type === 'percent' ? '%' : undefined);
    return { header: f.label, width: f.width ?? 12, kind, list, prompt: f.hint, required: f.required, unit };
  });
}

/** Units a town may pick for an indicator: those the catalog uses, in catalog order. */
const INDICATOR_UNITS = [...new Set(INDICATOR_CATALOG.map((c) => c.unit))];

const PROJECT_COLS: Col[] = columnsOf(PROJECT_FIELDS);
const INDICATOR_COLS: Col[] = [...columnsOf(INDICATOR_FIELDS, { unit: INDICATOR_UNITS }), { header: '备注', width: 28, kind: 'text' }];
/** The register's departments are the county's list (the built-in one here; a county regenerates with its own). */
const POWER_COLS: Col[] = columnsOf(POWER_FIELDS, { department: DEFAULT_DEPARTMENTS.map((d) => d.name) });

function newBook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '青川县小城市培育试点工作领导小组办公室';
  wb.lastModifiedBy = wb.creator;
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  return wb;
}

interface TableOptions {
  sheetName: string;
  title: string;
  /** Texts for row 2: [first col, last col, text, align]. */
  notes: [number, number, string, 'left' | 'right'][];
  cols: Col[];
  /** Pre-filled first columns, one array per row. */
  prefill?: string[][];
  footer: string;
  /** Columns frozen at the left. */
  freezeCols: number;
}

/** The validation of a data column (applied to the whole column range at once), or null. */
function validationFor(col: Col): ExcelJS.DataValidation | null {
  if (col.list) {
    return {
      type: 'list',
      allowBlank: true,
      formulae: [`"${col.list.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: '输入有误',
      error: `请从下拉列表中选择：${col.list.join('、')}`,
      showInputMessage: !!col.prompt,
      promptTitle: col.header,
      prompt: col.prompt ?? '',
    };
  } else if (col.kind === 'amount') {
    return {
      type: 'decimal',
      operator: 'greaterThanOrEqual',
      allowBlank: true,
      formulae: [0],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: '请输入数字',
      error: '请填写不小于0的数字（不要加“约”“万元”等文字）。',
      showInputMessage: !!col.prompt,
      promptTitle: col.header,
      prompt: col.prompt ?? '',
    };
  } else if (col.kind === 'date') {
    return {
      type: 'date',
      operator: 'between',
      allowBlank: true,
      formulae: [new Date(Date.UTC(2000, 0, 1)), new Date(Date.UTC(2099, 11, 31))],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: '请输入日期',
      error: '请填写日期，如 2015-10-01；尚未启用的空白。',
      showInputMessage: !!col.prompt,
      promptTitle: col.header,
      prompt: col.prompt ?? '',
    };
  } else if (col.kind === 'pct') {
    return {
      type: 'decimal',
      operator: 'between',
      allowBlank: true,
      formulae: [-100, 10000],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: '请输入数字',
      error: '请填写百分数的数字部分，如 8.5 或 -3.2（不要带“%”号）。',
      showInputMessage: !!col.prompt,
      promptTitle: col.header,
      prompt: col.prompt ?? '',
    };
  } else if (col.prompt) {
    return {
      type: 'textLength',
      operator: 'lessThanOrEqual',
      allowBlank: true,
      formulae: [500],
      showInputMessage: true,
      promptTitle: col.header,
      prompt: col.prompt,
    };
  }
  return null;
}

/** exceljs keeps a worksheet-level register of validations by address; its typings do not show it. */
interface WithValidations {
  dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void };
}

async function tableSheet(wb: ExcelJS.Workbook, o: TableOptions): Promise<ExcelJS.Worksheet> {
  const n = o.cols.length;
  const ws = wb.addWorksheet(o.sheetName, {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: '1:3',
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
    views: [{ state: 'frozen', xSplit: o.freezeCols, ySplit: 3 }],
  });
  o.cols.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));

  ws.mergeCells(1, 1, 1, n);
  const t = ws.getCell(1, 1);
  t.value = o.title;
  t.font = { name: FONT, size: 16, bold: true };
  t.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 32;

  for (const [from, to, text, align] of o.notes) {
    if (to > from) ws.mergeCells(2, from, 2, to);
    const c = ws.getCell(2, from);
    c.value = text;
    c.font = { name: FONT, size: 11 };
    c.alignment = { horizontal: align, vertical: 'middle' };
  }
  ws.getRow(2).height = 20;

  o.cols.forEach((col, i) => {
    const c = ws.getCell(3, i + 1);
    c.value = col.header;
    c.font = { name: FONT, size: 11, bold: true };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.fill = HEADER_FILL;
    c.border = BORDER;
  });
  ws.getRow(3).height = 36;

  for (let r = 4; r < 4 + DATA_ROWS; r++) {
    const pre = o.prefill?.[r - 4];
    o.cols.forEach((col, i) => {
      const c = ws.getCell(r, i + 1);
      if (pre && pre[i] !== undefined) c.value = pre[i];
      c.font = { name: FONT, size: 10 };
      c.border = BORDER;
      c.fill = INPUT_FILL;
      if (col.kind === 'amount') {
        c.numFmt = AMOUNT_FMT;
        c.alignment = { horizontal: 'right', vertical: 'middle' };
      } else if (col.kind === 'date') {
        c.numFmt = DATE_FMT;
        c.alignment = { horizontal: 'center', vertical: 'middle' };
      } else if (col.kind === 'pct') {
        c.numFmt = '0.0';
        c.alignment = { horizontal: 'right', vertical: 'middle' };
      } else {
        c.alignment = { horizontal: col.kind === 'center' ? 'center' : 'left', vertical: 'middle', wrapText: true };
      }
    });
    ws.getRow(r).height = 20;
  }
  // One validation per column range (per-cell validations would be merged by exceljs into overlapping ranges).
  o.cols.forEach((col, i) => {
    const v = validationFor(col);
    const L = ws.getColumn(i + 1).letter;
    if (v) (ws as unknown as WithValidations).dataValidations.add(`${L}4:${L}${3 + DATA_ROWS}`, v);
  });

  const fr = 4 + DATA_ROWS;
  ws.mergeCells(fr, 1, fr, n);
  const f = ws.getCell(fr, 1);
  f.value = o.footer;
  f.font = { name: FONT, size: 11 };
  f.alignment = { horizontal: 'left', vertical: 'middle' };
  ws.getRow(fr).height = 26;
  ws.pageSetup.printArea = `A1:${ws.getColumn(n).letter}${fr}`;

  // Only the header row is locked: the title and 填报单位 line (town, date), the data rows, the footer and a header
  // that asks for the month (「1-N月累计」) are the clerk's to fill.
  for (let r = 1; r <= fr; r++) {
    if (r === 3) continue;
    for (let c = 1; c <= n; c++) ws.getCell(r, c).protection = UNLOCKED;
  }
  o.cols.forEach((col, i) => {
    if (/N/.test(col.header)) ws.getCell(3, i + 1).protection = UNLOCKED;
  });
  await ws.protect('', PROTECTION);
  return ws;
}

const UNLOCKED: Partial<ExcelJS.Protection> = { locked: false };
/** Sheet protection without a password; columns may be widened, rows inserted, deleted and heightened. */
const PROTECTION: Partial<ExcelJS.WorksheetProtection> = {
  selectLockedCells: true,
  selectUnlockedCells: true,
  formatColumns: true,
  formatRows: true,
  insertRows: true,
  deleteRows: true,
};

/** The instructions' lines on each column, from the field specs: required or not, unit, allowed values, hint. */
export function columnNotes(cols: Col[]): string[] {
  return cols.map((c) => {
    const parts: string[] = [c.required === 'column' ? '必填' : c.required === 'recommended' ? '应填' : '选填'];
    if (c.unit) parts.push(`单位：${c.unit}`);
    if (c.kind === 'amount') parts.push('只填数字');
    if (c.kind === 'date' && !c.prompt) parts.push('填日期，如 2015-10-01');
    if (c.list) parts.push(`从下拉列表选择：${c.list.join('、')}`);
    if (c.prompt) parts.push(c.prompt);
    return `「${c.header}」：${parts.join('；')}。`;
  });
}

function instructions(wb: ExcelJS.Workbook, heading: string, items: string[], cols: Col[]): void {
  const ws = wb.addWorksheet('填表说明', {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.getColumn(1).width = 6;
  ws.getColumn(2).width = 100;
  ws.mergeCells(1, 1, 1, 2);
  const t = ws.getCell(1, 1);
  t.value = heading;
  t.font = { name: FONT, size: 14, bold: true };
  t.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  items.forEach((text, i) => {
    const r = i + 2;
    const a = ws.getCell(r, 1);
    a.value = `${i + 1}.`;
    a.font = { name: FONT, size: 11 };
    a.alignment = { horizontal: 'right', vertical: 'top' };
    const b = ws.getCell(r, 2);
    b.value = text;
    b.font = { name: FONT, size: 11 };
    b.alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
    ws.getRow(r).height = Math.max(20, Math.ceil(text.length / 48) * 16 + 4);
  });
  // the columns one by one, generated from the schema
  const start = items.length + 3;
  ws.mergeCells(start, 1, start, 2);
  const h = ws.getCell(start, 1);
  h.value = '各栏填写要求';
  h.font = { name: FONT, size: 12, bold: true };
  h.alignment = { horizontal: 'left', vertical: 'middle' };
  ws.getRow(start).height = 24;
  columnNotes(cols).forEach((text, i) => {
    const r = start + 1 + i;
    const a = ws.getCell(r, 1);
    a.value = '·';
    a.font = { name: FONT, size: 11 };
    a.alignment = { horizontal: 'right', vertical: 'top' };
    const b = ws.getCell(r, 2);
    b.value = text;
    b.font = { name: FONT, size: 11 };
    b.alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
    ws.getRow(r).height = Math.max(20, Math.ceil(text.length / 48) * 16 + 4);
  });
}

const PROTECTED_NOTE = '表头行已保护（没有密码），以免误改列名；标题、填报单位、表头中的月份和数据行都可以填写，可以插入行。确需修改表头时，在“审阅”中点“撤销工作表保护”即可。';

const FOOTER = '填报人：　　　　　　　　项目组长签字：　　　　　　　　日期：　　　年　　月　　日';

async function projectsTemplate(dir: string): Promise<string> {
  const wb = newBook();
  await tableSheet(wb, {
    sheetName: '重点项目',
    title: 'XX镇重点项目推进情况表（截至  年  月  日）',
    notes: [
      [1, 4, '填报单位：', 'left'],
      [PROJECT_COLS.length - 2, PROJECT_COLS.length, '单位：万元', 'right'],
    ],
    cols: PROJECT_COLS,
    footer: FOOTER,
    freezeCols: 2,
  });
  instructions(wb, '重点项目推进情况表 填表说明', [
    '本表每周报送一次，截至日期为每周最后一个工作日，月末一期截至当月最后一天。请把标题中的“XX镇”改为本镇名称，并填写截至日期，如“云峰镇重点项目推进情况表（截至2015年10月31日）”。',
    '“填报单位：”后填写本镇全称，如“填报单位：云峰镇”。文件名建议为“XX镇重点项目推进情况表（2015.10.31）.xlsx”。',
    '金额单位一律为万元（保留两位小数），不要填元或亿元；单元格内只填数字，不要写“约”“万元”“待定”等文字。没有发生的填0。',
    '一个项目占一行，项目名称在本镇内不得重复；不要合并数据单元格，不要插入小计、合计行或分类标题行，汇总由县里统一计算。不够50行时可在表格中间插入整行。',
    '“1-N月累计完成投资”指本年1月1日至截至日期的累计完成投资，不含以前年度完成额。请把表头中的N改为当月月份，如10月份填“1-10月累计完成投资”。',
    '“年度计划投资”指本年度计划完成投资；前期项目没有年度投资计划的可不填。应满足：本周完成 ≤ 1-N月累计完成投资 ≤ 总投资，本周完成不得为负数。',
    `“项目类别”从下拉列表选择：${PROJECT_CATEGORIES.join('、')}；“状态”从下拉列表选择：${PROJECT_STATUSES.join('、')}。`,
    '“形象进度”“本周进展”“下周计划”写实物工作量，如“完成路基工程80%”“主体结构5层结顶”；“存在问题”写需要县领导或县级部门协调解决的事项（政策处理、用地指标、资金等），没有的空白。',
    '“项目组长”填写负责该项目的镇班子成员姓名。报表打印后须经各项目组长签字，填报人、日期填在表格下方。',
    '完成率、序时进度、红黄绿灯和排名由县里汇总时自动计算，本表不需要填写；请不要另加“完成率”等计算列。',
    '请保存为 .xlsx 格式（WPS 请选择“Excel 文件(*.xlsx)”），不要加密；不要把本期数据放在隐藏的工作表或隐藏的行、列中。上期的表请另存为单独文件，不要留在本工作簿中。',
    PROTECTED_NOTE,
  ], PROJECT_COLS);
  const file = path.join(dir, '重点项目进度表（模板）.xlsx');
  await wb.xlsx.writeFile(file);
  fs.utimesSync(file, FIXED_DATE, FIXED_DATE);
  return file;
}

async function indicatorsTemplate(dir: string): Promise<string> {
  const wb = newBook();
  await tableSheet(wb, {
    sheetName: '主要指标',
    title: 'XX镇主要指标完成情况表（截至  年  月  日）',
    notes: [
      [1, 3, '填报单位：', 'left'],
      [INDICATOR_COLS.length - 2, INDICATOR_COLS.length, '填报日期：　　年　　月　　日', 'right'],
    ],
    cols: INDICATOR_COLS,
    prefill: INDICATOR_CATALOG.map((c, i) => [String(i + 1), c.name, c.unit]),
    footer: FOOTER.replace('项目组长签字', '分管领导签字'),
    freezeCols: 2,
  });
  instructions(wb, '主要指标完成情况表 填表说明', [
    '本表每月报送一次，截至日期为当月最后一天。请把标题中的“XX镇”改为本镇名称并填写截至日期，“填报单位：”后填写本镇全称。',
    '表中已列出三年行动计划的主要指标，请使用预置的指标名称，不要改名；计划外的指标写在下方空行，并写明单位。',
    '“单位”以本表“单位”列为准。金额可以按亿元或万元填写，但数字必须与“单位”列一致（例如单位为“亿元”时填 4.8，不要填 48000）；用地可以填亩或公顷，面积填平方公里，人口填万人。',
    '百分比类指标（城镇化率、户籍人口集聚率、第三产业增加值占比等）单位填“%”，数值直接填百分数，如 58.6 表示58.6%，不要填 0.586，也不要带“%”号。',
    '“年度目标”为三年行动计划分解到本年度的目标值；“1-N月累计”为本年1月至当月的累计完成数，请把表头中的N改为当月月份（如“1-10月累计”）。贷款余额、建成区面积、人口等时点指标填当月末数。',
    '“同比增长%”填与上年同期相比的增长百分数，如 8.5；下降填负数，如 -3.2；无可比数据的空白。',
    '单元格内只填数字，不要写“约”“待定”等文字；没有数据的空白，不要填0。',
    '完成年度目标%和红黄绿灯由县里汇总时自动计算，本表不需要填写；请不要合并单元格、不要插入合计行。',
    '请保存为 .xlsx 格式（WPS 请选择“Excel 文件(*.xlsx)”），经分管领导审核签字后报送。',
    PROTECTED_NOTE,
  ], INDICATOR_COLS);
  const file = path.join(dir, '主要指标完成情况表（模板）.xlsx');
  await wb.xlsx.writeFile(file);
  fs.utimesSync(file, FIXED_DATE, FIXED_DATE);
  return file;
}

async function powersTemplate(dir: string): Promise<string> {
  const wb = newBook();
  await tableSheet(wb, {
    sheetName: '扩权事项',
    title: 'XX镇扩权强镇事项承接情况登记表（截至  年  月  日）',
    notes: [
      [1, 3, '填报单位：', 'left'],
      [POWER_COLS.length - 2, POWER_COLS.length, '填报日期：　　年　　月　　日', 'right'],
    ],
    cols: POWER_COLS,
    footer: FOOTER.replace('项目组长签字', '分管领导签字'),
    freezeCols: 3,
  });
  instructions(wb, '扩权强镇事项承接情况登记表 填表说明', [
    '本表登记县级部门下放（委托、交办等）给本镇行使的全部事项，每月报送一次，事项或承接情况有变化时随时报送。请把标题中的“XX镇”改为本镇名称并填写截至日期，“填报单位：”后填写本镇全称。',
    '一个事项占一行；同一部门的事项连续排列，同一部门内事项名称不得重复（不同部门的同名事项分别登记）。不要插入小计、合计行，各部门、各下放方式、各承接状态的事项数由县里统一计算。',
    '“原实施部门”填下放该事项的县级部门，从下拉列表选择（县发改局、县住建局等）；写全称或简称（如“县发展和改革局”“发改局”）也能识别，但名单以外的部门会被退回，新设部门请先报县里补入名单。',
    `“下放方式”按县政府文件填写：${POWER_WAYS.join('、')} 之一；“承接状态”填 ${POWER_STATUSES.join('、')} 之一（方案已上报、待县政府批准的填“待批准”）。`,
    `“权力类型”填 ${POWER_TYPES.join('、')} 之一；“法律依据”写法律、法规、规章的名称和条款。`,
    '“启用日期”填该事项开始由本镇行使的日期（如 2015-10-01）；尚未启用的空白，不要写“待定”。',
    '请保存为 .xlsx 格式（WPS 请选择“Excel 文件(*.xlsx)”），经分管领导审核签字后报送；可与重点项目表放在同一工作簿中（另建一个工作表），也可单独报送。',
    PROTECTED_NOTE,
  ], POWER_COLS);
  const file = path.join(dir, '扩权强镇事项登记表（模板）.xlsx');
  await wb.xlsx.writeFile(file);
  fs.utimesSync(file, FIXED_DATE, FIXED_DATE);
  return file;
}

async function main(): Promise<void> {
  const dir = path.resolve(process.argv[2] ?? 'templates');
  fs.mkdirSync(dir, { recursive: true });
  console.log(await projectsTemplate(dir));
  console.log(await indicatorsTemplate(dir));
  console.log(await powersTemplate(dir));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  process.exit(1);
});
