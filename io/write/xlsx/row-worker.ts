/**
 * The row worker: a big sheet's data rows rendered on another thread (row-thread.ts starts it, one sheet per worker).
 *
 *   ← go {cols, first, widths, ids}     the sheet's columns, its first data row's number, the column widths and
 *                                       exceljs's style id per column (registered on the main thread)
 *   ← rows {block, from, rows} …        a block of data rows (values as the sheet gives them; rows[0] is data row
 *                                       `from`), posted as the blocks before it come back
 *   → block {block, bytes} …            its XML (rowsXml: what the sheet writer writes), UTF-8, in order
 *
 * The worker holds a few blocks at a time: their rows die young (cheap to collect), and the main thread renders the
 * blocks it has not handed out when it has nothing else to do.
 */
import { parentPort } from 'node:worker_threads';
import { FixedRowXml, exceljsXmlEncode, rowsXml } from './row-xml';
import { wrapsText, type Column, type Value } from './widths';

export type RowToWorker =
  | { kind: 'go'; cols: Column[]; first: number; widths: number[]; ids: number[] }
  | { kind: 'rows'; block: number; from: number; rows: Value[][] };

export type RowFromWorker = { kind: 'block'; block: number; bytes: Uint8Array } | { kind: 'failed'; reason: string };

const port = parentPort;
if (port) {
  let sheet: { fixed: FixedRowXml; wraps: boolean[]; widths: number[]; first: number } | null = null;
  port.on('message', (m: RowToWorker) => {
    try {
      if (m.kind === 'go') {
        const encode = exceljsXmlEncode();
        if (!encode) throw new Error('exceljs xmlEncode not found');
        sheet = { fixed: new FixedRowXml(m.ids, encode), wraps: m.cols.map((c) => wrapsText(c.kind)), widths: m.widths, first: m.first };
      } else if (sheet) {
        const s = sheet;
        const xml = rowsXml(m.rows, 0, m.rows.length, s.first + m.from, s.wraps, s.widths, s.fixed);
        // handed over, not copied (the buffer is the block's own)
        const bytes = new Uint8Array(xml.buffer, xml.byteOffset, xml.length);
        port.postMessage({ kind: 'block', block: m.block, bytes } satisfies RowFromWorker, [bytes.buffer as ArrayBuffer]);
      }
    } catch (e) {
      port.postMessage({ kind: 'failed', reason: String(e) } satisfies RowFromWorker);
    }
  });
}
