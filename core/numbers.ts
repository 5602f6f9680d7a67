import { CellValue, GridCell, isCellError } from './grid';
import { toHalfWidth } from './text';

export type ParsedNumber =
  | { kind: 'empty' }
  | { kind: 'number'; value: number; percent: boolean; unit: string | null }
  | { kind: 'text'; text: string }
  | { kind: 'error'; error: string }
  | { kind: 'noResult' };

/** What officials write for "nothing" in a number cell. */
const EMPTY_MARKS = new Set(['', '-', '--', '—', '——', '/', '／', '\\', '无', '暂无', '空', 'null', 'n/a', 'na']);

/** 12,500 · 1,2500 · -3.5 · .5 · 1.2e3 (with optional sign). */
const NUMBER_RE = /^([+-]?)(\d+(?:,\d+)*(?:\.\d*)?|\.\d+)(?:e([+-]?\d+))?$/i;

/**
 * Parses a cell as a number the way an official means it: text numbers with separators, full-width digits,
 * percent text, a trailing unit (「1200万元」), the usual marks for "none" (—, /, 无).
 * The caller decides what a percent or a unit means for its field.
 */
export function parseNumber(cell: GridCell | undefined, knownUnits: readonly string[] = []): ParsedNumber {
  if (!cell) return { kind: 'empty' };
  if (cell.noResult) return { kind: 'noResult' };
  if (cell.percent && typeof cell.value === 'number' && Number.isFinite(cell.value)) {
    // what the user sees: 0.58 formatted as % reads 58%, the same as the text 「58%」
    return { kind: 'number', value: round(cell.value * 100, 10), percent: true, unit: null };
  }
  return parseNumberValue(cell.value, knownUnits);
}

export function parseNumberValue(v: CellValue, knownUnits: readonly string[] = []): ParsedNumber {
  if (v === null || v === undefined) return { kind: 'empty' };
  if (typeof v === 'number') {
    return Number.isFinite(v) ? { kind: 'number', value: v, percent: false, unit: null } : { kind: 'text', text: String(v) };
  }
  if (isCellError(v)) return { kind: 'error', error: v.error };
  if (typeof v === 'boolean') return { kind: 'text', text: v ? 'TRUE' : 'FALSE' };
  if (v instanceof Date) return { kind: 'text', text: v.toISOString().slice(0, 10) };
  const raw = v;
  let s = toHalfWidth(raw).replace(/[\s\u00a0]+/g, '');
  if (EMPTY_MARKS.has(s.toLowerCase())) return { kind: 'empty' };
  // Chinese thousands separator and the ideographic full stop used as a decimal point by some IMEs.
  s = s.replace(/，/g, ',').replace(/。/g, '.').replace(/[−–—]/g, '-');
  let percent = false;
  let unit: string | null = null;
  if (s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1);
  } else {
    for (const u of knownUnits) {
      if (u && s.endsWith(u) && s.length > u.length) {
        unit = u;
        s = s.slice(0, -u.length);
        break;
      }
    }
  }
  const m = NUMBER_RE.exec(s);
  if (!m) return { kind: 'text', text: raw };
  const value = Number(`${m[1]}${m[2].replace(/,/g, '')}${m[3] !== undefined ? `e${m[3]}` : ''}`);
  if (!Number.isFinite(value)) return { kind: 'text', text: raw };
  return { kind: 'number', value, percent, unit };
}

/** Rounds to a fixed number of decimals without binary noise (0.1 + 0.2 → 0.3). */
export function round(value: number, decimals = 4): number {
  const f = 10 ** decimals;
  return Math.round((value + Number.EPSILON * Math.sign(value)) * f) / f;
}

/** Sum that keeps binary noise out of amounts: sums in units of 1e-6 万元 (0.01 元). */
export function sumAmounts(values: Iterable<number | null | undefined>): number {
  let acc = 0;
  if (Array.isArray(values)) {
    for (let i = 0; i < values.length; i++) {
      const v: unknown = values[i];
      if (typeof v === 'number' && Number.isFinite(v)) acc += Math.round(v * 1e6);
    }
    return acc / 1e6;
  }
  for (const v of values) if (typeof v === 'number' && Number.isFinite(v)) acc += Math.round(v * 1e6);
  return acc / 1e6;
}
