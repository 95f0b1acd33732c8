import { histogramLatencies } from '../../src/analysis/canary-observation';
import { judgeLook, type LookObservation } from '../../src/analysis/judgement';
import { judgementSettingsSchema } from '../../src/analysis/judgement-settings';
import { runRollout } from '../../src/deploy/rollout';
import type { Analyse, LookRequest } from '../../src/deploy/rollout-analysis';
import { freshState, loadRolloutState, RolloutRecorder } from '../../src/deploy/rollout-state';
import type { DeployRequest, DeployTarget } from '../../src/deploy/types';
import { HttpStatusError, HttpTransportError } from '../../src/http/errors';
import { RetriesExhaustedError } from '../../src/http/retry';
import { memoryLogger } from '../../src/logger';
import { LocalRegistry } from '../../src/registry/local';
import { fakeClock } from '../support/fake-clock';
import { makeWorkspace, type Workspace } from '../support/workspace';

/** The engine alone, with the real canary judgement deciding each look from scripted observations. */
let ws: Workspace;
beforeEach(async () => (ws = await makeWorkspace()));
afterEach(() => ws.cleanup());

const weights = [10, 50, 100];
const settings = judgementSettingsSchema.parse({ min_requests: 200, limits: { error_rate: 0.05 }, inconclusive: { extend_bake: 2, then: 'fail' } });

function recordingTarget(): DeployTarget & { requests: DeployRequest[] } {
  const requests: DeployRequest[] = [];
  return {
    requests,
    kind: 'recording',
    describeDeploy: (r) => `serve v${r.version} at ${r.traffic}%`,
    describeRollback: () => 'restore',
    deploy: async (r) => (requests.push(r), { endpointUrl: null, deploymentId: 'd1' }),
    rollback: async () => {},
  };
}

/** Judges each look with the real judgement, over the observation the script gives for (step, extension). */
function judged(observe: (look: LookRequest) => LookObservation, looks: LookRequest[]): Analyse {
  return async (look) => {
    looks.push(structuredClone(look));
    const j = judgeLook(observe(look), settings, { steps: weights }, { step: look.step, extension: look.extension, decidedEarlierInStep: look.decidedEarlierInStep });
    return { action: j.action, verdict: j.verdict, reason: j.reason, judgements: j.metrics, analysis: null };
  };
}

async function start(file = `${ws.dir}/state.json`) {
  const registry = new LocalRegistry(ws.registryFile);
  await registry.registerVersion('m', 'http://v1', {});
  await registry.registerVersion('m', 'http://v2', {});
  const clock = fakeClock();
  const state = freshState({ model: 'm', version: '2', previousVersion: '1', environment: 'prod', alias: 'champion', strategy: 'canary', bakeMs: 60_000, weights, skipAnalysis: false, at: 'now' });
  const recorder = new RolloutRecorder(file, registry, true, () => new Date(clock.now()).toISOString());
  return { registry, clock, state, recorder, file };
}

describe('runRollout with the canary judgement', () => {
  it('extends the bake while traffic is too thin, then rolls back when inconclusive.then is fail', async () => {
    const { clock, state, recorder, file } = await start();
    const looks: LookRequest[] = [];
    const healthy = { requests: 1000, errors: 5 };
    const thin = { requests: 40, errors: 0 };
    const analyse = judged((look) => (look.step === 0 ? { canary: healthy, stable: { requests: 9000, errors: 45 } } : { canary: thin, stable: { requests: 50, errors: 0 } }), looks);
    const outcome = await runRollout(state, { target: recordingTarget(), analyse, recorder, clock, logger: memoryLogger() });

    expect(looks.map((l) => [l.step, l.extension])).toEqual([[0, 0], [1, 0], [1, 1], [1, 2]]);
    expect(clock.sleeps).toEqual([60_000, 60_000, 60_000, 60_000]);
    expect(looks[3]?.windowMs).toBe(180_000);
    expect(outcome).toEqual({
      ok: false,
      failure: {
        step: 'analysis',
        stepIndex: 2,
        weight: 50,
        reason:
          'roll back, as inconclusive.then is fail: still inconclusive at step 2 of 3 (50% canary), bake extension 2 after 2 bake extensions: error_rate: only 40 canary requests, fewer than min_requests 200: too little traffic to judge; error_rate vs stable: 40 canary and 50 stable requests, fewer than min_requests 200 on a side: too little traffic to compare. Send more traffic to the canary, lengthen the bake, or lower min_requests',
      },
    });
    const saved = await loadRolloutState(file);
    expect([saved?.status, saved?.steps.map((s) => [s.status, s.verdict, s.extensions])]).toEqual(['rolling_back', [['passed', 'pass', 0], ['failed', 'inconclusive', 2], ['pending', null, 0]]]);
  });

  it('passes a step\'s earlier judgements to the next look, and starts each step afresh', async () => {
    const { clock, state, recorder } = await start();
    const looks: LookRequest[] = [];
    // Step 1's first look has too few canary requests: both checks inconclusive, handed to the extension's look.
    const analyse = judged((look) => {
      if (look.step === 0 && look.extension === 0) return { canary: { requests: 150, errors: 0 }, stable: { requests: 5000, errors: 25 } };
      return { canary: { requests: 1000, errors: 5 }, stable: { requests: 9000, errors: 45 } };
    }, looks);
    const outcome = await runRollout(state, { target: recordingTarget(), analyse, recorder, clock, logger: memoryLogger() });
    expect(outcome).toEqual({ ok: true });
    expect(looks.map((l) => [l.step, l.extension, l.decidedEarlierInStep.map((m) => `${m.metric}:${m.verdict}`)])).toEqual([
      [0, 0, []],
      [0, 1, ['error_rate:inconclusive', 'error_rate vs stable:inconclusive']],
      [1, 0, []],
      [2, 0, []],
    ]);
    expect(state.status).toBe('succeeded');
  });
});

