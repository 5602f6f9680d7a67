/**
 * SVG → PNG for the bulletin's chart, with @resvg/resvg-js (a prebuilt native binary from npm; no browser, no canvas).
 * Chinese text needs a CJK font on the machine (Debian: fonts-noto-cjk; Windows and macOS have one). Never throws: a
 * failure (no binary for this platform, a bad SVG) comes back as a Chinese reason, and the caller writes that reason
 * where the picture would have been.
 *
 * Fonts: resvg builds its font database anew for every render. Loading the system fonts (`loadSystemFonts`) parses
 * every face of every font file on the machine (on Debian with fonts-noto-cjk: the CJK collections' faces opened
 * ~300 times, over a second per run). So the one CJK family the chart needs is looked up once per process (known
 * install paths, then fontconfig's `fc-match`) and only its regular and bold files are given to resvg
 * (`fontFiles`, `loadSystemFonts: false`). Only when none is found are the system fonts loaded, as before, and
 * then a test render says whether a Chinese character gets any ink. The files resvg is given are not the fonts
 * themselves but the chart's characters cut out of them (chart-font.ts: kept between runs in the user's cache folder).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { CHART_FONTS } from '../../core/bulletin';
import { chartFontSubset } from './chart-font';
import type { ChartDrawer, DrawnPng } from './chart-thread';
import { type ResvgModule, type ResvgRendered, loadResvgBinding, resvgInstalled } from './resvg-binding';

export type ChartPng =
  | { ok: true; png: Buffer; width: number; height: number; /** e.g. no CJK font: the picture is there but says less */ warning?: string }
  | { ok: false; reason: string };

/** The PNG's pixels per SVG pixel: twice the size it is shown at, for print. */
export const CHART_SCALE = 2;
/** The PNG's longest side in pixels, at most, whatever the SVG says (a bigger chart is drawn at a smaller scale). */
export const CHART_MAX_PX = 4000;

type Rendered = ResvgRendered;

let cached: ResvgModule | null | undefined;
let loadError = '';

export function resvg(): ResvgModule | null {
  if (cached === undefined) {
    try {
      // loaded on first use: a machine without the prebuilt binary still writes the summary (without the picture)
      cached = loadResvgBinding();
    } catch (err) {
      cached = null;
      loadError = err instanceof Error ? err.message.split('\n')[0] : String(err);
    }
  }
  return cached;
}

/** A CJK sans family and the files of its regular and bold faces. */
export interface ChartFont {
  family: string;
  files: string[];
}

