/**
 * The benchmark's corpus (tools/bench/corpus.ts) must be what the bench claims: unique town names, every layout,
 * every file read and accepted by the real reader and core with exactly the counted projects and indicators.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analysisContext, analyzeWorkbook, consolidate, parseCsv, rosterFromRows, type AnalyzedFile } from '../../core';
import { corpus, townNames } from '../../tools/bench/corpus';
import { readWorkbookBytesInProcess } from '../../io/read/read-workbook';
import { tmpDir } from '../support/books';

test('town names: unique, two syllables + 镇/乡, the same for the same seed', () => {
  const a = townNames(1300, 1);
  expect(new Set(a).size).toBe(1300);
  for (const t of a) expect(t).toMatch(/^[\u4e00-\u9fff]{2}[镇乡]$/);
  expect(townNames(1300, 1)).toEqual(a);
  expect(townNames(1300, 2)).not.toEqual(a);
});

test('a generated county of 12 towns in all four layouts is consolidated whole', async () => {
  const root = await tmpDir('xcs-bench-gen-');
  try {
    const c = await corpus(12, 4242, undefined, root);
    const files = fs.readdirSync(c.folder).sort();
    expect(files.length).toBe(c.files);
    for (const re of [/重点项目推进情况表\.xlsx$/, /重点项目及主要指标\.xlsx$/, /-重点项目周报-20151031\.xlsx$/, /[镇乡]周报\.xlsx$/]) {
      expect(files.some((f) => re.test(f))).toBe(true);
    }
    const roster = rosterFromRows(parseCsv(fs.readFileSync(c.roster, 'utf8').replace(/^\ufeff/, '')), 'roster.csv');
    if (!roster.ok) throw new Error(roster.message);
    expect(roster.towns.map((t) => t.name).sort()).toEqual(townNames(12, 4242).sort());
    const ctx = analysisContext({ roster: roster.towns, asOf: '2015-10-31' });
    const analyzed: AnalyzedFile[] = [];
    for (const f of files) {
      const out = await readWorkbookBytesInProcess(fs.readFileSync(path.join(c.folder, f)), f);
      if (!out.ok) throw new Error(`${f}: ${out.message}`);
      const analysis = analyzeWorkbook(f, out.grids, ctx);
      expect([f, analysis.issues.filter((i) => i.severity === 'error')]).toEqual([f, []]);
      analyzed.push({ file: f, ok: true, analysis });
    }
    const res = consolidate(analyzed, { roster: roster.towns, asOf: '2015-10-31' });
    expect(res.towns.map((t) => t.status)).toEqual(Array(12).fill('submitted'));
    expect(res.towns.reduce((s, t) => s + (t.projects?.count ?? 0), 0)).toBe(c.projects);
    for (const t of res.towns) {
      expect(t.indicators).toHaveLength(30);
      expect(t.projects!.count).toBeGreaterThanOrEqual(30);
      expect(t.projects!.count).toBeLessThanOrEqual(60);
    }
    // cached: a second call reuses the folder
    const again = await corpus(12, 4242, undefined, root);
    expect(again).toEqual(c);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}, 120000);
