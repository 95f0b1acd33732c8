import { servingSchema } from '../../src/config/serving-schema';
import { configInputOf } from '../../src/databricks/serving';
import { createDatabricksServingTarget, type DatabricksServingTarget } from '../../src/deploy/databricks-serving';
import { snapshotOf } from '../../src/deploy/serving-plan';
import type { DeployRequest, TargetSnapshot } from '../../src/deploy/types';
import { RefusedError } from '../../src/errors';
import { bearerToken } from '../../src/http/credentials';
import { memoryLogger } from '../../src/logger';
import { UnityCatalogRegistry } from '../../src/registry/unity-catalog';
import { startDatabricksFake, type DatabricksFake, type FakeService } from '../support/databricks-fake';
import { FakeServingApi, type FakeServingOptions } from '../support/databricks-fake-serving';
import { FakeUnityCatalogRegistry } from '../support/databricks-fake-uc';
import { fakeClock } from '../support/fake-clock';

const model = 'main.agents.support_agent';
const endpoint = 'support-agent';
const v7 = { name: 'support_agent-7', entity_name: model, entity_version: '7', workload_size: 'Small', scale_to_zero_enabled: true, workload_type: 'CPU', environment_vars: { OPENAI_KEY: '{{secrets/agents/openai}}' } };
const seededV7 = { served_entities: [v7], traffic_config: { routes: [{ served_entity_name: 'support_agent-7', traffic_percentage: 100 }] } };
const newV8 = { name: 'support_agent-8', entity_name: model, entity_version: '8', workload_size: 'Small', scale_to_zero_enabled: true };

interface Harness {
  fake: DatabricksFake;
  serving: FakeServingApi;
  uc: FakeUnityCatalogRegistry;
  target: DatabricksServingTarget;
  clock: ReturnType<typeof fakeClock>;
  logger: ReturnType<typeof memoryLogger>;
}
let h: Harness;

interface SetupOptions {
  serving?: FakeServingOptions;
  config?: Record<string, unknown>;
  token?: string;
  /** Registers versions 1..8; version 8 gets this status. */
  v8Status?: 'READY' | 'PENDING_REGISTRATION';
  /** Wraps the serving fake (e.g. to change what GET reports). */
  wrap?: (serving: FakeServingApi) => FakeService;
}

async function setup(options: SetupOptions = {}): Promise<Harness> {
  const clock = fakeClock();
  const serving = new FakeServingApi({ now: clock.now, updateTakes: 90_000, ...options.serving });
  const uc = new FakeUnityCatalogRegistry({ now: clock.now });
  for (let v = 1; v <= 8; v++) uc.addVersion(model, { status: v === 8 ? (options.v8Status ?? 'READY') : 'READY' });
  const fake = await startDatabricksFake({ services: [options.wrap ? options.wrap(serving) : serving, uc] });
  const credentials = bearerToken(options.token ?? fake.token, 'a test token');
  const logger = memoryLogger();
  const registry = new UnityCatalogRegistry({ host: fake.url, credentials, clock, random: () => 0.5 });
  const config = servingSchema.parse({ endpoint, ...options.config });
  const target = createDatabricksServingTarget(config, { host: fake.url, credentials }, { registry, clock, logger, random: () => 0.5 });
  h = { fake, serving, uc, target, clock, logger };
  return h;
}

afterEach(async () => {
  await h?.fake.close();
});

