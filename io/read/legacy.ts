/**
 * Legacy spreadsheets (.xls, and the .et/.ett WPS saves, BIFF inside) converted to .xlsx by LibreOffice in a private
 * temporary folder, so that they are then read by the same road as every other file (the pool, the guards, the
 * analysis). See docs/dev/legacy-conversion.md for the checks and why.
 *
 * For each file, before LibreOffice sees it:
 *   1. its bytes, read-only, size checked first (maxBytes, 20 MB by default: a town's .xls is tens of KB);
 *   2. content first: a zip (an .xlsx renamed .xls) or anything that is not an OLE2 compound file is left to the
 *      ordinary read, which says what it is;
 *   3. the OLE container and the BIFF Workbook stream read here (biff.ts): an encrypted file (FILEPASS), a Word
 *      document renamed .xls, a truncated or corrupt stream is rejected with a Chinese reason, never converted
 *      (LibreOffice turns those into an empty workbook and exits 0);
 *   4. a COPY of the bytes goes into the temporary folder under a neutral name (f0001.xls): LibreOffice never opens
 *      the town's file, and the .et's extension cannot steer its filter.
 * Then the copies are converted in batches (one soffice start converts many files: a start costs 1–2 s), at most
 * `jobs` soffice at once, each with its own profile. The watchdog gives each file `perFileTimeoutMs` from the moment
 * soffice announces it; a file that overruns is rejected and the rest of its batch is started again without it.
 * Every output is checked: it exists, is an .xlsx whose workbook lists the worksheets the BIFF file lists (same
 * names, same order), and each sheet holds at least the value cells and numbers the BIFF sheet holds.
 * The folder is removed by dispose() (and disposeSync() on a signal), whatever happened.
 */
import { existsSync, mkdtempSync, promises as fsp, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runSoffice } from '../external/soffice';
import { SAVE_AS, fail, isOle, isZipMagic, oleFailure, type ReadFailure } from '../grid/exceljs-grid';
import type * as Biff from './biff';
import type { BiffSheet } from './biff';
import { loadFileBytes } from './guards';
import { baseName, extensionOf } from './names';
import { entryBytes, readZipDirectory, workbookSheets } from './zip';

/** Extensions converted (content decides after that: only OLE2 files holding a BIFF workbook are converted). */
export const LEGACY_EXTENSIONS: ReadonlySet<string> = new Set(['.xls', '.et', '.ett']);

export function isLegacyName(relPath: string): boolean {
  return LEGACY_EXTENSIONS.has(extensionOf(relPath));
}

/** How the format is named in messages. */
export function legacyFormatLabel(relPath: string): string {
  const ext = extensionOf(relPath);
  return ext === '.et' ? 'WPS 表格（.et）' : ext === '.ett' ? 'WPS 表格模板（.ett）' : 'Excel 97-2003（.xls）';
}

export type Conversion =
  /** Converted and checked: read `xlsx` (in the temporary folder) in place of the town's file. */
  | { kind: 'converted'; xlsx: string; format: string }
  /** Not a legacy workbook after all (an .xlsx renamed .xls, a web page…): the ordinary read decides. */
  | { kind: 'native' }
  | { kind: 'failed'; failure: ReadFailure };

export interface LegacyOptions {
  /** soffice to use; null: LibreOffice is not installed (every legacy file is rejected, saying how to fix it). */
  soffice: string | null;
  /** At most this many soffice at once. */
  jobs: number;
  /** Largest legacy file converted, bytes. Default 20 MB. */
  maxBytes?: number;
  /** Time one file may take once soffice has started on it, ms. Default 60 s. */
  perFileTimeoutMs?: number;
  /** Time soffice may take to start and announce its first file, ms. Default 90 s. */
  startupTimeoutMs?: number;
  /** Most files per soffice start. Default 25. */
  batchSize?: number;
  /** Where the private folder is made. Default os.tmpdir(). */
  tmpRoot?: string;
}

export const LEGACY_DEFAULTS = { maxBytes: 20 * 1024 * 1024, perFileTimeoutMs: 60_000, startupTimeoutMs: 90_000, batchSize: 25 };

export interface LegacyConverter {
  /** One promise per file (by relPath), settled as soon as its batch is done. */
  convert(files: { abs: string; rel: string }[]): Map<string, Promise<Conversion>>;
  /** Removes the temporary folder (converted files, copies, profiles). */
  dispose(): Promise<void>;
  /** Same, synchronous (signal handlers). */
  disposeSync(): void;
  /** The temporary folder, once made (tests). */
  readonly dir: string | null;
}

