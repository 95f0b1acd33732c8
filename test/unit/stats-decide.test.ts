import fc from 'fast-check';
import { decideDrop, type ComparisonForDecision, type DropRule } from '../../src/stats/decide';

function comparison(difference: number, low: number, high: number, extra: Partial<ComparisonForDecision> = {}): ComparisonForDecision {
  return { difference, ci: { low, high, confidence: 0.95, method: 'newcombe-paired-score' }, paired: true, n: { candidate: 500, champion: 500, pairs: 500 }, ...extra };
}

const rule: DropRule = { metric: 'relevance/mean', maxDrop: 0.03, inconclusive: 'warn' };

describe('decideDrop', () => {
  it.each([
    [
      'a drop shown to exceed the allowance fails',
      comparison(-0.061, -0.08, -0.042),
      rule,
      'fail',
      'fail',
      'relevance/mean dropped by 0.061 (95% CI 0.042 – 0.080, n = 500 paired), more than the allowed 0.03',
    ],
    [
      'a drop ruled out beyond the allowance passes',
      comparison(-0.004, -0.02, 0.012),
      rule,
      'pass',
      'pass',
      'relevance/mean changed by -0.004 (95% CI -0.020 – +0.012, n = 500 paired); a drop of more than the allowed 0.03 is ruled out',
    ],
    [
      'a gain passes',
      comparison(0.021, 0.005, 0.037),
      rule,
      'pass',
      'pass',
      'relevance/mean changed by +0.021 (95% CI +0.005 – +0.037, n = 500 paired); a drop of more than the allowed 0.03 is ruled out',
    ],
    [
      'an interval straddling the allowance is inconclusive, and warns by policy',
      comparison(-0.02, -0.05, 0.01, { paired: false, n: { candidate: 120, champion: 130, pairs: 0 } }),
      rule,
      'inconclusive',
      'warn',
      'relevance/mean changed by -0.020 (95% CI -0.050 – +0.010, n = 120 vs 130 unpaired); too few examples to tell ' +
        'whether it dropped by more than the allowed 0.03: inconclusive, warning only (inconclusive: warn)',
    ],
    [
      'inconclusive with policy fail blocks',
      comparison(-0.02, -0.05, 0.01),
      { ...rule, inconclusive: 'fail' },
      'inconclusive',
      'fail',
      'relevance/mean changed by -0.020 (95% CI -0.050 – +0.010, n = 500 paired); too few examples to tell ' +
        'whether it dropped by more than the allowed 0.03: inconclusive, blocking (inconclusive: fail)',
    ],
    [
      'identical results with no allowance pass only when the interval has no width',
      comparison(0, 0, 0),
      { ...rule, maxDrop: 0 },
      'pass',
      'pass',
      'relevance/mean changed by 0.000 (95% CI 0.000 – 0.000, n = 500 paired); a drop of more than the allowed 0 is ruled out',
    ],
    [
      'equal agents with no allowance are inconclusive: "no drop at all" cannot be shown',
      comparison(0, -0.022, 0.022),
      { ...rule, maxDrop: 0, inconclusive: 'pass' },
      'inconclusive',
      'pass',
      'relevance/mean changed by 0.000 (95% CI -0.022 – +0.022, n = 500 paired); too few examples to tell ' +
        'whether it dropped by more than the allowed 0: inconclusive, passing (inconclusive: pass)',
    ],
    [
      'a lower end exactly at the allowance passes',
      comparison(-0.01, -0.03, 0.01),
      rule,
      'pass',
      'pass',
      'relevance/mean changed by -0.010 (95% CI -0.030 – +0.010, n = 500 paired); a drop of more than the allowed 0.03 is ruled out',
    ],
    [
      'an upper end exactly at the allowance does not fail',
      comparison(-0.05, -0.07, -0.03),
      rule,
      'inconclusive',
      'warn',
      'relevance/mean changed by -0.050 (95% CI -0.070 – -0.030, n = 500 paired); too few examples to tell ' +
        'whether it dropped by more than the allowed 0.03: inconclusive, warning only (inconclusive: warn)',
    ],
    [
      'tiny differences keep two significant digits, and the confidence prints as given',
      { ...comparison(-0.00012, -0.0003, 0.00006), ci: { low: -0.0003, high: 0.00006, confidence: 0.975, method: 'bootstrap-percentile' } },
      { ...rule, maxDrop: 0.001 },
      'pass',
      'pass',
      'relevance/mean changed by -0.00012 (97.5% CI -0.00030 – +0.000060, n = 500 paired); a drop of more than the allowed 0.001 is ruled out',
    ],
  ] as const)('%s', (_name, input, drop, verdict, applied, reason) => {
    expect(decideDrop(input, drop)).toEqual({ verdict, applied, difference: input.difference, ci: input.ci, reason });
  });

  it('refuses a negative or missing allowance', () => {
    expect(() => decideDrop(comparison(0, 0, 0), { ...rule, maxDrop: -0.01 })).toThrow(
      'maxDrop for relevance/mean must be a finite number ≥ 0, got -0.01',
    );
    expect(() => decideDrop(comparison(0, 0, 0), { ...rule, maxDrop: Number.NaN })).toThrow('got NaN');
  });

  it('never judges more harshly as the allowance grows', () => {
    const severity = { pass: 0, inconclusive: 1, fail: 2 } as const;
    const interval = fc
      .tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
      .map(([d, below, above]) => comparison(d, d - below, d + above));
    fc.assert(
      fc.property(interval, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (c, a, b) => {
        const [small, large] = a <= b ? [a, b] : [b, a];
        const strict = decideDrop(c, { ...rule, maxDrop: small }).verdict;
        const lenient = decideDrop(c, { ...rule, maxDrop: large }).verdict;
        expect(severity[lenient]).toBeLessThanOrEqual(severity[strict]);
      }),
    );
  });
});
