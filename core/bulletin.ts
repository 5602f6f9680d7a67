/**
 * The weekly bulletin (通报) as county leaders read it: a ConsolidationResult → five parts of print-ready sentences
 * (概况 → 进展 → 滞后项目 → 存在问题 → 下步) and the data of its chart. Pure: every figure comes from the result; this
 * module only words it. The summary workbook's 通报 sheet, its PDF and the add-in render what this returns.
 *
 * Wording rules: amounts in 万元 as fmtAmount writes them, completion as fmtPercent (one decimal), gaps in 个百分点
 * with one decimal (「超序时进度3.2个百分点」/「低于序时进度3.2个百分点」, 「与序时进度持平」 when equal, 「不足0.1个百分点」
 * when a non-zero gap rounds to 0.0). Long lists are cut at a bound and say how many more there are and on which sheet.
 */
import { lightOfGap } from './consolidate';
import { parseIso } from './dates';
import { LIGHT_LABEL, SUMMARY_SHEET, SUMMARY_SHEET_REF } from './labels';
import { fmtAmount, fmtPercent } from './messages';
import { round, sumAmounts } from './numbers';
import type { ConsolidationResult, HistoryResult, LaggingProject, Light, ProjectRecord, Source, SupervisionItem, TownResult } from './types';

export type BulletinPartKey = 'overview' | 'progress' | 'lagging' | 'problems' | 'nextWeek';

export interface BulletinLine {
  /** para: a sentence or paragraph; item: one entry of a list; more: how many entries were left out and where they are. */
  kind: 'para' | 'item' | 'more';
  text: string;
  /** The light of the project or town the line is about, when it has one. */
  light?: Light;
}

export interface BulletinPart {
  key: BulletinPartKey;
  /** 「一、总体情况」 */
  heading: string;
  lines: BulletinLine[];
}

export interface BulletinChartBar {
  town: string;
  completion: number;
  light: Light;
  rank: number | null;
}

export interface BulletinChart {
  /** 「各乡镇重点项目投资完成率与序时进度（截至2015年10月31日）」 */
  title: string;
  timeProgress: number;
  /** Yellow down to this many points below 序时进度 (for the legend). */
  yellowBelow: number;
  /** Ranked towns, best first. */
  bars: BulletinChartBar[];
  /** Towns not in the chart, with why: 「东山乡（未报送）」. */
  omitted: string[];
}

export interface Bulletin {
  /** 「青川县重点项目推进情况通报」 */
  title: string;
  /** 「（截至2015年10月31日，序时进度83.3%）」 */
  subtitle: string;
  /** 「2015年10月31日」 (or the ISO text when it is not a date). */
  dateText: string;
  parts: BulletinPart[];
  chart: BulletinChart;
}

export interface BulletinOptions {
  /** County name starting the title, e.g. 「青川县」. */
  county?: string;
  /** Lagging projects named in part 三 (default 10); the rest are counted and pointed to the 滞后项目 sheet. */
  maxLagging?: number;
  /** Problems quoted in part 四 (default 10). */
  maxProblems?: number;
  /** Next week's plans quoted in part 五 (default 10). */
  maxPlans?: number;
  /** A quoted problem or plan longer than this is cut with 「…」 (default 100 characters). */
  maxText?: number;
  /** Projects named in one sentence (turned red, without a plan) before 「等N个」 (default 10). */
  maxNames?: number;
}

export const BULLETIN_HEADINGS: Record<BulletinPartKey, string> = {
  overview: '一、总体情况',
  progress: '二、各乡镇推进情况',
  lagging: '三、滞后项目',
  problems: '四、存在问题及需县领导协调事项',
  nextWeek: '五、下步工作',
};

// ---------------------------------------------------------------------------------------------------------------
// Phrases

/** 「2015年10月31日」 */
export function dateCnText(iso: string): string {
  const p = parseIso(iso.trim());
  return p ? `${p.y}年${p.m}月${p.d}日` : iso;
}

/** Percentage points with one decimal, never 「0.0」 for a gap that is not zero. */
function points(gap: number): string {
  const a = Math.abs(gap);
  const s = a.toFixed(1);
  return s === '0.0' ? '不足0.1个百分点' : `${s}个百分点`;
}

/** 「超序时进度3.2个百分点」 / 「低于序时进度3.2个百分点」 / 「与序时进度持平」; '' when there is no gap. */
export function gapPhrase(gap: number | null): string {
  if (gap === null || !Number.isFinite(gap)) return '';
  if (Math.abs(gap) < 1e-9) return '与序时进度持平';
  return gap > 0 ? `超序时进度${points(gap)}` : `低于序时进度${points(gap)}`;
}

