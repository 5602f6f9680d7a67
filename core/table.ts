/**
 * The table finder: in a grid, the header row(s) of each table, its columns, the rows above it (title, unit note,
 * 填报单位, date), its data rows, total rows and footer. Pure.
 */
import { FieldSpec, SchemaKind } from './schema';
import { Grid, GridCell, MergeRange, cellText, isCellError } from './grid';
import { DEFAULT_LEXICON, HeaderLexicon, HeaderMeaning, headerMeaning, isNameHeader, mayBeNameHeader } from './headers';
import { labelKey, toHalfWidth } from './text';
import { TableKind } from './types';
import { UNIT_SPELLINGS, UnitDef, findUnit } from './units';
import { parseNumberValue } from './numbers';

export interface ColumnInfo {
  col: number;
  header: string;
  meaning: HeaderMeaning;
}

export interface FoundTable<K extends SchemaKind = TableKind> {
  kind: K;
  /** 0-based rows of the header (one or two rows). */
  headerTop: number;
  headerBottom: number;
  /** Field key → column. */
  fieldCols: Map<string, ColumnInfo>;
  /** Columns that repeat a field already taken. */
  duplicateCols: { info: ColumnInfo; first: ColumnInfo }[];
  /** Derived and unknown columns inside the table. */
  otherCols: ColumnInfo[];
  /** Text of the rows above the header (since the previous table), row by row. */
  aboveTexts: { r: number; c: number; text: string; value: GridCell['value'] }[];
  /** The body: data, total and section rows in order. */
  rows: BodyRow[];
  /** 0-based row after the last body row (footer or end). */
  end: number;
  /** Texts of the footer rows (填报人 …). */
  footerTexts: string[];
  /** Unit of amounts stated in a 「单位：万元」 note; unitNoteText when a note names an unknown unit. */
  unitNote: UnitDef | undefined;
  unitNoteText: string | null;
  unitNoteCell: { r: number; c: number } | null;
}

export type BodyRowType = 'data' | 'total' | 'subtotal' | 'section' | 'detail';

export interface BodyRow {
  r: number;
  type: BodyRowType;
  /** For a section row: its category text (「一、基础设施类（8个）」 → 基础设施). */
  section?: string;
  /** A section row that carries the totals of the rows below it. */
  hasTotals?: boolean;
}

interface HeaderCandidate<K extends SchemaKind = SchemaKind> {
  kind: K;
  top: number;
  bottom: number;
  cols: ColumnInfo[];
  score: number;
}

const MIN_FIELDS: Record<SchemaKind, number> = { projects: 3, indicators: 2, powers: 3, targets: 3 };
/** Besides its name column, a table of the kind has at least one of these (the figures; for powers the lists). */
const KEY_AMOUNTS: Record<SchemaKind, string[]> = {
  projects: ['totalInvestment', 'annualPlan', 'completedYtd', 'weekDone'],
  indicators: ['target', 'actual'],
  powers: ['department', 'way', 'status'],
  targets: ['target', 'adjustedTarget'],
};

/** The kinds of table a town's report may hold (the county's own tables are looked for only when asked). */
export const TOWN_TABLE_KINDS: readonly TableKind[] = ['projects', 'indicators', 'powers'];

/** A footer line's word, then a colon, a space or the end of the text. */
const FOOTER_RE = /^(填报单位|填报人|填表人|制表人|制表|审核人|审核|负责人|项目组长签字|组长签字|签字|单位负责人|分管领导|联系人|联系电话|填报日期|报送日期|日期|说明|注|备注|附注)(?:[:：\s]|$)/;
/** 「合计」「全镇合计」「本页小计」「合计（30个）」 — the keyword ends the label, so 「总计划…」 is no total. */
const TOTAL_RE = /^.{0,4}?(合计|总计|小计|共计|汇总)(\(.*\))?$/;
const SUBTOTAL_RE = /小计/;
/** A sub-header that stands for the whole of its group header. */
const TOTAL_SUB_RE = /^(合计|小计|总计|计|总额|总量|小计数|合计数)$/;
/** 「其中：一期工程」: a breakdown of the row above, already in its figures. */
const DETAIL_RE = /^其中[:：]?/;
/** A signature line without a colon-word the footer list knows: 「领导签字」「（盖章）」. */
const SIGN_RE = /^.{0,8}?(签字|签名|盖章)/;
const SECTION_RE = /^(?:[一二三四五六七八九十]+|[ⅰ-ⅻⅠ-Ⅻ]+|[IVX]+)[、.．,，\s]|^[(（][一二三四五六七八九十]+[)）]/;
/** 「一」 alone in 序号: the numeral of a section whose name is in the name column. */
const BARE_NUMERAL_RE = /^[一二三四五六七八九十]+$/;
/** 「基础设施类」「产业类项目（8个）」 in the name column: a section heading without a numeral. */
const CATEGORY_HEADING_RE = /类(项目)?([(（]\d+个?[)）])?$/;

