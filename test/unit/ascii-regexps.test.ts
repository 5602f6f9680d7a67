/**
 * The bundles' regular expressions made ASCII (tools/build/bundle.ts, asciiRegExps): each one matches exactly as
 * before, in every flag mode, and nothing outside a regular expression is touched (a division is not one).
 */
import { asciiRegExps } from '../../tools/build/bundle';

const REGEXPS = [
  '/单位[:：]?/g',
  '/[一-龥]+/u',
  '/[^，。、]+/g',
  '/(截至|截止)\\s*$/',
  // an identity escape of a non-ASCII character (without u only): the same as the character
  '/\\。|\\汇/g',
  // an escaped backslash, then the character: a backslash and the character
  '/\\\\汇/',
  // an astral character: two code units without u (the + repeats the second), one character with u
  '/😀+/',
  '/😀+/u',
  '/[😀a]/g',
  '/[😀a]/gu',
  '/Ａ/i',
  '/[\\p{Script=Han}--[汇]]/v',
];
const TEXTS = ['汇总表', '单位：万元', '截至 ', '，。abc、', '😀😀', '\ud83d\ude00\ude00', '\\汇', '。汇', 'ａＡ', 'a😀'];

function evaluate(code: string): RegExp[] {
  return new Function(`return [${code}];`)() as RegExp[];
}

function matches(re: RegExp, text: string): unknown {
  const r = new RegExp(re.source, re.flags);
  return re.global ? text.match(r) : r.exec(text)?.slice();
}

test.each(REGEXPS.map((r) => [r]))('%s matches as before, written in ASCII', (literal) => {
  const { code, escaped } = asciiRegExps(literal);
  expect(escaped).toBeGreaterThan(0);
  expect(/^[\x20-\x7e]*$/.test(code)).toBe(true);
  const [before] = evaluate(literal);
  const [after] = evaluate(code);
  expect(after!.flags).toBe(before!.flags);
  for (const text of TEXTS) expect([text, matches(after!, text)]).toEqual([text, matches(before!, text)]);
});

test('code outside regular expressions is left as it was; ASCII code is returned as it is', () => {
  const code = 'const a = x / 2 / y, s = "汇总", t = `表${a}`; const r = /总/g; // 注\n';
  const { code: out, escaped } = asciiRegExps(code);
  expect(escaped).toBe(1);
  expect(out).toBe(code.replace('/总/g', '/\\u603b/g'));
  expect(asciiRegExps('const a = x / 2 / y;')).toEqual({ code: 'const a = x / 2 / y;', escaped: 0 });
});
