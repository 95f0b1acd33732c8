import { deploy } from '../../src/modes/deploy';
import { promote } from '../../src/modes/promote';
import { rollback } from '../../src/modes/rollback';
import { LocalRegistry } from '../../src/registry/local';
import { tagKeys } from '../../src/registry/tags';
import { contextOf } from '../support/context';
import { recordPass } from '../support/decision-record';
import { makeWorkspace, type Workspace } from '../support/workspace';

/** Rollback without a version, run again: it finishes the rollback it finds, never withdraws the version it restored. */
let ws: Workspace;
beforeEach(async () => {
  ws = await makeWorkspace();
  await ws.write('serve.mjs', `import { appendFileSync } from 'node:fs';\nappendFileSync('serving.log', process.argv[2] + ' v' + process.env.AGENT_RELEASE_VERSION + '\\n');\n`);
});
afterEach(() => ws.cleanup());

const config = `version: 1
model: { name: agent }
promote: { alias: champion }
deploy:
  target: command
  command: { deploy: "node serve.mjs deploy", rollback: "node serve.mjs rollback" }
`;
const ctx = () => contextOf(config, ws.dir).ctx;
const registry = () => new LocalRegistry(ws.registryFile);
const serving = async () => (await ws.read('serving.log')).trim().split('\n');

async function release(version: string, champion?: string): Promise<void> {
  await recordPass(ctx(), version, champion ? { champion } : {});
  await promote(ctx(), { modelVersion: version });
  await deploy(ctx(), { modelVersion: version });
}

describe('rollback run again without a version', () => {
  it('finishes the rollback it finds instead of withdrawing the version that rollback restored', async () => {
    for (const source of ['http://v1', 'http://v2']) await registry().registerVersion('agent', source, {});
    await release('1');
    await release('2', '1');
    const first = await rollback(ctx(), {});
    expect([first.restoredFrom, first.version, first.resumed]).toEqual(['2', '1', false]);
    const again = await rollback(ctx(), {});
    expect([again.restoredFrom, again.version, again.resumed]).toEqual(['2', '1', true]);
    expect(await registry().getAlias('agent', 'champion')).toBe('1');
    expect((await registry().getVersion('agent', '1'))?.tags[tagKeys.rolledBackAt('champion')]).toBeUndefined();
    expect(await serving()).toEqual(['deploy v1', 'deploy v2', 'rollback v1', 'rollback v1']);

    // Named, the restored version is withdrawn too: going further back is a choice made by name.
    const named = await rollback(ctx(), { modelVersion: '1' });
    expect([named.restoredFrom, named.version]).toEqual(['1', null]);
    expect((await registry().getVersion('agent', '1'))?.tags[tagKeys.rolledBackAt('champion')]).toBeDefined();
    // Run again without a version, the latest change is v1's own withdrawal: done, not a refusal about v2.
    const done = await rollback(ctx(), {});
    expect([done.restoredFrom, done.version, done.resumed]).toEqual(['1', null, true]);
    // Nothing serves now: deploy does not claim v1 does (the record of v2's rollback to it is older), refuses it as the default, and releases it named.
    await expect(deploy(ctx(), {})).rejects.toThrow(/rolled back/);
    const redeployed = await deploy(ctx(), { modelVersion: '1' });
    expect(redeployed.failure).toBeNull();
    expect((await serving()).at(-1)).toBe('deploy v1');
    // Serving again, it is withdrawn again when asked: not taken for a rollback already done.
    const withdrawnAgain = await rollback(ctx(), {});
    expect([withdrawnAgain.restoredFrom, withdrawnAgain.version, withdrawnAgain.resumed]).toEqual(['1', null, false]);
    expect((await serving()).at(-1)).toBe('rollback v');
  });

  it('withdraws the holder when it was promoted again after the rollback that restored it', async () => {
    for (const source of ['http://v1', 'http://v2', 'http://v3']) await registry().registerVersion('agent', source, {});
    await release('1');
    await release('2', '1');
    await rollback(ctx(), {});
    await release('3', '1');
    await recordPass(ctx(), '1', { champion: '3' });
    await promote(ctx(), { modelVersion: '1' });
    // v1 still carries restored_from=2 from the first rollback, but its promotion came later.
    const result = await rollback(ctx(), {});
    expect([result.restoredFrom, result.version, result.resumed]).toEqual(['1', '3', false]);
    expect(await registry().getAlias('agent', 'champion')).toBe('3');
  });

  it('on a first release, says the rollback is done and keeps its record', async () => {
    await registry().registerVersion('agent', 'http://v1', {});
    await release('1');
    const first = await rollback(ctx(), {});
    expect([first.version, first.resumed]).toEqual([null, false]);
    const rolledBackAt = (await registry().getVersion('agent', '1'))?.tags[tagKeys.rolledBackAt('champion')];
    expect(rolledBackAt).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const again = await rollback(ctx(), {});
    expect([again.restoredFrom, again.version, again.resumed]).toEqual(['1', null, true]);
    expect((await registry().getVersion('agent', '1'))?.tags[tagKeys.rolledBackAt('champion')]).toBe(rolledBackAt);
  });
});

describe('rollback with a damaged rollout record', () => {
  it('still rolls back, warning that it does so without the snapshot', async () => {
    for (const source of ['http://v1', 'http://v2']) await registry().registerVersion('agent', source, {});
    await release('1');
    await release('2', '1');
    await ws.write('.agent-release/agent/rollouts/default.json', '{');
    const { ctx: withLog, logger } = contextOf(config, ws.dir);
    const result = await rollback(withLog, {});
    expect([result.restoredFrom, result.version]).toEqual(['2', '1']);
    expect(await registry().getAlias('agent', 'champion')).toBe('1');
    expect(logger.lines.join('\n')).toMatch(/rollout state is not JSON.*; rolling back without the rollout's snapshot/);
    expect((await serving()).at(-1)).toBe('rollback v1');
  });
});

describe('rollback to a named version, run again without one', () => {
  it('finishes that rollback: the version restored by name stays', async () => {
    for (const source of ['http://v1', 'http://v2', 'http://v3']) await registry().registerVersion('agent', source, {});
    await release('1');
    await release('2', '1');
    await release('3', '2');
    const named = await rollback(ctx(), { toVersion: '1' });
    expect([named.restoredFrom, named.version]).toEqual(['3', '1']);
    const again = await rollback(ctx(), {});
    expect([again.restoredFrom, again.version, again.resumed]).toEqual(['3', '1', true]);
    expect(await registry().getAlias('agent', 'champion')).toBe('1');
  });
});
