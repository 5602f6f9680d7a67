/** Column sizing counts an amount's characters without formatting it: the count must be what 「#,##0.00」 shows. */
import fc from 'fast-check';
import { amountWidth } from '../../io/write/summary-workbook';

const intl = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

test('amountWidth equals the length of the en-US two-decimal format', () => {
  for (const v of [0, -0, 0.004, -0.004, 0.005, 999.995, -999.995, 1000, 123456.78, -1234567.891, 1e14, 9.99e14, 1e15, 1e21, -1e300, 99999.999]) {
    expect([v, amountWidth(v)]).toEqual([v, intl.format(v).length]);
  }
  fc.assert(
    fc.property(fc.double({ min: -1e16, max: 1e16, noNaN: true }), (v) => amountWidth(v) === intl.format(v).length),
    { numRuns: 5000, seed: 7 },
  );
});
