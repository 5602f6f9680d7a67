/**
 * `node dist/tools/build/bundle.js` (run by `npm run build:node` and `prepare`, after tsc): the built CLI and its two
 * worker scripts, each made one file (esbuild), so that a run loads three scripts instead of ~300 modules.
 *
 *   dist/cli/consolidate.js            launcher → consolidate.bundle.js: the CLI, with the writer (exceljs's streaming
 *                                      writer, archiver) it loads lazily
 *   dist/io/read/worker.js             launcher → worker.bundle.js: the read worker (the fast reader, the core)
 *   dist/io/write/xlsx/row-worker.js   a province's row worker (bundled in place)
 *
 * Why: node's module loader costs per module (resolving, stat calls, package.json reads, one compile each). On the
 * sample county the main thread spent ~0.45 s inside require() (306 modules, their top-level code included) and the
 * read worker ~0.13 s loading its ~110 (docs/dev/performance.md, "Fifth pass"). What is bundled is tsc's own output,
 * the code the tests run, not a second transpilation of the sources; tsc's other outputs stay where they are (the
 * tools, and the tests that load dist/'s modules one by one, use them).
 *
 * A launcher (LAUNCHED) is the file node starts, under the same name as before: it runs its bundle through V8's code
 * cache (io/runtime/code-cache.ts: a run after the first starts from the compiled code kept in the user's cache
 * folder; "Seventh pass"). The CLI's first sets V8's interrupt budget for a short run (io/runtime/tiering.ts; "Ninth
 * pass"). The row worker runs on a province only, once: it is bundled in place.
 *
 * What the bundles keep as they were:
 *   - `__dirname` in our modules still names the module's own folder (the read pool and the summary writer find their
 *     worker scripts next to themselves): each use is rewritten to the bundle's folder joined with that folder.
 *   - the packages in EXTERNAL are loaded from node_modules as before, each for the reason given there.
 * What is new: a bundle is all ASCII (asciiRegExps), and has no source map (tsc's map of the entry is removed).
 * An entry that is already bundled (tsc did not run since) is left alone. Where esbuild cannot run (an install from a
 * mirror without its binary for this platform), nothing is touched and the build goes on: tsc's output is a working
 * CLI, only slower to start.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Plugin } from 'esbuild';

const DIST = path.resolve(__dirname, '..', '..');
const ROOT = path.dirname(DIST);

/** The scripts node starts (entries, relative to dist/, without .js). */
export const BUNDLED_ENTRIES = ['cli/consolidate', 'io/read/worker', 'io/write/xlsx/row-worker'] as const;

/**
 * The entries started through a launcher (the others are bundled in place): the name of each one's code cache, and
 * what the launcher does first, in order, when node runs it as the main script (each a function of tsc's output of a
 * module of node's modules only): the CLI's sets V8's interrupt budget for the process (io/runtime/tiering.ts), then
 * starts its read worker (io/read/prestart.ts), so that it boots while the CLI's bundle is read.
 */
export const LAUNCHED: Record<string, { cache: string; first?: { module: string; call: string }[] }> = {
  'cli/consolidate': {
    cache: 'consolidate',
    first: [
      { module: 'io/runtime/tiering', call: 'tuneTiering' },
      { module: 'io/read/prestart', call: 'prestartReadWorker' },
    ],
  },
  'io/read/worker': { cache: 'read-worker' },
};

/** The first line of a bundle (after the entry's #! line): how a bundled entry is told from tsc's output. */
export const BUNDLE_MARK = '/* xcs-weekly bundle: tools/build/bundle.ts */';
/** The first line of a launcher (after its #! line). */
export const LAUNCHER_MARK = '/* xcs-weekly launcher: tools/build/bundle.ts */';

/** Where the bundle of `entry` is (relative to dist/, with .js): beside its launcher, or the entry's own file. */
export function bundleFileOf(entry: string): string {
  return Object.hasOwn(LAUNCHED, entry) ? `${entry}.bundle.js` : `${entry}.js`;
}

/** The launcher of `entry` (at dist/<entry>.js): its bundle run by io/runtime/code-cache.ts's runBundle. */
export function launcherText(dist: string, entry: string, shebang: boolean): string {
  const from = path.dirname(path.join(dist, entry));
  const rel = (module: string) => {
    const r = path.relative(from, path.join(dist, `${module}.js`)).split(path.sep).join('/');
    return JSON.stringify(r.startsWith('.') ? r : `./${r}`);
  };
  const bundle = path.basename(bundleFileOf(entry));
  const { cache, first } = LAUNCHED[entry]!;
  return [
    ...(shebang ? ['#!/usr/bin/env node'] : []),
    LAUNCHER_MARK,
    "'use strict';",
    ...(first ?? []).map((f) => `if (require.main === module) require(${rel(f.module)}).${f.call}();`),
    `require(${rel('io/runtime/code-cache')}).runBundle(require('node:path').join(__dirname, ${JSON.stringify(bundle)}), module, ${JSON.stringify(cache)});`,
    '',
  ].join('\n');
}

