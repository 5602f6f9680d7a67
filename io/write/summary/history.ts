/**
 * 走势 and 督办清单 (--history): written by ../history-sheets.ts (its own small layout), nothing without a history;
 * 走势's line chart is added to the file once the workbook is written (../xlsx-chart.ts post-processes the zip).
 */
import { SUMMARY_SHEET } from '../../../core/labels';
import { addTrendChart, writeHistorySheets } from '../history-sheets';
import { type Ctx, footerLeft, stampOf } from './context';
import type { SummarySheet, Workbook } from './sheet';

async function writeHistory(wb: Workbook, ctx: Ctx): Promise<void> {
  writeHistorySheets(wb, ctx.result, { county: ctx.county, footer: footerLeft(ctx) });
}

export const historySheets: SummarySheet = {
  name: SUMMARY_SHEET.trend,
  optional: true,
  write: writeHistory,
  afterCommit: (outPath, ctx) => addTrendChart(outPath, ctx.result, stampOf(ctx)),
};
