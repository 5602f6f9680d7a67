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
 */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { SourceFile, analysisContext, analyzeSource, consolidate, toJsonReport } from '../../core';
import { readWorkbookBytesInProcess } from '../../io/read/read-workbook';
import { mulberry32 } from '../lib/prng';

// ───────────────────────────── constants ─────────────────────────────

const COUNTY = '青川县';
const AS_OF = '2015-10-31';
const MONTH = 10;
const TIME_PROGRESS = MONTH / 12;
const YELLOW_BELOW = 10; // percentage points below 序时进度 that are still yellow
/** Workbook created/modified and zip entry dates: 2015-10-31 17:30 (+08:00). */
const FIXED_DATE = new Date(Date.UTC(2015, 9, 31, 9, 30, 0));

// Make the zip entries carry a fixed date too, so two runs give the same bytes (best effort: jszip is exceljs's own
// dependency, not ours; if it cannot be reached the output is still the same cell by cell).
try {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- exceljs's own jszip, reached only to fix its date
  const jszip = require('jszip') as { defaults?: { date?: Date | null } };
  if (jszip.defaults) jszip.defaults.date = FIXED_DATE;
} catch {
  /* not reachable: fine */
}

// ───────────────────────────── PRNG ─────────────────────────────

function hashString(s: string): number {
  let h = 2166136261;
  for (const ch of s) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

type Rng = () => number;
const rngFor = (key: string): Rng => mulberry32(hashString(`qingchuan:${key}`));
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length) % xs.length];
const between = (rng: Rng, lo: number, hi: number): number => lo + (hi - lo) * rng();
const roundTo = (x: number, step: number): number => Math.round(x / step) * step;
const r2 = (x: number): number => Math.round(x * 100) / 100;
const r4 = (x: number): number => Math.round(x * 10000) / 10000;

// ───────────────────────────── the model ─────────────────────────────

type Category = '基础设施' | '产业发展' | '社会事业' | '生态环境';
type Status = '前期' | '在建' | '竣工';
type LightPlan = 'g' | 'y' | 'r' | null;
type Light = 'green' | 'yellow' | 'red' | null;

const CATEGORIES: Category[] = ['基础设施', '产业发展', '社会事业', '生态环境'];
const SECTION_TITLES: Record<Category, string> = {
  基础设施: '一、基础设施类',
  产业发展: '二、产业发展类',
  社会事业: '三、社会事业类',
  生态环境: '四、生态环境类',
};

/** What a town planned for a project; the numbers are realised from it with the town's PRNG. */
interface Spec {
  name: string;
  category: Category;
  status: Status;
  /** Intended light; null for 前期 (no plan). */
  light: LightPlan;
  /** 总投资, 万元. */
  total: number;
  scope: string;
  period: string;
  leader?: string;
  unit?: string;
  /** undefined: decided by the PRNG; '' : none. */
  problems?: string;
}

/** One project as the town reports it, amounts in 万元. */
interface Project {
  seq: number;
  name: string;
  category: Category;
  scope: string;
  period: string;
  total: number;
  /** null = left empty (前期). */
  plan: number | null;
  week: number;
  ytd: number;
  progress: string;
  weekProgress: string;
  nextPlan: string;
  problems: string;
  leader: string;
  unit: string;
  status: Status;
}

interface Grain {
  /** Rounding of the annual plan, 万元. */
  plan: number;
  /** Rounding of the year-to-date amount, 万元. */
  ytd: number;
  /** 前期 projects write 0 (not empty) as annual plan. */
  prepZero?: boolean;
}

const PROGRESS_PREP = [
  '完成项目建议书，正在编制可行性研究报告',
  '完成方案设计，正在办理用地预审',
  '正在办理立项及环评审批手续',
  '完成初步设计评审，准备招标',
  '正在进行政策处理及土地报批',
];
const PROGRESS_DONE = ['已完工，正在办理竣工验收', '已竣工验收并投入使用', '主体工程完工，正在进行结算审计'];
/** What kind of works a project is, from its name, to pick believable progress texts. */
type Works = 'road' | 'pipe' | 'river' | 'park' | 'building' | 'housing' | 'factory' | 'tourism' | 'env' | 'generic';
function worksOf(town: string, fullName: string): Works {
  // The town's own name (东溪, 清溪…) must not make a school a river.
  const name = fullName.split(town.replace(/镇$/, '')).join('');
  if (/街景|立面|亮化|路灯|蔬菜|农业园/.test(name)) return 'generic';
  if (/管网|供水|污水|雨污|排水|水厂|管廊|零直排/.test(name)) return 'pipe';
  if (/景区|旅游|古镇|古村|老街|游客/.test(name)) return 'tourism';
  if (/学|校|幼儿园|卫生|医院|敬老院/.test(name)) return 'building';
  if (/公园|绿化|绿道|山体/.test(name)) return 'park';
  if (/路|大道|桥|街|国道|停车场|客运/.test(name)) return 'road';
  if (/河|溪|江|水系|堤防|湿地/.test(name)) return 'river';
  if (/安置|公寓|城中村|新农村/.test(name)) return 'housing';
  if (/厂房|产业园|园区|技改|创业园|加工|企业园|物流/.test(name)) return 'factory';
  if (/垃圾|环卫/.test(name)) return 'env';
  if (/中心|楼|市场|综合体|文化|住房/.test(name)) return 'building';
  return 'generic';
}
const PROGRESS_BUILD: Record<Works, string[]> = {
  road: ['完成路基工程{p}%，路面工程施工中', '完成路基及管线工程，路面完成{p}%', '桥梁桩基完成，道路工程完成{p}%'],
  pipe: ['完成管网铺设{p}%', '完成主管网{p}%，泵站土建施工中', '完成土建工程{p}%，设备采购中'],
  river: ['完成清淤{p}%，堤防砌筑中', '完成堤防{p}%', '完成河道整治{p}%'],
  park: ['完成绿化种植{p}%', '完成土方造型，园路铺装{p}%'],
  building: ['主体结构{f}层结顶', '完成主体工程，正在进行内外装修', '完成基础工程，主体施工至{f}层'],
  housing: ['{n}幢主体结顶，完成工程量{p}%', '完成桩基工程，主体施工至{h}层', '已签约{p}%农户，{n}幢开工'],
  factory: ['厂房{n}幢主体结顶', '完成土地平整，厂房基础施工中', '完成设备安装{p}%', '已有{n}家企业签约入驻，完成工程量{p}%'],
  tourism: ['完成古民居修缮{n}幢', '游客中心主体结顶，游步道完成{p}%', '完成景观工程{p}%'],
  env: ['完成主体工程{p}%', '设备安装调试中'],
  generic: ['完成总工程量的{p}%', '完成工程量约{p}%'],
};
const WEEK_BUILD: Record<Works, string[]> = {
  road: ['完成水稳层摊铺约1.2公里', '完成人行道铺装约800平方米', '完成桥梁桩基4根', '完成路基填筑约6000立方米'],
  pipe: ['铺设污水管道约450米', '完成检查井18座', '完成闭水试验2段', '完成顶管施工约120米'],
  river: ['清淤约3000立方米', '完成堤防砌石约200米', '完成护岸挡墙约150米'],
  park: ['种植乔木约350株', '完成游步道铺装约600米', '完成草皮铺设约4000平方米'],
  building: ['完成第{f}层楼面混凝土浇筑', '外墙保温施工', '完成内墙粉刷约1800平方米', '完成屋面防水施工'],
  housing: ['完成{n}号楼砌体工程', '完成第{h}层楼面混凝土浇筑', '新签约农户{n}户'],
  factory: ['完成厂房钢结构吊装', '完成2台套设备安装调试', '完成场地平整约20亩', '完成招商洽谈2家'],
  tourism: ['完成古民居修缮2幢', '完成游步道铺装约300米', '游客中心屋面施工'],
  env: ['完成设备基础浇筑', '完成围墙施工'],
  generic: ['按计划推进施工', '完成工程量约5%'],
};
const WEEK_PREP = ['完成可研报告专家评审', '上报用地预审材料', '配合环评单位现场踏勘', '完成地形测绘', '与国土部门对接土地报批事宜'];
const WEEK_DONE = ['配合审计单位进行结算审核', '整理竣工验收资料', '完成消防验收', '完成绿化养护移交'];
const NEXT_BUILD: Record<Works, string[]> = {
  road: ['继续推进路面施工', '推进剩余路段政策处理', '加快桥梁下部结构施工'],
  pipe: ['完成管网闭水试验', '继续管道铺设', '推进泵站设备安装'],
  river: ['继续河道清淤', '推进堤防砌筑', '完成护岸施工'],
  park: ['完成绿化补植', '推进园路铺装', '安装健身设施'],
  building: ['加快主体施工进度', '开展室内装修', '完成屋面工程'],
  housing: ['加快主体施工进度', '推进安置房分配方案制定', '继续做好农户签约工作'],
  factory: ['继续厂房主体施工', '开展设备调试', '推进企业入驻洽谈', '完成厂区道路硬化'],
  tourism: ['继续古民居修缮', '推进游客中心装修', '开展景区创建资料整理'],
  env: ['完成设备安装', '开展试运行'],
  generic: ['按计划推进施工', '加快施工进度'],
};
const NEXT_PREP = ['完成立项批复', '办理用地预审', '启动施工招标', '完成初步设计', '完成环评公示'];
const NEXT_DONE = ['完成竣工验收备案', '移交使用单位', '办理工程结算'];
const PROBLEMS = [
  '政策处理难度大，尚有{n}户未签订拆迁协议',
  '用地指标未落实，需县里协调解决',
  '资金缺口约{m}万元，需争取上级补助资金',
  '林地征占用手续尚未批复',
  '电力杆线迁移需供电部门协调',
  '施工单位进场人员不足，进度偏慢',
  '连续阴雨天气影响施工',
  '设计变更待审批',
  '环评审批尚未完成',
  '土地报批进度慢，影响开工',
  '农户宅基地置换意愿不高，签约进度慢',
  'BT回购资金未落实',
];

function fill(rng: Rng, tpl: string, rate = 0.8): string {
  return tpl
    .replace('{p}', String(Math.max(10, Math.min(95, Math.round(rate * between(rng, 55, 80))))))
    .replace('{f}', String(Math.round(between(rng, 2, 5))))
    .replace('{h}', String(Math.round(between(rng, 4, 11))))
    .replace('{n}', String(Math.round(between(rng, 2, 12))))
    .replace('{m}', String(roundTo(between(rng, 300, 2500), 100)));
}

function lightOf(plan: number | null, ytd: number): Light {
  if (plan === null || plan <= 0) return null;
  const c = ytd / plan;
  if (c >= TIME_PROGRESS) return 'green';
  if (c >= TIME_PROGRESS - YELLOW_BELOW / 100) return 'yellow';
  return 'red';
}

const LIGHT_NAME: Record<'g' | 'y' | 'r', Light> = { g: 'green', y: 'yellow', r: 'red' };

interface TownStaff {
  leaders: string[];
  units: Record<Category, string[]>;
}

function realise(town: string, specs: Spec[], staff: TownStaff, grain: Grain): Project[] {
  const rng = rngFor(`projects:${town}`);
  return specs.map((s, i) => {
    let plan: number | null;
    let ytd: number;
    let week: number;
    if (s.status === '前期') {
      plan = grain.prepZero ? 0 : null;
      ytd = rng() < 0.4 ? Math.max(grain.ytd, roundTo(s.total * 0.004, grain.ytd)) : 0;
      week = 0;
    } else if (s.status === '竣工') {
      plan = roundTo(s.total * between(rng, 0.35, 0.7), grain.plan);
      ytd = Math.min(s.total, roundTo(plan * between(rng, 0.97, 1.0), grain.ytd));
      week = 0;
    } else {
      plan = roundTo(s.total * between(rng, 0.18, 0.45), grain.plan);
      const rate =
        s.light === 'g' ? between(rng, 0.86, 1.02) : s.light === 'y' ? between(rng, 0.765, 0.815) : between(rng, 0.25, 0.68);
      ytd = roundTo(plan * rate, grain.ytd);
      week = s.light === 'r' && rng() < 0.3 ? 0 : Math.max(1, Math.round(ytd * between(rng, 0.01, 0.05)));
    }
    const got = lightOf(plan, ytd);
    const want = s.light === null ? null : LIGHT_NAME[s.light];
    if (got !== want) throw new Error(`${town} ${s.name}: light ${got}, intended ${want} (plan ${plan}, ytd ${ytd})`);
    if (!(week <= ytd && ytd <= s.total)) throw new Error(`${town} ${s.name}: week ${week} ytd ${ytd} total ${s.total}`);

    let progress: string;
    let weekProgress: string;
    let nextPlan: string;
    if (s.status === '前期') {
      progress = pick(rng, PROGRESS_PREP);
      weekProgress = pick(rng, WEEK_PREP);
      nextPlan = pick(rng, NEXT_PREP);
    } else if (s.status === '竣工') {
      progress = pick(rng, PROGRESS_DONE);
      weekProgress = pick(rng, WEEK_DONE);
      nextPlan = pick(rng, NEXT_DONE);
    } else {
      const w = worksOf(town, s.name);
      progress = fill(rng, pick(rng, PROGRESS_BUILD[w]), ytd / (plan ?? 1));
      weekProgress = week > 0 ? fill(rng, pick(rng, WEEK_BUILD[w])) : '受政策处理影响，本周无实物工作量';
      nextPlan = pick(rng, NEXT_BUILD[w]);
    }
    let problems: string;
    if (s.problems !== undefined) problems = s.problems;
    else {
      const p = s.light === 'r' ? 0.95 : s.light === 'y' ? 0.45 : s.status === '前期' ? 0.5 : s.status === '竣工' ? 0 : 0.08;
      problems = rng() < p ? fill(rng, pick(rng, PROBLEMS)) : '';
    }
    return {
      seq: i + 1,
      name: s.name,
      category: s.category,
      scope: s.scope,
      period: s.period,
      total: s.total,
      plan,
      week,
      ytd,
      progress,
      weekProgress,
      nextPlan,
      problems,
      leader: s.leader ?? pick(rng, staff.leaders),
      unit: s.unit ?? pick(rng, staff.units[s.category]),
      status: s.status,
    };
  });
}

