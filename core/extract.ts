/**
 * Rows of a found table → typed rows (through the zod schema) and issues with their cells.
 */
import { z } from 'zod/v3';
import { FIELDS, FieldSpec, INDICATOR_CATALOG, CatalogEntry, DEFAULT_DEPARTMENTS, IndicatorRow, KIND_LABEL, PowerRow, ProjectRow, ROW_SCHEMAS, indicatorRowIsClean, makePowerRowIsClean, makePowerRowSchema, projectRowIsClean } from './schema';
import { DepartmentIndex, canonicalPowerStatus, canonicalPowerType, canonicalWay, indexDepartments, matchDepartment } from './departments';
import { dateCellIso, findDates } from './dates';
import { CellError, Grid, GridCell, address, cellText, isCellError } from './grid';
import { fmtAmount, fmtPercent, isCode, makeIssue, severityOf } from './messages';
import { parseNumber, sumAmountsOf } from './numbers';
import { ColumnInfo, FoundTable, missingFields } from './table';
import { closestField } from './headers';
import { cleanText, isSettledText, labelKey, nameKey, stripControl, toHalfWidth } from './text';
import { Issue, TableKind } from './types';
import { BASE_MONEY, UNIT_SPELLINGS, UnitDef, conversionFactor, findUnit } from './units';

export interface ExtractedProject {
  row: number; // 0-based grid row
  values: ProjectRow;
}

export interface ExtractedIndicator {
  row: number;
  values: z.infer<typeof ROW_SCHEMAS.indicators>;
  catalog: CatalogEntry | null;
  unit: string | null;
  /** The cell of the town's own target (for a warning when the county set another one). */
  targetCell?: string | null;
}

export interface ExtractedPower {
  row: number;
  /** Canonical department, way, status and type; startDate as YYYY-MM-DD. */
  values: PowerRow;
}

export interface Extracted {
  kind: TableKind;
  sheet: string;
  projects: ExtractedProject[];
  indicators: ExtractedIndicator[];
  powers: ExtractedPower[];
  issues: Issue[];
  /** Body rows that name something or carry numbers (usable or not). */
  rowCount: number;
  /** Column of the names. */
  nameCol: number;
  /** N of a 「1-N月累计」 header of the year-to-date column, when it says; and that header. */
  ytdMonth: number | null;
  ytdHeader: string | null;
}

/** Status words → the four statuses (data, extendable). */
export const STATUS_SYNONYMS: Record<string, string[]> = {
  前期: ['前期', '前期工作', '前期阶段', '未开工', '筹备', '谋划', '待开工', '拟开工'],
  在建: ['在建', '续建', '新建', '施工中', '建设中', '在建中', '已开工', '开工', '实施中', '推进中'],
  竣工: ['竣工', '已竣工', '完工', '已完工', '建成', '已建成', '投用', '已投用', '投产', '完成'],
  停建: ['停建', '停工', '缓建', '暂停', '中止', '已停工'],
};
const STATUS_INDEX = new Map<string, string>();
for (const [canon, words] of Object.entries(STATUS_SYNONYMS)) for (const w of words) STATUS_INDEX.set(labelKey(w), canon);

const CATALOG_INDEX = new Map<string, CatalogEntry>();
export function indexCatalog(catalog: CatalogEntry[]): Map<string, CatalogEntry> {
  const m = new Map<string, CatalogEntry>();
  for (const e of catalog) {
    for (const n of [e.name, ...e.aliases]) {
      const k = nameKey(n);
      if (!m.has(k)) m.set(k, e);
    }
  }
  return m;
}
for (const [k, v] of indexCatalog(INDICATOR_CATALOG)) CATALOG_INDEX.set(k, v);

/** The catalog entry an indicator name means: exact name or alias, then without a unit or bracketed remark. */
export function catalogEntry(name: string, index: Map<string, CatalogEntry> = CATALOG_INDEX): CatalogEntry | null {
  const k = nameKey(name);
  const direct = index.get(k);
  if (direct) return direct;
  const stripped = nameKey(labelKey(name).replace(/\([^()]*\)/g, '').replace(/^\d+[.、]/, ''));
  return index.get(stripped) ?? null;
}

export interface ExtractOptions {
  catalogIndex?: Map<string, CatalogEntry>;
  /** Longest text kept from a cell (Excel's own limit is 32,767). */
  maxText?: number;
  /** The county's departments (原实施部门) for the powers register; the built-in list when absent. */
  departmentIndex?: DepartmentIndex;
}

const DEFAULT_DEPARTMENT_INDEX = indexDepartments(DEFAULT_DEPARTMENTS);
/** A county's power-row schema and its quick check (the built-in departments' schema is ROW_SCHEMAS.powers). */
interface PowerChecks {
  schema: ReturnType<typeof makePowerRowSchema>;
  isClean: (row: Record<string, unknown>) => boolean;
}
const powerChecks = new WeakMap<DepartmentIndex, PowerChecks>();
function powerChecksOf(index: DepartmentIndex): PowerChecks {
  let s = powerChecks.get(index);
  if (!s) {
    s = {
      schema: index === DEFAULT_DEPARTMENT_INDEX ? ROW_SCHEMAS.powers : makePowerRowSchema(index.names),
      isClean: makePowerRowIsClean(index.names),
    };
    powerChecks.set(index, s);
  }
  return s;
}

/** Excel's day 0 is 1899-12-30 (with its 1900 leap-year bug already folded in for serials after February 1900). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * A date cell: a Date, a serial number (a date typed into a cell without a date format), or text such as
 * 「2015年10月1日」「2015.10.1」「2015-10-01」. null when empty; the text as written when it is no date.
 */
