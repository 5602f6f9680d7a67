/**
 * Headers as officials write them (issue #15): property tests over phrasings generated from their parts (period
 * word × measure × unit form × noise × one/two/three-row layouts), the negative cases, a county's own phrasings
 * through its configuration, ambiguity said, blanks and dashes, targets not reported and a register's own 合计.
 *
 * The oracle is the parts the generator chose (the field a phrasing is built to mean), not the code's own output.
 * Pure core only: grids are built in memory. Reproduce a failure with FC_SEED=<seed>.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import * as path from 'node:path';
import {
  AnalyzedFile, Grid, GridCell, RosterTown, SourceFile, analysisContext, analyzeSource, consolidate, parseCountyConfig, toJsonReport,
} from '../../core';
import { DEFAULT_LEXICON, headerLexicon, headerMeaning, normaliseHeader } from '../../core/headers';
import { findTables } from '../../core/table';
import type { CountyTargets } from '../../core/targets';
import { writeSummaryWorkbook } from '../../io/write/summary-workbook';
import { tmpDir } from '../support/books';

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
const params = (numRuns: number) => ({ numRuns, ...(SEED !== undefined ? { seed: SEED } : {}) });

/* ------------------------------------------------------------------ the parts ---------------------------------- */

const YTD_PERIODS = ['1-10月', '1~10月', '1—10月', '1－10月', '1至10月', '本年', '今年', '年度', '本年度', '今年以来', '自年初', '年初至今', '截至10月底', '2015年1-10月'];
const YTD_MEASURES = ['累计完成投资', '累计完成', '完成投资', '累计投资', '完成', '累计完成投资额', '实际完成投资'];
const SINCE_MARKERS = ['开工以来', '建设以来', '自开工', '累计至今', '历年累计', '开工至今', '自开工以来'];
const SINCE_MEASURES = ['累计完成投资', '完成投资', '累计完成', '累计投资'];
const PLAN_YEARS = ['2015年', '2015年度', '本年', '今年', '年度', '本年度', '全年'];
const PLAN_MEASURES = ['计划投资', '投资计划', '计划', '计划投资额', '计划完成投资'];
const WEEK_PERIODS = ['本周', '当周'];
const WEEK_MEASURES = ['完成投资', '完成', '投资', '完成额', '完成投资额'];
const TOTALS = ['总投资', '计划总投资', '项目总投资', '投资总额', '总投资额', '概算总投资'];
const SHARES = ['占年度计划%', '占年度计划', '占年度计划（%）', '完成年度计划%', '年度计划完成率', '完成率', '占计划%', '投资完成率'];

const UNITS = ['', '（万元）', '(万元)', '/万元', '（单位：万元）', '(亿元)', '（元）', '\n（万元）'];
/** Noise an official adds: footnote marks, numbering, colons, spaces, line breaks, full-width letters. */
const NOISE: ((s: string) => string)[] = [
  (s) => s,
  (s) => `${s}※`,
  (s) => `${s}*`,
  (s) => `${s}①`,
  (s) => `${s}⑴`,
  (s) => `${s}（注1）`,
  (s) => `${s}：`,
  (s) => `1.${s}`,
  (s) => `（一）${s}`,
  (s) => ` ${s.split('').join(' ')} `,
  (s) => (s.length > 2 ? `${s.slice(0, 2)}\n${s.slice(2)}` : s),
  (s) => s.replace(/[0-9%()~-]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)),
];

type Case = { parts: string[]; field: string | 'derived'; unit?: string };
const unitOf = (u: string) => (/亿元/.test(u) ? '亿元' : /万元/.test(u) ? '万元' : /元/.test(u) ? '元' : undefined);

/** A phrasing of a field as one, two or three header rows: [group…, leaf]. */
function layouts(period: string, measure: string, unit: string): string[][] {
  return [
    [`${period}${measure}${unit}`],
    [`${measure}（${period}）${unit}`],
    [period, `${measure}${unit}`],
    [`投资完成情况${unit}`, `${period}${measure}`],
  ];
}

const pick = <T,>(xs: readonly T[]) => fc.constantFrom(...xs);

