/**
 * The add-in's pure pieces: the browser half of the reader (sheet-grid.ts) stays free of Node and gives the same
 * messages as the Node reader; Office.js addresses and number formats → Grid; the strings table; the town's sheets.
 */
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { precheckBytes } from '../../io/read/read-workbook';
import { precheckBrowserBytes } from '../../io/grid/exceljs-grid';
import { isDateFormat, parseAreas, sheetReadToGrid } from '../../addin/office/office-grid';
import { STRINGS, langOf, t } from '../../addin/pane/strings';
import { groupIssues, templateSheet, workbookRoster } from '../../core/addin-sheets';
import type { Issue } from '../../core/types';

const ROOT = path.resolve(__dirname, '..', '..');

test('sheet-grid.ts and the add-in sources import nothing of Node (they run in the browser)', () => {
  const dirs = ['pane', 'ops', 'office', 'wps'].map((d) => path.join(ROOT, 'addin', d));
  const files = [path.join(ROOT, 'io', 'grid', 'exceljs-grid.ts'), ...dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.ts')).map((f) => path.join(d, f)))];
  expect(files.length).toBeGreaterThan(6);
  const offenders: string[] = [];
  for (const f of files) {
    const src = readFileSync(f, 'utf8');
    for (const m of src.matchAll(/(?:from\s+|require\(\s*|import\(\s*)['"]([^'"]+)['"]/g)) {
      if (m[1]!.startsWith('node:') || ['fs', 'path', 'os', 'zlib', 'worker_threads', 'child_process'].includes(m[1]!)) offenders.push(`${f}: ${m[1]}`);
    }
    if (/\bBuffer\b|process\.|__dirname/.test(src.replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, ''))) offenders.push(`${f}: Node global`);
  }
  expect(offenders).toEqual([]);
});

test('the browser guards give the Node reader\'s own messages', () => {
  const ole = new Uint8Array(2048);
  ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  // an encrypted OOXML package: OLE2 with an EncryptedPackage directory entry at a 128-aligned offset
  const enc = ole.slice();
  const name = 'EncryptedPackage\0';
  for (let k = 0; k < name.length; k++) enc[1024 + 2 * k] = name.charCodeAt(k);
  enc[1024 + 64] = name.length * 2;
  const pdf = new TextEncoder().encode('%PDF-1.4\n');
  const cases: [Uint8Array, string, string][] = [
    [ole, '旧表.xls', 'E_FORMAT_XLS'],
    [enc, '加密.xlsx', 'E_ENCRYPTED'],
    [pdf, '报表.xlsx', 'E_NOT_XLSX'],
    [new Uint8Array(0), '空.xlsx', 'E_EMPTY_FILE'],
    [new TextEncoder().encode('a,b\n1,2\n'), '表.csv', 'E_FORMAT_XLS'],
  ];
  for (const [bytes, file, code] of cases) {
    const b = precheckBrowserBytes(bytes, file, 1024 * 1024);
    const n = precheckBytes(bytes, file);
    expect([file, b?.code]).toEqual([file, code]);
    expect(b?.message).toBe(n?.message);
  }
  expect(precheckBrowserBytes(new Uint8Array(2000), 'big.xlsx', 1000)?.code).toBe('E_TOO_LARGE');
});

test('Office.js addresses, formats and blocks become the Grid the exceljs adapter would give', () => {
  expect(parseAreas("'My, sheet'!A1:B2,'My, sheet'!D4, Sheet1!3:5")).toEqual([
    { top: 0, left: 0, bottom: 1, right: 1 },
    { top: 3, left: 3, bottom: 3, right: 3 },
    { top: 2, left: 0, bottom: 4, right: 16383 },
  ]);
  for (const f of ['yyyy/m/d', 'yyyy"年"m"月"d"日"', '[$-804]yyyy年m月d日', 'h:mm', 'm/d/yy']) expect([f, isDateFormat(f)]).toEqual([f, true]);
  for (const f of ['General', '0.00', '#,##0.00', '0.0%', '@', '"截至"0', '_(* #,##0_)']) expect([f, isDateFormat(f)]).toEqual([f, false]);
  const g = sheetReadToGrid({
    name: 'S', hidden: false, usedAddress: 'S!B2:D3',
    values: [['标题', '', 5], [0.5, '#DIV/0!', '']],
    formulas: [['标题', '', '=2+3'], [0.5, '=1/0', '']],
    numberFormat: [['General', 'General', 'General'], ['0%', 'General', 'General']],
    mergedAddress: 'S!B2:C2', visibleAddress: 'S!B2:D2',
  });
  expect(g.rows[0]).toEqual([]);
  expect(g.rows[1]).toEqual([undefined, { value: '标题' }, undefined, { value: 5, formula: '2+3' }]);
  expect(g.rows[2]).toEqual([undefined, { value: 0.5, percent: true }, { value: { error: '#DIV/0!' }, formula: '1/0' }]);
  expect(g.merges).toEqual([{ top: 1, left: 1, bottom: 1, right: 2 }]);
  expect(g.hiddenRows).toEqual([2]);
});

test('strings: one table, Chinese unless Office speaks English', () => {
  expect(langOf('zh-CN')).toBe('zh');
  expect(langOf('en-US')).toBe('en');
  expect(langOf(undefined)).toBe('zh');
  for (const [k, v] of Object.entries(STRINGS)) {
    expect([k, /[\u4e00-\u9fff]/.test(v.zh)]).toEqual([k, true]);
    expect([k, v.en.length > 0]).toEqual([k, true]);
  }
  expect(t('zh', 'marked', { n: 3 })).toContain('已标记 3 个单元格');
});

test('the town comes from the workbook itself; issues group by sheet, errors first', () => {
  const c = (value: string) => ({ value });
  expect(workbookRoster([{ sheet: 'a', hidden: false, merges: [], rows: [[c('东溪镇重点项目表')]] }], 'x.xlsx')).toEqual([{ name: '东溪镇', aliases: [] }]);
  expect(workbookRoster([], '白石镇10月.xlsx')).toEqual([{ name: '白石镇', aliases: [] }]);
  const i = (sheet: string | null, severity: 'error' | 'warning'): Issue => ({ sheet, severity, code: 'X', cell: null, message: '' });
  const groups = groupIssues([i('B', 'warning'), i('A', 'warning'), i(null, 'error'), i('B', 'error')], ['B', 'A']);
  expect(groups.map((g) => [g.sheet, g.severity])).toEqual([[null, 'error'], ['B', 'error'], ['B', 'warning'], ['A', 'warning']]);
  const tpl = templateSheet('projects', '', '重点项目');
  const cat = (tpl.values[2] as string[]).indexOf('项目类别');
  expect(tpl.lists[cat]).toContain('基础设施');
  expect(tpl.values).toHaveLength(53);
});

test('the browser reader takes merges out before exceljs applies them, like the Node reader (a sheet-wide merge does not hang)', async () => {
  const ExcelJS = (await import('exceljs')).default;
  const JSZip = (await import('jszip')).default;
  const { readWorkbookBytes } = await import('../../addin/pane/browser-read');
  const { readWorkbookBytesInProcess } = await import('../../io/read/read-workbook');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('S');
  ws.getCell('A1').value = '标题';
  ws.getCell('B1').value = '残留';
  ws.getCell('A2').value = 'x';
  ws.getCell('C3').value = 'y';
  const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
  const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
  zip.file('xl/worksheets/sheet1.xml', xml.replace('</sheetData>', '</sheetData><mergeCells count="3"><mergeCell ref="A1:C1"/><mergeCell ref="B1:XFD1048576"/><mergeCell ref="A2:XFD1048576"/></mergeCells>'));
  const bytes = new Uint8Array(await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  const browser = await readWorkbookBytes('m.xlsx', bytes);
  const node = await readWorkbookBytesInProcess(bytes, 'm.xlsx');
  if (!browser.ok || !node.ok) throw new Error('read failed');
  expect(browser.grids).toEqual(node.grids);
  expect(browser.grids[0]!.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 2 }, { top: 1, left: 0, bottom: 2, right: 2 }]);
}, 60000);
