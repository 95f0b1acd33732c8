import { z } from 'zod';
import { lazySchema } from '../config/zod-helpers';

/** What an LLM judge answered for one example, kept so a reviewer can see why it scored as it did. */
export const judgementSchema = lazySchema(() => z.strictObject({
  /** The score as the judge wrote it (a number, true/false, "pass"…), before normalising; null when it gave none. */
  score: z.union([z.number(), z.boolean(), z.string()]).nullable(),
  reason: z.string().optional(),
  /** The judge's answer text, cut at a few thousand characters. */
  raw: z.string(),
  /** Why the answer could not be used as a score. */
  error: z.string().optional(),
}));
export type Judgement = z.infer<typeof judgementSchema>;

/** One tool call the agent made, as read from its response. */
export const toolCallSchema = lazySchema(() => z.strictObject({
  name: z.string().min(1),
  /** Parsed from JSON when the format sends a string; the raw string when it is not JSON. */
  arguments: z.unknown(),
}));
export type ToolCall = z.infer<typeof toolCallSchema>;
/** Token counts the endpoint reported. Absent on a result when the response carried no usage. */
export const usageSchema = lazySchema(() => z.strictObject({
  prompt_tokens: z.number().int().nonnegative().optional(),
  completion_tokens: z.number().int().nonnegative().optional(),
  total_tokens: z.number().int().nonnegative().optional(),
}));
export type Usage = z.infer<typeof usageSchema>;

/** One turn of a conversation row: what was said, what the agent answered and did, and its own scores. */
export const turnSchema = lazySchema(() => z.strictObject({
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
}));
export type Turn = z.infer<typeof turnSchema>;

/** One line of results.jsonl: one example, as the agent answered it and as it was scored. */
export const resultSchema = lazySchema(() => z.strictObject({
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
}));
export type Result = z.infer<typeof resultSchema>;

const requiredFields = ['id', 'inputs', 'outputs', 'scores', 'latency_ms'] as const;

/**
 * A quick yes for the ordinary row, so a million-row file is not walked by zod twice over. It
 * vouches only for rows resultSchema accepts unchanged; anything else (a field it does not check
 * by hand, a damaged value) returns false and goes through resultSchema, which accepts it or
 * names the field. A field added to the schema is checked by its own schema here, so new
 * optional fields stay fast without touching this function.
 */
export function isPlainResult(value: unknown): value is Result {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const row = value as Record<string, unknown>;
  for (const key of requiredFields) if (!Object.hasOwn(row, key)) return false;
  for (const key in row) {
    const field = row[key];
    switch (key) {
      case 'id':
        if (typeof field !== 'string' || field.length === 0) return false;
        break;
      case 'inputs':
      case 'outputs':
      case 'expected':
        break;
      case 'scores':
        if (!isPlainScores(field)) return false;
        break;
      case 'latency_ms':
        if (field !== null && !(typeof field === 'number' && Number.isFinite(field) && field >= 0)) return false;
        break;
      case 'error':
        if (typeof field !== 'string') return false;
        break;
      case 'repeat':
        if (!(Number.isSafeInteger(field) && (field as number) >= 1)) return false;
        break;
      // Read by the gate's spend comparison on every row that has them: checked here, not by zod.
      case 'cost':
        if (!(typeof field === 'number' && Number.isFinite(field) && field >= 0)) return false;
        break;
      case 'usage':
        if (!isPlainUsage(field)) return false;
        break;
      default: {
        // An object-level refinement on resultSchema would bypass this path; the tests check there is none.
        const schema = (resultSchema.unwrap().shape as Record<string, z.ZodType>)[key];
        if (!schema || !isOptional(schema) || !schema.safeParse(field).success) return false;
      }
    }
  }
  return true;
}

function isPlainScores(scores: unknown): boolean {
  if (typeof scores !== 'object' || scores === null || Array.isArray(scores)) return false;
  for (const name in scores) {
    // zod rebuilds a record key by key, and `__proto__` does not survive that: let it decide.
    if (name === '__proto__') return false;
    const score = (scores as Record<string, unknown>)[name];
    if (score !== null && !(typeof score === 'number' && Number.isFinite(score))) return false;
  }
  return true;
}

let usageFields: Set<string> | undefined;

function isPlainUsage(usage: unknown): boolean {
  if (typeof usage !== 'object' || usage === null || Array.isArray(usage)) return false;
  usageFields ??= new Set(Object.keys(usageSchema.unwrap().shape));
  for (const name in usage) {
    if (!usageFields.has(name)) return false;
    const count = (usage as Record<string, unknown>)[name];
    if (!(Number.isSafeInteger(count) && (count as number) >= 0)) return false;
  }
  return true;
}

function isOptional(schema: z.ZodType): boolean {
  return schema._zod.optin === 'optional';
}
