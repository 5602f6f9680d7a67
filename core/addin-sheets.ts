/**
 * The add-in's sheets (the JSON report is report.ts): the town's own reports as the Excel add-in writes them into
 * the open workbook: the 汇总 sheet, the 本周通报 sheet, blank template sheets and the county tables of 汇总多个文件
 * — all as plain rectangular arrays (values and number formats), so that the Office.js writer is one assignment per range. Every figure comes from analyzeWorkbook /
 * consolidate (no rule here): the town's workbook is consolidated on its own, like one file of the county's folder.
 */
import { analysisContext, consolidate, type AnalyzedFile } from './consolidate';
import { analysisYear, analyzeWorkbook, type WorkbookAnalysis } from './analyze';
import type { Grid } from './grid';
import { cellText } from './grid';
import { townLikeWord, type RosterTown } from './roster';
import { FIELDS, INDICATOR_CATALOG, type FieldSpec } from './schema';
import {
  ADDIN_COUNTY_SHEET, COUNTY_SHEET_PREFIX, FILE_STATUS_LABEL, GENERATED_MARK, LIGHT_LABEL, MARK_STORE_SHEET, NO_LIGHT_LABEL, SEVERITY_LABEL,
  TOWN_BULLETIN_SHEET, TOWN_STATUS_LABEL, TOWN_SUMMARY_SHEET,
} from './labels';
import type { ConsolidationResult, Issue, Light, ProjectRecord, Severity, TableKind, TownResult } from './types';

/** Sheets the add-in writes (汇总, 本周通报, the mark store, 全县…); they are never read back as the town's tables. */
export function isAddinSheet(name: string): boolean {
  return name === TOWN_SUMMARY_SHEET || name === TOWN_BULLETIN_SHEET || name === MARK_STORE_SHEET || name.startsWith(COUNTY_SHEET_PREFIX);
}

export type SheetValue = string | number | null;

/** A block of cells to write at A1 of a sheet: values and number formats of the same shape. */
export interface SheetBlock {
  name: string;
  values: SheetValue[][];
  formats: string[][];
  /** Column widths in characters. */
  widths: number[];
  /** 0-based rows that are headers (bold, shaded). */
  headerRows: number[];
  /** A native chart: its data block (0-based, inclusive, first row = series names, first column = categories). */
  chart?: { title: string; top: number; left: number; bottom: number; right: number };
}

const PCT = '0.0%';
const AMOUNT = '#,##0.00';
const INT = '0';
const TEXT = '@';
const GENERAL = 'General';

/**
 * The town a single workbook reports for, without the county's roster: the first town-like word (…镇/乡/街道) in the
 * top rows of its visible sheets, else in the file name. The workbook is then consolidated against a roster of that
 * one town.
 */
export function workbookRoster(grids: Grid[], fileName: string): RosterTown[] {
  for (const g of grids) {
    if (g.hidden || isAddinSheet(g.sheet)) continue;
    for (let r = 0; r < Math.min(6, g.rows.length); r++) {
      for (const c of g.rows[r] ?? []) {
        const w = c ? townLikeWord(cellText(c.value)) : null;
        if (w) return [{ name: w, aliases: [] }];
      }
    }
  }
  const w = townLikeWord(fileName);
  return w ? [{ name: w, aliases: [] }] : [];
}

export interface TownReport {
  analysis: WorkbookAnalysis;
  result: ConsolidationResult;
  /** The town's result (status 'rejected' when the workbook has errors: nothing is totalled then). */
  town: TownResult | null;
  asOf: string;
}

/** Validates the open workbook and consolidates it on its own. asOf = its report date, else `today` (yyyy-mm-dd). */
export function townReport(fileName: string, grids: Grid[], today: string): TownReport {
  const own = grids.filter((g) => !isAddinSheet(g.sheet));
  const roster = workbookRoster(own, fileName);
  const first = analyzeWorkbook(fileName, own, analysisContext({ roster, asOf: today }));
  const asOf = first.reportDate ?? today;
  // the analysis depends on its asOf only through the year given to dates written without one (analysisYear): a
  // report date of today's year gives the same analysis, so the workbook is analysed again only across a new year
  const analysis = analysisYear(asOf) === analysisYear(today) ? first : analyzeWorkbook(fileName, own, analysisContext({ roster, asOf }));
  const file: AnalyzedFile = { file: fileName, ok: true, analysis };
  const result = consolidate([file], { roster, asOf });
  return { analysis, result, town: result.towns[0] ?? null, asOf };
}

export interface IssueGroup {
  sheet: string | null;
  severity: Severity;
  issues: Issue[];
}

