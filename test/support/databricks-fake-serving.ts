import { databricksError, type FakeReply, type FakeRequest, type FakeRoute, type FakeService } from './databricks-fake';

/**
 * A FAKE of Databricks Model Serving endpoints, added to the fake workspace through
 * `startDatabricksFake({ services: [serving] })`. Contract from the Databricks SDK's `serving`
 * service and the REST reference (apis.md §4); what those leave open is marked ASSUMED.
 *
 * - POST /api/2.0/serving-endpoints `{name, config, ai_gateway?, tags?}` -> the endpoint with
 *   `state {ready: NOT_READY, config_update: IN_PROGRESS}` and the config in `pending_config`.
 *   A taken name -> 409 RESOURCE_ALREADY_EXISTS (status ASSUMED).
 * - GET /api/2.0/serving-endpoints/{name} -> ServingEndpointDetailed; unknown -> 404
 *   RESOURCE_DOES_NOT_EXIST "Endpoint with name '<name>' does not exist." (text ASSUMED).
 *   GET /api/2.0/serving-endpoints -> `{endpoints}`.
 * - PUT /api/2.0/serving-endpoints/{name}/config `{served_entities, traffic_config}` -> the
 *   endpoint with `pending_config` (config_version + 1) and IN_PROGRESS; the old config keeps
 *   serving (ready stays READY). During IN_PROGRESS -> 409 RESOURCE_CONFLICT (code as public
 *   client code handles it; message ASSUMED).
 * - An update (or create) takes `updateTakes` (ms of `now()` when given a clock, else GET polls of
 *   that endpoint); then the pending config becomes `config`, NOT_UPDATING, READY. A failure
 *   scripted with `failNextUpdate` ends it UPDATE_FAILED instead: `pending_config` stays with the
 *   entity state DEPLOYMENT_FAILED and the scripted `deployment_state_message` (ASSUMED: the real
 *   service keeps the failed pending config visible); ready stays what it was.
 * - Validation -> 400 INVALID_PARAMETER_VALUE (messages ASSUMED): `served_models` together with
 *   `served_entities`; an entity without entity_name/entity_version; duplicate entity names;
 *   routes naming no served entity; percentages not summing to 100.
 * - Agent / non-agent: entities whose `entity_name` is in `agentModels` are agents; an update
 *   that switches an endpoint between agent and non-agent -> 400 INVALID_PARAMETER_VALUE "Agent
 *   endpoint cannot be updated to serve non-agent models." (text as users report it; status,
 *   code and the reverse text ASSUMED).
 * - DELETE /api/2.0/serving-endpoints/{name} -> `{}`; unknown -> 404.
 * - PUT /api/2.0/serving-endpoints/{name}/ai-gateway -> the gateway config back (shape ASSUMED);
 *   the body replaces the whole gateway config, so `{}` clears it (ASSUMED). On an agent endpoint
 *   anything but `inference_table_config` -> 400 INVALID_PARAMETER_VALUE (the SDK: "agent
 *   endpoints currently only support inference tables"; status and text ASSUMED).
 * - PATCH /api/2.0/serving-endpoints/{name}/tags `{add_tags, delete_tags}` -> `{tags}`; create
 *   takes `tags`; GET returns them.
 * - `auto_capture_config` (legacy inference tables) is kept with the config it was sent with and
 *   returned with a `state`; a config sent without it has none (ASSUMED: logging stops).
 * - Sizing (the SDK's ServedEntityInput): `workload_size` together with min/max provisioned
 *   concurrency -> 400; without `workload_size` the server fills one in (ASSUMED: from the
 *   concurrency bounds, Small up to 4, Medium up to 16, else Large).
 * - External models (`external_model {provider, name, task, <provider>_config}`): the entity name
 *   defaults to the model name with `.`/`:` as `-`; each needs a credential (a secret reference
 *   or its `*_plaintext` twin) or -> 400; GET leaves every `*_plaintext` field out.
 * - Agent endpoints report `task: agent/v1/chat` (ASSUMED, as public client code reads it).
 * - Like the real service, answers vary in what optional fields they carry: `sparseAnswers`
 *   leaves `name` and `state` out of create and PUT /config answers (every field of
 *   ServingEndpointDetailed is optional in the SDKs); `legacyServedModels` returns the
 *   deprecated `served_models` beside `served_entities`; `reorderEntities` lists entities in
 *   reverse.
 * 429 bursts and lost answers come from the workspace fake's `failNext`.
 */
