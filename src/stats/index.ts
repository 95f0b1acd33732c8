/** The statistics the gate reports and decides with; see each module for the reasoning behind it. */
export { bootstrapDifferenceOfMeans, bootstrapInterval, mean, type BootstrapOptions, type Statistic } from './bootstrap';
export {
  compareScores,
  compareWithChampion,
  DEFAULT_MINIMUM_OVERLAP,
  type Comparison,
  type ComparisonMethod,
  type ComparisonOptions,
  type ScoresById,
  type ScoreSides,
} from './compare';
export {
  decideDrop,
  type ComparisonForDecision,
  type DropDecision,
  type DropRule,
  type DropVerdict,
  type InconclusivePolicy,
} from './decide';
export { compareIncrease, compareIncreaseOf, decideIncrease, type IncreaseComparison, type IncreaseDecision, type IncreaseOptions, type IncreaseRule } from './increase';
export { flakiness, flakinessOfCounts, passRateById, type ExampleFlakiness, type FlakinessOptions, type FlakinessReport, type RunCounts, type RunResult } from './flakiness';
export { percentile, percentiles, quantileOfSorted, wilson, zFor, type Interval } from './interval';
export { mcnemarExactPValue, pairedTable, type PairedTable } from './mcnemar';
export { meanWithInterval, type MeanOptions, type MeanWithInterval, type ScoreKind } from './mean';
export { newcombePairedInterval, newcombeUnpairedInterval } from './newcombe';
export { randomIndex, seededRandom, xoshiro128StarStar, type RandomSource } from './random';
export { simulateDecisionQuality, type DecisionQuality, type DecisionQualitySettings } from './simulate';
export { DEFAULT_CONFIDENCE, DEFAULT_RESAMPLES, DEFAULT_SEED } from './validate';
