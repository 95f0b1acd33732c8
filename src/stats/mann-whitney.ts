/**
 * Mann-Whitney U for latency: is the canary slower than the stable version by more than an
 * allowed margin? Rank-based, so no normality assumption for long-tailed latencies, and
 * invariant to monotone transforms, which is what makes a ratio margin exact (see `shiftBack`).
 *
 * p-values are one-sided, alternative "canary tends to be slower":
 *   exact   no ties and n1·n2 ≤ EXACT_LIMIT (covers 20 × 20): the null distribution of U counted
 *           exactly (coefficients of the Gaussian binomial [n1+n2 choose n1]_q);
 *   normal  otherwise: the normal approximation with the tie-corrected variance and a continuity
 *           correction, as scipy.stats.mannwhitneyu(method='asymptotic') and R's wilcox.test do.
 *           With ties the exact table above does not apply (it assumes distinct values); small
 *           samples with ties are rare for ms latencies and then fall back to normal too.
 *
 * Why hand-written: the npm candidates do not fit. simple-statistics has no U test (only a rank
 * sum) and a table-based normal CDF with ~1e-4 absolute error, too coarse for p ≈ 1e-3;
 * jstat has no U test; @stdlib's normal CDF pulls in a tree of packages for ~15 lines of erfc.
 */

/** How much slower the canary may be before it counts as a regression: additive or relative. */
export type LatencyMargin = { ms: number } | { ratio: number };

export interface MannWhitneyOptions {
  /** Tested hypothesis: canary slower than stable + margin. Default: no margin (any slowdown). */
  margin?: LatencyMargin;
}

export interface MannWhitneyResult {
  /** U of the canary sample after the margin is taken off: pairs where canary > stable, ties counted ½. */
  u: number;
  n: { canary: number; stable: number };
  /** One-sided p-value of "canary slower than stable by more than the margin". */
  pValue: number;
  method: 'exact' | 'normal';
  /** Whether the (margin-adjusted) pooled sample had tied values. */
  ties: boolean;
  /** P(canary > stable) + ½P(equal) on the raw samples; 0.5 means no difference. */
  probabilityOfSuperiority: number;
  /** Median of all pairwise differences canary − stable (ms): the typical slowdown. */
  hodgesLehmannShift: number;
}

/** Largest n1·n2 for which the exact distribution is used; its counts stay far below 2^53 (C(40, 20) ≈ 1.4e11). */
export const EXACT_LIMIT = 400;

export function mannWhitneyCanarySlower(
  canary: readonly number[],
  stable: readonly number[],
  options: MannWhitneyOptions = {},
): MannWhitneyResult {
  checkSample(canary, 'the canary');
  checkSample(stable, 'the stable version');
  const margin = options.margin ?? { ms: 0 };
  checkMargin(margin);
  // Sorted once: taking the margin off keeps the order, so every statistic below reads these.
  const x = Float64Array.from(canary).sort();
  const y = Float64Array.from(stable).sort();
  const raw = uOfSorted(x, y);
  const noMargin = 'ms' in margin ? margin.ms === 0 : margin.ratio === 0;
  const { u, tieTerm } = noMargin ? raw : uOfSorted(x.map((value) => shiftBack(value, margin)), y);
  const n1 = x.length;
  const n2 = y.length;
  const ties = tieTerm > 0;
  const exact = !ties && n1 * n2 <= EXACT_LIMIT;
  return {
    u,
    n: { canary: n1, stable: n2 },
    pValue: exact ? exactUpperTail(u, n1, n2) : normalUpperTailOfU(u, n1, n2, tieTerm),
    method: exact ? 'exact' : 'normal',
    ties,
    probabilityOfSuperiority: raw.u / (n1 * n2),
    hodgesLehmannShift: medianDifferenceOfSorted(x, y),
  };
}

/**
 * "Slower by more than 10%" is canary > 1.1 · stable, i.e. canary / 1.1 > stable; U compares
 * orders only, so dividing is exact where subtracting a fixed ms would not be.
 */
function shiftBack(value: number, margin: LatencyMargin): number {
  return 'ms' in margin ? value - margin.ms : value / (1 + margin.ratio);
}

/** U of `first` by midranks, and Σ(t³ − t) over tie groups for the variance correction; a merge of the two sorted samples. */
export function uStatistic(first: readonly number[], second: readonly number[]): { u: number; tieTerm: number } {
  return uOfSorted(Float64Array.from(first).sort(), Float64Array.from(second).sort());
}

function uOfSorted(x: Float64Array, y: Float64Array): { u: number; tieTerm: number } {
  let i = 0;
  let j = 0;
  let ranked = 0;
  let rankSum = 0;
  let tieTerm = 0;
  while (i < x.length || j < y.length) {
    const value = Math.min(x[i] ?? Infinity, y[j] ?? Infinity);
    const iStart = i;
    const jStart = j;
    while (i < x.length && x[i] === value) i++;
    while (j < y.length && y[j] === value) j++;
    const size = i - iStart + (j - jStart);
    if (size > 1) tieTerm += size ** 3 - size;
    rankSum += (i - iStart) * (ranked + (size + 1) / 2);
    ranked += size;
  }
  return { u: rankSum - (x.length * (x.length + 1)) / 2, tieTerm };
}

