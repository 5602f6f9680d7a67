/**
 * npm run demo: consolidates the bundled sample county (sample/county, roster sample/roster.csv) as of 2015-10-31
 * into out/, with the county's targets (sample/targets.xlsx), last week's report (sample/last-week.json) and the weeks
 * before it (sample/history/, copied to out/history/), and says where the summary is.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { SUMMARY_SHEET } from '../core/labels';
import { runConsolidation } from './consolidate';

async function demo(): Promise<number> {
  const root = path.resolve(__dirname, '..', '..');
  const outDir = path.join(root, 'out');
  await fsp.mkdir(outDir, { recursive: true });
  const out = path.join(outDir, '青川县重点项目汇总-2015-10-31.xlsx');
  const json = path.join(outDir, 'report-2015-10-31.json');
  const pdf = path.join(outDir, '青川县重点项目汇总-2015-10-31-通报.pdf');
  // the earlier weeks' reports, copied: --history keeps its compact file beside them, and sample/ stays as shipped
  const history = path.join(outDir, 'history');
  await fsp.mkdir(history, { recursive: true });
  for (const f of await fsp.readdir(path.join(root, 'sample', 'history'))) {
    if (f.endsWith('.json')) await fsp.copyFile(path.join(root, 'sample', 'history', f), path.join(history, f));
  }
  process.stdout.write('示例县（青川县）2015年10月31日周汇总\n\n');
  const outcome = await runConsolidation({
    folder: path.join(root, 'sample', 'county'),
    roster: path.join(root, 'sample', 'roster.csv'),
    asOf: '2015-10-31',
    out,
    json,
    pdf,
    county: '青川县',
    // the county's targets with their mid-term adjustment, and last week's report for 较上周
    targets: path.join(root, 'sample', 'targets.xlsx'),
    previous: path.join(root, 'sample', 'last-week.json'),
    // three weeks before that (sample/history): 走势, 督办清单 and the streaks in the bulletin
    history,
  });
  if (outcome.code === 2) return 2;
  process.stdout.write(
    `\n退出码 ${outcome.code}${outcome.code === 1 ? '（示例中有意包含一个被退回的乡镇和一个未报送的乡镇）' : ''}\n` +
      `请用 Excel/WPS 打开：${out}\n` +
      (outcome.pdf?.ok
        ? `通报 PDF（${outcome.pdf.pages} 页）：${pdf}\n`
        : `通报 PDF 未生成（${outcome.pdf?.reason ?? '未请求'}），可在汇总表的「${SUMMARY_SHEET.bulletin}」表中打印\n`),
  );
  return 0;
}

demo().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`错误：${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
