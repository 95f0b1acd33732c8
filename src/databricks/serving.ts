import { z } from 'zod';
import { InputError, RemoteError } from '../errors';
import type { Logger } from '../logger';
import type { HttpResponse } from '../http/client';
import { DatabricksApi, type DatabricksApiOptions } from './api';
import { DatabricksApiError, isNotFound } from './files';
import { pollDelay } from './job-wait';
import { lazySchema } from '../config/zod-helpers';
import { aiGatewaySchema, type AiGateway } from './ai-gateway';

/**
 * Databricks Model Serving endpoints (`/api/2.0/serving-endpoints`), checked against the
 * Databricks SDK's `serving` service (databricks-sdk-py `service/serving.py`, databricks-sdk-go
 * `service/serving/model.go`):
 *
 * - Only `served_entities` (`entity_name`, `entity_version`) and routes keyed by
 *   `served_entity_name` are ever sent; the legacy `served_models` is read but never written.
 * - Every field of a response is optional in the SDKs (ServingEndpointDetailed: even `name` and
 *   `state`; their waiters read only `name`), so nothing is required here: an answer without
 *   `name` is the endpoint asked for, and one without `state` says nothing about readiness (a
 *   wait keeps polling until it does).
 * - Enum-like fields stay strings: both SDKs list five deployment states (DEPLOYMENT_CREATING,
 *   _RECOVERING, _READY, _FAILED, _ABORTED), and workload sizes / types keep growing, so an
 *   unknown value is carried, not refused.
 * - A served entity sent back (a kept stable entity, a restored snapshot) carries exactly the
 *   fields of the SDK's ServedEntityInput, taken from the GET output by that schema (output-only
 *   fields such as `creator`, `state`, `foundation_model` drop out because the input schema does
 *   not have them). What GET shows of sizing and of external-model keys cannot always be sent
 *   back as read: see `toEntityInput` and `unsendableCredentials`.
 * - A missing endpoint is 404 (RESOURCE_DOES_NOT_EXIST in the SDK's error mapping).
 *   ASSUMED (update in progress): a PUT while another update is IN_PROGRESS is refused with 409
 *   RESOURCE_CONFLICT (public client code catches the SDK's ResourceConflict there); no source
 *   gives the status for certain, so a 400 whose message says the endpoint is being updated
 *   counts too (`isUpdateInProgress`).
 *   ASSUMED (agent switch): the agent / non-agent refusal's text ("Agent endpoint cannot be
 *   updated to serve non-agent models") is as users report it; its status and error_code are
 *   not documented, so any 4xx with that text counts (`isAgentSwitchRefusal`).
 */
export const knownWorkloadSizes = ['Small', 'Medium', 'Large'] as const;

/**
 * An external model (the SDK's ExternalModel): `provider`, `name`, `task` and one
 * `<provider>_config` whose fields pass through as given.
 */
const externalModelSchema = lazySchema(() => z.looseObject({ provider: z.string().optional(), name: z.string().optional(), task: z.string().optional() }));

/**
 * The SDK's ServedEntityInput, field for field. Not loose: parsing a GET output with it keeps
 * exactly what a PUT may carry. A field the SDK adds later is dropped until it is listed here.
 */
export const servedEntityInputSchema = lazySchema(() => z.object({
  name: z.string().optional(),
  entity_name: z.string().optional(),
  entity_version: z.string().optional(),
  external_model: externalModelSchema.optional(),
  workload_size: z.string().optional(),
  workload_type: z.string().optional(),
  scale_to_zero_enabled: z.boolean().optional(),
  environment_vars: z.record(z.string(), z.string()).optional(),
  instance_profile_arn: z.string().optional(),
  min_provisioned_concurrency: z.number().int().optional(),
  max_provisioned_concurrency: z.number().int().optional(),
  min_provisioned_throughput: z.number().int().optional(),
  max_provisioned_throughput: z.number().int().optional(),
  provisioned_model_units: z.number().int().optional(),
  burst_scaling_enabled: z.boolean().optional(),
}));
export type ServedEntityInput = z.infer<typeof servedEntityInputSchema>;

