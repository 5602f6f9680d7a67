/**
 * Benchmark (issues #5, #13), in sections, each printing its own block to stdout (progress goes to stderr):
 *   1. the sample county (sample/county, 24 files): ours, pandas and the floors in 5 rounds, the median of each (ours:
 *      also its first run, with empty caches);
 *   2. the province corpus (N generated towns, default 1,300): the same in 3 rounds, pandas in the first only;
 *   3. the task pane's 校验 on 10,000 project rows in chromium;
 *   4. a legacy (.xls) county beside its .xlsx twin;
 *   5. --history: a year of a county's and of a province's reports.
 * Sections 1–2 are tools/bench/consolidation.ts (what is timed, the floors, the stages), section 3 taskpane.ts,
 * section 4 legacy.ts, section 5 history.ts. A new
 * section is a module returning its text and figures, and one entry in SECTIONS below.
 *
 *   npm run bench -- [--towns N] [--seed S] [--skip-pandas] [--skip-county] [--skip-province] [--skip-taskpane] [--skip-legacy] [--legacy-towns N] [--skip-history] [--json figures.json]
 *   npm run bench:taskpane             (= --skip-consolidation: the task-pane section only)
 *
 * The corpus is generated once per (N, seed) under the temp dir (tools/bench/corpus.ts).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Command } from 'commander';
import { corpus, AS_OF, type Corpus } from './corpus';
import { taskpaneBench, type Series, type TaskpaneFigures } from './taskpane';
import { legacyBench, legacyTable } from './legacy';
import { historyBench } from './history';
import { ROOT, consolidationSection, machineLine, type Target } from './consolidation';
import type { JsonReport } from '../../core';

const TIME = '/usr/bin/time';
const GOALS = { county: { pandasOverOurs: 2, oursRssMb: 120 }, province: { pandasOverOurs: 4, oursOverWholeFloor: 2, oursRssMb: 400 }, taskpaneMs: 200 };

const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);

interface Options {
  towns: string;
  seed: string;
  skipPandas?: boolean;
  skipTaskpane?: boolean;
  skipConsolidation?: boolean;
  skipCounty?: boolean;
  skipProvince?: boolean;
  skipLegacy?: boolean;
  legacyTowns: string;
  skipHistory?: boolean;
  taskpaneRows: string;
  reps: string;
  json?: string;
}

/** A section: its heading's key, and what it prints (text) and records (figures) for one run of the bench. */
interface Section {
  key: string;
  skip(o: Options): boolean;
  run(o: Options, tmp: string): Promise<{ text: string; figures: unknown }>;
}

/** The province corpus's consolidation must be complete: every town submitted with its projects and indicators. */
function corpusCheck(c: Corpus) {
  return (text: string) => {
    const rep = JSON.parse(text) as JsonReport;
    const submitted = rep.towns.filter((x) => x.status === 'submitted').length;
    const projects = rep.towns.reduce((s, x) => s + (x.projects?.count ?? 0), 0);
    const indicators = rep.towns.reduce((s, x) => s + (x.indicators?.length ?? 0), 0);
    const accepted = rep.files.filter((f) => f.status === 'accepted').length;
    if (submitted !== c.towns || projects !== c.projects || indicators !== c.indicators || accepted !== c.files) {
      throw new Error(`汇总结果不对：${submitted}/${c.towns} 个乡镇采纳，${accepted}/${c.files} 个文件采纳，项目 ${projects}/${c.projects}，指标 ${indicators}/${c.indicators}`);
    }
  };
}

