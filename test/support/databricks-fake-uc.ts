import { databricksError, type FakeReply, type FakeRequest, type FakeRoute, type FakeService } from './databricks-fake';

/**
 * A FAKE of the Unity Catalog model registry as MLflow's client reaches it
 * (`registry_uri="databricks-uc"`), to plug into the fake workspace
 * (`startDatabricksFake({ services: [uc] })`).
 *
 * Verified against mlflow/mlflow `mlflow/protos/databricks_uc_registry_service.proto`,
 * `databricks_uc_registry_messages.proto`, `store/_unity_catalog/registry/rest_store.py` and
 * `utils/_unity_catalog_utils.py`:
 * - paths under /api/2.0/mlflow/unity-catalog/: GET registered-models/get {name};
 *   GET model-versions/get {name, version}; GET model-versions/search {filter, max_results,
 *   page_token}; POST | DELETE | GET registered-models/alias {name, alias[, version]};
 *   POST model-versions/set-tag {name, version, key, value} (as in OSS MLflow: SetModelVersionTag);
 * - GET fields travel as query parameters, the others as a JSON body;
 * - versions are strings; ModelVersion.aliases are RegisteredModelAlias objects {alias, version};
 *   RegisteredModel.aliases the same; empty responses are `{}`;
 * - search has no order_by (MLflow's UC client refuses it), its filter is a single condition
 *   (`name = '…'` or `run_id = '…'`), max_results defaults to and is capped at 10,000, and
 *   MLflow builds search results with empty tags and aliases, so this fake sends neither there.
 * Assumed where no public source says (the service is closed): the error answers. Missing
 * model, version or alias are 404 RESOURCE_DOES_NOT_EXIST with messages in MLflow's style
 * (`missingAlias: 'invalid-parameter'` answers an unset alias the way OSS MLflow does instead,
 * 400 INVALID_PARAMETER_VALUE "Registered model alias <a> not found."); a two-level name is
 * 400 INVALID_PARAMETER_VALUE mentioning "specify all three levels" (the text MLflow's client
 * looks for); order_by or a compound filter is 400 INVALID_PARAMETER_VALUE. Writes need a token
 * with write access (the workspace fake answers 403 PERMISSION_DENIED otherwise).
 * Every message field is optional in the protos; `sparse` leaves `name` out of answers.
 */
export interface FakeUnityCatalogOptions {
  /** Milliseconds since the epoch, for timestamps; share the test's fake clock. */
  now?: () => number;
  /** The most versions on one search page, whatever max_results asks (forces paging). */
  maxPageSize?: number;
  missingAlias?: 'not-found' | 'invalid-parameter';
  /**
   * 'workspace' serves the legacy Workspace Model Registry instead: the OSS paths under
   * /api/2.0/mlflow/ (`model-versions/set-tag`), any name, string aliases on versions, and no
   * alias calls (MLflow's client refuses them there; the workspace's own answer is not modelled).
   */
  api?: 'unity-catalog' | 'workspace';
  /** Leave `name` out of model versions and the registered model (every field is optional in the protos). */
  sparse?: boolean;
}

interface StoredVersion {
  version: string;
  source: string;
  status: 'READY' | 'PENDING_REGISTRATION' | 'FAILED_REGISTRATION';
  createdAt: number;
  tags: Map<string, string>;
}

interface StoredModel {
  name: string;
  createdAt: number;
  versions: Map<string, StoredVersion>;
  aliases: Map<string, string>;
}


export class FakeUnityCatalogRegistry implements FakeService {
  readonly name = 'unity-catalog-models';
  readonly routes: FakeRoute[];
  private readonly models = new Map<string, StoredModel>();
  private readonly now: () => number;

