/**
 * io/runtime/code-cache.ts, on small bundles of its own run by node through a launcher as the built CLI's (a script
 * the e2e build compiled: dist/io/runtime/code-cache.js): the first run compiles and keeps V8's code, the next one
 * starts from it; a cache is never taken for other bytes (V8 checks only their length), nor when damaged; without a
 * cache folder the bundle just runs. How each script was compiled is logged by test/support/load-log.js.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tmpDir } from '../support/books';

const ROOT = path.resolve(__dirname, '..', '..');
const RUNTIME = path.join(ROOT, 'dist', 'io', 'runtime', 'code-cache.js');
const GC = path.join(ROOT, 'dist', 'io', 'runtime', 'gc.js');
const LOAD_LOG = path.join(ROOT, 'test', 'support', 'load-log.js');

/**
 * A bundle that prints its text and whether it is the main module, with its launcher; returns the launcher. `more`:
 * code the bundle runs first.
 */
function makeBundle(dir: string, text: string, more = ''): string {
  // enough code that V8 has functions to keep, all of it run
  const fns = Array.from({ length: 50 }, (_, i) => `function f${i}(x) { return x + ${i}; }`).join('\n');
  fs.writeFileSync(path.join(dir, 't.bundle.js'), `#!/usr/bin/env node\n${fns}\n${more}\nlet n = 0; for (let i = 0; i < 50; i++) n = eval('f' + i)(n);\nconsole.log(${JSON.stringify(text)}, n, require.main === module, __filename === ${JSON.stringify(path.join(dir, 't.bundle.js'))});\nmodule.exports = { ok: true };\n`);
  const launcher = path.join(dir, 't.js');
  fs.writeFileSync(launcher, `'use strict';\nrequire(${JSON.stringify(RUNTIME)}).runBundle(require('node:path').join(__dirname, 't.bundle.js'), module, 't');\n`);
  return launcher;
}

function run(launcher: string, cache: string): { stdout: string; how: string[] } {
  const log = `${launcher}.${Date.now()}-${Math.random()}.log`;
  const r = spawnSync(process.execPath, ['--require', LOAD_LOG, launcher], { encoding: 'utf8', env: { ...process.env, XCS_LOAD_LOG: log, XCS_CACHE_DIR: cache } });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const how = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').map((l) => l.split('\t')).filter((f) => f.length === 3).map((f) => f[2]!) : [];
  return { stdout: r.stdout, how };
}

const cacheFiles = (cache: string): string[] => (fs.existsSync(path.join(cache, 'code')) ? fs.readdirSync(path.join(cache, 'code')).sort() : []);

test('the first run compiles and keeps the code; the next runs take it; the bundle runs as node would run it', async () => {
  const dir = await tmpDir('xcs-cc-');
  const cache = path.join(dir, 'cache');
  const launcher = makeBundle(dir, 'one');
  const first = run(launcher, cache);
  expect(first.stdout).toBe('one 1225 true true\n');
  expect(first.how).toEqual(['compiled']);
  expect(cacheFiles(cache)).toEqual([expect.stringMatching(/^t-[0-9a-f]{8}[0-9a-z]+-[0-9a-f]{8}\.v8$/)]);
  for (let i = 0; i < 2; i++) expect(run(launcher, cache)).toEqual({ stdout: 'one 1225 true true\n', how: ['cached'] });
});

test('other bytes of the same length never take the cache: they run as they are, and the old file goes', async () => {
  const dir = await tmpDir('xcs-cc-');
  const cache = path.join(dir, 'cache');
  const launcher = makeBundle(dir, 'one');
  run(launcher, cache);
  const before = cacheFiles(cache);
  makeBundle(dir, 'two'); // same length, other text: V8 alone would take the old cache (it checks the length only)
  const second = run(launcher, cache);
  expect(second).toEqual({ stdout: 'two 1225 true true\n', how: ['compiled'] });
  const after = cacheFiles(cache);
  expect(after).toHaveLength(1);
  expect(after[0]).not.toBe(before[0]);
  expect(run(launcher, cache).how).toEqual(['cached']);
});

test('a damaged cache file is not given to V8 and is made again; no cache folder: no file, the same run', async () => {
  const dir = await tmpDir('xcs-cc-');
  const cache = path.join(dir, 'cache');
  const launcher = makeBundle(dir, 'one');
  run(launcher, cache);
  const file = path.join(cache, 'code', cacheFiles(cache)[0]!);
  const bytes = fs.readFileSync(file);
  bytes[bytes.length - 1] ^= 0xff;
  fs.writeFileSync(file, bytes);
  expect(run(launcher, cache)).toEqual({ stdout: 'one 1225 true true\n', how: ['compiled'] });
  expect(run(launcher, cache).how).toEqual(['cached']);
  // a file cut short
  fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 100));
  expect(run(launcher, cache)).toEqual({ stdout: 'one 1225 true true\n', how: ['compiled'] });
  // XCS_CACHE_DIR=off: compiled every time, nothing kept
  const off = run(launcher, 'off');
  expect(off).toEqual({ stdout: 'one 1225 true true\n', how: ['compiled'] });
  expect(run(launcher, 'off').how).toEqual(['compiled']);
});

test('node started with other options keeps a cache of its own beside the first', async () => {
  const dir = await tmpDir('xcs-cc-');
  const cache = path.join(dir, 'cache');
  const launcher = makeBundle(dir, 'one');
  run(launcher, cache);
  const r = spawnSync(process.execPath, ['--stack-size=900', launcher], { encoding: 'utf8', env: { ...process.env, XCS_CACHE_DIR: cache } });
  expect(r.stdout).toBe('one 1225 true true\n');
  expect(cacheFiles(cache)).toHaveLength(2);
  expect(run(launcher, cache).how).toEqual(['cached']);
});

test('a run that collects its garbage (a province\'s: io/runtime/gc.ts) keeps a cache the next run takes', async () => {
  const dir = await tmpDir('xcs-cc-');
  const cache = path.join(dir, 'cache');
  // a heap over collectGarbage's threshold (48 MB), still held when it collects
  const more = `const held = []; for (let i = 0; i < 1.2e6; i++) held.push({ i, s: 'x' + i });\nrequire(${JSON.stringify(GC)}).collectGarbage();\nif (held.length !== 1.2e6) throw new Error('lost');`;
  const launcher = makeBundle(dir, 'one', more);
  expect(run(launcher, cache)).toEqual({ stdout: 'one 1225 true true\n', how: ['compiled'] });
  // gc() is taken with V8's --expose-gc on: left on, the cache kept at exit was made under other flags than the next
  // run's, and refused every time
  for (let i = 0; i < 2; i++) expect(run(launcher, cache)).toEqual({ stdout: 'one 1225 true true\n', how: ['cached'] });
  expect(cacheFiles(cache)).toHaveLength(1);
});
