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

export type TableKind = 'projects' | 'indicators' | 'powers';
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
  /** Against last week's report (--previous); null or absent without one. */
  change?: ProjectChange | null;
  /** Streaks over the year's reports (--history); absent without one. */
  history?: ProjectHistory | null;
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
  // county targets (--targets): `target` stays the value in force that completion and light use
  targetOriginal?: number | null;
  targetAdjusted?: number | null;
  /** 'county': the county's target workbook; 'town': the town's own sheet; null: no target. */
  targetSource?: 'county' | 'town' | null;
  adjustedOn?: string | null;
  adjustDoc?: string | null;
  /** The target the town's own sheet states (catalog unit), kept when the county's replaces it. */
  targetTown?: number | null;
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
  /** The delegated-powers register (扩权强镇事项): totals, and its rows. */
  powers?: PowerTotals | null;
  powerList?: PowerRecord[];
  /** Against last week's report (--previous); null or absent without one. */
  change?: TownChange | null;
  /** Indicators the county set a target for (--targets) that the town's report does not hold; absent without targets. */
  indicatorsNotReported?: { name: string; unit: string; target: number | null }[];
  /** The town's weeks over the year (--history); absent without one. */
  history?: TownHistory | null;
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
    powers?: PowerTotals;
  };
  lagging: LaggingProject[];
  problems: ProblemItem[];
  /** Present when last week's report was given (--previous). */
  weekOverWeek?: WeekOverWeek | null;
  /** Present when the year's earlier reports were given (--history). */
  history?: HistoryResult | null;
}

// --- the year's history (--history): see core/history.ts and docs/json-report.md ---
export interface ProjectHistory {
  redWeeks: number;
  redSince: string | null;
  stalledWeeks: number;
  firstSeen: string;
}

export interface TownWeek {
  asOf: string;
  status: TownStatus;
  completedYtd: number | null;
  completion: number | null;
  timeProgress: number;
}

export interface TownHistory {
  weeks: TownWeek[];
  missedWeeks: string[];
  longestMissedRun: number;
  missedRun: number;
}

export interface CurvePoint {
  asOf: string;
  timeProgress: number;
  completedYtd: number;
  annualPlan: number;
  completion: number | null;
  towns: number;
  submitted: number;
}

export interface SupervisionItem {
  town: string;
  project: string;
  leader: string | null;
  light: Light;
  completion: number | null;
  redWeeks: number;
  redSince: string | null;
  stalledWeeks: number;
  reasons: ('red' | 'stalled')[];
  problems: string | null;
}

export interface HistoryResult {
  redWeeks: number;
  stalledWeeks: number;
  weeks: { asOf: string; file: string | null }[];
  skipped: { file: string; reason: string }[];
  curve: CurvePoint[];
  supervision: SupervisionItem[];
  appeared: { town: string; project: string; previousAsOf: string }[];
  disappeared: { town: string; project: string; lastAsOf: string }[];
  townsMissingInARow: { town: string; longestMissedRun: number; missedWeeks: string[] }[];
}

// --- week over week (--previous) ---
export interface ProjectChange {
  completedYtdBefore: number | null;
  completedYtdDelta: number | null;
  lightBefore: Light;
  turnedRed: boolean;
}

export interface TownChange {
  /** The town's report date in last week's report. */
  previousReportDate: string | null;
  /** 万元 */
  completedYtdBefore: number | null;
  /** 万元, this week − last week. */
  completedYtdDelta: number | null;
  rankBefore: number | null;
  /** Positive = moved up (rankBefore − rank). */
  rankChange: number | null;
  /** Project names that were not red last week and are red now. */
  turnedRed: string[];
}

export interface WeekOverWeek {
  previousAsOf: string;
  /** Reported last week, not this week (missing or rejected now). */
  droppedTowns: string[];
  /** 万元: the sum of the towns' completedYtdDelta (towns in both reports only); null when not comparable. */
  completedYtdDelta: number | null;
}

// --- delegated powers (扩权强镇事项) ---

/** One power a county department delegated to the town, as the town's register states it (canonical values). */
export interface PowerRecord {
  /** Canonical name of the county department (原实施部门). */
  department: string;
  name: string;
  powerType: string | null;
  /** One of the six ways (下放方式). */
  way: string;
  basis: string | null;
  receiver: string | null;
  /** 已承接 / 部分承接 / 未承接 / 待批准 */
  status: string;
  /** 启用日期, YYYY-MM-DD. */
  startDate: string | null;
  source: Source;
}

/** Counts of powers; byWay, byStatus and byDepartment each add up to count. */
export interface PowerTotals {
  count: number;
  byWay: Record<string, number>;
  byStatus: Record<string, number>;
  byDepartment: Record<string, number>;
}
