import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError, RemoteError } from '../../src/errors';
import { githubIdToken } from '../../src/github/id-token';

/**
 * A local server stands in for the runner's ID token service (ACTIONS_ID_TOKEN_REQUEST_URL), so
 * @actions/core's real getIDToken runs: it appends `&audience=`, sends the request token as a
 * bearer token and reads `{"value": ...}`.
 */
const requestToken = 'runner-request-token-abc123';
const idToken = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOmFjbWUvYWdlbnQifQ.sig';
const variables = ['ACTIONS_ID_TOKEN_REQUEST_URL', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'] as const;

let server: http.Server;
let url: string;
let seen: { path: string; authorization?: string }[];
let answer: { status: number; body: string };
let saved: Record<string, string | undefined>;
let stdout: string[];
let realWrite: typeof process.stdout.write;

beforeEach(async () => {
  seen = [];
  answer = { status: 200, body: JSON.stringify({ count: 1, value: idToken }) };
  server = http.createServer((req, res) => {
    seen.push({ path: req.url ?? '', authorization: req.headers.authorization });
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  saved = Object.fromEntries(variables.map((name) => [name, process.env[name]]));
  process.env.ACTIONS_ID_TOKEN_REQUEST_URL = `${url}/_apis/idtoken?api-version=2.0`;
  process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = requestToken;
  // @actions/core writes workflow commands (::add-mask::, ::debug::) to stdout; keep them to check the masking.
  stdout = [];
  realWrite = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, encodingOrDone?: unknown, done?: unknown) => {
    stdout.push(String(chunk));
    const callback = typeof encodingOrDone === 'function' ? encodingOrDone : done;
    if (typeof callback === 'function') setImmediate(callback as () => void);
    return true;
  }) as typeof process.stdout.write;
});

afterEach(async () => {
  process.stdout.write = realWrite;
  for (const name of variables) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

it('gets the token for the audience through @actions/core and masks it', async () => {
  expect(await githubIdToken('https://adb-1.2.azuredatabricks.net/oidc/v1/token')).toBe(idToken);
  expect(seen).toEqual([
    { path: '/_apis/idtoken?api-version=2.0&audience=https%3A%2F%2Fadb-1.2.azuredatabricks.net%2Foidc%2Fv1%2Ftoken', authorization: `Bearer ${requestToken}` },
  ]);
  expect(stdout).toContain(`::add-mask::${idToken}\n`);
  // The shells write the descriptor directly: the token comes back once what core queued is written.
  expect(stdout.at(-1)).toBe('');
});

it('says which permission is missing when the runner gave no token URL', async () => {
  delete process.env.ACTIONS_ID_TOKEN_REQUEST_URL;
  const error = await githubIdToken('aud').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as Error).message).toBe(
    'cannot request a GitHub OIDC token: ACTIONS_ID_TOKEN_REQUEST_URL is not set, so GitHub gives this job no OIDC token; add `permissions: id-token: write` to the job (or the workflow) that runs agent-release',
  );
  expect(seen).toEqual([]);
});

it('reports a refusal from the token service without the request token', async () => {
  answer = { status: 403, body: JSON.stringify({ message: 'Resource not accessible by integration' }) };
  const error = await githubIdToken('aud').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RemoteError);
  const message = (error as Error).message;
  expect(message).toBe('requesting a GitHub OIDC token for audience aud failed: Failed to get ID Token. Error Code : 403 Error Message: Resource not accessible by integration');
  expect(message).not.toContain(requestToken);
  expect(seen).toHaveLength(1);
});

it('reports an answer without a token', async () => {
  answer = { status: 200, body: JSON.stringify({ count: 0 }) };
  const error = await githubIdToken('aud').catch((e: unknown) => e);
  expect((error as Error).message).toBe('requesting a GitHub OIDC token for audience aud failed: Response json body do not have ID Token field');
});
