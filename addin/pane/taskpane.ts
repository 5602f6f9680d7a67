/**
 * The task pane page: UI, strings, events. Inside a spreadsheet program (Excel through office/, WPS 表格 through wps/)
 * the buttons run the operations of ops/operations.ts on the open workbook through that program's host. Outside
 * (a plain browser, or office.js could not load): the page says so and validates dropped workbooks with exceljs in
 * the browser. Both render the core's issues the same way. Nothing here knows which program it is in.
 */
import { analysisContext, analyzeSource, consolidate, type AnalyzedFile } from '../../core/consolidate';
import type { SourceFile } from '../../core/consolidate';
import { groupIssues, rosterFromFiles, townReport } from '../../core/addin-sheets';
import type { Issue } from '../../core/types';
import { readWorkbookFile } from './browser-read';
import {
  clearMarks, insertTemplate, mark, selectCell, todayIso, validate, writeBulletin, writeCountySheets, writeSummary,
} from '../ops/operations';
import type { HostRuntime } from '../ops/host';
import { detectHost } from './detect';
import { STRINGS, langOf, t, type Lang, type StringKey } from './strings';

let lang: Lang = 'zh';
let rt: HostRuntime;
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const tr = (key: StringKey, params?: Record<string, string | number>) => t(lang, key, params);

function setStatus(text: string, kind: 'info' | 'error' = 'info'): void {
  const s = $('status');
  s.textContent = text;
  s.className = kind;
}

function el(tag: string, cls: string | null, text?: string): HTMLElement {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Issues grouped by sheet and severity; with onPick, each issue with a cell is a link to it. */
function renderIssues(container: HTMLElement, issues: Issue[], sheetOrder: string[], onPick?: (i: Issue) => void): void {
  const e = issues.filter((i) => i.severity === 'error').length;
  container.appendChild(el('p', 'count', issues.length ? tr('problems', { n: issues.length, e, w: issues.length - e }) : tr('noProblems')));
  if (onPick && issues.some((i) => i.sheet && i.cell)) container.appendChild(el('p', 'hint', tr('clickToJump')));
  for (const g of groupIssues(issues, sheetOrder)) {
    const box = el('section', `group ${g.severity}`);
    box.appendChild(el('h3', null, `${g.sheet ?? tr('workbookLevel')} · ${tr(g.severity)}（${g.issues.length}）`));
    const ul = el('ul', null);
    for (const i of g.issues) {
      const li = el('li', `issue ${i.severity}`);
      li.dataset.sheet = i.sheet ?? '';
      li.dataset.cell = i.cell ?? '';
      if (i.cell) li.appendChild(el('span', 'cell', i.cell));
      li.appendChild(el('span', 'msg', i.message));
      if (onPick && i.sheet && i.cell) {
        li.classList.add('link');
        li.tabIndex = 0;
        li.addEventListener('click', () => onPick(i));
        li.addEventListener('keydown', (ev) => {
          if (ev.key === 'Enter') onPick(i);
        });
      }
      ul.appendChild(li);
    }
    box.appendChild(ul);
    container.appendChild(box);
  }
}

function labelButtons(): void {
  document.querySelectorAll<HTMLElement>('[data-label]').forEach((b) => {
    const k = b.dataset.label as StringKey;
    if (k in STRINGS) b.textContent = tr(k);
  });
  document.title = tr('title');
}

// ─────────────────────────────────────────────────────────────────────────── outside Office

async function validateFiles(files: File[]): Promise<void> {
  const results = $('results');
  results.textContent = '';
  setStatus(tr('working'));
  for (const f of files) {
    const src = await readWorkbookFile(f);
    const box = el('section', 'file');
    box.appendChild(el('h2', null, tr('fileProblems', { file: f.name })));
    if (!src.ok) {
      renderIssues(box, [{ severity: 'error', code: src.code, sheet: null, cell: null, message: src.message }], []);
    } else {
      const rep = townReport(f.name, src.grids, todayIso());
      renderIssues(box, rep.analysis.issues, src.grids.map((g) => g.sheet));
    }
    results.appendChild(box);
  }
  setStatus('');
}

function startOutside(): void {
  document.body.classList.add('outside');
  $('outside-note').textContent = tr('outsideOffice');
  const drop = $('drop');
  const input = $<HTMLInputElement>('file-input');
  drop.addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    if (input.files?.length) void validateFiles(Array.from(input.files));
  });
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    const files = Array.from(e.dataTransfer?.files ?? []);
    if (files.length) void validateFiles(files);
  });
}

// ─────────────────────────────────────────────────────────────────────────── inside a spreadsheet program

function fileName(): string {
  return rt.fileName() || '本工作簿.xlsx';
}

async function pick(i: Issue): Promise<void> {
  const r = await rt.run((h) => selectCell(h, i.sheet!, i.cell!));
  if (r === 'hidden') setStatus(tr('sheetHidden', { sheet: i.sheet!, cell: i.cell! }), 'error');
  else if (r === 'missing') setStatus(tr('sheetMissing', { sheet: i.sheet! }), 'error');
}

