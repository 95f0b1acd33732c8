import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../../src/clock';
import type { DeploymentReporter } from '../../src/deploy/reporter';
import { rolloutTagKeys, type RolloutState } from '../../src/deploy/rollout-state';
import type { DeployTarget, RollbackRequest } from '../../src/deploy/types';
import { deploy } from '../../src/modes/deploy';
import { promote } from '../../src/modes/promote';
import { rollback } from '../../src/modes/rollback';
import { LocalRegistry } from '../../src/registry/local';
import { tagKeys } from '../../src/registry/tags';
import { headline } from '../../src/report/render';
import { startAgent, startJsonServer, type AgentServer } from '../support/agent-server';
import { contextOf } from '../support/context';
import { startDatabricksFake } from '../support/databricks-fake';
import { FakeMetricsApi } from '../support/databricks-fake-metrics';
import { championHeldBy, recordPass } from '../support/decision-record';
import { makeWorkspace, type Workspace } from '../support/workspace';

/**
 * The deploy mode's rollouts with the command target (a real script, run by the real command
 * runner), http-probe analysis against a real local agent, the local registry and a scripted
 * clock: each bake is a sleep the test sees, and can act in (break the agent, cancel, crash).
 */
let ws: Workspace;
let registry: LocalRegistry;
let agent: AgentServer;
let agentFails = false;

const script = `import { appendFileSync } from 'node:fs';
const e = process.env;
appendFileSync('deployments.log', JSON.stringify({ command: process.argv[2], version: e.AGENT_RELEASE_VERSION, previous: e.AGENT_RELEASE_PREVIOUS_VERSION, traffic: e.AGENT_RELEASE_TRAFFIC, step: e.AGENT_RELEASE_STEP ?? null, steps: e.AGENT_RELEASE_STEPS ?? null }) + '\\n');
if (e.FAIL_AT_TRAFFIC === e.AGENT_RELEASE_TRAFFIC && process.argv[2] !== 'rollback') { console.error('traffic change refused'); process.exit(3); }
`;

const config = (strategy: string, extra = '') => `version: 1
model: { name: support-agent }
promote: { alias: champion }
deploy:
  target: command
  strategy: ${strategy}
${extra}  bake: 10m
  command: { deploy: "node deploy.mjs deploy", set_traffic: "node deploy.mjs set_traffic", rollback: "node deploy.mjs rollback" }
  analysis: { provider: http-probe, url: "${agent.url}/health?v={{version}}", requests: 8, concurrency: 2, limits: { error_rate: 0.1 } }
`;
const canary = () => config('canary', '  steps: [10, 50, 100]\n');

beforeEach(async () => {
  ws = await makeWorkspace();
  await ws.write('deploy.mjs', script);
  agentFails = false;
  agent = await startAgent(() => (agentFails ? { status: 500 } : { text: 'ok' }));
  registry = new LocalRegistry(ws.registryFile);
  for (const source of ['http://v1', 'http://v2', 'http://v3']) await registry.registerVersion('support-agent', source, {});
  await recordPass(contextOf(canary(), ws.dir).ctx, '1', championHeldBy('none'));
  await promote(contextOf(canary(), ws.dir).ctx, { modelVersion: '1' });
  await recordPass(contextOf(canary(), ws.dir).ctx, '2', championHeldBy('1'));
  await promote(contextOf(canary(), ws.dir).ctx, { modelVersion: '2' });
});
afterEach(async () => {
  await agent.close();
  await ws.cleanup();
});

const stateFile = () => path.join(ws.dir, '.agent-release', 'support-agent', 'rollouts', 'default.json');
const readState = async (): Promise<RolloutState> => JSON.parse(await readFile(stateFile(), 'utf8')) as RolloutState;
async function commands(): Promise<string[]> {
  const log = await ws.read('deployments.log').catch(() => '');
  return log.trim().split('\n').filter(Boolean).map((line) => {
    const d = JSON.parse(line) as Record<string, string | null>;
    return `${d.command} v${d.version} (previous ${d.previous}) ${d.traffic}%${d.step ? ` step ${d.step}/${d.steps}` : ''}`;
  });
}

