/**
 * The built task pane in Chromium (Debian's chromium through playwright-core) inside each program, with that program's
 * fake where its runtime would be and the page itself unchanged: for Excel, a fake office.js served at office.js's
 * CDN address (Office/Excel over the office-addin-mock workbook); for WPS 表格, the ET fake on window.Application before
 * the page runs, as WPS injects it. Every button is clicked as a clerk would; the problems are listed; a click on a
 * problem selects its cell in the fake; marks are put and cleared; one screenshot per host: test-output/taskpane-<host>.png.
 */
import { execFileSync } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { HEADER, tmpDir, writeBook } from '../support/books';
import { needs } from '../support/programs';
import { launchChromium, serveFolder, type StaticServer } from '../support/browser';

const { test, beforeAll, afterAll, path: programPath } = needs('chromium');

const ROOT = path.resolve(__dirname, '..', '..');
const OUT = path.join(ROOT, 'test-output');

let server: StaticServer | undefined;
let base = '';
let browser: Browser;
let DIST = '';
let FAKES = '';
let files: string[] = [];

async function bundleFakes(dir: string): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const webpack = require('webpack') as typeof import('webpack');
  const compiler = webpack({
    mode: 'development',
    target: 'web',
    devtool: false,
    entry: { 'fake-office': path.join(__dirname, '..', 'support', 'fake-office-entry.ts'), 'fake-wps': path.join(__dirname, '..', 'support', 'fake-wps-entry.ts') },
    output: { path: dir, filename: '[name].js' },
    resolve: {
      extensions: ['.ts', '.js'],
      alias: { 'office-addin-manifest': path.join(__dirname, '..', 'support', 'office-addin-manifest-stub.js') },
      fallback: { fs: false, path: false, os: false, crypto: false, stream: false, buffer: false, util: false },
    },
    module: { rules: [{ test: /\.ts$/, loader: 'ts-loader', options: { configFile: path.join(ROOT, 'tsconfig.web.json'), transpileOnly: true } }] },
    performance: { hints: false },
  });
  await new Promise<void>((resolve, reject) => compiler.run((err, stats) => {
    if (err || stats?.hasErrors()) reject(err ?? new Error(stats!.toString('errors-only')));
    else compiler.close(() => resolve());
  }));
}

beforeAll(async () => {
  DIST = await tmpDir('xcs-hosts-pane-');
  FAKES = await tmpDir('xcs-hosts-fakes-');
  execFileSync(process.execPath, [require.resolve('webpack-cli/bin/cli.js'), '--mode', 'production', '--config-name', 'taskpane', '--output-path', DIST], { cwd: ROOT, stdio: 'pipe' });
  await bundleFakes(FAKES);
  server = await serveFolder(DIST);
  base = server.base;
  browser = await launchChromium(programPath('chromium'));
  const dir = await tmpDir('xcs-hosts-books-');
  const town = (name: string) => [
    { name: '重点项目', rows: [[`${name}重点项目推进情况表（截至2015年10月31日）`], ['单位：万元'], HEADER, [1, '甲路', '基础设施', 1000, 500, 10, 400, '张三', '', '在建'], [2, '乙桥', '基础设施', 800, 400, 5, 100, '李四', '', '在建']] },
  ];
  files = [await writeBook(path.join(dir, '东溪镇.xlsx'), town('东溪镇')), await writeBook(path.join(dir, '南岭镇.xlsx'), town('南岭镇'))];
}, 300000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  for (const d of [DIST, FAKES]) if (d) await fsp.rm(d, { recursive: true, force: true });
});

type Host = 'office' | 'wps';

async function open(host: Host): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 420, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const fakeOffice = await fsp.readFile(path.join(FAKES, 'fake-office.js'), 'utf8');
  await page.route(/appsforoffice\.microsoft\.com/, (route) => (host === 'office'
    ? route.fulfill({ status: 200, contentType: 'text/javascript', body: fakeOffice })
    : route.abort()));
  if (host === 'wps') await page.addInitScript({ path: path.join(FAKES, 'fake-wps.js') });
  await page.goto(`${base}/taskpane.html`);
  await page.waitForSelector(`body.inside.host-${host}`, { timeout: 20000 });
  return { page, errors };
}

/** The fill of a cell in the fake, as '#RRGGBB' (WPS stores BGR). */
function fillOf(page: Page, host: Host, cell: string): Promise<string | null> {
  return page.evaluate(([h, c]) => {
    const fx = (window as unknown as { __fake: Record<string, (n: string) => { fills: Map<string, { color: string | number; pattern: string | number }> }> }).__fake;
    const f = fx.sheet!('重点项目').fills.get(c!);
    if (!f) return null;
    if (h === 'office') return f.pattern === 'None' ? null : String(f.color);
    if (f.pattern === -4142) return null;
    const n = Number(f.color);
    return `#${[n & 255, (n >> 8) & 255, (n >> 16) & 255].map((x) => x.toString(16).padStart(2, '0')).join('').toUpperCase()}`;
  }, [host, cell] as const);
}