export interface FakeServingOptions {
  /** A clock: durations are then milliseconds; without one they count GET polls of the endpoint. */
  now?: () => number;
  /** How long a create or config update stays IN_PROGRESS. Default 2. */
  updateTakes?: number;
  /** Registered model names served as agents. */
  agentModels?: string[];
  sparseAnswers?: boolean;
  legacyServedModels?: boolean;
  reorderEntities?: boolean;
}

type Json = Record<string, unknown>;
interface Entity extends Json {
  name: string;
  entity_name?: string;
  entity_version?: string;
}
interface Config {
  config_version: number;
  served_entities: Entity[];
  traffic_config: { routes: { served_entity_name: string; traffic_percentage: number }[] };
  auto_capture_config?: Json;
}
type Tag = { key: string; value?: string };
interface Pending {
  config: Config;
  startedAt: number;
  polls: number;
  failure?: string;
}
export interface FakeEndpoint {
  name: string;
  ready: 'READY' | 'NOT_READY';
  update: 'NOT_UPDATING' | 'IN_PROGRESS' | 'UPDATE_FAILED';
  config?: Config;
  pending?: Pending;
  aiGateway?: Json;
  tags: Tag[];
  /** Time or poll at which the endpoint last turned READY with nothing in progress. */
  settledAt?: number;
  polls: number;
}

export class FakeServingApi implements FakeService {
  readonly name = 'serving';
  readonly routes: FakeRoute[];
  readonly endpoints = new Map<string, FakeEndpoint>();
  /** Every config body PUT or POSTed, in order, as received. */
  readonly received: Json[] = [];
  private readonly failures = new Map<string, string>();

  constructor(private readonly options: FakeServingOptions = {}) {
    const one = /^\/api\/2\.0\/serving-endpoints\/([^/]+)$/;
    this.routes = [
      { method: 'POST', pattern: /^\/api\/2\.0\/serving-endpoints$/, writes: true, handle: (r) => this.create(r) },
      { method: 'GET', pattern: /^\/api\/2\.0\/serving-endpoints$/, writes: false, handle: () => ({ status: 200, json: { endpoints: [...this.endpoints.values()].map((e) => this.describe(e)) } }) },
      { method: 'GET', pattern: one, writes: false, handle: (r) => this.get(r) },
      { method: 'DELETE', pattern: one, writes: true, handle: (r) => this.remove(r) },
      { method: 'PUT', pattern: /^\/api\/2\.0\/serving-endpoints\/([^/]+)\/config$/, writes: true, handle: (r) => this.updateConfig(r) },
      { method: 'PUT', pattern: /^\/api\/2\.0\/serving-endpoints\/([^/]+)\/ai-gateway$/, writes: true, handle: (r) => this.putGateway(r) },
      { method: 'PATCH', pattern: /^\/api\/2\.0\/serving-endpoints\/([^/]+)\/tags$/, writes: true, handle: (r) => this.patchTags(r) },
    ];
  }

  /** An endpoint that already serves `config` (READY, NOT_UPDATING), for tests that start from one. */
  seed(name: string, config: Omit<Config, 'config_version'>, aiGateway?: Json, tags: Tag[] = []): void {
    this.endpoints.set(name, { name, ready: 'READY', update: 'NOT_UPDATING', config: { config_version: 1, ...structuredClone(config) }, aiGateway, tags: structuredClone(tags), polls: 0 });
  }

  /** Someone else's update, in progress now. */
  startForeignUpdate(name: string, config: Omit<Config, 'config_version'>): void {
    const endpoint = this.endpoints.get(name);
    if (!endpoint) throw new Error(`no endpoint ${name}`);
    this.begin(endpoint, structuredClone(config));
  }

  /** The next update (or create) of `name` ends UPDATE_FAILED with this deployment_state_message. */
  failNextUpdate(name: string, message: string): void {
    this.failures.set(name, message);
  }

  private now(endpoint: FakeEndpoint): number {
    return this.options.now ? this.options.now() : endpoint.polls;
  }

