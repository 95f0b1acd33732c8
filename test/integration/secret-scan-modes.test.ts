import { systemClock } from '../../src/clock';
import { MlflowRegistry } from '../../src/registry/mlflow';
import { startAgent, type AgentServer } from '../support/agent-server';
import { runActionBundle, runCliBundle } from '../support/bundle-under-test';
import { startDatabricksFake, type DatabricksFake } from '../support/databricks-fake';
import { FakeOAuthService } from '../support/databricks-fake-oauth';
import { startForwardProxy, type ForwardProxy } from '../support/forward-proxy';
import { mlflowStartTimeoutMs, type MlflowServer } from '../support/mlflow-server';
import { startMlflowServerInMemory } from '../support/mlflow-tmpfs';
import { filesUnder, leaksIn, plantSecret, type Capture } from '../support/secret-scan';
import { deployScript, golden, goldenJsonl, makeWorkspace, type Workspace } from '../support/workspace';

// Every mode, through the CLI and through the bundled action, with a distinct secret planted in
// every place one can come from: variables interpolated into URLs and headers, proxy
// credentials, MLflow token and basic auth, a Databricks OAuth secret and the tokens exchanged
// for it. Then every channel (stdout, stderr, outputs, step summary), every file written in the
// workspace or the Volume, and every MLflow param, tag and trace is scanned for any of them.

const planted = {
  AGENT_API_TOKEN: plantSecret('url-key'),
  AGENT_HEADER_SECRET: plantSecret('header'),
  PROBE_TOKEN: plantSecret('probe-key'),
  DEPLOY_URL_TOKEN: plantSecret('deploy-url-key'),
  MLFLOW_TRACKING_TOKEN: plantSecret('mlflow-token'),
  MLFLOW_TRACKING_PASSWORD: plantSecret('mlflow-password'),
  DATABRICKS_CLIENT_SECRET: plantSecret('dose'),
  proxyPassword: plantSecret('proxy-password'),
  'github-token': plantSecret('ghs'),
};

const config = `version: 1
model: { name: "\${MODEL_NAME}", registry: mlflow }
evaluate:
  dataset: { path: golden.jsonl }
  endpoint:
    url: "\${AGENT_URL}/v1/chat/completions?key=\${AGENT_API_TOKEN}"
    headers: { Authorization: "Bearer \${AGENT_HEADER_SECRET}" }
    timeout: 2s
  concurrency: 2
  scorers: [{ type: contains }, { type: latency, max_ms: 5000 }]
gate:
  thresholds: { "contains/mean": { min: 0.75 } }
  artifact_root: /Volumes/main/agents/releases
  deployment_plan: {}
promote: { alias: champion }
deploy:
  target: command
  strategy: all-at-once
  url: "\${AGENT_URL}/serving?token=\${DEPLOY_URL_TOKEN}"
  command: { deploy: node deploy.mjs, rollback: node deploy.mjs }
  analysis: { provider: http-probe, url: "\${AGENT_URL}/health?token=\${PROBE_TOKEN}", requests: 4, concurrency: 2, limits: { error_rate: 0.1 } }
`;

let mlflow: MlflowServer;
let agent: AgentServer;
let databricks: DatabricksFake;
let oauth: FakeOAuthService;
let proxy: ForwardProxy;
const workspaces: Workspace[] = [];
const captures: Capture[] = [];

beforeAll(async () => {
  oauth = new FakeOAuthService({ now: () => Date.now(), clients: { 'release-sp': planted.DATABRICKS_CLIENT_SECRET } });
  [mlflow, agent, databricks, proxy] = await Promise.all([
    startMlflowServerInMemory(),
    startAgent((q) => ({ text: `Sure: ${golden.find((g) => q === g.input)?.expected ?? ''} info` })),
    startDatabricksFake({ tokens: {}, services: [oauth] }),
    startForwardProxy({ credentials: `proxy-user:${planted.proxyPassword}` }),
  ]);
}, mlflowStartTimeoutMs);
afterAll(async () => {
  await Promise.all([agent?.close(), databricks?.close(), proxy?.close(), ...workspaces.map((ws) => ws.cleanup())]);
  await mlflow?.stop();
}, 30_000);

