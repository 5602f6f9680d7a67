/**
 * Header recognition: which field a header text means, for each table kind. Knowledge lives in schema.ts (the
 * fields, their synonyms and patterns) and in HEADER_PARTS below (the words a header is built from); a county adds
 * its own phrasings through its configuration (HeaderExtras, see config.ts).
 *
 * A header is read in three steps:
 *   1. normalise: full-width to half-width, line breaks and spaces out, footnote marks (※ * ① ⑴ 注1) and numbering
 *      (「1.」「（一）」) out, trailing colons out, the unit out (「（万元）」「/亿元」「单位：万元」, wherever it stands);
 *   2. exact phrasings: the county's own, then the schema's synonyms;
 *   3. parts: the measure (计划, 完成, 总投资, 投资, a derived share), the period (本周, 本月, 本年, 1-N月, 今年以来),
 *      the since-start marker (开工以来, 自开工, 累计至今, 历年累计) and the rest; the leaf header's own parts win,
 *      a group header above it fills the parts the leaf does not say (「投资完成情况」 over 「本年累计」).
 * What cannot be decided is said: a header that could be two fields is `ambiguous`, never guessed.
 */
import { DERIVED_HEADERS, FIELDS, FieldSpec, SchemaKind, TARGET_FIELDS } from './schema';
import { labelKey } from './text';
import { UnitDef, findUnit, splitHeaderUnit } from './units';

export interface HeaderMeaning {
  field: FieldSpec | null;
  derived: boolean;
  unit: UnitDef | undefined;
  unitText: string | null;
  /** Two fields the header could equally mean: neither is taken, the table says so. */
  ambiguous?: [FieldSpec, FieldSpec];
  /** Decided: a field, derived, ambiguous, or a figure the tool does not hold (上年同期, 本月, 其中…). */
  settled?: boolean;
  /** Why a settled header is no field (for the clerk): 'past' | 'future' | 'month' | 'breakdown' | 'since'. */
  reason?: string;
}

/** The county's extra phrasings: table kind → field key (or its Chinese label) → header texts. */
export type HeaderExtras = Partial<Record<SchemaKind, Record<string, string[]>>>;

/* ------------------------------------------------------------------ the parts, as data ---------------------------- */

/**
 * The words headers are built from. Each is a regular expression source matched against the normalised header
 * (half-width, no spaces, dashes as '-'). A county extends phrasings through HeaderExtras, not these.
 */
export const HEADER_PARTS = {
  /**
   * Footnote marks, anywhere: ※ * † # ① ⑴ ⒈ ¹ and 「（注1）」「注：」 at the end. No lookbehind (Edge 18 has none): the
   * character before a final 注 is matched as group 1 and put back (normaliseHeader).
   */
  footnote: '[※*†‡#№\\u2460-\\u249b\\u00b9\\u00b2\\u00b3\\u2070-\\u2079]|\\(注\\d*\\)|(^|[^备附标])注\\d*$|\\(\\d\\)$',
  /** Numbering in front: 「1.」「1、」「(1)」「一、」「（一）」「a.」. */
  numbering: '^(?:\\d{1,2}[.、,)]|[一二三四五六七八九十]{1,3}[、.,]|\\([一二三四五六七八九十\\d]{1,3}\\)|[a-z][.、)])(?=.)',
  /** A part of a figure that is not its own (「其中：政府投资」). */
  breakdown: '其中',
  /** Figures of an earlier period: never this year's. */
  past: '上年|去年|上周|上月|同期|上年度|前年',
  /** Plans ahead: no figure the tool holds. */
  future: '下周|下步|下月|下一步|明年|下年|下阶段',
  /** Since the project started (strong: whatever the period words say, it is since the start). */
  sinceStart: '开工以来|建设以来|开建以来|自开工|开工至今|开工累计|项目累计|历年累计|建设期累计|累计至今|自项目|以往累计|开工后累计',
  /** Since …, up to now: since the start unless a period word says since the year's start. */
  sinceWeak: '以来|至今',
  /** Period words that make a figure this year's (a conflict with a strong since-start marker). */
  yearConflict: '本年度?|今年|年度|全年|当年|年初|年内|1-\\d{1,2}月|1-n月|1至\\d{1,2}月|1到\\d{1,2}月',
  /** This year so far: from the year's start to the report date. */
  ytd: '今年以来|本年以来|年初以来|自年初|年初至今|今年至今|年初至|\\d{0,2}-\\d{1,2}月份?|1-n月|\\d{1,2}(?:至|到)\\d{1,2}月|截至\\d{1,2}月|截止\\d{1,2}月|\\d{1,2}月(?:底|末)|至\\d{1,2}月',
  /** The year: this year's plan or figure. */
  year: '本年度?|今年|年度|全年|当年|年内|\\d{4}年',
  /** This week's, not 「截至本周」「截止本周」「至本周」 (written without lookbehind, which Edge 18 lacks). */
  week: '(?:^|^止|[^至止]|[^截]止)(?:本周|当周)|周完成',
  /** This month's, not 「截至本月」「截止本月」「至本月」「1-本月」. */
  month: '(?:^|^止|^-|[^至止-]|[^截]止|[^1]-)(?:本月|当月)|月完成',
  /** A share, a rate or a comparison: derived, recomputed, never trusted. */
  derived: '占|率|比例|比重|%|序时|百分|较|差额|差距|超额|完成(?:年度|全年|本年|年)?(?:投资)?(?:计划|目标|任务)',
  /** Year-on-year (an indicator's field of its own; derived in a project table). */
  yoy: '同比|增长|增幅|增速|比上年|增减',
  total: '总投资|投资总额|总额|概算|估算',
  plan: '计划|目标|任务|安排',
  done: '完成|实绩|实际|累计|到位|已投|今年以来|年初以来|自年初|年初至今|本年以来',
  invest: '投资',
  /**
   * A leaf header that names no amount (「投资完成情况」「形象进度」「计划完成时间」「完成工程量」): a text, a date or a
   * physical quantity; the parts do not decide it.
   */
  textish: '(?:情况|进展|工作|内容|说明|备注|措施|问题|形象|进度|打算|事项|名称|单位|领导|原因|举措|时间|日期|年限|时限|节点|期限|年份|人|主体|部门|方式|依据|量|来源|缺口|需求)$',
} as const;

