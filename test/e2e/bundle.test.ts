/**
 * The built CLI and its worker scripts are bundles (tools/build/bundle.ts): a run loads those scripts and nothing else
 * of dist/, reads on a worker and, for a big sheet, renders rows on the row worker; and it writes the same bytes, and
 * prints the same lines, as tsc's unbundled output of the same sources (built here into a folder of the project, so
 * that it finds the same node_modules).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tmpDir } from '../support/books';
import { corpus } from '../../tools/bench/corpus';
import { BUNDLED_ENTRIES, BUNDLE_MARK } from '../../tools/build/bundle';
import { MIN_ROWS } from '../../io/write/xlsx/row-thread';

const ROOT = path.resolve(__dirname, '..', '..');
const BUNDLED = path.join(ROOT, 'dist');
const UNBUNDLED = path.join(ROOT, 'test-output', `unbundled-${process.pid}`);
const LOAD_LOG = path.join(ROOT, 'test', 'support', 'load-log.js');

beforeAll(() => {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.json'), '--outDir', UNBUNDLED], { cwd: ROOT, stdio: 'pipe' });
}, 120000);
afterAll(() => fs.rmSync(UNBUNDLED, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  summary: Buffer;
  json: Buffer;
  /** dist/'s files each thread compiled (thread id → paths relative to the build's folder). */
  loaded: Map<number, string[]>;
  /** The threads that loaded resvg (the chart's drawing: main for its expected outcome, the thread that draws it). */
  resvgThreads: number[];
}

/** The CLI of the build in `dist` on `folder`; every file node compiles is logged (test/support/load-log.js). */
async function run(dist: string, folder: string, args: string[]): Promise<Run> {
  const dir = await tmpDir('xcs-bundle-');
  const log = path.join(dir, 'load.log');
  const r = spawnSync(process.execPath, ['--require', LOAD_LOG, path.join(dist, 'cli', 'consolidate.js'), folder, ...args, '--out', path.join(dir, 's.xlsx'), '--json', path.join(dir, 'r.json')], {
    encoding: 'utf8',
    timeout: 120000,
    env: { ...process.env, XCS_LOAD_LOG: log },
  });
  const loaded = new Map<number, string[]>();
  const resvgThreads: number[] = [];
  for (const line of fs.readFileSync(log, 'utf8').split('\n').filter(Boolean)) {
    const [thread, file] = line.split('\t') as [string, string];
    if (/[\\/]@resvg[\\/]resvg-js[\\/]index\.js$/.test(file)) resvgThreads.push(Number(thread));
    if (!file.startsWith(dist + path.sep)) continue;
    const list = loaded.get(Number(thread)) ?? [];
    list.push(path.relative(dist, file).split(path.sep).join('/'));
    loaded.set(Number(thread), list);
  }
  return {
    code: r.status,
    // the run's time and its outputs' folder are what may differ
    stdout: r.stdout.replace(/用时 [\d.]+ 秒/, '用时 … 秒').split(dir).join('<out>'),
    stderr: r.stderr,
    summary: fs.readFileSync(path.join(dir, 's.xlsx')),
    json: fs.readFileSync(path.join(dir, 'r.json')),
    loaded,
    resvgThreads: resvgThreads.sort((a, b) => a - b),
  };
}

function expectSame(a: Run, b: Run): void {
  expect(a.code).toBe(b.code);
  expect(a.stdout).toBe(b.stdout);
  expect(a.stderr).toBe(b.stderr);
  expect(a.json.equals(b.json)).toBe(true);
  expect(a.summary.equals(b.summary)).toBe(true);
}

