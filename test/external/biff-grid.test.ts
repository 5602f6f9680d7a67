/**
 * The native BIFF8 reader (io/read/biff-grid.ts) against the road it replaces, on real files and the real LibreOffice:
 * a varied set of .xlsx (the sample county, workbooks made here with dates, percentages, merges, hidden rows and
 * sheets, formulas of every result type, errors, booleans, rich text, long CJK text, a 1904 workbook, and a few dozen
 * files of the shared corpus) is saved as .xls by LibreOffice (one start for all); each .xls is then read
 * natively, and converted back to .xlsx by LibreOffice and read by our normal reader (the road the CLI took for
 * every .xls before). The two readings must not differ in any sheet name, order, visibility, cell value (Dates by
 * time), percent, noResult, formula presence, merge or hidden row. Files the native reader declines are listed.
 */
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, promises as fsp, readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { type Grid, type GridCell, isCellError } from '../../core/grid';
import { findSoffice, runSoffice } from '../../io/external/soffice';
import { readBiffGrids } from '../../io/read/biff-grid';
import { DEFAULT_READ_OPTIONS } from '../../io/read/options';
import { readWorkbookBytesInProcess } from '../../io/read/parse';
import { tmpDir, writeBook } from '../support/books';
import { diffGrids } from '../support/grid-diff';
import { needs } from '../support/programs';

const { test, beforeAll, afterAll } = needs('soffice');

const ROOT = path.resolve(__dirname, '..', '..');
const CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus');
/** How many corpus files go into the comparison (a deterministic spread over the sorted list). */
const CORPUS_FILES = 40;

let dir: string;
/** Source name → the copy's base name (ASCII, for soffice's command line). */
const sources: { label: string; base: string }[] = [];

function listXlsx(folder: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.xlsx$/i.test(e.name)) out.push(p);
    }
  };
  if (existsSync(folder)) walk(folder);
  return out.sort();
}

/** Workbooks made here: every kind of cell the towns' files hold, and the records that are tricky in BIFF. */
async function makeBooks(into: string): Promise<string[]> {
  // > 8224 bytes: SST CONTINUE records (under 16,000 characters: LibreOffice breaks longer text with a line feed)
  const long = Array.from({ length: 1500 }, (_, i) => '项目建设进度' + String(i % 10)).join('');
  const mixed = 'Latin text first, then 中文在后：' + 'abc'.repeat(2500) + '中文结尾';
  const rows: unknown[][] = [
    ['金竹镇重点项目推进情况表'],
    ['日期', new Date(Date.UTC(2015, 9, 30)), { v: new Date(Date.UTC(2015, 9, 17)), numFmt: 'yyyy"年"m"月"d"日"' }, { v: 42300, numFmt: 'yyyy-mm-dd' }, { v: 42300.75, numFmt: 'yyyy/m/d h:mm' }, { v: 0.5, numFmt: 'h:mm:ss' }],
    ['序号', '项目名称', '总投资', '完成率', '本周', '备注'],
    [1, '金竹大道', 4800.5, { v: 0.583, numFmt: '0.0%' }, -12, { richText: [{ text: '富' , font: { bold: true } }, { text: '文本' }] }],
    [2, 'Road "two"', 1e15, { v: 1.25, numFmt: '0%' }, 0.1 + 0.2, true],
    [3, '  leading and trailing  ', -0.000123, { v: 2, numFmt: '#,##0.00' }, 123456789.123, false],
    // (error constants: LibreOffice writes them to .xls as formulas; the BOOLERR record is tested on hand-made bytes)
    [4, long, mixed, null, null, 'line1\nline2'],
    [5, { formula: '1+1', result: 2 }, { formula: '"文"&"本"', result: '文本' }, { formula: 'TRUE()', result: true }, { formula: '1/0', result: { error: '#DIV/0!' } }, { formula: 'A1&""', result: '' }],
    [6, { formula: 'C4*2', result: 9601 }, { v: { formula: 'D4', result: 0.583 }, numFmt: '0.00%' }, { v: { formula: 'B2', result: new Date(Date.UTC(2015, 9, 30)) }, numFmt: 'yyyy-mm-dd' }, 65535, 65536],
    [7, 536870911, -536870912, 536870912, 0.01, 1.5],
    [8, 12.34, 0.07, 100.01, -45.67, 3.14159],
  ];
  const wide: unknown[][] = Array.from({ length: 60 }, (_, r) => Array.from({ length: 30 }, (_, c) => ((r * 7 + c) % 11 === 0 ? null : r % 3 === 0 ? `第${r}行${c}列` : r * 100 + c / 4)));
  const files = [
    await writeBook(path.join(into, 'cells.xlsx'), [
      { name: '重点项目', rows, merges: ['A1:F1', 'B3:C3'], hiddenRows: [6, 9] },
      { name: '隐藏表', rows: [['看不见', 1]], state: 'hidden' },
      { name: 'very hidden', rows: [['x', 2]], state: 'veryHidden' },
      { name: '宽表', rows: wide, merges: ['A1:B2', 'D5:D9'] },
      { name: 'Empty' , rows: [] },
    ]),
  ];
  // a workbook with the 1904 date system
  const wb = new ExcelJS.Workbook();
  wb.properties.date1904 = true;
  const ws = wb.addWorksheet('1904');
  ws.getCell('A1').value = '日期';
  ws.getCell('B1').value = new Date(Date.UTC(2015, 9, 30));
  ws.getCell('C1').value = 1000;
  ws.getCell('D1').value = { formula: 'B1+1', result: new Date(Date.UTC(2015, 9, 31)) };
  ws.getCell('D1').numFmt = 'yyyy-mm-dd';
  const f1904 = path.join(into, 'date1904.xlsx');
  await wb.xlsx.writeFile(f1904);
  files.push(f1904);
  // many short strings: an SST over several CONTINUE records
  const many: unknown[][] = Array.from({ length: 1500 }, (_, r) => [`条目${r}`, `item ${r} ${'x'.repeat(r % 17)}`, r % 5 === 0 ? `混合 mixed ${r}` : r]);
  files.push(await writeBook(path.join(into, 'many-strings.xlsx'), [{ name: '明细', rows: many }]));
  return files;
}

