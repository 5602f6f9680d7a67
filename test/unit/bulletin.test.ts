/**
 * The bulletin's sentences (core/bulletin.ts) on hand-made results: the exact wording of figures, ahead / behind /
 * equal / no plan, missing and rejected towns named, week-over-week sentences only when last week's data is there,
 * long lists cut with how many more and where they are, and the chart's SVG.
 */
import {
  Bulletin,
  BulletinPartKey,
  buildBulletin,
  bulletinChartSvg,
  CHART_END_BARS,
  CHART_MAX_BARS,
  completionSentence,
  gapPhrase,
} from '../../core/bulletin';
import type { ConsolidationResult, TownResult } from '../../core/types';
import { fixture } from '../fixtures/result-fixture';

const clone = (): ConsolidationResult => structuredClone(fixture);

function part(b: Bulletin, key: BulletinPartKey) {
  const p = b.parts.find((x) => x.key === key);
  if (!p) throw new Error(`no part ${key}`);
  return p;
}

const texts = (b: Bulletin, key: BulletinPartKey) => part(b, key).lines.map((l) => l.text);
const allText = (b: Bulletin) => b.parts.flatMap((p) => [p.heading, ...p.lines.map((l) => l.text)]).join('\n');

describe('figures in sentences', () => {
  test('ahead, behind, equal: 个百分点 with one decimal, 持平 when equal', () => {
    expect(gapPhrase(3.2449)).toBe('超序时进度3.2个百分点');
    expect(gapPhrase(-12.2581)).toBe('低于序时进度12.3个百分点');
    expect(gapPhrase(0)).toBe('与序时进度持平');
    expect(gapPhrase(-0)).toBe('与序时进度持平');
    // a gap that is not zero never reads as 「0.0」 (a yellow light beside 「持平」 would contradict itself)
    expect(gapPhrase(-0.04)).toBe('低于序时进度不足0.1个百分点');
    expect(gapPhrase(0.04)).toBe('超序时进度不足0.1个百分点');
    expect(gapPhrase(null)).toBe('');
  });

  test('「累计完成投资X万元，占年度计划Y%，…」 with the project\'s amount and percent formats', () => {
    expect(completionSentence(12345.5, 0.8657, 3.24)).toBe('累计完成投资12,345.5万元，占年度计划86.6%，超序时进度3.2个百分点');
    expect(completionSentence(19830, 19830 / 27900, (19830 / 27900 - 10 / 12) * 100)).toBe(
      '累计完成投资19,830万元，占年度计划71.1%，低于序时进度12.3个百分点',
    );
    expect(completionSentence(5000, 10 / 12, 0)).toBe('累计完成投资5,000万元，占年度计划83.3%，与序时进度持平');
    expect(completionSentence(120, null, null)).toBe('累计完成投资120万元，未填年度计划投资，不计完成率');
  });
});

