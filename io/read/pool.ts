/**
 * A small pool of worker threads that read workbooks (see read-workbook.ts for the pipeline).
 *
 * Why workers: exceljs can hang or exhaust memory on some files. Its parse runs in a worker we can terminate when
 * the job's timeout (ReadOptions.timeoutMs) expires → E_READ_TIMEOUT, or that dies (uncaught error, out of memory:
 * resourceLimits.maxOldGenerationSizeMb, default 1024) → E_READ_FAILED. A dead or terminated worker is replaced
 * lazily by the next job. Several workers also let the consolidation use every core.
 * read(): the name check runs in the calling thread; the worker reads the file itself (read-only, blocking calls: a
 * file that never answers ends in the job's time-out), checks it (magic numbers, zip directory: precheckBytes) and
 * parses it, so this thread only hands out paths and takes analyses back (measured: its five thread-pool round trips
 * per file cost a province run ~1.5 s of this thread, competing with the busy workers for two cores). readBuffer(): the
 * checks run here, then the bytes are transferred (not copied) to the worker.
 *
 * Which worker script (decided once per pool, `mode` tells which one was taken):
 *   1. `worker.js` next to this file — the compiled build (dist/io/read/worker.js).
 *   2. else `worker.ts` next to this file (running the sources, e.g. under ts-jest) AND the `typescript`
 *      package resolvable (a devDependency): the worker is started from a tiny eval'd bootstrap that registers a
 *      require hook transpiling .ts with `typescript.transpileModule` (no ts-node needed), then requires
 *      worker.ts. Tests therefore exercise the real worker code without building first.
 *   3. else: in-process fallback — the parse runs in the calling thread, no timeout can be enforced and a crash of
 *      exceljs is caught only as far as it throws. `mode` is then 'in-process'.
 * createReadPool(size, { mode: 'in-process' }) forces 3; { mode: 'worker' } throws when no script is found.
 *
 * Idle workers are unref'd so a pool never keeps the process alive; call close() anyway when done.
 * Each worker holds up to two jobs: the one it runs and the next, waiting in its message queue (so it never waits for
 * this thread between files). A job's timeout runs from the moment it is its worker's first job, i.e. running (worker
 * start-up is not counted; a file named by its path is read within it). When a worker dies or is ended on a job, the
 * job behind it (its path, or its bytes, copied, not transferred, and kept) is posted again to a new worker: one file's
 * failure never fails another.
 * A small run's main thread, idle while its one worker reads, may read some files itself (helpOut, helpWhileIdle): the
 * last jobs of a worker's queue, which the worker has not started. Each job on a path carries a shared claim (an
 * Int32Array on a SharedArrayBuffer): the worker sets it when it starts the job, this thread when it takes it, and
 * whichever was second leaves it. This thread reads only a file of at most 1 MB that the fast reader reads whole
 * (synchronous, no exceljs, no time-out: the fast reader's own limits and the zip guards bound it); a file it cannot
 * read so goes back to the worker.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { Grid } from '../../core/grid';
import type { ReadWorkerJob, ReadWorkerReply } from './worker';
import { readFailedFailure } from '../grid/exceljs-grid';
import { loadFileBytes, loadFileBytesSync, precheckBytes, shortReason, timeoutFailure } from './guards';
import { classifyName } from './names';
import {
  catalogFromPlaces,
  resolveReadOptions,
  withAnalysis,
  type AnalyzeSettings,
  type ReadOptions,
  type ReadOutcome,
  type ResolvedReadOptions,
} from './options';
import { parseWorkbookBytes, readFastInProcess } from './parse';
import { READ_WORKER_YOUNG_MB, dropPrestarted, takePrestarted } from './prestart';
import { findWorkerSpec, startWorker } from './worker-script';

export interface ReadPool {
  /** Number of workers (jobs run at most this many at once; others wait in order). */
  readonly size: number;
  readonly mode: 'worker' | 'in-process';
  /**
   * With `analyze`, the worker also analyses the workbook with the core and sends back only the analysis
   * (`outcome.analysis`, `grids` empty): less to copy between threads, and the analysis is under the time-out too.
   */
  read(absPath: string, relPath: string, opts?: ReadOptions, analyze?: AnalyzeSettings): Promise<ReadOutcome>;
  /** Same for bytes in memory; the caller's buffer is copied, never detached or modified. */
  readBuffer(buf: Buffer | Uint8Array, relPath: string, opts?: ReadOptions): Promise<ReadOutcome>;
  /**
   * Uses at most `n` workers from now on: a run with few files does not pay for starting more threads than the files
   * keep busy. Call it between jobs (slots in use keep running); idle workers beyond `n` are ended. `queue` (worker
   * mode): jobs a worker may hold, the running one included (default 2); a small run whose files all fit in memory
   * hands them all over at once, so the worker never waits for this thread, whatever this thread is doing.
   */
  limit(n: number, queue?: number): void;
  /**
   * Gives up one started worker that has no job left, now the reading is done: the pool no longer uses it, nor ends it
   * in close(); the caller does (a small run's worker draws the bulletin's chart: ../write/chart-thread.ts). Null when
   * there is none (in-process mode, no worker started, every worker busy, a closed pool).
   */
  handOver(): Worker | null;
  /**
   * This thread reads one file itself, taken from the end of a worker's queue: a small run's main thread, idle while its
   * one worker reads (cli/run.ts). Only a job the worker has not started (a shared claim: whichever thread takes it
   * first reads it), only while the worker has at least `behind` jobs waiting behind its running one, only a file of at
   * most HELP_MAX_BYTES that the fast reader reads whole (synchronous; anything else is posted back to the worker).
   * False when there was none to take.
   */
  helpOut(behind: number): boolean;
  /**
   * From now on this thread helps whenever it is idle: helpOut(behind) again and again (each in its own turn of the
   * event loop, so replies and timers are still handled between files) until there is nothing to take, and again
   * each time a job is posted.
   */
  helpWhileIdle(behind: number): void;
  /** Terminates the workers; jobs still running or waiting end with E_READ_FAILED. */
  close(): Promise<void>;
}

