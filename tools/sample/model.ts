/** The sample county's model: constants, the seeded PRNG, projects and how they are realised from a town's specs, the staff. */
import { mulberry32 } from '../lib/prng';

// ───────────────────────────── constants ─────────────────────────────

export const COUNTY = '青川县';
export const AS_OF = '2015-10-31';
export const MONTH = 10;
export const TIME_PROGRESS = MONTH / 12;
export const YELLOW_BELOW = 10; // percentage points below 序时进度 that are still yellow
/** Workbook created/modified and zip entry dates: 2015-10-31 17:30 (+08:00). */
export const FIXED_DATE = new Date(Date.UTC(2015, 9, 31, 9, 30, 0));

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

export function hashString(s: string): number {
  let h = 2166136261;
  for (const ch of s) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

export type Rng = () => number;
export const rngFor = (key: string): Rng => mulberry32(hashString(`qingchuan:${key}`));
export const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length) % xs.length];
export const between = (rng: Rng, lo: number, hi: number): number => lo + (hi - lo) * rng();
export const roundTo = (x: number, step: number): number => Math.round(x / step) * step;
export const r2 = (x: number): number => Math.round(x * 100) / 100;
export const r4 = (x: number): number => Math.round(x * 10000) / 10000;

// ───────────────────────────── the model ─────────────────────────────

export type Category = '基础设施' | '产业发展' | '社会事业' | '生态环境';
export type Status = '前期' | '在建' | '竣工';
export type LightPlan = 'g' | 'y' | 'r' | null;
export type Light = 'green' | 'yellow' | 'red' | null;

export const CATEGORIES: Category[] = ['基础设施', '产业发展', '社会事业', '生态环境'];
export const SECTION_TITLES: Record<Category, string> = {
  基础设施: '一、基础设施类',
  产业发展: '二、产业发展类',
  社会事业: '三、社会事业类',
  生态环境: '四、生态环境类',
};

/** What a town planned for a project; the numbers are realised from it with the town's PRNG. */
export interface Spec {
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
export interface Project {
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

export interface Grain {
  /** Rounding of the annual plan, 万元. */
  plan: number;
  /** Rounding of the year-to-date amount, 万元. */
  ytd: number;
  /** 前期 projects write 0 (not empty) as annual plan. */
  prepZero?: boolean;
}

export const PROGRESS_PREP = [
  '完成项目建议书，正在编制可行性研究报告',
  '完成方案设计，正在办理用地预审',
  '正在办理立项及环评审批手续',
  '完成初步设计评审，准备招标',
  '正在进行政策处理及土地报批',
];
export const PROGRESS_DONE = ['已完工，正在办理竣工验收', '已竣工验收并投入使用', '主体工程完工，正在进行结算审计'];
/** What kind of works a project is, from its name, to pick believable progress texts. */
export type Works = 'road' | 'pipe' | 'river' | 'park' | 'building' | 'housing' | 'factory' | 'tourism' | 'env' | 'generic';
export function worksOf(town: string, fullName: string): Works {
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
export const PROGRESS_BUILD: Record<Works, string[]> = {
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
export const WEEK_BUILD: Record<Works, string[]> = {
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
export const WEEK_PREP = ['完成可研报告专家评审', '上报用地预审材料', '配合环评单位现场踏勘', '完成地形测绘', '与国土部门对接土地报批事宜'];
export const WEEK_DONE = ['配合审计单位进行结算审核', '整理竣工验收资料', '完成消防验收', '完成绿化养护移交'];
export const NEXT_BUILD: Record<Works, string[]> = {
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
export const NEXT_PREP = ['完成立项批复', '办理用地预审', '启动施工招标', '完成初步设计', '完成环评公示'];
export const NEXT_DONE = ['完成竣工验收备案', '移交使用单位', '办理工程结算'];
export const PROBLEMS = [
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

export function fill(rng: Rng, tpl: string, rate = 0.8): string {
  return tpl
    .replace('{p}', String(Math.max(10, Math.min(95, Math.round(rate * between(rng, 55, 80))))))
    .replace('{f}', String(Math.round(between(rng, 2, 5))))
    .replace('{h}', String(Math.round(between(rng, 4, 11))))
    .replace('{n}', String(Math.round(between(rng, 2, 12))))
    .replace('{m}', String(roundTo(between(rng, 300, 2500), 100)));
}

export function lightOf(plan: number | null, ytd: number): Light {
  if (plan === null || plan <= 0) return null;
  const c = ytd / plan;
  if (c >= TIME_PROGRESS) return 'green';
  if (c >= TIME_PROGRESS - YELLOW_BELOW / 100) return 'yellow';
  return 'red';
}

export const LIGHT_NAME: Record<'g' | 'y' | 'r', Light> = { g: 'green', y: 'yellow', r: 'red' };

export interface TownStaff {
  leaders: string[];
  units: Record<Category, string[]>;
}

export function realise(town: string, specs: Spec[], staff: TownStaff, grain: Grain): Project[] {
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
export function earlier(town: string, projects: Project[], share: [number, number], grain: Grain): Project[] {
  const rng = rngFor(`earlier:${town}:${share.join('-')}`);
  return projects.map((p) => {
    if (p.status !== '在建' || p.ytd === 0) return { ...p };
    const ytd = Math.max(0, roundTo(p.ytd * between(rng, share[0], share[1]), grain.ytd));
    const week = Math.min(ytd, Math.max(0, Math.round(ytd * between(rng, 0.01, 0.05))));
    return { ...p, ytd, week, problems: p.problems, weekProgress: fill(rng, pick(rng, WEEK_BUILD[worksOf(town, p.name)])) };
  });
}

/** Last week's report of the same projects: year-to-date was this week's minus this week's work. */
export function lastWeek(town: string, projects: Project[]): Project[] {
  const rng = rngFor(`lastweek:${town}`);
  return projects.map((p) => {
    if (p.status !== '在建') return { ...p };
    const ytd = p.ytd - p.week;
    const week = Math.min(ytd, Math.max(0, Math.round(ytd * between(rng, 0.01, 0.04))));
    return { ...p, ytd, week, weekProgress: week > 0 ? fill(rng, pick(rng, WEEK_BUILD[worksOf(town, p.name)])) : p.weekProgress };
  });
}

/** Sort by category in the fixed order and renumber, as section-grouped tables are written. */
export function byCategory(ps: Project[]): Project[] {
  const out: Project[] = [];
  for (const c of CATEGORIES) for (const p of ps) if (p.category === c) out.push(p);
  return out.map((p, i) => ({ ...p, seq: i + 1 }));
}

export const defaultUnits = (extra: Partial<Record<Category, string[]>> = {}): Record<Category, string[]> => ({
  基础设施: extra.基础设施 ?? ['城建办', '镇村规划建设办公室'],
  产业发展: extra.产业发展 ?? ['经济发展办公室', '工业园区管委会'],
  社会事业: extra.社会事业 ?? ['社会事务管理办公室', '文教办'],
  生态环境: extra.生态环境 ?? ['城建办', '农业农村办公室'],
});

// ───────────────────────────── the towns' projects ─────────────────────────────

export type Row = [string, Category, Status, LightPlan, number, string, string];
export const specs = (rows: Row[]): Spec[] =>
  rows.map(([name, category, status, light, total, scope, period]) => ({ name, category, status, light, total, scope, period }));

export const STAFF: Record<string, TownStaff> = {
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