/** Last month's (or last week's) table of the same projects: smaller year-to-date amounts. */
function earlier(town: string, projects: Project[], share: [number, number], grain: Grain): Project[] {
  const rng = rngFor(`earlier:${town}:${share.join('-')}`);
  return projects.map((p) => {
    if (p.status !== '在建' || p.ytd === 0) return { ...p };
    const ytd = Math.max(0, roundTo(p.ytd * between(rng, share[0], share[1]), grain.ytd));
    const week = Math.min(ytd, Math.max(0, Math.round(ytd * between(rng, 0.01, 0.05))));
    return { ...p, ytd, week, problems: p.problems, weekProgress: fill(rng, pick(rng, WEEK_BUILD[worksOf(town, p.name)])) };
  });
}

/** Last week's report of the same projects: year-to-date was this week's minus this week's work. */
function lastWeek(town: string, projects: Project[]): Project[] {
  const rng = rngFor(`lastweek:${town}`);
  return projects.map((p) => {
    if (p.status !== '在建') return { ...p };
    const ytd = p.ytd - p.week;
    const week = Math.min(ytd, Math.max(0, Math.round(ytd * between(rng, 0.01, 0.04))));
    return { ...p, ytd, week, weekProgress: week > 0 ? fill(rng, pick(rng, WEEK_BUILD[worksOf(town, p.name)])) : p.weekProgress };
  });
}

/** Sort by category in the fixed order and renumber, as section-grouped tables are written. */
function byCategory(ps: Project[]): Project[] {
  const out: Project[] = [];
  for (const c of CATEGORIES) for (const p of ps) if (p.category === c) out.push(p);
  return out.map((p, i) => ({ ...p, seq: i + 1 }));
}

const defaultUnits = (extra: Partial<Record<Category, string[]>> = {}): Record<Category, string[]> => ({
  基础设施: extra.基础设施 ?? ['城建办', '镇村规划建设办公室'],
  产业发展: extra.产业发展 ?? ['经济发展办公室', '工业园区管委会'],
  社会事业: extra.社会事业 ?? ['社会事务管理办公室', '文教办'],
  生态环境: extra.生态环境 ?? ['城建办', '农业农村办公室'],
});

// ───────────────────────────── the towns' projects ─────────────────────────────

type Row = [string, Category, Status, LightPlan, number, string, string];
const specs = (rows: Row[]): Spec[] =>
  rows.map(([name, category, status, light, total, scope, period]) => ({ name, category, status, light, total, scope, period }));

/** 云峰镇, the seed town: its thirty key projects (三十大重点项目) drawn from its work report. */
const YUNFENG_SPECS: Spec[] = [
  { name: '产业转移提升区基础设施一期工程', category: '基础设施', status: '在建', light: 'r', total: 18600, scope: '新建园区道路4.2公里及配套供水、排水、电力管线，平整场地800亩', period: '2013-2016', leader: '陈建国', unit: '产业转移提升区管委会', problems: '政策处理难度大，尚有12处坟墓未迁移、3户厂房未签订拆迁协议' },
  { name: '产业转移提升区综合基础设施（BT）', category: '基础设施', status: '前期', light: null, total: 36000, scope: '提升区拓展至12平方公里，建设道路、桥梁、管网等综合基础设施，采用BT模式建设', period: '2015-2018', leader: '陈建国', unit: '欣达城市建设开发公司', problems: 'BT合作单位尚未确定；用地指标缺口约300亩，需省里单列' },
  { name: '中山街改造及市政配套工程（BT）', category: '基础设施', status: '前期', light: null, total: 12800, scope: '中山街改造1.6公里，拓宽至24米，配套雨污管网、强弱电下地、人行道及绿化', period: '2015-2017', leader: '王立新', unit: '镇村规划建设办公室', problems: '沿街拆迁涉及58户，政策处理方案待县政府审定' },
  { name: '污水处理厂及配套管网工程（BOT）', category: '基础设施', status: '在建', light: 'g', total: 9800, scope: '日处理污水1万吨（一期5000吨），配套截污纳管12公里，BOT模式招商建设', period: '2014-2016', leader: '李晓峰', unit: '城建办', problems: '' },
  { name: '镇区供水管网改造工程', category: '基础设施', status: '在建', light: 'g', total: 2600, scope: '改造镇区老旧供水管网18公里，新建加压泵站1座', period: '2014-2015', leader: '李晓峰', unit: '供排水公司', problems: '' },
  { name: '镇区雨污分流改造工程', category: '基础设施', status: '在建', light: 'y', total: 4500, scope: '老城区雨污分流改造，铺设污水管道9.5公里', period: '2015-2016', leader: '李晓峰', unit: '城建办', problems: '' },
  { name: '环镇北路新建工程', category: '基础设施', status: '在建', light: 'r', total: 7600, scope: '新建城市主干道2.8公里，路幅宽32米，含桥梁1座', period: '2014-2016', leader: '张卫东', unit: '城建办', problems: '涉及林地征占用手续待省林业厅审批，桥梁段无法施工' },
  { name: '云峰大道拓宽改造工程', category: '基础设施', status: '竣工', light: 'g', total: 5200, scope: '拓宽改造云峰大道2.1公里，配套路灯、绿化、人行道', period: '2013-2015', leader: '张卫东', unit: '城建办', problems: '' },
  { name: '农贸市场改造提升工程', category: '基础设施', status: '竣工', light: 'g', total: 1350, scope: '改造农贸市场5200平方米，建设农残检测室及智能化管理系统', period: '2015', leader: '刘红梅', unit: '经济发展办公室', problems: '' },
  { name: '城市街景综合整治工程', category: '基础设施', status: '在建', light: 'y', total: 3800, scope: '按城市街景专项规划整治主要街道沿街立面12万平方米，规范店招店牌', period: '2015-2016', leader: '王立新', unit: '综合行政执法办公室', problems: '' },
  { name: '镇区路灯亮化工程', category: '基础设施', status: '竣工', light: 'g', total: 680, scope: '新装及改造路灯1200盏，主要街道节点亮化', period: '2015', leader: '张卫东', unit: '城建办', problems: '' },
  { name: '机械装备产业园标准厂房一期工程', category: '产业发展', status: '在建', light: 'g', total: 15000, scope: '新建标准厂房12万平方米，引进机械装备企业20家', period: '2014-2016', leader: '周海军', unit: '经济发展办公室', problems: '' },
  { name: '中小企业创业园', category: '产业发展', status: '在建', light: 'r', total: 8500, scope: '建设小微企业创业园厂房6万平方米及配套用房', period: '2015-2016', leader: '周海军', unit: '经济发展办公室', problems: '用地指标未落实，二期60亩无法供地' },
  { name: '云峰机械有限公司年产5万台农用机械技改项目', category: '产业发展', status: '在建', light: 'g', total: 6200, scope: '新增生产线3条及配套设备，新建厂房2.4万平方米', period: '2014-2015', leader: '周海军', unit: '经济发展办公室', problems: '' },
  { name: '云峰商贸综合体', category: '产业发展', status: '在建', light: 'y', total: 22000, scope: '建设商业、酒店、写字楼综合体，总建筑面积11万平方米', period: '2014-2017', leader: '吴志强', unit: '经济发展办公室', problems: '投资企业资金链紧张，施工进度放缓' },
  { name: '现代物流中心', category: '产业发展', status: '前期', light: null, total: 9600, scope: '建设仓储、分拨、配送中心，占地150亩', period: '2016-2018', leader: '吴志强', unit: '经济发展办公室', problems: '土地利用总体规划需调整，用地预审未通过' },
  { name: '生态文化旅游区游客服务中心', category: '产业发展', status: '在建', light: 'r', total: 2400, scope: '按旅游专项规划建设游客服务中心3200平方米、生态停车场及旅游标识系统', period: '2015-2016', leader: '郑国平', unit: '社会事务管理办公室', problems: '' },
  { name: '元古村古村落保护与旅游开发', category: '产业发展', status: '在建', light: 'g', total: 3200, scope: '修缮古民居32幢，建设游步道、民宿集聚区', period: '2014-2016', leader: '郑国平', unit: '农业农村办公室', problems: '' },
  { name: '高山蔬菜精品农业园区', category: '产业发展', status: '在建', light: 'y', total: 1800, scope: '建设高山蔬菜基地2000亩、冷链仓储及农产品交易中心', period: '2014-2016', leader: '郑国平', unit: '农业农村办公室', problems: '' },
  { name: '行政审批服务中心分中心及综合服务中心大楼装修工程', category: '社会事业', status: '竣工', light: 'g', total: 1500, scope: '大楼装修总建筑面积6000平方米，含审批服务大厅、综合服务中心及配套设施', period: '2015', leader: '何美华', unit: '行政审批服务管理办公室', problems: '' },
  { name: '综合执法中心用房改造工程', category: '社会事业', status: '前期', light: null, total: 260, scope: '改造综合执法中心用房600平方米，配置执法车辆及设备', period: '2015-2016', leader: '何美华', unit: '综合行政执法办公室', problems: '县综合执法局尚未成立，组建方案待省编办批准' },
  { name: '云峰镇中心小学迁建工程', category: '社会事业', status: '在建', light: 'r', total: 8800, scope: '新建36班小学，建筑面积2.6万平方米，含风雨操场', period: '2014-2016', leader: '刘红梅', unit: '社会事务管理办公室', problems: '资金缺口约1500万元，二期工程未招标' },
  { name: '云峰中学综合楼工程', category: '社会事业', status: '在建', light: 'g', total: 2100, scope: '新建综合楼8200平方米及400米标准运动场', period: '2015-2016', leader: '刘红梅', unit: '社会事务管理办公室', problems: '' },
  { name: '中心卫生院扩建工程', category: '社会事业', status: '在建', light: 'y', total: 3600, scope: '新建住院楼1.2万平方米，床位150张', period: '2014-2016', leader: '何美华', unit: '社会事务管理办公室', problems: '' },
  { name: '城北安置小区一期工程', category: '社会事业', status: '在建', light: 'r', total: 16500, scope: '建设安置房620套，建筑面积8.5万平方米', period: '2014-2016', leader: '王立新', unit: '镇村规划建设办公室', problems: '农民通过宅基地置换进城积极性不高，签约率仅六成' },
  { name: '新农村建设（元古等6个村）', category: '社会事业', status: '在建', light: 'g', total: 4200, scope: '6个中心村村庄整治、道路硬化、农房改造，推广“元古模式”联户担保融资', period: '2014-2015', leader: '郑国平', unit: '农业农村办公室', problems: '' },
  { name: '云溪水系综合整治工程', category: '生态环境', status: '在建', light: 'r', total: 6800, scope: '按水系专项规划整治云溪河道5.6公里，建设堤防、亲水平台', period: '2014-2016', leader: '吴志强', unit: '城建办', problems: '河道清淤土方外运消纳场地未落实' },
  { name: '滨河公园工程', category: '生态环境', status: '在建', light: 'y', total: 3100, scope: '建设滨河公园8.6万平方米，含绿化、游步道、健身设施', period: '2015-2016', leader: '吴志强', unit: '城建办', problems: '' },
  { name: '垃圾中转站及环卫设施工程', category: '生态环境', status: '竣工', light: 'g', total: 950, scope: '新建垃圾压缩中转站1座，配置环卫车辆12辆', period: '2015', leader: '张卫东', unit: '综合行政执法办公室', problems: '' },
  { name: '城镇山体公园及绿化工程', category: '生态环境', status: '在建', light: 'g', total: 2300, scope: '建设山体公园12万平方米，镇区新增绿地3.5万平方米', period: '2015-2016', leader: '吴志强', unit: '城建办', problems: '' },
];

