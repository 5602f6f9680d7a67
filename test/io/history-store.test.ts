/**
 * The compact history file (io/read/history-store.ts): read from its bytes a week at a time, it must give exactly
 * what JSON.parse of the whole text gives (or null where that is not a store of ours), and written in pieces, exactly
 * JSON.stringify(store). And the loader (io/read/history.ts) over a real folder: a run that finds one report new or
 * changed rewrites the compact file with each project name once (before, each kept week carried its own copy of the
 * names into the table), also from a file written that way, and folds the same history as a first run.
 */
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  ConsolidationResult, HISTORY_STORE_FILE, HistoryStore, JsonReport, applyHistory, emptyHistoryStore, historyWeekFromReport, parseHistoryStore,
  toJsonReport,
} from '../../core';
import { loadHistory } from '../../io/read/history';
import { historyStorePieces, parseHistoryStoreBytes } from '../../io/read/history-store';
import { writePieces } from '../../io/write/json-stream';
import { fixture } from '../fixtures/result-fixture';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));
const roster = fixture.towns.map((t) => ({ name: t.town, aliases: [] }));
const DATES = ['2015-10-09', '2015-10-16', '2015-10-23'];

/** The fixture's report at an earlier date, a project renamed per week so the weeks do not share every name. */
function reportAt(asOf: string, w: number): JsonReport {
  const r = toJsonReport(clone(fixture));
  r.asOf = asOf;
  const listed = r.towns.find((t) => t.projectList && t.projectList.length > 1)!;
  listed.projectList![0].name = `第${w + 1}周新增项目`;
  return r;
}

function storeOf(reports: JsonReport[]): HistoryStore {
  const store = emptyHistoryStore();
  reports.forEach((r, i) => store.entries.push({ file: `r${i}.json`, size: 100 + i, mtimeMs: 1.5e12 + i / 3, week: historyWeekFromReport(r, store) }));
  store.entries.push({ file: '坏.json', size: 3, mtimeMs: 7, issue: { code: 'W_HISTORY_NOT_JSON', severity: 'warning', sheet: null, cell: null, message: '坏.json 不是 JSON' } });
  return store;
}

const bytesOf = (text: string) => Buffer.from(text, 'utf8');
/** What the loader got before: the whole text parsed at once. */
const wholeText = (b: Buffer) => parseHistoryStore(b.toString('utf8'));

test('a real compact file: read a week at a time, the same store as JSON.parse of the whole text', () => {
  const store = storeOf(DATES.map(reportAt));
  const text = JSON.stringify(store);
  const read = parseHistoryStoreBytes(bytesOf(text));
  expect(read).not.toBeNull();
  expect(read).toEqual(JSON.parse(text));
  expect(read!.entries).toHaveLength(4);
  // spaces where JSON allows them, and keys in another order, read the same
  const spaced = JSON.stringify({ entries: store.entries, names: store.names, version: store.version, format: store.format }, null, 1);
  expect(parseHistoryStoreBytes(bytesOf(` \n${spaced}\r\n\t`))).toEqual(JSON.parse(text));
});

test('bytes that are not a store of ours are null, exactly where the whole-text parse says so', () => {
  const text = JSON.stringify(storeOf(DATES.slice(0, 2).map(reportAt)));
  const cases: string[] = [
    '', ' ', 'null', '[]', '{}', '"x"', `\ufeff${text}`, `${text}x`, `${text},`, `${text}}`, text.replace('"entries":[', '"entries":[,'),
    text.replace('"version":1', '"version":2'), text.replace('"format":"xcs-history"', '"format":"other"'),
    text.replace(/\]\}$/, ',]}'), text.replace(/\]\}$/, ']]}'), text.replace('"names":[', '"names":{'), `${text.slice(0, -2)}}]`,
    // a key named __proto__ is an own property for JSON.parse: it must not lend the object a format it does not have
    '{"__proto__":{"format":"xcs-history","version":1,"names":[],"entries":[]}}',
    // the last of a repeated key stands
    text.replace('{"format":"xcs-history"', '{"entries":5,"format":"xcs-history"'), `${text.slice(0, -1)},"entries":"x"}`,
    `${text.slice(0, -1)},"entries":[]}`,
  ];
  // every cut of the text (a file truncated anywhere)
  for (let i = 0; i < text.length; i += 7) cases.push(text.slice(0, i));
  for (const c of cases) {
    const want = wholeText(bytesOf(c));
    const got = parseHistoryStoreBytes(bytesOf(c));
    expect({ c: c.slice(0, 80), got }).toEqual({ c: c.slice(0, 80), got: want });
  }
  expect(parseHistoryStoreBytes(bytesOf(`${text.slice(0, -1)},"entries":[]}`))!.entries).toEqual([]);
});

test('any bytes (random JSON, mutated stores): the same answer as the whole-text parse', () => {
  const text = JSON.stringify(storeOf(DATES.slice(0, 1).map(reportAt)));
  const store = fc.record({
    format: fc.constantFrom('xcs-history', 'x'),
    version: fc.constantFrom(1, 2),
    names: fc.array(fc.string()),
    entries: fc.array(fc.oneof(fc.record({ file: fc.string(), size: fc.double(), mtimeMs: fc.integer() }), fc.jsonValue())),
  });
  fc.assert(
    fc.property(
      fc.oneof(
        fc.json(),
        store.map((s) => JSON.stringify(s)),
        fc.tuple(fc.nat(), fc.string({ unit: 'binary', maxLength: 3 })).map(([at, s]) => text.slice(0, at % text.length) + s + text.slice((at % text.length) + 1)),
      ),
      (t) => {
        const b = bytesOf(t);
        expect(parseHistoryStoreBytes(b)).toEqual(wholeText(b));
      },
    ),
    { numRuns: 3000, seed: 14 },
  );
  // bytes that are not UTF-8 decode the same, piece by piece or whole
  const bad = Buffer.concat([bytesOf(text.slice(0, 60)), Buffer.from([0xe5, 0x8f]), bytesOf(text.slice(60))]);
  expect(parseHistoryStoreBytes(bad)).toEqual(wholeText(bad));
});

