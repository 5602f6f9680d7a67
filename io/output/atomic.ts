/**
 * Atomic output: write into a temporary file beside the destination, flush it to disk, then rename it over the
 * destination. A reader (or a crash) never sees a half-written file at the destination.
 *
 * Temporary files are dot-files beside their target: `.<name>.<pid>.<ms>.<n>.tmp` (e.g. `.汇总.xlsx.4711.1700000000000.0.tmp`).
 * They never end in .xlsx/.json/.pdf, so nothing takes one for a summary. A run killed outright (power cut, SIGKILL)
 * leaves its temporary files behind; the next run on the same output removes those of processes no longer alive
 * (`removeStaleTemps`).
 *
 * Several outputs of one run (summary, PDF, JSON) are staged first and committed together (`commitStaged`): the old
 * secondary outputs are removed, then the primary is renamed into place, then the secondaries in order. Whatever the
 * moment a run dies, a secondary output that exists is from the same run as the primary beside it.
 */
import { promises as fsp, statSync } from 'node:fs';
import * as path from 'node:path';

export class OutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputError';
  }
}

/** Chinese explanation of a file-system error while writing `target`. */
export function describeWriteError(err: unknown, target: string): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  const dir = path.dirname(path.resolve(target));
  switch (code) {
    case 'ENOSPC':
      return `磁盘空间不足，无法写入 ${target}，请清理磁盘后重试`;
    case 'EDQUOT':
      return `磁盘配额已满，无法写入 ${target}，请清理磁盘后重试`;
    case 'EFBIG':
      return `文件超出系统允许的大小（磁盘或配额已满），无法写入 ${target}，请清理磁盘或联系管理员后重试`;
    case 'EACCES':
    case 'EPERM':
      return `没有权限写入 ${target}（文件可能正在 Excel/WPS 中打开，或目录只读）`;
    case 'EROFS':
      return `${target} 所在的磁盘是只读的`;
    case 'ENOENT': {
      // the folder exists but refuses new files (e.g. /proc): say so rather than "missing"
      let isDir = false;
      try {
        isDir = statSync(dir).isDirectory();
      } catch {
        /* missing */
      }
      return isDir ? `无法在 ${dir} 中创建文件，不能写入 ${target}` : `输出目录不存在：${dir}`;
    }
    case 'ENOTDIR':
      return `输出路径不是有效目录：${dir}`;
    case 'EISDIR':
      return `输出路径 ${target} 是一个目录，请给出文件名`;
    case 'EBUSY':
    case 'ETXTBSY':
      return `${target} 正被其他程序占用，请关闭后重试`;
    case 'EIO':
      return `写入 ${target} 时磁盘出错（EIO），请检查磁盘或 U 盘后重试`;
    case 'ENAMETOOLONG':
      return `输出文件名太长：${target}`;
    default:
      return `写入 ${target} 失败（${code ?? (err instanceof Error ? err.message : String(err))}）`;
  }
}

let counter = 0;

const TEMP_RE = /^\.(.+)\.(\d+)\.(\d+)\.(\d+)\.tmp$/;
/** A stale lock moved aside by output-lock.ts (`.<name>.lock.<pid>.stale`). */
const ASIDE_RE = /^\.(.+)\.lock\.(\d+)\.stale$/;

/** The temporary file for `target`: a dot-file beside it, named with this process's pid. */
export function tempPathFor(target: string): string {
  const abs = path.resolve(target);
  return path.join(path.dirname(abs), `.${path.basename(abs)}.${process.pid}.${Date.now()}.${counter++}.tmp`);
}

/** Whether process `pid` is alive on this machine (EPERM: alive, someone else's). */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporary files of `target` left by runs that died (their pid is not alive), and any older than a day
 * (a pid reused since, or a run on another computer sharing the folder). Returns the names removed. Never throws.
 */
export async function removeStaleTemps(target: string): Promise<string[]> {
  const abs = path.resolve(target);
  const dir = path.dirname(abs);
  const base = path.basename(abs);
  const removed: string[] = [];
  const names = await fsp.readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const m = TEMP_RE.exec(name) ?? ASIDE_RE.exec(name);
    if (!m || m[1] !== base) continue;
    const pid = Number(m[2]);
    if (pid === process.pid) continue;
    const old = m[3] !== undefined && Date.now() - Number(m[3]) > 24 * 3600 * 1000;
    if (pidAlive(pid) && !old) continue;
    try {
      await fsp.rm(path.join(dir, name), { force: true });
      removed.push(name);
    } catch {
      /* not ours to insist on */
    }
  }
  return removed;
}

/** An output written to its temporary file and flushed, waiting for commitStaged. */
export interface Staged {
  target: string;
  tmp: string;
}

async function syncDir(dir: string): Promise<void> {
  // make renames durable where the platform allows it
  const dh = await fsp.open(dir, 'r').catch(() => null);
  if (dh) {
    await dh.sync().catch(() => undefined);
    await dh.close().catch(() => undefined);
  }
}

/** Runs `write(tmpPath)` into a temporary file beside `target` and flushes it. Throws OutputError (temp removed). */
export async function stageAtomic(target: string, write: (tmpPath: string) => Promise<void>): Promise<Staged> {
  const tmp = tempPathFor(target);
  try {
    const st = await fsp.stat(target).catch(() => null);
    if (st?.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    await write(tmp);
    const fh = await fsp.open(tmp, 'r+');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
    return { target, tmp };
  } catch (err) {
    await fsp.rm(tmp, { force: true }).catch(() => undefined);
    if (err instanceof OutputError) throw err;
    throw new OutputError(describeWriteError(err, target));
  }
}

/** Removes staged temporary files (a run that will not commit). Never throws. */
export async function discardStaged(staged: Staged[]): Promise<void> {
  for (const s of staged) await fsp.rm(s.tmp, { force: true }).catch(() => undefined);
}

/**
 * Moves staged outputs into place. `staged[0]` is the primary (the summary); the others are secondaries, renamed in
 * the order given (the JSON last). Old secondaries are removed before the primary is replaced, so after a crash at
 * any moment: the primary is the old or the new one, whole; a secondary, when present, belongs to the same run as
 * the primary. `removeAlso`: old outputs this run does not replace (a PDF that failed), removed with the secondaries.
 * Throws OutputError; the temporary files not yet moved are removed.
 */
export async function commitStaged(staged: Staged[], removeAlso: string[] = []): Promise<void> {
  if (!staged.length) return;
  const [primary, ...secondaries] = staged;
  let current = primary.target;
  try {
    const old = [...secondaries.map((s) => s.target), ...removeAlso];
    for (const t of old) {
      current = t;
      await fsp.rm(t, { force: true });
    }
    const dirs = new Set([...staged.map((s) => s.target), ...removeAlso].map((t) => path.dirname(path.resolve(t))));
    if (old.length) for (const d of dirs) await syncDir(d);
    for (const s of staged) {
      current = s.target;
      await fsp.rename(s.tmp, s.target);
    }
    for (const d of dirs) await syncDir(d);
  } catch (err) {
    await discardStaged(staged);
    throw new OutputError(describeWriteError(err, current));
  }
}

/** Runs `write(tmpPath)` and moves the result to `target` atomically. Throws OutputError with a Chinese message. */
export async function writeAtomic(target: string, write: (tmpPath: string) => Promise<void>): Promise<void> {
  await commitStaged([await stageAtomic(target, write)]);
}
