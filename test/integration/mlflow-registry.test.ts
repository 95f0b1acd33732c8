import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { systemClock } from '../../src/clock';
import { ConfigError, InputError, RemoteError } from '../../src/errors';
import { memoryLogger } from '../../src/logger';
import { MlflowRegistry, mlflowAuthFromEnv, registerRequestTag, type MlflowAuth } from '../../src/registry/mlflow';
import { MlflowApiError } from '../../src/mlflow/errors';
import { AliasConflictError } from '../../src/registry/types';
import { useProxies } from '../../src/http/client';
import { noProxies, proxyFromEnv } from '../../src/http/proxy';
import { deadPort } from '../support/agent-server';
import { startForwardProxy, type ForwardProxy } from '../support/forward-proxy';
import { mlflowStartTimeoutMs, startMlflowServer } from '../support/mlflow-server';
import { groupAlive, sleep, spawnServerGroup } from '../support/server-process';
import { uniqueName, workerMlflowServer, type WorkerMlflowServer } from '../support/mlflow-worker';

// The worker's real MLflow server; every test works on its own model name.
let server: WorkerMlflowServer;
beforeAll(async () => {
  server = await workerMlflowServer();
}, mlflowStartTimeoutMs);

const fastRetries = { attempts: 4, baseDelayMs: 5, maxDelayMs: 20, deadlineMs: 10_000 };
let modelCount = 0;
const newModel = (): string => uniqueName(`agent-${++modelCount}`);

function registry(overrides: Partial<ConstructorParameters<typeof MlflowRegistry>[0]> = {}): MlflowRegistry {
  return new MlflowRegistry({ trackingUri: server.url, auth: undefined, clock: systemClock, retryPolicy: fastRetries, ...overrides });
}

/** The error a promise rejects with; fails the test if it resolves. */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(Error);
  return outcome.error as Error;
}

const notFoundHint = 'check model.name in the config and the version number (agent-release registry show lists the versions)';

