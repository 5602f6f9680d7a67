/**
 * Property tests (fast-check): valid workbooks, mutated, never make the library throw past its API or hang.
 *
 *   1. the zip's bytes: bit flips, truncations, insertions, deletions;
 *   2. the XML parts (sheet1.xml, sharedStrings.xml, workbook.xml, styles.xml) re-zipped after deleting or duplicating
 *      elements, random attribute values, random text, huge numbers, bad references;
 *   3. the cells: random unicode, NaN/±Infinity/-0/1e308, dates, formulas, errors, merged ranges, written by exceljs.
 *
 * Each mutated file goes through the public API: readWorkbookBuffer (the worker pool, whose per-file time-out is the
 * hang guard) and then the core (analyzeWorkbook, consolidate, toJsonReport, the add-in's sheet builders in addin-sheets.ts).
 * The outcome is either a read with a result whose totals are finite numbers, or a failure with a code and a Chinese
 * message. Reproduce a failure with FC_SEED=<seed> (fast-check prints the seed and the counterexample's path);
 * FC_RUNS scales the number of runs.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analysisContext, analyzeWorkbook, consolidate, toJsonReport, type RosterTown } from '../../core';
import { bulletinSheet, countySheets, townReport, townSummarySheet, type SheetBlock } from '../../core/addin-sheets';
import { createReadPool, type ReadPool } from '../../io/read/pool';
import type { ReadOutcome } from '../../io/read/read-workbook';
import { writeSummaryWorkbook } from '../../io/write/summary-workbook';
import { tmpDir } from '../support/books';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const JSZip = require('jszip') as typeof import('jszip');

const ROOT = path.resolve(__dirname, '..', '..');
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
const SCALE = process.env.FC_RUNS ? Math.max(0.1, Number(process.env.FC_RUNS) / 30) : 1;
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const params = (n: number): fc.Parameters<unknown> => ({ numRuns: runs(n), ...(SEED !== undefined ? { seed: SEED } : {}) });

const ROSTER: RosterTown[] = [{ name: '云峰镇', aliases: ['云峰'] }, { name: '桃花镇', aliases: [] }, { name: '东溪镇', aliases: [] }];
const AS_OF = '2015-10-31';
/** Per-file read time-out: a mutated file that takes longer is a hang. */
const READ_TIMEOUT_MS = Number(process.env.FC_READ_TIMEOUT ?? 15000);
/** The core on one workbook: far more than a real one needs. */
const CORE_BUDGET_MS = 5000;

let pool: ReadPool;
let dir: string;
const bases: { name: string; bytes: Buffer }[] = [];

beforeAll(async () => {
  pool = createReadPool(2);
  dir = await tmpDir('xcs-prop-');
  for (const f of ['云峰镇重点项目.xlsx', '桃花镇重点项目及主要指标.xlsx', '云峰镇扩权强镇事项承接情况登记表.xlsx']) {
    bases.push({ name: f, bytes: readFileSync(path.join(ROOT, 'sample', 'county', f)) });
  }
  bases.push({ name: '东溪镇.xlsx', bytes: await cellBook(validRows()) });
}, 60000);

/** Outcomes per property (printed at the end: a property whose every run fails the same way tests little). */
const stats: Record<string, Record<string, number>> = {};
let current = '';
const count = (k: string) => {
  const m = (stats[current] ??= {});
  m[k] = (m[k] ?? 0) + 1;
};

afterAll(async () => {
  await pool.close();
  console.log(`outcomes: ${JSON.stringify(stats)}`);
});

// ─────────────────────────────────────────────────────────────────────────────────────────────── the checks

const CJK = /[\u4e00-\u9fff]/;

function finiteNumbers(x: unknown, where: string, out: string[]): void {
  if (typeof x === 'number') {
    if (!Number.isFinite(x)) out.push(`${where}=${x}`);
  } else if (Array.isArray(x)) x.forEach((v, i) => finiteNumbers(v, `${where}[${i}]`, out));
  else if (x && typeof x === 'object' && !(x instanceof Date)) for (const [k, v] of Object.entries(x)) finiteNumbers(v, `${where}.${k}`, out);
}

function blockNumbers(b: SheetBlock, out: string[]): void {
  b.values.forEach((row, r) => row.forEach((v, c) => {
    if (typeof v === 'number' && !Number.isFinite(v)) out.push(`${b.name}!R${r}C${c}=${v}`);
  }));
}

