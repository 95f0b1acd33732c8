import type { Decision } from '../contract/decision';
import type { Summary } from '../contract/summary';

/**
 * What the modes record in a tracking server. Modes receive a `Tracker` (or null when nothing
 * is tracked, e.g. the local registry), so they can be tested with an in-memory one.
 */
export interface Tracker {
  readonly kind: string;
  readonly experiments: ExperimentNames;
  /** An `eval_pre_deploy_*` run in the evaluation experiment; returns its id for summary.json's run_id. */
  recordEvaluation(record: EvaluationRecord): Promise<RecordedRun>;
  /** The decision on the evaluation run it judged (or a `gate_*` run of its own when there is none). */
  recordGate(record: GateRecord): Promise<RecordedRun>;
  /** A `deploy_*` run in the deployment experiment, holding the rollout's state; the version is tagged with the run. */
  recordDeployment(record: DeploymentRecord): Promise<RecordedRun>;
  /**
   * The rollout state the latest deploy of this version to this environment recorded, written to
   * `localFile`; false when none was recorded. A rollback on a fresh runner restores from it.
   */
  fetchRolloutState(model: string, version: string, environment: string, localFile: string): Promise<boolean>;
}

export interface RecordedRun {
  runId: string;
  runName: string;
  experimentId: string;
  experimentName: string;
}

export interface EvaluationRecord {
  summary: Summary;
  summaryFile: string;
  /** Null when the runner has no per-example rows (databricks-job). */
  resultsFile: string | null;
  /** `digest` is the contract's `sha256:<hex>`; `source` is where the examples came from (a path or URI). */
  dataset: { name: string; digest: string; source: string };
  /** Extra run params: runner, endpoint format, concurrency… (strings; long values are cut at 6000). */
  params?: Record<string, string>;
}

export interface GateRecord {
  decision: Decision;
  decisionFile: string;
  /** The evaluation run the gate judged (summary.json's run_id), when it has one. */
  evaluationRunId?: string | null;
}

export interface DeploymentRecord {
  version: string;
  previousVersion: string | null;
  environment: string | null;
  /** The deploy target kind (command, databricks-serving…). */
  target: string;
  strategy: string;
  outcome: 'succeeded' | 'rolled_back' | 'failed';
  startedAt: number;
  endpointUrl?: string | null;
  /** Why it failed or rolled back. */
  reason?: string;
  /** The rollout state file (target snapshot included), kept with the run for a later rollback. */
  rolloutFile?: string;
}

/** Names of the three experiments of the tracking convention. */
export interface ExperimentNames {
  development: string;
  evaluation: string;
  deployment: string;
}
