/** The county's targets workbook and last week's JSON report (issue #4). */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readWorkbookBytesInProcess } from '../../io/read/read-workbook';
import { SourceFile, analysisContext, analyzeSource, consolidate, toJsonReport } from '../../core';
import { FONT, addSheet, footer, headerCell, newBook, note, sum, title } from './cells';
import { ROSTER, indicatorOut } from './expected';
import { writeStdTable } from './layouts';
import { COUNTY, FIXED_DATE, Light, Project, STAFF, YELLOW_BELOW, lastWeek, lightOf, r2, r4, realise } from './model';
import { FOOTER, TownExpect } from './out';
import { SHIMEN_SPECS } from './towns/shimen';

// ───────────────────────────── county targets and last week's report (issue #4) ─────────────────────────────
//
// sample/targets.xlsx: the county's target workbook (town × indicator × 2014-2016) with one mid-term adjustment in
// force at the as-of date, one adjustment dated after it, and one town whose own sheet states another target.
// sample/last-week.json: the JSON report of last week (2015-10-24), made by really consolidating a last-week variant
// of the sample (each town's projects with this week's work taken off) through the core.

export const LAST_WEEK_AS_OF = '2015-10-24';
/** 序时进度 on 2015-10-24 (not a month end: days elapsed, 297 of 365). */
export const LAST_WEEK_PROGRESS = 297 / 365;

export interface TargetSpec {
  town: string;
  indicator: string;
  unit: string;
  target: number;
  adjusted?: number;
  adjustedOn?: Date;
  adjustDoc?: string;
}

/** The county's targets for 2015: the towns' own, but for the three planted cases. */
export function targetSpecs(towns: TownExpect[]): { specs: TargetSpec[]; differs: { town: string; indicator: string; townTarget: number; county: number } } {
  const specs: TargetSpec[] = [];
  let differs = { town: '', indicator: '', townTarget: 0, county: 0 };
  for (const t of towns) {
    if (t.status !== 'submitted') continue;
    for (const x of t.indicators ?? []) {
      if (x.canonical === null) continue;
      const o = indicatorOut(x);
      const spec: TargetSpec = { town: t.town, indicator: o.name, unit: o.unit, target: o.target };
      if (t.town === '云峰镇' && o.name === '地区生产总值') {
        // mid-term adjustment in force since July: the town already writes the adjusted 45
        Object.assign(spec, { target: 48, adjusted: o.target, adjustedOn: new Date(Date.UTC(2015, 6, 20)), adjustDoc: '青培育办〔2015〕18号' });
      }
      if (t.town === '清溪镇' && o.name === '财政总收入') {
        // an adjustment approved for December: not yet in force on 10-31
        Object.assign(spec, { adjusted: r4(o.target - 0.4), adjustedOn: new Date(Date.UTC(2015, 11, 10)), adjustDoc: '青培育办〔2015〕41号' });
      }
      if (t.town === '桃花镇' && o.name === '城镇化率') {
        // the town's sheet says 52, the county set 54
        spec.target = o.target + 2;
        differs = { town: t.town, indicator: o.name, townTarget: o.target, county: spec.target };
      }
      specs.push(spec);
    }
  }
  return { specs, differs };
}

export async function writeTargetsWorkbook(file: string, specs: TargetSpec[]): Promise<void> {
  const wb = newBook();
  const ws = addSheet(wb, '目标任务');
  const heads = ['序号', '乡镇', '指标名称', '单位', '年度', '目标值', '调整后目标', '调整日期', '调整文号'];
  const widths = [6, 10, 24, 10, 8, 12, 12, 12, 22];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  title(ws, 1, heads.length, `${COUNTY}小城市培育试点主要指标目标任务（2014-2016年）`);
  note(ws, 2, 1, '县小城市培育工作领导小组办公室　　2015年中期调整后');
  heads.forEach((h, i) => headerCell(ws.getCell(3, i + 1), h));
  let r = 4;
  let seq = 1;
  for (const s of specs) {
    for (const year of [2014, 2015, 2016]) {
      const pct = s.unit === '%';
      // the other years' targets: a step below and above 2015's
      const target = year === 2015 ? s.target : pct ? r2(s.target + (year - 2015) * 2) : r4(s.target * (1 + (year - 2015) * 0.1));
      // one row in 万元 (the county office's habit for 财政总收入 of 云峰镇): converted to the catalog's 亿元
      const wan = s.town === '云峰镇' && s.indicator === '财政总收入';
      const values: ExcelJS.CellValue[] = [
        seq++, s.town, s.indicator, wan ? '万元' : s.unit, year, wan ? Math.round(target * 10000) : target,
        year === 2015 && s.adjusted !== undefined ? s.adjusted : null,
        year === 2015 && s.adjustedOn ? s.adjustedOn : null,
        year === 2015 && s.adjustDoc ? s.adjustDoc : null,
      ];
      values.forEach((v, i) => {
        const c = ws.getCell(r, i + 1);
        c.value = v;
        c.font = { name: FONT, size: 10 };
        c.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
        if (v instanceof Date) c.numFmt = 'yyyy-mm-dd';
      });
      r++;
    }
  }
  footer(ws, r + 1, heads.length, '说明：调整后目标自调整日期起执行；未调整的按目标值执行。');
  await wb.xlsx.writeFile(file);
  fs.utimesSync(file, FIXED_DATE, FIXED_DATE);
}

