/**
 * The rollout engine: runs a rollout's steps from its recorded state (fresh or resumed), each
 * step a deploy at its weight, a bake on the injectable clock and a look; the state is saved
 * after every transition. It never rolls back itself: it stops at the first failed step (or
 * on cancellation) and says which and why, and the deploy mode restores serving and the alias.
 */
import type { Clock } from '../clock';
import type { DeployConfig } from '../config/schema';
import { messageOf } from '../errors';
import { isTransientFailure } from '../http/errors';
import type { Logger } from '../logger';
import type { Analyse } from './rollout-analysis';
import type { LookRecord, RolloutFailure, RolloutRecorder, RolloutState } from './rollout-state';
import type { DeploymentReporter } from './reporter';
import type { DeployRequest, DeployTarget } from './types';

export const defaultCanarySteps = [10, 50, 100] as const;
const defaultProgressiveBakeMs = 300_000;
/** The least wait before looking again at a step whose metrics source was away: a restart takes tens of seconds. */
export const analysisErrorWaitMs = 30_000;

/** The candidate's traffic after each step. */
export function rolloutWeights(config: Pick<DeployConfig, 'strategy' | 'steps'>, skipAnalysis: boolean): number[] {
  if (skipAnalysis) return [100];
  switch (config.strategy) {
    case 'all-at-once':
      return [100];
    case 'canary':
      return [...(config.steps ?? defaultCanarySteps)];
    case 'blue-green':
      return [0, 100];
  }
}

export function bakeMs(config: Pick<DeployConfig, 'strategy' | 'bake'>, skipAnalysis: boolean): number {
  if (skipAnalysis) return 0;
  return config.bake ?? (config.strategy === 'all-at-once' ? 0 : defaultProgressiveBakeMs);
}

export function stepLabel(state: Pick<RolloutState, 'strategy' | 'steps'>, index: number): string {
  const weight = state.steps[index]?.weight ?? 100;
  const what = state.strategy === 'blue-green' ? (weight === 0 ? 'candidate beside the stable at 0%' : 'switch to the candidate at 100%') : `${weight}%`;
  return `step ${index + 1} of ${state.steps.length} (${what})`;
}

export interface RolloutDeps {
  target: DeployTarget;
  analyse: Analyse;
  /** Looks in a row whose analysis could not reach its metrics source, looked at again before the step fails (deploy.analysis_error_limit). */
  analysisErrorLimit?: number;
  recorder: RolloutRecorder;
  clock: Clock;
  logger: Logger;
  reporter?: DeploymentReporter;
  signal?: AbortSignal;
}

export type RolloutOutcome = { ok: true } | { ok: false; failure: RolloutFailure };