/** A workspace with the config, the dataset and the deploy command, and a model with v1 and v2. */
async function release(name: string): Promise<{ ws: Workspace; env: Record<string, string>; model: string }> {
  const ws = await makeWorkspace();
  workspaces.push(ws);
  await Promise.all([ws.write('.github/agent-release.yml', config), ws.write('golden.jsonl', goldenJsonl), ws.write('deploy.mjs', deployScript)]);
  const model = `secret-scan-${name}-${process.pid}`;
  const registry = new MlflowRegistry({ trackingUri: mlflow.url, auth: undefined, clock: systemClock });
  await registry.registerVersion(model, 's3://models/1', {});
  await registry.registerVersion(model, 's3://models/2', {});
  const env = {
    GITHUB_ACTOR: 'octocat',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'acme/support-agent',
    GITHUB_RUN_ID: '77',
    GITHUB_SHA: 'c0ffee',
    MODEL_NAME: model,
    AGENT_URL: agent.url,
    MLFLOW_TRACKING_URI: mlflow.url,
    DATABRICKS_HOST: databricks.url,
    DATABRICKS_CLIENT_ID: 'release-sp',
    DATABRICKS_CLIENT_SECRET: planted.DATABRICKS_CLIENT_SECRET,
    // Only https goes through the proxy, and every peer here is http: its credentials are only planted.
    HTTPS_PROXY: proxy.url.replace('//', `//proxy-user:${planted.proxyPassword}@`),
    AGENT_API_TOKEN: planted.AGENT_API_TOKEN,
    AGENT_HEADER_SECRET: planted.AGENT_HEADER_SECRET,
    PROBE_TOKEN: planted.PROBE_TOKEN,
    DEPLOY_URL_TOKEN: planted.DEPLOY_URL_TOKEN,
    AGENT_RELEASE_DEBUG: '1',
    RUNNER_DEBUG: '1',
  };
  return { ws, env, model };
}

/** The modes of one release, in order, with the exit code each must end with. */
const steps: [string, Record<string, string>, number][] = [
  ['evaluate', { 'model-version': '1' }, 0],
  ['gate', { 'model-version': '1' }, 0],
  ['promote', { 'model-version': '1' }, 0],
  ['deploy', {}, 0],
  ['evaluate', { 'model-version': '2', shard: '1/2' }, 0],
  ['evaluate', { 'model-version': '2', shard: '2/2' }, 0],
  ['merge', { 'model-version': '2' }, 0],
  ['gate', { 'model-version': '2' }, 0],
  ['promote', { 'model-version': '2' }, 0],
  ['deploy', {}, 0],
  ['verify', {}, 0],
  ['rollback', {}, 0],
  ['detect', {}, 0],
  // A refusal, for the error paths: version 2 no longer holds the alias.
  ['promote', { 'model-version': '2', 'expected-version': '9' }, 1],
];

