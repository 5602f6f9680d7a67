/**
 * docs/zh/rules.md, generated from the one error catalogue (core/messages.ts) and the schema's required columns, so
 * the rules doc cannot drift from the code. `npm run docs:rules` writes it; test/error-catalogue.test.ts fails when the
 * committed file differs from what this renders.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { CATALOGUE, CODE_GROUPS, CodeGroup, Scope } from '../../core/messages';
import { DEFAULT_THRESHOLDS } from '../../core/consolidate';
import { FIELDS, KIND_LABEL, TARGET_FIELDS, TARGET_TABLE_LABEL } from '../../core/schema';
import type { FieldSpec } from '../../core/schema';

export const RULES_DOC = path.join('docs', 'zh', 'rules.md');

const SCOPE_LABEL: Record<Scope, string> = { file: '文件', table: '表格', row: '行', cell: '单元格' };
const SEVERITY_LABEL = { error: '错误', warning: '警告' } as const;

/** A table cell's text: pipes escaped, line breaks flattened. */
function md(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function requiredColumns(fields: FieldSpec[]): string {
  return fields.filter((f) => f.required === 'column').map((f) => `「${f.label}」`).join('');
}

export function renderRulesDoc(): string {
  const out: string[] = [];
  out.push('<!-- 本文件由 `npm run docs:rules` 从错误目录 core/messages.ts 生成，请勿手工修改；与生成结果不一致时测试失败。 -->');
  out.push('');
  out.push('# 校验规则与问题代码');
  out.push('');
  out.push('县里的命令行汇总、Excel/WPS 加载项和浏览器页面用的是同一套规则、同一份代码表。每个问题都写明文件、工作表和单元格。');
  out.push('');
  out.push('- **错误**：乡镇的文件整份退回（汇总表「报送情况」列出每个问题的工作表和单元格），请改正后重新报送；');
  out.push('- **警告**：不退回，照常汇总，请核实；');
  out.push('- 县下达目标表（`--targets`）和上周报告（`--previous`）的错误使整次汇总停止：退出码 `2`，什么也不写。');
  out.push('');
  out.push('「范围」说明问题针对的是什么：' + (Object.keys(SCOPE_LABEL) as Scope[]).map((s) => `${SCOPE_LABEL[s]}（\`${s}\`）`).join('、') +
    '。JSON 报告中每个问题的 `code` 就是下表的代码。');
  out.push('');
  out.push('## 必填列');
  out.push('');
  for (const kind of Object.keys(FIELDS) as (keyof typeof FIELDS)[]) {
    out.push(`- ${KIND_LABEL[kind]}：${requiredColumns(FIELDS[kind])}`);
  }
  out.push(`- 县下达的${TARGET_TABLE_LABEL}：${requiredColumns(TARGET_FIELDS)}`);
  out.push('');
  out.push('列名的同义词见 [表头识别](headers.md)。缺少必填列时为 `E_REQUIRED_COLUMN`。');
  out.push('');
  out.push('## 序时进度与红黄绿灯');
  out.push('');
  out.push('序时进度是汇总日期时全年已过的比例：月末为 N/12（10月31日 → 83.3%），否则按全年已过天数。');
  out.push('项目完成率 = 1-N月累计完成 ÷ 年度计划投资；指标完成率 = 累计 ÷ 年度目标。完成率不低于序时进度为绿灯，');
  out.push(`低于序时进度 ${DEFAULT_THRESHOLDS.yellowBelow} 个百分点以内为黄灯（\`--yellow-below\` 或配置 \`yellowBelow\` 可改），再低为红灯；`);
  out.push('年度计划（目标）为空或为 0（前期项目）不亮灯。黄灯和红灯为「滞后」。');
  out.push('乡镇和全县的完成率只按有年度计划的项目计算。全县指标只汇总可以相加的指标（总量、人数、面积）；比率、占比、人均指标不相加。');
  out.push('`占年度计划%`、`完成率` 等派生列不采用，由程序重新计算。');
  out.push('');
  out.push('## 代码');
  out.push('');
  const codes = Object.entries(CATALOGUE);
  for (const group of Object.keys(CODE_GROUPS) as CodeGroup[]) {
    const rows = codes.filter(([, d]) => d.group === group);
    if (!rows.length) continue;
    out.push(`### ${CODE_GROUPS[group]}`);
    out.push('');
    out.push('| 代码 | 级别 | 范围 | 含义 | 提示文字 |');
    out.push('|---|---|---|---|---|');
    for (const [code, d] of rows) {
      const title = d.note ? `${d.title}（${d.note}）` : d.title;
      const text = d.template === null ? '由读取程序按具体情况写明原因和处理办法' : d.template;
      out.push(`| \`${code}\` | ${SEVERITY_LABEL[d.severity]} | ${SCOPE_LABEL[d.scope]} | ${md(title)} | ${md(text)} |`);
    }
    out.push('');
  }
  out.push('提示文字中的 `{…}` 在报告时换成实际的内容（列名、数值、单元格等）。');
  out.push('');
  return out.join('\n');
}

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..', '..');
  const file = path.join(root, RULES_DOC);
  await fsp.mkdir(path.dirname(file), { recursive: true });
  await fsp.writeFile(file, renderRulesDoc(), 'utf8');
  process.stdout.write(`已写出 ${RULES_DOC}（${Object.keys(CATALOGUE).length} 个代码）\n`);
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
