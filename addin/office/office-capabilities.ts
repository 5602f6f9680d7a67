/**
 * What the running Excel offers beyond the manifest's minimum (ExcelApi 1.1, the only set Excel 2016 has), found at
 * run time with Office.context.requirements.isSetSupported, and what the pane says where a part is missing. One
 * table: each optional part, the requirement set that brings it (from the Office.js reference, @types/office-js's
 * `[Api set: …]`), and in Chinese what needs a newer Office and what still works. office-host.ts asks `capabilities()`
 * before calling a member above 1.1 (and answers SheetHost.capabilities() from it for ops/operations.ts); nothing here calls Office.js, so the tests set a level on the mock instead.
 */

export type Capability =
  | 'valuesOnlyUsedRange'
  | 'sheetVisibilityWrite'
  | 'columnWidth'
  | 'visibleView'
  | 'nullObjects'
  | 'changeEvents'
  | 'freezePanes'
  | 'dataValidation'
  | 'visibleCells'
  | 'fillPattern'
  | 'mergedAreas';

export interface CapabilityInfo {
  /** ExcelApi minor version that brings it (1.x). */
  minor: number;
  /** The Office.js members behind it. */
  members: string;
  /** What the pane says when it is missing (null: nothing worth saying, the fallback is exact). */
  missing: { zh: string; en: string } | null;
}

/** Knowledge as data: the parts above ExcelApi 1.1 and what their absence means for the clerk. */
export const CAPABILITIES: Record<Capability, CapabilityInfo> = {
  valuesOnlyUsedRange: { minor: 2, members: 'Worksheet.getUsedRange(valuesOnly)', missing: null },
  sheetVisibilityWrite: {
    minor: 2,
    members: 'Worksheet.visibility (setting it)',
    missing: {
      zh: '“标记”需要 Excel 2019 或更高版本：它要把单元格原来的底色存进一张隐藏的工作表，这一版 Excel 不能隐藏工作表。校验、汇总、周报和模板照常可用；点击问题即可跳到对应单元格。',
      en: '"Mark" needs a newer Excel (2019 or later): it keeps the cells\' own fills in a hidden sheet, which this Excel cannot hide. Validate, totals, bulletin and templates work; click a problem to go to its cell.',
    },
  },
  columnWidth: { minor: 2, members: 'RangeFormat.columnWidth', missing: null },
  visibleView: {
    minor: 3,
    members: 'Range.getVisibleView, RangeView.cellAddresses',
    missing: {
      zh: '这一版 Excel 不能告诉本助手哪些行被隐藏：隐藏行会像普通行一样参与校验和合计。如表中有隐藏的旧数据行，请先取消隐藏并删除，或在县里用汇总脚本核对。',
      en: 'This Excel cannot tell which rows are hidden: hidden rows are checked and totalled like the others.',
    },
  },
  nullObjects: { minor: 4, members: 'getUsedRangeOrNullObject, getItemOrNullObject', missing: null },
  changeEvents: {
    minor: 7,
    members: 'Worksheet.onChanged',
    missing: {
      zh: '“边改边查”需要 Excel 2019 或更高版本（改动事件）；这一版 Excel 中请改完后点“校验”。',
      en: 'Checking while typing needs Excel 2019 or later (change events); here, click Validate after editing.',
    },
  },
  freezePanes: { minor: 7, members: 'Worksheet.freezePanes', missing: null },
  dataValidation: {
    minor: 8,
    members: 'Range.dataValidation',
    missing: {
      zh: '插入的模板没有下拉列表（需要 Excel 2019 或更高版本），数字格式和表头照常；填写后“校验”仍会检查类别、状态等取值。',
      en: 'Inserted templates have no drop-down lists (Excel 2019 or later); formats and headers are there and Validate still checks the values.',
    },
  },
  // hidden rows in one address string; below 1.9 they come from the first column's visible view (1.3), as exact
  visibleCells: { minor: 9, members: 'Range.getSpecialCellsOrNullObject(Visible)', missing: null },
  fillPattern: {
    minor: 9,
    members: 'RangeFill.pattern',
    missing: {
      zh: '“清除标记”恢复的是单元格原来的底色，原来的图案填充（如斜线）会变成纯色；白色底色恢复为无填充（看起来相同）。',
      en: '"Clear marks" restores each cell\'s own fill colour; a patterned fill comes back solid.',
    },
  },
  mergedAreas: {
    minor: 13,
    members: 'Range.getMergedAreasOrNullObject',
    missing: {
      zh: '这一版 Excel 不能读取合并单元格（需要 Excel 2021、Microsoft 365 或网页版）：合并的标题和分组表头按其左上角单元格的文字识别，两行表头的识别可能不够准确；如校验提示找不到列，请检查表头或在县里用汇总脚本核对。',
      en: 'This Excel cannot read merged cells (Excel 2021, Microsoft 365 or the web can): merged titles and group headers are read by their top-left text, so two-row headers may be recognised less exactly.',
    },
  },
};

export type Capabilities = Record<Capability, boolean>;

const KEYS = Object.keys(CAPABILITIES) as Capability[];

/** Everything on (Excel 2021 and later, Microsoft 365, the web, Mac): the default until the pane detects otherwise. */
export const ALL: Capabilities = Object.fromEntries(KEYS.map((k) => [k, true])) as Capabilities;

/** What ExcelApi 1.<minor> offers: the tests' levels, and a fallback where only a version number is known. */
export function capabilitiesAt(minor: number): Capabilities {
  return Object.fromEntries(KEYS.map((k) => [k, minor >= CAPABILITIES[k].minor])) as Capabilities;
}

/** From the host's answer to isSetSupported('ExcelApi', '1.x'). */
export function detectCapabilities(isSetSupported: (name: string, minVersion: string) => boolean): Capabilities {
  return Object.fromEntries(KEYS.map((k) => {
    let ok = false;
    try {
      ok = isSetSupported('ExcelApi', `1.${CAPABILITIES[k].minor}`) === true;
    } catch {
      ok = false;
    }
    return [k, ok];
  })) as Capabilities;
}

/** The highest ExcelApi 1.x the capabilities amount to (for the pane's footnote). */
export function levelOf(c: Capabilities): number {
  let level = 1;
  for (const k of KEYS) if (c[k] && CAPABILITIES[k].minor > level) level = CAPABILITIES[k].minor;
  return level;
}

/** The notes for the parts missing here, in the table's order, one per distinct message. */
export function missingNotes(c: Capabilities, lang: 'zh' | 'en' = 'zh'): { capability: Capability; text: string }[] {
  return KEYS.filter((k) => !c[k] && CAPABILITIES[k].missing).map((k) => ({ capability: k, text: CAPABILITIES[k].missing![lang] }));
}

let current: Capabilities = ALL;

/** The capabilities the operations use (set once by the pane when Office is ready; by the tests per level). */
export function capabilities(): Capabilities {
  return current;
}

export function useCapabilities(c: Capabilities): void {
  current = c;
}