export interface ReadPoolOptions {
  /** 'auto' (default): worker when a worker script is found, else in-process. */
  mode?: 'auto' | 'worker' | 'in-process';
  /** V8 old-generation heap limit per worker, MB. Default 1024. */
  maxOldGenerationSizeMb?: number;
  /** Time allowed for a worker to start (load exceljs), ms. Default 60000. */
  bootTimeoutMs?: number;
}

export { findWorkerSpec } from './worker-script';

/** A job posted to a worker. */
interface Job {
  id: number;
  /**
   * The bytes while the worker may still need them again: a job posted behind another one gets a copy (the bytes stay
   * here), so that if the worker dies or is ended on the job ahead, this one is posted again to a new worker.
   */
  data: Uint8Array | null;
  /** The file the worker reads (read()); then data is null. */
  path?: string;
  relPath: string;
  o: ResolvedReadOptions;
  analyze?: AnalyzeSettings;
  /** A job on a path: 0 while no thread has taken it; the worker sets 1 when it starts it, helpOut 2 (worker.ts). */
  claim?: Int32Array;
  /** The job's time-out: runs from the moment it is the first of its worker's jobs (the one running). */
  timer?: NodeJS.Timeout;
  finish: (outcome: ReadOutcome) => void;
}

interface Slot {
  worker: Worker | null;
  ready: Promise<void> | null;
  /** Jobs posted to this slot's worker, in order: the first runs, the others wait in the worker's message queue. */
  jobs: Job[];
  /** Jobs given this slot (posted or about to be): at most `depth`. */
  taken: number;
  /** Analysis settings (by id) this slot's current worker already holds. */
  knownSettings: Set<number>;
}

const CANCELLED = '读取已取消';
/** The largest file helpOut reads in the calling thread (a town's workbook is tens of KB). */
const HELP_MAX_BYTES = 1024 * 1024;