  private create(req: FakeRequest): FakeReply {
    const body = parseBody(req);
    const name = typeof body.name === 'string' ? body.name : '';
    if (!/^[A-Za-z0-9_-]{1,63}$/.test(name)) return databricksError(400, 'INVALID_PARAMETER_VALUE', `Invalid endpoint name '${name}'.`);
    if (this.endpoints.has(name)) return databricksError(409, 'RESOURCE_ALREADY_EXISTS', `Endpoint with name '${name}' already exists.`);
    const checked = this.validate((body.config ?? {}) as Json);
    if ('status' in checked) return checked;
    this.received.push(body);
    const endpoint: FakeEndpoint = { name, ready: 'NOT_READY', update: 'NOT_UPDATING', polls: 0, aiGateway: body.ai_gateway as Json | undefined, tags: (body.tags as Tag[] | undefined) ?? [] };
    this.endpoints.set(name, endpoint);
    this.begin(endpoint, checked);
    return { status: 200, json: this.answer(endpoint) };
  }

  private get(req: FakeRequest): FakeReply {
    const endpoint = this.endpoints.get(req.params[0] ?? '');
    if (!endpoint) return notFound(req.params[0] ?? '');
    endpoint.polls++;
    this.advance(endpoint);
    return { status: 200, json: this.describe(endpoint) };
  }

  private remove(req: FakeRequest): FakeReply {
    const name = req.params[0] ?? '';
    if (!this.endpoints.delete(name)) return notFound(name);
    return { status: 200, json: {} };
  }

  private updateConfig(req: FakeRequest): FakeReply {
    const name = req.params[0] ?? '';
    const endpoint = this.endpoints.get(name);
    if (!endpoint) return notFound(name);
    this.advance(endpoint);
    const body = parseBody(req);
    if (endpoint.update === 'IN_PROGRESS') {
      return databricksError(409, 'RESOURCE_CONFLICT', `Endpoint '${name}' is currently being updated. Wait for the update to finish before updating the endpoint again.`);
    }
    const checked = this.validate(body);
    if ('status' in checked) return checked;
    const servedAgent = (endpoint.config?.served_entities ?? []).some((e) => this.isAgent(e));
    const wantsAgent = checked.served_entities.some((e) => this.isAgent(e));
    if (endpoint.config && servedAgent !== wantsAgent) {
      return databricksError(400, 'INVALID_PARAMETER_VALUE', servedAgent ? 'Agent endpoint cannot be updated to serve non-agent models.' : 'Non-agent endpoint cannot be updated to serve agent models.');
    }
    this.received.push(body);
    this.begin(endpoint, checked);
    return { status: 200, json: this.answer(endpoint) };
  }

  private putGateway(req: FakeRequest): FakeReply {
    const endpoint = this.endpoints.get(req.params[0] ?? '');
    if (!endpoint) return notFound(req.params[0] ?? '');
    const gateway = parseBody(req);
    const unsupported = Object.keys(gateway).filter((k) => k !== 'inference_table_config');
    if (this.servesAgent(endpoint) && unsupported.length > 0) {
      return databricksError(400, 'INVALID_PARAMETER_VALUE', `Agent endpoints only support inference tables in the AI Gateway; got ${unsupported.join(', ')}.`);
    }
    endpoint.aiGateway = gateway;
    return { status: 200, json: endpoint.aiGateway };
  }

  private patchTags(req: FakeRequest): FakeReply {
    const endpoint = this.endpoints.get(req.params[0] ?? '');
    if (!endpoint) return notFound(req.params[0] ?? '');
    const body = parseBody(req);
    const add = (body.add_tags ?? []) as Tag[];
    const remove = (body.delete_tags ?? []) as string[];
    endpoint.tags = [...endpoint.tags.filter((t) => !remove.includes(t.key) && !add.some((a) => a.key === t.key)), ...add];
    return { status: 200, json: { tags: endpoint.tags } };
  }

  private servesAgent(endpoint: FakeEndpoint): boolean {
    return (endpoint.config ?? endpoint.pending?.config)?.served_entities.some((e) => this.isAgent(e)) ?? false;
  }

  private isAgent(entity: Entity): boolean {
    return entity.entity_name !== undefined && (this.options.agentModels ?? []).includes(entity.entity_name);
  }

