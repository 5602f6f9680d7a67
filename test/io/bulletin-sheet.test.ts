/**
 * The 通报 sheet of the summary workbook, written by the streaming writer and read back: its place, its text rows,
 * print setup and page breaks, and the chart as a real PNG picture anchored on the sheet (drawing part, relationships,
 * content type), or a sentence saying why it is missing.
 */
import * as ExcelJS from 'exceljs';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { buildBulletin, bulletinChartSvg } from '../../core/bulletin';
import type { ConsolidationResult, TownResult } from '../../core/types';
import { CHART_MAX_PX, CHART_SCALE, chartFont, renderChartPng, resvg, scaledRoot } from '../../io/write/chart-png';
import { bulletinDraft, writeSummaryWorkbook } from '../../io/write/summary-workbook';
import { fixture } from '../fixtures/result-fixture';
import { tmpDir } from '../support/books';
import { colourCounts, decodePng } from '../support/png';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const JSZip = require('jszip') as {
  loadAsync(data: Buffer): Promise<{ files: Record<string, unknown>; file(name: string): { async(t: 'string' | 'nodebuffer'): Promise<string & Buffer> } | null }>;
};

let dir: string;
beforeAll(async () => {
  dir = await tmpDir('xcs-bsheet-');
});
afterAll(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

async function write(result: ConsolidationResult, name: string, opts: Parameters<typeof writeSummaryWorkbook>[2] = { county: '云和县' }) {
  const file = path.join(dir, name);
  const info = await writeSummaryWorkbook(result, file, opts);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const zip = await JSZip.loadAsync(await fsp.readFile(file));
  return { file, info, wb, ws: wb.getWorksheet('通报')!, zip };
}

async function part(zip: Awaited<ReturnType<typeof write>>['zip'], name: string): Promise<string | null> {
  const f = zip.file(name);
  return f ? f.async('string') : null;
}

function columnA(ws: ExcelJS.Worksheet): (string | null)[] {
  const out: (string | null)[] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const v = ws.getCell(r, 1).value;
    out.push(v === null || v === undefined ? null : String(v));
  }
  return out;
}

