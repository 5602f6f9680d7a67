/**
 * The templates towns are asked to fill: their columns are the schema's fields, and a filled template is read back
 * clean (no issue at all) with the figures that were typed in.
 */
import ExcelJS from 'exceljs';
import * as path from 'node:path';
import { FIELDS } from '../core';
import { analyzeFile, tmpDir } from './support/books';

const T = path.resolve(__dirname, '..', 'templates');
const PROJECTS = path.join(T, '重点项目进度表（模板）.xlsx');
const INDICATORS = path.join(T, '主要指标完成情况表（模板）.xlsx');

async function headerRow(file: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0];
  const values = ws.getRow(3).values as unknown[];
  return values.slice(1).map((v) => String(v ?? ''));
}

test('the template columns are the schema fields, in order', async () => {
  expect((await headerRow(PROJECTS))).toEqual(FIELDS.projects.filter((f) => !f.notInTemplate).map((f) => f.label));
  expect((await headerRow(INDICATORS)).slice(0, FIELDS.indicators.length)).toEqual(FIELDS.indicators.map((f) => f.label));
});

test('a blank template is recognised and refused as blank', async () => {
  const a = await analyzeFile(PROJECTS);
  expect(a.issues.map((i) => i.code)).toContain('E_EMPTY_TABLE');
});

test('a template filled in as the instructions say reads back clean', async () => {
  const dir = await tmpDir('xcs-tpl-');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(PROJECTS);
  const ws = wb.getWorksheet('重点项目')!;
  ws.getCell('A1').value = '云峰镇重点项目推进情况表（截至2015年10月31日）';
  ws.getCell('A2').value = '填报单位：云峰镇';
  ws.getCell('I3').value = '1-10月累计完成投资';
  ws.getRow(4).values = [1, '云峰大道', '基础设施', '道路3公里', '2014-2016', 5000, 2000, 50, 1800, '路基完成', '铺设管网', '沥青摊铺', null, '张明', '城建办', '在建'];
  ws.getRow(5).values = [2, '文化中心', '社会事业', '1.2万平方米', '2015-2017', 3000, null, 0, 0, '立项', '方案评审', '报批', '用地指标', '李华', '文广站', '前期'];
  const file = path.join(dir, '云峰镇.xlsx');
  await wb.xlsx.writeFile(file);
  const a = await analyzeFile(file);
  expect(a.issues).toEqual([]);
  expect(a.town).toBe('云峰镇');
  const p = a.tables[0].projects.map((x) => x.values);
  expect(p.map((x) => [x.name, x.totalInvestment, x.annualPlan, x.completedYtd, x.status])).toEqual([
    ['云峰大道', 5000, 2000, 1800, '在建'],
    ['文化中心', 3000, null, 0, '前期'],
  ]);
});
