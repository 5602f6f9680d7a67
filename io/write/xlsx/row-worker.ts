/**
 * The row worker: a big sheet's data rows rendered on another thread (row-thread.ts starts it, one job per worker).
 *
 *   ← job {cols, rows, sizing, first}   the sheet's columns and data rows (values as the sheet gives them)
 *   → widths                            the column widths (widths.ts, over rows + sizing)
 *   ← styles {ids}                      exceljs's style id per column, registered on the main thread
 *   → chunk {bytes, through} …          the rows' XML (FixedRowXml: what RowXml.row writes), UTF-8, in pieces of
 *                                       ~CHUNK_CHARS; `through`: rows rendered so far. At most CREDITS pieces are
 *                                       in flight: each `credit` from the main thread lets one more go
 *   → done
 */
import { parentPort } from 'node:worker_threads';
import { FixedRowXml, exceljsXmlEncode } from './row-xml';
import { rowCells, widths, wrapsText, type Column, type Value } from './widths';

export interface RowJobMessage {
  kind: 'job';
  cols: Column[];
  rows: Value[][];
  /** More rows the columns are sized for (not written by this job: e.g. 主要指标's county block). */
  sizing: Value[][];
  /** The first data row's number. */
  first: number;
}

export type RowToWorker = RowJobMessage | { kind: 'styles'; ids: number[] } | { kind: 'credit' };

export type RowFromWorker =
  | { kind: 'widths'; widths: number[] }
  | { kind: 'chunk'; bytes: Uint8Array; through: number }
  | { kind: 'done' }
  | { kind: 'failed'; reason: string };

/** Characters of XML per piece (~0.5–1 MB of UTF-8). */
export const CHUNK_CHARS = 256 * 1024;
/** Pieces in flight at most. */
export const CREDITS = 4;

const port = parentPort;
if (port) {
  let job: RowJobMessage | null = null;
  let w: number[] = [];
  let credits = CREDITS;
  let resume: (() => void) | null = null;
  const post = (m: RowFromWorker, transfer?: ArrayBuffer[]) => port.postMessage(m, transfer);

  const render = async (ids: number[]) => {
    const j = job!;
    const encode = exceljsXmlEncode();
    if (!encode) return post({ kind: 'failed', reason: 'exceljs xmlEncode not found' });
    const fixed = new FixedRowXml(ids, encode);
    const n = j.cols.length;
    const wraps = j.cols.map((c) => wrapsText(c.kind));
    let xml = '';
    for (let k = 0; k < j.rows.length; k++) {
      const { cells, height, hasValues } = rowCells(j.rows[k], n, wraps, w);
      if (hasValues || height) xml += fixed.row(j.first + k, cells, height);
      if (xml.length < CHUNK_CHARS && k < j.rows.length - 1) continue;
      const b = Buffer.from(xml);
      xml = '';
      // a buffer that owns its memory is handed over, not copied
      const owned = b.byteOffset === 0 && b.buffer.byteLength === b.length;
      const bytes = owned ? new Uint8Array(b.buffer) : new Uint8Array(b);
      post({ kind: 'chunk', bytes, through: k + 1 }, [bytes.buffer as ArrayBuffer]);
      credits--;
      while (credits <= 0) await new Promise<void>((r) => (resume = r));
    }
    job = null;
    post({ kind: 'done' });
  };

  port.on('message', (m: RowToWorker) => {
    if (m.kind === 'job') {
      job = m;
      w = widths(m.cols, m.sizing.length ? [...m.rows, ...m.sizing] : m.rows);
      post({ kind: 'widths', widths: w });
    } else if (m.kind === 'styles') {
      render(m.ids).catch((e: unknown) => post({ kind: 'failed', reason: String(e) }));
    } else if (m.kind === 'credit') {
      credits++;
      const r = resume;
      resume = null;
      r?.();
    }
  });
}
