import fc from 'fast-check';
import { exactUpperTail, hodgesLehmannShift, mannWhitneyCanarySlower, normalUpperTail, uStatistic } from '../../src/stats/mann-whitney';

/** P(U ≥ u) by listing every way to pick which of n1 + n2 ranks belong to the first sample. */
function bruteForceUpperTail(u: number, n1: number, n2: number): number {
  let total = 0;
  let atLeast = 0;
  const visit = (next: number, chosen: number[]): void => {
    if (chosen.length === n1) {
      // Ranks are 1..n1+n2; U = rank sum − n1(n1+1)/2.
      const rankSum = chosen.reduce((sum, rank) => sum + rank, 0);
      total++;
      if (rankSum - (n1 * (n1 + 1)) / 2 >= u) atLeast++;
      return;
    }
    for (let rank = next; rank <= n1 + n2; rank++) visit(rank + 1, [...chosen, rank]);
  };
  visit(1, []);
  return atLeast / total;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2 === 1 ? (sorted[Math.floor(middle)] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

describe('normalUpperTail', () => {
  it.each([
    [0, 0.5],
    [1.959964, 0.025],
    [2.326348, 0.01],
    [3.090232, 0.001],
    [-1.644854, 0.95],
  ])('P(Z > %p) = %p', (z, tail) => {
    expect(normalUpperTail(z)).toBeCloseTo(tail, 6);
  });
});

describe('mannWhitneyCanarySlower', () => {
  // scipy.stats.mannwhitneyu docs example: U = 17; exact two-sided p = 0.1111 (so one-sided 7/126),
  // asymptotic two-sided p = 0.11134688653314041 (so one-sided half of it).
  const males = [19, 22, 16, 29, 24];
  const females = [20, 11, 17, 12];

  it('matches the scipy example exactly for small samples without ties', () => {
    const result = mannWhitneyCanarySlower(males, females);
    expect(result).toMatchObject({ u: 17, method: 'exact', ties: false, n: { canary: 5, stable: 4 } });
    expect(result.pValue).toBeCloseTo(7 / 126, 12);
    expect(result.probabilityOfSuperiority).toBeCloseTo(17 / 20, 12);
  });

  it('matches the scipy asymptotic p-value when a tie forces the normal approximation', () => {
    // One tie across the samples adds Σ(t³ − t)/(n(n − 1)) = 6/72 to the variance term; U stays 17 by midranks.
    const withTie = [19, 22, 16, 29, 20];
    const result = mannWhitneyCanarySlower(withTie, females);
    expect(result).toMatchObject({ u: 16.5, method: 'normal', ties: true });
    const variance = (20 / 12) * (10 - 6 / 72);
    expect(result.pValue).toBeCloseTo(normalUpperTail((16.5 - 10 - 0.5) / Math.sqrt(variance)), 12);
  });

  it("has a normal tail that reproduces scipy's asymptotic p-value for the docs example", () => {
    // z = (U − n1·n2/2 − ½) / √(n1·n2·(n + 1)/12) = (17 − 10 − 0.5) / √16.67.
    expect(normalUpperTail((17 - 10 - 0.5) / Math.sqrt((20 * 10) / 12))).toBeCloseTo(0.11134688653314041 / 2, 6);
  });

  it.each([
    // Published one-tailed critical values of U (reject when the smaller U ≤ critical):
    // n1 = n2 = 10: 27 at 0.05, 19 at 0.01; n1 = n2 = 20: 138 at 0.05, 114 at 0.01.
    [10, 27, 0.05],
    [10, 19, 0.01],
    [20, 138, 0.05],
    [20, 114, 0.01],
  ])('agrees with the published table: n = %p, critical U %p at one-sided %p', (n, critical, level) => {
    const upper = n * n - critical;
    expect(exactUpperTail(upper, n, n)).toBeLessThanOrEqual(level);
    expect(exactUpperTail(upper - 1, n, n)).toBeGreaterThan(level);
  });

  it('has an exact distribution equal to listing every ordering', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 36 }), (n1, n2, u) => {
        expect(exactUpperTail(u, n1, n2)).toBeCloseTo(bruteForceUpperTail(u, n1, n2), 12);
      }),
    );
  });

  it('switches to the normal approximation above 400 pairs and stays close to the exact tail there', () => {
    const stable = Array.from({ length: 20 }, (_, i) => i * 2);
    const canary = Array.from({ length: 20 }, (_, i) => i * 2 + 9);
    const exact = mannWhitneyCanarySlower(canary, stable);
    const normal = mannWhitneyCanarySlower(canary, [...stable, 1000.5]);
    expect(exact.method).toBe('exact');
    expect(normal.method).toBe('normal');
    expect(Math.abs(exact.pValue - normalUpperTail((exact.u - 200 - 0.5) / Math.sqrt((400 * 41) / 12)))).toBeLessThan(0.005);
  });

  it.each([
    ['one sample each, canary slower', [5], [3], 1, 0.5],
    ['one sample each, canary faster', [3], [5], 0, 1],
    ['every value tied: no evidence', [7, 7, 7], [7, 7], 3, 1],
    ['canary entirely slower, 3 vs 2', [3, 4, 5], [1, 2], 6, 0.1],
  ])('%s', (_, canary, stable, u, pValue) => {
    const result = mannWhitneyCanarySlower(canary, stable);
    expect(result.u).toBe(u);
    expect(result.pValue).toBeCloseTo(pValue, 12);
  });

  it('ignores a slowdown within an ms margin and catches one beyond it', () => {
    const stable = Array.from({ length: 300 }, (_, i) => 200 + ((i * 37) % 101));
    const canary = stable.map((value) => value + 30);
    expect(mannWhitneyCanarySlower(canary, stable).pValue).toBeLessThan(1e-6);
    expect(mannWhitneyCanarySlower(canary, stable, { margin: { ms: 30 } }).pValue).toBeGreaterThan(0.4);
    expect(mannWhitneyCanarySlower(canary, stable, { margin: { ms: 10 } }).pValue).toBeLessThan(1e-6);
  });

  it('treats a ratio margin as a scale: 10% slower is within a 10% allowance', () => {
    const stable = Array.from({ length: 300 }, (_, i) => 100 + i);
    const canary = stable.map((value) => value * 1.1);
    expect(mannWhitneyCanarySlower(canary, stable, { margin: { ratio: 0.1 } }).pValue).toBeGreaterThan(0.4);
    expect(mannWhitneyCanarySlower(canary, stable, { margin: { ratio: 0.02 } }).pValue).toBeLessThan(0.01);
  });

  it('reports the same U whichever order the samples arrive in, and U + U′ = n1·n2', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 30 }), fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 30 }), (a, b) => {
        const forward = uStatistic(a, b).u;
        expect(uStatistic([...a].reverse(), [...b].reverse()).u).toBe(forward);
        expect(forward + uStatistic(b, a).u).toBe(a.length * b.length);
      }),
    );
  });

  it('refuses empty or non-finite samples and negative margins, naming them', () => {
    expect(() => mannWhitneyCanarySlower([], [1])).toThrow('the canary has no latency samples; at least one is needed');
    expect(() => mannWhitneyCanarySlower([1], [Number.NaN])).toThrow('the stable version latency sample #0 is NaN; samples must be finite numbers');
    expect(() => mannWhitneyCanarySlower([1], [1], { margin: { ratio: -0.1 } })).toThrow('the latency margin (ratio) must be a finite number ≥ 0, got -0.1');
  });
});

describe('hodgesLehmannShift', () => {
  it.each([
    [[1, 2, 3], [0], 2],
    [[1, 2], [0, 0], 1.5],
    [[10, 20, 30], [10, 20, 30], 0],
  ])('of %p vs %p is %p', (canary, stable, shift) => {
    expect(hodgesLehmannShift(canary, stable)).toBe(shift);
  });

  it('is the median of every pairwise difference', () => {
    const latency = fc.double({ min: 1, max: 5000, noNaN: true });
    fc.assert(
      fc.property(fc.array(latency, { minLength: 1, maxLength: 25 }), fc.array(latency, { minLength: 1, maxLength: 25 }), (canary, stable) => {
        const differences = canary.flatMap((x) => stable.map((y) => x - y));
        expect(hodgesLehmannShift(canary, stable)).toBeCloseTo(median(differences), 2);
      }),
    );
  });
});
