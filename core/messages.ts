/**
 * The error catalogue: every problem code the product can report, once, as data. Code → scope (what it is about:
 * a file, a table, a row or a cell), severity (an error sends the town's file back; a warning does not), a short
 * Chinese title (the rules doc's 含义 column) and the Chinese message template, whose {name} placeholders are filled
 * from an issue's params. The reader's codes (group 'read') have no template: the reader composes its message from
 * what it found in the bytes (io/grid/exceljs-grid.ts, io/read/), but takes the code, its scope and its severity from
 * here. Nothing anywhere guesses a severity from a code's prefix, and no other table of codes exists.
 * `docs/zh/rules.md` is generated from this table (`npm run docs:rules`); a test holds the two equal.
 * A county may reword messages; codes never change.
 */
import { Issue, Severity } from './types';
import { formatEnUs } from './numbers';

/** What a code is about: the whole file, one table (or sheet), one row, one cell. */
export type Scope = 'file' | 'table' | 'row' | 'cell';

/** The rules doc's sections, in order. */
export const CODE_GROUPS = {
  read: '读取文件',
  table: '表格与列',
  cell: '行与单元格',
  powers: '扩权强镇事项',
  town: '乡镇与报表日期',
  files: '同一乡镇的多份文件',
  targets: '县下达目标（--targets，错误时退出码 2，什么也不写）',
  previous: '上周报告（--previous，错误时退出码 2，什么也不写）',
  history: '历年各周报告（--history，有问题的文件跳过，不影响本次汇总）',
} as const;
export type CodeGroup = keyof typeof CODE_GROUPS;

export interface CodeDef {
  scope: Scope;
  severity: Severity;
  group: CodeGroup;
  /** Short Chinese title. */
  title: string;
  /** Chinese message template with {placeholders}; null when the reader composes the message itself. */
  template: string | null;
  /** For the rules doc only: what the title leaves out (typical causes, limits, where to change them). */
  note?: string;
}

