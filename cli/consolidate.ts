#!/usr/bin/env node
/**
 * 县级周汇总：一个文件夹的乡镇报表 → 县汇总工作簿（+ JSON 报告）。
 *
 *   npm run consolidate -- <folder> --roster <file.csv|file.xlsx> --as-of <YYYY-MM-DD> --out <summary.xlsx> [--json <report.json>] [--pdf [bulletin.pdf]]
 *
 * Exit 0: every roster town accepted and no file rejected; 1: summary written but a file was rejected or a town is
 * missing; 2: nothing written (bad arguments, unreadable roster, no folder, output not writable).
 */
import { Command, CommanderError, Help } from 'commander';
import { promises as fsp, rmSync } from 'node:fs';
import * as path from 'node:path';
import {
  AnalyzedFile,
  CatalogEntry,
  ConsolidationResult,
  CountyConfig,
  CountyTargets,
  DEFAULT_THRESHOLDS,
  Department,
  INDICATOR_CATALOG,
  Issue,
  PreviousReport,
  RosterTown,
  analysisContext,
  analyzeSource,
  consolidate,
  indexCatalog,
  parseCountyConfig,
  parsePreviousReport,
  readTargets,
  parseCsv,
  parseIso,
  rosterFromGrid,
  rosterFromRows,
  toJsonReport,
  jsonFile,
  jsonTown,
} from '../core';
import { OutputError, Staged, commitStaged, discardStaged, removeStaleTemps, stageAtomic } from '../io/output/atomic';
import { PdfBytes, PdfOutcome, defaultPdfPath, makeBulletinPdf } from '../io/write/bulletin-pdf';
import { OutputLock, lockOutputs } from '../io/output/lock';
import { createReadPool } from '../io/read/pool';
import { LazyJsonArray, writeJsonFile } from '../io/write/json-stream';
import { scanFolder } from '../io/read/scan';
import { stageTimer } from './stages';
import { bulletinInput, preloadWriter, writeSummary } from '../io/write/summary-workbook';

export interface RunOptions {
  folder: string;
  roster: string;
  asOf: string;
  out: string;
  json?: string;
  /** The 通报 sheet as a PDF (LibreOffice): a path, or true for <summary>-通报.pdf beside the summary. */
  pdf?: string | boolean;
  yellowBelow?: number;
  /** A county config (JSON): thresholds, report age, indicators added to the catalog. */
  config?: string;
  county?: string;
  jobs?: number;
  quiet?: boolean;
  /** The county's target workbook (.xlsx): town × indicator × year, with the mid-term adjustment. */
  targets?: string;
  /** Last week's JSON report (--json of last week's run): week-over-week changes. */
  previous?: string;
}

export interface RunOutcome {
  code: 0 | 1 | 2;
  result?: ConsolidationResult;
  seconds?: number;
  /** Set when a PDF was asked for: written (with its page count) or why not. */
  pdf?: PdfOutcome;
}

class UsageError extends Error {}

/** Files that keep a read worker busy enough to pay for starting it (~0.3 s of one core for a thread and its modules). */
const FILES_PER_WORKER = 40;

/** What a run has on disk that is not yet final (locks, staged temporary files): undone on SIGINT/SIGTERM. */
const pending = new Set<() => void>();

/** Removes this process's locks and temporary files at once (a signal is ending the process). */
export function abandonPending(): void {
  for (const undo of [...pending]) {
    try {
      undo();
    } catch {
      /* best effort */
    }
  }
  pending.clear();
}

type Log = (line: string) => void;

async function readRoster(file: string, pool: ReturnType<typeof createReadPool>): Promise<RosterTown[]> {
  let st;
  try {
    st = await fsp.stat(file);
  } catch {
    throw new UsageError(`名册文件不存在：${file}`);
  }
  if (!st.isFile()) throw new UsageError(`名册路径不是文件：${file}`);
  const ext = path.extname(file).toLowerCase();
  let result;
  if (ext === '.csv' || ext === '.txt') {
    const buf = await fsp.readFile(file);
    let text = buf.toString('utf8');
    if (text.includes('\ufffd')) {
      // a CSV saved by Excel in China is often GBK
      try {
        text = new TextDecoder('gbk').decode(buf);
      } catch {
        /* keep utf8 */
      }
    }
    result = rosterFromRows(parseCsv(text), path.basename(file));
  } else if (ext === '.xlsx' || ext === '.xlsm') {
    const outcome = await pool.read(path.resolve(file), path.basename(file));
    if (!outcome.ok) throw new UsageError(`名册 ${file} 无法读取：${outcome.message}`);
    const grid = outcome.grids.find((g) => !g.hidden);
    if (!grid) throw new UsageError(`名册 ${file} 中没有可见的工作表`);
    result = rosterFromGrid(grid, path.basename(file));
  } else {
    throw new UsageError(`名册应为 .csv 或 .xlsx 文件：${file}`);
  }
  if (!result.ok) throw new UsageError(result.message);
  return result.towns;
}