const HUYUAN_SPECS = specs([
  ['壶源江综合治理工程', '生态环境', '在建', 'g', 8600, '整治壶源江干流6.2公里，新建堤防及滨江绿道', '2014-2016'],
  ['镇区污水管网二期工程', '基础设施', '在建', 'r', 2300, '铺设污水主管网7.8公里，新建提升泵站2座', '2015-2016'],
  ['壶源大道西延工程', '基础设施', '在建', 'y', 5400, '新建道路1.9公里，路幅宽30米', '2014-2016'],
  ['城南安置房一期', '社会事业', '在建', 'g', 12800, '建设安置房480套，建筑面积6.2万平方米', '2014-2016'],
  ['壶源中学扩建工程', '社会事业', '竣工', 'g', 2600, '新建教学楼、实验楼1.1万平方米', '2014-2015'],
  ['镇卫生院迁建工程', '社会事业', '在建', 'r', 4800, '新建门诊住院综合楼1.5万平方米，床位120张', '2015-2017'],
  ['农贸市场新建工程', '基础设施', '在建', 'g', 1900, '新建农贸市场6000平方米及地下停车场', '2015-2016'],
  ['五金产业园标准厂房', '产业发展', '在建', 'y', 16000, '建设标准厂房15万平方米', '2014-2017'],
  ['壶源湿地公园', '生态环境', '前期', null, 6500, '建设湿地公园1200亩，含生态修复及游览设施', '2016-2018'],
  ['镇区供水提升工程', '基础设施', '在建', 'g', 1500, '新建清水池2000立方米，改造供水管网6公里', '2015'],
  ['文化中心及全民健身广场', '社会事业', '前期', null, 3800, '建设文化中心8000平方米及健身广场2万平方米', '2016-2017'],
  ['茶叶精深加工园区', '产业发展', '在建', 'r', 7200, '建设茶叶精深加工厂房及交易中心4.5万平方米', '2015-2017'],
]);

const DONGXI_SPECS = specs([
  ['东溪工业功能区道路及管网工程', '基础设施', '在建', 'g', 6800, '新建园区道路3.2公里及配套管网', '2014-2016'],
  ['东溪老街保护与改造', '产业发展', '在建', 'y', 5200, '修缮老街建筑1.8万平方米，发展特色商贸旅游', '2014-2016'],
  ['东溪小学新建工程', '社会事业', '在建', 'g', 5600, '新建24班小学，建筑面积1.8万平方米', '2015-2016'],
  ['东溪集镇污水处理工程', '生态环境', '在建', 'r', 3200, '新建日处理3000吨污水处理站及截污管网5公里', '2015-2016'],
  ['滨溪路改造工程', '基础设施', '竣工', 'g', 1650, '改造滨溪路1.4公里，配套雨污管网', '2015'],
  ['东溪农民公寓（二期）', '社会事业', '在建', 'r', 9800, '建设农民公寓360套，建筑面积4.6万平方米', '2014-2016'],
  ['汽配产业园基础设施', '产业发展', '在建', 'g', 12000, '平整土地600亩，建设园区道路、供电、供水设施', '2014-2017'],
  ['东溪溪道生态修复工程', '生态环境', '在建', 'y', 2750, '生态修复溪道4.3公里，建设亲水步道', '2015-2016'],
  ['镇敬老院改扩建', '社会事业', '竣工', 'g', 900, '改扩建敬老院3200平方米，床位120张', '2015'],
  ['客运中心站', '基础设施', '前期', null, 4500, '建设二级客运站及公交首末站，占地40亩', '2016-2017'],
]);

const NANLING_SPECS = specs([
  ['南岭大道延伸工程', '基础设施', '在建', 'g', 7800, '延伸南岭大道2.6公里，路幅宽36米', '2014-2016'],
  ['南岭工业园区三期开发', '产业发展', '在建', 'r', 23000, '开发工业用地1200亩，建设标准厂房及配套设施', '2014-2017'],
  ['南岭中心幼儿园', '社会事业', '竣工', 'g', 1800, '新建15班幼儿园，建筑面积7500平方米', '2014-2015'],
  ['南岭卫生院综合楼', '社会事业', '在建', 'y', 3300, '新建综合楼1.1万平方米', '2015-2016'],
  ['镇区主要道路雨污管网改造', '基础设施', '在建', 'g', 2900, '改造雨污管网8公里', '2015-2016'],
  ['南溪河道综合整治', '生态环境', '在建', 'r', 4100, '整治南溪河道4.8公里，新建堤防及绿道', '2015-2016'],
  ['城市综合体（南岭广场）', '产业发展', '前期', null, 35000, '建设商业综合体15万平方米', '2016-2019'],
  ['农贸市场提升改造', '基础设施', '竣工', 'g', 850, '改造农贸市场4000平方米', '2015'],
  ['安置小区（金山苑）', '社会事业', '在建', 'y', 11200, '建设安置房420套', '2014-2016'],
]);

const BAISHI_SPECS = specs([
  ['白石工业区标准厂房', '产业发展', '在建', 'g', 9500, '新建标准厂房8万平方米', '2014-2016'],
  ['石材产业园转型升级', '产业发展', '在建', 'r', 12000, '整合石材企业42家入园，建设集中加工区及废水处理设施', '2014-2017'],
  ['白石大桥及连接线', '基础设施', '在建', 'y', 6400, '新建大桥420米及连接线1.2公里', '2014-2016'],
  ['镇区自来水厂扩建', '基础设施', '在建', 'g', 2200, '水厂日供水能力由1万吨扩至2万吨', '2015-2016'],
  ['白石初中改扩建', '社会事业', '在建', 'g', 3100, '新建教学综合楼9000平方米', '2015-2016'],
  ['社区卫生服务中心', '社会事业', '前期', null, 2800, '新建社区卫生服务中心8000平方米', '2016-2017'],
  ['白石溪综合治理', '生态环境', '在建', 'r', 3900, '整治白石溪3.5公里', '2015-2016'],
  ['垃圾填埋场封场及中转站', '生态环境', '竣工', 'g', 1200, '填埋场封场治理及新建中转站1座', '2015'],
  ['城中村改造一期', '社会事业', '在建', 'y', 15800, '改造城中村住房560户', '2014-2017'],
  ['游客集散中心', '产业发展', '前期', null, 1800, '建设游客集散中心2500平方米及停车场', '2016'],
]);

const XINTANG_SPECS = specs([
  ['G104国道新塘段拓宽工程', '基础设施', '在建', 'r', 14500, '拓宽G104国道新塘段5.3公里，双向六车道', '2014-2016'],
  ['LED路灯节能改造工程', '基础设施', '竣工', 'g', 620, '更换LED路灯1800盏', '2015'],
  ['PPP模式城乡供水一体化工程', '基础设施', '在建', 'y', 8800, '新建水厂1座及城乡供水管网42公里，采用PPP模式', '2015-2017'],
  ['新塘中心小学综合楼', '社会事业', '在建', 'g', 2400, '新建综合楼7600平方米', '2015-2016'],
  ['新塘农贸市场', '基础设施', '在建', 'g', 1600, '新建农贸市场5000平方米', '2015-2016'],
  ['3A级景区（新塘古村）创建工程', '产业发展', '在建', 'r', 2900, '古村落修缮、游客中心及旅游厕所建设，创建国家3A级景区', '2015-2016'],
  ['塘河生态湿地公园', '生态环境', '在建', 'y', 3700, '建设湿地公园650亩', '2015-2017'],
  ['纺织产业园标准厂房', '产业发展', '前期', null, 10500, '建设标准厂房10万平方米', '2016-2018'],
]);

const QINGXI_SPECS = specs([
  ['清溪新区路网工程', '基础设施', '在建', 'g', 11800, '新建新区道路6条共7.4公里', '2014-2016'],
  ['清溪污水处理厂提标改造', '生态环境', '在建', 'y', 2600, '出水标准由一级B提至一级A', '2015-2016'],
  ['清溪高级中学新校区', '社会事业', '在建', 'r', 18000, '新建48班高中，建筑面积5.2万平方米', '2014-2017'],
  ['清溪人民医院分院', '社会事业', '在建', 'g', 9600, '新建医院分院2.8万平方米，床位300张', '2014-2016'],
  ['小微企业园', '产业发展', '在建', 'g', 8400, '建设小微企业园厂房7万平方米', '2015-2016'],
  ['电商产业园', '产业发展', '前期', null, 5600, '建设电商孵化、仓储物流用房3万平方米', '2016-2017'],
  ['清溪公园', '生态环境', '竣工', 'g', 2100, '建设城市公园9.5万平方米', '2014-2015'],
  ['老城区有机更新（一期）', '基础设施', '在建', 'r', 13500, '改造老城区街巷12条、老旧小区8个', '2015-2017'],
  ['清溪江堤防加固工程', '生态环境', '在建', 'g', 4600, '加固堤防5.1公里，达到20年一遇防洪标准', '2015-2016'],
  ['保障性住房（公租房）', '社会事业', '在建', 'y', 5200, '建设公租房300套', '2015-2016'],
  ['城市综合管廊试点段', '基础设施', '前期', null, 7800, '建设综合管廊2.2公里', '2016-2018'],
]);

const LONGMEN_SPECS = specs([
  ['龙门大道改造工程', '基础设施', '在建', 'g', 6600, '改造龙门大道2.4公里', '2014-2016'],
  ['龙门古镇保护开发', '产业发展', '在建', 'y', 15000, '古镇核心区保护修缮及旅游配套设施建设', '2014-2017'],
  ['龙门溪综合整治', '生态环境', '在建', 'r', 5100, '整治龙门溪4.6公里', '2015-2016'],
  ['龙门小学扩建', '社会事业', '竣工', 'g', 1900, '新建教学楼6800平方米', '2014-2015'],
  ['工业园区污水管网', '基础设施', '在建', 'g', 2300, '铺设园区污水管网6.5公里', '2015'],
  ['龙门安置房（三期）', '社会事业', '在建', 'r', 10600, '建设安置房400套', '2014-2016'],
  ['汽车客运站', '基础设施', '前期', null, 3400, '新建三级客运站', '2016-2017'],
  ['五金机电市场', '产业发展', '在建', 'g', 8700, '建设五金机电专业市场6万平方米', '2014-2016'],
  ['镇文化中心', '社会事业', '在建', 'y', 2700, '建设文化中心7200平方米', '2015-2016'],
  ['滨江绿道', '生态环境', '竣工', 'g', 1300, '建设滨江绿道8公里', '2015'],
  ['竹木加工产业园', '产业发展', '在建', 'r', 6900, '建设竹木加工厂房5万平方米', '2015-2017'],
  ['镇区停车场建设工程', '基础设施', '在建', 'g', 1100, '新建公共停车场3处，泊位420个', '2015'],
]);