export function createReadPool(size: number = os.availableParallelism(), options: ReadPoolOptions = {}): ReadPool {
  const n = Math.max(1, Math.floor(Number.isFinite(size) ? size : 1));
  const requested = options.mode ?? 'auto';
  const spec = requested === 'in-process' ? null : findWorkerSpec();
  if (requested === 'worker' && !spec) {
    throw new Error(`read-pool: no worker script (worker.js, or worker.ts with typescript) in ${__dirname}`);
  }
  const mode: 'worker' | 'in-process' = spec ? 'worker' : 'in-process';
  const heapMb = options.maxOldGenerationSizeMb ?? 1024;
  const bootTimeoutMs = options.bootTimeoutMs ?? 60000;

  const slots: Slot[] = Array.from({ length: n }, () => ({ worker: null, ready: null, jobs: [], taken: 0, knownSettings: new Set<number>() }));
  // A worker holds two jobs: the one it runs and the next one, already in its message queue, so it never waits for this
  // thread between files (this thread competes with the busy workers for the cores and answers late: measured, the
  // workers of a province run were idle a fifth to a third of the read with one job each). In-process: one at a time.
  let depth = mode === 'worker' ? 2 : 1;
  /** The slots jobs may use (limit() parks the others). */
  let active: Slot[] = [...slots];
  const settingsIds = new WeakMap<AnalyzeSettings, number>();
  let nextSettingsId = 1;
  const settingsId = (a: AnalyzeSettings): number => {
    const known = settingsIds.get(a);
    if (known !== undefined) return known;
    const id = nextSettingsId++;
    settingsIds.set(a, id);
    return id;
  };
  const waiting: ((slot: Slot | null) => void)[] = [];
  let closed = false;
  let nextId = 1;
  /** helpWhileIdle's `behind` (null: this thread does not help); a helping turn is already scheduled. */
  let helpBehind: number | null = null;
  let helpScheduled = false;

  /** The active slot with the fewest jobs (a started worker first), if one can take another. */
  function freeSlot(): Slot | null {
    let best: Slot | null = null;
    for (const s of active) {
      if (s.taken >= depth) continue;
      if (!best || s.taken < best.taken || (s.taken === best.taken && !!s.worker && !best.worker)) best = s;
    }
    return best;
  }

  function acquire(): Promise<Slot | null> {
    if (closed) return Promise.resolve(null);
    const s = freeSlot();
    if (s) {
      s.taken++;
      return Promise.resolve(s);
    }
    return new Promise(resolve => waiting.push(resolve));
  }

  function release(slot: Slot): void {
    slot.taken--;
    // a slot parked by limit() ends its worker once its jobs are done
    if (slot.taken === 0 && slot.worker && !active.includes(slot)) kill(slot);
    while (waiting.length > 0) {
      if (closed) {
        waiting.shift()!(null);
        continue;
      }
      const s = freeSlot();
      if (!s) break;
      s.taken++;
      waiting.shift()!(s);
    }
  }

  function spawn(slot: Slot): void {
    slot.knownSettings.clear();
    // the CLI's worker started before its modules loaded (prestart.ts), when it is this pool's kind
    const pre = spec!.kind === 'file' ? takePrestarted(spec!.file, heapMb) : null;
    const w = pre ? pre.worker : startWorker(spec!, { resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: READ_WORKER_YOUNG_MB } });
    slot.worker = w;
    let markReady!: () => void;
    let markFailed!: (err: unknown) => void;
    let booted = false;
    slot.ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      markFailed = reject;
    });
    slot.ready.catch(() => undefined);
    // its 'ready' may have come before these listeners: its own promise says so
    pre?.ready.then(
      () => {
        booted = true;
        markReady();
      },
      (err) => markFailed(err),
    );
    w.on('message', (msg: ReadWorkerReply) => {
      if (msg.type === 'ready') {
        booted = true;
        markReady();
      } else if (msg.type === 'boot-failed') {
        markFailed(new Error(msg.message));
      } else if (msg.type === 'done') {
        if (slot.worker === w) jobDone(slot, msg.id, msg.outcome);
      }
    });
    w.on('error', err => {
      if (!booted) markFailed(err);
      if (slot.worker === w) {
        const e = err as { code?: string } | undefined;
        const why =
          e?.code === 'ERR_WORKER_OUT_OF_MEMORY' ? '读取时内存不足，文件过大或结构异常' : `读取进程出错：${shortReason(err)}`;
        failRunning(slot, readFailedFailure(why));
      }
    });
    w.on('exit', code => {
      if (!booted) markFailed(new Error(`exit ${code}`));
      if (slot.worker === w) {
        slot.worker = null;
        slot.ready = null;
        failRunning(slot, readFailedFailure(`读取进程意外退出（${code}）`));
      }
    });
  }

  function kill(slot: Slot): void {
    const w = slot.worker;
    slot.worker = null;
    slot.ready = null;
    if (w) void w.terminate().catch(() => undefined);
  }

  /**
   * Waits until the slot has a ready worker (starting one if needed): null then, else why not. A worker replaced while
   * waiting (the one before died) is waited for in turn.
   */
  async function bootSlot(slot: Slot): Promise<string | null> {
    for (;;) {
      if (closed) return CANCELLED;
      if (!slot.worker) spawn(slot);
      const ready = slot.ready!;
      let bootTimer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          ready,
          new Promise<never>((_, reject) => {
            bootTimer = setTimeout(() => reject(new Error('启动超时')), bootTimeoutMs);
          }),
        ]);
      } catch (err) {
        if (slot.ready === ready) kill(slot);
        return `读取进程启动失败：${shortReason(err)}`;
      } finally {
        clearTimeout(bootTimer);
      }
      if (closed) return CANCELLED;
      if (slot.ready === ready && slot.worker) return null;
    }
  }

  function startTimer(slot: Slot, job: Job): void {
    job.timer = setTimeout(() => {
      if (slot.jobs[0] === job) failRunning(slot, timeoutFailure(job.o.timeoutMs));
    }, job.o.timeoutMs);
  }

  /** Posts a job to the slot's (ready) worker, behind the jobs it already has. */
  function post(slot: Slot, job: Job): void {
    const w = slot.worker!;
    const behind = slot.jobs.length > 0;
    const msg: ReadWorkerJob =
      job.path !== undefined
        ? { type: 'job', id: job.id, path: job.path, relPath: job.relPath, opts: job.o, claim: job.claim }
        : { type: 'job', id: job.id, data: job.data!, relPath: job.relPath, opts: job.o };
    if (job.analyze) {
      const sid = settingsId(job.analyze);
      msg.analyze = { settingsId: sid, settings: slot.knownSettings.has(sid) ? undefined : job.analyze };
      slot.knownSettings.add(sid);
    }
    slot.jobs.push(job);
    w.ref();
    if (behind) scheduleHelp();
    if (!behind) startTimer(slot, job);
    try {
      // the first job's bytes are transferred (they are ours: a private copy or a fresh file read, owning their
      // buffer); a job behind another is copied and keeps its bytes until it runs
      w.postMessage(msg, behind || !job.data ? [] : [job.data.buffer as ArrayBuffer]);
      if (!behind) job.data = null;
    } catch (err) {
      slot.jobs.splice(slot.jobs.indexOf(job), 1);
      clearTimeout(job.timer);
      job.finish(readFailedFailure(`无法把文件交给读取进程：${shortReason(err)}`));
      if (!behind) failRunning(slot, null);
    }
  }

  /** See ReadPool.helpOut. */
  function helpOut(behind: number): boolean {
    if (closed || mode !== 'worker') return false;
    for (const slot of active) {
      if (!slot.worker) continue;
      // from the end of its queue, keeping the running job and the `behind` jobs after it for the worker
      for (let k = slot.jobs.length - 1; k > behind; k--) {
        const job = slot.jobs[k]!;
        // a legacy workbook is read by the worker (the fast reader reads .xlsx only)
        if (job.path === undefined || !job.claim || !job.analyze || job.o.readLegacy) continue;
        let size = Infinity;
        try {
          size = fs.statSync(job.path).size;
        } catch {
          /* the worker reads it and says why not */
        }
        // a large file stays the worker's (under its time-out); so does one it has started meanwhile
        if (size > HELP_MAX_BYTES || Atomics.compareExchange(job.claim, 0, 0, 2) !== 0) {
          job.claim = undefined;
          continue;
        }
        slot.jobs.splice(k, 1);
        let outcome: ReadOutcome | null;
        try {
          const loaded = loadFileBytesSync(job.path, job.o);
          outcome = loaded.ok ? readFastInProcess(loaded.data, job.relPath, job.o) : loaded;
          if (outcome) outcome = withAnalysis(outcome, job.relPath, job.analyze);
        } catch (err) {
          outcome = readFailedFailure(shortReason(err));
        }
        if (outcome) job.finish(outcome);
        else {
          // what the fast reader does not read whole goes back to the worker, which reads it: no thread takes it again
          job.claim = undefined;
          post(slot, job);
        }
        return true;
      }
    }
    return false;
  }

  function scheduleHelp(): void {
    if (helpBehind === null || helpScheduled || closed) return;
    helpScheduled = true;
    setImmediate(() => {
      helpScheduled = false;
      if (helpBehind !== null && helpOut(helpBehind)) scheduleHelp();
    });
  }

  function jobDone(slot: Slot, id: number, outcome: ReadOutcome): void {
    const i = slot.jobs.findIndex(j => j.id === id);
    if (i < 0) return;
    const [job] = slot.jobs.splice(i, 1);
    clearTimeout(job!.timer);
    job!.data = null;
    if (closed) kill(slot);
    else if (i === 0 && slot.jobs.length > 0) startTimer(slot, slot.jobs[0]!);
    else if (slot.jobs.length === 0) slot.worker?.unref();
    // an analysis's catalog entries came as their places in the job's catalog (worker.ts): ours go back in
    if (job!.analyze) catalogFromPlaces(outcome, job!.analyze);
    job!.finish(outcome.ok ? reviveDates(outcome) : outcome);
  }

  /**
   * The running job fails (`outcome`; null when it already ended) and the worker is ended; the jobs behind it are posted
   * again, in order, to a new worker.
   */
  function failRunning(slot: Slot, outcome: ReadOutcome | null): void {
    const [running, ...rest] = slot.jobs;
    slot.jobs = [];
    kill(slot);
    if (running) {
      clearTimeout(running.timer);
      if (outcome) running.finish(outcome);
    }
    if (rest.length === 0) return;
    if (closed) {
      for (const j of rest) j.finish(readFailedFailure(CANCELLED));
      return;
    }
    spawn(slot);
    void bootSlot(slot).then(failure => {
      for (const j of rest) {
        if (failure !== null) j.finish(readFailedFailure(failure));
        else if (slot.worker) post(slot, j);
        else j.finish(readFailedFailure('读取进程意外退出'));
      }
    });
  }

  /** `file`: the bytes (checked), or the path of the file the worker reads and checks itself. */
  async function runOnWorker(
    slot: Slot,
    file: { data: Uint8Array } | { path: string },
    relPath: string,
    o: ResolvedReadOptions,
    analyze?: AnalyzeSettings,
  ): Promise<ReadOutcome> {
    const failure = await bootSlot(slot);
    if (failure !== null) return readFailedFailure(failure);
    return new Promise<ReadOutcome>(resolve => {
      const job: Job = 'path' in file ? { id: nextId++, data: null, path: file.path, relPath, o, analyze, claim: new Int32Array(new SharedArrayBuffer(4)), finish: resolve } : { id: nextId++, data: file.data, relPath, o, analyze, finish: resolve };
      post(slot, job);
    });
  }

  async function parse(
    slot: Slot,
    data: Uint8Array,
    relPath: string,
    o: ResolvedReadOptions,
    analyze?: AnalyzeSettings,
  ): Promise<ReadOutcome> {
    const pre = precheckBytes(data, relPath, o);
    if (pre) return pre;
    if (mode === 'in-process') {
      try {
        const outcome = await parseWorkbookBytes(data, relPath, o);
        return analyze ? withAnalysis(outcome, relPath, analyze) : outcome;
      } catch (err) {
        return readFailedFailure(shortReason(err));
      }
    }
    return runOnWorker(slot, { data }, relPath, o, analyze);
  }

  async function withSlot(fn: (slot: Slot) => Promise<ReadOutcome>): Promise<ReadOutcome> {
    const slot = await acquire();
    if (!slot) return readFailedFailure(CANCELLED);
    try {
      return await fn(slot);
    } finally {
      release(slot);
    }
  }

  /** A copy that owns its whole ArrayBuffer (so it can be transferred). */
  function ownCopy(buf: Uint8Array): Uint8Array {
    const copy = new Uint8Array(buf.byteLength);
    copy.set(buf);
    return copy;
  }

  return {
    size: n,
    mode,
    async read(absPath, relPath, opts, analyze) {
      if (closed) throw new Error('read-pool: closed');
      const o = resolveReadOptions(opts);
      const skip = classifyName(relPath);
      if (skip) return { ok: false, ...skip };
      if (mode === 'in-process') {
        return withSlot(async slot => {
          const loaded = await loadFileBytes(absPath, o);
          if (!loaded.ok) return loaded;
          let data = loaded.data;
          if (data.byteOffset !== 0 || data.byteLength !== data.buffer.byteLength) data = ownCopy(data);
          return parse(slot, data, relPath, o, analyze);
        });
      }
      // the worker reads the file, checks and parses it
      return withSlot(slot => runOnWorker(slot, { path: absPath }, relPath, o, analyze));
    },
    async readBuffer(buf, relPath, opts) {
      if (closed) throw new Error('read-pool: closed');
      const o = resolveReadOptions(opts);
      const skip = classifyName(relPath);
      if (skip) return { ok: false, ...skip };
      return withSlot(slot => parse(slot, ownCopy(buf), relPath, o));
    },
    limit(want, queue) {
      const keep = Math.max(1, Math.floor(Number.isFinite(want) ? want : 1));
      if (mode === 'worker' && queue !== undefined && Number.isFinite(queue)) {
        depth = Math.max(2, Math.floor(queue));
      }
      // keep the slots with a started worker (or jobs) first; the others are parked, their workers ended once idle
      const order = [...slots].sort((a, b) => Number(!!b.worker || b.taken > 0) - Number(!!a.worker || a.taken > 0));
      active = order.slice(0, keep);
      for (const slot of order.slice(keep)) if (slot.taken === 0 && slot.worker) kill(slot);
    },
    helpOut,
    helpWhileIdle(behind) {
      helpBehind = behind;
      scheduleHelp();
    },
    handOver() {
      if (closed) return null;
      const slot = slots.find(s => s.worker && s.taken === 0 && s.jobs.length === 0);
      if (!slot) return null;
      const w = slot.worker!;
      slot.worker = null;
      slot.ready = null;
      return w;
    },
    async close() {
      if (closed) return;
      closed = true;
      dropPrestarted();
      for (const wake of waiting.splice(0)) wake(null);
      const exits: Promise<unknown>[] = [];
      for (const slot of slots) {
        const jobs = slot.jobs;
        slot.jobs = [];
        for (const j of jobs) {
          clearTimeout(j.timer);
          j.finish(readFailedFailure(CANCELLED));
        }
        const w = slot.worker;
        slot.worker = null;
        slot.ready = null;
        if (w) exits.push(w.terminate().catch(() => undefined));
      }
      await Promise.all(exits);
    },
  };
}

/**
 * Structured clone creates Dates of the main Node realm. Code running in another realm of the same thread (jest's
 * test context, a vm) would see `value instanceof Date` false, so Dates are re-created here, in this module's realm.
 */
function reviveDates(out: { ok: true; grids: Grid[]; date1904: boolean }): ReadOutcome {
  for (const g of out.grids) {
    for (const row of g.rows) {
      for (let c = 0; c < row.length; c++) {
        const cell = row[c];
        const v = cell?.value as unknown;
        if (cell && typeof v === 'object' && v !== null && !(v instanceof Date) && Object.prototype.toString.call(v) === '[object Date]') {
          cell.value = new Date((v as Date).getTime());
        }
      }
    }
  }
  return out;
}

let defaultPool: ReadPool | null = null;

/** The pool behind readWorkbookAtPath / readWorkbookBuffer (created on first use, size = available cores). */
export function getDefaultReadPool(): ReadPool {
  defaultPool ??= createReadPool();
  return defaultPool;
}

/** Closes the default pool (its idle workers never keep the process alive, but tests like a clean exit). */
export async function closeDefaultReadPool(): Promise<void> {
  const p = defaultPool;
  defaultPool = null;
  if (p) await p.close();
}
