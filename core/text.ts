/** Text normalisation used for matching headers, names and numbers. */

/** Full-width ASCII (！ to ～) and the ideographic space to their half-width forms. */
export function toHalfWidth(s: string): string {
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

/**
 * Key used to compare labels: half-width, no white space at all (people pad headers with spaces and line breaks),
 * brackets unified, dashes unified to '-', lower case for Latin letters.
 */
export function labelKey(s: string): string {
  return toHalfWidth(s)
    .replace(/\s+/g, '')
    .replace(/[【\[]/g, '(')
    .replace(/[】\]]/g, ')')
    .replace(DASHES, '-')
    .replace(/[：]/g, ':')
    .toLowerCase();
}

/** Clean display text: trims, folds runs of white space (but keeps line breaks inside long text). */
export function cleanText(s: string): string {
  return s.replace(/[ \t\u3000\u00a0]+/g, ' ').replace(/ *\n */g, '\n').trim();
}

/** Name key for towns and projects: like labelKey but keeps nothing but letters, digits and CJK. */
export function nameKey(s: string): string {
  return labelKey(s).replace(/[^\p{L}\p{N}]/gu, '');
}

/** Removes C0 control characters except tab and line feed (they come from copy-paste and break renderers). */
export function stripControl(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}