describe('MLflow registry against a real tracking server', () => {
  it('registers versions (creating the model), reads and lists them with tags and aliases', async () => {
    const reg = registry();
    const model = newModel();
    const v1 = await reg.registerVersion(model, 's3://models/agent/1', { team: 'support' });
    const v2 = await reg.registerVersion(model, 's3://models/agent/2', {});
    expect(v1).toMatchObject({ name: model, version: '1', source: 's3://models/agent/1', status: 'READY', aliases: [] });
    expect(v1.tags).toMatchObject({ team: 'support', [registerRequestTag]: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(Date.parse(v1.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(v2.version).toBe('2');

    await reg.setAlias(model, 'champion', '1', null);
    await reg.setVersionTags(model, '2', { 'agent_release.gate.decision': 'pass', note: 'first' });
    await reg.setVersionTags(model, '2', { note: 'second' });

    expect(await reg.getVersion(model, '1')).toMatchObject({ version: '1', aliases: ['champion'], tags: { team: 'support' } });
    expect((await reg.getVersion(model, '2'))?.tags).toMatchObject({ 'agent_release.gate.decision': 'pass', note: 'second' });
    expect(await reg.getVersion(model, '3')).toBeUndefined();
    const listed = await reg.listVersions(model);
    expect(listed.map((v) => [v.version, v.aliases, v.source])).toEqual([
      ['1', ['champion'], 's3://models/agent/1'],
      ['2', [], 's3://models/agent/2'],
    ]);
  });

  it('reads an unset alias, and any alias of a missing model, as null', async () => {
    const reg = registry();
    const model = newModel();
    await reg.registerVersion(model, 's3://models/a', {});
    expect(await reg.getAlias(model, 'champion')).toBeNull();
    expect(await reg.getAlias(`${model}-missing`, 'champion')).toBeNull();
    expect(await reg.listAliases(`${model}-missing`)).toEqual({});
    expect(await reg.listVersions(`${model}-missing`)).toEqual([]);
    expect([await reg.modelExists(model), await reg.modelExists(`${model}-missing`)]).toEqual([true, false]);
    await reg.setAlias(model, 'staging', '1', undefined);
    expect(await reg.getAlias(model, 'staging')).toBe('1');
    expect(await reg.listAliases(model)).toEqual({ staging: '1' });
  });

  it('compare-and-set refuses when the alias moved and changes nothing; re-setting converges', async () => {
    const reg = registry();
    const model = newModel();
    for (const n of [1, 2, 3]) await reg.registerVersion(model, `s3://models/${n}`, {});
    await reg.setAlias(model, 'champion', '1', null);
    const before = await reg.listVersions(model);

    await expect(reg.setAlias(model, 'champion', '3', '2')).rejects.toThrow(AliasConflictError);
    await expect(reg.setAlias(model, 'champion', '3', null)).rejects.toThrow(`@champion on ${model} is held by version 1, not unset as expected; someone else moved it since`);
    expect(await reg.listVersions(model)).toEqual(before);

    await reg.setAlias(model, 'champion', '3', '1');
    expect(await reg.getAlias(model, 'champion')).toBe('3');
    // Same alias, same version again: a no-op success whatever was expected, and plain re-sets are idempotent.
    await reg.setAlias(model, 'champion', '3', '1');
    await reg.setAlias(model, 'champion', '3', undefined);
    await reg.setAlias(model, 'champion', '3', undefined);
    expect(await reg.listAliases(model)).toEqual({ champion: '3' });
    expect((await reg.listVersions(model)).map((v) => v.aliases)).toEqual([[], [], ['champion']]);
  });

  it('deletes an alias with the same compare-and-set rules', async () => {
    const reg = registry();
    const model = newModel();
    for (const n of [1, 2]) await reg.registerVersion(model, `s3://models/${n}`, {});
    await reg.setAlias(model, 'champion', '2', null);
    await expect(reg.deleteAlias(model, 'champion', '1')).rejects.toThrow('@champion on');
    expect(await reg.getAlias(model, 'champion')).toBe('2');
    await reg.deleteAlias(model, 'champion', '2');
    expect(await reg.getAlias(model, 'champion')).toBeNull();
    await reg.deleteAlias(model, 'champion', '2');
    await reg.deleteAlias(model, 'champion');
  });

  it('pages through search results', async () => {
    const logger = memoryLogger();
    const reg = registry({ pageSize: 2, logger });
    const model = newModel();
    for (let n = 1; n <= 5; n++) await reg.registerVersion(model, `s3://models/${n}`, { n: String(n) });
    // A version of another model whose name shares the prefix must not leak in.
    await reg.registerVersion(`${model}0`, 's3://models/other', {});
    await reg.setAlias(model, 'champion', '4', null);
    logger.lines.length = 0;
    const versions = await reg.listVersions(model);
    expect(versions.map((v) => v.version)).toEqual(['1', '2', '3', '4', '5']);
    expect(versions.map((v) => v.tags.n)).toEqual(['1', '2', '3', '4', '5']);
    expect(versions[3]?.aliases).toEqual(['champion']);
    // registered-models/get for the aliases, then three pages of two.
    expect(logger.lines.filter((l) => l === `debug: registry.mlflow: list versions on ${model}`)).toHaveLength(4);
  });

  it('names the operation, model, version, MLflow code and message when a model or version does not exist', async () => {
    const reg = registry();
    const model = newModel();
    await expect(reg.setAlias(model, 'champion', '1', undefined)).rejects.toThrow(
      `set alias @champion on ${model} v1: RESOURCE_DOES_NOT_EXIST: Model Version (name=${model}, version=1) not found; ${notFoundHint}`,
    );
    await expect(reg.setVersionTags(model, '1', { 'agent_release.gate.decision': 'pass' })).rejects.toThrow(
      `set tag agent_release.gate.decision on ${model} v1: RESOURCE_DOES_NOT_EXIST: Model Version (name=${model}, version=1) not found; ${notFoundHint}`,
    );
    await expect(reg.deleteAlias(model, 'champion')).rejects.toThrow(
      `delete alias @champion on ${model}: RESOURCE_DOES_NOT_EXIST: Registered Model with name=${model} not found; ${notFoundHint}`,
    );
    await expect(reg.setVersionTags(model, '1', {})).rejects.toThrow(`${model} has no version 1 in the MLflow registry at ${server.url}`);
    await expect(reg.getVersion(model, 'x1')).rejects.toThrow(`read version on ${model} vx1: INVALID_PARAMETER_VALUE: Parameter 'version' must be an integer, got 'x1'.`);
    expect(await reg.getVersion(model, '1')).toBeUndefined();

    const error = await rejection(reg.setAlias(model, 'champion', '1', undefined));
    expect(error).toBeInstanceOf(MlflowApiError);
    expect(error).toBeInstanceOf(RemoteError);
    expect(error).toMatchObject({ errorCode: 'RESOURCE_DOES_NOT_EXIST', status: 404, outcomeUnknown: false });
  });

  it('keeps a long MLflow message readable and never dumps HTML', async () => {
    const reg = registry();
    const model = newModel();
    // MLflow 3.17 refuses host-addressed sources; its message is long, and kept whole up to its advice.
    await expect(reg.registerVersion(model, 'http://agent.internal/v1', {})).rejects.toThrow(
      new RegExp(
        `^register version on ${model}: INVALID_PARAMETER_VALUE: 'source' cannot use the 'http' scheme: the 'http' scheme addresses a host other than .*Set the MLFLOW_ALLOWED_HOST_ADDRESSED_ARTIFACT_SCHEMES environment variable on the server to allow it\\.$`,
      ),
    );
    // The model was created; no version was.
    expect(await reg.listVersions(model)).toEqual([]);

    const wrongPrefix = registry({ trackingUri: `${server.url}/not-mlflow` });
    const error = await rejection(wrongPrefix.getAlias(model, 'champion'));
    expect(error).toBeInstanceOf(MlflowApiError);
    expect(error.message).toBe(
      `read alias @champion on ${model}: ENDPOINT_NOT_FOUND: HTTP 404 (HTML error page); no MLflow REST API answered at ${server.url}/not-mlflow: check the tracking URI (aliases need MLflow >= 2.3)`,
    );
  });

  it('checks alias names and configuration before any call', async () => {
    const reg = registry();
    for (const alias of ['latest', 'LATEST', 'v3', 'V12']) {
      await expect(reg.getAlias('m', alias)).rejects.toThrow(`alias "${alias}" is reserved by MLflow`);
    }
    await expect(reg.setAlias('m', 'bad alias', '1', null)).rejects.toThrow(InputError);
    await expect(reg.setAlias('m', '', '1', null)).rejects.toThrow('alias "" is not a valid MLflow alias');
    expect(await reg.getAlias('m', 'v1a')).toBeNull();

    expect(() => registry({ trackingUri: 'databricks' })).toThrow('the MLflow tracking URI "databricks" must be http(s)://host[:port][/prefix]; for Databricks use registry: unity-catalog');
    expect(() => registry({ trackingUri: 'http://user:secret@example.com' })).toThrow(ConfigError);
    expect(() => registry({ trackingUri: 'http://user:secret@example.com' })).not.toThrow(/secret/);
    expect(() => registry({ auth: { token: '' } })).toThrow('the MLflow token is empty');
    expect(mlflowAuthFromEnv({ MLFLOW_TRACKING_TOKEN: 't' })).toEqual({ token: 't' });
    expect(mlflowAuthFromEnv({ MLFLOW_TRACKING_TOKEN: 't', MLFLOW_TRACKING_USERNAME: 'u', MLFLOW_TRACKING_PASSWORD: 'p' })).toEqual({ username: 'u', password: 'p' });
    expect(() => mlflowAuthFromEnv({ MLFLOW_TRACKING_USERNAME: 'u' })).toThrow('MLFLOW_TRACKING_PASSWORD is not set but MLFLOW_TRACKING_USERNAME is');
    expect(mlflowAuthFromEnv({})).toBeUndefined();
  });

  it('says when the tracking server cannot be reached', async () => {
    const port = await deadPort();
    const reg = registry({ trackingUri: `http://127.0.0.1:${port}` });
    await expect(reg.getAlias('m', 'champion')).rejects.toThrow(
      `read alias @champion on m: ECONNREFUSED: the tracking server could not be reached; is the MLflow tracking server at http://127.0.0.1:${port} running and reachable?; gave up after 4 attempts`,
    );
  });
});

describe('MLflow registry behind a forward proxy', () => {
  let proxy: ForwardProxy;
  beforeAll(async () => {
    proxy = await startForwardProxy({ credentials: 'ops:right' });
  });
  afterAll(async () => {
    useProxies(noProxies);
    await proxy.close();
  });
  // Only the proxy resolves this name: an answer came through it.
  const proxiedUri = () => `http://mlflow.proxied.test:${new URL(server.url).port}`;

  // (Reaching it through the proxy would need the server started with --allowed-hosts: MLflow
  // answers 403 to a Host header it does not know, against DNS rebinding.)
  it('stops at once, saying what to change, when the proxy refuses the credentials', async () => {
    const model = newModel();
    useProxies(proxyFromEnv({ HTTP_PROXY: proxy.url.replace('http://', 'http://ops:wrong@') }));
    const refusedBefore = proxy.refused;
    await expect(registry({ trackingUri: proxiedUri() }).getAlias(model, 'champion')).rejects.toThrow(
      new RegExp(`^read alias @champion on ${model}: PROXY_REFUSED: the proxy at ${new URL(proxy.url).host} answered 407 to CONNECT: it did not accept the credentials; give them in HTTP_PROXY in the URL as user:password@ before the host, percent-encoded \\(Basic authentication\\)$`),
    );
    expect(proxy.refused - refusedBefore).toBe(1);
  });
});

describe('MLflow registry with faults between client and server', () => {
  it('retries idempotent calls through 503s and resets', async () => {
    const model = newModel();
    await registry().registerVersion(model, 's3://models/1', {});
    let posts = 0;
    const faults: Fault[] = ['unavailable', 'drop-response'];
    const proxy = await startProxy(server.url, (req) => (req.method === 'POST' ? faults[posts++] : undefined));
    try {
      const reg = registry({ trackingUri: proxy.url });
      await reg.setAlias(model, 'champion', '1', null);
      await reg.setVersionTags(model, '1', { k: 'v' });
      // A 503 (not applied), then a dropped answer (applied) that the re-read before a third try
      // finds, so no third alias write; then one set-tag.
      expect(posts).toBe(3);
      expect(await registry().getVersion(model, '1')).toMatchObject({ aliases: ['champion'], tags: { k: 'v' } });
    } finally {
      await proxy.close();
    }
  });

  it('does not register twice when the answer to a create is lost: it finds the version by its request tag', async () => {
    const model = newModel();
    await registry().registerVersion(model, 's3://models/1', {});
    let creates = 0;
    // The server creates the version, then the connection drops before the answer arrives.
    const proxy = await startProxy(server.url, (req) => (req.url?.endsWith('model-versions/create') && creates++ === 0 ? 'drop-response' : undefined));
    try {
      const logger = memoryLogger();
      const created = await registry({ trackingUri: proxy.url, logger }).registerVersion(model, 's3://models/2', { run: 'r2' });
      expect(created).toMatchObject({ version: '2', source: 's3://models/2', tags: { run: 'r2' } });
      expect(creates).toBe(1);
      expect(logger.lines.some((l) => l.includes('the answer was lost') && l.includes('version 2 was created'))).toBe(true);
      expect((await registry().listVersions(model)).map((v) => v.version)).toEqual(['1', '2']);
    } finally {
      await proxy.close();
    }
  });

  it('sends a create again when the re-read shows it never reached the server', async () => {
    const model = newModel();
    await registry().registerVersion(model, 's3://models/1', {});
    let creates = 0;
    const proxy = await startProxy(server.url, (req) => (req.url?.endsWith('model-versions/create') && creates++ === 0 ? 'drop-request' : undefined));
    try {
      const created = await registry({ trackingUri: proxy.url }).registerVersion(model, 's3://models/2', {});
      expect(created.version).toBe('2');
      expect(creates).toBe(2);
      expect((await registry().listVersions(model)).map((v) => v.source)).toEqual(['s3://models/1', 's3://models/2']);
    } finally {
      await proxy.close();
    }
  });

  it('gives up on a create whose outcome stays unknown, saying that no version was found', async () => {
    const model = newModel();
    await registry().registerVersion(model, 's3://models/1', {});
    const proxy = await startProxy(server.url, (req) => (req.url?.endsWith('model-versions/create') ? 'bad-gateway' : undefined));
    try {
      const error = await rejection(registry({ trackingUri: proxy.url }).registerVersion(model, 's3://models/2', {}));
      expect(error).toBeInstanceOf(MlflowApiError);
      expect(error.message).toMatch(
        new RegExp(`^register version on ${model}: TEMPORARILY_UNAVAILABLE: HTTP 502 upstream down; no version tagged ${registerRequestTag}=[0-9a-f-]{36} was found after 4 attempts \\(check with agent-release registry show before registering again\\)$`),
      );
      expect((await registry().listVersions(model)).map((v) => v.version)).toEqual(['1']);
    } finally {
      await proxy.close();
    }
  });
});

describe('MLflow registry credentials', () => {
  const cases: [string, MlflowAuth | undefined, string | undefined, string][] = [
    ['bearer token', { token: 'tok-123' }, 'Bearer tok-123', 'the tracking server rejected the token in MLFLOW_TRACKING_TOKEN: check that it is current and issued for this server'],
    [
      'basic auth',
      { username: 'ci', password: 'pa:ss' },
      `Basic ${Buffer.from('ci:pa:ss').toString('base64')}`,
      'the tracking server rejected user "ci" (MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD): check the password, and that the user exists on this server',
    ],
    ['no credentials', undefined, undefined, 'the tracking server rejected the credentials: set MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD'],
  ];
  it.each(cases)('sends %s in the Authorization header and never in messages, and says what a refusal means for it', async (_name, auth, header, hint) => {
    const recorder = await startRecorder();
    try {
      const logger = memoryLogger();
      const reg = registry({ trackingUri: `${recorder.url}/prefix/`, auth, logger });
      expect(await reg.getAlias('m', 'champion')).toBe('7');
      expect(recorder.requests[0]).toMatchObject({ method: 'GET', url: '/prefix/api/2.0/mlflow/registered-models/alias?name=m&alias=champion' });
      expect(recorder.requests[0]?.authorization).toBe(header);

      recorder.reject = true;
      const error = await rejection(reg.setAlias('m', 'champion', '8', undefined));
      expect(error.message).toBe(
        `set alias @champion on m v8: UNAUTHENTICATED: Credentials were not supplied; ${hint}`,
      );
      expect(recorder.requests.at(-1)).toMatchObject({ method: 'POST', body: { name: 'm', alias: 'champion', version: '8' } });
      const everything = JSON.stringify([error.message, error.stack, logger.lines]);
      expect(everything).not.toContain('tok-123');
      expect(everything).not.toContain('pa:ss');
    } finally {
      await recorder.close();
    }
  });
});

interface Recorded {
  method: string;
  url: string;
  authorization: string | undefined;
  body: unknown;
}

/** A stand-in that records what the client sends and answers like MLflow (200, or a 401 envelope). */
async function startRecorder(): Promise<{ url: string; requests: Recorded[]; reject: boolean; close(): Promise<void> }> {
  const state = { requests: [] as Recorded[], reject: false };
  const srv = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      state.requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body: raw ? JSON.parse(raw) : undefined });
      res.setHeader('content-type', 'application/json');
      if (state.reject) {
        res.writeHead(401).end(JSON.stringify({ error_code: 'UNAUTHENTICATED', message: 'Credentials were not supplied' }));
      } else {
        res.end(JSON.stringify({ model_version: { name: 'm', version: '7', status: 'READY', aliases: ['champion'] } }));
      }
    });
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  return Object.assign(state, {
    url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => srv.close(() => resolve())),
  });
}

