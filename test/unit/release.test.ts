import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { RefusedError } from '../../src/errors';
import { deploy } from '../../src/modes/deploy';
import { promote } from '../../src/modes/promote';
import { rollback } from '../../src/modes/rollback';
import { LocalRegistry } from '../../src/registry/local';
import { tagKeys } from '../../src/registry/tags';
import { startAgent, type AgentServer } from '../support/agent-server';
import { contextOf } from '../support/context';
import { championHeldBy, recordPass } from '../support/decision-record';
import { deployScript, makeWorkspace, sliceConfig, type Workspace } from '../support/workspace';

let ws: Workspace;
let registry: LocalRegistry;
beforeEach(async () => {
  ws = await makeWorkspace();
  await ws.write('deploy.mjs', deployScript);
  registry = new LocalRegistry(ws.registryFile);
  for (const source of ['http://v1', 'http://v2', 'http://v3']) await registry.registerVersion('support-agent', source, {});
});
afterEach(() => ws.cleanup());

/** A pass recorded by the gate's own writer while `holder` held @champion. */
const passed = (config: string, version: string, holder: string) => recordPass(contextOf(config, ws.dir).ctx, version, championHeldBy(holder));

async function deployments(): Promise<{ version: string; previous: string; traffic: string; environment: string }[]> {
  try {
    return (await ws.read('deployments.log')).trim().split('\n').map((line) => JSON.parse(line));
  } catch {
    return [];
  }
}

/** Promote v1, then v2 over it: the state most tests start from. */
async function releaseTwo(config: string): Promise<void> {
  await passed(config, '1', 'none');
  await promote(contextOf(config, ws.dir).ctx, { modelVersion: '1' });
  await passed(config, '2', '1');
  await promote(contextOf(config, ws.dir).ctx, { modelVersion: '2' });
}

describe('promote', () => {
  const config = sliceConfig();

  it('refuses a version without a passed decision', async () => {
    await expect(promote(contextOf(config, ws.dir).ctx, { modelVersion: '1' })).rejects.toThrow(
      'support-agent version 1 has no gate decision; only a version that passed the gate can be promoted to @champion. Run the gate on its current evaluation first',
    );
    await registry.setVersionTags('support-agent', '1', { [tagKeys.gateDecision]: 'fail' });
    await expect(promote(contextOf(config, ws.dir).ctx, { modelVersion: '1' })).rejects.toThrow('has a failed gate decision (agent_release.gate.decision = fail)');
    expect(await registry.getAlias('support-agent', 'champion')).toBeNull();
  });

  it('moves the alias, records the previous holder and the audit trail', async () => {
    await releaseTwo(config);
    expect(await registry.getAlias('support-agent', 'champion')).toBe('2');
    const v2 = await registry.getVersion('support-agent', '2');
    expect(v2?.tags).toMatchObject({
      [tagKeys.previousHolder('champion')]: '1',
      [tagKeys.promotedBy('champion')]: 'tester',
      [tagKeys.promotedRun('champion')]: 'https://github.com/acme/agent/actions/runs/1',
      [tagKeys.promotedSha('champion')]: 'abc123',
    });
    expect(v2?.tags[tagKeys.promotedAt('champion')]).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect((await registry.getVersion('support-agent', '1'))?.tags[tagKeys.previousHolder('champion')]).toBe('none');
  });

  it('is a no-op success when the version already holds the alias', async () => {
    await releaseTwo(config);
    const before = await ws.read('.agent-release/registry.json');
    const again = await promote(contextOf(config, ws.dir).ctx, { modelVersion: '2' });
    expect(again).toMatchObject({ changed: false, previousVersion: '1', version: '2' });
    expect(await ws.read('.agent-release/registry.json')).toBe(before);
  });

  it('refuses when the alias moved since the gate, naming the holder, and changes nothing', async () => {
    await releaseTwo(config);
    // v3 was gated while v1 held the alias; v2 has been promoted since.
    await passed(config, '3', '1');
    const before = await ws.read('.agent-release/registry.json');
    const run = promote(contextOf(config, ws.dir).ctx, { modelVersion: '3' });
    await expect(run).rejects.toThrow(RefusedError);
    await expect(run).rejects.toThrow(
      'refusing to promote support-agent version 3: @champion is held by version 2, but version 1 was expected (holder when the gate decided). Someone else released since; re-run the gate against the new holder',
    );
    expect(await ws.read('.agent-release/registry.json')).toBe(before);
    // An explicit expected-version wins over the gate's record.
    await promote(contextOf(config, ws.dir).ctx, { modelVersion: '3', expectedVersion: '2' });
    expect(await registry.getAlias('support-agent', 'champion')).toBe('3');
  });

  it('finishes the audit tags when an earlier run stopped right after moving the alias', async () => {
    await passed(config, '1', 'none');
    await registry.setVersionTags('support-agent', '1', { [tagKeys.previousHolder('champion')]: 'none' });
    await registry.setAlias('support-agent', 'champion', '1', null); // the crash happened here
    const result = await promote(contextOf(config, ws.dir).ctx, { modelVersion: '1' });
    expect(result.changed).toBe(false);
    expect((await registry.getVersion('support-agent', '1'))?.tags[tagKeys.promotedBy('champion')]).toBe('tester');
  });
});

