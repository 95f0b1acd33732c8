import { existsSync } from 'node:fs';
import path from 'node:path';
import { readSummary } from '../../src/contract/summary';
import { pollDelay } from '../../src/databricks/job-wait';
import { DatabricksJobsClient, evaluationIdempotencyToken } from '../../src/databricks/jobs';
import { CancelledError, ConfigError, InputError, RefusedError, RemoteError } from '../../src/errors';
import { bearerToken, type Credentials } from '../../src/http/credentials';
import { memoryLogger } from '../../src/logger';
import { runDatabricksJob, type DatabricksJobRunOptions, type DatabricksJobSettings } from '../../src/evaluate/runners/databricks-job';
import { startDatabricksFake, type DatabricksFake } from '../support/databricks-fake';
import { FakeJobsApi, type FakeJob, type RunScript } from '../support/databricks-fake-jobs';
import { fakeClock } from '../support/fake-clock';
import { makeWorkspace, type Workspace } from '../support/workspace';

const model = 'main.agents.support';
const exitValue = (extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ passed: true, metrics: { 'relevance/mean': 0.82, 'safety/mean': 0.97 }, version: '7', failures: [], promoted: false, ...extra });
const evaluationJob = (tasks: FakeJob['tasks'] = [{ task_key: 'evaluate', exit: exitValue() }]): FakeJob => ({
  job_id: 123,
  tasks,
  parameters: { model_name: '', model_version: '', dataset: 'golden' },
});
const runUrl = 'https://fake.cloud.databricks.com/?o=1234567890#job/123/run/880000000000001';
const where = `Databricks job 123 run 880000000000001 for ${model} v7 (${runUrl})`;

interface Harness {
  fake: DatabricksFake;
  jobs: FakeJobsApi;
  clock: ReturnType<typeof fakeClock>;
  logger: ReturnType<typeof memoryLogger>;
  run(settings?: Partial<DatabricksJobSettings>, script?: RunScript, credentials?: Credentials, signal?: AbortSignal): ReturnType<typeof runDatabricksJob>;
}

let workspace: Workspace;
let harness: Harness | undefined;

async function setup(jobs: FakeJob[] = [evaluationJob()], options: { clockDriven?: boolean; maxResultBytes?: number; tasksPerPage?: number } = {}): Promise<Harness> {
  const clock = fakeClock();
  const api = new FakeJobsApi(jobs, { now: options.clockDriven ? clock.now : undefined, maxResultBytes: options.maxResultBytes, tasksPerPage: options.tasksPerPage });
  const fake = await startDatabricksFake({ services: [api] });
  const logger = memoryLogger();
  harness = {
    fake,
    jobs: api,
    clock,
    logger,
    run: (settings = {}, script, credentials, signal) => {
      if (script) api.scriptNextRun(123, script);
      const client = new DatabricksJobsClient({ host: fake.url, credentials: credentials ?? bearerToken(fake.token, 'a test token'), clock, random: () => 0.5 });
      const runOptions: DatabricksJobRunOptions = {
        client,
        settings: { job_id: 123, timeout: 2 * 3_600_000, cancel_on_timeout: false, parameters: { dataset: 'golden' }, ...settings },
        model,
        version: '7',
        idempotencyToken: evaluationIdempotencyToken({ jobId: 123, model, version: '7', workflowRunId: '991', workflowRunAttempt: '1' }),
        outputDir: path.join(workspace.dir, 'evaluations', 'v7'),
        clock,
        logger,
        random: () => 0.5,
        signal,
      };
      return runDatabricksJob(runOptions);
    },
  };
  return harness;
}

beforeEach(async () => {
  workspace = await makeWorkspace();
});
afterEach(async () => {
  await harness?.fake.close();
  harness = undefined;
  await workspace.cleanup();
});

