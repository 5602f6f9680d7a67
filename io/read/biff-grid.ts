/**
 * Native reader of legacy workbooks: a BIFF8 Workbook stream (.xls, and the .et/.ett WPS saves when they hold one)
 * → the same Grids that the LibreOffice road gives (LibreOffice converts to .xlsx, then parse.ts reads it), in
 * milliseconds and without LibreOffice. Pure over bytes; no file access. See docs/dev/legacy-conversion.md.
 *
 * How it stays identical to that road:
 *   - the OLE container, the record walk, BOUNDSHEET and the checks of a complete stream are biff.ts's (the same
 *     inspection the converter runs); afterwards this reader's own counts of value cells and numbers per sheet must
 *     equal the inspection's, else it declines;
 *   - each cell becomes a small stand-in of an exceljs cell (type, value, result, numFmt) and the Grid is built by
 *     io/grid's worksheetToGrid, as for the fast .xlsx reader: budgets, merges, hidden rows, trimming and the
 *     messages are the same code;
 *   - dates: exceljs's own isDateFmt on the cell's number format string (its FORMAT record, else the built-in table
 *     below) and exceljs's excelToDate with the workbook's DATEMODE; percentages: isPercentFormat on the same string.
 * Anything it does not read with certainty returns { declined } and the caller converts the file with LibreOffice:
 * BIFF5 and older, a FILEPASS, chart/macro/dialog sheets, a CONTINUE after a cell record, a string header split over
 * records, an out-of-range index (shared string, XF), a duplicate cell, a number format id it does not know, rows
 * hidden by default (DEFAULTROWHEIGHT), an unknown error code, a sheet name Excel forbids, any inconsistency.
 *
 * A formula cell's `formula` is its text decoded from the common tokens (references, areas, constants, operators,
 * the usual functions: `SUM(C5:C9)`, `D5/C5`), else the fixed marker BIFF_FORMULA (shared and array formulas, names,
 * other sheets, functions not in the small table): the core only uses its presence. Its value is the cached result
 * the file holds (number, string from the STRING record that follows, boolean, error; an empty-string result is an
 * empty string).
 */
import type { Grid } from '../../core/grid';
import { address } from '../../core/grid';
import { type Budget, type ReadFailure, type ValueTypeEnum, worksheetToGrid } from '../grid/exceljs-grid';
import { type BoundSheet, biffVersion, isWorksheetAt, openWorkbookStream, parseWorkbookStream, readBoundSheet, walkRecords } from './biff';
import { tooManyCellElementsFailure, tooManySharedStringsFailure } from './guards';
import { SparseRow } from './sparse-row';

/* eslint-disable @typescript-eslint/no-require-imports */

export type BiffGridOutcome = { ok: true; grids: Grid[]; date1904: boolean } | ReadFailure | { declined: string };

export interface BiffLimits {
  maxRows: number;
  maxCols: number;
  maxCells: number;
  maxTotalChars: number;
}

/** The text given as `formula` of a formula cell whose tokens are not decoded (see decodeFormula). */
export const BIFF_FORMULA = '[BIFF8 公式]';

// records
const BOF = 0x0809;
const EOF = 0x000a;
const CONTINUE = 0x003c;
const SST = 0x00fc;
const XF = 0x00e0;
const FORMAT = 0x041e;
const DATEMODE = 0x0022;
const BOUNDSHEET = 0x0085;
const FILEPASS = 0x002f;
const NUMBER = 0x0203;
const RK = 0x027e;
const MULRK = 0x00bd;
const LABELSST = 0x00fd;
const LABEL = 0x0204;
const RSTRING = 0x00d6;
const BOOLERR = 0x0205;
const FORMULA = 0x0006;
const STRING = 0x0207;
const BLANK = 0x0201;
const MULBLANK = 0x00be;
const MERGEDCELLS = 0x00e5;
const ROW = 0x0208;
const DEFAULTROWHEIGHT = 0x0225;
const SHRFMLA = 0x04bc;
const ARRAY = 0x0221;
const TABLE = 0x0236;

