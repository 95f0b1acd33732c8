import { systemClock } from '../../src/clock';
import { runInfoFromEnv } from '../../src/compose';
import { promote } from '../../src/modes/promote';
import { MlflowRegistry, registerRequestTag } from '../../src/registry/mlflow';
import { tagKeys } from '../../src/registry/tags';
import { runCliBundle, spawnCli } from '../support/bundle-under-test';
import { startFaultProxy, type FaultProxy, type HeldRequest } from '../support/fault-proxy';
import { mlflowStartTimeoutMs } from '../support/mlflow-server';
import { uniqueName, workerMlflowServer, type WorkerMlflowServer } from '../support/mlflow-worker';
import { contextOf } from '../support/context';
import { recordPass } from '../support/decision-record';
import { makeWorkspace, type Workspace } from '../support/workspace';

// The bundled CLI as child processes against a real MLflow: killed at every step of a promotion,
// and racing another promotion to the same alias.

const configText = 'version: 1\nmodel: { name: "${MODEL_NAME}", registry: mlflow }\npromote: { alias: champion }\n';
let server: WorkerMlflowServer;
let ws: Workspace;
beforeAll(async () => {
  server = await workerMlflowServer();
  ws = await makeWorkspace();
  // Model and tracking server come from the environment, so one config serves every run.
  await ws.write('.github/agent-release.yml', configText);
}, mlflowStartTimeoutMs);
afterAll(async () => {
  await ws?.cleanup();
}, 30_000);

const alias = 'champion';
const runner = {
  GITHUB_ACTOR: 'octocat',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'acme/support-agent',
  GITHUB_RUN_ID: '4242',
  GITHUB_SHA: 'c0ffee0000000000000000000000000000000000',
};
const direct = (): MlflowRegistry => new MlflowRegistry({ trackingUri: server.url, auth: undefined, clock: systemClock });
let models = 0;

/** A model whose v1 holds @champion and whose later versions passed a gate that saw v1 holding it. */
async function releasedModel(candidates: number): Promise<string> {
  const model = uniqueName(`promotion-${++models}`);
  const reg = direct();
  await reg.registerVersion(model, 's3://models/1', {});
  await reg.setAlias(model, alias, '1', undefined);
  const { ctx } = contextOf(configText, ws.dir, { env: env(model, server.url) });
  for (let n = 2; n <= candidates + 1; n++) {
    await reg.registerVersion(model, `s3://models/${n}`, {});
    await recordPass(ctx, String(n), { [alias]: '1' });
  }
  return model;
}

const env = (model: string, trackingUri: string): Record<string, string> => ({ ...runner, MODEL_NAME: model, MLFLOW_TRACKING_URI: trackingUri });

interface ReleaseState {
  holder: string | null;
  tags: Record<string, Record<string, string>>;
}

/** Holder and tags, with timestamps checked and blanked so that two releases compare equal. */
async function releaseState(model: string, notBefore: number): Promise<ReleaseState> {
  const versions = await direct().listVersions(model);
  const tags: Record<string, Record<string, string>> = {};
  for (const v of versions) {
    const kept: Record<string, string> = {};
    for (const [key, value] of Object.entries(v.tags).sort(([a], [b]) => a.localeCompare(b))) {
      // Per model by construction: the request id, and the digest of a record that names the model.
      if (key === registerRequestTag || key === tagKeys.gateDecisionDigest) continue;
      if (/[._]at$/.test(key)) {
        const at = Date.parse(value);
        kept[key] = Number.isFinite(at) && at >= notBefore - 1_000 && at <= Date.now() + 1_000 ? '<time of this release>' : `<bad time ${value}>`;
      } else kept[key] = value;
    }
    tags[v.version] = kept;
  }
  return { holder: versions.find((v) => v.aliases.includes(alias))?.version ?? null, tags };
}

