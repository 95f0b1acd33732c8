/**
 * The allowed-increase rule for spend (tokens, cost per example): is the candidate's mean more
 * than `maxIncrease` (a ratio: 0.1 = 10%) above the champion's?
 *
 * The change is r = mean(candidate) / mean(champion) − 1, paired by example id on the same rule
 * as score comparisons (see compare.ts), with a seeded percentile-bootstrap interval: pairs are
 * resampled together, so an example that is expensive for both stays expensive in both sums.
 * A ratio, not a difference, because "10% more cost" is what a budget says and it reads the same
 * at any price. The verdict mirrors decideDrop, turned round:
 *   fail          low > maxIncrease    the data shows a larger increase than allowed
 *   pass          high ≤ maxIncrease   the data rules one out
 *   inconclusive  otherwise            the policy decides
 * A champion that spent nothing (mean 0) has no ratio: the candidate passes when it spent
 * nothing too and fails otherwise, saying so.
 */
import { DEFAULT_MINIMUM_OVERLAP, sidesById, type ScoresById, type ScoreSides } from './compare';
import type { InconclusivePolicy } from './decide';
import { quantileOfSorted, type Interval } from './interval';
import { randomIndex, seededRandom } from './random';
import { readable } from './readable';
import { checkConfidence, checkResamples, DEFAULT_CONFIDENCE, DEFAULT_RESAMPLES, DEFAULT_SEED } from './validate';

export interface IncreaseComparison {
  method: 'paired-bootstrap-ratio' | 'unpaired-bootstrap-ratio';
  paired: boolean;
  candidateMean: number;
  championMean: number;
  /** candidate / champion − 1: 0.12 means 12% more. */
  increase: number;
  ci: Interval;
  n: { candidate: number; champion: number; pairs: number };
  note?: string;
}

export interface IncreaseOptions {
  confidence?: number;
  seed?: number;
  resamples?: number;
}

export function compareIncrease(candidate: ScoresById, champion: ScoresById, options: IncreaseOptions = {}): IncreaseComparison {
  return compareIncreaseOf(sidesById(candidate, champion), options);
}

/** The same from both sides' values as compareScores reads them (the gate's come from typed arrays, see gate/pairing.ts). */
export function compareIncreaseOf(sides: ScoreSides, options: IncreaseOptions = {}): IncreaseComparison {
  const confidence = checkConfidence(options.confidence ?? DEFAULT_CONFIDENCE);
  const resamples = checkResamples(options.resamples ?? DEFAULT_RESAMPLES);
  const random = seededRandom(options.seed ?? DEFAULT_SEED);
  for (const [side, values] of [['candidate', sides.candidate], ['champion', sides.champion]] as const) {
    if (values.length === 0) throw new RangeError(`the ${side} has no values to compare`);
    for (const v of values) if (!(Number.isFinite(v) && v >= 0)) throw new RangeError(`the ${side} has a value ${v}; spend is a finite number ≥ 0`);
  }
  const pairs = sides.shared();
  const n = { candidate: sides.candidate.length, champion: sides.champion.length, pairs };
  const paired = pairs >= DEFAULT_MINIMUM_OVERLAP * Math.min(n.candidate, n.champion);
  // By id, so that the seeded resamples draw the same examples whatever order the rows came in.
  const [c, h] = paired ? sides.paired(true) : sides.sortedById(true);
  const ratio = (cs: number, hs: number, cn: number, hn: number): number => (hs === 0 ? (cs === 0 ? 0 : Infinity) : cs / cn / (hs / hn) - 1);
  const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
  const increase = ratio(sum(c), sum(h), c.length, h.length);
  const estimates = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let cs = 0;
    let hs = 0;
    if (paired) {
      for (let i = 0; i < c.length; i++) {
        const k = randomIndex(random, c.length);
        cs += c[k] as number;
        hs += h[k] as number;
      }
    } else {
      for (let i = 0; i < c.length; i++) cs += c[randomIndex(random, c.length)] as number;
      for (let i = 0; i < h.length; i++) hs += h[randomIndex(random, h.length)] as number;
    }
    estimates[r] = ratio(cs, hs, c.length, h.length);
  }
  estimates.sort();
  const tail = (1 - confidence) / 2;
  const ci: Interval = {
    low: Math.min(quantileOfSorted(estimates, tail), increase),
    high: Math.max(quantileOfSorted(estimates, 1 - tail), increase),
    confidence,
    method: 'bootstrap-percentile',
  };
  const note = paired
    ? pairs < Math.max(n.candidate, n.champion)
      ? `paired on ${pairs} shared example ids; left out ${n.candidate - pairs} candidate and ${n.champion - pairs} champion examples without a counterpart`
      : undefined
    : `compared unpaired: only ${pairs} example ids are shared, fewer than ${Math.round(DEFAULT_MINIMUM_OVERLAP * 100)}% of the smaller side`;
  return {
    method: paired ? 'paired-bootstrap-ratio' : 'unpaired-bootstrap-ratio',
    paired,
    candidateMean: sum(c) / c.length,
    championMean: sum(h) / h.length,
    increase,
    ci,
    n,
    ...(note ? { note } : {}),
  };
}