function textAt(grid: Grid, r: number, c: number): string {
  const cell = grid.rows[r]?.[c];
  return cell ? cellText(cell.value).trim() : '';
}

function mergeIndex(grid: Grid): Map<string, MergeRange> {
  const m = new Map<string, MergeRange>();
  for (const mr of grid.merges) {
    // only small merges matter for headers; giant ones are not indexed cell by cell
    if ((mr.bottom - mr.top + 1) * (mr.right - mr.left + 1) > 2000) continue;
    for (let r = mr.top; r <= mr.bottom; r++) for (let c = mr.left; c <= mr.right; c++) m.set(`${r},${c}`, mr);
  }
  return m;
}

function isNumberish(cell: GridCell | undefined): boolean {
  if (!cell) return false;
  const v = cell.value;
  return typeof v === 'number' || v instanceof Date;
}

function rowTextCells(grid: Grid, r: number): number {
  const row = grid.rows[r];
  if (!row) return 0;
  let n = 0;
  for (const cell of row) if (cell && typeof cell.value === 'string' && cell.value.trim()) n++;
  return n;
}

function matchColumns(kind: SchemaKind, labels: HeaderLabels[], lexicon: HeaderLexicon): ColumnInfo[] {
  const out: ColumnInfo[] = [];
  for (const { col, texts, parts } of labels) {
    let chosen: ColumnInfo | null = null;
    for (let i = 0; i < texts.length; i++) {
      const t = texts[i];
      if (!t) continue;
      // the whole reading of a header of several rows: the leaf with its group headers above it
      const meaning = i === 0 && parts.length > 1 ? headerMeaning(kind, parts[parts.length - 1], lexicon, parts.slice(0, -1)) : headerMeaning(kind, t, lexicon);
      if (meaning.field || meaning.derived || meaning.settled) {
        chosen = { col, header: t, meaning };
        break;
      }
      if (!chosen) chosen = { col, header: t, meaning };
    }
    if (chosen) out.push(chosen);
  }
  return out;
}

function scoreColumns(kind: SchemaKind, cols: ColumnInfo[]): number {
  const keys = new Set(cols.filter((c) => c.meaning.field).map((c) => c.meaning.field!.key));
  if (!keys.has('name')) return 0;
  if (!KEY_AMOUNTS[kind].some((k) => keys.has(k))) return 0;
  if (keys.size < MIN_FIELDS[kind]) return 0;
  return keys.size;
}

/** Whether a row holds a header cell for a name (项目名称, 指标名称…): every table needs one, so it is a cheap first test. */
function hasNameHeader(scan: Scan, r: number): boolean {
  if (scan.memo) {
    const known = scan.nameRows[r];
    if (known !== undefined) return known;
  }
  const row = scan.grid.rows[r];
  let found = false;
  if (row) {
    for (const cell of row) {
      if (!cell || typeof cell.value !== 'string') continue;
      const t = cell.value.trim();
      if (!t || t.length > 40) continue;
      if (scan.memo ? scan.kinds.some((k) => isNameHeader(k, t, scan.lexicon)) : scan.kinds.some((k) => headerMeaning(k, t, scan.lexicon).field?.key === 'name')) {
        found = true;
        break;
      }
    }
  }
  if (scan.memo) scan.nameRows[r] = found;
  return found;
}

/** Header rows a table may have: one, or up to three with group headers merged over their columns. */
const MAX_HEADER_ROWS = 3;

function headerish(grid: Grid, r: number): boolean {
  return r < grid.rows.length && rowTextCells(grid, r) >= 1 && !(grid.rows[r] ?? []).some(isNumberish);
}

/**
 * The label texts of each column when rows r..r+k-1 are the header, most specific reading last to try: a group
 * header merged over its columns (「投资完成情况」 over 「本周完成｜1-10月累计」) is read with each of them.
 */
