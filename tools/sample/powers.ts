/** The delegated powers (扩权强镇事项) registers in their three layouts. */
import ExcelJS from 'exceljs';
import { Col, addSheet, dataRow, footer, headerCell, headerRow, newBook, note, sectionRow, setWidths, title } from './cells';
import { rngFor } from './model';
import { Out, PowerExpect, TownExpect } from './out';

// ───────────────────────────── delegated powers (扩权强镇事项) ─────────────────────────────
// Registers of the powers county departments delegated to the towns, in three layouts, plus one register with planted
// errors (白石镇, a separate file that is sent back while the town's projects are used). The expected counts are the
// generator's own: it counts the lists it wrote.

/** The county's eighteen departments as the county names them, with the long form some towns write. */
export const PW_DEPARTMENTS: { name: string; full: string; objects: string[]; law: string; receiver: string }[] = [
  { name: '县发改局', full: '发展和改革局', objects: ['企业投资项目', '政府投资项目', '固定资产投资项目节能', '价格', '粮食收购', '重点建设项目招标'], law: '《浙江省企业投资项目核准和备案暂行办法》', receiver: '经济发展办公室' },
  { name: '县经信局', full: '经济和信息化局', objects: ['工业企业技术改造项目', '新型墙体材料', '散装水泥', '电力设施保护', '无线电台站', '民用爆炸物品'], law: '《浙江省企业技术改造条例》', receiver: '经济发展办公室' },
  { name: '县民政局', full: '民政局', objects: ['社会团体', '民办非企业单位', '殡葬', '最低生活保障', '临时救助', '地名'], law: '《社会团体登记管理条例》', receiver: '社会事务管理办公室' },
  { name: '县司法局', full: '司法局', objects: ['人民调解', '法律援助', '基层法律服务', '社区矫正', '安置帮教', '法制宣传'], law: '《人民调解法》', receiver: '综合治理办公室' },
  { name: '县人力社保局', full: '人力资源和社会保障局', objects: ['劳动用工', '工资支付', '社会保险登记', '职业介绍', '劳动保障监察', '就业援助'], law: '《劳动保障监察条例》', receiver: '劳动保障服务中心' },
  { name: '县住建局', full: '住房和城乡建设局', objects: ['建筑工程施工', '城镇燃气经营', '商品房预售', '物业服务', '城市道路挖掘', '户外广告设置', '临时建筑', '建筑垃圾处置'], law: '《浙江省城乡规划条例》', receiver: '镇村规划建设办公室' },
  { name: '县交通运输局', full: '交通运输局', objects: ['公路路政', '道路运输经营', '农村客运', '公路超限运输', '出租汽车经营', '水路运输'], law: '《公路安全保护条例》', receiver: '镇村规划建设办公室' },
  { name: '县国土资源局', full: '国土资源局', objects: ['农村村民宅基地', '临时用地', '土地复垦', '矿产资源开采', '地质灾害防治', '土地登记', '非法占用土地'], law: '《浙江省实施〈土地管理法〉办法》', receiver: '土地储备中心' },
  { name: '县水利局', full: '水利局', objects: ['河道管理范围内建设项目', '取水', '水土保持方案', '河道采砂', '农村饮用水工程', '小型水利工程'], law: '《浙江省河道管理条例》', receiver: '农业农村办公室' },
  { name: '县农业局', full: '农业局', objects: ['农药经营', '兽药经营', '动物防疫条件', '农机安全', '种子经营', '农村土地承包经营权流转'], law: '《农药管理条例》', receiver: '农业农村办公室' },
  { name: '县商务局', full: '商务局', objects: ['成品油零售', '酒类商品批发', '再生资源回收', '单用途商业预付卡', '商品交易市场', '生猪屠宰'], law: '《浙江省酒类商品经营管理办法》', receiver: '经济发展办公室' },
  { name: '县文广新局', full: '文化广电新闻出版局', objects: ['网吧经营', '娱乐场所经营', '出版物零售', '文物保护', '广播电视设施', '营业性演出'], law: '《娱乐场所管理条例》', receiver: '社会事务管理办公室' },
  { name: '县计生局', full: '人口和计划生育局', objects: ['生育服务证', '计划生育奖励扶助', '社会抚养费', '流动人口婚育证明', '再生育', '独生子女父母光荣证'], law: '《浙江省人口与计划生育条例》', receiver: '社会事务管理办公室' },
  { name: '县环保局', full: '环境保护局', objects: ['建设项目环境影响评价', '排污', '畜禽养殖污染', '环境噪声', '饮用水源保护区', '危险废物'], law: '《浙江省建设项目环境保护管理办法》', receiver: '综合执法中心' },
  { name: '县林业局', full: '林业局', objects: ['林木采伐', '木材运输', '林地占用', '野生动物保护', '森林防火', '林权登记'], law: '《浙江省森林管理条例》', receiver: '农业农村办公室' },
  { name: '县安监局', full: '安全生产监督管理局', objects: ['烟花爆竹零售经营', '危险化学品经营', '生产经营单位安全生产', '非煤矿山', '安全事故调查', '职业卫生'], law: '《浙江省安全生产条例》', receiver: '综合执法中心' },
  { name: '县工商局', full: '工商行政管理局', objects: ['个体工商户登记', '农民专业合作社登记', '无照经营', '商标', '合同', '消费者权益保护', '食品流通'], law: '《个体工商户条例》', receiver: '行政审批服务分中心' },
  { name: '县公安局', full: '公安局', objects: ['暂住证', '户口迁移', '犬类管理', '治安', '消防安全', '出租房屋'], law: '《浙江省流动人口居住登记条例》', receiver: '行政审批服务分中心' },
];
export const PW_WAYS = ['授权', '委托', '交办', '延伸机构', '干部兼职', '综合执法'] as const;
export const PW_STATUSES = ['已承接', '部分承接', '未承接', '待批准'] as const;
/** The forms a power takes, by its type, most common first. */
export const PW_FORMS: [string, (o: string) => string][] = [
  ['行政许可', (o) => `${o}许可`],
  ['行政处罚', (o) => `对${o}违法行为的处罚`],
  ['其他', (o) => `${o}的监督检查`],
  ['行政强制', (o) => `对${o}违法行为的查封扣押`],
  ['行政确认', (o) => `${o}的确认登记`],
  ['行政给付', (o) => `${o}补助发放`],
  ['行政征收', (o) => `${o}相关费用征收`],
];

