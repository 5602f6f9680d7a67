/**
 * The second step of a run: what the county gives beside the towns' folder, each read and checked — the roster, the
 * county config, the targets workbook, last week's JSON report. A broken one stops the run (UsageError: exit 2).
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import {
  CatalogEntry,
  CountyConfig,
  CountyTargets,
  DEFAULT_THRESHOLDS,
  Department,
  INDICATOR_CATALOG,
  Issue,
  PreviousReport,
  RosterTown,
  indexCatalog,
  parseCountyConfig,
  parsePreviousReport,
  readTargets,
  parseCsv,
  rosterFromGrid,
  rosterFromRows,
  message,
} from '../core';
import type { ReadPool } from '../io/read/pool';
import { isLegacyName } from '../io/read/legacy';
import { RunOptions, UsageError } from './options';

/** Everything the run needs besides the towns' files. */
export interface Inputs {
  roster: RosterTown[];
  config: CountyConfig;
  catalog: CatalogEntry[] | undefined;
  departments: Department[] | undefined;
  yellowBelow: number;
  /** The targets file actually read (--targets, or the config's), to keep it out of the towns' files. */
  targetsFile: string | undefined;
  targets: CountyTargets | null;
  previous: PreviousReport | null;
}

/** Reads the roster, the config, the targets and last week's report, in that order. */
export async function loadInputs(o: RunOptions, pool: ReadPool): Promise<Inputs> {
  const roster = await readRoster(o.roster, pool);
  let config: CountyConfig = {};
  let catalog: CatalogEntry[] | undefined;
  let departments: Department[] | undefined;
  if (o.config) {
    const text = await fsp.readFile(o.config, 'utf8').catch(() => null);
    if (text === null) throw new UsageError(`配置文件无法读取：${o.config}`);
    const parsed = parseCountyConfig(text, o.config);
    if (!parsed.ok) throw new UsageError(parsed.message);
    config = parsed.config;
    catalog = parsed.catalog;
    departments = parsed.departments;
  }
  const yellowBelow = o.yellowBelow ?? config.yellowBelow ?? DEFAULT_THRESHOLDS.yellowBelow;
  if (!(yellowBelow >= 0 && yellowBelow <= 100)) throw new UsageError(`--yellow-below 应在 0 到 100 之间`);
  const targetsFile = o.targets ?? (config.targets && o.config ? path.resolve(path.dirname(o.config), config.targets) : undefined);
  const targets = targetsFile ? await loadTargets(targetsFile, pool, roster, catalog, o.asOf) : null;
  const previous = o.previous ? await loadPrevious(o.previous, o.asOf) : null;
  return { roster, config, catalog, departments, yellowBelow, targetsFile, targets, previous };
}

async function readRoster(file: string, pool: ReadPool): Promise<RosterTown[]> {
  let st;
  try {
    st = await fsp.stat(file);
  } catch {
    throw new UsageError(`名册文件不存在：${file}`);
  }
  if (!st.isFile()) throw new UsageError(`名册路径不是文件：${file}`);
  const ext = path.extname(file).toLowerCase();
  let result;
  if (ext === '.csv' || ext === '.txt') {
    const buf = await fsp.readFile(file);
    let text = buf.toString('utf8');
    if (text.includes('\ufffd')) {
      // a CSV saved by Excel in China is often GBK
      try {
        text = new TextDecoder('gbk').decode(buf);
      } catch {
        /* keep utf8 */
      }
    }
    result = rosterFromRows(parseCsv(text), path.basename(file));
  } else if (ext === '.xlsx' || ext === '.xlsm' || isLegacyName(file)) {
    // an .xls/.et roster is read natively (BIFF8); one the native reader declines is refused, saying to save as .xlsx
    const outcome = await pool.read(path.resolve(file), path.basename(file), { readLegacy: isLegacyName(file) });
    if (!outcome.ok) throw new UsageError(`名册 ${file} 无法读取：${outcome.message}`);
    const grid = outcome.grids.find((g) => !g.hidden);
    if (!grid) throw new UsageError(`名册 ${file} 中没有可见的工作表`);
    result = rosterFromGrid(grid, path.basename(file));
  } else {
    throw new UsageError(`名册应为 .csv、.xlsx 或 .xls 文件：${file}`);
  }
  if (!result.ok) throw new UsageError(result.message);
  return result.towns;
}

function issueLine(i: Issue): string {
  const where = `${i.sheet ? `「${i.sheet}」` : ''}${i.cell ?? ''}`;
  return `${where ? `${where} ` : ''}${i.message}`;
}

/** The county's target workbook: a broken one stops the run (exit 2) with every problem and its cell. */
async function loadTargets(
  file: string,
  pool: ReadPool,
  roster: RosterTown[],
  catalog: CatalogEntry[] | undefined,
  asOf: string,
): Promise<CountyTargets> {
  const st = await fsp.stat(file).catch(() => null);
  if (!st) throw new UsageError(`目标表文件不存在：${file}`);
  if (!st.isFile()) throw new UsageError(`目标表路径不是文件：${file}`);
  if (!/\.xlsx$|\.xlsm$/i.test(file) && !isLegacyName(file)) throw new UsageError(`目标表应为 .xlsx 文件：${file}（或 .xls、.et）`);
  // an .xls/.et target workbook is read natively (BIFF8); one the native reader declines is refused, saying to save as .xlsx
  const outcome = await pool.read(path.resolve(file), path.basename(file), { readLegacy: isLegacyName(file) });
  if (!outcome.ok) throw new UsageError(`目标表 ${file} 无法读取：${outcome.message}`);
  const r = readTargets(path.basename(file), outcome.grids, { roster, asOf, catalogIndex: indexCatalog(catalog ?? INDICATOR_CATALOG) });
  for (const w of r.warnings) process.stderr.write(`警告：目标表 ${file} ${issueLine(w)}\n`);
  if (!r.ok) {
    const shown = r.issues.slice(0, 20).map((i) => `  ${issueLine(i)}`);
    if (r.issues.length > 20) shown.push(`  …另有 ${r.issues.length - 20} 处`);
    throw new UsageError(`目标表 ${file} 有 ${r.issues.length} 处错误，请改正后重新汇总：\n${shown.join('\n')}`);
  }
  return r.targets;
}

/** Last week's JSON report: unreadable, not ours, or later than --as-of stops the run (exit 2). */
async function loadPrevious(file: string, asOf: string): Promise<PreviousReport> {
  let text: string;
  try {
    const st = await fsp.stat(file);
    if (!st.isFile()) throw new UsageError(`上周报告路径不是文件：${file}`);
    if (st.size > 200 * 1024 * 1024) throw new UsageError(`上周报告 ${file} 太大（${Math.round(st.size / 1048576)} MB），不像是本程序的 JSON 报告`);
    text = await fsp.readFile(file, 'utf8');
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(message('E_PREVIOUS_UNREADABLE', { file, reason: code === 'ENOENT' ? '文件不存在' : code === 'EACCES' ? '没有读取权限' : code ?? String(err) }));
  }
  const r = parsePreviousReport(text, file, asOf);
  if (!r.ok) throw new UsageError(r.issue.message);
  for (const w of r.warnings) process.stderr.write(`警告：${w.message}\n`);
  return r.previous;
}
