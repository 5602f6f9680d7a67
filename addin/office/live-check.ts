/// <reference types="office-js" />
/**
 * 边改边查: where Excel has change events (Worksheet.onChanged, ExcelApi 1.7), an edit in a town sheet re-checks that
 * sheet after a short pause and the pane's list is redrawn without a click. A re-check reads only the sheet that
 * changed — ops/operations.ts's readWorkbook(…, only) on the Office host is 3 context.sync() calls whatever its rows — and puts it beside the other sheets'
 * grids from the last full read, so the town result (and every problem's cell) is the core's, as after 校验.
 * Edits that follow each other within the pause give one re-check. Nothing here writes to the workbook.
 */
import type { Grid } from '../../core/grid';
import { isAddinSheet, townReport, type TownReport } from '../../core/addin-sheets';
import { readWorkbook, todayIso } from '../ops/operations';
import { officeHost } from './office-host';

type Ctx = Excel.RequestContext;

export interface LiveCheckOptions {
  /** Excel.run, or the test's fake. `context` is the one a handler was added with (Office.js removes it there). */
  run: <T>(fn: (ctx: Ctx) => Promise<T>, context?: unknown) => Promise<T>;
  fileName: () => string;
  /** The new result after a re-check of `sheet`. */
  onUpdate: (report: TownReport, sheetOrder: string[], sheet: string) => void;
  onError?: (err: unknown) => void;
  today?: () => string;
  /** Pause after the last edit before re-checking (ms). */
  delayMs?: number;
}

/** Pause after the clerk's last keystroke-commit before the sheet is read again. */
export const LIVE_DELAY_MS = 1200;

interface Handler {
  remove: () => void;
  context?: unknown;
}

export class LiveCheck {
  private grids = new Map<string, Grid>();
  private order: string[] = [];
  private handlers: Handler[] = [];
  private timers = new Map<string, ReturnType<typeof setTimeout>>();
  private running: Promise<void> = Promise.resolve();
  /** The workbook's sheet order at the last read (for the list's grouping). */
  get sheetOrder(): string[] {
    return this.order;
  }

  /** Re-checks done (for the tests and the status line). */
  rechecks = 0;
  active = false;

  constructor(private readonly opts: LiveCheckOptions) {}

  /** Reads the whole workbook once, shows its result and listens to every visible town sheet. */
  async start(): Promise<TownReport> {
    await this.stop();
    const wb = await this.opts.run((ctx) => readWorkbook(officeHost(ctx)));
    this.grids = new Map(wb.grids.map((g) => [g.sheet, g]));
    this.order = wb.sheets.map((s) => s.name);
    const watched = wb.sheets.filter((s) => s.visibility === 'Visible' && !isAddinSheet(s.name)).map((s) => s.name);
    this.handlers = await this.opts.run(async (ctx) => {
      const added = watched.map((name) => ctx.workbook.worksheets.getItem(name).onChanged.add(async () => this.changed(name)));
      await ctx.sync();
      return added as unknown as Handler[];
    });
    this.active = true;
    return this.report();
  }

  /** Stops listening; a pending re-check is dropped. */
  async stop(): Promise<void> {
    this.active = false;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    const hs = this.handlers;
    this.handlers = [];
    for (const h of hs) {
      await this.opts.run(async (ctx) => {
        h.remove();
        await ctx.sync();
      }, h.context).catch(() => undefined); // the workbook may already be closed
    }
  }

  private report(): TownReport {
    const grids = this.order.flatMap((n) => (this.grids.has(n) ? [this.grids.get(n)!] : []));
    return townReport(this.opts.fileName(), grids, (this.opts.today ?? todayIso)());
  }

  /** An edit in `sheet`: (re)starts its pause. */
  changed(sheet: string): void {
    if (!this.active) return;
    const prev = this.timers.get(sheet);
    if (prev) clearTimeout(prev);
    this.timers.set(sheet, setTimeout(() => {
      this.timers.delete(sheet);
      // one re-check at a time, in the order the pauses ended
      this.running = this.running.then(() => this.recheck(sheet));
    }, this.opts.delayMs ?? LIVE_DELAY_MS));
  }

  /** Settles when every pause has ended and its re-check is done (tests, and stop before a full 校验). */
  async idle(): Promise<void> {
    while (this.timers.size) await new Promise((r) => setTimeout(r, (this.opts.delayMs ?? LIVE_DELAY_MS) / 2 + 1));
    await this.running;
  }

  private async recheck(sheet: string): Promise<void> {
    if (!this.active) return;
    try {
      const wb = await this.opts.run((ctx) => readWorkbook(officeHost(ctx), [], [sheet]));
      this.order = wb.sheets.map((s) => s.name);
      const g = wb.grids.find((x) => x.sheet === sheet);
      if (g) this.grids.set(sheet, g);
      else this.grids.delete(sheet); // deleted or hidden since
      this.rechecks++;
      if (this.active) this.opts.onUpdate(this.report(), this.order, sheet);
    } catch (err) {
      this.opts.onError?.(err);
    }
  }
}
