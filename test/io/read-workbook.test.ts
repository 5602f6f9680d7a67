/**
 * The Node adapter: files → Grids, with the reading guards. Real files are written with exceljs (and jszip, exceljs's
 * own dependency) under os.tmpdir() and read back through the worker pool. Under ts-jest the pool starts its workers
 * from read-worker.ts through a typescript transpile hook (see read-pool.ts), so no build is needed.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import type { Grid } from '../../core/grid';
import { INDICATOR_CATALOG } from '../../core/schema';
import {
  classifyName,
  readWorkbookBuffer,
  readWorkbookAtPath,
  readZipDirectory,
  type ReadOutcome,
} from '../../io/read/read-workbook';
import { closeDefaultReadPool, createReadPool, findWorkerSpec, type ReadPool } from '../../io/read/pool';
import { withAnalysis } from '../../io/read/options';
import { readWorkbookBytesInProcess } from '../../io/read/parse';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const JSZip = require('jszip') as {
  new (): { file(name: string, data: string | Buffer): void; generateAsync(o: { type: 'nodebuffer' }): Promise<Buffer> };
  loadAsync(data: Buffer): Promise<{
    file(name: string): { async(t: 'string'): Promise<string> } | null;
    file(name: string, data: string): void;
    generateAsync(o: { type: 'nodebuffer'; compression?: string }): Promise<Buffer>;
  }>;
};

jest.setTimeout(60000);

let dir: string;
let pool: ReadPool;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'read-workbook-test-'));
  pool = createReadPool(2);
});

afterAll(async () => {
  await pool.close();
  await closeDefaultReadPool();
  fs.rmSync(dir, { recursive: true, force: true });
});

function p(name: string): string {
  return path.join(dir, name);
}

async function writeXlsx(name: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const file = p(name);
  await wb.xlsx.writeFile(file);
  return file;
}

/** Rewrites one part of an xlsx written by exceljs. */
async function patchPart(file: string, part: string, edit: (xml: string) => string): Promise<void> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const xml = await zip.file(part)!.async('string');
  zip.file(part, edit(xml));
  fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

function expectOk(out: ReadOutcome): { grids: Grid[]; date1904: boolean } {
  if (!out.ok) throw new Error(`expected ok, got ${out.code}: ${out.message}`);
  return out;
}

function expectFail(out: ReadOutcome, code: string, skip = false): string {
  if (out.ok) throw new Error(`expected ${code}, got ok`);
  expect(out.code).toBe(code);
  expect(out.skip).toBe(skip);
  expect(out.message).not.toMatch(/\n\s+at\s/); // never a stack trace
  expect(out.message).toMatch(/[\u4e00-\u9fff]/); // Chinese
  return out.message;
}

function sheet(out: { grids: Grid[] }, name: string): Grid {
  const g = out.grids.find(x => x.sheet === name);
  if (!g) throw new Error(`no sheet ${name}`);
  return g;
}

describe('worker setup', () => {
  test('the pool runs in worker mode under ts-jest (typescript transpile hook)', () => {
    expect(findWorkerSpec(path.join(__dirname, '..', '..', 'io', 'read'))).not.toBeNull();
    expect(pool.mode).toBe('worker');
    expect(pool.size).toBe(2);
  });
});