function cases(periods: string[], measures: string[], field: string, opts: { reversed?: boolean } = {}): fc.Arbitrary<Case> {
  return fc.tuple(pick(periods), pick(measures), pick(UNITS), pick(NOISE), fc.nat(3)).map(([p, m, u, noise, layout]) => {
    const all = layouts(p, m, u).filter((l, i) => opts.reversed !== false || i !== 1);
    const parts = all[layout % all.length].slice();
    parts[parts.length - 1] = noise(parts[parts.length - 1]);
    return { parts, field, unit: unitOf(u) };
  });
}

const meaningOf = (parts: string[]) => headerMeaning('projects', parts[parts.length - 1], DEFAULT_LEXICON, parts.slice(0, -1));
const keyOf = (parts: string[]) => {
  const m = meaningOf(parts);
  return m.field ? m.field.key : m.derived ? 'derived' : m.ambiguous ? `ambiguous` : null;
};

const ytd = cases(YTD_PERIODS, YTD_MEASURES, 'completedYtd');
const since = cases(SINCE_MARKERS, SINCE_MEASURES, 'completedSinceStart');
const plan = cases(PLAN_YEARS, PLAN_MEASURES, 'annualPlan');
const week = cases(WEEK_PERIODS, WEEK_MEASURES, 'weekDone');
const total = fc.tuple(pick(TOTALS), pick(UNITS), pick(NOISE)).map(([t, u, n]) => ({ parts: [n(`${t}${u}`)], field: 'totalInvestment' }));
const share = fc.tuple(pick(SHARES), pick(NOISE), fc.boolean()).map(([t, n, grouped]) => ({ parts: grouped ? ['投资完成情况（万元）', n(t)] : [n(t)], field: 'derived' }));

