import { chmod, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Clock } from '../../src/clock';
import { appDeploySchema, appStrategyProblem, type AppDeployConfig } from '../../src/config/app-schema';
import { DatabricksAppTarget, loggedModelId, varFlag } from '../../src/deploy/databricks-app';
import type { DeployRequest } from '../../src/deploy/types';
import { RefusedError, RemoteError } from '../../src/errors';
import { memoryLogger } from '../../src/logger';
import { LocalRegistry } from '../../src/registry/local';
import { makeWorkspace, type Workspace } from '../support/workspace';

/**
 * The target runs a real child process: a FAKE `databricks` (test/support/fake-databricks-cli.mjs)
 * put first on PATH, which records every call and keeps what it "deployed" in a state file.
 */

const fakeCli = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'support', 'fake-databricks-cli.mjs');
const token = 'dapi0123456789abcdef-secret';
const host = 'https://adb-123.azuredatabricks.net';
const model = 'main.agents.support_agent';

const bundleYaml = `bundle:
  name: support_agent
variables:
  model_version: { description: released version }
  model_id: { description: logged model id }
  region: { default: eu }
targets:
  staging: {}
  prod: {}
resources:
  apps:
    support_app:
      name: support-agent-app
      source_code_path: ./app
      config:
        command: [python, app.py]
        env:
          - { name: MLFLOW_ACTIVE_MODEL_ID, value: "\${var.model_id}" }
          - { name: MODEL_VERSION, value: "\${var.model_version}" }
          - { name: REGION, value: "\${var.region}" }
`;

interface Recorded {
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  credentials: string[];
}

let ws: Workspace;
let registry: LocalRegistry;

beforeEach(async () => {
  ws = await makeWorkspace();
  await ws.write('bundle/databricks.yml', bundleYaml);
  const bin = await ws.write('bin/databricks', `#!/bin/sh\nexec "${process.execPath}" "${fakeCli}" "$@"\n`);
  await chmod(bin, 0o755);
  registry = new LocalRegistry(ws.registryFile);
  await registry.registerVersion(model, 'models:/m-0a1b2c3d', {}); // 1
  await registry.registerVersion(model, 'runs:/4f5e6d7c/agent', { model_id: 'm-77aa88bb' }); // 2
  await registry.registerVersion(model, 'runs:/4f5e6d7c/agent', {}); // 3: no model id anywhere
});
afterEach(() => ws.cleanup());

function envFor(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: `${path.join(ws.dir, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`,
    DATABRICKS_HOST: host,
    DATABRICKS_TOKEN: token,
    FAKE_DATABRICKS_LOG: path.join(ws.dir, 'calls.jsonl'),
    FAKE_DATABRICKS_STATE: path.join(ws.dir, 'state.json'),
    ...extra,
  };
}

/** A clock whose sleeps (the CLI's timeouts) never end on their own; only their abort ends them. */
const stillClock: Clock = {
  now: () => 1_700_000_000_000,
  sleep: (_ms, signal) => new Promise<void>((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true })),
};

function makeTarget(options: { config?: Partial<Record<keyof AppDeployConfig, unknown>>; env?: Record<string, string>; clock?: Clock } = {}) {
  const config = appDeploySchema.parse({ bundle_dir: 'bundle', target: 'prod', resource: 'support_app', ...options.config });
  const logger = memoryLogger();
  const target = new DatabricksAppTarget({ config, workdir: ws.dir, env: envFor(options.env), registry, clock: options.clock ?? stillClock, logger });
  return { target, logger };
}

async function calls(): Promise<Recorded[]> {
  const text = await readFile(path.join(ws.dir, 'calls.jsonl'), 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Recorded);
}

async function running(): Promise<Record<string, string>> {
  const state = JSON.parse(await ws.read('state.json')) as { running: Record<string, { config: { env: { name: string; value: string }[] } }> };
  return Object.fromEntries((state.running.prod?.config.env ?? []).map((e) => [e.name, e.value]));
}

const request = (overrides: Partial<DeployRequest> = {}): DeployRequest => ({ model, version: '1', previousVersion: null, traffic: 100, environment: 'production', ...overrides });

