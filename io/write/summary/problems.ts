/**
 * 存在问题: the problems towns ask the county to help with, in town and project order.
 */
import type { SummarySheet, Workbook } from './sheet';
import { SUMMARY_SHEET } from '../../../core/labels';
import { type Ctx, P, lightText, footerLeft } from './context';
import { SheetWriter } from '../xlsx/sheet-writer';
import { RowJob } from '../xlsx/row-thread';
import { col, type Value } from '../xlsx/widths';

async function writeProblems(wb: Workbook, ctx: Ctx): Promise<void> {
  const cols = [
    col('序号', 'int', 5),
    col('乡镇', 'center', 8, 12),
    col(P('name'), 'wrap', 14, 26),
    col(P('leader'), 'center', 8, 10),
    col('灯', 'light', 5),
    col('存在问题（需县领导协调）', 'wrap', 60, 80),
  ];
  const rows: Value[][] = ctx.result.problems.map((p, i) => [
    i + 1,
    p.town,
    p.project,
    p.leader,
    lightText(p.light),
    p.problems,
  ]);
  // a province's problems are thousands of rows: rendered on a row worker too (滞后项目's is done)
  const job = RowJob.start(rows.length);
  const s = new SheetWriter(wb, {
    name: SUMMARY_SHEET.problems,
    title: `${ctx.county}重点项目存在问题及需协调事项${ctx.dateSuffix}`,
    subtitle: '各乡镇报表「存在问题」栏所填，按乡镇、项目顺序列出',
    unitNote: null,
    cols,
    sizingRows: rows,
    footerLeft: footerLeft(ctx),
  });
  await s.lightRows(rows, 5, '本期无需协调的问题', job, rows.length);
  s.commit();
}

export const problemsSheet: SummarySheet = { name: SUMMARY_SHEET.problems, write: writeProblems };