const JINZHU_SPECS = specs([
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

const TAOHUA_SPECS = specs([
  ['桃花源景区提升工程', '产业发展', '在建', 'g', 8800, '景区游步道、游客中心、停车场提升改造', '2014-2016'],
  ['桃花大道', '基础设施', '在建', 'r', 5900, '新建桃花大道2.2公里', '2014-2016'],
  ['镇区污水零直排工程', '生态环境', '在建', 'g', 2300, '镇区污水管网全覆盖改造', '2015-2016'],
  ['桃花中学迁建', '社会事业', '在建', 'y', 12600, '迁建30班初中，建筑面积3.4万平方米', '2014-2017'],
  ['水果批发市场', '产业发展', '竣工', 'g', 2600, '建设水果批发市场1.2万平方米', '2014-2015'],
  ['桃溪河道整治', '生态环境', '在建', 'r', 3400, '整治桃溪3.8公里', '2015-2016'],
  ['安置房一期', '社会事业', '在建', 'g', 8300, '建设安置房310套', '2014-2016'],
  ['镇区公共停车场', '基础设施', '前期', null, 1200, '建设公共停车场2处', '2016'],
  ['社区服务中心', '社会事业', '在建', 'y', 1700, '建设社区服务中心4200平方米', '2015-2016'],
]);

const SHIMEN_SPECS = specs([
  ['石门大道改造工程', '基础设施', '在建', 'g', 5600, '改造石门大道2公里', '2014-2016'],
  ['石门溪综合整治工程', '生态环境', '在建', 'y', 3800, '整治石门溪4公里', '2015-2016'],
  ['石门中心小学扩建', '社会事业', '在建', 'g', 2900, '新建教学楼6000平方米', '2015-2016'],
  ['工业功能区标准厂房', '产业发展', '在建', 'r', 9600, '建设标准厂房7万平方米', '2014-2016'],
  ['石门安置小区', '社会事业', '在建', 'g', 8800, '建设安置房300套', '2014-2016'],
  ['镇区供水管网改造', '基础设施', '在建', 'g', 1300, '改造供水管网5公里', '2015'],
  ['农贸市场改造', '基础设施', '竣工', 'g', 700, '改造农贸市场3000平方米', '2015'],
  ['石门公园', '生态环境', '前期', null, 2600, '建设公园6万平方米', '2016'],
]);

const STAFF: Record<string, TownStaff> = {
  云峰镇: { leaders: ['陈建国'], units: defaultUnits() },
  壶源镇: { leaders: ['楼国庆', '方卫平', '蒋丽君', '邵建华', '胡晓东'], units: defaultUnits({ 生态环境: ['城建办', '水利站'] }) },
  东溪镇: { leaders: ['叶志明', '潘建军', '金晓燕', '黄伟东'], units: defaultUnits() },
  南岭镇: { leaders: ['林海涛', '杨建新', '朱红英', '郭立群'], units: defaultUnits() },
  白石镇: { leaders: ['许文斌', '沈国良', '童慧敏', '应志刚'], units: defaultUnits() },
  新塘镇: { leaders: ['钱晓峰', '孙建平', '俞美芳'], units: defaultUnits() },
  清溪镇: { leaders: ['汪立平', '鲍建明', '傅丽娟', '章国伟', '施永康'], units: defaultUnits() },
  龙门镇: { leaders: ['卢志坚', '严小平', '毛秀英', '葛宏伟'], units: defaultUnits() },
  金竹镇: { leaders: ['程建设', '余晓明', '丁美玲', '韩卫国'], units: defaultUnits() },
  桃花镇: { leaders: ['罗志华', '冯建英', '曹晓军'], units: defaultUnits() },
  石门镇: { leaders: ['谢国华', '彭建军', '田晓红'], units: defaultUnits() },
};

// ───────────────────────────── indicators ─────────────────────────────

interface Indicator {
  /** As the town writes it. */
  rawName: string;
  /** Canonical name in the domain catalog (domain.md), or null when it is outside that table. */
  canonical: string | null;
  catalogUnit: string;
  additive: boolean;
  /** The unit as the town writes it. */
  unit: string;
  target: number;
  actual: number;
  yoy: number | null;
}

/** Factor from a written unit to the catalog unit. */
function unitFactor(from: string, to: string): number {
  if (from === to) return 1;
  const money: Record<string, number> = { 元: 1, 万元: 1e4, 亿元: 1e8 };
  const people: Record<string, number> = { 人: 1, 万人: 1e4 };
  const land: Record<string, number> = { 亩: 1, 公顷: 15, 平方公里: 1500 };
  for (const dim of [money, people, land]) if (from in dim && to in dim) return dim[from] / dim[to];
  throw new Error(`no conversion ${from} → ${to}`);
}

const ind = (
  rawName: string,
  canonical: string | null,
  catalogUnit: string,
  additive: boolean,
  unit: string,
  target: number,
  actual: number,
  yoy: number | null,
): Indicator => ({ rawName, canonical, catalogUnit, additive, unit, target, actual, yoy });

const YUNFENG_INDICATORS: Indicator[] = [
  ind('地区生产总值', '地区生产总值', '亿元', true, '亿元', 45, 37.62, 8.6),
  ind('财政总收入', '财政总收入', '亿元', true, '亿元', 4.8, 3.96, 11.2),
  ind('地方财政收入', '地方财政收入', '亿元', true, '亿元', 2.6, 2.13, 9.8),
  ind('固定资产投资', '固定资产投资', '亿元', true, '亿元', 32, 26.85, 18.4),
  ind('规上工业增加值', '规上工业增加值', '亿元', true, '亿元', 12.5, 10.08, 7.3),
  ind('建成区面积', '建成区面积', '平方公里', true, '平方公里', 6.5, 6.2, null),
  ind('建成区常住人口', '建成区常住人口', '万人', true, '万人', 5.2, 4.92, null),
  ind('建成区户籍人口', '建成区户籍人口', '万人', true, '万人', 3.6, 3.41, null),
  ind('城镇化率', '城镇化率', '%', false, '%', 58, 56.3, null),
  ind('户籍人口集聚率', '户籍人口集聚率', '%', false, '%', 42, 40.5, null),
  ind('第三产业增加值占比', '第三产业增加值占比', '%', false, '%', 38, 36.5, null),
  ind('城镇居民人均可支配收入', '城镇居民人均可支配收入', '元', false, '元', 35500, 29860, 9.1),
  ind('农村居民人均纯收入', '农村居民人均纯收入', '元', false, '元', 16800, 13920, 10.2),
  ind('农户贷款余额', '农户贷款余额', '万元', true, '万元', 42000, 39800, 15.6),
  ind('林权抵押贷款余额', '林权抵押贷款余额', '万元', true, '万元', 6000, 5300, 32.5),
  ind('新增建设用地', '新增建设用地', '亩', true, '亩', 600, 480, null),
];

const QINGXI_INDICATORS: Indicator[] = [
  ind('GDP', '地区生产总值', '亿元', true, '亿元', 68, 55.4, 7.9),
  ind('财政收入', '财政总收入', '亿元', true, '万元', 72000, 61350, 8.4),
  ind('固投', '固定资产投资', '亿元', true, '亿元', 45, 35.1, 15.2),
  ind('规模以上工业增加值', '规上工业增加值', '亿元', true, '亿元', 21.5, 17.26, 6.8),
  ind('城市化率', '城镇化率', '%', false, '%', 65, 63.2, null),
  ind('三产占比', '第三产业增加值占比', '%', false, '%', 41, 39.6, null),
  ind('农民人均纯收入', '农村居民人均纯收入', '元', false, '元', 21500, 17680, 9.6),
  ind('建成区面积', '建成区面积', '平方公里', true, '平方公里', 8.2, 7.9, null),
  ind('建成区常住人口', '建成区常住人口', '万人', true, '万人', 7.5, 7.12, null),
  ind('新增建设用地', '新增建设用地', '亩', true, '亩', 850, 610, null),
  ind('林权抵押贷款余额', '林权抵押贷款余额', '万元', true, '万元', 3500, 2860, 21.4),
  ind('社会消费品零售总额', '社会消费品零售总额', '亿元', true, '亿元', 26, 21.3, 11.5),
  ind('美丽乡村精品村创建', null, '个', false, '个', 3, 2, null),
];

const TAOHUA_INDICATORS: Indicator[] = [
  ind('地区生产总值（亿元）', '地区生产总值', '亿元', true, '亿元', 32, 25.9, 7.1),
  ind('财政总收入（亿元）', '财政总收入', '亿元', true, '亿元', 3.2, 2.51, 6.5),
  ind('一般公共预算收入（亿元）', '地方财政收入', '亿元', true, '亿元', 1.7, 1.36, 7.2),
  ind('固定资产投资（亿元）', '固定资产投资', '亿元', true, '亿元', 24, 19.85, 16.8),
  ind('城镇化率（%）', '城镇化率', '%', false, '%', 52, 50.6, null),
  ind('城镇居民人均可支配收入（元）', '城镇居民人均可支配收入', '元', false, '元', 33800, 28150, 8.7),
  ind('农户贷款余额', '农户贷款余额', '万元', true, '万元', 26000, 23800, 12.3),
  ind('新增建设用地', '新增建设用地', '亩', true, '公顷', 30, 22, null),
  ind('建成区面积', '建成区面积', '平方公里', true, '平方公里', 4.6, 4.4, null),
];

// ───────────────────────────── cell helpers ─────────────────────────────

const FONT = '宋体';
const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
const SECTION_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };

function newBook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Administrator';
  wb.lastModifiedBy = 'Administrator';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  return wb;
}

function addSheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  return wb.addWorksheet(name, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
}

function title(ws: ExcelJS.Worksheet, row: number, lastCol: number, value: ExcelJS.CellValue, size = 16): void {
  ws.mergeCells(row, 1, row, lastCol);
  const c = ws.getCell(row, 1);
  c.value = value;
  c.font = { name: FONT, size, bold: true };
  c.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(row).height = 30;
}

function note(ws: ExcelJS.Worksheet, row: number, col: number, text: ExcelJS.CellValue, align: 'left' | 'right' = 'left'): void {
  const c = ws.getCell(row, col);
  c.value = text;
  c.font = { name: FONT, size: 10 };
  c.alignment = { horizontal: align, vertical: 'middle' };
}

function headerCell(c: ExcelJS.Cell, text: string): void {
  c.value = text;
  c.font = { name: FONT, size: 10, bold: true };
  c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  c.fill = HEADER_FILL;
  c.border = BORDER;
}

type Kind = 'text' | 'wide' | 'center' | 'amount' | 'pct' | 'int';

interface Col {
  header: string;
  width: number;
  kind: Kind;
  /** Number format for numeric kinds. */
  numFmt?: string;
}

function styleData(c: ExcelJS.Cell, col: Col): void {
  c.font = { name: FONT, size: 10 };
  c.border = BORDER;
  if (col.kind === 'amount' || col.kind === 'pct') {
    c.alignment = { horizontal: 'right', vertical: 'middle' };
    if (col.numFmt) c.numFmt = col.numFmt;
  } else if (col.kind === 'center' || col.kind === 'int') {
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  } else {
    c.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
  }
}

function setWidths(ws: ExcelJS.Worksheet, cols: Col[]): void {
  cols.forEach((col, i) => {
    ws.getColumn(i + 1).width = col.width;
  });
}

function headerRow(ws: ExcelJS.Worksheet, row: number, cols: Col[]): void {
  cols.forEach((col, i) => headerCell(ws.getCell(row, i + 1), col.header));
  ws.getRow(row).height = 32;
}

/** Display width of a text in column-width units (a CJK character is about two digits wide). */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) <= 0xff ? 1.05 : 1.9;
  return w;
}

function dataRow(ws: ExcelJS.Worksheet, row: number, cols: Col[], values: ExcelJS.CellValue[]): void {
  let lines = 1;
  cols.forEach((col, i) => {
    const c = ws.getCell(row, i + 1);
    const v = values[i];
    if (v !== undefined && v !== null && v !== '') c.value = v;
    styleData(c, col);
    const text = typeof v === 'string' ? v : v && typeof v === 'object' && 'richText' in v ? v.richText.map((r) => r.text).join('') : '';
    if (text && col.kind !== 'amount' && col.kind !== 'pct') lines = Math.max(lines, Math.ceil(textWidth(text) / Math.max(1, col.width - 1)));
  });
  // Wrapped text needs the row to be tall enough; spreadsheet programs do not grow rows written by a generator.
  ws.getRow(row).height = Math.max(20, lines * 13 + 6);
}

/** A row whose only content is a label in column `labelCol` (section row), styled across the table. */
function sectionRow(ws: ExcelJS.Worksheet, row: number, cols: Col[], label: string, labelCol = 1, mergeTo?: number): void {
  if (mergeTo) ws.mergeCells(row, labelCol, row, mergeTo);
  cols.forEach((col, i) => {
    const c = ws.getCell(row, i + 1);
    c.border = BORDER;
    c.fill = SECTION_FILL;
    c.font = { name: FONT, size: 10, bold: true };
  });
  const c = ws.getCell(row, labelCol);
  c.value = label;
  c.alignment = { horizontal: 'left', vertical: 'middle' };
}

