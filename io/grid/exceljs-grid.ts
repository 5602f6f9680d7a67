/**
 * The pure half of the workbook adapter: an exceljs worksheet (Node or exceljs's browser build) → Grid, and the byte
 * sniffing and Chinese messages that need no Node. Used by read-workbook.ts (Node, in the read workers) and by the
 * add-in's drop page and 汇总多个文件 (browser). No Node import here: `test/addin-purity` checks it with the core's.
 */
import type { CellValue, Grid, GridCell, MergeRange } from '../../core/grid';
import { address, parseRange } from '../../core/grid';
import type * as ExcelJSTypes from 'exceljs';

/** The limits worksheetToGrid applies (a subset of read-workbook's ReadOptions). */
export interface GridLimits {
  maxRows: number;
  maxCols: number;
  maxCells: number;
  maxTotalChars: number;
}

// ─────────────────────────────────────────────────────────────────────────────────────────────── failures

/** Excel's own limit for the text of one cell; anything longer comes from a crafted or broken file. */
export const EXCEL_MAX_CELL_CHARS = 32767;

export type ReadFailure = { ok: false; skip: boolean; code: string; message: string };

export const READ_CODES = {
  SKIP_LOCK_FILE: 'SKIP_LOCK_FILE',
  SKIP_SYSTEM_FILE: 'SKIP_SYSTEM_FILE',
  SKIP_NOT_SPREADSHEET: 'SKIP_NOT_SPREADSHEET',
  E_FORMAT_XLS: 'E_FORMAT_XLS',
  E_ENCRYPTED: 'E_ENCRYPTED',
  E_EMPTY_FILE: 'E_EMPTY_FILE',
  E_TOO_LARGE: 'E_TOO_LARGE',
  E_NOT_XLSX: 'E_NOT_XLSX',
  E_READ_FAILED: 'E_READ_FAILED',
  E_READ_TIMEOUT: 'E_READ_TIMEOUT',
  /** Not a failure: a legacy .xls/.et read after LibreOffice converted a copy (a warning on the file, core/messages.ts). */
  W_CONVERTED: 'W_CONVERTED',
} as const;

export function fail(code: string, message: string): ReadFailure {
  return { ok: false, skip: false, code, message };
}

export function mb(n: number): string {
  const v = n / (1024 * 1024);
  return v >= 10 ? v.toFixed(0) : v.toFixed(1);
}

export const SAVE_AS = '请在 Excel 或 WPS 中打开后“另存为” Excel 工作簿（.xlsx）再重新报送';

const LEGACY_MESSAGES: Record<string, string> = {
  '.xls': '旧版 Excel 97-2003 格式（.xls）无法读取，请在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）后重新报送',
  '.et': 'WPS 表格格式（.et）无法读取，请在 WPS 中“另存为” Excel 工作簿（.xlsx）后重新报送',
  '.ett': 'WPS 表格模板格式（.ett）无法读取，请在 WPS 中“另存为” Excel 工作簿（.xlsx）后重新报送',
  '.xlsb': 'Excel 二进制工作簿格式（.xlsb）无法读取，请在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）后重新报送',
  '.ods':
    'OpenDocument 电子表格格式（.ods）无法读取，请在 WPS、Excel 或 LibreOffice 中“另存为” Excel 工作簿（.xlsx）后重新报送',
  '.csv':
    'CSV 文本格式（.csv）不予接收（它没有合并单元格、公式和多个工作表，容易读错），' +
    '请用 Excel 或 WPS 打开后“另存为” Excel 工作簿（.xlsx）再重新报送',
};

export function readFailedFailure(reason: string): ReadFailure {
  return fail(
    READ_CODES.E_READ_FAILED,
    `文件已损坏或不是有效的 Excel 工作簿（${reason}），${SAVE_AS}。`,
  );
}

export function emptyFailure(): ReadFailure {
  return fail(
    READ_CODES.E_EMPTY_FILE,
    '文件是空的（0 字节），可能保存或复制时出错，请在 Excel 或 WPS 中重新打开原表格、保存后再报送。',
  );
}

