/** The canary judgement's configuration, proposed as `deploy.analysis.judgement`; types derive from it. */
import { z } from 'zod';
import { deferred, oneOf, strictObject, lazySchema } from '../config/zod-helpers';

const rate = lazySchema(() => z.number().min(0).max(1));

const latencyComparison = lazySchema(() => strictObject({
  /** Allowed slowdown in ms (shift of the typical request). */
  max_increase_ms: z.number().min(0).optional(),
  /** Allowed slowdown as a fraction (0.1 = 10% slower); the default when neither is given. */
  max_increase_ratio: z.number().min(0).optional(),
}).refine((l) => l.max_increase_ms === undefined || l.max_increase_ratio === undefined, {
  error: 'give max_increase_ms or max_increase_ratio, not both',
}));

export const judgementSettingsSchema = deferred(() =>
  strictObject({
    /**
     * Chance of rolling back a canary that is as good as the stable version, over the whole
     * rollout: split evenly over every planned comparison look and every compared metric.
     */
    false_rollback_rate: z.number().gt(0).max(0.2).default(0.01),
    /** Requests each side must have served before its numbers count; fewer is inconclusive, never a pass. */
    min_requests: z.number().int().min(1).default(200),
    /** Scored canary requests needed before a scorer's mean counts. */
    min_scored: z.number().int().min(1).default(30),
    /** Absolute limits on the canary alone, checked at every look. */
    limits: strictObject({
      error_rate: rate.optional(),
      latency_p95_ms: z.number().positive().optional(),
      /** By scorer name: the lowest acceptable mean score of the canary's answers. */
      scores: z.record(z.string().min(1), strictObject({ min: z.number() })).default({}),
    }).default({ scores: {} }),
    /** Canary versus stable, with a one-sided test per metric; leave a metric out to not compare it. */
    compare: strictObject({
      /** Allowed increase of the error rate in rate units (0.01 = one percentage point). */
      error_rate: strictObject({ max_increase: z.number().min(0).lt(1).default(0) }).optional(),
      /** Needs per-request latencies from the provider (http-probe). */
      latency: latencyComparison.optional(),
    }).default({ error_rate: { max_increase: 0 } }),
    /** What happens when a look has too little traffic to judge. */
    inconclusive: strictObject({
      /** Bake extensions allowed per step before `then` applies. */
      extend_bake: z.number().int().min(0).max(10).default(2),
      then: oneOf(['fail', 'pass'] as const).default('fail'),
    }).default({ extend_bake: 2, then: 'fail' }),
  }));

export type JudgementSettings = z.infer<typeof judgementSettingsSchema>;
/** What a user writes (defaults not applied yet). */
export type JudgementSettingsInput = z.input<typeof judgementSettingsSchema>;
