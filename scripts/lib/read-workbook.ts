/**
 * Node adapter: a file (or a buffer) in, Grids out — with the reading guards that keep one odd file from crashing,
 * hanging or exhausting the consolidation.
 *
 * Pipeline for one file:
 *   1. classifyName(relPath)        by name only: lock files, system files, non-spreadsheet extensions → skip
 *   2. loadFileBytes(absPath)       opened read-only ('r'), size checked with fstat BEFORE reading (E_EMPTY_FILE,
 *                                   E_TOO_LARGE), read into a private buffer; the file is never written
 *   3. precheckBytes(bytes)         magic numbers (OLE2 → .xls / password-protected .xlsx; zip → OOXML), legacy
 *                                   formats by extension, our own read of the zip central directory (truncated zip,
 *                                   missing xl/workbook.xml, renamed Word/PowerPoint/.xlsb/.ods, zip bomb guard on the
 *                                   declared uncompressed size of every part)
 *   4. parseWorkbookBytes(bytes)    the fast reader (fast-xlsx.ts: node:zlib + saxes, the same Grids as below, ~3× less
 *                                   CPU) when it is sure to read the file exactly like exceljs; otherwise
 *                                   verifyInflatedSizes (the declared sizes may lie), then exceljs + conversion to
 *                                   Grids, with budgets on what goes back to the main thread (maxCells,
 *                                   maxTotalChars, 32767 characters per cell). This is the step that may hang or run
 *                                   out of memory, so read-pool.ts runs it in a worker thread it can terminate.
 *                                   Parts a Grid does not need (tables, drawings, images, comments, themes) are not
 *                                   parsed: exceljs 4.4 throws on some of them.
 * readWorkbookFile / readWorkbookBuffer run the whole pipeline through a shared default pool (read-pool.ts).
 *
 * The Node-free half (exceljs hooks, worksheet → Grid, sniffing, messages) is sheet-grid.ts, shared with the browser.
 *
 * Merges: exceljs, when it applies the <mergeCells> of a sheet, creates a cell object for every cell of every merged
 * range (one merge "A1:XFD1048576" = 17 billion cells) and throws on overlapping ranges. We let exceljs PARSE
 * <mergeCells> but take the ranges out of its model before it applies them; the Grid gets them from us: ranges are
 * clipped to the sheet's used extent (rows/columns holding values; ranges that end up 1×1 or start outside are
 * dropped), a range overlapping an earlier one is dropped (as Excel's repair does), and every cell of a range but its
 * top-left master is emptied (Excel shows only the master's value).
 */
import { promises as fsp } from 'node:fs';
import * as posixPath from 'node:path/posix';
import * as zlib from 'node:zlib';
import type { Grid } from '../../core/grid';
import { parseAddress } from '../../core/grid';
import {
  type Budget,
  type ReadFailure,
  READ_CODES,
  SAVE_AS,
  IGNORE_NODES,
  SheetPartError,
  installReadHooks,
  emptyFailure,
  fail,
  isOle,
  isZipMagic,
  legacyFailure,
  mb,
  notZipFailure,
  oleFailure,
  readFailedFailure,
  tooLargeFileFailure,
  tooManyMessage,
  worksheetToGrid,
} from './sheet-grid';
import { analyzeWorkbook, type AnalyzeContext, type WorkbookAnalysis } from '../../core/analyze';
import { analysisContext, type ConsolidateOptions } from '../../core/consolidate';
import type * as ExcelJSTypes from 'exceljs';
import { fastParseWorkbook } from './fast-xlsx';

// the pure half (worksheet → Grid, sniffing, messages) lives in sheet-grid.ts, shared with the browser
export {
  EXCEL_MAX_CELL_CHARS,
  READ_CODES,
  flattenValue,
  isOle,
  isPercentFormat,
  isZipMagic,
  oleHasEntry,
  readFailedFailure,
} from './sheet-grid';
export type { ReadFailure } from './sheet-grid';

// ─────────────────────────────────────────────────────────────────────────────────────────────── public types

export interface ReadOptions {
  /** Largest file accepted, bytes. Default 50 MB. */
  maxBytes?: number;
  /** Largest number of rows per sheet (last row holding a value, and <row> elements parsed). Default 100000. */
  maxRows?: number;
  /** Largest number of columns per sheet. Default 1000. */
  maxCols?: number;
  /**
   * Largest declared uncompressed size of any part of the zip (sheet XML, shared strings…), bytes. Default 64 MB:
   * exceljs holds a part as bytes and as a string while it parses it, so the CLI's peak grows by about 2.6 times the
   * biggest part (a 60 MB sheet: 368 MB, 190 MB: 762 MB, against the 500 MB budget of #5). 300,000 cells (maxCells)
   * take about 15-30 MB of sheet XML.
   */
  maxUncompressedBytes?: number;
  /** Time allowed to the exceljs parse of one file, ms. Default 60000. Only enforced when run in a worker. */
  timeoutMs?: number;
  /**
   * Largest number of cells in the whole workbook. Default 300,000. (Not in the original brief: it bounds what the
   * worker sends to the main thread; a town report has a few thousand.) Counted twice: on the bytes, every <c> element
   * of the sheets (formatted blanks too) and every shared string, before exceljs builds one object per cell (about
   * 0.6 KB each: 400,000 cells took the CLI to 434 MB, 1,000,000 to 731 MB, against the 500 MB budget of #5); then the
   * non-empty cells of the Grids.
   */
  maxCells?: number;
  /**
   * Largest total of characters over all text cells and formulas of the workbook, repeats counted. Default 50,000,000.
   * exceljs shares one string between every cell that uses the same shared string, but structured clone copies it
   * per cell: a crafted file (1 MB string × 12,000 cells) is 32 MB in the worker and 12.5 GB once posted.
   */
  maxTotalChars?: number;
}

