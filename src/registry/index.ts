import path from 'node:path';
import type { Clock } from '../clock';
import type { Config } from '../config/schema';
import { ConfigError } from '../errors';
import type { Logger } from '../logger';
import { LocalRegistry } from './local';
import { MlflowRegistry, mlflowAuthFromEnv } from './mlflow';
import type { Registry } from './types';

export interface RegistryDeps {
  workdir: string;
  env: Readonly<Record<string, string | undefined>>;
  clock: Clock;
  logger: Logger;
}

/** The one place registry providers are chosen. */
export function createRegistry(config: Config, deps: RegistryDeps): Registry {
  switch (config.model.registry) {
    case 'local':
      return new LocalRegistry(path.resolve(deps.workdir, config.model.path));
    case 'mlflow': {
      const trackingUri = config.model.tracking_uri ?? deps.env.MLFLOW_TRACKING_URI;
      if (!trackingUri) throw new ConfigError('model.registry is mlflow, but neither model.tracking_uri nor MLFLOW_TRACKING_URI is set');
      return new MlflowRegistry({ trackingUri, auth: mlflowAuthFromEnv(deps.env), clock: deps.clock, logger: deps.logger });
    }
  }
}

/** Credentials the clients read from the environment, for the shells to mask. */
export const credentialVariables = ['MLFLOW_TRACKING_TOKEN', 'MLFLOW_TRACKING_PASSWORD', 'DATABRICKS_TOKEN', 'DATABRICKS_CLIENT_SECRET'] as const;
