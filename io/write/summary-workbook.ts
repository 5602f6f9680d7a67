/**
 * The county summary workbook (县级汇总表) that county leaders read and print.
 *
 * It renders a ConsolidationResult and nothing else: every figure comes from the result; this module only formats
 * (number formats, 红/黄/绿 text, the sign of 「低于序时」, ordering red before yellow). No cell is ever a formula: town
 * text that starts with = + - @ is written as a plain string.
 *
 * Written with exceljs's streaming writer (the document writer is superlinear; a province run has ~60,000 project rows):
 * each sheet's columns, views and page setup are fixed before its first row, rows are committed as they are written and
 * each sheet is committed before the next one starts.
 */
import * as ExcelJS from 'exceljs';
import type {
  ConsolidationResult,
  Light,
  ProjectTotals,
  Source,
  TownResult,
  TownStatus,
} from '../../core/types';
import { colLetters } from '../../core/grid';
import { cellTextOf } from '../../core/text';
import { daysInMonth, parseIso } from '../../core/dates';
import { DEFAULT_DEPARTMENTS, POWER_STATUSES, POWER_WAYS, fieldHeader } from '../../core/schema';
import { FILE_STATUS_LABEL, LIGHT_SHORT_LABEL, SEVERITY_LABEL, SUMMARY_SHEET, TOWN_STATUS_LABEL } from '../../core/labels';
import { targetsDiffer } from '../../core/targets';
import { buildBulletin } from '../../core/bulletin';
import { addTrendChart, writeHistorySheets } from './history-sheets';
import { A4_FIT_WIDTH, BulletinSheetInput, ChartRenderer, renderBulletinChart, writeBulletinSheet, writeBulletinWorkbook, stampedWorkbookWriter, hf } from './bulletin-sheet';

const P = (key: string) => fieldHeader('projects', key);
const I = (key: string) => fieldHeader('indicators', key);

export interface SummaryOptions {
  /** Overrides the overview's title; the 「（截至…）」 date is appended unless the title already says 截至. */
  title?: string;
  /** County name, e.g. 「云和县」: starts every sheet title. */
  county?: string;
  /** Renders the 通报 sheet's chart (default: resvg); a test passes a failing one. */
  chart?: ChartRenderer;
}

/** Rows above the data on every sheet: 1 title, 2 subtitle / unit note, 3 column headers. */
export const HEADER_ROW = 3;

// ---------------------------------------------------------------------------------------------------------------
// Labels

const TOWN_STATUS = TOWN_STATUS_LABEL;
const FILE_STATUS = FILE_STATUS_LABEL.summary;

function lightText(light: Light): string | null {
  return light === null ? null : LIGHT_SHORT_LABEL[light];
}

export function sourceText(s: Source): string {
  return `${s.file}｜${s.sheet}!第${s.row}行`;
}

interface AsOf {
  year: number;
  month: number;
  day: number;
  /** The last day of its month: 序时进度 is quoted as 1-N月. */
  monthEnd: boolean;
}

function parseAsOf(asOf: string): AsOf | null {
  const p = parseIso(asOf.trim());
  return p ? { year: p.y, month: p.m, day: p.d, monthEnd: p.d === daysInMonth(p.y, p.m) } : null;
}

function dateCn(d: AsOf): string {
  return `${d.year}年${d.month}月${d.day}日`;
}

/** 「1-10月」 at a month's end, else 「1月1日-10月15日」. */
function periodLabel(d: AsOf | null): string {
  if (!d) return '本年';
  if (d.monthEnd) return d.month === 1 ? '1月' : `1-${d.month}月`;
  return `1月1日-${d.month}月${d.day}日`;
}

function cumulativeLabel(d: AsOf | null): string {
  if (!d) return '本年累计';
  if (d.monthEnd) return `${periodLabel(d)}累计`;
  return `截至${d.month}月${d.day}日累计`;
}

function fmtNumber(n: number, digits = 1): string {
  return String(Number(n.toFixed(digits)));
}

// ---------------------------------------------------------------------------------------------------------------
// Cell values: plain strings and finite numbers only

type Value = string | number | null;

/** A text cell: always a string (exceljs never makes a formula of a string, even one starting with '='), cleaned by the one cleaner. */
function text(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  const t = cellTextOf(String(s));
  return t === '' ? null : t;
}

function num(n: number | null | undefined): number | null {
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

/** Width in Excel column units: CJK and full-width characters count 2. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    w +=
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      c >= 0x20000
        ? 2
        : 1;
  }
  return w;
}

const thousands = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

// ---------------------------------------------------------------------------------------------------------------
// Styles: shared objects (exceljs caches a style id per object), never mutated after creation

const FONT = '宋体';
const BODY_SIZE = 10;
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF808080' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const TOTAL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const SECTION_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } };

export const NUMFMT = {
  amount: '#,##0.00',
  pct: '0.0%',
  // two decimals: a gap of -0.05 must not read as 0.0 next to a yellow light
  gap: '+0.00;-0.00;0.00',
  points: '0.0',
  int: '0',
  /** Change since last week, 万元, signed. */
  delta: '+#,##0.00;-#,##0.00;0.00',
  /** Rank change: up is positive. */
  rankChange: '"↑"0;"↓"0;"持平"',
} as const;

type Kind = 'text' | 'wrap' | 'center' | 'amount' | 'pct' | 'gap' | 'points' | 'int' | 'light' | 'delta' | 'rankChange';

const ALIGN: Record<Kind, Partial<ExcelJS.Alignment>> = {
  text: { vertical: 'middle', horizontal: 'left' },
  wrap: { vertical: 'middle', horizontal: 'left', wrapText: true },
  center: { vertical: 'middle', horizontal: 'center', wrapText: true },
  amount: { vertical: 'middle', horizontal: 'right' },
  pct: { vertical: 'middle', horizontal: 'right' },
  gap: { vertical: 'middle', horizontal: 'right' },
  points: { vertical: 'middle', horizontal: 'right' },
  int: { vertical: 'middle', horizontal: 'center' },
  light: { vertical: 'middle', horizontal: 'center' },
  delta: { vertical: 'middle', horizontal: 'right' },
  rankChange: { vertical: 'middle', horizontal: 'center' },
};

