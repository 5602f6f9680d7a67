/**
 * A province's long lists (滞后项目, 存在问题: tens of thousands of rows) are rendered on row workers as 项目明细's and
 * 主要指标's are (io/write/xlsx/row-thread.ts): the summary is the same file, byte for byte, as the one written on this
 * thread alone, and each of those sheets had its rows from a worker.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeSummaryWorkbook } from '../../io/write/summary-workbook';
import { MIN_ROWS, RowJob, setRowWorkerScript } from '../../io/write/xlsx/row-thread';
import { fixture } from '../fixtures/result-fixture';
import type { ConsolidationResult } from '../../core/types';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'summary-row-workers-'));
});
afterAll(() => {
  setRowWorkerScript(undefined);
  jest.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The fixture with its lagging projects and its problems each repeated past MIN_ROWS (names and rows made distinct). */
function longLists(): ConsolidationResult {
  const n = MIN_ROWS + 700;
  const lagging = Array.from({ length: n }, (_, i) => {
    const l = fixture.lagging[i % fixture.lagging.length]!;
    return { ...l, project: `${l.project}${i}`, source: { ...l.source, row: l.source.row + i } };
  });
  const problems = Array.from({ length: n + 301 }, (_, i) => {
    const p = fixture.problems[i % fixture.problems.length]!;
    return { ...p, project: `${p.project}${i}`, problems: `${p.problems}（${i}）` };
  });
  return { ...fixture, lagging, problems };
}

test('滞后项目 and 存在问题 of more than MIN_ROWS rows: rendered on row workers, the same bytes as on this thread alone', async () => {
  const result = longLists();
  expect(fixture.lagging.length).toBeGreaterThan(0);
  expect(fixture.problems.length).toBeGreaterThan(0);

  setRowWorkerScript(null);
  const here = path.join(dir, 'here.xlsx');
  await writeSummaryWorkbook(result, here, { county: '云和县' });

  setRowWorkerScript(undefined);
  const start = jest.spyOn(RowJob, 'start');
  const there = path.join(dir, 'there.xlsx');
  await writeSummaryWorkbook(result, there, { county: '云和县' });

  // a job for each long list (the fixture's 项目明细 and 主要指标 are short: none for them), each with rows from its worker
  const jobs = start.mock.calls.map((c, i) => ({ rows: c[0], job: start.mock.results[i]!.value as RowJob | null }));
  const started = jobs.filter((j) => j.job !== null);
  expect(started.map((j) => j.rows)).toEqual([result.lagging.length, result.problems.length]);
  for (const { job } of started) {
    expect(job!.failure).toBeNull();
    expect(job!.fromWorker).toBeGreaterThan(0);
  }
  expect(fs.readFileSync(there).equals(fs.readFileSync(here))).toBe(true);
}, 60000);