export async function runRollout(state: RolloutState, deps: RolloutDeps): Promise<RolloutOutcome> {
  const { target, clock, logger, recorder, signal } = deps;
  const iso = (): string => new Date(clock.now()).toISOString();
  for (let index = state.currentStep; index < state.steps.length; index++) {
    const step = state.steps[index];
    if (!step || step.status === 'passed') continue;
    const label = stepLabel(state, index);
    const resumingBake = state.currentStep === index && step.status === 'baking';
    if (state.currentStep !== index) state.decidedEarlierInStep = [];
    state.currentStep = index;
    // A single-step rollout's reasons need no "step 1 of 1".
    const where = (reason: string): string => (state.steps.length > 1 ? `${label}: ${reason}` : reason);
    const fail = async (kind: RolloutFailure['step'], reason: string): Promise<RolloutOutcome> => {
      step.status = 'failed';
      step.finishedAt = iso();
      if (!step.reasons.includes(reason)) step.reasons.push(reason);
      state.failure = { step: kind, stepIndex: index + 1, weight: step.weight, reason };
      state.status = 'rolling_back';
      await recorder.save(state);
      return { ok: false, failure: state.failure };
    };
    if (signal?.aborted) return fail('cancelled', cancelled(signal, `before ${label}`));

    step.status = 'deploying';
    step.startedAt = iso();
    if (!resumingBake) {
      step.extensions = 0;
      step.reasons = [];
      step.verdict = null;
    }
    await recorder.save(state);
    await report(deps, `${label}: deploying`);
    const request: DeployRequest = { model: state.model, version: state.version, previousVersion: state.previousVersion, traffic: step.weight, environment: state.environment, ...(state.steps.length > 1 ? { step: { index: index + 1, count: state.steps.length } } : {}), ...(signal ? { signal } : {}) };
    try {
      const receipt = await logger.group(`${label}: ${target.describeDeploy(request)}`, () => target.deploy(request));
      state.deploymentId = receipt.deploymentId;
      state.endpointUrl = receipt.endpointUrl ?? state.endpointUrl;
    } catch (error) {
      return fail('deploy', where(messageOf(error)));
    }
    let servedEntity: string | null = null;
    let stableServedEntity: string | null = null;
    try {
      const served = target.servedEntities ? await target.servedEntities(request) : undefined;
      servedEntity = served?.candidate?.name ?? null;
      stableServedEntity = served?.stable?.name ?? null;
    } catch (error) {
      return fail('deploy', where(`the target could not say where the candidate is served: ${messageOf(error)}`));
    }
    step.status = 'baking';
    await recorder.save(state);
    const stepStarted = clock.now();
    let analysisErrors = 0;

    for (;;) {
      if (state.bakeMs > 0) {
        await report(deps, `${label}: baking ${formatMs(state.bakeMs)}${step.extensions > 0 ? ` (extension ${step.extensions})` : ''}`);
        try {
          await clock.sleep(state.bakeMs, signal);
        } catch (error) {
          if (signal?.aborted) return fail('cancelled', cancelled(signal, `during the bake of ${label}`));
          throw error;
        }
      }
      if (signal?.aborted) return fail('cancelled', cancelled(signal, `during ${label}`));
      let look;
      try {
        look = await logger.group(`${label}: analysis`, () =>
          deps.analyse({ step: index, weight: step.weight, extension: step.extensions, decidedEarlierInStep: state.decidedEarlierInStep, windowMs: clock.now() - stepStarted, servedEntity, stableServedEntity }, signal),
        );
      } catch (error) {
        if (signal?.aborted) return fail('cancelled', cancelled(signal, `during the analysis of ${label}`));
        const limit = deps.analysisErrorLimit ?? 0;
        const inARow = analysisErrors > 0 ? ` (${analysisErrors + 1} looks in a row)` : '';
        if (!isTransientFailure(error) || analysisErrors >= limit) return fail('analysis', where(`the analysis could not run${inARow}: ${messageOf(error)}`));
        analysisErrors++;
        const extraWaitMs = Math.max(0, analysisErrorWaitMs - state.bakeMs);
        const reason = `the analysis could not run (${analysisErrors} of ${limit} allowed in a row): ${messageOf(error)}; looking again in ${formatMs(state.bakeMs + extraWaitMs)}`;
        step.reasons.push(reason);
        logger.warn(`${label}: ${reason}`);
        await recorder.save(state);
        try {
          await clock.sleep(extraWaitMs, signal);
        } catch (sleepError) {
          if (signal?.aborted) return fail('cancelled', cancelled(signal, `while waiting to analyse ${label} again`));
          throw sleepError;
        }
        continue;
      }
      analysisErrors = 0;
      step.verdict = look.verdict;
      step.reasons.push(look.reason);
      if (look.sides) recordLook(step.looks, { extension: step.extensions, at: iso(), verdict: look.verdict, ...look.sides });
      state.decidedEarlierInStep = look.judgements;
      logger.info(`${label}: ${look.reason}`);
      // The judgement's own reason already names the step.
      if (look.action === 'rollback') return fail('analysis', look.judgements.length > 0 ? look.reason : where(look.reason));
      if (look.action === 'continue') break;
      step.extensions++;
      await recorder.save(state);
    }
    step.status = 'passed';
    step.finishedAt = iso();
    await recorder.save(state);
  }
  state.status = 'succeeded';
  await recorder.save(state);
  return { ok: true };
}

/** Looks kept per step: the first and the latest, so a long run of bake extensions cannot grow the state file without bound. */
const looksPerStep = 12;

function recordLook(looks: LookRecord[], look: LookRecord): void {
  if (looks.length >= looksPerStep) looks.splice(1, 1);
  looks.push(look);
}

function cancelled(signal: AbortSignal, when: string): string {
  const reason: unknown = signal.reason;
  const why = reason instanceof Error ? reason.message : typeof reason === 'string' ? reason : 'the run was cancelled';
  return `cancelled ${when} (${why})`;
}

async function report(deps: RolloutDeps, description: string): Promise<void> {
  deps.logger.info(description);
  if (!deps.reporter) return;
  try {
    await deps.reporter.progress(description);
  } catch (error) {
    deps.logger.warn(`could not report "${description}" to the deployment: ${messageOf(error)}`);
  }
}

export function formatMs(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
