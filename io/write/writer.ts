/**
 * The summary writer (summary-workbook.ts and all it loads: exceljs's streaming writer, resvg, the sheets, about 200
 * modules), loaded on first use. A run reads the towns' files before it writes anything: loading the writer at
 * start-up would put those modules in front of the first file read. The CLI calls `summaryWriter().preloadWriter()`
 * while the read worker works, so the writer is loaded when the reading is done, off the critical path.
 */
import type * as SummaryWorkbook from './summary-workbook';

export function summaryWriter(): typeof SummaryWorkbook {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./summary-workbook') as typeof SummaryWorkbook;
}