/** Packages the bundles load from node_modules (a bare name also covers its subpaths). */
const EXTERNAL: Record<string, string> = {
  // only the fallback reader loads all of exceljs (parse.ts), rarely: bundled, it would be parsed by every run
  exceljs: 'the whole package (its parts that the fast reader and the writer use are bundled)',
  '@resvg/resvg-js': 'a native addon (.node), found by its package',
  harfbuzzjs: 'its .wasm is found by require.resolve',
  'crc-32': 'io/write/xlsx/workbook.ts swaps its buf() for zlib.crc32 on the module object archiver loads',
  jszip: 'only the --history chart loads it',
  typescript: 'only the TypeScript bootstrap of worker-script.ts (tests, sources) asks for it',
};

function isExternal(request: string): boolean {
  if (request === 'exceljs') return true; // the bare name only: exceljs/lib/… parts are bundled
  const name = request.startsWith('@') ? request.split('/').slice(0, 2).join('/') : request.split('/')[0]!;
  return name !== 'exceljs' && Object.hasOwn(EXTERNAL, name);
}

/**
 * Text replaced in a package's file (its path from the project's root), each found exactly once, else the build fails
 * (the package changed). archiver-utils calls the deprecated `new Buffer()`; node warns (DEP0005) about such calls
 * only from outside node_modules, which a bundle is, so a run would print the warning.
 */
const PATCHES: { file: string; from: string; to: string }[] = [
  { file: 'node_modules/archiver-utils/index.js', from: 'return new Buffer(0);', to: 'return Buffer.alloc(0);' },
  { file: 'node_modules/archiver-utils/index.js', from: 'return new Buffer(source);', to: 'return Buffer.from(source);' },
  { file: 'node_modules/archiver-utils/index.js', from: 'var buf = new Buffer(size);', to: 'var buf = Buffer.alloc(size);' },
];

function plugin(dist: string, entryDir: string): Plugin {
  return {
    name: 'xcs-bundle',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (a) => (isExternal(a.path) ? { path: a.path, external: true } : undefined));
      build.onLoad({ filter: /\.js$/ }, (a) => {
        const file = path.relative(ROOT, a.path).split(path.sep).join('/');
        const ours = a.path.startsWith(dist + path.sep) && !file.includes('node_modules/');
        const patches = PATCHES.filter((p) => p.file === file);
        if (!ours && !patches.length) return undefined;
        let text = fs.readFileSync(a.path, 'utf8');
        for (const p of patches) {
          if (text.split(p.from).length !== 2) throw new Error(`${file}: expected once: ${p.from}`);
          text = text.replace(p.from, p.to);
        }
        if (ours && /\b__dirname\b/.test(text)) {
          const rel = path.relative(entryDir, path.dirname(a.path)).split(path.sep).join('/');
          if (rel) text = text.replace(/\b__dirname\b/g, `require("node:path").join(__dirname, ${JSON.stringify(rel)})`);
        }
        return { contents: text, loader: 'js' };
      });
    },
  };
}

/**
 * The bundle's regular expression literals with every character outside ASCII written as `\uXXXX` (esbuild escapes
 * them in strings and templates, not in regular expressions: our Chinese labels, units and dates). node reads a script
 * as UTF-8: a file that is all ASCII is decoded on a fast path into a one-byte string; one character outside it makes
 * the whole 1.3 MB a two-byte string, decoded slowly (~30 ms of every run's start, ~1.4 MB more held).
 * The same regular expression: a code unit escaped means the same in every flag mode (an astral character, two
 * escaped code units, is still one character with `u` or `v`); a non-ASCII character after an odd run of backslashes
 * (an identity escape, allowed without `u` only) loses that backslash. Found by TypeScript's parser, not by a pattern:
 * `/` is division or a regular expression by context.
 */
