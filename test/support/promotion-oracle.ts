import { RefusedError, RemoteError } from '../../src/errors';
import type { RunInfo } from '../../src/modes/context';
import type { PromoteResult } from '../../src/modes/promote';
import type { RollbackResult } from '../../src/modes/rollback';
import { noVersion, tagKeys } from '../../src/registry/tags';
import type { Registry } from '../../src/registry/types';

/**
 * An independent model of what promote and rollback must do to one alias, and the checks that
 * compare a real registry's state with it after every attempt of an operation. The model is
 * kept by the test from the operations it asked for, never from the tags the code under test
 * wrote, so a wrong tag cannot make its own check pass.
 */

/** What MLflow holds for one model, read directly (never through the fault proxy). */
export interface Snapshot {
  holder: string | null;
  tags: Record<string, Record<string, string>>;
}

export async function snapshot(registry: Registry, model: string, alias: string): Promise<Snapshot> {
  const versions = await registry.listVersions(model);
  const holders = versions.filter((v) => v.aliases.includes(alias)).map((v) => v.version);
  if (holders.length > 1) throw new Error(`@${alias} on ${model} is listed on ${holders.join(', ')}`);
  return { holder: holders[0] ?? null, tags: Object.fromEntries(versions.map((v) => [v.version, v.tags])) };
}

export type Op = { kind: 'promote'; version: string; expected: string | null } | { kind: 'rollback'; version: string };

export type Prediction =
  /** promote: the alias moves from `from` to the version; a rollback of it restores `restores` (`from`, unless `from` was itself rolled back). */
  | { outcome: 'move'; from: string | null; restores: string | null }
  /** rollback: the alias goes back to `to` (null: there is none, it stays and the version is tagged). */
  | { outcome: 'withdraw'; to: string | null }
  /** Success without a change: promote of the holder, or rollback already done. */
  | { outcome: 'noop' }
  | { outcome: 'refuse'; why: string };

/** The test's own record of the alias history. */
export interface AliasModel {
  holder: string | null;
  /** What a rollback of each version restores: the holder it displaced at its latest promotion, or that holder's, when it had been rolled back. */
  previous: Map<string, string | null>;
  /** Versions whose latest promotion has been rolled back. */
  rolledBack: Set<string>;
  /** Versions that passed the gate. */
  passed: Set<string>;
}

export function predict(model: AliasModel, op: Op): Prediction {
  if (op.kind === 'promote') {
    if (!model.passed.has(op.version)) return { outcome: 'refuse', why: 'no passed gate decision' };
    if (model.holder === op.version) return { outcome: 'noop' };
    if (op.expected !== model.holder) return { outcome: 'refuse', why: `expected ${op.expected ?? 'none'}, holder ${model.holder ?? 'none'}` };
    return { outcome: 'move', from: model.holder, restores: lastGood(model, model.holder, op.version) };
  }
  const recorded = model.previous.get(op.version);
  if (recorded === undefined) return { outcome: 'refuse', why: 'never promoted' };
  const previous = lastGood(model, recorded, op.version);
  // A first release already rolled back keeps the alias, with nothing to restore: done.
  if (model.holder === op.version && previous === null && model.rolledBack.has(op.version)) return { outcome: 'noop' };
  if (model.holder === op.version) return { outcome: 'withdraw', to: previous };
  if (model.rolledBack.has(op.version) && previous !== null && model.holder === previous) return { outcome: 'noop' };
  return { outcome: 'refuse', why: `not live (holder ${model.holder ?? 'none'})` };
}

/** A version rolled back since its latest promotion is no release to restore: the one it displaced is, and so on; never `of` itself. */
function lastGood(model: AliasModel, holder: string | null, of: string): string | null {
  const seen = new Set<string>([of]);
  let candidate = holder;
  while (candidate !== null && model.rolledBack.has(candidate) && !seen.has(candidate)) {
    seen.add(candidate);
    candidate = model.previous.get(candidate) ?? null;
  }
  return candidate !== null && seen.has(candidate) ? null : candidate;
}

export function apply(model: AliasModel, op: Op, prediction: Prediction): void {
  if (prediction.outcome === 'move') {
    model.previous.set(op.version, prediction.restores);
    model.rolledBack.delete(op.version);
    model.holder = op.version;
  } else if (prediction.outcome === 'withdraw') {
    model.rolledBack.add(op.version);
    model.holder = prediction.to ?? op.version;
  }
}