const servedEntityStateSchema = lazySchema(() => z.looseObject({ deployment: z.string().optional(), deployment_state_message: z.string().optional() }));
/** The SDK's ServedEntityOutput: the input fields plus what the server adds (kept loose, so nothing read is lost). */
export const servedEntityOutputSchema = lazySchema(() => z.looseObject({
  ...servedEntityInputSchema.unwrap().shape,
  creation_timestamp: z.number().optional(),
  creator: z.string().optional(),
  state: servedEntityStateSchema.optional(),
}));
export type ServedEntityOutput = z.infer<typeof servedEntityOutputSchema>;

export const routeSchema = lazySchema(() => z.looseObject({
  served_entity_name: z.string().optional(),
  /** Legacy key; responses may carry it next to served_entity_name. */
  served_model_name: z.string().optional(),
  traffic_percentage: z.number().int(),
}));
export type Route = z.infer<typeof routeSchema>;
export const trafficConfigSchema = lazySchema(() => z.looseObject({ routes: z.array(routeSchema).optional() }));
export type TrafficConfig = z.infer<typeof trafficConfigSchema>;

/**
 * Legacy inference tables (the SDK's AutoCaptureConfigInput, deprecated in favour of the AI
 * Gateway's but still served). ASSUMED: a PUT /config without it turns payload logging off, so
 * whatever the endpoint has is sent back with every change.
 */
export const autoCaptureConfigInputSchema = lazySchema(() => z.object({
  catalog_name: z.string().optional(),
  schema_name: z.string().optional(),
  table_name_prefix: z.string().optional(),
  enabled: z.boolean().optional(),
}));
export type AutoCaptureConfigInput = z.infer<typeof autoCaptureConfigInputSchema>;

/** The body of PUT /config and `config` of a create: the config without `config_version`. */
export const endpointConfigInputSchema = lazySchema(() => z.object({
  served_entities: z.array(servedEntityInputSchema),
  traffic_config: trafficConfigSchema.optional(),
  auto_capture_config: autoCaptureConfigInputSchema.optional(),
}));
export type EndpointConfigInput = z.infer<typeof endpointConfigInputSchema>;

const endpointConfigOutputSchema = lazySchema(() => z.looseObject({
  config_version: z.number().int().optional(),
  start_time: z.number().optional(),
  served_entities: z.array(servedEntityOutputSchema).optional(),
  served_models: z.array(z.record(z.string(), z.unknown())).optional(),
  traffic_config: trafficConfigSchema.optional(),
  /** AutoCaptureConfigOutput: the input fields plus `state`. */
  auto_capture_config: z.looseObject(autoCaptureConfigInputSchema.unwrap().shape).optional(),
}));
export type EndpointConfigOutput = z.infer<typeof endpointConfigOutputSchema>;

/**
 * The AI Gateway settings an agent endpoint takes. The SDK (ServingEndpoint.ai_gateway): "agent
 * endpoints currently only support inference tables".
 */
export const agentGatewaySettings: readonly string[] = ['inference_table_config'];

/**
 * ASSUMED: an endpoint serving an agent reports a `task` starting with `agent/` (public client
 * code reads agent/v1/chat, agent/v2/chat, agent/v1/responses); the SDK documents `task` only as
 * "the task type of the serving endpoint".
 */
export function isAgentEndpoint(endpoint: ServingEndpoint): boolean {
  return typeof endpoint.task === 'string' && endpoint.task.startsWith('agent/');
}

export const endpointTagSchema = lazySchema(() => z.object({ key: z.string(), value: z.string().optional() }));
export type EndpointTag = z.infer<typeof endpointTagSchema>;

const endpointStateSchema = lazySchema(() => z.looseObject({ ready: z.string().optional(), config_update: z.string().optional() }));
const servingEndpointWireSchema = lazySchema(() => z.looseObject({
  name: z.string().optional(),
  id: z.string().optional(),
  creator: z.string().optional(),
  creation_timestamp: z.number().optional(),
  last_updated_timestamp: z.number().optional(),
  task: z.string().optional(),
  endpoint_url: z.string().optional(),
  route_optimized: z.boolean().optional(),
  state: endpointStateSchema.optional(),
  config: endpointConfigOutputSchema.optional(),
  pending_config: endpointConfigOutputSchema.optional(),
  ai_gateway: aiGatewaySchema.optional(),
  tags: z.array(endpointTagSchema).optional(),
}));
/** An endpoint as the client hands it on: `name` is the one asked for when the answer left it out, `state` `{}` when absent. */
export type ServingEndpoint = z.infer<typeof servingEndpointWireSchema> & { name: string; state: z.infer<typeof endpointStateSchema> };