const RE = Object.fromEntries(Object.entries(HEADER_PARTS).map(([k, v]) => [k, new RegExp(v)])) as Record<keyof typeof HEADER_PARTS, RegExp>;
const FOOTNOTE_G = new RegExp(HEADER_PARTS.footnote, 'g');

/* ------------------------------------------------------------------ step 1: normalise ------------------------------ */

export interface NormalisedHeader {
  /** The header without noise and unit, parentheses kept: 「累计完成投资(开工以来)」. */
  key: string;
  unit: UnitDef | undefined;
  unitText: string | null;
}

/** Noise and unit out of a header (see the module comment); the unit found, wherever it stood. */
export function normaliseHeader(header: string): NormalisedHeader {
  let k = labelKey(header).replace(/[〔「『]/g, '(').replace(/[〕」』]/g, ')');
  let unit: UnitDef | undefined;
  let unitText: string | null = null;
  const takeUnit = (u: UnitDef, text: string) => {
    if (!unit) {
      unit = u;
      unitText = text;
    }
  };
  for (let i = 0; i < 3; i++) {
    const before = k;
    k = k.replace(FOOTNOTE_G, (_m, before?: string) => before ?? '').replace(new RegExp(HEADER_PARTS.numbering), '').replace(/[:;,.、。]+$/, '');
    // a unit in brackets anywhere: 「投资情况(万元)本周」 (a group header's unit read with its leaf)
    k = k.replace(/\(([^()]*)\)/g, (all, inner: string) => {
      const text = inner.replace(/^(?:计量)?单位[:]?/, '');
      const u = findUnit(text);
      if (u) {
        takeUnit(u, text);
        return '';
      }
      return all;
    });
    const tail = splitHeaderUnit(k);
    if (tail.unit && tail.label) {
      takeUnit(tail.unit, tail.unitText!);
      k = tail.label;
    }
    // a money unit written straight after the words: 「总投资万元」
    const bare = /^(.*(?:投资|额|计划|完成|累计|目标))(万元|亿元|千元|元)$/.exec(k);
    if (bare) {
      takeUnit(findUnit(bare[2])!, bare[2]);
      k = bare[1];
    }
    k = k.replace(/\(\)/g, '');
    if (k === before) break;
  }
  return { key: k, unit, unitText };
}

/* ------------------------------------------------------------------ step 3: parts ---------------------------------- */

type Measure = 'derived' | 'yoy' | 'total' | 'plan' | 'done' | 'invest';
type Period = 'past' | 'future' | 'sinceConflict' | 'since' | 'week' | 'month' | 'ytd' | 'year';

