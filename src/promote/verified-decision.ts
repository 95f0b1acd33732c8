/**
 * Promote trusts the gate's record, never a tag alone: decision.json must hash to the
 * decision_sha256 tag, name this model and version, and say pass. A tag set by hand, a record
 * copied from another version or replaced after the gate is refused by name (issue 15, item 3).
 */
import { mkdtemp, readFile, rm } from '../fs-async';
import os from 'node:os';
import path from 'node:path';
import { decisionSchema, type Decision } from '../contract/decision';
import { RefusedError, messageOf } from '../errors';
import { decisionFileOf, decisionRunTag } from '../gate/decision-record';
import { gatePolicyDigest } from '../gate/policy-digest';
import type { ModeContext } from '../modes/context';
import { shown } from '../modes/paths';
import { tagKeys } from '../registry/tags';
import { evaluationRunFilter, trackingTags } from '../tracking/runs';
import { sha256Hex } from '../hash/sha256';

interface Copy {
  where: string;
  bytes: Buffer;
  /** The copy the gate logged to MLflow: rewriting it takes write access to the tracking server, not only a file and the version's tags. */
  tracked: boolean;
}

export async function verifiedDecision(ctx: ModeContext, model: string, version: string, tags: Readonly<Record<string, string>>, alias: string): Promise<Decision> {
  const refuse = (why: string): never => {
    throw new RefusedError(`refusing to promote ${model} version ${version} to @${alias}: ${why}`);
  };
  const state = tags[tagKeys.gateDecision];
  if (state !== 'pass') {
    const recorded =
      state === undefined
        ? 'no gate decision'
        : state === 'error'
          ? `no completed gate decision (${tagKeys.gateDecision} = error: the version was evaluated again since its decision, or the last gate run stopped before it decided, or is still running)`
          : `a failed gate decision (${tagKeys.gateDecision} = ${state})`;
    const next = state === undefined || state === 'error' ? 'Run the gate on its current evaluation first' : 'Fix what failed, evaluate the fixed version and gate that evaluation';
    throw new RefusedError(`${model} version ${version} has ${recorded}; only a version that passed the gate can be promoted to @${alias}. ${next}`);
  }
  const digest = tags[tagKeys.gateDecisionDigest];
  if (!digest) refuse(`its ${tagKeys.gateDecision} tag says pass, but there is no ${tagKeys.gateDecisionDigest} tag naming the decision record; a pass tag without the gate's record is not a decision. Run gate for it`);
  const copies = await decisionCopies(ctx, version, tags[tagKeys.gateDecisionUri]);
  if (copies.length === 0) {
    refuse(
      `its gate decision record is neither at ${shown(ctx.loaded, decisionFileOf(ctx, version))} nor in MLflow${tags[tagKeys.gateDecisionUri] ? ` (${tags[tagKeys.gateDecisionUri]})` : ''}; bring the gate's decision.json to this runner (the artifacts directory) or re-run the gate`,
    );
  }
  // The tracked copy, when there is one, is the record: a local file that matches rewritten tags does not outvote it.
  const tracked = copies.find((copy) => copy.tracked);
  const matching = tracked ? (sha256(tracked.bytes) === digest ? tracked : undefined) : copies.find((copy) => sha256(copy.bytes) === digest);
  if (!matching) {
    refuse(
      `the gate decision record does not match the ${tagKeys.gateDecisionDigest} tag (${digest}): ${copies.map((c) => `${c.where} has sha256 ${sha256(c.bytes)}`).join('; ')}. The record or the tag was changed after the gate decided; re-run the gate`,
    );
  }
  const { where, bytes } = matching as Copy;
  let decision: Decision;
  try {
    decision = decisionSchema.parse(JSON.parse(bytes.toString('utf8')));
  } catch (error) {
    return refuse(`the gate decision record ${where} is not a decision (${messageOf(error).split('\n')[0]}); re-run the gate`);
  }
  if (decision.model.name !== model || decision.model.version !== version) {
    refuse(`the gate decision record ${where} is the decision on ${decision.model.name} version ${decision.model.version}, not on this release; re-run the gate for version ${version}`);
  }
  if (decision.decision !== 'pass') refuse(`the gate decision record ${where} says ${decision.decision}, although the ${tagKeys.gateDecision} tag says pass; re-run the gate`);
  if (decision.gate_policy !== undefined && decision.gate_policy !== gatePolicyDigest(ctx.loaded.config.gate)) {
    const environment = ctx.loaded.environment;
    refuse(
      `version ${version} passed the gate under other gate settings than ${environment ? `environment ${environment}'s` : 'these'} (its thresholds, baseline or shadow settings${environment ? `, with the ${environment} overlay applied,` : ''} differ from those in ${where}); gate it under these settings first: agent-release gate --model-version ${version}${environment ? ` --environment ${environment}` : ''}`,
    );
  }
  const newer = await laterEvaluation(ctx, model, version, tags[tagKeys.gateDecisionUri]);
  if (newer) refuse(`the gate decided on evaluation run ${newer.judged}, but the version was evaluated again since (run ${newer.latest}); a decision on an earlier evaluation does not stand, whatever the tags say. Run the gate on the new evaluation`);
  return decision;
}

