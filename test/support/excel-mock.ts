/// <reference types="office-js" />
/**
 * A fake Excel workbook for the add-in's Office.js code, built on office-addin-mock: every object the code loads is an
 * OfficeMockObject, so reading a property that was not loaded and synced gives office-addin-mock's error value, as in
 * Excel. What the mock lacks is added here: the workbook model behind the objects (cells, formats, fills, merges,
 * hidden rows, sheets), writes queued and applied at sync as Excel does, and a count of context.sync() calls.
 *
 * `new FakeExcel(sheets, minor)` plays an Excel that has ExcelApi 1.1 … 1.<minor> only (Excel 2016 = 1, Office 2019
 * = 8, Office 2021 = 14): the members above that level are absent, as they are in the older Excel (calling one throws
 * a TypeError), and isSetSupported answers for that level. The default is every member.
 */
import { OfficeMockObject } from 'office-addin-mock';
import { address, colLetters, parseRange } from '../../core/grid';
import type { SheetHost } from '../../addin/ops/host';
import { officeHost } from '../../addin/office/office-host';

export type Scalar = string | number | boolean;

export interface Fill {
  color: string;
  pattern: string;
}

export interface ModelSheet {
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden';
  /** values[r][c] from A1; '' = empty. */
  values: Scalar[][];
  formulas: Map<string, string>;
  formats: Map<string, string>;
  fills: Map<string, Fill>;
  merges: string[];
  hiddenRows: Set<number>;
  charts: string[];
}

export const NO_FILL: Fill = { color: '#FFFFFF', pattern: 'None' };

export function newSheet(name: string, rows: Scalar[][] = [], visibility: ModelSheet['visibility'] = 'Visible'): ModelSheet {
  return { name, visibility, values: rows.map((r) => [...r]), formulas: new Map(), formats: new Map(), fills: new Map(), merges: [], hiddenRows: new Set(), charts: [] };
}

/** ExcelApi minor version that brings each member the mock knows (Office.js reference, `[Api set: …]`). */
export const MEMBER_LEVEL = {
  getUsedRangeValuesOnly: 2, setVisibility: 2, getResizedRange: 2, columnWidth: 2, getVisibleView: 3,
  getUsedRangeOrNullObject: 4, getItemOrNullObject: 4,
  getRangeByIndexes: 7, freezePanes: 7, onChanged: 7,
  dataValidation: 8, getSpecialCellsOrNullObject: 9, fillPattern: 9, getMergedAreasOrNullObject: 13,
} as const;

export class FakeExcel {
  syncs = 0;
  /** Handlers added with Worksheet.onChanged, by sheet name. */
  changeHandlers = new Map<string, ((e: { worksheetId: string; address: string; changeType: string; source: string }) => Promise<unknown> | unknown)[]>();
  sheets: ModelSheet[];
  private pending: (() => void)[] = [];
  private mocks: OfficeMockObject[] = [];
  /** Largest number of cells one sync read (values of the blocks loaded), to see the reads split. */
  cellsRead: number[] = [];
  private readThisSync = 0;
  /** The cell last selected (Range.select). */
  selected: { sheet: string; cell: string } | null = null;

  constructor(sheets: ModelSheet[], readonly minor = 99) {
    this.sheets = sheets;
  }

  /** Office.context.requirements.isSetSupported as this Excel answers it. */
  isSetSupported = (name: string, version?: string): boolean => {
    if (name !== 'ExcelApi') return false;
    const m = /^1\.(\d+)$/.exec(version ?? '1.1');
    return !!m && Number(m[1]) <= this.minor;
  };

  private has(member: keyof typeof MEMBER_LEVEL): boolean {
    return MEMBER_LEVEL[member] <= this.minor;
  }

  /** Drops the members this Excel does not have. */
  private trim<T extends object>(o: T, members: Partial<Record<keyof T, keyof typeof MEMBER_LEVEL>>): T {
    for (const [k, m] of Object.entries(members)) if (!this.has(m as keyof typeof MEMBER_LEVEL)) delete (o as Record<string, unknown>)[k];
    return o;
  }

