/**
 * One verdict per metric at one canary look: absolute limits on the canary alone, and
 * canary-versus-stable comparisons. Below the minimum sample a metric is `inconclusive`, never
 * `pass`; only overwhelming evidence (the error rate's lower bound already above the limit)
 * fails early. Reasons carry the numbers, so the job summary can say what to do.
 */
import { InputError } from '../errors';
import { percentile, wilson } from '../stats/interval';
import { fixed, readable } from '../stats/readable';
import { mannWhitneyCanarySlower, type LatencyMargin } from '../stats/mann-whitney';
import { compareErrorRates } from '../stats/two-proportion';
import type { JudgementSettings } from './judgement-settings';

export interface SideObservation {
  requests: number;
  errors: number;
  /** Per-request latencies (ms), when the provider has them (http-probe); the latency comparison needs them. */
  latenciesMs?: readonly number[];
  /** A p95 the provider computed (e.g. PromQL histogram_quantile), used when there are no samples. */
  latencyP95Ms?: number;
  /** Per-request scores by scorer name. */
  scores?: Readonly<Record<string, readonly number[]>>;
  /** Why the failed requests failed, with counts (http-probe): a rollback's reason says what broke. */
  errorCauses?: string;
}

export type MetricVerdict = 'pass' | 'fail' | 'inconclusive';

export interface MetricJudgement {
  /** `error_rate`, `latency_ms/p95`, `<scorer>/mean`, or `<metric> vs stable` for comparisons. */
  metric: string;
  kind: 'limit' | 'comparison';
  verdict: MetricVerdict;
  reason: string;
  /** Comparisons: the one-sided p-value and the level it was held to. */
  pValue?: number;
  alpha?: number;
}

export const ERROR_RATE_VS_STABLE = 'error_rate vs stable';
export const LATENCY_VS_STABLE = 'latency_ms vs stable';

export function limitChecks(canary: SideObservation, settings: JudgementSettings, alpha: number): MetricJudgement[] {
  const { limits, min_requests: minRequests, min_scored: minScored } = settings;
  const checks: MetricJudgement[] = [];
  const limit = (metric: string, verdict: MetricVerdict, reason: string): void => void checks.push({ metric, kind: 'limit', verdict, reason });
  const tooLittle = (what: string): string =>
    `${what} only ${canary.requests} canary requests, fewer than min_requests ${minRequests}: too little traffic to judge`;

  if (limits.error_rate !== undefined) {
    const max = limits.error_rate;
    const causes = canary.errorCauses ? `: ${canary.errorCauses}` : '';
    const observed = `${percent(canary.requests > 0 ? canary.errors / canary.requests : 0)} (${canary.errors} errors in ${canary.requests} canary requests${causes})`;
    const lowerBound = wilson(canary.errors, canary.requests, 1 - 2 * alpha)?.low ?? 0;
    if (lowerBound > max) {
      limit('error_rate', 'fail', `error_rate ${observed} is above the limit ${percent(max)}; even its ${percent(1 - alpha)} lower bound ${percent(lowerBound)} is`);
    } else if (canary.requests < minRequests) {
      limit('error_rate', 'inconclusive', tooLittle('error_rate:'));
    } else {
      const above = canary.errors / canary.requests > max;
      limit('error_rate', above ? 'fail' : 'pass', `error_rate ${observed} is ${above ? 'above' : 'within'} the limit ${percent(max)}`);
    }
  }

  if (limits.latency_p95_ms !== undefined) {
    const max = limits.latency_p95_ms;
    const samples = canary.latenciesMs;
    const p95 = samples && samples.length > 0 ? percentile(samples, 0.95) : canary.latencyP95Ms;
    const counted = samples ? samples.length : canary.requests;
    const nothingAnswered = canary.requests > 0 && canary.errors >= canary.requests;
    if (p95 === undefined && canary.requests < minRequests) {
      // A canary that served (almost) nothing has no latency to report: too early, not misconfigured.
      limit('latency_ms/p95', 'inconclusive', tooLittle('latency_ms/p95: no p95 yet,'));
    } else if (p95 === undefined && nothingAnswered) {
      // No latency because every request failed is the candidate failing, not a provider that cannot measure latency.
      limit('latency_ms/p95', 'fail', `latency_ms/p95: none of the ${canary.requests} canary requests succeeded (${canary.errors} errors), so there is no latency to judge: the candidate is failing`);
    } else if (p95 === undefined) {
      throw new InputError('latency_ms/p95: the analysis provider reported neither latency samples nor a p95 for the canary; remove limits.latency_p95_ms or use a provider that measures latency');
    } else if (counted < minRequests) {
      limit('latency_ms/p95', 'inconclusive', tooLittle(`latency_ms/p95 ${ms(p95)}:`));
    } else {
      const above = p95 > max;
      limit('latency_ms/p95', above ? 'fail' : 'pass', `latency_ms/p95 ${ms(p95)} over ${counted} canary requests is ${above ? 'above' : 'within'} the limit ${ms(max)}`);
    }
  }

  for (const [scorer, { min }] of Object.entries(limits.scores)) {
    const metric = `${scorer}/mean`;
    const scores = canary.scores?.[scorer] ?? [];
    if (scores.length < minScored) {
      limit(metric, 'inconclusive', `${metric}: only ${scores.length} scored canary requests, fewer than min_scored ${minScored}: too little traffic to judge`);
      continue;
    }
    const average = scores.reduce((total, score) => total + score, 0) / scores.length;
    const below = average < min;
    limit(metric, below ? 'fail' : 'pass', `${metric} ${readable(average, [min], fixed(3))} over ${scores.length} scored canary requests is ${below ? 'below' : 'at or above'} the minimum ${min}`);
  }
  return checks;
}