describe('every mode with secrets planted everywhere', () => {
  it('runs through the CLI, with an MLflow token', async () => {
    const { ws, env } = await release('cli');
    const cli = async (name: string, args: string[], asJson: boolean): Promise<number | null> => {
      const run = await runCliBundle(asJson ? [...args, '--json'] : args, { cwd: ws.dir, env: { ...env, MLFLOW_TRACKING_TOKEN: planted.MLFLOW_TRACKING_TOKEN } });
      captures.push({ run: `cli ${name}${asJson ? ' --json' : ''}`, code: run.code, texts: { stdout: run.stdout, stderr: run.stderr } });
      return run.code;
    };
    expect(await cli('registry register', ['registry', 'register', '--source', 's3://models/3', '--tag', 'team=support'], false)).toBe(0);
    expect(await cli('registry show', ['registry', 'show'], true)).toBe(0);
    for (const [i, [mode, inputs, code]] of steps.entries()) {
      const args = [mode, ...Object.entries(inputs).flatMap(([k, v]) => [`--${k}`, v])];
      // Every other step prints JSON, so both stdout renderings are scanned.
      expect([mode, inputs, await cli(mode, args, i % 2 === 1)]).toEqual([mode, inputs, code]);
    }
    captures.push({ run: 'cli, afterwards', code: 0, texts: { ...(await filesUnder(ws.dir)), ...(await mlflowRecords(env.MODEL_NAME as string)) } });
  }, 240_000);

  it('runs through the bundled action, with MLflow basic auth', async () => {
    const { ws, env } = await release('action');
    for (const [mode, inputs, code] of steps) {
      const run = await runActionBundle(
        { mode, 'github-token': planted['github-token'], 'github-deployments': 'off', ...inputs },
        { workspace: ws.dir, env: { ...env, MLFLOW_TRACKING_USERNAME: 'release-bot', MLFLOW_TRACKING_PASSWORD: planted.MLFLOW_TRACKING_PASSWORD } },
      );
      captures.push({ run: `action ${mode}`, code: run.code, texts: { stdout: run.stdout, stderr: run.stderr, GITHUB_OUTPUT: run.outputText, GITHUB_STEP_SUMMARY: run.summary } });
      expect([mode, inputs, run.code, run.code === code ? '' : run.stdout]).toEqual([mode, inputs, code, '']);
    }
    captures.push({ run: 'action, afterwards', code: 0, texts: { ...(await filesUnder(ws.dir)), ...(await mlflowRecords(env.MODEL_NAME as string)) } });
  }, 240_000);

  it('leaves no planted secret in any channel, file, MLflow param or tag', () => {
    const volume = Object.fromEntries(databricks.files.allFiles().map((file) => [`volume ${file}`, databricks.files.readFile(file) ?? '']));
    captures.push({ run: 'Databricks Volume', code: 0, texts: volume });
    const exchanged = oauth.grants.flatMap((g, i) => (g.accessToken ? [[`Databricks OAuth access token ${i + 1}`, g.accessToken]] : []));
    // Not vacuous: the secrets did travel (OAuth exchanged, the plan reached the Volume, the URLs were used).
    expect(exchanged.length).toBeGreaterThan(0);
    expect(Object.keys(volume).length).toBeGreaterThan(0);
    expect(captures.filter((c) => c.run.endsWith('afterwards')).map((c) => Object.keys(c.texts).some((k) => k.endsWith('results.jsonl')))).toEqual([true, true]);
    // Masked, not left out: MLflow keeps the deploy URL with its token replaced.
    expect(captures.filter((c) => c.run.endsWith('afterwards')).map((c) => c.texts['MLflow runs']?.includes('/serving?token=***'))).toEqual([true, true]);
    expect(leaksIn(captures, { ...planted, 'basic credentials': Buffer.from(`release-bot:${planted.MLFLOW_TRACKING_PASSWORD}`).toString('base64'), ...Object.fromEntries(exchanged) })).toEqual([]);
  });
});

/** The model's versions with their tags, and every run of every experiment with its params and tags, as MLflow keeps them. */
async function mlflowRecords(model: string): Promise<Record<string, string>> {
  const post = async (endpoint: string, body: unknown): Promise<unknown> => {
    const res = await fetch(`${mlflow.url}/api/2.0/mlflow/${endpoint}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return res.json();
  };
  const versions = await (await fetch(`${mlflow.url}/api/2.0/mlflow/model-versions/search?${new URLSearchParams({ filter: `name='${model}'` })}`)).json();
  const experiments = (await post('experiments/search', { max_results: 1000 })) as { experiments?: { experiment_id: string }[] };
  const experimentIds = (experiments.experiments ?? []).map((e) => e.experiment_id);
  const runs = await post('runs/search', { experiment_ids: experimentIds, max_results: 1000 });
  const traces = await fetch(`${mlflow.url}/api/3.0/mlflow/traces/search`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ locations: experimentIds.map((id) => ({ type: 'MLFLOW_EXPERIMENT', mlflow_experiment: { experiment_id: id } })), max_results: 500 }),
  }).then((r) => r.json() as Promise<{ traces?: unknown[] }>);
  // The evaluations' traces are scanned too: they must exist for that to mean anything.
  expect(traces.traces?.length).toBeGreaterThan(0);
  return { 'MLflow model versions': JSON.stringify(versions, null, 1), 'MLflow runs': JSON.stringify(runs, null, 1), 'MLflow traces': JSON.stringify(traces, null, 1) };
}
