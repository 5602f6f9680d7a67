/**
 * The text keys skip their work when there is nothing to change: for any text, the result is the one of the full
 * chain of steps (written out here as it stood before the shortcuts).
 */
import fc from 'fast-check';
import { cleanText, isSettledText, labelKey, nameKey, stripControl, toHalfWidth } from '../../core/text';

function slowHalfWidth(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}
const slowLabel = (s: string) =>
  slowHalfWidth(s).replace(/\s+/g, '').replace(/[【[]/g, '(').replace(/[】\]]/g, ')').replace(/[‐‑‒–—―−~～〜－]/g, '-').replace(/[：]/g, ':').toLowerCase();
const slowName = (s: string) => slowLabel(s).replace(/[^\p{L}\p{N}]/gu, '');
const slowClean = (s: string) => s.replace(/[ \t\u3000\u00a0]+/g, ' ').replace(/ *\n */g, '\n').trim();

// the characters that matter, and CJK, digits and Latin letters around them
const chars = fc.constantFrom(...'项目名称合计10aZＡ１（）()【】[]-—～~：: \t\n\r\u3000\u00a0\u2003\u0001\u007f.，、%Ä'.split(''));
const text = fc.array(chars, { maxLength: 8 }).map((a) => a.join(''));

test('toHalfWidth, labelKey, nameKey, cleanText: as the full steps', () => {
  fc.assert(fc.property(text, (s) => {
    expect(toHalfWidth(s)).toBe(slowHalfWidth(s));
    expect(labelKey(s)).toBe(slowLabel(s));
    expect(nameKey(s)).toBe(slowName(s));
    expect(cleanText(s)).toBe(slowClean(s));
  }), { numRuns: 4000, seed: 7 });
});

/** isSettledText as it was written before its regular expression: a look at each character. */
function slowSettled(s: string): boolean {
  const n = s.length;
  if (n === 0) return true;
  if (/\s/.test(s[0]!) || /\s/.test(s[n - 1]!)) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || c === 0xa0 || c === 0x3000 || (c === 0x20 && s.charCodeAt(i + 1) === 0x20)) return false;
  }
  return true;
}

test('isSettledText: as the character loop it replaced', () => {
  // every C0 control, DEL, the spaces \s knows (at either end and inside), a surrogate pair at either end
  const extra = fc.constantFrom(...[...Array(32).keys()].map((c) => String.fromCharCode(c)), '\u007f', '\u0085', '\u2028', '\ufeff', '\u2003', '\ud83d\ude00', '\u00a0', '\u3000', ' ', ' ', '项', 'a');
  fc.assert(fc.property(fc.array(fc.oneof(chars, extra), { maxLength: 10 }).map((a) => a.join('')), (s) => {
    expect(isSettledText(s)).toBe(slowSettled(s));
  }), { numRuns: 6000, seed: 11 });
  for (const s of ['', ' ', '  ', 'a  b', 'a b', '\u2003项', '项\u2003', '项\u2003目', '\ufeff', '项\n目', '项\u0085']) expect(isSettledText(s)).toBe(slowSettled(s));
});

test('isSettledText: only text that stripControl and cleanText leave as it is', () => {
  let settled = 0;
  fc.assert(fc.property(text, (s) => {
    if (isSettledText(s)) {
      settled++;
      expect(slowClean(stripControl(s))).toBe(s);
    }
  }), { numRuns: 4000, seed: 7 });
  expect(settled).toBeGreaterThan(100);
  expect(isSettledText('青云镇 道路')).toBe(true);
  expect(isSettledText('青云镇  道路')).toBe(false);
  expect(isSettledText(' 道路')).toBe(false);
});
