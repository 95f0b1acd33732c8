import { DatabricksApiError } from '../../src/databricks/files';
import { configInputOf, DatabricksServingClient, isAgentSwitchRefusal, isUpdateInProgress, type ServingEndpoint } from '../../src/databricks/serving';
import { updateConfigWhenIdle, waitForEndpointReady, type ServingWaitOptions } from '../../src/databricks/serving-wait';
import { describeChange, planStep, restorePlan, servedEntityName, servingSnapshotSchema, snapshotOf } from '../../src/deploy/serving-plan';
import { bearerToken, type Credentials } from '../../src/http/credentials';
import { memoryLogger } from '../../src/logger';
import { startDatabricksFake, type DatabricksFake } from '../support/databricks-fake';
import { FakeServingApi, type FakeServingOptions } from '../support/databricks-fake-serving';
import { fakeClock } from '../support/fake-clock';

const model = 'main.agents.support_agent';
const endpointName = 'support-agent';
const v7 = { name: 'support_agent-7', entity_name: model, entity_version: '7', workload_size: 'Small', scale_to_zero_enabled: true };
const seededV7 = {
  served_entities: [{ ...v7, workload_type: 'CPU', environment_vars: { OPENAI_KEY: '{{secrets/agents/openai}}' } }],
  traffic_config: { routes: [{ served_entity_name: 'support_agent-7', traffic_percentage: 100 }] },
};

interface Harness {
  fake: DatabricksFake;
  serving: FakeServingApi;
  client: DatabricksServingClient;
  clock: ReturnType<typeof fakeClock>;
  logger: ReturnType<typeof memoryLogger>;
  wait: ServingWaitOptions;
}
let harness: Harness | undefined;

async function setup(options: FakeServingOptions = {}, credentials?: (fake: DatabricksFake) => Credentials): Promise<Harness> {
  const clock = fakeClock();
  const serving = new FakeServingApi({ now: clock.now, updateTakes: 90_000, ...options });
  const fake = await startDatabricksFake({ services: [serving] });
  const logger = memoryLogger();
  const client = new DatabricksServingClient({ host: fake.url, credentials: credentials?.(fake) ?? bearerToken(fake.token, 'a test token'), clock, random: () => 0.5 }, logger);
  harness = { fake, serving, client, clock, logger, wait: { clock, logger, timeoutMs: 20 * 60_000, random: () => 0.5 } };
  return harness;
}

afterEach(async () => {
  await harness?.fake.close();
  harness = undefined;
});

const step = (current: ServingEndpoint | undefined, candidatePercent: number, stableVersion: string | null = '7') =>
  planStep({ current, entityName: model, stableVersion, candidateVersion: '8', candidatePercent, workloadSize: 'Small', scaleToZero: true });
const requestLog = (fake: DatabricksFake): string[] => fake.requests.map((r) => `${r.method} ${r.path} ${r.status}`);

