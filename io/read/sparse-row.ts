/**
 * A worksheet row as `worksheetToGrid` (io/grid/exceljs-grid.ts) walks it, for the readers that build their own
 * rows instead of exceljs's: the fast .xlsx reader (fast-xlsx.ts) and the native BIFF8 reader (biff-grid.ts).
 */
export class SparseRow<C> {
  hidden: boolean | undefined = undefined;
  /** cells[c - 1]: the cell of 1-based column c; missing entries are empty cells. */
  cells: (C | undefined)[] = [];
  constructor(readonly number: number) {}
  eachCell(_opts: unknown, fn: (cell: C, col: number) => void): void {
    this.cells.forEach((cell, i) => {
      if (cell) fn(cell, i + 1);
    });
  }
}
