/**
 * The 通报 sheet: the weekly bulletin of core/bulletin.ts as print-ready rows (one merged, wrapped row per sentence,
 * A4 landscape, one page wide, page breaks kept off headings and the picture) with the chart embedded as a PNG.
 *
 * exceljs's streaming writer (kept for the big sheets) can add media to a workbook but cannot anchor a picture on a
 * sheet. This module adds the three small parts that takes, through the writer's own streams: the drawing part
 * (xl/drawings/drawingN.xml, one oneCellAnchor picture) and its relationships, the sheet's <drawing r:id> element and
 * relationship, and the drawing's content type. exceljs is pinned exactly (4.4.0); the tests read the picture back.
 */
import type * as ExcelJS from 'exceljs';
import { Bulletin, BulletinLine, buildBulletin, bulletinChartSvg } from '../../core/bulletin';
import type { ConsolidationResult } from '../../core/types';
import { ChartPng, expectedChartPng, renderChartPng, renderChartPngAsync } from './chart-png';
import type { ChartDrawer } from './chart-thread';
import { cellTextOf } from '../../core/text';
import { SUMMARY_SHEET } from '../../core/labels';
import { A4_FIT_WIDTH, hf, stampedWorkbookWriter } from './xlsx/workbook';

// the engine's workbook helpers, still importable from here
export { A4_FIT_WIDTH, hf, stampedWorkbookWriter } from './xlsx/workbook';

/** The county summary's 通报 sheet (also the one sheet of the bulletin's PDF). */
const BULLETIN_SHEET = SUMMARY_SHEET.bulletin;

/** Renders the chart of a bulletin (the summary and the PDF use the same function). */
export type ChartRenderer = (svg: string, width: number, height?: number) => ChartPng;

export interface BulletinChart {
  png: ChartPng;
  /** Shown size in px (the PNG has CHART_SCALE times as many). */
  width: number;
  height: number;
}

export function renderBulletinChart(b: Bulletin, render: ChartRenderer = renderChartPng): BulletinChart {
  const { svg, width, height } = bulletinChartSvg(b.chart);
  let png: ChartPng;
  try {
    png = render(svg, width, height);
  } catch (err) {
    png = { ok: false, reason: `图表生成失败（${err instanceof Error ? err.message : String(err)}）` };
  }
  return { png, width, height };
}

/**
 * The 通报 sheet's content for `result` (core's bulletin and its chart) while the chart is being drawn: by `drawer`
 * (another thread, ./chart-thread.ts) when given, else on libuv's thread pool, so the caller writes other sheets (or
 * the JSON report) meanwhile; a test's renderer runs as given. Built once per run: the summary and the PDF take the same object.
 * - `early`: the content with the chart's expected outcome (a picture whose PNG is still empty, and the warning it will
 *   carry). The summary writes the sheet from it at once and puts the picture's bytes in before the workbook's commit
 *   (../summary/bulletin.ts). Null when there is nothing to expect (a test's renderer, which runs at once; no resvg).
 * - `input`: the content once the chart is drawn (the PDF; the summary's check).
 */
export interface BulletinDraft {
  early: BulletinSheetInput | null;
  input: Promise<BulletinSheetInput>;
}

export function bulletinDraft(result: ConsolidationResult, o: { county?: string; footer: string; chart?: ChartRenderer; drawer?: ChartDrawer }): BulletinDraft {
  try {
    const bulletin = buildBulletin(result, { county: o.county ?? '' });
    if (o.chart) return { early: null, input: Promise.resolve({ bulletin, chart: renderBulletinChart(bulletin, o.chart), footer: o.footer }) };
    const { svg, width, height } = bulletinChartSvg(bulletin.chart);
    const input = renderChartPngAsync(svg, width, height, o.drawer).then((png): BulletinSheetInput => ({ bulletin, chart: { png, width, height }, footer: o.footer }));
    const expected = expectedChartPng();
    return { early: expected ? { bulletin, chart: { png: expected, width, height }, footer: o.footer } : null, input };
  } catch (err) {
    return { early: null, input: Promise.reject(err) };
  }
}

