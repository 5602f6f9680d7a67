import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ExcelJS from 'exceljs';
import { writeSummaryWorkbook, HEADER_ROW, NUMFMT } from '../../io/write/summary-workbook';
import { SUMMARY_SHEET_ORDER as SHEET_NAMES, SUMMARY_SIGNATURE_SHEETS } from '../../core/labels';
import { fixture, HYPERLINK_NAME, LONG_PROBLEM } from '../fixtures/result-fixture';
import type { ConsolidationResult } from '../../core/types';

let dir: string;
let wb: ExcelJS.Workbook;

async function writeAndRead(result: ConsolidationResult, name: string, opts = { county: '云和县' }): Promise<ExcelJS.Workbook> {
  const file = path.join(dir, name);
  await writeSummaryWorkbook(result, file, opts);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  return book;
}

function sheet(name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

/** Row values 1..n (exceljs's row.values is 1-based with a hole at 0). */
function values(ws: ExcelJS.Worksheet, row: number, n: number): unknown[] {
  const r = ws.getRow(row);
  return Array.from({ length: n }, (_, i) => {
    const v = r.getCell(i + 1).value;
    return v === undefined ? null : v;
  });
}

function findRow(ws: ExcelJS.Worksheet, column: number, value: unknown): number {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(column).value === value) return r;
  throw new Error(`${ws.name}: no row with ${String(value)} in column ${column}`);
}

function headers(ws: ExcelJS.Worksheet, row = HEADER_ROW): string[] {
  const out: string[] = [];
  ws.getRow(row).eachCell({ includeEmpty: false }, (c) => out.push(String(c.value).replace(/\n/g, '')));
  return out;
}

/** Every cell of every sheet, as text, for comparing two writes. */
function dump(book: ExcelJS.Workbook): string {
  const lines: string[] = [];
  book.eachSheet((ws) => {
    ws.eachRow({ includeEmpty: true }, (r, n) => {
      r.eachCell({ includeEmpty: false }, (c) => lines.push(`${ws.name}!${c.address}(${n})=${JSON.stringify(c.value)}|${c.numFmt ?? ''}`));
    });
  });
  return lines.join('\n');
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'summary-workbook-'));
  wb = await writeAndRead(fixture, 'summary.xlsx');
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

test('sheets are the Chinese sheets, in order', () => {
  expect(wb.worksheets.map((ws) => ws.name)).toEqual([...SHEET_NAMES]);
  expect(SHEET_NAMES).toEqual(['汇总概览', '通报', '项目明细', '滞后项目', '存在问题', '主要指标', '扩权事项', '报送情况']);
  // every sheet that makes a workbook recognisable as a summary is written
  for (const n of SUMMARY_SIGNATURE_SHEETS) expect(SHEET_NAMES).toContain(n);
});

