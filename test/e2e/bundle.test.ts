/**
 * The built CLI and its worker scripts are bundles (tools/build/bundle.ts): a run loads those scripts (the CLI's and
 * the read worker's through their launchers, with V8's code cache: io/runtime/code-cache.ts) and nothing else of
 * dist/, reads on a worker and, for a big sheet, renders rows on the row worker; and it writes the same bytes, and
 * prints the same lines, as tsc's unbundled output of the same sources (built here into a folder of the project, so
 * that it finds the same node_modules), from a code cache or without one.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tmpDir } from '../support/books';
import { corpus } from '../../tools/bench/corpus';
import { BUNDLED_ENTRIES, BUNDLE_MARK, LAUNCHED, LAUNCHER_MARK, bundleFileOf } from '../../tools/build/bundle';
import { MIN_ROWS } from '../../io/write/xlsx/row-thread';
import { PRESTART_YOUNG_MB, READ_WORKER_YOUNG_MB } from '../../io/read/prestart';
import { INTERRUPT_BUDGET, V8_DEFAULT_INTERRUPT_BUDGET, tieringFlag } from '../../io/runtime/tiering';
import { onGlibc } from '../support/glibc';

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
  /** dist/'s files each thread compiled (thread id → paths relative to the build's folder), in order. */
  loaded: Map<number, string[]>;
  /** The scripts compiled through node:vm (a launcher's bundle), and how: 'compiled', 'cached' or 'rejected'. */
  scripts: { thread: number; file: string; how: string }[];
  /** The threads that loaded resvg's binary (the chart's drawing). */
  resvgThreads: number[];
  /** The threads that ran resvg-js's own loader (js-binding.js: it asks node for a diagnostic report first). */
  resvgLoaderThreads: number[];
  /** The worker threads sent read jobs (thread id → its young generation's limit, MB). */
  jobs: Map<number, number>;
  /** The read jobs sent to workers, and the results they sent back (a job the main thread read itself is not answered). */
  posted: number;
  answered: number;
}

/**
 * The CLI of the build in `dist` on `folder`, with the code cache in `cache`; every file node compiles is logged
 * (test/support/load-log.js).
 */
async function run(dist: string, folder: string, args: string[], cache: string): Promise<Run> {
  const dir = await tmpDir('xcs-bundle-');
  const log = path.join(dir, 'load.log');
  const r = spawnSync(process.execPath, ['--require', LOAD_LOG, path.join(dist, 'cli', 'consolidate.js'), folder, ...args, '--out', path.join(dir, 's.xlsx'), '--json', path.join(dir, 'r.json')], {
    encoding: 'utf8',
    timeout: 120000,
    env: { ...process.env, XCS_LOAD_LOG: log, XCS_CACHE_DIR: cache },
  });
  const loaded = new Map<number, string[]>();
  const scripts: Run['scripts'] = [];
  const resvgThreads: number[] = [];
  const resvgLoaderThreads: number[] = [];
  const jobs = new Map<number, number>();
  let posted = 0;
  let answered = 0;
  for (const line of fs.readFileSync(log, 'utf8').split('\n').filter(Boolean)) {
    const [thread, file, how] = line.split('\t') as [string, string, string | undefined];
    if (file === ':job') jobs.set(Number(thread), Number(how));
    if (file === ':post') posted++;
    if (file === ':done') answered++;
    if (/[\\/]@resvg[\\/]resvg-js[^\\/]*[\\/][^\\/]+\.node$/.test(file)) resvgThreads.push(Number(thread));
    if (/[\\/]@resvg[\\/]resvg-js[\\/]js-binding\.js$/.test(file)) resvgLoaderThreads.push(Number(thread));
    if (!file.startsWith(dist + path.sep)) continue;
    const rel = path.relative(dist, file).split(path.sep).join('/');
    const list = loaded.get(Number(thread)) ?? [];
    list.push(rel);
    loaded.set(Number(thread), list);
    if (how) scripts.push({ thread: Number(thread), file: rel, how });
  }
  return {
    code: r.status,
    // the run's time and its outputs' folder are what may differ
    stdout: r.stdout.replace(/用时 [\d.]+ 秒/, '用时 … 秒').split(dir).join('<out>'),
    stderr: r.stderr,
    summary: fs.readFileSync(path.join(dir, 's.xlsx')),
    json: fs.readFileSync(path.join(dir, 'r.json')),
    loaded,
    scripts,
    resvgThreads: resvgThreads.sort((a, b) => a - b),
    resvgLoaderThreads,
    jobs,
    posted,
    answered,
  };
}