/** Where a town wrote a figure: the cell in the column headed `header` on the row whose name starts with `name`. */
export async function cellOf(file: string, name: string, header: string): Promise<{ sheet: string; cell: string }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  for (const ws of wb.worksheets) {
    let col = 0;
    let row = 0;
    ws.eachRow((r, rn) => r.eachCell((c, cn) => {
      const t = String(c.text ?? '').replace(/\s/g, '');
      if (t === header) col = cn;
      if (t.startsWith(name) && !row && col) row = rn;
    }));
    if (col && row) return { sheet: ws.name, cell: `${ws.getColumn(col).letter}${row}` };
  }
  throw new Error(`${name}/${header} not found in ${file}`);
}

export function lastWeekLight(plan: number | null, ytd: number): Light {
  if (plan === null || plan <= 0) return null;
  const c = ytd / plan;
  if (c >= LAST_WEEK_PROGRESS) return 'green';
  if (c >= LAST_WEEK_PROGRESS - YELLOW_BELOW / 100) return 'yellow';
  return 'red';
}

/** Last week's variant of every town that reported (石门镇 too: its report was fine last week), consolidated. */
export async function lastWeekReport(file: string, towns: TownExpect[]) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xcs-lastweek-'));
  const lastTowns: { town: string; projects: Project[]; before: Project[] }[] = [];
  for (const t of towns) {
    const projects = t.projects ?? (t.town === '石门镇' ? realise(t.town, SHIMEN_SPECS, STAFF[t.town], { plan: 10, ytd: 1 }) : null);
    if (!projects) continue;
    lastTowns.push({ town: t.town, projects, before: lastWeek(t.town, projects) });
  }
  // one project turns red this week: 云峰镇 raised its annual plan this week (年度计划调增); on last week's smaller
  // plan it was yellow
  const yf = lastTowns.find((lt) => lt.town === '云峰镇')!;
  const i = yf.projects.findIndex((p) => p.status === '在建' && lightOf(p.plan, p.ytd) === 'red' && p.ytd > 0);
  yf.before[i] = { ...yf.before[i], plan: Math.ceil(yf.before[i].ytd / 0.76 / 10) * 10 };
  const sources: SourceFile[] = [];
  for (const lt of lastTowns) {
    const wb = newBook();
    writeStdTable(addSheet(wb, '重点项目'), lt.before, {
      titleValue: `${lt.town}重点项目推进情况表（截至2015年10月24日）`,
      month: 10,
      sections: false,
      total: true,
      twoHeaderRows: false,
      notes: [[16, '单位：万元', 'right']],
      footerText: FOOTER('联络员', '2015年10月24日'),
    });
    const rel = `${lt.town}重点项目推进情况表（10月24日）.xlsx`;
    const full = path.join(tmp, rel);
    await wb.xlsx.writeFile(full);
    const read = await readWorkbookBytesInProcess(fs.readFileSync(full), rel);
    if (!read.ok) throw new Error(`${rel}: ${read.message}`);
    sources.push({ file: rel, ok: true, grids: read.grids });
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  const roster = ROSTER.map(([name, aliases]) => ({ name, aliases }));
  const opts = { roster, asOf: LAST_WEEK_AS_OF };
  const ctx = analysisContext(opts);
  const result = consolidate(sources.map((src) => analyzeSource(src, ctx)), opts);
  fs.writeFileSync(file, `${JSON.stringify(toJsonReport(result), null, 2)}\n`, 'utf8');
  // what the comparison must find, computed here from the projects, not from the core's report
  const thisWeek = new Set(towns.filter((t) => t.status === 'submitted').map((t) => t.town));
  return {
    previousAsOf: LAST_WEEK_AS_OF,
    droppedTowns: lastTowns.filter((lt) => !thisWeek.has(lt.town)).map((lt) => lt.town),
    towns: lastTowns
      .filter((lt) => thisWeek.has(lt.town))
      .map((lt) => ({
        town: lt.town,
        completedYtdBefore: r2(sum(lt.before.map((p) => p.ytd))),
        completedYtdDelta: r2(sum(lt.projects.map((p) => p.ytd)) - sum(lt.before.map((p) => p.ytd))),
        turnedRed: lt.projects
          .filter((p, i) => lightOf(p.plan, p.ytd) === 'red' && lastWeekLight(lt.before[i].plan, lt.before[i].ytd) !== 'red')
          .map((p) => p.name),
      })),
  };
}

/** Writes sample/targets.xlsx and sample/last-week.json; says in the expected figures what they must produce. */
export async function issue4Sample(parent: string, outDir: string, towns: TownExpect[], expected: { towns: { town: string; indicators: { items: { name: string; target: number }[] } | null }[] }) {
  const { specs, differs } = targetSpecs(towns);
  const targetsFile = path.join(parent, 'targets.xlsx');
  await writeTargetsWorkbook(targetsFile, specs);
  // the town is held to the county's target: the expected figure is the target in force
  const item = expected.towns.find((t) => t.town === differs.town)?.indicators?.items.find((i) => i.name === differs.indicator);
  if (item) item.target = differs.county;
  const townFile = towns.find((t) => t.town === differs.town)!.files[0];
  const where = await cellOf(path.join(outDir, townFile), differs.indicator, '年度目标');
  const weekOverWeek = await lastWeekReport(path.join(parent, 'last-week.json'), towns);
  return {
    targets: {
      file: 'targets.xlsx',
      adjustedInForce: { town: '云峰镇', indicator: '地区生产总值', targetOriginal: 48, targetAdjusted: 45, target: 45, adjustedOn: '2015-07-20', adjustDoc: '青培育办〔2015〕18号' },
      adjustedLater: { town: '清溪镇', indicator: '财政总收入', target: 7.2, adjustedOn: '2015-12-10' },
      differs: { ...differs, file: townFile, ...where, code: 'W_TARGET_DIFFERS' },
      countyTargets: specs.length,
    },
    weekOverWeek: { file: 'last-week.json', ...weekOverWeek },
  };
}