describe('header meaning from parts', () => {
  test.each([
    ['this year\'s cumulative', ytd],
    ['since the project started', since],
    ['this year\'s plan', plan],
    ['this week', week],
    ['total investment', total],
    ['a share of the plan (derived)', share],
  ] as const)('%s: every period word × measure × unit × noise × layout maps to its field', (_, arb) => {
    fc.assert(fc.property(arb as fc.Arbitrary<Case>, (c) => {
      expect([c.parts, keyOf(c.parts)]).toEqual([c.parts, c.field]);
    }), params(400));
  });

  test('the unit is read wherever it stands, and converts', () => {
    fc.assert(fc.property(ytd, (c) => {
      expect([c.parts, meaningOf(c.parts).unit?.name]).toEqual([c.parts, c.unit]);
    }), params(300));
  });

  test('negative: a since-start phrasing never becomes this year\'s cumulative, nor this year\'s a since-start one', () => {
    fc.assert(fc.property(since, (c) => expect([c.parts, keyOf(c.parts)]).not.toEqual([c.parts, 'completedYtd'])), params(400));
    fc.assert(fc.property(ytd, (c) => expect([c.parts, keyOf(c.parts)]).not.toEqual([c.parts, 'completedSinceStart'])), params(400));
    // both at once: said ambiguous, neither taken
    fc.assert(fc.property(pick(['本年', '今年', '1-10月', '年度']), pick(['开工以来', '自开工', '累计至今', '历年累计']), pick(SINCE_MEASURES), pick(UNITS), (y, s, m, u) => {
      const h = `${y}${s}${m}${u}`;
      expect([h, keyOf([h])]).toEqual([h, 'ambiguous']);
    }), params(200));
  });

  test('negative: 「占年度计划%」 and its kin never map to an amount, in any layout or noise', () => {
    fc.assert(fc.property(share, (c) => {
      const m = meaningOf(c.parts);
      expect([c.parts, m.field?.type ?? null]).toEqual([c.parts, null]);
      expect(m.derived).toBe(true);
    }), params(300));
  });

  test('negative: last year\'s, next week\'s, one month\'s and a breakdown\'s figures are no field', () => {
    for (const h of ['上年同期完成', '去年同期累计完成投资', '上周累计完成', '下周计划投资', '本月完成投资', '当月完成', '其中：政府投资']) {
      expect([h, keyOf([h])]).toEqual([h, null]);
    }
    expect(keyOf(['总投资', '其中：政府投资'])).toBeNull();
    expect(keyOf(['上年同期', '累计完成'])).toBeNull();
  });

  test('period words beat the bare 「累计」; the group header fills what the leaf does not say', () => {
    expect(keyOf(['今年以来累计完成投资'])).toBe('completedYtd');
    expect(keyOf(['累计'])).toBe('completedYtd');
    expect(keyOf(['开工以来', '累计'])).toBe('completedSinceStart');
    expect(keyOf(['投资完成情况', '本年累计'])).toBe('completedYtd');
    expect(keyOf(['2015年', '投资完成', '本周'])).toBe('weekDone');
    expect(keyOf(['2015年', '投资完成', '1-10月累计'])).toBe('completedYtd');
    expect(keyOf(['本年', '计划'])).toBe('annualPlan');
    expect(keyOf(['总投资', '合计'])).toBe('totalInvestment');
  });

  test('a header that could be two fields is said ambiguous, not guessed', () => {
    expect(meaningOf(['计划投资']).ambiguous?.map((f) => f.key)).toEqual(['totalInvestment', 'annualPlan']);
    expect(meaningOf(['本年开工以来累计']).ambiguous?.map((f) => f.key)).toEqual(['completedYtd', 'completedSinceStart']);
    expect(meaningOf(['本周累计完成']).ambiguous?.map((f) => f.key)).toEqual(['weekDone', 'completedYtd']);
  });

  test('indicators: targets, year-to-date figures and yoy from parts; last year\'s figure is none', () => {
    const ind = (h: string, groups: string[] = []) => {
      const m = headerMeaning('indicators', h, DEFAULT_LEXICON, groups);
      return m.field?.key ?? (m.derived ? 'derived' : null);
    };
    for (const y of ['2015年', '本年', '年度', '全年']) for (const n of NOISE.slice(0, 9)) expect([y, ind(n(`${y}目标`))]).toEqual([y, 'target']);
    for (const p of ['1-10月', '本年', '今年以来', '自年初']) expect([p, ind(`${p}累计完成※`)]).toEqual([p, 'actual']);
    expect(ind('同比增长（%）')).toBe('yoy');
    expect(ind('完成年度目标%')).toBe('derived');
    expect(ind('上年同期')).toBeNull();
    expect(ind('1-10月', ['完成情况'])).toBe('actual');
  });

  test('normalising: noise and units out, the rest kept', () => {
    expect(normaliseHeader('1.累计完成投资（万元）※').key).toBe('累计完成投资');
    expect(normaliseHeader('投资情况（万元）本周').key).toBe('投资情况本周');
    expect(normaliseHeader('总投资\n（亿元）：').unit?.name).toBe('亿元');
    expect(normaliseHeader('备注').key).toBe('备注');
  });
});

/* ------------------------------------------------------------------ whole tables ------------------------------- */

const c = (v: unknown): GridCell | undefined => (v === null || v === undefined ? undefined : { value: v as GridCell['value'] });
const ROSTER: RosterTown[] = [{ name: '云峰镇', aliases: [] }, { name: '桃花镇', aliases: [] }];
const AS_OF = '2015-10-31';

function gridOf(rows: unknown[][], merges: Grid['merges'] = []): Grid {
  return { sheet: 'S', hidden: false, merges, rows: rows.map((r) => r.map(c)) };
}

function analyse(name: string, g: Grid, opts: Parameters<typeof analysisContext>[0] = { roster: ROSTER, asOf: AS_OF }): AnalyzedFile {
  const src: SourceFile = { file: name, mtimeMs: 0, ok: true, grids: [g] };
  return analyzeSource(src, analysisContext(opts));
}

const issuesOf = (f: AnalyzedFile) => (f.ok ? f.analysis.issues : []);

