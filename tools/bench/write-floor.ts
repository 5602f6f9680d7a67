/**
 * The write floor of the consolidation benchmark: what any writer of the summary pays at least for its cells. It
 * serialises `--rows N` rows × `--cols C` cells (default 15: a third text, the rest numbers, like 项目明细 and
 * 主要指标) as sheet XML (`<row><c r="A1" t="str"><v>…</v></c>…</row>`, no styles, no widths, no other part) and
 * deflates it (node:zlib, default level, as the summary's zip does) into a file, on one core. Prints one JSON line:
 * {rows, cells, xmlBytes, zipBytes}.
 *
 *   node dist/tools/bench/write-floor.js --rows N [--cols C] [--out file]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

const TEXTS = ['青云镇', '桃花源景区提升工程', '在建', '产业发展', '张建国', '主体完工，正在进行室内装修', '征地拆迁进度滞后，需县自然资源局协调', '完成竣工验收'];

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : fallback;
}

async function main(): Promise<void> {
  const rows = arg('--rows', 100000);
  const cols = arg('--cols', 15);
  const i = process.argv.indexOf('--out');
  const out = i >= 0 ? process.argv[i + 1] : path.join(os.tmpdir(), `xcs-write-floor-${process.pid}.xml.deflate`);
  const letters = Array.from({ length: cols }, (_, c) => String.fromCharCode(65 + (c % 26)));
  const file = fs.createWriteStream(out);
  const deflate = zlib.createDeflateRaw();
  deflate.pipe(file);
  let xmlBytes = 0;
  let chunk = '';
  const flush = async () => {
    xmlBytes += Buffer.byteLength(chunk);
    if (!deflate.write(chunk)) await new Promise((r) => deflate.once('drain', r));
    chunk = '';
  };
  for (let r = 1; r <= rows; r++) {
    chunk += `<row r="${r}">`;
    for (let c = 0; c < cols; c++) {
      const ref = `${letters[c]}${r}`;
      if (c % 3 === 0) chunk += `<c r="${ref}" t="str"><v>${TEXTS[(r + c) % TEXTS.length]}</v></c>`;
      else chunk += `<c r="${ref}"><v>${((r * 7919 + c * 104729) % 1000003) / 100}</v></c>`;
    }
    chunk += '</row>';
    if (chunk.length > 1 << 16) await flush();
  }
  await flush();
  deflate.end();
  await new Promise<void>((r) => file.once('close', () => r()));
  const zipBytes = fs.statSync(out).size;
  fs.rmSync(out, { force: true });
  process.stdout.write(JSON.stringify({ rows, cells: rows * cols, xmlBytes, zipBytes }) + '\n');
}

main().catch((e) => {
  process.stderr.write(`write floor: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
