import { readFile, writeFile } from '../fs-async';
import { compactUtc, type Clock } from '../clock';
import type { Decision } from '../contract/decision';
import { InputError, RefusedError, messageOf } from '../errors';
import type { Logger } from '../logger';
import { filterLiteral } from '../mlflow/search';
import type { RunInfo } from '../modes/context';
import type { Registry } from '../registry/types';
import { maxTagValueLength, type MetricPoint, type Run, type TrackingClient } from './client';
import type { DeploymentRecord, EvaluationRecord, ExperimentNames, GateRecord, RecordedRun, Tracker } from './types';

/** Run-name prefixes of the three experiments; the rest is YYYYMMDD_HHMMSS (UTC). */
export const runNamePrefixes = { development: 'dev_', evaluation: 'eval_pre_deploy_', deployment: 'deploy_', gate: 'gate_' } as const;

/**
 * Tags on every run agent-release records. Ours are namespaced `agent_release.*` so search
 * filters can rely on them; MLflow's own `mlflow.*` tags are set too where one fits, so the
 * MLflow UI shows the commit, the user and the source.
 */
export const trackingTags = {
  modelName: 'agent_release.model.name',
  modelVersion: 'agent_release.model.version',
  mode: 'agent_release.mode',
  gitSha: 'agent_release.git_sha',
  repository: 'agent_release.repository',
  workflowRunUrl: 'agent_release.workflow_run_url',
  actor: 'agent_release.actor',
  /** The contract's full `sha256:<hex>` digest: MLflow's dataset input keeps at most 36 characters. */
  datasetDigest: 'agent_release.dataset.digest',
  datasetName: 'agent_release.dataset.name',
  /** `true` on a pull request's evaluation: it previews a change, it is not the version's evaluation of record. */
  pullRequest: 'agent_release.pull_request',
  gateDecision: 'agent_release.gate.decision',
  gateDecidedAt: 'agent_release.gate.decided_at',
  gateFailedRules: 'agent_release.gate.failed_rules',
  deployOutcome: 'agent_release.deploy.outcome',
  deployReason: 'agent_release.deploy.reason',
  environment: 'agent_release.environment',
  mlflowUser: 'mlflow.user',
  mlflowSourceName: 'mlflow.source.name',
  mlflowSourceType: 'mlflow.source.type',
  mlflowGitCommit: 'mlflow.source.git.commit',
} as const;

/** The model-version tag that links a version to its evaluation run. */
export const evaluationRunVersionTag = 'agent_release.evaluation.run_id';

/** Companion metrics of each summary metric `<name>`: `<name>.n`, `<name>.ci_low`, `<name>.ci_high`; the interval's method and level are the param `<name>.ci`. */
export const metricCompanions = ['.n', '.ci_low', '.ci_high'] as const;

/** The model-version tag that names the deploy_ run holding a version's rollout state in an environment. */
export const deploymentRunVersionTag = (environment: string): string => `agent_release.deploy.${environment}.run_id`;
/** The deploy_ run tag holding the rollout state when it fits in a tag (always readable, Databricks included). */
export const rolloutStateRunTag = 'agent_release.rollout.state';
export const rolloutArtifact = 'rollout/state.json';

export const summaryArtifact = 'summary.json';
export const resultsArtifact = 'results.jsonl';
export const decisionArtifact = 'decision.json';

export function runNameFor(kind: keyof typeof runNamePrefixes, ms: number): string {
  return `${runNamePrefixes[kind]}${compactUtc(ms)}`;
}

/** Default experiment names, derived from the model name; workspace paths, so they are valid on Databricks too. */
export function defaultExperimentNames(model: string, configured: Partial<ExperimentNames> = {}): ExperimentNames {
  const base = `/Shared/agent-release/${model}`;
  return {
    development: configured.development ?? `${base}/development`,
    evaluation: configured.evaluation ?? `${base}/evaluation`,
    deployment: configured.deployment ?? `${base}/deployment`,
  };
}

/** MLflow's dataset digest (≤ 36 characters): the first 32 hex digits of the contract's sha256. */
export function mlflowDatasetDigest(digest: string): string {
  return digest.replace(/^sha256:/, '').slice(0, 32);
}


