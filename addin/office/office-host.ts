/// <reference types="office-js" />
/**
 * The Office.js host: the SheetHost seam over one Excel.RequestContext. The manifest asks for ExcelApi 1.1 only (Excel
 * 2016); every member above 1.1 is called only where capabilities() says this Excel has it (office-capabilities.ts),
 * and cells are addressed with getRange(A1), which every Excel has. Reads are queued for every sheet and synced
 * together (split by row blocks only when a request would pass Excel on the web's 5 MB payload), writes are
 * whole-range assignments. Call budget, in context.sync() calls, whatever the number of rows:
 *
 *   listSheets   1   (names and visibility)
 *   readSheets   2   (used ranges + A1 of the asked sheets; values/formulas/formats + merged and visible areas)
 *   readFills    1   (fills of the problem cells and the marks' record)
 *   writeFills   1
 *   writeSheets  1   (every sheet, its formats, widths and chart)
 *   selectCell   2   (the sheet list, then the selection: the same at every API level)
 *
 * so 校验 3, 标记 5, 清除标记 3, 汇总/周报 4, 插入模板 2, 汇总多个文件 2 (see ops/operations.ts).
 */
import type { Grid } from '../../core/grid';
import { colLetters, parseAddress, parseRange } from '../../core/grid';
import type { SheetBlock, TemplateSheet } from '../../core/addin-sheets';
import type {
  CellRef, Fill, FillChange, HostCapabilities, SheetHost, SheetInfo, SheetsRead, SheetWrite, Visibility,
} from '../ops/host';
import { inputValues } from '../ops/input';
import { localAddress, planBlocks, sheetReadToGrid, type SheetRead } from './office-grid';
import { capabilities } from './office-capabilities';

type Ctx = Excel.RequestContext;

/** What 标记 throws where the host cannot hide the fill store (the pane hides the button there first). */
export const NEEDS_NEWER_EXCEL = '“标记”需要 Excel 2019 或更高版本。';

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

export class OfficeHost implements SheetHost {
  constructor(readonly ctx: Ctx) {}

  capabilities(): HostCapabilities {
    // the marks' record must be very hidden (setting Worksheet.visibility, ExcelApi 1.2)
    return { hideSheets: capabilities().sheetVisibilityWrite };
  }

  whyNot(capability: keyof HostCapabilities): string {
    return capability === 'hideSheets' ? NEEDS_NEWER_EXCEL : '';
  }

  async listSheets(): Promise<SheetInfo[]> {
    const ws = this.ctx.workbook.worksheets;
    ws.load('items/name,items/visibility');
    await this.ctx.sync();
    return ws.items.map((w) => ({ name: w.name, visibility: String(w.visibility) as Visibility }));
  }

  async readSheets(names: string[], firstCellsOf: string[]): Promise<SheetsRead> {
    const ctx = this.ctx;
    const caps = capabilities();
    const usedOf = names.map((n) => usedRangeOf(ctx.workbook.worksheets.getItem(n)));
    const used = usedOf.map(({ range: r }) => {
      r.load('address,rowCount,columnCount');
      return r;
    });
    const markCells = firstCellsOf.map((n) => {
      const c = ctx.workbook.worksheets.getItem(n).getRange('A1');
      c.load('values');
      return { name: n, c };
    });
    await ctx.sync(); // sync 1
    const blank = usedOf.map((u) => u.isBlank());
    const dims = used.map((r, i) => (blank[i] ? { rows: 0, cols: 0 } : { rows: r.rowCount, cols: r.columnCount }));
    const origins = used.map((r, i) => (blank[i] ? null : parseRange(localAddress(r.address).replace(/\$/g, ''))));
    const requests = planBlocks(dims);
    const reads: SheetRead[] = names.map((n, i) => ({
      name: n, hidden: false, usedAddress: blank[i] ? null : used[i]!.address,
      values: [], formulas: [], numberFormat: [], mergedAddress: null, visibleAddress: null,
    }));
    const areas = names.map((n, i) => {
      if (blank[i]) return null;
      // ExcelApi 1.13 / 1.9; without them merged headers are read by their top-left text and hidden rows count
      const merged = caps.mergedAreas ? used[i]!.getMergedAreasOrNullObject() : null;
      merged?.load('address');
      const visible = caps.visibleCells ? used[i]!.getSpecialCellsOrNullObject('Visible') : null;
      visible?.load('address');
      // ExcelApi 1.3–1.8: the visible rows of the used range's first column, one address each
      const o = origins[i]!;
      const view = !visible && caps.visibleView ? rangeAt(ctx.workbook.worksheets.getItem(n), o.top, o.left, dims[i]!.rows, 1).getVisibleView() : null;
      view?.load('cellAddresses');
      return { merged, visible, view };
    });
    for (let q = 0; q < requests.length; q++) {
      const blocks = requests[q]!.map((b) => {
        const o = origins[b.sheet] ?? { top: 0, left: 0 };
        const r = rangeAt(ctx.workbook.worksheets.getItem(names[b.sheet]!), o.top + b.top, o.left, b.rows, dims[b.sheet]!.cols);
        r.load('values,formulas,numberFormat');
        return { b, r };
      });
      await ctx.sync(); // sync 2 (more only past the payload budget)
      for (const { b, r } of blocks) {
        const s = reads[b.sheet]!;
        s.values.push(...r.values);
        s.formulas.push(...r.formulas);
        s.numberFormat.push(...r.numberFormat);
      }
    }
    names.forEach((_s, i) => {
      const a = areas[i];
      if (!a) return;
      reads[i]!.mergedAddress = !a.merged || a.merged.isNullObject ? null : a.merged.address;
      if (a.visible) reads[i]!.visibleAddress = a.visible.isNullObject ? null : a.visible.address;
      else if (a.view) reads[i]!.visibleAddress = visibleRowsAddress(a.view.cellAddresses, origins[i]!.left, origins[i]!.left + dims[i]!.cols - 1);
      else reads[i]!.visibleAddress = reads[i]!.usedAddress; // unknown: the whole used range counts as visible
    });
    const grids: Grid[] = reads.map(sheetReadToGrid);
    const firstCells = new Map(markCells.map(({ name, c }) => [name, String(c.values?.[0]?.[0] ?? '')]));
    return { grids, firstCells };
  }