/** Records after which a CONTINUE would carry cell data this reader does not join. */
const CELL_RECORDS = new Set([NUMBER, RK, MULRK, LABELSST, LABEL, RSTRING, BOOLERR, FORMULA, BLANK, MULBLANK, MERGEDCELLS, ROW, SHRFMLA, ARRAY, TABLE]);

const ERRORS: Record<number, string> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
};

/**
 * Built-in number formats (ids without a FORMAT record), as strings for isDateFmt / isPercentFormat: exceljs's table
 * for the ids it knows (what the .xlsx road applies to a numFmtId without a format code), and for the Chinese
 * built-ins 27–36 and 50–58 the zh-CN formats (all dates or times: Chinese Excel shows them so, and LibreOffice
 * imports them as dates). Ids not here (5–8, 23–26, 41–44 are always written as FORMAT records by Excel) decline.
 */
const ZH_BUILTIN: Record<number, string> = {
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午h"时"mm"分"',
  35: '上午/下午h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午h"时"mm"分"',
  56: '上午/下午h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

interface ExcelJsBits {
  isDateFmt: (f: unknown) => boolean;
  excelToDate: (v: number, d1904: boolean) => Date;
  defaults: Record<number, { f?: string }>;
  ValueType: ValueTypeEnum;
}
let bits: ExcelJsBits | null = null;
function excelJsBits(): ExcelJsBits {
  if (!bits) {
    const utils = require('exceljs/lib/utils/utils');
    bits = {
      isDateFmt: utils.isDateFmt,
      excelToDate: utils.excelToDate,
      defaults: require('exceljs/lib/xlsx/defaultnumformats'),
      ValueType: require('exceljs/lib/doc/enums').ValueType,
    };
  }
  return bits;
}

class Declined extends Error {}
function no(why: string): never {
  throw new Declined(why);
}

/**
 * Reads a legacy workbook's bytes (an OLE2 compound file). Never throws: a budget exceeded is a ReadFailure with the
 * messages of the .xlsx road; anything this reader is not sure to read exactly is { declined }.
 */
export function readBiffGrids(data: Uint8Array, o: BiffLimits): BiffGridOutcome {
  try {
    return read(data, o);
  } catch (err) {
    if (err instanceof Declined) return { declined: err.message };
    return { declined: `error: ${err instanceof Error ? err.message : String(err)}` };
  }
}

// ─────────────────────────────────────────────────────────────────────────────────────────────── strings

/**
 * A record and the CONTINUE records after it, as one byte run with the offsets where each CONTINUE's data start:
 * a string's characters split over a CONTINUE restart with a new option byte (compressed or UTF-16) there.
 */
interface Chain {
  buf: Buffer;
  /** Offsets in buf where a CONTINUE's data begin (ascending). */
  breaks: number[];
}

function chainAt(s: Buffer, body: number, len: number): { chain: Chain; next: number } {
  const parts = [s.subarray(body, body + len)];
  const breaks: number[] = [];
  let size = len;
  let off = body + len;
  while (off + 4 <= s.length && s.readUInt16LE(off) === CONTINUE) {
    const l = s.readUInt16LE(off + 2);
    if (off + 4 + l > s.length) no('truncated CONTINUE');
    breaks.push(size);
    parts.push(s.subarray(off + 4, off + 4 + l));
    size += l;
    off += 4 + l;
  }
  return { chain: { buf: parts.length === 1 ? parts[0]! : Buffer.concat(parts, size), breaks }, next: off };
}

/** The next break after `pos` (or the end of the chain). */
function nextBreak(c: Chain, pos: number): number {
  // binary search: an SST of a big file has thousands of CONTINUEs and up to maxCells strings
  const b = c.breaks;
  let lo = 0;
  let hi = b.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (b[mid]! > pos) hi = mid;
    else lo = mid + 1;
  }
  return lo < b.length ? b[lo]! : c.buf.length;
}

