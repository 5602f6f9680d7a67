/**
 * A sheet of the summary workbook: its name and the function that writes it into the streaming workbook (the
 * engine, ../xlsx/, does the formatting). The workbook's sheets and their order are the list in ./sheets.ts: a new
 * sheet is a new file here and one line there.
 */
import type * as ExcelJS from 'exceljs';
import type { Ctx } from './context';

export type Workbook = ExcelJS.stream.xlsx.WorkbookWriter;

export interface SummarySheet {
  /** The sheet's name (the first one, for an entry that writes more than one: 走势 and 督办清单). */
  readonly name: string;
  /** Written only for some results (--history): not one of core SUMMARY_SHEET_ORDER. */
  readonly optional?: boolean;
  /** Starts work on another thread once the chart is drawn, before the sheets after 通报 (a big sheet's rows: xlsx/row-thread.ts). */
  start?(ctx: Ctx): void;
  write(wb: Workbook, ctx: Ctx): Promise<void>;
  /**
   * Runs after every sheet is written, before the commit: false when what the sheet wrote no longer holds (通报 laid
   * out for a chart whose drawing then failed), and the workbook is written again.
   */
  beforeCommit?(wb: Workbook, ctx: Ctx): Promise<boolean>;
  /** Runs on the written file, after the workbook is committed (走势's native chart). */
  afterCommit?(outPath: string, ctx: Ctx): Promise<void>;
}