async function click(page: Page, id: string, status: RegExp): Promise<string> {
  await page.click(`#${id}`);
  await page.waitForFunction((re) => new RegExp(re).test(document.getElementById('status')!.textContent ?? ''), status.source, { timeout: 30000 });
  return (await page.textContent('#status')) ?? '';
}

for (const host of ['office', 'wps'] as Host[]) {
  test(`inside ${host === 'office' ? 'Excel' : 'WPS 表格'}: every button, the problems, a click selects the cell, marks put and cleared`, async () => {
    const { page, errors } = await open(host);
    expect(await page.isVisible('#btn-validate')).toBe(true);
    expect(await page.isVisible('#drop')).toBe(false);

    // 校验: the problems, each with its cell
    await page.click('#btn-validate');
    await page.waitForSelector('li.issue', { timeout: 30000 });
    const issues = await page.$$eval('li.issue', (lis) => lis.map((li) => ({ cell: (li as HTMLElement).dataset.cell, sheet: (li as HTMLElement).dataset.sheet })));
    expect(issues).toEqual(expect.arrayContaining([{ sheet: '重点项目', cell: 'F6' }, { sheet: '重点项目', cell: 'E8' }]));
    expect(await page.textContent('#results')).toContain('重点项目 · 错误');
    // 边改边查 is Office's (change events); an Excel with every API set has no limits to note
    expect(await page.isVisible('#live-row')).toBe(host === 'office');
    expect(await page.textContent('#capability-notes')).toBe('');

    // a click on a problem selects its cell in the program
    await page.click('li.issue[data-cell="E8"]');
    await page.waitForFunction((h) => {
      const fx = (window as unknown as { __fake: { selected?: { cell: string } | null; selection?: { cell: string } | null } }).__fake;
      return (h === 'office' ? fx.selected : fx.selection)?.cell === 'E8';
    }, host, { timeout: 10000 });

    // 标记: the clerk's own green on F6 becomes the error mark; 清除标记 gives it back
    expect(await fillOf(page, host, 'F6')).toBe('#00B050');
    expect(await click(page, 'btn-mark', /已标记/)).toMatch(/已标记 \d+ 个单元格/);
    expect(await fillOf(page, host, 'F6')).toBe('#FFC7CE');
    expect(await fillOf(page, host, 'E8')).toBe('#FFC7CE');
    await fsp.mkdir(OUT, { recursive: true });
    const shot = path.join(OUT, `taskpane-${host}.png`);
    await page.screenshot({ path: shot, fullPage: true });
    expect((await fsp.stat(shot)).size).toBeGreaterThan(1000);
    expect(await click(page, 'btn-clear', /已清除标记/)).toContain('恢复了原来的底色');
    expect(await fillOf(page, host, 'F6')).toBe('#00B050');
    expect(await fillOf(page, host, 'E8')).toBeNull();

    // 汇总, 周报, 插入模板 ×2
    expect(await click(page, 'btn-summary', /汇总/)).toContain('已写入“汇总”工作表');
    expect(await click(page, 'btn-bulletin', /本周通报/)).toContain('已写入“本周通报”工作表');
    expect(await click(page, 'btn-tpl-projects', /已添加/)).toContain('重点项目2');
    expect(await click(page, 'btn-tpl-indicators', /已添加/)).toContain('主要指标');

    // 汇总多个文件: WPS opens the files itself (.xls, .et); Excel takes them from the browser's file picker
    if (host === 'wps') {
      expect(await click(page, 'btn-county', /已汇总/)).toContain('已汇总 2 个文件');
    } else {
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#btn-county')]);
      await chooser.setFiles(files);
      await page.waitForFunction(() => /已汇总/.test(document.getElementById('status')!.textContent ?? ''), undefined, { timeout: 30000 });
      expect(await page.textContent('#status')).toContain('已汇总 2 个文件');
    }
    const sheets = await page.evaluate((h) => {
      const fx = (window as unknown as { __fake: { sheets?: { name: string }[]; active?: { sheets: { name: string }[] } } }).__fake;
      return (h === 'office' ? fx.sheets! : fx.active!.sheets).map((s) => s.name);
    }, host);
    expect(sheets).toEqual(expect.arrayContaining(['重点项目', '汇总', '本周通报', '重点项目2', '主要指标', '全县汇总概览', '全县滞后项目', '全县报送情况']));
    expect(errors).toEqual([]);
    await page.close();
  }, 120000);
}

test('in WPS the ribbon\'s buttons reach the pane: a command left in PluginStorage runs that button', async () => {
  const { page, errors } = await open('wps');
  await page.evaluate(() => {
    const fx = (window as unknown as { __fake: { storage: Map<string, string> } }).__fake;
    fx.storage.set('xcs_weekly_command', `btn-validate|${Date.now()}`);
  });
  await page.waitForSelector('li.issue', { timeout: 30000 });
  expect(await page.evaluate(() => (window as unknown as { __fake: { storage: Map<string, string> } }).__fake.storage.get('xcs_weekly_command'))).toBe('');
  expect(errors).toEqual([]);
  await page.close();
}, 60000);
