/**
 * The browser build of the core (webpack, the bundle the add-in will load) runs where there is no Node at all:
 * evaluated in a bare V8 context without require, process or Buffer, it reads a table and finds its problems.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';

const ROOT = path.resolve(__dirname, '..', '..');

test('the webpack bundle of the core validates a table in a context without Node', () => {
  // built once per run by the e2e tier's globalSetup (test/support/setup-e2e.js)
  const code = readFileSync(path.join(ROOT, 'dist', 'web', 'xcs-core.js'), 'utf8');
  const sandbox: Record<string, unknown> = {};
  vm.createContext(sandbox);
  vm.runInContext(code, sandbox);
  const core = sandbox.XcsCore as typeof import('../../core');
  expect(typeof core.analyzeWorkbook).toBe('function');
  const c = (value: unknown) => ({ value });
  const grid = {
    sheet: '重点项目',
    hidden: false,
    merges: [],
    rows: [
      [c('云峰镇重点项目推进情况表（截至2015年10月31日）')],
      [c('单位：万元')],
      ['项目名称', '总投资', '年度计划投资', '累计完成投资'].map(c),
      [c('甲路'), c('1,000'), c(500), c(-1)],
    ],
  };
  const a = core.analyzeWorkbook('云峰镇.xlsx', [grid] as never, core.analysisContext({ roster: [{ name: '云峰镇', aliases: [] }], asOf: '2015-10-31' }));
  expect(a.town).toBe('云峰镇');
  expect(a.issues.map((i) => [i.code, i.cell])).toEqual([['E_NEGATIVE', 'D4']]);
  expect(typeof sandbox.require).toBe('undefined');
}, 120000);
