/**
 * The consolidation section of `npm run bench`, for one target folder (the bundled sample county, or the generated
 * province corpus): ours timed as the README's command (`node dist/cli/consolidate.js …`, built code, no compile),
 * the pandas script a county analyst would write, and the floors:
 *   - read floor: unzip + inflate + tokenise every sheet of every file (tools/bench/floor.ts), on 2 threads and on 1;
 *   - write floor: the summary's cells as bare sheet XML, deflated, on one core, for the same number of rows as the
 *     summary holds (tools/bench/write-floor.ts);
 *   - whole-job floor: read floor (2 threads) + write floor: reading and writing, nothing else.
 * Each runs as a child process under `/usr/bin/time -f '%e %M %U %S %R'` (wall, peak RSS of the whole process with its
 * threads, user and system CPU, page faults). Ours also reports its stages (XCS_STAGES, cli/stages.ts).
 * The timed commands run in rounds (ours, pandas, the floors; then again), not each one's runs in a block: this
 * machine's speed drifts by tens of percent over minutes, and a ratio of two figures taken minutes apart measured the
 * drift as much as the code. Each figure is the median of its runs.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
const TIME = '/usr/bin/time';
const PYTHON = '/usr/bin/python3';
const BASELINE = path.resolve(ROOT, '..', 'shared', 'baselines', 'pandas_consolidate.py');

export interface Target {
  /** Shown in the heading: 「示例县」, 「全省语料」. */
  label: string;
  folder: string;
  roster: string;
  asOf: string;
  /** Exit code ours must give (the sample county has a rejected and a missing town: 1). */
  expectCode: 0 | 1;
  /** Rounds of the timed commands; each one's median is shown (a county run is short: noise matters). */
  reps: number;
  /** Rounds in which pandas runs too (default: every round; the province's takes ~45 s). */
  pandasReps?: number;
  /** Also time `npm run consolidate` and `node -e 0` (what starting costs: the county's figures). */
  startLines?: boolean;
  /** Checks ours' JSON report (throws when the consolidation is not what the corpus holds). */
  check?: (reportJson: string) => void;
  goals: { pandasOverOurs: number; oursOverWholeFloor?: number; oursRssMb: number };
}

export interface Run {
  name: string;
  wall: number;
  rssMb: number;
  user: number;
  sys: number;
  /** Minor page faults (first touches of memory: ~20–50 µs each on this project's VM; docs/dev/performance.md). */
  faults: number;
}

interface Timed extends Run {
  stdout: string;
  status: number | null;
}

const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);

