/**
 * The consolidation's rules on plain grids (the core has no I/O): which report wins, town statuses, lights at their
 * boundaries, 序时进度, ranks.
 */
import {
  AnalyzedFile,
  Grid,
  GridCell,
  RosterTown,
  SourceFile,
  analysisContext,
  analyzeSource,
  consolidate,
  lightOf,
  timeProgress,
} from '../../core';

const roster: RosterTown[] = [
  { name: '云峰镇', aliases: [] },
  { name: '东溪镇', aliases: [] },
  { name: '南岭镇', aliases: [] },
];
const opts = { roster, asOf: '2015-10-31' };
const ctx = analysisContext(opts);

const c = (v: unknown): GridCell => ({ value: v as GridCell['value'] });
function grid(title: string, rows: unknown[][]): Grid {
  return {
    sheet: 'S',
    hidden: false,
    merges: [],
    rows: [[c(title)], ['项目名称', '总投资', '年度计划投资', '累计完成投资', '项目组长'].map(c), ...rows.map((r) => r.map(c))],
  };
}
function file(name: string, g: Grid | null, mtimeMs = 0): AnalyzedFile {
  const src: SourceFile = g
    ? { file: name, mtimeMs, ok: true, grids: [g] }
    : { file: name, mtimeMs, ok: false, skip: false, code: 'E_FORMAT_XLS', message: '旧版格式' };
  return analyzeSource(src, ctx);
}
const status = (r: ReturnType<typeof consolidate>) => Object.fromEntries(r.files.map((f) => [f.file, f.status]));
const town = (r: ReturnType<typeof consolidate>, t: string) => r.towns.find((x) => x.town === t)!;

test('序时进度: N/12 at a month end, else the share of the year elapsed', () => {
  expect(timeProgress('2015-10-31')).toBeCloseTo(10 / 12, 10);
  expect(timeProgress('2015-02-28')).toBeCloseTo(2 / 12, 10);
  expect(timeProgress('2016-02-28')).toBeCloseTo(59 / 366, 10); // leap year: the 28th is not the month end
  expect(timeProgress('2015-10-15')).toBeCloseTo(288 / 365, 10);
  expect(timeProgress('2015-12-31')).toBe(1);
});

test('lights at their boundaries (default: yellow down to 10 points below)', () => {
  const tp = 10 / 12;
  const th = { yellowBelow: 10 };
  expect(lightOf(tp, tp, th).light).toBe('green');
  expect(lightOf(tp - 0.1, tp, th).light).toBe('yellow');
  expect(lightOf(tp - 0.1001, tp, th).light).toBe('red');
  expect(lightOf(null, tp, th)).toEqual({ light: null, gap: null });
  expect(lightOf(0.5, tp, th).gap).toBeCloseTo(-33.333333, 5);
});

test('the latest report wins; an older one is superseded', () => {
  const r = consolidate([
    file('a.xlsx', grid('云峰镇（截至2015年10月24日）', [['甲', 100, 50, 30, '张']])),
    file('b.xlsx', grid('云峰镇（截至2015年10月31日）', [['甲', 100, 50, 45, '张']])),
  ], opts);
  expect(status(r)).toEqual({ 'a.xlsx': 'superseded', 'b.xlsx': 'accepted' });
  expect(town(r, '云峰镇').projects!.completedYtd).toBe(45);
  expect(r.files[0].issues.map((i) => i.code)).toContain('I_SUPERSEDED');
});

test('a rejected latest report makes the town rejected; the older accepted one is not used', () => {
  const r = consolidate([
    file('a.xlsx', grid('云峰镇（截至2015年10月24日）', [['甲', 100, 50, 30, '张']])),
    file('b.xlsx', grid('云峰镇（截至2015年10月31日）', [['甲', 100, 50, -45, '张']])),
  ], opts);
  expect(status(r)).toEqual({ 'a.xlsx': 'superseded', 'b.xlsx': 'rejected' });
  expect(town(r, '云峰镇').status).toBe('rejected');
  expect(r.county.projects.count).toBe(0);
});

