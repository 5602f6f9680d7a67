/**
 * exceljs's column-letter cache (exceljs/lib/utils/col-cache.js) with a quick road for the usual arguments.
 *
 * exceljs turns a column number into letters (n2l) and back (l2n) through two dictionaries that its `_fill` builds
 * whole, all 16,384 columns at once, the first time a column beyond Z or ZZ is asked for. A workbook with a defined
 * name (a print area, a filter range) asks for one while it is read (defined-name-xform → decodeEx → n2l), so every
 * thread paid ~45 ms of cold code for that table before its first file was read (issue #13's county profile).
 *
 * The quick road answers an integer from 1 to 16,384, or 1 to 3 capital letters naming such a column, by arithmetic
 * and keeps that one entry in exceljs's own dictionaries (the entry `_fill` would write there, so a later `_fill`
 * writes the same value again). NaN or a fraction in range (decodeEx of a rows-only range, $1:$3, asks for the column
 * of no column), which exceljs answers with undefined after building the whole table, is answered without building
 * it. Every other argument (0, 16,385, '3', 'AAAA', 'XFE', 'a', a non-string…) goes
 * to exceljs's own function, which answers or throws as it always did. The cache object is shared by everything in a
 * thread that uses exceljs (the summary writer too), so the answers must be exactly exceljs's:
 * test/io/col-cache.test.ts compares them with an untouched copy over every column and the odd arguments.
 */

/* eslint-disable @typescript-eslint/no-require-imports */

interface ColCache {
  _n2l: string[];
  _l2n: Record<string, number>;
  n2l(n: unknown): string;
  l2n(l: unknown): number;
  [quick]?: true;
}

const quick = Symbol('xcs.quickColumns');
const MAX_COL = 16384;

/** The letters of column n (1 ≤ n ≤ 16,384, an integer): A … Z, AA … ZZ, AAA … XFD. */
export function columnLetters(n: number): string {
  let s = '';
  let v = n;
  while (v > 0) {
    const r = (v - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    v = (v - 1 - r) / 26;
  }
  return s;
}

/** The column number of 1 to 3 capital letters, or 0 when the text is anything else (or beyond XFD). */
export function columnNumber(l: string): number {
  const len = l.length;
  if (len < 1 || len > 3) return 0;
  let n = 0;
  for (let i = 0; i < len; i++) {
    const c = l.charCodeAt(i);
    if (c < 65 || c > 90) return 0;
    n = n * 26 + (c - 64);
  }
  return n <= MAX_COL ? n : 0;
}

/** Puts the quick road in front of `cache`'s n2l and l2n (once; exceljs's own functions answer everything else). */
export function installQuickColumns(cache: ColCache): void {
  if (cache[quick]) return;
  const slowN2l = cache.n2l;
  const slowL2n = cache.l2n;
  cache.n2l = function n2l(this: ColCache, n: unknown): string {
    if (this === cache && typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_COL) {
      let s = cache._n2l[n];
      if (!s) {
        s = columnLetters(n);
        cache._n2l[n] = s;
        cache._l2n[s] = n;
      }
      return s;
    }
    // NaN (decodeEx of a rows-only range, $1:$3, asks for the column of no column) or a fraction in range: exceljs
    // builds its whole table, then answers the entry it never has (undefined)
    if (this === cache && typeof n === 'number' && !Number.isInteger(n) && !(n < 1 || n > MAX_COL)) return cache._n2l[n]!;
    return slowN2l.call(this, n);
  };
  cache.l2n = function l2n(this: ColCache, l: unknown): number {
    if (this === cache && typeof l === 'string') {
      const n = columnNumber(l);
      if (n > 0) {
        if (!cache._l2n[l]) {
          cache._n2l[n] = l;
          cache._l2n[l] = n;
        }
        return n;
      }
    }
    return slowL2n.call(this, l);
  };
  cache[quick] = true;
}

/** exceljs's column cache of this thread, with the quick road. */
export function quickColumnCache(): ColCache {
  const cache = require('exceljs/lib/utils/col-cache') as ColCache;
  installQuickColumns(cache);
  return cache;
}