const request = (traffic: number, previousVersion: string | null = '7', version = '8'): DeployRequest => ({ model, version, previousVersion, traffic, environment: 'production' });
const writes = (fake: DatabricksFake): string[] => fake.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path} ${r.status}`);
const served = (name = endpoint) => h.serving.endpoints.get(name)?.config;
const infos = (): string[] => h.logger.lines.filter((l) => l.startsWith('info: serving endpoint support-agent') && !/: (NOT_)?READY, /.test(l));
const roundTrip = (snapshot: TargetSnapshot): TargetSnapshot => JSON.parse(JSON.stringify(snapshot)) as TargetSnapshot;

describe('databricks-serving target: deploy', () => {
  it('creates the endpoint on the first release, with the candidate alone, and waits for READY', async () => {
    await setup({ config: { tags: { team: 'agents' } } });
    const receipt = await h.target.deploy(request(100, null));
    expect(receipt).toEqual({ endpointUrl: `${h.fake.url}/serving-endpoints/support-agent/invocations`, deploymentId: 'support-agent@config-1' });
    expect(h.serving.received).toEqual([
      { name: endpoint, config: { served_entities: [newV8], traffic_config: { routes: [{ served_entity_name: 'support_agent-8', traffic_percentage: 100 }] } }, tags: [{ key: 'team', value: 'agents' }] },
    ]);
    expect(h.serving.endpoints.get(endpoint)).toMatchObject({ ready: 'READY', update: 'NOT_UPDATING' });
    expect(h.logger.lines).toContain('info: created serving endpoint support-agent');
    expect(h.clock.sleeps).toEqual([2000, 4000, 8000, 16000, 30000, 30000]);
  });

  it('moves a canary 10 -> 50 -> 100, keeping the stable entity exactly until 100', async () => {
    await setup({ config: { environment_vars: { OPENAI_KEY: '{{secrets/agents/openai-v8}}' } } });
    h.serving.seed(endpoint, seededV7);
    const routes = (): unknown => served()?.traffic_config.routes;
    const v8 = { ...newV8, environment_vars: { OPENAI_KEY: '{{secrets/agents/openai-v8}}' } };

    expect((await h.target.deploy(request(10))).deploymentId).toBe('support-agent@config-2');
    expect(routes()).toEqual([{ served_entity_name: 'support_agent-7', traffic_percentage: 90 }, { served_entity_name: 'support_agent-8', traffic_percentage: 10 }]);
    expect(h.serving.received[0]?.served_entities).toEqual([v7, v8]);

    expect((await h.target.deploy(request(50))).deploymentId).toBe('support-agent@config-3');
    expect(routes()).toEqual([{ served_entity_name: 'support_agent-7', traffic_percentage: 50 }, { served_entity_name: 'support_agent-8', traffic_percentage: 50 }]);
    expect(h.serving.received[1]?.served_entities).toEqual([v7, v8]);

    // The last step keeps the stable warm at 0% while it is analysed: a switch back needs no cold start.
    expect((await h.target.deploy(request(100))).deploymentId).toBe('support-agent@config-4');
    expect(routes()).toEqual([{ served_entity_name: 'support_agent-7', traffic_percentage: 0 }, { served_entity_name: 'support_agent-8', traffic_percentage: 100 }]);
    expect(h.serving.received[2]?.served_entities).toEqual([v7, v8]);
    expect(infos()).toEqual([]);

    // Once the rollout succeeded, finish retires it.
    await h.target.finish(request(100));
    expect(served()?.served_entities.map((e) => e.name)).toEqual(['support_agent-8']);
    expect(h.serving.received[3]).toEqual({ served_entities: [v8], traffic_config: { routes: [{ served_entity_name: 'support_agent-8', traffic_percentage: 100 }] } });
    expect(infos()).toEqual(['info: serving endpoint support-agent: removes served entity support_agent-7']);
    await h.target.finish(request(100));
    expect(h.serving.received).toHaveLength(4);
  });

  it('adds the candidate at 0% for blue-green and names both entities for direct probes', async () => {
    await setup();
    h.serving.seed(endpoint, seededV7);
    await h.target.deploy(request(0));
    expect(served()?.traffic_config.routes).toEqual([{ served_entity_name: 'support_agent-7', traffic_percentage: 100 }, { served_entity_name: 'support_agent-8', traffic_percentage: 0 }]);
    expect(await h.target.servedEntities(request(0))).toEqual({
      candidate: { name: 'support_agent-8', url: `${h.fake.url}/serving-endpoints/support-agent/served-models/support_agent-8/invocations` },
      stable: { name: 'support_agent-7', url: `${h.fake.url}/serving-endpoints/support-agent/served-models/support_agent-7/invocations` },
    });
  });

  it('makes no change when re-run on a step that already holds', async () => {
    await setup();
    h.serving.seed(endpoint, seededV7);
    const first = await h.target.deploy(request(10));
    const writesBefore = writes(h.fake);
    const again = await h.target.deploy(request(10));
    expect(again).toEqual(first);
    expect(writes(h.fake)).toEqual(writesBefore);
    expect(writesBefore).toEqual(['PUT /api/2.0/serving-endpoints/support-agent/config 200']);
    expect(h.logger.lines).toContain('info: serving endpoint support-agent already serves support_agent-7 at 90%, support_agent-8 at 10%; nothing to change');
  });

  it('fails with the endpoint own words when the update ends UPDATE_FAILED, the old config still serving', async () => {
    await setup();
    h.serving.seed(endpoint, seededV7);
    h.serving.failNextUpdate(endpoint, 'Container image build failed: No matching distribution found for langchain==9.9');
    await expect(h.target.deploy(request(10))).rejects.toThrow(
      'the update of serving endpoint support-agent failed: support_agent-8: DEPLOYMENT_FAILED: Container image build failed: No matching distribution found for langchain==9.9. ' +
        'The previous config keeps serving; fix the cause before releasing it again',
    );
    expect(served()).toEqual({ config_version: 1, ...seededV7 });
  });

  it('deletes and recreates an endpoint that refuses the agent switch, and rollback recreates the old one from the snapshot', async () => {
    await setup({ serving: { agentModels: [model] } });
    const classic = { served_entities: [{ ...v7, name: 'classic-3', entity_name: 'main.ml.classic', entity_version: '3' }], traffic_config: { routes: [{ served_entity_name: 'classic-3', traffic_percentage: 100 }] } };
    h.serving.seed(endpoint, classic, { usage_tracking_config: { enabled: true } });
    const snapshot = roundTrip(await h.target.snapshot(request(100, null)));
    await h.target.deploy(request(100, null));
    expect(h.logger.lines).toContain(
      'warn: serving endpoint support-agent: the endpoint refused to switch between agent and non-agent models; deleting and recreating it (it serves no traffic until the new endpoint is READY)',
    );
    expect(writes(h.fake)).toEqual(['PUT /api/2.0/serving-endpoints/support-agent/config 400', 'DELETE /api/2.0/serving-endpoints/support-agent 200', 'POST /api/2.0/serving-endpoints 200']);
    expect(served()?.served_entities.map((e) => e.entity_name)).toEqual([model]);
    expect(h.serving.endpoints.get(endpoint)?.aiGateway).toEqual({ usage_tracking_config: { enabled: true } });

    await h.target.rollback({ model, restoreVersion: null, fromVersion: '8', environment: 'production', snapshot });
    expect(configInputOf(served() as never)).toEqual(classic);
    expect(writes(h.fake).slice(3)).toEqual(['PUT /api/2.0/serving-endpoints/support-agent/config 400', 'DELETE /api/2.0/serving-endpoints/support-agent 200', 'POST /api/2.0/serving-endpoints 200']);
  });

  it('rides out a 429 burst on every kind of call and ends in the right state', async () => {
    await setup();
    h.fake.failNext(
      { status: 429, method: 'GET', retryAfter: '1' },
      { status: 429, method: 'POST', retryAfter: '1' },
      { status: 429, method: 'POST', retryAfter: '1' },
      { status: 429, method: 'GET', retryAfter: '1' },
    );
    await h.target.deploy(request(100, null));
    h.fake.failNext({ status: 429, method: 'PUT', retryAfter: '2' }, { status: 429, method: 'GET', retryAfter: '2' });
    const receipt = await h.target.deploy(request(25, '8', '9'));
    expect(receipt.deploymentId).toBe('support-agent@config-2');
    expect(h.fake.requests.filter((r) => r.status === 429)).toHaveLength(6);
    // One create and one PUT: the retried POST was refused before it acted, so nothing was created twice.
    expect(h.serving.received).toHaveLength(2);
    expect(served()?.traffic_config.routes).toEqual([{ served_entity_name: 'support_agent-8', traffic_percentage: 75 }, { served_entity_name: 'support_agent-9', traffic_percentage: 25 }]);
  });
});

describe('databricks-serving target: rollback', () => {
  it('restores the snapshot exactly after a canary', async () => {
    await setup();
    h.serving.seed(endpoint, seededV7, { usage_tracking_config: { enabled: true } });
    const snapshot = roundTrip(await h.target.snapshot(request(50)));
    expect(snapshot).toEqual({ kind: 'databricks-serving', takenAt: '2023-11-14T22:13:20.000Z', state: { schema: 'agent-release/serving-snapshot@1', endpoint, existed: true, config: seededV7, aiGateway: { usage_tracking_config: { enabled: true } }, tags: [] } });
    await h.target.deploy(request(50));
    await h.target.rollback({ model, restoreVersion: '7', fromVersion: '8', environment: 'production', snapshot });
    expect(configInputOf(served() as never)).toEqual(seededV7);
    expect(h.serving.received.at(-1)).toEqual(seededV7);
    expect(h.serving.endpoints.get(endpoint)).toMatchObject({ ready: 'READY', update: 'NOT_UPDATING' });
    expect(h.logger.lines).toContain('info: serving endpoint support-agent restored to support_agent-7 at 100%');
  });

  it('restores a snapshot after a failed update (UPDATE_FAILED with the old config serving) without a PUT', async () => {
    await setup();
    h.serving.seed(endpoint, seededV7);
    const snapshot = await h.target.snapshot(request(10));
    h.serving.failNextUpdate(endpoint, 'out of capacity');
    await expect(h.target.deploy(request(10))).rejects.toThrow(/failed: support_agent-8: DEPLOYMENT_FAILED: out of capacity/);
    await h.target.rollback({ model, restoreVersion: '7', fromVersion: '8', environment: 'production', snapshot });
    expect(writes(h.fake)).toEqual(['PUT /api/2.0/serving-endpoints/support-agent/config 200']);
    expect(configInputOf(served() as never)).toEqual(seededV7);
  });

  it('deletes the endpoint when the snapshot says it did not exist', async () => {
    await setup();
    const snapshot = await h.target.snapshot(request(100, null));
    await h.target.deploy(request(100, null));
    await h.target.rollback({ model, restoreVersion: null, fromVersion: '8', environment: 'production', snapshot });
    expect(h.serving.endpoints.has(endpoint)).toBe(false);
    expect(h.logger.lines).toContain('info: deleted serving endpoint support-agent: it did not exist before the rollout');
  });

  it('without a snapshot serves the restored version alone, keeping its settings', async () => {
    await setup();
    h.serving.seed(endpoint, seededV7);
    await h.target.deploy(request(50));
    await h.target.rollback({ model, restoreVersion: '7', fromVersion: '8', environment: 'production' });
    expect(configInputOf(served() as never)).toEqual(seededV7);
  });

  it('without a snapshot or a version, deletes only an endpoint that serves nothing but the withdrawn version', async () => {
    await setup();
    await h.target.deploy(request(100, null));
    await h.target.rollback({ model, restoreVersion: null, fromVersion: '8', environment: 'production' });
    expect(h.serving.endpoints.has(endpoint)).toBe(false);

    h.serving.seed(endpoint, { served_entities: [v7, newV8], traffic_config: { routes: [{ served_entity_name: 'support_agent-7', traffic_percentage: 50 }, { served_entity_name: 'support_agent-8', traffic_percentage: 50 }] } });
    const refused = await h.target.rollback({ model, restoreVersion: null, fromVersion: '8', environment: 'production' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RefusedError);
    expect((refused as Error).message).toBe(
      'cannot roll back serving endpoint support-agent: there is no previous version and no snapshot, and the endpoint also serves support_agent-7, so deleting it would remove what this release did not create. ' +
        'Restore it by hand in the Serving UI, or roll back with a named version',
    );
    expect(served()?.config_version).toBe(1);
  });

  it('refuses to delete an endpoint that existed before the rollout but whose config the snapshot could not record', async () => {
    await setup();
    // An endpoint still being created (or legacy served_models) reads back without served_entities.
    const creating = { name: endpoint, state: { ready: 'NOT_READY', config_update: 'IN_PROGRESS' } } as unknown as Parameters<typeof snapshotOf>[1];
    expect(snapshotOf(endpoint, creating)).toEqual({ schema: 'agent-release/serving-snapshot@1', endpoint, existed: true, config: null, tags: [] });
    h.serving.seed(endpoint, { served_entities: [newV8], traffic_config: { routes: [{ served_entity_name: 'support_agent-8', traffic_percentage: 100 }] } });
    const snapshot: TargetSnapshot = { kind: 'databricks-serving', takenAt: 'x', state: snapshotOf(endpoint, creating) };
    const refused = await h.target.rollback({ model, restoreVersion: null, fromVersion: '8', environment: 'production', snapshot }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RefusedError);
    expect((refused as Error).message).toBe(
      "cannot restore serving endpoint support-agent from the rollout's snapshot: it existed before the rollout but had no served entities the snapshot could record " +
        '(it was being created, had failed creation, or serves legacy served_models); deleting it could destroy what this release did not create. ' +
        'Restore it by hand in the Serving UI, or delete it there if the rollout created it',
    );
    // A snapshot from before `existed` was recorded is just as ambiguous.
    const legacy: TargetSnapshot = { kind: 'databricks-serving', takenAt: 'x', state: { schema: 'agent-release/serving-snapshot@1', endpoint, config: null } };
    await expect(h.target.rollback({ model, restoreVersion: null, fromVersion: '8', environment: 'production', snapshot: legacy })).rejects.toThrow(/the snapshot predates recording whether the endpoint existed/);
    expect(h.serving.endpoints.has(endpoint)).toBe(true);
    expect(writes(h.fake)).toEqual([]);
  });

  it('clears AI Gateway settings the rollout added when the snapshot had none, and restores the exact ones it had', async () => {
    await setup({ config: { ai_gateway: { usage_tracking_config: { enabled: true }, rate_limits: [{ calls: 10, key: 'user', renewal_period: 'minute' }] } } });
    h.serving.seed(endpoint, seededV7);
    const bare = roundTrip(await h.target.snapshot(request(50)));
    await h.target.deploy(request(50));
    expect(h.serving.endpoints.get(endpoint)?.aiGateway).toMatchObject({ usage_tracking_config: { enabled: true } });
    await h.target.rollback({ model, restoreVersion: '7', fromVersion: '8', environment: 'production', snapshot: bare });
    expect(h.serving.endpoints.get(endpoint)?.aiGateway).toEqual({});
    expect(h.logger.lines).toContain('info: serving endpoint support-agent: AI Gateway settings cleared, as before the rollout');

    h.serving.seed(endpoint, seededV7, { usage_tracking_config: { enabled: false } });
    const tracked = roundTrip(await h.target.snapshot(request(50)));
    await h.target.deploy(request(50));
    await h.target.rollback({ model, restoreVersion: '7', fromVersion: '8', environment: 'production', snapshot: tracked });
    expect(h.serving.endpoints.get(endpoint)?.aiGateway).toEqual({ usage_tracking_config: { enabled: false } });
    expect(configInputOf(served() as never)).toEqual(seededV7);
  });

  it('refuses a snapshot of another endpoint', async () => {
    await setup();
    const snapshot: TargetSnapshot = { kind: 'databricks-serving', takenAt: 'x', state: { schema: 'agent-release/serving-snapshot@1', endpoint: 'other', config: null } };
    await expect(h.target.rollback({ model, restoreVersion: null, fromVersion: '8', environment: 'production', snapshot })).rejects.toThrow(
      'the rollout\'s snapshot is of serving endpoint other, not support-agent (deploy.serving.endpoint changed since?); restore it by hand',
    );
    expect(writes(h.fake)).toEqual([]);
  });
});

describe('databricks-serving target: preflight and plan', () => {
  it('passes with everything in order and says what it checked', async () => {
    await setup();
    h.serving.seed(endpoint, seededV7);
    expect(await h.target.preflight(request(10))).toEqual({
      problems: [],
      checks: [
        `credentials accepted by ${h.fake.url}`,
        'the credentials have CAN_MANAGE on serving endpoint support-agent',
        'serving endpoint support-agent is READY and not being updated',
        'main.agents.support_agent version 8 is READY in the unity-catalog registry',
        'traffic split is valid: support_agent-7 90%, support_agent-8 10%',
      ],
    });
  });

  it('lists a rejected token for both the endpoint and the registry at once', async () => {
    await setup({ token: 'dapi-revoked' });
    const result = await h.target.preflight(request(10));
    expect(result.problems).toHaveLength(2);
    expect(result.problems[0]).toBe(
      `Databricks credentials were rejected by ${h.fake.url} (read serving endpoint support-agent: UNAUTHENTICATED: Invalid access token.); ` +
        'set DATABRICKS_TOKEN, or DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET (oauth-m2m), or DATABRICKS_CLIENT_ID with `permissions: id-token: write` on the job (github-oidc), for the workspace in DATABRICKS_HOST',
    );
    expect(result.problems[1]).toMatch(/^could not read main\.agents\.support_agent version 8 from the unity-catalog registry: .*Invalid access token/);
    expect(writes(h.fake)).toEqual([]);
  });

  it('lists a PENDING version, an endpoint mid-update and too little permission together, changing nothing', async () => {
    await setup({ v8Status: 'PENDING_REGISTRATION', wrap: (serving) => withPermission(serving, 'CAN_QUERY') });
    h.serving.seed(endpoint, seededV7);
    h.serving.startForeignUpdate(endpoint, { ...seededV7, served_entities: [{ ...v7, workload_size: 'Medium' }] });
    const result = await h.target.preflight(request(10));
    expect(result.problems).toEqual([
      'the credentials have CAN_QUERY on serving endpoint support-agent, but changing its config needs CAN_MANAGE; grant CAN MANAGE on the endpoint (Serving UI > Permissions) to the identity deploy runs as',
      'serving endpoint support-agent is being updated by another change (to config 2, started 2023-11-14T22:13:20.000Z); wait for it to finish, or set deploy.serving.wait_for_idle: true to let deploy wait',
      'main.agents.support_agent version 8 is PENDING_REGISTRATION, not READY, so the endpoint could not load it; wait for its registration to finish and deploy again',
    ]);
    expect(writes(h.fake)).toEqual([]);
    expect(h.serving.received).toEqual([]);
  });

  it('reports a version that does not exist and a traffic split that cannot be', async () => {
    await setup({ config: { wait_for_idle: true } });
    const result = await h.target.preflight(request(120, '7', '9'));
    expect(result.problems).toEqual([
      'main.agents.support_agent version 9 does not exist in the unity-catalog registry; register it, or deploy a version that exists',
      'candidate traffic must be a whole percentage from 0 to 100 (got 120)',
    ]);
    expect(result.checks).toEqual(['serving endpoint support-agent does not exist yet; deploy creates it (the permission to create endpoints cannot be checked beforehand)']);
  });

  it('describes the change as a diff, with create and replace notes', async () => {
    await setup({ config: { ai_gateway: { usage_tracking_config: { enabled: true } } } });
    expect(await h.target.planChange(request(10))).toEqual([
      'create serving endpoint support-agent',
      '+ served entity support_agent-8 (main.agents.support_agent v8, Small, scale-to-zero)',
      'traffic: support_agent-8 0% -> 100%',
      'note: no stable version is serving, so support_agent-8 takes all traffic instead of 10%',
      'note: AI Gateway settings are applied after the endpoint is READY',
    ]);
    h.serving.seed(endpoint, seededV7, { usage_tracking_config: { enabled: true } });
    expect(await h.target.planChange(request(10))).toEqual(['+ served entity support_agent-8 (main.agents.support_agent v8, Small, scale-to-zero)', 'traffic: support_agent-7 100% -> 90%, support_agent-8 0% -> 10%']);
    h.serving.seed(endpoint, { served_entities: [{ ...v7, entity_name: 'main.ml.classic', name: 'classic-7' }], traffic_config: { routes: [{ served_entity_name: 'classic-7', traffic_percentage: 100 }] } }, { usage_tracking_config: { enabled: true } });
    expect((await h.target.planChange(request(100, null))).at(-1)).toBe(
      'note: the endpoint serves another model; if it refuses to switch between agent and non-agent models it is deleted and recreated (no traffic is served until READY)',
    );
    expect(await h.target.planChange(request(10))).toContain('- served entity classic-7 (main.ml.classic v7, Small, CPU, scale-to-zero)');
    expect(writes(h.fake)).toEqual([]);
    expect(h.target.describeDeploy(request(10))).toBe(`serve support_agent-8 at 10% beside support_agent-7 at 90% on serving endpoint support-agent (${h.fake.url}), then wait up to 30 min for READY`);
  });
});

/** The serving fake as seen by a caller with a lower permission level (the fake itself always reports CAN_MANAGE). */
function withPermission(serving: FakeServingApi, level: string): FakeService {
  return {
    name: serving.name,
    routes: serving.routes.map((route) => ({
      ...route,
      handle: (req) => {
        const reply = route.handle(req);
        return req.method === 'GET' && reply.status === 200 ? { ...reply, json: { ...(reply.json as object), permission_level: level } } : reply;
      },
    })),
  };
}

describe('deploy.serving schema', () => {
  it('fills the defaults and names a bad field', () => {
    expect(servingSchema.parse({ endpoint, ready_timeout: '45m' })).toEqual({ endpoint, workload_size: 'Small', scale_to_zero: true, ready_timeout: 45 * 60_000, wait_for_idle: false });
    const bad = servingSchema.safeParse({ endpoint: 'support agent', scale_to_zreo: false });
    expect(bad.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'endpoint: an endpoint name is 1-63 letters, digits, "-" or "_"',
      ': unknown key "scale_to_zreo" (did you mean "scale_to_zero"?); valid keys: endpoint, entity_name, workload_size, workload_type, scale_to_zero, ready_timeout, wait_for_idle, ai_gateway, environment_vars, tags',
    ]);
  });
});

describe('databricks-serving target: contract fidelity', () => {
  const canarySnapshot = async (): Promise<TargetSnapshot> => roundTrip(await h.target.snapshot(request(10)));
  const rollbackTo = (snapshot: TargetSnapshot) => h.target.rollback({ model, restoreVersion: '7', fromVersion: '8', environment: 'production', snapshot });

  it('goes through a canary and its rollback when create and PUT answers leave out name and state', async () => {
    await setup({ serving: { sparseAnswers: true } });
    await h.target.deploy(request(100, null, '7'));
    expect(served()?.served_entities.map((e) => e.name)).toEqual(['support_agent-7']);
    const snapshot = await canarySnapshot();
    await h.target.deploy(request(10));
    expect(served()?.traffic_config.routes).toEqual([{ served_entity_name: 'support_agent-7', traffic_percentage: 90 }, { served_entity_name: 'support_agent-8', traffic_percentage: 10 }]);
    await rollbackTo(snapshot);
    expect(served()?.served_entities.map((e) => e.name)).toEqual(['support_agent-7']);
  });

  it('reads legacy served_models beside served_entities and entities in any order, and a re-run changes nothing', async () => {
    await setup({ serving: { legacyServedModels: true, reorderEntities: true } });
    h.serving.seed(endpoint, seededV7);
    await h.target.deploy(request(10));
    await h.target.deploy(request(10));
    expect(h.serving.received).toHaveLength(1);
    expect(h.serving.received[0]?.served_entities).toEqual([v7, newV8]);
    expect(JSON.stringify(h.serving.received)).not.toMatch(/served_models|model_name|creator|"state"/);
  });

  it.each([
    ['by workload size', { workload_size: 'Medium' }, { workload_size: 'Medium' }],
    // GET reports the workload_size the server filled in beside the bounds; only the bounds go back.
    ['by provisioned concurrency', { workload_size: 'Medium', min_provisioned_concurrency: 4, max_provisioned_concurrency: 12 }, { min_provisioned_concurrency: 4, max_provisioned_concurrency: 12 }],
  ])('sends a kept stable entity sized %s back with exactly its input fields', async (_how, sizing, sent) => {
    await setup();
    const stable = { name: 'support_agent-7', entity_name: model, entity_version: '7', scale_to_zero_enabled: false, ...sizing };
    h.serving.seed(endpoint, { served_entities: [stable], traffic_config: { routes: [{ served_entity_name: 'support_agent-7', traffic_percentage: 100 }] } });
    const snapshot = await canarySnapshot();
    await h.target.deploy(request(10));
    const expected = { name: 'support_agent-7', entity_name: model, entity_version: '7', scale_to_zero_enabled: false, ...sent };
    expect(h.serving.received[0]?.served_entities).toEqual([expected, newV8]);
    await rollbackTo(snapshot);
    expect(h.serving.received.at(-1)?.served_entities).toEqual([expected]);
  });

  const externalModel = (credential: Record<string, string>) => ({
    name: 'gpt-fallback',
    external_model: { provider: 'openai', name: 'gpt-4o', task: 'llm/v1/chat', openai_config: { openai_api_base: 'https://api.openai.com/v1', ...credential } },
  });
  const withExternal = (credential: Record<string, string>) => ({
    served_entities: [v7, externalModel(credential)],
    traffic_config: { routes: [{ served_entity_name: 'support_agent-7', traffic_percentage: 100 }, { served_entity_name: 'gpt-fallback', traffic_percentage: 0 }] },
  });

  it('restores an external model with its secret reference, exactly as it was created', async () => {
    await setup();
    h.serving.seed(endpoint, withExternal({ openai_api_key: '{{secrets/agents/openai}}' }));
    expect((await h.target.preflight(request(10))).problems).toEqual([]);
    const snapshot = await canarySnapshot();
    await h.target.deploy(request(10));
    await rollbackTo(snapshot);
    expect(h.serving.received.at(-1)).toEqual(withExternal({ openai_api_key: '{{secrets/agents/openai}}' }));
  });

  it('refuses in preflight, and on restore, an external model whose plaintext key GET does not return', async () => {
    await setup();
    h.serving.seed(endpoint, withExternal({ openai_api_key_plaintext: 'sk-not-a-real-key' }));
    const why =
      'served entity gpt-fallback is an external model (openai) whose credential was given as plaintext (openai_api_key_plaintext / microsoft_entra_client_secret_plaintext); ' +
      'the serving API never returns plaintext secrets, so it cannot be sent back. Store the key in a Databricks secret and set openai_config.openai_api_key to "{{secrets/<scope>/<key>}}" on the endpoint, then deploy again';
    expect((await h.target.preflight(request(10))).problems).toEqual([`${why} (until then a rollback could not restore serving endpoint support-agent)`]);
    const snapshot = await canarySnapshot();
    await expect(rollbackTo(snapshot)).rejects.toThrow(new RefusedError(`cannot restore serving endpoint support-agent from the rollout's snapshot: ${why}. Restore the endpoint by hand in the Serving UI`));
    expect(writes(h.fake)).toEqual([]);
    expect(JSON.stringify(h.logger.lines)).not.toContain('sk-not-a-real-key');
  });

  it('keeps legacy inference tables (auto_capture_config) through a canary, and restores them', async () => {
    await setup();
    const capture = { catalog_name: 'main', schema_name: 'agents', table_name_prefix: 'support', enabled: true };
    h.serving.seed(endpoint, { ...seededV7, auto_capture_config: capture });
    const snapshot = await canarySnapshot();
    expect((snapshot.state as { config: unknown }).config).toEqual({ ...seededV7, auto_capture_config: capture });
    await h.target.deploy(request(10));
    expect(h.serving.received[0]?.auto_capture_config).toEqual(capture);
    expect(served()?.auto_capture_config).toEqual(capture);
    // Someone turns it off mid-rollout: the rollback turns it back on.
    const live = h.serving.endpoints.get(endpoint)?.config;
    if (live) delete live.auto_capture_config;
    await rollbackTo(snapshot);
    expect(h.serving.received.at(-1)).toEqual({ ...seededV7, auto_capture_config: capture });
  });

  it('keeps an existing endpoint tags in step with deploy.serving.tags, and a rollback restores the tags it had', async () => {
    await setup({ config: { tags: { team: 'ml', owner: 'agents' } } });
    h.serving.seed(endpoint, seededV7, undefined, [{ key: 'team', value: 'search' }, { key: 'billing', value: 'cc-42' }]);
    expect(await h.target.planChange(request(10))).toContain('note: tags team=ml, owner=agents are set (PATCH /tags; other tags stay)');
    const snapshot = await canarySnapshot();
    await h.target.deploy(request(10));
    const tags = () => [...(h.serving.endpoints.get(endpoint)?.tags ?? [])].sort((a, b) => a.key.localeCompare(b.key));
    expect(tags()).toEqual([{ key: 'billing', value: 'cc-42' }, { key: 'owner', value: 'agents' }, { key: 'team', value: 'ml' }]);
    expect(writes(h.fake).filter((w) => w.startsWith('PATCH'))).toEqual(['PATCH /api/2.0/serving-endpoints/support-agent/tags 200']);
    await h.target.deploy(request(50));
    expect(writes(h.fake).filter((w) => w.startsWith('PATCH'))).toHaveLength(1);
    await rollbackTo(snapshot);
    expect(tags()).toEqual([{ key: 'billing', value: 'cc-42' }, { key: 'team', value: 'search' }]);
  });

  it('refuses AI Gateway settings an agent endpoint does not support in preflight, before any change', async () => {
    await setup({ serving: { agentModels: [model] }, config: { ai_gateway: { inference_table_config: { enabled: true }, rate_limits: [{ calls: 10, key: 'user', renewal_period: 'minute' }] } } });
    h.serving.seed(endpoint, seededV7);
    const result = await h.target.preflight(request(10));
    expect(result.problems).toEqual([
      'serving endpoint support-agent serves an agent (task agent/v1/chat), and agent endpoints support only inference_table_config in the AI Gateway; deploy.serving.ai_gateway also sets rate_limits. Remove it from deploy.serving.ai_gateway (apply rate limits or guardrails elsewhere)',
    ]);
    expect(writes(h.fake)).toEqual([]);
  });

  it('accepts inference tables alone on an agent endpoint', async () => {
    await setup({ serving: { agentModels: [model] }, config: { ai_gateway: { inference_table_config: { enabled: true } } } });
    h.serving.seed(endpoint, seededV7);
    expect((await h.target.preflight(request(10))).problems).toEqual([]);
    await h.target.deploy(request(10));
    expect(h.serving.endpoints.get(endpoint)?.aiGateway).toEqual({ inference_table_config: { enabled: true } });
  });
});
