/**
 * The schema is the single source of truth: each table kind is a list of fields (canonical header, type, unit,
 * whether required, header synonyms as data). The zod schema of a row, the validation of a row, the template
 * columns and the summary columns are all derived from these lists.
 */
import { z } from 'zod';
import { TableKind } from './types';

export type FieldType = 'text' | 'amount' | 'number' | 'int' | 'percent';

export interface FieldSpec {
  key: string;
  /** Canonical header, as the template writes it. */
  label: string;
  type: FieldType;
  /** 'column': the column must exist (error when missing); 'recommended': warn when missing. */
  required?: 'column' | 'recommended';
  /** Header texts that mean this field, compared after labelKey(). */
  synonyms: string[];
  /**
   * Header patterns (regular expression source, matched against labelKey() of the header, anchored). A county can
   * add its own wordings here. {M} stands for a month range such as 1-10月 / 1-N月 / 1至10月.
   */
  patterns?: string[];
  /** For the template: a list of allowed values. */
  list?: string[];
  /** Column width in the template (characters). */
  width?: number;
  /** Input hint the template shows when the cell is selected. */
  hint?: string;
  /** Recognised when a town writes it, but not asked for in the template. */
  notInTemplate?: boolean;
  /** Shorter header for the county's summary, where columns are narrow. */
  short?: string;
}

const M = '(?:\\d{1,2}(?:-|至|到)\\d{1,2}月份?|1-n月|截至\\d{1,2}月(?:底|末)?|\\d{1,2}月(?:底|末)?)';

export const PROJECT_CATEGORIES = ['基础设施', '产业发展', '社会事业', '生态环境', '城市建设', '民生保障', '其他'];
export const PROJECT_STATUSES = ['前期', '在建', '竣工', '停建'];

