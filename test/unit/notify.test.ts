import { parseConfig } from '../../src/config/load';
import { ConfigError, RefusedError, RollbackFailedError, UsageError } from '../../src/errors';
import { jsonSchemaProblem } from '../../src/evaluate/json-schema';
import { runMode, sectionsUsed } from '../../src/modes';
import { LocalRegistry } from '../../src/registry/local';
import { AliasConflictError } from '../../src/registry/types';
import { runCli } from '../../src/shell/cli';
import { systemClock } from '../../src/clock';
import { contextFor, runInfoFromEnv } from '../../src/compose';
import { memoryLogger } from '../../src/logger';
import { contextOf, testRun } from '../support/context';
import { championHeldBy, recordPass } from '../support/decision-record';
import { startAgent } from '../support/agent-server';
import { refusal, startReceiver } from '../support/webhook-receiver';
import { deployScript, makeWorkspace, sliceConfig, type Workspace } from '../support/workspace';
import { passFail, writeEvaluation } from './gate-fixtures';

const secret = 'k'.repeat(40);
let ws: Workspace;
let receivers: Awaited<ReturnType<typeof startReceiver>>[];
beforeEach(async () => {
  ws = await makeWorkspace();
  await ws.write('deploy.mjs', deployScript);
  const registry = new LocalRegistry(ws.registryFile);
  for (const source of ['http://v1', 'http://v2', 'http://v3']) await registry.registerVersion('support-agent', source, {});
  receivers = [];
});
afterEach(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  await ws.cleanup();
});

async function receiver(plan: Parameters<typeof startReceiver>[0] = []) {
  const r = await startReceiver(plan);
  receivers.push(r);
  return r;
}

const notifications = (events = '') => `notifications:
  - { type: slack, url: "\${SLACK_URL}"${events} }
  - { type: teams, url: "\${TEAMS_URL}"${events} }
  - { type: webhook, url: "\${HOOK_URL}", secret: "\${HOOK_SECRET}"${events} }
`;

async function targets() {
  const [slack, teams, hook] = [await receiver(), await receiver(), await receiver()];
  const env = { SLACK_URL: `${slack.url}/services/T0/B0/slacksecretpath`, TEAMS_URL: `${teams.url}/workflows/teamssecretpath`, HOOK_URL: `${hook.url}/hooks/release`, HOOK_SECRET: secret };
  return { slack, teams, hook, env };
}

type Body = Record<string, unknown>;
const hookBodies = (r: { received: { json: unknown }[] }): Body[] => r.received.map((x) => x.json as Body);

async function releaseTwo(config: string, env: Record<string, string>): Promise<void> {
  await recordPass(contextOf(config, ws.dir, { env }).ctx, '1', championHeldBy('none'));
  await runMode('promote', contextOf(config, ws.dir, { env }).ctx, { modelVersion: '1' });
  await recordPass(contextOf(config, ws.dir, { env }).ctx, '2', championHeldBy('1'));
  await runMode('promote', contextOf(config, ws.dir, { env }).ctx, { modelVersion: '2' });
}

