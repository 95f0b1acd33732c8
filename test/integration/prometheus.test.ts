import { isTransientFailure } from '../../src/http/errors';
import { PrometheusAnalysis, PrometheusClient, PrometheusResultError, prometheusAnalysisSchema, type PrometheusVariables } from '../../src/analysis/prometheus';
import { renderPromql } from '../../src/analysis/promql';
import { systemClock } from '../../src/clock';
import { fakeClock } from '../support/fake-clock';
import { scriptedFaults, startFaultProxy } from '../support/fault-proxy';
import { startMetricsAgent, type MetricsAgent } from '../support/metrics-agent';
import { prometheusStartTimeoutMs, startPrometheus, type PrometheusServer } from '../support/prometheus-server';

/**
 * The prometheus analysis provider against a real Prometheus (Debian's package) scraping three
 * real agent processes: v1 (stable), v2 (a healthy candidate) and v3 (a candidate that answers
 * every fifth request with HTTP 500). Each got exactly 200 requests before any test ran.
 */
let prometheus: PrometheusServer;
const agents: MetricsAgent[] = [];
const requestsPerVersion = 200;

const errorRate = 'sum(increase(agent_requests_total{version="{{version}}",code=~"5.."}[{{window}}])) / sum(increase(agent_requests_total{version="{{version}}"}[{{window}}]))';
const latencyP95 = 'histogram_quantile(0.95, sum by (le) (increase(agent_request_duration_seconds_bucket{version="{{version}}"}[{{window}}])))';
const requests = 'sum(increase(agent_requests_total{version="{{version}}"}[{{window}}]))';

function provider(overrides: Record<string, unknown> = {}, url = prometheus.url, deps = {}): PrometheusAnalysis {
  const config = prometheusAnalysisSchema.parse({
    provider: 'prometheus',
    url,
    queries: { error_rate: errorRate, latency_p95: latencyP95, requests },
    limits: { error_rate: { max: 0.05 }, latency_p95: { max: 0.25 }, requests: { min: 100 } },
    window: '5m',
    ...overrides,
  });
  return new PrometheusAnalysis(config, deps);
}

const release = (version: string, previousVersion: string | null = '1'): PrometheusVariables => ({ model: 'support_agent', version, previousVersion, environment: 'production' });

beforeAll(async () => {
  const latenciesMs = [5, 10, 15, 20];
  agents.push(
    await startMetricsAgent({ version: '1', latenciesMs }),
    await startMetricsAgent({ version: '2', latenciesMs }),
    await startMetricsAgent({ version: '3', latenciesMs, errorRate: 0.2 }),
  );
  prometheus = await startPrometheus({ targets: agents.map((a) => a.target), scrapeIntervalMs: 500 });
  // One scrape of every agent before traffic, so each counter has its 0 sample and increase() sees all of it.
  await prometheus.waitForSamples('count(up{job="agent"} == 1) == 3');
  const tallies = await Promise.all(agents.map((agent) => agent.drive(requestsPerVersion)));
  expect(tallies).toEqual([{ ok: 200, failed: 0 }, { ok: 200, failed: 0 }, { ok: 160, failed: 40 }]);
  await prometheus.waitForSamples(`count(sum by (version) (agent_requests_total) == ${requestsPerVersion}) == 3`);
}, prometheusStartTimeoutMs);

afterAll(async () => {
  await prometheus?.stop();
  await Promise.all(agents.map((agent) => agent.stop()));
});

