/**
 * The JSON report is one zod schema (core/report.ts): what the writer makes passes it, with its version; the history
 * keys appear only with a history; --previous and --history read with the same schema and refuse an unknown version
 * in Chinese. The history's week rules, without files.
 */
import {
  ConsolidationResult, REPORT_VERSION, ReportSchema, emptyHistoryStore, historyFromReports, historyWeekFromReport, parsePreviousReport,
  selectHistoryWeeks, toJsonReport, weekOf,
} from '../../core';
import { fixture } from '../fixtures/result-fixture';

const clone = (r: ConsolidationResult): ConsolidationResult => JSON.parse(JSON.stringify(r));
const roster = fixture.towns.map((t) => ({ name: t.town, aliases: [] }));

test('the writer writes what the schema reads, with its version first; no history keys without a history', () => {
  const report = toJsonReport(fixture);
  expect(ReportSchema.safeParse(report).success).toBe(true);
  expect(Object.keys(report)[0]).toBe('version');
  expect(report.version).toBe(REPORT_VERSION);
  const text = JSON.stringify(report);
  expect(text).not.toContain('"history"');
});

test('with a history the report still passes the schema, every town and listed project carrying its history', () => {
  const result = clone(fixture);
  const before = toJsonReport(clone(fixture));
  before.asOf = '2015-10-24';
  historyFromReports(result, [{ file: 'last.json', report: before }], roster);
  const report = toJsonReport(result);
  const parsed = ReportSchema.safeParse(report);
  expect(parsed.success).toBe(true);
  expect(report.history!.weeks.map((w) => w.asOf)).toEqual(['2015-10-24', '2015-10-31']);
  for (const t of report.towns.filter((x) => x.status === 'submitted')) {
    expect(t.history!.weeks).toHaveLength(2);
    for (const p of t.projectList!) expect(p.history).toBeTruthy();
  }
});

test('an unknown version is refused in Chinese by --previous; a report from before the version field is read', () => {
  const report = toJsonReport(fixture) as Record<string, unknown>;
  const newer = parsePreviousReport(JSON.stringify({ ...report, version: 99 }), 'p.json', '2015-11-07');
  expect(newer.ok).toBe(false);
  if (!newer.ok) {
    expect(newer.issue.code).toBe('E_PREVIOUS_VERSION');
    expect(newer.issue.message).toContain('p.json 的格式版本为 99，本程序不认识');
  }
  const { version: _v, ...legacy } = report;
  expect(parsePreviousReport(JSON.stringify(legacy), 'old.json', '2015-11-07').ok).toBe(true);
  const broken = parsePreviousReport(JSON.stringify({ ...report, towns: 'x' }), 'b.json', '2015-11-07');
  expect(!broken.ok && broken.issue.code).toBe('E_PREVIOUS_NOT_REPORT');
});

test('weeks run Monday to Sunday; one report per week, the latest (date, then file time, then name)', () => {
  expect(weekOf('2015-10-26')).toBe(weekOf('2015-11-01')); // Monday … Sunday
  expect(weekOf('2015-11-02')).toBe(weekOf('2015-10-26') + 7);
  const store = emptyHistoryStore();
  const at = (asOf: string) => {
    const r = toJsonReport(fixture);
    r.asOf = asOf;
    return historyWeekFromReport(r, store);
  };
  store.entries.push(
    { file: 'a.json', size: 1, mtimeMs: 200, week: at('2015-10-23') },
    { file: 'b.json', size: 1, mtimeMs: 100, week: at('2015-10-23') }, // same date, older file
    { file: 'c.json', size: 1, mtimeMs: 50, week: at('2015-10-22') }, // same week, earlier date
    { file: 'd.json', size: 1, mtimeMs: 50, week: at('2015-10-16') },
    { file: 'e.json', size: 1, mtimeMs: 50, week: at('2015-10-27') }, // this run's own week
  );
  const { weeks, skipped } = selectHistoryWeeks(store, { asOf: '2015-10-31', roster });
  expect(weeks.map((w) => w.file)).toEqual(['d.json', 'a.json']);
  expect(skipped.map((s) => s.file).sort()).toEqual(['b.json', 'c.json', 'e.json']);
  for (const s of skipped) expect(s.issue.message).toContain('同在一周');
});
