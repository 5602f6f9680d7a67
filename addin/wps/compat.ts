/**
 * What some webviews lack: WPS's task pane runs in the Chromium its build ships (old ones on Linux desktops, UOS,
 * Kylin), where newer browser APIs may be missing. Only what is missing is added; nothing is replaced.
 */
export function installCompat(g: Record<string, unknown> = globalThis as unknown as Record<string, unknown>): string[] {
  const added: string[] = [];
  const c = g.crypto as { randomUUID?: unknown; getRandomValues?: (a: Uint8Array) => Uint8Array } | undefined;
  if (c && typeof c.randomUUID !== 'function') {
    (c as Record<string, unknown>).randomUUID = () => {
      const b = new Uint8Array(16);
      if (typeof c.getRandomValues === 'function') c.getRandomValues(b);
      else for (let i = 0; i < 16; i++) b[i] = Math.floor(Math.random() * 256);
      b[6] = (b[6]! & 0x0f) | 0x40;
      b[8] = (b[8]! & 0x3f) | 0x80;
      const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    };
    added.push('crypto.randomUUID');
  }
  const ap = Array.prototype as unknown as Record<string, unknown>;
  if (typeof ap.flat !== 'function') {
    ap.flat = function flat(this: unknown[], depth = 1): unknown[] {
      return depth < 1 ? this.slice() : this.reduce<unknown[]>((acc, x) => acc.concat(Array.isArray(x) ? (x as unknown[] & { flat: (d: number) => unknown[] }).flat(depth - 1) : [x]), []);
    };
    added.push('Array.prototype.flat');
  }
  if (typeof ap.flatMap !== 'function') {
    ap.flatMap = function flatMap(this: unknown[], f: (x: unknown, i: number, a: unknown[]) => unknown): unknown[] {
      return this.reduce<unknown[]>((acc, x, i, a) => acc.concat(f(x, i, a) as never), []);
    };
    added.push('Array.prototype.flatMap');
  }
  const o = Object as unknown as Record<string, unknown>;
  if (typeof o.fromEntries !== 'function') {
    o.fromEntries = (it: Iterable<[string, unknown]>) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of it) out[k] = v;
      return out;
    };
    added.push('Object.fromEntries');
  }
  return added;
}
