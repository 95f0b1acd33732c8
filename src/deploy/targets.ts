import type { Clock } from '../clock';
import type { DeployConfig } from '../config/schema';
import type { DatabricksConnection } from '../databricks/auth';
import { ConfigError } from '../errors';
import type { Logger } from '../logger';
import type { Registry } from '../registry/types';
import { CommandTarget } from './command-target';
import { DatabricksAppTarget } from './databricks-app';
import { createDatabricksServingTarget } from './databricks-serving';
import type { DeployTarget } from './types';

export interface TargetDeps {
  workdir: string;
  env: Readonly<Record<string, string | undefined>>;
  logger: Logger;
  clock: Clock;
  registry: Registry;
  databricks: () => DatabricksConnection;
}

/** The one place deploy targets are chosen. */
export function createTarget(config: DeployConfig, deps: TargetDeps): DeployTarget {
  switch (config.target) {
    case 'command':
      if (!config.command) throw new ConfigError('deploy.command: the command target needs command.deploy and command.rollback');
      return new CommandTarget(config.command, deps.workdir, deps.env, deps.logger, deps.clock);
    case 'databricks-serving':
      if (!config.serving) throw new ConfigError('deploy.serving: the databricks-serving target needs serving.endpoint');
      return createDatabricksServingTarget(config.serving, workspace(deps, 'databricks-serving'), { registry: deps.registry, clock: deps.clock, logger: deps.logger });
    case 'databricks-app':
      if (!config.app) throw new ConfigError('deploy.app: the databricks-app target needs app.target and app.resource');
      return new DatabricksAppTarget({ config: config.app, workdir: deps.workdir, env: deps.env, registry: deps.registry, clock: deps.clock, logger: deps.logger });
  }
}

function workspace(deps: TargetDeps, target: string): DatabricksConnection {
  try {
    return deps.databricks();
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(`deploy.target is ${target}, so it needs Databricks credentials: ${error.message}`);
    throw error;
  }
}
