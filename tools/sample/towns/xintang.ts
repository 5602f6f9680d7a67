/**
 * The sample county, one town in its own layout: its projects and the writer of its files.
 * 6. 新塘镇: rich-text names and title (mixed Latin/Chinese runs), date as text 「2015年10月31日」.
 */
import { FONT, addSheet, newBook } from '../cells';
import { writeStdTable } from '../layouts';
import { AS_OF, Grain, STAFF, realise, specs } from '../model';
import { FOOTER, Out, TownExpect } from '../out';

export const XINTANG_SPECS = specs([
  ['G104国道新塘段拓宽工程', '基础设施', '在建', 'r', 14500, '拓宽G104国道新塘段5.3公里，双向六车道', '2014-2016'],
  ['LED路灯节能改造工程', '基础设施', '竣工', 'g', 620, '更换LED路灯1800盏', '2015'],
  ['PPP模式城乡供水一体化工程', '基础设施', '在建', 'y', 8800, '新建水厂1座及城乡供水管网42公里，采用PPP模式', '2015-2017'],
  ['新塘中心小学综合楼', '社会事业', '在建', 'g', 2400, '新建综合楼7600平方米', '2015-2016'],
  ['新塘农贸市场', '基础设施', '在建', 'g', 1600, '新建农贸市场5000平方米', '2015-2016'],
  ['3A级景区（新塘古村）创建工程', '产业发展', '在建', 'r', 2900, '古村落修缮、游客中心及旅游厕所建设，创建国家3A级景区', '2015-2016'],
  ['塘河生态湿地公园', '生态环境', '在建', 'y', 3700, '建设湿地公园650亩', '2015-2017'],
  ['纺织产业园标准厂房', '产业发展', '前期', null, 10500, '建设标准厂房10万平方米', '2016-2018'],
]);

/** 6. 新塘镇: rich-text names and title (mixed Latin/Chinese runs), date as text 「2015年10月31日」. */
export async function xintang(out: Out): Promise<TownExpect> {
  const town = '新塘镇';
  const grain: Grain = { plan: 10, ytd: 1 };
  const projects = realise(town, XINTANG_SPECS, STAFF[town], grain);
  const wb = newBook();
  const ws = addSheet(wb, 'Sheet1');
  writeStdTable(ws, projects, {
    titleValue: {
      richText: [
        { font: { name: FONT, size: 16, bold: true }, text: '新塘镇' },
        { font: { name: 'Times New Roman', size: 16, bold: true }, text: '2015' },
        { font: { name: FONT, size: 16, bold: true }, text: '年重点项目推进情况表' },
      ],
    },
    month: 10,
    sections: false,
    total: false,
    twoHeaderRows: false,
    richNames: true,
    notes: [
      [1, '单位：万元', 'left'],
      [16, '2015年10月31日', 'right'],
    ],
    footerText: FOOTER('俞美芳'),
  });
  const file = await out.book('新塘镇重点项目推进情况表.xlsx', wb);
  return {
    town,
    status: 'submitted',
    reportDate: AS_OF,
    files: [file],
    otherFiles: [],
    projects,
    indicators: null,
    notes: [
      'Title is rich text 「新塘镇」「2015」「年重点项目推进情况表」; names with Latin letters/digits are rich text split into runs (e.g. 「G」+「104国道新塘段拓宽工程」).',
      'One header row (row 3), 「1-10月累计完成投资」; date text 「2015年10月31日」 in P2; no 合计 row.',
    ],
  };
}