export interface Power {
  department: string; // canonical (PW_DEPARTMENTS[].name)
  name: string;
  type: string;
  way: (typeof PW_WAYS)[number];
  basis: string;
  receiver: string;
  status: (typeof PW_STATUSES)[number];
  start: string | null; // YYYY-MM-DD
}

/** A town's register: `counts[i]` powers of department i, with ways, statuses and dates drawn from the town's PRNG. */
export function powersOf(town: string, counts: number[]): Power[] {
  const rng = rngFor(`powers:${town}`);
  const out: Power[] = [];
  counts.forEach((k, di) => {
    const d = PW_DEPARTMENTS[di];
    for (let i = 0; i < k; i++) {
      const [type, form] = PW_FORMS[Math.floor(i / d.objects.length)];
      const x = rng();
      const way: Power['way'] =
        type === '行政处罚' || type === '行政强制' ? (x < 0.75 ? '综合执法' : '委托')
        : x < 0.45 ? '委托' : x < 0.62 ? '授权' : x < 0.78 ? '交办' : x < 0.9 ? '延伸机构' : '干部兼职';
      const y = rng();
      const status: Power['status'] = y < 0.5 ? '已承接' : y < 0.65 ? '部分承接' : y < 0.75 ? '未承接' : '待批准';
      const month = 3 + Math.floor(rng() * 7);
      const day = 1 + Math.floor(rng() * 28);
      out.push({
        department: d.name, name: form(d.objects[i % d.objects.length]), type, way, status,
        basis: `${d.law}第${1 + Math.floor(rng() * 40)}条`, receiver: way === '综合执法' ? '综合执法中心' : d.receiver,
        start: status === '已承接' || status === '部分承接' ? `2015-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` : null,
      });
    }
  });
  return out;
}

