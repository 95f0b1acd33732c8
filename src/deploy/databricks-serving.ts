import { isDeepStrictEqual } from 'node:util';
import type { Clock } from '../clock';
import type { ServingConfig } from '../config/serving-schema';
import type { DatabricksConnection } from '../databricks/auth';
import type { AiGateway } from '../databricks/ai-gateway';
import { configInputOf, DatabricksServingClient, isAgentSwitchRefusal, sameServing, type EndpointConfigInput, type EndpointTag, type ServingEndpoint } from '../databricks/serving';
import { updateConfigWhenIdle, waitForEndpointReady, type ServingWaitOptions } from '../databricks/serving-wait';
import { InputError, RefusedError } from '../errors';
import type { Logger } from '../logger';
import type { Registry } from '../registry/types';
import { servingPreflight } from './databricks-serving-preflight';
import { describeChange, planStep, restorePlan, servedEntityName, servingSnapshotSchema, snapshotOf, type ServingSnapshot, type StepPlan } from './serving-plan';
import type { DeployReceipt, DeployRequest, DeployTarget, PreflightResult, RollbackRequest, ServedEntities, TargetSnapshot } from './types';

export interface DatabricksServingDeps {
  client: DatabricksServingClient;
  /** Where preflight checks that the version exists and is READY. */
  registry: Registry;
  clock: Clock;
  logger: Logger;
  random?: () => number;
}

const snapshotKind = 'databricks-serving';
const agentSwitchReason = 'the endpoint refused to switch between agent and non-agent models';

/** The target over a workspace connection (what the composition root calls). */
export function createDatabricksServingTarget(config: ServingConfig, connection: DatabricksConnection, deps: Omit<DatabricksServingDeps, 'client'>): DatabricksServingTarget {
  const client = new DatabricksServingClient({ host: connection.host, credentials: connection.credentials, clock: deps.clock, logger: deps.logger, random: deps.random }, deps.logger);
  return new DatabricksServingTarget(config, { ...deps, client });
}

/**
 * Databricks Model Serving. Each rollout step PUTs the whole config (stable and candidate
 * entities with their split) and waits until that config serves; re-running a step that already
 * holds makes no change. Endpoints that refuse the agent / non-agent switch are recreated.
 */
export class DatabricksServingTarget implements DeployTarget {
  readonly kind = 'databricks-serving';
  private readonly client: DatabricksServingClient;
  private readonly endpoint: string;

  constructor(
    private readonly config: ServingConfig,
    private readonly deps: DatabricksServingDeps,
  ) {
    this.client = deps.client;
    this.endpoint = config.endpoint;
  }

  describeDeploy(request: DeployRequest): string {
    const entity = servedEntityName(this.entityName(request), request.version);
    const beside = request.previousVersion !== null && request.traffic < 100 ? ` beside ${servedEntityName(this.entityName(request), request.previousVersion)} at ${100 - request.traffic}%` : '';
    return `serve ${entity} at ${request.traffic}%${beside} on serving endpoint ${this.endpoint} (${this.client.host}), then wait up to ${minutes(this.config.ready_timeout)} for READY`;
  }

  describeRollback(request: RollbackRequest): string {
    if (request.snapshot) return `restore serving endpoint ${this.endpoint} to the config it had before the rollout`;
    if (request.restoreVersion === null) return `delete serving endpoint ${this.endpoint} if it serves nothing but ${request.model} v${request.fromVersion}`;
    return `serve ${servedEntityName(this.entityName(request), request.restoreVersion)} alone at 100% on serving endpoint ${this.endpoint}`;
  }

  async preflight(request: DeployRequest): Promise<PreflightResult> {
    return servingPreflight(request, { client: this.client, registry: this.deps.registry, config: this.config, plan: (current) => this.plan(request, current) });
  }

  async planChange(request: DeployRequest): Promise<string[]> {
    const current = await this.client.getEndpoint(this.endpoint);
    const plan = this.plan(request, current);
    const lines = describeChange(configInputOf(current?.config), plan.config);
    const served = configInputOf(current?.config)?.served_entities ?? [];
    const notes = [...plan.notes];
    if (current && served.some((e) => e.entity_name !== this.entityName(request))) {
      notes.push(`the endpoint serves another model; if it refuses to switch between agent and non-agent models it is deleted and recreated (no traffic is served until READY)`);
    }
    if (this.config.ai_gateway && !gatewayHolds(current?.ai_gateway, this.config.ai_gateway)) notes.push('AI Gateway settings are applied after the endpoint is READY');
    const have = new Map((current?.tags ?? []).map((t) => [t.key, t.value]));
    const retag = current ? (this.tags() ?? []).filter((t) => have.get(t.key) !== t.value || !have.has(t.key)) : [];
    if (retag.length) notes.push(`tags ${retag.map((t) => `${t.key}=${t.value ?? ''}`).join(', ')} are set (PATCH /tags; other tags stay)`);
    return [...(current ? [] : [`create serving endpoint ${this.endpoint}`]), ...lines, ...notes.map((n) => `note: ${n}`)];
  }

