/**
 * The IE11 ES5 engine check (addin/legacy/engine-check.js) on its own, in a vm without a browser: it parses as ES5,
 * says so in Chinese and stops the bundle where ES2015+ built-ins are missing, does nothing in a modern engine; and
 * the intranet build's host option refuses what Office would not load. The built page in Chromium:
 * test/external/addin-legacy.test.ts.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { parse } from 'acorn';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { normalizeHost } = require('../../addin/manifest-host.js') as { normalizeHost: (host?: string) => string };

const ROOT = path.resolve(__dirname, '..', '..');

function parsesAt(src: string, ecmaVersion: 5 | 2017): string | null {
  try {
    parse(src, { ecmaVersion, sourceType: 'script' });
    return null;
  } catch (e) {
    return String((e as Error).message);
  }
}

describe('syntax', () => {
  test('the engine check parses as ES5; the probe can fail', () => {
    expect(parsesAt(readFileSync(path.join(ROOT, 'addin', 'legacy', 'engine-check.js'), 'utf8'), 5)).toBeNull();
    expect(parsesAt('const f = () => 1;', 5)).not.toBeNull();
  });
});

describe('the engine check on its own', () => {
  const SRC = readFileSync(path.join(ROOT, 'addin', 'legacy', 'engine-check.js'), 'utf8');
  interface Node { tag: string; text?: string; id?: string; href?: string; style: Record<string, string>; children: Node[] }
  function run(before: string): { window: Record<string, unknown>; body: Node } {
    const mk = (tag: string): Node & { appendChild: (c: Node) => Node; insertBefore: (c: Node) => Node } => ({
      tag, style: {}, children: [],
      appendChild(c: Node) { this.children.push(c); return c; },
      insertBefore(c: Node) { this.children.unshift(c); return c; },
    });
    const body = mk('body');
    body.appendChild(mk('div'));
    const document = { body, createElement: mk, createTextNode: (t: string) => ({ tag: '#text', text: t, style: {}, children: [] }), addEventListener: () => undefined };
    const window: Record<string, unknown> = { location: { href: 'https://xcs.county.gov.cn/addin/taskpane.html?_host_Info=Excel#x' } };
    const ctx = vm.createContext({ window, document });
    vm.runInContext(before, ctx);
    vm.runInContext(SRC, ctx);
    return { window, body };
  }
  const texts = (n: Node): string => (n.text ?? '') + n.children.map(texts).join('');

  test('where ES2015+ built-ins are missing (IE11) it shows the message and stops the bundle', () => {
    const { window, body } = run('delete Object.entries; delete Array.prototype.includes; delete String.prototype.padStart;');
    expect(window.__xcsUnsupported).toBe(true);
    const box = body.children[0]!;
    expect(box.id).toBe('unsupported');
    expect(texts(box)).toContain('能运行周报助手的 Excel：Excel 2021');
    expect(texts(box)).toContain('WPS 加载项');
    const find = (n: Node): Node | undefined => (n.id === 'standalone-link' ? n : n.children.map(find).find(Boolean));
    expect(find(box)!.href).toBe('https://xcs.county.gov.cn/addin/taskpane.html');
    expect(body.children[1]!.style.display).toBe('none'); // the page's own content is hidden, not left half-drawn
  });

  test('in a modern engine it does nothing', () => {
    const { window, body } = run('');
    expect(window.__xcsUnsupported).toBeUndefined();
    expect(body.children).toHaveLength(1);
    expect(body.children[0]!.style.display).toBeUndefined();
  });
});

describe('intranet build options', () => {
  test('a host Office would not load is refused with a Chinese reason', () => {
    expect(normalizeHost('https://a.b/x/')).toBe('https://a.b/x');
    expect(normalizeHost(undefined)).toBe('https://localhost:3000');
    expect(() => normalizeHost('http://xcs.county.gov.cn')).toThrow(/只加载 https/);
    expect(() => normalizeHost('xcs.county.gov.cn')).toThrow(/不是网址/);
    expect(() => normalizeHost('https://a.b/?x=1')).toThrow(/不能有/);
  });
});
