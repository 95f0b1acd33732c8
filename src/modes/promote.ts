import { ConfigError, RefusedError, RemoteError, messageOf } from '../errors';
import { approvalTags, approvalToRecord } from '../promote/approval';
import { promotionAuditTags } from '../promote/audit';
import { lastGoodHolder } from '../promote/restore';
import { verifiedDecision } from '../promote/verified-decision';
import { noVersion, tagKeys } from '../registry/tags';
import { AliasConflictError } from '../registry/types';
import type { ModeContext, ModeInputs } from './context';
import { checkVersionNumber, requireVersion, requireVersionInput } from './versions';

export interface PromoteResult {
  mode: 'promote';
  dryRun: boolean;
  model: string;
  alias: string;
  version: string;
  previousVersion: string | null;
  /** False when the version already held the alias (a re-run): nothing moved. */
  changed: boolean;
}

/**
 * Moves the alias to a version with a passed gate decision (the record itself, verified, not a
 * tag alone), only if the alias is still held by the version the caller expects. The previous holder is tagged on the candidate before
 * the alias moves, so a crash at any point leaves enough to finish or roll back.
 */
export async function promote(ctx: ModeContext, inputs: ModeInputs): Promise<PromoteResult> {
  const { loaded, registry, logger } = ctx;
  const model = loaded.config.model.name;
  const alias = loaded.config.promote.alias;
  const version = requireVersionInput('promote', inputs);
  refuseSharedAlias(loaded.environment, alias, inputs.stagesFor);
  const candidate = await requireVersion(registry, model, version);
  const current = await registry.getAlias(model, alias);
  const base = { mode: 'promote' as const, dryRun: ctx.dryRun, model, alias, version };
  const at = new Date(ctx.clock.now()).toISOString();

  if (current === version) {
    const recordedPrevious = candidate.tags[tagKeys.previousHolder(alias)];
    const previousVersion = recordedPrevious && recordedPrevious !== noVersion ? recordedPrevious : null;
    const started = candidate.tags[tagKeys.promotionStartedAt(alias)];
    const finished = candidate.tags[tagKeys.promotedAt(alias)];
    if (finished === undefined || (started !== undefined && finished < started)) {
      // An earlier run moved the alias and stopped before its audit tags were all written
      // (promoted_at comes last, and one older than this promotion's start is left over from an earlier one): finish them, for a decision that still stands.
      await verifiedDecision(ctx, model, version, candidate.tags, alias);
      if (!ctx.dryRun) await registry.setVersionTags(model, version, promotionAuditTags(alias, ctx.run, at));
    } else if (candidate.tags[tagKeys.gateDecision] !== 'pass') {
      // Moving nothing needs no decision; but whoever re-runs a release should know the one it was made on no longer stands.
      logger.warn(`${model} version ${version} holds @${alias} from an earlier promotion, but its gate decision is now ${candidate.tags[tagKeys.gateDecision] ?? 'missing'}; run the gate on its current evaluation, or roll it back if it should not serve`);
    }
    logger.info(`${model} version ${version} already holds @${alias}; nothing to do`);
    return { ...base, previousVersion, changed: false };
  }
  const decision = await verifiedDecision(ctx, model, version, candidate.tags, alias);
  const expected = expectedHolder(inputs.expectedVersion, decision.aliases[alias] ?? noVersion);
  if (expected !== undefined && current !== expected) {
    throw new RefusedError(
      `refusing to promote ${model} version ${version}: @${alias} is held by ${describe(current)}, but ${describe(expected)} was expected (${inputs.expectedVersion ? 'expected-version input' : 'holder when the gate decided'}). Someone else released since; re-run the gate against the new holder`,
    );
  }
  await refuseDuringRollout(ctx, model, alias, current, version, loaded.environment ?? 'default');
  const ucApproval = loaded.config.promote.uc_approval;
  if (ctx.dryRun) {
    if (ucApproval) logger.info(`dry run: would record the ${loaded.environment ?? '(no)'} environment's approval on version ${version} as the Unity Catalog tag ${ucApproval.tag}=${ucApproval.value}`);
    logger.info(`dry run: would move @${alias} on ${model} from ${describe(current)} to version ${version}`);
    return { ...base, previousVersion: current, changed: true };
  }
  // Governance sees the approval before the alias moves: the tag first, with who approved and from which run.
  const approved = ucApproval
    ? approvalTags(ucApproval, await approvalToRecord({ environment: loaded.environment, approvedBy: inputs.approvedBy, source: ctx.approvals, model, version, tag: ucApproval.tag }), ctx.run, loaded.environment ?? 'default', at)
    : {};
  // What a rollback of this version restores: the holder, unless the holder itself failed and was rolled back (a first release that failed keeps the alias).
  const restorable = await lastGoodHolder(registry, model, alias, current, version);
  if (restorable !== current) logger.info(`@${alias} is held by version ${current}, which was rolled back after its last promotion; a rollback of version ${version} restores ${describe(restorable)}, not ${current}`);
  await registry.setVersionTags(model, version, { ...approved, [tagKeys.previousHolder(alias)]: restorable ?? noVersion, [tagKeys.promotionStartedAt(alias)]: at });
  const rerun = `re-run: agent-release promote --model-version ${version}${loaded.environment ? ` --environment ${loaded.environment}` : ''}`;
  try {
    await registry.setAlias(model, alias, version, current);
  } catch (error) {
    if (error instanceof AliasConflictError) throw new RefusedError(`refusing to promote ${model} version ${version}: ${error.message}`);
    if (!(error instanceof RemoteError)) throw error;
    throw new RemoteError(`promoting ${model} version ${version} stopped at moving @${alias} (held by ${describe(current)} before): ${messageOf(error)}; ${rerun}, which moves it, or finishes if it had moved`);
  }
  const after = await registry.getAlias(model, alias);
  if (after !== version) throw new RefusedError(`promoting ${model} version ${version} did not stick: @${alias} is now held by ${describe(after)}; another release raced this one`);
  try {
    await registry.setVersionTags(model, version, promotionAuditTags(alias, ctx.run, at));
  } catch (error) {
    if (!(error instanceof RemoteError)) throw error;
    throw new RemoteError(`@${alias} now points at ${model} version ${version} (it was on ${describe(current)}), but the promotion's audit tags were not written: ${messageOf(error)}; ${rerun} to write them (the alias stays)`);
  }
  return { ...base, previousVersion: current, changed: true };
}

