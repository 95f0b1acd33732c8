import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { decisionSchema, decisionSchemaId, type Decision } from '../../src/contract/decision';
import { decisionFileOf, decisionTags, serializeDecision, writeDecisionRecord } from '../../src/gate/decision-record';
import { gatePolicyDigest } from '../../src/gate/policy-digest';
import type { ModeContext } from '../../src/modes/context';
import { LocalRegistry } from '../../src/registry/local';
import { tagKeys } from '../../src/registry/tags';

/**
 * A gate pass recorded the way the gate records it (decision.json under artifacts_dir, then the
 * tags), for tests about what comes after the gate. `aliases` are the holders when it decided.
 */
export async function recordPass(ctx: ModeContext, version: string, aliases: Record<string, string> = {}): Promise<Decision> {
  const decision = passOf(ctx, version, aliases);
  await writeDecisionRecord(ctx, { decision, ...serializeDecision(decision) });
  return decision;
}

/** The record's file written, its tags returned, for a registry fake that takes tags directly. */
export async function passRecordTags(ctx: ModeContext, version: string, aliases: Record<string, string> = {}): Promise<Record<string, string>> {
  const decision = passOf(ctx, version, aliases);
  const record = { decision, ...serializeDecision(decision) };
  const file = decisionFileOf(ctx, version);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, record.text);
  return decisionTags(record);
}

function passOf(ctx: ModeContext, version: string, aliases: Record<string, string>): Decision {
  return {
    schema: decisionSchemaId,
    model: { name: ctx.loaded.config.model.name, version },
    decision: 'pass',
    rules: [{ rule: 'threshold', metric: 'contains/mean', passed: true, warning: false, reason: 'contains/mean = 1 is within >= 0.8', inputs: { value: 1, min: 0.8 } }],
    inputs: {},
    aliases,
    decided_at: new Date(ctx.clock.now()).toISOString(),
    gate_policy: gatePolicyDigest(ctx.loaded.config.gate),
    run: { actor: ctx.run.actor, url: ctx.run.runUrl, sha: ctx.run.sha },
  };
}

/** The holders map of a version gated while `holder` held @champion ("none": unset). */
export const championHeldBy = (holder: string): Record<string, string> => (holder === 'none' ? {} : { champion: holder });

/** What a failed gate run left behind: decision.json's verdict and first reason, and the decision tag. */
export async function recordLeft(ws: { read(file: string): Promise<string>; registryFile: string }, version: string): Promise<{ file: string; reason: string; tag: string | undefined }> {
  const decision = decisionSchema.parse(JSON.parse(await ws.read(`.agent-release/support-agent/v${version}/decision.json`)));
  const tags = (await new LocalRegistry(ws.registryFile).getVersion('support-agent', version))?.tags ?? {};
  return { file: decision.decision, reason: decision.rules[0]?.reason ?? '', tag: tags[tagKeys.gateDecision] };
}
