/**
 * Reading a workbook the user dropped or picked, in the browser (the page outside Office, and 汇总多个文件): the
 * browser guards (size, .xls / encrypted / not a workbook, in Chinese), then exceljs's browser build and the same
 * worksheet → Grid conversion as the Node reader (io/grid/exceljs-grid.ts).
 */
import ExcelJS from 'exceljs';
import type { SourceFile } from '../../core/consolidate';
import type { Grid } from '../../core/grid';
import {
  IGNORE_NODES, SheetPartError, type Budget, installReadHooks, precheckBrowserBytes, readFailedFailure, tooLargeFileFailure,
  tooManyMessage, worksheetToGrid,
} from '../../io/grid/exceljs-grid';

/** The browser holds the whole file in memory: a town's weekly report is far below this. */
export const BROWSER_MAX_BYTES = 20 * 1024 * 1024;
// the same cell budget as the Node reader (read-workbook.ts DEFAULT_READ_OPTIONS): far above a weekly report, far below what
// exhausts a task pane's memory
const LIMITS = { maxRows: 100000, maxCols: 1000, maxCells: 300000, maxTotalChars: 50000000 };

function reason(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err);
  return (m.split('\n')[0] ?? '').slice(0, 80) || '解析失败';
}

/** Bytes of one file → its grids, or why not (a Chinese message). Never throws. */
export async function readWorkbookBytes(fileName: string, bytes: Uint8Array, maxBytes = BROWSER_MAX_BYTES): Promise<SourceFile> {
  const pre = precheckBrowserBytes(bytes, fileName, maxBytes);
  if (pre) return { file: fileName, ...pre };
  try {
    const wb = new ExcelJS.Workbook();
    const hooks = installReadHooks(wb);
    await wb.xlsx.load(bytes as unknown as ArrayBuffer, { ignoreNodes: IGNORE_NODES, maxRows: LIMITS.maxRows, maxCols: LIMITS.maxCols } as never);
    const grids: Grid[] = [];
    const budget: Budget = { cells: 0, chars: 0 };
    for (const ws of wb.worksheets) {
      const g = worksheetToGrid(ws, hooks.mergesOf(ws), ExcelJS.ValueType, LIMITS, budget);
      if ('ok' in g) return { file: fileName, ...g };
      grids.push(g);
    }
    return { file: fileName, ok: true, grids };
  } catch (err) {
    if (err instanceof SheetPartError) {
      const m = /Max (row|column) count \((\d+)\) exceeded/.exec(err.message);
      if (m) return { file: fileName, ...tooManyMessage(err.part, m[1] === 'row' ? 'rows' : 'cols', undefined, m[1] === 'row' ? LIMITS.maxRows : LIMITS.maxCols) };
      return { file: fileName, ...readFailedFailure(reason(err.inner)) };
    }
    return { file: fileName, ...readFailedFailure(reason(err)) };
  }
}

/** A File from an input or a drop. */
export async function readWorkbookFile(file: File, maxBytes = BROWSER_MAX_BYTES): Promise<SourceFile> {
  if (file.size > maxBytes) {
    // decided from the size alone: the bytes are not read
    return { file: file.name, ...tooLargeFileFailure(file.size, maxBytes) };
  }
  return readWorkbookBytes(file.name, new Uint8Array(await file.arrayBuffer()), maxBytes);
}
