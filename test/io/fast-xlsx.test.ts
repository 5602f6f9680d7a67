/**
 * Differential test of the fast reader (io/read/fast-xlsx.ts) against the exceljs path it replaces: for crafted
 * workbooks covering every cell kind the Grid knows, the sample county, the templates (the 507 real-world corpus files:
 * test/e2e/corpus.test.ts), the fast reader's outcome (Grids, date system, budget failures and their messages) is exactly the exceljs
 * path's — or the fast reader declines and the exceljs path is used. Any difference fails the test.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { cellAddressCode } from '../../io/read/fast-xlsx';
import { compare, compareAll, fast, walk } from '../support/fast-compare';
import { tmpDir, writeBook } from '../support/books';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const JSZip = require('jszip') as {
  loadAsync(data: Buffer): Promise<{
    file(name: string): { async(t: 'string'): Promise<string> } | null;
    file(name: string, data: string): void;
    generateAsync(o: { type: 'nodebuffer'; compression?: string }): Promise<Buffer>;
  }>;
};

jest.setTimeout(600000);

const ROOT = path.resolve(__dirname, '..', '..');


async function patch(file: string, edits: Record<string, (xml: string) => string>): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await fsp.readFile(file));
  for (const [part, edit] of Object.entries(edits)) {
    const xml = (await zip.file(part)?.async('string')) ?? '';
    zip.file(part, edit(xml));
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

let dir: string;
beforeAll(async () => {
  dir = await tmpDir('xcs-fast-');
});
afterAll(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

async function valuesBook(): Promise<string> {
  const file = path.join(dir, 'values.xlsx');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('进度');
  ws.getCell('A1').value = '云峰镇重点项目推进情况表';
  ws.getCell('A2').value = 12500;
  ws.getCell('B2').value = 0.5;
  ws.getCell('B2').numFmt = '0.0%';
  ws.getCell('C2').value = true;
  ws.getCell('D2').value = '12,500';
  ws.getCell('E2').value = '';
  ws.getCell('F2').value = 0.25;
  ws.getCell('F2').numFmt = '0.0\\%'; // an escaped %: exceljs unescapes the format code
  ws.getCell('G2').value = 3;
  ws.getCell('G2').numFmt = '0"%"';
  ws.getCell('A3').value = { richText: [{ text: '云峰' }, { font: { bold: true }, text: 'Town' }, { text: '镇' }] };
  ws.getCell('B3').value = { text: '项目链接', hyperlink: 'http://example.com/' };
  ws.getCell('C3').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
  ws.getCell('D3').value = 'a < b & "c"';
  ws.getCell('A4').value = { formula: 'A2*2', result: 25000 } as ExcelJS.CellFormulaValue;
  ws.getCell('B4').value = { formula: 'A2+B2' } as ExcelJS.CellFormulaValue;
  ws.getCell('C4').value = { formula: 'A2/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue;
  ws.getCell('D4').value = { formula: 'A1&"x"', result: '文本结果' } as ExcelJS.CellFormulaValue;
  ws.getCell('E4').value = { formula: 'A2-A2', result: 0 } as ExcelJS.CellFormulaValue;
  ws.getCell('F4').value = { formula: 'A2>0', result: true } as ExcelJS.CellFormulaValue;
  ws.getCell('H4').value = { formula: 'A2<0', result: false } as ExcelJS.CellFormulaValue;
  ws.getCell('G4').value = { formula: 'B2*2', result: 1 } as ExcelJS.CellFormulaValue;
  ws.getCell('G4').numFmt = '0%';
  ws.getCell('A5').value = new Date(Date.UTC(2015, 9, 31));
  ws.getCell('B5').value = { formula: 'A5+1', result: new Date(Date.UTC(2015, 10, 1)) } as ExcelJS.CellFormulaValue;
  ws.getCell('B5').numFmt = 'yyyy-mm-dd';
  ws.getCell('C5').value = 42308.5;
  ws.getCell('C5').numFmt = 'yyyy"年"m"月"d"日" hh:mm';
  ws.getCell('D5').value = 42308;
  ws.getCell('D5').numFmt = '[Red]0.00';
  ws.getCell('A7').value = 1;
  ws.getCell('A8').value = 2;
  ws.getCell('A9').value = 3;
  ws.getCell('B7').value = { formula: 'A7*10', result: 10, shareType: 'shared', ref: 'B7:B9' } as ExcelJS.CellFormulaValue;
  ws.getCell('B8').value = { sharedFormula: 'B7', result: 20 } as ExcelJS.CellSharedFormulaValue;
  ws.getCell('B9').value = { sharedFormula: 'B7', result: 30 } as ExcelJS.CellSharedFormulaValue;
  ws.getCell('H10').value = 'far';
  ws.getRow(9).hidden = true;
  ws.mergeCells('A12:C13');
  ws.getCell('A12').value = '合并';
  const h = wb.addWorksheet('上月', { state: 'hidden' });
  h.getCell('A1').value = 2;
  const v = wb.addWorksheet('参数', { state: 'veryHidden' });
  v.getCell('A1').value = 3;
  wb.addWorksheet('空表');
  await wb.xlsx.writeFile(file);
  return file;
}

describe('crafted workbooks: the fast reader reads them, exactly as exceljs does', () => {
  test('values, rich text, hyperlinks, errors, formulas (0 results, shared), dates, percents, merges, states', async () => {
    const file = await valuesBook();
    const bytes = await fsp.readFile(file);
    expect(await compare(bytes)).toBe('same');
    // a few facts, so that "the same" is not the same emptiness
    const f = fast(bytes);
    if (!('ok' in f) || !f.ok) throw new Error('expected grids');
    expect(f.grids.map(g => [g.sheet, g.hidden])).toEqual([
      ['进度', false],
      ['上月', true],
      ['参数', true],
      ['空表', false],
    ]);
    const g = f.grids[0]!;
    expect(g.rows[1]![1]).toEqual({ value: 0.5, percent: true });
    expect(g.rows[2]![0]).toEqual({ value: '云峰Town镇' });
    expect(g.rows[8]![1]).toEqual({ value: 30, formula: 'A9*10' });
    expect(g.rows[4]![0]!.value).toEqual(new Date(Date.UTC(2015, 9, 31)));
    expect(g.hiddenRows).toEqual([8]);
    // a cached result of 0 or FALSE is a result (exceljs's cell.value drops falsy results: sheet-grid reads cell.result)
    expect(g.rows[3]![4]).toEqual({ value: 0, formula: 'A2-A2' });
    expect(g.rows[3]![7]).toEqual({ value: false, formula: 'A2<0' });
  });

  test('patched XML: 1904 dates, phonetic runs, escapes, inline strings, t="str", styles, sheet order, merges', async () => {
    const file = await writeBook(path.join(dir, 'base.xlsx'), [
      { name: '一', rows: [['a', 'b'], [1, 2]] },
      { name: '二', rows: [['x']] },
    ]);
    const bytes = await patch(file, {
      'xl/workbook.xml': xml =>
        xml
          .replace(/<workbookPr[^>]*\/>/, '<workbookPr date1904="1"/>')
          // tabs listed in an order other than their sheetId
          .replace(/(<sheet [^>]*sheetId="1"[^>]*\/>)(<sheet [^>]*sheetId="2"[^>]*\/>)/, '$2$1'),
      'xl/sharedStrings.xml': xml =>
        xml.replace(
          '</sst>',
          '<si><t>汉字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh><phoneticPr fontId="1"/></si>' +
            '<si><r><t>前</t></r><r><rPr><b/></rPr><t xml:space="preserve"> 后_x000D_</t></r></si>' +
            '<si><t>A_x0041_&amp;lt;</t></si></sst>',
        ),
      'xl/worksheets/sheet1.xml': xml =>
        xml
          .replace(
            '</sheetData>',
            '<row r="5" hidden="true"><c r="A5" t="s"><v>3</v></c><c r="B5" t="s"><v>4</v></c><c r="C5" t="s"><v>5</v></c>' +
              '<c r="D5" t="inlineStr"><is><t>内联</t></is></c><c r="E5" t="str"><v>a &amp;lt; b</v></c>' +
              '<c r="F5" s="1"><v>40000</v></c><c r="G5" t="b"><v>0</v></c><c r="H5" t="e"><v>#REF!</v></c>' +
              '<c r="I5" t="n"><v> 7 </v></c><c r="J5" s="1"/><c r="K5"/><c r="L5" t="str"><f>"x"</f><v></v></c>' +
              '<c r="M5" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="N5" t="b"><f>TRUE()</f><v>1</v></c></row>' +
              '<row r="7"><c r="A7"><f t="shared" ref="A7:C7" si="0">A5&amp;"!"</f><v>1</v></c>' +
              '<c r="B7"><f t="shared" si="0"/><v>2</v></c><c r="C7"><f t="shared" si="0"/><v>3</v></c>' +
              '<c r="D7"><f t="shared" si="9"/><v>4</v></c></row></sheetData>' +
              '<mergeCells count="3"><mergeCell ref="A5:B5"/><mergeCell ref="B5:XFD1048576"/>' +
              '<mergeCell ref="D7:D9"/></mergeCells>',
          ),
    });
    expect(await compare(bytes)).toBe('same');
    const f = fast(bytes);
    if (!('ok' in f) || !f.ok) throw new Error('expected grids');
    expect(f.date1904).toBe(true);
    expect(f.grids.map(g => g.sheet)).toEqual(['二', '一']);
  });

  test('budgets: the same failures with the same messages', async () => {
    const long = 'x'.repeat(40000);
    const file = await writeBook(path.join(dir, 'budgets.xlsx'), [
      { name: '表', rows: [['a', 'b', 'c'], [1, 2, 3], [4, 5, 6]] },
      { name: '长', rows: [[long]] },
    ]);
    const bytes = await fsp.readFile(file);
    // past maxCells the byte-level count (cell elements ≥ cells with content) refuses the file before either reader
    expect(await compare(bytes, { maxCells: 9 })).toBe('prechecked');
    for (const opts of [{ maxCells: 10 }, { maxTotalChars: 3 }, {}, { maxRows: 2 }, { maxCols: 2 }]) {
      const out = await compare(bytes, opts);
      // row and column limits are reported by exceljs with its own wording: the fast reader leaves them to it
      if (!('maxRows' in opts || 'maxCols' in opts)) expect(out).toBe('same');
    }
    const f = fast(bytes, { maxTotalChars: 3 });
    expect('ok' in f && !f.ok && f.code).toBe('E_TOO_LARGE');
  });

  test('what it is unsure about it declines (exceljs then decides)', async () => {
    const file = await writeBook(path.join(dir, 'decline.xlsx'), [{ name: '表', rows: [['a']] }]);
    const cases: Record<string, (xml: string) => string>[] = [
      { 'xl/worksheets/sheet1.xml': xml => xml.replace(/<c r="A1"[^>]*>/, '<c r="A1" t="d">') },
      { 'xl/worksheets/sheet1.xml': xml => xml.replace('</sheetData>', '<row r="2"><c><v>1</v></c></row></sheetData>') },
      { 'xl/worksheets/sheet1.xml': xml => xml.replace('</sheetData>', '</sheetData><sheetData/>') },
      { 'xl/worksheets/sheet1.xml': xml => xml.replace('</worksheet>', '') },
      { 'xl/styles.xml': () => '' },
    ];
    for (const edits of cases) {
      const bytes = await patch(file, edits);
      expect([Object.values(edits)[0]!.toString(), fast(bytes)]).toEqual([expect.anything(), { unsupported: expect.any(String) }]);
    }
  });
});

test('the sample county, the templates and sample/targets.xlsx: all read by the fast reader, identically', async () => {
  const files = [
    ...(await walk(path.join(ROOT, 'sample'))),
    ...(await walk(path.join(ROOT, 'templates'))),
  ].filter(f => /\.xlsx$/i.test(f));
  expect(files.length).toBeGreaterThan(10);
  const r = await compareAll(files);
  expect(r.differing).toEqual([]);
  expect(r.declined).toBe(0);
  expect(r.same).toBeGreaterThan(10);
});

test('cell addresses read by hand: exactly the texts /^([A-Z]{1,3})([1-9]\\d{0,6})$/ accepts, with its column and row', () => {
  const ADDRESS = /^([A-Z]{1,3})([1-9]\d{0,6})$/;
  const expected = (r: string): number => {
    const m = ADDRESS.exec(r);
    if (!m) return -1;
    let col = 0;
    for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
    return col * 0x1000000 + Number(m[2]);
  };
  const chars = fc.constantFrom('A', 'B', 'Z', 'X', 'a', 'z', '0', '1', '9', '5', '$', ' ', '-', '@', '[', ':', '/', '\u00c0', '１');
  const text = fc.oneof(
    fc.array(chars, { maxLength: 12 }).map((a) => a.join('')),
    fc.tuple(fc.stringMatching(/^[A-Z]{0,4}$/), fc.stringMatching(/^[0-9]{0,9}$/)).map(([l, d]) => l + d),
  );
  fc.assert(fc.property(text, (r) => expect([r, cellAddressCode(r)]).toEqual([r, expected(r)])), { numRuns: 20000, seed: 13 });
  for (const r of ['A1', 'XFD1048576', 'ZZZ9999999', 'A0', 'AAAA1', 'A10000000', '', 'A', '1', 'a1', 'A1 ']) {
    expect([r, cellAddressCode(r)]).toEqual([r, expected(r)]);
  }
  expect(cellAddressCode('C7')).toBe(3 * 0x1000000 + 7);
});
