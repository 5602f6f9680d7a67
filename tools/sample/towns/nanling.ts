/**
 * The sample county, one town in its own layout: its projects and the writer of its files.
 * 4. 南岭镇: full-width digits as text, percent text in a derived column, synonyms, date as a serial number.
 */
import ExcelJS from 'exceljs';
import { Col, addSheet, dataRow, footer, fullWidth, headerRow, newBook, note, pct1, setWidths, title } from '../cells';
import { AS_OF, Grain, STAFF, realise, specs } from '../model';
import { Out, TownExpect } from '../out';

export const NANLING_SPECS = specs([
  ['南岭大道延伸工程', '基础设施', '在建', 'g', 7800, '延伸南岭大道2.6公里，路幅宽36米', '2014-2016'],
  ['南岭工业园区三期开发', '产业发展', '在建', 'r', 23000, '开发工业用地1200亩，建设标准厂房及配套设施', '2014-2017'],
  ['南岭中心幼儿园', '社会事业', '竣工', 'g', 1800, '新建15班幼儿园，建筑面积7500平方米', '2014-2015'],
  ['南岭卫生院综合楼', '社会事业', '在建', 'y', 3300, '新建综合楼1.1万平方米', '2015-2016'],
  ['镇区主要道路雨污管网改造', '基础设施', '在建', 'g', 2900, '改造雨污管网8公里', '2015-2016'],
  ['南溪河道综合整治', '生态环境', '在建', 'r', 4100, '整治南溪河道4.8公里，新建堤防及绿道', '2015-2016'],
  ['城市综合体（南岭广场）', '产业发展', '前期', null, 35000, '建设商业综合体15万平方米', '2016-2019'],
  ['农贸市场提升改造', '基础设施', '竣工', 'g', 850, '改造农贸市场4000平方米', '2015'],
  ['安置小区（金山苑）', '社会事业', '在建', 'y', 11200, '建设安置房420套', '2014-2016'],
]);

/** 4. 南岭镇: full-width digits as text, percent text in a derived column, synonyms, date as a serial number. */
export async function nanling(out: Out): Promise<TownExpect> {
  const town = '南岭镇';
  const grain: Grain = { plan: 10, ytd: 1 };
  const projects = realise(town, NANLING_SPECS, STAFF[town], grain);
  const wb = newBook();
  const ws = addSheet(wb, '南岭镇');
  const cols: Col[] = [
    { header: '序号', width: 6, kind: 'int' },
    { header: '项目名', width: 24, kind: 'text' },
    { header: '类别', width: 9.5, kind: 'center' },
    { header: '建设内容', width: 28, kind: 'wide' },
    { header: '建设年限', width: 10, kind: 'center' },
    { header: '计划总投资', width: 11, kind: 'amount', numFmt: '#,##0' },
    { header: '年度计划投资', width: 11, kind: 'amount', numFmt: '#,##0' },
    { header: '本周完成投资', width: 10, kind: 'amount', numFmt: '#,##0' },
    { header: '年度累计完成', width: 11, kind: 'amount', numFmt: '#,##0' },
    { header: '完成率', width: 8, kind: 'pct' },
    { header: '形象进度', width: 22, kind: 'wide' },
    { header: '本周工作进展', width: 20, kind: 'wide' },
    { header: '下步计划', width: 20, kind: 'wide' },
    { header: '存在问题', width: 24, kind: 'wide' },
    { header: '挂钩领导', width: 8, kind: 'center' },
    { header: '责任单位', width: 12, kind: 'text' },
    { header: '项目状态', width: 8, kind: 'center' },
  ];
  setWidths(ws, cols);
  title(ws, 1, cols.length, '南岭镇重点项目建设进度表');
  note(ws, 2, 1, '填报日期：');
  const dc = ws.getCell(2, 2);
  dc.value = new Date(Date.UTC(2015, 9, 31));
  dc.numFmt = 'yyyy"年"m"月"d"日"';
  dc.alignment = { horizontal: 'left' };
  note(ws, 2, 16, '单位：万元', 'right');
  headerRow(ws, 3, cols);
  // Odd rows: every amount typed as full-width text; even rows: ordinary numbers.
  projects.forEach((p, i) => {
    const fw = i % 2 === 0;
    const amt = (v: number | null): ExcelJS.CellValue => (v === null ? null : fw ? fullWidth(String(v)) : v);
    const rate = pct1(p);
    dataRow(ws, 4 + i, cols, [
      p.seq,
      p.name,
      p.category,
      p.scope,
      p.period,
      amt(p.total),
      amt(p.plan),
      amt(p.week),
      amt(p.ytd),
      rate === null ? null : `${Math.round(rate)}%`,
      p.progress,
      p.weekProgress,
      p.nextPlan,
      p.problems,
      p.leader,
      p.unit,
      p.status,
    ]);
  });
  footer(ws, 4 + projects.length, cols.length, `填报人：朱红英　　挂钩领导签字：　　　审核：林海涛`);
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: 3 }];
  ws.pageSetup.printTitlesRow = '3:3';
  const file = await out.book('南岭镇重点项目建设进度表.xlsx', wb);
  return {
    town,
    status: 'submitted',
    reportDate: AS_OF,
    files: [file],
    otherFiles: [],
    projects,
    indicators: null,
    notes: [
      'Rows 4,6,8,… (the 1st, 3rd, … projects): amounts are TEXT in full-width digits (「１２５００」); the other rows are numbers.',
      'Derived column 完成率 as text 「85%」 (empty for 前期). Synonym headers 项目名/类别/建设内容/建设年限/计划总投资/年度计划投资/本周完成投资/年度累计完成/本周工作进展/下步计划/挂钩领导/项目状态.',
      'Date: B2 is a real date (serial 42308) formatted 2015年10月31日, after 「填报日期：」 in A2; 「单位：万元」 in P2. No 合计 row.',
    ],
  };
}
