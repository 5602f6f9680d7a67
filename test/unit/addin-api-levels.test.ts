/// <reference types="office-js" />
/**
 * The add-in's operations on an Excel of each ExcelApi level it supports (test/support/excel-mock.ts drops the
 * members above the level, as an older Excel lacks them, and answers isSetSupported for it): what works, what the
 * pane says is missing, and live checking (边改边查) where change events exist.
 *   1.1  Excel 2016 (volume-licensed / MSI): the manifest's minimum
 *   1.8  Office 2019
 *   1.3  first level with the visible view (hidden rows, read from the first column)
 *   1.9  first level with visible cells and fill patterns (Microsoft 365 since 2019)
 *   1.14 Office 2021
 *   all  Microsoft 365, Excel on the web, Mac
 */
import { FakeExcel, NO_FILL, newSheet, type ModelSheet, type Scalar } from '../support/excel-mock';
import {
  clearMarks, insertTemplate, mark, readWorkbook, selectCell, validate, writeBulletin, writeCountySheets, writeSummary,
} from '../../addin/ops/operations';
import { NEEDS_NEWER_EXCEL } from '../../addin/office/office-host';
import {
  ALL, CAPABILITIES, capabilitiesAt, detectCapabilities, levelOf, missingNotes, useCapabilities, type Capability,
} from '../../addin/office/office-capabilities';
import { LiveCheck } from '../../addin/office/live-check';
import type { TownReport } from '../../core/addin-sheets';

const HEAD = ['序号', '项目名称', '项目类别', '总投资', '年度计划投资', '1-10月累计完成投资', '本周进展', '下周计划', '存在问题', '项目组长', '状态', '责任单位'];
const TODAY = '2015-11-02';
const FILE = '云峰镇.xlsx';

function projectSheet(n: number, bad: Record<number, Record<number, Scalar>> = {}): ModelSheet {
  const rows: Scalar[][] = [['云峰镇重点项目推进情况表（截至2015年10月31日）'], ['填报单位：云峰镇', '', '', '', '', '单位：万元'], HEAD];
  for (let i = 0; i < n; i++) {
    const plan = 100 + (i % 7) * 10;
    const row: Scalar[] = [i + 1, `项目${i + 1}`, '基础设施', plan * 3, plan, plan * 0.9, '施工', '继续施工', '', `组长${i % 4}`, '在建', '镇政府'];
    for (const [c, v] of Object.entries(bad[i] ?? {})) row[Number(c)] = v;
    rows.push(row);
  }
  const s = newSheet('重点项目', rows);
  s.merges.push('A1:L1');
  return s;
}

const LEVELS: [string, number][] = [['Excel 2016 (1.1)', 1], ['1.3', 3], ['Office 2019 (1.8)', 8], ['1.9', 9], ['Office 2021 (1.14)', 14], ['Microsoft 365 / web / Mac', 99]];

afterEach(() => useCapabilities(ALL));

/** An Excel of the level, with the pane's capabilities detected from its isSetSupported as the pane does it. */
function excelAt(minor: number, sheets: ModelSheet[]): FakeExcel {
  const fx = new FakeExcel(sheets, minor);
  useCapabilities(detectCapabilities(fx.isSetSupported));
  return fx;
}

describe('what the pane detects and says at each level', () => {
  test.each(LEVELS)('%s', (_name, minor) => {
    const fx = new FakeExcel([], minor);
    const caps = detectCapabilities(fx.isSetSupported);
    expect(caps).toEqual(capabilitiesAt(minor));
    for (const [k, info] of Object.entries(CAPABILITIES)) expect([k, caps[k as Capability]]).toEqual([k, info.minor <= minor]);
    const notes = missingNotes(caps).map((n) => n.capability);
    const expected: Record<number, Capability[]> = {
      1: ['sheetVisibilityWrite', 'visibleView', 'changeEvents', 'dataValidation', 'fillPattern', 'mergedAreas'],
      8: ['fillPattern', 'mergedAreas'],
      3: ['changeEvents', 'dataValidation', 'fillPattern', 'mergedAreas'],
      9: ['mergedAreas'],
      14: [],
      99: [],
    };
    expect(notes).toEqual(expected[minor]);
    expect(levelOf(caps)).toBe(Math.min(minor, 13));
    for (const n of missingNotes(caps)) expect(n.text).toMatch(/[\u4e00-\u9fff]/);
  });

  test('the merged-cell note says what still works and that the check may be less exact', () => {
    const text = missingNotes(capabilitiesAt(8)).find((n) => n.capability === 'mergedAreas')!.text;
    expect(text).toContain('左上角');
    expect(text).toContain('不够准确');
    expect(text).toMatch(/Excel 2021|Microsoft 365/);
  });

  test('an isSetSupported that throws (a host without requirements) counts as not supported', () => {
    const caps = detectCapabilities(() => {
      throw new Error('no requirements');
    });
    expect(Object.values(caps).every((v) => v === false)).toBe(true);
  });
});