export function dateValue(cell: GridCell | undefined): string | null {
  if (!cell) return null;
  const v = cell.value;
  if (v === null || v === undefined || isCellError(v)) return null;
  if (v instanceof Date) return dateCellIso(v) ?? cellText(v);
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 32874 && v <= 73050) return dateCellIso(new Date(EXCEL_EPOCH + v * 86400000)) ?? String(v);
    return String(v);
  }
  const t = cleanText(stripControl(cellText(v)));
  if (!t) return null;
  const found = findDates(t, null).filter((f) => f.strength >= 2);
  // the whole cell must be the date (「2015年10月1日起」 is fine, 「待定」 or 「10月」 is not)
  if (found.length === 1 && toHalfWidth(t).replace(/[\d年月日号.\-/\s]|起|启用/g, '') === '') return found[0].date;
  return t;
}

const MAX_TEXT = 2000;
/** Largest 总投资/年度计划 of a town's key projects, in 万元, that still reads as 万元 when no unit is written. */
const AMBIGUOUS_BELOW = 50;
const AMBIGUOUS_ABOVE = 5_000_000;

/** A1 address of row r in a field's column (null when the table has no such column); built only for a message. */
function cellAt(r: number, info: { col: number } | undefined): string | null {
  return info ? address(r, info.col) : null;
}

function textValue(cell: GridCell | undefined): string | null {
  if (!cell) return null;
  const v = cell.value;
  // text first (most cells of a text column): its own cellText
  if (typeof v === 'string') {
    if (isSettledText(v)) return v === '' ? null : v;
    const t = cleanText(stripControl(v));
    return t === '' ? null : t;
  }
  if (v === null || v === undefined || isCellError(v)) return null;
  const t = cleanText(stripControl(cellText(v)));
  return t === '' ? null : t;
}


/** What every step of a table's extraction reads: the grid, the table and where messages go. */
interface TableCtx {
  grid: Grid;
  t: FoundTable;
  sheet: string;
  kind: TableKind;
  fields: FieldSpec[];
  tableLabel: string;
  nameCol: number;
  issues: Issue[];
  opts: ExtractOptions;
}

/** How the amounts of a project table convert to 万元 (per field), and whether its unit is unknown or assumed. */
interface AmountUnits {
  colFactor: Map<string, number>;
  unitProblem: boolean;
  unitAssumed: boolean;
}

/** A 合计 / 小计 / section row and the rows it totals (their values as read, amounts in 万元). */
interface TotalCheck {
  r: number;
  kind: string;
  rows: Record<string, unknown>[];
}

/** The body of a table read row by row. */
interface Body {
  projects: ExtractedProject[];
  indicators: ExtractedIndicator[];
  powers: ExtractedPower[];
  rowCount: number;
  totalChecks: TotalCheck[];
  detailRows: number[];
}

export function extractTable(grid: Grid, t: FoundTable, opts: ExtractOptions = {}): Extracted {
  const kind = t.kind;
  const ctx: TableCtx = {
    grid, t, sheet: grid.sheet, kind, fields: FIELDS[kind], tableLabel: `「${grid.sheet}」的${KIND_LABEL[kind]}`,
    nameCol: t.fieldCols.get('name')!.col, issues: [], opts,
  };
  checkColumns(ctx);
  const units = amountUnits(ctx);
  const body = readBody(ctx, units);
  sayHiddenAndDetailRows(ctx, body);
  if (kind === 'projects') {
    checkAmountSizes(ctx, body.projects, units.unitAssumed);
    if (!units.unitProblem) checkProjectTotals(ctx, body, units.colFactor);
  }
  if (kind === 'powers') checkPowerCounts(ctx, body);
  const { ytdMonth, ytdHeader } = ytdMonthOf(t, kind);
  return {
    kind, sheet: ctx.sheet, projects: body.projects, indicators: body.indicators, powers: body.powers, issues: ctx.issues,
    rowCount: body.rowCount, nameCol: ctx.nameCol, ytdMonth, ytdHeader,
  };
}

/**
 * The columns: required ones missing (with the headers not understood and the field each resembles, and how to
 * teach the phrasing), optional ones missing, a header that could be two fields, a field in two columns.
 */
function checkColumns(ctx: TableCtx): void {
  const { t, sheet, kind, fields, tableLabel, issues } = ctx;
  // a register grouped under department headings (「一、县发改局（8项）」) names the department there, not in a column
  const sectioned = kind === 'powers' && t.rows.some((br) => br.type === 'section' && br.section);
  const missing = missingFields(t, fields).filter((f) => !(sectioned && f.key === 'department'));
  const unknown = t.otherCols.filter((c) => !c.meaning.derived && !c.meaning.ambiguous && !c.meaning.reason);
  for (const f of missing) {
    if (f.required === 'column') {
      issues.push(makeIssue('E_REQUIRED_COLUMN', sheet, address(t.headerTop, 0), {
        table: tableLabel, label: f.label, synonyms: f.synonyms.slice(0, 4).join('、'), hint: unknownHeadersHint(kind, f, unknown),
      }));
    } else {
      issues.push(makeIssue('W_OPTIONAL_COLUMN', sheet, address(t.headerTop, 0), { table: tableLabel, label: f.label }));
    }
  }
  for (const c of t.otherCols) {
    if (!c.meaning.ambiguous) continue;
    const [a, b] = c.meaning.ambiguous;
    issues.push(makeIssue('W_HEADER_AMBIGUOUS', sheet, address(t.headerBottom, c.col), { header: c.header, a: a.label, b: b.label }));
  }
  for (const d of t.duplicateCols) {
    const col = (info: { col: number }) => address(t.headerBottom, info.col).replace(/\d+$/, '');
    const f = d.info.meaning.field!;
    if ((f.type === 'amount' || f.type === 'number') && columnsDiffer(ctx, d.first.col, d.info.col)) {
      // two columns of one figure that disagree: taking either could be the wrong number
      issues.push(makeIssue('E_COLUMN_TWICE', sheet, address(t.headerBottom, d.info.col), {
        label: f.label, first: col(d.first), firstHeader: d.first.header, second: col(d.info), header: d.info.header,
      }));
    } else {
      issues.push(makeIssue('W_DUPLICATE_COLUMN', sheet, address(t.headerBottom, d.info.col), { header: d.info.header, first: col(d.first) }));
    }
  }
}

