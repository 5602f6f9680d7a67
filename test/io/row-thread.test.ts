/**
 * The row worker (io/write/xlsx/row-thread.ts, row-worker.ts): a sheet whose rows are rendered by the worker and this
 * thread together is the same file, byte for byte, as the sheet written on this thread alone; and a worker that is
 * missing, dies, never starts or falls silent costs nothing but time: the rows it did not send are written here.
 * Under ts-jest the worker runs the .ts sources (the read pool's bootstrap, io/read/worker-script.ts).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ExcelJS from 'exceljs';
import { RowJob, setRowWorkerScript } from '../../io/write/xlsx/row-thread';
import { SheetWriter } from '../../io/write/xlsx/sheet-writer';
import { stampedWorkbookWriter } from '../../io/write/xlsx/workbook';
import { col, type Value } from '../../io/write/xlsx/widths';
import { EMPTY_STYLE } from '../../io/write/xlsx/styles';
import { findWorkerSpec } from '../../io/read/worker-script';

// made when the file loads: the test table below writes its worker scripts into it
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'row-thread-'));
afterAll(() => {
  setRowWorkerScript(undefined);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** 2,600 rows (three blocks): CJK, text that wraps, markup characters, formula-like text, control characters, -0, empty rows. */
const N = 2600;
function* rows(): Generator<Value[]> {
  for (let i = 0; i < N; i++) {
    if (i % 997 === 5) {
      yield [null, null, null, null, null, null, null];
      continue;
    }
    yield [
      i % 3 ? `镇${i % 41}` : 'A&B <c> "d"',
      i,
      i % 7 === 0 ? `项目${i}：主体完工，正在装修，第二行很长很长很长很长很长很长很长很长很长很长很长很长` : `=SUM(A${i})`,
      i % 11 === 0 ? null : (i * 1234.5678) / 7,
      i % 5 === 0 ? -0 : (i % 100) / 100,
      ['红', '黄', '绿', null][i % 4],
      i % 13 === 0 ? `ctrl\u0001char\u0008s\ttab\n第二行` : null,
    ];
  }
}
const cols = [
  col('乡镇', 'center', 8, 12),
  col('序号', 'int', 5),
  col('项目名称', 'wrap', 14, 26),
  col('总投资（万元）', 'amount', 10, 13),
  col('完成率', 'pct', 8),
  col('灯', 'light', 5),
  col('存在问题', 'wrap', 12, 28),
];

/** A workbook with a small sheet, the big sheet (rows from `job` when given) and a sheet after it. */
async function write(file: string, job: RowJob | null): Promise<Buffer> {
  const wb = stampedWorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false }, new Date(Date.UTC(2015, 9, 31)));
  const a = new SheetWriter(wb, { name: '概览', title: '标题', subtitle: '副标题', unitNote: null, cols, sizingRows: [...rows()].slice(0, 3), footerLeft: '页脚' });
  await a.dataRows([...rows()].slice(0, 3), 'total');
  a.commit();
  const s = new SheetWriter(wb, { name: '项目明细', title: '标题', subtitle: '副标题', unitNote: '单位：万元', cols, sizingRows: rows(), footerLeft: '页脚', xSplit: 2 });
  await s.lightRows(rows(), 6, '无', job, N);
  s.wideRow('小节', EMPTY_STYLE, 20);
  await s.dataRows([...rows()].slice(0, 2), 'total');
  s.note('注：一条说明');
  s.commit();
  const c = new SheetWriter(wb, { name: '其后', title: '标题', subtitle: '副标题', unitNote: null, cols, sizingRows: [], footerLeft: '页脚' });
  await c.lightRows([], 6, '无');
  c.commit();
  await wb.commit();
  return fs.readFileSync(file);
}

let here: Buffer;
beforeAll(async () => {
  setRowWorkerScript(null);
  expect(RowJob.start(N)).toBeNull();
  here = await write(path.join(dir, 'here.xlsx'), null);
});

test("a sheet of a county's size (fewer than 2,000 rows) starts no worker", () => {
  setRowWorkerScript(undefined);
  expect(RowJob.start(1999)).toBeNull();
});

test('the worker is found next to its module (the sources, under ts-jest)', () => {
  expect(findWorkerSpec(path.join(__dirname, '..', '..', 'io', 'write', 'xlsx'), 'row-worker')).not.toBeNull();
});

test('rows rendered by the worker and this thread give the same workbook as this thread alone, byte for byte', async () => {
  setRowWorkerScript(undefined);
  const job = RowJob.start(N);
  expect(job).not.toBeNull();
  const both = await write(path.join(dir, 'both.xlsx'), job);
  expect(job!.failure).toBeNull();
  // blocks 0–2 are handed to the worker first: it renders at least one of them
  expect(job!.fromWorker).toBeGreaterThan(0);
  expect(both.equals(here)).toBe(true);

  // and the file reads back: every data row where it belongs
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(both as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('项目明细')!;
  expect(ws.getCell('B4').value).toBe(0);
  expect(ws.getCell(`B${3 + N}`).value).toBe(N - 1);
  expect(ws.getCell(`C${4 + 1003}`).value).toBe('=SUM(A1003)');
  expect(ws.getCell(`A${4 + 1002}`).value).toBeNull(); // an empty row
  expect(ws.getCell(`A${3 + N + 1}`).value).toBe('小节');
});

/** A worker script of its own (plain JS, run as a file). */
function script(name: string, body: string): { kind: 'file'; file: string } {
  const file = path.join(dir, name);
  fs.writeFileSync(file, body);
  return { kind: 'file', file };
}

test.each([
  ['dies on its first block', script('dies.js', "require('node:worker_threads').parentPort.on('message', (m) => { if (m.kind === 'rows') process.exit(3); });")],
  ['throws on its first block', script('throws.js', "require('node:worker_threads').parentPort.on('message', (m) => { if (m.kind === 'rows') throw new Error('boom'); });")],
  ['never answers', script('silent.js', "require('node:worker_threads').parentPort.on('message', () => {});")],
  ['answers nonsense', script('nonsense.js', "const { parentPort } = require('node:worker_threads'); parentPort.on('message', (m) => parentPort.postMessage({ kind: 'what' }));")],
  ['is not there', { kind: 'file' as const, file: path.join(os.tmpdir(), 'no-such-row-worker.js') }],
])('a worker that %s: the rows are written here, the same bytes', async (_what, spec) => {
  setRowWorkerScript(spec, 500);
  const job = RowJob.start(N);
  expect(job).not.toBeNull();
  const out = await write(path.join(dir, `fallback-${path.basename(spec.file)}.xlsx`), job);
  expect(job!.failure).not.toBeNull();
  expect(job!.fromWorker).toBe(0);
  expect(out.equals(here)).toBe(true);
});

test('rows that are not the count the sheet gave: an error, never a sheet numbered wrong', async () => {
  setRowWorkerScript(undefined);
  const wb = stampedWorkbookWriter({ filename: path.join(dir, 'count.xlsx'), useStyles: true, useSharedStrings: false }, new Date(Date.UTC(2015, 9, 31)));
  const s = new SheetWriter(wb, { name: '项目明细', title: '标题', subtitle: '副标题', unitNote: null, cols, sizingRows: rows(), footerLeft: '页脚' });
  await expect(s.lightRows(rows(), 6, '无', RowJob.start(N), N - 1)).rejects.toThrow(/not the 2599 announced/);
});
