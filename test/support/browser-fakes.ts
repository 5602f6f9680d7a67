/**
 * The two hosts' fakes for the built task pane in Chromium (test/addin-hosts-browser.test.ts), bundled by webpack:
 * - fake-office.js is served where office.js would load from Microsoft's CDN: it defines Office and Excel over the
 *   office-addin-mock workbook (excel-mock.ts);
 * - fake-wps.js runs before the page, as WPS puts its object model on the page: window.Application is the ET fake.
 * Both hold the same town workbook and leave the fake on window.__fake for the test to look into.
 */
import { FakeExcel, newSheet, type ModelSheet } from './excel-mock';
import { FakeEt } from './et-fake';
import { projectSheet } from './town-sheets';

export function townBook(): ModelSheet[] {
  const s = projectSheet(12, { 2: { 5: -20 }, 4: { 4: 'abc' } });
  s.merges.push('A1:N1');
  s.fills.set('F6', { color: '#00B050', pattern: 'Solid' });
  return [s, newSheet('旧表', [['去年的表']], 'Hidden')];
}

const g = globalThis as unknown as Record<string, unknown>;
if (typeof g.setImmediate !== 'function') g.setImmediate = (f: () => void) => setTimeout(f, 0);

export function installOffice(): void {
  const fx = new FakeExcel(townBook());
  g.__fake = fx;
  g.Excel = { run: (fn: (ctx: unknown) => Promise<unknown>) => fn(fx.context) };
  g.Office = {
    HostType: { Excel: 'Excel' },
    // requirements: the pane detects what this Excel offers beyond ExcelApi 1.1 (office/office-capabilities.ts)
    context: { document: { url: 'C:\\乡镇\\云峰镇10月.xlsx' }, displayLanguage: 'zh-CN', requirements: { isSetSupported: fx.isSetSupported } },
    onReady: (cb: (info: { host: string }) => void) => {
      setTimeout(() => cb({ host: 'Excel' }), 10);
      return Promise.resolve({ host: 'Excel' });
    },
  };
}

export function installWps(): void {
  const fx = new FakeEt(townBook(), {}, '云峰镇10月.xlsx');
  // 汇总多个文件: WPS's own dialog answers with two towns' files, one legacy .xls and one .et
  const town = (name: string, n: number) => {
    const s = projectSheet(n);
    s.values[0]![0] = `${name}重点项目推进情况表（截至2015年10月31日）`;
    s.values[1]![0] = `填报单位：${name}`;
    return s;
  };
  fx.files.set('D:\\报表\\东溪镇.xls', [town('东溪镇', 5)]);
  fx.files.set('D:\\报表\\南岭镇.et', [town('南岭镇', 3)]);
  fx.openFilename = ['D:\\报表\\东溪镇.xls', 'D:\\报表\\南岭镇.et'];
  g.__fake = fx;
  g.Application = fx.app;
}
