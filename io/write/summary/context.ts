/**
 * What every sheet of the summary shares: the result, the county, the as-of date in its Chinese forms, the lights'
 * explanation, the towns in rank order, the labels of statuses and lights, and the 通报 sheet's content (built once
 * per run, its chart rendered off the main thread while the first sheets are written).
 */
import type { ConsolidationResult, Light, ProjectTotals, Source, TownResult } from '../../../core/types';
import { FILE_STATUS_LABEL, LIGHT_SHORT_LABEL, SEVERITY_LABEL, TOWN_STATUS_LABEL } from '../../../core/labels';
import { daysInMonth, parseIso } from '../../../core/dates';
import { fieldHeader } from '../../../core/schema';
import { type BulletinDraft, type BulletinSheetInput, type ChartRenderer, bulletinDraft, isBulletinDraft } from '../bulletin-sheet';
import type { ChartDrawer } from '../chart-thread';
import { Value, num } from '../xlsx/widths';

export const P = (key: string) => fieldHeader('projects', key);
export const I = (key: string) => fieldHeader('indicators', key);

export interface SummaryOptions {
  /**
   * The 通报 sheet's content when the caller already has it (the CLI builds it once for the summary and the PDF): the
   * content, a promise of it, or a draft (../bulletin-sheet.ts BulletinDraft: the sheet is then written before the
   * chart is drawn).
   */
  bulletin?: BulletinSheetInput | Promise<BulletinSheetInput> | BulletinDraft;
  /** Overrides the overview's title; the 「（截至…）」 date is appended unless the title already says 截至. */
  title?: string;
  /** County name, e.g. 「云和县」: starts every sheet title. */
  county?: string;
  /** Renders the 通报 sheet's chart (default: resvg); a test passes a failing one. */
  chart?: ChartRenderer;
  /** Another thread that draws and encodes the chart (../chart-thread.ts; the CLI's read worker after a small run). */
  drawer?: ChartDrawer;
}


// ---------------------------------------------------------------------------------------------------------------
// Labels

export const TOWN_STATUS = TOWN_STATUS_LABEL;
export const FILE_STATUS = FILE_STATUS_LABEL.summary;
export const SEVERITY = SEVERITY_LABEL;

export function lightText(light: Light): string | null {
  return light === null ? null : LIGHT_SHORT_LABEL[light];
}

export function sourceText(s: Source): string {
  return `${s.file}｜${s.sheet}!第${s.row}行`;
}

export interface AsOf {
  year: number;
  month: number;
  day: number;
  /** The last day of its month: 序时进度 is quoted as 1-N月. */
  monthEnd: boolean;
}

export function parseAsOf(asOf: string): AsOf | null {
  const p = parseIso(asOf.trim());
  return p ? { year: p.y, month: p.m, day: p.d, monthEnd: p.d === daysInMonth(p.y, p.m) } : null;
}

export function dateCn(d: AsOf): string {
  return `${d.year}年${d.month}月${d.day}日`;
}

/** 「1-10月」 at a month's end, else 「1月1日-10月15日」. */
export function periodLabel(d: AsOf | null): string {
  if (!d) return '本年';
  if (d.monthEnd) return d.month === 1 ? '1月' : `1-${d.month}月`;
  return `1月1日-${d.month}月${d.day}日`;
}

export function cumulativeLabel(d: AsOf | null): string {
  if (!d) return '本年累计';
  if (d.monthEnd) return `${periodLabel(d)}累计`;
  return `截至${d.month}月${d.day}日累计`;
}

export function fmtNumber(n: number, digits = 1): string {
  return String(Number(n.toFixed(digits)));
}

// ---------------------------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------------------------
// The sheets

export interface Ctx {
  result: ConsolidationResult;
  county: string;
  asOf: AsOf | null;
  /** 「（截至2015年10月31日）」 */
  dateSuffix: string;
  /** 「序时进度 83.3%（1-10月）」 */
  progressText: string;
  /** 「黄灯：…；红灯：…」 */
  lightsText: string;
  /** The overview's title, also in every page footer. */
  docTitle: string;
  towns: TownResult[];
  /**
   * The 通报 sheet's content (the bulletin and its chart, rendered in the background), built once: `input` once the
   * chart is drawn, `early` (the sheet can be written from it meanwhile) when its outcome is expected.
   */
  bulletinDraft: () => BulletinDraft;
}

export function context(result: ConsolidationResult, opts: SummaryOptions): Ctx {
  const asOf = parseAsOf(result.asOf);
  const dateSuffix = `（截至${asOf ? dateCn(asOf) : result.asOf}）`;
  const tp = num(result.timeProgress);
  const progressText = `序时进度 ${tp === null ? '—' : `${(tp * 100).toFixed(1)}%`}（${periodLabel(asOf)}）`;
  const y = fmtNumber(result.thresholds.yellowBelow);
  const lightsText = `黄灯：低于序时进度${y}个百分点以内；红灯：低于${y}个百分点以上`;
  // Ranked towns by rank, then the unranked, each group in the result's order (a stable sort).
  const towns = [...result.towns].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || 0);
  const county = opts.county ?? '';
  let docTitle = opts.title ?? `${county}重点项目推进情况汇总`;
  if (!docTitle.includes('截至')) docTitle += dateSuffix;
  const given = opts.bulletin;
  let draft: BulletinDraft | undefined = given === undefined ? undefined : isBulletinDraft(given) ? given : { early: null, input: Promise.resolve(given) };
  const footer = docTitle;
  return {
    result, county, asOf, dateSuffix, progressText, lightsText, docTitle, towns,
    bulletinDraft: () => (draft ??= bulletinDraft(result, { county, footer, chart: opts.chart, drawer: opts.drawer })),
  };
}

/** The date every part of the written zip carries: the as-of date (same inputs, same bytes). */
export function stampOf(ctx: Ctx): Date {
  return ctx.asOf ? new Date(Date.UTC(ctx.asOf.year, ctx.asOf.month - 1, ctx.asOf.day)) : new Date(0);
}

export function footerLeft(ctx: Ctx): string {
  return ctx.docTitle;
}

export function totalsValues(t: ProjectTotals | null): Value[] {
  if (!t) return [null, null, null, null, null, null, null, null, null];
  return [t.count, t.totalInvestment, t.annualPlan, t.completedYtd, t.completion, t.gap, t.red, t.yellow, t.green];
}
