/// <reference types="et-jsapi-declare" />
/**
 * The WPS 表格 host: the SheetHost seam over WPS's ET object model (`Application` / `wps.EtApplication()`, typed by
 * et-jsapi-declare). The object model is synchronous and VBA-shaped; every member access crosses from the page into
 * WPS, so the host reads whole ranges at once and never walks rows. Object-model calls (each property read or write
 * and each method call counts one), whatever the number of rows:
 *
 *   listSheets   4 + 3 per sheet
 *   readSheets   per sheet: 10 (used range, Value2, Formula) + 4–6 (visible areas) + 1 (any merge?)
 *                + per column with numbers 2 (its NumberFormat when one format covers them)
 *                + only where formats or merges are mixed: a bounded look at the title/header rows
 *                  (≤ 12 rows, a few calls per merged or differently formatted cell there) and one call for the body;
 *                  a body that itself mixes formats or merges is split in halves (calls grow with the number of
 *                  such areas, never with plain rows)
 *   readFills    per problem cell 4 (Range, Interior, Pattern, Color) + 3 for the marks' record
 *   writeFills   per sheet and fill colour 3 per ≤250-character address list; the record: delete 2, add ~10
 *   writeSheets  per sheet ~12 + per header row 5 + per column ~2 per run of one number format + chart ~8
 *   selectCell   6
 *
 * Quirks handled: see et-model.ts (property-vs-method members, Value2 shapes, CVErr numbers, BGR colours, XlPattern),
 * plus: Worksheet.Delete asks the user unless DisplayAlerts is off; Worksheets.Add activates the new sheet (the
 * clerk's active sheet is shown again after the marks' record is written); a text cell whose text starts with '='
 * returns it from Formula (told apart from a formula by Value2 being the same text).
 */
import type { Grid } from '../../core/grid';
import { address, colLetters, parseAddress } from '../../core/grid';
import type { SheetBlock, TemplateSheet } from '../../core/addin-sheets';
import type { CellRef, Fill, FillChange, HostCapabilities, SheetHost, SheetInfo, SheetsRead, SheetWrite, Visibility } from '../ops/host';
import { inputValues } from '../ops/input';
import { sheetReadToGrid, type SheetRead } from '../ops/range-grid';
import { XL, addressChunks, bgrToHex, errorText, hexToBgr, member, patternName, patternNumber, to2D } from './et-model';

type App = Et.Application;
type Sheet = Et.Worksheet;
type Rng = Et.Range;

/** Rows at the top of a used range where titles, unit notes and (two-row) headers live: looked at cell by cell when needed. */
export const HEAD_ROWS = 12;
/** At most this many extra calls per sheet to split a body that mixes number formats or merges. */
export const SPLIT_BUDGET = 2000;

const HEADER_FILL = '#D9D9D9';

function visibilityOf(v: unknown): Visibility {
  const n = Number(v);
  if (v === true || n === XL.sheetVisible) return 'Visible';
  if (n === XL.sheetVeryHidden) return 'VeryHidden';
  return 'Hidden';
}

function a1(top: number, left: number, bottom: number, right: number): string {
  const a = address(top, left);
  const z = address(bottom, right);
  return a === z ? a : `${a}:${z}`;
}

export class WpsHost implements SheetHost {
  /** On `workbook` when given (a file 汇总多个文件 opened), else on the clerk's active workbook. */
  constructor(readonly app: App, private readonly workbook?: Et.Workbook) {}

  /** Every WPS 表格 build the add-in supports hides sheets (Worksheet.Visible = xlSheetVeryHidden). */
  capabilities(): HostCapabilities {
    return { hideSheets: true };
  }

  whyNot(): string {
    return '';
  }

  private book(): Et.Workbook {
    const wb = this.workbook ?? this.app.ActiveWorkbook;
    if (!wb) throw new Error('WPS 表格中没有打开的工作簿');
    return wb;
  }

  private sheetsOf(): Et.Worksheets {
    return this.book().Worksheets as unknown as Et.Worksheets;
  }

  private item(name: string): Sheet {
    return this.sheetsOf().Item(name) as Sheet;
  }

  /** Item(name) or null: WPS throws for a missing name. */
  private itemOrNull(name: string): Sheet | null {
    try {
      return (this.sheetsOf().Item(name) as Sheet) ?? null;
    } catch {
      return null;
    }
  }

  async listSheets(): Promise<SheetInfo[]> {
    const ws = this.sheetsOf();
    const n = Number(member(ws, 'Count'));
    const out: SheetInfo[] = [];
    for (let i = 1; i <= n; i++) {
      const s = ws.Item(i) as Sheet;
      out.push({ name: String(s.Name), visibility: visibilityOf(s.Visible) });
    }
    return out;
  }

