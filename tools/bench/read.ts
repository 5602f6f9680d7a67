/**
 * Benchmark of the worker's read step (issue #5), in this thread: per-file CPU of parseWorkbookBytes with the fast
 * reader (fast-xlsx.ts) and with exceljs alone (XCS_FAST_READER=0), against the "raw floor" of the issue (inflate the
 * sheet, shared-string, style and workbook parts with node:zlib and tokenise them with saxes, nothing else).
 *
 *   npm run -s build:node && node dist/tools/bench/read.js [files or folders…]   (default: sample/county)
 *
 * Not a test: figures depend on the machine and on its load. Run it on an idle machine, a few times.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { SaxesParser } from 'saxes';
import { entryBytes, parseWorkbookBytes, readZipDirectory } from '../../io/read/read-workbook';

function walk(p: string, out: string[]): string[] {
  if (statSync(p).isDirectory()) for (const e of readdirSync(p)) walk(path.join(p, e), out);
  else if (/\.xlsx$/i.test(p) && !path.basename(p).startsWith('~$')) out.push(p);
  return out;
}

function rawFloor(data: Uint8Array): void {
  const zip = readZipDirectory(data);
  if (!zip.ok) return;
  for (const e of zip.entries) {
    if (!/^xl\/(worksheets\/sheet\d+|sharedStrings|styles|workbook)\.xml$/.test(e.name)) continue;
    const b = entryBytes(data, e, 1 << 28);
    if (!b) continue;
    const p = new SaxesParser();
    p.on('opentag', () => undefined);
    p.on('text', () => undefined);
    p.on('closetag', () => undefined);
    p.write(b.toString('utf8'));
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const files = (args.length ? args : [path.resolve(__dirname, '..', '..', '..', 'sample', 'county')]).flatMap(a =>
    walk(path.resolve(a), []),
  );
  const datas = files.map(f => new Uint8Array(readFileSync(f)));
  const minFiles = 600;
  const reps = Math.max(1, Math.ceil(minFiles / Math.max(1, files.length)));
  console.log(`${files.length} files × ${reps}`);
  for (const round of [1, 2]) {
    for (const mode of ['floor', 'fast', 'exceljs'] as const) {
      process.env.XCS_FAST_READER = mode === 'exceljs' ? '0' : '1';
      const t0 = process.cpuUsage();
      let n = 0;
      let ok = 0;
      for (let k = 0; k < reps; k++) {
        for (let i = 0; i < datas.length; i++) {
          if (mode === 'floor') rawFloor(datas[i]!);
          else if ((await parseWorkbookBytes(datas[i]!, files[i]!)).ok) ok++;
          n++;
        }
      }
      const u = process.cpuUsage(t0);
      const ms = (u.user + u.system) / 1000 / n;
      console.log(`round ${round} ${mode.padEnd(8)} ${ms.toFixed(2)} ms CPU/file${mode === 'floor' ? '' : ` (${ok}/${n} read)`}`);
    }
  }
}

void main();
