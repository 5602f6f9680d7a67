/**
 * Prints the plain closing line CI reads: "N passed, N failed" (", N skipped" when some were skipped). Before it, the
 * suites that could not run for want of a program (see programs.ts) are named with the command that installs it.
 */
const path = require('node:path');

const NOT_RUN = /\[not run: ([^\]]+)\]/;

class CountReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig?.rootDir ?? process.cwd();
    /** suite file → { reason → count } */
    this.notRun = new Map();
  }

  onTestResult(_test, result) {
    for (const t of result.testResults ?? []) {
      if (t.status !== 'pending') continue;
      const m = NOT_RUN.exec(t.fullName ?? t.title ?? '');
      if (!m) continue;
      const file = path.relative(this.rootDir, result.testFilePath);
      const reasons = this.notRun.get(file) ?? new Map();
      reasons.set(m[1], (reasons.get(m[1]) ?? 0) + 1);
      this.notRun.set(file, reasons);
    }
  }

  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    // a suite that fails to load counts as a failure even though it ran no test
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const lines = [];
    if (this.notRun.size) {
      lines.push('', 'not run (a program is missing; XCS_REQUIRE_EXTERNAL=1 makes this a failure):');
      for (const [file, reasons] of [...this.notRun].sort()) {
        for (const [reason, n] of reasons) lines.push(`  ${file}: ${n} test${n > 1 ? 's' : ''}, ${reason}`);
      }
    }
    lines.push('', `${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
    process.stderr.write(`${lines.join('\n')}\n`);
  }
}
module.exports = CountReporter;