export function tooLargeFileFailure(size: number, max: number): ReadFailure {
  return fail(
    READ_CODES.E_TOO_LARGE,
    `文件大小为 ${mb(size)} MB，超过上限 ${mb(max)} MB，请删除表格中无关的图片、附件和多余的工作表后重新保存再报送。`,
  );
}

export function tooManyMessage(sheet: string, what: 'rows' | 'cols', n: number | undefined, max: number): ReadFailure {
  const unit = what === 'rows' ? '行' : '列';
  const count = n !== undefined ? `有 ${n} ${unit}` : `超过 ${max} ${unit}`;
  const fix =
    what === 'rows'
      ? '请删除多余的行（包括表格下方带格式的空白行：选中这些行 → 右键“删除”），保存后重新报送'
      : '请删除多余的列（包括表格右侧带格式的空白列：选中这些列 → 右键“删除”），保存后重新报送';
  return fail(READ_CODES.E_TOO_LARGE, `工作表“${sheet}”${count}，超过上限 ${max} ${unit}，${fix}。`);
}

// ─────────────────────────────────────────────────────────────────────────────────────────────── sniffing

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function isOle(data: Uint8Array): boolean {
  return data.length >= 8 && OLE_MAGIC.every((b, i) => data[i] === b);
}

export function isZipMagic(data: Uint8Array): boolean {
  return (
    data.length >= 4 &&
    data[0] === 0x50 &&
    data[1] === 0x4b &&
    ((data[2] === 0x03 && data[3] === 0x04) || (data[2] === 0x05 && data[3] === 0x06) || (data[2] === 0x07 && data[3] === 0x08))
  );
}

/**
 * Whether an OLE2 compound file has a directory entry with this name. Directory entries are 128-byte records
 * aligned on 128 bytes (the header and every sector are multiples of 128): name in UTF-16LE at +0, its byte length
 * including the terminating NUL at +64. A byte search constrained that way does not match cell text.
 */
export function oleHasEntry(data: Uint8Array, entryName: string): boolean {
  // UTF-16LE name with its NUL; only 128-aligned positions can start a directory entry
  const name = entryName + '\0';
  const nameLen = name.length * 2;
  for (let i = 512; i + 66 <= data.length; i += 128) {
    let same = true;
    for (let k = 0; k < name.length && same; k++) {
      const code = name.charCodeAt(k);
      same = data[i + 2 * k] === (code & 0xff) && data[i + 2 * k + 1] === code >> 8;
    }
    if (same && (data[i + 64]! | (data[i + 65]! << 8)) === nameLen) return true;
  }
  return false;
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

function sniffText(data: Uint8Array): string | null {
  const head = latin1(data.subarray(0, 512)).replace(/^\xef\xbb\xbf/, '').trimStart().toLowerCase();
  if (head.startsWith('%pdf')) return 'PDF 文件';
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || head.includes('<table')) {
    return '网页（HTML）格式，常见于从网站或业务系统导出的表格';
  }
  if (head.startsWith('<?xml') && head.includes('urn:schemas-microsoft-com:office:spreadsheet')) {
    return 'XML 电子表格 2003 格式';
  }
  if (head.startsWith('<?xml') || head.startsWith('<')) return 'XML 或网页文本';
  if (head.startsWith('{\\rtf')) return 'RTF 文档';
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'JPEG 图片';
  if (data.length >= 4 && data[0] === 0x89 && data[1] === 0x50 && data[2] === 0x4e && data[3] === 0x47) return 'PNG 图片';
  if (data.length >= 6 && head.startsWith('rar!')) return 'RAR 压缩包';
  if (data.length >= 6 && data[0] === 0x37 && data[1] === 0x7a && data[2] === 0xbc && data[3] === 0xaf) return '7z 压缩包';
  return null;
}

/** The message for a legacy format named by its extension (.xls, .et, .csv…), null for others. */
export function legacyFailure(ext: string): ReadFailure | null {
  const m = LEGACY_MESSAGES[ext];
  return m ? fail(READ_CODES.E_FORMAT_XLS, m) : null;
}

