/**
 * A full garbage collection between a run's phases (reading → summary → report), so that the garbage of one phase is
 * not still held when the next one peaks: V8 collects lazily and a 1,300-town run's peak memory is mostly garbage.
 * Best effort: without V8's gc() (other runtimes) it does nothing. A small heap (a county's run) is left to V8: a full
 * collection and the context that exposes gc() cost a few dozen milliseconds there and give back next to nothing.
 *
 * gc() is taken from a new context made while V8's --expose-gc is on; the flag is then turned off again. V8's flags are
 * part of what its code cache is checked against (code-cache.ts): a flag left on at the CLI's exit, where the CLI keeps
 * its code, made a cache that the next run, started without the flag, refused, and every run of a province compiled
 * the CLI again and wrote its cache anew (docs/dev/performance.md, "Eighth pass").
 */
/** Heap in use below which collectGarbage does nothing (bytes). */
const GC_WORTH = 48 * 1024 * 1024;

let gcFn: (() => void) | null | undefined;

export function collectGarbage(): void {
  if (process.memoryUsage().heapUsed < GC_WORTH) return;
  if (gcFn === undefined) {
    gcFn = null;
    try {
      // loaded here: a county's run never needs them
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const v8 = require('node:v8') as typeof import('node:v8');
      v8.setFlagsFromString('--expose-gc');
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const fn = (require('node:vm') as typeof import('node:vm')).runInNewContext('gc') as unknown;
        if (typeof fn === 'function') gcFn = fn as () => void;
      } finally {
        v8.setFlagsFromString('--no-expose-gc');
      }
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
