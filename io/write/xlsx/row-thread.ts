/**
 * A big sheet's data rows rendered on a thread of their own (row-worker.ts) while this thread writes the other sheets.
 *
 * The sheet starts its job before the first sheet is written (SummarySheet.start); the worker sizes the columns at once
 * and renders the rows' XML once the sheet, at its turn, has registered its styles with exceljs (in the order the
 * sequential writer would: styles.xml and every s="…" stay the same) and sent their ids. SheetWriter.offThreadRows
 * then writes the pieces to the sheet's stream in order, in the background, and the sheets after it go on.
 *
 * Nothing is lost when the worker fails: no script (running the sources without `typescript`), XCS_WRITE_WORKER=0,
 * a worker that dies, errs or is silent for SILENCE_MS while awaited — the rows not received are written on this
 * thread (the same bytes), and a job whose widths never came is sized here.
 */
import type { Worker } from 'node:worker_threads';
import { findWorkerSpec, startWorker, type WorkerSpec } from '../../read/worker-script';
import type { RowFromWorker, RowJobMessage, RowToWorker } from './row-worker';
import type { Column, Value } from './widths';

/** How long an awaited worker may stay silent before it is given up (its rows are then written on this thread). */
const SILENCE_MS = 30000;

export interface RowJobInput {
  cols: Column[];
  rows: Value[][];
  /** More rows the columns are sized for. */
  sizing?: Value[][];
  /** The first data row's number. */
  first: number;
}

export interface RowChunk {
  bytes: Buffer;
  /** Rows rendered so far (this piece included). */
  through: number;
}

let forced: WorkerSpec | null | undefined;

/** Tests: the worker script to use (null: none, the in-process road); undefined: found next to this module. */
export function setRowWorkerScript(spec: WorkerSpec | null | undefined): void {
  forced = spec;
}

function workerSpec(): WorkerSpec | null {
  if (forced !== undefined) return forced;
  if (process.env.XCS_WRITE_WORKER === '0') return null;
  return findWorkerSpec(__dirname, 'row-worker');
}

export class RowJob {
  private readonly sized: Promise<number[] | null>;
  private gotWidths!: (w: number[] | null) => void;
  private readonly chunks: RowChunk[] = [];
  private waiter: (() => void) | null = null;
  private ended = false;
  /** Why the worker was given up (null while it works or when it finished). */
  failure: string | null = null;

  private constructor(private readonly worker: Worker) {
    this.sized = new Promise((r) => (this.gotWidths = r));
    worker.on('message', (m: RowFromWorker) => {
      if (this.ended) return;
      if (m.kind === 'widths') this.gotWidths(m.widths);
      else if (m.kind === 'chunk') this.chunks.push({ bytes: Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength), through: m.through });
      else if (m.kind === 'done') this.end(null);
      else this.end(m.reason);
      this.wake();
    });
    worker.on('error', (e) => this.end(`error: ${e instanceof Error ? e.message : String(e)}`));
    worker.on('exit', (code) => this.end(`exit ${code}`));
    // a job never keeps the process alive (a run that fails before the sheet is written just leaves it)
    worker.unref();
  }

  /** Starts a job for `input`'s rows, or null when there is no worker to run it (the sheet is written here). */
  static start(input: RowJobInput): RowJob | null {
    if (input.rows.length === 0) return null;
    const spec = workerSpec();
    if (!spec) return null;
    let worker: Worker;
    try {
      worker = startWorker(spec, { resourceLimits: { maxOldGenerationSizeMb: 512 } });
    } catch {
      return null;
    }
    const job = new RowJob(worker);
    job.post({ kind: 'job', cols: input.cols, rows: input.rows, sizing: input.sizing ?? [], first: input.first } satisfies RowJobMessage);
    return job;
  }

  /** The columns' widths from the worker, or null when it failed before sending them (then the sheet measures). */
  async widths(): Promise<number[] | null> {
    const timer = setTimeout(() => this.end(`silent for ${SILENCE_MS} ms`), SILENCE_MS);
    try {
      return await this.sized;
    } finally {
      clearTimeout(timer);
    }
  }

  private post(m: RowToWorker): void {
    if (this.ended) return;
    try {
      this.worker.postMessage(m);
    } catch (e) {
      this.end(`post: ${String(e)}`);
    }
  }

  /** The style id of each column (exceljs's, registered on this thread): the worker renders the rows from now on. */
  styles(ids: number[]): void {
    this.post({ kind: 'styles', ids });
  }

  /** The next piece of XML, in order; null at the end (all rows sent, or `failure` says why not). */
  async next(): Promise<RowChunk | null> {
    for (;;) {
      const c = this.chunks.shift();
      if (c) {
        this.post({ kind: 'credit' });
        return c;
      }
      if (this.ended) return null;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => this.end(`silent for ${SILENCE_MS} ms`), SILENCE_MS);
        this.waiter = () => (clearTimeout(timer), resolve());
      });
    }
  }

  /** Ends the job (the worker is stopped); `reason` null when it finished. */
  end(reason: string | null): void {
    if (this.ended) return;
    this.ended = true;
    if (reason !== null) this.failure = reason;
    this.gotWidths(null);
    void this.worker.terminate().catch(() => undefined);
    this.wake();
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }
}
