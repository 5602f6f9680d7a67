/**
 * The last step of a run: every output staged (written beside its target under a temporary name and flushed), then
 * all committed together; and what a signal must undo while a run holds locks or temporary files.
 */
import { promises as fsp, rmSync } from 'node:fs';
import { ConsolidationResult, jsonFile, jsonTown, toJsonReport } from '../core';
import { Staged, commitStaged, discardStaged, stageAtomic } from '../io/output/atomic';
import type { makeBulletinPdf } from '../io/write/bulletin-pdf';
import { LazyJsonArray, writeJsonFile } from '../io/write/json-stream';
import { writeSummaryWorkbook } from '../io/write/summary-workbook';
import type { RunOptions } from './options';

/** What a run has on disk that is not yet final (locks, staged temporary files): undone on SIGINT/SIGTERM. */
export const pending = new Set<() => void>();

/** Removes this process's locks and temporary files at once (a signal is ending the process). */
export function abandonPending(): void {
  for (const undo of [...pending]) {
    try {
      undo();
    } catch {
      /* best effort */
    }
  }
  pending.clear();
}

type MadePdf = Awaited<ReturnType<typeof makeBulletinPdf>>;

/** The outputs of one run: staged one by one, committed together, or discarded when the run stops on the way. */
export class RunOutputs {
  private readonly staged: Staged[] = [];
  private readonly undo = () => {
    for (const s of this.staged) rmSync(s.tmp, { force: true });
  };

  /**
   * Writes the summary, the PDF (already made, when it was asked for and could be) and the JSON report; returns why
   * the summary's chart could not be drawn, or null. Commit order: old PDF and JSON removed, summary renamed into
   * place, then the PDF, the JSON last — a JSON or PDF beside the summary is always from the same run.
   */
  async write(result: ConsolidationResult, o: RunOptions, pdfPath: string | undefined, made: MadePdf | undefined): Promise<string | null> {
    const staged = this.staged;
    pending.add(this.undo);
    collectGarbage();
    let chartProblem: string | null = null;
    // each temporary file is listed before it is created, so that an interruption removes it
    await stageAtomic(o.out, async (tmp) => {
      staged.push({ target: o.out, tmp });
      chartProblem = (await writeSummaryWorkbook(result, tmp, { county: o.county })).chartProblem;
    });
    collectGarbage(); // the writer's buffers, before the report is built
    if (pdfPath && made?.ok) {
      await stageAtomic(pdfPath, (tmp) => (staged.push({ target: pdfPath, tmp }), fsp.writeFile(tmp, made.bytes, { flag: 'wx' })));
    }
    if (o.json) {
      // written piece by piece, its files and towns made one at a time as they are written: the same text as
      // toJsonReport's, far less of it in memory at once (a province's report is tens of MB)
      const report = {
        ...toJsonReport({ ...result, files: [], towns: [] }),
        files: new LazyJsonArray(result.files, jsonFile),
        towns: new LazyJsonArray(result.towns, jsonTown),
      };
      const json = o.json;
      await stageAtomic(json, (tmp) => (staged.push({ target: json, tmp }), writeJsonFile(tmp, report)));
    }
    await commitStaged(staged, pdfPath && !made?.ok ? [pdfPath] : []);
    staged.length = 0;
    return chartProblem;
  }

  /** Removes what was staged and not committed (the run stopped on the way); nothing when all was committed. */
  async discard(): Promise<void> {
    await discardStaged(this.staged);
    pending.delete(this.undo);
  }
}

/**
 * A full garbage collection between the run's phases (reading → summary → report), so that the garbage of one phase
 * is not still held when the next one peaks: V8 collects lazily and a 1,300-town run's peak memory is mostly garbage.
 * Best effort: without V8's gc() (other runtimes) it does nothing.
 */
let gcFn: (() => void) | null | undefined;
export function collectGarbage(): void {
  if (gcFn === undefined) {
    gcFn = null;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const v8 = require('node:v8') as typeof import('node:v8');
      v8.setFlagsFromString('--expose-gc');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const fn = (require('node:vm') as typeof import('node:vm')).runInNewContext('gc') as unknown;
      if (typeof fn === 'function') gcFn = fn as () => void;
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
