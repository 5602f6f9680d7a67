/**
 * Writes the blank workbooks the county asks the towns to fill:
 *   重点项目进度表（模板）.xlsx   and   主要指标完成情况表（模板）.xlsx
 *
 *   node dist/scripts/make-templates.js [outDir]      (default templates)
 *
 * Each has the table sheet (merged title, 填报单位 / unit note, one header row with the canonical headers, 50 data rows
 * with number formats and drop-down lists, the footer to sign, frozen header, A4 landscape fit to width with the title
 * rows repeated) and a 「填表说明」 sheet. Output is deterministic (fixed workbook and zip dates).
 */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as path from 'path';
import { FieldSpec, INDICATOR_CATALOG, INDICATOR_FIELDS, PROJECT_FIELDS } from '../core/schema';

const FIXED_DATE = new Date(Date.UTC(2015, 0, 1, 0, 0, 0));
try {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const jszip = require('jszip') as { defaults?: { date?: Date | null } };
  if (jszip.defaults) jszip.defaults.date = FIXED_DATE;
} catch {
  /* best effort only */
}

const FONT = '宋体';
const DATA_ROWS = 50;
const AMOUNT_FMT = '#,##0.00';

const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFFFF' } };

type Kind = 'text' | 'center' | 'amount' | 'pct';
interface Col {
  header: string;
  width: number;
  kind: Kind;
  /** Drop-down list. */
  list?: string[];
  /** Input prompt shown when the cell is selected. */
  prompt?: string;
}

/** Template columns come from the schema (core/schema.ts): one source of truth for headers, widths, lists, hints. */
function columnsOf(fields: FieldSpec[], lists: Partial<Record<string, string[]>> = {}): Col[] {
  return fields.filter((f) => !f.notInTemplate).map((f) => {
    const list = f.list ?? lists[f.key];
    const kind: Kind =
      f.type === 'amount' || f.type === 'number' ? 'amount' : f.type === 'percent' ? 'pct' : f.type === 'int' || list ? 'center' : 'text';
    return { header: f.label, width: f.width ?? 12, kind, list, prompt: f.hint };
  });
}

/** Units a town may pick for an indicator: those the catalog uses, in catalog order. */
const INDICATOR_UNITS = [...new Set(INDICATOR_CATALOG.map((c) => c.unit))];

const PROJECT_COLS: Col[] = columnsOf(PROJECT_FIELDS);
const INDICATOR_COLS: Col[] = [...columnsOf(INDICATOR_FIELDS, { unit: INDICATOR_UNITS }), { header: '备注', width: 28, kind: 'text' }];

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

function tableSheet(wb: ExcelJS.Workbook, o: TableOptions): ExcelJS.Worksheet {
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
  return ws;
}

function instructions(wb: ExcelJS.Workbook, heading: string, items: string[]): void {
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
}

const FOOTER = '填报人：　　　　　　　　项目组长签字：　　　　　　　　日期：　　　年　　月　　日';

async function projectsTemplate(dir: string): Promise<string> {
  const wb = newBook();
  tableSheet(wb, {
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
    '“项目类别”从下拉列表选择：基础设施、产业发展、社会事业、生态环境、其他；“状态”从下拉列表选择：前期、在建、竣工、停建。',
    '“形象进度”“本周进展”“下周计划”写实物工作量，如“完成路基工程80%”“主体结构5层结顶”；“存在问题”写需要县领导或县级部门协调解决的事项（政策处理、用地指标、资金等），没有的空白。',
    '“项目组长”填写负责该项目的镇班子成员姓名。报表打印后须经各项目组长签字，填报人、日期填在表格下方。',
    '完成率、序时进度、红黄绿灯和排名由县里汇总时自动计算，本表不需要填写；请不要另加“完成率”等计算列。',
    '请保存为 .xlsx 格式（WPS 请选择“Excel 文件(*.xlsx)”），不要加密；不要把本期数据放在隐藏的工作表或隐藏的行、列中。上期的表请另存为单独文件，不要留在本工作簿中。',
  ]);
  const file = path.join(dir, '重点项目进度表（模板）.xlsx');
  await wb.xlsx.writeFile(file);
  fs.utimesSync(file, FIXED_DATE, FIXED_DATE);
  return file;
}

async function indicatorsTemplate(dir: string): Promise<string> {
  const wb = newBook();
  tableSheet(wb, {
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
  ]);
  const file = path.join(dir, '主要指标完成情况表（模板）.xlsx');
  await wb.xlsx.writeFile(file);
  fs.utimesSync(file, FIXED_DATE, FIXED_DATE);
  return file;
}

async function main(): Promise<void> {
  const dir = path.resolve(process.argv[2] ?? 'templates');
  fs.mkdirSync(dir, { recursive: true });
  console.log(await projectsTemplate(dir));
  console.log(await indicatorsTemplate(dir));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  process.exit(1);
});
