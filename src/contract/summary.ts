import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { formatPath } from '../config/paths';
import { InputError } from '../errors';
import { maxNesting, valueNestsBeyond } from '../nesting';
import { deferred, lazySchema } from '../config/zod-helpers';

export const summarySchemaId = 'agent-release.summary/v1';

export const intervalSchema = lazySchema(() => z.strictObject({
  low: z.number(),
  high: z.number(),
  confidence: z.number().gt(0).lt(1),
  method: z.string(),
}));

export const metricSchema = lazySchema(() => z.strictObject({
  value: z.number(),
  /** Examples the value is computed over. */
  n: z.number().int().nonnegative(),
  ci: intervalSchema.optional(),
}));
export type Metric = z.infer<typeof metricSchema>;

const digestSchema = lazySchema(() => z.string().regex(/^sha256:[0-9a-f]{64}$/));

/**
 * Present on the summary of one slice of a sharded evaluation (`shard: i/n`). The dataset block
 * still describes the whole file, so a merge can check that every shard saw the same one.
 */
// deferred: only a shard's summary has one, and a gate reads merged and whole ones.
export const shardSchema = deferred(() => z
  .strictObject({
    index: z.number().int().min(1),
    count: z.number().int().min(1),
    /** Examples in this shard. */
    rows: z.number().int().nonnegative(),
    /** sha256 of this shard's results.jsonl, so a merge knows it has the file this summary describes. */
    results_digest: digestSchema,
    /** sha256 of the settings that decide the numbers (src/evaluate/settings-digest.ts); merge refuses shards that differ. Absent on shards written before it was kept. */
    settings_digest: digestSchema.optional(),
  })
  .refine((s) => s.index <= s.count, { error: 'index must be between 1 and count', path: ['index'] }));
export type ShardInfo = z.infer<typeof shardSchema>;

/** One shard a merged summary was combined from, for audit. */
export const mergedShardSchema = lazySchema(() => z.strictObject({
  index: z.number().int().min(1),
  rows: z.number().int().nonnegative(),
  results_digest: digestSchema,
}));
export type MergedShard = z.infer<typeof mergedShardSchema>;

/** Bring-your-own evaluators may write plain numbers; they are read as metrics with unknown n. */
const metricInput = lazySchema(() => z.union([z.number().transform((value): Metric => ({ value, n: 0 })), metricSchema]));

export const summarySchema = lazySchema(() => z.strictObject({
  schema: z.literal(summarySchemaId),
  model: z.strictObject({ name: z.string().min(1), version: z.string().min(1) }),
  dataset: z.strictObject({
    name: z.string().min(1),
    digest: digestSchema,
    rows: z.number().int().nonnegative(),
    source: z.string().optional(),
  }),
  metrics: z.record(z.string(), metricInput),
  /** Examples whose call or scoring failed; they are not counted in any mean. */
  errors: z.number().int().nonnegative(),
  run_id: z.string().nullable(),
  created_at: z.iso.datetime(),
  /** Only on a shard's summary: gate the merged summary, never a shard. */
  shard: shardSchema.optional(),
  /** Only on a merged summary: the shards it was combined from, in index order. */
  merged_from: z.array(mergedShardSchema).optional(),
}));
export type Summary = z.infer<typeof summarySchema>;

export async function readSummary(file: string): Promise<Summary> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new InputError(`${file} is a folder; pass the summary.json evaluate wrote (e.g. ${path.join(file, 'summary.json')})`);
    throw new InputError(`cannot read evaluation summary ${file}: ${code === 'ENOENT' ? 'file not found; run evaluate first or pass its summary-path' : (error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const at = jsonErrorLine(text, (error as Error).message);
    // A JSON Lines file (results.jsonl, a dataset) fails right after its first line.
    const lines = at !== undefined && at > 1 && /^\s*\{.*\}\s*$/.test(text.split('\n')[0] ?? '') ? '; it holds one JSON value per line, like results.jsonl or a dataset: pass the summary.json beside them' : '';
    throw new InputError(`${file}${at === undefined ? '' : `:${at}`} is not valid JSON: ${(error as Error).message}${lines}`);
  }
  if (valueNestsBeyond(json, maxNesting)) throw new InputError(`${file} nests objects and arrays more than ${maxNesting} levels deep (a summary needs a handful); the file is likely damaged`);
  // jitless: one object per file read; zod's generated fast path costs more to build than it saves.
  const parsed = summarySchema.safeParse(json, { jitless: true });
  if (!parsed.success) {
    const details = parsed.error.issues
      .flatMap((issue) => branchIssues(issue))
      .slice(0, 5)
      .map((i) => `${formatPath(i.path.filter((s): s is string | number => typeof s !== 'symbol'))}: ${i.message}`);
    throw new InputError(`${file} is not an ${summarySchemaId} evaluation summary:\n  - ${details.join('\n  - ')}`);
  }
  return parsed.data;
}

/**
 * A metric is a number or a {value, n, ci} object, and zod reports a value fitting neither as a
 * bare "Invalid input". Report the branch that got furthest instead: `value: expected number,
 * received null` says what is wrong with `{"value": null}`.
 */
function branchIssues(issue: z.core.$ZodIssue): { path: PropertyKey[]; message: string }[] {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [issue];
  const branch = issue.errors.find((issues) => issues.some((i) => i.path.length > 0)) ?? issue.errors[0] ?? [];
  const nested = branch.flatMap((i) => branchIssues(i)).map((i) => ({ path: [...issue.path, ...i.path], message: i.message }));
  return nested.length ? nested : [issue];
}

/** The line JSON.parse stopped at, from the position its message gives. */
export function jsonErrorLine(text: string, message: string): number | undefined {
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position === undefined) return undefined;
  return text.slice(0, Number(position)).split('\n').length;
}
