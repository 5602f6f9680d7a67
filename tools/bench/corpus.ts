/**
 * Benchmark corpus: N towns' weekly workbooks in the layouts towns really send (see tools/sample/make-sample.ts for the
 * hand-made originals), deterministic for a given N and seed. Each town has 30–60 projects and 30 indicators, in
 * one of four layouts:
 *  A. projects workbook (title with the town, 填报单位/报表日期 line with 单位：万元, two header rows with the merged
 *     「投资完成情况」 group, category heading rows 「一、基础设施项目」, 合计 row with SUM formulas) + a separate
 *     indicators workbook;
 *  B. the same tables as two sheets of one workbook;
 *  C. one header row, other column order, amounts in 万元 from the header, 「一」 in 序号 and 「工业项目」 in the
 *     name column as category headings + a separate indicators workbook;
 *  D. title without the town, 「填报单位：X镇（盖章）」, two header rows grouped 「投资情况（万元）」, indicators in a
 *     second sheet with two header rows.
 * The folder is cached under the temp dir by N and seed; `manifest.json` is written last and marks it complete.
 */
import ExcelJS from 'exceljs';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { INDICATOR_CATALOG, PROJECT_CATEGORIES } from '../../core';
import { mulberry32 } from '../lib/prng';

export const GEN_VERSION = 1;
export const AS_OF = '2015-10-31';

export interface Corpus {
  dir: string;
  folder: string;
  roster: string;
  towns: number;
  files: number;
  projects: number;
  indicators: number;
  bytes: number;
}

type Rng = () => number;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length) % xs.length];
const between = (rng: Rng, lo: number, hi: number): number => lo + (hi - lo) * rng();
const int = (rng: Rng, lo: number, hi: number): number => Math.floor(between(rng, lo, hi + 1));
const r2 = (x: number): number => Math.round(x * 100) / 100;

// characters that cannot be mistaken for a header, a note or a unit word
const SYLLABLES = [...'青云峰溪石桥龙凤松柏梅兰竹菊金玉泉山河湖塘田林花桃李杨柳安宁丰华兴福永清白黄双长乐康泰源岭洲坪湾浦港'];

/** N unique two-syllable town names with 镇 (mostly) or 乡, shuffled by the seed. */
export function townNames(n: number, seed: number): string[] {
  const rng = mulberry32(seed ^ 0x5eed);
  const pairs: string[] = [];
  for (const a of SYLLABLES) for (const b of SYLLABLES) if (a !== b) pairs.push(a + b);
  if (n > pairs.length) throw new Error(`at most ${pairs.length} towns`);
  for (let i = pairs.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [pairs[i], pairs[j]] = [pairs[j], pairs[i]];
  }
  return pairs.slice(0, n).map((p) => p + (rng() < 0.85 ? '镇' : '乡'));
}

const CATS = PROJECT_CATEGORIES.slice(0, 4); // 基础设施 产业发展 社会事业 生态环境
const CAT_HEAD: Record<string, string> = { 基础设施: '基础设施项目', 产业发展: '工业项目', 社会事业: '社会事业项目', 生态环境: '生态环境项目' };
const NUMERALS = ['一', '二', '三', '四'];
const PLACES = ['城东', '城西', '城南', '城北', '中心', '滨河', '工业园', '老街', '新区', '南山', '北岸', '东湖'];
const WORKS: Record<string, string[]> = {
  基础设施: ['道路改造工程', '污水管网工程', '供水管网改造', '桥梁新建工程', '停车场建设', '公交站场建设'],
  产业发展: ['标准厂房建设', '农产品加工园', '物流中心建设', '电商产业园', '乡村旅游综合体', '商贸综合体'],
  社会事业: ['中心小学扩建', '卫生院迁建', '文化中心建设', '养老服务中心', '幼儿园新建', '体育公园建设'],
  生态环境: ['河道综合整治', '垃圾中转站建设', '生态公园建设', '矿山复绿工程', '绿道建设工程', '农村污水治理'],
};
const PROGRESS = ['主体工程施工中', '完成基础施工', '正在进行管线铺设', '完成总工程量的60%', '正在办理竣工验收', '完成可研批复，准备招标'];
const WEEK = ['完成路基填筑200米', '完成二层结构浇筑', '管道铺设300米', '完成设备安装调试', '完成招标公告发布'];
const NEXT = ['继续推进主体施工', '完成水稳层摊铺', '开展竣工验收', '启动二期工程', '完成室内装修'];
const PROBLEMS = ['', '', '', '政策处理难度大', '资金到位滞后', '用地指标紧张', ''];
const LEADERS = ['张建国', '李卫东', '王秀英', '陈志强', '刘海燕', '赵立新', '周明华', '吴晓峰'];

