/**
 * A big sheet's data rows rendered on a thread of their own (row-worker.ts) while this thread writes the other sheets.
 *
 * 项目明细 starts its job once the chart is drawn (SummarySheet.start, summary-workbook.ts), the other long sheets (滞后项目,
 * 存在问题, 主要指标) at their turn, one worker at a time; the worker renders the rows' XML once the sheet, at its turn,
 * has registered its styles with exceljs (in the order the sequential writer would: styles.xml and every s="…" stay
 * the same) and sent their ids and widths. SheetWriter.offThreadRows then writes the pieces to the sheet's stream in
 * order, in the background, and the sheets after it go on.
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
let silenceMs = SILENCE_MS;

/**
 * Tests: the worker script to use (null: none, the in-process road; undefined: the one next to this module), and how
 * long an awaited worker may be silent.
 */
export function setRowWorkerScript(spec: WorkerSpec | null | undefined, silence = SILENCE_MS): void {
  forced = spec;
  silenceMs = silence;
}

function workerSpec(): WorkerSpec | null {
  if (forced !== undefined) return forced;
  if (process.env.XCS_WRITE_WORKER === '0') return null;
  return findWorkerSpec(__dirname, 'row-worker');
}

/** Rows per block (~1 MB of XML on 项目明细): the unit handed to the worker, or rendered here. */
const BLOCK_ROWS = 1000;
/** A sheet with fewer rows is written on this thread alone: a worker's start (~40 ms of a core, ~10 MB) would cost more than it saves (a county's sheets). */
export const MIN_ROWS = 2 * BLOCK_ROWS;
/** Blocks handed to the worker and not yet back, at most. */
const IN_FLIGHT = 3;

/** A block of rows to render: its index and its rows (rows[0] is data row block × BLOCK_ROWS). */
export interface RowBlock {
  block: number;
  rows: Value[][];
}

export class RowJob {
  /** Blocks back from the worker, not yet taken. */
  private readonly received = new Map<number, Buffer>();
  /** The rows of the blocks the worker holds (rendered here if it fails). */
  private readonly held = new Map<number, Value[][]>();
  private waiter: (() => void) | null = null;
  private ended = false;
  private source: Iterator<Value[]> | null = null;
  private rowsRead = 0;
  /** Blocks in the sheet, once it goes. */
  blocks = 0;
  /** The first block not handed out (to the worker or to this thread). */
  private nextBlock = 0;
  /** Blocks this thread took (claim()). */
  private readonly claimedHere = new Set<number>();
  readonly blockRows = BLOCK_ROWS;
  /** Why the worker was given up (null while it works or when it finished). */
  failure: string | null = null;
  /** Blocks the worker rendered (for the tests: the two threads' shares). */
  fromWorker = 0;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (m: RowFromWorker) => {
      if (this.ended) return;
      if (m.kind === 'block') {
        this.received.set(m.block, Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength));
        this.held.delete(m.block);
        this.fromWorker++;
        this.handOut();
      } else this.end(m.kind === 'failed' ? `failed: ${m.reason}` : 'an unknown message');
      this.wake();
    });
    worker.on('error', (e) => this.end(`error: ${e instanceof Error ? e.message : String(e)}`));
    worker.on('exit', (code) => this.end(`exit ${code}`));
    // a job never keeps the process alive (a run that fails before the sheet is written just leaves it)
    worker.unref();
  }

  /**
   * Starts a row worker for a sheet of `count` rows (it loads its modules while the sheets before its sheet are
   * written), or null when none is started: fewer than MIN_ROWS rows, no script (the sources without `typescript`), or
   * XCS_WRITE_WORKER=0. The sheet is then written here.
   */
  static start(count: number): RowJob | null {
    if (count < MIN_ROWS) return null;
    const spec = workerSpec();
    if (!spec) return null;
    try {
      return new RowJob(startWorker(spec, { resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 8 } }));
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

  /**
   * The sheet's `count` rows (read from `rows` a block at a time, as blocks are handed out: they are never all in
   * memory), its columns, first data row, widths and style ids (exceljs's, registered on this thread): the worker
   * renders from now on.
   */
  go(rows: Iterable<Value[]>, count: number, cols: Column[], first: number, widths: number[], ids: number[]): void {
    this.source = rows[Symbol.iterator]();
    this.blocks = Math.ceil(count / BLOCK_ROWS);
    this.post({ kind: 'go', cols, first, widths, ids });
    this.handOut();
  }

  /** The next block's rows, read from the source. */
  private pull(): RowBlock | null {
    if (!this.source || this.nextBlock >= this.blocks) return null;
    const rows: Value[][] = [];
    for (let r = this.source.next(); !r.done; r = this.source.next()) {
      rows.push(r.value);
      if (rows.length === BLOCK_ROWS) break;
    }
    this.rowsRead += rows.length;
    return { block: this.nextBlock++, rows };
  }

  /** Whether the source gave exactly the `count` rows go() was told (checked once every block is written). */
  readAsTold(count: number): boolean {
    return this.rowsRead === count && this.source?.next().done === true;
  }

  private handOut(): void {
    while (!this.ended && this.held.size < IN_FLIGHT) {
      const b = this.pull();
      if (!b) break;
      this.held.set(b.block, b.rows);
      this.post({ kind: 'rows', block: b.block, from: b.block * BLOCK_ROWS, rows: b.rows });
    }
    if (this.nextBlock >= this.blocks && this.held.size === 0) this.end(null);
  }

  /** Takes the next block not handed out, for this thread to render; null when none is left. */
  claim(): RowBlock | null {
    const b = this.pull();
    if (!b) return null;
    this.claimedHere.add(b.block);
    if (this.nextBlock >= this.blocks && this.held.size === 0) this.end(null);
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
   * Block `b`'s XML from the worker, once it came (blocks are asked for in order), else what to render here: the
   * block's rows when the worker ended without sending it (`failure` says why), null when this thread claimed it.
   */
  async block(b: number): Promise<Buffer | RowBlock | null> {
    for (;;) {
      const bytes = this.take(b);
      if (bytes) return bytes;
      if (this.claimedHere.has(b)) return null;
      const rows = this.held.get(b);
      if (this.ended) {
        if (rows) return { block: b, rows };
        // not handed out yet: taken from the source now
        return this.claim();
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => this.end(`silent for ${silenceMs} ms`), silenceMs);
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