/**
 * What a thread loads of dist/ to run the bundle of `entry`: its launcher, what the launcher does first (the CLI's: V8's
 * budget, io/runtime/tiering.js, and its read worker, io/read/prestart.js), the code cache's two modules, the bundle.
 */
const launched = (entry: string): string[] => {
  const first = LAUNCHED[entry]!.first ?? [];
  return [`${entry}.js`, ...first.map((f) => `${f.module}.js`), 'io/runtime/code-cache.js', 'io/runtime/cache-dir.js', bundleFileOf(entry)];
};

function expectSame(a: Run, b: Run): void {
  expect(a.code).toBe(b.code);
  expect(a.stdout).toBe(b.stdout);
  expect(a.stderr).toBe(b.stderr);
  expect(a.json.equals(b.json)).toBe(true);
  expect(a.summary.equals(b.summary)).toBe(true);
}

const head = (file: string): string => fs.readFileSync(file, 'utf8').slice(0, 300).replace(/^#!.*\n/, '');

test.each(BUNDLED_ENTRIES.map((e) => [e]))('dist/%s.js is a bundle, or the launcher of one', (entry) => {
  const file = path.join(BUNDLED, `${entry}.js`);
  if (Object.hasOwn(LAUNCHED, entry)) {
    expect(head(file).startsWith(LAUNCHER_MARK)).toBe(true);
    expect(head(path.join(BUNDLED, bundleFileOf(entry))).startsWith(BUNDLE_MARK)).toBe(true);
  } else {
    expect(bundleFileOf(entry)).toBe(`${entry}.js`);
    expect(head(file).startsWith(BUNDLE_MARK)).toBe(true);
  }
  const plain = fs.readFileSync(path.join(UNBUNDLED, `${entry}.js`), 'utf8');
  expect(plain).not.toContain(BUNDLE_MARK);
  expect(plain).not.toContain(LAUNCHER_MARK);
});

test('the sample county: the bundles alone are loaded, the files are read on a worker, the outputs are the same as unbundled', async () => {
  const args = [
    '--roster', path.join(ROOT, 'sample', 'roster.csv'), '--as-of', '2015-10-31',
    // as the demo runs it: the county's targets and last week's report
    '--targets', path.join(ROOT, 'sample', 'targets.xlsx'), '--previous', path.join(ROOT, 'sample', 'last-week.json'),
  ];
  const folder = path.join(ROOT, 'sample', 'county');
  // the first run with an empty code cache, the second from the cache the first kept
  const cache = await tmpDir('xcs-code-cache-');
  const [bundled, again, unbundled] = [await run(BUNDLED, folder, args, cache), await run(BUNDLED, folder, args, cache), await run(UNBUNDLED, folder, args, cache)];
  expect(bundled.code).toBe(1);
  expect(bundled.stdout).toContain('汇总表');
  expect(bundled.stderr).toBe(''); // no warning either (e.g. node's DEP0005 for a package's `new Buffer()`)
  expectSame(bundled, unbundled);
  expectSame(again, bundled);
  // the main thread (0) loads the CLI's launcher and bundle, one worker thread the read worker's; no other file of dist/
  for (const r of [bundled, again]) {
    expect([...r.loaded.entries()].sort((a, b) => a[0] - b[0])).toEqual([
      [0, launched('cli/consolidate')],
      [expect.any(Number), launched('io/read/worker')],
    ]);
  }
  // both bundles compiled, their code kept (the CLI's at its exit, the worker's after its first files), then taken
  const worker = [...bundled.loaded.entries()].find(([, files]) => files.includes('io/read/worker.js'))![0];
  // (the two threads compile at once: their lines come in either order)
  const byFile = (scripts: Run['scripts']) => [...scripts].sort((a, b) => a.file.localeCompare(b.file));
  expect(byFile(bundled.scripts)).toEqual([{ thread: 0, file: 'cli/consolidate.bundle.js', how: 'compiled' }, { thread: worker, file: 'io/read/worker.bundle.js', how: 'compiled' }]);
  expect(fs.readdirSync(path.join(cache, 'code')).map((f) => f.replace(/-[^-]+-[^-]+\.v8$/, '')).sort()).toEqual(['consolidate', 'read-worker']);
  expect(byFile(again.scripts).map((s) => `${s.file} ${s.how}`)).toEqual(['cli/consolidate.bundle.js cached', 'io/read/worker.bundle.js cached']);
  // a county's one worker, once the files are read, draws the chart (io/write/chart-thread.ts); the main thread, which
  // writes the sheets meanwhile, does not load resvg at all (its expected outcome is told without it)
  for (const r of [bundled, again]) expect(r.resvgThreads).toEqual([worker]);
  // on Linux (glibc) the worker loads the platform's binary itself, without resvg-js's loader and the diagnostic report
  // that loader asks node for (io/write/resvg-binding.ts)
  if (onGlibc()) expect(bundled.resvgLoaderThreads).toEqual([]);
  // that worker is the one the launcher started, with its small young generation (io/read/prestart.ts)
  for (const r of [bundled, again]) expect([...r.jobs.values()]).toEqual([PRESTART_YOUNG_MB]);
  expect([...bundled.jobs.keys()]).toEqual([worker]);
  // the main thread, idle meanwhile, read some of the files itself: the last of the worker's queue (io/read/pool.ts,
  // helpWhileIdle), which the worker then skips without an answer
  for (const r of [bundled, again]) {
    expect(r.posted).toBeGreaterThanOrEqual(18);
    expect(r.answered).toBeGreaterThan(2);
    expect(r.answered).toBeLessThan(r.posted);
  }
  // the unbundled build loads its modules one by one, and reads on a worker too
  expect(unbundled.loaded.get(0)!.length).toBeGreaterThan(50);
  expect([...unbundled.loaded.values()].some((files) => files.includes('io/read/worker.js'))).toBe(true);
}, 120000);

test(`a run whose 项目明细 has more than ${MIN_ROWS} rows renders them on the row worker's bundle: the same bytes`, async () => {
  const c = await corpus(50, 7);
  expect(c.projects).toBeGreaterThanOrEqual(MIN_ROWS);
  const args = ['--roster', c.roster, '--as-of', '2015-10-31', '--quiet'];
  const cache = await tmpDir('xcs-code-cache-');
  const [bundled, unbundled] = [await run(BUNDLED, c.folder, args, cache), await run(UNBUNDLED, c.folder, args, cache)];
  expect(bundled.code).toBe(0);
  expectSame(bundled, unbundled);
  // each thread loads one script of dist/: the CLI's bundle (main), the read worker's (one or more), each through its
  // launcher, and the row worker's bundle
  expect(bundled.loaded.get(0)).toEqual(launched('cli/consolidate'));
  const others = [...bundled.loaded.entries()].filter(([t]) => t !== 0);
  const isRowWorker = (files: string[]) => files.length === 1 && files[0] === 'io/write/xlsx/row-worker.js';
  // the workers sent files: the pool's two, whole
  expect(others.filter(([t]) => bundled.jobs.has(t)).map(([, files]) => files)).toEqual([launched('io/read/worker'), launched('io/read/worker')]);
  expect(others.filter(([, files]) => isRowWorker(files)).length).toBeGreaterThanOrEqual(1);
  // the launcher's worker, ended before its first file (cli/run.ts), got as far into its launcher's files as it got
  const ended = others.filter(([t, files]) => !bundled.jobs.has(t) && !isRowWorker(files)).map(([, files]) => files);
  expect(ended.length).toBeLessThanOrEqual(1);
  for (const files of ended) expect(launched('io/read/worker').slice(0, files.length)).toEqual(files);
  // more files than one worker reads: the workers' memory goes back after the read, the chart is drawn on libuv's pool
  expect(bundled.resvgThreads).toEqual([0]);
  // more files than the workers hold at once: the launcher's worker, sized for a county's files, reads none; both
  // workers the pool starts have the young generation of a large run's (cli/run.ts)
  expect(c.files).toBeGreaterThan(64);
  expect([...bundled.jobs.values()]).toEqual([READ_WORKER_YOUNG_MB, READ_WORKER_YOUNG_MB]);
  // a large run's main thread hands out the files and reads none: every job is answered
  expect(bundled.answered).toBe(bundled.posted);
  expect(bundled.posted).toBe(c.files);
}, 180000);

/** Every file the bundler writes: the entries (launchers or bundles) and the launchers' bundles. */
const WRITTEN = [...new Set(BUNDLED_ENTRIES.flatMap((e) => [`${e}.js`, bundleFileOf(e)]))];

/** V8's optimisation status of test/support/tiering-probe.js's function at the exit of `node <args>`. */
function probeTiering(args: string[]): number {
  const r = spawnSync(process.execPath, ['--require', path.join(ROOT, 'test', 'support', 'tiering-probe.js'), ...args], {
    encoding: 'utf8',
    timeout: 60000,
    env: { ...process.env, XCS_CACHE_DIR: 'off' },
  });
  const m = /^tiering-probe (\d+)$/m.exec(r.stderr);
  if (!m) throw new Error(`no probe in: ${r.stderr}`);
  return Number(m[1]);
}

test("the CLI's launcher raises V8's interrupt budget for the whole process, unless node is given one", () => {
  // %GetOptimizationStatus: optimised (4), TurboFan (6), marked for optimisation (8, 9), being optimised (10)
  const askedForTurbofan = (status: number) => (status & ((1 << 4) | (1 << 6) | (1 << 8) | (1 << 9) | (1 << 10))) !== 0;
  const cli = path.join(BUNDLED, 'cli', 'consolidate.js');
  expect(askedForTurbofan(probeTiering(['-e', '0']))).toBe(true); // V8's own budget
  expect(askedForTurbofan(probeTiering([cli, '--version']))).toBe(false);
  expect(askedForTurbofan(probeTiering([`--interrupt-budget=${V8_DEFAULT_INTERRUPT_BUDGET}`, cli, '--version']))).toBe(true);
});

test("the budget is set on node 20's V8 only (the one measured), and not over node's own --interrupt-budget", () => {
  expect(tieringFlag([], '11.3.244.8-node.38')).toBe(`--interrupt-budget=${INTERRUPT_BUDGET}`);
  expect(tieringFlag(['--max-old-space-size=4096'], '11.3.244.8-node.38')).toBe(`--interrupt-budget=${INTERRUPT_BUDGET}`);
  expect(tieringFlag([`--interrupt-budget=${V8_DEFAULT_INTERRUPT_BUDGET}`], '11.3.244.8-node.38')).toBeNull();
  expect(tieringFlag(['--interrupt_budget'], '11.3.244.8-node.38')).toBeNull();
  expect(tieringFlag([], '12.4.254.21-node.33')).toBeNull();
  expect(tieringFlag([], '1.0')).toBeNull();
});

test('bundling again leaves a bundle as it is', () => {
  const before = WRITTEN.map((f) => fs.readFileSync(path.join(BUNDLED, f)));
  const out = execFileSync(process.execPath, [path.join(BUNDLED, 'tools', 'build', 'bundle.js')], { cwd: ROOT, encoding: 'utf8' });
  expect(out.match(/already a bundle/g)).toHaveLength(BUNDLED_ENTRIES.length);
  WRITTEN.forEach((f, i) => expect(fs.readFileSync(path.join(BUNDLED, f)).equals(before[i]!)).toBe(true));
});

test('where esbuild cannot run, bundling touches nothing and the build goes on (tsc\'s output is a working CLI: above)', () => {
  const before = WRITTEN.map((f) => fs.readFileSync(path.join(BUNDLED, f)));
  // a binary that exits at once: as on a machine whose esbuild package for its platform is missing
  const r = spawnSync(process.execPath, [path.join(BUNDLED, 'tools', 'build', 'bundle.js')], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ESBUILD_BINARY_PATH: '/bin/false' } });
  expect(r.status).toBe(0);
  expect(r.stderr).toMatch(/^bundle: esbuild cannot run here \(.+\); the CLI stays as tsc built it/);
  WRITTEN.forEach((f, i) => expect(fs.readFileSync(path.join(BUNDLED, f)).equals(before[i]!)).toBe(true));
});