/** Order by UTF-16 code units: the same everywhere (localeCompare follows the runtime's locale). */
function codeOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Problems grouped by sheet (workbook-level first, then in sheet order) and severity (errors first). */
export function groupIssues(issues: Issue[], sheetOrder: string[] = []): IssueGroup[] {
  const groups = new Map<string, IssueGroup>();
  for (const i of issues) {
    const k = `${i.sheet ?? ''}\u0000${i.severity}`;
    if (!groups.has(k)) groups.set(k, { sheet: i.sheet, severity: i.severity, issues: [] });
    groups.get(k)!.issues.push(i);
  }
  const pos = (s: string | null) => (s === null ? -1 : sheetOrder.includes(s) ? sheetOrder.indexOf(s) : sheetOrder.length);
  return [...groups.values()].sort(
    (a, b) => pos(a.sheet) - pos(b.sheet) || codeOrder(a.sheet ?? '', b.sheet ?? '') || (a.severity === 'error' ? -1 : 1) - (b.severity === 'error' ? -1 : 1),
  );
}

function lightLabel(l: Light): string {
  return l === null ? NO_LIGHT_LABEL : LIGHT_LABEL[l];
}

/** Pads rows to one width (Office.js writes rectangles). */
function rect(values: SheetValue[][], formats: string[][], width: number): { values: SheetValue[][]; formats: string[][] } {
  return {
    values: values.map((r) => [...r, ...new Array<SheetValue>(Math.max(0, width - r.length)).fill(null)].slice(0, width)),
    formats: formats.map((r) => [...r, ...new Array<string>(Math.max(0, width - r.length)).fill(GENERAL)].slice(0, width)),
  };
}

/** The 汇总 sheet: totals, by category, by status, by light, against 序时进度, and the chart's data block. */
export function townSummarySheet(rep: TownReport): SheetBlock {
  const W = 9;
  const v: SheetValue[][] = [];
  const f: string[][] = [];
  const header: number[] = [];
  const t = rep.town;
  const push = (vals: SheetValue[], fmts: string[] = []) => {
    v.push(vals);
    f.push(fmts);
  };
  push([`${GENERATED_MARK}${t?.town ?? ''}重点项目推进情况汇总（截至 ${rep.asOf}）`]);
  push(['序时进度', rep.result.timeProgress, '报表日期', rep.analysis.reportDate ?? '（未找到，按今天）'], [TEXT, PCT, TEXT, TEXT]);
  push([]);
  if (!t || t.status !== 'submitted' || !t.projects) {
    const errors = rep.analysis.issues.filter((i) => i.severity === 'error').length;
    push([
      errors
        ? `本工作簿有 ${errors} 个错误，改正后才能汇总（点“校验”查看每个错误所在的单元格）。`
        : '没有找到可汇总的重点项目表（点“插入模板”可添加空白的重点项目表）。',
    ]);
    const r = rect(v, f, W);
    return { name: TOWN_SUMMARY_SHEET, ...r, widths: new Array(W).fill(14), headerRows: header };
  }
  const p = t.projects;
  header.push(v.length);
  push(['项目数', '总投资（万元）', '年度计划投资（万元）', '累计完成投资（万元）', '完成率', '与序时进度差（个百分点）', '红灯', '黄灯', '绿灯']);
  push(
    [p.count, p.totalInvestment, p.annualPlan, p.completedYtd, p.completion, p.gap, p.red, p.yellow, p.green],
    [INT, AMOUNT, AMOUNT, AMOUNT, PCT, '0.0', INT, INT, INT],
  );
  push([]);
  // by category: the chart's data (完成率 against 序时进度)
  push(['按项目类别']);
  header.push(v.length);
  const chartTop = v.length;
  push(['项目类别', '完成率', '序时进度', '项目数', '年度计划投资（万元）', '累计完成投资（万元）']);
  for (const g of t.byCategory) {
    push([g.key, g.completion, rep.result.timeProgress, g.count, g.annualPlan, g.completedYtd], [TEXT, PCT, PCT, INT, AMOUNT, AMOUNT]);
  }
  const chartBottom = v.length - 1;
  push([]);
  push(['按项目状态']);
  header.push(v.length);
  push(['状态', '完成率', '序时进度', '项目数', '年度计划投资（万元）', '累计完成投资（万元）']);
  for (const g of t.byStatus) {
    push([g.key, g.completion, rep.result.timeProgress, g.count, g.annualPlan, g.completedYtd], [TEXT, PCT, PCT, INT, AMOUNT, AMOUNT]);
  }
  push([]);
  push(['按灯号（完成率对照序时进度）']);
  header.push(v.length);
  push(['灯号', '项目数', '说明']);
  const lights: Light[] = ['red', 'yellow', 'green', null];
  const notes: Record<string, string> = {
    red: `低于序时进度 ${rep.result.thresholds.yellowBelow} 个百分点以上`,
    yellow: `低于序时进度 ${rep.result.thresholds.yellowBelow} 个百分点以内`,
    green: '不低于序时进度',
    none: '没有年度计划（前期项目）',
  };
  for (const l of lights) {
    push([lightLabel(l), t.projectList.filter((x) => x.light === l).length, notes[l ?? 'none']], [TEXT, INT, TEXT]);
  }
  const r = rect(v, f, W);
  return {
    name: TOWN_SUMMARY_SHEET, ...r, widths: [16, 14, 14, 14, 16, 16, 8, 8, 8], headerRows: header,
    chart: chartBottom > chartTop ? { title: '各类项目完成率与序时进度', top: chartTop, left: 0, bottom: chartBottom, right: 2 } : undefined,
  };
}