test('a corrected resend after a rejected file: the town is submitted, the rejected one superseded', () => {
  const r = consolidate([
    file('a.xlsx', grid('云峰镇（截至2015年10月31日）', [['甲', 100, 50, -45, '张']]), 1000),
    file('a-改.xlsx', grid('云峰镇（截至2015年10月31日）', [['甲', 100, 50, 45, '张']]), 2000),
  ], opts);
  expect(status(r)).toEqual({ 'a.xlsx': 'superseded', 'a-改.xlsx': 'accepted' });
  expect(town(r, '云峰镇').status).toBe('submitted');
  expect(r.files.find((f) => f.file === 'a-改.xlsx')!.issues.map((i) => i.code)).toContain('W_SAME_DATE');
});

test('an unreadable file names its town from the file name: rejected, not missing', () => {
  const r = consolidate([file('东溪镇周报.xls', null)], opts);
  expect(status(r)).toEqual({ '东溪镇周报.xls': 'rejected' });
  expect(town(r, '东溪镇').status).toBe('rejected');
  expect(town(r, '南岭镇').status).toBe('missing');
});

test('towns are ranked by completion; ties share a rank; unranked towns follow', () => {
  const r = consolidate([
    file('y.xlsx', grid('云峰镇（截至2015年10月31日）', [['甲', 100, 50, 40, '张']])),
    file('d.xlsx', grid('东溪镇（截至2015年10月31日）', [['乙', 100, 100, 80, '李']])),
    file('n.xlsx', grid('南岭镇（截至2015年10月31日）', [['丙', 100, 100, 90, '王']])),
  ], opts);
  expect(r.towns.map((t) => [t.town, t.rank])).toEqual([['南岭镇', 1], ['云峰镇', 2], ['东溪镇', 2]]);
});

test('a 前期 project without plan has no light and does not weigh on the completion rate', () => {
  const r = consolidate([file('y.xlsx', grid('云峰镇（截至2015年10月31日）', [['甲', 100, 50, 45, '张'], ['乙', 500, null, 10, '李']]))], opts);
  const p = town(r, '云峰镇').projectList;
  expect(p[1].light).toBeNull();
  expect(town(r, '云峰镇').projects!.completion).toBeCloseTo(0.9, 10);
  expect(town(r, '云峰镇').projects!.completedYtd).toBe(55);
});

test('the same inputs give the same result, whatever their order', () => {
  const files = [
    file('y.xlsx', grid('云峰镇（截至2015年10月31日）', [['甲', 100, 50, 40, '张']])),
    file('d.xlsx', grid('东溪镇（截至2015年10月31日）', [['乙', 100, 100, 80, '李']])),
  ];
  expect(consolidate([...files].reverse(), opts)).toEqual(consolidate(files, opts));
});

test('a project with a plan and an empty 累计 is at 0% (red), not without light', () => {
  const r = consolidate([file('y.xlsx', grid('云峰镇（截至2015年10月31日）', [['甲', 100, 50, null, '张']]))], opts);
  expect(town(r, '云峰镇').projectList[0]).toMatchObject({ completion: 0, light: 'red' });
});

test('an unreadable file: older when undated (said on the report used), newer when its name dates it later', () => {
  const undated = consolidate([
    file('东溪镇.xls', null),
    file('东溪镇周报.xlsx', grid('东溪镇（截至2015年10月31日）', [['甲', 100, 50, 45, '张']])),
  ], opts);
  expect(status(undated)).toEqual({ '东溪镇.xls': 'superseded', '东溪镇周报.xlsx': 'accepted' });
  expect(undated.files.find((f) => f.file === '东溪镇周报.xlsx')!.issues.map((i) => i.code)).toContain('W_OLDER_UNREADABLE');

  const newer = consolidate([
    file('东溪镇20151031.xls', null),
    file('东溪镇周报.xlsx', grid('东溪镇（截至2015年10月24日）', [['甲', 100, 50, 45, '张']])),
  ], opts);
  expect(status(newer)).toEqual({ '东溪镇20151031.xls': 'rejected', '东溪镇周报.xlsx': 'superseded' });
  expect(town(newer, '东溪镇').status).toBe('rejected');
});
