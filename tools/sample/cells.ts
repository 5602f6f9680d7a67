/** Cell helpers shared by every town's layout: fonts, borders, header, data, section and footer rows, number texts. */
import ExcelJS from 'exceljs';
import { FIXED_DATE, Project } from './model';

// ───────────────────────────── cell helpers ─────────────────────────────

export const FONT = '宋体';
export const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
export const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
export const SECTION_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };

export function newBook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Administrator';
  wb.lastModifiedBy = 'Administrator';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  return wb;
}

export function addSheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  return wb.addWorksheet(name, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
}

export function title(ws: ExcelJS.Worksheet, row: number, lastCol: number, value: ExcelJS.CellValue, size = 16): void {
  ws.mergeCells(row, 1, row, lastCol);
  const c = ws.getCell(row, 1);
  c.value = value;
  c.font = { name: FONT, size, bold: true };
  c.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(row).height = 30;
}

export function note(ws: ExcelJS.Worksheet, row: number, col: number, text: ExcelJS.CellValue, align: 'left' | 'right' = 'left'): void {
  const c = ws.getCell(row, col);
  c.value = text;
  c.font = { name: FONT, size: 10 };
  c.alignment = { horizontal: align, vertical: 'middle' };
}

export function headerCell(c: ExcelJS.Cell, text: string): void {
  c.value = text;
  c.font = { name: FONT, size: 10, bold: true };
  c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  c.fill = HEADER_FILL;
  c.border = BORDER;
}

export type Kind = 'text' | 'wide' | 'center' | 'amount' | 'pct' | 'int';

export interface Col {
  header: string;
  width: number;
  kind: Kind;
  /** Number format for numeric kinds. */
  numFmt?: string;
}

export function styleData(c: ExcelJS.Cell, col: Col): void {
  c.font = { name: FONT, size: 10 };
  c.border = BORDER;
  if (col.kind === 'amount' || col.kind === 'pct') {
    c.alignment = { horizontal: 'right', vertical: 'middle' };
    if (col.numFmt) c.numFmt = col.numFmt;
  } else if (col.kind === 'center' || col.kind === 'int') {
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  } else {
    c.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
  }
}

export function setWidths(ws: ExcelJS.Worksheet, cols: Col[]): void {
  cols.forEach((col, i) => {
    ws.getColumn(i + 1).width = col.width;
  });
}

export function headerRow(ws: ExcelJS.Worksheet, row: number, cols: Col[]): void {
  cols.forEach((col, i) => headerCell(ws.getCell(row, i + 1), col.header));
  ws.getRow(row).height = 32;
}

/** Display width of a text in column-width units (a CJK character is about two digits wide). */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) <= 0xff ? 1.05 : 1.9;
  return w;
}

export function dataRow(ws: ExcelJS.Worksheet, row: number, cols: Col[], values: ExcelJS.CellValue[]): void {
  let lines = 1;
  cols.forEach((col, i) => {
    const c = ws.getCell(row, i + 1);
    const v = values[i];
    if (v !== undefined && v !== null && v !== '') c.value = v;
    styleData(c, col);
    const text = typeof v === 'string' ? v : v && typeof v === 'object' && 'richText' in v ? v.richText.map((r) => r.text).join('') : '';
    if (text && col.kind !== 'amount' && col.kind !== 'pct') lines = Math.max(lines, Math.ceil(textWidth(text) / Math.max(1, col.width - 1)));
  });
  // Wrapped text needs the row to be tall enough; spreadsheet programs do not grow rows written by a generator.
  ws.getRow(row).height = Math.max(20, lines * 13 + 6);
}

/** A row whose only content is a label in column `labelCol` (section row), styled across the table. */
export function sectionRow(ws: ExcelJS.Worksheet, row: number, cols: Col[], label: string, labelCol = 1, mergeTo?: number): void {
  if (mergeTo) ws.mergeCells(row, labelCol, row, mergeTo);
  cols.forEach((col, i) => {
    const c = ws.getCell(row, i + 1);
    c.border = BORDER;
    c.fill = SECTION_FILL;
    c.font = { name: FONT, size: 10, bold: true };
  });
  const c = ws.getCell(row, labelCol);
  c.value = label;
  c.alignment = { horizontal: 'left', vertical: 'middle' };
}

export function footer(ws: ExcelJS.Worksheet, row: number, lastCol: number, text: string): void {
  ws.mergeCells(row, 1, row, lastCol);
  const c = ws.getCell(row, 1);
  c.value = text;
  c.font = { name: FONT, size: 10 };
  c.alignment = { horizontal: 'left', vertical: 'middle' };
  ws.getRow(row).height = 24;
}

export const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
export const planOf = (p: Project): number => p.plan ?? 0;
export const pct1 = (p: Project): number | null => (p.plan && p.plan > 0 ? Math.round((p.ytd / p.plan) * 1000) / 10 : null);

/** Full-width digits (and separators) as some officials type them. */
export function fullWidth(s: string): string {
  return s.replace(/[0-9.,%-]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
}

/** Thousands separators on an integer (元). */
export function thousands(n: number): string {
  const neg = n < 0;
  const s = String(Math.abs(Math.round(n)));
  const out = s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return neg ? `-${out}` : out;
}

/** Split text into Latin/digit runs and Chinese runs, as LibreOffice writes a cell whose text mixes fonts. */
export function richText(s: string, latinFont?: string): ExcelJS.CellRichTextValue {
  const runs: ExcelJS.RichText[] = [];
  const re = /[^\u0080-\uffff]+|[\u0080-\uffff]+/g; // ASCII runs and the others (code units)
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    const latin = m[0].charCodeAt(0) < 0x80;
    if (latin) runs.push(latinFont ? { font: { name: latinFont }, text: m[0] } : { text: m[0] });
    else runs.push({ font: { name: FONT }, text: m[0] });
  }
  return { richText: runs };
}