/** Finished `eval_pre_deploy_*` runs of one model version, optionally on one dataset. */
export function evaluationRunFilter(model: string, version: string, datasetDigest?: string): string {
  const clauses = [
    `attributes.run_name LIKE '${runNamePrefixes.evaluation}%'`,
    `attributes.status = 'FINISHED'`,
    `tags.\`${trackingTags.modelName}\` = ${filterLiteral(model)}`,
    `tags.\`${trackingTags.modelVersion}\` = ${filterLiteral(version)}`,
  ];
  if (datasetDigest !== undefined) clauses.push(`tags.\`${trackingTags.datasetDigest}\` = ${filterLiteral(datasetDigest)}`);
  return clauses.join(' AND ');
}

export interface MlflowTrackerOptions {
  client: TrackingClient;
  model: string;
  experiments: ExperimentNames;
  run: RunInfo;
  clock: Clock;
  logger: Logger;
  /** When given, the evaluated version is tagged with its evaluation run (`agent_release.evaluation.run_id`). */
  registry?: Pick<Registry, 'setVersionTags' | 'getVersion'>;
}

/** Records evaluations, gate decisions and deployments as MLflow runs. */
export class MlflowTracker implements Tracker {
  readonly kind = 'mlflow';
  readonly experiments: ExperimentNames;
  private readonly client: TrackingClient;

  constructor(private readonly options: MlflowTrackerOptions) {
    this.client = options.client;
    this.experiments = options.experiments;
  }

  async recordEvaluation(record: EvaluationRecord): Promise<RecordedRun> {
    const { summary, dataset } = record;
    if (summary.model.name !== this.options.model) {
      throw new InputError(`the evaluation summary is of model ${summary.model.name}, but this release is of ${this.options.model}; it is not recorded`);
    }
    const now = this.options.clock.now();
    const tags = { ...this.standardTags('evaluate', summary.model.version), [trackingTags.datasetDigest]: dataset.digest, [trackingTags.datasetName]: dataset.name };
    return this.recordRun('evaluation', runNameFor('evaluation', now), tags, async (run) => {
      const metrics: MetricPoint[] = [];
      const params: Record<string, string> = {
        'model.name': summary.model.name,
        'model.version': summary.model.version,
        'dataset.name': dataset.name,
        'dataset.digest': dataset.digest,
        'dataset.rows': String(summary.dataset.rows),
        'dataset.source': dataset.source,
        errors: String(summary.errors),
        ...record.params,
      };
      for (const [name, metric] of Object.entries(summary.metrics)) {
        metrics.push({ key: name, value: metric.value, timestamp: now }, { key: `${name}.n`, value: metric.n, timestamp: now });
        if (metric.ci) {
          metrics.push({ key: `${name}.ci_low`, value: metric.ci.low, timestamp: now }, { key: `${name}.ci_high`, value: metric.ci.high, timestamp: now });
          params[`${name}.ci`] = `${metric.ci.method} ${metric.ci.confidence}`;
        }
      }
      await this.client.logBatch(run.info.run_id, { metrics, params });
      const profile = JSON.stringify({ num_rows: summary.dataset.rows });
      await this.client.logInputs(run.info.run_id, [
        { dataset: { name: dataset.name, digest: mlflowDatasetDigest(dataset.digest), source_type: sourceType(dataset.source), source: JSON.stringify({ uri: dataset.source }), profile }, context: 'evaluation' },
      ]);
      // The run's copy names the run, as the local summary.json does once this returns.
      await this.client.uploadArtifact(run, summaryArtifact, record.summaryFile, (text) => `${JSON.stringify({ ...(JSON.parse(text) as object), run_id: run.info.run_id }, null, 2)}\n`);
      if (record.resultsFile !== null) await this.client.uploadArtifact(run, resultsArtifact, record.resultsFile);
    }).then(async (recorded) => {
      // A pull request's evaluation is recorded, but the version's evaluation of record stays the one its release was gated on.
      if (!this.options.run.pullRequest) await this.options.registry?.setVersionTags(summary.model.name, summary.model.version, { [evaluationRunVersionTag]: recorded.runId });
      return recorded;
    });
  }

