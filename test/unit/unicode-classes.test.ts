/**
 * core/unicode-classes.ts spells \p{L}\p{N} and \p{Script=Han} out as code-point ranges (Edge Legacy 18, the task
 * pane's oldest engine, cannot parse \p{…}). Checked here code point by code point against this Node's own \p{…};
 * after a Node upgrade that brings a newer Unicode, `XCS_WRITE_UNICODE=1 npx jest test/unicode-classes.test.ts`
 * writes the file again.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { HAN, LETTER_OR_DIGIT } from '../../core/unicode-classes';
import { HEADER_PARTS } from '../../core/headers';

const FILE = path.resolve(__dirname, '..', '..', 'core', 'unicode-classes.ts');

function ranges(re: RegExp): [number, number][] {
  const out: [number, number][] = [];
  let s = -1;
  for (let c = 0; c <= 0x110000; c++) {
    const m = c < 0x110000 && !(c >= 0xd800 && c <= 0xdfff) && re.test(String.fromCodePoint(c));
    if (m && s < 0) s = c;
    if (!m && s >= 0) {
      out.push([s, c - 1]);
      s = -1;
    }
  }
  return out;
}

const esc = (c: number) => (c <= 0xffff ? `\\\\u${c.toString(16).toUpperCase().padStart(4, '0')}` : `\\\\u{${c.toString(16).toUpperCase()}}`);
const cls = (rs: [number, number][]) => rs.map(([a, b]) => (a === b ? esc(a) : `${esc(a)}-${esc(b)}`)).join('');

function source(): string {
  return `/**
 * Unicode classes written out as code-point ranges, so that the regular expressions using them parse in every engine
 * the task pane runs in: Edge Legacy 18 (the EdgeHTML webview of Office 2019) has no \\p{…} property escapes.
 * Generated from Unicode ${process.versions.unicode} by test/unit/unicode-classes.test.ts, which checks them against \\p{…}
 * code point by code point. Regular-expression source for a character class; use with the u flag.
 */
/** \\p{L} and \\p{N}: letters and digits of every script. */
export const LETTER_OR_DIGIT = '${cls(ranges(/[\p{L}\p{N}]/u))}';
/** \\p{Script=Han}: CJK ideographs. */
export const HAN = '${cls(ranges(/\p{Script=Han}/u))}';
`;
}

if (process.env.XCS_WRITE_UNICODE === '1') writeFileSync(FILE, source());

test('the written-out classes are \\p{L}\\p{N} and \\p{Script=Han}, code point by code point', () => {
  const ours = new RegExp(`^[${LETTER_OR_DIGIT}]$`, 'u');
  const han = new RegExp(`^[${HAN}]$`, 'u');
  const refLn = /^[\p{L}\p{N}]$/u;
  const refHan = /^\p{Script=Han}$/u;
  const diff: string[] = [];
  for (let c = 0; c < 0x110000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const ch = String.fromCodePoint(c);
    if (ours.test(ch) !== refLn.test(ch)) diff.push(`L/N U+${c.toString(16)}`);
    if (han.test(ch) !== refHan.test(ch)) diff.push(`Han U+${c.toString(16)}`);
    if (diff.length > 5) break;
  }
  expect(diff).toEqual([]);
  expect(readFileSync(FILE, 'utf8')).toBe(source());
});

test('the source has no property escape for an old engine to choke on', () => {
  expect(readFileSync(FILE, 'utf8').replace(/^ \*.*$/gm, '').replace(/^\/\*\*.*$/gm, '')).not.toMatch(/\\p\{/);
});

test('no regular expression of the core needs what Edge 18 lacks: no \\p{…}, no lookbehind', () => {
  const dir = path.resolve(__dirname, '..', '..', 'core');
  const bad: string[] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
    // code only: comments may name what is not used
    const code = readFileSync(path.join(dir, f), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    code.split('\n').forEach((line, i) => {
      if (/\\p\{|\(\?<[=!]/.test(line)) bad.push(`${f}:${i + 1}: ${line.trim()}`);
    });
  }
  expect(bad).toEqual([]);
});

test('the header words written without lookbehind match as the lookbehind versions did (every text of 4 characters)', () => {
  const ref = {
    week: /(?<!截至|截止|至)(?:本周|当周)|周完成/,
    month: /(?<!截至|截止|至|1-)(?:本月|当月)|月完成/,
  };
  const ours = { week: new RegExp(HEADER_PARTS.week), month: new RegExp(HEADER_PARTS.month) };
  const footRef = /\(注\d*\)|(?<![备附标])注\d*$/g;
  const foot = new RegExp(HEADER_PARTS.footnote, 'g');
  const A = ['截', '至', '止', '本', '当', '周', '月', '1', '-', 'x', '完', '注', '备', '2'];
  const diff: string[] = [];
  const walk = (s: string, n: number) => {
    for (const k of ['week', 'month'] as const) if (ref[k].test(s) !== ours[k].test(s)) diff.push(`${k}: ${s}`);
    if (s.replace(footRef, '') !== s.replace(foot, (_m, before?: string) => before ?? '')) diff.push(`footnote: ${s}`);
    if (n) for (const a of A) walk(s + a, n - 1);
  };
  walk('', 4);
  expect(diff.slice(0, 5)).toEqual([]);
  // and they do tell: 本周 is this week's, 截至本周 is not
  expect([ours.week.test('本周完成投资'), ours.week.test('截至本周累计'), ours.month.test('1-本月')]).toEqual([true, false, false]);
});
