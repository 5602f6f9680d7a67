/**
 * 通报: the bulletin county leaders read first, with its chart (the layout is ../bulletin-sheet.ts, shared with the
 * PDF). Its content is built once per run (ctx.bulletinDraft). The sheet is written as soon as the chart's outcome is
 * expected (resvg loaded, its font checked), while the chart is drawn on the thread pool; the picture's PNG goes in
 * before the workbook's commit, and the other sheets are written meanwhile. A chart whose drawing fails after all
 * makes the workbook be written again with the sheet as that outcome lays it out.
 */
import { type BulletinPicture, settlePicture, writeBulletinSheet } from '../bulletin-sheet';
import { SUMMARY_SHEET } from '../../../core/labels';
import type { Ctx } from './context';
import type { SummarySheet, Workbook } from './sheet';

/** The picture written from the draft, per workbook being written (its context). */
const pictures = new WeakMap<Ctx, BulletinPicture | null>();

async function writeBulletin(wb: Workbook, ctx: Ctx): Promise<void> {
  const draft = ctx.bulletinDraft();
  if (draft.early) pictures.set(ctx, writeBulletinSheet(wb, draft.early));
  else writeBulletinSheet(wb, await draft.input);
}

async function beforeCommit(_wb: Workbook, ctx: Ctx): Promise<boolean> {
  if (!pictures.has(ctx)) return true;
  const picture = pictures.get(ctx) ?? null;
  pictures.delete(ctx);
  return settlePicture(ctx.bulletinDraft(), picture);
}

export const bulletinSheet: SummarySheet = { name: SUMMARY_SHEET.bulletin, write: writeBulletin, beforeCommit };