export const PROJECT_FIELDS: FieldSpec[] = [
  { key: 'seq', label: '序号', type: 'int', synonyms: ['序号', '编号', '排序', '序'], width: 6 },
  {
    key: 'name', hint: '一个项目占一行，名称在本镇内不得重复', label: '项目名称', type: 'text', required: 'column', width: 28,
    synonyms: ['项目名称', '项目名', '项目', '重点项目名称', '重点项目', '工程名称', '项目(工程)名称', '项目及名称', '建设项目'],
  },
  {
    key: 'category', short: '类别', label: '项目类别', type: 'text', list: PROJECT_CATEGORIES, width: 10,
    synonyms: ['项目类别', '类别', '项目性质', '项目类型', '类型', '分类', '所属类别', '性质'],
  },
  {
    key: 'scope', label: '建设内容及规模', type: 'text', width: 30,
    synonyms: ['建设内容及规模', '建设内容', '建设规模', '主要建设内容', '建设规模及内容', '建设内容和规模', '主要建设内容及规模', '建设规模和内容'],
  },
  {
    key: 'period', hint: '如 2014-2016', label: '建设起止年限', type: 'text', width: 12,
    synonyms: ['建设起止年限', '建设年限', '起止年限', '建设期限', '建设周期', '起止年份', '建设起止年份', '起止时间', '建设起止时间'],
  },
  {
    key: 'totalInvestment', hint: '单位：万元', label: '总投资', type: 'amount', required: 'recommended', width: 12,
    synonyms: ['总投资', '计划总投资', '项目总投资', '估算总投资', '概算总投资', '总投资额', '投资总额', '总投资估算'],
  },
  {
    key: 'annualPlan', short: '年度计划', hint: '本年计划投资，万元；前期项目可不填', label: '年度计划投资', type: 'amount', required: 'column', width: 12,
    synonyms: ['年度计划投资', '年度计划', '年计划投资', '本年计划投资', '年度投资计划', '本年度计划投资', '年度计划投资额', '全年计划投资', '计划投资(年度)'],
    patterns: [
      '(?:\\d{4}年度?|本年度?|今年|年度|全年)计划(?:完成)?投资(?:额)?',
      '(?:\\d{4}年度?|本年度?|今年|全年)投资(?:计划)?(?:额)?',
      '\\d{4}年度?计划(?:投资)?(?:额)?',
      '(?:\\d{4}年度?)?年?度?投资计划(?:额)?',
    ],
  },
  {
    key: 'weekDone', short: '本周完成', hint: '本周完成投资，万元，不得为负', label: '本周完成投资', type: 'amount', width: 10,
    synonyms: ['本周完成', '本周完成投资', '本周投资', '本周完成额', '本周完成投资额', '当周完成投资', '本周'],
  },
  {
    key: 'completedYtd', short: '累计完成', hint: '本年1月1日至截至日期累计，万元；表头N改为当月月份', label: '1-N月累计完成投资', type: 'amount', required: 'column', width: 12,
    synonyms: ['累计完成投资', '年度累计完成', '累计完成', '本年累计完成投资', '今年累计完成投资', '年度累计完成投资', '本年累计完成', '累计完成额', '累计投资', '年累计完成', '累计'],
    patterns: [`${M}累计(?:完成)?(?:投资)?(?:额)?`, `${M}(?:完成|实际完成)(?:投资)?(?:额)?`, `(?:\\d{4}年)?${M}?(?:累计)?完成(?:投资)?(?:额)?`],
  },
  {
    // cumulative since the project started (not this year): recognised so it is never taken for 1-N月累计
    key: 'completedSinceStart', label: '开工以来累计完成投资', type: 'amount', width: 12, notInTemplate: true,
    synonyms: ['开工以来累计完成投资', '自开工累计完成投资', '开工累计完成投资', '项目累计完成投资', '开工至今累计完成投资', '累计完成投资(开工以来)', '至今累计完成投资'],
    patterns: ['.*(?:开工以来|自开工|开工至今|开工累计|以来累计|至今累计|项目累计).*'],
  },
  {
    key: 'progressText', label: '形象进度', type: 'text', width: 24,
    synonyms: ['形象进度', '工程形象进度', '目前形象进度', '项目形象进度', '累计形象进度', '形象进度情况', '工程进度', '项目进度', '目前进展情况'],
  },
  {
    key: 'weekProgress', label: '本周进展', type: 'text', width: 24,
    synonyms: ['本周进展', '本周工作进展', '本周进展情况', '本周工作', '本周推进情况', '本周进度', '本周工作情况', '本周完成工作', '本周主要工作'],
  },
  {
    key: 'nextWeekPlan', label: '下周计划', type: 'text', width: 24,
    synonyms: ['下周计划', '下步计划', '下周工作计划', '下步工作计划', '下周安排', '下一步计划', '下一步工作', '下周工作安排', '下步工作打算', '下一步工作计划'],
  },
  {
    key: 'problems', hint: '需县级协调解决的问题；无则空白', label: '存在问题', type: 'text', width: 28,
    synonyms: ['存在问题', '存在问题及需协调事项', '存在的问题', '问题及建议', '需协调解决的问题', '存在问题和困难', '困难和问题', '需协调事项', '存在问题及建议', '存在问题及需协调解决事项', '存在困难和问题', '存在问题及解决措施', '需县领导协调事项'],
  },
  {
    key: 'leader', label: '项目组长', type: 'text', width: 10,
    synonyms: ['项目组长', '责任领导', '挂钩领导', '联系领导', '分管领导', '组长', '项目责任人', '项目组组长', '牵头领导'],
  },
  {
    key: 'unit', label: '责任单位', type: 'text', width: 14,
    synonyms: ['责任单位', '实施单位', '业主单位', '建设单位', '责任部门', '牵头单位', '实施主体'],
  },
  {
    key: 'status', short: '状态', label: '状态', type: 'text', list: PROJECT_STATUSES, width: 8,
    synonyms: ['状态', '项目状态', '建设状态', '进展状态', '项目阶段', '建设阶段'],
  },
];