describe('the five parts on the fixture (behind 序时, one town rejected, one missing)', () => {
  const b = buildBulletin(fixture, { county: '云和县' });

  test('title and the five parts in the order leaders read them', () => {
    expect(b.title).toBe('云和县重点项目推进情况通报');
    expect(b.subtitle).toBe('（截至2015年10月31日，序时进度83.3%）');
    expect(b.parts.map((p) => p.heading)).toEqual([
      '一、总体情况', '二、各乡镇推进情况', '三、滞后项目', '四、存在问题及需县领导协调事项', '五、下步工作',
    ]);
  });

  test('概况: county figures in one sentence, lights, who has not reported or was sent back', () => {
    expect(texts(b, 'overview')).toEqual([
      '截至2015年10月31日，全县4个乡镇中2个已报送，纳入汇总的重点项目12个，总投资96,200万元，年度计划投资27,900万元；' +
        '累计完成投资19,830万元，占年度计划71.1%，低于序时进度12.3个百分点（序时进度83.3%）。',
      '按序时进度亮灯：红灯项目3个、黄灯项目3个、绿灯项目5个，1个项目无年度计划不亮灯（黄灯为低于序时进度10个百分点以内，红灯为低于10个百分点以上）。',
      '未报送1个：东山乡（请催报）；报表退回需重报1个：西河镇（原因见「报送情况」表）。',
    ]);
  });

  test('进展: towns by rank with their figures, the unranked named', () => {
    expect(texts(b, 'progress')).toEqual([
      '按年度计划完成率排名（序时进度83.3%），2个乡镇均低于序时进度：',
      '第1名 云峰镇：7个项目，累计完成投资10,350万元，占年度计划71.9%，低于序时进度11.5个百分点；红灯1个、黄灯1个。',
      '第2名 青溪镇：5个项目，累计完成投资9,480万元，占年度计划70.2%，低于序时进度13.1个百分点；红灯2个、黄灯2个。',
      '未参加排名：东山乡（未报送）、西河镇（报表退回）。',
    ]);
  });

  test('滞后项目: named with 项目组长, completion and gap, most behind first', () => {
    const lines = texts(b, 'lagging');
    expect(lines[0]).toBe('全县滞后项目6个（红灯3个、黄灯3个），按低于序时进度的幅度排列：');
    expect(lines[2]).toBe(
      '2. 云峰镇 云峰工业园标准厂房（项目组长：王芳）：年度计划6,000万元，累计完成3,100万元，占年度计划51.7%，低于序时进度31.7个百分点，红灯。',
    );
    expect(lines).toHaveLength(7);
    expect(lines[6]).toContain('6. 青溪镇 青溪大道延伸段（项目组长：陈伟）');
    expect(part(b, 'lagging').lines.slice(1).map((l) => l.light)).toEqual(['red', 'red', 'red', 'yellow', 'yellow', 'yellow']);
  });

  test('存在问题: each with town, project, 项目组长 and light; formula-looking text stays text', () => {
    const lines = texts(b, 'problems');
    expect(lines[0]).toBe('各乡镇报存在问题6项（其中滞后项目4项），如下：');
    expect(lines[1]).toBe('1. 云峰镇 云峰工业园标准厂房（项目组长：王芳，红灯）：土地指标未落实，需县国土局协调解决。');
    expect(lines[3]).toBe('3. 云峰镇 =HYPERLINK("x")（项目组长：@刘洋）：+需县领导协调资金。');
    expect(lines).toHaveLength(7);
  });

  test('下步: without any plan it says so, and names the lagging projects that owe one', () => {
    expect(texts(b, 'nextWeek')).toEqual(['各乡镇报表均未填下周计划，其中滞后项目6个，请项目组长补报。']);
  });

  test('no week-over-week sentence without last week\'s report', () => {
    expect(allText(b)).not.toMatch(/上周|较上周|转为红灯/);
  });

  test('the chart: ranked towns with their completion and light, the others named', () => {
    expect(b.chart.bars).toEqual([
      { town: '云峰镇', completion: 10350 / 14400, light: 'red', rank: 1 },
      { town: '青溪镇', completion: 9480 / 13500, light: 'red', rank: 2 },
    ]);
    expect(b.chart.omitted).toEqual(['西河镇（报表退回）', '东山乡（未报送）']);
    expect(b.chart.timeProgress).toBeCloseTo(10 / 12, 12);
  });
});