describe.each(LEVELS)('operations on %s', (_name, minor) => {
  test('校验 finds the same problems with their cells in 3 syncs', async () => {
    const fx = excelAt(minor, [projectSheet(8, { 2: { 5: -20 }, 4: { 4: 'abc' } })]);
    const before = fx.syncs;
    const v = await validate(fx.host, FILE, TODAY);
    expect(fx.syncs - before).toBe(3);
    const cells = v.report.analysis.issues.filter((i) => i.sheet === '重点项目' && i.cell).map((i) => i.cell);
    expect(cells).toEqual(expect.arrayContaining(['F6', 'E8']));
    expect(v.report.analysis.tables[0]!.rowCount).toBe(8);
  });

  test('merged areas and hidden rows reach the Grid only where the host can read them', async () => {
    const s = projectSheet(4);
    s.hiddenRows.add(4);
    const fx = excelAt(minor, [s, newSheet('空表')]);
    const wb = await readWorkbook(fx.host);
    const g = wb.grids[0]!;
    expect(g.merges).toEqual(minor >= 13 ? [{ top: 0, left: 0, bottom: 0, right: 11 }] : []);
    // 1.9: visible cells; 1.3–1.8: the first column's visible view; 1.1: unknown (the pane says so)
    expect(g.hiddenRows).toEqual(minor >= 3 ? [4] : undefined);
    // the title is read by its top-left cell at every level
    expect(g.rows[0]![0]!.value).toBe('云峰镇重点项目推进情况表（截至2015年10月31日）');
    // a blank sheet is an empty grid at every level (getUsedRange gives A1 below 1.4)
    expect(wb.grids[1]).toMatchObject({ sheet: '空表', rows: [] });
  });

  test('标记 and 清除标记: where the host can hide the store, each cell gets its own fill back', async () => {
    const s = projectSheet(6, { 1: { 5: -5 }, 3: { 5: -7 } });
    s.fills.set('F5', { color: '#00FF00', pattern: 'Solid' });
    const fx = excelAt(minor, [s]);
    if (minor < 2) {
      await expect(mark(fx.host, FILE, TODAY)).rejects.toThrow(NEEDS_NEWER_EXCEL);
      expect(fx.sheets).toHaveLength(1); // nothing written
      expect((await clearMarks(fx.host)).restored).toBe(0);
      return;
    }
    const m = await mark(fx.host, FILE, TODAY);
    expect(m.marked).toBeGreaterThanOrEqual(2);
    expect(fx.sheet('重点项目')!.fills.get('F5')!.color).not.toBe('#00FF00');
    const c = await clearMarks(fx.host);
    expect(c.restored).toBe(m.marked);
    expect(fx.sheet('重点项目')!.fills.get('F5')).toEqual({ color: '#00FF00', pattern: 'Solid' });
    expect(fx.sheet('重点项目')!.fills.get('F7') ?? NO_FILL).toEqual(NO_FILL);
  });

  test('汇总, 周报, 插入模板, 汇总多个文件 and clicking a problem work', async () => {
    const fx = excelAt(minor, [projectSheet(5), newSheet('旧表', [['x']], 'Hidden')]);
    expect((await writeSummary(fx.host, FILE, TODAY)).ok).toBe(true);
    expect(fx.sheet('汇总')!.charts).toEqual(['ColumnClustered']);
    expect((await writeBulletin(fx.host, FILE, TODAY)).ok).toBe(true);
    expect(fx.sheet('本周通报')!.values.length).toBeGreaterThan(2);
    const name = await insertTemplate(fx.host, 'projects');
    expect(fx.sheet(name)!.values[2]).toEqual(expect.arrayContaining(['项目名称', '年度计划投资']));
    const { analysisContext, analyzeSource, consolidate } = await import('../../core/consolidate');
    const { rosterFromFiles } = await import('../../core/addin-sheets');
    const files = [{ file: FILE, ok: true as const, grids: (await readWorkbook(new FakeExcel([projectSheet(3)], minor).host)).grids }];
    const roster = rosterFromFiles(files);
    const ctx = analysisContext({ roster, asOf: '2015-10-31' });
    const result = consolidate(files.map((f) => analyzeSource(f, ctx)), { roster, asOf: '2015-10-31' });
    expect(await writeCountySheets(fx.host, result)).toContain('全县汇总概览');
    expect(await selectCell(fx.host, '重点项目', 'B4')).toBe('ok');
    expect(await selectCell(fx.host, '旧表', 'A1')).toBe('hidden');
    expect(await selectCell(fx.host, '没有', 'A1')).toBe('missing');
  });
});

