/**
 * The WPS add-in package (`npm run build:wps -- --url …`): ribbon.xml is well-formed and every callback it names
 * (onLoad, onAction, getImage …) is a function of the built main.js, run as WPS runs it (a page whose global object
 * WPS calls by name); a ribbon button opens the task pane and leaves its command for the pane; the offline .7z, the
 * publish.xml and jsplugins.xml carry the one URL given.
 */
import { execFileSync } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { XMLValidator, XMLParser } from 'fast-xml-parser';
import { tmpDir } from '../support/books';
import { needs } from '../support/programs';

const { test, beforeAll, afterAll } = needs('7z');

const ROOT = path.resolve(__dirname, '..', '..');
const URL = 'http://10.12.0.8/xcs-weekly/';
let out = '';
let build = '';

beforeAll(async () => {
  out = await tmpDir('xcs-wps-pkg-');
  // the script as `npm run build:wps` runs it (compiled by the test run's global setup)
  execFileSync(process.execPath, [path.join(ROOT, 'dist', 'tools', 'wps', 'build-package.js'), '--url', URL.slice(0, -1), '--out', out], { cwd: ROOT, stdio: 'pipe' });
  build = path.join(out, 'wps-addon-build');
}, 300000);

afterAll(async () => {
  if (out) await fsp.rm(out, { recursive: true, force: true });
});

function callbacksOf(xml: string): string[] {
  return [...new Set([...xml.matchAll(/\b(on\w+|get\w+)="([^"]+)"/g)].map((m) => m[2]!))].sort();
}

test('ribbon.xml is well-formed, has the 周报助手 tab, and every callback it names exists in the built main.js', async () => {
  const xml = await fsp.readFile(path.join(build, 'ribbon.xml'), 'utf8');
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = new XMLParser({ ignoreAttributes: false }).parse(xml);
  const tab = doc.customUI.ribbon.tabs.tab;
  expect(tab['@_label']).toBe('周报助手');
  const buttons = [tab.group].flat().flatMap((g: { button: unknown }) => [g.button].flat()) as Record<string, string>[];
  expect(buttons.map((b) => b['@_label'])).toEqual(['打开助手', '校验', '标记', '清除标记', '汇总', '周报', '汇总多个文件']);
  const names = callbacksOf(xml);
  expect(names).toEqual(['GetImage', 'OnAction', 'OnAddinLoad']);

  // main.js as WPS runs it: a page's global object, WPS's Application on it
  const storage = new Map<string, string>();
  const panes: { url: string; Visible: boolean; ID: number }[] = [];
  const app = {
    PluginStorage: { getItem: (k: string) => storage.get(k) ?? '', setItem: (k: string, v: unknown) => void storage.set(k, String(v)) },
    CreateTaskPane: (url: string) => {
      const p = { url, Visible: false, ID: panes.length + 7 };
      panes.push(p);
      return p;
    },
    GetTaskPane: (id: number) => panes.find((p) => p.ID === id) ?? null,
  };
  const win: Record<string, unknown> = { Application: app, location: { href: `${URL}index.html` }, alert: (m: string) => { throw new Error(m); } };
  win.window = win;
  vm.runInNewContext(await fsp.readFile(path.join(build, 'main.js'), 'utf8'), win);
  for (const n of names) expect([n, typeof win[n]]).toEqual([n, 'function']);
  expect((win.OnAddinLoad as (r: unknown) => unknown)({})).toBe(true);

  // a button: returns at once (never a Promise), shows the pane, leaves its command for the pane
  const r = (win.OnAction as (c: { Id: string }) => unknown)({ Id: 'xcsValidate' });
  expect(r).toBe(true);
  expect(panes).toHaveLength(1);
  expect(panes[0]).toMatchObject({ url: `${URL}taskpane.html`, Visible: true });
  expect(storage.get('xcs_weekly_command')).toMatch(/^btn-validate\|\d+$/);
  panes[0]!.Visible = false;
  (win.OnAction as (c: { Id: string }) => unknown)({ Id: 'xcsShowPane' });
  expect(panes).toHaveLength(1); // the same pane shown again
  expect(panes[0]!.Visible).toBe(true);
  // every ribbon button leads to a pane button that exists in the built page
  const html = await fsp.readFile(path.join(build, 'taskpane.html'), 'utf8');
  for (const b of buttons.filter((x) => x['@_id'] !== 'xcsShowPane')) {
    storage.delete('xcs_weekly_command');
    (win.OnAction as (c: { Id: string }) => unknown)({ Id: b['@_id']! });
    const pane = storage.get('xcs_weekly_command')!.split('|')[0]!;
    expect([b['@_id'], html.includes(`id="${pane}"`)]).toEqual([b['@_id'], true]);
  }
  // images the ribbon asks for are in the package
  for (const id of ['xcsShowPane', 'xcsValidate']) {
    const img = (win.GetImage as (c: { Id: string }) => string)({ Id: id });
    await expect(fsp.stat(path.join(build, img))).resolves.toBeTruthy();
  }
});

test('the package: the task pane, index.html loading main.js, the offline .7z, and the lists carrying the URL', async () => {
  const files = await fsp.readdir(build);
  for (const f of ['index.html', 'main.js', 'ribbon.xml', 'taskpane.html', 'taskpane.js', 'exceljs.js', 'xcs-weekly.7z']) expect(files).toContain(f);
  expect(files.some((f) => f.endsWith('.map'))).toBe(false);
  expect(await fsp.readFile(path.join(build, 'index.html'), 'utf8')).toContain('src="main.js"');
  const listing = execFileSync('7z', ['l', '-slt', path.join(build, 'xcs-weekly.7z')], { encoding: 'utf8' });
  const inside = [...listing.matchAll(/^Path = (.+)$/gm)].map((m) => m[1]!.replace(/\\/g, '/'));
  const version = JSON.parse(await fsp.readFile(path.join(ROOT, 'package.json'), 'utf8')).version;
  for (const f of ['ribbon.xml', 'index.html', 'main.js', 'taskpane.html']) expect(inside).toContain(`xcs-weekly_${version}/${f}`);
  const publish = await fsp.readFile(path.join(out, 'publish.xml'), 'utf8');
  const plugins = await fsp.readFile(path.join(out, 'jsplugins.xml'), 'utf8');
  for (const x of [publish, plugins]) expect(XMLValidator.validate(x)).toBe(true);
  expect(publish).toContain(`<jspluginonline name="xcs-weekly" type="et" url="${URL}" enable="enable"/>`);
  expect(plugins).toContain(`url="${URL}"`);
  const pkg = JSON.parse(await fsp.readFile(path.join(out, 'package.json'), 'utf8'));
  expect(pkg).toMatchObject({ name: 'xcs-weekly', addonType: 'et', version });
});

test('without --url the script says in Chinese what to give, and writes nothing', () => {
  let err = '';
  let code = 0;
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'dist', 'tools', 'wps', 'build-package.js'), '--out', path.join(out, 'x')], { cwd: ROOT, stdio: 'pipe', encoding: 'utf8' });
  } catch (e) {
    err = String((e as { stderr?: string }).stderr);
    code = (e as { status?: number }).status ?? 0;
  }
  expect(code).toBe(2);
  expect(err).toContain('请用 --url 给出加载项在内网服务器上的地址');
});
