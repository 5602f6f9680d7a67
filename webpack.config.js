/**
 * Browser builds (`npm run build`), both without any Node polyfill:
 *  - `xcs-core`: the domain core as a library (`dist/web/xcs-core.js`, global `XcsCore`), the same code the Node
 *    scripts run; a test evaluates it in a context without Node.
 *  - `taskpane`: the add-in's task pane (`dist/web/addin/taskpane.html` + `taskpane.js`, icons, manifest.xml; for WPS
 *    also `ribbon.xml`, `index.html` and `main.js`, see `npm run build:wps`),
 *    which also works as the drop-a-file page outside Office (exceljs's browser build).
 * `npm run dev-server` serves the task pane on https://localhost:3000 (certificates: addin/dev-certs.js).
 */
const path = require('node:path');

const resolve = {
  extensions: ['.ts', '.js'],
  // no Node built-in may reach a browser bundle
  fallback: { fs: false, path: false, os: false, crypto: false, stream: false, buffer: false, util: false },
};

const core = (argv) => ({
  name: 'core',
  mode: argv.mode || 'production',
  target: 'web',
  entry: { 'xcs-core': './core/index.ts' },
  output: {
    path: path.resolve(__dirname, 'dist', 'web'),
    filename: '[name].js',
    library: { name: 'XcsCore', type: 'umd' },
    globalObject: 'globalThis',
    // the task pane builds into dist/web/addin at the same time
    clean: { keep: /^addin([\\/]|$)/ },
  },
  resolve,
  module: {
    rules: [{ test: /\.ts$/, loader: 'ts-loader', options: { configFile: 'tsconfig.web.json', transpileOnly: true } }],
  },
  devtool: 'source-map',
  performance: { hints: false },
});

const taskpane = (env, argv, https) => {
  const HtmlWebpackPlugin = require('html-webpack-plugin');
  const CopyWebpackPlugin = require('copy-webpack-plugin');
  const TerserPlugin = require('terser-webpack-plugin');
  return {
    name: 'taskpane',
    mode: argv.mode || 'production',
    target: 'web',
    // main: the WPS add-in's ribbon callbacks (addin/wps/main.ts), loaded by index.html beside the same task pane
    entry: { taskpane: './addin/pane/taskpane.ts', main: './addin/wps/main.ts' },
    output: { path: path.resolve(__dirname, 'dist', 'web', 'addin'), filename: '[name].js', clean: true },
    resolve,
    module: {
      // exceljs's browser build is already bundled and minified: not parsed again
      noParse: /exceljs[\\/]dist[\\/]exceljs\.min\.js$/,
      rules: [{ test: /\.ts$/, loader: 'ts-loader', options: { configFile: 'tsconfig.web.json', transpileOnly: true } }],
    },
    optimization: {
      splitChunks: { cacheGroups: { exceljs: { test: /exceljs[\\/]dist/, name: 'exceljs', chunks: 'all', enforce: true } } },
      minimizer: [new TerserPlugin({ exclude: /^exceljs\.js$/, extractComments: false })],
    },
    plugins: [
      new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './addin/pane/taskpane.html', chunks: ['exceljs', 'taskpane'] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'addin/assets/*.png', to: 'assets/[name][ext]' },
          { from: 'manifest.xml', to: 'manifest.xml' },
          // the WPS add-in's ribbon and entry page (npm run build:wps packages this folder for WPS)
          { from: 'addin/wps/package/ribbon.xml', to: 'ribbon.xml' },
          { from: 'addin/wps/package/index.html', to: 'index.html' },
        ],
      }),
    ],
    devtool: 'source-map',
    performance: { hints: false },
    devServer: https
      ? { port: 3000, headers: { 'Access-Control-Allow-Origin': '*' }, static: false, server: { type: 'https', options: https } }
      : undefined,
  };
};

module.exports = async (env = {}, argv = {}) => {
  // only `webpack serve` needs certificates
  const https = env.WEBPACK_SERVE ? await require('./addin/dev-certs').devHttpsOptions() : null;
  return [core(argv), taskpane(env, argv, https)];
};
