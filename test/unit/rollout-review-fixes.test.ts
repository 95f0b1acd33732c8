import type { Clock } from '../../src/clock';
import { RemoteError } from '../../src/errors';
import type { DeployTarget, RollbackRequest } from '../../src/deploy/types';
import { deploy } from '../../src/modes/deploy';
import { promote } from '../../src/modes/promote';
import { rollback } from '../../src/modes/rollback';
import { LocalRegistry } from '../../src/registry/local';
import { tagKeys } from '../../src/registry/tags';
import { startJsonServer, type JsonServer } from '../support/agent-server';
import { contextOf } from '../support/context';
import { championHeldBy, recordPass } from '../support/decision-record';
import { makeWorkspace, type Workspace } from '../support/workspace';

/**
 * Deploy and rollback after the review of the deploy side: the command target (a real script),
 * http-probe against a real local server, the local registry and a clock whose sleeps are instant.
 */
let ws: Workspace;
let registry: LocalRegistry;
let server: JsonServer;
let failing = false;

const script = `import { appendFileSync } from 'node:fs';
appendFileSync('deployments.log', process.argv[2] + ' v' + process.env.AGENT_RELEASE_VERSION + ' ' + process.env.AGENT_RELEASE_TRAFFIC + '%\\n');
`;
const config = (analysis?: string) => `version: 1
model: { name: support-agent }
promote: { alias: champion }
deploy:
  target: command
  strategy: canary
  steps: [50, 100]
  bake: 1m
  command: { deploy: "node deploy.mjs deploy", set_traffic: "node deploy.mjs set_traffic", rollback: "node deploy.mjs rollback" }
  analysis: ${analysis ?? `{ provider: http-probe, url: "${server.url}/health?v={{version}}", requests: 4, concurrency: 2, limits: { error_rate: 0.1 } }`}
`;

beforeEach(async () => {
  ws = await makeWorkspace();
  await ws.write('deploy.mjs', script);
  failing = false;
  server = await startJsonServer(() => (failing ? { status: 500, json: { error: 'boom' } } : { json: { ok: true } }));
  registry = new LocalRegistry(ws.registryFile);
  for (const source of ['http://v1', 'http://v2', 'http://v3']) await registry.registerVersion('support-agent', source, {});
  const holders = ['none', '1', '2'];
  for (const [i, holder] of holders.entries()) {
    const version = String(i + 1);
    await recordPass(contextOf(config(), ws.dir).ctx, version, championHeldBy(holder));
  }
  await promote(contextOf(config(), ws.dir).ctx, { modelVersion: '1' });
  await promote(contextOf(config(), ws.dir).ctx, { modelVersion: '2' });
});
afterEach(async () => {
  await server.close();
  await ws.cleanup();
});

function instantClock(onSleep: () => void = () => {}): Clock {
  let now = Date.now();
  return { now: () => now, sleep: async (ms) => void (onSleep(), (now += ms)) };
}

function run(text: string, options: { target?: (real: DeployTarget) => DeployTarget; registry?: LocalRegistry; clock?: Clock; signal?: AbortSignal } = {}) {
  const { ctx, logger } = contextOf(text, ws.dir);
  const real = ctx.target;
  return {
    ctx: { ...ctx, clock: options.clock ?? instantClock(), registry: options.registry ?? ctx.registry, signal: options.signal, target: options.target ? async () => options.target!(await real()) : real },
    logger,
  };
}

/** The real command target plus a snapshot, recording every rollback request. */
function snapshotting(rollbacks: RollbackRequest[]) {
  return (real: DeployTarget): DeployTarget => ({
    kind: real.kind,
    describeDeploy: (r) => real.describeDeploy(r),
    describeRollback: (r) => real.describeRollback(r),
    deploy: (r) => real.deploy(r),
    snapshot: async () => ({ kind: 'command', takenAt: 'before', state: { serving: '1' } }),
    rollback: async (r) => void rollbacks.push(r),
  });
}

