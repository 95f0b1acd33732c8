import { z } from 'zod';

/** What an LLM judge answered for one example, kept so a reviewer can see why it scored as it did. */
export const judgementSchema = z.strictObject({
  /** The score as the judge wrote it (a number, true/false, "pass"…), before normalising; null when it gave none. */
  score: z.union([z.number(), z.boolean(), z.string()]).nullable(),
  reason: z.string().optional(),
  /** The judge's answer text, cut at a few thousand characters. */
  raw: z.string(),
  /** Why the answer could not be used as a score. */
  error: z.string().optional(),
});
export type Judgement = z.infer<typeof judgementSchema>;

/** One tool call the agent made, as read from its response. */
export const toolCallSchema = z.strictObject({
  name: z.string().min(1),
  /** Parsed from JSON when the format sends a string; the raw string when it is not JSON. */
  arguments: z.unknown(),
});
export type ToolCall = z.infer<typeof toolCallSchema>;
/** Token counts the endpoint reported. Absent on a result when the response carried no usage. */
export const usageSchema = z.strictObject({
  prompt_tokens: z.number().int().nonnegative().optional(),
  completion_tokens: z.number().int().nonnegative().optional(),
  total_tokens: z.number().int().nonnegative().optional(),
});
export type Usage = z.infer<typeof usageSchema>;
/** One line of results.jsonl: one example, as the agent answered it and as it was scored. */
export const resultSchema = z.strictObject({
  id: z.string().min(1),
  /** With `repeat: k`, each run of an example is its own row: same id, run 1..k. Absent means one run. */
  repeat: z.number().int().min(1).optional(),
  inputs: z.unknown(),
  outputs: z.unknown(),
  expected: z.unknown().optional(),
  /** By scorer name: 1/0 for pass/fail scorers, a number for graded ones, null when it could not score. */
  scores: z.record(z.string(), z.number().nullable()),
  latency_ms: z.number().nonnegative().nullable(),
  error: z.string().optional(),
  /** By scorer name, for LLM-judge scorers: the judge's verdict. */
  judgements: z.record(z.string(), judgementSchema).optional(),
  tool_calls: z.array(toolCallSchema).optional(),
  usage: usageSchema.optional(),
  cost: z.number().nonnegative().optional(),
});
export type Result = z.infer<typeof resultSchema>;
