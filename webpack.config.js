/**
 * Browser builds (`npm run build`), both without any Node polyfill:
 *  - `xcs-core`: the domain core as a library (`dist/web/xcs-core.js`, global `XcsCore`), the same code the Node
 *    scripts run; a test evaluates it in a context without Node.
 *  - `taskpane`: the Excel add-in's task pane (`dist/web/addin/taskpane.html` + `taskpane.js`, icons, manifest.xml),
 *    which also works as the drop-a-file page outside Office (exceljs's browser build).
 * `npm run dev-server` serves the task pane on https://localhost:3000 (certificates: addin/dev-certs.js).
 */
const path = require('node:path');

/**
 * Syntax level of everything the browser runs: ES2017, what Edge Legacy 18 (the EdgeHTML webview of some Office 2019
 * installs) parses — no optional chaining, `??`, object rest/spread, optional catch binding, async iteration or
 * class fields. Our TypeScript and the JavaScript of the packages we bundle (zod, …) are both compiled down to it;
 * test/addin-legacy.test.ts parses the emitted files with acorn at this level.
 */
const ES_TARGET = 'ES2017';
const scriptRules = [
  { test: /\.ts$/, loader: 'ts-loader', options: { configFile: 'tsconfig.web.json', transpileOnly: true, compilerOptions: { target: ES_TARGET } } },
  {
    test: /\.[cm]?js$/,
    // exceljs's browser build included: it has object spread, which Edge 18 cannot parse
    include: /node_modules/,
    loader: 'ts-loader',
    options: { configFile: 'tsconfig.web.json', transpileOnly: true, compilerOptions: { target: ES_TARGET, allowJs: true, checkJs: false } },
  },
];

const resolve = {
  extensions: ['.ts', '.js'],
  // no Node built-in may reach a browser bundle
  fallback: { fs: false, path: false, os: false, crypto: false, stream: false, buffer: false, util: false },
};

const core = (argv) => ({
  name: 'core',
  mode: argv.mode || 'production',
  target: ['web', 'es2017'],
  entry: { 'xcs-core': ['./addin/src/es-shims.ts', './core/index.ts'] },
  output: {
    path: path.resolve(__dirname, 'dist', 'web'),
    filename: '[name].js',
    library: { name: 'XcsCore', type: 'umd' },
    globalObject: 'globalThis',
    // the task pane builds into dist/web/addin at the same time
    clean: { keep: /^addin([\\/]|$)/ },
  },
  resolve,
  module: { rules: scriptRules },
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
    target: ['web', 'es2017'],
    entry: { taskpane: ['./addin/src/es-shims.ts', './addin/src/taskpane.ts'] },
    output: { path: path.resolve(__dirname, 'dist', 'web', 'addin'), filename: '[name].js', clean: true },
    resolve,
    module: {
      // exceljs's browser build is already bundled and minified: not parsed again
      noParse: /exceljs[\\/]dist[\\/]exceljs\.min\.js$/,
      rules: scriptRules,
    },
    optimization: {
      splitChunks: { cacheGroups: { exceljs: { test: /exceljs[\\/]dist/, name: 'exceljs', chunks: 'all', enforce: true } } },
      minimizer: [new TerserPlugin({ exclude: /^exceljs\.js$/, extractComments: false })],
    },
    plugins: [
      new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './addin/taskpane.html', chunks: ['exceljs', 'taskpane'] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'addin/assets/*.png', to: 'assets/[name][ext]' },
          { from: 'manifest.xml', to: 'manifest.xml' },
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