/** The clerk's way out of a missing column: the headers not understood, the field each resembles, how to teach it. */
function unknownHeadersHint(kind: TableKind, f: FieldSpec, unknown: { header: string }[]): string {
  if (unknown.length === 0) return '';
  const list = unknown.slice(0, 6).map((c) => {
    const near = closestField(kind, c.header);
    return near ? `「${c.header}」（最接近「${near.label}」）` : `「${c.header}」`;
  });
  const example = JSON.stringify({ headers: { [kind]: { [f.key]: [unknown[0].header.replace(/\s+/g, '')] } } });
  return `。表中未能识别的表头：${list.join('、')}${unknown.length > 6 ? ' 等' : ''}；如其中一列就是「${f.label}」，县里可在配置文件（--config）中加入这种写法，如 ${example}`;
}

/** Whether two columns hold different figures in any body row (blank against a figure counts as different). */
function columnsDiffer(ctx: TableCtx, a: number, b: number): boolean {
  for (const br of ctx.t.rows) {
    if (br.type !== 'data') continue;
    const row = ctx.grid.rows[br.r];
    const x = parseNumber(row?.[a], UNIT_SPELLINGS);
    const y = parseNumber(row?.[b], UNIT_SPELLINGS);
    const vx = x.kind === 'number' ? x.value : x.kind === 'empty' ? null : NaN;
    const vy = y.kind === 'number' ? y.value : y.kind === 'empty' ? null : NaN;
    if (vx === null && vy === null) continue;
    if (vx === null || vy === null || !(Math.abs(vx - vy) <= 1e-9)) return true;
  }
  return false;
}

/** Units of a project table's amount columns: the header's unit, else the table's note, else 万元 with a warning. */
function amountUnits(ctx: TableCtx): AmountUnits {
  const { t, sheet, issues } = ctx;
  const colFactor = new Map<string, number>();
  let unitProblem = false;
  let assumed = false;
  if (ctx.kind !== 'projects') return { colFactor, unitProblem, unitAssumed: false };
  for (const [key, info] of t.fieldCols) {
    const f = info.meaning.field!;
    if (f.type !== 'amount') continue;
    let unit: UnitDef | undefined = info.meaning.unit;
    let unitText = info.meaning.unitText;
    let cell = address(t.headerBottom, info.col);
    let what = `「${info.header}」`;
    if (!unit && unitText === null) {
      if (t.unitNote || t.unitNoteText !== null) {
        unit = t.unitNote;
        unitText = t.unitNoteText;
        cell = t.unitNoteCell ? address(t.unitNoteCell.r, t.unitNoteCell.c) : cell;
        what = '表中金额';
      } else {
        unit = BASE_MONEY;
        assumed = true;
      }
    }
    const factor = unit ? conversionFactor(unit, BASE_MONEY) : null;
    if (factor === null) {
      unitProblem = true;
      issues.push(makeIssue('E_UNIT', sheet, cell, { unit: unit?.name ?? unitText ?? '', target: '万元', what }));
    } else colFactor.set(key, factor);
  }
  if (assumed) issues.push(makeIssue('W_UNIT_ASSUMED', sheet, address(t.headerTop, 0), { table: ctx.tableLabel }));
  return { colFactor, unitProblem, unitAssumed: assumed };
}

/** What readRow says of the row it read besides its values (one object per table, set again for each row). */
interface RowFlags {
  anyNumber: boolean;
  hasError: boolean;
}

/** A field of the table, looked up once per table: its column, whether a vertical merge gives it, its amount's factor. */
type FieldInfo = { f: FieldSpec; info: ColumnInfo | undefined; inherited: boolean; factor: number | undefined };

const NO_UNITS: readonly string[] = [];

/** Whether a cell value is a formula error (most values are text or numbers: no call for them). */
function errorValue(v: GridCell['value']): boolean {
  return typeof v === 'object' && v !== null && isCellError(v);
}

/**
 * The values of one body row by field (amounts in 万元), read and checked cell by cell, into a copy of the table's
 * blank row: every field's key is there from the start, in the order of the fields, so that a row is one object of
 * one shape, not grown key by key (ten thousand rows of a task pane's first 校验 run in code not yet optimised).
 */