interface Parts {
  measure: Measure | null;
  period: Period | null;
  breakdown: boolean;
  cumulative: boolean;
  textish: boolean;
}

/** The parts one header cell says (its text normalised, brackets dropped). */
export function headerParts(text: string): Parts {
  const t = text.replace(/[()]/g, '');
  let period: Period | null = null;
  if (RE.past.test(t) && !RE.yoy.test(t)) period = 'past';
  else if (RE.future.test(t)) period = 'future';
  else if (RE.sinceStart.test(t)) period = RE.yearConflict.test(t.replace(new RegExp(HEADER_PARTS.sinceStart, 'g'), '')) ? 'sinceConflict' : 'since';
  else if (RE.ytd.test(t)) period = 'ytd';
  else if (RE.sinceWeak.test(t)) period = RE.year.test(t) ? 'ytd' : 'since';
  else if (RE.week.test(t)) period = 'week';
  else if (RE.month.test(t)) period = 'month';
  else if (RE.year.test(t)) period = 'year';
  let measure: Measure | null = null;
  const planAt = t.search(RE.plan);
  const doneAt = t.search(RE.done);
  if (RE.derived.test(t)) measure = 'derived';
  else if (RE.yoy.test(t)) measure = 'yoy';
  else if (RE.total.test(t) && doneAt < 0) measure = 'total';
  else if (planAt >= 0 && (doneAt < 0 || planAt < doneAt)) measure = 'plan';
  else if (doneAt >= 0) measure = 'done';
  else if (RE.invest.test(t)) measure = 'invest';
  return { measure, period, breakdown: RE.breakdown.test(t), cumulative: /累计/.test(t), textish: RE.textish.test(t) };
}

/** What the parts decide: a field key, 'derived', two keys (ambiguous), null (settled: no field), undefined (not decided). */
type Decision = { key: string } | { derived: true } | { ambiguous: [string, string] } | { none: string } | undefined;

function decideProject(p: Parts, text: string): Decision {
  if (p.measure === null) return undefined;
  if (p.breakdown) return { none: 'breakdown' };
  if (p.period === 'past' || p.period === 'future') return { none: p.period };
  if (p.measure === 'derived' || p.measure === 'yoy') return { derived: true };
  switch (p.measure) {
    case 'total':
      return { key: 'totalInvestment' };
    case 'plan':
      if (p.period === 'week' || p.period === 'month') return { none: p.period };
      if (p.period === 'since' || p.period === 'sinceConflict') return { none: 'since' };
      if (p.period === 'ytd') return /1-\d|1-n|至\d|到\d/.test(text) ? { none: 'month' } : { key: 'annualPlan' };
      if (p.period === 'year' || /年/.test(text)) return { key: 'annualPlan' };
      return undefined; // 「投资计划」 is the schema's (a pattern); 「计划投资」 alone is said ambiguous at the end

    case 'done':
      if (p.period === 'sinceConflict') return { ambiguous: ['completedYtd', 'completedSinceStart'] };
      if (p.period === 'since') return { key: 'completedSinceStart' };
      if (p.period === 'week') return p.cumulative ? { ambiguous: ['weekDone', 'completedYtd'] } : { key: 'weekDone' };
      if (p.period === 'month') return p.cumulative ? { key: 'completedYtd' } : { none: 'month' };
      return { key: 'completedYtd' };
    case 'invest':
      if (p.period === 'sinceConflict') return { ambiguous: ['completedYtd', 'completedSinceStart'] };
      if (p.period === 'since') return { key: 'completedSinceStart' };
      if (p.period === 'week') return { key: 'weekDone' };
      if (p.period === 'month') return { none: 'month' };
      if (p.period === 'ytd') return { key: 'completedYtd' };
      if (p.period === 'year') return { key: 'annualPlan' };
      return undefined;
  }
  return undefined;
}

function decideIndicator(p: Parts): Decision {
  if (p.measure === 'yoy') return { key: 'yoy' };
  if (p.measure === null) return p.period === 'ytd' && !p.breakdown ? { key: 'actual' } : undefined;
  if (p.measure === 'total' || p.measure === 'invest') return undefined;
  if (p.breakdown) return { none: 'breakdown' };
  if (p.period === 'past' || p.period === 'future') return { none: p.period };
  if (p.measure === 'derived') return { derived: true };
  if (p.period === 'since' || p.period === 'sinceConflict') return { none: 'since' };
  if (p.period === 'week' || p.period === 'month') return { none: p.period };
  return { key: p.measure === 'plan' ? 'target' : 'actual' };
}