/** Fails instead of hanging when a run never gets as far as the test expects. */
function within<T>(promise: Promise<T>, what: string, ms = 20_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not arrive within ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Waits for the proxy to park a request, or for the child to finish first (then there is no k-th request). */
async function heldOrExit(proxy: FaultProxy, exited: Promise<unknown>): Promise<HeldRequest | undefined> {
  return Promise.race([proxy.nextHeld(), exited.then(() => undefined)]);
}

interface KillScenario {
  /** A fresh model in the state before the command. */
  prepare(): Promise<string>;
  args: string[];
  /** What the crash may leave, whatever the step: the problems found. */
  crashInvariants(state: ReleaseState): string[];
}

/**
 * Runs the command once undisturbed through the proxy (the reference, and the count of its
 * requests), then for every request k: a fresh model, the command again with request k held,
 * SIGKILL while it is held, the request dropped or applied, and the command re-run straight at
 * MLflow. A read changes nothing whether it is dropped or applied, so a held GET is only dropped:
 * applying it would repeat that run exactly. Returns the problems found and the steps.
 */
async function killAtEveryStep(scenario: KillScenario): Promise<{ steps: string[]; expected: ReleaseState; failures: string[] }> {
  const proxy = await startFaultProxy(server.url);
  try {
    const startedAt = Date.now();
    const reference = await scenario.prepare();
    const clean = await runCliBundle(scenario.args, { cwd: ws.dir, env: env(reference, proxy.url) });
    if (clean.code !== 0) throw new Error(`the undisturbed run exited ${clean.code}: ${clean.stderr}`);
    const steps = proxy.records.map((r) => `${r.method} ${r.path.replace('/api/2.0/mlflow/', '')}`);
    const expected = await releaseState(reference, startedAt);

    const failures: string[] = [];
    for (let k = 1; k <= steps.length; k++) {
      const fates = steps[k - 1]?.startsWith('GET ') ? (['dropped'] as const) : (['dropped', 'applied'] as const);
      for (const held of fates) {
        const started = Date.now();
        const model = await scenario.prepare();
        proxy.reset();
        proxy.plan = (req) => (req.seq === k ? { kind: 'hold' } : undefined);
        const run = spawnCli(scenario.args, { cwd: ws.dir, env: env(model, proxy.url) });
        const request = await heldOrExit(proxy, run.done);
        const where = `killed at request ${k} (${steps[k - 1]}), which was ${held}`;
        if (!request) {
          failures.push(`${where}: the CLI finished before its request ${k}: ${(await run.done).stderr}`);
          continue;
        }
        run.child.kill('SIGKILL');
        const killed = await run.done;
        // The request in flight when the process died either never arrived or was applied.
        if (held === 'dropped') request.drop();
        else await request.forward();
        await proxy.idle();
        proxy.plan = () => undefined;
        if (killed.signal !== 'SIGKILL') failures.push(`${where}: the CLI was not killed (${killed.code}): ${killed.stderr}`);
        failures.push(...scenario.crashInvariants(await releaseState(model, started)).map((p) => `${where}: ${p}`));

        const rerun = await runCliBundle(scenario.args, { cwd: ws.dir, env: env(model, server.url) });
        if (rerun.code !== 0) failures.push(`${where}: the re-run exited ${rerun.code}: ${rerun.stderr}`);
        const converged = await releaseState(model, started);
        if (JSON.stringify(converged) !== JSON.stringify(expected)) failures.push(`${where}: the re-run left ${JSON.stringify(converged)}, not ${JSON.stringify(expected)}`);
      }
    }
    return { steps, expected, failures };
  } finally {
    await proxy.close();
  }
}

const stepList = (steps: string[]): string => steps.map((s, i) => `${i + 1}. ${s}`).join('\n  ');

describe('SIGKILL at every step, then a re-run', () => {
  it('a promotion converges to the state an undisturbed promotion leaves', async () => {
    const { steps, expected, failures } = await killAtEveryStep({
      prepare: () => releasedModel(1),
      args: ['promote', '--model-version', '2'],
      // The alias is on the old or the new version, and if it moved, the record rollback needs is there.
      crashInvariants: (state) => [
        ...(state.holder === '1' || state.holder === '2' ? [] : [`@${alias} is on ${state.holder}`]),
        ...(state.holder === '2' && state.tags['2']?.[tagKeys.previousHolder(alias)] !== '1' ? [`@${alias} moved without ${tagKeys.previousHolder(alias)}`] : []),
      ],
    });
    process.stderr.write(`a promotion makes ${steps.length} requests:\n  ${stepList(steps)}\n`);
    expect(expected.holder).toBe('2');
    expect(expected.tags['2']).toMatchObject({
      [tagKeys.previousHolder(alias)]: '1',
      [tagKeys.promotedBy(alias)]: 'octocat',
      [tagKeys.promotedAt(alias)]: '<time of this release>',
      [tagKeys.promotedRun(alias)]: 'https://github.com/acme/support-agent/actions/runs/4242',
      [tagKeys.promotedSha(alias)]: runner.GITHUB_SHA,
    });
    expect(failures).toEqual([]);
  }, 600_000);

  it('a rollback converges to the state an undisturbed rollback leaves', async () => {
    const { steps, expected, failures } = await killAtEveryStep({
      // v2 promoted over v1 by the promote mode with the CLI's run (the CLI runs it so), straight
      // at MLflow: the state a CLI promotion leaves, without starting a process for each of 20 models.
      prepare: async () => {
        const model = await releasedModel(1);
        const { ctx } = contextOf(configText, ws.dir, { env: env(model, server.url) });
        await promote({ ...ctx, run: runInfoFromEnv(env(model, server.url)) }, { modelVersion: '2' });
        return model;
      },
      args: ['rollback', '--model-version', '2'],
      crashInvariants: (state) => (state.holder === '1' || state.holder === '2' ? [] : [`@${alias} is on ${state.holder}`]),
    });
    process.stderr.write(`a rollback makes ${steps.length} requests:\n  ${stepList(steps)}\n`);
    expect(expected.holder).toBe('1');
    expect(expected.tags['2']).toMatchObject({
      [tagKeys.previousHolder(alias)]: '1',
      [tagKeys.rolledBackBy(alias)]: 'octocat',
      [tagKeys.rolledBackAt(alias)]: '<time of this release>',
      [tagKeys.deployStatus('default')]: 'rolled_back',
    });
    expect(failures).toEqual([]);
  }, 600_000);
});

describe('two promotions of different versions to the same alias at once', () => {
  /** Runs both; returns exit codes and output keyed by version. */
  async function race(model: string, urls: { '2': string; '3': string }, between?: () => Promise<void>) {
    const runs = (['2', '3'] as const).map((v) => ({ v, run: spawnCli(['promote', '--model-version', v], { cwd: ws.dir, env: env(model, urls[v]) }) }));
    if (between) await between();
    return Promise.all(runs.map(async ({ v, run }) => ({ v, ...(await run.done) })));
  }

  /** Exactly one wins, the other refuses naming it, and the registry agrees with the winner. */
  async function judge(model: string, results: Awaited<ReturnType<typeof race>>): Promise<string> {
    const winners = results.filter((r) => r.code === 0);
    const losers = results.filter((r) => r.code !== 0);
    expect({ winners: winners.map((r) => r.v), losers: losers.map((r) => [r.v, r.code]) }).toEqual({ winners: [expect.any(String)], losers: [[expect.any(String), 1]] });
    const [winner, loser] = [winners[0]!, losers[0]!];
    expect(loser.stderr).toMatch(new RegExp(`^agent-release: .*${model} version ${loser.v}\\b.*held by version ${winner.v}\\b`, 'm'));
    const state = await releaseState(model, 0);
    expect(state.holder).toBe(winner.v);
    expect(state.tags[winner.v]).toMatchObject({ [tagKeys.previousHolder(alias)]: '1', [tagKeys.promotedBy(alias)]: 'octocat' });
    // The loser never recorded a promotion.
    expect(state.tags[loser.v]?.[tagKeys.promotedAt(alias)]).toBeUndefined();
    return (/^agent-release: (.*)$/m.exec(loser.stderr)?.[1] ?? loser.stderr).replace(new RegExp(model, 'g'), 'M').replace(/version \d+/g, 'version N');
  }

  it('exactly one wins and the other refuses naming the winner, 20 times over', async () => {
    const how: Record<string, number> = {};
    for (let round = 1; round <= 20; round++) {
      const model = await releasedModel(2);
      let results: Awaited<ReturnType<typeof race>>;
      if (round % 2 === 1) {
        // As they come: two processes started together, straight at MLflow.
        results = await race(model, { '2': server.url, '3': server.url });
      } else {
        // Forced: both alias writes are held until both runs have read @champion as v1, then let go a few ms apart.
        const proxy = await startFaultProxy(server.url, (req) => (req.method === 'POST' && req.path.endsWith('registered-models/alias') ? { kind: 'hold' } : undefined));
        try {
          results = await race(model, { '2': proxy.url, '3': proxy.url }, async () => {
            const first = await within(proxy.nextHeld(), 'the first alias write');
            const second = await within(proxy.nextHeld(), 'the second alias write');
            const order = round % 4 === 0 ? [first, second] : [second, first];
            const released = order.map(async (held, i) => {
              await new Promise((resolve) => setTimeout(resolve, i * 20));
              await held.forward();
            });
            await Promise.all(released);
          });
        } finally {
          await proxy.close();
        }
      }
      const caught = await judge(model, results);
      how[caught] = (how[caught] ?? 0) + 1;
    }
    process.stderr.write(`how the losers were stopped: ${JSON.stringify(how, null, 2)}\n`);
  }, 300_000);

  it('a write that lands within the settle time after the winner’s is caught by the run it overwrote', async () => {
    const model = await releasedModel(2);
    const slow = await startFaultProxy(server.url, (req) => (req.method === 'POST' && req.path.endsWith('registered-models/alias') ? { kind: 'hold' } : undefined));
    const fast = await startFaultProxy(server.url, (req) => (req.method === 'POST' && req.path.endsWith('registered-models/alias') ? { kind: 'hold' } : undefined));
    try {
      const results = await race(model, { '2': fast.url, '3': slow.url }, async () => {
        const late = await within(slow.nextHeld(), "v3's alias write");
        const early = await within(fast.nextHeld(), "v2's alias write");
        // v2's write lands, then v3's 100 ms later: both had read v1 before either wrote.
        await early.forward();
        await new Promise((resolve) => setTimeout(resolve, 100));
        await late.forward();
      });
      await judge(model, results);
      // v2's run saw v3 when it read the alias again after settling.
      expect(results.find((r) => r.v === '2')?.stderr).toContain(`@champion on ${model} is held by version 3, not version 2 as expected`);
    } finally {
      await slow.close();
      await fast.close();
    }
  }, 60_000);

  it('residual window: a write held up longer than the settle time overwrites a release that has already succeeded', async () => {
    // MLflow's alias write is a plain upsert, so no client can close this; serialising releases
    // of a model (the workflow's concurrency group) does. This pins down the documented limit.
    const model = await releasedModel(2);
    const slow = await startFaultProxy(server.url, (req) => (req.method === 'POST' && req.path.endsWith('registered-models/alias') ? { kind: 'hold' } : undefined));
    try {
      const late = spawnCli(['promote', '--model-version', '3'], { cwd: ws.dir, env: env(model, slow.url) });
      const held = await within(slow.nextHeld(), "v3's alias write");
      // v3's run has read @champion = v1 and sent its write; v2's run now does its whole promotion.
      const early = await runCliBundle(['promote', '--model-version', '2'], { cwd: ws.dir, env: env(model, server.url) });
      expect(early.code).toBe(0);
      await held.forward();
      const lateResult = await late.done;
      expect(lateResult.code).toBe(0);
      const state = await releaseState(model, 0);
      expect(state.holder).toBe('3');
      // Both carry a complete promotion record from v1; only the alias says who won.
      expect(state.tags['2']?.[tagKeys.previousHolder(alias)]).toBe('1');
      expect(state.tags['3']?.[tagKeys.previousHolder(alias)]).toBe('1');
    } finally {
      await slow.close();
    }
  }, 60_000);
});
