// swc turns TypeScript into CommonJS for Jest, fast and without type-checking: `npm test` runs tsc first (docs/adr/0001).
const swc = {
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript' },
  },
  module: { type: 'commonjs' },
};

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', swc] },
  testTimeout: 30000,
  // No secret may reach a log line anywhere in the suite: see test/support/canary.ts.
  globalSetup: '<rootDir>/test/support/log-capture.global-setup.ts',
  globalTeardown: '<rootDir>/test/support/log-capture.global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/test/support/log-capture.setup.ts', '<rootDir>/test/support/openapi-contract.setup.ts'],
};
