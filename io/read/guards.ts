/**
 * Steps 2 and 3 of a read: the file's bytes (opened read-only, size checked before reading) and every check that can
 * be decided on the bytes before a parser sees them (magic numbers, legacy formats, the zip directory, structure,
 * declared and real inflated sizes, CRC, DOCTYPE, element counts). They protect both readers (fast and exceljs).
 * Also the read failures said in Chinese (time-out, a library's error turned into a short reason).
 */
import { closeSync, constants as fsConstants, fstatSync, openSync, promises as fsp, readSync, statSync } from 'node:fs';
import * as zlib from 'node:zlib';
import {
  type ReadFailure,
  SAVE_AS,
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
} from '../grid/exceljs-grid';
import { extensionOf } from './names';
import { resolveReadOptions, type ReadOptions } from './options';
import { SIG_LOCAL, asBuffer, entryBytes, readZipDirectory, sheetPartNames, workbookSheets, type InflatedParts, type ZipEntry } from './zip';

// ─────────────────────────────────────────────────────────────────────────────────────────────── messages

export function timeoutFailure(timeoutMs: number): ReadFailure {
  const s = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} 秒` : `${timeoutMs} 毫秒`;
  return fail(
    'E_READ_TIMEOUT',
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

type Loaded = { ok: true; data: Uint8Array } | ReadFailure;

/** What a file's stat says before it is opened: a folder or a device is no report (opening a FIFO would block). */
function notAFile(st: { isDirectory(): boolean; isFile(): boolean }): ReadFailure | null {
  if (st.isDirectory()) {
    return fail('E_READ_FAILED', '这是一个文件夹，不是 Excel 文件（名称像工作簿，可能是解压后的文件夹），请报送 .xlsx 文件本身。');
  }
  if (!st.isFile()) return fail('E_READ_FAILED', '这不是普通文件（可能是设备、管道或套接字），无法作为报表读取，请报送 .xlsx 文件本身。');
  return null;
}

/** The opened file's own stat: a regular file of a size we read. */
function badSize(st: { isFile(): boolean; size: number }, o: ReturnType<typeof resolveReadOptions>): ReadFailure | null {
  if (!st.isFile()) return readFailedFailure('不是普通文件');
  if (st.size === 0) return emptyFailure();
  if (st.size > o.maxBytes) return tooLargeFileFailure(st.size, o.maxBytes);
  return null;
}

/** The bytes read (`off` of them), or the failure of an empty file. */
function readBytes(data: Uint8Array, off: number): Loaded {
  if (off === 0) return emptyFailure();
  return { ok: true, data: off === data.length ? data : data.slice(0, off) };
}

/** A file that could not be opened or read, said in the clerk's words. */
function openFailure(err: unknown): ReadFailure {
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
  return fail('E_READ_FAILED', `无法打开文件（${why}），请确认文件存在、未被其他程序独占后重试。`);
}

/** Opens read-only, checks size before reading, reads into a private (transferable) buffer. */
export async function loadFileBytes(absPath: string, opts?: ReadOptions): Promise<Loaded> {
  const o = resolveReadOptions(opts);
  let fh: import('node:fs/promises').FileHandle | undefined;
  try {
    // stat before open: opening a FIFO would block, a directory is not a file
    const no = notAFile(await fsp.stat(absPath));
    if (no) return no;
    fh = await fsp.open(absPath, 'r');
    const st = await fh.stat();
    const bad = badSize(st, o);
    if (bad) return bad;
    const data = new Uint8Array(st.size);
    let off = 0;
    while (off < data.length) {
      const { bytesRead } = await fh.read(data, off, data.length - off, off);
      if (bytesRead === 0) break;
      off += bytesRead;
    }
    return readBytes(data, off);
  } catch (err) {
    return openFailure(err);
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

/**
 * loadFileBytes without the thread pool's round trips (five per file, each a wake-up of the calling thread): for a
 * read worker, which may block (a file that never answers ends in the job's time-out, and the pool replaces the
 * worker), and for the pool's own thread when it reads a small file itself (pool.ts, helpOut). The same checks, the
 * same outcomes.
 */
export function loadFileBytesSync(absPath: string, opts?: ReadOptions): Loaded {
  const o = resolveReadOptions(opts);
  let fd: number | undefined;
  try {
    const no = notAFile(statSync(absPath));
    if (no) return no;
    // non-blocking: a name swapped for a pipe after the check above must not block this thread (the pool's own thread
    // reads files too: pool.ts, helpOut); the fstat below then turns it away. No effect on a regular file.
    fd = openSync(absPath, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
    const st = fstatSync(fd);
    const bad = badSize(st, o);
    if (bad) return bad;
    const data = new Uint8Array(st.size);
    let off = 0;
    while (off < data.length) {
      const bytesRead = readSync(fd, data, off, data.length - off, off);
      if (bytesRead === 0) break;
      off += bytesRead;
    }
    return readBytes(data, off);
  } catch (err) {
    return openFailure(err);
  } finally {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        /* nothing to give back */
      }
    }
  }
}


// ─────────────────────────────────────────────────────────────────────────────────────────────── 3. sniffing


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

  // a legacy workbook to read natively: the parse step decides (biff-grid.ts), and says E_FORMAT_XLS when it declines
  if (isOle(data)) return o.readLegacy ? null : oleFailure(data, ext);

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
        'E_NOT_XLSX',
        '文件不完整（缺少压缩包的目录，可能下载、复制或保存时被中断），请重新保存或重新复制原表格后再报送。',
      );
    }
    return readFailedFailure('压缩包目录损坏');
  }
  if (zip.entries.some(e => (e.flags & 1) === 1)) {
    return fail(
      'E_ENCRYPTED',
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
        'E_TOO_LARGE',
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
    'E_READ_FAILED',
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
      'E_NOT_XLSX',
      `${what}（扩展名却是“${shownExt}”），不是可读取的 Excel 工作簿，` +
        '请报送 Excel 表格：在 Excel 或 WPS 中打开原表格，“另存为” Excel 工作簿（.xlsx）后重新报送。',
    );
  }
  return fail(
    'E_NOT_XLSX',
    `文件是压缩包，但不包含 Excel 工作簿的内容（缺少 xl/workbook.xml），可能是改了扩展名的其他文件（扩展名“${shownExt}”）。` +
      '请在 Excel 或 WPS 中打开原表格，“另存为” Excel 工作簿（.xlsx）后重新报送。',
  );
}



/** More cells (formatted blanks included) than maxCells, counted on the bytes before a reader builds them. */
export function tooManyCellElementsFailure(maxCells: number, sheet: string, inSheet: number): ReadFailure {
  return fail(
    'E_TOO_LARGE',
    `工作簿中的单元格（含带格式的空白单元格）超过 ${maxCells} 个（工作表“${sheet}”就有 ${inSheet} 个），远超一份周报的规模，` +
      '请删除无关的工作表和数据（如历史明细、原始台账）以及多余的空行、空列和格式后重新保存再报送。',
  );
}

/** A shared-string table longer than maxCells. */
export function tooManySharedStringsFailure(n: number, maxCells: number): ReadFailure {
  return fail(
    'E_TOO_LARGE',
    `工作簿的共享文字表有 ${n} 条，超过上限 ${maxCells} 条（文件内容异常，远超一份周报的规模）。` +
      '请把报表复制到新建的工作簿中保存后报送。',
  );
}

/**
 * The declared sizes can lie: a part declared as 1 KB may inflate to gigabytes, and JSZip only notices after
 * inflating it all (into memory outside the V8 heap, which the worker's heap limit does not bound). Inflate every
 * part once, capped at its declared size (which precheckBytes held to maxUncompressedBytes), and refuse the file
 * (E_READ_FAILED) when one goes over.
 * A part we cannot inflate is left for JSZip to judge. Runs in the worker, before exceljs.
 */
export function verifyInflatedSizes(data: Uint8Array, opts?: ReadOptions, keep?: InflatedParts): ReadFailure | null {
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
    // sheets and shared strings are counted below; they are each file's own (never kept as template parts)
    const isSheet = WORKSHEET_PART.test(e.name);
    const isStrings = !isSheet && SHARED_STRINGS_PART.test(e.name);
    let out: Buffer;
    const known = e.method === 8 && e.uncompressedSize <= cap ? verifiedPart(e, raw) : undefined;
    if (known) {
      // the same compressed bytes as a part this thread already inflated to its declared size and CRC
      out = known;
    } else {
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
      const template = !isSheet && !isStrings;
      if (template && e.method === 8 && crc32 && out.length === e.uncompressedSize) rememberVerifiedPart(e, raw, out);
    }
    // the reader inflates the same parts again: it may take these (exactly what entryBytes gives with the same cap)
    if (keep && out.length === e.uncompressedSize) keep.remember(e, out);
    // cell elements (values or formatted blanks: exceljs makes an object of each) and shared strings, counted on
    // the bytes before any reader builds them: past maxCells the reader alone would go far beyond the memory budget
    if (isSheet) {
      const n = countElements(out, 'c');
      cellElements += n;
      if (n > biggest.n) biggest = { n, part: e.name };
      if (cellElements > o.maxCells) {
        const sheet = sheetPartNames(data, zip.entries, o).get(biggest.part) ?? biggest.part;
        return tooManyCellElementsFailure(o.maxCells, sheet, biggest.n);
      }
    } else if (isStrings) {
      const n = countElements(out, 'si');
      if (n > o.maxCells) {
        return tooManySharedStringsFailure(n, o.maxCells);
      }
    }
    // a DTD (entity definitions: "billion laughs", external entities) is never written by Excel or WPS
    if (/\.(xml|rels|vml)$/i.test(e.name) && hasDoctype(out.subarray(0, 64 * 1024))) {
      const sheet = sheetPartNames(data, zip.entries, o).get(e.name);
      const where = sheet ? `工作表“${sheet}”` : `文件内部的“${e.name}”部分`;
      return fail(
        'E_READ_FAILED',
        `${where}含有 DOCTYPE（实体定义）声明，Excel 和 WPS 保存的文件不会这样，文件可能被改写或是恶意构造的，为安全起见不予读取。${SAVE_AS}。`,
      );
    }
  }
  return null;
}

/** A worksheet part and the shared strings: counted by verifyInflatedSizes. */
const WORKSHEET_PART = /^xl\/worksheets\/[^/]+\.xml$/i;
const SHARED_STRINGS_PART = /^xl\/sharedStrings\.xml$/i;

/**
 * Parts this thread inflated to exactly their declared size and CRC-32, by their compressed bytes: a county's files
 * come from one template, whose theme, styles, docProps and rels are the same bytes in every file (the province
 * corpus: 21 different among its 15,720 such parts), and each was inflated again for every file (a zlib stream each:
 * ~0.1 s of a province's read worker). A part whose compressed bytes are exactly those of one here is not inflated
 * again: its inflated bytes are the same Buffer (read only, like every part the guards hand to the reader). Sheets
 * and shared strings are each file's own and never kept.
 */
const verifiedParts = new Map<string, { raw: Buffer; out: Buffer }>();
/** A kept part's largest compressed size (its inflated bytes: at most 4 times that), and how many are kept (≤ 10 MB in all). */
const VERIFIED_PART_BYTES = 32 * 1024;
const VERIFIED_PARTS = 64;
/** The inflated bytes the guards share between files (fast-xlsx.ts keeps their text too). */
const sharedParts = new WeakSet<Buffer>();

function verifiedKey(e: ZipEntry): string {
  return `${e.crc >>> 0}/${e.compressedSize}/${e.uncompressedSize}`;
}

function verifiedPart(e: ZipEntry, raw: Buffer): Buffer | undefined {
  if (raw.length !== e.compressedSize || raw.length > VERIFIED_PART_BYTES) return undefined;
  const hit = verifiedParts.get(verifiedKey(e));
  return hit && hit.raw.equals(raw) ? hit.out : undefined;
}

function rememberVerifiedPart(e: ZipEntry, raw: Buffer, out: Buffer): void {
  if (raw.length !== e.compressedSize || raw.length > VERIFIED_PART_BYTES || out.length > 4 * VERIFIED_PART_BYTES) return;
  if (verifiedParts.size >= VERIFIED_PARTS) verifiedParts.clear();
  // the compressed bytes copied: a view would keep the whole file's buffer
  verifiedParts.set(verifiedKey(e), { raw: Buffer.from(raw), out });
  sharedParts.add(out);
}

/** Whether `b` is a part's inflated bytes that the guards share between this thread's files (never to be changed). */
export function isSharedPart(b: Buffer): boolean {
  return sharedParts.has(b);
}

/** Whether the bytes hold "<!DOCTYPE" (any case), as /<!DOCTYPE/i on their latin1 text would tell, without decoding. */
export function hasDoctype(head: Buffer): boolean {
  const word = 'DOCTYPE';
  for (let i = head.indexOf('<!', 0, 'latin1'); i >= 0 && i + 9 <= head.length; i = head.indexOf('<!', i + 1, 'latin1')) {
    let j = 0;
    // only ASCII letters fold to ASCII letters (latin1's other letters upper-case outside ASCII)
    while (j < 7 && (head[i + 2 + j]! & 0xdf) === word.charCodeAt(j)) j++;
    if (j === 7) return true;
  }
  return false;
}

/** Number of start tags <name …>, <name>, <name/> (any namespace prefix) in an XML part, without decoding it. */
export function countElements(xml: Buffer, name: string): number {
  // two searches by the buffer's own indexOf (a cold worker's loop over every '<' cost ~15 ms on the sample county):
  // "<name" and ":name", each then followed by a space, tab, line break, '>' or '/'; a ":name" counts when a prefix
  // of 1 to 31 word characters, '.' or '-' goes back from it to a '<'
  const len = name.length;
  const open = Buffer.from(`<${name}`, 'latin1');
  const colon = Buffer.from(`:${name}`, 'latin1');
  let n = 0;
  for (let i = xml.indexOf(open); i >= 0; i = xml.indexOf(open, i + 1 + len)) {
    if (isTagEnd(xml[i + 1 + len])) n++;
  }
  for (let i = xml.indexOf(colon); i >= 0; i = xml.indexOf(colon, i + 1 + len)) {
    if (!isTagEnd(xml[i + 1 + len])) continue;
    let j = i - 1;
    while (j >= 0 && i - j <= 31 && isNameByte(xml[j]!)) j--;
    if (j >= 0 && j < i - 1 && xml[j] === 0x3c) n++;
  }
  return n;
}

function isTagEnd(b: number | undefined): boolean {
  return b === 0x20 || b === 0x3e || b === 0x2f || b === 0x09 || b === 0x0a || b === 0x0d;
}

/** [A-Za-z0-9_.-]: what a namespace prefix is made of (as far as the count is concerned). */
function isNameByte(b: number): boolean {
  return (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a) || (b >= 0x30 && b <= 0x39) || b === 0x5f || b === 0x2e || b === 0x2d;
}
