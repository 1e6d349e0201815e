// inversify 8 is ESM-only and Jest on Node 20 cannot require(esm): swc transforms it (docs/adr/0001).
const swc = {
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
  },
  module: { type: 'commonjs' },
};

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', swc] },
  transformIgnorePatterns: ['/node_modules/(?!(inversify|@inversifyjs)/)'],
  testTimeout: 30000,
  // No secret may reach a log line anywhere in the suite: see test/support/canary.ts.
  globalSetup: '<rootDir>/test/support/log-capture.global-setup.ts',
  globalTeardown: '<rootDir>/test/support/log-capture.global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/test/support/log-capture.setup.ts'],
};
