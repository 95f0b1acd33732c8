/** Tests are ES modules (the bundle and @actions/* are), transformed from TypeScript by swc. */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } }],
  },
  testTimeout: 60_000,
  reporters: ['default', '<rootDir>/test/support/count-reporter.js'],
};
