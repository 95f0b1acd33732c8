/**
 * The workflow suite: the real release, rollback and pull-request workflows, called from a caller
 * repository made from the templates, run by nektos/act against a real MLflow server behind a
 * proxy that refuses requests without credentials. Each scenario checks act's job results and
 * the registry's state read back.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MlflowRegistry } from '../../src/registry/mlflow';
import { fakeClock } from '../support/fake-clock';
import { callerRepo, installAct, leanActionRepo, runAct, standInRepositories, startAuthProxy, startOidcIssuer, template, type ActRun } from '../support/act';
import { chatCompletion, startAgent, startJsonServer, type AgentServer, type JsonServer } from '../support/agent-server';
import { startGitHubFake, type GitHubFake } from '../support/github-fake';
import { mlflowStartTimeoutMs, startMlflowServer, type MlflowServer } from '../support/mlflow-server';

const user = 'release-bot';
const password = 'mlflow-basic-password-1';
const agentToken = 'agent-token-5150';
const judgeKey = 'sk-judge-key-8675309';
const githubToken = 'ghs-act-token-2718';

let act: string;
let root: string;
let lean: { dir: string; sha: string };
let mlflow: MlflowServer;
let proxy: Awaited<ReturnType<typeof startAuthProxy>>;
let oidc: Awaited<ReturnType<typeof startOidcIssuer>>;
let good: AgentServer;
let bad: AgentServer;
let judge: JsonServer;
let probe: JsonServer;
let github: GitHubFake;
const timings: Record<string, number> = {};
const suiteStarted = Date.now();

beforeAll(async () => {
  act = installAct();
  root = mkdtempSync(path.join(os.tmpdir(), 'agent-release-act-'));
  lean = leanActionRepo(root);
  // Versions are registered with their agent's URL as source, as the quickstart's are.
  mlflow = await startMlflowServer({ env: { MLFLOW_ALLOWED_HOST_ADDRESSED_ARTIFACT_SCHEMES: 'http' } });
  proxy = await startAuthProxy(mlflow.url, user, password);
  oidc = await startOidcIssuer({ job_workflow_ref: 'agent-release/agent-release/.github/workflows/release.yml@refs/tags/v1', job_workflow_sha: lean.sha });
  good = await startAgent((q) => ({ text: `${q} refund policy: 30 days` }));
  bad = await startAgent(() => ({ text: 'I cannot help with that.' }));
  // The judge answers only with the user's key: without it the evaluation fails by name.
  judge = await startJsonServer((request) => (request.headers.authorization === `Bearer ${judgeKey}` ? { json: chatCompletion('{"score": true, "reason": "answers the refund question"}') } : { status: 401, json: { error: { message: 'invalid api key' } } }));
  // /ok always answers; /fail never; /fail-after/N answers N times, then fails.
  const served: Record<string, number> = {};
  probe = await startJsonServer((request) => {
    served[request.path] = (served[request.path] ?? 0) + 1;
    const limit = /^\/fail-after\/(\d+)-/.exec(request.path)?.[1];
    const fails = request.path.startsWith('/fail/') || (limit !== undefined && (served[request.path] ?? 0) > Number(limit));
    return fails ? { status: 503, raw: 'down' } : { json: { status: 'ok' } };
  });
  github = await startGitHubFake({ tokens: { [githubToken]: 'write' } });
}, mlflowStartTimeoutMs);

afterAll(async () => {
  await Promise.all([mlflow?.stop(), proxy?.close(), oidc?.close(), good?.close(), bad?.close(), judge?.close(), probe?.close(), github?.close()]);
  if (root) rmSync(root, { recursive: true, force: true });
  const total = Date.now() - suiteStarted;
  process.stderr.write(`workflow suite: ${(total / 1000).toFixed(1)} s in all; ${Object.entries(timings).map(([name, ms]) => `${name} ${(ms / 1000).toFixed(1)} s`).join(', ')}\n`);
}, 60_000);

const registry = (): MlflowRegistry => new MlflowRegistry({ trackingUri: mlflow.url, auth: undefined, clock: fakeClock() });
let models = 0;

const config = (model: string): string => `version: 1
model: { name: ${model}, registry: mlflow }
evaluate:
  dataset: { path: eval/golden.jsonl }
  endpoint: { url: "{{source}}/v1/chat/completions", headers: { authorization: "Bearer \${AGENT_API_TOKEN}" } }
  scorers:
    - { type: contains }
    - type: llm_judge
      name: helpful
      endpoint: { url: "\${JUDGE_URL}/v1/chat/completions", headers: { authorization: "Bearer \${OPENAI_API_KEY}" } }
      rubric: "Is the answer helpful?"
      scale: pass_fail
gate:
  thresholds: { contains/mean: { min: 0.8 }, helpful/mean: { min: 0.5 }, error_rate: { max: 0 } }
deploy:
  target: command
  command: { deploy: "bash deploy.sh", rollback: "bash deploy.sh", set_traffic: "bash deploy.sh" }
  analysis:
    provider: http-probe
    url: "\${PROBE_URL}"
    requests: 3
    concurrency: 1
    headers: { authorization: "Bearer \${AGENT_API_TOKEN}" }
    limits: { error_rate: 0 }
environments:
  staging: { promote: { alias: staging }, deploy: { analysis: { url: "\${STAGING_PROBE_URL}" } } }
  production: { promote: { alias: champion }, deploy: { strategy: canary, steps: [50, 100], bake: 1s, analysis: { url: "\${PRODUCTION_PROBE_URL}" } } }
`;

const deployScript = `#!/usr/bin/env bash
# Records what serves where, outside the job's workspace, as a real target would.
set -euo pipefail
echo "\${AGENT_RELEASE_VERSION:-none} \${AGENT_RELEASE_TRAFFIC:-100}" > "$SERVING_DIR/$AGENT_RELEASE_ENVIRONMENT"
`;

interface Release {
  model: string;
  repo: string;
  serving: string;
  run(workflow: string, event: string, payload: unknown, probes?: { staging?: string; production?: string }, secrets?: Record<string, string>): Promise<ActRun>;
  served(environment: string): string | undefined;
}

/** A caller repository for a fresh model, set up from the templates as the README says. */
function release(configOf: (model: string) => string = config): Release {
  const model = `agent-${process.pid}-${++models}`;
  const serving = mkdtempSync(path.join(root, 'serving-'));
  const extraEnv = ['JUDGE_URL=${{ vars.JUDGE_URL }}', 'STAGING_PROBE_URL=${{ vars.STAGING_PROBE_URL }}', 'PRODUCTION_PROBE_URL=${{ vars.PRODUCTION_PROBE_URL }}'].join('\n        ');
  const withExtraEnv = (text: string): string => text.replace('PROMETHEUS_URL=${{ vars.PROMETHEUS_URL }}', extraEnv);
  const repo = callerRepo(path.join(root, model), `acme/${model}`, {
    '.github/workflows/release.yml': withExtraEnv(template('agent-release.yml', model)),
    '.github/workflows/detect.yml': withExtraEnv(template('agent-release-detect.yml', model)),
    '.github/workflows/rollback.yml': withExtraEnv(template('agent-release-rollback.yml', model)),
    '.github/workflows/pr.yml': withExtraEnv(template('agent-release-pr.yml', model)),
    '.github/agent-release.yml': configOf(model),
    'eval/golden.jsonl': ['How do I get a refund?', 'What is the refund window?', 'Can I return a gift?'].map((q, i) => JSON.stringify({ id: `q${i}`, input: q, expected: 'refund' })).join('\n') + '\n',
    'deploy.sh': deployScript,
  });
  return {
    model,
    repo,
    serving,
    served: (environment) => {
      try {
        return readFileSync(path.join(serving, environment), 'utf8').trim();
      } catch {
        return undefined;
      }
    },
    run: (workflow, event, payload, probes = {}, secretOverrides = {}) => {
      const artifacts = mkdtempSync(path.join(root, 'artifacts-'));
      return runAct({
        act,
        repo,
        workflow: path.join(repo, '.github', 'workflows', workflow),
        event,
        payload,
        localRepositories: [`agent-release/agent-release@v1=${lean.dir}`, ...standInRepositories()],
        secrets: { MLFLOW_TRACKING_USERNAME: user, MLFLOW_TRACKING_PASSWORD: password, AGENT_API_TOKEN: agentToken, OPENAI_API_KEY: judgeKey, GITHUB_TOKEN: githubToken, ...secretOverrides },
        vars: {
          MLFLOW_TRACKING_URI: proxy.url,
          JUDGE_URL: judge.url,
          STAGING_PROBE_URL: `${probe.url}${probes.staging ?? `/ok/${model}`}`,
          PRODUCTION_PROBE_URL: `${probe.url}${probes.production ?? `/ok/${model}`}`,
        },
        env: {
          ACTIONS_ID_TOKEN_REQUEST_URL: oidc.url,
          ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'act-request-token',
          ACT_STANDIN_REPOS: path.join(root, 'repos'),
          ACT_STANDIN_ARTIFACTS: artifacts,
          SERVING_DIR: serving,
          GITHUB_API_URL: github.url,
        },
      });
    },
  };
}

