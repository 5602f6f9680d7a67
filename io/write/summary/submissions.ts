/**
 * 报送情况: each roster town's status, then every file received with each of its problems on a row.
 */
import type { SummarySheet, Workbook } from './sheet';
import { SUMMARY_SHEET } from '../../../core/labels';
import { type Ctx, TOWN_STATUS, FILE_STATUS, SEVERITY, footerLeft } from './context';
import { SheetWriter } from '../xlsx/sheet-writer';
import { col, type Value } from '../xlsx/widths';
import { EMPTY_STYLE, SECTION_STYLE, CF_RED_TINT, CF_YELLOW_TINT } from '../xlsx/styles';
import type { TownStatus } from '../../../core/types';

async function writeSubmissions(wb: Workbook, ctx: Ctx): Promise<void> {
  const cols = [
    col('乡镇', 'center', 8, 12),
    col('状态', 'center', 8),
    col('报表日期', 'center', 11, 12),
    col('文件', 'wrap', 16, 30),
    col('严重程度', 'center', 8),
    col('代码', 'text', 8, 24),
    col('工作表', 'wrap', 8, 14),
    col('单元格', 'center', 6, 8),
    col('说明', 'wrap', 30, 60),
  ];
  const townNote: Record<TownStatus, string> = {
    submitted: '已采用',
    rejected: '报表有错误，已退回，请按下方「错误」逐条修改后重新报送',
    missing: '未收到报表，请催报',
  };
  const townRows: Value[][] = ctx.towns.map((t) => [
    t.town,
    TOWN_STATUS[t.status],
    t.reportDate,
    t.files.length ? t.files.join('\n') : null,
    null,
    null,
    null,
    null,
    townNote[t.status],
  ]);
  const fileRows: Value[][] = [];
  for (const f of ctx.result.files) {
    const head: Value[] = [f.town, FILE_STATUS[f.status], f.reportDate, f.file];
    if (f.issues.length === 0) fileRows.push([...head, null, null, null, null, '未发现问题']);
    for (const i of f.issues) fileRows.push([...head, SEVERITY[i.severity], i.code, i.sheet, i.cell, i.message]);
  }
  const s = new SheetWriter(wb, {
    name: SUMMARY_SHEET.submissions,
    title: `${ctx.county}重点项目周报报送情况${ctx.dateSuffix}`,
    subtitle: '一、名册中每个乡镇的报送状态；二、收到的每个文件及其问题（退回的乡镇须按所列「错误」修改后重新报送）',
    unitNote: null,
    cols,
    sizingRows: [...townRows, ...fileRows],
    footerLeft: footerLeft(ctx),
  });
  const townSection = s.wideRow('一、各乡镇报送情况', SECTION_STYLE, 20);
  await s.dataRows(townRows);
  if (townRows.length === 0) s.wideRow('名册中无乡镇', EMPTY_STYLE);
  const townLast = s.rowNumber - 1;
  s.textFormat(2, townSection + 1, townLast, [
    ['退回', CF_RED_TINT],
    ['未报送', CF_YELLOW_TINT],
  ]);
  s.wideRow('二、收到的文件及问题（每个问题一行）', SECTION_STYLE, 20);
  s.headerRow(['乡镇', '文件状态', '报表日期', '文件', '严重程度', '代码', '工作表', '单元格', '说明']);
  const fileFirst = s.rowNumber;
  await s.dataRows(fileRows);
  if (fileRows.length === 0) s.wideRow('未收到文件', EMPTY_STYLE);
  const fileLast = s.rowNumber - 1;
  if (fileRows.length) {
    s.textFormat(2, fileFirst, fileLast, [['退回', CF_RED_TINT]]);
    s.textFormat(5, fileFirst, fileLast, [
      ['错误', CF_RED_TINT],
      ['警告', CF_YELLOW_TINT],
    ]);
  }
  s.commit();
}

export const submissionsSheet: SummarySheet = { name: SUMMARY_SHEET.submissions, write: writeSubmissions };
