/** The 主要指标 model: an indicator as a town writes it, converted to the catalog unit. */


// ───────────────────────────── indicators ─────────────────────────────

export interface Indicator {
  /** As the town writes it. */
  rawName: string;
  /** Canonical name in the domain catalog (domain.md), or null when it is outside that table. */
  canonical: string | null;
  catalogUnit: string;
  additive: boolean;
  /** The unit as the town writes it. */
  unit: string;
  target: number;
  actual: number;
  yoy: number | null;
}

/** Factor from a written unit to the catalog unit. */
export function unitFactor(from: string, to: string): number {
  if (from === to) return 1;
  const money: Record<string, number> = { 元: 1, 万元: 1e4, 亿元: 1e8 };
  const people: Record<string, number> = { 人: 1, 万人: 1e4 };
  const land: Record<string, number> = { 亩: 1, 公顷: 15, 平方公里: 1500 };
  for (const dim of [money, people, land]) if (from in dim && to in dim) return dim[from] / dim[to];
  throw new Error(`no conversion ${from} → ${to}`);
}

export const ind = (
  rawName: string,
  canonical: string | null,
  catalogUnit: string,
  additive: boolean,
  unit: string,
  target: number,
  actual: number,
  yoy: number | null,
): Indicator => ({ rawName, canonical, catalogUnit, additive, unit, target, actual, yoy });