/** 「累计完成投资X万元，占年度计划Y%，超序时进度Z个百分点」; without a plan only the amount and why there is no rate. */
export function completionSentence(completedYtd: number, completion: number | null, gap: number | null): string {
  const done = `累计完成投资${fmtAmount(completedYtd)}万元`;
  if (completion === null || !Number.isFinite(completion)) return `${done}，未填年度计划投资，不计完成率`;
  const g = gapPhrase(gap);
  return `${done}，占年度计划${fmtPercent(completion)}${g ? `，${g}` : ''}`;
}

/** 「增加X万元」 / 「减少X万元」 / 「无变化」 */
function deltaPhrase(delta: number): string {
  if (Math.abs(delta) < 5e-5) return '无变化';
  return delta > 0 ? `增加${fmtAmount(delta)}万元` : `减少${fmtAmount(-delta)}万元`;
}

/** 「排名上升2位」 / 「排名下降1位」 / 「排名不变」 / 「上周未排名」 */
function rankChangePhrase(rankBefore: number | null, rankChange: number | null): string {
  if (rankBefore === null || rankChange === null) return '上周未排名';
  if (rankChange === 0) return '排名不变';
  return rankChange > 0 ? `排名上升${rankChange}位` : `排名下降${-rankChange}位`;
}

function lightCounts(red: number, yellow: number): string {
  const parts: string[] = [];
  if (red) parts.push(`红灯${red}个`);
  if (yellow) parts.push(`黄灯${yellow}个`);
  return parts.length ? parts.join('、') : '无滞后项目';
}

/** Cuts a quoted text at `max` characters (by code point) and says so. */
function quote(s: string, max: number): { text: string; cut: boolean } {
  const t = s.replace(/\s*[\r\n]+\s*/g, '；').trim();
  const chars = [...t];
  if (chars.length <= max) return { text: t, cut: false };
  return { text: `${chars.slice(0, max).join('')}…`, cut: true };
}

/** Ends a sentence with 「。」 unless it already ends with a full stop, 「！」 or 「？」. */
function stop(s: string): string {
  return /[。！？!?]$/.test(s) ? s : `${s.replace(/[；;，,、\s]+$/, '')}。`;
}

/** At most this many submitted towns that are not ranked are described one by one in part 二. */
const UNRANKED_MAX = 10;

/**
 * 「A、B、C等N个」: the first `max` names, and how many there are in all when that is more (`total`, the list's length
 * by default).
 */
function names(list: string[], max: number, unit = '个', total = list.length): string {
  if (total <= max) return list.join('、');
  return `${list.slice(0, max).join('、')}等${total}${unit}`;
}

function sourceKey(s: Source): string {
  return `${s.file}\u0000${s.sheet}\u0000${s.row}`;
}

/**
 * Each project record by its source. The lagging list's sources are its projects' own objects (core/consolidate.ts),
 * found by identity; a source that is only equal (a result put together elsewhere) by its file, sheet and row, the
 * last such record as before (that index is made on the first such lookup only: a province has ~100k projects).
 */
function recordsBySource(towns: readonly TownResult[]): (s: Source) => ProjectRecord | undefined {
  const own = new Map<Source, ProjectRecord>();
  for (const t of towns) for (const p of t.projectList) own.set(p.source, p);
  let byKey: Map<string, ProjectRecord> | null = null;
  return (s) => {
    const mine = own.get(s);
    if (mine) return mine;
    if (!byKey) {
      byKey = new Map();
      for (const t of towns) for (const p of t.projectList) byKey.set(sourceKey(p.source), p);
    }
    return byKey.get(sourceKey(s));
  };
}

/** Whether a text has more than white space in it (s.trim() !== '', without the copy). */
const NOT_BLANK = /\S/;

function leaderText(leader: string | null): string {
  return leader && leader.trim() ? `项目组长：${quote(leader, 20).text}` : '项目组长未填';
}

/** A project's name in a sentence: a name longer than a line (a paste gone wrong) is cut; the sheets keep it whole. */
function nameText(name: string): string {
  return quote(name, 60).text;
}

// ---------------------------------------------------------------------------------------------------------------

/**
 * The bulletin of a consolidation: its five parts, each built by its own function below from one shared view of the
 * result (BulletinContext), and the data of its chart.
 */
export function buildBulletin(result: ConsolidationResult, opts: BulletinOptions = {}): Bulletin {
  const cx = bulletinContext(result, opts);
  return {
    title: `${cx.county}重点项目推进情况通报`,
    subtitle: `（截至${cx.dateText}，${cx.tp}）`,
    dateText: cx.dateText,
    parts: [
      { key: 'overview', heading: BULLETIN_HEADINGS.overview, lines: overviewPart(cx) },
      { key: 'progress', heading: BULLETIN_HEADINGS.progress, lines: progressPart(cx) },
      { key: 'lagging', heading: BULLETIN_HEADINGS.lagging, lines: laggingPart(cx) },
      { key: 'problems', heading: BULLETIN_HEADINGS.problems, lines: problemsPart(cx) },
      { key: 'nextWeek', heading: BULLETIN_HEADINGS.nextWeek, lines: nextWeekPart(cx) },
    ],
    chart: chartOf(cx),
  };
}