describe('whole tables in one, two and three header rows', () => {
  test('a generated phrasing of 1-N月累计 is found in its column by the table finder, with the other columns', () => {
    fc.assert(fc.property(ytd, fc.nat(2), (c0, extra) => {
      const leaf = c0.parts[c0.parts.length - 1];
      const groups = c0.parts.slice(0, -1);
      const base = ['项目名称', '总投资（万元）', '年度计划投资（万元）'];
      const pad = Array.from({ length: extra }, (_, i) => `备注${i + 1}`);
      let rows: unknown[][];
      let merges: Grid['merges'] = [];
      if (groups.length === 0) rows = [[...base, ...pad, leaf]];
      else {
        const w = base.length + pad.length;
        rows = [[...base, ...pad, groups[0]], [...Array(w).fill(null), leaf]];
        merges = Array.from({ length: w }, (_, i) => ({ top: 0, left: i, bottom: 1, right: i }));
      }
      const g = gridOf([['云峰镇重点项目（截至2015年10月31日）'], ...rows, ['云峰大道', 5000, 2000, ...pad.map(() => null), 1800]].map((r, i) => (i === 0 ? r : r)), merges.map((m) => ({ ...m, top: m.top + 1, bottom: m.bottom + 1 })));
      const t = findTables(g);
      expect(t).toHaveLength(1);
      expect([c0.parts, t[0].fieldCols.get('completedYtd')?.col]).toEqual([c0.parts, base.length + pad.length]);
    }), params(150));
  });

  test('the issue\'s three towns: footnote mark, another wording of this year\'s cumulative, a short form under a group header', () => {
    const books: [string, unknown[][], Grid['merges']][] = [
      ['footnote', [['项目名称', '总投资※', '年度计划投资①', '1-10月累计完成投资*']], []],
      ['wording', [['项目名称', '总投资', '本年度计划投资', '今年以来累计完成投资']], []],
      ['group', [['项目名称', '总投资', '年度计划投资', '投资完成情况', null], [null, null, null, '本周', '本年累计']], [
        { top: 1, left: 0, bottom: 2, right: 0 }, { top: 1, left: 1, bottom: 2, right: 1 }, { top: 1, left: 2, bottom: 2, right: 2 }, { top: 1, left: 3, bottom: 1, right: 4 },
      ]],
    ];
    for (const [name, header, merges] of books) {
      const body = header.length === 2 ? [['云峰大道', 5000, 2000, 40, 1800]] : [['云峰大道', 5000, 2000, 1800]];
      const f = analyse(`云峰镇-${name}.xlsx`, gridOf([['云峰镇重点项目（截至2015年10月31日）　单位：万元'], ...header, ...body], merges));
      expect([name, issuesOf(f).filter((i) => i.severity === 'error').map((i) => i.code)]).toEqual([name, []]);
      const p = f.ok ? f.analysis.tables[0].projects[0].values : null;
      expect([name, p?.completedYtd, p?.completedSinceStart ?? null]).toEqual([name, 1800, null]);
    }
  });

  test('a missing column names the headers not understood, the closest field of each, and how to teach them', () => {
    const f = analyse('云峰镇.xlsx', gridOf([['云峰镇重点项目（截至2015年10月31日）　单位：万元'], ['项目名称', '总投资', '年度计划投资', '实物工作量', '责任领导人'], ['云峰大道', 5000, 2000, 1800, '张明']]));
    const e = issuesOf(f).find((i) => i.code === 'E_REQUIRED_COLUMN')!;
    expect(e.message).toContain('缺少必填列「1-N月累计完成投资」');
    expect(e.message).toContain('表中未能识别的表头：「实物工作量」、「责任领导人」（最接近「项目组长」）');
    expect(e.message).toContain('{"headers":{"projects":{"completedYtd":["实物工作量"]}}}');
  });

  test('ambiguity is said: a column that could be two fields, two columns of one figure that disagree', () => {
    const a = analyse('云峰镇.xlsx', gridOf([['云峰镇重点项目（截至2015年10月31日）　单位：万元'], ['项目名称', '总投资', '计划投资', '年度计划投资', '累计完成投资'], ['云峰大道', 5000, 3000, 2000, 1800]]));
    expect(issuesOf(a).map((i) => [i.code, i.cell])).toEqual([['W_HEADER_AMBIGUOUS', 'C2']]);
    expect(issuesOf(a)[0].message).toContain('「计划投资」既可能是「总投资」，也可能是「年度计划投资」');
    const b = analyse('云峰镇.xlsx', gridOf([['云峰镇重点项目（截至2015年10月31日）　单位：万元'], ['项目名称', '总投资', '年度计划投资', '累计完成投资', '1-10月完成投资'], ['云峰大道', 5000, 2000, 1800, 1700]]));
    expect(issuesOf(b).map((i) => [i.code, i.cell])).toEqual([['E_COLUMN_TWICE', 'E2']]);
    expect(issuesOf(b)[0].message).toContain('D列「累计完成投资」和E列「1-10月完成投资」都是「1-N月累计完成投资」');
    // the same figures twice: a warning, the first column taken
    const d = analyse('云峰镇.xlsx', gridOf([['云峰镇重点项目（截至2015年10月31日）　单位：万元'], ['项目名称', '总投资', '年度计划投资', '累计完成投资', '1-10月完成投资'], ['云峰大道', 5000, 2000, 1800, 1800]]));
    expect(issuesOf(d).map((i) => i.code)).toEqual(['W_DUPLICATE_COLUMN']);
  });
});

