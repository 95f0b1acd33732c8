import { databricksError, type FakeReply, type FakeRequest, type FakeRoute, type FakeService } from './databricks-fake';

/**
 * A FAKE of the Databricks Jobs API 2.2 (2.1 paths too), added to the fake workspace through
 * `startDatabricksFake({ services: [jobs] })`. Contract from the Databricks SDK's `jobs` service
 * (databricks-sdk-py `service/jobs.py`) and the REST reference; what those leave open is marked
 * "assumed".
 *
 * - POST run-now `{job_id, job_parameters, idempotency_token}` -> `{run_id, number_in_job}`.
 *   Unknown job -> 400 INVALID_PARAMETER_VALUE "Job <id> does not exist." (message assumed);
 *   a job parameter the job does not define -> 400 INVALID_PARAMETER_VALUE (message assumed);
 *   a token over 64 characters -> 400. The same token returns the run it started (no new run).
 * - GET runs/get `?run_id=&page_token=` -> the run: `run_page_url`, `job_parameters
 *   [{name, default, value}]`, legacy `state {life_cycle_state, result_state, state_message,
 *   queue_reason}`, `status {state, queue_details, termination_details {code, type, message}}`
 *   and `tasks [{task_key, run_id, state, status}]`, at most `tasksPerPage` tasks a page with
 *   `next_page_token`. Unknown run -> 400 INVALID_PARAMETER_VALUE (assumed).
 * - Each run follows its script: QUEUED -> PENDING -> RUNNING -> TERMINATING -> TERMINATED, each
 *   phase lasting the given number of runs/get polls of that run, or milliseconds of `now()` when
 *   the service was given a clock. Outcomes: SUCCESS (code SUCCESS), FAILED (RUN_EXECUTION_ERROR,
 *   CLIENT_ERROR, with the state message), TIMEDOUT (code CANCELED, assumed), INTERNAL_ERROR
 *   (life_cycle_state INTERNAL_ERROR, no result_state), CANCELED (after runs/cancel: USER_CANCELED).
 *   On failure, the script's `failedTask` (default: the last task) fails; the others succeed.
 * - Retries (the SDK's RunTask.attempt_number): a task the script retries (`retries`) is listed
 *   once per attempt, each with its own `run_id` and `attempt_number` 0, 1, …; every attempt but
 *   the last ended FAILED, the last follows the script. `attemptOrder` lists them oldest first
 *   (default), newest first, or interleaved across tasks, since no order is promised.
 * - Optional fields (everything but `task_key` in the SDK) are sometimes absent: `sparse` drops
 *   `attempt_number` 0, the task `run_page_url` and the deprecated `state`; `unstarted` tasks come
 *   without a `run_id` (a task that never ran).
 * - GET runs/get-output `?run_id=` of a task run -> `{notebook_output: {result?, truncated}, error?,
 *   metadata}`; `result` is the task's exit value (absent if it has none or has not ended), cut
 *   at `maxResultBytes` with `truncated: true`; `error` is set for the failed task. The parent of a
 *   multi-task run -> 400 INVALID_PARAMETER_VALUE "Retrieving the output of runs with multiple
 *   tasks is not supported. …" (text as seen in public client code); the parent of a one-task run
 *   answers with that task's output (assumed).
 * - POST runs/cancel `{run_id}` -> `{}`; the run ends CANCELED at its next poll.
 * 429 bursts and lost answers come from the workspace fake's `failNext`.
 */
export type Phase = 'QUEUED' | 'PENDING' | 'RUNNING' | 'TERMINATING';
export type Outcome = 'SUCCESS' | 'FAILED' | 'TIMEDOUT' | 'INTERNAL_ERROR';

