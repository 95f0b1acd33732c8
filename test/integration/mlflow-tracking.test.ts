import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Clock } from '../../src/clock';
import { summarySchemaId, type Summary } from '../../src/contract/summary';
import type { Decision } from '../../src/contract/decision';
import { InputError, RefusedError } from '../../src/errors';
import { runMlflowRunEvaluator } from '../../src/evaluate/runners/mlflow-run';
import { mlflowBaselineSource } from '../../src/gate/baseline-mlflow';
import { memoryLogger } from '../../src/logger';
import { MlflowRegistry, ossMlflowRest } from '../../src/registry/mlflow';
import { masker } from '../../src/compose';
import { TrackingClient, runRequestTag, type Run } from '../../src/tracking/client';
import { MlflowTracker, defaultExperimentNames, mlflowDatasetDigest, trackingTags } from '../../src/tracking/runs';
import { fakeClock } from '../support/fake-clock';
import { startFaultProxy } from '../support/fault-proxy';
import { mlflowStartTimeoutMs } from '../support/mlflow-server';
import { uniqueName, workerMlflowServer, type WorkerMlflowServer } from '../support/mlflow-worker';

// The worker's real MLflow server; every test works on its own model and experiments.
let server: WorkerMlflowServer;
let dir: string;
beforeAll(async () => {
  server = await workerMlflowServer();
  dir = await mkdtemp(path.join(os.tmpdir(), 'agent-release-tracking-'));
}, mlflowStartTimeoutMs);
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
}, 30_000);

const fastRetries = { attempts: 4, baseDelayMs: 5, maxDelayMs: 20, deadlineMs: 10_000 };
const runInfo = { actor: 'octocat', runUrl: 'https://github.com/acme/agent/actions/runs/42', sha: 'a'.repeat(40), repository: 'acme/agent' };
let count = 0;
const newModel = (): string => uniqueName(`agent-${++count}`);
const digestOf = (text: string): string => `sha256:${createHash('sha256').update(text).digest('hex')}`;

function client(clock: Clock = fakeClock(), url = server.url): TrackingClient {
  return new TrackingClient(ossMlflowRest({ trackingUri: url, auth: undefined, clock, retryPolicy: fastRetries }, 'tracking.mlflow'));
}

function tracker(model: string, clock: Clock, logger = memoryLogger(), registry?: MlflowRegistry): MlflowTracker {
  return new MlflowTracker({ client: client(clock), model, experiments: defaultExperimentNames(model), run: runInfo, clock, logger, registry });
}

/** A contract pair on disk for `version` of `model`, over `ids` examples. */
async function evaluation(model: string, version: string, datasetDigest: string, ids = 3): Promise<{ summary: Summary; summaryFile: string; resultsFile: string }> {
  const sub = await mkdtemp(path.join(dir, 'eval-'));
  const summary: Summary = {
    schema: summarySchemaId,
    model: { name: model, version },
    dataset: { name: 'golden', digest: datasetDigest, rows: ids },
    metrics: { 'contains/mean': { value: 2 / 3, n: ids, ci: { low: 0.2, high: 0.94, confidence: 0.95, method: 'wilson' } }, 'latency_ms/p95': { value: 120, n: ids } },
    errors: 0,
    run_id: null,
    created_at: '2026-01-02T03:04:05.000Z',
  };
  const summaryFile = path.join(sub, 'summary.json');
  const resultsFile = path.join(sub, 'results.jsonl');
  await writeFile(summaryFile, `${JSON.stringify(summary, null, 2)}\n`);
  const rows = Array.from({ length: ids }, (_, i) => JSON.stringify({ id: `ex-${i}`, inputs: { q: `question ${i} — ünïcode` }, outputs: 'answer', scores: { contains: i % 3 === 2 ? 0 : 1 }, latency_ms: 100 + i }));
  await writeFile(resultsFile, `${rows.join('\n')}\n`);
  return { summary, summaryFile, resultsFile };
}

async function record(model: string, version: string, datasetDigest: string, clock: Clock): Promise<{ runId: string; files: Awaited<ReturnType<typeof evaluation>> }> {
  const files = await evaluation(model, version, datasetDigest);
  const { runId } = await tracker(model, clock).recordEvaluation({ ...files, dataset: { name: 'golden', digest: datasetDigest, source: 'eval/golden.jsonl' }, params: { runner: 'dataset' } });
  return { runId, files };
}