test.each(BUNDLED_ENTRIES.map((e) => [e]))('dist/%s.js is a bundle', (entry) => {
  const head = fs.readFileSync(path.join(BUNDLED, `${entry}.js`), 'utf8').slice(0, 300);
  expect(head.replace(/^#!.*\n/, '').startsWith(BUNDLE_MARK)).toBe(true);
  expect(fs.readFileSync(path.join(UNBUNDLED, `${entry}.js`), 'utf8')).not.toContain(BUNDLE_MARK);
});

test('the sample county: the bundles alone are loaded, the files are read on a worker, the outputs are the same as unbundled', async () => {
  const args = [
    '--roster', path.join(ROOT, 'sample', 'roster.csv'), '--as-of', '2015-10-31',
    // as the demo runs it: the county's targets and last week's report
    '--targets', path.join(ROOT, 'sample', 'targets.xlsx'), '--previous', path.join(ROOT, 'sample', 'last-week.json'),
  ];
  const folder = path.join(ROOT, 'sample', 'county');
  const [bundled, unbundled] = [await run(BUNDLED, folder, args), await run(UNBUNDLED, folder, args)];
  expect(bundled.code).toBe(1);
  expect(bundled.stdout).toContain('汇总表');
  expect(bundled.stderr).toBe(''); // no warning either (e.g. node's DEP0005 for a package's `new Buffer()`)
  expectSame(bundled, unbundled);
  // the main thread (0) loads the CLI's bundle, one worker thread the read worker's; no other file of dist/
  expect([...bundled.loaded.entries()].sort((a, b) => a[0] - b[0])).toEqual([
    [0, ['cli/consolidate.js']],
    [expect.any(Number), ['io/read/worker.js']],
  ]);
  // a county's one worker, once the files are read, draws the chart (io/write/chart-thread.ts); the main thread loads
  // resvg too, for the picture's expected outcome
  const worker = [...bundled.loaded.entries()].find(([, files]) => files.includes('io/read/worker.js'))![0];
  expect(bundled.resvgThreads).toEqual([0, worker]);
  // the unbundled build loads its modules one by one, and reads on a worker too
  expect(unbundled.loaded.get(0)!.length).toBeGreaterThan(50);
  expect([...unbundled.loaded.values()].some((files) => files.includes('io/read/worker.js'))).toBe(true);
}, 120000);

test(`a run whose 项目明细 has more than ${MIN_ROWS} rows renders them on the row worker's bundle: the same bytes`, async () => {
  const c = await corpus(50, 7);
  expect(c.projects).toBeGreaterThanOrEqual(MIN_ROWS);
  const args = ['--roster', c.roster, '--as-of', '2015-10-31', '--quiet'];
  const [bundled, unbundled] = [await run(BUNDLED, c.folder, args), await run(UNBUNDLED, c.folder, args)];
  expect(bundled.code).toBe(0);
  expectSame(bundled, unbundled);
  // each thread loads one file of dist/: the CLI's bundle (main), the read worker's (one or more), the row worker's
  expect([...bundled.loaded.values()].every((files) => files.length === 1)).toBe(true);
  expect(bundled.loaded.get(0)).toEqual(['cli/consolidate.js']);
  expect(new Set([...bundled.loaded.values()].flat())).toEqual(new Set(['cli/consolidate.js', 'io/read/worker.js', 'io/write/xlsx/row-worker.js']));
  // more files than one worker reads: the workers' memory goes back after the read, the chart is drawn on libuv's pool
  expect(bundled.resvgThreads).toEqual([0]);
}, 180000);

test('bundling again leaves a bundle as it is', () => {
  const before = BUNDLED_ENTRIES.map((e) => fs.readFileSync(path.join(BUNDLED, `${e}.js`)));
  const out = execFileSync(process.execPath, [path.join(BUNDLED, 'tools', 'build', 'bundle.js')], { cwd: ROOT, encoding: 'utf8' });
  expect(out.match(/already a bundle/g)).toHaveLength(BUNDLED_ENTRIES.length);
  BUNDLED_ENTRIES.forEach((e, i) => expect(fs.readFileSync(path.join(BUNDLED, `${e}.js`)).equals(before[i]!)).toBe(true));
});

test('where esbuild cannot run, bundling touches nothing and the build goes on (tsc\'s output is a working CLI: above)', () => {
  const before = BUNDLED_ENTRIES.map((e) => fs.readFileSync(path.join(BUNDLED, `${e}.js`)));
  // a binary that exits at once: as on a machine whose esbuild package for its platform is missing
  const r = spawnSync(process.execPath, [path.join(BUNDLED, 'tools', 'build', 'bundle.js')], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ESBUILD_BINARY_PATH: '/bin/false' } });
  expect(r.status).toBe(0);
  expect(r.stderr).toMatch(/^bundle: esbuild cannot run here \(.+\); the CLI stays as tsc built it/);
  BUNDLED_ENTRIES.forEach((e, i) => expect(fs.readFileSync(path.join(BUNDLED, `${e}.js`)).equals(before[i]!)).toBe(true));
});
