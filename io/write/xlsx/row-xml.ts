/**
 * The lean row writer: a data row's XML made directly from its values, exactly as exceljs 4.4.0's streaming
 * writer makes it (RowXform/CellXform render with useSharedStrings off), so the workbook's bytes do not change:
 *
 *   <row r="4" [ht="27" customHeight="1"] spans="1:18" x14ac:dyDescent="0.25"><c r="A4" s="6" t="str"><v>…</v></c>
 *   <c r="B4" s="5"><v>1</v></c><c r="C4" s="7"/>…</row>
 *
 * Style ids come from exceljs's own style registry (addStyleModel with the cell's type, as CellXform.prepare asks),
 * so the styles part and every id are those exceljs would give. Per cell this costs a string concatenation instead
 * of exceljs's Row, Cell and Value objects, its model and its XML stream: on a province's 97k data rows × 15 cells
 * the summary's writing went from most of the run to a fraction (docs/dev/performance.md).
 *
 * Only plain values are written this way: strings (already cleaned by text()), finite numbers and empty cells. The
 * sheet writer falls back to exceljs's rows when the internals it relies on are not there (another exceljs version).
 */
import type * as ExcelJS from 'exceljs';
import { colLetters } from '../../../core/grid';
import { rowCells, type Value } from './widths';

/** The parts of exceljs 4.4.0's WorksheetWriter that writing a row directly needs. */
export interface WorksheetStreamInternals {
  _rows?: unknown[];
  _rowZero: number;
  startedData?: boolean;
  stream: { write(data: string | Buffer): unknown };
}

interface StylesRegistry {
  addStyleModel(model: object, cellType?: number): number;
}

type XmlEncode = (s: string) => string;

/** exceljs's ValueType numbers (doc/enums.js). */
const NULL_TYPE = 0;
const NUMBER_TYPE = 2;
const STRING_TYPE = 3;

export class RowXml {
  /** Column letters, by 0-based index. */
  private readonly letters: string[] = [];

  private constructor(
    private readonly styles: StylesRegistry,
    private readonly encode: XmlEncode,
  ) {}

  /** The row writer for `wb`, or null when exceljs is not the version this mirrors. */
  static of(wb: ExcelJS.stream.xlsx.WorkbookWriter): RowXml | null {
    const styles = (wb as unknown as { styles?: Partial<StylesRegistry> }).styles;
    if (!styles || typeof styles.addStyleModel !== 'function') return null;
    const encode = exceljsXmlEncode();
    let enums: { ValueType?: Record<string, number> } | undefined;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      enums = require('exceljs/lib/doc/enums') as typeof enums;
    } catch {
      return null;
    }
    const vt = enums?.ValueType;
    if (!encode || vt?.Null !== NULL_TYPE || vt?.Number !== NUMBER_TYPE || vt?.String !== STRING_TYPE) return null;
    return new RowXml(styles as StylesRegistry, encode);
  }

  /** The XML of row `number`: cells 1..cells.length, each with its style (exceljs's `<row>` for the same values). */
  row(number: number, cells: readonly Value[], styles: readonly object[], height?: number): string {
    return rowXml(number, cells, height, (i, type) => this.styles.addStyleModel(styles[i], type), this.letters, this.encode);
  }

  /** exceljs's style id for `style` on a cell of `value` (registered now if it is the style's first use). */
  styleId(style: object, value: Value): number {
    return this.styles.addStyleModel(style, valueType(value));
  }
}

function valueType(v: Value): number {
  return v === null ? NULL_TYPE : typeof v === 'number' ? NUMBER_TYPE : STRING_TYPE;
}

/**
 * A row's XML with style ids fixed per column (ids exceljs's registry gave on the main thread): what the row worker
 * (row-worker.ts) writes, the same characters as RowXml.row.
 */
export class FixedRowXml {
  private readonly letters: string[] = [];
  constructor(
    private readonly ids: readonly number[],
    private readonly encode: XmlEncode,
  ) {}

  row(number: number, cells: readonly Value[], height?: number): string {
    return rowXml(number, cells, height, (i) => this.ids[i] ?? 0, this.letters, this.encode);
  }
}

/** exceljs's `<row>` (RowXform + CellXform, no shared strings); `letters` caches column letters by 0-based index. */
function rowXml(
  number: number,
  cells: readonly Value[],
  height: number | undefined,
  styleId: (i: number, type: number) => number,
  letters: string[],
  encode: XmlEncode,
): string {
  let xml = `<row r="${number}"`;
  if (height) xml += ` ht="${height}" customHeight="1"`;
  if (cells.length > 0) xml += ` spans="1:${cells.length}"`;
  xml += ' x14ac:dyDescent="0.25">';
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    const s = styleId(i, valueType(v));
    if (v === null && !s) continue;
    xml += `<c r="${(letters[i] ??= colLetters(i))}${number}"`;
    if (s) xml += ` s="${s}"`;
    if (v === null) xml += '/>';
    else if (typeof v === 'number') xml += `><v>${v}</v></c>`;
    else xml += ` t="str"><v>${encode(v)}</v></c>`;
  }
  return xml + '</row>';
}

/** exceljs's own XML escaping (utils.xmlEncode), or null when exceljs is not the version this mirrors. */
export function exceljsXmlEncode(): XmlEncode | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const encode = (require('exceljs/lib/utils/utils') as { xmlEncode?: XmlEncode }).xmlEncode;
    return typeof encode === 'function' ? encode : null;
  } catch {
    return null;
  }
}

/**
 * The UTF-8 XML of rows[from..to) (numbered from `first` for rows[0]) as the sheet writer writes them: cells cleaned,
 * the height of wrapped text, rows with neither a value nor a height skipped (as exceljs skips them). Each row is
 * encoded on its own into one growing buffer: joining a block's rows into one string first takes twice as long (a
 * deep rope of two-byte strings, flattened at the end).
 */
export function rowsXml(
  rows: readonly Value[][],
  from: number,
  to: number,
  first: number,
  wraps: readonly boolean[],
  widths: readonly number[],
  fixed: FixedRowXml,
): Buffer {
  let buf = Buffer.allocUnsafe(1 << 20);
  let at = 0;
  for (let k = from; k < to; k++) {
    const { cells, height, hasValues } = rowCells(rows[k], wraps.length, wraps, widths);
    if (!hasValues && !height) continue;
    const xml = fixed.row(first + k, cells, height);
    if (at + 3 * xml.length > buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(2 * buf.length, at + 3 * xml.length));
      buf.copy(bigger, 0, 0, at);
      buf = bigger;
    }
    at += buf.write(xml, at);
  }
  return buf.subarray(0, at);
}