const SECTIONS: Section[] = [
  {
    key: 'county',
    skip: (o) => !!o.skipConsolidation || !!o.skipCounty,
    async run(o, tmp) {
      const t: Target = {
        label: '示例县',
        folder: path.join(ROOT, 'sample', 'county'),
        roster: path.join(ROOT, 'sample', 'roster.csv'),
        asOf: '2015-10-31',
        expectCode: 1,
        reps: 5,
        startLines: true,
        goals: GOALS.county,
      };
      const r = consolidationSection(t, { tmp, skipPandas: o.skipPandas });
      return { text: `示例县（sample/county，${fs.readdirSync(t.folder, { recursive: true, withFileTypes: true }).filter((f) => f.isFile()).length} 个文件；ours、pandas、floors 轮流跑五轮取中位数，字体与代码缓存已有（另列首次运行）；${machineLine()}）\n${r.text}`, figures: r.figures };
    },
  },
  {
    key: 'province',
    skip: (o) => !!o.skipConsolidation || !!o.skipProvince,
    async run(o, tmp) {
      const c = await corpus(Number(o.towns), Number(o.seed), log);
      log(`语料：${c.folder}（${c.towns} 个乡镇，${c.files} 个文件，${(c.bytes / 1e6).toFixed(1)} MB，项目 ${c.projects} 行，指标 ${c.indicators} 行）`);
      const head = `全省语料：${c.towns} 个乡镇，${c.files} 个文件（${(c.bytes / 1e6).toFixed(1)} MB），${c.projects} 个项目 + ${c.indicators} 个指标 = ${c.projects + c.indicators} 行数据；ours 与 floors 轮流跑三轮取中位数，pandas 跑一次；${machineLine()}`;
      // three rounds of ours and the floors, pandas (~45 s) in the first only
      const t: Target = { label: '全省语料', folder: c.folder, roster: c.roster, asOf: AS_OF, expectCode: 0, reps: 3, pandasReps: 1, check: corpusCheck(c), goals: GOALS.province };
      const r = consolidationSection(t, { tmp, skipPandas: o.skipPandas });
      return { text: `${head}\n${r.text}`, figures: { corpus: c, ...r.figures } };
    },
  },
  {
    key: 'taskpane',
    skip: (o) => !!o.skipTaskpane,
    async run(o) {
      const tp: TaskpaneFigures = await taskpaneBench(ROOT, Number(o.taskpaneRows), Math.max(1, Number(o.reps)), log);
      const mark = (ok: boolean) => (ok ? '✓' : '✗');
      const line = (label: string, x: Series) =>
        `  ${label}（today=${x.today}）：中位数 ${x.median.toFixed(0)} ms，最大 ${x.max.toFixed(0)} ms   目标 ≤ ${GOALS.taskpaneMs} ms   ${mark(x.max <= GOALS.taskpaneMs)}\n` +
        `    各次 ${x.times.map((t) => t.toFixed(0)).join(' / ')} ms；识别出 ${x.projects} 个项目，${x.issues} 条问题`;
      for (const x of [tp.sameDay, tp.laterDay]) if (x.projects !== tp.rows) throw new Error(`任务窗格校验只识别出 ${x.projects} 个项目，应为 ${tp.rows}`);
      return {
        text:
          `任务窗格「校验」（chromium 中的浏览器核心包；townReport + groupIssues；${tp.rows} 行项目 × ${tp.reps} 次，不含 Office.js 读取）\n` +
          line('报表日期当天校验，分析一遍，首次为冷启动', tp.sameDay) + '\n' +
          line('之后某天校验（同一年：仍只分析一遍）', tp.laterDay),
        figures: tp,
      };
    },
  },
  {
    key: 'legacy',
    skip: (o) => !!o.skipConsolidation || !!o.skipLegacy,
    async run(o) {
      const legacy = await legacyBench(ROOT, Number(o.legacyTowns), Number(o.seed), log);
      const text = legacyTable(legacy);
      if (!legacy.sameFigures) {
        process.stdout.write(`\n${text}\n`);
        throw new Error('.xls 县与 .xlsx 县的汇总数字不同');
      }
      return { text, figures: legacy };
    },
  },
  {
    key: 'history',
    skip: (o) => !!o.skipConsolidation || !!o.skipHistory,
    async run(_o, tmp) {
      const r = historyBench(ROOT, tmp, log);
      return { text: r.text.replace(/^\n/, ''), figures: r.cases };
    },
  },
];

async function main(): Promise<number> {
  const o = new Command()
    .name('bench')
    .option('--towns <n>', '乡镇数', '1300')
    .option('--seed <s>', '随机种子', '1')
    .option('--skip-pandas', '不跑 pandas 基线')
    .option('--skip-county', '不跑示例县部分')
    .option('--skip-province', '不跑全省语料部分')
    .option('--skip-taskpane', '不跑任务窗格（chromium）部分')
    .option('--skip-legacy', '不跑旧格式（.xls）县的部分')
    .option('--legacy-towns <n>', '旧格式县的乡镇数', '30')
    .option('--skip-history', '不跑历史（--history）部分')
    .option('--skip-consolidation', '只跑任务窗格部分（npm run bench:taskpane）')
    .option('--taskpane-rows <n>', '任务窗格校验的项目行数', '10000')
    .option('--reps <n>', '任务窗格校验的重复次数', '7')
    .option('--json <file>', '把结果写入 JSON 文件')
    .parse(process.argv)
    .opts<Options>();
  const n = Number(o.towns);
  const seed = Number(o.seed);
  if (!Number.isInteger(n) || n < 1 || !Number.isInteger(seed)) {
    process.stderr.write('--towns 与 --seed 须为正整数\n');
    return 2;
  }
  if (!fs.existsSync(TIME)) {
    process.stderr.write(`需要 ${TIME}（Debian 软件包 time）\n`);
    return 2;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xcs-bench-run-'));
  try {
    const figures: Record<string, unknown> = {};
    let first = true;
    for (const section of SECTIONS) {
      if (section.skip(o)) continue;
      const r = await section.run(o, tmp);
      process.stdout.write(`${first ? '' : '\n'}${r.text}\n`);
      first = false;
      figures[section.key] = r.figures;
    }
    if (o.json) {
      fs.writeFileSync(o.json, JSON.stringify({ date: new Date().toISOString(), cpus: os.cpus().length, loadavgAtEnd: os.loadavg(), goals: GOALS, ...figures }, null, 2) + '\n');
      log(`结果已写入 ${o.json}`);
    }
    return 0;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`基准测试失败：${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