/** Whether `x` is a BulletinDraft (not the content itself, nor a promise of it). */
export function isBulletinDraft(x: unknown): x is BulletinDraft {
  return typeof x === 'object' && x !== null && 'early' in x && 'input' in x;
}

/**
 * Puts the drawn chart's PNG into the picture a sheet written from `draft.early` holds (`picture`: what
 * writeBulletinSheet returned). False when the drawing's outcome is not the one the sheet was laid out for (it failed
 * after all, or says something else): the sheet must then be written again from `draft.input`.
 */
export async function settlePicture(draft: BulletinDraft, picture: BulletinPicture | null): Promise<boolean> {
  const expected = draft.early?.chart.png;
  const drawn = (await draft.input).chart.png;
  if (!expected?.ok || !drawn.ok || !picture || drawn.warning !== expected.warning) return false;
  picture.buffer = drawn.png;
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// Layout

const FONT = '宋体';
const COLS = 10;
const COL_WIDTH = 12;
/** The merged width in points: Excel's width unit is ~7 px (+5 px padding) at the default font; 1 pt = 4/3 px. */
const WIDTH_PX = COLS * (COL_WIDTH * 7 + 5);
const WIDTH_PT = (WIDTH_PX * 3) / 4;
/** A4 landscape: 595 pt tall less the margins below (520 pt), a little kept back so our breaks come before the program's own. */
const PAGE_PT = 505;
const BODY = 11;
/** Points per line of 11-point text, with the leading CJK fonts get in LibreOffice and WPS. */
const LINE_PT = 16.5;
/** Room for text on a line, in points: the merged width less the cell's padding. */
const LINE_ROOM_PT = WIDTH_PT - 10;
/** Indent levels in points (Excel: about three spaces of the default font per level). */
const INDENT_PT = 9;
/** Reserved picture rows are this high. */
const PIC_ROW_PT = 15;
/** The picture's largest shown size in px: the merged width, and what fits on a page with its caption. */
const PIC_MAX_W = WIDTH_PX - 40;
const PIC_MAX_H = ((PAGE_PT - 40) * 4) / 3;

function font(size: number, bold = false, color?: string): Partial<ExcelJS.Font> {
  return { name: FONT, size, bold, charset: 134, ...(color ? { color: { argb: color } } : {}) };
}

const STYLE = {
  title: { font: font(18, true), alignment: { vertical: 'middle', horizontal: 'center', wrapText: true } },
  subtitle: { font: font(BODY), alignment: { vertical: 'middle', horizontal: 'center', wrapText: true } },
  heading: { font: font(13, true), alignment: { vertical: 'bottom', horizontal: 'left', wrapText: true } },
  para: { font: font(BODY), alignment: { vertical: 'top', horizontal: 'left', wrapText: true, indent: 1 } },
  item: { font: font(BODY), alignment: { vertical: 'top', horizontal: 'left', wrapText: true, indent: 2 } },
  more: { font: font(BODY, false, 'FF404040'), alignment: { vertical: 'top', horizontal: 'left', wrapText: true, indent: 2 } },
  note: { font: font(9, false, 'FF404040'), alignment: { vertical: 'top', horizontal: 'left', wrapText: true } },
  chartError: { font: font(BODY, true, 'FF9C0006'), alignment: { vertical: 'middle', horizontal: 'left', wrapText: true, indent: 1 } },
} satisfies Record<string, Partial<ExcelJS.Style>>;

type RowStyle = keyof typeof STYLE;

interface PlannedRow {
  text: string | null;
  style: RowStyle;
  height: number;
  /** A manual page break below this row. */
  breakAfter?: boolean;
}

/**
 * Width of a text in points at `size`: CJK and full-width characters are one em; digits and Latin letters are half an
 * em in SimSun and a little over (0.62 em, measured) in the fonts LibreOffice substitutes for 宋体: the wider is used.
 */
function textPt(s: string, size: number): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || c >= 0x20000
      ? size
      : size * 0.62;
  }
  return w;
}