  async readSheets(names: string[], firstCellsOf: string[]): Promise<SheetsRead> {
    const grids: Grid[] = names.map((n) => sheetReadToGrid(this.readSheet(n)));
    const firstCells = new Map<string, string>();
    for (const n of firstCellsOf) {
      const s = this.itemOrNull(n);
      if (!s) continue;
      const v = to2D(s.Range('A1').Value2, 1, 1)[0]![0];
      firstCells.set(n, v === null || v === undefined ? '' : String(v));
    }
    return { grids, firstCells };
  }

  /** One sheet's used range → the same SheetRead the Office.js host builds from its loads. */
  readSheet(name: string): SheetRead {
    const s = this.item(name);
    const ur = s.UsedRange;
    const top = Number(ur.Row) - 1;
    const left = Number(ur.Column) - 1;
    const h = Number(member(ur.Rows, 'Count'));
    const w = Number(member(ur.Columns, 'Count'));
    const values = to2D(ur.Value2, h, w);
    const rawFormulas = to2D(ur.Formula, h, w);
    // an empty sheet: WPS reports A1 as its used range, with nothing in it
    if (h === 1 && w === 1 && (values[0]![0] === undefined || values[0]![0] === null || values[0]![0] === '')) {
      return { name, hidden: false, usedAddress: null, values: [], formulas: [], numberFormat: [], mergedAddress: null, visibleAddress: null };
    }
    const formulas: unknown[][] = rawFormulas.map((row, r) => row.map((f, c) => {
      const v = values[r]![c];
      const isFormula = typeof f === 'string' && f.startsWith('=') && f !== v;
      if (isFormula) values[r]![c] = errorText(v);
      return isFormula ? f : v;
    }));
    const numberFormat = this.numberFormats(s, values, top, left);
    const budget = { calls: SPLIT_BUDGET };
    // false: no merged cell at all (one call); true or null (mixed): find them
    const merges = ur.MergeCells === false ? [] : this.mergedAreas(s, top, left, h, w, budget);
    return {
      name, hidden: false, usedAddress: `${name}!${a1(top, left, top + h - 1, left + w - 1)}`,
      values, formulas, numberFormat,
      mergedAddress: merges.length ? merges.join(',') : null,
      visibleAddress: this.visibleAddress(ur),
    };
  }

  /** Visible cells of the used range (hidden rows and columns left out), as an areas address; null when none. */
  private visibleAddress(ur: Rng): string | null {
    let vis: Rng;
    try {
      vis = ur.SpecialCells(XL.cellTypeVisible as Et.XlCellType);
    } catch {
      return null; // "no cells were found": every row is hidden
    }
    if (!vis) return null;
    const areas = vis.Areas;
    const count = Number(member(areas, 'Count'));
    const addr = String(member(vis, 'Address', false, false) ?? '');
    if (count <= 1 || addr.split(',').length === count) return addr;
    // a long areas address cut short by this build: the areas one by one
    const parts: string[] = [];
    for (let i = 1; i <= count; i++) parts.push(String(member(areas.Item(i), 'Address', false, false)));
    return parts.join(',');
  }

  /**
   * Number formats where they matter: cells holding a number (a date is a number in Value2). Per column, one read over
   * its numbers; a column whose title/header cells differ is read there cell by cell (≤ HEAD_ROWS) and once for the body.
   */
  private numberFormats(s: Sheet, values: unknown[][], top: number, left: number): unknown[][] {
    const h = values.length;
    const w = h ? values[0]!.length : 0;
    const fmt: unknown[][] = values.map((row) => row.map(() => 'General'));
    const budget = { calls: SPLIT_BUDGET };
    for (let c = 0; c < w; c++) {
      const rows: number[] = [];
      for (let r = 0; r < h; r++) if (typeof values[r]![c] === 'number') rows.push(r);
      if (!rows.length) continue;
      const col = left + c;
      const read = (r1: number, r2: number): unknown => s.Range(a1(top + r1, col, top + r2, col)).NumberFormat;
      const put = (list: number[], f: unknown) => {
        for (const r of list) fmt[r]![c] = f;
      };
      const uniform = (f: unknown) => typeof f === 'string' && f !== '';
      const all = read(rows[0]!, rows[rows.length - 1]!);
      if (uniform(all)) {
        put(rows, all);
        continue;
      }
      const head = rows.filter((r) => r < HEAD_ROWS);
      const body = rows.filter((r) => r >= HEAD_ROWS);
      for (const r of head) put([r], read(r, r));
      const split = (list: number[]) => {
        if (!list.length) return;
        const f = list.length === 1 || budget.calls <= 0 ? read(list[0]!, list[0]!) : read(list[0]!, list[list.length - 1]!);
        budget.calls--;
        if (uniform(f) || list.length === 1 || budget.calls <= 0) {
          put(list, uniform(f) ? f : 'General');
          return;
        }
        const mid = list.length >> 1;
        split(list.slice(0, mid));
        split(list.slice(mid));
      };
      split(body);
    }
    return fmt;
  }