/** Runs a command under /usr/bin/time; returns its stdout and the measured figures. */
export function timed(name: string, cmd: string[], tmp: string, env: NodeJS.ProcessEnv = process.env): Timed {
  const out = path.join(tmp, `time-${process.hrtime.bigint()}.txt`);
  const r = spawnSync(TIME, ['-f', '%e %M %U %S %R', '-o', out, ...cmd], { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.error) throw new Error(`${cmd[0]} 无法运行：${r.error.message}`);
  // the last line is time's (a "Command exited with non-zero status" line may precede it)
  const line = fs.readFileSync(out, 'utf8').trim().split('\n').pop() ?? '';
  const [wall, kb, user, sys, faults] = line.split(/\s+/).map(Number);
  if (![wall, kb, user, sys, faults].every(Number.isFinite)) throw new Error(`无法解析 time 的输出：${line}\n${r.stderr}`);
  return { name, stdout: r.stdout, status: r.status, wall, rssMb: kb / 1024, user, sys, faults };
}

/** The run of median wall time (the lower middle one of an even count). */
function middle<T extends Run>(runs: T[]): T {
  const sorted = [...runs].sort((a, b) => a.wall - b.wall);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** The run of median wall time among `reps` runs of `make`. */
function median<T extends Run>(reps: number, make: () => T): T {
  return middle(Array.from({ length: Math.max(1, reps) }, make));
}

export interface ConsolidationFigures {
  label: string;
  runs: Run[];
  stages: Record<string, number>;
  ratios: Record<string, number>;
}

export function consolidationSection(t: Target, o: { tmp: string; skipPandas?: boolean }): { text: string; figures: ConsolidationFigures } {
  const tmp = fs.mkdtempSync(path.join(o.tmp, 'c-'));
  const out = path.join(tmp, 'summary.xlsx');
  const json = path.join(tmp, 'report.json');
  const stagesFile = path.join(tmp, 'stages.json');
  const cli = path.join(ROOT, 'dist', 'cli', 'consolidate.js');
  const args = [t.folder, '--roster', t.roster, '--as-of', t.asOf, '--out', out, '--json', json, '--quiet'];
  log(`${t.label}：${t.reps} 轮（ours、pandas、floors 轮流）`);
  let stages: Record<string, number> = {};
  let summaryRows = 0;
  // the chart's font subsets are cached between runs (io/write/chart-font.ts), and so is V8's compiled code of the
  // CLI (io/runtime/code-cache.ts): the bench's own cache folder, filled by the first run; a week's run after the first
  // finds it so. The first run (empty caches) is shown on its own line.
  const cache = path.join(tmp, 'cache');
  const cold = timed('ours, first run (empty caches)', [process.execPath, cli, ...args], tmp, { ...process.env, XCS_CACHE_DIR: cache });
  const runOurs = () => {
    fs.rmSync(json, { force: true });
    const r = timed('ours', [process.execPath, cli, ...args], tmp, { ...process.env, XCS_STAGES: stagesFile, XCS_CACHE_DIR: cache });
    if (r.status !== t.expectCode || !fs.existsSync(json)) throw new Error(`汇总脚本退出码 ${r.status}（应为 ${t.expectCode}）`);
    const text = fs.readFileSync(json, 'utf8');
    t.check?.(text);
    summaryRows = rowsOfSummary(text);
    return { ...r, stages: JSON.parse(fs.readFileSync(stagesFile, 'utf8')) as Record<string, number> };
  };
  const runPandas = () => {
    const r = timed('pandas', [PYTHON, BASELINE, t.folder], tmp);
    if (r.status !== 0 || !/pandas baseline: \d+ files/.test(r.stdout)) throw new Error(`pandas 基线失败（退出码 ${r.status}）：${r.stdout.slice(-500)}`);
    return r;
  };
  const floorJs = path.join(ROOT, 'dist', 'tools', 'bench', 'floor.js');
  const writeJs = path.join(ROOT, 'dist', 'tools', 'bench', 'write-floor.js');
  const rounds = { ours: [] as ReturnType<typeof runOurs>[], pandas: [] as Timed[], read2: [] as Timed[], read1: [] as Timed[], write: [] as Timed[] };
  const pandasReps = o.skipPandas ? 0 : (t.pandasReps ?? t.reps);
  for (let i = 0; i < Math.max(1, t.reps); i++) {
    rounds.ours.push(runOurs());
    if (i < pandasReps) rounds.pandas.push(runPandas());
    rounds.read2.push(timed('read floor (2 thr)', [process.execPath, floorJs, t.folder, '--workers', '2'], tmp));
    rounds.read1.push(timed('read floor (1 thr)', [process.execPath, floorJs, t.folder, '--workers', '1'], tmp));
    rounds.write.push(timed('write floor (1 core)', [process.execPath, writeJs, '--rows', String(summaryRows)], tmp));
  }
  const ours = middle(rounds.ours);
  stages = ours.stages;
  const runs: Run[] = [pick(ours), pick(cold)];
  if (t.startLines) {
    // what `npm run` adds in front of the same command, for the record
    runs.push(pick(median(t.reps, () => timed('ours via npm run', ['npm', 'run', '-s', 'consolidate', '--', ...args], tmp, { ...process.env, XCS_CACHE_DIR: cache }))));
  }
  let pandas: Run | undefined;
  if (rounds.pandas.length) {
    pandas = middle(rounds.pandas);
    runs.push(pick(pandas));
  }
  const read2 = middle(rounds.read2);
  const read1 = middle(rounds.read1);
  const write = middle(rounds.write);
  const whole: Run = { name: 'whole-job floor', wall: read2.wall + write.wall, rssMb: Math.max(read2.rssMb, write.rssMb), user: read2.user + write.user, sys: read2.sys + write.sys, faults: read2.faults + write.faults };
  runs.push(pick(read2), pick(read1), pick(write), whole);
  if (t.startLines) {
    // node's own start in this environment, which every run of ours pays (NODE_EXTRA_CA_CERTS, when set, is part of it)
    runs.push(pick(median(t.reps, () => timed('node -e 0 (start)', [process.execPath, '-e', '0'], tmp))));
  }
  fs.rmSync(tmp, { recursive: true, force: true });

  const lines: string[] = [];
  lines.push(table(runs, ours.wall));
  const ratios: Record<string, number> = {};
  const mark = (ok: boolean) => (ok ? '✓' : '✗');
  if (pandas) {
    ratios.pandasOverOurs = pandas.wall / ours.wall;
    lines.push(`pandas / ours 用时       ${ratios.pandasOverOurs.toFixed(2)}×   目标 ≥ ${t.goals.pandasOverOurs}   ${mark(ratios.pandasOverOurs >= t.goals.pandasOverOurs)}`);
  }
  ratios.oursOverWholeFloor = ours.wall / whole.wall;
  ratios.oursOverReadFloor = ours.wall / read2.wall;
  const wf = t.goals.oursOverWholeFloor;
  lines.push(`ours / whole-job floor  ${ratios.oursOverWholeFloor.toFixed(2)}×${wf ? `   目标 ≤ ${wf}   ${mark(ratios.oursOverWholeFloor <= wf)}` : ''}（ours / read floor ${ratios.oursOverReadFloor.toFixed(2)}×）`);
  if (rounds.ours.length > 1) {
    const each = rounds.ours.map((r, i) => r.wall / (rounds.read2[i]!.wall + rounds.write[i]!.wall));
    lines.push(`  各轮 ours / whole-job floor：${each.map((x) => `${x.toFixed(2)}×`).join(' / ')}（同一轮内相邻测得）`);
  }
  lines.push(`ours 峰值内存           ${ours.rssMb.toFixed(0)} MB   目标 < ${t.goals.oursRssMb} MB   ${mark(ours.rssMb < t.goals.oursRssMb)}`);
  const st = Object.entries(stages).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(' · ');
  lines.push(`ours 各阶段（秒；图表在 summary 中与各表重叠，json 与 summary 同时写，PDF 与二者重叠）：${st}`);
  return { text: lines.join('\n'), figures: { label: t.label, runs, stages, ratios } };
}

/** The summary's data rows, from ours' JSON report: projects + indicators (项目明细, 主要指标), a row per town on
 * 汇总概览 and 报送情况, a row per file and per problem on 报送情况. */
function rowsOfSummary(reportJson: string): number {
  const rep = JSON.parse(reportJson) as { towns: { projects?: { count?: number } | null; indicators?: unknown[] | null }[]; files: { issues?: unknown[] }[] };
  let rows = 2 * rep.towns.length;
  for (const t of rep.towns) rows += (t.projects?.count ?? 0) + (t.indicators?.length ?? 0);
  for (const f of rep.files) rows += Math.max(1, f.issues?.length ?? 0);
  return rows;
}

const pick = (r: Run): Run => ({ name: r.name, wall: r.wall, rssMb: r.rssMb, user: r.user, sys: r.sys, faults: r.faults });

function pad(s: string, n: number, right = false): string {
  const w = [...s].reduce((a, ch) => a + (/[\u2e80-\uffff]/.test(ch) ? 2 : 1), 0);
  const fill = ' '.repeat(Math.max(0, n - w));
  return right ? s + fill : fill + s;
}

function table(runs: Run[], oursWall: number): string {
  const head = ['', 'wall s', 'vs ours', 'peak RSS MB', 'user s', 'sys s', 'page faults'];
  // the first column as wide as its longest name
  const first = Math.max(22, ...runs.map((r) => r.name.length + 2));
  const lines = [head.map((h, i) => pad(h, i === 0 ? first : 12, i === 0)).join('')];
  for (const r of runs) {
    const cells = [r.name, r.wall.toFixed(2), `${(r.wall / oursWall).toFixed(2)}×`, r.rssMb.toFixed(0), r.user.toFixed(2), r.sys.toFixed(2), String(r.faults)];
    lines.push(cells.map((x, i) => pad(x, i === 0 ? first : 12, i === 0)).join(''));
  }
  return lines.join('\n');
}

/** The machine, for the heading. */
export function machineLine(): string {
  return `机器 ${os.cpus().length} 核，负载 ${os.loadavg().map((x) => x.toFixed(2)).join(' / ')}`;
}
