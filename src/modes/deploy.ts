import path from 'node:path';
import type { AnalysisResult } from '../analysis/types';
import { latencyHistogram, type LatencyHistogram } from '../charts/latency';
import { rolloutLimits, type RolloutLimits } from '../charts/rollout';
import { ConfigError, RefusedError, RollbackFailedError, messageOf } from '../errors';
import type { DeploymentReporter } from '../deploy/reporter';
import { bakeMs, formatMs, rolloutWeights, runRollout, stepLabel } from '../deploy/rollout';
import { lookAnalyser, type Analyse } from '../deploy/rollout-analysis';
import { freshState, loadRolloutState, RolloutRecorder, statePath, succeededFromTags, unfinishedFromTags, type RolloutFailure, type RolloutState, type StepRecord, type Unfinished } from '../deploy/rollout-state';
import type { DeployRequest, PreflightResult } from '../deploy/types';
import { executeRestore, lastGoodHolder, planRestore } from '../promote/restore';
import { noVersion, rolledBackSincePromotion, tagKeys } from '../registry/tags';
import { fillTemplate } from '../template';
import type { ModeContext, ModeInputs } from './context';
import { versionOrHolder } from './versions';

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
  /** The target's diff of its current state against the first step (dry run, targets with planChange). */
  change: string[];
  preflight: PreflightResult;
  endpointUrl: string | null;
  deploymentId: string | null;
  /** The last provider analysis (null when the canary judgement decided, or nothing was analysed). */
  analysis: AnalysisResult | null;
  /** Each step with its weight, verdict, reasons and timings. */
  steps: StepRecord[];
  /** Set when the rollout failed; it was then rolled back. `at` names the step of a multi-step rollout. */
  failure: { step: RolloutFailure['step']; reason: string; at?: { index: number; count: number; weight: number } } | null;
  rolledBack: boolean;
  /** Continued a rollout an earlier run left unfinished (state file or version tags). */
  resumed: boolean;
  /** The version already serves (its recorded rollout succeeded, or a rollback restored it): nothing was done. */
  alreadyDeployed: boolean;
  /** Set when the version serves because the rollout of this version was rolled back to it. */
  restoredFrom: string | null;
  skipAnalysis: boolean;
  statePath: string;
  /** The limits the looks were held to, for the rollout chart. */
  limits: RolloutLimits;
  /** The last look's latency distribution, when the provider measured each request (http-probe). */
  latency: LatencyHistogram | null;
}

