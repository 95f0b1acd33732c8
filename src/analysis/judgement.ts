/**
 * The canary judgement after one look (a step's bake, or one of its extensions): per-metric
 * verdicts, then one action for the rollout: continue, extend the bake, or roll back.
 *
 * Repeated looks. The comparisons run after every step, and each test at level α would add its
 * own chance of rolling back a good canary. We split the rollout's false-rollback budget
 * evenly over the planned comparison looks (steps below 100%) and the compared metrics
 * (Bonferroni): valid whatever the correlation between looks, and with the two or three looks of
 * a canary it costs little: for two looks at 1% one-sided, Bonferroni's boundary is z = 2.58,
 * only a few hundredths above an exact group-sequential (Pocock) boundary, which would need the
 * looks' correlation and a numerical integration; a mixture SPRT (valid for unlimited looks)
 * needs z ≈ 3.5 at a canary step's traffic (mixing scale near a 2-point error-rate step), so it
 * detects later. Bake extensions are not extra looks:
 * a comparison is only tested once a step has the minimum traffic (before that it is
 * inconclusive and spends nothing), and a comparison that passed earlier in the same step is
 * carried forward, not tested again (`Look.decidedEarlierInStep`). So each compared metric
 * is tested at most once per step. A comparison fails at most once per rollout, as a failure
 * ends it; the bench (bench/canary-quality.ts) measures the resulting false-rollback rate.
 */
import { comparisonChecks, limitChecks, type MetricJudgement, type MetricVerdict, type SideObservation } from './judgement-checks';
import type { JudgementSettings } from './judgement-settings';

export type { MetricJudgement, MetricVerdict, SideObservation } from './judgement-checks';
export { ERROR_RATE_VS_STABLE, LATENCY_VS_STABLE } from './judgement-checks';

export interface LookObservation {
  canary: SideObservation;
  /** Absent when no stable version serves traffic (the 100% step): only limits apply. */
  stable?: SideObservation;
}

/** Traffic percentages of the canary steps, e.g. [10, 50, 100]. */
export interface RolloutPlan {
  steps: readonly number[];
}

export interface Look {
  /** Index into the plan's steps. */
  step: number;
  /** 0 for the step's first look, then 1, 2 … per bake extension. */
  extension: number;
  /** This step's earlier judgements (empty at the first look): passed comparisons are carried, not retested. */
  decidedEarlierInStep: readonly MetricJudgement[];
}

export type RolloutAction = 'continue' | 'extend-bake' | 'rollback';

export interface LookJudgement {
  /** fail if any metric failed, else inconclusive if any was, else pass. */
  verdict: MetricVerdict;
  /** The verdict through the inconclusive policy. */
  action: RolloutAction;
  metrics: MetricJudgement[];
  /** The one-sided level each comparison is held to at this look. */
  alphaPerComparison: number;
  reason: string;
}

/** Steps that still have stable traffic to compare against. */
export function plannedComparisonLooks(plan: RolloutPlan): number {
  return Math.max(1, plan.steps.filter((weight) => weight < 100).length);
}

export function alphaPerComparison(settings: JudgementSettings, plan: RolloutPlan): number {
  const compared = Number(settings.compare.error_rate !== undefined) + Number(settings.compare.latency !== undefined);
  return settings.false_rollback_rate / (plannedComparisonLooks(plan) * Math.max(1, compared));
}

export function judgeLook(observation: LookObservation, settings: JudgementSettings, plan: RolloutPlan, look: Look): LookJudgement {
  checkLook(plan, look, settings);
  const alpha = alphaPerComparison(settings, plan);
  const metrics = limitChecks(observation.canary, settings, alpha);
  if (observation.stable) {
    const carried = new Map(look.decidedEarlierInStep.filter((m) => m.kind === 'comparison' && m.verdict === 'pass').map((m) => [m.metric, m]));
    for (const check of comparisonChecks(observation.canary, observation.stable, settings, alpha)) {
      const earlier = carried.get(check.metric);
      metrics.push(earlier ? { ...earlier, reason: carryReason(earlier.reason) } : check);
    }
  }
  const verdict: MetricVerdict = metrics.some((m) => m.verdict === 'fail') ? 'fail' : metrics.some((m) => m.verdict === 'inconclusive') ? 'inconclusive' : 'pass';
  const { action, reason } = decide(verdict, metrics, settings, plan, look, observation.stable !== undefined);
  return { verdict, action, metrics, alphaPerComparison: alpha, reason };
}

function decide(
  verdict: MetricVerdict,
  metrics: MetricJudgement[],
  settings: JudgementSettings,
  plan: RolloutPlan,
  look: Look,
  compared: boolean,
): { action: RolloutAction; reason: string } {
  const where = `step ${look.step + 1} of ${plan.steps.length} (${plan.steps[look.step]}% canary)${look.extension > 0 ? `, bake extension ${look.extension}` : ''}`;
  const reasons = (of: MetricVerdict): string => metrics.filter((m) => m.verdict === of).map((m) => m.reason).join('; ');
  if (verdict === 'fail') return { action: 'rollback', reason: `roll back at ${where}: ${reasons('fail')}` };
  if (verdict === 'pass') {
    const scope = compared ? '' : ' (no stable traffic at this step: absolute limits only)';
    return { action: 'continue', reason: `all ${metrics.length} checks passed at ${where}${scope}` };
  }
  const allowed = settings.inconclusive.extend_bake;
  if (look.extension < allowed) {
    return { action: 'extend-bake', reason: `extend the bake (${look.extension + 1} of ${allowed}) at ${where}: ${reasons('inconclusive')}` };
  }
  const then = settings.inconclusive.then;
  const exhausted = `still inconclusive at ${where} after ${allowed} bake extension${allowed === 1 ? '' : 's'}: ${reasons('inconclusive')}`;
  return then === 'fail'
    ? { action: 'rollback', reason: `roll back, as inconclusive.then is fail: ${exhausted}. Send more traffic to the canary, lengthen the bake, or lower min_requests` }
    : { action: 'continue', reason: `continue without evidence, as inconclusive.then is pass: ${exhausted}` };
}

function carryReason(reason: string): string {
  return reason.endsWith('(passed earlier in this step)') ? reason : `${reason} (passed earlier in this step)`;
}

function checkLook(plan: RolloutPlan, look: Look, settings: JudgementSettings): void {
  if (plan.steps.length === 0) throw new RangeError('the rollout plan has no steps');
  if (!Number.isSafeInteger(look.step) || look.step < 0 || look.step >= plan.steps.length) {
    throw new RangeError(`look step ${look.step} is outside the plan's ${plan.steps.length} steps`);
  }
  if (!Number.isSafeInteger(look.extension) || look.extension < 0 || look.extension > settings.inconclusive.extend_bake) {
    throw new RangeError(`bake extension ${look.extension} is outside 0..${settings.inconclusive.extend_bake} (inconclusive.extend_bake)`);
  }
}