/** A LibreOffice profile setting: recalculate the formulas of .xlsx and .ods files on load. */
const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

beforeAll(async () => {
  dir = await tmpDir('xcs-biff-diff-');
  const inDir = path.join(dir, 'in');
  await fsp.mkdir(inDir, { recursive: true });
  const made = await makeBooks(path.join(dir, 'made'));
  const county = [...listXlsx(path.join(ROOT, 'sample', 'county')), path.join(ROOT, 'sample', 'targets.xlsx')];
  const corpusAll = listXlsx(CORPUS).filter((f) => statSync(f).size < 150 * 1024);
  const step = Math.max(1, Math.floor(corpusAll.length / CORPUS_FILES));
  const corpus = corpusAll.filter((_, i) => i % step === 0).slice(0, CORPUS_FILES);
  const all = [...made.map((f) => ({ f, label: `made/${path.basename(f)}` })), ...county.map((f) => ({ f, label: path.relative(ROOT, f).split(path.sep).join('/') })), ...corpus.map((f) => ({ f, label: path.relative(CORPUS, f) }))];
  for (const [i, { f, label }] of all.entries()) {
    const base = `f${String(i + 1).padStart(4, '0')}`;
    await fsp.copyFile(f, path.join(inDir, `${base}.xlsx`));
    sources.push({ label, base });
  }
  const soffice = findSoffice()!;
  const convert = async (filter: string, files: string[], out: string, k: number) => {
    const run = await runSoffice(soffice, ['--convert-to', filter, '--outdir', out, ...files], { profile: path.join(dir, `profile${k}`), timeoutMs: 600_000 });
    if (run.spawnError || run.timedOut) throw new Error(`soffice: ${run.spawnError ?? 'timed out'} ${run.stderr}`);
  };
  // The .xls are written by a LibreOffice that recalculates every formula of the .xlsx it loads: without that it writes
  // the cached result of a text formula as the number 0, while loading an .xls it recalculates (the road would then
  // differ from the file's own cached results because of how the test file was made, not because of either reader).
  await fsp.mkdir(path.join(dir, 'profile1', 'user'), { recursive: true });
  await fsp.writeFile(path.join(dir, 'profile1', 'user', 'registrymodifications.xcu'), RECALC_ALWAYS);
  // .xlsx → .xls, then each .xls → .xlsx (the LibreOffice road of the CLI, default profile), one soffice start each
  await convert('xls:MS Excel 97', sources.map((s) => path.join(inDir, `${s.base}.xlsx`)), path.join(dir, 'xls'), 1);
  const xlsFiles = sources.map((s) => path.join(dir, 'xls', `${s.base}.xls`)).filter((f) => existsSync(f));
  await convert('xlsx:Calc MS Excel 2007 XML', xlsFiles, path.join(dir, 'road'), 2);
}, 900_000);

afterAll(async () => {
  if (dir) await fsp.rm(dir, { recursive: true, force: true });
});

