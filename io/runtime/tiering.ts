/**
 * When V8 optimises a function. V8 runs a function in its interpreter (and Sparkplug's baseline code) and, once the
 * function has run enough bytecode (its interrupt budget, spent a few times over), compiles it with TurboFan on a
 * background thread. The default budget suits a long-lived server; a run of ours is short: on a county's run TurboFan
 * compiled ~0.3 s of CPU of functions (4 background threads, on a machine of 2 cores) that each ran a few milliseconds
 * more at best. A larger budget leaves TurboFan the functions that are hot for longer: the province's loops are still
 * optimised, later, and the province ran no slower (docs/dev/performance.md, "Ninth pass").
 *
 * Called first by the CLI's launcher when node runs it (tools/build/bundle.ts), before anything of ours is compiled.
 * V8's flags are the process's, so the read worker and the row workers run under the same budget. The read worker's
 * own launcher leaves them alone: a process that only uses our worker (a test, a tool) keeps its own. Flags are part
 * of what V8 checks a code cache against (code-cache.ts): this sets the same value on every run, before a cache is
 * read or made.
 *
 * Node's own modules only (it runs before the bundle).
 */
import { setFlagsFromString } from 'node:v8';

/** V8's default interrupt budget (V8 11.3, node 20: `node --v8-options`), in bytes of bytecode run. */
export const V8_DEFAULT_INTERRUPT_BUDGET = 66 * 1024;
/** Ours: 16 times V8's (8, 32 and 64 times measured the same on the sample county: "Ninth pass"). */
export const INTERRUPT_BUDGET = 16 * V8_DEFAULT_INTERRUPT_BUDGET;
/**
 * The V8s this was measured on: node 20's (11.x). Another V8 (node 22 and later) keeps its own tiering: its defaults
 * differ (Maglev between the interpreter and TurboFan), and a flag it did not know would print an error on every run.
 */
const MEASURED_V8 = /^11\./;

/**
 * The flag tuneTiering sets, or null: another V8 than the one measured, or node started with a budget of its own (a
 * developer's `node --interrupt-budget=…`, kept).
 */
export function tieringFlag(execArgv: readonly string[], v8Version: string): string | null {
  if (!MEASURED_V8.test(v8Version)) return null;
  if (execArgv.some((a) => /^--interrupt[-_]budget(=|$)/.test(a))) return null;
  return `--interrupt-budget=${INTERRUPT_BUDGET}`;
}

/** Sets V8's interrupt budget for this process (tieringFlag). */
export function tuneTiering(): void {
  const flag = tieringFlag(process.execArgv, process.versions.v8);
  if (!flag) return;
  try {
    setFlagsFromString(flag);
  } catch {
    // a runtime without V8's flags: its own defaults
  }
}