export interface CreateEndpointRequest {
  name: string;
  config: EndpointConfigInput;
  aiGateway?: AiGateway;
  tags?: { key: string; value?: string }[];
  description?: string;
}

/** Endpoint names: alphanumerics, `-` and `_`, 1–63 characters. */
export function checkEndpointName(name: string): string {
  if (!/^[A-Za-z0-9_-]{1,63}$/.test(name)) {
    throw new InputError(`serving endpoint name ${JSON.stringify(name)} is not valid: use 1-63 letters, digits, "-" or "_" (deploy.endpoint)`);
  }
  return name;
}

/** The update was refused because the endpoint would switch between agent and non-agent models (ASSUMED: matched by text). */
export function isAgentSwitchRefusal(error: unknown): boolean {
  return error instanceof DatabricksApiError && error.status !== undefined && error.status < 500 && /cannot be updated to serve (non-)?agent models/i.test(error.serverMessage);
}

/** The update was refused because another one is IN_PROGRESS (ASSUMED: 409, or a 400 that says so). */
export function isUpdateInProgress(error: unknown): boolean {
  if (!(error instanceof DatabricksApiError)) return false;
  if (error.status === 409) return error.errorCode !== 'RESOURCE_ALREADY_EXISTS';
  return error.status === 400 && /\b(currently|already) being updated\b|\bupdate (is )?(already )?in progress\b/i.test(error.serverMessage);
}

/**
 * Where each provider config of an external model keeps its credential as a Databricks secret
 * reference (`{{secrets/scope/key}}`); each also has a `<field>_plaintext` twin, which GET leaves
 * out. Alternatives of one provider are listed together: any one of them will do.
 */
const externalCredentialFields: Record<string, string[]> = {
  ai21labs_config: ['ai21labs_api_key'],
  amazon_bedrock_config: ['aws_access_key_id', 'aws_secret_access_key', 'instance_profile_arn'],
  anthropic_config: ['anthropic_api_key'],
  cohere_config: ['cohere_api_key'],
  custom_provider_config: ['api_key_auth.value', 'bearer_token_auth.token'],
  databricks_model_serving_config: ['databricks_api_token'],
  google_cloud_vertex_ai_config: ['private_key'],
  openai_config: ['openai_api_key', 'microsoft_entra_client_secret'],
  palm_config: ['palm_api_key'],
};

/**
 * Why `entity` (as read back) cannot be sent again without losing its external model's
 * credentials, or undefined when it can. GET leaves out every `*_plaintext` secret, and the SDK
 * requires one credential field on input, so an external model created with a plaintext key
 * would be PUT back with none. Its secret reference, though, GET returns (it is a name, not the
 * secret), and it can be sent back as is.
 */
export function unsendableCredentials(entity: ServedEntityInput): string | undefined {
  const external = entity.external_model;
  if (!external) return undefined;
  for (const [configKey, fields] of Object.entries(externalCredentialFields)) {
    const config = external[configKey];
    if (config === undefined || config === null || typeof config !== 'object') continue;
    const present = (field: string): boolean => {
      const value = field.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), config);
      const plain = field.split('.').reduce<unknown>((v, k, i, all) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[i === all.length - 1 ? `${k}_plaintext` : k] : undefined), config);
      return (typeof value === 'string' && value !== '') || (typeof plain === 'string' && plain !== '');
    };
    if (fields.some(present)) continue;
    const name = entity.name ?? external.name ?? 'an external model';
    return `served entity ${name} is an external model (${external.provider ?? configKey.replace(/_config$/, '')}) whose credential was given as plaintext (${fields.filter((f) => f !== 'instance_profile_arn').map((f) => `${f}_plaintext`).join(' / ')}); the serving API never returns plaintext secrets, so it cannot be sent back. Store the key in a Databricks secret and set ${configKey}.${fields[0]} to "{{secrets/<scope>/<key>}}" on the endpoint, then deploy again`;
  }
  return undefined;
}

/**
 * A served entity as a PUT takes it: exactly the ServedEntityInput fields of what GET returned.
 * Sizing: the server fills in `workload_size` when none was sent, and the SDK says not to send
 * it with min/max provisioned concurrency, so an entity read with both goes back with the
 * concurrency bounds only (the finer of the two; ASSUMED to be what it was created with).
 */
