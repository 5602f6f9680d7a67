/**
 * Step 4 of a read: the parse of bytes that passed the guards into Grids — the fast reader when it is sure, else
 * exceljs with the Grid conversion of io/grid. Never throws: every failure is an outcome. Runs in a worker
 * (worker.ts) or, in the pool's fallback mode, in the calling thread.
 */
import type * as ExcelJSTypes from 'exceljs';
import type { Grid } from '../../core/grid';
import {
  type Budget,
  type ReadFailure,
  IGNORE_NODES,
  SheetPartError,
  installReadHooks,
  isOle,
  oleFailure,
  readFailedFailure,
  tooManyMessage,
  worksheetToGrid,
} from '../grid/exceljs-grid';
import { fastParseWorkbook } from './fast-xlsx';
import { precheckBytes, shortReason, verifyInflatedSizes } from './guards';
import { classifyName, extensionOf } from './names';
import { resolveReadOptions, type ReadOptions, type ReadOutcome, type ResolvedReadOptions } from './options';
import { InflatedParts, asBuffer, declaredDimension, readZipDirectory, sheetPartNames } from './zip';

/**
 * Whole pipeline in the calling thread (no timeout can be enforced here): the name, the prechecks, the parse. Used by the
 * pool's in-process fallback, and by a read worker on the file it read itself (there the pool enforces the timeout).
 */
export async function readWorkbookBytesInProcess(
  data: Uint8Array,
  relPath: string,
  opts?: ReadOptions,
): Promise<ReadOutcome> {
  const o = resolveReadOptions(opts);
  return turnedAway(data, relPath, o) ?? parseWorkbookBytes(data, relPath, o);
}

/**
 * The same pipeline as readWorkbookBytesInProcess, for a thread that helps its read worker (pool.ts, `helpOut`): only
 * what the fast reader reads whole. Null when the file needs more (a legacy workbook, what the fast reader declines,
 * the reader turned off): the worker reads that one, as before. Synchronous: no exceljs, no thread pool.
 */
export function readFastInProcess(data: Uint8Array, relPath: string, opts?: ReadOptions): ReadOutcome | null {
  const o = resolveReadOptions(opts);
  const away = turnedAway(data, relPath, o);
  if (away) return away;
  return isOle(data) || !fastReaderEnabled() ? null : checkedFast(data, o);
}

/** Steps 1–3 on a file's bytes: what its name or the prechecks turn it away with, or null when it is to be parsed. */
function turnedAway(data: Uint8Array, relPath: string, o: ResolvedReadOptions): ReadOutcome | null {
  const skip = classifyName(relPath);
  if (skip) return { ok: false, ...skip };
  return precheckBytes(data, relPath, o);
}

/**
 * The byte-level checks that protect both readers (sizes, CRC, DOCTYPE, element counts, structure), then the fast
 * reader: its outcome, or null when it declines the file or is turned off (exceljs then reads it).
 */
function checkedFast(data: Uint8Array, o: ResolvedReadOptions): ReadOutcome | null {
  const inflated = new InflatedParts();
  const lying = verifyInflatedSizes(data, o, inflated);
  if (lying) return lying;
  if (!fastReaderEnabled()) return null;
  const fast = fastParseWorkbook(data, o, inflated);
  return 'unsupported' in fast ? null : fast;
}

// ─────────────────────────────────────────────────────────────────────────────────────────────── 4a. legacy

let biffGrid: typeof import('./biff-grid') | null = null;

/**
 * A BIFF8 workbook read natively (biff-grid.ts). What it declines fails as the OLE file always did (E_FORMAT_XLS, or
 * E_ENCRYPTED / E_NOT_XLSX by its content), marked legacyDeclined: the CLI converts those with LibreOffice.
 */
function readLegacyBytes(data: Uint8Array, relPath: string, o: ResolvedReadOptions): ReadOutcome {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  biffGrid ??= require('./biff-grid') as typeof import('./biff-grid');
  // XCS_NATIVE_XLS=0 turns the native reader off: every legacy file goes to LibreOffice (tests of that road, benchmarks)
  const r = process.env.XCS_NATIVE_XLS === '0' ? { declined: 'XCS_NATIVE_XLS=0' } : biffGrid.readBiffGrids(data, o);
  if ('declined' in r) return { ...oleFailure(data, extensionOf(relPath)), legacyDeclined: r.declined };
  return r.ok ? { ...r, legacy: 'biff8' } : r;
}