describe('variants', () => {
  test('a town ahead of 序时, a tie, every town reported', () => {
    const r = clone();
    r.towns = r.towns.filter((t) => t.status === 'submitted');
    const t0 = r.towns[0];
    t0.projects = { ...t0.projects!, completion: 0.8657, gap: 3.2367 };
    r.towns[1].rank = 1;
    const b = buildBulletin(r);
    const p = texts(b, 'progress');
    expect(p[0]).toBe('按年度计划完成率排名（序时进度83.3%），2个乡镇中1个达到或超过序时进度，1个低于序时进度：');
    expect(p[1]).toBe('并列第1名 云峰镇：7个项目，累计完成投资10,350万元，占年度计划86.6%，超序时进度3.2个百分点；红灯1个、黄灯1个。');
    expect(p[2]).toMatch(/^并列第1名 青溪镇/);
    expect(texts(b, 'overview').at(-1)).toBe('各乡镇均已报送。');
    expect(b.title).toBe('重点项目推进情况通报');
    expect(b.chart.bars[0].light).toBe('green');
  });

  test('exactly on 序时: 持平', () => {
    const r = clone();
    r.county.projects = { ...r.county.projects, completion: 10 / 12, gap: 0 };
    expect(texts(buildBulletin(r), 'overview')[0]).toContain('占年度计划83.3%，与序时进度持平（序时进度83.3%）。');
  });

  test('no plan anywhere: no rate, no rank, said so', () => {
    const r = clone();
    r.county.projects = { ...r.county.projects, completion: null, gap: null };
    const noPlan: TownResult = {
      ...r.towns[0], town: '北山镇', rank: null, projectList: [],
      projects: { ...r.towns[0].projects!, count: 2, completedYtd: 35, completion: null, gap: null, red: 0, yellow: 0, green: 0 },
    };
    r.towns = [noPlan];
    r.lagging = [];
    r.problems = [];
    const b = buildBulletin(r);
    expect(texts(b, 'overview')[0]).toBe(
      '截至2015年10月31日，全县1个乡镇中1个已报送，纳入汇总的重点项目12个，总投资96,200万元，年度计划投资27,900万元；' +
        '累计完成投资19,830万元，未填年度计划投资，不计完成率。',
    );
    expect(texts(b, 'progress')).toEqual([
      '本期没有可排名的乡镇（均未报送重点项目或均无年度计划）。',
      '北山镇：2个项目均未填年度计划投资，累计完成投资35万元，不排名。',
    ]);
    expect(texts(b, 'lagging')).toEqual(['本期无滞后项目（黄灯、红灯项目）。']);
    expect(texts(b, 'problems')).toEqual(['本期各乡镇未报需协调解决的问题。']);
    expect(b.chart.bars).toEqual([]);
    expect(b.chart.omitted).toEqual(['北山镇（无年度计划）']);
  });

  test('completion of the county counts only planned projects: said when unplanned spending exists', () => {
    const r = clone();
    r.towns[0].projectList[4] = { ...r.towns[0].projectList[4], completedYtd: 200 };
    expect(texts(buildBulletin(r), 'overview')[0]).toContain('（序时进度83.3%；完成率只计有年度计划的项目）。');
  });
});

