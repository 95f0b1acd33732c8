import path from 'node:path';
import testSequencer from '@jest/test-sequencer';

/**
 * Longest first, so that the workers finish together. Jest orders by the durations its cache
 * kept from the last run, but a fresh clone (CI) has no cache, and jest then runs the files by
 * size: the slowest suites, which are short files driving real servers, would start last and
 * finish alone. These are the slowest files as measured (seconds, two workers on two cores); the
 * cache's own figure wins when it has one, and a file in neither runs after them, larger first.
 * Add a file here when it joins the slowest.
 */
const measuredSeconds = {
  'test/workflows/runner.test.ts': 140,
  'test/integration/mlflow-promotion.test.ts': 104,
  'test/integration/mlflow-faults.test.ts': 66,
  'test/integration/secret-scan.test.ts': 51,
  'test/e2e/action.test.ts': 28,
  'test/e2e/bad-input.test.ts': 24,
  'test/integration/secret-scan-modes.test.ts': 23,
  'test/unit/gate-scale.test.ts': 16,
  'test/integration/canary-prometheus.test.ts': 11,
  'test/integration/mlflow-registry.test.ts': 10,
  'test/integration/prometheus.test.ts': 10,
  'test/unit/signoff.test.ts': 9,
  'test/unit/gate-fuzz.test.ts': 8,
  'test/e2e/cli.test.ts': 7,
  'test/integration/mlflow-model-server.test.ts': 7,
  'test/integration/shadow-traces.test.ts': 6,
  'test/e2e/cli-agents.test.ts': 5,
  'test/integration/python-evaluator.test.ts': 5,
  'test/unit/rollout.test.ts': 5,
  'test/unit/gate-spend.test.ts': 5,
};

export default class SlowestFirst extends testSequencer.default {
  sort(tests) {
    const expectedMs = (test) => {
      const cached = this.time(test);
      if (cached !== undefined) return cached;
      const measured = measuredSeconds[path.relative(test.context.config.rootDir, test.path).split(path.sep).join('/')];
      return measured === undefined ? undefined : measured * 1000;
    };
    const keyed = tests.map((test) => ({ test, failed: this.hasFailed(test), ms: expectedMs(test), size: test.context.hasteFS.getSize(test.path) ?? 0 }));
    keyed.sort((a, b) => {
      // As jest does: what failed last time runs first.
      if (a.failed !== b.failed) return a.failed ? -1 : 1;
      if ((a.ms === undefined) !== (b.ms === undefined)) return a.ms === undefined ? 1 : -1;
      if (a.ms !== undefined && b.ms !== undefined && a.ms !== b.ms) return b.ms - a.ms;
      return b.size - a.size;
    });
    return keyed.map(({ test }) => test);
  }
}
