/**
 * 滞后项目: the red and yellow projects, red first.
 */
import type { SummarySheet, Workbook } from './sheet';
import { SUMMARY_SHEET } from '../../../core/labels';
import { type Ctx, P, lightText, sourceText, footerLeft } from './context';
import { SheetWriter } from '../xlsx/sheet-writer';
import { RowJob } from '../xlsx/row-thread';
import { col, type Value, num } from '../xlsx/widths';

async function writeLagging(wb: Workbook, ctx: Ctx): Promise<void> {
  const cols = [
    col('乡镇', 'center', 8, 12),
    col(P('name'), 'wrap', 14, 26),
    col(P('leader'), 'center', 8, 10),
    col(`${P('annualPlan')}（万元）`, 'amount', 11, 14),
    col(`${P('completedYtd')}（万元）`, 'amount', 11, 14),
    col('完成率', 'pct', 8),
    col('低于序时（个百分点）', 'points', 10),
    col('灯', 'light', 5),
    col(P('problems'), 'wrap', 20, 44),
    col('来源', 'wrap', 12, 22),
  ];
  // Red first; within a colour the result's order.
  const order = { red: 0, yellow: 1 } as const;
  const lagging = [...ctx.result.lagging].sort((a, b) => order[a.light] - order[b.light]);
  const rows: Value[][] = lagging.map((l) => [
    l.town,
    l.project,
    l.leader,
    l.annualPlan,
    l.completedYtd,
    l.completion,
    // The gap is negative for a lagging project; the column says how far below, so its sign is dropped.
    num(l.gap) === null || l.gap === 0 ? num(l.gap) : -l.gap,
    lightText(l.light),
    l.problems,
    sourceText(l.source),
  ]);
  const county = ctx.result.county.projects;
  // a province's list is tens of thousands of rows: rendered on a row worker as 项目明细's are, this thread rendering
  // the first blocks while it loads (one row worker at a time: 项目明细's is done)
  const job = RowJob.start(rows.length);
  const s = new SheetWriter(wb, {
    name: SUMMARY_SHEET.lagging,
    title: `${ctx.county}滞后项目清单${ctx.dateSuffix}`,
    subtitle: `${ctx.progressText}　${ctx.lightsText}　全县红灯${county.red}个、黄灯${county.yellow}个`,
    unitNote: null,
    cols,
    sizingRows: rows,
    footerLeft: footerLeft(ctx),
  });
  await s.lightRows(rows, 8, '本期无滞后项目', job, rows.length);
  s.commit();
}

export const laggingSheet: SummarySheet = { name: SUMMARY_SHEET.lagging, write: writeLagging };
