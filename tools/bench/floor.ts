/**
 * The raw floor of the consolidation benchmark: what any reader of the towns' .xlsx files pays at least. For each
 * file: read it, find the sheet parts (xl/worksheets/*.xml, xl/sharedStrings.xml) in the zip's central directory,
 * inflate them with node:zlib and tokenise their XML with saxes (the tokenizer exceljs uses), counting tokens and
 * nothing else. Files are handed out one at a time to `--workers N` worker threads (default 2, as the CLI uses both
 * cores). Prints one JSON line: {files, parts, rows, tokens, xmlBytes}.
 *
 *   node dist/tools/bench/floor.js <folder> [--workers N]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SaxesParser } = require('saxes') as typeof import('saxes');

interface Counts {
  files: number;
  parts: number;
  rows: number;
  tokens: number;
  xmlBytes: number;
}

const PART_RE = /^xl\/(worksheets\/[^/]+\.xml|sharedStrings\.xml)$/;

/** The sheet parts of a zip, inflated. Minimal central-directory reader (no zip64: the towns' files are small). */
function sheetParts(buf: Buffer): { name: string; data: Buffer }[] {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('no zip end record');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out: { name: string; data: Buffer }[] = [];
  for (let k = 0; k < count; k++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    const method = buf.readUInt16LE(p + 10);
    const csize = buf.readUInt32LE(p + 20);
    const nlen = buf.readUInt16LE(p + 28);
    const xlen = buf.readUInt16LE(p + 30);
    const clen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nlen);
    p += 46 + nlen + xlen + clen;
    if (!PART_RE.test(name)) continue;
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + csize);
    out.push({ name, data: method === 0 ? raw : zlib.inflateRawSync(raw) });
  }
  return out;
}

function countFile(file: string, c: Counts): void {
  const parts = sheetParts(fs.readFileSync(file));
  c.files++;
  for (const part of parts) {
    c.parts++;
    const xml = part.data.toString('utf8');
    c.xmlBytes += part.data.length;
    const sheet = part.name.startsWith('xl/worksheets/');
    const parser = new SaxesParser();
    parser.on('opentag', (t) => {
      c.tokens++;
      if (sheet && t.name === 'row') c.rows++;
    });
    parser.on('closetag', () => c.tokens++);
    parser.on('text', () => c.tokens++);
    parser.write(xml).close();
  }
}

function listXlsx(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listXlsx(p));
    else if (e.name.endsWith('.xlsx') && !e.name.startsWith('~$')) out.push(p);
  }
  return out.sort();
}

const zero = (): Counts => ({ files: 0, parts: 0, rows: 0, tokens: 0, xmlBytes: 0 });

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const folder = args[0];
  const wi = args.indexOf('--workers');
  const workers = wi >= 0 ? Math.max(1, Number(args[wi + 1])) : 2;
  const files = listXlsx(folder);
  const total = zero();
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, () => new Promise<void>((resolve, reject) => {
      const w = new Worker(__filename);
      const feed = () => (next < files.length ? w.postMessage(files[next++]) : w.postMessage(null));
      w.on('message', (m: Counts | 'ready') => {
        if (m !== 'ready') for (const k of Object.keys(total) as (keyof Counts)[]) total[k] += m[k];
        feed();
      });
      w.on('error', reject);
      w.on('exit', () => resolve());
    })),
  );
  process.stdout.write(JSON.stringify(total) + '\n');
}

if (isMainThread) {
  main().catch((e) => {
    process.stderr.write(String(e) + '\n');
    process.exit(2);
  });
} else {
  parentPort!.on('message', (file: string | null) => {
    if (file === null) return process.exit(0);
    const c = zero();
    countFile(file, c);
    parentPort!.postMessage(c);
  });
  parentPort!.postMessage('ready');
}
