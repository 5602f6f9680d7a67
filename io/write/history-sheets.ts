/**
 * The two sheets --history adds to the county summary: 走势 (the county's curve by week — a table the line chart
 * reads, see xlsx-chart.ts — and the towns' completion over the recent weeks) and 督办清单 (projects red for N weeks
 * or more, or without progress for M weeks or more). Both render result.history only; neither computes a figure.
 * Written with exceljs's streaming worksheet directly (a small, self-contained layout), so the summary engine can
 * change beneath it: the one hook is writeHistorySheets() called where the summary's sheets are listed.
 */
import ExcelJS from 'exceljs';
import { ConsolidationResult, HistoryResult, SUMMARY_SHEET, dateCnText } from '../../core';
import { A4_FIT_WIDTH, hf } from './bulletin-sheet';
import { addLineChartToFile } from './xlsx-chart';

const TREND_SHEET = SUMMARY_SHEET.trend;
const SUPERVISION_SHEET = SUMMARY_SHEET.supervision;
/** Weeks of the towns' table on 走势 (the JSON report keeps them all). */
export const TOWN_WEEKS_SHOWN = 8;
/** Where the county's table starts on 走势: the header row, then one row per week (the chart's ranges). */
export const TREND_HEADER_ROW = 3;

const THIN = { style: 'thin' as const, color: { argb: 'FF808080' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = { name: '宋体', size: 10 };
const TITLE: Partial<ExcelJS.Style> = { font: { name: '黑体', size: 16, bold: true }, alignment: { horizontal: 'center', vertical: 'middle' } };
const SUBTITLE: Partial<ExcelJS.Style> = { font: { ...FONT, size: 10 }, alignment: { horizontal: 'left', vertical: 'middle', wrapText: true } };
const HEADER: Partial<ExcelJS.Style> = {
  font: { ...FONT, bold: true }, border: BORDER, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } },
};
const CELL: Partial<ExcelJS.Style> = { font: FONT, border: BORDER, alignment: { vertical: 'middle', wrapText: true } };
const CENTER: Partial<ExcelJS.Style> = { ...CELL, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } };
const PCT: Partial<ExcelJS.Style> = { ...CELL, numFmt: '0.0%', alignment: { horizontal: 'right', vertical: 'middle' } };
const AMOUNT: Partial<ExcelJS.Style> = { ...CELL, numFmt: '#,##0.00', alignment: { horizontal: 'right', vertical: 'middle' } };
const INT: Partial<ExcelJS.Style> = { ...CELL, numFmt: '0', alignment: { horizontal: 'center', vertical: 'middle' } };
const NOTE: Partial<ExcelJS.Style> = { font: { ...FONT, size: 9 }, alignment: { vertical: 'top', wrapText: true } };
const RED: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };

type Val = string | number | null;

/** Lines a wrapped text takes in a column of `width` characters (a CJK character is two). */
function lineCount(text: string, width: number): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\uffef]/.test(ch) ? 2 : 1;
  return Math.max(1, Math.ceil(w / Math.max(2, width - 1.5)));
}

function sheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, widths: number[], footer: string): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: TREND_HEADER_ROW, showGridLines: false }],
    pageSetup: { ...A4_FIT_WIDTH, margins: { left: 0.25, right: 0.25, top: 0.5, bottom: 0.55, header: 0.2, footer: 0.25 } },
    headerFooter: { oddFooter: `&L&8${hf(footer)}&C&8第 &P 页，共 &N 页&R&8${hf(name)}` },
    properties: { defaultRowHeight: 15, defaultColWidth: 9 },
  });
  ws.columns = widths.map((w, i) => ({ key: `c${i + 1}`, width: w }));
  return ws;
}

function row(ws: ExcelJS.Worksheet, n: number, values: Val[], styles: Partial<ExcelJS.Style>[], height?: number): void {
  const r = ws.getRow(n);
  values.forEach((v, i) => {
    const c = r.getCell(i + 1);
    c.value = v;
    c.style = styles[i] ?? CELL;
  });
  if (height) r.height = height;
  r.commit();
}

function wide(ws: ExcelJS.Worksheet, n: number, cols: number, value: string, style: Partial<ExcelJS.Style>, height: number): void {
  const r = ws.getRow(n);
  r.getCell(1).value = value;
  r.getCell(1).style = style;
  r.height = height;
  if (cols > 1) ws.mergeCells(n, 1, n, cols);
  r.commit();
}


/** Where the chart goes and what it reads: the county table's rows on 走势 (1-based, inclusive). */
export interface TrendLayout {
  firstRow: number;
  lastRow: number;
  /** Columns (letters) of the week labels, 序时进度 and the county's completion. */
  categories: string;
  timeProgress: string;
  completion: string;
  /** The chart's box: zero-based column/row of its top-left and bottom-right cells. */
  anchor: { fromCol: number; fromRow: number; toCol: number; toRow: number };
}

