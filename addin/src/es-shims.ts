/**
 * The few built-ins newer than Edge Legacy 18 (the EdgeHTML webview of some Office 2019 installs) that the bundle
 * calls: ours (flatMap, Object.fromEntries, trimStart) and our packages' (zod reads globalThis and calls BigInt when it
 * loads). Each is installed only where it is missing, before any other module runs (first entry in webpack.config.js).
 * The syntax level is the compiler's business (ES2017); test/addin-legacy.test.ts runs the page with these removed.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
const g: any = typeof self !== 'undefined' ? self : typeof window !== 'undefined' ? window : Function('return this')();

function define(target: any, name: string, value: unknown): void {
  if (typeof target[name] === 'undefined') Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false });
}

define(g, 'globalThis', g);

define(Array.prototype, 'flat', function flat(this: unknown[], depth = 1): unknown[] {
  const out: unknown[] = [];
  const walk = (a: unknown[], d: number) => {
    for (let i = 0; i < a.length; i++) {
      if (!(i in a)) continue;
      const v = a[i];
      if (Array.isArray(v) && d > 0) walk(v, d - 1);
      else out.push(v);
    }
  };
  walk(this, Math.floor(Number(depth)) || 0);
  return out;
});

define(Array.prototype, 'flatMap', function flatMap(this: unknown[], fn: (v: unknown, i: number, a: unknown[]) => unknown, thisArg?: unknown): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < this.length; i++) {
    if (!(i in this)) continue;
    const v = fn.call(thisArg, this[i], i, this);
    if (Array.isArray(v)) for (const x of v) out.push(x);
    else out.push(v);
  }
  return out;
});

define(Object, 'fromEntries', function fromEntries(entries: Iterable<[PropertyKey, unknown]>): Record<PropertyKey, unknown> {
  const o: Record<PropertyKey, unknown> = {};
  for (const [k, v] of entries) o[k] = v;
  return o;
});

define(String.prototype, 'trimStart', String.prototype.trimLeft || function trimStart(this: string) { return String(this).replace(/^\s+/, ''); });
define(String.prototype, 'trimEnd', String.prototype.trimRight || function trimEnd(this: string) { return String(this).replace(/\s+$/, ''); });

// zod builds its int64 bounds with BigInt() when it loads; the add-in never uses 64-bit integers, so where the engine
// has no BigInt a Number stands in and zod loads (typeof x === 'bigint' stays false for every value)
define(g, 'BigInt', function BigInt(v: unknown) { return Number(v); });

export {};
