/**
 * --history: the year's earlier JSON reports (io/read/history.ts keeps a compact file beside them), each bad one
 * skipped with a warning naming it; a folder that is not there stops the run (exit 2).
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { RosterTown } from '../core';
import { LoadedHistory, loadHistory } from '../io/read/history';
import { RunOptions, UsageError } from './options';

export async function loadYearHistory(folder: string, o: RunOptions, roster: RosterTown[], pdfPath: string | undefined): Promise<LoadedHistory> {
  const hs = await fsp.stat(folder).catch(() => null);
  if (!hs) throw new UsageError(`历史报告文件夹不存在：${folder}`);
  if (!hs.isDirectory()) throw new UsageError(`--history 应为文件夹（存放各周 --json 报告）：${folder}`);
  const own = new Set([o.out, o.json, pdfPath].filter((x): x is string => !!x).map((x) => path.resolve(x)));
  const history = await loadHistory(folder, { asOf: o.asOf, roster, previous: o.previous, exclude: own });
  for (const s of history.skipped) process.stderr.write(`警告：${s.issue.message}\n`);
  if (history.storeProblem) process.stderr.write(`警告：历史摘要文件未能更新（${history.storeProblem}），本次照常汇总，下次将重新读取各周报告\n`);
  return history;
}