export interface IncreaseRule {
  metric: string;
  /** 0.1 = the mean may grow by at most 10%. */
  maxIncrease: number;
  inconclusive: InconclusivePolicy;
}

export interface IncreaseDecision {
  verdict: 'pass' | 'fail' | 'inconclusive';
  applied: 'pass' | 'fail' | 'warn';
  reason: string;
}

export function decideIncrease(comparison: IncreaseComparison, rule: IncreaseRule): IncreaseDecision {
  if (!(rule.maxIncrease >= 0) || !Number.isFinite(rule.maxIncrease)) throw new RangeError(`maxIncrease for ${rule.metric} must be a finite number ≥ 0, got ${rule.maxIncrease}`);
  const { ci, increase } = comparison;
  // A champion that spent nothing: any spend is an unbounded increase, whatever a resample drew.
  const verdict = !Number.isFinite(increase) || ci.low > rule.maxIncrease ? 'fail' : ci.high <= rule.maxIncrease ? 'pass' : 'inconclusive';
  const applied = verdict === 'inconclusive' ? rule.inconclusive : verdict;
  const allowed = percent(rule.maxIncrease);
  const sample = comparison.paired ? `n = ${comparison.n.pairs} paired` : `n = ${comparison.n.candidate} vs ${comparison.n.champion} unpaired`;
  const means = `${readable(comparison.candidateMean)} vs ${readable(comparison.championMean)}`;
  if (!Number.isFinite(increase)) {
    return { verdict, applied, reason: `${rule.metric} is ${readable(comparison.candidateMean)} where the champion's is 0: any spend is more than the allowed ${allowed} increase` };
  }
  const change = `${rule.metric} changed by ${signedPercent(increase)} (${means}; ${Number((ci.confidence * 100).toFixed(2))}% CI ${signedPercent(ci.low)} – ${signedPercent(ci.high)}, ${sample})`;
  if (verdict === 'fail') return { verdict, applied, reason: `${change}: more than the allowed ${allowed} increase` };
  if (verdict === 'pass') return { verdict, applied, reason: `${change}; an increase of more than ${allowed} is ruled out` };
  const policy = { fail: 'blocking (inconclusive: fail)', warn: 'warning only (inconclusive: warn)', pass: 'passing (inconclusive: pass)' }[rule.inconclusive];
  return { verdict, applied, reason: `${change}; too few examples to tell whether it grew by more than ${allowed}: inconclusive, ${policy}` };
}

function percent(ratio: number): string {
  return `${Number((ratio * 100).toFixed(2))}%`;
}

function signedPercent(ratio: number): string {
  if (!Number.isFinite(ratio)) return '+∞%';
  const text = `${(ratio * 100).toFixed(1)}%`;
  return ratio > 0 && !text.startsWith('-') ? `+${text}` : text;
}
