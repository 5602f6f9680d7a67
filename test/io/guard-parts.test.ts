/**
 * The guards (io/read/guards.ts, verifyInflatedSizes) check every part of a workbook against its declared size and
 * CRC-32, and keep the template parts a thread has already checked (by their compressed bytes) so as not to inflate
 * them again for every file. A part whose bytes differ from a kept one, however alike its directory entry, is
 * inflated and checked: a damaged theme or docProps is refused whatever was read before it, and the good file is
 * read the same before and after.
 */
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { readWorkbookBytesInProcess } from '../../io/read/parse';
import { readZipDirectory, entryBytes } from '../../io/read/zip';

const SAMPLE = path.resolve(__dirname, '..', '..', 'sample', 'county');
const hasCrc = typeof (zlib as { crc32?: unknown }).crc32 === 'function';
const crc32 = (b: Uint8Array): number => (zlib as unknown as { crc32(b: Uint8Array): number }).crc32(b) >>> 0;

interface Part {
  name: string;
  data: Buffer;
  /** Deflated as stored blocks (level 0): its bytes appear as they are in the compressed data. */
  stored?: boolean;
  /** The CRC-32 written in the headers (default: the data's own). */
  crc?: number;
}

/** A zip of the parts, each deflated (method 8), with local headers, a central directory and its end record. */
function zipOf(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const body = zlib.deflateRawSync(p.data, { level: p.stored ? 0 : 6 });
    const crc = p.crc ?? crc32(p.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(p.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(p.data.length, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    central.push(cd, name);
    offset += local.length + name.length + body.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** The parts of the sample county's first workbook. */
function sampleParts(): { file: string; parts: Part[] } {
  const file = readdirSync(SAMPLE).filter((f) => f.endsWith('.xlsx') && !f.startsWith('~$')).sort()[0]!;
  const data = new Uint8Array(readFileSync(path.join(SAMPLE, file)));
  const zip = readZipDirectory(data);
  if (!zip.ok) throw new Error(`${file}: not a zip`);
  return { file, parts: zip.entries.map((e) => ({ name: e.name, data: entryBytes(data, e, 64 << 20)! })) };
}

/** The part's data with one character of its text changed (the same length: a letter of a tag's name's case). */
function altered(data: Buffer): Buffer {
  const out = Buffer.from(data);
  const at = out.indexOf('<', 10) + 1;
  out[at] = out[at]! ^ 0x20;
  return out;
}

(hasCrc ? describe : describe.skip)('template parts the guards have already checked', () => {
  const { file, parts } = sampleParts();
  const templates = ['docProps/app.xml', 'xl/styles.xml', '[Content_Types].xml'].filter((n) => parts.some((p) => p.name === n));

  test.each(templates)('%s: a copy whose bytes differ under the same directory entry is refused, before and after the good one', async (name) => {
    const good = zipOf(parts.map((p) => (p.name === name ? { ...p, stored: true } : p)));
    const original = parts.find((p) => p.name === name)!;
    // the same sizes, the CRC-32 of the good part: only the bytes tell them apart
    const bad = zipOf(parts.map((p) => (p.name === name ? { name, data: altered(original.data), stored: true, crc: crc32(original.data) } : p)));
    expect(bad.length).toBe(good.length);
    expect(bad.equals(good)).toBe(false);
    const read = (b: Buffer) => readWorkbookBytesInProcess(new Uint8Array(b), file);

    const first = await read(bad);
    const ok = await read(good);
    const again = await read(bad);
    const okAgain = await read(good);
    expect(ok.ok).toBe(true);
    expect(okAgain).toEqual(ok);
    for (const r of [first, again]) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect([r.code, r.message]).toEqual(['E_READ_FAILED', expect.stringContaining(`压缩包内“${name}”的校验码不符`)]);
    }
  });

  test('the same workbook read many times gives the same outcome each time', async () => {
    const good = zipOf(parts);
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push(await readWorkbookBytesInProcess(new Uint8Array(good), file));
    expect(outcomes[0]!.ok).toBe(true);
    expect(outcomes[1]).toEqual(outcomes[0]);
    expect(outcomes[2]).toEqual(outcomes[0]);
  });
});