const KIND_NUMFMT: Partial<Record<Kind, string>> = {
  amount: NUMFMT.amount,
  pct: NUMFMT.pct,
  gap: NUMFMT.gap,
  points: NUMFMT.points,
  int: NUMFMT.int,
  delta: NUMFMT.delta,
  rankChange: NUMFMT.rankChange,
};

function font(size: number, bold: boolean): Partial<ExcelJS.Font> {
  return { name: FONT, size, bold, charset: 134 };
}

const bodyStyles = new Map<string, Partial<ExcelJS.Style>>();

function bodyStyle(kind: Kind, variant: 'body' | 'total' = 'body'): Partial<ExcelJS.Style> {
  const key = `${kind}/${variant}`;
  let s = bodyStyles.get(key);
  if (!s) {
    s = {
      font: font(BODY_SIZE, variant === 'total' || kind === 'light'),
      alignment: ALIGN[kind],
      border: BORDER,
      ...(KIND_NUMFMT[kind] ? { numFmt: KIND_NUMFMT[kind] } : {}),
      ...(variant === 'total' ? { fill: TOTAL_FILL } : {}),
    };
    bodyStyles.set(key, s);
  }
  return s;
}

const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: font(BODY_SIZE, true),
  alignment: { vertical: 'middle', horizontal: 'center', wrapText: true },
  border: BORDER,
  fill: HEADER_FILL,
};
const TITLE_STYLE: Partial<ExcelJS.Style> = {
  font: font(16, true),
  alignment: { vertical: 'middle', horizontal: 'center' },
};
const SUBTITLE_STYLE: Partial<ExcelJS.Style> = {
  font: font(BODY_SIZE, false),
  alignment: { vertical: 'middle', horizontal: 'left', wrapText: true },
};
const UNIT_STYLE: Partial<ExcelJS.Style> = {
  font: font(BODY_SIZE, false),
  alignment: { vertical: 'middle', horizontal: 'right' },
};
const SECTION_STYLE: Partial<ExcelJS.Style> = {
  font: font(11, true),
  alignment: { vertical: 'middle', horizontal: 'left' },
  border: BORDER,
  fill: SECTION_FILL,
};
const NOTE_STYLE: Partial<ExcelJS.Style> = {
  font: font(9, false),
  alignment: { vertical: 'top', horizontal: 'left', wrapText: true },
};
const EMPTY_STYLE: Partial<ExcelJS.Style> = {
  font: font(BODY_SIZE, false),
  alignment: { vertical: 'middle', horizontal: 'center' },
  border: BORDER,
};

/** Conditional-format fills. Strong colours: a light must read as a light, in colour and on a grey-scale printer. */
const CF_RED: Partial<ExcelJS.Style> = {
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFF0000' }, bgColor: { argb: 'FFFF0000' } },
  font: { color: { argb: 'FFFFFFFF' }, bold: true },
};
const CF_YELLOW: Partial<ExcelJS.Style> = {
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' }, bgColor: { argb: 'FFFFFF00' } },
  font: { color: { argb: 'FF000000' }, bold: true },
};
const CF_GREEN: Partial<ExcelJS.Style> = {
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF00B050' }, bgColor: { argb: 'FF00B050' } },
  font: { color: { argb: 'FFFFFFFF' }, bold: true },
};
/** Softer tints for counts and statuses. */
const CF_RED_TINT: Partial<ExcelJS.Style> = {
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' }, bgColor: { argb: 'FFFFC7CE' } },
  font: { color: { argb: 'FF9C0006' } },
};
const CF_YELLOW_TINT: Partial<ExcelJS.Style> = {
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEB9C' }, bgColor: { argb: 'FFFFEB9C' } },
  font: { color: { argb: 'FF9C5700' } },
};
const CF_GREEN_TINT: Partial<ExcelJS.Style> = {
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFC6EFCE' }, bgColor: { argb: 'FFC6EFCE' } },
  font: { color: { argb: 'FF006100' } },
};

// ---------------------------------------------------------------------------------------------------------------
// Sheet scaffolding

interface Column {
  header: string;
  kind: Kind;
  /** Width bounds in Excel units; the width follows the content between them. */
  min: number;
  max: number;
}

function col(header: string, kind: Kind, min: number, max = min): Column {
  return { header, kind, min, max };
}

/** 1-based column number → letters (A, B, …, AA). */
function colLetter(n: number): string {
  return colLetters(n - 1);
}

/** Characters of `v` in 「#,##0.00」 (what Intl's en-US format with two decimals gives), without formatting it. */
export function amountWidth(v: number): number {
  if (!(Math.abs(v) < 1e15)) return thousands.format(v).length;
  const s = Math.abs(v).toFixed(2);
  const intLen = s.length - 3;
  const negative = v < 0 || Object.is(v, -0);
  return (negative ? 1 : 0) + intLen + Math.floor((intLen - 1) / 3) + 3;
}

function valueWidth(v: Value, kind: Kind): number {
  if (v === null) return 0;
  if (typeof v === 'number') {
    switch (kind) {
      case 'amount':
        return amountWidth(v);
      case 'pct':
        return (v * 100).toFixed(1).length + 1;
      case 'gap':
        return v.toFixed(1).length + 1;
      default:
        return String(v).length;
    }
  }
  // The longest line of a multi-line text.
  if (!v.includes('\n')) return displayWidth(v);
  return Math.max(...v.split(/\r?\n/).map(displayWidth));
}

/** Column widths from header and content, clamped per column (wrapped columns stop at their max and wrap). */
function widths(cols: Column[], rows: Iterable<Value[]>): number[] {
  const content = cols.map(() => 0);
  for (const r of rows) {
    for (let i = 0; i < cols.length; i++) {
      const w = valueWidth(r[i] ?? null, cols[i].kind);
      if (w > content[i]) content[i] = w;
    }
  }
  return cols.map((c, i) => {
    // Headers wrap onto two lines when they have to.
    const header = Math.ceil(displayWidth(c.header) / 2);
    const want = Math.max(content[i], header) + 2;
    return Math.min(c.max, Math.max(c.min, want));
  });
}

