/**
 * The native BIFF8 reader (io/read/biff-grid.ts) on hand-made bytes: the records that are tricky to read (a shared
 * string table split over CONTINUE records with the compressed/UTF-16 flag changing, MULRK, every RK encoding,
 * FORMULA results of each type with the STRING record after a text result, 1904 dates, number formats that make
 * dates and percentages), what it declines (BIFF5, missing or out-of-range records, duplicate cells) and damaged
 * bytes (cut anywhere: declined, never a throw). Then the read pool with ReadOptions.readLegacy on the sample's .xls.
 */
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { type Grid, isCellError } from '../../core/grid';
import { type BiffGridOutcome, BIFF_FORMULA, decodeFormula, decodeRk, readBiffGrids } from '../../io/read/biff-grid';
import { DEFAULT_READ_OPTIONS } from '../../io/read/options';
import { createReadPool } from '../../io/read/pool';
import { BOOLERR, FORMAT, FORMULA, LABELSST, MERGED, NUMBER, RK, ROW, STRING, XF, f64, ole, rec, special, u16, u32, ustr, workbookStream } from '../support/biff-writer';

const LIMITS = DEFAULT_READ_OPTIONS;
function readOk(data: Uint8Array, limits = LIMITS): { grids: Grid[]; date1904: boolean } {
  const r = readBiffGrids(data, limits);
  if (!('ok' in r) || !r.ok) throw new Error(`not read: ${JSON.stringify(r)}`);
  return r;
}
const declined = (r: BiffGridOutcome) => ('declined' in r ? r.declined : null);

// ─────────────────────────────────────────────────────────────────────────────── records

test('RK: integers, integers /100, the high 30 bits of a double, doubles /100, negatives', () => {
  expect(decodeRk((123 << 2) | 2)).toBe(123);
  expect(decodeRk((12345 << 2) | 3)).toBe(123.45);
  expect(decodeRk(((-7 << 2) | 2) >> 0)).toBe(-7);
  const hi = (v: number) => f64(v).readUInt32LE(4);
  expect(decodeRk(hi(1.5))).toBe(1.5);
  expect(decodeRk(hi(-2.25) | 1)).toBe(-0.0225);
  // the /100 integer form is what Excel writes for two-decimal figures (e.g. 0.58 as 58 /100)
  expect(decodeRk((58 << 2) | 3)).toBe(0.58);
});

test('a shared string split over CONTINUE records, the second part in UTF-16 after a new option byte; a string starting a CONTINUE', () => {
  const first = 'Latin part ';
  const second = '中文部分';
  // SST: total, unique; string 0 cut after `first` (compressed), continued in UTF-16; string 1 starts the next CONTINUE
  const s0 = Buffer.concat([u16(first.length + second.length), Buffer.from([0]), Buffer.from(first, 'latin1')]);
  const sst = rec(0x00fc, Buffer.concat([u32(3), u32(3), s0]));
  const cont1 = rec(0x003c, Buffer.concat([Buffer.from([1]), Buffer.from(second, 'utf16le')]));
  const cont2 = rec(0x003c, Buffer.concat([ustr('第二条'), ustr('third, rich'.slice(0, 5))]));
  const data = ole(workbookStream([{ name: '表', records: [LABELSST(0, 0, 0, 0), LABELSST(0, 1, 0, 1), LABELSST(1, 0, 0, 2)] }], { sst: [sst, cont1, cont2] }));
  const { grids } = readOk(data);
  expect(grids[0]!.rows[0]!.map((c) => c?.value)).toEqual([first + second, '第二条']);
  expect(grids[0]!.rows[1]![0]!.value).toBe('third');
});

test('a rich shared string (formatting runs) and one with phonetic data: the runs are skipped, even across a CONTINUE', () => {
  const rich = Buffer.concat([u16(3), Buffer.from([0x08]), u16(2), Buffer.from('abc', 'latin1')]);
  const runs = Buffer.alloc(8, 0x11);
  const ext = Buffer.concat([u16(2), Buffer.from([0x04]), u32(6), Buffer.from('xy', 'latin1')]);
  const sst = rec(0x00fc, Buffer.concat([u32(2), u32(2), rich, runs.subarray(0, 3)]));
  const cont = rec(0x003c, Buffer.concat([runs.subarray(3), ext, Buffer.alloc(6, 0x22)]));
  const { grids } = readOk(ole(workbookStream([{ name: 'S', records: [LABELSST(0, 0, 0, 0), LABELSST(0, 1, 0, 1)] }], { sst: [sst, cont] })));
  expect(grids[0]!.rows[0]!.map((c) => c?.value)).toEqual(['abc', 'xy']);
});

