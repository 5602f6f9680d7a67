/**
 * One sheet of the summary, in exceljs's streaming writer: columns sized from the content, frozen header rows, the
 * print setup (A4 landscape, one page wide, the header row repeated, a footer with the title, page numbers and the
 * sheet's name), then rows committed as they are written, paced so that the zip keeps up.
 *
 * Data rows (the bulk: 项目明细 and 主要指标 hold ~97k rows in a province) do not go through exceljs's Row/Cell
 * objects: their XML is made here, as exceljs would make it, character for character, with the style ids exceljs's
 * own style registry gives, and written to the sheet's stream (see dataRow). Everything else (titles, headers,
 * merged rows, conditional formats, the sheet's head and tail) is exceljs's.
 */
import type * as ExcelJS from 'exceljs';
import { colLetters } from '../../../core/grid';
import { A4_FIT_WIDTH, hf } from './workbook';
import { EMPTY_STYLE, CF_GREEN, CF_RED, CF_YELLOW, HEADER_STYLE, NOTE_STYLE, SUBTITLE_STYLE, TITLE_STYLE, UNIT_STYLE, bodyStyle } from './styles';
import { Column, LINE_HEIGHT, Value, displayWidth, lineCount, rowCells, text, widths, wrapsText } from './widths';
import { FixedRowXml, RowXml, exceljsXmlEncode, rowsXml, type WorksheetStreamInternals } from './row-xml';
import type { RowBlock, RowJob } from './row-thread';

/** Rows above the data on every sheet: 1 title, 2 subtitle / unit note, 3 column headers. */
export const HEADER_ROW = 3;

export function colLetter(n: number): string {
  return colLetters(n - 1);
}


export interface SheetSpec {
  name: string;
  title: string;
  subtitle: string;
  unitNote: string | null;
  cols: Column[];
  /** Data rows, to size the columns. */
  sizingRows: Iterable<Value[]>;
  footerLeft: string;
  /** Also freeze the first N columns (project names on the wide sheets). */
  xSplit?: number;
}

type Sheet = ExcelJS.Worksheet;

/** Rows between two checks of the zip's backlog, and the backlog (bytes) it is let to reach. */
const PACE_ROWS = 500;
const BACKLOG = 4 * 1024 * 1024;
/** Blocks of a row worker's sheet this thread renders ahead of the one the sheet waits for, at most. */
const AHEAD_BLOCKS = 4;

interface SheetStreamInternals {
  /** exceljs 4.4.0 StreamBuf: 64 KB buffers not yet handed on, and the zip's entry streams once it reads this one. */
  _stream?: { buffers?: unknown[]; bufSize?: number; pipes?: PipeInternals[] };
}

/** The zip's entry stream: archiver's readable-stream PassThrough (no writableLength getter in its version). */
interface PipeInternals {
  writableLength?: number;
  _writableState?: { length?: number };
}

function queued(p: PipeInternals): number {
  const n = typeof p.writableLength === 'number' ? p.writableLength : p._writableState?.length;
  return typeof n === 'number' && Number.isFinite(n) ? n : 0;
}

/** exceljs 4.4.0 StreamBuf, as a sheet's stream is when it hands its bytes on to the zip in batches. */
interface BatchStreamInternals {
  batch?: boolean;
  corked?: boolean;
  buffers?: unknown[];
  pipes?: unknown[];
  _pipe?(chunk: { toBuffer(): Buffer }): unknown;
}

/**
 * Writes a block of rows' XML (a row worker's ~1 MB) to the sheet's stream. exceljs's StreamBuf would copy it into its
 * own zero-filled buffers before handing those to the zip (a province's ~60 MB of rows: ~0.4 s of this thread); when
 * the stream hands its bytes on in batches, what it holds goes to the zip first, then the block itself: the same
 * bytes in the same order, without the copies.
 */
function writeBlock(stream: WorksheetStreamInternals['stream'], bytes: Buffer): void {
  const s = stream as unknown as BatchStreamInternals;
  if (s.batch !== true || s.corked || !Array.isArray(s.buffers) || !Array.isArray(s.pipes) || s.pipes.length === 0 || typeof s._pipe !== 'function') {
    stream.write(bytes);
    return;
  }
  while (s.buffers.length > 0) s._pipe(s.buffers.shift() as { toBuffer(): Buffer });
  s._pipe({ toBuffer: () => bytes });
}

