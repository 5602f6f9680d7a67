/**
 * One read worker started at the very top of the CLI, before the CLI's own modules load (~0.3 s of the main thread:
 * the core, zod, commander, the writer's parts), so that the worker loads its modules on the other core meanwhile
 * and the first file is read as soon as the folder is scanned. The pool (pool.ts) adopts it for its first slot.
 *
 * Kept tiny on purpose: this module imports only node's own modules, so that starting the worker costs the main
 * thread nothing it would not pay anyway. Only the built code has a worker script to start (dist/io/read/worker.js);
 * under the TypeScript sources (tests) nothing is started and the pool spawns its workers as before.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

/** The worker's heap limit: the pool's default (maxOldGenerationSizeMb); the pool adopts only a worker of its own limit. */
export const PRESTART_HEAP_MB = 1024;
/**
 * The prestarted worker's young generation, MB (V8's default would let it grow to tens of MB). In a county's run it is
 * the only worker, and it lives on to draw the bulletin's chart (cli/run.ts): each MB it does not grow is memory the
 * run never touches, and its peak is the run's (~6 MB lower than with V8's default). Its garbage is one small file's at
 * a time, so a small young generation keeps up.
 */
export const PRESTART_YOUNG_MB = 2;
/**
 * The young generation of a read worker the pool starts itself (a larger run's workers; a replacement). A province's
 * files are larger: with 2 MB, what one file's parse holds at once outlives scavenges, is copied and promoted, and the
 * worker spends a fifth of its time collecting; 8 MB read the province ~0.4–1 s sooner (docs/dev/performance.md,
 * "Seventh pass"), 16 MB no sooner. So a large run (cli/run.ts) ends the prestarted worker unused (dropPrestarted) and
 * starts its workers with this.
 */
export const READ_WORKER_YOUNG_MB = 8;

export interface Prestarted {
  worker: Worker;
  file: string;
  heapMb: number;
  /** Settles when the worker says it is ready (or fails to boot). */
  ready: Promise<void>;
  /** Set when the worker has exited (then it is not adopted). */
  exited: boolean;
}

/**
 * The prestarted worker, kept on the global object: the CLI's launcher (tools/build/bundle.ts) starts it with its own
 * copy of this module before the CLI's bundle is even read, and the bundle's copy (the pool's) adopts it.
 */
const SPARE = Symbol.for('xcs-weekly.prestarted-read-worker');
const holder = globalThis as { [SPARE]?: Prestarted | null };

/** Starts one read worker now (idempotent); does nothing when there is no built worker script. */
export function prestartReadWorker(dir: string = __dirname): void {
  if (holder[SPARE]) return;
  const file = path.join(dir, 'worker.js');
  if (!existsSync(file)) return;
  let worker: Worker;
  try {
    worker = new Worker(file, { resourceLimits: { maxOldGenerationSizeMb: PRESTART_HEAP_MB, maxYoungGenerationSizeMb: PRESTART_YOUNG_MB } });
  } catch {
    return;
  }
  const p: Prestarted = { worker, file, heapMb: PRESTART_HEAP_MB, ready: Promise.resolve(), exited: false };
  p.ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (msg: { type?: string; message?: string }) => {
      if (msg?.type === 'ready') resolve();
      else if (msg?.type === 'boot-failed') reject(new Error(msg.message ?? 'boot failed'));
    });
    // an 'error' with no listener would throw in this thread; the pool's own listeners take over once adopted
    worker.on('error', (err) => reject(err));
    worker.on('exit', (code) => {
      p.exited = true;
      reject(new Error(`exit ${code}`));
    });
  });
  // never keeps the process alive (a run that ends early, e.g. on a bad argument, just exits); after the listeners,
  // which would otherwise hold it
  worker.unref();
  p.ready.catch(() => undefined);
  holder[SPARE] = p;
}

/** The prestarted worker for `file` with heap limit `heapMb`, handed over once; null when none is alive. */
export function takePrestarted(file: string, heapMb: number): Prestarted | null {
  const p = holder[SPARE];
  if (!p || p.exited || p.file !== file || p.heapMb !== heapMb) return null;
  holder[SPARE] = null;
  return p;
}

/** Ends a prestarted worker nobody adopted (the pool's close(); a large run, before its first file). */
export function dropPrestarted(): void {
  const p = holder[SPARE];
  holder[SPARE] = null;
  if (p && !p.exited) void p.worker.terminate().catch(() => undefined);
}
