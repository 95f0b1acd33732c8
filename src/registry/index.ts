import path from 'node:path';
import type { Clock } from '../clock';
import type { Config } from '../config/schema';
import type { DatabricksConnection } from '../databricks/auth';
import { ConfigError } from '../errors';
import type { Logger } from '../logger';
import { DatabricksWorkspaceRegistry } from './databricks';
import { LocalRegistry } from './local';
import { MlflowRegistry, mlflowAuthFromEnv } from './mlflow';
import type { Registry } from './types';
import { checkUnityCatalogName, UnityCatalogRegistry } from './unity-catalog';

export interface RegistryDeps {
  workdir: string;
  env: Readonly<Record<string, string | undefined>>;
  clock: Clock;
  logger: Logger;
  /**
   * The Databricks workspace and its credentials, built by the composition root from the
   * environment (databricksCredentialsFromEnv); called only for registries that live there.
   */
  databricks?: () => DatabricksConnection;
}

export const registryProviders = ['local', 'mlflow', 'unity-catalog'] as const;

/** The one place registry providers are chosen. */
export function createRegistry(config: Config, deps: RegistryDeps): Registry {
  // Read as strings: 'unity-catalog' and tracking_uri 'databricks' are newer than some schemas.
  const kind: string = config.model.registry;
  const trackingUri = trackingUriOf(config, deps.env);
  switch (kind) {
    case 'local':
      return new LocalRegistry(path.resolve(deps.workdir, config.model.path));
    case 'mlflow': {
      if (!trackingUri) throw new ConfigError('model.registry is mlflow, but neither model.tracking_uri nor MLFLOW_TRACKING_URI is set');
      if (trackingUri === 'databricks') {
        return new DatabricksWorkspaceRegistry({ ...databricksConnection(deps, 'model.tracking_uri is databricks'), clock: deps.clock, logger: deps.logger });
      }
      if (/^databricks:\/\//.test(trackingUri)) {
        throw new ConfigError(`model.tracking_uri "${trackingUri}" names a Databricks CLI profile, which agent-release does not read; use tracking_uri: databricks with DATABRICKS_HOST and credentials in the environment`);
      }
      return new MlflowRegistry({ trackingUri, auth: mlflowAuthFromEnv(deps.env), clock: deps.clock, logger: deps.logger });
    }
    case 'unity-catalog':
      checkUnityCatalogName(config.model.name);
      return new UnityCatalogRegistry({ ...databricksConnection(deps, 'model.registry is unity-catalog'), clock: deps.clock, logger: deps.logger });
    default:
      throw new ConfigError(`model.registry "${kind}" is not a registry agent-release knows; use one of ${registryProviders.join(', ')}`);
  }
}

/** model.tracking_uri, else MLFLOW_TRACKING_URI: the one place the tracking server is resolved. */
export function trackingUriOf(config: Config, env: Readonly<Record<string, string | undefined>>): string | undefined {
  return config.model.tracking_uri ?? env.MLFLOW_TRACKING_URI;
}

function databricksConnection(deps: RegistryDeps, why: string): DatabricksConnection {
  if (!deps.databricks) throw new ConfigError(`${why}, but this run was given no Databricks connection (set DATABRICKS_HOST and Databricks credentials)`);
  return deps.databricks();
}

/** Credentials the clients read from the environment, for the shells to mask. */
export const credentialVariables = ['MLFLOW_TRACKING_TOKEN', 'MLFLOW_TRACKING_PASSWORD', 'DATABRICKS_TOKEN', 'DATABRICKS_CLIENT_SECRET'] as const;
