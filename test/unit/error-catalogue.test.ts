/**
 * The one error catalogue (core/messages.ts): every code the product reports is in it, nothing else holds a table of
 * codes or guesses a severity from a code's prefix, and the committed rules doc (docs/zh/rules.md) is exactly what
 * the catalogue generates (`npm run docs:rules`), so it documents every code.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { CATALOGUE, CODE_GROUPS, isCode, makeIssue, severityOf } from '../../core';
import { RULES_DOC, renderRulesDoc } from '../../tools/docs/rules-doc';

const ROOT = path.join(__dirname, '..', '..');
/** The product's sources: everything that ships (dev tools and tests excluded). */
const PRODUCT = ['core', 'io', 'cli', 'addin'];

async function sources(): Promise<{ file: string; text: string }[]> {
  const out: { file: string; text: string }[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const e of await fsp.readdir(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) await walk(rel);
      else if (/\.ts$/.test(e.name)) out.push({ file: rel, text: await fsp.readFile(path.join(ROOT, rel), 'utf8') });
    }
  };
  for (const d of PRODUCT) await walk(d);
  return out;
}

const CODE_LITERAL = /['"`]((?:E|W|I|SKIP)_[A-Z0-9_]+)['"`]/g;

test('every code the product uses is in the catalogue', async () => {
  const unknown: string[] = [];
  let seen = 0;
  for (const { file, text } of await sources()) {
    for (const m of text.matchAll(CODE_LITERAL)) {
      seen++;
      if (!isCode(m[1]!)) unknown.push(`${file}: ${m[1]}`);
    }
  }
  expect(seen).toBeGreaterThan(100); // the grep finds the codes (a broken pattern would pass vacuously)
  expect(unknown).toEqual([]);
});

test('the reader\'s codes are catalogue codes with their scope and severity', () => {
  for (const code of ['SKIP_LOCK_FILE', 'SKIP_SYSTEM_FILE', 'SKIP_NOT_SPREADSHEET'] as const) {
    expect(CATALOGUE[code]).toMatchObject({ scope: 'file', severity: 'warning', group: 'read' });
  }
  for (const code of ['E_FORMAT_XLS', 'E_ENCRYPTED', 'E_EMPTY_FILE', 'E_TOO_LARGE', 'E_NOT_XLSX', 'E_READ_FAILED', 'E_READ_TIMEOUT'] as const) {
    expect(CATALOGUE[code]).toMatchObject({ scope: 'file', severity: 'error', group: 'read', template: null });
  }
});

test('no second table of codes and no severity guessed from a prefix', async () => {
  const offenders: string[] = [];
  for (const { file, text } of await sources()) {
    if (/startsWith\(\s*['"`](?:E|W|I|SKIP)_/.test(text)) offenders.push(`${file}: a severity guessed from a prefix`);
    if (file !== path.join('core', 'messages.ts') && /^\s*(?:E|W|I|SKIP)_[A-Z0-9_]+\s*:/m.test(text)) offenders.push(`${file}: a table keyed by codes`);
  }
  expect(offenders).toEqual([]);
});

test('every catalogue entry is complete and its severity is the one an issue carries', () => {
  for (const [code, d] of Object.entries(CATALOGUE)) {
    expect(Object.keys(CODE_GROUPS)).toContain(d.group);
    expect(d.title).toMatch(/[\u4e00-\u9fff]/);
    if (d.template !== null) expect(d.template).toMatch(/[\u4e00-\u9fff]/);
    expect(severityOf(code)).toBe(d.severity);
  }
  // a W_ code that is an error, or an E_ code that is a warning, would be honest data; today none is, and the
  // prefixes are only a naming habit: severity comes from the table
  expect(makeIssue('W_HIDDEN_SHEET', 'x', null, { sheet: 'x' }).severity).toBe('warning');
  expect(makeIssue('E_NO_TABLE', null, null).severity).toBe('error');
  expect(severityOf('not a code')).toBe('error');
});

test('docs/zh/rules.md is what the catalogue generates and names every code', async () => {
  const committed = await fsp.readFile(path.join(ROOT, RULES_DOC), 'utf8');
  const generated = renderRulesDoc();
  // on a difference: run `npm run docs:rules` and commit docs/zh/rules.md
  expect(committed).toBe(generated);
  for (const code of Object.keys(CATALOGUE)) expect(committed).toContain(`\`${code}\``);
});