describe('汇总概览', () => {
  test('title, subtitle and headers', () => {
    const ws = sheet('汇总概览');
    expect(ws.getCell('A1').value).toBe('云和县重点项目推进情况汇总（截至2015年10月31日）');
    expect(ws.model.merges).toContain('A1:O1');
    expect(ws.getCell('A2').value).toBe('序时进度 83.3%（1-10月）　黄灯：低于序时进度10个百分点以内；红灯：低于10个百分点以上');
    expect(headers(ws)).toEqual([
      '排名', '乡镇', '报送状态', '报表日期', '项目数', '总投资（万元）', '年度计划（万元）', '累计完成（万元）',
      '完成率', '与序时进度差（个百分点）', '红灯', '黄灯', '绿灯', '较上周（万元）', '排名变化',
    ]);
    expect(ws.getCell('A3').font?.bold).toBe(true);
    expect(ws.getCell('A3').fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
    expect(ws.getCell('A3').border?.top?.style).toBe('thin');
  });

  test('towns in rank order, then the unranked with status and no figures', () => {
    const ws = sheet('汇总概览');
    expect(values(ws, 4, 4)).toEqual([1, '云峰镇', '已报送', '2015-10-31']);
    expect(values(ws, 5, 3)).toEqual([2, '青溪镇', '已报送']);
    expect(values(ws, 6, 13)).toEqual([null, '西河镇', '退回', '2015-10-31', null, null, null, null, null, null, null, null, null]);
    expect(values(ws, 7, 13)).toEqual([null, '东山乡', '未报送', null, null, null, null, null, null, null, null, null, null]);
  });

  test("a town's row carries the result's totals", () => {
    const ws = sheet('汇总概览');
    const t = fixture.towns[0].projects!;
    const r = findRow(ws, 2, '云峰镇');
    expect(values(ws, r, 13).slice(4)).toEqual([
      t.count, t.totalInvestment, t.annualPlan, t.completedYtd, t.completion, t.gap, t.red, t.yellow, t.green,
    ]);
  });

  test('全县合计 is bold and equals result.county.projects', () => {
    const ws = sheet('汇总概览');
    const c = fixture.county.projects;
    const r = findRow(ws, 2, '全县合计');
    expect(r).toBe(8);
    expect(values(ws, r, 13)).toEqual([
      null, '全县合计', null, null, c.count, c.totalInvestment, c.annualPlan, c.completedYtd, c.completion, c.gap,
      c.red, c.yellow, c.green,
    ]);
    expect(ws.getCell(`B${r}`).font?.bold).toBe(true);
    expect(ws.getCell(`F${r}`).font?.bold).toBe(true);
  });

  test('number formats: amounts, percent, signed gap', () => {
    const ws = sheet('汇总概览');
    expect(ws.getCell('F4').numFmt).toBe(NUMFMT.amount);
    expect(ws.getCell('F4').numFmt).toBe('#,##0.00');
    expect(ws.getCell('I4').numFmt).toBe('0.0%');
    expect(ws.getCell('J4').numFmt).toBe('+0.00;-0.00;0.00');
  });

  test('notes name who has not reported and who must redo', () => {
    const ws = sheet('汇总概览');
    const notes: string[] = [];
    for (let r = 9; r <= ws.rowCount; r++) notes.push(String(ws.getCell(`A${r}`).value ?? ''));
    expect(notes.join('\n')).toContain('未报送：东山乡；退回需重报：西河镇');
  });
});

describe('项目明细', () => {
  test('one row per project of the submitted towns, with source', () => {
    const ws = sheet('项目明细');
    expect(headers(ws)).toEqual([
      '乡镇', '序号', '项目名称', '类别', '状态', '总投资', '年度计划', '本周完成', '累计完成', '完成率', '与序时差', '灯',
      '项目组长', '形象进度', '存在问题', '下周计划', '来源', '较上周（万元）',
    ]);
    const rows: unknown[][] = [];
    for (let r = HEADER_ROW + 1; r <= ws.rowCount; r++) rows.push(values(ws, r, 17));
    expect(rows).toHaveLength(12);
    const p = fixture.towns[0].projectList[2];
    expect(rows[2]).toEqual([
      '云峰镇', 3, '云峰工业园标准厂房', '产业发展', '在建', p.totalInvestment, p.annualPlan, p.weekDone, p.completedYtd,
      p.completion, p.gap, '红', '王芳', p.progressText, p.problems, null, '云峰镇.xlsx｜重点项目!第7行',
    ]);
    // 前期 project: no plan, no light.
    expect(rows[4].slice(6, 12)).toEqual([null, null, null, null, null, null]);
    expect(rows[7][16]).toBe('weekly/青溪镇周报.xlsx｜Sheet1!第4行');
  });

  test('town text that looks like a formula stays a string', () => {
    const ws = sheet('项目明细');
    const r = findRow(ws, 3, HYPERLINK_NAME);
    const cell = ws.getCell(`C${r}`);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=HYPERLINK("x")');
    expect(cell.formula).toBeUndefined();
    expect(ws.getCell(`O${r}`).value).toBe('+需县领导协调资金');
    expect(ws.getCell(`M${r}`).value).toBe('@刘洋');
    expect(ws.getCell(`N${r}`).value).toBe('-');
  });

  test('no cell anywhere is a formula', () => {
    let formulas = 0;
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((c) => {
          if (c.type === ExcelJS.ValueType.Formula || c.formula) formulas++;
        }),
      ),
    );
    expect(formulas).toBe(0);
  });

  test('wrapped long text gets a taller row', () => {
    const ws = sheet('项目明细');
    const r = findRow(ws, 15, LONG_PROBLEM);
    expect(ws.getCell(`O${r}`).alignment?.wrapText).toBe(true);
    expect(ws.getRow(r).height).toBeGreaterThan(30);
  });
});