  /**
   * On the evaluation run the gate judged, so one run holds the evaluation and its verdict (a
   * re-run gate overwrites the tags and decision.json; the metrics keep the history). Without
   * one, a `gate_*` run of its own in the evaluation experiment.
   */
  async recordGate(record: GateRecord): Promise<RecordedRun> {
    const { decision } = record;
    const log = async (run: Run, artifact: string): Promise<void> => {
      const now = this.options.clock.now();
      const failed = decision.rules.filter((r) => !r.passed && !r.warning).map((r) => (r.metric ? `${r.rule}:${r.metric}` : r.rule));
      await this.client.logBatch(run.info.run_id, {
        metrics: [
          { key: 'gate/passed', value: decision.decision === 'pass' ? 1 : 0, timestamp: now },
          { key: 'gate/rules', value: decision.rules.length, timestamp: now },
          { key: 'gate/rules_failed', value: failed.length, timestamp: now },
        ],
        tags: { [trackingTags.gateDecision]: decision.decision, [trackingTags.gateDecidedAt]: decision.decided_at, [trackingTags.gateFailedRules]: failed.join(', ') },
      });
      await this.client.uploadArtifact(run, artifact, record.decisionFile);
    };
    if (!record.evaluationRunId) {
      return this.recordRun('evaluation', runNameFor('gate', this.options.clock.now()), this.standardTags('gate', decision.model.version), (run) => log(run, decisionArtifact));
    }
    const run = await this.evaluationRunOf(record.evaluationRunId, decision);
    await log(run, `gate/${decisionArtifact}`);
    const experiment = this.options.experiments.evaluation;
    return { runId: run.info.run_id, runName: run.info.run_name, experimentId: run.info.experiment_id, experimentName: experiment };
  }

  async recordDeployment(record: DeploymentRecord): Promise<RecordedRun> {
    const tags = {
      ...this.standardTags('deploy', record.version),
      [trackingTags.deployOutcome]: record.outcome,
      ...(record.environment ? { [trackingTags.environment]: record.environment } : {}),
      ...(record.reason ? { [trackingTags.deployReason]: record.reason } : {}),
    };
    const status = record.outcome === 'succeeded' ? 'FINISHED' : 'FAILED';
    return this.recordRun(
      'deployment',
      runNameFor('deployment', record.startedAt),
      tags,
      async (run) => {
        const params: Record<string, string> = { version: record.version, previous_version: record.previousVersion ?? 'none', target: record.target, strategy: record.strategy };
        if (record.environment) params.environment = record.environment;
        if (record.endpointUrl) params.endpoint_url = record.endpointUrl;
        await this.client.logBatch(run.info.run_id, { params, metrics: [{ key: 'deploy/rolled_back', value: record.outcome === 'rolled_back' ? 1 : 0, timestamp: this.options.clock.now() }] });
        if (record.rolloutFile) await this.keepRolloutState(run, record.rolloutFile);
      },
      { startTime: record.startedAt, status },
    ).then(async (recorded) => {
      if (record.rolloutFile && record.environment) {
        await this.options.registry?.setVersionTags(this.options.model, record.version, { [deploymentRunVersionTag(record.environment)]: recorded.runId });
      }
      return recorded;
    });
  }

  async fetchRolloutState(model: string, version: string, environment: string, localFile: string): Promise<boolean> {
    const runId = (await this.options.registry?.getVersion(model, version))?.tags[deploymentRunVersionTag(environment)];
    if (!runId) return false;
    const run = await this.client.getRun(runId);
    if (!run) return false;
    const tagged = run.data.tags.find((t) => t.key === rolloutStateRunTag)?.value;
    if (tagged !== undefined) {
      await writeFile(localFile, tagged);
      return true;
    }
    return this.client.downloadArtifact(run, rolloutArtifact, localFile);
  }