/** Points per line of 10-point text, with the leading LibreOffice and WPS give CJK fonts. */
const LINE_HEIGHT = 13.5;

/** Lines a text wraps to in a column of `width` units (CJK counts 2; a little lost to cell padding). */
function lineCount(s: string, width: number): number {
  const room = Math.max(2, width - 1);
  return s.split(/\r?\n/).reduce((a, line) => a + Math.max(1, Math.ceil(displayWidth(line) / room)), 0);
}

interface SheetSpec {
  name: string;
  title: string;
  subtitle: string;
  unitNote: string | null;
  cols: Column[];
  /** Data rows, to size the columns. */
  sizingRows: Iterable<Value[]>;
  footerLeft: string;
  /** Also freeze the first N columns (project names on the wide sheets). */
  xSplit?: number;
}

type Sheet = ExcelJS.Worksheet;

/** Rows between two checks of the zip's backlog, and the backlog (bytes) it is let to reach. */
const PACE_ROWS = 500;
const BACKLOG = 4 * 1024 * 1024;

interface SheetStreamInternals {
  /** exceljs 4.4.0 StreamBuf: 64 KB buffers not yet handed on, and the zip's entry streams once it reads this one. */
  _stream?: { buffers?: unknown[]; bufSize?: number; pipes?: PipeInternals[] };
}

/** The zip's entry stream: archiver's readable-stream PassThrough (no writableLength getter in its version). */
interface PipeInternals {
  writableLength?: number;
  _writableState?: { length?: number };
}

function queued(p: PipeInternals): number {
  const n = typeof p.writableLength === 'number' ? p.writableLength : p._writableState?.length;
  return typeof n === 'number' && Number.isFinite(n) ? n : 0;
}

/** Waits (~10 s at most) until the sheet's zip entry has taken all but BACKLOG bytes of what was written; false if it did not. */
async function drained(ws: Sheet): Promise<boolean> {
  const s = (ws as unknown as SheetStreamInternals)._stream;
  if (!s || !Array.isArray(s.buffers)) return true;
  const backlog = () =>
    s.buffers!.length * (s.bufSize ?? 65536) + (s.pipes ?? []).reduce((a, p) => a + queued(p), 0);
  // bounded: a zip that stopped reading only costs memory, never a hang
  const until = Date.now() + 10000;
  for (let i = 0; backlog() > BACKLOG; i++) {
    if (Date.now() > until) return false;
    await new Promise((r) => (i < 50 ? setImmediate(r) : setTimeout(r, 1)));
  }
  return true;
}

class SheetWriter {
  readonly ws: Sheet;
  readonly cols: Column[];
  readonly last: string;
  readonly widths: number[];
  private next = 1;
  private readonly styles: Record<'body' | 'total', Partial<ExcelJS.Style>[]>;
  private readonly wraps: boolean[];
  private sincePace = 0;
  private stalled = false;

  constructor(wb: ExcelJS.stream.xlsx.WorkbookWriter, spec: SheetSpec) {
    this.cols = spec.cols;
    this.styles = { body: spec.cols.map((c) => bodyStyle(c.kind, 'body')), total: spec.cols.map((c) => bodyStyle(c.kind, 'total')) };
    this.wraps = spec.cols.map((c) => c.kind === 'wrap' || c.kind === 'center');
    this.last = colLetter(spec.cols.length);
    const xSplit = spec.xSplit ?? 0;
    this.ws = wb.addWorksheet(spec.name, {
      views: [
        {
          state: 'frozen',
          xSplit,
          ySplit: HEADER_ROW,
          topLeftCell: `${colLetter(xSplit + 1)}${HEADER_ROW + 1}`,
          activeCell: `A${HEADER_ROW + 1}`,
          showGridLines: false,
        },
      ],
      pageSetup: {
        ...A4_FIT_WIDTH,
        margins: { left: 0.25, right: 0.25, top: 0.5, bottom: 0.55, header: 0.2, footer: 0.25 },
        printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
      },
      headerFooter: {
        oddFooter: `&L&8${hf(spec.footerLeft)}&C&8第 &P 页，共 &N 页&R&8${hf(spec.name)}`,
      },
      // exceljs omits a column of width 9 as "default": make the sheet default 9 too.
      properties: { defaultRowHeight: 15, defaultColWidth: 9 },
    });
    const w = widths(spec.cols, spec.sizingRows);
    this.widths = w;
    this.ws.columns = spec.cols.map((c, i) => ({ key: `c${i + 1}`, width: w[i] }));

    // 1: title merged across the table.
    const title = this.ws.getRow(this.next++);
    title.height = 30;
    title.getCell(1).value = text(spec.title);
    title.getCell(1).style = TITLE_STYLE;
    this.ws.mergeCells(`A1:${this.last}1`);
    title.commit();

    // 2: subtitle (left) and unit note (right).
    const sub = this.ws.getRow(this.next++);
    const n = spec.cols.length;
    const unitSpan = spec.unitNote && n >= 4 ? 2 : 0;
    sub.getCell(1).value = text(spec.subtitle);
    sub.getCell(1).style = SUBTITLE_STYLE;
    if (n - unitSpan > 1) this.ws.mergeCells(`A2:${colLetter(n - unitSpan)}2`);
    if (unitSpan) {
      const c = sub.getCell(n - unitSpan + 1);
      c.value = text(spec.unitNote);
      c.style = UNIT_STYLE;
      this.ws.mergeCells(`${colLetter(n - unitSpan + 1)}2:${this.last}2`);
    }
    const subLines = Math.ceil(displayWidth(spec.subtitle) / Math.max(1, w.slice(0, n - unitSpan).reduce((a, b) => a + b, 0) - 2));
    sub.height = Math.max(20, 14 * subLines + 4);
    sub.commit();

    // 3: column headers.
    this.headerRow(spec.cols.map((c) => c.header));
  }

  get rowNumber(): number {
    return this.next;
  }