export function comparisonChecks(canary: SideObservation, stable: SideObservation, settings: JudgementSettings, alpha: number): MetricJudgement[] {
  const checks: MetricJudgement[] = [];
  const minRequests = settings.min_requests;
  const enough = canary.requests >= minRequests && stable.requests >= minRequests;
  const tooLittle = (metric: string): MetricJudgement => ({
    metric,
    kind: 'comparison',
    verdict: 'inconclusive',
    reason: `${metric}: ${canary.requests} canary and ${stable.requests} stable requests, fewer than min_requests ${minRequests} on a side: too little traffic to compare`,
  });

  const errorRate = settings.compare.error_rate;
  if (errorRate) {
    if (!enough) checks.push(tooLittle(ERROR_RATE_VS_STABLE));
    else {
      const result = compareErrorRates(canary, stable, { margin: errorRate.max_increase, alpha });
      const rates = `canary ${percent(result.canaryRate)} (${canary.errors}/${canary.requests}) vs stable ${percent(result.stableRate)} (${stable.errors}/${stable.requests})`;
      const allowed = `the allowed increase of ${points(errorRate.max_increase)}`;
      const test = `p = ${pValue(result.pValue)} ${result.worse ? '<' : '≥'} ${pValue(alpha)}`;
      const reason = result.worse
        ? `${ERROR_RATE_VS_STABLE}: ${rates}, ${signedPoints(result.difference)}; even the ${percent(1 - alpha)} lower bound ${signedPoints(result.interval.low)} is above ${allowed} (${test})`
        : `${ERROR_RATE_VS_STABLE}: ${rates}, ${signedPoints(result.difference)}; not shown worse by more than ${allowed} (${test})`;
      checks.push({ metric: ERROR_RATE_VS_STABLE, kind: 'comparison', verdict: result.worse ? 'fail' : 'pass', reason, pValue: result.pValue, alpha });
    }
  }

  const latency = settings.compare.latency;
  if (latency) {
    const canarySamples = canary.latenciesMs ?? [];
    const stableSamples = stable.latenciesMs ?? [];
    // No latencies from a side that served too little is too early to compare (below), not a provider that cannot measure them.
    if ((!canary.latenciesMs || !stable.latenciesMs) && enough) {
      throw new InputError(`${LATENCY_VS_STABLE}: comparing latency needs per-request latencies of both versions, and the analysis provider reported none; remove compare.latency or use the http-probe provider`);
    }
    if (canarySamples.length < minRequests || stableSamples.length < minRequests) {
      checks.push({ ...tooLittle(LATENCY_VS_STABLE), reason: `${LATENCY_VS_STABLE}: ${canarySamples.length} canary and ${stableSamples.length} stable latency samples, fewer than min_requests ${minRequests} on a side: too little traffic to compare` });
    } else {
      const margin: LatencyMargin = latency.max_increase_ms !== undefined ? { ms: latency.max_increase_ms } : { ratio: latency.max_increase_ratio ?? 0.1 };
      const result = mannWhitneyCanarySlower(canarySamples, stableSamples, { margin });
      const slower = result.pValue < alpha;
      const allowed = 'ms' in margin ? ms(margin.ms) : `${percent(margin.ratio)}`;
      const shift = `typical shift ${signedMs(result.hodgesLehmannShift)} (Hodges-Lehmann), P(canary slower) = ${result.probabilityOfSuperiority.toFixed(2)}`;
      const test = `Mann-Whitney ${result.method}, n = ${result.n.canary} vs ${result.n.stable}: p = ${pValue(result.pValue)} ${slower ? '<' : '≥'} ${pValue(alpha)}`;
      const reason = slower
        ? `${LATENCY_VS_STABLE}: canary slower by more than the allowed ${allowed}; ${shift} (${test})`
        : `${LATENCY_VS_STABLE}: not shown slower by more than the allowed ${allowed}; ${shift} (${test})`;
      checks.push({ metric: LATENCY_VS_STABLE, kind: 'comparison', verdict: slower ? 'fail' : 'pass', reason, pValue: result.pValue, alpha });
    }
  }
  return checks;
}

function percent(value: number): string {
  const scaled = value * 100;
  return `${Number(scaled.toFixed(Math.abs(scaled) < 1 && scaled !== 0 ? 2 : 1))}%`;
}

function points(value: number): string {
  return `${Number((value * 100).toFixed(2))} points`;
}

function signedPoints(value: number): string {
  return `${value >= 0 ? '+' : '-'}${points(Math.abs(value))}`;
}

function ms(value: number): string {
  return `${Number(value.toFixed(1))} ms`;
}

function signedMs(value: number): string {
  return `${value >= 0 ? '+' : '-'}${ms(Math.abs(value))}`;
}

function pValue(value: number): string {
  return value >= 0.001 ? String(Number(value.toFixed(4))) : value.toExponential(1);
}