interface HeaderLabels {
  col: number;
  /** Readings to try, the whole first. */
  texts: string[];
  /** The header's cells top to bottom (group headers, then the leaf). */
  parts: string[];
}

function headerLabels(grid: Grid, r: number, k: number, merges: Map<string, MergeRange>, width: number): HeaderLabels[] {
  const out: HeaderLabels[] = [];
  for (let c = 0; c < width; c++) {
    const parts: string[] = [];
    for (let i = r; i < r + k; i++) {
      const m = merges.get(`${i},${c}`);
      if (m && m.top < i && m.top >= r) continue; // a header cell merged down from above
      // a group header spans its columns; the bottom row's own cells do not (a merged leaf is one column)
      const t = m && m.top === i && i < r + k - 1 ? textAt(grid, m.top, m.left) : textAt(grid, i, c);
      if (t && parts[parts.length - 1] !== t) parts.push(t);
    }
    if (parts.length === 0) continue;
    const texts = [parts.join('')];
    const last = parts[parts.length - 1];
    if (parts.length > 1 && TOTAL_SUB_RE.test(labelKey(last))) {
      // 「总投资」 over 「合计｜其中：政府投资｜社会投资」: the 合计 column is the group's own figure
      texts.push(parts.slice(0, -1).join(''), parts[parts.length - 2]);
    } else {
      for (let j = 1; j < parts.length; j++) texts.push(parts.slice(j).join(''));
    }
    out.push({ col: c, texts, parts });
  }
  return out;
}

/**
 * What one search of a grid shares: the grid, its merges and width, the kinds and lexicon, and (memo) the answers
 * already given for a row: whether it holds a name header, its header labels and their scores, its header reading.
 * Every one is a pure function of the row and the rest of the Scan, so remembering them changes no result
 * (findTablesPlain, for the tests, searches without them).
 */
interface Scan<K extends SchemaKind = SchemaKind> {
  grid: Grid;
  merges: Map<string, MergeRange>;
  width: number;
  kinds: readonly K[];
  lexicon: HeaderLexicon;
  memo: boolean;
  nameRows: (boolean | undefined)[];
  heads: Map<number, HeaderCandidate<K> | null>;
  labels: Map<number, HeaderLabels[]>;
  matched: Map<number, { cols: ColumnInfo[]; score: number }>;
}

function newScan<K extends SchemaKind>(grid: Grid, kinds: readonly K[], lexicon: HeaderLexicon, memo: boolean): Scan<K> {
  let width = 0;
  for (let r = 0; r < grid.rows.length; r++) {
    const row = grid.rows[r];
    if (row && row.length > width) width = row.length;
  }
  return { grid, merges: mergeIndex(grid), width, kinds, lexicon, memo, nameRows: [], heads: new Map(), labels: new Map(), matched: new Map() };
}

/** The header labels of rows r..r+k-1 (k ≤ MAX_HEADER_ROWS). */
function labelsAt(scan: Scan, r: number, k: number): HeaderLabels[] {
  if (!scan.memo) return headerLabels(scan.grid, r, k, scan.merges, scan.width);
  const key = r * (MAX_HEADER_ROWS + 1) + k;
  let l = scan.labels.get(key);
  if (!l) {
    l = headerLabels(scan.grid, r, k, scan.merges, scan.width);
    scan.labels.set(key, l);
  }
  return l;
}

/** The columns of rows r..r+k-1 read as a header of the kind (the scan's kinds[ki]), and their score. */
function matchedAt(scan: Scan, ki: number, r: number, k: number): { cols: ColumnInfo[]; score: number } {
  const kind = scan.kinds[ki];
  if (!scan.memo) {
    const cols = matchColumns(kind, labelsAt(scan, r, k), scan.lexicon);
    return { cols, score: scoreColumns(kind, cols) };
  }
  const key = (r * (MAX_HEADER_ROWS + 1) + k) * scan.kinds.length + ki;
  let m = scan.matched.get(key);
  if (!m) {
    const labels = labelsAt(scan, r, k);
    // no column that could be the name: the score is 0 (scoreColumns), the columns are not asked for
    if (!labels.some((l) => l.texts.some((t) => mayBeNameHeader(kind, t, scan.lexicon)))) {
      m = NO_MATCH;
      scan.matched.set(key, m);
      return m;
    }
    const cols = matchColumns(kind, labels, scan.lexicon);
    m = { cols, score: scoreColumns(kind, cols) };
    scan.matched.set(key, m);
  }
  return m;
}

