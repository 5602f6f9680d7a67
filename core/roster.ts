/** The county's roster of towns (乡镇名称, optional 别名) and matching a text against it. */
import { Grid, cellText } from './grid';
import { cleanText, labelKey, nameKey } from './text';
import { HAN } from './unicode-classes';

export interface RosterTown {
  name: string;
  aliases: string[];
}

export type RosterResult = { ok: true; towns: RosterTown[]; warnings: string[] } | { ok: false; message: string };

const NAME_HEADERS = ['乡镇名称', '乡镇', '镇名', '乡镇(街道)', '乡镇街道', '名称', '试点镇', '镇(乡、街道)'];
const ALIAS_HEADERS = ['别名', '简称', '曾用名'];

/** Parses CSV text (RFC 4180 quotes; comma, semicolon or tab separated; BOM tolerated) into rows of strings. */
export function parseCsv(text: string): string[][] {
  const s = text.replace(/^\ufeff/, '');
  const firstLine = s.split(/\r?\n/, 1)[0] ?? '';
  const sep = [',', '\t', ';', '，'].reduce((best, c) => (firstLine.split(c).length > firstLine.split(best).length ? c : best), ',');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === sep) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Roster from rows of text: the header row is the first that holds a 乡镇名称 column. */
export function rosterFromRows(rows: string[][], source: string): RosterResult {
  let headerRow = -1;
  let nameCol = -1;
  let aliasCol = -1;
  for (let r = 0; r < Math.min(rows.length, 20) && headerRow < 0; r++) {
    const keys = rows[r].map((c) => labelKey(c));
    const nc = keys.findIndex((k) => NAME_HEADERS.map(labelKey).includes(k));
    if (nc >= 0) {
      headerRow = r;
      nameCol = nc;
      aliasCol = keys.findIndex((k) => ALIAS_HEADERS.includes(k));
    }
  }
  if (headerRow < 0) {
    return { ok: false, message: `名册 ${source} 中没有「乡镇名称」列（前 20 行内未找到），请在第一行写表头「乡镇名称」「别名」` };
  }
  const towns: RosterTown[] = [];
  const warnings: string[] = [];
  const seen = new Map<string, number>();
  for (let r = headerRow + 1; r < rows.length; r++) {
    const name = cleanText(rows[r][nameCol] ?? '');
    if (!name) continue;
    if (rows[r].some((c) => /^(合计|总计|小计|共计)/.test(nameKey(c ?? '')))) continue;
    const key = nameKey(name);
    if (seen.has(key)) {
      warnings.push(`名册第 ${r + 1} 行的「${name}」与第 ${seen.get(key)} 行重复，已忽略`);
      continue;
    }
    seen.set(key, r + 1);
    const aliasText = aliasCol >= 0 ? rows[r][aliasCol] ?? '' : '';
    const aliases = aliasText
      .split(/[、,，;；/]/)
      .map((a) => cleanText(a))
      .filter((a) => a && nameKey(a) !== key);
    towns.push({ name, aliases });
  }
  if (towns.length === 0) return { ok: false, message: `名册 ${source} 的「乡镇名称」列下没有任何乡镇` };
  return { ok: true, towns, warnings };
}

export function rosterFromGrid(grid: Grid, source: string): RosterResult {
  return rosterFromRows(
    grid.rows.map((row) => (row ?? []).map((c) => cellText(c?.value))),
    source,
  );
}

export interface TownMatch {
  town: string;
  /** Position in the text where it was found. */
  index: number;
}

/**
 * Builds a matcher: every roster name and alias by name key, longest first. A key found at a position no longer key
 * (or earlier one of the same length) has already claimed is a match. The keys are indexed by their first two characters,
 * so a text is scanned once whatever the roster's size; the result is the same as trying every key in that order.
 */
export function townMatcher(roster: RosterTown[]): (text: string) => TownMatch[] {
  const keys: { key: string; town: string }[] = [];
  for (const t of roster) {
    keys.push({ key: nameKey(t.name), town: t.name });
    // "云峰镇" is also written "云峰"; only for names of three characters or more, so 2-char stems stay unambiguous
    const stem = nameKey(t.name).replace(/(镇|乡|街道|办事处)$/, '');
    if (stem.length >= 2 && stem !== nameKey(t.name)) keys.push({ key: stem, town: t.name });
    for (const a of t.aliases) if (nameKey(a).length >= 2) keys.push({ key: nameKey(a), town: t.name });
  }
  keys.sort((a, b) => b.key.length - a.key.length);
  // key order numbers by their first two UTF-16 units (one for a key of one), ascending: a position's candidates
  // are those keys alone (the order they are found in does not matter: the occurrences are sorted below)
  const byPair = new Map<number, number[]>();
  const bySingle = new Map<number, number[]>();
  keys.forEach(({ key }, o) => {
    // a name of punctuation only has no key and is never found (trying it with indexOf('') looped for ever)
    if (key === '') return;
    const map = key.length === 1 ? bySingle : byPair;
    const at = key.length === 1 ? key.charCodeAt(0) : key.charCodeAt(0) * 0x10000 + key.charCodeAt(1);
    const list = map.get(at);
    if (list) list.push(o);
    else map.set(at, [o]);
  });
  return (text: string) => {
    const k = nameKey(text);
    // every (key order, position) where a key occurs
    const occ: [number, number][] = [];
    for (let i = 0; i < k.length; i++) {
      const c = k.charCodeAt(i);
      if (bySingle.size > 0) {
        const one = bySingle.get(c);
        if (one) for (const o of one) occ.push([o, i]);
      }
      if (i + 1 >= k.length) continue;
      const list = byPair.get(c * 0x10000 + k.charCodeAt(i + 1));
      if (!list) continue;
      for (const o of list) if (k.startsWith(keys[o].key, i)) occ.push([o, i]);
    }
    if (occ.length === 0) return [];
    occ.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const found: TownMatch[] = [];
    const taken: boolean[] = [];
    for (const [o, i] of occ) {
      if (taken[i]) continue;
      const { key, town } = keys[o];
      found.push({ town, index: i });
      for (let j = i; j < i + key.length; j++) taken[j] = true;
    }
    return found.sort((a, b) => a.index - b.index);
  };
}

const TOWN_LIKE_RE = new RegExp(`([${HAN}]{2,6}?(?:镇|乡|街道))`, 'u');

/** A town-like word in a text that is not necessarily in the roster (for messages). */
export function townLikeWord(text: string): string | null {
  const m = TOWN_LIKE_RE.exec(text.replace(/填报单位|报送单位|单位/g, ' '));
  return m ? m[1] : null;
}
