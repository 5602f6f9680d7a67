/**
 * Column widths and row heights, measured from the text (the streaming writer cannot auto-fit, and neither
 * LibreOffice nor WPS re-fit rows reliably on load): CJK counts 2, amounts as 「#,##0.00」 shows them.
 */
import { cellTextOf } from '../../../core/text';
import { formatEnUs } from '../../../core/numbers';
import type { Kind } from './styles';

// Cell values: plain strings and finite numbers only

export type Value = string | number | null;

/** A text cell: always a string (exceljs never makes a formula of a string, even one starting with '='), cleaned by the one cleaner. */
export function text(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  const t = cellTextOf(String(s));
  return t === '' ? null : t;
}

export function num(n: number | null | undefined): number | null {
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

// Sheet scaffolding

export interface Column {
  header: string;
  kind: Kind;
  /** Width bounds in Excel units; the width follows the content between them. */
  min: number;
  max: number;
}

export function col(header: string, kind: Kind, min: number, max = min): Column {
  return { header, kind, min, max };
}


/** Characters of `v` in 「#,##0.00」 (what Intl's en-US format with two decimals gives), without formatting it below 1e15. */
export function amountWidth(v: number): number {
  if (!(Math.abs(v) < 1e15)) return formatEnUs(v, 2, 2).length;
  const s = Math.abs(v).toFixed(2);
  const intLen = s.length - 3;
  const negative = v < 0 || Object.is(v, -0);
  return (negative ? 1 : 0) + intLen + Math.floor((intLen - 1) / 3) + 3;
}

export function valueWidth(v: Value, kind: Kind): number {
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
export function widths(cols: Column[], rows: Iterable<Value[]>): number[] {
  const content = cols.map(() => 0);
  // a column whose content reaches its max (content + 2 ≥ max) is at its max whatever comes after: it is not measured
  // further, and the rows stop being read when every column is there (a province's 项目明细: ~50k rows of long texts)
  let full = 0;
  for (const r of rows) {
    for (let i = 0; i < cols.length; i++) {
      if (content[i] + 2 >= cols[i].max) continue;
      const w = valueWidth(r[i] ?? null, cols[i].kind);
      if (w > content[i]) {
        content[i] = w;
        if (w + 2 >= cols[i].max) full++;
      }
    }
    if (full === cols.length) break;
  }
  return cols.map((c, i) => {
    // Headers wrap onto two lines when they have to.
    const header = Math.ceil(displayWidth(c.header) / 2);
    const want = Math.max(content[i], header) + 2;
    return Math.min(c.max, Math.max(c.min, want));
  });
}

/** Points per line of 10-point text, with the leading LibreOffice and WPS give CJK fonts. */
export const LINE_HEIGHT = 13.5;

/** Lines a text wraps to in a column of `width` units (CJK counts 2; a little lost to cell padding). */
export function lineCount(s: string, width: number): number {
  const room = Math.max(2, width - 1);
  // a character is at most 2 wide (one of two UTF-16 units too): a short line needs no measuring
  if (2 * s.length <= room && !s.includes('\n')) return 1;
  return s.split(/\r?\n/).reduce((a, line) => a + Math.max(1, Math.ceil(displayWidth(line) / room)), 0);
}

/** Text in these columns wraps (and sets the row's height). */
export function wrapsText(kind: Kind): boolean {
  return kind === 'wrap' || kind === 'center';
}

/** A data row's cells as written: values cleaned (text, num), and the row's explicit height when a wrapped text needs more than one line. */
export interface RowCells {
  cells: Value[];
  height: number | undefined;
  /** exceljs skips a row with neither a value nor a height. */
  hasValues: boolean;
}

/** The first `n` values of a data row as cells, with the row's height in columns of `widths` (`wraps`: wrapsText per column). */
export function rowCells(values: readonly Value[], n: number, wraps: readonly boolean[], widths: readonly number[]): RowCells {
  const cells: Value[] = new Array(n);
  let lines = 1;
  let hasValues = false;
  for (let i = 0; i < n; i++) {
    const v = values[i] ?? null;
    const value = typeof v === 'string' ? text(v) : num(v);
    cells[i] = value;
    if (value !== null) hasValues = true;
    if (typeof value === 'string' && wraps[i]) {
      lines = Math.max(lines, lineCount(value, widths[i]));
    }
  }
  return { cells, height: lines > 1 ? lines * LINE_HEIGHT + 3 : undefined, hasValues };
}
