/** The report's JSON written in pieces must be byte for byte JSON.stringify(value, null, 2). */
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LazyJsonArray, jsonPieces, writeJsonFile } from '../../io/write/json-stream';
import { jsonFile, jsonTown, toJsonReport } from '../../core';
import { fixture } from '../fixtures/result-fixture';

const joined = (v: unknown, depth?: number) => [...jsonPieces(v, depth)].join('');

test('pieces join to JSON.stringify(v, null, 2) for any JSON-ish value, at every split depth', () => {
  fc.assert(
    fc.property(fc.anything({ withDate: true, withNullPrototype: true, withBoxedValues: false }), fc.integer({ min: 0, max: 5 }), (v, depth) => {
      const want = JSON.stringify(v, null, 2) ?? 'null';
      expect(joined(v, depth)).toBe(want);
    }),
    { numRuns: 2000, seed: 11 },
  );
  const odd = { a: undefined, b: [undefined, () => 1, Symbol('x'), new Date(0), 'x\ny'], c: {}, d: [], e: { f: { g: [1, { h: null }] } } };
  expect(joined(odd)).toBe(JSON.stringify(odd, null, 2));
});

test('the report file is the stringified report', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'json-stream-'));
  try {
    const file = path.join(dir, 'r.json');
    const report = toJsonReport(fixture);
    await writeJsonFile(file, report);
    const want = `${JSON.stringify(report, null, 2)}\n`;
    expect(fs.readFileSync(file, 'utf8')).toBe(want);
    // as the CLI writes it: files and towns made one at a time
    const lazy = {
      ...toJsonReport({ ...fixture, files: [], towns: [] }),
      files: new LazyJsonArray(fixture.files, jsonFile),
      towns: new LazyJsonArray(fixture.towns, jsonTown),
    };
    expect(fixture.towns.length).toBeGreaterThan(1);
    fs.rmSync(file);
    await writeJsonFile(file, lazy);
    expect(fs.readFileSync(file, 'utf8')).toBe(want);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a report of several megabytes, with pieces larger than the write buffer, is written byte for byte', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'json-stream-'));
  try {
    const file = path.join(dir, 'big.json');
    // 6,000 towns of CJK, emoji (surrogate pairs) and a lone surrogate; one text of 400,000 characters (a piece over
    // a third of the megabyte buffer is written on its own)
    const value = {
      files: Array.from({ length: 6000 }, (_, i) => ({ file: `${i}镇周报😀.xlsx`, issues: [{ message: `第${i}行：数值“\ud800”异常` }] })),
      note: '长'.repeat(400000),
      towns: Array.from({ length: 3000 }, (_, i) => ({ town: `镇${i}`, text: 'x'.repeat(i % 700) })),
    };
    await writeJsonFile(file, value);
    const want = Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
    expect(want.length).toBeGreaterThan(3 << 20);
    expect(fs.readFileSync(file).equals(want)).toBe(true);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("an array is cut into runs of elements: its pieces stay a few hundred K characters, one longer element a piece of its own", () => {
  const towns = Array.from({ length: 20000 }, (_, i) => ({ town: `镇${i}`, text: 'x'.repeat(i % 700), n: [i, null] }));
  const long = '长'.repeat(700000);
  const value = { towns, one: [1, long, 2], none: [] };
  const pieces = [...jsonPieces(value)];
  expect(pieces.join('')).toBe(JSON.stringify(value, null, 2));
  const whole = JSON.stringify(towns, null, 2).length;
  expect(whole).toBeGreaterThan(8e6);
  // not one string per element, nor the array in one
  const runs = pieces.filter((p) => p.includes('"town"'));
  expect(runs.length).toBeGreaterThan(whole / 600000);
  expect(runs.length).toBeLessThan(towns.length / 50);
  for (const p of runs) expect(p.length).toBeLessThan(600000);
  // the long element is one piece, not cut and not joined with its neighbours' runs beyond a few characters
  const big = pieces.find((p) => p.includes(long))!;
  expect(big.length).toBeLessThan(long.length + 100);
});
