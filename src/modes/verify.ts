import { latencyHistogram, type LatencyHistogram } from '../charts/latency';
import { rolloutLimits } from '../charts/rollout';
import type { RuleResult } from '../contract/decision';
import { ConfigError } from '../errors';
import { noVersion, tagKeys } from '../registry/tags';
import type { ModeContext, ModeInputs } from './context';
import { requireVersion, versionOrHolder } from './versions';

export interface VerifyResult {
  mode: 'verify';
  dryRun: boolean;
  model: string;
  version: string;
  environment: string;
  provider: string;
  plan: string;
  decision: 'pass' | 'fail' | 'skipped';
  metrics: Record<string, number>;
  checks: RuleResult[];
  /** The latency distribution, when the provider measured each request (http-probe, both modes). */
  latency: LatencyHistogram | null;
}

/** Runs the configured analysis on its own: a post-deploy smoke check. */
export async function verify(ctx: ModeContext, inputs: ModeInputs): Promise<VerifyResult> {
  const { loaded, registry, logger } = ctx;
  if (!loaded.config.deploy?.analysis) throw new ConfigError(`${loaded.file}: verify mode runs deploy.analysis, which is not configured`);
  const model = loaded.config.model.name;
  const version = await versionOrHolder('verify', inputs, registry, model, loaded.config.promote.alias);
  // A version the registry does not have cannot be serving: probing would judge whatever does.
  const found = await requireVersion(registry, model, version);
  const previous = found.tags[tagKeys.previousHolder(loaded.config.promote.alias)];
  const environment = loaded.environment ?? 'default';
  const variables = { model, version, previousVersion: previous && previous !== noVersion ? previous : null, environment };
  const analysis = await ctx.analysis();
  const plan = analysis.describe(variables);
  const base = { mode: 'verify' as const, dryRun: ctx.dryRun, model, version, environment, provider: analysis.kind, plan };
  if (ctx.dryRun) {
    logger.info(`dry run: would ${plan}`);
    return { ...base, decision: 'skipped', metrics: {}, checks: [], latency: null };
  }
  const result = await logger.group(`verify ${model} v${version}: ${plan}`, () => analysis.run(variables, ctx.signal));
  const latency = latencyHistogram(result.observation, rolloutLimits(loaded.config.deploy.analysis).latencyP95Ms);
  return { ...base, decision: result.passed ? 'pass' : 'fail', metrics: result.metrics, checks: result.checks, latency };
}
