import type { DeployTarget, RollbackRequest, TargetSnapshot } from '../deploy/types';
import { RefusedError, RemoteError, RollbackFailedError, messageOf } from '../errors';
import type { Logger } from '../logger';
import type { RunInfo } from '../modes/context';
import { noVersion, rolledBackSincePromotion, tagKeys } from '../registry/tags';
import { AliasConflictError, type Registry } from '../registry/types';

export interface RestorePlan {
  model: string;
  alias: string;
  /** The version being withdrawn. */
  from: string;
  /** The version to restore, or null when none before `from` is known good (it was the first to hold the alias, or those before it were rolled back too). */
  to: string | null;
  environment: string;
  /** True when the alias already points back at `to` (a re-run after a crash or a partial rollback). */
  aliasAlreadyRestored: boolean;
}

/**
 * Works out what rolling `from` back means, refusing when the registry does not agree that
 * `from` is (or just was) the holder: rolling back someone else's release is never right.
 */
export async function planRestore(
  registry: Registry,
  model: string,
  alias: string,
  from: string,
  environment: string,
  requested?: string,
): Promise<RestorePlan> {
  const version = await registry.getVersion(model, from);
  if (!version) throw new RefusedError(`cannot roll back ${model} version ${from}: the registry has no such version`);
  const recorded = version.tags[tagKeys.previousHolder(alias)];
  if (recorded === undefined) {
    throw new RefusedError(`cannot roll back ${model} version ${from}: it has no ${tagKeys.previousHolder(alias)} tag, so it was never promoted to @${alias} by agent-release`);
  }
  const to = requested === undefined ? await lastGoodHolder(registry, model, alias, recorded === noVersion ? null : recorded, from) : await requireServedBefore(registry, model, alias, from, requested);
  const holder = await registry.getAlias(model, alias);
  // Already done: the alias is back on `to`, or, with no version to go back to, stays on `from`, which is tagged rolled back.
  // A first release withdrawn, then deployed again by name, serves once more: its status says which came last.
  const withdrawnHere = to !== null || version.tags[tagKeys.deployStatus(environment)] === 'rolled_back';
  const aliasAlreadyRestored = (to === null ? holder === from : holder !== from && holder === to) && withdrawnHere && rolledBackSincePromotion(version.tags, alias);
  if (holder !== from && !aliasAlreadyRestored) {
    throw new RefusedError(
      `cannot roll back ${model} version ${from}: @${alias} is held by ${holder === null ? 'no version' : `version ${holder}`}, not ${from}; nothing of ${from} is live to withdraw`,
    );
  }
  return { model, alias, from, to, environment, aliasAlreadyRestored };
}

/**
 * The version to restore in place of `holder`: itself, unless it was rolled back after its
 * latest promotion (it failed; the alias stays on a first release that failed, and a release
 * after it recorded it as the holder), then the one before it, and so on; null for none. `of`,
 * the version whose rollback this plans, is never its own answer.
 */
export async function lastGoodHolder(registry: Registry, model: string, alias: string, holder: string | null, of: string): Promise<string | null> {
  const seen = new Set<string>([of]);
  for (let candidate = holder; candidate !== null && !seen.has(candidate); ) {
    seen.add(candidate);
    const version = await registry.getVersion(model, candidate);
    if (!version || !rolledBackSincePromotion(version.tags, alias)) return candidate;
    const before = version.tags[tagKeys.previousHolder(alias)];
    candidate = before === undefined || before === noVersion ? null : before;
  }
  return null;
}

/** A named rollback target must have held the alias before, and not have been rolled back since: only a known-good version. */
async function requireServedBefore(registry: Registry, model: string, alias: string, from: string, requested: string): Promise<string> {
  if (requested === from) throw new RefusedError(`cannot roll back ${model} version ${from} to itself`);
  const target = await registry.getVersion(model, requested);
  if (!target) throw new RefusedError(`cannot roll back to ${model} version ${requested}: the registry has no such version`);
  if (target.tags[tagKeys.promotedAt(alias)] === undefined) {
    throw new RefusedError(`cannot roll back to ${model} version ${requested}: it never held @${alias}, so it is not a known-good release; promote it through the gate instead`);
  }
  if (rolledBackSincePromotion(target.tags, alias)) {
    throw new RefusedError(`cannot roll back to ${model} version ${requested}: it was rolled back after its last promotion to @${alias} (${target.tags[tagKeys.rolledBackAt(alias)]}), so it is not a known-good release; promote it through the gate instead`);
  }
  return requested;
}