describe('cell values', () => {
  let file: string;
  beforeAll(async () => {
    file = await writeXlsx('values.xlsx', wb => {
      const ws = wb.addWorksheet('进度');
      ws.getCell('A1').value = '云峰镇重点项目推进情况表';
      ws.getCell('A2').value = 12500;
      ws.getCell('B2').value = 0.5;
      ws.getCell('C2').value = true;
      ws.getCell('D2').value = '12,500';
      ws.getCell('E2').value = '';
      ws.getCell('A3').value = { richText: [{ text: '云峰' }, { font: { bold: true }, text: 'Town' }, { text: '镇' }] };
      ws.getCell('B3').value = { text: '项目链接', hyperlink: 'http://example.com/' };
      ws.getCell('C3').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
      ws.getCell('A4').value = { formula: 'A2*2', result: 25000 } as ExcelJS.CellFormulaValue;
      ws.getCell('B4').value = { formula: 'A2+B2' } as ExcelJS.CellFormulaValue;
      ws.getCell('C4').value = { formula: 'A2/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue;
      ws.getCell('D4').value = { formula: 'A1&"x"', result: '文本结果' } as ExcelJS.CellFormulaValue;
      ws.getCell('A5').value = new Date(Date.UTC(2015, 9, 31));
      ws.getCell('B5').value = { formula: 'A5+1', result: new Date(Date.UTC(2015, 10, 1)) } as ExcelJS.CellFormulaValue;
      ws.getCell('B5').numFmt = 'yyyy-mm-dd';
      // shared formula B7:B8 from master B7
      ws.getCell('A7').value = 1;
      ws.getCell('A8').value = 2;
      ws.getCell('B7').value = { formula: 'A7*10', result: 10, shareType: 'shared', ref: 'B7:B8' } as ExcelJS.CellFormulaValue;
      ws.getCell('B8').value = { sharedFormula: 'B7', result: 20 } as ExcelJS.CellSharedFormulaValue;
      ws.getCell('H10').value = 'far';
    });
  });

  test('plain values, rich text, hyperlink text, error values', async () => {
    const g = sheet(expectOk(await pool.read(file, 'values.xlsx')), '进度');
    expect(g.hidden).toBe(false);
    expect(g.rows[0]![0]).toEqual({ value: '云峰镇重点项目推进情况表' });
    expect(g.rows[1]![0]).toEqual({ value: 12500 });
    expect(g.rows[1]![1]).toEqual({ value: 0.5 });
    expect(g.rows[1]![2]).toEqual({ value: true });
    expect(g.rows[1]![3]).toEqual({ value: '12,500' });
    expect(g.rows[2]![0]).toEqual({ value: '云峰Town镇' });
    expect(g.rows[2]![1]).toEqual({ value: '项目链接' });
    expect(g.rows[2]![2]).toEqual({ value: { error: '#N/A' } });
    expect(g.rows[9]![7]).toEqual({ value: 'far' });
    expect(g.rows.length).toBe(10);
    expect(g.rows[5]).toEqual([]); // empty row inside: an empty array, not a hole
  });

  test('formulas: cached result, no result, error result, text result, shared formula', async () => {
    const g = sheet(expectOk(await pool.read(file, 'values.xlsx')), '进度');
    expect(g.rows[3]![0]).toEqual({ value: 25000, formula: 'A2*2' });
    expect(g.rows[3]![1]).toEqual({ value: null, formula: 'A2+B2', noResult: true });
    expect(g.rows[3]![2]).toEqual({ value: { error: '#DIV/0!' }, formula: 'A2/0' });
    expect(g.rows[3]![3]).toEqual({ value: '文本结果', formula: 'A1&"x"' });
    expect(g.rows[6]![1]).toEqual({ value: 10, formula: 'A7*10' });
    expect(g.rows[7]![1]).toEqual({ value: 20, formula: 'A8*10' });
  });

  test('dates stay Dates (also as formula results), through the worker', async () => {
    const out = expectOk(await pool.read(file, 'values.xlsx'));
    expect(out.date1904).toBe(false);
    const g = sheet(out, '进度');
    const a5 = g.rows[4]![0]!.value;
    expect(a5).toBeInstanceOf(Date);
    expect((a5 as Date).toISOString()).toBe('2015-10-31T00:00:00.000Z');
    const b5 = g.rows[4]![1]!;
    expect(b5.formula).toBe('A5+1');
    expect(b5.value).toBeInstanceOf(Date);
    expect((b5.value as Date).toISOString()).toBe('2015-11-01T00:00:00.000Z');
  });

  test('1904 date system is reported and dates come out right', async () => {
    const f = await writeXlsx('d1904.xlsx', wb => {
      wb.properties.date1904 = true;
      wb.addWorksheet('S').getCell('A1').value = new Date(Date.UTC(2015, 9, 31));
    });
    const out = expectOk(await pool.read(f, 'd1904.xlsx'));
    expect(out.date1904).toBe(true);
    expect((out.grids[0]!.rows[0]![0]!.value as Date).toISOString()).toBe('2015-10-31T00:00:00.000Z');
  });
});

describe('merges and sheets', () => {
  test('merged ranges: the value only at the master, merges 0-based inclusive', async () => {
    const f = await writeXlsx('merges.xlsx', wb => {
      const ws = wb.addWorksheet('表');
      ws.getCell('A1').value = '标题';
      ws.mergeCells('A1:D1');
      ws.getCell('A2').value = '序号';
      ws.mergeCells('A2:A3');
      ws.getCell('B2').value = '投资完成情况';
      ws.mergeCells('B2:D2');
      ws.getCell('B3').value = '本周完成';
      ws.getCell('C3').value = '累计';
      ws.getCell('D3').value = '占年度计划%';
      ws.getCell('A4').value = 1;
      ws.getCell('D4').value = 0.8;
    });
    const g = expectOk(await pool.read(f, 'merges.xlsx')).grids[0]!;
    expect(g.rows[0]![0]).toEqual({ value: '标题' });
    expect(g.rows[0]![1]).toBeUndefined();
    expect(g.rows[0]![3]).toBeUndefined();
    expect(g.rows[1]![0]).toEqual({ value: '序号' });
    expect(g.rows[2]![0]).toBeUndefined();
    expect(g.rows[1]![1]).toEqual({ value: '投资完成情况' });
    expect(g.rows[1]![2]).toBeUndefined();
    expect(g.rows[2]![1]).toEqual({ value: '本周完成' });
    const byPos = [...g.merges].sort((a, b) => a.top - b.top || a.left - b.left);
    expect(byPos).toEqual([
      { top: 0, left: 0, bottom: 0, right: 3 },
      { top: 1, left: 0, bottom: 2, right: 0 },
      { top: 1, left: 1, bottom: 1, right: 3 },
    ]);
  });

  test('slave cells holding their own value are emptied; huge and overlapping merges are clipped/dropped quickly', async () => {
    const f = await writeXlsx('merges-odd.xlsx', wb => {
      const ws = wb.addWorksheet('S');
      ws.getCell('A1').value = '标题';
      ws.getCell('B1').value = '残留';
      ws.getCell('A2').value = 'x';
      ws.getCell('C3').value = 'y';
    });
    await patchPart(f, 'xl/worksheets/sheet1.xml', xml =>
      xml.replace(
        '</sheetData>',
        '</sheetData><mergeCells count="4"><mergeCell ref="A1:C1"/><mergeCell ref="B1:XFD1048576"/>' +
          '<mergeCell ref="A2:XFD1048576"/><mergeCell ref="A9:B12"/></mergeCells>',
      ),
    );
    const t0 = Date.now();
    const g = expectOk(await pool.read(f, 'merges-odd.xlsx')).grids[0]!;
    expect(Date.now() - t0).toBeLessThan(10000);
    expect(g.rows[0]![0]).toEqual({ value: '标题' });
    expect(g.rows[0]![1]).toBeUndefined(); // B1 is inside A1:C1
    expect(g.rows[1]![0]).toEqual({ value: 'x' });
    expect(g.rows[2]?.[2]).toBeUndefined(); // C3 is inside A2:… (clipped to A2:C3)
    expect(g.merges).toEqual([
      { top: 0, left: 0, bottom: 0, right: 2 },
      { top: 1, left: 0, bottom: 2, right: 2 },
    ]);
  });

  test('hidden and veryHidden sheets are flagged, workbook order kept', async () => {
    const f = await writeXlsx('hidden.xlsx', wb => {
      wb.addWorksheet('本周').getCell('A1').value = 1;
      const h = wb.addWorksheet('上月');
      h.getCell('A1').value = 2;
      h.state = 'hidden';
      const v = wb.addWorksheet('参数');
      v.getCell('A1').value = 3;
      v.state = 'veryHidden';
      wb.addWorksheet('空表');
    });
    const out = expectOk(await pool.read(f, 'hidden.xlsx'));
    expect(out.grids.map(g => [g.sheet, g.hidden])).toEqual([
      ['本周', false],
      ['上月', true],
      ['参数', true],
      ['空表', false],
    ]);
    expect(out.grids[3]!.rows).toEqual([]);
  });
});

describe('parts a Grid does not need', () => {
  test('notes (comments), tables and images do not get in the way', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'base64',
    );
    const f = await writeXlsx('parts.xlsx', wb => {
      const ws = wb.addWorksheet('带批注');
      ws.getCell('A1').value = '项目名称';
      ws.getCell('A1').note = '请填写全称';
      ws.addTable({
        name: 'T1',
        ref: 'A3',
        headerRow: true,
        columns: [{ name: '项目', filterButton: true }, { name: '投资' }],
        rows: [
          ['道路', 100],
          ['学校', 200],
        ],
      });
      const img = wb.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: 'png' });
      ws.addImage(img, 'D1:E3');
    });
    const g = expectOk(await pool.read(f, 'parts.xlsx')).grids[0]!;
    expect(g.rows[0]![0]).toEqual({ value: '项目名称' });
    expect(g.rows[2]![0]).toEqual({ value: '项目' });
    expect(g.rows[4]![1]).toEqual({ value: 200 });
  });
});

