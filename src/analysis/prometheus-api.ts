import { z } from 'zod';
import type { Clock } from '../clock';
import { RemoteError } from '../errors';
import { HttpStatusError, redactUrl, send, serverErrorStatuses } from '../http/client';
import { RetriesExhaustedError, type RetryPolicy } from '../http/retry';
import type { Logger } from '../logger';
import { lazySchema } from '../config/zod-helpers';

// Sample values are strings ("0.25", "NaN", "+Inf"); timestamps are float seconds.
const sample = lazySchema(() => z.tuple([z.number(), z.string()]));
const labels = lazySchema(() => z.record(z.string(), z.string()));
// Objects are not strict: Prometheus adds fields over releases (infos, native histograms).
const vectorSeries = lazySchema(() => z.object({ metric: labels, value: sample.optional(), histogram: z.unknown().optional() }));
const matrixSeries = lazySchema(() => z.object({ metric: labels, values: z.array(sample).optional(), histograms: z.unknown().optional() }));

const successBody = lazySchema(() => z.object({
  status: z.literal('success'),
  data: z.discriminatedUnion('resultType', [
    z.object({ resultType: z.literal('vector'), result: z.array(vectorSeries) }),
    z.object({ resultType: z.literal('matrix'), result: z.array(matrixSeries) }),
    z.object({ resultType: z.literal('scalar'), result: sample }),
    z.object({ resultType: z.literal('string'), result: sample }),
  ]),
  warnings: z.array(z.string()).optional(),
}));
const errorBody = lazySchema(() => z.object({ status: z.literal('error'), errorType: z.string(), error: z.string() }));
const queryBody = lazySchema(() => z.union([successBody, errorBody]));

export type QueryData = z.infer<typeof successBody>['data'];

export interface Series {
  labels: Record<string, string>;
  value: number;
}

export interface VectorResult {
  series: Series[];
  warnings: string[];
}

export interface ScalarResult {
  /** Undefined when the query matched no series: no data is not zero. */
  value: number | undefined;
  labels: Record<string, string>;
  warnings: string[];
}

export interface PrometheusClientOptions {
  /** Base URL, e.g. http://prometheus:9090 or https://host/prometheus (a path prefix is kept). */
  url: string;
  headers?: Record<string, string>;
  /** Per request; also sent as the query's `timeout` so Prometheus stops evaluating first. */
  timeoutMs: number;
  clock: Clock;
  logger?: Logger;
  policy?: RetryPolicy;
  random?: () => number;
}

export interface QueryOptions {
  /** Evaluation time in ms since the epoch; default: Prometheus' now. */
  time?: number;
  signal?: AbortSignal;
  /** What the query is for, e.g. `deploy.analysis.queries.error_rate`, for error messages. */
  purpose?: string;
}

/** The server refused or could not evaluate a query; errorType is Prometheus' own (bad_data, execution, timeout…). */
export class PrometheusQueryError extends RemoteError {
  constructor(
    message: string,
    readonly errorType: string,
    readonly prometheusMessage: string,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
  }
}

/** Instant queries against Prometheus' HTTP API (GET /api/v1/query), retried through http/client's send. */
export class PrometheusClient {
  constructor(private readonly options: PrometheusClientOptions) {}

  get displayUrl(): string {
    return redactUrl(this.options.url);
  }

  /** The raw result of an instant query, plus the server's warnings. */
  async query(promql: string, options: QueryOptions = {}): Promise<{ data: QueryData; warnings: string[] }> {
    const o = this.options;
    const params = new URLSearchParams({ query: promql, timeout: `${Math.max(1, Math.floor(o.timeoutMs / 1000))}s` });
    if (options.time !== undefined) params.set('time', (options.time / 1000).toFixed(3));
    const url = `${o.url.replace(/\/+$/, '')}/api/v1/query?${params.toString()}`;
    const what = `${options.purpose ?? 'query'} (${promql})`;
    const label = `Prometheus query for ${options.purpose ?? 'a metric'} at ${this.displayUrl}`;
    let body: string;
    try {
      // A little longer than the server-side timeout, so Prometheus' own timeout error wins.
      const res = await send({ method: 'GET', url, headers: { accept: 'application/json', ...o.headers }, timeoutMs: o.timeoutMs + 2_000, signal: options.signal }, label, {
        clock: o.clock,
        logger: o.logger,
        policy: o.policy,
        random: o.random,
        retryOn: serverErrorStatuses,
      });
      body = res.body;
    } catch (error) {
      throw this.explain(error, what);
    }
    const parsed = queryBody.safeParse(safeJson(body));
    if (!parsed.success) {
      throw new RemoteError(`${label}: the answer is not a Prometheus API response (${shorten(body)}); check that the url points at Prometheus' base URL (the one serving /api/v1/query)`);
    }
    if (parsed.data.status === 'error') throw this.refused(what, parsed.data);
    const warnings = parsed.data.warnings ?? [];
    for (const warning of warnings) o.logger?.warn(`Prometheus warned about ${what}: ${warning}`);
    return { data: parsed.data.data, warnings };
  }

