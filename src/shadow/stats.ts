import { zFor } from '../stats/interval';

/** Pairwise outcomes over the replayed requests: which answer the judge preferred. */
export interface PairCounts {
  candidate: number;
  champion: number;
  tie: number;
}

export interface PairwiseComparison {
  n: number;
  winRate: number;
  lossRate: number;
  tieRate: number;
  /** lossRate − winRate: how much more often the champion's answer was preferred. */
  netLoss: number;
  /** Two-sided interval on netLoss at `confidence`. */
  interval: { low: number; high: number; confidence: number };
}

/**
 * Win and loss rates of the candidate against the champion, and the interval on their
 * difference. Each pair is one trinomial draw (win, loss, tie), so the difference of the two
 * rates has variance (pW + pL − (pW − pL)²) / n; the normal interval on it is what the gate
 * reads. Null for no pairs.
 */
export function comparePairs(counts: PairCounts, confidence: number): PairwiseComparison | null {
  const n = counts.candidate + counts.champion + counts.tie;
  if (n === 0) return null;
  const winRate = counts.candidate / n;
  const lossRate = counts.champion / n;
  const netLoss = lossRate - winRate;
  const se = Math.sqrt(Math.max(0, winRate + lossRate - netLoss ** 2) / n);
  const z = zFor(confidence);
  return { n, winRate, lossRate, tieRate: counts.tie / n, netLoss, interval: { low: netLoss - z * se, high: netLoss + z * se, confidence } };
}

/** Worse beyond doubt: even the interval's low end loses more often than it wins by more than the allowed margin. */
export function significantlyWorse(comparison: PairwiseComparison, maxNetLoss: number): boolean {
  return comparison.interval.low > maxNetLoss;
}
