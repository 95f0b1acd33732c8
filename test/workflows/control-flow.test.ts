import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../support/run-bundle';
import { parse } from 'yaml';
import { expressionValue, jobGraph, simulate, stepRuns, type JobResult, type Scenario, type StepState } from '../support/workflow-sim';

const release = jobGraph(readFileSync(path.join(repoRoot, '.github/workflows/release.yml'), 'utf8'));
const everyNeedSucceeded = (needs: Record<string, JobResult>): 'success' | 'failure' => (Object.values(needs).every((r) => r === 'success') ? 'success' : 'failure');

function run(scenario: Scenario = {}) {
  return simulate(release, { ...scenario, aggregate: { release: everyNeedSucceeded } });
}

const releaseDoc = parse(readFileSync(path.join(repoRoot, '.github/workflows/release.yml'), 'utf8')) as {
  on: { workflow_call: { outputs: Record<string, { value: string }> } };
  jobs: Record<string, { steps: { id?: string; if?: string; with?: Record<string, string> }[]; outputs?: Record<string, string> }>;
};

describe('release.yml control flow', () => {
  it('runs every stage when everything passes', () => {
    const { results } = run();
    expect(results).toEqual({ resolve: 'success', evaluate: 'success', merge: 'success', gate: 'success', staging: 'success', production: 'success', release: 'success' });
  });

  it('does not gate when an evaluation shard fails', () => {
    const { results } = run({ jobs: { evaluate: { result: 'failure' } } });
    expect([results.merge, results.gate, results.staging, results.release]).toEqual(['skipped', 'skipped', 'skipped', 'failure']);
  });

  it('stops at a failed gate: no environment job runs, the release fails', () => {
    const { results, ran } = run({ jobs: { gate: { result: 'failure' } } });
    expect(ran).toEqual(['resolve', 'evaluate', 'merge', 'gate', 'release']);
    expect(results.release).toBe('failure');
  });

  it('never reaches production after a failed staging job', () => {
    const { results } = run({ jobs: { staging: { result: 'failure' } } });
    expect([results.production, results.release]).toEqual(['skipped', 'failure']);
  });

  it('changes nothing in production when its approval is rejected', () => {
    const { results, ran } = run({ rejected: ['production'] });
    expect(ran).not.toContain('production');
    expect(results.release).toBe('failure');
  });
});

describe.each(['staging', 'production'])('the %s job rolls itself back', (job) => {
  const steps = releaseDoc.jobs[job]?.steps ?? [];
  const rollback = steps.find((step) => step.id === 'rollback');
  const runsRollback = (states: Record<string, StepState>, cancelled = false, dryRun = 'false'): boolean =>
    stepRuns(rollback?.if ?? '', { steps: states, needs: { resolve: { outputs: { 'dry-run': dryRun } } } }, cancelled);
  const outcomes = ['success', 'failure', 'cancelled', 'skipped'] as const;

  it('as its last step, after promote, deploy and verify', () => {
    expect(steps.slice(-4).map((step) => step.id)).toEqual(['promote', 'deploy', 'verify', 'rollback']);
  });

  it('exactly when promote ran and then it, deploy or verify failed or was cancelled, unless deploy already rolled back', () => {
    const failed = new Set(['failure', 'cancelled']);
    for (const promote of outcomes) {
      for (const deploy of outcomes) {
        for (const verify of outcomes) {
          for (const deployRolledBack of ['true', 'false']) {
            const states = { promote: { outcome: promote }, deploy: { outcome: deploy, outputs: { 'rolled-back': deployRolledBack } }, verify: { outcome: verify } };
            const somethingFailed = failed.has(promote) || failed.has(deploy) || failed.has(verify);
            const expected = promote !== 'skipped' && deployRolledBack !== 'true' && somethingFailed;
            expect([promote, deploy, verify, deployRolledBack, runsRollback(states)]).toEqual([promote, deploy, verify, deployRolledBack, expected]);
          }
        }
      }
    }
  });

  it('when promote failed after moving the alias (its audit tags failed), withdrawing the version it names', () => {
    expect(runsRollback({ promote: { outcome: 'failure' }, deploy: { outcome: 'skipped' }, verify: { outcome: 'skipped' } })).toBe(true);
    expect(rollback?.with?.['model-version']).toBe('${{ needs.resolve.outputs.version }}');
  });

  it('when the run is cancelled after promotion, and never on a dry run', () => {
    const promoted = { promote: { outcome: 'success' as const }, deploy: { outcome: 'success' as const }, verify: { outcome: 'skipped' as const } };
    expect(runsRollback(promoted, true)).toBe(true);
    expect(runsRollback({ ...promoted, verify: { outcome: 'failure' } }, false, 'true')).toBe(false);
    expect(runsRollback({ ...promoted, promote: { outcome: 'skipped' } }, true)).toBe(false);
    // Cancelled before promote was reached: nothing of this release is live, whoever holds the alias.
    expect(runsRollback({ deploy: { outcome: 'skipped' }, verify: { outcome: 'skipped' } }, true)).toBe(false);
  });
});

