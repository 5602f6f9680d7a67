/**
 * A county's settings (JSON, validated with zod): thresholds of the lights, how old a report may be, and
 * indicators added to (or replacing entries of) the catalog.
 */
import { z } from 'zod/v3';
import { CatalogEntry, DEFAULT_DEPARTMENTS, Department, FIELDS, INDICATOR_CATALOG, KIND_LABEL, SchemaKind, TARGET_FIELDS, TARGET_TABLE_LABEL } from './schema';
import { DEFAULT_LEXICON, HeaderExtras, fieldNamed, headerMeaning, normaliseHeader } from './headers';
import { findUnit } from './units';

const phrasings = z.record(z.string(), z.array(z.string().min(1)));

export const CountyConfigSchema = z
  .object({
    yellowBelow: z.number().finite().min(0).max(100).optional(),
    staleDays: z.number().finite().int().min(0).max(366).optional(),
    /** The county's target workbook (path relative to the config file), used when --targets is not given. */
    targets: z.string().min(1).optional(),
    /** 督办清单 (--history): red for at least this many consecutive weeks (default 3). */
    redWeeks: z.number().finite().int().min(1).max(53).optional(),
    /** 督办清单 (--history): no progress for at least this many weeks (default 3). */
    stalledWeeks: z.number().finite().int().min(1).max(53).optional(),
    indicators: z
      .array(
        z.object({
          name: z.string().min(1),
          unit: z.string().min(1),
          additive: z.boolean(),
          aliases: z.array(z.string()).default([]),
          range: z.tuple([z.number().finite(), z.number().finite()]).optional(),
        }),
      )
      .optional(),
    /** The county's departments that delegate powers (replaces the built-in list): a name, or { name, full, aliases }. */
    departments: z
      .array(
        z.union([
          z.string().min(1),
          z.object({ name: z.string().min(1), full: z.string().min(1).optional(), aliases: z.array(z.string()).default([]) }).strict(),
        ]),
      )
      .min(1)
      .optional(),
    /**
     * Extra header phrasings a county meets in its towns' files, per table kind and field (key or Chinese label):
     * { "projects": { "completedYtd": ["本年累计完成数"] } }.
     */
    headers: z
      .object({ projects: phrasings.optional(), indicators: phrasings.optional(), powers: phrasings.optional(), targets: phrasings.optional() })
      .strict()
      .optional(),
  })
  .strict();

export type CountyConfig = z.infer<typeof CountyConfigSchema>;

export type ConfigResult =
  | { ok: true; config: CountyConfig; catalog: CatalogEntry[]; departments: Department[] }
  | { ok: false; message: string };

const KEY_LABEL: Record<string, string> = { yellowBelow: '黄灯阈值 yellowBelow', staleDays: '报表时效 staleDays', indicators: '指标目录 indicators', departments: '部门名单 departments', targets: '目标表 targets', headers: '表头写法 headers', redWeeks: '督办连续红灯周数 redWeeks', stalledWeeks: '督办连续无进展周数 stalledWeeks' };

const HEADER_KINDS: Record<SchemaKind, string> = { ...KIND_LABEL, targets: TARGET_TABLE_LABEL };
const HEADERS_EXAMPLE = '{"headers": {"projects": {"completedYtd": ["本年累计完成数"]}}}';

/** The county's header phrasings checked against the fields and against each other: null when fine, else what is wrong. */
export function checkHeaderExtras(extras: HeaderExtras): string | null {
  for (const [kind, byField] of Object.entries(extras) as [SchemaKind, Record<string, string[]>][]) {
    const fields = kind === 'targets' ? TARGET_FIELDS : FIELDS[kind];
    const seen = new Map<string, string>();
    for (const [name, phrases] of Object.entries(byField ?? {})) {
      const f = fieldNamed(kind, name);
      if (!f) {
        const known = fields.map((x) => `${x.key}（${x.label}）`).join('、');
        return `headers.${kind} 中的「${name}」不是${HEADER_KINDS[kind]}的字段；可用的字段：${known}`;
      }
      for (const phrase of phrases) {
        const key = normaliseHeader(phrase).key;
        if (!key) return `headers.${kind}.${name} 中的「${phrase}」去掉单位和符号后是空的，不能作为表头写法`;
        const other = seen.get(key);
        if (other && other !== f.key) return `表头「${phrase}」在 headers.${kind} 中既写给了 ${other}，又写给了 ${f.key}，同一写法只能对应一个字段`;
        seen.set(key, f.key);
        const built = headerMeaning(kind, phrase, DEFAULT_LEXICON);
        if (built.field && built.field.key !== f.key) {
          return `headers.${kind}.${name} 中的「${phrase}」本程序已识别为「${built.field.label}」（${built.field.key}），不能再作为「${f.label}」的写法；如确需改变它的含义，请与技术人员联系`;
        }
      }
    }
  }
  return null;
}

/** Parses the JSON text of a county config; the catalog returned is the built-in one extended by the config. */
export function parseCountyConfig(text: string, source: string): ConfigResult {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    return { ok: false, message: `配置文件 ${source} 不是有效的 JSON（${e instanceof Error ? e.message : String(e)}）` };
  }
  const parsed = CountyConfigSchema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first.path.length ? first.path.map(String).join('.') : '';
    const label = KEY_LABEL[String(first.path[0])] ?? where;
    const keys = (first as { keys?: string[] }).keys?.join('、');
    let what = first.code === 'unrecognized_keys' ? `${where ? `${where} 中` : ''}有不认识的设置项：${keys}` : `「${label || where}」${where && label !== where ? `（${where}）` : ''}的值不正确`;
    if (first.path[0] === 'headers') {
      what += first.code === 'unrecognized_keys'
        ? `（表格种类只能是 projects 重点项目表、indicators 主要指标表、powers 扩权强镇事项表、targets 目标表）`
        : `（每个字段应是一组表头文字，如 ${HEADERS_EXAMPLE}）`;
    }
    return { ok: false, message: `配置文件 ${source}：${what}` };
  }
  const catalog = [...INDICATOR_CATALOG];
  for (const e of parsed.data.indicators ?? []) {
    if (!findUnit(e.unit)) return { ok: false, message: `配置文件 ${source}：指标「${e.name}」的单位「${e.unit}」不在单位表中` };
    const i = catalog.findIndex((c) => c.name === e.name);
    if (i >= 0) catalog[i] = e;
    else catalog.push(e);
  }
  const headerProblem = checkHeaderExtras(parsed.data.headers ?? {});
  if (headerProblem) return { ok: false, message: `配置文件 ${source}：${headerProblem}` };
  const departments: Department[] = parsed.data.departments
    ? parsed.data.departments.map((d) => (typeof d === 'string' ? { name: d.trim(), aliases: [] } : { ...d, aliases: d.aliases ?? [] }))
    : DEFAULT_DEPARTMENTS;
  const names = new Set<string>();
  for (const d of departments) {
    if (names.has(d.name)) return { ok: false, message: `配置文件 ${source}：部门「${d.name}」在 departments 中出现了两次` };
    names.add(d.name);
  }
  return { ok: true, config: parsed.data, catalog, departments };
}
