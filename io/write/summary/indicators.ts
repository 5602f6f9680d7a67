/**
 * 主要指标: every indicator of every submitted town (~39k rows in a province), then the county totals of the additive ones.
 */
import type { SummarySheet, Workbook } from './sheet';
import { SUMMARY_SHEET } from '../../../core/labels';
import { type Ctx, I, lightText, cumulativeLabel, fmtNumber, footerLeft } from './context';
import { SheetWriter } from '../xlsx/sheet-writer';
import { RowJob } from '../xlsx/row-thread';
import { col, type Value } from '../xlsx/widths';
import { EMPTY_STYLE, SECTION_STYLE } from '../xlsx/styles';
import { targetsDiffer } from '../../../core/targets';

async function writeIndicators(wb: Workbook, ctx: Ctx): Promise<void> {
  const cols = [
    col('乡镇', 'center', 8, 12),
    col(I('name'), 'wrap', 16, 26),
    col(I('unit'), 'center', 7, 10),
    col(I('target'), 'amount', 11, 14),
    col(cumulativeLabel(ctx.asOf), 'amount', 11, 14),
    col('完成率', 'pct', 8),
    col('与序时差', 'gap', 7),
    col('灯', 'light', 5),
    col('是否可累加', 'center', 6),
    col('备注', 'wrap', 12, 24),
    col('原目标', 'amount', 9, 14),
    col('调整后目标', 'amount', 9, 14),
    col('调整日期', 'center', 11, 12),
    col('调整文号', 'wrap', 10, 20),
  ];
  const towns = ctx.towns.filter((t) => t.status === 'submitted' && ((t.indicators && t.indicators.length) || t.indicatorsNotReported?.length));
  const countyTargets = towns.some((t) => (t.indicators ?? []).some((i) => i.targetSource === 'county'));
  const rows: Value[][] = [];
  for (const t of towns) {
    for (const ind of t.indicators ?? []) {
      const notes: string[] = [];
      if (!ind.known) notes.push('指标目录外，不汇总');
      if (ind.rawName && ind.rawName !== ind.name) notes.push(`原填「${ind.rawName}」`);
      if (ind.targetSource === 'county') {
        if (ind.targetTown != null && ind.target !== null && targetsDiffer(ind.targetTown, ind.target)) {
          notes.push(`乡镇表填 ${fmtNumber(ind.targetTown, 4)}，按县下达目标`);
        }
        if (ind.adjustedOn && ind.adjustedOn <= ctx.result.asOf && ind.targetAdjusted != null) notes.push('按调整后目标');
      } else if (countyTargets && ind.known) notes.push('县未下达目标，按乡镇自填');
      rows.push([
        t.town,
        ind.name,
        ind.unit,
        ind.target,
        ind.actual,
        ind.completion,
        ind.gap,
        lightText(ind.light),
        ind.additive ? '是' : '否',
        notes.join('；') || null,
        ind.targetOriginal ?? null,
        ind.targetAdjusted ?? null,
        ind.adjustedOn ?? null,
        ind.adjustDoc ?? null,
      ]);
    }
    // a county target the town's report does not hold: listed as not reported, never left out
    for (const n of t.indicatorsNotReported ?? []) rows.push([t.town, n.name, n.unit, n.target, '未报送', null, null, null, null, '县下达了目标，本镇未报送该指标']);
  }
  const countyRows: Value[][] = ctx.result.county.indicators.map((c) => [
    '全县',
    c.name,
    c.unit,
    c.target,
    c.actual,
    c.completion,
    null,
    null,
    '是',
    `${c.towns}个乡镇合计`,
  ]);
  // its row worker starts now, those of the sheets before it being done (one worker at a time: each is ~10–20 MB of
  // memory); this thread renders the first blocks while the worker loads
  const job = RowJob.start(rows.length);
  const s = new SheetWriter(wb, {
    name: SUMMARY_SHEET.indicators,
    title: `${ctx.county}主要指标完成情况${ctx.dateSuffix}`,
    subtitle: `${ctx.progressText}　${ctx.lightsText}　比率、占比、人均类指标不跨乡镇累加${countyTargets ? '　年度目标为汇总日期执行的县下达目标（调整后目标自调整日期起执行）' : ''}`,
    unitNote: null,
    cols,
    sizingRows: [...rows, ...countyRows],
    footerLeft: footerLeft(ctx),
  });
  await s.lightRows(rows, 8, '本期无乡镇报送主要指标', job, rows.length);
  s.wideRow('全县（可累加指标）', SECTION_STYLE, 20);
  await s.dataRows(countyRows, 'total');
  if (countyRows.length === 0) s.wideRow('无可累加的指标', EMPTY_STYLE);
  s.commit();
}

export const indicatorsSheet: SummarySheet = { name: SUMMARY_SHEET.indicators, write: writeIndicators };
