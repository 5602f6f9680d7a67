/**
 * The bulletin's PDF: the 通报 sheet alone (a temporary workbook written by the same code as the summary's sheet)
 * converted by LibreOffice (`soffice --headless --convert-to pdf`) with a private profile and a time limit, then moved
 * into place atomically. Never throws: without LibreOffice, or when it fails, the outcome says why in Chinese and
 * the caller prints it as a warning (the summary workbook is written either way).
 */
import { spawn } from 'node:child_process';
import { existsSync, promises as fsp, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ConsolidationResult } from '../../core/types';
import { writeAtomic } from '../output/atomic';
import { SummaryOptions, writeBulletinOnly } from './summary-workbook';

export type PdfOutcome =
  | { ok: true; file: string; pages: number }
  | { ok: false; file: string; absent: boolean; reason: string };

export const SOFFICE_TIMEOUT_MS = 120_000;

/** The default PDF beside the summary: 「青川县汇总.xlsx」 → 「青川县汇总-通报.pdf」. */
export function defaultPdfPath(summary: string): string {
  return summary.replace(/\.xlsx$/i, '') + '-通报.pdf';
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * LibreOffice's soffice: XCS_SOFFICE when set (a path; empty = none), else soffice/libreoffice on the PATH, else the
 * usual install places on Windows and macOS.
 */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.XCS_SOFFICE !== undefined) return env.XCS_SOFFICE && isFile(env.XCS_SOFFICE) ? env.XCS_SOFFICE : null;
  const exts = process.platform === 'win32' ? ['.exe', '.com', ''] : [''];
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of ['soffice', 'libreoffice']) {
      for (const ext of exts) {
        const p = path.join(dir, name + ext);
        if (isFile(p)) return p;
      }
    }
  }
  const known = [
    'C:\\Program Files\\LibreOffice\\program\\soffice.exe',
    'C:\\Program Files (x86)\\LibreOffice\\program\\soffice.exe',
    '/Applications/LibreOffice.app/Contents/MacOS/soffice',
    '/opt/libreoffice/program/soffice',
  ];
  return known.find((p) => existsSync(p)) ?? null;
}

/** Pages of a PDF written by LibreOffice (its page objects are plain dictionaries). */
export function countPdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![A-Za-z])/g) ?? []).length;
}

/** Runs soffice to convert `input` into `outDir`; resolves with the PDF's path or rejects with a Chinese reason. */
function convert(soffice: string, input: string, outDir: string, profile: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const args = [
      '--headless', '--norestore', '--nolockcheck', '--nodefault', '--nofirststartwizard',
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--convert-to', 'pdf:calc_pdf_Export', '--outdir', outDir, input,
    ];
    let stderr = '';
    let timedOut = false;
    const child = spawn(soffice, args, { detached: process.platform !== 'win32', stdio: ['ignore', 'ignore', 'pipe'], windowsHide: true });
    child.stderr?.on('data', (d: Buffer) => {
      if (stderr.length < 4000) stderr += d.toString('utf8');
    });
    const kill = () => {
      try {
        // soffice starts soffice.bin as its child: end the whole group
        if (child.pid && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        /* already gone */
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, timeoutMs);
    // the command line ending on Ctrl-C (process.exit) takes LibreOffice down with it
    process.prependListener('exit', kill);
    child.on('error', (err) => {
      clearTimeout(timer);
      process.off('exit', kill);
      reject(new Error(`无法启动 LibreOffice（${soffice}）：${err.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      process.off('exit', kill);
      if (timedOut) return reject(new Error(`LibreOffice 转换超过 ${Number((timeoutMs / 1000).toFixed(1))} 秒未完成，已终止`));
      const pdf = path.join(outDir, `${path.basename(input, path.extname(input))}.pdf`);
      if (existsSync(pdf)) return resolve(pdf);
      const said = stderr.split('\n').map((l) => l.trim()).filter((l) => l && !/javaldx/.test(l)).slice(-2).join('；');
      reject(new Error(`LibreOffice 没有生成 PDF（退出码 ${code}${said ? `：${said}` : ''}）`));
    });
  });
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
    await writeBulletinOnly(result, book, opts);
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
