/** The JSON report for machines: exact keys, amounts in 万元, indicators in their catalog unit. */
import { round } from './numbers';
import { POWER_STATUSES, POWER_WAYS } from './schema';
import { ConsolidationResult, PowerTotals, ProjectChange, ProjectTotals, TownChange } from './types';

export interface JsonProjects {
  count: number;
  totalInvestment: number;
  annualPlan: number;
  completedYtd: number;
  red: number;
  yellow: number;
  green: number;
}

export interface JsonReport {
  asOf: string;
  timeProgress: number;
  files: {
    file: string;
    town: string | null;
    kinds: string[];
    status: string;
    issues: { severity: string; code: string; sheet: string | null; cell: string | null; message: string }[];
  }[];
  towns: {
    town: string;
    status: string;
    projects: JsonProjects | null;
    /** The delegated-powers register: number of powers, by 下放方式 and by 承接状态 (each adds up to count). */
    powers: JsonPowers | null;
    indicators: JsonIndicator[] | null;
    // added with county targets and week over week (issue #4)
    reportDate: string | null;
    rank: number | null;
    projectList: JsonProject[];
    change: JsonTownChange | null;
    /** Indicators the county set a target for that the town did not report (only with --targets). */
    indicatorsNotReported?: { name: string; unit: string; target: number | null }[];
  }[];
  county: { projects: JsonProjects; indicators: { name: string; unit: string; target: number; actual: number }[]; powers: JsonPowers };
  lagging: { town: string; project: string; leader: string | null; completion: number; light: string }[];
  weekOverWeek: { previousAsOf: string; droppedTowns: string[]; completedYtdDelta: number | null } | null;
}

export interface JsonPowers {
  count: number;
  byWay: Record<string, number>;
  byStatus: Record<string, number>;
}

function powers(p: PowerTotals | null | undefined): JsonPowers | null {
  return p ? { count: p.count, byWay: { ...p.byWay }, byStatus: { ...p.byStatus } } : null;
}

export interface JsonIndicator {
  name: string;
  unit: string | null;
  /** The target in force (the county's when it set one). */
  target: number | null;
  actual: number | null;
  completion: number | null;
  light: string | null;
  targetOriginal: number | null;
  targetAdjusted: number | null;
  targetSource: 'county' | 'town' | null;
  adjustedOn: string | null;
  adjustDoc: string | null;
}

/** One project of a town, what next week's comparison needs. */
export interface JsonProject {
  name: string;
  annualPlan: number | null;
  completedYtd: number | null;
  completion: number | null;
  light: string | null;
  change: JsonProjectChange | null;
}

export type JsonProjectChange = ProjectChange;
export type JsonTownChange = TownChange;

const r4 = (v: number | null): number | null => (v === null ? null : round(v, 4));
const r6 = (v: number | null): number | null => (v === null ? null : round(v, 6));

function projects(p: ProjectTotals): JsonProjects {
  return {
    count: p.count,
    totalInvestment: r6(p.totalInvestment)!,
    annualPlan: r6(p.annualPlan)!,
    completedYtd: r6(p.completedYtd)!,
    red: p.red,
    yellow: p.yellow,
    green: p.green,
  };
}

/** One file of the JSON report (toJsonReport's files[i]). */
export function jsonFile(f: ConsolidationResult['files'][number]): JsonReport['files'][number] {
  return {
    file: f.file,
    town: f.town,
    kinds: [...f.kinds],
    status: f.status,
    issues: f.issues.map((i) => ({ severity: i.severity, code: i.code, sheet: i.sheet, cell: i.cell, message: i.message })),
  };
}

/** One town of the JSON report (toJsonReport's towns[i]). */
export function jsonTown(t: ConsolidationResult['towns'][number]): JsonReport['towns'][number] {
  return {
    town: t.town,
    status: t.status,
    projects: t.projects ? projects(t.projects) : null,
    indicators: t.indicators
      ? t.indicators.map((i) => ({
        name: i.name, unit: i.unit, target: r6(i.target), actual: r6(i.actual), completion: r4(i.completion), light: i.light,
        targetOriginal: r6(i.targetOriginal ?? null), targetAdjusted: r6(i.targetAdjusted ?? null), targetSource: i.targetSource ?? null,
        adjustedOn: i.adjustedOn ?? null, adjustDoc: i.adjustDoc ?? null,
      }))
      : null,
    reportDate: t.reportDate,
    rank: t.rank,
    projectList: t.projectList.map((p) => ({
      name: p.name, annualPlan: r6(p.annualPlan), completedYtd: r6(p.completedYtd), completion: r4(p.completion), light: p.light,
      change: p.change
        ? { completedYtdBefore: r6(p.change.completedYtdBefore), completedYtdDelta: r6(p.change.completedYtdDelta), lightBefore: p.change.lightBefore, turnedRed: p.change.turnedRed }
        : null,
    })),
    change: t.change
      ? {
        previousReportDate: t.change.previousReportDate, completedYtdBefore: r6(t.change.completedYtdBefore),
        completedYtdDelta: r6(t.change.completedYtdDelta), rankBefore: t.change.rankBefore, rankChange: t.change.rankChange,
        turnedRed: [...t.change.turnedRed],
      }
      : null,
    powers: powers(t.powers),
    ...(t.indicatorsNotReported ? { indicatorsNotReported: t.indicatorsNotReported.map((n) => ({ name: n.name, unit: n.unit, target: r6(n.target) })) } : {}),
  };
}

export function toJsonReport(result: ConsolidationResult): JsonReport {
  return {
    asOf: result.asOf,
    timeProgress: r4(result.timeProgress)!,
    files: result.files.map(jsonFile),
    towns: result.towns.map(jsonTown),
    county: {
      projects: projects(result.county.projects),
      indicators: result.county.indicators.map((i) => ({ name: i.name, unit: i.unit, target: r6(i.target)!, actual: r6(i.actual)! })),
      powers: powers(result.county.powers) ?? {
        count: 0, byWay: Object.fromEntries(POWER_WAYS.map((k) => [k, 0])), byStatus: Object.fromEntries(POWER_STATUSES.map((k) => [k, 0])),
      },
    },
    lagging: result.lagging.map((l) => ({ town: l.town, project: l.project, leader: l.leader, completion: r4(l.completion)!, light: l.light })),
    weekOverWeek: result.weekOverWeek
      ? { previousAsOf: result.weekOverWeek.previousAsOf, droppedTowns: [...result.weekOverWeek.droppedTowns], completedYtdDelta: r6(result.weekOverWeek.completedYtdDelta) }
      : null,
  };
}