function issueLine(i: Issue): string {
  const where = `${i.sheet ? `「${i.sheet}」` : ''}${i.cell ?? ''}`;
  return `${where ? `${where} ` : ''}${i.message}`;
}

/** The county's target workbook: a broken one stops the run (exit 2) with every problem and its cell. */
async function loadTargets(
  file: string,
  pool: ReturnType<typeof createReadPool>,
  roster: RosterTown[],
  catalog: CatalogEntry[] | undefined,
  asOf: string,
): Promise<CountyTargets> {
  const st = await fsp.stat(file).catch(() => null);
  if (!st) throw new UsageError(`目标表文件不存在：${file}`);
  if (!st.isFile()) throw new UsageError(`目标表路径不是文件：${file}`);
  if (!/\.xlsx$|\.xlsm$/i.test(file)) throw new UsageError(`目标表应为 .xlsx 文件：${file}（.xls 请在 Excel/WPS 中另存为 .xlsx）`);
  const outcome = await pool.read(path.resolve(file), path.basename(file));
  if (!outcome.ok) throw new UsageError(`目标表 ${file} 无法读取：${outcome.message}`);
  const r = readTargets(path.basename(file), outcome.grids, { roster, asOf, catalogIndex: indexCatalog(catalog ?? INDICATOR_CATALOG) });
  for (const w of r.warnings) process.stderr.write(`警告：目标表 ${file} ${issueLine(w)}\n`);
  if (!r.ok) {
    const shown = r.issues.slice(0, 20).map((i) => `  ${issueLine(i)}`);
    if (r.issues.length > 20) shown.push(`  …另有 ${r.issues.length - 20} 处`);
    throw new UsageError(`目标表 ${file} 有 ${r.issues.length} 处错误，请改正后重新汇总：\n${shown.join('\n')}`);
  }
  return r.targets;
}

/** Last week's JSON report: unreadable, not ours, or later than --as-of stops the run (exit 2). */
async function loadPrevious(file: string, asOf: string): Promise<PreviousReport> {
  let text: string;
  try {
    const st = await fsp.stat(file);
    if (!st.isFile()) throw new UsageError(`上周报告路径不是文件：${file}`);
    if (st.size > 200 * 1024 * 1024) throw new UsageError(`上周报告 ${file} 太大（${Math.round(st.size / 1048576)} MB），不像是本程序的 JSON 报告`);
    text = await fsp.readFile(file, 'utf8');
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`上周报告 ${file} 无法读取（${code === 'ENOENT' ? '文件不存在' : code === 'EACCES' ? '没有读取权限' : code ?? String(err)}）`);
  }
  const r = parsePreviousReport(text, file, asOf);
  if (!r.ok) throw new UsageError(r.issue.message);
  for (const w of r.warnings) process.stderr.write(`警告：${w.message}\n`);
  return r.previous;
}

function progressBar(total: number, enabled: boolean) {
  let done = 0;
  let last = 0;
  const draw = (name: string) => {
    if (!enabled) return;
    const now = Date.now();
    if (done < total && now - last < 80) return;
    last = now;
    const width = 28;
    const filled = Math.round((done / total) * width);
    const label = name.length > 30 ? `…${name.slice(-29)}` : name;
    process.stderr.write(`\r读取 ${String(done).padStart(String(total).length)}/${total} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${label}\x1b[K`);
  };
  return {
    tick(name: string) {
      done++;
      draw(name);
    },
    end() {
      if (enabled) process.stderr.write('\r\x1b[K');
    },
  };
}

