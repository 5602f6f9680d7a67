/**
 * --history: a county's weekly folders consolidated by the CLI week after week, each run's --json kept in a history
 * folder; then this week's run with --history. Streaks, stalls, missed weeks and the curve are checked against
 * figures this test computes itself from the weekly data it planted (counting backwards from this week, where the
 * code folds forwards): a gap week with no report at all, a town missing two reports in a row, a renamed project,
 * a name written with a full-width space, a town added mid-year, a resubmission in the same week, bad files (cut,
 * another county, a later date, another year, an unknown version) skipped with a warning naming them, and a new year
 * that starts afresh. Nothing in the history folder changes but the compact file.
 */
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fsp, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import JSZip from 'jszip';
import { tmpDir, writeBook } from '../support/books';
import { HISTORY_STORE_FILE, REPORT_VERSION, ReportSchema } from '../../core';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli', 'consolidate.js');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// --- the planted weeks -------------------------------------------------------------------------------------------
type Cell = [plan: number, ytd: number] | undefined;
interface Plan {
  /** Written as in the town's workbook that week (display names may vary: full-width space, a rename). */
  names: Record<string, string>;
  weeks: Record<string, Record<string, Cell> | 'missing'>;
}
const LEADER: Record<string, string> = { 大道: '张明', 污水: '李华', 东桥: '赵', 南路: '钱', 南园: '孙', 新塘: '周' };

/** The as-of dates used, oldest first; 09-18's week has no report at all; 09-11 is replaced by 09-12 (same week). */
const WEEKS = ['2015-09-04', '2015-09-11', '2015-09-12', '2015-09-25', '2015-10-09', '2015-10-16'];
const USED = ['2015-09-04', '2015-09-12', '2015-09-25', '2015-10-09', '2015-10-16'];
const NOW = '2015-10-16';

const TOWNS: Record<string, Plan> = {
  云峰镇: {
    names: { 大道: '云峰大道', 污水: '污水处理厂' },
    weeks: {
      '2015-09-04': { 大道: [1000, 300], 污水: [2000, 1500] },
      '2015-09-11': { 大道: [1000, 900], 污水: [2000, 1500] }, // superseded: would break the red run if used
      '2015-09-12': { 大道: [1000, 310], 污水: [2000, 1500] },
      '2015-09-25': { 大道: [1000, 320], 污水: [2000, 1600] },
      '2015-10-09': { 大道: [1000, 320], 污水: [2000, 1700] },
      '2015-10-16': { 大道: [1000, 320], 污水: [2000, 1800] }, // 污水 renamed this week (城东污水处理厂)
    },
  },
  东溪镇: {
    names: { 东桥: '东溪桥' },
    weeks: {
      '2015-09-04': { 东桥: [500, 100] },
      '2015-09-11': { 东桥: [500, 100] },
      '2015-09-12': { 东桥: [500, 100] },
      '2015-09-25': 'missing',
      '2015-10-09': 'missing',
      '2015-10-16': { 东桥: [500, 120] },
    },
  },
  南岭镇: {
    names: { 南路: '南岭路', 南园: '南岭产业园' },
    weeks: {
      '2015-09-04': { 南路: [1000, 700] },
      '2015-09-11': { 南路: [1000, 720] },
      '2015-09-12': { 南路: [1000, 720] },
      '2015-09-25': { 南路: [1000, 720], 南园: [800, 100] }, // 南园 appears
      '2015-10-09': { 南路: [1000, 720], 南园: [800, 150] },
      '2015-10-16': { 南路: [1000, 720] }, // 南园 disappears
    },
  },
  新塘镇: {
    names: { 新塘: '新塘安置房' },
    weeks: {
      // on the roster from 10-09
      '2015-10-09': { 新塘: [600, 100] },
      '2015-10-16': { 新塘: [600, 110] },
    },
  },
};

