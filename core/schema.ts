/**
 * The schema is the single source of truth: each table kind is a list of fields (canonical header, type, unit,
 * whether required, header synonyms as data). The zod schema of a row, the validation of a row, the template
 * columns and the summary columns are all derived from these lists.
 */
import { z } from 'zod/v3';
import { TableKind } from './types';

export type FieldType = 'text' | 'amount' | 'number' | 'int' | 'percent' | 'date';

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
  /** Unit the figure is written in (for the template's instructions). */
  unit?: string;
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

/* ------------------------------------------------------------------ delegated powers (扩权强镇事项) -------------- */

/** A county department that delegated powers (原实施部门): its usual name, its full name and the forms officials write. */
export interface Department {
  name: string;
  full?: string;
  aliases: string[];
}

/**
 * The county departments of the seed document (「县政府及发改、经信、民政、司法、人力社保、住建、交通运输、国土资源、水利、农业、
 * 商务、文广新、计生、环保、林业、安监、工商等18个部门」): it names seventeen; the eighteenth is the 公安局, whose fields
 * (户籍管理、社会治安) the same paragraph lists among the delegated ones. A county replaces the list in county.json
 * (`departments`). Matching ignores a leading 「县」/「XX县」 and bracketed remarks.
 */
export const DEFAULT_DEPARTMENTS: Department[] = [
  { name: '县发改局', full: '县发展和改革局', aliases: ['发改局', '发改', '发展改革局', '发展和改革局', '县发展改革局', '发改委', '发展和改革委员会'] },
  { name: '县经信局', full: '县经济和信息化局', aliases: ['经信局', '经信', '经济和信息化局', '经济信息化局', '经信委', '经济和信息化委员会'] },
  { name: '县民政局', aliases: ['民政局', '民政'] },
  { name: '县司法局', aliases: ['司法局', '司法'] },
  { name: '县人力社保局', full: '县人力资源和社会保障局', aliases: ['人力社保局', '人力社保', '人社局', '人社', '人力资源和社会保障局', '人力资源社会保障局', '劳动和社会保障局', '劳动保障局'] },
  { name: '县住建局', full: '县住房和城乡建设局', aliases: ['住建局', '住建', '建设局', '住房和城乡建设局', '住房城乡建设局', '城乡建设局', '规划建设局'] },
  { name: '县交通运输局', aliases: ['交通运输局', '交通局', '交通运输', '交通'] },
  { name: '县国土资源局', aliases: ['国土资源局', '国土局', '国土资源', '国土'] },
  { name: '县水利局', aliases: ['水利局', '水利', '水务局'] },
  { name: '县农业局', aliases: ['农业局', '农业', '农办', '农业农村局'] },
  { name: '县商务局', aliases: ['商务局', '商务'] },
  { name: '县文广新局', full: '县文化广电新闻出版局', aliases: ['文广新局', '文广新', '文广局', '文化广电新闻出版局', '文化广电新闻出版', '文化局'] },
  { name: '县计生局', full: '县人口和计划生育局', aliases: ['计生局', '计生', '人口计生局', '人口和计划生育局', '计划生育局', '卫计局', '卫生计生局', '卫生和计划生育局'] },
  { name: '县环保局', full: '县环境保护局', aliases: ['环保局', '环保', '环境保护局'] },
  { name: '县林业局', aliases: ['林业局', '林业'] },
  { name: '县安监局', full: '县安全生产监督管理局', aliases: ['安监局', '安监', '安全生产监督管理局', '安全生产监管局'] },
  { name: '县工商局', full: '县工商行政管理局', aliases: ['工商局', '工商', '工商行政管理局', '工商分局', '市场监管局', '市场监督管理局'] },
  { name: '县公安局', aliases: ['公安局', '公安', '派出所'] },
];