function footer(ws: ExcelJS.Worksheet, row: number, lastCol: number, text: string): void {
  ws.mergeCells(row, 1, row, lastCol);
  const c = ws.getCell(row, 1);
  c.value = text;
  c.font = { name: FONT, size: 10 };
  c.alignment = { horizontal: 'left', vertical: 'middle' };
  ws.getRow(row).height = 24;
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
const planOf = (p: Project): number => p.plan ?? 0;
const pct1 = (p: Project): number | null => (p.plan && p.plan > 0 ? Math.round((p.ytd / p.plan) * 1000) / 10 : null);

/** Full-width digits (and separators) as some officials type them. */
function fullWidth(s: string): string {
  return s.replace(/[0-9.,%-]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
}

/** Thousands separators on an integer (元). */
function thousands(n: number): string {
  const neg = n < 0;
  const s = String(Math.abs(Math.round(n)));
  const out = s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return neg ? `-${out}` : out;
}

/** Split text into Latin/digit runs and Chinese runs, as LibreOffice writes a cell whose text mixes fonts. */
function richText(s: string, latinFont?: string): ExcelJS.CellRichTextValue {
  const runs: ExcelJS.RichText[] = [];
  const re = /[^\u0080-\uffff]+|[\u0080-\uffff]+/g; // ASCII runs and the others (code units)
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    const latin = m[0].charCodeAt(0) < 0x80;
    if (latin) runs.push(latinFont ? { font: { name: latinFont }, text: m[0] } : { text: m[0] });
    else runs.push({ font: { name: FONT }, text: m[0] });
  }
  return { richText: runs };
}

// ───────────────────────────── the canonical two-header layout (云峰镇, 龙门镇, 清溪镇…) ─────────────────────────────

interface StdOptions {
  /** Title text or rich text. */
  titleValue: ExcelJS.CellValue;
  /** Last month in the 1-N月 header. */
  month: number;
  /** Section rows between categories. */
  sections: boolean;
  /** 合计 row with SUM formulas and cached results. */
  total: boolean;
  footerText: string;
  /** Extra text cells in the row under the title: [col, text, align]. */
  notes?: [number, ExcelJS.CellValue, 'left' | 'right'][];
  /** Two header rows with the 投资完成情况 group (default) or one header row. */
  twoHeaderRows?: boolean;
  /** Name cells as rich text (mixed fonts). */
  richNames?: boolean;
}

const STD_COLS = (month: number): Col[] => [
  { header: '序号', width: 6, kind: 'int' },
  { header: '项目名称', width: 26, kind: 'text' },
  { header: '项目类别', width: 9.5, kind: 'center' },
  { header: '建设内容及规模', width: 34, kind: 'wide' },
  { header: '建设起止年限', width: 10, kind: 'center' },
  { header: '总投资', width: 11, kind: 'amount', numFmt: '#,##0' },
  { header: '2015年计划投资', width: 11, kind: 'amount', numFmt: '#,##0' },
  { header: '本周完成', width: 9.5, kind: 'amount', numFmt: '#,##0' },
  { header: `1-${month}月累计`, width: 11, kind: 'amount', numFmt: '#,##0' },
  { header: '占年度计划%', width: 9.5, kind: 'pct', numFmt: '0.0' },
  { header: '形象进度', width: 24, kind: 'wide' },
  { header: '本周进展', width: 22, kind: 'wide' },
  { header: '下周计划', width: 20, kind: 'wide' },
  { header: '存在问题', width: 26, kind: 'wide' },
  { header: '项目组长', width: 8, kind: 'center' },
  { header: '责任单位', width: 14, kind: 'text' },
  { header: '状态', width: 6, kind: 'center' },
];

/** Writes the table; returns the rows where projects were written (1-based). */
function writeStdTable(ws: ExcelJS.Worksheet, projects: Project[], o: StdOptions): number[] {
  const cols = STD_COLS(o.month);
  const two = o.twoHeaderRows !== false;
  if (!two) cols[8] = { ...cols[8], header: `1-${o.month}月累计完成投资` };
  const last = cols.length;
  setWidths(ws, cols);
  title(ws, 1, last, o.titleValue);
  for (const [col, text, align] of o.notes ?? []) note(ws, 2, col, text, align);
  let r = 3;
  if (two) {
    // Row 3: singles merged over rows 3-4, and the group header over H:J; row 4: the group's sub-headers.
    cols.forEach((col, i) => {
      const c = i + 1;
      if (c >= 8 && c <= 10) return;
      ws.mergeCells(3, c, 4, c);
      headerCell(ws.getCell(3, c), col.header);
    });
    ws.mergeCells(3, 8, 3, 10);
    headerCell(ws.getCell(3, 8), '投资完成情况');
    for (let c = 8; c <= 10; c++) headerCell(ws.getCell(4, c), cols[c - 1].header);
    ws.getRow(3).height = 22;
    ws.getRow(4).height = 30;
    r = 5;
  } else {
    headerRow(ws, 3, cols);
    r = 4;
  }
  const first = r;
  const rows: number[] = [];
  const ordered = o.sections ? byCategory(projects) : projects;
  let current: Category | null = null;
  for (const p of ordered) {
    if (o.sections && p.category !== current) {
      current = p.category;
      sectionRow(ws, r, cols, SECTION_TITLES[current]);
      r++;
    }
    dataRow(ws, r, cols, [
      p.seq,
      o.richNames && /[\x21-\x7e]/.test(p.name) ? richText(p.name) : p.name,
      p.category,
      p.scope,
      p.period,
      p.total,
      p.plan,
      p.week,
      p.ytd,
      pct1(p),
      p.progress,
      p.weekProgress,
      p.nextPlan,
      p.problems,
      p.leader,
      p.unit,
      p.status,
    ]);
    rows.push(r);
    r++;
  }
  const lastData = r - 1;
  if (o.total) {
    ws.mergeCells(r, 1, r, 5);
    const label = ws.getCell(r, 1);
    label.value = '合计';
    const totals: [number, number][] = [
      [6, sum(ordered.map((p) => p.total))],
      [7, sum(ordered.map(planOf))],
      [8, sum(ordered.map((p) => p.week))],
      [9, sum(ordered.map((p) => p.ytd))],
    ];
    cols.forEach((col, i) => {
      const c = ws.getCell(r, i + 1);
      styleData(c, col);
      c.font = { name: FONT, size: 10, bold: true };
    });
    label.alignment = { horizontal: 'center', vertical: 'middle' };
    for (const [c, result] of totals) {
      const L = ws.getColumn(c).letter;
      ws.getCell(r, c).value = { formula: `SUM(${L}${first}:${L}${lastData})`, result };
    }
    const planned = ordered.filter((p) => (p.plan ?? 0) > 0);
    ws.getCell(r, 10).value = Math.round((sum(planned.map((p) => p.ytd)) / sum(planned.map(planOf))) * 1000) / 10;
    r++;
  }
  footer(ws, r, last, o.footerText);
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: two ? 4 : 3 }];
  ws.pageSetup.printTitlesRow = two ? '3:4' : '3:3';
  return rows;
}

// ───────────────────────────── indicators layout ─────────────────────────────

interface IndOptions {
  titleText: string;
  /** Headers in order; the writer fills by role. */
  columns: ('seq' | 'name' | 'unit' | 'target' | 'actual' | 'yoy' | 'rate' | 'remark')[];
  headers: string[];
  notes?: [number, string, 'left' | 'right'][];
  footerText?: string;
}

function writeIndicators(ws: ExcelJS.Worksheet, inds: Indicator[], o: IndOptions): void {
  const widths: Record<string, number> = { seq: 6, name: 30, unit: 10, target: 12, actual: 12, yoy: 11, rate: 12, remark: 20 };
  const cols: Col[] = o.columns.map((k, i) => ({
    header: o.headers[i],
    width: widths[k],
    kind: k === 'seq' ? 'int' : k === 'name' || k === 'remark' ? 'text' : k === 'unit' ? 'center' : 'amount',
    numFmt: k === 'target' || k === 'actual' ? '#,##0.00' : k === 'yoy' || k === 'rate' ? '0.0' : undefined,
  }));
  setWidths(ws, cols);
  title(ws, 1, cols.length, o.titleText, 14);
  for (const [col, text, align] of o.notes ?? []) note(ws, 2, col, text, align);
  headerRow(ws, 3, cols);
  inds.forEach((x, i) => {
    const values = o.columns.map((k): ExcelJS.CellValue => {
      switch (k) {
        case 'seq':
          return i + 1;
        case 'name':
          return x.rawName;
        case 'unit':
          return x.unit;
        case 'target':
          return x.target;
        case 'actual':
          return x.actual;
        case 'yoy':
          return x.yoy;
        case 'rate':
          return Math.round((x.actual / x.target) * 1000) / 10;
        case 'remark':
          return x.canonical === null ? '新增统计口径' : null;
      }
    });
    dataRow(ws, 4 + i, cols, values);
  });
  if (o.footerText) footer(ws, 4 + inds.length, cols.length, o.footerText);
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  ws.pageSetup.printTitlesRow = '3:3';
}

// ───────────────────────────── the towns' files ─────────────────────────────

interface Written {
  /** Path under outDir with / separators. */
  file: string;
  mtime: Date;
}

interface TownExpect {
  town: string;
  status: 'submitted' | 'rejected' | 'missing';
  reportDate: string | null;
  /** Files whose tables must be used. */
  files: string[];
  /** Other files of the town and what must happen to them. */
  otherFiles: { file: string; status: string; note: string; alsoAcceptable?: string[] }[];
  projects: Project[] | null;
  indicators: Indicator[] | null;
  notes: string[];
  expectedErrors?: { sheet: string; cell: string; problem: string }[];
  /** The delegated-powers register used (counts), null when the town has none in use. */
  powers?: PowerExpect | null;
  /** Planted errors of a powers register that must be sent back. */
  powerErrors?: { sheet: string; cell: string; problem: string }[];
}

class Out {
  written: Written[] = [];
  constructor(readonly dir: string) {}
  async book(rel: string, wb: ExcelJS.Workbook, mtime: Date = FIXED_DATE): Promise<string> {
    const full = path.join(this.dir, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    await wb.xlsx.writeFile(full);
    fs.utimesSync(full, mtime, mtime);
    this.written.push({ file: rel, mtime });
    return rel;
  }
  raw(rel: string, bytes: Buffer, mtime: Date = FIXED_DATE): string {
    const full = path.join(this.dir, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, bytes);
    fs.utimesSync(full, mtime, mtime);
    this.written.push({ file: rel, mtime });
    return rel;
  }
}

const D = (y: number, m: number, d: number, h = 17, min = 30): Date => new Date(Date.UTC(y, m - 1, d, h - 8, min));

const FOOTER = (who: string, date = '2015年10月31日'): string => `填报人：${who}　　项目组长签字：　　　日期：${date}`;

/** 1. 云峰镇: canonical two-header-row layout, section rows, 合计, 主要指标 sheet, hidden 「9月」. */
async function yunfeng(out: Out): Promise<TownExpect> {
  const town = '云峰镇';
  const grain: Grain = { plan: 10, ytd: 1 };
  const projects = byCategory(realise(town, YUNFENG_SPECS, STAFF[town], grain));
  const september = earlier(town, projects, [0.78, 0.9], grain);
  const wb = newBook();
  const ws = addSheet(wb, '重点项目');
  writeStdTable(ws, projects, {
    titleValue: `${town}重点项目推进情况表（截至2015年10月31日）`,
    month: 10,
    sections: true,
    total: true,
    notes: [[16, '单位：万元', 'right']],
    footerText: FOOTER('张丽萍'),
  });
  const hidden = addSheet(wb, '9月');
  writeStdTable(hidden, september, {
    titleValue: `${town}重点项目推进情况表（截至2015年9月30日）`,
    month: 9,
    sections: true,
    total: true,
    notes: [[16, '单位：万元', 'right']],
    footerText: FOOTER('张丽萍', '2015年9月30日'),
  });
  hidden.state = 'hidden';
  const wsi = addSheet(wb, '主要指标');
  writeIndicators(wsi, YUNFENG_INDICATORS, {
    titleText: `${town}主要指标完成情况表（2015年1-10月）`,
    columns: ['seq', 'name', 'unit', 'target', 'actual', 'yoy', 'rate', 'remark'],
    headers: ['序号', '指标名称', '单位', '2015年目标', '1-10月完成', '同比增长%', '完成年度目标%', '备注'],
    notes: [[8, '截至2015年10月31日', 'right']],
    footerText: FOOTER('张丽萍'),
  });
  const file = await out.book('云峰镇重点项目.xlsx', wb);
  return {
    town,
    status: 'submitted',
    reportDate: AS_OF,
    files: [file],
    otherFiles: [],
    projects,
    indicators: YUNFENG_INDICATORS,
    notes: [
      'Sheet 「重点项目」: two header rows (3-4), 「投资完成情况」 merged over H3:J3; section rows 一、…四、 in column A; 合计 row merged A:E with SUM formulas (cached results).',
      'Sheet 「9月」 is hidden (state hidden): last month\'s table, must not be read.',
      'Sheet 「主要指标」: indicators, catalog names.',
    ],
  };
}

/** 2. 壶源镇: one header row, other order, extra columns, amounts in 亿元 (本周完成 in 万元), town only in the title. */
async function huyuan(out: Out): Promise<TownExpect> {
  const town = '壶源镇';
  const grain: Grain = { plan: 100, ytd: 10 };
  const projects = realise(town, HUYUAN_SPECS, STAFF[town], grain);
  const wb = newBook();
  const ws = addSheet(wb, 'Sheet1');
  const cols: Col[] = [
    { header: '序号', width: 6, kind: 'int' },
    { header: '项目名称', width: 24, kind: 'text' },
    { header: '项目类别', width: 9.5, kind: 'center' },
    { header: '责任单位', width: 12, kind: 'text' },
    { header: '项目组长', width: 8, kind: 'center' },
    { header: '状态', width: 6, kind: 'center' },
    { header: '总投资（亿元）', width: 10, kind: 'amount', numFmt: '0.00' },
    { header: '年度计划投资（亿元）', width: 11, kind: 'amount', numFmt: '0.00' },
    { header: '本周完成（万元）', width: 10, kind: 'amount', numFmt: '0' },
    { header: '累计完成投资（亿元）', width: 11, kind: 'amount', numFmt: '0.000' },
    { header: '形象进度', width: 24, kind: 'wide' },
    { header: '本周进展', width: 22, kind: 'wide' },
    { header: '下周计划', width: 20, kind: 'wide' },
    { header: '存在问题', width: 26, kind: 'wide' },
    { header: '建设内容及规模', width: 30, kind: 'wide' },
    { header: '建设起止年限', width: 10, kind: 'center' },
    { header: '联系电话', width: 13, kind: 'center' },
    { header: '备注', width: 14, kind: 'text' },
  ];
  setWidths(ws, cols);
  title(ws, 1, cols.length, '壶源镇2015年重点项目进展情况（2015.10.31）');
  headerRow(ws, 2, cols);
  const phones: Record<string, string> = {};
  STAFF[town].leaders.forEach((l, i) => (phones[l] = `1380000${String(1201 + i * 7)}`));
  projects.forEach((p, i) => {
    dataRow(ws, 3 + i, cols, [
      p.seq,
      p.name,
      p.category,
      p.unit,
      p.leader,
      p.status,
      r4(p.total / 1e4),
      p.plan === null ? null : r4(p.plan / 1e4),
      p.week,
      r4(p.ytd / 1e4),
      p.progress,
      p.weekProgress,
      p.nextPlan,
      p.problems,
      p.scope,
      p.period,
      phones[p.leader],
      p.status === '前期' ? '列入省重点前期项目' : p.status === '竣工' ? '已完工' : null,
    ]);
  });
  footer(ws, 3 + projects.length + 1, cols.length, FOOTER('蒋丽君'));
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: 2 }];
  ws.pageSetup.printTitlesRow = '2:2';
  const file = await out.book('重点项目进展情况（2015.10.31）.xlsx', wb);
  return {
    town,
    status: 'submitted',
    reportDate: AS_OF,
    files: [file],
    otherFiles: [],
    projects,
    indicators: null,
    notes: [
      'Town only in the title 「壶源镇2015年重点项目进展情况（2015.10.31）」; one header row (row 2); no 合计 row.',
      'Amounts in 亿元 via headers 「总投资（亿元）」「年度计划投资（亿元）」「累计完成投资（亿元）」; 本周完成 in 万元 via 「本周完成（万元）」.',
      'Extra columns 联系电话, 备注; columns in a different order.',
    ],
  };
}

