/**
 * The last step of a run: every output staged (written beside its target under a temporary name and flushed), then
 * all committed together; and what a signal must undo while a run holds locks or temporary files.
 */
import { promises as fsp, rmSync } from 'node:fs';
import { ConsolidationResult, jsonFile, jsonTown, toJsonReport } from '../core';
import { Staged, commitStaged, discardStaged, stageAtomic } from '../io/output/atomic';
import type { PdfBytes } from '../io/write/bulletin-pdf';
import type { BulletinDraft } from '../io/write/bulletin-sheet';
import { collectGarbage } from '../io/runtime/gc';
import { LazyJsonArray, writeJsonFile } from '../io/write/json-stream';
import { summaryWriter } from '../io/write/writer';
import type { RunOptions } from './options';
import type { StageTimer } from './stages';

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

export interface WriteOptions {
  /** The bulletin's PDF, when it was asked for. */
  pdfPath: string | undefined;
  /** The 通报 sheet's content, built once for the summary and the PDF (a draft: the summary's sheets are written while its chart is drawn). */
  bulletin: BulletinDraft;
  /** The PDF being made (LibreOffice converts while the summary and the JSON are written). */
  making: Promise<PdfBytes> | undefined;
  stage: StageTimer;
}

/** The outputs of one run: staged one by one, committed together, or discarded when the run stops on the way. */
export class RunOutputs {
  private readonly staged: Staged[] = [];
  private readonly undo = () => {
    for (const s of this.staged) rmSync(s.tmp, { force: true });
  };

  /**
   * Writes the summary, the JSON report (a big summary's at the same time) and the PDF (when it was asked for and could
   * be made); returns why the summary's chart could not be drawn (or null) and the PDF's outcome. A failure of the
   * summary is told before one of the JSON's (a full disk names the summary first); commit order: old PDF and JSON
   * removed, summary renamed into place, then the PDF, the JSON last — a JSON or PDF beside the summary is always from
   * the same run.
   */
  async write(
    result: ConsolidationResult,
    o: RunOptions,
    { pdfPath, bulletin, making, stage }: WriteOptions,
  ): Promise<{ chartProblem: string | null; made: PdfBytes | undefined }> {
    const staged = this.staged;
    pending.add(this.undo);
    collectGarbage();
    let chartProblem: string | null = null;
    // each temporary file is listed before it is created, so that an interruption removes it. A big summary's JSON is
    // written while the summary is: its pieces are made in the turns the summary's thread would wait in (the row
    // worker's blocks, the zip's deflate on libuv's pool; docs/dev/performance.md, "Eleventh pass"); a small one's after
    const together = summaryWriter().isBigSummary(result);
    const summary = stage.time('summary', () =>
      stageAtomic(o.out, async (tmp) => {
        staged.push({ target: o.out, tmp });
        chartProblem = (await summaryWriter().writeSummaryWorkbook(result, tmp, { county: o.county, bulletin })).chartProblem;
      }),
    );
    if (!together) await summary;
    const file = o.json;
    // written piece by piece, its files and towns made one at a time as they are written: the same text as
    // toJsonReport's, far less of it in memory at once (a province's report is tens of MB)
    const json = file
      ? stage.time('json', () =>
          stageAtomic(file, (tmp) => {
            staged.push({ target: file, tmp });
            const report = {
              ...toJsonReport({ ...result, files: [], towns: [] }),
              files: new LazyJsonArray(result.files, jsonFile),
              towns: new LazyJsonArray(result.towns, jsonTown),
            };
            return writeJsonFile(tmp, report);
          }),
        )
      : undefined;
    // both are waited for (nothing is left writing); a failure of the summary is the one told
    const [s, j] = await Promise.allSettled([summary, json]);
    if (s.status === 'rejected') throw s.reason;
    if (j.status === 'rejected') throw j.reason;
    const made = making ? await stage.time('pdf-wait', () => making) : undefined;
    if (pdfPath && made?.ok) {
      await stageAtomic(pdfPath, (tmp) => (staged.push({ target: pdfPath, tmp }), fsp.writeFile(tmp, made.bytes, { flag: 'wx' })));
    }
    // the summary first (commitStaged's primary), then the PDF, the JSON last
    const order = (t: string) => (t === o.out ? 0 : t === pdfPath ? 1 : 2);
    staged.sort((a, b) => order(a.target) - order(b.target));
    await commitStaged(staged, pdfPath && !made?.ok ? [pdfPath] : []);
    staged.length = 0;
    return { chartProblem, made };
  }

  /** Removes what was staged and not committed (the run stopped on the way); nothing when all was committed. */
  async discard(): Promise<void> {
    await discardStaged(this.staged);
    pending.delete(this.undo);
  }
}
