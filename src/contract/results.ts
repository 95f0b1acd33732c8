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

/** One turn of a conversation row: what was said, what the agent answered and did, and its own scores. */
export const turnSchema = z.strictObject({
  /** 1-based. */
  turn: z.number().int().min(1),
  input: z.unknown(),
  /** The agent's answer text; null when the turn failed. */
  output: z.string().nullable(),
  expected: z.unknown().optional(),
  tool_calls: z.array(toolCallSchema).optional(),
  usage: usageSchema.optional(),
  cost: z.number().nonnegative().optional(),
  latency_ms: z.number().nonnegative().nullable(),
  /** Scores of the scorers applied per turn (`turns: each`); null where a scorer had nothing to judge the turn by. */
  scores: z.record(z.string(), z.number().nullable()).optional(),
  error: z.string().optional(),
});
export type Turn = z.infer<typeof turnSchema>;

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
  /** Every call the agent made, in order (for a conversation: all turns' calls). */
  tool_calls: z.array(toolCallSchema).optional(),
  /** Summed over every request of the example; absent when any of them reported none. */
  usage: usageSchema.optional(),
  /** From usage and evaluate.cost.prices; absent when it could not be priced. */
  cost: z.number().nonnegative().optional(),
  /** By scorer name: why it failed the example, for scorers that say (tool_calls). */
  reasons: z.record(z.string(), z.string()).optional(),
  /** Conversation rows only: each turn as played. */
  turns: z.array(turnSchema).optional(),
});
export type Result = z.infer<typeof resultSchema>;