/** The display name a project had in a week: 大道 once written with a full-width space; 污水 renamed in the last week. */
function displayName(town: string, key: string, week: string): string {
  if (key === '大道' && week === '2015-09-25') return '云峰\u3000大道';
  if (key === '污水' && week === NOW) return '城东污水处理厂';
  return TOWNS[town].names[key];
}

// --- the test's own arithmetic -----------------------------------------------------------------------------------
/** 序时进度: N/12 at a month's end, else days elapsed / days of the year (the domain's rule, written again). */
function tp(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d === last) return m / 12;
  const day = (Date.UTC(y, m - 1, d) - Date.UTC(y, 0, 1)) / 86400000 + 1;
  return day / ((Date.UTC(y + 1, 0, 1) - Date.UTC(y, 0, 1)) / 86400000);
}
const light = (plan: number, ytd: number, week: string) => {
  const gap = (ytd / plan - tp(week)) * 100;
  return gap >= 0 ? 'green' : gap >= -10 ? 'yellow' : 'red';
};
const rosterAt = (week: string) => Object.keys(TOWNS).filter((t) => week >= '2015-10-09' || t !== '新塘镇');

/** A project's identity across weeks: the test's own key (the code matches by normalised name). */
const identity = (town: string, key: string, week: string) => (key === '污水' && week === NOW ? '污水-renamed' : key);

interface Expect { redWeeks: number; stalledWeeks: number; redSince: string | null }
/** Counting back from this week over the weeks the town reported. */
function expected(town: string, id: string): Expect {
  const reported = USED.filter((w) => TOWNS[town].weeks[w] && TOWNS[town].weeks[w] !== 'missing');
  const at = (w: string): Cell => {
    const wk = TOWNS[town].weeks[w] as Record<string, Cell>;
    const key = Object.keys(wk).find((k) => identity(town, k, w) === id);
    return key ? wk[key] : undefined;
  };
  let redWeeks = 0;
  let redSince: string | null = null;
  for (let i = reported.length - 1; i >= 0; i--) {
    const c = at(reported[i]);
    if (!c || light(c[0], c[1], reported[i]) !== 'red') break;
    redWeeks++;
    redSince = reported[i];
  }
  let stalledWeeks = 0;
  for (let i = reported.length - 1; i >= 1; i--) {
    const c = at(reported[i]);
    const b = at(reported[i - 1]);
    if (!c || !b || c[1] > b[1]) break;
    stalledWeeks++;
  }
  return { redWeeks, stalledWeeks, redSince };
}

// --- the runs ------------------------------------------------------------------------------------------------------
const HEAD = ['序号', '项目名称', '年度计划投资', '本周完成', '累计完成投资', '项目组长', '存在问题', '状态'];
async function weekFolder(dir: string, week: string): Promise<string> {
  const folder = path.join(dir, `week-${week}`);
  await fsp.mkdir(folder, { recursive: true });
  const [y, m, d] = week.split('-').map(Number);
  for (const [town, plan] of Object.entries(TOWNS)) {
    const wk = plan.weeks[week];
    if (!wk || wk === 'missing') continue;
    const rows = Object.entries(wk).map(([k, c], i) => [i + 1, displayName(town, k, week), c![0], 0, c![1], LEADER[k], `${k}的问题`, '在建']);
    await writeBook(path.join(folder, `${town}.xlsx`), [{ name: '重点项目', rows: [[`${town}重点项目推进情况表（截至${y}年${m}月${d}日）`], ['单位：万元'], HEAD, ...rows] }]);
  }
  return folder;
}

let dir: string;
let hist: string;
let report: any;
let r: ReturnType<typeof run>;
let before: Map<string, string>;
const summary = () => path.join(dir, 'summary.xlsx');
const digest = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
const snapshot = () => new Map(readdirSync(hist).filter((f) => f !== HISTORY_STORE_FILE).map((f) => [f, digest(path.join(hist, f))]));

