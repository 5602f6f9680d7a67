/**
 * @resvg/resvg-js, loaded the way each thread that draws needs it (chart-png.ts on this thread, chart-thread.ts on the
 * read worker that draws a county's chart).
 *
 * On Linux the package's own loader (js-binding.js) asks node for a whole diagnostic report of the process
 * (`process.report.getReport()`: ~13–15 ms on this machine's VM, in the thread that draws) only to tell glibc from musl
 * before it loads the platform's binary. Here the glibc binary of the package's platform packages is loaded directly;
 * where it is not installed or does not load (musl, another architecture's layout), the package as it is. The
 * package's wrapper (index.js) only turns the options into JSON for the binary: done here the same way, so both roads
 * draw the same pixels (test/io/resvg-binding.test.ts compares their PNGs byte for byte). Elsewhere (Windows, macOS) the
 * package's loader asks for no report: it is used as it is.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';

export interface ResvgRendered {
  width: number;
  height: number;
  asPng(): Buffer;
  pixels: Buffer;
}

export interface ResvgModule {
  Resvg: new (svg: string, opts: object) => { render(): ResvgRendered };
  /** The same rendering on libuv's thread pool. */
  renderAsync(svg: string, opts: object): Promise<ResvgRendered>;
}

/** The binary's own interface (what index.js wraps): options as JSON text. */
interface Binding {
  Resvg: new (svg: string, json?: string | null) => { render(): ResvgRendered };
  renderAsync(svg: string, json?: string | null, signal?: unknown): Promise<ResvgRendered>;
}

/** How the last load went: 'direct' (the glibc binary), 'package' (resvg-js's own loader). For tests. */
export let resvgRoad: 'direct' | 'package' | null = null;

/**
 * resvg for this thread; throws as `require('@resvg/resvg-js')` does when no binary can be loaded. `direct` (Linux's
 * default): the glibc binary first; false: the package's own loader (tests compare the two).
 */
export function loadResvgBinding(direct: boolean = process.platform === 'linux'): ResvgModule {
  if (direct) {
    let binding: Binding | null = null;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- an optional native module, loaded when first needed
      binding = require(`@resvg/resvg-js-linux-${process.arch}-gnu`) as Binding;
    } catch {
      binding = null;
    }
    if (binding && typeof binding.Resvg === 'function' && typeof binding.renderAsync === 'function') {
      resvgRoad = 'direct';
      return wrap(binding);
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- an optional native module, loaded when first needed
  const mod = require('@resvg/resvg-js') as ResvgModule;
  resvgRoad = 'package';
  return mod;
}

/** What @resvg/resvg-js's index.js does with the binary: the options as JSON. */
function wrap(b: Binding): ResvgModule {
  class Resvg extends b.Resvg {
    constructor(svg: string, opts: object) {
      super(svg, JSON.stringify(opts));
    }
  }
  return {
    Resvg,
    renderAsync: (svg, opts) => b.renderAsync(svg, opts ? JSON.stringify(opts) : null),
  };
}

let installed: boolean | undefined;

/**
 * Whether resvg looks installed, without loading its binary: the package and, on Linux, a binary of this architecture
 * resolve. (A binary that is there but does not load shows only when it is drawn with: the caller then compares.)
 * Looked up once per thread (a run asks for the expected outcome and for the drawing).
 */
export function resvgInstalled(): boolean {
  installed ??= lookUpInstalled();
  return installed;
}

function lookUpInstalled(): boolean {
  let pkg: string;
  try {
    pkg = require.resolve('@resvg/resvg-js');
  } catch {
    return false;
  }
  if (process.platform !== 'linux') return true;
  for (const libc of ['gnu', 'musl']) {
    // the platform's package, or a binary built into the package's own folder (its loader takes that first)
    if (existsSync(path.join(path.dirname(pkg), `resvgjs.linux-${process.arch}-${libc}.node`))) return true;
    try {
      require.resolve(`@resvg/resvg-js-linux-${process.arch}-${libc}`);
      return true;
    } catch {
      /* the other one */
    }
  }
  return false;
}
