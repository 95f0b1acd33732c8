import { z } from 'zod';
import { aiGatewaySchema } from '../databricks/ai-gateway';
import { deferred, strictObject, timeoutDuration } from './zod-helpers';

/**
 * `deploy.serving`: the databricks-serving target's settings. Sizing applies to entities this
 * release adds; an entity that already serves keeps its own settings, because changing them
 * would restart it in the middle of a canary.
 */
export const servingSchema = deferred(() =>
  strictObject({
    /** The Model Serving endpoint; created on the first release. */
    endpoint: z.string().regex(/^[A-Za-z0-9_-]{1,63}$/, { error: 'an endpoint name is 1-63 letters, digits, "-" or "_"' }),
    /** The registered model the endpoint serves (Unity Catalog: catalog.schema.model); default model.name. */
    entity_name: z.string().min(1, { error: 'must not be empty' }).optional(),
    workload_size: z.string().min(1, { error: 'must not be empty' }).default('Small'),
    /** CPU, GPU_SMALL, …; the workspace's default when left out. */
    workload_type: z.string().min(1, { error: 'must not be empty' }).optional(),
    scale_to_zero: z.boolean().default(true),
    /** How long an update may take to reach READY before deploy gives up (model loading can take many minutes). */
    ready_timeout: timeoutDuration.default(30 * 60_000),
    /**
     * When someone else's update is in progress: wait for it (true) or refuse in preflight (false,
     * the default: a release should not queue behind a change nobody in this run reviewed).
     */
    wait_for_idle: z.boolean().default(false),
    /**
     * AI Gateway settings (usage tracking, inference tables, rate limits, guardrails), applied after
     * the endpoint is READY. Agent endpoints take only inference_table_config; preflight refuses the rest there.
     */
    ai_gateway: aiGatewaySchema.optional(),
    /** For entities this release adds; secrets as {{secrets/<scope>/<key>}} references, never values. */
    environment_vars: z.record(z.string(), z.string()).optional(),
    /**
     * Endpoint tags (they propagate to billing logs): set at create, and on an existing endpoint
     * kept in step by every deploy (PATCH /tags adds or updates these keys; tags set by others stay).
     * A rollback restores the tags the endpoint had before the rollout.
     */
    tags: z.record(z.string(), z.string()).optional(),
  }));

export type ServingConfig = z.infer<typeof servingSchema>;