export const INDICATOR_FIELDS: FieldSpec[] = [
  { key: 'seq', label: '序号', type: 'int', synonyms: ['序号', '编号'], width: 6 },
  {
    key: 'name', hint: '请使用预置名称；新增指标写在下方空行', label: '指标名称', type: 'text', required: 'column', width: 26,
    synonyms: ['指标名称', '指标', '主要指标', '指标项目', '指标内容', '考核指标', '指标名'],
  },
  { key: 'unit', label: '单位', type: 'text', width: 10, synonyms: ['单位', '计量单位', '指标单位'] },
  {
    key: 'target', hint: '按“单位”列的单位填写', label: '年度目标', type: 'number', required: 'column', width: 12,
    synonyms: ['年度目标', '目标值', '年度目标值', '全年目标', '计划目标', '目标', '年度计划', '全年目标值', '年度任务', '年目标'],
    patterns: ['\\d{4}年度?目标(?:值)?', '\\d{4}年度?计划(?:目标)?', '\\d{4}年度?任务'],
  },
  {
    key: 'actual', hint: '本年1月至当月累计；余额、面积、人口等填月末数；表头N改为当月月份', label: '1-N月累计', type: 'number', required: 'column', width: 12,
    synonyms: ['完成值', '累计完成', '实际完成', '本年累计', '完成情况', '累计', '实绩', '完成数', '实际完成值', '截至目前完成'],
    patterns: [`${M}累计(?:完成)?(?:值|数)?`, `${M}(?:完成|实际完成)(?:值|数|情况)?`, `${M}`],
  },
  {
    key: 'yoy', hint: '填数字，如 8.5 表示增长8.5%', label: '同比增长%', type: 'percent', width: 10,
    synonyms: ['同比增长', '同比增长%', '同比增减', '增长', '同比', '增幅', '同比增幅', '同比增长率', '比上年增长'],
  },
];

/** Columns whose value is computed from others: recognised so they are not mistaken, recomputed, never trusted. */
export const DERIVED_HEADERS: Record<TableKind, string[]> = {
  projects: ['占年度计划', '占年度计划%', '完成率', '年度计划完成率', '完成比例', '投资完成率', '完成年度计划', '完成年度计划%', '占年计划', '完成进度', '占比', '序时进度', '比序时进度'],
  indicators: ['完成年度目标', '完成年度目标%', '完成率', '完成目标%', '占年度目标', '占年度目标%', '完成进度', '目标完成率', '完成比例', '序时进度'],
};

export const FIELDS: Record<TableKind, FieldSpec[]> = { projects: PROJECT_FIELDS, indicators: INDICATOR_FIELDS };

/** The header a rendering (summary sheet, task pane) gives a field: its short form where it has one. */
export function fieldHeader(kind: TableKind, key: string): string {
  const f = FIELDS[kind].find((x) => x.key === key);
  if (!f) throw new Error(`no field ${kind}.${key}`);
  return f.short ?? f.label;
}

export const KIND_LABEL: Record<TableKind, string> = { projects: '重点项目表', indicators: '主要指标表' };

/* ------------------------------------------------------------------ county targets ------------------------------- */

/**
 * The county's target workbook (县级目标表, one row per town × indicator × year, with its mid-term adjustment) is
 * read by the same header and table machinery as the towns' tables; it is a table kind of its own, never looked
 * for in a town's file.
 */
export type SchemaKind = TableKind | 'targets';

export const TARGET_FIELDS: FieldSpec[] = [
  { key: 'seq', label: '序号', type: 'int', synonyms: ['序号', '编号'], width: 6 },
  { key: 'town', label: '乡镇', type: 'text', required: 'column', width: 10, synonyms: ['乡镇', '乡镇名称', '镇', '镇名', '试点镇', '乡镇(街道)', '乡镇街道', '考核对象'] },
  { key: 'name', label: '指标名称', type: 'text', required: 'column', width: 26, synonyms: ['指标名称', '指标', '主要指标', '考核指标', '指标名', '指标项目'] },
  { key: 'unit', label: '单位', type: 'text', width: 10, synonyms: ['单位', '计量单位', '指标单位'] },
  { key: 'year', label: '年度', type: 'int', width: 8, synonyms: ['年度', '年份', '考核年度', '目标年度', '年'] },
  {
    key: 'target', label: '目标值', type: 'number', required: 'column', width: 12,
    synonyms: ['目标值', '年度目标', '原目标', '原定目标', '原目标值', '目标', '下达目标', '计划目标', '年度目标值', '原下达目标'],
    patterns: ['\\d{4}年度?目标(?:值)?'],
  },
  { key: 'adjustedTarget', label: '调整后目标', type: 'number', width: 12, synonyms: ['调整后目标', '调整后目标值', '调整目标', '中期调整目标', '调整后', '调整后的目标'] },
  { key: 'adjustedOn', label: '调整日期', type: 'text', width: 12, synonyms: ['调整日期', '调整时间', '批准日期', '调整批准日期', '调整生效日期'] },
  { key: 'adjustDoc', label: '调整文号', type: 'text', width: 18, synonyms: ['调整文号', '文号', '调整依据', '批准文号', '调整文件', '依据文件'] },
];

