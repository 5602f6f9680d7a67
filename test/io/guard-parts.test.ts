/**
 * The guards (io/read/guards.ts, verifyInflatedSizes) check every part of a workbook against its declared size and
 * CRC-32, and keep the template parts a thread has already checked (by their compressed bytes) so as not to inflate
 * them again for every file. A part whose bytes differ from a kept one, however alike its directory entry, is
 * inflated and checked: a damaged theme or docProps is refused whatever was read before it, and the good file is
 * read the same before and after. (The hostile corpus's `bad-crc` case has a sheet part with a wrong CRC; here it is a
 * template part, the one kind the guards keep.) The zips are written by the hostile corpus's writer.
 */
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { readWorkbookBytesInProcess } from '../../io/read/parse';
import { readZipDirectory, entryBytes } from '../../io/read/zip';
import { type ZipPart, zip } from '../../tools/hostile/cases';

const SAMPLE = path.resolve(__dirname, '..', '..', 'sample', 'county');
const hasCrc = typeof (zlib as { crc32?: unknown }).crc32 === 'function';
const crc32 = (b: Uint8Array): number => (zlib as unknown as { crc32(b: Uint8Array): number }).crc32(b) >>> 0;

/** A part deflated as stored blocks (level 0): its bytes appear as they are in the compressed data; `crc` is what the headers say. */
function storedDeflate(name: string, data: Buffer, crc = crc32(data)): ZipPart {
  return { name, raw: { compressed: zlib.deflateRawSync(data, { level: 0 }), size: data.length, crc } };
}

/** The parts of the sample county's first workbook. */
function sampleParts(): { file: string; parts: { name: string; data: Buffer }[] } {
  const file = readdirSync(SAMPLE).filter((f) => f.endsWith('.xlsx') && !f.startsWith('~$')).sort()[0]!;
  const data = new Uint8Array(readFileSync(path.join(SAMPLE, file)));
  const dir = readZipDirectory(data);
  if (!dir.ok) throw new Error(`${file}: not a zip`);
  return { file, parts: dir.entries.map((e) => ({ name: e.name, data: entryBytes(data, e, 64 << 20)! })) };
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
    const good = zip(parts.map((p) => (p.name === name ? storedDeflate(name, p.data) : p)));
    const original = parts.find((p) => p.name === name)!;
    // the same sizes, the CRC-32 of the good part: only the bytes tell them apart
    const bad = zip(parts.map((p) => (p.name === name ? storedDeflate(name, altered(original.data), crc32(original.data)) : p)));
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
    const good = zip(parts);
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push(await readWorkbookBytesInProcess(new Uint8Array(good), file));
    expect(outcomes[0]!.ok).toBe(true);
    expect(outcomes[1]).toEqual(outcomes[0]);
    expect(outcomes[2]).toEqual(outcomes[0]);
  });
});
