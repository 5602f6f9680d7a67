/**
 * What a legacy Excel file (BIFF5/BIFF8 in an OLE2 compound file: .xls, and the .et/.ett WPS writes) claims to hold,
 * read cheaply from its own bytes before LibreOffice converts it: whether it is encrypted (FILEPASS), whether its
 * streams are complete, its sheets (BOUNDSHEET) and how many value cells each sheet has. The conversion's output is
 * compared with this (legacy.ts): LibreOffice turns a truncated or foreign file into an empty workbook and exits 0.
 *
 * The OLE container is read with `cfb` (SheetJS, Apache-2.0); the BIFF records are parsed here (only the few this
 * needs). Pure over bytes; no file access.
 */
import * as CFB from 'cfb';

export interface BiffSheet {
  name: string;
  /** 0 visible, 1 hidden, 2 very hidden. */
  visibility: number;
  /** Value cells: numbers (NUMBER, RK, MULRK), text (LABELSST, LABEL, RSTRING), booleans/errors, formulas. */
  cells: number;
  /** Of which numbers, and formulas whose cached result is a number. */
  numbers: number;
}

export type BiffInspection =
  | { ok: true; biff: 5 | 8; sheets: BiffSheet[] }
  /** what: encrypted (FILEPASS), word (a Word document), not-workbook (OLE without a workbook stream), corrupt. */
  | { ok: false; what: 'encrypted' | 'word' | 'not-workbook' | 'corrupt'; reason: string };

const BOF = 0x0809;
const EOF = 0x000a;
const FILEPASS = 0x002f;
const BOUNDSHEET = 0x0085;
const CODEPAGE = 0x0042;

const WS_SUBSTREAM = 0x0010;

function corrupt(reason: string): BiffInspection {
  return { ok: false, what: 'corrupt', reason };
}

/** A Windows code page of a BIFF5 file → a TextDecoder label. */
function decoderFor(codepage: number): TextDecoder {
  const label = ({ 936: 'gbk', 950: 'big5', 932: 'shift_jis', 949: 'euc-kr', 1200: 'utf-16le', 65001: 'utf-8' } as Record<number, string>)[codepage];
  try {
    return new TextDecoder(label ?? `windows-${codepage}`);
  } catch {
    return new TextDecoder('windows-1252');
  }
}

export function inspectBiff(data: Uint8Array): BiffInspection {
  const opened = openWorkbookStream(data);
  return opened.ok ? parseWorkbookStream(opened.stream) : opened;
}

/** The BIFF Workbook (BIFF8) or Book (BIFF5) stream of an OLE2 compound file, or why there is none. */
export function openWorkbookStream(data: Uint8Array): { ok: true; stream: Buffer } | Extract<BiffInspection, { ok: false }> {
  let container: CFB.CFB$Container;
  try {
    container = CFB.read(Buffer.from(data.buffer, data.byteOffset, data.byteLength), { type: 'buffer' });
  } catch (err) {
    return { ok: false, what: 'corrupt', reason: `复合文档结构损坏（${err instanceof Error ? err.message.slice(0, 60) : String(err)}）` };
  }
  const names = container.FileIndex.map((e) => e.name);
  const entry = CFB.find(container, 'Workbook') ?? CFB.find(container, 'Book');
  if (!entry || !entry.content) {
    if (names.includes('WordDocument')) return { ok: false, what: 'word', reason: 'Word 文档' };
    if (names.includes('EncryptedPackage') || names.includes('EncryptionInfo')) {
      return { ok: false, what: 'encrypted', reason: '文件设有打开密码' };
    }
    return { ok: false, what: 'not-workbook', reason: '复合文档中没有工作簿数据' };
  }
  const content = entry.content as Uint8Array;
  const s = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  if (entry.size !== undefined && s.length < entry.size) return { ok: false, what: 'corrupt', reason: '工作簿数据不完整' };
  return { ok: true, stream: s };
}

/**
 * Walks the records of a BIFF stream from `pos`: calls `fn(type, body, len)` for each (body = offset of its data);
 * `fn` returns true to stop. Returns the offset after the last record visited, or -1 when a record runs past the
 * end of the stream (truncated). The one record walker of the legacy reader (biff.ts counts, biff-grid.ts decodes).
 */
export function walkRecords(s: Buffer, pos: number, fn: (type: number, body: number, len: number) => boolean | void): number {
  let off = pos;
  while (off + 4 <= s.length) {
    const type = s.readUInt16LE(off);
    const len = s.readUInt16LE(off + 2);
    const body = off + 4;
    if (body + len > s.length) return -1;
    off = body + len;
    if (fn(type, body, len) === true) return off;
  }
  return off;
}

export interface BoundSheet {
  name: string;
  /** Offset of the sheet's BOF in the stream. */
  pos: number;
  /** 0 visible, 1 hidden, 2 very hidden. */
  visibility: number;
  /** 0 worksheet (or dialog sheet), 1 macro sheet, 2 chart, 6 VB module. */
  type: number;
}