describe('滞后项目', () => {
  test('red first, points below 序时 positive', () => {
    const ws = sheet('滞后项目');
    expect(headers(ws)).toEqual([
      '乡镇', '项目名称', '项目组长', '年度计划（万元）', '累计完成（万元）', '完成率', '低于序时（个百分点）', '灯', '存在问题', '来源',
    ]);
    const lights: unknown[] = [];
    for (let r = HEADER_ROW + 1; r <= ws.rowCount; r++) lights.push(ws.getCell(`H${r}`).value);
    expect(lights).toEqual(['红', '红', '红', '黄', '黄', '黄']);
    const first = fixture.lagging[0];
    expect(values(ws, HEADER_ROW + 1, 8)).toEqual([
      first.town, first.project, first.leader, first.annualPlan, first.completedYtd, first.completion, -first.gap, '红',
    ]);
  });
});

describe('存在问题', () => {
  test('numbered, with the problem text in a wide wrapped column', () => {
    const ws = sheet('存在问题');
    expect(headers(ws)).toEqual(['序号', '乡镇', '项目名称', '项目组长', '灯', '存在问题（需县领导协调）']);
    const n = fixture.problems.length;
    for (let i = 0; i < n; i++) {
      const p = fixture.problems[i];
      expect(values(ws, HEADER_ROW + 1 + i, 6)).toEqual([i + 1, p.town, p.project, p.leader, lightOrNull(p.light), p.problems]);
    }
    expect(ws.getColumn(6).width).toBeGreaterThanOrEqual(60);
    expect(ws.getCell(`F${HEADER_ROW + 1}`).alignment?.wrapText).toBe(true);
  });
});

function lightOrNull(l: string | null): string | null {
  return l === 'red' ? '红' : l === 'yellow' ? '黄' : l === 'green' ? '绿' : null;
}

describe('主要指标', () => {
  test('town indicators, then the county block of additive indicators', () => {
    const ws = sheet('主要指标');
    expect(headers(ws)).toEqual([
      '乡镇', '指标名称', '单位', '年度目标', '1-10月累计', '完成率', '与序时差', '灯', '是否可累加', '备注',
      '原目标', '调整后目标', '调整日期', '调整文号',
    ]);
    expect(values(ws, HEADER_ROW + 1, 10)).toEqual([
      '云峰镇', '地区生产总值', '亿元', 45, 36.2, 36.2 / 45, fixture.towns[0].indicators![0].gap, '黄', '是', '原填「GDP」',
    ]);
    expect(ws.getCell(`I${findRow(ws, 2, '城镇化率')}`).value).toBe('否');
    const block = findRow(ws, 1, '全县（可累加指标）');
    expect(values(ws, block + 1, 10)).toEqual(['全县', '地区生产总值', '亿元', 83, 69.3, 69.3 / 83, null, null, '是', '2个乡镇合计']);
    expect(values(ws, block + 2, 2)).toEqual(['全县', '固定资产投资']);
  });
});

describe('报送情况', () => {
  test('roster block, then every file with its issues one per row', () => {
    const ws = sheet('报送情况');
    const roster = findRow(ws, 1, '一、各乡镇报送情况');
    expect(values(ws, roster + 1, 3)).toEqual(['云峰镇', '已报送', '2015-10-31']);
    expect(values(ws, roster + 3, 2)).toEqual(['西河镇', '退回']);
    expect(values(ws, roster + 4, 2)).toEqual(['东山乡', '未报送']);
    const files = findRow(ws, 1, '二、收到的文件及问题（每个问题一行）');
    expect(headers(ws, files + 1)).toEqual(['乡镇', '文件状态', '报表日期', '文件', '严重程度', '代码', '工作表', '单元格', '说明']);
    const rows: unknown[][] = [];
    for (let r = files + 2; r <= ws.rowCount; r++) rows.push(values(ws, r, 9));
    const issueRows = fixture.files.reduce((a, f) => a + Math.max(1, f.issues.length), 0);
    expect(rows).toHaveLength(issueRows);
    expect(rows.map((r) => r[1])).toEqual(['已采用', '已被替代', '已采用', '退回', '退回', '退回', '已忽略']);
    expect(rows[4]).toEqual([
      '西河镇', '退回', '2015-10-31', '西河镇.xlsx', '错误', 'E_NOT_NUMBER', '项目进度', 'F9', '「年度计划投资」不是数字：「三千」',
    ]);
    expect(rows[3].slice(4, 8)).toEqual(['错误', 'E_NO_NAME_COLUMN', '项目进度', null]);
    expect(rows[1][8]).toBe('未发现问题');
  });
});

