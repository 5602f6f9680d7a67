/**
 * The sample county, one town in its own layout: its projects and the writer of its files.
 * 2. 壶源镇: one header row, other order, extra columns, amounts in 亿元 (本周完成 in 万元), town only in the title.
 */
import { Col, addSheet, dataRow, footer, headerRow, newBook, setWidths, title } from '../cells';
import { AS_OF, Grain, STAFF, r4, realise, specs } from '../model';
import { FOOTER, Out, TownExpect } from '../out';

export const HUYUAN_SPECS = specs([
  ['壶源江综合治理工程', '生态环境', '在建', 'g', 8600, '整治壶源江干流6.2公里，新建堤防及滨江绿道', '2014-2016'],
  ['镇区污水管网二期工程', '基础设施', '在建', 'r', 2300, '铺设污水主管网7.8公里，新建提升泵站2座', '2015-2016'],
  ['壶源大道西延工程', '基础设施', '在建', 'y', 5400, '新建道路1.9公里，路幅宽30米', '2014-2016'],
  ['城南安置房一期', '社会事业', '在建', 'g', 12800, '建设安置房480套，建筑面积6.2万平方米', '2014-2016'],
  ['壶源中学扩建工程', '社会事业', '竣工', 'g', 2600, '新建教学楼、实验楼1.1万平方米', '2014-2015'],
  ['镇卫生院迁建工程', '社会事业', '在建', 'r', 4800, '新建门诊住院综合楼1.5万平方米，床位120张', '2015-2017'],
  ['农贸市场新建工程', '基础设施', '在建', 'g', 1900, '新建农贸市场6000平方米及地下停车场', '2015-2016'],
  ['五金产业园标准厂房', '产业发展', '在建', 'y', 16000, '建设标准厂房15万平方米', '2014-2017'],
  ['壶源湿地公园', '生态环境', '前期', null, 6500, '建设湿地公园1200亩，含生态修复及游览设施', '2016-2018'],
  ['镇区供水提升工程', '基础设施', '在建', 'g', 1500, '新建清水池2000立方米，改造供水管网6公里', '2015'],
  ['文化中心及全民健身广场', '社会事业', '前期', null, 3800, '建设文化中心8000平方米及健身广场2万平方米', '2016-2017'],
  ['茶叶精深加工园区', '产业发展', '在建', 'r', 7200, '建设茶叶精深加工厂房及交易中心4.5万平方米', '2015-2017'],
]);

/** 2. 壶源镇: one header row, other order, extra columns, amounts in 亿元 (本周完成 in 万元), town only in the title. */
export async function huyuan(out: Out): Promise<TownExpect> {
  const town = '壶源镇';
  const grain: Grain = { plan: 100, ytd: 10 };
  const projects = realise(town, HUYUAN_SPECS, STAFF[town], grain);
  const wb = newBook();
  const ws = addSheet(wb, 'Sheet1');
  const cols: Col[] = [
    { header: '序号', width: 6, kind: 'int' },
    { header: '项目名称', width: 24, kind: 'text' },
    { header: '项目类别', width: 9.5, kind: 'center' },
    { header: '责任单位', width: 12, kind: 'text' },
    { header: '项目组长', width: 8, kind: 'center' },
    { header: '状态', width: 6, kind: 'center' },
    { header: '总投资（亿元）', width: 10, kind: 'amount', numFmt: '0.00' },
    { header: '年度计划投资（亿元）', width: 11, kind: 'amount', numFmt: '0.00' },
    { header: '本周完成（万元）', width: 10, kind: 'amount', numFmt: '0' },
    { header: '累计完成投资（亿元）', width: 11, kind: 'amount', numFmt: '0.000' },
    { header: '形象进度', width: 24, kind: 'wide' },
    { header: '本周进展', width: 22, kind: 'wide' },
    { header: '下周计划', width: 20, kind: 'wide' },
    { header: '存在问题', width: 26, kind: 'wide' },
    { header: '建设内容及规模', width: 30, kind: 'wide' },
    { header: '建设起止年限', width: 10, kind: 'center' },
    { header: '联系电话', width: 13, kind: 'center' },
    { header: '备注', width: 14, kind: 'text' },
  ];
  setWidths(ws, cols);
  title(ws, 1, cols.length, '壶源镇2015年重点项目进展情况（2015.10.31）');
  headerRow(ws, 2, cols);
  const phones: Record<string, string> = {};
  STAFF[town].leaders.forEach((l, i) => (phones[l] = `1380000${String(1201 + i * 7)}`));
  projects.forEach((p, i) => {
    dataRow(ws, 3 + i, cols, [
      p.seq,
      p.name,
      p.category,
      p.unit,
      p.leader,
      p.status,
      r4(p.total / 1e4),
      p.plan === null ? null : r4(p.plan / 1e4),
      p.week,
      r4(p.ytd / 1e4),
      p.progress,
      p.weekProgress,
      p.nextPlan,
      p.problems,
      p.scope,
      p.period,
      phones[p.leader],
      p.status === '前期' ? '列入省重点前期项目' : p.status === '竣工' ? '已完工' : null,
    ]);
  });
  footer(ws, 3 + projects.length + 1, cols.length, FOOTER('蒋丽君'));
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: 2 }];
  ws.pageSetup.printTitlesRow = '2:2';
  const file = await out.book('重点项目进展情况（2015.10.31）.xlsx', wb);
  return {
    town,
    status: 'submitted',
    reportDate: AS_OF,
    files: [file],
    otherFiles: [],
    projects,
    indicators: null,
    notes: [
      'Town only in the title 「壶源镇2015年重点项目进展情况（2015.10.31）」; one header row (row 2); no 合计 row.',
      'Amounts in 亿元 via headers 「总投资（亿元）」「年度计划投资（亿元）」「累计完成投资（亿元）」; 本周完成 in 万元 via 「本周完成（万元）」.',
      'Extra columns 联系电话, 备注; columns in a different order.',
    ],
  };
}
