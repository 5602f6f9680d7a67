/**
 * Browser builds (`npm run build`), both without any Node polyfill:
 *  - `xcs-core`: the domain core as a library (`dist/web/xcs-core.js`, global `XcsCore`), the same code the Node
 *    scripts run; a test evaluates it in a context without Node.
 *  - `taskpane`: the add-in's task pane (`dist/web/addin/taskpane.html` + `taskpane.js`, icons, manifest.xml; for WPS
 *    also `ribbon.xml`, `index.html` and `main.js`, see `npm run build:wps`),
 *    which also works as the drop-a-file page outside Office (exceljs's browser build).
 * `npm run dev-server` serves the task pane on https://localhost:3000 (certificates: addin/dev-certs.js).
 *
 * Options for a county's intranet (docs/zh/deploy-office.md):
 *   --env host=https://xcs.county.gov.cn/addin   where the files are served: dist's manifest.xml is generated from
 *                                                  manifest.xml with every URL there (addin/manifest-host.js)
 *   --env officejs=local                          serve a pinned copy of office.js from the @microsoft/office-js
 *                                                  package (install it first, see OFFICE_JS_PIN) instead of
 *                                                  Microsoft's CDN, the default and the only path Microsoft supports
 *   --env officejs=/path/to/office-js/dist         the same from a folder copied by hand
 */
const fs = require('node:fs');
const path = require('node:path');
const { manifestForHost, normalizeHost } = require('./addin/manifest-host');

const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
/** The @microsoft/office-js version a local copy is built from (88 MB: never a dependency, installed on demand). */
const OFFICE_JS_PIN = '1.1.110';

/** The folder of office.js and its per-host files for --env officejs=…, or null for the CDN. */
function officeJsFolder(option) {
  if (!option || option === 'cdn') return null;
  if (option === 'local') {
    let pkg;
    try {
      pkg = require.resolve('@microsoft/office-js/package.json', { paths: [__dirname] });
    } catch {
      throw new Error(
        `--env officejs=local 需要先安装 office.js 的本地副本（约 88 MB，不写入 package.json）：\n` +
          `  npm install --no-save @microsoft/office-js@${OFFICE_JS_PIN}\n` +
          `或不加这个选项，使用微软 CDN（默认，也是微软唯一支持的方式）。`,
      );
    }
    const version = require(pkg).version;
    if (version !== OFFICE_JS_PIN) {
      console.warn(`office.js: installed @microsoft/office-js ${version}, pinned ${OFFICE_JS_PIN} (npm install --no-save @microsoft/office-js@${OFFICE_JS_PIN})`);
    }
    return path.join(path.dirname(pkg), 'dist');
  }
  const dir = path.resolve(option);
  if (!fs.existsSync(path.join(dir, 'office.js'))) throw new Error(`--env officejs=${option}: no office.js in ${dir}`);
  return dir;
}

/**
 * Syntax level of everything the browser runs: ES2017, what Edge Legacy 18 (the EdgeHTML webview of some Office 2019
 * installs) parses — no optional chaining, `??`, object rest/spread, optional catch binding, async iteration or
 * class fields. Our TypeScript and the JavaScript of the packages we bundle (zod, …) are both compiled down to it;
 * test/external/addin-legacy.test.ts parses the emitted files with acorn at this level.
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
  entry: { 'xcs-core': ['./addin/pane/es-shims.ts', './core/index.ts'] },
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
  const host = normalizeHost(env.host);
  const officeJs = officeJsFolder(env.officejs);
  return {
    name: 'taskpane',
    mode: argv.mode || 'production',
    target: ['web', 'es2017'],
    // main: the WPS add-in's ribbon callbacks (addin/wps/main.ts), loaded by index.html beside the same task pane;
    // es-shims first in both: the built-ins old webviews lack (Edge 18 in Office 2019, an old WPS's Chromium)
    entry: { taskpane: ['./addin/pane/es-shims.ts', './addin/pane/taskpane.ts'], main: ['./addin/pane/es-shims.ts', './addin/wps/main.ts'] },
    output: { path: path.resolve(__dirname, 'dist', 'web', 'addin'), filename: '[name].js', clean: true },
    resolve,
    module: {
      // exceljs's browser build is already bundled and minified: not parsed again
      noParse: /exceljs[\\/]dist[\\/]exceljs\.min\.js$/,
      rules: scriptRules,
    },
    optimization: {
      splitChunks: { cacheGroups: { exceljs: { test: /exceljs[\\/]dist/, name: 'exceljs', chunks: 'all', enforce: true } } },
      // exceljs is minified already; engine-check.js stays the ES5 file as written; office.js is Microsoft's, untouched
      minimizer: [new TerserPlugin({ exclude: [/^exceljs\.js$/, /^engine-check\.js$/, /^office-js[\\/]/], extractComments: false })],
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './addin/pane/taskpane.html',
        chunks: ['exceljs', 'taskpane'],
        templateParameters: { officeJsUrl: officeJs ? 'office-js/office.js' : OFFICE_JS_CDN },
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'addin/assets/*.png', to: 'assets/[name][ext]' },
          // the manifest is generated for the host it will be served from (--env host=…), never edited by hand
          { from: 'manifest.xml', to: 'manifest.xml', transform: (content) => manifestForHost(content.toString('utf8'), host) },
          // ES5: runs first and speaks where the bundle cannot (IE11 webview)
          { from: 'addin/legacy/engine-check.js', to: 'engine-check.js' },
          ...(officeJs ? [{ from: officeJs, to: 'office-js' }] : []),
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