describe('budgets on what is sent back to the main thread', () => {
  test('a cell longer than Excel allows (32767 characters) → E_TOO_LARGE', async () => {
    const f = await writeXlsx('longcell.xlsx', wb => {
      wb.addWorksheet('长文本').getCell('B2').value = 'x'.repeat(40000);
    });
    const m = expectFail(await pool.read(f, 'longcell.xlsx'), 'E_TOO_LARGE');
    expect(m).toContain('B2');
    expect(m).toContain('32767');
  });

  test('total cells and characters of the workbook are bounded', async () => {
    const f = await writeXlsx('budget.xlsx', wb => {
      const ws = wb.addWorksheet('S');
      for (let r = 1; r <= 100; r++) ws.getRow(r).values = [r, '重复的长文字'.repeat(50)];
    });
    expectOk(await pool.read(f, 'budget.xlsx'));
    expect(expectFail(await pool.read(f, 'budget.xlsx', { maxCells: 150 }), 'E_TOO_LARGE')).toContain('150');
    expect(expectFail(await pool.read(f, 'budget.xlsx', { maxTotalChars: 10000 }), 'E_TOO_LARGE')).toContain('10000');
  });
});

describe('rejected and skipped files', () => {
  test('names: lock files, system files and non-spreadsheets are skipped', () => {
    expect(classifyName('云峰镇/~$周报.xlsx')?.code).toBe('SKIP_LOCK_FILE');
    expect(classifyName('Thumbs.db')?.code).toBe('SKIP_SYSTEM_FILE');
    expect(classifyName('a\\desktop.ini')?.code).toBe('SKIP_SYSTEM_FILE');
    expect(classifyName('.DS_Store')?.code).toBe('SKIP_SYSTEM_FILE');
    expect(classifyName('._周报.xlsx')?.code).toBe('SKIP_SYSTEM_FILE');
    const docx = classifyName('说明.docx');
    expect(docx?.code).toBe('SKIP_NOT_SPREADSHEET');
    expect(docx?.message).toContain('.docx');
    for (const n of ['a.pdf', 'b.txt', 'c.jpg', 'd.zip', 'noext']) expect(classifyName(n)?.code).toBe('SKIP_NOT_SPREADSHEET');
    for (const n of ['a.xlsx', 'B.XLSM', 'c.xls', 'd.et', 'e.ett', 'f.xlsb', 'g.ods', 'h.csv']) expect(classifyName(n)).toBeNull();
  });

  test('skipped by name without touching the file', async () => {
    expectFail(await readWorkbookAtPath(p('does-not-exist'), '~$周报.xlsx'), 'SKIP_LOCK_FILE', true);
    expectFail(await pool.read(p('does-not-exist'), 'Thumbs.db'), 'SKIP_SYSTEM_FILE', true);
    expectFail(await pool.read(p('does-not-exist'), '说明.docx'), 'SKIP_NOT_SPREADSHEET', true);
  });

  test('legacy .xls (OLE2) → E_FORMAT_XLS, also when named .xlsx; .et names WPS', async () => {
    const ole = Buffer.alloc(2048);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    fs.writeFileSync(p('old.xls'), ole);
    fs.writeFileSync(p('old-renamed.xlsx'), ole);
    fs.writeFileSync(p('old.et'), ole);
    const m1 = expectFail(await pool.read(p('old.xls'), 'old.xls'), 'E_FORMAT_XLS');
    expect(m1).toContain('旧版 Excel 97-2003 格式（.xls）');
    expect(m1).toContain('另存为');
    expect(expectFail(await pool.read(p('old-renamed.xlsx'), 'old-renamed.xlsx'), 'E_FORMAT_XLS')).toContain('.xls');
    expect(expectFail(await pool.read(p('old.et'), 'old.et'), 'E_FORMAT_XLS')).toContain('WPS');
  });

  test('.xlsb, .ods and .csv are refused with their format named', async () => {
    fs.writeFileSync(p('a.csv'), '项目名称,总投资\n道路,100\n');
    fs.writeFileSync(p('a.ods'), 'PK\u0003\u0004junk');
    fs.writeFileSync(p('a.xlsb'), 'PK\u0003\u0004junk');
    expect(expectFail(await pool.read(p('a.csv'), 'a.csv'), 'E_FORMAT_XLS')).toContain('CSV');
    expect(expectFail(await pool.read(p('a.ods'), 'a.ods'), 'E_FORMAT_XLS')).toContain('.ods');
    expect(expectFail(await pool.read(p('a.xlsb'), 'a.xlsb'), 'E_FORMAT_XLS')).toContain('.xlsb');
  });

  test('a genuine xlsx that was renamed .xls is read (content decides)', async () => {
    const f = await writeXlsx('renamed.xls', wb => {
      wb.addWorksheet('S').getCell('A1').value = 1;
    });
    expect(expectOk(await pool.read(f, 'renamed.xls')).grids[0]!.rows[0]![0]).toEqual({ value: 1 });
  });

  test('password-protected xlsx (OLE with EncryptedPackage) → E_ENCRYPTED', async () => {
    const ole = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    const entry = (at: number, name: string) => {
      Buffer.from(name + '\0', 'utf16le').copy(ole, at);
      ole.writeUInt16LE((name.length + 1) * 2, at + 64);
    };
    entry(1024, 'Root Entry');
    entry(1152, 'EncryptionInfo');
    entry(1280, 'EncryptedPackage');
    fs.writeFileSync(p('secret.xlsx'), ole);
    const m = expectFail(await pool.read(p('secret.xlsx'), 'secret.xlsx'), 'E_ENCRYPTED');
    expect(m).toContain('文件设有打开密码，无法读取，请取消密码后重新报送');
  });

  test('"EncryptedPackage" as text outside a directory entry does not count', async () => {
    const ole = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    Buffer.from('EncryptedPackage\0', 'utf16le').copy(ole, 1030);
    fs.writeFileSync(p('text.xls'), ole);
    expectFail(await pool.read(p('text.xls'), 'text.xls'), 'E_FORMAT_XLS');
  });

  test('empty file → E_EMPTY_FILE', async () => {
    fs.writeFileSync(p('empty.xlsx'), '');
    expectFail(await pool.read(p('empty.xlsx'), 'empty.xlsx'), 'E_EMPTY_FILE');
  });

  test('not a zip though named .xlsx → E_NOT_XLSX (an HTML export is named as such)', async () => {
    fs.writeFileSync(p('text.xlsx'), 'just some text, not a workbook');
    expectFail(await pool.read(p('text.xlsx'), 'text.xlsx'), 'E_NOT_XLSX');
    fs.writeFileSync(p('web.xlsx'), '<html><body><table><tr><td>1</td></tr></table></body></html>');
    expect(expectFail(await pool.read(p('web.xlsx'), 'web.xlsx'), 'E_NOT_XLSX')).toContain('网页');
  });

  test('truncated zip (a real xlsx cut in half) → E_NOT_XLSX', async () => {
    const f = await writeXlsx('full.xlsx', wb => {
      const ws = wb.addWorksheet('S');
      for (let r = 1; r <= 200; r++) ws.getRow(r).values = [r, `项目${r}`, r * 1.5];
    });
    const buf = fs.readFileSync(f);
    fs.writeFileSync(p('half.xlsx'), buf.subarray(0, Math.floor(buf.length / 2)));
    expect(readZipDirectory(buf.subarray(0, Math.floor(buf.length / 2)))).toEqual({ ok: false, reason: 'no-eocd' });
    expect(expectFail(await pool.read(p('half.xlsx'), 'half.xlsx'), 'E_NOT_XLSX')).toContain('不完整');
  });

  test('a renamed Word document → E_NOT_XLSX saying it is Word; another zip → E_NOT_XLSX', async () => {
    const z = new JSZip();
    z.file('[Content_Types].xml', '<Types/>');
    z.file('word/document.xml', '<w:document/>');
    fs.writeFileSync(p('word.xlsx'), await z.generateAsync({ type: 'nodebuffer' }));
    expect(expectFail(await pool.read(p('word.xlsx'), 'word.xlsx'), 'E_NOT_XLSX')).toContain('这是 Word 文档');
    const z2 = new JSZip();
    z2.file('readme.txt', 'hello');
    fs.writeFileSync(p('zip.xlsx'), await z2.generateAsync({ type: 'nodebuffer' }));
    expect(expectFail(await pool.read(p('zip.xlsx'), 'zip.xlsx'), 'E_NOT_XLSX')).toContain('xl/workbook.xml');
  });

  test('exceljs failure → E_READ_FAILED with a short reason, no stack', async () => {
    const f = await writeXlsx('broken.xlsx', wb => {
      wb.addWorksheet('S').getCell('A1').value = 1;
    });
    await patchPart(f, 'xl/worksheets/sheet1.xml', xml => xml.replace('</sheetData>', '</row></sheetData>'));
    const m = expectFail(await pool.read(f, 'broken.xlsx'), 'E_READ_FAILED');
    expect(m).toMatch(/^文件已损坏或不是有效的 Excel 工作簿（.+）/);
    expect(m.length).toBeLessThan(300);
  });

  test('file larger than maxBytes → E_TOO_LARGE', async () => {
    const f = await writeXlsx('big.xlsx', wb => {
      wb.addWorksheet('S').getCell('A1').value = 1;
    });
    expect(expectFail(await pool.read(f, 'big.xlsx', { maxBytes: 1000 }), 'E_TOO_LARGE')).toContain('MB');
  });

  test('zip bomb guard: a sheet part declaring more than maxUncompressedBytes → E_TOO_LARGE naming the sheet', async () => {
    const f = await writeXlsx('bomb.xlsx', wb => {
      const ws = wb.addWorksheet('明细');
      for (let r = 1; r <= 300; r++) ws.getRow(r).values = [r, '0000000000000000000000000000'];
    });
    const m = expectFail(await pool.read(f, 'bomb.xlsx', { maxUncompressedBytes: 4096 }), 'E_TOO_LARGE');
    expect(m).toContain('工作表“明细”');
  });

  test('zip bomb guard: a part inflating beyond its declared size is caught before exceljs', async () => {
    const f = await writeXlsx('liar.xlsx', wb => {
      wb.addWorksheet('说谎').getCell('A1').value = 1;
    });
    // valid XML padded with 2 MB of spaces, then its declared size is forged down to 1000 bytes
    await patchPart(f, 'xl/worksheets/sheet1.xml', xml => xml.replace('<sheetData>', `<sheetData>${' '.repeat(2 << 20)}`));
    const buf = fs.readFileSync(f);
    for (let i = 0; i + 46 <= buf.length; i++) {
      if (buf.readUInt32LE(i) !== 0x02014b50) continue;
      const name = buf.toString('latin1', i + 46, i + 46 + buf.readUInt16LE(i + 28));
      if (name !== 'xl/worksheets/sheet1.xml') continue;
      buf.writeUInt32LE(1000, i + 24);
      buf.writeUInt32LE(1000, buf.readUInt32LE(i + 42) + 22);
    }
    fs.writeFileSync(f, buf);
    expect(expectFail(await pool.read(f, 'liar.xlsx'), 'E_READ_FAILED')).toContain('实际大小与目录记录不符');
  });

  test('too many rows → E_TOO_LARGE with the sheet and the count', async () => {
    const f = await writeXlsx('rows.xlsx', wb => {
      wb.addWorksheet('小表').getCell('A1').value = 1;
      const ws = wb.addWorksheet('长表');
      for (let r = 1; r <= 51; r++) ws.getCell(r, 1).value = r;
    });
    const m = expectFail(await pool.read(f, 'rows.xlsx', { maxRows: 50 }), 'E_TOO_LARGE');
    expect(m).toContain('工作表“长表”');
    expect(m).toContain('51 行');
    expect(m).toContain('50 行');
    expectOk(await pool.read(f, 'rows.xlsx', { maxRows: 51 }));
  });

  test('a single far-away row or column also counts', async () => {
    const f = await writeXlsx('sparse.xlsx', wb => {
      const ws = wb.addWorksheet('稀疏');
      ws.getCell('A1').value = 1;
      ws.getCell('A80').value = 2;
      ws.getCell('AZ1').value = 3;
    });
    expect(expectFail(await pool.read(f, 'sparse.xlsx', { maxRows: 50 }), 'E_TOO_LARGE')).toContain('80 行');
    expect(expectFail(await pool.read(f, 'sparse.xlsx', { maxCols: 20 }), 'E_TOO_LARGE')).toContain('52 列');
  });

  test('too many columns in one row → E_TOO_LARGE', async () => {
    const f = await writeXlsx('cols.xlsx', wb => {
      const ws = wb.addWorksheet('宽表');
      for (let c = 1; c <= 30; c++) ws.getCell(1, c).value = c;
    });
    const m = expectFail(await pool.read(f, 'cols.xlsx', { maxCols: 20 }), 'E_TOO_LARGE');
    expect(m).toContain('工作表“宽表”');
    expect(m).toContain('30 列');
  });
});

