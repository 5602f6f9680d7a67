/**
 * Finding a worker thread's script and starting it (the read pool's worker.ts, the summary writer's row worker):
 *   1. `<name>.js` next to the module — the compiled build (dist/…);
 *   2. else `<name>.ts` there (running the sources, e.g. under ts-jest) AND the `typescript` package resolvable (a
 *      devDependency): the worker is started from a tiny eval'd bootstrap that registers a require hook transpiling
 *      .ts with `typescript.transpileModule` (no ts-node needed), then requires the .ts file;
 *   3. else null: the caller works in-process.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

export type WorkerSpec = { kind: 'file'; file: string } | { kind: 'ts'; entry: string };

/**
 * Where the worker script `name` is in `dir` (by default the read pool's `worker`), or null when only the in-process
 * fallback is possible.
 */
export function findWorkerSpec(dir: string = __dirname, name = 'worker'): WorkerSpec | null {
  const js = path.join(dir, `${name}.js`);
  if (fs.existsSync(js)) return { kind: 'file', file: js };
  const ts = path.join(dir, `${name}.ts`);
  if (fs.existsSync(ts)) {
    try {
      require.resolve('typescript', { paths: [dir] });
      return { kind: 'ts', entry: ts };
    } catch {
      return null;
    }
  }
  return null;
}

/** Bootstrap for running the .ts sources in a worker: a require hook that transpiles with `typescript`. */
export const TS_BOOTSTRAP = `
const Module = require('node:module');
const fs = require('node:fs');
const { workerData } = require('node:worker_threads');
const entry = workerData.tsEntry;
const req = Module.createRequire(entry);
const ts = req('typescript');
const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  sourceMap: false,
  inlineSourceMap: false,
  declaration: false,
};
Module._extensions['.ts'] = function (module, filename) {
  const src = fs.readFileSync(filename, 'utf8');
  const out = ts.transpileModule(src, { fileName: filename, compilerOptions });
  module._compile(out.outputText, filename);
};
req(entry);
`;

/** Starts the worker script `spec` (the .ts sources through TS_BOOTSTRAP). */
export function startWorker(spec: WorkerSpec, options: WorkerOptions = {}): Worker {
  return spec.kind === 'file'
    ? new Worker(spec.file, options)
    : new Worker(TS_BOOTSTRAP, { ...options, eval: true, workerData: { ...(options.workerData ?? {}), tsEntry: spec.entry } });
}
