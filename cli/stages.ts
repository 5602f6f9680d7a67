/**
 * Timing marks of one run, for the benchmark and for profiling: with XCS_STAGES=<file> set, the run writes there
 * (JSON) how long each of its stages took, in seconds, and when node had started it (`startup`: the process's age
 * when the run began: node itself and the modules loaded before the first line of the run). Nothing is written
 * without the variable; the marks cost a clock read each.
 */
import { writeFileSync } from 'node:fs';

export interface StageTimer {
  /** Closes the stage that ran since the previous mark (or the start) under `name`. */
  mark(name: string): void;
  /** Times `fn` as the stage `name` (stages may overlap: the JSON is written while the chart is drawn). */
  time<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Writes the figures to XCS_STAGES, when set. */
  report(): void;
}

export function stageTimer(env: NodeJS.ProcessEnv = process.env): StageTimer {
  const startup = process.uptime();
  const t0 = performance.now();
  let last = t0;
  const stages: Record<string, number> = {};
  const add = (name: string, ms: number) => (stages[name] = Math.round(((stages[name] ?? 0) + ms / 1000) * 1000) / 1000);
  return {
    mark(name) {
      const now = performance.now();
      add(name, now - last);
      last = now;
    },
    async time(name, fn) {
      const start = performance.now();
      try {
        return await fn();
      } finally {
        const now = performance.now();
        add(name, now - start);
        last = now;
      }
    },
    report() {
      const file = env.XCS_STAGES;
      if (!file) return;
      const total = Math.round((performance.now() - t0) / 1000 * 1000) / 1000;
      try {
        writeFileSync(file, JSON.stringify({ startup: Math.round(startup * 1000) / 1000, ...stages, run: total }) + '\n');
      } catch {
        /* only figures */
      }
    },
  };
}
