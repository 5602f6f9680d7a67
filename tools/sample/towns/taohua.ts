/**
 * The sample county, one town in its own layout: its projects and the writer of its files.
 * 10. 桃花镇: one workbook, sheets 「重点项目」 and 「指标」.
 */
import { addSheet, newBook } from '../cells';
import { Indicator, ind } from '../indicators';
import { writeIndicators, writeStdTable } from '../layouts';
import { AS_OF, Grain, STAFF, realise, specs } from '../model';
import { FOOTER, Out, TownExpect } from '../out';
import { taohuaPowersSheet } from '../powers';

export const TAOHUA_SPECS = specs([
  ['桃花源景区提升工程', '产业发展', '在建', 'g', 8800, '景区游步道、游客中心、停车场提升改造', '2014-2016'],
  ['桃花大道', '基础设施', '在建', 'r', 5900, '新建桃花大道2.2公里', '2014-2016'],
  ['镇区污水零直排工程', '生态环境', '在建', 'g', 2300, '镇区污水管网全覆盖改造', '2015-2016'],
  ['桃花中学迁建', '社会事业', '在建', 'y', 12600, '迁建30班初中，建筑面积3.4万平方米', '2014-2017'],
  ['水果批发市场', '产业发展', '竣工', 'g', 2600, '建设水果批发市场1.2万平方米', '2014-2015'],
  ['桃溪河道整治', '生态环境', '在建', 'r', 3400, '整治桃溪3.8公里', '2015-2016'],
  ['安置房一期', '社会事业', '在建', 'g', 8300, '建设安置房310套', '2014-2016'],
  ['镇区公共停车场', '基础设施', '前期', null, 1200, '建设公共停车场2处', '2016'],
  ['社区服务中心', '社会事业', '在建', 'y', 1700, '建设社区服务中心4200平方米', '2015-2016'],
]);

export const TAOHUA_INDICATORS: Indicator[] = [
  ind('地区生产总值（亿元）', '地区生产总值', '亿元', true, '亿元', 32, 25.9, 7.1),
  ind('财政总收入（亿元）', '财政总收入', '亿元', true, '亿元', 3.2, 2.51, 6.5),
  ind('一般公共预算收入（亿元）', '地方财政收入', '亿元', true, '亿元', 1.7, 1.36, 7.2),
  ind('固定资产投资（亿元）', '固定资产投资', '亿元', true, '亿元', 24, 19.85, 16.8),
  ind('城镇化率（%）', '城镇化率', '%', false, '%', 52, 50.6, null),
  ind('城镇居民人均可支配收入（元）', '城镇居民人均可支配收入', '元', false, '元', 33800, 28150, 8.7),
  ind('农户贷款余额', '农户贷款余额', '万元', true, '万元', 26000, 23800, 12.3),
  ind('新增建设用地', '新增建设用地', '亩', true, '公顷', 30, 22, null),
  ind('建成区面积', '建成区面积', '平方公里', true, '平方公里', 4.6, 4.4, null),
];

/** 10. 桃花镇: one workbook, sheets 「重点项目」 and 「指标」. */
export async function taohua(out: Out): Promise<TownExpect> {
  const town = '桃花镇';
  const grain: Grain = { plan: 10, ytd: 1 };
  const projects = realise(town, TAOHUA_SPECS, STAFF[town], grain);
  const wb = newBook();
  const ws = addSheet(wb, '重点项目');
  writeStdTable(ws, projects, {
    titleValue: `${town}重点项目推进情况表`,
    month: 10,
    sections: false,
    total: true,
    twoHeaderRows: false,
    notes: [
      [1, '截至2015年10月31日', 'left'],
      [16, '单位：万元', 'right'],
    ],
    footerText: FOOTER('冯建英'),
  });
  const wsi = addSheet(wb, '指标');
  writeIndicators(wsi, TAOHUA_INDICATORS, {
    titleText: `${town}主要指标完成情况`,
    columns: ['seq', 'name', 'unit', 'target', 'actual', 'yoy', 'remark'],
    headers: ['序号', '指标名称', '计量单位', '年度目标', '1-10月累计', '同比增长（%）', '备注'],
    notes: [[7, '截至2015年10月31日', 'right']],
    footerText: FOOTER('冯建英'),
  });
  taohuaPowersSheet(wb);
  const file = await out.book('桃花镇重点项目及主要指标.xlsx', wb);
  return {
    town,
    status: 'submitted',
    reportDate: AS_OF,
    files: [file],
    otherFiles: [],
    projects,
    indicators: TAOHUA_INDICATORS,
    notes: [
      'One workbook, two tables: sheet 「重点项目」 (one header row, 合计 row in A merged A:E) and sheet 「指标」.',
      'Indicators: headers 指标名称｜计量单位｜年度目标｜1-10月累计｜同比增长（%）｜备注; several names carry their unit 「地区生产总值（亿元）」; 一般公共预算收入 = 地方财政收入; 新增建设用地 written in 公顷 (catalog 亩, ×15).',
    ],
  };
}
