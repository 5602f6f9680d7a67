/**
 * The Office.js adapter's pure half: the reads' payload plan (row blocks under Excel on the web's 5 MB limit). The
 * loads → Grid conversion is shared with the WPS host (ops/range-grid.ts) and re-exported here.
 */
export { isDateFormat, localAddress, parseAreas, serialToDate, sheetReadToGrid, type SheetRead } from '../ops/range-grid';

/** Excel on the web refuses a response above 5 MB; a block of cells is read in one request up to this estimate. */
export const PAYLOAD_BUDGET = 4 * 1024 * 1024;
/** Estimated JSON bytes per cell for values + formulas + numberFormat (a short number or text, "General" twice). */
export const BYTES_PER_CELL = 24;

/**
 * Row blocks of a used range for the reads, grouped into requests that stay under the payload budget:
 * requests[i] = the blocks loaded before the i-th sync. A sheet of up to budget/(columns·bytes) rows — 10,000 rows
 * of 17 columns — is one block; only larger ones add requests.
 */
export function planBlocks(sheets: { rows: number; cols: number }[], budget = PAYLOAD_BUDGET, perCell = BYTES_PER_CELL): { sheet: number; top: number; rows: number }[][] {
  const requests: { sheet: number; top: number; rows: number }[][] = [[]];
  let used = 0;
  sheets.forEach((s, i) => {
    if (s.rows <= 0 || s.cols <= 0) return;
    const perRow = s.cols * perCell;
    const blockRows = Math.max(1, Math.floor(budget / perRow));
    for (let top = 0; top < s.rows; top += blockRows) {
      const rows = Math.min(blockRows, s.rows - top);
      const bytes = rows * perRow;
      if (used > 0 && used + bytes > budget) {
        requests.push([]);
        used = 0;
      }
      requests[requests.length - 1]!.push({ sheet: i, top, rows });
      used += bytes;
    }
  });
  return requests;
}
