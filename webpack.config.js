/**
 * Browser build. Today: the domain core as a library (`dist/web/xcs-core.js`, global `XcsCore`), the same code the
 * Node scripts run, which is what the Excel add-in (issue #3) and the drop-a-file page will load. It must build
 * without any Node polyfill: the core has no I/O.
 */
const path = require('node:path');

module.exports = (env = {}, argv = {}) => ({
  mode: argv.mode || 'production',
  target: 'web',
  entry: { 'xcs-core': './core/index.ts' },
  output: {
    path: path.resolve(__dirname, 'dist', 'web'),
    filename: '[name].js',
    library: { name: 'XcsCore', type: 'umd' },
    globalObject: 'globalThis',
    clean: true,
  },
  resolve: {
    extensions: ['.ts', '.js'],
    // no Node built-in may reach the browser bundle
    fallback: { fs: false, path: false, os: false, crypto: false, stream: false, buffer: false, util: false },
  },
  module: {
    rules: [{ test: /\.ts$/, loader: 'ts-loader', options: { configFile: 'tsconfig.web.json', transpileOnly: true } }],
  },
  devtool: 'source-map',
  performance: { hints: false },
});
