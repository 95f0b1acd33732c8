import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemClock, type Clock } from '../../src/clock';
import { resultSchema } from '../../src/contract/results';
import { runCommandEvaluator, type CommandEvaluation } from '../../src/evaluate/runners/command';
import { runMlflowRunEvaluator } from '../../src/evaluate/runners/mlflow-run';
import { memoryLogger } from '../../src/logger';
import { ossMlflowRest } from '../../src/registry/mlflow';
import { TrackingClient } from '../../src/tracking/client';
import { startAgent, type AgentServer } from '../support/agent-server';
import { installMlflow, mlflowStartTimeoutMs } from '../support/mlflow-server';
import { uniqueName, workerMlflowServer, type WorkerMlflowServer } from '../support/mlflow-worker';
import { makeWorkspace, type Workspace } from '../support/workspace';

/**
 * examples/python-evaluator, run the way `evaluate.runner: command` runs it: a real Python with
 * MLflow 3.17.2, a real MLflow tracking server and a real (local) agent. The run it records is
 * read back through MLflow's REST API, not through the script's own account of it.
 */

const exampleDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'python-evaluator');
const experiment = `/Shared/${uniqueName('support-agent')}/evaluation`;
const startedAt = Date.UTC(2026, 0, 2, 3, 4, 5);
// The run name comes from now(); the timeout and grace period are real waits (nothing asserts on them).
const clock: Clock = { now: () => startedAt, sleep: systemClock.sleep };

// How the scripted agent answers each golden question: right, wrong, or not at all.
const answers: Record<string, string | null> = {
  'How do I get a refund for something I bought?': 'You can return it within 30 days for a full refund.',
  'How long does shipping take?': 'Shipping takes 3-5 business days.',
  'I forgot my password. How can I reset it?': 'Click "Forgot password" on the sign-in page.',
  'How do I cancel my subscription?': 'Go to Settings > Billing and choose Cancel.',
  'What warranty do your devices have?': null,
  'When is customer support open?': 'We are always happy to help!',
};

let mlflow: WorkerMlflowServer;
let agent: AgentServer;
let ws: Workspace;
let python: string;
beforeAll(async () => {
  python = path.join(path.dirname(await installMlflow()), 'python');
  mlflow = await workerMlflowServer();
  agent = await startAgent((question) => {
    const answer = answers[question];
    return answer === null || answer === undefined ? { status: 503, body: '{"error":"overloaded"}' } : { text: answer };
  });
  ws = await makeWorkspace();
}, mlflowStartTimeoutMs);
afterAll(async () => {
  await agent?.close();
  await ws?.cleanup();
}, 30_000);

