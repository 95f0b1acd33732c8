import { CanaryObservations } from '../../src/analysis/canary-observation';
import { canaryQueriesSchema } from '../../src/analysis/canary-queries';
import { PrometheusClient } from '../../src/analysis/prometheus-api';
import { systemClock, type Clock } from '../../src/clock';
import type { RolloutState } from '../../src/deploy/rollout-state';
import { deploy } from '../../src/modes/deploy';
import { promote } from '../../src/modes/promote';
import { LocalRegistry } from '../../src/registry/local';
import { contextOf } from '../support/context';
import { recordPass } from '../support/decision-record';
import { startFaultProxy } from '../support/fault-proxy';
import { startMetricsAgent, type MetricsAgent } from '../support/metrics-agent';
import { prometheusStartTimeoutMs, startPrometheus, type PrometheusServer } from '../support/prometheus-server';
import { makeWorkspace, type Workspace } from '../support/workspace';

/**
 * A canary judged from a real Prometheus scraping real agent processes: v1 (stable), v2 (as good
 * as v1) and v3 (every fifth request answers 500). Each bake is where the test sends traffic at the
 * step's weight (canary share to the candidate, the rest to the stable) and waits until Prometheus
 * has scraped all of it; the per-version canary queries then feed the judgement.
 */
let prometheus: PrometheusServer;
const agents = new Map<string, MetricsAgent>();
const sent = new Map<string, number>();
let ws: Workspace;

beforeAll(async () => {
  const latenciesMs = [5, 10, 15, 20];
  for (const [version, errorRate] of [['1', 0], ['2', 0], ['3', 0.2]] as const) {
    agents.set(version, await startMetricsAgent({ version, latenciesMs, errorRate }));
    sent.set(version, 0);
  }
  prometheus = await startPrometheus({ targets: [...agents.values()].map((a) => a.target), scrapeIntervalMs: 500 });
  await prometheus.waitForSamples('count(up{job="agent"} == 1) == 3');
}, prometheusStartTimeoutMs);

afterAll(async () => {
  await prometheus?.stop();
  await Promise.all([...agents.values()].map((agent) => agent.stop()));
});

beforeEach(async () => {
  ws = await makeWorkspace();
  await ws.write('deploy.mjs', `import { appendFileSync } from 'node:fs';\nappendFileSync('deployments.log', process.argv[2] + ' v' + process.env.AGENT_RELEASE_VERSION + ' ' + process.env.AGENT_RELEASE_TRAFFIC + '%\\n');\n`);
});
afterEach(() => ws.cleanup());

const perLook = 300;
const byVersion = (metric: string) => `${metric}{version="{{version}}"}`;
const config = () => `version: 1
model: { name: support-agent }
promote: { alias: champion }
deploy:
  target: command
  strategy: canary
  steps: [50, 100]
  bake: 1m
  command: { deploy: "node deploy.mjs deploy", set_traffic: "node deploy.mjs set_traffic", rollback: "node deploy.mjs rollback" }
  analysis:
    provider: prometheus
    url: ${prometheus.url}
    queries: { requests: 'sum(increase(${byVersion('agent_requests_total')}[{{window}}]))' }
    canary:
      requests: 'sum(increase(${byVersion('agent_requests_total')}[{{window}}]))'
      errors: 'sum(increase(agent_requests_total{version="{{version}}",code=~"5.."}[{{window}}]))'
      latency_histogram: 'sum by (le) (increase(${byVersion('agent_request_duration_seconds_bucket')}[{{window}}]))'
      # The window starts a little before the step so increase() has the sample before its first request (scrapes are 0.5s apart here).
      min_window: 5s
    judgement:
      min_requests: 100
      limits: { error_rate: 0.05, latency_p95_ms: 250 }
      compare: { error_rate: { max_increase: 0 }, latency: { max_increase_ratio: 0.5 } }
`;

/** Promotes v1, then `candidate` over it, in a fresh registry. */
async function release(candidate: string): Promise<LocalRegistry> {
  const registry = new LocalRegistry(ws.registryFile);
  for (const source of ['http://v1', 'http://v2', 'http://v3']) await registry.registerVersion('support-agent', source, {});
  await recordPass(contextOf(config(), ws.dir).ctx, '1', {});
  await promote(contextOf(config(), ws.dir).ctx, { modelVersion: '1' });
  await recordPass(contextOf(config(), ws.dir).ctx, candidate, { champion: '1' });
  await promote(contextOf(config(), ws.dir).ctx, { modelVersion: candidate });
  return registry;
}

/** Real time; a bake sends the step's traffic and returns once Prometheus has scraped every request. */
function trafficClock(candidate: string): Clock {
  return {
    now: () => Date.now(),
    sleep: async () => {
      const state = JSON.parse(await ws.read('.agent-release/support-agent/rollouts/default.json')) as RolloutState;
      const weight = state.steps[state.currentStep]?.weight ?? 100;
      const toCanary = Math.round((perLook * weight) / 100);
      const shares: [string, number][] = [[candidate, toCanary], ['1', perLook - toCanary]];
      await Promise.all(shares.filter(([, n]) => n > 0).map(([version, n]) => agents.get(version)!.drive(n)));
      for (const [version, n] of shares) sent.set(version, (sent.get(version) ?? 0) + n);
      await prometheus.waitForSamples(shares.map(([v]) => `sum(agent_requests_total{version="${v}"}) == ${sent.get(v)}`).join(' and '));
    },
  };
}