test('every .xls LibreOffice writes reads natively exactly as its LibreOffice conversion reads', async () => {
  const limits = DEFAULT_READ_OPTIONS;
  let files = 0;
  let cells = 0;
  const declined: string[] = [];
  const noRoad: string[] = [];
  const differences: string[] = [];
  const lost1904: string[] = [];
  let beyond15 = 0;
  let placeholders = 0;
  let recalculated = 0;
  let errorsRecalculated = 0;
  for (const s of sources) {
    const xls = path.join(dir, 'xls', `${s.base}.xls`);
    const road = path.join(dir, 'road', `${s.base}.xlsx`);
    if (!existsSync(xls)) {
      noRoad.push(`${s.label} (LibreOffice wrote no .xls)`);
      continue;
    }
    const roadOutcome = existsSync(road) ? await readWorkbookBytesInProcess(await fsp.readFile(road), 'road.xlsx') : null;
    const native = readBiffGrids(await fsp.readFile(xls), limits);
    if (!roadOutcome || !roadOutcome.ok) {
      noRoad.push(`${s.label} (road: ${roadOutcome ? roadOutcome.code : 'no output'}; native: ${'ok' in native ? (native.ok ? 'ok' : native.code) : native.declined})`);
      continue;
    }
    if ('declined' in native) {
      declined.push(`${s.label}: ${native.declined}`);
      continue;
    }
    if (!native.ok) {
      differences.push(`${s.label}: native ${native.code} ${native.message}, road ok`);
      continue;
    }
    files++;
    // LibreOffice's road loses the 1904 date system: its .xlsx keeps the 1904 serials without saying date1904, so its
    // Dates are 1,462 days early (the native Dates are the workbook's: checked against the source below)
    let shiftB = 0;
    if (native.date1904 && !roadOutcome.date1904) {
      lost1904.push(s.label);
      shiftB = 1462 * 86_400_000;
    } else if (native.date1904 !== roadOutcome.date1904) differences.push(`${s.label}: date1904 native ${native.date1904} road ${roadOutcome.date1904}`);
    // Formula results: native gives the .xls's cached result, the road LibreOffice's recalculation. A difference is
    // accepted only in a formula cell on both sides whose native result is the source .xlsx's own result, or the 0
    // LibreOffice's .xls export stores for a cell it never computed (it writes cached results only of cells it showed).
    const source = await readWorkbookBytesInProcess(await fsp.readFile(path.join(dir, 'in', `${s.base}.xlsx`)), 'source.xlsx');
    const accept = (sheet: string, r: number, c: number, a: GridCell | undefined, b: GridCell | undefined): boolean => {
      if (a?.formula === undefined || b?.formula === undefined) return false;
      if (a.value === 0 && !a.percent) {
        placeholders++;
        return true;
      }
      // an error either way: LibreOffice's recalculation of a function it does not have gives #N/A
      if (isCellError(a.value) && isCellError(b.value)) {
        errorsRecalculated++;
        return true;
      }
      const src = source.ok ? source.grids.find((g) => g.sheet === sheet)?.rows[r]?.[c] : undefined;
      const same = src !== undefined && diffGrids([{ sheet, hidden: false, rows: [[a]], merges: [] }], [{ sheet, hidden: false, rows: [[src]], merges: [] }]).differences.length === 0;
      if (same) recalculated++;
      return same;
    };
    const d = diffGrids(native.grids, roadOutcome.grids as Grid[], ['native', 'road'], { digits15: true, shiftB, accept });
    cells += d.cells;
    beyond15 += d.beyond15;
    for (const x of d.differences) differences.push(`${s.label} ${x}`);
  }
  // the figures the report quotes
  process.stdout.write(
    `biff-grid differential: ${sources.length} sources, ${files} .xls compared, ${cells} cells, ${differences.length} differences ` +
      `(${beyond15} numbers equal at 15 significant digits only: LibreOffice's .xlsx rounds them; 1904 workbooks whose road lost the date system: ${lost1904.length}; ` +
      `formula results LibreOffice recalculated differently: ${recalculated} where native = the source .xlsx, ${placeholders} where the .xls holds LibreOffice's placeholder 0, ${errorsRecalculated} errors that became another error); ` +
      `declined ${declined.length}${declined.length ? `: ${declined.join('; ')}` : ''}; not compared ${noRoad.length}${noRoad.length ? `: ${noRoad.join('; ')}` : ''}\n`,
  );
  expect(differences).toEqual([]);
  expect(files).toBeGreaterThanOrEqual(30);
  expect(cells).toBeGreaterThan(10_000);
  // declining is the exception: at most one in ten
  expect(declined.length).toBeLessThanOrEqual(Math.ceil(files / 10));
}, 300_000);

test('--targets given as the .xls LibreOffice saved of the sample targets: the same run as with targets.xlsx', () => {
  const cli = path.join(ROOT, 'dist', 'cli', 'consolidate.js');
  const base = sources.find((s) => s.label === 'sample/targets.xlsx')!.base;
  const run = (targets: string | null, k: string) => {
    const json = path.join(dir, `targets-${k}.json`);
    const r = spawnSync(process.execPath, [cli, path.join(ROOT, 'sample', 'county'), '--roster', path.join(ROOT, 'sample', 'roster.csv'), ...(targets ? ['--targets', targets] : []), '--as-of', '2015-10-31', '--out', path.join(dir, `targets-${k}.xlsx`), '--json', json, '--quiet', '--no-convert'], { encoding: 'utf8', timeout: 120_000 });
    return { code: r.status, stderr: r.stderr, report: existsSync(json) ? JSON.parse(readFileSync(json, 'utf8')) : null };
  };
  const a = run(path.join(ROOT, 'sample', 'targets.xlsx'), 'a');
  const xls = path.join(dir, 'targets.xls');
  copyFileSync(path.join(dir, 'xls', `${base}.xls`), xls);
  const b = run(xls, 'b');
  expect(a.report).not.toBeNull();
  expect(b.code).toBe(a.code);
  // the targets change the figures (a plan adjusted mid-year): the whole report is the same
  expect(b.report).toEqual(a.report);
  expect(run(null, 'c').report).not.toEqual(a.report);
}, 300_000);
