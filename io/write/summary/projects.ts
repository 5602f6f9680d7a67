/**
 * 项目明细: every project of every submitted town, with its light and its source cell (the biggest sheet: ~60k rows in a province).
 */
import type { SummarySheet, Workbook } from './sheet';
import { SUMMARY_SHEET } from '../../../core/labels';
import { type Ctx, P, lightText, sourceText, footerLeft } from './context';
import { SheetWriter } from '../xlsx/sheet-writer';
import { RowJob } from '../xlsx/row-thread';
import { col, type Value } from '../xlsx/widths';
import type { TownResult } from '../../../core/types';

const submitted = (ctx: Ctx) => ctx.towns.filter((t) => t.status === 'submitted');
const projectCount = (towns: readonly TownResult[]) => towns.reduce((n, t) => n + t.projectList.length, 0);

/** The row worker of each run's 项目明细, started once the chart is drawn (summary-workbook.ts). */
const jobs = new WeakMap<Ctx, RowJob | null>();

async function writeProjects(wb: Workbook, ctx: Ctx): Promise<void> {
  const cols = [
    col('乡镇', 'center', 8, 12),
    col(P('seq'), 'int', 5),
    col(P('name'), 'wrap', 14, 26),
    col(P('category'), 'center', 6, 10),
    col(P('status'), 'center', 6),
    col(P('totalInvestment'), 'amount', 10, 13),
    col(P('annualPlan'), 'amount', 10, 13),
    col(P('weekDone'), 'amount', 9, 12),
    col(P('completedYtd'), 'amount', 10, 13),
    col('完成率', 'pct', 8),
    col('与序时差', 'gap', 7),
    col('灯', 'light', 5),
    col(P('leader'), 'center', 8, 10),
    col(P('progressText'), 'wrap', 12, 20),
    col(P('problems'), 'wrap', 12, 28),
    col(P('nextWeekPlan'), 'wrap', 12, 24),
    col('来源', 'wrap', 12, 22),
    col('较上周（万元）', 'delta', 9, 12),
  ];
  const towns = submitted(ctx);
  const rowOf = (town: string, p: TownResult['projectList'][number]): Value[] => [
    town,
    p.seq,
    p.name,
    p.category,
    p.status,
    p.totalInvestment,
    p.annualPlan,
    p.weekDone,
    p.completedYtd,
    p.completion,
    p.gap,
    lightText(p.light),
    p.leader,
    p.progressText,
    p.problems,
    p.nextWeekPlan,
    sourceText(p.source),
    p.change?.completedYtdDelta ?? null,
  ];
  function* all(): Generator<Value[]> {
    for (const t of towns) for (const p of t.projectList) yield rowOf(t.town, p);
  }
  const s = new SheetWriter(wb, {
    name: SUMMARY_SHEET.projects,
    title: `${ctx.county}重点项目推进情况明细${ctx.dateSuffix}`,
    subtitle: `${ctx.progressText}　${ctx.lightsText}`,
    unitNote: '金额单位：万元',
    cols,
    sizingRows: all(),
    footerLeft: footerLeft(ctx),
    xSplit: 3,
  });
  const job = jobs.get(ctx) ?? null;
  jobs.delete(ctx);
  await s.lightRows(all(), 12, '无已报送的项目', job, projectCount(towns));
  s.commit();
}

export const projectsSheet: SummarySheet = {
  name: SUMMARY_SHEET.projects,
  start: (ctx) => void jobs.set(ctx, RowJob.start(projectCount(submitted(ctx)))),
  write: writeProjects,
};
