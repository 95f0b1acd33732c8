import type { UcApprovalConfig } from '../config/approval-schema';
import type { RuleResult } from '../contract/decision';
import type { Registry } from '../registry/types';
import { tagKeys } from '../registry/tags';

/**
 * The Unity Catalog approval, as a Databricks deployment job's approval task reads it: the
 * version's tag named after the task must say "Approved" (any case). Governance approves in
 * Catalog Explorer (which writes the tag), or a release's production job mirrors its GitHub
 * reviewers' approval there (promote.uc_approval); the gate sees the same decision either way.
 * The two are alternatives within one release: promote writes the tag only after the gate passed,
 * so a gate that waits for the tag promote writes fails, and says so (`promoteWrites`).
 */
export async function ucApprovalRule(registry: Registry, model: string, version: string, config: UcApprovalConfig, options: { promoteWrites?: boolean } = {}): Promise<RuleResult> {
  const tags = (await registry.getVersion(model, version))?.tags ?? {};
  const value = tags[config.tag];
  // Exactly the approval task's test (tags.get(name).lower() == "approved"): no trimming, so both read one tag alike.
  const approved = value !== undefined && value.toLowerCase() === config.value.toLowerCase();
  const by = tags[tagKeys.ucApprovedBy];
  const inputs = { tag: config.tag, expected: config.value, value: value ?? null, ...(by ? { approved_by: by } : {}), ...(options.promoteWrites ? { written_by_promote: true } : {}) };
  const how = options.promoteWrites
    ? `promote.uc_approval writes this tag only after the gate has passed, so this rule cannot wait for it: keep gate.uc_approval (governance approves in Unity Catalog before the gate) or promote.uc_approval (the environment's reviewers approve, promote records it), not both`
    : `approve it in Unity Catalog (the deployment job's ${config.tag} approval task, or set the tag ${config.tag}=${config.value} on the version in Catalog Explorer)`;
  const reason = approved
    ? `Unity Catalog approval: ${config.tag} = ${value} on version ${version}${by ? ` (approved by ${by})` : ''}`
    : value === undefined
      ? `version ${version} has no Unity Catalog approval: its ${config.tag} tag is not set; ${how}`
      : `version ${version} is not approved in Unity Catalog: its ${config.tag} tag is ${JSON.stringify(value)}, not ${config.value}; ${how}`;
  return { rule: 'uc_approval', passed: approved, warning: false, reason, inputs };
}