/** Where the usual CJK sans fonts are installed (Debian/Ubuntu, Fedora/Arch, Windows, macOS), in CHART_FONTS' order. */
function knownFonts(env: NodeJS.ProcessEnv): ChartFont[] {
  const win = path.win32.join(env.WINDIR ?? env.SystemRoot ?? 'C:\\Windows', 'Fonts');
  return [
    { family: 'Noto Sans CJK SC', files: ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc'] },
    { family: 'Noto Sans CJK SC', files: ['/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', '/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc'] },
    { family: 'Noto Sans CJK SC', files: ['/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc', '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc'] },
    { family: 'WenQuanYi Micro Hei', files: ['/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'] },
    { family: 'Microsoft YaHei', files: [path.win32.join(win, 'msyh.ttc'), path.win32.join(win, 'msyhbd.ttc')] },
    { family: 'SimHei', files: [path.win32.join(win, 'simhei.ttf')] },
    { family: 'PingFang SC', files: ['/System/Library/Fonts/PingFang.ttc'] },
    { family: 'Hiragino Sans GB', files: ['/System/Library/Fonts/Hiragino Sans GB.ttc'] },
  ];
}

/** fontconfig's choice of a Chinese sans font (regular and bold), when fc-match is there. */
function fcMatch(): ChartFont | null {
  const ask = (pattern: string): { file: string; family: string } | null => {
    try {
      const r = spawnSync('fc-match', ['-f', '%{file}\n%{family[0]}', pattern], { encoding: 'utf8', timeout: 5000, windowsHide: true });
      const [file, family] = (r.status === 0 ? r.stdout : '').split('\n');
      return file && family && existsSync(file) ? { file, family } : null;
    } catch {
      return null;
    }
  };
  const regular = ask('sans-serif:lang=zh-cn');
  if (!regular) return null;
  const bold = ask('sans-serif:lang=zh-cn:weight=bold');
  const files = bold && bold.file !== regular.file ? [regular.file, bold.file] : [regular.file];
  return { family: regular.family, files };
}

let chosen: ChartFont | null | undefined;

/**
 * The chart's CJK font, looked up once per process: the first known install whose files all exist, else fc-match's
 * choice, else null (resvg then loads the system fonts). XCS_CHART_FONT (a font file) overrides, for an unusual machine.
 */
export function chartFont(env: NodeJS.ProcessEnv = process.env): ChartFont | null {
  if (chosen !== undefined) return chosen;
  const own = env.XCS_CHART_FONT;
  chosen =
    (own && existsSync(own) ? { family: '', files: [own] } : null) ??
    knownFonts(env).find((f) => f.files.every((p) => existsSync(p))) ??
    (process.platform === 'win32' ? null : fcMatch());
  return chosen;
}

/** resvg's font options for drawing `svg`: the chart font's face cut down to the SVG's characters (chart-font.ts). */
function fontOptions(svg: string): object {
  const f = chartFont();
  if (!f) return { loadSystemFonts: true, defaultFontFamily: 'Noto Sans CJK SC', sansSerifFamily: 'Noto Sans CJK SC' };
  // every character of the SVG, markup included: a superset of its text (the chart's SVG has no character references)
  const files = chartFontSubset(f.files, f.family, svg) ?? f.files;
  return { loadSystemFonts: false, fontFiles: files, ...(f.family ? { defaultFontFamily: f.family, sansSerifFamily: f.family } : {}) };
}

let cjkChecked: boolean | undefined;

/**
 * Whether a Chinese character renders to any ink (resvg leaves out glyphs no font has); drawn once per process, with
 * resvg loaded on this thread only then: a known CJK install needs no drawing.
 */
function hasCjkFont(): boolean {
  if (cjkChecked === undefined) {
    // a known CJK install needs no proof; fc-match's or the system's choice does
    const f = chartFont();
    if (f && knownFonts(process.env).some((k) => k.files.every((p) => f.files.includes(p)))) return (cjkChecked = true);
    const mod = resvg();
    if (!mod) return (cjkChecked = false);
    try {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><text x="4" y="32" font-size="32" font-family="${CHART_FONTS.replace(/"/g, '')}" fill="#000">镇</text></svg>`;
      const { pixels } = new mod.Resvg(svg, { font: fontOptions(svg) }).render();
      cjkChecked = inkPixels(pixels) > 20;
    } catch {
      cjkChecked = false;
    }
  }
  return cjkChecked;
}

/** RGBA pixels that are not (nearly) transparent or white. */
export function inkPixels(rgba: Buffer): number {
  let n = 0;
  for (let i = 0; i + 3 < rgba.length; i += 4) {
    if (rgba[i + 3] > 32 && (rgba[i] < 200 || rgba[i + 1] < 200 || rgba[i + 2] < 200)) n++;
  }
  return n;
}

/**
 * The SVG to draw and resvg's options for it. resvg's fitTo scaling costs about as much again as drawing the picture
 * (a county's chart: ~105 ms against ~65 ms): when the scale is a whole CHART_SCALE and the SVG's root says its size in
 * whole pixels with a viewBox (core/bulletin.ts's chart), the root's size is multiplied instead and the viewBox scales
 * the drawing: the same transform, the same pixels (test/io/chart-png.test.ts compares the PNGs byte for byte).
 */
function renderInput(svg: string, width: number, height?: number): { svg: string; options: object } {
  const longest = Math.max(1, width, height && Number.isFinite(height) ? height : 0);
  const scale = Math.min(CHART_SCALE, CHART_MAX_PX / longest);
  const base = { font: fontOptions(svg), background: '#ffffff' };
  const scaled = scale === CHART_SCALE ? scaledRoot(svg, CHART_SCALE) : null;
  if (scaled && scaled.width === Math.max(1, Math.round(width * scale))) return { svg: scaled.svg, options: base };
  return { svg, options: { ...base, fitTo: { mode: 'width', value: Math.max(1, Math.round(width * scale)) } } };
}

