/**
 * What the e2e and external tiers run is built here, once per `jest` run, by the globalSetup of the projects that need
 * it (jest calls a project's globalSetup only when one of its suites runs: `npm run test:unit` and `test:io` build
 * nothing). Each build is done at most once per run even when several projects ask for it.
 *   node: `tsc -p tsconfig.json` → dist/ (the CLI, the read worker, the tools), then the CLI and its worker scripts
 *         bundled in place (tools/build/bundle.ts), as `npm run build:node` and `prepare` do
 *   web:  webpack's `core` and `taskpane` configs → dist/web/xcs-core.js and dist/web/addin/
 */
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const done = (globalThis.__xcsTestBuilds ??= new Set());

function once(what, build) {
  if (done.has(what)) return;
  const t0 = Date.now();
  build();
  done.add(what);
  process.stderr.write(`built ${what} for the tests in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
}

function buildNode() {
  once('dist/ (tsc, bundle)', () => {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.json')], { cwd: ROOT, stdio: 'inherit' });
    execFileSync(process.execPath, [path.join(ROOT, 'dist', 'tools', 'build', 'bundle.js')], { cwd: ROOT, stdio: 'pipe' });
  });
}

/** One webpack config by name: 'core' (dist/web/xcs-core.js) or 'taskpane' (dist/web/addin/). */
function buildWeb(name) {
  once(`dist/web ${name} (webpack)`, () =>
    execFileSync(process.execPath, [require.resolve('webpack-cli/bin/cli.js'), '--mode', 'production', '--config-name', name], { cwd: ROOT, stdio: 'pipe' }),
  );
}

module.exports = { ROOT, buildNode, buildWeb };