describe('rollback --to-version (review 1)', () => {
  it('restores the version asked for, not the snapshot of what served before the rollout', async () => {
    const rollbacks: RollbackRequest[] = [];
    await registry.setVersionTags('support-agent', '3', { [tagKeys.gateDecision]: 'pass' });
    await promote(contextOf(config(), ws.dir).ctx, { modelVersion: '3' });
    expect((await deploy(run(config(), { target: snapshotting(rollbacks) }).ctx, {})).failure).toBeNull();

    await rollback(run(config(), { target: snapshotting(rollbacks) }).ctx, { toVersion: '1' });
    expect(rollbacks).toEqual([{ model: 'support-agent', restoreVersion: '1', fromVersion: '3', environment: 'default' }]);
    expect(await registry.getAlias('support-agent', 'champion')).toBe('1');
  });

  it('still uses the snapshot when the version asked for is the one the rollout replaced', async () => {
    const rollbacks: RollbackRequest[] = [];
    await deploy(run(config(), { target: snapshotting(rollbacks) }).ctx, {});
    await rollback(run(config(), { target: snapshotting(rollbacks) }).ctx, { toVersion: '1' });
    expect(rollbacks.map((r) => [r.restoreVersion, r.snapshot?.state])).toEqual([['1', { serving: '1' }]]);
  });
});

describe('a failing tag write (review 2)', () => {
  /** A registry whose tag writes fail from the moment the rollout starts rolling back. */
  class FlakyTags extends LocalRegistry {
    override async setVersionTags(model: string, version: string, tags: Record<string, string>): Promise<void> {
      if (tags[tagKeys.deployStatus('default')] === 'rolling_back') throw new Error('registry unavailable (HTTP 503)');
      return super.setVersionTags(model, version, tags);
    }
  }

  it('does not stop the rollback of a failing step; it warns and the file records the state', async () => {
    const clock = instantClock(() => void (failing = true));
    const { ctx, logger } = run(config(), { registry: new FlakyTags(ws.registryFile), clock });
    const result = await deploy(ctx, {});

    expect(result.rolledBack).toBe(true);
    expect(result.failure).toMatchObject({ step: 'analysis', at: { index: 1, count: 2, weight: 50 } });
    expect((await ws.read('deployments.log')).trim().split('\n')).toEqual(['deploy v2 50%', 'rollback v1 100%']);
    expect(await registry.getAlias('support-agent', 'champion')).toBe('1');
    expect(logger.lines.some((l) => l.startsWith('warn: could not tag support-agent version 2 with its rollout status (rolling_back at step 1 of 2): registry unavailable (HTTP 503);'))).toBe(true);
  });
});

describe('a rollback whose record cannot be written', () => {
  class RecordFails extends LocalRegistry {
    override async setVersionTags(model: string, version: string, tags: Record<string, string>): Promise<void> {
      if (tags[tagKeys.rolledBackAt('champion')] !== undefined) throw new RemoteError('set tag: HTTP 503 (injected)');
      return super.setVersionTags(model, version, tags);
    }
  }

  it('says that serving was already rolled back, where the alias is, and what to run', async () => {
    await deploy(run(config()).ctx, {});
    await expect(rollback(run(config(), { registry: new RecordFails(ws.registryFile) }).ctx, {})).rejects.toThrow(
      'serving was rolled back to version 1, but recording the rollback on support-agent version 2 failed: set tag: HTTP 503 (injected); @champion still points at 2; re-run: agent-release rollback --model-version 2',
    );
    expect(await registry.getAlias('support-agent', 'champion')).toBe('2');
    expect(await rollback(run(config()).ctx, {})).toMatchObject({ version: '1', restoredFrom: '2' });
    expect(await registry.getAlias('support-agent', 'champion')).toBe('1');
  });
});

describe('an engine that throws (review 2)', () => {
  const brokenClock: Clock = { now: () => Date.now(), sleep: async () => Promise.reject(new Error('clock broke')) };

  it('counts as a failed step and is rolled back', async () => {
    const result = await deploy(run(config(), { clock: brokenClock }).ctx, {});
    expect(result).toMatchObject({ rolledBack: true, failure: { step: 'deploy', reason: 'step 1 of 2 (50%): the rollout stopped: clock broke' } });
    expect((await ws.read('deployments.log')).trim().split('\n')).toEqual(['deploy v2 50%', 'rollback v1 100%']);
    expect(await registry.getAlias('support-agent', 'champion')).toBe('1');
  });

  it('names the command to finish by hand when the rollback fails too', async () => {
    const stuck = (real: DeployTarget): DeployTarget => ({ ...real, kind: real.kind, describeDeploy: (r) => real.describeDeploy(r), describeRollback: (r) => real.describeRollback(r), deploy: (r) => real.deploy(r), rollback: async () => Promise.reject(new Error('endpoint busy')) });
    const error: unknown = await deploy(run(config(), { clock: brokenClock, target: stuck }).ctx, {}).catch((e: unknown) => e);
    expect(error instanceof Error ? error.message : error).toBe(
      'deploy of support-agent version 2 failed (step 1 of 2 (50%): the rollout stopped: clock broke) and the automatic rollback did not finish: rolling back serving of support-agent from version 2 failed: endpoint busy. ' +
        '@champion still points at 2; fix the cause and re-run: agent-release rollback --model-version 2',
    );
  });
});

