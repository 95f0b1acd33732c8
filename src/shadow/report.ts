import { z } from 'zod';
import { readJsonIfExists } from '../contract/json-file';
import { InputError } from '../errors';
import { lazySchema } from '../config/zod-helpers';

export const shadowReportSchemaId = 'agent-release.shadow/v1';

const side = lazySchema(() => z.object({
  requests: z.number().int().min(0),
  errors: z.number().int().min(0),
  errorRate: z.number(),
  jsonValidRate: z.number(),
  refusalRate: z.number(),
  meanChars: z.number().nullable(),
  latencyP95Ms: z.number().nullable(),
  meanTokens: z.number().nullable(),
  meanToolCalls: z.number().nullable(),
}));

/** shadow.json: counts and rates only; a request or an answer never goes in it. */
export const shadowReportSchema = lazySchema(() => z.object({
  schema: z.literal(shadowReportSchemaId),
  model: z.string(),
  version: z.string(),
  champion: z.string(),
  source: z.object({ path: z.string(), rows: z.number().int(), skipped: z.number().int(), sample: z.number().int(), seed: z.number().int() }),
  replayed: z.number().int().min(0),
  judged: z.number().int().min(0),
  judge_errors: z.number().int().min(0),
  counts: z.object({ candidate: z.number().int().min(0), champion: z.number().int().min(0), tie: z.number().int().min(0) }),
  candidate_shown_first: z.number().int().min(0),
  candidate: side,
  champion_checks: side,
  created_at: z.string(),
}));
export type ShadowReport = z.infer<typeof shadowReportSchema>;

export async function readShadowReport(file: string, shownAs: string): Promise<ShadowReport | undefined> {
  const value = await readJsonIfExists(file, (reason) => `${shownAs} is not JSON (${reason}); re-run agent-release shadow`);
  if (value === undefined) return undefined;
  const parsed = shadowReportSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`${shownAs} is not a shadow report: ${issue?.path.join('.') || '(top level)'}: ${issue?.message}; re-run agent-release shadow`);
  }
  return parsed.data;
}