export function toEntityInput(entity: ServedEntityOutput): ServedEntityInput {
  const input = servedEntityInputSchema.parse(entity);
  if (input.min_provisioned_concurrency !== undefined || input.max_provisioned_concurrency !== undefined) {
    const { workload_size: _filledIn, ...sized } = input;
    return sized;
  }
  return input;
}

/** The config an endpoint serves (or is moving to), in the shape a PUT takes. */
export function configInputOf(config: EndpointConfigOutput | undefined): EndpointConfigInput | undefined {
  if (!config?.served_entities?.length) return undefined;
  const served_entities = config.served_entities.map(toEntityInput);
  const routes = config.traffic_config?.routes?.map((r) => ({ served_entity_name: r.served_entity_name ?? r.served_model_name, traffic_percentage: r.traffic_percentage }));
  const capture = config.auto_capture_config ? autoCaptureConfigInputSchema.parse(config.auto_capture_config) : undefined;
  return { served_entities, ...(routes ? { traffic_config: { routes } } : {}), ...(capture ? { auto_capture_config: capture } : {}) };
}

/** True when `actual` serves the same entities (name, model, version) with the same routes and the same legacy inference table. */
export function sameServing(actual: EndpointConfigInput | undefined, wanted: EndpointConfigInput): boolean {
  if (!actual) return false;
  const key = (c: EndpointConfigInput): string =>
    JSON.stringify([
      c.served_entities.map((e) => [e.name, e.entity_name, e.entity_version]).sort(),
      (c.traffic_config?.routes ?? []).map((r) => [r.served_entity_name, r.traffic_percentage]).sort(),
      c.auto_capture_config ? Object.entries(c.auto_capture_config).sort() : null,
    ]);
  return key(actual) === key(wanted);
}

/** How long replaceEndpoint waits for a deleted endpoint to disappear. */
const deletionTimeoutMs = 5 * 60_000;

export class DatabricksServingClient {
  private readonly api: DatabricksApi;

  constructor(
    private readonly options: DatabricksApiOptions,
    private readonly logger?: Logger,
  ) {
    this.api = new DatabricksApi(options, 'databricks.serving');
  }

  get host(): string {
    return this.api.host;
  }