/* ------------------------------------------------------------------ a county teaches a phrasing ----------------- */

describe('--config headers', () => {
  const HEADER = ['项目名称', '总投资', '年度计划投资', '实物工作量'];
  const g = () => gridOf([['云峰镇重点项目（截至2015年10月31日）　单位：万元'], HEADER, ['云峰大道', 5000, 2000, 1800]]);

  test('a phrasing added through the configuration is recognised (by field key or by label, with noise)', () => {
    expect(issuesOf(analyse('云峰镇.xlsx', g())).map((i) => i.code)).toContain('E_REQUIRED_COLUMN');
    for (const text of [
      '{"headers": {"projects": {"completedYtd": ["实物工作量"]}}}',
      '{"headers": {"projects": {"1-N月累计完成投资": ["实物工作量（万元）※"]}}}',
    ]) {
      const cfg = parseCountyConfig(text, 'county.json');
      if (!cfg.ok) throw new Error(cfg.message);
      const f = analyse('云峰镇.xlsx', g(), { roster: ROSTER, asOf: AS_OF, headers: cfg.config.headers });
      expect(issuesOf(f)).toEqual([]);
      expect(f.ok && f.analysis.tables[0].projects[0].values.completedYtd).toBe(1800);
    }
    // the default lexicon is untouched by a county's
    expect(headerMeaning('projects', '实物工作量', headerLexicon({ projects: { completedYtd: ['实物工作量'] } })).field?.key).toBe('completedYtd');
    expect(headerMeaning('projects', '实物工作量').field).toBeNull();
  });

  test.each([
    ['{"headers": {"project": {"completedYtd": ["x"]}}}', 'headers 中有不认识的设置项：project（表格种类只能是 projects'],
    ['{"headers": {"projects": {"completed": ["本年实物量"]}}}', 'headers.projects 中的「completed」不是重点项目表的字段；可用的字段：seq（序号）'],
    ['{"headers": {"projects": {"completedYtd": "本年实物量"}}}', '「表头写法 headers」（headers.projects.completedYtd）的值不正确（每个字段应是一组表头文字'],
    ['{"headers": {"projects": {"completedYtd": [""]}}}', 'headers.projects.completedYtd.0'],
    ['{"headers": {"projects": {"completedYtd": ["（万元）"]}}}', '去掉单位和符号后是空的'],
    ['{"headers": {"projects": {"completedYtd": ["总投资"]}}}', '「总投资」本程序已识别为「总投资」（totalInvestment），不能再作为「1-N月累计完成投资」的写法'],
    ['{"headers": {"projects": {"completedYtd": ["实物量"], "weekDone": ["实物量"]}}}', '表头「实物量」在 headers.projects 中既写给了 completedYtd，又写给了 weekDone'],
  ])('a bad entry is refused with a clear Chinese message: %s', (text, expected) => {
    const r = parseCountyConfig(text, 'county.json');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain(expected);
    expect(!r.ok && r.message).toMatch(/^配置文件 county\.json：/);
  });
});

/* ------------------------------------------------------------------ blanks and dashes -------------------------- */

