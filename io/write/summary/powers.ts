import type { SummarySheet, Workbook } from './sheet';
import { SUMMARY_SHEET } from '../../../core/labels';
import { type Ctx, footerLeft } from './context';
import { SheetWriter } from '../xlsx/sheet-writer';
import { col, type Value } from '../xlsx/widths';
import { EMPTY_STYLE, SECTION_STYLE } from '../xlsx/styles';
import type { TownResult, TownStatus } from '../../../core/types';
import { DEFAULT_DEPARTMENTS, POWER_STATUSES, POWER_WAYS } from '../../../core/schema';

const POWERS_SHEET = SUMMARY_SHEET.powers;

/**
 * 扩权事项: the delegated powers each town has registered, town × 原实施部门 (count per cell, row and column totals),
 * then by 下放方式 and by 承接状态 side by side. Every figure is a count from the result (TownResult.powers, county.powers).
 */
async function writePowers(wb: Workbook, ctx: Ctx): Promise<void> {
  const county = ctx.result.county.powers;
  const departments = county ? Object.keys(county.byDepartment) : DEFAULT_DEPARTMENTS.map((d) => d.name);
  const cols = [col('乡镇', 'center', 8, 12), ...departments.map((d) => col(d, 'int', 5, 7)), col('合计', 'int', 6, 8)];
  // the second table (six ways, four statuses and their totals) needs 13 columns; a short department list is padded
  while (cols.length < 2 + POWER_WAYS.length + POWER_STATUSES.length + 1) cols.push(col('', 'int', 5, 7));
  const noRegister: Record<TownStatus, string> = { submitted: '未报扩权事项', rejected: '退回', missing: '未报送' };
  const row = (t: TownResult, keys: string[][], picks: ((p: NonNullable<TownResult['powers']>) => Record<string, number>)[]): Value[] => {
    const out: Value[] = [t.town];
    keys.forEach((ks, i) => out.push(...ks.map((k) => (t.powers ? picks[i](t.powers)[k] ?? 0 : null)), t.powers ? t.powers.count : null));
    return out;
  };
  const totalRow = (keys: string[][], picks: ((p: NonNullable<TownResult['powers']>) => Record<string, number>)[]): Value[] => {
    const out: Value[] = ['全县合计'];
    keys.forEach((ks, i) => out.push(...ks.map((k) => (county ? picks[i](county)[k] ?? 0 : 0)), county?.count ?? 0));
    return out;
  };
  // 一: town × department; 二: by way and by status side by side (each followed by its 合计)
  const deptKeys = [departments];
  const deptPick = [(p: NonNullable<TownResult['powers']>) => p.byDepartment];
  const wsKeys = [POWER_WAYS, POWER_STATUSES];
  const wsPick = [(p: NonNullable<TownResult['powers']>) => p.byWay, (p: NonNullable<TownResult['powers']>) => p.byStatus];
  const deptRows = ctx.towns.map((t) => row(t, deptKeys, deptPick));
  const reported = ctx.towns.filter((t) => t.powers).length;
  const s = new SheetWriter(wb, {
    name: POWERS_SHEET,
    title: `${ctx.county}扩权强镇事项承接情况${ctx.dateSuffix}`,
    subtitle: `一、按原实施部门；二、按下放方式和承接状态。${reported}个乡镇报送了扩权事项登记表，共${county?.count ?? 0}项`,
    unitNote: '单位：项',
    cols,
    sizingRows: [...deptRows, totalRow(deptKeys, deptPick)],
    footerLeft: footerLeft(ctx),
    xSplit: 1,
  });
  const writeBlock = async (rows: Value[][], total: Value[]) => {
    // a town without a register keeps its row, empty (the note below says why); a block is as wide as its keys
    await s.dataRows(rows, 'body', total.length);
    if (rows.length === 0) s.wideRow('无乡镇', EMPTY_STYLE);
    s.dataRow(total, 'total', total.length);
  };
  await writeBlock(deptRows, totalRow(deptKeys, deptPick));
  s.wideRow('二、按下放方式和承接状态', SECTION_STYLE, 20);
  s.headerRow(['乡镇', ...POWER_WAYS, '合计', ...POWER_STATUSES, '合计']);
  await writeBlock(ctx.towns.map((t) => row(t, wsKeys, wsPick)), totalRow(wsKeys, wsPick));
  const registerRejected = (town: string) => ctx.result.files.some((f) => f.town === town && f.status === 'rejected' && f.kinds.includes('powers'));
  const without = ctx.towns
    .filter((t) => !t.powers)
    .map((t) => `${t.town}（${t.status === 'submitted' && registerRejected(t.town) ? '扩权事项表被退回' : noRegister[t.status]}）`);
  s.note(`注：1. 每格为该乡镇登记的事项数；各部门、各下放方式、各承接状态的事项数分别相加均等于合计。2. 无数字的乡镇：${without.length ? without.join('、') : '无'}。`);
  s.commit();
}

export const powersSheet: SummarySheet = { name: POWERS_SHEET, write: writePowers };
