/**
 * Prints the plain closing line CI reads: "N passed, N failed" (", N skipped" when some were skipped).
 */
class CountReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    // a suite that fails to load counts as a failure even though it ran no test
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
    process.stderr.write(`\n${line}\n`);
  }
}
module.exports = CountReporter;