/** Waits (~10 s at most) until the sheet's zip entry has taken all but BACKLOG bytes of what was written; false if it did not. */
async function drained(ws: Sheet): Promise<boolean> {
  const s = (ws as unknown as SheetStreamInternals)._stream;
  if (!s || !Array.isArray(s.buffers)) return true;
  const backlog = () =>
    s.buffers!.length * (s.bufSize ?? 65536) + (s.pipes ?? []).reduce((a, p) => a + queued(p), 0);
  // bounded: a zip that stopped reading only costs memory, never a hang
  const until = Date.now() + 10000;
  for (let i = 0; backlog() > BACKLOG; i++) {
    if (Date.now() > until) return false;
    await new Promise((r) => (i < 50 ? setImmediate(r) : setTimeout(r, 1)));
  }
  return true;
}

export class SheetWriter {
  readonly ws: Sheet;
  readonly cols: Column[];
  readonly last: string;
  readonly widths: number[];
  private next = 1;
  private readonly styles: Record<'body' | 'total', Partial<ExcelJS.Style>[]>;
  /** The lean row writer, when exceljs's internals are the ones it knows (else rows go through exceljs). */
  private readonly rowXml: RowXml | null;
  private readonly wraps: boolean[];
  private sincePace = 0;
  private stalled = false;

  constructor(wb: ExcelJS.stream.xlsx.WorkbookWriter, spec: SheetSpec) {
    this.cols = spec.cols;
    this.styles = { body: spec.cols.map((c) => bodyStyle(c.kind, 'body')), total: spec.cols.map((c) => bodyStyle(c.kind, 'total')) };
    this.wraps = spec.cols.map((c) => wrapsText(c.kind));
    this.rowXml = RowXml.of(wb);
    this.last = colLetter(spec.cols.length);
    const xSplit = spec.xSplit ?? 0;
    this.ws = wb.addWorksheet(spec.name, {
      views: [
        {
          state: 'frozen',
          xSplit,
          ySplit: HEADER_ROW,
          topLeftCell: `${colLetter(xSplit + 1)}${HEADER_ROW + 1}`,
          activeCell: `A${HEADER_ROW + 1}`,
          showGridLines: false,
        },
      ],
      pageSetup: {
        ...A4_FIT_WIDTH,
        margins: { left: 0.25, right: 0.25, top: 0.5, bottom: 0.55, header: 0.2, footer: 0.25 },
        printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
      },
      headerFooter: {
        oddFooter: `&L&8${hf(spec.footerLeft)}&C&8第 &P 页，共 &N 页&R&8${hf(spec.name)}`,
      },
      // exceljs omits a column of width 9 as "default": make the sheet default 9 too.
      properties: { defaultRowHeight: 15, defaultColWidth: 9 },
    });
    const w = widths(spec.cols, spec.sizingRows);
    this.widths = w;
    this.ws.columns = spec.cols.map((c, i) => ({ key: `c${i + 1}`, width: w[i] }));

    // 1: title merged across the table.
    const title = this.ws.getRow(this.next++);
    title.height = 30;
    title.getCell(1).value = text(spec.title);
    title.getCell(1).style = TITLE_STYLE;
    this.ws.mergeCells(`A1:${this.last}1`);
    title.commit();

    // 2: subtitle (left) and unit note (right).
    const sub = this.ws.getRow(this.next++);
    const n = spec.cols.length;
    const unitSpan = spec.unitNote && n >= 4 ? 2 : 0;
    sub.getCell(1).value = text(spec.subtitle);
    sub.getCell(1).style = SUBTITLE_STYLE;
    if (n - unitSpan > 1) this.ws.mergeCells(`A2:${colLetter(n - unitSpan)}2`);
    if (unitSpan) {
      const c = sub.getCell(n - unitSpan + 1);
      c.value = text(spec.unitNote);
      c.style = UNIT_STYLE;
      this.ws.mergeCells(`${colLetter(n - unitSpan + 1)}2:${this.last}2`);
    }
    const subLines = Math.ceil(displayWidth(spec.subtitle) / Math.max(1, w.slice(0, n - unitSpan).reduce((a, b) => a + b, 0) - 2));
    sub.height = Math.max(20, 14 * subLines + 4);
    sub.commit();

    // 3: column headers.
    this.headerRow(spec.cols.map((c) => c.header));
  }

  get rowNumber(): number {
    return this.next;
  }