export async function runConsolidation(o: RunOptions, log: Log = (l) => process.stdout.write(`${l}\n`)): Promise<RunOutcome> {
  const t0 = Date.now();
  const pool = createReadPool(o.jobs);
  let lock: OutputLock | null = null;
  const staged: Staged[] = [];
  let making: Promise<PdfBytes> | undefined;
  const stage = stageTimer();
  const undoStaged = () => {
    for (const s of staged) rmSync(s.tmp, { force: true });
  };
  try {
    if (!parseIso(o.asOf)) throw new UsageError(`--as-of 应为有效日期 YYYY-MM-DD，收到「${o.asOf}」`);
    const folder = path.resolve(o.folder);
    const st = await fsp.stat(folder).catch(() => null);
    if (!st) throw new UsageError(`文件夹不存在：${o.folder}`);
    if (!st.isDirectory()) throw new UsageError(`不是文件夹：${o.folder}`);
    if (!/\.xlsx$/i.test(o.out)) throw new UsageError(`--out 应为 .xlsx 文件：${o.out}`);
    const pdfPath = o.pdf === true ? defaultPdfPath(o.out) : typeof o.pdf === 'string' ? o.pdf : undefined;
    if (pdfPath !== undefined && !/\.pdf$/i.test(pdfPath)) throw new UsageError(`--pdf 应为 .pdf 文件：${pdfPath}`);
    for (const target of [o.out, o.json, pdfPath].filter((x): x is string => !!x)) {
      const abs = path.resolve(target);
      const dir = path.dirname(abs);
      let ds;
      try {
        ds = await fsp.stat(dir);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new UsageError(code === 'ENOTDIR' ? `输出目录无效：${dir}（路径中有一段是文件而不是文件夹）` : `输出目录不存在：${dir}`);
      }
      if (!ds.isDirectory()) throw new UsageError(`输出目录无效：${dir} 是文件而不是文件夹`);
      const ts = await fsp.stat(abs).catch(() => null);
      if (ts?.isDirectory()) throw new UsageError(`输出路径 ${target} 是一个文件夹，请给出文件名`);
      // an output inside the towns' folder would be read as a town's file next week, or overwrite one of them
      const rel = path.relative(folder, abs);
      if (!rel.startsWith('..') && !path.isAbsolute(rel)) {
        throw new UsageError(`输出文件 ${target} 不能放在报表文件夹 ${o.folder} 里面（会覆盖或混入乡镇报表），请换一个位置`);
      }
      if (path.resolve(o.roster) === abs) throw new UsageError(`输出文件 ${target} 与名册是同一个文件`);
    }
    if (o.json && path.resolve(o.json) === path.resolve(o.out)) throw new UsageError('--json 与 --out 不能是同一个文件');
    // last week's report and the targets are the user's: never overwritten by this week's outputs
    for (const [input, label] of [[o.previous, '--previous'], [o.targets, '--targets']] as const) {
      if (!input) continue;
      for (const target of [o.out, o.json].filter((x): x is string => !!x)) {
        if (path.resolve(input) === path.resolve(target)) throw new UsageError(`输出文件 ${target} 与 ${label} 给出的文件是同一个文件，会覆盖它；请换一个输出文件名`);
      }
    }
    if (pdfPath && o.json && path.resolve(pdfPath) === path.resolve(o.json)) throw new UsageError('--pdf 与 --json 不能是同一个文件');
    // one run at a time on these outputs; creating the lock files also proves the folders accept new files
    const outputs = [o.out, o.json, pdfPath].filter((x): x is string => !!x);
    lock = await lockOutputs(outputs);
    pending.add(lock.releaseSync);
    // temporary files of runs that were killed before they could clean up
    for (const target of outputs) await removeStaleTemps(target);
    const roster = await readRoster(o.roster, pool);
    let config: CountyConfig = {};
    let catalog: CatalogEntry[] | undefined;
    let departments: Department[] | undefined;
    if (o.config) {
      const text = await fsp.readFile(o.config, 'utf8').catch(() => null);
      if (text === null) throw new UsageError(`配置文件无法读取：${o.config}`);
      const parsed = parseCountyConfig(text, o.config);
      if (!parsed.ok) throw new UsageError(parsed.message);
      config = parsed.config;
      catalog = parsed.catalog;
      departments = parsed.departments;
    }
    const yellowBelow = o.yellowBelow ?? config.yellowBelow ?? DEFAULT_THRESHOLDS.yellowBelow;
    if (!(yellowBelow >= 0 && yellowBelow <= 100)) throw new UsageError(`--yellow-below 应在 0 到 100 之间`);
    const targetsFile = o.targets ?? (config.targets && o.config ? path.resolve(path.dirname(o.config), config.targets) : undefined);
    const targets = targetsFile ? await loadTargets(targetsFile, pool, roster, catalog, o.asOf) : null;
    const previous = o.previous ? await loadPrevious(o.previous, o.asOf) : null;

    stage.mark('setup');
    // never read our own outputs (or the roster) as a town's file
    const exclude = new Set([o.out, o.json, pdfPath, o.roster, targetsFile, o.previous].filter((x): x is string => !!x).map((x) => path.resolve(x)));
    let scan;
    try {
      scan = await scanFolder(folder, exclude);
    } catch (err) {
      throw new UsageError(err instanceof Error ? err.message : String(err));
    }
    const scanned = scan.files;
    for (const d of scan.unreadable) process.stderr.write(`警告：子文件夹 ${d} 无法读取，其中的文件未汇总\n`);
    const opts = { roster, asOf: o.asOf, thresholds: { yellowBelow }, catalog, staleDays: config.staleDays, departments };
    const ctx = analysisContext(opts);
    // a worker costs its start-up (a thread, the core's modules): one per FILES_PER_WORKER files, at most --jobs
    pool.limit(Math.ceil(scanned.length / FILES_PER_WORKER));
    const bar = progressBar(scanned.length, !o.quiet && !!process.stderr.isTTY && scanned.length >= 5);
    // while the workers read, this thread loads the writer (exceljs, resvg, the chart's font)
    setImmediate(() => {
      try {
        preloadWriter();
      } catch {
        /* the writer reports its own failures when it runs */
      }
    });
    let analyzed: AnalyzedFile[] | null = await Promise.all(
      scanned.map(async (f) => {
        // the workers read and analyse; only the analysis comes back to this thread (a name that says the file is
        // not a town's report, e.g. an Excel lock file, is turned away by the pool before any reading)
        const outcome = await pool.read(f.abs, f.rel, undefined, opts);
        bar.tick(f.rel);
        // a failure still needs its town (from the file name); a success comes analysed
        if (!outcome.ok) return analyzeSource({ file: f.rel, mtimeMs: f.mtimeMs, ...outcome }, ctx);
        if (!outcome.analysis) throw new Error(`${f.rel}: read without analysis`);
        return { file: f.rel, mtimeMs: f.mtimeMs, ok: true as const, analysis: outcome.analysis };
      }),
    );
    bar.end();
    // every file is read: the workers' memory goes back before the summary is built and written
    await pool.close();
    stage.mark('read');
    const result = consolidate(analyzed, { ...opts, targets, previous });
    stage.mark('consolidate');
    // Every output is staged (written beside its target under a temporary name and flushed), then all are committed
    // together: old PDF and JSON removed, summary renamed into place, then the PDF, the JSON last. A JSON or PDF
    // present beside the summary is therefore always from the same run, even after a crash between two renames.
    // The 通报 sheet's content is built once, for the summary and the PDF; its chart is drawn on the thread pool
    // while 汇总概览 is written. The PDF (LibreOffice, seconds) is converted while the summary and the JSON are
    // written; when it fails the summary stands alone. The summary is staged before the JSON (a full disk names the
    // summary first).
    const bulletin = bulletinInput(result, { county: o.county });
    bulletin.catch(() => undefined);
    making = pdfPath ? bulletin.then((b) => makeBulletinPdf(result, { county: o.county, bulletin: b })) : undefined;
    making?.catch(() => undefined);
    pending.add(undoStaged);
    analyzed = null; // what the result does not keep of the analyses can go
    collectGarbage();
    let chartProblem: string | null = null;
    // each temporary file is listed before it is created, so that an interruption removes it
    await stage.time('summary', () =>
      stageAtomic(o.out, async (tmp) => {
        staged.push({ target: o.out, tmp });
        chartProblem = (await writeSummary(result, tmp, { county: o.county, bulletin })).chartProblem;
      }),
    );
    collectGarbage(); // the writer's buffers, before the report is built
    if (o.json) {
      // written piece by piece, its files and towns made one at a time as they are written: the same text as
      // toJsonReport's, far less of it in memory at once (a province's report is tens of MB)
      const report = {
        ...toJsonReport({ ...result, files: [], towns: [] }),
        files: new LazyJsonArray(result.files, jsonFile),
        towns: new LazyJsonArray(result.towns, jsonTown),
      };
      const json = o.json;
      await stage.time('json', () => stageAtomic(json, (tmp) => (staged.push({ target: json, tmp }), writeJsonFile(tmp, report))));
    }
    const made = making ? await stage.time('pdf-wait', () => making!) : undefined;
    if (pdfPath && made?.ok) {
      await stageAtomic(pdfPath, (tmp) => (staged.push({ target: pdfPath, tmp }), fsp.writeFile(tmp, made.bytes, { flag: 'wx' })));
    }
    // the summary first (commitStaged's primary), then the PDF, the JSON last
    const order = (t: string) => (t === o.out ? 0 : t === pdfPath ? 1 : 2);
    staged.sort((a, b) => order(a.target) - order(b.target));
    await commitStaged(staged, pdfPath && !made?.ok ? [pdfPath] : []);
    staged.length = 0;
    if (chartProblem) process.stderr.write(`警告：「通报」表的图表未生成（${chartProblem}），表中已注明，其余内容照常\n`);
    const pdf: PdfOutcome | undefined = pdfPath && made ? (made.ok ? { ok: true, file: pdfPath, pages: made.pages } : { ...made, file: pdfPath }) : undefined;
    if (pdf && !pdf.ok) {
      process.stderr.write(`警告：${pdf.reason}；汇总表已写出，可打开其中的「通报」表直接打印${pdf.absent ? '（安装 LibreOffice，或设置环境变量 XCS_SOFFICE 指向 soffice 后重试）' : ''}\n`);
    }
    stage.mark('commit');
    stage.report();
    const seconds = (Date.now() - t0) / 1000;
    if (!o.quiet) printSummary(result, o, seconds, log, pdf);
    const bad = result.files.some((f) => f.status === 'rejected') || result.towns.some((t) => t.status !== 'submitted');
    return { code: bad ? 1 : 0, result, seconds, ...(pdf ? { pdf } : {}) };
  } catch (err) {
    if (err instanceof UsageError || err instanceof OutputError) {
      process.stderr.write(`错误：${err.message}\n`);
      return { code: 2 };
    }
    process.stderr.write(`错误：汇总中断（${err instanceof Error ? err.message : String(err)}），未写出任何文件\n`);
    return { code: 2 };
  } finally {
    // a PDF still converting (the run failed meanwhile): LibreOffice ends, or times out, before its folder goes
    await making?.catch(() => undefined);
    await discardStaged(staged);
    pending.delete(undoStaged);
    if (lock) {
      await lock.release();
      pending.delete(lock.releaseSync);
    }
    await pool.close();
  }
}

