/**
 * The compact history file (core/history.ts, HISTORY_STORE_FILE) read from its bytes a piece at a time: its top-level
 * keys, and each element of `entries` (one report's week), are found by a structural scan of the UTF-8 bytes and
 * parsed alone. A province's compact file is ~37 MB of UTF-8: read as one string it is ~72 MB more (V8 keeps text with
 * Chinese in it at two bytes a character), and JSON.parse's whole tree beside it made the weekly run's peak. Piece by
 * piece, only the bytes and the tree are held, plus one week's text at a time.
 *
 * The answer is the same as core's parseHistoryStore(text) for any bytes: the store, or null when they are not one
 * this program wrote (not JSON, another format or version, a bad entry); the file is then rebuilt from the reports.
 * Written the same way round: historyStorePieces gives JSON.stringify(store) a key and an entry at a time.
 */
import { HistoryStore, checkHistoryStore } from '../../core';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

class NotJson extends Error {}

function skipSpace(b: Uint8Array, i: number): number {
  while (i < b.length && (b[i] === 0x20 || b[i] === 0x0a || b[i] === 0x0d || b[i] === 0x09)) i++;
  return i;
}

/** The end (exclusive) of the string whose opening quote is at i. */
function stringEnd(b: Uint8Array, i: number): number {
  for (let j = i + 1; j < b.length; j++) {
    if (b[j] === BACKSLASH) j++;
    else if (b[j] === QUOTE) return j + 1;
  }
  throw new NotJson();
}

/**
 * The end (exclusive) of the value starting at i: a string, an object or array (brackets counted, strings skipped),
 * or a number or literal (up to the next delimiter). JSON.parse of the slice then says whether it is JSON.
 */
function valueEnd(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c === QUOTE) return stringEnd(b, i);
  if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
    let depth = 0;
    for (let j = i; j < b.length; j++) {
      const x = b[j];
      if (x === QUOTE) j = stringEnd(b, j) - 1;
      else if (x === OPEN_OBJECT || x === OPEN_ARRAY) depth++;
      else if (x === CLOSE_OBJECT || x === CLOSE_ARRAY) {
        if (--depth === 0) return j + 1;
      }
    }
    throw new NotJson();
  }
  let j = i;
  while (j < b.length && b[j] !== COMMA && b[j] !== CLOSE_OBJECT && b[j] !== CLOSE_ARRAY && b[j] > 0x20) j++;
  if (j === i) throw new NotJson();
  return j;
}

function expect(b: Uint8Array, i: number, c: number): number {
  if (b[i] !== c) throw new NotJson();
  return i + 1;
}

const parse = (b: Buffer, from: number, to: number): unknown => JSON.parse(b.toString('utf8', from, to));

/** The array at i, each element parsed alone; returns the elements and the end. */
function eachElement(b: Buffer, i: number): { items: unknown[]; end: number } {
  const items: unknown[] = [];
  i = skipSpace(b, expect(b, i, OPEN_ARRAY));
  if (b[i] === CLOSE_ARRAY) return { items, end: i + 1 };
  for (;;) {
    const end = valueEnd(b, i);
    items.push(parse(b, i, end));
    i = skipSpace(b, end);
    if (b[i] === CLOSE_ARRAY) return { items, end: i + 1 };
    i = skipSpace(b, expect(b, i, COMMA));
  }
}

/** The top-level object of `b`, its `entries` array parsed element by element (JSON.parse's meaning otherwise). */
function topLevel(b: Buffer): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // as JSON.parse: a key is an own property whatever its name (`__proto__` too), the last of a repeated key stands
  const set = (key: string, value: unknown) => Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  let i = skipSpace(b, 0);
  i = skipSpace(b, expect(b, i, OPEN_OBJECT));
  if (b[i] !== CLOSE_OBJECT) {
    for (;;) {
      const keyEnd = stringEnd(b, i);
      const key = parse(b, i, keyEnd) as string;
      i = skipSpace(b, expect(b, skipSpace(b, keyEnd), COLON));
      if (key === 'entries' && b[i] === OPEN_ARRAY) {
        const r = eachElement(b, i);
        set(key, r.items);
        i = r.end;
      } else {
        const end = valueEnd(b, i);
        set(key, parse(b, i, end));
        i = end;
      }
      i = skipSpace(b, i);
      if (b[i] === CLOSE_OBJECT) break;
      i = skipSpace(b, expect(b, i, COMMA));
    }
  }
  if (skipSpace(b, i + 1) !== b.length) throw new NotJson();
  return out;
}

/** A compact file's bytes → the store, or null when it is not one this program wrote (then it is rebuilt). */
export function parseHistoryStoreBytes(b: Buffer): HistoryStore | null {
  let data: Record<string, unknown>;
  try {
    data = topLevel(b);
  } catch {
    return null;
  }
  return checkHistoryStore(data);
}

/**
 * The pieces of JSON.stringify(store), the compact file's text: a piece per top-level key and per entry, so the
 * file is written without ever being one string (writePieces).
 */
export function* historyStorePieces(store: HistoryStore): Generator<string> {
  let first = true;
  for (const [key, value] of Object.entries(store)) {
    if (value === undefined) continue;
    yield `${first ? '{' : ','}${JSON.stringify(key)}:`;
    first = false;
    if (key === 'entries' && Array.isArray(value)) {
      yield '[';
      for (let i = 0; i < value.length; i++) yield `${i ? ',' : ''}${JSON.stringify(value[i]) ?? 'null'}`;
      yield ']';
    } else {
      yield JSON.stringify(value);
    }
  }
  yield first ? '{}' : '}';
}