export type Outcome = { ok: true; result: PromoteResult | RollbackResult } | { ok: false; error: unknown };

export interface AttemptCheck {
  op: Op;
  prediction: Prediction;
  before: Snapshot;
  after: Snapshot;
  outcome: Outcome;
  /** True for a re-run of an operation whose earlier attempt failed part-way. */
  rerun: boolean;
  /** ISO times bounding every attempt of this operation: its own timestamps must fall inside. */
  window: [string, string];
  run: RunInfo;
  alias: string;
  environment: string;
}

/** Tag keys an operation may write on its version; anything else changing is a violation. */
function writableKeys(op: Op, alias: string, environment: string): (key: string) => boolean {
  const keys =
    op.kind === 'promote'
      ? [tagKeys.previousHolder(alias), tagKeys.promotedBy(alias), tagKeys.promotedAt(alias), tagKeys.promotedRun(alias), tagKeys.promotedSha(alias)]
      : [tagKeys.rolledBackAt(alias), tagKeys.rolledBackBy(alias), tagKeys.deployStatus(environment), tagKeys.deployedAt(environment)];
  // Room for a progress marker (e.g. agent_release.<alias>.promotion_started_at), checked as a timestamp below.
  const marker = new RegExp(`^agent_release\\.${alias}\\.${op.kind === 'promote' ? 'promotion' : 'rollback'}_[a-z_]+$`);
  return (key) => keys.includes(key) || marker.test(key);
}