/** The parts of a leaf header with its group headers (nearest first) filling what the leaf does not say. */
function combineParts(leaf: Parts, groups: Parts[]): Parts {
  const out = { ...leaf };
  for (const g of groups) {
    if (out.measure === null) out.measure = g.measure;
    if (out.period === null) out.period = g.period;
    out.breakdown = out.breakdown || g.breakdown;
    out.cumulative = out.cumulative || g.cumulative;
  }
  return out;
}

/* ------------------------------------------------------------------ the lexicon: exact phrasings + cache ---------- */

interface KindIndex {
  exact: Map<string, FieldSpec>;
  county: Map<string, FieldSpec>;
  patterns: { re: RegExp; field: FieldSpec }[];
  derived: Set<string>;
  byKey: Map<string, FieldSpec>;
}

/** Header recognition for one county: the built-in knowledge plus its extra phrasings. */
export interface HeaderLexicon {
  readonly extras: HeaderExtras;
  index: Record<SchemaKind, KindIndex>;
  cache: Record<SchemaKind, Map<string, HeaderMeaning>>;
  /** The meanings of leaf headers read with group headers: by leaf, then by the group headers (joined by \u0001). */
  grouped: Record<SchemaKind, Map<string, Map<string, HeaderMeaning>>>;
}

const KIND_FIELDS: Record<SchemaKind, FieldSpec[]> = { ...FIELDS, targets: TARGET_FIELDS };

/** The field of a kind that a configuration names: its key, its label or its short header. */
export function fieldNamed(kind: SchemaKind, name: string): FieldSpec | undefined {
  const k = labelKey(name);
  return KIND_FIELDS[kind].find((f) => f.key === name || labelKey(f.label) === k || (f.short && labelKey(f.short) === k));
}

function buildIndex(kind: SchemaKind, extras: Record<string, string[]> | undefined): KindIndex {
  const exact = new Map<string, FieldSpec>();
  const patterns: { re: RegExp; field: FieldSpec }[] = [];
  const byKey = new Map<string, FieldSpec>();
  for (const f of KIND_FIELDS[kind]) {
    byKey.set(f.key, f);
    for (const s of [f.label, ...f.synonyms]) {
      for (const k of [labelKey(s), normaliseHeader(s).key]) if (k && !exact.has(k)) exact.set(k, f);
    }
    for (const p of f.patterns ?? []) patterns.push({ re: new RegExp(`^(?:${p})$`), field: f });
  }
  const county = new Map<string, FieldSpec>();
  for (const [name, phrases] of Object.entries(extras ?? {})) {
    const f = fieldNamed(kind, name);
    if (!f) continue; // config.ts refuses it before it gets here
    for (const s of phrases) {
      const k = normaliseHeader(s).key;
      if (k) county.set(k, f);
    }
  }
  const derived = new Set(((DERIVED_HEADERS as Partial<Record<SchemaKind, string[]>>)[kind] ?? []).map(labelKey));
  return { exact, county, patterns, derived, byKey };
}

/** A lexicon with a county's extra phrasings (the built-in one when there are none). */
export function headerLexicon(extras: HeaderExtras = {}): HeaderLexicon {
  const kinds: SchemaKind[] = ['projects', 'indicators', 'powers', 'targets'];
  return {
    extras,
    index: Object.fromEntries(kinds.map((k) => [k, buildIndex(k, extras[k])])) as Record<SchemaKind, KindIndex>,
    cache: Object.fromEntries(kinds.map((k) => [k, new Map()])) as Record<SchemaKind, Map<string, HeaderMeaning>>,
    grouped: Object.fromEntries(kinds.map((k) => [k, new Map()])) as Record<SchemaKind, Map<string, Map<string, HeaderMeaning>>>,
  };
}

export const DEFAULT_LEXICON: HeaderLexicon = headerLexicon();

const NONE: HeaderMeaning = { field: null, derived: false, unit: undefined, unitText: null };

/**
 * What a header cell's text means for a kind of table. `groups` are the group headers above it (top first) in a
 * header of two or three rows; `header` is then the leaf cell alone.
 */
