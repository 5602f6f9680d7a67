/**
 * Preloaded by a test (`node --require test/support/load-log.js …`, workers inherit it): every file node compiles, and
 * every native addon it loads, is appended to XCS_LOAD_LOG as `<thread id>\t<path>`, and every script a launcher compiles through node:vm (a bundle run
 * with V8's code cache: io/runtime/code-cache.ts) as `<thread id>\t<path>\t<how>`, how = `compiled` (no cache given),
 * `cached` (V8 took the cache) or `rejected` (V8 refused it). A worker thread that is sent a read job logs, at its first,
 * `<thread id>\t:job\t<its young generation's limit, MB>`; then every job it is sent as `<thread id>\t:post` and every
 * result it sends back as `<thread id>\t:done` (a job the main thread read itself, io/read/pool.ts helpOut, is sent
 * but not answered). test/e2e/bundle.test.ts, code-cache.test.ts.
 */
const Module = require('node:module');
const fs = require('node:fs');
const vm = require('node:vm');
const { threadId, parentPort, resourceLimits } = require('node:worker_threads');

const log = process.env.XCS_LOAD_LOG;
const compile = Module.prototype._compile;
Module.prototype._compile = function (content, filename) {
  if (log) fs.appendFileSync(log, `${threadId}\t${filename}\n`);
  return compile.call(this, content, filename);
};
// native addons (a .node file node loads: resvg's binary) are logged the same way
const dlopen = Module._extensions['.node'];
Module._extensions['.node'] = function (module, filename) {
  if (log) fs.appendFileSync(log, `${threadId}\t${filename}\n`);
  return dlopen.call(this, module, filename);
};
const Script = vm.Script;
vm.Script = class extends Script {
  constructor(code, options) {
    super(code, options);
    const how = options?.cachedData === undefined ? 'compiled' : this.cachedDataRejected ? 'rejected' : 'cached';
    if (log && options?.filename) fs.appendFileSync(log, `${threadId}\t${options.filename}\t${how}\n`);
  }
};

if (log && parentPort) {
  let first = true;
  parentPort.on('message', (msg) => {
    if (msg?.type !== 'job') return;
    if (first) fs.appendFileSync(log, `${threadId}\t:job\t${resourceLimits.maxYoungGenerationSizeMb}\n`);
    first = false;
    fs.appendFileSync(log, `${threadId}\t:post\n`);
  });
  const post = parentPort.postMessage;
  parentPort.postMessage = function (msg, ...rest) {
    if (msg?.type === 'done') fs.appendFileSync(log, `${threadId}\t:done\n`);
    return post.call(this, msg, ...rest);
  };
}
