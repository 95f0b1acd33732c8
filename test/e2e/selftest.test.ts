import { spawn, type ChildProcess } from 'node:child_process';
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { repoRoot, runAction, runCli } from '../support/run-bundle';
import { makeWorkspace, type Workspace } from '../support/workspace';

/** Replays ci.yml's self-test job step by step, so a broken self-test fails here and not first on GitHub. */
describe('the CI self-test job', () => {
  let ws: Workspace;
  let agents: ChildProcess | undefined;
  afterEach(async () => {
    agents?.kill('SIGTERM');
    await ws.cleanup();
  });

  it('releases the quickstart agent with the action, as ci.yml runs it', async () => {
    ws = await makeWorkspace();
    for (const part of ['.github/agent-release-selftest.yml', 'examples/quickstart']) await cp(path.join(repoRoot, part), path.join(ws.dir, part), { recursive: true });
    const job = (parse(await readFile(path.join(repoRoot, '.github/workflows/ci.yml'), 'utf8')) as { jobs: Record<string, { env: Record<string, string>; steps: { id?: string; uses?: string; with?: Record<string, string> }[] }> }).jobs['self-test'];
    if (!job) throw new Error('ci.yml has no self-test job');

    const envFile = path.join(ws.dir, 'github-env');
    await writeFile(envFile, '');
    agents = spawn(process.execPath, [path.join(ws.dir, 'examples/quickstart/serve.mjs'), envFile], { stdio: 'ignore' });
    let env: Record<string, string> = {};
    for (let i = 0; i < 100 && !env.QUICKSTART_ROUTER_URL; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      env = Object.fromEntries((await readFile(envFile, 'utf8')).split('\n').filter(Boolean).map((line) => line.split('=', 2) as [string, string]));
    }
    const config = job.env.CONFIG as string;
    const registered = await runCli(['registry', 'register', '--source', env.QUICKSTART_AGENT_V1_URL as string, '--config', config], { cwd: ws.dir });
    expect(registered.code).toBe(0);

    const outputs: Record<string, Record<string, string>> = {};
    for (const step of job.steps.filter((s) => s.uses?.startsWith('./'))) {
      const inputs = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, v.replace('${{ env.CONFIG }}', config)]));
      const run = await runAction(inputs, { workspace: ws.dir, env: { ...env, PATH: process.env.PATH ?? '' } });
      expect([step.id, run.code, run.stdout.includes('::error::') ? run.stdout : '']).toEqual([step.id, 0, '']);
      outputs[step.id as string] = run.outputs;
    }
    expect(outputs.gate?.decision).toBe('pass');
    expect(outputs.promote?.version).toBe('1');
    expect(outputs.deploy?.['rolled-back']).toBe('false');
    expect(outputs.verify?.decision).toBe('pass');
  });
});
