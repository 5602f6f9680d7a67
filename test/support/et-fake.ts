/* eslint-disable @typescript-eslint/no-this-alias -- the fake ET objects are literals whose getters play the object model's properties, each closing over the fake that owns the cells */
/// <reference types="et-jsapi-declare" />
/**
 * A fake of WPS 表格's ET object model for the WPS host (addin/wps/wps-host.ts), built from WPS's typings
 * (et-jsapi-declare) and its VBA-shaped documentation — not from a real WPS. It holds real cell data (values, formulas,
 * number formats, merges, hidden rows, fills, sheet visibility) and behaves as the documentation and field reports say
 * WPS does, quirks included:
 *
 * - Value2 / Formula of one cell is a scalar; of one row a flat array (`quirks.flatRow`); of a block rows × columns;
 * - NumberFormat / MergeCells / Interior.Color of a range whose cells differ is null;
 * - Address is a method (et-jsapi-declare) or a property (`quirks.addressProperty`); Count likewise (`quirks.countMethod`);
 * - an error value is a CVErr number (`quirks.errors`: 'hresult' -2146826281, 'cverr' 2007) or its text;
 * - Interior.Color is BGR; Interior.Pattern an XlPattern number (-4142 none, 1 solid);
 * - a string written through Value2 that starts with = + - @ becomes a formula; a leading apostrophe keeps it text;
 * - Worksheet.Delete would open a dialog unless DisplayAlerts is false (the fake throws instead);
 * - Worksheets.Add activates the new sheet; Range.Select fails on a sheet that is not active;
 * - SpecialCells throws when no cell qualifies; Item(name) throws for a missing sheet.
 *
 * Every object handed out is wrapped so that each member read or write (a method call is a read) counts one
 * object-model call: `fake.calls`.
 */
import { address, colLetters, parseAddress, parseRange } from '../../core/grid';
import type { Fill, ModelSheet, Scalar } from './excel-mock';

export interface EtQuirks {
  flatRow: boolean;
  addressProperty: boolean;
  countMethod: boolean;
  errors: 'hresult' | 'cverr' | 'text';
}

const ERR_CODES: Record<string, [number, number]> = {
  '#NULL!': [2000, -2146826288], '#DIV/0!': [2007, -2146826281], '#VALUE!': [2015, -2146826273], '#REF!': [2023, -2146826265],
  '#NAME?': [2029, -2146826259], '#NUM!': [2036, -2146826252], '#N/A': [2042, -2146826246],
};

/** The fake's own colour conversion (written apart from the host's, so a wrong BGR order there shows). */
function rgbHexToBgrLong(hex: string): number {
  const h = hex.replace('#', '');
  const r = parseInt(h.slice(0, 2), 16);
  const g = parseInt(h.slice(2, 4), 16);
  const b = parseInt(h.slice(4, 6), 16);
  return (b << 16) | (g << 8) | r;
}

export function bgrLongToRgbHex(n: number): string {
  const r = n & 255;
  const g = (n >>> 8) & 255;
  const b = (n >>> 16) & 255;
  return `#${((r << 16) | (g << 8) | b).toString(16).padStart(6, '0').toUpperCase()}`;
}

const PATTERN_NUM: Record<string, number> = { None: -4142, Solid: 1, Gray50: -4125, Gray25: -4124, Checker: 9, LightUp: 14 };

export interface EtCell {
  v: Scalar;
  f?: string;
  fmt?: string;
}

export interface EtFill {
  /** BGR long. */
  color: number;
  /** XlPattern. */
  pattern: number;
}

export const ET_NO_FILL: EtFill = { color: 16777215, pattern: -4142 };

export interface EtSheet {
  name: string;
  visible: number;
  cells: Map<string, EtCell>;
  fills: Map<string, EtFill>;
  merges: string[];
  hiddenRows: Set<number>;
  charts: { type: number; title: string; source: string }[];
  validations: Map<string, string>;
  bold: Set<string>;
  widths: Map<number, number>;
  freezeRow: number | null;
}

