/**
 * The error catalogue: stable code → severity and Chinese message template. Placeholders {name} are filled from
 * the params of an issue. A county may reword messages; codes never change.
 */
import { Issue, Severity } from './types';

export interface MessageDef {
  severity: Severity;
  template: string;
}

export const MESSAGES: Record<string, MessageDef> = {
  // table and columns
  E_NO_TABLE: { severity: 'error', template: '未找到重点项目表、主要指标表或扩权强镇事项表：没有一行表头同时含有「项目名称」和投资列（或「指标名称」和目标/完成列，或「事项名称」和原实施部门/下放方式/承接状态列）。请使用模板的表头。' },
  E_REQUIRED_COLUMN: { severity: 'error', template: '{table}缺少必填列「{label}」（可用的列名：{synonyms}）' },
  W_OPTIONAL_COLUMN: { severity: 'warning', template: '{table}没有「{label}」列，该项按空白处理' },
  W_DUPLICATE_COLUMN: { severity: 'warning', template: '「{header}」与{first}列重复，只采用{first}列' },
  W_UNIT_ASSUMED: { severity: 'warning', template: '{table}未注明金额单位，按万元计；如不是万元，请在表头或「单位：」中写明' },
  E_UNIT_AMBIGUOUS: { severity: 'error', template: '{table}没有注明金额单位，而最大的总投资/年度计划只有 {max}，看起来是{guess}而不是万元；请在表头或「单位：」中写明单位后重新报送' },
  E_AMOUNT_IMPLAUSIBLE: { severity: 'error', template: '「{label}」为 {value} 万元，超过一个项目的合理上限（{max} 万元），多半是把元当成了万元，请核对单位' },
  E_UNIT: { severity: 'error', template: '单位「{unit}」无法换算为{target}（{what}）' },
  W_HIDDEN_SHEET: { severity: 'warning', template: '工作表「{sheet}」是隐藏的，未读取；如需报送请取消隐藏' },
  E_EMPTY_TABLE: { severity: 'error', template: '「{sheet}」的{table}只有表头，没有填写任何一行（是否发来了空白模板？）' },
  W_EMPTY_TABLE: { severity: 'warning', template: '「{sheet}」的{table}没有填写任何一行，已跳过' },
  W_NO_TABLE_IN_SHEET: { severity: 'warning', template: '工作表「{sheet}」中没有可识别的表格，已跳过' },
  // cells
  E_NOT_NUMBER: { severity: 'error', template: '「{label}」应为数字，实际为「{value}」' },
  E_PERCENT_IN_AMOUNT: { severity: 'error', template: '「{label}」是金额，不能填百分比「{value}」' },
  E_NEGATIVE: { severity: 'error', template: '「{label}」不能为负数（{value}）' },
  E_YTD_GT_TOTAL: { severity: 'error', template: '累计完成投资 {ytd} 万元大于总投资 {total} 万元' },
  E_YTD_GT_SINCE_START: { severity: 'error', template: '本年累计完成 {ytd} 万元大于开工以来累计完成 {since} 万元' },
  E_SINCE_START_GT_TOTAL: { severity: 'error', template: '开工以来累计完成 {since} 万元大于总投资 {total} 万元' },
  E_WEEK_GT_YTD: { severity: 'error', template: '本周完成 {week} 万元大于累计完成 {ytd} 万元' },
  W_OVER_PLAN: { severity: 'warning', template: '累计完成 {ytd} 万元已达年度计划 {plan} 万元的 {pct}，请核实' },
  E_DUP_NAME: { severity: 'error', template: '名称「{name}」重复（{first}已有）' },
  E_NO_NAME: { severity: 'error', template: '第 {row} 行有数字但没有{what}名称' },
  E_FORMULA_ERROR: { severity: 'error', template: '「{label}」是公式错误值 {error}，请修正公式' },
  W_FORMULA_ERROR_DERIVED: { severity: 'warning', template: '「{label}」列有公式错误值 {error}（该列由系统重新计算，不影响汇总）' },
  E_FORMULA_NO_RESULT: { severity: 'error', template: '「{label}」是公式但没有计算结果（文件未在 Excel/WPS 中保存过），请打开文件保存后重新报送' },
  W_FORMULA_NO_RESULT: { severity: 'warning', template: '「{label}」是公式但没有计算结果，按空白处理' },
  W_TOTAL_MISMATCH: { severity: 'warning', template: '「{label}」的{kind}行为 {stated}，而明细相加为 {computed}（差 {diff}）' },
  W_HIDDEN_ROWS: { severity: 'warning', template: '有 {n} 行数据是隐藏的（第 {rows} 行，可能被筛选或手动隐藏），已计入汇总；如这些项目不应报送，请删除这些行' },
  W_DETAIL_ROWS: { severity: 'warning', template: '以「其中」开头的 {n} 行（第 {rows} 行）是上一行的分项，已含在上一行中，不重复计入' },
  E_VALUE_IMPLAUSIBLE: { severity: 'error', template: '指标「{name}」为 {value} {unit}，不在一个乡镇的合理范围（{lo}～{hi} {unit}）内，{hint}' },
  W_UNKNOWN_INDICATOR: { severity: 'warning', template: '指标「{name}」不在指标目录中，不参与全县汇总' },
  W_INDICATOR_UNIT_ASSUMED: { severity: 'warning', template: '指标「{name}」未注明单位，按目录单位「{unit}」计' },
  W_BAD_STATUS: { severity: 'warning', template: '状态「{value}」不是 前期/在建/竣工/停建 之一，按原文显示' },
  W_TEXT_TRUNCATED: { severity: 'warning', template: '「{label}」超过 {max} 个字，汇总表中已截断' },
  // delegated powers (扩权强镇事项)
  E_POWER_REQUIRED: { severity: 'error', template: '「{label}」没有填写（应为 {allowed}）' },
  E_POWER_DEPARTMENT: { severity: 'error', template: '原实施部门「{value}」不在本县部门名单中（{allowed}）；如是新设部门或另一种写法，请县里在配置 departments 中补上' },
  E_POWER_WAY: { severity: 'error', template: '下放方式「{value}」不是 {allowed} 之一' },
  E_POWER_STATUS: { severity: 'error', template: '承接状态「{value}」不是 {allowed} 之一' },
  W_POWER_TYPE: { severity: 'warning', template: '权力类型「{value}」不是 {allowed} 之一，按原文显示' },
  E_POWER_DATE: { severity: 'error', template: '启用日期「{value}」不是日期（可填 2015-10-01、2015年10月1日 或 Excel 日期；尚未启用的空白）' },
  E_DUP_POWER: { severity: 'error', template: '{department}的事项「{name}」重复（{first}已有）' },
  E_POWER_NO_NAME: { severity: 'error', template: '第 {row} 行填了部门、下放方式或承接状态，但没有事项名称' },
  // town and date
  E_TOWN_UNKNOWN: { severity: 'error', template: '无法确定填报乡镇：标题、「填报单位」和文件名中都没有名册里的乡镇名称{found}' },
  W_TOWN_CONFLICT: { severity: 'warning', template: '{where}写的是「{other}」，本文件按{basis}的「{town}」汇总，请核实' },
  W_NO_DATE: { severity: 'warning', template: '未找到报表日期（如「截至2015年10月31日」），按汇总日期处理' },
  W_DATE_AFTER_ASOF: { severity: 'warning', template: '报表日期 {date} 晚于汇总日期 {asOf}' },
  W_DATE_STALE: { severity: 'warning', template: '报表日期 {date} 比汇总日期 {asOf} 早 {days} 天，可能不是本周的报表' },
  W_MONTH_MISMATCH: { severity: 'warning', template: '「{header}」是 1-{month} 月的累计，而报表日期是 {date}，请核实是否填错了月份' },
  W_DATE_CONFLICT: { severity: 'warning', template: '同一文件中的报表日期不一致（{dates}），采用 {date}' },
  // files
  W_SAME_DATE: { severity: 'warning', template: '本乡镇有 {n} 份报表日期同为 {date} 的{kind}，按文件修改时间（再按文件名）采用了本文件；其余：{others}。请确认哪一份是最终版' },
  W_OLDER_UNREADABLE: { severity: 'warning', template: '本乡镇另有文件「{other}」无法采用，已视为较早的报表，{kind}按本文件汇总；如它才是本周报表，请乡镇改正后重新报送' },
  SKIP_SUMMARY_WORKBOOK: { severity: 'warning', template: '这是本程序生成的县汇总表，不是乡镇报表，已忽略（汇总表请另放在报表文件夹之外）' },
  I_SUPERSEDED: { severity: 'warning', template: '{kind}已被同一乡镇较新的报表（{by}）替代，未计入汇总' },
  I_SUPERSEDED_REJECTED: { severity: 'warning', template: '该乡镇较新的报表（{by}）被退回，本文件的{kind}也不再采用' },
  // county targets (--targets): the county's own workbook; a broken one stops the run
  E_TARGETS_NO_TABLE: { severity: 'error', template: '没有找到目标表：需要一行表头同时含有「乡镇」「指标名称」和「目标值」（可有「单位」「年度」「调整后目标」「调整日期」「调整文号」）' },
  E_TARGET_TOWN_UNKNOWN: { severity: 'error', template: '乡镇「{town}」不在名册中（如是别名，请在名册的「别名」列中补上）' },
  E_TARGET_NO_TOWN: { severity: 'error', template: '第 {row} 行有目标但没有填乡镇' },
  E_TARGET_INDICATOR_UNKNOWN: { severity: 'error', template: '指标「{name}」不在指标目录中，无法与乡镇报表对应（请改用目录中的名称，或在 --config 的 indicators 中补充）' },
  E_TARGET_DUPLICATE: { severity: 'error', template: '{town}「{name}」{year}的目标重复（{first}已有）' },
  E_TARGET_BAD_YEAR: { severity: 'error', template: '年度「{value}」不是有效的年份（如 2015）' },
  E_TARGET_BAD_DATE: { severity: 'error', template: '调整日期「{value}」不是有效日期（如 2015-07-15 或 2015年7月15日）' },
  E_TARGET_ADJUST_NO_DATE: { severity: 'error', template: '有调整后目标 {value} 但没有调整日期，无法确定从何时起执行' },
  W_TARGET_DATE_NO_VALUE: { severity: 'warning', template: '有调整日期 {date} 但没有调整后目标，按原目标执行' },
  W_TARGETS_NONE_FOR_YEAR: { severity: 'warning', template: '目标表中没有 {year} 年的目标（有 {years} 年的），乡镇指标按各自报表中的目标计算' },
  W_TARGET_DIFFERS: { severity: 'warning', template: '本表「{name}」的年度目标为 {town} {unit}，县下达的目标为 {county} {unit}（{basis}），完成率按县下达的目标计算' },
  // week over week (--previous): last week's JSON report
  E_PREVIOUS_UNREADABLE: { severity: 'error', template: '上周报告 {file} 无法读取（{reason}）' },
  E_PREVIOUS_NOT_JSON: { severity: 'error', template: '上周报告 {file} 不是有效的 JSON 文件（{reason}）；请给出上周汇总时 --json 输出的报告' },
  E_PREVIOUS_NOT_REPORT: { severity: 'error', template: '上周报告 {file} 不是本程序生成的 JSON 报告（{reason}）；请给出上周汇总时 --json 输出的报告' },
  E_PREVIOUS_AFTER_ASOF: { severity: 'error', template: '上周报告 {file} 的汇总日期 {previous} 晚于本次汇总日期 {asOf}，请检查是否选错了文件或 --as-of' },
  W_PREVIOUS_SAME_DATE: { severity: 'warning', template: '上周报告 {file} 的汇总日期与本次相同（{asOf}），「较上周」只是同一天两次汇总之差，请确认没有选错文件' },
  W_PREVIOUS_OLD: { severity: 'warning', template: '上周报告 {file} 的汇总日期 {previous} 比本次早 {days} 天，「较上周」是这 {days} 天的变化' },
  W_PREVIOUS_OTHER_YEAR: { severity: 'warning', template: '上周报告 {file} 是 {year} 年的，年度累计跨年不可比，只比较排名和灯号' },
  W_PREVIOUS_NO_PROJECTS: { severity: 'warning', template: '上周报告 {file} 没有项目明细（较早版本生成），只比较乡镇合计和排名' },
  E_PREVIOUS_VERSION: { severity: 'error', template: '上周报告 {file} 的格式版本为 {version}，本程序不认识（可能由更新版本的程序生成）；请升级本程序，或给出本程序生成的报告' },
  // the year's history (--history): a bad file is skipped, never stops the run
  W_HISTORY_NOT_JSON: { severity: 'warning', template: '历史报告 {file} 不是有效的 JSON 文件（{reason}，可能不完整），已跳过' },
  W_HISTORY_NOT_REPORT: { severity: 'warning', template: '历史报告 {file} 不是本程序生成的 JSON 报告（{reason}），已跳过' },
  W_HISTORY_VERSION: { severity: 'warning', template: '历史报告 {file} 的格式版本为 {version}，本程序不认识（可能由更新版本的程序生成），已跳过' },
  W_HISTORY_UNREADABLE: { severity: 'warning', template: '历史报告 {file} 无法读取（{reason}），已跳过' },
  W_HISTORY_AFTER_ASOF: { severity: 'warning', template: '历史报告 {file} 的汇总日期 {date} 晚于本次汇总日期 {asOf}，已跳过' },
  W_HISTORY_OTHER_YEAR: { severity: 'warning', template: '历史报告 {file} 是 {year} 年的，年度累计跨年不连续，不计入 {asOfYear} 年的走势，已跳过' },
  W_HISTORY_OTHER_COUNTY: { severity: 'warning', template: '历史报告 {file} 的乡镇与本次名册不符（{n} 个乡镇中只有 {matched} 个在名册中），像是另一个县的报告，已跳过' },
  W_HISTORY_SAME_WEEK: { severity: 'warning', template: '历史报告 {file}（{date}）与 {other}（{otherDate}）同在一周，按每周一份只采用较晚的 {other}' },
  W_HISTORY_COMPACT: { severity: 'warning', template: '历史摘要文件 {file} 无法使用（{reason}），已按各周报告重新生成' },
  E_TOWN_REJECTED_LATEST: { severity: 'error', template: '文件有错误，整个文件退回，请按所列单元格修改后重新报送' },
};

export function message(code: string, params: Record<string, string | number> = {}): string {
  const def = MESSAGES[code];
  const template = def ? def.template : code;
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (params[k] !== undefined ? String(params[k]) : ''));
}

export function severityOf(code: string): Severity {
  return MESSAGES[code]?.severity ?? (code.startsWith('W_') || code.startsWith('I_') || code.startsWith('SKIP_') ? 'warning' : 'error');
}

export function makeIssue(
  code: string,
  sheet: string | null,
  cell: string | null,
  params: Record<string, string | number> = {},
): Issue {
  return { severity: severityOf(code), code, sheet, cell, message: message(code, params) };
}

/** Amount for messages: up to 4 decimals, no trailing zeros, thousands separators. */
export function fmtAmount(v: number): string {
  return v.toLocaleString('en-US', { maximumFractionDigits: 4 });
}

export function fmtPercent(ratio: number, digits = 1): string {
  return `${(ratio * 100).toFixed(digits)}%`;
}
