/**
 * The `mlflow-run` runner: the evaluation already happened elsewhere (a notebook, a scheduled
 * `mlflow.genai.evaluate`) and is read back from its MLflow run, by id or as the latest
 * FINISHED `eval_pre_deploy_*` run of the model version. When the run carries the contract's
 * files as artifacts they are downloaded and checked as the gate will check them; otherwise a
 * summary.json is built from the run's metrics and dataset input, and says so in dataset.source.
 */
import { rm, writeFile } from '../../fs-async';
import path from 'node:path';
import { readSummary, summarySchemaId, type Metric, type Summary } from '../../contract/summary';
import { InputError, RefusedError } from '../../errors';
import { checkResultsMatchSummary } from '../../gate/baseline';
import { readScores } from '../../gate/scores';
import type { Clock } from '../../clock';
import type { Logger } from '../../logger';
import type { Run, TrackingClient } from '../../tracking/client';
import { evaluationRunFilter, metricCompanions, resultsArtifact, runNamePrefixes, summaryArtifact, trackingTags } from '../../tracking/runs';
import { sha256Hex } from '../../hash/sha256';

/** evaluate.mlflow_run: a run id, or a query in an experiment (default experiments.evaluation) with an extra filter. */
export type MlflowRunSource = { runId: string } | { experiment: string; filter?: string };

export interface MlflowRunEvaluatorOptions {
  client: TrackingClient;
  source: MlflowRunSource;
  model: { name: string; version: string };
  /** Where summary.json (and results.jsonl, when the run has it) are written; must exist. */
  outputDir: string;
  clock: Clock;
  logger: Logger;
}

export interface MlflowRunEvaluation {
  summary: Summary;
  summaryPath: string;
  /** Null when the run has no results.jsonl artifact (the gate then cannot compare per example). */
  resultsPath: string | null;
  runId: string;
}

export async function runMlflowRunEvaluator(options: MlflowRunEvaluatorOptions): Promise<MlflowRunEvaluation> {
  const { client, model, outputDir, logger } = options;
  const run = await findRun(options);
  const runId = run.info.run_id;
  const tags = Object.fromEntries(run.data.tags.map((t) => [t.key, t.value]));
  const taggedName = tags[trackingTags.modelName];
  const taggedVersion = tags[trackingTags.modelVersion];
  if ((taggedName !== undefined && taggedName !== model.name) || (taggedVersion !== undefined && taggedVersion !== model.version)) {
    throw new RefusedError(`MLflow run ${runId} is the evaluation of ${taggedName ?? '(untagged model)'} version ${taggedVersion ?? '(untagged)'}, not of ${model.name} version ${model.version}; give the run of this version in evaluate.mlflow_run.run_id`);
  }
  if (taggedName === undefined || taggedVersion === undefined) {
    logger.warn(`evaluate: MLflow run ${runId} carries no ${trackingTags.modelName}/${trackingTags.modelVersion} tags, so nothing shows it evaluated ${model.name} version ${model.version}; trusting evaluate.mlflow_run`);
  }

  const summaryPath = path.join(outputDir, 'summary.json');
  const resultsPath = path.join(outputDir, 'results.jsonl');
  // A file left by an earlier run must never be read as this run's answer.
  await rm(summaryPath, { force: true });
  await rm(resultsPath, { force: true });
  if (await client.downloadArtifact(run, summaryArtifact, summaryPath)) {
    let summary = await readSummary(summaryPath);
    if (summary.model.name !== model.name || summary.model.version !== model.version) {
      throw new RefusedError(`the ${summaryArtifact} of MLflow run ${runId} is the evaluation of ${summary.model.name} version ${summary.model.version}, not of ${model.name} version ${model.version}`);
    }
    if (summary.run_id === null) {
      summary = { ...summary, run_id: runId };
      await writeFile(summaryPath, `${JSON.stringify(summary, null, 2)}\n`);
    }
    if (!(await client.downloadArtifact(run, resultsArtifact, resultsPath))) {
      logger.warn(`evaluate: MLflow run ${runId} has ${summaryArtifact} but no ${resultsArtifact}; the gate can check thresholds but not compare with the champion example by example`);
      return { summary, summaryPath, resultsPath: null, runId };
    }
    checkResultsMatchSummary(await readScores(resultsPath, resultsPath, 'results'), summary, summaryPath);
    return { summary, summaryPath, resultsPath, runId };
  }
  const summary = summaryFromRun(run, model, options.clock);
  await writeFile(summaryPath, `${JSON.stringify(summary, null, 2)}\n`);
  logger.info(`evaluate: MLflow run ${runId} has no ${summaryArtifact}; built one from its ${Object.keys(summary.metrics).length} metrics and dataset ${summary.dataset.name}`);
  return { summary, summaryPath, resultsPath: null, runId };
}

