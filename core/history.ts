/**
 * The year's history (--history): earlier weekly JSON reports → streaks per project (连续红灯周数, 连续无进展周数),
 * the 督办清单, each town's weeks (累计完成, completion against 序时进度, missed weeks) and the county's curve. Pure.
 *
 * The store is a compact file (HistoryStore, JSON) beside the reports: one entry per report file (name, size, mtime),
 * holding what history needs of it (HistoryWeek) or why it cannot be used. Project names are interned in one table
 * and a town's projects of a week are a flat number array [nameIndex, 累计完成 (−1 = empty), light code, …]: a
 * province's year (1,300 towns × 30 projects × 52 weeks) stays tens of MB and parses in well under a second.
 * The reports stay the source of truth: an entry whose file changed is read again, a deleted file's entry dropped.
 *
 * Rules (docs/json-report.md, docs/zh/history.md):
 * - one report per week (Monday to Sunday), the latest of that week (as-of date, then file time, then name); this
 *   week's run replaces any report of its own week; reports of another year, later than --as-of, or whose towns are
 *   not this roster's are skipped with a warning naming the file;
 * - streaks count the reports in which the town reported (a week it missed neither counts nor breaks them);
 *   a project absent from its town's previous report starts afresh (appeared), one absent now is said (disappeared);
 * - projects are matched by town and normalised name (nameKey), as --previous does.
 */
import { makeIssue } from './messages';
import { round, toSumUnits } from './numbers';
import { JsonReport } from './report';
import { RosterTown } from './roster';
import { nameKey } from './text';
import {
  ConsolidationResult, CurvePoint, HistoryResult, Issue, Light, ProjectHistory, SupervisionItem, TownHistory, TownStatus, TownWeek,
} from './types';

export const HISTORY_STORE_FORMAT = 'xcs-history';
export const HISTORY_STORE_VERSION = 1;
/** The compact file's name inside the history folder. */
export const HISTORY_STORE_FILE = '历史摘要.xcs-history.json';

const LIGHTS: Light[] = [null, 'green', 'yellow', 'red'];
const lightCode = (l: Light): number => LIGHTS.indexOf(l);

export interface HistoryTownWeek {
  town: string;
  status: TownStatus;
  completedYtd: number | null;
  completion: number | null;
  /** Flat [nameIndex, completedYtd (−1 = empty), light code (0 none, 1 green, 2 yellow, 3 red), …]; absent: the report has no project list. */
  p?: number[];
}

export interface HistoryWeek {
  asOf: string;
  timeProgress: number;
  county: { completedYtd: number; annualPlan: number; completion: number | null };
  towns: HistoryTownWeek[];
}

export interface HistoryEntry {
  /** The file's name inside the history folder. */
  file: string;
  size: number;
  mtimeMs: number;
  week?: HistoryWeek;
  /** Why the file cannot be used (not JSON, not a report, unknown version). */
  issue?: Issue;
}

export interface HistoryStore {
  format: typeof HISTORY_STORE_FORMAT;
  version: number;
  names: string[];
  entries: HistoryEntry[];
}

export function emptyHistoryStore(): HistoryStore {
  return { format: HISTORY_STORE_FORMAT, version: HISTORY_STORE_VERSION, names: [], entries: [] };
}

/** A compact file's text → the store, or null when it is not one this program wrote (then it is rebuilt). */
export function parseHistoryStore(text: string): HistoryStore | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  return checkHistoryStore(data);
}

/** A compact file's parsed value → the store, or null when it is not one this program wrote (then it is rebuilt). */
export function checkHistoryStore(data: unknown): HistoryStore | null {
  const s = data as HistoryStore;
  if (!s || typeof s !== 'object' || s.format !== HISTORY_STORE_FORMAT || s.version !== HISTORY_STORE_VERSION) return null;
  if (!Array.isArray(s.names) || !Array.isArray(s.entries)) return null;
  for (const e of s.entries) {
    if (!e || typeof e.file !== 'string' || typeof e.size !== 'number' || typeof e.mtimeMs !== 'number') return null;
    if (e.week && (typeof e.week.asOf !== 'string' || !Array.isArray(e.week.towns))) return null;
  }
  return s;
}

