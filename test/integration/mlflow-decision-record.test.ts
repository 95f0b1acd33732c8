/**
 * Promote on a fresh runner (no decision.json on disk) reads the gate's record back from MLflow,
 * verifies it against the version's tags, and refuses a record that does not match.
 */
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { summarySchemaId } from '../../src/contract/summary';
import { RefusedError } from '../../src/errors';
import { decisionRunTag } from '../../src/gate/decision-record';
import { evaluate } from '../../src/modes/evaluate';
import { gate } from '../../src/modes/gate';
import { promote } from '../../src/modes/promote';
import { tagKeys } from '../../src/registry/tags';
import { startAgent } from '../support/agent-server';
import { contextOf } from '../support/context';
import { mlflowStartTimeoutMs } from '../support/mlflow-server';
import { uniqueName, workerMlflowServer, type WorkerMlflowServer } from '../support/mlflow-worker';
import { goldenJsonl, makeWorkspace, sliceConfig, type Workspace } from '../support/workspace';

let server: WorkerMlflowServer;
let ws: Workspace;
let models = 0;
beforeAll(async () => {
  server = await workerMlflowServer();
}, mlflowStartTimeoutMs);
beforeEach(async () => (ws = await makeWorkspace()));
afterEach(() => ws.cleanup());

const configOf = (model: string) => `version: 1
model: { name: ${model}, registry: mlflow, tracking_uri: "${server.url}" }
gate:
  thresholds: { "contains/mean": { min: 0.8 } }
promote: { alias: champion }
`;

/** A model with v1, gated to pass (the decision recorded on a gate_ run), and the local record removed as on a fresh runner. */
async function gatedOnAnotherRunner(): Promise<{ model: string; ctx: () => ReturnType<typeof contextOf>['ctx']; runId: string }> {
  const model = uniqueName(`decision-record-${++models}`);
  const ctx = () => contextOf(configOf(model), ws.dir).ctx;
  await ctx().registry.registerVersion(model, 's3://models/1', {});
  const dir = path.join('.agent-release', model, 'v1');
  await ws.write(path.join(dir, 'summary.json'), JSON.stringify({
    schema: summarySchemaId,
    model: { name: model, version: '1' },
    dataset: { name: 'golden', digest: `sha256:${'a'.repeat(64)}`, rows: 10 },
    metrics: { 'contains/mean': { value: 0.9, n: 10 } },
    errors: 0,
    run_id: null,
    created_at: '2026-11-23T10:00:00.000Z',
  }));
  expect((await gate(ctx(), { modelVersion: '1' })).decision).toBe('pass');
  const uri = (await ctx().registry.getVersion(model, '1'))?.tags[tagKeys.gateDecisionUri] ?? '';
  expect(uri).toMatch(/^runs:\/[0-9a-f]+\/decision\.json$/);
  await rm(path.join(ws.dir, dir), { recursive: true });
  return { model, ctx, runId: uri.split('/')[1] as string };
}

async function deleteRunTag(runId: string, key: string): Promise<void> {
  const response = await fetch(`${server.url}/api/2.0/mlflow/runs/delete-tag`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ run_id: runId, key }) });
  expect(response.status).toBe(200);
}