/**
 * The tracking server's runs, not the version's tags, say which evaluation is the latest: a pass
 * put back on the tags after a re-evaluation withdrew it must not stand, and undoing the run
 * needs write access to the tracking server as well. Only a decision the gate recorded on the
 * evaluation run it judged (`.../gate/decision.json`) names that run; a pull request's evaluation
 * previews a change and does not count.
 */
async function laterEvaluation(ctx: ModeContext, model: string, version: string, uri: string | undefined): Promise<{ judged: string; latest: string } | undefined> {
  const judged = /^runs:\/([^/]+)\/gate\/decision\.json$/.exec(uri ?? '')?.[1];
  const tracking = ctx.tracking;
  if (!judged || !tracking) return undefined;
  const experiment = await tracking.client.getExperiment(tracking.tracker.experiments.evaluation);
  if (!experiment) return undefined;
  const { runs } = await tracking.client.searchRuns({ experimentIds: [experiment.experiment_id], filter: evaluationRunFilter(model, version), orderBy: ['attributes.start_time DESC'], maxResults: 20 });
  const latest = runs.find((run) => !run.data.tags.some((t) => t.key === trackingTags.pullRequest && t.value === 'true'));
  return latest && latest.info.run_id !== judged ? { judged, latest: latest.info.run_id } : undefined;
}

/** The local file first; the MLflow copy too, so a stale local file from an earlier run does not hide the current record. */
async function decisionCopies(ctx: ModeContext, version: string, uri: string | undefined): Promise<Copy[]> {
  const copies: Copy[] = [];
  const file = decisionFileOf(ctx, version);
  try {
    copies.push({ where: shown(ctx.loaded, file), bytes: await readFile(file), tracked: false });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const registry = ctx.loaded.config.model.registry;
  if (uri && ctx.tracking && (registry === 'mlflow' || registry === 'unity-catalog')) {
    const remote = await fromMlflow(ctx, uri);
    if (remote) copies.push(remote);
  }
  return copies;
}

async function fromMlflow(ctx: ModeContext, uri: string): Promise<Copy | undefined> {
  const match = /^runs:\/([^/]+)\/(.+)$/.exec(uri);
  const client = ctx.tracking?.client;
  if (!match || !client) return undefined;
  const [, runId, artifact] = match as unknown as [string, string, string];
  const run = await client.getRun(runId);
  if (!run) return undefined;
  const tagged = run.data.tags.find((t) => t.key === decisionRunTag)?.value;
  if (tagged !== undefined) return { where: `MLflow run ${runId} (tag ${decisionRunTag})`, bytes: Buffer.from(tagged, 'utf8'), tracked: true };
  const dir = await mkdtemp(path.join(os.tmpdir(), 'agent-release-decision-'));
  try {
    const local = path.join(dir, 'decision.json');
    if (!(await client.downloadArtifact(run, artifact, local))) return undefined;
    return { where: uri, bytes: await readFile(local), tracked: true };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function sha256(bytes: Buffer): string {
  return sha256Hex(bytes);
}
