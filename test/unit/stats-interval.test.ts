import fc from 'fast-check';
import { percentile, percentiles, wilson, zFor } from '../../src/stats/interval';
import { meanWithInterval } from '../../src/stats/mean';

describe('zFor', () => {
  it.each([
    [0.9, 1.644854],
    [0.95, 1.959964],
    [0.99, 2.575829],
  ])('at %p is %p', (confidence, z) => {
    expect(zFor(confidence)).toBeCloseTo(z, 5);
  });
});

describe('wilson', () => {
  it.each([
    // Hand-checked against the closed form (and R's prop.test(correct = FALSE)).
    [8, 10, 0.95, 0.4902, 0.9433],
    [0, 10, 0.95, 0, 0.2775],
    [10, 10, 0.95, 0.7225, 1],
    [50, 100, 0.95, 0.4038, 0.5962],
  ])('%p of %p at %p is [%p, %p]', (passes, n, confidence, low, high) => {
    const interval = wilson(passes, n, confidence);
    expect(interval?.low).toBeCloseTo(low, 4);
    expect(interval?.high).toBeCloseTo(high, 4);
  });

  it('holds the observed rate, inside [0, 1]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.5, max: 0.999, noNaN: true }), (n, share, confidence) => {
        const passes = Math.round(share * n);
        const interval = wilson(passes, n, confidence)!;
        expect(interval.low).toBeGreaterThanOrEqual(0);
        expect(interval.high).toBeLessThanOrEqual(1);
        expect(interval.low).toBeLessThanOrEqual(passes / n);
        expect(interval.high).toBeGreaterThanOrEqual(passes / n);
      }),
    );
  });
});

describe('percentiles', () => {
  it('agrees with percentile one at a time, from one sort', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { minLength: 1 }), (values) => {
        const qs = [0, 0.5, 0.95, 0.99, 1];
        expect(percentiles(values, qs)).toEqual(qs.map((q) => percentile(values, q)));
      }),
    );
  });

  it('interpolates linearly like numpy', () => {
    expect(percentiles([1, 2, 3, 4], [0.5, 0.9])).toEqual([2.5, 3.7]);
    expect(percentiles([], [0.5])).toBeUndefined();
  });

  it('refuses a percentile outside [0, 1]', () => {
    expect(() => percentiles([1], [95])).toThrow('a percentile must be between 0 and 1, got 95');
  });
});

describe('meanWithInterval', () => {
  const binaryValues = fc.array(fc.constantFrom(0, 1), { minLength: 1, maxLength: 300 });
  const continuousValues = fc.array(fc.double({ min: -1000, max: 1000, noNaN: true }), { minLength: 1, maxLength: 60 });

  it('uses Wilson for pass/fail and keeps the interval in [0, 1] around the mean', () => {
    fc.assert(
      fc.property(binaryValues, (values) => {
        const result = meanWithInterval(values, { kind: 'binary' });
        expect(result.n).toBe(values.length);
        expect(result.ci.method).toBe('wilson');
        expect(0 <= result.ci.low && result.ci.low <= result.mean && result.mean <= result.ci.high && result.ci.high <= 1).toBe(true);
      }),
    );
  });

  it('bootstraps continuous scores, reproducibly, around the mean', () => {
    fc.assert(
      fc.property(continuousValues, fc.integer(), (values, seed) => {
        const options = { kind: 'continuous' as const, seed, resamples: 200 };
        const result = meanWithInterval(values, options);
        expect(result.ci.method).toBe('bootstrap-percentile');
        expect(result.ci.low).toBeLessThanOrEqual(result.mean);
        expect(result.ci.high).toBeGreaterThanOrEqual(result.mean);
        expect(meanWithInterval(values, options)).toEqual(result);
      }),
      { numRuns: 50 },
    );
  });

  it.each([
    [[], 'binary', 'the sample has no scores; at least one is needed'],
    [[1, 0.5], 'binary', "the sample score #1 is 0.5; pass/fail scores must be 0 or 1 (use kind 'continuous' for fractions)"],
    [[1, Number.NaN], 'continuous', 'the sample score #1 is NaN; scores must be finite numbers'],
  ] as const)('rejects %p as %p', (values, kind, message) => {
    expect(() => meanWithInterval(values, { kind })).toThrow(message);
  });

  it('rejects a confidence given as a percentage', () => {
    expect(() => meanWithInterval([1], { kind: 'binary', confidence: 95 })).toThrow(
      'confidence must be strictly between 0 and 1 (e.g. 0.95), got 95',
    );
  });
});