describe('blanks and dashes in amount columns', () => {
  const MARKS: [string, unknown][] = [['blank', null], ['—', '—'], ['-', '-'], ['/', '/'], ['无', '无'], ['——', '——'], ['－', '－']];

  test.each(MARKS)('「%s」 in 1-N月累计 with an annual plan: no figure, counted as 0 % done, said on the cell', (_, mark) => {
    const f = analyse('云峰镇.xlsx', gridOf([
      ['云峰镇重点项目（截至2015年10月31日）　单位：万元'],
      ['项目名称', '总投资', '年度计划投资', '本周完成', '累计完成投资'],
      ['云峰大道', 5000, 2000, mark, mark],
      ['云峰桥', 800, 400, 10, 380],
    ]));
    expect(issuesOf(f).map((i) => [i.code, i.cell])).toEqual([['W_PLAN_NO_YTD', 'E3']]);
    expect(issuesOf(f)[0].message).toContain(mark === null ? '是空白' : `填的是「${mark}」`);
    const r = consolidate([f], { roster: ROSTER, asOf: AS_OF });
    const town = r.towns.find((t) => t.town === '云峰镇')!;
    const p = town.projectList.find((x) => x.name === '云峰大道')!;
    expect([p.completedYtd, p.weekDone, p.completion, p.light]).toEqual([null, null, 0, 'red']);
    // totals: no figure adds nothing; the rate keeps the plan of the project without a figure
    expect([town.projects!.completedYtd, town.projects!.weekDone, town.projects!.annualPlan]).toEqual([380, 10, 2400]);
    expect(town.projects!.completion).toBeCloseTo(380 / 2400, 10);
  });

  test('a written 0 is a figure: no warning, 0 % done; a mark in 年度计划 means no plan: no rate, no light', () => {
    const f = analyse('云峰镇.xlsx', gridOf([
      ['云峰镇重点项目（截至2015年10月31日）　单位：万元'],
      ['项目名称', '总投资', '年度计划投资', '累计完成投资'],
      ['云峰大道', 5000, 2000, 0],
      ['云峰桥', '—', '—', 300],
      ['云峰路', 800, '无', null],
    ]));
    expect(issuesOf(f)).toEqual([]);
    const r = consolidate([f], { roster: ROSTER, asOf: AS_OF });
    const list = r.towns.find((t) => t.town === '云峰镇')!.projectList;
    expect(list.map((p) => [p.name, p.totalInvestment, p.annualPlan, p.completedYtd, p.completion, p.light])).toEqual([
      ['云峰大道', 5000, 2000, 0, 0, 'red'],
      ['云峰桥', null, null, 300, null, null],
      ['云峰路', 800, null, null, null, null],
    ]);
    // the planned-only rate: 0 of 2000 (云峰桥's 300 has no plan to be measured against)
    expect(r.towns.find((t) => t.town === '云峰镇')!.projects!.completion).toBe(0);
  });

  test('「一」 (the numeral one, sometimes typed for a dash) is no mark: an error, not a silent zero or one', () => {
    const f = analyse('云峰镇.xlsx', gridOf([
      ['云峰镇重点项目（截至2015年10月31日）　单位：万元'],
      ['项目名称', '总投资', '年度计划投资', '累计完成投资'],
      ['云峰大道', 5000, 2000, '一'],
    ]));
    expect(issuesOf(f).map((i) => [i.code, i.cell])).toEqual([['E_NOT_NUMBER', 'D3']]);
  });
});

/* ------------------------------------------------------------------ what the county must see --------------------- */