export interface EtBook {
  name: string;
  fullName: string;
  sheets: EtSheet[];
  open: boolean;
}

type Box = { top: number; left: number; bottom: number; right: number };

function visNum(v: ModelSheet['visibility']): number {
  return v === 'Visible' ? -1 : v === 'VeryHidden' ? 2 : 0;
}

/** The same workbook the Office mock holds (excel-mock's ModelSheet), as ET sheets. */
export function etSheetOf(m: ModelSheet): EtSheet {
  const cells = new Map<string, EtCell>();
  m.values.forEach((row, r) => row.forEach((v, c) => {
    const k = address(r, c);
    const f = m.formulas.get(k);
    if (v === '' && !f) return;
    cells.set(k, { v, ...(f ? { f: `=${f}` } : {}) });
  }));
  for (const [k, fmt] of m.formats) cells.set(k, { ...(cells.get(k) ?? { v: '' }), fmt });
  const fills = new Map<string, EtFill>();
  for (const [k, f] of m.fills) fills.set(k, f.pattern === 'None' ? { ...ET_NO_FILL } : { color: rgbHexToBgrLong(f.color), pattern: PATTERN_NUM[f.pattern] ?? 1 });
  return {
    name: m.name, visible: visNum(m.visibility), cells, fills, merges: [...m.merges], hiddenRows: new Set(m.hiddenRows),
    charts: [], validations: new Map(), bold: new Set(), widths: new Map(), freezeRow: null,
  };
}

/** An ET sheet's values as rows from A1 ('' = empty), for comparisons. */
export function etValues(s: EtSheet): Scalar[][] {
  const out: Scalar[][] = [];
  for (const [k, c] of s.cells) {
    const p = parseAddress(k)!;
    if (c.v === '' || c.v === undefined) continue;
    (out[p.r] ??= [])[p.c] = c.v;
  }
  for (let r = 0; r < out.length; r++) {
    const row = (out[r] ??= []);
    for (let c = 0; c < row.length; c++) if (row[c] === undefined) row[c] = '';
  }
  return out;
}

/** The fill of a cell in Office.js's words, for comparing with the Office mock. */
export function etFillOf(s: EtSheet, cell: string): Fill {
  const f = s.fills.get(cell);
  if (!f || f.pattern === -4142) return { color: '#FFFFFF', pattern: 'None' };
  const name = Object.entries(PATTERN_NUM).find(([, n]) => n === f.pattern)?.[0] ?? String(f.pattern);
  return { color: bgrLongToRgbHex(f.color), pattern: name };
}

export class FakeEt {
  calls = 0;
  /** Calls by member name, to see where a budget goes. */
  byMember = new Map<string, number>();
  books: EtBook[];
  active: EtBook;
  activeSheet: Map<EtBook, string> = new Map();
  displayAlerts = true;
  screenUpdating = true;
  selection: { sheet: string; cell: string } | null = null;
  /** What GetOpenFilename answers (paths, false = cancelled); undefined = the member is missing in this build. */
  openFilename: unknown = false;
  /** Files Workbooks.Open can open: path → sheets. */
  files = new Map<string, ModelSheet[]>();
  storage = new Map<string, string>();
  quirks: EtQuirks;

  constructor(sheets: ModelSheet[], quirks: Partial<EtQuirks> = {}, name = '云峰镇.xlsx') {
    this.quirks = { flatRow: true, addressProperty: false, countMethod: false, errors: 'hresult', ...quirks };
    this.active = { name, fullName: `C:\\乡镇\\${name}`, sheets: sheets.map(etSheetOf), open: true };
    this.books = [this.active];
    const firstVisible = this.active.sheets.find((s) => s.visible === -1);
    if (firstVisible) this.activeSheet.set(this.active, firstVisible.name);
  }

  sheet(name: string, book = this.active): EtSheet | undefined {
    return book.sheets.find((s) => s.name === name);
  }