export async function deploy(ctx: ModeContext, inputs: ModeInputs): Promise<DeployResult> {
  const { loaded, registry, logger } = ctx;
  const config = loaded.config.deploy;
  if (!config) throw new ConfigError(`${loaded.file}: deploy mode needs a deploy section (target, strategy, command)`);
  const model = loaded.config.model.name;
  const alias = loaded.config.promote.alias;
  const environment = loaded.environment ?? 'default';
  const version = await versionOrHolder('deploy', inputs, registry, model, alias);
  const file = statePath(path.resolve(loaded.workdir, loaded.config.artifacts_dir), model, environment);
  const recorded = await trustedRecord(ctx, await loadRolloutState(file), file, alias, version);
  if (recorded && recorded.version !== version && (recorded.status === 'in_progress' || recorded.status === 'rolling_back')) {
    throw new RefusedError(
      `refusing to deploy ${model} version ${version} to ${environment}: the rollout of version ${recorded.version} is unfinished (${recorded.status.replace('_', ' ')} at ${stepLabel(recorded, recorded.currentStep)}, recorded in ${file}); re-run deploy for version ${recorded.version} to finish it, or roll it back first`,
    );
  }
  const candidate = await registry.getVersion(model, version);
  // A dry run of a whole release comes before its dry-run promote recorded the holder it replaces: that is the current one.
  const holder = await registry.getAlias(model, alias);
  const previousTag = ctx.dryRun && holder !== version ? (holder ?? noVersion) : candidate?.tags[tagKeys.previousHolder(alias)];
  // The stable side is the last version known good: a holder recorded by a promotion that raced its rollback is not.
  const previousVersion = await lastGoodHolder(registry, model, alias, previousTag && previousTag !== noVersion ? previousTag : null, version);
  if (previousTag && previousTag !== noVersion && previousVersion !== previousTag) logger.warn(`version ${previousTag}, recorded as the one ${version} replaced, was rolled back since; the rollout's stable side is ${previousVersion === null ? 'no version' : `version ${previousVersion}`}`);
  const skipAnalysis = config.skip_analysis || inputs.skipAnalysis === true;
  const weights = rolloutWeights(config, skipAnalysis);
  const target = await ctx.target();
  const provider = config.analysis && !skipAnalysis ? await ctx.analysis() : undefined;
  const release = { model, version, previousVersion, environment };
  const looks = lookAnalyser({ config: config.analysis, provider, weights, release, skipAnalysis });
  const bake = bakeMs(config, skipAnalysis);
  const request = (index: number): DeployRequest => ({ ...release, traffic: weights[index] ?? 100, ...(weights.length > 1 ? { step: { index: index + 1, count: weights.length } } : {}) });
  const plan = weights.flatMap((weight, i) => [
    `${target.kind}: ${target.describeDeploy(request(i))}`,
    ...(bake > 0 ? [`bake ${formatMs(bake)} at ${weight}%`] : []),
    ...(looks.describe ? [`then ${provider?.kind ?? 'analysis'}: ${looks.describe}`] : []),
  ]);
  const result: DeployResult = {
    mode: 'deploy',
    dryRun: ctx.dryRun,
    ...release,
    target: target.kind,
    strategy: config.strategy,
    plan,
    change: [],
    preflight: { checks: [], problems: [] },
    endpointUrl: config.url ? fillTemplate(config.url, { version, model, environment }, 'deploy.url') : null,
    deploymentId: null,
    analysis: null,
    steps: [],
    failure: null,
    rolledBack: false,
    resumed: false,
    alreadyDeployed: false,
    restoredFrom: null,
    skipAnalysis,
    statePath: file,
    limits: rolloutLimits(config.analysis),
    latency: null,
  };

  // A record older than the version's latest promotion belongs to an earlier release of it.
  const promotedAt = candidate?.tags[tagKeys.promotionStartedAt(alias)] ?? candidate?.tags[tagKeys.promotedAt(alias)] ?? '';
  const mine = recorded?.version === version && recorded.startedAt >= promotedAt ? recorded : undefined;
  if (mine?.status === 'succeeded') {
    logger.info(`the rollout of ${model} v${version} to ${environment} already succeeded (${file}); nothing to do`);
    return { ...result, steps: mine.steps, deploymentId: mine.deploymentId, endpointUrl: mine.endpointUrl ?? result.endpointUrl, alreadyDeployed: true };
  }
  const restoredFrom = mine ? undefined : await restoredByRollback(ctx, { model, version, alias, environment, promotedAt }, recorded, file);
  if (restoredFrom) {
    logger.info(`${model} v${version} already serves in ${environment}: the rollout of v${restoredFrom.version} was rolled back to it (${restoredFrom.source}); nothing to do. To release it again through the rollout, promote it again first`);
    return { ...result, plan: [], alreadyDeployed: true, restoredFrom: restoredFrom.version };
  }
  const finishedAt = !mine && config.state_tags && candidate && holder === version ? succeededFromTags(candidate.tags, { environment, alias }) : undefined;
  if (finishedAt) {
    logger.info(`the rollout of ${model} v${version} to ${environment} already succeeded (at ${finishedAt}, as the version's ${tagKeys.deployStatus(environment)} tag records); nothing to do: a finished rollout is not repeated, so a re-run of the release job changes nothing`);
    return { ...result, plan: [], alreadyDeployed: true };
  }
  const rolledBackAt = candidate?.tags[tagKeys.deployStatus(environment)] === 'rolled_back' ? (candidate.tags[tagKeys.deployedAt(environment)] ?? '') : '';
  if (!inputs.modelVersion?.trim() && rolledBackAt && rolledBackAt >= promotedAt) {
    // A first release rolled back keeps the alias (there is no earlier version to point it at): deploying the holder by default would put it back.
    throw new RefusedError(
      `refusing to deploy ${model} version ${version} to ${environment}: it holds @${alias}, but it was rolled back there at ${rolledBackAt} and nothing earlier serves. To release it again anyway, name it: deploy --model-version ${version}; or promote a fixed version`,
    );
  }
  const fresh = { ...release, alias, strategy: config.strategy, bakeMs: bake, weights, skipAnalysis, at: new Date(ctx.clock.now()).toISOString() };
  const unfinished: Unfinished | undefined =
    mine && (mine.status === 'in_progress' || mine.status === 'rolling_back')
      ? { state: mine, source: file }
      : candidate && config.state_tags
        ? unfinishedFromTags(candidate.tags, fresh)
        : undefined;

  if (unfinished?.state.status !== 'rolling_back') {
    const checks = unfinished ? [] : [() => target.preflight?.(request(0)), () => provider?.preflight?.(release), () => looks.preflight?.()];
    result.preflight = await preflight(ctx, { model, version, alias, status: candidate?.status, exists: candidate !== undefined }, checks);
    if (result.preflight.problems.length > 0) {
      throw new RefusedError(`refusing to deploy ${model} version ${version}${result.preflight.problems.length > 1 ? ` to ${environment}; nothing was changed` : ''}: ${result.preflight.problems.join('; ')}`);
    }
  }
  if (ctx.dryRun) {
    result.change = (await target.planChange?.(request(0))) ?? [];
    for (const line of [...result.preflight.checks.map((c) => `preflight: ${c}`), ...result.change.map((c) => `change: ${c}`)]) logger.info(`dry run: ${line}`);
    for (const line of plan) logger.info(`dry run: would ${line}`);
    if (unfinished) logger.info(`dry run: an unfinished rollout of v${version} is recorded (${unfinished.state.status} at ${stepLabel(unfinished.state, unfinished.state.currentStep)}); a real run would continue it`);
    return result;
  }

  const at = (): string => new Date(ctx.clock.now()).toISOString();
  const recorder = new RolloutRecorder(file, registry, config.state_tags, at, logger);
  let state: RolloutState;
  if (unfinished) {
    state = unfinished.state;
    result.resumed = true;
    logger.warn(`continuing the unfinished rollout of ${model} v${version} to ${environment}: ${state.status.replace('_', ' ')} at ${stepLabel(state, state.currentStep)} (from ${unfinished.source})`);
  } else {
    state = freshState(fresh);
    state.snapshot = target.snapshot ? await target.snapshot(request(0)) : null;
    await recorder.save(state);
  }
  if (skipAnalysis) logger.warn(`skip_analysis: ${model} v${version} goes to 100% in ${environment} without bake or analysis`);
  const reporter = ctx.deployments;
  await bestEffort(ctx, 'start', () => reporter?.start({ ...release, environmentUrl: result.endpointUrl }));
  const startedAt = ctx.clock.now();

  let outcome;
  if (state.status === 'rolling_back' && state.failure) {
    outcome = { ok: false as const, failure: state.failure };
  } else {
    const analyse: Analyse = async (look, signal) => {
      const outcome = await looks.analyse(look, signal);
      if (outcome.analysis) {
        result.analysis = outcome.analysis;
        result.latency = latencyHistogram(outcome.analysis.observation, result.limits.latencyP95Ms);
      }
      return outcome;
    };
    try {
      outcome = await runRollout(state, { target, analyse, analysisErrorLimit: config.analysis_error_limit, recorder, clock: ctx.clock, logger, reporter, signal: ctx.signal });
    } catch (error) {
      // Whatever stopped the engine (a state write, a clock) may have left the candidate serving: it counts as a failed step.
      outcome = { ok: false as const, failure: await stopped(state, recorder, messageOf(error), logger) };
    }
  }
  result.steps = state.steps;
  result.deploymentId = state.deploymentId;
  result.endpointUrl = state.endpointUrl ?? result.endpointUrl;
  if (outcome.ok) {
    // The release is done; tidying up (the stable entity kept warm at 0%) is not a reason to roll back.
    await target.finish?.(request(weights.length - 1)).catch((error: unknown) => logger.warn(`${target.kind}: the rollout succeeded but retiring the previous version failed: ${messageOf(error)}; remove it by hand`));
    await finish(ctx, reporter, 'success', `${model} v${version} serving 100% in ${environment}`, result.endpointUrl);
    await recordDeployment(ctx, result, startedAt);
    return result;
  }

  const { failure } = outcome;
  result.failure = { step: failure.step, reason: failure.reason, ...(state.steps.length > 1 ? { at: { index: failure.stepIndex, count: state.steps.length, weight: failure.weight } } : {}) };
  logger.error(`${failure.step === 'cancelled' ? 'the rollout was cancelled' : `${failure.step} failed`}: ${failure.reason}; rolling back`);
  try {
    const restore = await planRestore(registry, model, alias, version, environment);
    await executeRestore(restore, registry, target, ctx.run, at(), logger, state.snapshot ?? undefined);
  } catch (error) {
    await finish(ctx, reporter, 'failure', `rollout failed and the rollback did not finish: ${messageOf(error)}`);
    const command = `agent-release rollback --model-version ${version}${environment !== 'default' ? ` --environment ${environment}` : ''}`;
    // executeRestore's own errors already say how to re-run; anything else (planning the restore) must say it here.
    const how = messageOf(error).includes('agent-release rollback') ? '' : `; once the cause is fixed, run \`${command}\``;
    throw new RollbackFailedError(`${failure.step} of ${model} version ${version} failed (${failure.reason}) and the automatic rollback did not finish: ${messageOf(error)}${how}`, version);
  }
  state.status = 'rolled_back';
  try {
    await recorder.save(state);
  } catch (error) {
    logger.warn(`${model} v${version} was rolled back, but ${file} could not record it: ${messageOf(error)}`);
  }
  result.rolledBack = true;
  if (failure.step === 'cancelled') logger.warn(`the rollout of ${model} v${version} was cancelled and rolled back to ${previousVersion === null ? 'no earlier version' : `v${previousVersion}`}`);
  await finish(ctx, reporter, 'failure', `rolled back: ${failure.reason}`);
  await recordDeployment(ctx, result, startedAt);
  return result;
}

