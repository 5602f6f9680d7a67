/**
 * A native line chart added to a finished .xlsx (exceljs 4.4 cannot write charts): the DrawingML chart part
 * (xl/charts/chartN.xml), its drawing (xl/drawings/drawingN.xml + rels), the sheet's <drawing r:id> and rels, and
 * [Content_Types].xml. The chart reads cell ranges of the sheet (and carries their values as its cache, for
 * programs that draw from the cache); entries keep the zip's date (the as-of date) so the file stays byte-identical
 * for identical inputs. Entries the chart does not touch are copied compressed as they are.
 */
import type JSZip from 'jszip';
import { createWriteStream, promises as fsp } from 'node:fs';

export interface LineSeries {
  /** The series' name (legend). */
  name: string;
  /** Column letter of its values; rows firstRow..lastRow of the sheet. */
  column: string;
  values: (number | null)[];
  /** RGB hex, e.g. 'C00000'. */
  color: string;
  dash?: 'solid' | 'dash';
}

export interface LineChartSpec {
  sheet: string;
  title: string;
  firstRow: number;
  lastRow: number;
  /** Column of the category labels (text). */
  categoryColumn: string;
  categories: string[];
  series: LineSeries[];
  /** Zero-based cells of the chart's box. */
  anchor: { fromCol: number; fromRow: number; toCol: number; toRow: number };
  /** Number format of the value axis, e.g. '0%'. */
  valueFormat: string;
  /** The zip entries' date (the summary's as-of date). */
  date: Date;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** A sheet name in a formula: quoted, quotes doubled. */
const ref = (sheet: string, col: string, a: number, b: number) => `'${sheet.replace(/'/g, "''")}'!$${col}$${a}:$${col}$${b}`;

export function chartXml(spec: LineChartSpec): string {
  const n = spec.lastRow - spec.firstRow + 1;
  const cat = `<c:cat><c:strRef><c:f>${esc(ref(spec.sheet, spec.categoryColumn, spec.firstRow, spec.lastRow))}</c:f><c:strCache><c:ptCount val="${n}"/>${spec.categories
    .map((c, i) => `<c:pt idx="${i}"><c:v>${esc(c)}</c:v></c:pt>`)
    .join('')}</c:strCache></c:strRef></c:cat>`;
  const series = spec.series
    .map((s, i) => {
      const pts = s.values.map((v, j) => (v === null ? '' : `<c:pt idx="${j}"><c:v>${v}</c:v></c:pt>`)).join('');
      return `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${esc(s.name)}</c:v></c:tx>` +
        `<c:spPr><a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="${s.color}"/></a:solidFill>${s.dash === 'dash' ? '<a:prstDash val="dash"/>' : ''}<a:round/></a:ln></c:spPr>` +
        `<c:marker><c:symbol val="circle"/><c:size val="5"/><c:spPr><a:solidFill><a:srgbClr val="${s.color}"/></a:solidFill><a:ln><a:solidFill><a:srgbClr val="${s.color}"/></a:solidFill></a:ln></c:spPr></c:marker>` +
        `${cat}<c:val><c:numRef><c:f>${esc(ref(spec.sheet, s.column, spec.firstRow, spec.lastRow))}</c:f><c:numCache><c:formatCode>${esc(spec.valueFormat)}</c:formatCode><c:ptCount val="${n}"/>${pts}</c:numCache></c:numRef></c:val>` +
        `<c:smooth val="0"/></c:ser>`;
    })
    .join('');
  const font = '<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900"><a:latin typeface="SimSun"/><a:ea typeface="SimSun"/></a:defRPr></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><c:roundedCorners val="0"/><c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1200" b="1"/></a:pPr><a:r><a:rPr lang="zh-CN" sz="1200" b="1"><a:latin typeface="SimHei"/><a:ea typeface="SimHei"/></a:rPr><a:t>${esc(spec.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/><c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/><c:axId val="50010"/><c:axId val="50020"/></c:lineChart><c:catAx><c:axId val="50010"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/>${font}<c:crossAx val="50020"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx><c:valAx><c:axId val="50020"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines><c:numFmt formatCode="${esc(spec.valueFormat)}" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${font}<c:crossAx val="50010"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx></c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/>${font}</c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`;
}

function drawingXml(spec: LineChartSpec): string {
  const a = spec.anchor;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:twoCellAnchor editAs="oneCell"><xdr:from><xdr:col>${a.fromCol}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${a.fromRow}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>${a.toCol}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${a.toRow}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="${esc(spec.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`;
}

const RELS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const rels = (items: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${RELS_NS}">${items}</Relationships>`;

/** The sheet's part (xl/worksheets/sheetN.xml) from the workbook and its rels. */
async function sheetPart(zip: JSZip, sheet: string): Promise<string> {
  const wb = await zip.file('xl/workbook.xml')!.async('string');
  const name = esc(sheet).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="([^"]+)"`).exec(wb) ?? new RegExp(`<sheet [^>]*r:id="([^"]+)"[^>]*name="${name}"`).exec(wb);
  if (!m) throw new Error(`no sheet ${sheet}`);
  const wbRels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const t = new RegExp(`<Relationship [^>]*Id="${m[1]}"[^>]*Target="([^"]+)"`).exec(wbRels) ?? new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${m[1]}"`).exec(wbRels);
  if (!t) throw new Error(`no part for ${sheet}`);
  return t[1].startsWith('/') ? t[1].slice(1) : `xl/${t[1]}`;
}

/** Adds the chart to the workbook's bytes; returns the new bytes. */
export async function addLineChart(bytes: Buffer, spec: LineChartSpec): Promise<Buffer> {
  // loaded here: only a run with --history draws this chart
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const zip = await (require('jszip') as typeof JSZip).loadAsync(bytes);
  const opts = { date: spec.date, createFolders: false };
  const part = await sheetPart(zip, spec.sheet);
  // numbered after the parts already there (the 通报 sheet's picture has a drawing of its own)
  const next = (re: RegExp) => 1 + Math.max(0, ...Object.keys(zip.files).map((f) => Number(re.exec(f)?.[1] ?? 0)));
  const k = next(/^xl\/drawings\/drawing(\d+)\.xml$/);
  const ck = next(/^xl\/charts\/chart(\d+)\.xml$/);
  zip.file(`xl/charts/chart${ck}.xml`, chartXml(spec), opts);
  zip.file(`xl/drawings/drawing${k}.xml`, drawingXml(spec), opts);
  zip.file(`xl/drawings/_rels/drawing${k}.xml.rels`, rels(`<Relationship Id="rId1" Type="${REL}/chart" Target="../charts/chart${ck}.xml"/>`), opts);
  const relsPath = part.replace(/([^/]+)$/, '_rels/$1.rels');
  const drawingRel = `<Relationship Id="rIdXcsChart${k}" Type="${REL}/drawing" Target="../drawings/drawing${k}.xml"/>`;
  const oldRels = zip.file(relsPath);
  zip.file(relsPath, oldRels ? (await oldRels.async('string')).replace('</Relationships>', `${drawingRel}</Relationships>`) : rels(drawingRel), opts);
  let xml = await zip.file(part)!.async('string');
  if (xml.includes('<drawing ')) throw new Error(`sheet ${spec.sheet} already has a drawing`);
  if (!xml.includes('xmlns:r=')) xml = xml.replace('<worksheet ', `<worksheet xmlns:r="${REL}" `);
  // CT_Worksheet order: <drawing> comes after headerFooter/breaks and before legacyDrawing, tableParts, extLst
  const at = xml.search(/<(legacyDrawing|legacyDrawingHF|picture|oleObjects|controls|webPublishItems|tableParts|extLst)[ />]|<\/worksheet>/);
  xml = `${xml.slice(0, at)}<drawing r:id="rIdXcsChart${k}"/>${xml.slice(at)}`;
  zip.file(part, xml, opts);
  let types = await zip.file('[Content_Types].xml')!.async('string');
  types = types.replace(
    '</Types>',
    `<Override PartName="/xl/drawings/drawing${k}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>` +
      `<Override PartName="/xl/charts/chart${ck}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>`,
  );
  zip.file('[Content_Types].xml', types, opts);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

/** Adds the chart to an .xlsx file in place (the file is the run's own staged temporary file). */
export async function addLineChartToFile(file: string, spec: LineChartSpec): Promise<void> {
  const out = await addLineChart(await fsp.readFile(file), spec);
  await new Promise<void>((resolve, reject) => {
    const ws = createWriteStream(file);
    ws.on('error', reject);
    ws.end(out, () => resolve());
  });
}
