/**
 * The summary's cell styles: shared objects (exceljs caches a style id per object, and the lean row writer in
 * sheet-writer.ts asks exceljs for the same ids), never mutated after creation. A new sheet picks its column kinds
 * and the row styles here; it never makes a style of its own, so every sheet of the summary looks alike.
 */
import type * as ExcelJS from 'exceljs';

export const FONT = '宋体';
export const BODY_SIZE = 10;
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF808080' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const TOTAL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const SECTION_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } };

export const NUMFMT = {
  amount: '#,##0.00',
  pct: '0.0%',
  // two decimals: a gap of -0.05 must not read as 0.0 next to a yellow light
  gap: '+0.00;-0.00;0.00',
  points: '0.0',
  int: '0',
  /** Change since last week, 万元, signed. */
  delta: '+#,##0.00;-#,##0.00;0.00',
  /** Rank change: up is positive. */
  rankChange: '"↑"0;"↓"0;"持平"',
} as const;

export type Kind = 'text' | 'wrap' | 'center' | 'amount' | 'pct' | 'gap' | 'points' | 'int' | 'light' | 'delta' | 'rankChange';

const ALIGN: Record<Kind, Partial<ExcelJS.Alignment>> = {
  text: { vertical: 'middle', horizontal: 'left' },
  wrap: { vertical: 'middle', horizontal: 'left', wrapText: true },
  center: { vertical: 'middle', horizontal: 'center', wrapText: true },
  amount: { vertical: 'middle', horizontal: 'right' },
  pct: { vertical: 'middle', horizontal: 'right' },
  gap: { vertical: 'middle', horizontal: 'right' },
  points: { vertical: 'middle', horizontal: 'right' },
  int: { vertical: 'middle', horizontal: 'center' },
  light: { vertical: 'middle', horizontal: 'center' },
  delta: { vertical: 'middle', horizontal: 'right' },
  rankChange: { vertical: 'middle', horizontal: 'center' },
};

const KIND_NUMFMT: Partial<Record<Kind, string>> = {
  amount: NUMFMT.amount,
  pct: NUMFMT.pct,
  gap: NUMFMT.gap,
  points: NUMFMT.points,
  int: NUMFMT.int,
  delta: NUMFMT.delta,
  rankChange: NUMFMT.rankChange,
};

function font(size: number, bold: boolean): Partial<ExcelJS.Font> {
  return { name: FONT, size, bold, charset: 134 };
}

const bodyStyles = new Map<string, Partial<ExcelJS.Style>>();

export function bodyStyle(kind: Kind, variant: 'body' | 'total' = 'body'): Partial<ExcelJS.Style> {
  const key = `${kind}/${variant}`;
  let s = bodyStyles.get(key);
  if (!s) {
    s = {
      font: font(BODY_SIZE, variant === 'total' || kind === 'light'),
      alignment: ALIGN[kind],
      border: BORDER,
      ...(KIND_NUMFMT[kind] ? { numFmt: KIND_NUMFMT[kind] } : {}),
      ...(variant === 'total' ? { fill: TOTAL_FILL } : {}),
    };
    bodyStyles.set(key, s);
  }
  return s;
}

export const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: font(BODY_SIZE, true),
  alignment: { vertical: 'middle', horizontal: 'center', wrapText: true },
  border: BORDER,
  fill: HEADER_FILL,
};
export const TITLE_STYLE: Partial<ExcelJS.Style> = {
  font: font(16, true),
  alignment: { vertical: 'middle', horizontal: 'center' },
};
export const SUBTITLE_STYLE: Partial<ExcelJS.Style> = {
  font: font(BODY_SIZE, false),
  alignment: { vertical: 'middle', horizontal: 'left', wrapText: true },
};
export const UNIT_STYLE: Partial<ExcelJS.Style> = {
  font: font(BODY_SIZE, false),
  alignment: { vertical: 'middle', horizontal: 'right' },
};
export const SECTION_STYLE: Partial<ExcelJS.Style> = {
  font: font(11, true),
  alignment: { vertical: 'middle', horizontal: 'left' },
  border: BORDER,
  fill: SECTION_FILL,
};
export const NOTE_STYLE: Partial<ExcelJS.Style> = {
  font: font(9, false),
  alignment: { vertical: 'top', horizontal: 'left', wrapText: true },
};
export const EMPTY_STYLE: Partial<ExcelJS.Style> = {
  font: font(BODY_SIZE, false),
  alignment: { vertical: 'middle', horizontal: 'center' },
  border: BORDER,
};

/** Conditional-format fills. Strong colours: a light must read as a light, in colour and on a grey-scale printer. */
export const CF_RED: Partial<ExcelJS.Style> = {
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFF0000' }, bgColor: { argb: 'FFFF0000' } },
  font: { color: { argb: 'FFFFFFFF' }, bold: true },
};
export const CF_YELLOW: Partial<ExcelJS.Style> = {
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' }, bgColor: { argb: 'FFFFFF00' } },
  font: { color: { argb: 'FF000000' }, bold: true },
};
export const CF_GREEN: Partial<ExcelJS.Style> = {
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF00B050' }, bgColor: { argb: 'FF00B050' } },
  font: { color: { argb: 'FFFFFFFF' }, bold: true },
};
/** Softer tints for counts and statuses. */
export const CF_RED_TINT: Partial<ExcelJS.Style> = {
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' }, bgColor: { argb: 'FFFFC7CE' } },
  font: { color: { argb: 'FF9C0006' } },
};
export const CF_YELLOW_TINT: Partial<ExcelJS.Style> = {
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEB9C' }, bgColor: { argb: 'FFFFEB9C' } },
  font: { color: { argb: 'FF9C5700' } },
};
export const CF_GREEN_TINT: Partial<ExcelJS.Style> = {
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFC6EFCE' }, bgColor: { argb: 'FFC6EFCE' } },
  font: { color: { argb: 'FF006100' } },
};