export type ResolvedReadOptions = Required<ReadOptions>;

export const DEFAULT_READ_OPTIONS: Readonly<ResolvedReadOptions> = Object.freeze({
  maxBytes: 50 * 1024 * 1024,
  maxRows: 100000,
  maxCols: 1000,
  maxUncompressedBytes: 64 * 1024 * 1024,
  timeoutMs: 60000,
  maxCells: 300000,
  maxTotalChars: 50000000,
});

export type ReadOutcome =
  // analysis: present when the read was asked to analyse too (then grids is empty: only the analysis travels back)
  | { ok: true; grids: Grid[]; date1904: boolean; analysis?: WorkbookAnalysis }
  // skip=true: not a spreadsheet, ignored (lock file, Thumbs.db, .docx …); skip=false: a spreadsheet we must reject
  | ReadFailure;

export function resolveReadOptions(opts?: ReadOptions): ResolvedReadOptions {
  const o: ResolvedReadOptions = { ...DEFAULT_READ_OPTIONS };
  if (opts) {
    for (const k of Object.keys(DEFAULT_READ_OPTIONS) as (keyof ResolvedReadOptions)[]) {
      const v = opts[k];
      if (typeof v === 'number' && Number.isFinite(v) && v > 0) o[k] = v;
    }
  }
  return o;
}

/** What a reader needs to analyse a workbook where it read it (plain data: it crosses into a worker). */
export type AnalyzeSettings = Pick<ConsolidateOptions, 'roster' | 'asOf' | 'catalog' | 'departments' | 'headers'>;

const contexts = new WeakMap<AnalyzeSettings, AnalyzeContext>();

/**
 * Analyses the grids of a successful read with the core, where they were built (in the worker): the main thread
 * receives the analysis, not the grids, and a table that is slow to analyse falls under the read's time-out.
 */
export function withAnalysis(outcome: ReadOutcome, relPath: string, settings: AnalyzeSettings): ReadOutcome {
  if (!outcome.ok) return outcome;
  let ctx = contexts.get(settings);
  if (!ctx) {
    ctx = analysisContext(settings);
    contexts.set(settings, ctx);
  }
  return { ok: true, grids: [], date1904: outcome.date1904, analysis: analyzeWorkbook(relPath, outcome.grids, ctx) };
}

// ─────────────────────────────────────────────────────────────────────────────────────────────── public entry points

/** Reads a workbook file: name check, guards, exceljs parse in a worker (shared default pool, see read-pool.ts). */
export async function readWorkbookFile(absPath: string, relPath: string, opts?: ReadOptions): Promise<ReadOutcome> {
  const { getDefaultReadPool } = await import('./read-pool');
  return getDefaultReadPool().read(absPath, relPath, opts);
}

/** Same as readWorkbookFile for bytes already in memory (the buffer is copied, never modified or detached). */
export async function readWorkbookBuffer(
  buf: Buffer | Uint8Array,
  relPath: string,
  opts?: ReadOptions,
): Promise<ReadOutcome> {
  const { getDefaultReadPool } = await import('./read-pool');
  return getDefaultReadPool().readBuffer(buf, relPath, opts);
}

/** Whole pipeline in the calling thread (no timeout can be enforced). Used by the pool's in-process fallback. */
export async function readWorkbookBytesInProcess(
  data: Uint8Array,
  relPath: string,
  opts?: ReadOptions,
): Promise<ReadOutcome> {
  const o = resolveReadOptions(opts);
  const skip = classifyName(relPath);
  if (skip) return { ok: false, ...skip };
  const pre = precheckBytes(data, relPath, o);
  if (pre) return pre;
  return parseWorkbookBytes(data, relPath, o);
}

// ─────────────────────────────────────────────────────────────────────────────────────────────── 1. by name

const ACCEPTED_EXTENSIONS = new Set(['.xlsx', '.xlsm', '.xls', '.et', '.ett', '.xlsb', '.ods', '.csv']);
const SYSTEM_FILES = new Set(['thumbs.db', 'ehthumbs.db', 'desktop.ini', '.ds_store']);

export function baseName(relPath: string): string {
  const parts = relPath.split(/[\\/]/);
  return parts[parts.length - 1] ?? relPath;
}

/** Lower-case extension with its dot ('' when none). */
export function extensionOf(relPath: string): string {
  const name = baseName(relPath);
  const i = name.lastIndexOf('.');
  return i > 0 ? name.slice(i).toLowerCase() : '';
}