async function findRun(options: MlflowRunEvaluatorOptions): Promise<Run> {
  const { client, source, model } = options;
  if ('runId' in source) {
    const run = await client.getRun(source.runId);
    if (!run) throw new InputError(`evaluate.mlflow_run.run_id: MLflow run ${source.runId} does not exist at ${client.trackingUri}; check the id (the run page URL ends with it) and the tracking URI`);
    if (run.info.status !== 'FINISHED') throw new RefusedError(`MLflow run ${source.runId} is ${run.info.status}, not FINISHED; wait for it to finish or give a finished run`);
    return run;
  }
  const experiment = await client.getExperiment(source.experiment);
  const wanted = `FINISHED ${runNamePrefixes.evaluation}* run tagged ${trackingTags.modelName}=${model.name} and ${trackingTags.modelVersion}=${model.version}${source.filter ? ` matching ${source.filter}` : ''}`;
  if (!experiment) throw new RefusedError(`evaluate.mlflow_run: the MLflow experiment ${source.experiment} does not exist at ${client.trackingUri}, so it has no ${wanted}; check experiments.evaluation or evaluate.mlflow_run.experiment`);
  const filter = [evaluationRunFilter(model.name, model.version), source.filter].filter(Boolean).join(' AND ');
  const [run] = (await client.searchRuns({ experimentIds: [experiment.experiment_id], filter, orderBy: ['attributes.start_time DESC'], maxResults: 1 })).runs;
  if (!run) throw new RefusedError(`evaluate.mlflow_run: experiment ${source.experiment} has no ${wanted}; record the evaluation of version ${model.version} first, or give its run_id`);
  return run;
}

/**
 * A summary from what the run logged: each metric key is a metric (its `.n` companion metric or
 * param is n, else 0), the dataset is the run's evaluation input. The contract's digest is the
 * one agent-release tagged; for a foreign run it is derived from MLflow's own dataset digest, so
 * runs on the same dataset still compare.
 */
function summaryFromRun(run: Run, model: { name: string; version: string }, clock: Clock): Summary {
  const runId = run.info.run_id;
  const params = Object.fromEntries(run.data.params.map((p) => [p.key, p.value]));
  const tags = Object.fromEntries(run.data.tags.map((t) => [t.key, t.value]));
  const values = new Map(run.data.metrics.map((m) => [m.key, Number(m.value)]));
  const metrics: Record<string, Metric> = {};
  for (const [key, value] of values) {
    if (metricCompanions.some((suffix) => key.endsWith(suffix) && values.has(key.slice(0, -suffix.length)))) continue;
    if (!Number.isFinite(value)) throw new InputError(`MLflow run ${runId}: metric ${key} is ${value}; an evaluation metric must be a finite number`);
    const n = values.get(`${key}.n`) ?? Number(params[`${key}.n`] ?? 0);
    metrics[key] = { value, n: Number.isInteger(n) && n >= 0 ? n : 0 };
    const low = values.get(`${key}.ci_low`);
    const high = values.get(`${key}.ci_high`);
    const [method, confidence] = (params[`${key}.ci`] ?? '').split(' ');
    if (low !== undefined && high !== undefined && method && Number(confidence) > 0 && Number(confidence) < 1) metrics[key].ci = { low, high, confidence: Number(confidence), method };
  }
  if (Object.keys(metrics).length === 0) throw new InputError(`MLflow run ${runId} has neither a ${summaryArtifact} artifact nor any metrics; there is nothing to gate`);
  const inputs = run.inputs.dataset_inputs;
  const input = inputs.find((i) => i.tags.some((t) => t.key === 'mlflow.data.context' && t.value === 'evaluation')) ?? inputs[0];
  if (!input) {
    throw new InputError(`MLflow run ${runId} has no ${summaryArtifact} artifact and no dataset input, so the dataset it was evaluated on is unknown; log the dataset with mlflow.log_input(dataset, context="evaluation") or upload ${summaryArtifact}`);
  }
  const tagged = tags[trackingTags.datasetDigest];
  const digest = tagged && /^sha256:[0-9a-f]{64}$/.test(tagged) ? tagged : `sha256:${sha256Hex(`mlflow-dataset:${input.dataset.name}:${input.dataset.digest}`)}`;
  const rows = Number((safeJson(input.dataset.profile) as { num_rows?: unknown } | undefined)?.num_rows ?? params['dataset.rows'] ?? 0);
  const errors = Number(params.errors ?? 0);
  return {
    schema: summarySchemaId,
    model,
    dataset: {
      name: input.dataset.name,
      digest,
      rows: Number.isInteger(rows) && rows >= 0 ? rows : 0,
      source: `MLflow run ${runId} (dataset input ${input.dataset.name}, MLflow digest ${input.dataset.digest})`,
    },
    metrics,
    errors: Number.isInteger(errors) && errors >= 0 ? errors : 0,
    run_id: runId,
    created_at: new Date(clock.now()).toISOString(),
  };
}

function safeJson(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}
