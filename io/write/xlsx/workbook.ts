/**
 * The workbook every summary sheet goes into: exceljs's streaming writer with dates fixed to the as-of date (same
 * inputs, same bytes), and the print setup all sheets share.
 */
import type * as ExcelJS from 'exceljs';
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as zlib from 'node:zlib';
import { Writable } from 'node:stream';

/** Escape text for a page header/footer (& starts a code there). */
export function hf(s: string): string {
  return s.replace(/&/g, '&&');
}

/**
 * exceljs's streaming workbook writer, loaded when the first workbook is written (or ahead, by preloadWriter): its own
 * module, not all of exceljs (the document model, both readers, CSV: 660 modules, ~0.29 s and ~12 MB more than the
 * writer's 205 modules, ~0.12 s). It is the same class as `require('exceljs').stream.xlsx.WorkbookWriter`; exceljs is
 * pinned (4.4.0), and test/io/summary-workbook tests read what it writes.
 */
export function loadWorkbookWriter(): typeof ExcelJS.stream.xlsx.WorkbookWriter {
  nativeZipCrc();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('exceljs/lib/stream/xlsx/workbook-writer') as typeof ExcelJS.stream.xlsx.WorkbookWriter;
}

type CrcBuf = ((data: Uint8Array, seed?: number) => number) & { native?: true };

/**
 * The zip's CRC-32 (the crc-32 package that exceljs's zip, archiver, reaches through zip-stream, compress-commons and
 * crc32-stream: JavaScript, ~80 ms of the main thread over a province's ~60 MB of sheets) computed by node's own
 * `zlib.crc32` where node has it (20.15 and later): the same values (test/io/zip-crc.test.ts), so the same bytes.
 * Anything else (a string, an older node, another layout of those packages) keeps the package's own function.
 * Returns the package as patched (null when it was left alone).
 */
let zipCrc: { buf: CrcBuf } | null | undefined;

export function nativeZipCrc(): { buf: CrcBuf } | null {
  if (zipCrc === undefined) zipCrc = patchZipCrc();
  return zipCrc;
}

function patchZipCrc(): { buf: CrcBuf } | null {
  try {
    const zlibCrc = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
    if (typeof zlibCrc !== 'function') return null;
    let from = require.resolve('exceljs/lib/stream/xlsx/workbook-writer');
    for (const name of ['archiver', 'zip-stream', 'compress-commons', 'crc32-stream']) from = createRequire(from).resolve(name);
    const crc = createRequire(from)('crc-32') as { buf: CrcBuf };
    if (crc.buf.native) return crc;
    const js = crc.buf;
    const buf: CrcBuf = (data, seed) => (data instanceof Uint8Array ? zlibCrc(data, (seed ?? 0) >>> 0) | 0 : js(data, seed));
    buf.native = true;
    crc.buf = buf;
    return crc;
  } catch {
    return null;
  }
}

type ZipLike = { append(source: unknown, data: Record<string, unknown>): unknown };

/** The first error of the file each big workbook streams into (stampedWorkbookWriter), by workbook. */
const failures = new WeakMap<object, Promise<never>>();

/**
 * Rejects with the first error of the file a stampedWorkbookWriter streams into (a big workbook's), else never
 * settles: race the writing against it (summary-workbook.ts), or a full disk half-way leaves the writing waiting.
 */
export function outputFailure(wb: object): Promise<never> {
  return failures.get(wb) ?? new Promise<never>(() => undefined);
}

/**
 * A streaming workbook writer whose zip parts all carry `stamp` (the as-of date) instead of the clock's time: the
 * same inputs then give the same bytes, run after run. `big` (a province's summary: tens of MB of sheets): larger
 * pieces between the sheets' streams, the zip and its deflate. exceljs adds its theme and package relations in its
 * constructor, so those two are held back until the zip's dates are fixed.
 */
