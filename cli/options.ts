/**
 * What a run is asked for (RunOptions, from the command line or a caller such as demo.ts), what it gives back
 * (RunOutcome), and the first step of a run: checking the options and the output paths before anything is touched.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { parseIso } from '../core';
import { defaultPdfPath } from '../io/write/bulletin-pdf';
import type { ConsolidationResult } from '../core';
import type { PdfOutcome } from '../io/write/bulletin-pdf';

export interface RunOptions {
  folder: string;
  roster: string;
  asOf: string;
  out: string;
  json?: string;
  /** The 通报 sheet as a PDF (LibreOffice): a path, or true for <summary>-通报.pdf beside the summary. */
  pdf?: string | boolean;
  yellowBelow?: number;
  /** A county config (JSON): thresholds, report age, indicators added to the catalog. */
  config?: string;
  county?: string;
  jobs?: number;
  quiet?: boolean;
  /** The county's target workbook (.xlsx): town × indicator × year, with the mid-term adjustment. */
  targets?: string;
  /** Last week's JSON report (--json of last week's run): week-over-week changes. */
  previous?: string;
  /** The folder of the year's earlier JSON reports: streaks, 督办清单, missed weeks, the year's curve. */
  history?: string;
  /**
   * Legacy .xls/.et/.ett files converted by LibreOffice (a copy, in a private temporary folder) and read like the
   * others. Default true; false (--no-convert) rejects them as before.
   */
  convert?: boolean;
}

export interface RunOutcome {
  code: 0 | 1 | 2;
  result?: ConsolidationResult;
  seconds?: number;
  /** Set when a PDF was asked for: written (with its page count) or why not. */
  pdf?: PdfOutcome;
}


/** A problem with what the user gave (arguments, roster, config, targets, last week's report): exit 2, nothing written. */
export class UsageError extends Error {}

/** The options checked: the towns' folder (absolute), the PDF's path when one is asked for, every output. */
export interface CheckedOptions {
  folder: string;
  pdfPath: string | undefined;
  outputs: string[];
}

/** Checks the date, the folder and every output path (never inside the towns' folder, never onto an input). */
export async function checkOptions(o: RunOptions): Promise<CheckedOptions> {
  if (!parseIso(o.asOf)) throw new UsageError(`--as-of 应为有效日期 YYYY-MM-DD，收到「${o.asOf}」`);
  const folder = path.resolve(o.folder);
  const st = await fsp.stat(folder).catch(() => null);
  if (!st) throw new UsageError(`文件夹不存在：${o.folder}`);
  if (!st.isDirectory()) throw new UsageError(`不是文件夹：${o.folder}`);
  if (!/\.xlsx$/i.test(o.out)) throw new UsageError(`--out 应为 .xlsx 文件：${o.out}`);
  const pdfPath = o.pdf === true ? defaultPdfPath(o.out) : typeof o.pdf === 'string' ? o.pdf : undefined;
  if (pdfPath !== undefined && !/\.pdf$/i.test(pdfPath)) throw new UsageError(`--pdf 应为 .pdf 文件：${pdfPath}`);
  for (const target of [o.out, o.json, pdfPath].filter((x): x is string => !!x)) {
    const abs = path.resolve(target);
    const dir = path.dirname(abs);
    let ds;
    try {
      ds = await fsp.stat(dir);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new UsageError(code === 'ENOTDIR' ? `输出目录无效：${dir}（路径中有一段是文件而不是文件夹）` : `输出目录不存在：${dir}`);
    }
    if (!ds.isDirectory()) throw new UsageError(`输出目录无效：${dir} 是文件而不是文件夹`);
    const ts = await fsp.stat(abs).catch(() => null);
    if (ts?.isDirectory()) throw new UsageError(`输出路径 ${target} 是一个文件夹，请给出文件名`);
    // an output inside the towns' folder would be read as a town's file next week, or overwrite one of them
    const rel = path.relative(folder, abs);
    if (!rel.startsWith('..') && !path.isAbsolute(rel)) {
      throw new UsageError(`输出文件 ${target} 不能放在报表文件夹 ${o.folder} 里面（会覆盖或混入乡镇报表），请换一个位置`);
    }
    if (path.resolve(o.roster) === abs) throw new UsageError(`输出文件 ${target} 与名册是同一个文件`);
  }
  if (o.json && path.resolve(o.json) === path.resolve(o.out)) throw new UsageError('--json 与 --out 不能是同一个文件');
  // last week's report and the targets are the user's: never overwritten by this week's outputs
  for (const [input, label] of [[o.previous, '--previous'], [o.targets, '--targets']] as const) {
    if (!input) continue;
    for (const target of [o.out, o.json].filter((x): x is string => !!x)) {
      if (path.resolve(input) === path.resolve(target)) throw new UsageError(`输出文件 ${target} 与 ${label} 给出的文件是同一个文件，会覆盖它；请换一个输出文件名`);
    }
  }
  if (pdfPath && o.json && path.resolve(pdfPath) === path.resolve(o.json)) throw new UsageError('--pdf 与 --json 不能是同一个文件');
  return { folder, pdfPath, outputs: [o.out, o.json, pdfPath].filter((x): x is string => !!x) };
}