interface Project {
  name: string;
  category: string;
  scope: string;
  period: string;
  total: number;
  plan: number;
  week: number;
  ytd: number;
  progress: string;
  weekProgress: string;
  nextPlan: string;
  problems: string;
  leader: string;
  unit: string;
  status: string;
}

function projectsFor(rng: Rng, town: string): Project[] {
  const n = int(rng, 30, 60);
  const seen = new Set<string>();
  const out: Project[] = [];
  for (let i = 0; i < n; i++) {
    const category = CATS[Math.floor(rng() * CATS.length)];
    let name = `${town.slice(0, 2)}${pick(rng, PLACES)}${pick(rng, WORKS[category])}`;
    for (let k = 2; seen.has(name); k++) name = `${name.replace(/（\d+期）$/, '')}（${k}期）`;
    seen.add(name);
    const total = Math.round(between(rng, 500, 30000));
    const plan = Math.round(total * between(rng, 0.2, 0.6));
    const ytd = Math.round(plan * between(rng, 0.5, 0.99));
    const week = Math.round(ytd * between(rng, 0.01, 0.05));
    out.push({
      name,
      category,
      scope: `建设${pick(rng, ['道路', '厂房', '管网', '校舍', '绿地'])}${int(rng, 2, 90) * 100}平方米及配套设施`,
      period: `${int(rng, 2013, 2015)}-${int(rng, 2016, 2018)}`,
      total,
      plan,
      week,
      ytd,
      progress: pick(rng, PROGRESS),
      weekProgress: pick(rng, WEEK),
      nextPlan: pick(rng, NEXT),
      problems: pick(rng, PROBLEMS),
      leader: pick(rng, LEADERS),
      unit: `${town}${pick(rng, ['城建办', '经发办', '社会事务办', '农业办'])}`,
      status: ytd >= plan ? '竣工' : '在建',
    });
  }
  // grouped by category, numbered within the file
  return CATS.flatMap((c) => out.filter((p) => p.category === c));
}

interface Ind {
  name: string;
  unit: string;
  target: number;
  actual: number;
  yoy: number | null;
}

function indicatorsFor(rng: Rng): Ind[] {
  const list: Ind[] = INDICATOR_CATALOG.map((e) => {
    const [lo, hi] = e.range ?? [1, 1000];
    const span = e.unit === '%' ? [30, 90] : [lo * 4, Math.min(hi / 20, lo * 400)];
    const target = r2(between(rng, span[0], span[1]));
    return { name: e.name, unit: e.unit, target, actual: r2(target * between(rng, 0.6, 0.98)), yoy: e.additive ? r2(between(rng, -3, 18)) : null };
  });
  list.push({ name: '美丽乡村精品村创建', unit: '个', target: 4, actual: int(rng, 1, 4), yoy: null });
  list.push({ name: '农村生活污水治理村数', unit: '个', target: 12, actual: int(rng, 5, 12), yoy: null });
  return list.slice(0, 30);
}

// ───────────────────────────── writing ─────────────────────────────

const FONT = '宋体';
const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const HEAD_STYLE: Partial<ExcelJS.Style> = {
  font: { name: FONT, size: 10, bold: true },
  alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } },
  border: BORDER,
};
const TEXT_STYLE: Partial<ExcelJS.Style> = { font: { name: FONT, size: 10 }, alignment: { vertical: 'middle', wrapText: true }, border: BORDER };
const NUM_STYLE: Partial<ExcelJS.Style> = { font: { name: FONT, size: 10 }, alignment: { horizontal: 'right' }, border: BORDER, numFmt: '#,##0' };
const FIXED_DATE = new Date(Date.UTC(2015, 9, 31, 9, 30, 0));

function newBook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Administrator';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  return wb;
}

