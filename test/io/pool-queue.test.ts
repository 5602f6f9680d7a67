/**
 * How many files a read worker is handed before its first result comes back: two by default (the running one and the
 * next), every file of a small run with `limit(n, queue)` (cli/run.ts does so when a county's files fit in a few MB),
 * so the worker never waits for the main thread. Counted at the worker's postMessage; the results must be the same.
 */
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { createReadPool } from '../../io/read/pool';

const COUNTY = path.resolve(__dirname, '..', '..', 'sample', 'county');
const FILES = (readdirSync(COUNTY) as string[]).filter((f) => /^[^~].*\.xlsx$/.test(f)).slice(0, 6);

async function postsBeforeFirstResult(queue?: number): Promise<{ posts: number; ok: number }> {
  const orig = Worker.prototype.postMessage;
  let posts = 0;
  let first = -1;
  Worker.prototype.postMessage = function (this: Worker, msg: unknown, transfer?: readonly import('node:worker_threads').TransferListItem[]) {
    if ((msg as { type?: string })?.type === 'job') posts++;
    return orig.call(this, msg, transfer);
  };
  const pool = createReadPool(1);
  try {
    pool.limit(1, queue);
    const outcomes = await Promise.all(
      FILES.map((f) =>
        pool.read(path.join(COUNTY, f), f).then((o) => {
          if (first < 0) first = posts;
          return o;
        }),
      ),
    );
    return { posts: first, ok: outcomes.filter((o) => o.ok).length };
  } finally {
    Worker.prototype.postMessage = orig;
    await pool.close();
  }
}

test('by default a worker holds two files; with a queue of all, every file before the first result', async () => {
  expect(FILES.length).toBe(6);
  const two = await postsBeforeFirstResult();
  const all = await postsBeforeFirstResult(FILES.length);
  expect(two).toEqual({ posts: 2, ok: FILES.length });
  expect(all).toEqual({ posts: FILES.length, ok: FILES.length });
});
