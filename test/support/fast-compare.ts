/**
 * The fast reader (io/read/fast-xlsx.ts) against the exceljs path it replaces, file by file: shared by the io tier's
 * differential suite (crafted workbooks, the sample county, the templates) and the e2e corpus suite.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import {
  classifyName,
  parseWorkbookBytes,
  precheckBytes,
  resolveReadOptions,
  verifyInflatedSizes,
  type ReadOptions,
  type ReadOutcome,
} from '../../io/read/read-workbook';
import { fastParseWorkbook, type FastOutcome } from '../../io/read/fast-xlsx';
import { InflatedParts } from '../../io/read/zip';

const ROOT = path.resolve(__dirname, '..', '..');

/** The fast reader as a read runs it: after the guards' inflation, taking the parts it inflated. */
export function fast(bytes: Uint8Array, opts?: ReadOptions): FastOutcome {
  const inflated = new InflatedParts();
  verifyInflatedSizes(bytes, resolveReadOptions(opts), inflated);
  return fastParseWorkbook(bytes, resolveReadOptions(opts), inflated);
}

/** The exceljs path alone (the reference). */
export async function reference(bytes: Uint8Array, opts?: ReadOptions): Promise<ReadOutcome> {
  const before = process.env.XCS_FAST_READER;
  process.env.XCS_FAST_READER = '0';
  try {
    return await parseWorkbookBytes(bytes, 'x.xlsx', opts);
  } finally {
    if (before === undefined) delete process.env.XCS_FAST_READER;
    else process.env.XCS_FAST_READER = before;
  }
}

/**
 * 'prechecked' when the byte-level checks both readers sit behind refuse the file (neither reader runs), 'declined'
 * or 'same'; throws (with the first difference) when both read it and they differ.
 */
export async function compare(bytes: Uint8Array, opts?: ReadOptions): Promise<'prechecked' | 'declined' | 'same'> {
  if (verifyInflatedSizes(bytes, resolveReadOptions(opts))) return 'prechecked';
  const f = fast(bytes, opts);
  if ('unsupported' in f) return 'declined';
  const r = await reference(bytes, opts);
  expect(f).toStrictEqual(r);
  return 'same';
}

export async function walk(d: string, out: string[] = []): Promise<string[]> {
  for (const e of await fsp.readdir(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) await walk(p, out);
    else out.push(p);
  }
  return out;
}

/** Compares every file that passes the prechecks; returns how many the fast reader read and declined. */
export async function compareAll(files: string[]): Promise<{ same: number; declined: number; differing: string[] }> {
  let same = 0;
  let declined = 0;
  const differing: string[] = [];
  for (const file of files) {
    const bytes = new Uint8Array(await fsp.readFile(file));
    if (classifyName(file) || precheckBytes(bytes, file)) continue;
    try {
      const out = await compare(bytes);
      if (out === 'same') same++;
      else if (out === 'declined') declined++;
    } catch (err) {
      differing.push(`${path.relative(ROOT, file)}: ${String(err).slice(0, 2000)}`);
    }
  }
  return { same, declined, differing };
}