  /** The merged areas of the used range, as A1 addresses: the title/header rows row by row, the body at once. */
  private mergedAreas(s: Sheet, top: number, left: number, h: number, w: number, budget: { calls: number }): string[] {
    const found: string[] = [];
    const covered = new Set<string>();
    const right = left + w - 1;
    const scanRow = (r: number) => {
      const row = s.Range(a1(top + r, left, top + r, right));
      if (row.MergeCells === false) return;
      for (let c = left; c <= right; c++) {
        const key = address(top + r, c);
        if (covered.has(key)) continue;
        const cell = s.Range(key);
        if (!cell.MergeCells) continue;
        const area = String(member(cell.MergeArea, 'Address', false, false)).replace(/\$/g, '');
        found.push(area);
        const [a, z] = area.split(':');
        const p = parseAddress(a!);
        const q = parseAddress(z ?? a!);
        if (!p || !q) continue;
        for (let rr = p.r; rr <= q.r; rr++) for (let cc = p.c; cc <= q.c; cc++) covered.add(address(rr, cc));
      }
    };
    const headRows = Math.min(HEAD_ROWS, h);
    for (let r = 0; r < headRows; r++) scanRow(r);
    const block = (r1: number, r2: number) => {
      if (r1 > r2 || budget.calls <= 0) return;
      budget.calls--;
      const m = s.Range(a1(top + r1, left, top + r2, right)).MergeCells;
      if (m === false) return;
      if (r2 - r1 < 4) {
        for (let r = r1; r <= r2; r++) scanRow(r);
        return;
      }
      const mid = (r1 + r2) >> 1;
      block(r1, mid);
      block(mid + 1, r2);
    };
    block(headRows, h - 1);
    return found;
  }

  async readFills(cells: CellRef[], recordSheet: string | null): Promise<{ fills: Fill[]; record: unknown[][] | null }> {
    const fills: Fill[] = [];
    const sheets = new Map<string, Sheet>();
    for (const t of cells) {
      let s = sheets.get(t.sheet);
      if (!s) sheets.set(t.sheet, (s = this.item(t.sheet)));
      const interior = s.Range(t.cell).Interior;
      const raw = interior.Pattern;
      const pattern = Number(raw);
      fills.push(raw === null || raw === undefined || pattern === XL.patternNone
        ? { pattern: 'None', color: '' }
        : { pattern: patternName(pattern), color: bgrToHex(interior.Color) });
    }
    let record: unknown[][] | null = null;
    if (recordSheet) {
      const s = this.itemOrNull(recordSheet);
      if (s) {
        const ur = s.UsedRange;
        record = to2D(ur.Value2, Number(member(ur.Rows, 'Count')), Number(member(ur.Columns, 'Count')));
      }
    }
    return { fills, record };
  }

  /** Runs a write with screen updating and alerts off (Worksheet.Delete asks the user otherwise), restoring both. */
  private quietly<T>(fn: () => T): T {
    const app = this.app;
    const alerts = app.DisplayAlerts;
    const screen = app.ScreenUpdating;
    app.DisplayAlerts = false;
    app.ScreenUpdating = false;
    try {
      return fn();
    } finally {
      app.ScreenUpdating = screen;
      app.DisplayAlerts = alerts;
    }
  }

  private addSheetAtEnd(name: string): Sheet {
    const ws = this.sheetsOf();
    const last = ws.Item(Number(member(ws, 'Count'))) as Sheet;
    const s = ws.Add(undefined, last) as Sheet;
    s.Name = name;
    return s;
  }

