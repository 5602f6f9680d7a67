/**
 * The CLI with --targets (the county's target workbook): the target in force drives completion and light, the JSON
 * report's keys, the warning when a town's sheet states another target, the 主要指标 columns, county.json naming the
 * targets file, and a broken targets file stopping the CLI with exit 2 naming file, sheet and cell.
 */
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { existsSync, promises as fsp, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { tmpDir, writeBook } from '../support/books';
import { HEAD, goodRows } from '../support/targets-rows';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli', 'consolidate.js');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
beforeAll(async () => {
  dir = await tmpDir('xcs-targets-cli-');
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
