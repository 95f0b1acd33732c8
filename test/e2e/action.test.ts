import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { startAgent, type AgentServer } from '../support/agent-server';
import { node24, runAction, runProcess, cleanEnv, actionEntry, type ActionRun } from '../support/run-bundle';
import { deployScript, golden, goldenJsonl, makeWorkspace, sliceConfig, type Workspace } from '../support/workspace';
import { LocalRegistry } from '../../src/registry/local';
import { startGitHubFake } from '../support/github-fake';

let ws: Workspace;
let good: AgentServer;
let bad: AgentServer;
beforeEach(async () => {
  ws = await makeWorkspace();
  await ws.write('golden.jsonl', goldenJsonl);
  await ws.write('deploy.mjs', deployScript);
  good = await startAgent((q) => ({ text: `Sure: ${golden.find((g) => q === g.input)?.expected ?? ''} info` }));
  bad = await startAgent(() => ({ text: 'I cannot help with that.' }));
  await ws.write('.github/agent-release.yml', sliceConfig({ probeUrl: `${good.url}/health` }));
  const registry = new LocalRegistry(ws.registryFile);
  await registry.registerVersion('support-agent', good.url, {});
  await registry.registerVersion('support-agent', bad.url, {});
});
afterEach(async () => {
  await Promise.all([good.close(), bad.close()]);
  await ws.cleanup();
});

const act = (inputs: Record<string, string>, extra: { env?: Record<string, string>; node?: string } = {}): Promise<ActionRun> => runAction(inputs, { workspace: ws.dir, ...extra });