  async writeFills(changes: FillChange[], record: { sheet: string; exists: boolean; rows: string[][] }): Promise<void> {
    this.quietly(() => {
      // one Range("A1,B3,…") per sheet and fill: the calls grow with the sheets and colours, not with the cells
      const groups = new Map<string, { sheet: string; fill: Fill | null; cells: string[] }>();
      for (const ch of changes) {
        const f = ch.fill && ch.fill.pattern !== 'None' && ch.fill.color ? ch.fill : null;
        const k = `${ch.sheet}\u0000${f ? `${f.pattern}\u0000${f.color}` : ''}`;
        const g = groups.get(k) ?? { sheet: ch.sheet, fill: f, cells: [] };
        g.cells.push(ch.cell);
        groups.set(k, g);
      }
      for (const g of groups.values()) {
        const s = this.item(g.sheet);
        for (const list of addressChunks(g.cells)) {
          const interior = s.Range(list).Interior;
          if (!g.fill) {
            interior.ColorIndex = XL.colorIndexNone;
            continue;
          }
          if (g.fill.pattern !== 'Solid') interior.Pattern = patternNumber(g.fill.pattern);
          interior.Color = hexToBgr(g.fill.color);
        }
      }
      if (record.exists) this.itemOrNull(record.sheet)?.Delete();
      if (record.rows.length) {
        const active = this.book().ActiveSheet as Sheet;
        const s = this.addSheetAtEnd(record.sheet);
        const r = s.Range(a1(0, 0, record.rows.length - 1, record.rows[0]!.length - 1));
        r.NumberFormat = '@';
        r.Value2 = inputValues(record.rows) as never;
        s.Visible = XL.sheetVeryHidden as Et.XlSheetVisibility;
        active?.Activate();
      }
    });
  }

  async writeSheets(sheets: SheetWrite[], activate: string): Promise<void> {
    this.quietly(() => {
      let shown: Sheet | null = null;
      for (const w of sheets) {
        if (w.replace) this.itemOrNull(w.block.name)?.Delete();
        const s = this.writeSheet(w.block, w.template);
        if (w.block.name === activate) shown = s;
      }
      (shown ?? this.item(activate)).Activate();
    });
  }

  private writeSheet(block: SheetBlock, template?: TemplateSheet): Sheet {
    const s = this.addSheetAtEnd(block.name);
    const h = block.values.length;
    const w = block.values[0]?.length ?? 0;
    if (h && w) {
      // number formats by runs of one format down each column, then every value in one assignment
      for (let c = 0; c < w; c++) {
        let r0 = 0;
        for (let r = 1; r <= h; r++) {
          if (r < h && block.formats[r]![c] === block.formats[r0]![c]) continue;
          const f = block.formats[r0]![c] ?? 'General';
          if (f !== 'General') s.Range(a1(r0, c, r - 1, c)).NumberFormat = f;
          r0 = r;
        }
      }
      s.Range(a1(0, 0, h - 1, w - 1)).Value2 = inputValues(block.values) as never;
      for (const r of block.headerRows) {
        const row = s.Range(a1(r, 0, r, w - 1));
        row.Font.Bold = true;
        row.Interior.Color = hexToBgr(HEADER_FILL);
        row.WrapText = true;
      }
      const title = s.Range('A1').Font;
      title.Bold = true;
      title.Size = 14;
      block.widths.forEach((cw, c) => {
        s.Range(`${colLetters(c)}1`).ColumnWidth = cw;
      });
    }
    if (template) {
      template.lists.forEach((list, c) => {
        if (!list) return;
        const v = s.Range(a1(template.dataTop, c, template.dataBottom, c)).Validation;
        v.Delete();
        v.Add(XL.validateList as Et.XlDVType, XL.validAlertStop as Et.XlDVAlertStyle, XL.between as Et.XlFormatConditionOperator, list.join(','));
      });
      try {
        s.Activate();
        const win = this.app.ActiveWindow;
        win.SplitColumn = 0;
        win.SplitRow = template.dataTop;
        win.FreezePanes = true;
      } catch {
        // frozen header rows are a comfort: a build without ActiveWindow still gets the template
      }
    }
    if (block.chart) {
      const ch = block.chart;
      try {
        const data = s.Range(a1(ch.top, ch.left, ch.bottom, ch.right));
        const shape = s.Shapes.AddChart(XL.columnClustered as never, 480, 20, 420, 260);
        const chart = shape.Chart;
        chart.SetSourceData(data, XL.columns as never);
        chart.HasTitle = true;
        chart.ChartTitle.Text = ch.title;
      } catch {
        // a chart where the host can: the figures are in the sheet either way
      }
    }
    return s;
  }

  async selectCell(sheet: string, cell: string): Promise<'ok' | 'hidden' | 'missing'> {
    const s = this.itemOrNull(sheet);
    if (!s) return 'missing';
    if (visibilityOf(s.Visible) !== 'Visible') return 'hidden';
    s.Activate();
    s.Range(cell).Select();
    return 'ok';
  }
}

export function wpsHost(app: App): SheetHost {
  return new WpsHost(app);
}
