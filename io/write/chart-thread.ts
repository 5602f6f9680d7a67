/**
 * The bulletin's chart drawn and encoded on another thread: the CLI's read worker, idle once a small run's files are
 * read (the pool hands it over: io/read/pool.ts handOver), draws the chart while this thread writes the sheets.
 *
 * Why not resvg's renderAsync (libuv's thread pool), as before: the PNG is then encoded on this thread (asPng), and on
 * this machine's VM that costs 60–70 ms against ~27 ms on the thread that drew the picture. The encoder's copy of the
 * 8 MB pixmap is fresh memory for this thread (page faults: ~2,300 of them, ~20 µs each here), while on the drawing
 * thread it reuses what the drawing has just freed. Drawn and encoded on one thread, the chart (~130 ms) is no longer
 * the last thing the summary waits for (the sheets: ~110–150 ms).
 *
 *   → prepare                 sent at the hand-over: resvg is loaded now, while this thread consolidates and builds the
 *                             SVG (~20 ms), instead of at the drawing (its binary's first load: ~8–10 ms)
 *   → draw {svg, options}     the SVG to draw and resvg's options (chart-png.ts renderInput: the font's subset files)
 *   ← drawn {png, width, height} | {error}   the PNG's bytes (transferred), or why resvg could not draw it
 *
 * One drawing per thread: the worker is ended as soon as its answer comes back (its memory goes back before the
 * workbook's commit). A worker that dies, errs or answers with an error makes draw() reject: the caller draws on this
 * thread's side as before (renderAsync), the same bytes.
 */
import type { MessagePort, Worker } from 'node:worker_threads';
import { type ResvgModule, loadResvgBinding } from './resvg-binding';

/** How long a drawing may take on the other thread before it is given up (the caller then draws it itself). */
const DRAW_TIMEOUT_MS = 30000;

/** The hand-over's message: load resvg now (a worker that cannot load it says so when asked to draw). */
export interface ChartPrepareJob {
  type: 'prepare';
}

export interface ChartDrawJob {
  type: 'draw';
  svg: string;
  /** resvg's options (plain data). */
  options: object;
}

export type ChartDrawReply = { type: 'drawn'; png: Uint8Array; width: number; height: number } | { type: 'drawn'; error: string };

/** A drawn chart: its PNG and its size in pixels. */
export interface DrawnPng {
  png: Buffer;
  width: number;
  height: number;
}

/** Draws `svg` with resvg's `options` on another thread; rejects when that thread cannot (the caller draws it itself). */
export interface ChartDrawer {
  draw(svg: string, options: object): Promise<DrawnPng>;
}

/** resvg on the drawing thread: loaded once, at the hand-over's `prepare` or else at the drawing. */
let drawing: ResvgModule | undefined;

/** The worker's side of `prepare`: resvg loaded ahead of the drawing (a failure is said when it is asked to draw). */
export function prepareDraw(): void {
  try {
    drawing ??= loadResvgBinding();
  } catch {
    // answerDraw tries again and says why
  }
}

/** The worker's side: draws and encodes in this thread, answers on `port` (the PNG's buffer is handed over). */
export function answerDraw(port: MessagePort, job: ChartDrawJob): void {
  let reply: ChartDrawReply;
  let transfer: ArrayBuffer[] = [];
  try {
    // a native addon, loaded by the one thread that draws
    const { Resvg } = (drawing ??= loadResvgBinding());
    const out = new Resvg(job.svg, job.options).render();
    const png = out.asPng();
    // a Buffer may be a view into a larger pool: the PNG's own bytes are what travels
    const bytes = png.byteOffset === 0 && png.byteLength === png.buffer.byteLength ? new Uint8Array(png.buffer) : new Uint8Array(png);
    reply = { type: 'drawn', png: bytes, width: out.width, height: out.height };
    transfer = [bytes.buffer as ArrayBuffer];
  } catch (err) {
    reply = { type: 'drawn', error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply, transfer);
}

/** This thread's side: one worker that answers `draw` jobs (io/read/worker.ts), used for one drawing, then ended. */
export class ChartThread implements ChartDrawer {
  private worker: Worker | null;

  /** `worker` is told at once to load resvg (its drawing comes once this thread has consolidated and built the SVG). */
  constructor(worker: Worker) {
    this.worker = worker;
    try {
      worker.postMessage({ type: 'prepare' } satisfies ChartPrepareJob);
    } catch {
      // an ended worker: draw() finds out
    }
  }

  draw(svg: string, options: object): Promise<DrawnPng> {
    const w = this.worker;
    this.worker = null;
    if (!w) return Promise.reject(new Error('chart thread already used'));
    // a worker that has already exited would never answer (its threadId is then -1)
    if (w.threadId < 0) return Promise.reject(new Error('chart thread has exited'));
    return new Promise<DrawnPng>((resolve, reject) => {
      const onMessage = (m: ChartDrawReply | { type?: string }) => {
        if (m?.type !== 'drawn') return;
        const r = m as ChartDrawReply;
        if ('error' in r) done(new Error(r.error));
        else done(null, { png: Buffer.from(r.png.buffer, r.png.byteOffset, r.png.byteLength), width: r.width, height: r.height });
      };
      const onError = (err: unknown) => done(err instanceof Error ? err : new Error(String(err)));
      const onExit = (code: number) => done(new Error(`chart thread exited (${code})`));
      const timer = setTimeout(() => done(new Error(`chart thread silent for ${DRAW_TIMEOUT_MS / 1000} s`)), DRAW_TIMEOUT_MS);
      timer.unref();
      const done = (err: Error | null, drawn?: DrawnPng) => {
        clearTimeout(timer);
        w.off('message', onMessage).off('error', onError).off('exit', onExit);
        // its memory goes back now (an 'error' while it ends has nobody to throw to)
        w.on('error', () => undefined);
        void w.terminate().catch(() => undefined);
        if (err) reject(err);
        else resolve(drawn!);
      };
      w.on('message', onMessage).on('error', onError).on('exit', onExit);
      // held while it draws: the run may have nothing else to wait for
      w.ref();
      try {
        w.postMessage({ type: 'draw', svg, options } satisfies ChartDrawJob);
      } catch (err) {
        onError(err);
      }
    });
  }

  /** Ends the worker if it was never asked to draw. */
  close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    return w ? w.terminate().then(() => undefined, () => undefined) : Promise.resolve();
  }
}
