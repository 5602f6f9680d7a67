/**
 * Benchmark (issue #5): the county consolidation on N generated towns against a pandas baseline and the raw floor
 * of reading the same files, then the task pane's 校验 on 10,000 project rows in chromium.
 *
 *   npm run bench -- [--towns N] [--seed S] [--skip-pandas] [--skip-taskpane] [--skip-legacy] [--legacy-towns N] [--json figures.json]
 *   npm run bench:taskpane             (= --skip-consolidation: the task-pane section only)
 *
 * Each of ours / pandas / floor runs as a child process under `/usr/bin/time -f '%e %M %U %S'`: wall seconds, peak
 * RSS (the whole process, worker threads included), user and system CPU seconds. Progress goes to stderr, the
 * table to stdout. The corpus is generated once per (N, seed) under the temp dir (tools/bench/corpus.ts).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Command } from 'commander';
import { corpus, AS_OF, type Corpus } from './corpus';
import { taskpaneBench, type Series, type TaskpaneFigures } from './taskpane';
import { legacyBench, legacyTable, type LegacyFigures } from './legacy';
import type { JsonReport } from '../../core';
import { historyBench } from './history';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const TIME = '/usr/bin/time';
const PYTHON = '/usr/bin/python3';
const BASELINE = path.resolve(ROOT, '..', 'shared', 'baselines', 'pandas_consolidate.py');
const GOALS = { pandasOverOurs: 3, oursOverFloor: 2, oursRssMb: 400, taskpaneMs: 200 };

const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);

interface Run {
  name: string;
  files: number;
  rows: number;
  wall: number;
  rssMb: number;
  user: number;
  sys: number;
}

/** Runs a command under /usr/bin/time; returns its stdout and the measured figures. */
function timed(cmd: string[], tmp: string): { stdout: string; status: number | null; wall: number; rssMb: number; user: number; sys: number } {
  const out = path.join(tmp, `time-${Date.now()}.txt`);
  const r = spawnSync(TIME, ['-f', '%e %M %U %S', '-o', out, ...cmd], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.error) throw new Error(`${cmd[0]} 无法运行：${r.error.message}`);
  // the last line is time's (a "Command exited with non-zero status" line may precede it)
  const line = fs.readFileSync(out, 'utf8').trim().split('\n').pop() ?? '';
  const [wall, kb, user, sys] = line.split(/\s+/).map(Number);
  if (![wall, kb, user, sys].every(Number.isFinite)) throw new Error(`无法解析 time 的输出：${line}\n${r.stderr}`);
  return { stdout: r.stdout, status: r.status, wall, rssMb: kb / 1024, user, sys };
}

function runOurs(c: Corpus, tmp: string): Run {
  log('ours：node dist/cli/consolidate.js …');
  const out = path.join(tmp, 'summary.xlsx');
  const json = path.join(tmp, 'report.json');
  fs.rmSync(json, { force: true });
  const cli = path.join(ROOT, 'dist', 'cli', 'consolidate.js');
  const t = timed([process.execPath, cli, c.folder, '--roster', c.roster, '--as-of', AS_OF, '--out', out, '--json', json, '--quiet'], tmp);
  if (t.status !== 0 || !fs.existsSync(json)) throw new Error(`汇总脚本退出码 ${t.status}（应为 0：全部乡镇报送且被采纳）`);
  // it must really have consolidated: every town submitted with its projects and 30 indicators
  const rep = JSON.parse(fs.readFileSync(json, 'utf8')) as JsonReport;
  const submitted = rep.towns.filter((x) => x.status === 'submitted').length;
  const projects = rep.towns.reduce((s, x) => s + (x.projects?.count ?? 0), 0);
  const indicators = rep.towns.reduce((s, x) => s + (x.indicators?.length ?? 0), 0);
  const accepted = rep.files.filter((f) => f.status === 'accepted').length;
  if (submitted !== c.towns || projects !== c.projects || indicators !== c.indicators || accepted !== c.files) {
    throw new Error(
      `汇总结果不对：${submitted}/${c.towns} 个乡镇采纳，${accepted}/${c.files} 个文件采纳，项目 ${projects}/${c.projects}，指标 ${indicators}/${c.indicators}`,
    );
  }
  return { name: 'ours', files: accepted, rows: projects + indicators, ...pick(t) };
}

