/** The two layouts several towns share: the canonical two-header project table and the 主要指标 table. */
import ExcelJS from 'exceljs';
import { Col, FONT, dataRow, footer, headerCell, headerRow, note, pct1, planOf, richText, sectionRow, setWidths, styleData, sum, title } from './cells';
import { Indicator } from './indicators';
import { Category, Project, SECTION_TITLES, byCategory } from './model';

// ───────────────────────────── the canonical two-header layout (云峰镇, 龙门镇, 清溪镇…) ─────────────────────────────

export interface StdOptions {
  /** Title text or rich text. */
  titleValue: ExcelJS.CellValue;
  /** Last month in the 1-N月 header. */
  month: number;
  /** Section rows between categories. */
  sections: boolean;
  /** 合计 row with SUM formulas and cached results. */
  total: boolean;
  footerText: string;
  /** Extra text cells in the row under the title: [col, text, align]. */
  notes?: [number, ExcelJS.CellValue, 'left' | 'right'][];
  /** Two header rows with the 投资完成情况 group (default) or one header row. */
  twoHeaderRows?: boolean;
  /** Name cells as rich text (mixed fonts). */
  richNames?: boolean;
}

export const STD_COLS = (month: number): Col[] => [
  { header: '序号', width: 6, kind: 'int' },
  { header: '项目名称', width: 26, kind: 'text' },
  { header: '项目类别', width: 9.5, kind: 'center' },
  { header: '建设内容及规模', width: 34, kind: 'wide' },
  { header: '建设起止年限', width: 10, kind: 'center' },
  { header: '总投资', width: 11, kind: 'amount', numFmt: '#,##0' },
  { header: '2015年计划投资', width: 11, kind: 'amount', numFmt: '#,##0' },
  { header: '本周完成', width: 9.5, kind: 'amount', numFmt: '#,##0' },
  { header: `1-${month}月累计`, width: 11, kind: 'amount', numFmt: '#,##0' },
  { header: '占年度计划%', width: 9.5, kind: 'pct', numFmt: '0.0' },
  { header: '形象进度', width: 24, kind: 'wide' },
  { header: '本周进展', width: 22, kind: 'wide' },
  { header: '下周计划', width: 20, kind: 'wide' },
  { header: '存在问题', width: 26, kind: 'wide' },
  { header: '项目组长', width: 8, kind: 'center' },
  { header: '责任单位', width: 14, kind: 'text' },
  { header: '状态', width: 6, kind: 'center' },
];