export function classifyName(relPath: string): { skip: true; code: string; message: string } | null {
  const name = baseName(relPath);
  if (name.startsWith('~$') || name.startsWith('.~lock.')) {
    return {
      skip: true,
      code: READ_CODES.SKIP_LOCK_FILE,
      message:
        '这是 Excel 或 WPS 打开表格时自动生成的临时锁定文件（文件名以“~$”开头），不是报表，已忽略。' +
        '关闭正在打开该表格的 Excel/WPS 后它会自动消失，也可以直接删除。',
    };
  }
  if (SYSTEM_FILES.has(name.toLowerCase()) || name.startsWith('._')) {
    return {
      skip: true,
      code: READ_CODES.SKIP_SYSTEM_FILE,
      message: '这是操作系统自动生成的系统文件（如缩略图缓存、文件夹设置），不是报表，已忽略，可以删除。',
    };
  }
  const ext = extensionOf(name);
  if (!ACCEPTED_EXTENSIONS.has(ext)) {
    const what = ext ? `扩展名为“${ext}”的文件` : '没有扩展名的文件';
    return {
      skip: true,
      code: READ_CODES.SKIP_NOT_SPREADSHEET,
      message:
        `${what}不是 Excel 工作簿，已忽略。如果这是要报送的报表，` +
        '请在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）后重新报送。',
    };
  }
  return null;
}

// ─────────────────────────────────────────────────────────────────────────────────────────────── messages

