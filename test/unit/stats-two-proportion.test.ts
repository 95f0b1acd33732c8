import fc from 'fast-check';
import { compareErrorRates } from '../../src/stats/two-proportion';

describe('compareErrorRates', () => {
  it.each([
    // Newcombe (1998), Statistics in Medicine 17:873–890, Table II, method 10 (95% two-sided, so α = 0.025).
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [6, 7, 2, 7, 0.0582, 0.8062],
    [5, 56, 0, 29, -0.0381, 0.1926],
  ])("reproduces Newcombe's published interval for %p/%p − %p/%p: [%p, %p]", (canaryErrors, canaryRequests, stableErrors, stableRequests, low, high) => {
    const result = compareErrorRates({ errors: canaryErrors, requests: canaryRequests }, { errors: stableErrors, requests: stableRequests }, { alpha: 0.025 });
    expect(result.interval.low).toBeCloseTo(low, 4);
    expect(result.interval.high).toBeCloseTo(high, 4);
  });

  it.each([
    // Fisher's lady tasting tea: 3 of 4 right in each group, one-sided p = 17/70.
    [3, 4, 1, 4, 17 / 70],
    // Wikipedia's Fisher exact test example (9 of 12 vs 1 of 12): the observed table has p = 0.001346,
    // the one more extreme one 0.000034, one-tailed p = (10·C(14,3) + C(14,2)) / C(24,12) = 3731 / 2704156.
    [9, 12, 1, 12, 3731 / 2704156],
    // No errors at all: nothing points to a worse canary.
    [0, 300, 0, 2700, 1],
    // Every error on the canary: C(300, 3) / C(3000, 3).
    [3, 300, 0, 2700, (300 * 299 * 298) / (3000 * 2999 * 2998)],
  ])("uses Fisher's exact test with no margin: %p/%p vs %p/%p has p = %p", (canaryErrors, canaryRequests, stableErrors, stableRequests, pValue) => {
    const result = compareErrorRates({ errors: canaryErrors, requests: canaryRequests }, { errors: stableErrors, requests: stableRequests });
    expect(result.method).toBe('fisher-exact');
    expect(result.pValue).toBeCloseTo(pValue, 6);
    expect(result.worse).toBe(pValue < 0.05);
  });

  it("holds Fisher's test to its level at rare events and unequal sides, where Newcombe's bound would not", () => {
    // Exact size at 1% vs 1%, 300 vs 2,700 requests: Σ over both sides' error counts of P(counts) · [p < α].
    const binomial = (n: number, p: number): number[] => {
      const pmf = [Math.pow(1 - p, n)];
      for (let k = 1; k <= 40; k++) pmf.push(((pmf[k - 1] as number) * (n - k + 1) * p) / (k * (1 - p)));
      return pmf;
    };
    const canaryPmf = binomial(300, 0.01);
    const stablePmf = binomial(2700, 0.01);
    let size = 0;
    canaryPmf.forEach((pc, canaryErrors) =>
      stablePmf.forEach((ps, stableErrors) => {
        if (compareErrorRates({ errors: canaryErrors, requests: 300 }, { errors: stableErrors, requests: 2700 }, { alpha: 0.0025 }).worse) size += pc * ps;
      }),
    );
    expect(size).toBeLessThanOrEqual(0.0025);
    expect(size).toBeGreaterThan(0.001);
  });

  it('sees nothing wrong with zero errors on both sides', () => {
    const result = compareErrorRates({ errors: 0, requests: 500 }, { errors: 0, requests: 4500 });
    expect(result).toMatchObject({ canaryRate: 0, stableRate: 0, difference: 0, worse: false, pValue: 1, method: 'fisher-exact' });
    expect(result.interval.low).toBeLessThan(0);
    expect(result.interval.high).toBeGreaterThan(0);
  });

  it('does not call one error in one request worse than a clean single request', () => {
    const result = compareErrorRates({ errors: 1, requests: 1 }, { errors: 0, requests: 1 });
    expect(result.worse).toBe(false);
    expect(result.difference).toBe(1);
  });

  it('sees a 1% → 3% step at 2,000 canary requests against 18,000 stable', () => {
    const result = compareErrorRates({ errors: 60, requests: 2000 }, { errors: 180, requests: 18000 }, { alpha: 0.0025 });
    expect(result.worse).toBe(true);
    expect(result.pValue).toBeLessThan(1e-5);
  });

  it('lets a margin absorb an increase it allows', () => {
    const canary = { errors: 30, requests: 2000 };
    const stable = { errors: 200, requests: 20000 };
    expect(compareErrorRates(canary, stable, { margin: 0 }).worse).toBe(true);
    expect(compareErrorRates(canary, stable, { margin: 0.01 })).toMatchObject({ worse: false, method: 'newcombe-bound' });
  });

  it('rejects exactly when the p-value is below alpha', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 1, max: 3000 }),
        fc.double({ min: 0, max: 0.2, noNaN: true }),
        fc.double({ min: 0, max: 0.2, noNaN: true }),
        fc.double({ min: 0.001, max: 0.2, noNaN: true }),
        fc.constantFrom(0, 0.005, 0.01),
        (canaryRequests, stableRequests, canaryShare, stableShare, alpha, margin) => {
          const canary = { errors: Math.round(canaryShare * canaryRequests), requests: canaryRequests };
          const stable = { errors: Math.round(stableShare * stableRequests), requests: stableRequests };
          const result = compareErrorRates(canary, stable, { alpha, margin });
          // The bisection puts pValue within 1e-15 of the boundary; leave a hair for rounding.
          if (Math.abs(result.pValue - alpha) > 1e-9) expect(result.worse).toBe(result.pValue < alpha);
          expect(result.interval.low).toBeLessThanOrEqual(result.difference);
          expect(result.interval.high).toBeGreaterThanOrEqual(result.difference);
        },
      ),
    );
  });

  it('gives a smaller p-value for every extra canary error', () => {
    fc.assert(
      fc.property(fc.integer({ min: 50, max: 2000 }), fc.integer({ min: 0, max: 40 }), (requests, errors) => {
        const stable = { errors: 10, requests: 1000 };
        const fewer = compareErrorRates({ errors, requests }, stable).pValue;
        const more = compareErrorRates({ errors: errors + 1, requests }, stable).pValue;
        expect(more).toBeLessThanOrEqual(fewer);
      }),
    );
  });

  it.each([
    [{ errors: 0, requests: 0 }, { errors: 0, requests: 10 }, {}, 'the canary has 0 requests; comparing error rates needs at least one request on each side'],
    [{ errors: 11, requests: 10 }, { errors: 0, requests: 10 }, {}, 'the canary has 11 errors in 10 requests; errors must be a whole number between 0 and the requests'],
    [{ errors: 0, requests: 10 }, { errors: 0.5, requests: 10 }, {}, 'the stable version has 0.5 errors in 10 requests; errors must be a whole number between 0 and the requests'],
    [{ errors: 0, requests: 10 }, { errors: 0, requests: 10 }, { alpha: 0.5 }, 'alpha must be strictly between 0 and 0.5 (e.g. 0.05), got 0.5'],
    [{ errors: 0, requests: 10 }, { errors: 0, requests: 10 }, { margin: -0.01 }, 'the error-rate margin must be in [0, 1), got -0.01'],
  ])('refuses %p vs %p with %p', (canary, stable, options, message) => {
    expect(() => compareErrorRates(canary, stable, options)).toThrow(message);
  });
});