test('written in pieces, the compact file is JSON.stringify(store), byte for byte', async () => {
  const store = storeOf(DATES.map(reportAt));
  expect([...historyStorePieces(store)].join('')).toBe(JSON.stringify(store));
  expect([...historyStorePieces(emptyHistoryStore())].join('')).toBe(JSON.stringify(emptyHistoryStore()));
  fc.assert(
    fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.array(fc.jsonValue()), (extra, entries) => {
      const s = { ...extra, entries } as unknown as HistoryStore;
      expect([...historyStorePieces(s)].join('')).toBe(JSON.stringify(s));
    }),
    { numRuns: 500, seed: 14 },
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'history-store-'));
  try {
    const file = path.join(dir, 's.json');
    await writePieces(file, historyStorePieces(store));
    expect(fs.readFileSync(file, 'utf8')).toBe(JSON.stringify(store));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe('the loader over a folder', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'history-load-'));
    DATES.forEach((d, w) => fs.writeFileSync(path.join(dir, `report-${d}.json`), `${JSON.stringify(reportAt(d, w), null, 2)}\n`));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const storeFile = () => JSON.parse(fs.readFileSync(path.join(dir, HISTORY_STORE_FILE), 'utf8')) as HistoryStore;
  const apply = async () => {
    const h = await loadHistory(dir, { asOf: '2015-10-31', roster });
    const result: ConsolidationResult = clone(fixture);
    applyHistory(result, h.fold, {});
    return { h, history: result.history, towns: result.towns.map((t) => [t.history, t.projectList.map((p) => p.history)]) };
  };
  const distinctNames = () => new Set(DATES.flatMap((d, w) => reportAt(d, w).towns.flatMap((t) => (t.projectList ?? []).map((p) => p.name)))).size;

  test('one report changed: the compact file is rewritten with each name once, and the history is the same', async () => {
    const first = await apply();
    expect(first.h.readInFull).toBe(3);
    const names = distinctNames();
    expect(names).toBeGreaterThan(3);
    expect(storeFile().names).toHaveLength(names);
    // a week later the newest report is written again (same bytes, a new time): it alone is read again
    const again = path.join(dir, `report-${DATES[2]}.json`);
    fs.utimesSync(again, new Date(), new Date(Date.now() + 5000));
    const second = await apply();
    expect(second.h.readInFull).toBe(1);
    const rewritten = storeFile();
    expect(rewritten.entries).toHaveLength(3);
    expect(rewritten.names).toHaveLength(names);
    expect(new Set(rewritten.names).size).toBe(names);
    expect(second.history).toEqual(first.history);
    expect(second.towns).toEqual(first.towns);
    // and a run with nothing new reads none and leaves the compact file as it is
    const bytes = fs.readFileSync(path.join(dir, HISTORY_STORE_FILE));
    const third = await apply();
    expect(third.h.readInFull).toBe(0);
    expect(fs.readFileSync(path.join(dir, HISTORY_STORE_FILE))).toEqual(bytes);
    expect(third.history).toEqual(first.history);
  });

  test('a compact file with the names once per week (as written before) is read the same, and rewritten with each once', async () => {
    const first = await apply();
    const names = distinctNames();
    // each entry's names copied into a table of their own, one after the other: what the old loader wrote
    const file = path.join(dir, HISTORY_STORE_FILE);
    const store = storeFile();
    const table: string[] = [];
    for (const e of store.entries) {
      const mine = new Map<number, number>();
      for (const t of e.week!.towns) {
        for (let k = 0; t.p && k < t.p.length; k += 3) {
          if (!mine.has(t.p[k])) mine.set(t.p[k], table.push(store.names[t.p[k]]) - 1);
          t.p[k] = mine.get(t.p[k])!;
        }
      }
    }
    store.names = table;
    expect(table.length).toBeGreaterThan(2 * names);
    fs.writeFileSync(file, JSON.stringify(store));
    const kept = await apply();
    expect(kept.h.readInFull).toBe(0);
    expect(kept.history).toEqual(first.history);
    expect(kept.towns).toEqual(first.towns);
    fs.utimesSync(path.join(dir, `report-${DATES[0]}.json`), new Date(), new Date(Date.now() + 5000));
    const rewritten = await apply();
    expect(rewritten.h.readInFull).toBe(1);
    expect(storeFile().names).toHaveLength(names);
    expect(rewritten.history).toEqual(first.history);
    expect(rewritten.towns).toEqual(first.towns);
  });

  test('a cut compact file is rebuilt from the reports, with the same history', async () => {
    const first = await apply();
    const file = path.join(dir, HISTORY_STORE_FILE);
    fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 200));
    const second = await apply();
    expect(second.h.readInFull).toBe(3);
    expect(second.history).toEqual(first.history);
    expect(storeFile().names).toHaveLength(distinctNames());
  });
});
