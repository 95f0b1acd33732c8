import { highestVersion, openArtifactRoot, renderDeploymentPlan, writeNextVersion, type ArtifactRoot } from '../artifacts/index';
import type { GateConfig } from '../config/schema';
import type { Decision, RuleResult } from '../contract/decision';
import type { Summary } from '../contract/summary';
import type { ModeContext } from '../modes/context';
import { shown } from '../modes/paths';
import { checkSignoff } from './signoff';
import { candidateVersionOf, candidateVersionsHeldBy, checkVersionConsistency, parseVersion } from './version-consistency';

/** Where signoffs and deployment plans live (a folder or a Volume), opened once per gate run. */
export interface RecordsRoot {
  root: ArtifactRoot;
  /** How a path under the root is shown to people. */
  show(relative: string): string;
}

export async function openRecordsRoot(ctx: ModeContext, config: GateConfig): Promise<RecordsRoot | undefined> {
  if (!config.signoff && !config.deployment_plan) return undefined;
  const root = await openArtifactRoot(config.artifact_root ?? '.', { workdir: ctx.loaded.workdir, filesClient: ctx.databricksFiles });
  return { root, show: (relative) => (root.kind === 'local' ? shown(ctx.loaded, root.display(relative)) : root.display(relative)) };
}

/**
 * DESIGN §4 rules 3 and 4: the signoff's front matter, and the same <N> across the evaluation
 * summary, the signoff and the prompt candidate. Returns the rules and the digests of files read.
 */
export async function signoffAndVersionRules(
  ctx: ModeContext,
  config: GateConfig,
  records: RecordsRoot | undefined,
  facts: { model: string; version: string; summary: Summary; summaryShown: string; aliases: Record<string, string> },
): Promise<{ rules: RuleResult[]; digests: Record<string, string> }> {
  const rules: RuleResult[] = [];
  const digests: Record<string, string> = {};
  let signoffN: number | undefined;
  let signoffSource: string | undefined;
  if (config.signoff && records) {
    const relative = config.signoff.path.replaceAll('{N}', facts.version);
    const signoff = await checkSignoff({ root: records.root, path: relative }, parseVersion(facts.version), {
      maxBytes: config.signoff.max_bytes,
      shownAs: records.show(relative),
    });
    rules.push(signoff);
    const { file, digest, version: signedVersion, override } = signoff.inputs;
    if (typeof digest === 'string') digests[String(file)] = digest;
    if (typeof signedVersion === 'number') [signoffN, signoffSource] = [signedVersion, String(file)];
    if (override) ctx.logger.warn(signoff.reason);
  }
  const consistency = config.version_consistency;
  if (consistency) {
    let promptN: number | string | undefined;
    let promptSource: string | undefined;
    if (consistency.prompt_candidate !== undefined) {
      promptN = candidateVersionOf(consistency.prompt_candidate) ?? consistency.prompt_candidate;
      promptSource = consistency.prompt_candidate;
    } else if (consistency.prompt_candidate_from_aliases) {
      const held = candidateVersionsHeldBy(facts.aliases, facts.version);
      promptN = held.length === 1 ? held[0] : held.length > 1 ? held.map((h) => `candidate_v${h}`).join(' and ') : undefined;
      promptSource = `candidate_v<N> aliases on ${facts.model} version ${facts.version}`;
    }
    rules.push(
      checkVersionConsistency(
        { summaryN: facts.summary.model.version, signoffN, promptCandidateN: promptN },
        { summaryN: `${facts.summaryShown} model.version`, ...(signoffSource ? { signoffN: signoffSource } : {}), ...(promptSource ? { promptCandidateN: promptSource } : {}) },
      ),
    );
  }
  return { rules, digests };
}

/** After a pass, the deployment plan goes to <dir>/v<N+1>/<file>, create-only (DESIGN §5). */
export async function deploymentPlanFor(
  ctx: ModeContext,
  config: GateConfig,
  records: RecordsRoot | undefined,
  decision: Decision,
  decisionDigest: string,
): Promise<{ version: number; path: string; written: boolean } | null> {
  const plan = config.deployment_plan;
  if (decision.decision !== 'pass' || !plan || !records) return null;
  if (ctx.dryRun) {
    const next = (await highestVersion(records.root, plan.dir)) + 1;
    return { version: next, path: records.show(`${plan.dir}/v${next}/${plan.file}`), written: false };
  }
  const deploy = ctx.loaded.config.deploy;
  const text = renderDeploymentPlan({
    decision,
    decisionDigest,
    alias: ctx.loaded.config.promote.alias,
    rollout: deploy ? { target: deploy.target, strategy: deploy.strategy } : undefined,
  });
  const written = await writeNextVersion(records.root, plan.dir, plan.file, text, { maxAttempts: plan.max_attempts, logger: ctx.logger });
  return { version: written.version, path: records.show(written.path), written: true };
}
