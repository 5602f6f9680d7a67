/// <reference types="et-jsapi-declare" />
/**
 * The add-in's operations in WPS 表格, on a fake of the ET object model (test/support/et-fake.ts, built from
 * et-jsapi-declare and WPS's documentation, quirks included): the same problems with the same cells as on the Office
 * mock and the Node reader for the same workbook; object-model calls per operation the same for 10 and 10,000 rows;
 * marks that give back the clerk's own fills; no value changed by 校验/标记/清除标记; texts starting with = + - @
 * written as text; the add-in's own sheets never read as town tables; 汇总多个文件 through Workbooks.Open.
 */
import * as path from 'node:path';
import { FakeExcel, newSheet, type ModelSheet, type Scalar } from '../support/excel-mock';
import { FakeEt, etFillOf, etValues, type EtQuirks } from '../support/et-fake';
import { projectSheet } from '../support/town-sheets';
import { analyzeFile, tmpDir, writeBook, type SheetSpec } from '../support/books';
import type { SheetHost } from '../../addin/ops/host';
import { clearMarks, insertTemplate, mark, readWorkbook, selectCell, validate, writeBulletin, writeCountySheets, writeSummary, MARK_FILL } from '../../addin/ops/operations';
import { wpsHost } from '../../addin/wps/wps-host';
import { openFilesThroughWps, pathList } from '../../addin/wps/wps-files';
import { bgrToHex, hexToBgr, member, to2D } from '../../addin/wps/et-model';
import { installShims } from '../../addin/pane/es-shims';
import { MARK_STORE_SHEET } from '../../core/labels';
import { analysisContext, analyzeSource, consolidate } from '../../core/consolidate';
import { rosterFromFiles } from '../../core/addin-sheets';
import type { Issue } from '../../core/types';

const TODAY = '2015-11-02';
const FILE = '云峰镇.xlsx';

/** A real town sheet: merged title, number formats on the amounts, a hidden row, one negative amount. */
function townSheet(n: number, bad: Record<number, Record<number, Scalar>> = { 1: { 5: -5 } }): ModelSheet {
  const s = projectSheet(n, bad);
  s.merges.push('A1:N1');
  for (let r = 3; r < 3 + n; r++) for (const c of ['D', 'E', 'F']) s.formats.set(`${c}${r + 1}`, '#,##0.00');
  s.hiddenRows.add(Math.min(3 + n - 1, 8));
  return s;
}

const host = (fx: FakeEt): SheetHost => wpsHost(fx.app);
const key = (i: Issue) => `${i.severity}|${i.code}|${i.sheet}|${i.cell}|${i.message}`;

describe('object-model calls do not grow with rows', () => {
  const measured: Record<string, Record<number, number>> = {};
  for (const n of [10, 10000]) {
    test(`${n} rows`, async () => {
      const ops: [string, (h: SheetHost) => Promise<unknown>][] = [
        ['校验', (h) => validate(h, FILE, TODAY)],
        ['标记', (h) => mark(h, FILE, TODAY)],
        ['清除标记', (h) => clearMarks(h)],
        ['汇总', (h) => writeSummary(h, FILE, TODAY)],
        ['周报', (h) => writeBulletin(h, FILE, TODAY)],
        ['插入模板', (h) => insertTemplate(h, 'projects')],
      ];
      const fx = new FakeEt([townSheet(n)]);
      for (const [name, op] of ops) {
        const before = fx.calls;
        await op(host(fx));
        (measured[name] ??= {})[n] = fx.calls - before;
      }
      const v = await validate(host(fx), FILE, TODAY);
      expect(v.report.analysis.tables[0]!.rowCount).toBe(n);
      // every row arrived, the hidden one known as hidden
      const wb = await readWorkbook(host(fx));
      expect(wb.grids[0]!.rows.length).toBe(n + 3);
      expect(wb.grids[0]!.hiddenRows).toEqual([8]);
      // 汇总多个文件: its write (the reading happens per file, see below)
      const result = consolidate([], { roster: [], asOf: '2015-10-31' });
      const before = fx.calls;
      await writeCountySheets(host(fx), result);
      (measured['汇总多个文件'] ??= {})[n] = fx.calls - before;
    }, 180000);
  }
  afterAll(() => {
    console.log('WPS object-model calls per operation (10 rows / 10,000 rows):', JSON.stringify(measured));
  });
  test('the counts for 10 and 10,000 rows are the same', () => {
    expect(Object.keys(measured)).toHaveLength(7);
    for (const [name, byRows] of Object.entries(measured)) expect([name, byRows[10]]).toEqual([name, byRows[10000]]);
    // 校验 reads each sheet whole: a few dozen calls, not one per row
    expect(measured['校验']![10000]).toBeLessThan(120);
  });
});

