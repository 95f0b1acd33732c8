/**
 * Newcombe's square-and-add ("hybrid score") intervals for a difference of two pass rates,
 * built from the two Wilson intervals. Chosen over Wald (p̂₁ − p̂₂ ± z·se) because Wald
 * collapses to zero width when no pair disagrees (claiming certainty from, say, 20 examples)
 * and overshoots [−1, 1] near the edges; Newcombe's method 10 keeps close to nominal coverage
 * in his comparison of methods and never leaves [−1, 1].
 *   Unpaired: Newcombe (1998), Statistics in Medicine 17:873–890, method 10.
 *   Paired:   Newcombe (1998), Statistics in Medicine 17:2635–2650, method 10, whose
 *             correlation term lets agreeing pairs narrow the interval.
 */
import { wilson, type Interval } from './interval';
import type { PairedTable } from './mcnemar';

/** Interval for candidate rate − champion rate when the same examples were scored by both. */
export function newcombePairedInterval(table: PairedTable, confidence: number): Interval {
  const { bothPass, candidateOnly, championOnly, bothFail } = table;
  const n = bothPass + candidateOnly + championOnly + bothFail;
  if (n === 0) throw new RangeError('a paired interval needs at least one pair');
  const candidatePasses = bothPass + candidateOnly;
  const championPasses = bothPass + championOnly;
  return squareAndAdd(candidatePasses, n, championPasses, n, pairCorrelation(table, n), confidence, 'newcombe-paired-score');
}

/** Interval for candidate rate − champion rate when the two sides scored different examples. */
export function newcombeUnpairedInterval(
  candidatePasses: number,
  candidateN: number,
  championPasses: number,
  championN: number,
  confidence: number,
): Interval {
  return squareAndAdd(candidatePasses, candidateN, championPasses, championN, 0, confidence, 'newcombe-hybrid-score');
}

/**
 * Newcombe's phi: the correlation between the two sides' results, with his continuity
 * adjustment (a positive cross-product below n/2 counts as no correlation) so that a few lucky
 * agreements cannot shrink the interval. Zero when a margin is empty (phi is undefined there).
 */
function pairCorrelation({ bothPass, candidateOnly, championOnly, bothFail }: PairedTable, n: number): number {
  const margins = (bothPass + candidateOnly) * (championOnly + bothFail) * (bothPass + championOnly) * (candidateOnly + bothFail);
  if (margins === 0) return 0;
  const crossProduct = bothPass * bothFail - candidateOnly * championOnly;
  const adjusted = crossProduct > n / 2 ? crossProduct - n / 2 : crossProduct < 0 ? crossProduct : 0;
  return adjusted / Math.sqrt(margins);
}

function squareAndAdd(
  passes1: number,
  n1: number,
  passes2: number,
  n2: number,
  phi: number,
  confidence: number,
  method: string,
): Interval {
  const interval1 = wilson(passes1, n1, confidence);
  const interval2 = wilson(passes2, n2, confidence);
  if (!interval1 || !interval2) throw new RangeError('a difference of pass rates needs at least one result on each side');
  const p1 = passes1 / n1;
  const p2 = passes2 / n2;
  const difference = p1 - p2;
  const below1 = p1 - interval1.low;
  const above1 = interval1.high - p1;
  const below2 = p2 - interval2.low;
  const above2 = interval2.high - p2;
  // max(0, …) only guards rounding: each expression is a non-negative quadratic form for |phi| ≤ 1.
  const lowerMargin = Math.sqrt(Math.max(0, below1 ** 2 - 2 * phi * below1 * above2 + above2 ** 2));
  const upperMargin = Math.sqrt(Math.max(0, above1 ** 2 - 2 * phi * above1 * below2 + below2 ** 2));
  return {
    low: Math.max(-1, difference - lowerMargin),
    high: Math.min(1, difference + upperMargin),
    confidence,
    method,
  };
}
