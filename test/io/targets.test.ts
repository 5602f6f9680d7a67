/**
 * County targets (--targets): the county's target workbook written with exceljs and read back through the adapter,
 * the table finder and the catalog; the target in force at the as-of date; the warning when a town's sheet states
 * another target; the 主要指标 columns; a broken targets file stops the CLI with exit 2 naming file, sheet and cell.
 */
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { existsSync, promises as fsp, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROSTER, tmpDir, writeBook } from '../support/books';
import { readTargets, targetLookup } from '../../core';
import { readWorkbookBytesInProcess } from '../../io/read/read-workbook';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli', 'consolidate.js');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function readBack(file: string, asOf = '2015-10-31') {
  const outcome = await readWorkbookBytesInProcess(await fsp.readFile(file), path.basename(file));
  if (!outcome.ok) throw new Error(outcome.message);
  return readTargets(path.basename(file), outcome.grids, { roster: ROSTER, asOf });
}

const HEAD = ['乡镇', '指标名称', '单位', '年度', '目标值', '调整后目标', '调整日期', '调整文号'];
/** A county office's sheet: title, a note, the header, rows of three years. */
const goodRows = (): unknown[][] => [
  ['青川县小城市培育试点主要指标目标（2014-2016年）'],
  ['县培育办制表'],
  HEAD,
  ['云峰镇', '地区生产总值', '亿元', 2015, 50, 45, new Date(Date.UTC(2015, 6, 15)), '青培育办〔2015〕12号'],
  ['云峰镇', '财政总收入', '万元', '2015年', 60000, 55000, '2015年11月15日', '青培育办〔2015〕30号'],
  ['云峰', '城镇化率', '%', 2015, 62, null, null, null],
  ['云峰镇', 'GDP', '亿元', 2016, 60, null, null, null],
  ['东溪镇', '固投', '亿元', 2015, 12, null, null, null],
];

let dir: string;
beforeAll(async () => {
  dir = await tmpDir('xcs-targets-');
});

describe('reading the targets workbook', () => {
  test('header synonyms, aliases and units through the core; the target in force at the as-of date', async () => {
    const file = await writeBook(path.join(dir, 'good.xlsx'), [
      { name: '说明', rows: [['本表由县培育办维护']] },
      // another wording of the headers: 考核指标, 计量单位, 年份, 原目标, 调整目标, 批准日期, 文号
      { name: '目标', rows: [goodRows()[0], ['乡镇名称', '考核指标', '计量单位', '年份', '原目标', '调整目标', '批准日期', '文号'], ...goodRows().slice(3)] },
    ]);
    const r = await readBack(file);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.targets.rows).toHaveLength(5);
    const gdp = r.targets.rows.find((x) => x.town === '云峰镇' && x.indicator === '地区生产总值' && x.year === 2015)!;
    expect(gdp).toMatchObject({ unit: '亿元', target: 50, adjustedTarget: 45, adjustedOn: '2015-07-15', adjustDoc: '青培育办〔2015〕12号', sheet: '目标', row: 3 });
    // 万元 → the catalog's 亿元; a text date; the alias 「云峰」 and 「固投」, 「GDP」
    const fiscal = r.targets.rows.find((x) => x.indicator === '财政总收入')!;
    expect(fiscal.target).toBeCloseTo(6, 10);
    expect(fiscal.adjustedTarget).toBeCloseTo(5.5, 10);
    expect(fiscal.adjustedOn).toBe('2015-11-15');
    expect(r.targets.rows.find((x) => x.indicator === '城镇化率')!.town).toBe('云峰镇');
    expect(r.targets.rows.find((x) => x.indicator === '固定资产投资')!.town).toBe('东溪镇');

    const at = targetLookup(r.targets, '2015-10-31');
    expect(at('云峰镇', '地区生产总值')).toMatchObject({ target: 45, original: 50, adjusted: 45, adjustedInForce: true });
    // adjusted on 2015-11-15: not yet in force on 10-31
    expect(at('云峰镇', '财政总收入')!.target).toBeCloseTo(6, 10);
    expect(at('云峰镇', '财政总收入')!.adjustedInForce).toBe(false);
    // before the adjustment's date the original holds; on the date itself the adjusted one
    expect(targetLookup(r.targets, '2015-07-14')('云峰镇', '地区生产总值')!.target).toBe(50);
    expect(targetLookup(r.targets, '2015-07-15')('云峰镇', '地区生产总值')!.target).toBe(45);
    // another year's row is another year's target
    expect(targetLookup(r.targets, '2016-03-31')('云峰镇', '地区生产总值')!.target).toBe(60);
    expect(at('白石镇', '地区生产总值')).toBeNull();
  });

  test('every error is named with its sheet and cell', async () => {
    const file = await writeBook(path.join(dir, 'bad.xlsx'), [{
      name: '2015年目标',
      rows: [
        HEAD,
        ['云峰镇', '地区生产总值', '亿元', 2015, 50, null, null, null],
        ['青山镇', '地区生产总值', '亿元', 2015, 30, null, null, null], // unknown town
        ['东溪镇', '幸福指数', '分', 2015, 90, null, null, null], // unknown indicator
        ['南岭镇', '财政总收入', '亿元', 2015, '待定', null, null, null], // bad number
        ['云峰镇', 'GDP', '亿元', 2015, 52, null, null, null], // duplicate of row 2 (alias)
        ['白石镇', '城镇化率', '%', 2015, 60, 58, null, null], // adjusted without date
        ['龙门镇', '城镇化率', '%', 2015, 60, 58, '下半年', null], // bad date
        ['龙门镇', '建成区面积', '亿元', 2015, 5, null, null, null], // unit of another dimension
        ['东溪镇', '城镇化率', '%', '十三五', 60, null, null, null], // bad year
      ],
    }]);
    const r = await readBack(file);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const got = r.issues.map((i) => [i.code, i.sheet, i.cell]);
    expect(got).toEqual([
      ['E_TARGET_TOWN_UNKNOWN', '2015年目标', 'A3'],
      ['E_TARGET_INDICATOR_UNKNOWN', '2015年目标', 'B4'],
      ['E_NOT_NUMBER', '2015年目标', 'E5'],
      ['E_TARGET_DUPLICATE', '2015年目标', 'B6'],
      ['E_TARGET_ADJUST_NO_DATE', '2015年目标', 'F7'],
      ['E_TARGET_BAD_DATE', '2015年目标', 'G8'],
      ['E_UNIT', '2015年目标', 'C9'],
      ['E_TARGET_BAD_YEAR', '2015年目标', 'D10'],
    ]);
    for (const i of r.issues) expect(i.message).toMatch(/[\u4e00-\u9fff]/);
    expect(r.issues[0].message).toContain('青山镇');
    expect(r.issues[3].message).toContain('第 2 行');
  });

  test('a workbook without a targets table, and one without a required column', async () => {
    const none = await readBack(await writeBook(path.join(dir, 'none.xlsx'), [{ name: 'S', rows: [['乡镇', '备注'], ['云峰镇', '无']] }]));
    expect(!none.ok && none.issues.map((i) => i.code)).toEqual(['E_TARGETS_NO_TABLE']);
    // indicator, unit and targets but no 乡镇 column: the table is found and the missing column named
    const noTown = await readBack(await writeBook(path.join(dir, 'notown.xlsx'), [{ name: 'S', rows: [['指标名称', '单位', '目标值', '调整后目标'], ['地区生产总值', '亿元', 50, 45]] }]));
    expect(!noTown.ok && noTown.issues.map((i) => [i.code, i.cell])).toEqual([['E_REQUIRED_COLUMN', 'A1']]);
    expect(!noTown.ok && noTown.issues[0].message).toContain('乡镇');
  });
});