describe('边改边查 (live checking, ExcelApi 1.7 change events)', () => {
  async function live(minor: number, n: number) {
    const fx = excelAt(minor, [projectSheet(n), newSheet('说明', [['本表说明']])]);
    const updates: { report: TownReport; sheet: string }[] = [];
    const lc = new LiveCheck({
      run: (fn) => fn(fx.context),
      fileName: () => FILE,
      today: () => TODAY,
      delayMs: 20,
      onUpdate: (report, _order, sheet) => updates.push({ report, sheet }),
    });
    return { fx, lc, updates };
  }

  test('an edit re-checks that sheet after the pause and the list changes without a click; one re-check per burst', async () => {
    const { fx, lc, updates } = await live(8, 6);
    const first = await lc.start();
    expect(first.analysis.issues.filter((i) => i.cell === 'F5')).toEqual([]);
    expect([...fx.changeHandlers.keys()].sort()).toEqual(['说明', '重点项目']);
    // the clerk types a negative 累计 in F5, then corrects E5 and F5 again within the pause
    fx.sheet('重点项目')!.values[4]![5] = -30;
    await fx.fireChange('重点项目', 'F5');
    fx.sheet('重点项目')!.values[4]![4] = 'abc';
    await fx.fireChange('重点项目', 'E5');
    const syncsBefore = fx.syncs;
    await lc.idle();
    expect(lc.rechecks).toBe(1);
    expect(fx.syncs - syncsBefore).toBe(3);
    expect(updates).toHaveLength(1);
    expect(updates[0]!.sheet).toBe('重点项目');
    const cells = updates[0]!.report.analysis.issues.map((i) => i.cell);
    expect(cells).toEqual(expect.arrayContaining(['F5', 'E5']));
    // fixed again: the problems leave the list
    fx.sheet('重点项目')!.values[4]![5] = 90;
    fx.sheet('重点项目')!.values[4]![4] = 100;
    await fx.fireChange('重点项目', 'E5:F5');
    await lc.idle();
    expect(updates).toHaveLength(2);
    expect(updates[1]!.report.analysis.issues.filter((i) => i.cell === 'F5' || i.cell === 'E5')).toEqual([]);
  });

  test('a re-check costs the same syncs for 10 and 10,000 rows', async () => {
    const cost: number[] = [];
    for (const n of [10, 10000]) {
      const { fx, lc } = await live(99, n);
      await lc.start();
      fx.sheet('重点项目')!.values[3]![5] = -1;
      await fx.fireChange('重点项目', 'F4');
      const before = fx.syncs;
      await lc.idle();
      cost.push(fx.syncs - before);
      await lc.stop();
    }
    expect(cost).toEqual([3, 3]);
  }, 120000);

  test('the toggle off (stop) removes the handlers and an edit changes nothing', async () => {
    const { fx, lc, updates } = await live(8, 4);
    await lc.start();
    await lc.stop();
    expect([...fx.changeHandlers.values()].every((l) => l.length === 0)).toBe(true);
    fx.sheet('重点项目')!.values[3]![5] = -1;
    await fx.fireChange('重点项目', 'F4');
    await lc.idle();
    expect(updates).toEqual([]);
    expect(lc.rechecks).toBe(0);
  });

  test('below ExcelApi 1.7 there are no change events: the pane says so and does not start', () => {
    const fx = new FakeExcel([projectSheet(2)], 6);
    const caps = detectCapabilities(fx.isSetSupported);
    expect(caps.changeEvents).toBe(false);
    expect(missingNotes(caps).map((n) => n.text).join('')).toContain('边改边查');
    // the sheet object of that Excel has no onChanged at all
    expect((fx.context.workbook.worksheets.getItem('重点项目') as unknown as Record<string, unknown>).onChanged).toBeUndefined();
  });
});

describe('the level mock can fail', () => {
  test('code that calls members above the level (capabilities not detected) is rejected as by an older Excel', async () => {
    useCapabilities(ALL); // as if the pane skipped detection
    await expect(validate(new FakeExcel([projectSheet(3)], 1).host, FILE, TODAY)).rejects.toThrow(TypeError);
    await expect(validate(new FakeExcel([projectSheet(3)], 12).host, FILE, TODAY)).rejects.toThrow(TypeError);
    useCapabilities({ ...capabilitiesAt(8), fillPattern: true });
    await expect(mark(new FakeExcel([projectSheet(3, { 1: { 5: -5 } })], 8).host, FILE, TODAY)).rejects.toThrow(/pattern/);
    useCapabilities({ ...capabilitiesAt(6), dataValidation: true });
    await expect(insertTemplate(new FakeExcel([projectSheet(3)], 7).host, 'projects')).rejects.toThrow(TypeError);
  });
});
