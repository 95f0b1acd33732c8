/**
 * The `command` runner: the team's own evaluator (a Python script calling mlflow.genai.evaluate,
 * a notebook export, anything) runs as a child process and writes the evaluation contract
 * (summary.json + results.jsonl) to the paths it is given in AGENT_RELEASE_* variables; the
 * files are then checked exactly as the gate will check them.
 *
 * Why node:child_process and not @actions/exec (which the deploy command target uses):
 * @actions/exec cannot be given a timeout or an AbortSignal and never exposes the child, so a
 * hung evaluator could only be stopped by the job's own timeout, hours later. Here the child
 * gets its own process group, so a timeout or a cancel stops it and everything it started
 * (a `bash -c` wrapper's python, a pool of workers): SIGTERM first, SIGKILL after a grace period.
 *
 * Why argv and not a command line: nothing is parsed by a shell unless the user asks for one
 * (`commandArgv` turns a config string into `bash -c`), and every value reaches the evaluator
 * as an environment variable, never spliced into its command line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { compactUtc, type Clock } from '../../clock';
import { readSummary, type Summary } from '../../contract/summary';
import { ConfigError, InputError, RefusedError, messageOf } from '../../errors';
import { checkResultsMatchSummary } from '../../gate/baseline';
import { readScores } from '../../gate/scores';
import type { Logger } from '../../logger';

export interface CommandEvaluatorOptions {
  /** The program and its arguments; the program is looked up on PATH of the child's environment. */
  run: readonly string[];
  /** Absolute working directory of the evaluator. */
  cwd: string;
  model: { name: string; version: string };
  /** Where the evaluator writes summary.json, results.jsonl and any extra artifacts; must exist. */
  outputDir: string;
  /** The evaluation experiment (experiments.evaluation), passed as AGENT_RELEASE_EXPERIMENT. */
  experiment?: string;
  /** The configured dataset (absolute path), passed as AGENT_RELEASE_DATASET_PATH. */
  datasetPath?: string;
  /** The caller's environment (process.env), which the evaluator inherits. */
  baseEnv: Readonly<Record<string, string | undefined>>;
  /** evaluate.command.env: added over baseEnv; may not set AGENT_RELEASE_* names. */
  env?: Readonly<Record<string, string>>;
  timeoutMs: number;
  /** Between SIGTERM and SIGKILL when the evaluator is stopped. */
  graceMs?: number;
  clock: Clock;
  logger: Logger;
  signal?: AbortSignal;
  /** How a file is named in messages (relative to the workdir); default: as given. */
  show?: (file: string) => string;
}

export interface CommandEvaluation {
  summary: Summary;
  summaryPath: string;
  resultsPath: string;
  /** The MLflow run the evaluator recorded (summary.run_id); null when it recorded none. */
  runId: string | null;
  /** The run name the evaluator was asked to use, eval_pre_deploy_YYYYMMDD_HHMMSS (UTC). */
  runName: string;
}

export const defaultGraceMs = 10_000;
const tailLines = 20;
const reservedPrefix = 'AGENT_RELEASE_';

/**
 * The config's `run`: a list is the argv as written; a string is a shell script run with
 * `bash -e -o pipefail -c`, like a workflow's `run:` step (pipes, `&&`, `cd`).
 */
export function commandArgv(run: string | readonly string[]): string[] {
  return typeof run === 'string' ? ['bash', '-e', '-o', 'pipefail', '-c', run] : [...run];
}

/** The variables the evaluator is given, over the caller's environment and the config's `env`. */
export function evaluatorEnv(options: CommandEvaluatorOptions, files: { summaryPath: string; resultsPath: string; runName: string }): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(options.baseEnv)) if (value !== undefined) env[key] = value;
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (key.startsWith(reservedPrefix)) {
      throw new ConfigError(`evaluate.command.env.${key}: names starting with ${reservedPrefix} are set by agent-release for the evaluator; choose another name`);
    }
    env[key] = value;
  }
  Object.assign(env, {
    AGENT_RELEASE_MODEL_NAME: options.model.name,
    AGENT_RELEASE_MODEL_VERSION: options.model.version,
    AGENT_RELEASE_SUMMARY_PATH: files.summaryPath,
    AGENT_RELEASE_RESULTS_PATH: files.resultsPath,
    AGENT_RELEASE_OUTPUT_DIR: options.outputDir,
    AGENT_RELEASE_RUN_NAME: files.runName,
    ...(options.experiment === undefined ? {} : { AGENT_RELEASE_EXPERIMENT: options.experiment }),
    ...(options.datasetPath === undefined ? {} : { AGENT_RELEASE_DATASET_PATH: options.datasetPath }),
  });
  return env;
}

