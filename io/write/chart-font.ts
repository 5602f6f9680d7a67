/**
 * The chart's font, cut down to the characters the chart draws. resvg-js's `fontFiles` re-reads a font file from disk
 * every time it needs a glyph's data (fontdb's `Source::File`): with NotoSansCJK-Regular.ttc (19.5 MB) that is about
 * 300 whole-file reads per chart, over a second of system time. So each font file is read once per subset made into
 * HarfBuzz's subsetter (the `harfbuzzjs` package's hb-subset WebAssembly build), the one face of the chart's family is
 * picked from the collection, and a subset holding only the chart's characters (with their layout closure, and all
 * the names, so the family name is the same) is written to a private temporary file of a few dozen KB, which resvg
 * then re-reads cheaply. The PNG is byte-identical to the one drawn from the whole collection (checked on the sample
 * county's and a 1,300-town chart). Never throws: on any failure the caller falls back to the whole files.
 *
 * A county's chart draws the same towns every week: the subsets are kept in the user's cache folder (fontCacheDir),
 * so a run whose characters were seen before reads neither the collection (2 × ~20 MB into the subsetter's memory)
 * nor starts the subsetter. XCS_CACHE_DIR moves the cache ('' or 'off' turns it off).
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, mkdtempSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { userCacheDir } from '../runtime/cache-dir';

/** The C functions of harfbuzz-subset.wasm that are used here (pointers and handles are numbers). */
interface Hb {
  memory: WebAssembly.Memory;
  _initialize?: () => void;
  malloc(n: number): number;
  free(p: number): void;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_set(input: number, which: number): number;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_or_fail(face: number, input: number): number;
  hb_set_add(set: number, value: number): void;
  hb_set_clear(set: number): void;
  hb_set_invert(set: number): void;
}

const HB_MEMORY_MODE_READONLY = 1;
const HB_SUBSET_SETS_NAME_ID = 4;
const HB_SUBSET_SETS_NAME_LANG_ID = 5;
const HB_SUBSET_SETS_LAYOUT_FEATURE_TAG = 6;

let hb: Hb | null | undefined;

function harfbuzz(): Hb | null {
  if (hb === undefined) {
    try {
      const file = require.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm');
      const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(file)), {});
      hb = instance.exports as unknown as Hb;
      hb._initialize?.();
    } catch {
      hb = null;
    }
  }
  return hb;
}

/** A font file held in the subsetter's memory while one subset of it is made. */
interface Loaded {
  ptr: number;
  size: number;
}

/** How many times each font file was read (a test checks it is once per subset made, and never on a cache hit). */
export const fontFileReads = new Map<string, number>();