  /** A clerk's edit as Excel reports it: the sheet's onChanged handlers run (after the edit is in the model). */
  async fireChange(sheet: string, address: string): Promise<void> {
    for (const h of this.changeHandlers.get(sheet) ?? []) await h({ worksheetId: `{id-${sheet}}`, address, changeType: 'RangeEdited', source: 'Local' });
  }

  sheet(name: string): ModelSheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  /** The RequestContext the code under test receives. */
  get context(): Excel.RequestContext {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const fx = this;
    const workbook = {
      get worksheets() {
        return fx.worksheets();
      },
    };
    return { workbook, sync: () => fx.sync() } as unknown as Excel.RequestContext;
  }

  /** The Office.js host over this fake's context, as the pane hands it to the operations. */
  get host(): SheetHost {
    return officeHost(this.context);
  }

  async sync(): Promise<void> {
    this.syncs++;
    const writes = this.pending;
    this.pending = [];
    const mocks = this.mocks;
    this.mocks = [];
    for (const m of mocks) await m.sync();
    await new Promise((r) => setImmediate(r));
    for (const w of writes) w();
    this.cellsRead.push(this.readThisSync);
    this.readThisSync = 0;
  }

  private mock<T extends object>(data: Record<string, unknown>, methods: T): OfficeMockObject & T {
    const m = new OfficeMockObject(data) as OfficeMockObject & T;
    Object.assign(m, methods);
    this.mocks.push(m);
    return m;
  }

  private worksheets() {
    const items = this.sheets.map((s) => ({ name: s.name, visibility: s.visibility }));
    const ws = this.mock({ items }, this.trim({
      getItem: (name: string) => this.worksheet(name),
      getItemOrNullObject: (name: string) => this.worksheet(name, true),
      add: (name: string) => {
        this.pending.push(() => {
          if (this.sheet(name)) throw new Error(`sheet exists: ${name}`);
          this.sheets.push(newSheet(name));
        });
        return this.worksheet(name);
      },
    }, { getItemOrNullObject: 'getItemOrNullObject' }));
    // collections: office-addin-mock cannot navigate into an array, so load the items as a whole
    const load = OfficeMockObject.prototype.load;
    (ws as unknown as { load: (p: unknown) => unknown }).load = () => load.call(ws, 'items');
    return ws;
  }

  private worksheet(name: string, orNull = false) {
    const s = this.sheet(name);
    const sheetOf = () => {
      const x = this.sheet(name);
      if (!x) throw new Error(`no sheet ${name}`);
      return x;
    };
    return this.mock(
      { name, visibility: s?.visibility ?? 'Visible' },
      this.trim({
        isNullObject: orNull && !s,
        getUsedRangeOrNullObject: (valuesOnly?: boolean) => this.usedRange(name, true, valuesOnly),
        getUsedRange: (valuesOnly?: boolean) => {
          if (valuesOnly !== undefined && !this.has('getUsedRangeValuesOnly')) throw new TypeError('getUsedRange(valuesOnly) needs ExcelApi 1.2');
          return this.usedRange(name, false, valuesOnly);
        },
        getRange: (a: string) => this.range(name, parseRange(a)!),
        getRangeByIndexes: (r: number, c: number, h: number, w: number) => this.range(name, { top: r, left: c, bottom: r + h - 1, right: c + w - 1 }),
        delete: () => this.pending.push(() => (this.sheets = this.sheets.filter((x) => x.name !== name))),
        activate: () => undefined,
        set: (p: { visibility?: ModelSheet['visibility'] }) => {
          if (p.visibility && !this.has('setVisibility')) throw new TypeError('setting Worksheet.visibility needs ExcelApi 1.2');
          this.pending.push(() => { if (p.visibility) sheetOf().visibility = p.visibility; });
        },
        freezePanes: { freezeRows: () => undefined },
        onChanged: {
          add: (h: (e: { worksheetId: string; address: string; changeType: string; source: string }) => unknown) => {
            const list = this.changeHandlers.get(name) ?? [];
            list.push(h);
            this.changeHandlers.set(name, list);
            return { remove: () => list.splice(list.indexOf(h), 1) };
          },
        },
        charts: {
          add: (type: string) => {
            this.pending.push(() => sheetOf().charts.push(type));
            return { set: () => undefined, setPosition: () => undefined };
          },
        },
      }, { getUsedRangeOrNullObject: 'getUsedRangeOrNullObject', getRangeByIndexes: 'getRangeByIndexes', freezePanes: 'freezePanes', onChanged: 'onChanged' }),
    );
  }