beforeAll(async () => {
  dir = await tmpDir('xcs-history-');
  hist = path.join(dir, 'history');
  await fsp.mkdir(hist);
  for (const week of WEEKS.slice(0, -1)) {
    const roster = path.join(dir, `roster-${week}.csv`);
    await fsp.writeFile(roster, `乡镇名称\n${rosterAt(week).join('\n')}\n`);
    const c = run([await weekFolder(dir, week), '--roster', roster, '--as-of', week, '--out', path.join(dir, `s-${week}.xlsx`), '--json', path.join(hist, `report-${week}.json`), '--quiet']);
    expect(c.code).not.toBe(2);
  }
  const good = readFileSync(path.join(hist, 'report-2015-10-09.json'), 'utf8');
  // bad files: cut in the middle, another county, later than --as-of, another year, a version this program does not know
  await fsp.writeFile(path.join(hist, 'cut.json'), good.slice(0, 900));
  const other = path.join(dir, 'other');
  await fsp.mkdir(other);
  await fsp.writeFile(path.join(dir, 'other.csv'), '乡镇名称\n甲镇\n乙镇\n丙镇\n');
  run([other, '--roster', path.join(dir, 'other.csv'), '--as-of', '2015-10-02', '--out', path.join(dir, 'o.xlsx'), '--json', path.join(hist, 'other-county.json'), '--quiet']);
  await fsp.writeFile(path.join(hist, 'later.json'), good.replace('"asOf": "2015-10-09"', '"asOf": "2015-11-06"'));
  await fsp.writeFile(path.join(hist, 'last-year.json'), good.replace('"asOf": "2015-10-09"', '"asOf": "2014-12-26"'));
  await fsp.writeFile(path.join(hist, 'newer.json'), good.replace(`"version": ${REPORT_VERSION}`, '"version": 99'));
  await fsp.writeFile(path.join(hist, 'notes.txt'), '各周报告');
  before = snapshot();

  const roster = path.join(dir, 'roster.csv');
  await fsp.writeFile(roster, `乡镇名称\n${rosterAt(NOW).join('\n')}\n`);
  const json = path.join(dir, 'now.json');
  r = run([await weekFolder(dir, NOW), '--roster', roster, '--as-of', NOW, '--out', summary(), '--json', json, '--history', hist]);
  report = JSON.parse(readFileSync(json, 'utf8'));
}, 300000);

test('the run writes a report valid under the one schema, with its version and the history', () => {
  expect(r.code).toBe(0);
  expect(ReportSchema.safeParse(report).success).toBe(true);
  expect(report.version).toBe(REPORT_VERSION);
  expect(report.history.weeks.map((w: any) => w.asOf)).toEqual(USED);
  expect(report.history.weeks.at(-1).file).toBeNull();
});

test('bad files are skipped with a warning naming each; nothing in the folder changes but the compact file', () => {
  for (const [file, words] of [
    ['cut.json', '不是有效的 JSON'], ['other-county.json', '另一个县'], ['later.json', '晚于本次汇总日期'],
    ['last-year.json', '2014 年'], ['newer.json', '格式版本为 99'], ['report-2015-09-11.json', '同在一周'],
  ]) {
    const line = r.stderr.split('\n').find((l) => l.includes(file));
    expect(line).toBeDefined();
    expect(line).toContain(words);
    expect(report.history.skipped.map((s: any) => s.file)).toContain(file);
  }
  expect(snapshot()).toEqual(before);
  expect(readdirSync(hist)).toContain(HISTORY_STORE_FILE);
  expect(readdirSync(hist).filter((f) => f.startsWith('.'))).toEqual([]);
});

