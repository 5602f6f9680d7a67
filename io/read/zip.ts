/**
 * Our own read of a zip's central directory and of the few workbook parts the guards need (workbook.xml's sheet list,
 * a sheet's declared dimension), before any reader inflates anything. Shared by the guards and the fast reader.
 */
import * as posixPath from 'node:path/posix';
import * as zlib from 'node:zlib';
import { parseAddress } from '../../core/grid';
import { resolveReadOptions, type ReadOptions } from './options';


/** The bytes as a Buffer without copying. */
export function asBuffer(data: Uint8Array): Buffer {
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

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
export const SIG_LOCAL = 0x04034b50;

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

/**
 * Parts a first pass already inflated (the guards' verifyInflatedSizes), for the reader to take instead of inflating
 * them again: only parts that inflated to exactly their declared size (with a cap of that size, so exactly what
 * entryBytes gives with the same cap); the bytes of XML parts are kept up to `budget` bytes in all.
 */
export class InflatedParts {
  private readonly kept = new Map<string, Buffer>();
  private readonly inflated = new Set<string>();
  private bytes = 0;
  constructor(private readonly budget = 16 * 1024 * 1024) {}

  private static key(e: ZipEntry): string {
    return `${e.localOffset}/${e.method}/${e.compressedSize}/${e.uncompressedSize}`;
  }

  remember(e: ZipEntry, out: Buffer): void {
    const k = InflatedParts.key(e);
    this.inflated.add(k);
    if (/\.(xml|rels)$/i.test(e.name) && this.bytes + out.length <= this.budget) {
      this.kept.set(k, out);
      this.bytes += out.length;
    }
  }

  /** The part's bytes, when kept. */
  get(e: ZipEntry): Buffer | undefined {
    return this.kept.get(InflatedParts.key(e));
  }

  /** Whether the part is known to inflate to its declared size. */
  has(e: ZipEntry): boolean {
    return this.inflated.has(InflatedParts.key(e));
  }
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
export function declaredDimension(data: Uint8Array, e: ZipEntry): { rows: number; cols: number } | null {
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