const ratio = (a: number | null, b: number | null): number | null => (a === null || b === null || !(b > 0) ? null : a / b);

/** completedYtd / annualPlan over the projects with a plan, as the core computes a town's and the county's completion. */
function plannedCompletion(list: { annualPlan: number | null; completedYtd: number | null }[]): number | null {
  let plan = 0;
  let ytd = 0;
  for (const p of list) {
    if (p.annualPlan !== null && p.annualPlan > 0) {
      plan += toSumUnits(p.annualPlan);
      ytd += toSumUnits(p.completedYtd);
    }
  }
  return plan > 0 ? ytd / plan : null;
}

function interner(store: HistoryStore): (name: string) => number {
  const index = new Map(store.names.map((n, i) => [n, i]));
  return (name) => {
    let i = index.get(name);
    if (i === undefined) {
      i = store.names.length;
      store.names.push(name);
      index.set(name, i);
    }
    return i;
  };
}

/** What history keeps of one report (its project names interned in the store). */
export function historyWeekFromReport(report: JsonReport, store: HistoryStore): HistoryWeek {
  const intern = interner(store);
  const all: { annualPlan: number | null; completedYtd: number | null }[] = [];
  let listed = false;
  const towns = report.towns.map((t): HistoryTownWeek => {
    const w: HistoryTownWeek = { town: t.town, status: t.status, completedYtd: t.projects ? t.projects.completedYtd : null, completion: null };
    if (t.projectList) {
      listed = true;
      if (t.status === 'submitted') all.push(...t.projectList);
      w.completion = t.projects ? round(plannedCompletion(t.projectList) ?? NaN, 6) : null;
      if (w.completion !== null && Number.isNaN(w.completion)) w.completion = null;
      const p: number[] = [];
      for (const x of t.projectList) p.push(intern(x.name), x.completedYtd ?? -1, lightCode(x.light));
      w.p = p;
    } else if (t.projects) {
      w.completion = ratio(t.projects.completedYtd, t.projects.annualPlan);
    }
    return w;
  });
  const c = report.county.projects;
  const completion = listed ? plannedCompletion(all) : ratio(c.completedYtd, c.annualPlan);
  return {
    asOf: report.asOf,
    timeProgress: report.timeProgress,
    county: { completedYtd: c.completedYtd, annualPlan: c.annualPlan, completion: completion === null ? null : round(completion, 6) },
    towns,
  };
}

/** This week's result as a history week (the last point of every series). */
function weekFromResult(result: ConsolidationResult): HistoryWeek {
  const c = result.county.projects;
  return {
    asOf: result.asOf,
    timeProgress: result.timeProgress,
    county: { completedYtd: c.completedYtd, annualPlan: c.annualPlan, completion: c.completion },
    towns: result.towns.map((t) => ({ town: t.town, status: t.status, completedYtd: t.projects ? t.projects.completedYtd : null, completion: t.projects ? t.projects.completion : null })),
  };
}

/** The Monday of the week holding an ISO date, as a day number (weeks run Monday to Sunday). */
export function weekOf(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  const day = Date.UTC(y, m - 1, d) / 86400000;
  // 1970-01-01 was a Thursday: day 0 → weekday 3 counting Monday = 0
  return day - ((day + 3) % 7);
}

export interface SelectedWeek {
  file: string;
  week: HistoryWeek;
}

/**
 * The reports history uses: usable, of this year, not after --as-of, of this roster, one per week (the latest),
 * none of this run's own week. Every file left out is said (a warning naming it), except an older report of a week.
 */