describe('prometheus analysis against a real Prometheus', () => {
  test('a candidate that behaves like the stable version passes on error rate, p95 latency and traffic', async () => {
    const result = await provider().run(release('2'));
    expect(result.checks.map((c) => [c.metric, c.passed, c.warning])).toEqual([
      ['error_rate', true, false],
      ['latency_p95', true, false],
      ['requests', true, false],
    ]);
    expect(result.passed).toBe(true);
    expect(result.metrics.error_rate).toBe(0);
    expect(result.checks[0]?.reason).toBe('error_rate = 0 is within <= 0.05');
    // 50 requests each at 5, 10, 15, 20 ms: rank 190 of 200 lies 90% into the (0.01, 0.025] bucket.
    expect(result.metrics.latency_p95).toBeCloseTo(0.0235, 10);
    expect(result.checks[1]?.reason).toBe('latency_p95 = 0.0235 is within <= 0.25');
    // increase() extrapolates to the window's end, so the count is at least what was sent.
    expect(result.metrics.requests).toBeGreaterThanOrEqual(requestsPerVersion);
    expect(result.checks[0]?.inputs.query).toBe(errorRate.replaceAll('{{version}}', '2').replaceAll('{{window}}', '5m'));
  });

  test('a candidate with a 20% error rate fails, naming the metric, its value and the limit', async () => {
    const result = await provider().run(release('3'));
    expect(result.passed).toBe(false);
    expect(result.checks.filter((c) => !c.passed).map((c) => c.reason)).toEqual(['error_rate = 0.2 is above the maximum 0.05']);
    expect(result.metrics.error_rate).toBeCloseTo(0.2, 10);
  });

  test('a query that matches no series is reported as missing, not as zero and not as a pass', async () => {
    const result = await provider().run(release('9'));
    expect(result.passed).toBe(false);
    expect(result.metrics).toEqual({});
    expect(result.checks.map((c) => c.reason)).toEqual([
      'error_rate: missing: the query returned no series (no data is not zero; check the metric and label names and that the version has served traffic)',
      'latency_p95: missing: the query returned no series (no data is not zero; check the metric and label names and that the version has served traffic)',
      'requests: missing: the query returned no series (no data is not zero; check the metric and label names and that the version has served traffic)',
    ]);
    expect(result.checks.every((c) => c.inputs.outcome === 'missing')).toBe(true);
  });

  test('missing: warn passes a missing metric with a warning; a metric without limits never fails', async () => {
    const warned = await provider({ missing: 'warn' }).run(release('9'));
    expect(warned.passed).toBe(true);
    expect(warned.checks.map((c) => [c.metric, c.passed, c.warning])).toEqual([
      ['error_rate', true, true],
      ['latency_p95', true, true],
      ['requests', true, true],
    ]);
    const recordedOnly = await provider({ queries: { requests }, limits: {} }).run(release('2'));
    expect(recordedOnly).toMatchObject({ passed: true, checks: [] });
    expect(recordedOnly.metrics.requests).toBeGreaterThanOrEqual(requestsPerVersion);
  });

  test('0/0 (NaN) is missing too: a version without errors has no error rate among its errors', async () => {
    const nan = 'sum(agent_requests_total{version="{{version}}",code="500"}) / sum(agent_requests_total{version="{{version}}",code="500"})';
    const result = await provider({ queries: { error_ratio: nan }, limits: { error_ratio: { max: 0.05 } } }).run(release('2'));
    expect(result).toMatchObject({ passed: false, metrics: {} });
    expect(result.checks.map((c) => c.reason)).toEqual(['error_ratio: missing: the query returned NaN (usually 0/0: no requests in the window)']);
  });

  test('a malformed query surfaces Prometheus\' own error and fails only that metric', async () => {
    const broken = 'sum(rate(agent_requests_total{version="{{version}}"}[{{window}}])';
    const result = await provider({ queries: { requests, broken }, limits: { requests: { min: 100 } } }).run(release('2'));
    expect(result.passed).toBe(false);
    expect(result.checks.map((c) => [c.metric, c.passed])).toEqual([['requests', true], ['broken', false]]);
    expect(result.checks[1]?.reason).toBe(
      `broken: query failed: Prometheus at ${prometheus.url}/ refused deploy.analysis.queries.broken (sum(rate(agent_requests_total{version="2"}[5m])): ` +
        'bad_data: invalid parameter "query": 1:48: parse error: unclosed left parenthesis; fix the PromQL (try it in the Prometheus UI with the placeholders filled in)',
    );
  });

  test('a scalar-like query returning several series is an error naming the query and the count', async () => {
    const perVersion = 'sum by (version) (agent_requests_total)';
    const result = await provider({ queries: { requests: perVersion }, limits: { requests: { min: 1 } } }).run(release('2'));
    expect(result.passed).toBe(false);
    expect(result.checks[0]?.reason).toBe(
      'requests: query failed: deploy.analysis.queries.requests (sum by (version) (agent_requests_total)) returned 3 series ({version="1"}, {version="2"}, {version="3"}) where one value was expected; aggregate it, e.g. sum(...) or max(...), so it returns a single series',
    );
    const client = new PrometheusClient({ url: prometheus.url, timeoutMs: 10_000, clock: systemClock });
    await expect(client.queryScalar(perVersion)).rejects.toBeInstanceOf(PrometheusResultError);
  });

  test('queryVector returns per-version series for the canary judgement', async () => {
    const client = new PrometheusClient({ url: prometheus.url, timeoutMs: 10_000, clock: systemClock });
    const { series, warnings } = await client.queryVector('sum by (version, code) (agent_requests_total)');
    expect(warnings).toEqual([]);
    const byKey = Object.fromEntries(series.map((s) => [`v${s.labels.version}/${s.labels.code}`, s.value]));
    expect(byKey).toEqual({ 'v1/200': 200, 'v1/500': 0, 'v2/200': 200, 'v2/500': 0, 'v3/200': 160, 'v3/500': 40 });
    const buckets = await client.queryVector('sum by (le) (agent_request_duration_seconds_bucket{version="1"})');
    expect(buckets.series.find((s) => s.labels.le === '+Inf')?.value).toBe(requestsPerVersion);
  });

  test('a query that needs {{previous_version}} is not run when there is none', async () => {
    const stable = 'sum(increase(agent_requests_total{version="{{previous_version}}"}[{{window}}]))';
    const result = await provider({ queries: { stable_requests: stable }, limits: { stable_requests: { min: 1 } } }).run(release('2', null));
    expect(result.checks.map((c) => [c.passed, c.reason])).toEqual([
      [false, 'stable_requests: not measured: the query uses {{previous_version}}, which this release does not have (e.g. no previous version yet)'],
    ]);
  });

  test('a hostile placeholder value stays inside its string literal', async () => {
    // Unescaped, this would close the matcher and add "or vector(1)", a series that always passes.
    const hostile = release('2"} or vector(1) #');
    const result = await provider({ queries: { requests }, limits: { requests: { min: 1 } } }).run(hostile);
    expect(result.checks.map((c) => c.inputs.outcome)).toEqual(['missing']);
    expect(result.checks[0]?.inputs.query).toBe('sum(increase(agent_requests_total{version="2\\"} or vector(1) #"}[5m]))');
  });

  test('503s and a reset between the provider and Prometheus are retried; the verdict is unchanged', async () => {
    const proxy = await startFaultProxy(prometheus.url, scriptedFaults({ 1: { kind: 'status', status: 503, forward: false }, 2: { kind: 'reset-before' } }));
    try {
      const clock = fakeClock();
      const result = await provider({ queries: { error_rate: errorRate }, limits: { error_rate: { max: 0.05 } } }, proxy.url, { clock, random: () => 0.5 }).run(release('3'));
      expect(result.checks.map((c) => c.reason)).toEqual(['error_rate = 0.2 is above the maximum 0.05']);
      expect(proxy.records.map((r) => [r.fault, r.forwarded])).toEqual([['status', false], ['reset-before', false], [undefined, true]]);
      expect(clock.sleeps).toEqual([125, 250]);
    } finally {
      await proxy.close();
    }
  });

  test('a Prometheus that keeps failing is an analysis that could not run (the rollout looks again), saying what was tried and what to do', async () => {
    const proxy = await startFaultProxy(prometheus.url, () => ({ kind: 'status', status: 502, forward: false }));
    try {
      const clock = fakeClock();
      const run = provider({ queries: { error_rate: errorRate }, limits: { error_rate: { max: 0.05 } } }, proxy.url, { clock, random: () => 0 }).run(release('2'));
      await expect(run).rejects.toThrow(
        new RegExp(`^Prometheus query for deploy\\.analysis\\.queries\\.error_rate at ${proxy.url.replace(/[.:/]/g, '\\$&')}/: gave up after 4 attempts: .*HTTP 502.*; check that Prometheus is up and reachable from this runner$`),
      );
      expect(isTransientFailure(await run.catch((error: unknown) => error))).toBe(true);
      expect(proxy.records).toHaveLength(4);
    } finally {
      await proxy.close();
    }
  });
});

