/**
 * The allowed-drop rule: is the candidate worse than the champion by more than `maxDrop`?
 *
 * With d = candidate − champion and its two-sided interval [low, high] at the comparison's
 * confidence c:
 *   fail          high < −maxDrop   the data shows a drop larger than allowed
 *   pass          low ≥ −maxDrop    the data rules out a drop larger than allowed
 *   inconclusive  otherwise         the interval straddles −maxDrop: too few examples to tell
 *
 * Why this rule: `fail` is a one-sided test at level (1 − c)/2, so two agents that are truly
 * equal (or within the allowance) are blocked at most (1 − c)/2 of the time (2.5% at 0.95),
 * comfortably inside a 5% false-block budget even with sampling noise in the bench. Using the
 * one-sided bound at c instead would put the false-block rate at the budget's very edge (5%).
 * Why not block when the estimated drop exceeds maxDrop: a true drop of exactly maxDrop, which
 * is allowed, would then be blocked about half the time. Power comes from pairing, not from a
 * looser bound: a paired interval is narrow enough at n = 500 to see a 5-point drop (see
 * simulate.ts). `pass` is a non-inferiority claim; with
 * maxDrop = 0 it needs the candidate to be shown better, so equal agents land in
 * `inconclusive` and the policy decides. The naive "candidate mean ≥ champion mean" blocks
 * equal agents about half the time.
 */
import type { Comparison } from './compare';
import { fixed, readable } from './readable';

export type InconclusivePolicy = 'fail' | 'pass' | 'warn';
export type DropVerdict = 'pass' | 'fail' | 'inconclusive';

export interface DropRule {
  /** Named in the reason, e.g. `relevance/mean`. */
  metric: string;
  /** Largest acceptable fall of the mean, in the metric's own units (0.03 = three points of pass rate). */
  maxDrop: number;
  inconclusive: InconclusivePolicy;
}

export interface DropDecision {
  verdict: DropVerdict;
  /** What the gate does: the verdict, with `inconclusive` mapped through the policy. */
  applied: 'pass' | 'fail' | 'warn';
  difference: number;
  ci: Comparison['ci'];
  reason: string;
}

export type ComparisonForDecision = Pick<Comparison, 'difference' | 'ci' | 'paired' | 'n'>;

export function decideDrop(comparison: ComparisonForDecision, rule: DropRule): DropDecision {
  if (!(rule.maxDrop >= 0) || !Number.isFinite(rule.maxDrop)) {
    throw new RangeError(`maxDrop for ${rule.metric} must be a finite number ≥ 0, got ${rule.maxDrop}`);
  }
  const { difference, ci } = comparison;
  const threshold = -rule.maxDrop;
  const verdict: DropVerdict = ci.high < threshold ? 'fail' : ci.low >= threshold ? 'pass' : 'inconclusive';
  const applied = verdict === 'inconclusive' ? rule.inconclusive : verdict;
  return { verdict, applied, difference, ci, reason: reasonFor(verdict, comparison, rule) };
}

function reasonFor(verdict: DropVerdict, { difference, ci, paired, n }: ComparisonForDecision, rule: DropRule): string {
  const level = `${formatPercent(ci.confidence)} CI`;
  const sample = paired ? `n = ${n.pairs} paired` : `n = ${n.candidate} vs ${n.champion} unpaired`;
  const allowed = `the allowed ${rule.maxDrop}`;
  if (verdict === 'fail') {
    // Stated as a drop (positive numbers), which is how a reviewer reads "worse by".
    const asDrop = (value: number): string => formatNumber(value, rule.maxDrop);
    const drop = `${asDrop(-difference)} (${level} ${asDrop(-ci.high)} – ${asDrop(-ci.low)}, ${sample})`;
    return `${rule.metric} dropped by ${drop}, more than ${allowed}`;
  }
  const asChange = (value: number): string => formatSigned(value, -rule.maxDrop);
  const change = `${rule.metric} changed by ${asChange(difference)} (${level} ${asChange(ci.low)} – ${asChange(ci.high)}, ${sample})`;
  if (verdict === 'pass') return `${change}; a drop of more than ${allowed} is ruled out`;
  return `${change}; too few examples to tell whether it dropped by more than ${allowed}: inconclusive, ${POLICY_WORDS[rule.inconclusive]}`;
}

const POLICY_WORDS: Record<InconclusivePolicy, string> = {
  fail: 'blocking (inconclusive: fail)',
  warn: 'warning only (inconclusive: warn)',
  pass: 'passing (inconclusive: pass)',
};

/**
 * Three decimals for rates and grades; two significant digits for tiny values so they do not print
 * as 0.000; more digits where fewer would make the value read as equal to the allowed drop.
 */
function formatNumber(value: number, limit: number): string {
  const magnitude = Math.abs(value);
  if (magnitude === 0 || magnitude >= 0.0005) {
    const text = readable(value, [limit], fixed(3));
    return Number(text) === 0 ? '0.000' : text;
  }
  return readable(value, [limit], (v, extra) => v.toPrecision(Math.min(100, 2 + extra)));
}

function formatSigned(value: number, limit: number): string {
  const text = formatNumber(value, limit);
  return text.startsWith('-') || text === '0.000' ? text : `+${text}`;
}

function formatPercent(confidence: number): string {
  return `${Number((confidence * 100).toFixed(2))}%`;
}