export function headerMeaning(kind: SchemaKind, header: string, lexicon: HeaderLexicon = DEFAULT_LEXICON, groups: string[] = []): HeaderMeaning {
  // remembered by their texts (no key is built for a header of one group: the texts themselves are the keys)
  let cache = lexicon.cache[kind];
  let key = header;
  if (groups.length) {
    const byLeaf = lexicon.grouped[kind];
    const known = byLeaf.get(header);
    if (known) cache = known;
    else {
      cache = new Map();
      if (byLeaf.size < 50000) byLeaf.set(header, cache);
    }
    key = groups.length === 1 ? groups[0] : groups.join('\u0001');
  }
  const hit = cache.get(key);
  if (hit) return hit;
  const result = computeMeaning(kind, header, lexicon.index[kind], groups);
  if (cache.size < 50000) cache.set(key, result);
  return result;
}

/**
 * Whether a header cell's text means the name field of a kind: `headerMeaning(kind, header).field?.key === 'name'`,
 * with a quick no for most texts that are no header (a project's name in the rows below one).
 *
 * The quick test: the name field is only ever reached by an exact phrasing (the schema's synonyms, the county's
 * phrasings: step 1, and step 3's candidates) when it has no patterns, and every string looked up is the header's
 * labelKey with characters taken out (noise, numbering, units, brackets; brackets also mapped to '(' ')'). So a
 * header can only be a name when, for one of the name's phrasings, its characters but the brackets appear in that
 * order in the header's labelKey. (An ideograph is its own labelKey: for phrasings of ideographs alone the text
 * itself is searched, without computing its labelKey.)
 */
export function isNameHeader(kind: SchemaKind, header: string, lexicon: HeaderLexicon = DEFAULT_LEXICON): boolean {
  return mayBeNameHeader(kind, header, lexicon) && headerMeaning(kind, header, lexicon).field?.key === 'name';
}

/**
 * The quick test of isNameHeader alone: false only when the text cannot mean the name field of the kind, as a header
 * cell or as the whole of a header of several rows (its cells joined top to bottom: what headerMeaning reads then).
 */
export function mayBeNameHeader(kind: SchemaKind, header: string, lexicon: HeaderLexicon = DEFAULT_LEXICON): boolean {
  const phrasings = namePhrasings(lexicon.index[kind]);
  if (!phrasings) return true;
  let key: string | null = null;
  for (const p of phrasings) {
    const hay = p.ideographs ? header : (key ??= labelKey(header));
    if (inOrder(p.chars, hay)) return true;
  }
  return false;
}

interface NamePhrasing {
  chars: string;
  ideographs: boolean;
}

const namePhrasingsOf = new WeakMap<KindIndex, NamePhrasing[] | null>();

/** The name field's exact phrasings without brackets; null when no quick test is sound (the field has patterns). */
function namePhrasings(idx: KindIndex): NamePhrasing[] | null {
  let out = namePhrasingsOf.get(idx);
  if (out !== undefined) return out;
  const name = idx.byKey.get('name');
  out = [];
  if (!name || idx.patterns.some((p) => p.field.key === 'name')) out = null;
  else {
    const seen = new Set<string>();
    for (const map of [idx.exact, idx.county]) {
      for (const [k, f] of map) {
        if (f.key !== 'name') continue;
        const chars = k.replace(/[()]/g, '');
        if (!chars) {
          out = null;
          break;
        }
        if (seen.has(chars)) continue;
        seen.add(chars);
        out.push({ chars, ideographs: /^[\u4e00-\u9fff]+$/.test(chars) });
      }
      if (!out) break;
    }
    // a phrasing whose characters include another's in order is found only where that one is: the other suffices
    // (「项目」 stands for 「项目名称」「重点项目」…; an ideograph is found in a text exactly when in its labelKey)
    if (out) {
      const all = out;
      out = all.filter((p) => !all.some((q) => q !== p && q.chars.length < p.chars.length && inOrder(q.chars, p.chars)));
    }
  }
  namePhrasingsOf.set(idx, out);
  return out;
}

/** Whether the characters of `needle` appear in `hay` in the same order (not necessarily next to each other). */
function inOrder(needle: string, hay: string): boolean {
  let at = 0;
  for (let i = 0; i < needle.length; i++) {
    at = hay.indexOf(needle[i], at);
    if (at < 0) return false;
    at++;
  }
  return true;
}

