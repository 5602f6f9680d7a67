/**
 * The task pane where Office really runs it, from one intranet build (`--env host=… --env officejs=<dir>`):
 * - the emitted code parses at ES2017 (Edge Legacy 18, the EdgeHTML webview of Office 2019), checked with acorn;
 * - the ES5 engine check (on its own: test/unit/addin-engine-check.test.ts), in Chromium with the modern engine taken away (new Function refusing the
 *   bundle's syntax and the ES2015+ built-ins gone, as in IE11), shows its Chinese message and keeps the bundle quiet;
 * - with the built-ins Edge 18 lacks removed (flat/flatMap, Object.fromEntries, trimStart, globalThis, BigInt) the page
 *   still validates a dropped workbook;
 * - the generated manifest has every URL on the host and is valid against the schema; the page loads office.js from
 *   the local copy; a fake office.js that is not Office leaves the standalone page working.
 */
import { execFileSync } from 'node:child_process';
import { promises as fsp, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'acorn';
import type { Browser } from 'playwright-core';
import { HEADER, tmpDir, writeBook } from '../support/books';
import { needs } from '../support/programs';
import { launchChromium, serveFolder, type StaticServer } from '../support/browser';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { manifestForHost } = require('../../addin/manifest-host.js') as {
  manifestForHost: (xml: string, host?: string) => string;
};

const { describe, test, beforeAll, afterAll, path: programPath } = needs('chromium');

const ROOT = path.resolve(__dirname, '..', '..');
const HOST = 'https://xcs.county.gov.cn/addin';
const XSD = path.resolve(ROOT, '..', 'shared', 'manifest-schema', 'OfficeAppManifestV1_1.xsd');

let DIST = '';
let OFFICE_JS = '';
let dir = '';
let server: StaticServer | undefined;
let base = '';
let browser: Browser;

beforeAll(async () => {
  DIST = await tmpDir('xcs-legacy-');
  dir = await tmpDir('xcs-legacy-files-');
  // a stand-in for @microsoft/office-js's dist folder: an office.js that is not Office (no onReady) and one host file
  OFFICE_JS = await tmpDir('xcs-officejs-');
  writeFileSync(path.join(OFFICE_JS, 'office.js'), 'window.Office = { stub: true };\n');
  writeFileSync(path.join(OFFICE_JS, 'excel-win32-16.01.js'), '/* host file */\n');
  execFileSync(process.execPath, [
    require.resolve('webpack-cli/bin/cli.js'), '--mode', 'production', '--config-name', 'taskpane', '--output-path', DIST,
    '--env', `host=${HOST}/`, '--env', `officejs=${OFFICE_JS}`,
  ], { cwd: ROOT, stdio: 'pipe' });
  server = await serveFolder(DIST);
  base = server.base;
  browser = await launchChromium(programPath('chromium'));
}, 300000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  for (const d of [DIST, dir, OFFICE_JS]) if (d) await fsp.rm(d, { recursive: true, force: true });
});

function parsesAt(file: string, ecmaVersion: 5 | 2017 | 2020): string | null {
  try {
    parse(readFileSync(file, 'utf8'), { ecmaVersion, sourceType: 'script' });
    return null;
  } catch (e) {
    return String((e as Error).message);
  }
}

describe('syntax level of what the browser runs', () => {
  test('taskpane.js and exceljs.js parse as ES2017 (Edge 18), not as ES5 (so the check can fail)', () => {
    for (const f of ['taskpane.js', 'exceljs.js']) {
      expect([f, parsesAt(path.join(DIST, f), 2017)]).toEqual([f, null]);
    }
    expect(parsesAt(path.join(DIST, 'taskpane.js'), 5)).not.toBeNull();
    // acorn at 2017 does reject what Edge 18 lacks
    const probe = path.join(dir, 'probe.js');
    for (const src of ['a?.b', 'a ?? b', 'x = {...y}', 'try {} catch {}', '/(?<=a)b/', '/\\p{L}/u']) {
      writeFileSync(probe, src);
      expect([src, parsesAt(probe, 2017) !== null]).toEqual([src, true]);
    }
  });

  test('the built engine check is the ES5 file as written (terser leaves it alone)', () => {
    expect(readFileSync(path.join(DIST, 'engine-check.js'), 'utf8')).toBe(readFileSync(path.join(ROOT, 'addin', 'legacy', 'engine-check.js'), 'utf8'));
  });
});

