/**
 * The bulletin's chart drawn on another thread (io/write/chart-thread.ts): a small run's read worker, handed over by
 * the pool once the files are read, draws and encodes the chart. The PNG must be the one this thread draws, byte for
 * byte; a worker that cannot draw (it has died, dies on the job, or resvg refuses the SVG) leaves the drawing to this
 * thread, with the same outcome as without it.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { buildBulletin, bulletinChartSvg } from '../../core/bulletin';
import { createReadPool } from '../../io/read/pool';
import { renderChartPng, renderChartPngAsync } from '../../io/write/chart-png';
import { ChartThread, type ChartDrawer } from '../../io/write/chart-thread';
import { fixture } from '../fixtures/result-fixture';

const COUNTY = path.resolve(__dirname, '..', '..', 'sample', 'county');
const FILE = '云峰镇重点项目.xlsx';
const chart = bulletinChartSvg(buildBulletin(fixture).chart);

/** A read pool's worker after it has read a file, handed over; the pool is closed. */
async function handedOverWorker(): Promise<Worker> {
  const pool = createReadPool(1, { mode: 'worker' });
  try {
    const outcome = await pool.read(path.join(COUNTY, FILE), FILE);
    expect(outcome.ok).toBe(true);
    const w = pool.handOver();
    if (!w) throw new Error('no worker handed over');
    // the pool has let it go: a second call finds none, and close() leaves it running
    expect(pool.handOver()).toBeNull();
    return w;
  } finally {
    await pool.close();
  }
}

/** `d`, recording whether each drawing came back from the other thread or failed there. */
function spied(d: ChartDrawer, seen: string[]): ChartDrawer {
  return {
    draw: (svg, o) =>
      d.draw(svg, o).then(
        (drawn) => (seen.push('drawn'), drawn),
        (err: unknown) => {
          seen.push(`failed: ${err instanceof Error ? err.message : String(err)}`);
          throw err;
        },
      ),
  };
}

test('the read worker, handed over once the files are read, draws and encodes the chart: the PNG this thread draws', async () => {
  const w = await handedOverWorker();
  const exited = new Promise<number>((resolve) => w.once('exit', resolve));
  const seen: string[] = [];
  const off = await renderChartPngAsync(chart.svg, chart.width, chart.height, spied(new ChartThread(w), seen));
  const here = renderChartPng(chart.svg, chart.width, chart.height);
  expect(seen).toEqual(['drawn']);
  if (!off.ok || !here.ok) throw new Error('render failed');
  expect(off.png.length).toBeGreaterThan(10000);
  expect(off.png.equals(here.png)).toBe(true);
  expect([off.width, off.height]).toEqual([here.width, here.height]);
  // one drawing per thread: it is ended once its answer is back
  await exited;
  await expect(new ChartThread(w).draw(chart.svg, {})).rejects.toThrow(/exited/);
}, 60000);

test('the worker is told at the hand-over to load resvg, before it is asked to draw', async () => {
  const w = await handedOverWorker();
  const posted: string[] = [];
  const post = w.postMessage.bind(w);
  w.postMessage = (msg: { type?: string }, transfer?: readonly Transferable[]) => (posted.push(String(msg?.type)), post(msg, transfer as never));
  const thread = new ChartThread(w);
  // the hand-over's message comes at once, with nothing drawn yet
  expect(posted).toEqual(['prepare']);
  const drawn = await thread.draw(chart.svg, {});
  expect(posted).toEqual(['prepare', 'draw']);
  expect(drawn.png.length).toBeGreaterThan(1000);
}, 60000);

test('a pool hands over no worker when none is idle: in-process, nothing read yet, or closed', async () => {
  const inProcess = createReadPool(1, { mode: 'in-process' });
  await inProcess.read(path.join(COUNTY, FILE), FILE);
  expect(inProcess.handOver()).toBeNull();
  await inProcess.close();
  const fresh = createReadPool(1, { mode: 'worker' });
  expect(fresh.handOver()).toBeNull();
  await fresh.close();
  const closed = createReadPool(1, { mode: 'worker' });
  await closed.read(path.join(COUNTY, FILE), FILE);
  await closed.close();
  expect(closed.handOver()).toBeNull();
}, 60000);

test('a worker that dies on the drawing, or has died: this thread draws the chart, the same PNG', async () => {
  // (the hand-over's `prepare` comes first: it dies on the drawing itself)
  const dying = new Worker("require('node:worker_threads').parentPort.on('message', (m) => m.type === 'draw' && process.exit(3))", { eval: true });
  const seen: string[] = [];
  const off = await renderChartPngAsync(chart.svg, chart.width, chart.height, spied(new ChartThread(dying), seen));
  const here = renderChartPng(chart.svg, chart.width, chart.height);
  expect(seen).toEqual(['failed: chart thread exited (3)']);
  if (!off.ok || !here.ok) throw new Error('render failed');
  expect(off.png.equals(here.png)).toBe(true);

  const dead = new Worker('0', { eval: true });
  await new Promise((resolve) => dead.once('exit', resolve));
  const seen2: string[] = [];
  const again = await renderChartPngAsync(chart.svg, chart.width, chart.height, spied(new ChartThread(dead), seen2));
  expect(seen2).toEqual(['failed: chart thread has exited']);
  expect(again.ok && again.png.equals(here.png)).toBe(true);
}, 60000);

test('an SVG resvg refuses: the worker says why, and the outcome is the one this thread gives', async () => {
  const w = await handedOverWorker();
  const bad = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><g></svg>';
  const seen: string[] = [];
  const off = await renderChartPngAsync(bad, 10, 10, spied(new ChartThread(w), seen));
  const here = await renderChartPngAsync(bad, 10, 10);
  expect(seen).toHaveLength(1);
  expect(seen[0]).toMatch(/^failed: /);
  expect(off.ok).toBe(false);
  expect(off).toEqual(here);
}, 60000);