export const TARGET_TABLE_LABEL = '目标表';

/* ------------------------------------------------------------------ zod row schemas ------------------------------ */

const text = z.string().nullable();
const amount = (label: string) => z.number().nonnegative({ error: `E_NEGATIVE|${label}` }).nullable();

export const ProjectRowSchema = z
  .object({
    seq: z.number().nullable(),
    name: z.string().min(1),
    category: text,
    scope: text,
    period: text,
    totalInvestment: amount('总投资'),
    annualPlan: amount('年度计划投资'),
    weekDone: amount('本周完成投资'),
    completedYtd: amount('累计完成投资'),
    completedSinceStart: amount('开工以来累计完成投资'),
    progressText: text,
    weekProgress: text,
    nextWeekPlan: text,
    problems: text,
    leader: text,
    unit: text,
    status: text,
  })
  .superRefine((row, ctx) => {
    const { totalInvestment: total, completedYtd: ytd, weekDone: week, annualPlan: plan } = row;
    if (ytd !== null && total !== null && total > 0 && ytd - total > 1e-6) {
      ctx.addIssue({ code: 'custom', path: ['completedYtd'], message: 'E_YTD_GT_TOTAL', params: { ytd, total } });
    }
    if (week !== null && ytd !== null && week - ytd > 1e-6) {
      ctx.addIssue({ code: 'custom', path: ['weekDone'], message: 'E_WEEK_GT_YTD', params: { week, ytd } });
    }
    const since = row.completedSinceStart;
    if (ytd !== null && since !== null && ytd - since > 1e-6) {
      ctx.addIssue({ code: 'custom', path: ['completedYtd'], message: 'E_YTD_GT_SINCE_START', params: { ytd, since } });
    }
    if (since !== null && total !== null && total > 0 && since - total > 1e-6) {
      ctx.addIssue({ code: 'custom', path: ['completedSinceStart'], message: 'E_SINCE_START_GT_TOTAL', params: { since, total } });
    }
    if (ytd !== null && plan !== null && plan > 0 && ytd - plan > 1e-6) {
      ctx.addIssue({ code: 'custom', path: ['completedYtd'], message: 'W_OVER_PLAN', params: { ytd, plan } });
    }
    if (row.status !== null && row.status !== '' && !PROJECT_STATUSES.includes(row.status)) {
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'W_BAD_STATUS', params: { value: row.status } });
    }
  });

export type ProjectRow = z.infer<typeof ProjectRowSchema>;

export const IndicatorRowSchema = z.object({
  seq: z.number().nullable(),
  name: z.string().min(1),
  unit: z.string().nullable(),
  target: z.number().nullable(),
  actual: z.number().nullable(),
  yoy: z.number().nullable(),
});

export type IndicatorRow = z.infer<typeof IndicatorRowSchema>;

export const ROW_SCHEMAS = { projects: ProjectRowSchema, indicators: IndicatorRowSchema } as const;

/* ------------------------------------------------------------------ the indicator catalog ------------------------ */

export interface CatalogEntry {
  name: string;
  unit: string;
  /** May be summed across towns: amounts, people, land, counts — never rates, shares or per-capita figures. */
  additive: boolean;
  aliases: string[];
  /**
   * Plausible values for one town (target or actual, in the catalog unit). A figure outside is refused: it is
   * almost always a wrong unit (万元 written as 亿元) or a rate typed as a fraction (0.58 for 58%).
   */
  range?: [number, number];
}

