/** The roster and the totals the consolidation is expected to arrive at (<outDir>-expected.json). */
import { planOf, sum } from './cells';
import { Indicator, unitFactor } from './indicators';
import { AS_OF, COUNTY, Project, TIME_PROGRESS, YELLOW_BELOW, lightOf, r2, r4 } from './model';
import { PowerExpect, TownExpect } from './out';

// ───────────────────────────── roster & expected ─────────────────────────────

export const ROSTER: [string, string[]][] = [
  ['云峰镇', ['云峰']],
  ['壶源镇', ['壶源']],
  ['东溪镇', ['东溪']],
  ['南岭镇', ['南岭']],
  ['白石镇', ['白石']],
  ['新塘镇', ['新塘']],
  ['清溪镇', ['清溪']],
  ['龙门镇', ['龙门']],
  ['金竹镇', ['金竹']],
  ['桃花镇', ['桃花']],
  ['石门镇', ['石门']],
  ['双港镇', ['双港', '双港镇人民政府']],
];

export function totalsOf(ps: Project[]) {
  const planned = ps.filter((p) => (p.plan ?? 0) > 0);
  const planSum = sum(planned.map(planOf));
  const completion = planSum > 0 ? sum(planned.map((p) => p.ytd)) / planSum : null;
  const lights = ps.map((p) => lightOf(p.plan, p.ytd));
  return {
    count: ps.length,
    totalInvestment: r2(sum(ps.map((p) => p.total))),
    annualPlan: r2(sum(ps.map(planOf))),
    completedYtd: r2(sum(ps.map((p) => p.ytd))),
    weekDone: r2(sum(ps.map((p) => p.week))),
    green: lights.filter((l) => l === 'green').length,
    yellow: lights.filter((l) => l === 'yellow').length,
    red: lights.filter((l) => l === 'red').length,
    completion: completion === null ? null : r4(completion),
    gap: completion === null ? null : r2((completion - TIME_PROGRESS) * 100),
    /** Σ completedYtd of ALL projects (前期 ones' small 前期费用 included) / Σ annualPlan, for comparison. */
    completionAllYtd: planSum > 0 ? r4(sum(ps.map((p) => p.ytd)) / planSum) : null,
  };
}

export function indicatorOut(x: Indicator) {
  const f = unitFactor(x.unit, x.catalogUnit);
  const target = r4(x.target * f);
  const actual = r4(x.actual * f);
  return {
    rawName: x.rawName,
    name: x.canonical ?? x.rawName,
    inDomainCatalog: x.canonical !== null,
    additive: x.additive,
    unit: x.catalogUnit,
    writtenUnit: x.unit,
    writtenTarget: x.target,
    writtenActual: x.actual,
    target,
    actual,
    yoy: x.yoy,
    completion: r4(actual / target),
  };
}

/** The county's powers: the towns' registers in use added up (each breakdown adds up to the count). */
export function countyPowers(towns: TownExpect[]): PowerExpect {
  const out: PowerExpect = { count: 0, byWay: {}, byStatus: {}, byDepartment: {} };
  for (const t of towns) {
    if (!t.powers) continue;
    out.count += t.powers.count;
    for (const k of ['byWay', 'byStatus', 'byDepartment'] as const) {
      for (const [key, n] of Object.entries(t.powers[k])) out[k][key] = (out[k][key] ?? 0) + n;
    }
  }
  return out;
}

export function expectedJson(towns: TownExpect[], strayFiles: { file: string; status: string; note: string }[]) {
  const submitted = towns.filter((t) => t.status === 'submitted');
  const allProjects = submitted.flatMap((t) => t.projects ?? []);
  // County indicators: additive ones summed over the towns that report them (catalog units).
  const county = new Map<string, { name: string; unit: string; target: number; actual: number; towns: number }>();
  for (const t of submitted)
    for (const x of t.indicators ?? []) {
      if (!x.additive || x.canonical === null) continue;
      const o = indicatorOut(x);
      const e = county.get(o.name) ?? { name: o.name, unit: o.unit, target: 0, actual: 0, towns: 0 };
      e.target = r4(e.target + o.target);
      e.actual = r4(e.actual + o.actual);
      e.towns++;
      county.set(o.name, e);
    }
  const files: { file: string; town: string | null; status: string; alsoAcceptable?: string[]; note?: string }[] = [];
  for (const t of towns) {
    for (const f of t.files) files.push({ file: f, town: t.town, status: 'accepted' });
    for (const f of t.otherFiles)
      files.push({ file: f.file, town: t.town, status: f.status, alsoAcceptable: f.alsoAcceptable, note: f.note });
  }
  for (const s of strayFiles) files.push({ file: s.file, town: null, status: s.status, note: s.note });
  files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return {
    county: COUNTY,
    asOf: AS_OF,
    timeProgress: r4(TIME_PROGRESS),
    thresholds: { yellowBelow: YELLOW_BELOW },
    amountsIn: '万元',
    tolerance: 0.01,
    notes: [
      'Sums are over the projects that must be counted: no section/小计/合计/总计 rows, only the latest report of a town.',
      'annualPlan counts an empty plan as 0. completion = Σ completedYtd / Σ annualPlan over projects whose plan > 0 (types.ts wording); completionAllYtd also counts the ytd of 前期 projects without a plan; gap in 个百分点.',
      'Lights: green ≥ 序时进度 (10/12), yellow within 10 points below, red below that, none where plan is empty/0.',
      'Indicator target/actual are converted to the catalog unit; writtenTarget/writtenActual are as written.',
    ],
    towns: towns.map((t) => ({
      town: t.town,
      status: t.status,
      reportDate: t.reportDate,
      files: t.files,
      otherFiles: t.otherFiles,
      projects: t.projects ? totalsOf(t.projects) : null,
      indicators: t.indicators ? { count: t.indicators.length, items: t.indicators.map(indicatorOut) } : null,
      layout: t.notes,
      expectedErrors: t.expectedErrors,
      powers: t.powers ?? null,
      powerErrors: t.powerErrors,
      projectList: t.projects
        ? t.projects.map((p) => ({
            seq: p.seq,
            name: p.name,
            category: p.category,
            status: p.status,
            totalInvestment: p.total,
            annualPlan: p.plan,
            weekDone: p.week,
            completedYtd: p.ytd,
            completion: p.plan && p.plan > 0 ? r4(p.ytd / p.plan) : null,
            light: lightOf(p.plan, p.ytd),
            leader: p.leader,
            problems: p.problems || null,
          }))
        : null,
    })),
    countyTotals: {
      towns: { submitted: submitted.length, rejected: towns.filter((t) => t.status === 'rejected').length, missing: towns.filter((t) => t.status === 'missing').length },
      projects: totalsOf(allProjects),
      indicators: [...county.values()],
      powers: countyPowers(submitted),
    },
    files,
  };
}
