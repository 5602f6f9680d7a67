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
import type { RowFromWorker, RowToWorker } from './row-worker';
import type { Column, Value } from './widths';

/** How long an awaited worker may stay silent before it is given up (its rows are then written on this thread). */
const SILENCE_MS = 30000;

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

/** Rows per block (~1 MB of XML on 项目明细): the unit handed to the worker, or rendered here. */
const BLOCK_ROWS = 1000;
/** Blocks handed to the worker and not yet back, at most. */
const IN_FLIGHT = 3;

export class RowJob {
  /** Blocks back from the worker, not yet taken. */
  private readonly received = new Map<number, Buffer>();
  private waiter: (() => void) | null = null;
  private ended = false;
  private going = false;
  /** The first block not handed out (to the worker or to this thread). */
  private nextBlock = 0;
  private inFlight = 0;
  /** Blocks this thread took (claim()). */
  private readonly claimedHere = new Set<number>();
  readonly blocks: number;
  readonly blockRows = BLOCK_ROWS;
  /** Why the worker was given up (null while it works or when it finished). */
  failure: string | null = null;

  private constructor(
    private readonly worker: Worker,
    readonly rows: Value[][],
  ) {
    this.blocks = Math.ceil(rows.length / BLOCK_ROWS);
    worker.on('message', (m: RowFromWorker) => {
      if (this.ended) return;
      if (m.kind === 'block') {
        this.received.set(m.block, Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength));
        this.inFlight--;
        this.handOut();
      } else this.end(m.reason);
      this.wake();
    });
    worker.on('error', (e) => this.end(`error: ${e instanceof Error ? e.message : String(e)}`));
    worker.on('exit', (code) => this.end(`exit ${code}`));
    // a job never keeps the process alive (a run that fails before the sheet is written just leaves it)
    worker.unref();
  }

  /** Starts a worker for `rows` (it loads its modules while the sheets before this one are written), or null when there is no worker script: the sheet is written here. */
  static start(rows: Value[][]): RowJob | null {
    if (rows.length === 0) return null;
    const spec = workerSpec();
    if (!spec) return null;
    try {
      return new RowJob(startWorker(spec, { resourceLimits: { maxOldGenerationSizeMb: 256 } }), rows);
    } catch {
      return null;
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

  /** The sheet's columns, first data row, widths and style ids (exceljs's, registered on this thread): the worker renders from now on. */
  go(cols: Column[], first: number, widths: number[], ids: number[]): void {
    this.post({ kind: 'go', cols, first, widths, ids });
    this.going = true;
    this.handOut();
  }

  private handOut(): void {
    while (this.going && !this.ended && this.inFlight < IN_FLIGHT && this.nextBlock < this.blocks) {
      const b = this.nextBlock++;
      const from = b * BLOCK_ROWS;
      this.inFlight++;
      this.post({ kind: 'rows', block: b, from, rows: this.rows.slice(from, from + BLOCK_ROWS) });
    }
    if (this.nextBlock >= this.blocks && this.inFlight === 0 && !this.ended) this.end(null);
  }

  /** Takes the next block not handed out for this thread to render, or null when none is left (or the worker ended: the sheet renders what is left in order). */
  claim(): number | null {
    if (this.ended || this.nextBlock >= this.blocks) return null;
    const b = this.nextBlock++;
    this.claimedHere.add(b);
    if (this.nextBlock >= this.blocks && this.inFlight === 0) this.end(null);
    this.wake();
    return b;
  }

  /** Block `b`'s XML if it came back from the worker (taken: asked once). */
  take(b: number): Buffer | undefined {
    const bytes = this.received.get(b);
    this.received.delete(b);
    return bytes;
  }

  /**
   * Block `b`'s XML from the worker, once it came (blocks are asked for in order); null when it will not come: this
   * thread took it, or the worker ended without sending it (`failure` says why) and this thread renders it.
   */
  async block(b: number): Promise<Buffer | null> {
    for (;;) {
      const bytes = this.take(b);
      if (bytes) return bytes;
      if (this.ended || this.claimedHere.has(b)) return null;
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
    void this.worker.terminate().catch(() => undefined);
    this.wake();
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }
}
