/**
 * Benchmark of legacy files (issue #11): a county of N towns (30 by default) all sending Excel 97 .xls, beside the
 * same county in .xlsx. The .xlsx county is the bench corpus (corpus.ts); its .xls twin is made once by LibreOffice
 * (`--convert-to xls:"MS Excel 97"`) and cached beside it. Both run through the CLI under /usr/bin/time (wall, peak
 * RSS of our process, CPU); the JSON reports must give the same figures. The .xls county runs twice: read natively
 * (io/read/biff-grid.ts, the default) and by the LibreOffice road (XCS_NATIVE_XLS=0: every file converted). Goal: the
 * .xls county under 20 s on 2 cores.
 *
 * GNU time's figures cover the whole tree it waited for: user+sys include LibreOffice's CPU, and the peak RSS (%M) is
 * that of the largest single process of the tree (node, or a soffice.bin), not their sum.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findSoffice } from '../../io/external/soffice';
import { AS_OF, corpus, type Corpus } from './corpus';

const TIME = '/usr/bin/time';
export const LEGACY_GOAL_S = 20;

export interface LegacyRun {
  name: string;
  files: number;
  wall: number;
  rssMb: number;
  user: number;
  sys: number;
}

export interface LegacyFigures {
  towns: number;
  files: number;
  xlsx: LegacyRun;
  xls: LegacyRun;
  /** The same county by the LibreOffice road (XCS_NATIVE_XLS=0). */
  xlsSoffice: LegacyRun;
  sameFigures: boolean;
  goalS: number;
}

function timed(cmd: string[], tmp: string, env: NodeJS.ProcessEnv = process.env): { status: number | null; wall: number; rssMb: number; user: number; sys: number; stderr: string } {
  const out = path.join(tmp, `time-legacy-${Date.now()}.txt`);
  const r = spawnSync(TIME, ['-f', '%e %M %U %S', '-o', out, ...cmd], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env });
  if (r.error) throw new Error(`${cmd[0]} 无法运行：${r.error.message}`);
  const line = fs.readFileSync(out, 'utf8').trim().split('\n').pop() ?? '';
  const [wall, kb, user, sys] = line.split(/\s+/).map(Number);
  return { status: r.status, wall, rssMb: kb / 1024, user, sys, stderr: r.stderr };
}

/** The .xls twin of the corpus' folder (made once, cached: `<corpus>/towns-xls`, complete when `towns-xls.done` exists). */
function xlsTwin(c: Corpus, soffice: string, log: (s: string) => void): string {
  const twin = path.join(c.dir, 'towns-xls');
  const done = path.join(c.dir, 'towns-xls.done');
  if (fs.existsSync(done)) return twin;
  fs.rmSync(twin, { recursive: true, force: true });
  fs.mkdirSync(twin, { recursive: true });
  log(`用 LibreOffice 把 ${c.files} 个 .xlsx 另存为 .xls（只做一次）…`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'xcs-bench-lo-'));
  try {
    const files = fs.readdirSync(c.folder).filter((n) => n.endsWith('.xlsx')).map((n) => path.join(c.folder, n));
    const r = spawnSync(soffice, ['--headless', `-env:UserInstallation=file://${profile}`, '--convert-to', 'xls:MS Excel 97', '--outdir', twin, ...files], { stdio: 'ignore', timeout: 900_000 });
    if (r.error) throw new Error(`LibreOffice 另存为 .xls 失败：${r.error.message}`);
    const made = fs.readdirSync(twin).filter((n) => n.endsWith('.xls')).length;
    if (made !== files.length) throw new Error(`LibreOffice 只写出 ${made}/${files.length} 个 .xls`);
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
  // the mark of completion sits beside the county folder, not in it
  fs.writeFileSync(done, '');
  return twin;
}

function figures(report: { towns: unknown; county: unknown }): string {
  return JSON.stringify({ towns: report.towns, county: report.county }).replace(/\.xls(?=["\\）)])/g, '.xlsx');
}

export async function legacyBench(root: string, towns: number, seed: number, log: (s: string) => void): Promise<LegacyFigures> {
  const soffice = findSoffice();
  if (!soffice) throw new Error('旧格式基准需要 LibreOffice（soffice）');
  const c = await corpus(towns, seed, log);
  const twin = xlsTwin(c, soffice, log);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xcs-bench-legacy-'));
  const cli = path.join(root, 'dist', 'cli', 'consolidate.js');
  try {
    const run = (name: string, folder: string, env: NodeJS.ProcessEnv = process.env): { run: LegacyRun; figures: string } => {
      log(`${name}：${folder}`);
      const json = path.join(tmp, `${name}.json`);
      const t = timed([process.execPath, cli, folder, '--roster', c.roster, '--as-of', AS_OF, '--out', path.join(tmp, `${name}.xlsx`), '--json', json, '--quiet', '--jobs', '2'], tmp, env);
      if (t.status !== 0 || !fs.existsSync(json)) throw new Error(`${name} 汇总退出码 ${t.status}（应为 0）：${t.stderr.slice(-400)}`);
      const rep = JSON.parse(fs.readFileSync(json, 'utf8'));
      const accepted = rep.files.filter((f: { status: string }) => f.status === 'accepted').length;
      if (accepted !== c.files) throw new Error(`${name}：只采用了 ${accepted}/${c.files} 个文件`);
      return { run: { name, files: accepted, wall: t.wall, rssMb: t.rssMb, user: t.user, sys: t.sys }, figures: figures(rep) };
    };
    const a = run('xlsx', c.folder);
    const b = run('xls', twin);
    const s = run('xls LO', twin, { ...process.env, XCS_NATIVE_XLS: '0' });
    return { towns: c.towns, files: c.files, xlsx: a.run, xls: b.run, xlsSoffice: s.run, sameFigures: a.figures === b.figures && a.figures === s.figures, goalS: LEGACY_GOAL_S };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** The section's lines for the bench's output. */
export function legacyTable(f: LegacyFigures): string {
  const row = (r: LegacyRun) =>
    `  ${r.name.padEnd(7)} ${String(r.files).padStart(5)} 个文件   ${r.wall.toFixed(2).padStart(7)} s   峰值内存 ${r.rssMb.toFixed(0).padStart(4)} MB   CPU user ${r.user.toFixed(1)} s + sys ${r.sys.toFixed(1)} s`;
  return [
    `旧格式文件：${f.towns} 个乡镇全部报送 .xls，与同一县的 .xlsx 对照（xls：直接读取；xls LO：XCS_NATIVE_XLS=0，LibreOffice 转换副本后读取）；--jobs 2；机器 ${os.cpus().length} 核，负载 ${os.loadavg()[0].toFixed(2)}`,
    row(f.xlsx),
    row(f.xls),
    row(f.xlsSoffice),
    `  .xls 县用时 ${f.xls.wall.toFixed(1)} s（LibreOffice 路 ${f.xlsSoffice.wall.toFixed(1)} s）   目标 < ${f.goalS} s   ${f.xls.wall < f.goalS ? '✓' : '✗'}；三份报告的数字${f.sameFigures ? '相同 ✓' : '不同 ✗'}`,
  ].join('\n');
}
