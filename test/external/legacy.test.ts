/**
 * Legacy spreadsheets (.xls, .et with BIFF inside) in the county run, through the real LibreOffice (issue #11 part 1):
 * - a county whose towns send .xls/.et consolidates to the same figures as its .xlsx twin (the same workbooks, saved
 *   as Excel 97 by LibreOffice): dates, percentages, merged two-row headers, hidden rows, formulas' cached results;
 *   by both roads: the native BIFF8 reader (W_LEGACY_READ, the default) and LibreOffice's conversion (W_CONVERTED,
 *   with XCS_NATIVE_XLS=0), whose reports are the same but for that code;
 * - the towns' files are byte-identical afterwards and no temporary folder is left behind;
 * - broken legacy files (truncated, encrypted, a Word document renamed .xls) are rejected with a Chinese reason,
 *   never converted into an empty workbook;
 * - soffice's word is never taken: a fake soffice that writes nothing, writes an empty workbook or hangs is caught
 *   (the hung one's whole process group killed);
 * - --no-convert keeps the old rejection; without LibreOffice the rejection says that installing it helps.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, promises as fsp, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as CFB from 'cfb';
import { findSoffice } from '../../io/external/soffice';
import { inspectBiff, parseWorkbookStream } from '../../io/read/biff';
import { checkConverted, createLegacyConverter, type Conversion } from '../../io/read/legacy';
import { tmpDir, writeBook, type SheetSpec } from '../support/books';
import { needs } from '../support/programs';

const { test, beforeAll, afterAll } = needs('soffice');

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli', 'consolidate.js');
const SOFFICE = findSoffice();
const ROSTER_CSV = '乡镇名称,别名\n云峰镇,云峰\n东溪镇,\n南岭镇,\n白石镇,\n龙门镇,\n';

let dir: string;
let xlsxCounty: string;
let xlsCounty: string;
/** A real BIFF8 file written by LibreOffice (from the twin county). */
let realXls: Buffer;

/** One town's projects sheet: title, a Date cell above the table, a two-row header with a merged group, a hidden row, formulas. */
function projectsSheet(town: string, k: number): SheetSpec {
  const rows: unknown[][] = [
    [`${town}重点项目推进情况表`],
    [`填报单位：${town}`, null, new Date(Date.UTC(2015, 9, 30 - k)), null, null, null, null, null, '单位：万元'],
    ['序号', '项目名称', '总投资', '年度计划投资', '投资完成情况', null, null, '项目组长', '存在问题'],
    [null, null, null, null, '本周完成', '1-10月累计完成投资', '占年度计划%', null, null],
  ];
  const n = 5 + k;
  for (let i = 0; i < n; i++) {
    const total = 1000 + 137 * i + 11 * k;
    const plan = 400 + 53 * i + 7 * k;
    const ytd = Math.round(plan * (0.45 + 0.09 * ((i + k) % 6)) * 100) / 100;
    rows.push([
      i + 1,
      `${town}第${i + 1}号工程`,
      // one total investment as a formula with its cached result
      i === 1 ? { formula: `${total - 100}+100`, result: total } : total,
      plan,
      10 + i,
      ytd,
      { v: ytd / plan, numFmt: '0.0%' },
      `组长${i}`,
      i % 3 === 0 ? '征地政策处理需县里协调' : null,
    ]);
  }
  const first = 5;
  const last = 4 + n;
  rows.push([
    '合计', null,
    { formula: `SUM(C${first}:C${last})`, result: rows.slice(4).reduce((s, r) => s + (typeof r[2] === 'number' ? r[2] : (r[2] as { result: number }).result), 0) },
    { formula: `SUM(D${first}:D${last})`, result: rows.slice(4).reduce((s, r) => s + (r[3] as number), 0) },
  ]);
  rows.push(['填报人：张三', null, null, null, '项目组长签字：', null, null, null, null]);
  return {
    name: '重点项目',
    rows,
    merges: ['A1:I1', 'A3:A4', 'B3:B4', 'C3:C4', 'D3:D4', 'E3:G3', 'H3:H4', 'I3:I4'],
    hiddenRows: [6],
  };
}