  async snapshot(_request: DeployRequest): Promise<TargetSnapshot> {
    const current = await this.client.getEndpoint(this.endpoint);
    return { kind: snapshotKind, takenAt: new Date(this.deps.clock.now()).toISOString(), state: snapshotOf(this.endpoint, current) };
  }

  async deploy(request: DeployRequest): Promise<DeployReceipt> {
    const current = await this.client.getEndpoint(this.endpoint);
    const plan = this.plan(request, current);
    for (const note of plan.notes) this.deps.logger.info(`serving endpoint ${this.endpoint}: ${note}`);
    const served = await this.apply(current, plan.config, this.config.ai_gateway, this.tags(), request.signal);
    await this.syncTags(served, this.tags(), false);
    return this.receipt(served);
  }

  /** After a successful rollout: the stable entity, kept warm at 0% through the last step, is removed. */
  async finish(request: DeployRequest): Promise<void> {
    const current = await this.client.getEndpoint(this.endpoint);
    const plan = this.plan({ ...request, traffic: 100 }, current, true);
    const entities = configInputOf(current?.config)?.served_entities ?? [];
    if (entities.length === plan.config.served_entities.length) return;
    this.deps.logger.info(`serving endpoint ${this.endpoint}: ${plan.notes.join('; ') || 'removing the previous version'}`);
    await this.apply(current, plan.config, undefined, undefined);
  }

  /**
   * With a snapshot: its config goes back exactly (or the endpoint is deleted when it did not
   * exist before). Without one: `restoreVersion` alone at 100%; with no version to restore either,
   * the endpoint is deleted only when it serves nothing but the withdrawn version, since anything
   * else on it was not put there by this release.
   */
  async rollback(request: RollbackRequest): Promise<void> {
    if (request.snapshot) return this.restore(this.parseSnapshot(request.snapshot));
    const current = await this.client.getEndpoint(this.endpoint);
    if (request.restoreVersion !== null) {
      const plan = this.plan({ model: request.model, version: request.restoreVersion, previousVersion: null, traffic: 100, environment: request.environment }, current);
      const served = await this.apply(current, plan.config, undefined, this.tags());
      await this.syncTags(served, this.tags(), false);
      return;
    }
    if (!current) {
      this.deps.logger.info(`serving endpoint ${this.endpoint} does not exist; nothing to roll back`);
      return;
    }
    const entities = configInputOf(current.pending_config ?? current.config)?.served_entities ?? [];
    const foreign = entities.filter((e) => e.entity_name !== this.entityName(request) || e.entity_version !== request.fromVersion);
    if (foreign.length > 0) {
      throw new RefusedError(
        `cannot roll back serving endpoint ${this.endpoint}: there is no previous version and no snapshot, and the endpoint also serves ${foreign.map((e) => e.name ?? `${e.entity_name} v${e.entity_version}`).join(', ')}, ` +
          'so deleting it would remove what this release did not create. Restore it by hand in the Serving UI, or roll back with a named version',
      );
    }
    await this.client.deleteEndpoint(this.endpoint);
    this.deps.logger.info(`deleted serving endpoint ${this.endpoint}: it served only ${request.model} v${request.fromVersion}, which had no predecessor`);
  }

  async servedEntities(request: DeployRequest): Promise<ServedEntities> {
    const current = await this.client.getEndpoint(this.endpoint);
    const entities = configInputOf(current?.pending_config ?? current?.config)?.served_entities ?? [];
    const nameOf = (version: string): string | undefined => entities.find((e) => e.entity_name === this.entityName(request) && e.entity_version === version)?.name;
    const entry = (name: string) => ({ name, url: this.client.servedEntityInvocationsUrl(this.endpoint, name) });
    const stable = request.previousVersion !== null && request.previousVersion !== request.version ? nameOf(request.previousVersion) : undefined;
    return { candidate: entry(nameOf(request.version) ?? servedEntityName(this.entityName(request), request.version)), stable: stable ? entry(stable) : null };
  }