function runPandas(c: Corpus, tmp: string): Run {
  log('pandas：/usr/bin/python3 ../shared/baselines/pandas_consolidate.py …（约 40–60 s / 1300 个乡镇）');
  const t = timed([PYTHON, BASELINE, c.folder], tmp);
  const m = /pandas baseline: (\d+) files, (\d+) rows/.exec(t.stdout);
  if (t.status !== 0 || !m) throw new Error(`pandas 基线失败（退出码 ${t.status}）：${t.stdout.slice(-500)}`);
  if (Number(m[1]) !== c.files) throw new Error(`pandas 基线读了 ${m[1]} 个文件，应为 ${c.files}`);
  return { name: 'pandas', files: Number(m[1]), rows: Number(m[2]), ...pick(t) };
}

function runFloor(c: Corpus, tmp: string, workers: number): Run {
  log(`raw floor：unzip + saxes，${workers} 个线程…`);
  const t = timed([process.execPath, path.join(ROOT, 'dist', 'tools', 'bench', 'floor.js'), c.folder, '--workers', String(workers)], tmp);
  if (t.status !== 0) throw new Error(`floor 失败（退出码 ${t.status}）`);
  const r = JSON.parse(t.stdout) as { files: number; rows: number };
  if (r.files !== c.files) throw new Error(`floor 读了 ${r.files} 个文件，应为 ${c.files}`);
  return { name: workers === 1 ? 'floor (1 core)' : 'raw floor', files: r.files, rows: r.rows, ...pick(t) };
}

const pick = (t: { wall: number; rssMb: number; user: number; sys: number }) => ({ wall: t.wall, rssMb: t.rssMb, user: t.user, sys: t.sys });

function pad(s: string, n: number, right = false): string {
  const w = [...s].reduce((a, ch) => a + (/[\u2e80-\uffff]/.test(ch) ? 2 : 1), 0);
  const fill = ' '.repeat(Math.max(0, n - w));
  return right ? s + fill : fill + s;
}

function table(c: Corpus, runs: Run[]): string {
  const dataRows = c.projects + c.indicators;
  const head = ['', 'files', 'rows', 'wall s', 'files/s', 'rows/s', 'peak RSS MB', 'CPU %'];
  const lines = [head.map((h, i) => pad(h, i === 0 ? 16 : 12, i === 0)).join('')];
  for (const r of runs) {
    const cells = [r.name, String(r.files), String(r.rows), r.wall.toFixed(2), (r.files / r.wall).toFixed(0), (dataRows / r.wall).toFixed(0), r.rssMb.toFixed(0), (((r.user + r.sys) / r.wall) * 100).toFixed(0)];
    lines.push(cells.map((x, i) => pad(x, i === 0 ? 16 : 12, i === 0)).join(''));
  }
  return lines.join('\n');
}

