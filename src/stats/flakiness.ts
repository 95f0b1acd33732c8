/**
 * Flakiness under `repeat: k`: each example was run several times. Reports each example's pass
 * rate, pass^k (the chance that k fresh runs all pass, which is what a user relying on the
 * agent every time experiences) and names the flakiest examples.
 */
import type { BootstrapOptions } from './bootstrap';
import { meanWithInterval, type MeanWithInterval } from './mean';

export interface RunResult {
  id: string;
  passed: boolean;
}

export interface ExampleFlakiness {
  id: string;
  runs: number;
  passes: number;
  passRate: number;
  /** Unbiased estimate of passRate^k: C(passes, k) / C(runs, k), the share of k-run subsets that all passed. */
  passAllK: number;
}

export interface FlakinessReport {
  k: number;
  /** Sorted by id. */
  examples: ExampleFlakiness[];
  /** Examples that both passed and failed, most inconsistent first (pass rate nearest ½). */
  flakiest: ExampleFlakiness[];
  flakyCount: number;
  /**
   * Means over examples, each example weighing the same. Their intervals bootstrap over
   * examples, not runs: runs of one example are correlated, so treating every run as an
   * independent trial (Wilson over all runs) would claim more certainty than the data has.
   */
  passRate: MeanWithInterval;
  passAllK: MeanWithInterval;
}

export interface FlakinessOptions extends BootstrapOptions {
  /** Runs that must all pass; default: the fewest runs any example has (the `repeat` setting). */
  k?: number;
  /** How many flakiest examples to name; default 5. */
  flakiest?: number;
}

export function flakiness(results: readonly RunResult[], options: FlakinessOptions = {}): FlakinessReport {
  return flakinessOfCounts(countById(results), options);
}

/** The same report from runs and passes per example id, in the order the ids were first run. */
export function flakinessOfCounts(counts: ReadonlyMap<string, RunCounts>, options: FlakinessOptions = {}): FlakinessReport {
  if (counts.size === 0) throw new RangeError('flakiness needs at least one run result');
  const fewestRuns = [...counts.values()].reduce((fewest, c) => Math.min(fewest, c.runs), Infinity);
  const k = options.k ?? fewestRuns;
  if (!Number.isSafeInteger(k) || k < 1 || k > fewestRuns) {
    const short = [...counts].find(([, c]) => c.runs === fewestRuns)?.[0];
    const plural = fewestRuns === 1 ? 'run' : 'runs';
    throw new RangeError(`k must be an integer from 1 to ${fewestRuns} (example "${short}" has only ${fewestRuns} ${plural}), got ${k}`);
  }
  const named = options.flakiest ?? 5;
  if (!Number.isSafeInteger(named) || named < 0) throw new RangeError(`flakiest must be a whole number of examples, got ${named}`);
  const examples = [...counts]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, { runs, passes }]) => ({ id, runs, passes, passRate: passes / runs, passAllK: passAllOfK(passes, runs, k) }));
  const flaky = examples.filter((e) => e.passes > 0 && e.passes < e.runs);
  const flakiest = [...flaky]
    .sort((a, b) => Math.abs(a.passRate - 0.5) - Math.abs(b.passRate - 0.5) || b.runs - a.runs || (a.id < b.id ? -1 : 1))
    .slice(0, named);
  const intervalOptions = { ...options, kind: 'continuous' as const };
  return {
    k,
    examples,
    flakiest,
    flakyCount: flaky.length,
    passRate: meanWithInterval(examples.map((e) => e.passRate), intervalOptions),
    passAllK: meanWithInterval(examples.map((e) => e.passAllK), intervalOptions),
  };
}

/** Per-example pass rates, ready for `compareWithChampion(..., { kind: 'continuous' })` when runs repeat. */
export function passRateById(results: readonly RunResult[]): Map<string, number> {
  return new Map([...countById(results)].map(([id, { runs, passes }]) => [id, passes / runs]));
}

export interface RunCounts {
  runs: number;
  passes: number;
}

function countById(results: readonly RunResult[]): Map<string, RunCounts> {
  const counts = new Map<string, RunCounts>();
  for (const { id, passed } of results) {
    const count = counts.get(id) ?? { runs: 0, passes: 0 };
    count.runs++;
    if (passed) count.passes++;
    counts.set(id, count);
  }
  return counts;
}

/** C(passes, k) / C(runs, k) as a product, which stays in range where the binomials would overflow. */
function passAllOfK(passes: number, runs: number, k: number): number {
  let probability = 1;
  for (let j = 0; j < k; j++) probability *= Math.max(0, passes - j) / (runs - j);
  return probability;
}