describe('every sheet', () => {
  test('conditional formats colour the 灯 columns', () => {
    const lightColumns: Record<string, string> = { 项目明细: 'L', 滞后项目: 'H', 存在问题: 'E', 主要指标: 'H' };
    for (const [name, column] of Object.entries(lightColumns)) {
      const ws = sheet(name);
      // Read back by the document reader; not in exceljs's typings.
      const all = (ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings;
      const cf = all.find((f) => f.ref.startsWith(`${column}${HEADER_ROW + 1}:`));
      expect(cf).toBeDefined();
      const formulas = cf!.rules.map((r) => ('formulae' in r && r.formulae ? String(r.formulae[0]) : ''));
      expect(formulas).toEqual([`${column}4="红"`, `${column}4="黄"`, `${column}4="绿"`]);
      const red = cf!.rules[0].style?.fill as ExcelJS.FillPattern | undefined;
      expect(red?.bgColor?.argb).toBe('FFFF0000');
    }
  });

  test('A4 landscape, one page wide, header row repeated, frozen below the header', () => {
    // the 通报 is text, not a table: no header row to repeat or freeze (test/bulletin-sheet.test.ts)
    for (const ws of wb.worksheets.filter((w) => w.name !== '通报')) {
      expect(ws.pageSetup.orientation).toBe('landscape');
      expect(ws.pageSetup.paperSize).toBe(9);
      expect(ws.pageSetup.fitToPage).toBe(true);
      expect(ws.pageSetup.fitToWidth).toBe(1);
      expect(ws.pageSetup.fitToHeight).toBe(0);
      expect(ws.pageSetup.printTitlesRow).toBe(`${HEADER_ROW}:${HEADER_ROW}`);
      expect(ws.pageSetup.margins?.left).toBeLessThanOrEqual(0.3);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: HEADER_ROW });
      expect(ws.getCell('A1').font?.name).toBe('宋体');
      expect(ws.getCell(`A${HEADER_ROW + 1}`).font?.name).toBe('宋体');
      // exceljs leaves out columns of width 9; the sheet's default width is 9.
      expect(ws.properties.defaultColWidth).toBe(9);
      for (let c = 1; c <= ws.columnCount; c++) expect(ws.getColumn(c).width ?? 9).toBeGreaterThan(4);
    }
  });
});

test('the same result gives the same cells; dates come from asOf', async () => {
  const again = await writeAndRead(fixture, 'again.xlsx');
  expect(dump(again)).toBe(dump(wb));
  expect(again.created.toISOString()).toBe('2015-10-31T00:00:00.000Z');
  expect(again.modified.toISOString()).toBe('2015-10-31T00:00:00.000Z');
});

test('an empty result still gives all the sheets', async () => {
  const empty: ConsolidationResult = {
    asOf: '2015-10-15',
    timeProgress: 288 / 365,
    thresholds: { yellowBelow: 5 },
    files: [],
    towns: [],
    county: {
      projects: {
        count: 0, totalInvestment: 0, annualPlan: 0, completedYtd: 0, weekDone: 0, red: 0, yellow: 0, green: 0,
        completion: null, gap: null,
      },
      indicators: [],
    },
    lagging: [],
    problems: [],
  };
  const book = await writeAndRead(empty, 'empty.xlsx', { county: '某县' });
  expect(book.worksheets.map((ws) => ws.name)).toEqual([...SHEET_NAMES]);
  const ws = book.getWorksheet('汇总概览')!;
  expect(ws.getCell('A1').value).toBe('某县重点项目推进情况汇总（截至2015年10月15日）');
  expect(String(ws.getCell('A2').value)).toContain('序时进度 78.9%（1月1日-10月15日）');
  expect(String(ws.getCell('A2').value)).toContain('低于序时进度5个百分点以内');
  expect(book.getWorksheet('滞后项目')!.getCell(`A${HEADER_ROW + 1}`).value).toBe('本期无滞后项目');
});