describe('the simulator itself', () => {
  it('skips a job after a skipped need unless its condition uses a status function', () => {
    const graph = jobGraph(`jobs:
  a: { runs-on: x, steps: [] }
  b: { needs: a, if: "false", runs-on: x, steps: [] }
  c: { needs: b, runs-on: x, steps: [] }
  d: { needs: b, if: "\${{ always() }}", runs-on: x, steps: [] }
  e: { needs: [a, b], if: "needs.a.result == 'success'", runs-on: x, steps: [] }
`);
    expect(simulate(graph).results).toEqual({ a: 'success', b: 'skipped', c: 'skipped', d: 'success', e: 'skipped' });
  });

  it('sees failure() through the whole ancestry, not only direct needs', () => {
    const graph = jobGraph(`jobs:
  a: { runs-on: x, steps: [] }
  b: { needs: a, runs-on: x, steps: [] }
  c: { needs: b, if: failure(), runs-on: x, steps: [] }
`);
    expect(simulate(graph, { jobs: { a: { result: 'failure' } } }).results).toEqual({ a: 'failure', b: 'skipped', c: 'success' });
  });
});

describe("release.yml's outputs to its caller", () => {
  const production = releaseDoc.jobs.production?.outputs ?? {};
  const callerOutputs = releaseDoc.on.workflow_call.outputs;
  const state = (outcome: StepState['outcome'], outputs: Record<string, string> = {}): StepState => ({ outcome, outputs });
  const productionOutputs = (dryRun: string, verify: StepState['outcome'], rolledBack = 'false'): Record<string, string> => {
    const steps = { promote: state('success', { version: '7' }), deploy: state('success', { 'endpoint-url': 'https://agents.example.com/prod', 'rolled-back': rolledBack }), verify: state(verify), rollback: state('skipped') };
    return Object.fromEntries(Object.entries(production).map(([name, value]) => [name, expressionValue(value, { steps, needs: { resolve: { outputs: { 'dry-run': dryRun } } } })]));
  };
  const toCaller = (outputs: Record<string, string>): Record<string, string> =>
    Object.fromEntries(Object.entries(callerOutputs).filter(([name]) => name !== 'decision').map(([name, o]) => [name, expressionValue(o.value, { jobs: { production: { outputs } } })]));

  it('name the released version and its endpoint after a verified release', () => {
    expect(toCaller(productionOutputs('false', 'success'))).toEqual({ 'promoted-version': '7', 'endpoint-url': 'https://agents.example.com/prod', 'rolled-back': 'false' });
  });

  it('name no version or endpoint after a dry run, or when verify failed and production was rolled back', () => {
    expect(toCaller(productionOutputs('true', 'success'))).toMatchObject({ 'promoted-version': '', 'endpoint-url': '' });
    expect(toCaller(productionOutputs('false', 'failure'))).toMatchObject({ 'promoted-version': '', 'endpoint-url': '' });
  });
});