  private begin(endpoint: FakeEndpoint, config: Omit<Config, 'config_version'>): void {
    const version = Math.max(endpoint.config?.config_version ?? 0, endpoint.pending?.config.config_version ?? 0) + 1;
    const failure = this.failures.get(endpoint.name);
    this.failures.delete(endpoint.name);
    endpoint.pending = { config: { ...config, config_version: version }, startedAt: this.now(endpoint), polls: endpoint.polls, ...(failure !== undefined ? { failure } : {}) };
    endpoint.update = 'IN_PROGRESS';
  }

  /** Moves the state machine on to where time (or polls) say it is. */
  private advance(endpoint: FakeEndpoint): void {
    const pending = endpoint.pending;
    if (!pending || endpoint.update !== 'IN_PROGRESS') return;
    const took = this.options.now ? this.now(endpoint) - pending.startedAt : endpoint.polls - pending.polls;
    const needed = this.options.updateTakes ?? 2;
    if (took < needed) return;
    if (pending.failure !== undefined) {
      endpoint.update = 'UPDATE_FAILED';
      return;
    }
    endpoint.config = pending.config;
    endpoint.pending = undefined;
    endpoint.update = 'NOT_UPDATING';
    endpoint.ready = 'READY';
    // The moment it settled: what a poller could have seen first, for the wait benchmark.
    endpoint.settledAt = (this.options.now ? pending.startedAt : pending.polls) + needed;
  }

  /** A create or PUT /config answer: with `sparseAnswers`, without the fields the SDKs leave optional. */
  private answer(endpoint: FakeEndpoint): Json {
    const json = this.describe(endpoint);
    if (!this.options.sparseAnswers) return json;
    const { name: _name, state: _state, ...rest } = json;
    return rest;
  }

  private describe(endpoint: FakeEndpoint): Json {
    const entities = (config: Config, state: Json): Json[] => {
      const listed = config.served_entities.map((e) => {
        // An entity the serving config already runs is not redeployed by the update.
        const running = endpoint.config?.served_entities.some((c) => c.name === e.name && c.entity_version === e.entity_version);
        return { ...withoutPlaintext(e), creator: 'fake@databricks.test', creation_timestamp: 1_700_000_000_000, state: running ? readyState : state };
      });
      return this.options.reorderEntities ? listed.reverse() : listed;
    };
    const output = (config: Config, state: Json): Json => {
      const served_entities = entities(config, state);
      return {
        ...config,
        served_entities,
        ...(config.auto_capture_config ? { auto_capture_config: { ...config.auto_capture_config, state: { payload_table: { name: `${String(config.auto_capture_config.table_name_prefix ?? endpoint.name)}_payload`, status: 'ACTIVE' } } } } : {}),
        ...(this.options.legacyServedModels
          ? { served_models: served_entities.map(({ entity_name, entity_version, ...e }) => ({ ...e, model_name: entity_name, model_version: entity_version })) }
          : {}),
      };
    };
    const readyState = { deployment: 'DEPLOYMENT_READY', deployment_state_message: '' };
    const failed = endpoint.update === 'UPDATE_FAILED';
    const pendingState = failed
      ? { deployment: 'DEPLOYMENT_FAILED', deployment_state_message: endpoint.pending?.failure }
      : { deployment: 'DEPLOYMENT_CREATING', deployment_state_message: 'Creating the serving container.' };
    return {
      name: endpoint.name,
      id: `fake-${endpoint.name}`,
      creator: 'fake@databricks.test',
      creation_timestamp: 1_700_000_000_000,
      last_updated_timestamp: 1_700_000_000_000,
      ...(this.servesAgent(endpoint) ? { task: 'agent/v1/chat' } : {}),
      state: { ready: endpoint.ready, config_update: endpoint.update },
      ...(endpoint.config ? { config: output(endpoint.config, readyState) } : {}),
      ...(endpoint.pending ? { pending_config: { ...output(endpoint.pending.config, pendingState), start_time: endpoint.pending.startedAt } } : {}),
      ...(endpoint.aiGateway ? { ai_gateway: endpoint.aiGateway } : {}),
      ...(endpoint.tags.length ? { tags: endpoint.tags } : {}),
      permission_level: 'CAN_MANAGE',
    };
  }

