import { readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { systemClock } from '../../src/clock';
import { summarySchema } from '../../src/contract/summary';
import { deploy } from '../../src/modes/deploy';
import { evaluate } from '../../src/modes/evaluate';
import { gate } from '../../src/modes/gate';
import { promote } from '../../src/modes/promote';
import { rollback } from '../../src/modes/rollback';
import { markdown } from '../../src/report/render';
import { MlflowRegistry, ossMlflowRest } from '../../src/registry/mlflow';
import { TrackingClient } from '../../src/tracking/client';
import { defaultExperimentNames, trackingTags } from '../../src/tracking/runs';
import { TraceClient } from '../../src/tracking/traces';
import { startAgent, type AgentServer } from '../support/agent-server';
import { contextOf } from '../support/context';
import { mlflowStartTimeoutMs } from '../support/mlflow-server';
import { uniqueName, workerMlflowServer, type WorkerMlflowServer } from '../support/mlflow-worker';
import { deployScript, goldenJsonl, makeWorkspace, sliceConfig, type Workspace } from '../support/workspace';

// The whole release against a real MLflow server through the modes: every evaluation, gate
// decision and deployment lands in the tracking server, and the second release's gate finds the
// champion's evaluation there, not on the local disk.

let server: WorkerMlflowServer;
let agent: AgentServer;
let ws: Workspace;
beforeAll(async () => {
  server = await workerMlflowServer();
  agent = await startAgent((question) => ({ text: `About ${question.toLowerCase()}: refund, shipping, password, cancel.` }));
  ws = await makeWorkspace();
  await ws.write('golden.jsonl', goldenJsonl);
  await ws.write('deploy.mjs', deployScript);
}, mlflowStartTimeoutMs);
afterAll(async () => {
  await agent?.close();
  await ws?.cleanup();
}, 30_000);

const model = uniqueName('support-agent');
const config = (): string =>
  sliceConfig().replace('  name: support-agent\n', `  name: ${model}\n  registry: mlflow\n  tracking_uri: ${server.url}\n`).replace(
    'gate:\n',
    'gate:\n  baseline: { max_drop: { "contains/mean": 0.5 }, inconclusive: warn }\n',
  ).replace('{{source}}', agent.url);

test('evaluate, gate, promote, deploy and rollback are recorded in MLflow, and the second gate finds its baseline there', async () => {
  const registry = new MlflowRegistry({ trackingUri: server.url, auth: undefined, clock: systemClock });
  const tracking = new TrackingClient(ossMlflowRest({ trackingUri: server.url, auth: undefined, clock: systemClock }, 'tracking.mlflow'));
  const experiments = defaultExperimentNames(model);
  await registry.registerVersion(model, 's3://models/support-agent', {});
  const { ctx, logger } = contextOf(config(), ws.dir);

  const first = await evaluate(ctx, { modelVersion: '1' });
  expect(first.runId).toMatch(/^[0-9a-f]{32}$/);
  const written = summarySchema.parse(JSON.parse(await ws.read(first.summaryPath)));
  expect(written.run_id).toBe(first.runId);
  const evalRun = await tracking.getRun(first.runId!);
  expect(evalRun?.info.run_name).toMatch(/^eval_pre_deploy_\d{8}_\d{6}$/);
  expect(evalRun?.info.status).toBe('FINISHED');
  // Every evaluated request is a trace linked to the run (evaluate.traces is on by default).
  expect(first.traces).toEqual({ logged: 4, failed: 0, sampledOut: 0 });
  expect(markdown(first)).toContain(`; tracking run \`${first.runId}\`, with 4 requests as MLflow traces`);
  const traced = await new TraceClient(tracking.rest, true).searchTraces(evalRun!.info.experiment_id, `metadata.\`mlflow.sourceRun\` = '${first.runId}'`);
  expect(traced.traces.map((t) => t.tags['agent_release.example_id']).sort()).toEqual(['cancel', 'password', 'refund', 'shipping']);
  expect(traced.traces.every((t) => t.assessments.some((a) => a.assessment_name === 'contains'))).toBe(true);
  const evalTags = Object.fromEntries((evalRun?.data.tags ?? []).map((t) => [t.key, t.value]));
  expect(evalTags).toMatchObject({ [trackingTags.modelName]: model, [trackingTags.modelVersion]: '1', [trackingTags.mode]: 'evaluate', [trackingTags.gitSha]: 'abc123' });
  expect((await registry.getVersion(model, '1'))?.tags['agent_release.evaluation.run_id']).toBe(first.runId);

  expect((await gate(ctx, { modelVersion: '1' })).decision).toBe('pass');
  const judged = await tracking.getRun(first.runId!);
  expect(Object.fromEntries((judged?.data.tags ?? []).map((t) => [t.key, t.value]))[trackingTags.gateDecision]).toBe('pass');
  await promote(ctx, { modelVersion: '1' });

  // Version 2, gated on another runner: the champion's files are not on this disk.
  await registry.registerVersion(model, 's3://models/support-agent', {});
  const second = await evaluate(ctx, { modelVersion: '2' });
  await rm(path.join(ws.dir, '.agent-release', model, 'v1'), { recursive: true, force: true });
  const tempBefore = await readdir(os.tmpdir());
  const decided = await gate(ctx, { modelVersion: '2' });
  expect(decided.decision).toBe('pass');
  expect(decided.champion).toMatchObject({ alias: 'champion', version: '1' });
  expect(decided.rules.map((r) => r.rule)).toContain('baseline');
  // The decision names the champion's files where they live, and the gate keeps no copy of them.
  expect(decided.champion).toMatchObject({ summaryPath: `mlflow-run:${first.runId}/summary.json`, resultsPath: `mlflow-run:${first.runId}/results.jsonl` });
  const record = JSON.parse(await readFile(path.join(ws.dir, '.agent-release', model, 'v2', 'decision.json'), 'utf8')) as { inputs: Record<string, string> };
  expect(Object.keys(record.inputs)).toContain(`mlflow-run:${first.runId}/results.jsonl`);
  expect((await readdir(os.tmpdir())).filter((name) => name.startsWith('agent-release-baseline-') && !tempBefore.includes(name))).toEqual([]);
  expect(second.runId).not.toBe(first.runId);

  await promote(ctx, { modelVersion: '2' });
  const deployed = await deploy(ctx, {});
  expect(deployed.rolledBack).toBe(false);
  const experiment = await tracking.getExperiment(experiments.deployment);
  const deployments = await tracking.searchRuns({ experimentIds: [experiment!.experiment_id] });
  expect(deployments.runs.map((r) => r.info.run_name)).toEqual([expect.stringMatching(/^deploy_\d{8}_\d{6}$/)]);
  expect(Object.fromEntries(deployments.runs[0]!.data.tags.map((t) => [t.key, t.value]))).toMatchObject({ [trackingTags.modelVersion]: '2', [trackingTags.deployOutcome]: 'succeeded' });

  // The rollback runs on another runner: the rollout state comes from the deploy_ run.
  await rm(path.join(ws.dir, '.agent-release', model, 'rollouts'), { recursive: true, force: true });
  await rollback(ctx, {});
  expect(await registry.getAlias(model, 'champion')).toBe('1');
  expect(logger.lines).toContainEqual(expect.stringContaining('restoring from the rollout of v2 to default recorded in the tracking server'));
  const restored = JSON.parse(await readFile(path.join(ws.dir, '.agent-release', model, 'rollouts', 'default.json'), 'utf8')) as { version: string; status: string };
  expect(restored).toMatchObject({ version: '2', status: 'rolled_back' });
});