/**
 * A staging job whose overlay promotes to the alias production promotes to would release to
 * production before production's reviewers approve (release.yml's staging job runs first).
 */
function refuseSharedAlias(environment: string | undefined, alias: string, stagesFor: ModeInputs['stagesFor']): void {
  if (!stagesFor || stagesFor.environment === environment || stagesFor.alias !== alias) return;
  const staging = environment ?? 'the base settings';
  throw new ConfigError(
    `${staging} and ${stagesFor.environment} both promote to @${alias}, so promoting here would release to ${stagesFor.environment} before its reviewers approve; give ${environment ?? 'this job'} an alias of its own under environments.${environment ?? '<name>'}.promote.alias (e.g. alias: ${environment ?? 'staging'})`,
  );
}

function expectedHolder(input: string | undefined, recorded: string | undefined): string | null | undefined {
  const value = input?.trim() || recorded;
  if (value === undefined) return undefined;
  if (value === noVersion) return null;
  checkVersionNumber('expected-version', value, ', or "none"');
  return value;
}

function describe(holder: string | null): string {
  return holder === null ? 'no version' : `version ${holder}`;
}

/**
 * A promotion while the holder is still rolling out (or being rolled back) in this environment
 * would leave that rollout half done: its automatic rollback can no longer withdraw a version
 * that lost the alias, and the failed candidate would keep its traffic. Another environment's
 * rollout releases another alias and is not this promotion's business; status tags older than
 * the holder's latest promotion belong to an earlier release.
 */
async function refuseDuringRollout(ctx: ModeContext, model: string, alias: string, current: string | null, version: string, environment: string): Promise<void> {
  if (current === null) return;
  const tags = (await ctx.registry.getVersion(model, current))?.tags ?? {};
  const status = tags[tagKeys.deployStatus(environment)];
  if (status !== 'in_progress' && status !== 'rolling_back') return;
  const promotedAt = tags[tagKeys.promotionStartedAt(alias)] ?? tags[tagKeys.promotedAt(alias)] ?? '';
  if ((tags[tagKeys.deployedAt(environment)] ?? '') < promotedAt) return;
  const step = tags[`agent_release.deploy.${environment}.step`];
  const env = environment === 'default' ? '' : ` --environment ${environment}`;
  throw new RefusedError(
    `refusing to promote ${model} version ${version}: version ${current}, which holds @${alias}, is ${status === 'in_progress' ? 'still rolling out' : 'being rolled back'} in ${environment}${step ? ` (step ${step})` : ''}, and promoting now would leave that rollout half done. Let it finish, or finish it with agent-release deploy${env} (or withdraw it with agent-release rollback${env}), then promote`,
  );
}
