import { systemClock, type Clock } from '../clock';
import type { RuleResult } from '../contract/decision';
import { judgeThreshold } from '../gate/thresholds';
import { isTransientFailure } from '../http/errors';
import type { RetryPolicy } from '../http/retry';
import type { Logger } from '../logger';
import { runPool } from '../pool';
import { PrometheusClient } from './prometheus-api';
import type { PrometheusAnalysisConfig } from './prometheus-config';
import { promDuration, renderPromql } from './promql';
import type { AnalysisPreflight, AnalysisProvider, AnalysisResult, AnalysisVariables } from './types';

export { PrometheusClient, PrometheusQueryError, PrometheusResultError, type Series, type ScalarResult, type VectorResult } from './prometheus-api';
export { prometheusAnalysisSchema, type PrometheusAnalysisConfig } from './prometheus-config';

/** AnalysisVariables plus what a serving target may add; served_entity is optional until targets provide it. */
export type PrometheusVariables = AnalysisVariables & { servedEntity?: string | null };

export interface PrometheusAnalysisDeps {
  clock?: Clock;
  logger?: Logger;
  policy?: RetryPolicy;
  random?: () => number;
}

/** Queries run at once: enough to overlap round trips without hammering a shared Prometheus. */
const queryConcurrency = 4;

/**
 * Runs each configured PromQL query (templated with the version under analysis) as an instant
 * query and judges the numbers against their limits. A query that matches no series, or yields
 * NaN (typically 0/0: no traffic), is reported as missing by name, never as zero. A query that
 * fails is a failed check carrying Prometheus' message, not a thrown error, so one bad query
 * does not hide the others' results.
 */
export class PrometheusAnalysis implements AnalysisProvider {
  readonly kind = 'prometheus';
  readonly client: PrometheusClient;

  constructor(
    private readonly config: PrometheusAnalysisConfig,
    deps: PrometheusAnalysisDeps = {},
  ) {
    this.client = new PrometheusClient({
      url: config.url,
      headers: config.headers,
      timeoutMs: config.timeout,
      clock: deps.clock ?? systemClock,
      logger: deps.logger,
      policy: deps.policy,
      random: deps.random,
    });
  }

  describe(variables: PrometheusVariables): string {
    const limits = Object.entries(this.config.limits).map(([name, l]) =>
      [l.min !== undefined ? `${name} >= ${l.min}` : '', l.max !== undefined ? `${name} <= ${l.max}` : ''].filter(Boolean).join(' and '),
    );
    return `query Prometheus at ${this.client.displayUrl} for ${Object.keys(this.config.queries).join(', ')} of version ${variables.version} over ${promDuration(this.config.window)}${limits.length ? `; fail unless ${limits.join(', ')}` : ''}`;
  }

  /**
   * Runs every query once before deploy changes anything: a query Prometheus cannot parse, or a
   * Prometheus that cannot be reached, would otherwise show only after the candidate took
   * traffic for a bake, and roll it back. No series yet is fine: the candidate serves nothing.
   */
  async preflight(variables: PrometheusVariables): Promise<AnalysisPreflight> {
    const problems: string[] = [];
    const answered: string[] = [];
    await runPool(Object.keys(this.config.queries).values(), queryConcurrency, async (name) => {
      const rendered = renderPromql(this.config.queries[name] as string, this.placeholders(variables), `deploy.analysis.queries.${name}`);
      if ('unavailable' in rendered) return;
      try {
        await this.client.queryScalar(rendered.query, { purpose: `deploy.analysis.queries.${name}` });
        answered.push(name);
      } catch (error) {
        problems.push(`deploy.analysis.queries.${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    return { problems, checks: answered.length > 0 ? [`Prometheus at ${this.client.displayUrl} answers ${answered.sort().join(', ')}`] : [] };
  }

  async run(variables: PrometheusVariables, signal?: AbortSignal): Promise<AnalysisResult> {
    const metrics: Record<string, number> = {};
    const checksByName = new Map<string, RuleResult | undefined>();
    const names = Object.keys(this.config.queries);
    await runPool(names.values(), queryConcurrency, async (name) => {
      const measured = await this.measure(name, variables, signal);
      if (measured.value !== undefined && Number.isFinite(measured.value)) metrics[name] = measured.value;
      checksByName.set(name, measured.check);
    }, signal);
    signal?.throwIfAborted();
    // Report in the order the user listed the queries, whatever order they finished in.
    const checks = names.map((name) => checksByName.get(name)).filter((check): check is RuleResult => check !== undefined);
    return { provider: this.kind, passed: checks.every((check) => check.passed), metrics, checks };
  }

  /** One query: its value (if any) and the check to report (none for a query without limits that worked). */
  private async measure(name: string, variables: PrometheusVariables, signal?: AbortSignal): Promise<{ value?: number; check?: RuleResult }> {
    const limit = this.config.limits[name];
    const rendered = renderPromql(this.config.queries[name] as string, this.placeholders(variables), `deploy.analysis.queries.${name}`);
    if ('unavailable' in rendered) {
      const missing = rendered.unavailable.map((n) => `{{${n}}}`).join(', ');
      return { check: this.missingCheck(name, `${name}: not measured: the query uses ${missing}, which this release does not have (e.g. no previous version yet)`, {}) };
    }
    const { query } = rendered;
    try {
      const result = await this.client.queryScalar(query, { signal, purpose: `deploy.analysis.queries.${name}` });
      const inputs: Record<string, unknown> = { query, ...(result.warnings.length ? { warnings: result.warnings } : {}) };
      if (result.value === undefined) {
        return { check: this.missingCheck(name, `${name}: missing: the query returned no series (no data is not zero; check the metric and label names and that the version has served traffic)`, inputs) };
      }
      if (Number.isNaN(result.value)) {
        return { value: result.value, check: this.missingCheck(name, `${name}: missing: the query returned NaN (usually 0/0: no requests in the window)`, inputs) };
      }
      if (!limit) return { value: result.value };
      const check = judgeThreshold(name, result.value, limit);
      check.inputs = { ...check.inputs, ...inputs };
      return { value: result.value, check };
    } catch (error) {
      // Prometheus away (refused, timed out, 5xx after retries) says nothing of the version: the rollout looks again later (deploy.analysis_error_limit).
      if (signal?.aborted || isTransientFailure(error)) throw error;
      const message = error instanceof Error ? error.message : String(error);
      return { check: { rule: 'threshold', metric: name, passed: false, warning: false, reason: `${name}: query failed: ${message}`, inputs: { query } } };
    }
  }

  private missingCheck(name: string, reason: string, inputs: Record<string, unknown>): RuleResult {
    // A metric nobody set a limit on cannot fail the analysis, but its absence is still shown.
    const tolerated = this.config.missing === 'warn' || !this.config.limits[name];
    return { rule: 'threshold', metric: name, passed: tolerated, warning: tolerated, reason, inputs: { ...inputs, outcome: 'missing' } };
  }

  private placeholders(variables: PrometheusVariables): Record<string, string | null> {
    return {
      version: variables.version,
      previous_version: variables.previousVersion,
      served_entity: variables.servedEntity ?? null,
      model: variables.model,
      environment: variables.environment,
      window: promDuration(this.config.window),
    };
  }
}