function readRow(ctx: TableCtx, r: number, fieldInfos: FieldInfo[], blank: Record<string, null>, mergedAbove: Map<string, string>, flags: RowFlags): Record<string, unknown> {
  const { grid, t, sheet, kind, issues, opts } = ctx;
  const gridRow = grid.rows[r];
  // formula errors in columns the table does not use as fields: warning only
  const otherCols = t.otherCols;
  for (let i = 0; i < otherCols.length; i++) {
    const oc = otherCols[i]!;
    const cell = gridRow?.[oc.col];
    if (cell && errorValue(cell.value)) {
      issues.push(makeIssue('W_FORMULA_ERROR_DERIVED', sheet, address(r, oc.col), { label: oc.header, error: (cell.value as CellError).error }));
    }
  }
  const raw: Record<string, unknown> = { ...blank };
  let anyNumber = false;
  let hasError = false;
  for (let i = 0; i < fieldInfos.length; i++) {
    const { f, info, inherited, factor } = fieldInfos[i]!;
    const cell = info && gridRow ? gridRow[info.col] : undefined;
    if (f.type !== 'date' && f.type !== 'text' && cell && typeof cell.value === 'number' && !cell.noResult && !cell.percent && Number.isFinite(cell.value)) {
      // a plain number (most figures): what parseNumber reads it as, without asking it (a number, no percent, no unit)
      if (f.type === 'int') raw[f.key] = cell.value;
      else if (f.type === 'amount') {
        anyNumber = true;
        raw[f.key] = factor === undefined ? null : cell.value * factor;
      } else {
        anyNumber = true;
        raw[f.key] = cell.value;
      }
      continue;
    }
    if (f.type === 'date') {
      if (cell && errorValue(cell.value)) {
        issues.push(makeIssue('E_FORMULA_ERROR', sheet, cellAt(r, info), { label: info!.header, error: (cell.value as CellError).error }));
        hasError = true;
      }
      raw[f.key] = dateValue(cell);
      continue;
    }
    if (f.type === 'text') {
      let v = textValue(cell);
      // 类别 or 项目组长 merged down over several projects: each of them has it (amounts are never spread)
      if (v === null && info && inherited) v = mergedAbove.get(`${r},${info.col}`) ?? null;
      if (cell && errorValue(cell.value)) {
        issues.push(makeIssue('E_FORMULA_ERROR', sheet, cellAt(r, info), { label: info!.header, error: (cell.value as CellError).error }));
        hasError = true;
      }
      if (v && v.length > (opts.maxText ?? MAX_TEXT)) {
        issues.push(makeIssue('W_TEXT_TRUNCATED', sheet, cellAt(r, info), { label: info!.header, max: opts.maxText ?? MAX_TEXT }));
        v = `${v.slice(0, opts.maxText ?? MAX_TEXT)}…`;
      }
      raw[f.key] = v;
      continue;
    }
    const p = parseNumber(cell, kind === 'projects' ? UNIT_SPELLINGS : NO_UNITS);
    let value: number | null = null;
    if (f.type === 'int') {
      // 序号 is informational: 「1-1」, a formula without result or an error value there is no one's figure
      raw[f.key] = p.kind === 'number' ? p.value : null;
      continue;
    }
    switch (p.kind) {
      case 'empty':
        // blank, 「—」「-」「/」「无」: no figure (see docs/zh/headers.md)
        break;
      case 'noResult':
        anyNumber = true;
        if (f.type === 'amount' || f.required) {
          issues.push(makeIssue(f.required ? 'E_FORMULA_NO_RESULT' : 'W_FORMULA_NO_RESULT', sheet, cellAt(r, info), { label: info!.header }));
          hasError = hasError || !!f.required;
        }
        break;
      case 'error':
        anyNumber = true;
        issues.push(makeIssue('E_FORMULA_ERROR', sheet, cellAt(r, info), { label: info!.header, error: p.error }));
        hasError = true;
        break;
      case 'text':
        anyNumber = true;
        issues.push(makeIssue('E_NOT_NUMBER', sheet, cellAt(r, info), { label: info!.header, value: p.text.slice(0, 40) }));
        hasError = true;
        break;
      case 'number': {
        anyNumber = true;
        if (f.type === 'amount') {
          if (p.percent) {
            issues.push(makeIssue('E_PERCENT_IN_AMOUNT', sheet, cellAt(r, info), { label: info!.header, value: cellText(cell!.value) }));
            hasError = true;
            break;
          }
          const unitFactor = p.unit ? conversionFactor(findUnit(p.unit)!, BASE_MONEY) : factor;
          if (unitFactor === null || unitFactor === undefined) {
            if (p.unit) {
              issues.push(makeIssue('E_UNIT', sheet, cellAt(r, info), { unit: p.unit, target: '万元', what: `「${info!.header}」` }));
              hasError = true;
            }
            break;
          }
          value = p.value * unitFactor;
        } else value = p.value; // indicators: converted below with the row's unit
        break;
      }
    }
    raw[f.key] = value;
  }
  flags.anyNumber = anyNumber;
  flags.hasError = hasError;
  return raw;
}