describe('the same problems as the Office mock, with the same cells', () => {
  function workbook(): ModelSheet[] {
    const s = townSheet(12, { 2: { 5: -20 }, 4: { 4: 'abc' }, 6: { 3: '' }, 7: { 1: '项目1' } });
    // a percent column, a date in the header zone, a formula that failed, a hidden sheet, a sheet far from A1
    s.values[1]![8] = 42308;
    s.formats.set('I2', 'yyyy"年"m"月"d"日"');
    s.values[9]![4] = '#DIV/0!';
    s.formulas.set('E10', 'D10/0');
    const ind = newSheet('主要指标', [
      [], [],
      ['', '', '云峰镇主要指标完成情况（截至2015年10月31日）'],
      ['', '', '指标名称', '单位', '年度目标', '1-10月累计', '完成年度目标%'],
      ['', '', '地区生产总值', '亿元', 30, 24, 0.8],
      ['', '', '城镇化率', '%', 0.6, 0.55, 0.9167],
      ['', '', '固定资产投资', '亿元', 20, '二十', 1],
    ]);
    ind.merges.push('C3:G3');
    for (const a of ['G5', 'G6', 'G7', 'E6', 'F6']) ind.formats.set(a, '0.0%');
    return [s, ind, newSheet('旧表', [['去年的表'], [1, 2]], 'Hidden')];
  }

  const quirkSets: [string, Partial<EtQuirks>][] = [
    ['flat rows, Address a method, HRESULT errors', {}],
    ['2-D rows, Address a property, Count a method, CVErr errors', { flatRow: false, addressProperty: true, countMethod: true, errors: 'cverr' }],
    ['error values as text', { errors: 'text' }],
  ];
  for (const [label, quirks] of quirkSets) {
    test(label, async () => {
      const office = await validate(new FakeExcel(workbook()).host, FILE, TODAY);
      const wps = await validate(host(new FakeEt(workbook(), quirks)), FILE, TODAY);
      const o = office.report.analysis.issues.map(key);
      expect(o.length).toBeGreaterThan(3);
      expect(wps.report.analysis.issues.map(key)).toEqual(o);
      expect(wps.sheetOrder).toEqual(office.sheetOrder);
      const og = await readWorkbook(new FakeExcel(workbook()).host);
      const wg = await readWorkbook(host(new FakeEt(workbook(), quirks)));
      expect(wg.grids).toEqual(og.grids);
    });
  }
});

describe('one workbook through the Node reader, the Office mock and the WPS fake', () => {
  test('identical problem lists', async () => {
    const spec: SheetSpec[] = [{
      name: '重点项目',
      rows: [
        ['云峰镇重点项目推进情况表（截至2015年10月31日）'],
        ['填报单位：云峰镇', null, null, null, null, '单位：万元'],
        ['序号', '项目名称', '项目类别', '总投资', '年度计划投资', '1-10月累计完成投资', '项目组长', '存在问题', '状态'],
        [1, '甲路', '基础设施', 1000, 500, -40, '张三', '', '在建'],
        [2, '乙桥', '基础设施', 800, '四百', 100, '李四', '', '在建'],
        [3, '丙园', '产业发展', 600, 300, 250, '王五', '征地', '在建'],
        [4, '丁园', '产业发展', 600, 300, { v: 0.5, numFmt: '0%' }, '赵六', '', '在建'],
        [5, '戊路', '基础设施', 700, 350, 120, '', '', '在建'],
        [6, '甲路', '社会事业', 500, 200, 50, '钱七', '', '筹建'],
      ],
      merges: ['A1:I1'],
      hiddenRows: [9],
    }];
    const dir = await tmpDir('xcs-wps-');
    const file = await writeBook(path.join(dir, FILE), spec);
    const node = await analyzeFile(file, [{ name: '云峰镇', aliases: [] }], TODAY);
    const model: ModelSheet = newSheet('重点项目', spec[0]!.rows.map((r) => r.map((v) => (v === null ? '' : v && typeof v === 'object' ? (v as { v: Scalar }).v : (v as Scalar)))));
    model.formats.set('F7', '0%');
    model.merges.push('A1:I1');
    model.hiddenRows.add(8);
    const office = await validate(new FakeExcel([structuredClone(model)]).host, FILE, TODAY);
    const wps = await validate(host(new FakeEt([structuredClone(model)])), FILE, TODAY);
    const n = node.issues.map(key);
    expect(n.length).toBeGreaterThan(3);
    expect(office.report.analysis.issues.map(key)).toEqual(n);
    expect(wps.report.analysis.issues.map(key)).toEqual(n);
  });
});

