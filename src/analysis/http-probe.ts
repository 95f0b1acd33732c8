import { systemClock, type Clock } from '../clock';
import type { HttpProbeConfig } from '../config/schema';
import type { RuleResult } from '../contract/decision';
import { InputError } from '../errors';
import { judgeThreshold } from '../gate/thresholds';
import { sendOnce, type HttpRequest, type HttpResponse } from '../http/client';
import { runPool } from '../pool';
import { percentiles } from '../stats/interval';
import { fillTemplate } from '../template';
import { defaultMaxInFlight, runOpenLoop, scheduledCount } from './http-probe-rate';
import { ProbeFailures } from './probe-failures';
import type { LookObservation, SideObservation } from './judgement';
import type { AnalysisProvider, AnalysisResult, AnalysisVariables } from './types';

/** What a deploy target adds: the served entities to probe directly (Databricks serving). */
export type HttpProbeVariables = AnalysisVariables & { servedEntity?: string | null; stableServedEntity?: string | null };

export interface HttpProbeDeps {
  /** Schedules rate mode and times every request; tests inject a virtual clock. */
  clock?: Clock;
  /** One attempt, no retries; tests may inject a fake transport. */
  send?: (request: HttpRequest) => Promise<HttpResponse>;
}

/** One side's measurements: what the canary judgement reads, plus the rate-mode accounting. */
export interface ProbeSide {
  url: string;
  /** Attempted requests, dropped rate-mode slots included. */
  requests: number;
  /** Failed requests (non-2xx, transport errors, timeouts) plus dropped slots. */
  errors: number;
  dropped: number;
  /** Latency (ms, by the clock) of every request that got an answer, errors included. */
  latenciesMs: number[];
  firstError?: string;
  /** Failed requests by cause ("connection refused", "HTTP 503: "…"", "timed out after 10000 ms"). */
  causes: Record<string, number>;
  /** The causes as one line with counts, most frequent first; empty when nothing failed. */
  causeSummary: string;
  /** Rate mode only. */
  achievedRate?: number;
  late?: number;
}

export interface HttpProbeResult extends AnalysisResult {
  canary: ProbeSide;
  stable?: ProbeSide;
  /** Exactly what src/analysis/judgement.ts `judgeLook` takes. */
  observation: LookObservation;
}

/**
 * Probes the candidate (and, with stable_url, the stable version) directly and measures errors
 * and latency. Two modes: a fixed number of requests through `concurrency` workers (a closed
 * loop), or `rate` requests per second held for `duration` (an open loop; see runOpenLoop). No
 * retries: a probe measures what a user would see, and a retried failure is still a failure.
 * The limits are judged on the canary; the stable side is returned for the comparison.
 */
export class HttpProbe implements AnalysisProvider {
  readonly kind = 'http-probe';
  private readonly clock: Clock;
  private readonly send: (request: HttpRequest) => Promise<HttpResponse>;

  constructor(
    private readonly config: HttpProbeConfig,
    deps: HttpProbeDeps = {},
  ) {
    this.clock = deps.clock ?? systemClock;
    this.send = deps.send ?? sendOnce;
  }

  describe(variables: HttpProbeVariables): string {
    const c = this.config;
    const load =
      c.rate !== undefined && c.duration !== undefined
        ? `send ${c.method} requests at ${c.rate}/s for ${c.duration / 1000} s (${scheduledCount({ rate: c.rate, durationMs: c.duration })} requests, at most ${this.maxInFlight()} unanswered)`
        : `send ${c.requests} ${c.method} requests (${c.concurrency} at a time)`;
    const canary = this.url(c.url, variables, 'canary');
    // A first release has no stable side (as run() knows): it is judged on the limits alone.
    const targets = !c.stable_url ? canary : variables.previousVersion === null ? `${canary} (no stable version to compare with: first release)` : `${canary} and the stable version at ${this.url(c.stable_url, variables, 'stable')}`;
    return `${load} to ${targets}; fail if error rate > ${c.limits.error_rate}${c.limits.latency_p95_ms ? ` or p95 latency > ${c.limits.latency_p95_ms} ms` : ''}`;
  }

  async run(variables: HttpProbeVariables, signal?: AbortSignal): Promise<HttpProbeResult> {
    const c = this.config;
    const canaryUrl = this.url(c.url, variables, 'canary');
    // No previous version means nothing stable serves traffic yet: limits only, as judgeLook expects.
    const stableUrl = c.stable_url && variables.previousVersion !== null ? this.url(c.stable_url, variables, 'stable') : undefined;
    // Both sides at once, so they meet the same conditions (time of day, shared backends).
    const [canary, stable] = await Promise.all([this.probe(canaryUrl, signal), stableUrl ? this.probe(stableUrl, signal) : undefined]);
    signal?.throwIfAborted();
    const metrics = sideMetrics(canary, '');
    if (stable) Object.assign(metrics, sideMetrics(stable, 'stable/'));
    const checks = this.judge(canary, metrics);
    const observation: LookObservation = { canary: toObservation(canary), ...(stable ? { stable: toObservation(stable) } : {}) };
    return { provider: this.kind, passed: checks.every((check) => check.passed), metrics, checks, canary, ...(stable ? { stable } : {}), observation };
  }

