/** Town texts that look like formulas, shared by the summary's suite (test/external) and the add-in's (test/unit). */
export const HOSTILE = {
  name: '=HYPERLINK("http://x","点我")',
  name2: '-2+3',
  weekProgress: '@SUM(A1)',
  nextWeekPlan: "=cmd|' /C calc'!A0",
  problems: '+1+1',
  leader: '=1+1',
  indicator: '=cmd|\' /C calc\'!A0 指标',
  power: '=HYPERLINK("http://y","事项")',
  category: '-基础设施',
};

/** The texts the summary shows as whole cells (项目明细, 滞后项目, 存在问题, 主要指标; power names are only counted there). */
export const CELL_TEXTS = [HOSTILE.name, HOSTILE.name2, HOSTILE.problems, HOSTILE.leader, HOSTILE.nextWeekPlan, HOSTILE.indicator];

export const HEAD = ['序号', '项目名称', '项目类别', '总投资', '年度计划投资', '1-10月累计完成投资', '本周进展', '下周计划', '存在问题', '项目组长', '状态'];
export const PHEAD = ['序号', '原实施部门', '事项名称', '权力类型', '下放方式', '法律依据', '承接机构', '承接状态', '启用日期'];

export function townRows(town: string): unknown[][] {
  return [
    [`${town}重点项目推进情况表（截至2015年10月31日）`], ['单位：万元'], HEAD,
    [1, HOSTILE.name, HOSTILE.category, 5000, 2000, 100, HOSTILE.weekProgress, HOSTILE.nextWeekPlan, HOSTILE.problems, HOSTILE.leader, '在建'],
    [2, HOSTILE.name2, '基础设施', 3000, 1000, 900, '完成主体', '继续施工', null, '张明', '在建'],
  ];
}