/** A fake clock whose every sleep first calls `onSleep` (the n-th sleep, 1-based), then honours the signal like the system clock. */
function scriptedClock(onSleep: (n: number) => void | Promise<void> = () => {}): Clock & { sleeps: number[] } {
  // From the real now: promotion (run before, on the system clock) must read as earlier than the rollout.
  let now = Date.now();
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms, signal) => {
      sleeps.push(ms);
      await onSleep(sleeps.length);
      signal?.throwIfAborted();
      now += ms;
    },
  };
}

function memoryReporter(): DeploymentReporter & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    start: async (info) => void calls.push(`start ${info.environment} v${info.version} (previous ${info.previousVersion})`),
    progress: async (description) => void calls.push(`progress ${description}`),
    finish: async (outcome, description) => void calls.push(`${outcome} ${description}`),
    retire: async (info, description) => void calls.push(`retire ${info.environment} ${info.model} v${info.version}: ${description}`),
  };
}

function run(text: string, options: { clock?: Clock; signal?: AbortSignal; reporter?: DeploymentReporter; target?: (real: DeployTarget) => DeployTarget; dryRun?: boolean; env?: Record<string, string> } = {}) {
  const { ctx, logger } = contextOf(text, ws.dir, { dryRun: options.dryRun, env: options.env });
  const real = ctx.target;
  return { ctx: { ...ctx, clock: options.clock ?? scriptedClock(), signal: options.signal, deployments: options.reporter, target: options.target ? async () => options.target!(await real()) : real }, logger };
}