export function trendLayout(h: HistoryResult): TrendLayout {
  const first = TREND_HEADER_ROW + 1;
  return {
    firstRow: first,
    lastRow: first + h.curve.length - 1,
    categories: 'A',
    timeProgress: 'B',
    completion: 'D',
    anchor: { fromCol: 7, fromRow: TREND_HEADER_ROW - 1, toCol: 16, toRow: TREND_HEADER_ROW + 19 },
  };
}

function writeTrend(wb: ExcelJS.stream.xlsx.WorkbookWriter, result: ConsolidationResult, h: HistoryResult, county: string, footer: string): void {
  const shown = h.curve.slice(-TOWN_WEEKS_SHOWN).map((c) => c.asOf);
  const townCols = 1 + shown.length + 2;
  const widths = [12, 10, 16, 11, 10, 10, ...Array(11).fill(9)];
  for (let i = 0; i < townCols; i++) widths[i] = Math.max(widths[i] ?? 9, i === 0 ? 12 : 10);
  const ws = sheet(wb, TREND_SHEET, widths, footer);
  const cols = Math.max(16, townCols);
  wide(ws, 1, cols, `${county}重点项目投资完成走势（${h.curve[0].asOf} 至 ${result.asOf}，共 ${h.curve.length} 周）`, TITLE, 30);
  wide(ws, 2, cols, `图中两条线：全县累计完成占年度计划的比例，与序时进度（时间过半，任务过半）。线在序时进度之下即为滞后。数据来自各周 JSON 报告，每周一份。`, SUBTITLE, 30);
  row(ws, TREND_HEADER_ROW, ['截至日期', '序时进度', '全县累计完成（万元）', '全县完成率', '比序时（个百分点）', '报送乡镇'], Array(6).fill(HEADER), 32);
  const L = trendLayout(h);
  h.curve.forEach((c, i) => {
    const gap = c.completion === null ? null : Math.round((c.completion - c.timeProgress) * 1000) / 10;
    row(ws, L.firstRow + i, [c.asOf, c.timeProgress, c.completedYtd, c.completion, gap, `${c.submitted}/${c.towns}`], [CENTER, PCT, AMOUNT, PCT, { ...CELL, numFmt: '0.0', alignment: { horizontal: 'right' } }, CENTER]);
  });
  let n = Math.max(L.lastRow, L.anchor.toRow + 1) + 2;
  wide(ws, n++, cols, `各乡镇完成率（近 ${shown.length} 周；「未报」为当周未报送或被退回）`, { ...SUBTITLE, font: { ...FONT, bold: true } }, 20);
  row(ws, n++, ['乡镇', ...shown.map((d) => d.slice(5)), '本年未报周数', '最长连续未报'], Array(townCols).fill(HEADER), 30);
  for (const t of result.towns) {
    const th = t.history;
    if (!th) continue;
    const byDate = new Map(th.weeks.map((w) => [w.asOf, w]));
    const cells: Val[] = [t.town];
    const styles: Partial<ExcelJS.Style>[] = [CENTER];
    for (const d of shown) {
      const w = byDate.get(d);
      if (!w) {
        cells.push('—');
        styles.push(CENTER);
      } else if (w.status !== 'submitted') {
        cells.push('未报');
        styles.push({ ...CENTER, fill: RED });
      } else {
        cells.push(w.completion);
        // below 序时进度: tinted
        styles.push(w.completion !== null && w.completion < w.timeProgress ? { ...PCT, font: { ...FONT, color: { argb: 'FFC00000' } } } : PCT);
      }
    }
    cells.push(th.missedWeeks.length, th.longestMissedRun);
    styles.push(INT, th.longestMissedRun >= 2 ? { ...INT, fill: RED } : INT);
    row(ws, n++, cells, styles);
  }
  n++;
  wide(ws, n, cols, '红字：低于当周序时进度。「—」：该乡镇当周尚未列入名册。完整的每周数据见 JSON 报告的 towns[].history。', NOTE, 16);
  ws.commit();
}

