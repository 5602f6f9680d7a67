/**
 * The JSON report for machines: exact keys, amounts in 万元, indicators in their catalog unit. Its shape is defined
 * once, by the zod schema below (ReportSchema): the TypeScript type is inferred from it, the writer's output is
 * checked against it in tests, and --previous / --history read earlier reports with it. Keys an older report may
 * lack are optional; every report this version writes has them all. See docs/json-report.md.
 */
import { z } from 'zod/v3';
import { round } from './numbers';
import { POWER_STATUSES, POWER_WAYS } from './schema';
import { ConsolidationResult, PowerTotals, ProjectTotals } from './types';

/** The report format's version. A reader meets a report without `version` (written before it existed) or with 1. */
export const REPORT_VERSION = 1;
/** Versions this program reads; undefined = a report written before the field existed (same keys, fewer of them). */
export const READABLE_REPORT_VERSIONS: readonly (number | undefined)[] = [undefined, 1];

const LightSchema = z.enum(['green', 'yellow', 'red']).nullable();
const num = z.number().finite();
const numOrNull = z.number().finite().nullable();

const ProjectsSchema = z.object({
  count: num, totalInvestment: num, annualPlan: num, completedYtd: num, red: num, yellow: num, green: num,
});

const PowersSchema = z.object({ count: num, byWay: z.record(z.string(), num), byStatus: z.record(z.string(), num) });

const IndicatorSchema = z.object({
  name: z.string(),
  unit: z.string().nullable(),
  /** The target in force (the county's when it set one). */
  target: numOrNull,
  actual: numOrNull,
  completion: numOrNull,
  light: LightSchema,
  targetOriginal: numOrNull.optional(),
  targetAdjusted: numOrNull.optional(),
  targetSource: z.enum(['county', 'town']).nullable().optional(),
  adjustedOn: z.string().nullable().optional(),
  adjustDoc: z.string().nullable().optional(),
});

const ProjectChangeSchema = z.object({
  completedYtdBefore: numOrNull, completedYtdDelta: numOrNull, lightBefore: LightSchema, turnedRed: z.boolean(),
});

const TownChangeSchema = z.object({
  previousReportDate: z.string().nullable(),
  completedYtdBefore: numOrNull,
  completedYtdDelta: numOrNull,
  rankBefore: numOrNull,
  rankChange: numOrNull,
  turnedRed: z.array(z.string()),
});

/** A project's streaks over the year's reports (--history); see core/history.ts. */
const ProjectHistorySchema = z.object({
  /** 连续红灯周数: consecutive reports, up to this one, in which the project is red (weeks its town did not report are skipped over). */
  redWeeks: num,
  /** The as-of date of the first report of that red run (null when not red now). */
  redSince: z.string().nullable(),
  /** 连续无进展周数: consecutive reports, up to this one, whose 累计完成 did not rise over the one before. */
  stalledWeeks: num,
  /** The as-of date of the first report in this year's history holding the project. */
  firstSeen: z.string(),
});

/** One project of a town, what next week's comparison needs. */
const ProjectSchema = z.object({
  name: z.string(),
  annualPlan: numOrNull,
  completedYtd: numOrNull,
  completion: numOrNull,
  light: LightSchema,
  change: ProjectChangeSchema.nullable().optional(),
  history: ProjectHistorySchema.nullable().optional(),
});

const IssueSchema = z.object({
  severity: z.enum(['error', 'warning']), code: z.string(), sheet: z.string().nullable(), cell: z.string().nullable(), message: z.string(),
});

const FileSchema = z.object({
  file: z.string(),
  town: z.string().nullable(),
  kinds: z.array(z.enum(['projects', 'indicators', 'powers'])),
  status: z.enum(['accepted', 'rejected', 'superseded', 'ignored']),
  issues: z.array(IssueSchema),
});

/** One week of a town in the year's history. */
const TownWeekSchema = z.object({
  asOf: z.string(),
  status: z.enum(['submitted', 'rejected', 'missing']),
  completedYtd: numOrNull,
  /** completedYtd / annualPlan over the projects with a plan (as the county's completion is computed). */
  completion: numOrNull,
  timeProgress: num,
});

const TownHistorySchema = z.object({
  /** The town's weeks, oldest first, from the first report in the year that lists it (a town added mid-year starts then). */
  weeks: z.array(TownWeekSchema),
  /** As-of dates of the weeks the town did not report (missing or rejected). */
  missedWeeks: z.array(z.string()),
  /** The longest run of consecutive missed weeks in the year, and the run that ends this week. */
  longestMissedRun: num,
  missedRun: num,
});