function computeMeaning(kind: SchemaKind, header: string, idx: KindIndex, groups: string[]): HeaderMeaning {
  const whole = groups.length ? [...groups, header].join('') : header;
  const n = normaliseHeader(whole);
  const leaf = groups.length ? normaliseHeader(header) : n;
  // the leaf's own unit, else the nearest group header's (「投资完成情况/万元」 over 「本周」), else the whole's
  const withUnit = [leaf, ...groups.slice().reverse().map(normaliseHeader), n].find((x) => x.unit);
  const unit = withUnit?.unit;
  const unitText = withUnit ? withUnit.unitText : n.unitText;
  const { label } = splitHeaderUnit(whole);
  if (!n.key && !label) return NONE;
  const noParen = n.key.replace(/\([^()]*\)/g, '');
  const flat = n.key.replace(/[()]/g, '');
  const field = (f: FieldSpec): HeaderMeaning => ({ field: f, derived: false, unit, unitText, settled: true });
  // 1. the county's phrasings, then the schema's synonyms, on the whole header
  for (const c of [n.key, flat, noParen]) {
    const f = idx.county.get(c);
    if (f) return field(f);
  }
  for (const c of [label, n.key]) {
    const f = idx.exact.get(c);
    if (f) return field(f);
  }
  // 2. the parts (the leaf's own, the group headers' for what the leaf does not say)
  const decide = kind === 'projects' ? decideProject : kind === 'indicators' ? (p: Parts) => decideIndicator(p) : null;
  if (decide) {
    const leafParts = headerParts(leaf.key);
    const parts = groups.length ? combineParts(leafParts, groups.slice().reverse().map((g) => headerParts(normaliseHeader(g).key))) : leafParts;
    const d = leafParts.textish && leafParts.measure !== 'derived' && leafParts.measure !== 'yoy' ? undefined : decide(parts, flat);
    if (d) {
      if ('key' in d) return field(idx.byKey.get(d.key)!);
      if ('derived' in d) return { field: null, derived: true, unit, unitText, settled: true };
      if ('ambiguous' in d) return { field: null, derived: false, unit, unitText, settled: true, ambiguous: [idx.byKey.get(d.ambiguous[0])!, idx.byKey.get(d.ambiguous[1])!] };
      return { field: null, derived: false, unit, unitText, settled: true, reason: d.none };
    }
  }
  // 3. as before the parts: the schema's patterns, the header without its remarks, the derived list
  for (const p of idx.patterns) if (p.re.test(label) || p.re.test(n.key)) return field(p.field);
  const candidates = [...new Set([noParen, flat, n.key.replace(/%$/, ''), noParen.replace(/%$/, '')])].filter(Boolean);
  for (const c of candidates) {
    const f = idx.exact.get(c);
    if (f) return field(f);
  }
  for (const c of [label, ...candidates]) if (idx.derived.has(c)) return { field: null, derived: true, unit, unitText, settled: true };
  for (const c of candidates) {
    for (const p of idx.patterns) if (p.re.test(c)) return field(p.field);
  }
  if (/(完成率|比例|占.*(计划|目标)|^完成.*(计划|目标).*%?$|进度%$|%$|率$)/.test(label) || unit?.dimension === 'percent') {
    // a percent column that is no field (yoy is a field and matched above)
    return { field: null, derived: true, unit, unitText, settled: true };
  }
  // a plan without its period (「计划投资」): the whole project's or this year's, the header does not say
  if (kind === 'projects' && /计划/.test(flat) && /投资|额/.test(flat) && !/[年周月]/.test(flat) && !/下|上/.test(flat)) {
    return { field: null, derived: false, unit, unitText, settled: true, ambiguous: [idx.byKey.get('totalInvestment')!, idx.byKey.get('annualPlan')!] };
  }
  return { field: null, derived: false, unit, unitText };
}

/* ------------------------------------------------------------------ the closest field, for the rejection --------- */

function bigrams(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length - 1; i++) out.push(s.slice(i, i + 2));
  return s.length === 1 ? [s] : out;
}

function dice(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (!x.length || !y.length) return 0;
  const pool = [...y];
  let hit = 0;
  for (const g of x) {
    const i = pool.indexOf(g);
    if (i >= 0) {
      hit++;
      pool.splice(i, 1);
    }
  }
  return (2 * hit) / (x.length + y.length);
}

/** The field a header not understood most resembles (bigram likeness to its label and synonyms), or null. */
export function closestField(kind: SchemaKind, header: string, among: FieldSpec[] = KIND_FIELDS[kind]): FieldSpec | null {
  const k = normaliseHeader(header).key.replace(/[()]/g, '');
  if (!k) return null;
  let best: FieldSpec | null = null;
  let score = 0.34; // at least a third of the bigrams in common: below that the "closest" misleads more than it helps
  for (const f of among) {
    for (const s of [f.label, ...f.synonyms]) {
      const d = dice(k, labelKey(s));
      if (d > score) {
        score = d;
        best = f;
      }
    }
  }
  return best;
}
