import { z } from 'zod';
import { deferred, duration, oneOf, strictObject, workspacePath, lazySchema, timeoutDuration } from './zod-helpers';

const pattern = lazySchema(() => z.string().min(1).refine(
  (p) => {
    try {
      new RegExp(p, 'g');
      return true;
    } catch {
      return false;
    }
  },
  { error: 'not a valid regular expression (JavaScript syntax, e.g. "\\\\b\\\\d{13,19}\\\\b")' },
));

/**
 * Shadow replay (`agent-release shadow`): recorded production requests replayed to the candidate
 * and the champion through evaluate.endpoint (its url filled with each version's source).
 */
export const shadowSchema = deferred(() =>
  strictObject({
    requests: strictObject({
      /** An inference table export: JSONL or CSV with databricks_request_id, request, status_code. */
      path: workspacePath().optional(),
      format: oneOf(['jsonl', 'csv'] as const).optional(),
      /** Or the traces of an experiment in the tracking server (registry mlflow or unity-catalog), by time window. */
      mlflow_traces: strictObject({
        experiment: z.string().min(1),
        /** How far back from `until` (default: now), e.g. 24h. */
        window: duration.default(86_400_000),
        until: z.iso.datetime({ error: 'an ISO 8601 time, e.g. 2026-12-06T00:00:00Z' }).optional(),
      }).optional(),
      /** Requests replayed at most, sampled evenly from the source (seeded). */
      sample: z.number().int().min(1).max(100_000).default(2000),
      seed: z.number().int().min(0).default(1),
    }).superRefine((r, ctx) => {
      if ((r.path === undefined) === (r.mlflow_traces === undefined)) {
        ctx.addIssue({ code: 'custom', path: ['path'], message: 'give the recorded requests as path (an inference table export) or as mlflow_traces (an experiment and a window), one of the two' });
      }
      if (r.format !== undefined && r.path === undefined) ctx.addIssue({ code: 'custom', path: ['format'], message: 'format applies to path only' });
    }),
    concurrency: z.number().int().min(1).max(256).default(8),
    /** The pairwise judge: an OpenAI-compatible chat endpoint. */
    judge: strictObject({
      url: z.string().url({ error: 'the judge URL, e.g. https://api.openai.com/v1/chat/completions' }),
      model: z.string().min(1).optional(),
      headers: z.record(z.string(), z.string()).default({}),
      timeout: timeoutDuration.default(60_000),
      retries: z.number().int().min(0).max(10).default(3),
      rubric: z.string().min(1).optional(),
    }),
    /** Write the requests and answers (after redaction) to shadow-pairs.jsonl; off by default, as they may hold personal data. */
    record_text: z.boolean().default(false),
    /** Regular expressions whose matches become [REDACTED] in any text written (record_text). */
    redact: z.array(pattern).default([]),
  }));
export type ShadowConfig = z.infer<typeof shadowSchema>;

/** gate.shadow: the candidate must not lose to the champion on replayed traffic. */
export const gateShadowSchema = deferred(() =>
  strictObject({
    /** Fewer replayed-and-judged pairs than this fails: too little evidence. */
    min_replayed: z.number().int().min(1).default(200),
    /** Largest acceptable lossRate − winRate (0 = must not lose more often than it wins, beyond doubt). */
    max_net_loss: z.number().min(0).max(1).default(0),
    confidence: z.number().gt(0.5).lt(1).default(0.95),
    /**
     * Largest share of the replayed requests either side may fail to answer. Only pairs both sides
     * answered are judged, so past this the verdict would rest on a remnant of the traffic; a
     * champion that fails this often usually means its URL or credentials are wrong.
     */
    max_error_rate: z.number().min(0).max(1).default(0.1),
    /** How much more often than the champion the candidate may fail to answer (0.02 = 2 points). */
    max_error_increase: z.number().min(0).max(1).default(0.02),
  }));
export type GateShadowConfig = z.infer<typeof gateShadowSchema>;
