import { z } from 'zod';
import { InputError, RemoteError } from '../errors';
import type { Logger } from '../logger';
import { DatabricksApi, type DatabricksApiOptions } from './api';
import { DatabricksApiError, isNotFound } from './files';
import { pollDelay } from './job-wait';

/**
 * Databricks Model Serving endpoints (`/api/2.0/serving-endpoints`), checked against the
 * Databricks SDK's `serving` service (databricks-sdk-py `service/serving.py`):
 *
 * - Only `served_entities` (`entity_name`, `entity_version`) and routes keyed by
 *   `served_entity_name` are ever sent; the legacy `served_models` is read but never written.
 * - Enum-like fields stay strings: newer SDKs added DEPLOYMENT_UNKNOWN / DEPLOYMENT_STOPPED to the
 *   five deployment states, and workload sizes / types keep growing.
 * - Entities, routes and AI Gateway settings pass unknown keys through, so a snapshot taken
 *   before a change restores every field (instance profiles, provisioned throughput, …).
 * - A missing endpoint is 404 (RESOURCE_DOES_NOT_EXIST in the SDK's error mapping). An update
 *   while another is IN_PROGRESS is refused with 409 RESOURCE_CONFLICT (public client code catches
 *   the SDK's ResourceConflict there; the message text is not documented). The agent / non-agent
 *   refusal's text ("Agent endpoint cannot be updated to serve non-agent models") is as users
 *   report it; its status and error_code are not documented, so it is matched by text.
 */
export const knownWorkloadSizes = ['Small', 'Medium', 'Large'] as const;

export const servedEntityInputSchema = z.looseObject({
    name: z.string().optional(),
    entity_name: z.string().optional(),
    entity_version: z.string().optional(),
    workload_size: z.string().optional(),
    workload_type: z.string().optional(),
    scale_to_zero_enabled: z.boolean().optional(),
    environment_vars: z.record(z.string(), z.string()).optional(),
    min_provisioned_concurrency: z.number().int().optional(),
    max_provisioned_concurrency: z.number().int().optional(),
  });
export type ServedEntityInput = z.infer<typeof servedEntityInputSchema>;

const servedEntityStateSchema = z.looseObject({ deployment: z.string().optional(), deployment_state_message: z.string().optional() });
export const servedEntityOutputSchema = servedEntityInputSchema.extend({
  creation_timestamp: z.number().optional(),
  creator: z.string().optional(),
  state: servedEntityStateSchema.optional(),
});
export type ServedEntityOutput = z.infer<typeof servedEntityOutputSchema>;

/** Fields the server adds to a served entity; never sent back. */
const outputOnlyEntityFields = ['creation_timestamp', 'creator', 'state', 'foundation_model'] as const;

export const routeSchema = z.looseObject({
    served_entity_name: z.string().optional(),
    /** Legacy key; responses may carry it next to served_entity_name. */
    served_model_name: z.string().optional(),
    traffic_percentage: z.number().int(),
  });
export type Route = z.infer<typeof routeSchema>;
export const trafficConfigSchema = z.looseObject({ routes: z.array(routeSchema).optional() });
export type TrafficConfig = z.infer<typeof trafficConfigSchema>;

/** The body of PUT /config and `config` of a create: the config without `config_version`. */
export const endpointConfigInputSchema = z.object({
  served_entities: z.array(servedEntityInputSchema),
  traffic_config: trafficConfigSchema.optional(),
});
export type EndpointConfigInput = z.infer<typeof endpointConfigInputSchema>;

const endpointConfigOutputSchema = z.looseObject({
    config_version: z.number().int().optional(),
    start_time: z.number().optional(),
    served_entities: z.array(servedEntityOutputSchema).optional(),
    served_models: z.array(z.record(z.string(), z.unknown())).optional(),
    traffic_config: trafficConfigSchema.optional(),
    auto_capture_config: z.record(z.string(), z.unknown()).optional(),
  });
export type EndpointConfigOutput = z.infer<typeof endpointConfigOutputSchema>;

export const aiGatewaySchema = z.looseObject({
    usage_tracking_config: z.looseObject({ enabled: z.boolean().optional() }).optional(),
    inference_table_config: z.record(z.string(), z.unknown()).optional(),
    rate_limits: z.array(z.looseObject({ calls: z.number().int().optional(), key: z.string().optional(), renewal_period: z.string() })).optional(),
    guardrails: z.record(z.string(), z.unknown()).optional(),
    fallback_config: z.looseObject({ enabled: z.boolean() }).optional(),
  });
export type AiGateway = z.infer<typeof aiGatewaySchema>;

export const servingEndpointSchema = z.looseObject({
    name: z.string(),
    id: z.string().optional(),
    creator: z.string().optional(),
    creation_timestamp: z.number().optional(),
    last_updated_timestamp: z.number().optional(),
    task: z.string().optional(),
    endpoint_url: z.string().optional(),
    route_optimized: z.boolean().optional(),
    state: z.looseObject({ ready: z.string().optional(), config_update: z.string().optional() }),
    config: endpointConfigOutputSchema.optional(),
    pending_config: endpointConfigOutputSchema.optional(),
    ai_gateway: aiGatewaySchema.optional(),
    tags: z.array(z.object({ key: z.string(), value: z.string().optional() })).optional(),
  });
export type ServingEndpoint = z.infer<typeof servingEndpointSchema>;

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

/** The update was refused because the endpoint would switch between agent and non-agent models. */
export function isAgentSwitchRefusal(error: unknown): boolean {
  return error instanceof DatabricksApiError && error.status !== undefined && error.status < 500 && /cannot be updated to serve (non-)?agent models/i.test(error.serverMessage);
}

/** The update was refused because another one is IN_PROGRESS. */
export function isUpdateInProgress(error: unknown): boolean {
  return error instanceof DatabricksApiError && error.status === 409 && error.errorCode !== 'RESOURCE_ALREADY_EXISTS';
}

/** A served entity as the PUT body wants it: the output-only fields dropped. */
export function toEntityInput(entity: ServedEntityOutput): ServedEntityInput {
  const copy: Record<string, unknown> = { ...entity };
  for (const field of outputOnlyEntityFields) delete copy[field];
  return servedEntityInputSchema.parse(copy);
}

/** The config an endpoint serves (or is moving to), in the shape a PUT takes. */
export function configInputOf(config: EndpointConfigOutput | undefined): EndpointConfigInput | undefined {
  if (!config?.served_entities?.length) return undefined;
  const served_entities = config.served_entities.map(toEntityInput);
  const routes = config.traffic_config?.routes?.map((r) => ({ served_entity_name: r.served_entity_name ?? r.served_model_name, traffic_percentage: r.traffic_percentage }));
  return routes ? { served_entities, traffic_config: { routes } } : { served_entities };
}

/** True when `actual` serves the same entities (name, model, version) with the same routes. */
export function sameServing(actual: EndpointConfigInput | undefined, wanted: EndpointConfigInput): boolean {
  if (!actual) return false;
  const key = (c: EndpointConfigInput): string =>
    JSON.stringify([
      c.served_entities.map((e) => [e.name, e.entity_name, e.entity_version]).sort(),
      (c.traffic_config?.routes ?? []).map((r) => [r.served_entity_name, r.traffic_percentage]).sort(),
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
      return this.api.parse(what, await this.api.call({ what, method: 'GET', path: endpointPath(name), idempotent: true, hints: this.hints(name, 'CAN VIEW') }), servingEndpointSchema);
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
      return this.api.parse(what, res, servingEndpointSchema);
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
    return this.api.parse(what, res, servingEndpointSchema);
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
