/**
 * What a spreadsheet program must do for the task pane: the seam between the operations (ops/operations.ts, written
 * once) and one thin host per program (office/: Office.js, wps/: WPS 表格's ET object model). A host only reads and
 * writes cells; every rule, every decision (what to mark, whose sheet it is, which name is free) is the operations'.
 *
 * Each method is one round trip where the program batches (Office.js: one method = a fixed number of
 * context.sync() calls) and a fixed number of object-model calls per sheet and column where it does not (WPS):
 * no method's cost grows with the number of rows. Each host states its budget in its file header.
 */
import type { SourceFile } from '../../core/consolidate';
import type { Issue } from '../../core/types';
import type { Grid } from '../../core/grid';
import type { SheetBlock, TemplateSheet } from '../../core/addin-sheets';

/** Office.js's words; the WPS host maps XlSheetVisibility (-1, 0, 2) onto them. */
export type Visibility = 'Visible' | 'Hidden' | 'VeryHidden';

export interface SheetInfo {
  name: string;
  visibility: Visibility;
}

/**
 * A cell's fill as the marks' record keeps it: pattern in Office.js's FillPattern words ('None', 'Solid', 'Gray50', …)
 * and color as '#RRGGBB' ('' when none). The WPS host converts to and from XlPattern numbers and BGR colors, so a
 * workbook marked in one program is cleared in the other.
 */
export interface Fill {
  pattern: string;
  color: string;
}

export interface CellRef {
  sheet: string;
  /** A1 address on that sheet. */
  cell: string;
}

/** A fill to put on a cell; null = no fill at all (the cell had none). */
export interface FillChange extends CellRef {
  fill: Fill | null;
}

/** A sheet to write: new, or replacing the add-in's own sheet of that name. */
export interface SheetWrite {
  block: SheetBlock;
  replace: boolean;
  /** A template sheet: drop-down lists and frozen header rows. */
  template?: TemplateSheet;
}

export interface SheetsRead {
  /** One Grid per requested sheet, in the order asked. */
  grids: Grid[];
  /** Text of A1 of each requested sheet that exists (to tell the add-in's own sheets from a clerk's). */
  firstCells: Map<string, string>;
}

/**
 * What an operation relies on beyond reading and writing cells, where a program (version) may lack it. The Office.js
 * host answers from the ExcelApi sets this Excel supports (office/office-capabilities.ts); the WPS host has it all.
 */
export interface HostCapabilities {
  /** A sheet can be made very hidden: 标记 keeps the cells' own fills in such a sheet (Excel 2016 cannot). */
  hideSheets: boolean;
}

/** A part this program (version) lacks, and what the clerk is told about it (Chinese or English, the pane's language). */
export interface HostNote {
  capability: string;
  text: string;
}

export interface SheetHost {
  /** What this program can do here beyond cells; the operations ask before relying on it. */
  capabilities(): HostCapabilities;
  /**
   * Why a capability is missing, in Chinese, in the program's own words (which version it needs): what the operation
   * says when it cannot run (the pane hides its button first).
   */
  whyNot(capability: keyof HostCapabilities): string;
  /** Every sheet of the workbook, in tab order, with its visibility. */
  listSheets(): Promise<SheetInfo[]>;
  /**
   * The used range of each named (visible) sheet as a Grid: values (formula → cached result, error values kept),
   * formulas, number formats (dates, percent), merged areas, hidden rows. Plus the A1 text of `firstCellsOf`.
   */
  readSheets(names: string[], firstCellsOf: string[]): Promise<SheetsRead>;
  /** The fills of these cells, and the rows of the marks' record sheet when `recordSheet` is given (null if absent). */
  readFills(cells: CellRef[], recordSheet: string | null): Promise<{ fills: Fill[]; record: unknown[][] | null }>;
  /**
   * Puts these fills, and replaces the marks' record: `record.exists` = a record sheet is there to delete first;
   * `record.rows` = the new record (text cells, written very hidden), none when empty.
   */
  writeFills(changes: FillChange[], record: { sheet: string; exists: boolean; rows: string[][] }): Promise<void>;
  /** Writes these sheets (values as text where text, number formats, header style, widths, chart) and shows `activate`. */
  writeSheets(sheets: SheetWrite[], activate: string): Promise<void>;
  /** Shows a sheet and selects one cell, or says why not. */
  selectCell(sheet: string, cell: string): Promise<'ok' | 'hidden' | 'missing'>;
}

/** A running host as the pane sees it: how to reach the open workbook, its file name, the program's language. */
export interface HostRuntime {
  kind: 'office' | 'wps';
  /** Runs one operation against the open workbook (Office: inside Excel.run). */
  run<T>(op: (host: SheetHost) => Promise<T>): Promise<T>;
  /** The open workbook's file name, for the messages and the town's name. */
  fileName(): string;
  /** The program's display language ('zh-CN', 'en-US', …), when it tells. */
  displayLanguage(): string | undefined;
  /** Commands from the program's own ribbon (WPS): the pane runs the button of that id. */
  onCommand?: (run: (buttonId: string) => void) => void;
  /**
   * 汇总多个文件 through the program itself (WPS: a file dialog and Workbooks.Open, so .xls and .et are read too):
   * each chosen file read as the open workbook is; null when the clerk cancelled; 'unsupported' where this build lacks it.
   */
  openFiles?: () => Promise<SourceFile[] | null | 'unsupported'>;
  /**
   * The program's own extras once the pane is up (Office: notes on what this Excel lacks, 标记 hidden without sheet
   * hiding, 边改边查 where change events exist); `afterValidate` runs after each 校验.
   */
  extras?: (pane: PaneHooks) => { notes: HostNote[]; afterValidate: () => Promise<void> };
}

/** What the pane lends a host's extras: its language, texts (pane/strings.ts), list and status line. */
export interface PaneHooks {
  lang: 'zh' | 'en';
  text: (key: 'capabilityNotes' | 'liveCheck' | 'liveDone' | 'liveFailed', params?: Record<string, string | number>) => string;
  showIssues: (issues: Issue[], order: string[]) => void;
  setStatus: (text: string, kind?: 'info' | 'error') => void;
  fileName: () => string;
}
