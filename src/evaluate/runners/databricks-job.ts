import { mkdir, rename, rm, writeFile } from '../../fs-async';
import path from 'node:path';
import type { Clock } from '../../clock';
import { summarySchema, summarySchemaId, type Summary } from '../../contract/summary';
import { failedTasks, failureOf, lastAttempts, waitForRun } from '../../databricks/job-wait';
import type { DatabricksJobsClient, JobRun, JobRunOutput, JobRunTask } from '../../databricks/jobs';
import { ConfigError, InputError, RemoteError } from '../../errors';
import type { Logger } from '../../logger';
import { exitDataset, exitInstruction, exitMetrics, readNotebookExit } from './databricks-job-exit';

/** `evaluate.databricks_job` after validation (durations in ms). */
export interface DatabricksJobSettings {
  job_id: number;
  /** The task whose notebook exit value is the result; needed when several tasks exit with one. */
  task_key?: string;
  timeout: number;
  cancel_on_timeout: boolean;
  /** Further job parameters; model_name and model_version are always set by the runner. */
  parameters: Record<string, string>;
}

export interface DatabricksJobRunOptions {
  client: DatabricksJobsClient;
  settings: DatabricksJobSettings;
  model: string;
  version: string;
  /** Same for every retry of one workflow attempt (see `evaluationIdempotencyToken`). */
  idempotencyToken: string;
  /** Where summary.json goes (the version's evaluation directory). */
  outputDir: string;
  clock: Clock;
  logger: Logger;
  pollInitialMs?: number;
  pollMaxMs?: number;
  random?: () => number;
  signal?: AbortSignal;
}

export interface DatabricksJobEvaluation {
  summary: Summary;
  summaryPath: string;
  /** Always null: the exit value has no per-example rows, and none are invented. */
  resultsPath: string | null;
  jobRun: { runId: number; url: string; taskKey: string | null };
  /** The notebook's own verdict; the gate decides with its own thresholds. */
  passed: boolean;
  failures: unknown[];
}

/**
 * Runs the evaluation as a Databricks job: run-now with `model_name` and `model_version`, wait,
 * read the notebook's exit JSON and write summary.json. No results.jsonl is written (the exit
 * value carries no rows), and a stale one from an earlier run in the same directory is removed,
 * since the gate would read it as this evaluation's rows.
 */
export async function runDatabricksJob(options: DatabricksJobRunOptions): Promise<DatabricksJobEvaluation> {
  const { client, settings, model, version, logger } = options;
  const subject = `${model} v${version}`;
  for (const reserved of ['model_name', 'model_version']) {
    if (reserved in settings.parameters) throw new ConfigError(`evaluate.databricks_job.parameters must not set ${reserved}: the runner passes the model being evaluated`);
  }
  const parameters = { ...settings.parameters, model_name: model, model_version: version };
  const runId = await client.runNow(settings.job_id, parameters, options.idempotencyToken, subject);
  const label = `Databricks job ${settings.job_id} run ${runId} for ${subject}`;
  logger.info(`${label}: started`);
  const run = await waitForRun(client, runId, {
    clock: options.clock,
    logger,
    timeoutMs: settings.timeout,
    cancelOnTimeout: settings.cancel_on_timeout,
    pollInitialMs: options.pollInitialMs,
    pollMaxMs: options.pollMaxMs,
    label,
    random: options.random,
    signal: options.signal,
  });
  const url = run.run_page_url ?? `${client.host}/#job/${settings.job_id}/run/${runId}`;
  const failure = failureOf(run);
  if (failure !== null) throw new RemoteError(`${label} ended ${failure}${await taskErrors(client, run, logger)}; see ${url}`);

  const chosen = await chooseOutput(client, run, settings.task_key, `${label} (${url})`);
  const where = `${chosen.taskKey ? `task ${chosen.taskKey} of ` : ''}${label} (${url})`;
  const exit = readNotebookExit(chosen.output, where, version);
  const dataset = exitDataset(exit, { host: client.host, jobId: settings.job_id, taskKey: chosen.taskKey, runUrl: url });
  if (!exit.dataset) {
    logger.warn(`${where} sent no dataset {name, digest, rows}; summary.json names the job as its dataset (${dataset.name}, 0 rows), so baseline comparisons only match other runs of this job`);
  }
  const summary = summarySchema.parse({
    schema: summarySchemaId,
    model: { name: model, version },
    dataset,
    metrics: exitMetrics(exit),
    errors: exit.errors ?? 0,
    run_id: exit.mlflow_run_id ?? null,
    created_at: new Date(options.clock.now()).toISOString(),
  } satisfies Summary);

  await mkdir(options.outputDir, { recursive: true });
  const summaryPath = path.join(options.outputDir, 'summary.json');
  await rm(path.join(options.outputDir, 'results.jsonl'), { force: true });
  await writeFile(`${summaryPath}.partial`, `${JSON.stringify(summary, null, 2)}\n`);
  await rename(`${summaryPath}.partial`, summaryPath);
  const failures = exit.failures ?? [];
  logger.info(`${where}: notebook verdict ${exit.passed ? 'passed' : 'failed'}${failures.length ? ` (${failures.length} failure${failures.length === 1 ? '' : 's'})` : ''}; ${Object.keys(summary.metrics).length} metrics`);
  return { summary, summaryPath, resultsPath: null, jobRun: { runId, url, taskKey: chosen.taskKey }, passed: exit.passed, failures };
}

