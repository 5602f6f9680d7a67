/**
 * SVG → PNG for the bulletin's chart, with @resvg/resvg-js (a prebuilt native binary from npm; no browser, no canvas).
 * System fonts are loaded; Chinese text needs a CJK font on the machine (Debian: fonts-noto-cjk). Never throws: a
 * failure (no binary for this platform, a bad SVG) comes back as a Chinese reason, and the caller writes that reason
 * where the picture would have been.
 */
import { CHART_FONTS } from '../../core/bulletin';

export type ChartPng =
  | { ok: true; png: Buffer; width: number; height: number; /** e.g. no CJK font: the picture is there but says less */ warning?: string }
  | { ok: false; reason: string };

/** The PNG's pixels per SVG pixel: twice the size it is shown at, for print. */
export const CHART_SCALE = 2;
/** The PNG's longest side in pixels, at most, whatever the SVG says (a bigger chart is drawn at a smaller scale). */
export const CHART_MAX_PX = 4000;

interface ResvgModule {
  Resvg: new (svg: string, opts: object) => { render(): { width: number; height: number; asPng(): Buffer; pixels: Buffer } };
}

let cached: ResvgModule | null | undefined;
let loadError = '';

function resvg(): ResvgModule | null {
  if (cached === undefined) {
    try {
      // loaded on first use: a machine without the prebuilt binary still writes the summary (without the picture)
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- an optional native module, loaded when first needed
      cached = require('@resvg/resvg-js') as ResvgModule;
    } catch (err) {
      cached = null;
      loadError = err instanceof Error ? err.message.split('\n')[0] : String(err);
    }
  }
  return cached;
}

const FONT_OPTIONS = { loadSystemFonts: true, defaultFontFamily: 'Noto Sans CJK SC', sansSerifFamily: 'Noto Sans CJK SC' };

let cjkChecked: boolean | undefined;

/** Whether a Chinese character renders to any ink (resvg leaves out glyphs no font has). */
function hasCjkFont(mod: ResvgModule): boolean {
  if (cjkChecked === undefined) {
    try {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><text x="4" y="32" font-size="32" font-family="${CHART_FONTS.replace(/"/g, '')}" fill="#000">镇</text></svg>`;
      const { pixels } = new mod.Resvg(svg, { font: FONT_OPTIONS }).render();
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

/** Renders `svg` (width × height CSS px; height when known) at CHART_SCALE, scaled down to CHART_MAX_PX at most. */
export function renderChartPng(svg: string, width: number, height?: number): ChartPng {
  const mod = resvg();
  if (!mod) return { ok: false, reason: `图表组件 @resvg/resvg-js 无法加载（${loadError}）` };
  try {
    const longest = Math.max(1, width, height && Number.isFinite(height) ? height : 0);
    const scale = Math.min(CHART_SCALE, CHART_MAX_PX / longest);
    const out = new mod.Resvg(svg, {
      font: FONT_OPTIONS,
      fitTo: { mode: 'width', value: Math.max(1, Math.round(width * scale)) },
      background: '#ffffff',
    }).render();
    const png = out.asPng();
    const warning = hasCjkFont(mod) ? undefined : '本机没有中文字体（如 fonts-noto-cjk），图中的中文无法显示';
    return { ok: true, png, width: out.width, height: out.height, ...(warning ? { warning } : {}) };
  } catch (err) {
    return { ok: false, reason: `图表生成失败（${err instanceof Error ? err.message.split('\n')[0] : String(err)}）` };
  }
}
