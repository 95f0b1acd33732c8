import { mkdir, rename, rm, writeFile } from '../fs-async';
import path from 'node:path';
import { summarySchemaId, type Metric, type Summary } from '../contract/summary';
import { ConfigError } from '../errors';
import { checkResultDigests, checkShards, combineResults, findShardSummaries, readShards } from '../evaluate/merge';
import { createScorer, uniqueScorerNames } from '../evaluate/scorers';
import type { ModeContext, ModeInputs } from './context';
import { recordEvaluation } from './evaluate-external';
import { shown, versionDir } from './paths';
import { requireVersion, requireVersionInput } from './versions';
import { withdrawForNewEvaluation } from '../gate/decision-record';

export interface MergeResult {
  mode: 'merge';
  dryRun: boolean;
  model: string;
  version: string;
  /** The whole dataset, as every shard recorded it. */
  dataset: { name: string; path: string | null; digest: string; rows: number };
  shards: { index: number; count: number; rows: number; errors: number; summaryPath: string; resultsPath: string }[];
  summaryPath: string;
  resultsPath: string;
  runId: string | null;
  metrics: Record<string, Metric>;
  errors: number;
}

/**
 * Combines the shards of a matrix evaluation (`evaluate` with `shard: i/n`) into the version's
 * summary.json and results.jsonl, where gate looks by default. Refuses, before writing anything,
 * shards of different versions, datasets or shard counts, a missing or duplicated shard, and a
 * results file that is not the one its summary describes. Metrics are recomputed from the rows,
 * so they are exact over the whole set. No endpoint is needed; with an MLflow registry the merged
 * evaluation is recorded there (as evaluate records an unsharded one).
 */
export async function merge(ctx: ModeContext, inputs: ModeInputs): Promise<MergeResult> {
  const { loaded, logger } = ctx;
  const config = loaded.config.evaluate;
  if (!config) throw new ConfigError(`${loaded.file}: merge mode needs the evaluate section the shards were evaluated with (its scorers say which metrics are pass/fail)`);
  if (config.runner !== 'dataset' || !config.scorers) throw new ConfigError(`${loaded.file}: merge combines the shards of evaluate.runner: dataset; runner ${config.runner} is not sharded`);
  const scorers = config.scorers.map(createScorer);
  const duplicate = uniqueScorerNames(scorers);
  if (duplicate) throw new ConfigError(`${loaded.file}: evaluate.scorers: two scorers are named "${duplicate}"; give one a different name`);
  const model = loaded.config.model.name;
  const version = requireVersionInput('merge', inputs);
  // Recording tags the version: check it exists before anything is written or recorded.
  if (ctx.tracking) await requireVersion(ctx.registry, model, version);

  const dir = versionDir(loaded, version);
  const summaryFile = path.join(dir, 'summary.json');
  const resultsFile = path.join(dir, 'results.jsonl');
  const show = (file: string): string => shown(loaded, file);
  const roots = (inputs.shardsPath ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((p) => path.resolve(loaded.workdir, p));
  // By default the shards' own folders (<version>/shard-i-of-n/), as evaluate writes them; the
  // merged summary.json there is this mode's output, never an input.
  const files = await findShardSummaries(roots.length ? roots : [dir], new Set([summaryFile]), show);
  const shards = checkShards(await readShards(files, show), { model, version }, show);
  await checkResultDigests(shards, show);
  const first = (shards[0] as (typeof shards)[number]).summary;

  const base = {
    mode: 'merge' as const,
    dryRun: ctx.dryRun,
    model,
    version,
    dataset: { name: first.dataset.name, path: first.dataset.source ?? null, digest: first.dataset.digest, rows: first.dataset.rows },
    shards: shards.map(({ summary: { shard, errors }, summaryFile: file, resultsFile: results }) => ({
      index: shard.index,
      count: shard.count,
      rows: shard.rows,
      errors,
      summaryPath: show(file),
      resultsPath: show(results),
    })),
    summaryPath: show(summaryFile),
    resultsPath: show(resultsFile),
    runId: null,
  };
  const title = `merge ${shards.length} shards of ${model} v${version}: ${first.dataset.rows} examples of ${first.dataset.name}`;
  if (ctx.dryRun) {
    const { aggregate } = await logger.group(title, () => combineResults(shards, scorers, null, show));
    logger.info(`dry run: would write ${base.summaryPath}, ${base.resultsPath}`);
    return { ...base, metrics: aggregate.metrics(), errors: aggregate.errors };
  }

  await mkdir(dir, { recursive: true });
  // As in evaluate: a merge that stops half-way must not leave a results file that looks whole.
  const partial = `${resultsFile}.partial`;
  const { aggregate } = await logger.group(title, async () => {
    try {
      return await combineResults(shards, scorers, partial, show);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  });
  await withdrawForNewEvaluation(ctx, model, version);
  await rename(partial, resultsFile);
  const metrics = aggregate.metrics();
  const summary: Summary = {
    schema: summarySchemaId,
    model: { name: model, version },
    dataset: { ...first.dataset },
    metrics,
    errors: aggregate.errors,
    run_id: null,
    created_at: new Date(ctx.clock.now()).toISOString(),
    merged_from: shards.map((s) => ({ index: s.summary.shard.index, rows: s.summary.shard.rows, results_digest: s.summary.shard.results_digest })),
  };
  await writeFile(summaryFile, `${JSON.stringify(summary, null, 2)}\n`);
  const runId = await recordEvaluation(ctx, summary, summaryFile, resultsFile, { runner: 'dataset', shards: String(shards.length) });
  return { ...base, runId, metrics, errors: aggregate.errors };
}
