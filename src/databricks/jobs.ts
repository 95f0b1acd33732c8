import { z } from 'zod';
import { ConfigError } from '../errors';
import { DatabricksApi, invalidResponse, type DatabricksApiOptions } from './api';
import { lazySchema } from '../config/zod-helpers';
import { sha256Hex } from '../hash/sha256';

/**
 * The Databricks Jobs API 2.2 calls an evaluation needs, checked against the Databricks SDK's
 * `jobs` service (databricks-sdk-py `databricks/sdk/service/jobs.py`):
 *
 * - `POST /api/2.2/jobs/run-now {job_id, job_parameters, idempotency_token}` -> `{run_id}`. With a
 *   token, "Databricks guarantees that exactly one run is launched with that idempotency token"
 *   and a retry returns the existing run, so run-now is retried like a read. Tokens are at most 64
 *   characters.
 * - `GET /api/2.2/jobs/runs/get?run_id=&page_token=`: arrays (`tasks`) beyond 100 elements come on
 *   further pages (`next_page_token`); the pages are merged here. A retried task is listed once
 *   per attempt (same `task_key`, its own `run_id`, rising `attempt_number`); only the highest
 *   attempt says how the task ended (the Databricks CLI keeps that one too): see `lastAttempts`.
 * - Every field of a run but `task_key` is optional in the SDK; only what the code cannot go on
 *   without is insisted on, where it is needed, with a message saying so.
 * - `GET /api/2.2/jobs/runs/get-output?run_id=` takes a *task* run id (the SDK: "the output and
 *   metadata of a single task run"); the parent of a multi-task run is a 400.
 * - `POST /api/2.2/jobs/runs/cancel {run_id}` cancels asynchronously.
 *
 * Run ids are int64 on the wire; real ones (~1e15) are below 2^53, so JSON numbers hold them.
 */
export type DatabricksJobsOptions = DatabricksApiOptions;

const runStateSchema = lazySchema(() => z.object({
  life_cycle_state: z.string().optional(),
  result_state: z.string().optional(),
  state_message: z.string().optional(),
  queue_reason: z.string().optional(),
  user_cancelled_or_timedout: z.boolean().optional(),
}));
const runStatusSchema = lazySchema(() => z.object({
  state: z.string().optional(),
  termination_details: z.object({ code: z.string().optional(), type: z.string().optional(), message: z.string().optional() }).optional(),
  queue_details: z.object({ code: z.string().optional(), message: z.string().optional() }).optional(),
}));
/**
 * Only `task_key` is required (the SDK's RunTask); a task that never started may come without a
 * `run_id`, and `attempt_number` is absent on the first attempt of some answers (read as 0).
 */
const runTaskSchema = lazySchema(() => z.object({
  task_key: z.string(),
  run_id: z.number().int().optional(),
  /** 0 for the first attempt; a retry is a further entry with the same task_key and a higher number. */
  attempt_number: z.number().int().nonnegative().optional(),
  run_page_url: z.string().optional(),
  state: runStateSchema.optional(),
  status: runStatusSchema.optional(),
}));
export const runSchema = lazySchema(() => z.object({
  /** Optional in the SDK; getRun fills in the id it asked for. */
  run_id: z.number().int().optional(),
  job_id: z.number().int().optional(),
  run_page_url: z.string().optional(),
  state: runStateSchema.optional(),
  status: runStatusSchema.optional(),
  tasks: z.array(runTaskSchema).optional(),
  next_page_token: z.string().optional(),
}));
export type JobRun = z.infer<typeof runSchema> & { run_id: number };
export type JobRunTask = z.infer<typeof runTaskSchema>;

export const runOutputSchema = lazySchema(() => z.object({
  /** Present for notebook tasks; `result` is absent when the notebook never called dbutils.notebook.exit. */
  notebook_output: z.object({ result: z.string().optional(), truncated: z.boolean().optional() }).optional(),
  /** Why the task failed or why output is not available; unstructured. */
  error: z.string().optional(),
  error_trace: z.string().optional(),
  metadata: runSchema.optional(),
}));
export type JobRunOutput = z.infer<typeof runOutputSchema>;

