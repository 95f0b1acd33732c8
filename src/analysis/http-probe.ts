import type { HttpProbeConfig } from '../config/schema';
import type { RuleResult } from '../contract/decision';
import { judgeThreshold } from '../gate/thresholds';
import { sendOnce } from '../http/client';
import { runPool } from '../pool';
import { percentile } from '../stats/interval';
import { fillTemplate } from '../template';
import type { AnalysisProvider, AnalysisResult, AnalysisVariables } from './types';

/**
 * Sends N requests and measures errors and latency. No retries: a probe measures what a
 * user would see, and a retried failure is still a failure.
 */
export class HttpProbe implements AnalysisProvider {
  readonly kind = 'http-probe';

  constructor(private readonly config: HttpProbeConfig) {}

  describe(variables: AnalysisVariables): string {
    const c = this.config;
    return `send ${c.requests} ${c.method} requests (${c.concurrency} at a time) to ${this.url(variables)}; fail if error rate > ${c.limits.error_rate}${c.limits.latency_p95_ms ? ` or p95 latency > ${c.limits.latency_p95_ms} ms` : ''}`;
  }

  async run(variables: AnalysisVariables, signal?: AbortSignal): Promise<AnalysisResult> {
    const c = this.config;
    const url = this.url(variables);
    const body = c.body === undefined ? undefined : JSON.stringify(c.body);
    const headers = { ...(body ? { 'content-type': 'application/json' } : {}), ...c.headers };
    const latencies: number[] = [];
    let errors = 0;
    let firstError: string | undefined;
    const indexes = (function* () {
      for (let i = 0; i < c.requests; i++) yield i;
    })();
    await runPool(indexes, c.concurrency, async () => {
      const started = performance.now();
      try {
        const res = await sendOnce({ method: c.method, url, headers, body, timeoutMs: c.timeout, signal });
        latencies.push(performance.now() - started);
        if (res.status < 200 || res.status >= 300) {
          errors++;
          firstError ??= `HTTP ${res.status}`;
        }
      } catch (error) {
        errors++;
        firstError ??= (error as Error).message;
      }
    });
    const metrics: Record<string, number> = { requests: c.requests, errors, error_rate: errors / c.requests };
    for (const [name, q] of [['p50', 0.5], ['p95', 0.95], ['p99', 0.99]] as const) {
      const value = percentile(latencies, q);
      if (value !== undefined) metrics[`latency_ms/${name}`] = Math.round(value * 10) / 10;
    }
    const checks: RuleResult[] = [judgeThreshold('error_rate', errors / c.requests, { max: c.limits.error_rate })];
    if (firstError && checks[0]) checks[0].inputs.first_error = firstError;
    if (c.limits.latency_p95_ms !== undefined) {
      const p95 = metrics['latency_ms/p95'];
      checks.push(
        p95 === undefined
          ? { rule: 'threshold', metric: 'latency_ms/p95', passed: false, warning: false, reason: 'latency_ms/p95: no request got an answer', inputs: {} }
          : judgeThreshold('latency_ms/p95', p95, { max: c.limits.latency_p95_ms }),
      );
    }
    return { provider: this.kind, passed: checks.every((check) => check.passed), metrics, checks };
  }

  private url(variables: AnalysisVariables): string {
    return fillTemplate(
      this.config.url,
      { version: variables.version, model: variables.model, previous_version: variables.previousVersion, environment: variables.environment },
      'deploy.analysis.url',
    );
  }
}
