import { z } from 'zod';

/** One line of results.jsonl: one example, as the agent answered it and as it was scored. */
export const resultSchema = z.strictObject({
  id: z.string().min(1),
  inputs: z.unknown(),
  outputs: z.unknown(),
  expected: z.unknown().optional(),
  /** By scorer name: 1/0 for pass/fail scorers, a number for graded ones, null when it could not score. */
  scores: z.record(z.string(), z.number().nullable()),
  latency_ms: z.number().nonnegative().nullable(),
  error: z.string().optional(),
});
export type Result = z.infer<typeof resultSchema>;