/**
 * The state file unless the registry contradicts it: another runner may have rolled the version
 * back (its status tag, which rollback always writes) or finished it, or moved the alias off a
 * version the file says serves. Then the file is stale and neither decides nor blocks anything.
 */
async function trustedRecord(ctx: ModeContext, record: RolloutState | undefined, file: string, alias: string, version: string): Promise<RolloutState | undefined> {
  if (!record || record.status === 'rolled_back') return record;
  // A finished rollout of an earlier version is history, not a claim about this one.
  if (record.status === 'succeeded' && record.version !== version) return record;
  const tags = (await ctx.registry.getVersion(record.model, record.version))?.tags ?? {};
  const status = tags[tagKeys.deployStatus(record.environment)];
  const since = (tags[tagKeys.deployedAt(record.environment)] ?? '') >= record.startedAt;
  let contradiction: string | undefined;
  if (status === 'rolled_back' && since) contradiction = `version ${record.version} was rolled back since (its ${tagKeys.deployStatus(record.environment)} tag says rolled_back)`;
  else if (record.status !== 'succeeded' && status === 'deployed' && since) contradiction = `another run finished the rollout of version ${record.version} (its tags say deployed)`;
  else if (record.status === 'succeeded') {
    const holder = await ctx.registry.getAlias(record.model, alias);
    if (holder !== record.version) contradiction = `@${alias} is now held by ${holder === null ? 'no version' : `version ${holder}`}`;
  }
  if (!contradiction) return record;
  ctx.logger.warn(`ignoring ${file}: it records the rollout of ${record.model} v${record.version} as ${record.status.replace('_', ' ')}, but ${contradiction}`);
  return undefined;
}

