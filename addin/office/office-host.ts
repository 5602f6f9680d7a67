/// <reference types="office-js" />
/**
 * The Office.js host: the SheetHost seam over one Excel.RequestContext. Reads are queued for every sheet and synced
 * together (split by row blocks only when a request would pass Excel on the web's 5 MB payload), writes are
 * whole-range assignments. Call budget, in context.sync() calls, whatever the number of rows:
 *
 *   listSheets   1   (names and visibility)
 *   readSheets   2   (used ranges + A1 of the asked sheets; values/formulas/formats + merged and visible areas)
 *   readFills    1   (fills of the problem cells and the marks' record)
 *   writeFills   1
 *   writeSheets  1   (every sheet, its formats, widths and chart)
 *   selectCell   2
 *
 * so 校验 3, 标记 5, 清除标记 3, 汇总/周报 4, 插入模板 2, 汇总多个文件 2 (see ops/operations.ts).
 */
import type { Grid } from '../../core/grid';
import { colLetters } from '../../core/grid';
import type { SheetBlock, TemplateSheet } from '../../core/addin-sheets';
import type { CellRef, Fill, FillChange, SheetHost, SheetInfo, SheetsRead, SheetWrite, Visibility } from '../ops/host';
import { inputValues } from '../ops/input';
import { planBlocks, sheetReadToGrid, type SheetRead } from './office-grid';

type Ctx = Excel.RequestContext;

/** Queues a whole sheet (delete + add, formats, values, widths, header style, chart): no sync. */
export function queueSheet(ctx: Ctx, block: SheetBlock, replace: boolean, template?: TemplateSheet): Excel.Worksheet {
  const sheets = ctx.workbook.worksheets;
  if (replace) sheets.getItem(block.name).delete();
  const ws = sheets.add(block.name);
  const h = block.values.length;
  const w = block.values[0]?.length ?? 0;
  if (h && w) {
    const all = ws.getRangeByIndexes(0, 0, h, w);
    all.set({ numberFormat: block.formats, values: inputValues(block.values) });
    for (const r of block.headerRows) {
      ws.getRangeByIndexes(r, 0, 1, w).format.set({ font: { bold: true }, fill: { color: '#D9D9D9' }, wrapText: true });
    }
    ws.getRangeByIndexes(0, 0, 1, 1).format.set({ font: { bold: true, size: 14 } });
    block.widths.forEach((cw, c) => ws.getRangeByIndexes(0, c, 1, 1).format.set({ columnWidth: Math.round(cw * 7.5) }));
  }
  if (template) {
    template.lists.forEach((list, c) => {
      if (!list) return;
      const col = ws.getRangeByIndexes(template.dataTop, c, template.dataBottom - template.dataTop + 1, 1);
      col.dataValidation.set({ rule: { list: { inCellDropDown: true, source: list.join(',') } } });
    });
    ws.freezePanes.freezeRows(template.dataTop);
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

  async listSheets(): Promise<SheetInfo[]> {
    const ws = this.ctx.workbook.worksheets;
    ws.load('items/name,items/visibility');
    await this.ctx.sync();
    return ws.items.map((w) => ({ name: w.name, visibility: String(w.visibility) as Visibility }));
  }

  async readSheets(names: string[], firstCellsOf: string[]): Promise<SheetsRead> {
    const ctx = this.ctx;
    const used = names.map((n) => {
      const r = ctx.workbook.worksheets.getItem(n).getUsedRangeOrNullObject(true);
      r.load('address,rowCount,columnCount');
      return r;
    });
    const markCells = firstCellsOf.map((n) => {
      const c = ctx.workbook.worksheets.getItem(n).getRange('A1');
      c.load('values');
      return { name: n, c };
    });
    await ctx.sync(); // sync 1
    const dims = used.map((r) => (r.isNullObject ? { rows: 0, cols: 0 } : { rows: r.rowCount, cols: r.columnCount }));
    const requests = planBlocks(dims);
    const reads: SheetRead[] = names.map((n, i) => ({
      name: n, hidden: false, usedAddress: used[i]!.isNullObject ? null : used[i]!.address,
      values: [], formulas: [], numberFormat: [], mergedAddress: null, visibleAddress: null,
    }));
    const areas = names.map((_s, i) => {
      if (used[i]!.isNullObject) return null;
      const merged = used[i]!.getMergedAreasOrNullObject();
      merged.load('address');
      const visible = used[i]!.getSpecialCellsOrNullObject('Visible');
      visible.load('address');
      return { merged, visible };
    });
    for (let q = 0; q < requests.length; q++) {
      const blocks = requests[q]!.map((b) => {
        const r = used[b.sheet]!.getCell(b.top, 0).getResizedRange(b.rows - 1, dims[b.sheet]!.cols - 1);
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
      reads[i]!.mergedAddress = a.merged.isNullObject ? null : a.merged.address;
      reads[i]!.visibleAddress = a.visible.isNullObject ? null : a.visible.address;
    });
    const grids: Grid[] = reads.map(sheetReadToGrid);
    const firstCells = new Map(markCells.map(({ name, c }) => [name, String(c.values?.[0]?.[0] ?? '')]));
    return { grids, firstCells };
  }

  async readFills(cells: CellRef[], recordSheet: string | null): Promise<{ fills: Fill[]; record: unknown[][] | null }> {
    const ctx = this.ctx;
    let storeRange: Excel.Range | null = null;
    if (recordSheet) {
      storeRange = ctx.workbook.worksheets.getItem(recordSheet).getUsedRange(true);
      storeRange.load('values');
    }
    const fills = cells.map((t) => {
      const fill = ctx.workbook.worksheets.getItem(t.sheet).getRange(t.cell).format.fill;
      fill.load('color,pattern');
      return fill;
    });
    await ctx.sync();
    return {
      fills: fills.map((f) => ({ pattern: String(f.pattern ?? 'Solid'), color: String(f.color ?? '') })),
      record: storeRange ? storeRange.values : null,
    };
  }

  async writeFills(changes: FillChange[], record: { sheet: string; exists: boolean; rows: string[][] }): Promise<void> {
    const ctx = this.ctx;
    for (const ch of changes) {
      const fill = ctx.workbook.worksheets.getItem(ch.sheet).getRange(ch.cell).format.fill;
      const f = ch.fill;
      if (!f || f.pattern === 'None' || !f.color) fill.clear();
      else fill.set({ color: f.color, ...(f.pattern && f.pattern !== 'Solid' ? { pattern: f.pattern as Excel.FillPattern } : {}) });
    }
    const sheets = ctx.workbook.worksheets;
    if (record.exists) sheets.getItem(record.sheet).delete();
    if (record.rows.length) {
      const ws = sheets.add(record.sheet);
      const w = record.rows[0]!.length;
      const r = ws.getRangeByIndexes(0, 0, record.rows.length, w);
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
    const ws = ctx.workbook.worksheets.getItemOrNullObject(sheet);
    ws.load('visibility');
    await ctx.sync();
    if (ws.isNullObject) return 'missing';
    if (ws.visibility !== 'Visible') return 'hidden';
    ws.activate();
    ws.getRange(cell).select();
    await ctx.sync();
    return 'ok';
  }
}

export function officeHost(ctx: Ctx): SheetHost {
  return new OfficeHost(ctx);
}