/**
 * An XLUnicodeRichExtendedString (SST) or XLUnicodeString (STRING, FORMAT, LABEL: no rich/ext parts possible but the
 * flags say) at `pos` of a chain; returns the text and the offset after it. The header must not straddle a break.
 */
function readUnicode(c: Chain, pos: number, lengthBytes: 1 | 2 = 2): { text: string; end: number } {
  const b = c.buf;
  let brk = nextBreak(c, pos);
  if (pos + lengthBytes + 1 > brk) no('string header split');
  const cch = lengthBytes === 2 ? b.readUInt16LE(pos) : b[pos]!;
  let flags = b[pos + lengthBytes]!;
  let p = pos + lengthBytes + 1;
  if (flags & 0xf2) no('string flags');
  let runs = 0;
  let ext = 0;
  if (flags & 0x08) {
    if (p + 2 > brk) no('string header split');
    runs = b.readUInt16LE(p);
    p += 2;
  }
  if (flags & 0x04) {
    if (p + 4 > brk) no('string header split');
    ext = b.readUInt32LE(p);
    p += 4;
  }
  let text = '';
  let got = 0;
  for (;;) {
    const high = (flags & 1) === 1;
    const avail = Math.min(cch - got, Math.floor((brk - p) / (high ? 2 : 1)));
    if (avail > 0) {
      text += high ? b.toString('utf16le', p, p + 2 * avail) : b.toString('latin1', p, p + avail);
      p += avail * (high ? 2 : 1);
      got += avail;
    }
    if (got === cch) break;
    // the characters go on in the next CONTINUE, after a new option byte
    if (p !== brk || brk >= b.length) no('string characters run past their record');
    flags = b[p]!;
    if (flags & 0xfe) no('continued string flags');
    p += 1;
    brk = nextBreak(c, p);
  }
  // formatting runs and phonetic data: skipped (they may run across breaks without an option byte)
  p += 4 * runs + ext;
  if (p > b.length) no('string runs past its record');
  return { text, end: p };
}

function readSst(c: Chain, maxCells: number): string[] | ReadFailure {
  if (c.buf.length < 8) no('SST header');
  const unique = c.buf.readUInt32LE(4);
  if (unique > maxCells) return tooManySharedStringsFailure(unique, maxCells);
  const out: string[] = new Array(unique);
  let p = 8;
  for (let i = 0; i < unique; i++) {
    const r = readUnicode(c, p);
    out[i] = r.text;
    p = r.end;
  }
  return out;
}

// ─────────────────────────────────────────────────────────────────────────────────────────────── numbers

const rkScratch = Buffer.alloc(8);

/** An RK number: a 30-bit integer or the high 30 bits of a double, divided by 100 when bit 0 is set. */
export function decodeRk(rk: number): number {
  let v: number;
  if (rk & 2) v = rk >> 2;
  else {
    rkScratch.writeUInt32LE(0, 0);
    rkScratch.writeInt32LE(rk & ~3, 4);
    v = rkScratch.readDoubleLE(0);
  }
  return rk & 1 ? v / 100 : v;
}

// ─────────────────────────────────────────────────────────────────────────────────────────────── formulas

