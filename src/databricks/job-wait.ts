import type { Clock } from '../clock';
import { CancelledError, RemoteError, cancellation } from '../errors';
import type { Logger } from '../logger';
import type { DatabricksJobsClient, JobRun, JobRunTask } from './jobs';

/**
 * Waiting for a Databricks job run and judging how it ended. States as the Databricks SDK's
 * `jobs` service defines them:
 * - `status.state` (preferred): BLOCKED | PENDING | QUEUED | RUNNING | TERMINATING | TERMINATED | WAITING;
 *   `status.termination_details {code, type, message}` once TERMINATING/TERMINATED, where `code`
 *   SUCCESS is the only success (SUCCESS_WITH_FAILURES, USER_CANCELED, CANCELED, SKIPPED,
 *   RUN_EXECUTION_ERROR, INTERNAL_ERROR, CLUSTER_ERROR, … are not) and `type` is SUCCESS |
 *   INTERNAL_ERROR | CLIENT_ERROR | CLOUD_FAILURE; `status.queue_details {code, message}`.
 * - `state` (deprecated, still sent): `life_cycle_state` with the terminal values TERMINATED,
 *   SKIPPED and INTERNAL_ERROR; `result_state` SUCCESS | FAILED | TIMEDOUT | CANCELED | …;
 *   `state_message`, `queue_reason`.
 */
export interface WaitOptions {
  clock: Clock;
  logger: Logger;
  /** Give up waiting this long after the first poll. */
  timeoutMs: number;
  /** First wait between polls; doubles up to `pollMaxMs`. */
  pollInitialMs?: number;
  pollMaxMs?: number;
  /** Cancel the run (runs/cancel) when the wait times out, rather than leave it running. */
  cancelOnTimeout?: boolean;
  /** Names the run in messages: "job 123 run 456 for main.agents.support v7". */
  label: string;
  random?: () => number;
  signal?: AbortSignal;
}

export const defaultPollInitialMs = 5_000;
export const defaultPollMaxMs = 60_000;

/**
 * The wait before poll number `pollIndex + 1`: min(max, initial * 2^pollIndex), jittered by ±20 %
 * so many waiting workflows do not poll in step (random 0.5 gives the ceiling itself).
 */
export function pollDelay(pollIndex: number, initialMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, initialMs * 2 ** pollIndex);
  return Math.round(ceiling * (0.8 + 0.4 * random()));
}

/** The run's phase as one word, preferring the non-deprecated `status`. */
export function phaseOf(run: JobRun | JobRunTask): string {
  return run.status?.state ?? run.state?.life_cycle_state ?? 'UNKNOWN';
}

export function isTerminal(run: JobRun | JobRunTask): boolean {
  if (run.status?.state !== undefined) return run.status.state === 'TERMINATED';
  const legacy = run.state?.life_cycle_state;
  return legacy === 'TERMINATED' || legacy === 'SKIPPED' || legacy === 'INTERNAL_ERROR';
}

/** How a terminal run ended, e.g. "FAILED (RUN_EXECUTION_ERROR: Task eval failed)"; null when it succeeded. */
export function failureOf(run: JobRun | JobRunTask): string | null {
  const details = run.status?.termination_details;
  const result = run.state?.result_state;
  const lifeCycle = run.state?.life_cycle_state;
  const succeeded = details?.code !== undefined ? details.code === 'SUCCESS' && (result === undefined || result === 'SUCCESS') : result === 'SUCCESS';
  if (succeeded) return null;
  const outcome = result ?? (lifeCycle === 'INTERNAL_ERROR' || lifeCycle === 'SKIPPED' ? lifeCycle : details?.code) ?? 'UNKNOWN';
  const why = [details?.code && details.code !== outcome ? details.code : undefined, details?.message || run.state?.state_message].filter(Boolean).join(': ');
  return why ? `${outcome} (${why})` : outcome;
}

/**
 * The last attempt of each task, in the order the tasks first appear. runs/get lists a retried
 * task once per attempt, in no promised order; the highest `attempt_number` (absent reads as 0)
 * is the one that says how the task ended. Equal numbers keep the later entry.
 */
export function lastAttempts(tasks: readonly JobRunTask[]): JobRunTask[] {
  const last = new Map<string, JobRunTask>();
  for (const task of tasks) {
    const seen = last.get(task.task_key);
    if (!seen || (task.attempt_number ?? 0) >= (seen.attempt_number ?? 0)) last.set(task.task_key, task);
  }
  return [...last.values()];
}