  /** Header labels; one too wide for its column breaks before its unit: 「年度计划\n（万元）」. */
  headerRow(labels: (string | null)[]): number {
    const r = this.ws.getRow(this.next++);
    let lines = 1;
    labels.forEach((l, i) => {
      const width = this.widths[i] ?? 10;
      let label = l;
      const unit = l ? l.indexOf('（') : -1;
      if (l && unit > 0 && displayWidth(l) > width - 1) label = `${l.slice(0, unit)}\n${l.slice(unit)}`;
      const c = r.getCell(i + 1);
      c.value = text(label);
      c.style = HEADER_STYLE;
      if (label) lines = Math.max(lines, lineCount(label, width));
    });
    r.height = Math.max(20, LINE_HEIGHT * lines + 6);
    r.commit();
    return r.number;
  }

  /**
   * A data row; every column gets its border even when empty. A row whose wrapped text needs more than one line gets
   * an explicit height: the streaming writer cannot auto-fit, and neither LibreOffice nor WPS re-fit rows reliably on
   * load, so without it the wrapped text would be cut off on the printed page.
   */
  dataRow(values: Value[], variant: 'body' | 'total' = 'body', span = this.cols.length): number {
    const r = this.ws.getRow(this.next++);
    let lines = 1;
    const styles = this.styles[variant];
    const n = Math.min(span, this.cols.length);
    for (let i = 0; i < n; i++) {
      const cell = r.getCell(i + 1);
      const v = values[i] ?? null;
      const value = typeof v === 'string' ? text(v) : num(v);
      cell.value = value;
      cell.style = styles[i];
      if (typeof value === 'string' && this.wraps[i]) {
        lines = Math.max(lines, lineCount(value, this.widths[i]));
      }
    }
    if (lines > 1) r.height = lines * LINE_HEIGHT + 3;
    r.commit();
    this.sincePace++;
    return r.number;
  }

  /**
   * Lets the zip catch up: the streaming writer hands each committed row's XML to its zip entry at once and without
   * back-pressure, so writing 100,000 rows in one go would hold them all in memory until the end. Every few hundred
   * rows this waits until the zip (deflate, then the file) has taken all but a few MB of what was written.
   */
  async pace(): Promise<void> {
    if (this.sincePace < PACE_ROWS || this.stalled) return;
    this.sincePace = 0;
    // a zip that stopped taking data (the output failed) is not waited for again: the error comes out at the commit
    if (!(await drained(this.ws))) this.stalled = true;
  }

  /** Data rows, paced. */
  async dataRows(rows: Iterable<Value[]>, variant: 'body' | 'total' = 'body', span = this.cols.length): Promise<number> {
    let last = this.rowNumber - 1;
    for (const r of rows) {
      last = this.dataRow(r, variant, span);
      await this.pace();
    }
    return last;
  }

  /** A full-width row of one text (a section heading, 「无」, a note). */
  wideRow(value: string, style: Partial<ExcelJS.Style>, height?: number): number {
    const r = this.ws.getRow(this.next++);
    for (let i = 1; i <= this.cols.length; i++) r.getCell(i).style = style;
    r.getCell(1).value = text(value);
    if (this.cols.length > 1) this.ws.mergeCells(`A${r.number}:${this.last}${r.number}`);
    if (height) r.height = height;
    r.commit();
    return r.number;
  }

  /** A note below the table: height from its length, since merged cells never auto-fit. */
  note(value: string): number {
    const total = this.widths.reduce((a, b) => a + b, 0);
    const lines = value.split('\n').reduce((a, l) => a + Math.max(1, Math.ceil(displayWidth(l) / Math.max(10, total * 1.1 - 2))), 0);
    return this.wideRow(value, NOTE_STYLE, Math.max(16, lines * 13 + 4));
  }

  /** Light text 红/黄/绿 → red/yellow/green fill, on a column over data rows. */
  /** Writes the data rows (or one line saying there are none) and colours the light column over them. */
  async lightRows(rows: Iterable<Value[]>, lightColumn: number, emptyText: string): Promise<void> {
    const first = this.rowNumber;
    const last = await this.dataRows(rows);
    if (last < first) this.wideRow(emptyText, EMPTY_STYLE);
    this.lightFormat(lightColumn, first, last);
  }

  lightFormat(column: number, from: number, to: number): void {
    this.textFormat(column, from, to, [
      ['红', CF_RED],
      ['黄', CF_YELLOW],
      ['绿', CF_GREEN],
    ]);
  }

  /**
   * cell = text → style. Written as 'expression' rules (「L4="红"」): exceljs writes 'containsText' rules without the
   * text attribute, which LibreOffice needs, so those would not show there.
   */
  textFormat(column: number, from: number, to: number, rules: [string, Partial<ExcelJS.Style>][]): void {
    if (to < from) return;
    const c = colLetter(column);
    this.ws.addConditionalFormatting({
      ref: `${c}${from}:${c}${to}`,
      rules: rules.map(([t, style], i) => ({
        type: 'expression',
        formulae: [`${c}${from}="${t.replace(/"/g, '""')}"`],
        style,
        priority: i + 1,
      })),
    });
  }

  /** count > 0 → tint (red/yellow/green light counts on the overview). */
  positiveFormat(column: number, from: number, to: number, style: Partial<ExcelJS.Style>): void {
    if (to < from) return;
    this.ws.addConditionalFormatting({
      ref: `${colLetter(column)}${from}:${colLetter(column)}${to}`,
      rules: [{ type: 'cellIs', operator: 'greaterThan', formulae: ['0'], style, priority: 1 }],
    });
  }

