/**
 * The summary workbook's sheets, in order. Adding a sheet: a file in this folder exporting a SummarySheet, and its
 * line here. The names are the recognition set of core SUMMARY_SHEETS plus the later ones (扩权事项).
 */
import { SUMMARY_SHEETS } from '../../../core/report';
import { bulletinSheet } from './bulletin';
import { indicatorsSheet } from './indicators';
import { laggingSheet } from './lagging';
import { overviewSheet } from './overview';
import { powersSheet } from './powers';
import { problemsSheet } from './problems';
import { projectsSheet } from './projects';
import type { SummarySheet } from './sheet';
import { submissionsSheet } from './submissions';

export const SUMMARY_SHEET_LIST: readonly SummarySheet[] = [
  overviewSheet,
  bulletinSheet,
  projectsSheet,
  laggingSheet,
  problemsSheet,
  indicatorsSheet,
  powersSheet,
  submissionsSheet,
];

// every sheet that makes a workbook recognisable as a summary is written
for (const n of SUMMARY_SHEETS) if (!SUMMARY_SHEET_LIST.some((s) => s.name === n)) throw new Error(`summary sheet ${n} not written`);