  constructor(private readonly options: FakeUnityCatalogOptions = {}) {
    this.now = options.now ?? Date.now;
    const workspace = options.api === 'workspace';
    const base = workspace ? '/api/2.0/mlflow/' : '/api/2.0/mlflow/unity-catalog/';
    const route = (method: string, path: string, writes: boolean, handle: (r: FakeRequest) => FakeReply): FakeRoute => ({ method, pattern: new RegExp(`^${base}${path}$`), writes, handle });
    this.routes = [
      route('GET', 'registered-models/get', false, (r) => this.getModel(r)),
      route('GET', 'model-versions/get', false, (r) => this.getVersion(r)),
      route('GET', 'model-versions/search', false, (r) => this.search(r)),
      route('POST', 'model-versions/set-tag', true, (r) => this.setTag(r)),
      ...(workspace
        ? []
        : [
            route('GET', 'registered-models/alias', false, (r) => this.getAlias(r)),
            route('POST', 'registered-models/alias', true, (r) => this.setAlias(r)),
            route('DELETE', 'registered-models/alias', true, (r) => this.deleteAlias(r)),
          ]),
    ];
  }

  /** Test helpers: the state, set and read directly. */
  addVersion(model: string, options: { source?: string; tags?: Record<string, string>; status?: StoredVersion['status'] } = {}): string {
    const stored = this.models.get(model) ?? { name: model, createdAt: this.now(), versions: new Map(), aliases: new Map() };
    this.models.set(model, stored);
    const version = String(stored.versions.size + 1);
    const tags = new Map(Object.entries(options.tags ?? {}));
    stored.versions.set(version, { version, source: options.source ?? `models:/${model}/${version}`, status: options.status ?? 'READY', createdAt: this.now(), tags });
    return version;
  }

  aliasesOf(model: string): Record<string, string> {
    return Object.fromEntries(this.models.get(model)?.aliases ?? []);
  }

  tagsOf(model: string, version: string): Record<string, string> {
    return Object.fromEntries(this.models.get(model)?.versions.get(version)?.tags ?? []);
  }

  /** Moves an alias as another release would. */
  setAliasDirectly(model: string, alias: string, version: string): void {
    this.models.get(model)?.aliases.set(alias, version);
  }

  private getModel(req: FakeRequest): FakeReply {
    const found = this.model(fields(req), 'name');
    if ('status' in found) return found;
    const m = found.model;
    return ok({
      registered_model: {
        ...(this.options.sparse ? {} : { name: m.name }),
        creation_timestamp: m.createdAt,
        last_updated_timestamp: m.createdAt,
        aliases: [...m.aliases].map(([alias, version]) => ({ alias, version })),
        tags: [],
      },
    });
  }

  private getVersion(req: FakeRequest): FakeReply {
    const found = this.version(fields(req));
    return 'status' in found ? found : ok({ model_version: this.wire(found.model, found.version, true) });
  }