async function mlflowGet<T>(endpoint: string, query: Record<string, string>): Promise<T> {
  const url = `${mlflow.url}/api/2.0/mlflow/${endpoint}?${new URLSearchParams(query)}`;
  const response = await fetch(url);
  const text = await response.text();
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

interface KeyValue {
  key: string;
  value: string;
}
interface RunsGet {
  run: {
    info: { run_id: string; run_name: string; experiment_id: string; status: string };
    data: { metrics?: { key: string; value: number }[]; tags?: KeyValue[] };
    inputs?: { dataset_inputs?: { tags?: KeyValue[]; dataset: { name: string; digest: string; source_type: string } }[] };
  };
}

/**
 * The evaluation the first test recorded: its run id is what an `mlflow-run` runner test can
 * read back (evaluate.runner: mlflow-run, run_id: evaluation.runId) against the same server.
 */
let evaluation: CommandEvaluation | undefined;

test('the example evaluator writes a valid contract and records the run in MLflow', async () => {
  const logger = memoryLogger();
  const outputDir = path.dirname(await ws.write('.agent-release/support-agent/v7/.keep', ''));
  try {
    evaluation = await runCommandEvaluator({
      run: [python, 'evaluate.py'],
      cwd: exampleDir,
      model: { name: 'support-agent', version: '7' },
      outputDir,
      experiment,
      datasetPath: path.join(exampleDir, 'golden.jsonl'),
      baseEnv: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
        GITHUB_REPOSITORY: 'acme/support-agent',
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_RUN_ID: '4242',
        GITHUB_ACTOR: 'octocat',
        PYTHONDONTWRITEBYTECODE: '1',
      },
      env: { AGENT_URL: `${agent.url}/v1/chat/completions`, MLFLOW_TRACKING_URI: mlflow.url },
      timeoutMs: 300_000,
      clock,
      logger,
    });
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- evaluator log ---\n${logger.lines.join('\n')}`, { cause: error });
  }
  const { summary, runId } = evaluation;

  // The files, as agent-release validated them, and as the gate will read them.
  expect(runId).toMatch(/^[0-9a-f]{32}$/);
  expect(evaluation.runName).toBe('eval_pre_deploy_20260102_030405');
  expect(summary).toMatchObject({
    model: { name: 'support-agent', version: '7' },
    dataset: { name: 'golden', rows: 6, source: 'golden.jsonl' },
    errors: 1,
    run_id: runId,
  });
  expect(summary.dataset.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(summary.metrics['contains/mean']).toMatchObject({ value: 0.8, n: 5, ci: { method: 'wilson', confidence: 0.95 } });
  expect(summary.metrics['concise/mean']).toMatchObject({ value: 1, n: 5 });
  expect(summary.metrics.error_rate).toMatchObject({ value: 1 / 6, n: 6 });
  const rows = (await readFile(evaluation.resultsPath, 'utf8')).trim().split('\n').map((line) => resultSchema.parse(JSON.parse(line)));
  expect(rows.map((r) => [r.id, r.scores.contains, r.error ?? null])).toEqual([
    ['refund', 1, null],
    ['shipping-time', 1, null],
    ['password-reset', 1, null],
    ['cancel-subscription', 1, null],
    ['warranty', null, 'the agent answered HTTP 503: {"error":"overloaded"} (attempt 3 of 3)'],
    ['opening-hours', 0, null],
  ]);
  // Five answered questions, and the failing one tried three times.
  expect(agent.requests).toBe(8);
  expect(logger.lines).toContain('info: evaluating support-agent v7 on golden (6 examples) against ' + `${agent.url}/v1/chat/completions`);

  // The run, read back from the tracking server.
  const { experiment: recorded } = await mlflowGet<{ experiment: { experiment_id: string } }>('experiments/get-by-name', { experiment_name: experiment });
  const { run } = await mlflowGet<RunsGet>('runs/get', { run_id: runId ?? '' });
  expect(run.info).toMatchObject({ run_id: runId, run_name: 'eval_pre_deploy_20260102_030405', experiment_id: recorded.experiment_id, status: 'FINISHED' });
  const tags = Object.fromEntries((run.data.tags ?? []).map((t) => [t.key, t.value]));
  expect(tags).toMatchObject({
    'agent_release.mode': 'evaluate',
    'agent_release.model.name': 'support-agent',
    'agent_release.model.version': '7',
    'agent_release.git_sha': '0123456789abcdef0123456789abcdef01234567',
    'agent_release.repository': 'acme/support-agent',
    'agent_release.workflow_run_url': 'https://github.com/acme/support-agent/actions/runs/4242',
    'agent_release.actor': 'octocat',
    'agent_release.dataset.digest': summary.dataset.digest,
    'mlflow.runName': 'eval_pre_deploy_20260102_030405',
  });
  const metrics = Object.fromEntries((run.data.metrics ?? []).map((m) => [m.key, m.value]));
  expect(metrics).toMatchObject({ 'contains/mean': 0.8, 'concise/mean': 1, error_rate: 1 / 6 });
  expect(metrics['latency_ms/p95']).toBe(summary.metrics['latency_ms/p95']?.value);
  const evaluationInputs = (run.inputs?.dataset_inputs ?? []).filter((input) => input.tags?.some((t) => t.key === 'mlflow.data.context' && t.value === 'evaluation'));
  expect(evaluationInputs).toHaveLength(1);
  expect(evaluationInputs[0]?.dataset).toMatchObject({ name: 'golden', digest: summary.dataset.digest.slice('sha256:'.length, 'sha256:'.length + 32) });

  // The two files are the run's artifacts, byte for byte.
  const listed = await mlflowGet<{ files?: { path: string }[] }>('artifacts/list', { run_id: runId ?? '' });
  expect((listed.files ?? []).map((f) => f.path)).toEqual(expect.arrayContaining(['results.jsonl', 'summary.json']));
  const artifact = await fetch(`${mlflow.url}/get-artifact?${new URLSearchParams({ run_uuid: runId ?? '', path: 'summary.json' })}`);
  expect(await artifact.text()).toBe(await readFile(evaluation.summaryPath, 'utf8'));
});

test('the same run read back through the mlflow-run runner gives the evaluator’s own contract files', async () => {
  if (!evaluation?.runId) throw new Error('the first test did not record a run');
  const client = new TrackingClient(ossMlflowRest({ trackingUri: mlflow.url, auth: undefined, clock: systemClock }, 'tracking.mlflow'));
  const model = { name: 'support-agent', version: '7' };
  const byId = path.dirname(await ws.write('read-back/by-id/.keep', ''));
  const read = await runMlflowRunEvaluator({ client, source: { runId: evaluation.runId }, model, outputDir: byId, clock, logger: memoryLogger() });
  expect(read.runId).toBe(evaluation.runId);
  expect(read.summary.metrics).toEqual(evaluation.summary.metrics);
  expect(read.summary.dataset.digest).toBe(evaluation.summary.dataset.digest);
  expect(read.resultsPath).not.toBeNull();
  expect(await readFile(read.resultsPath!, 'utf8')).toBe(await readFile(evaluation.resultsPath, 'utf8'));

  // By query: the latest eval_pre_deploy_* run of version 7 in the evaluation experiment.
  const byQuery = path.dirname(await ws.write('read-back/by-query/.keep', ''));
  const found = await runMlflowRunEvaluator({ client, source: { experiment }, model, outputDir: byQuery, clock, logger: memoryLogger() });
  expect(found.runId).toBe(evaluation.runId);
  await expect(runMlflowRunEvaluator({ client, source: { experiment }, model: { ...model, version: '8' }, outputDir: byQuery, clock, logger: memoryLogger() })).rejects.toThrow(
    /version 8/,
  );
});