describe('Databricks serving client and wait', () => {
  it('creates an absent endpoint with served_entities and waits through NOT_READY', async () => {
    const h = await setup();
    expect(await h.client.getEndpoint(endpointName)).toBeUndefined();
    const plan = step(undefined, 10, null);
    expect(plan.notes).toEqual(['no stable version is serving, so support_agent-8 takes all traffic instead of 10%']);
    const created = await h.client.createEndpoint({ name: endpointName, config: plan.config });
    expect(created.state).toEqual({ ready: 'NOT_READY', config_update: 'IN_PROGRESS' });
    const ready = await waitForEndpointReady(h.client, endpointName, { ...h.wait, targetConfigVersion: created.pending_config?.config_version });
    expect(ready.state).toEqual({ ready: 'READY', config_update: 'NOT_UPDATING' });
    expect(ready.config?.traffic_config?.routes).toEqual([{ served_entity_name: 'support_agent-8', traffic_percentage: 100 }]);
    expect(h.serving.received[0]).toEqual({
      name: endpointName,
      config: {
        served_entities: [{ name: 'support_agent-8', entity_name: model, entity_version: '8', workload_size: 'Small', scale_to_zero_enabled: true }],
        traffic_config: { routes: [{ served_entity_name: 'support_agent-8', traffic_percentage: 100 }] },
      },
    });
    expect(JSON.stringify(h.serving.received)).not.toContain('served_models');
    // 2 s doubling, capped at 30 s, until the 90 s update is over.
    expect(h.clock.sleeps).toEqual([2000, 4000, 8000, 16000, 30000, 30000]);
    expect(h.logger.lines.filter((l) => l.startsWith('info'))).toEqual(['info: serving endpoint support-agent: NOT_READY, IN_PROGRESS to config 1', 'info: serving endpoint support-agent: READY, NOT_UPDATING']);
  });

  it('updates a present endpoint to a 90/10 canary, keeping the stable entity exactly, and waits through IN_PROGRESS', async () => {
    const h = await setup();
    h.serving.seed(endpointName, seededV7);
    const current = await h.client.getEndpoint(endpointName);
    const plan = step(current, 10);
    const accepted = await updateConfigWhenIdle(h.client, endpointName, plan.config, h.wait);
    expect(accepted.state).toEqual({ ready: 'READY', config_update: 'IN_PROGRESS' });
    const done = await waitForEndpointReady(h.client, endpointName, { ...h.wait, targetConfigVersion: accepted.pending_config?.config_version });
    expect(done.config?.config_version).toBe(2);
    expect(done.config?.traffic_config?.routes).toEqual([
      { served_entity_name: 'support_agent-7', traffic_percentage: 90 },
      { served_entity_name: 'support_agent-8', traffic_percentage: 10 },
    ]);
    expect(h.serving.received[0]?.served_entities).toEqual([seededV7.served_entities[0], { name: 'support_agent-8', entity_name: model, entity_version: '8', workload_size: 'Small', scale_to_zero_enabled: true }]);
    expect(describeChange(snapshotOf(endpointName, current).config, plan.config)).toEqual([
      '+ served entity support_agent-8 (main.agents.support_agent v8, Small, scale-to-zero)',
      'traffic: support_agent-7 100% -> 90%, support_agent-8 0% -> 10%',
    ]);
  });

  it('reports UPDATE_FAILED with the endpoint own message', async () => {
    const h = await setup();
    h.serving.seed(endpointName, seededV7);
    h.serving.failNextUpdate(endpointName, 'Container image build failed: No matching distribution found for langchain==9.9');
    const accepted = await h.client.updateConfig(endpointName, step(await h.client.getEndpoint(endpointName), 10).config);
    await expect(waitForEndpointReady(h.client, endpointName, { ...h.wait, targetConfigVersion: accepted.pending_config?.config_version })).rejects.toThrow(
      'the update of serving endpoint support-agent failed: support_agent-8: DEPLOYMENT_FAILED: Container image build failed: No matching distribution found for langchain==9.9. ' +
        'The previous config keeps serving; fix the cause before releasing it again',
    );
    expect(h.serving.endpoints.get(endpointName)?.config?.config_version).toBe(1);
  });

  it('waits for an update already in flight instead of fighting it, then applies its own', async () => {
    const h = await setup();
    h.serving.seed(endpointName, seededV7);
    h.serving.startForeignUpdate(endpointName, { ...seededV7, served_entities: [{ ...v7, workload_size: 'Medium' }] });
    const conflict = await h.client.updateConfig(endpointName, step(undefined, 100).config).catch((e: unknown) => e);
    expect((conflict as Error).message).toBe(
      "update config of serving endpoint support-agent: RESOURCE_CONFLICT: Endpoint 'support-agent' is currently being updated. Wait for the update to finish before updating the endpoint again.",
    );
    const accepted = await updateConfigWhenIdle(h.client, endpointName, step(undefined, 100).config, h.wait);
    expect(accepted.pending_config?.config_version).toBe(3);
    expect(h.logger.lines).toContain(
      'info: serving endpoint support-agent is already being updated (to config 2, started 2023-11-14T22:13:20.000Z); waiting for that update to finish before applying ours',
    );
    const puts = requestLog(h.fake).filter((r) => r.startsWith('PUT'));
    expect(puts).toEqual(['PUT /api/2.0/serving-endpoints/support-agent/config 409', 'PUT /api/2.0/serving-endpoints/support-agent/config 409', 'PUT /api/2.0/serving-endpoints/support-agent/config 200']);
    expect(h.serving.endpoints.get(endpointName)?.config?.served_entities[0]?.workload_size).toBe('Medium');
  });

  it('times out with the state it was stuck in', async () => {
    const h = await setup({ updateTakes: 3_600_000 });
    await h.client.createEndpoint({ name: endpointName, config: step(undefined, 100, null).config });
    await expect(waitForEndpointReady(h.client, endpointName, { ...h.wait, timeoutMs: 5 * 60_000 })).rejects.toThrow(
      'serving endpoint support-agent is still NOT_READY, IN_PROGRESS to config 1 after 5 min (support_agent-8: DEPLOYMENT_CREATING: Creating the serving container.); ' +
        'nothing was rolled back by the wait itself. Raise deploy.ready_timeout if the model needs longer to load, or check the endpoint in the Serving UI',
    );
    expect(h.clock.sleeps.reduce((a, b) => a + b, 0)).toBe(5 * 60_000);
  });

  it('rides out a 429 burst on a poll, honouring Retry-After', async () => {
    const h = await setup();
    h.serving.seed(endpointName, seededV7);
    h.fake.failNext(...[1, 2, 3].map(() => ({ status: 429, method: 'GET', retryAfter: '3' })));
    const ready = await waitForEndpointReady(h.client, endpointName, h.wait);
    expect(ready.state.ready).toBe('READY');
    expect(requestLog(h.fake)).toEqual([...Array(3).fill('GET /api/2.0/serving-endpoints/support-agent 429'), 'GET /api/2.0/serving-endpoints/support-agent 200']);
    expect(h.clock.sleeps).toEqual([3000, 3000, 3000]);
  });

  it('deletes and recreates the endpoint when it refuses to switch from a non-agent to an agent model', async () => {
    const h = await setup({ agentModels: ['main.agents.support_agent'] });
    h.serving.seed(endpointName, { ...seededV7, served_entities: [{ ...v7, entity_name: 'main.ml.classic' }] });
    const config = step(undefined, 100, null).config;
    const refusal = await h.client.updateConfig(endpointName, config).catch((e: unknown) => e);
    expect(isAgentSwitchRefusal(refusal)).toBe(true);
    expect((refusal as DatabricksApiError).message).toBe('update config of serving endpoint support-agent: INVALID_PARAMETER_VALUE: Non-agent endpoint cannot be updated to serve agent models.');
    const created = await h.client.replaceEndpoint({ name: endpointName, config }, 'the endpoint cannot switch between agent and non-agent models');
    await waitForEndpointReady(h.client, endpointName, { ...h.wait, targetConfigVersion: created.pending_config?.config_version });
    expect(h.logger.lines).toContain(
      'warn: serving endpoint support-agent: the endpoint cannot switch between agent and non-agent models; deleting and recreating it (it serves no traffic until the new endpoint is READY)',
    );
    expect(requestLog(h.fake).slice(0, 4)).toEqual([
      'PUT /api/2.0/serving-endpoints/support-agent/config 400',
      'DELETE /api/2.0/serving-endpoints/support-agent 200',
      'GET /api/2.0/serving-endpoints/support-agent 404',
      'POST /api/2.0/serving-endpoints 200',
    ]);
    expect(h.serving.endpoints.get(endpointName)?.config?.served_entities.map((e) => e.entity_name)).toEqual([model]);
  });

  it('takes an update-in-progress refusal as 409, or as a 400 that says so (the status is not documented)', () => {
    const error = (status: number, code: string, message: string) => new DatabricksApiError('update config of serving endpoint x', status, code, message, false, undefined);
    expect(isUpdateInProgress(error(409, 'RESOURCE_CONFLICT', 'anything'))).toBe(true);
    expect(isUpdateInProgress(error(400, 'INVALID_PARAMETER_VALUE', "Endpoint 'x' is currently being updated. Wait for the update to finish."))).toBe(true);
    expect(isUpdateInProgress(error(400, 'INVALID_PARAMETER_VALUE', 'The traffic percentages of the routes must sum to 100, got 90.'))).toBe(false);
    expect(isUpdateInProgress(error(409, 'RESOURCE_ALREADY_EXISTS', 'exists'))).toBe(false);
  });

  it('accepts a GET without state and keeps waiting until the endpoint reports one', async () => {
    const h = await setup({ updateTakes: 0 });
    h.serving.seed(endpointName, seededV7);
    let stateless = 2;
    const original = h.serving.routes.find((r) => r.method === 'GET' && r.pattern.source.endsWith('([^/]+)$'));
    if (!original) throw new Error('no GET route');
    const handle = original.handle.bind(original);
    original.handle = (req) => {
      const reply = handle(req);
      if (stateless-- <= 0) return reply;
      const { state: _state, ...json } = reply.json as Record<string, unknown>;
      return { ...reply, json };
    };
    expect((await h.client.getEndpoint(endpointName))?.state).toEqual({});
    const ready = await waitForEndpointReady(h.client, endpointName, h.wait);
    expect(ready.state.ready).toBe('READY');
    expect(h.clock.sleeps).toEqual([2000]);
  });

  it('refreshes the credentials once on 401 and retries', async () => {
    let fresh = false;
    let invalidated = 0;
    const h = await setup({}, (fake) => ({
      description: 'an OAuth test token',
      authorization: async () => `Bearer ${fresh ? fake.token : 'expired-token'}`,
      invalidate: () => {
        invalidated++;
        fresh = true;
      },
    }));
    h.serving.seed(endpointName, seededV7);
    expect((await h.client.getEndpoint(endpointName))?.name).toBe(endpointName);
    expect(invalidated).toBe(1);
    expect(h.fake.requests.map((r) => r.status)).toEqual([401, 200]);
  });

  it('says what failed when the credentials stay rejected', async () => {
    const h = await setup({}, () => bearerToken('wrong', 'a revoked token'));
    await expect(h.client.getEndpoint(endpointName)).rejects.toThrow(
      `read serving endpoint support-agent: UNAUTHENTICATED: Invalid access token.; the workspace ${h.fake.url}/ rejected a revoked token; check DATABRICKS_TOKEN or the OAuth / OIDC settings`,
    );
    await h.fake.close();
    // Only credentials that can be refreshed were tried again with a fresh token, so only they say so.
    const oauth = await setup({}, () => ({ description: 'an OAuth token', authorization: async () => 'Bearer wrong', invalidate: () => {} }));
    await expect(oauth.client.getEndpoint(endpointName)).rejects.toThrow(`rejected an OAuth token (also after fetching a fresh token); check DATABRICKS_TOKEN`);
  });
});

