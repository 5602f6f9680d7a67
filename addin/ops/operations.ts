/**
 * The task pane's operations, written once against a SheetHost (ops/host.ts): the same code runs in Excel
 * (office/office-host.ts) and in WPS 表格 (wps/wps-host.ts). Every rule is the core's; this file decides what to read,
 * what to mark, whose sheet a name is and which name is free. Host calls per operation, whatever the number of rows:
 *
 *   校验      listSheets + readSheets                                  (Office: 3 syncs)
 *   标记      listSheets + readSheets + readFills + writeFills         (Office: 5 syncs)
 *   清除标记  listSheets + readFills + writeFills                      (Office: 3 syncs)
 *   汇总/周报 listSheets + readSheets + writeSheets                    (Office: 4 syncs)
 *   插入模板  listSheets + writeSheets                                 (Office: 2 syncs)
 *   汇总多个文件 listSheets + writeSheets                              (Office: 2 syncs)
 */
import type { Grid } from '../../core/grid';
import type { ConsolidationResult, Issue } from '../../core/types';
import { GENERATED_MARK, MARK_STORE_SHEET, TOWN_BULLETIN_SHEET, TOWN_SUMMARY_SHEET } from '../../core/labels';
import {
  bulletinSheet, countySheets, isAddinSheet,
  templateSheet, townReport, townSummarySheet, type SheetBlock, type TownReport,
} from '../../core/addin-sheets';
import type { TableKind } from '../../core/types';
import { parseAddress } from '../../core/grid';
import type { FillChange, SheetHost, SheetInfo } from './host';

export { inputValues } from './input';

export const MARK_FILL = { error: '#FFC7CE', warning: '#FFEB9C' } as const;

export interface WorkbookRead {
  grids: Grid[];
  sheets: SheetInfo[];
  /** A1 text of the add-in's own sheets that exist, to tell ours from a clerk's sheet of the same name. */
  ownSheetMarks: Map<string, string>;
}

/**
 * Reads every visible sheet of the workbook as Grids (hidden sheets are listed as hidden, not read; the add-in's own
 * sheets are never read as town tables). With `only`, just those sheets are read and returned (live checking re-reads
 * the sheet that changed), at the same host calls.
 */
export async function readWorkbook(host: SheetHost, extraMarks: string[] = [], only?: string[]): Promise<WorkbookRead> {
  const sheets = await host.listSheets();
  const names = new Set(sheets.map((s) => s.name));
  const own = sheets.filter((s) => s.visibility === 'Visible' && !isAddinSheet(s.name) && (!only || only.includes(s.name)));
  const read = await host.readSheets(own.map((s) => s.name), extraMarks.filter((n) => names.has(n)));
  const grids: Grid[] = [];
  for (const s of sheets) {
    if (isAddinSheet(s.name)) continue;
    if (only && !only.includes(s.name)) continue;
    const i = own.findIndex((o) => o.name === s.name);
    grids.push(i >= 0 ? read.grids[i]! : { sheet: s.name, hidden: true, rows: [], merges: [] });
  }
  return { grids, sheets, ownSheetMarks: read.firstCells };
}