test('MULRK, NUMBER and number formats: built-in and FORMAT dates (also the Chinese built-ins), percentages', () => {
  const hi = (v: number) => f64(v).readUInt32LE(4);
  const mulrk = rec(0x00bd, Buffer.concat([u16(0), u16(1), u16(0), u32((5 << 2) | 2), u16(2), u32((4230000 << 2) | 3), u16(0), u32(hi(2.5)), u16(3)]));
  // XF 0 General, 1 built-in 14 (date), 2 built-in 10 (0.00%), 3 FORMAT 164 yyyy"年"m"月"d"日", 4 FORMAT 165 0.0%, 5 Chinese built-in 31
  const xfs = [0, 14, 10, 164, 165, 31];
  const formats = [FORMAT(164, 'yyyy"年"m"月"d"日"'), FORMAT(165, '0.0%')];
  const records = [mulrk, NUMBER(1, 0, 1, 42307), NUMBER(1, 1, 3, 42307.5), NUMBER(1, 2, 4, 0.583), NUMBER(1, 3, 5, 42300), NUMBER(1, 4, 0, 0.1 + 0.2)];
  const { grids } = readOk(ole(workbookStream([{ name: 'S', records }], { xfs, formats })));
  const [r0, r1] = grids[0]!.rows;
  expect(r0!.map((c) => c?.value)).toEqual([undefined, 5, 42300, 2.5]);
  expect(r0![2]!.percent).toBe(true);
  expect((r1![0]!.value as Date).toISOString()).toBe('2015-10-30T00:00:00.000Z');
  expect((r1![1]!.value as Date).toISOString()).toBe('2015-10-30T12:00:00.000Z');
  expect(r1![2]).toEqual({ value: 0.583, percent: true });
  expect((r1![3]!.value as Date).toISOString()).toBe('2015-10-23T00:00:00.000Z');
  // the exact double of the file (LibreOffice's .xlsx would say 0.3)
  expect(r1![4]!.value).toBe(0.30000000000000004);
});

test('a cell XF that does not use its own number format takes its parent style\'s (as Excel and LibreOffice do)', () => {
  // XF 0 a style with 0.00%, XF 1 a cell XF of that style with General of its own but fAtrNum clear, XF 2 the same
  // using its own General, XF 3 a cell XF whose parent is not a style (declined when a cell uses it)
  const xfs = [XF(10, { style: true }), XF(0, { parent: 0, inherit: true }), XF(0, { parent: 0 }), XF(0, { parent: 2, inherit: true })];
  const { grids } = readOk(ole(workbookStream([{ name: 'S', records: [NUMBER(0, 0, 1, 0.58), NUMBER(0, 1, 2, 0.58)] }], { xfs })));
  expect(grids[0]!.rows[0]).toEqual([{ value: 0.58, percent: true }, { value: 0.58 }]);
  expect(declined(readBiffGrids(ole(workbookStream([{ name: 'S', records: [NUMBER(0, 0, 3, 1)] }], { xfs })), LIMITS))).toMatch(/number format/);
});

test('the 1904 date system (DATEMODE): the same serial is four years and a day later', () => {
  const { grids, date1904 } = readOk(ole(workbookStream([{ name: 'S', records: [NUMBER(0, 0, 1, 40845)] }], { xfs: [0, 14], date1904: true })));
  expect(date1904).toBe(true);
  expect((grids[0]!.rows[0]![0]!.value as Date).toISOString()).toBe('2015-10-30T00:00:00.000Z');
});

