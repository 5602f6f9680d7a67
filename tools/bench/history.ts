/**
 * Bench section for --history (issue #14): a year (52 weekly reports) of a county's and of a province's history,
 * read by the CLI's own loader (io/read/history.ts) and folded onto this week's result (core applyHistory), in a
 * child process under /usr/bin/time: wall seconds and peak RSS. Three cases each: cold (no compact file yet: every
 * report read and checked with the report's schema once), warm (the compact file holds the year) and one new (the
 * compact file holds the year but last week's report is new: read in full, the compact file rewritten — what a
 * county's weekly run pays when each week's --json goes into the history folder). The reports are generated here (towns × 30 projects, a few red, a few stalled, towns missing now
 * and then), written as the CLI writes them (JSON, two-space indent).
 *
 *   node dist/tools/bench/history.js --child <folder> <towns> [--out <dir>]   (the measured process; --out: then its outputs)
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  ConsolidationResult, HISTORY_STORE_FILE, JsonReport, ProjectRecord, REPORT_VERSION, ReportSchema, TownResult, applyHistory, lightOf, round, timeProgress,
  toJsonReport,
} from '../../core';
import { loadHistory } from '../../io/read/history';


export const HISTORY_GOALS = { countySeconds: 0.3, provinceSeconds: 10, provinceRssMb: 400 };
const PROJECTS = 30;
const AS_OF = '2015-12-31';
/** The 52 Fridays of 2015 before AS_OF's week. */
const FRIDAYS = Array.from({ length: 52 }, (_, w) => new Date(Date.UTC(2015, 0, 2 + 7 * w)).toISOString().slice(0, 10));
const th = { yellowBelow: 10 };

const townName = (i: number) => `第${i + 1}镇`;
const plan = (t: number, p: number) => 500 + ((t * 31 + p * 17) % 40) * 50;
/** 累计完成 of project p of town t at week w (0-based): most keep pace, some lag, every 7th stands still from mid-year. */
function ytd(t: number, p: number, w: number): number {
  const pace = [1.05, 1, 0.95, 0.8, 0.5][(t + p) % 5];
  const weeks = (t * 7 + p) % 7 === 0 ? Math.min(w, 26) : w;
  return round((plan(t, p) * pace * (weeks + 1)) / 53, 2);
}
const missing = (t: number, w: number) => (t * 13 + w) % 29 === 0;

function projectName(t: number, p: number): string {
  return `${townName(t)}重点项目${String(p + 1).padStart(2, '0')}号工程`;
}

function weekReport(towns: number, w: number): JsonReport {
  const asOf = FRIDAYS[w];
  const tp = timeProgress(asOf);
  const county = { count: 0, totalInvestment: 0, annualPlan: 0, completedYtd: 0, red: 0, yellow: 0, green: 0 };
  const out: JsonReport = {
    version: REPORT_VERSION, asOf, timeProgress: round(tp, 4), files: [], towns: [],
    county: { projects: county, indicators: [], powers: { count: 0, byWay: {}, byStatus: {} } }, lagging: [], weekOverWeek: null,
  };
  for (let t = 0; t < towns; t++) {
    const town = townName(t);
    if (missing(t, w)) {
      out.towns.push({ town, status: 'missing', projects: null, indicators: null, reportDate: null, rank: null, projectList: [], change: null, powers: null });
      continue;
    }
    out.files.push({ file: `${town}重点项目推进情况表.xlsx`, town, kinds: ['projects'], status: 'accepted', issues: [] });
    const totals = { count: PROJECTS, totalInvestment: 0, annualPlan: 0, completedYtd: 0, red: 0, yellow: 0, green: 0 };
    const projectList = Array.from({ length: PROJECTS }, (_, p) => {
      const a = plan(t, p);
      const y = ytd(t, p, w);
      const completion = round(y / a, 4);
      const light = lightOf(completion, tp, th).light;
      totals.annualPlan += a;
      totals.totalInvestment += a * 3;
      totals.completedYtd += y;
      if (light) totals[light]++;
      return { name: projectName(t, p), annualPlan: a, completedYtd: y, completion, light, change: null };
    });
    for (const k of Object.keys(county) as (keyof typeof county)[]) county[k] += totals[k];
    out.towns.push({ town, status: 'submitted', projects: totals, indicators: null, reportDate: asOf, rank: t + 1, projectList, change: null, powers: null });
  }
  return out;
}