/** The six ways a power is delegated (下放方式), with the wordings officials use. */
export const POWER_WAYS = ['授权', '委托', '交办', '延伸机构', '干部兼职', '综合执法'];
export const POWER_WAY_SYNONYMS: Record<string, string[]> = {
  授权: ['授权', '依法授权', '授权行使', '直接授权'],
  委托: ['委托', '委托行使', '委托实施', '委托下放', '委托办理'],
  交办: ['交办', '交办实施', '交由镇办理', '交由乡镇办理'],
  延伸机构: ['延伸机构', '设立延伸机构', '延伸', '派驻机构', '派驻', '设立分支机构', '分中心', '延伸服务'],
  干部兼职: ['干部兼职', '兼职', '干部挂职兼职', '派员兼职', '人员兼职'],
  综合执法: ['综合执法', '综合执法试点', '综合行政执法', '相对集中行政处罚权', '集中执法'],
};

/** 承接状态 and its wordings. */
export const POWER_STATUSES = ['已承接', '部分承接', '未承接', '待批准'];
export const POWER_STATUS_SYNONYMS: Record<string, string[]> = {
  已承接: ['已承接', '承接', '已落实', '已运行', '已实施', '已启用', '正常运行', '全部承接', '完成承接'],
  部分承接: ['部分承接', '部分落实', '部分运行', '部分实施', '承接中', '正在承接'],
  未承接: ['未承接', '尚未承接', '未落实', '暂未承接', '未运行', '未实施', '无法承接'],
  待批准: ['待批准', '待审批', '报批中', '待县政府批准', '送审', '已送审', '待批', '审批中'],
};

/** 权力类型 and its wordings (the province's list of administrative powers, as the seed town groups them). */
export const POWER_TYPES = ['行政许可', '行政处罚', '行政强制', '行政征收', '行政给付', '行政确认', '其他'];
export const POWER_TYPE_SYNONYMS: Record<string, string[]> = {
  行政许可: ['行政许可', '许可', '行政审批', '审批', '非行政许可审批'],
  行政处罚: ['行政处罚', '处罚'],
  行政强制: ['行政强制', '强制', '行政强制措施', '行政强制执行'],
  行政征收: ['行政征收', '征收', '征收征用'],
  行政给付: ['行政给付', '给付'],
  行政确认: ['行政确认', '确认'],
  其他: ['其他', '其它', '其他行政权力', '其他权力', '其他类', '行政检查', '行政奖励', '行政裁决', '公共服务'],
};

