import { z } from 'zod';
import { lazySchema } from '../config/zod-helpers';

export const decisionSchemaId = 'agent-release.decision/v1';

export const ruleResultSchema = lazySchema(() => z.strictObject({
  rule: z.string(),
  metric: z.string().optional(),
  passed: z.boolean(),
  /** A warning does not fail the decision but is shown. */
  warning: z.boolean().default(false),
  reason: z.string(),
  inputs: z.record(z.string(), z.unknown()),
}));
export type RuleResult = z.infer<typeof ruleResultSchema>;

export const decisionSchema = lazySchema(() => z.strictObject({
  schema: z.literal(decisionSchemaId),
  model: z.strictObject({ name: z.string(), version: z.string() }),
  /** `error`: the gate could not decide (or has not finished); promote refuses it like `fail`. */
  decision: z.enum(['pass', 'fail', 'error']),
  rules: z.array(ruleResultSchema),
  /** sha256 of every file the decision read, by path. */
  inputs: z.record(z.string(), z.string()),
  /** Every alias and its holder when the gate decided, for promote's compare-and-set. */
  aliases: z.record(z.string(), z.string()),
  decided_at: z.iso.datetime(),
  /** sha256 of the gate settings that decided (src/gate/policy-digest.ts); promote refuses a pass made under other settings. Absent in records made before it was kept. */
  gate_policy: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  run: z.strictObject({ actor: z.string(), url: z.string().nullable(), sha: z.string().nullable() }),
}));
export type Decision = z.infer<typeof decisionSchema>;