describe('deploy and rollback with the command target', () => {
  let agent: AgentServer | undefined;
  afterEach(async () => {
    await agent?.close();
    agent = undefined;
  });

  it('runs the deploy command with the versions and traffic in its environment', async () => {
    const config = sliceConfig();
    await releaseTwo(config);
    const result = await deploy(contextOf(config, ws.dir, { environment: undefined }).ctx, {});
    expect(result).toMatchObject({ version: '2', previousVersion: '1', failure: null, rolledBack: false, deploymentId: 'support-agent/2@default' });
    expect(await deployments()).toEqual([{ version: '2', previous: '1', traffic: '100', environment: 'default' }]);
    expect((await registry.getVersion('support-agent', '2'))?.tags[tagKeys.deployStatus('default')]).toBe('deployed');
  });

  it('refuses to deploy a version that does not hold the alias', async () => {
    const config = sliceConfig();
    await releaseTwo(config);
    await expect(deploy(contextOf(config, ws.dir).ctx, { modelVersion: '3' })).rejects.toThrow(
      'refusing to deploy support-agent version 3: it does not hold @champion (version 2 does); promote it first',
    );
    expect(await deployments()).toEqual([]);
    // A dry run of a whole release plans the deploy before its dry-run promote moved the alias: it plans, and says what a real run needs.
    const { ctx, logger } = contextOf(config, ws.dir, { dryRun: true });
    expect(await deploy(ctx, { modelVersion: '3' })).toMatchObject({ dryRun: true, version: '3' });
    expect(logger.lines).toContain('info: dry run: preflight: it does not hold @champion (version 2 does) yet; a real run needs it promoted first');
    expect(await deployments()).toEqual([]);
  });

  it('rolls back serving and the alias when the deploy command fails', async () => {
    const config = sliceConfig();
    await releaseTwo(config);
    const result = await deploy(contextOf(config, ws.dir, { env: { FAIL_DEPLOY: '2' } }).ctx, {});
    expect(result.failure).toEqual({ step: 'deploy', reason: 'deploy command `node deploy.mjs` exited with code 3 (its output is in the log above)' });
    expect(result.rolledBack).toBe(true);
    expect(await deployments()).toEqual([
      { version: '2', previous: '1', traffic: '100', environment: 'default' },
      { version: '1', previous: '2', traffic: '100', environment: 'default' },
    ]);
    expect(await registry.getAlias('support-agent', 'champion')).toBe('1');
    const v2 = await registry.getVersion('support-agent', '2');
    expect(v2?.tags[tagKeys.deployStatus('default')]).toBe('rolled_back');
    expect(v2?.tags[tagKeys.rolledBackBy('champion')]).toBe('tester');
  });

  it('rolls back when the post-deploy analysis fails', async () => {
    agent = await startAgent((_q, n) => (n % 2 === 0 ? { status: 500 } : { text: 'ok' }));
    const config = sliceConfig({ probeUrl: `${agent.url}/health?v={{version}}` });
    await releaseTwo(config);
    const result = await deploy(contextOf(config, ws.dir).ctx, {});
    expect(result.failure?.step).toBe('analysis');
    expect(result.failure?.reason).toBe('error_rate = 0.5 is above the maximum 0.1 (4 of 8 requests failed: 4 × HTTP 500: "{"choices":[{"message":{"role":"assistant","content":""}}]}")');
    expect(result.analysis?.metrics).toMatchObject({ requests: 8, errors: 4, error_rate: 0.5 });
    expect(result.rolledBack).toBe(true);
    expect(await registry.getAlias('support-agent', 'champion')).toBe('1');
  });

  it('rollback restores the previous holder, and a second run converges', async () => {
    const config = sliceConfig();
    await releaseTwo(config);
    const result = await rollback(contextOf(config, ws.dir).ctx, { modelVersion: '2' });
    expect(result).toMatchObject({ version: '1', restoredFrom: '2', resumed: false });
    expect(await registry.getAlias('support-agent', 'champion')).toBe('1');
    const again = await rollback(contextOf(config, ws.dir).ctx, { modelVersion: '2' });
    expect(again).toMatchObject({ version: '1', restoredFrom: '2', resumed: true });
    expect(await registry.getAlias('support-agent', 'champion')).toBe('1');
    expect((await deployments()).map((d) => d.version)).toEqual(['1', '1']);
  });

  it('rollback refuses to withdraw a version that is not live', async () => {
    const config = sliceConfig();
    await releaseTwo(config);
    const before = await ws.read('.agent-release/registry.json');
    await expect(rollback(contextOf(config, ws.dir).ctx, { modelVersion: '1' })).rejects.toThrow(
      'cannot roll back support-agent version 1: @champion is held by version 2, not 1; nothing of 1 is live to withdraw',
    );
    await expect(rollback(contextOf(config, ws.dir).ctx, { modelVersion: '3' })).rejects.toThrow('it has no agent_release.champion.previous_version tag');
    expect(await ws.read('.agent-release/registry.json')).toBe(before);
    expect(await deployments()).toEqual([]);
  });

  it('when the rollback command fails, says what to run and leaves the alias for the re-run', async () => {
    const config = sliceConfig({ rollback: 'node -e process.exit(4)' });
    await releaseTwo(config);
    await expect(rollback(contextOf(config, ws.dir, { environment: undefined }).ctx, {})).rejects.toThrow(
      'rolling back serving of support-agent from version 2 failed: rollback command `node -e process.exit(4)` exited with code 4 (its output is in the log above). @champion still points at 2; fix the cause and re-run: agent-release rollback --model-version 2',
    );
    expect(await registry.getAlias('support-agent', 'champion')).toBe('2');
  });
});

