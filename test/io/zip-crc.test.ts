/**
 * The zip's CRC-32 by node's zlib.crc32 (io/write/xlsx/workbook.ts nativeZipCrc) gives the crc-32 package's values,
 * for every seed crc32-stream passes (its first call's seed is a Buffer), and a summary written with it passes a
 * reader's CRC check.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { nativeZipCrc } from '../../io/write/xlsx/workbook';
import { writeSummaryWorkbook } from '../../io/write/summary-workbook';
import { fixture } from '../fixtures/result-fixture';
import { tmpDir } from '../support/books';

// a fresh copy of the package, loaded on its own: never the one nativeZipCrc changes
let original!: { buf(data: Uint8Array, seed?: unknown): number };
jest.isolateModules(() => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  original = require('crc-32') as typeof original;
});

const hasNative = typeof (zlib as { crc32?: unknown }).crc32 === 'function';

(hasNative ? test : test.skip)('the same values as the crc-32 package, chunk by chunk as crc32-stream calls it', () => {
  const crc = nativeZipCrc();
  expect(crc).not.toBeNull();
  expect(crc!.buf).not.toBe(original.buf);
  let seedJs: unknown = Buffer.alloc(4);
  let seedNative: unknown = Buffer.alloc(4);
  let state = 12345;
  for (let i = 0; i < 300; i++) {
    const n = i < 20 ? i : (state = (state * 1103515245 + 12345) >>> 0) % 70000;
    const chunk = Buffer.alloc(n);
    for (let j = 0; j < n; j++) chunk[j] = (state = (state * 1664525 + 1013904223) >>> 0) >>> 24;
    const a = original.buf(chunk, seedJs as number);
    const b = crc!.buf(chunk, seedNative as number);
    expect(b).toBe(a);
    // crc32-stream keeps the value unsigned between calls
    seedJs = a >>> 0;
    seedNative = b >>> 0;
  }
  for (const seed of [0, -1, 1, 0x7fffffff, 0x80000000, 0xffffffff, -123456789, undefined]) {
    const data = Buffer.from('重点项目推进情况 <row r="1"/>');
    expect(crc!.buf(data, seed)).toBe(original.buf(data, seed));
  }
  expect(nativeZipCrc()).toBe(crc);
});

test('a summary written with it passes JSZip\'s CRC check', async () => {
  nativeZipCrc();
  const dir = await tmpDir('xcs-crc-');
  try {
    const file = path.join(dir, 's.xlsx');
    await writeSummaryWorkbook(fixture, file, { county: '云和县' });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const JSZip = require('jszip') as { loadAsync(d: Buffer, o: object): Promise<{ files: Record<string, { async(t: 'nodebuffer'): Promise<Buffer> }> }> };
    const zip = await JSZip.loadAsync(await fsp.readFile(file), { checkCRC32: true });
    const names = Object.keys(zip.files);
    expect(names).toContain('xl/worksheets/sheet1.xml');
    for (const n of names) await zip.files[n].async('nodebuffer');
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
});
