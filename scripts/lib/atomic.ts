/**
 * Atomic output: write into a temporary file beside the destination, flush it to disk, then rename it over the
 * destination. A reader (or a crash) never sees a half-written file at the destination.
 */
import { promises as fsp } from 'node:fs';
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
  switch (code) {
    case 'ENOSPC':
      return `磁盘空间不足，无法写入 ${target}，请清理磁盘后重试`;
    case 'EDQUOT':
      return `磁盘配额已满，无法写入 ${target}`;
    case 'EACCES':
    case 'EPERM':
      return `没有权限写入 ${target}（文件可能正在 Excel/WPS 中打开，或目录只读）`;
    case 'EROFS':
      return `${target} 所在的磁盘是只读的`;
    case 'ENOENT':
      return `输出目录不存在：${path.dirname(target)}`;
    case 'ENOTDIR':
      return `输出路径不是有效目录：${path.dirname(target)}`;
    case 'EISDIR':
      return `输出路径 ${target} 是一个目录，请给出文件名`;
    case 'EBUSY':
      return `${target} 正被其他程序占用，请关闭后重试`;
    default:
      return `写入 ${target} 失败（${code ?? (err instanceof Error ? err.message : String(err))}）`;
  }
}

let counter = 0;

/** Runs `write(tmpPath)` and moves the result to `target` atomically. Throws OutputError with a Chinese message. */
export async function writeAtomic(target: string, write: (tmpPath: string) => Promise<void>): Promise<void> {
  const dir = path.dirname(path.resolve(target));
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now()}.${counter++}.tmp`);
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
    await fsp.rename(tmp, target);
    // make the rename itself durable where the platform allows it
    const dh = await fsp.open(dir, 'r').catch(() => null);
    if (dh) {
      await dh.sync().catch(() => undefined);
      await dh.close();
    }
  } catch (err) {
    await fsp.rm(tmp, { force: true }).catch(() => undefined);
    if (err instanceof OutputError) throw err;
    throw new OutputError(describeWriteError(err, target));
  }
}

export async function writeTextAtomic(target: string, text: string): Promise<void> {
  await writeAtomic(target, (tmp) => fsp.writeFile(tmp, text, { flag: 'wx' }));
}