test('streaks of every project, as the test counts them', () => {
  for (const [town, plan] of Object.entries(TOWNS)) {
    const t = report.towns.find((x: any) => x.town === town);
    const now = plan.weeks[NOW] as Record<string, Cell>;
    for (const key of Object.keys(now)) {
      const p = t.projectList.find((x: any) => x.name === displayName(town, key, NOW));
      const want = expected(town, identity(town, key, NOW));
      expect([town, key, p.history.redWeeks, p.history.stalledWeeks, p.history.redSince]).toEqual([town, key, want.redWeeks, want.stalledWeeks, want.redSince]);
    }
  }
  // spot checks of the planted cases, so that the counting above is not trusted blindly
  const yf = report.towns.find((x: any) => x.town === '云峰镇').projectList;
  expect(yf.find((p: any) => p.name === '云峰大道').history).toMatchObject({ redWeeks: 5, redSince: '2015-09-04', stalledWeeks: 2 });
  expect(yf.find((p: any) => p.name === '城东污水处理厂').history).toMatchObject({ redWeeks: 0, stalledWeeks: 0, firstSeen: NOW });
  // 东溪 missed two weeks: its streak skips over them
  expect(report.towns.find((x: any) => x.town === '东溪镇').projectList[0].history).toMatchObject({ redWeeks: 3, redSince: '2015-09-04' });
});

test('the 督办清单 holds exactly the projects red or stalled for 3 weeks or more', () => {
  const want: string[] = [];
  for (const [town, plan] of Object.entries(TOWNS)) {
    for (const key of Object.keys(plan.weeks[NOW] as object)) {
      const e = expected(town, identity(town, key, NOW));
      if (e.redWeeks >= 3 || e.stalledWeeks >= 3) want.push(`${town}/${displayName(town, key, NOW)}`);
    }
  }
  const got = report.history.supervision.map((s: any) => `${s.town}/${s.project}`);
  expect([...got].sort()).toEqual(want.sort());
  expect(want).toEqual(expect.arrayContaining(['云峰镇/云峰大道', '南岭镇/南岭路', '东溪镇/东溪桥']));
  const road = report.history.supervision.find((s: any) => s.project === '云峰大道');
  expect(road).toMatchObject({ leader: '张明', problems: '大道的问题', reasons: ['red'] });
  expect(report.history.supervision.find((s: any) => s.project === '南岭路').reasons).toContain('stalled');
});

test('appeared, disappeared, missed weeks and the town added mid-year', () => {
  expect(report.history.appeared).toEqual([{ town: '云峰镇', project: '城东污水处理厂', previousAsOf: '2015-10-09' }]);
  expect(report.history.disappeared).toEqual(expect.arrayContaining([
    { town: '云峰镇', project: '污水处理厂', lastAsOf: '2015-10-09' },
    { town: '南岭镇', project: '南岭产业园', lastAsOf: '2015-10-09' },
  ]));
  expect(report.history.disappeared).toHaveLength(2);
  const dx = report.towns.find((x: any) => x.town === '东溪镇').history;
  expect(dx.missedWeeks).toEqual(['2015-09-25', '2015-10-09']);
  expect(dx.longestMissedRun).toBe(2);
  expect(report.history.townsMissingInARow.map((t: any) => t.town)).toEqual(['东溪镇']);
  const xt = report.towns.find((x: any) => x.town === '新塘镇').history;
  expect(xt.weeks.map((w: any) => w.asOf)).toEqual(['2015-10-09', NOW]);
  expect(xt.missedWeeks).toEqual([]);
});

test("the county's curve: completion over the planned projects each week, and 序时进度", () => {
  for (const [i, week] of USED.entries()) {
    let plan = 0;
    let ytd = 0;
    for (const t of Object.values(TOWNS)) {
      const wk = t.weeks[week];
      if (!wk || wk === 'missing') continue;
      for (const c of Object.values(wk)) {
        plan += c![0];
        ytd += c![1];
      }
    }
    const pt = report.history.curve[i];
    expect(pt.asOf).toBe(week);
    expect(pt.completedYtd).toBeCloseTo(ytd, 6);
    expect(pt.completion).toBeCloseTo(ytd / plan, 4);
    expect(pt.timeProgress).toBeCloseTo(tp(week), 4);
  }
});

