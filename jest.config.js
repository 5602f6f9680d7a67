/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: { warnOnly: false } }] },
  testTimeout: 60000,
  // office-addin-mock needs only the OfficeApp enum of office-addin-manifest, whose ESM-only dependency jest cannot load
  moduleNameMapper: { '^office-addin-manifest$': '<rootDir>/test/support/office-addin-manifest-stub.js' },
  globalSetup: '<rootDir>/test/support/global-setup.js',
  reporters: ['default', '<rootDir>/test/support/count-reporter.js'],
};