describe('prometheus analysis preflight, before deploy changes anything', () => {
  it('answers for a version that serves nothing yet, and names a query Prometheus cannot parse', async () => {
    expect(await provider().preflight(release('99'))).toEqual({ problems: [], checks: [expect.stringMatching(/^Prometheus at http:\/\/127\.0\.0\.1:\d+\/? answers error_rate, latency_p95, requests$/)] });
    const broken = provider({ queries: { error_rate: errorRate.replace(/\)$/, ''), requests }, limits: { requests: { min: 100 } } });
    const { problems, checks } = await broken.preflight(release('2'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^deploy\.analysis\.queries\.error_rate: Prometheus at .* refused .*bad_data: .*parse error/);
    expect(checks).toEqual([expect.stringContaining('answers requests')]);
  });

  it('names a Prometheus that cannot be reached', async () => {
    const { problems } = await provider({}, 'http://127.0.0.1:9', { policy: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } }).preflight(release('2'));
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^deploy\.analysis\.queries\.\w+: .*127\.0\.0\.1:9.*ECONNREFUSED/);
  });
});

describe('renderPromql', () => {
  const vars = { version: '1.2', previous_version: null, model: "o'brien\\x", environment: 'prod\nx', window: '5m', served_entity: null };
  test.each([
    ['double-quoted', 'x{v="{{version}}"}', 'x{v="1.2"}'],
    ['regex matcher: metacharacters quoted', 'x{v=~"{{version}}|0"}', 'x{v=~"1\\\\.2|0"}'],
    ['single-quoted', "x{m='{{model}}'}", "x{m='o\\'brien\\\\x'}"],
    ['newline escaped', 'x{e="{{environment}}"}', 'x{e="prod\\nx"}'],
    ['plain token outside a literal', 'rate(x[{{window}}])', 'rate(x[5m])'],
    ['a quote inside a # comment opens no literal', 'x # it"s {{window}}\n{v="{{version}}"}', 'x # it"s 5m\n{v="1.2"}'],
  ])('%s', (_name, template, expected) => {
    expect(renderPromql(template, vars, 'q')).toEqual({ query: expected });
  });

  test('refuses a non-token value outside a literal, and reports null placeholders as unavailable', () => {
    expect(() => renderPromql('x offset {{environment}}', vars, 'queries.x')).toThrow(
      'queries.x: {{environment}} = "prod\\nx" is outside a PromQL string literal and is not a plain token; put the placeholder in quotes, e.g. some_label="{{environment}}"',
    );
    expect(renderPromql('x{v="{{previous_version}}"}', vars, 'q')).toEqual({ unavailable: ['previous_version'] });
  });

  test('the config schema rejects an unknown placeholder and a limit without a query at load', () => {
    const parsed = prometheusAnalysisSchema.safeParse({ provider: 'prometheus', url: 'http://p:9090', queries: { a: 'x{v="{{verison}}"}' }, limits: { b: { max: 1 } } });
    expect(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'limits.b: no query named "b"; queries are: a',
      'queries.a: unknown placeholder {{verison}}; available: {{version}}, {{previous_version}}, {{served_entity}}, {{model}}, {{environment}}, {{window}}',
    ]);
  });
});