/** The body, row by row: data rows typed and checked; total, subtotal, section and 「其中」 rows set aside. */
function readBody(ctx: TableCtx, units: AmountUnits): Body {
  const { grid, t, sheet, kind, issues, nameCol, opts } = ctx;
  const body: Body = { projects: [], indicators: [], powers: [], rowCount: 0, totalChecks: [], detailRows: [] };
  const departments = opts.departmentIndex ?? DEFAULT_DEPARTMENT_INDEX;
  const seenNames = new Map<string, number>();
  let section: string | null = null;
  // rows summed for total checks: since the last section start (for 小计 and section totals) and all
  let groupRows: Record<string, unknown>[] = [];
  const allRows: Record<string, unknown>[] = [];
  let pendingSection: TotalCheck | null = null;
  // a 合计 above the rows it totals: the rows up to the next 合计 or the end of the table
  let topTotal: TotalCheck | null = null;
  const mergedAbove = verticalMergeValues(grid, t);
  // the table's column of each field, looked up once, not per row
  const fieldInfos: FieldInfo[] = ctx.fields.map((f) => ({ f, info: t.fieldCols.get(f.key), inherited: INHERITED.has(f.key), factor: units.colFactor.get(f.key) }));
  // a row with every field, all null: what readRow copies and fills
  const blank: Record<string, null> = {};
  for (const f of ctx.fields) blank[f.key] = null;
  const flags: RowFlags = { anyNumber: false, hasError: false };
  const counted = (raw: Record<string, unknown>) => {
    groupRows.push(raw);
    allRows.push(raw);
    if (topTotal) topTotal.rows.push(raw);
  };
  const bodyRows = t.rows;
  for (let b = 0; b < bodyRows.length; b++) {
    const br = bodyRows[b]!;
    if (br.type === 'section') {
      if (pendingSection) body.totalChecks.push(pendingSection);
      section = br.section || null;
      groupRows = [];
      // a section with figures (projects) or a count 「（8项）」 (powers) totals the rows below it
      pendingSection = br.hasTotals || kind === 'powers' ? { r: br.r, kind: '分类合计', rows: groupRows } : null;
      continue;
    }
    if (br.type === 'subtotal') {
      body.totalChecks.push({ r: br.r, kind: '小计', rows: groupRows });
      groupRows = [];
      if (pendingSection) pendingSection = null;
      continue;
    }
    if (br.type === 'total') {
      if (topTotal) body.totalChecks.push(topTotal);
      topTotal = null;
      // a 合计 directly under the header, before any row (a common layout), totals the rows below it
      if (allRows.length === 0) topTotal = { r: br.r, kind: '合计', rows: [] };
      else body.totalChecks.push({ r: br.r, kind: '合计', rows: [...allRows] });
      continue;
    }
    if (br.type === 'detail') {
      body.detailRows.push(br.r);
      continue;
    }
    const r = br.r;
    const raw = readRow(ctx, r, fieldInfos, blank, mergedAbove, flags);
    const anyNumber = flags.anyNumber;
    let rowHasError = flags.hasError;
    const name = raw.name as string | null;
    // a project or a power is reported by its name; an indicator only by a figure (templates come with the names filled in)
    if (anyNumber || (name && kind !== 'indicators')) body.rowCount++;
    if (kind === 'powers') {
      if (!name) {
        // the department of a section or a merged cell alone is no row; a way or a status without a name is
        if (raw.way || raw.status) {
          issues.push(makeIssue('E_POWER_NO_NAME', sheet, address(r, nameCol), { row: r + 1 }));
          body.rowCount++;
        }
        continue;
      }
      const p = powerRow(raw, r, t, sheet, section, departments, issues, seenNames);
      if (p && !rowHasError) body.powers.push(p);
      counted(raw);
      continue;
    }
    if (!name) {
      // a row without a name: an error when it carries numbers; a continuation remark otherwise
      if (anyNumber) {
        issues.push(makeIssue('E_NO_NAME', sheet, address(r, nameCol), { row: r + 1, what: kind === 'projects' ? '项目' : '指标' }));
      }
      continue;
    }
    const key = nameKey(name);
    const firstRow = seenNames.get(key);
    if (firstRow !== undefined) {
      issues.push(makeIssue('E_DUP_NAME', sheet, address(r, nameCol), { name, first: `第 ${firstRow + 1} 行` }));
      rowHasError = true;
    } else seenNames.set(key, r);
    if (kind === 'projects') {
      const p = projectRow(ctx, r, raw, section, rowHasError);
      if (p) body.projects.push(p);
      counted(raw);
    } else {
      const ind = indicatorRow(raw, r, t, sheet, grid, issues, opts);
      if (ind && !rowHasError) body.indicators.push(ind);
    }
  }
  if (pendingSection) body.totalChecks.push(pendingSection);
  if (topTotal) body.totalChecks.push(topTotal);
  return body;
}

/** A project row: its category and status in canonical form, checked by the schema; an annual plan without a figure said. */
function projectRow(ctx: TableCtx, r: number, raw: Record<string, unknown>, section: string | null, rowHasError: boolean): ExtractedProject | null {
  const { t, sheet, issues, grid } = ctx;
  // the section heading (「一、基础设施类」) is the category of its rows where the row names none
  if (!raw.category && section) raw.category = section;
  if (typeof raw.category === 'string') raw.category = raw.category.replace(CATEGORY_SUFFIX_RE, '') || raw.category;
  if (typeof raw.status === 'string') raw.status = STATUS_INDEX.get(labelKey(raw.status as string)) ?? raw.status;
  // the schema's quick check vouches for a clean row; any other goes through zod for its issues
  const parsed = projectRowIsClean(raw) ? null : ROW_SCHEMAS.projects.safeParse(raw);
  const zodIssues = !parsed || parsed.success ? NO_ZOD_ISSUES : parsed.error.issues;
  for (let i = 0; i < zodIssues.length; i++) issues.push(zodIssue(zodIssues[i]!, r, t, sheet, raw));
  // an annual plan and no cumulative figure: the project counts as 0 % done, and the clerk must see why
  const ytdInfo = t.fieldCols.get('completedYtd');
  if (ytdInfo && raw.completedYtd === null && typeof raw.annualPlan === 'number' && raw.annualPlan > 0) {
    const cell = grid.rows[r]?.[ytdInfo.col];
    const written = cell && typeof cell.value === 'string' ? cell.value.trim() : '';
    // blank or a mark for "none" (a text, an error or a formula without result has its own error)
    if (parseNumber(cell).kind === 'empty') {
      issues.push(makeIssue('W_PLAN_NO_YTD', sheet, address(r, ytdInfo.col), {
        label: ytdInfo.header, how: written ? `填的是「${written}」` : '是空白', plan: fmtAmount(raw.annualPlan),
      }));
    }
  }
  // warnings from the schema (W_…) do not make the row unusable; the base types hold, so raw is a ProjectRow
  const hardError = zodIssues.some((zi) => severityOf(zi.message.split('|')[0]!) === 'error');
  return !hardError && !rowHasError ? { row: r, values: raw as ProjectRow } : null;
}

