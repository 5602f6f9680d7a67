/**
 * The command line end to end, on a folder of real files: exit codes, the JSON report's exact keys, superseded and
 * rejected files, skipped strays, input files untouched, atomic output, and LibreOffice opening the summary.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fsp, readFileSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { HEADER, tmpDir, writeBook } from '../support/books';
import { needs } from '../support/programs';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli', 'consolidate.js');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function hashTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  async function walk(d: string) {
    for (const e of await fsp.readdir(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else {
        const st = await fsp.stat(p);
        out[path.relative(dir, p)] = `${createHash('sha256').update(await fsp.readFile(p)).digest('hex')}:${st.mtimeMs}`;
      }
    }
  }
  await walk(dir);
  return out;
}

const title = (town: string, date: string) => [`${town}重点项目推进情况表（截至${date}）`];

let base: string;
let folder: string;
let roster: string;

beforeAll(async () => {
  base = await tmpDir('xcs-cli-');
  folder = path.join(base, '各镇报表');
  roster = path.join(base, '名册.csv');
  await fsp.writeFile(roster, '\ufeff乡镇名称,别名\n云峰镇,云峰\n东溪镇,\n南岭镇,\n白石镇,\n龙门镇,龙门\n');
  await writeBook(path.join(folder, '云峰镇.xlsx'), [
    {
      name: '重点项目',
      rows: [title('云峰镇', '2015年10月31日'), ['单位：万元'], HEADER,
        [1, '云峰大道', '基础设施', 5000, 2000, 50, 1800, '张明', '征地政策处理', '在建'],
        [2, '污水处理厂', '生态环境', 8000, 3000, 0, 1500, '李华', null, '在建'],
        [3, '文化中心', '社会事业', 3000, 0, 0, 0, '王五', null, '前期'],
        ['合计', null, null, 16000, 5000, 50, 3300]],
    },
    {
      name: '主要指标',
      rows: [['云峰镇主要指标（1-10月）'], ['指标名称', '单位', '2015年目标', '1-10月完成'],
        ['地区生产总值', '亿元', 50, 41], ['城镇化率', '%', 60, 58], ['财政总收入', '万元', 60000, 52000]],
    },
  ]);
  await writeBook(path.join(folder, '东溪镇', '东溪镇1024.xlsx'), [{
    name: 'S', rows: [title('东溪镇', '2015年10月24日'), HEADER, [1, '东溪桥', null, 1000, 500, 10, 300, '赵', null, '在建']],
  }]);
  await writeBook(path.join(folder, '东溪镇', '东溪镇1031.xlsx'), [{
    name: 'S', rows: [title('东溪镇', '2015年10月31日'), HEADER, [1, '东溪桥', null, 1000, 500, 20, 400, '赵', null, '在建']],
  }]);
  await writeBook(path.join(folder, '南岭镇.xlsx'), [{
    name: 'S', rows: [title('南岭镇', '2015年10月31日'), HEADER, [1, '南岭路', null, 1000, 500, -10, 300, '钱', null, '在建']],
  }]);
  await fsp.writeFile(path.join(folder, '白石镇重点项目.xls'), Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(4096)]));
  await fsp.writeFile(path.join(folder, '~$云峰镇.xlsx'), Buffer.from('lock'));
  await fsp.writeFile(path.join(folder, 'Thumbs.db'), Buffer.alloc(64));
  await fsp.writeFile(path.join(folder, '说明.docx'), Buffer.from('PK\u0003\u0004'));
});

describe('a county folder with accepted, superseded, rejected, skipped and missing', () => {
  let out: string;
  let json: string;
  let before: Record<string, string>;
  let r: ReturnType<typeof run>;
  let report: any;

  beforeAll(async () => {
    out = path.join(base, '汇总.xlsx');
    json = path.join(base, 'report.json');
    before = await hashTree(folder);
    r = run([folder, '--roster', roster, '--as-of', '2015-10-31', '--out', out, '--json', json]);
    report = JSON.parse(readFileSync(json, 'utf8'));
  });

  test('exit 1: a file was rejected and a town is missing; the summary says so in Chinese', () => {
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('未报送：龙门镇');
    expect(r.stdout).toContain('南岭镇');
  });

  test('the input files are byte-for-byte untouched (content and mtime)', async () => {
    expect(await hashTree(folder)).toEqual(before);
  });

  test('the JSON report has exactly the agreed keys', () => {
    expect(Object.keys(report)).toEqual(['version', 'asOf', 'timeProgress', 'files', 'towns', 'county', 'lagging', 'weekOverWeek']);
    expect(report.weekOverWeek).toBeNull();
    expect(report.asOf).toBe('2015-10-31');
    expect(report.timeProgress).toBe(0.8333);
    for (const f of report.files) {
      expect(Object.keys(f)).toEqual(['file', 'town', 'kinds', 'status', 'issues']);
      for (const i of f.issues) expect(Object.keys(i)).toEqual(['severity', 'code', 'sheet', 'cell', 'message']);
    }
    for (const t of report.towns) {
      if (t.powers) expect(Object.keys(t.powers)).toEqual(['count', 'byWay', 'byStatus']);
      expect(Object.keys(t)).toEqual(['town', 'status', 'projects', 'indicators', 'reportDate', 'rank', 'projectList', 'change', 'powers']);
      expect(t.change).toBeNull();
      for (const p of t.projectList) expect(Object.keys(p)).toEqual(['name', 'annualPlan', 'completedYtd', 'completion', 'light', 'change']);
      if (t.projects) expect(Object.keys(t.projects)).toEqual(['count', 'totalInvestment', 'annualPlan', 'completedYtd', 'red', 'yellow', 'green']);
      for (const i of t.indicators ?? []) expect(Object.keys(i)).toEqual(['name', 'unit', 'target', 'actual', 'completion', 'light', 'targetOriginal', 'targetAdjusted', 'targetSource', 'adjustedOn', 'adjustDoc']);
    }
    expect(Object.keys(report.county)).toEqual(['projects', 'indicators', 'powers']);
    expect(Object.keys(report.county.powers)).toEqual(['count', 'byWay', 'byStatus']);
    expect(Object.keys(report.county.projects)).toEqual(['count', 'totalInvestment', 'annualPlan', 'completedYtd', 'red', 'yellow', 'green']);
    for (const i of report.county.indicators) expect(Object.keys(i)).toEqual(['name', 'unit', 'target', 'actual']);
    for (const l of report.lagging) expect(Object.keys(l)).toEqual(['town', 'project', 'leader', 'completion', 'light']);
  });

  test('file statuses: accepted, superseded (older report), rejected (with cells), ignored strays', () => {
    const st = Object.fromEntries(report.files.map((f: any) => [f.file, f.status]));
    expect(st).toEqual({
      'Thumbs.db': 'ignored',
      '~$云峰镇.xlsx': 'ignored',
      '云峰镇.xlsx': 'accepted',
      '东溪镇/东溪镇1024.xlsx': 'superseded',
      '东溪镇/东溪镇1031.xlsx': 'accepted',
      '南岭镇.xlsx': 'rejected',
      '白石镇重点项目.xls': 'rejected',
      '说明.docx': 'ignored',
    });
    const nanling = report.files.find((f: any) => f.file === '南岭镇.xlsx');
    expect(nanling.issues).toContainEqual(expect.objectContaining({ severity: 'error', code: 'E_NEGATIVE', sheet: 'S', cell: 'F3' }));
    const xls = report.files.find((f: any) => f.file === '白石镇重点项目.xls');
    expect(xls.town).toBe('白石镇');
    // OLE2 magic and zeros: a legacy file that cannot be converted (no BIFF workbook inside), said damaged (#11)
    expect(xls.issues[0].code).toBe('E_READ_FAILED');
    expect(xls.issues[0].message).toMatch(/xlsx/);
  });

  test('town statuses and totals from accepted files only; the latest report wins', () => {
    const towns = Object.fromEntries(report.towns.map((t: any) => [t.town, t]));
    expect(towns['云峰镇'].status).toBe('submitted');
    expect(towns['东溪镇'].status).toBe('submitted');
    expect(towns['南岭镇'].status).toBe('rejected');
    expect(towns['白石镇'].status).toBe('rejected');
    expect(towns['龙门镇'].status).toBe('missing');
    expect(towns['南岭镇'].projects).toBeNull();
    expect(towns['云峰镇'].projects).toEqual({ count: 3, totalInvestment: 16000, annualPlan: 5000, completedYtd: 3300, red: 1, yellow: 0, green: 1 });
    expect(towns['东溪镇'].projects.completedYtd).toBe(400);
    expect(report.county.projects).toEqual({ count: 4, totalInvestment: 17000, annualPlan: 5500, completedYtd: 3700, red: 1, yellow: 1, green: 1 });
  });

  test('indicators: converted to the catalog unit; the county sums only what may be summed', () => {
    const yf = report.towns.find((t: any) => t.town === '云峰镇');
    expect(yf.indicators).toContainEqual({
      name: '财政总收入', unit: '亿元', target: 6, actual: 5.2, completion: 0.8667, light: 'green',
      targetOriginal: null, targetAdjusted: null, targetSource: 'town', adjustedOn: null, adjustDoc: null,
    });
    expect(report.county.indicators.map((i: any) => i.name)).toEqual(['地区生产总值', '财政总收入']);
  });

  test('lagging projects are named with their 项目组长', () => {
    expect(report.lagging).toEqual([
      { town: '云峰镇', project: '污水处理厂', leader: '李华', completion: 0.5, light: 'red' },
      { town: '东溪镇', project: '东溪桥', leader: '赵', completion: 0.8, light: 'yellow' },
    ]);
  });

  test('no temporary file is left beside the outputs', async () => {
    const names = await fsp.readdir(base);
    expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(names).toContain('汇总.xlsx');
  });

  needs('soffice').test('LibreOffice opens the summary and finds the county total on the overview', async () => {
    const outDir = await tmpDir('xcs-lo-');
    const lo = spawnSync('soffice', ['--headless', `-env:UserInstallation=file://${outDir}/profile`, '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1', '--outdir', outDir, out], { encoding: 'utf8', timeout: 180000 });
    expect(lo.error).toBeUndefined();
    const csv = readFileSync(path.join(outDir, '汇总.csv'), 'utf8');
    const line = csv.split('\n').find((l) => l.includes('全县合计'));
    expect(line).toBeDefined();
    // 总投资 17000, 年度计划 5500, 累计完成 3700 (as LibreOffice formats them)
    expect(line!.replace(/[",]/g, '')).toMatch(/17000(\.00)?.*5500(\.00)?.*3700(\.00)?/);
  }, 200000);
});

test('exit 0 when every roster town is accepted and no file rejected', async () => {
  const dir = await tmpDir('xcs-ok-');
  await writeBook(path.join(dir, 'in', '云峰镇.xlsx'), [{ name: 'S', rows: [title('云峰镇', '2015年10月31日'), HEADER, [1, '甲', null, 1000, 500, 10, 450, '张', null, '在建']] }]);
  const ros = path.join(dir, 'r.csv');
  await fsp.writeFile(ros, '乡镇名称\n云峰镇\n');
  const r = run([path.join(dir, 'in'), '--roster', ros, '--as-of', '2015-10-31', '--out', path.join(dir, 's.xlsx')]);
  expect(r.code).toBe(0);
});

describe('exit 2 and nothing written', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tmpDir('xcs-bad-');
  });
  const cases: [string, () => string[], RegExp][] = [
    ['missing --roster', () => [folder, '--as-of', '2015-10-31', '--out', path.join(dir, 'a.xlsx')], /缺少必填参数 --roster/],
    ['an unknown option', () => [folder, '--roster', roster, '--as-of', '2015-10-31', '--out', path.join(dir, 'a.xlsx'), '--asof'], /不认识的参数 --asof/],
    ['no such folder', () => [path.join(dir, 'nope'), '--roster', roster, '--as-of', '2015-10-31', '--out', path.join(dir, 'b.xlsx')], /文件夹不存在/],
    ['bad date', () => [folder, '--roster', roster, '--as-of', '2015-13-45', '--out', path.join(dir, 'c.xlsx')], /日期/],
    ['roster without 乡镇名称', () => [folder, '--roster', path.join(dir, 'bad.csv'), '--as-of', '2015-10-31', '--out', path.join(dir, 'd.xlsx')], /乡镇名称/],
    ['output folder missing', () => [folder, '--roster', roster, '--as-of', '2015-10-31', '--out', path.join(dir, 'no', 'e.xlsx')], /输出目录不存在/],
    ['output inside the towns\' folder (it would overwrite a town\'s file)', () => [folder, '--roster', roster, '--as-of', '2015-10-31', '--out', path.join(folder, '云峰镇.xlsx')], /不能放在报表文件夹/],
    ['output is not .xlsx', () => [folder, '--roster', roster, '--as-of', '2015-10-31', '--out', path.join(dir, 'f.xls')], /\.xlsx/],
  ];
  test.each(cases)('%s', async (_name, args, message) => {
    await fsp.writeFile(path.join(dir, 'bad.csv'), '名字\n云峰镇\n');
    const before = new Set(await fsp.readdir(dir));
    const r = run(args());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(new Set(await fsp.readdir(dir))).toEqual(before);
  });
});

describe('--config: thresholds and catalog are data a county can change', () => {
  test('yellowBelow 0 turns every lagging project red; an added indicator is summed across towns', async () => {
    const dir = await tmpDir('xcs-cfg-');
    await writeBook(path.join(dir, 'in', '云峰镇.xlsx'), [
      { name: 'S', rows: [title('云峰镇', '2015年10月31日'), HEADER, [1, '甲', null, 1000, 500, 1, 400, '张', null, '在建']] },
      { name: 'I', rows: [['指标名称', '单位', '年度目标', '1-10月累计'], ['文明城市测评', '个', 3, 2]] },
    ]);
    const ros = path.join(dir, 'r.csv');
    await fsp.writeFile(ros, '乡镇名称\n云峰镇\n');
    const cfg = path.join(dir, 'county.json');
    await fsp.writeFile(cfg, JSON.stringify({ yellowBelow: 0, indicators: [{ name: '文明城市测评', unit: '个', additive: true, aliases: [] }] }));
    const json = path.join(dir, 'r.json');
    const r = run([path.join(dir, 'in'), '--roster', ros, '--as-of', '2015-10-31', '--out', path.join(dir, 's.xlsx'), '--json', json, '--config', cfg]);
    expect(r.code).toBe(0);
    const rep = JSON.parse(readFileSync(json, 'utf8'));
    expect(rep.lagging).toEqual([{ town: '云峰镇', project: '甲', leader: '张', completion: 0.8, light: 'red' }]);
    expect(rep.county.indicators).toEqual([{ name: '文明城市测评', unit: '个', target: 3, actual: 2 }]);
  });

  test('a config with an unknown key is refused with exit 2 and a Chinese message', async () => {
    const dir = await tmpDir('xcs-cfg-');
    const cfg = path.join(dir, 'county.json');
    await fsp.writeFile(cfg, JSON.stringify({ yellowbelow: 5 }));
    const r = run([folder, '--roster', roster, '--as-of', '2015-10-31', '--out', path.join(dir, 's.xlsx'), '--config', cfg]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('不认识的设置项：yellowbelow');
    expect(await fsp.readdir(dir)).toEqual(['county.json']);
  });

  test('headers: a phrasing the county teaches is recognised in the workers; a bad entry is refused with exit 2', async () => {
    const dir = await tmpDir('xcs-cfg-');
    await writeBook(path.join(dir, 'in', '云峰镇.xlsx'), [
      { name: 'S', rows: [title('云峰镇', '2015年10月31日'), ['单位：万元'], ['项目名称', '总投资', '年度计划投资', '实物工作量'], ['甲', 1000, 500, 400]] },
    ]);
    const ros = path.join(dir, 'r.csv');
    await fsp.writeFile(ros, '乡镇名称\n云峰镇\n');
    const json = path.join(dir, 'r.json');
    const args = (cfg: string[]) => [path.join(dir, 'in'), '--roster', ros, '--as-of', '2015-10-31', '--out', path.join(dir, 's.xlsx'), '--json', json, ...cfg];
    // without the phrasing: sent back, the message says how to teach it
    expect(run(args([])).code).toBe(1);
    const before = JSON.parse(readFileSync(json, 'utf8'));
    expect(before.files[0].issues[0].message).toContain('{"headers":{"projects":{"completedYtd":["实物工作量"]}}}');
    const cfg = path.join(dir, 'county.json');
    await fsp.writeFile(cfg, JSON.stringify({ headers: { projects: { completedYtd: ['实物工作量'] } } }));
    const r = run(args(['--config', cfg]));
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(json, 'utf8')).towns[0].projects.completedYtd).toBe(400);
    await fsp.writeFile(cfg, JSON.stringify({ headers: { projects: { completed: ['实物工作量'] } } }));
    const bad = run(args(['--config', cfg]));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('headers.projects 中的「completed」不是重点项目表的字段');
  }, 300000); // three runs of the command line (a hang guard, not a speed test)
});

describe('the roster as clerks keep it', () => {
  const ok = async (rosterFile: string) => {
    const dir = path.dirname(rosterFile);
    const json = path.join(dir, 'r.json');
    const r = run([folder, '--roster', rosterFile, '--as-of', '2015-10-31', '--out', path.join(dir, 's.xlsx'), '--json', json]);
    expect(r.stderr).toBe('');
    return JSON.parse(readFileSync(json, 'utf8')).towns.map((t: any) => t.town);
  };
  test('a CSV saved by Excel in China (GBK, CRLF)', async () => {
    const dir = await tmpDir('xcs-ros-');
    const f = path.join(dir, '名册.csv');
    await fsp.writeFile(f, Buffer.from('cfe7d5f2c3fbb3c62cb1f0c3fb0d0ad4c6b7e5d5f22cd4c6b7e50d0a', 'hex'));
    expect(await ok(f)).toEqual(['云峰镇']);
  });
  test('an .xlsx roster with a title row above the header and a 合计 row', async () => {
    const dir = await tmpDir('xcs-ros-');
    const f = await writeBook(path.join(dir, '名册.xlsx'), [{
      name: '名册',
      rows: [['青川县试点镇名册'], ['序号', '乡镇名称', '别名'], [1, '云峰镇', '云峰、云峰镇人民政府'], [2, '东溪镇', null], ['合计', '2个']],
    }]);
    expect((await ok(f)).sort()).toEqual(['东溪镇', '云峰镇'].sort());
  });
});

test('the same folder gives the same report, run after run (and whatever the number of threads)', async () => {
  const dir = await tmpDir('xcs-det-');
  const outs: string[] = [];
  for (const jobs of ['2', '1', '2']) {
    const json = path.join(dir, `r${outs.length}.json`);
    const r = run([folder, '--roster', roster, '--as-of', '2015-10-31', '--out', path.join(dir, `s${outs.length}.xlsx`), '--json', json, '--jobs', jobs, '--quiet']);
    expect(r.code).toBe(1);
    outs.push(readFileSync(json, 'utf8'));
  }
  expect(outs[1]).toBe(outs[0]);
  expect(outs[2]).toBe(outs[0]);
});

/** Every sheet of an xlsx as text: name, merges, and each cell's address, type, value, number format and style. */
async function workbookContents(file: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: string[] = [`created=${wb.created?.toISOString()} modified=${wb.modified?.toISOString()}`];
  wb.eachSheet((ws) => {
    const merges = (ws.model as { merges?: string[] }).merges ?? [];
    out.push(`# ${ws.name} merges=${JSON.stringify([...merges].sort())}`);
    ws.eachRow({ includeEmpty: false }, (row) => row.eachCell({ includeEmpty: false }, (c) => {
      out.push(`${c.address}\t${c.type}\t${JSON.stringify(c.value)}\t${c.numFmt ?? ''}\t${JSON.stringify(c.style)}`);
    }));
  });
  return out.join('\n');
}

