/**
 * A town's text that looks like a formula (`=HYPERLINK(…)`, `=cmd|' /C calc'!A0`, `+1+1`, `-2+3`, `@SUM(A1)`) stays
 * text everywhere the tool writes it: the county summary (every sheet, checked in the file's XML and after LibreOffice
 * opened and re-saved it), the bulletin PDF, the JSON report, and the add-in's sheets (Office.js takes such strings
 * as formulas, so they are written with a quote prefix).
 */
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { promises as fsp, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { tmpDir, writeBook } from './support/books';
import { FakeExcel, newSheet, type Scalar } from './support/excel-mock';
import { writeBulletin, writeCountySheets, writeSummary, inputValues } from '../addin/ops/operations';
import { cellTextOf, officeInputText } from '../core/text';

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'dist', 'scripts', 'consolidate.js');

const HOSTILE = {
  name: '=HYPERLINK("http://x","点我")',
  name2: '-2+3',
  weekProgress: '@SUM(A1)',
  nextWeekPlan: "=cmd|' /C calc'!A0",
  problems: '+1+1',
  leader: '=1+1',
  indicator: '=cmd|\' /C calc\'!A0 指标',
  power: '=HYPERLINK("http://y","事项")',
  category: '-基础设施',
};

/** The texts the summary shows as whole cells (项目明细, 滞后项目, 存在问题, 主要指标; power names are only counted there). */
const CELL_TEXTS = [HOSTILE.name, HOSTILE.name2, HOSTILE.problems, HOSTILE.leader, HOSTILE.nextWeekPlan, HOSTILE.indicator];

const HEAD = ['序号', '项目名称', '项目类别', '总投资', '年度计划投资', '1-10月累计完成投资', '本周进展', '下周计划', '存在问题', '项目组长', '状态'];
const PHEAD = ['序号', '原实施部门', '事项名称', '权力类型', '下放方式', '法律依据', '承接机构', '承接状态', '启用日期'];

function townRows(town: string): unknown[][] {
  return [
    [`${town}重点项目推进情况表（截至2015年10月31日）`], ['单位：万元'], HEAD,
    [1, HOSTILE.name, HOSTILE.category, 5000, 2000, 100, HOSTILE.weekProgress, HOSTILE.nextWeekPlan, HOSTILE.problems, HOSTILE.leader, '在建'],
    [2, HOSTILE.name2, '基础设施', 3000, 1000, 900, '完成主体', '继续施工', null, '张明', '在建'],
  ];
}