/**
 * The version serves already when the latest rollout in this environment, of another version,
 * was rolled back to it (automatically or by rollback) and it still holds the alias: deploying it
 * again would put the version users are on through a canary as if it were new, and a failure
 * there would withdraw it too. Known from the state file, else from the tags a rollback writes.
 */
async function restoredByRollback(
  ctx: ModeContext,
  release: { model: string; version: string; alias: string; environment: string; promotedAt: string },
  recorded: RolloutState | undefined,
  file: string,
): Promise<{ version: string; source: string } | undefined> {
  const { model, version, alias, environment, promotedAt } = release;
  if ((await ctx.registry.getAlias(model, alias)) !== version) return undefined;
  // Withdrawn itself since (a rollback of it named it, with nothing left to restore): it serves nothing.
  const own = (await ctx.registry.getVersion(model, version))?.tags ?? {};
  if (rolledBackSincePromotion(own, alias)) return undefined;
  if (recorded?.status === 'rolled_back' && recorded.version !== version && recorded.previousVersion === version && recorded.alias === alias && recorded.startedAt >= promotedAt) {
    return { version: recorded.version, source: file };
  }
  const from = (await ctx.registry.getVersion(model, version))?.tags[tagKeys.restoredFrom(alias)];
  if (!from || from === version) return undefined;
  const tags = (await ctx.registry.getVersion(model, from))?.tags ?? {};
  const rolledBack = tags[tagKeys.deployStatus(environment)] === 'rolled_back' && (tags[tagKeys.deployedAt(environment)] ?? '') >= promotedAt;
  return rolledBack ? { version: from, source: `the ${tagKeys.restoredFrom(alias)} tag of v${version} and the ${tagKeys.deployStatus(environment)} tag of v${from}` } : undefined;
}