describe('the 通报 sheet of the fixture', () => {
  let w: Awaited<ReturnType<typeof write>>;
  beforeAll(async () => {
    w = await write(fixture, 'summary.xlsx');
  });

  test('right after 汇总概览: title, subtitle, then every line of the five parts in order, each a merged row', () => {
    expect(w.wb.worksheets.map((s) => s.name).slice(0, 3)).toEqual(['汇总概览', '通报', '项目明细']);
    const b = buildBulletin(fixture, { county: '云和县' });
    const text = columnA(w.ws).filter((t): t is string => t !== null);
    const expected = [b.title, b.subtitle, ...b.parts.flatMap((p) => [p.heading, ...p.lines.map((l) => l.text)])];
    expect(text.slice(0, expected.length)).toEqual(expected);
    expect(text[expected.length]).toMatch(/^注：完成率＝累计完成÷年度计划/);
    expect(text[0]).toBe('云和县重点项目推进情况通报');
    expect(text).toContain('截至2015年10月31日，全县4个乡镇中2个已报送，纳入汇总的重点项目12个，总投资96,200万元，年度计划投资27,900万元；' +
      '累计完成投资19,830万元，占年度计划71.1%，低于序时进度12.3个百分点（序时进度83.3%）。');
    for (let r = 1; r <= w.ws.rowCount; r++) expect(w.ws.model.merges).toContain(`A${r}:J${r}`);
    const cell = w.ws.getCell(text.indexOf('三、滞后项目') + 2, 1);
    expect(cell.alignment?.wrapText).toBe(true);
    expect(cell.font?.name).toBe('宋体');
    expect(w.ws.getCell('A1').font?.bold).toBe(true);
  });

  test('printed A4 landscape, one page wide; rows as high as their wrapped text', () => {
    const ps = w.ws.pageSetup;
    expect([ps.paperSize, ps.orientation, ps.fitToPage, ps.fitToWidth, ps.fitToHeight]).toEqual([9, 'landscape', true, 1, 0]);
    expect(w.ws.views[0]?.showGridLines).toBe(false);
    const text = columnA(w.ws);
    const short = text.indexOf('未参加排名：东山乡（未报送）、西河镇（报表退回）。') + 1;
    const long = text.findIndex((t) => t?.startsWith('截至2015年10月31日')) + 1;
    expect(w.ws.getRow(long).height).toBeGreaterThan(w.ws.getRow(short).height * 1.5);
    expect(w.ws.getRow(short).height).toBeGreaterThanOrEqual(16);
  });

  test('the chart is one PNG anchored on this sheet, below the towns\' ranking', async () => {
    const images = w.ws.getImages();
    expect(images).toHaveLength(1);
    const img = w.wb.getImage(Number(images[0].imageId));
    expect(img.extension).toBe('png');
    const text = columnA(w.ws);
    // anchored on the first empty row after part 二, and the rows below it stay empty for it
    const after = text.indexOf('未参加排名：东山乡（未报送）、西河镇（报表退回）。');
    expect(images[0].range.tl.nativeRow).toBe(after + 1);
    expect(text[after + 1]).toBeNull();
    expect(text[after + 2]).toBeNull();
    for (const other of w.wb.worksheets.filter((s) => s.name !== '通报')) expect(other.getImages()).toHaveLength(0);

    // the parts behind it: media, the sheet's drawing and both relationships, the content type
    const media = Object.keys(w.zip.files).filter((n) => n.startsWith('xl/media/'));
    expect(media).toEqual(['xl/media/image0.png']);
    const sheetXml = (await part(w.zip, 'xl/worksheets/sheet2.xml'))!;
    expect(sheetXml).toMatch(/<drawing r:id="rId1"\/><\/worksheet>$/);
    expect(await part(w.zip, 'xl/worksheets/_rels/sheet2.xml.rels')).toContain('Target="../drawings/drawing2.xml"');
    const drawing = (await part(w.zip, 'xl/drawings/drawing2.xml'))!;
    expect(drawing).toContain('<xdr:oneCellAnchor>');
    expect(drawing).toContain('r:embed="rId1"');
    expect(await part(w.zip, 'xl/drawings/_rels/drawing2.xml.rels')).toContain('Target="../media/image0.png"');
    const types = (await part(w.zip, '[Content_Types].xml'))!;
    expect(types).toContain('<Override PartName="/xl/drawings/drawing2.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>');
    expect(types).toContain('<Default Extension="png" ContentType="image/png"/>');
    for (const n of [1, 3, 4, 5, 6, 7]) expect(await part(w.zip, `xl/worksheets/sheet${n}.xml`)).not.toContain('<drawing');
    expect(w.info.chartProblem).toBeNull();
  });

  test('the PNG decodes to a chart: its size, bars in the lights\' colours, the 序时进度 line, Chinese text', async () => {
    const images = w.ws.getImages();
    const png = decodePng(w.wb.getImage(Number(images[0].imageId)).buffer as unknown as Buffer);
    const svg = bulletinChartSvg(buildBulletin(fixture).chart);
    expect(png.width).toBe(svg.width * CHART_SCALE);
    expect(png.height).toBe(svg.height * CHART_SCALE);
    const c = colourCounts(png, { red: [0xe0, 0, 0], blue: [0x1f, 0x4e, 0x9e], green: [0, 0xb0, 0x50] });
    expect(c.ink / (png.width * png.height)).toBeGreaterThan(0.05);
    // two red bars 22 px high (×2), each hundreds of px long, dwarf the legend's square
    expect(c.red).toBeGreaterThan(2 * 44 * 500);
    expect(c.blue).toBeGreaterThan(500);
    expect(c.green).toBeLessThan(2000); // only the legend: no town is ahead
    // the town names are drawn: the same chart without them has less ink
    const named = renderChartPng(svg.svg, svg.width);
    const unnamed = renderChartPng(svg.svg.replace(/>(云峰镇|青溪镇)</g, '><'), svg.width);
    if (!named.ok || !unnamed.ok) throw new Error('render failed');
    expect(named.warning).toBeUndefined();
    expect(colourCounts(decodePng(named.png), {}).ink - colourCounts(decodePng(unnamed.png), {}).ink).toBeGreaterThan(300);
  });
});