describe('标记 and 清除标记 in WPS', () => {
  test('marks in BGR, the clerk\'s own fills back exactly, values never changed', async () => {
    const s = townSheet(10, { 2: { 5: -20 }, 4: { 4: 'abc' } });
    s.fills.set('F6', { color: '#00B050', pattern: 'Solid' }); // the clerk's own green on a problem cell
    s.fills.set('E8', { color: '#FFFF00', pattern: 'Gray50' }); // a patterned fill
    const fx = new FakeEt([s]);
    const before = JSON.stringify(etValues(fx.sheet('重点项目')!));
    const ownF6 = etFillOf(fx.sheet('重点项目')!, 'F6');
    const ownE8 = etFillOf(fx.sheet('重点项目')!, 'E8');

    await validate(host(fx), FILE, TODAY);
    const m1 = await mark(host(fx), FILE, TODAY);
    expect(m1.marked).toBeGreaterThanOrEqual(2);
    const sheet = fx.sheet('重点项目')!;
    // #FFC7CE is stored by WPS as 0xCEC7FF (blue byte first)
    expect(sheet.fills.get('F6')!.color).toBe(0xcec7ff);
    expect(etFillOf(sheet, 'F6')).toEqual({ color: MARK_FILL.error, pattern: 'Solid' });
    expect(etFillOf(sheet, 'E8').color).toBe(MARK_FILL.error);
    expect(fx.sheet(MARK_STORE_SHEET)!.visible).toBe(2);
    // the clerk's sheet is still the one shown
    expect(fx.activeSheet.get(fx.active)).toBe('重点项目');

    await mark(host(fx), FILE, TODAY); // again: the marks are not taken for the cells' own fills
    expect(fx.active.sheets.filter((x) => x.name === MARK_STORE_SHEET)).toHaveLength(1);
    const c = await clearMarks(host(fx));
    expect(c.restored).toBe(m1.marked);
    expect(etFillOf(sheet, 'F6')).toEqual(ownF6);
    expect(etFillOf(sheet, 'E8')).toEqual(ownE8);
    for (const [cell] of sheet.fills) expect([cell, ['F6', 'E8'].includes(cell)]).toEqual([cell, true]);
    expect(fx.sheet(MARK_STORE_SHEET)).toBeUndefined();
    expect(JSON.stringify(etValues(sheet))).toBe(before);
    expect((await clearMarks(host(fx))).restored).toBe(0);
  });

  test('marks put in Excel are cleared in WPS: the record speaks one language', async () => {
    const s = townSheet(6, { 2: { 5: -20 } });
    s.fills.set('F6', { color: '#00B050', pattern: 'Solid' });
    const xl = new FakeExcel([s]);
    await mark(xl.host, FILE, TODAY);
    // the same workbook opened in WPS
    const fx = new FakeEt(xl.sheets);
    const c = await clearMarks(host(fx));
    expect(c.restored).toBeGreaterThan(0);
    expect(etFillOf(fx.sheet('重点项目')!, 'F6')).toEqual({ color: '#00B050', pattern: 'Solid' });
  });
});

