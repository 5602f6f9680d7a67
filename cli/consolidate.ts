#!/usr/bin/env node
/**
 * 县级周汇总：一个文件夹的乡镇报表 → 县汇总工作簿（+ JSON 报告）。
 *
 *   npm run consolidate -- <folder> --roster <file.csv|file.xlsx> --as-of <YYYY-MM-DD> --out <summary.xlsx> [--json <report.json>] [--pdf [bulletin.pdf]]
 *
 * Exit 0: every roster town accepted and no file rejected; 1: summary written but a file was rejected or a town is
 * missing; 2: nothing written (bad arguments, unreadable roster, no folder, output not writable).
 *
 * The steps, one file each: args.ts (command line → RunOptions) → run.ts (the run: options.ts checks, inputs.ts
 * reads the county's inputs, the towns' files are read and consolidated, outputs.ts writes) → print.ts (the summary).
 */
// first of all, before this file's other modules load: one read worker starts loading its own on the other core
import { prestartReadWorker } from '../io/read/prestart';
if (require.main === module) prestartReadWorker();
import { parseArgs } from './args';
import { abandonPending, runConsolidation } from './run';

export { buildProgram, parseArgs } from './args';
export { abandonPending, runConsolidation } from './run';
export type { RunOptions, RunOutcome } from './run';

export async function main(argv: string[]): Promise<number> {
  const parsed = parseArgs(argv);
  if ('code' in parsed) return parsed.code;
  return (await runConsolidation(parsed.options)).code;
}

if (require.main === module) {
  // output piped into `head` and closed early: stop writing, never print a stack trace
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
    });
  }
  // Ctrl-C or a polite kill: take back the lock and the temporary files before going (SIGKILL cannot be caught:
  // the next run on the same output removes what that leaves)
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      abandonPending();
      process.stderr.write(`\n错误：汇总被中断（${signal}）\n`);
      process.exit(2);
    });
  }
  let settled = false;
  main(process.argv.slice(2)).then(
    (code) => {
      settled = true;
      process.exitCode = code;
    },
    (err) => {
      settled = true;
      process.stderr.write(`错误：${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 2;
    },
  );
  // node ends a process that has nothing left to wait for with exit 0, even with the run unfinished (something it
  // waited for can no longer happen: a defect). Never a silent success: the run's files go, and it says so.
  process.on('beforeExit', () => {
    if (settled) return;
    settled = true;
    abandonPending();
    process.stderr.write('错误：汇总中断（内部错误：写出时等待的操作不再继续），未写出任何文件\n');
    process.exitCode = 2;
  });
}
