import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { systemClock } from '../../src/clock';
import { memoryLogger } from '../../src/logger';
import { MlflowRegistry } from '../../src/registry/mlflow';
import { MlflowApiError } from '../../src/mlflow/errors';
import { deadPort } from '../support/agent-server';
import { runActionBundle, runCliBundle } from '../support/bundle-under-test';
import { contextOf } from '../support/context';
import { recordPass } from '../support/decision-record';
import { mlflowStartTimeoutMs } from '../support/mlflow-server';
import { uniqueName, workerMlflowServer, type WorkerMlflowServer } from '../support/mlflow-worker';
import { leaksIn, plantSecret as secret, type Capture } from '../support/secret-scan';
import { makeWorkspace, type Workspace } from '../support/workspace';

// Runs the CLI and the action bundle with credentials set, against a real MLflow (which ignores
// them) and against servers that fail and echo the credentials back, captures everything they
// print and write, and fails if a credential shows up anywhere but a `::add-mask::` line.
// secret-scan-modes.test.ts runs every mode the same way, with secrets planted everywhere.

const token = secret('mlflow-token');
const username = 'release-bot';
const password = secret('mlflow-password');
const others = { DATABRICKS_TOKEN: secret('dapi'), DATABRICKS_CLIENT_SECRET: secret('dose'), AGENT_API_TOKEN: secret('agent-key') };
const githubToken = secret('ghs');
const secrets: Record<string, string> = {
  MLFLOW_TRACKING_TOKEN: token,
  MLFLOW_TRACKING_PASSWORD: password,
  'basic credentials': Buffer.from(`${username}:${password}`).toString('base64'),
  ...others,
  'github-token': githubToken,
};

const captures: Capture[] = [];

let server: WorkerMlflowServer;
let ws: Workspace;
let echo: EchoServer;
beforeAll(async () => {
  [server, ws, echo] = await Promise.all([workerMlflowServer(), makeWorkspace(), startEchoServer()]);
  await ws.write('.github/agent-release.yml', 'version: 1\nmodel: { name: "${MODEL_NAME}", registry: mlflow }\npromote: { alias: champion }\n');
}, mlflowStartTimeoutMs);
afterAll(async () => {
  await echo?.close();
  await ws?.cleanup();
}, 30_000);