/** `svg` with its root's width and height (whole pixels, with a viewBox) multiplied by `k`; null when its root is not so. */
export function scaledRoot(svg: string, k: number): { svg: string; width: number } | null {
  const m = /^<svg ([^>]*?)width="(\d+)" height="(\d+)"( viewBox="[^"]*")/.exec(svg);
  if (!m || !/^xmlns="[^"]*" $/.test(m[1])) return null;
  const width = Number(m[2]) * k;
  const height = Number(m[3]) * k;
  return { svg: `<svg ${m[1]}width="${width}" height="${height}"${m[4]}${svg.slice(m[0].length)}`, width };
}

/** The warning a picture comes with: none when a Chinese character gets ink. */
function cjkWarning(): string | undefined {
  return hasCjkFont() ? undefined : '本机没有中文字体（如 fonts-noto-cjk），图中的中文无法显示';
}

/** resvg's picture encoded, on the thread that drew it. */
function encoded(out: Rendered): DrawnPng {
  return { png: out.asPng(), width: out.width, height: out.height };
}

function rendered(out: DrawnPng): ChartPng {
  const warning = cjkWarning();
  return { ok: true, png: out.png, width: out.width, height: out.height, ...(warning ? { warning } : {}) };
}

/**
 * What a drawing with renderChartPngAsync is expected to give, known before it is drawn: a picture (its PNG still
 * empty, its size 0) with the warning it will carry. Null when resvg is not installed or, loaded on this thread
 * already, could not be (the outcome is then known at once). Told without loading resvg's binary here: a county's
 * chart is drawn on the read worker, and this thread need not load it at all. A drawing that fails after all gives
 * another outcome: the caller compares the two.
 */
export function expectedChartPng(): ChartPng | null {
  if (cached === null || (cached === undefined && !resvgInstalled())) return null;
  const warning = cjkWarning();
  return { ok: true, png: Buffer.alloc(0), width: 0, height: 0, ...(warning ? { warning } : {}) };
}

/** The outcome when resvg cannot be loaded on this thread (resvg() tried: loadError says why). */
const unavailable = (): ChartPng => ({ ok: false, reason: `图表组件 @resvg/resvg-js 无法加载（${loadError}）` });

const failed = (err: unknown): ChartPng => ({ ok: false, reason: `图表生成失败（${err instanceof Error ? err.message.split('\n')[0] : String(err)}）` });

/** Renders `svg` (width × height CSS px; height when known) at CHART_SCALE, scaled down to CHART_MAX_PX at most. */
export function renderChartPng(svg: string, width: number, height?: number): ChartPng {
  const mod = resvg();
  if (!mod) return unavailable();
  try {
    const input = renderInput(svg, width, height);
    return rendered(encoded(new mod.Resvg(input.svg, input.options).render()));
  } catch (err) {
    return failed(err);
  }
}

/**
 * renderChartPng off this thread: the same PNG, byte for byte. Drawn and encoded by `drawer` (another thread:
 * chart-thread.ts) when one is given and it can; else drawn on libuv's thread pool (resvg's renderAsync) and encoded here.
 */
export async function renderChartPngAsync(svg: string, width: number, height?: number, drawer?: ChartDrawer): Promise<ChartPng> {
  // not installed: the same failure as ever, from this thread's attempt to load it
  if (!resvgInstalled() && !resvg()) return unavailable();
  try {
    const input = renderInput(svg, width, height);
    // the other thread loads resvg itself: this one loads it only when that thread cannot draw
    const drawn = drawer ? await drawer.draw(input.svg, input.options).catch(() => null) : null;
    if (drawn) return rendered(drawn);
    const mod = resvg();
    if (!mod) return unavailable();
    return rendered(encoded(await mod.renderAsync(input.svg, input.options)));
  } catch (err) {
    return failed(err);
  }
}
