/**
 * The grid: a sheet as plain values, whatever it was read from (an exceljs worksheet, an Office.js range, a browser
 * File). Adapters build it; everything after it is pure.
 */

/** A formula error value as the spreadsheet shows it: #DIV/0!, #N/A, #REF!, #VALUE!, #NAME?, #NUM!, #NULL!. */
export interface CellError {
  error: string;
}

export type CellValue = string | number | boolean | Date | CellError | null;

export interface GridCell {
  /** Plain value: rich text flattened to a string, a formula replaced by its cached result. */
  value: CellValue;
  /** The cell held a formula (its text, without the leading =). */
  formula?: string;
  /** A formula with no cached result: `value` is null and nobody computed it. */
  noResult?: boolean;
  /** A number shown as a percentage (its number format has %): 0.58 is what the user sees as 58%. */
  percent?: boolean;
}

/** 0-based, inclusive. */
export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface Grid {
  /** The sheet's name as the user sees it on its tab. */
  sheet: string;
  /** Hidden or very hidden sheets are not read, only reported. */
  hidden: boolean;
  /** rows[r][c], 0-based; missing entries are empty cells. */
  rows: (GridCell | undefined)[][];
  merges: MergeRange[];
  /** 0-based rows hidden in the sheet (by hand or by a filter); their figures still count. */
  hiddenRows?: number[];
}

export function isCellError(v: CellValue | undefined): v is CellError {
  return typeof v === 'object' && v !== null && !(v instanceof Date) && typeof (v as CellError).error === 'string';
}

/** Column letters of a 0-based column index: 0 → A, 25 → Z, 26 → AA. */
export function colLetters(c: number): string {
  let s = '';
  let n = c + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A1 address of 0-based row and column. */
export function address(r: number, c: number): string {
  return `${colLetters(c)}${r + 1}`;
}

/** 0-based row and column of an A1 address ("$B$7" allowed); null when it is not one. */
export function parseAddress(a: string): { r: number; c: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(a.trim());
  if (!m) return null;
  let c = 0;
  for (const ch of m[1].toUpperCase()) c = c * 26 + (ch.charCodeAt(0) - 64);
  return { r: Number(m[2]) - 1, c: c - 1 };
}

/** A range "B2:D3" (or one cell "B2") as a 0-based MergeRange; what adapters get for merged areas. */
export function parseRange(ref: string): MergeRange | null {
  const [a, b] = String(ref).split(':');
  const p = a ? parseAddress(a) : null;
  const q = b ? parseAddress(b) : p;
  if (!p || !q) return null;
  return { top: Math.min(p.r, q.r), left: Math.min(p.c, q.c), bottom: Math.max(p.r, q.r), right: Math.max(p.c, q.c) };
}

/** Text of a cell value for header and label matching ('' for empty, numbers as written). */
export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return v.error;
}