describe('writing sheets in WPS', () => {
  test('汇总 and 周报: texts starting with = + - @ stay text, own sheets are replaced and never read as town tables', async () => {
    const s = townSheet(6, {});
    s.values[3]![1] = '=SUM(A1:A9)';
    s.values[4]![1] = '+86 热线';
    s.values[5]![6] = '-开工准备';
    s.values[6]![8] = '@镇长 协调';
    const fx = new FakeEt([s]);
    const first = await validate(host(fx), FILE, TODAY);
    expect((await writeSummary(host(fx), FILE, TODAY)).ok).toBe(true);
    expect((await writeBulletin(host(fx), FILE, TODAY)).ok).toBe(true);
    expect((await writeSummary(host(fx), FILE, TODAY)).ok).toBe(true); // refresh: delete + add, alerts off
    expect(fx.active.sheets.map((x) => x.name)).toEqual(['重点项目', '本周通报', '汇总']);
    for (const name of ['汇总', '本周通报']) {
      const sh = fx.sheet(name)!;
      const formulas = [...sh.cells.values()].filter((c) => c.f);
      expect([name, formulas]).toEqual([name, []]);
    }
    const bulletin = etValues(fx.sheet('本周通报')!).flat();
    for (const t of ['=SUM(A1:A9)', '+86 热线', '-开工准备', '@镇长 协调']) expect(bulletin).toContain(t);
    expect(fx.sheet('汇总')!.charts).toHaveLength(1);
    expect(fx.sheet('汇总')!.charts[0]!.title).toBe('各类项目完成率与序时进度');
    // the clerk's values untouched, and a second 校验 sees the same problems (the add-in's sheets are not town tables)
    const again = await validate(host(fx), FILE, TODAY);
    expect(again.report.analysis.issues.map(key)).toEqual(first.report.analysis.issues.map(key));
    expect(again.report.analysis.tables).toHaveLength(first.report.analysis.tables.length);
    expect(fx.displayAlerts).toBe(true);
    expect(fx.screenUpdating).toBe(true);
  });

  test('a clerk\'s own sheet named 汇总 is never replaced', async () => {
    const fx = new FakeEt([townSheet(5), newSheet('汇总', [['我自己的汇总'], [1, 2, 3]])]);
    const r = await writeSummary(host(fx), FILE, TODAY);
    expect(r).toMatchObject({ ok: false, reason: 'foreign' });
    expect(etValues(fx.sheet('汇总')!)).toEqual([['我自己的汇总'], [1, 2, 3]]);
  });

  test('插入模板: drop-down lists, number formats, frozen header rows, a free name', async () => {
    const fx = new FakeEt([townSheet(2)]);
    const name = await insertTemplate(host(fx), 'projects');
    expect(name).toBe('重点项目2');
    const s = fx.sheet(name)!;
    const head = etValues(s)[2] as string[];
    expect(head).toEqual(expect.arrayContaining(['项目名称', '年度计划投资', '本周进展']));
    const plan = head.indexOf('年度计划投资');
    expect(s.cells.get(`${String.fromCharCode(65 + plan)}4`)?.fmt).toBe('#,##0.00');
    expect([...s.validations.values()].some((l) => l.includes('基础设施'))).toBe(true);
    expect(s.freezeRow).toBe(3);
    expect(fx.activeSheet.get(fx.active)).toBe(name);
  });

  test('clicking a problem selects its cell, or says why not', async () => {
    const fx = new FakeEt([townSheet(3), newSheet('旧表', [['x']], 'Hidden'), newSheet('另一张', [['y']])]);
    expect(await selectCell(host(fx), '另一张', 'A1')).toBe('ok');
    expect(await selectCell(host(fx), '重点项目', 'F5')).toBe('ok');
    expect(fx.selection).toEqual({ sheet: '重点项目', cell: 'F5' });
    expect(fx.activeSheet.get(fx.active)).toBe('重点项目');
    expect(await selectCell(host(fx), '旧表', 'A1')).toBe('hidden');
    expect(await selectCell(host(fx), '没有这张表', 'A1')).toBe('missing');
  });
});

