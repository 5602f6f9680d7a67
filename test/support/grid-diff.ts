/** Cell-by-cell comparison of two readings of a workbook (Grid[]), for the readers' differential tests. */
import type { CellValue, Grid, GridCell } from '../../core/grid';
import { address, isCellError } from '../../core/grid';

export interface DiffOptions {
  /**
   * Numbers equal when equal at 15 significant digits (what Excel shows; LibreOffice writes numbers to .xlsx so).
   * Cells that differ only beyond are counted in `beyond15`.
   */
  digits15?: boolean;
  /** Milliseconds added to the second reading's Dates before comparing (a known shift of its date system). */
  shiftB?: number;
  /** A difference this returns true for is counted in `accepted` instead of listed (the caller says why). */
  accept?: (sheet: string, r: number, c: number, a: GridCell | undefined, b: GridCell | undefined) => boolean;
}

function valueKey(v: CellValue | undefined, digits15: boolean, shift: number): string {
  if (v === undefined || v === null) return 'empty';
  if (v instanceof Date || Object.prototype.toString.call(v) === '[object Date]') return `date ${(v as Date).getTime() + shift}`;
  if (isCellError(v)) return `error ${v.error}`;
  if (typeof v === 'number') return `number ${Object.is(v, -0) ? '-0' : String(digits15 ? Number(v.toPrecision(15)) : v)}`;
  return `${typeof v} ${JSON.stringify(v)}`;
}

function cellKey(c: GridCell | undefined, digits15 = false, shift = 0): string {
  if (!c) return 'empty';
  return [valueKey(c.value, digits15, shift), c.percent ? 'percent' : '', c.noResult ? 'noResult' : '', c.formula !== undefined ? 'formula' : ''].filter(Boolean).join(' ');
}

export interface GridDiff {
  /** Cells compared (non-empty in either reading). */
  cells: number;
  /** Numbers equal at 15 significant digits but not exactly (with digits15). */
  beyond15: number;
  /** Differences opts.accept accepted. */
  accepted: number;
  differences: string[];
}

/** Differences in sheet names/order, hidden, every cell (value, Dates by time, percent, noResult, formula presence), merges (as a set), hidden rows. */
export function diffGrids(a: Grid[], b: Grid[], labels: [string, string] = ['a', 'b'], opts: DiffOptions = {}): GridDiff {
  const out: string[] = [];
  let cells = 0;
  let beyond15 = 0;
  let accepted = 0;
  const d15 = !!opts.digits15;
  const shift = opts.shiftB ?? 0;
  const [la, lb] = labels;
  const na = a.map((g) => g.sheet).join('|');
  const nb = b.map((g) => g.sheet).join('|');
  if (na !== nb) out.push(`sheets: ${la} [${na}] ${lb} [${nb}]`);
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const ga = a[i]!;
    const gb = b[i]!;
    const where = ga.sheet;
    if (ga.hidden !== gb.hidden) out.push(`${where}: hidden ${la} ${ga.hidden} ${lb} ${gb.hidden}`);
    const rows = Math.max(ga.rows.length, gb.rows.length);
    for (let r = 0; r < rows; r++) {
      const ra = ga.rows[r] ?? [];
      const rb = gb.rows[r] ?? [];
      const cols = Math.max(ra.length, rb.length);
      for (let c = 0; c < cols; c++) {
        const ka = cellKey(ra[c], d15);
        const kb = cellKey(rb[c], d15, shift);
        if (ka !== 'empty' || kb !== 'empty') cells++;
        if (d15 && ka === kb && cellKey(ra[c]) !== cellKey(rb[c], false, shift)) beyond15++;
        if (ka !== kb && opts.accept?.(where, r, c, ra[c], rb[c])) accepted++;
        else if (ka !== kb && out.length < 200) out.push(`${where}!${address(r, c)}: ${la} ${ka} | ${lb} ${kb}`);
      }
    }
    // merges as a set: their order says nothing unless two overlap, which normalizeMerges never leaves
    const sorted = (m: Grid['merges']) => JSON.stringify([...m].sort((x, y) => x.top - y.top || x.left - y.left || x.bottom - y.bottom || x.right - y.right));
    const ma = sorted(ga.merges);
    const mb = sorted(gb.merges);
    if (ma !== mb) out.push(`${where}: merges ${la} ${ma} ${lb} ${mb}`);
    const ha = JSON.stringify(ga.hiddenRows ?? []);
    const hb = JSON.stringify(gb.hiddenRows ?? []);
    if (ha !== hb) out.push(`${where}: hiddenRows ${la} ${ha} ${lb} ${hb}`);
  }
  return { cells, beyond15, accepted, differences: out };
}
