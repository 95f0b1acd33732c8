/** Percentile bootstrap: an interval for any statistic, no distributional assumption, seeded so a rerun reports the same numbers. */
import { quantileOfSorted, type Interval } from './interval';
import { randomIndex, seededRandom, type RandomSource } from './random';
import { checkConfidence, checkResamples, DEFAULT_CONFIDENCE, DEFAULT_RESAMPLES, DEFAULT_SEED } from './validate';

/** Reads a sample and returns one number. It must not keep the array: the bootstrap reuses it. */
export type Statistic = (sample: readonly number[]) => number;

export interface BootstrapOptions {
  confidence?: number;
  resamples?: number;
  seed?: number;
}

export function mean(sample: readonly number[]): number {
  let total = 0;
  for (const value of sample) total += value;
  return total / sample.length;
}

/** A two-sided percentile-bootstrap interval for `statistic` over `values`. */
export function bootstrapInterval(values: readonly number[], statistic: Statistic, options: BootstrapOptions = {}): Interval {
  if (values.length === 0) throw new RangeError('cannot bootstrap an empty sample');
  const { confidence, resamples, random } = resolve(options);
  const buffer = new Array<number>(values.length);
  const estimates = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    fillResample(values, buffer, random);
    estimates[r] = statistic(buffer);
  }
  return percentileInterval(estimates, statistic(values), confidence);
}

/**
 * Unpaired bootstrap of mean(candidate) − mean(champion): each side resampled on its own, as
 * the two sides scored different examples and nothing ties one row to another.
 */
export function bootstrapDifferenceOfMeans(
  candidate: readonly number[],
  champion: readonly number[],
  options: BootstrapOptions = {},
): Interval {
  if (candidate.length === 0 || champion.length === 0) throw new RangeError('cannot bootstrap an empty sample');
  const { confidence, resamples, random } = resolve(options);
  const candidateBuffer = new Array<number>(candidate.length);
  const championBuffer = new Array<number>(champion.length);
  const estimates = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    fillResample(candidate, candidateBuffer, random);
    fillResample(champion, championBuffer, random);
    estimates[r] = mean(candidateBuffer) - mean(championBuffer);
  }
  return percentileInterval(estimates, mean(candidate) - mean(champion), confidence);
}

function resolve(options: BootstrapOptions): { confidence: number; resamples: number; random: RandomSource } {
  return {
    confidence: checkConfidence(options.confidence ?? DEFAULT_CONFIDENCE),
    resamples: checkResamples(options.resamples ?? DEFAULT_RESAMPLES),
    random: seededRandom(options.seed ?? DEFAULT_SEED),
  };
}

function fillResample(values: readonly number[], buffer: number[], random: RandomSource): void {
  for (let i = 0; i < buffer.length; i++) buffer[i] = values[randomIndex(random, values.length)] as number;
}

/**
 * The (1 − c)/2 and (1 + c)/2 quantiles of the bootstrap estimates, widened if needed to hold the
 * point estimate itself. With a strongly skewed, tiny sample the percentile interval can miss
 * its own estimate; a report whose interval excludes its mean reads as a bug, and widening only
 * makes the gate more cautious.
 */
function percentileInterval(estimates: Float64Array, pointEstimate: number, confidence: number): Interval {
  estimates.sort();
  const tail = (1 - confidence) / 2;
  return {
    low: Math.min(quantileOfSorted(estimates, tail), pointEstimate),
    high: Math.max(quantileOfSorted(estimates, 1 - tail), pointEstimate),
    confidence,
    method: 'bootstrap-percentile',
  };
}
