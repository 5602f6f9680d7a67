/**
 * Every label an output shows for a value of the core (sheet names, statuses, lights, severities), once. The summary
 * workbook's writer, the bulletin, the add-in's sheets and the CLI read them here; none spells one of its own.
 * Pure data: the core's purity test holds this file like the rest.
 */
import type { FileStatus, Light, Severity, TownStatus } from './types';

// ─────────────────────────────────────────────────────────────────────────────── the county summary workbook

/** The county summary workbook's sheets (`--out`), by role. */
export const SUMMARY_SHEET = {
  overview: '汇总概览',
  /** The leaders' weekly bulletin inside the county summary (and the one sheet of its PDF). */
  bulletin: '通报',
  projects: '项目明细',
  lagging: '滞后项目',
  problems: '存在问题',
  indicators: '主要指标',
  powers: '扩权事项',
  submissions: '报送情况',
  /** With --history: the year's curve (a native line chart) and the towns' weeks. */
  trend: '走势',
  /** With --history: projects red or without progress for weeks in a row. */
  supervision: '督办清单',
} as const;

/** The order the summary workbook writes its sheets in. */
export const SUMMARY_SHEET_ORDER = [
  SUMMARY_SHEET.overview,
  SUMMARY_SHEET.bulletin,
  SUMMARY_SHEET.projects,
  SUMMARY_SHEET.lagging,
  SUMMARY_SHEET.problems,
  SUMMARY_SHEET.indicators,
  SUMMARY_SHEET.powers,
  SUMMARY_SHEET.submissions,
] as const;

/**
 * The sheets that make a workbook recognisable as one of our county summaries (never read as a town's report). The
 * set predates 通报 and 扩权事项 and stays as it was, so that summaries written by earlier versions are still
 * recognised.
 */
export const SUMMARY_SIGNATURE_SHEETS = [
  SUMMARY_SHEET.overview,
  SUMMARY_SHEET.projects,
  SUMMARY_SHEET.lagging,
  SUMMARY_SHEET.problems,
  SUMMARY_SHEET.indicators,
  SUMMARY_SHEET.submissions,
] as const;

/** How the bulletin points to the summary sheet that holds a list in full. */
export const SUMMARY_SHEET_REF = {
  lagging: `「${SUMMARY_SHEET.lagging}」表`,
  problems: `「${SUMMARY_SHEET.problems}」表`,
  plans: `「${SUMMARY_SHEET.projects}」表「下周计划」列`,
  submissions: `「${SUMMARY_SHEET.submissions}」表`,
  supervision: `「${SUMMARY_SHEET.supervision}」表`,
} as const;

// ─────────────────────────────────────────────────────────────────────────────── the add-in's sheets

/** The add-in's 汇总 sheet: the town's own totals, written into the town's workbook. */
export const TOWN_SUMMARY_SHEET = '汇总';
/**
 * The add-in's 周报 sheet: the town's own week, project by project, written into the town's workbook. Not the county
 * summary's 通报 (SUMMARY_SHEET.bulletin): a different reader, a different content, a different name.
 */
export const TOWN_BULLETIN_SHEET = '本周通报';
/** Very hidden sheet holding each marked cell's own fill, so that 清除标记 can restore it after the pane was closed. */
export const MARK_STORE_SHEET = 'xcs_marks';
/** County tables written by 汇总多个文件 start with this, followed by the summary sheet's name. */
export const COUNTY_SHEET_PREFIX = '全县';
/** The county tables 汇总多个文件 writes into the open workbook. */
export const ADDIN_COUNTY_SHEET = {
  overview: `${COUNTY_SHEET_PREFIX}${SUMMARY_SHEET.overview}`,
  lagging: `${COUNTY_SHEET_PREFIX}${SUMMARY_SHEET.lagging}`,
  submissions: `${COUNTY_SHEET_PREFIX}${SUMMARY_SHEET.submissions}`,
} as const;
/** First cell of every sheet the add-in writes starts with this: a clerk's own sheet of the same name is never replaced. */
export const GENERATED_MARK = '【周报助手生成】';

// ─────────────────────────────────────────────────────────────────────────────── statuses

/** A town's status for the week (summary workbook and add-in alike). */
export const TOWN_STATUS_LABEL: Record<TownStatus, string> = { submitted: '已报送', rejected: '退回', missing: '未报送' };

/**
 * A file's status. The wordings drifted between outputs (已采用 / 采用, 已被替代 / 已被新版本替代 / 被替代, 已忽略 / 忽略)
 * and are kept as each output has always written them, on purpose: the summary workbook and the CLI's lines are held
 * byte-identical, and the add-in's sheet is what town clerks already know. They now sit side by side here, so a
 * future change of wording is one decision made in one place:
 * - `summary`: the summary workbook's 报送情况 (a table: participles, 已采用);
 * - `addin`: the add-in's 全县报送情况 (short, 采用);
 * - `count`: the CLI's one-line count (「采用 17，退回 2，被替代 2，忽略 3」).
 */
export const FILE_STATUS_LABEL: Record<'summary' | 'addin' | 'count', Record<FileStatus, string>> = {
  summary: { accepted: '已采用', rejected: '退回', superseded: '已被替代', ignored: '已忽略' },
  addin: { accepted: '采用', rejected: '退回', superseded: '已被新版本替代', ignored: '忽略' },
  count: { accepted: '采用', rejected: '退回', superseded: '被替代', ignored: '忽略' },
};

export const SEVERITY_LABEL: Record<Severity, string> = { error: '错误', warning: '警告' };

// ─────────────────────────────────────────────────────────────────────────────── lights

/** A light in words (bulletin sentences, the add-in's 灯号 column). */
export const LIGHT_LABEL: Record<Exclude<Light, null>, string> = { red: '红灯', yellow: '黄灯', green: '绿灯' };
/** No light (前期 projects: no annual plan), where a cell must say so. */
export const NO_LIGHT_LABEL = '不亮灯';
/** A light in one character, for the summary workbook's narrow 灯号 columns (a missing light is an empty cell). */
export const LIGHT_SHORT_LABEL: Record<Exclude<Light, null>, string> = { red: '红', yellow: '黄', green: '绿' };
