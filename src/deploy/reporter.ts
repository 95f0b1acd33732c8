/**
 * Where a rollout reports its progress besides the logs: GitHub Deployments (src/github/deployments.ts).
 * Each call is best effort for the reporter, never a reason to fail or roll back the release.
 */
export interface DeploymentReporter {
  /** The rollout begins: a deployment for the environment (or the one the job already has). */
  start(info: { environment: string; model: string; version: string; previousVersion: string | null; environmentUrl: string | null }): Promise<void>;
  /** A step or bake in progress (status in_progress, with this description). */
  progress(description: string): Promise<void>;
  /** success: serving; failure: the rollout failed (and was rolled back); inactive: this version was rolled back later. */
  finish(outcome: 'success' | 'failure' | 'inactive', description: string, environmentUrl?: string | null): Promise<void>;
  /**
   * A later rollback withdrew this model version: mark inactive the deployment made for exactly
   * this release, and only while it is still the successful one. Anything else is left alone, so
   * the release that serves again is never the one retired.
   */
  retire?(info: { environment: string; model: string; version: string }, description: string): Promise<void>;
}