describe('never silently absent', () => {
  const targets: CountyTargets = {
    source: '目标.xlsx',
    rows: [
      { town: '云峰镇', indicator: '地区生产总值', unit: '亿元', year: 2015, target: 30, adjustedTarget: null, adjustedOn: null, adjustDoc: null, sheet: 'S', row: 2 },
      { town: '云峰镇', indicator: '财政总收入', unit: '亿元', year: 2015, target: 3, adjustedTarget: null, adjustedOn: null, adjustDoc: null, sheet: 'S', row: 3 },
      { town: '云峰镇', indicator: '新增建设用地', unit: '亩', year: 2014, target: 300, adjustedTarget: null, adjustedOn: null, adjustDoc: null, sheet: 'S', row: 4 },
      { town: '桃花镇', indicator: '地区生产总值', unit: '亿元', year: 2015, target: 20, adjustedTarget: null, adjustedOn: null, adjustDoc: null, sheet: 'S', row: 5 },
    ],
  };

  test('an indicator with a county target that a submitting town did not report is listed, on 主要指标, in the JSON and as a warning', async () => {
    const yf = analyse('云峰镇.xlsx', gridOf([
      ['云峰镇主要指标（截至2015年10月31日）'],
      ['指标名称', '单位', '年度目标', '1-10月累计'],
      ['地区生产总值', '亿元', 30, 25],
    ]));
    // 桃花镇 sent only its projects: every indicator with a target is not reported
    const tf = analyse('桃花镇.xlsx', gridOf([['桃花镇重点项目（截至2015年10月31日）　单位：万元'], ['项目名称', '总投资', '年度计划投资', '累计完成投资'], ['桃花路', 500, 200, 150]]));
    const r = consolidate([yf, tf], { roster: ROSTER, asOf: AS_OF, targets });
    const y = r.towns.find((t) => t.town === '云峰镇')!;
    expect(y.indicatorsNotReported).toEqual([{ name: '财政总收入', unit: '亿元', target: 3 }]);
    expect(r.towns.find((t) => t.town === '桃花镇')!.indicatorsNotReported).toEqual([{ name: '地区生产总值', unit: '亿元', target: 20 }]);
    const yIssues = r.files.find((f) => f.file === '云峰镇.xlsx')!.issues;
    expect(yIssues.map((i) => i.code)).toEqual(['W_TARGET_NOT_REPORTED']);
    expect(yIssues[0].message).toContain('「财政总收入」的目标（3 亿元）');
    const json = toJsonReport(r);
    expect(json.towns.find((t) => t.town === '云峰镇')!.indicatorsNotReported).toEqual([{ name: '财政总收入', unit: '亿元', target: 3 }]);
    // the 主要指标 sheet lists it for the town, as not reported
    const out = path.join(await tmpDir('xcs-headers-'), 's.xlsx');
    await writeSummaryWorkbook(r, out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const rows: string[][] = [];
    wb.getWorksheet('主要指标')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    expect(rows.filter((x) => x[4] === '未报送').map((x) => x.slice(0, 5))).toEqual([['桃花镇', '地区生产总值', '亿元', '20', '未报送'], ['云峰镇', '财政总收入', '亿元', '3', '未报送']]);
    // without targets the key is absent (the report changes only additively)
    const plain = toJsonReport(consolidate([yf, tf], { roster: ROSTER, asOf: AS_OF }));
    expect(plain.towns.every((t) => !('indicatorsNotReported' in t))).toBe(true);
  });

  test('a powers register\'s own 合计 and its department headings are checked against the rows', () => {
    const rows = (total: string, section: string): unknown[][] => [
      ['云峰镇扩权强镇事项承接情况登记表（截至2015年10月31日）'],
      ['序号', '事项名称', '权力类型', '下放方式', '承接状态', '启用日期'],
      [section],
      [1, '建设项目审批', '行政许可', '委托', '已承接'],
      [2, '企业投资项目备案', '行政许可', '委托', '已承接'],
      ['二、县林业局（1项）'],
      [3, '林木采伐许可', '行政许可', '授权', '部分承接'],
      ['合计', null, total],
    ];
    const ok = analyse('云峰镇扩权事项.xlsx', gridOf(rows('3项', '一、县发改局（2项）')));
    expect(issuesOf(ok)).toEqual([]);
    const bad = analyse('云峰镇扩权事项.xlsx', gridOf(rows('共4项', '一、县发改局（3项）')));
    expect(issuesOf(bad).map((i) => [i.code, i.cell])).toEqual([['W_POWER_COUNT_MISMATCH', 'A3'], ['W_POWER_COUNT_MISMATCH', 'C8']]);
    expect(issuesOf(bad)[1].message).toBe('合计行写的是「共4项」（4 项），而其下实际列出 3 项事项，请核对');
  });
});
