/**
 * resvg loaded for the chart (io/write/resvg-binding.ts): on Linux with glibc its platform binary directly, without
 * resvg-js's own loader, which first asks node for a whole diagnostic report of the process; both roads draw the same
 * PNG, byte for byte.
 */
import { buildBulletin, bulletinChartSvg } from '../../core/bulletin';
import { CHART_SCALE, scaledRoot } from '../../io/write/chart-png';
import { loadResvgBinding, resvgInstalled } from '../../io/write/resvg-binding';
import * as binding from '../../io/write/resvg-binding';
import { fixture } from '../fixtures/result-fixture';
import { onGlibc } from '../support/glibc';

/** Linux with glibc (asked once, before any spying: the question is itself a report). */
const GLIBC = onGlibc();

test('resvg is installed here, and the direct road asks node for no diagnostic report', () => {
  expect(resvgInstalled()).toBe(true);
  const getReport = jest.spyOn(process.report, 'getReport');
  try {
    const direct = loadResvgBinding(true);
    expect(typeof direct.Resvg).toBe('function');
    expect(binding.resvgRoad).toBe(GLIBC ? 'direct' : 'package');
    if (GLIBC) expect(getReport).not.toHaveBeenCalled();
    // the package's own loader does ask for one on Linux (what the direct road saves)
    loadResvgBinding(false);
    expect(binding.resvgRoad).toBe('package');
    if (process.platform === 'linux') expect(getReport).toHaveBeenCalled();
  } finally {
    getReport.mockRestore();
  }
});

test('the direct road and the package draw the county chart the same, byte for byte (options given as the package gives them)', () => {
  const chart = bulletinChartSvg(buildBulletin(fixture).chart);
  const scaled = scaledRoot(chart.svg, CHART_SCALE)!;
  const options = { font: { loadSystemFonts: false, defaultFontFamily: 'Noto Sans CJK SC' }, background: '#ffffff' };
  const draw = (direct: boolean) => {
    const { Resvg } = loadResvgBinding(direct);
    const out = new Resvg(scaled.svg, options).render();
    return { png: out.asPng(), width: out.width, height: out.height };
  };
  const a = draw(true);
  const b = draw(false);
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  expect(a.width).toBe(scaled.width);
  expect(a.png.equals(b.png)).toBe(true);
  // fitTo (an option the binary reads from the JSON): the same again
  const fit = (direct: boolean) => new (loadResvgBinding(direct).Resvg)(chart.svg, { ...options, fitTo: { mode: 'width', value: 300 } }).render();
  expect(fit(true).width).toBe(300);
  expect(fit(true).asPng().equals(fit(false).asPng())).toBe(true);
});

test('renderAsync on the direct road: the same PNG as the synchronous drawing', async () => {
  const chart = bulletinChartSvg(buildBulletin(fixture).chart);
  const options = { font: { loadSystemFonts: false }, background: '#ffffff' };
  const m = loadResvgBinding(true);
  const sync = new m.Resvg(chart.svg, options).render().asPng();
  const async = (await m.renderAsync(chart.svg, options)).asPng();
  expect(async.equals(sync)).toBe(true);
});
