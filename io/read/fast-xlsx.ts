/**
 * Fast Node reader: xlsx bytes → the same Grids that the exceljs path (read-workbook.ts parseWorkbookBytes) produces,
 * without building exceljs's document model. Issue #5: exceljs's document reader (cell-xform reconcile, row model,
 * its pako inflate) was ~60% of the CPU of a consolidation.
 *
 * How it stays identical to the exceljs path:
 *   - parts are inflated with node:zlib (entryBytes; or taken from the guards, which inflated them first) and
 *     tokenised with saxes, the tokenizer exceljs uses, configured the same way (so entities, CDATA, whitespace come
 *     out the same), or, when a part is plain XML, by plain-xml.ts, which gives the same events;
 *   - the small parts (workbook.xml and its rels, styles.xml, sharedStrings.xml) are parsed by exceljs's own xforms and
 *     the workbook's sheet list is reconciled by exceljs's WorkbookXform.reconcile;
 *   - each sheet's <sheetData> is decoded here following exceljs 4.4's cell-xform / row-xform / Cell semantics
 *     (cell types, shared strings, xmlDecode of t="str", dates by number format with exceljs's isDateFmt and
 *     excelToDate, shared formulas with exceljs's slideFormula), and the Grid is built by sheet-grid.ts's worksheetToGrid (budgets, merges, messages) over a
 *     small stand-in of the exceljs worksheet.
 * Anything it is not sure to read exactly like exceljs (an unusual structure, a part that would make exceljs throw,
 * a limit that exceljs reports with its own message…) returns { unsupported } and the caller uses exceljs: the
 * result never depends on this path being complete. test/fast-xlsx.test.ts compares both paths on every fixture,
 * sample and corpus file.
 */
import { SaxesParser } from 'saxes';
import type { Grid } from '../../core/grid';
import { type Budget, type ReadFailure, type ValueTypeEnum, worksheetToGrid } from '../grid/exceljs-grid';
import { scanPlainXml } from './plain-xml';
import { entryBytes, readZipDirectory, type InflatedParts, type ZipEntry } from './zip';
import { isSharedPart } from './guards';
import { SparseRow } from './sparse-row';
import { quickColumnCache } from './col-cache';

/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */

export type FastOutcome = { ok: true; grids: Grid[]; date1904: boolean } | ReadFailure | { unsupported: string };

export interface FastLimits {
  maxRows: number;
  maxCols: number;
  maxCells: number;
  maxTotalChars: number;
  maxUncompressedBytes: number;
}

interface ExcelJsParts {
  utils: {
    xmlDecode: (s: string) => string;
    isDateFmt: (f: unknown) => boolean;
    excelToDate: (v: unknown, d1904: unknown) => Date;
  };
  slideFormula: (formula: unknown, from: string, to: string) => string;
  WorkbookXform: new () => any;
  RelationshipsXform: new () => any;
  StylesXform: new () => any;
  SharedStringsXform: new () => any;
  AppXform: new () => any;
  CoreXform: new () => any;
  ValueType: ValueTypeEnum;
}

let parts: ExcelJsParts | null = null;
function excelJsParts(): ExcelJsParts {
  // before the xforms: a defined name's range asks exceljs for column letters, whose table it would build whole
  if (!parts) quickColumnCache();
  parts ??= {
    utils: require('exceljs/lib/utils/utils'),
    slideFormula: require('exceljs/lib/utils/shared-formula').slideFormula,
    WorkbookXform: require('exceljs/lib/xlsx/xform/book/workbook-xform'),
    RelationshipsXform: require('exceljs/lib/xlsx/xform/core/relationships-xform'),
    StylesXform: require('exceljs/lib/xlsx/xform/style/styles-xform'),
    SharedStringsXform: require('exceljs/lib/xlsx/xform/strings/shared-strings-xform'),
    AppXform: require('exceljs/lib/xlsx/xform/core/app-xform'),
    CoreXform: require('exceljs/lib/xlsx/xform/core/core-xform'),
    ValueType: require('exceljs/lib/doc/enums').ValueType,
  };
  return parts;
}

/** Loads what the fast reader needs (a read worker calls this at start; exceljs itself is loaded on a fallback). */
export function loadFastReader(): void {
  excelJsParts();
}

class Unsupported extends Error {}
function no(why: string): never {
  throw new Unsupported(why);
}

// ─────────────────────────────────────────────────────────────────────────────────────────────── XML helpers