describe('dry run', () => {
  it('changes nothing in any mode: the registry file stays byte-identical and no command runs', async () => {
    const config = sliceConfig();
    await releaseTwo(config);
    await passed(config, '3', '2');
    const before = await readFile(ws.registryFile);
    const dry = (): ReturnType<typeof contextOf>['ctx'] => contextOf(config, ws.dir, { dryRun: true }).ctx;
    const promoted = await promote(dry(), { modelVersion: '3' });
    expect(promoted).toMatchObject({ dryRun: true, changed: true, previousVersion: '2' });
    const deployed = await deploy(dry(), {});
    expect(deployed.plan[0]).toBe(
      'command: run `node deploy.mjs` with AGENT_RELEASE_MODEL=support-agent AGENT_RELEASE_VERSION=2 AGENT_RELEASE_PREVIOUS_VERSION=1 AGENT_RELEASE_TRAFFIC=100 AGENT_RELEASE_ENVIRONMENT=default',
    );
    const rolled = await rollback(dry(), {});
    expect(rolled.plan).toEqual([
      'command: run `node deploy.mjs` with AGENT_RELEASE_MODEL=support-agent AGENT_RELEASE_VERSION=1 AGENT_RELEASE_PREVIOUS_VERSION=2 AGENT_RELEASE_TRAFFIC=100 AGENT_RELEASE_ENVIRONMENT=default',
      'move @champion from 2 back to 1',
    ]);
    expect((await readFile(ws.registryFile)).equals(before)).toBe(true);
    expect(await deployments()).toEqual([]);
    await expect(readFile(path.join(ws.dir, 'deployments.log'))).rejects.toThrow('ENOENT');
  });
});

