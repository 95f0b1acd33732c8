/** Tag keys agent-release writes on model versions. One place, so readers and writers agree. */
export const tagKeys = {
  gateDecision: 'agent_release.gate.decision',
  gateDecidedAt: 'agent_release.gate.decided_at',
  gateDecisionDigest: 'agent_release.gate.decision_sha256',
  gateRun: 'agent_release.gate.run_url',
  /** `runs:/<run id>/<artifact>`: the copy of decision.json in MLflow, for a promote on a runner without the file. */
  gateDecisionUri: 'agent_release.gate.decision_uri',
  /** JSON {alias: version} of every alias when the gate decided: promote's expected holders. */
  gateAliasHolders: 'agent_release.gate.alias_holders',
  previousHolder: (alias: string) => `agent_release.${alias}.previous_version`,
  /** Written with previousHolder before the alias moves: a promoted_at older than this is left over from an earlier promotion. */
  promotionStartedAt: (alias: string) => `agent_release.${alias}.promotion_started_at`,
  promotedBy: (alias: string) => `agent_release.${alias}.promoted_by`,
  promotedAt: (alias: string) => `agent_release.${alias}.promoted_at`,
  promotedRun: (alias: string) => `agent_release.${alias}.promoted_run_url`,
  promotedSha: (alias: string) => `agent_release.${alias}.promoted_git_sha`,
  rolledBackAt: (alias: string) => `agent_release.${alias}.rolled_back_at`,
  rolledBackBy: (alias: string) => `agent_release.${alias}.rolled_back_by`,
  /** On the version a rollback restored, written before the alias moves back to it: which run did it, from which version. */
  restoredByRun: (alias: string) => `agent_release.${alias}.restored_by_run`,
  restoredFrom: (alias: string) => `agent_release.${alias}.restored_from`,
  /** Beside the Unity Catalog approval tag promote writes (promote.uc_approval): who approved, in which run and environment. */
  ucApprovedBy: 'agent_release.uc_approval.approved_by',
  ucApprovedAt: 'agent_release.uc_approval.approved_at',
  ucApprovalRun: 'agent_release.uc_approval.run_url',
  ucApprovalEnvironment: 'agent_release.uc_approval.environment',
  deployStatus: (environment: string) => `agent_release.deploy.${environment}.status`,
  deployedAt: (environment: string) => `agent_release.deploy.${environment}.at`,
} as const;

/** Every key agent-release writes starts with this; nobody else may set one (registry register refuses them). */
export const reservedTagPrefix = 'agent_release.';

/** Previous holder when there was none: a tag value cannot be null. */
export const noVersion = 'none';

/**
 * Whether a version was rolled back after its latest promotion to `alias` (rolled_back_at is
 * written before the alias moves back; one older than the latest promotion is left over).
 */
export function rolledBackSincePromotion(tags: Readonly<Record<string, string>>, alias: string): boolean {
  const rolledBackAt = tags[tagKeys.rolledBackAt(alias)];
  const promotedAt = tags[tagKeys.promotionStartedAt(alias)] ?? tags[tagKeys.promotedAt(alias)];
  return rolledBackAt !== undefined && (promotedAt === undefined || rolledBackAt >= promotedAt);
}