/** P(U ≥ u) under "same distribution", no ties: (ways to reach ≥ u) / C(n1 + n2, n1). */
export function exactUpperTail(u: number, n1: number, n2: number): number {
  const counts = exactCounts(n1, n2);
  let tail = 0;
  let total = 0;
  counts.forEach((count, value) => {
    total += count;
    if (value >= u) tail += count;
  });
  return Math.min(1, tail / total);
}

/**
 * counts[k] = number of orderings of n1 + n2 distinct values in which U = k: the coefficients of
 * ∏_{i=1..n1} (1 − q^{n2+i}) / (1 − q^i). Multiplying by (1 − q^m) is a shifted subtraction,
 * dividing by (1 − q^i) a running sum with stride i; every intermediate is an exact integer.
 */
function exactCounts(n1: number, n2: number): Float64Array {
  const top = n1 * n2;
  const counts = new Float64Array(top + 1);
  counts[0] = 1;
  for (let i = 1; i <= n1; i++) {
    const power = n2 + i;
    for (let k = top; k >= power; k--) counts[k] = (counts[k] as number) - (counts[k - power] as number);
    for (let k = i; k <= top; k++) counts[k] = (counts[k] as number) + (counts[k - i] as number);
  }
  return counts;
}

function normalUpperTailOfU(u: number, n1: number, n2: number, tieTerm: number): number {
  const n = n1 + n2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  const excess = u - (n1 * n2) / 2 - 0.5;
  // Every value tied: U sits at its mean, there is no evidence either way.
  if (!(variance > 0)) return excess >= 0 ? 0 : 1;
  return normalUpperTail(excess / Math.sqrt(variance));
}

/**
 * Median of the n1·n2 differences canary − stable, found without listing them: bisection on the
 * value with an O(n1 + n2) count of the differences at or below it (both samples sorted), so
 * 10,000 × 10,000 samples cost ~ 20 passes, not 10^8 differences. The result is one of the
 * differences, within a millionth of their range of the exact median (a few µs for ms latencies).
 */
export function hodgesLehmannShift(canary: readonly number[], stable: readonly number[]): number {
  checkSample(canary, 'the canary');
  checkSample(stable, 'the stable version');
  return medianDifferenceOfSorted(Float64Array.from(canary).sort(), Float64Array.from(stable).sort());
}

function medianDifferenceOfSorted(x: Float64Array, y: Float64Array): number {
  const total = x.length * y.length;
  const lower = kthDifference(x, y, Math.floor((total + 1) / 2));
  return total % 2 === 1 ? lower : (lower + kthDifference(x, y, total / 2 + 1)) / 2;
}

function kthDifference(x: Float64Array, y: Float64Array, k: number): number {
  let low = (x[0] as number) - (y[y.length - 1] as number);
  let high = (x[x.length - 1] as number) - (y[0] as number);
  if (countAtOrBelow(x, y, low) >= k) return low;
  const tolerance = (high - low) * 1e-6;
  while (high - low > tolerance) {
    const middle = low + (high - low) / 2;
    if (middle === low || middle === high) break;
    if (countAtOrBelow(x, y, middle) >= k) high = middle;
    else low = middle;
  }
  return largestDifferenceAtOrBelow(x, y, high);
}

/** #{(i, j): x_i − y_j ≤ d}. As x_i grows, the smallest y_j that qualifies can only move up. */
function countAtOrBelow(x: Float64Array, y: Float64Array, d: number): number {
  let count = 0;
  let j = 0;
  for (const xi of x) {
    while (j < y.length && xi - (y[j] as number) > d) j++;
    count += y.length - j;
  }
  return count;
}

/** Snaps a bisection bound to an actual difference, so the estimate is one of the n1·n2 values. */
function largestDifferenceAtOrBelow(x: Float64Array, y: Float64Array, d: number): number {
  let best = -Infinity;
  let j = 0;
  for (const xi of x) {
    while (j < y.length && xi - (y[j] as number) > d) j++;
    if (j < y.length) best = Math.max(best, xi - (y[j] as number));
  }
  return best;
}

/** P(Z > z) for a standard normal Z. */
export function normalUpperTail(z: number): number {
  return erfc(z / Math.SQRT2) / 2;
}

/** Complementary error function, Chebyshev fit with fractional error < 1.2e-7 everywhere (Numerical Recipes, erfcc). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + z / 2);
  const polynomial =
    -z * z - 1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 +
    t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const value = t * Math.exp(polynomial);
  return x >= 0 ? value : 2 - value;
}

function checkSample(values: readonly number[], label: string): void {
  if (values.length === 0) throw new RangeError(`${label} has no latency samples; at least one is needed`);
  values.forEach((value, index) => {
    if (!Number.isFinite(value)) throw new RangeError(`${label} latency sample #${index} is ${value}; samples must be finite numbers`);
  });
}

function checkMargin(margin: LatencyMargin): void {
  const [name, value] = 'ms' in margin ? ['ms', margin.ms] : ['ratio', margin.ratio];
  if (!(value >= 0) || !Number.isFinite(value)) throw new RangeError(`the latency margin (${name}) must be a finite number ≥ 0, got ${value}`);
}