function writeSupervision(wb: ExcelJS.stream.xlsx.WorkbookWriter, result: ConsolidationResult, h: HistoryResult, county: string, footer: string): void {
  const widths = [5, 10, 24, 9, 5, 9, 9, 11, 9, 20, 40];
  const ws = sheet(wb, SUPERVISION_SHEET, widths, footer);
  const cols = widths.length;
  const red = h.supervision.filter((s) => s.reasons.includes('red')).length;
  const stalled = h.supervision.filter((s) => s.reasons.includes('stalled')).length;
  wide(ws, 1, cols, `${county}重点项目督办清单（截至${dateCnText(result.asOf)}）`, TITLE, 30);
  wide(ws, 2, cols, `列入条件：连续 ${h.redWeeks} 周以上红灯（${red} 个），或连续 ${h.stalledWeeks} 周以上累计完成无进展（${stalled} 个）；共 ${h.supervision.length} 个项目。按连续周数从多到少排列。`, SUBTITLE, 30);
  row(ws, TREND_HEADER_ROW, ['序号', '乡镇', '项目名称', '项目组长', '灯', '完成率', '连续红灯周数', '红灯起始', '连续无进展周数', '督办原因', '本周存在问题'], Array(cols).fill(HEADER), 32);
  let n = TREND_HEADER_ROW + 1;
  const light = { red: '红', yellow: '黄', green: '绿' } as const;
  h.supervision.forEach((s, i) => {
    const why = [s.reasons.includes('red') ? `连续${s.redWeeks}周红灯` : '', s.reasons.includes('stalled') ? `连续${s.stalledWeeks}周无进展` : ''].filter(Boolean).join('；');
    const problems = s.problems ?? '';
    const lines = Math.max(lineCount(problems, widths[10]), lineCount(s.project, widths[2]), lineCount(why, widths[9]));
    row(ws, n++, [i + 1, s.town, s.project, s.leader, s.light ? light[s.light] : '', s.completion, s.redWeeks, s.redSince, s.stalledWeeks, why, problems],
      [INT, CENTER, CELL, CENTER, s.light === 'red' ? { ...CENTER, fill: RED } : CENTER, PCT, INT, CENTER, INT, CELL, CELL], lines > 1 ? lines * 13 + 4 : undefined);
  });
  if (!h.supervision.length) wide(ws, n++, cols, '本期没有达到督办条件的项目', CENTER, 20);
  n++;
  const notes: string[] = [];
  if (h.townsMissingInARow.length) notes.push(`连续两周以上未报送的乡镇：${h.townsMissingInARow.map((t) => `${t.town}（最长连续 ${t.longestMissedRun} 周，共 ${t.missedWeeks.length} 周）`).join('、')}`);
  if (h.appeared.length) notes.push(`本周新出现的项目 ${h.appeared.length} 个：${h.appeared.slice(0, 30).map((a) => `${a.town}「${a.project}」`).join('、')}${h.appeared.length > 30 ? '等' : ''}`);
  if (h.disappeared.length) notes.push(`上次报送有、本周不再出现的项目 ${h.disappeared.length} 个（可能改名或删除，请核实）：${h.disappeared.slice(0, 30).map((a) => `${a.town}「${a.project}」`).join('、')}${h.disappeared.length > 30 ? '等' : ''}`);
  notes.push(`连续周数按乡镇报送的周计算：乡镇未报送的周不计入也不中断；累计完成不增加即为无进展（竣工和无年度计划的项目不列入无进展）。历史共 ${h.weeks.length} 周${h.skipped.length ? `，另有 ${h.skipped.length} 个文件未采用（见运行时的警告）` : ''}。`);
  for (const t of notes) wide(ws, n++, cols, t, NOTE, Math.max(16, Math.ceil(t.length / 90) * 13 + 4));
  ws.commit();
}

/** The hook: adds 走势 and 督办清单 when the result has a history (nothing otherwise). */
export function writeHistorySheets(wb: ExcelJS.stream.xlsx.WorkbookWriter, result: ConsolidationResult, o: { county: string; footer: string }): void {
  const h = result.history;
  if (!h) return;
  writeTrend(wb, result, h, o.county, o.footer);
  writeSupervision(wb, result, h, o.county, o.footer);
}

/** The hook after the workbook is written: 走势's line chart (county completion and 序时进度 by week). */
export async function addTrendChart(outPath: string, result: ConsolidationResult, date: Date): Promise<void> {
  const h = result.history;
  if (!h) return;
  const L = trendLayout(h);
  await addLineChartToFile(outPath, {
    sheet: TREND_SHEET,
    title: '全县累计完成率与序时进度',
    firstRow: L.firstRow,
    lastRow: L.lastRow,
    categoryColumn: L.categories,
    categories: h.curve.map((c) => c.asOf),
    series: [
      { name: '全县完成率', column: L.completion, values: h.curve.map((c) => c.completion), color: 'C00000' },
      { name: '序时进度', column: L.timeProgress, values: h.curve.map((c) => c.timeProgress), color: '4472C4', dash: 'dash' },
    ],
    anchor: L.anchor,
    valueFormat: '0%',
    date: date.getTime() < Date.UTC(1980, 0, 2) ? new Date(Date.UTC(1980, 0, 1)) : date,
  });
}
