/** Lists the files of a county folder, recursively, in a stable order. Never follows directory links. */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';

/** Names a folder or special file must have to be reported rather than passed over. */
const SPREADSHEET_NAME = /\.(xlsx|xlsm|xls|et|ett|xlsb|ods|csv)$/i;

export interface ScannedFile {
  abs: string;
  /** Path under the folder with / separators. */
  rel: string;
  mtimeMs: number;
  size: number;
}

/** Files of the folder, and the sub-folders that could not be read (said to the user, never silently dropped). */
export async function scanFolder(
  root: string,
  exclude: Set<string> = new Set(),
  maxDepth = 12,
): Promise<{ files: ScannedFile[]; unreadable: string[] }> {
  const out: ScannedFile[] = [];
  const unreadable: string[] = [];
  async function walk(dir: string, depth: number): Promise<void> {
    let entries;
    try {
      entries = await fsp.readdir(dir, { withFileTypes: true });
    } catch (err) {
      if (depth === 0) throw new Error(`文件夹无法读取：${root}（${(err as NodeJS.ErrnoException).code ?? String(err)}）`);
      unreadable.push(path.relative(root, dir).split(path.sep).join('/'));
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const abs = path.join(dir, e.name);
      if (exclude.has(path.resolve(abs))) continue;
      const rel = path.relative(root, abs).split(path.sep).join('/');
      if (e.isDirectory()) {
        // a folder named like a workbook (an unzipped .xlsx, a folder called 东溪镇.xlsx) is said to the user
        if (SPREADSHEET_NAME.test(e.name)) out.push({ abs, rel, mtimeMs: 0, size: 0 });
        if (depth < maxDepth && !e.name.startsWith('.')) await walk(abs, depth + 1);
        continue;
      }
      let st;
      try {
        st = await fsp.stat(abs); // follows a file link, never a directory one (isDirectory above is lstat-based)
      } catch {
        // a link that loops or points nowhere: listed, so that its read says why (never silently dropped)
        if (e.isSymbolicLink()) out.push({ abs, rel, mtimeMs: 0, size: 0 });
        continue;
      }
      if (st.isDirectory()) continue; // a link to a folder: not followed
      // not a regular file (FIFO, socket, device): listed only when named like a workbook; the read refuses it
      if (!st.isFile()) {
        if (SPREADSHEET_NAME.test(e.name)) out.push({ abs, rel, mtimeMs: st.mtimeMs, size: 0 });
        continue;
      }
      out.push({ abs, rel, mtimeMs: st.mtimeMs, size: st.size });
    }
  }
  await walk(root, 0);
  return { files: out, unreadable };
}
