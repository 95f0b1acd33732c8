import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { judgeLook } from '../../src/analysis/judgement';
import { judgementSettingsSchema } from '../../src/analysis/judgement-settings';
import { CancelledError, RefusedError } from '../../src/errors';
import { Aggregate } from '../../src/evaluate/aggregate';
import { deploy } from '../../src/modes/deploy';
import { evaluate } from '../../src/modes/evaluate';
import { promote } from '../../src/modes/promote';
import { verify } from '../../src/modes/verify';
import { LocalRegistry } from '../../src/registry/local';
import { deadPort, startAgent, type AgentServer } from '../support/agent-server';
import { contextOf } from '../support/context';
import { championHeldBy, recordPass } from '../support/decision-record';
import { deployScript, makeWorkspace, sliceConfig, type Workspace } from '../support/workspace';

/**
 * Failures that must tell their real cause (issue 15): a version that does not exist, a probe
 * that fails for a reason, a crashed canary, a first release with a stable side configured, a
 * redeploy of what already serves, and a cancelled evaluation.
 */
let ws: Workspace;
let registry: LocalRegistry;
const servers: AgentServer[] = [];
const serve = async (...args: Parameters<typeof startAgent>): Promise<AgentServer> => {
  const server = await startAgent(...args);
  servers.push(server);
  return server;
};

beforeEach(async () => {
  ws = await makeWorkspace();
  await ws.write('deploy.mjs', deployScript);
  registry = new LocalRegistry(ws.registryFile);
  for (const source of ['http://v1', 'http://v2']) await registry.registerVersion('support-agent', source, {});
});
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  await ws.cleanup();
});

const release = async (config: string, version: string, holder: string): Promise<void> => {
  await recordPass(contextOf(config, ws.dir).ctx, version, championHeldBy(holder));
  await promote(contextOf(config, ws.dir).ctx, { modelVersion: version });
};
const deployments = async (): Promise<string[]> => (await ws.read('deployments.log').catch(() => '')).trim().split('\n').filter(Boolean);

describe('verify', () => {
  it.each([false, true])('refuses a version the registry does not have, naming it and the model (dry run: %s)', async (dryRun) => {
    const agent = await serve();
    const run = verify(contextOf(sliceConfig({ probeUrl: `${agent.url}/health` }), ws.dir, { dryRun }).ctx, { modelVersion: '99' });
    await expect(run).rejects.toThrow(RefusedError);
    await expect(run).rejects.toThrow('support-agent has no version 99 in the local registry (versions: 1, 2)');
    expect(agent.requests).toBe(0);
  });

  it.each([
    ['connection refused', async () => `http://127.0.0.1:${await deadPort()}/health`, 'error_rate = 1 is above the maximum 0.1 (8 of 8 requests failed: 8 × connection refused)'],
    ['a 503 with its body', async () => `${(await serve(() => ({ status: 503, body: 'upstream overloaded, try later' }))).url}/health`, 'error_rate = 1 is above the maximum 0.1 (8 of 8 requests failed: 8 × HTTP 503: "upstream overloaded, try later")'],
    [
      'a mix, most frequent first',
      async () => `${(await serve((_q, n) => (n % 8 === 0 ? { status: 502, body: '<html><body>bad gateway</body></html>' } : n % 2 === 0 ? { status: 503, body: '' } : { text: 'ok' }))).url}/health`,
      'error_rate = 0.5 is above the maximum 0.1 (4 of 8 requests failed: 3 × HTTP 503, 1 × HTTP 502: "(HTML error page)")',
    ],
  ])('says why the probe failed: %s, with counts', async (_name, url, reason) => {
    const result = await verify(contextOf(sliceConfig({ probeUrl: await url() }), ws.dir).ctx, { modelVersion: '1' });
    expect(result.decision).toBe('fail');
    expect(result.checks.find((c) => c.metric === 'error_rate')?.reason).toBe(reason);
  });

  it('names a timeout as the cause', async () => {
    const agent = await serve(() => ({ text: 'late', delayMs: 5_000 }));
    const config = sliceConfig().concat(`  analysis: { provider: http-probe, url: "${agent.url}/health", requests: 2, concurrency: 2, timeout: 100ms, limits: { error_rate: 0.1 } }\n`);
    const result = await verify(contextOf(config, ws.dir).ctx, { modelVersion: '1' });
    expect(result.checks.find((c) => c.metric === 'error_rate')?.reason).toBe('error_rate = 1 is above the maximum 0.1 (2 of 2 requests failed: 2 × timed out after 100 ms)');
  });

  it('judges a first release on limits alone when stable_url is configured', async () => {
    const agent = await serve();
    const config = sliceConfig().concat(`  analysis: { provider: http-probe, url: "${agent.url}/v{{version}}", stable_url: "${agent.url}/v{{version}}/stable", requests: 4, concurrency: 2, limits: { error_rate: 0.1 } }\n`);
    await release(config, '1', 'none');
    const result = await verify(contextOf(config, ws.dir).ctx, {});
    expect(result).toMatchObject({ decision: 'pass', version: '1' });
    expect(result.plan).toContain('(no stable version to compare with: first release)');
    expect(result.metrics['stable/requests']).toBeUndefined();
  });
});