export const INDICATOR_CATALOG: CatalogEntry[] = [
  { name: '地区生产总值', unit: '亿元', additive: true, aliases: ['GDP', '生产总值', '地区生产总值(GDP)', '国内生产总值', 'GDP总量', '地区生产总值总量'], range: [0.5, 3000] },
  { name: '财政总收入', unit: '亿元', additive: true, aliases: ['财政收入', '财政总收入(亿元)'], range: [0.01, 500] },
  { name: '地方财政收入', unit: '亿元', additive: true, aliases: ['一般公共预算收入', '地方一般公共预算收入', '地方财政一般预算收入', '一般预算收入'], range: [0.01, 300] },
  { name: '固定资产投资', unit: '亿元', additive: true, aliases: ['固投', '全社会固定资产投资', '固定资产投资总额', '社会固定资产投资'], range: [0.1, 1000] },
  { name: '规上工业增加值', unit: '亿元', additive: true, aliases: ['规模以上工业增加值', '规上工业增加值(亿元)', '规模工业增加值'], range: [0.01, 1000] },
  { name: '规上工业总产值', unit: '亿元', additive: true, aliases: ['规模以上工业总产值', '规上工业产值', '规模以上工业产值'], range: [0.1, 5000] },
  { name: '社会消费品零售总额', unit: '亿元', additive: true, aliases: ['社零总额', '社会消费品零售额'], range: [0.1, 1000] },
  { name: '实际利用外资', unit: '万美元', additive: true, aliases: ['利用外资'], range: [1, 500000] },
  { name: '自营出口额', unit: '万美元', additive: true, aliases: ['出口总额', '自营出口'], range: [1, 2_000_000] },
  { name: '建成区面积', unit: '平方公里', additive: true, aliases: ['建成区', '城区面积'], range: [0.1, 200] },
  { name: '建成区常住人口', unit: '万人', additive: true, aliases: ['常住人口(建成区)', '建成区人口'], range: [0.05, 200] },
  { name: '建成区户籍人口', unit: '万人', additive: true, aliases: ['户籍人口(建成区)'], range: [0.05, 200] },
  { name: '城镇化率', unit: '%', additive: false, aliases: ['城市化率', '城市化水平', '城镇化水平', '人口城市化率'], range: [1, 100] },
  { name: '户籍人口集聚率', unit: '%', additive: false, aliases: ['人口集聚率'], range: [1, 100] },
  { name: '第三产业增加值占比', unit: '%', additive: false, aliases: ['三产占比', '第三产业占比', '服务业增加值占比', '三产增加值占GDP比重', '第三产业增加值占GDP比重'], range: [1, 100] },
  { name: '城镇居民人均可支配收入', unit: '元', additive: false, aliases: ['城镇居民人均收入', '城镇人均可支配收入'], range: [1000, 300000] },
  { name: '农村居民人均纯收入', unit: '元', additive: false, aliases: ['农民人均纯收入', '农村人均纯收入', '农村居民人均可支配收入', '农民人均收入'], range: [500, 200000] },
  { name: '农户贷款余额', unit: '万元', additive: true, aliases: ['农户贷款'], range: [1, 50_000_000] },
  { name: '林权抵押贷款余额', unit: '万元', additive: true, aliases: ['林权抵押贷款'], range: [1, 5_000_000] },
  { name: '新增建设用地', unit: '亩', additive: true, aliases: ['新增建设用地面积', '建设用地新增'], range: [0.1, 100000] },
  { name: '土地出让面积', unit: '亩', additive: true, aliases: ['出让土地'], range: [0.1, 100000] },
  { name: '招商引资到位资金', unit: '亿元', additive: true, aliases: ['招商引资', '引进内资', '到位资金'], range: [0.01, 1000] },
  { name: '新增就业人数', unit: '人', additive: true, aliases: ['新增就业', '城镇新增就业'], range: [1, 200000] },
  { name: '单位GDP能耗', unit: '吨标准煤/万元', additive: false, aliases: ['万元GDP能耗', '单位生产总值能耗'], range: [0.01, 10] },
  { name: '绿化覆盖率', unit: '%', additive: false, aliases: ['建成区绿化覆盖率'], range: [1, 100] },
  { name: '污水处理率', unit: '%', additive: false, aliases: ['生活污水处理率', '城镇污水处理率'], range: [1, 100] },
  { name: '垃圾无害化处理率', unit: '%', additive: false, aliases: ['生活垃圾无害化处理率'], range: [1, 100] },
  { name: '下放事项承接数', unit: '个', additive: true, aliases: ['扩权事项承接数', '承接事项数'], range: [1, 1000] },
];