export function todayIso(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

export interface ValidateResult {
  report: TownReport;
  sheetOrder: string[];
}

/** 校验: every visible table through the core. */
export async function validate(host: SheetHost, fileName: string, today = todayIso()): Promise<ValidateResult> {
  const wb = await readWorkbook(host);
  return { report: townReport(fileName, wb.grids, today), sheetOrder: wb.sheets.map((s) => s.name) };
}

// ─────────────────────────────────────────────────────────────────────────── 标记 / 清除标记

/** One remembered cell: where, and its own fill before the first mark. */
export interface StoredFill {
  sheet: string;
  cell: string;
  pattern: string;
  color: string;
}

const STORE_HEADER = ['sheet', 'cell', 'pattern', 'color'];

function storeRows(list: StoredFill[]): string[][] {
  return list.length ? [STORE_HEADER, ...list.map((s) => [s.sheet, s.cell, s.pattern, s.color])] : [];
}

function parseStore(values: unknown[][] | null | undefined): StoredFill[] {
  if (!values || values.length < 2) return [];
  return values.slice(1).filter((r) => r[0] && r[1]).map((r) => ({
    sheet: String(r[0]), cell: String(r[1]), pattern: String(r[2] ?? 'None'), color: String(r[3] ?? ''),
  }));
}

/** The problem cells worth marking: on a visible sheet the workbook has, one per cell, errors over warnings. */
function markTargets(issues: Issue[], visible: Set<string>): Map<string, { sheet: string; cell: string; severity: 'error' | 'warning' }> {
  const out = new Map<string, { sheet: string; cell: string; severity: 'error' | 'warning' }>();
  for (const i of issues) {
    if (!i.sheet || !i.cell || !visible.has(i.sheet) || !parseAddress(i.cell)) continue;
    const k = `${i.sheet}\u0000${i.cell}`;
    const prev = out.get(k);
    if (!prev || (prev.severity === 'warning' && i.severity === 'error')) out.set(k, { sheet: i.sheet, cell: i.cell, severity: i.severity });
  }
  return out;
}

/** 标记: fills the problem cells; the fill each had before its first mark is kept in a very hidden sheet. */
export async function mark(host: SheetHost, fileName: string, today = todayIso()): Promise<{ marked: number; report: TownReport; sheetOrder: string[] }> {
  // the record of the cells' own fills must be hidden: where the program cannot hide a sheet, 标记 does not start
  // (nothing read, nothing written; the pane hides the button there first)
  if (!host.capabilities().hideSheets) throw new Error(host.whyNot('hideSheets'));
  const wb = await readWorkbook(host);
  const report = townReport(fileName, wb.grids, today);
  const visible = new Set(wb.sheets.filter((s) => s.visibility === 'Visible').map((s) => s.name));
  const targets = [...markTargets(report.analysis.issues, visible).values()];
  const storeExists = wb.sheets.some((s) => s.name === MARK_STORE_SHEET);
  const read = await host.readFills(targets, storeExists ? MARK_STORE_SHEET : null);
  const stored = parseStore(read.record);
  const known = new Set(stored.map((s) => `${s.sheet}\u0000${s.cell}`));
  const changes: FillChange[] = [];
  targets.forEach((t, i) => {
    const k = `${t.sheet}\u0000${t.cell}`;
    // marked before: the stored fill is the cell's own, the current one is our mark
    if (!known.has(k)) {
      const own = read.fills[i]!;
      stored.push({ sheet: t.sheet, cell: t.cell, pattern: own.pattern, color: own.color });
      known.add(k);
    }
    changes.push({ sheet: t.sheet, cell: t.cell, fill: { pattern: 'Solid', color: MARK_FILL[t.severity] } });
  });
  await host.writeFills(changes, { sheet: MARK_STORE_SHEET, exists: storeExists, rows: storeRows(stored) });
  return { marked: targets.length, report, sheetOrder: wb.sheets.map((s) => s.name) };
}

/** 清除标记: every marked cell gets its own fill back; values are never touched. */
export async function clearMarks(host: SheetHost): Promise<{ restored: number }> {
  const sheets = await host.listSheets();
  if (!sheets.some((s) => s.name === MARK_STORE_SHEET)) return { restored: 0 };
  const names = new Set(sheets.map((s) => s.name));
  const { record } = await host.readFills([], MARK_STORE_SHEET);
  const changes: FillChange[] = parseStore(record)
    .filter((s) => names.has(s.sheet))
    .map((s) => ({ sheet: s.sheet, cell: s.cell, fill: s.pattern === 'None' || !s.color ? null : { pattern: s.pattern, color: s.color } }));
  await host.writeFills(changes, { sheet: MARK_STORE_SHEET, exists: true, rows: [] });
  return { restored: changes.length };
}

// ─────────────────────────────────────────────────────────────────────────── writing sheets

function ensureOurs(wb: WorkbookRead, name: string): 'new' | 'replace' | 'foreign' {
  if (!wb.sheets.some((s) => s.name === name)) return 'new';
  return (wb.ownSheetMarks.get(name) ?? '').startsWith(GENERATED_MARK) ? 'replace' : 'foreign';
}

export type WriteOutcome = { ok: true; sheet: string; report: TownReport } | { ok: false; reason: 'foreign'; sheet: string };

async function writeTownSheet(host: SheetHost, fileName: string, today: string, name: string, render: (r: TownReport) => SheetBlock): Promise<WriteOutcome> {
  const wb = await readWorkbook(host, [name]);
  const state = ensureOurs(wb, name);
  if (state === 'foreign') return { ok: false, reason: 'foreign', sheet: name };
  const report = townReport(fileName, wb.grids, today);
  await host.writeSheets([{ block: render(report), replace: state === 'replace' }], name);
  return { ok: true, sheet: name, report };
}

/** 汇总: writes or refreshes the 汇总 sheet (never a clerk's own sheet of that name). */
export function writeSummary(host: SheetHost, fileName: string, today = todayIso()): Promise<WriteOutcome> {
  return writeTownSheet(host, fileName, today, TOWN_SUMMARY_SHEET, townSummarySheet);
}

/** 周报: writes or refreshes the 本周通报 sheet. */
export function writeBulletin(host: SheetHost, fileName: string, today = todayIso()): Promise<WriteOutcome> {
  return writeTownSheet(host, fileName, today, TOWN_BULLETIN_SHEET, bulletinSheet);
}

function freeName(taken: Set<string>, base: string): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`;
}

/** 插入模板: a new blank project or indicator sheet with drop-down lists and number formats. */
export async function insertTemplate(host: SheetHost, kind: TableKind): Promise<string> {
  const sheets = await host.listSheets();
  const name = freeName(new Set(sheets.map((s) => s.name)), kind === 'projects' ? '重点项目' : '主要指标');
  const tpl = templateSheet(kind, '', name);
  await host.writeSheets([{ block: tpl, replace: false, template: tpl }], name);
  return name;
}

/** 汇总多个文件: the county tables as new sheets (or refreshed ones the add-in wrote before). */
export async function writeCountySheets(host: SheetHost, result: ConsolidationResult): Promise<string[]> {
  const sheets = await host.listSheets();
  const taken = new Set(sheets.map((s) => s.name));
  // a county sheet of an earlier run is replaced; the prefix keeps them apart from the clerk's sheets
  const blocks = countySheets(result);
  await host.writeSheets(blocks.map((block) => ({ block, replace: taken.has(block.name) })), blocks[0]!.name);
  return blocks.map((b) => b.name);
}

/** Clicking a problem: selects its cell, or says why not. */
export function selectCell(host: SheetHost, sheet: string, cell: string): Promise<'ok' | 'hidden' | 'missing'> {
  return host.selectCell(sheet, cell);
}
