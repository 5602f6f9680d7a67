/**
 * The hostile-input corpus (issue #5): every case is generated here from code (no binary blobs in the repository),
 * shared by test/hostile.test.ts and tools/bench/hostile.ts. Each case writes one odd "town file" into a county
 * folder that also holds valid town workbooks (writeValidTowns); the CLI must reject or ignore that one file with a
 * Chinese message carrying a code, and still consolidate the valid towns with the right totals.
 *
 * The workbooks are written by a small zip/xlsx writer of our own (not exceljs), so that every byte can be bent:
 * wrong CRCs, duplicate or escaping entry names, zip64 markers, lying sizes, XML exceljs would never write. The sheet
 * that inflates past 1 GB is built without ever holding 1 GB: one block of rows is deflated once with a full flush
 * (byte-aligned, no back-references across it) and the compressed block is repeated.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

// ─────────────────────────────────────────────────────────────────────────────────────────────── zip writer

export interface ZipPart {
  name: string;
  /** Content (ignored when `raw` is given). */
  data?: Buffer | string;
  /** 0 stored, 8 deflated (default). */
  method?: 0 | 8;
  /** Pre-compressed content with its true uncompressed size and CRC (for the streamed big part). */
  raw?: { compressed: Buffer; size: number; crc: number };
  /** Overrides of what the headers say. */
  crc?: number;
  declaredSize?: number;
  /** Write the sizes as 0xffffffff with a zip64 extra field (local and central). */
  zip64?: boolean;
  flags?: number;
}

const crc32 = (b: Buffer, prev = 0): number => (zlib as unknown as { crc32(b: Buffer, p?: number): number }).crc32(b, prev);

/** A zip archive from its parts, in order (duplicates allowed). */
export function zip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    let compressed: Buffer;
    let size: number;
    let crc: number;
    const method = p.raw ? 8 : (p.method ?? 8);
    if (p.raw) {
      ({ compressed, size, crc } = p.raw);
    } else {
      const data = typeof p.data === 'string' ? Buffer.from(p.data, 'utf8') : (p.data ?? Buffer.alloc(0));
      compressed = method === 8 ? zlib.deflateRawSync(data) : data;
      size = data.length;
      crc = crc32(data);
    }
    if (p.crc !== undefined) crc = p.crc >>> 0;
    if (p.declaredSize !== undefined) size = p.declaredSize;
    const flags = (p.flags ?? 0) | 0x800;
    let extra = Buffer.alloc(0);
    let csz = compressed.length;
    let usz = size;
    if (p.zip64) {
      extra = Buffer.alloc(20);
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(16, 2);
      extra.writeBigUInt64LE(BigInt(size), 4);
      extra.writeBigUInt64LE(BigInt(compressed.length), 12);
      csz = 0xffffffff;
      usz = 0xffffffff;
    }
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(p.zip64 ? 45 : 20, 4);
    lh.writeUInt16LE(flags, 6);
    lh.writeUInt16LE(method, 8);
    lh.writeUInt32LE(0, 10);
    lh.writeUInt32LE(crc, 14);
    lh.writeUInt32LE(csz, 18);
    lh.writeUInt32LE(usz, 22);
    lh.writeUInt16LE(name.length, 26);
    lh.writeUInt16LE(extra.length, 28);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(p.zip64 ? 45 : 20, 4);
    ch.writeUInt16LE(p.zip64 ? 45 : 20, 6);
    ch.writeUInt16LE(flags, 8);
    ch.writeUInt16LE(method, 10);
    ch.writeUInt32LE(0, 12);
    ch.writeUInt32LE(crc, 16);
    ch.writeUInt32LE(csz, 20);
    ch.writeUInt32LE(usz, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt16LE(extra.length, 30);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, name, extra, compressed);
    central.push(ch, name, extra);
    offset += 30 + name.length + extra.length + compressed.length;
  }
  const cd = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(parts.length, 8);
  eocd.writeUInt16LE(parts.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

/**
 * A deflate stream of `block` repeated `times` times, built from one compressed copy of the block: deflated with
 * Z_FULL_FLUSH it is byte-aligned and refers to nothing before it, so copies can follow each other; an empty final
 * stored block ends the stream. The CRC is computed block by block. Memory: one block plus the compressed result.
 */
export function repeatedDeflate(prefix: string, block: string, times: number, suffix: string): ZipPart['raw'] {
  const pre = Buffer.from(prefix, 'utf8');
  const blk = Buffer.from(block, 'utf8');
  const suf = Buffer.from(suffix, 'utf8');
  // each piece is its own deflate stream ended by a full flush (no final block, byte-aligned): they chain
  const opts = { finishFlush: zlib.constants.Z_FULL_FLUSH };
  const chunks: Buffer[] = [zlib.deflateRawSync(pre, opts)];
  const cBlk = zlib.deflateRawSync(blk, opts);
  for (let i = 0; i < times; i++) chunks.push(cBlk);
  chunks.push(zlib.deflateRawSync(suf)); // the final block
  let crc = crc32(pre);
  for (let i = 0; i < times; i++) crc = crc32(blk, crc);
  crc = crc32(suf, crc);
  return { compressed: Buffer.concat(chunks), size: pre.length + blk.length * times + suf.length, crc };
}

// ─────────────────────────────────────────────────────────────────────────────────────────────── xlsx writer

export const xmlEscape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function colName(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export type CellValue = string | number | null | undefined;

/** Sheet XML with shared strings appended to `sst`. */
export function sheetXml(rows: CellValue[][], sst: string[], extra = ''): string {
  const out: string[] = [];
  rows.forEach((row, r) => {
    const cells: string[] = [];
    row.forEach((v, c) => {
      if (v === null || v === undefined) return;
      const ref = `${colName(c)}${r + 1}`;
      if (typeof v === 'number') cells.push(`<c r="${ref}"><v>${v}</v></c>`);
      else {
        sst.push(v);
        cells.push(`<c r="${ref}" t="s"><v>${sst.length - 1}</v></c>`);
      }
    });
    out.push(`<row r="${r + 1}">${cells.join('')}</row>`);
  });
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<sheetData>${out.join('')}</sheetData>${extra}</worksheet>`
  );
}

export function sstXml(sst: string[]): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${sst.length}" uniqueCount="${sst.length}">` +
    sst.map(s => `<si><t xml:space="preserve">${xmlEscape(s)}</t></si>`).join('') +
    '</sst>'
  );
}

const CONTENT_TYPES = (sheets: number) =>
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  Array.from({ length: sheets }, (_, i) =>
    `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  ).join('') +
  '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  '</Types>';

const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  '</Relationships>';

export const STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>' +
  '<borders count="1"><border/></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '</styleSheet>';

export function workbookXml(names: string[], raw = false): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
    names.map((n, i) => `<sheet name="${raw ? n : xmlEscape(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
    '</sheets></workbook>'
  );
}

