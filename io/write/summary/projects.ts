/**
 * 项目明细: every project of every submitted town, with its light and its source cell (the biggest sheet: ~60k rows in a province).
 */
import type { SummarySheet, Workbook } from './sheet';
import { SUMMARY_SHEET } from '../../../core/labels';
import { type Ctx, P, lightText, sourceText, footerLeft } from './context';
import { SheetWriter } from '../xlsx/sheet-writer';
import { RowJob } from '../xlsx/row-thread';
import { col, type Column, type Value } from '../xlsx/widths';
import type { TownResult } from '../../../core/types';

function columns(): Column[] {
  return [
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
}

function rowsOf(ctx: Ctx): Value[][] {
  const towns = ctx.towns.filter((t) => t.status === 'submitted');
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
  const rows: Value[][] = [];
  for (const t of towns) for (const p of t.projectList) rows.push(rowOf(t.town, p));
  return rows;
}

/** The rows and their row job (rendered on a worker while the sheets before this one are written), by run. */
const started = new WeakMap<Ctx, { rows: Value[][]; job: RowJob | null }>();

function startProjects(ctx: Ctx): void {
  const rows = rowsOf(ctx);
  started.set(ctx, { rows, job: RowJob.start(rows) });
}

async function writeProjects(wb: Workbook, ctx: Ctx): Promise<void> {
  const cols = columns();
  const { rows, job } = started.get(ctx) ?? { rows: rowsOf(ctx), job: null };
  started.delete(ctx);
  const s = new SheetWriter(wb, {
    name: SUMMARY_SHEET.projects,
    title: `${ctx.county}重点项目推进情况明细${ctx.dateSuffix}`,
    subtitle: `${ctx.progressText}　${ctx.lightsText}`,
    unitNote: '金额单位：万元',
    cols,
    sizingRows: rows,
    footerLeft: footerLeft(ctx),
    xSplit: 3,
  });
  await s.lightRows(rows, 12, '无已报送的项目', job);
  s.commit();
}

export const projectsSheet: SummarySheet = { name: SUMMARY_SHEET.projects, start: startProjects, write: writeProjects };