// ─────────────────────────────────────────────────────────────────────────────────────────────── 4. exceljs parse

/** XCS_FAST_READER=0 turns the fast reader off (the exceljs path alone: benchmarks, comparisons). */
export function fastReaderEnabled(): boolean {
  return process.env.XCS_FAST_READER !== '0';
}

let excelModule: typeof ExcelJSTypes | null = null;

/** Loads exceljs (a worker calls this at start so that the first job does not pay for it). */
export function loadExcelJs(): typeof ExcelJSTypes {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  excelModule ??= require('exceljs') as typeof ExcelJSTypes;
  return excelModule;
}

/**
 * The exceljs parse and the conversion to Grids. Assumes precheckBytes passed. Never throws: every failure is an
 * outcome. This runs in the worker (read-worker.ts) or, in the pool's fallback mode, in the calling thread.
 */
export async function parseWorkbookBytes(data: Uint8Array, relPath: string, opts?: ReadOptions): Promise<ReadOutcome> {
  const o = resolveReadOptions(opts);
  // a legacy workbook (readLegacy): the native BIFF8 reader, loaded on the first one
  if (o.readLegacy && isOle(data)) return readLegacyBytes(data, relPath, o);
  // the fast reader (fast-xlsx.ts) first; it declines whatever it cannot read exactly like exceljs below
  const fast = checkedFast(data, o);
  if (fast) return fast;
  let ExcelJS: typeof ExcelJSTypes;
  try {
    ExcelJS = loadExcelJs();
  } catch (err) {
    return readFailedFailure(`读取组件加载失败：${shortReason(err)}`);
  }
  const wb = new ExcelJS.Workbook();
  const hooks = installReadHooks(wb);

  const buffer = asBuffer(data);
  try {
    // maxRows/maxCols exist in exceljs 4.4 (worksheet-xform.js) but not in its typings
    const loadOptions = { ignoreNodes: IGNORE_NODES, maxRows: o.maxRows, maxCols: o.maxCols };
    await wb.xlsx.load(buffer as unknown as Parameters<typeof wb.xlsx.load>[0], loadOptions);
  } catch (err) {
    if (err instanceof SheetPartError) {
      const m = /Max (row|column) count \((\d+)\) exceeded/.exec(err.message);
      if (m) return tooManyFailure(data, err.part, m[1] === 'row' ? 'rows' : 'cols', o);
      return readFailedFailure(shortReason(err.inner));
    }
    return readFailedFailure(shortReason(err));
  }

  try {
    const ValueType = ExcelJS.ValueType;
    const grids: Grid[] = [];
    const budget: Budget = { cells: 0, chars: 0 };
    for (const ws of wb.worksheets) {
      const g = worksheetToGrid(ws, hooks.mergesOf(ws), ValueType, o, budget);
      if ('ok' in g) return g;
      grids.push(g);
    }
    const date1904 = !!(wb.properties as { date1904?: boolean } | undefined)?.date1904;
    return { ok: true, grids, date1904 };
  } catch (err) {
    return readFailedFailure(shortReason(err));
  }
}

function tooManyFailure(
  data: Uint8Array,
  part: string,
  what: 'rows' | 'cols',
  o: ResolvedReadOptions,
  counted?: number,
): ReadFailure {
  let sheet: string | undefined;
  let n = counted;
  const zip = readZipDirectory(data);
  if (zip.ok) {
    sheet = sheetPartNames(data, zip.entries, o).get(part);
    if (n === undefined) {
      const e = zip.entries.find(x => x.name === part);
      const dim = e ? declaredDimension(data, e) : null;
      const d = dim ? (what === 'rows' ? dim.rows : dim.cols) : 0;
      const max = what === 'rows' ? o.maxRows : o.maxCols;
      if (d > max) n = d;
    }
  }
  return tooManyMessage(sheet ?? part, what, n, what === 'rows' ? o.maxRows : o.maxCols);
}