/** Writes the table; returns the rows where projects were written (1-based). */
export function writeStdTable(ws: ExcelJS.Worksheet, projects: Project[], o: StdOptions): number[] {
  const cols = STD_COLS(o.month);
  const two = o.twoHeaderRows !== false;
  if (!two) cols[8] = { ...cols[8], header: `1-${o.month}月累计完成投资` };
  const last = cols.length;
  setWidths(ws, cols);
  title(ws, 1, last, o.titleValue);
  for (const [col, text, align] of o.notes ?? []) note(ws, 2, col, text, align);
  let r = 3;
  if (two) {
    // Row 3: singles merged over rows 3-4, and the group header over H:J; row 4: the group's sub-headers.
    cols.forEach((col, i) => {
      const c = i + 1;
      if (c >= 8 && c <= 10) return;
      ws.mergeCells(3, c, 4, c);
      headerCell(ws.getCell(3, c), col.header);
    });
    ws.mergeCells(3, 8, 3, 10);
    headerCell(ws.getCell(3, 8), '投资完成情况');
    for (let c = 8; c <= 10; c++) headerCell(ws.getCell(4, c), cols[c - 1].header);
    ws.getRow(3).height = 22;
    ws.getRow(4).height = 30;
    r = 5;
  } else {
    headerRow(ws, 3, cols);
    r = 4;
  }
  const first = r;
  const rows: number[] = [];
  const ordered = o.sections ? byCategory(projects) : projects;
  let current: Category | null = null;
  for (const p of ordered) {
    if (o.sections && p.category !== current) {
      current = p.category;
      sectionRow(ws, r, cols, SECTION_TITLES[current]);
      r++;
    }
    dataRow(ws, r, cols, [
      p.seq,
      o.richNames && /[\x21-\x7e]/.test(p.name) ? richText(p.name) : p.name,
      p.category,
      p.scope,
      p.period,
      p.total,
      p.plan,
      p.week,
      p.ytd,
      pct1(p),
      p.progress,
      p.weekProgress,
      p.nextPlan,
      p.problems,
      p.leader,
      p.unit,
      p.status,
    ]);
    rows.push(r);
    r++;
  }
  const lastData = r - 1;
  if (o.total) {
    ws.mergeCells(r, 1, r, 5);
    const label = ws.getCell(r, 1);
    label.value = '合计';
    const totals: [number, number][] = [
      [6, sum(ordered.map((p) => p.total))],
      [7, sum(ordered.map(planOf))],
      [8, sum(ordered.map((p) => p.week))],
      [9, sum(ordered.map((p) => p.ytd))],
    ];
    cols.forEach((col, i) => {
      const c = ws.getCell(r, i + 1);
      styleData(c, col);
      c.font = { name: FONT, size: 10, bold: true };
    });
    label.alignment = { horizontal: 'center', vertical: 'middle' };
    for (const [c, result] of totals) {
      const L = ws.getColumn(c).letter;
      ws.getCell(r, c).value = { formula: `SUM(${L}${first}:${L}${lastData})`, result };
    }
    const planned = ordered.filter((p) => (p.plan ?? 0) > 0);
    ws.getCell(r, 10).value = Math.round((sum(planned.map((p) => p.ytd)) / sum(planned.map(planOf))) * 1000) / 10;
    r++;
  }
  footer(ws, r, last, o.footerText);
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: two ? 4 : 3 }];
  ws.pageSetup.printTitlesRow = two ? '3:4' : '3:3';
  return rows;
}

// ───────────────────────────── indicators layout ─────────────────────────────

export interface IndOptions {
  titleText: string;
  /** Headers in order; the writer fills by role. */
  columns: ('seq' | 'name' | 'unit' | 'target' | 'actual' | 'yoy' | 'rate' | 'remark')[];
  headers: string[];
  notes?: [number, string, 'left' | 'right'][];
  footerText?: string;
}

export function writeIndicators(ws: ExcelJS.Worksheet, inds: Indicator[], o: IndOptions): void {
  const widths: Record<string, number> = { seq: 6, name: 30, unit: 10, target: 12, actual: 12, yoy: 11, rate: 12, remark: 20 };
  const cols: Col[] = o.columns.map((k, i) => ({
    header: o.headers[i],
    width: widths[k],
    kind: k === 'seq' ? 'int' : k === 'name' || k === 'remark' ? 'text' : k === 'unit' ? 'center' : 'amount',
    numFmt: k === 'target' || k === 'actual' ? '#,##0.00' : k === 'yoy' || k === 'rate' ? '0.0' : undefined,
  }));
  setWidths(ws, cols);
  title(ws, 1, cols.length, o.titleText, 14);
  for (const [col, text, align] of o.notes ?? []) note(ws, 2, col, text, align);
  headerRow(ws, 3, cols);
  inds.forEach((x, i) => {
    const values = o.columns.map((k): ExcelJS.CellValue => {
      switch (k) {
        case 'seq':
          return i + 1;
        case 'name':
          return x.rawName;
        case 'unit':
          return x.unit;
        case 'target':
          return x.target;
        case 'actual':
          return x.actual;
        case 'yoy':
          return x.yoy;
        case 'rate':
          return Math.round((x.actual / x.target) * 1000) / 10;
        case 'remark':
          return x.canonical === null ? '新增统计口径' : null;
      }
    });
    dataRow(ws, 4 + i, cols, values);
  });
  if (o.footerText) footer(ws, 4 + inds.length, cols.length, o.footerText);
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  ws.pageSetup.printTitlesRow = '3:3';
}