/** 3. 东溪镇: amounts in 元 as text with thousands separators, 「填报单位：东溪镇」, title without town, date cell. */
async function dongxi(out: Out): Promise<TownExpect> {
  const town = '东溪镇';
  const grain: Grain = { plan: 10, ytd: 1 };
  const projects = realise(town, DONGXI_SPECS, STAFF[town], grain);
  const wb = newBook();
  const ws = addSheet(wb, '推进情况');
  const cols: Col[] = [
    { header: '序号', width: 6, kind: 'int' },
    { header: '项目名称', width: 24, kind: 'text' },
    { header: '项目类别', width: 9.5, kind: 'center' },
    { header: '建设内容及规模', width: 30, kind: 'wide' },
    { header: '建设起止年限', width: 10, kind: 'center' },
    { header: '总投资(元)', width: 15, kind: 'amount' },
    { header: '年度计划投资(元)', width: 15, kind: 'amount' },
    { header: '本周完成投资(元)', width: 13, kind: 'amount' },
    { header: '累计完成投资(元)', width: 15, kind: 'amount' },
    { header: '形象进度', width: 22, kind: 'wide' },
    { header: '本周进展', width: 20, kind: 'wide' },
    { header: '下周计划', width: 20, kind: 'wide' },
    { header: '存在问题', width: 24, kind: 'wide' },
    { header: '项目组长', width: 8, kind: 'center' },
    { header: '责任单位', width: 12, kind: 'text' },
    { header: '状态', width: 6, kind: 'center' },
  ];
  setWidths(ws, cols);
  title(ws, 1, cols.length, '重点项目推进情况表');
  ws.mergeCells(2, 1, 2, 4);
  note(ws, 2, 1, '填报单位：东溪镇（盖章）');
  note(ws, 2, 13, '截至2015年10月31日', 'right');
  headerRow(ws, 3, cols);
  const yuan = (wan: number | null): string | null => (wan === null ? null : thousands(wan * 1e4));
  projects.forEach((p, i) => {
    dataRow(ws, 4 + i, cols, [
      String(p.seq),
      p.name,
      p.category,
      p.scope,
      p.period,
      yuan(p.total),
      yuan(p.plan),
      yuan(p.week),
      yuan(p.ytd),
      p.progress,
      p.weekProgress,
      p.nextPlan,
      p.problems,
      p.leader,
      p.unit,
      p.status,
    ]);
  });
  const tr = 4 + projects.length;
  dataRow(ws, tr, cols, [
    null,
    '合计',
    null,
    null,
    null,
    yuan(sum(projects.map((p) => p.total))),
    yuan(sum(projects.map(planOf))),
    yuan(sum(projects.map((p) => p.week))),
    yuan(sum(projects.map((p) => p.ytd))),
  ]);
  footer(ws, tr + 1, cols.length, FOOTER('金晓燕'));
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: 3 }];
  ws.pageSetup.printTitlesRow = '3:3';
  const file = await out.book('邮件附件/重点项目推进情况表.xlsx', wb);
  return {
    town,
    status: 'submitted',
    reportDate: AS_OF,
    files: [file],
    otherFiles: [],
    projects,
    indicators: null,
    notes: [
      'Title 「重点项目推进情况表」 without town; town only in A2 「填报单位：东溪镇（盖章）」 (merged A2:D2); date text 「截至2015年10月31日」 in M2.',
      'Amounts in 元 (headers 「总投资(元)」…), stored as TEXT with thousands separators; 序号 as text; a 合计 row (text amounts) in 项目名称.',
    ],
  };
}

/** 4. 南岭镇: full-width digits as text, percent text in a derived column, synonyms, date as a serial number. */
async function nanling(out: Out): Promise<TownExpect> {
  const town = '南岭镇';
  const grain: Grain = { plan: 10, ytd: 1 };
  const projects = realise(town, NANLING_SPECS, STAFF[town], grain);
  const wb = newBook();
  const ws = addSheet(wb, '南岭镇');
  const cols: Col[] = [
    { header: '序号', width: 6, kind: 'int' },
    { header: '项目名', width: 24, kind: 'text' },
    { header: '类别', width: 9.5, kind: 'center' },
    { header: '建设内容', width: 28, kind: 'wide' },
    { header: '建设年限', width: 10, kind: 'center' },
    { header: '计划总投资', width: 11, kind: 'amount', numFmt: '#,##0' },
    { header: '年度计划投资', width: 11, kind: 'amount', numFmt: '#,##0' },
    { header: '本周完成投资', width: 10, kind: 'amount', numFmt: '#,##0' },
    { header: '年度累计完成', width: 11, kind: 'amount', numFmt: '#,##0' },
    { header: '完成率', width: 8, kind: 'pct' },
    { header: '形象进度', width: 22, kind: 'wide' },
    { header: '本周工作进展', width: 20, kind: 'wide' },
    { header: '下步计划', width: 20, kind: 'wide' },
    { header: '存在问题', width: 24, kind: 'wide' },
    { header: '挂钩领导', width: 8, kind: 'center' },
    { header: '责任单位', width: 12, kind: 'text' },
    { header: '项目状态', width: 8, kind: 'center' },
  ];
  setWidths(ws, cols);
  title(ws, 1, cols.length, '南岭镇重点项目建设进度表');
  note(ws, 2, 1, '填报日期：');
  const dc = ws.getCell(2, 2);
  dc.value = new Date(Date.UTC(2015, 9, 31));
  dc.numFmt = 'yyyy"年"m"月"d"日"';
  dc.alignment = { horizontal: 'left' };
  note(ws, 2, 16, '单位：万元', 'right');
  headerRow(ws, 3, cols);
  // Odd rows: every amount typed as full-width text; even rows: ordinary numbers.
  projects.forEach((p, i) => {
    const fw = i % 2 === 0;
    const amt = (v: number | null): ExcelJS.CellValue => (v === null ? null : fw ? fullWidth(String(v)) : v);
    const rate = pct1(p);
    dataRow(ws, 4 + i, cols, [
      p.seq,
      p.name,
      p.category,
      p.scope,
      p.period,
      amt(p.total),
      amt(p.plan),
      amt(p.week),
      amt(p.ytd),
      rate === null ? null : `${Math.round(rate)}%`,
      p.progress,
      p.weekProgress,
      p.nextPlan,
      p.problems,
      p.leader,
      p.unit,
      p.status,
    ]);
  });
  footer(ws, 4 + projects.length, cols.length, `填报人：朱红英　　挂钩领导签字：　　　审核：林海涛`);
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: 3 }];
  ws.pageSetup.printTitlesRow = '3:3';
  const file = await out.book('南岭镇重点项目建设进度表.xlsx', wb);
  return {
    town,
    status: 'submitted',
    reportDate: AS_OF,
    files: [file],
    otherFiles: [],
    projects,
    indicators: null,
    notes: [
      'Rows 4,6,8,… (the 1st, 3rd, … projects): amounts are TEXT in full-width digits (「１２５００」); the other rows are numbers.',
      'Derived column 完成率 as text 「85%」 (empty for 前期). Synonym headers 项目名/类别/建设内容/建设年限/计划总投资/年度计划投资/本周完成投资/年度累计完成/本周工作进展/下步计划/挂钩领导/项目状态.',
      'Date: B2 is a real date (serial 42308) formatted 2015年10月31日, after 「填报日期：」 in A2; 「单位：万元」 in P2. No 合计 row.',
    ],
  };
}

/** 5. 白石镇: town only in the file name; amounts as formulas with cached results; #DIV/0! in the derived 完成率. */
async function baishi(out: Out): Promise<TownExpect> {
  const town = '白石镇';
  const grain: Grain = { plan: 10, ytd: 1, prepZero: true };
  const projects = realise(town, BAISHI_SPECS, STAFF[town], grain);
  const wb = newBook();
  const ws = addSheet(wb, '周报');
  const cols: Col[] = [
    { header: '序号', width: 6, kind: 'int' },
    { header: '项目名称', width: 24, kind: 'text' },
    { header: '类别', width: 9.5, kind: 'center' },
    { header: '建设内容', width: 28, kind: 'wide' },
    { header: '总投资', width: 11, kind: 'amount', numFmt: '#,##0' },
    { header: '年度计划投资', width: 11, kind: 'amount', numFmt: '#,##0' },
    { header: '本周完成', width: 9.5, kind: 'amount', numFmt: '#,##0' },
    { header: '累计完成投资', width: 11, kind: 'amount', numFmt: '#,##0' },
    { header: '完成率', width: 8, kind: 'pct', numFmt: '0.0%' },
    { header: '形象进度', width: 22, kind: 'wide' },
    { header: '本周进展', width: 20, kind: 'wide' },
    { header: '下周计划', width: 20, kind: 'wide' },
    { header: '存在问题', width: 24, kind: 'wide' },
    { header: '责任领导', width: 8, kind: 'center' },
    { header: '责任单位', width: 12, kind: 'text' },
    { header: '状态', width: 6, kind: 'center' },
  ];
  setWidths(ws, cols);
  title(ws, 1, cols.length, '重点项目推进表');
  note(ws, 2, 15, '单位：万元', 'right');
  headerRow(ws, 3, cols);
  const first = 4;
  const rng = rngFor('baishi-split');
  projects.forEach((p, i) => {
    const r = first + i;
    // 总投资 sometimes typed as a sum of its parts; 累计 always "last week's figure + this week".
    let total: ExcelJS.CellValue = p.total;
    if (i % 3 === 1) {
      const a = roundTo(p.total * between(rng, 0.4, 0.7), 100);
      total = { formula: `${a}+${p.total - a}`, result: p.total };
    }
    const ytd: ExcelJS.CellValue = { formula: `${p.ytd - p.week}+G${r}`, result: p.ytd };
    const rate: ExcelJS.CellValue =
      p.plan && p.plan > 0
        ? { formula: `H${r}/F${r}`, result: p.ytd / p.plan }
        : { formula: `H${r}/F${r}`, result: { error: '#DIV/0!' } };
    dataRow(ws, r, cols, [
      p.seq,
      p.name,
      p.category,
      p.scope,
      total,
      p.plan,
      p.week,
      ytd,
      rate,
      p.progress,
      p.weekProgress,
      p.nextPlan,
      p.problems,
      p.leader,
      p.unit,
      p.status,
    ]);
    // dataRow skips empty values; 0 plans of 前期 projects are written as 0.
    if (p.plan === 0) ws.getCell(r, 6).value = 0;
    if (p.week === 0) ws.getCell(r, 7).value = 0;
  });
  const last = first + projects.length - 1;
  const tr = last + 1;
  const totalCells: [number, number][] = [
    [5, sum(projects.map((p) => p.total))],
    [6, sum(projects.map(planOf))],
    [7, sum(projects.map((p) => p.week))],
    [8, sum(projects.map((p) => p.ytd))],
  ];
  dataRow(ws, tr, cols, [null, '合计']);
  for (const [c, result] of totalCells) {
    const L = ws.getColumn(c).letter;
    ws.getCell(tr, c).value = { formula: `SUM(${L}${first}:${L}${last})`, result };
  }
  ws.getCell(tr, 9).value = { formula: `H${tr}/F${tr}`, result: totalCells[3][1] / totalCells[1][1] };
  footer(ws, tr + 1, cols.length, '填报人：童慧敏　　项目组长签字：　　　日期：');
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: 3 }];
  ws.pageSetup.printTitlesRow = '3:3';
  const file = await out.book('白石镇-重点项目周报-20151031.xlsx', wb);
  const divRows = projects.map((p, i) => (p.plan === 0 ? `I${first + i}` : null)).filter((x): x is string => x !== null);
  return {
    town,
    status: 'submitted',
    reportDate: AS_OF,
    files: [file],
    otherFiles: [],
    projects,
    indicators: null,
    notes: [
      'Town and date ONLY in the file name 「白石镇-重点项目周报-20151031.xlsx」; title 「重点项目推进表」; footer date empty.',
      `累计完成投资 (H) is a formula 「=<last week>+G<row>」 with a cached result; some 总投资 are 「=a+b」; 合计 row with SUM formulas.`,
      `完成率 (I, derived) is =H/F; ${divRows.join(', ')} cache #DIV/0! (前期 projects with annual plan 0) — a derived column: must not reject the file.`,
    ],
  };
}