describe('cancellation reaches the target', () => {
  it('passes the run signal with every deploy and traffic change', async () => {
    const controller = new AbortController();
    const signals: (AbortSignal | undefined)[] = [];
    const watching = (real: DeployTarget): DeployTarget => ({ ...real, kind: real.kind, describeDeploy: (r) => real.describeDeploy(r), describeRollback: (r) => real.describeRollback(r), rollback: (r) => real.rollback(r), deploy: (r) => (signals.push(r.signal), real.deploy(r)) });
    await deploy(run(config(), { target: watching, signal: controller.signal }).ctx, {});
    expect(signals.map((s) => s === controller.signal)).toEqual([true, true]);
  });
});

describe('the stable served entity in the canary comparison (review 3)', () => {
  const withEntities = (real: DeployTarget): DeployTarget => ({
    kind: real.kind,
    describeDeploy: (r) => real.describeDeploy(r),
    describeRollback: (r) => real.describeRollback(r),
    deploy: (r) => real.deploy(r),
    rollback: (r) => real.rollback(r),
    servedEntities: async (r) => ({
      candidate: { name: `agent-${r.version}`, url: null },
      stable: r.traffic < 100 && r.previousVersion ? { name: `agent-${r.previousVersion}`, url: null } : null,
    }),
  });

  it('probes the stable entity by its own {{served_entity}} below 100%, and not at all at 100%', async () => {
    const analysis = `{ provider: http-probe, url: "${server.url}/e/{{served_entity}}", stable_url: "${server.url}/e/{{served_entity}}", requests: 2, concurrency: 1, limits: { error_rate: 0.1 } }`;
    const result = await deploy(run(config(analysis), { target: withEntities }).ctx, {});

    expect(result.failure).toBeNull();
    const paths = server.requests.map((r) => r.path);
    expect([...new Set(paths)].sort()).toEqual(['/e/agent-1', '/e/agent-2']);
    expect(paths.filter((p) => p === '/e/agent-1')).toHaveLength(2);
    expect(paths.filter((p) => p === '/e/agent-2')).toHaveLength(4);
  });
});

describe('a state file the registry contradicts (review 11)', () => {
  it('is not "already deployed" after another runner rolled the version back', async () => {
    expect((await deploy(run(config()).ctx, {})).failure).toBeNull();
    // Another runner, without this file: tags and alias only.
    await registry.setVersionTags('support-agent', '2', { [tagKeys.deployStatus('default')]: 'rolled_back', [tagKeys.deployedAt('default')]: new Date(Date.now() + 60_000).toISOString() });
    await registry.setAlias('support-agent', 'champion', '1', '2');

    const { ctx, logger } = run(config());
    await expect(deploy(ctx, { modelVersion: '2' })).rejects.toThrow('refusing to deploy support-agent version 2: it does not hold @champion (version 1 does); promote it first');
    expect(logger.lines.find((l) => l.includes('ignoring'))).toMatch(/^warn: ignoring .*default\.json: it records the rollout of support-agent v2 as succeeded, but version 2 was rolled back since/);
  });

  it('does not let an unfinished record block the next version once the tags say it was rolled back', async () => {
    let crashed!: () => void;
    const reachedCrash = new Promise<void>((resolve) => (crashed = resolve));
    const dying: Clock = { now: () => Date.now(), sleep: () => (crashed(), new Promise<void>(() => {})) };
    void deploy(run(config(), { clock: dying }).ctx, {});
    await reachedCrash;
    await registry.setVersionTags('support-agent', '2', { [tagKeys.deployStatus('default')]: 'rolled_back', [tagKeys.deployedAt('default')]: new Date(Date.now() + 60_000).toISOString() });
    await registry.setAlias('support-agent', 'champion', '1', '2');

    const result = await deploy(run(config()).ctx, { modelVersion: '1' });
    expect(result).toMatchObject({ version: '1', failure: null, alreadyDeployed: false });
  });
});
