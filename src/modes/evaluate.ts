import { rename, rm, writeFile } from '../fs-async';
import path from 'node:path';
import { summarySchemaId, type Metric, type Summary } from '../contract/summary';
import type { EvaluateConfig, RunnerKind } from '../config/evaluate-schema';
import { CancelledError, ConfigError, InputError, UsageError } from '../errors';
import { checkDatasetForRun, NoAnswerError, runDataset } from '../evaluate/dataset-runner';
import { datasetFormat, scanDataset } from '../evaluate/dataset';
import { createScorer, uniqueScorerNames } from '../evaluate/scorers';
import { fileDigest, parseShard, shardDirName, shardLabel, shardRows } from '../evaluate/shard';
import { TemplateError, endpointUrl } from '../template';
import { changesAgainstChampion, type ChampionChanges } from '../gate/champion-changes';
import { logEvaluationTraces, type TraceOutcome } from '../tracking/evaluation-traces';
import { messageOf } from '../errors';
import type { ModeContext, ModeInputs } from './context';
import { checkExternalRunner, evaluateExternally, recordEvaluation } from './evaluate-external';
import { requireVersion, requireVersionInput } from './versions';
import { shown, versionDir } from './paths';
import { withdrawForNewEvaluation } from '../gate/decision-record';
import { evaluationSettingsDigest } from '../evaluate/settings-digest';

export interface EvaluateResult {
  mode: 'evaluate';
  runner: RunnerKind;
  dryRun: boolean;
  model: string;
  version: string;
  /** What answered: the endpoint URL, the evaluator command, the Databricks job run's page. */
  endpoint: string;
  dataset: { name: string; path: string; digest: string; rows: number };
  summaryPath: string;
  /** Null when the runner has no per-example rows (databricks-job). */
  resultsPath: string | null;
  runId: string | null;
  metrics: Record<string, Metric>;
  errors: number;
  /** Set when this run evaluated one slice (`shard: i/n`); `dataset` still describes the whole file. */
  shard: { index: number; count: number; rows: number } | null;
  /** MLflow traces logged for the run (evaluate.traces), when there is a tracking server. */
  traces?: TraceOutcome | null;
  /** The examples that changed against the champion gate.baseline compares with, when there is one. */
  changes?: ChampionChanges | null;
}