/** What every part reads: the result, the options with their defaults, the towns sorted and grouped once. */
interface BulletinContext {
  result: ConsolidationResult;
  maxLagging: number;
  maxProblems: number;
  maxPlans: number;
  maxText: number;
  maxNames: number;
  county: string;
  /** 「2015年10月31日」 */
  dateText: string;
  /** 「序时进度83.3%」 */
  tp: string;
  /** Ranked towns by rank, then the others in the result's order. */
  towns: TownResult[];
  submitted: TownResult[];
  missing: string[];
  rejected: string[];
  /** Each project record by its source (file, sheet, row). */
  recordOf: (s: Source) => ProjectRecord | undefined;
  wow: ConsolidationResult['weekOverWeek'] | null;
  /** The towns with a completion rate and a rank, best first (part 二 and the chart). */
  ranked: TownResult[];
  isRanked: Set<TownResult>;
}

function bulletinContext(result: ConsolidationResult, opts: BulletinOptions): BulletinContext {
  const maxLagging = Math.max(1, opts.maxLagging ?? 10);
  const maxProblems = Math.max(1, opts.maxProblems ?? 10);
  const maxPlans = Math.max(1, opts.maxPlans ?? 10);
  const maxText = Math.max(10, opts.maxText ?? 100);
  const maxNames = Math.max(1, opts.maxNames ?? 10);
  const county = opts.county ?? '';
  const dateText = dateCnText(result.asOf);
  const tpText = Number.isFinite(result.timeProgress) ? fmtPercent(result.timeProgress) : '—';
  const tp = `序时进度${tpText}`;

  // Ranked towns by rank, then the others in the result's order.
  const towns = [...result.towns].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || 0);
  const submitted = towns.filter((t) => t.status === 'submitted');
  const missing = towns.filter((t) => t.status === 'missing').map((t) => t.town);
  const rejected = towns.filter((t) => t.status === 'rejected').map((t) => t.town);
  const recordOf = recordsBySource(towns);
  const wow = result.weekOverWeek ?? null;
  const ranked = towns.filter((t) => t.rank !== null && t.projects && t.projects.completion !== null);
  const isRanked = new Set(ranked);
  return { result, maxLagging, maxProblems, maxPlans, maxText, maxNames, county, dateText, tp, towns, submitted, missing, rejected, recordOf, wow, ranked, isRanked };
}

/** 一、总体情况: reporting, the county's figures and lights, the change since last week, who did not report. */
function overviewPart({ result, towns, submitted, missing, rejected, wow, dateText, tp }: BulletinContext): BulletinLine[] {
  const overview: BulletinLine[] = [];
  const c = result.county.projects;
  const noPlanSpent = towns.some((t) => t.projectList.some((p) => !(p.annualPlan && p.annualPlan > 0) && (p.completedYtd ?? 0) > 0));
  overview.push({
    kind: 'para',
    text: stop(
      `截至${dateText}，全县${towns.length}个乡镇中${submitted.length}个已报送，纳入汇总的重点项目${c.count}个，` +
        `总投资${fmtAmount(c.totalInvestment)}万元，年度计划投资${fmtAmount(c.annualPlan)}万元；` +
        `${completionSentence(c.completedYtd, c.completion, c.gap)}` +
        `${c.completion !== null ? `（${tp}${noPlanSpent ? '；完成率只计有年度计划的项目' : ''}）` : ''}`,
    ),
  });
  const unlit = c.count - c.red - c.yellow - c.green;
  if (c.count > 0) {
    overview.push({
      kind: 'para',
      text: stop(
        `按序时进度亮灯：红灯项目${c.red}个、黄灯项目${c.yellow}个、绿灯项目${c.green}个` +
          `${unlit ? `，${unlit}个项目无年度计划不亮灯` : ''}` +
          `（黄灯为低于序时进度${fmtThreshold(result.thresholds.yellowBelow)}个百分点以内，红灯为低于${fmtThreshold(result.thresholds.yellowBelow)}个百分点以上）`,
      ),
    });
  }
  if (wow) {
    const changed = submitted.filter((t) => t.change && t.change.completedYtdDelta !== null);
    const turned = turnedRedNames(towns);
    const bits: string[] = [];
    if (changed.length) {
      const delta = sumAmounts(changed.map((t) => t.change!.completedYtdDelta));
      bits.push(`${changed.length === submitted.length ? `${changed.length}个已报送乡镇` : `上周也报送的${changed.length}个乡镇`}累计完成投资合计${deltaPhrase(delta)}`);
    } else {
      bits.push('本周已报送的乡镇上周均无可比数据');
    }
    bits.push(turned.length ? `新转为红灯的项目${turned.length}个` : '无新转为红灯的项目');
    overview.push({ kind: 'para', text: stop(`与上周（${dateCnText(wow.previousAsOf)}）相比，${bits.join('；')}`) });
    if (wow.droppedTowns.length) {
      overview.push({ kind: 'para', text: stop(`上周报送而本周未报送：${wow.droppedTowns.join('、')}`) });
    }
  }
  if (missing.length || rejected.length) {
    const bits: string[] = [];
    if (missing.length) bits.push(`未报送${missing.length}个：${missing.join('、')}（请催报）`);
    if (rejected.length) bits.push(`报表退回需重报${rejected.length}个：${rejected.join('、')}（原因见${SUMMARY_SHEET_REF.submissions}）`);
    overview.push({ kind: 'para', text: stop(bits.join('；')) });
  } else if (towns.length) {
    overview.push({ kind: 'para', text: '各乡镇均已报送。' });
  }
  return overview;
}

