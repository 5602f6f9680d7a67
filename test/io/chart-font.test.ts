/**
 * The chart's CJK font is read once per subset and cut down to the chart's characters before resvg draws
 * (io/write/chart-font.ts): resvg is handed small subset files, not the 19.5 MB collection, and the PNG is the same,
 * byte for byte, as the one drawn from the whole font files.
 */
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildBulletin, bulletinChartSvg } from '../../core/bulletin';
import { chartFontSubset, faceIndex, fontCacheDir, fontFileReads } from '../../io/write/chart-font';
import { chartFont, renderChartPng, resvg } from '../../io/write/chart-png';
import { fixture } from '../fixtures/result-fixture';
import { readFileSync } from 'node:fs';

// the subsets are cached between runs (fontCacheDir): this suite's cache is its own, empty folder
const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'xcs-font-cache-test-'));
process.env.XCS_CACHE_DIR = cacheDir;
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

const font = chartFont();
const svg = bulletinChartSvg(buildBulletin(fixture).chart);

// the machines this runs on have fonts-noto-cjk (.ci/run installs it); without a CJK font there is nothing to cut
(font ? describe : describe.skip)('the chart font subset', () => {
  const reads = () => font!.files.map((f) => fontFileReads.get(f) ?? 0);

  test('a chart: each font file read once, resvg given small cached files of the same family', () => {
    const before = reads();
    const first = renderChartPng(svg.svg, svg.width);
    const again = renderChartPng(svg.svg, svg.width);
    expect(first.ok && again.ok).toBe(true);
    expect(reads()).toEqual(before.map((n) => n + 1));
    const a = chartFontSubset(font!.files, font!.family, svg.svg)!;
    expect(a).toHaveLength(font!.files.length);
    for (const [i, f] of a.entries()) {
      expect(path.dirname(f)).toBe(path.join(cacheDir, 'chart-fonts'));
      expect(statSync(f).size).toBeLessThan(statSync(font!.files[i]).size / 20);
      // the subset keeps the family's name: resvg finds it under the same family
      expect(faceIndex(readFileSync(f), font!.family)).toBe(0);
    }
  });

  test('other text: other subsets; the same text in a later run: the cached files, no font file read', () => {
    const other = svg.svg.replace(/云峰镇/g, '龙泉乡');
    const before = reads();
    const b = chartFontSubset(font!.files, font!.family, other)!;
    expect(reads()).toEqual(before.map((n) => n + 1));
    expect(b).not.toEqual(chartFontSubset(font!.files, font!.family, svg.svg));
    // a later run: another process, same cache folder (the environment object is the run's; its cache is the same)
    const later = { ...process.env, XCS_CACHE_DIR: cacheDir };
    const mid = reads();
    expect(chartFontSubset(font!.files, font!.family, `${other} `, later)).toEqual(b);
    expect(reads()).toEqual(mid);
  });

  (process.platform === 'win32' ? test.skip : test)('a cache folder others may write into is not used', () => {
    const open = mkdtempSync(path.join(os.tmpdir(), 'xcs-font-cache-open-'));
    try {
      const env = { ...process.env, XCS_CACHE_DIR: open };
      expect(fontCacheDir(env)).toBe(path.join(open, 'chart-fonts'));
      chmodSync(path.join(open, 'chart-fonts'), 0o777);
      expect(fontCacheDir(env)).toBeNull();
    } finally {
      rmSync(open, { recursive: true, force: true });
    }
  });

  test('a damaged cache file is made again; no cache (XCS_CACHE_DIR=off): private files, same bytes', () => {
    const text = `${svg.svg}丙`;
    const made = chartFontSubset(font!.files, font!.family, text)!;
    const good = made.map((f) => readFileSync(f));
    writeFileSync(made[0], 'not a font');
    const off = { ...process.env, XCS_CACHE_DIR: 'off' };
    const fresh = chartFontSubset(font!.files, font!.family, `${text}丙`, off)!;
    expect(path.dirname(fresh[0])).not.toBe(path.join(cacheDir, 'chart-fonts'));
    expect(fresh.map((f) => readFileSync(f))).toEqual(good);
    // the damaged one, asked for again in a run with the cache: made again, whole
    const again = chartFontSubset(font!.files, font!.family, text, { ...process.env, XCS_CACHE_DIR: cacheDir })!;
    expect(readFileSync(again[0])).toEqual(good[0]);
    expect(readdirSync(path.join(cacheDir, 'chart-fonts')).filter((n) => n.endsWith('.part'))).toEqual([]);
  });

  test('the PNG drawn from the subset is byte-identical to the one drawn from the whole font files', () => {
    const mod = resvg()!;
    const fam = font!.family ? { defaultFontFamily: font!.family, sansSerifFamily: font!.family } : {};
    const whole = new mod.Resvg(svg.svg, {
      font: { loadSystemFonts: false, fontFiles: font!.files, ...fam },
      fitTo: { mode: 'width', value: svg.width * 2 },
      background: '#ffffff',
    }).render().asPng();
    const cut = renderChartPng(svg.svg, svg.width, svg.height);
    if (!cut.ok) throw new Error(cut.reason);
    expect(Buffer.compare(cut.png, whole)).toBe(0);
  });

  test('a family the file does not have: no subset (the caller then gives resvg the whole files)', () => {
    expect(chartFontSubset(font!.files, 'No Such Family', '镇')).toBeNull();
  });
});
