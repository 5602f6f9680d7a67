/**
 * The chart's CJK font is read once per process and cut down to the chart's characters before resvg draws
 * (io/write/chart-font.ts): resvg is handed small subset files, not the 19.5 MB collection, and the PNG is the same,
 * byte for byte, as the one drawn from the whole font files.
 */
import { statSync } from 'node:fs';
import { buildBulletin, bulletinChartSvg } from '../../core/bulletin';
import { chartFontSubset, faceIndex, fontFileReads } from '../../io/write/chart-font';
import { chartFont, renderChartPng, resvg } from '../../io/write/chart-png';
import { fixture } from '../fixtures/result-fixture';
import { readFileSync } from 'node:fs';

const font = chartFont();
const svg = bulletinChartSvg(buildBulletin(fixture).chart);

// the machines this runs on have fonts-noto-cjk (.ci/run installs it); without a CJK font there is nothing to cut
(font ? describe : describe.skip)('the chart font subset', () => {
  test('two charts with different text: each font file read once, resvg given small files of the same family', () => {
    const first = renderChartPng(svg.svg, svg.width);
    const other = renderChartPng(svg.svg.replace(/云峰镇/g, '龙泉乡'), svg.width);
    expect(first.ok && other.ok).toBe(true);
    for (const f of font!.files) expect(fontFileReads.get(f)).toBe(1);
    const a = chartFontSubset(font!.files, font!.family, svg.svg)!;
    const b = chartFontSubset(font!.files, font!.family, svg.svg.replace(/云峰镇/g, '龙泉乡'))!;
    expect(a).toHaveLength(font!.files.length);
    expect(b).not.toEqual(a);
    for (const [i, f] of a.entries()) {
      expect(statSync(f).size).toBeLessThan(statSync(font!.files[i]).size / 20);
      // the subset keeps the family's name: resvg finds it under the same family
      expect(faceIndex(readFileSync(f), font!.family)).toBe(0);
    }
    for (const f of font!.files) expect(fontFileReads.get(f)).toBe(1);
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