  async readFills(cells: CellRef[], recordSheet: string | null): Promise<{ fills: Fill[]; record: unknown[][] | null }> {
    const ctx = this.ctx;
    const caps = capabilities();
    let storeRange: Excel.Range | null = null;
    if (recordSheet) {
      storeRange = usedRangeOf(ctx.workbook.worksheets.getItem(recordSheet)).range;
      storeRange.load('values');
    }
    const fills = cells.map((t) => {
      const fill = ctx.workbook.worksheets.getItem(t.sheet).getRange(t.cell).format.fill;
      fill.load(caps.fillPattern ? 'color,pattern' : 'color');
      return fill;
    });
    await ctx.sync();
    // without RangeFill.pattern (ExcelApi 1.9) a white fill is taken for no fill: it looks the same once restored
    const patternOf = (f: Excel.RangeFill) =>
      caps.fillPattern ? String(f.pattern ?? 'Solid') : /^#?FFFFFF$/i.test(String(f.color ?? '')) ? 'None' : 'Solid';
    return {
      fills: fills.map((f) => ({ pattern: patternOf(f), color: String(f.color ?? '') })),
      record: storeRange ? storeRange.values : null,
    };
  }

  async writeFills(changes: FillChange[], record: { sheet: string; exists: boolean; rows: string[][] }): Promise<void> {
    const ctx = this.ctx;
    const caps = capabilities();
    for (const ch of changes) {
      const fill = ctx.workbook.worksheets.getItem(ch.sheet).getRange(ch.cell).format.fill;
      const f = ch.fill;
      if (!f || f.pattern === 'None' || !f.color) fill.clear();
      else fill.set({ color: f.color, ...(f.pattern && f.pattern !== 'Solid' && caps.fillPattern ? { pattern: f.pattern as Excel.FillPattern } : {}) });
    }
    const sheets = ctx.workbook.worksheets;
    if (record.exists) sheets.getItem(record.sheet).delete();
    if (record.rows.length) {
      // the record must be very hidden (ExcelApi 1.2): operations.mark asks first, this is the backstop (nothing queued
      // here reaches the workbook: no sync ran)
      if (!caps.sheetVisibilityWrite) throw new Error(NEEDS_NEWER_EXCEL);
      const ws = sheets.add(record.sheet);
      const w = record.rows[0]!.length;
      const r = rangeAt(ws, 0, 0, record.rows.length, w);
      r.set({ numberFormat: record.rows.map((row) => row.map(() => '@')), values: inputValues(record.rows) });
      ws.set({ visibility: 'VeryHidden' });
    }
    await ctx.sync();
  }

  async writeSheets(sheets: SheetWrite[], activate: string): Promise<void> {
    let shown: Excel.Worksheet | null = null;
    for (const s of sheets) {
      const ws = queueSheet(this.ctx, s.block, s.replace, s.template);
      if (s.block.name === activate) shown = ws;
    }
    (shown ?? this.ctx.workbook.worksheets.getItem(activate)).activate();
    await this.ctx.sync();
  }

  async selectCell(sheet: string, cell: string): Promise<'ok' | 'hidden' | 'missing'> {
    const ctx = this.ctx;
    // the sheet list rather than getItemOrNullObject (ExcelApi 1.4): the same one sync at every level
    const found = (await this.listSheets()).find((s) => s.name === sheet);
    if (!found) return 'missing';
    if (found.visibility !== 'Visible') return 'hidden';
    const ws = ctx.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getRange(cell).select();
    await ctx.sync();
    return 'ok';
  }
}

export function officeHost(ctx: Ctx): SheetHost {
  return new OfficeHost(ctx);
}
