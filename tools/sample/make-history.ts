/**
 * sample/history/: the sample county's JSON reports of three earlier weeks (2015-10-03, 10-10, 10-17), for the demo's
 * --history. Made from last week's report (sample/last-week.json, itself a real consolidation of the sample's last
 * week) by stepping each project's 累计完成 back a week at a time (a few projects do not move: they show up as
 * stalled), with lights, totals, ranks and the lagging list recomputed by the core's rules, and each report checked
 * against the report's schema before it is written. Deterministic: the same input gives the same files.
 *
 *   npm run sample:history
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { JsonReport, REPORT_VERSION, ReportSchema, lightOf, round, timeProgress } from '../../core';

const WEEKS = [
  { asOf: '2015-10-17', back: 1 },
  { asOf: '2015-10-10', back: 2 },
  { asOf: '2015-10-03', back: 3 },
];
/** A town that did not report on 2015-10-10 (its file came late): a missed week in the sample. */
const MISSED: Record<string, string> = { '2015-10-10': '新塘镇' };

function weekBefore(last: JsonReport, asOf: string, back: number): JsonReport {
  const r: JsonReport = JSON.parse(JSON.stringify(last));
  r.version = REPORT_VERSION;
  r.asOf = asOf;
  const tp = timeProgress(asOf);
  r.timeProgress = round(tp, 4);
  r.weekOverWeek = null;
  const th = { yellowBelow: 10 };
  const lagging: JsonReport['lagging'] = [];
  let i = 0;
  for (const t of r.towns) {
    if (t.status !== 'submitted' || !t.projects || !t.projectList) continue;
    if (MISSED[asOf] === t.town) {
      Object.assign(t, { status: 'missing', projects: null, indicators: null, reportDate: null, rank: null, projectList: [], change: null, powers: null });
      continue;
    }
    t.reportDate = asOf;
    t.change = null;
    let ytd = 0;
    let red = 0;
    let yellow = 0;
    let green = 0;
    for (const p of t.projectList) {
      i++;
      // every fifth project stood still these weeks; the others did 1.5% of their plan a week
      const step = i % 5 === 0 || p.annualPlan === null ? 0 : round(p.annualPlan * 0.015, 2);
      if (p.completedYtd !== null) p.completedYtd = Math.max(0, round(p.completedYtd - step * back, 6));
      p.completion = p.annualPlan && p.annualPlan > 0 ? round((p.completedYtd ?? 0) / p.annualPlan, 4) : null;
      p.light = lightOf(p.completion, tp, th).light;
      p.change = null;
      ytd += p.completedYtd ?? 0;
      if (p.light === 'red') red++;
      else if (p.light === 'yellow') yellow++;
      else if (p.light === 'green') green++;
      if (p.light === 'red' || p.light === 'yellow') lagging.push({ town: t.town, project: p.name, leader: null, completion: p.completion!, light: p.light });
    }
    Object.assign(t.projects, { completedYtd: round(ytd, 6), red, yellow, green });
  }
  // ranks by completion over the planned projects, best first
  const completion = (t: JsonReport['towns'][number]) => {
    const planned = (t.projectList ?? []).filter((p) => p.annualPlan && p.annualPlan > 0);
    const plan = planned.reduce((a, p) => a + p.annualPlan!, 0);
    return plan > 0 ? planned.reduce((a, p) => a + (p.completedYtd ?? 0), 0) / plan : null;
  };
  const ranked = r.towns.filter((t) => t.status === 'submitted' && completion(t) !== null).sort((a, b) => completion(b)! - completion(a)!);
  for (const t of r.towns) t.rank = null;
  ranked.forEach((t, k) => (t.rank = k + 1));
  const submitted = r.towns.filter((t) => t.status === 'submitted' && t.projects);
  Object.assign(r.county.projects, {
    completedYtd: round(submitted.reduce((a, t) => a + t.projects!.completedYtd, 0), 6),
    annualPlan: round(submitted.reduce((a, t) => a + t.projects!.annualPlan, 0), 6),
    totalInvestment: round(submitted.reduce((a, t) => a + t.projects!.totalInvestment, 0), 6),
    count: submitted.reduce((a, t) => a + t.projects!.count, 0),
    red: submitted.reduce((a, t) => a + t.projects!.red, 0),
    yellow: submitted.reduce((a, t) => a + t.projects!.yellow, 0),
    green: submitted.reduce((a, t) => a + t.projects!.green, 0),
  });
  r.lagging = lagging.sort((a, b) => a.completion - b.completion);
  r.files = r.files
    .filter((f) => f.town !== MISSED[asOf])
    .map((f) => ({ ...f, file: f.file.replace('（10月24日）', `（${Number(asOf.slice(5, 7))}月${Number(asOf.slice(8))}日）`) }));
  return ReportSchema.parse(r);
}

function main(): void {
  const root = path.resolve(__dirname, '..', '..', '..');
  const last = ReportSchema.parse(JSON.parse(fs.readFileSync(path.join(root, 'sample', 'last-week.json'), 'utf8')));
  const dir = path.join(root, 'sample', 'history');
  fs.mkdirSync(dir, { recursive: true });
  for (const w of WEEKS) {
    const file = path.join(dir, `report-${w.asOf}.json`);
    fs.writeFileSync(file, `${JSON.stringify(weekBefore(last, w.asOf, w.back), null, 2)}\n`, 'utf8');
    process.stdout.write(`${path.relative(root, file)}\n`);
  }
}

main();
