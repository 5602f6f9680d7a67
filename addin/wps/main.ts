/**
 * The WPS add-in's entry script (index.html → main.js): the callbacks ribbon.xml names. WPS calls them by name on the
 * page's global object. They stay synchronous and return at once (async ribbon callbacks broke in some WPS builds):
 * a button only shows the task pane and leaves its command in PluginStorage, which the pane (wps-start.ts) runs.
 */
import { COMMAND_KEY, TASKPANE_KEY } from './keys';

type Control = { Id?: string; id?: string };
type Root = WPS.AddonRoot;

/** ribbon button id → the pane's button id (pane/taskpane.html). */
export const RIBBON_COMMANDS: Record<string, string | null> = {
  xcsShowPane: null,
  xcsValidate: 'btn-validate',
  xcsMark: 'btn-mark',
  xcsClear: 'btn-clear',
  xcsSummary: 'btn-summary',
  xcsBulletin: 'btn-bulletin',
  xcsCounty: 'btn-county',
};

function root(): Root | null {
  const w = window as unknown as { Application?: Root; wps?: Root };
  return w.Application ?? w.wps ?? null;
}

/** The folder this page was loaded from (online: the server's URL; offline: the unpacked add-in's folder). */
function here(): string {
  const href = String(window.location.href).split(/[?#]/)[0]!;
  return href.slice(0, href.lastIndexOf('/') + 1);
}

function showPane(app: Root): void {
  const storage = app.PluginStorage;
  const id = storage.getItem(TASKPANE_KEY);
  if (id) {
    try {
      const pane = app.GetTaskPane(Number(id));
      if (pane) {
        pane.Visible = true;
        return;
      }
    } catch {
      // the pane was closed with its window: make a new one
    }
  }
  const pane = app.CreateTaskPane(`${here()}taskpane.html`, '周报助手');
  storage.setItem(TASKPANE_KEY, pane.ID);
  pane.Visible = true;
}

function OnAddinLoad(ribbonUI: unknown): boolean {
  const app = root();
  if (app && typeof app.ribbonUI !== 'object') (app as unknown as { ribbonUI: unknown }).ribbonUI = ribbonUI;
  return true;
}

function OnAction(control: Control): boolean {
  const app = root();
  if (!app) return true;
  const id = String(control?.Id ?? control?.id ?? '');
  try {
    showPane(app);
    const cmd = RIBBON_COMMANDS[id];
    if (cmd) app.PluginStorage.setItem(COMMAND_KEY, `${cmd}|${Date.now()}`);
  } catch (err) {
    alert(`周报助手无法打开任务窗格：${err instanceof Error ? err.message : String(err)}`);
  }
  return true;
}

function GetImage(control: Control): string {
  const id = String(control?.Id ?? control?.id ?? '');
  return id === 'xcsShowPane' ? 'assets/icon-80.png' : 'assets/icon-32.png';
}

const g = window as unknown as Record<string, unknown>;
g.OnAddinLoad = OnAddinLoad;
g.OnAction = OnAction;
g.GetImage = GetImage;