  /** The endpoint, or undefined when there is none of that name. */
  async getEndpoint(name: string): Promise<ServingEndpoint | undefined> {
    const what = `read serving endpoint ${name}`;
    try {
      return this.parseEndpoint(what, await this.api.call({ what, method: 'GET', path: endpointPath(name), idempotent: true, hints: this.hints(name, 'CAN VIEW') }), name);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /**
   * Creates the endpoint. Not idempotent: when the answer is lost, the endpoint is read back and
   * returned if it exists with the entities asked for, rather than creating it twice.
   */
  async createEndpoint(request: CreateEndpointRequest): Promise<ServingEndpoint> {
    const name = checkEndpointName(request.name);
    const what = `create serving endpoint ${name}`;
    const json: Record<string, unknown> = { name, config: request.config };
    if (request.aiGateway) json.ai_gateway = request.aiGateway;
    if (request.tags) json.tags = request.tags;
    if (request.description) json.description = request.description;
    try {
      const res = await this.api.call({
        what,
        method: 'POST',
        path: '/api/2.0/serving-endpoints',
        json,
        idempotent: false,
        hints: { ...this.hints(name, 'permission to create serving endpoints'), 409: `an endpoint named ${name} exists (perhaps still being deleted); wait and retry, or pick another deploy.endpoint` },
      });
      return this.parseEndpoint(what, res, name);
    } catch (error) {
      if (!(error instanceof DatabricksApiError && error.outcomeUnknown)) throw error;
      const existing = await this.getEndpoint(name);
      const wanted = request.config.served_entities.map((e) => e.name).sort().join(',');
      const found = (existing?.pending_config ?? existing?.config)?.served_entities?.map((e) => e.name).sort().join(',');
      if (existing && found === wanted) return existing;
      throw error;
    }
  }

  /** PUT /config: the full desired config (every entity that keeps serving, routes summing to 100). */
  async updateConfig(name: string, config: EndpointConfigInput): Promise<ServingEndpoint> {
    const what = `update config of serving endpoint ${name}`;
    const res = await this.api.call({ what, method: 'PUT', path: `${endpointPath(name)}/config`, json: config, idempotent: true, hints: this.hints(name, 'CAN MANAGE') });
    return this.parseEndpoint(what, res, name);
  }

  /** Deletes the endpoint; true when it was there. */
  async deleteEndpoint(name: string): Promise<boolean> {
    const what = `delete serving endpoint ${name}`;
    try {
      await this.api.call({ what, method: 'DELETE', path: endpointPath(name), idempotent: true, hints: this.hints(name, 'CAN MANAGE') });
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  /**
   * PATCH /tags `{add_tags, delete_tags}` -> `{tags}` (the SDK's EndpointTags): adds or overwrites
   * `add`, removes the keys in `remove`, leaves every other tag alone. Idempotent.
   */
  async patchTags(name: string, add: EndpointTag[], remove: string[]): Promise<EndpointTag[]> {
    const what = `update the tags of serving endpoint ${name}`;
    const json = { ...(add.length ? { add_tags: add } : {}), ...(remove.length ? { delete_tags: remove } : {}) };
    const res = await this.api.call({ what, method: 'PATCH', path: `${endpointPath(name)}/tags`, json, idempotent: true, hints: this.hints(name, 'CAN MANAGE') });
    return this.api.parse(what, res, z.object({ tags: z.array(endpointTagSchema).optional() })).tags ?? [];
  }

  /**
   * ASSUMED (empty gateway): PUT /ai-gateway replaces the whole gateway config, so `{}` turns
   * every setting off; no source says so. A restore that clears the gateway sends `{}`.
   */
  async putAiGateway(name: string, gateway: AiGateway): Promise<AiGateway> {
    const what = `update AI Gateway of serving endpoint ${name}`;
    const res = await this.api.call({ what, method: 'PUT', path: `${endpointPath(name)}/ai-gateway`, json: gateway, idempotent: true, hints: this.hints(name, 'CAN MANAGE') });
    return this.api.parse(what, res, aiGatewaySchema);
  }

  /**
   * Deletes and recreates the endpoint: the only way past the agent / non-agent refusal. The
   * endpoint serves nothing in between, so this says so loudly; the caller snapshots first.
   */
  async replaceEndpoint(request: CreateEndpointRequest, reason: string): Promise<ServingEndpoint> {
    this.logger?.warn(`serving endpoint ${request.name}: ${reason}; deleting and recreating it (it serves no traffic until the new endpoint is READY)`);
    await this.deleteEndpoint(request.name);
    // Deletion may finish after DELETE answers; creating the name too early is refused as a duplicate.
    const deadline = this.options.clock.now() + deletionTimeoutMs;
    for (let n = 0; (await this.getEndpoint(request.name)) !== undefined; n++) {
      const left = deadline - this.options.clock.now();
      if (left <= 0) throw new RemoteError(`serving endpoint ${request.name} was deleted but still exists after ${deletionTimeoutMs / 60_000} min; recreate it once it is gone (deploy again)`);
      await this.options.clock.sleep(Math.min(pollDelay(n, 2_000, 15_000, this.options.random ?? Math.random), left));
    }
    return this.createEndpoint(request);
  }

  private parseEndpoint(what: string, res: HttpResponse, name: string): ServingEndpoint {
    const endpoint = this.api.parse(what, res, servingEndpointWireSchema);
    return { ...endpoint, name: endpoint.name ?? name, state: endpoint.state ?? {} };
  }

  /** Where the endpoint is queried (no /api/2.0 prefix); route-optimized endpoints have their own `endpoint_url`. */
  invocationsUrl(endpoint: string | ServingEndpoint): string {
    if (typeof endpoint !== 'string' && endpoint.endpoint_url) return endpoint.endpoint_url;
    const name = typeof endpoint === 'string' ? endpoint : endpoint.name;
    return `${this.host}/serving-endpoints/${encodeURIComponent(name)}/invocations`;
  }

  /** Queries one served entity directly, bypassing the traffic split (probing stable vs candidate). */
  servedEntityInvocationsUrl(endpoint: string, servedEntity: string): string {
    return `${this.host}/serving-endpoints/${encodeURIComponent(endpoint)}/served-models/${encodeURIComponent(servedEntity)}/invocations`;
  }

  private hints(name: string, permission: string): Partial<Record<number, string>> {
    return { 403: `${this.api.credentialsDescription} needs ${permission} on serving endpoint ${name}` };
  }
}

function endpointPath(name: string): string {
  return `/api/2.0/serving-endpoints/${encodeURIComponent(name)}`;
}