/** 云峰镇 (the seed town): 143 powers from the 18 departments (domain.md). */
export const YUNFENG_POWER_COUNTS = [8, 6, 7, 4, 9, 18, 8, 13, 7, 9, 4, 6, 7, 8, 7, 8, 10, 4];

export function countsFor(town: string, departments: number): number[] {
  const rng = rngFor(`power-counts:${town}`);
  return PW_DEPARTMENTS.map((_, i) => (i < departments ? 1 + Math.floor(rng() * 6) : 0));
}

export const isoToDate = (s: string): Date => new Date(Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10))));
export const cnDate = (s: string): string => `${Number(s.slice(0, 4))}年${Number(s.slice(5, 7))}月${Number(s.slice(8, 10))}日`;

export const PW_COLS: Col[] = [
  { header: '序号', width: 6, kind: 'int' },
  { header: '原实施部门', width: 14, kind: 'center' },
  { header: '事项名称', width: 34, kind: 'text' },
  { header: '权力类型', width: 10, kind: 'center' },
  { header: '下放方式', width: 10, kind: 'center' },
  { header: '法律依据', width: 34, kind: 'text' },
  { header: '承接机构', width: 18, kind: 'center' },
  { header: '承接状态', width: 10, kind: 'center' },
  { header: '启用日期', width: 12, kind: 'center' },
];

/** Layout A: one header row with the template's headers, the department on every row, dates as date cells; 合计 row. */
export function writePowersCanonical(ws: ExcelJS.Worksheet, town: string, list: Power[], who: string): number[] {
  setWidths(ws, PW_COLS);
  title(ws, 1, PW_COLS.length, `${town}扩权强镇事项承接情况登记表（截至2015年10月31日）`);
  note(ws, 2, 1, `填报单位：${town}`);
  headerRow(ws, 3, PW_COLS);
  const rows: number[] = [];
  list.forEach((p, i) => {
    const r = 4 + i;
    dataRow(ws, r, PW_COLS, [i + 1, p.department, p.name, p.type, p.way, p.basis, p.receiver, p.status, p.start ? isoToDate(p.start) : null]);
    if (p.start) ws.getCell(r, 9).numFmt = 'yyyy-mm-dd';
    rows.push(r);
  });
  const tr = 4 + list.length;
  dataRow(ws, tr, PW_COLS, ['合计', null, `${list.length}项`]);
  footer(ws, tr + 1, PW_COLS.length, `填报人：${who}　　分管领导签字：　　　日期：2015年10月31日`);
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  return rows;
}

/**
 * Layout B: grouped under department headings 「一、县发改局（8项）」 (no department column), two header rows with
 * 「下放情况」 merged over 放权方式｜承接单位, synonyms (事项类型, 落实情况, 实施时间), dates as text 「2015年9月1日」, the
 * statuses as the town words them (已落实, 待审批, 尚未承接, 部分落实).
 */
export function writePowersGrouped(ws: ExcelJS.Worksheet, town: string, list: Power[], who: string): void {
  const cols: Col[] = [
    { header: '序号', width: 6, kind: 'int' },
    { header: '事项名称', width: 34, kind: 'text' },
    { header: '事项类型', width: 10, kind: 'center' },
    { header: '放权方式', width: 10, kind: 'center' },
    { header: '承接单位', width: 18, kind: 'center' },
    { header: '落实情况', width: 10, kind: 'center' },
    { header: '实施时间', width: 14, kind: 'center' },
  ];
  const STATUS_WORDS: Record<Power['status'], string> = { 已承接: '已落实', 部分承接: '部分落实', 未承接: '尚未承接', 待批准: '待审批' };
  setWidths(ws, cols);
  title(ws, 1, cols.length, `${town}扩权强镇事项清单`);
  note(ws, 2, 1, `填报单位：${town}`);
  note(ws, 2, 6, '截至2015年10月31日', 'right');
  for (const [i, c] of cols.entries()) headerCell(ws.getCell(3, i + 1), i === 3 || i === 4 ? '下放情况' : c.header);
  for (const [i, c] of cols.entries()) headerCell(ws.getCell(4, i + 1), c.header);
  ws.mergeCells(3, 4, 3, 5);
  for (const c of [1, 2, 3, 6, 7]) ws.mergeCells(3, c, 4, c);
  let r = 5;
  const numerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八'];
  let g = 0;
  for (const d of PW_DEPARTMENTS) {
    const ps = list.filter((p) => p.department === d.name);
    if (!ps.length) continue;
    sectionRow(ws, r++, cols, `${numerals[g++]}、${d.name}（${ps.length}项）`, 1, cols.length);
    ps.forEach((p, i) => dataRow(ws, r++, cols, [i + 1, p.name, p.type, p.way, p.receiver, STATUS_WORDS[p.status], p.start ? cnDate(p.start) : null]));
  }
  footer(ws, r, cols.length, `填报人：${who}　　审核：　　　　日期：2015.10.31`);
}

