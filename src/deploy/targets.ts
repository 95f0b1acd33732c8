import type { DeployConfig } from '../config/schema';
import { ConfigError } from '../errors';
import type { Logger } from '../logger';
import { CommandTarget } from './command-target';
import type { DeployTarget } from './types';

/** The one place deploy targets are chosen. */
export function createTarget(
  config: DeployConfig,
  workdir: string,
  env: Readonly<Record<string, string | undefined>>,
  logger: Logger,
): DeployTarget {
  switch (config.target) {
    case 'command':
      if (!config.command) throw new ConfigError('deploy.command: the command target needs command.deploy and command.rollback');
      return new CommandTarget(config.command, workdir, env, logger);
  }
}
