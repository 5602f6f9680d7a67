/**
 * The sample county, one town in its own layout: its projects and the writer of its files.
 * 7. 清溪镇: projects workbook and a separate indicators workbook.
 */
import { addSheet, newBook } from '../cells';
import { Indicator, ind } from '../indicators';
import { writeIndicators, writeStdTable } from '../layouts';
import { AS_OF, Grain, STAFF, realise, specs } from '../model';
import { FOOTER, Out, TownExpect } from '../out';

export const QINGXI_SPECS = specs([
  ['清溪新区路网工程', '基础设施', '在建', 'g', 11800, '新建新区道路6条共7.4公里', '2014-2016'],
  ['清溪污水处理厂提标改造', '生态环境', '在建', 'y', 2600, '出水标准由一级B提至一级A', '2015-2016'],
  ['清溪高级中学新校区', '社会事业', '在建', 'r', 18000, '新建48班高中，建筑面积5.2万平方米', '2014-2017'],
  ['清溪人民医院分院', '社会事业', '在建', 'g', 9600, '新建医院分院2.8万平方米，床位300张', '2014-2016'],
  ['小微企业园', '产业发展', '在建', 'g', 8400, '建设小微企业园厂房7万平方米', '2015-2016'],
  ['电商产业园', '产业发展', '前期', null, 5600, '建设电商孵化、仓储物流用房3万平方米', '2016-2017'],
  ['清溪公园', '生态环境', '竣工', 'g', 2100, '建设城市公园9.5万平方米', '2014-2015'],
  ['老城区有机更新（一期）', '基础设施', '在建', 'r', 13500, '改造老城区街巷12条、老旧小区8个', '2015-2017'],
  ['清溪江堤防加固工程', '生态环境', '在建', 'g', 4600, '加固堤防5.1公里，达到20年一遇防洪标准', '2015-2016'],
  ['保障性住房（公租房）', '社会事业', '在建', 'y', 5200, '建设公租房300套', '2015-2016'],
  ['城市综合管廊试点段', '基础设施', '前期', null, 7800, '建设综合管廊2.2公里', '2016-2018'],
]);

export const QINGXI_INDICATORS: Indicator[] = [
  ind('GDP', '地区生产总值', '亿元', true, '亿元', 68, 55.4, 7.9),
  ind('财政收入', '财政总收入', '亿元', true, '万元', 72000, 61350, 8.4),
  ind('固投', '固定资产投资', '亿元', true, '亿元', 45, 35.1, 15.2),
  ind('规模以上工业增加值', '规上工业增加值', '亿元', true, '亿元', 21.5, 17.26, 6.8),
  ind('城市化率', '城镇化率', '%', false, '%', 65, 63.2, null),
  ind('三产占比', '第三产业增加值占比', '%', false, '%', 41, 39.6, null),
  ind('农民人均纯收入', '农村居民人均纯收入', '元', false, '元', 21500, 17680, 9.6),
  ind('建成区面积', '建成区面积', '平方公里', true, '平方公里', 8.2, 7.9, null),
  ind('建成区常住人口', '建成区常住人口', '万人', true, '万人', 7.5, 7.12, null),
  ind('新增建设用地', '新增建设用地', '亩', true, '亩', 850, 610, null),
  ind('林权抵押贷款余额', '林权抵押贷款余额', '万元', true, '万元', 3500, 2860, 21.4),
  ind('社会消费品零售总额', '社会消费品零售总额', '亿元', true, '亿元', 26, 21.3, 11.5),
  ind('美丽乡村精品村创建', null, '个', false, '个', 3, 2, null),
];

/** 7. 清溪镇: projects workbook and a separate indicators workbook. */
export async function qingxi(out: Out): Promise<TownExpect> {
  const town = '清溪镇';
  const grain: Grain = { plan: 10, ytd: 1 };
  const projects = realise(town, QINGXI_SPECS, STAFF[town], grain);
  const wb = newBook();
  const ws = addSheet(wb, '重点项目');
  writeStdTable(ws, projects, {
    titleValue: `${town}重点项目推进情况表（截至2015年10月31日）`,
    month: 10,
    sections: true,
    total: true,
    notes: [[16, '单位：万元', 'right']],
    footerText: FOOTER('傅丽娟'),
  });
  const f1 = await out.book('清溪镇/清溪镇重点项目推进情况表.xlsx', wb);
  const wi = newBook();
  const wsi = addSheet(wi, '主要指标');
  writeIndicators(wsi, QINGXI_INDICATORS, {
    titleText: `${town}主要指标完成情况表（1-10月）`,
    columns: ['name', 'unit', 'target', 'actual', 'yoy', 'rate'],
    headers: ['指标名称', '单位', '2015年目标', '1-10月完成', '同比增长%', '完成年度目标%'],
    notes: [[1, '填报日期：2015.10.31', 'left']],
    footerText: '填报人：傅丽娟　　分管领导签字：　　　日期：2015.10.31',
  });
  const f2 = await out.book('清溪镇/清溪镇主要指标完成情况表（1-10月）.xlsx', wi);
  return {
    town,
    status: 'submitted',
    reportDate: AS_OF,
    files: [f1, f2],
    otherFiles: [],
    projects,
    indicators: QINGXI_INDICATORS,
    notes: [
      'Projects: canonical two-header layout with sections and 合计.',
      'Indicators in a separate file: alias names (GDP, 财政收入, 固投, 规模以上工业增加值, 城市化率, 三产占比, 农民人均纯收入…), units per row; 财政收入 written in 万元 (catalog 亿元); 社会消费品零售总额 is in the project catalog (extended); 美丽乡村精品村创建 is in no catalog (a warning, not summed); date text 「填报日期：2015.10.31」 in A2.',
    ],
  };
}
