/**
 * Column widths (io/write/xlsx/widths.ts) stop measuring a column once it reaches its max, and stop reading rows once
 * every column has: the widths are the same as measuring every cell (the oracle here, written out plainly).
 */
import { col, displayWidth, lineCount, valueWidth, widths, type Column, type Value } from '../../io/write/xlsx/widths';

function measuredAll(cols: Column[], rows: Value[][]): number[] {
  return cols.map((c, i) => {
    let content = 0;
    for (const r of rows) content = Math.max(content, valueWidth(r[i] ?? null, c.kind));
    return Math.min(c.max, Math.max(c.min, Math.max(content, Math.ceil(displayWidth(c.header) / 2)) + 2));
  });
}

describe('widths', () => {
  test('the same widths as measuring every cell, rows read as far as needed', () => {
    const cols = [col('乡镇', 'text', 6, 10), col('项目名称', 'text', 10, 30), col('总投资', 'amount', 8, 14), col('备注', 'text', 4, 4)];
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 200; n++) {
      const rows: Value[][] = Array.from({ length: Math.floor(rand() * 30) }, () => [
        '镇'.repeat(Math.floor(rand() * 8)),
        rand() < 0.1 ? null : '项目'.repeat(Math.floor(rand() * 20)) + (rand() < 0.2 ? '\n第二行'.repeat(3) : ''),
        rand() < 0.2 ? null : (rand() - 0.3) * 10 ** Math.floor(rand() * 12),
        rand() < 0.5 ? '' : '很长的备注文字',
      ]);
      let read = 0;
      function* counted(): Generator<Value[]> {
        for (const r of rows) {
          read++;
          yield r;
        }
      }
      expect(widths(cols, counted())).toEqual(measuredAll(cols, rows));
      expect(read).toBeLessThanOrEqual(rows.length);
    }
    // every column at its max after the first row: the rest is not read
    let read = 0;
    function* long(): Generator<Value[]> {
      for (let i = 0; i < 1000; i++) {
        read++;
        yield ['很长的乡镇名称很长', '项目'.repeat(40), 1e12, '很长的备注'];
      }
    }
    expect(widths(cols, long())).toEqual([10, 30, 14, 4]);
    expect(read).toBe(1);
  });
});

test('lineCount: a line too short to wrap is not measured, the same count as measuring it', () => {
  const measured = (s: string, width: number) => {
    const room = Math.max(2, width - 1);
    return s.split(/\r?\n/).reduce((a, line) => a + Math.max(1, Math.ceil(displayWidth(line) / room)), 0);
  };
  const pieces = ['a', '镇', '😀', '\n', '\r\n', '\r', ' ', 'Ａ', '\u0301', '한'];
  let seed = 11;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let n = 0; n < 5000; n++) {
    const s = Array.from({ length: Math.floor(rand() * 24) }, () => pieces[Math.floor(rand() * pieces.length)]).join('');
    const width = 1 + Math.floor(rand() * 30);
    expect([s, width, lineCount(s, width)]).toEqual([s, width, measured(s, width)]);
  }
});
