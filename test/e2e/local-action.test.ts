import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { actionBundle } from '../support/bundle-under-test';
import { cleanEnv, repoRoot, runProcess } from '../support/run-bundle';

/**
 * What @github/local-action does with the action (checked by hand with local-action 7.0.1; see
 * README "On your laptop"): it loads a .env file into the environment, imports the entrypoint,
 * then awaits the run() the entrypoint exports. Its @actions/core stubs cannot reach into the
 * bundle, so the bundle reads the INPUT_* variables itself, .env.example's defaults included.
 */
const localActionImport = `
const action = await import(process.argv[1]);
if (typeof action.run !== 'function') { console.error('the entrypoint exports no run() function'); process.exit(3); }
await action.run();
`;

describe('dist/index.js under @github/local-action', () => {
  let dir: string;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('runs once with .env.example’s inputs: on import, and run() waits for that run', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'agent-release-local-action-'));
    await copyFile(path.join(repoRoot, 'examples', 'quickstart', 'agent-release.yml'), path.join(dir, 'agent-release.yml'));
    const outputs = path.join(dir, 'outputs');
    await writeFile(outputs, '');
    const dotenv = Object.fromEntries(
      (await readFile(path.join(repoRoot, '.env.example'), 'utf8'))
        .split('\n')
        .map((line) => /^([A-Z][A-Z0-9_-]*)=(.*)$/.exec(line))
        .flatMap((m) => (m ? [[m[1] as string, m[2] as string]] : [])),
    );
    const env = cleanEnv({ ...dotenv, INPUT_MODE: 'detect', INPUT_CONFIG: 'agent-release.yml', GITHUB_WORKSPACE: dir, GITHUB_OUTPUT: outputs });
    const run = await runProcess(process.execPath, ['--input-type=module', '-e', localActionImport, pathToFileURL(actionBundle).href], { cwd: os.tmpdir(), env });
    expect([run.code, run.stderr]).toEqual([0, '']);
    // One run: its report and its outputs appear once.
    expect(run.stdout.match(/support-agent: no new versions/g)).toHaveLength(1);
    expect((await readFile(outputs, 'utf8')).match(/^versions<</gm)).toHaveLength(1);
  });
});
