/**
 * A town's text that looks like a formula (`=HYPERLINK(…)`, `=cmd|' /C calc'!A0`, `+1+1`, `-2+3`, `@SUM(A1)`) stays
 * text everywhere the tool writes it: the county summary (every sheet, checked in the file's XML and after LibreOffice
 * opened and re-saved it), the bulletin PDF, the JSON report, and the add-in's sheets (Office.js takes such strings
 * as formulas, so they are written with a quote prefix).
 */
import { FakeExcel, newSheet, type Scalar } from '../support/excel-mock';
import { HOSTILE, townRows } from '../support/hostile-text';
import { writeBulletin, writeCountySheets, writeSummary, inputValues } from '../../addin/ops/operations';
import { cellTextOf, officeInputText } from '../../core/text';

describe('the add-in writes formula-like text as text', () => {
  const sheetOf = () => {
    const rows = townRows('云峰镇') as Scalar[][];
    return newSheet('重点项目', rows.map((r) => r.map((v) => (v === null ? '' : v)) as Scalar[]));
  };
  const everyValue = (fx: FakeExcel, name: string) => fx.sheet(name)!.values.flat();

  test('汇总 and 本周通报: texts come back as written, no cell became a formula', async () => {
    const fx = new FakeExcel([sheetOf()]);
    expect((await writeBulletin(fx.host, '云峰镇.xlsx', '2015-11-02')).ok).toBe(true);
    expect((await writeSummary(fx.host, '云峰镇.xlsx', '2015-11-02')).ok).toBe(true);
    for (const name of ['本周通报', '汇总']) expect([name, [...fx.sheet(name)!.formulas.entries()]]).toEqual([name, []]);
    const body = everyValue(fx, '本周通报');
    for (const t of [HOSTILE.name, HOSTILE.name2, HOSTILE.weekProgress, HOSTILE.nextWeekPlan, HOSTILE.problems, HOSTILE.leader]) {
      expect([t, body.includes(t)]).toEqual([t, true]);
    }
    expect(body).not.toContain('#FORMULA');
    expect(everyValue(fx, '汇总')).toContain(HOSTILE.category);
  });

  test('全县 sheets of 汇总多个文件: town texts and file names stay text', async () => {
    const { analysisContext, analyzeSource, consolidate } = await import('../../core/consolidate');
    const { readWorkbook } = await import('../../addin/ops/operations');
    const wb = await readWorkbook(new FakeExcel([sheetOf()]).host);
    const roster = [{ name: '云峰镇', aliases: [] }];
    const ctx = analysisContext({ roster, asOf: '2015-10-31' });
    const result = consolidate([analyzeSource({ file: '=1+1云峰镇.xlsx', ok: true, grids: wb.grids }, ctx)], { roster, asOf: '2015-10-31' });
    const fx = new FakeExcel([newSheet('Sheet1', [['x']])]);
    await writeCountySheets(fx.host, result);
    for (const s of fx.sheets) expect([s.name, [...s.formulas.entries()]]).toEqual([s.name, []]);
    expect(everyValue(fx, '全县滞后项目')).toEqual(expect.arrayContaining([HOSTILE.name, HOSTILE.leader, HOSTILE.problems]));
    expect(everyValue(fx, '全县报送情况')).toContain('=1+1云峰镇.xlsx');
  });

  test('标记 remembers a sheet named like a formula as its name, and 清除标记 finds it again', async () => {
    const { mark, clearMarks } = await import('../../addin/ops/operations');
    const { MARK_STORE_SHEET } = await import('../../core/labels');
    const sheet = sheetOf();
    sheet.name = '=重点项目';
    sheet.values[3]![5] = -5; // a negative amount: an error to mark
    const fx = new FakeExcel([sheet]);
    const { marked } = await mark(fx.host, '云峰镇.xlsx', '2015-11-02');
    expect(marked).toBeGreaterThan(0);
    const store = fx.sheet(MARK_STORE_SHEET)!;
    expect(store.formulas.size).toBe(0);
    expect(store.values[1]![0]).toBe('=重点项目');
    expect((await clearMarks(fx.host)).restored).toBe(marked);
  });

  test('what Range.values is given: a quote prefix only where Excel would see a formula (or eat an apostrophe)', () => {
    expect(inputValues([['=1+1', '+1', '-2+3', '@SUM(A1)', "'x", '＝1', '项目', '1-10月', 5, null, '']])).toEqual([
      ["'=1+1", "'+1", "'-2+3", "'@SUM(A1)", "''x", "'＝1", '项目', '1-10月', 5, null, ''],
    ]);
    expect(officeInputText('a\u0001b\uD800')).toBe('ab');
  });
});

describe('one cleaner for written text', () => {
  test('drops what XML cannot carry, keeps pairs, tabs and line breaks, cuts at Excel\'s limit', () => {
    expect(cellTextOf('a\uD83D\uDE00b\uDC00c\uFFFE\u0000\u0007d\te\nf')).toBe('a\uD83D\uDE00bcd\te\nf');
    const long = cellTextOf('x'.repeat(40000));
    expect(long).toHaveLength(32767);
    expect(long.endsWith('…')).toBe(true);
    // a surrogate pair at the cut is not split
    const pair = cellTextOf('x'.repeat(32765) + '\uD83D\uDE00yyy');
    expect(pair).toBe('x'.repeat(32765) + '…');
    expect(cellTextOf('=1+1')).toBe('=1+1');
  });
});
