import { RefusedError } from '../errors';
import { MlflowRest } from '../mlflow/rest';
import { MlflowRegistry } from './mlflow';
import type { ExpectedHolder } from './types';
import { databricksCredentialsHint, type UnityCatalogRegistryOptions } from './unity-catalog';

export type DatabricksWorkspaceRegistryOptions = UnityCatalogRegistryOptions;

/**
 * The legacy Databricks Workspace Model Registry (`registry: mlflow` with `tracking_uri:
 * databricks`): the OSS MLflow registry API under the workspace host, with Databricks credentials.
 *
 * It has no aliases: MLflow's own client refuses every alias call against it
 * (mlflow/mlflow `store/model_registry/databricks_workspace_model_registry_rest_store.py`,
 * "Upgrade to Models in Unity Catalog"). So alias reads and writes refuse here too, with that
 * advice, instead of sending requests whose answers are not documented; reading versions,
 * tagging them and registering new ones work as on OSS MLflow. `listAliases` reports what the
 * registry holds (none), so a gate can still record its decision.
 */
export class DatabricksWorkspaceRegistry extends MlflowRegistry {
  constructor(options: DatabricksWorkspaceRegistryOptions) {
    super({
      rest: new MlflowRest({
        baseUrl: options.host,
        credentials: options.credentials,
        secrets: options.secrets ?? [],
        clock: options.clock,
        area: 'registry.databricks-workspace',
        credentialsHint: databricksCredentialsHint,
        logger: options.logger,
        retryPolicy: options.retryPolicy,
        timeoutMs: options.timeoutMs,
        random: options.random,
      }),
      kind: 'mlflow',
      registryPath: 'mlflow/',
      aliasSettleMs: options.aliasSettleMs,
      pageSize: options.pageSize ?? 1_000,
    });
  }

  override async getAlias(model: string, alias: string): Promise<string | null> {
    throw aliasesUnsupported(model, alias, 'read');
  }

  override async setAlias(model: string, alias: string, version: string, _expected: ExpectedHolder): Promise<void> {
    throw aliasesUnsupported(model, alias, `move to version ${version}`);
  }

  override async deleteAlias(model: string, alias: string): Promise<void> {
    throw aliasesUnsupported(model, alias, 'delete');
  }
}

function aliasesUnsupported(model: string, alias: string, action: string): RefusedError {
  return new RefusedError(
    `cannot ${action} @${alias} on ${model}: the Databricks Workspace Model Registry (tracking_uri: databricks) has no aliases. Register the model in Unity Catalog (catalog.schema.model) and set model.registry: unity-catalog`,
  );
}