async function main(): Promise<number> {
  const o = new Command()
    .name('bench')
    .option('--towns <n>', '乡镇数', '1300')
    .option('--seed <s>', '随机种子', '1')
    .option('--skip-pandas', '不跑 pandas 基线')
    .option('--skip-taskpane', '不跑任务窗格（chromium）部分')
    .option('--skip-consolidation', '只跑任务窗格部分（npm run bench:taskpane）')
    .option('--taskpane-rows <n>', '任务窗格校验的项目行数', '10000')
    .option('--reps <n>', '任务窗格校验的重复次数', '7')
    .option('--skip-legacy', '不跑旧格式（.xls）县的部分')
    .option('--legacy-towns <n>', '旧格式县的乡镇数', '30')
    .option('--json <file>', '把结果写入 JSON 文件')
    .parse(process.argv)
    .opts<{ towns: string; seed: string; skipPandas?: boolean; skipTaskpane?: boolean; skipConsolidation?: boolean; taskpaneRows: string; reps: string; json?: string; skipLegacy?: boolean; legacyTowns: string }>();
  const n = Number(o.towns);
  const seed = Number(o.seed);
  if (!Number.isInteger(n) || n < 1 || !Number.isInteger(seed)) {
    process.stderr.write('--towns 与 --seed 须为正整数\n');
    return 2;
  }
  if (!fs.existsSync(TIME)) {
    process.stderr.write(`需要 ${TIME}（Debian 软件包 time）\n`);
    return 2;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xcs-bench-run-'));
  const mark = (ok: boolean) => (ok ? '✓' : '✗');
  try {
    let consolidation: { corpus: Corpus; runs: Run[]; ratios: Record<string, number> } | null = null;
    if (!o.skipConsolidation) {
      const c = await corpus(n, seed, log);
      const load0 = os.loadavg()[0].toFixed(2);
      log(`语料：${c.folder}（${c.towns} 个乡镇，${c.files} 个文件，${(c.bytes / 1e6).toFixed(1)} MB，项目 ${c.projects} 行，指标 ${c.indicators} 行）`);
      const runs: Run[] = [runOurs(c, tmp)];
      if (!o.skipPandas) runs.push(runPandas(c, tmp));
      runs.push(runFloor(c, tmp, 2));
      runs.push(runFloor(c, tmp, 1));
      const ours = runs[0];
      const pandas = runs.find((r) => r.name === 'pandas');
      const floor = runs.find((r) => r.name === 'raw floor')!;
      const out: string[] = [];
      out.push(`合并汇总：${c.towns} 个乡镇，${c.files} 个文件（${(c.bytes / 1e6).toFixed(1)} MB），${c.projects} 个项目 + ${c.indicators} 个指标 = ${c.projects + c.indicators} 行数据；机器 ${os.cpus().length} 核，开始时负载 ${load0}`);
      out.push(table(c, runs));
      out.push('  rows：各自报告的行数（ours：项目+指标；pandas：含「项目名称」表的非空行；floor：<row> 元素）；rows/s 一律按生成的数据行数计算');
      const ratios: Record<string, number> = {};
      if (pandas) {
        ratios.pandasOverOurs = pandas.wall / ours.wall;
        out.push(`pandas / ours 用时   ${ratios.pandasOverOurs.toFixed(2)}×   目标 ≥ ${GOALS.pandasOverOurs}   ${mark(ratios.pandasOverOurs >= GOALS.pandasOverOurs)}`);
      }
      ratios.oursOverFloor = ours.wall / floor.wall;
      out.push(`ours / floor 用时    ${ratios.oursOverFloor.toFixed(2)}×   目标 ≤ ${GOALS.oursOverFloor}   ${mark(ratios.oursOverFloor <= GOALS.oursOverFloor)}`);
      out.push(`ours 峰值内存        ${ours.rssMb.toFixed(0)} MB   目标 ≤ ${GOALS.oursRssMb} MB   ${mark(ours.rssMb <= GOALS.oursRssMb)}`);
      out.push(`ours CPU 利用        (user ${ours.user.toFixed(1)} s + sys ${ours.sys.toFixed(1)} s) / wall ${ours.wall.toFixed(1)} s = ${((ours.user + ours.sys) / ours.wall).toFixed(2)} 核`);
      process.stdout.write(out.join('\n') + '\n');
      consolidation = { corpus: c, runs, ratios };
    }
    let tp: TaskpaneFigures | null = null;
    if (!o.skipTaskpane) {
      tp = await taskpaneBench(ROOT, Number(o.taskpaneRows), Math.max(1, Number(o.reps)), log);
      const line = (label: string, x: Series) =>
        `  ${label}（today=${x.today}）：中位数 ${x.median.toFixed(0)} ms，最大 ${x.max.toFixed(0)} ms   目标 ≤ ${GOALS.taskpaneMs} ms   ${mark(x.max <= GOALS.taskpaneMs)}\n` +
        `    各次 ${x.times.map((t) => t.toFixed(0)).join(' / ')} ms；识别出 ${x.projects} 个项目，${x.issues} 条问题\n`;
      process.stdout.write(
        `${consolidation ? '\n' : ''}任务窗格「校验」（chromium 中的浏览器核心包；townReport + groupIssues；${tp.rows} 行项目 × ${tp.reps} 次，不含 Office.js 读取）\n` +
          line('报表日期当天校验，分析一遍，首次为冷启动', tp.sameDay) +
          line('之后某天校验（同一年：仍只分析一遍）', tp.laterDay),
      );
      for (const x of [tp.sameDay, tp.laterDay]) if (x.projects !== tp.rows) throw new Error(`任务窗格校验只识别出 ${x.projects} 个项目，应为 ${tp.rows}`);
    }
    // legacy .xls county beside its .xlsx twin (tools/bench/legacy.ts)
    let legacy: LegacyFigures | null = null;
    if (!o.skipConsolidation && !o.skipLegacy) {
      legacy = await legacyBench(ROOT, Number(o.legacyTowns), seed, log);
      process.stdout.write(`\n${legacyTable(legacy)}\n`);
      if (!legacy.sameFigures) throw new Error('.xls 县与 .xlsx 县的汇总数字不同');
    }
    // --history: a year of a county's and of a province's reports (tools/bench/history.ts)
    if (!o.skipConsolidation) process.stdout.write(`${historyBench(ROOT, tmp, log).text}\n`);
    if (o.json) {
      const figures = { date: new Date().toISOString(), cpus: os.cpus().length, loadavgAtEnd: os.loadavg(), ...consolidation, goals: GOALS, taskpane: tp, legacy };
      fs.writeFileSync(o.json, JSON.stringify(figures, null, 2) + '\n');
      log(`结果已写入 ${o.json}`);
    }
    return 0;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`基准测试失败：${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