  /** The Application the host receives (typed as WPS's). */
  get app(): Et.Application {
    return this.wrap(this.application()) as unknown as Et.Application;
  }

  private wrap<T extends object>(o: T): T {
    const fx = this;
    return new Proxy(o, {
      get(t, k, r) {
        if (typeof k === 'string' && /^[A-Z]/.test(k)) {
          fx.calls++;
          fx.byMember.set(k, (fx.byMember.get(k) ?? 0) + 1);
        }
        return Reflect.get(t, k, r);
      },
      set(t, k, v, r) {
        if (typeof k === 'string' && /^[A-Z]/.test(k)) {
          fx.calls++;
          fx.byMember.set(`${k}=`, (fx.byMember.get(`${k}=`) ?? 0) + 1);
        }
        return Reflect.set(t, k, v, r);
      },
    });
  }

  private count(n: number): unknown {
    return this.quirks.countMethod ? () => n : n;
  }

  private application(): object {
    const fx = this;
    return {
      get ActiveWorkbook() { return fx.active.open ? fx.workbook(fx.active) : null; },
      get Workbooks() { return fx.workbooks(); },
      get DisplayAlerts() { return fx.displayAlerts; },
      set DisplayAlerts(v: boolean) { fx.displayAlerts = v; },
      get ScreenUpdating() { return fx.screenUpdating; },
      set ScreenUpdating(v: boolean) { fx.screenUpdating = v; },
      get ActiveWindow() { return fx.wrap(fx.window()); },
      get PluginStorage() {
        return fx.wrap({
          getItem: (k: string) => fx.storage.get(k) ?? '',
          setItem: (k: string, v: unknown) => void fx.storage.set(k, String(v)),
          removeItem: (k: string) => void fx.storage.delete(k),
        });
      },
      ...(this.openFilename === undefined ? {} : { GetOpenFilename: () => fx.openFilename }),
    };
  }

  private window(): object {
    const fx = this;
    let split = 0;
    return {
      SplitColumn: 0,
      get SplitRow() { return split; },
      set SplitRow(v: number) { split = v; },
      set FreezePanes(v: boolean) {
        const s = fx.sheet(fx.activeSheet.get(fx.active) ?? '');
        if (s && v) s.freezeRow = split;
      },
    };
  }

  private workbooks(): object {
    const fx = this;
    return this.wrap({
      get Count() { return fx.count(fx.books.filter((b) => b.open).length); },
      Item: (i: number | string) => {
        const open = fx.books.filter((b) => b.open);
        const b = typeof i === 'number' ? open[i - 1] : open.find((x) => x.name === i);
        if (!b) throw new Error('下标越界');
        return fx.workbook(b);
      },
      Open: (path: string) => {
        const sheets = fx.files.get(path);
        if (!sheets) throw new Error(`无法打开文件 ${path}`);
        const name = path.split(/[\\/]/).pop()!;
        const b: EtBook = { name, fullName: path, sheets: sheets.map(etSheetOf), open: true };
        fx.books.push(b);
        fx.active = b; // opening a workbook shows it
        const first = b.sheets.find((s) => s.visible === -1);
        if (first) fx.activeSheet.set(b, first.name);
        return fx.workbook(b);
      },
    });
  }

  private workbook(b: EtBook): object {
    const fx = this;
    return this.wrap({
      get Name() { return b.name; },
      get FullName() { return b.fullName; },
      get Worksheets() { return fx.worksheets(b); },
      get ActiveSheet() {
        const n = fx.activeSheet.get(b);
        return n ? fx.worksheet(b, n) : null;
      },
      Activate: () => { fx.active = b; },
      Close: () => {
        b.open = false;
        if (fx.active === b) fx.active = fx.books.find((x) => x.open) ?? b;
      },
    });
  }