  /** Header labels; one too wide for its column breaks before its unit: 「年度计划\n（万元）」. */
  headerRow(labels: (string | null)[]): number {
    const r = this.ws.getRow(this.next++);
    let lines = 1;
    labels.forEach((l, i) => {
      const width = this.widths[i] ?? 10;
      let label = l;
      const unit = l ? l.indexOf('（') : -1;
      if (l && unit > 0 && displayWidth(l) > width - 1) label = `${l.slice(0, unit)}\n${l.slice(unit)}`;
      const c = r.getCell(i + 1);
      c.value = text(label);
      c.style = HEADER_STYLE;
      if (label) lines = Math.max(lines, lineCount(label, width));
    });
    r.height = Math.max(20, LINE_HEIGHT * lines + 6);
    r.commit();
    return r.number;
  }

  /**
   * A data row; every column gets its border even when empty. A row whose wrapped text needs more than one line gets
   * an explicit height: the streaming writer cannot auto-fit, and neither LibreOffice nor WPS re-fit rows reliably on
   * load, so without it the wrapped text would be cut off on the printed page.
   */
  dataRow(values: Value[], variant: 'body' | 'total' = 'body', span = this.cols.length): number {
    const number = this.next++;
    this.writeRow(number, values, variant, span);
    this.sincePace++;
    return number;
  }

  private writeRow(number: number, values: Value[], variant: 'body' | 'total', span: number): void {
    const styles = this.styles[variant];
    const n = Math.min(span, this.cols.length);
    const { cells, height, hasValues } = rowCells(values, n, this.wraps, this.widths);
    const ws = this.lean(number);
    if (this.rowXml && ws) {
      // exceljs skips a row with neither a value nor a height
      if (hasValues || height) ws.stream.write(this.rowXml.row(number, cells, styles, height));
      ws._rowZero = number + 1;
    } else {
      const r = this.ws.getRow(number);
      for (let i = 0; i < n; i++) {
        const cell = r.getCell(i + 1);
        cell.value = cells[i];
        cell.style = styles[i];
      }
      if (height) r.height = height;
      r.commit();
    }
  }

  /** exceljs's sheet, when row `number` can be written to its stream directly (the lean road: no row of exceljs's pending). */
  private lean(number: number): WorksheetStreamInternals | null {
    const ws = this.ws as unknown as WorksheetStreamInternals;
    return this.rowXml && ws._rows?.length === 0 && ws._rowZero === number && ws.startedData ? ws : null;
  }

  /**
   * Body rows rendered in blocks by `job`'s worker and by this thread together: the styles are registered here as the
   * first row would register them (the same ids, in the same order) and sent to the worker; the blocks are written to
   * the sheet's stream in order, paced; while the block next in line is not back from the worker, this thread renders
   * one the worker was not given. A block the worker did not send (it failed) is rendered here: the same bytes either
   * way. Returns the last row's number, or null when the rows cannot be written this way (the caller writes them with
   * dataRows).
   */
  async offThreadRows(job: RowJob, rows: Iterable<Value[]>, count: number): Promise<number | null> {
    const first = this.next;
    const ws = this.lean(first);
    const encode = exceljsXmlEncode();
    if (!ws || !this.rowXml || !encode || count === 0) return null;
    const it = rows[Symbol.iterator]();
    const head = it.next();
    if (head.done) return null;
    const { cells } = rowCells(head.value, this.cols.length, this.wraps, this.widths);
    const body = this.styles.body;
    const ids = cells.map((v, i) => this.rowXml!.styleId(body[i], v));
    job.go(prepend(head.value, it), count, this.cols, first, this.widths, ids);
    const fixed = new FixedRowXml(ids, encode);
    const render = (b: RowBlock) => rowsXml(b.rows, 0, b.rows.length, first + b.block * job.blockRows, this.wraps, this.widths, fixed);
    // blocks rendered here, ahead of the one the sheet waits for
    const mine = new Map<number, Buffer>();
    for (let b = 0; b < job.blocks; b++) {
      let bytes = mine.get(b) ?? job.take(b);
      while (!bytes) {
        const c = mine.size < AHEAD_BLOCKS ? job.claim() : null;
        if (c) mine.set(c.block, render(c));
        else {
          const got = await job.block(b);
          if (got && !Buffer.isBuffer(got)) mine.set(got.block, render(got));
          else if (got) bytes = got;
        }
        bytes ??= mine.get(b) ?? job.take(b);
      }
      mine.delete(b);
      writeBlock(ws.stream, bytes);
      if (!this.stalled && !(await drained(this.ws))) this.stalled = true;
    }
    // the rows are numbered from the count: a sheet whose rows were not the count it gave must not be written
    if (!job.readAsTold(count)) throw new Error(`${this.ws.name}: the rows were not the ${count} announced`);
    this.next = first + count;
    ws._rowZero = this.next;
    return this.next - 1;
  }

