/**
 * One consolidation run, step by step: check the options (options.ts) → lock the outputs → read the county's inputs
 * (inputs.ts) → read and analyse the towns' files → consolidate (the core) → write the outputs (outputs.ts; the
 * PDF is converted meanwhile) → print the summary (print.ts). Any step's UsageError or OutputError ends the run with exit 2 and
 * nothing written; locks, temporary files and the read workers are given back whatever happens.
 */
import * as path from 'node:path';
import { AnalyzedFile, SUMMARY_SHEET, analysisContext, analyzeSource, applyHistory, consolidate, makeIssue } from '../core';
import { OutputError, removeStaleTemps } from '../io/output/atomic';
import { OutputLock, lockOutputs } from '../io/output/lock';
import { PdfBytes, PdfOutcome, makeBulletinPdf } from '../io/write/bulletin-pdf';
import { summaryWriter } from '../io/write/writer';
import { ChartThread } from '../io/write/chart-thread';
import { type ReadPool, createReadPool } from '../io/read/pool';
import { dropPrestarted } from '../io/read/prestart';
import { classifyName } from '../io/read/read-workbook';
import { scanFolder } from '../io/read/scan';
import { loadYearHistory } from './history';
import { findSoffice } from '../io/external/soffice';
import { type Conversion, type LegacyConverter, createLegacyConverter, isLegacyName, legacyFormatLabel } from '../io/read/legacy';
import { loadInputs } from './inputs';
import { RunOptions, RunOutcome, UsageError, checkOptions } from './options';
import { RunOutputs, pending } from './outputs';
import { Log, printSummary, progressBar } from './print';
import { stageTimer } from './stages';

export type { RunOptions, RunOutcome } from './options';
export { abandonPending } from './outputs';

/** Files that keep a read worker busy enough to pay for starting it (~0.3 s of one core for a thread and its modules). */
const FILES_PER_WORKER = 40;
/**
 * A run whose files together are at most this many bytes (a county's week: a few MB) hands every file to its worker at
 * once (the pool's queue: paths, each file read by the worker at its turn); a larger run hands out two at a time per
 * worker, so that its workers share the files as they go.
 */
const QUEUE_ALL_BYTES = 16 * 1024 * 1024;
const QUEUE_MOST = 64;
/**
 * A small run's main thread, idle while its one worker reads, reads files too (pool.ts, helpWhileIdle): from the end
 * of the worker's queue, while more than this many files wait behind the one it reads.
 */
const HELP_BEHIND = 2;

