/**
 * The quick road in front of exceljs's column cache (io/read/col-cache.ts) answers exactly as exceljs's own functions:
 * every column number and every 1- to 3-letter text, and the odd arguments (out of range, fractions, numeric texts,
 * lower case, four letters, prototype keys, non-strings), in several orders of calls starting from a fresh cache —
 * the same value, or the same error — compared with an untouched copy of exceljs's module loaded beside it.
 */
import { columnLetters, columnNumber, installQuickColumns } from '../../io/read/col-cache';

type Cache = {
  _l2nFill: number;
  _n2l: string[];
  _l2n: Record<string, number>;
  _fill(level: number): void;
  n2l(n: unknown): string;
  l2n(l: unknown): number;
  decodeEx(v: string): unknown;
  decode(v: string): unknown;
  encode(...a: number[]): string;
};

/** A fresh copy of exceljs's col-cache module (its own dictionaries), quick or untouched. */
function freshCache(quick: boolean): Cache {
  let cache!: Cache;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    cache = require('exceljs/lib/utils/col-cache') as Cache;
  });
  if (quick) installQuickColumns(cache as unknown as Parameters<typeof installQuickColumns>[0]);
  return cache;
}

type Outcome = { value: unknown } | { error: string; type: string };
function outcome(f: () => unknown): Outcome {
  try {
    return { value: f() };
  } catch (e) {
    return { error: (e as Error).message, type: (e as Error).constructor.name };
  }
}

function same(a: Outcome, b: Outcome): boolean {
  if ('value' in a) return 'value' in b && Object.is(a.value, b.value);
  return 'error' in b && a.error === b.error && a.type === b.type;
}

const ODD_NUMBERS: unknown[] = [0, -1, 16385, 1e9, 1.5, 26.5, 0.5, NaN, Infinity, -Infinity, '3', '27', '703', '16384', '16385', '0', 'A', '', true, false, null, undefined, {}, [], [5], 3n];
const ODD_LETTERS: unknown[] = ['AAAA', 'XFE', 'XFD', 'ZZZ', 'ZZZZ', 'a', 'aB', 'xfd', '', ' A', 'A ', 'A1', '1', '$A', 'Ä', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 3, 28, null, undefined, true, {}, ['A'], new String('B')];

function allLetters(): string[] {
  const out: string[] = [];
  for (let n = 1; n <= 18278; n++) out.push(columnLetters(n));
  return out;
}

/** Runs the same calls on a quick and an untouched fresh cache; every answer must be the same. */
function compareSequence(calls: [('n2l' | 'l2n'), unknown][], dictionaries = true): void {
  const q = freshCache(true);
  const slow = freshCache(false);
  const diffs: string[] = [];
  for (const [fn, arg] of calls) {
    const a = outcome(() => q[fn](arg));
    const b = outcome(() => slow[fn](arg));
    if (!same(a, b) && diffs.length < 10) {
      diffs.push(`${fn}(${typeof arg === 'bigint' ? `${arg}n` : JSON.stringify(arg)}): ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`);
    }
  }
  expect(diffs).toEqual([]);
  if (!dictionaries) return;
  // whatever the quick road keeps in exceljs's dictionaries is what exceljs's own _fill puts there
  slow._fill(3);
  for (const [k, v] of Object.entries(q._n2l)) expect(v).toBe(slow._n2l[k as unknown as number]);
  for (const [k, v] of Object.entries(q._l2n)) expect(v).toBe(slow._l2n[k]);
}

test('columnLetters and columnNumber are inverse over A … XFD, and columnNumber refuses everything else', () => {
  expect(columnLetters(1)).toBe('A');
  expect(columnLetters(26)).toBe('Z');
  expect(columnLetters(27)).toBe('AA');
  expect(columnLetters(702)).toBe('ZZ');
  expect(columnLetters(703)).toBe('AAA');
  expect(columnLetters(16384)).toBe('XFD');
  for (let n = 1; n <= 16384; n++) expect(columnNumber(columnLetters(n))).toBe(n);
  for (const l of ['', 'XFE', 'ZZZ', 'AAAA', 'a', 'A1', '@', '[']) expect(columnNumber(l)).toBe(0);
});

