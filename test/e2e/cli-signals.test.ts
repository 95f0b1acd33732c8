import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { deploy } from '../../src/modes/deploy';
import { promote } from '../../src/modes/promote';
import { LocalRegistry } from '../../src/registry/local';
import { contextOf } from '../support/context';
import { recordPass } from '../support/decision-record';
import { cleanEnv, cliEntry } from '../support/run-bundle';
import { makeWorkspace, type Workspace } from '../support/workspace';

let ws: Workspace;
beforeEach(async () => (ws = await makeWorkspace()));
afterEach(() => ws.cleanup());

// The rollback command says it started, then takes a while: long enough for two signals to arrive during it.
const config = `version: 1
model: { name: agent }
promote: { alias: champion }
deploy:
  target: command
  command: { deploy: "node serve.mjs deploy", rollback: "node serve.mjs rollback" }
`;

describe('a second Ctrl-C while a rollback runs', () => {
  it.each([
    ['rollback'],
    // Options may come before the command: the run is a rollback all the same.
    ['--config', '.github/agent-release.yml', 'rollback'],
  ])('is answered, and the rollback still finishes: serving and the alias end on the restored version (%s …)', async (...args) => {
    await ws.write('.github/agent-release.yml', config);
    await ws.write(
      'serve.mjs',
      `import { appendFileSync, writeFileSync } from 'node:fs';
if (process.argv[2] === 'rollback') { writeFileSync('rollback.started', ''); await new Promise((r) => setTimeout(r, 1500)); }
appendFileSync('serving.log', process.argv[2] + ' v' + process.env.AGENT_RELEASE_VERSION + '\\n');
`,
    );
    const registry = new LocalRegistry(ws.registryFile);
    for (const source of ['http://v1', 'http://v2']) await registry.registerVersion('agent', source, {});
    const ctx = () => contextOf(config, ws.dir).ctx;
    await recordPass(ctx(), '1');
    await promote(ctx(), { modelVersion: '1' });
    await deploy(ctx(), { modelVersion: '1' });
    await recordPass(ctx(), '2', { champion: '1' });
    await promote(ctx(), { modelVersion: '2' });
    await deploy(ctx(), { modelVersion: '2' });

    const child = spawn(process.execPath, [cliEntry, ...args], { cwd: ws.dir, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    try {
      while (!existsSync(path.join(ws.dir, 'rollback.started'))) await new Promise((resolve) => setTimeout(resolve, 10));
      child.kill('SIGINT');
      await new Promise((resolve) => setTimeout(resolve, 100));
      child.kill('SIGINT');
      const [code, killedBy] = (await once(child, 'close')) as [number | null, string | null];
      expect(killedBy).toBeNull();
      expect(stderr).toContain('agent-release: SIGINT again: still stopping, and what this run changed is being undone');
      expect(typeof code).toBe('number');
      expect((await ws.read('serving.log')).trim().split('\n').at(-1)).toBe('rollback v1');
      expect(await registry.getAlias('agent', 'champion')).toBe('1');
    } finally {
      child.kill('SIGKILL');
    }
  });
});
