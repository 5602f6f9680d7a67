/**
 * County targets (--targets): the county's target workbook written with exceljs and read back through the adapter,
 * the table finder and the catalog; the target in force at the as-of date; every error named with its sheet and cell.
 * The CLI with --targets: test/e2e/targets-cli.test.ts.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { ROSTER, tmpDir, writeBook } from '../support/books';
import { HEAD, goodRows } from '../support/targets-rows';
import { readTargets, targetLookup } from '../../core';
import { readWorkbookBytesInProcess } from '../../io/read/read-workbook';

async function readBack(file: string, asOf = '2015-10-31') {
  const outcome = await readWorkbookBytesInProcess(await fsp.readFile(file), path.basename(file));
  if (!outcome.ok) throw new Error(outcome.message);
  return readTargets(path.basename(file), outcome.grids, { roster: ROSTER, asOf });
}

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