describe('week over week (the fields the targets engineer fills)', () => {
  const r = clone();
  r.weekOverWeek = { previousAsOf: '2015-10-24', droppedTowns: ['东山乡'], completedYtdDelta: null };
  r.towns[0].change = {
    previousReportDate: '2015-10-24', completedYtdBefore: 10050, completedYtdDelta: 300, rankBefore: 2, rankChange: 1,
    turnedRed: ['云峰工业园标准厂房'],
  };
  r.towns[1].change = {
    previousReportDate: '2015-10-24', completedYtdBefore: 9000, completedYtdDelta: 480, rankBefore: 1, rankChange: -1, turnedRed: [],
  };
  const factory = r.towns[0].projectList.find((p) => p.name === '云峰工业园标准厂房')!;
  factory.change = { completedYtdBefore: 3000, completedYtdDelta: 100, lightBefore: 'yellow', turnedRed: true };
  const b = buildBulletin(r);

  test('概况 says what changed since last week and who dropped out', () => {
    const o = texts(b, 'overview');
    expect(o).toContain('与上周（2015年10月24日）相比，2个已报送乡镇累计完成投资合计增加780万元；新转为红灯的项目1个。');
    expect(o).toContain('上周报送而本周未报送：东山乡。');
  });

  test('进展 gives each town its change and rank change', () => {
    const p = texts(b, 'progress');
    expect(p[1]).toBe(
      '第1名 云峰镇：7个项目，累计完成投资10,350万元，占年度计划71.9%，低于序时进度11.5个百分点；红灯1个、黄灯1个；累计完成较上周增加300万元，排名上升1位。',
    );
    expect(p[2]).toMatch(/；累计完成较上周增加480万元，排名下降1位。$/);
  });

  test('滞后项目 marks the project that turned red and lists those that did', () => {
    const l = texts(b, 'lagging');
    expect(l[2]).toBe(
      '2. 云峰镇 云峰工业园标准厂房（项目组长：王芳）：年度计划6,000万元，累计完成3,100万元，占年度计划51.7%，低于序时进度31.7个百分点，红灯；累计完成较上周增加100万元，本周转为红灯。',
    );
    expect(l.at(-1)).toBe('本周新转为红灯的项目：云峰镇 云峰工业园标准厂房（全部见「滞后项目」表）。');
  });

  test('a town without last week\'s figures, a town that was not ranked, no change at all', () => {
    const r2 = structuredClone(r);
    r2.towns[0].change = null;
    r2.towns[1].change = { ...r2.towns[1].change!, completedYtdDelta: 0, rankBefore: null, rankChange: null };
    r2.weekOverWeek = { previousAsOf: '2015-10-24', droppedTowns: [], completedYtdDelta: null };
    const b2 = buildBulletin(r2);
    const p = texts(b2, 'progress');
    expect(p[1]).toMatch(/；上周无可比数据。$/);
    expect(p[2]).toMatch(/；累计完成较上周无变化，上周未排名。$/);
    expect(texts(b2, 'overview')).toContain('与上周（2015年10月24日）相比，上周也报送的1个乡镇累计完成投资合计无变化；无新转为红灯的项目。');
    expect(texts(b2, 'lagging').at(-1)).toBe('本周无新转为红灯的项目。');
    expect(allText(b2)).not.toContain('本周未报送');
  });
});

