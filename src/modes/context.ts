import type { Clock } from '../clock';
import type { LoadedConfig } from '../config/load';
import type { AnalysisProvider } from '../analysis/types';
import type { DatabricksConnection } from '../databricks/auth';
import type { DatabricksFilesClient } from '../databricks/files';
import type { DeploymentReporter } from '../deploy/reporter';
import type { DeployTarget } from '../deploy/types';
import type { Logger } from '../logger';
import type { ApprovalSource } from '../promote/approval';
import type { Registry } from '../registry/types';
import type { Tracking } from '../tracking';

/** Why release.yml's own rollback step runs: the step that failed, or the run's cancellation. */
export const rollbackCauses = ['promote-failed', 'deploy-failed', 'verify-failed', 'cancelled'] as const;
export type RollbackCause = (typeof rollbackCauses)[number];

/** Who and what started this run; written into audit tags and decisions. */
export interface RunInfo {
  actor: string;
  runUrl: string | null;
  sha: string | null;
  repository: string | null;
  /** The same for every attempt of one workflow run (owner/repo#run id); null outside Actions. */
  runKey?: string | null;
  /** This job's summary (needs the job's check run id, AGENT_RELEASE_JOB_ID); else absent and the run URL stands in. */
  summaryUrl?: string | null;
  /** Run for a pull request (GITHUB_EVENT_NAME pull_request or pull_request_target): its evaluation previews a change, it does not replace the version's evaluation of record. */
  pullRequest?: boolean;
}

/** Everything a mode may touch, injected by the shell (or a test). Modes read nothing else. */
export interface ModeContext {
  loaded: LoadedConfig;
  registry: Registry;
  /** Built on first use, so modes that need no target do not require a deploy section. */
  target: () => Promise<DeployTarget>;
  analysis: () => Promise<AnalysisProvider>;
  /** The tracking server paired with the registry (runs, experiments, artifacts); undefined for the embedded registry. */
  tracking?: Tracking;
  /** The Databricks workspace and its credentials, from the environment on first use. */
  databricks?: () => DatabricksConnection;
  /** The Files API client for artifact roots in a Unity Catalog Volume; built on first use. */
  databricksFiles?: () => Promise<DatabricksFilesClient>;
  clock: Clock;
  logger: Logger;
  run: RunInfo;
  /** The process environment, for what runs on the user's behalf (evaluator commands, deploy commands). */
  env: Readonly<Record<string, string | undefined>>;
  dryRun: boolean;
  /** Aborted by the shell on SIGTERM/SIGINT: a rollout in progress rolls back before exiting. */
  signal?: AbortSignal;
  /** Where deploy and rollback report the deployment's status (GitHub Deployments); optional. */
  deployments?: DeploymentReporter;
  /**
   * The shell's one masking path, for text that leaves the process other than through the shell
   * (notification bodies, MLflow tags); absent in tests that need none.
   */
  mask?: (text: string) => string;
  /** Who approved this run into its environment (GitHub's review history), for promote.uc_approval; optional. */
  approvals?: ApprovalSource;
}

export interface ModeInputs {
  modelVersion?: string;
  summaryPath?: string;
  /** promote's compare-and-set: a version, "none", or undefined to use the gate's record. */
  expectedVersion?: string;
  /** promote in a staging job: the environment it stages for, and the alias that one promotes to (the shells resolve it). */
  stagesFor?: { environment: string; alias: string };
  /** rollback: restore this version instead of the one recorded as previous. */
  toVersion?: string;
  /** evaluate: "i/n" to evaluate one deterministic slice of the dataset (a matrix job's share). */
  shard?: string;
  /** merge: where the shards' summary.json files are: directories searched recursively, or the files; one per line. */
  shardsPath?: string;
  /** deploy: straight to 100% without bake or analysis (e.g. redeploying a known-good version); ORed with deploy.skip_analysis. */
  skipAnalysis?: boolean;
  /**
   * rollback: why a workflow rolls back on its own (the workflow sets AGENT_RELEASE_ROLLBACK_CAUSE
   * on that step; the shells read it); absent when a person asked for the rollback.
   */
  rollbackCause?: RollbackCause;
  /** promote.uc_approval outside Actions: who approved (comma-separated), instead of the run's review history. */
  approvedBy?: string;
}