/** 二、各乡镇推进情况: the ranked towns with their figures and changes, then the towns not ranked and why. */
function progressPart({ result, submitted, missing, rejected, wow, tp, ranked, isRanked }: BulletinContext): BulletinLine[] {
  const progress: BulletinLine[] = [];
  if (ranked.length) {
    const ahead = ranked.filter((t) => (t.projects!.gap ?? 0) >= -1e-9).length;
    const split =
      ahead === ranked.length ? `${ranked.length}个乡镇均达到或超过序时进度`
        : ahead === 0 ? `${ranked.length}个乡镇均低于序时进度`
        : `${ranked.length}个乡镇中${ahead}个达到或超过序时进度，${ranked.length - ahead}个低于序时进度`;
    progress.push({ kind: 'para', text: `按年度计划完成率排名（${tp}），${split}：` });
  } else {
    progress.push({ kind: 'para', text: '本期没有可排名的乡镇（均未报送重点项目或均无年度计划）。' });
  }
  const rankCount = new Map<number | null, number>();
  for (const t of ranked) rankCount.set(t.rank, (rankCount.get(t.rank) ?? 0) + 1);
  // a province's bulletin cannot list every town: over CHART_MAX_BARS ranked towns, the best and the worst
  // CHART_END_BARS (the same towns as the chart), and a line saying how many are left out and where they all are
  const listed = ranked.length > CHART_MAX_BARS ? new Set([...ranked.slice(0, CHART_END_BARS), ...ranked.slice(-CHART_END_BARS)]) : isRanked;
  for (const [i, t] of ranked.entries()) {
    if (!listed.has(t)) {
      if (i === CHART_END_BARS) {
        progress.push({ kind: 'para', text: `（第${CHART_END_BARS + 1}名至第${ranked.length - CHART_END_BARS}名共${ranked.length - 2 * CHART_END_BARS}个乡镇从略，全部乡镇的完成率、排名和较上周变化见「${SUMMARY_SHEET.overview}」表。）` });
      }
      continue;
    }
    const p = t.projects!;
    const tied = (rankCount.get(t.rank) ?? 0) > 1;
    let text = `${tied ? '并列' : ''}第${t.rank}名 ${t.town}：${p.count}个项目，${completionSentence(p.completedYtd, p.completion, p.gap)}；${lightCounts(p.red, p.yellow)}`;
    if (t.change) {
      const ch: string[] = [];
      if (t.change.completedYtdDelta !== null) ch.push(`累计完成较上周${deltaPhrase(t.change.completedYtdDelta)}`);
      ch.push(rankChangePhrase(t.change.rankBefore, t.change.rankChange));
      text += `；${ch.join('，')}`;
    } else if (wow) {
      text += '；上周无可比数据';
    }
    progress.push({ kind: 'item', text: stop(text), light: lightOfGap(p.gap, result.thresholds.yellowBelow) });
  }
  const notRanked = submitted.filter((t) => !isRanked.has(t));
  for (const [i, t] of notRanked.entries()) {
    if (i === UNRANKED_MAX && notRanked.length > UNRANKED_MAX + 1) {
      progress.push({ kind: 'para', text: `（另有${notRanked.length - UNRANKED_MAX}个已报送的乡镇未排名，见「${SUMMARY_SHEET.overview}」表。）` });
      break;
    }
    if (!t.projects) progress.push({ kind: 'item', text: `${t.town}：只报送了主要指标，未报送重点项目表，不排名。` });
    else if (t.projects.count === 0) progress.push({ kind: 'item', text: `${t.town}：重点项目表中没有项目，不排名。` });
    else {
      progress.push({
        kind: 'item',
        text: `${t.town}：${t.projects.count}个项目均未填年度计划投资，${stop(`累计完成投资${fmtAmount(t.projects.completedYtd)}万元，不排名`)}`,
      });
    }
  }
  const unranked = [...missing.map((n) => `${n}（未报送）`), ...rejected.map((n) => `${n}（报表退回）`)];
  if (unranked.length) {
    const more = unranked.length > UNRANKED_MAX * 2 ? `（全部见${SUMMARY_SHEET_REF.submissions}）` : '';
    progress.push({ kind: 'para', text: stop(`未参加排名：${names(unranked, UNRANKED_MAX * 2)}${more}`) });
  }
  return progress;
}

