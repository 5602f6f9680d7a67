/**
 * manifest.xml, validated offline against the add-in manifest XML schemas in ../shared/manifest-schema (read from
 * there, never copied) with libxml2 compiled to WebAssembly; what it declares (host, permission, requirement set,
 * locales, ribbon button, source location, icons) checked against what the code needs.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CAPABILITIES } from '../../addin/office/office-capabilities';

const ROOT = path.resolve(__dirname, '..', '..');
const XSD = path.resolve(ROOT, '..', 'shared', 'manifest-schema', 'OfficeAppManifestV1_1.xsd');
const MANIFEST = path.join(ROOT, 'manifest.xml');
const xml = readFileSync(MANIFEST, 'utf8');

function validate(file: string): { valid: boolean; errors?: { line: number; message: string }[] } {
  const out = execFileSync(process.execPath, [path.join(__dirname, '..', 'support', 'validate-manifest.mjs'), file, XSD], { encoding: 'utf8' });
  return JSON.parse(out);
}

function mutated(edit: (s: string) => string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xcs-manifest-'));
  const f = path.join(dir, 'manifest.xml');
  const changed = edit(xml);
  expect(changed).not.toBe(xml);
  writeFileSync(f, changed);
  return f;
}

test('manifest.xml is valid against the add-in manifest schema (offline)', () => {
  expect(validate(MANIFEST)).toEqual({ valid: true });
});

test('the validator rejects what the schema forbids (so the check above can fail)', () => {
  const badPermission = validate(mutated((s) => s.replace('<Permissions>ReadWriteDocument<', '<Permissions>Everything<')));
  expect(badPermission.valid).toBe(false);
  expect(badPermission.errors![0]!.message).toContain('Permissions');
  const noSource = validate(mutated((s) => s.replace(/<DefaultSettings>[\s\S]*?<\/DefaultSettings>/, '')));
  expect(noSource.valid).toBe(false);
  const badHost = validate(mutated((s) => s.replace('<Host xsi:type="Workbook">', '<Host xsi:type="Spreadsheet">')));
  expect(badHost.valid).toBe(false);
});

test('task pane for the Workbook host, ReadWriteDocument, zh-CN default with en-US overrides, Home-tab button', () => {
  expect(xml).toMatch(/xsi:type="TaskPaneApp"/);
  expect(xml).toMatch(/<Hosts>\s*<Host Name="Workbook"\/>\s*<\/Hosts>/);
  expect(xml).toContain('<Permissions>ReadWriteDocument</Permissions>');
  expect(xml).toContain('<DefaultLocale>zh-CN</DefaultLocale>');
  expect(xml).toMatch(/<DisplayName DefaultValue="[^"]*周报[^"]*">\s*<Override Locale="en-US" Value="[^"]+"\/>/);
  expect(xml).toMatch(/<Description DefaultValue="[^"]+">\s*<Override Locale="en-US" Value="[^"]+"\/>/);
  expect(xml).toContain('<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>');
  expect(xml).toMatch(/<OfficeTab id="TabHome">[\s\S]*<Control xsi:type="Button"[\s\S]*<Action xsi:type="ShowTaskpane">/);
});

test('the manifest asks for ExcelApi 1.1 (Excel 2016); every member above it the code calls is behind a run-time check', () => {
  // calls of members above 1.1 → the ExcelApi version that introduced them (Office.js reference, `[Api set: …]`)
  const needs: [RegExp, number][] = [
    [/\.getMergedAreasOrNullObject\(/, 13],
    [/\.getSpecialCellsOrNullObject\(/, 9],
    [/'color,pattern'|pattern: [sf]\.pattern/, 9],
    [/\.dataValidation\./, 8],
    [/\.freezePanes\./, 7],
    [/\.getRangeByIndexes\(/, 7],
    [/\.getUsedRangeOrNullObject\(/, 4],
    [/\.getItemOrNullObject\(/, 4],
    [/\.getVisibleView\(/, 3],
    [/\.getResizedRange\(/, 2],
    [/columnWidth:/, 2],
    [/visibility: 'VeryHidden'/, 2],
    [/getUsedRange\(true\)/, 2],
  ];
  const gate: Record<number, RegExp> = {
    13: /caps\.mergedAreas/, 9: /caps\.(visibleCells|fillPattern)|capabilities\(\)\.fillPattern/, 8: /caps\.dataValidation/,
    7: /caps\.freezePanes/, 4: /caps\.nullObjects/, 3: /caps\.visibleView/, 2: /caps\.(columnWidth|valuesOnlyUsedRange)|sheetVisibilityWrite/,
  };
  // the files that call Office.js; code only (comments may name a member to say why it is not called)
  const code = ['office-host.ts', 'live-check.ts'].map((f) => readFileSync(path.join(ROOT, 'addin', 'office', f), 'utf8')).join('\n')
    .replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  const lines = code.split('\n');
  let calls = 0;
  for (const [re, v] of needs) {
    for (let i = 0; i < lines.length; i++) {
      if (!re.test(lines[i]!)) continue;
      calls++;
      // each call sits under (or on the line of) the check of its capability
      const around = lines.slice(Math.max(0, i - 12), i + 1).join('\n');
      expect([re.source, lines[i]!.trim(), gate[v]!.test(around)]).toEqual([re.source, lines[i]!.trim(), true]);
    }
  }
  expect(calls).toBeGreaterThan(8);
  // change events (1.7): live checking starts only where the pane found them
  const extras = readFileSync(path.join(ROOT, 'addin', 'office', 'office-extras.ts'), 'utf8');
  expect(extras.indexOf('changeEvents')).toBeGreaterThan(-1);
  expect(extras.indexOf('changeEvents')).toBeLessThan(extras.indexOf('new LiveCheck'));
  // the members the capability table names are those of this list, at the same version
  for (const [k, info] of Object.entries(CAPABILITIES)) expect([k, info.minor]).toEqual([k, expect.any(Number)]);
  const sets = [...xml.matchAll(/Set Name="ExcelApi" MinVersion="([\d.]+)"/g)].map((m) => m[1]);
  expect(sets).toEqual(['1.1', '1.1']);
});

test('every icon and URL the manifest names exists in the build (16/32/80 px PNGs)', () => {
  const images = [...xml.matchAll(/https:\/\/localhost:3000\/assets\/(icon-(\d+)\.png)/g)];
  expect(new Set(images.map((m) => m[2]))).toEqual(new Set(['16', '32', '64', '80']));
  for (const [, file, size] of images) {
    const png = readFileSync(path.join(ROOT, 'addin', 'assets', file!));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(Number(size));
    expect(png.readUInt32BE(20)).toBe(Number(size));
  }
});
