import type { Clock } from '../clock';
import type { Config } from '../config/schema';
import type { DatabricksConnection } from '../databricks/auth';
import { ConfigError } from '../errors';
import type { Logger } from '../logger';
import { MlflowRest } from '../mlflow/rest';
import type { RunInfo } from '../modes/context';
import { trackingUriOf } from '../registry';
import { mlflowAuthFromEnv, ossMlflowRest } from '../registry/mlflow';
import { databricksCredentialsHint } from '../registry/unity-catalog';
import type { Registry } from '../registry/types';
import { TrackingClient } from './client';
import { defaultExperimentNames, MlflowTracker } from './runs';
import type { Tracker } from './types';

export interface TrackingDeps {
  env: Readonly<Record<string, string | undefined>>;
  clock: Clock;
  logger: Logger;
  run: RunInfo;
  registry: Registry;
  databricks: () => DatabricksConnection;
  /** Takes secrets out of params and tags: a token interpolated into a URL must not be kept in MLflow. */
  mask?: (text: string) => string;
}

export interface Tracking {
  client: TrackingClient;
  tracker: Tracker;
}

/**
 * The tracking server that goes with the registry: the MLflow server of `registry: mlflow`, or
 * the Databricks workspace's MLflow for `tracking_uri: databricks` and Unity Catalog models.
 * The embedded registry tracks nothing (undefined).
 */
export function createTracking(config: Config, deps: TrackingDeps): Tracking | undefined {
  const registry: string = config.model.registry;
  if (registry === 'local') return undefined;
  const trackingUri = trackingUriOf(config, deps.env);
  const onDatabricks = registry === 'unity-catalog' || trackingUri === 'databricks';
  const client = new TrackingClient(onDatabricks ? databricksRest(deps) : ossRest(trackingUri, deps), { workspaceFolders: onDatabricks, mask: deps.mask });
  const tracker = new MlflowTracker({
    client,
    model: config.model.name,
    experiments: defaultExperimentNames(config.model.name, config.experiments),
    run: deps.run,
    clock: deps.clock,
    logger: deps.logger,
    registry: deps.registry,
  });
  return { client, tracker };
}

function ossRest(trackingUri: string | undefined, deps: TrackingDeps): MlflowRest {
  if (!trackingUri) throw new ConfigError('model.registry is mlflow, but neither model.tracking_uri nor MLFLOW_TRACKING_URI is set');
  return ossMlflowRest({ trackingUri, auth: mlflowAuthFromEnv(deps.env), clock: deps.clock, logger: deps.logger }, 'tracking.mlflow');
}

function databricksRest(deps: TrackingDeps): MlflowRest {
  const { host, credentials } = deps.databricks();
  // Databricks credentials reach the shells' maskers through onSecret when they are read or exchanged.
  return new MlflowRest({ baseUrl: host, credentials, secrets: [], clock: deps.clock, area: 'tracking.databricks', logger: deps.logger, credentialsHint: databricksCredentialsHint });
}