/** 三、滞后项目: the lagging projects, worst first, and the projects turned red this week. */
function laggingPart({ result, towns, recordOf, wow, maxLagging, maxNames }: BulletinContext): BulletinLine[] {
  const lagging: BulletinLine[] = [];
  const lag = result.lagging;
  const turned = wow ? turnedRedNames(towns) : [];
  if (lag.length === 0) {
    lagging.push({ kind: 'para', text: '本期无滞后项目（黄灯、红灯项目）。' });
  } else {
    const red = lag.filter((l) => l.light === 'red').length;
    lagging.push({
      kind: 'para',
      text: `全县滞后项目${lag.length}个（红灯${red}个、黄灯${lag.length - red}个），按低于序时进度的幅度排列${lag.length > maxLagging ? `，前${maxLagging}个如下` : ''}：`,
    });
    lag.slice(0, maxLagging).forEach((l, i) => {
      const rec = recordOf(l.source);
      lagging.push({ kind: 'item', text: laggingText(i + 1, l, rec), light: l.light });
    });
    if (lag.length > maxLagging) {
      const rest = lag.slice(maxLagging);
      const restRed = rest.filter((l) => l.light === 'red').length;
      lagging.push({
        kind: 'more',
        text: `另有${rest.length}个滞后项目（红灯${restRed}个、黄灯${rest.length - restRed}个）未列出，见${SUMMARY_SHEET_REF.lagging}。`,
      });
    }
  }
  if (wow) {
    lagging.push({
      kind: 'para',
      text: turned.length ? stop(`本周新转为红灯的项目：${names(turned, maxNames)}（全部见${SUMMARY_SHEET_REF.lagging}）`) : '本周无新转为红灯的项目。',
    });
  }
  const hist = result.history ?? null;
  if (hist) lagging.push(...historyLines(hist, maxNames));
  return lagging;
}

/** 四、存在问题及需县领导协调事项: the problems the towns reported, the lagging projects' first. */
function problemsPart({ result, maxProblems, maxText }: BulletinContext): BulletinLine[] {
  const problems: BulletinLine[] = [];
  const probs = result.problems;
  if (probs.length === 0) {
    problems.push({ kind: 'para', text: '本期各乡镇未报需协调解决的问题。' });
  } else {
    const onLagging = probs.filter((p) => p.light === 'red' || p.light === 'yellow').length;
    problems.push({
      kind: 'para',
      text: `各乡镇报存在问题${probs.length}项（其中滞后项目${onLagging}项），${probs.length > maxProblems ? `滞后项目优先，前${maxProblems}项如下` : '如下'}：`,
    });
    let cut = 0;
    probs.slice(0, maxProblems).forEach((p, i) => {
      const q = quote(p.problems, maxText);
      if (q.cut) cut++;
      const light = p.light === 'red' || p.light === 'yellow' ? `，${LIGHT_LABEL[p.light]}` : '';
      problems.push({ kind: 'item', text: `${i + 1}. ${p.town} ${nameText(p.project)}（${leaderText(p.leader)}${light}）：${stop(q.text)}`, light: p.light });
    });
    const more: string[] = [];
    if (probs.length > maxProblems) more.push(`另有${probs.length - maxProblems}项问题未列出`);
    if (cut) more.push(`${cut}项问题较长已节略`);
    if (more.length) problems.push({ kind: 'more', text: stop(`${more.join('，')}，全文见${SUMMARY_SHEET_REF.problems}`) });
  }
  return problems;
}

