/**
 * Preloaded by a test (`node --require test/support/load-log.js …`, workers inherit it): every file node compiles is
 * appended to XCS_LOAD_LOG as `<thread id>\t<path>` (test/e2e/bundle.test.ts: which of dist/'s files a run loads).
 */
const Module = require('node:module');
const fs = require('node:fs');
const { threadId } = require('node:worker_threads');

const log = process.env.XCS_LOAD_LOG;
const compile = Module.prototype._compile;
Module.prototype._compile = function (content, filename) {
  if (log) fs.appendFileSync(log, `${threadId}\t${filename}\n`);
  return compile.call(this, content, filename);
};
