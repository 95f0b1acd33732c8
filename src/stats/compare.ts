/**
 * Candidate versus champion on one metric: the difference of means (candidate − champion) with
 * a confidence interval, paired by example id whenever the two runs scored the same examples.
 *
 * Why pair: re-runs of similar agents pass and fail mostly the same examples, so per-example
 * differences vary far less than the scores themselves and the interval is several times
 * narrower at the same n. Pairing rule: pair when the shared ids cover at least
 * `minimumOverlap` (default 90%) of the smaller side. Unmatched rows are then left out (and the
 * note says how many); below that, a paired comparison would rest on a subset that may not
 * represent either run, so we compare all rows unpaired and say so.
 */
import { bootstrapDifferenceOfMeans, bootstrapInterval, mean, type BootstrapOptions } from './bootstrap';
import type { Interval } from './interval';
import { mcnemarExactPValue, pairedTable } from './mcnemar';
import type { ScoreKind } from './mean';
import { newcombePairedInterval, newcombeUnpairedInterval } from './newcombe';
import { checkConfidence, checkScores, DEFAULT_CONFIDENCE, DEFAULT_RESAMPLES, DEFAULT_SEED } from './validate';

export const DEFAULT_MINIMUM_OVERLAP = 0.9;

/**
 * `mcnemar`: paired pass/fail, McNemar exact p-value plus Newcombe's paired interval.
 * `paired-bootstrap`: paired continuous, bootstrap over per-example differences.
 * `newcombe`: unpaired pass/fail, Newcombe's hybrid score interval.
 * `unpaired-bootstrap`: unpaired continuous, each side resampled on its own.
 */
export type ComparisonMethod = 'mcnemar' | 'paired-bootstrap' | 'newcombe' | 'unpaired-bootstrap';

export interface Comparison {
  kind: ScoreKind;
  method: ComparisonMethod;
  paired: boolean;
  /** Means over the rows used: the pairs when paired, every row otherwise. */
  candidateMean: number;
  championMean: number;
  /** candidateMean − championMean: negative means the candidate scored lower. */
  difference: number;
  /** Two-sided interval on `difference` at the requested confidence. */
  ci: Interval;
  n: { candidate: number; champion: number; pairs: number };
  /** Paired pass/fail only: the exact test of "no difference at all". */
  mcnemarPValue?: number;
  /** Set when rows were left out or the comparison fell back to unpaired. */
  note?: string;
}

export interface ComparisonOptions {
  kind: ScoreKind;
  confidence?: number;
  /** Bootstrap only (continuous scores). */
  seed?: number;
  resamples?: number;
  minimumOverlap?: number;
}

/** Scores keyed by example id: one score per example (average repeats first, see `passRateById`). */
export type ScoresById = ReadonlyMap<string, number>;

export function compareWithChampion(candidate: ScoresById, champion: ScoresById, options: ComparisonOptions): Comparison {
  return compareScores(sidesById(candidate, champion), options);
}

/** Two maps of scores by id as compareScores reads them; by id whatever `byId` asks. */
export function sidesById(candidate: ScoresById, champion: ScoresById): ScoreSides {
  // Sorted so that neither the pairs nor the bootstrap depend on the order the caller filled the maps in.
  let shared: string[] | undefined;
  const sharedIds = (): string[] => (shared ??= [...candidate.keys()].filter((id) => champion.has(id)).sort());
  return {
    candidate: [...candidate.values()],
    champion: [...champion.values()],
    shared: () => sharedIds().length,
    paired: () => {
      const ids = sharedIds();
      const pick = (scores: ScoresById): number[] => ids.map((id) => scores.get(id) as number);
      return [pick(candidate), pick(champion)];
    },
    sortedById: () => [valuesSortedById(candidate), valuesSortedById(champion)],
  };
}

/**
 * Both sides' scores, one per example, as compareScores reads them; the gate lays them out from
 * typed arrays without a Map of ids. An order "by id" is the ids' code-unit order (as
 * Array.prototype.sort puts strings); pass/fail comparisons only count, so `byId` is false for them
 * and any order will do.
 */