const TownSchema = z.object({
  town: z.string(),
  status: z.enum(['submitted', 'rejected', 'missing']),
  projects: ProjectsSchema.nullable(),
  /** The delegated-powers register: number of powers, by 下放方式 and by 承接状态 (each adds up to count). */
  powers: PowersSchema.nullable().optional(),
  indicators: z.array(IndicatorSchema).nullable(),
  // added with county targets and week over week (issue #4); optional for reports written before
  reportDate: z.string().nullable().optional(),
  rank: numOrNull.optional(),
  projectList: z.array(ProjectSchema).optional(),
  change: TownChangeSchema.nullable().optional(),
  /** Indicators the county set a target for that the town did not report (only with --targets). */
  indicatorsNotReported: z.array(z.object({ name: z.string(), unit: z.string(), target: numOrNull })).optional(),
  history: TownHistorySchema.nullable().optional(),
});

/** One point of the county's curve: a week of the year's history. */
const CurvePointSchema = z.object({
  asOf: z.string(),
  timeProgress: num,
  completedYtd: num,
  annualPlan: num,
  completion: numOrNull,
  towns: num,
  submitted: num,
});

const SupervisionSchema = z.object({
  town: z.string(),
  project: z.string(),
  leader: z.string().nullable(),
  light: LightSchema,
  completion: numOrNull,
  redWeeks: num,
  redSince: z.string().nullable(),
  stalledWeeks: num,
  /** Why it is on the list: 'red' (red for N weeks or more), 'stalled' (no progress for M weeks or more), or both. */
  reasons: z.array(z.enum(['red', 'stalled'])),
  problems: z.string().nullable(),
});

const HistorySchema = z.object({
  /** The thresholds of the 督办清单: N consecutive red weeks, M weeks without progress. */
  redWeeks: num,
  stalledWeeks: num,
  /** The reports used, oldest first (this week's run last, file null), one per week. */
  weeks: z.array(z.object({ asOf: z.string(), file: z.string().nullable() })),
  /** Files of the history folder not used, with the reason (Chinese). */
  skipped: z.array(z.object({ file: z.string(), reason: z.string() })),
  /** The county's curve over the year: one point per week. */
  curve: z.array(CurvePointSchema),
  supervision: z.array(SupervisionSchema),
  /** Projects on this week's list that their town's previous report did not have, and the reverse. */
  appeared: z.array(z.object({ town: z.string(), project: z.string(), previousAsOf: z.string() })),
  disappeared: z.array(z.object({ town: z.string(), project: z.string(), lastAsOf: z.string() })),
  /** Towns that missed two or more weeks in a row this year. */
  townsMissingInARow: z.array(z.object({ town: z.string(), longestMissedRun: num, missedWeeks: z.array(z.string()) })),
});

export const ReportSchema = z.object({
  /** The format's version (REPORT_VERSION); absent in reports written before it existed. */
  version: z.number().finite().int().optional(),
  asOf: z.string(),
  timeProgress: num,
  files: z.array(FileSchema),
  towns: z.array(TownSchema),
  county: z.object({
    projects: ProjectsSchema,
    indicators: z.array(z.object({ name: z.string(), unit: z.string(), target: num, actual: num })),
    powers: PowersSchema.optional(),
  }),
  lagging: z.array(z.object({ town: z.string(), project: z.string(), leader: z.string().nullable(), completion: num, light: z.enum(['yellow', 'red']) })),
  weekOverWeek: z.object({ previousAsOf: z.string(), droppedTowns: z.array(z.string()), completedYtdDelta: numOrNull }).nullable().optional(),
  history: HistorySchema.nullable().optional(),
});

export type JsonReport = z.infer<typeof ReportSchema>;
export type JsonProjects = z.infer<typeof ProjectsSchema>;
export type JsonPowers = z.infer<typeof PowersSchema>;
export type JsonIndicator = z.infer<typeof IndicatorSchema>;
export type JsonProject = z.infer<typeof ProjectSchema>;
export type JsonProjectChange = z.infer<typeof ProjectChangeSchema>;
export type JsonTownChange = z.infer<typeof TownChangeSchema>;
export type JsonHistory = z.infer<typeof HistorySchema>;
export type JsonTownHistory = z.infer<typeof TownHistorySchema>;
export type JsonProjectHistory = z.infer<typeof ProjectHistorySchema>;

/** A report's version as written (a number, or undefined for a report from before the field), when this program reads it. */
export function readableVersion(data: unknown): { ok: true } | { ok: false; version: string } {
  const v = data !== null && typeof data === 'object' ? (data as { version?: unknown }).version : undefined;
  if (READABLE_REPORT_VERSIONS.includes(v as number | undefined)) return { ok: true };
  return { ok: false, version: JSON.stringify(v) ?? String(v) };
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
      ...(p.history !== undefined ? { history: p.history } : {}),
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
    ...(t.history !== undefined ? { history: t.history } : {}),
  };
}

export function toJsonReport(result: ConsolidationResult): JsonReport {
  return {
    version: REPORT_VERSION,
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
    // only with --history: a report without it keeps the keys it always had
    ...(result.history !== undefined ? { history: result.history } : {}),
  };
}

