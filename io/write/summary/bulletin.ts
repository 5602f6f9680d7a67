/**
 * 通报: the bulletin county leaders read first, with its chart (the layout is ../bulletin-sheet.ts, shared with the
 * PDF). Its content is built once per run (ctx.bulletin) and its chart drawn in the background while 汇总概览 is
 * written.
 */
import { writeBulletinSheet } from '../bulletin-sheet';
import { SUMMARY_SHEET } from '../../../core/labels';
import type { Ctx } from './context';
import type { SummarySheet, Workbook } from './sheet';

async function writeBulletin(wb: Workbook, ctx: Ctx): Promise<void> {
  writeBulletinSheet(wb, await ctx.bulletin());
}

export const bulletinSheet: SummarySheet = { name: SUMMARY_SHEET.bulletin, write: writeBulletin };
