/** A mean is never reported alone: it carries its n and a confidence interval suited to the kind of score. */
import { bootstrapInterval, mean, type BootstrapOptions } from './bootstrap';
import { wilson, type Interval } from './interval';
import { checkConfidence, checkScores, DEFAULT_CONFIDENCE } from './validate';

/** `binary`: pass/fail scores (0 or 1). `continuous`: anything else (0–1 grades, token counts, ms). */
export type ScoreKind = 'binary' | 'continuous';

export interface MeanWithInterval {
  mean: number;
  n: number;
  ci: Interval;
}

export interface MeanOptions extends BootstrapOptions {
  kind: ScoreKind;
}

/**
 * Wilson for pass/fail (honest near 0 and 1 and at small n, where mean ± z·se is not);
 * percentile bootstrap for continuous scores (no normality assumption for skewed grades).
 */
export function meanWithInterval(values: readonly number[], options: MeanOptions): MeanWithInterval {
  checkScores(values, options.kind, 'the sample');
  const confidence = checkConfidence(options.confidence ?? DEFAULT_CONFIDENCE);
  const average = mean(values);
  if (options.kind === 'binary') {
    const passes = values.reduce((total, value) => total + value, 0);
    return { mean: average, n: values.length, ci: wilson(passes, values.length, confidence) as Interval };
  }
  return { mean: average, n: values.length, ci: bootstrapInterval(values, mean, { ...options, confidence }) };
}
