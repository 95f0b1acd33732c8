import { z } from 'zod';
import { lazySchema } from '../config/zod-helpers';

/** An endpoint's AI Gateway settings (ServingEndpoint.ai_gateway in the SDK), as deploy.serving.ai_gateway writes them and the API answers them. */
export const aiGatewaySchema = lazySchema(() => z.looseObject({
  usage_tracking_config: z.looseObject({ enabled: z.boolean().optional() }).optional(),
  inference_table_config: z.record(z.string(), z.unknown()).optional(),
  rate_limits: z.array(z.looseObject({ calls: z.number().int().optional(), key: z.string().optional(), renewal_period: z.string() })).optional(),
  guardrails: z.record(z.string(), z.unknown()).optional(),
  fallback_config: z.looseObject({ enabled: z.boolean() }).optional(),
}));
export type AiGateway = z.infer<typeof aiGatewaySchema>;