export function workbookRels(sheets: number): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    Array.from({ length: sheets }, (_, i) =>
      `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
    ).join('') +
    `<Relationship Id="rId${sheets + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>` +
    `<Relationship Id="rId${sheets + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
    '</Relationships>'
  );
}

export interface SheetSpec {
  name: string;
  rows?: CellValue[][];
  /** Whole sheet XML (then rows are ignored). */
  xml?: string;
  /** Appended after </sheetData> (mergeCells, dataValidations…). */
  extra?: string;
  /** Rewrites the generated sheet XML (rows written with the workbook's shared strings). */
  edit?: (xml: string) => string;
  /** Pre-compressed part. */
  raw?: ZipPart['raw'];
}

/** The parts of a workbook; `patch` may change, add or remove parts before zipping. */
export function xlsxParts(sheets: SheetSpec[], o: { rawNames?: boolean; sst?: string; workbook?: string; rels?: string } = {}): ZipPart[] {
  const sst: string[] = [];
  const sheetParts: ZipPart[] = sheets.map((s, i) =>
    s.raw
      ? { name: `xl/worksheets/sheet${i + 1}.xml`, raw: s.raw }
      : { name: `xl/worksheets/sheet${i + 1}.xml`, data: s.xml ?? (s.edit ?? (x => x))(sheetXml(s.rows ?? [], sst, s.extra ?? '')) },
  );
  return [
    { name: '[Content_Types].xml', data: CONTENT_TYPES(sheets.length) },
    { name: '_rels/.rels', data: ROOT_RELS },
    { name: 'xl/workbook.xml', data: o.workbook ?? workbookXml(sheets.map(s => s.name), o.rawNames) },
    { name: 'xl/_rels/workbook.xml.rels', data: o.rels ?? workbookRels(sheets.length) },
    { name: 'xl/styles.xml', data: STYLES },
    { name: 'xl/sharedStrings.xml', data: o.sst ?? sstXml(sst) },
    ...sheetParts,
  ];
}

export const xlsx = (sheets: SheetSpec[], o?: Parameters<typeof xlsxParts>[1]): Buffer => zip(xlsxParts(sheets, o));

// ─────────────────────────────────────────────────────────────────────────────────────────────── valid towns

export const HEADER = ['序号', '项目名称', '项目类别', '总投资', '年度计划投资', '本周完成', '1-10月累计完成投资', '项目组长', '存在问题', '状态'];
export const AS_OF = '2015-10-31';

/** A project table of a town (amounts in 万元). */
export function townRows(town: string, projects: [string, number, number, number, number][]): CellValue[][] {
  return [
    [`${town}重点项目推进情况表（截至2015年10月31日）`],
    ['单位：万元'],
    HEADER,
    ...projects.map(([name, total, plan, week, ytd], i) => [i + 1, name, '基础设施', total, plan, week, ytd, '张明', null, '在建']),
  ];
}

export interface ValidTown {
  town: string;
  file: string;
  projects: [string, number, number, number, number][];
  /** Expected totals. */
  totalInvestment: number;
  annualPlan: number;
  completedYtd: number;
}

export const VALID_TOWNS: ValidTown[] = [
  { town: '云峰镇', file: '云峰镇.xlsx', projects: [['云峰大道', 5000, 2000, 50, 1800], ['污水处理厂', 8000, 3000, 0, 1500]], totalInvestment: 13000, annualPlan: 5000, completedYtd: 3300 },
  { town: '东溪镇', file: '东溪镇.xlsx', projects: [['东溪桥', 1000, 500, 20, 400]], totalInvestment: 1000, annualPlan: 500, completedYtd: 400 },
];

export const ROSTER_CSV = '\ufeff乡镇名称,别名\n' + VALID_TOWNS.map(t => `${t.town},`).join('\n') + '\n';

export async function writeValidTowns(dir: string): Promise<void> {
  await fsp.mkdir(dir, { recursive: true });
  for (const t of VALID_TOWNS) {
    await fsp.writeFile(path.join(dir, t.file), xlsx([{ name: '重点项目', rows: townRows(t.town, t.projects) }]));
  }
}

// ─────────────────────────────────────────────────────────────────────────────────────────────── the cases

export interface HostileCase {
  id: string;
  /** What the case is, in a few words. */
  title: string;
  /** Name of the file (or link, or folder) it writes, relative to the county folder, as the report shows it. */
  file: string;
  /** Writes the case into the folder. Returns a reason when the case cannot be made meaningful here (then skipped). */
  build(dir: string): Promise<string | void>;
  /** Expected code on that file, and status of the file in the report. */
  code: string;
  status: 'rejected' | 'ignored';
  /** Heavy cases are run on their own (memory is measured per run). */
  heavy?: boolean;
}

/** A town workbook that reads well but whose town is not in the roster: the core rejects it with E_TOWN_UNKNOWN. */
const strayTown = (name = '试验镇') => townRows(name, [['试验项目', 100, 50, 1, 20]]);

const OLE_MAGIC = Buffer.from('d0cf11e0a1b11ae1', 'hex');

/** A minimal OLE2 compound file whose directory holds one stream name (e.g. EncryptedPackage, Workbook). */
export function ole2(streams: string[]): Buffer {
  const sector = 512;
  const header = Buffer.alloc(sector);
  OLE_MAGIC.copy(header, 0);
  header.writeUInt16LE(0x3e, 24); // minor version
  header.writeUInt16LE(3, 26); // major version 3
  header.writeUInt16LE(0xfffe, 28); // byte order
  header.writeUInt16LE(9, 30); // sector shift
  header.writeUInt16LE(6, 32); // mini sector shift
  header.writeUInt32LE(1, 44); // number of FAT sectors
  header.writeUInt32LE(1, 48); // first directory sector
  header.writeUInt32LE(4096, 56); // mini stream cutoff
  header.writeUInt32LE(0xfffffffe, 60); // first mini FAT sector
  header.writeUInt32LE(0xfffffffe, 68); // first DIFAT sector
  header.writeUInt32LE(0, 76); // DIFAT[0] = sector 0 is the FAT
  for (let i = 1; i < 109; i++) header.writeUInt32LE(0xffffffff, 76 + i * 4);
  const fat = Buffer.alloc(sector, 0xff);
  fat.writeUInt32LE(0xfffffffd, 0); // FAT sector
  fat.writeUInt32LE(0xfffffffe, 4); // directory: end of chain
  const dir = Buffer.alloc(sector);
  const entry = (i: number, name: string, type: number) => {
    const n = Buffer.from(name + '\0', 'utf16le');
    n.copy(dir, i * 128);
    dir.writeUInt16LE(n.length, i * 128 + 64);
    dir.writeUInt8(type, i * 128 + 66);
    dir.writeUInt32LE(0xffffffff, i * 128 + 68);
    dir.writeUInt32LE(0xffffffff, i * 128 + 72);
    dir.writeUInt32LE(0xffffffff, i * 128 + 76);
  };
  entry(0, 'Root Entry', 5);
  streams.slice(0, 3).forEach((s, i) => entry(i + 1, s, 2));
  if (streams.length) dir.writeUInt32LE(1, 76); // root's child
  return Buffer.concat([header, fat, dir]);
}

const write = (dir: string, name: string, data: Buffer | string) => fsp.writeFile(path.join(dir, name), data);

const BILLION_LAUGHS_DTD =
  '<!DOCTYPE lolz [<!ENTITY lol "lol">' +
  Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('') +
  ']>';

/** Puts a DTD right after the XML declaration of a part. */
const withDtd = (xml: string, dtd: string, entityUse: string, where: RegExp) =>
  xml.replace('?>\n', `?>\n${dtd}`).replace(where, m => m.replace(/>$/, `>${entityUse}`));


export const HOSTILE_CASES: HostileCase[] = [
  {
    id: 'empty', title: '空文件（0 字节）', file: '空文件.xlsx', code: 'E_EMPTY_FILE', status: 'rejected',
    build: d => write(d, '空文件.xlsx', Buffer.alloc(0)),
  },
  {
    id: 'not-zip', title: '文本文件改名 .xlsx', file: '文本.xlsx', code: 'E_NOT_XLSX', status: 'rejected',
    build: d => write(d, '文本.xlsx', '乡镇,项目\n试验镇,道路\n'),
  },
  {
    id: 'html-xls', title: '网页导出的 .xls（HTML）', file: '网页导出.xls', code: 'E_FORMAT_XLS', status: 'rejected',
    build: d => write(d, '网页导出.xls', '<html><body><table><tr><td>1</td></tr></table></body></html>'),
  },
  {
    id: 'truncated-zip', title: '截断的 zip（有效工作簿截去后半）', file: '截断.xlsx', code: 'E_NOT_XLSX', status: 'rejected',
    build: d => {
      const b = xlsx([{ name: 'S', rows: strayTown() }]);
      return write(d, '截断.xlsx', b.subarray(0, Math.floor(b.length / 2)));
    },
  },
  {
    id: 'encrypted-ole', title: '设密码的工作簿（OLE2 + EncryptedPackage）', file: '加密.xlsx', code: 'E_ENCRYPTED', status: 'rejected',
    build: d => write(d, '加密.xlsx', ole2(['EncryptionInfo', 'EncryptedPackage'])),
  },
  {
    id: 'zip-encrypted', title: 'zip 加密位', file: 'zip加密.xlsx', code: 'E_ENCRYPTED', status: 'rejected',
    build: d => write(d, 'zip加密.xlsx', zip(xlsxParts([{ name: 'S', rows: strayTown() }]).map(p => ({ ...p, flags: 1 })))),
  },
  {
    // an OLE2 file whose Workbook stream holds no BIFF records: recognised as broken before any conversion (#11)
    id: 'xls-ole', title: '.xls（OLE2，Workbook 流无 BIFF 内容）', file: '旧格式.xls', code: 'E_READ_FAILED', status: 'rejected',
    build: d => write(d, '旧格式.xls', ole2(['Workbook'])),
  },
  {
    id: 'et-ole', title: 'WPS .et（OLE2，Workbook 流无 BIFF 内容）', file: 'WPS表格.et', code: 'E_READ_FAILED', status: 'rejected',
    build: d => write(d, 'WPS表格.et', ole2(['Workbook'])),
  },
  {
    id: 'xls-as-xlsx', title: '.xls 内容改名 .xlsx', file: '旧格式改名.xlsx', code: 'E_FORMAT_XLS', status: 'rejected',
    build: d => write(d, '旧格式改名.xlsx', ole2(['Workbook'])),
  },
  {
    id: 'docx', title: 'Word 文档改名 .xlsx', file: '通知.xlsx', code: 'E_NOT_XLSX', status: 'rejected',
    build: d => write(d, '通知.xlsx', zip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/document.xml', data: '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>' },
    ])),
  },
  {
    id: 'zip-no-workbook', title: '不含工作簿部件的 zip', file: '压缩包.xlsx', code: 'E_NOT_XLSX', status: 'rejected',
    build: d => write(d, '压缩包.xlsx', zip([{ name: 'readme.txt', data: '说明' }, { name: 'data/1.csv', data: 'a,b' }])),
  },
  {
    id: 'malformed-xml', title: '工作表 XML 不闭合', file: '坏XML.xlsx', code: 'E_READ_FAILED', status: 'rejected',
    build: d => write(d, '坏XML.xlsx', xlsx([{ name: 'S', xml: '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><v>1</v></row>' }])),
  },
  {
    id: 'inflate-1gb', title: '工作表解压后超过 1 GB（如实声明大小）', file: '解压1GB.xlsx', code: 'E_TOO_LARGE', status: 'rejected', heavy: true,
    build: d => write(d, '解压1GB.xlsx', xlsx([{ name: 'S', raw: bigSheet() }])),
  },
  {
    id: 'inflate-1gb-lying', title: '工作表解压后超过 1 GB（目录谎报为 1 KB）', file: '解压1GB谎报.xlsx', code: 'E_READ_FAILED', status: 'rejected', heavy: true,
    build: d => {
      const parts = xlsxParts([{ name: 'S', raw: bigSheet() }]);
      parts[parts.length - 1]!.declaredSize = 1024;
      return write(d, '解压1GB谎报.xlsx', zip(parts));
    },
  },
  {
    id: 'laughs-sheet', title: '工作表中的 DOCTYPE 与嵌套实体（billion laughs）', file: '实体炸弹表.xlsx', code: 'E_READ_FAILED', status: 'rejected', heavy: true,
    build: d => write(d, '实体炸弹表.xlsx', xlsx([{
      name: 'S',
      rows: strayTown(), edit: x => x.replace('?>\n', `?>\n${BILLION_LAUGHS_DTD}`).replace('<sheetData>', '<sheetData><row r="100"><c r="A100" t="inlineStr"><is><t>&lol9;</t></is></c></row>'),
    }])),
  },
  {
    id: 'laughs-sst', title: 'sharedStrings 中的 billion laughs', file: '实体炸弹共享串.xlsx', code: 'E_READ_FAILED', status: 'rejected', heavy: true,
    build: d => {
      const sst: string[] = [];
      const sheet = sheetXml(strayTown(), sst);
      const sstX = withDtd(sstXml(sst), BILLION_LAUGHS_DTD, '&lol9;', /<t xml:space="preserve">/);
      return write(d, '实体炸弹共享串.xlsx', xlsx([{ name: 'S', xml: sheet }], { sst: sstX }));
    },
  },
  {
    id: 'laughs-workbook', title: 'workbook.xml 中的 billion laughs（工作表名）', file: '实体炸弹工作簿.xlsx', code: 'E_READ_FAILED', status: 'rejected', heavy: true,
    build: d => write(d, '实体炸弹工作簿.xlsx', xlsx([{ name: '&lol9;', rows: strayTown() }], {
      rawNames: true,
      workbook: workbookXml(['&lol9;'], true).replace('?>\n', `?>\n${BILLION_LAUGHS_DTD}`),
    })),
  },
  {
    id: 'doctype-external', title: 'DOCTYPE 外部实体（file:///etc/passwd）', file: '外部实体.xlsx', code: 'E_READ_FAILED', status: 'rejected',
    build: d => write(d, '外部实体.xlsx', xlsx([{
      name: 'S',
      rows: strayTown(), edit: x => x.replace('?>\n', '?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>').replace('<sheetData>', '<sheetData><row r="50"><c r="A50" t="inlineStr"><is><t>&xxe;</t></is></c></row>'),
    }])),
  },
  {
    id: 'max-rows', title: '1,048,576 行的工作表', file: '百万行.xlsx', code: 'E_TOO_LARGE', status: 'rejected', heavy: true,
    build: d => write(d, '百万行.xlsx', xlsx([{ name: 'S', raw: manyRowsSheet(1048576) }])),
  },
  {
    id: 'max-cols', title: '16,384 列的工作表', file: '满列.xlsx', code: 'E_TOO_LARGE', status: 'rejected',
    build: d => write(d, '满列.xlsx', xlsx([{ name: 'S', rows: [...strayTown(), Array.from({ length: 16384 }, (_, i) => i)] }])),
  },
  {
    id: 'xfd-one-cell', title: '一个单元格在 XFD1048576', file: '远端单元格.xlsx', code: 'E_TOO_LARGE', status: 'rejected',
    build: d => write(d, '远端单元格.xlsx', xlsx([{ name: 'S', rows: strayTown(), edit: x => x.replace('</sheetData>', '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>') }])),
  },
  {
    id: 'long-cells', title: '32,767 字的单元格（Excel 上限，可读）', file: '长文本.xlsx', code: 'E_TOWN_UNKNOWN', status: 'rejected',
    build: d => {
      const rows = strayTown();
      rows[3]![8] = '问'.repeat(32767);
      rows[0]![3] = 'x'.repeat(32767);
      return write(d, '长文本.xlsx', xlsx([{ name: 'S', rows }]));
    },
  },
  {
    id: 'too-long-cell', title: '32,768 字的单元格（超过 Excel 上限）', file: '超长文本.xlsx', code: 'E_TOO_LARGE', status: 'rejected',
    build: d => {
      const rows = strayTown();
      rows[3]![8] = '问'.repeat(32768);
      return write(d, '超长文本.xlsx', xlsx([{ name: 'S', rows }]));
    },
  },
  {
    id: 'control-chars', title: '单元格与工作表名中未转义的控制字符（XML 不允许）', file: '控制字符.xlsx', code: 'E_READ_FAILED', status: 'rejected',
    build: d => {
      const rows = strayTown('试\u0001验\u001f镇');
      rows[3]![1] = '项\u0000目\u0007\u001b[31m红\u007f';
      rows[3]![8] = '\u202e倒序\u200b零宽\ufeff';
      // &#1; is not allowed in XML 1.0: written as raw control bytes in the shared strings and the sheet name
      return write(d, '控制字符.xlsx', xlsx([{ name: '表\u0002名\u0008', rows }], { rawNames: true }));
    },
  },
  {
    id: 'control-chars-escaped', title: '单元格中转义的控制字符（_x0001_、&#9;）与双向/零宽字符', file: '控制字符转义.xlsx', code: 'E_TOWN_UNKNOWN', status: 'rejected',
    build: d => {
      const rows = strayTown('试_x0001_验_x001F_镇');
      rows[3]![1] = '项_x0000_目\t\u007f红';
      rows[3]![8] = '\u202e倒序\u200b零宽\ufeff';
      return write(d, '控制字符转义.xlsx', xlsx([{ name: '表\u200b名', rows }]));
    },
  },
  {
    id: 'sheet-dup-case', title: '只差大小写的重名工作表（Sheet 与 SHEET）', file: '重名工作表.xlsx', code: 'E_READ_FAILED', status: 'rejected',
    build: d => write(d, '重名工作表.xlsx', xlsx([{ name: 'Sheet', rows: strayTown() }, { name: 'SHEET', rows: [['x']] }])),
  },
  {
    id: 'sheet-bad-chars', title: '工作表名含 []:*?/\\', file: '非法工作表名.xlsx', code: 'E_READ_FAILED', status: 'rejected',
    build: d => write(d, '非法工作表名.xlsx', xlsx([{ name: 'a[b]:c*d?e/f\\g', rows: strayTown() }])),
  },
  {
    id: 'sheet-long-name', title: '超过 31 字的工作表名（两个只在 31 字后不同）', file: '长工作表名.xlsx', code: 'E_READ_FAILED', status: 'rejected',
    build: d => write(d, '长工作表名.xlsx', xlsx([{ name: '很长的工作表名'.repeat(5) + '甲', rows: strayTown() }, { name: '很长的工作表名'.repeat(5) + '乙', rows: [['x']] }])),
  },
  {
    id: 'sheet-long-name-ok', title: '超过 31 字的工作表名（只有一个：照常读取）', file: '长工作表名可读.xlsx', code: 'E_TOWN_UNKNOWN', status: 'rejected',
    build: d => write(d, '长工作表名可读.xlsx', xlsx([{ name: '很长的工作表名'.repeat(6), rows: strayTown() }])),
  },
  {
    id: 'sheet-empty-name', title: '空的工作表名', file: '空工作表名.xlsx', code: 'E_READ_FAILED', status: 'rejected',
    build: d => write(d, '空工作表名.xlsx', xlsx([{ name: '', rows: strayTown() }])),
  },
  {
    id: 'path-town-title', title: '标题/填报单位中的路径字符（../、/、\\、:）', file: '路径标题.xlsx', code: 'E_TOWN_UNKNOWN', status: 'rejected',
    build: d => {
      const rows = strayTown('../../etc/passwd镇');
      rows.splice(1, 0, ['填报单位：C:\\Windows\\..\\系统镇/子:镇']);
      return write(d, '路径标题.xlsx', xlsx([{ name: 'S', rows }]));
    },
  },
  {
    id: 'path-file-name', title: '文件名含 ..、\\、: 与换行', file: '..\\..\\坏:镇\n名.xlsx', code: 'E_TOWN_UNKNOWN', status: 'rejected',
    build: d => write(d, '..\\..\\坏:镇\n名.xlsx', xlsx([{ name: 'S', rows: strayTown('..\\坏:镇') }])),
  },
  {
    id: 'zip-dup-entries', title: 'zip 中重名的条目（两份 sheet1.xml）', file: '重复条目.xlsx', code: 'E_READ_FAILED', status: 'rejected',
    build: d => {
      const parts = xlsxParts([{ name: 'S', rows: strayTown() }]);
      parts.push({ name: 'xl/worksheets/sheet1.xml', data: sheetXml([[2]], []) });
      parts.push({ name: 'xl/workbook.xml', data: '<not-xml' });
      return write(d, '重复条目.xlsx', zip(parts));
    },
  },
  {
    id: 'zip-slip', title: 'zip 条目名为绝对路径与 ../', file: '越界条目.xlsx', code: 'E_TOWN_UNKNOWN', status: 'rejected',
    build: d => {
      const parts = xlsxParts([{ name: 'S', rows: strayTown() }]);
      parts.push({ name: '../../../tmp/xcs-zip-slip.txt', data: 'x' }, { name: '/etc/xcs-zip-slip', data: 'x' }, { name: 'C:\\xcs.txt', data: 'x' });
      return write(d, '越界条目.xlsx', zip(parts));
    },
  },
  {
    id: 'bad-crc', title: 'CRC 错误的工作表部件', file: 'CRC错误.xlsx', code: 'E_READ_FAILED', status: 'rejected',
    build: d => {
      const parts = xlsxParts([{ name: 'S', rows: strayTown() }]);
      parts[parts.length - 1]!.crc = 0xdeadbeef;
      return write(d, 'CRC错误.xlsx', zip(parts));
    },
  },
  {
    id: 'zip64', title: 'zip64 标记（大小写为 0xffffffff，另有 zip64 扩展字段）', file: 'zip64.xlsx', code: 'E_TOWN_UNKNOWN', status: 'rejected',
    build: d => write(d, 'zip64.xlsx', zip(xlsxParts([{ name: 'S', rows: strayTown() }]).map(p => ({ ...p, zip64: true })))),
  },
  {
    id: 'missing-sheet-part', title: '工作簿关系指向不存在的工作表', file: '缺工作表.xlsx', code: 'E_READ_FAILED', status: 'rejected',
    build: d => write(d, '缺工作表.xlsx', zip(xlsxParts([{ name: 'S', rows: strayTown() }, { name: 'T', rows: [['x']] }]).filter(p => p.name !== 'xl/worksheets/sheet2.xml'))),
  },
  {
    id: 'bad-refs', title: '无效单元格引用 A0、XFE1、空引用', file: '无效引用.xlsx', code: 'E_READ_FAILED', status: 'rejected',
    build: d => write(d, '无效引用.xlsx', xlsx([{ name: 'S', rows: strayTown(), edit: x => x.replace('</sheetData>', '<row r="20"><c r="A0"><v>1</v></c><c r="XFE1"><v>2</v></c><c r=""><v>3</v></c></row></sheetData>') }])),
  },
  {
    id: 'odd-numbers', title: '<v> 中的 1e309、NaN、-0、Infinity', file: '怪数字.xlsx', code: 'E_FORMULA_ERROR', status: 'rejected',
    build: d => {
      let k = 0;
      const odd = ['1e309', 'NaN', 'Infinity', '-0'];
      const rows = townRows('试验镇', [['甲', 100, 50, 1, 20], ['乙', 100, 50, 1, 20], ['丙', 100, 50, 1, 20], ['丁', 100, 50, 1, 20]]);
      return write(d, '怪数字.xlsx', xlsx([{ name: 'S', rows, edit: x => x.replace(/<c r="D[4567]"><v>100<\/v>/g, m => m.replace('100', odd[k++]!)) }]));
    },
  },
  {
    id: 'sst-out-of-range', title: '共享字符串序号越界', file: '共享串越界.xlsx', code: 'E_READ_FAILED', status: 'rejected',
    build: d => write(d, '共享串越界.xlsx', xlsx([{ name: 'S', rows: strayTown(), edit: x => x.replace('</sheetData>', '<row r="30"><c r="A30" t="s"><v>999999</v></c><c r="B30" t="s"><v>-1</v></c><c r="C30" t="s"><v>abc</v></c></row></sheetData>') }])),
  },
  {
    id: 'style-out-of-range', title: '样式序号越界', file: '样式越界.xlsx', code: 'E_TOWN_UNKNOWN', status: 'rejected',
    build: d => write(d, '样式越界.xlsx', xlsx([{ name: 'S', rows: strayTown(), edit: x => x.replace(/<c r="D4">/, '<c r="D4" s="99999">').replace(/<c r="E4">/, '<c r="E4" s="-3">') }])),
  },
  {
    id: 'huge-merges', title: '10 万个合并区域（其中一半互相重叠）', file: '大量合并.xlsx', code: 'E_TOWN_UNKNOWN', status: 'rejected', heavy: true,
    build: d => {
      const rows = strayTown();
      rows[419] = [];
      rows[419]![998] = 1; // the used extent reaches row 420, column 999: the merges are inside it
      const merges: string[] = [];
      for (let r = 20; r < 420; r += 2) {
        for (let c = 0; c < 250; c++) merges.push(`<mergeCell ref="${colName(c * 2)}${r}:${colName(c * 2 + 1)}${r + 1}"/>`);
      }
      for (let r = 20; r < 420; r += 2) {
        for (let c = 0; c < 250; c++) merges.push(`<mergeCell ref="${colName(c * 2 + 1)}${r + 1}:${colName(c * 2 + 2)}${r + 1}"/>`);
      }
      return write(d, '大量合并.xlsx', xlsx([{ name: 'S', rows, extra: `<mergeCells count="${merges.length}">${merges.join('')}</mergeCells>` }]));
    },
  },
  {
    id: 'merge-whole-sheet', title: '合并整张表 A1:XFD1048576（只剩左上角的值：无表格）', file: '整表合并.xlsx', code: 'E_NO_TABLE', status: 'rejected',
    build: d => write(d, '整表合并.xlsx', xlsx([{ name: 'S', rows: strayTown(), extra: '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>' }])),
  },
  {
    id: 'many-cells', title: '99,999 行 × 12 列 = 120 万个数字单元格（超过单元格总数上限）', file: '百万单元格.xlsx', code: 'E_TOO_LARGE', status: 'rejected', heavy: true,
    build: d => write(d, '百万单元格.xlsx', numberSheetBook(99999, 12)),
  },
  {
    id: 'cells-under-limit', title: '24,000 行 × 12 列 = 28.8 万个数字单元格（上限之内：照常读取，无表格）', file: '近上限单元格.xlsx', code: 'E_NO_TABLE', status: 'rejected', heavy: true,
    build: d => write(d, '近上限单元格.xlsx', numberSheetBook(24000, 12)),
  },
  {
    id: 'padding-under-limit', title: '工作表 XML 有 60 MB 的无关内容（上限之内：照常读取）', file: '大块填充.xlsx', code: 'E_TOWN_UNKNOWN', status: 'rejected', heavy: true,
    build: d => write(d, '大块填充.xlsx', paddedBook(60)),
  },
  {
    id: 'padding-over-limit', title: '工作表 XML 有 100 MB 的无关内容（如实声明，超过上限）', file: '超大填充.xlsx', code: 'E_TOO_LARGE', status: 'rejected', heavy: true,
    build: d => write(d, '超大填充.xlsx', paddedBook(100)),
  },
  {
    id: 'many-shared-strings', title: '300 万条共享字符串（表中不引用）', file: '海量共享串.xlsx', code: 'E_TOO_LARGE', status: 'rejected', heavy: true,
    build: d => {
      const sst: string[] = [];
      const sheet = sheetXml(strayTown(), sst);
      const head = sstXml(sst).replace('</sst>', '');
      const parts = xlsxParts([{ name: 'S', xml: sheet }]);
      const i = parts.findIndex(p => p.name === 'xl/sharedStrings.xml');
      parts[i] = { name: 'xl/sharedStrings.xml', raw: repeatedDeflate(head, '<si><t>一二三四五六七八</t></si>'.repeat(1000), 3000, '</sst>') };
      return write(d, '海量共享串.xlsx', zip(parts));
    },
  },
  {
    id: 'many-sheets', title: '3,000 个工作表', file: '三千工作表.xlsx', code: 'E_TOWN_UNKNOWN', status: 'rejected', heavy: true,
    build: d => write(d, '三千工作表.xlsx', xlsx([{ name: 'S', rows: strayTown() }, ...Array.from({ length: 2999 }, (_, i) => ({ name: `T${i}`, rows: [[i]] }))])),
  },
  {
    id: 'deep-nesting', title: '20 万层嵌套的 XML 元素', file: '深层嵌套.xlsx', code: 'E_TOWN_UNKNOWN', status: 'rejected', heavy: true,
    build: d => write(d, '深层嵌套.xlsx', xlsx([{ name: 'S', rows: strayTown(), extra: `<extLst>${'<ext>'.repeat(200000)}${'</ext>'.repeat(200000)}</extLst>` }])),
  },
  {
    id: 'rels-escape', title: '工作簿关系指向包外（../../etc/passwd）', file: '关系越界.xlsx', code: 'E_READ_FAILED', status: 'rejected',
    build: d => write(d, '关系越界.xlsx', xlsx([{ name: 'S', rows: strayTown() }], { rels: workbookRels(1).replace('worksheets/sheet1.xml', '../../../../etc/passwd') })),
  },
  {
    id: 'whole-sheet-validation', title: '整表数据验证与条件格式', file: '整表验证.xlsx', code: 'E_TOWN_UNKNOWN', status: 'rejected',
    build: d => write(d, '整表验证.xlsx', xlsx([{
      name: 'S', rows: strayTown(),
      extra:
        '<conditionalFormatting sqref="A1:XFD1048576"><cfRule type="expression" priority="1"><formula>TRUE</formula></cfRule></conditionalFormatting>' +
        '<dataValidations count="2"><dataValidation type="list" sqref="A1:XFD1048576"><formula1>"a,b"</formula1></dataValidation>' +
        '<dataValidation type="whole" sqref="A:XFD 1:1048576"><formula1>0</formula1></dataValidation></dataValidations>',
    }])),
  },
  {
    id: 'directory', title: '名为 x.xlsx 的文件夹', file: '文件夹.xlsx', code: 'E_READ_FAILED', status: 'rejected',
    build: async d => {
      await fsp.mkdir(path.join(d, '文件夹.xlsx'));
      await write(d, path.join('文件夹.xlsx', '说明.txt'), 'x');
    },
  },
  {
    id: 'symlink-loop', title: '循环的符号链接', file: '循环链接.xlsx', code: 'E_READ_FAILED', status: 'rejected',
    build: async d => {
      await fsp.symlink('循环链接2.xlsx', path.join(d, '循环链接.xlsx'));
      await fsp.symlink('循环链接.xlsx', path.join(d, '循环链接2.xlsx'));
    },
  },
  {
    id: 'dangling-symlink', title: '指向不存在文件的符号链接', file: '断开链接.xlsx', code: 'E_READ_FAILED', status: 'rejected',
    build: d => fsp.symlink('/nonexistent/xcs/哪里.xlsx', path.join(d, '断开链接.xlsx')),
  },
  {
    id: 'fifo', title: '名为 x.xlsx 的命名管道（打开会一直等待）', file: '管道.xlsx', code: 'E_READ_FAILED', status: 'rejected',
    build: async d => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
      const r = spawnSync('mkfifo', [path.join(d, '管道.xlsx')]);
      return r.status === 0 ? undefined : '本机没有 mkfifo，此例跳过';
    },
  },
  {
    id: 'unreadable', title: '没有读取权限的文件（chmod 000）', file: '无权限.xlsx', code: 'E_READ_FAILED', status: 'rejected',
    build: async d => {
      const f = path.join(d, '无权限.xlsx');
      await fsp.writeFile(f, xlsx([{ name: 'S', rows: strayTown() }]));
      await fsp.chmod(f, 0);
      try {
        const h = await fsp.open(f, 'r');
        await h.close();
        await fsp.rm(f);
        return '以 root 运行，chmod 000 挡不住读取，此例跳过';
      } catch {
        return undefined;
      }
    },
  },
  {
    id: 'newline-docx', title: '文件名含换行的 .docx（非表格，忽略）', file: '说明\n文档.docx', code: 'SKIP_NOT_SPREADSHEET', status: 'ignored',
    build: d => write(d, '说明\n文档.docx', 'x'),
  },
];

/** A sheet whose XML inflates to just over 1 GiB of rows (and whose rows are far more than the row limit). */
export function bigSheet(): ZipPart['raw'] {
  const head = sheetXml([], []).replace('<sheetData></sheetData></worksheet>', '<sheetData>');
  const block = '<row><c t="inlineStr"><is><t>0000000000</t></is></c></row>'.repeat(1 << 14); // ~880 KB
  const times = Math.ceil((1 << 30) / block.length) + 1;
  return repeatedDeflate(head, block, times, '</sheetData></worksheet>');
}

/** A sheet of `n` rows of one number each, streamed the same way (honest sizes, ~30 MB inflated for 1,048,576). */
export function manyRowsSheet(n: number): ZipPart['raw'] {
  const head = sheetXml([], []).replace('<sheetData></sheetData></worksheet>', '<sheetData>');
  const per = 1 << 12;
  const block = '<row><c><v>1</v></c></row>'.repeat(per);
  return repeatedDeflate(head, block, Math.ceil(n / per), '</sheetData></worksheet>');
}

/** One sheet of `rows` × `cols` number cells, written as raw XML (exceljs would take long to build it). */
function numberSheetBook(rows: number, cols: number): Buffer {
  const xml: string[] = [];
  for (let r = 1; r <= rows; r++) {
    let cells = '';
    for (let c = 0; c < cols; c++) cells += `<c r="${colName(c)}${r}"><v>${r + c}</v></c>`;
    xml.push(`<row r="${r}">${cells}</row>`);
  }
  return xlsx([{ name: 'S', rows: [], edit: x => x.replace('<sheetData></sheetData>', `<sheetData>${xml.join('')}</sheetData>`) }]);
}

/** A stray-town workbook whose sheet carries `mb` MB of <extLst> padding (honest sizes, streamed). */
export function paddedBook(mb: number): Buffer {
  const sst: string[] = [];
  const sheet = sheetXml(strayTown(), sst);
  const cut = sheet.indexOf('</worksheet>');
  const block = '<ext uri="{00000000-0000-0000-0000-000000000000}"><x/></ext>'.repeat(1000);
  const raw = repeatedDeflate(`${sheet.slice(0, cut)}<extLst>`, block, Math.ceil((mb * 1048576) / block.length), '</extLst></worksheet>');
  const parts = xlsxParts([{ name: 'S', raw }], { sst: sstXml(sst) });
  return zip(parts);
}

/** Builds one case (plus the valid towns) into `dir`; returns a skip reason or undefined. */
export async function buildCase(c: HostileCase, dir: string): Promise<string | undefined> {
  await writeValidTowns(dir);
  return (await c.build(dir)) ?? undefined;
}

// ─────────────────────────────────────────────────────────────────────────────────────────────── running the CLI

export interface CliRun {
  /** Exit code (null when killed by the guard). */
  code: number | null;
  stdout: string;
  stderr: string;
  /** Parsed --json report (null when not written). */
  report: JsonReport | null;
  /** Peak resident memory of the CLI process (its read workers are threads: included), MB; null if not measured. */
  maxRssMb: number | null;
  seconds: number;
  timedOut: boolean;
}

export interface JsonReport {
  files: { file: string; town: string | null; status: string; issues: { severity: string; code: string; message: string }[] }[];
  towns: { town: string; status: string; projects: { totalInvestment: number; annualPlan: number; completedYtd: number; count: number } | null }[];
  county: { projects: { totalInvestment: number; annualPlan: number; completedYtd: number; count: number } | null };
}

const TIME_BIN = '/usr/bin/time';

/**
 * Runs dist/cli/consolidate.js on `folder` (roster and outputs in `work`), under /usr/bin/time for the peak RSS
 * when it exists, with a hang guard (the child is killed after guardMs).
 */
export function runConsolidate(cli: string, folder: string, work: string, guardMs = 60000): CliRun {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fs = require('node:fs') as typeof import('node:fs');
  const roster = path.join(work, 'roster.csv');
  fs.writeFileSync(roster, ROSTER_CSV);
  const json = path.join(work, 'report.json');
  fs.rmSync(json, { force: true });
  const args = [cli, folder, '--roster', roster, '--as-of', AS_OF, '--out', path.join(work, 'summary.xlsx'), '--json', json, '--jobs', '2'];
  const timed = fs.existsSync(TIME_BIN);
  const t0 = process.hrtime.bigint();
  const r = timed
    ? spawnSync(TIME_BIN, ['-f', 'XCS_MAXRSS_KB=%M', process.execPath, ...args], { encoding: 'utf8', timeout: guardMs, killSignal: 'SIGKILL', maxBuffer: 64 << 20 })
    : spawnSync(process.execPath, args, { encoding: 'utf8', timeout: guardMs, killSignal: 'SIGKILL', maxBuffer: 64 << 20 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  let stderr = r.stderr ?? '';
  let maxRssMb: number | null = null;
  const m = /XCS_MAXRSS_KB=(\d+)\s*$/.exec(stderr);
  if (m) {
    maxRssMb = Number(m[1]) / 1024;
    stderr = stderr.slice(0, m.index).replace(/Command exited with non-zero status \d+\s*$/, '');
  }
  let report: JsonReport | null = null;
  try {
    report = JSON.parse(fs.readFileSync(json, 'utf8')) as JsonReport;
  } catch {
    report = null;
  }
  const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  return { code: r.status, stdout: r.stdout ?? '', stderr, report, maxRssMb, seconds, timedOut };
}

/** The report's entry for a case's file, and the issue carrying the case's code (if any). */
export function findCaseFile(report: JsonReport | null, c: HostileCase) {
  const file = report?.files.find(f => f.file === c.file) ?? null;
  const issue = file?.issues.find(i => i.code === c.code) ?? null;
  return { file, issue, codes: file ? file.issues.map(i => i.code) : [] };
}

/** What went wrong with the valid towns of a run (empty when both are submitted with the right totals). */
export function validTownProblems(report: JsonReport | null): string[] {
  if (!report) return ['没有 JSON 报告'];
  const out: string[] = [];
  for (const t of VALID_TOWNS) {
    const got = report.towns.find(x => x.town === t.town);
    if (!got) out.push(`${t.town}: 不在报告中`);
    else if (got.status !== 'submitted') out.push(`${t.town}: ${got.status}`);
    else if (
      got.projects?.totalInvestment !== t.totalInvestment ||
      got.projects?.annualPlan !== t.annualPlan ||
      got.projects?.completedYtd !== t.completedYtd ||
      got.projects?.count !== t.projects.length
    ) out.push(`${t.town}: 合计不符 ${JSON.stringify(got.projects)}`);
  }
  const county = report.county.projects;
  const sum = (k: 'totalInvestment' | 'annualPlan' | 'completedYtd') => VALID_TOWNS.reduce((s, t) => s + t[k], 0);
  if (!county || county.totalInvestment !== sum('totalInvestment') || county.annualPlan !== sum('annualPlan') || county.completedYtd !== sum('completedYtd')) {
    out.push(`全县合计不符 ${JSON.stringify(county)}`);
  }
  return out;
}
