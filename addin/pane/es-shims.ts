/**
 * The built-ins some webviews lack, for every host of the page (one module, first entry of the browser bundles in
 * webpack.config.js, and called again by pane/detect.ts):
 *  - Edge Legacy 18 (the EdgeHTML webview of some Office 2019 installs): ours (flat, flatMap, Object.fromEntries,
 *    trimStart/trimEnd) and our packages' (zod reads globalThis and calls BigInt when it loads);
 *  - the Chromium an old WPS build ships (Linux desktops, UOS, Kylin): crypto.randomUUID and the same array helpers.
 * Each is installed only where it is missing; nothing is replaced. The syntax level is the compiler's business
 * (ES2017); test/external/addin-legacy.test.ts runs the page with these removed.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
const realGlobal: any = typeof self !== 'undefined' ? self : typeof window !== 'undefined' ? window : Function('return this')();

function define(target: any, name: string, value: unknown, added: string[], label: string): void {
  if (typeof target[name] !== 'undefined') return;
  Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false });
  added.push(label);
}

function randomUUID(c: { getRandomValues?: (a: Uint8Array) => Uint8Array }): () => string {
  return () => {
    const b = new Uint8Array(16);
    if (typeof c.getRandomValues === 'function') c.getRandomValues(b);
    else for (let i = 0; i < 16; i++) b[i] = Math.floor(Math.random() * 256);
    b[6] = (b[6]! & 0x0f) | 0x40;
    b[8] = (b[8]! & 0x3f) | 0x80;
    const h = Array.from(b, (x) => (x < 16 ? '0' : '') + x.toString(16)).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
}

/**
 * Adds what is missing on `g` (the global object; the tests pass their own) and on the built-in prototypes; returns
 * the names added.
 */
export function installShims(g: any = realGlobal): string[] {
  const added: string[] = [];
  define(g, 'globalThis', g, added, 'globalThis');

  const c = g.crypto as { randomUUID?: unknown; getRandomValues?: (a: Uint8Array) => Uint8Array } | undefined;
  if (c && typeof c.randomUUID !== 'function') {
    (c as Record<string, unknown>).randomUUID = randomUUID(c);
    added.push('crypto.randomUUID');
  }

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
  }, added, 'Array.prototype.flat');

  define(Array.prototype, 'flatMap', function flatMap(this: unknown[], fn: (v: unknown, i: number, a: unknown[]) => unknown, thisArg?: unknown): unknown[] {
    const out: unknown[] = [];
    for (let i = 0; i < this.length; i++) {
      if (!(i in this)) continue;
      const v = fn.call(thisArg, this[i], i, this);
      if (Array.isArray(v)) for (const x of v) out.push(x);
      else out.push(v);
    }
    return out;
  }, added, 'Array.prototype.flatMap');

  define(Object, 'fromEntries', function fromEntries(entries: Iterable<[PropertyKey, unknown]>): Record<PropertyKey, unknown> {
    const o: Record<PropertyKey, unknown> = {};
    for (const [k, v] of entries) o[k] = v;
    return o;
  }, added, 'Object.fromEntries');

  define(String.prototype, 'trimStart', String.prototype.trimLeft || function trimStart(this: string) { return String(this).replace(/^\s+/, ''); }, added, 'String.prototype.trimStart');
  define(String.prototype, 'trimEnd', String.prototype.trimRight || function trimEnd(this: string) { return String(this).replace(/\s+$/, ''); }, added, 'String.prototype.trimEnd');

  // zod builds its int64 bounds with BigInt() when it loads; the add-in never uses 64-bit integers, so where the
  // engine has no BigInt a Number stands in and zod loads (typeof x === 'bigint' stays false for every value)
  define(g, 'BigInt', function BigInt(v: unknown) { return Number(v); }, added, 'BigInt');
  return added;
}

// as the first entry of a bundle: before any other module runs
installShims();