/** Writes the year's reports under dir (once per size); returns the folder and its bytes. */
export function historyCorpus(dir: string, towns: number): { folder: string; bytes: number } {
  const folder = path.join(dir, `history-${towns}`);
  const done = path.join(folder, '.complete');
  if (!fs.existsSync(done)) {
    fs.rmSync(folder, { recursive: true, force: true });
    fs.mkdirSync(folder, { recursive: true });
    FRIDAYS.forEach((_, w) => {
      const r = weekReport(towns, w);
      if (w === 0) ReportSchema.parse(r);
      fs.writeFileSync(path.join(folder, `report-${FRIDAYS[w]}.json`), `${JSON.stringify(r, null, 2)}\n`);
    });
    fs.writeFileSync(done, '');
  }
  const bytes = fs.readdirSync(folder).filter((f) => f.startsWith('report-')).reduce((a, f) => a + fs.statSync(path.join(folder, f)).size, 0);
  return { folder, bytes };
}

/** This week's result (AS_OF) as the consolidation would give it: only what history reads. */
function currentResult(towns: number): ConsolidationResult {
  const tp = timeProgress(AS_OF);
  const list: TownResult[] = [];
  for (let t = 0; t < towns; t++) {
    const projectList = Array.from({ length: PROJECTS }, (_, p): ProjectRecord => {
      const a = plan(t, p);
      const y = ytd(t, p, 52);
      const completion = y / a;
      const { light, gap } = lightOf(completion, tp, th);
      return {
        seq: p + 1, name: projectName(t, p), category: null, scope: null, period: null, totalInvestment: a * 3, annualPlan: a, weekDone: null, completedYtd: y,
        progressText: null, weekProgress: null, nextWeekPlan: null, problems: '征地未完成', leader: '张三', unit: null, status: '在建', completion, light, gap,
        source: { file: 'x.xlsx', sheet: '重点项目', row: p + 4 },
      };
    });
    const annualPlan = projectList.reduce((s, p) => s + p.annualPlan!, 0);
    const completedYtd = projectList.reduce((s, p) => s + p.completedYtd!, 0);
    list.push({
      town: townName(t), status: 'submitted', reportDate: AS_OF, files: [], projectList, indicators: null, rank: t + 1, byCategory: [], byStatus: [],
      projects: { count: PROJECTS, totalInvestment: annualPlan * 3, annualPlan, completedYtd, weekDone: 0, red: 0, yellow: 0, green: 0, completion: completedYtd / annualPlan, gap: 0 },
    });
  }
  const annualPlan = list.reduce((s, t) => s + t.projects!.annualPlan, 0);
  const completedYtd = list.reduce((s, t) => s + t.projects!.completedYtd, 0);
  return {
    asOf: AS_OF, timeProgress: tp, thresholds: th, files: [], towns: list, lagging: [], problems: [],
    county: { projects: { count: towns * PROJECTS, totalInvestment: annualPlan * 3, annualPlan, completedYtd, weekDone: 0, red: 0, yellow: 0, green: 0, completion: completedYtd / annualPlan, gap: 0 }, indicators: [] },
  };
}

/**
 * The measured process: load the folder's history and apply it to this week's result; prints its figures (JSON).
 * With `out` (a folder), then writes what the history ends in, to compare two builds with `cmp` (not timed): the JSON
 * report (report.json, as the CLI writes it) and the summary workbook with its 走势 and 督办清单 (summary.xlsx).
 */
