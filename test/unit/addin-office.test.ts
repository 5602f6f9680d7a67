/// <reference types="office-js" />
/**
 * The add-in's Office.js operations against a fake workbook built on office-addin-mock (test/support/excel-mock.ts):
 * the number of context.sync() calls does not depend on the number of rows; 标记 keeps each cell's own fill and
 * 清除标记 restores it exactly, values untouched; 汇总 and 周报 come from the core's town result.
 */
import { FakeExcel, NO_FILL, newSheet } from '../support/excel-mock';
import { projectSheet } from '../support/town-sheets';
import { clearMarks, mark, readWorkbook, validate, writeBulletin, writeSummary, writeCountySheets, insertTemplate, selectCell, MARK_FILL } from '../../addin/ops/operations';
import { planBlocks } from '../../addin/office/office-grid';
import type { SheetHost } from '../../addin/ops/host';
import { MARK_STORE_SHEET, GENERATED_MARK } from '../../core/labels';

async function count<T>(fx: FakeExcel, op: (h: SheetHost) => Promise<T>): Promise<{ syncs: number; result: T }> {
  const before = fx.syncs;
  const result = await op(fx.host);
  return { syncs: fx.syncs - before, result };
}

const TODAY = '2015-11-02';

describe('sync counts do not grow with rows', () => {
  const measured: Record<string, Record<number, number>> = {};
  for (const n of [10, 10000]) {
    test(`${n} rows`, async () => {
      const ops: [string, (h: SheetHost) => Promise<unknown>][] = [
        ['校验', (h) => validate(h, '云峰镇.xlsx', TODAY)],
        ['标记', (h) => mark(h, '云峰镇.xlsx', TODAY)],
        ['清除标记', (h) => clearMarks(h)],
        ['汇总', (h) => writeSummary(h, '云峰镇.xlsx', TODAY)],
        ['周报', (h) => writeBulletin(h, '云峰镇.xlsx', TODAY)],
        ['插入模板', (h) => insertTemplate(h, 'projects')],
      ];
      // one negative amount so that 标记 and 清除标记 have a cell to work on
      const fx = new FakeExcel([projectSheet(n, { 1: { 5: -5 } })]);
      for (const [name, op] of ops) {
        const { syncs } = await count(fx, op);
        (measured[name] ??= {})[n] = syncs;
      }
      const v = await validate(fx.host, '云峰镇.xlsx', TODAY);
      expect(v.report.analysis.tables[0]!.rowCount).toBe(n);
    }, 120000);
  }
  afterAll(() => {
    // printed for the report; asserted here
    console.log('context.sync() per operation (10 rows / 10,000 rows):', JSON.stringify(measured));
  });
  test('the counts for 10 and 10,000 rows are the same', () => {
    expect(Object.keys(measured)).toHaveLength(6);
    for (const [name, byRows] of Object.entries(measured)) {
      expect([name, byRows[10]]).toEqual([name, byRows[10000]]);
    }
    expect(measured['校验']![10]).toBe(3);
    expect(measured['汇总']![10]).toBe(4);
  });
});

describe('reads', () => {
  test('a read past the payload budget is split into row blocks, each request under it', () => {
    const one = planBlocks([{ rows: 10000, cols: 14 }]);
    expect(one).toHaveLength(1);
    const big = planBlocks([{ rows: 60000, cols: 14 }, { rows: 10, cols: 5 }]);
    expect(big.length).toBeGreaterThan(1);
    const covered = big.flat().filter((b) => b.sheet === 0).reduce((s, b) => s + b.rows, 0);
    expect(covered).toBe(60000);
    for (const req of big) expect(req.reduce((s, b) => s + b.rows * (b.sheet === 0 ? 14 : 5) * 24, 0)).toBeLessThanOrEqual(4 * 1024 * 1024);
  });

  test('a 60,000-row sheet is read in more than one sync, and every row arrives', async () => {
    const fx = new FakeExcel([projectSheet(60000)]);
    const wb = await readWorkbook(fx.host);
    expect(fx.syncs).toBeGreaterThan(3);
    expect(wb.grids[0]!.rows.length).toBe(60003);
    expect(Math.max(...fx.cellsRead)).toBeLessThanOrEqual((4 * 1024 * 1024) / 24);
  }, 120000);

  test('merged areas, hidden rows, percent and date formats reach the Grid; hidden sheets are not read', async () => {
    const s = projectSheet(3);
    s.merges.push('A1:N1');
    s.values[0]![3] = 'stray text in a merged cell';
    s.hiddenRows.add(4);
    s.formats.set('F5', '0.0%');
    s.values[1]![8] = 42308;
    s.formats.set('I2', 'yyyy"年"m"月"d"日"');
    const fx = new FakeExcel([s, newSheet('旧表', [['x']], 'Hidden')]);
    const wb = await readWorkbook(fx.host);
    const g = wb.grids[0]!;
    expect(g.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 13 }]);
    expect(g.rows[0]![3]).toBeUndefined();
    expect(g.hiddenRows).toEqual([4]);
    expect(g.rows[4]![5]!.percent).toBe(true);
    expect(g.rows[4]![4]!.percent).toBeUndefined();
    expect(g.rows[1]![8]!.value).toEqual(new Date(Date.UTC(2015, 9, 31)));
    expect(g.rows[1]![5]!.value).toBe('单位：万元');
    expect(wb.grids[1]).toMatchObject({ sheet: '旧表', hidden: true, rows: [] });
  });
});

