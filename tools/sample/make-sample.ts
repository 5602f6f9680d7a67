/**
 * Generates a fictional county 「青川县」 for the weekly consolidation: a roster, a folder of the files twelve pilot
 * towns sent for the week ending 2015-10-31 (each in a layout officials really use), stray files, and the totals the
 * consolidation is expected to arrive at.
 *
 *   node dist/tools/sample/make-sample.js [outDir]      (default sample/county)
 *
 * Writes <outDir>/… plus <dirname(outDir)>/roster.csv and <dirname(outDir)>/<basename(outDir)>-expected.json.
 * Everything is deterministic (seeded PRNG, fixed workbook dates, fixed file mtimes). Amounts are kept in 万元 in
 * the generator; each town's writer converts them to the unit that town writes (元, 亿元, text, formulas…), and the
 * expected totals are computed from the same 万元 values.
 *
 * One file per town layout in towns/ (each town's projects and its writer), the layouts and cell helpers they share
 * in layouts.ts and cells.ts, the model in model.ts; strays, powers, expected totals, targets and last week beside.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ROSTER, expectedJson } from './expected';
import { Out, TownExpect } from './out';
import { addPowers } from './powers';
import { strays } from './strays';
import { issue4Sample } from './targets-and-last-week';
import { baishi } from './towns/baishi';
import { dongxi } from './towns/dongxi';
import { huyuan } from './towns/huyuan';
import { jinzhu } from './towns/jinzhu';
import { longmen } from './towns/longmen';
import { nanling } from './towns/nanling';
import { qingxi } from './towns/qingxi';
import { shimen } from './towns/shimen';
import { taohua } from './towns/taohua';
import { xintang } from './towns/xintang';
import { yunfeng } from './towns/yunfeng';

// ───────────────────────────── main ─────────────────────────────

async function main(): Promise<void> {
  const outDir = path.resolve(process.argv[2] ?? path.join('sample', 'county'));
  const parent = path.dirname(outDir);
  const base = path.basename(outDir);
  // Start from an empty folder, but only remove a folder this generator made (or an empty one).
  if (fs.existsSync(outDir)) {
    const entries = fs.readdirSync(outDir);
    if (entries.length === 0 || entries.includes('云峰镇重点项目.xlsx')) fs.rmSync(outDir, { recursive: true, force: true });
    else throw new Error(`${outDir} exists and was not made by make-sample; refusing to overwrite`);
  }
  fs.mkdirSync(outDir, { recursive: true });
  const out = new Out(outDir);

  const towns: TownExpect[] = [];
  towns.push(await yunfeng(out));
  towns.push(await huyuan(out));
  towns.push(await dongxi(out));
  towns.push(await nanling(out));
  towns.push(await baishi(out));
  towns.push(await xintang(out));
  towns.push(await qingxi(out));
  towns.push(await longmen(out));
  towns.push(await jinzhu(out));
  towns.push(await taohua(out));
  towns.push(await shimen(out));
  towns.push({
    town: '双港镇',
    status: 'missing',
    reportDate: null,
    files: [],
    otherFiles: [],
    projects: null,
    indicators: null,
    notes: ['No file at all.'],
  });
  await addPowers(out, towns);
  const strayFiles = strays(out);

  const csv = '\ufeff乡镇名称,别名\r\n' + ROSTER.map(([t, a]) => `${t},${a.join('、')}`).join('\r\n') + '\r\n';
  fs.writeFileSync(path.join(parent, 'roster.csv'), csv, 'utf8');
  const expected = expectedJson(towns, strayFiles);
  Object.assign(expected, await issue4Sample(parent, outDir, towns, expected));
  fs.writeFileSync(path.join(parent, `${base}-expected.json`), JSON.stringify(expected, null, 2) + '\n', 'utf8');

  for (const w of out.written.sort((a, b) => (a.file < b.file ? -1 : 1))) console.log(`  ${w.file}`);
  console.log(`${out.written.length} files in ${outDir}`);
  console.log(`roster: ${path.join(parent, 'roster.csv')}; expected: ${path.join(parent, `${base}-expected.json`)}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  process.exit(1);
});