function titleRow(ws: ExcelJS.Worksheet, lastCol: number, text: string): void {
  ws.mergeCells(1, 1, 1, lastCol);
  const c = ws.getCell(1, 1);
  c.value = text;
  c.font = { name: FONT, size: 16, bold: true };
  c.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
}

function put(ws: ExcelJS.Worksheet, r: number, c: number, v: ExcelJS.CellValue, style: Partial<ExcelJS.Style> = TEXT_STYLE): void {
  const cell = ws.getCell(r, c);
  if (v !== null && v !== '') cell.value = v;
  cell.style = style;
}

type Field = keyof Project | 'seq' | 'pct';
interface PCol {
  header: string;
  field: Field;
  width: number;
}

const COLS_STD: PCol[] = [
  { header: '序号', field: 'seq', width: 6 },
  { header: '项目名称', field: 'name', width: 26 },
  { header: '项目类别', field: 'category', width: 9 },
  { header: '建设内容及规模', field: 'scope', width: 30 },
  { header: '建设起止年限', field: 'period', width: 10 },
  { header: '总投资', field: 'total', width: 11 },
  { header: '2015年计划投资', field: 'plan', width: 11 },
  { header: '本周完成', field: 'week', width: 9 },
  { header: '1-10月累计', field: 'ytd', width: 11 },
  { header: '占年度计划%', field: 'pct', width: 9 },
  { header: '形象进度', field: 'progress', width: 22 },
  { header: '本周进展', field: 'weekProgress', width: 20 },
  { header: '下周计划', field: 'nextPlan', width: 20 },
  { header: '存在问题', field: 'problems', width: 22 },
  { header: '项目组长', field: 'leader', width: 8 },
  { header: '责任单位', field: 'unit', width: 14 },
  { header: '状态', field: 'status', width: 6 },
];
const COLS_C: PCol[] = [
  { header: '序号', field: 'seq', width: 6 },
  { header: '项目名称', field: 'name', width: 26 },
  { header: '责任单位', field: 'unit', width: 14 },
  { header: '项目组长', field: 'leader', width: 8 },
  { header: '项目类别', field: 'category', width: 9 },
  { header: '总投资（万元）', field: 'total', width: 11 },
  { header: '年度计划投资（万元）', field: 'plan', width: 11 },
  { header: '本周完成投资（万元）', field: 'week', width: 9 },
  { header: '1-10月累计完成投资（万元）', field: 'ytd', width: 11 },
  { header: '形象进度', field: 'progress', width: 22 },
  { header: '存在问题', field: 'problems', width: 22 },
  { header: '下周计划', field: 'nextPlan', width: 20 },
  { header: '状态', field: 'status', width: 6 },
  { header: '建设内容及规模', field: 'scope', width: 30 },
];
const AMOUNT: Field[] = ['total', 'plan', 'week', 'ytd'];

function cellOf(p: Project, f: Field, seq: number): ExcelJS.CellValue {
  if (f === 'seq') return seq;
  if (f === 'pct') return p.plan > 0 ? Math.round((p.ytd / p.plan) * 1000) / 10 : null;
  return p[f];
}

/** The projects sheet; `group` = two header rows with that group title over the four amount columns (which must
 * be adjacent), null = one header row. `totalFirst` puts the 合计 row right under the header. */