/** 6. 新塘镇: rich-text names and title (mixed Latin/Chinese runs), date as text 「2015年10月31日」. */
async function xintang(out: Out): Promise<TownExpect> {
  const town = '新塘镇';
  const grain: Grain = { plan: 10, ytd: 1 };
  const projects = realise(town, XINTANG_SPECS, STAFF[town], grain);
  const wb = newBook();
  const ws = addSheet(wb, 'Sheet1');
  writeStdTable(ws, projects, {
    titleValue: {
      richText: [
        { font: { name: FONT, size: 16, bold: true }, text: '新塘镇' },
        { font: { name: 'Times New Roman', size: 16, bold: true }, text: '2015' },
        { font: { name: FONT, size: 16, bold: true }, text: '年重点项目推进情况表' },
      ],
    },
    month: 10,
    sections: false,
    total: false,
    twoHeaderRows: false,
    richNames: true,
    notes: [
      [1, '单位：万元', 'left'],
      [16, '2015年10月31日', 'right'],
    ],
    footerText: FOOTER('俞美芳'),
  });
  const file = await out.book('新塘镇重点项目推进情况表.xlsx', wb);
  return {
    town,
    status: 'submitted',
    reportDate: AS_OF,
    files: [file],
    otherFiles: [],
    projects,
    indicators: null,
    notes: [
      'Title is rich text 「新塘镇」「2015」「年重点项目推进情况表」; names with Latin letters/digits are rich text split into runs (e.g. 「G」+「104国道新塘段拓宽工程」).',
      'One header row (row 3), 「1-10月累计完成投资」; date text 「2015年10月31日」 in P2; no 合计 row.',
    ],
  };
}

/** 7. 清溪镇: projects workbook and a separate indicators workbook. */
async function qingxi(out: Out): Promise<TownExpect> {
  const town = '清溪镇';
  const grain: Grain = { plan: 10, ytd: 1 };
  const projects = realise(town, QINGXI_SPECS, STAFF[town], grain);
  const wb = newBook();
  const ws = addSheet(wb, '重点项目');
  writeStdTable(ws, projects, {
    titleValue: `${town}重点项目推进情况表（截至2015年10月31日）`,
    month: 10,
    sections: true,
    total: true,
    notes: [[16, '单位：万元', 'right']],
    footerText: FOOTER('傅丽娟'),
  });
  const f1 = await out.book('清溪镇/清溪镇重点项目推进情况表.xlsx', wb);
  const wi = newBook();
  const wsi = addSheet(wi, '主要指标');
  writeIndicators(wsi, QINGXI_INDICATORS, {
    titleText: `${town}主要指标完成情况表（1-10月）`,
    columns: ['name', 'unit', 'target', 'actual', 'yoy', 'rate'],
    headers: ['指标名称', '单位', '2015年目标', '1-10月完成', '同比增长%', '完成年度目标%'],
    notes: [[1, '填报日期：2015.10.31', 'left']],
    footerText: '填报人：傅丽娟　　分管领导签字：　　　日期：2015.10.31',
  });
  const f2 = await out.book('清溪镇/清溪镇主要指标完成情况表（1-10月）.xlsx', wi);
  return {
    town,
    status: 'submitted',
    reportDate: AS_OF,
    files: [f1, f2],
    otherFiles: [],
    projects,
    indicators: QINGXI_INDICATORS,
    notes: [
      'Projects: canonical two-header layout with sections and 合计.',
      'Indicators in a separate file: alias names (GDP, 财政收入, 固投, 规模以上工业增加值, 城市化率, 三产占比, 农民人均纯收入…), units per row; 财政收入 written in 万元 (catalog 亿元); 社会消费品零售总额 is in the project catalog (extended); 美丽乡村精品村创建 is in no catalog (a warning, not summed); date text 「填报日期：2015.10.31」 in A2.',
    ],
  };
}

/** 8. 龙门镇: two reports, 10-24 (older, smaller 累计) and 10-31 (latest). */
async function longmen(out: Out): Promise<TownExpect> {
  const town = '龙门镇';
  const grain: Grain = { plan: 10, ytd: 1 };
  const projects = realise(town, LONGMEN_SPECS, STAFF[town], grain);
  const older = lastWeek(town, projects);
  const write = async (ps: Project[], dateCn: string, rel: string, mtime: Date): Promise<string> => {
    const wb = newBook();
    const ws = addSheet(wb, '重点项目');
    writeStdTable(ws, ps, {
      titleValue: `${town}重点项目推进情况表`,
      month: 10,
      sections: false,
      total: true,
      notes: [
        [1, `截至${dateCn}`, 'left'],
        [16, '单位：万元', 'right'],
      ],
      footerText: FOOTER('毛秀英', dateCn),
    });
    return out.book(rel, wb, mtime);
  };
  const f0 = await write(older, '2015年10月24日', '龙门镇/龙门镇重点项目推进情况表（10月24日）.xlsx', D(2015, 10, 24));
  const f1 = await write(projects, '2015年10月31日', '龙门镇/龙门镇重点项目推进情况表（10月31日）.xlsx', D(2015, 10, 31));
  return {
    town,
    status: 'submitted',
    reportDate: AS_OF,
    files: [f1],
    otherFiles: [
      {
        file: f0,
        status: 'superseded',
        note: `older report 「截至2015年10月24日」, valid; 1-10月累计 sum ${r2(sum(older.map((p) => p.ytd)))} 万元 (smaller) — must not be counted`,
      },
    ],
    projects,
    indicators: null,
    notes: ['Two valid reports; the date is the text 「截至2015年10月24日」/「截至2015年10月31日」 in A2 (title has no date). Only the 10-31 one counts.'],
  };
}

