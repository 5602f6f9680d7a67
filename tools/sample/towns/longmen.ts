/**
 * The sample county, one town in its own layout: its projects and the writer of its files.
 * 8. 龙门镇: two reports, 10-24 (older, smaller 累计) and 10-31 (latest).
 */
import { addSheet, newBook, sum } from '../cells';
import { writeStdTable } from '../layouts';
import { AS_OF, Grain, Project, STAFF, lastWeek, r2, realise, specs } from '../model';
import { D, FOOTER, Out, TownExpect } from '../out';

export const LONGMEN_SPECS = specs([
  ['龙门大道改造工程', '基础设施', '在建', 'g', 6600, '改造龙门大道2.4公里', '2014-2016'],
  ['龙门古镇保护开发', '产业发展', '在建', 'y', 15000, '古镇核心区保护修缮及旅游配套设施建设', '2014-2017'],
  ['龙门溪综合整治', '生态环境', '在建', 'r', 5100, '整治龙门溪4.6公里', '2015-2016'],
  ['龙门小学扩建', '社会事业', '竣工', 'g', 1900, '新建教学楼6800平方米', '2014-2015'],
  ['工业园区污水管网', '基础设施', '在建', 'g', 2300, '铺设园区污水管网6.5公里', '2015'],
  ['龙门安置房（三期）', '社会事业', '在建', 'r', 10600, '建设安置房400套', '2014-2016'],
  ['汽车客运站', '基础设施', '前期', null, 3400, '新建三级客运站', '2016-2017'],
  ['五金机电市场', '产业发展', '在建', 'g', 8700, '建设五金机电专业市场6万平方米', '2014-2016'],
  ['镇文化中心', '社会事业', '在建', 'y', 2700, '建设文化中心7200平方米', '2015-2016'],
  ['滨江绿道', '生态环境', '竣工', 'g', 1300, '建设滨江绿道8公里', '2015'],
  ['竹木加工产业园', '产业发展', '在建', 'r', 6900, '建设竹木加工厂房5万平方米', '2015-2017'],
  ['镇区停车场建设工程', '基础设施', '在建', 'g', 1100, '新建公共停车场3处，泊位420个', '2015'],
]);

/** 8. 龙门镇: two reports, 10-24 (older, smaller 累计) and 10-31 (latest). */
export async function longmen(out: Out): Promise<TownExpect> {
  const town = '龙门镇';
  const grain: Grain = { plan: 10, ytd: 1 };
  const projects = realise(town, LONGMEN_SPECS, STAFF[town], grain);
  const older = lastWeek(town, projects);
  const write = async (ps: Project[], dateCn: string, rel: string, mtime: Date): Promise<string> => {
    const wb = newBook();
    const ws = addSheet(wb, '重点项目');
    writeStdTable(ws, ps, {
      titleValue: `${town}重点项目推进情况表`,
      month: 10,
      sections: false,
      total: true,
      notes: [
        [1, `截至${dateCn}`, 'left'],
        [16, '单位：万元', 'right'],
      ],
      footerText: FOOTER('毛秀英', dateCn),
    });
    return out.book(rel, wb, mtime);
  };
  const f0 = await write(older, '2015年10月24日', '龙门镇/龙门镇重点项目推进情况表（10月24日）.xlsx', D(2015, 10, 24));
  const f1 = await write(projects, '2015年10月31日', '龙门镇/龙门镇重点项目推进情况表（10月31日）.xlsx', D(2015, 10, 31));
  return {
    town,
    status: 'submitted',
    reportDate: AS_OF,
    files: [f1],
    otherFiles: [
      {
        file: f0,
        status: 'superseded',
        note: `older report 「截至2015年10月24日」, valid; 1-10月累计 sum ${r2(sum(older.map((p) => p.ytd)))} 万元 (smaller) — must not be counted`,
      },
    ],
    projects,
    indicators: null,
    notes: ['Two valid reports; the date is the text 「截至2015年10月24日」/「截至2015年10月31日」 in A2 (title has no date). Only the 10-31 one counts.'],
  };
}