type Fault = 'drop-request' | 'drop-response' | 'unavailable' | 'bad-gateway' | undefined;

/**
 * An HTTP proxy in front of the real server that can fail a request: drop it unsent, forward it
 * and drop the answer (the server acted, the client never hears), or answer 503/502 itself.
 */
async function startProxy(upstream: string, fault: (req: http.IncomingMessage) => Fault): Promise<{ url: string; close(): Promise<void> }> {
  const srv = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const f = fault(req);
      if (f === 'drop-request') return req.socket.destroy();
      if (f === 'unavailable') return res.writeHead(503, { 'retry-after': '0' }).end('Service Unavailable');
      if (f === 'bad-gateway') return res.writeHead(502).end('upstream down');
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'connection') headers[k] = v;
      fetch(`${upstream}${req.url}`, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined })
        .then(async (up) => {
          const body = await up.text();
          if (f === 'drop-response') return req.socket.destroy();
          res.writeHead(up.status, { 'content-type': up.headers.get('content-type') ?? 'application/json' }).end(body);
        })
        .catch(() => req.socket.destroy());
    });
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        srv.closeAllConnections();
        srv.close(() => resolve());
      }),
  };
}

describe('the MLflow test server', () => {
  it('fails loudly with the server output when MLflow cannot start, leaving nothing behind', async () => {
    // A temp root of its own: other workers start and stop servers meanwhile.
    const tempRoot = await mkdtemp(path.join(os.tmpdir(), 'agent-release-bad-mlflow-'));
    try {
      const error = await rejection(startMlflowServer({ args: ['--backend-store-uri', 'nosuchscheme://x'], tempRoot }));
      expect(await readdir(tempRoot)).toEqual([]);
      expect(error.message).toMatch(/^mlflow server exited with 1 before answering http:\/\/127\.0\.0\.1:\d+\/health\. Its output ends:\n/);
      expect(error.message).toContain("got unsupported URI 'nosuchscheme://x'");
    } finally {
      await rm(tempRoot, { recursive: true, force: true });
    }
  }, 60_000);

  it('ends with the process that started it, and takes its directories along', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'agent-release-server-group-'));
    // A long sleep stands in for the server; `sleep` and a shell start it in the same group.
    const child = spawnServerGroup('bash', ['-c', 'sleep 600 & sleep 600'], { cwd: os.tmpdir(), removeWith: [dir] });
    const group = child.pid as number;
    try {
      await sleep(200);
      expect(groupAlive(group)).toBe(true);
      // What the end of this process does, however it ends (a worker's SIGKILL too): its end of the pipe closes.
      child.stdin?.destroy();
      for (let i = 0; i < 100 && groupAlive(group); i++) await sleep(50);
      expect(groupAlive(group)).toBe(false);
      expect(existsSync(dir)).toBe(false);
    } finally {
      if (groupAlive(group)) process.kill(-group, 'SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  });
});