test('FORMULA results: number (a date by its format), text from the STRING record, boolean, error, empty text; BOOLERR constants', () => {
  const records = [
    FORMULA(0, 0, 0, f64(12.5)),
    FORMULA(0, 1, 1, f64(42307)),
    FORMULA(0, 2, 0, special(0)),
    rec(0x04bc, Buffer.alloc(10)), // SHRFMLA between a formula and its STRING
    STRING('进度正常'),
    FORMULA(0, 3, 0, special(1, 1)),
    FORMULA(0, 4, 0, special(2, 0x07)),
    FORMULA(0, 5, 0, special(3)),
    BOOLERR(1, 0, 0, 0, false),
    BOOLERR(1, 1, 0, 0x2a, true),
    // a long text result continued in a CONTINUE, switching to UTF-16
    FORMULA(2, 0, 0, special(0)),
    rec(0x0207, Buffer.concat([u16(6), Buffer.from([0]), Buffer.from('abc', 'latin1')])),
    rec(0x003c, Buffer.concat([Buffer.from([1]), Buffer.from('中文字', 'utf16le')])),
  ];
  const { grids } = readOk(ole(workbookStream([{ name: 'S', records }], { xfs: [0, 14] })));
  const [r0, r1, r2] = grids[0]!.rows;
  expect(r0![0]).toEqual({ value: 12.5, formula: '1' });
  expect((r0![1]!.value as Date).toISOString()).toBe('2015-10-30T00:00:00.000Z');
  expect(r0!.slice(2).map((c) => c?.value)).toEqual(['进度正常', true, { error: '#DIV/0!' }, '']);
  expect(r0!.every((c) => c?.formula === '1' && !c.noResult)).toBe(true);
  expect(r1).toEqual([{ value: false }, { value: { error: '#N/A' } }]);
  expect(isCellError(r1![1]!.value)).toBe(true);
  expect(r2![0]!.value).toBe('abc中文字');
});

test('formula text: the common tokens decoded, anything else the marker', () => {
  const area = (r1: number, r2: number, c1: number, c2: number, abs = false) => Buffer.concat([Buffer.from([0x25]), u16(r1), u16(r2), u16(c1 | (abs ? 0 : 0xc000)), u16(c2 | (abs ? 0 : 0xc000))]);
  const ref = (r: number, c: number, abs = false) => Buffer.concat([Buffer.from([0x24]), u16(r), u16(c | (abs ? 0 : 0xc000))]);
  // SUM(C5:C9) as Excel writes it (tAttrSum), as a FuncVar, D5/C5, ROUND(D5*100,2)&"%", $A$1+-1, an unknown function
  expect(decodeFormula(Buffer.concat([area(4, 8, 2, 2), Buffer.from([0x19, 0x10, 0, 0])]))).toBe('SUM(C5:C9)');
  expect(decodeFormula(Buffer.concat([area(4, 8, 2, 3), Buffer.from([0x42, 1]), u16(4)]))).toBe('SUM(C5:D9)');
  expect(decodeFormula(Buffer.concat([ref(4, 3), ref(4, 2), Buffer.from([0x06])]))).toBe('D5/C5');
  expect(decodeFormula(Buffer.concat([ref(4, 3), Buffer.from([0x1e]), u16(100), Buffer.from([0x05, 0x1e]), u16(2), Buffer.from([0x41]), u16(27), Buffer.from([0x17, 1, 0]), Buffer.from('%'), Buffer.from([0x08])]))).toBe('ROUND(D5*100,2)&"%"');
  expect(decodeFormula(Buffer.concat([ref(0, 0, true), Buffer.from([0x1e]), u16(1), Buffer.from([0x13, 0x03])]))).toBe('$A$1+-1');
  expect(decodeFormula(Buffer.concat([Buffer.from([0x42, 1]), u16(300)]))).toBeNull();
  expect(decodeFormula(Buffer.from([0x01, 0, 0, 0, 0]))).toBeNull(); // PtgExp: a shared formula
  expect(decodeFormula(Buffer.from([0x03]))).toBeNull(); // an operator without operands
  expect(decodeFormula(Buffer.from([0x1e]))).toBeNull(); // cut
  // in a cell: the decoded text, or the marker
  const sum = rec(0x0006, Buffer.concat([u16(0), u16(0), u16(0), f64(3), u16(0), u32(0), u16(13), area(0, 1, 1, 1), Buffer.from([0x19, 0x10, 0, 0])]));
  const { grids } = readOk(ole(workbookStream([{ name: 'S', records: [sum, FORMULA(0, 1, 0, f64(1)), rec(0x0006, Buffer.concat([u16(0), u16(2), u16(0), f64(2), u16(0), u32(0), u16(5), Buffer.from([0x01, 0, 0, 0, 0])]))] }])));
  expect(grids[0]!.rows[0]!.map((c) => c?.formula)).toEqual(['SUM(B1:B2)', '1', BIFF_FORMULA]);
});

