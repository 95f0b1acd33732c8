/**
 * One look at a rollout step: what the analysis says and what the rollout should do next.
 * With per-version observations (prometheus `canary` queries) the canary judgement decides,
 * canary against stable below 100% and absolute limits at 100%; otherwise the provider's own
 * pass/fail does (http-probe, prometheus queries with limits). Blue-green's 0% step probes the
 * candidate directly with the provider: there is no user traffic on it to observe.
 */
import { CanaryObservations } from '../analysis/canary-observation';
import { judgeLook, type MetricJudgement, type RolloutAction } from '../analysis/judgement';
import { judgementSettingsSchema, type JudgementSettings } from '../analysis/judgement-settings';
import { PrometheusAnalysis, type PrometheusVariables } from '../analysis/prometheus';
import type { AnalysisPreflight, AnalysisProvider, AnalysisResult } from '../analysis/types';
import type { AnalysisConfig } from '../config/schema';
import { lookSides } from './look-numbers';
import type { SideNumbers } from './rollout-state';

export interface LookRequest {
  /** 0-based. */
  step: number;
  weight: number;
  extension: number;
  decidedEarlierInStep: readonly MetricJudgement[];
  /** How long the step has served at its weight. */
  windowMs: number;
  /** Where the candidate can be reached directly, when the target knows (blue-green probes). */
  servedEntity: string | null;
  /** The stable version's served entity beside it (canary comparisons, {{stable_served_entity}}), when the target knows. */
  stableServedEntity: string | null;
}

export interface LookOutcome {
  action: RolloutAction;
  verdict: 'pass' | 'fail' | 'inconclusive' | 'skipped';
  reason: string;
  judgements: MetricJudgement[];
  analysis: AnalysisResult | null;
  /** The numbers behind the verdict, per side, for the rollout chart; absent when nothing was measured. */
  sides?: { candidate: SideNumbers | null; stable: SideNumbers | null };
}

export interface RolloutIdentity {
  model: string;
  version: string;
  previousVersion: string | null;
  environment: string;
}

export type Analyse = (look: LookRequest, signal?: AbortSignal) => Promise<LookOutcome>;

const skipped = (reason: string): LookOutcome => ({ action: 'continue', verdict: 'skipped', reason, judgements: [], analysis: null });

export function lookAnalyser(options: {
  config: AnalysisConfig | undefined;
  provider: AnalysisProvider | undefined;
  weights: readonly number[];
  release: RolloutIdentity;
  skipAnalysis: boolean;
}): { analyse: Analyse; describe: string | null; preflight?: () => Promise<AnalysisPreflight> } {
  const { config, provider, weights, release } = options;
  if (options.skipAnalysis) return { analyse: async () => skipped('analysis skipped (skip_analysis)'), describe: null };
  if (!config || !provider) return { analyse: async () => skipped('no analysis configured'), describe: null };
  const settings: JudgementSettings = config.judgement ?? judgementSettingsSchema.parse({});
  const observations = config.provider === 'prometheus' && config.canary && provider instanceof PrometheusAnalysis ? new CanaryObservations(config.canary, provider.client) : undefined;
  const variables = { model: release.model, version: release.version, previousVersion: release.previousVersion, environment: release.environment };
  const preflight = observations ? () => observations.preflight({ model: release.model, environment: release.environment, candidate: release.version }) : undefined;

  const plan = { steps: weights };
  // Targets that serve the candidate as its own entity let a blue-green probe reach it directly ({{served_entity}}).
  // At 100% the stable version serves nothing (and may be gone): a probe skips the stable side without a previous
  // version. A Prometheus query keeps {{previous_version}}: its window still holds the earlier steps' traffic.
  const probedAt = (look: LookRequest): PrometheusVariables & { stableServedEntity: string | null } => ({
    ...variables,
    servedEntity: look.servedEntity,
    ...(look.weight < 100 ? { stableServedEntity: look.stableServedEntity } : { previousVersion: config.provider === 'prometheus' ? variables.previousVersion : null, stableServedEntity: null }),
  });
  const byProvider = async (look: LookRequest, signal?: AbortSignal): Promise<LookOutcome> => {
    const result = await provider.run(probedAt(look), signal);
    // http-probe (with stable_url) and databricks-metrics measure both sides: with a judgement configured, it decides.
    const { observation } = result;
    if (config.judgement && observation && look.weight > 0) {
      const judged = judgeLook(look.weight < 100 ? observation : { canary: observation.canary }, settings, plan, {
        step: look.step,
        extension: look.extension,
        decidedEarlierInStep: look.decidedEarlierInStep,
      });
      return { action: judged.action, verdict: judged.verdict, reason: judged.reason, judgements: judged.metrics, analysis: result, sides: lookSides(observation, result.metrics, look.weight) };
    }
    const failing = result.checks.filter((c) => !c.passed).map((c) => c.reason);
    const sides = lookSides(observation, result.metrics, look.weight);
    return result.passed
      ? { action: 'continue', verdict: 'pass', reason: `${provider.kind}: all ${result.checks.length} checks passed`, judgements: [], analysis: result, sides }
      : { action: 'rollback', verdict: 'fail', reason: failing.join('; '), judgements: [], analysis: result, sides };
  };
  // The served entities are known only once the target has deployed: the plan names them.
  const described = { ...variables, servedEntity: '<served entity>', stableServedEntity: '<stable served entity>' };
  if (!observations) return { analyse: byProvider, describe: provider.describe(described) };

  const analyse: Analyse = async (look, signal) => {
    if (look.weight === 0) return byProvider(look, signal);
    const stable = look.weight < 100 ? release.previousVersion : null;
    // The queries and their limits hold at every look too: canary counts judge the comparison, not instead of them.
    const [{ observation, notes }, checked] = await Promise.all([
      observations.observe({ model: release.model, environment: release.environment, candidate: release.version, stable, windowMs: look.windowMs }, signal),
      provider.run(probedAt(look), signal),
    ]);
    const judgement = judgeLook(observation, settings, plan, { step: look.step, extension: look.extension, decidedEarlierInStep: look.decidedEarlierInStep });
    const sides = lookSides(observation, checked.metrics, look.weight);
    const failing = checked.checks.filter((c) => !c.passed).map((c) => c.reason);
    if (failing.length > 0) return { action: 'rollback', verdict: 'fail', reason: failing.join('; '), judgements: judgement.metrics, analysis: checked, sides };
    const reason = notes.length > 0 ? `${judgement.reason}; note: ${notes.join('; ')}` : judgement.reason;
    return { action: judgement.action, verdict: judgement.verdict, reason, judgements: judgement.metrics, analysis: checked, sides };
  };
  return { analyse, describe: `${observations.describe({ candidate: release.version, stable: release.previousVersion })}; and ${provider.describe(described)}`, preflight };
}

