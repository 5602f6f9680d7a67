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
import { tmpDir, writeBook } from '../support/books';
import { CELL_TEXTS, HOSTILE, PHEAD, townRows } from '../support/hostile-text';
import { needs } from '../support/programs';

const { describe } = needs('soffice', 'pdftotext', 'unzip');

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli', 'consolidate.js');

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
