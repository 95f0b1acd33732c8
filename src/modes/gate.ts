import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { decisionSchemaId, type Decision, type RuleResult } from '../contract/decision';
import { readSummary } from '../contract/summary';
import { ConfigError, InputError } from '../errors';
import { errorsRule, thresholdRules } from '../gate/rules';
import { tagKeys } from '../registry/tags';
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
}

export async function gate(ctx: ModeContext, inputs: ModeInputs): Promise<GateResult> {
  const { loaded, registry, run } = ctx;
  const config = loaded.config.gate;
  if (!config) throw new ConfigError(`${loaded.file}: gate mode needs a gate section with thresholds`);
  const model = loaded.config.model.name;
  const version = requireVersionInput('gate', inputs);
  await requireVersion(registry, model, version);

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
  const rules = thresholdRules(config, summary, summaryShown);
  const errors = errorsRule(summary);
  if (errors) rules.push(errors);
  const passed = rules.every((r) => r.passed);
  const aliases = await registry.listAliases(model);
  const decidedAt = new Date(ctx.clock.now()).toISOString();
  const decision: Decision = {
    schema: decisionSchemaId,
    model: { name: model, version },
    decision: passed ? 'pass' : 'fail',
    rules,
    inputs: { [summaryShown]: `sha256:${createHash('sha256').update(await readFile(summaryFile)).digest('hex')}` },
    aliases,
    decided_at: decidedAt,
    run: { actor: run.actor, url: run.runUrl, sha: run.sha },
  };
  const text = `${JSON.stringify(decision, null, 2)}\n`;
  const decisionFile = path.join(dir, 'decision.json');
  const tags = {
    [tagKeys.gateDecision]: decision.decision,
    [tagKeys.gateDecidedAt]: decidedAt,
    [tagKeys.gateDecisionDigest]: createHash('sha256').update(text).digest('hex'),
    [tagKeys.gateAliasHolders]: JSON.stringify(aliases),
    ...(run.runUrl ? { [tagKeys.gateRun]: run.runUrl } : {}),
  };
  if (!ctx.dryRun) {
    await mkdir(dir, { recursive: true });
    await writeFile(decisionFile, text);
    await registry.setVersionTags(model, version, tags);
  }
  return {
    mode: 'gate',
    dryRun: ctx.dryRun,
    model,
    version,
    decision: decision.decision,
    rules,
    summaryPath: summaryShown,
    decisionPath: shown(loaded, decisionFile),
    tags,
  };
}
