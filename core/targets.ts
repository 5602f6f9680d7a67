/**
 * County targets (县级目标表): the county's workbook of town × indicator × year targets, with the mid-term adjustment
 * (调整后目标, 调整日期, 调整文号). Read through the same table finder as the towns' tables (kind 'targets'),
 * indicator names through the catalog, units converted to the catalog unit. The target in force at the as-of date
 * is the adjusted one once its date has come, else the original. Pure.
 */
import { dateCellIso, findDates, parseIso } from './dates';
import { catalogEntry } from './extract';
import { Grid, GridCell, address, cellText, isCellError } from './grid';
import { fmtAmount, makeIssue } from './messages';
import { parseNumber } from './numbers';
import { RosterTown, townMatcher } from './roster';
import { CatalogEntry, TARGET_FIELDS, TARGET_TABLE_LABEL } from './schema';
import { findTables, missingFields } from './table';
import { cleanText, nameKey, stripControl } from './text';
import { Issue } from './types';
import { conversionFactor, findUnit } from './units';

/** One row of the county's target workbook, in the catalog unit. */
export interface TargetRow {
  town: string;
  /** Canonical indicator name (catalog). */
  indicator: string;
  unit: string;
  /** null: the workbook has no 年度 column; the row holds for any year. */
  year: number | null;
  target: number | null;
  adjustedTarget: number | null;
  adjustedOn: string | null;
  adjustDoc: string | null;
  sheet: string;
  /** 1-based row. */
  row: number;
}

export interface CountyTargets {
  /** File name, for messages. */
  source: string;
  rows: TargetRow[];
}

export type TargetsResult = { ok: true; targets: CountyTargets; warnings: Issue[] } | { ok: false; issues: Issue[]; warnings: Issue[] };

export interface TargetsContext {
  roster: RosterTown[];
  asOf: string;
  catalogIndex?: Map<string, CatalogEntry>;
}

function textOf(cell: GridCell | undefined): string | null {
  if (!cell || cell.value === null || cell.value === undefined || isCellError(cell.value)) return null;
  const t = cleanText(stripControl(cellText(cell.value)));
  return t === '' ? null : t;
}

/** A date cell as officials keep it: a date, an Excel serial number, or text 「2015年7月15日」「2015.7.15」. */
function dateOf(cell: GridCell | undefined): { ok: true; date: string | null } | { ok: false; text: string } {
  if (!cell || cell.value === null || cell.value === undefined) return { ok: true, date: null };
  const v = cell.value;
  if (v instanceof Date) {
    const d = dateCellIso(v);
    return d ? { ok: true, date: d } : { ok: false, text: String(v) };
  }
  if (typeof v === 'number' && Number.isInteger(v) && v > 20000 && v < 80000) {
    const d = dateCellIso(new Date(Date.UTC(1899, 11, 30) + v * 86400000));
    return d ? { ok: true, date: d } : { ok: false, text: String(v) };
  }
  const text = textOf(cell);
  if (text === null) return { ok: true, date: null };
  const found = findDates(text, null).filter((f) => f.strength >= 2);
  return found.length ? { ok: true, date: found[0].date } : { ok: false, text };
}

function yearOf(cell: GridCell | undefined): { ok: true; year: number | null } | { ok: false; text: string } {
  if (!cell || cell.value === null || cell.value === undefined) return { ok: true, year: null };
  const v = cell.value;
  if (v instanceof Date) return { ok: true, year: v.getUTCFullYear() };
  const text = textOf(cell);
  if (text === null) return { ok: true, year: null };
  const m = /^(\d{4})\s*(?:年度?)?$/.exec(text.replace(/\.0+$/, ''));
  const y = m ? Number(m[1]) : NaN;
  return y >= 1990 && y <= 2100 ? { ok: true, year: y } : { ok: false, text };
}

