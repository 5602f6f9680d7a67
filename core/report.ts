/** The JSON report for machines: exact keys, amounts in 万元, indicators in their catalog unit. */
import { round } from './numbers';
import { POWER_STATUSES, POWER_WAYS } from './schema';
import { ConsolidationResult, PowerTotals, ProjectTotals } from './types';

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
    indicators: { name: string; unit: string | null; target: number | null; actual: number | null; completion: number | null; light: string | null }[] | null;
    /** The delegated-powers register: number of powers, by 下放方式 and by 承接状态 (each adds up to count). */
    powers: JsonPowers | null;
  }[];
  county: { projects: JsonProjects; indicators: { name: string; unit: string; target: number; actual: number }[]; powers: JsonPowers };
  lagging: { town: string; project: string; leader: string | null; completion: number; light: string }[];
}

export interface JsonPowers {
  count: number;
  byWay: Record<string, number>;
  byStatus: Record<string, number>;
}

function powers(p: PowerTotals | null | undefined): JsonPowers | null {
  return p ? { count: p.count, byWay: { ...p.byWay }, byStatus: { ...p.byStatus } } : null;
}

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

export function toJsonReport(result: ConsolidationResult): JsonReport {
  return {
    asOf: result.asOf,
    timeProgress: r4(result.timeProgress)!,
    files: result.files.map((f) => ({
      file: f.file,
      town: f.town,
      kinds: [...f.kinds],
      status: f.status,
      issues: f.issues.map((i) => ({ severity: i.severity, code: i.code, sheet: i.sheet, cell: i.cell, message: i.message })),
    })),
    towns: result.towns.map((t) => ({
      town: t.town,
      status: t.status,
      projects: t.projects ? projects(t.projects) : null,
      indicators: t.indicators
        ? t.indicators.map((i) => ({ name: i.name, unit: i.unit, target: r6(i.target), actual: r6(i.actual), completion: r4(i.completion), light: i.light }))
        : null,
      powers: powers(t.powers),
    })),
    county: {
      projects: projects(result.county.projects),
      indicators: result.county.indicators.map((i) => ({ name: i.name, unit: i.unit, target: r6(i.target)!, actual: r6(i.actual)! })),
      powers: powers(result.county.powers) ?? {
        count: 0, byWay: Object.fromEntries(POWER_WAYS.map((k) => [k, 0])), byStatus: Object.fromEntries(POWER_STATUSES.map((k) => [k, 0])),
      },
    },
    lagging: result.lagging.map((l) => ({ town: l.town, project: l.project, leader: l.leader, completion: r4(l.completion)!, light: l.light })),
  };
}

/** The sheets of the county summary workbook, in order. A workbook that has them is a summary, never a town's report. */
export const SUMMARY_SHEETS = ['汇总概览', '项目明细', '滞后项目', '存在问题', '主要指标', '报送情况'] as const;