async function runOp(op: () => Promise<void>): Promise<void> {
  setStatus(tr('working'));
  document.querySelectorAll<HTMLButtonElement>('button').forEach((b) => (b.disabled = true));
  try {
    await op();
  } catch (err) {
    setStatus(tr('failed', { reason: err instanceof Error ? err.message : String(err) }), 'error');
  } finally {
    document.querySelectorAll<HTMLButtonElement>('button').forEach((b) => (b.disabled = false));
  }
}

function showIssues(issues: Issue[], order: string[]): void {
  const results = $('results');
  results.textContent = '';
  renderIssues(results, issues, order, (i) => void pick(i));
}

async function consolidateFiles(files: File[]): Promise<void> {
  const sources: SourceFile[] = [];
  for (const f of files) sources.push(await readWorkbookFile(f));
  await consolidateSources(sources);
}

async function consolidateSources(sources: SourceFile[]): Promise<void> {
  const roster = rosterFromFiles(sources.flatMap((s) => (s.ok ? [{ file: s.file, grids: s.grids }] : [])));
  // as-of: the latest report date among the files, else today
  const first = sources.map((s) => analyzeSource(s, analysisContext({ roster, asOf: todayIso() })));
  const dates = first.flatMap((a) => (a.ok && a.analysis.reportDate ? [a.analysis.reportDate] : [])).sort();
  const asOf = dates[dates.length - 1] ?? todayIso();
  const ctx = analysisContext({ roster, asOf });
  const analyzed: AnalyzedFile[] = sources.map((s) => analyzeSource(s, ctx));
  const result = consolidate(analyzed, { roster, asOf });
  const names = await rt.run((h) => writeCountySheets(h, result));
  setStatus(tr('countyDone', { n: sources.length, sheets: names.join('、') }));
  showIssues(result.files.flatMap((f) => f.issues.map((i) => ({ ...i, sheet: i.sheet ? `${f.file} / ${i.sheet}` : f.file }))), []);
}

function startInside(runtime: HostRuntime): void {
  rt = runtime;
  document.body.classList.add('inside', `host-${runtime.kind}`);
  // the program's own extras (Office: what this Excel offers beyond ExcelApi 1.1, its notes, 边改边查)
  const extras = runtime.extras?.({ lang, text: (key, params) => tr(key, params), showIssues, setStatus, fileName });
  if (!extras) $('live-row').style.display = 'none';
  const on = (id: string, fn: () => Promise<void>) => $(id).addEventListener('click', () => void runOp(fn));
  on('btn-validate', async () => {
    const r = await rt.run((h) => validate(h, fileName()));
    showIssues(r.report.analysis.issues, r.sheetOrder);
    setStatus('');
    await extras?.afterValidate();
  });
  on('btn-mark', async () => {
    const r = await rt.run((h) => mark(h, fileName()));
    showIssues(r.report.analysis.issues, r.sheetOrder);
    setStatus(tr('marked', { n: r.marked }));
  });
  on('btn-clear', async () => {
    const r = await rt.run((h) => clearMarks(h));
    setStatus(r.restored ? tr('cleared', { n: r.restored }) : tr('nothingToClear'));
  });
  for (const [id, fn] of [['btn-summary', writeSummary], ['btn-bulletin', writeBulletin]] as const) {
    on(id, async () => {
      const r = await rt.run((h) => fn(h, fileName()));
      setStatus(r.ok ? tr('summaryDone', { sheet: r.sheet }) : tr('notOurSheet', { sheet: r.sheet }), r.ok ? 'info' : 'error');
    });
  }
  on('btn-tpl-projects', async () => setStatus(tr('templateDone', { sheet: await rt.run((h) => insertTemplate(h, 'projects')) })));
  on('btn-tpl-indicators', async () => setStatus(tr('templateDone', { sheet: await rt.run((h) => insertTemplate(h, 'indicators')) })));
  const input = $<HTMLInputElement>('county-input');
  $('btn-county').addEventListener('click', () => {
    const open = runtime.openFiles;
    if (!open) {
      input.click();
      return;
    }
    // WPS opens the files itself (.xls and .et too); where its build cannot, the browser's file picker (.xlsx)
    void runOp(async () => {
      const got = await open();
      if (got === 'unsupported') {
        setStatus(tr('openFilesMissing'), 'error');
        input.click();
      } else if (got && got.length) await consolidateSources(got);
      else setStatus('');
    });
  });
  input.addEventListener('change', () => {
    const files = Array.from(input.files ?? []);
    input.value = '';
    if (files.length) void runOp(() => consolidateFiles(files));
  });
  // the program's own ribbon (WPS): a button there clicks the pane's button of the same job
  runtime.onCommand?.((id) => {
    const b = document.getElementById(id);
    if (b instanceof HTMLButtonElement && !b.disabled) b.click();
  });
}

// ─────────────────────────────────────────────────────────────────────────── start

function start(): void {
  // the ES5 check (addin/legacy/engine-check.js) found an engine this bundle cannot run in, and said so
  if ((window as unknown as { __xcsUnsupported?: boolean }).__xcsUnsupported) return;
  detectHost(
    (runtime) => {
      lang = langOf(runtime.displayLanguage());
      labelButtons();
      startInside(runtime);
    },
    () => {
      labelButtons();
      startOutside();
    },
  );
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