/** Built-in functions by BIFF index: name and, for a fixed-argument call (PtgFunc), the argument count. */
const FUNCTIONS: Record<number, [string, number]> = {
  0: ['COUNT', -1], 1: ['IF', -1], 2: ['ISNA', 1], 3: ['ISERROR', 1], 4: ['SUM', -1], 5: ['AVERAGE', -1], 6: ['MIN', -1],
  7: ['MAX', -1], 8: ['ROW', -1], 9: ['COLUMN', -1], 10: ['NA', 0], 24: ['ABS', 1], 25: ['INT', 1], 26: ['SIGN', 1],
  27: ['ROUND', 2], 28: ['LOOKUP', -1], 29: ['INDEX', -1], 30: ['REPT', 2], 31: ['MID', 3], 32: ['LEN', 1], 33: ['VALUE', 1],
  34: ['TRUE', 0], 35: ['FALSE', 0], 36: ['AND', -1], 37: ['OR', -1], 38: ['NOT', 1], 39: ['MOD', 2], 48: ['TEXT', 2],
  64: ['MATCH', -1], 65: ['DATE', 3], 66: ['TIME', 3], 67: ['DAY', 1], 68: ['MONTH', 1], 69: ['YEAR', 1], 74: ['NOW', 0],
  101: ['HLOOKUP', -1], 102: ['VLOOKUP', -1], 111: ['CHAR', 1], 112: ['LOWER', 1], 113: ['UPPER', 1], 115: ['LEFT', -1],
  116: ['RIGHT', -1], 118: ['TRIM', 1], 169: ['COUNTA', -1], 212: ['ROUNDUP', 2], 213: ['ROUNDDOWN', 2], 221: ['TODAY', 0],
  228: ['SUMPRODUCT', -1], 345: ['SUMIF', -1], 346: ['COUNTIF', 2], 347: ['COUNTBLANK', 1],
};
const BINARY = ['', '', '', '+', '-', '*', '/', '^', '&', '<', '<=', '=', '>=', '>', '<>', ' ', ',', ':'];

function refText(row: number, colField: number): string {
  const col = colField & 0x3fff;
  return `${colField & 0x4000 ? '' : '$'}${address(0, col).replace(/\d+$/, '')}${colField & 0x8000 ? '' : '$'}${row + 1}`;
}

/**
 * The text (without =) of a BIFF8 formula's tokens, or null when one is not in the small set read here. Only for
 * showing: nothing reads it but the presence of a formula.
 */
export function decodeFormula(rgce: Buffer): string | null {
  const st: string[] = [];
  let p = 0;
  const pop = (): string => {
    const v = st.pop();
    if (v === undefined) throw new Declined('formula stack');
    return v;
  };
  const call = (name: string, n: number) => {
    if (st.length < n) throw new Declined('formula stack');
    st.push(`${name}(${st.splice(st.length - n, n).join(',')})`);
  };
  try {
    while (p < rgce.length) {
      const t = rgce[p++]!;
      if (t >= 0x03 && t <= 0x11) {
        const b = pop();
        st.push(`${pop()}${BINARY[t]}${b}`);
      } else if (t === 0x12) st.push(`+${pop()}`);
      else if (t === 0x13) st.push(`-${pop()}`);
      else if (t === 0x14) st.push(`${pop()}%`);
      else if (t === 0x15) st.push(`(${pop()})`);
      else if (t === 0x16) st.push('');
      else if (t === 0x17) {
        const r = readUnicode({ buf: rgce.subarray(p), breaks: [] }, 0, 1);
        st.push(`"${r.text.replace(/"/g, '""')}"`);
        p += r.end;
      } else if (t === 0x19) {
        const grbit = rgce[p]!;
        const w = rgce.readUInt16LE(p + 1);
        p += 3;
        if (grbit & 0x04) p += 2 * (w + 1); // CHOOSE's jump table
        if (grbit & 0x10) call('SUM', 1);
      } else if (t === 0x1c) st.push(ERRORS[rgce[p++]!] ?? '#N/A');
      else if (t === 0x1d) st.push(rgce[p++] ? 'TRUE' : 'FALSE');
      else if (t === 0x1e) {
        st.push(String(rgce.readUInt16LE(p)));
        p += 2;
      } else if (t === 0x1f) {
        st.push(String(Number(rgce.readDoubleLE(p).toPrecision(15)))); // as Excel shows it in the formula bar
        p += 8;
      } else if (t >= 0x20 && t < 0x80) {
        switch (t & 0x1f) {
          case 0x01: {
            const f = FUNCTIONS[rgce.readUInt16LE(p)];
            p += 2;
            if (!f || f[1] < 0) return null;
            call(f[0], f[1]);
            break;
          }
          case 0x02: {
            const n = rgce[p]! & 0x7f;
            const tab = rgce.readUInt16LE(p + 1);
            p += 3;
            const f = tab & 0x8000 ? undefined : FUNCTIONS[tab];
            if (!f) return null;
            call(f[0], n);
            break;
          }
          case 0x04:
            st.push(refText(rgce.readUInt16LE(p), rgce.readUInt16LE(p + 2)));
            p += 4;
            break;
          case 0x05:
            st.push(`${refText(rgce.readUInt16LE(p), rgce.readUInt16LE(p + 4))}:${refText(rgce.readUInt16LE(p + 2), rgce.readUInt16LE(p + 6))}`);
            p += 8;
            break;
          case 0x0a:
            st.push('#REF!');
            p += 4;
            break;
          case 0x0b:
            st.push('#REF!');
            p += 8;
            break;
          default:
            return null; // arrays, names, shared (relative) and 3-D references, memory tokens
        }
      } else return null; // PtgExp/PtgTbl (shared and array formulas) and anything else
    }
  } catch {
    return null;
  }
  return st.length === 1 && p === rgce.length ? st[0]! : null;
}

