import { z } from 'zod';
import { deferred, duration, oneOf, strictObject, lazySchema } from '../config/zod-helpers';
import { TemplateError } from '../template';
import { renderPromql } from './promql';

/** The placeholders a query may use; served_entity is null unless the deploy target names one. */
export const prometheusPlaceholders = ['version', 'previous_version', 'served_entity', 'model', 'environment', 'window'] as const;

const metricName = lazySchema(() => z.string().regex(/^[\w.-]+(\/[\w.-]+)*$/, { error: 'metric names look like "error_rate" or "latency_ms/p95"' }));

const limit = lazySchema(() => strictObject({ min: z.number().optional(), max: z.number().optional() }).refine(
  (t) => t.min !== undefined || t.max !== undefined,
  { error: 'give min, max or both' },
));

/**
 * deploy.analysis with provider: prometheus. Lives beside its provider so the schema and the
 * code that reads it change together; src/config/schema.ts adds it to the analysis union.
 */
export const prometheusAnalysisSchema = deferred(() =>
  strictObject({
    provider: z.literal('prometheus'),
    /** Prometheus' base URL (the one serving /api/v1/query); ${VAR} is filled at load. */
    url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://prometheus:9090' }),
    /** E.g. Authorization: "Bearer ${PROMETHEUS_TOKEN}" for a managed Prometheus. */
    headers: z.record(z.string(), z.string()).default({}),
    /** Metric name -> instant PromQL query returning one number; see prometheusPlaceholders. */
    queries: z.record(metricName, z.string().min(1, { error: 'must not be empty' })).refine((q) => Object.keys(q).length > 0, {
      error: 'list at least one query, e.g. error_rate: sum(rate(...{version="{{version}}",code=~"5.."}[{{window}}])) / sum(rate(...))',
    }),
    /** Metric name -> limits; a query without a limit is recorded but not judged. */
    limits: z.record(metricName, limit).default({}),
    /** Filled into {{window}}, e.g. rate(x[{{window}}]); usually the bake time. */
    window: duration.default(300_000),
    /** Per query; also sent to Prometheus so it gives up first. */
    timeout: duration.default(30_000),
    /** A query that returns no series (or NaN): fail the analysis (default), or pass with a warning. */
    missing: oneOf(['fail', 'warn'] as const).default('fail'),
    // deploy.analysis extends this with its canary judgement; unknown-key errors list those keys too.
  }, ['judgement', 'canary']).superRefine((config, ctx) => {
    for (const name of Object.keys(config.limits)) {
      if (!(name in config.queries)) {
        ctx.addIssue({ code: 'custom', path: ['limits', name], message: `no query named "${name}"; queries are: ${Object.keys(config.queries).join(', ')}` });
      }
    }
    // Fill every query with sample values now, so a typo in a placeholder fails at load, not mid-canary.
    const sample: Record<string, string> = { version: '2', previous_version: '1', served_entity: 'entity', model: 'model', environment: 'production', window: '5m' };
    for (const [name, query] of Object.entries(config.queries)) {
      try {
        renderPromql(query, sample, `queries.${name}`);
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        ctx.addIssue({ code: 'custom', path: ['queries', name], message: error.message.replace(/^queries\.[^:]*: /, '') });
      }
    }
  }));
export type PrometheusAnalysisConfig = z.infer<typeof prometheusAnalysisSchema>;
