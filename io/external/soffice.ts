/**
 * LibreOffice's `soffice`, shared by every use of it (the bulletin's PDF, the conversion of legacy .xls/.et files):
 * where it is, and how one headless run is started, watched and ended.
 *
 * - Every run gets the profile directory its caller gives (`-env:UserInstallation=file:///…`): two runs sharing one
 *   profile silently lose outputs.
 * - A run is started in its own process group (POSIX) so that a time-out or the end of our process (Ctrl-C →
 *   process.exit) kills soffice *and* the soffice.bin it starts.
 * - Its exit status says nothing (0 after a failed load): callers check the files it was asked to write.
 */
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * LibreOffice's soffice: XCS_SOFFICE when set (a path; empty = none), else soffice/libreoffice on the PATH, else the
 * usual install places on Windows and macOS.
 */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.XCS_SOFFICE !== undefined) return env.XCS_SOFFICE && isFile(env.XCS_SOFFICE) ? env.XCS_SOFFICE : null;
  const exts = process.platform === 'win32' ? ['.exe', '.com', ''] : [''];
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of ['soffice', 'libreoffice']) {
      for (const ext of exts) {
        const p = path.join(dir, name + ext);
        if (isFile(p)) return p;
      }
    }
  }
  const known = [
    'C:\\Program Files\\LibreOffice\\program\\soffice.exe',
    'C:\\Program Files (x86)\\LibreOffice\\program\\soffice.exe',
    '/Applications/LibreOffice.app/Contents/MacOS/soffice',
    '/opt/libreoffice/program/soffice',
  ];
  return known.find((p) => existsSync(p)) ?? null;
}

export interface SofficeRun {
  /** soffice's exit code (null when killed); never proof of success. */
  code: number | null;
  /** Ended by the watchdog (time-out). */
  timedOut: boolean;
  /** Could not be started at all (ENOENT, EACCES…): the reason. */
  spawnError?: string;
  /** The last lines soffice wrote on stderr (javaldx noise removed), for messages. */
  stderr: string;
}

export interface SofficeRunOptions {
  /** A fresh directory of this run's own: its LibreOffice profile. */
  profile: string;
  /**
   * Called with each stdout line (soffice announces every file it converts: "convert A -> B using filter : …").
   * Returning a number re-arms the watchdog for that many ms from now (a per-file time limit in a batch).
   */
  onLine?: (line: string) => number | void;
  /** Time allowed before the first re-arm (start-up included), ms. */
  timeoutMs: number;
  /** Receives the function that kills this run's process group at once (a caller ending everything on a signal). */
  onStart?: (kill: () => void) => void;
}

/** The headless options every run uses, then the caller's arguments. */
export function sofficeArgs(profile: string, args: string[]): string[] {
  return [
    '--headless', '--norestore', '--nolockcheck', '--nodefault', '--nofirststartwizard',
    `-env:UserInstallation=${pathToFileURL(profile).href}`,
    ...args,
  ];
}

/** Runs soffice once with `args` (after the headless options and the profile); kills its process tree on time-out. */
export function runSoffice(soffice: string, args: string[], o: SofficeRunOptions): Promise<SofficeRun> {
  return new Promise((resolve) => {
    let stderr = '';
    let stdoutRest = '';
    let timedOut = false;
    const child = spawn(soffice, sofficeArgs(o.profile, args), {
      detached: process.platform !== 'win32',
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const kill = () => {
      try {
        // soffice starts soffice.bin as its child: end the whole group
        if (child.pid && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        /* already gone */
      }
    };
    o.onStart?.(kill);
    let timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, o.timeoutMs);
    const rearm = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        kill();
      }, ms);
    };
    child.stdout?.on('data', (d: Buffer) => {
      stdoutRest += d.toString('utf8');
      const lines = stdoutRest.split('\n');
      stdoutRest = lines.pop() ?? '';
      for (const line of lines) {
        const ms = o.onLine?.(line.trim());
        if (typeof ms === 'number' && !timedOut) rearm(ms);
      }
    });
    child.stderr?.on('data', (d: Buffer) => {
      if (stderr.length < 4000) stderr += d.toString('utf8');
    });
    // the command line ending on Ctrl-C (process.exit) takes LibreOffice down with it
    process.prependListener('exit', kill);
    const said = () => stderr.split('\n').map((l) => l.trim()).filter((l) => l && !/javaldx/.test(l)).slice(-2).join('；');
    let settled = false;
    const done = (r: SofficeRun) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      process.off('exit', kill);
      resolve(r);
    };
    child.on('error', (err) => {
      kill();
      done({ code: null, timedOut: false, spawnError: err.message, stderr: said() });
    });
    child.on('close', (code) => {
      if (stdoutRest.trim()) o.onLine?.(stdoutRest.trim());
      // soffice may leave soffice.bin behind when it is itself killed: the group goes too
      if (timedOut) kill();
      done({ code, timedOut, stderr: said() });
    });
  });
}