/**
 * The output holding the exit value: the only task's, the configured task's, or else the one
 * task that exited with a value, each read from the task's last attempt (an earlier attempt of a
 * retried task failed and has no exit value). Task run ids are used even for a single task,
 * because get-output takes a task run (for a multi-task parent it answers 400).
 */
async function chooseOutput(client: DatabricksJobsClient, run: JobRun, taskKey: string | undefined, where: string): Promise<{ taskKey: string | null; output: JobRunOutput }> {
  const tasks = lastAttempts(run.tasks ?? []);
  const outputOf = (task: JobRunTask): Promise<JobRunOutput> => {
    // The SDK leaves a task's run_id optional; without it there is no task run to read.
    if (task.run_id === undefined) throw new RemoteError(`task ${task.task_key} of ${where} has no run_id in runs/get, so its output cannot be read; open the run page to see why it did not run`);
    return client.getRunOutput(task.run_id);
  };
  if (tasks.length === 0) {
    if (taskKey !== undefined) throw new ConfigError(`evaluate.databricks_job.task_key is ${taskKey}, but ${where} lists no tasks`);
    return { taskKey: null, output: await client.getRunOutput(run.run_id) };
  }
  const keys = tasks.map((t) => t.task_key).join(', ');
  if (taskKey !== undefined) {
    const task = tasks.find((t) => t.task_key === taskKey);
    if (!task) throw new ConfigError(`evaluate.databricks_job.task_key is ${taskKey}, but ${where} has tasks ${keys}`);
    return { taskKey, output: await outputOf(task) };
  }
  const only = tasks.length === 1 ? tasks[0] : undefined;
  if (only) return { taskKey: only.task_key, output: await outputOf(only) };
  const outputs = [];
  for (const task of tasks) outputs.push({ taskKey: task.task_key, output: await outputOf(task) });
  const exiting = outputs.filter((o) => o.output.notebook_output?.result !== undefined);
  if (exiting.length === 1 && exiting[0]) return exiting[0];
  if (exiting.length === 0) throw new InputError(`no task of ${where} exited with a value (tasks: ${keys}); ${exitInstruction}`);
  throw new ConfigError(`tasks ${exiting.map((o) => o.taskKey).join(', ')} of ${where} all exit with a value; set evaluate.databricks_job.task_key to the one holding the evaluation result`);
}

/** "; task eval: <error>" for up to three failed tasks, from get-output; best effort, since the run already failed. */
async function taskErrors(client: DatabricksJobsClient, run: JobRun, logger: Logger): Promise<string> {
  const tasks = run.tasks?.length ? failedTasks(run).slice(0, 3) : [{ task_key: '', run_id: run.run_id }];
  const parts: string[] = [];
  for (const task of tasks) {
    if (task.run_id === undefined) continue;
    try {
      const error = (await client.getRunOutput(task.run_id)).error;
      if (error) parts.push(`${task.task_key ? `task ${task.task_key}: ` : ''}${oneLine(error)}`);
    } catch (error) {
      logger.debug(`could not read the output of task run ${task.run_id}: ${(error as Error).message}`);
    }
  }
  return parts.length ? `; ${parts.join('; ')}` : '';
}

function oneLine(text: string, max = 500): string {
  const line = text.trim().replace(/\s+/g, ' ');
  return line.length > max ? `${line.slice(0, max)}…` : line;
}
