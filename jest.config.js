import os from 'node:os';

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
  // Most suites wait on servers and child processes more than they compute: on two cores, jest's
  // default (one worker fewer than the cores) would run them one at a time.
  maxWorkers: Math.max(2, os.availableParallelism() - 1),
  testSequencer: '<rootDir>/test/support/sequencer.js',
  // A checkout's own cache: a fresh clone starts cold, as CI does, however many share the machine.
  cacheDirectory: '<rootDir>/node_modules/.cache/jest',
  reporters: ['default', '<rootDir>/test/support/count-reporter.js'],
};
