/**
 * A small run's main thread reads files too (pool.ts, helpOut / helpWhileIdle): the last jobs of its one worker's
 * queue, which the worker has not started. Whichever thread claims a job first reads it, the other skips it; what the
 * fast reader does not read whole (a legacy workbook, the fast reader turned off) stays the worker's. The outcomes are
 * those of a pool that does not help. Which thread read a file is told by the worker's replies (counted at the pool's
 * listener) and the jobs posted to it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { parseCsv, rosterFromRows } from '../../core/roster';
import type { ReadOutcome } from '../../io/read/options';
import { createReadPool, type ReadPool } from '../../io/read/pool';

const COUNTY = path.resolve(__dirname, '..', '..', 'sample', 'county');
const roster = rosterFromRows(parseCsv(fs.readFileSync(path.resolve(COUNTY, '..', 'roster.csv'), 'utf8')), 'roster.csv');
if (!roster.ok) throw new Error(roster.message);
const settings = { roster: roster.towns, asOf: '2015-10-31' };

/** The county's workbooks, the legacy one (read with readLegacy, as cli/run.ts does) last. */
const FILES: { rel: string; legacy: boolean }[] = (fs.readdirSync(COUNTY, { recursive: true }) as string[])
  .map((f) => f.split(path.sep).join('/'))
  .filter((f) => /\.xlsx$/.test(f) && !path.basename(f).startsWith('~$'))
  .sort()
  .map((rel) => ({ rel, legacy: false }))
  .concat([{ rel: '金竹镇重点项目(旧格式).xls', legacy: true }]);

interface Watched {
  /** The files the worker answered for (its 'done' replies). */
  byWorker: string[];
  restore: () => void;
}

/** Records the jobs posted to workers (id → file) and the worker's replies, at the pool's own listener. */
function watchWorkers(): Watched {
  const post = Worker.prototype.postMessage;
  const on = Worker.prototype.on;
  const files = new Map<number, string>();
  const byWorker: string[] = [];
  Worker.prototype.postMessage = function (this: Worker, msg: unknown, transfer?: readonly import('node:worker_threads').TransferListItem[]) {
    const m = msg as { type?: string; id?: number; relPath?: string };
    if (m?.type === 'job') files.set(m.id!, m.relPath!);
    return post.call(this, msg, transfer);
  };
  Worker.prototype.on = function (this: Worker, event: string | symbol, listener: (...args: unknown[]) => void) {
    if (event !== 'message') return on.call(this, event, listener);
    return on.call(this, event, (msg: unknown) => {
      const m = msg as { type?: string; id?: number };
      if (m?.type === 'done') byWorker.push(files.get(m.id!) ?? `? ${m.id}`);
      listener(msg);
    });
  } as typeof Worker.prototype.on;
  return {
    byWorker,
    restore: () => {
      Worker.prototype.postMessage = post;
      Worker.prototype.on = on;
    },
  };
}

/** Queues every file on one worker (as a small run does: cli/run.ts); `whenFirst` runs when the first one is back. */
async function readAll(pool: ReadPool, whenFirst?: () => void): Promise<ReadOutcome[]> {
  pool.limit(1, FILES.length + 1);
  let first = true;
  return Promise.all(
    FILES.map((f) =>
      pool.read(path.join(COUNTY, f.rel), f.rel, f.legacy ? { readLegacy: true } : undefined, settings).then((o) => {
        if (first) {
          first = false;
          whenFirst?.();
        }
        return o;
      }),
    ),
  );
}

let expected: ReadOutcome[];

beforeAll(async () => {
  const pool = createReadPool(1, { mode: 'in-process' });
  try {
    expected = await readAll(pool);
  } finally {
    await pool.close();
  }
  expect(expected.map((o) => o.ok)).toEqual(FILES.map(() => true));
  expect(FILES.length).toBeGreaterThan(15);
});

test('the calling thread takes the last jobs the worker has not started; the worker reads the others; the outcomes are the same', async () => {
  const watched = watchWorkers();
  const pool = createReadPool(1, { mode: 'worker' });
  const taken: boolean[] = [];
  try {
    const outcomes = await readAll(pool, () => {
      // all the jobs are the worker's now; this thread takes back as many as it can, as fast as it can
      while (pool.helpOut(2)) taken.push(true);
    });
    expect(outcomes).toEqual(expected);
  } finally {
    watched.restore();
    await pool.close();
  }
  expect(taken.length).toBeGreaterThan(0);
  // each file once: the worker never read a job this thread took (it would answer for it too)
  expect(watched.byWorker.length + taken.length).toBe(FILES.length);
  expect(new Set(watched.byWorker).size).toBe(watched.byWorker.length);
  // what this thread read came from the end of the queue, but the legacy workbook, which the worker reads
  const byThisThread = FILES.map((f) => f.rel).filter((f) => !watched.byWorker.includes(f));
  expect(byThisThread).toEqual(FILES.slice(FILES.length - 1 - byThisThread.length, -1).map((f) => f.rel));
  expect(watched.byWorker).toContain('金竹镇重点项目(旧格式).xls');
  // and the running job, and the two behind it, stayed the worker's
  expect(watched.byWorker.slice(0, 3)).toEqual(FILES.slice(0, 3).map((f) => f.rel));
});

