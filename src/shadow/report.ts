import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { InputError } from '../errors';

export const shadowReportSchemaId = 'agent-release.shadow/v1';

const side = z.object({
  requests: z.number().int().min(0),
  errorRate: z.number(),
  jsonValidRate: z.number(),
  refusalRate: z.number(),
  meanChars: z.number().nullable(),
  latencyP95Ms: z.number().nullable(),
  meanTokens: z.number().nullable(),
  meanToolCalls: z.number().nullable(),
});

/** shadow.json: counts and rates only; a request or an answer never goes in it. */
export const shadowReportSchema = z.object({
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
});
export type ShadowReport = z.infer<typeof shadowReportSchema>;

export async function readShadowReport(file: string, shownAs: string): Promise<ShadowReport | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${shownAs} is not JSON (${(error as Error).message}); re-run agent-release shadow`);
  }
  const parsed = shadowReportSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`${shownAs} is not a shadow report: ${issue?.path.join('.') || '(top level)'}: ${issue?.message}; re-run agent-release shadow`);
  }
  return parsed.data;
}
