/**
 * The task pane in a real browser (Debian's chromium through playwright-core), with no Office host: the built page
 * says it is outside Office, a bad workbook dropped on it (written here with exceljs) shows its problems with their
 * cell addresses, and a file that is not a workbook gets a Chinese message. Screenshot: test-output/taskpane.png.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { HEADER, analyzeFile, tmpDir, writeBook } from '../support/books';
import { needs } from '../support/programs';
import { launchChromium, serveFolder, type StaticServer } from '../support/browser';

const { test, beforeAll, afterAll, path: programPath } = needs('chromium');

const ROOT = path.resolve(__dirname, '..', '..');
const SHOT = path.join(ROOT, 'test-output', 'taskpane.png');

let server: StaticServer | undefined;
let base = '';
let browser: Browser;
let page: Page;
let dir = '';
// built once per run by the external tier's globalSetup (test/support/setup-external.js)
const DIST = path.join(ROOT, 'dist', 'web', 'addin');

beforeAll(async () => {
  server = await serveFolder(DIST);
  base = server.base;
  browser = await launchChromium(programPath('chromium'));
  page = await browser.newPage({ viewport: { width: 420, height: 900 } });
  // no network: office.js from Microsoft's CDN cannot load, as on a machine offline
  await page.route(/appsforoffice\.microsoft\.com/, (route) => route.abort());
  dir = await tmpDir('xcs-addin-');
}, 300000); // a production build on a shared, busy machine

afterAll(async () => {
  await browser?.close();
  await server?.close();
  for (const d of [dir]) if (d) await fsp.rm(d, { recursive: true, force: true });
});

test('outside Office the page says so, and a dropped bad workbook shows its problems with cells', async () => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${base}/taskpane.html`);
  await page.waitForSelector('body.outside', { timeout: 15000 });
  expect(await page.textContent('#outside-note')).toContain('不在 Excel 中');
  expect(await page.isVisible('#drop')).toBe(true);
  expect(await page.isVisible('#btn-validate')).toBe(false);

  const bad = await writeBook(path.join(dir, '云峰镇重点项目10月.xlsx'), [
    {
      name: '重点项目',
      rows: [
        ['云峰镇重点项目推进情况表（截至2015年10月31日）'],
        ['单位：万元'],
        HEADER,
        [1, '甲路', '基础设施', 1000, 500, 10, -40, '张三', '', '在建'],
        [2, '乙桥', '基础设施', 800, '四百', 5, 100, '李四', '', '在建'],
        [3, '丙园', '产业发展', 600, 300, 5, 250, '王五', '', '在建'],
      ],
      // the merged title of a real report: read through exceljs's browser build like the Node reader does
      merges: ['A1:J1'],
    },
  ]);
  await page.setInputFiles('#file-input', bad);
  await page.waitForSelector('li.issue', { timeout: 30000 });
  const issues = await page.$$eval('li.issue', (lis) => lis.map((li) => ({ cell: (li as HTMLElement).dataset.cell, text: li.textContent ?? '' })));
  // the negative 累计 in G4 and the text 年度计划 in E5, each with its cell shown
  expect(issues).toEqual(expect.arrayContaining([expect.objectContaining({ cell: 'G4' }), expect.objectContaining({ cell: 'E5' })]));
  for (const i of issues.filter((x) => x.cell)) expect(i.text.startsWith(i.cell!)).toBe(true);
  expect(await page.textContent('#results')).toContain('重点项目 · 错误');
  // exactly the core's findings for this workbook (read by the Node adapter), no more, no less
  const expected = await analyzeFile(bad, [{ name: '云峰镇', aliases: [] }], new Date().toISOString().slice(0, 10));
  expect(issues.map((i) => i.cell).sort()).toEqual(expected.issues.map((i) => i.cell ?? '').sort());
  expect(errors).toEqual([]);
  await fsp.mkdir(path.dirname(SHOT), { recursive: true });
  await page.screenshot({ path: SHOT, fullPage: true });
  expect((await fsp.stat(SHOT)).size).toBeGreaterThan(1000);
}, 60000);

test('a file that is not an xlsx workbook gets a Chinese message, not a stack trace', async () => {
  const pdf = path.join(dir, '报表.xlsx');
  await fsp.writeFile(pdf, '%PDF-1.4\n1 0 obj << >> endobj\n');
  const ole = path.join(dir, '旧表.xls');
  const head = Buffer.alloc(1024);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(head);
  await fsp.writeFile(ole, head);
  await page.setInputFiles('#file-input', [pdf, ole]);
  await page.waitForFunction(() => document.querySelectorAll('section.file').length === 2, undefined, { timeout: 30000 });
  const text = (await page.textContent('#results')) ?? '';
  expect(text).toContain('文件“报表.xlsx”');
  expect(text).toContain('内容不是 Excel 工作簿（实际是PDF 文件）');
  expect(text).toContain('旧版 Excel 97-2003 格式（.xls）无法读取');
  expect(text).not.toMatch(/Error|at \w+ \(/);
}, 60000);
