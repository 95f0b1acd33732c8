import { z } from 'zod';
import { deferred, duration, oneOf, strictObject, lazySchema } from '../config/zod-helpers';
import { TemplateError } from '../template';
import { renderPromql } from './promql';

const canaryPlaceholders = ['version', 'window', 'model', 'environment'] as const;
const query = lazySchema(() => z.string().min(1, { error: 'must not be empty' }));

/** deploy.analysis.canary (prometheus): one number per query for the version in {{version}}. */
export const canaryQueriesSchema = deferred(() =>
  strictObject({
    /** Requests the version served in the window, e.g. sum(increase(agent_requests_total{version="{{version}}"}[{{window}}])). */
    requests: query,
    /** Of those, the failed ones, e.g. the same with code=~"5..". */
    errors: query,
    /** Cumulative bucket counts by `le`, e.g. sum by (le) (increase(agent_request_duration_seconds_bucket{version="{{version}}"}[{{window}}])). */
    latency_histogram: query.optional(),
    /** The unit of the histogram's `le` bounds (Prometheus convention: seconds). */
    latency_unit: oneOf(['seconds', 'milliseconds'] as const).default('seconds'),
    /** Shortest {{window}}: at least two scrape intervals, or increase() has too few samples. */
    min_window: duration.default(60_000),
    /** Most latency samples per side given to Mann-Whitney; above it bucket counts are scaled down (fewer samples only weaken the test). */
    max_latency_samples: z.number().int().min(100).max(1_000_000).default(20_000),
  }).superRefine((config, ctx) => {
    const sample = { version: '2', window: '5m', model: 'model', environment: 'production' };
    for (const name of ['requests', 'errors', 'latency_histogram'] as const) {
      const text = config[name];
      if (text === undefined) continue;
      try {
        renderPromql(text, sample, `canary.${name}`);
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        ctx.addIssue({ code: 'custom', path: [name], message: `${error.message.replace(/^canary\.[^:]*: /, '')} (canary queries may use ${canaryPlaceholders.map((p) => `{{${p}}}`).join(', ')})` });
      }
    }
  }));
export type CanaryQueries = z.infer<typeof canaryQueriesSchema>;
