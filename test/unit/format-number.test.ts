/**
 * core/numbers.ts formatEnUs writes numbers as Intl's en-US format does (the messages' amounts, fmtAmount; the widths of
 * huge amounts), without Intl: held here to Intl itself, for the two formats the product uses.
 */
import fc from 'fast-check';
import { formatEnUs } from '../../core/numbers';
import { fmtAmount } from '../../core/messages';

const FORMATS: [number, number][] = [
  [0, 4], // fmtAmount
  [2, 2], // 「#,##0.00」
];

const intl = (v: number, min: number, max: number) => v.toLocaleString('en-US', { minimumFractionDigits: min, maximumFractionDigits: max });

test('the cases that round, carry, change notation or have no digits', () => {
  const cases = [
    0, -0, 1, -1, 0.5, 0.00005, 0.00004999, -0.00001, 1.00005, 1.005, 2.675, 0.1 + 0.2, 0.99995, 9.99995, 999999.99995,
    -999.99996, 12345.67895, 1234.5, 123456789.123456, 1e15, 1e21, 1.2345678901234568e25, -1e300, 5e-324,
    Number.MAX_VALUE, Number.MIN_VALUE, Number.MAX_SAFE_INTEGER, 0.125, 0.375, 1e-7, 1.5e-5, NaN, Infinity, -Infinity,
  ];
  for (const [min, max] of FORMATS) {
    for (const v of cases) expect([v, min, max, formatEnUs(v, min, max)]).toEqual([v, min, max, intl(v, min, max)]);
  }
  expect(fmtAmount(12500.5)).toBe('12,500.5');
  expect(fmtAmount(-0.00004)).toBe('-0');
});

test('any double, and amounts as officials write them (a few decimals, ties at the last place)', () => {
  const decimals = fc.tuple(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 6 })).map(([n, d]) => n / 10 ** d);
  const ties = fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.constantFrom(3, 5)).map(([n, d]) => (n + 0.5) / 10 ** (d - 1));
  for (const [min, max] of FORMATS) {
    for (const arb of [fc.double({ noNaN: false }), decimals, ties]) {
      fc.assert(
        fc.property(arb, (v) => formatEnUs(v, min, max) === intl(v, min, max)),
        { numRuns: 20000, seed: 13 },
      );
    }
  }
});
