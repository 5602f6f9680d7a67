/// <reference types="et-jsapi-declare" />
/**
 * Is the page running in a WPS 表格 task pane? WPS puts its object model on the page as `window.Application` (older
 * builds: `wps.EtApplication`, a method in some builds and a property in others). Found: the pane runs inside, with
 * the ribbon's buttons passed on through PluginStorage (see main.ts: the ribbon's callbacks stay synchronous).
 */
import type { HostRuntime } from '../ops/host';
import { member } from './et-model';
import { COMMAND_KEY } from './keys';
import { openFilesThroughWps } from './wps-files';
import { wpsHost } from './wps-host';


type Root = Partial<WPS.AddonRoot> & { EtApplication?: unknown };

/** The ET Application of this page, or null outside WPS 表格. */
export function wpsApplication(win: Window = window): Et.Application | null {
  const w = win as unknown as { Application?: unknown; wps?: Root };
  const cand = (w.Application as Et.Application | undefined) ?? (w.wps?.EtApplication !== undefined ? member<Et.Application>(w.wps, 'EtApplication') : undefined);
  // an ET application has workbooks; WPS 文字 (Documents) or a stray global named Application does not
  return cand && typeof cand === 'object' && 'Workbooks' in cand ? cand : null;
}

export function wpsRuntime(app: Et.Application): HostRuntime {
  const storage = (app as unknown as Partial<WPS.AddonRoot>).PluginStorage;
  return {
    kind: 'wps',
    run: (op) => op(wpsHost(app)),
    fileName: () => {
      try {
        return String(app.ActiveWorkbook?.Name ?? '');
      } catch {
        return '';
      }
    },
    openFiles: () => openFilesThroughWps(app),
    // WPS's own interface language (msoLanguageIDUI = 2; 1033 = English), not the webview's: Chinese unless WPS is English
    displayLanguage: () => {
      try {
        return Number(app.LanguageSettings?.LanguageID(2 as never)) === 1033 ? 'en-US' : 'zh-CN';
      } catch {
        return undefined;
      }
    },
    onCommand: storage
      ? (run) => {
        let last = '';
        setInterval(() => {
          let cmd = '';
          try {
            cmd = String(storage.getItem(COMMAND_KEY) ?? '');
          } catch {
            return;
          }
          if (!cmd || cmd === last) return;
          last = cmd;
          storage.setItem(COMMAND_KEY, '');
          run(cmd.split('|')[0]!);
        }, 300);
      }
      : undefined,
  };
}

/** Calls inside(runtime) in WPS 表格 and returns true; false elsewhere. */
export function detectWps(inside: (rt: HostRuntime) => void): boolean {
  const app = wpsApplication();
  if (!app) return false;
  inside(wpsRuntime(app));
  return true;
}