  /** The step's config; the stable keeps serving only when the endpoint serves it now. */
  private plan(request: DeployRequest, current: ServingEndpoint | undefined, retireStable = false): StepPlan {
    const entityName = this.entityName(request);
    const served = configInputOf(current?.config)?.served_entities ?? [];
    const stableServed = request.previousVersion !== null && served.some((e) => e.entity_name === entityName && e.entity_version === request.previousVersion);
    const plan = planStep({
      current,
      entityName,
      stableVersion: stableServed ? request.previousVersion : null,
      candidateVersion: request.version,
      candidatePercent: request.traffic,
      workloadSize: this.config.workload_size,
      scaleToZero: this.config.scale_to_zero,
      workloadType: this.config.workload_type,
      retireStable,
    });
    const env = this.config.environment_vars;
    if (!env) return plan;
    // Only entities this step adds: one already serving keeps its variables, or it would restart.
    const served_entities = plan.config.served_entities.map((e) => (served.some((s) => s.name === e.name) ? e : { ...e, environment_vars: { ...env } }));
    return { ...plan, config: { ...plan.config, served_entities } };
  }

  /** Creates, updates or (agent switch) recreates the endpoint, then waits until `config` serves. */
  /** `signal` (deploy only; a rollback must finish) stops the waits, not a call already sent. */
  private async apply(current: ServingEndpoint | undefined, config: EndpointConfigInput, gateway: AiGateway | undefined, tags: EndpointTag[] | undefined, signal?: AbortSignal): Promise<ServingEndpoint> {
    const name = this.endpoint;
    let target: number | undefined;
    let settled: ServingEndpoint | undefined;
    if (!current) {
      const created = await this.client.createEndpoint({ name, config, ...(gateway ? { aiGateway: gateway } : {}), ...(tags ? { tags } : {}) });
      this.deps.logger.info(`created serving endpoint ${name}`);
      target = created.pending_config?.config_version;
    } else if (sameServing(configInputOf(current.config), config) && current.state.config_update !== 'IN_PROGRESS') {
      this.deps.logger.info(`serving endpoint ${name} already serves ${describeRoutes(config)}; nothing to change`);
      // A failed later update leaves UPDATE_FAILED behind while this config keeps serving: that is done, not failed.
      if (current.state.ready === 'READY') settled = current;
    } else {
      try {
        target = (await updateConfigWhenIdle(this.client, name, config, this.waitOptions(signal))).pending_config?.config_version;
      } catch (error) {
        if (!isAgentSwitchRefusal(error)) throw error;
        const gatewayToKeep = gateway ?? current.ai_gateway;
        // The new endpoint keeps the old one's tags, with the configured ones on top.
        const tagsToKeep = mergeTags(current.tags ?? [], tags ?? []);
        const created = await this.client.replaceEndpoint({ name, config, ...(gatewayToKeep ? { aiGateway: gatewayToKeep } : {}), ...(tagsToKeep.length ? { tags: tagsToKeep } : {}) }, agentSwitchReason);
        target = created.pending_config?.config_version;
      }
    }
    let served = settled ?? await waitForEndpointReady(this.client, name, { ...this.waitOptions(signal), ...(target !== undefined ? { targetConfigVersion: target } : {}) });
    if (gateway && !gatewayHolds(served.ai_gateway, gateway)) {
      await this.client.putAiGateway(name, gateway);
      this.deps.logger.info(`serving endpoint ${name}: AI Gateway settings applied`);
      served = { ...served, ai_gateway: gateway };
    }
    return served;
  }

  private async restore(snapshot: ServingSnapshot): Promise<void> {
    const plan = restorePlan(snapshot);
    if (plan.action === 'refuse') throw new RefusedError(`cannot restore serving endpoint ${this.endpoint} from the rollout's snapshot: ${plan.reason}`);
    if (plan.action === 'delete') {
      const existed = await this.client.deleteEndpoint(this.endpoint);
      this.deps.logger.info(existed ? `deleted serving endpoint ${this.endpoint}: it did not exist before the rollout` : `serving endpoint ${this.endpoint} is already gone, as before the rollout`);
      return;
    }
    const current = await this.client.getEndpoint(this.endpoint);
    const served = await this.apply(current, plan.config, snapshot.aiGateway, snapshot.tags ?? this.tags());
    // Exactly the snapshot's tags (older snapshots did not record them: the configured ones are kept in step instead).
    await this.syncTags(served, snapshot.tags ?? this.tags(), snapshot.tags !== undefined);
    // Exactly the snapshot's gateway: settings the rollout added go, and none at all means none.
    const gateway = snapshot.aiGateway ?? {};
    if (!isDeepStrictEqual(served.ai_gateway ?? {}, gateway)) {
      await this.client.putAiGateway(this.endpoint, gateway);
      this.deps.logger.info(`serving endpoint ${this.endpoint}: AI Gateway settings ${snapshot.aiGateway ? 'restored' : 'cleared, as before the rollout'}`);
    }
    this.deps.logger.info(`serving endpoint ${this.endpoint} restored to ${describeRoutes(plan.config)}`);
  }

