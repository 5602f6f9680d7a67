/// <reference types="office-js" />
/**
 * Is the page running inside Excel? office.js (from Microsoft's CDN, see pane/taskpane.html) answers through
 * Office.onReady; in a plain browser it reports no host, and when it never answers (offline) we are not in Office.
 */
import type { HostRuntime } from '../ops/host';
import { officeHost } from './office-host';
import { initOfficeExtras } from './office-extras';

function officeRuntime(): HostRuntime {
  return {
    kind: 'office',
    run: (op) => Excel.run((ctx) => op(officeHost(ctx))),
    fileName: () => {
      const url = (Office.context.document as { url?: string } | undefined)?.url ?? '';
      return decodeURIComponent(url.split(/[\\/]/).pop() ?? '');
    },
    displayLanguage: () => Office.context.displayLanguage,
    // what this Excel offers beyond ExcelApi 1.1 (capabilities, notes, 标记 hidden where it cannot work) and 边改边查
    extras: (pane) => initOfficeExtras(pane),
  };
}

/** Calls inside(runtime) in Excel, outside() otherwise (once, whichever comes first). */
export function detectOffice(inside: (rt: HostRuntime) => void, outside: () => void): void {
  let done = false;
  const out = () => {
    if (done) return;
    done = true;
    outside();
  };
  if (typeof Office === 'undefined' || typeof Office.onReady !== 'function') {
    out();
    return;
  }
  const timer = setTimeout(out, 5000);
  void Office.onReady((info) => {
    clearTimeout(timer);
    if (done) return;
    if (info.host === Office.HostType.Excel) {
      done = true;
      inside(officeRuntime());
    } else out();
  });
}
