/**
 * The `command` runner: the team's own evaluator (a Python script calling mlflow.genai.evaluate,
 * a notebook export, anything) runs as a child process and writes the evaluation contract
 * (summary.json + results.jsonl) to the paths it is given in AGENT_RELEASE_* variables; the
 * files are then checked exactly as the gate will check them.
 *
 * It runs under src/process.ts `supervise`, not @actions/exec: a timeout or a cancel must stop
 * it and everything it started (a `bash -c` wrapper's python, a pool of workers), which
 * @actions/exec cannot do (see there).
 *
 * Why argv and not a command line: nothing is parsed by a shell unless the user asks for one
 * (`commandArgv` turns a config string into `bash -c`), and every value reaches the evaluator
 * as an environment variable, never spliced into its command line.
 */
import { constants } from 'node:fs';
import { access, rename, rm, stat } from '../../fs-async';
import path from 'node:path';
import { compactUtc, type Clock } from '../../clock';
import { readSummary, type Summary } from '../../contract/summary';
import { ConfigError, InputError, RefusedError, messageOf } from '../../errors';
import { checkResultsMatchSummary } from '../../gate/baseline';
import { readScores } from '../../gate/scores';
import type { Logger } from '../../logger';
import { defaultGraceMs, supervise, type SupervisedOutcome } from '../../process';

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

/**
 * Why the evaluator's program cannot be started (not found, or not executable), looked up as the
 * child's spawn would: a path from `cwd`, a bare name on PATH. Asked before anything changes:
 * a run starts by withdrawing the gate's decision and clearing the version's evaluation files.
 */
export async function evaluatorProgramProblem(run: readonly string[], cwd: string, env: Readonly<Record<string, string | undefined>>): Promise<string | undefined> {
  const program = run[0];
  // Windows resolves through PATHEXT; spawn says so itself there.
  if (!program || process.platform === 'win32') return undefined;
  const byPath = program.includes('/');
  const candidates = byPath ? [path.resolve(cwd, program)] : (env.PATH ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, program));
  let found: string | undefined;
  for (const file of candidates) {
    if (!(await stat(file).then((s) => s.isFile(), () => false))) continue;
    found ??= file;
    if (await access(file, constants.X_OK).then(() => true, () => false)) return undefined;
  }
  if (found) return `${found} is not executable; chmod +x it, or run it through its interpreter (run: [bash, ${program}])`;
  return byPath ? `${program} not found (from ${cwd}); paths are relative to evaluate.command.cwd (by default the workspace)` : `${program} is not on PATH; give its path, or install it on the runner`;
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
  const outcome = await options.logger.group(`evaluator ${command} (run ${runName})`, () => run(options, env, command));
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

/** Runs the evaluator to its end, or stops its whole process group on timeout or cancel. */
async function run(options: CommandEvaluatorOptions, env: Record<string, string>, command: string): Promise<Exclude<SupervisedOutcome, { kind: 'not-started' }>> {
  if (options.signal?.aborted) {
    throw new RefusedError(`evaluator ${command} was not started because the run was cancelled: ${messageOf(options.signal.reason)}`, { cause: options.signal.reason });
  }
  const [program = '', ...args] = options.run;
  const grace = options.graceMs ?? defaultGraceMs;
  const outcome = await supervise({
    program,
    args,
    cwd: options.cwd,
    env,
    timeoutMs: options.timeoutMs,
    graceMs: grace,
    clock: options.clock,
    signal: options.signal,
    onLine: (line) => options.logger.info(line),
    onStop: (why) =>
      options.logger.warn(
        {
          timeout: `evaluator ${command}: timed out after ${options.timeoutMs} ms; sending SIGTERM`,
          cancelled: `evaluator ${command}: cancelled; sending SIGTERM`,
          'grace-expired': `evaluator ${command}: still running ${grace} ms after SIGTERM; sending SIGKILL`,
          'left-running': `evaluator ${command}: exited but left processes running; sending them SIGTERM`,
        }[why],
      ),
  });
  if (outcome.kind === 'not-started') {
    const hint = outcome.notFound ? `; check that ${program} is installed and on PATH, or that cwd ${options.cwd} exists` : '';
    throw new ConfigError(`evaluator ${command} could not start in ${options.cwd}: ${outcome.reason}${hint}`);
  }
  return outcome;
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
