/**
 * The sample county, one town in its own layout: its projects and the writer of its files.
 * 9. 金竹镇: WPS-like, no 类别/状态 columns, section rows merged across, 小计 after each group, 总计 at the end; an
 * older week's report also saved as a legacy .xls.
 */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { Col, FONT, addSheet, dataRow, footer, headerRow, newBook, note, planOf, sectionRow, setWidths, sum, title } from '../cells';
import { AS_OF, CATEGORIES, Grain, Project, STAFF, byCategory, earlier, realise, specs } from '../model';
import { D, Out, TownExpect } from '../out';

export const JINZHU_SPECS = specs([
  ['金竹大道新建工程', '基础设施', '在建', 'g', 4800, '新建金竹大道1.8公里', '2014-2016'],
  ['镇区雨污分流工程', '基础设施', '在建', 'r', 2100, '雨污分流改造5.5公里', '2015-2016'],
  ['集镇供水管网改造', '基础设施', '在建', 'g', 900, '改造供水管网4公里', '2015'],
  ['农贸市场迁建工程', '基础设施', '在建', 'y', 1600, '迁建农贸市场4500平方米', '2015-2016'],
  ['竹产业园区', '产业发展', '在建', 'g', 9200, '建设竹产业园区厂房6万平方米', '2014-2016'],
  ['竹制品加工企业技改', '产业发展', '在建', 'r', 3600, '竹制品企业8家技术改造', '2015-2016'],
  ['乡村旅游集散中心', '产业发展', '前期', null, 1500, '建设旅游集散中心及停车场', '2016'],
  ['金竹小学教学楼', '社会事业', '在建', 'g', 2200, '新建教学楼5800平方米', '2015-2016'],
  ['镇卫生院改造', '社会事业', '在建', 'y', 1200, '改造门诊楼3000平方米', '2015'],
  ['农民集中安置点', '社会事业', '在建', 'r', 7400, '建设安置房260套', '2014-2016'],
  ['金竹溪河道整治', '生态环境', '在建', 'g', 2500, '整治金竹溪3公里', '2015-2016'],
  ['竹海公园', '生态环境', '在建', 'y', 1900, '建设竹海公园420亩', '2015-2016'],
  ['生活垃圾分类处理站', '生态环境', '在建', 'g', 600, '建设垃圾分类处理站1座', '2015'],
]);

/** 9. 金竹镇: WPS-like, no 类别/状态 columns, section rows merged across, 小计 after each group, 总计 at the end. */
export function jinzhuBook(projects: Project[], dateCn: string, month: number): ExcelJS.Workbook {
  const wb = newBook();
  const ws = addSheet(wb, 'Sheet1');
  const cols: Col[] = [
    { header: '序号', width: 6, kind: 'int' },
    { header: '项目名称', width: 26, kind: 'text' },
    { header: '总投资', width: 11, kind: 'amount', numFmt: '#,##0' },
    { header: '年度计划', width: 11, kind: 'amount', numFmt: '#,##0' },
    { header: `1-${month}月完成`, width: 11, kind: 'amount', numFmt: '#,##0' },
    { header: '本周完成', width: 9.5, kind: 'amount', numFmt: '#,##0' },
    { header: '形象进度', width: 28, kind: 'wide' },
    { header: '存在问题及需协调事项', width: 30, kind: 'wide' },
    { header: '责任领导', width: 9.5, kind: 'center' },
  ];
  setWidths(ws, cols);
  title(ws, 1, cols.length, '金竹镇重点项目进展情况表');
  note(ws, 2, 1, `填报时间：${dateCn}`);
  note(ws, 2, 9, '单位：万元', 'right');
  headerRow(ws, 3, cols);
  let r = 4;
  const subtotalRows: number[] = [];
  const groups = CATEGORIES.map((c) => projects.filter((p) => p.category === c)).filter((g) => g.length > 0);
  const cn = ['一', '二', '三', '四'];
  groups.forEach((g, gi) => {
    sectionRow(ws, r, cols, `${cn[gi]}、${g[0].category}项目`, 1, cols.length);
    r++;
    for (const p of g) {
      dataRow(ws, r, cols, [p.seq, p.name, p.total, p.plan, p.ytd, p.week, p.progress, p.problems, p.leader]);
      if (p.week === 0) ws.getCell(r, 6).value = 0;
      r++;
    }
    dataRow(ws, r, cols, [
      null,
      '小计',
      sum(g.map((p) => p.total)),
      sum(g.map(planOf)),
      sum(g.map((p) => p.ytd)),
      sum(g.map((p) => p.week)),
    ]);
    ws.getCell(r, 2).alignment = { horizontal: 'center', vertical: 'middle' };
    for (let c = 1; c <= cols.length; c++) ws.getCell(r, c).font = { name: FONT, size: 10, bold: true };
    subtotalRows.push(r);
    r += 2; // a blank row between groups
  });
  r--; // no blank row before 总计
  dataRow(ws, r, cols, [null, '总计']);
  ws.getCell(r, 2).alignment = { horizontal: 'center', vertical: 'middle' };
  const totals: [number, number][] = [
    [3, sum(projects.map((p) => p.total))],
    [4, sum(projects.map(planOf))],
    [5, sum(projects.map((p) => p.ytd))],
    [6, sum(projects.map((p) => p.week))],
  ];
  for (const [c, result] of totals) {
    const L = ws.getColumn(c).letter;
    ws.getCell(r, c).value = { formula: subtotalRows.map((x) => `${L}${x}`).join('+'), result };
    ws.getCell(r, c).font = { name: FONT, size: 10, bold: true };
  }
  footer(ws, r + 1, cols.length, `填报人：丁美玲　　项目组长签字：　　　日期：${dateCn}`);
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: 3 }];
  ws.pageSetup.printTitlesRow = '3:3';
  return wb;
}

