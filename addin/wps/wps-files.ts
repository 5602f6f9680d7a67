/// <reference types="et-jsapi-declare" />
/**
 * 汇总多个文件 inside WPS 表格: the clerk picks the towns' files in WPS's own dialog and WPS opens each one itself
 * (Workbooks.Open, read-only), so legacy .xls and WPS's .et are read like .xlsx, with no LibreOffice. Each opened
 * workbook is read through the same host and operations as the open one, then closed unsaved; a file the clerk already
 * had open is read as it is and left open. Where this WPS build lacks the dialog, the caller falls back to the browser's
 * file picker (.xlsx only) and says so.
 */
import type { SourceFile } from '../../core/consolidate';
import { readFailedFailure } from '../../io/grid/exceljs-grid';
import { readWorkbook } from '../ops/operations';
import { member } from './et-model';
import { WpsHost } from './wps-host';

export const OPEN_FILTER = '乡镇报表 (*.xlsx;*.xlsm;*.xls;*.et),*.xlsx;*.xlsm;*.xls;*.et';

/** GetOpenFilename's answer → paths: false (cancelled), one path, an array, or a VBArray-style SafeArray. */
export function pathList(picked: unknown): string[] {
  if (picked === false || picked === null || picked === undefined || picked === '' || picked === 'False') return [];
  if (typeof picked === 'string') return [picked];
  if (Array.isArray(picked)) return picked.map(String).filter(Boolean);
  if (typeof (picked as { toArray?: unknown }).toArray === 'function') return (picked as { toArray: () => unknown[] }).toArray().map(String).filter(Boolean);
  return [];
}

function baseName(p: string): string {
  return p.split(/[\\/]/).pop() || p;
}

function reasonOf(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err);
  return (m.split('\n')[0] ?? '').slice(0, 80) || 'WPS 无法打开';
}

/** One file through WPS: opened read-only (or found open), read, closed unsaved. Never throws. */
export async function readFileThroughWps(app: Et.Application, path: string): Promise<SourceFile> {
  const file = baseName(path);
  const books = app.Workbooks;
  let wb: Et.Workbook | null = null;
  let openedHere = false;
  const n = Number(member(books, 'Count'));
  for (let i = 1; i <= n && !wb; i++) {
    const b = books.Item(i);
    if (String(b.FullName) === path) wb = b;
  }
  const alerts = app.DisplayAlerts;
  app.DisplayAlerts = false;
  try {
    if (!wb) {
      wb = books.Open(path, 0, true);
      openedHere = true;
    }
    if (!wb) return { file, ...readFailedFailure('WPS 没有返回工作簿') };
    const read = await readWorkbook(new WpsHost(app, wb));
    return { file, ok: true, grids: read.grids };
  } catch (err) {
    return { file, ...readFailedFailure(reasonOf(err)) };
  } finally {
    if (wb && openedHere) {
      try {
        wb.Close(false);
      } catch {
        // already gone
      }
    }
    app.DisplayAlerts = alerts;
  }
}

/** The dialog, then every chosen file; null when cancelled, 'unsupported' when this build has no dialog or no Open. */
export async function openFilesThroughWps(app: Et.Application): Promise<SourceFile[] | null | 'unsupported'> {
  if (typeof app.GetOpenFilename !== 'function' || !app.Workbooks || typeof app.Workbooks.Open !== 'function') return 'unsupported';
  const home = app.ActiveWorkbook;
  let picked: unknown;
  try {
    picked = app.GetOpenFilename(OPEN_FILTER, 1, '选择乡镇报表（可多选）', undefined, true);
  } catch {
    return 'unsupported';
  }
  const paths = pathList(picked);
  if (!paths.length) return null;
  const out: SourceFile[] = [];
  for (const p of paths) out.push(await readFileThroughWps(app, p));
  // the county sheets go into the clerk's own workbook
  home?.Activate();
  return out;
}