export const POWER_FIELDS: FieldSpec[] = [
  { key: 'seq', label: '序号', type: 'int', synonyms: ['序号', '编号', '序'], width: 6 },
  {
    key: 'department', short: '部门', label: '原实施部门', type: 'text', required: 'column', width: 14,
    hint: '下放该事项的县级部门，从下拉列表选择；一个部门的事项可连续排列',
    synonyms: ['原实施部门', '实施部门', '原实施单位', '原实施机关', '原行使部门', '下放部门', '放权部门', '县级部门', '县直部门', '部门', '职能部门', '原审批部门', '委托部门', '部门名称', '县级实施部门'],
  },
  {
    key: 'name', label: '事项名称', type: 'text', required: 'column', width: 32,
    hint: '一个事项占一行，同一部门内不得重复',
    synonyms: ['事项名称', '事项', '权力事项', '权力事项名称', '下放事项', '下放事项名称', '扩权事项', '扩权事项名称', '行政权力事项', '行政权力事项名称', '权力名称', '职权名称', '事项内容', '审批事项', '管理事项', '行政管理事项'],
  },
  {
    key: 'powerType', short: '类型', label: '权力类型', type: 'text', required: 'recommended', list: POWER_TYPES, width: 10,
    synonyms: ['权力类型', '事项类型', '权力类别', '职权类型', '事项类别', '权力分类', '类型', '类别'],
  },
  {
    key: 'way', short: '方式', label: '下放方式', type: 'text', required: 'column', list: POWER_WAYS, width: 10,
    synonyms: ['下放方式', '放权方式', '下放形式', '赋权方式', '下放途径', '实施方式', '方式', '扩权方式', '承接方式'],
  },
  {
    key: 'basis', label: '法律依据', type: 'text', width: 30,
    hint: '法律、法规、规章的名称和条款',
    synonyms: ['法律依据', '设定依据', '实施依据', '依据', '法律法规依据', '法定依据', '法律法规规章依据', '政策依据'],
  },
  {
    key: 'receiver', label: '承接机构', type: 'text', width: 16,
    hint: '镇里承接该事项的办公室或中心',
    synonyms: ['承接机构', '承接单位', '承接部门', '镇承接机构', '承办机构', '承接科室', '承接主体', '镇级承接机构', '承接机构(科室)'],
  },
  {
    key: 'status', short: '状态', label: '承接状态', type: 'text', required: 'column', list: POWER_STATUSES, width: 10,
    synonyms: ['承接状态', '承接情况', '落实情况', '运行情况', '状态', '承接进度', '目前状态'],
  },
  {
    key: 'startDate', label: '启用日期', type: 'date', required: 'recommended', width: 12,
    hint: '开始由镇行使的日期，如 2015-10-01；尚未启用的空白',
    synonyms: ['启用日期', '启用时间', '承接日期', '承接时间', '实施日期', '实施时间', '运行时间', '开始实施时间', '下放时间', '下放日期', '执行日期', '启动日期'],
  },
];

/** Columns whose value is computed from others: recognised so they are not mistaken, recomputed, never trusted. */
export const DERIVED_HEADERS: Record<TableKind, string[]> = {
  projects: ['占年度计划', '占年度计划%', '完成率', '年度计划完成率', '完成比例', '投资完成率', '完成年度计划', '完成年度计划%', '占年计划', '完成进度', '占比', '序时进度', '比序时进度'],
  indicators: ['完成年度目标', '完成年度目标%', '完成率', '完成目标%', '占年度目标', '占年度目标%', '完成进度', '目标完成率', '完成比例', '序时进度'],
  powers: ['承接率', '已承接数', '承接比例'],
};

export const FIELDS: Record<TableKind, FieldSpec[]> = { projects: PROJECT_FIELDS, indicators: INDICATOR_FIELDS, powers: POWER_FIELDS };

/** The header a rendering (summary sheet, task pane) gives a field: its short form where it has one. */
export function fieldHeader(kind: TableKind, key: string): string {
  const f = FIELDS[kind].find((x) => x.key === key);
  if (!f) throw new Error(`no field ${kind}.${key}`);
  return f.short ?? f.label;
}

export const KIND_LABEL: Record<TableKind, string> = { projects: '重点项目表', indicators: '主要指标表', powers: '扩权强镇事项表' };

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
const amount = (label: string) => z.number().finite().nonnegative({ message: `E_NEGATIVE|${label}` }).nullable();

const ProjectRowShape = z.object({
  seq: z.number().finite().nullable(),
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
});

/** A rule's finding, as the schema's refinement reports it (zod adds code 'custom'). */
export interface RowRuleIssue {
  path: [string];
  message: string;
  params: Record<string, number | string>;
}

