import { executeRestore, planRestore, rollbackRequest } from '../promote/restore';
import type { ModeContext, ModeInputs } from './context';
import { versionOrHolder } from './versions';

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
}

export async function rollback(ctx: ModeContext, inputs: ModeInputs): Promise<RollbackResult> {
  const { loaded, registry, logger } = ctx;
  const model = loaded.config.model.name;
  const alias = loaded.config.promote.alias;
  const environment = loaded.environment ?? 'default';
  const from = await versionOrHolder('rollback', inputs, registry, model, alias);
  const requested = inputs.toVersion?.trim() || undefined;
  const restore = await planRestore(registry, model, alias, from, environment, requested);
  const target = loaded.config.deploy ? ctx.target() : undefined;
  const plan = [
    ...(target ? [`${target.kind}: ${target.describeRollback(rollbackRequest(restore))}`] : []),
    restore.aliasAlreadyRestored
      ? `@${alias} already points at ${restore.to}; leave it`
      : restore.to === null
        ? `leave @${alias} on ${from} (no earlier version) and tag it rolled back`
        : `move @${alias} from ${from} back to ${restore.to}`,
  ];
  const result: RollbackResult = { mode: 'rollback', dryRun: ctx.dryRun, model, alias, environment, version: restore.to, restoredFrom: from, plan, resumed: restore.aliasAlreadyRestored };
  if (ctx.dryRun) {
    for (const line of plan) logger.info(`dry run: would ${line}`);
    return result;
  }
  await executeRestore(restore, registry, target, ctx.run, new Date(ctx.clock.now()).toISOString(), logger);
  return result;
}
