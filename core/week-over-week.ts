/**
 * Week over week: this week's consolidation against last week's JSON report (--previous). Per town and per project
 * the change of 累计完成, the rank change, projects that turned red, towns that reported last week but not this
 * week. Projects are matched by name, normalised as the core compares names (nameKey). Pure.
 */
import { daysBetween, parseIso } from './dates';
import { makeIssue, type Code } from './messages';
import { sumAmounts } from './numbers';
import { ReportSchema, JsonReport, readableVersion } from './report';
import { nameKey } from './text';
import { ConsolidationResult, Issue, Light, ProjectChange, TownChange } from './types';

export interface PreviousTown {
  town: string;
  status: 'submitted' | 'rejected' | 'missing';
  reportDate: string | null;
  rank: number | null;
  completedYtd: number | null;
  /** null: the report has no project list (an older version wrote it). */
  projects: { name: string; completedYtd: number | null; light: Light }[] | null;
}

export interface PreviousReport {
  source: string;
  asOf: string;
  towns: PreviousTown[];
}

export type PreviousResult = { ok: true; previous: PreviousReport; warnings: Issue[] } | { ok: false; issue: Issue };

/**
 * A report's text read with the report's own schema (core/report.ts): not JSON, not a report, or of a version this
 * program does not know → an issue naming the file (codes given by the caller: --previous and --history word them apart).
 */
export function readReportText(
  text: string,
  source: string,
  codes: { notJson: Code; notReport: Code; version: Code } = { notJson: 'E_PREVIOUS_NOT_JSON', notReport: 'E_PREVIOUS_NOT_REPORT', version: 'E_PREVIOUS_VERSION' },
): { ok: true; report: JsonReport } | { ok: false; issue: Issue } {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    return { ok: false, issue: makeIssue(codes.notJson, null, null, { file: source, reason: e instanceof Error ? e.message : String(e) }) };
  }
  // a report (it has our top-level keys) of a version this program does not know: said as such, before its keys are checked
  const looksLikeReport = data !== null && typeof data === 'object' && 'asOf' in data && 'towns' in data;
  const v = readableVersion(data);
  if (looksLikeReport && !v.ok) return { ok: false, issue: makeIssue(codes.version, null, null, { file: source, version: v.version }) };
  const parsed = ReportSchema.safeParse(data);
  if (!parsed.success) {
    // a JSON that is not a report at all is told by the report keys it lacks, not by its own 'version'
    const first = parsed.error.issues.find((i) => i.path[0] !== 'version') ?? parsed.error.issues[0];
    const where = first.path.length ? first.path.map(String).join('.') : '顶层';
    const reason = first.code === 'invalid_type' && first.path.length ? `缺少或不正确的「${where}」` : `「${where}」：${first.message}`;
    return { ok: false, issue: makeIssue(codes.notReport, null, null, { file: source, reason }) };
  }
  if (parseIso(parsed.data.asOf) === null) {
    return { ok: false, issue: makeIssue(codes.notReport, null, null, { file: source, reason: '「asOf」：不是 YYYY-MM-DD 日期' }) };
  }
  return { ok: true, report: parsed.data };
}

