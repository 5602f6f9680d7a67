/**
 * The county's weekly consolidation: analysed files → roster statuses, superseded reports, town and county totals,
 * lights against 序时进度, ranks, lagging projects and the problems list. Pure.
 */
import { HeaderExtras } from './headers';
import { AnalyzeContext, AnalyzedTable, WorkbookAnalysis, analyzeWorkbook } from './analyze';
import { dateFromFileName, daysBetween, timeProgress } from './dates';
import { Grid } from './grid';
import { fmtAmount, makeIssue, severityOf } from './messages';
import { round, sumAmounts, toSumUnits } from './numbers';
import { RosterTown, townMatcher } from './roster';
import { CatalogEntry, DEFAULT_DEPARTMENTS, Department, INDICATOR_CATALOG, KIND_LABEL, POWER_STATUSES, POWER_WAYS } from './schema';
import { CountyTargets, targetLookup, targetsDiffer } from './targets';
import { PreviousReport, applyWeekOverWeek } from './week-over-week';
import {
  ConsolidationResult,
  CountyIndicator,
  FileResult,
  GroupTotals,
  IndicatorRecord,
  Issue,
  LaggingProject,
  Light,
  PowerRecord,
  PowerTotals,
  ProblemItem,
  ProjectRecord,
  ProjectTotals,
  TableKind,
  Thresholds,
  TownResult,
} from './types';

/** What an adapter hands over for one file: its grids, or why it could not be read. */
export type SourceFile =
  | { file: string; mtimeMs?: number; ok: true; grids: Grid[] }
  | { file: string; mtimeMs?: number; ok: false; skip: boolean; code: string; message: string };

/** A file after analysis (can be produced in a worker: plain data). */
export type AnalyzedFile =
  | { file: string; mtimeMs?: number; ok: true; analysis: WorkbookAnalysis }
  | { file: string; mtimeMs?: number; ok: false; skip: boolean; code: string; message: string; town: string | null };

export const DEFAULT_THRESHOLDS: Thresholds = { yellowBelow: 10 };

/** The analysis context of a run's options (core/analyze.ts; re-exported here, where callers have found it). */
export { analysisContext } from './analyze';

export interface ConsolidateOptions {
  roster: RosterTown[];
  asOf: string;
  thresholds?: Thresholds;
  catalog?: CatalogEntry[];
  /** A report older than this many days before asOf gets a warning. */
  staleDays?: number;
  /** The county's departments (原实施部门) of the powers register; the built-in eighteen when absent. */
  departments?: Department[];
  /** The county's targets (--targets): the target in force replaces the town's own. */
  targets?: CountyTargets | null;
  /** Last week's report (--previous): fills the week-over-week changes. */
  previous?: PreviousReport | null;
  /** The county's extra header phrasings (config `headers`), per table kind and field. */
  headers?: HeaderExtras;
}

/** Analyses one source file (the step a worker may run). */
export function analyzeSource(src: SourceFile, ctx: AnalyzeContext): AnalyzedFile {
  if (!src.ok) {
    const towns = (ctx.matchTown ?? townMatcher(ctx.roster))(src.file);
    return { file: src.file, mtimeMs: src.mtimeMs, ok: false, skip: src.skip, code: src.code, message: src.message, town: src.skip ? null : towns.length ? towns[towns.length - 1].town : null };
  }
  return { file: src.file, mtimeMs: src.mtimeMs, ok: true, analysis: analyzeWorkbook(src.file, src.grids, ctx) };
}

/**
 * The light rule, once: green at or above 序时进度, yellow up to `yellowBelow` percentage points below, red further
 * below; no light without a gap. Projects, towns, the county, the chart and the bulletin's lines all go through it.
 */
export function lightOfGap(gap: number | null, yellowBelow: number): Light {
  if (gap === null || !Number.isFinite(gap)) return null;
  if (gap >= -1e-9) return 'green';
  return gap >= -yellowBelow - 1e-9 ? 'yellow' : 'red';
}

/** A completion rate's gap to 序时进度 (percentage points) and its light. */
export function lightOf(completion: number | null, tp: number, th: Thresholds): { light: Light; gap: number | null } {
  const gap = gapOf(completion, tp);
  return { light: lightOfGap(gap, th.yellowBelow), gap };
}

