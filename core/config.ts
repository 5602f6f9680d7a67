/**
 * A county's settings (JSON, validated with zod): thresholds of the lights, how old a report may be, and
 * indicators added to (or replacing entries of) the catalog.
 */
import { z } from 'zod';
import { CatalogEntry, DEFAULT_DEPARTMENTS, Department, INDICATOR_CATALOG } from './schema';
import { findUnit } from './units';

export const CountyConfigSchema = z
  .object({
    yellowBelow: z.number().min(0).max(100).optional(),
    staleDays: z.number().int().min(0).max(366).optional(),
    /** The county's target workbook (path relative to the config file), used when --targets is not given. */
    targets: z.string().min(1).optional(),
    /** 督办清单 (--history): red for at least this many consecutive weeks (default 3). */
    redWeeks: z.number().int().min(1).max(53).optional(),
    /** 督办清单 (--history): no progress for at least this many weeks (default 3). */
    stalledWeeks: z.number().int().min(1).max(53).optional(),
    indicators: z
      .array(
        z.object({
          name: z.string().min(1),
          unit: z.string().min(1),
          additive: z.boolean(),
          aliases: z.array(z.string()).default([]),
          range: z.tuple([z.number(), z.number()]).optional(),
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
  })
  .strict();

export type CountyConfig = z.infer<typeof CountyConfigSchema>;

export type ConfigResult =
  | { ok: true; config: CountyConfig; catalog: CatalogEntry[]; departments: Department[] }
  | { ok: false; message: string };

const KEY_LABEL: Record<string, string> = { yellowBelow: '黄灯阈值 yellowBelow', staleDays: '报表时效 staleDays', indicators: '指标目录 indicators', departments: '部门名单 departments', targets: '目标表 targets', redWeeks: '督办连续红灯周数 redWeeks', stalledWeeks: '督办连续无进展周数 stalledWeeks' };

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
    const what = first.code === 'unrecognized_keys' ? `有不认识的设置项：${(first as { keys?: string[] }).keys?.join('、')}` : `「${label || where}」${where && label !== where ? `（${where}）` : ''}的值不正确`;
    return { ok: false, message: `配置文件 ${source}：${what}` };
  }
  const catalog = [...INDICATOR_CATALOG];
  for (const e of parsed.data.indicators ?? []) {
    if (!findUnit(e.unit)) return { ok: false, message: `配置文件 ${source}：指标「${e.name}」的单位「${e.unit}」不在单位表中` };
    const i = catalog.findIndex((c) => c.name === e.name);
    if (i >= 0) catalog[i] = e;
    else catalog.push(e);
  }
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