const NO_MATCH: { cols: ColumnInfo[]; score: number } = { cols: [], score: 0 };

/** The best reading of row r as the top of a header of one to three rows, or null. */
function headerAt<K extends SchemaKind>(scan: Scan<K>, r: number): HeaderCandidate<K> | null {
  if (!scan.memo) return readHeaderAt(scan, r);
  let h = scan.heads.get(r);
  if (h === undefined) {
    h = readHeaderAt(scan, r);
    scan.heads.set(r, h);
  }
  return h;
}

function readHeaderAt<K extends SchemaKind>(scan: Scan<K>, r: number): HeaderCandidate<K> | null {
  const { grid, kinds } = scan;
  if (rowTextCells(grid, r) < 2) return null;
  let nameNear = false;
  for (let i = r; i < r + MAX_HEADER_ROWS && !nameNear; i++) nameNear = hasNameHeader(scan, i);
  if (!nameNear) return null;
  // how many rows below r can still be header rows (text, no numbers)
  let depth = 1;
  while (depth < MAX_HEADER_ROWS && headerish(grid, r + depth)) depth++;
  let best: HeaderCandidate<K> | null = null;
  for (let ki = 0; ki < kinds.length; ki++) {
    const kind = kinds[ki];
    const read = Array.from({ length: depth }, (_, k) => matchedAt(scan, ki, r, k + 1));
    const scores = read.map((m) => m.score);
    const belowScores = Array.from({ length: depth - 1 }, (_, k) => matchedAt(scan, ki, r + 1, k + 1).score);
    for (let k = 0; k < depth; k++) {
      const score = scores[k];
      if (score <= 0) continue;
      // more header rows only when they read better; and row r is a header's top only when the header would not
      // read as well starting one row lower (otherwise row r is a title or a 填报单位 line)
      if (scores.slice(0, k).some((x) => x >= score)) continue;
      if (k > 0 && belowScores.slice(0, k).some((x) => x >= score)) continue;
      if (!best || score > best.score) best = { kind, top: r, bottom: r + k, cols: read[k].cols, score };
    }
  }
  return best;
}

/** Finds every table in a grid, top to bottom: a town's tables, or the kinds asked for (the county's targets). */
export function findTables(grid: Grid, kinds?: readonly TableKind[], lexicon?: HeaderLexicon): FoundTable[];
export function findTables<K extends SchemaKind>(grid: Grid, kinds: readonly K[], lexicon?: HeaderLexicon): FoundTable<K>[];
export function findTables<K extends SchemaKind>(grid: Grid, kinds: readonly K[] = TOWN_TABLE_KINDS as readonly K[], lexicon: HeaderLexicon = DEFAULT_LEXICON): FoundTable<K>[] {
  return searchTables(newScan(grid, kinds, lexicon, true));
}

/**
 * findTables without remembering anything between rows and without the quick test of name headers: every row read
 * afresh, as before those were added. For the tests, which hold findTables to it; not for use.
 */
export function findTablesPlain<K extends SchemaKind>(grid: Grid, kinds: readonly K[] = TOWN_TABLE_KINDS as readonly K[], lexicon: HeaderLexicon = DEFAULT_LEXICON): FoundTable<K>[] {
  return searchTables(newScan(grid, kinds, lexicon, false));
}

function searchTables<K extends SchemaKind>(scan: Scan<K>): FoundTable<K>[] {
  const tables: FoundTable<K>[] = [];
  let r = 0;
  let prevEnd = 0;
  const nRows = scan.grid.rows.length;
  while (r < nRows) {
    const cand = headerAt(scan, r);
    if (!cand) {
      r++;
      continue;
    }
    const t = buildTable(scan, cand, prevEnd);
    tables.push(t);
    prevEnd = t.end;
    r = Math.max(t.end, cand.bottom + 1);
  }
  return tables;
}