export interface RunScript {
  /** Polls (or ms with a clock) spent in each phase; missing phases are skipped. Default: RUNNING 1. */
  phases?: Partial<Record<Phase, number>>;
  outcome?: Outcome;
  stateMessage?: string;
  queueReason?: string;
  failedTask?: string;
  /** get-output `error` for the failed task. */
  taskError?: string;
  /** Exit values by task key, overriding the job's. */
  exits?: Record<string, string>;
  /** Failed attempts before each named task's last attempt. */
  retries?: Record<string, number>;
  /** get-output `error` of a failed earlier attempt. */
  retriedError?: string;
  attemptOrder?: 'oldest-first' | 'newest-first' | 'interleaved';
  /** Leave optional fields out (see the header). */
  sparse?: boolean;
  /** Task keys listed without a run_id. */
  unstarted?: string[];
}

interface FakeTaskRun {
  task_key: string;
  run_id: number;
  attempt: number;
  /** The task's last attempt: the one the script's outcome applies to. */
  last: boolean;
}

export interface FakeJob {
  job_id: number;
  /** Task keys with their notebook exit value (undefined: the task never calls exit). */
  tasks: { task_key: string; exit?: string }[];
  /** Job-level parameters and their defaults. */
  parameters: Record<string, string>;
}

export interface FakeRun {
  runId: number;
  jobId: number;
  token?: string;
  parameters: Record<string, string>;
  script: RunScript;
  tasks: FakeTaskRun[];
  polls: number;
  startedAt: number;
  cancelled: boolean;
}

const phaseOrder: Phase[] = ['QUEUED', 'PENDING', 'RUNNING', 'TERMINATING'];

export class FakeJobsApi implements FakeService {
  readonly name = 'jobs';
  readonly routes: FakeRoute[];
  readonly runs: FakeRun[] = [];
  private readonly jobs = new Map<number, FakeJob>();
  private readonly scripts = new Map<number, RunScript[]>();
  private nextId = 880_000_000_000_001;

  constructor(
    jobs: FakeJob[],
    private readonly options: { host?: string; now?: () => number; maxResultBytes?: number; tasksPerPage?: number } = {},
  ) {
    for (const job of jobs) this.jobs.set(job.job_id, job);
    const path = (p: string): RegExp => new RegExp(`^/api/2\\.[12]/jobs/${p}$`);
    this.routes = [
      { method: 'POST', pattern: path('run-now'), writes: true, handle: (r) => this.runNow(r) },
      { method: 'GET', pattern: path('runs/get'), writes: false, handle: (r) => this.getRun(r) },
      { method: 'GET', pattern: path('runs/get-output'), writes: false, handle: (r) => this.getOutput(r) },
      { method: 'POST', pattern: path('runs/cancel'), writes: true, handle: (r) => this.cancel(r) },
    ];
  }

  /** The next run of `jobId` follows this script (queued in order); later runs use the default. */
  scriptNextRun(jobId: number, script: RunScript): void {
    this.scripts.set(jobId, [...(this.scripts.get(jobId) ?? []), script]);
  }

  private runNow(req: FakeRequest): FakeReply {
    const body = parseBody(req);
    const job = this.jobs.get(Number(body.job_id));
    if (!job) return databricksError(400, 'INVALID_PARAMETER_VALUE', `Job ${String(body.job_id)} does not exist.`);
    const token = typeof body.idempotency_token === 'string' ? body.idempotency_token : undefined;
    if (token !== undefined && token.length > 64) return databricksError(400, 'INVALID_PARAMETER_VALUE', 'idempotency_token must be at most 64 characters.');
    const given = (body.job_parameters ?? {}) as Record<string, unknown>;
    const unknown = Object.keys(given).filter((k) => !(k in job.parameters));
    if (unknown.length > 0) {
      return databricksError(400, 'INVALID_PARAMETER_VALUE', `Job ${job.job_id} does not define the job parameters ${unknown.join(', ')}; defined: ${Object.keys(job.parameters).join(', ')}.`);
    }
    const existing = token === undefined ? undefined : this.runs.find((r) => r.token === token);
    if (existing) return { status: 200, json: { run_id: existing.runId, number_in_job: existing.runId } };
    const runId = this.nextId++;
    const script = this.scripts.get(job.job_id)?.shift() ?? {};
    const tasks = job.tasks.flatMap((t) => {
      const retries = script.retries?.[t.task_key] ?? 0;
      return Array.from({ length: retries + 1 }, (_, attempt) => ({ task_key: t.task_key, run_id: this.nextId++, attempt, last: attempt === retries }));
    });
    const parameters = { ...job.parameters, ...Object.fromEntries(Object.entries(given).map(([k, v]) => [k, String(v)])) };
    this.runs.push({ runId, jobId: job.job_id, token, parameters, script, tasks, polls: 0, startedAt: this.now(), cancelled: false });
    return { status: 200, json: { run_id: runId, number_in_job: runId } };
  }