async function child(folder: string, towns: number, out?: string): Promise<void> {
  const result = currentResult(towns);
  const roster = result.towns.map((t) => ({ name: t.town, aliases: [] }));
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const h = await loadHistory(folder, { asOf: AS_OF, roster });
  const t1 = process.hrtime.bigint();
  applyHistory(result, h.fold, {});
  const t2 = process.hrtime.bigint();
  const cpu = process.cpuUsage(c0);
  const hist = result.history!;
  process.stdout.write(`${JSON.stringify({
    loadSeconds: Number(t1 - t0) / 1e9, applySeconds: Number(t2 - t1) / 1e9, cpuSeconds: (cpu.user + cpu.system) / 1e6, readInFull: h.readInFull, weeks: hist.weeks.length,
    supervision: hist.supervision.length, skipped: h.skipped.length, heapMb: process.memoryUsage().heapUsed / 1048576,
  })}\n`);
  if (out) {
    // loaded only here: the measured figures above are the process's without the writer
    const { writeJsonFile } = await import('../../io/write/json-stream');
    const { writeSummaryWorkbook } = await import('../../io/write/summary-workbook');
    fs.mkdirSync(out, { recursive: true });
    await writeJsonFile(path.join(out, 'report.json'), toJsonReport(result));
    await writeSummaryWorkbook(result, path.join(out, 'summary.xlsx'), { county: '基准县' });
  }
}

export interface HistoryCase {
  towns: number;
  reportsMb: number;
  compactMb: number;
  cold: { wall: number; rssMb: number; loadSeconds: number; applySeconds: number; cpuSeconds: number };
  warm: { wall: number; rssMb: number; loadSeconds: number; applySeconds: number; cpuSeconds: number; weeks: number; supervision: number };
  /** The week as a county lives it: the compact file holds the year but last week's report is new (read, file rewritten). */
  oneNew: { wall: number; rssMb: number; loadSeconds: number; applySeconds: number; cpuSeconds: number; readInFull: number };
  baseline: { wall: number; rssMb: number };
}

/** Both cases for one size: the child run cold, then warm, and a baseline child that does nothing (node's start). */
export function historyCase(root: string, tmp: string, towns: number, log: (s: string) => void): HistoryCase {
  log(`history：生成 ${towns} 个乡镇 × ${PROJECTS} 个项目 × 52 周的报告 …`);
  const { folder, bytes } = historyCorpus(tmp, towns);
  fs.rmSync(path.join(folder, HISTORY_STORE_FILE), { force: true });
  const script = path.join(root, 'dist', 'tools', 'bench', 'history.js');
  const measure = (args: string[]) => {
    const out = path.join(tmp, `history-time-${towns}.txt`);
    const r = spawnSync('/usr/bin/time', ['-f', '%e %M', '-o', out, process.execPath, script, ...args], { encoding: 'utf8', maxBuffer: 16 << 20 });
    if (r.status !== 0) throw new Error(`history bench child failed: ${r.stderr}`);
    const [wall, kb] = fs.readFileSync(out, 'utf8').trim().split('\n').pop()!.split(/\s+/).map(Number);
    return { wall, rssMb: kb / 1024, ...(r.stdout.trim() ? JSON.parse(r.stdout.trim().split('\n').pop()!) : {}) };
  };
  log(`history：${towns} 个乡镇，冷启动（无历史摘要文件）…`);
  const cold = measure(['--child', folder, String(towns)]);
  log(`history：${towns} 个乡镇，有历史摘要文件 …`);
  const warm = measure(['--child', folder, String(towns)]);
  log(`history：${towns} 个乡镇，上周的报告新到（摘要文件重写）…`);
  const newest = path.join(folder, `report-${FRIDAYS[FRIDAYS.length - 1]}.json`);
  const now = new Date();
  fs.utimesSync(newest, now, now);
  const oneNew = measure(['--child', folder, String(towns)]);
  if (oneNew.readInFull !== 1) throw new Error(`history bench: ${oneNew.readInFull} reports read in full, 1 expected`);
  const baseline = measure(['--baseline']);
  return { towns, reportsMb: bytes / 1048576, compactMb: fs.statSync(path.join(folder, HISTORY_STORE_FILE)).size / 1048576, cold, warm, oneNew, baseline };
}

const oneNewAdded = (c: HistoryCase) => c.oneNew.loadSeconds + c.oneNew.applySeconds;

