import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cleanEnv, repoRoot, runProcess } from '../support/run-bundle';

/**
 * The CLI as npm users get it: `npm pack` of this checkout, installed from the tarball into an
 * empty folder with an empty npm cache and --offline (so a runtime dependency the bundle does not
 * carry fails the install instead of being fetched), then run through its `bin` link.
 */
const npm = (args: string[], cwd: string) => runProcess('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, env: cleanEnv({ npm_config_update_notifier: 'false' }) });

describe('the npm package', () => {
  let root: string;
  let installed: string;
  let packed: { files: { path: string }[]; filename: string };
  let agents: ChildProcess | undefined;

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'agent-release-pack-'));
    const pack = await npm(['pack', '--json', '--pack-destination', root], repoRoot);
    if (pack.code !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
    packed = (JSON.parse(pack.stdout) as (typeof packed)[])[0] as typeof packed;
    installed = path.join(root, 'project');
    await mkdir(installed);
    const install = await npm(['install', '--offline', '--cache', path.join(root, 'empty-cache'), path.join(root, packed.filename)], installed);
    if (install.code !== 0) throw new Error(`npm install --offline of the tarball failed: ${install.stderr}`);
  }, 120_000);

  afterAll(async () => {
    agents?.kill('SIGTERM');
    if (root) await rm(root, { recursive: true, force: true });
  });

  const cli = (args: string[], cwd: string, env: Record<string, string> = {}) =>
    runProcess(path.join(installed, 'node_modules', '.bin', 'agent-release'), args, {
      cwd,
      // The bin's `#!/usr/bin/env node` finds this node first.
      env: cleanEnv({ ...env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}` }),
    });

  it('carries the CLI bundle, README, LICENSE and package.json, and nothing else', () => {
    const files = packed.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'dist/cli/index.js', 'dist/cli/licenses.txt']));
    expect(files.filter((f) => !/^(LICENSE|README\.md|package\.json|dist\/cli\/.+)$/.test(f))).toEqual([]);
  });

  it('installs from the tarball with no dependency to fetch', async () => {
    const manifest = JSON.parse(await readFile(path.join(installed, 'node_modules', 'agent-release', 'package.json'), 'utf8')) as Record<string, unknown>;
    expect([manifest.private, manifest.dependencies, manifest.bin]).toEqual([undefined, undefined, { 'agent-release': 'dist/cli/index.js' }]);
    const { version } = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    expect((await cli(['--version'], installed)).stdout.trim()).toContain(version);
  });

  it('runs agent-release --help', async () => {
    const run = await cli(['--help'], installed);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toContain('usage: agent-release <mode> [options]');
  });

  it("runs the quickstart's gate against its embedded registry: v1 passes, v2 is blocked", async () => {
    const work = path.join(root, 'quickstart');
    await mkdir(work);
    for (const file of ['agent-release.yml', 'golden.jsonl']) await copyFile(path.join(repoRoot, 'examples', 'quickstart', file), path.join(work, file));
    const urls = path.join(root, 'agents.env');
    await writeFile(urls, '');
    agents = spawn(process.execPath, [path.join(repoRoot, 'examples', 'quickstart', 'serve.mjs'), urls], { stdio: 'ignore' });
    let env: Record<string, string> = {};
    for (let i = 0; i < 100 && !env.QUICKSTART_ROUTER_URL; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      env = Object.fromEntries((await readFile(urls, 'utf8')).split('\n').filter(Boolean).map((line) => line.split('=', 2) as [string, string]));
    }
    const config = ['--config', 'agent-release.yml'];
    for (const version of ['1', '2']) {
      const registered = await cli(['registry', 'register', '--source', env[`QUICKSTART_AGENT_V${version}_URL`] ?? 'missing', ...config], work, env);
      expect([registered.code, registered.stdout]).toEqual([0, expect.stringContaining(`version ${version} `)]);
      expect((await cli(['evaluate', '--model-version', version, ...config], work, env)).code).toBe(0);
    }
    const pass = await cli(['gate', '--model-version', '1', ...config], work, env);
    expect([pass.code, pass.stdout]).toEqual([0, expect.stringContaining('Decision: **PASS**')]);
    const blocked = await cli(['gate', '--model-version', '2', ...config], work, env);
    expect([blocked.code, blocked.stdout]).toEqual([1, expect.stringMatching(/contains\/mean[^\n]*❌ fail[\s\S]*Decision: \*\*FAIL\*\*/)]);
  }, 60_000);
});