  private getRun(req: FakeRequest): FakeReply {
    const run = this.findRun(Number(req.query.get('run_id')));
    if (!run) return databricksError(400, 'INVALID_PARAMETER_VALUE', `Run ${req.query.get('run_id')} does not exist.`);
    if (!req.query.has('page_token')) run.polls++;
    const json = this.describe(run);
    const perPage = this.options.tasksPerPage ?? 100;
    const start = Number(req.query.get('page_token') ?? 0);
    const all = json.tasks as unknown[];
    json.tasks = all.slice(start, start + perPage);
    if (start + perPage < all.length) json.next_page_token = String(start + perPage);
    return { status: 200, json };
  }

  private getOutput(req: FakeRequest): FakeReply {
    const id = Number(req.query.get('run_id'));
    const run = this.findRun(id);
    let task = run?.tasks.find((t) => t.run_id === id);
    if (run && !task) {
      if (new Set(run.tasks.map((t) => t.task_key)).size > 1) {
        return databricksError(400, 'INVALID_PARAMETER_VALUE', 'Retrieving the output of runs with multiple tasks is not supported. Please retrieve the output of each individual task run instead.');
      }
      task = run.tasks.find((t) => t.last);
    }
    if (!run || !task) return databricksError(400, 'INVALID_PARAMETER_VALUE', `Run ${id} does not exist.`);
    const ended = this.phase(run) === 'TERMINATED';
    const failed = ended && this.taskFailed(run, task);
    const exit = run.script.exits?.[task.task_key] ?? this.jobs.get(run.jobId)?.tasks.find((t) => t.task_key === task.task_key)?.exit;
    const max = this.options.maxResultBytes ?? 5 * 1024 * 1024;
    const notebook: Record<string, unknown> = {};
    if (ended && !failed && exit !== undefined) {
      const bytes = Buffer.from(exit);
      notebook.result = bytes.length > max ? bytes.subarray(0, max).toString('utf8') : exit;
      notebook.truncated = bytes.length > max;
    }
    const json: Record<string, unknown> = { notebook_output: notebook, metadata: this.describe(run) };
    if (failed) json.error = task.last ? (run.script.taskError ?? run.script.stateMessage ?? 'Task failed.') : (run.script.retriedError ?? `Attempt ${task.attempt} failed.`);
    return { status: 200, json };
  }

  private cancel(req: FakeRequest): FakeReply {
    const run = this.findRun(Number(parseBody(req).run_id));
    if (!run) return databricksError(400, 'INVALID_PARAMETER_VALUE', 'Run does not exist.');
    run.cancelled = true;
    return { status: 200, json: {} };
  }

  private findRun(id: number): FakeRun | undefined {
    return this.runs.find((r) => r.runId === id || r.tasks.some((t) => t.run_id === id));
  }

  private now(): number {
    return this.options.now?.() ?? 0;
  }

  /** Where the run is: by polls, or by elapsed time when the service has a clock. */
  private phase(run: FakeRun): Phase | 'TERMINATED' {
    if (run.cancelled) return 'TERMINATED';
    const phases = run.script.phases ?? { RUNNING: 1 };
    let elapsed = this.options.now ? this.now() - run.startedAt : Math.max(0, run.polls - 1);
    for (const phase of phaseOrder) {
      const length = phases[phase] ?? 0;
      if (elapsed < length) return phase;
      elapsed -= length;
    }
    return 'TERMINATED';
  }

