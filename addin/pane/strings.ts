/** Every text of the task pane, Chinese first, English when Office's display language is English. */
export const STRINGS = {
  title: { zh: '小城市培育试点 周报助手', en: 'Small-city pilot weekly report helper' },
  validate: { zh: '校验', en: 'Validate' },
  mark: { zh: '标记', en: 'Mark' },
  clearMarks: { zh: '清除标记', en: 'Clear marks' },
  summary: { zh: '汇总', en: 'Totals' },
  bulletin: { zh: '周报', en: 'Bulletin' },
  templateProjects: { zh: '插入模板（重点项目）', en: 'Insert template (projects)' },
  templateIndicators: { zh: '插入模板（主要指标）', en: 'Insert template (indicators)' },
  consolidateFiles: { zh: '汇总多个文件', en: 'Consolidate files' },
  outsideOffice: {
    zh: '当前不在 Excel 中打开（或 Office 组件无法加载）。可以把乡镇报表（.xlsx）拖到下面的方框里，或点击选择文件，在浏览器中校验。文件不会上传，只在本机读取。',
    en: 'This page is not running inside Excel (or Office could not be loaded). Drop town workbooks (.xlsx) on the box below, or pick them, to validate them in the browser. Files stay on this computer.',
  },
  dropHere: { zh: '把 .xlsx 文件拖到这里，或点击选择文件', en: 'Drop .xlsx files here, or click to choose' },
  working: { zh: '正在处理…', en: 'Working…' },
  noProblems: { zh: '没有发现问题。', en: 'No problems found.' },
  problems: { zh: '发现 {n} 个问题（错误 {e} 个，警告 {w} 个）', en: '{n} problems ({e} errors, {w} warnings)' },
  clickToJump: { zh: '点击一条问题，就会跳到表格中对应的单元格。', en: 'Click a problem to go to its cell.' },
  workbookLevel: { zh: '整个工作簿', en: 'Whole workbook' },
  error: { zh: '错误', en: 'Error' },
  warning: { zh: '警告', en: 'Warning' },
  sheetHidden: { zh: '工作表“{sheet}”已隐藏，请先取消隐藏（右键工作表标签 → 取消隐藏）再查看 {cell}。', en: 'Sheet "{sheet}" is hidden: unhide it to see {cell}.' },
  sheetMissing: { zh: '找不到工作表“{sheet}”（可能已改名或删除），请重新校验。', en: 'Sheet "{sheet}" is gone (renamed or deleted): validate again.' },
  marked: { zh: '已标记 {n} 个单元格（红色为错误，黄色为警告）。单元格的内容没有改动；“清除标记”可恢复原来的底色。', en: 'Marked {n} cells (red errors, yellow warnings). No value was changed; "Clear marks" restores their fill.' },
  cleared: { zh: '已清除标记，{n} 个单元格恢复了原来的底色。', en: 'Marks cleared: {n} cells have their own fill back.' },
  nothingToClear: { zh: '没有需要清除的标记。', en: 'There are no marks to clear.' },
  summaryDone: { zh: '已写入“{sheet}”工作表。', en: 'Wrote the "{sheet}" sheet.' },
  notOurSheet: { zh: '工作簿中已有名为“{sheet}”的工作表，且不是本助手生成的。为免覆盖您的内容，请先把它改名后再试。', en: 'The workbook already has a sheet "{sheet}" that this helper did not write. Rename it and try again.' },
  templateDone: { zh: '已添加空白工作表“{sheet}”（带下拉列表和数字格式）。', en: 'Added the blank sheet "{sheet}" (with drop-down lists and number formats).' },
  countyDone: { zh: '已汇总 {n} 个文件，写入工作表：{sheets}。', en: 'Consolidated {n} files into: {sheets}.' },
  pickFiles: { zh: '选择多个乡镇报表（.xlsx）', en: 'Choose town workbooks (.xlsx)' },
  openFilesMissing: {
    zh: '此版本的 WPS 不支持由加载项打开文件（缺少 GetOpenFilename 或 Workbooks.Open），请在接下来的窗口中选择 .xlsx 文件；.xls/.et 文件请先在 WPS 中另存为 .xlsx。',
    en: 'This WPS build cannot open files for the add-in (GetOpenFilename or Workbooks.Open is missing): choose .xlsx files in the next window; save .xls/.et files as .xlsx in WPS first.',
  },
  fileOpenFailed: { zh: 'WPS 无法打开此文件：{reason}', en: 'WPS could not open this file: {reason}' },
  failed: { zh: '操作没有完成：{reason}', en: 'The operation did not finish: {reason}' },
  fileProblems: { zh: '文件“{file}”', en: 'File "{file}"' },
  // what this Excel lacks (the notes themselves: office/office-capabilities.ts) and 边改边查 (office/live-check.ts)
  capabilityNotes: { zh: '这一版 Excel 的限制（支持到 ExcelApi 1.{level}）', en: 'Limits of this Excel (ExcelApi up to 1.{level})' },
  liveCheck: { zh: '边改边查（修改报表后自动重新校验）', en: 'Check while typing' },
  liveDone: { zh: '已自动重新校验“{sheet}”。', en: 'Re-checked "{sheet}".' },
  liveFailed: { zh: '自动重新校验没有完成：{reason}。请点“校验”。', en: 'The automatic re-check did not finish: {reason}. Click Validate.' },
} as const;

export type StringKey = keyof typeof STRINGS;
export type Lang = 'zh' | 'en';

/** 'en' when Office's display language is English, else Chinese. */
export function langOf(displayLanguage: string | undefined | null): Lang {
  return typeof displayLanguage === 'string' && /^en\b/i.test(displayLanguage) ? 'en' : 'zh';
}

export function t(lang: Lang, key: StringKey, params: Record<string, string | number> = {}): string {
  return STRINGS[key][lang].replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}
