/**
 * Units as data: each unit belongs to a dimension and has a factor to that dimension's base unit.
 * A county can extend UNITS; nothing else in the code names a unit.
 */
import { labelKey } from './text';

export type Dimension = 'money' | 'usd' | 'people' | 'area' | 'percent' | 'count' | 'energy' | 'length' | 'intensity' | 'other';

export interface UnitDef {
  /** Canonical spelling. */
  name: string;
  dimension: Dimension;
  /** Multiply a value in this unit by factor to get the dimension's base unit. */
  factor: number;
  aliases?: string[];
}

/** Base units: money 万元, people 万人, area 亩, percent %, count 个. */
export const UNITS: UnitDef[] = [
  { name: '元', dimension: 'money', factor: 1e-4 },
  { name: '千元', dimension: 'money', factor: 1e-1 },
  { name: '万元', dimension: 'money', factor: 1, aliases: ['万'] },
  { name: '百万元', dimension: 'money', factor: 100 },
  { name: '千万元', dimension: 'money', factor: 1000 },
  { name: '亿元', dimension: 'money', factor: 1e4, aliases: ['亿'] },
  { name: '美元', dimension: 'usd', factor: 1e-4 },
  { name: '万美元', dimension: 'usd', factor: 1 },
  { name: '亿美元', dimension: 'usd', factor: 1e4 },
  { name: '吨标准煤/万元', dimension: 'intensity', factor: 1, aliases: ['吨标煤/万元', '吨标准煤每万元'] },
  { name: '人', dimension: 'people', factor: 1e-4, aliases: ['人次'] },
  { name: '万人', dimension: 'people', factor: 1 },
  { name: '户', dimension: 'count', factor: 1 },
  { name: '个', dimension: 'count', factor: 1, aliases: ['项', '家', '件', '宗', '座', '所', '套', '处'] },
  { name: '亩', dimension: 'area', factor: 1 },
  { name: '公顷', dimension: 'area', factor: 15, aliases: ['hm2', 'hm²', 'ha'] },
  { name: '平方公里', dimension: 'area', factor: 1500, aliases: ['平方千米', 'km2', 'km²', '平方km'] },
  { name: '平方米', dimension: 'area', factor: 0.0015, aliases: ['m2', 'm²', '平米', '㎡'] },
  { name: '万平方米', dimension: 'area', factor: 15 },
  { name: '%', dimension: 'percent', factor: 1, aliases: ['百分比', '百分点', '％'] },
  { name: '公里', dimension: 'length', factor: 1, aliases: ['千米', 'km'] },
  { name: '米', dimension: 'length', factor: 0.001, aliases: ['m'] },
  { name: '吨标准煤', dimension: 'energy', factor: 1, aliases: ['吨标煤'] },
  { name: '万吨标准煤', dimension: 'energy', factor: 1e4, aliases: ['万吨标煤'] },
];

const byKey = new Map<string, UnitDef>();
for (const u of UNITS) {
  byKey.set(labelKey(u.name), u);
  for (const a of u.aliases ?? []) byKey.set(labelKey(a), u);
}

/** The unit a text names (「万元」「（亿元）」「单位:万元」 → 万元), or undefined. */
export function findUnit(text: string): UnitDef | undefined {
  let k = labelKey(text).replace(/^单位[:]?/, '').replace(/^\(|\)$/g, '');
  k = k.replace(/^计量单位[:]?/, '');
  return byKey.get(k);
}

/** Every spelling of a unit, longest first (for stripping a trailing unit off a number text). */
export const UNIT_SPELLINGS: string[] = [...byKey.keys()].filter((k) => k !== 'm' && k !== '%').sort((a, b) => b.length - a.length);

/**
 * Factor to convert a value from one unit to another, or null when they are not of one dimension.
 */
export function conversionFactor(from: UnitDef, to: UnitDef): number | null {
  if (from.dimension !== to.dimension) return null;
  return from.factor / to.factor;
}

export const BASE_MONEY = findUnit('万元') as UnitDef;

/**
 * Unit written inside a header: 「总投资（万元）」, 「总投资(元)」, 「年度目标/亿元」, 「总投资 单位：万元」.
 * Returns the header without the unit part, and the unit when one was found.
 */
export function splitHeaderUnit(header: string): { label: string; unit: UnitDef | undefined; unitText: string | null } {
  const k = labelKey(header);
  // (…) at the end, possibly several: 「总投资(万元)」 「累计(1-10月)(万元)」
  const m = /^(.*?)\(([^()]*)\)$/.exec(k);
  if (m) {
    const u = findUnit(m[2]);
    if (u) return { label: m[1], unit: u, unitText: m[2] };
    // 「（单位：万元）」 or 「(万元/%)」 – unknown unit text stays part of the label's tail
    const inner = m[2].replace(/^单位[:]?/, '');
    const u2 = findUnit(inner);
    if (u2) return { label: m[1], unit: u2, unitText: inner };
  }
  const slash = /^(.*?)\/([^/]+)$/.exec(k);
  if (slash) {
    const u = findUnit(slash[2]);
    if (u) return { label: slash[1], unit: u, unitText: slash[2] };
  }
  const tail = /^(.*?)单位[:]?(.+)$/.exec(k);
  if (tail) {
    const u = findUnit(tail[2]);
    if (u) return { label: tail[1], unit: u, unitText: tail[2] };
  }
  return { label: k, unit: undefined, unitText: null };
}
