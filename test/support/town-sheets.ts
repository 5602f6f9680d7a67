/** Town workbooks for the add-in's host tests (the same sheets go to the Office mock and the WPS fake). */
import { newSheet, type ModelSheet, type Scalar } from './excel-mock';

export const HEAD = ['序号', '项目名称', '项目类别', '总投资', '年度计划投资', '1-10月累计完成投资', '本周进展', '下周计划', '存在问题', '项目组长', '状态', '责任单位', '形象进度', '建设起止年限'];

/** A town's project sheet of n rows (valid unless bad is given: row index → column → value). */
export function projectSheet(n: number, bad: Record<number, Record<number, Scalar>> = {}): ModelSheet {
  const rows: Scalar[][] = [
    ['云峰镇重点项目推进情况表（截至2015年10月31日）'],
    ['填报单位：云峰镇', '', '', '', '', '单位：万元'],
    HEAD,
  ];
  const cats = ['基础设施', '产业发展', '社会事业'];
  for (let i = 0; i < n; i++) {
    const plan = 100 + (i % 7) * 10;
    // every 5th project lags (40%), the others are ahead of 序时进度 (10/12)
    const done = i % 5 === 0 ? plan * 0.4 : plan * 0.9;
    const row: Scalar[] = [i + 1, `项目${i + 1}`, cats[i % 3]!, plan * 3, plan, done, `第${i + 1}项本周进展`, '继续施工', i % 5 === 0 ? '征地未完成' : '', `组长${i % 9}`, '在建', '镇政府', '主体施工', '2015-2016'];
    for (const [c, v] of Object.entries(bad[i] ?? {})) row[Number(c)] = v;
    rows.push(row);
  }
  return newSheet('重点项目', rows);
}

