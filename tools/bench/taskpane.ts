/**
 * Task-pane speed: the browser bundle of the core (dist/web/xcs-core.js, built by webpack's `core` config) loaded
 * in Debian chromium (playwright-core), timing what the add-in runs on 校验 (addin/ops/operations.ts `validate`:
 * townReport on the workbook's grids, then groupIssues for the list) on a 10,000-row project sheet built in the
 * page. Reading the range through Office.js is not included: that is Excel's time, not ours.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Grid } from '../../core';

export interface Series {
  /** The 'today' the add-in passes (its report date is 2015-10-31). */
  today: string;
  /** ms of each repetition, in order. */
  times: number[];
  median: number;
  max: number;
  issues: number;
  projects: number;
}

export interface TaskpaneFigures {
  rows: number;
  reps: number;
  /** Validated on its report date: townReport analyses the workbook once (the first repetition is the cold one). */
  sameDay: Series;
  /** Validated on a later day of the same year: one analysis too (a second one only when the report date's year differs). */
  laterDay: Series;
}

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function newest(dir: string): number {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

/** dist/web/xcs-core.js, rebuilt with webpack (core config only) when missing or older than core/. */
export function coreBundle(root: string, log: (s: string) => void): string {
  const bundle = path.join(root, 'dist', 'web', 'xcs-core.js');
  if (!fs.existsSync(bundle) || fs.statSync(bundle).mtimeMs < newest(path.join(root, 'core'))) {
    log('构建浏览器核心包 dist/web/xcs-core.js（webpack）…');
    execFileSync(process.execPath, [require.resolve('webpack-cli/bin/cli.js'), '--mode', 'production', '--config-name', 'core'], { cwd: root, stdio: 'pipe' });
  }
  return bundle;
}

/** The sheet the bench validates: title, 填报单位/报表日期/单位 line, two header rows under 投资完成情况, four
 * category rows, `rows` projects, a 合计 row with SUM formulas — as addin/office/office-grid.ts would hand it over. */
export function projectGrid(rows: number): Grid {
  const c = (value: unknown, formula?: string) => (formula ? { value, formula } : { value });
  const heads = ['序号', '项目名称', '项目类别', '建设内容及规模', '建设起止年限', '总投资', '2015年计划投资', '本周完成', '1-10月累计', '占年度计划%', '形象进度', '本周进展', '下周计划', '存在问题', '项目组长', '责任单位', '状态'];
  const cats = ['基础设施', '产业发展', '社会事业', '生态环境'];
  const grid: { sheet: string; hidden: boolean; rows: unknown[][]; merges: { top: number; left: number; bottom: number; right: number }[] } = {
    sheet: '重点项目',
    hidden: false,
    rows: [],
    merges: [{ top: 0, left: 0, bottom: 0, right: 16 }, { top: 2, left: 7, bottom: 2, right: 9 }],
  };
  grid.rows.push([c('青云镇重点项目推进情况表（截至2015年10月31日）')]);
  const line2: unknown[] = [];
  line2[0] = c('填报单位：青云镇');
  line2[8] = c('报表日期：2015年10月31日');
  line2[15] = c('单位：万元');
  grid.rows.push(line2);
  grid.rows.push(heads.map((h, i) => (i >= 7 && i <= 9 ? (i === 7 ? c('投资完成情况') : undefined) : c(h))));
  grid.rows.push(heads.map((h, i) => (i >= 7 && i <= 9 ? c(h) : undefined)));
  for (let i = 0; i < heads.length; i++) if (i < 7 || i > 9) grid.merges.push({ top: 2, left: i, bottom: 3, right: i });
  let a = 12345;
  const rnd = () => ((a = (a * 1103515245 + 12345) % 2147483648) / 2147483648);
  const per = Math.ceil(rows / cats.length);
  const sums = [0, 0, 0, 0];
  let seq = 0;
  for (let k = 0; k < cats.length && seq < rows; k++) {
    grid.merges.push({ top: grid.rows.length, left: 0, bottom: grid.rows.length, right: 4 });
    grid.rows.push([c(`${'一二三四'[k]}、${cats[k]}项目`)]);
    for (let j = 0; j < per && seq < rows; j++) {
      seq++;
      const total = Math.round(500 + rnd() * 29500);
      const plan = Math.round(total * (0.2 + rnd() * 0.4));
      const ytd = Math.round(plan * (0.5 + rnd() * 0.49));
      const week = Math.round(ytd * 0.03);
      [total, plan, week, ytd].forEach((v, x) => (sums[x] += v));
      grid.rows.push([
        c(seq), c(`青云镇${cats[k]}项目第${seq}号`), c(cats[k]), c('建设道路2000平方米及配套设施'), c('2014-2016'),
        c(total), c(plan), c(week), c(ytd), c(Math.round((ytd / plan) * 1000) / 10),
        c('主体工程施工中'), c('完成路基填筑200米'), c('继续推进主体施工'), c(rnd() < 0.2 ? '资金到位滞后' : null),
        c(['张建国', '李卫东', '王秀英'][seq % 3]), c('青云镇城建办'), c('在建'),
      ]);
    }
  }
  const last = grid.rows.length;
  const tot: unknown[] = [c('合计')];
  ['F', 'G', 'H', 'I'].forEach((L, x) => (tot[5 + x] = c(sums[x], `SUM(${L}5:${L}${last})`)));
  grid.merges.push({ top: last, left: 0, bottom: last, right: 4 });
  grid.rows.push(tot);
  return grid as unknown as Grid;
}

export async function taskpaneBench(root: string, rows: number, reps: number, log: (s: string) => void): Promise<TaskpaneFigures> {
  const code = fs.readFileSync(coreBundle(root, log), 'utf8');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { chromium } = require('playwright-core') as typeof import('playwright-core');
  log(`chromium：校验 ${rows} 行项目表 × ${reps} 次…`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  try {
    const page = await browser.newPage();
    await page.addScriptTag({ content: code });
    const grid = projectGrid(rows);
    const series = (today: string): Promise<Series> =>
      page.evaluate(
        ({ grid, reps, today }) => {
          const core = (globalThis as unknown as { XcsCore: typeof import('../../core') }).XcsCore;
          const times: number[] = [];
          let issues = 0;
          let projects = 0;
          for (let i = 0; i < reps; i++) {
            const t0 = performance.now();
            const rep = core.townReport('青云镇重点项目.xlsx', [grid] as never, today);
            core.groupIssues(rep.analysis.issues, ['重点项目']);
            times.push(performance.now() - t0);
            issues = rep.analysis.issues.length;
            projects = rep.town?.projects?.count ?? 0;
          }
          const sorted = [...times].sort((x, y) => x - y);
          return { today, times, median: sorted[Math.floor(sorted.length / 2)], max: sorted[sorted.length - 1], issues, projects };
        },
        { grid, reps, today },
      );
    const sameDay = await series('2015-10-31');
    const laterDay = await series('2015-11-02');
    return { rows, reps, sameDay, laterDay };
  } finally {
    await browser.close();
  }
}