  private worksheets(b: EtBook): object {
    const fx = this;
    return this.wrap({
      get Count() { return fx.count(b.sheets.length); },
      Item: (i: number | string) => {
        const s = typeof i === 'number' ? b.sheets[i - 1] : b.sheets.find((x) => x.name === i);
        if (!s) throw new Error('下标越界');
        return fx.worksheet(b, s.name);
      },
      Add: (before?: unknown, after?: { Name: string }) => {
        let n = b.sheets.length + 1;
        while (b.sheets.some((s) => s.name === `Sheet${n}`)) n++;
        const s: EtSheet = etSheetOf({ name: `Sheet${n}`, visibility: 'Visible', values: [], formulas: new Map(), formats: new Map(), fills: new Map(), merges: [], hiddenRows: new Set(), charts: [] });
        const at = after ? b.sheets.findIndex((x) => x.name === after.Name) + 1 : before ? b.sheets.findIndex((x) => x.name === (before as { Name: string }).Name) : 0;
        b.sheets.splice(at < 0 ? b.sheets.length : at, 0, s);
        fx.activeSheet.set(b, s.name); // a new sheet is the active one
        return fx.worksheet(b, s.name);
      },
    });
  }

  private worksheet(b: EtBook, initial: string): object {
    const fx = this;
    let name = initial;
    const me = () => {
      const s = b.sheets.find((x) => x.name === name);
      if (!s) throw new Error('对象已删除');
      return s;
    };
    return this.wrap({
      get Name() { return name; },
      set Name(v: string) {
        if (b.sheets.some((x) => x.name === v)) throw new Error('工作表名称已存在');
        const s = me();
        if (fx.activeSheet.get(b) === name) fx.activeSheet.set(b, v);
        s.name = v;
        name = v;
      },
      get Visible() { return me().visible; },
      set Visible(v: number) {
        me().visible = v;
        if (v !== -1 && fx.activeSheet.get(b) === name) fx.activeSheet.set(b, b.sheets.find((x) => x.visible === -1)?.name ?? name);
      },
      get UsedRange() { return fx.range(b, me(), fx.usedBox(me())); },
      Range: (a: string) => fx.rangeOf(b, me(), a),
      Activate: () => {
        if (me().visible !== -1) throw new Error('无法激活隐藏的工作表');
        fx.active = b;
        fx.activeSheet.set(b, name);
      },
      Delete: () => {
        if (fx.displayAlerts) throw new Error('WPS 会弹出“确定要删除工作表吗”对话框（DisplayAlerts 未关闭）');
        b.sheets = b.sheets.filter((x) => x.name !== name);
        if (fx.activeSheet.get(b) === name) fx.activeSheet.set(b, b.sheets.find((x) => x.visible === -1)?.name ?? '');
      },
      get Shapes() {
        return fx.wrap({
          AddChart: (type: number) => {
            const rec = { type, title: '', source: '' };
            me().charts.push(rec);
            return fx.wrap({
              get Chart() {
                return fx.wrap({
                  SetSourceData: (r: { Address: unknown }) => { rec.source = String(typeof r.Address === 'function' ? (r.Address as (a: boolean, b: boolean) => string)(false, false) : r.Address); },
                  HasTitle: false,
                  get ChartTitle() { return fx.wrap({ set Text(t: string) { rec.title = t; } }); },
                });
              },
            });
          },
        });
      },
    });
  }

  usedBox(s: EtSheet): Box | null {
    let box: Box | null = null;
    const add = (r: number, c: number) => {
      box = box
        ? { top: Math.min(box.top, r), left: Math.min(box.left, c), bottom: Math.max(box.bottom, r), right: Math.max(box.right, c) }
        : { top: r, left: c, bottom: r, right: c };
    };
    for (const [k, c] of s.cells) if (c.v !== '' || c.f) { const p = parseAddress(k)!; add(p.r, p.c); }
    for (const m of s.merges) { const r = parseRange(m)!; add(r.top, r.left); add(r.bottom, r.right); }
    return box;
  }

