/**
 * What a run says on the terminal: the progress bar while the towns' files are read, and the closing summary
 * (stdout, Chinese; the warnings go to stderr where they happen).
 */
import * as path from 'node:path';
import { FILE_STATUS_LABEL, SUMMARY_SHEET, type ConsolidationResult } from '../core';
import type { PdfOutcome } from '../io/write/bulletin-pdf';
import type { RunOptions } from './options';

export type Log = (line: string) => void;

export function progressBar(total: number, enabled: boolean) {
  let done = 0;
  let last = 0;
  const draw = (name: string) => {
    if (!enabled) return;
    const now = Date.now();
    if (done < total && now - last < 80) return;
    last = now;
    const width = 28;
    const filled = Math.round((done / total) * width);
    const label = name.length > 30 ? `…${name.slice(-29)}` : name;
    process.stderr.write(`\r读取 ${String(done).padStart(String(total).length)}/${total} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${label}\x1b[K`);
  };
  return {
    tick(name: string) {
      done++;
      draw(name);
    },
    end() {
      if (enabled) process.stderr.write('\r\x1b[K');
    },
  };
}

export function printSummary(r: ConsolidationResult, o: RunOptions, seconds: number, log: Log, pdf?: PdfOutcome): void {
  const count = (s: string) => r.files.filter((f) => f.status === s).length;
  const towns = (s: string) => r.towns.filter((t) => t.status === s).map((t) => t.town);
  const rows = r.towns.reduce((n, t) => n + t.projectList.length + (t.indicators?.length ?? 0) + (t.powerList?.length ?? 0), 0);
  log(`汇总日期 ${r.asOf}，序时进度 ${(r.timeProgress * 100).toFixed(1)}%`);
  const said = FILE_STATUS_LABEL.count;
  log(`文件 ${r.files.length} 个：${said.accepted} ${count('accepted')}，${said.rejected} ${count('rejected')}，${said.superseded} ${count('superseded')}，${said.ignored} ${count('ignored')}；读取 ${rows} 行，用时 ${seconds.toFixed(1)} 秒`);
  log(`乡镇 ${r.towns.length} 个：已报送 ${towns('submitted').length}，退回 ${towns('rejected').length}，未报送 ${towns('missing').length}`);
  if (towns('missing').length) log(`  未报送：${towns('missing').join('、')}`);
  if (towns('rejected').length) log(`  退回（需重报）：${towns('rejected').join('、')}`);
  const rejected = r.files.filter((x) => x.status === 'rejected');
  const shown = rejected.length > 20 ? 10 : rejected.length;
  for (const f of rejected.slice(0, shown)) {
    const errs = f.issues.filter((i) => i.severity === 'error');
    log(`  退回 ${f.file}：${errs.length} 处错误`);
    for (const i of errs.slice(0, 5)) log(`    ${i.sheet ? `${i.sheet}!` : ''}${i.cell ?? ''} ${i.message}`);
    if (errs.length > 5) log(`    …另有 ${errs.length - 5} 处，见汇总表「${SUMMARY_SHEET.submissions}」`);
  }
  if (rejected.length > shown) log(`  …另有 ${rejected.length - shown} 个文件被退回，见汇总表「${SUMMARY_SHEET.submissions}」`);
  const c = r.county.projects;
  const rate = c.completion === null ? '—' : `${(c.completion * 100).toFixed(1)}%`;
  log(`全县 ${c.count} 个项目，年度计划 ${c.annualPlan.toFixed(2)} 万元，累计完成 ${c.completedYtd.toFixed(2)} 万元，完成率 ${rate}（按有年度计划的项目）；红灯 ${c.red}，黄灯 ${c.yellow}，绿灯 ${c.green}`);
  const pw = r.county.powers;
  if (pw && pw.count > 0) {
    const by = Object.entries(pw.byStatus).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join('，');
    log(`扩权强镇事项 ${pw.count} 项（${r.towns.filter((t) => t.powers).length} 个乡镇）：${by}`);
  }
  const w = r.weekOverWeek;
  if (w) {
    const red = r.towns.flatMap((t) => (t.change?.turnedRed ?? []).map((p) => `${t.town}${p}`));
    const d = w.completedYtdDelta === null ? '—' : `${w.completedYtdDelta >= 0 ? '增加' : '减少'} ${Math.abs(w.completedYtdDelta).toFixed(2)} 万元`;
    log(`较上周（${w.previousAsOf}）：累计完成${d}（两周都报送的乡镇）；转为红灯 ${red.length} 个${red.length ? `：${red.join('、')}` : ''}；上周报送本周未报：${w.droppedTowns.length ? w.droppedTowns.join('、') : '无'}`);
  }
  const h = r.history;
  if (h) {
    const red = h.supervision.filter((x) => x.reasons.includes('red')).length;
    const stalled = h.supervision.filter((x) => x.reasons.includes('stalled')).length;
    log(`历史：${h.weeks.length} 周（${h.weeks[0].asOf} 起）；督办清单 ${h.supervision.length} 个项目（连续${h.redWeeks}周以上红灯 ${red} 个，连续${h.stalledWeeks}周以上无进展 ${stalled} 个）${h.townsMissingInARow.length ? `；连续两周以上未报送：${h.townsMissingInARow.map((t) => t.town).join('、')}` : ''}`);
  }
  const county = r.towns.reduce((n, t) => n + (t.indicators ?? []).filter((i) => i.targetSource === 'county').length, 0);
  if (o.targets || county) log(`指标目标：${county} 项按县下达的目标计算`);
  log(`汇总表：${path.resolve(o.out)}`);
  if (o.json) log(`JSON 报告：${path.resolve(o.json)}`);
  if (pdf?.ok) log(`通报 PDF：${path.resolve(pdf.file)}（${pdf.pages} 页）`);
  else if (pdf) log(`通报 PDF：未生成（见上方警告）`);
}
