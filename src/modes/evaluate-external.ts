import { mkdir, writeFile } from '../fs-async';
import path from 'node:path';
import type { Summary } from '../contract/summary';
import type { EvaluateSection } from '../config/evaluate-schema';
import { ConfigError, RemoteError } from '../errors';
import { DatabricksJobsClient, evaluationIdempotencyToken } from '../databricks/jobs';
import { commandArgv, evaluatorProgramProblem, runCommandEvaluator } from '../evaluate/runners/command';
import { runDatabricksJob } from '../evaluate/runners/databricks-job';
import { runMlflowRunEvaluator } from '../evaluate/runners/mlflow-run';
import { trackingUriOf } from '../registry';
import type { ModeContext } from './context';
import type { EvaluateResult } from './evaluate';
import { shown, versionDir } from './paths';

/** What a bring-your-own runner produced, before the mode shapes it into its result. */
interface External {
  /** What answered, for the summary line: the command, the job run's URL, the MLflow run. */
  via: string;
  summary: Summary | null;
  summaryPath: string;
  resultsPath: string | null;
  runId: string | null;
}

/**
 * The runners that do not call an endpoint themselves (`command`, `mlflow-run`, `databricks-job`): each
 * leaves summary.json (and results.jsonl where it has rows) in the version's directory, already
 * checked against the contract.
 */
export async function evaluateExternally(ctx: ModeContext, config: EvaluateSection, model: string, version: string): Promise<EvaluateResult> {
  const { loaded } = ctx;
  const dir = versionDir(loaded, version);
  const external = await (config.runner === 'command'
    ? viaCommand(ctx, config, model, version, dir)
    : config.runner === 'mlflow-run'
      ? viaMlflowRun(ctx, config, model, version, dir)
      : viaDatabricksJob(ctx, config, model, version, dir));
  const { summary } = external;
  // An evaluator that logged its own run (the usual Python evaluator) or an existing MLflow run is the record already.
  const runId = external.runId ?? (summary ? await recordEvaluation(ctx, summary, external.summaryPath, external.resultsPath, { runner: config.runner }) : null);
  return {
    mode: 'evaluate',
    runner: config.runner,
    dryRun: ctx.dryRun,
    model,
    version,
    endpoint: external.via,
    dataset: summary
      ? { name: summary.dataset.name, path: summary.dataset.source ?? '', digest: summary.dataset.digest, rows: summary.dataset.rows }
      : { name: config.dataset?.name ?? '', path: config.dataset?.path ?? '', digest: '', rows: 0 },
    summaryPath: shown(loaded, external.summaryPath),
    resultsPath: external.resultsPath === null ? null : shown(loaded, external.resultsPath),
    runId,
    metrics: summary?.metrics ?? {},
    errors: summary?.errors ?? 0,
    shard: null,
  };
}

/** What a bring-your-own runner can be checked for before anything changes: the evaluator program starts. */
export async function checkExternalRunner(ctx: ModeContext, config: EvaluateSection): Promise<void> {
  if (config.runner !== 'command' || !config.command) return;
  const cwd = path.resolve(ctx.loaded.workdir, config.command.cwd ?? '.');
  const problem = await evaluatorProgramProblem(commandArgv(config.command.run), cwd, { ...ctx.env, ...config.command.env });
  if (problem) throw new ConfigError(`${ctx.loaded.file}: evaluate.command.run: ${problem}`);
}

async function viaCommand(ctx: ModeContext, config: EvaluateSection, model: string, version: string, dir: string): Promise<External> {
  const { loaded, logger } = ctx;
  const command = required(config.command, loaded.file, 'command');
  const argv = commandArgv(command.run);
  const cwd = path.resolve(loaded.workdir, command.cwd ?? '.');
  const files = { summaryPath: path.join(dir, 'summary.json'), resultsPath: path.join(dir, 'results.jsonl') };
  if (ctx.dryRun) {
    logger.info(`dry run: would run ${argv.join(' ')} in ${shown(loaded, cwd)} and read ${shown(loaded, files.summaryPath)}, ${shown(loaded, files.resultsPath)}`);
    return { via: argv.join(' '), summary: null, ...files, runId: null };
  }
  await mkdir(dir, { recursive: true });
  const run = await logger.group(`evaluate ${model} v${version}: ${argv.join(' ')}`, () =>
    runCommandEvaluator({
      run: argv,
      cwd,
      model: { name: model, version },
      outputDir: dir,
      experiment: ctx.tracking?.tracker.experiments.evaluation,
      datasetPath: config.dataset && path.resolve(loaded.workdir, config.dataset.path),
      baseEnv: ctx.env,
      env: { ...trackingEnv(ctx), ...command.env },
      timeoutMs: command.timeout,
      clock: ctx.clock,
      logger,
      signal: ctx.signal,
      show: (file) => shown(loaded, file),
    }),
  );
  return { via: argv.join(' '), summary: run.summary, summaryPath: run.summaryPath, resultsPath: run.resultsPath, runId: run.runId };
}