  /** Every series of an instant vector (a scalar result becomes one series without labels). */
  async queryVector(promql: string, options: QueryOptions = {}): Promise<VectorResult> {
    const { data, warnings } = await this.query(promql, options);
    const what = `${options.purpose ?? 'query'} (${promql})`;
    switch (data.resultType) {
      case 'scalar':
        return { series: [{ labels: {}, value: parseSampleValue(data.result[1]) }], warnings };
      case 'vector':
        return {
          series: data.result.map((s) => {
            if (!s.value) throw new RemoteError(`${what} returned a native histogram for ${formatLabels(s.metric)}; wrap it in histogram_quantile(), histogram_count() or similar so it yields a number`);
            return { labels: s.metric, value: parseSampleValue(s.value[1]) };
          }),
          warnings,
        };
      default:
        throw new RemoteError(`${what} returned a ${data.resultType}, not an instant vector or scalar; remove the range selector ([5m]) from the outermost expression or wrap it in a function such as rate()`);
    }
  }

  /** A single number; no series is `undefined`, more than one is an error naming the query and the count. */
  async queryScalar(promql: string, options: QueryOptions = {}): Promise<ScalarResult> {
    const { series, warnings } = await this.queryVector(promql, options);
    if (series.length > 1) {
      // Prometheus returns series in no fixed order; sorted, the message is the same every time.
      const shown = series.map((s) => formatLabels(s.labels)).sort().slice(0, 3).join(', ');
      throw new PrometheusResultError(
        `${options.purpose ?? 'query'} (${promql}) returned ${series.length} series (${shown}${series.length > 3 ? ', …' : ''}) where one value was expected; aggregate it, e.g. sum(...) or max(...), so it returns a single series`,
        series.length,
      );
    }
    const only = series[0];
    return { value: only?.value, labels: only?.labels ?? {}, warnings };
  }

  /** `cause`: the HTTP failure the envelope came with, which says whether trying later can help (503 for a timeout, 400 for bad PromQL). */
  private refused(what: string, body: z.infer<typeof errorBody>, cause?: unknown): PrometheusQueryError {
    const hint =
      body.errorType === 'bad_data'
        ? 'fix the PromQL (try it in the Prometheus UI with the placeholders filled in)'
        : body.errorType === 'timeout' || body.errorType === 'canceled'
          ? 'make the query cheaper (shorter range, fewer series) or raise the analysis timeout'
          : 'check the query and the Prometheus server logs';
    return new PrometheusQueryError(`Prometheus at ${this.displayUrl} refused ${what}: ${body.errorType}: ${body.error}; ${hint}`, body.errorType, body.error, cause);
  }

  /** Turns a transport or HTTP failure into a message with Prometheus' own error when the body has one. */
  private explain(error: unknown, what: string): Error {
    const last = error instanceof RetriesExhaustedError ? error.lastError : error;
    if (last instanceof HttpStatusError) {
      // 400/422 carry the API's error envelope; a proxy in front may answer with anything.
      const envelope = errorBody.safeParse(safeJson(last.bodyExcerpt));
      if (envelope.success) return this.refused(what, envelope.data, error);
      const hint =
        last.status === 401 || last.status === 403
          ? 'check the credentials in deploy.analysis.headers'
          : last.status === 404
            ? 'check that the url is Prometheus\' base URL (without /api/v1)'
            : 'check that Prometheus is up and reachable from this runner';
      return new RemoteError(`${(error as Error).message}; ${hint}`, { cause: error });
    }
    if (error instanceof Error) return new RemoteError(`${error.message}; check that Prometheus at ${this.displayUrl} is up and reachable from this runner`, { cause: error });
    return new RemoteError(String(error));
  }
}

/** A scalar-like query matched several series. */
export class PrometheusResultError extends RemoteError {
  constructor(
    message: string,
    readonly seriesCount: number,
  ) {
    super(message);
  }
}

/** Prometheus writes infinities as "+Inf"/"-Inf", which Number() does not read. */
export function parseSampleValue(text: string): number {
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

export function formatLabels(labels: Record<string, string>): string {
  return `{${Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}}`;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function shorten(body: string): string {
  const oneLine = body.trim().replace(/\s+/g, ' ');
  if (/^<(!doctype|html)/i.test(oneLine)) return 'an HTML page';
  return oneLine.length > 120 ? `${oneLine.slice(0, 120)}…` : oneLine || 'an empty body';
}