const runner = { GITHUB_ACTOR: 'octocat', GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/support-agent', GITHUB_RUN_ID: '77', GITHUB_SHA: 'c0ffee' };
type Auth = 'token' | 'basic';
const authEnv = (auth: Auth): Record<string, string> => (auth === 'token' ? { MLFLOW_TRACKING_TOKEN: token } : { MLFLOW_TRACKING_USERNAME: username, MLFLOW_TRACKING_PASSWORD: password });

async function cli(name: string, args: string[], env: Record<string, string>): Promise<Capture> {
  const run = await runCliBundle(args, { cwd: ws.dir, env: { ...runner, ...others, AGENT_RELEASE_DEBUG: '1', ...env } });
  const capture = { run: `cli ${name}`, code: run.code, texts: { stdout: run.stdout, stderr: run.stderr } };
  captures.push(capture);
  return capture;
}

async function action(name: string, inputs: Record<string, string>, env: Record<string, string>): Promise<Capture> {
  const run = await runActionBundle({ 'github-token': githubToken, ...inputs }, { workspace: ws.dir, env: { ...runner, ...others, RUNNER_DEBUG: '1', ...env } });
  const capture = { run: `action ${name}`, code: run.code, texts: { stdout: run.stdout, stderr: run.stderr, GITHUB_OUTPUT: run.outputText, GITHUB_STEP_SUMMARY: run.summary } };
  captures.push(capture);
  return capture;
}

let models = 0;
async function modelWithCandidate(): Promise<string> {
  const model = uniqueName(`secrets-${++models}`);
  const reg = new MlflowRegistry({ trackingUri: server.url, auth: undefined, clock: systemClock });
  await reg.registerVersion(model, 's3://models/1', {});
  await reg.setAlias(model, 'champion', '1', undefined);
  await reg.registerVersion(model, 's3://models/2', {});
  await recordPass(contextOf('version: 1\nmodel: { name: "${MODEL_NAME}", registry: mlflow }\n', ws.dir, { env: { MODEL_NAME: model, MLFLOW_TRACKING_URI: server.url } }).ctx, '2', { champion: '1' });
  return model;
}

describe.each<Auth>(['token', 'basic'])('with MLflow credentials (%s) against a real MLflow server', (auth) => {
  it('registers, promotes, shows and rolls back through the CLI', async () => {
    const model = await modelWithCandidate();
    const env = { ...authEnv(auth), MODEL_NAME: model, MLFLOW_TRACKING_URI: server.url };
    expect((await cli('register', ['registry', 'register', '--source', 's3://models/3', '--tag', 'team=support'], env)).code).toBe(0);
    expect((await cli('promote', ['promote', '--model-version', '2'], env)).code).toBe(0);
    expect((await cli('show', ['registry', 'show', '--json'], env)).code).toBe(0);
    expect((await cli('rollback', ['rollback', '--model-version', '2'], env)).code).toBe(0);
    expect((await cli('refused promote', ['promote', '--model-version', '3', '--expected-version', '9'], env)).code).toBe(1);
  });

  it('promotes and rolls back through the action', async () => {
    const model = await modelWithCandidate();
    const env = { ...authEnv(auth), MODEL_NAME: model, MLFLOW_TRACKING_URI: server.url };
    const promoted = await action('promote', { mode: 'promote', 'model-version': '2' }, env);
    expect(promoted.code).toBe(0);
    expect(promoted.texts.GITHUB_OUTPUT).toContain('2');
    expect((await action('rollback', { mode: 'rollback', 'model-version': '2' }, env)).code).toBe(0);
    expect((await action('refused promote', { mode: 'promote', 'model-version': '2', 'expected-version': '9' }, env)).code).toBe(1);
  });
});

describe.each<Auth>(['token', 'basic'])('with MLflow credentials (%s) when the tracking server fails', (auth) => {
  it('keeps them out of the errors of a wrong URI, an unreachable server and servers that echo the request', async () => {
    const dead = `http://127.0.0.1:${await deadPort()}`;
    const cases: [string, string, number][] = [
      ['unreachable', dead, 1],
      ['wrong URI that echoes the request (404)', `${echo.url}/echo-404`, 1],
      ['rejected credentials (401, echoed)', `${echo.url}/unauthorized`, 1],
      ['missing permission (403, echoed)', `${echo.url}/forbidden`, 1],
      ['unavailable (503, echoed, retried)', `${echo.url}/unavailable`, 1],
      ['not MLflow (200, echoed, not JSON)', `${echo.url}/garbage`, 1],
    ];
    for (const [name, uri, code] of cases) {
      const env = { ...authEnv(auth), MODEL_NAME: 'support-agent', MLFLOW_TRACKING_URI: uri };
      expect([name, (await cli(`promote, ${name}`, ['promote', '--model-version', '2'], env)).code]).toEqual([name, code]);
      expect([name, (await cli(`show, ${name}`, ['registry', 'show'], env)).code]).toEqual([name, code]);
      expect([name, (await action(`promote, ${name}`, { mode: 'promote', 'model-version': '2' }, env)).code]).toEqual([name, code]);
    }
    // The credentials did reach the servers that echoed them: the scan below is not vacuous.
    const sent = auth === 'token' ? `Bearer ${token}` : `Basic ${secrets['basic credentials']}`;
    expect(echo.authorizations.has(sent)).toBe(true);
  }, 120_000);
});

describe('the MLflow registry itself', () => {
  it.each<Auth>(['token', 'basic'])('masks %s credentials a server echoes, in messages, the cause chain and retry log lines', async (auth) => {
    const logger = memoryLogger();
    const credentials = auth === 'token' ? { token } : { username, password };
    const fast = { attempts: 2, baseDelayMs: 1, maxDelayMs: 2 };
    for (const route of ['echo-404', 'unauthorized', 'forbidden', 'unavailable', 'garbage']) {
      const reg = new MlflowRegistry({ trackingUri: `${echo.url}/${route}`, auth: credentials, clock: systemClock, logger, retryPolicy: fast });
      const failures = await Promise.all([reg.getAlias('m', 'champion'), reg.setAlias('m', 'champion', '2', '1'), reg.listVersions('m')].map((p) => p.then(() => 'resolved', (e: unknown) => e)));
      for (const failure of failures) {
        expect(failure).toBeInstanceOf(MlflowApiError);
        captures.push({ run: `library ${auth} ${route}`, code: 1, texts: { error: inspect(failure, { depth: 8 }), log: logger.lines.join('\n') } });
      }
    }
    // The retry line quotes the server's answer, with the header it echoed masked whole.
    expect(logger.lines.some((l) => l.includes('upstream busy; got GET /unavailable/api/2.0/mlflow/registered-models/alias?name=m&alias=champion with Authorization: ***'))).toBe(true);
  });
});

describe('the captured output of every run above', () => {
  it('never contains a credential outside an ::add-mask:: line', () => {
    // Failures named the operation: the scan covers real error paths, not empty output.
    expect(captures.length).toBeGreaterThanOrEqual(2 * (5 + 3 + 18));
    expect(captures.some((c) => c.code === 1 && /TEMPORARILY_UNAVAILABLE|UNAUTHENTICATED/.test(Object.values(c.texts).join('\n')))).toBe(true);
    expect(leaksIn(captures, secrets)).toEqual([]);
  });
});

interface EchoServer {
  url: string;
  /** Every Authorization header received. */
  authorizations: Set<string>;
  close(): Promise<void>;
}

/**
 * Answers every request by the first path segment, and puts the request's Authorization header
 * into the answer, as some proxies and misconfigured servers do.
 */
async function startEchoServer(): Promise<EchoServer> {
  const authorizations = new Set<string>();
  const srv = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const authorization = req.headers.authorization ?? '';
      authorizations.add(authorization);
      const seen = `${req.method} ${req.url} with Authorization: ${authorization}`;
      const envelope = (code: string): string => JSON.stringify({ error_code: code, message: `refused ${seen}` });
      switch (req.url?.split('/')[1]) {
        case 'unauthorized':
          return res.writeHead(401, { 'content-type': 'application/json' }).end(envelope('UNAUTHENTICATED'));
        case 'forbidden':
          return res.writeHead(403, { 'content-type': 'application/json' }).end(envelope('PERMISSION_DENIED'));
        case 'unavailable':
          return res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '0' }).end(`upstream busy; got ${seen}`);
        case 'garbage':
          return res.writeHead(200, { 'content-type': 'text/plain' }).end(`hello ${authorization}`);
        default:
          return res.writeHead(404, { 'content-type': 'text/plain' }).end(`no route; got ${seen}`);
      }
    });
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`,
    authorizations,
    close: () =>
      new Promise<void>((resolve) => {
        srv.closeAllConnections();
        srv.close(() => resolve());
      }),
  };
}