  /** A tag where the state fits (readable on every tracking server), else an artifact; never a secret. */
  private async keepRolloutState(run: Run, file: string): Promise<void> {
    const text = await readFile(file, 'utf8');
    if (this.client.holdsSecret(text)) {
      this.options.logger.warn(
        `the rollout state in ${file} holds a secret value (in the target's snapshot), so it is not kept with run ${run.info.run_id}; a rollback on another runner restores the previous version as the target knows it, not this exact snapshot. Keep secrets in the target's secret store (e.g. {{secrets/scope/key}}) rather than in plain values`,
      );
      return;
    }
    if (text.length <= maxTagValueLength) await this.client.setTag(run.info.run_id, rolloutStateRunTag, text);
    else await this.client.uploadArtifact(run, rolloutArtifact, file);
  }

  /** The run a gate decision belongs to; refused when it is another model version's. */
  private async evaluationRunOf(runId: string, decision: Decision): Promise<Run> {
    const run = await this.client.getRun(runId);
    if (!run) throw new InputError(`the evaluation run ${runId} (summary.json run_id) does not exist at ${this.client.trackingUri}; record the decision without it or fix run_id`);
    const tags = Object.fromEntries(run.data.tags.map((t) => [t.key, t.value]));
    const { name, version } = decision.model;
    const taggedName = tags[trackingTags.modelName];
    const taggedVersion = tags[trackingTags.modelVersion];
    if ((taggedName !== undefined && taggedName !== name) || (taggedVersion !== undefined && taggedVersion !== version)) {
      throw new RefusedError(`MLflow run ${runId} is the evaluation of ${taggedName} version ${taggedVersion}, not of ${name} version ${version}; the gate decision was not recorded on it`);
    }
    return run;
  }

  /** Creates the run, logs through `body`, finishes it; a failure part-way marks the run FAILED (best effort) and is rethrown. */
  private async recordRun(
    kind: 'evaluation' | 'deployment',
    runName: string,
    tags: Record<string, string>,
    body: (run: Run) => Promise<void>,
    options: { startTime?: number; status?: 'FINISHED' | 'FAILED' } = {},
  ): Promise<RecordedRun> {
    const experimentName = this.options.experiments[kind];
    const experiment = await this.client.getOrCreateExperiment(experimentName);
    const run = await this.client.createRun({ experimentId: experiment.experiment_id, runName, startTime: options.startTime ?? this.options.clock.now(), tags });
    const runId = run.info.run_id;
    try {
      await body(run);
    } catch (error) {
      await this.client.finishRun(runId, 'FAILED', this.options.clock.now()).catch((e: unknown) => this.options.logger.warn(`tracking.mlflow: could not mark run ${runId} FAILED: ${messageOf(e)}`));
      throw error;
    }
    await this.client.finishRun(runId, options.status ?? 'FINISHED', this.options.clock.now());
    this.options.logger.info(`tracking.mlflow: recorded run ${runName} (${runId}) in experiment ${experimentName}`);
    return { runId, runName, experimentId: experiment.experiment_id, experimentName };
  }

  private standardTags(mode: string, version: string): Record<string, string> {
    const { run, model } = this.options;
    const tags: Record<string, string> = {
      [trackingTags.modelName]: model,
      [trackingTags.modelVersion]: version,
      [trackingTags.mode]: mode,
      [trackingTags.actor]: run.actor,
      [trackingTags.mlflowUser]: run.actor,
      [trackingTags.mlflowSourceType]: run.runUrl ? 'JOB' : 'LOCAL',
      [trackingTags.mlflowSourceName]: run.runUrl ?? run.repository ?? 'agent-release',
    };
    if (run.sha) Object.assign(tags, { [trackingTags.gitSha]: run.sha, [trackingTags.mlflowGitCommit]: run.sha });
    if (run.repository) tags[trackingTags.repository] = run.repository;
    if (run.runUrl) tags[trackingTags.workflowRunUrl] = run.runUrl;
    if (run.pullRequest) tags[trackingTags.pullRequest] = 'true';
    return tags;
  }
}

/** MLflow's dataset source types name where data lives (`local`, `http`, `s3`…). */
function sourceType(source: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(source)?.[1]?.toLowerCase();
  if (!scheme || scheme === 'file') return 'local';
  return scheme === 'https' ? 'http' : scheme;
}
