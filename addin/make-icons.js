#!/usr/bin/env node
/**
 * Writes the ribbon icons addin/assets/icon-16.png, icon-32.png, icon-80.png (a green sheet with a check bar),
 * with no dependency: PNG = signature + IHDR + one zlib IDAT + IEND. Run: node addin/make-icons.js
 */
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size) {
  const rows = [];
  const m = Math.max(1, Math.round(size / 8));
  for (let y = 0; y < size; y++) {
    const row = [0];
    for (let x = 0; x < size; x++) {
      const border = x < m || y < m || x >= size - m || y >= size - m;
      const grid = (x % Math.max(2, Math.round(size / 4)) === 0 || y % Math.max(2, Math.round(size / 4)) === 0);
      const bar = y > size * 0.55 && y < size * 0.75 && x > size * 0.2 && x < size * 0.8;
      const [r, g, b] = border ? [0x21, 0x73, 0x46] : bar ? [0xc0, 0x39, 0x2b] : grid ? [0x9c, 0xcc, 0xad] : [0xff, 0xff, 0xff];
      row.push(r, g, b, 0xff);
    }
    rows.push(Buffer.from(row));
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
const out = path.join(__dirname, 'assets');
fs.mkdirSync(out, { recursive: true });
for (const s of [16, 32, 64, 80]) fs.writeFileSync(path.join(out, `icon-${s}.png`), png(s));
console.log(`icons written to ${out}`);
