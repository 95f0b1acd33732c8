import { startAgent, type AgentServer } from '../support/agent-server';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { cleanEnv, cliEntry, repoRoot, runCli } from '../support/run-bundle';
import { deployScript, golden, goldenJsonl, makeWorkspace, sliceConfig, type Workspace } from '../support/workspace';

let ws: Workspace;
let agent: AgentServer;
beforeAll(async () => {
  ws = await makeWorkspace();
  await ws.write('golden.jsonl', goldenJsonl);
  await ws.write('deploy.mjs', deployScript);
  await ws.write('.github/agent-release.yml', sliceConfig());
  agent = await startAgent((q) => ({ text: golden.find((g) => g.input === q)?.expected ?? '' }));
});
afterAll(async () => {
  await agent.close();
  await ws.cleanup();
});

const cli = (...args: string[]) => runCli(args, { cwd: ws.dir });

describe('the CLI', () => {
  it('registers and shows versions', async () => {
    const registered = await cli('registry', 'register', '--source', agent.url, '--tag', 'team=support');
    expect([registered.code, registered.stdout.trim()]).toEqual([0, `registered support-agent version 1 (${agent.url})`]);
    const shown = await cli('registry', 'show', '--json');
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toEqual([expect.objectContaining({ version: '1', source: agent.url, tags: { team: 'support' }, aliases: [] })]);
  });

  it('prints the mode result as JSON with --json and the report otherwise; exit 0 on pass', async () => {
    const evaluated = await cli('evaluate', '--model-version', '1', '--json');
    expect(evaluated.code).toBe(0);
    const result = JSON.parse(evaluated.stdout) as { mode: string; metrics: Record<string, { value: number }> };
    expect(result.mode).toBe('evaluate');
    expect(result.metrics['contains/mean']?.value).toBe(1);
    expect(evaluated.stderr).toContain('evaluated support-agent v1 on 4 examples of golden');
    // The report a person reads goes to stderr, whole.
    expect(evaluated.stderr).toContain('### agent-release evaluate');
    const gated = await cli('gate', '--model-version', '1');
    expect(gated.code).toBe(0);
    expect(gated.stdout).toContain('### agent-release gate: support-agent');
    expect(gated.stdout).toContain('Decision: **PASS**');
  });

  it('exits 1 when the gate fails or an operation is refused', async () => {
    const promoted = await cli('promote', '--model-version', '1', '--expected-version', '5');
    expect(promoted.code).toBe(1);
    expect(promoted.stderr).toContain('agent-release: refusing to promote support-agent version 1: @champion is held by no version, but version 5 was expected (expected-version input)');
    await ws.write('strict.yml', sliceConfig().replace('min: 0.75', 'min: 1.5'));
    const gated = await cli('gate', '--model-version', '1', '--config', 'strict.yml', '--json');
    expect(gated.code).toBe(1);
    expect(JSON.parse(gated.stdout)).toMatchObject({ decision: 'fail' });
  });

  it('gates and promotes under node --jitless, which runs no WebAssembly for the digests', async () => {
    const jitless = { NODE_OPTIONS: '--jitless' };
    const gated = await runCli(['gate', '--model-version', '1', '--json'], { cwd: ws.dir, env: jitless });
    expect([gated.code, gated.stderr]).toEqual([0, expect.not.stringContaining('WebAssembly')]);
    expect(JSON.parse(gated.stdout)).toMatchObject({ decision: 'pass' });
    const promoted = await runCli(['promote', '--model-version', '1', '--dry-run'], { cwd: ws.dir, env: jitless });
    expect([promoted.code, promoted.stderr]).toEqual([0, expect.not.stringContaining('WebAssembly')]);
  });

  it.each([
    [['frobnicate'], 'agent-release: unknown command "frobnicate"; expected one of evaluate, gate, promote, deploy, verify, rollback, detect, merge, shadow or registry'],
    [['gate', '--model-versoin', '1'], 'agent-release: unknown option --model-versoin (did you mean --model-version?); agent-release --help lists the options'],
    [['evaluate', '--modle-version', '1'], 'agent-release: unknown option --modle-version (did you mean --model-version?)'],
    [['gate', '--model-version'], 'agent-release: --model-version needs a value (--model-version V)'],
    [
      ['promote', '--model-version', '1', '--environment', 'staging', '--production-environment', 'production'],
      'agent-release: staging and production both promote to @champion, so promoting here would release to production before its reviewers approve; give staging an alias of its own under environments.staging.promote.alias (e.g. alias: staging)',
    ],
    [['gate', '--model-version', '-1'], 'agent-release: --model-version needs a value, and "-1" after it is read as an option; a value that starts with "-" is written --model-version=-1'],
    [['gate', '--model-version', '1', '--to-version', '2'], "agent-release: --to-version is not an option of gate (it is for rollback); agent-release gate --help lists gate's options"],
    [['evalute'], 'agent-release: unknown command "evalute"; expected one of evaluate, gate, promote, deploy, verify, rollback, detect, merge, shadow or registry (did you mean "evaluate"?)'],
    [['gate'], 'agent-release: gate needs a model version: set the model-version input (CLI: --model-version)'],
    [['gate', '--model-version', '1', '--config', 'missing.yml'], 'agent-release: config file missing.yml not found'],
    [['registry', 'register'], 'agent-release: registry register needs --source URI'],
    [[], 'usage: agent-release <mode> [options]'],
  ])('exits 2 on usage and configuration errors: %j', async (args, message) => {
    const run = await cli(...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('refuses a --source that makes no URL when evaluate.endpoint.url is built from it, and registers nothing', async () => {
    const before = await ws.read('.agent-release/registry.json');
    const run = await cli('registry', 'register', '--source', 'not a url');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'agent-release: --source "not a url" cannot be registered: evaluate.endpoint.url in .github/agent-release.yml is "{{source}}/v1/chat/completions", which makes "not a url/v1/chat/completions", not an http(s) URL',
    );
    expect(await ws.read('.agent-release/registry.json')).toBe(before);
  });

  it('prints its version with --version, and one command\'s options with <command> --help', async () => {
    const version = await cli('--version');
    const { version: expected } = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    expect([version.code, version.stdout]).toEqual([0, `agent-release ${expected}\n`]);
    const help = await cli('rollback', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('usage: agent-release rollback [options]');
    expect(help.stdout).toContain('--to-version V');
    expect(help.stdout).not.toContain('--summary-path');
    expect((await cli('gate', '--help')).stdout).toContain('--summary-path P');
  });

  it('prints help on --help with exit 0', async () => {
    const run = await cli('--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('exit codes: 0 success or pass, 1 a gate failed or an operation was refused, 2 usage or configuration error');
  });

  it('writes the same report to a file as to a pipe, and to both streams in the order it wrote them', async () => {
    const piped = await cli('gate', '--model-version', '1', '--dry-run');
    const out = path.join(ws.dir, 'gate-out.txt');
    const both = path.join(ws.dir, 'gate-both.txt');
    const toFiles = async (stdout: string, stderr: string): Promise<number | null> => {
      const files = [openSync(stdout, 'w'), stdout === stderr ? undefined : openSync(stderr, 'w')];
      const fds = [files[0] as number, files[1] ?? (files[0] as number)];
      const child = spawn(process.execPath, [cliEntry, 'gate', '--model-version', '1', '--dry-run'], { cwd: ws.dir, env: cleanEnv(), stdio: ['ignore', fds[0], fds[1]] });
      const [code] = (await once(child, 'close')) as [number | null];
      for (const fd of files) if (fd !== undefined) closeSync(fd);
      return code;
    };
    expect(await toFiles(out, path.join(ws.dir, 'gate-err.txt'))).toBe(piped.code);
    expect(readFileSync(out, 'utf8')).toBe(piped.stdout);
    expect(readFileSync(path.join(ws.dir, 'gate-err.txt'), 'utf8')).toBe(piped.stderr);
    // One file for both, as `> log 2>&1` gives: the log lines before the report, each whole.
    expect(await toFiles(both, both)).toBe(piped.code);
    expect(readFileSync(both, 'utf8')).toBe(piped.stderr + piped.stdout);
  });

  it.each([
    // A character device, written through the descriptor as a pipe or a file is.
    ['to a device with no room (/dev/full)', (args: string[]) => ({ command: process.execPath, args: [cliEntry, ...args], stdout: openSync('/dev/full', 'w') })],
    // A regular file the process may not grow past 1 KiB: written through the descriptor.
    ['to a file it may not grow (ulimit -f)', (args: string[]) => ({ command: 'bash', args: ['-c', `ulimit -f 1 && exec "${process.execPath}" "${cliEntry}" ${args.join(' ')}`], stdout: openSync(path.join(ws.dir, 'capped.json'), 'w') })],
  ])('exits 1, saying so on stderr, when it cannot write all of its output %s', async (_name, how) => {
    const args = ['--help'];
    const whole = await cli(...args);
    expect([whole.code, whole.stdout.length > 2048]).toEqual([0, true]);
    const { command, args: argv, stdout } = how(args);
    const child = spawn(command, argv, { cwd: ws.dir, env: cleanEnv(), stdio: ['ignore', stdout, 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'close')) as [number | null];
    closeSync(stdout);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^agent-release: could not write to stdout \((ENOSPC|EFBIG)[^)]*\); what it printed there is incomplete\n$/);
  });

  it('exits 1, saying so on stderr, when @actions/core cannot write the OIDC token\'s ::add-mask:: to stdout', async () => {
    const oidc = createServer((_request, response) => response.end(JSON.stringify({ value: 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln' })));
    oidc.listen(0, '127.0.0.1');
    await once(oidc, 'listening');
    const { port } = oidc.address() as AddressInfo;
    await ws.write('uc.yml', 'version: 1\nmodel: { name: main.default.agent, registry: unity-catalog }\n');
    const stdout = openSync('/dev/full', 'w');
    try {
      const env = cleanEnv({
        DATABRICKS_HOST: 'http://127.0.0.1:9',
        DATABRICKS_AUTH_TYPE: 'github-oidc',
        DATABRICKS_CLIENT_ID: 'agent-release-sp',
        ACTIONS_ID_TOKEN_REQUEST_URL: `http://127.0.0.1:${port}/token?api-version=2.0`,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token',
      });
      const child = spawn(process.execPath, [cliEntry, 'registry', 'show', '--config', 'uc.yml'], { cwd: ws.dir, env, stdio: ['ignore', stdout, 'pipe'] });
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const [code] = (await once(child, 'close')) as [number | null];
      expect(code).toBe(1);
      expect(stderr).toContain('agent-release: could not write to stdout (ENOSPC');
      expect(stderr).not.toContain('Unhandled');
    } finally {
      closeSync(stdout);
      oidc.close();
    }
  });

  it.each([
    ['a gate, which writes its descriptors directly', ['gate', '--model-version', '1', '--dry-run']],
    ['a deploy, which keeps Node\'s streams', ['deploy', '--model-version', '1', '--dry-run']],
  ])('ends quietly, with its own exit code, when the reader of its output has gone: %s', async (_name, args) => {
    const expected = (await cli(...args)).code;
    const child = spawn(process.execPath, [cliEntry, ...args], { cwd: ws.dir, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'close')) as [number | null];
    expect(code).toBe(expected);
    expect(stderr).not.toMatch(/EPIPE|Error:/);
  });
});

describe("the CLI bundle's code cache", () => {
  it('is written by the first run, used as it is by the next, and written again when it is corrupt', async () => {
    const env = { NODE_COMPILE_CACHE: path.join(ws.dir, 'compile-cache') };
    const dir = path.join(env.NODE_COMPILE_CACHE, 'agent-release');
    const help = () => runCli(['--help'], { cwd: ws.dir, env });
    const first = await help();
    expect(first.code).toBe(0);
    const files = readdirSync(dir).map((name) => path.join(dir, name));
    expect(files.length).toBeGreaterThan(0);
    const inodes = files.map((file) => statSync(file).ino);

    const second = await help();
    expect([second.code, second.stdout]).toEqual([0, first.stdout]);
    // A cache V8 accepted is not written again (a write replaces the file, so its inode changes).
    expect(files.map((file) => statSync(file).ino)).toEqual(inodes);

    // Damage of the right length, as a bad disk or an interrupted copy leaves: V8 took it as code.
    for (const file of files) {
      const data = readFileSync(file);
      data.fill(0, data.length >> 1, (data.length >> 1) + 256);
      writeFileSync(file, data);
    }
    const damaged = files.map((file) => statSync(file).ino);
    const third = await help();
    expect([third.code, third.stdout, third.stderr]).toEqual([0, first.stdout, '']);
    expect(files.map((file) => statSync(file).ino).every((ino, i) => ino !== damaged[i])).toBe(true);
  });

  it('is used as it is after an evaluation long enough to stop the young generation growing (a V8 flag set mid-run)', async () => {
    const big = await makeWorkspace();
    try {
      await big.write('many.jsonl', Array.from({ length: 3000 }, (_, i) => JSON.stringify({ id: `m${i}`, input: `question ${i}`, expected: 'x' })).join('\n'));
      await big.write('.github/agent-release.yml', sliceConfig().replace('golden.jsonl', 'many.jsonl').replace('concurrency: 4', 'concurrency: 32'));
      const env = { NODE_COMPILE_CACHE: path.join(big.dir, 'compile-cache') };
      const dir = path.join(env.NODE_COMPILE_CACHE, 'agent-release');
      expect((await runCli(['registry', 'register', '--source', agent.url], { cwd: big.dir, env })).code).toBe(0);
      const evaluate = () => runCli(['evaluate', '--model-version', '1'], { cwd: big.dir, env });
      expect((await evaluate()).code).toBe(0);
      const inodes = () => Object.fromEntries(readdirSync(dir).map((name) => [name, statSync(path.join(dir, name)).ino]));
      const before = inodes();
      expect(Object.keys(before).length).toBeGreaterThan(0);
      expect((await evaluate()).code).toBe(0);
      // None is written again; a chunk the first run loaded after the flag changed may be cached now.
      expect(inodes()).toMatchObject(before);
    } finally {
      await big.cleanup();
    }
  });
});

describe('the CLI at high concurrency', () => {
  it('keeps 32 requests in flight under a rate limit and prints no warning (the waits share one listener)', async () => {
    const busy = await makeWorkspace();
    const slow = await startAgent((q) => ({ text: q, delayMs: 40 }));
    try {
      await busy.write('golden.jsonl', Array.from({ length: 96 }, (_, i) => JSON.stringify({ id: i, input: `q${i}`, expected: `q${i}` })).join('\n'));
      await busy.write('.github/agent-release.yml', sliceConfig().replace('concurrency: 4', 'concurrency: 32\n  requests_per_second: 2000'));
      const run = (...args: string[]) => runCli(args, { cwd: busy.dir });
      expect((await run('registry', 'register', '--source', slow.url)).code).toBe(0);
      const evaluated = await run('evaluate', '--model-version', '1', '--json');
      expect(evaluated.code).toBe(0);
      expect(slow.peakInFlight).toBe(32);
      expect(evaluated.stderr).not.toMatch(/Warning|warning:/);
    } finally {
      await slow.close();
      await busy.cleanup();
    }
  });

  it('prints no warning while 24 workers back off from 429s at once', async () => {
    const busy = await makeWorkspace();
    // Every question is refused once: each worker's retry waits out a back-off on the run's signal.
    const seen = new Set<string>();
    const refusing = await startAgent((q) => (seen.has(q) ? { text: q } : (seen.add(q), { status: 429, headers: { 'retry-after': '0' } })));
    try {
      await busy.write('golden.jsonl', Array.from({ length: 48 }, (_, i) => JSON.stringify({ id: i, input: `q${i}`, expected: `q${i}` })).join('\n'));
      await busy.write('.github/agent-release.yml', sliceConfig().replace('concurrency: 4', 'concurrency: 24'));
      const run = (...args: string[]) => runCli(args, { cwd: busy.dir });
      expect((await run('registry', 'register', '--source', refusing.url)).code).toBe(0);
      const evaluated = await run('evaluate', '--model-version', '1', '--json');
      expect(evaluated.code).toBe(0);
      expect(refusing.requests).toBe(96);
      expect(evaluated.stderr).not.toMatch(/Warning|warning:/);
    } finally {
      await refusing.close();
      await busy.cleanup();
    }
  });
});

describe('the CLI when a run fails for a reason of its own', () => {
  it('refuses to verify a version the registry does not have (exit 1), naming the version and the model', async () => {
    const other = await makeWorkspace();
    const healthy = await startAgent();
    try {
      await other.write('.github/agent-release.yml', sliceConfig({ probeUrl: `${healthy.url}/health` }));
      expect((await runCli(['registry', 'register', '--source', healthy.url], { cwd: other.dir })).code).toBe(0);
      const verified = await runCli(['verify', '--model-version', '99'], { cwd: other.dir });
      expect(verified.code).toBe(1);
      expect(verified.stderr).toContain('agent-release: support-agent has no version 99 in the local registry (versions: 1)');
      expect(healthy.requests).toBe(0);
    } finally {
      await healthy.close();
      await other.cleanup();
    }
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('reports %s during evaluate as a cancellation (exit 130) and keeps the finished results', async (signal) => {
    const slow = await makeWorkspace();
    let child: ReturnType<typeof spawn> | undefined;
    // The fourth request signals the CLI; it and the rest are answered too late to count.
    const agent = await startAgent((q, n) => {
      if (n === 4) child?.kill(signal);
      return { text: q, delayMs: n < 4 ? 0 : 10_000 };
    });
    try {
      await slow.write('golden.jsonl', Array.from({ length: 30 }, (_, i) => JSON.stringify({ id: `q${i}`, input: `question ${i}`, expected: 'question' })).join('\n'));
      await slow.write('.github/agent-release.yml', sliceConfig().replace('concurrency: 4', 'concurrency: 1'));
      expect((await runCli(['registry', 'register', '--source', agent.url], { cwd: slow.dir })).code).toBe(0);
      child = spawn(process.execPath, [cliEntry, 'evaluate', '--model-version', '1'], { cwd: slow.dir, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
      const [code] = (await once(child, 'close')) as [number | null];
      expect(stderr).toContain(`agent-release: evaluation cancelled (${signal}) after 3 of 30 examples`);
      expect(stderr).not.toContain('changed while it was being evaluated');
      expect(code).toBe(130);
      const partial = await readFile(path.join(slow.dir, '.agent-release', 'support-agent', 'v1', 'results.jsonl.partial'), 'utf8');
      expect(partial.trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(['q0', 'q1', 'q2']);
    } finally {
      child?.kill('SIGKILL');
      await agent.close();
      await slow.cleanup();
    }
  });
});

describe('a source registered with credentials in its URL', () => {
  let own: Workspace;
  beforeAll(async () => {
    own = await makeWorkspace();
    await own.write('golden.jsonl', goldenJsonl);
    await own.write('.github/agent-release.yml', sliceConfig());
  });
  afterAll(async () => own.cleanup());

  it('is evaluated at the URL it makes, and its password is printed nowhere', async () => {
    const source = agent.url.replace('http://', 'http://release-bot:pa55-w0rd-9@') + '/';
    const run = (...args: string[]) => runCli(args, { cwd: own.dir });
    const outputs = [await run('registry', 'register', '--source', source), await run('evaluate', '--model-version', '1'), await run('registry', 'show', '--json')];
    expect(outputs.map((o) => o.code)).toEqual([0, 0, 0]);
    expect(outputs[0]?.stdout).toContain(`registered support-agent version 1 (${agent.url.replace('http://', 'http://***@')}/)`);
    const summary = JSON.parse(await readFile(path.join(own.dir, '.agent-release/support-agent/v1/summary.json'), 'utf8')) as { errors: number; metrics: Record<string, { value: number }> };
    expect([summary.errors, summary.metrics['contains/mean']?.value]).toEqual([0, 1]);
    for (const o of outputs) expect(o.stdout + o.stderr).not.toContain('pa55-w0rd-9');
  });
});
