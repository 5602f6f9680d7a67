/**
 * Benchmark of the hostile-input corpus (issue #5): every case of tools/hostile/cases.ts is written into its
 * own county folder beside the valid towns and run through the real CLI, one run per case. Prints a table: case,
 * exit code, code reported on the file, wall seconds, peak RSS (MB), and whether it stayed within 10 s and 500 MB.
 *
 *   npm run bench:hostile [-- case-id …]
 */
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HOSTILE_CASES, buildCase, findCaseFile, runConsolidate, validTownProblems } from '../hostile/cases';

const LIMIT_S = 10;
const LIMIT_MB = 500;

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const cases = only.length ? HOSTILE_CASES.filter(c => only.includes(c.id)) : HOSTILE_CASES;
  const cli = path.join(__dirname, '..', '..', 'cli', 'consolidate.js');
  const base = await fsp.mkdtemp(path.join(os.tmpdir(), 'xcs-bench-hostile-'));
  const rows: string[][] = [['case', 'exit', 'code', 'expected', 'towns', 'wall s', 'RSS MB', '≤10 s', '≤500 MB']];
  let bad = 0;
  try {
    for (const c of cases) {
      const dir = path.join(base, c.id, '各镇报表');
      const skip = await buildCase(c, dir);
      if (skip) {
        rows.push([c.id, '-', '-', c.code, '-', '-', '-', '-', `跳过：${skip}`]);
        continue;
      }
      const r = runConsolidate(cli, dir, path.join(base, c.id));
      const { codes } = findCaseFile(r.report, c);
      const towns = validTownProblems(r.report);
      const expectedExit = c.status === 'rejected' ? 1 : 0;
      const okTime = !r.timedOut && r.seconds <= LIMIT_S;
      const okMem = r.maxRssMb !== null && r.maxRssMb <= LIMIT_MB;
      const ok = r.code === expectedExit && codes.includes(c.code) && towns.length === 0 && okTime && okMem;
      if (!ok) bad++;
      rows.push([
        c.id,
        r.timedOut ? 'killed' : String(r.code),
        [...new Set(codes)].join(',') || '(未列出)',
        c.code,
        towns.length ? towns.join('; ') : 'ok',
        r.seconds.toFixed(2),
        r.maxRssMb === null ? '?' : r.maxRssMb.toFixed(0),
        okTime ? 'yes' : 'NO',
        okMem ? 'yes' : 'NO',
      ]);
      await fsp.rm(path.join(base, c.id), { recursive: true, force: true }).catch(() => undefined);
    }
  } finally {
    await fsp.rm(base, { recursive: true, force: true }).catch(() => undefined);
  }
  const width = rows[0]!.map((_, i) => Math.max(...rows.map(r => [...(r[i] ?? '')].length)));
  for (const r of rows) console.log(r.map((v, i) => v.padEnd(width[i]!)).join('  '));
  console.log(`\n${cases.length} 例，${bad} 例不符合（退出码、代码、有效乡镇合计、10 秒、500 MB）`);
  process.exitCode = bad ? 1 : 0;
}

void main();