describe('deploy', () => {
  it('deploys a first release with stable_url configured, judged on limits alone', async () => {
    const agent = await serve();
    const analysis = `  analysis: { provider: http-probe, url: "${agent.url}/v{{version}}", stable_url: "${agent.url}/v{{version}}/stable", requests: 4, concurrency: 2, limits: { error_rate: 0.1 } }\n`;
    const config = sliceConfig().concat(analysis);
    await release(config, '1', 'none');
    const result = await deploy(contextOf(config, ws.dir).ctx, {});
    expect(result).toMatchObject({ version: '1', previousVersion: null, failure: null, rolledBack: false });
    expect(result.analysis?.metrics['stable/requests']).toBeUndefined();
  });

  it('rolls back a crashed canary for its error rate, not with a complaint about the latency limit', async () => {
    const stable = await serve();
    const crashed = `http://127.0.0.1:${await deadPort()}`;
    const config = `${sliceConfig().replace('strategy: all-at-once', 'strategy: canary\n  steps: [50, 100]\n  bake: 0ms').replace('    deploy: ', '    set_traffic: "node deploy.mjs"\n    deploy: ')}  analysis:
    provider: http-probe
    url: "${crashed}/v{{version}}"
    stable_url: "${stable.url}/v{{version}}"
    requests: 10
    concurrency: 2
    limits: { error_rate: 0.1 }
    judgement: { min_requests: 10, limits: { error_rate: 0.05, latency_p95_ms: 1000 } }
`;
    await release(config, '1', 'none');
    await release(config, '2', '1');
    const result = await deploy(contextOf(config, ws.dir).ctx, {});
    expect(result.rolledBack).toBe(true);
    expect(result.failure?.step).toBe('analysis');
    const reason = result.failure?.reason ?? '';
    expect(reason).toContain('error_rate 100% (10 errors in 10 canary requests: 10 × connection refused) is above the limit 5%');
    expect(reason).toContain('latency_ms/p95: none of the 10 canary requests succeeded (10 errors), so there is no latency to judge: the candidate is failing');
    expect(reason).not.toContain('remove limits.latency_p95_ms');
    expect(await registry.getAlias('support-agent', 'champion')).toBe('1');
  });

  it('after an automatic rollback, redeploying the restored version is a no-op that says so (state file, then tags alone)', async () => {
    const config = sliceConfig();
    await release(config, '1', 'none');
    expect((await deploy(contextOf(config, ws.dir).ctx, {})).failure).toBeNull();
    await release(config, '2', '1');
    const failing = contextOf(config, ws.dir, { env: { FAIL_DEPLOY: '2' } }).ctx;
    const failed = await deploy({ ...failing, run: { ...failing.run, runKey: 'acme/agent#7' } }, {});
    expect(failed.rolledBack).toBe(true);
    expect(await registry.getAlias('support-agent', 'champion')).toBe('1');
    const before = await deployments();

    const { ctx, logger } = contextOf(config, ws.dir);
    const again = await deploy(ctx, {});
    expect(again).toMatchObject({ version: '1', alreadyDeployed: true, restoredFrom: '2', failure: null, rolledBack: false });
    expect(logger.lines).toContain(
      `info: support-agent v1 already serves in default: the rollout of v2 was rolled back to it (${path.join(ws.dir, '.agent-release', 'support-agent', 'rollouts', 'default.json')}); nothing to do. To release it again through the rollout, promote it again first`,
    );
    // Another runner, without the state file: the rollback's tags say the same.
    await rm(path.join(ws.dir, '.agent-release', 'support-agent', 'rollouts'), { recursive: true });
    expect(await deploy(contextOf(config, ws.dir).ctx, { modelVersion: '1' })).toMatchObject({ alreadyDeployed: true, restoredFrom: '2' });
    expect(await deployments()).toEqual(before);
    expect(await registry.getAlias('support-agent', 'champion')).toBe('1');
    expect((await registry.getVersion('support-agent', '1'))?.tags['agent_release.champion.rolled_back_at']).toBeUndefined();
  });
});

