/** Where the towns' files go (Out: written with fixed dates and mtimes) and what each town is expected to give (TownExpect). */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as path from 'path';
import { Indicator } from './indicators';
import { FIXED_DATE, Project } from './model';

// ───────────────────────────── the towns' files ─────────────────────────────

export interface Written {
  /** Path under outDir with / separators. */
  file: string;
  mtime: Date;
}

export interface TownExpect {
  town: string;
  status: 'submitted' | 'rejected' | 'missing';
  reportDate: string | null;
  /** Files whose tables must be used. */
  files: string[];
  /** Other files of the town and what must happen to them. */
  otherFiles: { file: string; status: string; note: string; alsoAcceptable?: string[] }[];
  projects: Project[] | null;
  indicators: Indicator[] | null;
  notes: string[];
  expectedErrors?: { sheet: string; cell: string; problem: string }[];
  /** The delegated-powers register used (counts), null when the town has none in use. */
  powers?: PowerExpect | null;
  /** Planted errors of a powers register that must be sent back. */
  powerErrors?: { sheet: string; cell: string; problem: string }[];
}

export class Out {
  written: Written[] = [];
  constructor(readonly dir: string) {}
  async book(rel: string, wb: ExcelJS.Workbook, mtime: Date = FIXED_DATE): Promise<string> {
    const full = path.join(this.dir, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    await wb.xlsx.writeFile(full);
    fs.utimesSync(full, mtime, mtime);
    this.written.push({ file: rel, mtime });
    return rel;
  }
  raw(rel: string, bytes: Buffer, mtime: Date = FIXED_DATE): string {
    const full = path.join(this.dir, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, bytes);
    fs.utimesSync(full, mtime, mtime);
    this.written.push({ file: rel, mtime });
    return rel;
  }
}

export const D = (y: number, m: number, d: number, h = 17, min = 30): Date => new Date(Date.UTC(y, m - 1, d, h - 8, min));

export const FOOTER = (who: string, date = '2015年10月31日'): string => `填报人：${who}　　项目组长签字：　　　日期：${date}`;

export interface PowerExpect {
  count: number;
  byWay: Record<string, number>;
  byStatus: Record<string, number>;
  byDepartment: Record<string, number>;
}
