/**
 * The gate's record: decision.json and the tags that point at it. Promote trusts a version only
 * through this record, so a gate run withdraws the previous one before it decides (an `error`
 * record that promote refuses), replaces it with `error` when it stops part-way, and writes
 * `pass` last, after every other side effect succeeded (issue 15, items 1 and 2).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { decisionSchemaId, type Decision } from '../contract/decision';
import { messageOf } from '../errors';
import type { ModeContext } from '../modes/context';
import { versionDir } from '../modes/paths';
import { tagKeys } from '../registry/tags';
import { sha256Hex } from '../hash/sha256';

export const decisionFileName = 'decision.json';
/** The last decided record a withdrawal replaced (see keepWithdrawn). */
export const withdrawnFileName = 'decision.withdrawn.json';

/** The run tag holding the whole decision.json when it fits: readable where run artifacts are not (Databricks). */
export const decisionRunTag = 'agent_release.gate.decision_record';

export interface DecisionText {
  text: string;
  /** Hex sha256 of `text`, as the decision_sha256 tag holds it. */
  sha256: string;
}

export function serializeDecision(decision: Decision): DecisionText {
  const text = `${JSON.stringify(decision, null, 2)}\n`;
  return { text, sha256: sha256Hex(text) };
}

export function decisionFileOf(ctx: Pick<ModeContext, 'loaded'>, version: string): string {
  return path.join(versionDir(ctx.loaded, version), decisionFileName);
}

/**
 * Writes decision.json, then the tags. The decision tag is written last: registries set tags one
 * by one, and until it says `pass` the record is not one promote accepts.
 */
export async function writeDecisionRecord(ctx: ModeContext, record: DecisionText & { decision: Decision }, extraTags: Record<string, string> = {}): Promise<Record<string, string>> {
  const { name: model, version } = record.decision.model;
  const file = decisionFileOf(ctx, version);
  mkdirSync(path.dirname(file), { recursive: true });
  if (record.decision.decision === 'error') keepWithdrawn(file);
  writeFileSync(file, record.text);
  const tags = decisionTags(record, extraTags);
  await ctx.registry.setVersionTags(model, version, tags);
  return tags;
}

/**
 * A withdrawal replaces a decided record (pass or fail) with `error`; the decided one is kept
 * beside it as decision.withdrawn.json, so the record a release was made on is not lost to an
 * audit. Only the latest decided record is kept, and promote never reads it.
 */
function keepWithdrawn(file: string): void {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return;
  }
  let decided: unknown;
  try {
    decided = (JSON.parse(text) as { decision?: unknown }).decision;
  } catch {
    return;
  }
  if (decided === 'pass' || decided === 'fail') writeFileSync(path.join(path.dirname(file), withdrawnFileName), text);
}

export function decisionTags(record: DecisionText & { decision: Decision }, extraTags: Record<string, string> = {}): Record<string, string> {
  const { decision } = record;
  return {
    [tagKeys.gateDecidedAt]: decision.decided_at,
    [tagKeys.gateDecisionDigest]: record.sha256,
    ...(decision.decision === 'error' ? {} : { [tagKeys.gateAliasHolders]: JSON.stringify(decision.aliases) }),
    ...(decision.run.url ? { [tagKeys.gateRun]: decision.run.url } : {}),
    ...extraTags,
    [tagKeys.gateDecision]: decision.decision,
  };
}

/** A record that says the gate could not decide, and why. Promote refuses it like a failure. */
export function errorDecision(ctx: ModeContext, model: string, version: string, reason: string): Decision {
  return {
    schema: decisionSchemaId,
    model: { name: model, version },
    decision: 'error',
    rules: [{ rule: 'gate', passed: false, warning: false, reason, inputs: {} }],
    inputs: {},
    aliases: {},
    decided_at: new Date(ctx.clock.now()).toISOString(),
    run: { actor: ctx.run.actor, url: ctx.run.runUrl, sha: ctx.run.sha },
  };
}

/** Before deciding: whatever was decided before no longer stands, even if this run is killed. */
export async function withdrawDecision(ctx: ModeContext, model: string, version: string): Promise<void> {
  const startedAt = new Date(ctx.clock.now()).toISOString();
  const decision = errorDecision(ctx, model, version, `a gate run started at ${startedAt}${ctx.run.runUrl ? ` (${ctx.run.runUrl})` : ''} has not finished; the previous decision is withdrawn until a gate run completes`);
  await writeDecisionRecord(ctx, { decision, ...serializeDecision(decision) });
}

/**
 * A new evaluation replaces the evidence the version's gate decision was made on, so that
 * decision no longer stands (an `error` record promote refuses) until the gate runs on the new
 * one. Nothing is written for a version the gate never decided on, or already withdrawn, nor
 * by a pull request's evaluation, which previews a change to a version that may be released.
 */
export async function withdrawForNewEvaluation(ctx: ModeContext, model: string, version: string): Promise<void> {
  const earlier = (await ctx.registry.getVersion(model, version))?.tags[tagKeys.gateDecision];
  if (earlier === undefined || earlier === 'error') return;
  if (ctx.run.pullRequest) {
    ctx.logger.info(`a pull-request evaluation previews a change: ${model} version ${version}'s gate decision (${earlier}) and its evaluation of record stay as they are`);
    return;
  }
  const at = new Date(ctx.clock.now()).toISOString();
  const reason = `${model} version ${version} was evaluated again at ${at}${ctx.run.runUrl ? ` (${ctx.run.runUrl})` : ''}; the gate decision on its earlier evaluation (${earlier}) is withdrawn until the gate runs on the new one`;
  const decision = errorDecision(ctx, model, version, reason);
  await writeDecisionRecord(ctx, { decision, ...serializeDecision(decision) });
  ctx.logger.warn(`${model} version ${version} had gate decision ${earlier} on its earlier evaluation; it is withdrawn: run the gate on this evaluation before promoting`);
}

/** A gate run that could not decide leaves `error`: say so when it replaced a decision. */
export function warnWithdrawn(ctx: Pick<ModeContext, 'logger'>, model: string, version: string, earlier: string | undefined): void {
  if (earlier === undefined || earlier === 'error') return;
  ctx.logger.warn(`${model} version ${version}'s gate decision is now error, not ${earlier}: a gate run withdraws the decision before it decides, and this one could not decide. Fix what it reports and run the gate again; until then promote refuses the version`);
}

/** After a failure: the record says why. Throws when it cannot be written; the caller knows what stands then. */
export async function recordGateError(ctx: ModeContext, model: string, version: string, error: unknown): Promise<void> {
  const decision = errorDecision(ctx, model, version, `the gate could not decide: ${messageOf(error)}`);
  await writeDecisionRecord(ctx, { decision, ...serializeDecision(decision) });
}