function projectSheet(ws: ExcelJS.Worksheet, ps: Project[], cols: PCol[], o: { title: string; line2: [number, string][]; group: string | null; totalFirst?: boolean; seqSections?: boolean; footer: string }): void {
  cols.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
  titleRow(ws, cols.length, o.title);
  for (const [c, text] of o.line2) put(ws, 2, c, text, { font: { name: FONT, size: 10 } });
  let r = 3;
  if (o.group) {
    const g = cols.map((c) => AMOUNT.includes(c.field));
    const first = g.indexOf(true) + 1;
    const last = g.lastIndexOf(true) + 1;
    cols.forEach((c, i) => {
      if (g[i]) {
        put(ws, 4, i + 1, c.header, HEAD_STYLE);
        return;
      }
      ws.mergeCells(3, i + 1, 4, i + 1);
      put(ws, 3, i + 1, c.header, HEAD_STYLE);
    });
    ws.mergeCells(3, first, 3, last);
    put(ws, 3, first, o.group, HEAD_STYLE);
    r = 5;
  } else {
    cols.forEach((c, i) => put(ws, 3, i + 1, c.header, HEAD_STYLE));
    r = 4;
  }
  const firstData = o.totalFirst ? r + 1 : r;
  const rowsNeeded = ps.length + new Set(ps.map((p) => p.category)).size;
  const lastData = firstData + rowsNeeded - 1;
  const totalRow = (at: number) => {
    const nameCol = cols.findIndex((c) => c.field === 'name') + 1;
    put(ws, at, nameCol, '合计', { ...TEXT_STYLE, font: { name: FONT, size: 10, bold: true } });
    cols.forEach((c, i) => {
      if (!AMOUNT.includes(c.field)) return;
      const L = ws.getColumn(i + 1).letter;
      const result = ps.reduce((s, p) => s + (p[c.field as keyof Project] as number), 0);
      put(ws, at, i + 1, { formula: `SUM(${L}${firstData}:${L}${lastData})`, result }, NUM_STYLE);
    });
  };
  if (o.totalFirst) totalRow(r++);
  let current = '';
  let sec = 0;
  let seq = 0;
  for (const p of ps) {
    if (p.category !== current) {
      current = p.category;
      const head = `${NUMERALS[sec++]}、${CAT_HEAD[current]}`;
      if (o.seqSections) {
        put(ws, r, 1, NUMERALS[sec - 1]);
        put(ws, r, 2, CAT_HEAD[current]);
      } else {
        ws.mergeCells(r, 1, r, Math.min(5, cols.length));
        put(ws, r, 1, head, { ...TEXT_STYLE, font: { name: FONT, size: 10, bold: true } });
      }
      r++;
    }
    seq++;
    cols.forEach((c, i) => put(ws, r, i + 1, cellOf(p, c.field, seq), AMOUNT.includes(c.field) || c.field === 'pct' ? NUM_STYLE : TEXT_STYLE));
    r++;
  }
  if (!o.totalFirst) totalRow(r++);
  ws.mergeCells(r, 1, r, cols.length);
  put(ws, r, 1, o.footer, { font: { name: FONT, size: 10 } });
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: o.group ? 4 : 3 }];
}

function indicatorSheet(ws: ExcelJS.Worksheet, inds: Ind[], o: { title: string; line2: [number, string][]; twoRows: boolean }): void {
  const heads = ['序号', '指标名称', '单位', '2015年目标', '1-10月完成', '同比增长%', '完成年度目标%', '备注'];
  [6, 30, 12, 12, 12, 10, 12, 16].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  titleRow(ws, heads.length, o.title);
  for (const [c, text] of o.line2) put(ws, 2, c, text, { font: { name: FONT, size: 10 } });
  let r = 4;
  if (o.twoRows) {
    heads.forEach((h, i) => {
      if (i === 3 || i === 4) return;
      ws.mergeCells(3, i + 1, 4, i + 1);
      put(ws, 3, i + 1, h, HEAD_STYLE);
    });
    ws.mergeCells(3, 4, 3, 5);
    put(ws, 3, 4, '2015年', HEAD_STYLE);
    put(ws, 4, 4, '年度目标', HEAD_STYLE);
    put(ws, 4, 5, '1-10月完成', HEAD_STYLE);
    r = 5;
  } else {
    heads.forEach((h, i) => put(ws, 3, i + 1, h, HEAD_STYLE));
  }
  inds.forEach((x, i) => {
    const vals: ExcelJS.CellValue[] = [i + 1, x.name, x.unit, x.target, x.actual, x.yoy, Math.round((x.actual / x.target) * 1000) / 10, null];
    vals.forEach((v, c) => put(ws, r, c + 1, v, c >= 3 && c <= 6 ? { ...NUM_STYLE, numFmt: '#,##0.00' } : TEXT_STYLE));
    r++;
  });
}

const DATE_CN = '2015年10月31日';

