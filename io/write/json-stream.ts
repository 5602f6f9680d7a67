/**
 * JSON text in pieces: joined, the pieces are exactly JSON.stringify(value, null, 2), but a piece holds one property of
 * an object near the top, or a run of an array's elements of a few hundred K characters (one element when that is
 * longer): the report of a 1,300-town county is ~35 MB of text; written piece by piece it never sits in memory as one
 * string and one buffer.
 */
import * as fsp from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';

/** An array whose elements are made a run at a time as they are written (jsonPieces only; JSON.stringify does not know it). */
export class LazyJsonArray<T> {
  constructor(readonly source: readonly T[], readonly make: (item: T) => unknown) {}
}

function plain(v: unknown): v is Record<string, unknown> | unknown[] {
  if (v === null || typeof v !== 'object') return false;
  if (v instanceof LazyJsonArray) return true;
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return false;
  if (Array.isArray(v)) return true;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** A piece's text aimed at: an array's elements are stringified together until their text is about this long. */
const PIECE_CHARS = 1 << 17;

/**
 * The pieces of JSON.stringify(value, null, 2); plain objects down to `depth` levels are split into their properties,
 * arrays into runs of elements stringified together (one JSON.stringify each, its text re-indented: a piece per
 * element cost a province's report ~40 % more than one JSON.stringify of it). A run is sized on the one before it:
 * doubled while that one's text stayed under half of PIECE_CHARS, halved when it passed twice PIECE_CHARS. Pieces are
 * 64–256 K characters when the elements are alike in size (a larger one after small ones can make one piece larger),
 * one element when that alone is longer.
 */
export function* jsonPieces(value: unknown, depth = 3, pad = ''): Generator<string> {
  if (depth <= 0 || !plain(value)) {
    const s = JSON.stringify(value, null, 2);
    // strings in JSON never hold a raw line break: every '\n' is the indentation's
    yield s === undefined ? 'null' : pad ? s.replace(/\n/g, `\n${pad}`) : s;
    return;
  }
  if (value instanceof LazyJsonArray || Array.isArray(value)) {
    const lazy = value instanceof LazyJsonArray ? value : null;
    const src = (lazy ? lazy.source : value) as readonly unknown[];
    if (src.length === 0) {
      yield '[]';
      return;
    }
    yield '[';
    const nl = `\n${pad}`;
    let run = 1;
    for (let i = 0; i < src.length; ) {
      const end = Math.min(src.length, i + run);
      const batch: unknown[] = new Array(end - i);
      for (let j = i; j < end; j++) batch[j - i] = lazy ? lazy.make(src[j]) : src[j];
      // '[\n  a,\n  b\n]': its elements one level in, as they are in the array at `pad` once re-indented
      const s = JSON.stringify(batch, null, 2);
      const body = s.slice(1, s.length - 2);
      yield `${i ? ',' : ''}${pad ? body.replace(/\n/g, nl) : body}`;
      if (s.length < PIECE_CHARS / 2) run *= 2;
      else if (s.length > PIECE_CHARS * 2 && run > 1) run >>= 1;
      i = end;
    }
    yield `${nl}]`;
    return;
  }
  const inner = `${pad}  `;
  let first = true;
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    yield `${first ? '{' : ','}\n${inner}${JSON.stringify(k)}: `;
    first = false;
    yield* jsonPieces(v, depth - 1, inner);
  }
  yield first ? '{}' : `\n${pad}}`;
}

/** Writes JSON.stringify(value, null, 2) + '\n' to a new file (flag wx), a megabyte at most at a time. */
export async function writeJsonFile(file: string, value: unknown): Promise<void> {
  await writePieces(file, (function* () {
    yield* jsonPieces(value);
    yield '\n';
  })());
}

/** Writes the pieces' text to a new file (flag wx) in UTF-8, a megabyte at most at a time. */
export async function writePieces(file: string, pieces: Iterable<string>): Promise<void> {
  const fh = await fsp.open(file, 'wx');
  try {
    // the pieces are encoded straight into one buffer (a string joined from thousands of pieces is a rope that
    // Buffer.from flattens first: measured, that was half of the JSON stage)
    const out = Buffer.allocUnsafe(1 << 20);
    let used = 0;
    for (const piece of pieces) {
      // a UTF-8 byte count bound: 3 bytes per UTF-16 unit
      if (used + piece.length * 3 > out.length) {
        if (used > 0) await writeAll(fh, out.subarray(0, used));
        used = 0;
        if (piece.length * 3 > out.length) {
          await writeAll(fh, Buffer.from(piece, 'utf8'));
          continue;
        }
      }
      used += out.write(piece, used, 'utf8');
    }
    await writeAll(fh, out.subarray(0, used));
  } finally {
    await fh.close();
  }
}

/**
 * Every byte, or a throw: one write() may write less than asked (a disk that fills up mid-way gives a short
 * write first, and ENOSPC only on the next call), and a JSON cut there must never pass for a report.
 */
async function writeAll(fh: FileHandle, bytes: Buffer): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await fh.write(bytes, done, bytes.length - done);
    if (bytesWritten <= 0) throw Object.assign(new Error('short write'), { code: 'ENOSPC' });
    done += bytesWritten;
  }
}