describe('promote reads the decision record from MLflow', () => {
  it('from the run tag, and from the artifact when the run has no tag', async () => {
    const first = await gatedOnAnotherRunner();
    await expect(promote(first.ctx(), { modelVersion: '1' })).resolves.toMatchObject({ version: '1', changed: true });

    const second = await gatedOnAnotherRunner();
    await deleteRunTag(second.runId, decisionRunTag);
    await expect(promote(second.ctx(), { modelVersion: '1' })).resolves.toMatchObject({ version: '1', changed: true });
  }, 60_000);

  it('refuses by name when the tag and the record in MLflow disagree, and moves nothing', async () => {
    const { model, ctx } = await gatedOnAnotherRunner();
    await ctx().registry.setVersionTags(model, '1', { [tagKeys.gateDecisionDigest]: 'f'.repeat(64) });
    const run = promote(ctx(), { modelVersion: '1' });
    await expect(run).rejects.toThrow(RefusedError);
    await expect(run).rejects.toThrow(`the gate decision record does not match the agent_release.gate.decision_sha256 tag (${'f'.repeat(64)}): MLflow run`);
    expect(await ctx().registry.getAlias(model, 'champion')).toBeNull();
  }, 60_000);

  it('refuses a local record that matches rewritten tags while the record in MLflow does not, and moves nothing', async () => {
    const { model, ctx, runId } = await gatedOnAnotherRunner();
    const response = await fetch(`${server.url}/api/2.0/mlflow/runs/get?run_id=${runId}`);
    const tags = ((await response.json()) as { run: { data: { tags: { key: string; value: string }[] } } }).run.data.tags;
    const recorded = tags.find((t) => t.key === decisionRunTag)?.value ?? '';
    expect(JSON.parse(recorded)).toMatchObject({ decision: 'pass' });
    // A hand-made record (here the gate's own, reformatted) with the version's digest tag set to match it.
    const forged = `${JSON.stringify(JSON.parse(recorded), null, 1)}\n`;
    await ws.write(path.join('.agent-release', model, 'v1', 'decision.json'), forged);
    await ctx().registry.setVersionTags(model, '1', { [tagKeys.gateDecisionDigest]: createHash('sha256').update(forged).digest('hex') });
    const run = promote(ctx(), { modelVersion: '1' });
    await expect(run).rejects.toThrow(RefusedError);
    await expect(run).rejects.toThrow(/the gate decision record does not match the agent_release\.gate\.decision_sha256 tag \([0-9a-f]{64}\): .*MLflow run/);
    expect(await ctx().registry.getAlias(model, 'champion')).toBeNull();
  }, 60_000);

  it('a failing re-run withdraws the pass in the registry, whatever MLflow still holds', async () => {
    const { model, ctx } = await gatedOnAnotherRunner();
    await expect(gate(ctx(), { modelVersion: '1' })).rejects.toThrow('summary.json');
    expect((await ctx().registry.getVersion(model, '1'))?.tags[tagKeys.gateDecision]).toBe('error');
    await expect(promote(ctx(), { modelVersion: '1' })).rejects.toThrow('has no completed gate decision (agent_release.gate.decision = error');
  }, 60_000);
});

describe('a pass put back on the tags after a re-evaluation withdrew it', () => {
  it('is refused: the tracking server says a later evaluation exists, and a pull request evaluation does not count', async () => {
    const agent = await startAgent((question) => ({ text: `About ${question.toLowerCase()}: refund, shipping, password, cancel.` }));
    try {
      const model = uniqueName(`replayed-pass-${++models}`);
      await ws.write('golden.jsonl', goldenJsonl);
      const config = sliceConfig().replace('  name: support-agent\n', `  name: ${model}\n  registry: mlflow\n  tracking_uri: ${server.url}\n`).replace('{{source}}', agent.url);
      const ctx = () => contextOf(config, ws.dir).ctx;
      await ctx().registry.registerVersion(model, 's3://models/support-agent', {});
      await evaluate(ctx(), { modelVersion: '1' });
      expect((await gate(ctx(), { modelVersion: '1' })).decision).toBe('pass');
      const passed = (await ctx().registry.getVersion(model, '1'))?.tags ?? {};
      const keys = [tagKeys.gateDecision, tagKeys.gateDecisionDigest, tagKeys.gateDecisionUri, 'agent_release.evaluation.run_id'];
      const replay = Object.fromEntries(keys.map((k) => [k, passed[k] ?? '']));
      expect(replay[tagKeys.gateDecisionUri]).toMatch(/^runs:\/[0-9a-f]+\/gate\/decision\.json$/);

      // A pull request's evaluation previews a change: the pass still stands.
      const pr = ctx();
      await evaluate({ ...pr, run: { ...pr.run, pullRequest: true } }, { modelVersion: '1' });
      expect((await ctx().registry.getVersion(model, '1'))?.tags[tagKeys.gateDecision]).toBe('pass');

      await evaluate(ctx(), { modelVersion: '1' });
      expect((await ctx().registry.getVersion(model, '1'))?.tags[tagKeys.gateDecision]).toBe('error');
      // Tags alone, set back as they were when the gate passed (the local record is gone, as on a fresh runner).
      await ctx().registry.setVersionTags(model, '1', replay);
      await rm(path.join(ws.dir, '.agent-release', model, 'v1', 'decision.json'), { force: true });
      const run = promote(ctx(), { modelVersion: '1' });
      await expect(run).rejects.toThrow(RefusedError);
      await expect(run).rejects.toThrow(/^refusing to promote .+ version 1 to @champion: the gate decided on evaluation run [0-9a-f]+, but the version was evaluated again since \(run [0-9a-f]+\); a decision on an earlier evaluation does not stand, whatever the tags say\. Run the gate on the new evaluation$/);
      expect(await ctx().registry.getAlias(model, 'champion')).toBeNull();

      expect((await gate(ctx(), { modelVersion: '1' })).decision).toBe('pass');
      await expect(promote(ctx(), { modelVersion: '1' })).resolves.toMatchObject({ changed: true });
    } finally {
      await agent.close();
    }
  }, 120_000);
});