export function timeoutFailure(timeoutMs: number): ReadFailure {
  const s = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} 秒` : `${timeoutMs} 毫秒`;
  return fail(
    READ_CODES.E_READ_TIMEOUT,
    `读取文件超时（超过 ${s}），文件可能过大或内部结构异常。${SAVE_AS}；如仍超时，请把报表复制到新建的工作簿中保存后报送。`,
  );
}

/** First line of an error message, without paths or stack, at most ~100 characters. */
export function shortReason(err: unknown): string {
  let msg = err instanceof Error ? err.message : typeof err === 'string' ? err : String(err);
  msg = (msg.split('\n')[0] ?? '').replace(/\s+at\s.*$/, '').trim();
  msg = msg.replace(/(?:[A-Za-z]:)?[\\/][^\s'"]*[\\/][^\s'"]*/g, '…');
  // exceljs: 'Unexpected xml node in parseOpen: {"name":"sstItem","attributes":{…}}' → '… node <sstItem>'
  msg = msg.replace(/ in parseOpen: \{"name":"([^"]*)".*$/, ' <$1>').replace(/\{".*$/, '…');
  // exceljs errors a crafted file provokes, said in Chinese
  const col = /Invalid column letter: ?(\S*)/.exec(msg);
  if (col) return `内部 XML 结构错误：单元格引用的列“${col[1]}”超出 Excel 的范围（最大 XFD）`;
  if (/Invalid (row|address|Address)|Out of bounds/i.test(msg)) return '内部 XML 结构错误：单元格引用超出 Excel 的范围';
  // saxes: "1:144: unexpected close tag." → line, column and what, in Chinese
  const sax = /^(\d+):(\d+): (.*)$/.exec(msg);
  if (sax) {
    const what = sax[3]!.toLowerCase();
    const desc = /disallowed character|invalid character/.test(what)
      ? '含有 XML 不允许的字符（如未转义的控制字符）'
      : /entity/.test(what)
        ? '引用了未定义的实体'
        : /close tag|unclosed|end of|closing/.test(what)
          ? '标签没有正确闭合'
          : /attribute/.test(what)
            ? '属性写法不正确'
            : '格式不正确';
    return `内部 XML 结构错误：第 ${sax[1]} 行第 ${sax[2]} 列${desc}`;
  }
  if (/disallowed character|invalid character/i.test(msg)) {
    return '内部 XML 结构错误：含有 XML 不允许的字符（如未转义的控制字符）';
  }
  if (/Cannot read propert(y|ies) of (undefined|null)/.test(msg)) {
    return '内部 XML 结构错误：引用了不存在的内容（如共享字符串序号越界）';
  }
  if (msg.length > 80) msg = msg.slice(0, 80) + '…';
  const lower = msg.toLowerCase();
  let cat = '解析失败';
  if (/zip|end of data|deflate|inflate|stored block|distance|huffman|crc|header|compression/.test(lower)) {
    cat = '压缩数据损坏';
  } else if (/tag|xml|sax|attribute|character|entity|close|unexpected|text data outside/.test(lower)) {
    cat = '内部 XML 结构错误';
  }
  return msg ? `${cat}：${msg}` : cat;
}

// ─────────────────────────────────────────────────────────────────────────────────────────────── 2. file bytes

/** Opens read-only, checks size before reading, reads into a private (transferable) buffer. */
export async function loadFileBytes(
  absPath: string,
  opts?: ReadOptions,
): Promise<{ ok: true; data: Uint8Array } | ReadFailure> {
  const o = resolveReadOptions(opts);
  let fh: import('node:fs/promises').FileHandle | undefined;
  try {
    // stat before open: opening a FIFO would block, a directory is not a file
    const st0 = await fsp.stat(absPath);
    if (st0.isDirectory()) {
      return fail(READ_CODES.E_READ_FAILED, '这是一个文件夹，不是 Excel 文件（名称像工作簿，可能是解压后的文件夹），请报送 .xlsx 文件本身。');
    }
    if (!st0.isFile()) return fail(READ_CODES.E_READ_FAILED, '这不是普通文件（可能是设备、管道或套接字），无法作为报表读取，请报送 .xlsx 文件本身。');
    fh = await fsp.open(absPath, 'r');
    const st = await fh.stat();
    if (!st.isFile()) return readFailedFailure('不是普通文件');
    if (st.size === 0) return emptyFailure();
    if (st.size > o.maxBytes) return tooLargeFileFailure(st.size, o.maxBytes);
    const data = new Uint8Array(st.size);
    let off = 0;
    while (off < data.length) {
      const { bytesRead } = await fh.read(data, off, data.length - off, off);
      if (bytesRead === 0) break;
      off += bytesRead;
    }
    if (off === 0) return emptyFailure();
    return { ok: true, data: off === data.length ? data : data.slice(0, off) };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException)?.code;
    const why =
      code === 'ELOOP'
        ? '这是循环指向自身的快捷方式（符号链接）'
        : code === 'ENOENT'
        ? '文件不存在或已被移走，或是指向不存在文件的快捷方式（符号链接）'
        : code === 'EACCES' || code === 'EPERM'
          ? '没有读取权限'
          : code === 'EBUSY'
            ? '文件正被其他程序占用'
            : code === 'EISDIR'
              ? '这是一个文件夹'
              : `读取出错${code ? `：${code}` : ''}`;
    return fail(READ_CODES.E_READ_FAILED, `无法打开文件（${why}），请确认文件存在、未被其他程序独占后重试。`);
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

// ─────────────────────────────────────────────────────────────────────────────────────────────── 3. sniffing

function asBuffer(data: Uint8Array): Buffer {
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * Everything that can be decided before exceljs sees the bytes. null = go ahead and parse.
 * Decisions are made on the content first, the extension second: a .xlsx that is really an OLE2 .xls is told so;
 * a file named .xls/.et/… whose content is a genuine OOXML workbook (someone renamed it) is read normally.
 */
export function precheckBytes(data: Uint8Array, relPath: string, opts?: ReadOptions): ReadFailure | null {
  const o = resolveReadOptions(opts);
  const ext = extensionOf(relPath);
  if (data.length === 0) return emptyFailure();
  if (data.length > o.maxBytes) return tooLargeFileFailure(data.length, o.maxBytes);

  if (isOle(data)) return oleFailure(data, ext);

  const zip = isZipMagic(data) ? readZipDirectory(data) : null;
  const isOoxmlWorkbook = !!(zip && zip.ok && zip.entries.some(e => e.name === 'xl/workbook.xml'));

  if (!isOoxmlWorkbook) {
    const legacy = legacyFailure(ext);
    if (legacy) return legacy;
  }

  const shownExt = ext || '（无）';
  if (!zip) return notZipFailure(data, shownExt);
  if (!zip.ok) {
    if (zip.reason === 'no-eocd') {
      return fail(
        READ_CODES.E_NOT_XLSX,
        '文件不完整（缺少压缩包的目录，可能下载、复制或保存时被中断），请重新保存或重新复制原表格后再报送。',
      );
    }
    return readFailedFailure('压缩包目录损坏');
  }
  if (zip.entries.some(e => (e.flags & 1) === 1)) {
    return fail(
      READ_CODES.E_ENCRYPTED,
      '文件设有密码（压缩包加密），无法读取，请取消密码后重新报送（在 Excel 或 WPS 中打开后另存为不加密的 .xlsx）。',
    );
  }
  if (!isOoxmlWorkbook) return notWorkbookZip(data, zip.entries, shownExt);

  const structure = structureFailure(data, zip.entries, o);
  if (structure) return structure;

  // zip bomb guard: every part exceljs will inflate, against its declared uncompressed size
  let sheetNames: Map<string, string> | null = null;
  for (const e of zip.entries) {
    if (e.uncompressedSize > o.maxUncompressedBytes) {
      sheetNames ??= sheetPartNames(data, zip.entries, o);
      const sheet = sheetNames.get(e.name);
      const where = sheet ? `工作表“${sheet}”` : `文件内部的“${e.name}”部分`;
      return fail(
        READ_CODES.E_TOO_LARGE,
        `${where}解压后有 ${mb(e.uncompressedSize)} MB，超过上限 ${mb(o.maxUncompressedBytes)} MB（文件可能异常）。` +
          '请检查是否有大量多余的空行、空列或格式，删除后重新保存再报送；如仍不行，请把报表复制到新建的工作簿中保存后报送。',
      );
    }
  }
  return null;
}

/** The message of a workbook whose inner structure Excel/WPS would never write (renamed, rewritten or forged). */
function malformedFailure(what: string): ReadFailure {
  return fail(
    READ_CODES.E_READ_FAILED,
    `文件内部结构不规范：${what}。Excel 和 WPS 保存的文件不会这样，文件可能被其他软件改写过或已损坏，${SAVE_AS}。`,
  );
}

/** Sheet names Excel refuses: it never writes them, and exceljs throws an English error on each. */
const SHEET_NAME_FORBIDDEN = /[*?:/\\[\]]/;

/**
 * Zip- and workbook-level structure, before any reader sees the parts: the same part twice in the zip (readers
 * disagree on which copy counts), a sheet listed in workbook.xml whose part is missing (exceljs silently drops it:
 * the town's data would vanish), sheet names Excel forbids (empty, []:*?/\, quotes at the ends, "History",
 * duplicates ignoring case or once cut to 31 characters).
 */
export function structureFailure(data: Uint8Array, entries: ZipEntry[], opts?: ReadOptions): ReadFailure | null {
  const seen = new Set<string>();
  for (const e of entries) {
    const k = e.name.toLowerCase();
    if (seen.has(k)) return malformedFailure(`压缩包中“${e.name}”出现了两次`);
    seen.add(k);
  }
  const sheets = workbookSheets(data, entries, opts);
  if (!sheets) return null;
  const names = new Map<string, string>();
  for (const s of sheets) {
    const shown = s.name.length > 40 ? `${s.name.slice(0, 40)}…` : s.name;
    if (s.name === '') return malformedFailure('有一个工作表没有名称');
    if (SHEET_NAME_FORBIDDEN.test(s.name)) return malformedFailure(`工作表名称“${shown}”含有 Excel 不允许的字符（[ ] : * ? / \\）`);
    if (/^'|'$/.test(s.name)) return malformedFailure(`工作表名称“${shown}”以单引号开头或结尾`);
    if (s.name === 'History') return malformedFailure('工作表名称“History”是 Excel 的保留名称');
    // a name over 31 characters (Excel's limit; other software writes them) is read cut to 31, as exceljs does
    const k = s.name.substring(0, 31).toLowerCase();
    const first = names.get(k);
    if (first !== undefined) {
      const why = first.toLowerCase() === s.name.toLowerCase() ? 'Excel 不区分大小写' : '超过 31 个字，前 31 个字相同';
      return malformedFailure(`工作表名称“${first.length > 40 ? `${first.slice(0, 40)}…` : first}”与“${shown}”重复（${why}）`);
    }
    names.set(k, s.name);
    if (!s.part || !seen.has(s.part.toLowerCase())) return malformedFailure(`工作簿列出的工作表“${shown}”在文件中找不到`);
  }
  return null;
}

function notWorkbookZip(data: Uint8Array, entries: ZipEntry[], shownExt: string): ReadFailure {
  const has = (n: string) => entries.some(e => e.name === n);
  let what: string | null = null;
  if (has('word/document.xml')) what = '这是 Word 文档';
  else if (has('ppt/presentation.xml')) what = '这是 PowerPoint 演示文稿';
  else if (has('xl/workbook.bin')) what = '这是 Excel 二进制工作簿（.xlsb）';
  else if (entries.some(e => e.name.toLowerCase() === 'xl/workbook.xml')) what = '工作簿内部结构不规范';
  else {
    const mt = entries.find(e => e.name === 'mimetype');
    const text = mt ? entryBytes(data, mt, 1024) : null;
    const mime = text ? text.toString('latin1') : '';
    if (mime.includes('opendocument.spreadsheet')) what = '这是 OpenDocument 电子表格（.ods）';
    else if (mime.includes('opendocument.text')) what = '这是 OpenDocument 文本文档（.odt）';
    else if (has('content.xml') && has('META-INF/manifest.xml')) what = '这是 OpenDocument 文档';
  }
  if (what) {
    return fail(
      READ_CODES.E_NOT_XLSX,
      `${what}（扩展名却是“${shownExt}”），不是可读取的 Excel 工作簿，` +
        '请报送 Excel 表格：在 Excel 或 WPS 中打开原表格，“另存为” Excel 工作簿（.xlsx）后重新报送。',
    );
  }
  return fail(
    READ_CODES.E_NOT_XLSX,
    `文件是压缩包，但不包含 Excel 工作簿的内容（缺少 xl/workbook.xml），可能是改了扩展名的其他文件（扩展名“${shownExt}”）。` +
      '请在 Excel 或 WPS 中打开原表格，“另存为” Excel 工作簿（.xlsx）后重新报送。',
  );
}

// ─────────────────────────────────────────────────────────────────────────────────────────────── zip directory

export interface ZipEntry {
  /** Entry name without a leading '/'. */
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
  /** CRC-32 of the uncompressed content, as the central directory records it. */
  crc: number;
}

export type ZipDirectory =
  | { ok: true; entries: ZipEntry[] }
  | { ok: false; reason: 'no-eocd' | 'bad-directory' };

const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;

/** Reads the zip central directory (ZIP64 aware) without inflating anything. */
export function readZipDirectory(data: Uint8Array): ZipDirectory {
  const buf = asBuffer(data);
  const len = buf.length;
  if (len < 22) return { ok: false, reason: 'no-eocd' };
  let eocd = -1;
  for (let i = len - 22; i >= Math.max(0, len - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === SIG_EOCD) {
      // comment length must fit in the file
      if (i + 22 + buf.readUInt16LE(i + 20) <= len) {
        eocd = i;
        break;
      }
    }
  }
  if (eocd < 0) return { ok: false, reason: 'no-eocd' };
  let count = buf.readUInt16LE(eocd + 10);
  let cdSize = buf.readUInt32LE(eocd + 12);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc >= 0 && buf.readUInt32LE(loc) === SIG_ZIP64_LOCATOR) {
      const z = Number(buf.readBigUInt64LE(loc + 8));
      if (z >= 0 && z + 56 <= len && buf.readUInt32LE(z) === SIG_ZIP64_EOCD) {
        count = Number(buf.readBigUInt64LE(z + 32));
        cdSize = Number(buf.readBigUInt64LE(z + 40));
        cdOffset = Number(buf.readBigUInt64LE(z + 48));
      }
    }
  }
  // data prepended to the archive shifts every offset: the directory then sits right before the EOCD
  let shift = 0;
  if (cdOffset + 4 > len || buf.readUInt32LE(cdOffset) !== SIG_CENTRAL) {
    const expected = eocd - cdSize;
    if (count > 0 && expected >= 0 && expected + 4 <= len && buf.readUInt32LE(expected) === SIG_CENTRAL) {
      shift = expected - cdOffset;
      cdOffset = expected;
    } else if (count > 0) {
      return { ok: false, reason: 'bad-directory' };
    }
  }
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  const end = Math.min(len, cdOffset + cdSize);
  while (p + 46 <= end && buf.readUInt32LE(p) === SIG_CENTRAL) {
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    let compressedSize = buf.readUInt32LE(p + 20);
    let uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    let localOffset = buf.readUInt32LE(p + 42);
    if (p + 46 + nameLen > len) return { ok: false, reason: 'bad-directory' };
    const rawName = buf.subarray(p + 46, p + 46 + nameLen);
    let name = (flags & 0x800) !== 0 ? rawName.toString('utf8') : rawName.toString('latin1');
    if (name.startsWith('/')) name = name.slice(1);
    // ZIP64 extended information extra field
    let x = p + 46 + nameLen;
    const xEnd = Math.min(len, x + extraLen);
    while (x + 4 <= xEnd) {
      const id = buf.readUInt16LE(x);
      const size = buf.readUInt16LE(x + 2);
      if (id === 0x0001) {
        let q = x + 4;
        const qEnd = Math.min(xEnd, q + size);
        if (uncompressedSize === 0xffffffff && q + 8 <= qEnd) {
          uncompressedSize = Number(buf.readBigUInt64LE(q));
          q += 8;
        }
        if (compressedSize === 0xffffffff && q + 8 <= qEnd) {
          compressedSize = Number(buf.readBigUInt64LE(q));
          q += 8;
        }
        if (localOffset === 0xffffffff && q + 8 <= qEnd) {
          localOffset = Number(buf.readBigUInt64LE(q));
          q += 8;
        }
      }
      x += 4 + size;
    }
    if (!name.endsWith('/')) {
      entries.push({ name, flags, method, compressedSize, uncompressedSize, localOffset: localOffset + shift, crc });
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  if (entries.length === 0 && count > 0) return { ok: false, reason: 'bad-directory' };
  return { ok: true, entries };
}

/** Inflates one entry (stored or deflated), refusing more than maxOut bytes. null when it cannot. */
export function entryBytes(data: Uint8Array, e: ZipEntry, maxOut: number): Buffer | null {
  try {
    const buf = asBuffer(data);
    const lh = e.localOffset;
    if (lh < 0 || lh + 30 > buf.length || buf.readUInt32LE(lh) !== SIG_LOCAL) return null;
    const start = lh + 30 + buf.readUInt16LE(lh + 26) + buf.readUInt16LE(lh + 28);
    const raw = buf.subarray(start, Math.min(buf.length, start + e.compressedSize));
    if (e.method === 0) return raw.length <= maxOut ? raw : null;
    if (e.method === 8) return zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, maxOut) });
    return null;
  } catch {
    return null;
  }
}

function xmlUnescape(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_m, g: string) => {
    if (g === 'amp') return '&';
    if (g === 'lt') return '<';
    if (g === 'gt') return '>';
    if (g === 'quot') return '"';
    if (g === 'apos') return "'";
    const cp = g[1] === 'x' ? parseInt(g.slice(2), 16) : parseInt(g.slice(1), 10);
    try {
      return String.fromCodePoint(cp);
    } catch {
      return '';
    }
  });
}

function attrs(tagBody: string): Map<string, string> {
  const m = new Map<string, string>();
  const re = /([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
  let a: RegExpExecArray | null;
  while ((a = re.exec(tagBody))) m.set(a[1]!, xmlUnescape(a[3] ?? a[4] ?? ''));
  return m;
}

/**
 * The sheets workbook.xml lists, in order, with the part each points to through the workbook's rels (null when the
 * relationship is missing). null when workbook.xml or its rels cannot be read here (left to the reader to judge).
 */
export function workbookSheets(
  data: Uint8Array,
  entries: ZipEntry[],
  opts?: ReadOptions,
): { name: string; part: string | null }[] | null {
  const o = resolveReadOptions(opts);
  const wbEntry = entries.find(e => e.name === 'xl/workbook.xml');
  const relEntry = entries.find(e => e.name === 'xl/_rels/workbook.xml.rels');
  if (!wbEntry || !relEntry) return null;
  const limit = Math.min(o.maxUncompressedBytes, 32 * 1024 * 1024);
  const wb = entryBytes(data, wbEntry, limit);
  const rels = entryBytes(data, relEntry, limit);
  if (!wb || !rels) return null;
  const targets = new Map<string, string>();
  for (const m of rels.toString('utf8').matchAll(/<(?:[\w.-]+:)?Relationship\b([^>]*)>/g)) {
    const a = attrs(m[1]!);
    const id = a.get('Id');
    const target = a.get('Target');
    if (!id || !target) continue;
    const t = target.replace(/\\/g, '/').trim();
    const part = t.startsWith('/') ? posixPath.normalize(t.slice(1)) : posixPath.normalize(posixPath.join('xl', t));
    targets.set(id, part);
  }
  const out: { name: string; part: string | null }[] = [];
  for (const m of wb.toString('utf8').matchAll(/<(?:[\w.-]+:)?sheet\b([^>]*)>/g)) {
    const a = attrs(m[1]!);
    const name = a.get('name');
    let rid: string | undefined;
    for (const [k, v] of a) if (k === 'r:id' || /^[\w.-]+:id$/.test(k)) rid = v;
    if (name !== undefined) out.push({ name, part: (rid && targets.get(rid)) || null });
  }
  return out;
}

/** Map from a worksheet part ("xl/worksheets/sheet3.xml") to the sheet's tab name, from workbook.xml and its rels. */
export function sheetPartNames(data: Uint8Array, entries: ZipEntry[], opts?: ReadOptions): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of workbookSheets(data, entries, opts) ?? []) if (s.part) out.set(s.part, s.name);
  return out;
}

/** Rows and columns declared by a sheet's <dimension ref="A1:H250000">, read from the first bytes of the part. */
function declaredDimension(data: Uint8Array, e: ZipEntry): { rows: number; cols: number } | null {
  try {
    const buf = asBuffer(data);
    const lh = e.localOffset;
    if (buf.readUInt32LE(lh) !== SIG_LOCAL) return null;
    const start = lh + 30 + buf.readUInt16LE(lh + 26) + buf.readUInt16LE(lh + 28);
    const raw = buf.subarray(start, Math.min(buf.length, start + e.compressedSize, start + 8192));
    const head =
      e.method === 0 ? raw : zlib.inflateRawSync(raw, { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength: 1 << 22 });
    const m = /<(?:[\w.-]+:)?dimension\b[^>]*\bref\s*=\s*"([^"]+)"/.exec(head.toString('utf8'));
    if (!m) return null;
    const parts = m[1]!.split(':');
    const last = parseAddress(parts[parts.length - 1]!);
    return last ? { rows: last.r + 1, cols: last.c + 1 } : null;
  } catch {
    return null;
  }
}

/**
 * The declared sizes can lie: a part declared as 1 KB may inflate to gigabytes, and JSZip only notices after
 * inflating it all (into memory outside the V8 heap, which the worker's heap limit does not bound). Inflate every
 * part once, capped at its declared size (which precheckBytes held to maxUncompressedBytes), and refuse the file
 * (E_READ_FAILED) when one goes over.
 * A part we cannot inflate is left for JSZip to judge. Runs in the worker, before exceljs.
 */
export function verifyInflatedSizes(data: Uint8Array, opts?: ReadOptions): ReadFailure | null {
  const o = resolveReadOptions(opts);
  const zip = readZipDirectory(data);
  if (!zip.ok) return null;
  const buf = asBuffer(data);
  const crc32 = (zlib as unknown as { crc32?: (b: Uint8Array) => number }).crc32;
  let cellElements = 0;
  let biggest = { n: 0, part: '' };
  for (const e of zip.entries) {
    if (e.method !== 8 && e.method !== 0) continue;
    const lh = e.localOffset;
    if (lh < 0 || lh + 30 > buf.length || buf.readUInt32LE(lh) !== SIG_LOCAL) continue;
    const start = lh + 30 + buf.readUInt16LE(lh + 26) + buf.readUInt16LE(lh + 28);
    const raw = buf.subarray(start, Math.min(buf.length, start + e.compressedSize));
    const cap = Math.min(e.uncompressedSize, o.maxUncompressedBytes);
    let out: Buffer;
    if (e.method === 0) {
      if (raw.length > cap) return readFailedFailure(`压缩包内“${e.name}”的实际大小与目录记录不符`);
      out = raw;
    } else {
      try {
        out = zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, cap) });
      } catch (err) {
        if ((err as NodeJS.ErrnoException)?.code !== 'ERR_BUFFER_TOO_LARGE') continue;
        // the declared size itself passed precheckBytes (≤ maxUncompressedBytes): the archive is forged or broken
        return readFailedFailure(`压缩包内“${e.name}”的实际大小与目录记录不符`);
      }
    }
    // a wrong CRC: the bytes changed after the file was written (bad copy, bad disk): the numbers cannot be trusted
    if (crc32 && out.length === e.uncompressedSize && crc32(out) >>> 0 !== e.crc >>> 0) {
      return readFailedFailure(`压缩包内“${e.name}”的校验码不符，数据已损坏`);
    }
    // cell elements (values or formatted blanks: exceljs makes an object of each) and shared strings, counted on
    // the bytes before any reader builds them: past maxCells the reader alone would go far beyond the memory budget
    if (/^xl\/worksheets\/[^/]+\.xml$/i.test(e.name)) {
      const n = countElements(out, 'c');
      cellElements += n;
      if (n > biggest.n) biggest = { n, part: e.name };
      if (cellElements > o.maxCells) {
        const sheet = sheetPartNames(data, zip.entries, o).get(biggest.part) ?? biggest.part;
        return fail(
          READ_CODES.E_TOO_LARGE,
          `工作簿中的单元格（含带格式的空白单元格）超过 ${o.maxCells} 个（工作表“${sheet}”就有 ${biggest.n} 个），远超一份周报的规模，` +
            '请删除无关的工作表和数据（如历史明细、原始台账）以及多余的空行、空列和格式后重新保存再报送。',
        );
      }
    } else if (/^xl\/sharedStrings\.xml$/i.test(e.name)) {
      const n = countElements(out, 'si');
      if (n > o.maxCells) {
        return fail(
          READ_CODES.E_TOO_LARGE,
          `工作簿的共享文字表有 ${n} 条，超过上限 ${o.maxCells} 条（文件内容异常，远超一份周报的规模）。` +
            '请把报表复制到新建的工作簿中保存后报送。',
        );
      }
    }
    // a DTD (entity definitions: "billion laughs", external entities) is never written by Excel or WPS
    if (/\.(xml|rels|vml)$/i.test(e.name) && /<!DOCTYPE/i.test(out.subarray(0, 64 * 1024).toString('latin1'))) {
      const sheet = sheetPartNames(data, zip.entries, o).get(e.name);
      const where = sheet ? `工作表“${sheet}”` : `文件内部的“${e.name}”部分`;
      return fail(
        READ_CODES.E_READ_FAILED,
        `${where}含有 DOCTYPE（实体定义）声明，Excel 和 WPS 保存的文件不会这样，文件可能被改写或是恶意构造的，为安全起见不予读取。${SAVE_AS}。`,
      );
    }
  }
  return null;
}

/** Number of start tags <name …>, <name>, <name/> (any namespace prefix) in an XML part, without decoding it. */
export function countElements(xml: Buffer, name: string): number {
  let n = 0;
  for (const lead of ['<', ':']) {
    for (const tail of [' ', '>', '/', '\t', '\n', '\r']) {
      const needle = Buffer.from(lead + name + tail, 'latin1');
      for (let i = xml.indexOf(needle); i >= 0; i = xml.indexOf(needle, i + needle.length)) {
        // ':c ' counts only inside a start tag "<x:c ": the prefix runs back to a '<'
        if (lead === ':') {
          let j = i - 1;
          while (j >= 0 && j > i - 32 && /[\w.-]/.test(String.fromCharCode(xml[j]!))) j--;
          if (j < 0 || xml[j] !== 0x3c || j === i - 1) continue;
        }
        n++;
      }
    }
  }
  return n;
}

// ─────────────────────────────────────────────────────────────────────────────────────────────── 4. exceljs parse

/** XCS_FAST_READER=0 turns the fast reader off (the exceljs path alone: benchmarks, comparisons). */
export function fastReaderEnabled(): boolean {
  return process.env.XCS_FAST_READER !== '0';
}

let excelModule: typeof ExcelJSTypes | null = null;

/** Loads exceljs (a worker calls this at start so that the first job does not pay for it). */
export function loadExcelJs(): typeof ExcelJSTypes {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  excelModule ??= require('exceljs') as typeof ExcelJSTypes;
  return excelModule;
}

/**
 * The exceljs parse and the conversion to Grids. Assumes precheckBytes passed. Never throws: every failure is an
 * outcome. This runs in the worker (read-worker.ts) or, in the pool's fallback mode, in the calling thread.
 */
export async function parseWorkbookBytes(data: Uint8Array, relPath: string, opts?: ReadOptions): Promise<ReadOutcome> {
  const o = resolveReadOptions(opts);
  void relPath;
  // the byte-level checks (sizes, CRC, DOCTYPE, element counts, structure) protect both readers
  const lying = verifyInflatedSizes(data, o);
  if (lying) return lying;
  // the fast reader (fast-xlsx.ts) first; it declines whatever it cannot read exactly like exceljs below
  if (fastReaderEnabled()) {
    const fast = fastParseWorkbook(data, o, { readZipDirectory, entryBytes });
    if (!('unsupported' in fast)) return fast;
  }
  let ExcelJS: typeof ExcelJSTypes;
  try {
    ExcelJS = loadExcelJs();
  } catch (err) {
    return readFailedFailure(`读取组件加载失败：${shortReason(err)}`);
  }
  const wb = new ExcelJS.Workbook();
  const hooks = installReadHooks(wb);

  const buffer = asBuffer(data);
  try {
    // maxRows/maxCols exist in exceljs 4.4 (worksheet-xform.js) but not in its typings
    const loadOptions = { ignoreNodes: IGNORE_NODES, maxRows: o.maxRows, maxCols: o.maxCols };
    await wb.xlsx.load(buffer as unknown as Parameters<typeof wb.xlsx.load>[0], loadOptions);
  } catch (err) {
    if (err instanceof SheetPartError) {
      const m = /Max (row|column) count \((\d+)\) exceeded/.exec(err.message);
      if (m) return tooManyFailure(data, err.part, m[1] === 'row' ? 'rows' : 'cols', o);
      return readFailedFailure(shortReason(err.inner));
    }
    return readFailedFailure(shortReason(err));
  }

  try {
    const ValueType = ExcelJS.ValueType;
    const grids: Grid[] = [];
    const budget: Budget = { cells: 0, chars: 0 };
    for (const ws of wb.worksheets) {
      const g = worksheetToGrid(ws, hooks.mergesOf(ws), ValueType, o, budget);
      if ('ok' in g) return g;
      grids.push(g);
    }
    const date1904 = !!(wb.properties as { date1904?: boolean } | undefined)?.date1904;
    return { ok: true, grids, date1904 };
  } catch (err) {
    return readFailedFailure(shortReason(err));
  }
}

function tooManyFailure(
  data: Uint8Array,
  part: string,
  what: 'rows' | 'cols',
  o: ResolvedReadOptions,
  counted?: number,
): ReadFailure {
  let sheet: string | undefined;
  let n = counted;
  const zip = readZipDirectory(data);
  if (zip.ok) {
    sheet = sheetPartNames(data, zip.entries, o).get(part);
    if (n === undefined) {
      const e = zip.entries.find(x => x.name === part);
      const dim = e ? declaredDimension(data, e) : null;
      const d = dim ? (what === 'rows' ? dim.rows : dim.cols) : 0;
      const max = what === 'rows' ? o.maxRows : o.maxCols;
      if (d > max) n = d;
    }
  }
  return tooManyMessage(sheet ?? part, what, n, what === 'rows' ? o.maxRows : o.maxCols);
}


