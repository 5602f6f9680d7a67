/**
 * The table finder's shortcuts (core/table.ts: a row's answers remembered within one search; core/headers.ts:
 * mayBeNameHeader, the quick no before a header's meaning is computed) must change no result. findTables is held to
 * findTablesPlain (every row read afresh, every text's meaning computed) on real grids (the sample county, a generated
 * county of the benchmark's four layouts, the 507 real-world workbooks of ../shared/corpus) and on grids mutated to
 * put header words where data stands (names that are header synonyms, emptied amounts, extra label rows, decorated
 * headers), with the built-in lexicon and with a county's own phrasings; and the quick test is held to headerMeaning
 * on generated texts. Reproduce a failure with FC_SEED=<seed>.
 */
import fc from 'fast-check';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { FIELDS, TARGET_FIELDS, type SchemaKind } from '../../core/schema';
import type { Grid, GridCell } from '../../core/grid';
import { DEFAULT_LEXICON, headerLexicon, headerMeaning, isNameHeader, mayBeNameHeader, type HeaderLexicon } from '../../core/headers';
import { TOWN_TABLE_KINDS, findTables, findTablesPlain } from '../../core/table';
import { readWorkbookBytesInProcess } from '../../io/read/read-workbook';
import { corpus } from '../../tools/bench/corpus';
import { tmpDir } from '../support/books';

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
const params = (numRuns: number) => ({ numRuns, ...(SEED !== undefined ? { seed: SEED } : {}) });
const ROOT = path.resolve(__dirname, '..', '..');
const KINDS: SchemaKind[] = ['projects', 'indicators', 'powers', 'targets'];

/** A county's own phrasings, some of them beyond ideographs (the quick test then searches the labelKey). */
const COUNTY_PHRASINGS = {
  projects: { name: ['工程项目名', 'ＰＲＯＪ名称', '项目 Name'], completedYtd: ['实物工作量'] },
  indicators: { name: ['考核内容（项）'] },
  powers: { name: ['权责清单事项'] },
};
const COUNTY: HeaderLexicon = headerLexicon(COUNTY_PHRASINGS);

function walk(p: string, out: string[] = []): string[] {
  if (statSync(p).isDirectory()) for (const e of readdirSync(p).sort()) walk(path.join(p, e), out);
  else out.push(p);
  return out;
}

async function gridsOf(files: string[]): Promise<Grid[]> {
  const grids: Grid[] = [];
  for (const f of files) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(f);
    } catch {
      continue;
    }
    const out = await readWorkbookBytesInProcess(bytes, path.basename(f), { readLegacy: true });
    if (out.ok) grids.push(...out.grids);
  }
  return grids;
}

function expectSame(g: Grid, lexicon: HeaderLexicon = DEFAULT_LEXICON): number {
  let n = 0;
  for (const kinds of [TOWN_TABLE_KINDS, ['targets'] as const, KINDS] as const) {
    const fast = findTables(g, kinds as readonly SchemaKind[], lexicon);
    const plain = findTablesPlain(g, kinds as readonly SchemaKind[], lexicon);
    expect([g.sheet, fast]).toEqual([g.sheet, plain]);
    n += plain.length;
  }
  return n;
}

let sampleGrids: Grid[] = [];
let benchGrids: Grid[] = [];

beforeAll(async () => {
  sampleGrids = await gridsOf(walk(path.join(ROOT, 'sample', 'county')));
  const dir = await tmpDir('xcs-finder-');
  const c = await corpus(16, 777, undefined, dir);
  benchGrids = await gridsOf(walk(c.folder));
}, 120000);

test('the sample county and a generated county: the same tables, built-in and county lexicons', () => {
  expect(sampleGrids.length).toBeGreaterThan(15);
  expect(benchGrids.length).toBeGreaterThan(15);
  let tables = 0;
  for (const g of [...sampleGrids, ...benchGrids]) {
    tables += expectSame(g);
    expectSame(g, COUNTY);
  }
  expect(tables).toBeGreaterThan(50);
});

const CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus');

test('507 real-world workbooks: the same tables (when the corpus is there)', async () => {
  if (!existsSync(CORPUS)) return; // the corpus lives beside the project (test/e2e/corpus.test.ts requires it)
  const files = walk(CORPUS).filter((f) => /\.(xlsx|xlsm|xls)$/i.test(f));
  expect(files.length).toBeGreaterThan(400);
  let grids = 0;
  for (let i = 0; i < files.length; i += 50) {
    for (const g of await gridsOf(files.slice(i, i + 50))) {
      grids++;
      expectSame(g);
    }
  }
  expect(grids).toBeGreaterThan(300);
}, 600000);

/* ------------------------------------------------------------------ mutated grids ------------------------------ */

