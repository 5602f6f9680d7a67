/**
 * The sample county, one town in its own layout: its projects and the writer of its files.
 * 3. 东溪镇: amounts in 元 as text with thousands separators, 「填报单位：东溪镇」, title without town, date cell.
 */
import { Col, addSheet, dataRow, footer, headerRow, newBook, note, planOf, setWidths, sum, thousands, title } from '../cells';
import { AS_OF, Grain, STAFF, realise, specs } from '../model';
import { FOOTER, Out, TownExpect } from '../out';

export const DONGXI_SPECS = specs([
  ['东溪工业功能区道路及管网工程', '基础设施', '在建', 'g', 6800, '新建园区道路3.2公里及配套管网', '2014-2016'],
  ['东溪老街保护与改造', '产业发展', '在建', 'y', 5200, '修缮老街建筑1.8万平方米，发展特色商贸旅游', '2014-2016'],
  ['东溪小学新建工程', '社会事业', '在建', 'g', 5600, '新建24班小学，建筑面积1.8万平方米', '2015-2016'],
  ['东溪集镇污水处理工程', '生态环境', '在建', 'r', 3200, '新建日处理3000吨污水处理站及截污管网5公里', '2015-2016'],
  ['滨溪路改造工程', '基础设施', '竣工', 'g', 1650, '改造滨溪路1.4公里，配套雨污管网', '2015'],
  ['东溪农民公寓（二期）', '社会事业', '在建', 'r', 9800, '建设农民公寓360套，建筑面积4.6万平方米', '2014-2016'],
  ['汽配产业园基础设施', '产业发展', '在建', 'g', 12000, '平整土地600亩，建设园区道路、供电、供水设施', '2014-2017'],
  ['东溪溪道生态修复工程', '生态环境', '在建', 'y', 2750, '生态修复溪道4.3公里，建设亲水步道', '2015-2016'],
  ['镇敬老院改扩建', '社会事业', '竣工', 'g', 900, '改扩建敬老院3200平方米，床位120张', '2015'],
  ['客运中心站', '基础设施', '前期', null, 4500, '建设二级客运站及公交首末站，占地40亩', '2016-2017'],
]);

/** 3. 东溪镇: amounts in 元 as text with thousands separators, 「填报单位：东溪镇」, title without town, date cell. */
export async function dongxi(out: Out): Promise<TownExpect> {
  const town = '东溪镇';
  const grain: Grain = { plan: 10, ytd: 1 };
  const projects = realise(town, DONGXI_SPECS, STAFF[town], grain);
  const wb = newBook();
  const ws = addSheet(wb, '推进情况');
  const cols: Col[] = [
    { header: '序号', width: 6, kind: 'int' },
    { header: '项目名称', width: 24, kind: 'text' },
    { header: '项目类别', width: 9.5, kind: 'center' },
    { header: '建设内容及规模', width: 30, kind: 'wide' },
    { header: '建设起止年限', width: 10, kind: 'center' },
    { header: '总投资(元)', width: 15, kind: 'amount' },
    { header: '年度计划投资(元)', width: 15, kind: 'amount' },
    { header: '本周完成投资(元)', width: 13, kind: 'amount' },
    { header: '累计完成投资(元)', width: 15, kind: 'amount' },
    { header: '形象进度', width: 22, kind: 'wide' },
    { header: '本周进展', width: 20, kind: 'wide' },
    { header: '下周计划', width: 20, kind: 'wide' },
    { header: '存在问题', width: 24, kind: 'wide' },
    { header: '项目组长', width: 8, kind: 'center' },
    { header: '责任单位', width: 12, kind: 'text' },
    { header: '状态', width: 6, kind: 'center' },
  ];
  setWidths(ws, cols);
  title(ws, 1, cols.length, '重点项目推进情况表');
  ws.mergeCells(2, 1, 2, 4);
  note(ws, 2, 1, '填报单位：东溪镇（盖章）');
  note(ws, 2, 13, '截至2015年10月31日', 'right');
  headerRow(ws, 3, cols);
  const yuan = (wan: number | null): string | null => (wan === null ? null : thousands(wan * 1e4));
  projects.forEach((p, i) => {
    dataRow(ws, 4 + i, cols, [
      String(p.seq),
      p.name,
      p.category,
      p.scope,
      p.period,
      yuan(p.total),
      yuan(p.plan),
      yuan(p.week),
      yuan(p.ytd),
      p.progress,
      p.weekProgress,
      p.nextPlan,
      p.problems,
      p.leader,
      p.unit,
      p.status,
    ]);
  });
  const tr = 4 + projects.length;
  dataRow(ws, tr, cols, [
    null,
    '合计',
    null,
    null,
    null,
    yuan(sum(projects.map((p) => p.total))),
    yuan(sum(projects.map(planOf))),
    yuan(sum(projects.map((p) => p.week))),
    yuan(sum(projects.map((p) => p.ytd))),
  ]);
  footer(ws, tr + 1, cols.length, FOOTER('金晓燕'));
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: 3 }];
  ws.pageSetup.printTitlesRow = '3:3';
  const file = await out.book('邮件附件/重点项目推进情况表.xlsx', wb);
  return {
    town,
    status: 'submitted',
    reportDate: AS_OF,
    files: [file],
    otherFiles: [],
    projects,
    indicators: null,
    notes: [
      'Title 「重点项目推进情况表」 without town; town only in A2 「填报单位：东溪镇（盖章）」 (merged A2:D2); date text 「截至2015年10月31日」 in M2.',
      'Amounts in 元 (headers 「总投资(元)」…), stored as TEXT with thousands separators; 序号 as text; a 合计 row (text amounts) in 项目名称.',
    ],
  };
}
