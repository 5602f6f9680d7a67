/**
 * The summary workbook's sheets, in order. Adding a sheet: a file in this folder exporting a SummarySheet, its line
 * here, and its name in core/labels.ts (SUMMARY_SHEET; SUMMARY_SHEET_ORDER unless it is optional).
 */
import { SUMMARY_SHEET_ORDER } from '../../../core/labels';
import { bulletinSheet } from './bulletin';
import { historySheets } from './history';
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
  // --history only: 走势 and 督办清单
  historySheets,
  projectsSheet,
  laggingSheet,
  problemsSheet,
  indicatorsSheet,
  powersSheet,
  submissionsSheet,
];

// the sheets always written are core's SUMMARY_SHEET_ORDER, in its order
const always = SUMMARY_SHEET_LIST.filter((s) => !s.optional).map((s) => s.name);
if (always.join() !== SUMMARY_SHEET_ORDER.join()) throw new Error(`summary sheets ${always.join('、')} differ from SUMMARY_SHEET_ORDER`);