const NO_ZOD_ISSUES: readonly z.ZodIssue[] = [];

/** 「基础设施类」「基础设施类项目」 → 基础设施 */
const CATEGORY_SUFFIX_RE = /(类项目|类)$/;

/** Rows hidden by hand or by a filter (counted: the clerk may not see them) and 「其中」 rows (not counted). */
function sayHiddenAndDetailRows(ctx: TableCtx, body: Body): void {
  const { grid, sheet, nameCol, issues } = ctx;
  const hidden = new Set(grid.hiddenRows ?? []);
  const hiddenData = hidden.size ? [...body.projects.map((p) => p.row), ...body.indicators.map((i) => i.row), ...body.powers.map((p) => p.row)].filter((x) => hidden.has(x)).sort((a, b) => a - b) : [];
  if (hiddenData.length) {
    issues.push(makeIssue('W_HIDDEN_ROWS', sheet, address(hiddenData[0], nameCol), {
      n: hiddenData.length, rows: hiddenData.slice(0, 8).map((x) => x + 1).join('、'),
    }));
  }
  if (body.detailRows.length) {
    issues.push(makeIssue('W_DETAIL_ROWS', sheet, address(body.detailRows[0], nameCol), { n: body.detailRows.length, rows: body.detailRows.slice(0, 5).map((x) => x + 1).join('、') }));
  }
}

/** Figures that cannot be 万元: one project above 500亿元, or a whole table without a unit that reads as 亿元 or 元. */
function checkAmountSizes(ctx: TableCtx, projects: ExtractedProject[], unitAssumed: boolean): void {
  const { t, sheet, issues } = ctx;
  if (!unitAssumed) {
    // a column in 元 under a 万元 header (the county total would be off ten-thousandfold)
    const keys = ['totalInvestment', 'annualPlan', 'completedYtd'] as const;
    const infos = keys.map((key) => t.fieldCols.get(key));
    for (let i = 0; i < projects.length; i++) {
      const p = projects[i]!;
      for (let k = 0; k < keys.length; k++) {
        const v = p.values[keys[k]!];
        const info = infos[k];
        if (v !== null && v > AMBIGUOUS_ABOVE && info) {
          issues.push(makeIssue('E_AMOUNT_IMPLAUSIBLE', sheet, address(p.row, info.col), { label: info.header, value: fmtAmount(v), max: fmtAmount(AMBIGUOUS_ABOVE) }));
        }
      }
    }
    return;
  }
  if (!projects.length) return;
  const sizes = projects.flatMap((p) => [p.values.totalInvestment, p.values.annualPlan]).filter((v): v is number => v !== null && v > 0);
  const max = sizes.reduce((m, v) => (v > m ? v : m), 0); // no spread: a table may hold 100,000 rows
  if (sizes.length && (max < AMBIGUOUS_BELOW || max > AMBIGUOUS_ABOVE)) {
    issues.push(makeIssue('E_UNIT_AMBIGUOUS', sheet, address(t.headerTop, 0), { table: ctx.tableLabel, max: fmtAmount(max), guess: max < AMBIGUOUS_BELOW ? '亿元' : '元' }));
  }
}

/** Total rows of a project table against the rows they total (amounts only). */
function checkProjectTotals(ctx: TableCtx, body: Body, colFactor: Map<string, number>): void {
  const { grid, t, sheet, issues } = ctx;
  for (const tc of body.totalChecks) {
    for (const [key, info] of t.fieldCols) {
      if (info.meaning.field!.type !== 'amount') continue;
      const cell = grid.rows[tc.r]?.[info.col];
      const p = parseNumber(cell, UNIT_SPELLINGS);
      if (p.kind !== 'number' || p.percent) continue;
      const factor = colFactor.get(key);
      if (factor === undefined) continue;
      const stated = p.value * factor;
      const computed = sumAmountsOf(tc.rows, key);
      const diff = stated - computed;
      // hand-typed totals of rounded figures: up to one unit of the second decimal per row, in the table's unit
      const tolerance = 0.01 * Math.max(1, tc.rows.length) * factor + 1e-6;
      if (Math.abs(diff) > tolerance) {
        issues.push(makeIssue('W_TOTAL_MISMATCH', sheet, address(tc.r, info.col), {
          label: info.header, kind: tc.kind, stated: fmtAmount(stated), computed: fmtAmount(computed), diff: fmtAmount(diff),
        }));
      }
    }
  }
}

/** 「合计：143项」「143项」「共143项」「（8项）」: the count a register's total or section row states, and its cell. */
const COUNT_RE = /(?:^|[(（:：共计])\s*(\d{1,5})\s*(?:项|个|条|件)\s*[)）]?$/;