function buildTable<K extends SchemaKind>(scan: Scan<K>, cand: HeaderCandidate<K>, prevEnd: number): FoundTable<K> {
  const { grid, width } = scan;
  const fieldCols = new Map<string, ColumnInfo>();
  const duplicateCols: { info: ColumnInfo; first: ColumnInfo }[] = [];
  const otherCols: ColumnInfo[] = [];
  for (const col of cand.cols) {
    const f = col.meaning.field;
    if (f) {
      const first = fieldCols.get(f.key);
      if (first) duplicateCols.push({ info: col, first });
      else fieldCols.set(f.key, col);
    } else otherCols.push(col);
  }
  const aboveTexts: FoundTable['aboveTexts'] = [];
  for (let r = prevEnd; r < cand.top; r++) {
    const row = grid.rows[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (!cell || cell.value === null || cell.value === undefined) continue;
      const text = cellText(cell.value).trim();
      if (text) aboveTexts.push({ r, c, text, value: cell.value });
    }
  }
  // unit note: above the header, or a cell of the header rows that is a unit note
  let unitNote: UnitDef | undefined;
  let unitNoteText: string | null = null;
  let unitNoteCell: { r: number; c: number } | null = null;
  const noteSources = [...aboveTexts];
  for (let r = cand.top; r <= cand.bottom; r++) {
    for (let c = 0; c < width; c++) {
      const t = textAt(grid, r, c);
      if (t && /单位/.test(t)) noteSources.push({ r, c, text: t, value: t });
    }
  }
  for (const a of noteSources) {
    const u = unitFromNote(a.text);
    if (u.found) {
      unitNote = u.unit;
      unitNoteText = u.text;
      unitNoteCell = { r: a.r, c: a.c };
      if (u.unit) break;
    }
  }
  const body: BodyColumns = {
    nameCol: fieldCols.get('name')!.col,
    seqCol: fieldCols.get('seq')?.col,
    usedCols: cand.cols.map((c) => c.col),
    amountCols: [...fieldCols.values()].filter((c) => c.meaning.field && !['text', 'int', 'date'].includes(c.meaning.field.type)).map((c) => c.col),
  };
  const rows: BodyRow[] = [];
  const footerTexts: string[] = [];
  let end = grid.rows.length;
  for (let r = cand.bottom + 1; r < grid.rows.length; r++) {
    const br = bodyRowAt(scan, cand.kind, body, r);
    if (br === END_OF_TABLE) {
      end = r;
      break;
    }
    if (br) rows.push(br);
  }
  if (end < grid.rows.length) {
    for (let f = end; f < Math.min(grid.rows.length, end + 8); f++) {
      const row = grid.rows[f] ?? [];
      for (const cell of row) if (cell) {
        const t = cellText(cell.value).trim();
        if (t) footerTexts.push(t);
      }
    }
  }
  return {
    kind: cand.kind,
    headerTop: cand.top,
    headerBottom: cand.bottom,
    fieldCols,
    duplicateCols,
    otherCols,
    aboveTexts,
    rows,
    end: Math.max(end, cand.bottom + 1),
    footerTexts,
    unitNote,
    unitNoteText,
    unitNoteCell,
  };
}

/** The columns of a table's body that tell its rows apart. */
interface BodyColumns {
  nameCol: number;
  seqCol: number | undefined;
  usedCols: number[];
  amountCols: number[];
}

const END_OF_TABLE = 'end';

/**
 * What row r below a table's header is: a data, total, subtotal, section or 「其中」 row, null for a blank row, or
 * END_OF_TABLE (a footer, a signature line, the next table's header). A function of its own, small: the row loop
 * runs over every row of the sheet (ten thousand on a task pane's first 校验), and it is optimised early and alone.
 */