describe('the county summary keeps formula-like town text as text', () => {
  let dir: string;
  let out: string;
  let json: string;
  let pdf: string;
  beforeAll(async () => {
    dir = await tmpDir('xcs-text-');
    const folder = path.join(dir, 'in');
    await writeBook(path.join(folder, '云峰镇.xlsx'), [
      { name: '重点项目', rows: townRows('云峰镇') },
      { name: '主要指标', rows: [['云峰镇主要指标（1-10月）'], ['指标名称', '单位', '2015年目标', '1-10月完成'], ['地区生产总值', '亿元', 50, 41], [HOSTILE.indicator, '个', 3, 2]] },
      {
        name: '扩权事项',
        rows: [['云峰镇扩权强镇事项承接情况登记表（截至2015年10月31日）'], PHEAD,
          [1, '县发改局', HOSTILE.power, '行政许可', '委托', '《某某条例》第十条', '行政审批服务分中心', '已承接', new Date(Date.UTC(2015, 8, 1))]],
      },
    ]);
    await writeBook(path.join(folder, '=1+1东溪镇.xlsx'), [{ name: '重点项目', rows: townRows('东溪镇') }]);
    const roster = path.join(dir, 'r.csv');
    await fsp.writeFile(roster, '乡镇名称\n云峰镇\n东溪镇\n');
    out = path.join(dir, 's.xlsx');
    json = path.join(dir, 'r.json');
    pdf = path.join(dir, 'b.pdf');
    const r = spawnSync(process.execPath, [CLI, folder, '--roster', roster, '--as-of', '2015-10-31', '--out', out, '--json', json, '--pdf', pdf, '--quiet'],
      { encoding: 'utf8', timeout: 180000 });
    expect(r.stderr).toBe('');
    expect([0, 1]).toContain(r.status);
  }, 200000);

  /** Every cell of every sheet of an xlsx: [sheet, address, value, formula]. */
  async function cells(file: string): Promise<{ sheet: string; addr: string; value: unknown; formula: string | undefined }[]> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const list: { sheet: string; addr: string; value: unknown; formula: string | undefined }[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => {
      // LibreOffice re-saves CJK text as rich text runs (font fallback): the text is their concatenation
      const v = c.value as { richText?: { text: string }[] } | null;
      const value = v && typeof v === 'object' && Array.isArray(v.richText) ? v.richText.map((r) => r.text).join('') : c.value;
      list.push({ sheet: ws.name, addr: c.address, value, formula: c.formula || undefined });
    })));
    return list;
  }

  test('in the file\'s XML: no formula anywhere, each text an inline string', async () => {
    const unzip = spawnSync('unzip', ['-o', '-q', out, '-d', path.join(dir, 'x')]);
    expect(unzip.status).toBe(0);
    const sheetDir = path.join(dir, 'x', 'xl', 'worksheets');
    const xml = (await fsp.readdir(sheetDir)).filter((f) => f.endsWith('.xml')).map((f) => readFileSync(path.join(sheetDir, f), 'utf8')).join('\n');
    expect(xml).not.toMatch(/<f[ >]/);
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    for (const t of CELL_TEXTS) {
      // a whole cell whose text is exactly t, stored as a string constant: t="str" with a <v> and no <f> (what the
      // streaming writer writes without shared strings; Excel and LibreOffice read it as text)
      const body = esc(t).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const re = new RegExp(`<c r="[A-Z]+\\d+"( s="\\d+")? t="str"><v>${body}</v></c>`);
      expect([t, re.test(xml.replace(/&apos;/g, "'"))]).toEqual([t, true]);
    }
    // and the file name in 报送情况
    expect(xml).toContain('=1+1东溪镇.xlsx');
  });

  test('exceljs reads every town text back as a string, never a formula', async () => {
    const list = await cells(out);
    expect(list.filter((c) => c.formula !== undefined)).toEqual([]);
    for (const t of CELL_TEXTS) {
      const hits = list.filter((c) => c.value === t);
      expect([t, hits.length > 0]).toEqual([t, true]);
    }
    const sheets = new Set(list.filter((c) => c.value === HOSTILE.name).map((c) => c.sheet));
    expect([...sheets].sort()).toEqual(['存在问题', '滞后项目', '项目明细']);
    // the 通报 sheet's lines quote them inside its sentences
    expect(list.some((c) => c.sheet === '通报' && String(c.value).includes(`${HOSTILE.name}（项目组长：${HOSTILE.leader}`))).toBe(true);
  });

  test('LibreOffice opens it with the texts as texts (re-saved, no formula, same literal value)', async () => {
    const lo = path.join(dir, 'lo');
    const r = spawnSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--convert-to', 'xlsx', '--outdir', lo, out],
      { encoding: 'utf8', timeout: 180000 });
    expect(r.status).toBe(0);
    const list = await cells(path.join(lo, 's.xlsx'));
    expect(list.filter((c) => c.formula !== undefined)).toEqual([]);
    for (const t of CELL_TEXTS) {
      expect([t, list.some((c) => c.value === t)]).toEqual([t, true]);
    }
    // nothing evaluated: no cell holds what the formulas would give (2, 1, #NAME?, a hyperlink object)
    expect(list.filter((c) => typeof c.value === 'object' && c.value !== null && 'hyperlink' in (c.value as object))).toEqual([]);
    expect(list.filter((c) => typeof c.value === 'object' && c.value !== null && 'error' in (c.value as object))).toEqual([]);
  }, 200000);

  test('the bulletin PDF prints the texts literally', () => {
    const r = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const text = r.stdout.replace(/\s+/g, '');
    // the bulletin names the lagging projects (both towns' project 1 lags), their leaders, problems and plans
    for (const t of [HOSTILE.name, HOSTILE.leader, HOSTILE.problems, HOSTILE.nextWeekPlan]) expect([t, text.includes(t.replace(/\s+/g, ''))]).toEqual([t, true]);
  });

  test('the JSON report carries the raw texts (data, no escaping)', () => {
    const rep = JSON.parse(readFileSync(json, 'utf8'));
    const s = JSON.stringify(rep);
    for (const t of [HOSTILE.name, HOSTILE.name2, HOSTILE.leader, HOSTILE.indicator]) expect(s).toContain(JSON.stringify(t).slice(1, -1));
    expect(s).not.toContain(`'${HOSTILE.name}`);
  });
});

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
    const { analysisContext, analyzeSource, consolidate } = await import('../core/consolidate');
    const { readWorkbook } = await import('../addin/ops/operations');
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
    const { mark, clearMarks } = await import('../addin/ops/operations');
    const { MARK_STORE_SHEET } = await import('../core/town-report');
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
