/**
 * manifest.xml, validated offline against the add-in manifest XML schemas in ../shared/manifest-schema (read from
 * there, never copied) with libxml2 compiled to WebAssembly; what it declares (host, permission, requirement set,
 * locales, ribbon button, source location, icons) checked against what the code needs.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

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

test('the ExcelApi requirement is the highest set the Office.js code calls', () => {
  // API → the ExcelApi version that introduced it (the ones above 1.1 the add-in uses)
  const needs: Record<string, string> = {
    getMergedAreasOrNullObject: '1.13',
    getSpecialCellsOrNullObject: '1.9',
    getUsedRangeOrNullObject: '1.4',
    getItemOrNullObject: '1.4',
    getResizedRange: '1.7',
    getRangeByIndexes: '1.7',
    freezeRows: '1.7',
    dataValidation: '1.8',
    setPosition: '1.1',
  };
  const src = readdirSync(path.join(ROOT, 'addin', 'office')).map((f) => readFileSync(path.join(ROOT, 'addin', 'office', f), 'utf8')).join('\n');
  const used = Object.entries(needs).filter(([api]) => src.includes(api)).map(([, v]) => v);
  const highest = used.sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1])).pop();
  expect(highest).toBe('1.13');
  const sets = [...xml.matchAll(/Set Name="ExcelApi" MinVersion="([\d.]+)"/g)].map((m) => m[1]);
  expect(sets.length).toBeGreaterThan(0);
  for (const v of sets) expect(v).toBe(highest);
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
