/**
 * Worker thread of the read pool (pool.ts): receives a file's path (read(): the file is read and checked here) or the
 * bytes of one that passed the prechecks (readBuffer()), runs the parse and the conversion to Grids (and the analysis,
 * when asked), posts the ReadOutcome back (Grids hold Dates and plain objects only, which structured clone keeps).
 * One job at a time; the pool terminates the thread on timeout. A small run's worker, handed over once every file is
 * read (pool.ts handOver), then draws the bulletin's chart: one `draw` job (../write/chart-thread.ts).
 */
import { parentPort } from 'node:worker_threads';
import { readFailedFailure } from '../grid/exceljs-grid';
import { loadFileBytesSync, shortReason } from './guards';
import { catalogToPlaces, withAnalysis, type AnalyzeSettings, type ReadOutcome, type ResolvedReadOptions } from './options';
import { fastReaderEnabled, loadExcelJs, parseWorkbookBytes, readWorkbookBytesInProcess } from './parse';
import { loadFastReader } from './fast-xlsx';
import { answerDraw, prepareDraw, type ChartDrawJob, type ChartPrepareJob } from '../write/chart-thread';
import { codeCacheCheckpoint } from '../runtime/code-cache';

export interface ReadWorkerJob {
  type: 'job';
  id: number;
  /** The file's bytes (already checked by precheckBytes), or… */
  data?: Uint8Array;
  /** …the file to read here: loaded, checked (precheckBytes) and parsed in this thread. */
  path?: string;
  relPath: string;
  opts: ResolvedReadOptions;
  /** Analyse the grids here and send back only the analysis; settingsId lets the worker keep its context. */
  analyze?: { settingsId: number; settings?: AnalyzeSettings };
  /** A job the pool's thread may take back (pool.ts, helpOut): whichever thread claims it first reads it. */
  claim?: Int32Array;
}

export type ReadWorkerReply =
  | { type: 'ready' }
  | { type: 'boot-failed'; message: string }
  | { type: 'done'; id: number; outcome: ReadOutcome };

const port = parentPort;
/** Jobs after which this thread's compiled code is kept for the next run, when it was not loaded from there (../runtime/code-cache.ts). */
const CODE_CACHE_AFTER_JOBS = 8;
let jobsDone = 0;
/** The analysis settings of the pool's current run (sent once, then named by their id). */
const settingsById = new Map<number, AnalyzeSettings>();

/**
 * The job's file parsed, or why not. A file named by its path is read here with blocking calls (no round trips through
 * the thread pool; one that never answers ends in the job's time-out) and checked as the pool checks bytes.
 */
async function parseJob(job: ReadWorkerJob): Promise<ReadOutcome> {
  if (job.path === undefined) return parseWorkbookBytes(job.data!, job.relPath, job.opts);
  const loaded = loadFileBytesSync(job.path, job.opts);
  return loaded.ok ? readWorkbookBytesInProcess(loaded.data, job.relPath, job.opts) : loaded;
}

async function run(job: ReadWorkerJob): Promise<void> {
  // the settings a job brings are kept first: the jobs after it name them only, whoever reads this one
  if (job.analyze?.settings) settingsById.set(job.analyze.settingsId, job.analyze.settings);
  // taken back by the pool's thread, which reads it itself (no reply: the pool no longer waits for it here)
  if (job.claim && Atomics.compareExchange(job.claim, 0, 0, 1) !== 0) return;
  let outcome: ReadOutcome;
  try {
    outcome = await parseJob(job);
    if (job.analyze) {
      const settings = settingsById.get(job.analyze.settingsId);
      if (settings) {
        outcome = withAnalysis(outcome, job.relPath, settings);
        // the catalog entries travel as their places in the settings' catalog (the pool puts its own back)
        catalogToPlaces(outcome, settings);
      }
    }
  } catch (err) {
    outcome = readFailedFailure(shortReason(err));
  }
  try {
    port!.postMessage({ type: 'done', id: job.id, outcome } satisfies ReadWorkerReply);
  } catch (err) {
    port!.postMessage({
      type: 'done',
      id: job.id,
      outcome: readFailedFailure(`结果无法传回：${shortReason(err)}`),
    } satisfies ReadWorkerReply);
  }
  if (++jobsDone === CODE_CACHE_AFTER_JOBS) codeCacheCheckpoint();
}

if (port) {
  let booted = true;
  try {
    // the fast reader's parts only (~25 ms instead of ~215 ms for all of exceljs, loaded on the first fallback)
    if (fastReaderEnabled()) loadFastReader();
    else loadExcelJs();
  } catch (err) {
    booted = false;
    port.postMessage({ type: 'boot-failed', message: shortReason(err) } satisfies ReadWorkerReply);
  }
  if (booted) {
    // one job at a time, in order: the pool posts the next job while this one runs (its time-out starts at our turn)
    let queue = Promise.resolve();
    port.on('message', (msg: ReadWorkerJob | ChartDrawJob | ChartPrepareJob) => {
      // (a failure run() could not even report ends the worker, as an unhandled rejection did before the chain)
      if (msg && msg.type === 'job') queue = queue.then(() => run(msg)).catch(err => process.nextTick(() => { throw err; }));
      // a small run's worker, handed over once every file is read, draws the bulletin's chart (../write/chart-thread.ts)
      else if (msg && msg.type === 'draw') queue = queue.then(() => (codeCacheCheckpoint(), answerDraw(port, msg))).catch(err => process.nextTick(() => { throw err; }));
      // …told at the hand-over, it loads resvg meanwhile
      else if (msg && msg.type === 'prepare') queue = queue.then(() => prepareDraw());
    });
    port.postMessage({ type: 'ready' } satisfies ReadWorkerReply);
  }
}