  private async probe(url: string, signal?: AbortSignal): Promise<ProbeSide> {
    const c = this.config;
    const side: ProbeSide = { url, requests: 0, errors: 0, dropped: 0, latenciesMs: [], causes: {}, causeSummary: '' };
    const failures = new ProbeFailures();
    const one = (): Promise<void> => this.once(url, side, failures, signal);
    if (c.rate !== undefined && c.duration !== undefined) {
      const outcome = await runOpenLoop({ rate: c.rate, durationMs: c.duration, maxInFlight: this.maxInFlight() }, this.clock, one, signal);
      side.requests = outcome.scheduled;
      side.dropped = outcome.dropped;
      side.errors += outcome.dropped;
      side.achievedRate = outcome.achievedRate;
      side.late = outcome.late;
      failures.dropped(outcome.dropped, this.maxInFlight());
      if (outcome.dropped > 0) {
        const dropped = `${outcome.dropped} of ${outcome.scheduled} scheduled requests were not sent because ${this.maxInFlight()} were still unanswered (max_in_flight)`;
        side.firstError = side.firstError ? `${side.firstError}; ${dropped}` : dropped;
      }
    } else {
      side.requests = c.requests;
      const slots = (function* () {
        for (let i = 0; i < c.requests; i++) yield i;
      })();
      await runPool(slots, c.concurrency, one, signal);
    }
    side.causes = failures.byCause();
    side.causeSummary = failures.describe();
    return side;
  }

  /** One request; never rejects (an abort is rethrown by the caller's signal check). */
  private async once(url: string, side: ProbeSide, failures: ProbeFailures, signal?: AbortSignal): Promise<void> {
    const c = this.config;
    const body = c.body === undefined ? undefined : JSON.stringify(c.body);
    const headers = { ...(body ? { 'content-type': 'application/json' } : {}), ...c.headers };
    const started = this.clock.now();
    try {
      const res = await this.send({ method: c.method, url, headers, body, timeoutMs: c.timeout, signal });
      side.latenciesMs.push(this.clock.now() - started);
      if (res.status < 200 || res.status >= 300) {
        side.errors++;
        side.firstError ??= `HTTP ${res.status}`;
        failures.status(res.status, res.body);
      }
    } catch (error) {
      side.errors++;
      side.firstError ??= error instanceof Error ? error.message : String(error);
      // An abort is the run being cancelled, not a cause of the candidate's.
      if (!signal?.aborted) failures.error(error, c.timeout);
    }
  }

  private judge(canary: ProbeSide, metrics: Record<string, number>): RuleResult[] {
    const c = this.config;
    const errorRate = canary.requests > 0 ? canary.errors / canary.requests : 0;
    const errorCheck = judgeThreshold('error_rate', errorRate, { max: c.limits.error_rate });
    if (canary.causeSummary) {
      errorCheck.reason = `${errorCheck.reason} (${canary.errors} of ${canary.requests} requests failed: ${canary.causeSummary})`;
      errorCheck.inputs.causes = canary.causes;
    }
    if (canary.firstError) errorCheck.inputs.first_error = canary.firstError;
    if (canary.dropped > 0) errorCheck.inputs.dropped = canary.dropped;
    const checks: RuleResult[] = [errorCheck];
    if (c.limits.latency_p95_ms !== undefined) {
      const p95 = metrics['latency_ms/p95'];
      checks.push(
        p95 === undefined
          ? { rule: 'threshold', metric: 'latency_ms/p95', passed: false, warning: false, reason: `latency_ms/p95: none of the ${canary.requests} requests got an answer, so there is no latency to judge`, inputs: {} }
          : judgeThreshold('latency_ms/p95', p95, { max: c.limits.latency_p95_ms }),
      );
    }
    return checks;
  }

  private maxInFlight(): number {
    const c = this.config;
    return c.max_in_flight ?? defaultMaxInFlight(c.rate ?? 1, c.timeout);
  }

  private url(template: string, variables: HttpProbeVariables, side: 'canary' | 'stable'): string {
    const stable = side === 'stable';
    const where = stable ? 'deploy.analysis.stable_url' : 'deploy.analysis.url';
    const values: Record<string, string | null> = {
      version: stable ? variables.previousVersion : variables.version,
      model: variables.model,
      previous_version: variables.previousVersion,
      environment: variables.environment,
      served_entity: (stable ? variables.stableServedEntity : variables.servedEntity) ?? null,
    };
    // fillTemplate writes an unknown value as "", which would probe the wrong URL.
    for (const [, name] of template.matchAll(/\{\{\s*([a-z_]+)\s*\}\}/g)) {
      if (name !== undefined && values[name] === null) {
        throw new InputError(`${where} uses {{${name}}}, which this release does not have (${name === 'served_entity' ? 'the deploy target names no served entity' : 'no previous version'}); remove it from the URL or use a target that provides it`);
      }
    }
    return fillTemplate(template, values, where);
  }
}

/** requests, errors, error_rate, latency_ms/p50|p95|p99 (exact over the samples), and rate-mode counts. */
function sideMetrics(side: ProbeSide, prefix: string): Record<string, number> {
  const metrics: Record<string, number> = { [`${prefix}requests`]: side.requests, [`${prefix}errors`]: side.errors, [`${prefix}error_rate`]: side.requests > 0 ? side.errors / side.requests : 0 };
  const values = percentiles(side.latenciesMs, [0.5, 0.95, 0.99]);
  if (values) ['p50', 'p95', 'p99'].forEach((name, i) => (metrics[`${prefix}latency_ms/${name}`] = Math.round((values[i] as number) * 10) / 10));
  if (side.achievedRate !== undefined) {
    metrics[`${prefix}achieved_rate`] = Math.round(side.achievedRate * 1000) / 1000;
    metrics[`${prefix}dropped`] = side.dropped;
  }
  return metrics;
}

function toObservation(side: ProbeSide): SideObservation {
  return { requests: side.requests, errors: side.errors, latenciesMs: side.latenciesMs, ...(side.causeSummary ? { errorCauses: side.causeSummary } : {}) };
}
