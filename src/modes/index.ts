import { isFailure, type ModeResult } from '../report/render';
import { messageOf } from '../errors';
import type { ReleaseEvent } from '../notify/types';
import type { ModeContext, ModeInputs } from './context';

export const modeNames = ['evaluate', 'gate', 'promote', 'deploy', 'verify', 'rollback', 'detect', 'merge', 'shadow'] as const;
export type ModeName = (typeof modeNames)[number];

type ModeFunction = (ctx: ModeContext, inputs: ModeInputs) => Promise<ModeResult>;

// Loaded on demand: the bundler emits each mode as its own chunk, so `evaluate` does not parse
// and initialise the gate's statistics, the deploy targets or the JSON-schema validator of
// another mode at start-up (a CLI process's start is part of every evaluation's wall time).
const modes: Record<ModeName, () => Promise<ModeFunction>> = {
  evaluate: async () => (await import('./evaluate')).evaluate,
  gate: async () => (await import('./gate')).gate,
  promote: async () => (await import('./promote')).promote,
  deploy: async () => (await import('./deploy')).deploy,
  verify: async () => (await import('./verify')).verify,
  rollback: async () => (await import('./rollback')).rollback,
  detect: async () => (await import('./detect')).detect,
  merge: async () => (await import('./merge')).merge,
  shadow: async () => (await import('./shadow')).shadow,
};

/**
 * The config sections each command reads; only their ${VAR}s must be set. A rollback runs the
 * target's rollback and moves the alias; it never analyses, so a failed release's rollback job
 * cannot stop on the analysis's credentials.
 */
export const sectionsUsed: Record<ModeName | 'registry', readonly string[]> = {
  evaluate: ['model', 'experiments', 'artifacts_dir', 'evaluate', 'promote'],
  gate: ['model', 'experiments', 'artifacts_dir', 'gate', 'promote'],
  // artifacts_dir: promote reads the gate's decision.json there.
  promote: ['model', 'artifacts_dir', 'promote'],
  deploy: ['model', 'experiments', 'artifacts_dir', 'promote', 'deploy'],
  verify: ['model', 'promote', 'deploy.analysis'],
  rollback: ['model', 'artifacts_dir', 'promote', 'deploy', '!deploy.analysis'],
  detect: ['model', 'promote'],
  // merge reads evaluate.scorers but calls no endpoint: the merge job needs none of the agent's ${VAR}s.
  merge: ['model', 'experiments', 'artifacts_dir'],
  // shadow replays through evaluate.endpoint.
  shadow: ['model', 'artifacts_dir', 'promote', 'evaluate.endpoint', 'shadow', 'gate.shadow'],
  registry: ['model'],
};

export function isModeName(value: string): value is ModeName {
  return (modeNames as readonly string[]).includes(value);
}

export async function runMode(mode: ModeName, ctx: ModeContext, inputs: ModeInputs): Promise<{ result: ModeResult; failed: boolean }> {
  const run = await modes[mode]();
  let result: ModeResult;
  try {
    result = await run(ctx, inputs);
  } catch (error) {
    await announce(ctx, async ({ eventFromError }) => eventFromError(ctx, mode, inputs, error));
    throw error;
  }
  await announce(ctx, async ({ eventFromResult }) => eventFromResult(ctx, result));
  return { result, failed: isFailure(result) };
}

/** Tells the configured notifiers what the mode did; loaded only when some are configured, and never throws. */
async function announce(ctx: ModeContext, raise: (events: typeof import('../notify/event')) => Promise<ReleaseEvent | undefined>): Promise<void> {
  const configured = ctx.loaded.config.notifications;
  if (!configured) return;
  try {
    const event = await raise(await import('../notify/event'));
    if (!event) return;
    const { createNotifiers, notify } = await import('../notify');
    const { notifiers, skipped } = createNotifiers(configured);
    for (const reason of skipped) ctx.logger.warn(reason);
    await notify(event, notifiers, { clock: ctx.clock, logger: ctx.logger });
  } catch (error) {
    ctx.logger.warn(`notifications were not sent: ${messageOf(error)}`);
  }
}