describe('databricks-app deploy', () => {
  test('validates, deploys and runs the bundle with the version and logged model id', async () => {
    const { target } = makeTarget({ config: { extra_variables: { region: 'us' } } });
    const receipt = await target.deploy(request());
    const vars = ['--var=model_version=1', '--var=model_id=m-0a1b2c3d'];
    expect((await calls()).map((c) => c.argv)).toEqual([
      ['bundle', 'validate', '--target', 'prod', ...vars],
      ['bundle', 'deploy', '--target', 'prod', ...vars],
      ['bundle', 'run', 'support_app', '--target', 'prod', ...vars],
    ]);
    const first = (await calls())[0] as Recorded;
    expect(first.cwd).toBe(path.join(ws.dir, 'bundle'));
    expect(first.env).toEqual({ BUNDLE_VAR_region: 'us', DATABRICKS_HOST: host });
    expect(first.credentials).toEqual(['DATABRICKS_TOKEN']);
    expect(receipt).toEqual({ endpointUrl: 'https://support-agent-app-1234567890.aws.databricksapps.com', deploymentId: 'support_app@prod/v1' });
    expect(await running()).toEqual({ MLFLOW_ACTIVE_MODEL_ID: 'm-0a1b2c3d', MODEL_VERSION: '1', REGION: 'us' });
  });

  test('asks bundle summary for the app page when run did not print the address', async () => {
    const { target } = makeTarget({ env: { FAKE_DATABRICKS_QUIET_RUN: '1' } });
    const receipt = await target.deploy(request());
    expect((await calls()).at(-1)?.argv).toEqual(['bundle', 'summary', '--target', 'prod', '--output', 'json', '--var=model_version=1', '--var=model_id=m-0a1b2c3d']);
    expect(receipt).toEqual({ endpointUrl: `${host}/apps/support-agent-app`, deploymentId: 'support_app@prod/v1' });
  });

  test('takes the model id from the version tag when the source is not a logged model, and passes --auto-approve when asked', async () => {
    const { target } = makeTarget({ config: { auto_approve: true } });
    await target.deploy(request({ version: '2' }));
    expect((await calls())[1]?.argv).toEqual(['bundle', 'deploy', '--target', 'prod', '--var=model_version=2', '--var=model_id=m-77aa88bb', '--auto-approve']);
    expect((await running()).MLFLOW_ACTIVE_MODEL_ID).toBe('m-77aa88bb');
  });

  test('a value with a comma reaches the bundle whole (--var is read as CSV)', async () => {
    await registry.setVersionTags(model, '3', { model_id: 'm-1,"2"' });
    const { target } = makeTarget();
    await target.deploy(request({ version: '3' }));
    expect((await calls())[1]?.argv[5]).toBe('--var="model_id=m-1,""2"""');
    expect((await running()).MLFLOW_ACTIVE_MODEL_ID).toBe('m-1,"2"');
  });

  test('a failing bundle deploy reports the command, exit code, stderr tail and a hint, and runs nothing after it', async () => {
    const stderr = 'Error: deploy failed: failed to acquire deployment lock: deploy lock acquired by ci@corp at 2025-01-01';
    const { target, logger } = makeTarget({ env: { FAKE_DATABRICKS_FAIL: 'deploy:1', FAKE_DATABRICKS_STDERR: stderr, FAKE_DATABRICKS_LEAK: '1' } });
    const error = await target.deploy(request()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteError);
    expect((error as Error).message).toBe(
      `could not deploy ${model} version 1: databricks bundle deploy --target prod --var=model_version=1 --var=model_id=m-0a1b2c3d (in ${path.join(ws.dir, 'bundle')}) exited with code 1; the CLI's last lines:\n` +
        `  ${stderr}\n  > GET /api/2.0/apps\n  > Authorization: Bearer ***\n` +
        'Another deploy of this bundle target holds the lock; wait for it to finish, and only if it is dead run `databricks bundle deploy --force-lock` by hand.',
    );
    expect((await calls()).map((c) => c.argv[1])).toEqual(['validate', 'deploy']);
    expect(logger.lines).toContain('info:   [deploy] > Authorization: Bearer ***');
    expect(logger.lines.join('\n')).not.toContain(token);
    expect(await readFile(path.join(ws.dir, 'calls.jsonl'), 'utf8')).not.toContain(token);
  });

  test('a CLI that hangs is stopped at the timeout, on the injected clock', async () => {
    const sleeps: { ms: number; resolve: () => void }[] = [];
    let sleepStarted: () => void = () => undefined;
    const clock: Clock = {
      now: () => 0,
      sleep: (ms, signal) =>
        new Promise<void>((resolve, reject) => {
          const entry = { ms, resolve };
          sleeps.push(entry);
          signal?.addEventListener('abort', () => {
            sleeps.splice(sleeps.indexOf(entry), 1);
            reject(signal.reason);
          }, { once: true });
          sleepStarted();
        }),
    };
    const { target } = makeTarget({ clock, config: { timeout: '5m' }, env: { FAKE_DATABRICKS_HANG: 'run' } });
    const outcome = target.deploy(request()).catch((e: unknown) => e);
    // validate and deploy end and abort their timeouts; run's is the one left waiting.
    while (!((await calls()).length === 3 && sleeps.length === 1)) await new Promise<void>((resolve) => (sleepStarted = resolve, setImmediate(resolve)));
    sleeps[0]?.resolve();
    const error = (await outcome) as Error;
    expect(error).toBeInstanceOf(RemoteError);
    expect(error.message).toMatch(/^could not run main\.agents\.support_agent version 1: databricks bundle run support_app --target prod .* did not finish within 300000 ms and was stopped \(SIGTERM\); raise deploy\.app\.timeout if the app needs longer; it printed nothing on stderr$/);
  });

  test('refuses a canary or blue-green step before calling the CLI', async () => {
    const { target } = makeTarget();
    await expect(target.deploy(request({ traffic: 10 }))).rejects.toThrow(
      new RefusedError(
        `strategy canary is not available for the databricks-app target: a Databricks App serves one version at a time and cannot split traffic; use strategy: all-at-once (with an analysis to roll back on), or the databricks-serving target for canary and blue-green (asked to serve ${model} version 1 at 10% of traffic)`,
      ),
    );
    await expect(target.deploy(request({ traffic: 0 }))).rejects.toThrow(/^strategy blue-green is not available for the databricks-app target/);
    expect(await calls()).toEqual([]);
  });

  test('refuses a version with no logged model id, naming both places it looked', async () => {
    const { target } = makeTarget();
    await expect(target.deploy(request({ version: '3' }))).rejects.toThrow(
      new RefusedError(
        `cannot link production traces of ${model} version 3 to its logged model: its source "runs:/4f5e6d7c/agent" is not models:/m-<id> and it has no "model_id" tag; register the version from a logged model (MLflow 3), tag it with the logged model id (deploy.app.model_id_tag), or set deploy.app.variables.model_id: null to deploy without the link`,
      ),
    );
    expect(await calls()).toEqual([]);
    const { target: unlinked } = makeTarget({ config: { variables: { model_id: null } } });
    await expect(unlinked.deploy(request({ version: '3' }))).rejects.toThrow(
      /exited with code 1; the CLI's last lines:\n {2}Error: no value assigned to required variable model_id\. .*\nGive the variable a default in databricks\.yml/,
    );
    const { target: unlinkedWithDefault } = makeTarget({ config: { variables: { model_id: null }, extra_variables: { model_id: '' } } });
    await unlinkedWithDefault.deploy(request({ version: '3' }));
    expect((await calls()).at(-1)?.argv).toEqual(['bundle', 'run', 'support_app', '--target', 'prod', '--var=model_version=3']);
    expect((await running()).MLFLOW_ACTIVE_MODEL_ID).toBe('');
  });
});

