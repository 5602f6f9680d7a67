/**
 * One workbook: every visible sheet's tables, the town it reports for and its report date, and every issue.
 */
import { CatalogEntry, DEFAULT_DEPARTMENTS, Department, INDICATOR_CATALOG } from './schema';
import { Grid, address } from './grid';
import { dateCellIso, dateFromFileName, findDates, parseIso } from './dates';
import { ExtractedIndicator, ExtractedPower, ExtractedProject, extractTable, indexCatalog } from './extract';
import { DepartmentIndex, indexDepartments } from './departments';
import { HeaderExtras, HeaderLexicon, headerLexicon } from './headers';
import { makeIssue } from './messages';
import { KIND_LABEL } from './schema';
import { SUMMARY_SIGNATURE_SHEETS } from './labels';
import { RosterTown, townLikeWord, townMatcher } from './roster';
import { findTables } from './table';
import { nameKey } from './text';
import { Issue, TableKind } from './types';

export interface AnalyzedTable {
  kind: TableKind;
  sheet: string;
  /** Top-left cell of the header, for messages about the whole table. */
  headerCell: string;
  /** Rows that name a project or indicator or carry numbers, usable or not. */
  rowCount: number;
  nameCol: number;
  ytdMonth: number | null;
  /** Header text of the year-to-date column. */
  ytdHeader: string | null;
  projects: ExtractedProject[];
  indicators: ExtractedIndicator[];
  powers: ExtractedPower[];
}

export interface WorkbookAnalysis {
  town: string | null;
  reportDate: string | null;
  tables: AnalyzedTable[];
  kinds: TableKind[];
  issues: Issue[];
  hasErrors: boolean;
  /** Not a town's report at all (a county summary): listed as ignored, never rejected. */
  ignored?: boolean;
}

export interface AnalyzeContext {
  roster: RosterTown[];
  /** Used for dates written without a year (「截至10月底」). */
  asOf: string;
  catalogIndex?: Map<string, CatalogEntry>;
  matchTown?: ReturnType<typeof townMatcher>;
  /** The county's departments for the powers register (built-in list when absent). */
  departmentIndex?: DepartmentIndex;
  /** Header recognition with the county's extra phrasings (the built-in one when absent). */
  lexicon?: HeaderLexicon;
}

/** What analysisContext takes: the ConsolidateOptions a workbook's analysis depends on. */
export interface AnalysisSettings {
  roster: RosterTown[];
  asOf: string;
  catalog?: CatalogEntry[];
  departments?: Department[];
  headers?: HeaderExtras;
}

/**
 * The analysis context of a run's options (indexes built once). Here rather than in consolidate.ts, which re-exports
 * it, so that a read worker (io/read/options.ts) does not load the consolidation, the report's schema and the
 * week-over-week for it.
 */
export function analysisContext(opts: AnalysisSettings): AnalyzeContext {
  return {
    roster: opts.roster,
    asOf: opts.asOf,
    catalogIndex: indexCatalog(opts.catalog ?? INDICATOR_CATALOG),
    matchTown: townMatcher(opts.roster),
    departmentIndex: indexDepartments(opts.departments ?? DEFAULT_DEPARTMENTS),
    lexicon: opts.headers ? headerLexicon(opts.headers) : undefined,
  };
}

/**
 * The one thing of its context's asOf an analysis depends on: the year given to dates written without one
 * (「截至10月底」). Two contexts of the same analysisYear analyse a workbook alike (addin-sheets.ts relies on it).
 */
export function analysisYear(asOf: string): number | null {
  return parseIso(asOf)?.y ?? null;
}

const UNIT_CELL_RE = /(填报单位|报送单位|填报乡镇|乡镇名称|单位名称)[:：\s]*(.*)$/;

