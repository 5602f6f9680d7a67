/** Plain result types shared by the core, the scripts and the add-in. Amounts are in 万元. */

export type Severity = 'error' | 'warning';

export interface Issue {
  severity: Severity;
  /** Stable code from the error catalogue (core/messages.ts). */
  code: string;
  sheet: string | null;
  /** A1 address, or null for a file- or sheet-level problem. */
  cell: string | null;
  /** Chinese message, self-contained (names the file only where the renderer adds it). */
  message: string;
}

export type TableKind = 'projects' | 'indicators';
export type Light = 'green' | 'yellow' | 'red' | null;

/** Where a number came from. row is 1-based as Excel shows it. */
export interface Source {
  file: string;
  sheet: string;
  row: number;
}

export interface ProjectRecord {
  seq: number | null;
  name: string;
  category: string | null;
  scope: string | null;
  period: string | null;
  totalInvestment: number | null;
  annualPlan: number | null;
  weekDone: number | null;
  completedYtd: number | null;
  progressText: string | null;
  weekProgress: string | null;
  nextWeekPlan: string | null;
  problems: string | null;
  leader: string | null;
  unit: string | null;
  status: string | null;
  /** completedYtd / annualPlan, null where there is no plan. */
  completion: number | null;
  light: Light;
  /** (completion − 序时进度) in percentage points, null where no light. */
  gap: number | null;
  source: Source;
  /** Week over week (filled by --previous); absent or null without last week's report. */
  change?: ProjectChange | null;
}

export interface IndicatorRecord {
  /** Canonical name when the catalog knows it, else the name as written. */
  name: string;
  /** The name as the town wrote it. */
  rawName: string;
  known: boolean;
  additive: boolean;
  /** Catalog unit when known, else as written. */
  unit: string | null;
  target: number | null;
  actual: number | null;
  yoy: number | null;
  completion: number | null;
  light: Light;
  gap: number | null;
  source: Source;
}

export interface ProjectTotals {
  count: number;
  totalInvestment: number;
  annualPlan: number;
  completedYtd: number;
  weekDone: number;
  red: number;
  yellow: number;
  green: number;
  /** completedYtd / annualPlan over projects with a plan; null when none. */
  completion: number | null;
  /** completion − 序时进度, in percentage points. */
  gap: number | null;
}

export type FileStatus = 'accepted' | 'rejected' | 'superseded' | 'ignored';
export type TownStatus = 'submitted' | 'rejected' | 'missing';

export interface FileResult {
  /** Path under the folder, with / separators. */
  file: string;
  town: string | null;
  kinds: TableKind[];
  status: FileStatus;
  reportDate: string | null;
  issues: Issue[];
}

export interface TownResult {
  town: string;
  status: TownStatus;
  reportDate: string | null;
  /** Files whose tables were used. */
  files: string[];
  projects: ProjectTotals | null;
  projectList: ProjectRecord[];
  indicators: IndicatorRecord[] | null;
  /** 1 = best completion among towns with projects; null when not ranked. */
  rank: number | null;
  /** Totals by 项目类别 and by 状态, for the town's own 汇总. */
  byCategory: GroupTotals[];
  byStatus: GroupTotals[];
  /** Week over week (filled by --previous); absent or null without last week's report. */
  change?: TownChange | null;
}

export interface GroupTotals {
  key: string;
  count: number;
  annualPlan: number;
  completedYtd: number;
  completion: number | null;
}

export interface CountyIndicator {
  name: string;
  unit: string;
  target: number;
  actual: number;
  completion: number | null;
  /** Towns that reported it. */
  towns: number;
}

export interface LaggingProject {
  town: string;
  project: string;
  leader: string | null;
  annualPlan: number | null;
  completedYtd: number | null;
  completion: number;
  gap: number;
  light: 'yellow' | 'red';
  problems: string | null;
  source: Source;
}

export interface ProblemItem {
  town: string;
  project: string;
  leader: string | null;
  problems: string;
  light: Light;
  source: Source;
}

export interface Thresholds {
  /** Yellow down to this many percentage points below 序时进度; red below that. */
  yellowBelow: number;
}

export interface ConsolidationResult {
  asOf: string;
  timeProgress: number;
  thresholds: Thresholds;
  files: FileResult[];
  towns: TownResult[];
  county: {
    projects: ProjectTotals;
    indicators: CountyIndicator[];
  };
  lagging: LaggingProject[];
  problems: ProblemItem[];
  /** Week over week (filled by --previous); absent or null without last week's report. */
  weekOverWeek?: WeekOverWeek | null;
}

// --- week over week (owner: targets engineer; declared here as the issue #4 contract fixes them) ---
export interface ProjectChange { completedYtdBefore: number | null; completedYtdDelta: number | null; lightBefore: Light; turnedRed: boolean; }
export interface TownChange {
  previousReportDate: string | null;     // the town's report date in last week's report
  completedYtdBefore: number | null;      // 万元
  completedYtdDelta: number | null;       // 万元, this week − last week
  rankBefore: number | null;
  rankChange: number | null;              // positive = moved up (rankBefore − rank)
  turnedRed: string[];                    // project names that were not red last week and are red now
}
export interface WeekOverWeek { previousAsOf: string; droppedTowns: string[]; /* reported last week, not this week */ }