/** Reads `file` whole into the subsetter's memory; the caller frees it (h.free(ptr)) once its subset is made. */
function load(h: Hb, file: string): Loaded | null {
  let out: Loaded | null = null;
  let fd: number | undefined;
  let ptr = 0;
  try {
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    ptr = h.malloc(size);
    if (!ptr) throw new Error('out of memory');
    // straight into the wasm memory: no second copy of the file in JavaScript
    for (let got = 0; got < size; ) {
      const n = readSync(fd, new Uint8Array(h.memory.buffer, ptr + got, size - got), 0, size - got, got);
      if (n <= 0) throw new Error('short read');
      got += n;
    }
    fontFileReads.set(file, (fontFileReads.get(file) ?? 0) + 1);
    out = { ptr, size };
  } catch {
    if (ptr) h.free(ptr);
    out = null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return out;
}

/** The index of the face whose family (name ID 1 or 16) is `family` ('' = the first face); -1 when none is. */
export function faceIndex(b: Uint8Array, family: string): number {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const tag = (o: number) => String.fromCharCode(b[o], b[o + 1], b[o + 2], b[o + 3]);
  const offsets = tag(0) === 'ttcf' ? Array.from({ length: v.getUint32(8) }, (_, i) => v.getUint32(12 + 4 * i)) : [0];
  if (!family) return 0;
  for (const [i, start] of offsets.entries()) {
    const tables = v.getUint16(start + 4);
    for (let t = 0; t < tables; t++) {
      const rec = start + 12 + 16 * t;
      if (tag(rec) !== 'name') continue;
      const name = v.getUint32(rec + 8);
      const count = v.getUint16(name + 2);
      const strings = name + v.getUint16(name + 4);
      for (let r = 0; r < count; r++) {
        const n = name + 6 + 12 * r;
        const [platform, id, len, off] = [v.getUint16(n), v.getUint16(n + 6), v.getUint16(n + 8), v.getUint16(n + 10)];
        if (platform !== 3 || (id !== 1 && id !== 16)) continue;
        let s = '';
        for (let k = 0; k + 1 < len; k += 2) s += String.fromCharCode(v.getUint16(strings + off + k));
        if (s === family) return i;
      }
    }
  }
  return -1;
}

/** The subset of one face holding `text`'s characters, as an OpenType file's bytes; null on failure. */
function subset(h: Hb, font: Loaded, index: number, text: string): Buffer | null {
  const input = h.hb_subset_input_create_or_fail();
  if (!input) return null;
  const blob = h.hb_blob_create(font.ptr, font.size, HB_MEMORY_MODE_READONLY, 0, 0);
  const face = h.hb_face_create(blob, index);
  h.hb_blob_destroy(blob);
  try {
    // every layout feature, every name and every name language: shaping and the family name stay as in the full face
    for (const which of [HB_SUBSET_SETS_LAYOUT_FEATURE_TAG, HB_SUBSET_SETS_NAME_ID, HB_SUBSET_SETS_NAME_LANG_ID]) {
      const set = h.hb_subset_input_set(input, which);
      h.hb_set_clear(set);
      h.hb_set_invert(set);
    }
    const unicodes = h.hb_subset_input_unicode_set(input);
    for (const c of text) h.hb_set_add(unicodes, c.codePointAt(0)!);
    const sub = h.hb_subset_or_fail(face, input);
    if (!sub) return null;
    const out = h.hb_face_reference_blob(sub);
    const at = h.hb_blob_get_data(out, 0);
    const len = h.hb_blob_get_length(out);
    const bytes = len > 0 ? Buffer.from(new Uint8Array(h.memory.buffer, at, len)) : null;
    h.hb_blob_destroy(out);
    h.hb_face_destroy(sub);
    return bytes;
  } finally {
    h.hb_subset_input_destroy(input);
    h.hb_face_destroy(face);
  }
}

let tmp: string | undefined;
/** Subsets made by this process outside the cache (the private folder), by key. */
const made = new Map<string, string[] | null>();
/** Files written to the private folder so far: each subset its own name (a later chart never overwrites an earlier one's). */
let privateFiles = 0;

function privateDir(): string {
  if (!tmp) {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'xcs-chart-font-'));
    const dir = tmp;
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return tmp;
}

/** Bumped when what a cached subset holds changes (the subset's settings above). */
const CACHE_FORMAT = 1;

/**
 * The folder where subsets are kept between runs: the user's cache folder's `chart-fonts` (../runtime/cache-dir.ts:
 * XCS_CACHE_DIR moves it, '' or 'off' turns it off; private to the user). null: no cache (subsets go to a private
 * temporary folder for this process only, as without a cache).
 */
export function fontCacheDir(env: NodeJS.ProcessEnv = process.env): string | null {
  return userCacheDir('chart-fonts', env);
}

let hbVersion: string | undefined;

/** The subsetter's build (its package does not export package.json): its file, size and date. Throws when it is not there. */
function subsetterVersion(): string {
  if (hbVersion === undefined) {
    const wasm = require.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm');
    const w = statSync(wasm);
    hbVersion = `${wasm} ${w.size} ${w.mtimeMs}`;
  }
  return hbVersion;
}