// Required here although optional in the SDK: without it the run that started cannot be followed.
const runNowSchema = lazySchema(() => z.object({ run_id: z.number({ error: 'run-now answered without the run_id of the run it started, so the run cannot be followed; find it in the job run list' }).int() }));

/** Longest idempotency_token run-now accepts. */
export const maxIdempotencyTokenLength = 64;

/**
 * A token that is the same for every retry of one workflow attempt and different for a re-run,
 * so a lost run-now answer never starts a second job run, while "re-run failed jobs" starts a
 * fresh one instead of re-reading the failed run.
 */
export function evaluationIdempotencyToken(parts: { jobId: number; model: string; version: string; workflowRunId: string; workflowRunAttempt: string }): string {
  const text = ['agent-release', parts.jobId, parts.model, parts.version, parts.workflowRunId, parts.workflowRunAttempt].join('\n');
  return `agent-release-${sha256Hex(text).slice(0, 48)}`;
}

export class DatabricksJobsClient {
  readonly host: string;
  private readonly api: DatabricksApi;

  constructor(private readonly options: DatabricksJobsOptions) {
    this.api = new DatabricksApi(options, 'databricks.jobs');
    this.host = this.api.host;
  }

  /** Starts a run of the job; `subject` names what it is for in messages ("main.agents.support v7"). */
  async runNow(jobId: number, jobParameters: Record<string, string>, idempotencyToken: string, subject?: string): Promise<number> {
    if (idempotencyToken.length === 0 || idempotencyToken.length > maxIdempotencyTokenLength) {
      throw new ConfigError(`idempotency token for job ${jobId} must be 1-${maxIdempotencyTokenLength} characters (got ${idempotencyToken.length})`);
    }
    const what = `run job ${jobId}${subject ? ` for ${subject}` : ''}`;
    const res = await this.api.call({
      what,
      method: 'POST',
      path: '/api/2.2/jobs/run-now',
      json: { job_id: jobId, job_parameters: jobParameters, idempotency_token: idempotencyToken },
      // The idempotency token makes a repeat return the same run.
      idempotent: true,
      hints: {
        403: `the credentials (${this.options.credentials.description}) need CAN MANAGE RUN on job ${jobId}`,
        400: `check that job ${jobId} exists and defines the job parameters ${Object.keys(jobParameters).join(', ')}`,
      },
    });
    return this.api.parse(what, res, runNowSchema).run_id;
  }

  /** The run with every page of its tasks. */
  async getRun(runId: number): Promise<JobRun> {
    const what = `read job run ${runId}`;
    let run: z.infer<typeof runSchema> | undefined;
    let pageToken: string | undefined;
    const seen = new Set<string>();
    do {
      const query: Record<string, string> = { run_id: String(runId), ...(pageToken ? { page_token: pageToken } : {}) };
      const page = this.api.parse(what, await this.api.call({ what, method: 'GET', path: '/api/2.2/jobs/runs/get', query, idempotent: true }), runSchema);
      run = run ? { ...run, tasks: [...(run.tasks ?? []), ...(page.tasks ?? [])] } : page;
      pageToken = page.next_page_token || undefined;
      if (pageToken && seen.has(pageToken)) throw invalidResponse(what, `the server returned page token ${pageToken} twice`);
      if (pageToken) seen.add(pageToken);
    } while (pageToken);
    const { next_page_token: _done, ...merged } = run;
    return { ...merged, run_id: merged.run_id ?? runId };
  }

  /** The output of one task run (for a multi-task run, a `tasks[].run_id`, not the parent's id). */
  async getRunOutput(taskRunId: number): Promise<JobRunOutput> {
    const what = `read the output of task run ${taskRunId}`;
    const res = await this.api.call({ what, method: 'GET', path: '/api/2.2/jobs/runs/get-output', query: { run_id: String(taskRunId) }, idempotent: true });
    return this.api.parse(what, res, runOutputSchema);
  }

  async cancelRun(runId: number): Promise<void> {
    await this.api.call({ what: `cancel job run ${runId}`, method: 'POST', path: '/api/2.2/jobs/runs/cancel', json: { run_id: runId }, idempotent: true });
  }
}
