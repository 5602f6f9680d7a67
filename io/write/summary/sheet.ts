/**
 * A sheet of the summary workbook: its name and the function that writes it into the streaming workbook (the
 * engine, ../xlsx/, does the formatting). The workbook's sheets and their order are the list in ./sheets.ts: a new
 * sheet is a new file here and one line there.
 */
import type * as ExcelJS from 'exceljs';
import type { Ctx } from './context';

export type Workbook = ExcelJS.stream.xlsx.WorkbookWriter;

export interface SummarySheet {
  readonly name: string;
  write(wb: Workbook, ctx: Ctx): Promise<void>;
}
