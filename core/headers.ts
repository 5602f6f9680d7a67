/** Header recognition: which field a header text means, for each table kind. Knowledge lives in schema.ts. */
import { DERIVED_HEADERS, FIELDS, FieldSpec, SchemaKind, TARGET_FIELDS } from './schema';
import { labelKey } from './text';
import { UnitDef, splitHeaderUnit } from './units';

export interface HeaderMeaning {
  field: FieldSpec | null;
  derived: boolean;
  unit: UnitDef | undefined;
  unitText: string | null;
}

interface KindIndex {
  exact: Map<string, FieldSpec>;
  patterns: { re: RegExp; field: FieldSpec }[];
  derived: Set<string>;
}

const DERIVED_RE = /(完成率|比例|占.*(计划|目标)|^完成.*(计划|目标).*%?$|进度%$|%$|率$)/;

function buildIndex(kind: SchemaKind, fields: FieldSpec[]): KindIndex {
  const exact = new Map<string, FieldSpec>();
  const patterns: { re: RegExp; field: FieldSpec }[] = [];
  for (const f of fields) {
    for (const s of [f.label, ...f.synonyms]) if (!exact.has(labelKey(s))) exact.set(labelKey(s), f);
    for (const p of f.patterns ?? []) patterns.push({ re: new RegExp(`^(?:${p})$`), field: f });
  }
  return { exact, patterns, derived: new Set(((DERIVED_HEADERS as Partial<Record<SchemaKind, string[]>>)[kind] ?? []).map(labelKey)) };
}

const INDEX: Record<SchemaKind, KindIndex> = {
  projects: buildIndex('projects', FIELDS.projects),
  indicators: buildIndex('indicators', FIELDS.indicators),
  powers: buildIndex('powers', FIELDS.powers),
  targets: buildIndex('targets', TARGET_FIELDS),
};

const cache: Record<SchemaKind, Map<string, HeaderMeaning>> = { projects: new Map(), indicators: new Map(), powers: new Map(), targets: new Map() };

const NONE: HeaderMeaning = { field: null, derived: false, unit: undefined, unitText: null };

/** What a header cell's text means for a kind of table. */
export function headerMeaning(kind: SchemaKind, header: string): HeaderMeaning {
  const hit = cache[kind].get(header);
  if (hit) return hit;
  const result = computeMeaning(kind, header);
  if (cache[kind].size < 50000) cache[kind].set(header, result);
  return result;
}

function computeMeaning(kind: SchemaKind, header: string): HeaderMeaning {
  const idx = INDEX[kind];
  const { label, unit, unitText } = splitHeaderUnit(header);
  if (!label) return NONE;
  // the label as written, without other bracketed remarks, without a trailing %; then "（1-10月）累计" style
  const noParen = label.replace(/\([^()]*\)/g, '');
  const parenInside = label.replace(/[()]/g, '');
  const candidates = [...new Set([label, noParen, parenInside, label.replace(/%$/, ''), noParen.replace(/%$/, '')])].filter(Boolean);
  // the header as written first (exact, then the patterns, which know 「累计完成投资（开工以来）」 is no 1-N月累计),
  // then the header with its remarks stripped
  const exactWhole = idx.exact.get(label);
  if (exactWhole) return { field: exactWhole, derived: false, unit, unitText };
  for (const p of idx.patterns) if (p.re.test(label)) return { field: p.field, derived: false, unit, unitText };
  for (const c of candidates) {
    const f = idx.exact.get(c);
    if (f) return { field: f, derived: false, unit, unitText };
  }
  for (const c of candidates) if (idx.derived.has(c)) return { field: null, derived: true, unit, unitText };
  for (const c of candidates) {
    for (const p of idx.patterns) if (p.re.test(c)) return { field: p.field, derived: false, unit, unitText };
  }
  if (DERIVED_RE.test(label) || unit?.dimension === 'percent') {
    // a percent column that is no field (yoy is a field and matched above)
    return { field: null, derived: true, unit, unitText };
  }
  return { field: null, derived: false, unit, unitText };
}
