import fc from 'fast-check';
import { alphaPerComparison, judgeLook, type Look, type LookObservation, type RolloutPlan } from '../../src/analysis/judgement';
import { judgementSettingsSchema, type JudgementSettingsInput } from '../../src/analysis/judgement-settings';

const plan: RolloutPlan = { steps: [10, 50, 100] };
const firstLook: Look = { step: 0, extension: 0, decidedEarlierInStep: [] };
const settings = (input: JudgementSettingsInput = {}) =>
  judgementSettingsSchema.parse({ limits: { error_rate: 0.05, latency_p95_ms: 1000, scores: { relevance: { min: 0.7 } } }, ...input });

/** n latencies spread evenly over [from, from + span). */
function latencies(n: number, from: number, span = 100): number[] {
  return Array.from({ length: n }, (_, i) => from + (span * i) / n);
}

const healthy: LookObservation = {
  canary: { requests: 400, errors: 4, latenciesMs: latencies(400, 200), scores: { relevance: Array(40).fill(0.8) } },
  stable: { requests: 3600, errors: 36, latenciesMs: latencies(3600, 200) },
};

describe('judgeLook', () => {
  it('passes a healthy canary with every reason stated', () => {
    const judgement = judgeLook(healthy, settings({ compare: { error_rate: {}, latency: { max_increase_ratio: 0.1 } } }), plan, firstLook);
    expect(judgement.action).toBe('continue');
    expect(judgement.alphaPerComparison).toBeCloseTo(0.0025, 12);
    expect(judgement.metrics.map((m) => [m.metric, m.verdict])).toEqual([
      ['error_rate', 'pass'],
      ['latency_ms/p95', 'pass'],
      ['relevance/mean', 'pass'],
      ['error_rate vs stable', 'pass'],
      ['latency_ms vs stable', 'pass'],
    ]);
    expect(judgement.metrics[0]?.reason).toBe('error_rate 1% (4 errors in 400 canary requests) is within the limit 5%');
    expect(judgement.metrics[3]?.reason).toMatch(/^error_rate vs stable: canary 1% \(4\/400\) vs stable 1% \(36\/3600\), \+0 points; not shown worse by more than the allowed increase of 0 points \(p = 0\.\d+ ≥ 0\.0025\)$/);
    expect(judgement.reason).toBe('all 5 checks passed at step 1 of 3 (10% canary)');
  });

  it('rolls back a canary whose error rate is shown higher than stable', () => {
    const observation = { ...healthy, canary: { ...healthy.canary, requests: 1800, errors: 54, latenciesMs: latencies(1800, 200) } };
    const judgement = judgeLook(observation, settings(), plan, { step: 1, extension: 0, decidedEarlierInStep: [] });
    expect(judgement.action).toBe('rollback');
    const failed = judgement.metrics.filter((m) => m.verdict === 'fail');
    expect(failed.map((m) => m.metric)).toEqual(['error_rate vs stable']);
    expect(failed[0]?.reason).toMatch(/^error_rate vs stable: canary 3% \(54\/1800\) vs stable 1% \(36\/3600\), \+2 points; even the 99\.5% lower bound \+[\d.]+ points is above the allowed increase of 0 points \(p = [\d.e-]+ < 0\.005\)$/);
    expect(judgement.reason).toBe(`roll back at step 2 of 3 (50% canary): ${failed[0]?.reason}`);
  });

  it('ignores a slowdown within max_increase but rolls back one beyond it', () => {
    const slower = { ...healthy, canary: { ...healthy.canary, latenciesMs: latencies(400, 215) } };
    const within = judgeLook(slower, settings({ compare: { latency: { max_increase_ms: 20 } } }), plan, firstLook);
    expect(within.metrics.find((m) => m.metric === 'latency_ms vs stable')?.verdict).toBe('pass');
    const beyond = judgeLook(slower, settings({ compare: { latency: { max_increase_ms: 5 } } }), plan, firstLook);
    const latency = beyond.metrics.find((m) => m.metric === 'latency_ms vs stable');
    expect(latency?.verdict).toBe('fail');
    expect(latency?.reason).toMatch(/^latency_ms vs stable: canary slower by more than the allowed 5 ms; typical shift \+14\.9 ms \(Hodges-Lehmann\), P\(canary slower\) = 0\.64 \(Mann-Whitney normal, n = 400 vs 3600: p = [\d.e-]+ < 0\.005\)$/);
  });

  it('calls too little traffic inconclusive and extends the bake, then applies the policy', () => {
    const quiet: LookObservation = {
      canary: { requests: 50, errors: 0, latenciesMs: latencies(50, 200), scores: { relevance: Array(5).fill(0.9) } },
      stable: { requests: 450, errors: 4, latenciesMs: latencies(450, 200) },
    };
    const first = judgeLook(quiet, settings(), plan, firstLook);
    expect(first.action).toBe('extend-bake');
    expect(first.metrics.every((m) => m.verdict === 'inconclusive')).toBe(true);
    expect(first.reason).toBe(
      'extend the bake (1 of 2) at step 1 of 3 (10% canary): error_rate: only 50 canary requests, fewer than min_requests 200: too little traffic to judge; ' +
        'latency_ms/p95 293.1 ms: only 50 canary requests, fewer than min_requests 200: too little traffic to judge; ' +
        'relevance/mean: only 5 scored canary requests, fewer than min_scored 30: too little traffic to judge; ' +
        'error_rate vs stable: 50 canary and 450 stable requests, fewer than min_requests 200 on a side: too little traffic to compare',
    );
    const last: Look = { step: 0, extension: 2, decidedEarlierInStep: first.metrics };
    expect(judgeLook(quiet, settings(), plan, last)).toMatchObject({ verdict: 'inconclusive', action: 'rollback' });
    expect(judgeLook(quiet, settings(), plan, last).reason).toMatch(/^roll back, as inconclusive.then is fail: still inconclusive at step 1 of 3 \(10% canary\), bake extension 2 after 2 bake extensions: .*Send more traffic to the canary, lengthen the bake, or lower min_requests$/);
    expect(judgeLook(quiet, settings({ inconclusive: { then: 'pass' } }), plan, last).action).toBe('continue');
  });

  it('fails at once on overwhelming evidence even below the minimum traffic', () => {
    const broken = { canary: { requests: 20, errors: 15 } };
    const judgement = judgeLook(broken, settings({ limits: { error_rate: 0.05 } }), plan, { step: 2, extension: 0, decidedEarlierInStep: [] });
    expect(judgement.action).toBe('rollback');
    expect(judgement.metrics[0]?.reason).toMatch(/^error_rate 75% \(15 errors in 20 canary requests\) is above the limit 5%; even its 99\.[\d]+% lower bound [\d.]+% is$/);
  });

  it('never passes a metric on too little traffic, whatever the numbers', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 199 }), fc.integer({ min: 0, max: 199 }), fc.integer({ min: 1, max: 5000 }), (requests, rawErrors, stableRequests) => {
        const errors = Math.min(rawErrors, requests);
        const observation: LookObservation = {
          canary: { requests, errors, latenciesMs: latencies(requests, 100), scores: { relevance: Array(Math.min(requests, 29)).fill(1) } },
          stable: { requests: stableRequests, errors: 0, latenciesMs: latencies(Math.min(stableRequests, 300), 100) },
        };
        const judgement = judgeLook(observation, settings({ compare: { error_rate: {}, latency: {} } }), plan, firstLook);
        expect(judgement.metrics.filter((m) => m.verdict === 'pass')).toEqual([]);
        expect(judgement.verdict).not.toBe('pass');
      }),
    );
  });

  it('carries a comparison that passed earlier in the step instead of testing it again', () => {
    const first = judgeLook(healthy, settings({ limits: { scores: { relevance: { min: 0.7 } } }, min_scored: 100 }), plan, firstLook);
    expect(first.action).toBe('extend-bake');
    const worse = { ...healthy, canary: { ...healthy.canary, errors: 40 } };
    const second = judgeLook(worse, settings({ limits: { scores: { relevance: { min: 0.7 } } }, min_scored: 100 }), plan, { step: 0, extension: 1, decidedEarlierInStep: first.metrics });
    const carried = second.metrics.find((m) => m.metric === 'error_rate vs stable');
    expect(carried?.verdict).toBe('pass');
    expect(carried?.reason).toMatch(/\(passed earlier in this step\)$/);
  });

  it('splits the false-rollback budget over comparison looks and compared metrics', () => {
    expect(alphaPerComparison(settings(), plan)).toBeCloseTo(0.005, 12);
    expect(alphaPerComparison(settings({ compare: { error_rate: {}, latency: {} } }), { steps: [5, 25, 50, 100] })).toBeCloseTo(0.01 / 6, 12);
    expect(alphaPerComparison(settings({ false_rollback_rate: 0.05 }), { steps: [100] })).toBeCloseTo(0.05, 12);
  });

  it.each([
    [{ step: 3, extension: 0 }, "look step 3 is outside the plan's 3 steps"],
    [{ step: 0, extension: 3 }, 'bake extension 3 is outside 0..2 (inconclusive.extend_bake)'],
  ])('refuses a look outside the plan: %p', (look, message) => {
    expect(() => judgeLook(healthy, settings(), plan, { ...look, decidedEarlierInStep: [] })).toThrow(message);
  });

  it('waits, rather than failing the rollout, when a canary that served nothing yet has no latency to report', () => {
    // A Prometheus histogram has no series for a version that took no traffic: no samples, no p95.
    const idle = { canary: { requests: 0, errors: 0 }, stable: { requests: 3600, errors: 36 } };
    const judgement = judgeLook(idle, settings({ limits: { latency_p95_ms: 1000 }, compare: { latency: {} } }), plan, firstLook);
    expect(judgement.action).toBe('extend-bake');
    expect(judgement.metrics.map((m) => [m.metric, m.verdict])).toEqual([
      ['latency_ms/p95', 'inconclusive'],
      ['latency_ms vs stable', 'inconclusive'],
    ]);
    expect(judgement.metrics[0]?.reason).toBe('latency_ms/p95: no p95 yet, only 0 canary requests, fewer than min_requests 200: too little traffic to judge');
  });

  it('refuses a latency comparison when the provider reports no samples', () => {
    const counts = { canary: { requests: 400, errors: 0 }, stable: { requests: 400, errors: 0 } };
    expect(() => judgeLook(counts, settings({ limits: {}, compare: { latency: {} } }), plan, firstLook)).toThrow(
      'latency_ms vs stable: comparing latency needs per-request latencies of both versions, and the analysis provider reported none; remove compare.latency or use the http-probe provider',
    );
  });
});

describe('judgementSettingsSchema', () => {
  it('fills the defaults and refuses both latency margins at once', () => {
    expect(judgementSettingsSchema.parse({})).toEqual({
      false_rollback_rate: 0.01,
      min_requests: 200,
      min_scored: 30,
      limits: { scores: {} },
      compare: { error_rate: { max_increase: 0 } },
      inconclusive: { extend_bake: 2, then: 'fail' },
    });
    const result = judgementSettingsSchema.safeParse({ compare: { latency: { max_increase_ms: 10, max_increase_ratio: 0.1 } } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('give max_increase_ms or max_increase_ratio, not both');
  });
});