function indicatorsSheet(town: string, k: number): SheetSpec {
  return {
    name: '主要指标',
    rows: [
      [`${town}主要指标完成情况（截至2015年10月31日）`],
      ['指标名称', '单位', '年度目标', '1-10月累计'],
      ['地区生产总值', '亿元', 30 + k, 24.6 + k],
      ['固定资产投资', '亿元', 12.5, 10.25 + k / 4],
      // a percentage stored as a fraction shown with a % format
      ['城镇化率', '%', { v: 0.6 + k / 100, numFmt: '0.0%' }, { v: 0.583 + k / 100, numFmt: '0.0%' }],
      ['农村居民人均纯收入', '元', 21000, 18650 + 10 * k],
    ],
    merges: ['A1:D1'],
  };
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function hashes(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of readdirSync(folder)) out[n] = sha(readFileSync(path.join(folder, n)));
  return out;
}

function runCli(folder: string, out: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const json = path.join(out, 'r.json');
  const r = spawnSync(process.execPath, [CLI, folder, '--roster', path.join(dir, 'roster.csv'), '--as-of', '2015-10-31', '--out', path.join(out, 's.xlsx'), '--json', json, '--quiet', ...extra], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 600_000,
  });
  return { status: r.status, stderr: r.stderr, report: existsSync(json) ? JSON.parse(readFileSync(json, 'utf8')) : null };
}

