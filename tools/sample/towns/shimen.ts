/**
 * The sample county, one town in its own layout: its projects and the writer of its files.
 * 11. 石门镇: a file that must be rejected.
 */
import { addSheet, newBook } from '../cells';
import { writeStdTable } from '../layouts';
import { AS_OF, Grain, STAFF, realise, specs } from '../model';
import { FOOTER, Out, TownExpect } from '../out';

export const SHIMEN_SPECS = specs([
  ['石门大道改造工程', '基础设施', '在建', 'g', 5600, '改造石门大道2公里', '2014-2016'],
  ['石门溪综合整治工程', '生态环境', '在建', 'y', 3800, '整治石门溪4公里', '2015-2016'],
  ['石门中心小学扩建', '社会事业', '在建', 'g', 2900, '新建教学楼6000平方米', '2015-2016'],
  ['工业功能区标准厂房', '产业发展', '在建', 'r', 9600, '建设标准厂房7万平方米', '2014-2016'],
  ['石门安置小区', '社会事业', '在建', 'g', 8800, '建设安置房300套', '2014-2016'],
  ['镇区供水管网改造', '基础设施', '在建', 'g', 1300, '改造供水管网5公里', '2015'],
  ['农贸市场改造', '基础设施', '竣工', 'g', 700, '改造农贸市场3000平方米', '2015'],
  ['石门公园', '生态环境', '前期', null, 2600, '建设公园6万平方米', '2016'],
]);

/** 11. 石门镇: a file that must be rejected. */
export async function shimen(out: Out): Promise<TownExpect> {
  const town = '石门镇';
  const grain: Grain = { plan: 10, ytd: 1 };
  const projects = realise(town, SHIMEN_SPECS, STAFF[town], grain);
  const wb = newBook();
  const ws = addSheet(wb, '重点项目');
  const rows = writeStdTable(ws, projects, {
    titleValue: `${town}重点项目推进情况表（截至2015年10月31日）`,
    month: 10,
    sections: false,
    total: false,
    twoHeaderRows: false,
    notes: [[16, '单位：万元', 'right']],
    footerText: FOOTER('田晓红'),
  });
  // Columns: F 总投资, G 计划, H 本周完成, I 1-10月累计完成投资.
  const errors: { sheet: string; cell: string; problem: string }[] = [];
  const at = (i: number, col: string): string => `${col}${rows[i]}`;
  ws.getCell(at(1, 'I')).value = '待定';
  errors.push({ sheet: '重点项目', cell: at(1, 'I'), problem: '累计完成投资 is the text 「待定」 (not a number)' });
  ws.getCell(at(3, 'H')).value = -50;
  errors.push({ sheet: '重点项目', cell: at(3, 'H'), problem: '本周完成 is negative (-50)' });
  ws.getCell(at(5, 'B')).value = projects[1].name;
  errors.push({ sheet: '重点项目', cell: at(5, 'B'), problem: `duplicate project name 「${projects[1].name}」 (also in ${at(1, 'B')})` });
  ws.getCell(at(4, 'B')).value = null;
  errors.push({ sheet: '重点项目', cell: at(4, 'B'), problem: 'row with numbers but no project name' });
  ws.getCell(at(6, 'I')).value = projects[6].total + 260;
  errors.push({
    sheet: '重点项目',
    cell: at(6, 'I'),
    problem: `1-10月累计完成投资 ${projects[6].total + 260} > 总投资 ${projects[6].total}`,
  });
  const file = await out.book('石门镇重点项目推进情况表.xlsx', wb);
  return {
    town,
    status: 'rejected',
    reportDate: AS_OF,
    files: [],
    otherFiles: [{ file, status: 'rejected', note: 'errors listed in expectedErrors' }],
    projects: null,
    indicators: null,
    notes: ['Canonical one-header layout, but with five deliberate errors; the file must be sent back.'],
    expectedErrors: errors,
  };
}
