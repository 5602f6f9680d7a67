/**
 * A small BIFF8 writer for tests: records, a Workbook stream (globals and worksheets with their BOUNDSHEET offsets) and
 * the OLE2 container (cfb). Enough to make the records the native reader (io/read/biff-grid.ts) must handle.
 */
import * as CFB from 'cfb';


export function rec(type: number, body: Buffer | number[]): Buffer {
  const b = Buffer.isBuffer(body) ? body : Buffer.from(body);
  const h = Buffer.alloc(4);
  h.writeUInt16LE(type, 0);
  h.writeUInt16LE(b.length, 2);
  return Buffer.concat([h, b]);
}
export const u16 = (n: number) => { const b = Buffer.alloc(2); b.writeUInt16LE(n); return b; };
export const u32 = (n: number) => { const b = Buffer.alloc(4); b.writeUInt32LE(n >>> 0); return b; };
export const f64 = (n: number) => { const b = Buffer.alloc(8); b.writeDoubleLE(n); return b; };
export const bof = (dt: number, vers = 0x0600) => rec(0x0809, Buffer.concat([u16(vers), u16(dt), u16(0x0dbb), u16(0x07cc), u32(0), u32(0x0206)]));
export const eof = () => rec(0x000a, []);
/** XLUnicodeString with a 2-byte length, compressed when it can be. */
export function ustr(s: string): Buffer {
  const high = [...s].some((ch) => ch.charCodeAt(0) > 0xff);
  return Buffer.concat([u16(s.length), Buffer.from([high ? 1 : 0]), Buffer.from(s, high ? 'utf16le' : 'latin1')]);
}
export const cellHead = (r: number, c: number, xf: number) => Buffer.concat([u16(r), u16(c), u16(xf)]);
export const NUMBER = (r: number, c: number, xf: number, v: number) => rec(0x0203, Buffer.concat([cellHead(r, c, xf), f64(v)]));
export const RK = (r: number, c: number, xf: number, rk: number) => rec(0x027e, Buffer.concat([cellHead(r, c, xf), u32(rk)]));
export const LABELSST = (r: number, c: number, xf: number, i: number) => rec(0x00fd, Buffer.concat([cellHead(r, c, xf), u32(i)]));
export const BOOLERR = (r: number, c: number, xf: number, v: number, isErr: boolean) => rec(0x0205, Buffer.concat([cellHead(r, c, xf), Buffer.from([v, isErr ? 1 : 0])]));
/** FORMULA with an 8-byte result field and a tiny token array (PtgInt 1). */
export const FORMULA = (r: number, c: number, xf: number, result: Buffer) => rec(0x0006, Buffer.concat([cellHead(r, c, xf), result, u16(0), u32(0), u16(3), Buffer.from([0x1e, 1, 0])]));
export const special = (kind: number, v = 0) => Buffer.from([kind, 0, v, 0, 0, 0, 0xff, 0xff]);
export const STRING = (s: string) => rec(0x0207, ustr(s));
export const ROW = (r: number, hidden: boolean) => rec(0x0208, Buffer.concat([u16(r), u16(0), u16(10), u16(300), u16(0), u16(0), u16(hidden ? 0x20 : 0), u16(0x0f)]));
export const MERGED = (...ranges: [number, number, number, number][]) => rec(0x00e5, Buffer.concat([u16(ranges.length), ...ranges.map(([a, b, c, d]) => Buffer.concat([u16(a), u16(b), u16(c), u16(d)]))]));
/**
 * An XF: a cell XF using its own number format by default; `style` makes a style XF, `inherit` a cell XF whose
 * number format is its parent style's (fAtrNum clear).
 */
export function XF(ifmt: number, o: { style?: boolean; parent?: number; inherit?: boolean } = {}): Buffer {
  const rest = Buffer.alloc(16);
  // byte 9 of the body (3 of `rest`): the used-attribute bits; fAtrNum = 0x04
  if (!o.style && !o.inherit) rest[3] = 0x04;
  return rec(0x00e0, Buffer.concat([u16(0), u16(ifmt), u16(((o.parent ?? 0) << 4) | (o.style ? 0x0004 : 0)), rest]));
}
export const FORMAT = (id: number, code: string) => rec(0x041e, Buffer.concat([u16(id), ustr(code)]));

export interface SheetDef { name: string; hidden?: number; records: Buffer[] }

/** A Workbook stream: globals (DATEMODE, FORMATs, XFs, the SST records given, BOUNDSHEETs) and the sheets. */
export function workbookStream(sheets: SheetDef[], o: { sst?: Buffer[]; formats?: Buffer[]; xfs?: (number | Buffer)[]; date1904?: boolean; version?: number } = {}): Buffer {
  const xfs = (o.xfs ?? [0]).map((x) => (typeof x === 'number' ? XF(x) : x));
  const head = [bof(0x0005, o.version), ...(o.date1904 ? [rec(0x0022, u16(1))] : []), ...(o.formats ?? []), ...xfs, ...(o.sst ?? [])];
  const bsLen = (s: SheetDef) => 4 + 7 + ustr(s.name).length - 2;
  let size = head.reduce((n, b) => n + b.length, 0) + sheets.reduce((n, s) => n + bsLen(s), 0) + 4;
  const bodies = sheets.map((s) => Buffer.concat([bof(0x0010, o.version), ...s.records, eof()]));
  const bound = sheets.map((s, i) => {
    const pos = size;
    size += bodies[i]!.length;
    const name = ustr(s.name);
    return rec(0x0085, Buffer.concat([u32(pos), Buffer.from([s.hidden ?? 0, 0]), Buffer.from([s.name.length]), name.subarray(2)]));
  });
  return Buffer.concat([...head, ...bound, eof(), ...bodies]);
}

export function ole(stream: Buffer, name = 'Workbook'): Uint8Array {
  const cfb = CFB.utils.cfb_new();
  CFB.utils.cfb_add(cfb, `/${name}`, stream);
  return new Uint8Array(CFB.write(cfb, { type: 'buffer' }) as Buffer);
}