  /**
   * Lets the zip catch up: the streaming writer hands each committed row's XML to its zip entry at once and without
   * back-pressure, so writing 100,000 rows in one go would hold them all in memory until the end. Every few hundred
   * rows this waits until the zip (deflate, then the file) has taken all but a few MB of what was written.
   */
  async pace(): Promise<void> {
    if (this.sincePace < PACE_ROWS || this.stalled) return;
    this.sincePace = 0;
    // a zip that stopped taking data (the output failed) is not waited for again: the error comes out at the commit
    if (!(await drained(this.ws))) this.stalled = true;
  }

  /** Data rows, paced. */
  async dataRows(rows: Iterable<Value[]>, variant: 'body' | 'total' = 'body', span = this.cols.length): Promise<number> {
    let last = this.rowNumber - 1;
    for (const r of rows) {
      last = this.dataRow(r, variant, span);
      await this.pace();
    }
    return last;
  }

  /** A full-width row of one text (a section heading, 「无」, a note). */
  wideRow(value: string, style: Partial<ExcelJS.Style>, height?: number): number {
    const r = this.ws.getRow(this.next++);
    for (let i = 1; i <= this.cols.length; i++) r.getCell(i).style = style;
    r.getCell(1).value = text(value);
    if (this.cols.length > 1) this.ws.mergeCells(`A${r.number}:${this.last}${r.number}`);
    if (height) r.height = height;
    r.commit();
    return r.number;
  }

  /** A note below the table: height from its length, since merged cells never auto-fit. */
  note(value: string): number {
    const total = this.widths.reduce((a, b) => a + b, 0);
    const lines = value.split('\n').reduce((a, l) => a + Math.max(1, Math.ceil(displayWidth(l) / Math.max(10, total * 1.1 - 2))), 0);
    return this.wideRow(value, NOTE_STYLE, Math.max(16, lines * 13 + 4));
  }

  /** Light text 红/黄/绿 → red/yellow/green fill, on a column over data rows. */
  /** Writes the data rows (or one line saying there are none) and colours the light column over them. */
  async lightRows(rows: Iterable<Value[]>, lightColumn: number, emptyText: string, job?: RowJob | null, count?: number): Promise<void> {
    const first = this.rowNumber;
    let last = job && count !== undefined ? await this.offThreadRows(job, rows, count) : null;
    if (last === null) {
      job?.end('not used');
      last = await this.dataRows(rows);
    }
    if (last < first) this.wideRow(emptyText, EMPTY_STYLE);
    this.lightFormat(lightColumn, first, last);
  }

  lightFormat(column: number, from: number, to: number): void {
    this.textFormat(column, from, to, [
      ['红', CF_RED],
      ['黄', CF_YELLOW],
      ['绿', CF_GREEN],
    ]);
  }

  /**
   * cell = text → style. Written as 'expression' rules (「L4="红"」): exceljs writes 'containsText' rules without the
   * text attribute, which LibreOffice needs, so those would not show there.
   */
  textFormat(column: number, from: number, to: number, rules: [string, Partial<ExcelJS.Style>][]): void {
    if (to < from) return;
    const c = colLetter(column);
    this.ws.addConditionalFormatting({
      ref: `${c}${from}:${c}${to}`,
      rules: rules.map(([t, style], i) => ({
        type: 'expression',
        formulae: [`${c}${from}="${t.replace(/"/g, '""')}"`],
        style,
        priority: i + 1,
      })),
    });
  }

  /** count > 0 → tint (red/yellow/green light counts on the overview). */
  positiveFormat(column: number, from: number, to: number, style: Partial<ExcelJS.Style>): void {
    if (to < from) return;
    this.ws.addConditionalFormatting({
      ref: `${colLetter(column)}${from}:${colLetter(column)}${to}`,
      rules: [{ type: 'cellIs', operator: 'greaterThan', formulae: ['0'], style, priority: 1 }],
    });
  }

  commit(): void {
    this.ws.commit();
  }
}

function* prepend<T>(head: T, rest: Iterator<T>): Generator<T> {
  yield head;
  for (let r = rest.next(); !r.done; r = rest.next()) yield r.value;
}