/** 五、下步工作: the lagging projects' plans for next week, and those that gave none. */
function nextWeekPart({ result, towns, recordOf, maxPlans, maxText, maxNames }: BulletinContext): BulletinLine[] {
  const lag = result.lagging;
  const nextWeek: BulletinLine[] = [];
  const withPlan = (p: ProjectRecord | undefined) => !!p && !!p.nextWeekPlan && NOT_BLANK.test(p.nextWeekPlan);
  let allPlans = 0;
  for (const t of towns) for (const p of t.projectList) if (withPlan(p)) allPlans++;
  const lagRecords = lag.map((l) => ({ l, p: recordOf(l.source) }));
  const lagPlanned = lagRecords.filter((x) => withPlan(x.p));
  const lagUnplanned = lagRecords.filter((x) => !withPlan(x.p));
  if (allPlans === 0) {
    nextWeek.push({
      kind: 'para',
      text: lag.length ? `各乡镇报表均未填下周计划，其中滞后项目${lag.length}个，请项目组长补报。` : '各乡镇报表均未填下周计划。',
    });
  }
  if (lag.length && lagPlanned.length) {
    nextWeek.push({
      kind: 'para',
      text: `滞后项目下周计划${lagPlanned.length > maxPlans ? `（前${maxPlans}个）` : ''}：`,
    });
    let cut = 0;
    lagPlanned.slice(0, maxPlans).forEach(({ l, p }, i) => {
      const q = quote(p!.nextWeekPlan!, maxText);
      if (q.cut) cut++;
      nextWeek.push({ kind: 'item', text: `${i + 1}. ${l.town} ${nameText(l.project)}（${leaderText(l.leader)}）：${stop(q.text)}`, light: l.light });
    });
    const more: string[] = [];
    if (lagPlanned.length > maxPlans) more.push(`另有${lagPlanned.length - maxPlans}个滞后项目的下周计划未列出`);
    if (cut) more.push(`${cut}项较长已节略`);
    if (more.length) nextWeek.push({ kind: 'more', text: stop(`${more.join('，')}，见${SUMMARY_SHEET_REF.plans}`) });
  }
  if (allPlans && lagUnplanned.length) {
    const named = lagUnplanned.slice(0, maxNames).map(({ l }) => `${l.town} ${nameText(l.project)}`);
    nextWeek.push({
      kind: 'para',
      text: stop(`${lagUnplanned.length}个滞后项目未填下周计划：${names(named, maxNames, '个', lagUnplanned.length)}，请项目组长补报`),
    });
  }
  const others = allPlans - lagPlanned.length;
  if (others > 0) {
    nextWeek.push({
      kind: 'more',
      text: `${lag.length ? '其他' : '各'}项目的下周计划${others}项见${SUMMARY_SHEET_REF.plans}。`,
    });
  }
  return nextWeek;
}

/** The chart's data: the ranked towns' completion rates and lights, and the towns left out with why. */
function chartOf({ result, towns, ranked, isRanked, dateText }: BulletinContext): BulletinChart {
  const bars: BulletinChartBar[] = ranked.map((t) => ({
    town: t.town,
    completion: t.projects!.completion!,
    light: lightOfGap(t.projects!.gap, result.thresholds.yellowBelow),
    rank: t.rank,
  }));
  const omitted: string[] = [];
  for (const t of towns) {
    if (isRanked.has(t)) continue;
    const why = t.status === 'missing' ? '未报送' : t.status === 'rejected' ? '报表退回' : !t.projects ? '未报送重点项目表' : '无年度计划';
    omitted.push(`${t.town}（${why}）`);
  }
  return {
    title: `各乡镇重点项目投资完成率与序时进度（截至${dateText}）`,
    timeProgress: result.timeProgress,
    yellowBelow: result.thresholds.yellowBelow,
    bars,
    omitted,
  };
}

/** One lagging project as an item of part 三. */
function laggingText(n: number, l: LaggingProject, rec: ProjectRecord | undefined): string {
  const bits: string[] = [];
  if (l.annualPlan !== null) bits.push(`年度计划${fmtAmount(l.annualPlan)}万元`);
  bits.push(completionSentence(l.completedYtd ?? 0, l.completion, l.gap).replace(/^累计完成投资/, '累计完成'));
  let text = `${n}. ${l.town} ${nameText(l.project)}（${leaderText(l.leader)}）：${bits.join('，')}，${LIGHT_LABEL[l.light]}`;
  const ch = rec?.change;
  if (ch) {
    const w: string[] = [];
    if (ch.completedYtdDelta !== null) w.push(`累计完成较上周${deltaPhrase(ch.completedYtdDelta)}`);
    if (ch.turnedRed) w.push('本周转为红灯');
    if (w.length) text += `；${w.join('，')}`;
  }
  return stop(text);
}

function fmtThreshold(n: number): string {
  return String(round(n, 2));
}

/** 「云峰镇 滨江路改造工程」 for every project the week-over-week data says turned red, in the towns' order. */
/** 督办 sentences (--history): red for N weeks or more, no progress for M weeks or more, towns missing in a row. */
function historyLines(h: HistoryResult, maxNames: number): BulletinLine[] {
  const out: BulletinLine[] = [];
  const red = h.supervision.filter((s) => s.reasons.includes('red'));
  const stalled = h.supervision.filter((s) => s.reasons.includes('stalled'));
  const label = (s: SupervisionItem, weeks: number) => `${s.town} ${nameText(s.project)}（${leaderText(s.leader)}，${weeks}周）`;
  const span = `（本年${h.weeks.length}周报告）`;
  out.push({
    kind: 'para',
    text: red.length
      ? stop(`连续${h.redWeeks}周以上红灯的项目${red.length}个${span}：${names(red.map((s) => label(s, s.redWeeks)), maxNames)}，已列入${SUMMARY_SHEET_REF.supervision}，请项目组长说明原因`)
      : `无连续${h.redWeeks}周以上红灯的项目${span}。`,
    light: red.length ? 'red' : null,
  });
  out.push({
    kind: 'para',
    text: stalled.length
      ? stop(`连续${h.stalledWeeks}周无进展（累计完成未增加）的项目${stalled.length}个：${names(stalled.map((s) => label(s, s.stalledWeeks)), maxNames)}，已列入${SUMMARY_SHEET_REF.supervision}`)
      : `无连续${h.stalledWeeks}周无进展的项目。`,
  });
  if (h.townsMissingInARow.length) {
    out.push({ kind: 'para', text: stop(`连续两周以上未报送的乡镇：${names(h.townsMissingInARow.map((t) => `${t.town}（最长连续${t.longestMissedRun}周）`), maxNames)}`) });
  }
  return out;
}