  private extent(s: ModelSheet): { bottom: number; right: number } | null {
    let bottom = -1;
    let right = -1;
    s.values.forEach((row, r) => {
      for (let c = row.length - 1; c >= 0; c--) {
        if (row[c] !== '' && row[c] !== undefined && row[c] !== null) {
          bottom = r;
          if (c > right) right = c;
          break;
        }
      }
    });
    return bottom < 0 ? null : { bottom, right };
  }

  private usedRange(name: string, orNull: boolean, _valuesOnly?: boolean) {
    const s = this.sheet(name)!;
    const e = this.extent(s);
    // getUsedRange on a blank sheet: "will return the top left cell (i.e. it will *not* throw an error)" (the docs)
    const box = e ? { top: 0, left: 0, bottom: e.bottom, right: e.right } : { top: 0, left: 0, bottom: 0, right: 0 };
    const r = this.range(name, box);
    if (!e && orNull) (r as unknown as { isNullObject: boolean }).isNullObject = true;
    return r;
  }

  private rangeAddress(name: string, b: { top: number; left: number; bottom: number; right: number }): string {
    const a = address(b.top, b.left);
    const z = address(b.bottom, b.right);
    return `${name}!${a === z ? a : `${a}:${z}`}`;
  }

  private range(name: string, b: { top: number; left: number; bottom: number; right: number }) {
    const s = this.sheet(name);
    const h = b.bottom - b.top + 1;
    const w = b.right - b.left + 1;
    const grab = <T,>(f: (r: number, c: number) => T): T[][] => {
      const out: T[][] = new Array(h);
      for (let r = 0; r < h; r++) {
        const line: T[] = new Array(w);
        for (let c = 0; c < w; c++) line[c] = f(b.top + r, b.left + c);
        out[r] = line;
      }
      return out;
    };
    const cellValue = (r: number, c: number): Scalar => s?.values[r]?.[c] ?? '';
    // values, formulas and formats are computed only when loaded (a 10,000-row used range is not copied per object)
    const lazy = { values: [] as Scalar[][], formulas: [] as Scalar[][], numberFormat: [] as string[][] };
    const fill = s?.fills.get(address(b.top, b.left)) ?? NO_FILL;
    const rangeObj = this.mock(
      {
        address: this.rangeAddress(name, b), rowCount: h, columnCount: w,
        values: lazy.values, formulas: lazy.formulas, numberFormat: lazy.numberFormat,
        format: { fill: { color: fill.color, pattern: fill.pattern } },
      },
      {
        isNullObject: false,
        getCell: (r: number, c: number) => this.trim({
          getResizedRange: (dr: number, dc: number) =>
            this.range(name, { top: b.top + r, left: b.left + c, bottom: b.top + r + dr, right: b.left + c + dc }),
        }, { getResizedRange: 'getResizedRange' }),
        getMergedAreasOrNullObject: () => {
          const list = (s?.merges ?? []).map((m) => `${name}!${m}`);
          return this.mock({ address: list.join(', ') }, { isNullObject: list.length === 0 });
        },
        getSpecialCellsOrNullObject: (type: string) => {
          if (type !== 'Visible') throw new Error(`special cells ${type} not mocked`);
          const runs: string[] = [];
          let start = -1;
          for (let r = b.top; r <= b.bottom + 1; r++) {
            const visible = r <= b.bottom && !s?.hiddenRows.has(r);
            if (visible && start < 0) start = r;
            if (!visible && start >= 0) {
              runs.push(`${name}!${colLetters(b.left)}${start + 1}:${colLetters(b.right)}${r}`);
              start = -1;
            }
          }
          return this.mock({ address: runs.join(',') }, { isNullObject: runs.length === 0 });
        },
        set: (p: { values?: Scalar[][]; numberFormat?: string[][] }) => {
          this.pending.push(() => {
            const t = this.sheet(name)!;
            for (let r = 0; r < h; r++) {
              for (let c = 0; c < w; c++) {
                const rr = b.top + r;
                const cc = b.left + c;
                if (p.values) {
                  const v = p.values[r]![c];
                  const key = address(rr, cc);
                  t.formulas.delete(key);
                  if (typeof v === 'string' && v.startsWith("'")) {
                    // as Excel: a leading apostrophe is the cell's quote prefix, the rest is the text
                    (t.values[rr] ??= [])[cc] = v.slice(1);
                  } else if (typeof v === 'string' && /^[=+\-@]/.test(v) && v.length > 1) {
                    // as Excel (Range.values docs): a string starting with '=', '+' or '-' (or '@') is taken as a formula
                    t.formulas.set(key, v.replace(/^[=@]/, ''));
                    (t.values[rr] ??= [])[cc] = '#FORMULA';
                  } else {
                    (t.values[rr] ??= [])[cc] = v === null || v === undefined ? '' : v;
                  }
                }
                if (p.numberFormat) t.formats.set(address(rr, cc), p.numberFormat[r]![c]!);
              }
            }
          });
        },
        select: () => this.pending.push(() => (this.selected = { sheet: name, cell: address(b.top, b.left) })),
        getVisibleView: () => {
          // RangeView.cellAddresses: the addresses of the visible cells, row by row
          const rows: string[][] = [];
          for (let r = b.top; r <= b.bottom; r++) {
            if (s?.hiddenRows.has(r)) continue;
            const line: string[] = [];
            for (let c = b.left; c <= b.right; c++) line.push(`${name}!${address(r, c)}`);
            rows.push(line);
          }
          return this.mock({ cellAddresses: rows }, {});
        },
      },
    );
    this.trim(rangeObj as unknown as Record<string, unknown>, { getMergedAreasOrNullObject: 'getMergedAreasOrNullObject', getSpecialCellsOrNullObject: 'getSpecialCellsOrNullObject', getVisibleView: 'getVisibleView' });
    // fill the arrays at load time only
    const load = rangeObj.load.bind(rangeObj);
    (rangeObj as unknown as { load: (p: unknown) => unknown }).load = (p: unknown) => {
      const props = typeof p === 'string' ? p : '';
      if (/values|formulas|numberFormat/.test(props)) {
        lazy.values.push(...grab(cellValue));
        lazy.formulas.push(...grab((r, c) => { const f = s?.formulas.get(address(r, c)); return f ? `=${f}` : cellValue(r, c); }));
        lazy.numberFormat.push(...grab((r, c) => s?.formats.get(address(r, c)) ?? 'General'));
        this.readThisSync += h * w;
      }
      return load(p as string);
    };
    const fmt = (rangeObj as any).format as Record<string, unknown> & { fill: Record<string, unknown> };
    const fillObj = fmt.fill;
    if (!this.has('fillPattern')) {
      // RangeFill.pattern is ExcelApi 1.9: an older Excel rejects loading it
      delete fillObj.pattern;
      const fillLoad = (fillObj.load as (p: string) => unknown).bind(fillObj);
      fillObj.load = (p: string) => {
        if (/pattern/.test(String(p))) throw new TypeError('RangeFill.pattern needs ExcelApi 1.9');
        return fillLoad(p);
      };
    }
    fillObj.set = (p: Partial<Fill>) => this.pending.push(() => {
      const t = this.sheet(name)!;
      for (let r = b.top; r <= b.bottom; r++) for (let c = b.left; c <= b.right; c++) {
        const a = address(r, c);
        const old = t.fills.get(a) ?? NO_FILL;
        t.fills.set(a, { color: p.color ?? old.color, pattern: p.pattern ?? (old.pattern === 'None' ? 'Solid' : old.pattern) });
      }
    });
    fillObj.clear = () => this.pending.push(() => {
      const t = this.sheet(name)!;
      for (let r = b.top; r <= b.bottom; r++) for (let c = b.left; c <= b.right; c++) t.fills.delete(address(r, c));
    });
    fmt.set = (p: { columnWidth?: number }) => {
      if (p.columnWidth !== undefined && !this.has('columnWidth')) throw new TypeError('RangeFormat.columnWidth needs ExcelApi 1.2');
    };
    if (this.has('dataValidation')) (rangeObj as unknown as Record<string, unknown>).dataValidation = { set: () => undefined };
    return rangeObj;
  }
}