/** The section of `npm run bench`: a county (30 towns) and a province (1,300 towns). */
export function historyBench(root: string, tmp: string, log: (s: string) => void, sizes = [30, 1300]): { text: string; cases: HistoryCase[] } {
  const cases = sizes.map((n) => historyCase(root, tmp, n, log));
  const ok = (b: boolean) => (b ? '✓' : '✗');
  const lines = ['', `历史（--history）：一年 52 份周报告 + 本周；每镇 ${PROJECTS} 个项目；子进程计时（/usr/bin/time），「加载+套用」为进程内计时（墙钟；CPU 为该段的 user+sys，机器繁忙时以 CPU 为准）；开始时负载 ${os.loadavg()[0].toFixed(1)}`];
  for (const c of cases) {
    const goal = c.towns >= 1000 ? HISTORY_GOALS.provinceSeconds : HISTORY_GOALS.countySeconds;
    const added = c.warm.loadSeconds + c.warm.applySeconds;
    lines.push(
      `  ${c.towns} 个乡镇：报告 ${c.reportsMb.toFixed(1)} MB，历史摘要文件 ${c.compactMb.toFixed(1)} MB`,
      `    冷启动（逐份读取并校验报告，写出摘要文件）：加载 ${c.cold.loadSeconds.toFixed(2)} s + 套用 ${c.cold.applySeconds.toFixed(2)} s（CPU ${c.cold.cpuSeconds.toFixed(2)} s）；进程 ${c.cold.wall.toFixed(2)} s，峰值 ${c.cold.rssMb.toFixed(0)} MB`,
      `    每周（摘要文件已有）：加载 ${c.warm.loadSeconds.toFixed(2)} s + 套用 ${c.warm.applySeconds.toFixed(2)} s = ${added.toFixed(2)} s（CPU ${c.warm.cpuSeconds.toFixed(2)} s）   目标 ≤ ${goal} s   ${ok(Math.min(added, c.warm.cpuSeconds) <= goal)}；进程峰值 ${c.warm.rssMb.toFixed(0)} MB（node 空进程 ${c.baseline.rssMb.toFixed(0)} MB）${c.towns >= 1000 ? `   目标 ≤ ${HISTORY_GOALS.provinceRssMb} MB   ${ok(c.warm.rssMb <= HISTORY_GOALS.provinceRssMb)}` : ''}；${c.warm.weeks} 周，督办 ${c.warm.supervision} 项`,
      `    每周（上周的报告新到：读它一份，重写摘要文件）：加载 ${c.oneNew.loadSeconds.toFixed(2)} s + 套用 ${c.oneNew.applySeconds.toFixed(2)} s = ${oneNewAdded(c).toFixed(2)} s（CPU ${c.oneNew.cpuSeconds.toFixed(2)} s）   目标 ≤ ${goal} s   ${ok(Math.min(oneNewAdded(c), c.oneNew.cpuSeconds) <= goal)}；进程峰值 ${c.oneNew.rssMb.toFixed(0)} MB${c.towns >= 1000 ? `   目标 ≤ ${HISTORY_GOALS.provinceRssMb} MB   ${ok(c.oneNew.rssMb <= HISTORY_GOALS.provinceRssMb)}` : ''}`,
    );
  }
  return { text: lines.join('\n'), cases };
}

if (require.main === module) {
  const [flag, folder, towns, outFlag, out] = process.argv.slice(2);
  if (flag === '--child') {
    child(folder, Number(towns), outFlag === '--out' ? out : undefined).catch((e) => {
      process.stderr.write(String(e instanceof Error ? e.stack : e));
      process.exit(1);
    });
  } else if (flag === '--baseline') {
    // node's own start, for comparison
  } else {
    // standalone: node dist/tools/bench/history.js [towns…]
    const root = path.resolve(__dirname, '..', '..', '..');
    const tmp = path.join(os.tmpdir(), 'xcs-bench-history');
    fs.mkdirSync(tmp, { recursive: true });
    const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
    process.stdout.write(`${historyBench(root, tmp, (s) => process.stderr.write(`[bench] ${s}\n`), sizes.length ? sizes : undefined).text}\n`);
  }
}
