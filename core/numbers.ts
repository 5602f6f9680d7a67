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

/**
 * An amount (万元) in the units sums are made in: 1e-6 万元 (0.01 元), an integer, so that sums keep binary noise out
 * and do not depend on the order of the additions. 0 for anything but a finite number.
 */
export function toSumUnits(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 1e6) : 0;
}

/** Sum that keeps binary noise out of amounts: sums in the units of toSumUnits. */
export function sumAmounts(values: Iterable<number | null | undefined>): number {
  let acc = 0;
  if (Array.isArray(values)) {
    for (let i = 0; i < values.length; i++) acc += toSumUnits(values[i]);
    return acc / 1e6;
  }
  for (const v of values) acc += toSumUnits(v);
  return acc / 1e6;
}

/** sumAmounts of one key of each row (no list of the values made first). */
export function sumAmountsOf(rows: readonly Record<string, unknown>[], key: string): number {
  let acc = 0;
  for (let i = 0; i < rows.length; i++) acc += toSumUnits(rows[i]![key]);
  return acc / 1e6;
}

/**
 * `v` as Intl's en-US number format writes it (`v.toLocaleString('en-US', { minimumFractionDigits, maximumFractionDigits })`):
 * thousands separators, rounded half away from zero on the number's shortest decimal form (what ICU rounds), trailing
 * zeros dropped down to `minFrac`; 「-0」 for a negative that rounds to zero, 「NaN」, 「∞」. Without Intl: its first use in a
 * process loads ICU's number data (~25 ms and ~6 MB of memory, in the CLI's read worker and again in its main
 * thread's memory), for text that is always this. test/unit/format-number.test.ts holds it to Intl.
 */
export function formatEnUs(v: number, minFrac: number, maxFrac: number): string {
  if (Number.isNaN(v)) return 'NaN';
  const negative = v < 0 || Object.is(v, -0);
  const sign = negative ? '-' : '';
  if (!Number.isFinite(v)) return `${sign}∞`;
  // the shortest digits that give back `v`, and where the decimal point goes: d.ddd × 10^exp
  const [mantissa, e] = Math.abs(v).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exp = Number(e);
  let int: string;
  let frac: string;
  if (exp >= 0) {
    int = digits.length > exp + 1 ? digits.slice(0, exp + 1) : digits + '0'.repeat(exp + 1 - digits.length);
    frac = digits.slice(exp + 1);
  } else {
    int = '0';
    frac = '0'.repeat(-exp - 1) + digits;
  }
  if (frac.length > maxFrac) {
    const up = frac.charCodeAt(maxFrac) >= 53; // '5'
    frac = frac.slice(0, maxFrac);
    if (up) {
      // add one in the last kept place, carrying into the integer part
      const all = (int + frac).split('');
      let i = all.length - 1;
      while (i >= 0 && all[i] === '9') all[i--] = '0';
      if (i >= 0) all[i] = String(Number(all[i]) + 1);
      else all.unshift('1');
      const cut = all.length - frac.length;
      int = all.slice(0, cut).join('');
      frac = all.slice(cut).join('');
    }
  }
  let end = frac.length;
  while (end > minFrac && frac.charCodeAt(end - 1) === 48) end--;
  frac = frac.slice(0, end) + '0'.repeat(Math.max(0, minFrac - end));
  let grouped = '';
  for (let i = int.length; i > 0; i -= 3) grouped = int.slice(Math.max(0, i - 3), i) + (grouped ? `,${grouped}` : '');
  return `${sign}${grouped}${frac ? `.${frac}` : ''}`;
}
