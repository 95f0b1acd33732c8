import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../support/run-bundle';
import { jobGraph, simulate, type JobResult, type Scenario } from '../support/workflow-sim';

const release = jobGraph(readFileSync(path.join(repoRoot, '.github/workflows/release.yml'), 'utf8'));
const everyNeedSucceeded = (needs: Record<string, JobResult>): 'success' | 'failure' => (Object.values(needs).every((r) => r === 'success') ? 'success' : 'failure');

function run(scenario: Scenario = {}) {
  return simulate(release, { ...scenario, aggregate: { release: everyNeedSucceeded } });
}

/** A promoted environment: the job's promote step succeeded, so it may need a rollback. */
const changed = (result: 'success' | 'failure' | 'cancelled' = 'success') => ({ result, outputs: { changed: 'true', version: '7' } });

describe('release.yml control flow', () => {
  it('runs every stage and no rollback when everything passes', () => {
    const { results } = run({ jobs: { staging: changed(), production: changed() } });
    expect(results).toEqual({
      resolve: 'success',
      evaluate: 'success',
      merge: 'success',
      gate: 'success',
      staging: 'success',
      'verify-staging': 'success',
      production: 'success',
      'verify-production': 'success',
      'rollback-staging': 'skipped',
      'rollback-production': 'skipped',
      release: 'success',
    });
  });

  it('does not gate when an evaluation shard fails', () => {
    const { results } = run({ jobs: { evaluate: { result: 'failure' } } });
    expect([results.merge, results.gate, results.staging, results.release]).toEqual(['skipped', 'skipped', 'skipped', 'failure']);
  });

  it('stops at a failed gate: nothing is promoted, nothing rolls back, the release fails', () => {
    const { results, ran } = run({ jobs: { gate: { result: 'failure' } } });
    expect(ran).toEqual(['resolve', 'evaluate', 'merge', 'gate', 'release']);
    expect(results.release).toBe('failure');
    expect([results['rollback-staging'], results['rollback-production']]).toEqual(['skipped', 'skipped']);
  });

  it('rolls back staging, and only staging, when the staging deploy fails', () => {
    const { results } = run({ jobs: { staging: changed('failure') } });
    expect(results['verify-staging']).toBe('skipped');
    expect(results.production).toBe('skipped');
    expect(results['rollback-staging']).toBe('success');
    expect(results['rollback-production']).toBe('skipped');
    expect(results.release).toBe('failure');
  });

  it('does not roll back again when the deploy step already rolled back automatically', () => {
    const rolledBack = { result: 'failure' as const, outputs: { changed: 'true', version: '7', 'rolled-back': 'true' } };
    const staging = run({ jobs: { staging: rolledBack } }).results;
    expect([staging['rollback-staging'], staging.release]).toEqual(['skipped', 'failure']);
    const production = run({ jobs: { staging: changed(), production: rolledBack } }).results;
    expect([production['rollback-production'], production['rollback-staging'], production.release]).toEqual(['skipped', 'skipped', 'failure']);
  });

  it('does not roll back staging when promotion was refused before anything changed', () => {
    const { results } = run({ jobs: { staging: { result: 'failure', outputs: { changed: 'false' } } } });
    expect(results['rollback-staging']).toBe('skipped');
  });

  it('rolls back staging when staging verify fails, and never reaches production', () => {
    const { results } = run({ jobs: { staging: changed(), 'verify-staging': { result: 'failure' } } });
    expect(results['rollback-staging']).toBe('success');
    expect(results.production).toBe('skipped');
    expect(results['rollback-production']).toBe('skipped');
  });

  it('rolls back production, and leaves staging, when the canary fails', () => {
    const { results } = run({ jobs: { staging: changed(), production: changed('failure') } });
    expect(results['verify-production']).toBe('skipped');
    expect(results['rollback-production']).toBe('success');
    expect(results['rollback-staging']).toBe('skipped');
    expect(results.release).toBe('failure');
  });

  it('rolls back production when production verify fails', () => {
    const { results } = run({ jobs: { staging: changed(), production: changed(), 'verify-production': { result: 'failure' } } });
    expect(results['rollback-production']).toBe('success');
  });

  it('rolls back a cancelled canary even though the run is cancelled, and the release fails', () => {
    const { results } = run({ jobs: { staging: changed(), production: changed('cancelled') } });
    expect(results['verify-production']).toBe('skipped');
    expect(results['rollback-production']).toBe('success');
    expect(results['rollback-staging']).toBe('skipped');
    expect(results.release).toBe('failure');
  });

  it('rolls back staging when the run is cancelled during staging', () => {
    const { results } = run({ jobs: { staging: changed('cancelled') } });
    expect(results['rollback-staging']).toBe('success');
    expect(results.production).toBe('skipped');
  });

  it('changes nothing in production when its approval is rejected', () => {
    const { results, ran } = run({ jobs: { staging: changed() }, rejected: ['production'] });
    expect(ran).not.toContain('production');
    expect(results['rollback-production']).toBe('skipped');
    expect(results['rollback-staging']).toBe('skipped');
    expect(results.release).toBe('failure');
  });

  it('rollback runs exactly when its environment changed and then failed or was cancelled', () => {
    const outcomes: ('success' | 'failure' | 'cancelled')[] = ['success', 'failure', 'cancelled'];
    for (const deploy of outcomes) {
      for (const verify of outcomes) {
        for (const promoted of [true, false]) {
          const { results } = run({
            jobs: { production: { result: deploy, outputs: { changed: String(promoted), version: '7' } }, 'verify-production': { result: verify }, staging: changed() },
          });
          const verifyRan = deploy === 'success';
          const shouldRollBack = promoted && (deploy !== 'success' || (verifyRan && verify !== 'success'));
          expect([deploy, verify, promoted, results['rollback-production']]).toEqual([deploy, verify, promoted, shouldRollBack ? 'success' : 'skipped']);
        }
      }
    }
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