const failed = (failure: ReadFailure): Conversion => ({ kind: 'failed', failure });

function fixHint(rel: string): string {
  return extensionOf(rel) === '.xls' ? SAVE_AS : '请在 WPS 中打开后“另存为” Excel 工作簿（.xlsx）再重新报送';
}

/** Without LibreOffice: today's message plus what makes these files readable. */
export function noSofficeFailure(rel: string): ReadFailure {
  return fail(
    'E_FORMAT_XLS',
    `${legacyFormatLabel(rel)}格式的文件需要 LibreOffice 才能读取，而汇总电脑上没有找到 LibreOffice。` +
      `可以在汇总电脑上安装 LibreOffice（免费，安装后本程序自动转换读取这类文件；或设置环境变量 XCS_SOFFICE 指向 soffice），` +
      `或者${fixHint(rel).replace(/^请/, '请乡镇')}。`,
  );
}

function conversionFailed(rel: string, why: string): ReadFailure {
  return fail(
    'E_READ_FAILED',
    `${legacyFormatLabel(rel)}文件无法自动转换（${why}），文件可能已损坏。${fixHint(rel)}；如在 Excel/WPS 中也打不开，请乡镇重新发送原表格。`,
  );
}

function inspectFailure(rel: string, data: Uint8Array, what: string, reason: string): ReadFailure {
  switch (what) {
    case 'encrypted':
      return fail(
        'E_ENCRYPTED',
        '文件设有打开密码，无法读取，请取消密码后重新报送（Excel：文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码后保存；' +
          'WPS：文件 → 文档加密 → 密码加密，清除打开密码后保存），最好同时另存为 .xlsx。',
      );
    case 'word':
      return fail('E_NOT_XLSX', `这是 Word 文档（扩展名却是“${extensionOf(rel)}”），不是 Excel 工作簿，请报送 Excel 表格（.xlsx）。`);
    case 'not-workbook':
      return oleFailure(data, extensionOf(rel));
    default:
      return conversionFailed(rel, reason);
  }
}

/** Value cells (any <c> with a <v> or inline string) and numbers (no t, or t="n", with a <v>) of a sheet part. */
export function countXlsxCells(xml: string): { cells: number; numbers: number } {
  let cells = 0;
  let numbers = 0;
  const re = /<c\b([^>]*?)(\/>|>([\s\S]*?)<\/c>)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) {
    const body = m[3];
    if (!body) continue;
    const hasV = /<v\b[^>]*>[^<]|<v\b[^>]*>(?=<\/v>)|<is\b/.test(body);
    if (!hasV) continue;
    cells++;
    const t = /\bt\s*=\s*"([^"]*)"/.exec(m[1]!)?.[1];
    if ((t === undefined || t === 'n') && /<v\b[^>]*>\s*[-+0-9.]/.test(body)) numbers++;
  }
  return { cells, numbers };
}

/** null when the converted workbook holds what the BIFF file claims; else why not (Chinese). */
export function checkConverted(xlsx: Uint8Array, claimed: BiffSheet[]): string | null {
  if (!isZipMagic(xlsx)) return 'LibreOffice 没有写出有效的 .xlsx';
  const zip = readZipDirectory(xlsx);
  if (!zip.ok) return 'LibreOffice 写出的 .xlsx 不完整';
  const sheets = workbookSheets(xlsx, zip.entries);
  if (!sheets) return 'LibreOffice 写出的 .xlsx 没有工作簿目录';
  const got = sheets.map((s) => s.name);
  const want = claimed.map((s) => s.name);
  if (got.length !== want.length || got.some((n, i) => n !== want[i])) {
    return `转换后的工作表（${got.join('、') || '无'}）与原文件的工作表（${want.join('、')}）不一致`;
  }
  for (let i = 0; i < claimed.length; i++) {
    const part = sheets[i]!.part;
    const entry = part ? zip.entries.find((e) => e.name === part) : undefined;
    const bytes = entry ? entryBytes(xlsx, entry, 256 * 1024 * 1024) : null;
    if (!bytes) return `转换后的工作表“${want[i]}”缺失`;
    const c = countXlsxCells(bytes.toString('utf8'));
    const b = claimed[i]!;
    if (c.cells < b.cells || c.numbers < b.numbers) {
      return `工作表“${want[i]}”原有 ${b.cells} 个有内容的单元格（其中数字 ${b.numbers} 个），转换后只有 ${c.cells} 个（数字 ${c.numbers} 个）`;
    }
  }
  return null;
}