function turnedRedNames(towns: TownResult[]): string[] {
  const out: string[] = [];
  for (const t of towns) for (const name of t.change?.turnedRed ?? []) out.push(`${t.town} ${nameText(name)}`);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The chart: completion against 序时进度 by town, as SVG (rasterised by the Node adapter; a browser shows it as is)

export interface ChartSvg {
  svg: string;
  /** Size in CSS pixels (the viewBox). */
  width: number;
  height: number;
}

/** Font families for Chinese text: whichever the machine has. */
export const CHART_FONTS = "'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', 'SimHei', 'PingFang SC', sans-serif";

const BAR_COLOUR: Record<'red' | 'yellow' | 'green' | 'none', string> = {
  green: '#00B050',
  yellow: '#FFC000',
  red: '#E00000',
  none: '#A6A6A6',
};

function xml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Approximate text width in px at a font size: CJK and full-width characters 1 em, others 0.55 em. */
function textWidth(s: string, size: number): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    w += c >= 0x2e80 ? size : size * 0.55;
  }
  return w;
}

/** Above this many ranked towns the chart shows only the best and the worst CHART_END_BARS of them. */
export const CHART_MAX_BARS = 30;
export const CHART_END_BARS = 15;
/** Towns named under the chart as not in it, at most; the rest are counted. */
const CHART_MAX_OMITTED = 20;
/** A town name longer than this (characters) is cut with 「…」 at the bar. */
const CHART_MAX_NAME = 12;

/** The bars the chart draws: all of them, or the best and worst CHART_END_BARS with the number left out between. */
export function chartBarsShown(chart: BulletinChart): { top: BulletinChartBar[]; bottom: BulletinChartBar[]; skipped: number } {
  const n = chart.bars.length;
  if (n <= CHART_MAX_BARS) return { top: chart.bars, bottom: [], skipped: 0 };
  return { top: chart.bars.slice(0, CHART_END_BARS), bottom: chart.bars.slice(n - CHART_END_BARS), skipped: n - 2 * CHART_END_BARS };
}

function shortName(s: string): string {
  const chars = [...s];
  return chars.length > CHART_MAX_NAME ? `${chars.slice(0, CHART_MAX_NAME - 1).join('')}…` : s;
}

/**
 * A horizontal bar chart: one bar per ranked town (best at the top) coloured by its light, its completion written at
 * the bar's end, and a dashed line at 序时进度. Towns that are not ranked are named under the chart. Over CHART_MAX_BARS
 * ranked towns only the best and the worst CHART_END_BARS are drawn, with a row saying how many are left out between
 * and a caption pointing to the sheet that lists all of them; the picture's size is bounded whatever the county.
 */