export async function jinzhu(out: Out): Promise<TownExpect> {
  const town = '金竹镇';
  const grain: Grain = { plan: 10, ytd: 1 };
  const projects = byCategory(realise(town, JINZHU_SPECS, STAFF[town], grain));
  const file = await out.book('金竹镇重点项目进展情况表.xlsx', jinzhuBook(projects, '2015年10月31日', 10));

  // The legacy .xls: an older report (2015-10-17) saved in the old format; real .xls when LibreOffice is present.
  const older = earlier(`${town}-xls`, projects, [0.8, 0.9], grain);
  const xlsName = '金竹镇重点项目(旧格式).xls';
  const xlsNote = await legacyXls(out, xlsName, jinzhuBook(older, '2015年10月17日', 10), D(2015, 10, 17));
  return {
    town,
    status: 'submitted',
    reportDate: AS_OF,
    files: [file],
    otherFiles: [
      {
        file: xlsName,
        // read natively (W_LEGACY_READ; LibreOffice converts only what the native reader declines, W_CONVERTED): an
        // older report of the town, superseded; with --no-convert it is rejected, and an older rejected file is superseded too
        status: 'superseded',
        note: `legacy .xls (${xlsNote}); an older report dated 2015-10-17, read natively (W_LEGACY_READ) and superseded by the town's report of 2015-10-31; never counted`,
      },
    ],
    projects,
    indicators: null,
    notes: [
      'WPS-like: columns 序号, 项目名称, 总投资, 年度计划, 1-10月完成, 本周完成, 形象进度, 存在问题及需协调事项, 责任领导 (no 类别, no 状态).',
      'Section rows 「一、基础设施项目」… merged across A:I; a 小计 row (plain numbers) after each group; a blank row between groups; 总计 row = sum of 小计 cells (formula, cached result).',
      'Date text 「填报时间：2015年10月31日」 in A2.',
    ],
  };
}

export async function legacyXls(out: Out, name: string, wb: ExcelJS.Workbook, mtime: Date): Promise<string> {
  const target = path.join(out.dir, name);
  let soffice: string | null = null;
  try {
    soffice = execFileSync('sh', ['-c', 'command -v soffice || command -v libreoffice'], { encoding: 'utf8' }).trim() || null;
  } catch {
    soffice = null;
  }
  if (soffice) {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'make-sample-'));
    try {
      const src = path.join(tmp, name.replace(/\.xls$/, '.xlsx'));
      await wb.xlsx.writeFile(src);
      const profile = path.join(tmp, 'profile');
      execFileSync(
        soffice,
        [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'xls', '--outdir', tmp, src],
        { stdio: 'ignore', timeout: 180_000 },
      );
      const produced = path.join(tmp, name);
      if (fs.existsSync(produced)) {
        fs.copyFileSync(produced, target);
        fs.utimesSync(target, mtime, mtime);
        out.written.push({ file: name, mtime });
        return 'real BIFF8 .xls converted by LibreOffice';
      }
    } catch {
      /* fall through to the placeholder */
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
  const bytes = Buffer.alloc(4096);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(bytes);
  out.raw(name, bytes, mtime);
  return 'placeholder: OLE2 magic bytes followed by zeros, LibreOffice not available';
}
