/**
 * A built script run with V8's code cache. The CLI and the read worker are bundles (tools/build/bundle.ts); what node
 * starts is a launcher beside each (`dist/cli/consolidate.js`, `dist/io/read/worker.js`) that calls runBundle() on
 * the bundle (`consolidate.bundle.js`, `worker.bundle.js`). The first run compiles the bundle as node would and, once
 * its code has run, keeps V8's compiled code in the user's cache folder (cache-dir.ts: `code/`); the next runs start
 * from it instead of parsing and compiling ~1.9 MB of JavaScript again (the sample county: ~60 ms sooner; docs/dev/
 * performance.md, "Seventh pass").
 *
 * Which cache is used: one made for these exact bytes (their CRC-32 and length: V8 itself checks only the length), by
 * this node (version, architecture) started with these options (its flags: V8 refuses a cache made under others, and
 * the name keeps each set's own). A file that is damaged (its own CRC-32), refused by V8, or absent is made again by
 * this run; one that cannot be written is not kept, and the run is the same. Older files of the same script (an
 * earlier build's) are removed when a new one is written. Nothing here throws for the cache's sake: without a folder
 * (XCS_CACHE_DIR=off), or without zlib.crc32 (node before 20.15), the bundle just runs.
 *
 * Node's own modules only: this runs before the bundle, whose copy of this module only tells the launcher when to
 * keep the cache (codeCacheCheckpoint).
 */
import { isAscii } from 'node:buffer';
import { readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { threadId } from 'node:worker_threads';
import * as zlib from 'node:zlib';
import { userCacheDir } from './cache-dir';

/**
 * A cache file: these 8 bytes, the CRC-32 of V8's cached data (4 bytes, little-endian), 4 bytes of zeros, then the
 * cached data, at 16 bytes from the start: V8 copies cached data that is not aligned to a pointer's size before it
 * reads it (~1.4 MB more memory for the CLI's).
 */
const MAGIC = Buffer.from('XCSV8CC2', 'latin1');
const HEAD = 16;
/** Where the launcher leaves its saver, for the bundle's codeCacheCheckpoint() (another copy of this module). */
const SAVER = Symbol.for('xcs-weekly.code-cache.save');
/** A temporary file older than this was left by a run that was killed while writing: removed. */
const STALE_TMP_MS = 60 * 60 * 1000;

const crc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
const hex = (n: number): string => n.toString(16).padStart(8, '0');

/**
 * What the cache file of `name` for these bytes is called: `<name>-<the bytes' key>-<the run's key>.v8` (null: no key
 * can be made here).
 */
export function cacheFileName(name: string, bytes: Uint8Array, env: NodeJS.ProcessEnv = process.env): string | null {
  if (!crc32) return null;
  const run = [process.version, process.arch, ...process.execArgv, env.NODE_OPTIONS ?? ''].join('\0');
  return `${name}-${hex(crc32(bytes))}${bytes.length.toString(36)}-${hex(crc32(Buffer.from(run)))}.v8`;
}

/** The cached data in `file`, or undefined (absent, damaged, not ours). */
function readCache(file: string): Buffer | undefined {
  let all: Buffer;
  try {
    all = readFileSync(file);
  } catch {
    return undefined;
  }
  if (all.length <= HEAD || !all.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const data = all.subarray(HEAD);
  return all.readUInt32LE(MAGIC.length) === crc32!(data) ? data : undefined;
}

/**
 * Keeps `script`'s compiled code as `file` (once; never throws). The files of `name` made for other bytes (an earlier
 * build's) are removed; those of other runs' keys (node started with other options) are kept.
 */
function saver(script: vm.Script, dir: string, file: string, name: string): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    try {
      const data = script.createCachedData();
      const head = Buffer.alloc(HEAD);
      MAGIC.copy(head);
      head.writeUInt32LE(crc32!(data), MAGIC.length);
      const target = path.join(dir, file);
      const tmp = `${target}.${process.pid}-${threadId}.tmp`;
      writeFileSync(tmp, Buffer.concat([head, data]), { mode: 0o600 });
      renameSync(tmp, target);
      const now = Date.now();
      const bytesKey = file.split('-').slice(-2, -1)[0];
      for (const f of readdirSync(dir)) {
        if (f === file || !f.startsWith(`${name}-`)) continue;
        const p = path.join(dir, f);
        try {
          if (f.endsWith('.v8') ? f.split('-').slice(-2, -1)[0] !== bytesKey : f.endsWith('.tmp') && now - statSync(p).mtimeMs > STALE_TMP_MS) rmSync(p, { force: true });
        } catch {
          // gone meanwhile (another run's), or not ours to remove: left
        }
      }
    } catch {
      // not kept this time: the next run compiles again
    }
  };
}

/**
 * Runs the bundle `file` as the module `mod` (the launcher's own: `require.main === module` holds in the bundle as it
 * did when node started it), from the cache of `name` when there is a good one. Without one, the cache is kept at the
 * thread's exit, or earlier at the bundle's codeCacheCheckpoint() (a worker is usually ended, not left to exit).
 */
export function runBundle(file: string, mod: NodeJS.Module, name: string, env: NodeJS.ProcessEnv = process.env): void {
  const bytes = readFileSync(file);
  // a bundle is ASCII (tools/build/bundle.ts): read as latin1, the same string, decoded on node's fastest road
  let src = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  // the #! line, kept as a comment of the same length (positions in stack traces stay those of the file)
  if (src.startsWith('#!')) src = `//${src.slice(2)}`;
  const cacheName = cacheFileName(name, bytes, env);
  const dir = cacheName ? userCacheDir('code', env) : null;
  const cachedData = dir ? readCache(path.join(dir, cacheName!)) : undefined;
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) { ${src}\n});`, { filename: file, cachedData });
  if (dir && (cachedData === undefined || script.cachedDataRejected)) {
    const save = saver(script, dir, cacheName!, name);
    (globalThis as Record<symbol, unknown>)[SAVER] = save;
    process.once('exit', save);
  }
  const fn = script.runInThisContext() as (...args: unknown[]) => void;
  fn.call(mod.exports, mod.exports, createRequire(file), mod, file, path.dirname(file));
}

/**
 * Called by a bundle once most of its code has run (the read worker, after its first files): the launcher keeps the
 * cache now if it was going to. Nothing when the bundle was not started by runBundle, or its cache was good.
 */
export function codeCacheCheckpoint(): void {
  const save = (globalThis as Record<symbol, unknown>)[SAVER];
  if (typeof save === 'function') (save as () => void)();
}
