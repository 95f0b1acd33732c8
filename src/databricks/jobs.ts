import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../clock';
import { ConfigError } from '../errors';
import { HttpStatusError, HttpTransportError, redactUrl, send, serverErrorStatuses, type HttpResponse } from '../http/client';
import type { Credentials } from '../http/credentials';
import { defaultRetryPolicy, RetriesExhaustedError, type RetryPolicy } from '../http/retry';
import type { Logger } from '../logger';
import { parseMlflowErrorBody } from '../mlflow/errors';
import { DatabricksApiError } from './files';

/**
 * The Databricks Jobs API 2.2 calls an evaluation needs, checked against the Databricks SDK's
 * `jobs` service (databricks-sdk-py `databricks/sdk/service/jobs.py`):
 *
 * - `POST /api/2.2/jobs/run-now {job_id, job_parameters, idempotency_token}` -> `{run_id}`. With a
 *   token, "Databricks guarantees that exactly one run is launched with that idempotency token"
 *   and a retry returns the existing run, so run-now is retried like a read. Tokens are at most 64
 *   characters.
 * - `GET /api/2.2/jobs/runs/get?run_id=&page_token=`: arrays (`tasks`) beyond 100 elements come on
 *   further pages (`next_page_token`); the pages are merged here.
 * - `GET /api/2.2/jobs/runs/get-output?run_id=` takes a *task* run id (the SDK: "the output and
 *   metadata of a single task run"); the parent of a multi-task run is a 400.
 * - `POST /api/2.2/jobs/runs/cancel {run_id}` cancels asynchronously.
 *
 * Run ids are int64 on the wire; real ones (~1e15) are below 2^53, so JSON numbers hold them.
 */
export interface DatabricksJobsOptions {
  /** Workspace URL, e.g. https://adb-123.4.azuredatabricks.net */
  host: string;
  credentials: Credentials;
  clock: Clock;
  logger?: Logger;
  retryPolicy?: RetryPolicy;
  /** Per request. */
  timeoutMs?: number;
  random?: () => number;
}

const runStateSchema = z.object({
  life_cycle_state: z.string().optional(),
  result_state: z.string().optional(),
  state_message: z.string().optional(),
  queue_reason: z.string().optional(),
  user_cancelled_or_timedout: z.boolean().optional(),
});
const runStatusSchema = z.object({
  state: z.string().optional(),
  termination_details: z.object({ code: z.string().optional(), type: z.string().optional(), message: z.string().optional() }).optional(),
  queue_details: z.object({ code: z.string().optional(), message: z.string().optional() }).optional(),
});
const runTaskSchema = z.object({
  task_key: z.string(),
  run_id: z.number().int(),
  run_page_url: z.string().optional(),
  state: runStateSchema.optional(),
  status: runStatusSchema.optional(),
});
export const runSchema = z.object({
  run_id: z.number().int(),
  job_id: z.number().int().optional(),
  run_page_url: z.string().optional(),
  state: runStateSchema.optional(),
  status: runStatusSchema.optional(),
  tasks: z.array(runTaskSchema).optional(),
  next_page_token: z.string().optional(),
});
export type JobRun = z.infer<typeof runSchema>;
export type JobRunTask = z.infer<typeof runTaskSchema>;

export const runOutputSchema = z.object({
  /** Present for notebook tasks; `result` is absent when the notebook never called dbutils.notebook.exit. */
  notebook_output: z.object({ result: z.string().optional(), truncated: z.boolean().optional() }).optional(),
  /** Why the task failed or why output is not available; unstructured. */
  error: z.string().optional(),
  error_trace: z.string().optional(),
  metadata: runSchema.optional(),
});
export type JobRunOutput = z.infer<typeof runOutputSchema>;

const runNowSchema = z.object({ run_id: z.number().int() });

/** Longest idempotency_token run-now accepts. */
export const maxIdempotencyTokenLength = 64;