/** The whole pipeline on one file's bytes; throws (failing the property) on any broken promise. */
async function pipeline(bytes: Uint8Array, file: string, opts: { summary?: boolean } = {}): Promise<void> {
  let outcome: ReadOutcome;
  try {
    outcome = await pool.readBuffer(bytes, file, { timeoutMs: READ_TIMEOUT_MS });
  } catch (err) {
    throw new Error(`readWorkbookBuffer threw: ${(err as Error).stack}`);
  }
  count(outcome.ok ? 'read' : outcome.code);
  if (!outcome.ok) {
    if (outcome.code === 'E_READ_TIMEOUT') throw new Error(`read hung: ${outcome.message}`);
    if (!outcome.code || !CJK.test(outcome.message)) throw new Error(`failure without code or Chinese message: ${JSON.stringify(outcome)}`);
    // one line, no stack trace (the parser's own reason may follow the Chinese message in brackets)
    if (/\n\s*at /.test(outcome.message) || outcome.message.length > 600) throw new Error(`failure message with a stack trace: ${outcome.message}`);
    return;
  }
  const t0 = performance.now();
  const ctx = analysisContext({ roster: ROSTER, asOf: AS_OF });
  const analysis = analyzeWorkbook(file, outcome.grids, ctx);
  for (const i of analysis.issues) {
    if (!i.code || !CJK.test(i.message)) throw new Error(`issue without code or Chinese message: ${JSON.stringify(i)}`);
  }
  count(analysis.issues.some((i) => i.severity === 'error') ? 'analysed with errors' : 'analysed clean');
  const result = consolidate([{ file, ok: true, analysis }], { roster: ROSTER, asOf: AS_OF });
  const report = toJsonReport(result);
  const rep = townReport(file, outcome.grids, AS_OF);
  const blocks = [townSummarySheet(rep), bulletinSheet(rep), ...countySheets(result), ...countySheets(rep.result)];
  const elapsed = performance.now() - t0;
  const bad: string[] = [];
  finiteNumbers(analysis, 'analysis', bad);
  finiteNumbers(result, 'result', bad);
  finiteNumbers(report, 'report', bad);
  for (const b of blocks) blockNumbers(b, bad);
  if (bad.length) throw new Error(`not finite: ${bad.slice(0, 5).join(', ')}`);
  // a number formatted into a text as "NaN" (numbers themselves are checked above); the mutations may write the text
  // "NaN" into a cell, which then stands in the report as a whole value ("NaN") or quoted in a message (「NaN」)
  const text = JSON.stringify(report).replace(/"NaN"|「NaN」/g, '');
  if (text.includes('NaN')) throw new Error(`NaN in the JSON report: …${text.slice(Math.max(0, text.indexOf('NaN') - 80), text.indexOf('NaN') + 20)}…`);
  if (elapsed > CORE_BUDGET_MS) throw new Error(`the core took ${Math.round(elapsed)} ms`);
  if (opts.summary) {
    const out = path.join(dir, 'summary.xlsx');
    await writeSummaryWorkbook(result, out, { chart: () => ({ ok: false, reason: '测试不生成图' }) });
  }
}

// ─────────────────────────────────────────────────────────────────────────────────────────────── 1. zip bytes

type ByteOp =
  | { op: 'flip'; at: number; bit: number }
  | { op: 'truncate'; at: number }
  | { op: 'insert'; at: number; bytes: number[] }
  | { op: 'delete'; at: number; count: number }
  | { op: 'set'; at: number; byte: number };

const byteOp: fc.Arbitrary<ByteOp> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 16 }) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), byte: fc.constantFrom(0, 0xff, 0x7f, 0x80) }),
);

function applyBytes(src: Buffer, ops: ByteOp[]): Buffer {
  let b = Buffer.from(src);
  for (const o of ops) {
    if (!b.length) break;
    // half of the positions in the last 4 KB: the zip's central directory and end record
    const raw = o.at % (b.length * 2);
    const at = raw < b.length ? raw : Math.max(0, b.length - 1 - (raw % Math.min(4096, b.length)));
    if (o.op === 'flip') b[at] = b[at]! ^ (1 << o.bit);
    else if (o.op === 'set') b[at] = o.byte;
    else if (o.op === 'truncate') b = b.subarray(0, at);
    else if (o.op === 'insert') b = Buffer.concat([b.subarray(0, at), Buffer.from(o.bytes), b.subarray(at)]);
    else b = Buffer.concat([b.subarray(0, at), b.subarray(at + o.count)]);
  }
  return b;
}

test('1. zip bytes flipped, cut, inserted or deleted: a result or a clear failure, never a throw or a hang', async () => {
  current = 'bytes';
  await fc.assert(
    fc.asyncProperty(fc.nat({ max: 3 }), fc.array(byteOp, { minLength: 1, maxLength: 6 }), async (which, ops) => {
      const base = bases[which % bases.length]!;
      await pipeline(applyBytes(base.bytes, ops), base.name);
    }),
    params(60),
  );
}, 180000);

