/**
 * The quick row checks compiled from the project, indicator and power row schemas agree with zod itself: it vouches for a row exactly
 * when the schema accepts it without an issue (warnings included).
 */
import fc from 'fast-check';
import { DEFAULT_DEPARTMENTS, IndicatorRowSchema, POWER_STATUSES, POWER_TYPES, POWER_WAYS, PowerRowSchema, ProjectRowSchema, indicatorRowIsClean, makePowerRowIsClean, makePowerRowSchema, projectRowIsClean } from '../../core/schema';

const amount = fc.oneof({ arbitrary: fc.constant(null), weight: 12 }, fc.constant(0), fc.constant(-0.5), fc.double({ min: -10, max: 2000, noNaN: true }), fc.constant(Number.NaN), fc.constant(Infinity));
const text = fc.oneof({ arbitrary: fc.constant(null), weight: 6 }, fc.constant(''), fc.string({ maxLength: 4 }));
const row = fc.record({
  seq: fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, fc.integer(), fc.constant('1')),
  name: fc.oneof(fc.constant(''), { arbitrary: fc.constant('甲路'), weight: 6 }, fc.constant(null)),
  category: text, scope: text, period: text,
  totalInvestment: amount, annualPlan: amount, weekDone: amount, completedYtd: amount, completedSinceStart: amount,
  progressText: text, weekProgress: text, nextWeekPlan: text, problems: text, leader: text, unit: text,
  status: fc.oneof({ arbitrary: fc.constant(null), weight: 6 }, fc.constant(''), fc.constant('在建'), fc.constant('竣工'), fc.constant('开工了'), fc.constant(3)),
}, { requiredKeys: ['name', 'seq', 'category', 'scope', 'period', 'totalInvestment', 'annualPlan', 'weekDone', 'completedYtd', 'progressText', 'weekProgress', 'nextWeekPlan', 'problems', 'leader', 'unit', 'status'] });

test('projectRowIsClean(row) is exactly ProjectRowSchema.safeParse(row).success', () => {
  let clean = 0;
  fc.assert(fc.property(row, (r) => {
    const ok = ProjectRowSchema.safeParse(r).success;
    if (ok) clean++;
    expect(projectRowIsClean(r as Record<string, unknown>)).toBe(ok);
  }), { numRuns: 3000, seed: 5 });
  expect(clean).toBeGreaterThan(30); // both answers are exercised
});

const indicatorRow = fc.record({
  seq: fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, fc.integer(), fc.constant(Infinity), fc.constant('1')),
  name: fc.oneof(fc.constant(''), { arbitrary: fc.constant('地区生产总值'), weight: 6 }, fc.constant(null)),
  unit: fc.oneof({ arbitrary: fc.constant('亿元'), weight: 4 }, fc.constant(null), fc.constant(''), fc.constant(3)),
  target: amount, actual: amount, yoy: amount,
}, { requiredKeys: ['seq', 'name', 'unit', 'target', 'actual', 'yoy'] });

test('indicatorRowIsClean(row) is exactly IndicatorRowSchema.safeParse(row).success, and zod gives the row back as it is', () => {
  let clean = 0;
  fc.assert(fc.property(indicatorRow, (r) => {
    const parsed = IndicatorRowSchema.safeParse(r);
    if (parsed.success) clean++;
    expect(indicatorRowIsClean(r as Record<string, unknown>)).toBe(parsed.success);
    // extract.ts keeps the row itself when the check vouches for it: what zod would give, keys in the same order
    if (parsed.success) expect(JSON.stringify(parsed.data)).toBe(JSON.stringify(r));
  }), { numRuns: 3000, seed: 7 });
  expect(clean).toBeGreaterThan(30);
});

/** A power row as extract.ts builds it (canonical forms where a wording is known), with the odd values zod refuses. */
function powerRowArb(departments: string[]) {
  const oneOf = (list: string[], odd: string) => fc.oneof({ arbitrary: fc.constantFrom(...list), weight: 8 }, fc.constant(null), fc.constant(''), fc.constant(odd), fc.constant(3));
  const text = fc.oneof({ arbitrary: fc.constant(null), weight: 4 }, fc.constant(''), fc.string({ maxLength: 4 }), fc.constant(7));
  return fc.record({
    seq: fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, fc.integer(), fc.constant(Infinity), fc.constant(Number.NaN), fc.constant('1')),
    department: oneOf(departments, '县教育局'),
    name: fc.oneof(fc.constant(''), { arbitrary: fc.constant('建筑工程施工许可'), weight: 8 }, fc.constant(null), fc.constant(5)),
    powerType: oneOf(POWER_TYPES, '行政检查'),
    way: oneOf(POWER_WAYS, '下放'),
    basis: text,
    receiver: text,
    status: oneOf(POWER_STATUSES, '承接了'),
    startDate: fc.oneof({ arbitrary: fc.constant('2015-10-01'), weight: 4 }, { arbitrary: fc.constant(null), weight: 4 }, fc.constant('2015年10月'), fc.constant(''), fc.constant(20151001)),
  }, { requiredKeys: ['seq', 'department', 'name', 'powerType', 'way', 'basis', 'receiver', 'status', 'startDate'] });
}

test.each([
  ['the built-in departments', DEFAULT_DEPARTMENTS.map((d) => d.name)],
  ['a county of three departments', ['县财政局', '县发改局', '县教育局']],
])('makePowerRowIsClean(%s)(row) is exactly the power schema\'s safeParse(row).success, and zod gives the row back as it is', (_label, departments) => {
  const schema = departments.length === DEFAULT_DEPARTMENTS.length ? PowerRowSchema : makePowerRowSchema(departments);
  const isClean = makePowerRowIsClean(departments);
  let clean = 0;
  fc.assert(fc.property(powerRowArb(departments.filter((d) => d !== '县教育局')), (r) => {
    const parsed = schema.safeParse(r);
    if (parsed.success) clean++;
    expect(isClean(r as Record<string, unknown>)).toBe(parsed.success);
    // extract.ts keeps its own row when the check vouches for it: what zod would give, keys in the same order
    if (parsed.success) expect(JSON.stringify(parsed.data)).toBe(JSON.stringify(r));
  }), { numRuns: 3000, seed: 11 });
  expect(clean).toBeGreaterThan(30);
});
