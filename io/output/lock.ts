/**
 * One run at a time per output file. Before reading anything the run creates `.<name>.lock` beside each output
 * (exclusive create), holding its pid, host and start time, and removes it when done. A second run on the same output
 * is refused at once (exit 2) with a Chinese message naming the run that holds it. A lock left by a run that died
 * (SIGKILL, power cut: its pid is gone, or the pid now belongs to another process) is stale and taken over.
 * Creating the lock is also the early check that the output folder accepts new files.
 */
import { closeSync, openSync, promises as fsp, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { OutputError, describeWriteError, pidAlive } from './atomic';

interface LockInfo {
  pid: number;
  host: string;
  started: string;
  /** Linux: the process's start time (field 22 of /proc/<pid>/stat), to tell a reused pid from the holder. */
  procStart: string | null;
  target: string;
}

function procStart(pid: number): string | null {
  if (process.platform !== 'linux') return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) may hold spaces and parentheses: count fields after the last ')'
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

export function lockPathFor(target: string): string {
  const abs = path.resolve(target);
  return path.join(path.dirname(abs), `.${path.basename(abs)}.lock`);
}

/** Whether the run that wrote `info` is still running (unknowable for another host: then only a day-old lock is stale). */
function holderAlive(info: LockInfo): boolean {
  if (info.host !== os.hostname()) return Date.now() - Date.parse(info.started) < 24 * 3600 * 1000;
  if (!pidAlive(info.pid)) return false;
  if (info.procStart) {
    const now = procStart(info.pid);
    if (now !== null && now !== info.procStart) return false;
  }
  return true;
}

function parseLock(text: string): LockInfo | null {
  try {
    const v = JSON.parse(text);
    return v && typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.started === 'string' ? (v as LockInfo) : null;
  } catch {
    return null;
  }
}

function describeHolder(info: LockInfo | null, target: string, lock: string): string {
  const who = info
    ? `另一次汇总（进程 ${info.pid}${info.host !== os.hostname() ? `，计算机 ${info.host}` : ''}，${new Date(info.started).toLocaleString('zh-CN', { hour12: false })} 开始）`
    : '另一次汇总';
  return `${who}正在写入 ${target}，本次未汇总、未写出任何文件；请等它结束后再运行（如确认没有其他汇总在运行，可删除锁文件 ${lock}）`;
}

export interface OutputLock {
  release(): Promise<void>;
  /** Synchronous release, for a process about to exit on a signal. */
  releaseSync(): void;
}

/**
 * Takes the lock of one output; throws OutputError when another live run holds it or the folder refuses files.
 * `taken` gets the lock's release in the same step as the lock file is created (no signal can come in between), before
 * its content is written.
 */
async function lockOne(target: string, taken: (release: () => void) => void): Promise<void> {
  const lock = lockPathFor(target);
  const mine: LockInfo = { pid: process.pid, host: os.hostname(), started: new Date().toISOString(), procStart: procStart(process.pid), target: path.resolve(target) };
  const text = JSON.stringify(mine);
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = openSync(lock, 'wx');
      taken(() => {
        try {
          // only our own lock (its content, or the part of it written so far): after a takeover race it might be
          // someone else's
          if (text.startsWith(readFileSync(lock, 'utf8'))) unlinkSync(lock);
        } catch {
          /* gone already */
        }
      });
      try {
        writeFileSync(fd, text);
      } finally {
        closeSync(fd);
      }
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new OutputError(describeWriteError(err, target));
    }
    // someone holds it: alive, or a dead run's leftover?
    const seen = await fsp.readFile(lock, 'utf8').catch(() => null);
    if (seen === null) continue; // released meanwhile: try again
    const info = parseLock(seen);
    if (!info) {
      // being written this very moment, or garbage: garbage once it is a few seconds old
      const st = await fsp.stat(lock).catch(() => null);
      if (st && Date.now() - st.mtimeMs < 3000) throw new OutputError(describeHolder(null, target, lock));
    } else if (holderAlive(info)) {
      throw new OutputError(describeHolder(info, target, lock));
    }
    // stale: move it aside under a name of our own (only one of several racing runs gets this very file), check that
    // what was moved is the stale lock we saw, and try again
    const aside = `${lock}.${process.pid}.stale`;
    try {
      await fsp.rename(lock, aside);
    } catch {
      continue;
    }
    const moved = await fsp.readFile(aside, 'utf8').catch(() => null);
    if (moved !== null && moved !== seen) {
      // a live run's fresh lock, taken in between: put it back (never over a newer one) and report it
      await fsp.link(aside, lock).catch(() => undefined);
      await fsp.rm(aside, { force: true }).catch(() => undefined);
      throw new OutputError(describeHolder(parseLock(moved), target, lock));
    }
    await fsp.rm(aside, { force: true }).catch(() => undefined);
  }
  throw new OutputError(describeHolder(null, target, lock));
}

/**
 * Locks every output of a run (in a fixed order); all or none. `pending` (the signal handler's undo list, see
 * cli/outputs.ts) holds the release from before the first lock is taken: a Ctrl-C while the locks are being taken
 * removes those already taken; the caller removes it from `pending` once it has released them.
 */
export async function lockOutputs(targets: string[], pending?: Set<() => void>): Promise<OutputLock> {
  const sorted = [...new Set(targets.map((t) => path.resolve(t)))].sort();
  const releases: (() => void)[] = [];
  const releaseSync = () => {
    while (releases.length) releases.pop()!();
  };
  pending?.add(releaseSync);
  try {
    for (const t of sorted) await lockOne(targets.find((x) => path.resolve(x) === t) ?? t, (release) => releases.push(release));
  } catch (err) {
    releaseSync();
    pending?.delete(releaseSync);
    throw err;
  }
  return { release: async () => releaseSync(), releaseSync };
}