/** The rules across the fields of a project row: the refinement of ProjectRowSchema. */
function projectRowRules(row: z.infer<typeof ProjectRowShape>, add: (i: RowRuleIssue) => void): void {
  const { totalInvestment: total, completedYtd: ytd, weekDone: week, annualPlan: plan } = row;
  if (ytd !== null && total !== null && total > 0 && ytd - total > 1e-6) {
    add({ path: ['completedYtd'], message: 'E_YTD_GT_TOTAL', params: { ytd, total } });
  }
  if (week !== null && ytd !== null && week - ytd > 1e-6) {
    add({ path: ['weekDone'], message: 'E_WEEK_GT_YTD', params: { week, ytd } });
  }
  const since = row.completedSinceStart;
  if (ytd !== null && since !== null && ytd - since > 1e-6) {
    add({ path: ['completedYtd'], message: 'E_YTD_GT_SINCE_START', params: { ytd, since } });
  }
  if (since !== null && total !== null && total > 0 && since - total > 1e-6) {
    add({ path: ['completedSinceStart'], message: 'E_SINCE_START_GT_TOTAL', params: { since, total } });
  }
  if (ytd !== null && plan !== null && plan > 0 && ytd - plan > 1e-6) {
    add({ path: ['completedYtd'], message: 'W_OVER_PLAN', params: { ytd, plan } });
  }
  if (row.status !== null && row.status !== '' && !PROJECT_STATUSES.includes(row.status)) {
    add({ path: ['status'], message: 'W_BAD_STATUS', params: { value: row.status } });
  }
}

export const ProjectRowSchema = ProjectRowShape.superRefine((row, ctx) => projectRowRules(row, (i) => ctx.addIssue({ code: 'custom', ...i })));

/**
 * A quick test, compiled from a row schema's own fields (nullable numbers with a lower bound, strings with a
 * least length) and its refinement, that the schema accepts a row without a single issue: true only then. Rows
 * it does not vouch for go through zod itself, which gives the issues (zod per row is the slow part of 10,000 rows).
 * A field of a kind it cannot read switches it off (always false): the schema stays the one source of the rules.
 */
function quickRowCheck<S extends z.ZodRawShape, R>(
  shape: z.ZodObject<S>,
  rules: (row: R, add: (i: RowRuleIssue) => void) => void,
): (row: Record<string, unknown>) => boolean {
  // two plain arrays and an index loop: the check runs per row from the first file on, mostly not yet optimised, where
  // an iterator and a destructured pair per field cost more than the check itself
  const keys: string[] = [];
  const checks: ((v: unknown) => boolean)[] = [];
  for (const [key, schema] of Object.entries(shape.shape)) {
    const check = fieldCheck(schema as z.ZodTypeAny);
    if (!check) return () => false;
    keys.push(key);
    checks.push(check);
  }
  const n = keys.length;
  let found = false;
  const add = () => {
    found = true;
  };
  return (row) => {
    for (let i = 0; i < n; i++) if (!checks[i]!(row[keys[i]!])) return false;
    found = false;
    rules(row as R, add);
    return !found;
  };
}

function fieldCheck(schema: z.ZodTypeAny): ((v: unknown) => boolean) | null {
  let nullable = false;
  let inner: z.ZodTypeAny = schema;
  if (inner instanceof z.ZodNullable) {
    nullable = true;
    inner = inner.unwrap() as z.ZodTypeAny;
  }
  if (inner instanceof z.ZodNumber) {
    let min = -Infinity;
    let exclusive = false;
    for (const c of inner._def.checks) {
      // finite: the quick test only ever accepts finite numbers
      if (c.kind === 'finite') continue;
      if (c.kind !== 'min') return null;
      if (c.value > min || (c.value === min && !c.inclusive)) {
        min = c.value;
        exclusive = !c.inclusive;
      }
    }
    return (v) => (v === null ? nullable : typeof v === 'number' && Number.isFinite(v) && (exclusive ? v > min : v >= min));
  }
  if (inner instanceof z.ZodString) {
    let min = 0;
    for (const c of inner._def.checks) {
      if (c.kind !== 'min') return null;
      min = Math.max(min, c.value);
    }
    return (v) => (v === null ? nullable : typeof v === 'string' && v.length >= min);
  }
  return null;
}

/** True when ProjectRowSchema accepts the row without any issue (quickly; false means: ask the schema). */
export const projectRowIsClean = quickRowCheck(ProjectRowShape, projectRowRules);

export type ProjectRow = z.infer<typeof ProjectRowSchema>;