test('the quick road takes the usual arguments without building exceljs\'s whole table', () => {
  const q = freshCache(true);
  expect(q.n2l(28)).toBe('AB');
  expect(q.n2l(16384)).toBe('XFD');
  expect(q.l2n('XFD')).toBe(16384);
  expect(q.l2n('AAA')).toBe(703);
  // the column of a rows-only range ($1:$3)
  expect(q.n2l(NaN)).toBeUndefined();
  expect(q.n2l(2.5)).toBeUndefined();
  expect(q.decodeEx('Sheet1!$1:$3')).toMatchObject({ top: 1, bottom: 3 });
  expect(q._l2nFill).toBe(0);
  expect(Object.keys(q._l2n).length).toBeLessThan(10);
  // installing twice keeps one quick road
  const n2l = q.n2l;
  installQuickColumns(q as unknown as Parameters<typeof installQuickColumns>[0]);
  expect(q.n2l).toBe(n2l);
});

test('n2l and l2n answer as exceljs over every column and every odd argument, odd arguments first', () => {
  const calls: [('n2l' | 'l2n'), unknown][] = [];
  for (const a of ODD_NUMBERS) calls.push(['n2l', a]);
  for (const a of ODD_LETTERS) calls.push(['l2n', a]);
  for (let n = 1; n <= 16384; n++) calls.push(['n2l', n]);
  for (const l of allLetters()) calls.push(['l2n', l]);
  for (const a of ODD_NUMBERS) calls.push(['n2l', a]);
  for (const a of ODD_LETTERS) calls.push(['l2n', a]);
  compareSequence(calls);
});

test('… valid arguments first, from the far end, then the odd ones', () => {
  const calls: [('n2l' | 'l2n'), unknown][] = [];
  for (let n = 16384; n >= 1; n -= 7) calls.push(['n2l', n]);
  for (const l of allLetters().reverse()) calls.push(['l2n', l]);
  for (const a of [...ODD_LETTERS].reverse()) calls.push(['l2n', a]);
  for (const a of [...ODD_NUMBERS].reverse()) calls.push(['n2l', a]);
  compareSequence(calls);
});

test('… interleaved at random, each odd argument also on a fresh cache', () => {
  let seed = 13;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const letters = allLetters();
  const calls: [('n2l' | 'l2n'), unknown][] = [];
  for (let i = 0; i < 4000; i++) {
    const k = rnd();
    if (k < 0.3) calls.push(['n2l', 1 + Math.floor(rnd() * 16384)]);
    else if (k < 0.6) calls.push(['l2n', letters[Math.floor(rnd() * letters.length)]]);
    else if (k < 0.8) calls.push(['n2l', ODD_NUMBERS[Math.floor(rnd() * ODD_NUMBERS.length)]]);
    else calls.push(['l2n', ODD_LETTERS[Math.floor(rnd() * ODD_LETTERS.length)]]);
  }
  compareSequence(calls);
  for (const a of ODD_NUMBERS) compareSequence([['n2l', a], ['n2l', 30], ['n2l', a]], false);
  for (const a of ODD_LETTERS) compareSequence([['l2n', a], ['l2n', 'AD'], ['l2n', a]], false);
});

test('exceljs\'s functions built on them (decodeEx of a defined name, decode, encode) answer the same', () => {
  const q = freshCache(true);
  const slow = freshCache(false);
  const refs = ["'汇总 表'!$A$1:$XFD$3", 'Sheet1!$B$2:$AB$40', 'Sheet1!$C:$C', 'Print_Titles!$1:$3', '#REF!', 'A1', 'ZZ9:AAA10', 'Sheet1!XFD1048576'];
  for (const r of refs) expect(outcome(() => q.decodeEx(r))).toEqual(outcome(() => slow.decodeEx(r)));
  for (const r of ['A1:C3', 'AB12:XFD1', 'B2']) expect(outcome(() => q.decode(r))).toEqual(outcome(() => slow.decode(r)));
  for (const a of [[1, 1], [5, 28], [1, 16384], [3, 0], [2, 16385], [1, 1, 4, 703]]) {
    expect(outcome(() => q.encode(...a))).toEqual(outcome(() => slow.encode(...a)));
  }
});