/** Parses and checks last week's report against this week's as-of date. */
export function parsePreviousReport(text: string, source: string, asOf: string): PreviousResult {
  const read = readReportText(text, source);
  if (!read.ok) return read;
  const p = read.report;
  const warnings: Issue[] = [];
  if (p.asOf > asOf) {
    return { ok: false, issue: makeIssue('E_PREVIOUS_AFTER_ASOF', null, null, { file: source, previous: p.asOf, asOf }) };
  }
  if (p.asOf === asOf) warnings.push(makeIssue('W_PREVIOUS_SAME_DATE', null, null, { file: source, asOf }));
  else if (daysBetween(p.asOf, asOf) > 14) warnings.push(makeIssue('W_PREVIOUS_OLD', null, null, { file: source, previous: p.asOf, days: daysBetween(p.asOf, asOf) }));
  if (p.asOf.slice(0, 4) !== asOf.slice(0, 4)) warnings.push(makeIssue('W_PREVIOUS_OTHER_YEAR', null, null, { file: source, year: p.asOf.slice(0, 4) }));
  const hasList = p.towns.some((t) => t.projectList !== undefined);
  if (!hasList && p.towns.some((t) => t.status === 'submitted')) warnings.push(makeIssue('W_PREVIOUS_NO_PROJECTS', null, null, { file: source }));
  return {
    ok: true,
    warnings,
    previous: {
      source,
      asOf: p.asOf,
      towns: p.towns.map((t) => ({
        town: t.town,
        status: t.status,
        reportDate: t.reportDate ?? null,
        rank: t.rank ?? null,
        completedYtd: t.projects ? t.projects.completedYtd : null,
        projects: t.projectList ? t.projectList.map((x) => ({ name: x.name, completedYtd: x.completedYtd, light: x.light })) : null,
      })),
    },
  };
}

const delta = (now: number | null, before: number | null): number | null =>
  now === null || before === null ? null : sumAmounts([now, -before]);

/**
 * Fills result.towns[].change, their projects' change and result.weekOverWeek (in place; returns the result).
 * Year-to-date figures of another year are not compared (deltas null); ranks and lights still are.
 */
export function applyWeekOverWeek(result: ConsolidationResult, previous: PreviousReport): ConsolidationResult {
  const sameYear = previous.asOf.slice(0, 4) === result.asOf.slice(0, 4);
  const before = new Map(previous.towns.map((t) => [nameKey(t.town), t]));
  const deltas: number[] = [];
  for (const t of result.towns) {
    if (t.status !== 'submitted') {
      t.change = null;
      for (const p of t.projectList) p.change = null;
      continue;
    }
    const prev = before.get(nameKey(t.town));
    const reported = prev && prev.status === 'submitted' ? prev : null;
    const prevProjects = new Map((reported?.projects ?? []).map((p) => [nameKey(p.name), p]));
    const turnedRed: string[] = [];
    for (const p of t.projectList) {
      const q = prevProjects.get(nameKey(p.name));
      let change: ProjectChange;
      if (!q) change = { completedYtdBefore: null, completedYtdDelta: null, lightBefore: null, turnedRed: false };
      else {
        // an empty 累计 of a project on the list is nothing done yet
        const beforeYtd = sameYear ? (q.completedYtd ?? 0) : null;
        const red = p.light === 'red' && q.light !== 'red';
        if (red) turnedRed.push(p.name);
        change = { completedYtdBefore: beforeYtd, completedYtdDelta: delta(sameYear ? (p.completedYtd ?? 0) : null, beforeYtd), lightBefore: q.light, turnedRed: red };
      }
      p.change = change;
    }
    const completedNow = t.projects ? t.projects.completedYtd : null;
    const completedBefore = reported && sameYear ? reported.completedYtd : null;
    const change: TownChange = {
      previousReportDate: reported?.reportDate ?? null,
      completedYtdBefore: completedBefore,
      completedYtdDelta: delta(completedNow, completedBefore),
      rankBefore: reported?.rank ?? null,
      rankChange: reported?.rank != null && t.rank !== null ? reported.rank - t.rank : null,
      turnedRed,
    };
    if (change.completedYtdDelta !== null) deltas.push(change.completedYtdDelta);
    t.change = change;
  }
  const now = new Map(result.towns.map((t) => [nameKey(t.town), t]));
  const droppedTowns = previous.towns
    .filter((p) => p.status === 'submitted')
    .map((p) => now.get(nameKey(p.town)))
    .filter((t): t is NonNullable<typeof t> => !!t && t.status !== 'submitted')
    .map((t) => t.town);
  result.weekOverWeek = { previousAsOf: previous.asOf, droppedTowns, completedYtdDelta: deltas.length ? sumAmounts(deltas) : null };
  return result;
}
