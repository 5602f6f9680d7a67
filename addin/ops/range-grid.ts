/**
 * A spreadsheet program's range reads → the core's Grid, shared by the hosts: what a host read of a sheet (its used
 * range's address, values, formulas and number formats, its merged areas and its visible areas, in Office.js's shapes)
 * becomes a Grid. No program's call here, so it is tested without Excel or WPS. The Office.js host hands over its loads
 * as they come; the WPS host reshapes its object-model reads into the same SheetRead.
 */
import type { CellValue, Grid, GridCell, MergeRange } from '../../core/grid';
import { parseRange } from '../../core/grid';
import { isPercentFormat } from '../../io/grid/exceljs-grid';

export interface SheetRead {
  name: string;
  hidden: boolean;
  /** Address of the used range, "Sheet1!B2:H40" (no used range: null). */
  usedAddress: string | null;
  /** Row blocks of the used range, top to bottom, each with the same columns. */
  values: unknown[][];
  formulas: unknown[][];
  numberFormat: unknown[][];
  /** RangeAreas address of the merged areas ("A1:C1, Sheet1!A2:A3"), or null. */
  mergedAddress: string | null;
  /** RangeAreas address of the visible cells of the used range, or null (no visible cell). */
  visibleAddress: string | null;
}

const ERROR_VALUES = new Set(['#DIV/0!', '#N/A', '#REF!', '#VALUE!', '#NAME?', '#NUM!', '#NULL!', '#SPILL!', '#CALC!', '#FIELD!', '#BLOCKED!', '#UNKNOWN!', '#BUSY!', '#GETTING_DATA']);

/** Strips the sheet name: "'My sheet'!B2:C3" → "B2:C3". */
export function localAddress(a: string): string {
  const i = a.lastIndexOf('!');
  return i >= 0 ? a.slice(i + 1) : a;
}

/** The areas of a RangeAreas address ("Sheet1!A1:B2,Sheet1!D4") as 0-based ranges. */
export function parseAreas(address: string | null): MergeRange[] {
  if (!address) return [];
  const out: MergeRange[] = [];
  // sheet names may contain commas only when quoted; split on commas outside quotes
  let cur = '';
  let quoted = false;
  for (const ch of address) {
    if (ch === "'") quoted = !quoted;
    if (ch === ',' && !quoted) {
      out.push(...area(cur));
      cur = '';
    } else cur += ch;
  }
  out.push(...area(cur));
  return out;
}

function area(a: string): MergeRange[] {
  const s = localAddress(a.trim()).replace(/\$/g, '');
  if (!s) return [];
  // whole rows "3:5" or whole columns "B:D"
  const rows = /^(\d+):(\d+)$/.exec(s);
  if (rows) return [{ top: Number(rows[1]) - 1, bottom: Number(rows[2]) - 1, left: 0, right: 16383 }];
  const r = parseRange(s);
  return r ? [r] : [];
}

/** A number format that shows a date or a time (y, m, d, h, s tokens outside quotes, brackets and escapes). */
export function isDateFormat(fmt: unknown): boolean {
  if (typeof fmt !== 'string' || fmt === '' || fmt === 'General' || fmt === '@') return false;
  const bare = fmt.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '');
  return /[ymdhs]/i.test(bare.replace(/_./g, '').replace(/General/gi, ''));
}

/** Excel serial (1900 date system, Excel's leap-year bug included) → Date at UTC midnight plus the time part. */
export function serialToDate(serial: number): Date {
  const days = serial > 60 ? serial - 1 : serial; // 1900-02-29 does not exist
  return new Date(Date.UTC(1899, 11, 31) + Math.round(days * 86400000));
}

function toCell(v: unknown, f: unknown, fmt: unknown): GridCell | undefined {
  if (v === '' || v === null || v === undefined) {
    // a formula whose result is empty text is still an empty cell for the tables
    return undefined;
  }
  const formula = typeof f === 'string' && f.startsWith('=') ? f.slice(1) : undefined;
  let value: CellValue;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) value = { error: '#NUM!' };
    else if (isDateFormat(fmt) && v > 0 && v < 2958466) value = serialToDate(v);
    else value = v;
  } else if (typeof v === 'boolean') value = v;
  else if (typeof v === 'string') value = formula !== undefined && ERROR_VALUES.has(v) ? { error: v } : v;
  else value = String(v);
  const gc: GridCell = { value };
  if (formula !== undefined) gc.formula = formula;
  if (typeof value === 'number' && isPercentFormat(fmt)) gc.percent = true;
  return gc;
}

/** One sheet's loads → Grid. Cells of a merged area other than its top-left are emptied, as Excel shows them. */
export function sheetReadToGrid(s: SheetRead): Grid {
  if (!s.usedAddress) return { sheet: s.name, hidden: s.hidden, rows: [], merges: [] };
  const used = parseRange(localAddress(s.usedAddress).replace(/\$/g, ''));
  const origin = used ?? { top: 0, left: 0, bottom: 0, right: 0 };
  const height = s.values.length;
  const width = s.values.reduce((m, r) => Math.max(m, r.length), 0);
  const rows: (GridCell | undefined)[][] = [];
  for (let r = 0; r < height; r++) {
    const vr = s.values[r] ?? [];
    const fr = s.formulas[r] ?? [];
    const nr = s.numberFormat[r] ?? [];
    const line: (GridCell | undefined)[] = new Array(origin.left + vr.length);
    for (let c = 0; c < vr.length; c++) line[origin.left + c] = toCell(vr[c], fr[c], nr[c]);
    rows[origin.top + r] = line;
  }
  for (let r = 0; r < origin.top; r++) rows[r] = [];
  const bottom = origin.top + height - 1;
  const right = origin.left + width - 1;
  const merges: MergeRange[] = [];
  for (const m of parseAreas(s.mergedAddress)) {
    const c = { top: m.top, left: m.left, bottom: Math.min(m.bottom, bottom), right: Math.min(m.right, right) };
    if (c.top > bottom || c.left > right || (c.top === c.bottom && c.left === c.right)) continue;
    merges.push(c);
    for (let r = c.top; r <= c.bottom; r++) {
      const line = rows[r];
      if (!line) continue;
      for (let k = c.left; k <= c.right; k++) if (r !== c.top || k !== c.left) line[k] = undefined;
    }
  }
  // hidden rows: rows of the used range that no visible area covers
  const hiddenRows: number[] = [];
  if (!s.hidden && height > 0) {
    const visible = parseAreas(s.visibleAddress);
    const covered = new Uint8Array(height);
    for (const a of visible) {
      for (let r = Math.max(a.top, origin.top); r <= Math.min(a.bottom, bottom); r++) covered[r - origin.top] = 1;
    }
    for (let r = 0; r < height; r++) {
      if (!covered[r] && (rows[origin.top + r] ?? []).some((c) => c !== undefined)) hiddenRows.push(origin.top + r);
    }
  }
  for (const line of rows) while (line && line.length > 0 && line[line.length - 1] === undefined) line.length--;
  while (rows.length > 0 && rows[rows.length - 1]!.length === 0) rows.length--;
  return { sheet: s.name, hidden: s.hidden, rows, merges, ...(hiddenRows.length ? { hiddenRows } : {}) };
}