export const IndicatorRowSchema = z.object({
  seq: z.number().finite().nullable(),
  name: z.string().min(1),
  unit: z.string().nullable(),
  target: z.number().finite().nullable(),
  actual: z.number().finite().nullable(),
  yoy: z.number().finite().nullable(),
});

export type IndicatorRow = z.infer<typeof IndicatorRowSchema>;

/** True when IndicatorRowSchema accepts the row as it is (quickly; false means: ask the schema). */
export const indicatorRowIsClean = quickRowCheck(IndicatorRowSchema, () => undefined);

/**
 * A row of the powers register after its values were mapped to their canonical forms (unknown wordings stay as
 * written): the lists are checked here, the department against the county's list.
 */
const PowerRowShape = z.object({
  seq: z.number().finite().nullable(),
  department: z.string().nullable(),
  name: z.string().min(1),
  powerType: text,
  way: z.string().nullable(),
  basis: text,
  receiver: text,
  status: z.string().nullable(),
  /** YYYY-MM-DD, or the text as written when it is no date. */
  startDate: z.string().nullable(),
});

/** The rules across the fields of a power row, for the county's departments: the refinement of its schema. */
function powerRowRules(departments: string[]): (row: z.infer<typeof PowerRowShape>, add: (i: RowRuleIssue) => void) => void {
  const known = new Set(departments);
  const departmentList = departments.length > 6 ? [...departments.slice(0, 6), '…'] : departments;
  return (row, add) => {
    const required = (key: 'department' | 'way' | 'status', label: string, allowed: string[]) => {
      if (row[key] === null || row[key] === '') {
        add({ path: [key], message: 'E_POWER_REQUIRED', params: { label, allowed: allowed.join('/') } });
        return false;
      }
      return true;
    };
    if (required('department', '原实施部门', departmentList) && !known.has(row.department!)) {
      add({ path: ['department'], message: 'E_POWER_DEPARTMENT', params: { value: row.department! } });
    }
    if (required('way', '下放方式', POWER_WAYS) && !POWER_WAYS.includes(row.way!)) {
      add({ path: ['way'], message: 'E_POWER_WAY', params: { value: row.way!, allowed: POWER_WAYS.join('/') } });
    }
    if (required('status', '承接状态', POWER_STATUSES) && !POWER_STATUSES.includes(row.status!)) {
      add({ path: ['status'], message: 'E_POWER_STATUS', params: { value: row.status!, allowed: POWER_STATUSES.join('/') } });
    }
    if (row.powerType !== null && !POWER_TYPES.includes(row.powerType)) {
      add({ path: ['powerType'], message: 'W_POWER_TYPE', params: { value: row.powerType, allowed: POWER_TYPES.join('/') } });
    }
    if (row.startDate !== null && !/^\d{4}-\d{2}-\d{2}$/.test(row.startDate)) {
      add({ path: ['startDate'], message: 'E_POWER_DATE', params: { value: row.startDate } });
    }
  };
}

/** The schema of a power row for the county's departments. */
export function makePowerRowSchema(departments: string[]) {
  const rules = powerRowRules(departments);
  return PowerRowShape.superRefine((row, ctx) => rules(row, (i) => ctx.addIssue({ code: 'custom', ...i })));
}

/** True when makePowerRowSchema(departments) accepts the row without any issue (quickly; false: ask the schema). */
export function makePowerRowIsClean(departments: string[]): (row: Record<string, unknown>) => boolean {
  return quickRowCheck(PowerRowShape, powerRowRules(departments));
}

export const PowerRowSchema = makePowerRowSchema(DEFAULT_DEPARTMENTS.map((d) => d.name));
export type PowerRow = z.infer<typeof PowerRowSchema>;

export const ROW_SCHEMAS = { projects: ProjectRowSchema, indicators: IndicatorRowSchema, powers: PowerRowSchema } as const;

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