export function stampedWorkbookWriter(
  options: Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>,
  stamp: Date,
  big = false,
): ExcelJS.stream.xlsx.WorkbookWriter {
  // zip dates cannot be before 1980; a result without an as-of date is stamped 1980-01-01
  const date = stamp.getTime() < Date.UTC(1980, 0, 2) ? new Date(1980, 0, 1) : stamp;
  const Base = loadWorkbookWriter() as unknown as new (o: unknown) => {
    zip: ZipLike & NodeJS.EventEmitter & { finalize(): unknown }; promise: Promise<unknown>; addThemes(): Promise<void>; addOfficeRels(): Promise<void>;
    _openStream(path: string): unknown; _finalize(): Promise<unknown>;
  };
  // A small workbook (a county's summary, a bulletin: tens to hundreds of KB) is zipped into memory and written to its
  // file in one call at the commit: a file stream would take one round trip to the thread pool per piece the zip hands
  // it (~50 for a county's summary), one after the other, while this thread waits. The bytes are the same.
  const file = !big && typeof options.filename === 'string' && !options.stream ? options.filename : null;
  const chunks: Buffer[] = [];
  const sink = file
    ? new Writable({
        write(chunk: Buffer, _enc, done) {
          chunks.push(chunk);
          done();
        },
      })
    : null;
  class Stamped extends Base {
    private dated?: boolean;
    constructor(o: unknown) {
      super(o);
      const append = this.zip.append.bind(this.zip);
      this.zip.append = (source, data) => append(source, { ...data, date });
      this.dated = true;
      this.promise = Promise.all([this.addThemes(), this.addOfficeRels()]);
    }
    override addThemes(): Promise<void> {
      return this.dated ? super.addThemes() : Promise.resolve();
    }
    override addOfficeRels(): Promise<void> {
      return this.dated ? super.addOfficeRels() : Promise.resolve();
    }
    /** exceljs's finish (the zip's end, then its stream's); a workbook zipped into memory is then written to its file. */
    override _finalize(): Promise<unknown> {
      if (!sink || !file) return super._finalize();
      return new Promise((resolve, reject) => {
        sink.on('error', reject);
        sink.on('finish', () => {
          writeFile(file, Buffer.concat(chunks)).then(() => resolve(this), reject);
          chunks.length = 0;
        });
        this.zip.on('error', reject);
        this.zip.finalize();
      });
    }
    /** A sheet's stream, as exceljs 4.4.0 opens it; a big workbook's hands the zip 1 MB pieces instead of 64 KB (fewer deflate calls). */
    override _openStream(path: string): unknown {
      if (!big) return super._openStream(path);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const StreamBuf = require('exceljs/lib/utils/stream-buf') as new (o: object) => NodeJS.EventEmitter;
      const stream = new StreamBuf({ bufSize: 1024 * 1024, batch: true });
      this.zip.append(stream, { name: path });
      stream.on('finish', () => stream.emit('zipped'));
      return stream;
    }
  }
  // a big workbook's deflate gets output buffers of 256 KB instead of zlib's 16 KB: fewer round trips to libuv's pool,
  // each costing this thread ~50–200 µs (archiver's level stays zlib's 1; the deflated bytes do not depend on the
  // buffers' sizes). A small one keeps the small buffers (a county's memory).
  const zip = big ? { ...(options.zip ?? {}), zlib: { chunkSize: 256 * 1024, ...(options.zip?.zlib ?? {}) } } : options.zip;
  // A big workbook streams into its file as it is written. exceljs listens for the file's errors only in its last
  // step: a full disk half-way (ENOSPC, EFBIG) unpiped the zip, every sheet then waited for it forever and the process
  // ran out of work, silently. The file's stream is ours, its first error is kept (outputFailure).
  const stream = !sink && typeof options.filename === 'string' && !options.stream ? createWriteStream(options.filename) : null;
  const failed = new Promise<never>((_, reject) => stream?.once('error', reject));
  failed.catch(() => undefined);
  const out = sink ? { filename: undefined, stream: sink } : stream ? { filename: undefined, stream } : {};
  const wb = new Stamped({ ...options, zip, ...out }) as unknown as ExcelJS.stream.xlsx.WorkbookWriter;
  failures.set(wb, failed);
  wb.created = stamp;
  wb.modified = stamp;
  return wb;
}

/** The print setup every sheet of the summary shares: A4 landscape, fit to one page wide. */
export const A4_FIT_WIDTH = {
  paperSize: 9 as ExcelJS.PaperSize, // A4
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
} as const;
