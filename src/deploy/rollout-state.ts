/**
 * A rollout's explicit state, written after every transition: to a JSON file under artifacts_dir
 * (atomically: temp file + rename, so a crash leaves the previous state or the new one) and, in
 * brief, as tags on the version, so a re-run on another runner knows the step and the status even
 * without the file. The file holds what tags cannot: the target's snapshot and the judgements.
 */
import { mkdir } from '../fs-async';
import path from 'node:path';
import { z } from 'zod';
import { readJsonIfExists } from '../contract/json-file';
import { InputError, messageOf } from '../errors';
import type { Logger } from '../logger';
import { writeAtomically } from '../registry/local';
import { tagKeys } from '../registry/tags';
import type { Registry } from '../registry/types';
import { lazySchema } from '../config/zod-helpers';

/** What ended a rollout; earlier-run: only version tags say a rollback was under way, not why. */
export const failureKinds = ['deploy', 'analysis', 'cancelled', 'earlier-run'] as const;
export const rolloutStatuses = ['in_progress', 'rolling_back', 'succeeded', 'rolled_back'] as const;
export type RolloutStatus = (typeof rolloutStatuses)[number];

const metricJudgement = lazySchema(() => z.object({
  metric: z.string(),
  kind: z.enum(['limit', 'comparison']),
  verdict: z.enum(['pass', 'fail', 'inconclusive']),
  reason: z.string(),
  pValue: z.number().optional(),
  alpha: z.number().optional(),
}));

/** One side's numbers at a look, for the rollout chart; null where the provider did not measure it. */
export const sideNumbersSchema = lazySchema(() => z.object({
  requests: z.number().min(0).nullable(),
  errorRate: z.number().min(0).max(1).nullable(),
  p95Ms: z.number().min(0).nullable(),
}));
export type SideNumbers = z.infer<typeof sideNumbersSchema>;

/** What one look at a step saw (the step's bake, or one of its extensions). */
export const lookRecordSchema = lazySchema(() => z.object({
  extension: z.number().int().min(0),
  at: z.string(),
  verdict: z.enum(['pass', 'fail', 'inconclusive', 'skipped']),
  candidate: sideNumbersSchema.nullable(),
  stable: sideNumbersSchema.nullable(),
}));
export type LookRecord = z.infer<typeof lookRecordSchema>;

export const stepRecordSchema = lazySchema(() => z.object({
  /** 1-based, as shown to people. */
  index: z.number().int().min(1),
  weight: z.number().min(0).max(100),
  status: z.enum(['pending', 'deploying', 'baking', 'passed', 'failed']),
  /** pass / fail / inconclusive from the judgement; skipped: nothing analysed this step. */
  verdict: z.enum(['pass', 'fail', 'inconclusive', 'skipped']).nullable(),
  reasons: z.array(z.string()),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** Bake extensions used (inconclusive looks). */
  extensions: z.number().int().min(0),
  /** Each look's numbers, for the chart; absent in state files written before looks were kept. */
  looks: z.array(lookRecordSchema).default([]),
}));
export type StepRecord = z.infer<typeof stepRecordSchema>;

export const rolloutStateSchema = lazySchema(() => z.object({
  schema: z.literal('agent-release/rollout@1'),
  model: z.string(),
  version: z.string(),
  previousVersion: z.string().nullable(),
  environment: z.string(),
  alias: z.string(),
  strategy: z.enum(['all-at-once', 'canary', 'blue-green']),
  bakeMs: z.number().min(0),
  status: z.enum(rolloutStatuses),
  /** 0-based index of the step in progress (or last reached). */
  currentStep: z.number().int().min(0),
  steps: z.array(stepRecordSchema).min(1),
  startedAt: z.string(),
  updatedAt: z.string(),
  snapshot: z.object({ kind: z.string(), takenAt: z.string(), state: z.unknown() }).nullable(),
  /** The current step's judgements so far: passed comparisons are carried, not retested (see judgement.ts). */
  decidedEarlierInStep: z.array(metricJudgement),
  failure: z.object({ step: z.enum(failureKinds), stepIndex: z.number().int().min(1), weight: z.number(), reason: z.string() }).nullable(),
  deploymentId: z.string().nullable(),
  endpointUrl: z.string().nullable(),
  skipAnalysis: z.boolean(),
}));
export type RolloutState = z.infer<typeof rolloutStateSchema>;
export type RolloutFailure = NonNullable<RolloutState['failure']>;

/** Version tags besides tagKeys.deployStatus: the step reached, e.g. "2/3 50%". */
export const rolloutTagKeys = {
  step: (environment: string) => `agent_release.deploy.${environment}.step`,
} as const;

/** The status tag's value for each state: 'deployed' and 'rolled_back' as `rollback` and earlier releases write them. */
const statusTag: Record<RolloutStatus, string> = { in_progress: 'in_progress', rolling_back: 'rolling_back', succeeded: 'deployed', rolled_back: 'rolled_back' };

export function statePath(artifactsRoot: string, model: string, environment: string): string {
  const safe = (name: string): string => name.replace(/[^\w.-]+/g, '_');
  return [artifactsRoot, safe(model), 'rollouts', `${safe(environment)}.json`].join(path.sep);
}

export async function loadRolloutState(file: string): Promise<RolloutState | undefined> {
  const json = await readJsonIfExists(file, () => `${file}: the rollout state is not JSON; it was written by an interrupted or foreign process. Inspect it, then delete it to start the rollout afresh`);
  if (json === undefined) return undefined;
  const parsed = rolloutStateSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`${file}: not an agent-release rollout state (${issue ? `${issue.path.join('.') || 'root'}: ${issue.message}` : 'invalid'}); delete it to start the rollout afresh`);
  }
  return parsed.data;
}