// ─────────────────────────────────────────────────────────────────────────────────────────────── stand-ins

/** Stand-in of an exceljs Cell: what cellToGridCell reads. */
interface BiffCell {
  type: number;
  value: unknown;
  result?: unknown;
  numFmt: string | undefined;
  formula?: string;
}

class BiffRow extends SparseRow<BiffCell> {}

class BiffSheetModel {
  rows: (BiffRow | undefined)[] = [];
  merges: string[] = [];
  hidden = new Set<number>();
  cells = 0;
  numbers = 0;
  /** All cell records, blanks included (the maxCells guard on the bytes). */
  elements = 0;
  constructor(
    readonly name: string,
    readonly state: string | undefined,
  ) {}
  eachRow(_opts: unknown, fn: (row: BiffRow, n: number) => void): void {
    this.rows.forEach(row => {
      if (row && row.cells.length > 0) fn(row, row.number);
    });
  }
}

// ─────────────────────────────────────────────────────────────────────────────────────────────── workbook

interface Globals {
  date1904: boolean;
  sst: string[] | null;
  /** Number format string of each XF (by index). */
  xfFormats: (string | undefined)[];
  bound: BoundSheet[];
}

const INVALID_NAME = /[*?:/\\[\]]/;

function read(data: Uint8Array, o: BiffLimits): BiffGridOutcome {
  const X = excelJsBits();
  const opened = openWorkbookStream(data);
  if (!opened.ok) no(`container: ${opened.what}`);
  const s = opened.stream;
  if (biffVersion(s) !== 8) no('not BIFF8');
  const inspection = parseWorkbookStream(s);
  if (!inspection.ok) no(`inspection: ${inspection.what}`);

  const g = readGlobals(s, o);
  if ('ok' in g) return g;

  // every sheet must be a worksheet with a name Excel allows
  const names = new Set<string>();
  for (const b of g.bound) {
    if (b.type !== 0 || isWorksheetAt(s, b.pos) !== true) no('a sheet that is not a worksheet');
    if (b.name === '' || b.name.length > 31 || b.name === 'History' || INVALID_NAME.test(b.name) || /(^')|('$)/.test(b.name)) {
      no('sheet name');
    }
    const k = b.name.toLowerCase();
    if (names.has(k)) no('duplicate sheet name');
    names.add(k);
  }
  if (g.bound.length !== inspection.sheets.length) no('sheet count');

  const models: BiffSheetModel[] = [];
  let elements = 0;
  for (const [i, b] of g.bound.entries()) {
    const claimed = inspection.sheets[i]!;
    if (claimed.name !== b.name || claimed.visibility !== b.visibility) no('sheet list');
    const m = readSheet(s, b, g, X);
    if (m.cells !== claimed.cells || m.numbers !== claimed.numbers) no('cell counts differ from the inspection');
    elements += m.elements;
    if (elements > o.maxCells) {
      const biggest = models.concat(m).reduce((a, x) => (x.elements > a.elements ? x : a));
      return tooManyCellElementsFailure(o.maxCells, biggest.name, biggest.elements);
    }
    models.push(m);
  }

  const grids: Grid[] = [];
  const budget: Budget = { cells: 0, chars: 0 };
  for (const m of models) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const grid = worksheetToGrid(m as any, m.merges, X.ValueType, o, budget);
    if ('ok' in grid) return grid;
    grids.push(grid);
  }
  return { ok: true, grids, date1904: g.date1904 };
}

