/**
 * The bulletin's PDF: the 通报 sheet alone (a temporary workbook written by the same code as the summary's sheet)
 * converted by LibreOffice (`soffice --headless --convert-to pdf`) with a private profile and a time limit, then moved
 * into place atomically. Never throws: without LibreOffice, or when it fails, the outcome says why in Chinese and
 * the caller prints it as a warning (the summary workbook is written either way).
 */
import { existsSync, promises as fsp, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ConsolidationResult } from '../../core/types';
import { findSoffice, runSoffice } from '../external/soffice';
import { writeAtomic } from '../output/atomic';
import type { SummaryOptions } from './summary-workbook';
import { summaryWriter } from './writer';

export type PdfOutcome =
  | { ok: true; file: string; pages: number }
  | { ok: false; file: string; absent: boolean; reason: string };

export const SOFFICE_TIMEOUT_MS = 120_000;

/** The default PDF beside the summary: 「青川县汇总.xlsx」 → 「青川县汇总-通报.pdf」. */
export function defaultPdfPath(summary: string): string {
  return summary.replace(/\.xlsx$/i, '') + '-通报.pdf';
}

export { findSoffice };

/** Pages of a PDF written by LibreOffice (its page objects are plain dictionaries). */
export function countPdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![A-Za-z])/g) ?? []).length;
}

/** Runs soffice to convert `input` into `outDir`; resolves with the PDF's path or rejects with a Chinese reason. */
async function convert(soffice: string, input: string, outDir: string, profile: string, timeoutMs: number): Promise<string> {
  const run = await runSoffice(soffice, ['--convert-to', 'pdf:calc_pdf_Export', '--outdir', outDir, input], { profile, timeoutMs });
  if (run.spawnError) throw new Error(`无法启动 LibreOffice（${soffice}）：${run.spawnError}`);
  if (run.timedOut) throw new Error(`LibreOffice 转换超过 ${Number((timeoutMs / 1000).toFixed(1))} 秒未完成，已终止`);
  const pdf = path.join(outDir, `${path.basename(input, path.extname(input))}.pdf`);
  if (existsSync(pdf)) return pdf;
  throw new Error(`LibreOffice 没有生成 PDF（退出码 ${run.code}${run.stderr ? `：${run.stderr}` : ''}）`);
}

export interface PdfOptions extends SummaryOptions {
  /** soffice to use; default findSoffice(). */
  soffice?: string | null;
  timeoutMs?: number;
}

/** The 通报 sheet of `result` converted to PDF, in memory (the caller decides where and when it lands). */
export type PdfBytes = { ok: true; bytes: Buffer; pages: number } | { ok: false; absent: boolean; reason: string };

export async function makeBulletinPdf(result: ConsolidationResult, opts: PdfOptions = {}): Promise<PdfBytes> {
  const soffice = opts.soffice === undefined ? findSoffice() : opts.soffice;
  if (!soffice) {
    return { ok: false, absent: true, reason: '未找到 LibreOffice（soffice），没有生成通报 PDF' };
  }
  let dir: string | null = null;
  const removeDir = () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
  try {
    dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'xcs-bulletin-'));
    // an exit on Ctrl-C leaves no LibreOffice profile behind either
    process.on('exit', removeDir);
    const book = path.join(dir, 'bulletin.xlsx');
    await summaryWriter().writeBulletinOnly(result, book, opts);
    const pdf = await convert(soffice, book, path.join(dir, 'out'), path.join(dir, 'profile'), opts.timeoutMs ?? SOFFICE_TIMEOUT_MS);
    const bytes = await fsp.readFile(pdf);
    const pages = countPdfPages(bytes);
    if (!bytes.subarray(0, 5).equals(Buffer.from('%PDF-')) || pages === 0) throw new Error('LibreOffice 生成的 PDF 无效');
    return { ok: true, bytes, pages };
  } catch (err) {
    return { ok: false, absent: false, reason: err instanceof Error ? err.message : String(err) };
  } finally {
    process.off('exit', removeDir);
    if (dir) await fsp.rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** Writes the 通报 sheet of `result` as a PDF at `target` (atomically). */
export async function writeBulletinPdf(result: ConsolidationResult, target: string, opts: PdfOptions = {}): Promise<PdfOutcome> {
  const made = await makeBulletinPdf(result, opts);
  if (!made.ok) return { ...made, file: target };
  try {
    await writeAtomic(target, (tmp) => fsp.writeFile(tmp, made.bytes, { flag: 'wx' }));
    return { ok: true, file: target, pages: made.pages };
  } catch (err) {
    return { ok: false, file: target, absent: false, reason: err instanceof Error ? err.message : String(err) };
  }
}
