/// <reference types="et-jsapi-declare" />
/**
 * Small pure helpers for WPS 表格's ET object model (typed by et-jsapi-declare): the field quirks in one place, so the
 * host reads like VBA and the tests can hold each quirk.
 *
 * - Members that are properties in one WPS build and methods in another (Range.Address, Range.Value, Count, Text …):
 *   `member()` reads either.
 * - `Value2` / `Formula` of one cell is a scalar, of one row may be a flat array, of a block an array of rows; an old
 *   Windows build may hand over a VBArray-style SafeArray (column-major): `to2D()` gives rows × columns in every case.
 * - Error values may arrive as the error's text ('#DIV/0!') or as a CVErr number (2007, or the COM HRESULT
 *   -2146826281): `errorText()` names them.
 * - Interior.Color is a BGR long (0xBBGGRR), not '#RRGGBB': `bgrToHex()` / `hexToBgr()`.
 * - Interior.Pattern is an XlPattern number; the marks' record keeps Office.js's words so that a workbook marked in one
 *   program is cleared in the other: `patternName()` / `patternNumber()`.
 * - Enums are not reachable at run time (et-jsapi-declare declares them ambiently; `wps.Enum` is missing in some
 *   builds): the few numbers used are spelt out here.
 */

export const XL = {
  sheetVisible: -1,
  sheetHidden: 0,
  sheetVeryHidden: 2,
  cellTypeVisible: 12,
  patternNone: -4142,
  patternSolid: 1,
  colorIndexNone: -4142,
  validateList: 3,
  validAlertStop: 1,
  between: 1,
  columnClustered: 51,
  columns: 2,
} as const;

/** A member that is a property in some builds and a method in others: the value either way. */
export function member<T>(obj: object, name: string, ...args: unknown[]): T {
  const m = (obj as Record<string, unknown>)[name];
  return (typeof m === 'function' ? (m as (...a: unknown[]) => unknown).apply(obj, args) : m) as T;
}

/** Value2 / Formula of a rows × cols range → rows × cols, whatever shape this build returned. */
export function to2D(v: unknown, rows: number, cols: number): unknown[][] {
  if (rows <= 0 || cols <= 0) return [];
  // a VBArray-style SafeArray (IE-era bridge): toArray() flattens it column-major
  if (v && typeof v === 'object' && !Array.isArray(v) && typeof (v as { toArray?: unknown }).toArray === 'function') {
    const flat = (v as { toArray: () => unknown[] }).toArray();
    const out: unknown[][] = [];
    for (let r = 0; r < rows; r++) {
      const line: unknown[] = new Array(cols);
      for (let c = 0; c < cols; c++) line[c] = flat[c * rows + r];
      out.push(line);
    }
    return out;
  }
  if (!Array.isArray(v)) return [[v]]; // one cell: a scalar
  if (v.length > 0 && v.every((x) => Array.isArray(x))) return v as unknown[][];
  // a flat array: one row, one column, or a block flattened row by row
  if (rows === 1) return [v];
  if (cols === 1) return v.map((x) => [x]);
  const out: unknown[][] = [];
  for (let r = 0; r < rows; r++) out.push(v.slice(r * cols, r * cols + cols));
  return out;
}

const CVERR: Record<number, string> = {
  2000: '#NULL!', 2007: '#DIV/0!', 2015: '#VALUE!', 2023: '#REF!', 2029: '#NAME?', 2036: '#NUM!', 2042: '#N/A',
  [-2146826288]: '#NULL!', [-2146826281]: '#DIV/0!', [-2146826273]: '#VALUE!', [-2146826265]: '#REF!',
  [-2146826259]: '#NAME?', [-2146826252]: '#NUM!', [-2146826246]: '#N/A',
};

/** The error text of a formula cell's Value2, when it is a CVErr number (else the value unchanged). */
export function errorText(v: unknown): unknown {
  return typeof v === 'number' && CVERR[v] !== undefined ? CVERR[v] : v;
}

/** Interior.Color (BGR long) → '#RRGGBB'. */
export function bgrToHex(bgr: unknown): string {
  const n = Number(bgr);
  if (!Number.isFinite(n) || n < 0) return '';
  const r = n & 0xff;
  const g = (n >> 8) & 0xff;
  const b = (n >> 16) & 0xff;
  return `#${[r, g, b].map((x) => x.toString(16).padStart(2, '0')).join('').toUpperCase()}`;
}

/** '#RRGGBB' → Interior.Color (BGR long). */
export function hexToBgr(hex: string): number {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) return 0xffffff;
  return parseInt(m[1]!, 16) + parseInt(m[2]!, 16) * 256 + parseInt(m[3]!, 16) * 65536;
}

/** XlPattern numbers ↔ Office.js FillPattern words (the same enumeration under two spellings). */
const PATTERNS: [string, number][] = [
  ['None', -4142], ['Solid', 1], ['Gray50', -4125], ['Gray75', -4126], ['Gray25', -4124], ['Horizontal', -4128],
  ['Vertical', -4166], ['Down', -4121], ['Up', -4162], ['Checker', 9], ['SemiGray75', 10], ['LightHorizontal', 11],
  ['LightVertical', 12], ['LightDown', 13], ['LightUp', 14], ['Grid', 15], ['CrissCross', 16], ['Gray16', 17],
  ['Gray8', 18], ['LinearGradient', 4000], ['RectangularGradient', 4001],
];

export function patternName(n: unknown): string {
  const hit = PATTERNS.find(([, v]) => v === Number(n));
  return hit ? hit[0] : String(n ?? 'None');
}

export function patternNumber(name: string): number {
  const hit = PATTERNS.find(([w]) => w === name);
  return hit ? hit[1] : Number.isFinite(Number(name)) ? Number(name) : XL.patternSolid;
}

/** Splits A1 addresses into comma-joined lists short enough for Range("A1,B3,…") (255 characters in Excel and ET). */
export function addressChunks(cells: string[], max = 250): string[] {
  const out: string[] = [];
  let cur = '';
  for (const c of cells) {
    if (cur && cur.length + 1 + c.length > max) {
      out.push(cur);
      cur = '';
    }
    cur = cur ? `${cur},${c}` : c;
  }
  if (cur) out.push(cur);
  return out;
}