const defs = {
  // tables and columns
  E_NO_TABLE: { scope: 'file', severity: 'error', group: 'table', title: '没有可识别的表格', template: '未找到重点项目表、主要指标表或扩权强镇事项表：没有一行表头同时含有「项目名称」和投资列（或「指标名称」和目标/完成列，或「事项名称」和原实施部门/下放方式/承接状态列）。请使用模板的表头。' },
  E_REQUIRED_COLUMN: { scope: 'table', severity: 'error', group: 'table', title: '缺少必填列', note: '必填列见下文「必填列」', template: '{table}缺少必填列「{label}」（可用的列名：{synonyms}）{hint}' },
  W_HEADER_AMBIGUOUS: { scope: 'table', severity: 'warning', group: 'table', title: '表头含义不明确，该列未采用', template: '表头「{header}」既可能是「{a}」，也可能是「{b}」，无法确定，该列未采用；请把表头写明（如「年度计划投资」「总投资」「1-N月累计完成投资」「开工以来累计完成投资」），或由县里在配置文件 headers 中指明' },
  E_COLUMN_TWICE: { scope: 'table', severity: 'error', group: 'table', title: '两列是同一项且数字不一致', template: '{first}列「{firstHeader}」和{second}列「{header}」都是「{label}」，而两列的数字不一致，无法确定采用哪一列；请删去或改写其中一列的表头' },
  W_OPTIONAL_COLUMN: { scope: 'table', severity: 'warning', group: 'table', title: '缺少选填列', template: '{table}没有「{label}」列，该项按空白处理' },
  W_DUPLICATE_COLUMN: { scope: 'table', severity: 'warning', group: 'table', title: '列重复', template: '「{header}」与{first}列重复，只采用{first}列' },
  W_UNIT_ASSUMED: { scope: 'table', severity: 'warning', group: 'table', title: '未注明金额单位，按万元计', template: '{table}未注明金额单位，按万元计；如不是万元，请在表头或「单位：」中写明' },
  E_UNIT_AMBIGUOUS: { scope: 'table', severity: 'error', group: 'table', title: '未注明金额单位且数额不像万元', note: '最大的总投资只有几十，像亿元；或大得像元', template: '{table}没有注明金额单位，而最大的总投资/年度计划只有 {max}，看起来是{guess}而不是万元；请在表头或「单位：」中写明单位后重新报送' },
  E_AMOUNT_IMPLAUSIBLE: { scope: 'cell', severity: 'error', group: 'table', title: '单个项目金额超过合理上限', note: '上限 500 亿元（5,000,000 万元）', template: '「{label}」为 {value} 万元，超过一个项目的合理上限（{max} 万元），多半是把元当成了万元，请核对单位' },
  E_UNIT: { scope: 'cell', severity: 'error', group: 'table', title: '单位无法换算', note: '如指标单位与目录单位不是同一类', template: '单位「{unit}」无法换算为{target}（{what}）' },
  W_HIDDEN_SHEET: { scope: 'table', severity: 'warning', group: 'table', title: '隐藏的工作表未读取', template: '工作表「{sheet}」是隐藏的，未读取；如需报送请取消隐藏' },
  E_EMPTY_TABLE: { scope: 'table', severity: 'error', group: 'table', title: '只有表头（空白模板）', note: '发来了空白模板', template: '「{sheet}」的{table}只有表头，没有填写任何一行（是否发来了空白模板？）' },
  W_EMPTY_TABLE: { scope: 'table', severity: 'warning', group: 'table', title: '空表已跳过', template: '「{sheet}」的{table}没有填写任何一行，已跳过' },
  W_NO_TABLE_IN_SHEET: { scope: 'table', severity: 'warning', group: 'table', title: '工作表中没有表格', template: '工作表「{sheet}」中没有可识别的表格，已跳过' },
  // rows and cells
  E_NOT_NUMBER: { scope: 'cell', severity: 'error', group: 'cell', title: '不是数字', note: '金额、数值单元格填了文字，如「待定」', template: '「{label}」应为数字，实际为「{value}」' },
  E_PERCENT_IN_AMOUNT: { scope: 'cell', severity: 'error', group: 'cell', title: '金额列填了百分比', template: '「{label}」是金额，不能填百分比「{value}」' },
  E_NEGATIVE: { scope: 'cell', severity: 'error', group: 'cell', title: '金额为负数', template: '「{label}」不能为负数（{value}）' },
  E_YTD_GT_TOTAL: { scope: 'row', severity: 'error', group: 'cell', title: '累计完成大于总投资', template: '累计完成投资 {ytd} 万元大于总投资 {total} 万元' },
  E_YTD_GT_SINCE_START: { scope: 'row', severity: 'error', group: 'cell', title: '本年累计大于开工以来累计', template: '本年累计完成 {ytd} 万元大于开工以来累计完成 {since} 万元' },
  E_SINCE_START_GT_TOTAL: { scope: 'row', severity: 'error', group: 'cell', title: '开工以来累计大于总投资', template: '开工以来累计完成 {since} 万元大于总投资 {total} 万元' },
  E_WEEK_GT_YTD: { scope: 'row', severity: 'error', group: 'cell', title: '本周完成大于累计完成', template: '本周完成 {week} 万元大于累计完成 {ytd} 万元' },
  W_PLAN_NO_YTD: { scope: 'cell', severity: 'warning', group: 'cell', title: '有年度计划而没有累计完成', note: '「—」「-」「/」「无」和空白都是没有数字，按 0 计算完成率', template: '年度计划为 {plan} 万元，而「{label}」{how}：按尚未完成投资（0）计算完成率，该项目会显示为滞后；如已有完成投资请填写，确实为零请填 0' },
  W_OVER_PLAN: { scope: 'row', severity: 'warning', group: 'cell', title: '累计完成超过年度计划', template: '累计完成 {ytd} 万元已达年度计划 {plan} 万元的 {pct}，请核实' },
  E_DUP_NAME: { scope: 'row', severity: 'error', group: 'cell', title: '项目（指标）名称重复', template: '名称「{name}」重复（{first}已有）' },
  E_NO_NAME: { scope: 'row', severity: 'error', group: 'cell', title: '有数字但没有名称', template: '第 {row} 行有数字但没有{what}名称' },
  E_FORMULA_ERROR: { scope: 'cell', severity: 'error', group: 'cell', title: '公式错误值', template: '「{label}」是公式错误值 {error}，请修正公式' },
  W_FORMULA_ERROR_DERIVED: { scope: 'cell', severity: 'warning', group: 'cell', title: '派生列有公式错误值', template: '「{label}」列有公式错误值 {error}（该列由系统重新计算，不影响汇总）' },
  E_FORMULA_NO_RESULT: { scope: 'cell', severity: 'error', group: 'cell', title: '必填数字的公式没有计算结果', note: '文件由程序生成、未在 Excel/WPS 中保存过', template: '「{label}」是公式但没有计算结果（文件未在 Excel/WPS 中保存过），请打开文件保存后重新报送' },
  W_FORMULA_NO_RESULT: { scope: 'cell', severity: 'warning', group: 'cell', title: '选填数字的公式没有计算结果', template: '「{label}」是公式但没有计算结果，按空白处理' },
  W_TOTAL_MISMATCH: { scope: 'row', severity: 'warning', group: 'cell', title: '合计行与明细不符', template: '「{label}」的{kind}行为 {stated}，而明细相加为 {computed}（差 {diff}）' },
  W_HIDDEN_ROWS: { scope: 'table', severity: 'warning', group: 'cell', title: '有隐藏的数据行', note: '筛选或手动隐藏的数据行照样计入汇总', template: '有 {n} 行数据是隐藏的（第 {rows} 行，可能被筛选或手动隐藏），已计入汇总；如这些项目不应报送，请删除这些行' },
  W_DETAIL_ROWS: { scope: 'table', severity: 'warning', group: 'cell', title: '「其中」分项行不重复计入', template: '以「其中」开头的 {n} 行（第 {rows} 行）是上一行的分项，已含在上一行中，不重复计入' },
  E_VALUE_IMPLAUSIBLE: { scope: 'cell', severity: 'error', group: 'cell', title: '指标数值不在合理范围', note: '比率填成了小数 0.58、单位写错等；范围见指标目录，可在 --config 的 indicators 中调整', template: '指标「{name}」为 {value} {unit}，不在一个乡镇的合理范围（{lo}～{hi} {unit}）内，{hint}' },
  W_UNKNOWN_INDICATOR: { scope: 'row', severity: 'warning', group: 'cell', title: '指标不在指标目录中', note: '不参与全县汇总', template: '指标「{name}」不在指标目录中，不参与全县汇总' },
  W_INDICATOR_UNIT_ASSUMED: { scope: 'row', severity: 'warning', group: 'cell', title: '指标未注明单位，按目录单位计', template: '指标「{name}」未注明单位，按目录单位「{unit}」计' },
  W_BAD_STATUS: { scope: 'cell', severity: 'warning', group: 'cell', title: '项目状态不在列表中', template: '状态「{value}」不是 前期/在建/竣工/停建 之一，按原文显示' },
  W_TEXT_TRUNCATED: { scope: 'cell', severity: 'warning', group: 'cell', title: '文字过长已截断', template: '「{label}」超过 {max} 个字，汇总表中已截断' },
  // delegated powers (扩权强镇事项)
  E_POWER_REQUIRED: { scope: 'cell', severity: 'error', group: 'powers', title: '扩权事项必填项没有填写', template: '「{label}」没有填写（应为 {allowed}）' },
  E_POWER_DEPARTMENT: { scope: 'cell', severity: 'error', group: 'powers', title: '原实施部门不在部门名单中', note: '部门名单可在 --config 的 departments 中替换', template: '原实施部门「{value}」不在本县部门名单中（{allowed}）；如是新设部门或另一种写法，请县里在配置 departments 中补上' },
  E_POWER_WAY: { scope: 'cell', severity: 'error', group: 'powers', title: '下放方式不在六种之中', template: '下放方式「{value}」不是 {allowed} 之一' },
  E_POWER_STATUS: { scope: 'cell', severity: 'error', group: 'powers', title: '承接状态不在四种之中', template: '承接状态「{value}」不是 {allowed} 之一' },
  W_POWER_TYPE: { scope: 'cell', severity: 'warning', group: 'powers', title: '权力类型不在列表中', template: '权力类型「{value}」不是 {allowed} 之一，按原文显示' },
  E_POWER_DATE: { scope: 'cell', severity: 'error', group: 'powers', title: '启用日期不是日期', template: '启用日期「{value}」不是日期（可填 2015-10-01、2015年10月1日 或 Excel 日期；尚未启用的空白）' },
  E_DUP_POWER: { scope: 'row', severity: 'error', group: 'powers', title: '同一部门的事项名称重复', template: '{department}的事项「{name}」重复（{first}已有）' },
  W_POWER_COUNT_MISMATCH: { scope: 'row', severity: 'warning', group: 'powers', title: '事项合计行与明细不符', template: '{kind}行写的是「{text}」（{stated} 项），而其下实际列出 {computed} 项事项，请核对' },
  E_POWER_NO_NAME: { scope: 'row', severity: 'error', group: 'powers', title: '有部门等信息但没有事项名称', template: '第 {row} 行填了部门、下放方式或承接状态，但没有事项名称' },
  // town and date
  E_TOWN_UNKNOWN: { scope: 'file', severity: 'error', group: 'town', title: '确定不了填报乡镇', template: '无法确定填报乡镇：标题、「填报单位」和文件名中都没有名册里的乡镇名称{found}' },
  W_TOWN_CONFLICT: { scope: 'file', severity: 'warning', group: 'town', title: '乡镇名称前后不一致', template: '{where}写的是「{other}」，本文件按{basis}的「{town}」汇总，请核实' },
  W_NO_DATE: { scope: 'file', severity: 'warning', group: 'town', title: '未找到报表日期', template: '未找到报表日期（如「截至2015年10月31日」），按汇总日期处理' },
  W_DATE_AFTER_ASOF: { scope: 'file', severity: 'warning', group: 'town', title: '报表日期晚于汇总日期', template: '报表日期 {date} 晚于汇总日期 {asOf}' },
  W_DATE_STALE: { scope: 'file', severity: 'warning', group: 'town', title: '报表日期过早', note: '早于汇总日期一周以上（--config 的 staleDays，默认 7 天）', template: '报表日期 {date} 比汇总日期 {asOf} 早 {days} 天，可能不是本周的报表' },
  W_MONTH_MISMATCH: { scope: 'table', severity: 'warning', group: 'town', title: '表头月份与报表日期不符', template: '「{header}」是 1-{month} 月的累计，而报表日期是 {date}，请核实是否填错了月份' },
  W_DATE_CONFLICT: { scope: 'file', severity: 'warning', group: 'town', title: '同一文件中报表日期不一致', template: '同一文件中的报表日期不一致（{dates}），采用 {date}' },
  // files of one town
  W_SAME_DATE: { scope: 'file', severity: 'warning', group: 'files', title: '同一乡镇多份同日报表', template: '本乡镇有 {n} 份报表日期同为 {date} 的{kind}，按文件修改时间（再按文件名）采用了本文件；其余：{others}。请确认哪一份是最终版' },
  W_OLDER_UNREADABLE: { scope: 'file', severity: 'warning', group: 'files', title: '同一乡镇另有无法采用的文件', template: '本乡镇另有文件「{other}」无法采用，已视为较早的报表，{kind}按本文件汇总；如它才是本周报表，请乡镇改正后重新报送' },
  SKIP_SUMMARY_WORKBOOK: { scope: 'file', severity: 'warning', group: 'files', title: '县汇总表不是乡镇报表，已忽略', template: '这是本程序生成的县汇总表，不是乡镇报表，已忽略（汇总表请另放在报表文件夹之外）' },
  I_SUPERSEDED: { scope: 'file', severity: 'warning', group: 'files', title: '已被较新的报表替代', template: '{kind}已被同一乡镇较新的报表（{by}）替代，未计入汇总' },
  I_SUPERSEDED_REJECTED: { scope: 'file', severity: 'warning', group: 'files', title: '较新的报表被退回，本文件不再采用', template: '该乡镇较新的报表（{by}）被退回，本文件的{kind}也不再采用' },
  // county targets (--targets): the county's own workbook; an error stops the run (exit 2)
  E_TARGETS_NO_TABLE: { scope: 'file', severity: 'error', group: 'targets', title: '目标表中没有可识别的表格', template: '没有找到目标表：需要一行表头同时含有「乡镇」「指标名称」和「目标值」（可有「单位」「年度」「调整后目标」「调整日期」「调整文号」）' },
  E_TARGET_TOWN_UNKNOWN: { scope: 'cell', severity: 'error', group: 'targets', title: '目标表的乡镇不在名册中', template: '乡镇「{town}」不在名册中（如是别名，请在名册的「别名」列中补上）' },
  E_TARGET_NO_TOWN: { scope: 'row', severity: 'error', group: 'targets', title: '目标表的行没有填乡镇', template: '第 {row} 行有目标但没有填乡镇' },
  E_TARGET_INDICATOR_UNKNOWN: { scope: 'cell', severity: 'error', group: 'targets', title: '目标表的指标不在指标目录中', template: '指标「{name}」不在指标目录中，无法与乡镇报表对应（请改用目录中的名称，或在 --config 的 indicators 中补充）' },
  E_TARGET_DUPLICATE: { scope: 'row', severity: 'error', group: 'targets', title: '同一乡镇同一指标同一年度的目标重复', template: '{town}「{name}」{year}的目标重复（{first}已有）' },
  E_TARGET_BAD_YEAR: { scope: 'cell', severity: 'error', group: 'targets', title: '年度不是有效年份', template: '年度「{value}」不是有效的年份（如 2015）' },
  E_TARGET_BAD_DATE: { scope: 'cell', severity: 'error', group: 'targets', title: '调整日期不是有效日期', template: '调整日期「{value}」不是有效日期（如 2015-07-15 或 2015年7月15日）' },
  E_TARGET_ADJUST_NO_DATE: { scope: 'row', severity: 'error', group: 'targets', title: '有调整后目标但没有调整日期', template: '有调整后目标 {value} 但没有调整日期，无法确定从何时起执行' },
  W_TARGET_DATE_NO_VALUE: { scope: 'row', severity: 'warning', group: 'targets', title: '有调整日期但没有调整后目标', template: '有调整日期 {date} 但没有调整后目标，按原目标执行' },
  W_TARGETS_NONE_FOR_YEAR: { scope: 'file', severity: 'warning', group: 'targets', title: '目标表中没有本年度的目标', template: '目标表中没有 {year} 年的目标（有 {years} 年的），乡镇指标按各自报表中的目标计算' },
  W_TARGET_NOT_REPORTED: { scope: 'table', severity: 'warning', group: 'targets', title: '县下达目标的指标未报送', template: '县里为本镇下达了「{name}」的目标（{target} {unit}），但本文件的主要指标表中没有这一指标，汇总中按“未报送”列出' },
  W_TARGET_DIFFERS: { scope: 'cell', severity: 'warning', group: 'targets', title: '乡镇目标与县下达目标不同', note: '县下达（或调整后）的目标与乡镇表中的年度目标不同，按县下达的目标计算', template: '本表「{name}」的年度目标为 {town} {unit}，县下达的目标为 {county} {unit}（{basis}），完成率按县下达的目标计算' },
  // week over week (--previous): last week's JSON report; an error stops the run (exit 2)
  E_PREVIOUS_UNREADABLE: { scope: 'file', severity: 'error', group: 'previous', title: '上周报告无法读取', note: '文件不存在、没有读取权限等', template: '上周报告 {file} 无法读取（{reason}）' },
  E_PREVIOUS_NOT_JSON: { scope: 'file', severity: 'error', group: 'previous', title: '上周报告不是有效的 JSON', template: '上周报告 {file} 不是有效的 JSON 文件（{reason}）；请给出上周汇总时 --json 输出的报告' },
  E_PREVIOUS_NOT_REPORT: { scope: 'file', severity: 'error', group: 'previous', title: '上周报告不是本程序的报告', template: '上周报告 {file} 不是本程序生成的 JSON 报告（{reason}）；请给出上周汇总时 --json 输出的报告' },
  E_PREVIOUS_AFTER_ASOF: { scope: 'file', severity: 'error', group: 'previous', title: '上周报告的日期晚于本次', template: '上周报告 {file} 的汇总日期 {previous} 晚于本次汇总日期 {asOf}，请检查是否选错了文件或 --as-of' },
  W_PREVIOUS_SAME_DATE: { scope: 'file', severity: 'warning', group: 'previous', title: '上周报告与本次同一天', template: '上周报告 {file} 的汇总日期与本次相同（{asOf}），「较上周」只是同一天两次汇总之差，请确认没有选错文件' },
  W_PREVIOUS_OLD: { scope: 'file', severity: 'warning', group: 'previous', title: '上周报告相隔两周以上', template: '上周报告 {file} 的汇总日期 {previous} 比本次早 {days} 天，「较上周」是这 {days} 天的变化' },
  W_PREVIOUS_OTHER_YEAR: { scope: 'file', severity: 'warning', group: 'previous', title: '上周报告是另一年度的', template: '上周报告 {file} 是 {year} 年的，年度累计跨年不可比，只比较排名和灯号' },
  W_PREVIOUS_NO_PROJECTS: { scope: 'file', severity: 'warning', group: 'previous', title: '上周报告没有项目明细', template: '上周报告 {file} 没有项目明细（较早版本生成），只比较乡镇合计和排名' },
  E_PREVIOUS_VERSION: { scope: 'file', severity: 'error', group: 'previous', title: '上周报告的格式版本不认识', template: '上周报告 {file} 的格式版本为 {version}，本程序不认识（可能由更新版本的程序生成）；请升级本程序，或给出本程序生成的报告' },
  // the year's history (--history): a bad file is skipped, never stops the run
  W_HISTORY_NOT_JSON: { scope: 'file', severity: 'warning', group: 'history', title: '历史报告不是有效的 JSON，已跳过', template: '历史报告 {file} 不是有效的 JSON 文件（{reason}，可能不完整），已跳过' },
  W_HISTORY_NOT_REPORT: { scope: 'file', severity: 'warning', group: 'history', title: '历史报告不是本程序的报告，已跳过', template: '历史报告 {file} 不是本程序生成的 JSON 报告（{reason}），已跳过' },
  W_HISTORY_VERSION: { scope: 'file', severity: 'warning', group: 'history', title: '历史报告的格式版本不认识，已跳过', template: '历史报告 {file} 的格式版本为 {version}，本程序不认识（可能由更新版本的程序生成），已跳过' },
  W_HISTORY_UNREADABLE: { scope: 'file', severity: 'warning', group: 'history', title: '历史报告无法读取，已跳过', template: '历史报告 {file} 无法读取（{reason}），已跳过' },
  W_HISTORY_AFTER_ASOF: { scope: 'file', severity: 'warning', group: 'history', title: '历史报告晚于本次汇总日期，已跳过', template: '历史报告 {file} 的汇总日期 {date} 晚于本次汇总日期 {asOf}，已跳过' },
  W_HISTORY_OTHER_YEAR: { scope: 'file', severity: 'warning', group: 'history', title: '历史报告是另一年度的，已跳过', template: '历史报告 {file} 是 {year} 年的，年度累计跨年不连续，不计入 {asOfYear} 年的走势，已跳过' },
  W_HISTORY_OTHER_COUNTY: { scope: 'file', severity: 'warning', group: 'history', title: '历史报告像是另一个县的，已跳过', template: '历史报告 {file} 的乡镇与本次名册不符（{n} 个乡镇中只有 {matched} 个在名册中），像是另一个县的报告，已跳过' },
  W_HISTORY_SAME_WEEK: { scope: 'file', severity: 'warning', group: 'history', title: '同一周有两份报告，只用较晚的', template: '历史报告 {file}（{date}）与 {other}（{otherDate}）同在一周，按每周一份只采用较晚的 {other}' },
  W_HISTORY_COMPACT: { scope: 'file', severity: 'warning', group: 'history', title: '历史摘要文件无法使用，已重新生成', template: '历史摘要文件 {file} 无法使用（{reason}），已按各周报告重新生成' },
  // files of one town
  E_TOWN_REJECTED_LATEST: { scope: 'file', severity: 'error', group: 'files', title: '文件有错误，整份退回', note: '目前没有程序发出这个代码（保留，代码不再改作他用）', template: '文件有错误，整个文件退回，请按所列单元格修改后重新报送' },
  // reading a file (io/read, io/grid, the pane's browser reader): the reader writes the message from what it found
  SKIP_LOCK_FILE: { scope: 'file', severity: 'warning', group: 'read', title: 'Excel/WPS 的临时锁定文件（~$…），已忽略', template: null },
  SKIP_SYSTEM_FILE: { scope: 'file', severity: 'warning', group: 'read', title: '操作系统生成的文件（Thumbs.db 等），已忽略', template: null },
  SKIP_NOT_SPREADSHEET: { scope: 'file', severity: 'warning', group: 'read', title: '不是表格文件（Word、PDF、图片等），已忽略', template: null },
  E_FORMAT_XLS: { scope: 'file', severity: 'error', group: 'read', title: '不能读取的格式（.xlsb、.ods、.csv 等；.xls、.et 在没有 LibreOffice 或用了 --no-convert 时），请另存为 .xlsx', note: '旧格式文件的处理另见 legacy-files.md', template: null },
  W_CONVERTED: { scope: 'file', severity: 'warning', group: 'read', title: '旧格式（.xls、.et）已由 LibreOffice 转换副本后读取', note: '原文件不改动；--no-convert 时按 E_FORMAT_XLS 退回', template: '本文件是{format}格式，已由 LibreOffice 把副本转换为 .xlsx 后读取（原文件未改动）；建议乡镇今后另存为 .xlsx 报送' },
  W_LEGACY_READ: { scope: 'file', severity: 'warning', group: 'read', title: '旧格式（.xls、.et）已由本程序直接读取', note: '不需要 LibreOffice，原文件不改动；本程序读不了的旧格式文件才交给 LibreOffice 转换（W_CONVERTED）；--no-convert 时按 E_FORMAT_XLS 退回', template: '本文件是{format}格式，已直接读取（原文件未改动）；建议乡镇今后另存为 .xlsx 报送' },
  E_ENCRYPTED: { scope: 'file', severity: 'error', group: 'read', title: '文件设了打开密码', template: null },
  E_EMPTY_FILE: { scope: 'file', severity: 'error', group: 'read', title: '文件是空的（0 字节）', template: null },
  E_TOO_LARGE: { scope: 'file', severity: 'error', group: 'read', title: '文件、工作表或单元格数超过上限', note: '各项上限见 ../dev/reading-guards.md', template: null },
  E_NOT_XLSX: { scope: 'file', severity: 'error', group: 'read', title: '不是 Excel 工作簿（PDF、网页、文本等改了扩展名）', template: null },
  E_READ_FAILED: { scope: 'file', severity: 'error', group: 'read', title: '文件已损坏或无法打开', template: null },
  E_READ_TIMEOUT: { scope: 'file', severity: 'error', group: 'read', title: '读取超时', note: '一个文件的读取超过时限后放弃，其他文件照常汇总', template: null },
} satisfies Record<string, CodeDef>;

/** Every code the product reports. */
export type Code = keyof typeof defs;
export const CATALOGUE: Readonly<Record<Code, CodeDef>> = defs;

export function isCode(code: string): code is Code {
  return Object.prototype.hasOwnProperty.call(CATALOGUE, code);
}

export function message(code: string, params: Record<string, string | number> = {}): string {
  const template = isCode(code) ? CATALOGUE[code].template ?? code : code;
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (params[k] !== undefined ? String(params[k]) : ''));
}

/** The catalogue's severity; a string that is no code (a zod message of its own) is an error. */
export function severityOf(code: string): Severity {
  return isCode(code) ? CATALOGUE[code].severity : 'error';
}

export function makeIssue(
  code: Code,
  sheet: string | null,
  cell: string | null,
  params: Record<string, string | number> = {},
): Issue {
  return { severity: severityOf(code), code, sheet, cell, message: message(code, params) };
}

/** Amount for messages: up to 4 decimals, no trailing zeros, thousands separators (as en-US `toLocaleString` writes it). */
export function fmtAmount(v: number): string {
  return formatEnUs(v, 0, 4);
}

export function fmtPercent(ratio: number, digits = 1): string {
  return `${(ratio * 100).toFixed(digits)}%`;
}