/**
 * Layout C: the department merged down over its powers and written in its long form (「发展和改革局」), other synonyms
 * (实施部门, 权力事项名称, 权力类别, 下放形式, 设定依据, 承接科室, 承接情况, 启用时间), the ways as written in the county's
 * document (委托实施, 综合执法试点, 设立延伸机构), dates as serial numbers without a date format.
 */
export function writePowersMerged(ws: ExcelJS.Worksheet, town: string, list: Power[], who: string): void {
  const cols: Col[] = [
    { header: '实施部门', width: 16, kind: 'center' },
    { header: '权力事项名称', width: 34, kind: 'text' },
    { header: '权力类别', width: 10, kind: 'center' },
    { header: '下放形式', width: 12, kind: 'center' },
    { header: '设定依据', width: 30, kind: 'text' },
    { header: '承接科室', width: 18, kind: 'center' },
    { header: '承接情况', width: 10, kind: 'center' },
    { header: '启用时间', width: 10, kind: 'int' },
  ];
  const WAY_WORDS: Record<Power['way'], string> = { 授权: '授权', 委托: '委托实施', 交办: '交办', 延伸机构: '设立延伸机构', 干部兼职: '干部兼职', 综合执法: '综合执法试点' };
  const serial = (s: string) => Math.round((isoToDate(s).getTime() - Date.UTC(1899, 11, 30)) / 86400000);
  setWidths(ws, cols);
  title(ws, 1, cols.length, `${town}扩权强镇事项承接情况表（截至2015年10月31日）`);
  headerRow(ws, 2, cols);
  let r = 3;
  for (const d of PW_DEPARTMENTS) {
    const ps = list.filter((p) => p.department === d.name);
    if (!ps.length) continue;
    const top = r;
    for (const [i, p] of ps.entries()) {
      dataRow(ws, r++, cols, [i === 0 ? d.full : null, p.name, p.type, WAY_WORDS[p.way], p.basis, p.receiver, p.status, p.start ? serial(p.start) : null]);
    }
    if (r - 1 > top) ws.mergeCells(top, 1, r - 1, 1);
  }
  footer(ws, r, cols.length, `填报人：${who}　　分管领导签字：`);
}

export function powerExpect(list: Power[]): PowerExpect {
  const tally = (keys: readonly string[], key: (p: Power) => string) =>
    Object.fromEntries(keys.map((k) => [k, list.filter((p) => key(p) === k).length]));
  return {
    count: list.length,
    byWay: tally(PW_WAYS, (p) => p.way),
    byStatus: tally(PW_STATUSES, (p) => p.status),
    byDepartment: tally(PW_DEPARTMENTS.map((d) => d.name), (p) => p.department),
  };
}

/** Registers written inside a town's own workbook (by its writer), by town. */
export const POWERS_IN_WORKBOOK = new Map<string, { list: Power[]; note: string }>();

/** 桃花镇 keeps its register as a third sheet 「扩权事项」 of its workbook (layout A). */
export function taohuaPowersSheet(wb: ExcelJS.Workbook): void {
  const town = '桃花镇';
  const list = powersOf(town, countsFor(town, 14));
  writePowersCanonical(addSheet(wb, '扩权事项'), town, list, '冯建英');
  POWERS_IN_WORKBOOK.set(town, { list, note: 'Sheet 「扩权事项」: the powers register, layout A (template headers, department on every row, 合计 row).' });
}

