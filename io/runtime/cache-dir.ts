/**
 * The user's cache folder for what a run keeps between runs: the chart's font subsets (../write/chart-font.ts) and V8's
 * code cache of the built scripts (code-cache.ts). Node's own modules only: the scripts' launchers load this before
 * anything else.
 */
import { lstatSync, mkdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * The folder `sub` of the cache: under XCS_CACHE_DIR when set ('' or 'off': no cache), else under the user's cache
 * folder (%LOCALAPPDATA%, $XDG_CACHE_HOME or ~/.cache) + /xcs-consolidate. Made private to the user (0700); a folder
 * that is a link, another user's or writable by others is not used (what is kept there is loaded: a font is drawn, a
 * code cache run). null: no cache.
 */
export function userCacheDir(sub: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const own = env.XCS_CACHE_DIR;
  let root: string;
  if (own !== undefined) {
    if (own === '' || own === 'off') return null;
    root = own;
  } else {
    const base = process.platform === 'win32' ? env.LOCALAPPDATA : env.XDG_CACHE_HOME || (os.homedir() ? path.join(os.homedir(), '.cache') : '');
    if (!base) return null;
    root = path.join(base, 'xcs-consolidate');
  }
  const dir = path.join(root, sub);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = lstatSync(dir);
    if (!st.isDirectory()) return null;
    if (process.platform !== 'win32' && typeof process.getuid === 'function' && (st.uid !== process.getuid() || (st.mode & 0o022) !== 0)) return null;
    return dir;
  } catch {
    return null;
  }
}
