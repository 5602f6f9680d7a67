/// <reference types="office-js" />
/**
 * The pane's Office-only extras, the Office runtime's `extras` (ops/host.ts HostRuntime; the pane calls it in
 * startInside and `afterValidate` after 校验; texts from pane/strings.ts through `text`): it detects what this Excel offers beyond ExcelApi 1.1 (office-capabilities.ts) and
 * says in Chinese what needs a newer Office and what still works; hides 标记 where it cannot work; and runs 边改边查
 * (live-check.ts) where change events exist, with a toggle the clerk can turn off (remembered on this computer).
 */
import type { HostNote, PaneHooks } from '../ops/host';
import { LiveCheck } from './live-check';
import { detectCapabilities, levelOf, missingNotes, useCapabilities, type Capabilities } from './office-capabilities';

const LIVE_KEY = 'xcs.liveCheck';

export interface ExtrasOptions extends PaneHooks {
  /** Defaults to Office.context.requirements.isSetSupported. */
  isSetSupported?: (name: string, version: string) => boolean;
}

function storedLive(): boolean {
  try {
    return window.localStorage.getItem(LIVE_KEY) !== '0';
  } catch {
    return true;
  }
}

export function initOfficeExtras(o: ExtrasOptions): { caps: Capabilities; notes: HostNote[]; afterValidate: () => Promise<void> } {
  const isSet = o.isSetSupported ?? ((n: string, v: string) => Office.context.requirements.isSetSupported(n, v));
  const caps = detectCapabilities(isSet);
  useCapabilities(caps);

  const notes = missingNotes(caps, o.lang);
  const box = document.getElementById('capability-notes');
  if (box && notes.length) {
    const details = document.createElement('details');
    const summary = document.createElement('summary');
    summary.textContent = o.text('capabilityNotes', { level: levelOf(caps) });
    details.appendChild(summary);
    const ul = document.createElement('ul');
    for (const n of notes) {
      const li = document.createElement('li');
      li.className = 'note';
      li.dataset.capability = n.capability;
      li.textContent = n.text;
      ul.appendChild(li);
    }
    details.appendChild(ul);
    box.appendChild(details);
  }
  // 标记 keeps the cells' own fills in a hidden sheet: not offered where a sheet cannot be hidden (ExcelApi 1.2)
  if (!caps.sheetVisibilityWrite) {
    const b = document.getElementById('btn-mark');
    if (b) b.style.display = 'none';
  }

  let live: LiveCheck | null = null;
  const toggle = document.getElementById('live-toggle') as HTMLInputElement | null;
  const label = document.getElementById('live-label');
  if (label) label.textContent = o.text('liveCheck');
  if (!caps.changeEvents) {
    // ExcelApi 1.7: no change events here, the note above says so
    const row = document.getElementById('live-row');
    if (row) row.style.display = 'none';
  } else {
    live = new LiveCheck({
      run: (fn, context) => (context ? Excel.run(context as Excel.RequestContext, fn) : Excel.run(fn)),
      fileName: o.fileName,
      onUpdate: (report, order, sheet) => {
        o.showIssues(report.analysis.issues, order);
        o.setStatus(o.text('liveDone', { sheet }));
      },
      onError: (err) => o.setStatus(o.text('liveFailed', { reason: err instanceof Error ? err.message : String(err) }), 'error'),
    });
    if (toggle) {
      toggle.checked = storedLive();
      toggle.addEventListener('change', () => {
        try {
          window.localStorage.setItem(LIVE_KEY, toggle.checked ? '1' : '0');
        } catch {
          // private mode: the choice lasts until the pane closes
        }
        if (!toggle.checked) void live!.stop();
        else {
          void live!.start().then((r) => o.showIssues(r.analysis.issues, live!.sheetOrder), () => undefined);
        }
      });
    }
  }

  return {
    caps,
    notes,
    afterValidate: async () => {
      if (live && (!toggle || toggle.checked)) await live.start();
    },
  };
}