/** Reads the target workbook's visible sheets; every problem is an issue with its sheet and cell. */
export function readTargets(source: string, grids: Grid[], ctx: TargetsContext): TargetsResult {
  const issues: Issue[] = [];
  const warnings: Issue[] = [];
  const match = townMatcher(ctx.roster);
  const rows: TargetRow[] = [];
  const seen = new Map<string, TargetRow>();
  let tables = 0;
  for (const grid of grids) {
    if (grid.hidden) continue;
    for (const t of findTables(grid, ['targets'] as const)) {
      tables++;
      const sheet = grid.sheet;
      const missing = missingFields(t, TARGET_FIELDS).filter((f) => f.required === 'column');
      for (const f of missing) {
        issues.push(makeIssue('E_REQUIRED_COLUMN', sheet, address(t.headerTop, 0), { table: `「${sheet}」的${TARGET_TABLE_LABEL}`, label: f.label, synonyms: f.synonyms.slice(0, 4).join('、') }));
      }
      if (missing.length) continue;
      const col = (key: string) => t.fieldCols.get(key)?.col;
      const cellAt = (r: number, key: string) => {
        const c = col(key);
        return c === undefined ? undefined : grid.rows[r]?.[c];
      };
      const addr = (r: number, key: string) => {
        const c = col(key);
        return c === undefined ? null : address(r, c);
      };
      for (const br of t.rows) {
        if (br.type !== 'data') continue;
        const r = br.r;
        const townText = textOf(cellAt(r, 'town'));
        const name = textOf(cellAt(r, 'name'));
        const numbers: Record<'target' | 'adjustedTarget', number | null> = { target: null, adjustedTarget: null };
        let bad = false;
        let anyNumber = false;
        for (const key of ['target', 'adjustedTarget'] as const) {
          const cell = cellAt(r, key);
          const p = parseNumber(cell);
          const header = t.fieldCols.get(key)?.header ?? key;
          if (p.kind === 'empty') continue;
          anyNumber = true;
          if (p.kind === 'number') numbers[key] = p.value;
          else {
            bad = true;
            if (p.kind === 'error') issues.push(makeIssue('E_FORMULA_ERROR', sheet, addr(r, key), { label: header, error: p.error }));
            else if (p.kind === 'noResult') issues.push(makeIssue('E_FORMULA_NO_RESULT', sheet, addr(r, key), { label: header }));
            else issues.push(makeIssue('E_NOT_NUMBER', sheet, addr(r, key), { label: header, value: p.text.slice(0, 40) }));
          }
        }
        if (!townText && !name && !anyNumber) continue;
        if (!name) {
          if (anyNumber) issues.push(makeIssue('E_NO_NAME', sheet, addr(r, 'name'), { row: r + 1, what: '指标' }));
          continue;
        }
        if (!townText) {
          issues.push(makeIssue('E_TARGET_NO_TOWN', sheet, addr(r, 'town'), { row: r + 1 }));
          continue;
        }
        const towns = [...new Set(match(townText).map((m) => m.town))];
        if (towns.length !== 1) {
          issues.push(makeIssue('E_TARGET_TOWN_UNKNOWN', sheet, addr(r, 'town'), { town: townText }));
          bad = true;
        }
        const entry = catalogEntry(name, ctx.catalogIndex);
        if (!entry) {
          issues.push(makeIssue('E_TARGET_INDICATOR_UNKNOWN', sheet, addr(r, 'name'), { name }));
          bad = true;
        }
        const year = yearOf(cellAt(r, 'year'));
        if (!year.ok) {
          issues.push(makeIssue('E_TARGET_BAD_YEAR', sheet, addr(r, 'year'), { value: year.text }));
          bad = true;
        }
        const date = dateOf(cellAt(r, 'adjustedOn'));
        if (!date.ok) {
          issues.push(makeIssue('E_TARGET_BAD_DATE', sheet, addr(r, 'adjustedOn'), { value: date.text }));
          bad = true;
        }
        if (numbers.adjustedTarget !== null && date.ok && !date.date) {
          issues.push(makeIssue('E_TARGET_ADJUST_NO_DATE', sheet, addr(r, 'adjustedTarget'), { value: fmtAmount(numbers.adjustedTarget) }));
          bad = true;
        }
        if (numbers.adjustedTarget === null && date.ok && date.date) {
          warnings.push(makeIssue('W_TARGET_DATE_NO_VALUE', sheet, addr(r, 'adjustedOn'), { date: date.date }));
        }
        // the row's unit (or the header's) converted to the catalog unit
        let factor = 1;
        if (entry) {
          const unitText = textOf(cellAt(r, 'unit')) ?? t.fieldCols.get('target')?.meaning.unitText ?? null;
          const catUnit = findUnit(entry.unit);
          if (unitText && catUnit && nameKey(unitText) !== nameKey(entry.unit)) {
            const u = findUnit(unitText);
            const f = u ? conversionFactor(u, catUnit) : null;
            if (f === null) {
              issues.push(makeIssue('E_UNIT', sheet, addr(r, 'unit') ?? addr(t.headerBottom, 'target'), { unit: unitText, target: entry.unit, what: `指标「${name}」` }));
              bad = true;
            } else factor = f;
          }
        }
        if (bad || !entry || !year.ok || !date.ok) continue;
        const row: TargetRow = {
          town: towns[0],
          indicator: entry.name,
          unit: entry.unit,
          year: year.year,
          target: numbers.target === null ? null : numbers.target * factor,
          adjustedTarget: numbers.adjustedTarget === null ? null : numbers.adjustedTarget * factor,
          adjustedOn: date.date,
          adjustDoc: textOf(cellAt(r, 'adjustDoc')),
          sheet,
          row: r + 1,
        };
        const key = targetKey(row.town, row.indicator, row.year);
        const first = seen.get(key);
        if (first) {
          issues.push(makeIssue('E_TARGET_DUPLICATE', sheet, addr(r, 'name'), {
            town: row.town, name: row.indicator, year: row.year === null ? '' : `${row.year}年`,
            first: first.sheet === sheet ? `第 ${first.row} 行` : `工作表「${first.sheet}」第 ${first.row} 行`,
          }));
          continue;
        }
        seen.set(key, row);
        rows.push(row);
      }
    }
  }
  if (tables === 0) issues.push(makeIssue('E_TARGETS_NO_TABLE', null, null));
  if (issues.length) return { ok: false, issues, warnings };
  // a row for another year with the same town and indicator as a row without a year would be ambiguous: the year
  // column is all or nothing in practice, so only the as-of year (or no year) is kept
  const year = parseIso(ctx.asOf)?.y ?? null;
  const years = [...new Set(rows.map((x) => x.year).filter((y): y is number => y !== null))].sort();
  if (year !== null && rows.length && !rows.some((x) => x.year === null || x.year === year)) {
    warnings.push(makeIssue('W_TARGETS_NONE_FOR_YEAR', null, null, { year, years: years.join('、') }));
  }
  return { ok: true, targets: { source, rows }, warnings };
}

