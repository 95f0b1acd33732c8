/** Tests are ES modules (the bundle and @actions/* are), compiled from TypeScript by ts-jest. */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    // Transpile only (tsconfig's isolatedModules tells ts-jest so); `npm run typecheck` is the type check.
    '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }],
  },
  testTimeout: 60_000,
  reporters: ['default', '<rootDir>/test/support/count-reporter.js'],
};