export function selectHistoryWeeks(
  store: HistoryStore,
  o: { asOf: string; roster: RosterTown[] },
): { weeks: SelectedWeek[]; skipped: { file: string; issue: Issue }[] } {
  const skipped: { file: string; issue: Issue }[] = [];
  const skip = (file: string, issue: Issue) => skipped.push({ file, issue });
  const rosterKeys = new Set(o.roster.flatMap((t) => [t.name, ...t.aliases]).map(nameKey));
  const year = o.asOf.slice(0, 4);
  const thisWeek = weekOf(o.asOf);
  const candidates: (HistoryEntry & { week: HistoryWeek })[] = [];
  for (const e of [...store.entries].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    if (e.issue || !e.week) {
      if (e.issue) skip(e.file, e.issue);
      continue;
    }
    const w = e.week;
    if (w.asOf > o.asOf) {
      skip(e.file, makeIssue('W_HISTORY_AFTER_ASOF', null, null, { file: e.file, date: w.asOf, asOf: o.asOf }));
      continue;
    }
    if (w.asOf.slice(0, 4) !== year) {
      skip(e.file, makeIssue('W_HISTORY_OTHER_YEAR', null, null, { file: e.file, year: w.asOf.slice(0, 4), asOfYear: year }));
      continue;
    }
    const matched = w.towns.filter((t) => rosterKeys.has(nameKey(t.town))).length;
    if (w.towns.length === 0 || matched * 2 < w.towns.length) {
      skip(e.file, makeIssue('W_HISTORY_OTHER_COUNTY', null, null, { file: e.file, n: w.towns.length, matched }));
      continue;
    }
    candidates.push(e as HistoryEntry & { week: HistoryWeek });
  }
  // the latest of each week: as-of date, then the file's time, then its name
  const later = (a: HistoryEntry & { week: HistoryWeek }, b: HistoryEntry & { week: HistoryWeek }) =>
    a.week.asOf !== b.week.asOf ? a.week.asOf > b.week.asOf : a.mtimeMs !== b.mtimeMs ? a.mtimeMs > b.mtimeMs : a.file > b.file;
  const byWeek = new Map<number, HistoryEntry & { week: HistoryWeek }>();
  for (const e of candidates) {
    const k = weekOf(e.week.asOf);
    if (k === thisWeek) {
      skip(e.file, makeIssue('W_HISTORY_SAME_WEEK', null, null, { file: e.file, date: e.week.asOf, other: '本次汇总', otherDate: o.asOf }));
      continue;
    }
    const had = byWeek.get(k);
    if (!had) byWeek.set(k, e);
    else {
      const [keep, drop] = later(e, had) ? [e, had] : [had, e];
      byWeek.set(k, keep);
      skip(drop.file, makeIssue('W_HISTORY_SAME_WEEK', null, null, { file: drop.file, date: drop.week.asOf, other: keep.file, otherDate: keep.week.asOf }));
    }
  }
  const weeks = [...byWeek.values()].sort((a, b) => (a.week.asOf < b.week.asOf ? -1 : 1)).map((e) => ({ file: e.file, week: e.week }));
  return { weeks, skipped };
}

/** A project's running state over its town's reports. */
interface ProjectState {
  name: string;
  red: number;
  redSince: string | null;
  stalled: number;
  lastYtd: number;
  firstSeen: string;
  /** The town's listed-report counter when the project was last seen. */
  seen: number;
}

interface TownState {
  town: string;
  weeks: TownWeek[];
  /** Reports of the town with a project list, counted. */
  listed: number;
  lastListedAsOf: string | null;
  projects: Map<string, ProjectState>;
}

/** The state of the year's history before this week: built one week at a time, so a week's data can go once folded. */
export interface HistoryFold {
  names: string[];
  nameKeys: (string | undefined)[];
  towns: Map<string, TownState>;
  curve: CurvePoint[];
  files: { asOf: string; file: string | null }[];
}

export function startFold(names: string[]): HistoryFold {
  return { names, nameKeys: [], towns: new Map(), curve: [], files: [] };
}

function curvePoint(w: HistoryWeek): CurvePoint {
  return {
    asOf: w.asOf, timeProgress: round(w.timeProgress, 4), completedYtd: round(w.county.completedYtd, 6), annualPlan: round(w.county.annualPlan, 6),
    completion: w.county.completion === null ? null : round(w.county.completion, 4), towns: w.towns.length, submitted: w.towns.filter((t) => t.status === 'submitted').length,
  };
}

