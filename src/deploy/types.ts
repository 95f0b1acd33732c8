export interface DeployRequest {
  model: string;
  version: string;
  /** The version being replaced (the stable one during a canary), or null on a first release. */
  previousVersion: string | null;
  /** Percent of traffic the version should receive (0 = added beside the stable, unrouted: blue-green). */
  traffic: number;
  environment: string;
  /** Which step of the rollout this is (all-at-once: { index: 1, count: 1 }). */
  step?: { index: number; count: number };
  /**
   * The run's cancellation (SIGTERM): a deploy step stops waiting and stops what it started.
   * Rollback takes no signal, since it must finish.
   */
  signal?: AbortSignal;
}

export interface RollbackRequest {
  model: string;
  /** The version to serve again, or null when there is none (first release). */
  restoreVersion: string | null;
  /** The version being withdrawn. */
  fromVersion: string;
  environment: string;
  /** What the target served before the rollout began, when it took one: restore exactly this. */
  snapshot?: TargetSnapshot;
}

export interface DeployReceipt {
  endpointUrl: string | null;
  deploymentId: string;
}

/** A target's state before a rollout, JSON-serialisable so it survives in the rollout's state file. */
export interface TargetSnapshot {
  kind: string;
  takenAt: string;
  state: unknown;
}

export interface PreflightResult {
  /** What would make the change fail; any problem means nothing is changed. */
  problems: string[];
  /** What was checked and found fine, for the summary. */
  checks: string[];
}

/** Where the candidate and the stable version can be reached directly (probes, {{served_entity}}). */
export interface ServedEntities {
  candidate: { name: string; url: string | null } | null;
  stable: { name: string; url: string | null } | null;
}

/**
 * A place a model version is served. One file per provider, chosen in targets.ts. The optional
 * methods are what targets with an API offer (Databricks serving); a command target has none.
 */
export interface DeployTarget {
  readonly kind: string;
  /** What deploy would run, for dry-run and the summary. */
  describeDeploy(request: DeployRequest): string;
  describeRollback(request: RollbackRequest): string;
  /** Checks everything the change needs before changing anything (credentials, version READY, endpoint idle, permissions). */
  preflight?(request: DeployRequest): Promise<PreflightResult>;
  /** The change as a diff of the current state (dry-run): old vs new served entities and traffic. */
  planChange?(request: DeployRequest): Promise<string[]>;
  /** Taken before the first change of a rollout, so rollback restores it exactly. */
  snapshot?(request: DeployRequest): Promise<TargetSnapshot>;
  /** Serves `version` at `traffic` percent beside the stable version; idempotent (a re-run converges). */
  deploy(request: DeployRequest): Promise<DeployReceipt>;
  rollback(request: RollbackRequest): Promise<void>;
  /** After the whole rollout succeeded: retire what was kept for a fast switch back (the stable entity at 0%). */
  finish?(request: DeployRequest): Promise<void>;
  servedEntities?(request: DeployRequest): Promise<ServedEntities>;
}