/** Writes one town's files; returns the paths written (relative to the folder). */
async function writeTown(folder: string, town: string, layout: number, rng: Rng): Promise<string[]> {
  const ps = projectsFor(rng, town);
  const inds = indicatorsFor(rng);
  const footer = `填报人：${pick(rng, LEADERS)}　　审核人：　　　联系电话：　　　`;
  const indTitle = `${town}主要指标完成情况表（2015年1-10月）`;
  const out: string[] = [];
  const save = async (wb: ExcelJS.Workbook, name: string) => {
    await wb.xlsx.writeFile(path.join(folder, name));
    out.push(name);
  };
  const wb = newBook();
  const std = { line2: [[1, `填报单位：${town}`], [9, `报表日期：${DATE_CN}`], [16, '单位：万元']] as [number, string][], footer };
  if (layout === 0 || layout === 1) {
    projectSheet(wb.addWorksheet('重点项目'), ps, COLS_STD, { ...std, title: `${town}重点项目推进情况表（截至${DATE_CN}）`, group: '投资完成情况' });
    const iwb = layout === 0 ? newBook() : wb;
    indicatorSheet(iwb.addWorksheet('主要指标'), inds, { title: indTitle, line2: [[1, `填报单位：${town}`], [7, `截至${DATE_CN}`]], twoRows: false });
    if (layout === 0) {
      await save(wb, `${town}重点项目推进情况表.xlsx`);
      await save(iwb, `${town}主要指标.xlsx`);
    } else await save(wb, `${town}重点项目及主要指标.xlsx`);
  } else if (layout === 2) {
    projectSheet(wb.addWorksheet('Sheet1'), ps, COLS_C, {
      title: `${town}2015年重点项目进展情况`,
      line2: [[1, `填报单位：${town}`], [6, `报表日期：${DATE_CN}`]],
      group: null,
      seqSections: true,
      footer,
    });
    const iwb = newBook();
    indicatorSheet(iwb.addWorksheet('Sheet1'), inds, { title: indTitle, line2: [[7, `截至${DATE_CN}`]], twoRows: false });
    await save(wb, `${town}-重点项目周报-20151031.xlsx`);
    await save(iwb, `${town}主要指标完成情况.xlsx`);
  } else {
    projectSheet(wb.addWorksheet('项目进度'), ps, COLS_STD, {
      ...std,
      title: '重点项目建设进度表',
      line2: [[1, `填报单位：${town}（盖章）`], [9, `截至${DATE_CN}`], [16, '单位：万元']],
      group: '投资情况（万元）',
    });
    indicatorSheet(wb.addWorksheet('指标'), inds, { title: indTitle, line2: [[8, '单位：见各行']], twoRows: true });
    await save(wb, `${town}周报.xlsx`);
  }
  return out;
}

/** The corpus for (n, seed): reused when complete, else (re)generated. */
export async function corpus(n: number, seed: number, log: (s: string) => void = () => {}, root = os.tmpdir()): Promise<Corpus> {
  const dir = path.join(root, `xcs-bench-v${GEN_VERSION}-n${n}-s${seed}`);
  const manifest = path.join(dir, 'manifest.json');
  if (fs.existsSync(manifest)) return JSON.parse(fs.readFileSync(manifest, 'utf8')) as Corpus;
  fs.rmSync(dir, { recursive: true, force: true });
  const folder = path.join(dir, 'towns');
  fs.mkdirSync(folder, { recursive: true });
  const names = townNames(n, seed);
  const roster = path.join(dir, 'roster.csv');
  fs.writeFileSync(roster, '\ufeff乡镇名称,别名\r\n' + names.map((t) => `${t},\r\n`).join(''));
  let files = 0;
  let projects = 0;
  const t0 = Date.now();
  for (let i = 0; i < n; i++) {
    const rng = mulberry32((seed * 100003 + i) >>> 0);
    const layout = Math.floor(rng() * 4);
    files += (await writeTown(folder, names[i], layout, rng)).length;
    if ((i + 1) % 100 === 0 || i + 1 === n) log(`生成 ${i + 1}/${n} 个乡镇（${((Date.now() - t0) / 1000).toFixed(0)} s）`);
  }
  // count what was written, from the files' own generator (projects per town are drawn first from each town's rng)
  for (let i = 0; i < n; i++) {
    const rng = mulberry32((seed * 100003 + i) >>> 0);
    rng();
    projects += projectsFor(rng, names[i]).length;
  }
  let bytes = 0;
  for (const f of fs.readdirSync(folder)) bytes += fs.statSync(path.join(folder, f)).size;
  const c: Corpus = { dir, folder, roster, towns: n, files, projects, indicators: n * 30, bytes };
  fs.writeFileSync(manifest, JSON.stringify(c, null, 2));
  return c;
}
