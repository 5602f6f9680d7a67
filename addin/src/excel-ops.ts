/// <reference types="office-js" />
/**
 * The task pane's operations on the open workbook. Members above ExcelApi 1.1 (the manifest's minimum) are called only
 * where capabilities() says the host has them (office-capabilities.ts); cells are addressed with getRange(A1), which
 * every Excel has. Each does a fixed number of context.sync() calls whatever the
 * number of rows: reads are queued for every sheet and synced together (split by row blocks only when a request
 * would pass Excel on the web's 5 MB payload), writes are whole-range assignments. Every rule is the core's.
 *
 *   校验      3 syncs  (sheet list; used ranges; values/formulas/formats + merged and visible areas)
 *   标记      5 syncs  (the 3 of 校验; own fills of the problem cells and the mark store; write)
 *   清除标记  3 syncs  (sheet list; mark store; restore + delete the store)
 *   汇总/周报 4 syncs  (the 3 of 校验; write the sheet and its chart)
 *   插入模板  2 syncs  (sheet list; write)
 *   汇总多个文件 2 syncs (sheet list; write)
 */
import type { Grid } from '../../core/grid';
import type { ConsolidationResult, Issue } from '../../core/types';
import {
  BULLETIN_SHEET, GENERATED_MARK, MARK_STORE_SHEET, TOWN_SUMMARY_SHEET, bulletinSheet, countySheets, isAddinSheet,
  templateSheet, townReport, townSummarySheet, type SheetBlock, type TemplateSheet, type TownReport,
} from '../../core/town-report';
import type { TableKind } from '../../core/types';
import { colLetters, parseAddress, parseRange } from '../../core/grid';
import { officeInputText } from '../../core/text';
import { localAddress, planBlocks, sheetReadToGrid, type SheetRead } from './office-grid';
import { capabilities } from './office-capabilities';

type Ctx = Excel.RequestContext;

export const MARK_FILL = { error: '#FFC7CE', warning: '#FFEB9C' } as const;

/** What 标记 throws where the host cannot hide the fill store (the pane disables the button there first). */
export const NEEDS_NEWER_EXCEL = '“标记”需要 Excel 2019 或更高版本。';

interface SheetInfo {
  name: string;
  visibility: string;
}

export interface WorkbookRead {
  grids: Grid[];
  sheets: SheetInfo[];
  /** A1 text of the add-in's own sheets that exist, to tell ours from a clerk's sheet of the same name. */
  ownSheetMarks: Map<string, string>;
}

async function listSheets(ctx: Ctx): Promise<SheetInfo[]> {
  const ws = ctx.workbook.worksheets;
  ws.load('items/name,items/visibility');
  await ctx.sync();
  return ws.items.map((w) => ({ name: w.name, visibility: String(w.visibility) }));
}

/** A block of cells by 0-based indexes, through getRange(A1) (ExcelApi 1.1; getRangeByIndexes needs 1.7). */
export function rangeAt(ws: Excel.Worksheet, top: number, left: number, rows: number, cols: number): Excel.Range {
  const a = `${colLetters(left)}${top + 1}`;
  const z = `${colLetters(left + cols - 1)}${top + rows}`;
  return ws.getRange(a === z ? a : `${a}:${z}`);
}

/** RangeView.cellAddresses of one column ("S!A3", …) → the visible rows as areas "A3:N5,A8:N8" (null: none). */
export function visibleRowsAddress(cellAddresses: unknown[][] | undefined, left: number, right: number): string | null {
  const rows: number[] = [];
  for (const line of cellAddresses ?? []) {
    const a = parseAddress(localAddress(String(line?.[0] ?? '')).replace(/\$/g, ''));
    if (a) rows.push(a.r);
  }
  if (!rows.length) return null;
  rows.sort((x, y) => x - y);
  const runs: string[] = [];
  let start = rows[0]!;
  let prev = start;
  for (const r of rows.slice(1).concat([-1])) {
    if (r === prev + 1) {
      prev = r;
      continue;
    }
    runs.push(`${colLetters(left)}${start + 1}:${colLetters(right)}${prev + 1}`);
    start = r;
    prev = r;
  }
  return runs.join(',');
}