/** Records an engine that threw as a failure of the step it was in; the rollback must go ahead even if the record cannot be written. */
async function stopped(state: RolloutState, recorder: RolloutRecorder, message: string, logger: ModeContext['logger']): Promise<RolloutFailure> {
  const step = state.steps[state.currentStep];
  const where = state.steps.length > 1 ? `${stepLabel(state, state.currentStep)}: ` : '';
  const failure: RolloutFailure = { step: 'deploy', stepIndex: state.currentStep + 1, weight: step?.weight ?? 100, reason: `${where}the rollout stopped: ${message}` };
  if (step) step.status = 'failed';
  state.failure = failure;
  state.status = 'rolling_back';
  try {
    await recorder.save(state);
  } catch (error) {
    logger.warn(`could not record that the rollout is rolling back in ${recorder.file}: ${messageOf(error)}`);
  }
  return failure;
}

/** Everything that would make the change fail, collected before anything changes, so the refusal lists all of it. */
async function preflight(
  ctx: ModeContext,
  v: { model: string; version: string; alias: string; status: string | undefined; exists: boolean },
  /** The target's and the analysis provider's own checks. */
  more: (() => Promise<PreflightResult> | undefined)[],
): Promise<PreflightResult> {
  const problems: string[] = [];
  const checks: string[] = [];
  if (!v.exists) problems.push(`the ${ctx.registry.kind} registry has no version ${v.version} of ${v.model}`);
  else if (v.status !== 'READY') problems.push(`version ${v.version} is ${v.status}, not READY; wait for registration to finish`);
  else checks.push(`version ${v.version} is registered and READY`);
  const holder = await ctx.registry.getAlias(v.model, v.alias);
  const notHolder = `it does not hold @${v.alias} (${holder === null ? 'no version does' : `version ${holder} does`})`;
  // A dry run of a whole release plans the deploy before its dry-run promote moved anything: the plan still stands.
  if (holder !== v.version && ctx.dryRun) checks.push(`${notHolder} yet; a real run needs it promoted first`);
  else if (holder !== v.version) problems.push(`${notHolder}; promote it first`);
  else checks.push(`version ${v.version} holds @${v.alias}`);
  for (const check of more) {
    const found = await check();
    if (!found) continue;
    problems.push(...found.problems);
    checks.push(...found.checks);
  }
  return { problems, checks };
}

async function finish(ctx: ModeContext, reporter: DeploymentReporter | undefined, outcome: 'success' | 'failure', description: string, url?: string | null): Promise<void> {
  await bestEffort(ctx, outcome, () => reporter?.finish(outcome, description, url));
}

/** The reporter mirrors the release; it never decides it. */
async function bestEffort(ctx: ModeContext, what: string, call: () => Promise<void> | undefined): Promise<void> {
  try {
    await call();
  } catch (error) {
    ctx.logger.warn(`could not report ${what} to the deployment: ${messageOf(error)}`);
  }
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
      rolloutFile: result.statePath,
    });
    ctx.logger.info(`deployment recorded as MLflow run ${recorded.runName} (${recorded.runId})`);
  } catch (error) {
    ctx.logger.warn(`the deployment of ${result.model} v${result.version} to ${result.environment} could not be recorded in MLflow: ${messageOf(error)}`);
  }
}