const tagsOf = (run: Run): Record<string, string> => Object.fromEntries(run.data.tags.map((t) => [t.key, t.value]));
const paramsOf = (run: Run): Record<string, string> => Object.fromEntries(run.data.params.map((t) => [t.key, t.value]));
const metricsOf = (run: Run): Record<string, number> => Object.fromEntries(run.data.metrics.map((m) => [m.key, Number(m.value)]));

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.value)}`);
  return outcome.error as Error;
}

describe('MLflow tracking client against a real server', () => {
  it('gets or creates an experiment idempotently, also when two callers race', async () => {
    const name = `/Shared/agent-release/${newModel()}/evaluation`;
    const [a, b] = await Promise.all([client().getOrCreateExperiment(name), client().getOrCreateExperiment(name)]);
    expect(a.experiment_id).toBe(b.experiment_id);
    expect((await client().getOrCreateExperiment(name)).experiment_id).toBe(a.experiment_id);
    expect(a.name).toBe(name);
  });

  it('chunks a log-batch of 2,500 metrics and 250 params within the server limits, and cuts a 7,000-character param at 6,000', async () => {
    const c = client();
    const experiment = await c.getOrCreateExperiment(`/Shared/agent-release/${newModel()}/development`);
    const run = await c.createRun({ experimentId: experiment.experiment_id, runName: 'dev_20260101_000000', startTime: 1, tags: {} });
    const metrics = Array.from({ length: 2500 }, (_, i) => ({ key: `scorer_${i}/mean`, value: i / 2500, timestamp: 5 }));
    const params = Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`param_${i}`, `value ${i}`]));
    params.long = 'x'.repeat(7000);
    const requests = await c.logBatch(run.info.run_id, { metrics, params });
    expect(requests).toBe(3);
    // Retrying the same batch (a lost answer) converges: same metrics, same params.
    await c.logBatch(run.info.run_id, { metrics: metrics.slice(0, 10), params: { param_0: 'value 0' } });
    const read = await c.getRun(run.info.run_id);
    expect(read?.data.metrics).toHaveLength(2500);
    expect(metricsOf(read as Run)['scorer_2499/mean']).toBeCloseTo(0.9996);
    expect(read?.data.params).toHaveLength(251);
    expect(paramsOf(read as Run).long).toBe('x'.repeat(6000));
  });

  it('uploads a 100,000-row results.jsonl and downloads it byte-identical', async () => {
    const c = client();
    const experiment = await c.getOrCreateExperiment(`/Shared/agent-release/${newModel()}/evaluation`);
    const run = await c.createRun({ experimentId: experiment.experiment_id, runName: 'eval_pre_deploy_20260101_000000', startTime: 1, tags: {} });
    const file = path.join(dir, 'big-results.jsonl');
    const row = (i: number): string => JSON.stringify({ id: `ex-${i}`, inputs: { q: `question ${i}` }, outputs: `answer ${i} ✓`, scores: { contains: i % 2 }, latency_ms: i % 997 });
    await writeFile(file, `${Array.from({ length: 100_000 }, (_, i) => row(i)).join('\n')}\n`);
    const started = process.hrtime.bigint();
    await c.uploadArtifact(run, 'results.jsonl', file);
    const uploadMs = Number(process.hrtime.bigint() - started) / 1e6;
    const copy = path.join(dir, 'big-results-copy.jsonl');
    expect(await c.downloadArtifact(run, 'results.jsonl', copy)).toBe(true);
    const [original, downloaded] = await Promise.all([readFile(file), readFile(copy)]);
    expect(downloaded.equals(original)).toBe(true);
    process.stderr.write(`measured: 100k-row results.jsonl (${(original.length / 1e6).toFixed(1)} MB) uploaded in ${uploadMs.toFixed(0)} ms\n`);
  });

  it('creates a run once when the answer to runs/create is lost, finding it by its request id', async () => {
    let creates = 0;
    // The first create reaches MLflow, and the gateway answers 502: the client cannot tell whether it ran.
    const proxy = await startFaultProxy(server.url, (req) => (req.path.endsWith('/runs/create') && ++creates === 1 ? { kind: 'status', status: 502, forward: true } : undefined));
    try {
      const logger = memoryLogger();
      const c = new TrackingClient(ossMlflowRest({ trackingUri: proxy.url, auth: undefined, clock: fakeClock(), retryPolicy: fastRetries, logger }, 'tracking.mlflow'));
      const experiment = await c.getOrCreateExperiment(`/Shared/agent-release/${newModel()}/evaluation`);
      const run = await c.createRun({ experimentId: experiment.experiment_id, runName: 'eval_pre_deploy_20260101_000000', startTime: 1, tags: { a: 'b' } });
      await proxy.idle();
      const all = await client().searchRuns({ experimentIds: [experiment.experiment_id] });
      expect(all.runs.map((r) => r.info.run_id)).toEqual([run.info.run_id]);
      expect(tagsOf(run)[runRequestTag]).toMatch(/^[0-9a-f-]{36}$/);
      expect(proxy.records.filter((r) => r.path.endsWith('/runs/create'))).toHaveLength(1);
      expect(logger.lines.some((l) => l.includes(`the answer was lost (TEMPORARILY_UNAVAILABLE) but run ${run.info.run_id} was created; using it`))).toBe(true);
    } finally {
      await proxy.close();
    }
  });
});

describe('recordEvaluation, recordGate and recordDeployment', () => {
  it('records an evaluation run with name, tags, metrics, params, dataset input, its results byte-identical and its summary naming the run', async () => {
    const model = newModel();
    const clock = fakeClock(Date.UTC(2026, 0, 2, 3, 4, 5));
    const digest = digestOf('golden');
    // A real registry on the same server: the version is tagged with its evaluation run.
    const registry = new MlflowRegistry({ trackingUri: server.url, auth: undefined, clock, retryPolicy: fastRetries });
    const { version } = await registry.registerVersion(model, 's3://models/agent/1', {});
    const files = await evaluation(model, version, digest, 40);
    const recorded = await tracker(model, clock, memoryLogger(), registry).recordEvaluation({ ...files, dataset: { name: 'golden', digest, source: 'eval/golden.jsonl' }, params: { runner: 'dataset', 'endpoint.format': 'openai-chat' } });
    expect(recorded).toMatchObject({ runName: 'eval_pre_deploy_20260102_030405', experimentName: `/Shared/agent-release/${model}/evaluation` });
    expect((await registry.getVersion(model, version))?.tags).toMatchObject({ 'agent_release.evaluation.run_id': recorded.runId });

    const c = client();
    const run = (await c.getRun(recorded.runId)) as Run;
    expect(run.info).toMatchObject({ status: 'FINISHED', run_name: 'eval_pre_deploy_20260102_030405', start_time: Date.UTC(2026, 0, 2, 3, 4, 5) });
    expect(tagsOf(run)).toMatchObject({
      [trackingTags.modelName]: model,
      [trackingTags.modelVersion]: version,
      [trackingTags.mode]: 'evaluate',
      [trackingTags.gitSha]: 'a'.repeat(40),
      [trackingTags.repository]: 'acme/agent',
      [trackingTags.workflowRunUrl]: runInfo.runUrl,
      [trackingTags.actor]: 'octocat',
      [trackingTags.datasetDigest]: digest,
      'mlflow.source.git.commit': 'a'.repeat(40),
      'mlflow.user': 'octocat',
      'mlflow.source.type': 'JOB',
    });
    expect(metricsOf(run)).toEqual({ 'contains/mean': 2 / 3, 'contains/mean.n': 40, 'contains/mean.ci_low': 0.2, 'contains/mean.ci_high': 0.94, 'latency_ms/p95': 120, 'latency_ms/p95.n': 40 });
    expect(paramsOf(run)).toMatchObject({ runner: 'dataset', 'endpoint.format': 'openai-chat', 'dataset.digest': digest, 'dataset.rows': '40', 'contains/mean.ci': 'wilson 0.95', errors: '0' });
    expect(run.inputs.dataset_inputs).toEqual([
      { tags: [{ key: 'mlflow.data.context', value: 'evaluation' }], dataset: { name: 'golden', digest: mlflowDatasetDigest(digest), source_type: 'local', source: '{"uri":"eval/golden.jsonl"}', profile: '{"num_rows":40}' } },
    ]);
    // The dataset input is searchable by digest and context.
    const bySearch = await c.searchRuns({ experimentIds: [run.info.experiment_id], filter: `datasets.digest = '${mlflowDatasetDigest(digest)}' AND datasets.context = 'evaluation'` });
    expect(bySearch.runs.map((r) => r.info.run_id)).toEqual([recorded.runId]);
    const results = path.join(dir, `${recorded.runId}-results.jsonl`);
    expect(await c.downloadArtifact(run, 'results.jsonl', results)).toBe(true);
    expect(await readFile(results)).toEqual(await readFile(files.resultsFile));
    // The run's summary.json names the run, unlike the file written before the run existed.
    const summary = path.join(dir, `${recorded.runId}-summary.json`);
    expect(await c.downloadArtifact(run, 'summary.json', summary)).toBe(true);
    expect(JSON.parse(await readFile(summary, 'utf8'))).toEqual({ ...files.summary, run_id: recorded.runId });
    expect(await c.downloadArtifact(run, 'nothing-here.json', path.join(dir, 'x'))).toBe(false);
  });

  it('marks the run FAILED and names the file when an artifact cannot be uploaded', async () => {
    const model = newModel();
    const files = await evaluation(model, '1', digestOf('golden-f'));
    const resultsFile = path.join(dir, 'no-such-results.jsonl');
    const failed = await rejection(tracker(model, fakeClock()).recordEvaluation({ ...files, resultsFile, dataset: { name: 'golden', digest: digestOf('golden-f'), source: 'golden.jsonl' } }));
    expect(failed).toBeInstanceOf(InputError);
    expect(failed.message).toMatch(new RegExp(`^cannot upload ${resultsFile} as results.jsonl to MLflow run [0-9a-f]{32}: file not found$`));
    const c = client();
    const experiment = await c.getOrCreateExperiment(defaultExperimentNames(model).evaluation);
    const { runs } = await c.searchRuns({ experimentIds: [experiment.experiment_id] });
    expect(runs.map((r) => r.info.status)).toEqual(['FAILED']);
  });

  it('records a gate decision on its evaluation run, refuses another version\'s run, and records a deployment', async () => {
    const model = newModel();
    const clock = fakeClock(Date.UTC(2026, 0, 3));
    const { runId } = await record(model, '2', digestOf('g'), clock);
    const decision: Decision = { schema: 'agent-release.decision/v1', model: { name: model, version: '2' }, decision: 'fail', rules: [{ rule: 'threshold', metric: 'contains/mean', passed: false, warning: false, reason: 'below', inputs: {} }, { rule: 'signoff', passed: true, warning: false, reason: 'ok', inputs: {} }], inputs: {}, aliases: {}, decided_at: '2026-01-03T00:00:00.000Z', run: { actor: 'octocat', url: null, sha: null } };
    const decisionFile = path.join(dir, `${model}-decision.json`);
    await writeFile(decisionFile, JSON.stringify(decision));
    const t = tracker(model, clock);
    expect((await t.recordGate({ decision, decisionFile, evaluationRunId: runId })).runId).toBe(runId);
    const c = client();
    const run = (await c.getRun(runId)) as Run;
    expect(tagsOf(run)).toMatchObject({ [trackingTags.gateDecision]: 'fail', [trackingTags.gateFailedRules]: 'threshold:contains/mean' });
    expect(metricsOf(run)).toMatchObject({ 'gate/passed': 0, 'gate/rules': 2, 'gate/rules_failed': 1 });
    const copy = path.join(dir, `${model}-decision-copy.json`);
    expect(await c.downloadArtifact(run, 'gate/decision.json', copy)).toBe(true);
    expect(await readFile(copy, 'utf8')).toBe(JSON.stringify(decision));

    const other = { ...decision, model: { name: model, version: '3' } };
    expect((await rejection(t.recordGate({ decision: other, decisionFile, evaluationRunId: runId }))).message).toBe(
      `MLflow run ${runId} is the evaluation of ${model} version 2, not of ${model} version 3; the gate decision was not recorded on it`,
    );
    const own = await t.recordGate({ decision: other, decisionFile });
    expect(own.runName).toBe('gate_20260103_000000');

    const deployed = await t.recordDeployment({ version: '2', previousVersion: '1', environment: 'production', target: 'command', strategy: 'all-at-once', outcome: 'rolled_back', startedAt: Date.UTC(2026, 0, 4, 5, 6, 7), reason: 'error rate 12% > 5%' });
    expect(deployed).toMatchObject({ runName: 'deploy_20260104_050607', experimentName: `/Shared/agent-release/${model}/deployment` });
    const deployRun = (await c.getRun(deployed.runId)) as Run;
    expect(deployRun.info.status).toBe('FAILED');
    expect(paramsOf(deployRun)).toEqual({ version: '2', previous_version: '1', environment: 'production', target: 'command', strategy: 'all-at-once' });
    expect(tagsOf(deployRun)).toMatchObject({ [trackingTags.deployOutcome]: 'rolled_back', [trackingTags.environment]: 'production', [trackingTags.deployReason]: 'error rate 12% > 5%', [trackingTags.mode]: 'deploy' });
  });

  it.each([
    ['a small state, kept as a run tag', 10],
    ['a state larger than a tag, kept as an artifact', 20_000],
  ])('keeps the rollout state with the deploy run, for a rollback on another runner: %s', async (_, padding) => {
    const model = newModel();
    const clock = fakeClock(Date.UTC(2026, 0, 5));
    const registry = new MlflowRegistry({ trackingUri: server.url, auth: undefined, clock, retryPolicy: fastRetries });
    const { version } = await registry.registerVersion(model, 's3://models/agent/1', {});
    const t = tracker(model, clock, memoryLogger(), registry);
    const rolloutFile = path.join(await mkdtemp(path.join(dir, 'rollout-')), 'staging.json');
    const state = `${JSON.stringify({ version, snapshot: { kind: 'serving', state: { entities: ['a'.repeat(padding)] } } })}\n`;
    await writeFile(rolloutFile, state);
    const copy = `${rolloutFile}.copy`;
    expect(await t.fetchRolloutState(model, version, 'staging', copy)).toBe(false);

    await t.recordDeployment({ version, previousVersion: null, environment: 'staging', target: 'command', strategy: 'canary', outcome: 'succeeded', startedAt: clock.now(), rolloutFile });
    expect(await t.fetchRolloutState(model, version, 'staging', copy)).toBe(true);
    expect(await readFile(copy, 'utf8')).toBe(state);
    expect(await t.fetchRolloutState(model, version, 'production', copy)).toBe(false);
  });
});

describe('records read back byte for byte are never masked into the tracking server', () => {
  it('keeps no rollout state that holds a secret, and says why', async () => {
    const model = newModel();
    const clock = fakeClock(Date.UTC(2026, 0, 6));
    const registry = new MlflowRegistry({ trackingUri: server.url, auth: undefined, clock, retryPolicy: fastRetries });
    const { version } = await registry.registerVersion(model, 's3://models/agent/1', {});
    const logger = memoryLogger();
    const secret = 'plain-env-var-secret-42';
    const masking = new TrackingClient(ossMlflowRest({ trackingUri: server.url, auth: undefined, clock, retryPolicy: fastRetries }, 'tracking.mlflow'), { mask: masker([secret]) });
    const t = new MlflowTracker({ client: masking, model, experiments: defaultExperimentNames(model), run: runInfo, clock, logger, registry });
    const rolloutFile = path.join(await mkdtemp(path.join(dir, 'rollout-')), 'production.json');
    await writeFile(rolloutFile, JSON.stringify({ version, snapshot: { state: { environment_vars: { OPENAI_API_KEY: secret } } } }));
    await t.recordDeployment({ version, previousVersion: null, environment: 'production', target: 'databricks-serving', strategy: 'canary', outcome: 'succeeded', startedAt: clock.now(), rolloutFile });
    expect(await t.fetchRolloutState(model, version, 'production', `${rolloutFile}.copy`)).toBe(false);
    expect(logger.lines).toContainEqual(expect.stringContaining('holds a secret value (in the target\'s snapshot), so it is not kept with run'));
    const runs = await client().searchRuns({ experimentIds: [(await client().getExperiment(defaultExperimentNames(model).deployment))!.experiment_id] });
    expect(JSON.stringify(runs.runs)).not.toContain(secret);
  });
});

describe('the MLflow baseline source', () => {
  it("finds the holder's latest finished evaluation on the candidate's dataset among decoys, and downloads it", async () => {
    const model = newModel();
    const digest = digestOf('golden-b');
    const at = (day: number): Clock => fakeClock(Date.UTC(2026, 1, day));
    await record(model, '1', digest, at(1)); // older
    const target = await record(model, '1', digest, at(2));
    await record(model, '3', digest, at(3)); // another version
    await record(model, '1', digestOf('other dataset'), at(4)); // another dataset
    const c = client(at(5));
    const experiment = await c.getOrCreateExperiment(defaultExperimentNames(model).evaluation);
    // Unfinished, newest: tagged like a real one but never finished.
    await c.createRun({ experimentId: experiment.experiment_id, runName: 'eval_pre_deploy_20260205_000000', startTime: Date.UTC(2026, 1, 5), tags: { [trackingTags.modelName]: model, [trackingTags.modelVersion]: '1', [trackingTags.datasetDigest]: digest } });

    const source = mlflowBaselineSource({ client: client(), experiment: defaultExperimentNames(model).evaluation, tempRoot: dir });
    const found = await source.find({ model, alias: 'champion', holder: '1', candidateVersion: '2', datasetDigest: digest });
    if (found.kind !== 'found') throw new Error(`expected found, got ${JSON.stringify(found)}`);
    expect(found).toMatchObject({ expectedVersion: '1', origin: `@champion (version 1), MLflow run eval_pre_deploy_20260202_000000 (${target.runId})` });
    expect(JSON.parse(await readFile(found.summaryFile, 'utf8'))).toEqual({ ...target.files.summary, run_id: target.runId });
    expect(await readFile(found.resultsFile)).toEqual(await readFile(target.files.resultsFile));
    expect(found.shownAs).toEqual({ summary: `mlflow-run:${target.runId}/summary.json`, results: `mlflow-run:${target.runId}/results.jsonl` });
    // The downloaded copies are the gate's to read once, then gone: no temp folder per gate run.
    await found.cleanup?.();
    await expect(readFile(found.summaryFile)).rejects.toThrow('ENOENT');
    expect((await readdir(dir)).filter((name) => name.startsWith('agent-release-baseline-'))).toEqual([]);
  });

  it('says none when there is no holder or the candidate holds the alias, and missing with what it searched for', async () => {
    const model = newModel();
    const digest = digestOf('golden-c');
    const experiment = defaultExperimentNames(model).evaluation;
    const source = mlflowBaselineSource({ client: client(), experiment, tempRoot: dir });
    const request = { model, alias: 'champion', candidateVersion: '2', datasetDigest: digest };
    expect(await source.find({ ...request, holder: null })).toEqual({ kind: 'none', reason: 'no version holds @champion yet (first release): nothing to compare with, so the baseline comparison is skipped' });
    expect(await source.find({ ...request, holder: '2' })).toEqual({ kind: 'none', reason: 'version 2 already holds @champion: it is its own champion, so the baseline comparison is skipped' });
    const fix = 'evaluate version 1 on the same dataset (agent-release evaluate --model-version 1) so it is recorded there, or point gate.baseline.summary_path at its evaluation';
    expect(await source.find({ ...request, holder: '1' })).toEqual({ kind: 'missing', reason: `@champion is held by version 1, but the evaluation experiment ${experiment} does not exist at ${server.url}; ${fix}` });
    await record(model, '1', digestOf('another dataset'), fakeClock());
    expect(await source.find({ ...request, holder: '1' })).toEqual({
      kind: 'missing',
      reason: `@champion is held by version 1, but experiment ${experiment} has no FINISHED eval_pre_deploy_* run tagged agent_release.model.name=${model}, agent_release.model.version=1 and agent_release.dataset.digest=${digest}; ${fix}`,
    });
  });
});

describe('the mlflow-run evaluation runner', () => {
  const options = async (model: string, version: string, source: Parameters<typeof runMlflowRunEvaluator>[0]['source']) => ({
    client: client(),
    source,
    model: { name: model, version },
    outputDir: await mkdtemp(path.join(dir, 'out-')),
    clock: fakeClock(Date.UTC(2026, 2, 1)),
    logger: memoryLogger(),
  });

  it("reads a recorded run by id: its artifacts, checked, with summary.run_id filled in", async () => {
    const model = newModel();
    const { runId, files } = await record(model, '4', digestOf('golden-d'), fakeClock());
    const result = await runMlflowRunEvaluator(await options(model, '4', { runId }));
    expect(result).toMatchObject({ runId, summary: { ...files.summary, run_id: runId } });
    expect(JSON.parse(await readFile(result.summaryPath, 'utf8'))).toEqual({ ...files.summary, run_id: runId });
    expect(await readFile(result.resultsPath as string)).toEqual(await readFile(files.resultsFile));
  });

  it('finds the latest run of the version by query and builds summary.json from its metrics and dataset input when it has no artifacts', async () => {
    const model = newModel();
    const experimentName = defaultExperimentNames(model).evaluation;
    const c = client();
    const experiment = await c.getOrCreateExperiment(experimentName);
    // As a notebook would log it: metrics, a dataset input, no agent-release artifacts.
    const foreign = async (startTime: number, value: number): Promise<string> => {
      const run = await c.createRun({ experimentId: experiment.experiment_id, runName: `eval_pre_deploy_${startTime}`, startTime, tags: { [trackingTags.modelName]: model, [trackingTags.modelVersion]: '5' } });
      await c.logBatch(run.info.run_id, { metrics: [{ key: 'relevance/mean', value, timestamp: 1 }, { key: 'relevance/mean.n', value: 50, timestamp: 1 }] });
      await c.logInputs(run.info.run_id, [{ dataset: { name: 'golden', digest: 'abcd1234', source_type: 'local', source: '{"uri":"golden.jsonl"}', profile: '{"num_rows": 50}' }, context: 'evaluation' }]);
      await c.finishRun(run.info.run_id, 'FINISHED', startTime + 1);
      return run.info.run_id;
    };
    await foreign(1_000, 0.5);
    const latest = await foreign(2_000, 0.8);
    const result = await runMlflowRunEvaluator(await options(model, '5', { experiment: experimentName }));
    expect(result.runId).toBe(latest);
    expect(result.resultsPath).toBeNull();
    expect(result.summary).toEqual({
      schema: summarySchemaId,
      model: { name: model, version: '5' },
      dataset: { name: 'golden', digest: digestOf('mlflow-dataset:golden:abcd1234'), rows: 50, source: `MLflow run ${latest} (dataset input golden, MLflow digest abcd1234)` },
      metrics: { 'relevance/mean': { value: 0.8, n: 50 } },
      errors: 0,
      run_id: latest,
      created_at: '2026-03-01T00:00:00.000Z',
    });
    expect(JSON.parse(await readFile(result.summaryPath, 'utf8'))).toEqual(result.summary);
  });

  it('names a run id that does not exist, refuses a run of another version, and says what a query did not find', async () => {
    const model = newModel();
    const missing = '0123456789abcdef0123456789abcdef';
    const notFound = await rejection(runMlflowRunEvaluator(await options(model, '1', { runId: missing })));
    expect(notFound).toBeInstanceOf(InputError);
    expect(notFound.message).toBe(`evaluate.mlflow_run.run_id: MLflow run ${missing} does not exist at ${server.url}; check the id (the run page URL ends with it) and the tracking URI`);

    const { runId } = await record(model, '1', digestOf('golden-e'), fakeClock());
    const other = await rejection(runMlflowRunEvaluator(await options(model, '2', { runId })));
    expect(other).toBeInstanceOf(RefusedError);
    expect(other.message).toBe(`MLflow run ${runId} is the evaluation of ${model} version 1, not of ${model} version 2; give the run of this version in evaluate.mlflow_run.run_id`);

    const experiment = defaultExperimentNames(model).evaluation;
    const none = await rejection(runMlflowRunEvaluator(await options(model, '2', { experiment })));
    expect(none.message).toBe(`evaluate.mlflow_run: experiment ${experiment} has no FINISHED eval_pre_deploy_* run tagged agent_release.model.name=${model} and agent_release.model.version=2; record the evaluation of version 2 first, or give its run_id`);
  });
});
