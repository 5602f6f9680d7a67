/** Report dates as officials write them, and 序时进度. Dates are plain 'YYYY-MM-DD' strings (no time zone games). */
import { toHalfWidth } from './text';

export function isoDate(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function parseIso(s: string): { y: number; m: number; d: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return isoDate(y, mo, d) ? { y, m: mo, d } : null;
}

/** A Date cell read from a workbook (exceljs gives UTC midnight) as YYYY-MM-DD. */
export function dateCellIso(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export interface FoundDate {
  date: string;
  /** 3: after 截至/截止; 2: a full date; 1: a month end from 「N月底」「1-N月」. */
  strength: number;
}

const FULL_CN = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?/g;
const FULL_SEP = /(\d{4})\s*[.\-/]\s*(\d{1,2})\s*[.\-/]\s*(\d{1,2})(?!\d)/g;
const MONTH_RANGE = /(?:(\d{4})\s*年\s*)?1\s*-\s*(\d{1,2})\s*月/g;
const MONTH_END = /(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(?:份)?\s*[底末]/g;

/**
 * Dates in a text, strongest first: 「截至2015年10月31日」, 「（2015.10.31）」, 「2015-10-31」, 「2015年10月底」,
 * 「1-10月」 (the month's last day, year from defaultYear).
 */
export function findDates(text: string, defaultYear: number | null): FoundDate[] {
  const s = toHalfWidth(text).replace(/[—–－~～]/g, '-');
  const out: FoundDate[] = [];
  const after = (idx: number) => /(截至|截止|截止到|截止至|至|到)\s*$/.test(s.slice(Math.max(0, idx - 4), idx));
  for (const re of [FULL_CN, FULL_SEP]) {
    re.lastIndex = 0;
    for (let m = re.exec(s); m; m = re.exec(s)) {
      const d = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
      if (d) out.push({ date: d, strength: after(m.index) ? 3 : 2 });
    }
  }
  if (out.length === 0) {
    for (const re of [MONTH_END, MONTH_RANGE]) {
      re.lastIndex = 0;
      for (let m = re.exec(s); m; m = re.exec(s)) {
        const y = m[1] ? Number(m[1]) : defaultYear;
        const mo = Number(m[2]);
        if (y === null || mo < 1 || mo > 12) continue;
        const d = isoDate(y, mo, daysInMonth(y, mo));
        if (d) out.push({ date: d, strength: 1 });
      }
    }
  }
  return out.sort((a, b) => b.strength - a.strength);
}

/** A date in a file name: 20151031, 2015-10-31, 2015.10.31, 2015年10月31日. */
export function dateFromFileName(name: string): string | null {
  const compact = /(?:^|\D)(\d{4})(\d{2})(\d{2})(?!\d)/.exec(name);
  if (compact) {
    const d = isoDate(Number(compact[1]), Number(compact[2]), Number(compact[3]));
    if (d) return d;
  }
  const found = findDates(name, null).filter((f) => f.strength >= 2);
  return found.length ? found[0].date : null;
}

/**
 * 序时进度 at the report date: N/12 on the last day of month N, else the share of the year's days elapsed
 * (the as-of day counted).
 */
export function timeProgress(asOf: string): number {
  const p = parseIso(asOf);
  if (!p) throw new Error(`bad date ${asOf}`);
  if (p.d === daysInMonth(p.y, p.m)) return p.m / 12;
  const start = Date.UTC(p.y, 0, 1);
  const day = (Date.UTC(p.y, p.m - 1, p.d) - start) / 86400000 + 1;
  const yearDays = (Date.UTC(p.y + 1, 0, 1) - start) / 86400000;
  return day / yearDays;
}

export function daysBetween(a: string, b: string): number {
  const pa = parseIso(a);
  const pb = parseIso(b);
  if (!pa || !pb) return 0;
  return Math.round((Date.UTC(pb.y, pb.m - 1, pb.d) - Date.UTC(pa.y, pa.m - 1, pa.d)) / 86400000);
}
