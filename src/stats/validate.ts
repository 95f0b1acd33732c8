/** Input checks shared by the statistics functions: fail loudly with the offending value, never compute on garbage. */

export const DEFAULT_CONFIDENCE = 0.95;
/** 2,000 resamples keep the Monte-Carlo error of a 95% percentile bound well below the interval's own width. */
export const DEFAULT_RESAMPLES = 2000;
/** A fixed default so an unseeded call is still reproducible run to run. */
export const DEFAULT_SEED = 20_240_601;

export function checkConfidence(confidence: number): number {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be strictly between 0 and 1 (e.g. 0.95), got ${confidence}`);
  }
  return confidence;
}

export function checkResamples(resamples: number): number {
  if (!Number.isSafeInteger(resamples) || resamples < 1) {
    throw new RangeError(`resamples must be a positive integer (e.g. ${DEFAULT_RESAMPLES}), got ${resamples}`);
  }
  return resamples;
}

export function checkScores(values: readonly number[], kind: 'binary' | 'continuous', label: string): void {
  if (values.length === 0) throw new RangeError(`${label} has no scores; at least one is needed`);
  values.forEach((value, index) => {
    if (!Number.isFinite(value)) throw new RangeError(`${label} score #${index} is ${value}; scores must be finite numbers`);
    if (kind === 'binary' && value !== 0 && value !== 1) {
      throw new RangeError(`${label} score #${index} is ${value}; pass/fail scores must be 0 or 1 (use kind 'continuous' for fractions)`);
    }
  });
}