interface Job {
  rel: string;
  /** The copy converted, in the temporary folder. */
  copy: string;
  size: number;
  sheets: BiffSheet[];
  resolve: (c: Conversion) => void;
  /** Started again after its batch was stopped for another file's time-out. */
  retried?: boolean;
}

export function createLegacyConverter(opts: LegacyOptions): LegacyConverter {
  const maxBytes = opts.maxBytes ?? LEGACY_DEFAULTS.maxBytes;
  const perFile = opts.perFileTimeoutMs ?? LEGACY_DEFAULTS.perFileTimeoutMs;
  const startup = opts.startupTimeoutMs ?? LEGACY_DEFAULTS.startupTimeoutMs;
  const batchSize = Math.max(1, opts.batchSize ?? LEGACY_DEFAULTS.batchSize);
  const jobs = Math.max(1, Math.floor(opts.jobs));
  let dir: string | null = null;
  let disposed = false;
  let seq = 0;
  let batchSeq = 0;
  // at process exit (Ctrl-C → process.exit) the folder goes too, after soffice was killed (runSoffice's listener
  // is prepended, so it runs first)
  const running = new Set<() => void>();
  const removeSync = () => {
    // soffice first (it may still be writing into the folder), then the folder, retrying while the killed processes go
    for (const kill of running) kill();
    if (dir) rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  };
  const ensureDir = (): string => {
    if (disposed) throw new Error('legacy converter disposed');
    if (!dir) {
      dir = mkdtempSync(path.join(opts.tmpRoot ?? os.tmpdir(), 'xcs-legacy-'));
      process.on('exit', removeSync);
    }
    return dir;
  };

  /** Steps 1-4 for one file: a job to convert, or the conversion's answer already. */
  async function prepare(abs: string, rel: string): Promise<Omit<Job, 'resolve'> | Conversion> {
    const loaded = await loadFileBytes(abs, { maxBytes });
    if (!loaded.ok) {
      if (loaded.code === 'E_TOO_LARGE') {
        return failed(fail('E_TOO_LARGE', `${loaded.message.replace(/。$/, '')}（${legacyFormatLabel(rel)}文件转换前的上限）；最好请乡镇另存为 .xlsx 后报送。`));
      }
      return failed(loaded);
    }
    const data = loaded.data;
    if (isZipMagic(data) || !isOle(data)) return { kind: 'native' };
    // loaded here: the OLE reader (cfb) is needed only when a file goes to LibreOffice (the native reader, in the
    // read workers, declined it), not in every run's main thread
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const info = (require('./biff') as typeof Biff).inspectBiff(data);
    if (!info.ok) return failed(inspectFailure(rel, data, info.what, info.reason));
    if (!opts.soffice) return failed(noSofficeFailure(rel));
    const n = ++seq;
    const inDir = path.join(ensureDir(), 'in');
    await fsp.mkdir(inDir, { recursive: true });
    const copy = path.join(inDir, `f${String(n).padStart(4, '0')}.xls`);
    await fsp.writeFile(copy, data, { flag: 'wx' });
    return { rel, copy, size: data.length, sheets: info.sheets };
  }

  /** One soffice start over `batch`; settles every job of it, or hands back those to start again. */
  async function runBatch(batch: Job[]): Promise<Job[]> {
    const k = ++batchSeq;
    const root = ensureDir();
    const outDir = path.join(root, `out${k}`);
    const profile = path.join(root, `profile${k}`);
    const byCopy = new Map(batch.map((j) => [path.basename(j.copy), j]));
    const announced: Job[] = [];
    let myKill: (() => void) | undefined;
    const run = await runSoffice(opts.soffice!, ['--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', outDir, ...batch.map((j) => j.copy)], {
      profile,
      timeoutMs: startup,
      onStart: (kill) => {
        myKill = kill;
        running.add(kill);
      },
      onLine: (line) => {
        const m = /^convert (.+?) -> /.exec(line);
        const j = m ? byCopy.get(baseName(m[1]!)) : undefined;
        if (!j) return;
        announced.push(j);
        return perFile;
      },
    });
    if (myKill) running.delete(myKill);
    // the profile is no longer needed (tens of MB per batch)
    await fsp.rm(profile, { recursive: true, force: true }).catch(() => undefined);
    const again: Job[] = [];
    const outOf = (j: Job) => path.join(outDir, path.basename(j.copy, '.xls') + '.xlsx');
    // soffice converts in command-line order and announces a file when it starts writing it (after loading it). On a
    // time-out the file at fault is the one being written (its output still locked) or else the first without output;
    // those before it are checked as usual, those after it are started again in a new batch.
    let culprit = -1;
    if (run.timedOut) {
      const last = announced[announced.length - 1];
      if (last && existsSync(path.join(outDir, `.~lock.${path.basename(outOf(last))}#`))) culprit = batch.indexOf(last);
      else culprit = batch.findIndex((j) => !existsSync(outOf(j)));
    }
    for (const [i, j] of batch.entries()) {
      if (run.spawnError) {
        j.resolve(failed(conversionFailed(j.rel, `无法启动 LibreOffice：${run.spawnError}`)));
        continue;
      }
      if (i === culprit) {
        const what = announced.length === 0 && i === 0 ? `LibreOffice 超过 ${Math.round(startup / 1000)} 秒未能启动或读取文件` : `LibreOffice 转换超过 ${Math.round(perFile / 1000)} 秒未完成`;
        j.resolve(failed(conversionFailed(j.rel, `${what}，已终止`)));
        continue;
      }
      if (culprit >= 0 && i > culprit) {
        if (!j.retried) {
          j.retried = true;
          again.push(j);
        } else j.resolve(failed(conversionFailed(j.rel, 'LibreOffice 未能按时完成转换')));
        continue;
      }
      const bytes = await fsp.readFile(outOf(j)).catch(() => null);
      if (!bytes) {
        j.resolve(failed(conversionFailed(j.rel, `LibreOffice 没有写出转换结果${run.stderr ? `：${run.stderr}` : ''}`)));
        continue;
      }
      const problem = checkConverted(bytes, j.sheets);
      if (problem) j.resolve(failed(conversionFailed(j.rel, problem)));
      else j.resolve({ kind: 'converted', xlsx: outOf(j), format: legacyFormatLabel(j.rel) });
    }
    // the copies are no longer needed
    for (const j of batch) if (!again.includes(j)) await fsp.rm(j.copy, { force: true }).catch(() => undefined);
    return again;
  }

  /** Splits the jobs into batches (largest first, spread over `jobs` lanes) and runs at most `jobs` soffice at once. */
  async function runAll(all: Job[]): Promise<void> {
    let queue = [...all].sort((a, b) => b.size - a.size);
    while (queue.length) {
      const lanes = Math.min(jobs, queue.length);
      const perLane = Math.min(batchSize, Math.ceil(queue.length / lanes));
      const batches: Job[][] = [];
      for (let i = 0; i < queue.length; i += perLane) batches.push(queue.slice(i, i + perLane));
      const next: Job[] = [];
      let cursor = 0;
      const lane = async () => {
        while (cursor < batches.length) {
          const b = batches[cursor++]!;
          next.push(...(await runBatch(b)));
        }
      };
      await Promise.all(Array.from({ length: lanes }, lane));
      queue = next;
    }
  }

  return {
    get dir() {
      return dir;
    },
    convert(files) {
      const out = new Map<string, Promise<Conversion>>();
      const prepared = files.map((f) => {
        const p = prepare(f.abs, f.rel).catch((err): Conversion => failed(conversionFailed(f.rel, err instanceof Error ? err.message : String(err))));
        return { f, p };
      });
      const jobsP: Promise<Job | null>[] = [];
      for (const { f, p } of prepared) {
        let settle!: (c: Conversion) => void;
        const result = new Promise<Conversion>((resolve) => (settle = resolve));
        out.set(f.rel, result);
        jobsP.push(
          p.then((r) => {
            if ('kind' in r) {
              settle(r);
              return null;
            }
            return { ...r, resolve: settle };
          }),
        );
      }
      void Promise.all(jobsP).then(async (js) => {
        const todo = js.filter((j): j is Job => j !== null);
        try {
          await runAll(todo);
        } catch (err) {
          for (const j of todo) j.resolve(failed(conversionFailed(j.rel, err instanceof Error ? err.message : String(err))));
        }
      });
      return out;
    },
    async dispose() {
      disposed = true;
      process.off('exit', removeSync);
      if (dir) await fsp.rm(dir, { recursive: true, force: true }).catch(() => undefined);
    },
    disposeSync() {
      disposed = true;
      process.off('exit', removeSync);
      removeSync();
    },
  };
}