export interface ScoreSides {
  /** Each side's scores in its own order (errors number the scores in it). */
  candidate: readonly number[];
  champion: readonly number[];
  /** How many example ids both sides scored. */
  shared: () => number;
  /** The shared examples' scores, both sides in one order: by id when `byId`. */
  paired: (byId: boolean) => [readonly number[], readonly number[]];
  /** Each side's scores by id (or in any order unless `byId`). */
  sortedById: (byId: boolean) => [readonly number[], readonly number[]];
}

export function compareScores(sides: ScoreSides, options: ComparisonOptions): Comparison {
  const confidence = checkConfidence(options.confidence ?? DEFAULT_CONFIDENCE);
  const minimumOverlap = options.minimumOverlap ?? DEFAULT_MINIMUM_OVERLAP;
  if (!(minimumOverlap > 0 && minimumOverlap <= 1)) {
    throw new RangeError(`minimumOverlap must be in (0, 1], got ${minimumOverlap}`);
  }
  checkScores(sides.candidate, options.kind, 'the candidate');
  checkScores(sides.champion, options.kind, 'the champion');
  const settings: Settings = {
    kind: options.kind,
    confidence,
    bootstrap: { confidence, seed: options.seed ?? DEFAULT_SEED, resamples: options.resamples ?? DEFAULT_RESAMPLES },
  };
  const byId = options.kind === 'continuous';
  const pairs = sides.shared();
  const n = { candidate: sides.candidate.length, champion: sides.champion.length, pairs };
  const smallerSide = Math.min(n.candidate, n.champion);
  if (pairs >= minimumOverlap * smallerSide) return comparePaired(...sides.paired(byId), n, settings);
  const note =
    `compared unpaired: only ${pairs} example ids are shared, fewer than ` +
    `${Math.round(minimumOverlap * 100)}% of the smaller side (${smallerSide}), so the interval is wider than a paired one would be`;
  return compareUnpaired(...sides.sortedById(byId), n, note, settings);
}

interface Settings {
  kind: ScoreKind;
  confidence: number;
  bootstrap: Required<BootstrapOptions>;
}

function comparePaired(candidateScores: readonly number[], championScores: readonly number[], n: Comparison['n'], settings: Settings): Comparison {
  const candidateMean = mean(candidateScores);
  const championMean = mean(championScores);
  const note = leftOutNote(n);
  const base = { kind: settings.kind, paired: true, candidateMean, championMean, n, ...(note ? { note } : {}) };
  if (settings.kind === 'binary') {
    const table = pairedTable(candidateScores, championScores);
    return {
      ...base,
      method: 'mcnemar',
      difference: candidateMean - championMean,
      ci: newcombePairedInterval(table, settings.confidence),
      mcnemarPValue: mcnemarExactPValue(table.candidateOnly, table.championOnly),
    };
  }
  const differences = candidateScores.map((score, i) => score - (championScores[i] as number));
  // mean(c − h) can differ from mean(c) − mean(h) in the last bit; report the one the interval is built around.
  return { ...base, method: 'paired-bootstrap', difference: mean(differences), ci: bootstrapInterval(differences, mean, settings.bootstrap) };
}

function compareUnpaired(candidateScores: readonly number[], championScores: readonly number[], n: Comparison['n'], note: string, settings: Settings): Comparison {
  const candidateMean = mean(candidateScores);
  const championMean = mean(championScores);
  const base = { kind: settings.kind, paired: false, candidateMean, championMean, difference: candidateMean - championMean, n, note };
  if (settings.kind === 'binary') {
    const passes = (scores: readonly number[]): number => scores.reduce((total, score) => total + score, 0);
    const ci = newcombeUnpairedInterval(passes(candidateScores), candidateScores.length, passes(championScores), championScores.length, settings.confidence);
    return { ...base, method: 'newcombe', ci };
  }
  return { ...base, method: 'unpaired-bootstrap', ci: bootstrapDifferenceOfMeans(candidateScores, championScores, settings.bootstrap) };
}

function leftOutNote({ candidate, champion, pairs }: Comparison['n']): string | undefined {
  if (candidate === pairs && champion === pairs) return undefined;
  return `paired on ${pairs} shared example ids; left out ${candidate - pairs} candidate and ${champion - pairs} champion examples without a counterpart`;
}

function valuesSortedById(scores: ScoresById): number[] {
  return [...scores.keys()].sort().map((id) => scores.get(id) as number);
}