/**
 * Persists a transition: the file first (it is what a resume reads), then the tags. The tags are
 * a courtesy to other runners, so failing to write them only warns: a registry hiccup must not
 * stop a failing step from being rolled back.
 */
export class RolloutRecorder {
  constructor(
    readonly file: string,
    private readonly registry: Registry,
    private readonly writeTags: boolean,
    private readonly now: () => string,
    /** Where a failed tag write is reported; without one it throws. */
    private readonly logger?: Pick<Logger, 'warn'>,
  ) {}

  async save(state: RolloutState): Promise<void> {
    state.updatedAt = this.now();
    await mkdir(path.dirname(this.file), { recursive: true });
    await writeAtomically(this.file, `${JSON.stringify(state, null, 2)}\n`);
    if (!this.writeTags) return;
    const step = state.steps[state.currentStep];
    const tags = {
      [tagKeys.deployStatus(state.environment)]: statusTag[state.status],
      [tagKeys.deployedAt(state.environment)]: state.updatedAt,
      [rolloutTagKeys.step(state.environment)]: `${state.currentStep + 1}/${state.steps.length} ${step?.weight ?? 100}%`,
    };
    try {
      await this.registry.setVersionTags(state.model, state.version, tags);
    } catch (error) {
      if (!this.logger) throw error;
      this.logger.warn(
        `could not tag ${state.model} version ${state.version} with its rollout status (${statusTag[state.status]} at step ${state.currentStep + 1} of ${state.steps.length}): ${messageOf(error)}; ${this.file} still records it, but a runner without that file will not see it`,
      );
    }
  }
}

/**
 * Where the version's tags (state_tags) record that its rollout to the environment finished
 * since its latest promotion: a re-run on a fresh runner, without the state file, must not put
 * it through the canary again.
 */
export function succeededFromTags(tags: Readonly<Record<string, string>>, rollout: { environment: string; alias: string }): string | undefined {
  if (tags[tagKeys.deployStatus(rollout.environment)] !== statusTag.succeeded) return undefined;
  const at = tags[tagKeys.deployedAt(rollout.environment)] ?? '';
  const promotedAt = tags[tagKeys.promotionStartedAt(rollout.alias)] ?? tags[tagKeys.promotedAt(rollout.alias)] ?? '';
  return at >= promotedAt ? at : undefined;
}

/** Reads the step tag back ("2/3 50%" -> 1, 0-based); undefined when absent or unreadable. */
export function stepFromTag(value: string | undefined, stepCount: number): number | undefined {
  const match = /^(\d+)\/(\d+) /.exec(value ?? '');
  if (!match || Number(match[2]) !== stepCount) return undefined;
  const index = Number(match[1]) - 1;
  return index >= 0 && index < stepCount ? index : undefined;
}

export interface FreshRollout {
  model: string;
  version: string;
  previousVersion: string | null;
  environment: string;
  alias: string;
  strategy: RolloutState['strategy'];
  bakeMs: number;
  weights: readonly number[];
  skipAnalysis: boolean;
  at: string;
}

export function freshState(o: FreshRollout): RolloutState {
  return {
    schema: 'agent-release/rollout@1',
    model: o.model,
    version: o.version,
    previousVersion: o.previousVersion,
    environment: o.environment,
    alias: o.alias,
    strategy: o.strategy,
    bakeMs: o.bakeMs,
    status: 'in_progress',
    currentStep: 0,
    steps: o.weights.map((weight, i) => ({ index: i + 1, weight, status: 'pending', verdict: null, reasons: [], startedAt: null, finishedAt: null, extensions: 0, looks: [] })),
    startedAt: o.at,
    updatedAt: o.at,
    snapshot: null,
    decidedEarlierInStep: [],
    failure: null,
    deploymentId: null,
    endpointUrl: null,
    skipAnalysis: o.skipAnalysis,
  };
}

export interface Unfinished {
  state: RolloutState;
  /** Where the state came from, for the log. */
  source: string;
}

/**
 * A rollout another runner left unfinished, known only from the version's tags (no state file
 * here): the step it reached and whether it was rolling back. Tags older than the version's
 * latest promotion belong to an earlier release and are ignored. There is no snapshot, so a
 * rollback restores the previous version as the target knows it.
 */
export function unfinishedFromTags(tags: Readonly<Record<string, string>>, rollout: FreshRollout): Unfinished | undefined {
  const status = tags[tagKeys.deployStatus(rollout.environment)];
  if (status !== 'in_progress' && status !== 'rolling_back') return undefined;
  const at = tags[tagKeys.deployedAt(rollout.environment)] ?? '';
  const promotedAt = tags[tagKeys.promotionStartedAt(rollout.alias)] ?? tags[tagKeys.promotedAt(rollout.alias)] ?? '';
  if (at < promotedAt) return undefined;
  const index = stepFromTag(tags[rolloutTagKeys.step(rollout.environment)], rollout.weights.length);
  if (index === undefined) return undefined;
  const state = freshState(rollout);
  state.currentStep = index;
  for (const step of state.steps.slice(0, index)) step.status = 'passed';
  if (status === 'rolling_back') {
    state.status = 'rolling_back';
    const weight = state.steps[index]?.weight ?? 100;
    state.failure = { step: 'earlier-run', stepIndex: index + 1, weight, reason: `an earlier run was rolling back at step ${index + 1} of ${state.steps.length} (${weight}%), as the version's tags record; finishing that rollback` };
  }
  return { state, source: `the tags of version ${rollout.version}` };
}