describe('databricks-app rollback', () => {
  test('redeploys and reruns the snapshot version with its model id, without validating', async () => {
    const { target } = makeTarget();
    const snapshot = await target.snapshot(request({ version: '2', previousVersion: '1' }));
    expect(snapshot).toEqual({ kind: 'databricks-app', takenAt: '2023-11-14T22:13:20.000Z', state: { version: '1', modelId: 'm-0a1b2c3d', source: 'previous-version' } });
    await target.deploy(request({ version: '2', previousVersion: '1' }));
    await target.rollback({ model, restoreVersion: '1', fromVersion: '2', environment: 'production', snapshot });
    const vars = ['--var=model_version=1', '--var=model_id=m-0a1b2c3d'];
    expect((await calls()).slice(3).map((c) => c.argv)).toEqual([
      ['bundle', 'deploy', '--target', 'prod', ...vars],
      ['bundle', 'run', 'support_app', '--target', 'prod', ...vars],
    ]);
    expect(await running()).toEqual({ MLFLOW_ACTIVE_MODEL_ID: 'm-0a1b2c3d', MODEL_VERSION: '1', REGION: 'eu' });
  });

  test('without a snapshot, restores the previous version resolved from the registry', async () => {
    const { target } = makeTarget();
    expect(target.describeRollback({ model, restoreVersion: '2', fromVersion: '1', environment: 'production' })).toBe(
      "databricks bundle deploy --target prod --var=model_version=2 '--var=model_id=<logged model id of version 2>' && databricks bundle run support_app --target prod --var=model_version=2 '--var=model_id=<logged model id of version 2>'",
    );
    await target.rollback({ model, restoreVersion: '2', fromVersion: '1', environment: 'production' });
    expect((await calls()).map((c) => c.argv.slice(1, 3).concat(c.argv.slice(-1)))).toEqual([
      ['deploy', '--target', '--var=model_id=m-77aa88bb'],
      ['run', 'support_app', '--var=model_id=m-77aa88bb'],
    ]);
  });

  test('a first release has nothing to roll back to and says what to do', async () => {
    const { target } = makeTarget();
    await expect(target.rollback({ model, restoreVersion: null, fromVersion: '1', environment: 'production' })).rejects.toThrow(
      new RefusedError(
        `cannot roll back app support_app (bundle target prod) from ${model} version 1: no earlier version was released to it, and an app cannot serve nothing; stop it with \`databricks apps stop <app name>\` or deploy a known good version with agent-release deploy`,
      ),
    );
    expect(await calls()).toEqual([]);
  });
});

