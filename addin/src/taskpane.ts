/// <reference types="office-js" />
/**
 * The task pane page. Inside Excel: the buttons run the operations of excel-ops.ts on the open workbook. Outside
 * Office (a plain browser, or office.js could not load): the page says so and validates dropped workbooks with
 * exceljs in the browser. Both render the core's issues the same way.
 */
import { analysisContext, analyzeSource, consolidate, type AnalyzedFile } from '../../core/consolidate';
import type { SourceFile } from '../../core/consolidate';
import { groupIssues, rosterFromFiles, townReport } from '../../core/town-report';
import type { Issue } from '../../core/types';
import { readWorkbookFile } from './browser-read';
import {
  clearMarks, insertTemplate, mark, selectCell, todayIso, validate, writeBulletin, writeCountySheets, writeSummary,
} from './excel-ops';
import { STRINGS, langOf, t, type Lang, type StringKey } from './strings';
import { initOfficeExtras } from './office-extras';

let lang: Lang = 'zh';
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

// ─────────────────────────────────────────────────────────────────────────── inside Excel

function fileName(): string {
  const url = (Office.context.document as { url?: string } | undefined)?.url ?? '';
  const base = decodeURIComponent(url.split(/[\\/]/).pop() ?? '');
  return base || '本工作簿.xlsx';
}

async function pick(i: Issue): Promise<void> {
  const r = await Excel.run((ctx) => selectCell(ctx, i.sheet!, i.cell!));
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
  const roster = rosterFromFiles(sources.flatMap((s) => (s.ok ? [{ file: s.file, grids: s.grids }] : [])));
  // as-of: the latest report date among the files, else today
  const first = sources.map((s) => analyzeSource(s, analysisContext({ roster, asOf: todayIso() })));
  const dates = first.flatMap((a) => (a.ok && a.analysis.reportDate ? [a.analysis.reportDate] : [])).sort();
  const asOf = dates[dates.length - 1] ?? todayIso();
  const ctx = analysisContext({ roster, asOf });
  const analyzed: AnalyzedFile[] = sources.map((s) => analyzeSource(s, ctx));
  const result = consolidate(analyzed, { roster, asOf });
  const names = await Excel.run((c) => writeCountySheets(c, result));
  setStatus(tr('countyDone', { n: files.length, sheets: names.join('、') }));
  showIssues(result.files.flatMap((f) => f.issues.map((i) => ({ ...i, sheet: i.sheet ? `${f.file} / ${i.sheet}` : f.file }))), []);
}

function startInside(): void {
  document.body.classList.add('inside');
  // what this Excel offers beyond ExcelApi 1.1, its notes, and 边改边查 (office-extras.ts)
  const extras = initOfficeExtras({ lang, showIssues, setStatus, fileName });
  const on = (id: string, fn: () => Promise<void>) => $(id).addEventListener('click', () => void runOp(fn));
  on('btn-validate', async () => {
    const r = await Excel.run((ctx) => validate(ctx, fileName()));
    showIssues(r.report.analysis.issues, r.sheetOrder);
    setStatus('');
    await extras.afterValidate();
  });
  on('btn-mark', async () => {
    const r = await Excel.run((ctx) => mark(ctx, fileName()));
    showIssues(r.report.analysis.issues, []);
    setStatus(tr('marked', { n: r.marked }));
  });
  on('btn-clear', async () => {
    const r = await Excel.run((ctx) => clearMarks(ctx));
    setStatus(r.restored ? tr('cleared', { n: r.restored }) : tr('nothingToClear'));
  });
  for (const [id, fn] of [['btn-summary', writeSummary], ['btn-bulletin', writeBulletin]] as const) {
    on(id, async () => {
      const r = await Excel.run((ctx) => fn(ctx, fileName()));
      setStatus(r.ok ? tr('summaryDone', { sheet: r.sheet }) : tr('notOurSheet', { sheet: r.sheet }), r.ok ? 'info' : 'error');
    });
  }
  on('btn-tpl-projects', async () => setStatus(tr('templateDone', { sheet: await Excel.run((ctx) => insertTemplate(ctx, 'projects')) })));
  on('btn-tpl-indicators', async () => setStatus(tr('templateDone', { sheet: await Excel.run((ctx) => insertTemplate(ctx, 'indicators')) })));
  const input = $<HTMLInputElement>('county-input');
  $('btn-county').addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    const files = Array.from(input.files ?? []);
    input.value = '';
    if (files.length) void runOp(() => consolidateFiles(files));
  });
}

// ─────────────────────────────────────────────────────────────────────────── start

function start(): void {
  // the ES5 check (addin/legacy/engine-check.js) found an engine this bundle cannot run in, and said so
  if ((window as unknown as { __xcsUnsupported?: boolean }).__xcsUnsupported) return;
  let started = false;
  const outside = () => {
    if (started) return;
    started = true;
    labelButtons();
    startOutside();
  };
  if (typeof Office === 'undefined' || typeof Office.onReady !== 'function') {
    outside();
    return;
  }
  // office.js loaded: in a plain browser onReady reports no host; if it never answers, we are not in Office either
  const timer = setTimeout(outside, 5000);
  void Office.onReady((info) => {
    clearTimeout(timer);
    if (started) return;
    if (info.host === Office.HostType.Excel) {
      started = true;
      lang = langOf(Office.context.displayLanguage);
      labelButtons();
      startInside();
    } else outside();
  });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