describe('the bundled action, run as a runner runs it', () => {
  it.each([
    ['the machine Node', process.execPath],
    ['Node 24', node24],
  ])('loads as an ES module under %s', async (_name, node) => {
    const run = await runProcess(node, [actionEntry], { cwd: ws.dir, env: cleanEnv({ INPUT_MODE: 'bogus', GITHUB_WORKSPACE: ws.dir }) });
    expect(run.stdout).toContain('::error::agent-release bogus failed: mode "bogus" is not one of evaluate, gate, promote, deploy, verify, rollback');
    expect(run.code).toBe(1);
  });

  it('names the mode meant when the input is misspelled or capitalised', async () => {
    for (const [given, meant] of [['GATE', 'gate'], ['promte', 'promote']]) {
      const run = await act({ mode: given as string });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(`mode "${given}" is not one of evaluate, gate,`);
      expect(run.stdout).toContain(`(did you mean "${meant}"?)`);
    }
  });

  it('refuses an input the mode does not read, as the CLI refuses the flag, and changes nothing', async () => {
    const before = await readFile(ws.registryFile, 'utf8');
    for (const [inputs, expected] of [
      [{ mode: 'gate', 'model-version': '1', 'to-version': '1' }, 'the to-version input is not read by mode gate (it is for rollback)'],
      [{ mode: 'evaluate', 'model-version': '1', 'skip-analysis': 'true' }, 'the skip-analysis input is not read by mode evaluate (it is for deploy)'],
      [{ mode: 'promote', 'model-version': '1', shard: '1/2' }, 'the shard input is not read by mode promote (it is for evaluate)'],
    ] as const) {
      const run = await act(inputs);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(`::error::agent-release ${inputs.mode} failed: ${expected}; remove it from this step's with:`);
    }
    expect(await readFile(ws.registryFile, 'utf8')).toBe(before);
    // The defaults the runner fills in (skip-analysis: false) are not a mistake, and a model-version left over for detect is only ignored.
    expect((await act({ mode: 'evaluate', 'model-version': '1', 'skip-analysis': 'false' })).code).toBe(0);
    const detected = await act({ mode: 'detect', 'model-version': '1' });
    expect(detected.code).toBe(0);
    expect(detected.stdout).toContain('::warning::the model-version input is not read by mode detect (it is for evaluate, merge, gate, promote, deploy, verify, rollback, shadow); it is ignored');
  });

  it('fails with the list of modes when mode is missing', async () => {
    const run = await act({ mode: '' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::agent-release (no mode) failed: the mode input is required: one of evaluate, gate, promote, deploy, verify, rollback');
  });

  it('releases v1 end to end under Node 24: outputs, summary and registry state', async () => {
    const evaluated = await act({ mode: 'evaluate', 'model-version': '1' }, { node: node24 });
    expect(evaluated.code).toBe(0);
    expect(evaluated.outputs['summary-path']).toBe('.agent-release/support-agent/v1/summary.json');
    expect(evaluated.outputs['results-path']).toBe('.agent-release/support-agent/v1/results.jsonl');
    expect(evaluated.outputs['run-id']).toBe('');
    expect(JSON.parse(evaluated.outputs.metrics ?? '{}')).toMatchObject({ 'contains/mean': 1, error_rate: 0 });
    expect(evaluated.summary).toContain('### agent-release evaluate: support-agent');
    expect(evaluated.summary).toContain('| contains/mean | 1 | 4 |');

    const gated = await act({ mode: 'gate', 'model-version': '1' }, { node: node24 });
    expect(gated.code).toBe(0);
    expect(gated.outputs.decision).toBe('pass');
    expect(JSON.parse(gated.outputs.reasons ?? '[]')).toEqual(['contains/mean = 1 is within >= 0.75', expect.stringMatching(/^latency_ms\/p95 = [\d.]+ is within <= 5000$/)]);
    expect(gated.outputs['decision-path']).toBe('.agent-release/support-agent/v1/decision.json');

    const promoted = await act({ mode: 'promote', 'model-version': '1' }, { node: node24 });
    expect(promoted.code).toBe(0);
    expect(promoted.outputs).toMatchObject({ version: '1', 'previous-version': '', alias: 'champion' });

    const deployed = await act({ mode: 'deploy' }, { node: node24 });
    expect(deployed.code).toBe(0);
    expect(deployed.outputs).toMatchObject({ version: '1', 'rolled-back': 'false', 'deployment-id': 'support-agent/1@default' });
    expect(deployed.stdout).toContain('  [deploy] now serving version 1');

    const verified = await act({ mode: 'verify' }, { node: node24 });
    expect(verified.code).toBe(0);
    expect(verified.outputs.decision).toBe('pass');

    const v1 = await new LocalRegistry(ws.registryFile).getVersion('support-agent', '1');
    expect(v1?.aliases).toEqual(['champion']);
    expect(v1?.tags).toMatchObject({
      'agent_release.gate.decision': 'pass',
      'agent_release.champion.promoted_by': 'octocat',
      'agent_release.champion.promoted_run_url': 'https://github.com/acme/support-agent/actions/runs/4242',
      'agent_release.champion.promoted_git_sha': 'c0ffee0000000000000000000000000000000000',
      'agent_release.deploy.default.status': 'deployed',
    });
  });

  it('blocks a regressed version at the gate with exit 1 and a table, and promote refuses it', async () => {
    expect((await act({ mode: 'evaluate', 'model-version': '2' })).code).toBe(0);
    const gated = await act({ mode: 'gate', 'model-version': '2' });
    expect(gated.code).toBe(1);
    expect(gated.outputs.decision).toBe('fail');
    expect(gated.stdout).toContain('::error::gate failed for support-agent v2: contains/mean = 0 is below the minimum 0.75');
    expect(gated.summary).toContain('| contains/mean | ≥ 0.75 | 0 (0 – 0.4899) | ❌ fail | contains/mean = 0 is below the minimum 0.75 |');
    const promoted = await act({ mode: 'promote', 'model-version': '2' });
    expect(promoted.code).toBe(1);
    expect(promoted.stdout).toContain('::error::agent-release promote failed: support-agent version 2 has a failed gate decision');
    expect(await new LocalRegistry(ws.registryFile).getAlias('support-agent', 'champion')).toBeNull();
  });

  it('blocks a version that is worse than the champion on the same examples, with the difference and its interval', async () => {
    const config = sliceConfig().replace('min: 0.75', 'min: 0').replace('    "latency_ms/p95": { max: 5000 }\n', '    "latency_ms/p95": { max: 5000 }\n  baseline: { max_drop: { "contains/mean": 0.1 } }\n');
    await ws.write('.github/agent-release.yml', config);
    for (const mode of ['evaluate', 'gate', 'promote']) expect((await act({ mode, 'model-version': '1' })).code).toBe(0);
    expect((await act({ mode: 'evaluate', 'model-version': '2' })).code).toBe(0);
    const gated = await act({ mode: 'gate', 'model-version': '2' });
    expect(gated.code).toBe(1);
    expect(gated.stdout).toContain('::error::gate failed for support-agent v2: against @champion v1: contains/mean dropped by 1.000 (95%25 CI 0.307 – 1.000, n = 4 paired), more than the allowed 0.1'); // % is %25 in workflow commands
    expect(gated.summary).toContain('```mermaid');
  });

  it('keeps the verdict of a finished mode when the runner files cannot be written, and warns', async () => {
    await ws.write('.github/agent-release.yml', sliceConfig().replace('min: 0.75', 'min: 0'));
    expect((await act({ mode: 'evaluate', 'model-version': '1' })).code).toBe(0);
    const gated = await act({ mode: 'gate', 'model-version': '1' }, { env: { GITHUB_STEP_SUMMARY: path.join(ws.dir, 'no-such-dir', 'summary'), GITHUB_OUTPUT: ws.dir } });
    expect(gated.code).toBe(0);
    expect(gated.stdout).toContain('::warning::agent-release gate finished, but its outputs could not be written');
    expect(gated.stdout).toContain('::warning::agent-release gate finished, but its job summary could not be written');
    expect(gated.stdout).not.toContain('::error::');
    expect((await new LocalRegistry(ws.registryFile).getVersion('support-agent', '1'))?.tags['agent_release.gate.decision']).toBe('pass');
  });

  it('rolls back from the action and reports what it restored', async () => {
    for (const v of ['1', '2']) {
      // v2 passes here because its threshold is lowered for this test.
      await ws.write('.github/agent-release.yml', sliceConfig().replace('min: 0.75', 'min: 0'));
      expect((await act({ mode: 'evaluate', 'model-version': v })).code).toBe(0);
      expect((await act({ mode: 'gate', 'model-version': v })).code).toBe(0);
      expect((await act({ mode: 'promote', 'model-version': v })).code).toBe(0);
    }
    const rolled = await act({ mode: 'rollback' });
    expect(rolled.code).toBe(0);
    expect(rolled.outputs).toEqual({ version: '1', 'restored-from': '2', alias: 'champion' });
    expect(rolled.summary).toContain('rolled back support-agent v2 in default; v1 restored');
    expect(await new LocalRegistry(ws.registryFile).getAlias('support-agent', 'champion')).toBe('1');
  });

  it('says which version it left, not rolled back, when the automatic rollback itself fails', async () => {
    const config = sliceConfig({ probeUrl: 'http://127.0.0.1:9/health', rollback: 'node -e process.exit(4)' }).replace('min: 0.75', 'min: 0');
    await ws.write('.github/agent-release.yml', config);
    for (const mode of ['evaluate', 'gate', 'promote']) expect((await act({ mode, 'model-version': '1' })).code).toBe(0);
    const deployed = await act({ mode: 'deploy' });
    expect(deployed.code).toBe(1);
    expect(deployed.stdout).toContain('the automatic rollback did not finish');
    expect(deployed.outputs).toMatchObject({ version: '1', 'rolled-back': 'false' });
  });

  it('finishes its own rollback when a workflow run is re-run, and another run withdraws the restored version only when it names it', async () => {
    await ws.write('.github/agent-release.yml', sliceConfig().replace('min: 0.75', 'min: 0'));
    const registry = new LocalRegistry(ws.registryFile);
    await registry.registerVersion('support-agent', good.url, {});
    for (const v of ['1', '2', '3']) for (const mode of ['evaluate', 'gate', 'promote']) expect((await act({ mode, 'model-version': v })).code).toBe(0);
    const attempt = (runId: string, n: string) => act({ mode: 'rollback' }, { env: { GITHUB_REPOSITORY: 'acme/support-agent', GITHUB_RUN_ID: runId, GITHUB_RUN_ATTEMPT: n } });

    const first = await attempt('77', '1');
    expect(first.outputs).toEqual({ version: '2', 'restored-from': '3', alias: 'champion' });
    // "Re-run all jobs": same run, no version given, the alias already on 2.
    const rerun = await attempt('77', '2');
    expect(rerun.code).toBe(0);
    expect(rerun.outputs).toEqual({ version: '2', 'restored-from': '3', alias: 'champion' });
    expect(rerun.stdout).toContain('an earlier attempt of this run rolled 3 back; finishing that rollback rather than withdrawing 2 too');
    expect(await registry.getAlias('support-agent', 'champion')).toBe('2');
    // Another run not told a version finds the same rollback as the latest change and finishes it: a second
    // dispatch "to be sure" must not take the restored version out of service too.
    const another = await attempt('78', '1');
    expect(another.outputs).toEqual({ version: '2', 'restored-from': '3', alias: 'champion' });
    expect(another.stdout).toContain('@champion is on 2 because a rollback rolled 3 back; finishing that rollback rather than withdrawing 2 too');
    expect(await registry.getAlias('support-agent', 'champion')).toBe('2');
    // Named, the restored version is withdrawn, as asked.
    const named = await act({ mode: 'rollback', 'model-version': '2' }, { env: { GITHUB_REPOSITORY: 'acme/support-agent', GITHUB_RUN_ID: '79', GITHUB_RUN_ATTEMPT: '1' } });
    expect(named.outputs).toEqual({ version: '1', 'restored-from': '2', alias: 'champion' });
    expect(await registry.getAlias('support-agent', 'champion')).toBe('1');
  });
});

describe('pull-request comment', () => {
  it('comments the gate table on the pull request once and updates it in place; a read-only token only warns', async () => {
    const github = await startGitHubFake({ tokens: { 'ghs_write_token_0123456789': 'write', 'ghs_read_token_0123456789': 'read' }, pullRequests: ['acme/support-agent#12'] });
    try {
      const event = await ws.write('event.json', JSON.stringify({ number: 12, pull_request: { number: 12 }, repository: { name: 'support-agent', owner: { login: 'acme' } } }));
      const prEnv = { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event, GITHUB_API_URL: github.url };
      expect((await act({ mode: 'evaluate', 'model-version': '1' })).code).toBe(0);
      for (let run = 0; run < 2; run++) {
        const gated = await act({ mode: 'gate', 'model-version': '1', 'dry-run': 'true', 'github-token': 'ghs_write_token_0123456789' }, { env: prEnv });
        expect(gated.code).toBe(0);
      }
      const comments = github.comments('acme/support-agent#12');
      expect(comments).toHaveLength(1);
      expect(comments[0]?.body).toContain('<!-- agent-release:gate:support-agent -->');
      expect(comments[0]?.body).toContain('| contains/mean | ≥ 0.75 | 1 (0.5101 – 1) |');
      expect(github.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);

      const readOnly = await act({ mode: 'gate', 'model-version': '1', 'dry-run': 'true', 'github-token': 'ghs_read_token_0123456789' }, { env: prEnv });
      expect(readOnly.code).toBe(0);
      expect(readOnly.stdout).toContain('::warning::');
      expect(readOnly.stdout).toContain('pull-requests: write');
      expect(github.comments('acme/support-agent#12')).toHaveLength(1);
    } finally {
      await github.close();
    }
  });
});

describe('secrets', () => {
  it('masks the github token and every secret-looking variable the config uses, and never prints them', async () => {
    const token = 'sk-agent-0123456789abcdef';
    const githubToken = 'ghs_abcdefghijklmnopqrstuvwxyz012345';
    await ws.write('.github/agent-release.yml', sliceConfig().replace('timeout: 2s', 'timeout: 2s, headers: { authorization: "Bearer ${AGENT_API_TOKEN}" }'));
    const run = await act({ mode: 'evaluate', 'model-version': '1', 'github-token': githubToken }, { env: { AGENT_API_TOKEN: token } });
    expect(run.code).toBe(0);
    expect(good.bodies.length).toBe(4);
    expect(run.stdout).toContain(`::add-mask::${token}`);
    expect(run.stdout).toContain(`::add-mask::${githubToken}`);
    const withoutMaskCommands = run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n');
    for (const secret of [token, githubToken]) {
      expect(withoutMaskCommands).not.toContain(secret);
      expect(run.stderr).not.toContain(secret);
      expect(run.summary).not.toContain(secret);
      expect(JSON.stringify(run.outputs)).not.toContain(secret);
    }
  });
});

describe('proxies', () => {
  it('masks the password in a proxy variable, and leaves loopback endpoints direct', async () => {
    const run = await act({ mode: 'evaluate', 'model-version': '1' }, { env: { HTTPS_PROXY: 'http://ops:pr0xy-pass@proxy.corp:3128', HTTP_PROXY: 'http://ops:pr0xy-pass@proxy.corp:3128' } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('::add-mask::pr0xy-pass');
    expect(run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n')).not.toContain('pr0xy-pass');
  });
});

describe('bad input gives a clear error and leaves the registry unchanged', () => {
  async function expectUnchanged(run: () => Promise<ActionRun>, message: string | RegExp): Promise<ActionRun> {
    const before = await readFile(ws.registryFile);
    const result = await run();
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(typeof message === 'string' ? new RegExp(`::error::.*${escape(message)}`) : message);
    expect((await readFile(ws.registryFile)).equals(before)).toBe(true);
    return result;
  }

  it('malformed YAML', async () => {
    await ws.write('.github/agent-release.yml', 'version: 1\nmodel: { name: [ }\n');
    await expectUnchanged(() => act({ mode: 'gate', 'model-version': '1' }), '.github/agent-release.yml is not valid YAML');
  });

  it('an unknown key', async () => {
    await ws.write('.github/agent-release.yml', `${sliceConfig()}gatee: {}\n`);
    await expectUnchanged(() => act({ mode: 'promote', 'model-version': '1' }), 'unknown key "gatee" (did you mean "gate"?)');
  });

  it('a malformed JSONL line, reported with its line number', async () => {
    await ws.write('golden.jsonl', `${goldenJsonl}{"id": "x", "input": }\n`);
    await expectUnchanged(() => act({ mode: 'evaluate', 'model-version': '1' }), 'golden.jsonl:5: dataset line is not valid JSON');
  });

  it('an unreachable endpoint, after retries', async () => {
    await good.close();
    await expectUnchanged(() => act({ mode: 'evaluate', 'model-version': '1' }), /::error::agent-release evaluate failed: agent endpoint http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions is unreachable: .*gave up after 3 attempts.*ECONNREFUSED.*\); check evaluate\.endpoint\.url and that the agent is running/);
    good = await startAgent();
  });

  it('a results summary of another model version: the gate records that it could not decide, and promote refuses', async () => {
    expect((await act({ mode: 'evaluate', 'model-version': '2' })).code).toBe(0);
    const run = await act({ mode: 'gate', 'model-version': '1', 'summary-path': '.agent-release/support-agent/v2/summary.json' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error::.*is the evaluation of support-agent version 2, but the gate was asked to decide support-agent version 1/);
    // A gate that stops on bad input withdraws any earlier decision rather than leave it standing.
    expect((await new LocalRegistry(ws.registryFile).getVersion('support-agent', '1'))?.tags['agent_release.gate.decision']).toBe('error');
    const aliasBefore = await new LocalRegistry(ws.registryFile).getAlias('support-agent', 'champion');
    await expectUnchanged(() => act({ mode: 'promote', 'model-version': '1' }), 'gate');
    expect(await new LocalRegistry(ws.registryFile).getAlias('support-agent', 'champion')).toBe(aliasBefore);
  });

  it('a dry-run value that is not a YAML boolean', async () => {
    await expectUnchanged(() => act({ mode: 'promote', 'model-version': '1', 'dry-run': 'yes please' }), 'the dry-run input must be true or false, got "yes please"');
  });

  it('a proxy variable without a host', async () => {
    await expectUnchanged(() => act({ mode: 'evaluate', 'model-version': '1' }, { env: { HTTPS_PROXY: 'http://' } }), 'HTTPS_PROXY is not a proxy URL: expected http://host:port');
  });

  it('a SOCKS proxy (@actions/github would throw on it while loading, before any check of ours)', async () => {
    await expectUnchanged(() => act({ mode: 'evaluate', 'model-version': '1' }, { env: { HTTPS_PROXY: 'socks5://proxy.corp:1080' } }), 'HTTPS_PROXY is not a proxy URL: expected http://host:port');
  });

  it('a missing config file', async () => {
    await expectUnchanged(() => act({ mode: 'gate', 'model-version': '1', config: 'nope.yml' }), 'config file nope.yml not found');
  });
});

describe('dry run through the action', () => {
  it('leaves the registry byte-identical across every mode', async () => {
    for (const mode of ['evaluate', 'gate', 'promote']) expect((await act({ mode, 'model-version': '1' })).code).toBe(0);
    const registryBefore = await readFile(ws.registryFile);
    const files = async (): Promise<string> => JSON.stringify(await readFile(path.join(ws.dir, '.agent-release/support-agent/v1/summary.json'), 'utf8'));
    const summaryBefore = await files();
    for (const mode of ['evaluate', 'gate', 'promote', 'deploy', 'verify', 'rollback']) {
      const run = await act({ mode, 'model-version': '1', 'dry-run': 'true' });
      expect([mode, run.code]).toEqual([mode, 0]);
      expect(run.summary).toContain('(dry run)');
    }
    expect((await readFile(ws.registryFile)).equals(registryBefore)).toBe(true);
    expect(await files()).toBe(summaryBefore);
    await expect(ws.read('deployments.log')).rejects.toThrow('ENOENT');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
