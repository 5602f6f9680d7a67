/**
 * The sample county, one town in its own layout: its projects and the writer of its files.
 * 5. 白石镇: town only in the file name; amounts as formulas with cached results; #DIV/0! in the derived 完成率.
 */
import ExcelJS from 'exceljs';
import { Col, addSheet, dataRow, footer, headerRow, newBook, note, planOf, setWidths, sum, title } from '../cells';
import { AS_OF, Grain, STAFF, between, realise, rngFor, roundTo, specs } from '../model';
import { Out, TownExpect } from '../out';

export const BAISHI_SPECS = specs([
  ['白石工业区标准厂房', '产业发展', '在建', 'g', 9500, '新建标准厂房8万平方米', '2014-2016'],
  ['石材产业园转型升级', '产业发展', '在建', 'r', 12000, '整合石材企业42家入园，建设集中加工区及废水处理设施', '2014-2017'],
  ['白石大桥及连接线', '基础设施', '在建', 'y', 6400, '新建大桥420米及连接线1.2公里', '2014-2016'],
  ['镇区自来水厂扩建', '基础设施', '在建', 'g', 2200, '水厂日供水能力由1万吨扩至2万吨', '2015-2016'],
  ['白石初中改扩建', '社会事业', '在建', 'g', 3100, '新建教学综合楼9000平方米', '2015-2016'],
  ['社区卫生服务中心', '社会事业', '前期', null, 2800, '新建社区卫生服务中心8000平方米', '2016-2017'],
  ['白石溪综合治理', '生态环境', '在建', 'r', 3900, '整治白石溪3.5公里', '2015-2016'],
  ['垃圾填埋场封场及中转站', '生态环境', '竣工', 'g', 1200, '填埋场封场治理及新建中转站1座', '2015'],
  ['城中村改造一期', '社会事业', '在建', 'y', 15800, '改造城中村住房560户', '2014-2017'],
  ['游客集散中心', '产业发展', '前期', null, 1800, '建设游客集散中心2500平方米及停车场', '2016'],
]);

/** 5. 白石镇: town only in the file name; amounts as formulas with cached results; #DIV/0! in the derived 完成率. */
export async function baishi(out: Out): Promise<TownExpect> {
  const town = '白石镇';
  const grain: Grain = { plan: 10, ytd: 1, prepZero: true };
  const projects = realise(town, BAISHI_SPECS, STAFF[town], grain);
  const wb = newBook();
  const ws = addSheet(wb, '周报');
  const cols: Col[] = [
    { header: '序号', width: 6, kind: 'int' },
    { header: '项目名称', width: 24, kind: 'text' },
    { header: '类别', width: 9.5, kind: 'center' },
    { header: '建设内容', width: 28, kind: 'wide' },
    { header: '总投资', width: 11, kind: 'amount', numFmt: '#,##0' },
    { header: '年度计划投资', width: 11, kind: 'amount', numFmt: '#,##0' },
    { header: '本周完成', width: 9.5, kind: 'amount', numFmt: '#,##0' },
    { header: '累计完成投资', width: 11, kind: 'amount', numFmt: '#,##0' },
    { header: '完成率', width: 8, kind: 'pct', numFmt: '0.0%' },
    { header: '形象进度', width: 22, kind: 'wide' },
    { header: '本周进展', width: 20, kind: 'wide' },
    { header: '下周计划', width: 20, kind: 'wide' },
    { header: '存在问题', width: 24, kind: 'wide' },
    { header: '责任领导', width: 8, kind: 'center' },
    { header: '责任单位', width: 12, kind: 'text' },
    { header: '状态', width: 6, kind: 'center' },
  ];
  setWidths(ws, cols);
  title(ws, 1, cols.length, '重点项目推进表');
  note(ws, 2, 15, '单位：万元', 'right');
  headerRow(ws, 3, cols);
  const first = 4;
  const rng = rngFor('baishi-split');
  projects.forEach((p, i) => {
    const r = first + i;
    // 总投资 sometimes typed as a sum of its parts; 累计 always "last week's figure + this week".
    let total: ExcelJS.CellValue = p.total;
    if (i % 3 === 1) {
      const a = roundTo(p.total * between(rng, 0.4, 0.7), 100);
      total = { formula: `${a}+${p.total - a}`, result: p.total };
    }
    const ytd: ExcelJS.CellValue = { formula: `${p.ytd - p.week}+G${r}`, result: p.ytd };
    const rate: ExcelJS.CellValue =
      p.plan && p.plan > 0
        ? { formula: `H${r}/F${r}`, result: p.ytd / p.plan }
        : { formula: `H${r}/F${r}`, result: { error: '#DIV/0!' } };
    dataRow(ws, r, cols, [
      p.seq,
      p.name,
      p.category,
      p.scope,
      total,
      p.plan,
      p.week,
      ytd,
      rate,
      p.progress,
      p.weekProgress,
      p.nextPlan,
      p.problems,
      p.leader,
      p.unit,
      p.status,
    ]);
    // dataRow skips empty values; 0 plans of 前期 projects are written as 0.
    if (p.plan === 0) ws.getCell(r, 6).value = 0;
    if (p.week === 0) ws.getCell(r, 7).value = 0;
  });
  const last = first + projects.length - 1;
  const tr = last + 1;
  const totalCells: [number, number][] = [
    [5, sum(projects.map((p) => p.total))],
    [6, sum(projects.map(planOf))],
    [7, sum(projects.map((p) => p.week))],
    [8, sum(projects.map((p) => p.ytd))],
  ];
  dataRow(ws, tr, cols, [null, '合计']);
  for (const [c, result] of totalCells) {
    const L = ws.getColumn(c).letter;
    ws.getCell(tr, c).value = { formula: `SUM(${L}${first}:${L}${last})`, result };
  }
  ws.getCell(tr, 9).value = { formula: `H${tr}/F${tr}`, result: totalCells[3][1] / totalCells[1][1] };
  footer(ws, tr + 1, cols.length, '填报人：童慧敏　　项目组长签字：　　　日期：');
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: 3 }];
  ws.pageSetup.printTitlesRow = '3:3';
  const file = await out.book('白石镇-重点项目周报-20151031.xlsx', wb);
  const divRows = projects.map((p, i) => (p.plan === 0 ? `I${first + i}` : null)).filter((x): x is string => x !== null);
  return {
    town,
    status: 'submitted',
    reportDate: AS_OF,
    files: [file],
    otherFiles: [],
    projects,
    indicators: null,
    notes: [
      'Town and date ONLY in the file name 「白石镇-重点项目周报-20151031.xlsx」; title 「重点项目推进表」; footer date empty.',
      `累计完成投资 (H) is a formula 「=<last week>+G<row>」 with a cached result; some 总投资 are 「=a+b」; 合计 row with SUM formulas.`,
      `完成率 (I, derived) is =H/F; ${divRows.join(', ')} cache #DIV/0! (前期 projects with annual plan 0) — a derived column: must not reject the file.`,
    ],
  };
}