/** Every violation of the invariants by one attempt; empty when it behaved. */
export function checkAttempt(c: AttemptCheck): string[] {
  const problems: string[] = [];
  const { op, prediction, before, after, outcome, alias } = c;
  const v = op.version;
  const mayWrite = writableKeys(op, alias, c.environment);
  const inWindow = (value: string | undefined): boolean => value !== undefined && value >= c.window[0] && value <= c.window[1];

  // Only the operation's own version, and only its own keys, may change.
  for (const version of new Set([...Object.keys(before.tags), ...Object.keys(after.tags)])) {
    const was = before.tags[version] ?? {};
    const now = after.tags[version] ?? {};
    for (const key of new Set([...Object.keys(was), ...Object.keys(now)])) {
      if (was[key] === now[key]) continue;
      // A rollback marks the version it restores with the one it withdrew, so a run again without a version finishes it.
      const restoredMark = op.kind === 'rollback' && prediction.outcome === 'withdraw' && version === prediction.to && key === tagKeys.restoredFrom(alias) && now[key] === v;
      if (restoredMark) continue;
      if (version !== v) problems.push(`tag ${key} of v${version}, which the operation does not touch, changed from ${was[key]} to ${now[key]}`);
      else if (!mayWrite(key)) problems.push(`tag ${key} of v${v} changed from ${was[key]} to ${now[key]}, but ${op.kind} does not own it`);
      else if (now[key] === undefined) problems.push(`tag ${key} of v${v} was removed`);
      else if (/[._]at$/.test(key) && !inWindow(now[key])) problems.push(`tag ${key} of v${v} = ${now[key]} is not from this operation (${c.window.join(' .. ')})`);
    }
  }
  const unchanged = (): void => {
    if (after.holder !== before.holder) problems.push(`@${alias} moved from ${before.holder ?? 'none'} to ${after.holder ?? 'none'} although nothing was to change`);
    if (JSON.stringify(after.tags[v] ?? {}) !== JSON.stringify(before.tags[v] ?? {})) problems.push(`tags of v${v} changed although nothing was to change`);
  };
  const tags = after.tags[v] ?? {};

  if (!outcome.ok) {
    const { error } = outcome;
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof RefusedError) {
      if (prediction.outcome !== 'refuse') problems.push(`refused although the operation was due (${prediction.outcome})${c.rerun ? ' on a re-run: not resumable' : ''}: ${message}`);
      unchanged();
      return problems;
    }
    if (!(error instanceof RemoteError)) {
      problems.push(`failed with ${error instanceof Error ? error.name : typeof error}, not a refusal or a remote failure: ${message}`);
      return problems;
    }
    // A remote failure part-way: the alias is where it was or where it was going, never elsewhere.
    if (prediction.outcome === 'refuse' || prediction.outcome === 'noop') unchanged();
    if (prediction.outcome === 'move') {
      if (after.holder !== before.holder && after.holder !== v) problems.push(`after a failed promote of v${v}, @${alias} is on ${after.holder ?? 'none'}`);
      // The record rollback needs exists the moment the alias moves.
      if (after.holder === v && tags[tagKeys.previousHolder(alias)] !== (prediction.restores ?? noVersion)) {
        problems.push(`@${alias} moved to v${v} but its ${tagKeys.previousHolder(alias)} is ${tags[tagKeys.previousHolder(alias)]}, not ${prediction.restores ?? noVersion}`);
      }
    }
    if (prediction.outcome === 'withdraw') {
      const target = prediction.to ?? v;
      if (after.holder !== before.holder && after.holder !== target) problems.push(`after a failed rollback of v${v}, @${alias} is on ${after.holder ?? 'none'}`);
    }
    return problems;
  }

  const { result } = outcome;
  if (prediction.outcome === 'refuse') {
    problems.push(`reported success although it had to be refused (${prediction.why}): ${JSON.stringify(result)}`);
    return problems;
  }
  if (prediction.outcome === 'noop') {
    const resultSaysNoop = result.mode === 'promote' ? !result.changed : result.resumed;
    if (!resultSaysNoop) problems.push(`reported a change where there was nothing to do: ${JSON.stringify(result)}`);
    unchanged();
    return problems;
  }
  if (prediction.outcome === 'move') {
    if (result.mode !== 'promote') throw new Error('promote op, rollback result');
    // A re-run of a promotion that had moved the alias reports no change; the first run must report one.
    // A re-run that finds the alias moved knows only the recorded tag: what a rollback restores.
    const previous = c.rerun && !result.changed ? prediction.restores : prediction.from;
    if ((!c.rerun && !result.changed) || result.previousVersion !== previous) problems.push(`promote result ${JSON.stringify(result)} does not say it moved from ${prediction.from ?? 'none'}`);
    if (after.holder !== v) problems.push(`promote of v${v} reported success but @${alias} is on ${after.holder ?? 'none'}`);
    const expectTag = (key: string, value: string | null): void => {
      if (tags[key] !== (value ?? undefined)) problems.push(`v${v} has ${key} = ${tags[key]}, expected ${value}`);
    };
    expectTag(tagKeys.previousHolder(alias), prediction.restores ?? noVersion);
    expectTag(tagKeys.promotedBy(alias), c.run.actor);
    expectTag(tagKeys.promotedRun(alias), c.run.runUrl);
    expectTag(tagKeys.promotedSha(alias), c.run.sha);
    if (!inWindow(tags[tagKeys.promotedAt(alias)])) problems.push(`v${v} has ${tagKeys.promotedAt(alias)} = ${tags[tagKeys.promotedAt(alias)]}, not a time of this promotion (${c.window.join(' .. ')})`);
    return problems;
  }
  // withdraw
  if (result.mode !== 'rollback') throw new Error('rollback op, promote result');
  if (result.version !== prediction.to || result.restoredFrom !== v || (!c.rerun && result.resumed)) problems.push(`rollback result ${JSON.stringify(result)} does not say it restored ${prediction.to ?? 'none'} from v${v}`);
  const target = prediction.to ?? v;
  if (after.holder !== target) problems.push(`rollback of v${v} reported success but @${alias} is on ${after.holder ?? 'none'}, not ${target}`);
  if (tags[tagKeys.rolledBackBy(alias)] !== c.run.actor) problems.push(`v${v} has ${tagKeys.rolledBackBy(alias)} = ${tags[tagKeys.rolledBackBy(alias)]}`);
  if (tags[tagKeys.deployStatus(c.environment)] !== 'rolled_back') problems.push(`v${v} has ${tagKeys.deployStatus(c.environment)} = ${tags[tagKeys.deployStatus(c.environment)]}`);
  for (const key of [tagKeys.rolledBackAt(alias), tagKeys.deployedAt(c.environment)]) {
    if (!inWindow(tags[key])) problems.push(`v${v} has ${key} = ${tags[key]}, not a time of this rollback (${c.window.join(' .. ')})`);
  }
  return problems;
}