export function bulletinChartSvg(chart: BulletinChart): ChartSvg {
  const W = 1000;
  const font = 16;
  const rowH = 34;
  const barH = 22;
  const top = 92;
  const { top: topBars, bottom: bottomBars, skipped } = chartBarsShown(chart);
  const shown = [...topBars, ...bottomBars];
  const labelW = Math.max(80, Math.ceil(Math.max(0, ...shown.map((b) => textWidth(shortName(b.town), font)))) + 24);
  const left = labelW;
  const right = 90;
  const plotW = W - left - right;
  // rows: the top bars, a gap row when bars are left out, the bottom bars
  const slots = shown.length + (skipped ? 1 : 0);
  const plotH = Math.max(1, slots) * rowH;
  const notes: string[] = [];
  if (skipped) {
    notes.push(
      `注：全县${chart.bars.length}个乡镇参加排名，图中只列出前${topBars.length}名和后${bottomBars.length}名，全部乡镇的完成率和排名见「${SUMMARY_SHEET.overview}」表。`,
    );
  }
  if (chart.omitted.length) {
    const list = chart.omitted.length > CHART_MAX_OMITTED
      ? `${chart.omitted.slice(0, CHART_MAX_OMITTED).join('、')}等${chart.omitted.length}个乡镇（全部见「${SUMMARY_SHEET.overview}」表）`
      : chart.omitted.join('、');
    notes.push(`未列入图中：${list}`);
  }
  // the notes wrap below the axis
  const perLine = Math.max(10, Math.floor((W - 40) / font));
  const noteLines: string[] = [];
  for (const text of notes) {
    const chars = [...text];
    for (let i = 0; i < chars.length; i += perLine) noteLines.push(chars.slice(i, i + perLine).join(''));
  }
  const H = top + plotH + 44 + noteLines.length * (font + 8) + 12;
  const maxC = Math.max(1, chart.timeProgress, ...shown.map((b) => b.completion));
  const xMax = Math.min(3, Math.ceil(maxC * 10 - 1e-9) / 10);
  const x = (v: number) => left + (Math.max(0, Math.min(v, xMax)) / xMax) * plotW;
  const step = xMax > 1.5 ? 0.5 : xMax > 1.2 ? 0.2 : 0.1;
  const o: string[] = [];
  o.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${xml(CHART_FONTS)}">`);
  o.push(`<rect x="0" y="0" width="${W}" height="${H}" fill="#FFFFFF"/>`);
  o.push(`<text x="${W / 2}" y="30" font-size="20" font-weight="bold" text-anchor="middle" fill="#000000">${xml(chart.title)}</text>`);
  // legend
  const y = fmtThreshold(chart.yellowBelow);
  const legend: [string, string][] = [
    [BAR_COLOUR.green, '达到序时进度'],
    [BAR_COLOUR.yellow, `低于序时进度${y}个百分点以内`],
    [BAR_COLOUR.red, `低于序时进度${y}个百分点以上`],
  ];
  let lx = left;
  for (const [colour, label] of legend) {
    o.push(`<rect x="${lx}" y="48" width="14" height="14" fill="${colour}"/>`);
    o.push(`<text x="${lx + 20}" y="60" font-size="14" fill="#333333">${xml(label)}</text>`);
    lx += 20 + textWidth(label, 14) + 28;
  }
  o.push(`<line x1="${lx}" y1="55" x2="${lx + 24}" y2="55" stroke="#1F4E9E" stroke-width="2.5" stroke-dasharray="6 4"/>`);
  o.push(`<text x="${lx + 30}" y="60" font-size="14" fill="#333333">序时进度</text>`);
  // grid and axis
  for (let v = 0; v <= xMax + 1e-9; v = round(v + step, 6)) {
    const gx = x(v);
    o.push(`<line x1="${gx.toFixed(1)}" y1="${top}" x2="${gx.toFixed(1)}" y2="${top + plotH}" stroke="${v === 0 ? '#404040' : '#D9D9D9'}" stroke-width="1"/>`);
    o.push(`<text x="${gx.toFixed(1)}" y="${top + plotH + 20}" font-size="13" text-anchor="middle" fill="#404040">${Math.round(v * 100)}%</text>`);
  }
  if (slots === 0) {
    o.push(`<text x="${left + plotW / 2}" y="${top + rowH / 2 + 6}" font-size="${font}" text-anchor="middle" fill="#404040">本期没有可排名的乡镇</text>`);
  }
  const bar = (b: BulletinChartBar, slot: number) => {
    const by = top + slot * rowH + (rowH - barH) / 2;
    const colour = BAR_COLOUR[b.light ?? 'none'];
    const w = Math.max(0, x(b.completion) - left);
    o.push(`<text x="${left - 10}" y="${by + barH / 2 + 6}" font-size="${font}" text-anchor="end" fill="#000000">${xml(shortName(b.town))}</text>`);
    o.push(`<rect x="${left}" y="${by}" width="${w.toFixed(1)}" height="${barH}" fill="${colour}"/>`);
    const over = b.completion > xMax ? '▶' : '';
    o.push(`<text x="${(left + w + 6).toFixed(1)}" y="${by + barH / 2 + 5}" font-size="14" fill="#000000">${fmtPercent(b.completion)}${over}</text>`);
  };
  topBars.forEach((b, i) => bar(b, i));
  if (skipped) {
    const gy = top + topBars.length * rowH;
    o.push(`<rect x="${left}" y="${gy + 4}" width="${plotW}" height="${rowH - 8}" fill="#F2F2F2"/>`);
    o.push(`<text x="${left + plotW / 2}" y="${gy + rowH / 2 + 5}" font-size="14" text-anchor="middle" fill="#404040">…… 中间${skipped}个乡镇从略（见「${SUMMARY_SHEET.overview}」表） ……</text>`);
  }
  bottomBars.forEach((b, i) => bar(b, topBars.length + (skipped ? 1 : 0) + i));
  // 序时进度 line over the bars
  const tx = x(chart.timeProgress);
  o.push(`<line x1="${tx.toFixed(1)}" y1="${top - 8}" x2="${tx.toFixed(1)}" y2="${top + plotH}" stroke="#1F4E9E" stroke-width="2.5" stroke-dasharray="6 4"/>`);
  o.push(`<text x="${tx.toFixed(1)}" y="${top - 12}" font-size="14" text-anchor="middle" fill="#1F4E9E">序时进度${fmtPercent(chart.timeProgress)}</text>`);
  noteLines.forEach((line, i) => {
    o.push(`<text x="20" y="${top + plotH + 48 + i * (font + 8)}" font-size="14" fill="#404040">${xml(line)}</text>`);
  });
  o.push('</svg>');
  return { svg: o.join('\n'), width: W, height: H };
}
