/** Text normalisation used for matching headers, names and numbers. */
import { LETTER_OR_DIGIT } from './unicode-classes';

const FULL_WIDTH_RE = /[\uff01-\uff5e\u3000]/;

/** Full-width ASCII (！ to ～) and the ideographic space to their half-width forms. */
export function toHalfWidth(s: string): string {
  if (!FULL_WIDTH_RE.test(s)) return s; // most text has nothing to fold: no copy
  let out = '';
  for (const ch of s) {
    const code = ch.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}

/** Characters people use for a range of months or years: 1-10月, 1～10月, 1—10月, 1至10月. */
const DASHES = /[‐‑‒–—―−~～〜－]/g;

/** Text of CJK ideographs, digits and lower-case Latin letters alone is its own labelKey (and nameKey). */
const LABEL_CHANGES_RE = /[^\u4e00-\u9fff0-9a-z]/;

/**
 * Key used to compare labels: half-width, no white space at all (people pad headers with spaces and line breaks),
 * brackets unified, dashes unified to '-', lower case for Latin letters.
 */
export function labelKey(s: string): string {
  if (!LABEL_CHANGES_RE.test(s)) return s;
  // the same header and unit texts come back in every file: short ones are remembered (a bounded cache)
  if (s.length > 64) return computeLabelKey(s);
  const hit = labelKeys.get(s);
  if (hit !== undefined) return hit;
  const k = computeLabelKey(s);
  if (labelKeys.size >= 20000) labelKeys.clear();
  labelKeys.set(s, k);
  return k;
}

const labelKeys = new Map<string, string>();

function computeLabelKey(s: string): string {
  return toHalfWidth(s)
    .replace(/\s+/g, '')
    .replace(/[【[]/g, '(')
    .replace(/[】\]]/g, ')')
    .replace(DASHES, '-')
    .replace(/[：]/g, ':')
    .toLowerCase();
}

const CLEAN_CHANGES_RE = /[\t\u3000\u00a0]| [ \n]|\n |^\s|\s$/;

/** Clean display text: trims, folds runs of white space (but keeps line breaks inside long text). */
export function cleanText(s: string): string {
  // exactly the cases where one of the steps below changes the text
  if (!CLEAN_CHANGES_RE.test(s)) return s;
  return s.replace(/[ \t\u3000\u00a0]+/g, ' ').replace(/ *\n */g, '\n').trim();
}

const NOT_LETTER_OR_DIGIT_RE = new RegExp(`[^${LETTER_OR_DIGIT}]`, 'gu');

/** Name key for towns and projects: like labelKey but keeps nothing but letters, digits and CJK. */
export function nameKey(s: string): string {
  if (!LABEL_CHANGES_RE.test(s)) return s;
  return labelKey(s).replace(NOT_LETTER_OR_DIGIT_RE, '');
}

/** Removes C0 control characters except tab and line feed (they come from copy-paste and break renderers). */
export function stripControl(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

/**
 * What stripControl or cleanText would change: white space at either end; controls (tab and line feed included),
 * DEL, no-break and ideographic spaces; two spaces in a row.
 */
// eslint-disable-next-line no-control-regex
const UNSETTLED_RE = /^\s|\s$|[\u0000-\u001f\u007f\u00a0\u3000]| {2}/;

/**
 * Text that stripControl and cleanText leave as it is (most cells): one regular expression, no copy (irregexp's native
 * code from the first cell on, where a loop over the characters ran in the interpreter during the task pane's first 校验).
 */
export function isSettledText(s: string): boolean {
  return !UNSETTLED_RE.test(s);
}

/** Excel's limit on the text of one cell; longer text makes Excel repair the file. */
export const MAX_CELL_TEXT = 32767;

/**
 * Text fit for a written cell, the one cleaner of every sheet the tool writes (summary workbook, 通报, the add-in's
 * sheets): drops what XML 1.0 cannot carry (lone surrogates, U+FFFE/U+FFFF, C0 controls but tab, line feed and
 * carriage return) and cuts past Excel's cell limit with '…'. It never changes what the text says: a text starting
 * with '=' stays that text (writers store it as a string, see officeInputText for Office.js).
 */
export function cellTextOf(s: string, max = MAX_CELL_TEXT): string {
  // a surrogate pair is matched first and kept; a surrogate left alone is dropped (no lookbehind: see unicode-classes.ts)
  // eslint-disable-next-line no-control-regex
  let t = s.replace(/([\uD800-\uDBFF][\uDC00-\uDFFF])|[\uD800-\uDFFF]|[\uFFFE\uFFFF]|[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, (_m, pair: string | undefined) => pair ?? '');
  if (t.length > max) {
    t = t.slice(0, max - 1);
    if (/[\uD800-\uDBFF]$/.test(t)) t = t.slice(0, -1); // never cut a surrogate pair in two
    t += '…';
  }
  return t;
}

/**
 * Excel takes a string written to Range.values like typed input: one starting with '=', '+' or '-' (and '@', the
 * implicit-intersection operator, or their full-width forms, which Excel for Chinese takes as such) becomes a formula,
 * and a leading apostrophe is eaten. So a town's text like `=HYPERLINK(…)` or `-2+3` is written with an apostrophe in
 * front: Excel stores the apostrophe as the cell's quote prefix, shows and returns the text itself.
 */
export function officeInputText(s: string): string {
  const t = cellTextOf(s);
  return /^[=+\-@'＝＋－＠]/.test(t) ? `'${cellTextOf(s, MAX_CELL_TEXT - 1)}` : t;
}