  private rangeOf(b: EtBook, s: EtSheet, a: string): object {
    const boxes = a.split(',').map((x) => parseRange(x.trim().replace(/\$/g, '')));
    if (boxes.some((x) => !x)) throw new Error(`无效的区域 ${a}`);
    return this.range(b, s, boxes[0]!, boxes.slice(1) as Box[]);
  }

  /** A range: one box (more for a multi-area range, used for writes and visible cells). box null: an empty sheet's A1. */
  private range(b: EtBook, s: EtSheet, box0: Box | null, more: Box[] = []): object {
    const fx = this;
    const box = box0 ?? { top: 0, left: 0, bottom: 0, right: 0 };
    const areas = [box, ...more];
    const h = box.bottom - box.top + 1;
    const w = box.right - box.left + 1;
    const each = (f: (r: number, c: number) => void) => {
      for (const a of areas) for (let r = a.top; r <= a.bottom; r++) for (let c = a.left; c <= a.right; c++) f(r, c);
    };
    const uniform = <T,>(f: (r: number, c: number) => T): T | null => {
      let first: T | undefined;
      let same = true;
      let seen = false;
      each((r, c) => {
        const v = f(r, c);
        if (!seen) { first = v; seen = true; } else if (v !== first) same = false;
      });
      return same ? (first as T) : null;
    };
    const shape = (f: (r: number, c: number) => unknown): unknown => {
      const rows: unknown[][] = [];
      for (let r = 0; r < h; r++) {
        const line: unknown[] = [];
        for (let c = 0; c < w; c++) line.push(f(box.top + r, box.left + c));
        rows.push(line);
      }
      if (h === 1 && w === 1) return rows[0]![0];
      if (h === 1 && fx.quirks.flatRow) return rows[0];
      return rows;
    };
    const cell = (r: number, c: number) => s.cells.get(address(r, c));
    const errOut = (v: Scalar): unknown => {
      if (typeof v === 'string' && ERR_CODES[v] && fx.quirks.errors !== 'text') return ERR_CODES[v]![fx.quirks.errors === 'cverr' ? 0 : 1];
      return v;
    };
    const mergeOf = (r: number, c: number): Box | null => {
      for (const m of s.merges) {
        const x = parseRange(m)!;
        if (r >= x.top && r <= x.bottom && c >= x.left && c <= x.right) return x;
      }
      return null;
    };
    const addr = (abs = true) => areas.map((a) => {
      const p = (r: number, c: number) => (abs ? `$${colLetters(c)}$${r + 1}` : address(r, c));
      return a.top === a.bottom && a.left === a.right ? p(a.top, a.left) : `${p(a.top, a.left)}:${p(a.bottom, a.right)}`;
    }).join(',');
    const write = (r: number, c: number, v: unknown) => {
      const k = address(r, c);
      const old = s.cells.get(k);
      const keep = old?.fmt ? { fmt: old.fmt } : {};
      if (v === null || v === undefined || v === '') s.cells.set(k, { v: '', ...keep });
      else if (typeof v === 'string' && v.startsWith("'")) s.cells.set(k, { v: v.slice(1), ...keep });
      else if (typeof v === 'string' && v.length > 1 && /^[=+\-@]/.test(v)) s.cells.set(k, { v: '#FORMULA', f: v.startsWith('=') ? v : `=${v.replace(/^@/, '')}`, ...keep });
      else s.cells.set(k, { v: v as Scalar, ...keep });
    };
    const interior = () => fx.wrap({
      get Color(): number | null { return uniform((r, c) => (s.fills.get(address(r, c)) ?? ET_NO_FILL).color); },
      set Color(v: number) {
        each((r, c) => {
          const old = s.fills.get(address(r, c)) ?? ET_NO_FILL;
          // as Excel: a colour on a cell without a pattern makes it solid
          s.fills.set(address(r, c), { color: v, pattern: old.pattern === -4142 ? 1 : old.pattern });
        });
      },
      get Pattern(): number | null { return uniform((r, c) => (s.fills.get(address(r, c)) ?? ET_NO_FILL).pattern); },
      set Pattern(v: number) {
        each((r, c) => {
          const old = s.fills.get(address(r, c)) ?? ET_NO_FILL;
          s.fills.set(address(r, c), v === -4142 ? { ...ET_NO_FILL } : { color: old.color, pattern: v });
        });
      },
      set ColorIndex(v: number) {
        if (v === -4142) each((r, c) => s.fills.delete(address(r, c)));
      },
    });
    const o: Record<string, unknown> = {
      get Row() { return box.top + 1; },
      get Column() { return box.left + 1; },
      get Rows() { return fx.wrap({ get Count() { return fx.count(h); } }); },
      get Columns() { return fx.wrap({ get Count() { return fx.count(w); } }); },
      get Value2() {
        if (!box0) return undefined;
        return shape((r, c) => {
          const x = cell(r, c);
          if (!x || x.v === '') return undefined;
          return x.f ? errOut(x.v) : x.v;
        });
      },
      set Value2(v: unknown) {
        const rows = Array.isArray(v) ? (Array.isArray(v[0]) ? (v as unknown[][]) : [v as unknown[]]) : [[v]];
        for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) write(box.top + r, box.left + c, rows[r]?.[c]);
      },
      get Formula() {
        if (!box0) return '';
        return shape((r, c) => {
          const x = cell(r, c);
          if (!x || x.v === '') return '';
          return x.f ?? (typeof x.v === 'string' ? x.v : String(x.v));
        });
      },
      get NumberFormat(): string | null { return uniform((r, c) => cell(r, c)?.fmt ?? 'General'); },
      set NumberFormat(f: string) {
        each((r, c) => {
          const k = address(r, c);
          s.cells.set(k, { ...(s.cells.get(k) ?? { v: '' }), fmt: f });
        });
      },
      get MergeCells() { return uniform((r, c) => mergeOf(r, c) !== null); },
      get MergeArea() {
        const m = mergeOf(box.top, box.left);
        return fx.range(b, s, m ?? { top: box.top, left: box.left, bottom: box.top, right: box.left });
      },
      SpecialCells: (type: number) => {
        if (type !== 12) throw new Error(`SpecialCells ${type} 未模拟`);
        const runs: Box[] = [];
        let start = -1;
        for (let r = box.top; r <= box.bottom + 1; r++) {
          const visible = r <= box.bottom && !s.hiddenRows.has(r);
          if (visible && start < 0) start = r;
          if (!visible && start >= 0) {
            runs.push({ top: start, left: box.left, bottom: r - 1, right: box.right });
            start = -1;
          }
        }
        if (!runs.length) throw new Error('没有找到单元格');
        return fx.range(b, s, runs[0]!, runs.slice(1));
      },
      get Areas() {
        return fx.wrap({
          get Count() { return fx.count(areas.length); },
          Item: (i: number) => fx.range(b, s, areas[i - 1]!),
        });
      },
      get Interior() { return interior(); },
      get Font() {
        return fx.wrap({
          set Bold(v: boolean) { each((r, c) => (v ? s.bold.add(address(r, c)) : s.bold.delete(address(r, c)))); },
          Size: 11,
        });
      },
      WrapText: false,
      set ColumnWidth(v: number) { s.widths.set(box.left, v); },
      get Validation() {
        return fx.wrap({
          Delete: () => undefined,
          Add: (_t: number, _a: number, _o: number, list: string) => { s.validations.set(addr(false), list); },
        });
      },
      Select: () => {
        if (fx.active !== b || fx.activeSheet.get(b) !== s.name) throw new Error('Range 类的 Select 方法无效（工作表未激活）');
        fx.selection = { sheet: s.name, cell: addr(false) };
      },
    };
    if (this.quirks.addressProperty) Object.defineProperty(o, 'Address', { get: () => addr(), enumerable: true });
    else o.Address = (rowAbs = true, colAbs = true) => addr(rowAbs !== false || colAbs !== false);
    return this.wrap(o);
  }
}
