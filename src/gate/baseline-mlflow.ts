import { mkdtemp, rm } from '../fs-async';
import os from 'node:os';
import path from 'node:path';
import type { TrackingClient } from '../tracking/client';
import { evaluationRunFilter, resultsArtifact, runNamePrefixes, summaryArtifact, trackingTags } from '../tracking/runs';
import type { BaselineLookup, BaselineRequest, BaselineSource } from './baseline-source';

export interface MlflowBaselineOptions {
  client: TrackingClient;
  /** experiments.evaluation */
  experiment: string;
  /** Where the downloaded files go (a fresh directory inside it); default the OS temp dir. */
  tempRoot?: string;
}

/**
 * The champion's evaluation from MLflow: the latest FINISHED `eval_pre_deploy_*` run in the
 * evaluation experiment tagged with the holder's model name and version and with the
 * candidate's dataset digest (`agent_release.dataset.digest`, which recordEvaluation sets),
 * its summary.json and results.jsonl downloaded to a temp directory, removed once the gate read them.
 */
export function mlflowBaselineSource(options: MlflowBaselineOptions): BaselineSource {
  const { client, experiment } = options;
  return {
    kind: 'mlflow',
    async find({ model, alias, holder, candidateVersion, datasetDigest }: BaselineRequest): Promise<BaselineLookup> {
      if (holder === null) return { kind: 'none', reason: `no version holds @${alias} yet (first release): nothing to compare with, so the baseline comparison is skipped` };
      if (holder === candidateVersion) return { kind: 'none', reason: `version ${holder} already holds @${alias}: it is its own champion, so the baseline comparison is skipped` };
      const fix = `evaluate version ${holder} on the same dataset (agent-release evaluate --model-version ${holder}) so it is recorded there, or point gate.baseline.summary_path at its evaluation`;
      const wanted = `FINISHED ${runNamePrefixes.evaluation}* run tagged ${trackingTags.modelName}=${model}, ${trackingTags.modelVersion}=${holder} and ${trackingTags.datasetDigest}=${datasetDigest}`;
      const found = await client.getExperiment(experiment);
      if (!found) return { kind: 'missing', reason: `@${alias} is held by version ${holder}, but the evaluation experiment ${experiment} does not exist at ${client.trackingUri}; ${fix}` };
      const { runs } = await client.searchRuns({
        experimentIds: [found.experiment_id],
        filter: evaluationRunFilter(model, holder, datasetDigest),
        orderBy: ['attributes.start_time DESC'],
        maxResults: 1,
      });
      const [run] = runs;
      if (!run) return { kind: 'missing', reason: `@${alias} is held by version ${holder}, but experiment ${experiment} has no ${wanted}; ${fix}` };
      const dir = await mkdtemp(path.join(options.tempRoot ?? os.tmpdir(), 'agent-release-baseline-'));
      const cleanup = (): Promise<void> => rm(dir, { recursive: true, force: true });
      const summaryFile = path.join(dir, summaryArtifact);
      const resultsFile = path.join(dir, resultsArtifact);
      try {
        for (const [artifact, file] of [
          [summaryArtifact, summaryFile],
          [resultsArtifact, resultsFile],
        ] as const) {
          if (!(await client.downloadArtifact(run, artifact, file))) {
            await cleanup();
            return { kind: 'missing', reason: `@${alias} is held by version ${holder}, and its evaluation run ${run.info.run_name} (${run.info.run_id}) in ${experiment} has no ${artifact} artifact; ${fix}` };
          }
        }
      } catch (error) {
        await cleanup();
        throw error;
      }
      // Recorded as where they live, not where this runner happened to download them.
      const shownAs = { summary: `mlflow-run:${run.info.run_id}/${summaryArtifact}`, results: `mlflow-run:${run.info.run_id}/${resultsArtifact}` };
      return { kind: 'found', summaryFile, resultsFile, shownAs, cleanup, expectedVersion: holder, origin: `@${alias} (version ${holder}), MLflow run ${run.info.run_name} (${run.info.run_id})` };
    },
  };
}
