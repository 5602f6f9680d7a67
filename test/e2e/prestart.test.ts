/**
 * The CLI starts one read worker before its own modules load (io/read/prestart.ts) and the pool adopts it: here on the
 * built code (only dist/ has a worker script to start), a pool's first read runs on that worker, a worker that died
 * before it was adopted is not used (the pool starts its own), and a prestarted worker nobody adopts never keeps the
 * process alive.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist', 'io', 'read');
const BOOK = path.join(ROOT, 'sample', 'county', fsFirstXlsx());

function fsFirstXlsx(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fs = require('node:fs') as typeof import('node:fs');
  const rel = (fs.readdirSync(path.join(ROOT, 'sample', 'county'), { recursive: true }) as string[]).find((f) => /^[^~].*重点项目.*\.xlsx$/.test(path.basename(f)));
  if (!rel) throw new Error('no sample workbook');
  return rel;
}

/** Runs `code` in a fresh node on the built modules; returns its stdout's last line as JSON. */
function run(code: string): Record<string, unknown> {
  const r = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8', timeout: 60000, env: { ...process.env, DIST, BOOK } });
  if (r.status !== 0) throw new Error(`exit ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
}

const PRELUDE = `
const { prestartReadWorker, takePrestarted } = require(process.env.DIST + '/prestart.js');
const { createReadPool } = require(process.env.DIST + '/pool.js');
const { Worker } = require('node:worker_threads');
const orig = Worker.prototype.postMessage;
`;

test('the pool adopts the prestarted worker: one thread started in all, the read succeeds', () => {
  const out = run(`${PRELUDE}
    const threads = new Set();
    const t0 = process.hrtime.bigint();
    prestartReadWorker(process.env.DIST);
    Worker.prototype.postMessage = function (m, t) { threads.add(this.threadId); return orig.call(this, m, t); };
    const pool = createReadPool(1);
    pool.read(process.env.BOOK, 'x/重点项目.xlsx').then(async (o) => {
      const left = takePrestarted(process.env.DIST + '/worker.js', 1024);
      await pool.close();
      console.log(JSON.stringify({ ok: o.ok, sheets: o.ok ? o.grids.length : 0, threads: threads.size, left: left !== null }));
    });
  `);
  expect(out).toEqual({ ok: true, sheets: expect.any(Number), threads: 1, left: false });
  expect(out.sheets).toBeGreaterThan(0);
});

test('a prestarted worker that died before it was adopted is not used: the pool starts its own', () => {
  const out = run(`${PRELUDE}
    prestartReadWorker(process.env.DIST);
    const p = takePrestarted(process.env.DIST + '/worker.js', 1024);
    // put it back dead: terminate, then prestart's bookkeeping sees the exit
    p.worker.terminate().then(async () => {
      await new Promise((r) => setTimeout(r, 50));
      const pool = createReadPool(1);
      const o = await pool.read(process.env.BOOK, 'x/重点项目.xlsx');
      await pool.close();
      console.log(JSON.stringify({ ok: o.ok, exited: p.exited }));
    });
  `);
  expect(out).toEqual({ ok: true, exited: true });
});

test('a prestarted worker nobody adopts does not keep the process alive', () => {
  const r = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(path.join(DIST, 'prestart.js'))}).prestartReadWorker(${JSON.stringify(DIST)}); console.log('done')`], { encoding: 'utf8', timeout: 20000 });
  expect(r.status).toBe(0);
  expect(r.stdout.trim()).toBe('done');
});
