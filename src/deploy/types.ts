export interface DeployRequest {
  model: string;
  version: string;
  /** The version being replaced, or null on a first release. */
  previousVersion: string | null;
  /** Percent of traffic the version should receive. */
  traffic: number;
  environment: string;
}

export interface RollbackRequest {
  model: string;
  /** The version to serve again, or null when there is none (first release). */
  restoreVersion: string | null;
  /** The version being withdrawn. */
  fromVersion: string;
  environment: string;
}

export interface DeployReceipt {
  endpointUrl: string | null;
  deploymentId: string;
}

/** A place a model version is served. One file per provider, chosen in targets.ts. */
export interface DeployTarget {
  readonly kind: string;
  /** What deploy would run, for dry-run and the summary. */
  describeDeploy(request: DeployRequest): string;
  describeRollback(request: RollbackRequest): string;
  deploy(request: DeployRequest): Promise<DeployReceipt>;
  rollback(request: RollbackRequest): Promise<void>;
}