/** An OLE2 compound file: a password-protected workbook, a Word document or a legacy .xls. */
export function oleFailure(data: Uint8Array, ext: string): ReadFailure {
  if (oleHasEntry(data, 'EncryptedPackage') || oleHasEntry(data, 'EncryptionInfo')) {
    return fail(
      READ_CODES.E_ENCRYPTED,
      '文件设有打开密码，无法读取，请取消密码后重新报送（Excel：文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码后保存；' +
        'WPS：文件 → 文档加密 → 密码加密，清除打开密码后保存）。',
    );
  }
  if (oleHasEntry(data, 'WordDocument') && !oleHasEntry(data, 'Workbook') && !oleHasEntry(data, 'Book')) {
    return fail(
      READ_CODES.E_NOT_XLSX,
      '这是 Word 文档（.doc），不是 Excel 工作簿，请报送 Excel 表格（.xlsx）。',
    );
  }
  if (ext === '.et' || ext === '.ett') return fail(READ_CODES.E_FORMAT_XLS, LEGACY_MESSAGES[ext]!);
  if (ext === '.xls') return fail(READ_CODES.E_FORMAT_XLS, LEGACY_MESSAGES['.xls']!);
  return fail(
    READ_CODES.E_FORMAT_XLS,
    `文件扩展名是“${ext || '（无）'}”，但内容实际是旧版 Excel 97-2003 格式（.xls），无法读取，` +
      '请在 Excel 或 WPS 中打开后“另存为” Excel 工作簿（.xlsx）再重新报送。',
  );
}

/** Content that is not a zip at all (PDF, HTML, an image…) named as a workbook. */
export function notZipFailure(data: Uint8Array, shownExt: string): ReadFailure {
  const what = sniffText(data);
  return fail(
    READ_CODES.E_NOT_XLSX,
    `文件扩展名是“${shownExt}”，但内容不是 Excel 工作簿${what ? `（实际是${what}）` : '（可能是改了扩展名的其他文件）'}，` +
      '请在 Excel 或 WPS 中打开原表格，“另存为” Excel 工作簿（.xlsx）后重新报送。',
  );
}

/**
 * What the browser can decide before exceljs sees the bytes (the Node reader does more: zip directory, zip bomb):
 * empty, too large, OLE2 (.xls / encrypted / Word), legacy extension, not a zip.
 */
export function precheckBrowserBytes(data: Uint8Array, fileName: string, maxBytes: number): ReadFailure | null {
  const i = fileName.lastIndexOf('.');
  const ext = i > 0 ? fileName.slice(i).toLowerCase() : '';
  if (data.length === 0) return emptyFailure();
  if (data.length > maxBytes) return tooLargeFileFailure(data.length, maxBytes);
  if (isOle(data)) return oleFailure(data, ext);
  if (!isZipMagic(data)) return legacyFailure(ext) ?? notZipFailure(data, ext || '（无）');
  return null;
}

/** Worksheet parts a Grid does not need: exceljs skips them (faster, and it throws on some of them). */
export const IGNORE_NODES = [
  'dataValidations',
  'conditionalFormatting',
  'extLst',
  'hyperlinks',
  'drawing',
  'picture',
  'legacyDrawing',
  'tableParts',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'sheetProtection',
  'autoFilter',
];

export class SheetPartError extends Error {
  constructor(
    readonly part: string,
    readonly inner: unknown,
  ) {
    super(inner instanceof Error ? inner.message : String(inner));
  }
}

interface ParsedSheetModel {
  id?: number;
  name?: string;
  mergeCells?: string[];
}

interface XlsxInternals {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  _processWorksheetEntry: (stream: unknown, model: any, sheetNo: unknown, options: unknown, path: string) => Promise<void>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  _processWorksheetRelsEntry: (stream: unknown, model: any, sheetNo: unknown) => Promise<void>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  reconcile: (model: any, options: unknown) => void;
}

