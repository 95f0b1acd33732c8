import { afterEach, describe, expect, it } from '@jest/globals';
import { DatabricksMetricsAnalysis, MetricsWindow, type DatabricksMetricsVariables } from '../../src/analysis/databricks-metrics';
import { judgeLook } from '../../src/analysis/judgement';
import { judgementSettingsSchema } from '../../src/analysis/judgement-settings';
import { histogramQuantile, parsePrometheusText } from '../../src/analysis/prometheus-text';
import { databricksMetricsAnalysisSchema } from '../../src/config/databricks-metrics-schema';
import { bearerToken } from '../../src/http/credentials';
import { startDatabricksFake, type DatabricksFake } from '../support/databricks-fake';
import { FakeMetricsApi, type FakeMetricsOptions } from '../support/databricks-fake-metrics';
import { fakeClock } from '../support/fake-clock';

describe('Prometheus text parser', () => {
  it('reads families, escaped labels, timestamps, untyped samples and histograms', () => {
    const text = [
      '# HELP request_count_total Requests during the last minute \\\\ per entity\\nsecond line',
      '# TYPE request_count_total gauge',
      'request_count_total{served_entity="agent-7"} 120 1788718020000',
      'request_count_total{served_entity="we\\"ird\\\\na\\nme",zone="a"} 3.5e1',
      '# a plain comment',
      'untyped_thing -Inf',
      '# TYPE request_latency_ms histogram',
      'request_latency_ms_bucket{served_entity="agent-7",le="5"} 1 1788718020000',
      'request_latency_ms_bucket{served_entity="agent-7",le="+Inf"} 4 1788718020000',
      'request_latency_ms_sum{served_entity="agent-7"} 812.5 1788718020000',
      'request_latency_ms_count{served_entity="agent-7"} 4 1788718020000',
      'nan_gauge{a="1",} NaN',
      '# EOF',
      'ignored_after_eof 1',
    ].join('\r\n');
    const { families, samples } = parsePrometheusText(text);
    expect(families.get('request_count_total')).toEqual({ name: 'request_count_total', type: 'gauge', help: 'Requests during the last minute \\ per entity\nsecond line' });
    expect(families.get('request_latency_ms')?.type).toBe('histogram');
    expect(samples.slice(0, 3)).toEqual([
      { name: 'request_count_total', family: 'request_count_total', labels: { served_entity: 'agent-7' }, value: 120, timestampMs: 1788718020000 },
      { name: 'request_count_total', family: 'request_count_total', labels: { served_entity: 'we"ird\\na\nme', zone: 'a' }, value: 35 },
      { name: 'untyped_thing', family: 'untyped_thing', labels: {}, value: -Infinity },
    ]);
    expect(samples.filter((s) => s.family === 'request_latency_ms').map((s) => [s.name, s.labels.le, s.value])).toEqual([
      ['request_latency_ms_bucket', '5', 1],
      ['request_latency_ms_bucket', '+Inf', 4],
      ['request_latency_ms_sum', undefined, 812.5],
      ['request_latency_ms_count', undefined, 4],
    ]);
    expect(samples.at(-1)?.value).toBeNaN();
    expect(samples).toHaveLength(8);
  });

  it('reads OpenMetrics second timestamps and drops exemplars', () => {
    const { samples } = parsePrometheusText('# TYPE c counter\nc_total{a="x"} 7 1788718020.5 # {trace_id="abc"} 1.0\n# EOF\n');
    expect(samples).toEqual([{ name: 'c_total', family: 'c', labels: { a: 'x' }, value: 7, timestampMs: 1788718020500 }]);
  });

  it.each([
    ['metric{a="x} 1', 'line 1: unterminated value of label a: "metric{a=\\"x} 1"'],
    ['ok 1\nmetric{a="1",a="2"} 1', 'line 2: label a appears twice: "metric{a=\\"1\\",a=\\"2\\"} 1"'],
    ['metric one', 'line 1: "one" is not a sample value (metric)'],
    ['# TYPE metric histo', 'line 1: unknown metric type "histo" for metric'],
    ['<html>', 'line 1: expected a metric name: "<html>"'],
  ])('refuses %j', (text, message) => {
    expect(() => parsePrometheusText(text)).toThrow(message);
  });

  it('interpolates histogram quantiles inside the bucket, as histogram_quantile does', () => {
    const buckets = new Map([[25, 180], [100, 180], [250, 300], [Infinity, 300]]);
    expect(histogramQuantile(buckets, 0.95)).toBe(231.25);
    expect(histogramQuantile(buckets, 0.5)).toBeCloseTo(25 * (150 / 180));
    expect(histogramQuantile(new Map([[10, 1], [Infinity, 4]]), 0.95)).toBe(10);
    expect(histogramQuantile(new Map([[10, 0], [Infinity, 0]]), 0.95)).toBeUndefined();
  });
});