/** A completion rate's gap to 序时进度 in percentage points (null without a rate). */
function gapOf(completion: number | null, tp: number): number | null {
  return completion === null || !Number.isFinite(completion) ? null : round((completion - tp) * 100, 6);
}

function ratio(a: number | null, b: number | null): number | null {
  if (a === null || b === null || !(b > 0)) return null;
  return a / b;
}

/** What a clerk writes in 存在问题 when there is none. */
const NO_PROBLEM_RE = /^(无|暂无|没有|无问题|\/|-)$/;

export function consolidate(files: AnalyzedFile[], opts: ConsolidateOptions): ConsolidationResult {
  const th = opts.thresholds ?? DEFAULT_THRESHOLDS;
  const tp = timeProgress(opts.asOf);
  const staleDays = opts.staleDays ?? 7;
  const sorted = [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const results = new Map<string, FileResult>();

  // per-file results and candidates per town and kind
  interface Candidate {
    file: string;
    date: string;
    mtime: number;
    accepted: boolean;
    analysis: WorkbookAnalysis | null;
  }
  const byTownKind = new Map<string, Candidate[]>();
  const candidateOf = new Map<string, Candidate>(); // file → its candidate
  const addCandidate = (town: string, kind: TableKind | '*', c: Candidate) => {
    candidateOf.set(c.file, c);
    const k = `${town}\u0000${kind}`;
    if (!byTownKind.has(k)) byTownKind.set(k, []);
    byTownKind.get(k)!.push(c);
  };
  const townsWithFiles = new Set<string>();
  for (const f of sorted) {
    if (!f.ok) {
      const issue: Issue = { severity: severityOf(f.code), code: f.code, sheet: null, cell: null, message: f.message };
      results.set(f.file, { file: f.file, town: f.town, kinds: [], status: f.skip ? 'ignored' : 'rejected', reportDate: null, issues: [issue] });
      if (!f.skip && f.town) {
        townsWithFiles.add(f.town);
        // its date can only come from its name; without one it counts as older than the town's dated reports
        addCandidate(f.town, '*', { file: f.file, date: dateFromFileName(f.file) ?? '', mtime: f.mtimeMs ?? 0, accepted: false, analysis: null });
      }
      continue;
    }
    const a = f.analysis;
    if (a.ignored) {
      results.set(f.file, { file: f.file, town: null, kinds: [], status: 'ignored', reportDate: null, issues: [...a.issues] });
      continue;
    }
    const issues = [...a.issues];
    if (a.reportDate) {
      const days = daysBetween(a.reportDate, opts.asOf);
      if (days < 0) issues.push(makeIssue('W_DATE_AFTER_ASOF', null, null, { date: a.reportDate, asOf: opts.asOf }));
      else if (days > staleDays) issues.push(makeIssue('W_DATE_STALE', null, null, { date: a.reportDate, asOf: opts.asOf, days }));
    }
    const accepted = !a.hasErrors && a.town !== null && a.tables.length > 0;
    results.set(f.file, { file: f.file, town: a.town, kinds: a.kinds, status: accepted ? 'accepted' : 'rejected', reportDate: a.reportDate, issues });
    if (a.town) {
      townsWithFiles.add(a.town);
      const c: Candidate = { file: f.file, date: a.reportDate ?? '', mtime: f.mtimeMs ?? 0, accepted, analysis: a };
      for (const k of a.kinds) addCandidate(a.town, k, c);
      if (a.kinds.length === 0) addCandidate(a.town, '*', c);
    }
  }

  // the latest report per town and kind wins; an unreadable file of a town competes in every kind
  const winners = new Map<string, Map<TableKind, Candidate>>();
  const usedKinds = new Map<string, Set<TableKind>>(); // file → kinds in use
  const later = (a: Candidate, b: Candidate) => (a.date !== b.date ? a.date > b.date : a.mtime !== b.mtime ? a.mtime > b.mtime : a.file > b.file);
  for (const town of townsWithFiles) {
    const wild = byTownKind.get(`${town}\u0000*`) ?? [];
    for (const kind of ['projects', 'indicators', 'powers'] as TableKind[]) {
      const own = byTownKind.get(`${town}\u0000${kind}`) ?? [];
      if (own.length === 0) continue;
      const all = [...own, ...wild];
      let latest = all[0];
      for (const c of all) if (later(c, latest)) latest = c;
      const sameDate = all.filter((c) => c !== latest && c.date === latest.date && c.analysis);
      if (sameDate.length && latest.date) {
        // which of two reports of one day is the newer can only be guessed (file time, then name): say so
        results.get(latest.file)!.issues.push(makeIssue('W_SAME_DATE', null, null, {
          kind: KIND_LABEL[kind], n: sameDate.length + 1, date: latest.date, others: sameDate.map((c) => c.file).join('、'),
        }));
      }
      if (latest.accepted) {
        if (!winners.has(town)) winners.set(town, new Map());
        winners.get(town)!.set(kind, latest);
        if (!usedKinds.has(latest.file)) usedKinds.set(latest.file, new Set());
        usedKinds.get(latest.file)!.add(kind);
      }
      for (const c of own) {
        if (c === latest) continue;
        const fr = results.get(c.file)!;
        const code = latest.accepted ? 'I_SUPERSEDED' : 'I_SUPERSEDED_REJECTED';
        fr.issues.push(makeIssue(code, null, null, { kind: KIND_LABEL[kind], by: latest.file }));
      }
      // an older unreadable or rejected file is no longer owed once a later one of the town was accepted; the
      // report used says so, in case the unreadable one was in fact this week's
      if (latest.accepted) {
        for (const c of wild) {
          if (later(c, latest)) continue;
          results.get(c.file)!.status = 'superseded';
          results.get(latest.file)!.issues.push(makeIssue('W_OLDER_UNREADABLE', null, null, { other: c.file, kind: KIND_LABEL[kind] }));
        }
      }
    }
  }
  for (const fr of results.values()) {
    if (fr.status === 'ignored') continue;
    if (usedKinds.has(fr.file)) fr.status = 'accepted';
    else if (fr.status === 'accepted') fr.status = 'superseded';
    else if (fr.status === 'rejected' && fr.town && fr.kinds.length) {
      const w = winners.get(fr.town);
      // every kind of this rejected file has a later accepted report: superseded
      const own = candidateOf.get(fr.file)!;
      if (w && fr.kinds.every((k) => w.has(k) && later(w.get(k)!, own))) fr.status = 'superseded';
    }
  }

  // towns
  const rosterNames = opts.roster.map((t) => t.name);
  const departmentNames = (opts.departments ?? DEFAULT_DEPARTMENTS).map((d) => d.name);
  const countyTarget = opts.targets ? targetLookup(opts.targets, opts.asOf) : null;
  const targetNames = opts.targets ? townTargetNames(opts.targets, opts.asOf) : new Map<string, { name: string; unit: string }[]>();
  const towns: TownResult[] = [];
  for (const name of rosterNames) {
    const w = winners.get(name);
    if (!w || w.size === 0) {
      towns.push({
        town: name, status: townsWithFiles.has(name) ? 'rejected' : 'missing', reportDate: null, files: [], projects: null,
        projectList: [], indicators: null, rank: null, byCategory: [], byStatus: [], powers: null, powerList: [],
      });
      continue;
    }
    const pw = w.get('projects');
    const iw = w.get('indicators');
    const projectList: ProjectRecord[] = [];
    if (pw?.analysis) {
      for (const t of pw.analysis.tables) if (t.kind === 'projects') addProjectRecords(projectList, pw.file, t, tp, th);
    }
    let indicators: IndicatorRecord[] | null = null;
    if (iw?.analysis) {
      indicators = [];
      for (const t of iw.analysis.tables) {
        if (t.kind !== 'indicators') continue;
        for (const ind of t.indicators) {
          const v = ind.values;
          // the county's target in force, when it set one, is what the town is held to
          const ct = countyTarget && ind.catalog ? countyTarget(name, ind.catalog.name) : null;
          const target = ct && ct.target !== null ? ct.target : v.target;
          if (ct && ct.target !== null && v.target !== null && targetsDiffer(v.target, ct.target)) {
            const basis = ct.adjustedInForce ? `调整后目标，${ct.adjustDoc ? `${ct.adjustDoc}，` : ''}${ct.adjustedOn}起执行` : '原目标';
            results.get(iw.file)!.issues.push(makeIssue('W_TARGET_DIFFERS', t.sheet, ind.targetCell ?? null, {
              name: v.name, town: fmtAmount(round(v.target, 6)), county: fmtAmount(round(ct.target, 6)), unit: ind.unit ?? '', basis,
            }));
          }
          const completion = ratio(v.actual, target);
          const { light, gap } = lightOf(completion, tp, th);
          indicators.push({
            name: ind.catalog?.name ?? v.name, rawName: v.name, known: !!ind.catalog, additive: !!ind.catalog?.additive,
            unit: ind.unit, target, actual: v.actual, yoy: v.yoy, completion, light, gap,
            source: { file: iw.file, sheet: t.sheet, row: ind.row + 1 },
            targetOriginal: ct ? ct.original : null,
            targetAdjusted: ct ? ct.adjusted : null,
            targetSource: ct && ct.target !== null ? 'county' : v.target !== null ? 'town' : null,
            adjustedOn: ct ? ct.adjustedOn : null,
            adjustDoc: ct ? ct.adjustDoc : null,
            targetTown: v.target,
          });
        }
      }
    }
    const ow = w.get('powers');
    const powerList: PowerRecord[] = [];
    if (ow?.analysis) {
      for (const t of ow.analysis.tables) {
        if (t.kind !== 'powers') continue;
        for (const p of t.powers) {
          const v = p.values;
          powerList.push({
            department: v.department!, name: v.name, powerType: v.powerType, way: v.way!, basis: v.basis, receiver: v.receiver,
            status: v.status!, startDate: v.startDate, source: { file: ow.file, sheet: t.sheet, row: p.row + 1 },
          });
        }
      }
    }
    const files = [...new Set([pw?.file, iw?.file, ow?.file].filter((x): x is string => !!x))];
    // what the county set a target for and the town did not report: listed, never silently absent
    const notReported = countyTarget ? indicatorsNotReported(name, indicators, targetNames, countyTarget) : undefined;
    if (notReported?.length) {
      const file = iw?.file ?? files[0];
      for (const n of notReported) {
        results.get(file)?.issues.push(makeIssue('W_TARGET_NOT_REPORTED', null, null, { name: n.name, target: n.target === null ? '—' : fmtAmount(round(n.target, 6)), unit: n.unit }));
      }
    }
    // the town's totals and its totals by category and by status in one pass over its projects
    const sums = newSums();
    const byCategory = new Map<string, ProjectSums>();
    const byStatus = new Map<string, ProjectSums>();
    const terms = newTerms();
    for (let i = 0; i < projectList.length; i++) {
      const p = projectList[i]!;
      termsOf(p, terms);
      addTerms(sums, terms);
      addTerms(groupSums(byCategory, p.category ?? '未分类'), terms);
      addTerms(groupSums(byStatus, p.status ?? '未填'), terms);
    }
    towns.push({
      town: name, status: 'submitted', reportDate: pw?.date || iw?.date || ow?.date || null, files,
      projects: pw ? totalsOf(sums, tp) : null, projectList, indicators, rank: null,
      byCategory: groupTotals(byCategory),
      byStatus: groupTotals(byStatus),
      powers: ow ? powerTotals(powerList, departmentNames) : null,
      powerList,
      ...(notReported ? { indicatorsNotReported: notReported } : {}),
    });
  }
  // ranks: by completion against the annual plan, best first; ties share a rank
  const ranked = towns.filter((t) => t.projects && t.projects.completion !== null);
  ranked.sort((a, b) => b.projects!.completion! - a.projects!.completion! || rosterNames.indexOf(a.town) - rosterNames.indexOf(b.town));
  ranked.forEach((t, i) => {
    const prev = ranked[i - 1];
    t.rank = prev && round(prev.projects!.completion!, 6) === round(t.projects!.completion!, 6) ? prev.rank : i + 1;
  });
  const statusOrder = { submitted: 0, rejected: 1, missing: 2 };
  towns.sort((a, b) =>
    (a.rank ?? 1e9) - (b.rank ?? 1e9) || statusOrder[a.status] - statusOrder[b.status] || rosterNames.indexOf(a.town) - rosterNames.indexOf(b.town));

  // county
  // every town's projects in the towns' order, as one list would be summed
  const countySums = newSums();
  const terms = newTerms();
  for (const t of towns) for (let i = 0; i < t.projectList.length; i++) addTerms(countySums, termsOf(t.projectList[i]!, terms));
  const countyProjects = totalsOf(countySums, tp);
  const countyIndicators: CountyIndicator[] = [];
  const indByName = new Map<string, IndicatorRecord[]>();
  for (const t of towns) for (const ind of t.indicators ?? []) {
    if (!ind.known || !ind.additive) continue;
    if (!indByName.has(ind.name)) indByName.set(ind.name, []);
    indByName.get(ind.name)!.push(ind);
  }
  const catalogOrder = (opts.catalog ?? INDICATOR_CATALOG).map((c) => c.name);
  for (const name of [...indByName.keys()].sort((a, b) => catalogOrder.indexOf(a) - catalogOrder.indexOf(b))) {
    const list = indByName.get(name)!;
    const target = sumAmounts(list.map((i) => i.target));
    const actual = sumAmounts(list.map((i) => i.actual));
    countyIndicators.push({ name, unit: list[0].unit ?? '', target, actual, completion: ratio(actual, target), towns: list.length });
  }

  const lagging: LaggingProject[] = [];
  const problems: ProblemItem[] = [];
  for (const t of towns) addLaggingAndProblems(lagging, problems, t);
  // ties in roster order, as the ranks: a collation ('zh-CN' pinyin) depends on the ICU data of the runtime (Node,
  // Excel's browser), so the same inputs could be listed in another order elsewhere. The keys are looked up once per
  // item, not per comparison (a town may list thousands of lagging projects)
  const rosterIndex = new Map<string, number>();
  rosterNames.forEach((n, i) => {
    if (!rosterIndex.has(n)) rosterIndex.set(n, i);
  });
  const laggingKeys = lagging.map((item) => ({ item, light: lightRank(item.light), gap: item.gap, town: rosterIndex.get(item.town) ?? -1 }));
  laggingKeys.sort((a, b) => a.light - b.light || a.gap - b.gap || a.town - b.town);
  laggingKeys.forEach((k, i) => (lagging[i] = k.item));
  const problemKeys = problems.map((item) => ({ item, light: lightRank(item.light) }));
  problemKeys.sort((a, b) => a.light - b.light);
  problemKeys.forEach((k, i) => (problems[i] = k.item));

  const fileResults = [...results.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const result: ConsolidationResult = {
    asOf: opts.asOf, timeProgress: tp, thresholds: th, files: fileResults, towns,
    county: { projects: countyProjects, indicators: countyIndicators, powers: addPowerTotals(towns.map((t) => t.powers ?? null), departmentNames) },
    lagging, problems,
  };
  return opts.previous ? applyWeekOverWeek(result, opts.previous) : result;

}

/**
 * A projects table's rows as the town's project records: completion, gap to 序时进度 and light of each. (The loops
 * over every project are functions of their own, small ones: on a task pane's first 校验 of ten thousand rows they
 * are compiled and optimised early and alone, not with the whole consolidation around them.)
 */
function addProjectRecords(out: ProjectRecord[], file: string, t: AnalyzedTable, tp: number, th: Thresholds): void {
  const projects = t.projects;
  for (let i = 0; i < projects.length; i++) {
    const p = projects[i]!;
    const v = p.values;
    // a project with a plan and an empty 累计 has done nothing yet: 0%, not "no light"
    const completion = ratio(v.completedYtd ?? (v.annualPlan ? 0 : null), v.annualPlan);
    const gap = gapOf(completion, tp);
    const light = lightOfGap(gap, th.yellowBelow);
    out.push({
      seq: v.seq, name: v.name, category: v.category, scope: v.scope, period: v.period,
      totalInvestment: v.totalInvestment, annualPlan: v.annualPlan, weekDone: v.weekDone, completedYtd: v.completedYtd,
      progressText: v.progressText, weekProgress: v.weekProgress, nextWeekPlan: v.nextWeekPlan, problems: v.problems,
      leader: v.leader, unit: v.unit, status: v.status, completion, light, gap,
      source: { file, sheet: t.sheet, row: p.row + 1 },
    });
  }
}

/** A town's yellow and red projects, and its projects with a problem written, in its list's order. */
function addLaggingAndProblems(lagging: LaggingProject[], problems: ProblemItem[], t: TownResult): void {
  const list = t.projectList;
  for (let i = 0; i < list.length; i++) {
    const p = list[i]!;
    if (p.light === 'yellow' || p.light === 'red') {
      lagging.push({
        town: t.town, project: p.name, leader: p.leader, annualPlan: p.annualPlan, completedYtd: p.completedYtd,
        completion: p.completion!, gap: p.gap!, light: p.light, problems: p.problems, source: p.source,
      });
    }
    if (p.problems && !NO_PROBLEM_RE.test(p.problems.trim())) {
      problems.push({ town: t.town, project: p.name, leader: p.leader, problems: p.problems, light: p.light, source: p.source });
    }
  }
}

/** The indicators the county set a target for, per town (rows of the as-of year, or without a year), in their order. */
function townTargetNames(targets: CountyTargets, asOf: string): Map<string, { name: string; unit: string }[]> {
  const year = Number(asOf.slice(0, 4));
  const out = new Map<string, { name: string; unit: string }[]>();
  for (const row of targets.rows) {
    if (row.year !== null && row.year !== year) continue;
    const list = out.get(row.town) ?? [];
    if (!list.some((x) => x.name === row.indicator)) list.push({ name: row.indicator, unit: row.unit });
    out.set(row.town, list);
  }
  return out;
}

/** A submitting town's indicators with a county target that its report does not hold (none reported: every one). */
function indicatorsNotReported(
  town: string,
  indicators: IndicatorRecord[] | null,
  targetNames: Map<string, { name: string; unit: string }[]>,
  countyTarget: ReturnType<typeof targetLookup>,
): { name: string; unit: string; target: number | null }[] {
  const reported = new Set((indicators ?? []).filter((i) => i.known).map((i) => i.name));
  return (targetNames.get(town) ?? [])
    .filter((t) => !reported.has(t.name))
    .map((t) => ({ name: t.name, unit: t.unit, target: countyTarget(town, t.name)?.target ?? null }));
}

const lightRank = (l: Light) => (l === 'red' ? 0 : l === 'yellow' ? 1 : l === 'green' ? 3 : 2);

/**
 * What totals are made of, summed as sumAmounts does: amounts in units of 1e-6 万元 (integers, so the order of the
 * additions does not matter), and the lights counted.
 */
interface ProjectSums {
  count: number;
  completedYtd: number;
  annualPlan: number;
  totalInvestment: number;
  weekDone: number;
  // like for like: only projects with an annual plan (a 前期 project's spending has no plan to be measured against)
  plannedPlan: number;
  plannedYtd: number;
  red: number;
  yellow: number;
  green: number;
}

function newSums(): ProjectSums {
  return { count: 0, completedYtd: 0, annualPlan: 0, totalInvestment: 0, weekDone: 0, plannedPlan: 0, plannedYtd: 0, red: 0, yellow: 0, green: 0 };
}

/** What one project adds to a sum (its amounts in units of 1e-6 万元): worked out once for the sums it goes into. */
interface ProjectTerms {
  completedYtd: number;
  annualPlan: number;
  totalInvestment: number;
  weekDone: number;
  /** Whether it has an annual plan (its plan and 累计 count in the like-for-like completion). */
  planned: boolean;
  light: Light;
}

function newTerms(): ProjectTerms {
  return { completedYtd: 0, annualPlan: 0, totalInvestment: 0, weekDone: 0, planned: false, light: null };
}

/** A project's terms, into `t` (one object per loop, set again for each project). */
function termsOf(p: ProjectRecord, t: ProjectTerms): ProjectTerms {
  t.completedYtd = toSumUnits(p.completedYtd);
  t.annualPlan = toSumUnits(p.annualPlan);
  t.totalInvestment = toSumUnits(p.totalInvestment);
  t.weekDone = toSumUnits(p.weekDone);
  t.planned = p.annualPlan !== null && p.annualPlan > 0;
  t.light = p.light;
  return t;
}

function addTerms(s: ProjectSums, t: ProjectTerms): void {
  s.count++;
  s.completedYtd += t.completedYtd;
  s.annualPlan += t.annualPlan;
  s.totalInvestment += t.totalInvestment;
  s.weekDone += t.weekDone;
  if (t.planned) {
    s.plannedPlan += t.annualPlan;
    s.plannedYtd += t.completedYtd;
  }
  if (t.light === 'red') s.red++;
  else if (t.light === 'yellow') s.yellow++;
  else if (t.light === 'green') s.green++;
}

function totalsOf(s: ProjectSums, tp: number): ProjectTotals {
  const completion = s.plannedPlan / 1e6 > 0 ? s.plannedYtd / 1e6 / (s.plannedPlan / 1e6) : null;
  return {
    count: s.count,
    totalInvestment: s.totalInvestment / 1e6,
    annualPlan: s.annualPlan / 1e6,
    completedYtd: s.completedYtd / 1e6,
    weekDone: s.weekDone / 1e6,
    red: s.red,
    yellow: s.yellow,
    green: s.green,
    completion,
    gap: gapOf(completion, tp),
  };
}

/** The sums of a group (created at the group's first project: groups come in the order of their first projects). */
function groupSums(groups: Map<string, ProjectSums>, key: string): ProjectSums {
  let s = groups.get(key);
  if (!s) {
    s = newSums();
    groups.set(key, s);
  }
  return s;
}

function groupTotals(groups: Map<string, ProjectSums>): GroupTotals[] {
  return [...groups].map(([key, s]) => {
    const t = totalsOf(s, 0);
    return { key, count: s.count, annualPlan: t.annualPlan, completedYtd: t.completedYtd, completion: t.completion };
  });
}

function countBy(list: PowerRecord[], key: (p: PowerRecord) => string, order: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of order) out[k] = 0;
  for (const p of list) {
    const k = key(p);
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

function sumOf(r: Record<string, number>): number {
  return Object.values(r).reduce((a, b) => a + b, 0);
}

/** Every breakdown of powers adds up to its count; anything else is a defect of this module, never the town's. */
export function checkPowerTotals(t: PowerTotals): PowerTotals {
  for (const [what, r] of [['下放方式', t.byWay], ['承接状态', t.byStatus], ['原实施部门', t.byDepartment]] as const) {
    if (sumOf(r) !== t.count) throw new Error(`扩权事项按${what}合计 ${sumOf(r)} 与事项数 ${t.count} 不符`);
  }
  return t;
}

/** A town's powers by way, by status and by department (every way, status and listed department, zeros included). */
export function powerTotals(list: PowerRecord[], departments: string[] = DEFAULT_DEPARTMENTS.map((d) => d.name)): PowerTotals {
  return checkPowerTotals({
    count: list.length,
    byWay: countBy(list, (p) => p.way, POWER_WAYS),
    byStatus: countBy(list, (p) => p.status, POWER_STATUSES),
    byDepartment: countBy(list, (p) => p.department, departments),
  });
}

/** The county's powers: the towns' totals added key by key. */
export function addPowerTotals(list: (PowerTotals | null)[], departments: string[] = DEFAULT_DEPARTMENTS.map((d) => d.name)): PowerTotals {
  const out: PowerTotals = {
    count: 0,
    byWay: Object.fromEntries(POWER_WAYS.map((k) => [k, 0])),
    byStatus: Object.fromEntries(POWER_STATUSES.map((k) => [k, 0])),
    byDepartment: Object.fromEntries(departments.map((k) => [k, 0])),
  };
  for (const t of list) {
    if (!t) continue;
    out.count += t.count;
    for (const k of ['byWay', 'byStatus', 'byDepartment'] as const) {
      for (const [key, n] of Object.entries(t[k])) out[k][key] = (out[k][key] ?? 0) + n;
    }
  }
  return checkPowerTotals(out);
}
