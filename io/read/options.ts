/**
 * What a read takes and gives: the reading limits (ReadOptions, with their defaults and reasons), the outcome of a
 * read, and the analysis a reader may run where it read the file (plain data: it crosses into a worker).
 */
import type { Grid } from '../../core/grid';
import type { ReadFailure } from '../grid/exceljs-grid';
// analysisContext from core/analyze, not core/consolidate: a read worker does not load the consolidation for it
import { analysisContext, analyzeWorkbook, type AnalyzeContext, type WorkbookAnalysis } from '../../core/analyze';
import type { ConsolidateOptions } from '../../core/consolidate';
import { INDICATOR_CATALOG, type CatalogEntry } from '../../core/schema';


export interface ReadOptions {
  /** Largest file accepted, bytes. Default 50 MB. */
  maxBytes?: number;
  /** Largest number of rows per sheet (last row holding a value, and <row> elements parsed). Default 100000. */
  maxRows?: number;
  /** Largest number of columns per sheet. Default 1000. */
  maxCols?: number;
  /**
   * Largest declared uncompressed size of any part of the zip (sheet XML, shared strings…), bytes. Default 64 MB:
   * exceljs holds a part as bytes and as a string while it parses it, so the CLI's peak grows by about 2.6 times the
   * biggest part (a 60 MB sheet: 368 MB, 190 MB: 762 MB, against the 500 MB budget of #5). 300,000 cells (maxCells)
   * take about 15-30 MB of sheet XML.
   */
  maxUncompressedBytes?: number;
  /** Time allowed to the exceljs parse of one file, ms. Default 60000. Only enforced when run in a worker. */
  timeoutMs?: number;
  /**
   * Largest number of cells in the whole workbook. Default 300,000. (Not in the original brief: it bounds what the
   * worker sends to the main thread; a town report has a few thousand.) Counted twice: on the bytes, every <c> element
   * of the sheets (formatted blanks too) and every shared string, before exceljs builds one object per cell (about
   * 0.6 KB each: 400,000 cells took the CLI to 434 MB, 1,000,000 to 731 MB, against the 500 MB budget of #5); then the
   * non-empty cells of the Grids.
   */
  maxCells?: number;
  /**
   * Largest total of characters over all text cells and formulas of the workbook, repeats counted. Default 50,000,000.
   * exceljs shares one string between every cell that uses the same shared string, but structured clone copies it
   * per cell: a crafted file (1 MB string × 12,000 cells) is 32 MB in the worker and 12.5 GB once posted.
   */
  maxTotalChars?: number;
  /**
   * Read a legacy workbook (an OLE2 file holding a BIFF8 Workbook stream: .xls, .et, .ett) natively (biff-grid.ts)
   * instead of refusing it with E_FORMAT_XLS. What the native reader declines still fails with E_FORMAT_XLS, marked
   * `legacyDeclined` (the CLI then converts it with LibreOffice). Default false.
   */
  readLegacy?: boolean;
}

export type ResolvedReadOptions = Required<ReadOptions>;

export const DEFAULT_READ_OPTIONS: Readonly<ResolvedReadOptions> = Object.freeze({
  maxBytes: 50 * 1024 * 1024,
  maxRows: 100000,
  maxCols: 1000,
  maxUncompressedBytes: 64 * 1024 * 1024,
  timeoutMs: 60000,
  maxCells: 300000,
  maxTotalChars: 50000000,
  readLegacy: false,
});

export type ReadOutcome =
  // analysis: present when the read was asked to analyse too (then grids is empty: only the analysis travels back)
  // legacy: read natively from a BIFF8 workbook (readLegacy)
  | { ok: true; grids: Grid[]; date1904: boolean; analysis?: WorkbookAnalysis; legacy?: 'biff8' }
  // skip=true: not a spreadsheet, ignored (lock file, Thumbs.db, .docx …); skip=false: a spreadsheet we must reject;
  // legacyDeclined: a legacy workbook the native reader did not read (why, in English, for developers)
  | (ReadFailure & { legacyDeclined?: string });

export function resolveReadOptions(opts?: ReadOptions): ResolvedReadOptions {
  const o: ResolvedReadOptions = { ...DEFAULT_READ_OPTIONS };
  if (opts) {
    for (const k of Object.keys(DEFAULT_READ_OPTIONS) as (keyof ResolvedReadOptions)[]) {
      const v = opts[k];
      if (k === 'readLegacy') o.readLegacy = v === true;
      else if (typeof v === 'number' && Number.isFinite(v) && v > 0) (o as Record<string, number | boolean>)[k] = v;
    }
  }
  return o;
}

/** What a reader needs to analyse a workbook where it read it (plain data: it crosses into a worker). */
export type AnalyzeSettings = Pick<ConsolidateOptions, 'roster' | 'asOf' | 'catalog' | 'departments' | 'headers'>;

const contexts = new WeakMap<AnalyzeSettings, AnalyzeContext>();

/**
 * Analyses the grids of a successful read with the core, where they were built (in the worker): the main thread
 * receives the analysis, not the grids, and a table that is slow to analyse falls under the read's time-out.
 */
export function withAnalysis(outcome: ReadOutcome, relPath: string, settings: AnalyzeSettings): ReadOutcome {
  if (!outcome.ok) return outcome;
  let ctx = contexts.get(settings);
  if (!ctx) {
    ctx = analysisContext(settings);
    contexts.set(settings, ctx);
  }
  return {
    ok: true,
    grids: [],
    date1904: outcome.date1904,
    analysis: analyzeWorkbook(relPath, outcome.grids, ctx),
    ...(outcome.legacy ? { legacy: outcome.legacy } : {}),
  };
}


/**
 * The analysis crosses from a worker to the main thread by structured clone. An indicator's catalog entry is one of
 * the settings' catalog entries (settings.catalog, else the built-in INDICATOR_CATALOG), the same list on both sides:
 * it travels as its place in that list, and the main thread puts its own entry back (each indicator would otherwise
 * bring a copy of its entry, aliases and range: a third of the values the analyses of a province carry, and as many
 * objects kept on the main thread). Both change the outcome in place; what is not a list entry travels as it is.
 */
export function catalogToPlaces(outcome: ReadOutcome, settings: AnalyzeSettings): void {
  if (!outcome.ok || !outcome.analysis) return;
  const places = placesOf(settings.catalog ?? INDICATOR_CATALOG);
  for (const t of outcome.analysis.tables) {
    for (const ind of t.indicators) {
      const at = ind.catalog ? places.get(ind.catalog) : undefined;
      if (at !== undefined) (ind as { catalog: unknown }).catalog = at;
    }
  }
}

/** The main thread's side of catalogToPlaces: each place back to the entry of the settings' catalog. */
export function catalogFromPlaces(outcome: ReadOutcome, settings: AnalyzeSettings): void {
  if (!outcome.ok || !outcome.analysis) return;
  const list = settings.catalog ?? INDICATOR_CATALOG;
  for (const t of outcome.analysis.tables) {
    for (const ind of t.indicators) {
      const at = ind.catalog as unknown;
      if (typeof at === 'number') ind.catalog = list[at] ?? null;
    }
  }
}

const placesByList = new WeakMap<CatalogEntry[], Map<CatalogEntry, number>>();

function placesOf(list: CatalogEntry[]): Map<CatalogEntry, number> {
  let m = placesByList.get(list);
  if (!m) {
    m = new Map();
    list.forEach((e, i) => {
      if (!m!.has(e)) m!.set(e, i);
    });
    placesByList.set(list, m);
  }
  return m;
}