describe('canary judged from a real Prometheus', () => {
  test('a candidate as good as the stable version goes to 100%', async () => {
    const registry = await release('2');
    const result = await deploy({ ...contextOf(config(), ws.dir).ctx, clock: trafficClock('2') }, {});
    expect(result.failure).toBeNull();
    expect(result.steps.map((s) => [s.weight, s.status, s.verdict])).toEqual([[50, 'passed', 'pass'], [100, 'passed', 'pass']]);
    expect(result.steps[0]?.reasons).toEqual(['all 4 checks passed at step 1 of 2 (50% canary)']);
    expect(result.steps[1]?.reasons).toEqual(['all 2 checks passed at step 2 of 2 (100% canary) (no stable traffic at this step: absolute limits only)']);
    expect((await ws.read('deployments.log')).trim().split('\n')).toEqual(['deploy v2 50%', 'set_traffic v2 100%']);
    expect(await registry.getAlias('support-agent', 'champion')).toBe('2');
  }, 60_000);

  test('a canary query Prometheus cannot parse is refused in preflight, before the candidate takes traffic', async () => {
    const registry = await release('2');
    const broken = config().replace(`errors: 'sum(increase(agent_requests_total{version="{{version}}",code=~"5.."}[{{window}}]))'`, `errors: 'sum(increase(agent_requests_total{version="{{version}}"}[{{window}}])'`);
    expect(broken).not.toBe(config());
    await expect(deploy({ ...contextOf(broken, ws.dir).ctx, clock: trafficClock('2') }, {})).rejects.toThrow(/^refusing to deploy support-agent version 2: deploy\.analysis\.canary: .*bad_data/);
    await expect(ws.read('deployments.log')).rejects.toThrow();
    expect(await registry.getAlias('support-agent', 'champion')).toBe('2');
  }, 60_000);

  test('a candidate with 20% errors is rolled back at its first step', async () => {
    const registry = await release('3');
    const result = await deploy({ ...contextOf(config(), ws.dir).ctx, clock: trafficClock('3') }, {});
    expect(result.failure?.at).toEqual({ index: 1, count: 2, weight: 50 });
    // increase() extrapolates over the window's edges, so the counts are near, not exactly, 150 and 30; the
    // stable's window may also hold the previous test's v1 traffic.
    expect(result.failure?.reason).toMatch(/^roll back at step 1 of 2 \(50% canary\): error_rate (19|20|21)(\.\d)?% \(\d+ errors in 1\d\d canary requests\) is above the limit 5%/);
    expect(result.failure?.reason).toMatch(/error_rate vs stable: canary (19|20|21)(\.\d)?% \(\d+\/1\d\d\) vs stable 0% \(0\/\d+\)/);
    expect(result.rolledBack).toBe(true);
    expect((await ws.read('deployments.log')).trim().split('\n')).toEqual(['deploy v3 50%', 'rollback v1 100%']);
    expect(await registry.getAlias('support-agent', 'champion')).toBe('1');
  }, 60_000);

  /** Prometheus behind a proxy that answers 503 while `down`; the bake after the first look brings it back after `outageLooks` looks. */
  async function flakyPrometheus(candidate: string, outageLooks: number): Promise<{ config: string; clock: Clock; close: () => Promise<void> }> {
    let down = false;
    const proxy = await startFaultProxy(prometheus.url, () => (down ? { kind: 'status', status: 503, forward: false } : undefined));
    const traffic = trafficClock(candidate);
    let sleeps = 0;
    const clock: Clock = {
      now: () => Date.now(),
      // The first bake ends with Prometheus going away; each wait after a look that could not run counts one down.
      sleep: async (ms, signal) => {
        sleeps++;
        if (sleeps > 1 && sleeps <= 1 + outageLooks) {
          if (sleeps === 1 + outageLooks) down = false;
          return;
        }
        await traffic.sleep(ms, signal);
        if (sleeps === 1) down = true;
      },
    };
    return { config: config().replace(`url: ${prometheus.url}`, `url: ${proxy.url}`), clock, close: () => proxy.close() };
  }

  test('a Prometheus that is away for one look is looked at again after a wait: the healthy candidate goes on', async () => {
    const registry = await release('2');
    const flaky = await flakyPrometheus('2', 1);
    try {
      const result = await deploy({ ...contextOf(flaky.config, ws.dir).ctx, clock: flaky.clock }, {});
      expect(result.failure).toBeNull();
      expect(result.steps.map((s) => [s.weight, s.status, s.verdict])).toEqual([[50, 'passed', 'pass'], [100, 'passed', 'pass']]);
      expect(result.steps[0]?.reasons[0]).toMatch(/^the analysis could not run \(1 of 2 allowed in a row\): .*HTTP 503.*; looking again in 1m$/);
      expect(result.steps[0]?.reasons[1]).toBe('all 4 checks passed at step 1 of 2 (50% canary)');
      expect((await ws.read('deployments.log')).trim().split('\n')).toEqual(['deploy v2 50%', 'set_traffic v2 100%']);
      expect(await registry.getAlias('support-agent', 'champion')).toBe('2');
    } finally {
      await flaky.close();
    }
  }, 90_000);

  test('a Prometheus that stays away past deploy.analysis_error_limit rolls the candidate back, saying so', async () => {
    const registry = await release('2');
    const flaky = await flakyPrometheus('2', 99);
    try {
      const result = await deploy({ ...contextOf(flaky.config, ws.dir).ctx, clock: flaky.clock }, {});
      expect(result.rolledBack).toBe(true);
      expect(result.failure?.reason).toMatch(/^step 1 of 2 \(50%\): the analysis could not run \(3 looks in a row\): Prometheus query .*HTTP 503/);
      expect((await ws.read('deployments.log')).trim().split('\n')).toEqual(['deploy v2 50%', 'rollback v1 100%']);
      expect(await registry.getAlias('support-agent', 'champion')).toBe('1');
    } finally {
      await flaky.close();
    }
  }, 90_000);

  /** The canary judgement made loose, so only analysis.queries and their limits can stop the rollout. */
  const withQueryLimits = (): string =>
    config()
      .replace(
        / {4}queries: \{ requests: .*\n/,
        `    queries:
      error_ratio: 'sum(increase(agent_requests_total{version="{{version}}",code=~"5.."}[{{window}}])) / sum(increase(${byVersion('agent_requests_total')}[{{window}}]))'
      # Against the version being replaced: {{previous_version}} holds at the 100% step too, where the window still has its traffic.
      error_increase: '(sum(increase(agent_requests_total{version="{{version}}",code=~"5.."}[{{window}}])) or vector(0)) / sum(increase(${byVersion('agent_requests_total')}[{{window}}])) - (sum(increase(agent_requests_total{version="{{previous_version}}",code=~"5.."}[{{window}}])) or vector(0)) / sum(increase(agent_requests_total{version="{{previous_version}}"}[{{window}}]))'
    limits: { error_ratio: { max: 0.05 }, error_increase: { max: 0.01 } }
    window: 1h
`,
      )
      .replace('limits: { error_rate: 0.05, latency_p95_ms: 250 }', 'limits: { error_rate: 0.5, latency_p95_ms: 250 }')
      .replace('compare: { error_rate: { max_increase: 0 }, latency: { max_increase_ratio: 0.5 } }', 'compare: { error_rate: { max_increase: 0.5 }, latency: { max_increase_ratio: 0.5 } }');

  test('analysis.queries and their limits hold beside the canary judgement, {{previous_version}} included at 100%', async () => {
    const registry = await release('2');
    const good = await deploy({ ...contextOf(withQueryLimits(), ws.dir).ctx, clock: trafficClock('2') }, {});
    expect(good.failure).toBeNull();
    expect(good.steps.map((s) => [s.weight, s.status])).toEqual([[50, 'passed'], [100, 'passed']]);
    expect(good.analysis?.checks.map((c) => [c.metric, c.passed])).toEqual([['error_ratio', true], ['error_increase', true]]);
    expect(await registry.getAlias('support-agent', 'champion')).toBe('2');

    // 20% errors pass the loose judgement, but not error_ratio's limit.
    await ws.cleanup();
    ws = await makeWorkspace();
    await ws.write('deploy.mjs', 'process.exit(0)\n');
    await release('3');
    const bad = await deploy({ ...contextOf(withQueryLimits(), ws.dir).ctx, clock: trafficClock('3') }, {});
    expect(bad.rolledBack).toBe(true);
    expect(bad.failure?.reason).toMatch(/error_ratio = 0\.\d+ is above the maximum 0\.05/);
  }, 90_000);

  test('a requests query that returns no series is read as no traffic, and noted by name', async () => {
    const client = new PrometheusClient({ url: prometheus.url, timeoutMs: 10_000, clock: systemClock });
    const queries = canaryQueriesSchema.parse({
      requests: 'sum(increase(agent_requests_totl{version="{{version}}"}[{{window}}]))',
      errors: 'sum(increase(agent_requests_total{version="{{version}}",code=~"5.."}[{{window}}]))',
    });
    const { observation, notes } = await new CanaryObservations(queries, client).observe({ model: 'support-agent', environment: 'default', candidate: '2', stable: '1', windowMs: 60_000 });
    expect(observation.canary.requests).toBe(0);
    expect([...notes].sort()).toEqual([
      'deploy.analysis.canary.requests returned no series for version 1 (read as 0 requests; check the query if that version serves traffic)',
      'deploy.analysis.canary.requests returned no series for version 2 (read as 0 requests; check the query if that version serves traffic)',
    ]);
  });
});
