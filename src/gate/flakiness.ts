import { flakinessOfCounts, type MeanWithInterval, type RunCounts } from '../stats';
import type { ResultScores, ScorerScores } from './scores';

/** Informational, never blocking: how consistently the candidate passes each example under `repeat: k`. */
export interface FlakinessEntry {
  metric: string;
  /** Runs that must all pass (the fewest any example has). */
  k: number;
  examples: number;
  /** Examples that both passed and failed. */
  flakyCount: number;
  passRate: MeanWithInterval;
  /** The chance that k fresh runs of an example all pass, averaged over examples. */
  passAllK: MeanWithInterval;
  /** Most inconsistent first (pass rate nearest ½). */
  flakiest: { id: string; passes: number; runs: number }[];
}

/** One entry per pass/fail scorer whose examples were run more than once; none without repeats. */
export function flakinessEntries(scores: ResultScores, named = 10): FlakinessEntry[] {
  const entries: FlakinessEntry[] = [];
  for (const [scorer, s] of scores.byScorer) {
    if (!s.repeated || !s.passFail) continue;
    const report = flakinessOfCounts(runCounts(s, scores.examples.list()), { flakiest: named });
    entries.push({
      metric: `${scorer}/mean`,
      k: report.k,
      examples: report.examples.length,
      flakyCount: report.flakyCount,
      passRate: report.passRate,
      passAllK: report.passAllK,
      flakiest: report.flakiest.map(({ id, passes, runs }) => ({ id, passes, runs })),
    });
  }
  return entries;
}

/** Runs and passes per example, in the order first scored; passes are the total of 0/1 scores. */
function runCounts(scores: ScorerScores, ids: readonly string[]): Map<string, RunCounts> {
  return new Map(Array.from(scores.order, (example) => [ids[example] as string, { runs: scores.counts[example] as number, passes: scores.totals[example] as number }]));
}