describe('long lists are cut for print, never silently', () => {
  test('lagging: the first N named, the rest counted by light and pointed to their sheet', () => {
    const b = buildBulletin(fixture, { maxLagging: 2 });
    const lines = part(b, 'lagging').lines;
    expect(lines.filter((l) => l.kind === 'item')).toHaveLength(2);
    expect(lines[0].text).toBe('全县滞后项目6个（红灯3个、黄灯3个），按低于序时进度的幅度排列，前2个如下：');
    expect(lines.at(-1)).toEqual({ kind: 'more', text: '另有4个滞后项目（红灯1个、黄灯3个）未列出，见「滞后项目」表。' });
  });

  test('every lagging project is either named or counted', () => {
    for (const max of [1, 3, 6, 10]) {
      const lines = part(buildBulletin(fixture, { maxLagging: max }), 'lagging').lines;
      const named = lines.filter((l) => l.kind === 'item').length;
      const more = Number(/另有(\d+)个/.exec(lines.find((l) => l.kind === 'more')?.text ?? '')?.[1] ?? 0);
      expect(named + more).toBe(fixture.lagging.length);
    }
  });

  test('problems: the first N, long texts cut with 「…」, both said', () => {
    const b = buildBulletin(fixture, { maxProblems: 2, maxText: 10 });
    const lines = texts(b, 'problems');
    expect(lines[0]).toBe('各乡镇报存在问题6项（其中滞后项目4项），滞后项目优先，前2项如下：');
    expect(lines[1]).toBe('1. 云峰镇 云峰工业园标准厂房（项目组长：王芳，红灯）：土地指标未落实，需县…。');
    expect(lines[2]).toBe('2. 云峰镇 农贸市场迁建（项目组长：张建国）：选址尚未确定。');
    expect(lines[3]).toBe('另有4项问题未列出，1项问题较长已节略，全文见「存在问题」表。');
  });

  test('下步: lagging projects\' plans first, those without a plan named, the rest pointed to 项目明细', () => {
    const r = clone();
    const qx = r.towns[1].projectList;
    qx.find((p) => p.name === '青溪文化中心')!.nextWeekPlan = '完成基础施工并验收';
    r.towns[0].projectList.find((p) => p.name === '污水管网二期')!.nextWeekPlan = '管网闭水试验';
    const lines = texts(buildBulletin(r, { maxNames: 2 }), 'nextWeek');
    expect(lines).toEqual([
      '滞后项目下周计划：',
      '1. 青溪镇 青溪文化中心（项目组长：周敏）：完成基础施工并验收。',
      '5个滞后项目未填下周计划：云峰镇 云峰工业园标准厂房、青溪镇 安置小区一期等5个，请项目组长补报。',
      '其他项目的下周计划1项见「项目明细」表「下周计划」列。',
    ]);
  });

  test('a lagging project is found by its source whether it holds its project\'s own source object or an equal copy', () => {
    const r = clone();
    r.towns[1].projectList.find((p) => p.name === '青溪文化中心')!.nextWeekPlan = '完成基础施工并验收';
    // a plan of white space only (a full-width space among them) is no plan
    r.towns[0].projectList.find((p) => p.name === '云峰工业园标准厂房')!.nextWeekPlan = ' \u3000\n';
    const factory = r.towns[0].projectList.find((p) => p.name === '云峰工业园标准厂房')!;
    factory.change = { completedYtdBefore: 3000, completedYtdDelta: 100, lightBefore: 'yellow', turnedRed: true };
    expect(r.lagging.every((l) => r.towns.some((t) => t.projectList.some((p) => p.source === l.source)))).toBe(true);
    // the same result with every lagging project's source an equal object (a result read back or put together elsewhere)
    const copies = { ...r, lagging: r.lagging.map((l) => ({ ...l, source: { ...l.source } })) };
    const own = buildBulletin(r, { maxNames: 2 });
    expect(buildBulletin(copies, { maxNames: 2 })).toEqual(own);
    expect(texts(own, 'lagging')).toContain(
      '2. 云峰镇 云峰工业园标准厂房（项目组长：王芳）：年度计划6,000万元，累计完成3,100万元，占年度计划51.7%，低于序时进度31.7个百分点，红灯；累计完成较上周增加100万元，本周转为红灯。',
    );
    expect(texts(own, 'nextWeek').slice(0, 3)).toEqual([
      '滞后项目下周计划：',
      '1. 青溪镇 青溪文化中心（项目组长：周敏）：完成基础施工并验收。',
      '5个滞后项目未填下周计划：云峰镇 云峰工业园标准厂房、青溪镇 安置小区一期等5个，请项目组长补报。',
    ]);
  });
});

describe('chart SVG', () => {
  test('one bar per ranked town, the 序时进度 line, names escaped, height growing with the towns', () => {
    const b = buildBulletin(fixture);
    const { svg, width, height } = bulletinChartSvg(b.chart);
    expect(width).toBe(1000);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('>云峰镇</text>');
    expect(svg).toContain('>青溪镇</text>');
    expect(svg).toContain('>71.9%</text>');
    expect(svg).toContain('>序时进度83.3%</text>');
    expect(svg).toContain('未列入图中：西河镇（报表退回）、东山乡（未报送）');
    expect((svg.match(/<rect [^>]*fill="#E00000"/g) ?? []).length).toBe(3); // two bars and the legend

    const many = structuredClone(b.chart);
    many.bars = Array.from({ length: 27 }, (_, i) => ({ town: i === 0 ? 'A&B<镇>' : `镇${i}`, completion: i / 20, light: 'green' as const, rank: i + 1 }));
    const big = bulletinChartSvg(many);
    expect(big.height).toBeGreaterThan(height + 20 * 25);
    expect(big.svg).toContain('>A&amp;B&lt;镇&gt;</text>');
    expect(big.svg).not.toContain('A&B<');
    // completion over 100% widens the axis (here to 140%, in steps of 20%)
    many.bars[26].completion = 1.35;
    expect(bulletinChartSvg(many).svg).toContain('>140%</text>');
  });
});