/** UTF-8 text of a part as exceljs sees it (JSZip's string decode); UTF-16 parts are left to exceljs. */
function partText(buf: Buffer): string {
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) no('utf-16 part');
  return buf.toString('utf8');
}

/**
 * The text of a part, decoded once when the guards share its bytes between files (a template's rels, docProps,
 * workbook and styles: guards.ts, isSharedPart): the same string each time, whose hash the caches below keep.
 */
const sharedTexts = new WeakMap<Buffer, string>();
function textOfPart(b: Buffer): string {
  if (!isSharedPart(b)) return partText(b);
  let t = sharedTexts.get(b);
  if (t === undefined) {
    t = partText(b);
    sharedTexts.set(b, t);
  }
  return t;
}

/**
 * Runs a new exceljs xform (`make`) over a whole part, synchronously, the way BaseXform.parse does; the xform is
 * returned (its model is `.model`). Plain XML goes through the plain tokenizer; anything else, with a new xform, through
 * saxes.
 */
function runXform(make: () => any, xml: string): any {
  const xform = make();
  let done = false;
  const open = (node: unknown) => {
    if (!done) xform.parseOpen(node);
  };
  const text = (t: string) => {
    if (!done) xform.parseText(t);
  };
  const close = (node: { name: string }) => {
    if (!done && !xform.parseClose(node.name)) done = true;
  };
  if (scanPlainXml(xml, { open, text, close })) return xform;
  return runXformSaxes(make(), xml);
}

function runXformSaxes(xform: any, xml: string): any {
  const p = new SaxesParser();
  let err: unknown;
  let done = false;
  p.on('error', e => {
    err ??= e;
  });
  p.on('opentag', node => {
    if (!done) xform.parseOpen(node);
  });
  p.on('text', t => {
    if (!done) xform.parseText(t);
  });
  p.on('closetag', node => {
    if (!done && !xform.parseClose(node.name)) done = true;
  });
  p.write(xml);
  if (err) no('xml error');
  return xform;
}

/**
 * Parts whose parse only tells whether exceljs would throw on them (rels, docProps): the texts already parsed without
 * an error. Files made from one template share them, so each text is parsed once per worker (a bounded set).
 */
const parsedFine = new Set<string>();
function checkXform(make: () => any, xml: string): void {
  if (parsedFine.has(xml)) return;
  runXform(make, xml);
  if (xml.length > 64 * 1024) return;
  if (parsedFine.size >= 256) parsedFine.clear();
  parsedFine.add(xml);
}

/**
 * styles.xml parsed by exceljs's StylesXform, by text: files made from one template share it. The xform is only read
 * afterwards (getStyleModel builds each style's model once, from the parsed text alone), so sharing it is safe.
 */
const stylesByText = new Map<string, any>();
function parsedStyles(X: ExcelJsParts, xml: string): any {
  let styles = stylesByText.get(xml);
  if (styles === undefined) {
    styles = runXform(() => new X.StylesXform(), xml);
    if (!styles.model || !styles.index) no('styles');
    if (xml.length > 256 * 1024) return styles;
    if (stylesByText.size >= 32) stylesByText.clear();
    stylesByText.set(xml, styles);
  }
  return styles;
}

// ─────────────────────────────────────────────────────────────────────────────────────────────── workbook

const SHEET_PART = /xl\/worksheets\/sheet(\d+)[.]xml/;
const SHEET_RELS_PART = /xl\/worksheets\/_rels\/sheet(\d+)[.]xml.rels/;
const INVALID_NAME = /[*?:/\\[\]]/;

/**
 * Parses the workbook. Never throws: a failure of the budgets is a ReadFailure like the exceljs path's, anything else
 * this reader is not sure about is { unsupported }.
 */