// ─────────────────────────────────────────────────────────────────────────────────────────────── 2. XML parts

type XmlOp =
  | { op: 'deleteElement'; n: number }
  | { op: 'duplicateElement'; n: number }
  | { op: 'attribute'; n: number; value: string }
  | { op: 'text'; n: number; value: string }
  | { op: 'garbage'; n: number; value: string };

const nasty = fc.oneof(
  fc.constantFrom('', '-1', '0', '1e308', '-1e308', '1e999', 'NaN', 'Infinity', '-0', '99999999999999999999', '4294967296', 'A0', 'ZZZZ1',
    'XFD1048577', 'A1:XFD1048576', 'B2:A1', '1:1', 'Sheet1!A1', '#REF!', 'true', 's', 'str', 'inlineStr', 'e', 'b', 'n', 'd', '2015-13-45',
    '&amp;', '\u0000', '\uD800', '云峰镇', '=1+1', '0.5', '45000', '-45000', '1048577', '16385'),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.integer().map(String),
  fc.double().map(String),
);

const xmlOp: fc.Arbitrary<XmlOp> = fc.oneof(
  fc.record({ op: fc.constant('deleteElement' as const), n: fc.nat() }),
  fc.record({ op: fc.constant('duplicateElement' as const), n: fc.nat() }),
  fc.record({ op: fc.constant('attribute' as const), n: fc.nat(), value: nasty }),
  fc.record({ op: fc.constant('text' as const), n: fc.nat(), value: nasty }),
  fc.record({ op: fc.constant('garbage' as const), n: fc.nat(), value: fc.constantFrom('<', '>', '</c>', '<c r="A1">', '<row r="0">', '<mergeCell ref="A1:A1048576"/>', '<![CDATA[', '<!DOCTYPE x [<!ENTITY a "aaaa">]>', '&a;', '"') }),
);

const escAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const escText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** [start, end) of every element (self-closing or paired, nested ones included), in one scan. */
function elements(s: string): [number, number][] {
  const out: [number, number][] = [];
  const open: { name: string; at: number }[] = [];
  for (const m of s.matchAll(/<(\/?)([A-Za-z][\w:.-]*)[^>]*?(\/?)>/g)) {
    const at = m.index!;
    if (m[3]) out.push([at, at + m[0].length]);
    else if (!m[1]) open.push({ name: m[2]!, at });
    else {
      const k = open.map((x) => x.name).lastIndexOf(m[2]!);
      if (k < 0) continue;
      out.push([open[k]!.at, at + m[0].length]);
      open.length = k;
    }
  }
  return out;
}

