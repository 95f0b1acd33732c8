import type { z } from 'zod';
import type { Clock } from '../clock';
import { InputError, RefusedError } from '../errors';
import type { Credentials } from '../http/credentials';
import type { RetryPolicy } from '../http/retry';
import type { Logger } from '../logger';
import { MlflowApiError } from '../mlflow/errors';
import { MlflowRest, type RestCall } from '../mlflow/rest';
import { runPool } from '../pool';
import { MlflowRegistry } from './mlflow';
import type { ModelVersion } from './types';

export interface UnityCatalogRegistryOptions {
  /** The workspace URL, e.g. https://adb-1234567890123456.7.azuredatabricks.net (no trailing slash needed). */
  host: string;
  credentials: Credentials;
  clock: Clock;
  logger?: Logger;
  /** Credential values to cut out of anything the server sends back (the shells mask them too). */
  secrets?: readonly string[];
  retryPolicy?: RetryPolicy;
  /** Per request. */
  timeoutMs?: number;
  random?: () => number;
  /** See MlflowRegistry: the pause before the second read of an alias after a compare-and-set write. */
  aliasSettleMs?: number;
  /** `max_results` for `model-versions/search` (Unity Catalog allows up to 10,000). */
  pageSize?: number;
}

/** Versions read at once when listing: enough to list hundreds quickly, few enough not to meet the workspace's rate limits. */
const versionReadConcurrency = 8;

/** What to check when the workspace refuses the credentials (the variables src/databricks/auth.ts reads). */
export const databricksCredentialsHint =
  'the Databricks workspace rejected the credentials: set DATABRICKS_TOKEN (personal access token), DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET (oauth-m2m), or DATABRICKS_CLIENT_ID with `permissions: id-token: write` on the job (github-oidc)';

/**
 * Unity Catalog's privileges for models (Databricks "Registered models" / "Model versions" API
 * reference): reading needs EXECUTE on the model, setting or deleting an alias needs ownership of
 * it (or metastore admin), and either needs USE_CATALOG and USE_SCHEMA on its parents.
 */
export function unityCatalogPermissionHint(model: string | undefined): string {
  const [catalog, schema] = model?.split('.') ?? [];
  const parents = catalog && schema ? `USE_CATALOG on ${catalog} and USE_SCHEMA on ${catalog}.${schema}` : 'USE_CATALOG on its catalog and USE_SCHEMA on its schema';
  return `the credentials are valid but lack a Unity Catalog privilege on ${model ?? 'this model'}: moving or deleting an alias needs ownership of the registered model, reading needs EXECUTE on it, and both need ${parents}`;
}

/** `catalog.schema.model`; each part 1 to 255 characters without spaces, `/` or control characters, as Unity Catalog names are. */
export function checkUnityCatalogName(model: string): void {
  const parts = model.split('.');
  // eslint-disable-next-line no-control-regex
  if (parts.length !== 3 || parts.some((p) => p === '' || p.length > 255 || /[\s/\x00-\x1f\x7f]/.test(p))) {
    throw new InputError(`model.name must be catalog.schema.model for registry: unity-catalog, got ${JSON.stringify(model)}`);
  }
}

/**
 * The MLflow-to-Unity-Catalog REST API (`/api/2.0/mlflow/unity-catalog/...`, what MLflow's
 * Python client uses with `registry_uri="databricks-uc"`), with the compare-and-set promotion of
 * MlflowRegistry unchanged. What differs from OSS MLflow (checked against mlflow/mlflow
 * `databricks_uc_registry_service.proto`, `databricks_uc_registry_messages.proto` and
 * `store/_unity_catalog/registry/rest_store.py`):
 * - three-level names, checked here before any request;
 * - `model-versions/search` takes filter, max_results (≤ 10,000) and page_token, no order_by;
 * - ModelVersion.aliases are `{alias, version}` objects, not strings;
 * - creating a version is create, then an upload to cloud storage with temporary credentials,
 *   then finalize; this client does not upload, so `registerVersion` refuses.
 */
export class UnityCatalogRegistry extends MlflowRegistry {
  constructor(options: UnityCatalogRegistryOptions) {
    super({
      rest: new UnityCatalogRest({
        baseUrl: options.host,
        credentials: options.credentials,
        secrets: options.secrets ?? [],
        clock: options.clock,
        area: 'registry.unity-catalog',
        credentialsHint: databricksCredentialsHint,
        logger: options.logger,
        retryPolicy: options.retryPolicy,
        timeoutMs: options.timeoutMs,
        random: options.random,
      }),
      kind: 'unity-catalog',
      registryPath: 'mlflow/unity-catalog/',
      checkModelName: checkUnityCatalogName,
      searchOrderBy: false,
      aliasSettleMs: options.aliasSettleMs,
      pageSize: options.pageSize ?? 1_000,
    });
  }

  /**
   * MLflow's UC client builds search results with empty tags and aliases
   * (`model_version_search_from_uc_proto`), so the search is only the list of version numbers
   * here: each version's tags and status come from `model-versions/get`, a few at a time.
   */
  override async listVersions(model: string): Promise<ModelVersion[]> {
    const listed = await super.listVersions(model);
    const read = new Map<string, ModelVersion>();
    await runPool(listed[Symbol.iterator](), versionReadConcurrency, async (v) => {
      const full = await this.getVersion(model, v.version);
      // Aliases from the registered model (one consistent read); a version deleted meanwhile is left out.
      if (full) read.set(v.version, { ...full, aliases: v.aliases });
    });
    return listed.flatMap((v) => read.get(v.version) ?? []);
  }

  override async registerVersion(model: string, source: string, _tags: Record<string, string> = {}): Promise<ModelVersion> {
    checkUnityCatalogName(model);
    throw new RefusedError(
      `cannot register ${source} as a new version of ${model} in Unity Catalog from agent-release: a Unity Catalog version is created, uploaded to cloud storage with temporary credentials, then finalized. Register it with the MLflow Python client instead: mlflow.register_model("${source}", "${model}", registry_uri="databricks-uc") (or mlflow.set_registry_uri("databricks-uc") first)`,
    );
  }
}

/** The MLflow transport with Unity Catalog's privileges named when the workspace answers 403. */
class UnityCatalogRest extends MlflowRest {
  override async call<S extends z.ZodType>(call: RestCall<S>): Promise<z.infer<S>> {
    try {
      return await super.call(call);
    } catch (error) {
      if (error instanceof MlflowApiError && error.errorCode === 'PERMISSION_DENIED') {
        throw new UnityCatalogPermissionError(error, this.baseUrl, unityCatalogPermissionHint(modelOf(call.fields)));
      }
      throw error;
    }
  }
}

/**
 * A PERMISSION_DENIED from Unity Catalog: the same facts, with the privileges to grant instead of
 * the OSS hint (MLflow's EDIT/MANAGE permissions do not exist there).
 */
export class UnityCatalogPermissionError extends MlflowApiError {
  constructor(original: MlflowApiError, serverUrl: string, hint: string) {
    super(original.what, original.facts, serverUrl, { cause: original.cause });
    const retried = original.facts.attempts > 1 ? `; gave up after ${original.facts.attempts} attempts` : '';
    this.message = `${original.what}: ${original.errorCode}: ${original.serverMessage}; ${hint}${retried}`;
  }
}

function modelOf(fields: Record<string, unknown>): string | undefined {
  return typeof fields.name === 'string' ? fields.name : undefined;
}
