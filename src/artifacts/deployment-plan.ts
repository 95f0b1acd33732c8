import { stringify } from 'yaml';
import type { Decision } from '../contract/decision';

export const deploymentPlanSchemaId = 'agent-release.deployment-plan/v1';

export interface DeploymentPlanOptions {
  decision: Decision;
  /** sha256 of decision.json as written, so the plan names exactly the decision it rests on. */
  decisionDigest: string;
  /** The alias promote will move, e.g. champion. */
  alias: string;
  /** How the rollout will go (target, strategy, steps), as configured; recorded as given. */
  rollout?: Record<string, unknown>;
}

/**
 * The deployment plan written to `deployment_plans/v<N>/plan.md`: YAML front matter a machine
 * reads (the same convention as signoffs), then the gate's rule lines for people.
 */
export function renderDeploymentPlan(options: DeploymentPlanOptions): string {
  const { decision, decisionDigest, alias } = options;
  const overrides = decision.rules.filter((r) => r.passed && r.reason.startsWith('OVERRIDE:'));
  const front = {
    schema: deploymentPlanSchemaId,
    model: decision.model.name,
    version: decision.model.version,
    alias,
    previous: decision.aliases[alias] ?? null,
    decision: decision.decision,
    decision_digest: decisionDigest,
    decided_at: decision.decided_at,
    run: decision.run.url,
    inputs: decision.inputs,
    ...(overrides.length > 0 ? { overrides: overrides.map((r) => r.inputs.override ?? r.reason) } : {}),
    ...(options.rollout ? { rollout: options.rollout } : {}),
  };
  const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const rows = decision.rules.map((r) => `| ${cell(r.metric ? `${r.rule} ${r.metric}` : r.rule)} | ${r.passed ? (r.warning ? 'pass (warning)' : 'pass') : 'FAIL'} | ${cell(r.reason)} |`);
  return [
    '---',
    stringify(front).trimEnd(),
    '---',
    `# Deployment plan: ${decision.model.name} version ${decision.model.version}`,
    '',
    `The gate decided **${decision.decision}** at ${decision.decided_at}${decision.run.url ? ` ([run](${decision.run.url}))` : ''}. Promote moves @${alias} from ${front.previous === null ? 'no version' : `version ${front.previous}`} to version ${decision.model.version}.`,
    ...(overrides.length > 0 ? ['', `**${overrides.length === 1 ? 'A signoff override was' : 'Signoff overrides were'} used:** ${overrides.map((r) => cell(r.reason)).join('; ')}`] : []),
    '',
    '| rule | result | reason |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
