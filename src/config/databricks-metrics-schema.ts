import { z } from 'zod';
import { deferred, duration, oneOf, strictObject, lazySchema, timeoutDuration } from './zod-helpers';
import { unknownPlaceholder } from '../template';

/** What a served entity's name may use: see analysis/databricks-metrics.ts. */
const entityPlaceholders = ['served_entity', 'stable_served_entity', 'version', 'previous_version', 'model', 'environment'] as const;

const nonEmpty = lazySchema(() => z.string().min(1, { error: 'must not be empty' }));

/**
 * deploy.analysis with provider: databricks-metrics: the serving endpoint's own metrics export
 * (GET /api/2.0/serving-endpoints/{name}/metrics), sampled over the bake. The workspace and its
 * credentials come from the Databricks connection (DATABRICKS_HOST and the auth variables).
 */
export const databricksMetricsAnalysisSchema = deferred(() =>
  strictObject({
    provider: z.literal('databricks-metrics'),
    /** The serving endpoint's name. */
    endpoint: nonEmpty,
    /** The canary's served entity name; {{served_entity}} is what the deploy target created. */
    canary_entity: nonEmpty.default('{{served_entity}}'),
    /**
     * The stable served entity, usually {{stable_served_entity}} (what the target serves beside the
     * canary). Skipped at 100%, when nothing stable serves: {{stable_served_entity}} is empty then.
     */
    stable_entity: nonEmpty.optional(),
    /**
     * The export's label naming the served entity. Databricks does not document it and public
     * scrapes disagree (served_entity, served_model, none), so by default it is detected on the
     * first read: served_entity, else served_model. Set it only for a label of another name.
     */
    entity_label: z.string().regex(/^[a-zA-Z_]\w*$/, { error: 'a Prometheus label name, like served_entity' }).optional(),
    /** How long to sample: usually the bake time. */
    window: duration.default(600_000),
    /**
     * Between scrapes. The documented export holds the last minute's counts, so scraping more often
     * re-reads a minute (counted once: by its timestamp, or by the scrape's clock minute without one);
     * scraping less often than every minute misses minutes.
     */
    scrape_interval: duration.default(60_000),
    /** Which HTTP status classes count as errors (Databricks' own error rate counts both). */
    errors: z.array(oneOf(['4xx', '5xx'] as const)).min(1).default(['4xx', '5xx']),
    timeout: timeoutDuration.default(30_000),
    limits: strictObject({
      error_rate: z.number().min(0).max(1).default(0.05),
      latency_p95_ms: z.number().positive().optional(),
    }).default({ error_rate: 0.05 }),
    /** An entity with no samples in the export: fail the analysis (default), or pass with a warning. */
    missing: oneOf(['fail', 'warn'] as const).default('fail'),
    // deploy.analysis extends this with its canary judgement; unknown-key errors list it too.
  }, ['judgement']).superRefine((c, ctx) => {
    for (const key of ['canary_entity', 'stable_entity'] as const) {
      const problem = c[key] === undefined ? undefined : unknownPlaceholder(c[key], entityPlaceholders);
      if (problem) ctx.addIssue({ code: 'custom', path: [key], message: problem });
    }
    if (c.scrape_interval < 1_000) ctx.addIssue({ code: 'custom', path: ['scrape_interval'], message: 'scrape at most once a second (the export changes once a minute)' });
    if (c.window < c.scrape_interval) ctx.addIssue({ code: 'custom', path: ['window'], message: `the window (${c.window} ms) must hold at least one scrape_interval (${c.scrape_interval} ms)` });
  }));
export type DatabricksMetricsConfig = z.infer<typeof databricksMetricsAnalysisSchema>;