export async function runCommandEvaluator(options: CommandEvaluatorOptions): Promise<CommandEvaluation> {
  if (options.run.length === 0 || options.run[0] === '') throw new ConfigError('evaluate.command.run is empty; give the program to run and its arguments');
  const show = options.show ?? ((file: string) => file);
  const summaryPath = path.join(options.outputDir, 'summary.json');
  const resultsPath = path.join(options.outputDir, 'results.jsonl');
  const runName = `eval_pre_deploy_${compactUtc(options.clock.now())}`;
  const env = evaluatorEnv(options, { summaryPath, resultsPath, runName });
  const command = describeArgv(options.run);

  if (!(await isDirectory(options.cwd))) throw new ConfigError(`evaluate.command.cwd: ${show(options.cwd)} is not a directory; the evaluator runs there`);
  // A file left by an earlier run must never be read as this run's answer.
  await rm(summaryPath, { force: true });
  await rm(resultsPath, { force: true });
  const outcome = await options.logger.group(`evaluator ${command} (run ${runName})`, () => supervise(options, env, command));
  const tail = outcome.tail.length ? `; its last lines of output:\n  ${outcome.tail.join('\n  ')}` : '; it printed nothing';
  const failure = async (message: string): Promise<never> => {
    const moved = [await setAside(summaryPath), await setAside(resultsPath)].includes(true);
    const note = moved ? ` (anything it wrote is kept as *.rejected in ${show(options.outputDir)})` : '';
    throw new RefusedError(`${message}${note}${tail}`, { cause: outcome.kind === 'cancelled' ? outcome.reason : undefined });
  };
  switch (outcome.kind) {
    case 'timeout':
      return failure(`evaluator ${command} did not finish within ${options.timeoutMs} ms and was stopped (${outcome.stoppedWith}); raise evaluate.command.timeout or make it faster`);
    case 'cancelled':
      return failure(`evaluator ${command} was stopped (${outcome.stoppedWith}) because the run was cancelled: ${messageOf(outcome.reason)}`);
    case 'exited':
      if (outcome.signal) return failure(`evaluator ${command} was killed by ${outcome.signal} (out of memory, or stopped from outside)`);
      if (outcome.code !== 0) return failure(`evaluator ${command} exited with code ${outcome.code}`);
  }

  try {
    const summary = await checkOutputs(options, { summaryPath, resultsPath, show });
    return { summary, summaryPath, resultsPath, runId: summary.run_id, runName };
  } catch (error) {
    await setAside(summaryPath);
    await setAside(resultsPath);
    throw error;
  }
}

async function checkOutputs(options: CommandEvaluatorOptions, files: { summaryPath: string; resultsPath: string; show: (file: string) => string }): Promise<Summary> {
  const { show } = files;
  const written = `the evaluator (${describeArgv(options.run)}) exited with code 0 but did not write`;
  if (!(await isFile(files.summaryPath))) {
    throw new InputError(`${written} ${show(files.summaryPath)}; it must write its summary (schema agent-release.summary/v1) to the path in $AGENT_RELEASE_SUMMARY_PATH`);
  }
  if (!(await isFile(files.resultsPath))) {
    throw new InputError(`${written} ${show(files.resultsPath)}; it must write one JSON line per example to the path in $AGENT_RELEASE_RESULTS_PATH`);
  }
  const summary = await readSummary(files.summaryPath);
  const { name, version } = options.model;
  if (summary.model.name !== name || summary.model.version !== version) {
    throw new InputError(
      `${show(files.summaryPath)} is the evaluation of ${summary.model.name} version ${summary.model.version}, but the evaluator was asked to evaluate ${name} version ${version}; write model.name and model.version from $AGENT_RELEASE_MODEL_NAME and $AGENT_RELEASE_MODEL_VERSION`,
    );
  }
  const scores = await readScores(files.resultsPath, show(files.resultsPath), 'results');
  checkResultsMatchSummary(scores, summary, show(files.summaryPath));
  return summary;
}

type Outcome =
  | { kind: 'exited'; code: number | null; signal: NodeJS.Signals | null; tail: string[] }
  | { kind: 'timeout'; stoppedWith: NodeJS.Signals; tail: string[] }
  | { kind: 'cancelled'; reason: unknown; stoppedWith: NodeJS.Signals; tail: string[] };

