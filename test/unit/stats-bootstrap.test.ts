import fc from 'fast-check';
import { bootstrapDifferenceOfMeans, bootstrapInterval, mean } from '../../src/stats/bootstrap';

const sample = fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 40 });
const seed = fc.integer();
const quick = { resamples: 200 };

describe('bootstrapInterval', () => {
  it('gives the same interval for the same seed', () => {
    fc.assert(
      fc.property(sample, seed, (values, s) => {
        expect(bootstrapInterval(values, mean, { ...quick, seed: s })).toEqual(bootstrapInterval(values, mean, { ...quick, seed: s }));
      }),
      { numRuns: 50 },
    );
  });

  it('holds the point estimate', () => {
    fc.assert(
      fc.property(sample, seed, (values, s) => {
        const interval = bootstrapInterval(values, mean, { ...quick, seed: s });
        expect(interval.low).toBeLessThanOrEqual(mean(values));
        expect(interval.high).toBeGreaterThanOrEqual(mean(values));
      }),
      { numRuns: 50 },
    );
  });

  it('shifts by a constant added to every value', () => {
    fc.assert(
      fc.property(sample, fc.double({ min: -1000, max: 1000, noNaN: true }), seed, (values, shift, s) => {
        const before = bootstrapInterval(values, mean, { ...quick, seed: s });
        const after = bootstrapInterval(
          values.map((v) => v + shift),
          mean,
          { ...quick, seed: s },
        );
        expect(after.low).toBeCloseTo(before.low + shift, 6);
        expect(after.high).toBeCloseTo(before.high + shift, 6);
      }),
      { numRuns: 50 },
    );
  });

  it('widens (never narrows) as the confidence rises, from the same resamples', () => {
    fc.assert(
      fc.property(sample, seed, (values, s) => {
        const narrow = bootstrapInterval(values, mean, { ...quick, seed: s, confidence: 0.8 });
        const wide = bootstrapInterval(values, mean, { ...quick, seed: s, confidence: 0.99 });
        expect(wide.low).toBeLessThanOrEqual(narrow.low);
        expect(wide.high).toBeGreaterThanOrEqual(narrow.high);
      }),
      { numRuns: 50 },
    );
  });

  it('has zero width on a constant sample', () => {
    const values = [0.7, 0.7, 0.7];
    expect(bootstrapInterval(values, mean)).toEqual({ low: mean(values), high: mean(values), confidence: 0.95, method: 'bootstrap-percentile' });
  });

  it('works for any statistic, e.g. the median', () => {
    const median = (xs: readonly number[]): number => {
      const sorted = [...xs].sort((a, b) => a - b);
      return sorted[Math.floor(sorted.length / 2)] as number;
    };
    const interval = bootstrapInterval([1, 2, 3, 4, 100], median, { seed: 3 });
    expect(interval.low).toBeGreaterThanOrEqual(1);
    expect(interval.high).toBeLessThanOrEqual(100);
  });

  it('is close to the normal-theory interval on a large symmetric sample', () => {
    // Deterministic (fixed seed and data); checks the quantiles are taken at the right tails.
    const values = Array.from({ length: 400 }, (_, i) => (i % 20) / 19);
    const sd = Math.sqrt(values.reduce((t, v) => t + (v - mean(values)) ** 2, 0) / values.length);
    const interval = bootstrapInterval(values, mean, { seed: 11 });
    const half = (1.96 * sd) / Math.sqrt(values.length);
    expect(interval.high - interval.low).toBeCloseTo(2 * half, 2);
  });

  it.each([
    [{ resamples: 0 }, 'resamples must be a positive integer (e.g. 2000), got 0'],
    [{ confidence: 1 }, 'confidence must be strictly between 0 and 1 (e.g. 0.95), got 1'],
    [{ seed: 0.5 }, 'seed must be a safe integer, got 0.5'],
  ])('rejects %p', (options, message) => {
    expect(() => bootstrapInterval([1, 2], mean, options)).toThrow(message);
  });
});

describe('bootstrapDifferenceOfMeans', () => {
  it('holds the observed difference and is reproducible', () => {
    fc.assert(
      fc.property(sample, sample, seed, (a, b, s) => {
        const interval = bootstrapDifferenceOfMeans(a, b, { ...quick, seed: s });
        expect(interval.low).toBeLessThanOrEqual(mean(a) - mean(b));
        expect(interval.high).toBeGreaterThanOrEqual(mean(a) - mean(b));
        expect(bootstrapDifferenceOfMeans(a, b, { ...quick, seed: s })).toEqual(interval);
      }),
      { numRuns: 50 },
    );
  });
});
