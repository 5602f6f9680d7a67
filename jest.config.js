/**
 * The tests in four tiers, one jest project per folder of test/ (the folder is the rule: put a suite where its
 * heaviest need puts it; docs/dev/testing.md):
 *   unit      test/unit/      pure: no file written, no process or worker started; seconds      npm run test:unit
 *   io        test/io/        real workbooks written and read back, in this process (read pool from sources)
 *   e2e       test/e2e/       the built CLI and tools (dist/, built once by globalSetup), hostile cases, faults, corpus
 *   external  test/external/  programs outside Node: LibreOffice, Chromium, poppler (skipped and named when absent)
 * `npm test` runs them all (plus the type-check and the linter). Suites still at the top of test/ run in the
 * `unplaced` project (with the e2e build) until they are moved into a tier.
 * ts-jest only transpiles (isolatedModules): the types are checked once by `npm run typecheck`.
 */
// the chart's font subsets are cached between runs (io/write/chart-font.ts): the tests keep theirs out of the user's
// cache folder, in one folder of the temporary directory (the workers inherit this; a suite may set its own)
process.env.XCS_CACHE_DIR ??= require('node:path').join(require('node:os').tmpdir(), 'xcs-jest-cache');

const base = {
  testEnvironment: 'node',
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true } }] },
  // office-addin-mock needs only the OfficeApp enum of office-addin-manifest, whose ESM-only dependency jest cannot load
  moduleNameMapper: { '^office-addin-manifest$': '<rootDir>/test/support/office-addin-manifest-stub.js' },
};

/** @type {import('jest').Config} */
module.exports = {
  // a global option (jest ignores it inside a project)
  testTimeout: 60000,
  projects: [
    { ...base, displayName: 'unit', roots: ['<rootDir>/test/unit'] },
    { ...base, displayName: 'io', roots: ['<rootDir>/test/io'] },
    { ...base, displayName: 'e2e', roots: ['<rootDir>/test/e2e'], globalSetup: '<rootDir>/test/support/setup-e2e.js' },
    { ...base, displayName: 'external', roots: ['<rootDir>/test/external'], globalSetup: '<rootDir>/test/support/setup-external.js' },
    {
      ...base,
      displayName: 'unplaced',
      roots: ['<rootDir>/test'],
      testMatch: ['<rootDir>/test/*.test.ts'],
      globalSetup: '<rootDir>/test/support/setup-e2e.js',
    },
  ],
  reporters: ['default', '<rootDir>/test/support/count-reporter.js'],
};