/** Runs the child to its end, or stops it on timeout or cancel; never leaves its process group behind. */
async function supervise(options: CommandEvaluatorOptions, env: Record<string, string>, command: string): Promise<Outcome> {
  const { clock, logger } = options;
  const tail: string[] = [];
  if (options.signal?.aborted) {
    throw new RefusedError(`evaluator ${command} was not started because the run was cancelled: ${messageOf(options.signal.reason)}`, { cause: options.signal.reason });
  }
  const [program = '', ...args] = options.run;
  const child = spawn(program, args, { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
  const stdout = lineSplitter((line) => emit(line));
  const stderr = lineSplitter((line) => emit(line));
  const emit = (line: string): void => {
    logger.info(line);
    tail.push(line);
    if (tail.length > tailLines) tail.shift();
  };
  child.stdout.on('data', stdout.push);
  child.stderr.on('data', stderr.push);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const closed = new Promise<void>((resolve, reject) => {
    child.once('close', () => resolve());
    child.once('error', (error: NodeJS.ErrnoException) => {
      const hint = error.code === 'ENOENT' ? `; check that ${program} is installed and on PATH, or that cwd ${options.cwd} exists` : '';
      reject(new ConfigError(`evaluator ${command} could not start in ${options.cwd}: ${error.message}${hint}`));
    });
  });
  // If this process dies first, the detached group would run on with no one to stop it.
  const killOnExit = (): void => killGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);

  const timers = new AbortController();
  const timedOut = clock.sleep(options.timeoutMs, timers.signal).then(
    () => 'timeout' as const,
    () => new Promise<never>(() => undefined),
  );
  let onAbort = (): void => undefined;
  const cancelled = new Promise<'cancelled'>((resolve) => {
    onAbort = () => resolve('cancelled');
    options.signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const first = await Promise.race([closed.then(() => 'closed' as const), timedOut, cancelled]);
    if (first === 'closed') {
      stdout.flush();
      stderr.flush();
      // Like a runner's orphan cleanup: a server or worker the evaluator started does not outlive it.
      if (child.pid !== undefined && groupAlive(child.pid)) {
        logger.warn(`evaluator ${command}: exited but left processes running; sending them SIGTERM`);
        killGroup(child, 'SIGTERM');
      }
      return { kind: 'exited', ...(await exited), tail };
    }
    logger.warn(first === 'timeout' ? `evaluator ${command}: timed out after ${options.timeoutMs} ms; sending SIGTERM` : `evaluator ${command}: cancelled; sending SIGTERM`);
    const stoppedWith = await stop(child, { exited, closed }, options, command);
    stdout.flush();
    stderr.flush();
    return first === 'timeout' ? { kind: 'timeout', stoppedWith, tail } : { kind: 'cancelled', reason: options.signal?.reason, stoppedWith, tail };
  } finally {
    timers.abort();
    options.signal?.removeEventListener('abort', onAbort);
    process.removeListener('exit', killOnExit);
  }
}

/**
 * SIGTERM to the group, SIGKILL if it is still there after the grace period. Stopped means the
 * pipes closed: the leader and every process that inherited its output (a bash wrapper's python)
 * are gone.
 */
async function stop(child: ChildProcess, ends: { exited: Promise<unknown>; closed: Promise<void> }, options: CommandEvaluatorOptions, command: string): Promise<NodeJS.Signals> {
  killGroup(child, 'SIGTERM');
  const grace = new AbortController();
  const graceful = await Promise.race([
    ends.closed.then(() => true),
    options.clock.sleep(options.graceMs ?? defaultGraceMs, grace.signal).then(
      () => false,
      () => true,
    ),
  ]);
  grace.abort();
  let stoppedWith: NodeJS.Signals = 'SIGTERM';
  if (!graceful) {
    options.logger.warn(`evaluator ${command}: still running ${options.graceMs ?? defaultGraceMs} ms after SIGTERM; sending SIGKILL`);
    killGroup(child, 'SIGKILL');
    stoppedWith = 'SIGKILL';
  }
  await ends.exited;
  // A process that left the group (setsid) could hold the pipes open forever; stop reading them.
  child.stdout?.destroy();
  child.stderr?.destroy();
  return stoppedWith;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    if (process.platform === 'win32') child.kill(signal);
    else process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

function groupAlive(pgid: number): boolean {
  if (process.platform === 'win32') return false;
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Chunks to whole lines (a line may arrive in pieces); empty lines are dropped. */
function lineSplitter(onLine: (line: string) => void): { push: (chunk: Buffer) => void; flush: () => void } {
  let pending = '';
  return {
    push: (chunk) => {
      const parts = (pending + chunk.toString('utf8')).split(/\r?\n/);
      pending = parts.pop() ?? '';
      for (const part of parts) if (part.trim()) onLine(part);
    },
    flush: () => {
      if (pending.trim()) onLine(pending);
      pending = '';
    },
  };
}

/** Moves a file to `<file>.rejected` (replacing an older one); false when there was none. */
async function setAside(file: string): Promise<boolean> {
  try {
    await rename(file, `${file}.rejected`);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

async function isFile(file: string): Promise<boolean> {
  return stat(file).then((s) => s.isFile(), () => false);
}

async function isDirectory(dir: string): Promise<boolean> {
  return stat(dir).then((s) => s.isDirectory(), () => false);
}

function describeArgv(argv: readonly string[]): string {
  return `\`${argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ')}\``;
}
