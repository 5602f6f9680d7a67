/**
 * The house rules of the layout, as tests over the import graph of the sources (every `import … from`, `export … from`,
 * `import(…)` and `require(…)`, type-only imports included: a type import back is a circle too):
 *  - no import circle anywhere in core/, io/, cli/, addin/, tools/;
 *  - the product (core, io, cli, addin) never imports tools/ or test/;
 *  - the arrows point down: cli → io → core; io never imports cli; core imports only itself (and zod: core-purity);
 *  - the add-in imports only the core and the shared grid adapter (io/grid/).
 */
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const ROOMS = ['core', 'io', 'cli', 'addin', 'tools'];
const PRODUCT = ['core', 'io', 'cli', 'addin'];

/** Every source file (relative, '/'-separated) of the rooms. */
function sources(): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
      const r = `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && e.name !== 'stubs') walk(r);
      } else if (/\.(ts|js|mjs|cjs)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(r);
    }
  };
  for (const room of ROOMS) walk(room);
  return out.sort();
}

/** The module specifiers a source names. */
export function specifiers(src: string): string[] {
  const code = src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const out: string[] = [];
  for (const m of code.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)) out.push(m[1]!);
  return out;
}

/** A relative specifier resolved to a source file of the tree, or null when it names a package. */
function resolve(from: string, spec: string, files: Set<string>): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  for (const c of [base, `${base}.ts`, `${base}.js`, `${base}/index.ts`, `${base}/index.js`, base.replace(/\.js$/, '.ts')]) {
    if (files.has(c)) return c;
  }
  // outside the rooms (test/, package.json, …): kept as a path so the rules can see it
  return base;
}

function graph(): Map<string, string[]> {
  const files = sources();
  const set = new Set(files);
  const g = new Map<string, string[]>();
  for (const f of files) {
    const deps = specifiers(readFileSync(path.join(ROOT, f), 'utf8'))
      .map((s) => resolve(f, s, set))
      .filter((d): d is string => d !== null);
    g.set(f, [...new Set(deps)]);
  }
  return g;
}

/** The circles of a graph: its strongly connected components of more than one file, or a file importing itself. */
export function circles(g: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of g.get(v) ?? []) {
      if (!g.has(w)) continue;
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (g.get(v) ?? []).includes(v)) out.push(scc.sort());
    }
  };
  for (const v of g.keys()) if (!idx.has(v)) visit(v);
  return out;
}

const room = (f: string) => f.split('/')[0]!;
const G = graph();
const edges = [...G].flatMap(([from, deps]) => deps.map((to) => ({ from, to })));
const broken = (rule: (from: string, to: string) => boolean) => edges.filter(({ from, to }) => rule(from, to)).map(({ from, to }) => `${from} → ${to}`);

test('the walk sees the tree: every room has sources and imports', () => {
  for (const r of ROOMS) expect([...G.keys()].filter((f) => room(f) === r).length).toBeGreaterThan(0);
  expect(edges.length).toBeGreaterThan(100);
  expect(G.get('cli/run.ts')).toEqual(expect.arrayContaining(['core/index.ts', 'io/read/pool.ts']));
});

test('the circle finder finds a circle and a self-import, and nothing in a tree', () => {
  expect(circles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c']]);
  expect(circles(new Map([['a', ['a']]]))).toEqual([['a']]);
  expect(circles(new Map([['a', ['b', 'c']], ['b', ['c']], ['c', []]]))).toEqual([]);
  expect(specifiers("import type { X } from './x';\nexport * from \"./y\";\nconst z = require('./z');\n// import './no'\nawait import('./w');\nimport './side';"))
    .toEqual(['./x', './y', './z', './w', './side']);
});

test('no import circle anywhere in core/, io/, cli/, addin/, tools/', () => {
  expect(circles(G)).toEqual([]);
});

test('the product (core, io, cli, addin) never imports tools/ or test/', () => {
  expect(broken((from, to) => PRODUCT.includes(room(from)) && (room(to) === 'tools' || room(to) === 'test'))).toEqual([]);
});

test('the arrows point down: cli → io → core; the core imports only itself; io never imports cli', () => {
  expect(broken((from, to) => room(from) === 'core' && room(to) !== 'core')).toEqual([]);
  expect(broken((from, to) => room(from) === 'io' && !['io', 'core'].includes(room(to)))).toEqual([]);
  expect(broken((from, to) => room(from) === 'cli' && !['cli', 'io', 'core'].includes(room(to)))).toEqual([]);
});

test('the add-in imports only the core and the shared grid adapter (io/grid/)', () => {
  expect(broken((from, to) => room(from) === 'addin' && room(to) !== 'addin' && room(to) !== 'core' && !to.startsWith('io/grid/'))).toEqual([]);
  // and the grid adapter it shares stays on the add-in's side of the arrows: only the core below it
  expect(broken((from, to) => from.startsWith('io/grid/') && room(to) !== 'core' && !to.startsWith('io/grid/'))).toEqual([]);
});
