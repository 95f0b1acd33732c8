import { mkdir, stat, writeFile } from '../fs-async';
import path from 'node:path';
import { decisionSchemaId, type Decision, type RuleResult } from '../contract/decision';
import { readSummary } from '../contract/summary';
import { fileDigest } from '../evaluate/shard';
import { ConfigError, InputError, RemoteError, messageOf } from '../errors';
import { baselineRules, checkResultsMatchSummary } from '../gate/baseline';
import { baselineSourceFor } from '../gate/baseline-source';
import type { ExampleChanges } from '../gate/example-changes';
import { flakinessEntries, type FlakinessEntry } from '../gate/flakiness';
import { decisionFileOf, decisionRunTag, decisionTags, recordGateError, serializeDecision, warnWithdrawn, withdrawDecision, writeDecisionRecord, type DecisionText } from '../gate/decision-record';
import { gatePolicyDigest } from '../gate/policy-digest';
import { errorsRule, thresholdRules } from '../gate/rules';
import { deploymentPlanFor, openRecordsRoot, signoffAndVersionRules } from '../gate/release-records';
import { readScores, type ResultScores } from '../gate/scores';
import { shadowRule } from '../gate/shadow-rule';
import { ucApprovalRule } from '../gate/uc-approval';
import { tagKeys } from '../registry/tags';
import { maxTagValueLength } from '../tracking/client';
import { decisionArtifact } from '../tracking/runs';
import type { ModeContext, ModeInputs } from './context';
import { shown, versionDir } from './paths';
import { requireVersion, requireVersionInput } from './versions';

export interface GateResult {
  mode: 'gate';
  dryRun: boolean;
  model: string;
  version: string;
  decision: 'pass' | 'fail';
  rules: RuleResult[];
  summaryPath: string;
  decisionPath: string;
  /** Tags written on the model version (or that would be, in a dry run). */
  tags: Record<string, string>;
  /** The deployment plan written after a pass (or, in a dry run, where it would go). */
  deploymentPlan?: { version: number; path: string; written: boolean } | null;
  /** The champion evaluation compared with, when gate.baseline found one. */
  champion?: { alias: string; version: string; summaryPath: string; resultsPath: string } | null;
  /** Informational, never part of the decision: per-metric pass^k under repeated runs. */
  flakiness?: FlakinessEntry[];
  /** Informational: the examples whose scores changed against the champion, newly failing first. */
  changes?: ExampleChanges | null;
}

/**
 * Decides pass or fail for one version. The previous decision is withdrawn first and a run that
 * stops part-way leaves an `error` record, so only a run that completed can leave `pass` behind.
 */
export async function gate(ctx: ModeContext, inputs: ModeInputs): Promise<GateResult> {
  const model = ctx.loaded.config.model.name;
  const version = requireVersionInput('gate', inputs);
  const earlier = (await requireVersion(ctx.registry, model, version)).tags[tagKeys.gateDecision];
  if (ctx.dryRun) return decide(ctx, inputs, model, version);
  await withdrawDecision(ctx, model, version);
  try {
    return await decide(ctx, inputs, model, version);
  } catch (error) {
    await recordGateError(ctx, model, version, error).then(
      () => warnWithdrawn(ctx, model, version, earlier),
      (writeError: unknown) =>
        ctx.logger.warn(`the gate's error could not be recorded on ${model} version ${version} (${messageOf(writeError)}); the withdrawal written when the run started still stands`),
    );
    throw error;
  }
}

