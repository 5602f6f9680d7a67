/**
 * --history <folder>: the county's earlier weekly JSON reports, read through the compact file beside them
 * (core/history.ts, HISTORY_STORE_FILE). A report is read and checked with the report's schema only when it is new or
 * changed since the compact file last saw it; the compact file is then rewritten atomically. Nothing else in the
 * folder is ever written. A bad file is skipped with a warning naming it; the run goes on.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import {
  HISTORY_STORE_FILE, HistoryEntry, HistoryFold, HistoryStore, Issue, RosterTown, emptyHistoryStore, foldWeek, historyWeekFromReport,
  makeIssue, readReportText, selectHistoryWeeks, startFold,
} from '../../core';
import { historyStorePieces, parseHistoryStoreBytes } from './history-store';
import { writeAtomic } from '../output/atomic';
import { writePieces } from '../write/json-stream';

const HISTORY_CODES = { notJson: 'W_HISTORY_NOT_JSON', notReport: 'W_HISTORY_NOT_REPORT', version: 'W_HISTORY_VERSION' } as const;
/** A report larger than this is not one of ours (a province's is ~35 MB). */
const MAX_REPORT_BYTES = 200 * 1024 * 1024;

export interface LoadedHistory {
  fold: HistoryFold;
  skipped: { file: string; issue: Issue }[];
  /** Set when the compact file could not be written (a read-only folder): the run goes on without it. */
  storeProblem: string | null;
  /** Reports read in full this run (new or changed since the compact file saw them). */
  readInFull: number;
}

async function readEntry(abs: string, file: string, size: number, mtimeMs: number, store: HistoryStore): Promise<HistoryEntry> {
  if (size > MAX_REPORT_BYTES) {
    return { file, size, mtimeMs, issue: makeIssue('W_HISTORY_NOT_REPORT', null, null, { file, reason: `文件太大（${Math.round(size / 1048576)} MB）` }) };
  }
  let text: string;
  try {
    text = await fsp.readFile(abs, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { file, size, mtimeMs, issue: makeIssue('W_HISTORY_UNREADABLE', null, null, { file, reason: code === 'EACCES' ? '没有读取权限' : code ?? String(err) }) };
  }
  const r = readReportText(text, file, HISTORY_CODES);
  if (!r.ok) return { file, size, mtimeMs, issue: r.issue };
  return { file, size, mtimeMs, week: historyWeekFromReport(r.report, store) };
}

/**
 * The folded history of `folder` (and of the --previous report, when given, as one more week) before --as-of.
 * `exclude`: absolute paths never read as history (this run's own outputs).
 */
export async function loadHistory(
  folder: string,
  o: { asOf: string; roster: RosterTown[]; previous?: string; exclude?: Set<string> },
): Promise<LoadedHistory> {
  const dir = path.resolve(folder);
  const storePath = path.join(dir, HISTORY_STORE_FILE);
  // the compact file's bytes, parsed a week at a time (history-store.ts); let go once parsed
  let old = parseHistoryStoreBytes(await fsp.readFile(storePath).catch(() => Buffer.alloc(0)));
  const store = emptyHistoryStore();
  const known = new Map((old?.entries ?? []).map((e) => [e.file, e]));
  const oldNames = old?.names ?? [];
  const oldCount = old ? old.entries.length : -1;
  old = null;
  let readInFull = 0;
  let dirty = false;
  const outside = new Set<HistoryEntry>();
  // the old table's index → the new table's, one map for every entry kept: a name the weeks share is moved once, and
  // a name the old table holds more than once (a compact file written before 2026-12-02 copied the year's names into
  // it once per week) goes into the new table once
  const moved = new Map<number, number>();
  const byName = new Map<string, number>();
  let inByName = 0;
  const move = (i: number) => {
    let j = moved.get(i);
    if (j === undefined) {
      // the names a report read in full put into the new table meanwhile are known too
      for (; inByName < store.names.length; inByName++) if (!byName.has(store.names[inByName])) byName.set(store.names[inByName], inByName);
      const name = oldNames[i] ?? '';
      j = byName.get(name);
      if (j === undefined) {
        j = store.names.length;
        store.names.push(name);
        byName.set(name, j);
      }
      moved.set(i, j);
    }
    return j;
  };
  const names = (await fsp.readdir(dir, { withFileTypes: true }))
    .filter((d) => d.isFile() && /\.json$/i.test(d.name) && !d.name.startsWith('.') && d.name !== HISTORY_STORE_FILE)
    .map((d) => d.name)
    .sort();
  const files: { abs: string; file: string; cache: boolean }[] = names
    .map((n) => ({ abs: path.join(dir, n), file: n, cache: true }))
    .filter((f) => !o.exclude?.has(f.abs));
  if (o.previous && !files.some((f) => f.abs === path.resolve(o.previous!))) files.push({ abs: path.resolve(o.previous), file: o.previous, cache: false });
  for (const f of files) {
    const st = await fsp.stat(f.abs).catch(() => null);
    if (!st) continue;
    const had = f.cache ? known.get(f.file) : undefined;
    if (had && had.size === st.size && had.mtimeMs === st.mtimeMs) {
      // the compact file's entry still stands: its names move into the new table
      if (had.week) for (const t of had.week.towns) if (t.p) for (let k = 0; k < t.p.length; k += 3) t.p[k] = move(t.p[k]);
      store.entries.push(had);
      continue;
    }
    readInFull++;
    const entry = await readEntry(f.abs, f.file, st.size, st.mtimeMs, store);
    store.entries.push(entry);
    // the --previous report outside the folder: used, but not kept in the folder's compact file
    if (!f.cache) outside.add(entry);
    else dirty = true;
  }
  let storeProblem: string | null = null;
  const kept = { ...store, entries: store.entries.filter((e) => !outside.has(e)) };
  if (dirty || oldCount !== kept.entries.length) {
    try {
      await writeAtomic(storePath, (tmp) => writePieces(tmp, historyStorePieces(kept)));
    } catch (err) {
      storeProblem = err instanceof Error ? err.message : String(err);
    }
  }
  const { weeks, skipped } = selectHistoryWeeks(store, { asOf: o.asOf, roster: o.roster });
  // folded one week at a time, each let go once folded: the store's entries are not needed any more (written above)
  store.entries = [];
  kept.entries = [];
  known.clear();
  const fold = startFold(store.names);
  for (let i = 0; i < weeks.length; i++) {
    foldWeek(fold, weeks[i].week, weeks[i].file);
    weeks[i] = undefined!;
  }
  return { fold, skipped, storeProblem, readInFull };
}
