import { RefusedError } from '../../src/errors';
import { deploy } from '../../src/modes/deploy';
import { promote } from '../../src/modes/promote';
import { LocalRegistry } from '../../src/registry/local';
import { tagKeys } from '../../src/registry/tags';
import { contextOf } from '../support/context';
import { recordPass } from '../support/decision-record';
import { makeWorkspace, type Workspace } from '../support/workspace';

/** A promotion must not take the alias from a version still rolling out: that rollout's rollback could no longer withdraw it. */
let ws: Workspace;
beforeEach(async () => {
  ws = await makeWorkspace();
  await ws.write('serve.mjs', 'process.exit(0)\n');
});
afterEach(() => ws.cleanup());

const config = `version: 1
model: { name: agent }
promote: { alias: champion }
deploy:
  target: command
  command: { deploy: "node serve.mjs", rollback: "node serve.mjs" }
environments:
  prod: {}
  staging: { promote: { alias: staging } }
`;
const ctx = () => contextOf(config, ws.dir, { environment: 'prod' }).ctx;

it('refuses while the holder is rolling out or rolling back, and goes ahead once that rollout ended', async () => {
  const registry = new LocalRegistry(ws.registryFile);
  for (const source of ['http://v1', 'http://v2']) await registry.registerVersion('agent', source, {});
  await recordPass(ctx(), '1');
  await promote(ctx(), { modelVersion: '1' });
  await deploy(ctx(), { modelVersion: '1' });
  await recordPass(ctx(), '2', { champion: '1' });
  const later = new Date(Date.now() + 60_000).toISOString();
  for (const status of ['in_progress', 'rolling_back']) {
    await registry.setVersionTags('agent', '1', { [tagKeys.deployStatus('prod')]: status, [tagKeys.deployedAt('prod')]: later, 'agent_release.deploy.prod.step': '2/3 50%' });
    const refused = promote(ctx(), { modelVersion: '2' });
    await expect(refused).rejects.toThrow(RefusedError);
    await expect(refused).rejects.toThrow(
      `refusing to promote agent version 2: version 1, which holds @champion, is ${status === 'in_progress' ? 'still rolling out' : 'being rolled back'} in prod (step 2/3 50%), and promoting now would leave that rollout half done`,
    );
    expect(await registry.getAlias('agent', 'champion')).toBe('1');
  }
  // A rollout in another environment releases another alias: not this promotion's business.
  const staging = () => contextOf(config, ws.dir, { environment: 'staging' }).ctx;
  await registry.setAlias('agent', 'staging', '1', undefined);
  await registry.setVersionTags('agent', '1', { [tagKeys.deployStatus('staging')]: 'deployed', [tagKeys.deployedAt('staging')]: later });
  await recordPass(staging(), '2', { champion: '1', staging: '1' });
  await promote(staging(), { modelVersion: '2' });
  expect(await registry.getAlias('agent', 'staging')).toBe('2');
  await registry.setVersionTags('agent', '1', { [tagKeys.deployStatus('prod')]: 'deployed' });
  await promote(ctx(), { modelVersion: '2' });
  expect(await registry.getAlias('agent', 'champion')).toBe('2');
});

it('ignores a rollout status left from before the holder\'s latest promotion', async () => {
  const registry = new LocalRegistry(ws.registryFile);
  for (const source of ['http://v1', 'http://v2']) await registry.registerVersion('agent', source, {});
  await registry.setVersionTags('agent', '1', { [tagKeys.deployStatus('prod')]: 'in_progress', [tagKeys.deployedAt('prod')]: '2020-01-01T00:00:00.000Z' });
  await recordPass(ctx(), '1');
  await promote(ctx(), { modelVersion: '1' });
  await recordPass(ctx(), '2', { champion: '1' });
  await promote(ctx(), { modelVersion: '2' });
  expect(await registry.getAlias('agent', 'champion')).toBe('2');
});