  /**
   * Keeps the endpoint's tags in step with `wanted` through PATCH /tags: missing or different
   * values are set; with `exact`, tags not in `wanted` are removed too (a restore), otherwise
   * they are left alone (tags set by others, e.g. for billing, are not deploy's to remove).
   */
  private async syncTags(endpoint: ServingEndpoint, wanted: EndpointTag[] | undefined, exact: boolean): Promise<void> {
    if (wanted === undefined) return;
    const have = new Map((endpoint.tags ?? []).map((t) => [t.key, t.value]));
    const add = wanted.filter((t) => !have.has(t.key) || have.get(t.key) !== t.value);
    const remove = exact ? [...have.keys()].filter((key) => !wanted.some((t) => t.key === key)) : [];
    if (add.length === 0 && remove.length === 0) return;
    await this.client.patchTags(this.endpoint, add, remove);
    const what = [add.length ? `set ${add.map((t) => t.key).join(', ')}` : '', remove.length ? `removed ${remove.join(', ')}` : ''].filter(Boolean).join('; ');
    this.deps.logger.info(`serving endpoint ${this.endpoint}: tags ${what}`);
  }

  private parseSnapshot(snapshot: TargetSnapshot): ServingSnapshot {
    const parsed = servingSnapshotSchema.safeParse(snapshot.state);
    if (snapshot.kind !== snapshotKind || !parsed.success) {
      const why = snapshot.kind !== snapshotKind ? `it was taken by the ${snapshot.kind} target` : `${parsed.error?.issues[0]?.path.join('.') || '(root)'}: ${parsed.error?.issues[0]?.message}`;
      throw new InputError(`the rollout's snapshot of serving endpoint ${this.endpoint} cannot be restored (${why}); restore the endpoint by hand or roll back without the snapshot`);
    }
    if (parsed.data.endpoint !== this.endpoint) {
      throw new InputError(`the rollout's snapshot is of serving endpoint ${parsed.data.endpoint}, not ${this.endpoint} (deploy.serving.endpoint changed since?); restore it by hand`);
    }
    return parsed.data;
  }

  private receipt(endpoint: ServingEndpoint): DeployReceipt {
    return { endpointUrl: this.client.invocationsUrl(endpoint), deploymentId: `${this.endpoint}@config-${endpoint.config?.config_version ?? 0}` };
  }

  private waitOptions(signal?: AbortSignal): ServingWaitOptions {
    return { clock: this.deps.clock, logger: this.deps.logger, timeoutMs: this.config.ready_timeout, ...(this.deps.random ? { random: this.deps.random } : {}), ...(signal ? { signal } : {}) };
  }

  private entityName(request: { model: string }): string {
    return this.config.entity_name ?? request.model;
  }

  private tags(): EndpointTag[] | undefined {
    return this.config.tags ? Object.entries(this.config.tags).map(([key, value]) => ({ key, value })) : undefined;
  }
}

/** `base` with `over` on top, by key. */
function mergeTags(base: EndpointTag[], over: EndpointTag[]): EndpointTag[] {
  return [...base.filter((t) => !over.some((o) => o.key === t.key)), ...over];
}

/** True when every configured gateway setting is already in place (the server may add defaults of its own). */
export function gatewayHolds(actual: AiGateway | undefined, wanted: AiGateway): boolean {
  return Object.entries(wanted).every(([key, value]) => isDeepStrictEqual(actual?.[key], value));
}

function describeRoutes(config: EndpointConfigInput): string {
  return (config.traffic_config?.routes ?? []).map((r) => `${r.served_entity_name} at ${r.traffic_percentage}%`).join(', ') || config.served_entities.map((e) => e.name).join(', ');
}

function minutes(ms: number): string {
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`;
}
