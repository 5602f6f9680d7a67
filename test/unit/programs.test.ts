/**
 * The skip-or-fail logic of suites needing programs (test/support/programs.ts) and how the count reporter names what
 * was not run: with PATH stripped of soffice a suite is skipped and says what installs it; with XCS_REQUIRE_EXTERNAL=1
 * it fails instead.
 */
import * as path from 'node:path';
import { NOT_RUN, findProgram, planFor } from '../support/programs';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const CountReporter = require('../support/count-reporter.js') as new (cfg: { rootDir: string }) => {
  onTestResult(test: unknown, result: unknown): void;
  onRunComplete(contexts: unknown, results: unknown): void;
};

const NODE_ONLY = { PATH: path.dirname(process.execPath) };
/** A PATH without any of the programs (on Debian node and soffice share /usr/bin). */
const STRIPPED = { PATH: path.join(__dirname, 'no-such-dir') };

test('a program is found on PATH, and not found once PATH is stripped', () => {
  expect(findProgram(path.basename(process.execPath) as never, NODE_ONLY)).toBe(process.execPath);
  expect(findProgram('soffice', STRIPPED)).toBeNull();
  expect(findProgram('chromium', { PATH: '' })).toBeNull();
});

test('missing programs: skipped with the apt-get command by default, a failure under XCS_REQUIRE_EXTERNAL=1', () => {
  expect(planFor(['soffice'], STRIPPED)).toEqual({ run: false, reason: 'needs soffice — apt-get install libreoffice-calc-nogui' });
  expect(planFor(['soffice', 'pdftotext', 'pdfinfo', 'chromium'], STRIPPED)).toEqual({
    run: false,
    reason: 'needs soffice, pdftotext, pdfinfo, chromium — apt-get install libreoffice-calc-nogui poppler-utils chromium',
  });
  const strict = planFor(['soffice'], { ...STRIPPED, XCS_REQUIRE_EXTERNAL: '1' });
  expect(strict).toEqual({ fail: expect.stringContaining('needs soffice — apt-get install libreoffice-calc-nogui (XCS_REQUIRE_EXTERNAL=1') });
  // everything found: the suite runs, whatever the variable says
  expect(planFor(['soffice'], { XCS_REQUIRE_EXTERNAL: '1' }, () => '/usr/bin/soffice')).toEqual({ run: true });
  expect(planFor([], STRIPPED)).toEqual({ run: true });
});

test('the count reporter names each suite not run with its install command, and still ends with the plain line', () => {
  const rep = new CountReporter({ rootDir: '/r' });
  const pending = (title: string) => ({ status: 'pending', title, fullName: title });
  rep.onTestResult(null, {
    testFilePath: '/r/test/external/lo.test.ts',
    testResults: [pending(`opens it ${NOT_RUN}needs soffice — apt-get install libreoffice-calc-nogui]`), pending(`and again ${NOT_RUN}needs soffice — apt-get install libreoffice-calc-nogui]`), { status: 'passed', title: 'x', fullName: 'x' }],
  });
  rep.onTestResult(null, { testFilePath: '/r/test/unit/a.test.ts', testResults: [pending('a plain skip')] });
  const written: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((s: string) => (written.push(s), true)) as typeof process.stderr.write;
  try {
    rep.onRunComplete(null, { numPassedTests: 5, numFailedTests: 0, numRuntimeErrorTestSuites: 0, numPendingTests: 3, numTodoTests: 0 });
  } finally {
    process.stderr.write = write;
  }
  const lines = written.join('').trimEnd().split('\n');
  expect(lines).toContain('  test/external/lo.test.ts: 2 tests, needs soffice — apt-get install libreoffice-calc-nogui');
  expect(lines.join('\n')).not.toContain('a.test.ts');
  expect(lines[lines.length - 1]).toBe('5 passed, 0 failed, 3 skipped');
});