describe('file handling', () => {
  test('the input file is not modified; readWorkbookBuffer leaves the caller buffer intact', async () => {
    const f = await writeXlsx('keep.xlsx', wb => {
      wb.addWorksheet('S').getCell('A1').value = '不变';
    });
    const before = fs.readFileSync(f);
    const hash = createHash('sha256').update(before).digest('hex');
    const mtime = fs.statSync(f).mtimeMs;
    expectOk(await readWorkbookAtPath(f, 'keep.xlsx'));
    expect(createHash('sha256').update(fs.readFileSync(f)).digest('hex')).toBe(hash);
    expect(fs.statSync(f).mtimeMs).toBe(mtime);
    const out = expectOk(await readWorkbookBuffer(before, 'keep.xlsx'));
    expect(out.grids[0]!.rows[0]![0]).toEqual({ value: '不变' });
    expect(before.length).toBeGreaterThan(0); // not detached
    expect(createHash('sha256').update(before).digest('hex')).toBe(hash);
  });

  test('a missing file → E_READ_FAILED, not a throw', async () => {
    const m = expectFail(await pool.read(p('nope.xlsx'), 'nope.xlsx'), 'E_READ_FAILED');
    expect(m).toContain('无法打开文件');
  });
});

describe('pool', () => {
  test('reads several files concurrently', async () => {
    const files: string[] = [];
    for (let i = 0; i < 6; i++) {
      files.push(
        await writeXlsx(`town${i}.xlsx`, wb => {
          const ws = wb.addWorksheet(`镇${i}`);
          for (let r = 1; r <= 500; r++) ws.getRow(r).values = [r, `项目${r}`, r * i];
        }),
      );
    }
    const outs = await Promise.all(files.map((f, i) => pool.read(f, `town${i}.xlsx`)));
    outs.forEach((o, i) => {
      const g = expectOk(o).grids[0]!;
      expect(g.sheet).toBe(`镇${i}`);
      expect(g.rows.length).toBe(500);
      expect(g.rows[499]![2]).toEqual({ value: 500 * i });
    });
  });

  test('a timeout gives E_READ_TIMEOUT and the pool keeps working', async () => {
    const f = await writeXlsx('slow.xlsx', wb => {
      const ws = wb.addWorksheet('S');
      for (let r = 1; r <= 3000; r++) ws.getRow(r).values = [r, `项目${r}`, r * 2, r * 3];
    });
    const m = expectFail(await pool.read(f, 'slow.xlsx', { timeoutMs: 1 }), 'E_READ_TIMEOUT');
    expect(m).toContain('超时');
    const again = await Promise.all([pool.read(f, 'slow.xlsx'), pool.read(f, 'slow.xlsx'), pool.read(f, 'slow.xlsx')]);
    for (const o of again) expect(expectOk(o).grids[0]!.rows.length).toBe(3000);
  });

  test('a job waiting behind one that times out is read by a new worker, whole', async () => {
    // one worker holds two jobs (the running one and the next): ending it on the first must not lose the second
    const local = createReadPool(1);
    try {
      const slow = await writeXlsx('slow2.xlsx', wb => {
        const ws = wb.addWorksheet('S');
        for (let r = 1; r <= 3000; r++) ws.getRow(r).values = [r, `项目${r}`, r * 2, r * 3];
      });
      const good = await writeXlsx('behind.xlsx', wb => {
        wb.addWorksheet('B').getCell('C2').value = 42;
      });
      const outs = await Promise.all([
        local.read(slow, 'slow2.xlsx', { timeoutMs: 1 }),
        local.read(good, 'behind.xlsx'),
        local.read(slow, 'slow2.xlsx', { timeoutMs: 1 }),
        local.read(good, 'behind.xlsx'),
      ]);
      expectFail(outs[0]!, 'E_READ_TIMEOUT');
      expectFail(outs[2]!, 'E_READ_TIMEOUT');
      for (const o of [outs[1]!, outs[3]!]) expect(expectOk(o).grids[0]!.rows[1]![2]).toEqual({ value: 42 });
    } finally {
      await local.close();
    }
  });

  test('in-process mode reads the same way (fallback when no worker script exists)', async () => {
    const local = createReadPool(1, { mode: 'in-process' });
    try {
      expect(local.mode).toBe('in-process');
      const f = await writeXlsx('inproc.xlsx', wb => {
        wb.addWorksheet('S').getCell('A1').value = { formula: '1+1', result: 2 } as ExcelJS.CellFormulaValue;
      });
      expect(expectOk(await local.read(f, 'inproc.xlsx')).grids[0]!.rows[0]![0]).toEqual({ value: 2, formula: '1+1' });
      fs.writeFileSync(p('inproc-old.xls'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
      expectFail(await local.read(p('inproc-old.xls'), 'inproc-old.xls'), 'E_FORMAT_XLS');
    } finally {
      await local.close();
    }
  });

  test('close() ends waiting jobs with E_READ_FAILED and later reads throw', async () => {
    const local = createReadPool(1);
    const f = await writeXlsx('closing.xlsx', wb => {
      wb.addWorksheet('S').getCell('A1').value = 1;
    });
    const jobs = [local.read(f, 'closing.xlsx'), local.read(f, 'closing.xlsx')];
    await local.close();
    const outs = await Promise.all(jobs);
    for (const o of outs) expect(o.ok ? 'ok' : o.code).toBe('E_READ_FAILED');
    await expect(local.read(f, 'closing.xlsx')).rejects.toThrow('closed');
  });
});

describe('reading and analysing in the worker', () => {
  test('the worker sends back the analysis the core makes of the grids, in worker and in-process mode alike', async () => {
    const { analysisContext, analyzeWorkbook } = await import('../../core');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xcs-an-'));
    const file = path.join(dir, '云峰镇.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('项目');
    ws.addRow(['云峰镇重点项目（截至2015年10月31日）']);
    ws.addRow(['项目名称', '总投资', '年度计划投资', '累计完成投资']);
    ws.addRow(['甲路', 100, 50, -1]);
    await wb.xlsx.writeFile(file);
    const settings = { roster: [{ name: '云峰镇', aliases: [] }], asOf: '2015-10-31' };
    const plain = await createReadPool(1, { mode: 'in-process' }).read(file, '云峰镇.xlsx');
    if (!plain.ok) throw new Error(plain.code);
    const expected = analyzeWorkbook('云峰镇.xlsx', plain.grids, analysisContext(settings));
    expect(expected.issues.map((i) => i.code)).toEqual(['W_UNIT_ASSUMED', 'E_NEGATIVE']);
    for (const mode of ['worker', 'in-process'] as const) {
      const local = createReadPool(1, { mode });
      try {
        for (let i = 0; i < 2; i++) {
          // twice: the second job names the settings the worker already holds
          const o = await local.read(file, '云峰镇.xlsx', undefined, settings);
          expect(o.ok && o.grids).toEqual([]);
          expect(o.ok && o.analysis).toEqual(expected);
        }
      } finally {
        await local.close();
      }
    }
  });
});

describe('the analysis from a worker', () => {
  // the catalog entries travel as their places in the settings' catalog (io/read/options.ts): the analysis that
  // arrives is the one made in this thread, each indicator's entry the settings' own object
  const roster = [{ name: '桃花镇', aliases: [] }];
  const file = path.resolve(__dirname, '..', '..', 'sample', 'county', '桃花镇重点项目及主要指标.xlsx');
  const county = [{ name: '自定指标', unit: '个', additive: true, aliases: ['本县自定指标'] }, ...INDICATOR_CATALOG.slice().reverse()];

  test.each([
    ['the built-in catalog', undefined],
    ['a county catalog (other places)', county],
  ])('%s: the same analysis as in this thread, the entries the catalog’s own', async (_what, catalog) => {
    const settings = { roster, asOf: '2015-10-31', ...(catalog ? { catalog } : {}) };
    const list = catalog ?? INDICATOR_CATALOG;
    const fromWorker = await pool.read(file, path.basename(file), undefined, settings);
    const here = withAnalysis(await readWorkbookBytesInProcess(fs.readFileSync(file), path.basename(file)), path.basename(file), settings);
    expect(fromWorker.ok && here.ok).toBe(true);
    if (!fromWorker.ok || !here.ok) return;
    expect(fromWorker.analysis).toEqual(here.analysis);
    const indicators = fromWorker.analysis!.tables.flatMap((t) => t.indicators);
    expect(indicators.filter((i) => i.catalog).length).toBeGreaterThan(3);
    // the very objects of the list (toContain compares by identity)
    for (const i of indicators) if (i.catalog) expect(list.indexOf(i.catalog)).toBeGreaterThanOrEqual(0);
  });
});