/** The report with the legacy names said as their .xlsx twins, for comparison. */
const asXlsx = (v: unknown) => JSON.parse(JSON.stringify(v).replace(/\.(xls|et)(?=["\\）)]|$)/g, '.xlsx'));

beforeAll(async () => {
  expect(SOFFICE).not.toBeNull(); // LibreOffice is a test dependency (.ci/run installs it)
  dir = await tmpDir('xcs-legacy-test-');
  await fsp.writeFile(path.join(dir, 'roster.csv'), ROSTER_CSV);
  xlsxCounty = path.join(dir, 'xlsx');
  xlsCounty = path.join(dir, 'xls');
  await writeBook(path.join(xlsxCounty, '云峰镇周报.xlsx'), [projectsSheet('云峰镇', 0), indicatorsSheet('云峰镇', 0)]);
  await writeBook(path.join(xlsxCounty, '东溪镇重点项目.xlsx'), [projectsSheet('东溪镇', 1)]);
  await writeBook(path.join(xlsxCounty, '南岭镇重点项目.xlsx'), [projectsSheet('南岭镇', 2), { name: '上月', rows: [['旧表'], [1]], state: 'hidden' }]);
  await writeBook(path.join(xlsxCounty, '白石镇主要指标.xlsx'), [indicatorsSheet('白石镇', 3)]);
  // LibreOffice saves each as Excel 97 (.xls)
  const lo = spawnSync(SOFFICE!, ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'xls:MS Excel 97', '--outdir', xlsCounty, ...readdirSync(xlsxCounty).map((n) => path.join(xlsxCounty, n))], { encoding: 'utf8', timeout: 300_000 });
  expect(lo.error).toBeUndefined();
  await fsp.rm(path.join(dir, 'profile'), { recursive: true, force: true });
  // 南岭镇 sends what WPS saves: an .et with BIFF inside
  await fsp.rename(path.join(xlsCounty, '南岭镇重点项目.xls'), path.join(xlsCounty, '南岭镇重点项目.et'));
  expect(readdirSync(xlsCounty).sort()).toEqual(['东溪镇重点项目.xls', '云峰镇周报.xls', '南岭镇重点项目.et', '白石镇主要指标.xls']);
  realXls = readFileSync(path.join(xlsCounty, '东溪镇重点项目.xls'));
}, 600_000);

afterAll(async () => {
  if (dir) await fsp.rm(dir, { recursive: true, force: true });
});

// ─────────────────────────────────────────────────────────────────────────────── the BIFF file's own claims

/** A copy of realXls whose Workbook stream is changed by `edit` (the OLE container rewritten by cfb). */
function withWorkbookStream(edit: (s: Buffer) => Buffer): Buffer {
  const c = CFB.read(realXls, { type: 'buffer' });
  const e = CFB.find(c, 'Workbook')!;
  e.content = edit(Buffer.from(e.content as Uint8Array)) as unknown as CFB.CFB$Blob;
  e.size = (e.content as unknown as Buffer).length;
  return Buffer.from(CFB.write(c, { type: 'buffer' }) as Buffer);
}

test('the BIFF file lists its sheets and value cells', () => {
  const twoSheets = inspectBiff(readFileSync(path.join(xlsCounty, '云峰镇周报.xls')));
  expect(twoSheets.ok && twoSheets.sheets.map((s) => s.name)).toEqual(['重点项目', '主要指标']);
  const one = inspectBiff(realXls);
  if (!one.ok) throw new Error(one.reason);
  // 东溪镇 (k=1), counted from projectsSheet: title 1, 填报单位/date/unit 3, header rows 7 + 3, six projects of 8 cells
  // plus 2 存在问题, 合计 row 3, footer 2; numbers: the date, 6 per project (序号, four amounts, the %), two SUMs
  expect(one.sheets[0]!.cells).toBe(1 + 3 + 7 + 3 + 6 * 8 + 2 + 3 + 2);
  expect(one.sheets[0]!.numbers).toBe(1 + 6 * 6 + 2);
  const hidden = inspectBiff(readFileSync(path.join(xlsCounty, '南岭镇重点项目.et')));
  expect(hidden.ok && hidden.sheets.map((s) => [s.name, s.visibility])).toEqual([['重点项目', 0], ['上月', 1]]);
});

test('an encrypted, truncated, Word or non-BIFF file is told apart before any conversion', () => {
  // FILEPASS right after the globals' BOF: what Excel writes for a password to open
  const filepass = Buffer.from([0x2f, 0x00, 0x06, 0x00, 0x01, 0x00, 0x01, 0x00, 0x01, 0x00]);
  const enc = withWorkbookStream((s) => Buffer.concat([s.subarray(0, 4 + s.readUInt16LE(2)), filepass, s.subarray(4 + s.readUInt16LE(2))]));
  expect(inspectBiff(enc)).toMatchObject({ ok: false, what: 'encrypted' });
  // the stream cut in its last sheet: the container is sound, the sheet has no end
  const cut = withWorkbookStream((s) => s.subarray(0, s.length - 200));
  expect(inspectBiff(cut)).toMatchObject({ ok: false, what: 'corrupt' });
  // the file itself cut in half
  expect(inspectBiff(realXls.subarray(0, Math.floor(realXls.length / 2)))).toMatchObject({ ok: false });
  const word = CFB.utils.cfb_new();
  CFB.utils.cfb_add(word, '/WordDocument', Buffer.alloc(5000, 1));
  expect(inspectBiff(Buffer.from(CFB.write(word, { type: 'buffer' }) as Buffer))).toMatchObject({ ok: false, what: 'word' });
  expect(parseWorkbookStream(Buffer.from('not a BIFF stream at all'))).toMatchObject({ ok: false, what: 'corrupt' });
});

test('a converted workbook that lost a sheet or cells fails the check', async () => {
  const one = inspectBiff(realXls);
  if (!one.ok) throw new Error(one.reason);
  const xlsx = readFileSync(path.join(xlsxCounty, '东溪镇重点项目.xlsx'));
  expect(checkConverted(xlsx, one.sheets)).toBeNull();
  expect(checkConverted(xlsx, [...one.sheets, { name: '另一表', visibility: 0, cells: 1, numbers: 0 }])).toMatch(/工作表/);
  expect(checkConverted(xlsx, [{ ...one.sheets[0]!, cells: one.sheets[0]!.cells + 1 }])).toMatch(/原有 \d+ 个有内容的单元格/);
  const empty = await writeBook(path.join(dir, 'empty.xlsx'), [{ name: '重点项目', rows: [] }]);
  expect(checkConverted(readFileSync(empty), one.sheets)).toMatch(/转换后只有 0 个/);
});

// ─────────────────────────────────────────────────────────────────────────────── soffice is never trusted

async function fakeSoffice(name: string, body: string): Promise<string> {
  const p = path.join(dir, name);
  await fsp.writeFile(p, `#!/bin/sh\n${body}\n`);
  chmodSync(p, 0o755);
  return p;
}

async function convertWith(soffice: string, extra: Partial<Parameters<typeof createLegacyConverter>[0]> = {}): Promise<{ c: Conversion; dir: string | null }> {
  const conv = createLegacyConverter({ soffice, jobs: 1, tmpRoot: dir, ...extra });
  const c = await conv.convert([{ abs: path.join(xlsCounty, '东溪镇重点项目.xls'), rel: '东溪镇重点项目.xls' }]).get('东溪镇重点项目.xls')!;
  const used = conv.dir;
  await conv.dispose();
  expect(used === null || !existsSync(used)).toBe(true);
  return { c, dir: used };
}

test('soffice that exits 0 having written nothing, or an empty workbook: rejected', async () => {
  const nothing = await convertWith(await fakeSoffice('soffice-nothing', 'exit 0'));
  expect(nothing.c).toMatchObject({ kind: 'failed', failure: { code: 'E_READ_FAILED' } });
  expect((nothing.c as { failure: { message: string } }).failure.message).toMatch(/没有写出转换结果.*另存为/);
  const blank = await writeBook(path.join(dir, 'blank.xlsx'), [{ name: '重点项目', rows: [['只有标题']] }]);
  const emptyOut = await fakeSoffice(
    'soffice-empty',
    `out=""; prev=""\nfor a in "$@"; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; done\nmkdir -p "$out"\n` +
      `for a in "$@"; do case "$a" in *.xls) b=$(basename "$a" .xls); cp '${blank}' "$out/$b.xlsx"; echo "convert $a -> $out/$b.xlsx using filter : x";; esac; done\nexit 0`,
  );
  const empty = await convertWith(emptyOut);
  expect(empty.c).toMatchObject({ kind: 'failed', failure: { code: 'E_READ_FAILED' } });
  expect((empty.c as { failure: { message: string } }).failure.message).toMatch(/转换后只有 1 个/);
});

test('a soffice that hangs is killed with its whole process group and the file rejected', async () => {
  const pidFile = path.join(dir, 'sleep.pid');
  const hang = await fakeSoffice('soffice-hang', `sleep 120 &\necho $! > '${pidFile}'\nwait`);
  const { c } = await convertWith(hang, { startupTimeoutMs: 1500 });
  expect(c).toMatchObject({ kind: 'failed', failure: { code: 'E_READ_FAILED' } });
  expect((c as { failure: { message: string } }).failure.message).toMatch(/已终止/);
  const pid = Number(readFileSync(pidFile, 'utf8'));
  // the grandchild (soffice.bin's stand-in) is gone too
  let alive = true;
  for (let i = 0; i < 50 && alive; i++) {
    try {
      process.kill(pid, 0);
      await new Promise((r) => setTimeout(r, 100));
    } catch {
      alive = false;
    }
  }
  expect(alive).toBe(false);
});

// ─────────────────────────────────────────────────────────────────────────────── the county run

test('a county sending .xls and .et consolidates to the same figures as its .xlsx twin; sources untouched, no temporary files left', async () => {
  // broken legacy files beside the good ones (named for no town: they must not change any town's figures)
  const cut = path.join(xlsCounty, '报表-截断.xls');
  await fsp.writeFile(cut, realXls.subarray(0, Math.floor(realXls.length * 0.6)));
  const word = CFB.utils.cfb_new();
  CFB.utils.cfb_add(word, '/WordDocument', Buffer.alloc(5000, 1));
  await fsp.writeFile(path.join(xlsCounty, '情况说明.xls'), Buffer.from(CFB.write(word, { type: 'buffer' }) as Buffer));
  const filepass = Buffer.from([0x2f, 0x00, 0x06, 0x00, 0x01, 0x00, 0x01, 0x00, 0x01, 0x00]);
  await fsp.writeFile(path.join(xlsCounty, '加密报表.xls'), withWorkbookStream((s) => Buffer.concat([s.subarray(0, 4 + s.readUInt16LE(2)), filepass, s.subarray(4 + s.readUInt16LE(2))])));
  const before = hashes(xlsCounty);
  const tmp = path.join(dir, 'tmp');
  await fsp.mkdir(tmp);
  const outA = await tmpDir('xcs-legacy-a-');
  const outB = await tmpDir('xcs-legacy-b-');
  const outC = await tmpDir('xcs-legacy-c-');
  try {
    const a = runCli(xlsxCounty, outA);
    // the native reader off (XCS_NATIVE_XLS=0): every legacy file through LibreOffice; then the default run, native
    const b = runCli(xlsCounty, outB, ['--jobs', '2'], { TMPDIR: tmp, XCS_NATIVE_XLS: '0' });
    const c = runCli(xlsCounty, outC, ['--jobs', '2'], { TMPDIR: tmp });
    expect(a.status).toBe(1); // 龙门镇 missing
    for (const [run, code] of [[b, 'W_CONVERTED'], [c, 'W_LEGACY_READ']] as const) {
      expect(run.status).toBe(1);
      expect(run.report.towns.filter((t: { status: string }) => t.status === 'submitted')).toHaveLength(4);
      // every figure of every town and of the county
      expect(asXlsx(run.report.towns)).toEqual(a.report.towns);
      expect(asXlsx(run.report.county)).toEqual(a.report.county);
      // the good files: the same status, dates and problems, plus W_CONVERTED (LibreOffice) or W_LEGACY_READ (native)
      for (const f of a.report.files) {
        const twin = run.report.files.find((x: { file: string }) => asXlsx(x.file) === f.file);
        expect(twin).toBeDefined();
        expect(twin.issues[0]).toMatchObject({ code, severity: 'warning' });
        expect(twin.issues[0].message).toMatch(twin.file.endsWith('.et') ? /WPS 表格（\.et）/ : /Excel 97-2003（\.xls）/);
        expect(asXlsx({ ...twin, issues: twin.issues.slice(1) })).toEqual(f);
      }
      // broken files: rejected by both, each with its reason and what to do (the native reader declines them and
      // the converter's checks say why, before any LibreOffice)
      const said = (name: string) => run.report.files.find((x: { file: string }) => x.file === name);
      expect(said('报表-截断.xls')).toMatchObject({ status: 'rejected', issues: [{ code: 'E_READ_FAILED' }] });
      expect(said('报表-截断.xls').issues[0].message).toMatch(/无法自动转换.*另存为/);
      expect(said('情况说明.xls')).toMatchObject({ status: 'rejected', issues: [{ code: 'E_NOT_XLSX' }] });
      expect(said('情况说明.xls').issues[0].message).toMatch(/Word 文档/);
      expect(said('加密报表.xls')).toMatchObject({ status: 'rejected', issues: [{ code: 'E_ENCRYPTED' }] });
      expect(said('加密报表.xls').issues[0].message).toMatch(/密码/);
    }
    // the reports of the two roads are the same but for the legacy code and its message
    const plain = (r: { files: { issues: { code: string }[] }[] }) =>
      JSON.stringify({ ...r, files: r.files.map((f) => ({ ...f, issues: f.issues.filter((i) => i.code !== 'W_CONVERTED' && i.code !== 'W_LEGACY_READ') })) });
    expect(plain(c.report)).toEqual(plain(b.report));
    // the date cell, the hidden row and the percentages made it through
    const df = b.report.files.find((x: { file: string }) => x.file === '东溪镇重点项目.xls');
    expect(df.issues.map((i: { code: string }) => i.code)).toContain('W_HIDDEN_ROWS');
    const town = (name: string) => b.report.towns.find((t: { town: string }) => t.town === name);
    expect(town('东溪镇').reportDate).toBe('2015-10-29');
    expect(town('东溪镇').projects.count).toBe(6);
    const rate = town('云峰镇').indicators.find((i: { name: string }) => i.name === '城镇化率');
    expect([58.3, 0.583].some((x) => Math.abs(rate.actual - x) < 1e-9)).toBe(true);
    expect(town('南岭镇').projects.totalInvestment).toBe([0, 1, 2, 3, 4, 5, 6].reduce((s, i) => s + 1000 + 137 * i + 22, 0));
    // the towns' files are byte-identical; the private folder is gone
    expect(hashes(xlsCounty)).toEqual(before);
    expect(readdirSync(tmp).filter((n) => n.startsWith('xcs-legacy-'))).toEqual([]);
  } finally {
    for (const n of ['报表-截断.xls', '情况说明.xls', '加密报表.xls']) await fsp.rm(path.join(xlsCounty, n), { force: true });
    await fsp.rm(outA, { recursive: true, force: true });
    await fsp.rm(outB, { recursive: true, force: true });
    await fsp.rm(outC, { recursive: true, force: true });
  }
}, 600_000);

test('--no-convert keeps the rejection; without LibreOffice the native reader reads them, and what it declines is rejected saying installing LibreOffice helps', async () => {
  const out = await tmpDir('xcs-legacy-c-');
  try {
    const off = runCli(xlsCounty, out, ['--no-convert']);
    for (const f of off.report.files) {
      expect(f.status).toBe('rejected');
      expect(f.issues[0].code).toBe('E_FORMAT_XLS');
      expect(f.issues[0].message).toMatch(/另存为/);
    }
    // without LibreOffice the native reader reads them all
    const native = runCli(xlsCounty, out, [], { XCS_SOFFICE: '' });
    expect(native.report.files).toHaveLength(4);
    for (const f of native.report.files) {
      expect(f.status).not.toBe('rejected');
      expect(f.issues[0].code).toBe('W_LEGACY_READ');
    }
    // what it declines (here: everything, XCS_NATIVE_XLS=0) needs LibreOffice, and the message says so
    const none = runCli(xlsCounty, out, [], { XCS_SOFFICE: '', XCS_NATIVE_XLS: '0' });
    for (const f of none.report.files) {
      expect(f.status).toBe('rejected');
      expect(f.issues[0].code).toBe('E_FORMAT_XLS');
      expect(f.issues[0].message).toMatch(/安装 LibreOffice/);
    }
    expect(none.report.files).toHaveLength(4);
  } finally {
    await fsp.rm(out, { recursive: true, force: true });
  }
}, 120_000);

test('Ctrl-C during a conversion: LibreOffice ended and the private folder removed', async () => {
  const tmp = path.join(dir, 'tmp-int');
  await fsp.mkdir(tmp);
  const out = await tmpDir('xcs-legacy-d-');
  try {
    const child = spawn(process.execPath, [CLI, xlsCounty, '--roster', path.join(dir, 'roster.csv'), '--as-of', '2015-10-31', '--out', path.join(out, 's.xlsx'), '--quiet'], {
      // the native reader off: the files go to LibreOffice
      env: { ...process.env, TMPDIR: tmp, XCS_NATIVE_XLS: '0' },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // wait until a soffice of this run has its profile (the conversion is under way)
    const started = () => readdirSync(tmp).some((n) => n.startsWith('xcs-legacy-') && readdirSync(path.join(tmp, n)).some((m) => m.startsWith('profile')));
    let running = true;
    void exited.then(() => (running = false));
    while (running && !started()) await new Promise((r) => setTimeout(r, 100));
    expect(running).toBe(true);
    child.kill('SIGINT');
    expect(await exited).toBe(2);
    expect(readdirSync(tmp).filter((n) => n.startsWith('xcs-legacy-'))).toEqual([]);
    // no soffice left running with a profile under this run's temporary folder
    let left = '';
    for (let i = 0; i < 50; i++) {
      left = spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).stdout.split('\n').filter((l) => l.includes(tmp)).join('\n');
      if (!left) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(left).toBe('');
  } finally {
    await fsp.rm(out, { recursive: true, force: true });
  }
}, 300_000);
