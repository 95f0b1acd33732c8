import type { UcApprovalConfig } from '../config/approval-schema';
import type { RuleResult } from '../contract/decision';
import type { Registry } from '../registry/types';
import { tagKeys } from '../registry/tags';

/**
 * The Unity Catalog approval, as a Databricks deployment job's approval task reads it: the
 * version's tag named after the task must say "Approved" (any case). Governance approves in
 * Catalog Explorer (which writes the tag), or a release's production job mirrors its GitHub
 * reviewers' approval there (promote.uc_approval); the gate sees the same decision either way.
 */
export async function ucApprovalRule(registry: Registry, model: string, version: string, config: UcApprovalConfig): Promise<RuleResult> {
  const tags = (await registry.getVersion(model, version))?.tags ?? {};
  const value = tags[config.tag];
  // Exactly the approval task's test (tags.get(name).lower() == "approved"): no trimming, so both read one tag alike.
  const approved = value !== undefined && value.toLowerCase() === config.value.toLowerCase();
  const by = tags[tagKeys.ucApprovedBy];
  const inputs = { tag: config.tag, expected: config.value, value: value ?? null, ...(by ? { approved_by: by } : {}) };
  const how = `approve it in Unity Catalog (the deployment job's ${config.tag} approval task, or set the tag ${config.tag}=${config.value} on the version in Catalog Explorer)`;
  const reason = approved
    ? `Unity Catalog approval: ${config.tag} = ${value} on version ${version}${by ? ` (approved by ${by})` : ''}`
    : value === undefined
      ? `version ${version} has no Unity Catalog approval: its ${config.tag} tag is not set; ${how}`
      : `version ${version} is not approved in Unity Catalog: its ${config.tag} tag is ${JSON.stringify(value)}, not ${config.value}; ${how}`;
  return { rule: 'uc_approval', passed: approved, warning: false, reason, inputs };
}