/** A BOUNDSHEET record's body (BIFF8: a short Unicode name; BIFF5: bytes in the workbook's code page). */
export function readBoundSheet(s: Buffer, body: number, len: number, biff: 5 | 8, decoder: TextDecoder): BoundSheet {
  const pos = s.readUInt32LE(body);
  const visibility = s[body + 4]! & 0x03;
  const sheetType = s[body + 5]!;
  const cch = s[body + 6]!;
  let name: string;
  if (biff === 8) {
    const high = (s[body + 7]! & 1) === 1;
    const start = body + 8;
    const end = Math.min(body + len, start + cch * (high ? 2 : 1));
    name = high ? s.subarray(start, end).toString('utf16le') : s.subarray(start, end).toString('latin1');
  } else {
    name = decoder.decode(s.subarray(body + 7, Math.min(body + len, body + 7 + cch)));
  }
  return { name, pos, visibility, type: sheetType };
}

/** The BIFF version of a stream's first BOF: 8, 5, or 0 (not a BIFF stream we know). */
export function biffVersion(s: Buffer): 0 | 5 | 8 {
  if (s.length < 8 || s.readUInt16LE(0) !== BOF) return 0;
  const vers = s.readUInt16LE(4);
  return vers === 0x0600 ? 8 : vers === 0x0500 ? 5 : 0;
}

/** The BIFF Workbook (or Book) stream: globals, then each sheet's substream at the offset its BOUNDSHEET gives. */
export function parseWorkbookStream(s: Buffer): BiffInspection {
  if (s.length < 8 || s.readUInt16LE(0) !== BOF) return corrupt('工作簿数据开头不是 BIFF 记录（不是 Excel 97-2003 / 5.0 格式）');
  const vers = s.readUInt16LE(4);
  const biff = biffVersion(s);
  if (biff !== 5 && biff !== 8) return corrupt(`不支持的 BIFF 版本（0x${vers.toString(16)}）`);
  let decoder = new TextDecoder('windows-1252');
  const bound: BoundSheet[] = [];
  let ended = false;
  let encrypted = false;
  const end = walkRecords(s, 0, (type, body, len) => {
    if (type === FILEPASS) return (encrypted = true);
    if (type === CODEPAGE && len >= 2) decoder = decoderFor(s.readUInt16LE(body));
    if (type === BOUNDSHEET && len >= 8) bound.push(readBoundSheet(s, body, len, biff, decoder));
    if (type === EOF) return (ended = true);
  });
  if (encrypted) return { ok: false, what: 'encrypted', reason: '文件设有打开密码' };
  if (end < 0) return corrupt('工作簿数据被截断');
  if (!ended) return corrupt('工作簿数据被截断（缺少结束记录）');
  if (bound.length === 0) return corrupt('工作簿中没有工作表');
  const sheets: BiffSheet[] = [];
  for (const b of bound) {
    // only worksheets become sheets of the .xlsx (charts, macro and VB sheets do not carry report cells)
    if (b.type !== 0) continue;
    const counted = countSheetCells(s, b.pos);
    if (typeof counted === 'string') return corrupt(`工作表“${b.name}”${counted}`);
    if (counted === null) continue; // a dialog sheet: BOUNDSHEET type 0 but not a worksheet substream
    sheets.push({ name: b.name, visibility: b.visibility, ...counted });
  }
  if (sheets.length === 0) return corrupt('工作簿中没有普通工作表');
  return { ok: true, biff, sheets };
}

/** Whether the substream at `pos` is a worksheet (BOF with dt = worksheet); a string: its BOF is not there. */
export function isWorksheetAt(s: Buffer, pos: number): boolean | string {
  if (pos + 8 > s.length || s.readUInt16LE(pos) !== BOF) return '的数据位置无效（文件被截断或损坏）';
  return s.readUInt16LE(pos + 6) === WS_SUBSTREAM;
}

/** The value cells of one sheet substream; a string says why it cannot be read; null: not a worksheet. */
function countSheetCells(s: Buffer, pos: number): { cells: number; numbers: number } | string | null {
  const ws = isWorksheetAt(s, pos);
  if (ws !== true) return ws === false ? null : ws;
  let cells = 0;
  let numbers = 0;
  let depth = 0;
  let done = false;
  const end = walkRecords(s, pos, (type, body, len) => {
    // cells of an embedded chart's substream are not the sheet's
    if (depth > 1 && type !== BOF && type !== EOF) return;
    switch (type) {
      case BOF:
        depth++; // the sheet's own BOF, or an embedded chart's
        break;
      case EOF:
        depth--;
        if (depth === 0) return (done = true);
        break;
      case 0x0203: // NUMBER
      case 0x027e: // RK
        cells++;
        numbers++;
        break;
      case 0x00bd: {
        // MULRK: row, first col, n × (ixfe, rk), last col
        const n = Math.max(0, Math.floor((len - 6) / 6));
        cells += n;
        numbers += n;
        break;
      }
      case 0x00fd: // LABELSST
      case 0x0204: // LABEL
      case 0x00d6: // RSTRING
      case 0x0205: // BOOLERR
        cells++;
        break;
      case 0x0006: // FORMULA: cached result at +6; 0xFFFF at +12 marks a non-number result
        if (len >= 14) {
          cells++;
          if (s.readUInt16LE(body + 12) !== 0xffff) numbers++;
        }
        break;
      default:
        break;
    }
  });
  if (done) return { cells, numbers };
  return end < 0 ? '的数据被截断' : '的数据被截断（缺少结束记录）';
}