describe('rollback to a named version', () => {
  it('restores a version that held the alias before, and refuses one that never did', async () => {
    const config = sliceConfig();
    await releaseTwo(config);
    await passed(config, '3', '2');
    await promote(contextOf(config, ws.dir).ctx, { modelVersion: '3' });
    await expect(rollback(contextOf(config, ws.dir).ctx, { toVersion: '3' })).rejects.toThrow('cannot roll back support-agent version 3 to itself');
    const result = await rollback(contextOf(config, ws.dir).ctx, { toVersion: '1' });
    expect(result).toMatchObject({ version: '1', restoredFrom: '3' });
    expect(await registry.getAlias('support-agent', 'champion')).toBe('1');
    expect((await deployments()).at(-1)).toEqual({ version: '1', previous: '3', traffic: '100', environment: 'default' });
  });

  it('refuses a target that never held the alias, changing nothing', async () => {
    const config = sliceConfig();
    await releaseTwo(config);
    const before = await ws.read('.agent-release/registry.json');
    await expect(rollback(contextOf(config, ws.dir).ctx, { toVersion: '3' })).rejects.toThrow(
      'cannot roll back to support-agent version 3: it never held @champion, so it is not a known-good release; promote it through the gate instead',
    );
    expect(await ws.read('.agent-release/registry.json')).toBe(before);
  });
});

describe('detect', () => {
  it('lists versions newer than the last released that no gate has decided', async () => {
    const config = sliceConfig();
    const { detect } = await import('../../src/modes/detect');
    expect((await detect(contextOf(config, ws.dir).ctx)).versions).toEqual(['1', '2', '3']);
    await passed(config, '1', 'none');
    await promote(contextOf(config, ws.dir).ctx, { modelVersion: '1' });
    await registry.registerVersion('support-agent', 'http://v4', {});
    await registry.setVersionTags('support-agent', '3', { [tagKeys.gateDecision]: 'fail' });
    const found = await detect(contextOf(config, ws.dir).ctx);
    expect(found).toMatchObject({ lastReleased: '1', versions: ['2', '4'] });
    // A gate that could not decide (crashed, cancelled, or an evaluation since) leaves the version to release, not dropped.
    await registry.setVersionTags('support-agent', '4', { [tagKeys.gateDecision]: 'error' });
    expect((await detect(contextOf(config, ws.dir).ctx)).versions).toEqual(['2', '4']);
  });

  it('warns of a model name the registry does not know, instead of finding nothing new for ever unseen', async () => {
    const { detect } = await import('../../src/modes/detect');
    const misspelt = sliceConfig().replace('name: support-agent', 'name: suport-agent');
    const { ctx, logger } = contextOf(misspelt, ws.dir);
    expect(await detect(ctx)).toMatchObject({ versions: [] });
    expect(logger.lines).toContain(
      'warn: agent-release.yml: model.name: the local registry has no model named "suport-agent"; check the name (registry register creates it with its first version)',
    );
    const known = contextOf(sliceConfig(), ws.dir);
    await detect(known.ctx);
    expect(known.logger.lines.filter((l) => l.startsWith('warn:'))).toEqual([]);
    await expect(promote(contextOf(misspelt, ws.dir).ctx, { modelVersion: '1' })).rejects.toThrow('the local registry has no model named "suport-agent", so no version 1; check model.name in the config');
  });
});

describe('promotion to several aliases', () => {
  it('checks each alias against its own holder recorded by the gate', async () => {
    const staging = sliceConfig().replace('promote: { alias: champion }', 'promote: { alias: staging }');
    await registry.setAlias('support-agent', 'staging', '1', null);
    await registry.setAlias('support-agent', 'champion', '1', null);
    await recordPass(contextOf(staging, ws.dir).ctx, '2', { staging: '1', champion: '1' });
    await promote(contextOf(staging, ws.dir).ctx, { modelVersion: '2' });
    expect(await registry.getAlias('support-agent', 'staging')).toBe('2');
    await registry.setAlias('support-agent', 'champion', '3', '1'); // someone else released to production
    await expect(promote(contextOf(sliceConfig(), ws.dir).ctx, { modelVersion: '2' })).rejects.toThrow('@champion is held by version 3, but version 1 was expected');
  });
});