async function decide(ctx: ModeContext, inputs: ModeInputs, model: string, version: string): Promise<GateResult> {
  const { loaded, registry, run } = ctx;
  const config = loaded.config.gate;
  if (!config) throw new ConfigError(`${loaded.file}: gate mode needs a gate section with thresholds or a baseline`);
  const dir = versionDir(loaded, version);
  const summaryFile = inputs.summaryPath ? path.resolve(loaded.workdir, inputs.summaryPath) : path.join(dir, 'summary.json');
  const summaryShown = shown(loaded, summaryFile);
  const summary = await readSummary(summaryFile);
  if (summary.model.name !== model || summary.model.version !== version) {
    throw new InputError(
      `${summaryShown} is the evaluation of ${summary.model.name} version ${summary.model.version}, but the gate was asked to decide ${model} version ${version}; pass the summary of version ${version} (summary-path) or run evaluate for it`,
    );
  }

  if (summary.shard) {
    throw new InputError(
      `${summaryShown} is shard ${summary.shard.index}/${summary.shard.count} of a sharded evaluation (${summary.shard.rows} of ${summary.dataset.rows} examples); run merge over all ${summary.shard.count} shards and gate the merged summary`,
    );
  }
  const digests: Record<string, string> = { [summaryShown]: await fileDigest(summaryFile) };

  // The per-example results sit beside the summary. The baseline needs them; without a
  // baseline they are read only if present, for the flakiness report.
  const resultsFile = path.join(path.dirname(summaryFile), 'results.jsonl');
  const resultsShown = shown(loaded, resultsFile);
  let scores: ResultScores | undefined;
  if (config.baseline || (await isFile(resultsFile))) {
    if (!(await isFile(resultsFile))) {
      throw new InputError(
        `gate.baseline compares example by example, so it needs the candidate's results.jsonl beside ${summaryShown}, but ${resultsShown} does not exist; keep the two files of one evaluation together`,
      );
    }
    scores = await readScores(resultsFile, resultsShown, 'candidate results', { expectedIds: summary.dataset.rows });
    checkResultsMatchSummary(scores, summary, summaryShown);
    digests[resultsShown] = scores.digest;
  }

  const rules = thresholdRules(config, summary, summaryShown);
  const errors = errorsRule(summary);
  if (errors) rules.push(errors);
  const aliases = await registry.listAliases(model);
  let champion: NonNullable<GateResult['champion']> | null = null;
  let changes: ExampleChanges | null = null;
  if (config.baseline && scores) {
    const alias = config.baseline.alias ?? loaded.config.promote.alias;
    const outcome = await baselineRules({
      gate: config,
      config: config.baseline,
      alias,
      holder: aliases[alias] ?? null,
      model,
      version,
      candidate: { summary, summaryFile: summaryShown, scores, resultsFile },
      source: baselineSourceFor(loaded, config.baseline, ctx.tracking),
      show: (file) => shown(loaded, file),
      digest: fileDigest,
    });
    rules.push(...outcome.rules);
    Object.assign(digests, outcome.digests);
    champion = outcome.champion;
    changes = outcome.changes ?? null;
  }
  const records = await openRecordsRoot(ctx, config);
  const signed = await signoffAndVersionRules(ctx, config, records, { model, version, summary, summaryShown, aliases });
  rules.push(...signed.rules);
  Object.assign(digests, signed.digests);
  if (config.uc_approval) {
    const promoteWrites = loaded.config.promote.uc_approval?.tag === config.uc_approval.tag;
    rules.push(await ucApprovalRule(registry, model, version, config.uc_approval, { promoteWrites }));
  }
  if (config.shadow) {
    rules.push(await shadowRule(config.shadow, summaryFile, (file) => shown(loaded, file), { version, champion: aliases[loaded.config.promote.alias] ?? null, alias: loaded.config.promote.alias }));
    const shadowFile = path.join(path.dirname(summaryFile), 'shadow.json');
    if (await isFile(shadowFile)) digests[shown(loaded, shadowFile)] = await fileDigest(shadowFile);
  }
  const passed = rules.every((r) => r.passed);
  const decision: Decision = {
    schema: decisionSchemaId,
    model: { name: model, version },
    decision: passed ? 'pass' : 'fail',
    rules,
    inputs: digests,
    aliases,
    decided_at: new Date(ctx.clock.now()).toISOString(),
    gate_policy: gatePolicyDigest(loaded.config.gate),
    run: { actor: run.actor, url: run.runUrl, sha: run.sha },
  };
  const record = { decision, ...serializeDecision(decision) };
  const decisionFile = decisionFileOf(ctx, version);
  // Every side effect before the record: a plan that cannot be written must not leave a pass behind.
  const deploymentPlan = await deploymentPlanFor(ctx, config, records, decision, `sha256:${record.sha256}`);
  let tags = decisionTags(record);
  if (!ctx.dryRun) {
    await mkdir(path.dirname(decisionFile), { recursive: true });
    await writeFile(decisionFile, record.text);
    const uri = await recordGate(ctx, record, decisionFile, summary.run_id);
    tags = await writeDecisionRecord(ctx, record, uri ? { [tagKeys.gateDecisionUri]: uri } : {});
  }
  return {
    mode: 'gate',
    dryRun: ctx.dryRun,
    model,
    version,
    decision: passed ? 'pass' : 'fail',
    rules,
    summaryPath: summaryShown,
    decisionPath: shown(loaded, decisionFile),
    tags,
    champion,
    deploymentPlan,
    flakiness: scores ? flakinessEntries(scores) : [],
    changes,
  };
}

/**
 * The decision on the evaluation's MLflow run, when there is a tracking server: the artifact, and
 * the whole record as a run tag when it fits (Databricks runs keep artifacts where this cannot
 * write). Returns the `runs:/` URI promote reads it back from.
 */
async function recordGate(ctx: ModeContext, record: DecisionText & { decision: Decision }, decisionFile: string, evaluationRunId: string | null): Promise<string | undefined> {
  if (!ctx.tracking) return undefined;
  const { decision } = record;
  try {
    const recorded = await ctx.tracking.tracker.recordGate({ decision, decisionFile, evaluationRunId });
    // A record holding a secret is not copied into a tag (see holdsSecret); promote then reads the file or the artifact.
    if (record.text.length <= maxTagValueLength && !ctx.tracking.client.holdsSecret(record.text)) await ctx.tracking.client.setTag(recorded.runId, decisionRunTag, record.text);
    ctx.logger.info(`decision recorded on MLflow run ${recorded.runName} (${recorded.runId})`);
    return `runs:/${recorded.runId}/${recorded.runId === evaluationRunId ? `gate/${decisionArtifact}` : decisionArtifact}`;
  } catch (error) {
    if (!(error instanceof RemoteError)) throw error;
    throw new RemoteError(
      `the gate decided ${decision.decision} for ${decision.model.name} v${decision.model.version}, but the decision could not be recorded in MLflow: ${(error as Error).message}; the version's gate decision stays withdrawn (error) until the gate is re-run once the tracking server is reachable`,
      { cause: error },
    );
  }
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