/** Tasks whose last attempt did not succeed, in the run's order (an attempt retried to success is not a failure). */
export function failedTasks(run: JobRun): JobRunTask[] {
  return lastAttempts(run.tasks ?? []).filter((t) => isTerminal(t) && failureOf(t) !== null);
}

/** A run still going when the wait gave up; `cancelled` says whether runs/cancel was sent. */
export class JobRunTimeoutError extends RemoteError {
  constructor(
    message: string,
    readonly run: JobRun,
    readonly cancelled: boolean,
  ) {
    super(message);
  }
}

/**
 * Polls runs/get until the run is terminal or `timeoutMs` passes, with capped exponential
 * backoff (runs take minutes to hours; polling every few seconds for hours only burns the
 * workspace's rate limit). Logs one line per change of phase. Each poll is itself retried by
 * the client, so a 429 burst delays a poll rather than failing the wait.
 */
export async function waitForRun(client: DatabricksJobsClient, runId: number, options: WaitOptions): Promise<JobRun> {
  const { clock, logger } = options;
  const initial = options.pollInitialMs ?? defaultPollInitialMs;
  const max = options.pollMaxMs ?? defaultPollMaxMs;
  const random = options.random ?? Math.random;
  const deadline = clock.now() + options.timeoutMs;
  let lastPhase = '';
  for (let poll = 0; ; poll++) {
    const run = await client.getRun(runId);
    const phase = describePhase(run);
    if (phase !== lastPhase) {
      logger.info(`${options.label}: ${phase}${lastPhase === '' && run.run_page_url ? ` (${run.run_page_url})` : ''}`);
      lastPhase = phase;
    }
    if (isTerminal(run)) return run;
    const left = deadline - clock.now();
    if (left <= 0) throw await timedOut(client, run, options);
    // Never sleep past the deadline: the last poll lands on it, so a run that ends just in time is seen.
    try {
      await clock.sleep(Math.min(pollDelay(poll, initial, max, random), left), options.signal);
    } catch (error) {
      if (!options.signal?.aborted) throw error;
      throw await abandoned(client, run, options);
    }
  }
}

/** Cancelled while waiting (Ctrl-C, SIGTERM, a cancelled job): the run goes on in the workspace unless cancel_on_timeout says to cancel it too. */
async function abandoned(client: DatabricksJobsClient, run: JobRun, options: WaitOptions): Promise<CancelledError> {
  const stopped = `${cancellation(options.signal?.reason)} while waiting for ${options.label}${run.run_page_url ? ` (${run.run_page_url})` : ''}`;
  if (!options.cancelOnTimeout) return new CancelledError(`${stopped}; the run was NOT cancelled and may still finish: cancel it in the workspace if it should not (a re-run of evaluate starts a new run)`);
  try {
    await client.cancelRun(run.run_id);
    return new CancelledError(`${stopped}; the run was cancelled too (runs/cancel, as cancel_on_timeout asks)`);
  } catch (error) {
    return new CancelledError(`${stopped}; cancelling the run failed (${(error as Error).message}), so cancel it in the workspace`);
  }
}

function describePhase(run: JobRun): string {
  const phase = phaseOf(run);
  if (phase !== 'QUEUED') return phase;
  const queue = run.status?.queue_details;
  const reason = queue ? [queue.code, queue.message].filter(Boolean).join(': ') : run.state?.queue_reason;
  return reason ? `QUEUED (${reason})` : 'QUEUED';
}

async function timedOut(client: DatabricksJobsClient, run: JobRun, options: WaitOptions): Promise<JobRunTimeoutError> {
  const minutes = Math.round(options.timeoutMs / 60_000);
  const waited = minutes >= 1 ? `${minutes} min` : `${Math.round(options.timeoutMs / 1000)} s`;
  const where = run.run_page_url ? ` at ${run.run_page_url}` : '';
  if (!options.cancelOnTimeout) {
    return new JobRunTimeoutError(
      `${options.label} is still ${phaseOf(run)} after ${waited}${where}; it was NOT cancelled and may still finish. ` +
        'Raise evaluate.databricks_job.timeout, or set cancel_on_timeout: true to cancel runs that overrun',
      run,
      false,
    );
  }
  try {
    await client.cancelRun(run.run_id);
  } catch (error) {
    return new JobRunTimeoutError(
      `${options.label} is still ${phaseOf(run)} after ${waited}${where}; cancelling it failed (${(error as Error).message}), so cancel it in the workspace`,
      run,
      false,
    );
  }
  return new JobRunTimeoutError(`${options.label} was still ${phaseOf(run)} after ${waited}${where}; it was cancelled (runs/cancel). Raise evaluate.databricks_job.timeout if the evaluation needs longer`, run, true);
}