/** 9. 金竹镇: WPS-like, no 类别/状态 columns, section rows merged across, 小计 after each group, 总计 at the end. */
function jinzhuBook(projects: Project[], dateCn: string, month: number): ExcelJS.Workbook {
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

async function jinzhu(out: Out): Promise<TownExpect> {
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
        // converted by LibreOffice (W_CONVERTED) and read: an older report of the town, superseded; without
        // LibreOffice (or with --no-convert) it is rejected, and an older rejected file is superseded too
        status: 'superseded',
        note: `legacy .xls (${xlsNote}); an older report dated 2015-10-17, read after conversion (W_CONVERTED) and superseded by the town's report of 2015-10-31; never counted`,
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

async function legacyXls(out: Out, name: string, wb: ExcelJS.Workbook, mtime: Date): Promise<string> {
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

/** 10. 桃花镇: one workbook, sheets 「重点项目」 and 「指标」. */
async function taohua(out: Out): Promise<TownExpect> {
  const town = '桃花镇';
  const grain: Grain = { plan: 10, ytd: 1 };
  const projects = realise(town, TAOHUA_SPECS, STAFF[town], grain);
  const wb = newBook();
  const ws = addSheet(wb, '重点项目');
  writeStdTable(ws, projects, {
    titleValue: `${town}重点项目推进情况表`,
    month: 10,
    sections: false,
    total: true,
    twoHeaderRows: false,
    notes: [
      [1, '截至2015年10月31日', 'left'],
      [16, '单位：万元', 'right'],
    ],
    footerText: FOOTER('冯建英'),
  });
  const wsi = addSheet(wb, '指标');
  writeIndicators(wsi, TAOHUA_INDICATORS, {
    titleText: `${town}主要指标完成情况`,
    columns: ['seq', 'name', 'unit', 'target', 'actual', 'yoy', 'remark'],
    headers: ['序号', '指标名称', '计量单位', '年度目标', '1-10月累计', '同比增长（%）', '备注'],
    notes: [[7, '截至2015年10月31日', 'right']],
    footerText: FOOTER('冯建英'),
  });
  taohuaPowersSheet(wb);
  const file = await out.book('桃花镇重点项目及主要指标.xlsx', wb);
  return {
    town,
    status: 'submitted',
    reportDate: AS_OF,
    files: [file],
    otherFiles: [],
    projects,
    indicators: TAOHUA_INDICATORS,
    notes: [
      'One workbook, two tables: sheet 「重点项目」 (one header row, 合计 row in A merged A:E) and sheet 「指标」.',
      'Indicators: headers 指标名称｜计量单位｜年度目标｜1-10月累计｜同比增长（%）｜备注; several names carry their unit 「地区生产总值（亿元）」; 一般公共预算收入 = 地方财政收入; 新增建设用地 written in 公顷 (catalog 亩, ×15).',
    ],
  };
}

/** 11. 石门镇: a file that must be rejected. */
async function shimen(out: Out): Promise<TownExpect> {
  const town = '石门镇';
  const grain: Grain = { plan: 10, ytd: 1 };
  const projects = realise(town, SHIMEN_SPECS, STAFF[town], grain);
  const wb = newBook();
  const ws = addSheet(wb, '重点项目');
  const rows = writeStdTable(ws, projects, {
    titleValue: `${town}重点项目推进情况表（截至2015年10月31日）`,
    month: 10,
    sections: false,
    total: false,
    twoHeaderRows: false,
    notes: [[16, '单位：万元', 'right']],
    footerText: FOOTER('田晓红'),
  });
  // Columns: F 总投资, G 计划, H 本周完成, I 1-10月累计完成投资.
  const errors: { sheet: string; cell: string; problem: string }[] = [];
  const at = (i: number, col: string): string => `${col}${rows[i]}`;
  ws.getCell(at(1, 'I')).value = '待定';
  errors.push({ sheet: '重点项目', cell: at(1, 'I'), problem: '累计完成投资 is the text 「待定」 (not a number)' });
  ws.getCell(at(3, 'H')).value = -50;
  errors.push({ sheet: '重点项目', cell: at(3, 'H'), problem: '本周完成 is negative (-50)' });
  ws.getCell(at(5, 'B')).value = projects[1].name;
  errors.push({ sheet: '重点项目', cell: at(5, 'B'), problem: `duplicate project name 「${projects[1].name}」 (also in ${at(1, 'B')})` });
  ws.getCell(at(4, 'B')).value = null;
  errors.push({ sheet: '重点项目', cell: at(4, 'B'), problem: 'row with numbers but no project name' });
  ws.getCell(at(6, 'I')).value = projects[6].total + 260;
  errors.push({
    sheet: '重点项目',
    cell: at(6, 'I'),
    problem: `1-10月累计完成投资 ${projects[6].total + 260} > 总投资 ${projects[6].total}`,
  });
  const file = await out.book('石门镇重点项目推进情况表.xlsx', wb);
  return {
    town,
    status: 'rejected',
    reportDate: AS_OF,
    files: [],
    otherFiles: [{ file, status: 'rejected', note: 'errors listed in expectedErrors' }],
    projects: null,
    indicators: null,
    notes: ['Canonical one-header layout, but with five deliberate errors; the file must be sent back.'],
    expectedErrors: errors,
  };
}

// ───────────────────────────── stray files ─────────────────────────────

function strays(out: Out): { file: string; status: string; note: string }[] {
  const lock = Buffer.alloc(165);
  const user = Buffer.from('Administrator', 'utf16le');
  lock.writeUInt8(13, 0);
  user.copy(lock, 1);
  lock.fill(0x20, 1 + user.length, 55);
  const rng = rngFor('stray');
  for (let i = 55; i < lock.length; i++) lock[i] = Math.floor(rng() * 256);
  out.raw('~$云峰镇重点项目.xlsx', lock);

  const thumbs = Buffer.alloc(3072);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(thumbs);
  for (let i = 8; i < thumbs.length; i++) thumbs[i] = Math.floor(rng() * 256);
  out.raw('Thumbs.db', thumbs);

  const docx = Buffer.concat([
    Buffer.from([0x50, 0x4b, 0x03, 0x04]),
    Buffer.from('[Content_Types].xml 关于报送重点项目推进情况的说明：本周各项目推进正常。', 'utf8'),
    Buffer.alloc(256),
  ]);
  out.raw('说明.docx', docx);
  return [
    { file: '~$云峰镇重点项目.xlsx', status: 'ignored', note: 'Excel lock file (165 bytes of junk)' },
    { file: 'Thumbs.db', status: 'ignored', note: 'Windows thumbnail cache (junk bytes)' },
    { file: '说明.docx', status: 'ignored', note: 'not a workbook (a broken docx-like zip)' },
  ];
}

// ───────────────────────────── delegated powers (扩权强镇事项) ─────────────────────────────
// Registers of the powers county departments delegated to the towns, in three layouts, plus one register with planted
// errors (白石镇, a separate file that is sent back while the town's projects are used). The expected counts are the
// generator's own: it counts the lists it wrote.

/** The county's eighteen departments as the county names them, with the long form some towns write. */
const PW_DEPARTMENTS: { name: string; full: string; objects: string[]; law: string; receiver: string }[] = [
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
const PW_WAYS = ['授权', '委托', '交办', '延伸机构', '干部兼职', '综合执法'] as const;
const PW_STATUSES = ['已承接', '部分承接', '未承接', '待批准'] as const;
/** The forms a power takes, by its type, most common first. */
const PW_FORMS: [string, (o: string) => string][] = [
  ['行政许可', (o) => `${o}许可`],
  ['行政处罚', (o) => `对${o}违法行为的处罚`],
  ['其他', (o) => `${o}的监督检查`],
  ['行政强制', (o) => `对${o}违法行为的查封扣押`],
  ['行政确认', (o) => `${o}的确认登记`],
  ['行政给付', (o) => `${o}补助发放`],
  ['行政征收', (o) => `${o}相关费用征收`],
];

interface Power {
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
function powersOf(town: string, counts: number[]): Power[] {
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
const YUNFENG_POWER_COUNTS = [8, 6, 7, 4, 9, 18, 8, 13, 7, 9, 4, 6, 7, 8, 7, 8, 10, 4];

function countsFor(town: string, departments: number): number[] {
  const rng = rngFor(`power-counts:${town}`);
  return PW_DEPARTMENTS.map((_, i) => (i < departments ? 1 + Math.floor(rng() * 6) : 0));
}

const isoToDate = (s: string): Date => new Date(Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10))));
const cnDate = (s: string): string => `${Number(s.slice(0, 4))}年${Number(s.slice(5, 7))}月${Number(s.slice(8, 10))}日`;

const PW_COLS: Col[] = [
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
function writePowersCanonical(ws: ExcelJS.Worksheet, town: string, list: Power[], who: string): number[] {
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
function writePowersGrouped(ws: ExcelJS.Worksheet, town: string, list: Power[], who: string): void {
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
function writePowersMerged(ws: ExcelJS.Worksheet, town: string, list: Power[], who: string): void {
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

interface PowerExpect {
  count: number;
  byWay: Record<string, number>;
  byStatus: Record<string, number>;
  byDepartment: Record<string, number>;
}

function powerExpect(list: Power[]): PowerExpect {
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
const POWERS_IN_WORKBOOK = new Map<string, { list: Power[]; note: string }>();

/** 桃花镇 keeps its register as a third sheet 「扩权事项」 of its workbook (layout A). */
function taohuaPowersSheet(wb: ExcelJS.Workbook): void {
  const town = '桃花镇';
  const list = powersOf(town, countsFor(town, 14));
  writePowersCanonical(addSheet(wb, '扩权事项'), town, list, '冯建英');
  POWERS_IN_WORKBOOK.set(town, { list, note: 'Sheet 「扩权事项」: the powers register, layout A (template headers, department on every row, 合计 row).' });
}

/** Adds the registers to the towns (separate files, and those written inside a workbook) and the planted errors. */
async function addPowers(out: Out, towns: TownExpect[]): Promise<void> {
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

// ───────────────────────────── roster & expected ─────────────────────────────

const ROSTER: [string, string[]][] = [
  ['云峰镇', ['云峰']],
  ['壶源镇', ['壶源']],
  ['东溪镇', ['东溪']],
  ['南岭镇', ['南岭']],
  ['白石镇', ['白石']],
  ['新塘镇', ['新塘']],
  ['清溪镇', ['清溪']],
  ['龙门镇', ['龙门']],
  ['金竹镇', ['金竹']],
  ['桃花镇', ['桃花']],
  ['石门镇', ['石门']],
  ['双港镇', ['双港', '双港镇人民政府']],
];

function totalsOf(ps: Project[]) {
  const planned = ps.filter((p) => (p.plan ?? 0) > 0);
  const planSum = sum(planned.map(planOf));
  const completion = planSum > 0 ? sum(planned.map((p) => p.ytd)) / planSum : null;
  const lights = ps.map((p) => lightOf(p.plan, p.ytd));
  return {
    count: ps.length,
    totalInvestment: r2(sum(ps.map((p) => p.total))),
    annualPlan: r2(sum(ps.map(planOf))),
    completedYtd: r2(sum(ps.map((p) => p.ytd))),
    weekDone: r2(sum(ps.map((p) => p.week))),
    green: lights.filter((l) => l === 'green').length,
    yellow: lights.filter((l) => l === 'yellow').length,
    red: lights.filter((l) => l === 'red').length,
    completion: completion === null ? null : r4(completion),
    gap: completion === null ? null : r2((completion - TIME_PROGRESS) * 100),
    /** Σ completedYtd of ALL projects (前期 ones' small 前期费用 included) / Σ annualPlan, for comparison. */
    completionAllYtd: planSum > 0 ? r4(sum(ps.map((p) => p.ytd)) / planSum) : null,
  };
}

function indicatorOut(x: Indicator) {
  const f = unitFactor(x.unit, x.catalogUnit);
  const target = r4(x.target * f);
  const actual = r4(x.actual * f);
  return {
    rawName: x.rawName,
    name: x.canonical ?? x.rawName,
    inDomainCatalog: x.canonical !== null,
    additive: x.additive,
    unit: x.catalogUnit,
    writtenUnit: x.unit,
    writtenTarget: x.target,
    writtenActual: x.actual,
    target,
    actual,
    yoy: x.yoy,
    completion: r4(actual / target),
  };
}

/** The county's powers: the towns' registers in use added up (each breakdown adds up to the count). */
function countyPowers(towns: TownExpect[]): PowerExpect {
  const out: PowerExpect = { count: 0, byWay: {}, byStatus: {}, byDepartment: {} };
  for (const t of towns) {
    if (!t.powers) continue;
    out.count += t.powers.count;
    for (const k of ['byWay', 'byStatus', 'byDepartment'] as const) {
      for (const [key, n] of Object.entries(t.powers[k])) out[k][key] = (out[k][key] ?? 0) + n;
    }
  }
  return out;
}

function expectedJson(towns: TownExpect[], strayFiles: { file: string; status: string; note: string }[]) {
  const submitted = towns.filter((t) => t.status === 'submitted');
  const allProjects = submitted.flatMap((t) => t.projects ?? []);
  // County indicators: additive ones summed over the towns that report them (catalog units).
  const county = new Map<string, { name: string; unit: string; target: number; actual: number; towns: number }>();
  for (const t of submitted)
    for (const x of t.indicators ?? []) {
      if (!x.additive || x.canonical === null) continue;
      const o = indicatorOut(x);
      const e = county.get(o.name) ?? { name: o.name, unit: o.unit, target: 0, actual: 0, towns: 0 };
      e.target = r4(e.target + o.target);
      e.actual = r4(e.actual + o.actual);
      e.towns++;
      county.set(o.name, e);
    }
  const files: { file: string; town: string | null; status: string; alsoAcceptable?: string[]; note?: string }[] = [];
  for (const t of towns) {
    for (const f of t.files) files.push({ file: f, town: t.town, status: 'accepted' });
    for (const f of t.otherFiles)
      files.push({ file: f.file, town: t.town, status: f.status, alsoAcceptable: f.alsoAcceptable, note: f.note });
  }
  for (const s of strayFiles) files.push({ file: s.file, town: null, status: s.status, note: s.note });
  files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return {
    county: COUNTY,
    asOf: AS_OF,
    timeProgress: r4(TIME_PROGRESS),
    thresholds: { yellowBelow: YELLOW_BELOW },
    amountsIn: '万元',
    tolerance: 0.01,
    notes: [
      'Sums are over the projects that must be counted: no section/小计/合计/总计 rows, only the latest report of a town.',
      'annualPlan counts an empty plan as 0. completion = Σ completedYtd / Σ annualPlan over projects whose plan > 0 (types.ts wording); completionAllYtd also counts the ytd of 前期 projects without a plan; gap in 个百分点.',
      'Lights: green ≥ 序时进度 (10/12), yellow within 10 points below, red below that, none where plan is empty/0.',
      'Indicator target/actual are converted to the catalog unit; writtenTarget/writtenActual are as written.',
    ],
    towns: towns.map((t) => ({
      town: t.town,
      status: t.status,
      reportDate: t.reportDate,
      files: t.files,
      otherFiles: t.otherFiles,
      projects: t.projects ? totalsOf(t.projects) : null,
      indicators: t.indicators ? { count: t.indicators.length, items: t.indicators.map(indicatorOut) } : null,
      layout: t.notes,
      expectedErrors: t.expectedErrors,
      powers: t.powers ?? null,
      powerErrors: t.powerErrors,
      projectList: t.projects
        ? t.projects.map((p) => ({
            seq: p.seq,
            name: p.name,
            category: p.category,
            status: p.status,
            totalInvestment: p.total,
            annualPlan: p.plan,
            weekDone: p.week,
            completedYtd: p.ytd,
            completion: p.plan && p.plan > 0 ? r4(p.ytd / p.plan) : null,
            light: lightOf(p.plan, p.ytd),
            leader: p.leader,
            problems: p.problems || null,
          }))
        : null,
    })),
    countyTotals: {
      towns: { submitted: submitted.length, rejected: towns.filter((t) => t.status === 'rejected').length, missing: towns.filter((t) => t.status === 'missing').length },
      projects: totalsOf(allProjects),
      indicators: [...county.values()],
      powers: countyPowers(submitted),
    },
    files,
  };
}

// ───────────────────────────── county targets and last week's report (issue #4) ─────────────────────────────
//
// sample/targets.xlsx: the county's target workbook (town × indicator × 2014-2016) with one mid-term adjustment in
// force at the as-of date, one adjustment dated after it, and one town whose own sheet states another target.
// sample/last-week.json: the JSON report of last week (2015-10-24), made by really consolidating a last-week variant
// of the sample (each town's projects with this week's work taken off) through the core.

const LAST_WEEK_AS_OF = '2015-10-24';
/** 序时进度 on 2015-10-24 (not a month end: days elapsed, 297 of 365). */
const LAST_WEEK_PROGRESS = 297 / 365;

interface TargetSpec {
  town: string;
  indicator: string;
  unit: string;
  target: number;
  adjusted?: number;
  adjustedOn?: Date;
  adjustDoc?: string;
}

/** The county's targets for 2015: the towns' own, but for the three planted cases. */
function targetSpecs(towns: TownExpect[]): { specs: TargetSpec[]; differs: { town: string; indicator: string; townTarget: number; county: number } } {
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

async function writeTargetsWorkbook(file: string, specs: TargetSpec[]): Promise<void> {
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
async function cellOf(file: string, name: string, header: string): Promise<{ sheet: string; cell: string }> {
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

function lastWeekLight(plan: number | null, ytd: number): Light {
  if (plan === null || plan <= 0) return null;
  const c = ytd / plan;
  if (c >= LAST_WEEK_PROGRESS) return 'green';
  if (c >= LAST_WEEK_PROGRESS - YELLOW_BELOW / 100) return 'yellow';
  return 'red';
}

/** Last week's variant of every town that reported (石门镇 too: its report was fine last week), consolidated. */
async function lastWeekReport(file: string, towns: TownExpect[]) {
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
async function issue4Sample(parent: string, outDir: string, towns: TownExpect[], expected: { towns: { town: string; indicators: { items: { name: string; target: number }[] } | null }[] }) {
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
