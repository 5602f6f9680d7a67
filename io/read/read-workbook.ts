/**
 * Node adapter: a file (or a buffer) in, Grids out — with the reading guards that keep one odd file from crashing,
 * hanging or exhausting the consolidation.
 *
 * Pipeline for one file:
 *   1. classifyName(relPath)        by name only: lock files, system files, non-spreadsheet extensions → skip
 *   2. loadFileBytes(absPath)       opened read-only ('r'), size checked with fstat BEFORE reading (E_EMPTY_FILE,
 *                                   E_TOO_LARGE), read into a private buffer; the file is never written
 *   3. precheckBytes(bytes)         magic numbers (OLE2 → .xls / password-protected .xlsx; zip → OOXML), legacy
 *                                   formats by extension, our own read of the zip central directory (truncated zip,
 *                                   missing xl/workbook.xml, renamed Word/PowerPoint/.xlsb/.ods, zip bomb guard on the
 *                                   declared uncompressed size of every part)
 *   4. parseWorkbookBytes(bytes)    the fast reader (fast-xlsx.ts: node:zlib + saxes, the same Grids as below, ~3× less
 *                                   CPU) when it is sure to read the file exactly like exceljs; otherwise
 *                                   verifyInflatedSizes (the declared sizes may lie), then exceljs + conversion to
 *                                   Grids, with budgets on what goes back to the main thread (maxCells,
 *                                   maxTotalChars, 32767 characters per cell). This is the step that may hang or run
 *                                   out of memory, so read-pool.ts runs it in a worker thread it can terminate.
 *                                   Parts a Grid does not need (tables, drawings, images, comments, themes) are not
 *                                   parsed: exceljs 4.4 throws on some of them.
 * readWorkbookAtPath / readWorkbookBuffer run the whole pipeline through a shared default pool (read-pool.ts).
 *
 * The Node-free half (exceljs hooks, worksheet → Grid, sniffing, messages) is sheet-grid.ts, shared with the browser.
 *
 * Merges: exceljs, when it applies the <mergeCells> of a sheet, creates a cell object for every cell of every merged
 * range (one merge "A1:XFD1048576" = 17 billion cells) and throws on overlapping ranges. We let exceljs PARSE
 * <mergeCells> but take the ranges out of its model before it applies them; the Grid gets them from us: ranges are
 * clipped to the sheet's used extent (rows/columns holding values; ranges that end up 1×1 or start outside are
 * dropped), a range overlapping an earlier one is dropped (as Excel's repair does), and every cell of a range but its
 * top-left master is emptied (Excel shows only the master's value).
 */
import { getDefaultReadPool } from './pool';
import type { ReadOptions, ReadOutcome } from './options';

// the steps, for callers that run them one by one (tests, the sample generator, the bench)
export { classifyName, baseName, extensionOf } from './names';
export { loadFileBytes, precheckBytes, shortReason, structureFailure, timeoutFailure, verifyInflatedSizes, countElements } from './guards';
export { fastReaderEnabled, loadExcelJs, parseWorkbookBytes, readWorkbookBytesInProcess } from './parse';
export { readZipDirectory, entryBytes, workbookSheets, sheetPartNames, type ZipEntry, type ZipDirectory } from './zip';
export {
  DEFAULT_READ_OPTIONS,
  resolveReadOptions,
  withAnalysis,
  type AnalyzeSettings,
  type ReadOptions,
  type ReadOutcome,
  type ResolvedReadOptions,
} from './options';
export {
  EXCEL_MAX_CELL_CHARS,
  flattenValue,
  isOle,
  isPercentFormat,
  isZipMagic,
  oleHasEntry,
  readFailedFailure,
  type ReadFailure,
} from '../grid/exceljs-grid';

// ─────────────────────────────────────────────────────────────────────────────────────────────── public entry points

/** Reads a workbook file: name check, guards, exceljs parse in a worker (shared default pool, see read-pool.ts). */
export async function readWorkbookAtPath(absPath: string, relPath: string, opts?: ReadOptions): Promise<ReadOutcome> {
  return getDefaultReadPool().read(absPath, relPath, opts);
}

/** Same as readWorkbookAtPath for bytes already in memory (the buffer is copied, never modified or detached). */
export async function readWorkbookBuffer(
  buf: Buffer | Uint8Array,
  relPath: string,
  opts?: ReadOptions,
): Promise<ReadOutcome> {
  return getDefaultReadPool().readBuffer(buf, relPath, opts);
}