test('the sample county gives byte-identical reports and summaries, run after run, whatever the threads and directory order', async () => {
  const dir = await tmpDir('xcs-det2-');
  const sample = path.join(ROOT, 'sample', 'county');
  // a copy of the folder made in reverse order (another directory order), file dates kept
  const copy = path.join(dir, 'county');
  const files: string[] = [];
  const walk = async (d: string) => {
    for (const e of await fsp.readdir(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else files.push(path.relative(sample, p));
    }
  };
  await walk(sample);
  for (const f of [...files].sort().reverse()) {
    await fsp.mkdir(path.dirname(path.join(copy, f)), { recursive: true });
    await fsp.copyFile(path.join(sample, f), path.join(copy, f));
    const st = await fsp.stat(path.join(sample, f));
    await fsp.utimes(path.join(copy, f), st.atime, st.mtime);
  }
  const runs: { json: string; xlsx: Buffer; contents: string }[] = [];
  for (const [folder, jobs] of [[sample, '1'], [sample, '2'], [copy, '3']] as const) {
    const n = runs.length;
    const json = path.join(dir, `r${n}.json`);
    const out = path.join(dir, `s${n}.xlsx`);
    const r = run([folder, '--roster', path.join(ROOT, 'sample', 'roster.csv'), '--as-of', '2015-10-31', '--out', out, '--json', json, '--jobs', jobs, '--quiet']);
    expect(r.stderr).toBe('');
    expect([0, 1]).toContain(r.code);
    runs.push({ json: readFileSync(json, 'utf8'), xlsx: readFileSync(out), contents: await workbookContents(out) });
    if (n === 0) await new Promise((res) => setTimeout(res, 2100)); // the next runs are at another clock time (zip dates have 2 s steps)
  }
  for (const r of runs.slice(1)) {
    expect(r.json).toBe(runs[0]!.json);
    expect(r.contents).toBe(runs[0]!.contents);
    // the workbook's own dates and its zip's are the as-of date: the same bytes
    expect(r.xlsx.equals(runs[0]!.xlsx)).toBe(true);
  }
  expect(runs[0]!.contents).toContain('created=2015-10-31T00:00:00.000Z');
}, 180000);

test('last week\'s county summary left in the towns\' folder is recognised and ignored, not rejected', async () => {
  const dir = await tmpDir('xcs-own-');
  const input = path.join(dir, 'in');
  await writeBook(path.join(input, '云峰镇.xlsx'), [{ name: 'S', rows: [title('云峰镇', '2015年10月31日'), HEADER, [1, '甲', null, 1000, 500, 10, 450, '张', null, '在建']] }]);
  const ros = path.join(dir, 'r.csv');
  await fsp.writeFile(ros, '乡镇名称\n云峰镇\n');
  expect(run([input, '--roster', ros, '--as-of', '2015-10-24', '--out', path.join(dir, '上周汇总.xlsx')]).code).toBe(0);
  await fsp.copyFile(path.join(dir, '上周汇总.xlsx'), path.join(input, '上周汇总.xlsx'));
  const json = path.join(dir, 'r.json');
  const r = run([input, '--roster', ros, '--as-of', '2015-10-31', '--out', path.join(dir, '本周汇总.xlsx'), '--json', json]);
  expect(r.code).toBe(0);
  const f = JSON.parse(readFileSync(json, 'utf8')).files.find((x: any) => x.file === '上周汇总.xlsx');
  expect(f.status).toBe('ignored');
  expect(f.issues[0].code).toBe('SKIP_SUMMARY_WORKBOOK');
});

test('--help is in Chinese and exits 0', () => {
  const r = run(['--help']);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^用法：npm run consolidate -- \[选项\] <folder>/);
  expect(r.stdout).toContain('选项：');
  expect(r.stdout).not.toMatch(/Usage|Options/);
});