export function analyzeWorkbook(file: string, grids: Grid[], ctx: AnalyzeContext): WorkbookAnalysis {
  const issues: Issue[] = [];
  // last week's county summary left in the towns' folder: its detail sheet looks like a project table
  const sheets = new Set(grids.map((g) => g.sheet));
  if (SUMMARY_SIGNATURE_SHEETS.every((s) => sheets.has(s))) {
    return { town: null, reportDate: null, tables: [], kinds: [], issues: [makeIssue('SKIP_SUMMARY_WORKBOOK', null, null)], hasErrors: false, ignored: true };
  }
  const tables: AnalyzedTable[] = [];
  const match = ctx.matchTown ?? townMatcher(ctx.roster);
  const year = analysisYear(ctx.asOf); // the only use of ctx.asOf: keep it so (see analysisYear)
  // town evidence, strongest first: 填报单位 cell, title/top text, footer, file name
  const townFrom: { town: string; where: string; sheet: string | null; cell: string | null }[] = [];
  const dates: { date: string; strength: number; sheet: string; cell: string | null }[] = [];
  const unknownTownWords: string[] = [];

  for (const grid of grids) {
    if (grid.hidden) {
      issues.push(makeIssue('W_HIDDEN_SHEET', grid.sheet, null, { sheet: grid.sheet }));
      continue;
    }
    const found = findTables(grid, undefined, ctx.lexicon);
    if (found.length === 0) {
      // a sheet of numbers we could not read is worth a word; an instructions or cover sheet (text only) is not
      if (grid.rows.some((row) => row && row.some((c) => c && typeof c.value === 'number'))) {
        issues.push(makeIssue('W_NO_TABLE_IN_SHEET', grid.sheet, null, { sheet: grid.sheet }));
      }
      continue;
    }
    for (const t of found) {
      const ex = extractTable(grid, t, { catalogIndex: ctx.catalogIndex, departmentIndex: ctx.departmentIndex });
      issues.push(...ex.issues);
      tables.push({
        kind: t.kind, sheet: grid.sheet, headerCell: address(t.headerTop, 0),
        projects: ex.projects, indicators: ex.indicators, powers: ex.powers, rowCount: ex.rowCount, nameCol: ex.nameCol,
        ytdMonth: ex.ytdMonth, ytdHeader: ex.ytdHeader,
      });
      const texts = [
        ...t.aboveTexts.map((a) => ({ text: a.text, value: a.value, cell: address(a.r, a.c), footer: false })),
        ...t.footerTexts.map((text) => ({ text, value: text as unknown, cell: null as string | null, footer: true })),
      ];
      for (const a of texts) {
        const unitCell = UNIT_CELL_RE.exec(a.text);
        const towns = match(unitCell ? unitCell[2] : a.text);
        if (towns.length) {
          townFrom.push({ town: towns[0].town, where: unitCell ? '填报单位' : a.footer ? '表尾' : '标题', sheet: grid.sheet, cell: a.cell });
        } else {
          const w = townLikeWord(unitCell ? unitCell[2] : a.text);
          if (w) unknownTownWords.push(w);
        }
        if (a.value instanceof Date) {
          const d = dateCellIso(a.value);
          if (d) dates.push({ date: d, strength: a.footer ? 1 : 2, sheet: grid.sheet, cell: a.cell });
        } else {
          for (const f of findDates(a.text, year)) {
            // a footer's 「日期：」 is when the form was filled, weaker than the title's 截至
            dates.push({ date: f.date, strength: a.footer ? Math.min(f.strength, 1) : f.strength, sheet: grid.sheet, cell: a.cell });
          }
        }
      }
    }
  }
  // file name (and folders) last
  const nameTowns = match(file);
  const fileTown = nameTowns.length ? nameTowns[nameTowns.length - 1].town : null;
  const rank = (w: string) => (w === '填报单位' ? 0 : w === '标题' ? 1 : 2);
  townFrom.sort((a, b) => rank(a.where) - rank(b.where));
  let town: string | null = townFrom.length ? townFrom[0].town : fileTown;
  const basis = townFrom.length ? townFrom[0].where : '文件名';
  if (town && fileTown && fileTown !== town) {
    issues.push(makeIssue('W_TOWN_CONFLICT', null, null, { where: '文件名', other: fileTown, town, basis }));
  }
  if (town && !townFrom.length && unknownTownWords.length) {
    // the sheet names a town the roster does not know; the file name decided
    issues.push(makeIssue('W_TOWN_CONFLICT', null, null, { where: '表内', other: `${unknownTownWords[0]}（名册中没有）`, town, basis }));
  }
  for (const t of townFrom) {
    if (town && t.town !== town && t.where !== '表尾') {
      issues.push(makeIssue('W_TOWN_CONFLICT', t.sheet, t.cell, { where: `「${t.sheet}」的${t.where}`, other: t.town, town, basis }));
      break;
    }
  }
  if (!town && tables.length) {
    const word = unknownTownWords[0] ?? townLikeWord(file.split('/').pop() ?? file);
    issues.push(makeIssue('E_TOWN_UNKNOWN', null, null, { found: word ? `（文件中写的是「${word}」，名册里没有；如是别名，请在名册的「别名」列中补上）` : '' }));
    town = null;
  }

  let reportDate: string | null = null;
  if (dates.length) {
    const maxStrength = dates.reduce((m, d) => Math.max(m, d.strength), 0);
    const strongest = [...new Set(dates.filter((d) => d.strength === maxStrength).map((d) => d.date))].sort();
    reportDate = strongest[strongest.length - 1];
    if (strongest.length > 1) {
      issues.push(makeIssue('W_DATE_CONFLICT', null, null, { dates: strongest.join('、'), date: reportDate }));
    }
  } else {
    reportDate = dateFromFileName(file);
  }
  // a table without a single row (a blank template sent back as is) reports nothing
  const filled = tables.filter((t) => t.rowCount > 0);
  if (tables.length === 0) {
    issues.push(makeIssue('E_NO_TABLE', null, null));
  } else {
    for (const t of tables.filter((x) => !filled.includes(x))) {
      issues.push(makeIssue(filled.length ? 'W_EMPTY_TABLE' : 'E_EMPTY_TABLE', t.sheet, t.headerCell, { sheet: t.sheet, table: KIND_LABEL[t.kind] }));
    }
    if (!reportDate && filled.length) issues.push(makeIssue('W_NO_DATE', null, null));
  }
  // the same name in two tables of one kind (a copied sheet left visible) would be counted twice
  for (const kind of ['projects', 'indicators', 'powers'] as TableKind[]) {
    const seen = new Map<string, { sheet: string; row: number }>();
    const ofKind = filled.filter((x) => x.kind === kind);
    // within one table extractTable has already said it (E_DUP_NAME / E_DUP_POWER): only across tables here
    if (ofKind.length < 2) continue;
    for (const t of ofKind) {
      const inThisTable = new Set<string>();
      const rows =
        kind === 'projects' ? t.projects.map((p) => ({ row: p.row, name: p.values.name, dept: '' }))
        : kind === 'indicators' ? t.indicators.map((i) => ({ row: i.row, name: i.values.name, dept: '' }))
        : t.powers.map((p) => ({ row: p.row, name: p.values.name, dept: p.values.department! }));
      for (const { row, name, dept } of rows) {
        // a power is the same power only within one department
        const k = dept ? `${dept}\u0000${nameKey(name)}` : nameKey(name);
        const first = seen.get(k);
        if (first && !inThisTable.has(k)) {
          const where = `工作表「${first.sheet}」第 ${first.row + 1} 行`;
          issues.push(dept
            ? makeIssue('E_DUP_POWER', t.sheet, address(row, t.nameCol), { department: dept, name, first: where })
            : makeIssue('E_DUP_NAME', t.sheet, address(row, t.nameCol), { name, first: where }));
        }
        inThisTable.add(k);
        if (!first) seen.set(k, { sheet: t.sheet, row });
      }
    }
  }
  // 「1-9月累计」 in a report dated at the end of October: last month's figures left in place?
  if (reportDate) {
    const month = Number(reportDate.slice(5, 7));
    for (const t of filled) {
      if (t.ytdMonth !== null && (t.ytdMonth > month || t.ytdMonth < month - 1)) {
        issues.push(makeIssue('W_MONTH_MISMATCH', t.sheet, t.headerCell, { header: t.ytdHeader ?? '', month: t.ytdMonth, date: reportDate }));
      }
    }
  }
  const kinds = [...new Set(filled.map((t) => t.kind))].sort() as TableKind[];
  // one problem, one line: the same message on the same cell (e.g. a unit note every amount column relies on)
  const seen = new Set<string>();
  const unique = issues.filter((i) => {
    const k = `${i.code}|${i.sheet}|${i.cell}|${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return { town, reportDate, tables, kinds, issues: unique, hasErrors: unique.some((i) => i.severity === 'error') };
}