/**
 * What naming a cached subset needs, made ready ahead (the writer's preload, while the files are read): the
 * subsetter's file found through its package's exports and node's hashing loaded, ~7 ms of this thread that a county's
 * run otherwise spends between its consolidation and the chart's drawing.
 */
export function prepareSubsetNames(): void {
  try {
    subsetterVersion();
    createHash('sha256');
  } catch {
    // named (or not) when a subset is asked for
  }
}

/** The cache file of one subset: named by everything its bytes depend on. */
function cacheName(dir: string, file: string, family: string, chars: string): string | null {
  try {
    const version = subsetterVersion();
    const st = statSync(file);
    const key = JSON.stringify([CACHE_FORMAT, version, path.resolve(file), st.size, st.mtimeMs, family, chars]);
    return path.join(dir, `${createHash('sha256').update(key).digest('hex').slice(0, 40)}.otf`);
  } catch {
    return null;
  }
}

/** A cached subset that is whole: an OpenType file of this family (else it is made again). */
function usable(name: string, family: string): boolean {
  try {
    const b = readFileSync(name);
    const magic = b.length > 12 ? b.readUInt32BE(0) : 0;
    return (magic === 0x4f54544f || magic === 0x00010000) && faceIndex(b, family) === 0;
  } catch {
    return false;
  }
}

/** Writes `bytes` to `name` whole or not at all (a temporary file beside it, then renamed). */
function writeWhole(name: string, bytes: Buffer): boolean {
  const part = `${name}.${process.pid}.part`;
  try {
    writeFileSync(part, bytes, { mode: 0o600 });
    renameSync(part, name);
    return true;
  } catch {
    rmSync(part, { force: true });
    return false;
  }
}

/**
 * Font files holding `text`'s characters in the face of `family` from each of `files` (regular, bold). A subset is
 * kept in the cache folder (fontCacheDir) named by the font file, its size and date, the family, the characters and
 * the subsetter's version, so the next week's run, with the same towns, reads a few KB instead of the whole
 * collection; without a cache it is written into a private temporary folder (removed when the process exits). Each
 * font file is read whole into the subsetter only when a subset is made, and let go right after. null when the
 * subsetter cannot load or a file has no such face (the caller then gives resvg the whole files).
 */
export function chartFontSubset(files: string[], family: string, text: string, env: NodeJS.ProcessEnv = process.env): string[] | null {
  const chars = [...new Set(text)].sort().join('');
  const dir = fontCacheDir(env);
  // without a cache, this process's own subsets (a cached file is checked each time: someone may have removed it)
  const key = `${family}\n${files.join('\n')}\n${chars}`;
  if (!dir && made.has(key)) return made.get(key)!;
  let out: string[] | null = null;
  try {
    const parts: string[] = [];
    for (const file of files) {
      const cached = dir ? cacheName(dir, file, family, chars) : null;
      if (cached && usable(cached, family)) {
        parts.push(cached);
        continue;
      }
      const h = harfbuzz();
      if (!h) throw new Error('no subsetter');
      const font = load(h, file);
      let bytes: Buffer | null = null;
      try {
        const index = font ? faceIndex(new Uint8Array(h.memory.buffer, font.ptr, font.size), family) : -1;
        bytes = font && index >= 0 ? subset(h, font, index, chars) : null;
      } finally {
        // the memory goes back to the subsetter for the next file: one collection held at a time
        if (font) h.free(font.ptr);
      }
      if (!bytes) throw new Error(`no subset of ${file}`);
      if (cached && writeWhole(cached, bytes)) {
        parts.push(cached);
        continue;
      }
      const name = path.join(privateDir(), `${privateFiles++}.otf`);
      writeFileSync(name, bytes, { mode: 0o600 });
      parts.push(name);
    }
    out = parts;
  } catch {
    out = null;
  }
  // the subsetter's memory (grown to a whole collection: tens of MB, which a wasm memory never gives back) goes with it;
  // a later subset in this process, rare, loads it again
  hb = undefined;
  if (!dir) made.set(key, out);
  return out;
}
