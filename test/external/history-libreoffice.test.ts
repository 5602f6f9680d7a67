/**
 * The 走势 sheet's line chart as another program sees it: LibreOffice opens the summary, prints the 走势 page with
 * both lines drawn (their colours found in the chart's corner of the page), and, saving the workbook again, keeps a
 * chart that reads the same cell ranges of 走势.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, promises as fsp, readFileSync } from 'node:fs';
import * as path from 'node:path';
import JSZip from 'jszip';
import { ConsolidationResult, historyFromReports, toJsonReport } from '../../core';
import { writeSummaryWorkbook } from '../../io/write/summary-workbook';
import { fixture } from '../fixtures/result-fixture';
import { DecodedPng, colourCounts, decodePng } from '../support/png';
import { tmpDir } from '../support/books';
import { needs } from '../support/programs';

const { test } = needs('soffice', 'pdfinfo', 'pdftotext', 'pdftoppm');

const clone = (r: ConsolidationResult): ConsolidationResult => JSON.parse(JSON.stringify(r));

/** Earlier weeks: the fixture's report with an earlier date and smaller 累计完成. */
function earlier(asOf: string, tp: number, factor: number) {
  const r = clone(fixture);
  r.asOf = asOf;
  r.timeProgress = tp;
  for (const t of r.towns) {
    for (const p of t.projectList) if (p.completedYtd !== null) p.completedYtd *= factor;
    if (t.projects) t.projects.completedYtd *= factor;
  }
  r.county.projects.completedYtd *= factor;
  return toJsonReport(r);
}

function crop(png: DecodedPng, x0: number, y0: number, x1: number, y1: number): DecodedPng {
  const w = x1 - x0;
  const rgba = Buffer.alloc(w * (y1 - y0) * 4);
  for (let y = y0; y < y1; y++) png.rgba.copy(rgba, (y - y0) * w * 4, (y * png.width + x0) * 4, (y * png.width + x1) * 4);
  return { width: w, height: y1 - y0, rgba };
}

test('LibreOffice prints 走势 with its two lines and keeps the chart on its ranges', async () => {
  const dir = await tmpDir('xcs-hist-lo-');
  const result = clone(fixture);
  const roster = result.towns.map((t) => ({ name: t.town, aliases: [] }));
  historyFromReports(result, [
    { file: 'w41.json', report: earlier('2015-10-09', 0.7726, 0.8) },
    { file: 'w42.json', report: earlier('2015-10-16', 0.7918, 0.88) },
    { file: 'w43.json', report: earlier('2015-10-23', 0.8110, 0.95) },
  ], roster);
  expect(result.history!.curve).toHaveLength(4);
  const xlsx = path.join(dir, 'summary.xlsx');
  await writeSummaryWorkbook(result, xlsx, { county: '示例县' });

  const profile = `-env:UserInstallation=file://${dir}/profile`;
  const pdf = spawnSync('soffice', ['--headless', profile, '--convert-to', 'pdf', '--outdir', dir, xlsx], { encoding: 'utf8', timeout: 240000 });
  expect(pdf.error).toBeUndefined();
  const pdfFile = path.join(dir, 'summary.pdf');
  expect(existsSync(pdfFile)).toBe(true);
  const pages = Number(/Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', [pdfFile], { encoding: 'utf8' }).stdout)?.[1]);
  let page = 0;
  for (let i = 1; i <= pages && !page; i++) {
    const text = spawnSync('pdftotext', ['-f', String(i), '-l', String(i), pdfFile, '-'], { encoding: 'utf8' }).stdout;
    if (text.includes('重点项目投资完成走势')) page = i;
  }
  expect(page).toBeGreaterThan(0);
  spawnSync('pdftoppm', ['-r', '60', '-f', String(page), '-l', String(page), '-png', pdfFile, path.join(dir, 'trend')]);
  const pngFile = (await fsp.readdir(dir)).find((f) => f.startsWith('trend') && f.endsWith('.png'))!;
  const png = decodePng(readFileSync(path.join(dir, pngFile)));
  // the chart sits right of the county table, in the page's upper half
  const box = crop(png, Math.round(png.width * 0.45), 0, png.width, Math.round(png.height * 0.6));
  const c = colourCounts(box, { red: [0xc0, 0x00, 0x00], blue: [0x44, 0x72, 0xc4] });
  expect(c.red).toBeGreaterThan(40);
  expect(c.blue).toBeGreaterThan(40);

  const again = spawnSync('soffice', ['--headless', profile, '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', path.join(dir, 'again'), xlsx], { encoding: 'utf8', timeout: 240000 });
  expect(again.error).toBeUndefined();
  const zip = await JSZip.loadAsync(readFileSync(path.join(dir, 'again', 'summary.xlsx')));
  const charts = Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f));
  expect(charts).toHaveLength(1);
  const xml = await zip.file(charts[0])!.async('string');
  expect(xml).toMatch(/走势'?!\$D\$4:\$D\$7/);
  expect(xml).toMatch(/走势'?!\$B\$4:\$B\$7/);
}, 300000);
