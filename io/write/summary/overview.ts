/**
 * 汇总概览: one row per town in rank order with its project totals, the county total, and the notes on missing and rejected towns and on last week.
 */
import type { SummarySheet, Workbook } from './sheet';
import { SUMMARY_SHEET } from '../../../core/labels';
import { type Ctx, TOWN_STATUS, footerLeft, totalsValues } from './context';
import { SheetWriter } from '../xlsx/sheet-writer';
import { col, type Value } from '../xlsx/widths';
import { EMPTY_STYLE, CF_RED_TINT, CF_YELLOW_TINT, CF_GREEN_TINT } from '../xlsx/styles';

async function writeOverview(wb: Workbook, ctx: Ctx): Promise<void> {
  const cols = [
    col('排名', 'int', 6),
    col('乡镇', 'center', 10, 16),
    col('报送状态', 'center', 9),
    col('报表日期', 'center', 11, 12),
    col('项目数', 'int', 7),
    col('总投资（万元）', 'amount', 12, 16),
    col('年度计划（万元）', 'amount', 12, 16),
    col('累计完成（万元）', 'amount', 12, 16),
    col('完成率', 'pct', 9),
    col('与序时进度差（个百分点）', 'gap', 13),
    col('红灯', 'int', 6),
    col('黄灯', 'int', 6),
    col('绿灯', 'int', 6),
    col('较上周（万元）', 'delta', 11, 14),
    col('排名变化', 'rankChange', 7),
  ];
  const rows: Value[][] = ctx.towns.map((t) => [
    t.rank,
    t.town,
    TOWN_STATUS[t.status],
    t.reportDate,
    ...(t.status === 'submitted' ? totalsValues(t.projects) : totalsValues(null)),
    t.change?.completedYtdDelta ?? null,
    t.change?.rankChange ?? null,
  ]);
  const total: Value[] = [null, '全县合计', null, null, ...totalsValues(ctx.result.county.projects), ctx.result.weekOverWeek?.completedYtdDelta ?? null, null];

  const s = new SheetWriter(wb, {
    name: SUMMARY_SHEET.overview,
    title: ctx.docTitle,
    subtitle: `${ctx.progressText}　${ctx.lightsText}`,
    unitNote: '单位：万元',
    cols,
    sizingRows: [...rows, total],
    footerLeft: footerLeft(ctx),
  });
  const first = s.rowNumber;
  await s.dataRows(rows);
  if (rows.length === 0) s.wideRow('无乡镇', EMPTY_STYLE);
  const totalRow = s.dataRow(total, 'total');
  s.textFormat(3, first, totalRow - 1, [
    ['退回', CF_RED_TINT],
    ['未报送', CF_YELLOW_TINT],
  ]);
  s.positiveFormat(11, first, totalRow, CF_RED_TINT);
  s.positiveFormat(12, first, totalRow, CF_YELLOW_TINT);
  s.positiveFormat(13, first, totalRow, CF_GREEN_TINT);

  const missing = ctx.towns.filter((t) => t.status === 'missing').map((t) => t.town);
  const rejected = ctx.towns.filter((t) => t.status === 'rejected').map((t) => t.town);
  const notes = [
    '注：1. 完成率＝累计完成÷年度计划（只计有年度计划的项目，前期项目无年度计划的不计）；与序时进度差＝完成率－序时进度。',
    '2. 排名按完成率由高到低；退回、未报送的乡镇不排名。',
    `3. 未报送：${missing.length ? missing.join('、') : '无'}；退回需重报：${rejected.length ? rejected.join('、') : '无'}（原因见「${SUMMARY_SHEET.submissions}」）。`,
    ...weekOverWeekNotes(ctx),
  ];
  for (const n of notes) s.note(n);
  s.commit();
}

/** The overview's lines on last week: what the columns compare, the projects turned red, the towns gone quiet. */
function weekOverWeekNotes(ctx: Ctx): string[] {
  const w = ctx.result.weekOverWeek;
  if (!w) return ['4. 较上周、排名变化：未提供上周报告（--previous），不比较。'];
  const red = ctx.towns.flatMap((t) =>
    (t.change?.turnedRed ?? []).map((name) => {
      const leader = t.projectList.find((p) => p.name === name)?.leader;
      return `${t.town}「${name}」${leader ? `（项目组长${leader}）` : ''}`;
    }));
  const dropped = w.droppedTowns.map((name) => {
    const t = ctx.towns.find((x) => x.town === name);
    return t ? `${name}（${TOWN_STATUS[t.status]}）` : name;
  });
  return [
    `4. 较上周：与上周（截至${w.previousAsOf}）的汇总相比，累计完成增加额；全县合计只计两周都已报送的乡镇。排名变化：↑上升、↓下降。`,
    `5. 转红项目（上周不是红灯、本周为红灯，${red.length}个）：${red.length ? red.join('、') : '无'}。`,
    `6. 本周未报（上周已报送，${dropped.length}个）：${dropped.length ? dropped.join('、') : '无'}。`,
  ];
}

export const overviewSheet: SummarySheet = { name: SUMMARY_SHEET.overview, write: writeOverview };