describe('databricks-app preflight and plan', () => {
  test('passes with a current CLI, a linked model and a valid bundle', async () => {
    const { target } = makeTarget();
    expect(await target.preflight(request())).toEqual({
      problems: [],
      checks: ['Databricks CLI v0.250.0 (0.239.0 or later)', `${model} version 1 links traces to logged model m-0a1b2c3d`, 'databricks bundle validate --target prod --var=model_version=1 --var=model_id=m-0a1b2c3d passed'],
    });
    expect((await calls()).map((c) => c.argv)).toEqual([['--version'], ['bundle', 'validate', '--target', 'prod', '--var=model_version=1', '--var=model_id=m-0a1b2c3d']]);
  });

  test.each([
    ['the legacy Python CLI', { FAKE_DATABRICKS_VERSION: 'legacy' }, {}, 'databricks --version printed "Version 0.18.0", not "Databricks CLI v<version>": this looks like the legacy Python databricks-cli, which has no bundles; install the Databricks CLI 0.239.0 or later (https://docs.databricks.com/dev-tools/cli/install.html) or point deploy.app.cli at it'],
    ['an old CLI', { FAKE_DATABRICKS_VERSION: '0.230.1' }, {}, 'the Databricks CLI is v0.230.1, older than 0.239.0, the first whose bundles deploy apps; upgrade it (e.g. databricks/setup-cli in the workflow)'],
  ])('lists %s as the problem', async (_name, env, config, problem) => {
    const { target } = makeTarget({ env, config });
    expect(await target.preflight(request())).toEqual({ problems: [problem], checks: [] });
  });

  test('a CLI that is not installed', async () => {
    const { target } = makeTarget({ config: { cli: 'databricks-not-installed' } });
    const { problems } = await target.preflight(request());
    expect(problems).toEqual([
      `could not find the Databricks CLI: databricks-not-installed --version did not start in ${path.join(ws.dir, 'bundle')}: spawn databricks-not-installed ENOENT; install the Databricks CLI 0.239.0 or later (databricks/setup-cli in a workflow) or set deploy.app.cli to its path`,
    ]);
  });

  test('lists every problem at once: canary traffic, no model id, a variable the bundle does not declare', async () => {
    const { target } = makeTarget({ config: { variables: { version: 'release' } } });
    const { problems, checks } = await target.preflight(request({ version: '3', traffic: 50 }));
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^strategy canary is not available for the databricks-app target: .* \(asked to serve .* at 50% of traffic\)$/);
    expect(problems[1]).toMatch(/^cannot link production traces of main\.agents\.support_agent version 3/);
    expect(problems[2]).toBe(
      `could not validate the bundle: databricks bundle validate --target prod --var=release=3 --var=model_id=unknown (in ${path.join(ws.dir, 'bundle')}) exited with code 1; the CLI's last lines:\n  Error: variable release has not been defined\n` +
        'Declare the variable under `variables:` in databricks.yml (agent-release passes deploy.app.variables and extra_variables to it).',
    );
    expect(checks).toEqual(['Databricks CLI v0.250.0 (0.239.0 or later)']);
  });

  test('missing credentials come back as a problem with the fix', async () => {
    const { target } = makeTarget({ env: { DATABRICKS_TOKEN: '' } });
    const { problems } = await target.preflight(request());
    expect(problems[0]).toMatch(/cannot configure default credentials.*\nThe CLI found no usable credentials: set DATABRICKS_HOST and DATABRICKS_TOKEN/s);
  });

  test('describes and plans the exact commands', async () => {
    const { target } = makeTarget();
    expect(target.describeDeploy(request({ version: '2' }))).toMatch(/^databricks bundle validate --target prod --var=model_version=2 '--var=model_id=<logged model id of version 2>' && databricks bundle deploy .* && databricks bundle run support_app --target prod /);
    expect(await target.planChange(request({ version: '2', previousVersion: '1' }))).toEqual([
      `bundle target prod, app support_app: deploy ${model} version 2 (MLFLOW_ACTIVE_MODEL_ID m-77aa88bb), replacing version 1`,
      'databricks bundle validate --target prod --var=model_version=2 --var=model_id=m-77aa88bb',
      'databricks bundle deploy --target prod --var=model_version=2 --var=model_id=m-77aa88bb',
      'databricks bundle run support_app --target prod --var=model_version=2 --var=model_id=m-77aa88bb',
    ]);
    expect(await calls()).toEqual([]);
  });
});

