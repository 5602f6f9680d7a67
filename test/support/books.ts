/** Test helpers: write real workbooks with exceljs, read them back through the Node adapter and the core. */
import ExcelJS from 'exceljs';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RosterTown, WorkbookAnalysis, analysisContext, analyzeWorkbook } from '../../core';
import { readWorkbookBytesInProcess } from '../../io/read/read-workbook';

export interface SheetSpec {
  name: string;
  rows: unknown[][];
  merges?: string[];
  state?: 'visible' | 'hidden' | 'veryHidden';
  /** 1-based rows to hide. */
  hiddenRows?: number[];
}

export const ROSTER: RosterTown[] = [
  { name: '云峰镇', aliases: ['云峰'] },
  { name: '东溪镇', aliases: [] },
  { name: '南岭镇', aliases: [] },
  { name: '白石镇', aliases: [] },
  { name: '龙门镇', aliases: ['龙门'] },
];

export async function tmpDir(prefix = 'xcs-'): Promise<string> {
  return fsp.mkdtemp(path.join(os.tmpdir(), prefix));
}

/** Writes a workbook: each row is an array of cell values (null/undefined for empty). */
export async function writeBook(file: string, sheets: SheetSpec[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(Date.UTC(2015, 9, 31));
  wb.modified = wb.created;
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { state: s.state ?? 'visible' });
    s.rows.forEach((row, r) => {
      row.forEach((v, c) => {
        if (v === undefined || v === null) return;
        const cell = ws.getCell(r + 1, c + 1);
        // { v, numFmt } writes a value with a number format (e.g. 0.58 shown as 58%)
        if (v && typeof v === 'object' && 'numFmt' in (v as object)) {
          cell.value = (v as { v: ExcelJS.CellValue }).v;
          cell.numFmt = (v as { numFmt: string }).numFmt;
        } else cell.value = v as ExcelJS.CellValue;
      });
    });
    for (const m of s.merges ?? []) ws.mergeCells(m);
    for (const r of s.hiddenRows ?? []) ws.getRow(r).hidden = true;
  }
  await fsp.mkdir(path.dirname(file), { recursive: true });
  await wb.xlsx.writeFile(file);
  return file;
}

/** Reads a file through the adapter (in this thread) and analyses it with the core. */
export async function analyzeFile(file: string, roster: RosterTown[] = ROSTER, asOf = '2015-10-31'): Promise<WorkbookAnalysis> {
  const bytes = await fsp.readFile(file);
  const outcome = await readWorkbookBytesInProcess(bytes, path.basename(file));
  if (!outcome.ok) throw new Error(`read failed: ${outcome.code} ${outcome.message}`);
  return analyzeWorkbook(path.basename(file), outcome.grids, analysisContext({ roster, asOf }));
}

export function projectsOf(a: WorkbookAnalysis) {
  return a.tables.filter((t) => t.kind === 'projects').flatMap((t) => t.projects.map((p) => p.values));
}

export function codes(a: WorkbookAnalysis): string[] {
  return a.issues.map((i) => i.code);
}

export function issue(a: WorkbookAnalysis, code: string) {
  return a.issues.find((i) => i.code === code);
}

/** Standard one-row header used by many tests. */
export const HEADER = ['序号', '项目名称', '项目类别', '总投资', '年度计划投资', '本周完成', '1-10月累计完成投资', '项目组长', '存在问题', '状态'];