describe('校验, 标记 and 清除标记', () => {
  test('problems carry their cells; marking twice and clearing restores each cell\'s own fill; values never change', async () => {
    const sheet = projectSheet(10, { 2: { 5: -20 }, 4: { 4: 'abc' } });
    const greenFill = { color: '#00FF00', pattern: 'Solid' };
    sheet.fills.set('F6', greenFill); // the clerk's own fill on the negative cell
    const fx = new FakeExcel([sheet]);
    const valuesBefore = JSON.stringify(sheet.values);

    const v = await validate(fx.host, '云峰镇.xlsx', TODAY);
    const cells = v.report.analysis.issues.filter((i) => i.sheet === '重点项目' && i.cell).map((i) => i.cell);
    expect(cells).toEqual(expect.arrayContaining(['F6', 'E8']));

    const m1 = await mark(fx.host, '云峰镇.xlsx', TODAY);
    expect(m1.marked).toBeGreaterThanOrEqual(2);
    expect(fx.sheet('重点项目')!.fills.get('F6')).toEqual({ color: MARK_FILL.error, pattern: 'Solid' });
    expect(fx.sheet('重点项目')!.fills.get('E8')!.color).toBe(MARK_FILL.error);
    expect(fx.sheet(MARK_STORE_SHEET)!.visibility).toBe('VeryHidden');

    // marking again (the pane closed and reopened) must not take the marks for the cells' own fills
    await mark(fx.host, '云峰镇.xlsx', TODAY);
    expect(fx.sheets.filter((s) => s.name === MARK_STORE_SHEET)).toHaveLength(1);

    const c = await clearMarks(fx.host);
    expect(c.restored).toBe(m1.marked);
    expect(fx.sheet('重点项目')!.fills.get('F6')).toEqual(greenFill);
    expect(fx.sheet('重点项目')!.fills.get('E8') ?? NO_FILL).toEqual(NO_FILL);
    expect(fx.sheet(MARK_STORE_SHEET)).toBeUndefined();
    expect(JSON.stringify(fx.sheet('重点项目')!.values)).toBe(valuesBefore);
    // nothing left to clear
    expect((await clearMarks(fx.host)).restored).toBe(0);
  });

  test('clicking a problem on a hidden sheet says so instead of selecting', async () => {
    const fx = new FakeExcel([projectSheet(3), newSheet('旧表', [['x']], 'Hidden')]);
    expect(await selectCell(fx.host, '旧表', 'A1')).toBe('hidden');
    expect(await selectCell(fx.host, '重点项目', 'B4')).toBe('ok');
    expect(await selectCell(fx.host, '没有这张表', 'B4')).toBe('missing');
  });
});