/**
 * Hooks on one exceljs 4.4 workbook before its load (the same in Node and in exceljs's browser build): a sheet's parse
 * error is tagged with its part; each sheet's merges are taken out of the model before exceljs applies them (one merge
 * "A1:XFD1048576" would create 17 billion cells) and handed to worksheetToGrid, which clips them; parts a Grid does
 * not need (tables, drawings, comments, media, themes) are not parsed.
 */
export function installReadHooks(wb: ExcelJSTypes.Workbook): { mergesOf: (ws: { id: number; name: string }) => string[] } {
  const xlsx = wb.xlsx as unknown as XlsxInternals;
  const original = xlsx._processWorksheetEntry;
  const parsedSheets: ParsedSheetModel[] = [];
  const mergesBySheet = new Map<ParsedSheetModel, string[]>();
  // per-instance hook (exceljs 4.4): tag a sheet's parse error with its part, take its merges out of the model
  xlsx._processWorksheetEntry = async function (this: unknown, stream, model, sheetNo, options, path) {
    try {
      await original.call(this, stream, model, sheetNo, options, path);
    } catch (err) {
      throw new SheetPartError(path, err);
    }
    const ws = model?.worksheetHash?.[path] as ParsedSheetModel | undefined;
    if (ws) {
      parsedSheets.push(ws);
      mergesBySheet.set(ws, Array.isArray(ws.mergeCells) ? ws.mergeCells : []);
      ws.mergeCells = [];
    }
  };

  // parts a Grid does not need: not parsed at all (saves time, and exceljs 4.4 throws on some tables/comments)
  const internals = xlsx as unknown as Record<string, unknown>;
  for (const k of [
    '_processTableEntry',
    '_processDrawingEntry',
    '_processDrawingRelsEntry',
    '_processVmlDrawingEntry',
    '_processCommentEntry',
    '_processMediaEntry',
    '_processThemeEntry',
  ]) {
    if (typeof internals[k] === 'function') internals[k] = async () => undefined;
  }
  // …and the worksheets' links to comments go (exceljs would look up the comments part we did not parse)
  const originalRels = xlsx._processWorksheetRelsEntry;
  xlsx._processWorksheetRelsEntry = async function (this: unknown, stream, model, sheetNo) {
    await originalRels.call(this, stream, model, sheetNo);
    const rels = model?.worksheetRels?.[sheetNo as string];
    if (Array.isArray(rels)) {
      model.worksheetRels[sheetNo as string] = rels.filter(
        (r: { Type?: unknown }) => !(typeof r?.Type === 'string' && /\/comments$/.test(r.Type)),
      );
    }
  };

  // a sheet name over Excel's 31 characters (other software writes them): exceljs cuts it when it creates the sheet,
  // then sets the full name again from the model, cuts it again and finds the sheet itself "already exists". Cut it
  // once in the model, as Excel shows it.
  const originalReconcile = xlsx.reconcile;
  xlsx.reconcile = function (this: unknown, model, options) {
    originalReconcile.call(this, model, options);
    for (const w of Array.isArray(model?.worksheets) ? model.worksheets : []) {
      if (w && typeof w.name === 'string' && w.name.length > 31) w.name = w.name.substring(0, 31);
    }
  };

  return {
    mergesOf: (ws) => {
      for (const p of parsedSheets) if ((p.id ?? p.name) === ws.id || (p.id === undefined && p.name === ws.name)) return mergesBySheet.get(p) ?? [];
      return [];
    },
  };
}

// ─────────────────────────────────────────────────────────────────────────────────────────────── to Grid

export type ValueTypeEnum = typeof ExcelJSTypes.ValueType;

