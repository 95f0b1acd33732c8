import { CancelledError, ConfigError, InputError, RefusedError, RollbackFailedError, UsageError, messageOf } from '../errors';
import type { ModeContext, ModeInputs, RollbackCause } from '../modes/context';
import type { ModeResult } from '../report/render';
import { reasonLimit, type ReleaseEvent, type ReleaseEventKind } from './types';

/** The event a finished mode raises, if any: dry runs and re-runs that changed nothing raise none. */
export function eventFromResult(ctx: ModeContext, result: ModeResult): ReleaseEvent | undefined {
  if (result.dryRun) return undefined;
  const environment = ctx.loaded.environment ?? 'default';
  const base = { ctx, model: result.model, environment };
  switch (result.mode) {
    case 'gate':
      if (result.decision !== 'fail') return undefined;
      return event(base, 'gate_failed', false, result.version, `${result.model} v${result.version} failed the gate`, result.rules.filter((r) => !r.passed).map((r) => r.reason));
    case 'promote':
      if (!result.changed) return undefined;
      return event(base, 'promoted', true, result.version, `${result.model} v${result.version} promoted to @${result.alias}`, [
        `@${result.alias} moved from ${result.previousVersion === null ? 'no version' : `v${result.previousVersion}`} to v${result.version}`,
      ]);
    case 'deploy':
      if (result.alreadyDeployed) return undefined;
      if (result.failure) {
        const where = result.failure.at ? ` at step ${result.failure.at.index} of ${result.failure.at.count} (${result.failure.at.weight}%)` : '';
        const back = result.previousVersion === null ? 'no earlier version to serve' : `v${result.previousVersion} serves again`;
        return event(base, 'automatic_rollback', true, result.version, `${result.model} v${result.version} rolled back automatically in ${environment}`, [
          `${result.failure.step} failed${where}: ${result.failure.reason}`,
          `rolled back: ${back}`,
        ]);
      }
      return event(base, 'deployed', true, result.version, `${result.model} v${result.version} deployed to ${environment}`, [
        `${result.strategy} rollout${result.steps.length > 1 ? ` in ${result.steps.length} steps (${result.steps.map((s) => `${s.weight}%`).join(' → ')})` : ''} to ${result.target} succeeded${result.skipAnalysis ? ' without analysis (skip_analysis)' : ''}`,
      ]);
    case 'verify':
      if (result.decision !== 'fail') return undefined;
      return event(base, 'verify_failed', false, result.version, `${result.model} v${result.version} failed verification in ${environment}`, result.checks.filter((c) => !c.passed).map((c) => c.reason));
    case 'rollback':
      // A re-run that found the alias already moved back: the earlier run made the change, and announced it.
      if (result.resumed) return undefined;
      return event(base, result.cause ? 'automatic_rollback' : 'manual_rollback', true, result.restoredFrom, `${result.model} v${result.restoredFrom} rolled back${result.cause ? ' automatically' : ''} in ${environment}`, [
        ...(result.cause ? [`${causeText[result.cause]}: the release workflow rolled back`] : []),
        result.version === null ? 'no earlier version to serve' : `v${result.version} serves again`,
      ]);
    default:
      return undefined;
  }
}

/**
 * The event a mode that threw raises: a rollback that did not finish is the message that matters
 * most, so it is sent and says so. Other errors are reported by the shells as they are. A mistyped
 * or refused command changed nothing, and a verify the user cancelled found nothing: no alarm.
 */
export function eventFromError(ctx: ModeContext, mode: string, inputs: ModeInputs, error: unknown): ReleaseEvent | undefined {
  if (ctx.dryRun) return undefined;
  if (error instanceof UsageError || error instanceof ConfigError || error instanceof InputError || error instanceof RefusedError) return undefined;
  if (mode === 'verify' && error instanceof CancelledError) return undefined;
  const model = ctx.loaded.config.model.name;
  const environment = ctx.loaded.environment ?? 'default';
  const base = { ctx, model, environment };
  if (mode === 'deploy' && error instanceof RollbackFailedError) {
    return event(base, 'automatic_rollback', false, error.version, `${model} v${error.version}: the automatic rollback in ${environment} did NOT finish`, [messageOf(error)]);
  }
  if (mode === 'verify') {
    const version = inputs.modelVersion?.trim() || `@${ctx.loaded.config.promote.alias} holder`;
    return event(base, 'verify_failed', false, version, `${model} ${version.startsWith('@') ? version : `v${version}`}: verification in ${environment} could not run`, [messageOf(error)]);
  }
  if (mode === 'rollback') {
    const version = (error instanceof RollbackFailedError ? error.version : inputs.modelVersion?.trim()) || `@${ctx.loaded.config.promote.alias} holder`;
    const automatic = inputs.rollbackCause !== undefined;
    return event(base, automatic ? 'automatic_rollback' : 'manual_rollback', false, version, `${model} ${version.startsWith('@') ? version : `v${version}`}: the ${automatic ? 'automatic ' : ''}rollback in ${environment} did NOT finish`, [
      messageOf(error),
      ...(inputs.rollbackCause ? [`${causeText[inputs.rollbackCause]}: the release workflow rolled back`] : []),
    ]);
  }
  return undefined;
}

const causeText: Record<RollbackCause, string> = {
  'promote-failed': 'promote failed',
  'deploy-failed': 'deploy failed',
  'verify-failed': 'verify failed',
  cancelled: 'the run was cancelled',
};

function event(
  base: { ctx: ModeContext; model: string; environment: string },
  kind: ReleaseEventKind,
  ok: boolean,
  version: string,
  title: string,
  reasons: string[],
): ReleaseEvent {
  const { ctx, model, environment } = base;
  // Reasons quote remote APIs' errors, which may echo a token: every text goes through the shell's mask.
  const mask = ctx.mask ?? ((text: string) => text);
  const maybe = (text: string | null): string | null => (text === null ? null : mask(text));
  return {
    kind,
    ok,
    title: mask(title),
    model: mask(model),
    version: mask(version),
    environment: mask(environment),
    reasons: reasons.slice(0, reasonLimit).map(mask),
    reasonCount: reasons.length,
    links: { run: maybe(ctx.run.runUrl), summary: maybe(ctx.run.summaryUrl ?? ctx.run.runUrl) },
    repository: maybe(ctx.run.repository),
    actor: mask(ctx.run.actor),
    at: new Date(ctx.clock.now()).toISOString(),
  };
}