test('a chart taller than CHART_MAX_PX / CHART_SCALE is drawn at a smaller scale', () => {
  const h = 5000;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="${h}" viewBox="0 0 1000 ${h}"><rect x="0" y="0" width="1000" height="${h}" fill="#E00000"/></svg>`;
  const png = renderChartPng(svg, 1000, h);
  if (!png.ok) throw new Error(png.reason);
  expect(png.height).toBe(CHART_MAX_PX);
  expect(png.width).toBe(800);
});

test('without a chart the sheet says why in a cell, and the workbook is complete', async () => {
  const w = await write(fixture, 'no-chart.xlsx', { county: '云和县', chart: () => { throw new Error('渲染器故障'); } });
  expect(w.info.chartProblem).toBe('图表生成失败（渲染器故障）');
  expect(w.wb.worksheets).toHaveLength(8);
  expect(w.ws.getImages()).toHaveLength(0);
  const text = columnA(w.ws);
  const i = text.indexOf('未参加排名：东山乡（未报送）、西河镇（报表退回）。');
  expect(text[i + 1]).toBe('（本应在此处的「各乡镇完成率与序时进度」图未能生成：图表生成失败（渲染器故障）。各乡镇完成率见上文及「汇总概览」表。）');
  expect(text[i + 2]).toBe('三、滞后项目');
  expect(Object.keys(w.zip.files).filter((n) => n.startsWith('xl/media/') || n.startsWith('xl/drawings/'))).toEqual([]);
  expect(await part(w.zip, '[Content_Types].xml')).not.toContain('drawing');

  const w2 = await write(fixture, 'no-chart2.xlsx', { chart: () => ({ ok: false, reason: '图表组件 @resvg/resvg-js 无法加载（x）' }) });
  expect(w2.info.chartProblem).toBe('图表组件 @resvg/resvg-js 无法加载（x）');
  expect(columnA(w2.ws).some((t) => t?.includes('图未能生成：图表组件 @resvg/resvg-js 无法加载（x）'))).toBe(true);
});

test('a long bulletin: page breaks never right after a heading nor through the picture; the picture fits a page', async () => {
  // 27 ranked towns (the province's first round), each with lagging projects and problems
  const r = structuredClone(fixture);
  const base = r.towns[0];
  r.towns = Array.from({ length: 27 }, (_, i): TownResult => ({ ...structuredClone(base), town: `试点${i + 1}镇`, rank: i + 1 }));
  r.lagging = r.towns.flatMap((t) => fixture.lagging.map((l) => ({ ...l, town: t.town })));
  r.problems = r.towns.flatMap((t) => fixture.problems.map((p) => ({ ...p, town: t.town })));
  const w = await write(r, 'long.xlsx');
  const xml = (await part(w.zip, 'xl/worksheets/sheet2.xml'))!;
  const breaks = [...xml.matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1]));
  expect(breaks.length).toBeGreaterThanOrEqual(2);
  const text = columnA(w.ws);
  const headings = new Set(['一、总体情况', '二、各乡镇推进情况', '三、滞后项目', '四、存在问题及需县领导协调事项', '五、下步工作']);
  for (const id of breaks) {
    // <brk id="N"> breaks below row N (1-based)
    expect(headings.has(text[id - 1] ?? '')).toBe(false);
    expect(id).toBeGreaterThan(2); // not between the title and the subtitle
  }
  const [img] = w.ws.getImages();
  const top = img.range.tl.nativeRow; // 0-based: the picture's rows are top+1 … top+n (1-based)
  let n = 0;
  while (text[top + n] === null) n++;
  expect(n).toBeGreaterThan(10);
  for (const id of breaks) expect(id >= top + 1 && id < top + n).toBe(false);
  // shown no taller than what fits on an A4 landscape page (pt), and the rows reserved cover it
  const ext = (img.range as unknown as { ext: { width: number; height: number } }).ext;
  expect(ext.height * 0.75).toBeLessThanOrEqual(480);
  let reserved = 0;
  for (let k = 0; k < n; k++) reserved += w.ws.getRow(top + 1 + k).height;
  expect(reserved).toBeGreaterThanOrEqual(ext.height * 0.75);
});

describe('the summary written while its chart is drawn (a draft: the picture\'s bytes go in before the commit)', () => {
  test('the same bytes as a summary written from the drawn chart', async () => {
    const draft = bulletinDraft(fixture, { county: '云和县' });
    expect(draft.early?.chart.png.ok).toBe(true);
    const early = await write(fixture, 'draft.xlsx', { county: '云和县', bulletin: draft });
    const drawn = await write(fixture, 'drawn.xlsx', { county: '云和县', bulletin: await draft.input });
    expect(early.info.chartProblem).toBeNull();
    expect(early.ws.getImages()).toHaveLength(1);
    const png = (await draft.input).chart.png;
    if (!png.ok) throw new Error(png.reason);
    expect((await early.zip.file('xl/media/image0.png')!.async('nodebuffer')).equals(png.png)).toBe(true);
    expect((await fsp.readFile(early.file)).equals(await fsp.readFile(drawn.file))).toBe(true);
  });

  test('a chart whose drawing fails after the sheet was laid out for it: the workbook is written again, as a failed chart lays it out', async () => {
    const draft = bulletinDraft(fixture, { county: '云和县' });
    const drawn = await draft.input;
    const failed = { ...drawn, chart: { ...drawn.chart, png: { ok: false as const, reason: '图表生成失败（内存不足）' } } };
    const late = await write(fixture, 'late-failure.xlsx', { county: '云和县', bulletin: { early: draft.early, input: Promise.resolve(failed) } });
    const direct = await write(fixture, 'failed.xlsx', { county: '云和县', bulletin: failed });
    expect(late.info.chartProblem).toBe('图表生成失败（内存不足）');
    expect(late.ws.getImages()).toHaveLength(0);
    expect(columnA(late.ws).some((t) => t?.includes('图未能生成：图表生成失败（内存不足）'))).toBe(true);
    expect((await fsp.readFile(late.file)).equals(await fsp.readFile(direct.file))).toBe(true);
  });
});

test('the chart drawn at twice its size by its root\'s size, not resvg\'s fitTo: the same PNG, byte for byte', () => {
  const { svg, width, height } = bulletinChartSvg(buildBulletin(fixture, { county: '云和县' }).chart);
  const scaled = scaledRoot(svg, CHART_SCALE);
  expect(scaled?.width).toBe(width * CHART_SCALE);
  expect(scaled!.svg.slice(0, 200)).toContain(`width="${width * 2}" height="${height * 2}" viewBox="0 0 ${width} ${height}"`);
  const mod = resvg()!;
  const font = { loadSystemFonts: false, fontFiles: chartFont()?.files ?? [] };
  const viaFit = new mod.Resvg(svg, { font, background: '#ffffff', fitTo: { mode: 'width', value: width * CHART_SCALE } }).render().asPng();
  const viaRoot = new mod.Resvg(scaled!.svg, { font, background: '#ffffff' }).render().asPng();
  expect(viaRoot.equals(viaFit)).toBe(true);
  const png = renderChartPng(svg, width, height);
  expect(png.ok && png.png.length > 1000 && png.width === width * CHART_SCALE).toBe(true);
  // a root that is not ours (no viewBox, other attributes first): left to fitTo
  expect(scaledRoot('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>', 2)).toBeNull();
  expect(scaledRoot('<svg id="x" xmlns="http://www.w3.org/2000/svg" width="10" height="10" viewBox="0 0 10 10"/>', 2)).toBeNull();
});