function readGlobals(s: Buffer, o: BiffLimits): Globals | ReadFailure {
  const X = excelJsBits();
  let date1904 = false;
  let sst: string[] | null = null;
  let failure: ReadFailure | null = null;
  const xfs: { ifmt: number; style: boolean; parent: number; fmtUsed: boolean }[] = [];
  const formats = new Map<number, string>();
  const bound: BoundSheet[] = [];
  const decoder = new TextDecoder('windows-1252');
  let ended = false;
  let last = -1;
  const end = walkRecords(s, 0, (type, body, len) => {
    if (type === CONTINUE) {
      // the SST's continuations are read with it; others must follow records we skip
      if (last === FORMAT || last === XF || last === DATEMODE || last === BOUNDSHEET) no('CONTINUE after a record read');
      return;
    }
    last = type;
    switch (type) {
      case FILEPASS:
        no('encrypted');
        break;
      case DATEMODE:
        if (len < 2) no('DATEMODE');
        date1904 = s.readUInt16LE(body) === 1;
        break;
      case XF:
        if (len < 20) no('XF');
        {
          const flags = s.readUInt16LE(body + 4);
          const style = (flags & 0x0004) !== 0;
          // fAtrNum: in a cell XF a set bit says its own number format is used; in a style XF a set bit says its
          // number format is not valid (LibreOffice's XclXFBase::SetUsedFlags reads them so)
          const bit = (s[body + 9]! & 0x04) !== 0;
          xfs.push({ ifmt: s.readUInt16LE(body + 2), style, parent: flags >> 4, fmtUsed: style ? !bit : bit });
        }
        break;
      case FORMAT: {
        if (len < 5) no('FORMAT');
        const id = s.readUInt16LE(body);
        const r = readUnicode({ buf: s.subarray(body + 2, body + len), breaks: [] }, 0);
        formats.set(id, r.text);
        break;
      }
      case SST: {
        if (sst) no('two SST');
        const r = readSst(chainAt(s, body, len).chain, o.maxCells);
        if (!Array.isArray(r)) {
          failure = r;
          return true;
        }
        sst = r;
        break;
      }
      case BOUNDSHEET:
        if (len < 8) no('BOUNDSHEET');
        bound.push(readBoundSheet(s, body, len, 8, decoder));
        break;
      case EOF:
        ended = true;
        return true;
    }
  });
  if (failure) return failure;
  if (end < 0 || !ended) no('globals');
  const formatOf = (id: number): string => {
    const f = formats.get(id);
    if (f !== undefined) return f;
    if (ZH_BUILTIN[id] !== undefined) return ZH_BUILTIN[id];
    const d = X.defaults[id];
    if (d && typeof d.f === 'string') return d.f;
    return `?${id}`; // unknown: declined if a cell uses it
  };
  // a cell XF whose own number format is not used takes its parent style's (General when the style's is not valid)
  const xfFormats = xfs.map(xf => {
    if (xf.style || xf.fmtUsed) return formatOf(xf.ifmt);
    const parent = xfs[xf.parent];
    if (!parent || !parent.style) return '?parent';
    return parent.fmtUsed ? formatOf(parent.ifmt) : formatOf(0);
  });
  return { date1904, sst, xfFormats, bound };
}

// ─────────────────────────────────────────────────────────────────────────────────────────────── worksheet