/** A plain value from whatever exceljs holds (rich text, hyperlink, error object, Date…); undefined = nothing. */
export function flattenValue(v: unknown): CellValue | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  // NaN / ±Infinity (a malformed <v>) and out-of-range dates (a huge serial) cannot be shown by Excel either
  if (typeof v === 'number') return Number.isFinite(v) ? v : { error: '#NUM!' };
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? { error: '#NUM!' } : v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) {
      return (o.richText as ({ text?: unknown } | null)[])
        .map(run => (run && run.text !== undefined && run.text !== null ? String(run.text) : ''))
        .join('');
    }
    if (typeof o.error === 'string') return { error: o.error };
    if ('text' in o) {
      const t = flattenValue(o.text);
      return t === undefined ? '' : t;
    }
    if ('result' in o) return flattenValue(o.result);
  }
  return String(v);
}

export function cellToGridCell(cell: ExcelJSTypes.Cell, VT: ValueTypeEnum): GridCell | undefined {
  const t = cell.type;
  if (t === VT.Null || t === VT.Merge) return undefined;
  if (t === VT.Formula) {
    let formula: string | undefined;
    try {
      const f = cell.formula as unknown;
      if (typeof f === 'string' && f !== '') formula = f;
    } catch {
      formula = undefined;
    }
    // cell.result, not cell.value.result: exceljs's FormulaValue.value copies only truthy fields, so a cached 0 or
    // FALSE read through cell.value looked like a formula nobody computed (E_FORMULA_NO_RESULT on a 本周完成 of 0)
    const result = (cell as unknown as { result?: unknown }).result;
    const value = flattenValue(result);
    const gc: GridCell = value === undefined ? { value: null, noResult: true } : { value };
    if (typeof value === 'number' && isPercentFormat(cell.numFmt)) gc.percent = true;
    if (formula !== undefined) gc.formula = formula;
    return gc;
  }
  const value = flattenValue(cell.value);
  if (value === undefined) return undefined;
  if (typeof value === 'number' && isPercentFormat(cell.numFmt)) return { value, percent: true };
  return { value };
}