function bodyRowAt(scan: Scan, kind: SchemaKind, body: BodyColumns, r: number): BodyRow | null | typeof END_OF_TABLE {
  const { grid, width } = scan;
  const { nameCol, seqCol, usedCols, amountCols } = body;
  const row = grid.rows[r];
  if (!row || isBlankRow(row)) {
    if (!row?.some((c) => c?.noResult)) return null;
  }
  const first = firstText(grid, r, width);
  if (first && (FOOTER_RE.test(toHalfWidth(first)) || SIGN_RE.test(first)) && !hasNumbers(grid, r, amountCols)) return END_OF_TABLE;
  // a register has no amount columns: there a row with any number in it (序号, a date) is no header
  const noNumbers = kind !== 'powers' || !row.some(isNumberish);
  if (noNumbers && !hasNumbers(grid, r, amountCols) && rowTextCells(grid, r) >= 2 && headerAt(scan, r)) return END_OF_TABLE;
  const nameText = textAt(grid, r, nameCol);
  const seqText = seqCol !== undefined ? textAt(grid, r, seqCol) : '';
  const label = labelKey(nameText || seqText || first || '');
  const labelSeq = labelKey(seqText);
  if (TOTAL_RE.test(label) || TOTAL_RE.test(labelSeq)) {
    return { r, type: SUBTOTAL_RE.test(label) || SUBTOTAL_RE.test(labelSeq) ? 'subtotal' : 'total' };
  }
  if (DETAIL_RE.test(label) || DETAIL_RE.test(labelSeq)) return { r, type: 'detail' };
  // 「一、基础设施类」 in one cell, or 「一」 in 序号 and 「基础设施类」 in the name column
  const bareNumeral = nameText && BARE_NUMERAL_RE.test(seqText) ? `${seqText}、${nameText}` : '';
  const sectionText = bareNumeral || (SECTION_RE.test(seqText) ? seqText : SECTION_RE.test(nameText) ? nameText : '');
  // whether the row holds nothing but its label (read only for a row that may be a section: most rows are data)
  if (sectionText) {
    const only = labelOnly(grid, r, usedCols, nameCol, seqCol);
    if (only || !seqText || bareNumeral || SECTION_RE.test(seqText)) {
      const withNumbers = hasNumbers(grid, r, amountCols);
      const secLabel = sectionText === seqText && nameText && !SECTION_RE.test(nameText) ? `${seqText}${nameText}` : sectionText;
      if (only || withNumbers) return { r, type: 'section', section: sectionName(secLabel), hasTotals: withNumbers };
    }
  }
  if (nameText && !seqText && CATEGORY_HEADING_RE.test(nameText) && labelOnly(grid, r, usedCols, nameCol, seqCol)) {
    return { r, type: 'section', section: sectionName(nameText) };
  }
  return { r, type: 'data' };
}

/** Whether a row has nothing in it: no value, or only blank text. */
function isBlankRow(row: (GridCell | undefined)[]): boolean {
  for (let c = 0; c < row.length; c++) {
    const cell = row[c];
    if (cell && cell.value !== null && (typeof cell.value !== 'string' || cell.value.trim())) return false;
  }
  return true;
}

/** Whether row r has text in none of the table's columns but its name and 序号 columns. */
function labelOnly(grid: Grid, r: number, usedCols: number[], nameCol: number, seqCol: number | undefined): boolean {
  return usedCols.every((c) => c === nameCol || c === seqCol || !textAt(grid, r, c));
}

function firstText(grid: Grid, r: number, width: number): string {
  const row = grid.rows[r] ?? [];
  for (let c = 0; c < Math.min(row.length, width); c++) {
    const cell = row[c];
    if (cell && typeof cell.value === 'string' && cell.value.trim()) return cell.value.trim();
  }
  return '';
}

const DIGIT_RE = /\d/;

function hasNumbers(grid: Grid, r: number, cols: number[]): boolean {
  const row = grid.rows[r];
  if (!row) return false;
  for (let i = 0; i < cols.length; i++) {
    const cell = row[cols[i]!];
    if (!cell) continue;
    const v = cell.value;
    if (typeof v === 'number' || isCellError(v) || cell.noResult) return true;
    if (typeof v === 'string' && DIGIT_RE.test(v) && parseNumberValue(v, UNIT_SPELLINGS).kind === 'number') return true;
  }
  return false;
}

/** 「一、基础设施类（8个）」 → 基础设施 */
export function sectionName(s: string): string {
  return s
    .replace(SECTION_RE, '')
    .replace(/[(（][^)）]*[)）]\s*$/, '')
    .replace(/(类项目|项目|类)$/, '')
    .trim();
}

const NOTE_RE = /(?:^|[^填报送任施设主业])单位[:：]\s*([^\s,，;；)）]+)/;

/** A 「单位：万元」 note (alone or inside a title). found=false when the text is no unit note. */
export function unitFromNote(text: string): { found: boolean; unit: UnitDef | undefined; text: string | null } {
  const m = NOTE_RE.exec(text);
  if (!m) return { found: false, unit: undefined, text: null };
  const u = findUnit(m[1]);
  return { found: true, unit: u, text: m[1] };
}

/** Fields of the kind that the table lacks. */
export function missingFields(t: FoundTable<SchemaKind>, fields: FieldSpec[]): FieldSpec[] {
  return fields.filter((f) => f.required && !t.fieldCols.has(f.key));
}