async function viaDatabricksJob(ctx: ModeContext, config: EvaluateSection, model: string, version: string, dir: string): Promise<External> {
  const { loaded, logger } = ctx;
  const settings = required(config.databricks_job, loaded.file, 'databricks_job');
  const summaryPath = path.join(dir, 'summary.json');
  const job = `Databricks job ${settings.job_id}`;
  if (ctx.dryRun) {
    logger.info(`dry run: would run ${job} with model_name=${model} model_version=${version} and write ${shown(loaded, summaryPath)}`);
    return { via: job, summary: null, summaryPath, resultsPath: null, runId: null };
  }
  if (!ctx.databricks) throw new ConfigError(`${loaded.file}: evaluate.runner databricks-job needs Databricks credentials (DATABRICKS_HOST and a token or OAuth)`);
  const { host, credentials } = ctx.databricks();
  const client = new DatabricksJobsClient({ host, credentials, clock: ctx.clock, logger });
  // One workflow attempt reuses one Databricks run (a retried run-now cannot start a second); a re-run attempt starts afresh.
  const idempotencyToken = evaluationIdempotencyToken({
    jobId: settings.job_id,
    model,
    version,
    workflowRunId: ctx.env.GITHUB_RUN_ID ?? `local-${ctx.clock.now()}`,
    workflowRunAttempt: ctx.env.GITHUB_RUN_ATTEMPT ?? '1',
  });
  await mkdir(dir, { recursive: true });
  const run = await logger.group(`evaluate ${model} v${version} on ${job}`, () =>
    runDatabricksJob({ client, settings, model, version, idempotencyToken, outputDir: dir, clock: ctx.clock, logger, signal: ctx.signal }),
  );
  if (!run.passed) logger.warn(`the job's notebook reported passed: false${run.failures.length > 0 ? ` (${run.failures.length} failures)` : ''}; the gate decides with its own thresholds`);
  return { via: run.jobRun.url, summary: run.summary, summaryPath: run.summaryPath, resultsPath: run.resultsPath, runId: run.summary.run_id };
}

async function viaMlflowRun(ctx: ModeContext, config: EvaluateSection, model: string, version: string, dir: string): Promise<External> {
  const { loaded, logger } = ctx;
  const settings = required(config.mlflow_run, loaded.file, 'mlflow_run');
  if (!ctx.tracking) throw new ConfigError(`${loaded.file}: evaluate.runner mlflow-run reads an MLflow run, so model.registry must be mlflow or unity-catalog (the tracking server that goes with it)`);
  const { client, tracker } = ctx.tracking;
  const source = 'run_id' in settings ? { runId: settings.run_id } : { experiment: settings.experiment ?? tracker.experiments.evaluation, filter: settings.filter };
  const via = 'runId' in source ? `MLflow run ${source.runId}` : `the latest evaluation run of v${version} in ${source.experiment}`;
  if (ctx.dryRun) {
    logger.info(`dry run: would read ${via} and write ${shown(loaded, path.join(dir, 'summary.json'))}`);
    return { via, summary: null, summaryPath: path.join(dir, 'summary.json'), resultsPath: null, runId: null };
  }
  await mkdir(dir, { recursive: true });
  const run = await runMlflowRunEvaluator({ client, source, model: { name: model, version }, outputDir: dir, clock: ctx.clock, logger });
  return { via: `MLflow run ${run.runId}`, summary: run.summary, summaryPath: run.summaryPath, resultsPath: run.resultsPath, runId: run.runId };
}

/**
 * Records an evaluation in the tracking server, when there is one, and writes the run id into
 * summary.json (the uploaded copy keeps run_id null: it was uploaded before the id was known).
 */
export async function recordEvaluation(ctx: ModeContext, summary: Summary, summaryPath: string, resultsPath: string | null, params: Record<string, string>): Promise<string | null> {
  if (!ctx.tracking) return null;
  const { loaded, logger } = ctx;
  try {
    const recorded = await ctx.tracking.tracker.recordEvaluation({
      summary,
      summaryFile: summaryPath,
      resultsFile: resultsPath,
      dataset: { name: summary.dataset.name, digest: summary.dataset.digest, source: summary.dataset.source ?? summary.dataset.name },
      params,
    });
    await writeFile(summaryPath, `${JSON.stringify({ ...summary, run_id: recorded.runId }, null, 2)}\n`);
    logger.info(`recorded as MLflow run ${recorded.runName} (${recorded.runId}) in ${recorded.experimentName}`);
    return recorded.runId;
  } catch (error) {
    const files = [summaryPath, resultsPath].filter((f): f is string => f !== null).map((f) => shown(loaded, f));
    // A configuration or input problem will not pass on a re-run: it keeps its own message and exit code.
    if (!(error instanceof RemoteError)) {
      logger.error(`the evaluation finished (${files.join(', ')}) but was not recorded in MLflow`);
      throw error;
    }
    throw new RemoteError(`the evaluation finished (${files.join(', ')}) but could not be recorded in MLflow: ${(error as Error).message}; re-run evaluate once the tracking server is reachable`, { cause: error });
  }
}

/** The tracking server the config names, for an evaluator that logs its own run (the mlflow package reads these). */
function trackingEnv(ctx: ModeContext): Record<string, string> {
  const { config } = ctx.loaded;
  if (!ctx.tracking) return {};
  const uri = config.model.registry === 'unity-catalog' ? 'databricks' : trackingUriOf(config, ctx.env);
  return {
    ...(uri && !ctx.env.MLFLOW_TRACKING_URI ? { MLFLOW_TRACKING_URI: uri } : {}),
    ...(config.model.registry === 'unity-catalog' && !ctx.env.MLFLOW_REGISTRY_URI ? { MLFLOW_REGISTRY_URI: 'databricks-uc' } : {}),
  };
}

function required<T>(section: T | undefined, file: string, key: string): T {
  if (section === undefined) throw new ConfigError(`${file}: evaluate.${key} is missing`);
  return section;
}