describe('汇总多个文件 through WPS itself (.xls and .et opened by Workbooks.Open)', () => {
  function town(name: string, n: number): ModelSheet {
    const s = townSheet(n, {});
    s.values[0]![0] = `${name}重点项目推进情况表（截至2015年10月31日）`;
    s.values[1]![0] = `填报单位：${name}`;
    return s;
  }

  test('each chosen file is opened read-only, read like the open workbook, closed; the county sheets go to the clerk\'s workbook', async () => {
    const fx = new FakeEt([newSheet('Sheet1', [['县里的表']])], {}, '县汇总.xlsx');
    fx.files.set('D:\\报表\\东溪镇.xls', [town('东溪镇', 6)]);
    fx.files.set('D:\\报表\\云峰镇.et', [town('云峰镇', 4)]);
    fx.openFilename = ['D:\\报表\\东溪镇.xls', 'D:\\报表\\云峰镇.et', 'D:\\报表\\坏文件.xls'];
    const got = await openFilesThroughWps(fx.app);
    if (!Array.isArray(got)) throw new Error(String(got));
    expect(got.map((f) => [f.file, f.ok])).toEqual([['东溪镇.xls', true], ['云峰镇.et', true], ['坏文件.xls', false]]);
    expect(got[2]).toMatchObject({ ok: false, code: 'E_READ_FAILED' });
    expect((got[2] as { message: string }).message).toContain('无法打开文件');
    // every opened workbook is closed again; the clerk's is the active one
    expect(fx.books.filter((b) => b.open).map((b) => b.name)).toEqual(['县汇总.xlsx']);
    expect(fx.active.name).toBe('县汇总.xlsx');
    const roster = rosterFromFiles(got.flatMap((f) => (f.ok ? [{ file: f.file, grids: f.grids }] : [])));
    const ctx = analysisContext({ roster, asOf: '2015-10-31' });
    const result = consolidate(got.map((f) => analyzeSource(f, ctx)), { roster, asOf: '2015-10-31' });
    const names = await writeCountySheets(host(fx), result);
    expect(names).toEqual(['全县汇总概览', '全县滞后项目', '全县报送情况']);
    const total = etValues(fx.sheet('全县汇总概览')!).find((r) => r[1] === '合计')!;
    expect(total[3]).toBe(10);
  });

  test('cancelled → null; a build without GetOpenFilename → unsupported (the pane then says so in Chinese)', async () => {
    const fx = new FakeEt([townSheet(2)]);
    fx.openFilename = false;
    expect(await openFilesThroughWps(fx.app)).toBeNull();
    const old = new FakeEt([townSheet(2)]);
    old.openFilename = undefined;
    expect(await openFilesThroughWps(old.app)).toBe('unsupported');
    const { STRINGS } = await import('../../addin/pane/strings');
    expect(STRINGS.openFilesMissing.zh).toContain('不支持');
  });

  test('a file the clerk already has open is read and left open', async () => {
    const fx = new FakeEt([town('云峰镇', 3)], {}, '云峰镇.xls');
    fx.openFilename = fx.active.fullName;
    const got = await openFilesThroughWps(fx.app);
    expect(Array.isArray(got) && got[0]!.ok).toBe(true);
    expect(fx.active.open).toBe(true);
  });
});

describe('the quirks, one by one', () => {
  test('Value2 of one cell, one row, a block, a SafeArray → rows × columns', () => {
    expect(to2D(5, 1, 1)).toEqual([[5]]);
    expect(to2D(undefined, 1, 1)).toEqual([[undefined]]);
    expect(to2D([1, 2, 3], 1, 3)).toEqual([[1, 2, 3]]);
    expect(to2D([1, 2, 3], 3, 1)).toEqual([[1], [2], [3]]);
    expect(to2D([[1, 2], [3, 4]], 2, 2)).toEqual([[1, 2], [3, 4]]);
    expect(to2D({ toArray: () => [1, 3, 2, 4] }, 2, 2)).toEqual([[1, 2], [3, 4]]);
  });

  test('property-vs-method members', () => {
    expect(member({ Address: 'A1:B2' }, 'Address', false, false)).toBe('A1:B2');
    expect(member({ Address: (a: boolean) => (a ? '$A$1' : 'A1') }, 'Address', false, false)).toBe('A1');
    expect(member({ Count: () => 3 }, 'Count')).toBe(3);
  });

  test('Interior.Color is BGR', () => {
    expect(hexToBgr('#FFC7CE')).toBe(0xcec7ff);
    expect(bgrToHex(0xcec7ff)).toBe('#FFC7CE');
    expect(bgrToHex(hexToBgr('#00B050'))).toBe('#00B050');
  });

  test('GetOpenFilename answers: false, one path, an array, a SafeArray', () => {
    expect(pathList(false)).toEqual([]);
    expect(pathList('D:\\a.xls')).toEqual(['D:\\a.xls']);
    expect(pathList(['a.et', 'b.xls'])).toEqual(['a.et', 'b.xls']);
    expect(pathList({ toArray: () => ['a.xls'] })).toEqual(['a.xls']);
  });

  test('missing browser APIs are added, present ones left alone', () => {
    const g: Record<string, unknown> = { crypto: { getRandomValues: (a: Uint8Array) => a.fill(7) } };
    expect(installShims(g)).toContain('crypto.randomUUID');
    expect((g.crypto as { randomUUID: () => string }).randomUUID()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const own = () => 'mine';
    const h: Record<string, unknown> = { crypto: { randomUUID: own } };
    installShims(h);
    expect((h.crypto as { randomUUID: unknown }).randomUUID).toBe(own);
  });

  test('deleting a sheet with alerts on would stop at a dialog: the fake refuses, so every write above ran with alerts off', () => {
    const fx = new FakeEt([townSheet(2), newSheet('x', [['1']])]);
    const ws = fx.app.ActiveWorkbook.Worksheets.Item('x') as Et.Worksheet;
    expect(() => ws.Delete()).toThrow('DisplayAlerts');
  });
});