describe('serving plan', () => {
  it('names entities after the model and version; 100% keeps the stable warm at 0% until it is retired', () => {
    expect(servedEntityName(model, '12')).toBe('support_agent-12');
    const current = { name: endpointName, state: { ready: 'READY' }, config: { config_version: 2, ...step(undefined, 50).config } } as ServingEndpoint;
    const full = step(current, 100);
    expect(full.config.served_entities.map((e) => e.name)).toEqual(['support_agent-7', 'support_agent-8']);
    expect(full.config.traffic_config?.routes).toEqual([
      { served_entity_name: 'support_agent-7', traffic_percentage: 0 },
      { served_entity_name: 'support_agent-8', traffic_percentage: 100 },
    ]);
    const retired = planStep({ current, entityName: model, stableVersion: '7', candidateVersion: '8', candidatePercent: 100, workloadSize: 'Small', scaleToZero: true, retireStable: true });
    expect(retired.config.served_entities.map((e) => e.name)).toEqual(['support_agent-8']);
    expect(retired.notes).toEqual(['removes served entity support_agent-7']);
    expect(step(current, 0).config.traffic_config?.routes).toEqual([
      { served_entity_name: 'support_agent-7', traffic_percentage: 100 },
      { served_entity_name: 'support_agent-8', traffic_percentage: 0 },
    ]);
    expect(() => step(current, 101)).toThrow('candidate traffic must be a whole percentage from 0 to 100 (got 101)');
  });

  it('restores a snapshot by PUTting exactly the old config', async () => {
    const h = await setup();
    h.serving.seed(endpointName, seededV7, { usage_tracking_config: { enabled: true } });
    const before = await h.client.getEndpoint(endpointName);
    const snapshot = servingSnapshotSchema.parse(JSON.parse(JSON.stringify(snapshotOf(endpointName, before))));
    const canary = await h.client.updateConfig(endpointName, step(before, 50).config);
    await waitForEndpointReady(h.client, endpointName, { ...h.wait, targetConfigVersion: canary.pending_config?.config_version });
    const restore = restorePlan(snapshot);
    if (restore.action !== 'put-config') throw new Error('expected put-config');
    expect(describeChange(configInputOf((await h.client.getEndpoint(endpointName))?.config), restore.config)).toEqual(['- served entity support_agent-8 (main.agents.support_agent v8, Small, scale-to-zero)', 'traffic: support_agent-7 50% -> 100%, support_agent-8 50% -> 0%']);
    await updateConfigWhenIdle(h.client, endpointName, restore.config, h.wait);
    expect(h.serving.received.at(-1)).toEqual(seededV7);
    expect(snapshot.aiGateway).toEqual({ usage_tracking_config: { enabled: true } });
    expect(restorePlan(snapshotOf(endpointName, undefined))).toEqual({ action: 'delete' });
  });
});