test('merges, hidden rows and hidden sheets come out as from an .xlsx', () => {
  const sheet1 = { name: '重点项目', records: [ROW(0, false), ROW(2, true), ROW(3, true), LABELSST(0, 0, 0, 0), NUMBER(2, 0, 0, 1), NUMBER(2, 1, 0, 2), MERGED([0, 1, 0, 3], [5, 6, 0, 0])] };
  const sst = rec(0x00fc, Buffer.concat([u32(1), u32(1), ustr('标题')]));
  const { grids } = readOk(ole(workbookStream([sheet1, { name: '隐藏', hidden: 1, records: [NUMBER(0, 0, 0, 1)] }, { name: '深度隐藏', hidden: 2, records: [] }], { sst: [sst] })));
  expect(grids.map((g) => [g.sheet, g.hidden])).toEqual([['重点项目', false], ['隐藏', true], ['深度隐藏', true]]);
  // row 4 is hidden but empty (like exceljs, only rows with values are listed); merges are clipped to the used extent
  // (columns A:B), the one below the data goes
  expect(grids[0]!.hiddenRows).toEqual([2]);
  expect(grids[0]!.merges).toEqual([{ top: 0, left: 0, bottom: 1, right: 1 }]);
  expect(grids[2]!.rows).toEqual([]);
});

// ─────────────────────────────────────────────────────────────────────────────── declined, failed, damaged

test('declined: BIFF5, a text formula without its STRING, a shared string out of range, a duplicate cell, an unknown format, a chart sheet, rows hidden by default', () => {
  const one = (records: Buffer[], o = {}) => declined(readBiffGrids(ole(workbookStream([{ name: 'S', records }], o)), LIMITS));
  expect(one([NUMBER(0, 0, 0, 1)], { version: 0x0500 })).toMatch(/BIFF|inspection/);
  expect(one([FORMULA(0, 0, 0, special(0)), NUMBER(0, 1, 0, 1)])).toMatch(/STRING/);
  expect(one([FORMULA(0, 0, 0, special(0))])).toMatch(/STRING/);
  expect(one([LABELSST(0, 0, 0, 5)])).toMatch(/shared string/);
  expect(one([NUMBER(0, 0, 0, 1), RK(0, 0, 0, 6)])).toMatch(/duplicate/);
  expect(one([NUMBER(0, 0, 1, 1)], { xfs: [0, 7] })).toMatch(/number format/);
  expect(one([NUMBER(0, 0, 3, 1)])).toMatch(/XF/);
  expect(one([rec(0x0225, [2, 0, 0, 1]), NUMBER(0, 0, 0, 1)])).toMatch(/hidden by default/);
  expect(one([BOOLERR(0, 0, 0, 0x99, true)])).toMatch(/error/);
  // a chart sheet (BOUNDSHEET type 2)
  const s = workbookStream([{ name: 'S', records: [NUMBER(0, 0, 0, 1)] }]);
  const at = s.indexOf(Buffer.from([0x85, 0x00]));
  s[at + 4 + 5] = 2;
  expect(declined(readBiffGrids(ole(s), LIMITS))).toBeTruthy();
  // not BIFF at all, a Word document, an encrypted workbook
  expect(declined(readBiffGrids(ole(Buffer.alloc(100, 7)), LIMITS))).toBeTruthy();
  expect(declined(readBiffGrids(ole(Buffer.alloc(100, 7), 'WordDocument'), LIMITS))).toBeTruthy();
  const enc = workbookStream([{ name: 'S', records: [NUMBER(0, 0, 0, 1)] }]);
  const withPass = Buffer.concat([enc.subarray(0, 20), rec(0x002f, [1, 0, 1, 0, 1, 0]), enc.subarray(20)]);
  expect(declined(readBiffGrids(ole(withPass), LIMITS))).toBeTruthy();
});