describe('the CLI with --targets', () => {
  let folder: string;
  let roster: string;
  let targets: string;
  let r: ReturnType<typeof run>;
  let report: any;
  let out: string;

  beforeAll(async () => {
    folder = path.join(dir, '报表');
    roster = path.join(dir, '名册.csv');
    await fsp.writeFile(roster, '\ufeff乡镇名称,别名\n云峰镇,云峰\n东溪镇,\n');
    await writeBook(path.join(folder, '云峰镇.xlsx'), [
      {
        name: '重点项目',
        rows: [['云峰镇重点项目推进情况表（截至2015年10月31日）'], ['单位：万元'],
          ['序号', '项目名称', '年度计划投资', '1-10月累计完成投资'], [1, '云峰大道', 2000, 1800]],
      },
      {
        name: '主要指标',
        rows: [['云峰镇主要指标（1-10月）'], ['指标名称', '单位', '2015年目标', '1-10月完成'],
          ['地区生产总值', '亿元', 45, 41], ['城镇化率', '%', 60, 58], ['财政总收入', '万元', 60000, 52000], ['建成区面积', '平方公里', 6, 5]],
      },
    ]);
    targets = await writeBook(path.join(dir, '县目标.xlsx'), [{ name: '目标', rows: goodRows() }]);
    out = path.join(dir, '汇总.xlsx');
    r = run([folder, '--roster', roster, '--as-of', '2015-10-31', '--out', out, '--json', path.join(dir, 'r.json'), '--targets', targets]);
    report = JSON.parse(readFileSync(path.join(dir, 'r.json'), 'utf8'));
  });

  test('the target in force drives completion and light; JSON keys carry original, adjusted, date and 文号', () => {
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(r.code).toBe(1); // 东溪镇 has not reported
    const yf = report.towns.find((t: any) => t.town === '云峰镇');
    const by = (n: string) => yf.indicators.find((i: any) => i.name === n);
    // adjusted 50 → 45 on 2015-07-15: in force; the town wrote 45 too, no warning
    expect(by('地区生产总值')).toEqual({
      name: '地区生产总值', unit: '亿元', target: 45, actual: 41, completion: 0.9111, light: 'green',
      targetOriginal: 50, targetAdjusted: 45, targetSource: 'county', adjustedOn: '2015-07-15', adjustDoc: '青培育办〔2015〕12号',
    });
    // the county's 62, not the town's 60: 58/62 = 93.5%
    expect(by('城镇化率')).toMatchObject({ target: 62, completion: 0.9355, targetSource: 'county', targetOriginal: 62, targetAdjusted: null });
    // adjusted on 11-15, after the as-of date: the original 6 亿元 holds
    expect(by('财政总收入')).toMatchObject({ target: 6, targetAdjusted: 5.5, adjustedOn: '2015-11-15', targetSource: 'county' });
    // the county set none: the town's own
    expect(by('建成区面积')).toMatchObject({ target: 6, targetSource: 'town', targetOriginal: null });
    expect(r.stdout).toContain('指标目标：3 项按县下达的目标计算');
  });

  test("a town's sheet stating another target: a warning naming both, at the town's cell", () => {
    const file = report.files.find((f: any) => f.file === '云峰镇.xlsx');
    expect(file.status).toBe('accepted');
    const w = file.issues.filter((i: any) => i.code === 'W_TARGET_DIFFERS');
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ severity: 'warning', sheet: '主要指标', cell: 'C4' });
    expect(w[0].message).toContain('城镇化率');
    expect(w[0].message).toContain('60');
    expect(w[0].message).toContain('62');
  });

  test('主要指标 shows the original and adjusted targets, the date and the 文号', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('主要指标')!;
    const header = (ws.getRow(3).values as unknown[]).slice(1);
    expect(header).toEqual(['乡镇', '指标名称', '单位', '年度目标', '1-10月累计', '完成率', '与序时差', '灯', '是否可累加', '备注', '原目标', '调整后目标', '调整日期', '调整文号']);
    let row = 0;
    for (let i = 4; i <= ws.rowCount; i++) if (ws.getCell(i, 2).value === '地区生产总值' && ws.getCell(i, 1).value === '云峰镇') row = i;
    expect(row).toBeGreaterThan(0);
    const v = (c: number) => ws.getCell(row, c).value;
    expect([v(4), v(10), v(11), v(12), v(13), v(14)]).toEqual([45, '按调整后目标', 50, 45, '2015-07-15', '青培育办〔2015〕12号']);
    // the town wrote 60, the county set 62: the note says so
    let urban = 0;
    for (let i = 4; i <= ws.rowCount; i++) if (ws.getCell(i, 2).value === '城镇化率') urban = i;
    expect([ws.getCell(urban, 4).value, ws.getCell(urban, 10).value, ws.getCell(urban, 11).value]).toEqual([62, '乡镇表填 60，按县下达目标', 62]);
  });

  test('county.json may name the targets file (relative to it)', async () => {
    const cfg = path.join(dir, 'county.json');
    await fsp.writeFile(cfg, JSON.stringify({ targets: '县目标.xlsx' }));
    const json = path.join(dir, 'r2.json');
    const r2 = run([folder, '--roster', roster, '--as-of', '2015-10-31', '--out', path.join(dir, 's2.xlsx'), '--json', json, '--config', cfg]);
    expect(r2.code).toBe(1);
    const rep = JSON.parse(readFileSync(json, 'utf8'));
    expect(rep.towns.find((t: any) => t.town === '云峰镇').indicators[0].targetSource).toBe('county');
  });

  test.each([
    ['a missing file', () => path.join(dir, '没有这个文件.xlsx'), /目标表文件不存在：.*没有这个文件\.xlsx/],
    ['not a workbook', async () => {
      const f = path.join(dir, '坏目标.xlsx');
      await fsp.writeFile(f, 'not a zip');
      return f;
    }, /目标表 .*坏目标\.xlsx 无法读取/],
    ['an unknown town and a duplicate row', async () => writeBook(path.join(dir, '错目标.xlsx'), [{
      name: '目标', rows: [HEAD, ['云峰镇', '地区生产总值', '亿元', 2015, 50], ['西山镇', '地区生产总值', '亿元', 2015, 30], ['云峰镇', 'GDP', '亿元', 2015, 50]],
    }]), /目标表 .*错目标\.xlsx 有 2 处错误[\s\S]*「目标」A3 乡镇「西山镇」不在名册中[\s\S]*「目标」B4/],
  ])('%s: exit 2, a Chinese message naming the file (and sheet and cell), nothing written', async (_n, make, message) => {
    const f = await (make as () => Promise<string> | string)();
    const o = path.join(dir, `none-${Math.random().toString(36).slice(2)}.xlsx`);
    const r3 = run([folder, '--roster', roster, '--as-of', '2015-10-31', '--out', o, '--targets', f]);
    expect(r3.code).toBe(2);
    expect(r3.stderr).toMatch(message as RegExp);
    expect(r3.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(existsSync(o)).toBe(false);
  });
});