/** Lines a text wraps to; a line also breaks a character early now and then (no 「，」 may start a line). */
function lines(text: string, size: number, indentLevels: number): number {
  const room = Math.max(40, LINE_ROOM_PT - indentLevels * INDENT_PT - size);
  return text.split('\n').reduce((a, l) => a + Math.max(1, Math.ceil(textPt(l, size) / room)), 0);
}

function textRow(text: string, style: RowStyle): PlannedRow {
  const indent = style === 'para' ? 1 : style === 'item' || style === 'more' ? 2 : 0;
  const size = style === 'heading' ? 13 : style === 'note' ? 9 : style === 'title' ? 18 : BODY;
  const lineH = style === 'note' ? 12.5 : style === 'heading' ? 19 : LINE_PT;
  const n = lines(text, size, indent);
  const pad = style === 'heading' ? 8 : 4;
  // Excel's limit for a row (409 pt); the core keeps quoted texts short enough never to reach it
  return { text, style, height: Math.min(409, Math.ceil((n * lineH + pad) * 2) / 2) };
}

/** Keeps blocks on one page: a heading with its first line, the picture with its caption. */
class Pager {
  private used = 0;
  constructor(readonly rows: PlannedRow[]) {}

  add(block: PlannedRow[]): void {
    const h = block.reduce((a, r) => a + r.height, 0);
    if (this.used > 0 && this.used + h > PAGE_PT && this.rows.length) {
      this.rows[this.rows.length - 1].breakAfter = true;
      this.used = 0;
    }
    for (const r of block) {
      // a row that does not fit starts a page by itself (the program breaks there too)
      if (this.used > 0 && this.used + r.height > PAGE_PT) {
        this.rows[this.rows.length - 1].breakAfter = true;
        this.used = 0;
      }
      this.rows.push(r);
      this.used += r.height;
    }
  }
}

const LINE_STYLE: Record<BulletinLine['kind'], RowStyle> = { para: 'para', item: 'item', more: 'more' };

// ---------------------------------------------------------------------------------------------------------------
// The streaming writer's internals that anchoring a picture needs (exceljs 4.4.0)

interface WorkbookInternals {
  zip: { append(source: string | Buffer, data: { name: string }): unknown };
  addContentTypes(): Promise<void>;
  getImage(id: number): BulletinPicture & { name: string };
}

/** The picture a 通报 sheet holds: exceljs's media entry, whose buffer is zipped at the workbook's commit. */
export interface BulletinPicture {
  buffer: unknown;
}

interface WorksheetInternals {
  id: number;
  _sheetRelsWriter: { addRelationship(rel: { Target: string; Type: string }): string };
  _writeLegacyData(): void;
  _write(text: string): void;
}

const REL_DRAWING = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing';
const REL_IMAGE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/image';
const EMU_PER_PX = 9525;

function xmlAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Anchors `png` on `ws` at (row0, col 0) + colOffPx, shown at widthPx × heightPx. Call before the sheet is committed.
 */