describe('chart of a big county', () => {
  const b = buildBulletin(fixture);
  const bars = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ town: `乡镇${i + 1}号`, completion: 1 - i / (2 * n), light: 'green' as const, rank: i + 1 }));

  test(`up to ${CHART_MAX_BARS} ranked towns: every one drawn, no caption`, () => {
    const chart = { ...b.chart, bars: bars(CHART_MAX_BARS), omitted: [] };
    const { svg } = bulletinChartSvg(chart);
    for (let i = 1; i <= CHART_MAX_BARS; i++) expect(svg).toContain(`>乡镇${i}号</text>`);
    expect(svg).not.toContain('从略');
  });

  test('1,300 ranked towns: the best and worst 15 drawn, the rest counted, a caption naming the sheet; size bounded', () => {
    const chart = { ...b.chart, bars: bars(1300), omitted: Array.from({ length: 200 }, (_, i) => `未报${i + 1}镇（未报送）`) };
    const { svg, height } = bulletinChartSvg(chart);
    const drawn = [...svg.matchAll(/>乡镇(\d+)号<\/text>/g)].map((m) => Number(m[1]));
    expect(drawn).toEqual([...Array.from({ length: CHART_END_BARS }, (_, i) => i + 1), ...Array.from({ length: CHART_END_BARS }, (_, i) => 1300 - CHART_END_BARS + 1 + i)]);
    expect(svg).toContain('中间1270个乡镇从略（见「汇总概览」表）');
    expect(svg).toContain('>注：全县1300个乡镇参加排名，图中只列出前15名和后15名，全部乡镇的完成率和排名见「汇总概览」表。</text>');
    // the towns left out of the chart are counted past 20
    expect(svg).toContain('未报20镇（未报送）等200个乡镇（全部见「汇总概览」表）');
    expect(svg).not.toContain('未报21镇');
    expect(height).toBeLessThan(1500);
    // a name too long for the label column is cut
    chart.bars[0].town = '很长的乡镇名称'.repeat(10);
    expect(bulletinChartSvg(chart).svg).toContain('>很长的乡镇名称很长的乡…</text>');
  });
});

test('a province: part 二 names the best and worst 15 towns, counts those between and points to 汇总概览', () => {
  const r = clone();
  const model = r.towns.find((t) => t.rank !== null && t.projects && t.projects.completion !== null)!;
  const many = (n: number) => Array.from({ length: n }, (_, i) => ({ ...structuredClone(model), town: `乡镇${i + 1}号`, rank: i + 1 }));
  const named = (lines: string[]) => lines.flatMap((l) => [...l.matchAll(/第\d+名 乡镇(\d+)号/g)].map((m) => Number(m[1])));
  r.towns = many(100);
  const lines = texts(buildBulletin(r), 'progress');
  expect(named(lines)).toEqual([...Array.from({ length: 15 }, (_, i) => i + 1), ...Array.from({ length: 15 }, (_, i) => 86 + i)]);
  expect(lines).toContain('（第16名至第85名共70个乡镇从略，全部乡镇的完成率、排名和较上周变化见「汇总概览」表。）');
  // up to the chart's limit every town is named, nothing is said to be left out
  r.towns = many(CHART_MAX_BARS);
  const all = texts(buildBulletin(r), 'progress');
  expect(named(all)).toEqual(Array.from({ length: CHART_MAX_BARS }, (_, i) => i + 1));
  expect(all.join('')).not.toContain('从略');
});

test('a pasted-in name longer than a line is cut in the sentence (the sheets keep it whole)', () => {
  const r = clone();
  const long = '很长的项目名称'.repeat(40);
  r.lagging[0] = { ...r.lagging[0], project: long, leader: '张三'.repeat(30) };
  const line = texts(buildBulletin(r), 'lagging')[1];
  expect(line.startsWith(`1. 青溪镇 ${long.slice(0, 60)}…（项目组长：${'张三'.repeat(10)}…）：年度计划2,000万元`)).toBe(true);
  expect([...line].length).toBeLessThan(200);
});