/** Every phrasing the schema knows, of every kind, and the county's. */
const PHRASINGS = [...new Set([
  ...[...Object.values(FIELDS).flat(), ...TARGET_FIELDS].flatMap((f) => [f.label, ...f.synonyms]),
  ...Object.values(COUNTY_PHRASINGS).flatMap((byField) => Object.values(byField).flat()),
])];
const DECOR: ((s: string) => string)[] = [
  (s) => s,
  (s) => `${s}（万元）`,
  (s) => `1.${s}`,
  (s) => `（一）${s}`,
  (s) => `${s}※`,
  (s) => `${s}注1`,
  (s) => ` ${s.split('').join(' ')} `,
  (s) => `【${s}】`,
  (s) => `${s}：`,
  (s) => `${s}(单位:亿元)`,
  (s) => `城南${s}改造`,
  (s) => `${s}/%`,
];
const text = fc.tuple(fc.constantFrom(...PHRASINGS), fc.constantFrom(...DECOR)).map(([p, d]) => d(p));

type Mutation = { kind: 'name'; row: number; col: number; text: string } | { kind: 'clear'; row: number } | { kind: 'insert'; row: number; cells: string[] };

function mutate(g: Grid, ms: Mutation[]): Grid {
  const rows: (GridCell | undefined)[][] = g.rows.map((r) => (r ? r.map((c) => (c ? { ...c } : c)) : r));
  for (const m of ms) {
    if (rows.length === 0) break;
    const r = m.row % rows.length;
    if (m.kind === 'name') {
      const row = rows[r] ?? (rows[r] = []);
      row[m.col % Math.max(1, row.length + 1)] = { value: m.text } as GridCell;
    } else if (m.kind === 'clear') {
      rows[r] = (rows[r] ?? []).map((c) => (c && typeof c.value === 'number' ? undefined : c));
    } else {
      rows.splice(r, 0, m.cells.map((value) => ({ value }) as GridCell));
    }
  }
  // merges keep their places: they may now cover other cells, which the finder must take as it takes real ones
  return { ...g, rows };
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('name' as const), row: fc.nat(200), col: fc.nat(20), text }),
  fc.record({ kind: fc.constant('clear' as const), row: fc.nat(200) }),
  fc.record({ kind: fc.constant('insert' as const), row: fc.nat(200), cells: fc.array(text, { minLength: 1, maxLength: 6 }) }),
);

test('grids with header words put where data stands: the same tables', () => {
  const grids = [...sampleGrids, ...benchGrids].filter((g) => g.rows.length > 0);
  fc.assert(
    fc.property(fc.nat(grids.length - 1), fc.array(mutation, { minLength: 1, maxLength: 12 }), fc.boolean(), (gi, ms, county) => {
      expectSame(mutate(grids[gi], ms), county ? COUNTY : DEFAULT_LEXICON);
    }),
    params(300),
  );
});

/* ------------------------------------------------------------------ the quick test ------------------------------ */

const piece = fc.oneof(
  text,
  fc.constantFrom('项', '目', '名', '称', '指', '标', '事', '(', ')', '（', '）', '〔', '「', '』', ' ', '\n', '万元', '%', '：', '①', 'N', 'ａｍｅ', 'e', 'PROJ', '项目', 'Name'),
  fc.string({ maxLength: 4 }),
);
const header = fc.array(piece, { minLength: 1, maxLength: 5 }).map((ps) => ps.join(''));

test('mayBeNameHeader says no only to texts that are no name header, alone or with group headers above', () => {
  fc.assert(
    fc.property(fc.constantFrom(...KINDS), header, fc.array(header, { maxLength: 2 }), fc.boolean(), (kind, h, groups, county) => {
      const lexicon = county ? COUNTY : DEFAULT_LEXICON;
      const isName = headerMeaning(kind, h, lexicon).field?.key === 'name';
      expect([h, isName && !mayBeNameHeader(kind, h, lexicon)]).toEqual([h, false]);
      expect(isNameHeader(kind, h, lexicon)).toBe(isName);
      if (groups.length) {
        // a header of several rows is read as its cells joined: the quick test is asked about the joined text
        const joined = [...groups, h].join('');
        const m = headerMeaning(kind, h, lexicon, groups);
        expect([joined, m.field?.key === 'name' && !mayBeNameHeader(kind, joined, lexicon)]).toEqual([joined, false]);
      }
    }),
    params(4000),
  );
  // and it does say no to a project's name
  expect(mayBeNameHeader('projects', '城南污水处理厂二期', DEFAULT_LEXICON)).toBe(false);
  expect(mayBeNameHeader('projects', '项目名称', DEFAULT_LEXICON)).toBe(true);
  expect(mayBeNameHeader('projects', 'proj名称', COUNTY)).toBe(true);
});