export function fastParseWorkbook(data: Uint8Array, o: FastLimits, inflated?: InflatedParts): FastOutcome {
  try {
    return parse(data, o, inflated);
  } catch (err) {
    if (err instanceof Unsupported) return { unsupported: err.message };
    return { unsupported: `error: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function parse(data: Uint8Array, o: FastLimits, inflated?: InflatedParts): FastOutcome {
  const X = excelJsParts();
  const zip = readZipDirectory(data);
  if (!zip.ok) no('zip');
  const entries = new Map<string, ZipEntry>();
  for (const e of zip.entries) {
    if (entries.has(e.name)) no('duplicate zip entry');
    entries.set(e.name, e);
  }
  const limit = o.maxUncompressedBytes;
  const read = new Set<string>();
  const text = (name: string): string | null => {
    const e = entries.get(name);
    if (!e) return null;
    read.add(name);
    const b = inflated?.get(e) ?? entryBytes(data, e, Math.max(1, Math.min(limit, e.uncompressedSize)));
    if (!b) no(`cannot inflate ${name}`);
    if (b.length !== e.uncompressedSize) no(`size of ${name}`);
    return textOfPart(b);
  };

  // the parts exceljs parses whose content a Grid does not use, parsed by exceljs's xforms: decline where they throw
  const rootRels = text('_rels/.rels');
  if (rootRels !== null) checkXform(() => new X.RelationshipsXform(), rootRels);
  const app = text('docProps/app.xml');
  if (app !== null) checkXform(() => new X.AppXform(), app);
  const core = text('docProps/core.xml');
  if (core !== null) checkXform(() => new X.CoreXform(), core);

  const wbXml = text('xl/workbook.xml');
  const relsXml = text('xl/_rels/workbook.xml.rels');
  const stylesXml = text('xl/styles.xml');
  if (wbXml === null || relsXml === null || stylesXml === null) no('missing part');
  const wbXform = runXform(() => new X.WorkbookXform(), wbXml);
  const workbook = wbXform.model;
  const workbookRels = runXform(() => new X.RelationshipsXform(), relsXml).model;
  if (!workbook || !Array.isArray(workbook.sheets) || !Array.isArray(workbookRels)) no('workbook');
  const styles = parsedStyles(X, stylesXml);
  let sharedStrings: any;
  const sstXml = text('xl/sharedStrings.xml');
  if (sstXml !== null) {
    sharedStrings = runXform(() => new X.SharedStringsXform(), sstXml);
  }

  // worksheet parts (exceljs parses every entry whose name matches, referenced or not)
  const sheetParts: string[] = [];
  for (const name of entries.keys()) {
    if (SHEET_PART.test(name)) sheetParts.push(name);
    else if (SHEET_RELS_PART.test(name)) checkXform(() => new X.RelationshipsXform(), text(name)!);
  }

  // exceljs's own reconcile of sheets ↔ rels ↔ parts (names, ids, states, print areas)
  const stubs = new Map<string, { name?: string; id?: number; state?: string }>();
  const worksheetHash: Record<string, object> = {};
  for (const p of sheetParts) {
    const stub = {};
    stubs.set(p, stub);
    worksheetHash[p] = stub;
  }
  const model = {
    sheets: workbook.sheets,
    definedNames: workbook.definedNames,
    workbookRels,
    worksheetHash,
    media: [],
  };
  wbXform.reconcile(model);

  // every parsed part must be a referenced sheet with a plain positive id and a valid, unique name
  const sheets: { part: string; name: string; id: number; state?: string; orderNo: number }[] = [];
  const ids = new Set<number>();
  const names = new Set<string>();
  for (const [part, s] of stubs) {
    if (s.id === undefined) no('unreferenced sheet part');
    const id = s.id;
    if (!Number.isInteger(id) || id <= 0 || ids.has(id)) no('sheet id');
    ids.add(id);
    const name = s.name;
    if (typeof name !== 'string' || name === '' || name === 'History' || name.length > 31) no('sheet name');
    if (INVALID_NAME.test(name) || /(^')|('$)/.test(name)) no('sheet name');
    if (names.has(name.toLowerCase())) no('duplicate sheet name');
    names.add(name.toLowerCase());
    const orderNo = (workbook.sheets as { id: number }[]).findIndex(x => x.id === id);
    sheets.push({ part, name, id, state: s.state, orderNo });
  }
  // wb.worksheets: by id slot, then sorted by order (stable)
  sheets.sort((a, b) => a.id - b.id);
  sheets.sort((a, b) => a.orderNo - b.orderNo);

  const date1904 = !!(workbook.properties && workbook.properties.date1904);
  const ctx: SheetContext = { X, styles, sharedStrings, date1904, o };
  // exceljs (JSZip) inflates every part: one that is corrupt or larger than declared makes the exceljs path fail
  for (const e of zip.entries) {
    if (read.has(e.name) || inflated?.has(e)) continue;
    if (!entryBytes(data, e, Math.max(1, Math.min(limit, e.uncompressedSize)))) no(`cannot inflate ${e.name}`);
  }

  // every sheet is decoded before any Grid is built: a sheet exceljs could not parse declines the whole file even when
  // an earlier sheet would already fail a budget
  const parsed = sheets.map(s => parseSheet(text(s.part)!, s.name, s.state, ctx));
  const grids: Grid[] = [];
  const budget: Budget = { cells: 0, chars: 0 };
  for (const ws of parsed) {
    const g = worksheetToGrid(ws as any, ws.merges, X.ValueType, o, budget);
    if ('ok' in g) return g;
    grids.push(g);
  }
  return { ok: true, grids, date1904 };
}

// ─────────────────────────────────────────────────────────────────────────────────────────────── worksheet

interface SheetContext {
  X: ExcelJsParts;
  styles: any;
  sharedStrings: any;
  date1904: boolean;
  o: FastLimits;
}

/** Stand-in of an exceljs Cell: what cellToGridCell reads (type, value, result, formula, numFmt). */
class FastCell {
  type = 0;
  value: unknown = undefined;
  result: unknown = undefined;
  numFmt: unknown = undefined;
  f: string | undefined = undefined;
  shared: string | undefined = undefined;
  translated: string | undefined = undefined;
  constructor(
    readonly address: string,
    private readonly sheet: FastSheet,
  ) {}
  /** exceljs FormulaValue.formula: its own text, else the shared master's slid to this cell. */
  get formula(): string | undefined {
    if (this.f) return this.f;
    if (this.translated === undefined && this.shared) {
      const master = this.sheet.byAddress.get(this.shared);
      this.translated = master && this.sheet.X.slideFormula(master.formula, master.address, this.address);
    }
    return this.translated;
  }
}

class FastRow extends SparseRow<FastCell> {}

class FastSheet {
  rows: (FastRow | undefined)[] = [];
  merges: string[] = [];
  byAddress = new Map<string, FastCell>();
  constructor(
    readonly name: string,
    readonly state: string | undefined,
    readonly X: ExcelJsParts,
  ) {}
  eachRow(_opts: unknown, fn: (row: FastRow, n: number) => void): void {
    this.rows.forEach(row => {
      if (row && row.cells.length > 0) fn(row, row.number);
    });
  }
}

/** The top-level worksheet elements exceljs 4.4 parses (its map less IGNORE_NODES); all others are transparent. */
const PARSED_TOP = new Set([
  'sheetPr',
  'dimension',
  'sheetViews',
  'sheetFormatPr',
  'cols',
  'sheetData',
  'mergeCells',
]);
const ROW_SPAN = 0x1000000;

/**
 * A cell's address as the fast reader takes it (/^([A-Z]{1,3})([1-9]\d{0,6})$/, read without a regular expression or a
 * match array per cell): column × 2^24 + row, both from 1; -1 for any other text.
 */
export function cellAddressCode(r: string): number {
  const n = r.length;
  let col = 0;
  let i = 0;
  for (; i < n && i < 4; i++) {
    const ch = r.charCodeAt(i);
    if (ch < 0x41 || ch > 0x5a) break;
    col = col * 26 + (ch - 64);
  }
  const digits = n - i;
  if (i < 1 || i > 3 || digits < 1 || digits > 7 || r.charCodeAt(i) === 0x30) return -1;
  let row = 0;
  for (; i < n; i++) {
    const ch = r.charCodeAt(i);
    if (ch < 0x30 || ch > 0x39) return -1;
    row = row * 10 + (ch - 0x30);
  }
  return col * ROW_SPAN + row;
}

const KNOWN_T = new Set(['s', 'str', 'inlineStr', 'b', 'e', 'n']);

/**
 * A sheet's events, from the plain-XML tokenizer (plain-xml.ts) when the part is plain (as Excel and WPS write it),
 * else, from the start again with fresh state, from saxes (`plain` false).
 */
function parseSheet(xml: string, name: string, state: string | undefined, ctx: SheetContext, plain = true): FastSheet {
  const { X, o } = ctx;
  const VT = X.ValueType;
  const sheet = new FastSheet(name, state, X);

  let depth = 0;
  let rootClosed = false;
  // the top-level element exceljs hands to one of its xforms, and its depth
  let active: string | null = null;
  let activeDepth = 0;
  let seenSheetData = false;
  let seenMerges = false;
  let rowCount = 0;
  // current row / cell state
  let row: FastRow | null = null;
  let cellCount = 0;
  let prevRowNumber = 0;
  interface OpenCell {
    address: string;
    col: number;
    t: string | undefined;
    styleId: number | undefined;
    value: string | undefined;
    formula: string | undefined;
    shareType: string | undefined;
    si: string | undefined;
    ref: string | undefined;
  }
  const openCell: OpenCell = { address: '', col: 0, t: undefined, styleId: undefined, value: undefined, formula: undefined, shareType: undefined, si: undefined, ref: undefined };
  let cur: OpenCell | null = null;
  let textTarget: 'v' | 't' | 'f' | null = null;
  let inIs = false;
  const formulae: Record<string, string> = {};
  const sst = ctx.sharedStrings;
  // per style id: whether it exists, its number format, and whether that is a date format (exceljs asks isDateFmt
  // per cell; the answer depends on the format alone)
  const styleCache = new Map<number, { style: boolean; numFmt: unknown; date: boolean }>();
  const NO_STYLE = { style: false, numFmt: undefined, date: false };
  const numFmtOf = (id: number): { style: boolean; numFmt: unknown; date: boolean } => {
    // exceljs: style = styleId && styles.getStyleModel(styleId) (null when the xf does not exist)
    let v = styleCache.get(id);
    if (v === undefined) {
      const m = ctx.styles.getStyleModel(id) as { numFmt?: unknown } | null;
      v = m ? { style: true, numFmt: m.numFmt, date: !!X.utils.isDateFmt(m.numFmt) } : NO_STYLE;
      styleCache.set(id, v);
    }
    return v;
  };

  const closeCell = () => {
    const c = cur!;
    cur = null;
    const t = c.t;
    let type: number;
    let value: unknown = c.value;
    let result: unknown;
    if (c.formula || c.shareType) {
      type = VT.Formula;
      if (c.value) {
        if (t === 'str') result = X.utils.xmlDecode(c.value);
        else if (t === 'b') result = parseInt(c.value, 10) !== 0;
        else if (t === 'e') result = { error: c.value };
        else result = parseFloat(c.value);
      }
      value = undefined;
    } else if (c.value !== undefined) {
      switch (t) {
        case 's':
          type = VT.String;
          value = parseInt(c.value, 10);
          break;
        case 'str':
          type = VT.String;
          value = X.utils.xmlDecode(c.value);
          break;
        case 'inlineStr':
          type = VT.String;
          break;
        case 'b':
          type = VT.Boolean;
          value = parseInt(c.value, 10) !== 0;
          break;
        case 'e':
          type = VT.Error;
          value = { error: c.value };
          break;
        default:
          type = VT.Number;
          value = parseFloat(c.value);
          break;
      }
    } else {
      // Null (styled, empty) or Merge (no style): neither is listed by eachCell nor counts for eachRow
      return;
    }
    // reconcile (cell-xform.js)
    const st = c.styleId ? numFmtOf(c.styleId) : NO_STYLE;
    const cell = new FastCell(c.address, sheet);
    if (type === VT.String) {
      if (typeof value === 'number') {
        if (!sst) no('no shared strings');
        value = sst.getString(value);
      }
      if (value === undefined || value === null) no('missing shared string');
      if (typeof value === 'object') {
        if (!Array.isArray((value as { richText?: unknown }).richText)) no('odd shared string');
        type = VT.RichText;
      } else if (typeof value !== 'string') no('odd string');
    } else if (type === VT.Number) {
      if (st.style && st.date) {
        type = VT.Date;
        value = X.utils.excelToDate(value, ctx.date1904);
      }
    } else if (type === VT.Formula) {
      if (result !== undefined && st.style && st.date) {
        result = X.utils.excelToDate(result, ctx.date1904);
      }
      cell.f = c.formula;
      if (c.shareType === 'shared') {
        if (c.ref) formulae[c.si as string] = c.address;
        else cell.shared = formulae[c.si as string];
      }
      cell.result = result;
      value = undefined;
    }
    cell.type = type;
    cell.value = value;
    cell.numFmt = st.numFmt;
    const line = row!;
    if (line.cells[c.col - 1]) no('duplicate cell');
    line.cells[c.col - 1] = cell;
    // a shared formula's master: only a formula cell gives a formula (any other master gives none, as in exceljs)
    if (type === VT.Formula) sheet.byAddress.set(c.address, cell);
  };

  const onOpen = (node: { name: string; attributes: Record<string, unknown> }): void => {
    if (rootClosed) return;
    depth++;
    const nm = node.name;
    if (depth === 1) {
      if (nm !== 'worksheet') no('root');
      return;
    }
    if (nm === 'worksheet') no('nested worksheet');
    if (active === null) {
      if (PARSED_TOP.has(nm)) {
        active = nm;
        activeDepth = depth;
        if (nm === 'sheetData') {
          if (seenSheetData) no('two sheetData');
          seenSheetData = true;
        } else if (nm === 'mergeCells') {
          if (seenMerges) no('two mergeCells');
          seenMerges = true;
        }
      }
      return;
    }
    if (active === 'mergeCells') {
      if (depth !== activeDepth + 1 || nm !== 'mergeCell') no('mergeCells content');
      sheet.merges.push(node.attributes.ref as string);
      return;
    }
    if (active !== 'sheetData') return;
    const rel = depth - activeDepth;
    const a = node.attributes as Record<string, string>;
    if (rel === 1) {
      if (nm !== 'row') no(`sheetData child ${nm}`);
      rowCount++;
      if (rowCount > o.maxRows) no('too many rows');
      const rs = a.r;
      if (rs === undefined || !/^[1-9]\d{0,6}$/.test(rs)) no('row number');
      const n = Number(rs);
      if (n <= prevRowNumber) no('rows out of order');
      prevRowNumber = n;
      row = new FastRow(n);
      const h = a.hidden;
      if (h === 'true' || h === '1') row.hidden = true;
      if (a.s && !ctx.styles) no('row style');
      cellCount = 0;
      return;
    }
    if (rel === 2) {
      if (nm !== 'c') no(`row child ${nm}`);
      cellCount++;
      if (cellCount > o.maxCols) no('too many cells in a row');
      const r = a.r;
      if (r === undefined) no('cell address');
      const code = cellAddressCode(r);
      if (code < 0) no('cell address');
      const col = Math.floor(code / ROW_SPAN);
      const rowNumber = code % ROW_SPAN;
      if (rowNumber !== row!.number) no('cell row');
      if (col > 16384) no('column');
      const t = a.t;
      if (t !== undefined && !KNOWN_T.has(t)) no(`cell type ${t}`);
      // one cell is open at a time: its record is reused (closeCell copies what it keeps)
      cur = openCell;
      openCell.address = r;
      openCell.col = col;
      openCell.t = t;
      openCell.styleId = a.s ? parseInt(a.s, 10) : undefined;
      openCell.value = undefined;
      openCell.formula = undefined;
      openCell.shareType = undefined;
      openCell.si = undefined;
      openCell.ref = undefined;
      textTarget = null;
      inIs = false;
      return;
    }
    if (rel === 3) {
      if (nm === 'v') textTarget = 'v';
      else if (nm === 'f') {
        textTarget = 'f';
        cur!.si = a.si;
        cur!.shareType = a.t;
        cur!.ref = a.ref;
      } else if (nm === 'is') inIs = true;
      else no(`cell child ${nm}`);
      return;
    }
    if (rel === 4 && inIs && nm === 't') {
      textTarget = 't';
      return;
    }
    no(`cell content ${nm}`);
  };

  const onText = (t: string): void => {
    if (rootClosed || textTarget === null || !cur) return;
    if (textTarget === 'f') cur.formula = cur.formula ? cur.formula + t : t;
    else cur.value = cur.value ? cur.value + t : t;
  };

  const onClose = (node: { name: string }): void => {
    if (rootClosed) return;
    const nm = node.name;
    if (depth === 1) {
      rootClosed = true;
      depth--;
      return;
    }
    if (active === 'sheetData') {
      const rel = depth - activeDepth;
      if (rel === 0) {
        active = null;
      } else if (rel === 1) {
        if (row && row.cells.length > 0) sheet.rows[row.number - 1] = row;
        row = null;
      } else if (rel === 2) {
        closeCell();
      } else if (rel === 3) {
        if (nm === 'is') inIs = false;
        textTarget = null;
      } else if (rel === 4) {
        textTarget = null;
      }
    } else if (active !== null && depth === activeDepth) {
      active = null;
    }
    depth--;
  };

  if (plain) {
    if (!scanPlainXml(xml, { open: onOpen, text: onText, close: onClose })) return parseSheet(xml, name, state, ctx, false);
  } else {
    const p = new SaxesParser();
    let err = false;
    p.on('error', () => {
      err = true;
    });
    p.on('opentag', onOpen);
    p.on('text', onText);
    p.on('closetag', onClose);
    p.write(xml);
    if (err) no('xml error');
  }
  if (!rootClosed) no('unclosed worksheet');
  return sheet;
}