const LIGHT_ORDER: Record<string, number> = { red: 0, yellow: 1, none: 2, green: 3 };

/** Projects for the bulletin: lagging first (red, then yellow, by gap), then the rest in table order. */
export function bulletinOrder(list: ProjectRecord[]): ProjectRecord[] {
  return list
    .map((p, i) => ({ p, i }))
    .sort((a, b) => LIGHT_ORDER[a.p.light ?? 'none'] - LIGHT_ORDER[b.p.light ?? 'none'] || (a.p.gap ?? 0) - (b.p.gap ?? 0) || a.i - b.i)
    .map((x) => x.p);
}

/** The 本周通报 sheet: each project's 本周进展, 下周计划, 存在问题, lagging first. */
export function bulletinSheet(rep: TownReport): SheetBlock {
  const W = 8;
  const v: SheetValue[][] = [];
  const f: string[][] = [];
  const t = rep.town;
  v.push([`${GENERATED_MARK}${t?.town ?? ''}重点项目本周通报（截至 ${rep.asOf}，序时进度 ${(rep.result.timeProgress * 100).toFixed(1)}%）`]);
  f.push([]);
  const headerRows = [1];
  v.push(['序号', '项目名称', '灯号', '完成率', '本周进展', '下周计划', '存在问题', '项目组长']);
  f.push([]);
  if (t && t.status === 'submitted') {
    bulletinOrder(t.projectList).forEach((p, i) => {
      v.push([i + 1, p.name, lightLabel(p.light), p.completion, p.weekProgress, p.nextWeekPlan, p.problems, p.leader]);
      f.push([INT, TEXT, TEXT, PCT, TEXT, TEXT, TEXT, TEXT]);
    });
  } else {
    const errors = rep.analysis.issues.filter((i) => i.severity === 'error').length;
    v.push([null, errors ? `本工作簿有 ${errors} 个错误，改正后才能生成通报（点“校验”查看）。` : '没有找到重点项目表。']);
    f.push([]);
  }
  const r = rect(v, f, W);
  return { name: TOWN_BULLETIN_SHEET, ...r, widths: [6, 28, 8, 10, 36, 36, 30, 10], headerRows };
}

/** A blank template sheet of one kind: title, unit note, the canonical headers, 50 rows with formats and lists. */
export interface TemplateSheet extends SheetBlock {
  /** Per column: a drop-down list, or null. */
  lists: (string[] | null)[];
  /** Data rows (0-based, inclusive) the formats and lists apply to. */
  dataTop: number;
  dataBottom: number;
  hints: (string | null)[];
}

export const TEMPLATE_ROWS = 50;

function templateFormat(fld: FieldSpec, list: string[] | undefined): string {
  if (fld.type === 'amount' || fld.type === 'number') return AMOUNT;
  if (fld.type === 'percent') return '0.0';
  if (fld.type === 'int') return INT;
  return list ? GENERAL : TEXT;
}