  private outcome(run: FakeRun): Outcome | 'CANCELED' {
    return run.cancelled ? 'CANCELED' : (run.script.outcome ?? 'SUCCESS');
  }

  private taskFailed(run: FakeRun, task: FakeTaskRun): boolean {
    if (!task.last) return true;
    return this.outcome(run) !== 'SUCCESS' && task.task_key === (run.script.failedTask ?? run.tasks.at(-1)?.task_key);
  }

  /** The attempts in the order the script asks for. */
  private ordered(run: FakeRun): FakeTaskRun[] {
    const order = run.script.attemptOrder ?? 'oldest-first';
    if (order === 'oldest-first') return run.tasks;
    if (order === 'newest-first') return [...run.tasks].sort((a, b) => (a.task_key === b.task_key ? b.attempt - a.attempt : 0));
    return [...run.tasks].sort((a, b) => a.attempt - b.attempt);
  }

  private describe(run: FakeRun): Record<string, unknown> {
    const phase = this.phase(run);
    const url = `${this.options.host ?? 'https://fake.cloud.databricks.com'}/?o=1234567890#job/${run.jobId}/run/${run.runId}`;
    const state = (failed: boolean): Record<string, unknown> => {
      if (phase !== 'TERMINATED') {
        const queued = phase === 'QUEUED' && run.script.queueReason;
        return {
          state: { life_cycle_state: phase, state_message: '', ...(queued ? { queue_reason: run.script.queueReason } : {}) },
          status: { state: phase, ...(queued ? { queue_details: { code: 'ACTIVE_RUNS_LIMIT_REACHED', message: run.script.queueReason } } : {}) },
        };
      }
      const outcome = failed ? this.outcome(run) : 'SUCCESS';
      const message = failed ? (run.script.stateMessage ?? '') : '';
      const [code, type] = terminations[outcome];
      const lifeCycle = outcome === 'INTERNAL_ERROR' ? 'INTERNAL_ERROR' : 'TERMINATED';
      return {
        state: { life_cycle_state: lifeCycle, ...(outcome === 'INTERNAL_ERROR' ? {} : { result_state: outcome }), state_message: message },
        status: { state: 'TERMINATED', termination_details: { code, type, message } },
      };
    };
    const sparse = run.script.sparse === true;
    const task = (t: FakeTaskRun): Record<string, unknown> => {
      const { state: legacy, ...status } = state(this.taskFailed(run, t));
      return {
        task_key: t.task_key,
        ...(run.script.unstarted?.includes(t.task_key) ? {} : { run_id: t.run_id }),
        ...(sparse && t.attempt === 0 ? {} : { attempt_number: t.attempt }),
        ...(sparse ? {} : { run_page_url: `${url}/task/${t.run_id}`, state: legacy }),
        ...status,
      };
    };
    return {
      job_id: run.jobId,
      run_id: run.runId,
      run_page_url: url,
      start_time: run.startedAt,
      end_time: 0,
      job_parameters: Object.entries(this.jobs.get(run.jobId)?.parameters ?? {}).map(([name, def]) => ({ name, default: def, value: run.parameters[name] })),
      ...state(this.outcome(run) !== 'SUCCESS'),
      tasks: this.ordered(run).map(task),
    };
  }
}

const terminations: Record<Outcome | 'CANCELED', [string, string]> = {
  SUCCESS: ['SUCCESS', 'SUCCESS'],
  FAILED: ['RUN_EXECUTION_ERROR', 'CLIENT_ERROR'],
  TIMEDOUT: ['CANCELED', 'CLIENT_ERROR'],
  INTERNAL_ERROR: ['INTERNAL_ERROR', 'INTERNAL_ERROR'],
  CANCELED: ['USER_CANCELED', 'SUCCESS'],
};

function parseBody(req: FakeRequest): Record<string, unknown> {
  try {
    return JSON.parse(req.body.toString('utf8') || '{}') as Record<string, unknown>;
  } catch {
    return {};
  }
}