/**
 * A full garbage collection between the run's phases (reading → summary → report), so that the garbage of one phase
 * is not still held when the next one peaks: V8 collects lazily and a 1,300-town run's peak memory is mostly garbage.
 * Best effort: without V8's gc() (other runtimes) it does nothing.
 */
let gcFn: (() => void) | null | undefined;
function collectGarbage(): void {
  if (gcFn === undefined) {
    gcFn = null;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const v8 = require('node:v8') as typeof import('node:v8');
      v8.setFlagsFromString('--expose-gc');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const fn = (require('node:vm') as typeof import('node:vm')).runInNewContext('gc') as unknown;
      if (typeof fn === 'function') gcFn = fn as () => void;
    } catch {
      gcFn = null;
    }
  }
  try {
    gcFn?.();
  } catch {
    // ignored: only memory
  }
}

function printSummary(r: ConsolidationResult, o: RunOptions, seconds: number, log: Log, pdf?: PdfOutcome): void {
  const count = (s: string) => r.files.filter((f) => f.status === s).length;
  const towns = (s: string) => r.towns.filter((t) => t.status === s).map((t) => t.town);
  const rows = r.towns.reduce((n, t) => n + t.projectList.length + (t.indicators?.length ?? 0) + (t.powerList?.length ?? 0), 0);
  log(`汇总日期 ${r.asOf}，序时进度 ${(r.timeProgress * 100).toFixed(1)}%`);
  log(`文件 ${r.files.length} 个：采用 ${count('accepted')}，退回 ${count('rejected')}，被替代 ${count('superseded')}，忽略 ${count('ignored')}；读取 ${rows} 行，用时 ${seconds.toFixed(1)} 秒`);
  log(`乡镇 ${r.towns.length} 个：已报送 ${towns('submitted').length}，退回 ${towns('rejected').length}，未报送 ${towns('missing').length}`);
  if (towns('missing').length) log(`  未报送：${towns('missing').join('、')}`);
  if (towns('rejected').length) log(`  退回（需重报）：${towns('rejected').join('、')}`);
  const rejected = r.files.filter((x) => x.status === 'rejected');
  const shown = rejected.length > 20 ? 10 : rejected.length;
  for (const f of rejected.slice(0, shown)) {
    const errs = f.issues.filter((i) => i.severity === 'error');
    log(`  退回 ${f.file}：${errs.length} 处错误`);
    for (const i of errs.slice(0, 5)) log(`    ${i.sheet ? `${i.sheet}!` : ''}${i.cell ?? ''} ${i.message}`);
    if (errs.length > 5) log(`    …另有 ${errs.length - 5} 处，见汇总表「报送情况」`);
  }
  if (rejected.length > shown) log(`  …另有 ${rejected.length - shown} 个文件被退回，见汇总表「报送情况」`);
  const c = r.county.projects;
  const rate = c.completion === null ? '—' : `${(c.completion * 100).toFixed(1)}%`;
  log(`全县 ${c.count} 个项目，年度计划 ${c.annualPlan.toFixed(2)} 万元，累计完成 ${c.completedYtd.toFixed(2)} 万元，完成率 ${rate}（按有年度计划的项目）；红灯 ${c.red}，黄灯 ${c.yellow}，绿灯 ${c.green}`);
  const pw = r.county.powers;
  if (pw && pw.count > 0) {
    const by = Object.entries(pw.byStatus).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join('，');
    log(`扩权强镇事项 ${pw.count} 项（${r.towns.filter((t) => t.powers).length} 个乡镇）：${by}`);
  }
  const w = r.weekOverWeek;
  if (w) {
    const red = r.towns.flatMap((t) => (t.change?.turnedRed ?? []).map((p) => `${t.town}${p}`));
    const d = w.completedYtdDelta === null ? '—' : `${w.completedYtdDelta >= 0 ? '增加' : '减少'} ${Math.abs(w.completedYtdDelta).toFixed(2)} 万元`;
    log(`较上周（${w.previousAsOf}）：累计完成${d}（两周都报送的乡镇）；转为红灯 ${red.length} 个${red.length ? `：${red.join('、')}` : ''}；上周报送本周未报：${w.droppedTowns.length ? w.droppedTowns.join('、') : '无'}`);
  }
  const county = r.towns.reduce((n, t) => n + (t.indicators ?? []).filter((i) => i.targetSource === 'county').length, 0);
  if (o.targets || county) log(`指标目标：${county} 项按县下达的目标计算`);
  log(`汇总表：${path.resolve(o.out)}`);
  if (o.json) log(`JSON 报告：${path.resolve(o.json)}`);
  if (pdf?.ok) log(`通报 PDF：${path.resolve(pdf.file)}（${pdf.pages} 页）`);
  else if (pdf) log(`通报 PDF：未生成（见上方警告）`);
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('consolidate')
    .description('县级周汇总：扫描文件夹中各乡镇报表，生成县汇总工作簿')
    .argument('<folder>', '各乡镇报表所在文件夹（含子文件夹）')
    .requiredOption('--roster <file>', '乡镇名册（.csv 或 .xlsx，含「乡镇名称」列，可选「别名」列）')
    .requiredOption('--as-of <date>', '汇总日期 YYYY-MM-DD')
    .requiredOption('--out <summary.xlsx>', '输出的县汇总工作簿')
    .option('--json <report.json>', '同时输出 JSON 报告')
    .option('--pdf [bulletin.pdf]', '同时把汇总表的「通报」表转为 PDF（需要 LibreOffice）；不写文件名时写在汇总表旁：<汇总表名>-通报.pdf')
    .option('--yellow-below <points>', '黄灯阈值：低于序时进度多少个百分点以内为黄灯（默认 10）')
    .option('--config <file.json>', '县级配置（JSON）：yellowBelow 黄灯阈值、staleDays 报表时效天数、indicators 补充的指标目录、departments 下放事项的县级部门名单、targets 目标表')
    .option('--county <name>', '县名，用于汇总表标题')
    .option('--targets <file.xlsx>', '县下达的目标表（乡镇×指标×年度，可含调整后目标、调整日期、调整文号）；指标完成率按汇总日期执行的目标计算')
    .option('--previous <report.json>', '上周的 JSON 报告（上周 --json 的输出）：汇总表增加较上周变化、排名变化、转红项目、本周未报乡镇')
    .option('--jobs <n>', '并行读取的线程数（默认为 CPU 核数）')
    .option('--quiet', '不输出进度和摘要')
    .helpOption('-h, --help', '显示帮助')
    .configureHelp({
      formatHelp: (cmd, helper) =>
        new Help()
          .formatHelp(cmd, helper)
          .replace(/^Usage: (\S+) \[options\]/m, '用法：npm run $1 -- [选项]')
          .replace(/^Arguments:/m, '参数：')
          .replace(/^Options:/m, '选项：')
          .replace(/\(default: ([^)]*)\)/g, '（默认 $1）'),
    })
    .exitOverride()
    // commander's own error lines are English: main() prints them in Chinese instead
    .configureOutput({ writeErr: () => undefined, outputError: () => undefined });
  return program;
}