function applyXml(xml: string, ops: XmlOp[]): string {
  let s = xml;
  for (const o of ops) {
    if (o.op === 'deleteElement' || o.op === 'duplicateElement') {
      const els = elements(s);
      if (!els.length) continue;
      const [i, j] = els[o.n % els.length]!;
      s = o.op === 'deleteElement' ? s.slice(0, i) + s.slice(j) : s.slice(0, j) + s.slice(i, j) + s.slice(j);
    } else if (o.op === 'attribute') {
      const attrs = [...s.matchAll(/ ([\w:]+)="[^"]*"/g)];
      if (!attrs.length) continue;
      const m = attrs[o.n % attrs.length]!;
      s = s.slice(0, m.index!) + ` ${m[1]}="${escAttr(o.value)}"` + s.slice(m.index! + m[0].length);
    } else if (o.op === 'text') {
      const texts = [...s.matchAll(/<(v|t|f|numFmt|definedName)\b([^>]*)>([^<]*)<\/\1>/g)];
      if (!texts.length) continue;
      const m = texts[o.n % texts.length]!;
      s = s.slice(0, m.index!) + `<${m[1]}${m[2]}>${escText(o.value)}</${m[1]}>` + s.slice(m.index! + m[0].length);
    } else {
      const at = o.n % (s.length + 1);
      s = s.slice(0, at) + o.value + s.slice(at);
    }
  }
  return s;
}

const PARTS = ['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml', 'xl/workbook.xml', 'xl/styles.xml'];

test('2. XML parts with deleted or doubled elements, random attributes and text: a result or a clear failure', async () => {
  current = 'xml';
  const zips = await Promise.all(bases.map(async (b) => ({ name: b.name, zip: await JSZip.loadAsync(b.bytes), bytes: b.bytes })));
  const texts = await Promise.all(zips.map(async (z) => {
    const m = new Map<string, string>();
    for (const p of PARTS) {
      const f = z.zip.file(p);
      if (f) m.set(p, await f.async('string'));
    }
    return m;
  }));
  await fc.assert(
    fc.asyncProperty(fc.nat({ max: 3 }), fc.nat(), fc.array(xmlOp, { minLength: 1, maxLength: 5 }), async (which, part, ops) => {
      const i = which % zips.length;
      const parts = [...texts[i]!.keys()];
      const p = parts[part % parts.length]!;
      const zip = await JSZip.loadAsync(zips[i]!.bytes);
      zip.file(p, applyXml(texts[i]!.get(p)!, ops));
      const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
      await pipeline(bytes, zips[i]!.name);
    }),
    params(60),
  );
}, 180000);

// ─────────────────────────────────────────────────────────────────────────────────────────────── 3. cell values

const HEAD = ['序号', '项目名称', '项目类别', '总投资', '年度计划投资', '1-10月累计完成投资', '本周进展', '下周计划', '存在问题', '项目组长', '状态'];

function validRows(): unknown[][] {
  return [
    ['东溪镇重点项目推进情况表（截至2015年10月31日）'], ['单位：万元'], HEAD,
    [1, '东溪大道', '基础设施', 5000, 2000, 1800, '路基施工', '继续施工', '征地', '张明', '在建'],
    [2, '污水厂', '生态环境', 8000, 3000, 1500, '设备安装', '调试', null, '李华', '在建'],
    [3, '文化中心', '社会事业', 3000, 0, 0, null, null, null, '王五', '前期'],
    ['合计', null, null, 16000, 5000, 3300],
  ];
}

async function cellBook(rows: unknown[][], merges: string[] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('重点项目');
  rows.forEach((row, r) => row.forEach((v, c) => {
    if (v !== null && v !== undefined) ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue;
  }));
  for (const m of merges) {
    try {
      ws.mergeCells(m);
    } catch {
      // overlapping merges are refused by exceljs itself: not a file anyone can write
    }
  }
  const ind = wb.addWorksheet('主要指标');
  [['东溪镇主要指标（1-10月）'], ['指标名称', '单位', '2015年目标', '1-10月完成'], ['地区生产总值', '亿元', 50, 41], ['财政总收入', '万元', 60000, 52000]]
    .forEach((row, r) => row.forEach((v, c) => { ind.getCell(r + 1, c + 1).value = v; }));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const cellValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 10 }),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 1e308, -1e308, 5e-324, 2 ** 53, 1e15, 0.1 + 0.2),
  fc.double(),
  fc.integer(),
  fc.date({ min: new Date(-8.64e15 + 1), max: new Date(8.64e15 - 1), noInvalidDate: false }),
  fc.boolean(),
  fc.constantFrom('', ' ', '无', '-', '—', '1,234.5', '50%', '１２３', '2015年10月31日', '#DIV/0!', '=1+1', '合计', '小计', '序号', '项目名称'),
  fc.record({ formula: fc.constantFrom('A1+B1', '1/0', 'SUM(D4:D6)', 'XYZ(', ''), result: fc.oneof(fc.double(), fc.string({ maxLength: 5 }), fc.constant(undefined)) }),
  fc.record({ error: fc.constantFrom('#N/A', '#REF!', '#DIV/0!', '#VALUE!', '#NAME?', '#NUM!', '#NULL!') }),
  fc.record({ richText: fc.array(fc.record({ text: fc.string({ maxLength: 6 }) }), { maxLength: 3 }) }),
  fc.record({ text: fc.string({ maxLength: 6 }), hyperlink: fc.constantFrom('http://x', 'javascript:alert(1)', '') }),
  fc.constant(null),
);

const cellEdit = fc.record({ row: fc.integer({ min: 0, max: 8 }), col: fc.integer({ min: 0, max: 13 }), value: cellValue });
const merge = fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }))
  .map(([r, c, h, w]) => `${String.fromCharCode(64 + c)}${r}:${String.fromCharCode(64 + Math.min(26, c + w))}${r + h}`);

test('3. cells with random text, odd numbers, dates, formulas, errors and merges: a result with finite totals, and a summary', async () => {
  current = 'cells';
  await fc.assert(
    fc.asyncProperty(fc.array(cellEdit, { minLength: 1, maxLength: 12 }), fc.array(merge, { maxLength: 3 }), fc.boolean(), async (edits, merges, summary) => {
      const rows = validRows().map((r) => [...r]);
      for (const e of edits) (rows[e.row] ??= [])[e.col] = e.value;
      let bytes: Buffer;
      try {
        bytes = await cellBook(rows, merges);
      } catch {
        return; // exceljs refuses to write it (e.g. an invalid Date): no file to read
      }
      await pipeline(bytes, '东溪镇.xlsx', { summary });
    }),
    params(40),
  );
}, 180000);