describe('evaluate', () => {
  it('reports a cancellation as one (exit 130) and keeps the finished results', async () => {
    const rows = 40;
    await ws.write('golden.jsonl', Array.from({ length: rows }, (_, i) => JSON.stringify({ id: `q${i}`, input: `question ${i}`, expected: 'question' })).join('\n'));
    const abort = new AbortController();
    // The fifth request cancels the run; the agent answers the rest slowly so some are in flight.
    const agent = await serve((q, n) => {
      if (n === 5) abort.abort(new Error('cancelled (SIGINT)'));
      return { text: q, delayMs: n < 5 ? 0 : 200 };
    });
    await new LocalRegistry(ws.registryFile).registerVersion('support-agent', agent.url, {});
    const { ctx } = contextOf(sliceConfig(), ws.dir);
    const run = evaluate({ ...ctx, signal: abort.signal }, { modelVersion: '3' });
    const error = await run.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CancelledError);
    expect((error as CancelledError).exitCode).toBe(130);
    const message = (error as Error).message;
    expect(message).toMatch(new RegExp(`^evaluation cancelled \\(SIGINT\\) after (\\d+) of ${rows} examples; nothing was recorded as the evaluation\\.`));
    expect(message).not.toContain('changed while it was being evaluated');
    const done = Number(/after (\d+) of/.exec(message)?.[1]);
    expect(done).toBeLessThan(rows);
    const partial = path.join(ws.dir, '.agent-release', 'support-agent', 'v3', 'results.jsonl.partial');
    expect(message).toContain(partial);
    const kept = (await readFile(partial, 'utf8')).trim().split('\n').filter(Boolean);
    expect(kept).toHaveLength(done);
    await expect(readFile(path.join(ws.dir, '.agent-release', 'support-agent', 'v3', 'summary.json'))).rejects.toThrow('ENOENT');
  });
});

describe('the canary judgement with nothing answered', () => {
  const settings = judgementSettingsSchema.parse({ min_requests: 20, limits: { latency_p95_ms: 1000 } });
  const look = { step: 0, extension: 0, decidedEarlierInStep: [] };

  it('fails the latency limit as the candidate failing when every request failed', () => {
    const judged = judgeLook({ canary: { requests: 20, errors: 20, latenciesMs: [] } }, settings, { steps: [100] }, look);
    expect(judged.action).toBe('rollback');
    expect(judged.metrics).toEqual([
      { metric: 'latency_ms/p95', kind: 'limit', verdict: 'fail', reason: 'latency_ms/p95: none of the 20 canary requests succeeded (20 errors), so there is no latency to judge: the candidate is failing' },
    ]);
  });

  it('still calls a provider that reports no latency while requests succeed a configuration problem', () => {
    expect(() => judgeLook({ canary: { requests: 20, errors: 0 } }, settings, { steps: [100] }, look)).toThrow('remove limits.latency_p95_ms or use a provider that measures latency');
  });
});

describe('a merge of results rows', () => {
  it('recomputes a judge error rate from the rows, leaving errored rows out', () => {
    const aggregate = new Aggregate([{ name: 'polite', binary: true, judge: true, score: () => ({ score: 1 }) }]);
    aggregate.add({ scores: { polite: 1 }, latency_ms: 5 });
    aggregate.add({ scores: { polite: null }, latency_ms: 5, judgements: { polite: { score: null, raw: '', error: 'HTTP 503' } } });
    aggregate.add({ scores: { polite: null }, latency_ms: null, error: 'the agent failed' });
    expect(aggregate.metrics()['polite/judge_error_rate']).toMatchObject({ value: 0.5, n: 2 });
    expect(aggregate.metrics().error_rate).toMatchObject({ value: 1 / 3, n: 3 });
  });

  it('counts only the answers the judge was asked about: a row it skipped (no expected answer for its template) is neither', () => {
    const aggregate = new Aggregate([{ name: 'correctness', binary: true, judge: true, score: () => ({ score: 1 }) }]);
    aggregate.add({ scores: { correctness: null }, latency_ms: 5, judgements: { correctness: { score: null, raw: 'no verdict', error: 'unparsable verdict' } } });
    for (let i = 0; i < 6; i++) aggregate.add({ scores: { correctness: null }, latency_ms: 5 });
    aggregate.add({ scores: { correctness: 1 }, latency_ms: 5 });
    expect(aggregate.metrics()['correctness/judge_error_rate']).toMatchObject({ value: 0.5, n: 2 });
  });
});