describe('in the browser', () => {
  test('an IE11-like engine gets the Chinese message, the standalone page\'s address and no blank pane', async () => {
    const page = await browser.newPage({ viewport: { width: 420, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.addInitScript(() => {
      // what IE11 lacks first: the bundle's syntax (new Function throws SyntaxError on it, as IE11 does); the missing
      // built-ins are the next test's (removing them here would only make Chromium's copy of the bundle throw)
      const w = window as unknown as Record<string, unknown>;
      const modern = (args: unknown[]) => /=>|\basync\b|\bclass\b|\blet\b|`/.test(args.join(' '));
      w.Function = new Proxy(Function, {
        construct(target, args) {
          if (modern(args)) throw new SyntaxError("Expected ';'");
          return Reflect.construct(target, args);
        },
        apply(target, self, args) {
          if (modern(args)) throw new SyntaxError("Expected ';'");
          return Reflect.apply(target, self, args);
        },
      });
    });
    await page.goto(`${base}/taskpane.html`);
    await page.waitForSelector('#unsupported', { timeout: 15000 });
    const text = (await page.textContent('#unsupported')) ?? '';
    expect(text).toContain('这台电脑上的 Excel 无法运行周报助手');
    expect(text).toMatch(/Excel 2021.*Microsoft 365/);
    expect(text).toContain('WPS 加载项');
    expect(await page.getAttribute('#standalone-link', 'href')).toBe(`${base}/taskpane.html`);
    // the bundle stayed quiet: neither the Excel buttons nor the drop box
    await page.waitForTimeout(300); // let the deferred bundle run, if it were going to
    expect(await page.evaluate(() => document.body.className)).toBe('');
    expect(await page.isVisible('#drop')).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  }, 60000);

  test('with the built-ins Edge 18 lacks removed, the page still validates a dropped workbook', async () => {
    const page = await browser.newPage({ viewport: { width: 420, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.addInitScript(() => {
      const del = (o: object, k: string) => delete (o as Record<string, unknown>)[k];
      del(Array.prototype, 'flat');
      del(Array.prototype, 'flatMap');
      del(Object, 'fromEntries');
      del(String.prototype, 'trimStart');
      del(String.prototype, 'trimEnd');
      del(globalThis, 'BigInt');
      del(globalThis, 'globalThis');
    });
    await page.goto(`${base}/taskpane.html`);
    // the local office.js stand-in is not Office: the standalone page, as when office.js cannot load
    await page.waitForSelector('body.outside', { timeout: 15000 });
    expect(await page.evaluate(() => typeof (window as unknown as { Office?: { stub?: boolean } }).Office?.stub)).toBe('boolean');
    expect(await page.evaluate(() => typeof (Object as unknown as { fromEntries?: unknown }).fromEntries)).toBe('function'); // the shim
    const bad = await writeBook(path.join(dir, '云峰镇重点项目10月.xlsx'), [{
      name: '重点项目',
      rows: [
        ['云峰镇重点项目推进情况表（截至2015年10月31日）'], ['单位：万元'], HEADER,
        [1, '甲路', '基础设施', 1000, 500, 10, -40, '张三', '', '在建'],
        [2, '乙桥', '基础设施', 800, '四百', 5, 100, '李四', '', '在建'],
      ],
      merges: ['A1:J1'],
    }]);
    await page.setInputFiles('#file-input', bad);
    await page.waitForSelector('li.issue', { timeout: 30000 });
    const cells = await page.$$eval('li.issue', (lis) => lis.map((li) => (li as HTMLElement).dataset.cell));
    expect(cells).toEqual(expect.arrayContaining(['G4', 'E5']));
    expect(await page.isVisible('#unsupported')).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  }, 60000);
});

describe('intranet build', () => {
  test('the page loads the local office.js copy, copied with its host files', async () => {
    const html = readFileSync(path.join(DIST, 'taskpane.html'), 'utf8');
    expect(html).toContain('<script src="office-js/office.js"></script>');
    expect(html).not.toContain('appsforoffice.microsoft.com');
    expect(readFileSync(path.join(DIST, 'office-js', 'excel-win32-16.01.js'), 'utf8')).toContain('host file');
  });

  test('the generated manifest names only the host, has its origin as AppDomain, and is valid against the schema', () => {
    const xml = readFileSync(path.join(DIST, 'manifest.xml'), 'utf8');
    expect(xml).not.toContain('localhost');
    const urls = [...xml.matchAll(/"(https:\/\/[^"]+)"/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(8);
    for (const u of urls) expect(u.startsWith(`${HOST}/`)).toBe(true);
    expect(xml).toContain(`<SourceLocation DefaultValue="${HOST}/taskpane.html"/>`);
    expect(xml).toContain('<AppDomain>https://xcs.county.gov.cn</AppDomain>');
    const out = execFileSync(process.execPath, [path.join(__dirname, '..', 'support', 'validate-manifest.mjs'), path.join(DIST, 'manifest.xml'), XSD], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ valid: true });
    // the committed manifest stays the localhost default
    expect(manifestForHost(readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8'))).toBe(readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8'));
  });


  test('--env officejs=local without the package says how to install the pinned copy', () => {
    try {
      require.resolve('@microsoft/office-js/package.json', { paths: [ROOT] });
      return; // installed on this machine: nothing to refuse
    } catch {
      // the usual case: the 88 MB package is not installed
    }
    const out = execFileSync(process.execPath, ['-e',
      "require('./webpack.config.js')({ officejs: 'local' }, { mode: 'production' }).then(() => console.log('no error'), (e) => console.log(e.message))",
    ], { cwd: ROOT, encoding: 'utf8' });
    expect(out).toMatch(/npm install --no-save @microsoft\/office-js@\d+\.\d+\.\d+/);
    expect(out).toContain('微软 CDN');
  });
});