/** A number format that shows a percentage: a % outside quotes and escapes ('0.0%', '0%;[Red]-0%'). */
export function isPercentFormat(fmt: unknown): boolean {
  if (typeof fmt !== 'string' || !fmt.includes('%')) return false;
  return /%/.test(fmt.replace(/"[^"]*"/g, '').replace(/\\./g, ''));
}

/** Running totals over the workbook (cells and characters that will be posted to the main thread). */
export interface Budget {
  cells: number;
  chars: number;
}

class BudgetExceeded extends Error {
  constructor(readonly failure: ReadFailure) {
    super(failure.message);
  }
}

export function worksheetToGrid(
  ws: ExcelJSTypes.Worksheet,
  mergeRefs: string[],
  VT: ValueTypeEnum,
  o: GridLimits,
  budget: Budget,
): Grid | ReadFailure {
  const rows: (GridCell | undefined)[][] = [];
  let lastRow = -1;
  let lastCol = -1;
  let overRows = 0;
  let overCols = 0;
  const charge = (gc: GridCell, r: number, c: number) => {
    const len = typeof gc.value === 'string' ? gc.value.length : 0;
    if (len > EXCEL_MAX_CELL_CHARS) {
      throw new BudgetExceeded(
        fail(
          READ_CODES.E_TOO_LARGE,
          `工作表“${ws.name}”单元格 ${address(r, c)} 的文字有 ${len} 个字符，超过 Excel 允许的 ${EXCEL_MAX_CELL_CHARS} 个字符，` +
            `文件内容异常。${SAVE_AS}；如仍不行，请把报表复制到新建的工作簿中保存后报送。`,
        ),
      );
    }
    budget.cells += 1;
    budget.chars += len + (gc.formula ? gc.formula.length : 0);
    if (budget.cells > o.maxCells) {
      throw new BudgetExceeded(
        fail(
          READ_CODES.E_TOO_LARGE,
          `工作簿中有内容的单元格超过 ${o.maxCells} 个（读到工作表“${ws.name}”时超出），远超一份周报的规模，` +
            '请删除无关的工作表和数据（如历史明细、原始台账）后重新保存再报送。',
        ),
      );
    }
    if (budget.chars > o.maxTotalChars) {
      throw new BudgetExceeded(
        fail(
          READ_CODES.E_TOO_LARGE,
          `工作簿中的文字和公式合计超过 ${o.maxTotalChars} 个字符（读到工作表“${ws.name}”时超出），远超一份周报的规模，` +
            '文件可能异常，请删除无关的工作表和大段文字后重新保存再报送。',
        ),
      );
    }
  };
  const hiddenRows: number[] = [];
  try {
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (row.hidden && rowNumber <= o.maxRows) hiddenRows.push(rowNumber - 1);
      row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
        const gc = cellToGridCell(cell, VT);
        if (!gc) return;
        const r = rowNumber - 1;
        const c = colNumber - 1;
        if (!(r >= 0 && c >= 0)) return;
        if (rowNumber > o.maxRows || colNumber > o.maxCols) {
          if (rowNumber > overRows) overRows = rowNumber;
          if (colNumber > overCols) overCols = colNumber;
          return;
        }
        charge(gc, r, c);
        const line = (rows[r] ??= []);
        line[c] = gc;
        if (r > lastRow) lastRow = r;
        if (c > lastCol) lastCol = c;
      });
    });
  } catch (err) {
    if (err instanceof BudgetExceeded) return err.failure;
    throw err;
  }
  if (overRows > o.maxRows) return tooManyMessage(ws.name, 'rows', overRows, o.maxRows);
  if (overCols > o.maxCols) return tooManyMessage(ws.name, 'cols', overCols, o.maxCols);

  // dense arrays (structured clone and array methods behave the same everywhere)
  const dense: (GridCell | undefined)[][] = new Array(lastRow + 1);
  for (let r = 0; r <= lastRow; r++) {
    const src = rows[r];
    if (!src) {
      dense[r] = [];
      continue;
    }
    const line: (GridCell | undefined)[] = new Array(src.length);
    for (let c = 0; c < src.length; c++) line[c] = src[c];
    dense[r] = line;
  }

  const merges = normalizeMerges(mergeRefs, lastRow, lastCol);
  for (const m of merges) {
    for (let r = m.top; r <= m.bottom; r++) {
      const line = dense[r];
      if (!line) continue;
      const end = Math.min(m.right, line.length - 1);
      for (let c = m.left; c <= end; c++) {
        if (r !== m.top || c !== m.left) line[c] = undefined;
      }
    }
  }
  // trim trailing undefined cells the merge cleaning may have left, and trailing empty rows
  for (const line of dense) while (line.length > 0 && line[line.length - 1] === undefined) line.length--;
  while (dense.length > 0 && dense[dense.length - 1]!.length === 0) dense.length--;

  const state = (ws as unknown as { state?: string }).state;
  return {
    sheet: ws.name,
    hidden: state === 'hidden' || state === 'veryHidden',
    rows: dense,
    merges,
    ...(hiddenRows.length ? { hiddenRows } : {}),
  };
}

/**
 * Parsed, clipped to the used extent, without 1×1 leftovers, and without ranges overlapping one that starts higher
 * (same top row: the one listed first wins). Returned in the file's order.
 */
function normalizeMerges(refs: string[], lastRow: number, lastCol: number): MergeRange[] {
  const clipped: MergeRange[] = [];
  for (const ref of refs) {
    const m = parseRange(ref);
    if (!m || m.top > lastRow || m.left > lastCol) continue;
    const c = { top: m.top, left: m.left, bottom: Math.min(m.bottom, lastRow), right: Math.min(m.right, lastCol) };
    if (c.bottom === c.top && c.right === c.left) continue;
    clipped.push(c);
  }
  const order = clipped.map((_m, i) => i).sort((a, b) => clipped[a]!.top - clipped[b]!.top || a - b);
  const keep = new Array<boolean>(clipped.length).fill(false);
  let active: MergeRange[] = [];
  for (const i of order) {
    const cur = clipped[i]!;
    active = active.filter(a => a.bottom >= cur.top);
    if (active.some(a => a.left <= cur.right && cur.left <= a.right)) continue;
    active.push(cur);
    keep[i] = true;
  }
  return clipped.filter((_m, i) => keep[i]);
}