describe('canary rollout', () => {
  it('goes 10 -> 50 -> 100 with a bake and an analysis per step, saving state after each step', async () => {
    const seen: string[] = [];
    const clock = scriptedClock(async () => {
      const s = await readState();
      seen.push(`${s.status} step ${s.currentStep + 1}: ${s.steps.map((x) => x.status).join(',')}`);
    });
    const reporter = memoryReporter();
    const result = await deploy(run(canary(), { clock, reporter }).ctx, {});

    expect(result).toMatchObject({ failure: null, rolledBack: false, strategy: 'canary', resumed: false, alreadyDeployed: false });
    expect(await commands()).toEqual([
      'deploy v2 (previous 1) 10% step 1/3',
      'set_traffic v2 (previous 1) 50% step 2/3',
      'set_traffic v2 (previous 1) 100% step 3/3',
    ]);
    expect(clock.sleeps).toEqual([600_000, 600_000, 600_000]);
    expect(seen).toEqual(['in_progress step 1: baking,pending,pending', 'in_progress step 2: passed,baking,pending', 'in_progress step 3: passed,passed,baking']);
    expect(result.steps.map((s) => [s.weight, s.status, s.verdict, s.reasons])).toEqual([
      [10, 'passed', 'pass', ['http-probe: all 1 checks passed']],
      [50, 'passed', 'pass', ['http-probe: all 1 checks passed']],
      [100, 'passed', 'pass', ['http-probe: all 1 checks passed']],
    ]);
    expect(agent.requests).toBe(24);
    expect((await readState()).status).toBe('succeeded');
    const tags = (await registry.getVersion('support-agent', '2'))?.tags ?? {};
    expect([tags[tagKeys.deployStatus('default')], tags[rolloutTagKeys.step('default')]]).toEqual(['deployed', '3/3 100%']);
    expect(reporter.calls).toEqual([
      'start default v2 (previous 1)',
      'progress step 1 of 3 (10%): deploying',
      'progress step 1 of 3 (10%): baking 10m',
      'progress step 2 of 3 (50%): deploying',
      'progress step 2 of 3 (50%): baking 10m',
      'progress step 3 of 3 (100%): deploying',
      'progress step 3 of 3 (100%): baking 10m',
      'success support-agent v2 serving 100% in default',
    ]);

    const again = await deploy(run(canary()).ctx, {});
    expect(again).toMatchObject({ alreadyDeployed: true, failure: null });
    expect(await commands()).toHaveLength(3);
  });

  it('a failed analysis at step 2 rolls back serving (with the snapshot) and the alias, and says which step and why', async () => {
    const rollbacks: RollbackRequest[] = [];
    const withSnapshot = (real: DeployTarget): DeployTarget => ({
      ...real,
      kind: real.kind,
      describeDeploy: (r) => real.describeDeploy(r),
      describeRollback: (r) => real.describeRollback(r),
      deploy: (r) => real.deploy(r),
      snapshot: async () => ({ kind: 'command', takenAt: 'before', state: { serving: '1' } }),
      rollback: async (r) => {
        rollbacks.push(r);
        await real.rollback(r);
      },
    });
    const reporter = memoryReporter();
    const clock = scriptedClock((n) => void (agentFails = n === 2));
    const result = await deploy(run(canary(), { clock, reporter, target: withSnapshot }).ctx, {});

    // The probe says why its requests failed: the agent's 500s, with its (empty) answer.
    const reason = 'step 2 of 3 (50%): error_rate = 1 is above the maximum 0.1 (8 of 8 requests failed: 8 × HTTP 500: "{"choices":[{"message":{"role":"assistant","content":""}}]}")';
    expect(result.failure).toEqual({ step: 'analysis', reason, at: { index: 2, count: 3, weight: 50 } });
    expect(result.rolledBack).toBe(true);
    expect(headline(result)).toMatch(/; rolled back to v1\. To release v2 again once the cause is fixed: promote it again, then deploy$/);
    expect(await commands()).toEqual(['deploy v2 (previous 1) 10% step 1/3', 'set_traffic v2 (previous 1) 50% step 2/3', 'rollback v1 (previous 2) 100%']);
    expect(rollbacks).toEqual([{ model: 'support-agent', restoreVersion: '1', fromVersion: '2', environment: 'default', snapshot: { kind: 'command', takenAt: 'before', state: { serving: '1' } } }]);
    expect(await registry.getAlias('support-agent', 'champion')).toBe('1');
    const state = await readState();
    expect([state.status, state.currentStep, state.steps.map((s) => s.status)]).toEqual(['rolled_back', 1, ['passed', 'failed', 'pending']]);
    expect(state.failure).toEqual({ step: 'analysis', stepIndex: 2, weight: 50, reason });
    expect((await registry.getVersion('support-agent', '2'))?.tags[tagKeys.deployStatus('default')]).toBe('rolled_back');
    expect(reporter.calls.at(-1)).toBe(`failure rolled back: ${reason}`);
  });

  it('a failed traffic change rolls back too', async () => {
    const result = await deploy(run(canary(), { env: { FAIL_AT_TRAFFIC: '50' } }).ctx, {});
    expect(result.failure).toEqual({ step: 'deploy', reason: 'step 2 of 3 (50%): set_traffic command `node deploy.mjs set_traffic` exited with code 3 (its output is in the log above)', at: { index: 2, count: 3, weight: 50 } });
    expect((await commands()).at(-1)).toBe('rollback v1 (previous 2) 100%');
    expect(await registry.getAlias('support-agent', 'champion')).toBe('1');
  });

  it('SIGTERM during a bake rolls back before exiting, and says so', async () => {
    const controller = new AbortController();
    const clock = scriptedClock((n) => {
      if (n === 2) controller.abort(new Error('SIGTERM received'));
    });
    const reporter = memoryReporter();
    const { ctx, logger } = run(canary(), { clock, signal: controller.signal, reporter });
    const result = await deploy(ctx, {});

    expect(result.failure).toEqual({ step: 'cancelled', reason: 'cancelled during the bake of step 2 of 3 (50%) (SIGTERM received)', at: { index: 2, count: 3, weight: 50 } });
    expect(await commands()).toEqual(['deploy v2 (previous 1) 10% step 1/3', 'set_traffic v2 (previous 1) 50% step 2/3', 'rollback v1 (previous 2) 100%']);
    expect(await registry.getAlias('support-agent', 'champion')).toBe('1');
    expect((await readState()).status).toBe('rolled_back');
    expect(logger.lines).toContain('warn: the rollout of support-agent v2 was cancelled and rolled back to v1');
    expect(reporter.calls.at(-1)).toBe('failure rolled back: cancelled during the bake of step 2 of 3 (50%) (SIGTERM received)');
  });

  it('after a crash mid-bake, a re-run continues from the recorded step; then a re-run is a no-op', async () => {
    let crashed!: () => void;
    const reachedCrash = new Promise<void>((resolve) => (crashed = resolve));
    // The process dies in step 2's bake: the sleep never returns, and nothing after it runs.
    const dying = scriptedClock((n) => (n === 2 ? (crashed(), new Promise<void>(() => {})) : undefined));
    void deploy(run(canary(), { clock: dying }).ctx, {});
    await reachedCrash;

    const left = await readState();
    expect([left.status, left.currentStep, left.steps.map((s) => s.status)]).toEqual(['in_progress', 1, ['passed', 'baking', 'pending']]);
    const tags = (await registry.getVersion('support-agent', '2'))?.tags ?? {};
    expect([tags[tagKeys.deployStatus('default')], tags[rolloutTagKeys.step('default')]]).toEqual(['in_progress', '2/3 50%']);

    const { ctx, logger } = run(canary());
    const resumed = await deploy(ctx, {});
    expect(resumed).toMatchObject({ resumed: true, failure: null, rolledBack: false });
    expect(logger.lines).toContain(`warn: continuing the unfinished rollout of support-agent v2 to default: in progress at step 2 of 3 (50%) (from ${stateFile()})`);
    expect(await commands()).toEqual([
      'deploy v2 (previous 1) 10% step 1/3',
      'set_traffic v2 (previous 1) 50% step 2/3',
      'set_traffic v2 (previous 1) 50% step 2/3',
      'set_traffic v2 (previous 1) 100% step 3/3',
    ]);
    expect((await readState()).status).toBe('succeeded');
    expect(await deploy(run(canary()).ctx, {})).toMatchObject({ alreadyDeployed: true });
    expect(await commands()).toHaveLength(4);
  });

  it('a runner without the state file resumes from the version tags', async () => {
    let crashed!: () => void;
    const reachedCrash = new Promise<void>((resolve) => (crashed = resolve));
    void deploy(run(canary(), { clock: scriptedClock((n) => (n === 3 ? (crashed(), new Promise<void>(() => {})) : undefined)) }).ctx, {});
    await reachedCrash;
    await rm(stateFile());

    const { ctx, logger } = run(canary());
    expect(await deploy(ctx, {})).toMatchObject({ resumed: true, failure: null });
    expect(logger.lines).toContain('warn: continuing the unfinished rollout of support-agent v2 to default: in progress at step 3 of 3 (100%) (from the tags of version 2)');
    expect((await commands()).slice(3)).toEqual(['set_traffic v2 (previous 1) 100% step 3/3']);
  });

  it('a runner without the state file does nothing for a rollout the tags record as finished, until the version is promoted again', async () => {
    expect(await deploy(run(canary()).ctx, {})).toMatchObject({ failure: null });
    const done = await commands();
    await rm(stateFile());

    const { ctx, logger } = run(canary());
    expect(await deploy(ctx, {})).toMatchObject({ alreadyDeployed: true, failure: null });
    expect(await commands()).toEqual(done);
    expect(logger.lines.find((l) => l.includes('already succeeded'))).toMatch(
      /^info: the rollout of support-agent v2 to default already succeeded \(at .+, as the version's agent_release\.deploy\.default\.status tag records\); nothing to do: a finished rollout is not repeated, so a re-run of the release job changes nothing$/,
    );

    // Moving the alias away and back is a new release of the version: it goes through the rollout again.
    const later = '9999-01-01T00:00:00.000Z';
    await registry.setVersionTags('support-agent', '2', { [tagKeys.promotionStartedAt('champion')]: later, [tagKeys.promotedAt('champion')]: later });
    expect(await deploy(run(canary()).ctx, {})).toMatchObject({ alreadyDeployed: false, failure: null });
    expect((await commands()).length).toBeGreaterThan(done.length);
  });

  it('a first release rolled back keeps the alias, so deploying the holder by default is refused; naming it goes ahead', async () => {
    const solo = () => canary().replace('name: support-agent', 'name: solo-agent');
    await registry.registerVersion('solo-agent', 'http://solo1', {});
    await recordPass(contextOf(solo(), ws.dir).ctx, '1', championHeldBy('none'));
    await promote(contextOf(solo(), ws.dir).ctx, { modelVersion: '1' });
    agentFails = true;
    const failed = await deploy(run(solo()).ctx, {});
    expect(failed).toMatchObject({ rolledBack: true, previousVersion: null });
    expect(headline(failed)).toMatch(/; rolled back to no earlier version\. To release v1 again once the cause is fixed: deploy --model-version 1$/);
    expect(await registry.getAlias('solo-agent', 'champion')).toBe('1');

    agentFails = false;
    await expect(deploy(run(solo()).ctx, {})).rejects.toThrow(
      /^refusing to deploy solo-agent version 1 to default: it holds @champion, but it was rolled back there at .+ and nothing earlier serves\. To release it again anyway, name it: deploy --model-version 1; or promote a fixed version$/,
    );
    expect(await deploy(run(solo()).ctx, { modelVersion: '1' })).toMatchObject({ failure: null, alreadyDeployed: false });
  });

  it('a release after a failed first release, failing too, withdraws serving: it never restores the version that failed', async () => {
    const solo = () => canary().replace('name: support-agent', 'name: solo-agent');
    for (const source of ['http://solo1', 'http://solo2']) await registry.registerVersion('solo-agent', source, {});
    await recordPass(contextOf(solo(), ws.dir).ctx, '1', championHeldBy('none'));
    await promote(contextOf(solo(), ws.dir).ctx, { modelVersion: '1' });
    agentFails = true;
    expect(await deploy(run(solo()).ctx, {})).toMatchObject({ rolledBack: true, previousVersion: null });

    agentFails = false;
    await recordPass(contextOf(solo(), ws.dir).ctx, '2', championHeldBy('1'));
    const promoting = contextOf(solo(), ws.dir);
    expect(await promote(promoting.ctx, { modelVersion: '2' })).toMatchObject({ changed: true, previousVersion: '1' });
    expect(promoting.logger.lines).toContain('info: @champion is held by version 1, which was rolled back after its last promotion; a rollback of version 2 restores no version, not 1');
    expect((await registry.getVersion('solo-agent', '2'))?.tags[tagKeys.previousHolder('champion')]).toBe('none');

    agentFails = true;
    const before = (await commands()).length;
    expect(await deploy(run(solo()).ctx, {})).toMatchObject({ rolledBack: true, previousVersion: null });
    expect((await commands()).slice(before).filter((c) => c.startsWith('rollback'))).toEqual(['rollback v (previous 2) 100%']);
    expect(await registry.getAlias('solo-agent', 'champion')).toBe('2');
    await expect(rollback(contextOf(solo(), ws.dir).ctx, { modelVersion: '2', toVersion: '1' })).rejects.toThrow(
      /^cannot roll back to solo-agent version 1: it was rolled back after its last promotion to @champion \(.+\), so it is not a known-good release; promote it through the gate instead$/,
    );
  });

  it('a dry run of a whole release plans the deploy against the holder its promote would replace', async () => {
    await recordPass(contextOf(canary(), ws.dir).ctx, '3', championHeldBy('2'));
    expect(await deploy(run(canary(), { dryRun: true }).ctx, { modelVersion: '3' })).toMatchObject({ dryRun: true, version: '3', previousVersion: '2' });
  });

  it('refuses to start another version while a rollout is unfinished', async () => {
    let crashed!: () => void;
    const reachedCrash = new Promise<void>((resolve) => (crashed = resolve));
    void deploy(run(canary(), { clock: scriptedClock(() => (crashed(), new Promise<void>(() => {}))) }).ctx, {});
    await reachedCrash;
    await expect(deploy(run(canary()).ctx, { modelVersion: '1' })).rejects.toThrow(
      `refusing to deploy support-agent version 1 to default: the rollout of version 2 is unfinished (in progress at step 1 of 3 (10%), recorded in ${stateFile()}); re-run deploy for version 2 to finish it, or roll it back first`,
    );
  });
});

describe('blue-green and all-at-once', () => {
  it('blue-green deploys the candidate at 0% beside the stable, probes it, then switches to 100%', async () => {
    const result = await deploy(run(config('blue-green')).ctx, {});
    expect(result.failure).toBeNull();
    expect(await commands()).toEqual(['deploy v2 (previous 1) 0% step 1/2', 'set_traffic v2 (previous 1) 100% step 2/2']);
    expect(result.steps.map((s) => [s.weight, s.verdict])).toEqual([[0, 'pass'], [100, 'pass']]);
    expect(agent.requests).toBe(16);
  });

  it('skip_analysis goes straight to 100% without bake or analysis', async () => {
    const clock = scriptedClock();
    const result = await deploy(run(canary(), { clock }).ctx, { skipAnalysis: true });
    expect(result).toMatchObject({ skipAnalysis: true, failure: null });
    expect(await commands()).toEqual(['deploy v2 (previous 1) 100%']);
    expect([clock.sleeps, agent.requests]).toEqual([[], 0]);
  });
});

describe('preflight and dry run', () => {
  const withPreflight = (real: DeployTarget): DeployTarget => ({
    kind: real.kind,
    describeDeploy: (r) => real.describeDeploy(r),
    describeRollback: (r) => real.describeRollback(r),
    deploy: (r) => real.deploy(r),
    rollback: (r) => real.rollback(r),
    preflight: async () => ({ problems: ['endpoint support-agent is updating (config_update IN_PROGRESS); wait for it'], checks: ['credentials work'] }),
    planChange: async (r) => [`traffic: v1 100% -> v1 ${100 - r.traffic}% + v${r.version} ${r.traffic}%`],
  });

  it('refuses with every problem listed and changes nothing', async () => {
    const before = await readFile(ws.registryFile);
    await expect(deploy(run(canary(), { target: withPreflight }).ctx, { modelVersion: '3' })).rejects.toThrow(
      'refusing to deploy support-agent version 3 to default; nothing was changed: it does not hold @champion (version 2 does); promote it first; endpoint support-agent is updating (config_update IN_PROGRESS); wait for it',
    );
    expect((await readFile(ws.registryFile)).equals(before)).toBe(true);
    expect(await commands()).toEqual([]);
    await expect(readFile(stateFile())).rejects.toThrow('ENOENT');
  });

  it('dry run prints the preflight, the change and every step', async () => {
    const fine = (real: DeployTarget): DeployTarget => ({ ...withPreflight(real), preflight: async () => ({ problems: [], checks: ['credentials work'] }) });
    const { ctx, logger } = run(canary(), { target: fine, dryRun: true });
    const result = await deploy(ctx, {});
    expect(result.preflight).toEqual({ problems: [], checks: ['version 2 is registered and READY', 'version 2 holds @champion', 'credentials work'] });
    expect(result.change).toEqual(['traffic: v1 100% -> v1 90% + v2 10%']);
    expect(result.plan.filter((line) => !line.startsWith('then'))).toEqual([
      'command: run `node deploy.mjs deploy` with AGENT_RELEASE_MODEL=support-agent AGENT_RELEASE_VERSION=2 AGENT_RELEASE_PREVIOUS_VERSION=1 AGENT_RELEASE_TRAFFIC=10 AGENT_RELEASE_ENVIRONMENT=default AGENT_RELEASE_STEP=1 AGENT_RELEASE_STEPS=3',
      'bake 10m at 10%',
      'command: run `node deploy.mjs set_traffic` with AGENT_RELEASE_MODEL=support-agent AGENT_RELEASE_VERSION=2 AGENT_RELEASE_PREVIOUS_VERSION=1 AGENT_RELEASE_TRAFFIC=50 AGENT_RELEASE_ENVIRONMENT=default AGENT_RELEASE_STEP=2 AGENT_RELEASE_STEPS=3',
      'bake 10m at 50%',
      'command: run `node deploy.mjs set_traffic` with AGENT_RELEASE_MODEL=support-agent AGENT_RELEASE_VERSION=2 AGENT_RELEASE_PREVIOUS_VERSION=1 AGENT_RELEASE_TRAFFIC=100 AGENT_RELEASE_ENVIRONMENT=default AGENT_RELEASE_STEP=3 AGENT_RELEASE_STEPS=3',
      'bake 10m at 100%',
    ]);
    expect(logger.lines).toContain('info: dry run: change: traffic: v1 100% -> v1 90% + v2 10%');
    expect(await commands()).toEqual([]);
    await expect(readFile(stateFile())).rejects.toThrow('ENOENT');
  });

  it('dry run refuses a databricks-metrics canary whose metrics export names no served entity, saying what works instead', async () => {
    const metrics = new FakeMetricsApi({ now: () => Date.now(), entityLabel: null });
    metrics.addEndpoint('support-agent', ['support-agent-1']);
    const fake = await startDatabricksFake({ services: [metrics] });
    try {
      const text = canary().replace(/ {2}analysis: .*\n/, '  analysis: { provider: databricks-metrics, endpoint: support-agent, stable_entity: "{{stable_served_entity}}" }\n');
      const fine = (real: DeployTarget): DeployTarget => ({ ...withPreflight(real), preflight: async () => ({ problems: [], checks: ['credentials work'] }) });
      const { ctx } = run(text, { target: fine, dryRun: true, env: { DATABRICKS_HOST: fake.url, DATABRICKS_TOKEN: fake.token } });
      await expect(deploy(ctx, {})).rejects.toThrow(
        'refusing to deploy support-agent version 2: the metrics export of serving endpoint support-agent has no label naming the served entity (served_entity or served_model) on request_count_total (labels seen: none), ' +
          'so databricks-metrics cannot tell the canary from the stable entity and every look would end without data; judge the canary with deploy.analysis.provider http-probe (stable_url probes the stable side), or scrape the endpoint into Prometheus and use provider prometheus',
      );
      expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/2.0/serving-endpoints/support-agent/metrics']);
      expect(await commands()).toEqual([]);
    } finally {
      await fake.close();
    }
  });

  it('canary with a command target needs set_traffic', () => {
    const text = canary().replace(' set_traffic: "node deploy.mjs set_traffic",', '');
    expect(() => run(text)).toThrow('deploy.command.set_traffic: strategy canary moves traffic between steps; give command.set_traffic (run with AGENT_RELEASE_TRAFFIC set to the new percentage)');
  });
});

describe('rollback mode after a rollout', () => {
  it('marks the deployment inactive and the recorded rollout rolled back', async () => {
    await deploy(run(canary()).ctx, {});
    const reporter = memoryReporter();
    await rollback(run(canary(), { reporter }).ctx, {});
    expect(reporter.calls).toEqual(['retire default support-agent v2: support-agent v2 rolled back in default; v1 serves again']);
    expect((await readState()).status).toBe('rolled_back');
    expect(await registry.getAlias('support-agent', 'champion')).toBe('1');
  });
});

describe('canary judged on both sides by http-probe (stable_url)', () => {
  it('rolls back when the candidate errs more than the stable version, with the comparison as the reason', async () => {
    // v2 (candidate) fails one request in three; v1 (stable) never does.
    const sides = await startJsonServer((request, n) => (request.path.includes('v=2') && n % 3 === 0 ? { status: 500, json: { error: 'boom' } } : { json: { ok: true } }));
    try {
      const text = config('canary', '  steps: [50, 100]\n').replace(
        /analysis: .*\n/,
        `analysis: { provider: http-probe, url: "${sides.url}/health?v={{version}}", stable_url: "${sides.url}/health?v={{version}}", requests: 300, concurrency: 8, limits: { error_rate: 1 }, judgement: { min_requests: 100, compare: { error_rate: { max_increase: 0 } } } }\n`,
      );
      const result = await deploy(run(text).ctx, {});
      expect(result.rolledBack).toBe(true);
      expect(result.failure).toMatchObject({ step: 'analysis', at: { index: 1, count: 2, weight: 50 } });
      expect(result.failure?.reason).toMatch(/^roll back at step 1 of 2 \(50% canary\): error_rate vs stable: canary 3\d(\.\d+)?% \(\d+\/300\) vs stable 0% \(0\/300\)/);
      expect(result.steps[0]?.verdict).toBe('fail');
      expect(await commands()).toEqual(['deploy v2 (previous 1) 50% step 1/2', 'rollback v1 (previous 2) 100%']);
    } finally {
      await sides.close();
    }
  });
});

describe('finishing a rollout', () => {
  it("calls the target's finish once after success, never after a rollback", async () => {
    const finished: string[] = [];
    const withFinish = (real: DeployTarget): DeployTarget => Object.assign(Object.create(real) as DeployTarget, { finish: async (r: { version: string; traffic: number }) => void finished.push(`v${r.version} ${r.traffic}%`) });
    await deploy(run(canary(), { target: withFinish }).ctx, {});
    expect(finished).toEqual(['v2 100%']);

    await recordPass(contextOf(canary(), ws.dir).ctx, '3', championHeldBy('2'));
    await promote(contextOf(canary(), ws.dir).ctx, { modelVersion: '3' });
    agentFails = true;
    const failed = await deploy(run(canary(), { target: withFinish }).ctx, {});
    expect(failed.rolledBack).toBe(true);
    expect(finished).toEqual(['v2 100%']);
  });
});
