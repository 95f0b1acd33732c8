import type { AnalysisResult } from '../analysis/types';
import { ConfigError, RefusedError, RemoteError, messageOf } from '../errors';
import { executeRestore, planRestore } from '../promote/restore';
import { noVersion, tagKeys } from '../registry/tags';
import { fillTemplate } from '../template';
import type { ModeContext, ModeInputs } from './context';
import { requireVersion, versionOrHolder } from './versions';

export interface DeployResult {
  mode: 'deploy';
  dryRun: boolean;
  model: string;
  version: string;
  previousVersion: string | null;
  environment: string;
  target: string;
  strategy: string;
  /** What was (or, in a dry run, would be) done, in order. */
  plan: string[];
  endpointUrl: string | null;
  deploymentId: string | null;
  analysis: AnalysisResult | null;
  /** Set when the rollout failed; it was then rolled back. */
  failure: { step: 'deploy' | 'analysis'; reason: string } | null;
  rolledBack: boolean;
}

export async function deploy(ctx: ModeContext, inputs: ModeInputs): Promise<DeployResult> {
  const { loaded, registry, logger } = ctx;
  const config = loaded.config.deploy;
  if (!config) throw new ConfigError(`${loaded.file}: deploy mode needs a deploy section (target, strategy, command)`);
  const model = loaded.config.model.name;
  const alias = loaded.config.promote.alias;
  const environment = loaded.environment ?? 'default';
  const version = await versionOrHolder('deploy', inputs, registry, model, alias);
  const candidate = await requireVersion(registry, model, version);
  const holder = await registry.getAlias(model, alias);
  if (holder !== version) {
    throw new RefusedError(`refusing to deploy ${model} version ${version}: it does not hold @${alias} (${holder === null ? 'no version does' : `version ${holder} does`}); promote it first`);
  }
  const recorded = candidate.tags[tagKeys.previousHolder(alias)];
  const previousVersion = recorded && recorded !== noVersion ? recorded : null;
  const target = ctx.target();
  const analysis = config.analysis ? ctx.analysis() : undefined;
  const request = { model, version, previousVersion, traffic: 100, environment };
  const variables = { model, version, previousVersion, environment };
  const plan = [`${target.kind}: ${target.describeDeploy(request)}`, ...(analysis ? [`then ${analysis.kind}: ${analysis.describe(variables)}`] : [])];
  const endpointUrl = config.url ? fillTemplate(config.url, { version, model, environment }, 'deploy.url') : null;
  const result: DeployResult = {
    mode: 'deploy',
    dryRun: ctx.dryRun,
    model,
    version,
    previousVersion,
    environment,
    target: target.kind,
    strategy: config.strategy,
    plan,
    endpointUrl,
    deploymentId: null,
    analysis: null,
    failure: null,
    rolledBack: false,
  };
  if (ctx.dryRun) {
    for (const line of plan) logger.info(`dry run: would ${line}`);
    return result;
  }

  const at = (): string => new Date(ctx.clock.now()).toISOString();
  const startedAt = ctx.clock.now();
  try {
    const receipt = await logger.group(`deploy ${model} v${version} to ${environment}`, () => target.deploy(request));
    result.deploymentId = receipt.deploymentId;
    result.endpointUrl = receipt.endpointUrl ?? endpointUrl;
  } catch (error) {
    result.failure = { step: 'deploy', reason: messageOf(error) };
  }
  if (!result.failure && analysis) {
    result.analysis = await logger.group(`analysis: ${analysis.describe(variables)}`, () => analysis.run(variables, ctx.signal));
    if (!result.analysis.passed) {
      result.failure = { step: 'analysis', reason: result.analysis.checks.filter((c) => !c.passed).map((c) => c.reason).join('; ') };
    }
  }
  if (!result.failure) {
    await registry.setVersionTags(model, version, { [tagKeys.deployStatus(environment)]: 'deployed', [tagKeys.deployedAt(environment)]: at() });
    await recordDeployment(ctx, result, startedAt);
    return result;
  }

  logger.error(`${result.failure.step} failed: ${result.failure.reason}; rolling back`);
  try {
    const restore = await planRestore(registry, model, alias, version, environment);
    await executeRestore(restore, registry, target, ctx.run, at(), logger);
  } catch (error) {
    throw new RemoteError(`${result.failure.step} of ${model} version ${version} failed (${result.failure.reason}) and the automatic rollback did not finish: ${messageOf(error)}`);
  }
  result.rolledBack = true;
  await recordDeployment(ctx, result, startedAt);
  return result;
}

/**
 * A deploy_ run in the deployment experiment. The release itself has happened (or been rolled
 * back) by now, so a tracking failure is a warning, not a reason to report the rollout failed.
 */
async function recordDeployment(ctx: ModeContext, result: DeployResult, startedAt: number): Promise<void> {
  if (!ctx.tracking) return;
  try {
    const recorded = await ctx.tracking.tracker.recordDeployment({
      version: result.version,
      previousVersion: result.previousVersion,
      environment: result.environment,
      target: result.target,
      strategy: result.strategy,
      outcome: result.rolledBack ? 'rolled_back' : 'succeeded',
      startedAt,
      endpointUrl: result.endpointUrl,
      reason: result.failure ? `${result.failure.step}: ${result.failure.reason}` : undefined,
    });
    ctx.logger.info(`deployment recorded as MLflow run ${recorded.runName} (${recorded.runId})`);
  } catch (error) {
    ctx.logger.warn(`the deployment of ${result.model} v${result.version} to ${result.environment} could not be recorded in MLflow: ${messageOf(error)}`);
  }
}
