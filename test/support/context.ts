import { systemClock } from '../../src/clock';
import { contextFor } from '../../src/compose';
import { parseConfig } from '../../src/config/load';
import { jsonSchemaProblem } from '../../src/evaluate/json-schema';
import { memoryLogger } from '../../src/logger';
import type { ModeContext } from '../../src/modes/context';

export const testRun = { actor: 'tester', runUrl: 'https://github.com/acme/agent/actions/runs/1', sha: 'abc123', repository: 'acme/agent' };

/** A real ModeContext over a config text, rooted in a workspace directory. */
export function contextOf(configText: string, workdir: string, options: { dryRun?: boolean; environment?: string; env?: Record<string, string> } = {}) {
  const logger = memoryLogger();
  const loaded = parseConfig(configText, { file: 'agent-release.yml', workdir, environment: options.environment, env: options.env ?? {}, checkJsonSchema: jsonSchemaProblem });
  const ctx: ModeContext = contextFor(loaded, { env: { ...process.env, ...options.env }, dryRun: options.dryRun ?? false, logger, run: testRun, clock: systemClock });
  return { ctx, logger };
}