/**
 * A token that is the same for every retry of one workflow attempt and different for a re-run,
 * so a lost run-now answer never starts a second job run, while "re-run failed jobs" starts a
 * fresh one instead of re-reading the failed run.
 */
export function evaluationIdempotencyToken(parts: { jobId: number; model: string; version: string; workflowRunId: string; workflowRunAttempt: string }): string {
  const text = ['agent-release', parts.jobId, parts.model, parts.version, parts.workflowRunId, parts.workflowRunAttempt].join('\n');
  return `agent-release-${createHash('sha256').update(text).digest('hex').slice(0, 48)}`;
}

export class DatabricksJobsClient {
  readonly host: string;
  private readonly policy: RetryPolicy;
  private readonly timeoutMs: number;

  constructor(private readonly options: DatabricksJobsOptions) {
    this.host = workspaceOrigin(options.host);
    this.policy = options.retryPolicy ?? defaultRetryPolicy;
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  /** Starts a run of the job; `subject` names what it is for in messages ("main.agents.support v7"). */
  async runNow(jobId: number, jobParameters: Record<string, string>, idempotencyToken: string, subject?: string): Promise<number> {
    if (idempotencyToken.length === 0 || idempotencyToken.length > maxIdempotencyTokenLength) {
      throw new ConfigError(`idempotency token for job ${jobId} must be 1-${maxIdempotencyTokenLength} characters (got ${idempotencyToken.length})`);
    }
    const what = `run job ${jobId}${subject ? ` for ${subject}` : ''}`;
    const body = JSON.stringify({ job_id: jobId, job_parameters: jobParameters, idempotency_token: idempotencyToken });
    const res = await this.call(what, 'POST', '/api/2.2/jobs/run-now', { body }, {
      403: `the credentials (${this.options.credentials.description}) need CAN MANAGE RUN on job ${jobId}`,
      400: `check that job ${jobId} exists and defines the job parameters ${Object.keys(jobParameters).join(', ')}`,
    });
    return this.parse(what, res, runNowSchema).run_id;
  }

  /** The run with every page of its tasks. */
  async getRun(runId: number): Promise<JobRun> {
    const what = `read job run ${runId}`;
    let run: JobRun | undefined;
    let pageToken: string | undefined;
    const seen = new Set<string>();
    do {
      const query: Record<string, string> = { run_id: String(runId), ...(pageToken ? { page_token: pageToken } : {}) };
      const page = this.parse(what, await this.call(what, 'GET', '/api/2.2/jobs/runs/get', { query }), runSchema);
      run = run ? { ...run, tasks: [...(run.tasks ?? []), ...(page.tasks ?? [])] } : page;
      pageToken = page.next_page_token || undefined;
      if (pageToken && seen.has(pageToken)) throw this.invalid(what, `the server returned page token ${pageToken} twice`);
      if (pageToken) seen.add(pageToken);
    } while (pageToken);
    const { next_page_token: _done, ...merged } = run;
    return merged;
  }

  /** The output of one task run (for a multi-task run, a `tasks[].run_id`, not the parent's id). */
  async getRunOutput(taskRunId: number): Promise<JobRunOutput> {
    const what = `read the output of task run ${taskRunId}`;
    return this.parse(what, await this.call(what, 'GET', '/api/2.2/jobs/runs/get-output', { query: { run_id: String(taskRunId) } }), runOutputSchema);
  }

  async cancelRun(runId: number): Promise<void> {
    await this.call(`cancel job run ${runId}`, 'POST', '/api/2.2/jobs/runs/cancel', { body: JSON.stringify({ run_id: runId }) });
  }

  /** One call through the retrying client; on 401 the credentials are invalidated and the call tried once more. */
  private async call(
    what: string,
    method: 'GET' | 'POST',
    path: string,
    request: { query?: Record<string, string>; body?: string },
    hints: Partial<Record<number, string>> = {},
  ): Promise<HttpResponse> {
    const url = new URL(`${this.host}${path}`);
    for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
    const label = `databricks.jobs ${method} ${path}`;
    const attempt = async (): Promise<HttpResponse> => {
      const headers: Record<string, string> = { authorization: await this.options.credentials.authorization(), accept: 'application/json', 'user-agent': 'agent-release' };
      if (request.body !== undefined) headers['content-type'] = 'application/json';
      return send({ method, url: url.toString(), headers, body: request.body, timeoutMs: this.timeoutMs }, label, {
        clock: this.options.clock,
        logger: this.options.logger,
        policy: this.policy,
        retryOn: serverErrorStatuses,
        // Reads and cancel are idempotent; run-now is made so by its idempotency token.
        idempotent: true,
        random: this.options.random,
      });
    };
    try {
      try {
        return await attempt();
      } catch (error) {
        if (!(rootCause(error) instanceof HttpStatusError && (rootCause(error) as HttpStatusError).status === 401)) throw error;
        this.options.credentials.invalidate();
        return await attempt();
      }
    } catch (error) {
      throw this.apiError(what, error, hints);
    }
  }

  private parse<T>(what: string, res: HttpResponse, schema: z.ZodType<T>): T {
    let json: unknown;
    try {
      json = JSON.parse(res.body);
    } catch {
      throw this.invalid(what, `expected JSON, got ${/^\s*</.test(res.body) ? 'an HTML page (a login page or proxy?)' : JSON.stringify(res.body.slice(0, 80))}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw this.invalid(what, `unexpected response shape at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
    }
    return parsed.data;
  }

  private invalid(what: string, message: string): DatabricksApiError {
    return new DatabricksApiError(what, 200, 'INVALID_RESPONSE', message, false, undefined);
  }

  private apiError(what: string, error: unknown, hints: Partial<Record<number, string>>): DatabricksApiError {
    const attempts = error instanceof RetriesExhaustedError ? error.attempts : 1;
    const root = rootCause(error);
    const retried = attempts > 1 ? `gave up after ${attempts} attempts` : undefined;
    if (root instanceof HttpStatusError) {
      const body = parseMlflowErrorBody(root.bodyExcerpt);
      const code = body?.errorCode ?? `HTTP_${root.status}`;
      const message = body?.message || `HTTP ${root.status}${root.bodyExcerpt ? ` ${root.bodyExcerpt}` : ''}`;
      const hint =
        root.status === 401
          ? `the workspace ${redactUrl(this.host)} rejected ${this.options.credentials.description} (also after fetching a fresh token); check DATABRICKS_TOKEN or the OAuth / OIDC settings`
          : hints[root.status];
      const unknown = root.status >= 500 && root.status !== 501 && root.status !== 503;
      return new DatabricksApiError(what, root.status, code, message, unknown, [hint, retried].filter(Boolean).join('; ') || undefined, { cause: error });
    }
    if (root instanceof HttpTransportError) {
      const message = root.code === 'TIMEOUT' ? 'no answer before the request timed out' : `the workspace at ${redactUrl(this.host)} could not be reached`;
      return new DatabricksApiError(what, undefined, root.code, message, root.maybeDelivered, retried, { cause: error });
    }
    return new DatabricksApiError(what, undefined, 'CLIENT_ERROR', root instanceof Error ? root.message : String(root), false, undefined, { cause: error });
  }
}

function rootCause(error: unknown): unknown {
  return error instanceof RetriesExhaustedError ? error.lastError : error;
}

function workspaceOrigin(host: string): string {
  let url: URL;
  try {
    url = new URL(host);
  } catch {
    throw new ConfigError(`Databricks host ${JSON.stringify(host)} is not a URL; write it like https://adb-1234567890123456.7.azuredatabricks.net`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError(`Databricks host ${redactUrl(host)} must be an http(s) URL`);
  if (url.username || url.password) throw new ConfigError('Databricks host must not carry credentials; pass the token separately (DATABRICKS_TOKEN)');
  if (url.pathname.replace(/\/+$/, '') !== '' || url.search) throw new ConfigError(`Databricks host ${redactUrl(host)} must be the workspace URL alone, without a path or query`);
  return url.origin;
}