export async function evaluate(ctx: ModeContext, inputs: ModeInputs): Promise<EvaluateResult> {
  const { loaded, registry, logger } = ctx;
  const section = loaded.config.evaluate;
  if (!section) throw new ConfigError(`${loaded.file}: evaluate mode needs an evaluate section (a runner and what it needs: dataset, endpoint and scorers for the built-in one)`);
  const model = loaded.config.model.name;
  if (section.runner !== 'dataset') {
    const version = requireVersionInput('evaluate', inputs);
    if (inputs.shard !== undefined) throw new UsageError(`shard splits the built-in dataset runner's examples; evaluate.runner ${section.runner} evaluates as a whole`);
    await requireVersion(registry, model, version);
    await checkExternalRunner(ctx, section);
    // The runner writes the new evaluation itself: what the gate decided before no longer describes it.
    if (!ctx.dryRun) await withdrawForNewEvaluation(ctx, model, version);
    return evaluateExternally(ctx, section, model, version);
  }
  // The schema requires these three for runner: dataset.
  const config = section as EvaluateConfig;
  const duplicate = uniqueScorerNames(config.scorers.map(createScorer));
  if (duplicate) throw new ConfigError(`${loaded.file}: evaluate.scorers: two scorers are named "${duplicate}"; give one a different name`);
  const version = requireVersionInput('evaluate', inputs);
  const shard = parseShard(inputs.shard);
  const found = await requireVersion(registry, model, version);

  let url: string;
  try {
    url = endpointUrl(config.endpoint.url, { version, model, source: found.source }, `${loaded.file}: evaluate.endpoint.url`);
  } catch (error) {
    if (error instanceof TemplateError) throw new ConfigError(error.message);
    throw error;
  }
  const datasetFile = path.resolve(loaded.workdir, config.dataset.path);
  const scan = await scanDataset(datasetFile, datasetFormat(config.dataset));
  const datasetName = config.dataset.name ?? path.basename(config.dataset.path).replace(/\.[^.]+$/, '');
  const slice = shard ? { ...shard, rows: shardRows(shard, scan.rows) } : null;
  if (slice?.rows === 0) {
    throw new InputError(`shard ${shardLabel(slice)} would be empty: ${config.dataset.path} has ${scan.rows} rows, so use at most ${scan.rows} shards`);
  }
  const examples = slice ? slice.rows : scan.rows;
  const what = slice ? `${examples} of ${scan.rows} examples (shard ${shardLabel(slice)})` : `${examples} examples`;
  const dir = slice ? path.join(versionDir(loaded, version), shardDirName(slice)) : versionDir(loaded, version);
  const summaryPath = path.join(dir, 'summary.json');
  const resultsPath = path.join(dir, 'results.jsonl');
  const base = {
    mode: 'evaluate' as const,
    runner: 'dataset' as const,
    dryRun: ctx.dryRun,
    model,
    version,
    endpoint: url,
    dataset: { name: datasetName, path: config.dataset.path, digest: scan.digest, rows: scan.rows },
    summaryPath: shown(loaded, summaryPath),
    resultsPath: shown(loaded, resultsPath),
    runId: null,
    shard: slice,
  };
  if (ctx.dryRun) {
    await checkDatasetForRun({ config, datasetFile, url, clock: ctx.clock });
    logger.info(`dry run: would send ${what} to ${url} (${config.concurrency} at a time) and write ${base.summaryPath}, ${base.resultsPath}`);
    return { ...base, metrics: {}, errors: 0 };
  }

  // Results go to a temp file first: a crashed run must not leave a results file that looks whole.
  const partial = `${resultsPath}.partial`;
  const startedAtMs = ctx.clock.now();
  const run = await logger.group(`evaluate ${model} v${version}: ${what} against ${url}`, async () => {
    try {
      return await runDataset({ config, datasetFile, scan, url, resultsFile: partial, clock: ctx.clock, logger, signal: ctx.signal, shard, mask: ctx.mask });
    } catch (error) {
      // When no example was answered, the partial results are where each example's error is; after a cancellation, what was done.
      if (!(error instanceof NoAnswerError || error instanceof CancelledError)) await rm(partial, { force: true });
      throw error;
    }
  });
  if (run.rowsRead !== scan.rows || run.examples !== examples || (run.digest !== null && run.digest !== scan.digest)) {
    await rm(partial, { force: true });
    const change = run.rowsRead !== scan.rows ? `${scan.rows} rows before, ${run.rowsRead} read` : `${scan.digest} before, ${run.digest} read`;
    throw new InputError(`${config.dataset.path} changed while it was being evaluated (${change}); nothing was recorded. Run evaluate again once the file no longer changes`);
  }
  const resultsDigest = slice ? await fileDigest(partial) : null;
  // A shard's evaluation replaces nothing the gate read; merge replaces the version's.
  if (!slice) await withdrawForNewEvaluation(ctx, model, version);
  await rename(partial, resultsPath);
  const summary: Summary = {
    schema: summarySchemaId,
    model: { name: model, version },
    dataset: { name: datasetName, digest: scan.digest, rows: scan.rows, source: config.dataset.path },
    metrics: run.metrics,
    errors: run.errors,
    run_id: null,
    created_at: new Date(ctx.clock.now()).toISOString(),
    ...(slice && resultsDigest ? { shard: { ...slice, results_digest: resultsDigest, settings_digest: evaluationSettingsDigest(config) } } : {}),
  };
  await writeFile(summaryPath, `${JSON.stringify(summary, null, 2)}\n`);
  // A shard is recorded once merged: its metrics describe a slice, not the version.
  const runId = slice ? null : await recordEvaluation(ctx, summary, summaryPath, resultsPath, { runner: 'dataset', 'endpoint.format': config.endpoint.format, concurrency: String(config.concurrency), repeat: String(config.repeat) });
  const traces = runId ? await traceEvaluation(ctx, config, { runId, resultsPath, rows: scan.rows * config.repeat, model: { name: model, version }, startedAtMs }) : null;
  const changes = slice ? null : await changesAgainstChampion(ctx, { summary: { ...summary, run_id: runId }, resultsFile: resultsPath });
  return { ...base, runId, metrics: run.metrics, errors: run.errors, traces, changes };
}

/** The run's requests as MLflow traces; whatever goes wrong is a warning: the evaluation stands. */
async function traceEvaluation(
  ctx: ModeContext,
  config: EvaluateConfig,
  run: { runId: string; resultsPath: string; rows: number; model: { name: string; version: string }; startedAtMs: number },
): Promise<TraceOutcome | null> {
  if (!ctx.tracking || !config.traces.enabled) return null;
  const { client } = ctx.tracking;
  try {
    const recorded = await client.getRun(run.runId);
    if (!recorded) throw new Error(`run ${run.runId} was not found`);
    return await logEvaluationTraces({ client, settings: config.traces, experimentId: recorded.info.experiment_id, resultsFile: run.resultsPath, logger: ctx.logger, signal: ctx.signal, ...run });
  } catch (error) {
    ctx.logger.warn(`tracking: no traces were logged for run ${run.runId}: ${messageOf(error)}. The evaluation itself is recorded`);
    return null;
  }
}
