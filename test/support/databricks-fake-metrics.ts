import { databricksError, type FakeReply, type FakeRequest, type FakeRoute, type FakeService } from './databricks-fake';

/**
 * A FAKE of the serving endpoints' metrics export, added to the fake workspace through
 * `startDatabricksFake({ services: [metrics] })`:
 * GET /api/2.0/serving-endpoints/{name}/metrics -> 200 Prometheus text (content-type
 * text/plain; version=0.0.4); an unknown endpoint -> 404 RESOURCE_DOES_NOT_EXIST.
 *
 * As documented (apis.md §4, the Databricks metrics-export page and its Datadog mapping):
 * request_count_total, request_4xx_count_total, request_5xx_count_total are `gauge`s holding the
 * last complete minute's counts, each line stamped with an epoch-ms timestamp, and
 * request_latency_ms is a histogram; cpu_usage_percentage is an endpoint-wide gauge.
 * The label naming the served entity is not documented and third-party scrapes disagree, so
 * `entityLabel` picks the variant: `served_entity` (default), `served_model`, or null for an
 * export with no per-entity label (one endpoint-wide series per metric, the entities summed).
 * ASSUMED: the histogram covers the same minute; the timestamp is the minute's end; the bucket
 * bounds below (the public scrapes show 5 … 600000).
 * `semantics: 'cumulative'` serves `counter`s and a histogram counting since the start
 * instead (what a Prometheus-style exporter would do), without timestamps.
 */
export interface FakeMetricsOptions {
  /** The workspace's clock (ms); minutes are floor(now / 60000). */
  now: () => number;
  semantics?: 'per-minute' | 'cumulative';
  /** Leave the latency histogram out (some workspaces export only the request counters). */
  latency?: boolean;
  /** Default served_entity; null: no per-entity label at all. */
  entityLabel?: string | null;
}

interface Traffic {
  at: number;
  requests: number;
  status4xx: number;
  status5xx: number;
  latenciesMs: number[];
}

const bounds = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 120000, 300000, 600000];

export class FakeMetricsApi implements FakeService {
  readonly name = 'serving-metrics';
  readonly routes: FakeRoute[];
  private readonly traffic = new Map<string, Map<string, Traffic[]>>();

  constructor(private readonly options: FakeMetricsOptions) {
    this.routes = [{ method: 'GET', pattern: /^\/api\/2\.0\/serving-endpoints\/([^/]+)\/metrics$/, writes: false, handle: (r) => this.export(r) }];
  }

  addEndpoint(name: string, entities: string[]): void {
    this.traffic.set(name, new Map(entities.map((e) => [e, []])));
  }

  /** Traffic an entity served at `at` (default now); errors are counted inside `requests`. */
  serve(endpoint: string, entity: string, t: Partial<Omit<Traffic, 'at'>> & { at?: number }): void {
    const entities = this.traffic.get(endpoint);
    const list = entities?.get(entity);
    if (!list) throw new Error(`fake: no entity ${entity} on endpoint ${endpoint}`);
    const latenciesMs = t.latenciesMs ?? [];
    list.push({ at: t.at ?? this.options.now(), requests: t.requests ?? latenciesMs.length, status4xx: t.status4xx ?? 0, status5xx: t.status5xx ?? 0, latenciesMs });
  }

  private export(req: FakeRequest): FakeReply {
    const name = req.params[0] ?? '';
    const entities = this.traffic.get(name);
    if (!entities) return databricksError(404, 'RESOURCE_DOES_NOT_EXIST', `Endpoint with name '${name}' does not exist.`);
    const cumulative = this.options.semantics === 'cumulative';
    const minute = Math.floor(this.options.now() / 60_000) - 1;
    const stamp = cumulative ? '' : ` ${(minute + 1) * 60_000}`;
    const inWindow = (t: Traffic): boolean => (cumulative ? t.at <= this.options.now() : Math.floor(t.at / 60_000) === minute);
    const label = this.options.entityLabel === undefined ? 'served_entity' : this.options.entityLabel;
    // Without a per-entity label the export has one series per metric: every entity's traffic summed.
    const series: [string, Traffic[]][] = label === null ? [['', [...entities.values()].flat()]] : [...entities];
    const labelsOf = (entity: string, extra = ''): string => {
      const parts = [label === null ? '' : `${label}="${escape(entity)}"`, extra].filter(Boolean).join(',');
      return parts ? `{${parts}}` : '';
    };
    const lines = ['# HELP cpu_usage_percentage Average CPU utilization across replicas.', '# TYPE cpu_usage_percentage gauge', `cpu_usage_percentage 12.5${stamp}`];
    const counters: [string, (t: Traffic) => number][] = [
      ['request_count_total', (t) => t.requests],
      ['request_4xx_count_total', (t) => t.status4xx],
      ['request_5xx_count_total', (t) => t.status5xx],
    ];
    for (const [metric, pick] of counters) {
      lines.push(`# HELP ${metric} Number of requests${cumulative ? '' : ' during the last minute'}.`, `# TYPE ${metric} ${cumulative ? 'counter' : 'gauge'}`);
      for (const [entity, list] of series) lines.push(`${metric}${labelsOf(entity)} ${list.filter(inWindow).reduce((n, t) => n + pick(t), 0)}${stamp}`);
    }
    if (this.options.latency !== false) {
      lines.push('# HELP request_latency_ms Request latency in milliseconds.', '# TYPE request_latency_ms histogram');
      for (const [entity, list] of series) {
        const samples = list.filter(inWindow).flatMap((t) => t.latenciesMs);
        for (const bound of [...bounds, Infinity]) {
          lines.push(`request_latency_ms_bucket${labelsOf(entity, `le="${bound === Infinity ? '+Inf' : bound}"`)} ${samples.filter((v) => v <= bound).length}${stamp}`);
        }
        lines.push(`request_latency_ms_sum${labelsOf(entity)} ${samples.reduce((a, b) => a + b, 0)}${stamp}`, `request_latency_ms_count${labelsOf(entity)} ${samples.length}${stamp}`);
      }
    }
    return { status: 200, headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }, body: `${lines.join('\n')}\n` };
  }
}

function escape(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
