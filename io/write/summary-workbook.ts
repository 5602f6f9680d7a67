/**
 * The county summary workbook (县级汇总表) that county leaders read and print.
 *
 * It renders a ConsolidationResult and nothing else: every figure comes from the result; the sheets only format
 * (number formats, 红/黄/绿 text, the sign of 「低于序时」, ordering red before yellow). No cell is ever a formula: town
 * text that starts with = + - @ is written as a plain string.
 *
 * Layout of the writer (docs/dev/performance.md says why):
 *   - ./xlsx/: the engine — the stamped streaming workbook, the styles, column widths and row heights, and the sheet
 *     writer (title, headers, frozen panes, print setup, data rows written as XML directly, conditional formats);
 *   - ./summary/: one file per sheet (what each sheet holds), listed in order in summary/sheets.ts;
 *   - this file: the entry points (the whole summary; the 通报 sheet alone for the PDF).
 *
 * Written with exceljs's streaming writer (the document writer is superlinear; a province run has ~60,000 project rows):
 * each sheet's columns, views and page setup are fixed before its first row, rows are committed as they are written and
 * each sheet is committed before the next one starts.
 */
import type * as ExcelJS from 'exceljs';
import type { ConsolidationResult } from '../../core/types';
import { writeBulletinWorkbook, BulletinDraft, BulletinSheetInput } from './bulletin-sheet';
import { loadWorkbookWriter, outputFailure, stampedWorkbookWriter } from './xlsx/workbook';
import { MIN_ROWS as ROW_WORKER_MIN_ROWS } from './xlsx/row-thread';
import { SummaryOptions, context, footerLeft, stampOf } from './summary/context';
import { SUMMARY_SHEET_LIST } from './summary/sheets';
import { chartFont, resvg } from './chart-png';
import { prepareSubsetNames } from './chart-font';

export type { SummaryOptions } from './summary/context';
export type { BulletinDraft } from './bulletin-sheet';
export { sourceText } from './summary/context';
export { HEADER_ROW } from './xlsx/sheet-writer';
export { NUMFMT } from './xlsx/styles';
export { amountWidth, displayWidth } from './xlsx/widths';

/** A summary of this many data rows or more is written with larger pieces between the sheets, the zip and its deflate. */
const BIG_ROWS = 10000;

/** The summary's data rows (项目明细 and 主要指标): BIG_ROWS or more make a big summary. */
const dataRows = (towns: ConsolidationResult['towns']): number => towns.reduce((n, t) => n + t.projectList.length + (t.indicators?.length ?? 0), 0);

/**
 * A big summary streams to its file while its sheets are written, and its thread waits between pieces (the row
 * workers' blocks, the deflate on libuv's pool): the command writes the JSON report meanwhile (cli/outputs.ts). A
 * small one is zipped in memory and written at its end, after the report.
 */
export function isBigSummary(result: ConsolidationResult): boolean {
  return dataRows(result.towns) >= BIG_ROWS;
}

/** The 通报 sheet's content for `result`: the bulletin, its chart and the page footer (built once; pass it on as opts.bulletin). */
export function bulletinInput(result: ConsolidationResult, opts: SummaryOptions = {}): Promise<BulletinSheetInput> {
  return context(result, opts).bulletinDraft().input;
}

/** The same while its chart is drawn: pass it on as opts.bulletin, and the summary's sheets are written meanwhile. */
export function bulletinDraft(result: ConsolidationResult, opts: SummaryOptions = {}): BulletinDraft {
  return context(result, opts).bulletinDraft();
}

/**
 * Loads what writing needs (exceljs, resvg and the chart's font) ahead of time: the command calls it while the
 * workers read the towns' files, when this thread has nothing else to do, so the modules are not loaded before the
 * first file is read, nor after the last one. `chartElsewhere`: the chart will be drawn on another thread (a county's
 * read worker), which loads resvg itself; this thread then does not (its memory and its ~20 ms).
 */
export function preloadWriter(opts: { chartElsewhere?: boolean } = {}): void {
  loadWorkbookWriter();
  if (!opts.chartElsewhere) resvg();
  chartFont();
  prepareSubsetNames();
}

/** A workbook holding only the 通报 sheet (what the bulletin's PDF is converted from). */
export async function writeBulletinOnly(result: ConsolidationResult, outPath: string, opts: SummaryOptions = {}): Promise<void> {
  const ctx = context(result, opts);
  await writeBulletinWorkbook(outPath, await ctx.bulletinDraft().input, stampOf(ctx));
}

/**
 * Writes the county summary workbook for `result` to `outPath` (.xlsx). Sheets: summary/sheets.ts, i.e. core SUMMARY_SHEET_ORDER (汇总概览,
 * 通报, 项目明细, 滞后项目, 存在问题, 主要指标, 扩权事项, 报送情况) with 走势 and 督办清单 after 通报 when the result has a history. The same result always gives the same cell contents (the workbook's dates come from result.asOf).
 */
export async function writeSummaryWorkbook(
  result: ConsolidationResult,
  outPath: string,
  opts: SummaryOptions = {},
): Promise<{ chartProblem: string | null }> {
  const ctx = context(result, opts);
  // the chart is drawn on the thread pool while the sheets are written (summary/bulletin.ts)
  const bulletin = ctx.bulletinDraft().input;
  bulletin.catch(() => undefined);
  const rows = dataRows(ctx.towns);
  const wb = stampedWorkbookWriter({ filename: outPath, useStyles: true, useSharedStrings: false }, stampOf(ctx), rows >= BIG_ROWS);
  wb.creator = 'xcs-weekly';
  wb.lastModifiedBy = 'xcs-weekly';
  wb.title = footerLeft(ctx);
  // a big summary streams into its file: a full disk half-way ends the writing with that error (whatever was waiting
  // for the zip is left; the row workers do not hold the process)
  return Promise.race([writeSheets(wb, ctx, bulletin, rows, result, outPath, opts), outputFailure(wb)]);
}

async function writeSheets(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  ctx: ReturnType<typeof context>,
  bulletin: ReturnType<ReturnType<typeof context>['bulletinDraft']>['input'],
  rows: number,
  result: ConsolidationResult,
  outPath: string,
  opts: SummaryOptions,
): Promise<{ chartProblem: string | null }> {
  // the big sheets' row workers (xlsx/row-thread.ts) start once the chart is drawn (a first run's font subsetting and a
  // row worker together would peak ~40 MB higher), then the sheets are written in order; a summary too small for a
  // row worker (a county's) does not wait for the chart: its sheets are written while it is drawn
  const chartFirst = rows >= ROW_WORKER_MIN_ROWS ? bulletin : Promise.resolve();
  const started = chartFirst.then(
    () => undefined,
    () => undefined,
  ).then(() => {
    for (const sheet of SUMMARY_SHEET_LIST) sheet.start?.(ctx);
  });
  for (const sheet of SUMMARY_SHEET_LIST) {
    if (sheet.start) await started;
    await sheet.write(wb, ctx);
  }
  // the 通报 sheet's picture (drawn meanwhile) goes in; a sheet that no longer holds has the workbook written again
  let stands = true;
  for (const sheet of SUMMARY_SHEET_LIST) if (sheet.beforeCommit && !(await sheet.beforeCommit(wb, ctx))) stands = false;
  await wb.commit();
  if (!stands) return writeSummaryWorkbook(result, outPath, { ...opts, bulletin: await bulletin });
  for (const sheet of SUMMARY_SHEET_LIST) await sheet.afterCommit?.(outPath, ctx);
  const png = (await bulletin).chart.png;
  return { chartProblem: png.ok ? png.warning ?? null : png.reason };
}