describe('deploy.app config', () => {
  test('defaults', () => {
    expect(appDeploySchema.parse({ target: 'prod', resource: 'app' })).toEqual({
      bundle_dir: '.', target: 'prod', resource: 'app', variables: { version: 'model_version', model_id: 'model_id' }, extra_variables: {}, model_id_tag: 'model_id', auto_approve: false, cli: 'databricks', timeout: 1_200_000,
    });
  });

  test.each([
    [{ target: 'prod', resource: 'app', extra_variables: { model_version: '1' } }, 'model_version is set by agent-release to the released version or model id; leave it out'],
    [{ target: 'prod', resource: 'app', variables: { version: 'v', model_id: 'v' } }, 'the version and the model id need two different bundle variables'],
    [{ target: 'prod', resource: 'apps.app' }, "the app's key under resources.apps in databricks.yml, like support_agent_app"],
    [{ target: 'prod', resource: 'app', extra_varables: {} }, 'unknown key "extra_varables" (did you mean "extra_variables"?); valid keys: bundle_dir, target, resource, variables, extra_variables, model_id_tag, auto_approve, cli, timeout'],
  ])('rejects %j', (input, message) => {
    const result = appDeploySchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual([message]);
  });

  test('strategies other than all-at-once are refused for apps', () => {
    expect(appStrategyProblem('all-at-once')).toBeNull();
    expect(appStrategyProblem('blue-green')).toMatch(/^strategy blue-green is not available for the databricks-app target/);
  });

  test('logged model id and --var quoting', () => {
    expect(loggedModelId({ source: 'models:/m-abc123', tags: { model_id: 'm-other' } }, 'model_id')).toBe('m-abc123');
    expect(loggedModelId({ source: 'models:/main.agents.x/3', tags: {} }, 'model_id')).toBeNull();
    expect(varFlag('a', 'x=y')).toBe('--var=a=x=y');
    expect(varFlag('a', 'x,y')).toBe('--var="a=x,y"');
  });
});