/** Adds the registers to the towns (separate files, and those written inside a workbook) and the planted errors. */
export async function addPowers(out: Out, towns: TownExpect[]): Promise<void> {
  const byName = new Map(towns.map((t) => [t.town, t]));
  const separate: [string, string, 'A' | 'B' | 'C', number[], string][] = [
    ['云峰镇', '云峰镇扩权强镇事项承接情况登记表.xlsx', 'A', YUNFENG_POWER_COUNTS, '张丽萍'],
    ['壶源镇', '壶源镇扩权强镇事项清单.xlsx', 'B', countsFor('壶源镇', 16), '何建平'],
    ['东溪镇', '东溪镇扩权事项.xlsx', 'B', countsFor('东溪镇', 12), '陈晓燕'],
    ['南岭镇', '南岭镇扩权强镇事项承接情况表.xlsx', 'C', countsFor('南岭镇', 18), '林志强'],
    ['新塘镇', '新塘镇扩权强镇事项承接情况表.xlsx', 'C', countsFor('新塘镇', 10), '吴静'],
    ['清溪镇', '清溪镇/清溪镇扩权强镇事项登记表.xlsx', 'A', countsFor('清溪镇', 15), '傅丽娟'],
  ];
  const LAYOUT_NOTE = {
    A: 'layout A (template headers, department on every row, dates as date cells, 合计 row)',
    B: 'layout B (department headings 「一、县发改局（N项）」, two header rows with 「下放情况」 merged over 放权方式｜承接单位, synonyms, statuses as 已落实/待审批…, dates as text)',
    C: 'layout C (department merged down in its long form, synonyms, ways as 委托实施/综合执法试点…, dates as serial numbers)',
  };
  for (const [town, rel, layout, counts, who] of separate) {
    const t = byName.get(town)!;
    const list = powersOf(town, counts);
    const wb = newBook();
    const ws = addSheet(wb, '扩权事项');
    if (layout === 'A') writePowersCanonical(ws, town, list, who);
    else if (layout === 'B') writePowersGrouped(ws, town, list, who);
    else writePowersMerged(ws, town, list, who);
    const file = await out.book(rel, wb);
    t.files.push(file);
    t.powers = powerExpect(list);
    t.notes.push(`Powers register in a separate file ${file}: ${list.length} powers, ${LAYOUT_NOTE[layout]}.`);
  }
  for (const [town, w] of POWERS_IN_WORKBOOK) {
    const t = byName.get(town)!;
    t.powers = powerExpect(w.list);
    t.notes.push(w.note);
  }
  // 白石镇: a register with four planted errors; the file is sent back, the town's projects are still used
  const town = '白石镇';
  const list = powersOf(town, [3, 2, 2, 2, 2, 1]);
  const wb = newBook();
  const ws = addSheet(wb, '扩权事项');
  const rows = writePowersCanonical(ws, town, list, '郑海波');
  const errors: { sheet: string; cell: string; problem: string }[] = [];
  ws.getCell(rows[2], 2).value = '县教育局';
  errors.push({ sheet: '扩权事项', cell: `B${rows[2]}`, problem: '原实施部门 县教育局 is not one of the county\'s 18 departments' });
  ws.getCell(rows[4], 5).value = '下放';
  errors.push({ sheet: '扩权事项', cell: `E${rows[4]}`, problem: '下放方式 「下放」 is not one of the six ways' });
  ws.getCell(rows[7], 2).value = list[6].department;
  ws.getCell(rows[7], 3).value = list[6].name;
  errors.push({ sheet: '扩权事项', cell: `C${rows[7]}`, problem: `「${list[6].name}」 twice in ${list[6].department} (also row ${rows[6]})` });
  ws.getCell(rows[9], 9).value = '待定';
  errors.push({ sheet: '扩权事项', cell: `I${rows[9]}`, problem: '启用日期 is the text 「待定」' });
  const file = await out.book('白石镇扩权强镇事项登记表.xlsx', wb);
  const t = byName.get(town)!;
  t.otherFiles.push({ file, status: 'rejected', note: 'powers register with planted errors (powerErrors); the town\'s projects report is still used' });
  t.powers = null;
  t.powerErrors = errors;
  t.notes.push(`Powers register ${file} (layout A) with four planted errors: sent back; 白石镇 stays submitted with its projects, without powers.`);
}