/** A register's own 合计, 小计 and department headings 「一、县发改局（8项）」 against the powers listed under them. */
function checkPowerCounts(ctx: TableCtx, body: Body): void {
  const { grid, sheet, issues } = ctx;
  for (const tc of body.totalChecks) {
    const row = grid.rows[tc.r] ?? [];
    let stated: { n: number; c: number; text: string } | null = null;
    for (let c = 0; c < row.length && !stated; c++) {
      const v = row[c]?.value;
      if (v === null || v === undefined) continue;
      const text = toHalfWidth(cellText(v)).trim();
      const m = COUNT_RE.exec(text) ?? (typeof v === 'number' && c === ctx.nameCol && Number.isInteger(v) ? [text, String(v)] : null);
      if (m) stated = { n: Number(m[1]), c, text };
    }
    if (!stated) continue;
    const computed = tc.rows.length;
    if (stated.n !== computed) {
      issues.push(makeIssue('W_POWER_COUNT_MISMATCH', sheet, address(tc.r, stated.c), { kind: tc.kind, text: stated.text, stated: stated.n, computed }));
    }
  }
}

/** N of a 「1-N月累计」 header of the year-to-date column, when it says. */
function ytdMonthOf(t: FoundTable, kind: TableKind): { ytdMonth: number | null; ytdHeader: string | null } {
  const ytdInfo = t.fieldCols.get(kind === 'projects' ? 'completedYtd' : 'actual');
  const ym = ytdInfo ? /(?:^|[^\d])1\s*[-—–~～至到]\s*(\d{1,2})\s*月/.exec(toHalfWidth(ytdInfo.header)) : null;
  const ytdMonth = ym && Number(ym[1]) >= 1 && Number(ym[1]) <= 12 ? Number(ym[1]) : null;
  return { ytdMonth, ytdHeader: ytdInfo?.header ?? null };
}

/**
 * One row of the powers register: its values mapped to the canonical department, way, status and type (the
 * department of a section heading 「一、县发改局（8项）」 where the row names none), checked by the schema; a name
 * twice in one department is an error, the same name in two departments is not.
 */
function powerRow(
  raw: Record<string, unknown>,
  r: number,
  t: FoundTable,
  sheet: string,
  section: string | null,
  departments: DepartmentIndex,
  issues: Issue[],
  seen: Map<string, number>,
): ExtractedPower | null {
  const asText = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : null);
  const deptText = asText('department') ?? section;
  const department = deptText === null ? null : matchDepartment(deptText, departments) ?? deptText;
  const way = asText('way');
  const status = asText('status');
  const type = asText('powerType');
  const values = {
    seq: (raw.seq as number | null) ?? null,
    department,
    name: raw.name as string,
    powerType: type === null ? null : canonicalPowerType(type),
    way: way === null ? null : canonicalWay(way),
    basis: asText('basis'),
    receiver: asText('receiver'),
    status: status === null ? null : canonicalPowerStatus(status),
    startDate: (raw.startDate as string | null) ?? null,
  };
  // the schema's quick check vouches for a clean row; any other goes through zod for its issues
  const checks = powerChecksOf(departments);
  const parsed = checks.isClean(values) ? null : checks.schema.safeParse(values);
  const zodIssues = !parsed || parsed.success ? [] : parsed.error.issues;
  const cellOf = (key: string) => {
    const info = t.fieldCols.get(key);
    return info ? address(r, info.col) : address(r, t.fieldCols.get('name')!.col);
  };
  for (const zi of zodIssues) {
    const key = String(zi.path[0] ?? 'name');
    const params = (zi as { params?: Record<string, string> }).params ?? {};
    const allowed = departments.names.length > 8 ? `${departments.names.slice(0, 8).join('、')}等${departments.names.length}个部门` : departments.names.join('、');
    // the schema's refinements speak in catalogue codes; any other zod message (the base types, which the mapping
    // above guarantees) is a value the register's lists do not hold
    const code = isCode(zi.message) ? zi.message : 'E_POWER_REQUIRED';
    issues.push(makeIssue(code, sheet, cellOf(key), { ...params, allowed: code === 'E_POWER_DEPARTMENT' ? allowed : params.allowed ?? '' }));
  }
  const hardError = zodIssues.some((zi) => severityOf(zi.message) === 'error');
  if (department !== null) {
    const key = `${department}\u0000${nameKey(values.name)}`;
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push(makeIssue('E_DUP_POWER', sheet, cellOf('name'), { department, name: values.name, first: `第 ${first + 1} 行` }));
      return null;
    }
    seen.set(key, r);
  }
  if (hardError) return null;
  return { row: r, values: values as PowerRow };
}

/** Text fields whose value a vertical merge gives to every row it spans. */
const INHERITED = new Set(['category', 'leader', 'unit', 'status', 'period', 'department', 'way', 'receiver', 'powerType', 'basis']);

/** "r,c" → the master's text, for the cells under the master of a vertical merge inside the table body. */
function verticalMergeValues(grid: Grid, t: FoundTable): Map<string, string> {
  const out = new Map<string, string>();
  const cols = new Set([...t.fieldCols.values()].map((c) => c.col));
  for (const m of grid.merges) {
    if (m.bottom === m.top || m.top <= t.headerBottom || m.top >= t.end || !cols.has(m.left)) continue;
    const v = textValue(grid.rows[m.top]?.[m.left]);
    if (v === null) continue;
    for (let r = m.top + 1; r <= Math.min(m.bottom, t.end - 1); r++) out.set(`${r},${m.left}`, v);
  }
  return out;
}