test('走势 and 督办清单 in the summary; the chart reads the county table', async () => {
  const zip = await JSZip.loadAsync(readFileSync(summary()));
  const charts = Object.keys(zip.files).filter((f) => f.startsWith('xl/charts/'));
  expect(charts).toEqual(['xl/charts/chart1.xml']);
  const chart = await zip.file(charts[0])!.async('string');
  // the 走势 sheet points at the drawing that holds the chart
  const types = await zip.file('[Content_Types].xml')!.async('string');
  expect(types).toContain('<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>');
  const last = 3 + USED.length;
  expect(chart).toContain(`<c:f>'走势'!$D$4:$D$${last}</c:f>`);
  expect(chart).toContain(`<c:f>'走势'!$B$4:$B$${last}</c:f>`);
  expect(chart).toContain(`<c:f>'走势'!$A$4:$A$${last}</c:f>`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(summary());
  const trend = wb.getWorksheet('走势')!;
  for (let i = 0; i < USED.length; i++) {
    expect(trend.getCell(`A${4 + i}`).value).toBe(USED[i]);
    expect(trend.getCell(`D${4 + i}`).value).toBeCloseTo(report.history.curve[i].completion, 6);
  }
  const sup = wb.getWorksheet('督办清单')!;
  const names: string[] = [];
  for (let i = 4; i < 4 + report.history.supervision.length; i++) names.push(String(sup.getCell(`C${i}`).value));
  expect(names).toEqual(report.history.supervision.map((s: any) => s.project));
  // the bulletin says it
  const bulletin = wb.getWorksheet('通报')!;
  const text: string[] = [];
  bulletin.eachRow((row) => row.eachCell((c) => text.push(String(c.value))));
  expect(text.join('\n')).toMatch(/连续3周以上红灯的项目\d+个/);
});

test('a second run reads the compact file (same result) and the summary is byte-identical', async () => {
  const first = digest(summary());
  const json2 = path.join(dir, 'now2.json');
  const out2 = path.join(dir, 'summary2.xlsx');
  const r2 = run([await weekFolder(dir, NOW), '--roster', path.join(dir, 'roster.csv'), '--as-of', NOW, '--out', out2, '--json', json2, '--history', hist, '--quiet']);
  expect(r2.code).toBe(0);
  expect(readFileSync(json2, 'utf8')).toBe(readFileSync(path.join(dir, 'now.json'), 'utf8'));
  expect(digest(out2)).toBe(first);
  expect(snapshot()).toEqual(before);
});

test('a new year does not continue December: other-year reports are skipped, streaks start afresh', async () => {
  const jan = '2016-02-12';
  const folder = path.join(dir, 'jan');
  await fsp.mkdir(folder);
  await writeBook(path.join(folder, '云峰镇.xlsx'), [{ name: '重点项目', rows: [['云峰镇重点项目推进情况表（截至2016年2月12日）'], ['单位：万元'], HEAD, [1, '云峰大道', 1000, 0, 1, '张明', null, '在建']] }]);
  const json = path.join(dir, 'jan.json');
  const rj = run([folder, '--roster', path.join(dir, 'roster.csv'), '--as-of', jan, '--out', path.join(dir, 'jan.xlsx'), '--json', json, '--history', hist, '--quiet']);
  expect(rj.code).toBe(1);
  const j = JSON.parse(readFileSync(json, 'utf8'));
  expect(j.history.weeks).toEqual([{ asOf: jan, file: null }]);
  expect(rj.stderr).toContain('report-2015-10-09.json 是 2015 年的');
  expect(j.towns[0].projectList[0].history).toMatchObject({ redWeeks: 1, redSince: jan, stalledWeeks: 0 });
});