function anchorPicture(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  ws: ExcelJS.Worksheet,
  png: Buffer,
  at: { row0: number; colOffPx: number; widthPx: number; heightPx: number; descr: string },
): BulletinPicture {
  const w = wb as unknown as WorkbookInternals;
  const s = ws as unknown as WorksheetInternals;
  const imageId = wb.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: 'png' });
  const medium = w.getImage(imageId);
  const media = medium.name;
  const drawing = `drawing${s.id}.xml`;
  const cx = Math.round(at.widthPx * EMU_PER_PX);
  const cy = Math.round(at.heightPx * EMU_PER_PX);
  w.zip.append(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">' +
      '<xdr:oneCellAnchor>' +
      `<xdr:from><xdr:col>0</xdr:col><xdr:colOff>${Math.round(at.colOffPx * EMU_PER_PX)}</xdr:colOff><xdr:row>${at.row0}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
      `<xdr:ext cx="${cx}" cy="${cy}"/>` +
      '<xdr:pic>' +
      `<xdr:nvPicPr><xdr:cNvPr id="2" name="图表 1" descr="${xmlAttr(at.descr)}"/><xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr>` +
      '<xdr:blipFill><a:blip xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>' +
      `<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr>` +
      '</xdr:pic>' +
      '<xdr:clientData/>' +
      '</xdr:oneCellAnchor>' +
      '</xdr:wsDr>',
    { name: `xl/drawings/${drawing}` },
  );
  w.zip.append(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      `<Relationship Id="rId1" Type="${REL_IMAGE}" Target="../media/${media}"/>` +
      '</Relationships>',
    { name: `xl/drawings/_rels/${drawing}.rels` },
  );
  const rId = s._sheetRelsWriter.addRelationship({ Target: `../drawings/${drawing}`, Type: REL_DRAWING });
  // <drawing> belongs after the page setup and row breaks and before <legacyDrawing>: where exceljs writes the latter
  const legacy = s._writeLegacyData.bind(s);
  s._writeLegacyData = () => {
    s._write(`<drawing r:id="${rId}"/>`);
    legacy();
  };
  // the drawing part's content type (exceljs's streaming writer lists only worksheets, styles and media)
  const override = `<Override PartName="/xl/drawings/${drawing}" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>`;
  const previous = w.addContentTypes.bind(w);
  w.addContentTypes = () => {
    const zip = w.zip;
    const append = zip.append;
    zip.append = (source, data) => {
      if (data.name === '[Content_Types].xml' && typeof source === 'string') {
        if (!source.includes('</Types>')) throw new Error('[Content_Types].xml without </Types>');
        source = source.replace('</Types>', `${override}</Types>`);
      }
      return append.call(zip, source, data);
    };
    try {
      return previous();
    } finally {
      zip.append = append;
    }
  };
  return medium;
}

// ---------------------------------------------------------------------------------------------------------------

export interface BulletinSheetInput {
  bulletin: Bulletin;
  chart: BulletinChart;
  /** Left page footer (the summary's title). */
  footer: string;
}

/** Writes the 通报 sheet into a streaming workbook and commits it; returns its picture (null when it has none). */
export function writeBulletinSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, input: BulletinSheetInput): BulletinPicture | null {
  const { bulletin: b, chart } = input;
  const ws = wb.addWorksheet(BULLETIN_SHEET, {
    views: [{ showGridLines: false, activeCell: 'A1' }],
    pageSetup: {
      ...A4_FIT_WIDTH,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.55, header: 0.2, footer: 0.25 },
    },
    headerFooter: { oddFooter: `&L&8${hf(input.footer)}&C&8第 &P 页，共 &N 页&R&8${BULLETIN_SHEET}` },
    properties: { defaultRowHeight: 15, defaultColWidth: 9 },
  });
  ws.columns = Array.from({ length: COLS }, (_, i) => ({ key: `c${i + 1}`, width: COL_WIDTH }));

  // plan the rows and the page breaks
  const rows: PlannedRow[] = [];
  const pager = new Pager(rows);
  pager.add([
    { text: b.title, style: 'title', height: 34 },
    { text: b.subtitle, style: 'subtitle', height: 22 },
  ]);
  let pictureRow = -1;
  let pictureSize = { w: 0, h: 0 };
  for (const part of b.parts) {
    const body = part.lines.map((l) => textRow(l.text, LINE_STYLE[l.kind]));
    pager.add([textRow(part.heading, 'heading'), ...body.slice(0, 1)]);
    for (const r of body.slice(1)) pager.add([r]);
    if (part.key === 'progress') {
      // the chart after the towns' ranking
      if (chart.png.ok) {
        let w = Math.min(PIC_MAX_W, chart.width);
        let h = (w * chart.height) / chart.width;
        if (h > PIC_MAX_H) {
          w = (w * PIC_MAX_H) / h;
          h = PIC_MAX_H;
        }
        pictureSize = { w, h };
        const n = Math.ceil(((h * 3) / 4 + 6) / PIC_ROW_PT);
        const block: PlannedRow[] = Array.from({ length: n }, () => ({ text: null, style: 'para', height: PIC_ROW_PT }));
        if (chart.png.warning) block.push(textRow(`注：${chart.png.warning}。`, 'note'));
        pager.add(block);
        pictureRow = rows.length - block.length; // 0-based index of the first picture row
      } else {
        pager.add([textRow(`（本应在此处的「各乡镇完成率与序时进度」图未能生成：${chart.png.reason}。各乡镇完成率见上文及「${SUMMARY_SHEET.overview}」表。）`, 'chartError')]);
      }
    }
  }
  pager.add([
    textRow(
      '注：完成率＝累计完成÷年度计划（只计有年度计划的项目）；与序时进度之差以个百分点计，黄灯、红灯项目为滞后项目。' +
        `各乡镇、各项目的数据见本工作簿${[SUMMARY_SHEET.overview, SUMMARY_SHEET.projects, SUMMARY_SHEET.lagging, SUMMARY_SHEET.problems, SUMMARY_SHEET.submissions].map((n) => `「${n}」`).join('')}各表。`,
      'note',
    ),
  ]);

  const last = String.fromCharCode(64 + COLS);
  rows.forEach((p, i) => {
    const r = ws.getRow(i + 1);
    for (let c = 1; c <= COLS; c++) r.getCell(c).style = STYLE[p.style] as Partial<ExcelJS.Style>;
    if (p.text !== null) r.getCell(1).value = cellTextOf(p.text);
    ws.mergeCells(`A${i + 1}:${last}${i + 1}`);
    r.height = p.height;
    if (p.breakAfter) r.addPageBreak();
    r.commit();
  });
  let picture: BulletinPicture | null = null;
  if (pictureRow >= 0 && chart.png.ok) {
    picture = anchorPicture(wb, ws, chart.png.png, {
      row0: pictureRow,
      // at the left, under the text's indent: a spreadsheet program with other column widths would shift a centred one
      colOffPx: 12,
      widthPx: pictureSize.w,
      heightPx: pictureSize.h,
      descr: b.chart.title,
    });
  }
  ws.commit();
  return picture;
}

/**
 * The workbook the bulletin's PDF is made from: the 通报 sheet alone (same code, same picture). Its default font is
 * Arial 10 instead of exceljs's Calibri 11: column widths are measured in the default font's digits, both are 7 px wide
 * in Excel, and LibreOffice has Arial's metric twin (Liberation Sans) wherever it is installed, while Calibri's
 * (Carlito) is often missing. So LibreOffice lays the PDF out as Excel lays out the sheet.
 */
export async function writeBulletinWorkbook(outPath: string, input: BulletinSheetInput, stamp: Date): Promise<void> {
  const wb = stampedWorkbookWriter({ filename: outPath, useStyles: true, useSharedStrings: false }, stamp);
  const styles = (wb as unknown as { styles?: { model?: { fonts?: unknown[] }; _addFont?(font: object): number } }).styles;
  if (styles?.model?.fonts?.length === 0 && styles._addFont) styles._addFont({ size: 10, name: 'Arial', family: 2 });
  wb.creator = 'xcs-weekly';
  wb.lastModifiedBy = 'xcs-weekly';
  wb.title = input.bulletin.title;
  writeBulletinSheet(wb, input);
  await wb.commit();
}