function zodIssue(zi: z.ZodIssue, r: number, t: FoundTable, sheet: string, raw: Record<string, unknown>): Issue {
  const key = String(zi.path[0] ?? 'name');
  const info = t.fieldCols.get(key);
  const cell = info ? address(r, info.col) : null;
  const label = info?.header ?? key;
  const [code] = zi.message.split('|');
  const params = (zi as { params?: Record<string, number | string> }).params ?? {};
  switch (code) {
    case 'E_NEGATIVE':
      return makeIssue('E_NEGATIVE', sheet, cell, { label, value: fmtAmount(Number(raw[key])) });
    case 'E_YTD_GT_TOTAL':
      return makeIssue(code, sheet, cell, { ytd: fmtAmount(Number(params.ytd)), total: fmtAmount(Number(params.total)) });
    case 'E_WEEK_GT_YTD':
      return makeIssue(code, sheet, cell, { week: fmtAmount(Number(params.week)), ytd: fmtAmount(Number(params.ytd)) });
    case 'E_YTD_GT_SINCE_START':
      return makeIssue(code, sheet, cell, { ytd: fmtAmount(Number(params.ytd)), since: fmtAmount(Number(params.since)) });
    case 'E_SINCE_START_GT_TOTAL':
      return makeIssue(code, sheet, cell, { since: fmtAmount(Number(params.since)), total: fmtAmount(Number(params.total)) });
    case 'W_OVER_PLAN':
      return makeIssue(code, sheet, cell, { ytd: fmtAmount(Number(params.ytd)), plan: fmtAmount(Number(params.plan)), pct: fmtPercent(Number(params.ytd) / Number(params.plan)) });
    case 'W_BAD_STATUS':
      return makeIssue(code, sheet, cell, { value: String(params.value) });
    default:
      return makeIssue('E_NOT_NUMBER', sheet, cell, { label, value: String(raw[key] ?? '') });
  }
}

function indicatorRow(
  raw: Record<string, unknown>,
  r: number,
  t: FoundTable,
  sheet: string,
  grid: Grid,
  issues: Issue[],
  opts: ExtractOptions,
): ExtractedIndicator | null {
  const name = raw.name as string;
  const entry = catalogEntry(name, opts.catalogIndex);
  const unitInfo = t.fieldCols.get('unit');
  const unitCellText = unitInfo ? textValue(grid.rows[r]?.[unitInfo.col]) : null;
  const targetInfo = t.fieldCols.get('target');
  const actualInfo = t.fieldCols.get('actual');
  const headerUnit = targetInfo?.meaning.unit ?? actualInfo?.meaning.unit;
  let rowUnit: UnitDef | undefined;
  let rowUnitText: string | null = unitCellText;
  if (unitCellText) rowUnit = findUnit(unitCellText);
  else if (headerUnit) {
    rowUnit = headerUnit;
    rowUnitText = headerUnit.name;
  }
  const unitCell = unitInfo ? address(r, unitInfo.col) : targetInfo ? address(t.headerBottom, targetInfo.col) : null;
  let target = raw.target as number | null;
  let actual = raw.actual as number | null;
  let unit: string | null = rowUnitText;
  if (!entry) {
    issues.push(makeIssue('W_UNKNOWN_INDICATOR', sheet, address(r, t.fieldCols.get('name')!.col), { name }));
  } else {
    const catUnit = findUnit(entry.unit);
    if (!rowUnitText) {
      issues.push(makeIssue('W_INDICATOR_UNIT_ASSUMED', sheet, unitCell, { name, unit: entry.unit }));
      unit = entry.unit;
    } else if (catUnit && labelKey(entry.unit) !== labelKey(rowUnitText)) {
      const factor = rowUnit ? conversionFactor(rowUnit, catUnit) : null;
      if (factor === null) {
        issues.push(makeIssue('E_UNIT', sheet, unitCell, { unit: rowUnitText, target: entry.unit, what: `指标「${name}」` }));
        return null;
      }
      if (target !== null) target *= factor;
      if (actual !== null) actual *= factor;
      unit = entry.unit;
    } else unit = entry.unit;
  }
  if (entry?.range) {
    const [lo, hi] = entry.range;
    let implausible = false;
    for (const [v, info] of [[target, targetInfo], [actual, actualInfo]] as const) {
      if (v === null || v === 0 || (v >= lo && v <= hi)) continue;
      implausible = true;
      issues.push(makeIssue('E_VALUE_IMPLAUSIBLE', sheet, info ? address(r, info.col) : null, {
        name, value: fmtAmount(v), unit: entry.unit, lo: fmtAmount(lo), hi: fmtAmount(hi),
        hint: entry.unit === '%' && v < 1 ? '比率请按百分数填写，如 58% 填 58' : '请核对单位',
      }));
    }
    if (implausible) return null;
  }
  const values = { seq: (raw.seq as number | null) ?? null, name, unit, target, actual, yoy: (raw.yoy as number | null) ?? null };
  // the schema's quick check vouches for a row it accepts as it is (zod would give a copy of the same fields in order)
  let checked: IndicatorRow = values;
  if (!indicatorRowIsClean(values)) {
    const parsed = ROW_SCHEMAS.indicators.safeParse(values);
    if (!parsed.success) return null;
    checked = parsed.data;
  }
  return { row: r, values: checked, catalog: entry, unit, targetCell: targetInfo ? address(r, targetInfo.col) : null };
}