export async function runConsolidation(o: RunOptions, log: Log = (l) => process.stdout.write(`${l}\n`)): Promise<RunOutcome> {
  const t0 = Date.now();
  const pool = createReadPool(o.jobs);
  let lock: OutputLock | null = null;
  const outputs = new RunOutputs();
  let making: Promise<PdfBytes> | undefined;
  let chartThread: ChartThread | null = null;
  const stage = stageTimer();
  try {
    const { folder, pdfPath, outputs: targets } = await checkOptions(o);
    // one run at a time on these outputs; creating the lock files also proves the folders accept new files
    lock = await lockOutputs(targets, pending);
    // temporary files of runs that were killed before they could clean up
    for (const target of targets) await removeStaleTemps(target);
    const inputs = await loadInputs(o, pool);
    let history = o.history ? await loadYearHistory(o.history, o, inputs.roster, pdfPath) : null;
    stage.mark('setup');
    // never read our own outputs (or the roster) as a town's file
    const exclude = new Set([o.out, o.json, pdfPath, o.roster, inputs.targetsFile, o.previous].filter((x): x is string => !!x).map((x) => path.resolve(x)));
    const opts = {
      roster: inputs.roster,
      asOf: o.asOf,
      thresholds: { yellowBelow: inputs.yellowBelow },
      catalog: inputs.catalog,
      staleDays: inputs.config.staleDays,
      departments: inputs.departments,
      headers: inputs.config.headers,
    };
    let analyzed: AnalyzedFile[] | null = await readTowns(folder, exclude, pool, opts, !o.quiet, o.convert !== false);
    // a small run's one worker, idle now, draws the bulletin's chart while this thread writes the sheets (its heap is
    // small; ../io/write/chart-thread.ts says why); every other worker's memory goes back before the summary
    const worker = analyzed.length <= FILES_PER_WORKER ? pool.handOver() : null;
    if (worker) chartThread = new ChartThread(worker);
    await pool.close();
    stage.mark('read');
    const result = consolidate(analyzed, { ...opts, targets: inputs.targets, previous: inputs.previous });
    if (history) {
      applyHistory(result, history.fold, {
        redWeeks: inputs.config.redWeeks, stalledWeeks: inputs.config.stalledWeeks,
        skipped: history.skipped.map((s) => ({ file: s.file, reason: s.issue.message })),
      });
      history = null; // the fold is used up
    }
    stage.mark('consolidate');
    // The 通报 sheet's content is built once, for the summary and the PDF; its chart is drawn on the thread pool
    // while the summary's sheets are written (the picture's bytes go in before the summary's commit). The PDF
    // (LibreOffice, seconds) is converted while the summary and the JSON are written; when it fails the summary
    // stands alone.
    const bulletin = summaryWriter().bulletinDraft(result, { county: o.county, drawer: chartThread ?? undefined });
    bulletin.input.catch(() => undefined);
    making = pdfPath ? bulletin.input.then((b) => makeBulletinPdf(result, { county: o.county, bulletin: b })) : undefined;
    making?.catch(() => undefined);
    analyzed = null; // what the result does not keep of the analyses can go
    const { chartProblem, made } = await outputs.write(result, o, { pdfPath, bulletin, making, stage });
    if (chartProblem) process.stderr.write(`警告：「${SUMMARY_SHEET.bulletin}」表的图表未生成（${chartProblem}），表中已注明，其余内容照常\n`);
    const pdf: PdfOutcome | undefined = pdfPath && made ? (made.ok ? { ok: true, file: pdfPath, pages: made.pages } : { ...made, file: pdfPath }) : undefined;
    if (pdf && !pdf.ok) {
      process.stderr.write(`警告：${pdf.reason}；汇总表已写出，可打开其中的「${SUMMARY_SHEET.bulletin}」表直接打印${pdf.absent ? '（安装 LibreOffice，或设置环境变量 XCS_SOFFICE 指向 soffice 后重试）' : ''}\n`);
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
    await outputs.discard();
    if (lock) {
      await lock.release();
      pending.delete(lock.releaseSync);
    }
    await pool.close();
    await chartThread?.close();
  }
}

type AnalyzeOptions = Parameters<typeof analysisContext>[0];

/**
 * Scans the towns' folder and reads every file in the pool's workers, which send back only its analysis. Legacy
 * .xls/.et/.ett files (unless `convert` is false) are read natively in the workers first (io/read/biff-grid.ts); the
 * ones that reader declines are converted by LibreOffice, a copy in a private temporary folder (io/read/legacy.ts),
 * while the other files are read; the folder is removed whatever happens.
 */
async function readTowns(folder: string, exclude: Set<string>, pool: ReadPool, opts: AnalyzeOptions, showProgress: boolean, convert: boolean): Promise<AnalyzedFile[]> {
  let scan;
  try {
    scan = await scanFolder(folder, exclude);
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const scanned = scan.files;
  for (const d of scan.unreadable) process.stderr.write(`警告：子文件夹 ${d} 无法读取，其中的文件未汇总\n`);
  const ctx = analysisContext(opts);
  // a worker costs its start-up (a thread, the core's modules): one per FILES_PER_WORKER files, at most --jobs
  const workers = Math.ceil(scanned.length / FILES_PER_WORKER);
  const bytes = scanned.reduce((a, f) => a + f.size, 0);
  const queueAll = bytes <= QUEUE_ALL_BYTES && scanned.length <= QUEUE_MOST;
  // a large run does not adopt the launcher's worker: its young generation is sized for a county's files
  // (PRESTART_YOUNG_MB), and with a province's it spends a fifth of its time in scavenges; the pool starts both of its
  // workers with READ_WORKER_YOUNG_MB instead (docs/dev/performance.md, "Eighth pass")
  if (!queueAll) dropPrestarted();
  pool.limit(workers, queueAll ? Math.ceil(scanned.length / Math.max(1, Math.min(workers, pool.size))) + 1 : undefined);
  const bar = progressBar(scanned.length, showProgress && !!process.stderr.isTTY && scanned.length >= 5);
  // this thread loads the writer (exceljs's writer, the sheets, the chart's font: ~25 ms here) at once, while the
  // worker starts and reads: a small run's worker is ready about when the preload ends (docs/dev/performance.md,
  // "Eleventh pass"). Then, with one worker, it reads files from the end of that worker's queue whenever it is idle.
  setImmediate(() => {
    try {
      // a small run's chart is drawn on its read worker (runConsolidation's handOver): resvg is loaded there
      summaryWriter().preloadWriter({ chartElsewhere: scanned.length <= FILES_PER_WORKER });
    } catch {
      /* the writer reports its own failures when it runs */
    }
    if (queueAll && workers === 1) pool.helpWhileIdle(HELP_BEHIND);
  });
  const legacy = convert ? scanned.filter((f) => isLegacyName(f.rel) && !classifyName(f.rel)) : [];
  // legacy files are read natively first (BIFF8, in the workers, io/read/biff-grid.ts); only what that reader declines
  // is converted by LibreOffice, all such files in one batch, once every native attempt is known
  const native = new Map(legacy.map((f) => [f.rel, pool.read(f.abs, f.rel, { readLegacy: true }, opts)]));
  let converter: LegacyConverter | null = null;
  const conversionsP: Promise<Map<string, Promise<Conversion>>> = Promise.all(legacy.map((f) => native.get(f.rel)!)).then((outcomes) => {
    const declined = legacy.filter((_f, i) => { const o = outcomes[i]!; return !o.ok && o.legacyDeclined !== undefined; });
    if (!declined.length) return new Map();
    converter = createLegacyConverter({ soffice: findSoffice(), jobs: pool.size });
    pending.add(converter.disposeSync);
    return converter.convert(declined);
  });
  try {
    const analyzed = await Promise.all(
      scanned.map(async (f) => {
        const first = await native.get(f.rel);
        // only legacy names that are not turned away by name, and that the native reader declined, have a conversion
        const conversion = first && !first.ok && first.legacyDeclined !== undefined ? await (await conversionsP).get(f.rel) : undefined;
        // the workers read and analyse; only the analysis comes back to this thread (a name that says the file is
        // not a town's report, e.g. an Excel lock file, is turned away by the pool before any reading)
        const outcome =
          conversion?.kind === 'failed'
            ? conversion.failure
            : first && !conversion
              ? first
              : await pool.read(conversion?.kind === 'converted' ? conversion.xlsx : f.abs, f.rel, undefined, opts);
        bar.tick(f.rel);
        // a failure still needs its town (from the file name); a success comes analysed
        if (!outcome.ok) return analyzeSource({ file: f.rel, mtimeMs: f.mtimeMs, ok: false, skip: outcome.skip, code: outcome.code, message: outcome.message }, ctx);
        if (!outcome.analysis) throw new Error(`${f.rel}: read without analysis`);
        if (conversion?.kind === 'converted') outcome.analysis.issues.unshift(makeIssue('W_CONVERTED', null, null, { format: conversion.format }));
        else if (outcome.legacy) outcome.analysis.issues.unshift(makeIssue('W_LEGACY_READ', null, null, { format: legacyFormatLabel(f.rel) }));
        return { file: f.rel, mtimeMs: f.mtimeMs, ok: true as const, analysis: outcome.analysis };
      }),
    );
    bar.end();
    return analyzed;
  } finally {
    await conversionsP.catch(() => undefined);
    const c = converter as LegacyConverter | null;
    if (c) {
      await c.dispose();
      pending.delete(c.disposeSync);
    }
  }
}