describe('runRollout when the analysis cannot reach its metrics source', () => {
  const passing = { action: 'continue' as const, verdict: 'pass' as const, reason: 'all checks passed', judgements: [], analysis: null };
  const outage = (): Error => new RetriesExhaustedError('Prometheus query at http://prom:9090', 4, new HttpTransportError('ECONNREFUSED', false, 'GET http://prom:9090/api/v1/query', new Error('connect ECONNREFUSED')), 'gave up');

  /** Fails the first `failures` looks with `error`, then passes every look. */
  function failingFirst(failures: number, error: () => Error, looks: LookRequest[]): Analyse {
    return async (look) => {
      looks.push(structuredClone(look));
      if (looks.length <= failures) throw error();
      return passing;
    };
  }

  it('looks again after a wait when the source was away, and goes on once it answers', async () => {
    const { clock, state, recorder } = await start();
    const looks: LookRequest[] = [];
    const outcome = await runRollout(state, { target: recordingTarget(), analyse: failingFirst(2, outage, looks), analysisErrorLimit: 2, recorder, clock, logger: memoryLogger() });
    expect(outcome).toEqual({ ok: true });
    expect(looks.map((l) => l.step)).toEqual([0, 0, 0, 1, 2]);
    expect(state.steps[0]?.reasons.slice(0, 2)).toEqual([
      expect.stringMatching(/^the analysis could not run \(1 of 2 allowed in a row\): Prometheus query at http:\/\/prom:9090: gave up after 4 attempts: .*ECONNREFUSED.*; looking again in 1m$/),
      expect.stringMatching(/^the analysis could not run \(2 of 2 allowed in a row\)/),
    ]);
    // Each look after an outage waited a whole bake (60s here, above the 30s floor).
    expect(clock.sleeps.filter((ms) => ms === 60_000)).toHaveLength(5);
  });

  it('waits at least 30s between looks when the bake is shorter', async () => {
    const { clock, state, recorder } = await start();
    state.bakeMs = 0;
    const outcome = await runRollout(state, { target: recordingTarget(), analyse: failingFirst(1, outage, []), analysisErrorLimit: 2, recorder, clock, logger: memoryLogger() });
    expect(outcome).toEqual({ ok: true });
    expect(clock.sleeps).toEqual([30_000]);
  });

  it('fails the step once more looks in a row than the limit could not run', async () => {
    const { clock, state, recorder } = await start();
    const looks: LookRequest[] = [];
    const outcome = await runRollout(state, { target: recordingTarget(), analyse: failingFirst(3, outage, looks), analysisErrorLimit: 2, recorder, clock, logger: memoryLogger() });
    expect(outcome.ok).toBe(false);
    expect(looks).toHaveLength(3);
    expect(outcome.ok ? undefined : outcome.failure).toMatchObject({ step: 'analysis', stepIndex: 1, reason: expect.stringMatching(/^step 1 of 3 \(10%\): the analysis could not run \(3 looks in a row\): Prometheus query/) });
    expect(state.status).toBe('rolling_back');
  });

  it('fails at once on an error trying later cannot fix, and with a limit of 0', async () => {
    const refused = (): Error => new RetriesExhaustedError('Prometheus query', 1, new HttpStatusError(400, '{"status":"error","errorType":"bad_data"}', undefined, 'GET /api/v1/query'), 'failed (not retryable)');
    for (const [error, limit] of [[refused, 2], [outage, 0]] as const) {
      const { clock, state, recorder } = await start(`${ws.dir}/state-${limit}.json`);
      const looks: LookRequest[] = [];
      const outcome = await runRollout(state, { target: recordingTarget(), analyse: failingFirst(1, error, looks), analysisErrorLimit: limit, recorder, clock, logger: memoryLogger() });
      expect(outcome.ok).toBe(false);
      expect(looks).toHaveLength(1);
      expect(outcome.ok ? undefined : outcome.failure.reason).toMatch(/^step 1 of 3 \(10%\): the analysis could not run: /);
    }
  });
});

describe('histogramLatencies', () => {
  it('expands cumulative buckets to midpoints and interpolates the p95 as histogram_quantile does', () => {
    // 50 requests each at 5, 10, 15, 20 ms in buckets of 5, 10, 25, 50 ms (+Inf).
    const buckets = [{ le: 5, count: 50 }, { le: 10, count: 100 }, { le: 25, count: 200 }, { le: 50, count: 200 }, { le: Infinity, count: 200 }];
    const { samples, p95Ms } = histogramLatencies(buckets, 10_000);
    expect([samples.filter((s) => s === 2.5).length, samples.filter((s) => s === 7.5).length, samples.filter((s) => s === 17.5).length, samples.length]).toEqual([50, 50, 100, 200]);
    expect(p95Ms).toBeCloseTo(23.5, 10);
  });

  it('places requests above the last finite bound on it, keeps counts cumulative, and scales down above the cap', () => {
    const { samples, p95Ms } = histogramLatencies([{ le: Infinity, count: 1000.4 }, { le: 100, count: 600 }, { le: 200, count: 590.2 }], 100);
    expect(samples.length).toBe(100);
    expect(samples.filter((s) => s === 200).length).toBe(40);
    expect(p95Ms).toBe(200);
    expect(histogramLatencies([{ le: 5, count: 0 }], 100)).toEqual({ samples: [], p95Ms: undefined });
  });
});