function targetKey(town: string, indicator: string, year: number | null): string {
  return `${nameKey(town)}\u0000${indicator}\u0000${year ?? ''}`;
}

/** The target of one town and indicator that holds at asOf: the adjusted one from its date on, else the original. */
export interface TargetInForce {
  target: number | null;
  original: number | null;
  adjusted: number | null;
  adjustedOn: string | null;
  adjustDoc: string | null;
  /** The adjusted target is the one in force. */
  adjustedInForce: boolean;
}

export function targetInForce(row: TargetRow, asOf: string): TargetInForce {
  const adjustedInForce = row.adjustedTarget !== null && row.adjustedOn !== null && row.adjustedOn <= asOf;
  return {
    target: adjustedInForce ? row.adjustedTarget : row.target,
    original: row.target,
    adjusted: row.adjustedTarget,
    adjustedOn: row.adjustedOn,
    adjustDoc: row.adjustDoc,
    adjustedInForce,
  };
}

/** Lookup (town, canonical indicator) → the target in force at asOf, from the rows of asOf's year (or of no year). */
export function targetLookup(targets: CountyTargets, asOf: string): (town: string, indicator: string) => TargetInForce | null {
  const year = parseIso(asOf)?.y ?? null;
  const m = new Map<string, TargetInForce>();
  for (const row of targets.rows) {
    if (row.year !== null && row.year !== year) continue;
    const k = targetKey(row.town, row.indicator, null);
    // a row of the year wins over a row without one
    if (m.has(k) && row.year === null) continue;
    m.set(k, targetInForce(row, asOf));
  }
  return (town, indicator) => m.get(targetKey(town, indicator, null)) ?? null;
}

/** Whether a town's own target differs from the county's (both in the catalog unit). */
export function targetsDiffer(town: number, county: number): boolean {
  return Math.abs(town - county) > 1e-6 * Math.max(1, Math.abs(county));
}