function townWeek(w: HistoryWeek, t: HistoryTownWeek): TownWeek {
  return {
    asOf: w.asOf, status: t.status, completedYtd: t.completedYtd === null ? null : round(t.completedYtd, 6),
    completion: t.completion === null ? null : round(t.completion, 4), timeProgress: round(w.timeProgress, 4),
  };
}

/** One project seen in a listed report of its town: streaks continue only from the town's previous listed report. */
function seeProject(ts: TownState, key: string, name: string, ytd: number, light: Light, asOf: string): ProjectState {
  let s = ts.projects.get(key);
  const continues = s !== undefined && s.seen === ts.listed - 1;
  if (!s) {
    s = { name, red: 0, redSince: null, stalled: 0, lastYtd: ytd, firstSeen: asOf, seen: ts.listed };
    ts.projects.set(key, s);
  } else if (!continues) {
    s.red = 0;
    s.redSince = null;
    s.stalled = 0;
  } else {
    s.stalled = ytd <= s.lastYtd ? s.stalled + 1 : 0;
  }
  if (light === 'red') {
    if (s.red === 0) s.redSince = asOf;
    s.red++;
  } else {
    s.red = 0;
    s.redSince = null;
  }
  s.name = name;
  s.lastYtd = ytd;
  s.seen = ts.listed;
  return s;
}

function townState(fold: HistoryFold, town: string): TownState {
  const k = nameKey(town);
  let ts = fold.towns.get(k);
  if (!ts) {
    ts = { town, weeks: [], listed: 0, lastListedAsOf: null, projects: new Map() };
    fold.towns.set(k, ts);
  }
  return ts;
}

/** Adds one earlier week (oldest first). */
export function foldWeek(fold: HistoryFold, w: HistoryWeek, file: string | null): void {
  fold.files.push({ asOf: w.asOf, file });
  fold.curve.push(curvePoint(w));
  for (const t of w.towns) {
    const ts = townState(fold, t.town);
    ts.weeks.push(townWeek(w, t));
    if (t.status !== 'submitted' || !t.p) continue;
    ts.listed++;
    const p = t.p;
    for (let i = 0; i + 2 < p.length; i += 3) {
      const idx = p[i];
      let key = fold.nameKeys[idx];
      if (key === undefined) key = fold.nameKeys[idx] = nameKey(fold.names[idx] ?? '');
      seeProject(ts, key, fold.names[idx] ?? '', p[i + 1] < 0 ? 0 : p[i + 1], LIGHTS[p[i + 2]] ?? null, w.asOf);
    }
    ts.lastListedAsOf = w.asOf;
  }
}

export interface HistoryOptions {
  /** 督办清单: red for at least this many consecutive reports (default 3). */
  redWeeks?: number;
  /** 督办清单: no progress for at least this many reports (default 3). */
  stalledWeeks?: number;
  /** Files left out of the history, with their warnings. */
  skipped?: { file: string; reason: string }[];
}

export const DEFAULT_HISTORY = { redWeeks: 3, stalledWeeks: 3 };

function runs(flags: boolean[]): { longest: number; last: number } {
  let longest = 0;
  let cur = 0;
  for (const f of flags) {
    cur = f ? cur + 1 : 0;
    longest = Math.max(longest, cur);
  }
  return { longest, last: cur };
}

/**
 * This week's result on top of the folded history: fills result.history, every town's history and every project's
 * (in place; returns the result). The fold is used up.
 */