test('helpWhileIdle: this thread helps at each turn of its event loop, from the first job on; the outcomes are the same', async () => {
  const watched = watchWorkers();
  const pool = createReadPool(1, { mode: 'worker' });
  try {
    pool.helpWhileIdle(2);
    expect(await readAll(pool)).toEqual(expected);
  } finally {
    watched.restore();
    await pool.close();
  }
  expect(watched.byWorker.length).toBeLessThan(FILES.length);
  expect(watched.byWorker.length).toBeGreaterThan(2);
});

test('what this thread cannot read whole (here the fast reader is off in it) goes back to the worker, once', async () => {
  const watched = watchWorkers();
  const pool = createReadPool(1, { mode: 'worker' });
  let turns = 0;
  const before = process.env.XCS_FAST_READER;
  try {
    const outcomes = await readAll(pool, () => {
      // the worker started with the fast reader; this thread has it off from now on (a worker's env is a copy)
      process.env.XCS_FAST_READER = '0';
      while (pool.helpOut(2)) turns++;
    });
    expect(outcomes).toEqual(expected);
  } finally {
    if (before === undefined) delete process.env.XCS_FAST_READER;
    else process.env.XCS_FAST_READER = before;
    watched.restore();
    await pool.close();
  }
  // each of the jobs it took went back (the loop ended: none is taken twice), and the worker read every file
  expect(turns).toBeGreaterThan(0);
  expect(turns).toBeLessThan(FILES.length - 2);
  expect(watched.byWorker.slice().sort()).toEqual(FILES.map((f) => f.rel).sort());
});

test('nothing is taken while too few jobs wait, nor by an in-process pool, nor after close', async () => {
  const watched = watchWorkers();
  const pool = createReadPool(1, { mode: 'worker' });
  const answers: boolean[] = [];
  try {
    expect(await readAll(pool, () => answers.push(pool.helpOut(FILES.length)))).toEqual(expected);
  } finally {
    watched.restore();
    await pool.close();
  }
  expect(answers).toEqual([false]);
  expect(watched.byWorker.length).toBe(FILES.length);
  expect(pool.helpOut(0)).toBe(false);
  const local = createReadPool(1, { mode: 'in-process' });
  try {
    expect(await readAll(local, () => answers.push(local.helpOut(0)))).toEqual(expected);
  } finally {
    await local.close();
  }
  expect(answers).toEqual([false, false]);
});

test('the settings a job brings reach the worker even when this thread takes that job', async () => {
  // the worker is kept busy on a large first file (other settings), while this thread takes every job behind it but
  // the last, a legacy workbook that stays the worker's: the first of those jobs carried the settings the legacy one
  // names only
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xcs-help-'));
  const big = path.join(dir, '大表.xlsx');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('重点项目');
  ws.addRow(['项目名称', '总投资', '年度计划投资', '累计完成投资']);
  for (let i = 0; i < 30000; i++) ws.addRow([`项目${i}`, 100 + i, 50, 20]);
  await wb.xlsx.writeFile(big);
  const other = { roster: roster.ok ? roster.towns : [], asOf: '2015-10-31' };
  const files = [...FILES.slice(0, 3), FILES[FILES.length - 1]!];
  const read = (pool: ReadPool) => [
    pool.read(big, '大表.xlsx', undefined, other),
    ...files.map((f) => pool.read(path.join(COUNTY, f.rel), f.rel, f.legacy ? { readLegacy: true } : undefined, settings)),
  ];
  const local = createReadPool(1, { mode: 'in-process' });
  const want = await Promise.all(read(local)).finally(() => local.close());
  const watched = watchWorkers();
  const pool = createReadPool(1, { mode: 'worker' });
  let taken = 0;
  try {
    pool.limit(1, files.length + 2);
    const outcomes = read(pool);
    // as soon as the jobs are posted (the worker is still on the large file)
    await new Promise<void>((resolve) => {
      const turn = () => {
        if (pool.helpOut(0)) taken++;
        if (taken >= files.length - 1) resolve();
        else setImmediate(turn);
      };
      turn();
    });
    const got = await Promise.all(outcomes);
    expect(got.map((o) => o.ok && !!o.analysis)).toEqual(want.map(() => true));
    expect(got).toEqual(want);
  } finally {
    watched.restore();
    await pool.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  expect(watched.byWorker).toEqual(['大表.xlsx', '金竹镇重点项目(旧格式).xls']);
}, 60000);