test('the reading limits give the messages of the .xlsx road', () => {
  const records = Array.from({ length: 30 }, (_, i) => NUMBER(i, 0, 0, i));
  const cells = readBiffGrids(ole(workbookStream([{ name: '明细', records }])), { ...LIMITS, maxCells: 20 });
  expect(cells).toMatchObject({ ok: false, code: 'E_TOO_LARGE' });
  expect((cells as { message: string }).message).toMatch(/单元格.*超过 20 个.*明细/);
  const sst = rec(0x00fc, Buffer.concat([u32(50), u32(50), ...Array.from({ length: 50 }, (_, i) => ustr(`s${i}`))]));
  const strings = readBiffGrids(ole(workbookStream([{ name: 'S', records: [LABELSST(0, 0, 0, 1)] }], { sst: [sst] })), { ...LIMITS, maxCells: 20 });
  expect(strings).toMatchObject({ ok: false, code: 'E_TOO_LARGE' });
  expect((strings as { message: string }).message).toMatch(/共享文字表有 50 条/);
  const rows = readBiffGrids(ole(workbookStream([{ name: 'S', records }])), { ...LIMITS, maxRows: 10 });
  expect(rows).toMatchObject({ ok: false, code: 'E_TOO_LARGE' });
});

test('a workbook cut anywhere, or with its stream cut anywhere: declined or read in full, never a throw', () => {
  const sst = rec(0x00fc, Buffer.concat([u32(2), u32(2), ustr('项目'), ustr('name')]));
  const stream = workbookStream(
    [{ name: 'S', records: [LABELSST(0, 0, 0, 0), LABELSST(0, 1, 0, 1), NUMBER(1, 0, 0, 3.5), FORMULA(1, 1, 0, special(0)), STRING('文本'), MERGED([0, 0, 0, 1])] }],
    { sst: [sst] },
  );
  const full = ole(stream);
  const whole = JSON.stringify(readOk(full));
  let read = 0;
  for (let n = 0; n < stream.length; n++) {
    const r = readBiffGrids(ole(stream.subarray(0, n)), LIMITS);
    expect('declined' in r).toBe(true);
  }
  for (let n = 0; n < full.length; n += 7) {
    const r = readBiffGrids(full.subarray(0, n), LIMITS);
    if ('declined' in r) continue;
    expect(JSON.stringify(r)).toBe(whole);
    read++;
  }
  expect(read).toBeLessThan(full.length / 7);
});

// ─────────────────────────────────────────────────────────────────────────────── the read pool

test('the read pool reads the sample .xls natively only with readLegacy; a declined file fails as before, marked', async () => {
  const county = path.resolve(__dirname, '..', '..', 'sample', 'county');
  const find = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? find(path.join(d, e.name)) : /\.xls$/.test(e.name) ? [path.join(d, e.name)] : []));
  const xls = find(county)[0]!;
  const pool = createReadPool(1);
  try {
    const native = await pool.read(xls, path.basename(xls), { readLegacy: true });
    expect(native).toMatchObject({ ok: true, legacy: 'biff8' });
    if (!native.ok) throw new Error('not read');
    expect(native.grids[0]!.rows.flat().filter(Boolean).length).toBeGreaterThan(100);
    expect(await pool.read(xls, path.basename(xls))).toMatchObject({ ok: false, code: 'E_FORMAT_XLS' });
    const biff5 = ole(workbookStream([{ name: 'S', records: [NUMBER(0, 0, 0, 1)] }], { version: 0x0500 }));
    const r = await pool.readBuffer(biff5, '旧表.xls', { readLegacy: true });
    expect(r).toMatchObject({ ok: false, code: 'E_FORMAT_XLS' });
    expect(r.ok ? null : r.legacyDeclined).toBeTruthy();
    expect(readFileSync(xls).length).toBeGreaterThan(0);
  } finally {
    await pool.close();
  }
});