/**
 * Serving first (users see it), then the alias. Each step is safe to repeat, so when one
 * fails the message says to re-run rollback, which converges. `snapshot`: what the target served
 * before the rollout, when the rollout recorded it, so the target restores exactly that.
 */
export async function executeRestore(
  plan: RestorePlan,
  registry: Registry,
  target: DeployTarget | undefined,
  run: RunInfo,
  at: string,
  logger: Logger,
  snapshot?: TargetSnapshot,
): Promise<void> {
  const retry = `re-run: agent-release rollback --model-version ${plan.from}${plan.environment !== 'default' ? ` --environment ${plan.environment}` : ''}`;
  if (target && !plan.aliasAlreadyRestored) {
    // Said before serving changes, so a promotion meanwhile is refused and a run that dies part-way is finished by the next deploy;
    // best effort: a registry that cannot be reached must not keep users on the failed version.
    await registry.setVersionTags(plan.model, plan.from, { [tagKeys.deployStatus(plan.environment)]: 'rolling_back', [tagKeys.deployedAt(plan.environment)]: at }).catch((error: unknown) => {
      logger.warn(`could not mark ${plan.model} version ${plan.from} as rolling back before rolling back serving (${messageOf(error)}); going on`);
    });
  }
  if (target) {
    try {
      const request = rollbackRequest(plan, snapshot);
      await logger.group(`rollback serving: ${target.describeRollback(request)}`, () => target.rollback(request));
    } catch (error) {
      throw new RemoteError(`rolling back serving of ${plan.model} from version ${plan.from} failed: ${messageOf(error)}. @${plan.alias} still points at ${plan.from}; fix the cause and ${retry}`);
    }
  }
  if (plan.aliasAlreadyRestored) return;
  const servingDone = target ? `serving was rolled back to ${plan.to === null ? 'no version' : `version ${plan.to}`}, but ` : '';
  // Recorded before the alias moves, rolled_back_at last: a run that stops after the move leaves
  // the complete record, which is how a re-run knows it is resuming rather than meddling.
  try {
    await registry.setVersionTags(plan.model, plan.from, {
      [tagKeys.rolledBackBy(plan.alias)]: run.actor,
      [tagKeys.deployStatus(plan.environment)]: 'rolled_back',
      [tagKeys.deployedAt(plan.environment)]: at,
      [tagKeys.rolledBackAt(plan.alias)]: at,
    });
  } catch (error) {
    // A registry that refused (its lock held too long) changed nothing, but serving already moved: the rollback is half done.
    if (!(error instanceof RemoteError || error instanceof RefusedError)) throw error;
    throw new RemoteError(`${servingDone}recording the rollback on ${plan.model} version ${plan.from} failed: ${messageOf(error)}; @${plan.alias} still points at ${plan.from}; ${retry}`);
  }
  if (plan.to === null) {
    logger.warn(`no version before ${plan.from} is known good on @${plan.alias} (it was the first to hold it, or those before it were rolled back too), so the alias stays and the version is tagged as rolled back`);
  } else {
    // A re-run that is not told the version finds the alias on `to`: these say it is finishing
    // this rollback, not withdrawing `to` as well.
    try {
      await registry.setVersionTags(plan.model, plan.to, { [tagKeys.restoredFrom(plan.alias)]: plan.from, ...(run.runKey ? { [tagKeys.restoredByRun(plan.alias)]: run.runKey } : {}) });
      await registry.setAlias(plan.model, plan.alias, plan.to, plan.from);
    } catch (error) {
      // Serving was already rolled back: half done, not a refusal that changed nothing.
      if (error instanceof AliasConflictError) {
        throw new RollbackFailedError(
          `rollback stopped after serving was rolled back to version ${plan.to} and version ${plan.from} was tagged rolled back: ${error.message}. Serving and the alias now disagree: release the new holder with agent-release deploy, or withdraw it with agent-release rollback --model-version ${error.actual ?? '<holder>'}`,
          plan.from,
        );
      }
      throw new RemoteError(`${servingDone || 'the rollback was recorded, but '}moving @${plan.alias} back to ${plan.to} failed: ${messageOf(error)}; ${retry}`);
    }
  }
}

export function rollbackRequest(plan: RestorePlan, snapshot?: TargetSnapshot): RollbackRequest {
  return { model: plan.model, restoreVersion: plan.to, fromVersion: plan.from, environment: plan.environment, ...(snapshot ? { snapshot } : {}) };
}