  private search(req: FakeRequest): FakeReply {
    const query = req.query;
    if (query.has('order_by') && this.options.api !== 'workspace') return invalid('Unsupported parameter: order_by.');
    const filter = query.get('filter') ?? '';
    const match = /^\s*(name|run_id)\s*=\s*'([^']*)'\s*$/.exec(filter);
    if (!match) return invalid(`Invalid filter '${filter}': expected a single condition, name = '<catalog>.<schema>.<model>' or run_id = '<id>'.`);
    const asked = query.get('max_results') === null ? 10_000 : Number(query.get('max_results'));
    if (!Number.isInteger(asked) || asked < 1 || asked > 10_000) return invalid(`Invalid value ${query.get('max_results')} for parameter 'max_results': must be between 1 and 10000.`);
    const size = Math.min(asked, this.options.maxPageSize ?? asked);
    const offset = Number(query.get('page_token') ?? '0');
    if (!Number.isInteger(offset) || offset < 0) return invalid('Invalid page_token.');
    const model = match[1] === 'name' ? this.models.get(match[2] ?? '') : undefined;
    // Newest first, like the service's listings; a client must not rely on any order.
    const all = model ? [...model.versions.values()].reverse() : [];
    const page = all.slice(offset, offset + size);
    const json: Record<string, unknown> = { model_versions: page.map((v) => this.wire(model as StoredModel, v, this.options.api === 'workspace')) };
    if (offset + size < all.length) json.next_page_token = String(offset + size);
    return ok(json);
  }

  private getAlias(req: FakeRequest): FakeReply {
    const f = fields(req);
    const found = this.model(f, 'name');
    if ('status' in found) return found;
    const alias = required(f, 'alias');
    if (typeof alias !== 'string') return alias;
    const version = found.model.aliases.get(alias);
    if (version === undefined) {
      return this.options.missingAlias === 'invalid-parameter'
        ? invalid(`Registered model alias ${alias} not found.`)
        : databricksError(404, 'RESOURCE_DOES_NOT_EXIST', `Registered model alias ${alias} not found on ${found.model.name}.`);
    }
    return ok({ model_version: this.wire(found.model, found.model.versions.get(version) as StoredVersion, true) });
  }

  private setAlias(req: FakeRequest): FakeReply {
    const f = fields(req);
    const found = this.version(f);
    if ('status' in found) return found;
    const alias = required(f, 'alias');
    if (typeof alias !== 'string') return alias;
    found.model.aliases.set(alias, found.version.version);
    return ok({});
  }

  private deleteAlias(req: FakeRequest): FakeReply {
    const f = fields(req);
    const found = this.model(f, 'name');
    if ('status' in found) return found;
    const alias = required(f, 'alias');
    if (typeof alias !== 'string') return alias;
    if (!found.model.aliases.delete(alias)) return databricksError(404, 'RESOURCE_DOES_NOT_EXIST', `Registered model alias ${alias} not found on ${found.model.name}.`);
    return ok({});
  }

  private setTag(req: FakeRequest): FakeReply {
    const f = fields(req);
    const found = this.version(f);
    if ('status' in found) return found;
    const key = required(f, 'key');
    if (typeof key !== 'string') return key;
    found.version.tags.set(key, typeof f.value === 'string' ? f.value : '');
    return ok({});
  }

  private model(f: Fields, field: string): { model: StoredModel } | FakeReply {
    const name = required(f, field);
    if (typeof name !== 'string') return name;
    if (this.options.api !== 'workspace' && name.split('.').length !== 3) return invalid(`Invalid model name '${name}': specify all three levels of the name (catalog.schema.model).`);
    const model = this.models.get(name);
    return model ? { model } : databricksError(404, 'RESOURCE_DOES_NOT_EXIST', `Registered model '${name}' does not exist.`);
  }

  private version(f: Fields): { model: StoredModel; version: StoredVersion } | FakeReply {
    const found = this.model(f, 'name');
    if ('status' in found) return found;
    const number = required(f, 'version');
    if (typeof number !== 'string') return number;
    const version = found.model.versions.get(number);
    return version ? { model: found.model, version } : databricksError(404, 'RESOURCE_DOES_NOT_EXIST', `Model version ${found.model.name} version ${number} does not exist.`);
  }

  private wire(model: StoredModel, v: StoredVersion, full: boolean): Record<string, unknown> {
    const wire: Record<string, unknown> = {
      ...(this.options.sparse ? {} : { name: model.name }),
      version: v.version,
      creation_timestamp: v.createdAt,
      last_updated_timestamp: v.createdAt,
      source: v.source,
      status: v.status,
      storage_location: `s3://uc-bucket/models/${model.name}/${v.version}`,
    };
    if (full) {
      wire.tags = [...v.tags].map(([key, value]) => ({ key, value }));
      const held = [...model.aliases].filter(([, version]) => version === v.version);
      wire.aliases = this.options.api === 'workspace' ? held.map(([alias]) => alias) : held.map(([alias, version]) => ({ alias, version }));
    }
    return wire;
  }
}

type Fields = Record<string, unknown>;

/** Query parameters for GET, the JSON body otherwise (a body that is not JSON reads as empty). */
function fields(req: FakeRequest): Fields {
  if (req.method === 'GET') return Object.fromEntries(req.query);
  try {
    const parsed: unknown = JSON.parse(req.body.toString('utf8') || '{}');
    return typeof parsed === 'object' && parsed !== null ? (parsed as Fields) : {};
  } catch {
    return {};
  }
}

function required(f: Fields, field: string): string | FakeReply {
  const value = f[field];
  return typeof value === 'string' && value !== '' ? value : invalid(`Missing value for required parameter '${field}'.`);
}

function ok(json: unknown): FakeReply {
  return { status: 200, json };
}

function invalid(message: string): FakeReply {
  return databricksError(400, 'INVALID_PARAMETER_VALUE', message);
}