/** Columns from the schema (core/schema.ts): the same fields as the county's template workbooks. */
export function templateSheet(kind: TableKind, town: string, sheetName: string): TemplateSheet {
  const units = [...new Set(INDICATOR_CATALOG.map((c) => c.unit))];
  const fields = FIELDS[kind].filter((x) => !x.notInTemplate);
  const lists = fields.map((x) => x.list ?? (kind === 'indicators' && x.key === 'unit' ? units : null));
  const W = fields.length;
  const title = kind === 'projects' ? `${town}重点项目推进情况表（截至    年  月  日）` : `${town}主要指标完成情况表（截至    年  月  日）`;
  const values: SheetValue[][] = [[title], [`填报单位：${town}`, null, null, kind === 'projects' ? '单位：万元' : null], fields.map((x) => x.label)];
  const formats: string[][] = [[], [], fields.map(() => TEXT)];
  for (let i = 0; i < TEMPLATE_ROWS; i++) {
    values.push(fields.map(() => null));
    formats.push(fields.map((x, c) => templateFormat(x, lists[c] ?? undefined)));
  }
  const r = rect(values, formats, W);
  return {
    name: sheetName, ...r, widths: fields.map((x) => x.width ?? 12), headerRows: [2], lists,
    dataTop: 3, dataBottom: 2 + TEMPLATE_ROWS, hints: fields.map((x) => x.hint ?? null),
  };
}

/** The county tables of 汇总多个文件, rendered from one ConsolidationResult. */
export function countySheets(res: ConsolidationResult): SheetBlock[] {
  const overview: SheetValue[][] = [
    [`${GENERATED_MARK}各乡镇重点项目汇总（截至 ${res.asOf}，序时进度 ${(res.timeProgress * 100).toFixed(1)}%）`],
    ['排名', '乡镇', '报送状态', '项目数', '总投资（万元）', '年度计划投资（万元）', '累计完成投资（万元）', '完成率', '与序时进度差（个百分点）', '红灯', '黄灯', '绿灯'],
  ];
  const of: string[][] = [[], []];
  const num = [INT, TEXT, TEXT, INT, AMOUNT, AMOUNT, AMOUNT, PCT, '0.0', INT, INT, INT];
  for (const t of res.towns) {
    const p = t.projects;
    overview.push([t.rank, t.town, TOWN_STATUS_LABEL[t.status], p?.count ?? null, p?.totalInvestment ?? null, p?.annualPlan ?? null, p?.completedYtd ?? null, p?.completion ?? null, p?.gap ?? null, p?.red ?? null, p?.yellow ?? null, p?.green ?? null]);
    of.push(num);
  }
  const c = res.county.projects;
  overview.push([null, '合计', null, c.count, c.totalInvestment, c.annualPlan, c.completedYtd, c.completion, c.gap, c.red, c.yellow, c.green]);
  of.push(num);

  const lag: SheetValue[][] = [[`${GENERATED_MARK}滞后项目（黄灯、红灯）`], ['乡镇', '项目名称', '灯号', '完成率', '与序时进度差（个百分点）', '项目组长', '存在问题']];
  const lf: string[][] = [[], []];
  for (const l of res.lagging) {
    lag.push([l.town, l.project, lightLabel(l.light), l.completion, l.gap, l.leader, l.problems]);
    lf.push([TEXT, TEXT, TEXT, PCT, '0.0', TEXT, TEXT]);
  }

  const files: SheetValue[][] = [[`${GENERATED_MARK}报送情况`], ['文件', '乡镇', '状态', '工作表', '单元格', '问题']];
  const ff: string[][] = [[], []];
  for (const fr of res.files) {
    if (!fr.issues.length) {
      files.push([fr.file, fr.town, FILE_STATUS_LABEL.addin[fr.status], null, null, null]);
      ff.push([]);
    }
    for (const i of fr.issues) {
      files.push([fr.file, fr.town, FILE_STATUS_LABEL.addin[fr.status], i.sheet, i.cell, `${SEVERITY_LABEL[i.severity]}：${i.message}`]);
      ff.push([]);
    }
  }
  return [
    { name: ADDIN_COUNTY_SHEET.overview, ...rect(overview, of, 12), widths: [6, 12, 10, 8, 14, 14, 14, 10, 12, 6, 6, 6], headerRows: [1] },
    { name: ADDIN_COUNTY_SHEET.lagging, ...rect(lag, lf, 7), widths: [12, 28, 8, 10, 12, 10, 40], headerRows: [1] },
    { name: ADDIN_COUNTY_SHEET.submissions, ...rect(files, ff, 6), widths: [30, 12, 12, 14, 8, 60], headerRows: [1] },
  ];
}

/** A county roster from the files themselves (the add-in has no roster.csv): each file's town-like word. */
export function rosterFromFiles(files: { file: string; grids: Grid[] }[]): RosterTown[] {
  const names = new Set<string>();
  for (const f of files) for (const t of workbookRoster(f.grids, f.file)) names.add(t.name);
  return [...names].map((name) => ({ name, aliases: [] }));
}