  /** The config a create or PUT asks for, or the 400 the real service would answer. */
  private validate(body: Json): Omit<Config, 'config_version'> | FakeReply {
    const invalid = (message: string): FakeReply => databricksError(400, 'INVALID_PARAMETER_VALUE', message);
    if (body.served_models !== undefined && body.served_entities !== undefined) return invalid('Only one of served_models or served_entities may be specified.');
    const raw = (body.served_entities ?? body.served_models ?? []) as Json[];
    if (!Array.isArray(raw) || raw.length === 0) return invalid('The endpoint config must serve at least one entity.');
    const entities: Entity[] = [];
    for (const e of raw) {
      const sized = e.min_provisioned_concurrency !== undefined || e.max_provisioned_concurrency !== undefined;
      if (sized && e.workload_size !== undefined) return invalid('workload_size cannot be specified together with min_provisioned_concurrency and max_provisioned_concurrency.');
      const external = e.external_model as Json | undefined;
      if (external) {
        const missing = missingCredential(external);
        if (missing) return invalid(missing);
        const name = typeof e.name === 'string' ? e.name : String(external.name).replace(/[.:]/g, '-');
        if (entities.some((x) => x.name === name)) return invalid(`Served entity names must be unique; '${name}' is used twice.`);
        entities.push({ ...e, name });
        continue;
      }
      const entityName = e.entity_name ?? e.model_name;
      const version = e.entity_version ?? e.model_version;
      if (typeof entityName !== 'string' || typeof version !== 'string') return invalid('Each served entity needs entity_name and entity_version.');
      const name = typeof e.name === 'string' ? e.name : `${entityName.split('.').pop()}-${version}`;
      if (entities.some((x) => x.name === name)) return invalid(`Served entity names must be unique; '${name}' is used twice.`);
      const max = Number(e.max_provisioned_concurrency ?? 4);
      const filled = sized ? { workload_size: max <= 4 ? 'Small' : max <= 16 ? 'Medium' : 'Large' } : {};
      entities.push({ ...e, ...filled, name, entity_name: entityName, entity_version: version });
    }
    const given = ((body.traffic_config as Json | undefined)?.routes ?? undefined) as Json[] | undefined;
    const routes = (given ?? (entities.length === 1 ? [{ served_entity_name: entities[0]?.name, traffic_percentage: 100 }] : [])).map((r) => ({
      served_entity_name: String(r.served_entity_name ?? r.served_model_name),
      traffic_percentage: r.traffic_percentage as number,
    }));
    for (const r of routes) {
      if (!entities.some((e) => e.name === r.served_entity_name)) return invalid(`Route served_entity_name '${r.served_entity_name}' does not match any served entity; served entities: ${entities.map((e) => e.name).join(', ')}.`);
      if (!Number.isInteger(r.traffic_percentage) || r.traffic_percentage < 0 || r.traffic_percentage > 100) return invalid('traffic_percentage must be an integer from 0 to 100.');
    }
    const sum = routes.reduce((s, r) => s + r.traffic_percentage, 0);
    if (sum !== 100) return invalid(`The traffic percentages of the routes must sum to 100, got ${sum}.`);
    const capture = body.auto_capture_config as Json | undefined;
    return { served_entities: entities, traffic_config: { routes }, ...(capture ? { auto_capture_config: capture } : {}) };
  }
}

/** The 400 for an external model sent without any credential (the SDK: "You must provide an API key using one of the following fields"). */
function missingCredential(external: Json): string | undefined {
  for (const [key, config] of Object.entries(external)) {
    if (!key.endsWith('_config') || !config || typeof config !== 'object') continue;
    const text = JSON.stringify(config);
    if (!/_(api_key|api_token|access_key_id|secret_access_key|private_key|client_secret)(_plaintext)?"|"(value|token)(_plaintext)?"|"instance_profile_arn"/.test(text)) {
      return `External model ${String(external.name)}: ${key} needs a credential: a secret reference or its plaintext field.`;
    }
  }
  return undefined;
}

/** What GET shows of an entity: every `*_plaintext` secret left out. */
function withoutPlaintext(value: Json): Json {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!v || typeof v !== 'object') return v;
    return Object.fromEntries(Object.entries(v).filter(([k]) => !k.endsWith('_plaintext')).map(([k, x]) => [k, walk(x)]));
  };
  return walk(value) as Json;
}

function notFound(name: string): FakeReply {
  return databricksError(404, 'RESOURCE_DOES_NOT_EXIST', `Endpoint with name '${name}' does not exist.`);
}

function parseBody(req: FakeRequest): Json {
  try {
    return JSON.parse(req.body.toString('utf8') || '{}') as Json;
  } catch {
    return {};
  }
}