describe('汇总 and 周报', () => {
  test('汇总 writes the town totals against 序时进度 and a chart; refreshing replaces only its own sheet', async () => {
    const fx = new FakeExcel([projectSheet(10)]);
    const r = await writeSummary(fx.host, '云峰镇.xlsx', TODAY);
    expect(r.ok).toBe(true);
    const s = fx.sheet('汇总')!;
    expect(String(s.values[0]![0])).toContain(GENERATED_MARK);
    expect(String(s.values[0]![0])).toContain('云峰镇');
    expect(s.values[1]).toEqual(expect.arrayContaining(['序时进度', 10 / 12]));
    // totals row: 10 projects, red/yellow/green from the core
    const town = r.ok ? r.report.town! : null;
    expect(town!.projects!.count).toBe(10);
    expect(s.values[4]![0]).toBe(10);
    expect(s.values[4]![3]).toBeCloseTo(town!.projects!.completedYtd, 6);
    expect(s.values[4]![6]).toBe(town!.projects!.red);
    expect(s.charts).toEqual(['ColumnClustered']);
    // refresh: still one 汇总
    await writeSummary(fx.host, '云峰镇.xlsx', TODAY);
    expect(fx.sheets.filter((x) => x.name === '汇总')).toHaveLength(1);
    // the projects sheet is untouched
    expect(fx.sheet('重点项目')!.values[3]![1]).toBe('项目1');
  });

  test('a clerk\'s own sheet named 汇总 is never replaced', async () => {
    const fx = new FakeExcel([projectSheet(5), newSheet('汇总', [['我自己的汇总'], [1, 2, 3]])]);
    const syncsBefore = fx.syncs;
    const r = await writeSummary(fx.host, '云峰镇.xlsx', TODAY);
    expect(r).toMatchObject({ ok: false, reason: 'foreign' });
    expect(fx.sheet('汇总')!.values).toEqual([['我自己的汇总'], [1, 2, 3]]);
    expect(fx.syncs - syncsBefore).toBe(3);
  });

  test('周报 lists every project with 本周进展, 下周计划, 存在问题, lagging first', async () => {
    const fx = new FakeExcel([projectSheet(10)]);
    await writeBulletin(fx.host, '云峰镇.xlsx', TODAY);
    const s = fx.sheet('本周通报')!;
    expect(s.values[1]!.slice(0, 7)).toEqual(['序号', '项目名称', '灯号', '完成率', '本周进展', '下周计划', '存在问题']);
    const body = s.values.slice(2);
    expect(body).toHaveLength(10);
    // projects 1, 6 (every 5th from 0) lag at 40% → red, first
    expect(body.slice(0, 2).map((r) => r[1])).toEqual(['项目1', '项目6']);
    expect(body[0]!.slice(2, 7)).toEqual(['红灯', 0.4, '第1项本周进展', '继续施工', '征地未完成']);
    expect(body.slice(2).every((r) => r[2] === '绿灯')).toBe(true);
  });

  test('插入模板 adds a blank sheet with the schema\'s headers and number formats, under a free name', async () => {
    const fx = new FakeExcel([projectSheet(2)]);
    const name = await insertTemplate(fx.host, 'projects');
    expect(name).toBe('重点项目2');
    const s = fx.sheet(name)!;
    expect(s.values[2]).toEqual(expect.arrayContaining(['项目名称', '年度计划投资', '1-N月累计完成投资', '本周进展']));
    const planCol = (s.values[2] as string[]).indexOf('年度计划投资');
    expect(s.formats.get(`${String.fromCharCode(65 + planCol)}4`)).toBe('#,##0.00');
  });
});

describe('汇总多个文件', () => {
  test('the county tables of several towns\' workbooks are written as new sheets in 2 syncs, and refreshed', async () => {
    const { analysisContext, analyzeSource, consolidate } = await import('../../core/consolidate');
    const { rosterFromFiles } = await import('../../core/addin-sheets');
    const town = (name: string, n: number) => {
      const s = projectSheet(n);
      s.values[0]![0] = `${name}重点项目推进情况表（截至2015年10月31日）`;
      s.values[1]![0] = `填报单位：${name}`;
      return s;
    };
    const files = [];
    for (const [name, n] of [['云峰镇', 4], ['东溪镇', 6]] as const) {
      const wb = await readWorkbook(new FakeExcel([town(name, n)]).host);
      files.push({ file: `${name}.xlsx`, ok: true as const, grids: wb.grids });
    }
    const roster = rosterFromFiles(files);
    expect(roster.map((t) => t.name).sort()).toEqual(['东溪镇', '云峰镇']);
    const ctx = analysisContext({ roster, asOf: '2015-10-31' });
    const result = consolidate(files.map((f) => analyzeSource(f, ctx)), { roster, asOf: '2015-10-31' });
    const fx = new FakeExcel([newSheet('Sheet1', [['县里的表']])]);
    const { syncs, result: names } = await count(fx, (h) => writeCountySheets(h, result));
    expect(syncs).toBe(2);
    expect(names).toEqual(['全县汇总概览', '全县滞后项目', '全县报送情况']);
    const overview = fx.sheet('全县汇总概览')!.values;
    const total = overview.find((r) => r[1] === '合计')!;
    expect(total[3]).toBe(10);
    expect(overview.filter((r) => r[2] === '已报送')).toHaveLength(2);
    await writeCountySheets(fx.host, result);
    expect(fx.sheets.map((s) => s.name)).toEqual(['Sheet1', '全县汇总概览', '全县滞后项目', '全县报送情况']);
    expect(fx.sheet('Sheet1')!.values).toEqual([['县里的表']]);
  });
});