const minute = 60_000;
const t0 = 28_333_333 * minute; // a minute boundary
const variables: DatabricksMetricsVariables = { model: 'agent', version: '7', previousVersion: '6', environment: 'production', servedEntity: 'agent-7', stableServedEntity: 'agent-6' };

let fake: DatabricksFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function workspace(options: Partial<FakeMetricsOptions> = {}) {
  const clock = fakeClock(t0);
  const metrics = new FakeMetricsApi({ now: clock.now, ...options });
  metrics.addEndpoint('support-agent', ['agent-6', 'agent-7']);
  fake = await startDatabricksFake({ services: [metrics] });
  const provider = (config: Record<string, unknown>, token = fake?.token ?? '') =>
    new DatabricksMetricsAnalysis(databricksMetricsAnalysisSchema.parse({ provider: 'databricks-metrics', endpoint: 'support-agent', stable_entity: '{{stable_served_entity}}', ...config }), {
      host: fake?.url ?? '',
      credentials: bearerToken(token, 'a test token'),
      clock,
      random: () => 0.5,
    });
  return { clock, metrics, fake, provider };
}

describe('databricks-metrics provider', () => {
  it('sums each minute of the window once per entity, leaves out the minute before it, and feeds judgeLook', async () => {
    const { metrics, fake, provider, clock } = await workspace();
    // The minute before the canary step: a bad version that must not count.
    metrics.serve('support-agent', 'agent-7', { at: t0 - 30_000, requests: 1000, status5xx: 500 });
    for (let m = 0; m < 3; m++) {
      metrics.serve('support-agent', 'agent-7', { at: t0 + m * minute + 1_000, status4xx: m === 0 ? 1 : 0, status5xx: [2, 3, 0][m], latenciesMs: [...Array(60).fill(20), ...Array(40).fill(200)] });
      metrics.serve('support-agent', 'agent-6', { at: t0 + m * minute + 2_000, requests: 300, status5xx: 1, latenciesMs: Array(300).fill(30) });
    }
    const result = await provider({ window: '3m', scrape_interval: '1m', limits: { error_rate: 0.05, latency_p95_ms: 250 } }).run(variables);
    expect(fake.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(Array(4).fill('GET /api/2.0/serving-endpoints/support-agent/metrics 200'));
    expect(clock.now()).toBe(t0 + 3 * minute);
    expect(result.metrics).toEqual({
      requests: 300,
      errors: 6,
      error_rate: 0.02,
      'latency_ms/p95': 231.3,
      'stable/requests': 900,
      'stable/errors': 3,
      'stable/error_rate': 3 / 900,
      'stable/latency_ms/p95': 48.8,
    });
    expect(result.checks.map((c) => [c.metric, c.passed])).toEqual([['error_rate', true], ['latency_ms/p95', true]]);
    expect(result.observation).toEqual({ canary: { requests: 300, errors: 6, latencyP95Ms: 231.25 }, stable: { requests: 900, errors: 3, latencyP95Ms: 48.75 } });
    const settings = judgementSettingsSchema.parse({ min_requests: 200, limits: { error_rate: 0.05 } });
    const look = judgeLook(result.observation as NonNullable<typeof result.observation>, settings, { steps: [25, 100] }, { step: 0, extension: 0, decidedEarlierInStep: [] });
    expect(look.metrics.map((m) => [m.metric, m.verdict])).toEqual([['error_rate', 'pass'], ['error_rate vs stable', 'fail']]);
  });

  it('counts a minute once when scraping more often than every minute, with line timestamps', async () => {
    const { metrics, fake, provider } = await workspace();
    metrics.serve('support-agent', 'agent-7', { at: t0 + 1_000, requests: 60, status5xx: 1 });
    metrics.serve('support-agent', 'agent-7', { at: t0 + minute + 1_000, requests: 60 });
    const result = await provider({ window: '2m', scrape_interval: '15s' }).run(variables);
    expect(fake.requests).toHaveLength(9);
    expect(result.metrics).toMatchObject({ requests: 120, errors: 1 });
  });

  it('counts a minute once when scraping more often than every minute, without line timestamps', () => {
    // An export of per-minute gauges without timestamps: each scrape shows the last complete minute.
    const exportAt = (requests: number, errors: number) =>
      parsePrometheusText(['# TYPE request_count_total gauge', `request_count_total{served_entity="agent-7"} ${requests}`, '# TYPE request_5xx_count_total gauge', `request_5xx_count_total{served_entity="agent-7"} ${errors}`].join('\n'));
    const window = new MetricsWindow('served_entity');
    window.add(exportAt(999, 999), t0); // the minute before the window
    for (let at = t0 + 15_000; at <= t0 + 2 * minute; at += 15_000) {
      const shown = at < t0 + minute ? [999, 999] : at < t0 + 2 * minute ? [60, 2] : [60, 1];
      window.add(exportAt(shown[0] as number, shown[1] as number), at);
    }
    expect(window.size).toBe(9);
    expect(window.totals('agent-7', ['5xx'])).toEqual({ requests: 120, errors: 3 });
  });

  it('counts only 5xx when told to', async () => {
    const { metrics, provider } = await workspace();
    metrics.serve('support-agent', 'agent-7', { at: t0 + 1_000, requests: 50, status4xx: 5, status5xx: 1 });
    const result = await provider({ window: '1m', scrape_interval: '1m', errors: ['5xx'] }).run(variables);
    expect(result.metrics).toMatchObject({ requests: 50, errors: 1, error_rate: 0.02 });
  });

  it('takes the difference of two scrapes when the export is cumulative counters', async () => {
    const { metrics, fake, provider } = await workspace({ semantics: 'cumulative' });
    metrics.serve('support-agent', 'agent-7', { at: t0 - 10 * minute, requests: 500, status5xx: 400, latenciesMs: Array(500).fill(9000) });
    metrics.serve('support-agent', 'agent-7', { at: t0 + 30_000, requests: 200, status5xx: 2, latenciesMs: Array(200).fill(40) });
    metrics.serve('support-agent', 'agent-6', { at: t0 + 30_000, requests: 100, latenciesMs: Array(100).fill(40) });
    const result = await provider({ window: '1m', scrape_interval: '1m' }).run(variables);
    expect(fake.requests).toHaveLength(2);
    expect(result.metrics).toMatchObject({ requests: 200, errors: 2, error_rate: 0.01, 'stable/requests': 100, 'stable/errors': 0 });
    expect(result.metrics['latency_ms/p95']).toBeLessThanOrEqual(50);
  });

  it('reports an entity missing from the export by name, never as zero traffic', async () => {
    const { metrics, provider } = await workspace();
    metrics.serve('support-agent', 'agent-7', { at: t0 + 1_000, requests: 10 });
    const result = await provider({ window: '1m', scrape_interval: '1m', stable_entity: 'agent-5' }).run(variables);
    expect(result.passed).toBe(false);
    expect(result.observation).toBeUndefined();
    expect(result.metrics).toEqual({ requests: 10, errors: 0, error_rate: 0 });
    expect(result.checks.find((c) => c.metric === 'stable/requests')?.reason).toBe(
      'stable/requests: missing: served entity "agent-5" has no request_count_total samples (label served_entity) in the export of support-agent; entities present: agent-6, agent-7. No data is not zero traffic: check the entity name and entity_label',
    );
  });

  it('reports a missing latency histogram and an idle canary as missing metrics', async () => {
    const { provider } = await workspace({ latency: false });
    const result = await provider({ window: '1m', scrape_interval: '1m', limits: { latency_p95_ms: 500 }, missing: 'warn' }).run(variables);
    expect(result.passed).toBe(true);
    expect(result.checks.map((c) => [c.metric, c.warning, c.reason])).toEqual([
      ['error_rate', true, 'error_rate: missing: served entity "agent-7" served no requests in the window, so it has no error rate (send traffic to the canary or lengthen the window)'],
      ['latency_ms/p95', true, 'latency_ms/p95: missing: the export has no request_latency_ms histogram with requests for "agent-7" (some workspaces export only the request counters); remove limits.latency_p95_ms or use http-probe'],
    ]);
    expect(result.observation).toEqual({ canary: { requests: 0, errors: 0 }, stable: { requests: 0, errors: 0 } });
  });

  describe('the label naming the served entity (undocumented; detected on the first read)', () => {
    const traffic = (metrics: FakeMetricsApi) => {
      metrics.serve('support-agent', 'agent-7', { at: t0 + 1_000, requests: 100, status5xx: 2 });
      metrics.serve('support-agent', 'agent-6', { at: t0 + 2_000, requests: 300, status5xx: 1 });
    };

    it.each(['served_entity', 'served_model'])('judges each entity on its own when the export labels it %s', async (entityLabel) => {
      const { metrics, provider } = await workspace({ entityLabel });
      metrics.serve('support-agent', 'agent-7', { at: t0 - 30_000, requests: 10 });
      const analysis = provider({ window: '1m', scrape_interval: '1m' });
      expect(await analysis.preflight()).toEqual({ problems: [], checks: [`the metrics export of support-agent names served entities by label ${entityLabel} (now: agent-6, agent-7)`] });
      traffic(metrics);
      const result = await analysis.run(variables);
      expect(result.metrics).toMatchObject({ requests: 100, errors: 2, 'stable/requests': 300, 'stable/errors': 1 });
      expect(result.observation).toBeDefined();
    });

    const refusal =
      'the metrics export of serving endpoint support-agent has no label naming the served entity (served_entity or served_model) on request_count_total (labels seen: none), ' +
      'so databricks-metrics cannot tell the canary from the stable entity and every look would end without data; ' +
      'judge the canary with deploy.analysis.provider http-probe (stable_url probes the stable side), or scrape the endpoint into Prometheus and use provider prometheus';

    it('says in preflight that an export without a per-entity label cannot judge a canary, naming the labels seen and what works instead', async () => {
      const { metrics, provider, fake } = await workspace({ entityLabel: null });
      traffic(metrics);
      expect(await provider({}).preflight()).toEqual({ problems: [refusal], checks: [] });
      expect(fake.requests).toHaveLength(1);
    });

    it('ends a look on such an export with that reason, not as an entity missing by name', async () => {
      const { metrics, provider } = await workspace({ entityLabel: null });
      traffic(metrics);
      const result = await provider({ window: '1m', scrape_interval: '1m' }).run(variables);
      expect(result.passed).toBe(false);
      expect(result.observation).toBeUndefined();
      expect(result.checks.map((c) => c.reason)).toEqual([`requests: missing: ${refusal}`]);
    });

    it('names the labels seen when a configured entity_label is not among them', async () => {
      const { metrics, provider } = await workspace({ entityLabel: 'served_model' });
      traffic(metrics);
      const { problems } = await provider({ entity_label: 'served_entity' }).preflight();
      expect(problems).toEqual([expect.stringContaining('has no label served_entity (deploy.analysis.entity_label) on request_count_total (labels seen: served_model)')]);
      expect(problems[0]).toMatch(/or set deploy\.analysis\.entity_label if one of the labels seen names the entity$/);
    });

    it('leaves detection to the rollout when the endpoint or its traffic does not exist yet', async () => {
      const { provider } = await workspace();
      expect(await provider({}).preflight()).toEqual({ problems: [], checks: ['the metrics export of support-agent names served entities by label served_entity (now: agent-6, agent-7)'] });
      expect(await provider({ endpoint: 'new-endpoint' }).preflight()).toEqual({
        problems: [],
        checks: ['serving endpoint new-endpoint has no metrics export yet (it does not exist); the label naming served entities is detected on the first read during the rollout'],
      });
    });
  });

  it('retries a 503 and a 429 with backoff, then reads the export', async () => {
    const { metrics, fake, provider, clock } = await workspace();
    metrics.serve('support-agent', 'agent-7', { at: t0 + 1_000, requests: 10 });
    fake.failNext({ status: 503 }, { status: 429, retryAfter: '2' });
    const result = await provider({ window: '1m', scrape_interval: '1m' }).run(variables);
    expect(fake.requests.map((r) => r.status)).toEqual([503, 429, 200, 200]);
    // The window opens once the baseline is read, so the retries do not shorten it.
    expect(clock.sleeps).toEqual([125, 2_000, 60_000]);
    expect(result.metrics.requests).toBe(10);
  });

  it.each([
    ['an unknown endpoint', { endpoint: 'nope' }, undefined, "read the metrics export of serving endpoint nope: RESOURCE_DOES_NOT_EXIST: Endpoint with name 'nope' does not exist.; check deploy.analysis.endpoint; endpoints without an export (foundation-model APIs) answer 404 too"],
    ['a bad token', {}, 'dapi-wrong', 'read the metrics export of serving endpoint support-agent: UNAUTHENTICATED: Invalid access token.; the workspace http://127.0.0.1:PORT rejected a test token; check DATABRICKS_TOKEN or the OAuth / OIDC settings'],
  ])('names the Databricks error for %s', async (_name, config, token, message) => {
    const { provider, fake } = await workspace();
    const port = new URL(fake.url).port;
    await expect(provider({ window: '1m', scrape_interval: '1m', ...config }, token).run(variables)).rejects.toThrow(message.replace('PORT', port));
    expect(fake.requests.map((r) => r.authorization)).not.toContain(undefined);
  });

  it('refuses a canary entity the release does not name, and a window shorter than a scrape', async () => {
    const { provider } = await workspace();
    await expect(provider({}).run({ ...variables, servedEntity: null })).rejects.toThrow(
      'deploy.analysis.canary_entity "{{served_entity}}" names no served entity for this release (the deploy target provided none); set it to the canary\'s served entity name',
    );
    expect(() => databricksMetricsAnalysisSchema.parse({ provider: 'databricks-metrics', endpoint: 'e', window: '30s' })).toThrow('the window (30000 ms) must hold at least one scrape_interval (60000 ms)');
  });
});