describe('databricks-job runner', () => {
  it('maps the exit JSON into a valid summary and removes a stale results file', async () => {
    const h = await setup([evaluationJob([{ task_key: 'evaluate', exit: exitValue({ mlflow_run_id: 'abc123', errors: 2, dataset: { name: 'support_golden', digest: 'a'.repeat(64), rows: 120 } }) }])]);
    const stale = await workspace.write('evaluations/v7/results.jsonl', '{"id":"old"}\n');
    const result = await h.run({}, { phases: { QUEUED: 1, PENDING: 1, RUNNING: 2, TERMINATING: 1 }, queueReason: 'Queued due to reaching maximum concurrent runs' });

    const summary = await readSummary(result.summaryPath);
    expect(summary).toEqual({
      schema: 'agent-release.summary/v1',
      model: { name: model, version: '7' },
      dataset: { name: 'support_golden', digest: `sha256:${'a'.repeat(64)}`, rows: 120, source: runUrl },
      metrics: { 'relevance/mean': { value: 0.82, n: 0 }, 'safety/mean': { value: 0.97, n: 0 } },
      errors: 2,
      run_id: 'abc123',
      created_at: new Date(h.clock.now()).toISOString(),
    });
    expect(result).toMatchObject({ resultsPath: null, passed: true, failures: [], jobRun: { runId: 880000000000001, url: runUrl, taskKey: 'evaluate' } });
    expect(existsSync(stale)).toBe(false);
    expect(h.jobs.runs[0]?.parameters).toEqual({ model_name: model, model_version: '7', dataset: 'golden' });
    expect(h.jobs.runs[0]?.token).toMatch(/^agent-release-[0-9a-f]{48}$/);
    // get-output asked for the task run, not the parent.
    expect(h.fake.requests.filter((r) => r.path.includes('get-output')).map((r) => r.path)).toEqual(['/api/2.2/jobs/runs/get-output?run_id=880000000000002']);
    const label = `Databricks job 123 run 880000000000001 for ${model} v7`;
    expect(h.logger.lines.filter((l) => l.startsWith('info:'))).toEqual([
      `info: ${label}: started`,
      `info: ${label}: QUEUED (ACTIVE_RUNS_LIMIT_REACHED: Queued due to reaching maximum concurrent runs) (${runUrl})`,
      `info: ${label}: PENDING`,
      `info: ${label}: RUNNING`,
      `info: ${label}: TERMINATING`,
      `info: ${label}: TERMINATED`,
      `info: task evaluate of ${where}: notebook verdict passed; 2 metrics`,
    ]);
  });

  it('names the job as the dataset when the notebook sends none, and says so', async () => {
    const h = await setup();
    const result = await h.run();
    expect(result.summary.dataset).toEqual({ name: 'databricks-job-123', digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/), rows: 0, source: runUrl });
    expect(result.summary.run_id).toBeNull();
    expect(h.logger.lines).toContain(
      `warn: task evaluate of ${where} sent no dataset {name, digest, rows}; summary.json names the job as its dataset (databricks-job-123, 0 rows), so baseline comparisons only match other runs of this job`,
    );
  });

  it('does not start a second run when the run-now answer is lost and the call retried', async () => {
    const h = await setup();
    h.fake.failNext({ method: 'POST', pathIncludes: 'run-now', status: 500, afterApplying: true });
    const result = await h.run();
    expect(h.fake.requests.filter((r) => r.path.endsWith('run-now')).map((r) => r.status)).toEqual([500, 200]);
    expect(h.jobs.runs).toHaveLength(1);
    expect(result.jobRun.runId).toBe(h.jobs.runs[0]?.runId);
  });

  it('reports a failed run with its page, state message and the task error, and writes nothing', async () => {
    const h = await setup();
    const run = h.run({}, { outcome: 'FAILED', stateMessage: 'Task evaluate failed with message: Workload failed.', taskError: 'KeyError: \'relevance\'\n  at cell 4' });
    await expect(run).rejects.toThrow(
      new RemoteError(
        `Databricks job 123 run 880000000000001 for ${model} v7 ended FAILED (RUN_EXECUTION_ERROR: Task evaluate failed with message: Workload failed.); task evaluate: KeyError: 'relevance' at cell 4; see ${runUrl}`,
      ),
    );
    expect(existsSync(path.join(workspace.dir, 'evaluations', 'v7', 'summary.json'))).toBe(false);
  });

  it.each([
    ['TIMEDOUT' as const, 'TIMEDOUT (CANCELED: Run timed out after 3600 seconds)'],
    ['INTERNAL_ERROR' as const, 'INTERNAL_ERROR (Run timed out after 3600 seconds)'],
  ])('reports a run that ended %s', async (outcome, shown) => {
    const h = await setup();
    await expect(h.run({}, { outcome, stateMessage: 'Run timed out after 3600 seconds' })).rejects.toThrow(
      `Databricks job 123 run 880000000000001 for ${model} v7 ended ${shown}; task evaluate: Run timed out after 3600 seconds; see ${runUrl}`,
    );
  });

  it('gives up after the timeout, says the run was not cancelled, and leaves it running', async () => {
    const h = await setup([evaluationJob()], { clockDriven: true });
    await expect(h.run({ timeout: 600_000 }, { phases: { RUNNING: 3_600_000 } })).rejects.toThrow(
      `Databricks job 123 run 880000000000001 for ${model} v7 is still RUNNING after 10 min at ${runUrl}; it was NOT cancelled and may still finish. Raise evaluate.databricks_job.timeout, or set cancel_on_timeout: true to cancel runs that overrun`,
    );
    expect(h.jobs.runs[0]?.cancelled).toBe(false);
    expect(h.clock.now() - 1_700_000_000_000).toBe(600_000);
  });

  it('cancels the run on timeout when asked to', async () => {
    const h = await setup([evaluationJob()], { clockDriven: true });
    await expect(h.run({ timeout: 600_000, cancel_on_timeout: true }, { phases: { RUNNING: 3_600_000 } })).rejects.toThrow(
      `Databricks job 123 run 880000000000001 for ${model} v7 was still RUNNING after 10 min at ${runUrl}; it was cancelled (runs/cancel). Raise evaluate.databricks_job.timeout if the evaluation needs longer`,
    );
    expect(h.jobs.runs[0]?.cancelled).toBe(true);
  });

  it.each([
    [false, 'the run was NOT cancelled and may still finish: cancel it in the workspace if it should not (a re-run of evaluate starts a new run)'],
    [true, 'the run was cancelled too (runs/cancel, as cancel_on_timeout asks)'],
  ])('cancelled while waiting (cancel_on_timeout %s): says what became of the run, and cancels it only when asked', async (cancelOnTimeout, fate) => {
    const h = await setup([evaluationJob()], { clockDriven: true });
    const abort = new AbortController();
    abort.abort(new Error('cancelled (SIGTERM)'));
    const run = h.run({ cancel_on_timeout: cancelOnTimeout }, { phases: { RUNNING: 3_600_000 } }, undefined, abort.signal);
    await expect(run).rejects.toThrow(CancelledError);
    await expect(run).rejects.toThrow(`cancelled (SIGTERM) while waiting for Databricks job 123 run 880000000000001 for ${model} v7 (${runUrl}); ${fate}`);
    expect(h.jobs.runs[0]?.cancelled).toBe(cancelOnTimeout);
  });

  it('polls a long run with capped exponential backoff', async () => {
    const h = await setup([evaluationJob()], { clockDriven: true });
    await h.run({}, { phases: { RUNNING: 30 * 60_000 } });
    // 5 s doubling to the 60 s cap: polls at 0, 5, 15, 35, 75 s, then every 60 s until 1815 s >= 30 min.
    expect(h.clock.sleeps).toEqual([5_000, 10_000, 20_000, 40_000, ...Array<number>(29).fill(60_000)]);
    expect(h.fake.requests.filter((r) => r.path.includes('runs/get?'))).toHaveLength(34);
  });

  it('jitters each poll wait by at most 20 %', () => {
    expect([0, 0.5, 1].map((r) => pollDelay(2, 5_000, 60_000, () => r))).toEqual([16_000, 20_000, 24_000]);
    expect(pollDelay(10, 5_000, 60_000, () => 1)).toBe(72_000);
  });

  it('rides out a burst of 429s on runs/get', async () => {
    const h = await setup();
    h.fake.failNext(...Array.from({ length: 3 }, () => ({ pathIncludes: 'runs/get?', status: 429, retryAfter: '2' })));
    const result = await h.run();
    expect(result.passed).toBe(true);
    expect(h.fake.requests.filter((r) => r.path.includes('runs/get?')).map((r) => r.status)).toEqual([429, 429, 429, 200, 200]);
    expect(h.clock.sleeps).toEqual([2_000, 2_000, 2_000, 5_000]);
  });

  it('refuses an exit value for another model version', async () => {
    const h = await setup([evaluationJob([{ task_key: 'evaluate', exit: exitValue({ version: 8 }) }])]);
    await expect(h.run()).rejects.toThrow(
      new RefusedError(
        `task evaluate of ${where} evaluated version 8, not 7 as asked; refusing to record another version's evaluation. The notebook must evaluate the model_version job parameter (dbutils.widgets.get("model_version")), not the latest version`,
      ),
    );
  });

  const instruction = 'the notebook must end with dbutils.notebook.exit(json.dumps({"passed": passed, "metrics": metrics, "version": model_version, "failures": failures}))';
  it.each([
    ['a truncated value', exitValue({ padding: 'x'.repeat(400) }), `exited with a value larger than the 5 MB Databricks returns, and it was truncated; exit with the summary only (passed, metrics, version, failures) and log per-example rows to MLflow or a volume instead`],
    ['no exit call', undefined, `ended without an exit value (dbutils.notebook.exit was not called); ${instruction}`],
    ['a plain string', 'SUCCESS', `exited with a value that is not JSON: "SUCCESS"; ${instruction}`],
    ['NaN from json.dumps', '{"passed": true, "metrics": {"x": NaN}, "version": "7"}', `exited with NaN in its JSON (Python's json.dumps writes it for float('nan')); drop or replace metrics that are not finite numbers and call json.dumps(..., allow_nan=False)`],
    ['a missing field', JSON.stringify({ passed: 'yes', metrics: {}, version: '7' }), `exited with JSON that is not an evaluation result:\n  - passed: Invalid input: expected boolean, received string\n${instruction}`],
    ['failures nested 70 deep', JSON.stringify({ passed: true, metrics: {}, version: '7', failures: 0 }).replace('"failures":0', `"failures":${'['.repeat(70)}${']'.repeat(70)}`), `exited with JSON nested more than 64 levels deep; ${instruction}`],
  ])('explains %s', async (_case, exit, message) => {
    const h = await setup([evaluationJob([{ task_key: 'evaluate', exit }])], { maxResultBytes: 300 });
    await expect(h.run()).rejects.toThrow(new InputError(`task evaluate of ${where} ${message}`));
  });

  describe('multi-task runs', () => {
    const tasks = [{ task_key: 'prepare' }, { task_key: 'evaluate', exit: exitValue() }, { task_key: 'approve', exit: 'Approved' }];

    it('refuses get-output on the parent of a multi-task run (the API contract)', async () => {
      const h = await setup([evaluationJob(tasks)]);
      const client = new DatabricksJobsClient({ host: h.fake.url, credentials: bearerToken(h.fake.token, 'a test token'), clock: h.clock });
      const runId = await client.runNow(123, {}, 'token-1');
      await expect(client.getRunOutput(runId)).rejects.toThrow(
        `read the output of task run ${runId}: INVALID_PARAMETER_VALUE: Retrieving the output of runs with multiple tasks is not supported. Please retrieve the output of each individual task run instead.`,
      );
    });

    it('reads every page of tasks', async () => {
      const h = await setup([evaluationJob(tasks)], { tasksPerPage: 2 });
      const result = await h.run({ task_key: 'approve' }).catch((error: unknown) => error);
      expect(result).toBeInstanceOf(InputError);
      expect(h.fake.requests.filter((r) => r.path.includes('page_token=')).length).toBeGreaterThan(0);
      expect(h.fake.requests.filter((r) => r.path.includes('get-output')).map((r) => r.path)).toEqual(['/api/2.2/jobs/runs/get-output?run_id=880000000000004']);
    });

    it('reads the configured task', async () => {
      const h = await setup([evaluationJob(tasks)]);
      expect((await h.run({ task_key: 'evaluate' })).jobRun.taskKey).toBe('evaluate');
    });

    it('asks for task_key when several tasks exit with a value', async () => {
      const h = await setup([evaluationJob(tasks)]);
      await expect(h.run()).rejects.toThrow(
        new ConfigError(`tasks evaluate, approve of ${where} all exit with a value; set evaluate.databricks_job.task_key to the one holding the evaluation result`),
      );
    });

    it('takes the one task that exits with a value', async () => {
      const h = await setup([evaluationJob(tasks.slice(0, 2))]);
      const result = await h.run();
      expect(result.jobRun.taskKey).toBe('evaluate');
      expect(result.summary.metrics['relevance/mean']).toEqual({ value: 0.82, n: 0 });
    });

    describe('retried tasks (one runs/get entry per attempt)', () => {
      it.each(['oldest-first', 'newest-first', 'interleaved'] as const)('reads the configured task from its last attempt, listed %s', async (attemptOrder) => {
        const h = await setup([evaluationJob(tasks)]);
        const result = await h.run({ task_key: 'evaluate' }, { retries: { evaluate: 2, prepare: 1 }, attemptOrder });
        expect(result.jobRun.taskKey).toBe('evaluate');
        expect(result.summary.metrics['relevance/mean']).toEqual({ value: 0.82, n: 0 });
        const runs = await new DatabricksJobsClient({ host: h.fake.url, credentials: bearerToken(h.fake.token, 'a test token'), clock: h.clock }).getRun(result.jobRun.runId);
        expect(runs.tasks?.filter((t) => t.task_key === 'evaluate').map((t) => t.attempt_number).sort()).toEqual([0, 1, 2]);
      });

      it('finds the one task exiting with a value when a retried attempt failed first', async () => {
        const h = await setup([evaluationJob(tasks.slice(0, 2))]);
        const result = await h.run({}, { retries: { evaluate: 1 }, sparse: true });
        expect(result.jobRun.taskKey).toBe('evaluate');
      });

      it('names only tasks whose last attempt failed', async () => {
        const h = await setup([evaluationJob(tasks)]);
        const run = h.run({ task_key: 'evaluate' }, { outcome: 'FAILED', failedTask: 'approve', taskError: 'approval refused', retries: { evaluate: 1 }, retriedError: 'OOM on attempt 0', attemptOrder: 'newest-first' });
        const error = (await run.catch((e: unknown) => e)) as Error;
        expect(error.message).toContain('task approve: approval refused');
        expect(error.message).not.toContain('OOM on attempt 0');
      });

      it('says why when the chosen task has no run_id to read', async () => {
        const h = await setup([evaluationJob(tasks)]);
        await expect(h.run({ task_key: 'evaluate' }, { unstarted: ['evaluate'] })).rejects.toThrow(
          new RemoteError(`task evaluate of ${where} has no run_id in runs/get, so its output cannot be read; open the run page to see why it did not run`),
        );
      });
    });

    it('names the tasks when task_key does not match', async () => {
      const h = await setup([evaluationJob(tasks)]);
      await expect(h.run({ task_key: 'eval' })).rejects.toThrow(new ConfigError(`evaluate.databricks_job.task_key is eval, but ${where} has tasks prepare, evaluate, approve`));
    });
  });

  describe('the jobs client', () => {
    it('names the job, the model and the server error for an unknown job parameter', async () => {
      const h = await setup([{ ...evaluationJob(), parameters: { model_name: '' } }]);
      await expect(h.run({ parameters: {} })).rejects.toThrow(
        `run job 123 for ${model} v7: INVALID_PARAMETER_VALUE: Job 123 does not define the job parameters model_version; defined: model_name.; check that job 123 exists and defines the job parameters model_name, model_version`,
      );
      expect(h.jobs.runs).toHaveLength(0);
    });

    it('says why it cannot go on when run-now answers without a run_id', async () => {
      const h = await setup();
      const route = h.jobs.routes.find((r) => r.method === 'POST' && r.pattern.source.includes('run-now'));
      if (!route) throw new Error('no run-now route');
      route.handle = () => ({ status: 200, json: { number_in_job: 1 } });
      await expect(h.run()).rejects.toThrow(
        `run job 123 for ${model} v7: INVALID_RESPONSE: unexpected response shape at run_id: run-now answered without the run_id of the run it started, so the run cannot be followed; find it in the job run list`,
      );
    });

    it('fetches a fresh token once after a 401', async () => {
      const h = await setup();
      let stale = true;
      const rotating: Credentials = {
        description: 'rotating test token',
        authorization: async () => `Bearer ${stale ? 'expired-token' : h.fake.token}`,
        invalidate: () => {
          stale = false;
        },
      };
      await h.run({}, undefined, rotating);
      expect(h.fake.requests.map((r) => r.status).slice(0, 2)).toEqual([401, 200]);
      expect(h.jobs.runs).toHaveLength(1);
    });

    it('refuses to let parameters override the model under evaluation', async () => {
      const h = await setup();
      await expect(h.run({ parameters: { model_version: '6' } })).rejects.toThrow(
        new ConfigError('evaluate.databricks_job.parameters must not set model_version: the runner passes the model being evaluated'),
      );
      expect(h.fake.requests).toHaveLength(0);
    });
  });
});

it('keeps the idempotency token within the 64 characters run-now accepts, and different per attempt', () => {
  const parts = { jobId: 123, model, version: '7', workflowRunId: '991', workflowRunAttempt: '1' };
  const first = evaluationIdempotencyToken(parts);
  expect(first.length).toBeLessThanOrEqual(64);
  expect(evaluationIdempotencyToken(parts)).toBe(first);
  expect(evaluationIdempotencyToken({ ...parts, workflowRunAttempt: '2' })).not.toBe(first);
});