  commit(): void {
    this.ws.commit();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The sheets

interface Ctx {
  result: ConsolidationResult;
  county: string;
  asOf: AsOf | null;
  /** 「（截至2015年10月31日）」 */
  dateSuffix: string;
  /** 「序时进度 83.3%（1-10月）」 */
  progressText: string;
  /** 「黄灯：…；红灯：…」 */
  lightsText: string;
  /** The overview's title, also in every page footer. */
  docTitle: string;
  towns: TownResult[];
}

function context(result: ConsolidationResult, opts: SummaryOptions): Ctx {
  const asOf = parseAsOf(result.asOf);
  const dateSuffix = `（截至${asOf ? dateCn(asOf) : result.asOf}）`;
  const tp = num(result.timeProgress);
  const progressText = `序时进度 ${tp === null ? '—' : `${(tp * 100).toFixed(1)}%`}（${periodLabel(asOf)}）`;
  const y = fmtNumber(result.thresholds.yellowBelow);
  const lightsText = `黄灯：低于序时进度${y}个百分点以内；红灯：低于${y}个百分点以上`;
  // Ranked towns by rank, then the unranked, each group in the result's order (a stable sort).
  const towns = [...result.towns].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || 0);
  const county = opts.county ?? '';
  let docTitle = opts.title ?? `${county}重点项目推进情况汇总`;
  if (!docTitle.includes('截至')) docTitle += dateSuffix;
  return { result, county, asOf, dateSuffix, progressText, lightsText, docTitle, towns };
}

function footerLeft(ctx: Ctx): string {
  return ctx.docTitle;
}

function totalsValues(t: ProjectTotals | null): Value[] {
  if (!t) return [null, null, null, null, null, null, null, null, null];
  return [t.count, t.totalInvestment, t.annualPlan, t.completedYtd, t.completion, t.gap, t.red, t.yellow, t.green];
}

async function writeOverview(wb: ExcelJS.stream.xlsx.WorkbookWriter, ctx: Ctx): Promise<void> {
  const cols = [
    col('排名', 'int', 6),
    col('乡镇', 'center', 10, 16),
    col('报送状态', 'center', 9),
    col('报表日期', 'center', 11, 12),
    col('项目数', 'int', 7),
    col('总投资（万元）', 'amount', 12, 16),
    col('年度计划（万元）', 'amount', 12, 16),
    col('累计完成（万元）', 'amount', 12, 16),
    col('完成率', 'pct', 9),
    col('与序时进度差（个百分点）', 'gap', 13),
    col('红灯', 'int', 6),
    col('黄灯', 'int', 6),
    col('绿灯', 'int', 6),
    col('较上周（万元）', 'delta', 11, 14),
    col('排名变化', 'rankChange', 7),
  ];
  const rows: Value[][] = ctx.towns.map((t) => [
    t.rank,
    t.town,
    TOWN_STATUS[t.status],
    t.reportDate,
    ...(t.status === 'submitted' ? totalsValues(t.projects) : totalsValues(null)),
    t.change?.completedYtdDelta ?? null,
    t.change?.rankChange ?? null,
  ]);
  const total: Value[] = [null, '全县合计', null, null, ...totalsValues(ctx.result.county.projects), ctx.result.weekOverWeek?.completedYtdDelta ?? null, null];

  const s = new SheetWriter(wb, {
    name: SUMMARY_SHEET.overview,
    title: ctx.docTitle,
    subtitle: `${ctx.progressText}　${ctx.lightsText}`,
    unitNote: '单位：万元',
    cols,
    sizingRows: [...rows, total],
    footerLeft: footerLeft(ctx),
  });
  const first = s.rowNumber;
  await s.dataRows(rows);
  if (rows.length === 0) s.wideRow('无乡镇', EMPTY_STYLE);
  const totalRow = s.dataRow(total, 'total');
  s.textFormat(3, first, totalRow - 1, [
    ['退回', CF_RED_TINT],
    ['未报送', CF_YELLOW_TINT],
  ]);
  s.positiveFormat(11, first, totalRow, CF_RED_TINT);
  s.positiveFormat(12, first, totalRow, CF_YELLOW_TINT);
  s.positiveFormat(13, first, totalRow, CF_GREEN_TINT);

  const missing = ctx.towns.filter((t) => t.status === 'missing').map((t) => t.town);
  const rejected = ctx.towns.filter((t) => t.status === 'rejected').map((t) => t.town);
  const notes = [
    '注：1. 完成率＝累计完成÷年度计划（只计有年度计划的项目，前期项目无年度计划的不计）；与序时进度差＝完成率－序时进度。',
    '2. 排名按完成率由高到低；退回、未报送的乡镇不排名。',
    `3. 未报送：${missing.length ? missing.join('、') : '无'}；退回需重报：${rejected.length ? rejected.join('、') : '无'}（原因见「${SUMMARY_SHEET.submissions}」）。`,
    ...weekOverWeekNotes(ctx),
  ];
  for (const n of notes) s.note(n);
  s.commit();
}

/** The overview's lines on last week: what the columns compare, the projects turned red, the towns gone quiet. */
function weekOverWeekNotes(ctx: Ctx): string[] {
  const w = ctx.result.weekOverWeek;
  if (!w) return ['4. 较上周、排名变化：未提供上周报告（--previous），不比较。'];
  const red = ctx.towns.flatMap((t) =>
    (t.change?.turnedRed ?? []).map((name) => {
      const leader = t.projectList.find((p) => p.name === name)?.leader;
      return `${t.town}「${name}」${leader ? `（项目组长${leader}）` : ''}`;
    }));
  const dropped = w.droppedTowns.map((name) => {
    const t = ctx.towns.find((x) => x.town === name);
    return t ? `${name}（${TOWN_STATUS[t.status]}）` : name;
  });
  return [
    `4. 较上周：与上周（截至${w.previousAsOf}）的汇总相比，累计完成增加额；全县合计只计两周都已报送的乡镇。排名变化：↑上升、↓下降。`,
    `5. 转红项目（上周不是红灯、本周为红灯，${red.length}个）：${red.length ? red.join('、') : '无'}。`,
    `6. 本周未报（上周已报送，${dropped.length}个）：${dropped.length ? dropped.join('、') : '无'}。`,
  ];
}

async function writeProjects(wb: ExcelJS.stream.xlsx.WorkbookWriter, ctx: Ctx): Promise<void> {
  const cols = [
    col('乡镇', 'center', 8, 12),
    col(P('seq'), 'int', 5),
    col(P('name'), 'wrap', 14, 26),
    col(P('category'), 'center', 6, 10),
    col(P('status'), 'center', 6),
    col(P('totalInvestment'), 'amount', 10, 13),
    col(P('annualPlan'), 'amount', 10, 13),
    col(P('weekDone'), 'amount', 9, 12),
    col(P('completedYtd'), 'amount', 10, 13),
    col('完成率', 'pct', 8),
    col('与序时差', 'gap', 7),
    col('灯', 'light', 5),
    col(P('leader'), 'center', 8, 10),
    col(P('progressText'), 'wrap', 12, 20),
    col(P('problems'), 'wrap', 12, 28),
    col(P('nextWeekPlan'), 'wrap', 12, 24),
    col('来源', 'wrap', 12, 22),
    col('较上周（万元）', 'delta', 9, 12),
  ];
  const towns = ctx.towns.filter((t) => t.status === 'submitted');
  const rowOf = (town: string, p: TownResult['projectList'][number]): Value[] => [
    town,
    p.seq,
    p.name,
    p.category,
    p.status,
    p.totalInvestment,
    p.annualPlan,
    p.weekDone,
    p.completedYtd,
    p.completion,
    p.gap,
    lightText(p.light),
    p.leader,
    p.progressText,
    p.problems,
    p.nextWeekPlan,
    sourceText(p.source),
    p.change?.completedYtdDelta ?? null,
  ];
  function* all(): Generator<Value[]> {
    for (const t of towns) for (const p of t.projectList) yield rowOf(t.town, p);
  }
  const s = new SheetWriter(wb, {
    name: SUMMARY_SHEET.projects,
    title: `${ctx.county}重点项目推进情况明细${ctx.dateSuffix}`,
    subtitle: `${ctx.progressText}　${ctx.lightsText}`,
    unitNote: '金额单位：万元',
    cols,
    sizingRows: all(),
    footerLeft: footerLeft(ctx),
    xSplit: 3,
  });
  await s.lightRows(all(), 12, '无已报送的项目');
  s.commit();
}

async function writeLagging(wb: ExcelJS.stream.xlsx.WorkbookWriter, ctx: Ctx): Promise<void> {
  const cols = [
    col('乡镇', 'center', 8, 12),
    col(P('name'), 'wrap', 14, 26),
    col(P('leader'), 'center', 8, 10),
    col(`${P('annualPlan')}（万元）`, 'amount', 11, 14),
    col(`${P('completedYtd')}（万元）`, 'amount', 11, 14),
    col('完成率', 'pct', 8),
    col('低于序时（个百分点）', 'points', 10),
    col('灯', 'light', 5),
    col(P('problems'), 'wrap', 20, 44),
    col('来源', 'wrap', 12, 22),
  ];
  // Red first; within a colour the result's order.
  const order = { red: 0, yellow: 1 } as const;
  const lagging = [...ctx.result.lagging].sort((a, b) => order[a.light] - order[b.light]);
  const rows: Value[][] = lagging.map((l) => [
    l.town,
    l.project,
    l.leader,
    l.annualPlan,
    l.completedYtd,
    l.completion,
    // The gap is negative for a lagging project; the column says how far below, so its sign is dropped.
    num(l.gap) === null || l.gap === 0 ? num(l.gap) : -l.gap,
    lightText(l.light),
    l.problems,
    sourceText(l.source),
  ]);
  const county = ctx.result.county.projects;
  const s = new SheetWriter(wb, {
    name: SUMMARY_SHEET.lagging,
    title: `${ctx.county}滞后项目清单${ctx.dateSuffix}`,
    subtitle: `${ctx.progressText}　${ctx.lightsText}　全县红灯${county.red}个、黄灯${county.yellow}个`,
    unitNote: null,
    cols,
    sizingRows: rows,
    footerLeft: footerLeft(ctx),
  });
  await s.lightRows(rows, 8, '本期无滞后项目');
  s.commit();
}

async function writeProblems(wb: ExcelJS.stream.xlsx.WorkbookWriter, ctx: Ctx): Promise<void> {
  const cols = [
    col('序号', 'int', 5),
    col('乡镇', 'center', 8, 12),
    col(P('name'), 'wrap', 14, 26),
    col(P('leader'), 'center', 8, 10),
    col('灯', 'light', 5),
    col('存在问题（需县领导协调）', 'wrap', 60, 80),
  ];
  const rows: Value[][] = ctx.result.problems.map((p, i) => [
    i + 1,
    p.town,
    p.project,
    p.leader,
    lightText(p.light),
    p.problems,
  ]);
  const s = new SheetWriter(wb, {
    name: SUMMARY_SHEET.problems,
    title: `${ctx.county}重点项目存在问题及需协调事项${ctx.dateSuffix}`,
    subtitle: '各乡镇报表「存在问题」栏所填，按乡镇、项目顺序列出',
    unitNote: null,
    cols,
    sizingRows: rows,
    footerLeft: footerLeft(ctx),
  });
  await s.lightRows(rows, 5, '本期无需协调的问题');
  s.commit();
}

async function writeIndicators(wb: ExcelJS.stream.xlsx.WorkbookWriter, ctx: Ctx): Promise<void> {
  const cols = [
    col('乡镇', 'center', 8, 12),
    col(I('name'), 'wrap', 16, 26),
    col(I('unit'), 'center', 7, 10),
    col(I('target'), 'amount', 11, 14),
    col(cumulativeLabel(ctx.asOf), 'amount', 11, 14),
    col('完成率', 'pct', 8),
    col('与序时差', 'gap', 7),
    col('灯', 'light', 5),
    col('是否可累加', 'center', 6),
    col('备注', 'wrap', 12, 24),
    col('原目标', 'amount', 9, 14),
    col('调整后目标', 'amount', 9, 14),
    col('调整日期', 'center', 11, 12),
    col('调整文号', 'wrap', 10, 20),
  ];
  const towns = ctx.towns.filter((t) => t.status === 'submitted' && ((t.indicators && t.indicators.length) || t.indicatorsNotReported?.length));
  const countyTargets = towns.some((t) => (t.indicators ?? []).some((i) => i.targetSource === 'county'));
  const rows: Value[][] = [];
  for (const t of towns) {
    for (const ind of t.indicators ?? []) {
      const notes: string[] = [];
      if (!ind.known) notes.push('指标目录外，不汇总');
      if (ind.rawName && ind.rawName !== ind.name) notes.push(`原填「${ind.rawName}」`);
      if (ind.targetSource === 'county') {
        if (ind.targetTown != null && ind.target !== null && targetsDiffer(ind.targetTown, ind.target)) {
          notes.push(`乡镇表填 ${fmtNumber(ind.targetTown, 4)}，按县下达目标`);
        }
        if (ind.adjustedOn && ind.adjustedOn <= ctx.result.asOf && ind.targetAdjusted != null) notes.push('按调整后目标');
      } else if (countyTargets && ind.known) notes.push('县未下达目标，按乡镇自填');
      rows.push([
        t.town,
        ind.name,
        ind.unit,
        ind.target,
        ind.actual,
        ind.completion,
        ind.gap,
        lightText(ind.light),
        ind.additive ? '是' : '否',
        notes.join('；') || null,
        ind.targetOriginal ?? null,
        ind.targetAdjusted ?? null,
        ind.adjustedOn ?? null,
        ind.adjustDoc ?? null,
      ]);
    }
    // a county target the town's report does not hold: listed as not reported, never left out
    for (const n of t.indicatorsNotReported ?? []) rows.push([t.town, n.name, n.unit, n.target, '未报送', null, null, null, null, '县下达了目标，本镇未报送该指标']);
  }
  const countyRows: Value[][] = ctx.result.county.indicators.map((c) => [
    '全县',
    c.name,
    c.unit,
    c.target,
    c.actual,
    c.completion,
    null,
    null,
    '是',
    `${c.towns}个乡镇合计`,
  ]);
  const s = new SheetWriter(wb, {
    name: SUMMARY_SHEET.indicators,
    title: `${ctx.county}主要指标完成情况${ctx.dateSuffix}`,
    subtitle: `${ctx.progressText}　${ctx.lightsText}　比率、占比、人均类指标不跨乡镇累加${countyTargets ? '　年度目标为汇总日期执行的县下达目标（调整后目标自调整日期起执行）' : ''}`,
    unitNote: null,
    cols,
    sizingRows: [...rows, ...countyRows],
    footerLeft: footerLeft(ctx),
  });
  await s.lightRows(rows, 8, '本期无乡镇报送主要指标');
  s.wideRow('全县（可累加指标）', SECTION_STYLE, 20);
  await s.dataRows(countyRows, 'total');
  if (countyRows.length === 0) s.wideRow('无可累加的指标', EMPTY_STYLE);
  s.commit();
}

async function writeSubmissions(wb: ExcelJS.stream.xlsx.WorkbookWriter, ctx: Ctx): Promise<void> {
  const cols = [
    col('乡镇', 'center', 8, 12),
    col('状态', 'center', 8),
    col('报表日期', 'center', 11, 12),
    col('文件', 'wrap', 16, 30),
    col('严重程度', 'center', 8),
    col('代码', 'text', 8, 24),
    col('工作表', 'wrap', 8, 14),
    col('单元格', 'center', 6, 8),
    col('说明', 'wrap', 30, 60),
  ];
  const townNote: Record<TownStatus, string> = {
    submitted: '已采用',
    rejected: '报表有错误，已退回，请按下方「错误」逐条修改后重新报送',
    missing: '未收到报表，请催报',
  };
  const townRows: Value[][] = ctx.towns.map((t) => [
    t.town,
    TOWN_STATUS[t.status],
    t.reportDate,
    t.files.length ? t.files.join('\n') : null,
    null,
    null,
    null,
    null,
    townNote[t.status],
  ]);
  const fileRows: Value[][] = [];
  for (const f of ctx.result.files) {
    const head: Value[] = [f.town, FILE_STATUS[f.status], f.reportDate, f.file];
    if (f.issues.length === 0) fileRows.push([...head, null, null, null, null, '未发现问题']);
    for (const i of f.issues) fileRows.push([...head, SEVERITY_LABEL[i.severity], i.code, i.sheet, i.cell, i.message]);
  }
  const s = new SheetWriter(wb, {
    name: SUMMARY_SHEET.submissions,
    title: `${ctx.county}重点项目周报报送情况${ctx.dateSuffix}`,
    subtitle: '一、名册中每个乡镇的报送状态；二、收到的每个文件及其问题（退回的乡镇须按所列「错误」修改后重新报送）',
    unitNote: null,
    cols,
    sizingRows: [...townRows, ...fileRows],
    footerLeft: footerLeft(ctx),
  });
  const townSection = s.wideRow('一、各乡镇报送情况', SECTION_STYLE, 20);
  await s.dataRows(townRows);
  if (townRows.length === 0) s.wideRow('名册中无乡镇', EMPTY_STYLE);
  const townLast = s.rowNumber - 1;
  s.textFormat(2, townSection + 1, townLast, [
    ['退回', CF_RED_TINT],
    ['未报送', CF_YELLOW_TINT],
  ]);
  s.wideRow('二、收到的文件及问题（每个问题一行）', SECTION_STYLE, 20);
  s.headerRow(['乡镇', '文件状态', '报表日期', '文件', '严重程度', '代码', '工作表', '单元格', '说明']);
  const fileFirst = s.rowNumber;
  await s.dataRows(fileRows);
  if (fileRows.length === 0) s.wideRow('未收到文件', EMPTY_STYLE);
  const fileLast = s.rowNumber - 1;
  if (fileRows.length) {
    s.textFormat(2, fileFirst, fileLast, [['退回', CF_RED_TINT]]);
    s.textFormat(5, fileFirst, fileLast, [
      ['错误', CF_RED_TINT],
      ['警告', CF_YELLOW_TINT],
    ]);
  }
  s.commit();
}

/**
 * 扩权事项: the delegated powers each town has registered, town × 原实施部门 (count per cell, row and column totals),
 * then by 下放方式 and by 承接状态 side by side. Every figure is a count from the result (TownResult.powers, county.powers).
 */
async function writePowers(wb: ExcelJS.stream.xlsx.WorkbookWriter, ctx: Ctx): Promise<void> {
  const county = ctx.result.county.powers;
  const departments = county ? Object.keys(county.byDepartment) : DEFAULT_DEPARTMENTS.map((d) => d.name);
  const cols = [col('乡镇', 'center', 8, 12), ...departments.map((d) => col(d, 'int', 5, 7)), col('合计', 'int', 6, 8)];
  // the second table (six ways, four statuses and their totals) needs 13 columns; a short department list is padded
  while (cols.length < 2 + POWER_WAYS.length + POWER_STATUSES.length + 1) cols.push(col('', 'int', 5, 7));
  const noRegister: Record<TownStatus, string> = { submitted: '未报扩权事项', rejected: '退回', missing: '未报送' };
  const row = (t: TownResult, keys: string[][], picks: ((p: NonNullable<TownResult['powers']>) => Record<string, number>)[]): Value[] => {
    const out: Value[] = [t.town];
    keys.forEach((ks, i) => out.push(...ks.map((k) => (t.powers ? picks[i](t.powers)[k] ?? 0 : null)), t.powers ? t.powers.count : null));
    return out;
  };
  const totalRow = (keys: string[][], picks: ((p: NonNullable<TownResult['powers']>) => Record<string, number>)[]): Value[] => {
    const out: Value[] = ['全县合计'];
    keys.forEach((ks, i) => out.push(...ks.map((k) => (county ? picks[i](county)[k] ?? 0 : 0)), county?.count ?? 0));
    return out;
  };
  // 一: town × department; 二: by way and by status side by side (each followed by its 合计)
  const deptKeys = [departments];
  const deptPick = [(p: NonNullable<TownResult['powers']>) => p.byDepartment];
  const wsKeys = [POWER_WAYS, POWER_STATUSES];
  const wsPick = [(p: NonNullable<TownResult['powers']>) => p.byWay, (p: NonNullable<TownResult['powers']>) => p.byStatus];
  const deptRows = ctx.towns.map((t) => row(t, deptKeys, deptPick));
  const reported = ctx.towns.filter((t) => t.powers).length;
  const s = new SheetWriter(wb, {
    name: SUMMARY_SHEET.powers,
    title: `${ctx.county}扩权强镇事项承接情况${ctx.dateSuffix}`,
    subtitle: `一、按原实施部门；二、按下放方式和承接状态。${reported}个乡镇报送了扩权事项登记表，共${county?.count ?? 0}项`,
    unitNote: '单位：项',
    cols,
    sizingRows: [...deptRows, totalRow(deptKeys, deptPick)],
    footerLeft: footerLeft(ctx),
    xSplit: 1,
  });
  const writeBlock = async (rows: Value[][], total: Value[]) => {
    // a town without a register keeps its row, empty (the note below says why); a block is as wide as its keys
    await s.dataRows(rows, 'body', total.length);
    if (rows.length === 0) s.wideRow('无乡镇', EMPTY_STYLE);
    s.dataRow(total, 'total', total.length);
  };
  await writeBlock(deptRows, totalRow(deptKeys, deptPick));
  s.wideRow('二、按下放方式和承接状态', SECTION_STYLE, 20);
  s.headerRow(['乡镇', ...POWER_WAYS, '合计', ...POWER_STATUSES, '合计']);
  await writeBlock(ctx.towns.map((t) => row(t, wsKeys, wsPick)), totalRow(wsKeys, wsPick));
  const registerRejected = (town: string) => ctx.result.files.some((f) => f.town === town && f.status === 'rejected' && f.kinds.includes('powers'));
  const without = ctx.towns
    .filter((t) => !t.powers)
    .map((t) => `${t.town}（${t.status === 'submitted' && registerRejected(t.town) ? '扩权事项表被退回' : noRegister[t.status]}）`);
  s.note(`注：1. 每格为该乡镇登记的事项数；各部门、各下放方式、各承接状态的事项数分别相加均等于合计。2. 无数字的乡镇：${without.length ? without.join('、') : '无'}。`);
  s.commit();
}

// ---------------------------------------------------------------------------------------------------------------

/** The 通报 sheet's content for `result`: the bulletin, its chart (rendered here) and the page footer. */
export function bulletinInput(result: ConsolidationResult, opts: SummaryOptions = {}): BulletinSheetInput {
  const ctx = context(result, opts);
  const bulletin = buildBulletin(result, { county: ctx.county });
  return { bulletin, chart: renderBulletinChart(bulletin, opts.chart), footer: footerLeft(ctx) };
}

function stampOf(ctx: Ctx): Date {
  return ctx.asOf ? new Date(Date.UTC(ctx.asOf.year, ctx.asOf.month - 1, ctx.asOf.day)) : new Date(0);
}

/** A workbook holding only the 通报 sheet (what the bulletin's PDF is converted from). */
export async function writeBulletinOnly(result: ConsolidationResult, outPath: string, opts: SummaryOptions = {}): Promise<void> {
  await writeBulletinWorkbook(outPath, bulletinInput(result, opts), stampOf(context(result, opts)));
}

/**
 * Writes the county summary workbook for `result` to `outPath` (.xlsx). Sheets: core SUMMARY_SHEET_ORDER (汇总概览, 通报, 项目明细, 滞后项目,
 * 存在问题, 主要指标, 扩权事项, 报送情况). The same result always gives the same cell contents (the workbook's dates come from result.asOf).
 */
export async function writeSummaryWorkbook(
  result: ConsolidationResult,
  outPath: string,
  opts: SummaryOptions = {},
): Promise<{ chartProblem: string | null }> {
  const ctx = context(result, opts);
  const wb = stampedWorkbookWriter({ filename: outPath, useStyles: true, useSharedStrings: false }, stampOf(ctx));
  wb.creator = 'xcs-weekly';
  wb.lastModifiedBy = 'xcs-weekly';
  wb.title = footerLeft(ctx);

  await writeOverview(wb, ctx);
  const bulletin = bulletinInput(result, opts);
  writeBulletinSheet(wb, bulletin);
  // --history: 走势 and 督办清单 (io/write/history-sheets.ts), nothing without a history
  writeHistorySheets(wb, result, { county: ctx.county, footer: footerLeft(ctx) });
  await writeProjects(wb, ctx);
  await writeLagging(wb, ctx);
  await writeProblems(wb, ctx);
  await writeIndicators(wb, ctx);
  await writePowers(wb, ctx);
  await writeSubmissions(wb, ctx);
  await wb.commit();
  await addTrendChart(outPath, result, stampOf(ctx));
  const png = bulletin.chart.png;
  return { chartProblem: png.ok ? png.warning ?? null : png.reason };
}
