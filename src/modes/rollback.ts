import { mkdtemp, rm } from '../fs-async';
import os from 'node:os';
import path from 'node:path';
import { loadRolloutState, RolloutRecorder, statePath, type RolloutState } from '../deploy/rollout-state';
import { InputError, messageOf } from '../errors';
import { executeRestore, planRestore, rollbackRequest } from '../promote/restore';
import { tagKeys } from '../registry/tags';
import type { ModeContext, ModeInputs, RollbackCause } from './context';
import { checkVersionNumber, versionOrHolder } from './versions';

export interface RollbackResult {
  mode: 'rollback';
  dryRun: boolean;
  model: string;
  alias: string;
  environment: string;
  /** The version serving again, or null when the withdrawn version was the first. */
  version: string | null;
  restoredFrom: string;
  plan: string[];
  /** True when an earlier run had already moved the alias back; serving was restored again. */
  resumed: boolean;
  /** Why the workflow rolled back on its own; null for a rollback a person asked for. */
  cause: RollbackCause | null;
}

/**
 * The version to withdraw: the one given, else the alias holder, unless the holder is there
 * because a rollback restored it and it has not been promoted since. Then that rollback is the
 * alias's latest change, and this run finishes it (serving again, idempotently) instead of
 * withdrawing the version it restored: a rollback run twice converges, and going further back
 * takes the version by name.
 */
async function rollbackSubject(ctx: ModeContext, inputs: ModeInputs, model: string, alias: string): Promise<{ from: string; restored?: string }> {
  const holder = await versionOrHolder('rollback', inputs, ctx.registry, model, alias);
  if (inputs.modelVersion?.trim()) return { from: holder };
  const tags = (await ctx.registry.getVersion(model, holder))?.tags ?? {};
  const withdrawn = tags[tagKeys.restoredFrom(alias)];
  if (withdrawn === undefined) return { from: holder };
  const rolledBackAt = (await ctx.registry.getVersion(model, withdrawn))?.tags[tagKeys.rolledBackAt(alias)];
  const promotedAt = tags[tagKeys.promotionStartedAt(alias)] ?? tags[tagKeys.promotedAt(alias)];
  if (rolledBackAt === undefined || (promotedAt !== undefined && promotedAt > rolledBackAt)) return { from: holder };
  // Withdrawn itself after that rollback restored it: that withdrawal is the latest change, and the holder is its subject.
  const ownRolledBackAt = tags[tagKeys.rolledBackAt(alias)];
  if (ownRolledBackAt !== undefined && ownRolledBackAt >= rolledBackAt) return { from: holder };
  const who = ctx.run.runKey !== undefined && tags[tagKeys.restoredByRun(alias)] === ctx.run.runKey ? 'an earlier attempt of this run' : 'a rollback';
  ctx.logger.info(`@${alias} is on ${holder} because ${who} rolled ${withdrawn} back; finishing that rollback rather than withdrawing ${holder} too (to withdraw ${holder} as well, name it with --model-version ${holder}, the model-version input)`);
  // The version that rollback restored, whether it was the one before or one named with to-version.
  return { from: withdrawn, restored: holder };
}

/**
 * The recorded rollout of `version`: the workspace's file, else the one the deploy_ run kept in the
 * tracking server (a rollback job on a fresh runner, or a manual rollback days later).
 */
async function rolloutOf(ctx: ModeContext, file: string, model: string, version: string, environment: string): Promise<RolloutState | undefined> {
  let local: RolloutState | undefined;
  try {
    local = await loadRolloutState(file);
  } catch (error) {
    // A rollback is the way out of trouble: a damaged record costs it the snapshot, never the rollback.
    if (!(error instanceof InputError)) throw error;
    ctx.logger.warn(`${messageOf(error)}; rolling back without the rollout's snapshot of what served before (the target restores the earlier version from the registry)`);
  }
  if (local?.version === version) return local;
  if (!ctx.tracking) return undefined;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'agent-release-rollout-'));
  try {
    const fetched = path.join(dir, 'state.json');
    if (!(await ctx.tracking.tracker.fetchRolloutState(model, version, environment, fetched))) return undefined;
    const state = await loadRolloutState(fetched);
    if (state?.version !== version || state.environment !== environment) return undefined;
    ctx.logger.info(`restoring from the rollout of v${version} to ${environment} recorded in the tracking server`);
    return state;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function rollback(ctx: ModeContext, inputs: ModeInputs): Promise<RollbackResult> {
  const { loaded, registry, logger } = ctx;
  const model = loaded.config.model.name;
  const alias = loaded.config.promote.alias;
  const environment = loaded.environment ?? 'default';
  const requested = inputs.toVersion?.trim() || undefined;
  if (requested !== undefined) checkVersionNumber('to-version', requested);
  const subject = await rollbackSubject(ctx, inputs, model, alias);
  const from = subject.from;
  const restore = await planRestore(registry, model, alias, from, environment, requested ?? subject.restored);
  const target = loaded.config.deploy ? await ctx.target() : undefined;
  // The rollout of `from`, as this workspace or the tracking server recorded it: its snapshot restores serving exactly.
  const file = statePath(path.resolve(loaded.workdir, loaded.config.artifacts_dir), model, environment);
  const recorded = await rolloutOf(ctx, file, model, from, environment);
  // The snapshot is what served before `from`; a rollback to another version must not restore it.
  const snapshot = recorded && (requested === undefined || restore.to === recorded.previousVersion) ? (recorded.snapshot ?? undefined) : undefined;
  const plan = [
    ...(target ? [`${target.kind}: ${target.describeRollback(rollbackRequest(restore, snapshot))}`] : []),
    restore.aliasAlreadyRestored
      ? restore.to === null
        ? `@${alias} stays on ${from}, already tagged rolled back (no earlier version); leave it`
        : `@${alias} already points at ${restore.to}; leave it`
      : restore.to === null
        ? `leave @${alias} on ${from} (no earlier version) and tag it rolled back`
        : `move @${alias} from ${from} back to ${restore.to}`,
  ];
  const result: RollbackResult = { mode: 'rollback', dryRun: ctx.dryRun, model, alias, environment, version: restore.to, restoredFrom: from, plan, resumed: restore.aliasAlreadyRestored, cause: inputs.rollbackCause ?? null };
  if (ctx.dryRun) {
    for (const line of plan) logger.info(`dry run: would ${line}`);
    return result;
  }
  const at = new Date(ctx.clock.now()).toISOString();
  await executeRestore(restore, registry, target, ctx.run, at, logger, snapshot);
  if (recorded && recorded.status !== 'rolled_back') {
    recorded.status = 'rolled_back';
    // Tags are already written by executeRestore; the file says so too, so a re-deploy after a re-promotion starts afresh.
    await new RolloutRecorder(file, registry, false, () => at).save(recorded);
  }
  try {
    await ctx.deployments?.retire?.({ environment, model, version: from }, `${model} v${from} rolled back in ${environment}; ${restore.to === null ? 'no earlier version to serve' : `v${restore.to} serves again`}`);
  } catch (error) {
    logger.warn(`could not mark the deployment of v${from} inactive: ${messageOf(error)}`);
  }
  return result;
}