/** Commander's parse errors, said in Chinese (the option names stay as typed). */
function usageMessage(err: CommanderError): string {
  const opt = /'([^']+)'/.exec(err.message)?.[1] ?? '';
  switch (err.code) {
    case 'commander.missingMandatoryOptionValue':
      return `缺少必填参数 ${opt.split(' ')[0]}`;
    case 'commander.optionMissingArgument':
      return `参数 ${opt.split(' ')[0]} 后面缺少值`;
    case 'commander.missingArgument':
      return '缺少报表文件夹';
    case 'commander.unknownOption':
      return `不认识的参数 ${opt}`;
    case 'commander.excessArguments':
      return '多给了参数：只能给一个报表文件夹（路径中有空格时请加引号）';
    default:
      return err.message.replace(/^error:\s*/, '');
  }
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    program.parse(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
      process.stderr.write(`错误：${usageMessage(err)}\n用法：npm run consolidate -- <文件夹> --roster <名册> --as-of <YYYY-MM-DD> --out <汇总.xlsx> [--json <报告.json>] [--pdf [通报.pdf]]（--help 查看全部参数）\n`);
      return 2;
    }
    throw err;
  }
  const opts = program.opts();
  const num = (v: unknown, name: string): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n)) {
      process.stderr.write(`错误：${name} 应为数字，收到「${String(v)}」\n`);
      return NaN;
    }
    return n;
  };
  const yellowBelow = num(opts.yellowBelow, '--yellow-below');
  const jobs = num(opts.jobs, '--jobs');
  if (Number.isNaN(yellowBelow) || Number.isNaN(jobs)) return 2;
  const outcome = await runConsolidation({
    folder: program.args[0],
    roster: opts.roster,
    asOf: opts.asOf,
    out: opts.out,
    json: opts.json,
    pdf: opts.pdf as string | boolean | undefined,
    yellowBelow,
    config: opts.config,
    county: opts.county,
    targets: opts.targets,
    previous: opts.previous,
    // more threads than cores only costs memory: at most 16
    jobs: jobs ? Math.min(16, Math.max(1, Math.floor(jobs))) : undefined,
    quiet: !!opts.quiet,
  });
  return outcome.code;
}

if (require.main === module) {
  // output piped into `head` and closed early: stop writing, never print a stack trace
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
    });
  }
  // Ctrl-C or a polite kill: take back the lock and the temporary files before going (SIGKILL cannot be caught:
  // the next run on the same output removes what that leaves)
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      abandonPending();
      process.stderr.write(`\n错误：汇总被中断（${signal}）\n`);
      process.exit(2);
    });
  }
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`错误：${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
