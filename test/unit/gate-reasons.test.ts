/** Reasons and tables print enough digits that the comparison behind the verdict can be read (issue 15, item 4). */
import fc from 'fast-check';
import { judgeThreshold } from '../../src/gate/thresholds';
import { gateMarkdown } from '../../src/gate/report';
import type { GateResult } from '../../src/modes/gate';
import { num } from '../../src/report/markdown';
import { decideDrop } from '../../src/stats/decide';
import { readable } from '../../src/stats/readable';

// -0 and 0 are the same side of a limit; `+ 0` folds them so Object.is does not tell them apart.
const sideOf = (value: number, limit: number) => Math.sign(value - limit) + 0;

describe('threshold reasons', () => {
  it.each([
    ['latency_ms/p95', 4000.4, { max: 4000 }, 'latency_ms/p95 = 4000.4 is above the maximum 4000'],
    ['contains/mean', 0.79999, { min: 0.8 }, 'contains/mean = 0.79999 is below the minimum 0.8'],
    ['contains/mean', 0.8000001, { min: 0.8 }, 'contains/mean = 0.8000001 is within >= 0.8'],
    ['contains/mean', 0.8, { min: 0.8 }, 'contains/mean = 0.8 is within >= 0.8'],
    ['contains/mean', 0.123456, { min: 0.8 }, 'contains/mean = 0.1235 is below the minimum 0.8'],
    ['error_rate', 0.30000000000000004, { max: 0.3 }, 'error_rate = 0.30000000000000004 is above the maximum 0.3'],
    ['latency_ms/p95', 3999.96, { min: 100, max: 4000 }, 'latency_ms/p95 = 3999.96 is within >= 100 and <= 4000'],
  ])('%s = %d against %j reads "%s"', (metric, value, threshold, reason) => {
    expect(judgeThreshold(metric, value, threshold).reason).toBe(reason);
  });

  it('never prints a value that compares with a limit differently from the measured one', () => {
    const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(finite, finite, (value, limit) => {
        const shown = Number(readable(value, [limit]));
        expect(sideOf(shown, limit)).toBe(sideOf(value, limit));
      }),
      { numRuns: 2000 },
    );
    // Near-ties are where rounding lies: a value a hair off its limit.
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 1e5, noNaN: true }), fc.integer({ min: -3, max: 3 }), (limit, ulps) => {
        const value = limit + ulps * Number.EPSILON * limit;
        const shown = Number(readable(value, [limit]));
        expect(sideOf(shown, limit)).toBe(sideOf(value, limit));
      }),
    );
  });
});

describe('baseline reasons', () => {
  const comparison = (low: number, high: number) => ({ difference: (low + high) / 2, ci: { low, high, confidence: 0.95, method: 'bootstrap' }, paired: true, n: { pairs: 400, candidate: 400, champion: 400 } });
  const rule = { metric: 'contains/mean', maxDrop: 0.03, inconclusive: 'warn' as const };

  it('a drop just over the allowance does not read as equal to it', () => {
    const decision = decideDrop(comparison(-0.05, -0.030004), rule);
    expect(decision.verdict).toBe('fail');
    expect(decision.reason).toBe('contains/mean dropped by 0.040 (95% CI 0.030004 – 0.050, n = 400 paired), more than the allowed 0.03');
  });

  it('a lower bound just inside the allowance does not read as equal to it', () => {
    const decision = decideDrop(comparison(-0.0299996, 0.01), rule);
    expect(decision.verdict).toBe('pass');
    expect(decision.reason).toBe('contains/mean changed by -0.010 (95% CI -0.0299996 – +0.010, n = 400 paired); a drop of more than the allowed 0.03 is ruled out');
  });
});

describe('the job summary table', () => {
  it('prints the candidate value beside its threshold with the digits the verdict needs', () => {
    const result: GateResult = {
      mode: 'gate',
      dryRun: false,
      model: 'support-agent',
      version: '2',
      decision: 'fail',
      rules: [judgeThreshold('latency_ms/p95', 4000.4, { max: 4000 }), judgeThreshold('contains/mean', 0.79999, { min: 0.8 })],
      summaryPath: 'summary.json',
      decisionPath: 'decision.json',
      tags: {},
    };
    const text = gateMarkdown(result, ['### gate']);
    expect(text).toContain('| latency_ms/p95 | ≤ 4000 | 4000.4 | ❌ fail |');
    expect(text).toContain('| contains/mean | ≥ 0.8 | 0.79999 | ❌ fail |');
    expect(num(0.79999)).toBe('0.8'); // with nothing to compare against, four digits are enough
  });
});

describe('the errors note', () => {
  it('counts failed runs against runs when every example was run several times (evaluate.repeat)', async () => {
    const { errorsRule } = await import('../../src/gate/rules');
    const { summarySchemaId } = await import('../../src/contract/summary');
    const summary = {
      schema: summarySchemaId,
      model: { name: 'support-agent', version: '1' },
      dataset: { name: 'golden', digest: `sha256:${'a'.repeat(64)}`, rows: 7 },
      metrics: { error_rate: { value: 9 / 21, n: 21 } },
      errors: 9,
      run_id: null,
      created_at: '2026-12-06T10:00:00.000Z',
    } as const;
    expect(errorsRule(summary)?.reason).toBe('9 of 21 runs (7 examples, repeated) failed to evaluate and are not in any mean (error rate 0.4286); gate on error_rate to block on them');
    expect(errorsRule({ ...summary, metrics: { error_rate: { value: 2 / 7, n: 7 } }, errors: 2 })?.reason).toBe(
      '2 of 7 examples failed to evaluate and are not in any mean (error rate 0.2857); gate on error_rate to block on them',
    );
  });
});