function readSheet(s: Buffer, b: BoundSheet, g: Globals, X: ExcelJsBits): BiffSheetModel {
  const VT = X.ValueType;
  const state = b.visibility === 1 ? 'hidden' : b.visibility === 2 ? 'veryHidden' : undefined;
  const m = new BiffSheetModel(b.name, state);
  let depth = 0;
  let done = false;
  let last = -1;
  /** A formula whose string result is in the STRING record to come. */
  let pendingString: BiffCell | null = null;

  const fmtOf = (ixfe: number): string => {
    const f = g.xfFormats[ixfe];
    if (f === undefined) no('XF index');
    if (f.startsWith('?')) no(`number format ${f.slice(1)}`);
    return f;
  };
  const place = (r: number, c: number, cell: BiffCell) => {
    if (pendingString) no('STRING record missing');
    if (r > 65535 || c > 255) no('cell address');
    const row = (m.rows[r] ??= new BiffRow(r + 1));
    if (row.cells[c]) no('duplicate cell');
    row.cells[c] = cell;
    m.cells++;
    m.elements++;
  };
  const numberCell = (r: number, c: number, ixfe: number, v: number) => {
    const fmt = fmtOf(ixfe);
    m.numbers++;
    if (X.isDateFmt(fmt)) place(r, c, { type: VT.Date, value: X.excelToDate(v, g.date1904), numFmt: fmt });
    else place(r, c, { type: VT.Number, value: v, numFmt: fmt });
  };
  const stringCell = (r: number, c: number, ixfe: number, text: string) => {
    place(r, c, { type: VT.String, value: text, numFmt: fmtOf(ixfe) });
  };

  const end = walkRecords(s, b.pos, (type, body, len) => {
    if (depth > 1 && type !== BOF && type !== EOF) return; // an embedded chart's substream
    if (type === CONTINUE) {
      // a STRING's continuations are read with it; others must follow records we skip
      if (CELL_RECORDS.has(last)) no('CONTINUE after a cell record');
      return;
    }
    const prev = last;
    last = type;
    switch (type) {
      case BOF:
        depth++;
        return;
      case EOF:
        depth--;
        if (depth === 0) return (done = true);
        return;
      case DEFAULTROWHEIGHT:
        if (len >= 2 && s.readUInt16LE(body) & 0x02) no('rows hidden by default');
        return;
      case ROW: {
        if (len < 16) no('ROW');
        if (s.readUInt16LE(body + 12) & 0x20) m.hidden.add(s.readUInt16LE(body));
        return;
      }
      case NUMBER:
        if (len < 14) no('NUMBER');
        numberCell(s.readUInt16LE(body), s.readUInt16LE(body + 2), s.readUInt16LE(body + 4), s.readDoubleLE(body + 6));
        return;
      case RK:
        if (len < 10) no('RK');
        numberCell(s.readUInt16LE(body), s.readUInt16LE(body + 2), s.readUInt16LE(body + 4), decodeRk(s.readInt32LE(body + 6)));
        return;
      case MULRK: {
        if (len < 12 || (len - 6) % 6 !== 0) no('MULRK');
        const r = s.readUInt16LE(body);
        const first = s.readUInt16LE(body + 2);
        const n = (len - 6) / 6;
        if (s.readUInt16LE(body + len - 2) !== first + n - 1) no('MULRK columns');
        for (let k = 0; k < n; k++) {
          const p = body + 4 + 6 * k;
          numberCell(r, first + k, s.readUInt16LE(p), decodeRk(s.readInt32LE(p + 2)));
        }
        return;
      }
      case LABELSST: {
        if (len < 10) no('LABELSST');
        const i = s.readUInt32LE(body + 6);
        if (!g.sst || i >= g.sst.length) no('shared string index');
        stringCell(s.readUInt16LE(body), s.readUInt16LE(body + 2), s.readUInt16LE(body + 4), g.sst[i]!);
        return;
      }
      case RSTRING:
        no('RSTRING');
        return;
      case LABEL: {
        if (len < 9) no('LABEL');
        const chain = { buf: s.subarray(body + 6, body + len), breaks: [] };
        const t = readUnicode(chain, 0);
        if (t.end !== chain.buf.length) no('LABEL length');
        stringCell(s.readUInt16LE(body), s.readUInt16LE(body + 2), s.readUInt16LE(body + 4), t.text);
        return;
      }
      case BOOLERR: {
        if (len < 8) no('BOOLERR');
        const v = s[body + 6]!;
        const isError = s[body + 7]! === 1;
        const r = s.readUInt16LE(body);
        const c = s.readUInt16LE(body + 2);
        const fmt = fmtOf(s.readUInt16LE(body + 4));
        if (isError) {
          const e = ERRORS[v];
          if (!e) no('error code');
          place(r, c, { type: VT.Error, value: { error: e }, numFmt: fmt });
        } else {
          if (v > 1) no('boolean');
          place(r, c, { type: VT.Boolean, value: v === 1, numFmt: fmt });
        }
        return;
      }
      case FORMULA: {
        if (len < 20) no('FORMULA');
        const r = s.readUInt16LE(body);
        const c = s.readUInt16LE(body + 2);
        const fmt = fmtOf(s.readUInt16LE(body + 4));
        const cce = s.readUInt16LE(body + 20);
        const text = body + 22 + cce <= body + len ? decodeFormula(s.subarray(body + 22, body + 22 + cce)) : null;
        const cell: BiffCell = { type: VT.Formula, value: undefined, numFmt: fmt, formula: text ?? BIFF_FORMULA };
        if (s.readUInt16LE(body + 12) !== 0xffff) {
          const v = s.readDoubleLE(body + 6);
          m.numbers++;
          cell.result = X.isDateFmt(fmt) ? X.excelToDate(v, g.date1904) : v;
          place(r, c, cell);
          return;
        }
        const kind = s[body + 6]!;
        place(r, c, cell);
        if (kind === 0) pendingString = cell;
        else if (kind === 1) {
          const v = s[body + 8]!;
          if (v > 1) no('boolean result');
          cell.result = v === 1;
        } else if (kind === 2) {
          const e = ERRORS[s[body + 8]!];
          if (!e) no('error result');
          cell.result = { error: e };
        } else if (kind === 3) cell.result = '';
        else no('formula result type');
        return;
      }
      case STRING: {
        if (!pendingString) no('STRING without its formula');
        const { chain } = chainAt(s, body, len);
        const t = readUnicode(chain, 0);
        pendingString.result = t.text;
        pendingString = null;
        return;
      }
      case SHRFMLA:
      case ARRAY:
      case TABLE:
        if (prev !== FORMULA && prev !== SHRFMLA && prev !== ARRAY && prev !== TABLE) no(`formula record 0x${type.toString(16)} out of place`);
        return;
      case BLANK:
        if (pendingString) no('STRING record missing');
        m.elements++;
        return;
      case MULBLANK:
        if (pendingString) no('STRING record missing');
        if (len < 6) no('MULBLANK');
        m.elements += Math.floor((len - 6) / 2);
        return;
      case MERGEDCELLS: {
        if (len < 2) no('MERGEDCELLS');
        const n = s.readUInt16LE(body);
        if (2 + 8 * n > len) no('MERGEDCELLS count');
        for (let k = 0; k < n; k++) {
          const p = body + 2 + 8 * k;
          const top = s.readUInt16LE(p);
          const bottom = s.readUInt16LE(p + 2);
          const left = s.readUInt16LE(p + 4);
          const right = s.readUInt16LE(p + 6);
          if (bottom < top || right < left || right > 255) no('merge range');
          m.merges.push(`${address(top, left)}:${address(bottom, right)}`);
        }
        return;
      }
      default:
        return;
    }
  });
  if (end < 0 || !done) no('sheet substream');
  if (pendingString) no('STRING record missing');
  for (const r of m.hidden) {
    const row = m.rows[r];
    if (row) row.hidden = true;
  }
  return m;
}