export function applyHistory(result: ConsolidationResult, fold: HistoryFold, o: HistoryOptions = {}): ConsolidationResult {
  const N = o.redWeeks ?? DEFAULT_HISTORY.redWeeks;
  const M = o.stalledWeeks ?? DEFAULT_HISTORY.stalledWeeks;
  const now = weekFromResult(result);
  fold.files.push({ asOf: result.asOf, file: null });
  fold.curve.push(curvePoint(now));
  const supervision: (SupervisionItem & { order: number })[] = [];
  const appeared: HistoryResult['appeared'] = [];
  const disappeared: HistoryResult['disappeared'] = [];
  const townsMissingInARow: HistoryResult['townsMissingInARow'] = [];
  result.towns.forEach((t, ti) => {
    const ts = townState(fold, t.town);
    ts.weeks.push(townWeek(now, now.towns[ti]));
    if (t.status === 'submitted') {
      const before = ts.listed > 0 ? new Map([...ts.projects].filter(([, s]) => s.seen === ts.listed)) : null;
      ts.listed++;
      const keys = new Set<string>();
      for (const p of t.projectList) {
        const key = nameKey(p.name);
        keys.add(key);
        const s = seeProject(ts, key, p.name, p.completedYtd ?? 0, p.light, result.asOf);
        const h: ProjectHistory = { redWeeks: s.red, redSince: s.redSince, stalledWeeks: s.stalled, firstSeen: s.firstSeen };
        p.history = h;
        if (before && !before.has(key)) appeared.push({ town: t.town, project: p.name, previousAsOf: ts.lastListedAsOf! });
        const stalledCounts = p.annualPlan !== null && p.annualPlan > 0 && p.status !== '竣工';
        const reasons: SupervisionItem['reasons'] = [];
        if (s.red >= N) reasons.push('red');
        if (stalledCounts && s.stalled >= M) reasons.push('stalled');
        if (reasons.length) {
          supervision.push({
            town: t.town, project: p.name, leader: p.leader, light: p.light, completion: p.completion === null ? null : round(p.completion, 4),
            redWeeks: s.red, redSince: s.redSince, stalledWeeks: s.stalled, reasons, problems: p.problems, order: supervision.length,
          });
        }
      }
      if (before) for (const [key, s] of before) if (!keys.has(key)) disappeared.push({ town: t.town, project: s.name, lastAsOf: ts.lastListedAsOf! });
      ts.lastListedAsOf = result.asOf;
    } else {
      for (const p of t.projectList) p.history = null;
    }
    const missed = runs(ts.weeks.map((w) => w.status !== 'submitted'));
    const h: TownHistory = {
      weeks: ts.weeks,
      missedWeeks: ts.weeks.filter((w) => w.status !== 'submitted').map((w) => w.asOf),
      longestMissedRun: missed.longest,
      missedRun: missed.last,
    };
    t.history = h;
    if (missed.longest >= 2) townsMissingInARow.push({ town: t.town, longestMissedRun: missed.longest, missedWeeks: h.missedWeeks });
  });
  // the longest streak first; ties in the towns' and projects' order
  supervision.sort((a, b) => Math.max(b.redWeeks, b.stalledWeeks) - Math.max(a.redWeeks, a.stalledWeeks) || a.order - b.order);
  result.history = {
    redWeeks: N,
    stalledWeeks: M,
    weeks: fold.files,
    skipped: o.skipped ?? [],
    curve: fold.curve,
    supervision: supervision.map(({ order: _order, ...s }) => s),
    appeared,
    disappeared,
    townsMissingInARow,
  };
  return result;
}

/** The history of an in-memory list of reports (tests, the add-in): parse → select → fold → apply. */
export function historyFromReports(
  result: ConsolidationResult,
  reports: { file: string; report: JsonReport; mtimeMs?: number }[],
  roster: RosterTown[],
  o: HistoryOptions = {},
): { result: ConsolidationResult; skipped: { file: string; issue: Issue }[] } {
  const store = emptyHistoryStore();
  for (const r of reports) store.entries.push({ file: r.file, size: 0, mtimeMs: r.mtimeMs ?? 0, week: historyWeekFromReport(r.report, store) });
  const { weeks, skipped } = selectHistoryWeeks(store, { asOf: result.asOf, roster });
  const fold = startFold(store.names);
  for (const w of weeks) foldWeek(fold, w.week, w.file);
  applyHistory(result, fold, { ...o, skipped: [...(o.skipped ?? []), ...skipped.map((w) => ({ file: w.file, reason: w.issue.message }))] });
  return { result, skipped };
}
