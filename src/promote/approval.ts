import type { UcApprovalConfig } from '../config/approval-schema';
import { RefusedError } from '../errors';
import type { RunInfo } from '../modes/context';
import { tagKeys } from '../registry/tags';

/** The reviewers who approved this run's deployment to an environment. */
export interface EnvironmentApproval {
  approvers: string[];
}

/** Who approved this workflow run into `environment` (GitHub's review history); undefined when nobody did. */
export type ApprovalSource = (environment: string) => Promise<EnvironmentApproval | undefined>;

/**
 * The approval promote.uc_approval mirrors into Unity Catalog: named on the command line
 * (--approved-by, outside Actions), else read from the run's review history. Without one it
 * refuses, before anything moves: the tag would otherwise claim an approval nobody gave.
 */
export async function approvalToRecord(
  options: { environment: string | undefined; approvedBy: string | undefined; source: ApprovalSource | undefined; model: string; version: string; tag: string },
): Promise<EnvironmentApproval> {
  const { environment, approvedBy, source, model, version, tag } = options;
  const refuse = (why: string): never => {
    throw new RefusedError(`refusing to promote ${model} version ${version}: promote.uc_approval records the GitHub environment's approval as the Unity Catalog tag ${tag}, but ${why}; nothing was changed`);
  };
  // Named approvers too: the tag says which environment they approved, and "default" is none.
  if (!environment) return refuse('no environment is set (the environment input, --environment), so there is no environment approval to record');
  const named = approvedBy?.split(',').map((s) => s.trim()).filter(Boolean) ?? [];
  if (named.length > 0) return { approvers: named };
  if (!source) return refuse(`no reviewer approval can be read here: in GitHub Actions give the job \`permissions: actions: read\` and a github-token; elsewhere pass --approved-by <name>`);
  const approval = await source(environment);
  if (!approval || approval.approvers.length === 0) {
    return refuse(`no reviewer approved the ${environment} environment in this workflow run; give the environment required reviewers (Settings → Environments), or remove promote.uc_approval for it`);
  }
  return approval;
}

/** The approval tag as the deployment job's approval task reads it, and who, when, where and from which run. */
export function approvalTags(config: UcApprovalConfig, approval: EnvironmentApproval, run: RunInfo, environment: string, at: string): Record<string, string> {
  return {
    [config.tag]: config.value,
    [tagKeys.ucApprovedBy]: approval.approvers.join(', '),
    [tagKeys.ucApprovedAt]: at,
    [tagKeys.ucApprovalEnvironment]: environment,
    ...(run.runUrl ? { [tagKeys.ucApprovalRun]: run.runUrl } : {}),
  };
}