/** The used range (values only where the host can say so); on a blank sheet isBlank tells, at every API level. */
function usedRangeOf(ws: Excel.Worksheet): { range: Excel.Range; isBlank: () => boolean } {
  const caps = capabilities();
  if (caps.nullObjects) {
    const range = ws.getUsedRangeOrNullObject(true);
    return { range, isBlank: () => range.isNullObject };
  }
  // ExcelApi 1.1–1.3: a blank sheet's used range is A1 (documented), read as one empty cell
  const range = caps.valuesOnlyUsedRange ? ws.getUsedRange(true) : ws.getUsedRange();
  return { range, isBlank: () => false };
}

/**
 * Reads every visible sheet of the workbook as Grids (hidden sheets are listed as hidden, not read). With `only`,
 * just those sheets are read and returned (live checking re-reads the sheet that changed).
 */
export async function readWorkbook(ctx: Ctx, extraMarks: string[] = [], only?: string[]): Promise<WorkbookRead> {
  const caps = capabilities();
  const sheets = await listSheets(ctx); // sync 1
  const names = new Set(sheets.map((s) => s.name));
  const own = sheets.filter((s) => s.visibility === 'Visible' && !isAddinSheet(s.name) && (!only || only.includes(s.name)));
  const usedOf = own.map((s) => usedRangeOf(ctx.workbook.worksheets.getItem(s.name)));
  const used = usedOf.map(({ range: r }) => {
    r.load('address,rowCount,columnCount');
    return r;
  });
  const markCells = extraMarks.filter((n) => names.has(n)).map((n) => {
    const c = ctx.workbook.worksheets.getItem(n).getRange('A1');
    c.load('values');
    return { name: n, c };
  });
  await ctx.sync(); // sync 2
  const blank = usedOf.map((u) => u.isBlank());
  const dims = used.map((r, i) => (blank[i] ? { rows: 0, cols: 0 } : { rows: r.rowCount, cols: r.columnCount }));
  const origins = used.map((r, i) => (blank[i] ? null : parseRange(localAddress(r.address).replace(/\$/g, ''))));
  const requests = planBlocks(dims);
  const reads: SheetRead[] = own.map((s, i) => ({
    name: s.name, hidden: false, usedAddress: blank[i] ? null : used[i]!.address,
    values: [], formulas: [], numberFormat: [], mergedAddress: null, visibleAddress: null,
  }));
  const areas = own.map((_s, i) => {
    if (blank[i]) return null;
    // ExcelApi 1.13 / 1.9; without them merged headers are read by their top-left text and hidden rows count
    const merged = caps.mergedAreas ? used[i]!.getMergedAreasOrNullObject() : null;
    merged?.load('address');
    const visible = caps.visibleCells ? used[i]!.getSpecialCellsOrNullObject('Visible') : null;
    visible?.load('address');
    // ExcelApi 1.3–1.8: the visible rows of the used range's first column, one address each
    const o = origins[i]!;
    const view = !visible && caps.visibleView ? rangeAt(ctx.workbook.worksheets.getItem(own[i]!.name), o.top, o.left, dims[i]!.rows, 1).getVisibleView() : null;
    view?.load('cellAddresses');
    return { merged, visible, view };
  });
  for (let q = 0; q < requests.length; q++) {
    const blocks = requests[q]!.map((b) => {
      const o = origins[b.sheet] ?? { top: 0, left: 0 };
      const r = rangeAt(ctx.workbook.worksheets.getItem(own[b.sheet]!.name), o.top + b.top, o.left, b.rows, dims[b.sheet]!.cols);
      r.load('values,formulas,numberFormat');
      return { b, r };
    });
    await ctx.sync(); // sync 3 (more only past the payload budget)
    for (const { b, r } of blocks) {
      const s = reads[b.sheet]!;
      s.values.push(...r.values);
      s.formulas.push(...r.formulas);
      s.numberFormat.push(...r.numberFormat);
    }
  }
  own.forEach((_s, i) => {
    const a = areas[i];
    if (!a) return;
    reads[i]!.mergedAddress = !a.merged || a.merged.isNullObject ? null : a.merged.address;
    if (a.visible) reads[i]!.visibleAddress = a.visible.isNullObject ? null : a.visible.address;
    else if (a.view) reads[i]!.visibleAddress = visibleRowsAddress(a.view.cellAddresses, origins[i]!.left, origins[i]!.left + dims[i]!.cols - 1);
    else reads[i]!.visibleAddress = reads[i]!.usedAddress; // unknown: the whole used range counts as visible
  });
  const grids: Grid[] = [];
  for (const s of sheets) {
    if (isAddinSheet(s.name)) continue;
    if (only && !only.includes(s.name)) continue;
    const i = own.findIndex((o) => o.name === s.name);
    grids.push(i >= 0 ? sheetReadToGrid(reads[i]!) : { sheet: s.name, hidden: true, rows: [], merges: [] });
  }
  const ownSheetMarks = new Map(markCells.map(({ name, c }) => [name, String(c.values?.[0]?.[0] ?? '')]));
  return { grids, sheets, ownSheetMarks };
}

