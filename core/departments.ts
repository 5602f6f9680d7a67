/** The county's departments (原实施部门) and the values of the powers register, matched as officials write them. Pure. */
import { Department, POWER_STATUS_SYNONYMS, POWER_TYPE_SYNONYMS, POWER_WAY_SYNONYMS } from './schema';
import { labelKey, nameKey } from './text';
import { HAN } from './unicode-classes';

const COUNTY_PREFIX_RE = new RegExp(`^[${HAN}]{0,3}?县(?:人民政府|政府)?`, 'u');

/** Key of a department name: no 「县」/「XX县」/「XX县人民政府」 in front, no bracketed remark, letters only. */
export function departmentKey(s: string): string {
  const k = nameKey(labelKey(s).replace(/\([^()]*\)/g, ''));
  const stripped = k.replace(COUNTY_PREFIX_RE, '');
  return stripped || k;
}

export interface DepartmentIndex {
  /** Canonical names in the county's order. */
  names: string[];
  byKey: Map<string, string>;
}

export function indexDepartments(list: Department[]): DepartmentIndex {
  const byKey = new Map<string, string>();
  for (const d of list) {
    for (const n of [d.name, d.full, ...d.aliases]) {
      if (!n) continue;
      const k = departmentKey(n);
      if (k && !byKey.has(k)) byKey.set(k, d.name);
    }
  }
  return { names: list.map((d) => d.name), byKey };
}

/** The canonical name of a department as written, or null when the county's list does not know it. */
export function matchDepartment(text: string, index: DepartmentIndex): string | null {
  return index.byKey.get(departmentKey(text)) ?? null;
}

function valueIndex(synonyms: Record<string, string[]>): Map<string, string> {
  const m = new Map<string, string>();
  for (const [canon, words] of Object.entries(synonyms)) for (const w of [canon, ...words]) m.set(nameKey(w), canon);
  return m;
}

const WAYS = valueIndex(POWER_WAY_SYNONYMS);
const STATUSES = valueIndex(POWER_STATUS_SYNONYMS);
const TYPES = valueIndex(POWER_TYPE_SYNONYMS);

/** 下放方式 as written → one of the six ways; the text itself when it is none of them. */
export function canonicalWay(s: string): string {
  return WAYS.get(nameKey(s)) ?? s;
}

export function canonicalPowerStatus(s: string): string {
  return STATUSES.get(nameKey(s)) ?? s;
}

/** 权力类型: also 「行政许可类」「许可类」. */
export function canonicalPowerType(s: string): string {
  const k = nameKey(s);
  return TYPES.get(k) ?? TYPES.get(k.replace(/类$/, '')) ?? s;
}