describe('notifications from the modes, to local receivers', () => {
  it('promotion reaches Slack, Teams and the signed webhook, which verifies', async () => {
    const { slack, teams, hook, env } = await targets();
    const config = sliceConfig({ extra: notifications() });
    await releaseTwo(config, env);
    expect(slack.received).toHaveLength(2);
    expect(slack.received[1]?.path).toBe('/services/T0/B0/slacksecretpath');
    expect(JSON.stringify(slack.received[1]?.json)).toContain('support-agent v2 promoted to @champion');
    expect(teams.received[1]?.json).toMatchObject({ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive' }] });
    const delivery = hook.received[1];
    expect(delivery && refusal(secret, delivery, Date.now())).toBeUndefined();
    expect(delivery?.json).toMatchObject({ event: 'promoted', ok: true, model: 'support-agent', version: '2', environment: 'default', reasons: ['@champion moved from v1 to v2'], links: { run: 'https://github.com/acme/agent/actions/runs/1' } });
    // What the receiver's checks catch: another body under the same signature, an old delivery, another key.
    expect(delivery && refusal(secret, { ...delivery, body: delivery.body.replace('"version":"2"', '"version":"9"') }, Date.now())).toBe('bad signature');
    expect(delivery && refusal(secret, delivery, Date.now() + 10 * 60_000)).toBe('stale timestamp');
    expect(delivery && refusal('x'.repeat(40), delivery, Date.now())).toBe('bad signature');
  });

  it('a failed gate names the first failing reasons', async () => {
    const { hook, env } = await targets();
    await writeEvaluation(ws, { version: '3', scores: { contains: passFail(20, 5) } });
    const config = sliceConfig({ extra: notifications() });
    const { failed } = await runMode('gate', contextOf(config, ws.dir, { env }).ctx, { modelVersion: '3' });
    expect(failed).toBe(true);
    expect(hookBodies(hook)).toEqual([expect.objectContaining({ event: 'gate_failed', ok: false, version: '3', reasons: ['contains/mean = 0.25 is below the minimum 0.75'], reason_count: 1 })]);
  });

  it('a deploy that succeeds, and one rolled back automatically', async () => {
    const { hook, env } = await targets();
    const config = sliceConfig({ extra: notifications() });
    await releaseTwo(config, env);
    await runMode('deploy', contextOf(config, ws.dir, { env }).ctx, {});
    expect(hookBodies(hook).at(-1)).toMatchObject({ event: 'deployed', ok: true, version: '2', reasons: ['all-at-once rollout to command succeeded'] });

    await recordPass(contextOf(config, ws.dir, { env }).ctx, '3', championHeldBy('2'));
    await runMode('promote', contextOf(config, ws.dir, { env }).ctx, { modelVersion: '3' });
    const { result } = await runMode('deploy', contextOf(config, ws.dir, { env: { ...env, FAIL_DEPLOY: '3' } }).ctx, {});
    expect(result).toMatchObject({ rolledBack: true });
    expect(hookBodies(hook).at(-1)).toMatchObject({
      event: 'automatic_rollback',
      ok: true,
      version: '3',
      reasons: ['deploy failed: deploy command `node deploy.mjs` exited with code 3 (its output is in the log above)', 'rolled back: v2 serves again'],
    });
  });

  it('an automatic rollback that fails is still announced, and says so; the deploy still fails', async () => {
    const { hook, slack, env } = await targets();
    const config = sliceConfig({ rollback: 'node -e process.exit(4)', extra: notifications() });
    await releaseTwo(config, env);
    await expect(runMode('deploy', contextOf(config, ws.dir, { env: { ...env, FAIL_DEPLOY: '2' } }).ctx, {})).rejects.toThrow(RollbackFailedError);
    const body = hookBodies(hook).at(-1);
    expect(body).toMatchObject({ event: 'automatic_rollback', ok: false, version: '2', title: 'support-agent v2: the automatic rollback in default did NOT finish' });
    expect((body?.reasons as string[])[0]).toContain('the automatic rollback did not finish');
    expect(JSON.stringify(slack.received.at(-1)?.json)).toContain('🚨');
  });

  it('a manual rollback is announced, and so is one that fails', async () => {
    const { hook, env } = await targets();
    const config = sliceConfig({ extra: notifications() });
    await releaseTwo(config, env);
    await runMode('rollback', contextOf(config, ws.dir, { env }).ctx, { modelVersion: '2' });
    expect(hookBodies(hook).at(-1)).toMatchObject({ event: 'manual_rollback', ok: true, version: '2', reasons: ['v1 serves again'] });
    // Re-run, it finds the alias already back: it changes nothing and announces nothing again.
    const announced = hookBodies(hook).length;
    const again = await runMode('rollback', contextOf(config, ws.dir, { env }).ctx, { modelVersion: '2' });
    expect(again.result).toMatchObject({ resumed: true });
    expect(hookBodies(hook)).toHaveLength(announced);

    const broken = sliceConfig({ rollback: 'node -e process.exit(4)', extra: notifications() });
    await recordPass(contextOf(broken, ws.dir, { env }).ctx, '3', championHeldBy('1'));
    await runMode('promote', contextOf(broken, ws.dir, { env }).ctx, { modelVersion: '3' });
    await expect(runMode('rollback', contextOf(broken, ws.dir, { env }).ctx, {})).rejects.toThrow('rollback command `node -e process.exit(4)` exited with code 4');
    expect(hookBodies(hook).at(-1)).toMatchObject({ event: 'manual_rollback', ok: false, version: '@champion holder', title: 'support-agent @champion holder: the rollback in default did NOT finish' });
  });

  it('a refused or mistyped rollback or verify changed nothing, and announces nothing', async () => {
    const { hook, env } = await targets();
    const config = sliceConfig({ extra: notifications() });
    await releaseTwo(config, env);
    const before = hookBodies(hook).length;
    await expect(runMode('rollback', contextOf(config, ws.dir, { env }).ctx, { toVersion: '2' })).rejects.toThrow(RefusedError);
    await expect(runMode('rollback', contextOf(config, ws.dir, { env }).ctx, { toVersion: 'abc' })).rejects.toThrow(UsageError);
    await expect(runMode('verify', contextOf(config, ws.dir, { env }).ctx, { modelVersion: '99' })).rejects.toThrow();
    expect(hookBodies(hook)).toHaveLength(before);
  });

  it('a rollback stopped after serving was rolled back (someone moved the alias meanwhile) is announced as unfinished', async () => {
    const { hook, env } = await targets();
    const config = sliceConfig({ extra: notifications() });
    await releaseTwo(config, env);
    class Racing extends LocalRegistry {
      override async setAlias(model: string, alias: string, _version: string, expected: string | null): Promise<void> {
        throw new AliasConflictError(model, alias, expected, '3');
      }
    }
    const { ctx } = contextOf(config, ws.dir, { env });
    await expect(runMode('rollback', { ...ctx, registry: new Racing(ws.registryFile) }, { modelVersion: '2' })).rejects.toThrow(
      'rollback stopped after serving was rolled back to version 1 and version 2 was tagged rolled back: @champion on support-agent is held by version 3, not version 2 as expected; someone else moved it since. Serving and the alias now disagree: release the new holder with agent-release deploy, or withdraw it with agent-release rollback --model-version 3',
    );
    expect(hookBodies(hook).at(-1)).toMatchObject({ event: 'manual_rollback', ok: false, version: '2' });
    // Without --model-version, the version it was withdrawing is still named.
    await expect(runMode('rollback', { ...ctx, registry: new Racing(ws.registryFile) }, {})).rejects.toThrow(RollbackFailedError);
    expect(hookBodies(hook).at(-1)).toMatchObject({ event: 'manual_rollback', ok: false, version: '2', title: 'support-agent v2: the rollback in default did NOT finish' });
  });

  it("a failed verify is announced, and the workflow's own rollback after it is automatic", async () => {
    const { hook, env } = await targets();
    const probe = await startAgent(() => ({ status: 500 }));
    try {
      const config = sliceConfig({ probeUrl: `${probe.url}/health`, extra: notifications() });
      await releaseTwo(config, env);
      const { failed } = await runMode('verify', contextOf(config, ws.dir, { env }).ctx, { modelVersion: '2' });
      expect(failed).toBe(true);
      expect(hookBodies(hook).at(-1)).toMatchObject({ event: 'verify_failed', ok: false, version: '2', title: 'support-agent v2 failed verification in default', reasons: [expect.stringContaining('error_rate = 1 is above the maximum 0.1')] });

      await ws.write('agent-release.yml', config);
      const code = await runCli(['rollback', '--model-version', '2', '--config', 'agent-release.yml'], { stdout: () => {}, stderr: () => {}, env: { ...env, AGENT_RELEASE_ROLLBACK_CAUSE: 'verify-failed' }, cwd: ws.dir });
      expect(code).toBe(0);
      expect(hookBodies(hook).at(-1)).toMatchObject({
        event: 'automatic_rollback',
        ok: true,
        version: '2',
        title: 'support-agent v2 rolled back automatically in default',
        reasons: ['verify failed: the release workflow rolled back', 'v1 serves again'],
      });
    } finally {
      await probe.close();
    }
  });

  it('refuses a rollback cause it does not know, before changing anything', async () => {
    const { hook, env } = await targets();
    const config = sliceConfig({ extra: notifications() });
    await releaseTwo(config, env);
    await ws.write('agent-release.yml', config);
    const sent = hook.received.length;
    let err = '';
    const code = await runCli(['rollback', '--config', 'agent-release.yml'], { stdout: () => {}, stderr: (t) => (err += t), env: { ...env, AGENT_RELEASE_ROLLBACK_CAUSE: 'oops' }, cwd: ws.dir });
    expect(code).toBe(2);
    expect(err).toContain('AGENT_RELEASE_ROLLBACK_CAUSE is "oops"; expected one of promote-failed, deploy-failed, verify-failed, cancelled');
    expect(await new LocalRegistry(ws.registryFile).getAlias('support-agent', 'champion')).toBe('2');
    expect(hook.received).toHaveLength(sent);
  });

  it('dry runs and re-runs that change nothing notify no one', async () => {
    const { hook, env } = await targets();
    const config = sliceConfig({ extra: notifications() });
    await releaseTwo(config, env);
    const before = hook.received.length;
    await runMode('promote', contextOf(config, ws.dir, { env }).ctx, { modelVersion: '2' });
    await runMode('rollback', contextOf(config, ws.dir, { env, dryRun: true }).ctx, {});
    expect(hook.received).toHaveLength(before);
  });

  it('each notifier hears only its events', async () => {
    const { hook, slack, env } = await targets();
    const config = sliceConfig({ extra: notifications(', events: [automatic_rollback, manual_rollback]') });
    await releaseTwo(config, env);
    expect(hook.received).toHaveLength(0);
    await runMode('rollback', contextOf(config, ws.dir, { env }).ctx, {});
    expect(hookBodies(hook).map((b) => b.event)).toEqual(['manual_rollback']);
    expect(slack.received).toHaveLength(1);
  });
});

describe('a failing webhook never fails the release', () => {
  it('retries 5xx and 429 with backoff, then delivers', async () => {
    const hook = await receiver([{ status: 503 }, { status: 429 }, { status: 500 }]);
    const env = { HOOK_URL: `${hook.url}/h`, HOOK_SECRET: secret };
    const config = sliceConfig({ extra: 'notifications:\n  - { type: webhook, url: "${HOOK_URL}", secret: "${HOOK_SECRET}" }\n' });
    await recordPass(contextOf(config, ws.dir, { env }).ctx, '1', championHeldBy('none'));
    const { ctx, logger } = contextOf(config, ws.dir, { env });
    await runMode('promote', ctx, { modelVersion: '1' });
    expect(hook.received).toHaveLength(4);
    expect(new Set(hook.received.map((r) => r.headers['x-agent-release-delivery'])).size).toBe(1);
    expect(logger.lines).toContain('info: notified webhook #1 (' + new URL(hook.url).host + '): promoted of support-agent v1 in default');
  });

  it('a refusal (404) is not retried; an unreachable receiver is retried; both end as warnings and the mode succeeds', async () => {
    const gone = await receiver([{ status: 404, body: 'no_service' }]);
    const down = await receiver();
    const downUrl = down.url;
    await down.close();
    receivers = receivers.filter((r) => r !== down);
    const env = { SLACK_URL: `${gone.url}/services/x`, TEAMS_URL: `${downUrl}/workflows/y` };
    const config = sliceConfig({ extra: 'notifications:\n  - { type: slack, url: "${SLACK_URL}" }\n  - { type: teams, url: "${TEAMS_URL}", deadline: 2s }\n' });
    await recordPass(contextOf(config, ws.dir, { env }).ctx, '1', championHeldBy('none'));
    const { ctx, logger } = contextOf(config, ws.dir, { env });
    const { result, failed } = await runMode('promote', ctx, { modelVersion: '1' });
    expect(failed).toBe(false);
    expect(result).toMatchObject({ changed: true, version: '1' });
    expect(gone.received).toHaveLength(1);
    const warnings = logger.lines.filter((l) => l.startsWith('warn: could not notify'));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('HTTP 404: no_service');
    expect(warnings[1]).toMatch(/after \d+ attempts: POST \(the webhook URL\): ECONNREFUSED/);
    expect(warnings.join('\n')).not.toMatch(/services\/x|workflows\/y/);
  });

  it("a job without the webhook's variable skips it with a warning and the rollback goes ahead", async () => {
    const config = sliceConfig({ extra: 'notifications:\n  - { type: slack, url: "${SLACK_URL}" }\n' });
    const hook = await receiver();
    const env = { SLACK_URL: `${hook.url}/x` };
    await releaseTwo(config, env);
    // The rollback job's environment lacks SLACK_URL: the config still loads for rollback.
    const loaded = parseConfig(config, { file: 'c.yml', workdir: ws.dir, env: {}, sections: sectionsUsed.rollback, checkJsonSchema: jsonSchemaProblem });
    const logger = memoryLogger();
    const ctx = contextFor(loaded, { env: process.env, dryRun: false, logger, run: testRun, clock: systemClock });
    const { result } = await runMode('rollback', ctx, {});
    expect(result).toMatchObject({ mode: 'rollback', version: '1', restoredFrom: '2' });
    expect(logger.lines).toContain('warn: notifications[0] (slack): ${SLACK_URL} is not set in this job, so it is not notified');
    expect(hook.received).toHaveLength(2);
  });
});

describe('webhook settings', () => {
  const load = (extra: string, env: Record<string, string> = {}) =>
    parseConfig(sliceConfig({ extra }), { file: 'agent-release.yml', workdir: '/ws', env, checkJsonSchema: jsonSchemaProblem });

  it.each([
    ['a URL written in the file', 'notifications:\n  - { type: slack, url: "https://hooks.slack.com/services/T/B/X" }\n', {}, 'agent-release.yml:23: notifications[0].url: a webhook url is a secret; write it as ${NAME}'],
    ['a secret written in the file', 'notifications:\n  - { type: webhook, url: "${U}", secret: "' + 's'.repeat(40) + '" }\n', { U: 'https://example.com/h' }, 'notifications[0].secret: a webhook secret is a secret'],
    ['a URL given as a default', 'notifications:\n  - { type: slack, url: "${SLACK_URL:-https://hooks.slack.com/services/T/B/X}" }\n', {}, 'agent-release.yml:23: notifications[0].url: a webhook url is a secret, so it cannot have a default: ${SLACK_URL:-…} writes one in the file. Write ${SLACK_URL}'],
    ['a URL given as a default even when the variable is set', 'notifications:\n  - { type: slack, url: "${SLACK_URL:-https://hooks.slack.com/services/T/B/X}" }\n', { SLACK_URL: 'https://hooks.slack.com/services/T/B/Y' }, 'notifications[0].url: a webhook url is a secret, so it cannot have a default'],
    ['a secret given as a default', 'notifications:\n  - { type: webhook, url: "${U}", secret: "${S:-' + 's'.repeat(40) + '}" }\n', { U: 'https://example.com/h' }, 'notifications[0].secret: a webhook secret is a secret, so it cannot have a default: ${S:-…}'],
    ['plain http to another host', 'notifications:\n  - { type: teams, url: "${U}" }\n', { U: 'http://example.com/h' }, 'a webhook URL is a credential and must use https:// (http:// only to localhost), got http://'],
    ['a short signing secret', 'notifications:\n  - { type: webhook, url: "${U}", secret: "${S}" }\n', { U: 'https://example.com/h', S: 'short' }, 'the signing secret must be at least 32 characters'],
    ['an unknown type', 'notifications:\n  - { type: discord, url: "${U}" }\n', { U: 'https://example.com/h' }, 'type must be one of slack, teams, webhook'],
    ['an unknown event', 'notifications:\n  - { type: slack, url: "${U}", events: [deploy] }\n', { U: 'https://example.com/h' }, '"deploy" is not one of gate_failed, promoted, deployed, verify_failed, automatic_rollback, manual_rollback (did you mean "deployed"?)'],
  ])('refuses %s', (_what, extra, env, message) => {
    expect(() => load(extra, env)).toThrow(ConfigError);
    expect(() => load(extra, env)).toThrow(message);
  });

  it('never echoes a webhook value in an error, and lists URLs, their paths and secrets for masking', () => {
    expect(() => load('notifications:\n  - { type: teams, url: "${U}" }\n', { U: 'http://example.com/very/secret/path' })).not.toThrow(/very\/secret/);
    expect(() => load('notifications:\n  - { type: teams, url: "${U:-https://example.com/very/secret/path}" }\n')).toThrow(ConfigError);
    expect(() => load('notifications:\n  - { type: teams, url: "${U:-https://example.com/very/secret/path}" }\n')).not.toThrow(/very\/secret/);
    const loaded = load('notifications:\n  - { type: webhook, url: "${U}", secret: "${S}" }\n', { U: 'https://example.com/hooks/abcdef0123456789', S: secret });
    expect(loaded.secrets).toEqual(expect.arrayContaining(['https://example.com/hooks/abcdef0123456789', '/hooks/abcdef0123456789', secret]));
  });
});

describe('the CLI masks webhook URLs', () => {
  it('whatever a failing receiver answers, its URL and path never reach stdout or stderr', async () => {
    const path = '/services/T000/B000/XXXXXXXXXXXXXXXX';
    const echo = await receiver([{ status: 400, body: `invalid_payload for ${path}` }]);
    const url = `${echo.url}${path}`;
    await ws.write('agent-release.yml', sliceConfig({ extra: 'notifications:\n  - { type: slack, url: "${SLACK_WEBHOOK_URL}" }\n' }));
    const env = { SLACK_WEBHOOK_URL: url, GITHUB_ACTOR: 'tester' };
    await recordPass(contextOf(sliceConfig(), ws.dir).ctx, '1', championHeldBy('none'));
    let out = '';
    const code = await runCli(['promote', '--model-version', '1', '--config', 'agent-release.yml'], { stdout: (t) => (out += t), stderr: (t) => (out += t), env, cwd: ws.dir });
    expect(code).toBe(0);
    expect(echo.received).toHaveLength(1);
    expect(out).toContain('could not notify slack #1');
    expect(out).toContain('invalid_payload for ***');
    expect(out).not.toContain(path);
  });
});

describe('notification bodies are masked', () => {
  it("a secret quoted in a failure's reason reaches the receivers as ***, and the signed body still verifies", async () => {
    const { hook, slack, env } = await targets();
    const token = 'tok-0123456789-rollback-credential';
    const config = sliceConfig({ rollback: 'node -e process.exit(4) --token=${ROLLBACK_API_TOKEN}', extra: notifications() });
    const all = { ...env, ROLLBACK_API_TOKEN: token, GITHUB_ACTOR: 'tester' };
    await releaseTwo(config, all);
    await ws.write('agent-release.yml', config);
    let out = '';
    const code = await runCli(['rollback', '--config', 'agent-release.yml'], { stdout: (t) => (out += t), stderr: (t) => (out += t), env: all, cwd: ws.dir });
    expect(code).not.toBe(0);
    const delivery = hook.received.at(-1);
    expect(delivery?.json).toMatchObject({ event: 'manual_rollback', ok: false, reasons: [expect.stringContaining('--token=***')] });
    expect(delivery && refusal(secret, delivery, Date.now())).toBeUndefined();
    for (const body of [delivery?.body, JSON.stringify(slack.received.at(-1)?.json), out]) expect(body).not.toContain(token);
  });
});

describe('the summary link', () => {
  const github = { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/agent', GITHUB_RUN_ID: '77', GITHUB_RUN_ATTEMPT: '2' };
  it("points at the job's summary when the workflow passes job.check_run_id, else at the run", () => {
    expect(runInfoFromEnv({ ...github, AGENT_RELEASE_JOB_ID: '51725241954' })).toMatchObject({
      runUrl: 'https://github.com/acme/agent/actions/runs/77/attempts/2',
      summaryUrl: 'https://github.com/acme/agent/actions/runs/77/attempts/2#summary-51725241954',
    });
    expect(runInfoFromEnv({ ...github, AGENT_RELEASE_JOB_ID: '' }).summaryUrl).toBeNull();
    expect(runInfoFromEnv({ ...github, AGENT_RELEASE_JOB_ID: '1; rm' }).summaryUrl).toBeNull();
  });
});