export function todayIso(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

export interface ValidateResult {
  report: TownReport;
  sheetOrder: string[];
  syncs?: number;
}

/** 校验: every visible table through the core. */
export async function validate(ctx: Ctx, fileName: string, today = todayIso()): Promise<ValidateResult> {
  const wb = await readWorkbook(ctx);
  return { report: townReport(fileName, wb.grids, today), sheetOrder: wb.sheets.map((s) => s.name) };
}

// ─────────────────────────────────────────────────────────────────────────── 标记 / 清除标记

/** One remembered cell: where, and its own fill before the first mark. */
export interface StoredFill {
  sheet: string;
  cell: string;
  pattern: string;
  color: string;
}

const STORE_HEADER = ['sheet', 'cell', 'pattern', 'color'];

function storeRows(list: StoredFill[]): string[][] {
  return [STORE_HEADER, ...list.map((s) => [s.sheet, s.cell, s.pattern, s.color])];
}

function parseStore(values: unknown[][] | undefined): StoredFill[] {
  if (!values || values.length < 2) return [];
  return values.slice(1).filter((r) => r[0] && r[1]).map((r) => ({
    sheet: String(r[0]), cell: String(r[1]), pattern: String(r[2] ?? 'None'), color: String(r[3] ?? ''),
  }));
}

/**
 * What Range.values is given for a block of cells: Excel takes strings like typed input, so a town's text that
 * starts with '=', '+', '-' or '@' would become a formula; officeInputText writes it as text (see core/text.ts).
 */
export function inputValues(values: readonly (readonly (string | number | boolean | null)[])[]): (string | number | boolean | null)[][] {
  return values.map((row) => row.map((v) => (typeof v === 'string' ? officeInputText(v) : v)));
}

function writeStore(ctx: Ctx, exists: boolean, list: StoredFill[]): void {
  if (!capabilities().sheetVisibilityWrite) throw new Error(NEEDS_NEWER_EXCEL); // the store must be hidden (1.2)
  const sheets = ctx.workbook.worksheets;
  if (exists) sheets.getItem(MARK_STORE_SHEET).delete();
  if (!list.length) return;
  const ws = sheets.add(MARK_STORE_SHEET);
  const rows = storeRows(list);
  const r = rangeAt(ws, 0, 0, rows.length, STORE_HEADER.length);
  r.set({ numberFormat: rows.map((row) => row.map(() => '@')), values: inputValues(rows) });
  ws.set({ visibility: 'VeryHidden' });
}

/** The problem cells worth marking: on a visible sheet the workbook has, one per cell, errors over warnings. */
function markTargets(issues: Issue[], visible: Set<string>): Map<string, { sheet: string; cell: string; severity: 'error' | 'warning' }> {
  const out = new Map<string, { sheet: string; cell: string; severity: 'error' | 'warning' }>();
  for (const i of issues) {
    if (!i.sheet || !i.cell || !visible.has(i.sheet) || !parseAddress(i.cell)) continue;
    const k = `${i.sheet}\u0000${i.cell}`;
    const prev = out.get(k);
    if (!prev || (prev.severity === 'warning' && i.severity === 'error')) out.set(k, { sheet: i.sheet, cell: i.cell, severity: i.severity });
  }
  return out;
}

/** 标记: fills the problem cells; the fill each had before its first mark is kept in a very hidden sheet. */
export async function mark(ctx: Ctx, fileName: string, today = todayIso()): Promise<{ marked: number; report: TownReport }> {
  const caps = capabilities();
  // the store of the cells' own fills must be hidden (ExcelApi 1.2); the pane does not offer 标记 without it
  if (!caps.sheetVisibilityWrite) throw new Error(NEEDS_NEWER_EXCEL);
  const wb = await readWorkbook(ctx); // syncs 1–3
  const report = townReport(fileName, wb.grids, today);
  const visible = new Set(wb.sheets.filter((s) => s.visibility === 'Visible').map((s) => s.name));
  const targets = markTargets(report.analysis.issues, visible);
  const storeExists = wb.sheets.some((s) => s.name === MARK_STORE_SHEET);
  let storeRange: Excel.Range | null = null;
  if (storeExists) {
    storeRange = usedRangeOf(ctx.workbook.worksheets.getItem(MARK_STORE_SHEET)).range;
    storeRange.load('values');
  }
  const fills = [...targets.values()].map((t) => {
    const fill = ctx.workbook.worksheets.getItem(t.sheet).getRange(t.cell).format.fill;
    fill.load(caps.fillPattern ? 'color,pattern' : 'color');
    return { t, fill };
  });
  await ctx.sync(); // sync 4
  const stored = parseStore(storeRange?.values);
  const known = new Set(stored.map((s) => `${s.sheet}\u0000${s.cell}`));
  for (const { t, fill } of fills) {
    const k = `${t.sheet}\u0000${t.cell}`;
    // marked before: the stored fill is the cell's own, the current one is our mark
    if (!known.has(k)) {
      // without RangeFill.pattern (ExcelApi 1.9) a white fill is taken for no fill: it looks the same once restored
      const pattern = caps.fillPattern ? String(fill.pattern ?? 'Solid') : /^#?FFFFFF$/i.test(String(fill.color ?? '')) ? 'None' : 'Solid';
      stored.push({ sheet: t.sheet, cell: t.cell, pattern, color: String(fill.color ?? '') });
      known.add(k);
    }
    fill.set({ color: MARK_FILL[t.severity] });
  }
  writeStore(ctx, storeExists, stored);
  await ctx.sync(); // sync 5
  return { marked: targets.size, report };
}

/** 清除标记: every marked cell gets its own fill back; values are never touched. */
export async function clearMarks(ctx: Ctx): Promise<{ restored: number }> {
  const sheets = await listSheets(ctx); // sync 1
  if (!sheets.some((s) => s.name === MARK_STORE_SHEET)) return { restored: 0 };
  const names = new Set(sheets.map((s) => s.name));
  const store = usedRangeOf(ctx.workbook.worksheets.getItem(MARK_STORE_SHEET)).range;
  store.load('values');
  await ctx.sync(); // sync 2
  const stored = parseStore(store.values);
  let restored = 0;
  for (const s of stored) {
    if (!names.has(s.sheet)) continue;
    const fill = ctx.workbook.worksheets.getItem(s.sheet).getRange(s.cell).format.fill;
    if (s.pattern === 'None' || !s.color) fill.clear();
    else fill.set({ color: s.color, ...(s.pattern && s.pattern !== 'Solid' && capabilities().fillPattern ? { pattern: s.pattern as Excel.FillPattern } : {}) });
    restored++;
  }
  ctx.workbook.worksheets.getItem(MARK_STORE_SHEET).delete();
  await ctx.sync(); // sync 3
  return { restored };
}

// ─────────────────────────────────────────────────────────────────────────── writing sheets

/** Queues a whole sheet (delete + add, formats, values, widths, header style, chart): no sync. */
export function queueSheet(ctx: Ctx, block: SheetBlock, replace: boolean, template?: TemplateSheet): Excel.Worksheet {
  const caps = capabilities();
  const sheets = ctx.workbook.worksheets;
  if (replace) sheets.getItem(block.name).delete();
  const ws = sheets.add(block.name);
  const h = block.values.length;
  const w = block.values[0]?.length ?? 0;
  if (h && w) {
    const all = rangeAt(ws, 0, 0, h, w);
    all.set({ numberFormat: block.formats, values: inputValues(block.values) });
    for (const r of block.headerRows) {
      rangeAt(ws, r, 0, 1, w).format.set({ font: { bold: true }, fill: { color: '#D9D9D9' }, wrapText: true });
    }
    rangeAt(ws, 0, 0, 1, 1).format.set({ font: { bold: true, size: 14 } });
    if (caps.columnWidth) block.widths.forEach((cw, c) => rangeAt(ws, 0, c, 1, 1).format.set({ columnWidth: Math.round(cw * 7.5) }));
  }
  if (template) {
    template.lists.forEach((list, c) => {
      if (!list || !caps.dataValidation) return;
      const col = rangeAt(ws, template.dataTop, c, template.dataBottom - template.dataTop + 1, 1);
      col.dataValidation.set({ rule: { list: { inCellDropDown: true, source: list.join(',') } } });
    });
    if (caps.freezePanes) ws.freezePanes.freezeRows(template.dataTop);
  }
  if (block.chart) {
    const ch = block.chart;
    const data = ws.getRange(`${colLetters(ch.left)}${ch.top + 1}:${colLetters(ch.right)}${ch.bottom + 1}`);
    const chart = ws.charts.add('ColumnClustered', data, 'Columns');
    chart.set({ title: { text: ch.title } });
    chart.setPosition(`K2`, `R20`);
  }
  return ws;
}

function ensureOurs(wb: WorkbookRead, name: string): 'new' | 'replace' | 'foreign' {
  if (!wb.sheets.some((s) => s.name === name)) return 'new';
  return (wb.ownSheetMarks.get(name) ?? '').startsWith(GENERATED_MARK) ? 'replace' : 'foreign';
}

export type WriteOutcome = { ok: true; sheet: string; report: TownReport } | { ok: false; reason: 'foreign'; sheet: string };

async function writeTownSheet(ctx: Ctx, fileName: string, today: string, name: string, render: (r: TownReport) => SheetBlock): Promise<WriteOutcome> {
  const wb = await readWorkbook(ctx, [name]); // syncs 1–3
  const state = ensureOurs(wb, name);
  if (state === 'foreign') return { ok: false, reason: 'foreign', sheet: name };
  const report = townReport(fileName, wb.grids, today);
  queueSheet(ctx, render(report), state === 'replace').activate();
  await ctx.sync(); // sync 4
  return { ok: true, sheet: name, report };
}

/** 汇总: writes or refreshes the 汇总 sheet (never a clerk's own sheet of that name). */
export function writeSummary(ctx: Ctx, fileName: string, today = todayIso()): Promise<WriteOutcome> {
  return writeTownSheet(ctx, fileName, today, TOWN_SUMMARY_SHEET, townSummarySheet);
}

/** 周报: writes or refreshes the 本周通报 sheet. */
export function writeBulletin(ctx: Ctx, fileName: string, today = todayIso()): Promise<WriteOutcome> {
  return writeTownSheet(ctx, fileName, today, BULLETIN_SHEET, bulletinSheet);
}

function freeName(taken: Set<string>, base: string): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`;
}

/** 插入模板: a new blank project or indicator sheet with drop-down lists and number formats. */
export async function insertTemplate(ctx: Ctx, kind: TableKind): Promise<string> {
  const sheets = await listSheets(ctx); // sync 1
  const name = freeName(new Set(sheets.map((s) => s.name)), kind === 'projects' ? '重点项目' : '主要指标');
  const tpl = templateSheet(kind, '', name);
  queueSheet(ctx, tpl, false, tpl).activate();
  await ctx.sync(); // sync 2
  return name;
}

/** 汇总多个文件: the county tables as new sheets (or refreshed ones the add-in wrote before). */
export async function writeCountySheets(ctx: Ctx, result: ConsolidationResult): Promise<string[]> {
  const sheets = await listSheets(ctx); // sync 1
  const taken = new Set(sheets.map((s) => s.name));
  const names: string[] = [];
  for (const block of countySheets(result)) {
    // a county sheet of an earlier run is replaced; the prefix keeps them apart from the clerk's sheets
    queueSheet(ctx, block, taken.has(block.name));
    names.push(block.name);
  }
  ctx.workbook.worksheets.getItem(names[0]!).activate();
  await ctx.sync(); // sync 2
  return names;
}

/** Clicking a problem: selects its cell, or says why not. */
export async function selectCell(ctx: Ctx, sheet: string, cell: string): Promise<'ok' | 'hidden' | 'missing'> {
  // the sheet list rather than getItemOrNullObject (ExcelApi 1.4): the same one sync at every level
  const found = (await listSheets(ctx)).find((s) => s.name === sheet);
  if (!found) return 'missing';
  if (found.visibility !== 'Visible') return 'hidden';
  const ws = ctx.workbook.worksheets.getItem(sheet);
  ws.activate();
  ws.getRange(cell).select();
  await ctx.sync();
  return 'ok';
}