export function asciiRegExps(code: string): { code: string; escaped: number } {
  if (!/[\u0080-\uffff]/.test(code)) return { code, escaped: 0 };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('typescript') as typeof import('typescript');
  const sf = ts.createSourceFile('bundle.js', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const spans: [number, number][] = [];
  const visit = (n: import('typescript').Node): void => {
    if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) spans.push([n.getStart(sf), n.end]);
    else ts.forEachChild(n, visit);
  };
  visit(sf);
  let out = '';
  let at = 0;
  let escaped = 0;
  for (const [start, end] of spans) {
    out += code.slice(at, start);
    let backslashes = 0;
    for (let i = start; i < end; i++) {
      const c = code.charCodeAt(i);
      if (c <= 0x7f) {
        out += code[i];
        backslashes = c === 0x5c ? backslashes + 1 : 0;
        continue;
      }
      if (backslashes % 2 === 1) out = out.slice(0, -1);
      out += `\\u${c.toString(16).padStart(4, '0')}`;
      backslashes = 0;
      escaped++;
    }
    at = end;
  }
  return { code: out + code.slice(at), escaped };
}

function startsWith(file: string, mark: string): boolean {
  if (!fs.existsSync(file)) return false;
  const head = fs.readFileSync(file, 'utf8').slice(0, 200);
  return head.replace(/^#!.*\n/, '').startsWith(mark);
}

/** The entry is bundled already (tsc did not write its file since). */
function isBundled(dist: string, entry: string): boolean {
  const file = path.join(dist, `${entry}.js`);
  if (!Object.hasOwn(LAUNCHED, entry)) return startsWith(file, BUNDLE_MARK);
  return startsWith(file, LAUNCHER_MARK) && startsWith(path.join(dist, bundleFileOf(entry)), BUNDLE_MARK);
}

/** esbuild cannot run on this machine (not installed, or its binary for this platform missing): nothing was touched. */
export class EsbuildUnavailable extends Error {}

function loadEsbuild(): typeof import('esbuild') {
  try {
    // loaded here, not at the top: the tests load this module's constants without esbuild's service
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const esbuild = require('esbuild') as typeof import('esbuild');
    esbuild.transformSync(''); // starts its binary: a missing platform package fails here
    return esbuild;
  } catch (err) {
    throw new EsbuildUnavailable(err instanceof Error ? err.message.split('\n')[0] : String(err));
  }
}

export async function bundleDist(dist = DIST, log: (l: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<void> {
  const esbuild = loadEsbuild();
  for (const entry of BUNDLED_ENTRIES) {
    const file = path.join(dist, `${entry}.js`);
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run tsc -p tsconfig.json first`);
    if (isBundled(dist, entry)) {
      log(`${entry}.js: already a bundle`);
      continue;
    }
    if (startsWith(file, LAUNCHER_MARK)) throw new Error(`${file} is a launcher without its bundle: run tsc -p tsconfig.json first`);
    const outfile = path.join(dist, bundleFileOf(entry));
    const r = await esbuild.build({
      entryPoints: [file],
      outfile,
      write: false,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      // whitespace and syntax only: names stay, for profiles and stack traces
      minifyWhitespace: true,
      minifySyntax: true,
      banner: { js: BUNDLE_MARK },
      metafile: true,
      logLevel: 'warning',
      plugins: [plugin(dist, path.dirname(file))],
    });
    const out = r.outputFiles.find((o) => o.path === outfile);
    if (!out) throw new Error(`esbuild wrote no ${outfile}`);
    const { code, escaped } = asciiRegExps(out.text);
    const left = code.match(/[\u0080-\uffff]/g)?.length ?? 0;
    if (left) throw new Error(`${entry}.js: ${left} characters outside ASCII are left outside regular expressions`);
    fs.writeFileSync(outfile, code);
    // the launcher last: until it is written, tsc's entry (a working CLI) is what node starts
    if (outfile !== file) fs.writeFileSync(file, launcherText(dist, entry, code.startsWith('#!')));
    // tsc's map of the entry does not describe the bundle
    fs.rmSync(`${file}.map`, { force: true });
    const meta = Object.values(r.metafile.outputs).find((o) => o.entryPoint);
    log(`${bundleFileOf(entry)}: ${meta ? Object.keys(meta.inputs).length : '?'} modules, ${(code.length / 1024).toFixed(0)} KB, ${escaped} characters escaped in regular expressions`);
  }
}

if (require.main === module) {
  bundleDist().catch((err: unknown) => {
    if (err instanceof EsbuildUnavailable) {
      // an install from a mirror without esbuild's binary for this platform still gives a working CLI: tsc's output
      process.stderr.write(`bundle: esbuild cannot run here (${err.message}); the CLI stays as tsc built it: it works, its start is slower\n`);
      return;
    }
    process.stderr.write(`bundle: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