const failedJobs = (run: ActRun): string[] => Object.entries(run.jobs).filter(([, result]) => result === 'failed').map(([job]) => job.replace(/^.*\//, ''));
const succeededJobs = (run: ActRun): string[] => Object.entries(run.jobs).filter(([, result]) => result === 'succeeded').map(([job]) => job.replace(/^.*\//, ''));

/** The jobs that failed, as expected; otherwise the run's errors, to see why. */
function expectFailed(run: ActRun, expected: string[]): void {
  const failed = failedJobs(run);
  if (JSON.stringify(failed.sort()) === JSON.stringify([...expected].sort()) && (run.code === 0) === (expected.length === 0)) return;
  const errors = run.output.split('\n').filter((l) => /::error::|❗|Error:/.test(l)).slice(-30).join('\n');
  throw new Error(`expected failed jobs [${expected.join(', ')}], act exited ${run.code} with failed [${failed.join(', ')}]; its errors:\n${errors}`);
}

async function register(model: string, source: string): Promise<string> {
  return (await registry().registerVersion(model, `${source}/agent`, {})).version;
}

/** A version's tags besides the one registration leaves (its idempotency key): what a release wrote. */
async function releaseTags(model: string, version: string): Promise<Record<string, string>> {
  const { 'agent_release.register_request_id': _, ...tags } = (await registry().getVersion(model, version))?.tags ?? {};
  return tags;
}

describe('release.yml under a runner, against a registry that refuses requests without credentials', () => {
  it('1. a green release: every job succeeds, and both environments serve the version under their aliases', async () => {
    const r = release();
    const version = await register(r.model, good.url);
    const run = await r.run('release.yml', 'workflow_dispatch', { inputs: { 'model-version': version } });
    timings['a full release'] = run.ms;
    expectFailed(run, []);
    const mv = await registry().getVersion(r.model, version);
    expect(mv?.aliases.sort()).toEqual(['champion', 'staging']);
    expect(mv?.tags).toMatchObject({ 'agent_release.gate.decision': 'pass', 'agent_release.deploy.production.status': 'deployed' });
    expect([r.served('staging'), r.served('production')]).toEqual([`${version} 100`, `${version} 100`]);
    // Every secret reached the jobs that needed it, and none was printed.
    for (const secret of [password, agentToken, judgeKey]) expect(run.output).not.toContain(secret);
    expect(judge.requests.some((request) => request.headers.authorization === `Bearer ${judgeKey}`)).toBe(true);
  }, 600_000);

  it('2. the gate fails: nothing is promoted or deployed, and the release check fails', async () => {
    const r = release();
    const version = await register(r.model, bad.url);
    const run = await r.run('release.yml', 'workflow_dispatch', { inputs: { 'model-version': version } });
    expectFailed(run, ['Gate', 'Release result']);
    expect(succeededJobs(run).some((job) => job.startsWith('Staging') || job.startsWith('Production'))).toBe(false);
    const mv = await registry().getVersion(r.model, version);
    expect([mv?.aliases, mv?.tags['agent_release.gate.decision']]).toEqual([[], 'fail']);
    expect([r.served('staging'), r.served('production')]).toEqual([undefined, undefined]);
  }, 600_000);

  it("3. staging's verify fails: the staging job rolls staging back, and production is untouched", async () => {
    const r = release();
    const v1 = await register(r.model, good.url);
    expectFailed(await r.run('release.yml', 'workflow_dispatch', { inputs: { 'model-version': v1 } }), []);
    const v2 = await register(r.model, good.url);
    // Staging's probe answers deploy's 3 requests, then fails verify's.
    const run = await r.run('release.yml', 'workflow_dispatch', { inputs: { 'model-version': v2 } }, { staging: `/fail-after/3-${r.model}` });
    expectFailed(run, ['Staging (promote, deploy, verify; roll back on failure)', 'Release result']);
    expect(run.output).toMatch(/Run Main Roll back staging/);
    const aliases = await registry().listAliases(r.model);
    expect(aliases).toEqual({ staging: v1, champion: v1 });
    expect([r.served('staging'), r.served('production')]).toEqual([`${v1} 100`, `${v1} 100`]);
    expect((await registry().getVersion(r.model, v2))?.tags['agent_release.deploy.production.status']).toBeUndefined();
  }, 600_000);

  it("4. the production canary fails: deploy's own rollback restores serving and the alias, and no second rollback runs", async () => {
    const r = release();
    const v1 = await register(r.model, good.url);
    expectFailed(await r.run('release.yml', 'workflow_dispatch', { inputs: { 'model-version': v1 } }), []);
    const v2 = await register(r.model, good.url);
    const run = await r.run('release.yml', 'workflow_dispatch', { inputs: { 'model-version': v2 } }, { production: `/fail/${r.model}` });
    expectFailed(run, ['Production (promote, deploy, verify; roll back on failure)', 'Release result']);
    expect(run.output).not.toMatch(/Run Main Roll back production/);
    expect(await registry().listAliases(r.model)).toEqual({ staging: v2, champion: v1 });
    expect(r.served('production')?.split(' ')[0]).toBe(v1);
    expect((await registry().getVersion(r.model, v2))?.tags['agent_release.deploy.production.status']).toBe('rolled_back');
  }, 600_000);

  it("4b. a staging overlay without an alias of its own: staging's promote refuses before it moves production's alias, and production never runs", async () => {
    const r = release((model) => config(model).replace('staging: { promote: { alias: staging }, ', 'staging: { '));
    const version = await register(r.model, good.url);
    const run = await r.run('release.yml', 'workflow_dispatch', { inputs: { 'model-version': version } });
    expectFailed(run, ['Staging (promote, deploy, verify; roll back on failure)', 'Release result']);
    expect(run.output).toContain('staging and production both promote to @champion, so promoting here would release to production before its reviewers approve');
    expect(succeededJobs(run).some((job) => job.startsWith('Production'))).toBe(false);
    expect(await registry().listAliases(r.model)).toEqual({});
    expect([r.served('staging'), r.served('production')]).toEqual([undefined, undefined]);
  }, 600_000);

  it('5. rollback.yml, dispatched by hand, restores the previous version with the rollout state the deploy recorded', async () => {
    const r = release();
    const v1 = await register(r.model, good.url);
    expectFailed(await r.run('release.yml', 'workflow_dispatch', { inputs: { 'model-version': v1 } }), []);
    const v2 = await register(r.model, good.url);
    expectFailed(await r.run('release.yml', 'workflow_dispatch', { inputs: { 'model-version': v2 } }), []);
    const run = await r.run('rollback.yml', 'workflow_dispatch', { inputs: { environment: 'production', 'to-version': '' } });
    expectFailed(run, []);
    // A fresh runner: the state came from the deploy_ run in the tracking server.
    expect(run.output).toContain(`restoring from the rollout of v${v2} to production recorded in the tracking server`);
    expect(await registry().listAliases(r.model)).toEqual({ staging: v2, champion: v1 });
    expect(r.served('production')?.split(' ')[0]).toBe(v1);
    expect((await registry().getVersion(r.model, v2))?.tags['agent_release.deploy.production.status']).toBe('rolled_back');
  }, 600_000);

  it('7. a dispatch for another model changes nothing', async () => {
    const r = release();
    const version = await register(r.model, good.url);
    const run = await r.run('release.yml', 'repository_dispatch', { action: 'agent-release-model-version', client_payload: { model_name: 'someone-elses-model', model_version: version } });
    expectFailed(run, []);
    expect(run.output).toContain(`not released: the dispatch is for model 'someone-elses-model', and this workflow releases ${r.model}`);
    expect(succeededJobs(run)).toEqual(['Accept the request']);
    expect([(await registry().getVersion(r.model, version))?.aliases, await releaseTags(r.model, version)]).toEqual([[], {}]);
  }, 600_000);

  it('7b. a dispatch for this model releases the version it names', async () => {
    const r = release();
    const version = await register(r.model, good.url);
    const run = await r.run('release.yml', 'repository_dispatch', { action: 'agent-release-model-version', client_payload: { model_name: r.model, model_version: version } });
    expectFailed(run, []);
    expect((await registry().getVersion(r.model, version))?.aliases.sort()).toEqual(['champion', 'staging']);
  }, 600_000);

  it('8. the detect template releases two new versions, one at a time, oldest first', async () => {
    const r = release();
    const v1 = await register(r.model, good.url);
    const v2 = await register(r.model, good.url);
    const run = await r.run('detect.yml', 'workflow_dispatch', {});
    timings['detect and two releases'] = run.ms;
    expectFailed(run, []);
    const [first, second] = await Promise.all([registry().getVersion(r.model, v1), registry().getVersion(r.model, v2)]);
    expect([first?.tags['agent_release.gate.decision'], second?.tags['agent_release.gate.decision']]).toEqual(['pass', 'pass']);
    expect(await registry().listAliases(r.model)).toEqual({ staging: v2, champion: v2 });
    // One at a time: the second release started staging only after the first finished production.
    expect(second?.tags['agent_release.staging.promotion_started_at'] ?? '').toBeTruthy();
    expect((second?.tags['agent_release.staging.promotion_started_at'] ?? '') > (first?.tags['agent_release.deploy.production.at'] ?? '~')).toBe(true);
  }, 900_000);

  // Test 1 shows the secret reaching the judge; this one, that nothing else stands in for it.
  it("9. without the user's extra secret the judge is never asked, and evaluate fails naming the variable", async () => {
    const r = release();
    const version = await register(r.model, good.url);
    const before = judge.requests.filter((request) => request.headers.authorization === `Bearer ${judgeKey}`).length;
    const run = await r.run('release.yml', 'workflow_dispatch', { inputs: { 'model-version': version } }, {}, { OPENAI_API_KEY: '' });
    expectFailed(run, ['Evaluate shard 1', 'Release result']);
    expect(run.output).toContain('refers to ${OPENAI_API_KEY}, which is not set');
    expect(judge.requests.filter((request) => request.headers.authorization === `Bearer ${judgeKey}`).length).toBe(before);
    expect(await releaseTags(r.model, version)).toEqual({});
  }, 600_000);

  it('a release without the registry credentials fails at its first registry call and changes nothing', async () => {
    const r = release();
    const version = await register(r.model, good.url);
    const refused = proxy.refused;
    const run = await r.run('release.yml', 'workflow_dispatch', { inputs: { 'model-version': version } }, {}, { MLFLOW_TRACKING_PASSWORD: 'not-the-password' });
    expectFailed(run, ['Evaluate shard 1', 'Release result']);
    expect(proxy.refused).toBeGreaterThan(refused);
    expect(run.output).not.toContain('not-the-password');
    expect(await releaseTags(r.model, version)).toEqual({});
  }, 600_000);
});

describe('pr-evaluate.yml under a runner', () => {
  it('6. evaluates and gates without a gate decision or an alias move, and keeps one pull-request comment', async () => {
    const r = release();
    const version = await register(r.model, good.url);
    await github.close();
    github = await startGitHubFake({ tokens: { [githubToken]: 'write' }, pullRequests: [`acme/${r.model}#7`] });
    const event = { pull_request: { number: 7, head: { sha: 'a'.repeat(40), ref: 'feature' }, base: { ref: 'main' } }, number: 7, repository: { full_name: `acme/${r.model}`, name: r.model, owner: { login: 'acme' } } };
    for (let attempt = 1; attempt <= 2; attempt++) {
      const run = await r.run('pr.yml', 'pull_request', event);
      expectFailed(run, []);
    }
    expect(github.comments(`acme/${r.model}#7`)).toHaveLength(1);
    expect(github.comments(`acme/${r.model}#7`)[0]?.body).toContain('helpful/mean');
    const mv = await registry().getVersion(r.model, version);
    expect([mv?.aliases, Object.keys(mv?.tags ?? {}).filter((key) => key.startsWith('agent_release.gate') || key.startsWith('agent_release.champion'))]).toEqual([[], []]);
  }, 600_000);
});
