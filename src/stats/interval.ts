/** Two-sided standard normal quantile for a confidence level, by Acklam's rational approximation. */
export function zFor(confidence: number): number {
  const p = 1 - (1 - confidence) / 2;
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  if (p > 0.97575) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}

export interface Interval {
  low: number;
  high: number;
  confidence: number;
  method: string;
}

/** Wilson score interval for a pass rate: honest near 0 and 1 and at small n, unlike mean ± z·se. */
export function wilson(passes: number, n: number, confidence = 0.95): Interval | undefined {
  if (n === 0) return undefined;
  const z = zFor(confidence);
  const p = passes / n;
  const denominator = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator;
  // At 0 or n passes the bound is exactly 0 or 1 on paper; pin it so rounding never puts the
  // interval a hair beside its own estimate.
  const low = passes === 0 ? 0 : Math.max(0, centre - half);
  const high = passes === n ? 1 : Math.min(1, centre + half);
  return { low, high, confidence, method: 'wilson' };
}

/** Linear-interpolated percentile (the R-7 / numpy default) of an unsorted sample. */
export function percentile(values: readonly number[], q: number): number | undefined {
  return percentiles(values, [q])?.[0];
}

/** Several percentiles (e.g. latency p50/p95/p99) from one sort; same order as `qs`. */
export function percentiles(values: readonly number[], qs: readonly number[]): number[] | undefined {
  if (values.length === 0) return undefined;
  const sorted = Float64Array.from(values).sort();
  return qs.map((q) => quantileOfSorted(sorted, q));
}

/** R-7 quantile of an ascending sample: position (n − 1)·q, linear between neighbours. */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`a percentile must be between 0 and 1, got ${q}`);
  if (sorted.length === 0) throw new RangeError('cannot take a percentile of an empty sample');
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower] as number;
  return low + ((sorted[upper] as number) - low) * (position - lower);
}
