import { ConfigError, RemoteError } from '../../src/errors';
import { sendOnce } from '../../src/http/client';
import type { Credentials } from '../../src/http/credentials';
import { memoryLogger } from '../../src/logger';
import { databricksCredentialsFromEnv, DatabricksAuthError, normaliseHost, type DatabricksAuthDeps, type Environment } from '../../src/databricks/auth';
import { startDatabricksFake, type DatabricksFake } from '../support/databricks-fake';
import { FakeOAuthService, unsignedJwt, type FederationPolicy } from '../support/databricks-fake-oauth';
import { fakeClock } from '../support/fake-clock';

const clientId = '6a1f0c3e-0000-4000-8000-00000000c1d0';
const clientSecret = 'dose-s3cr3t-0123456789abcdef';
const githubIssuer = 'https://token.actions.githubusercontent.com';
const subject = 'repo:acme/support-agent:environment:production';
const runtimeUrl = 'http://runner.invalid/idtoken?api-version=2.0';

/** Everything any test handed to onSecret, logged, or threw: the last test checks none leaks. */
const seenSecrets = new Set<string>();
const seenText: string[] = [];

interface Harness {
  fake: DatabricksFake;
  oauth: FakeOAuthService;
  clock: ReturnType<typeof fakeClock>;
  deps: DatabricksAuthDeps;
  secrets: string[];
  audiences: string[];
  /** The claims the next GitHub ID tokens carry; tests break them to provoke refusals. */
  claims: Record<string, unknown>;
}

let h: Harness;
let logger: ReturnType<typeof memoryLogger>;

async function start(policies: FederationPolicy[] = [{ clientId, issuer: githubIssuer, audiences: [], subject }], options: { omitExpiresIn?: boolean } = {}): Promise<void> {
  const clock = fakeClock();
  const oauth = new FakeOAuthService({ now: clock.now, clients: { [clientId]: clientSecret }, policies, ...options });
  const fake = await startDatabricksFake({ services: [oauth] });
  for (const p of policies) if (p.audiences.length === 0) p.audiences.push(`${fake.url}/oidc/v1/token`);
  logger = memoryLogger();
  const secrets: string[] = [];
  const audiences: string[] = [];
  const deps: DatabricksAuthDeps = {
    clock,
    logger,
    onSecret: (value) => {
      secrets.push(value);
      seenSecrets.add(value);
    },
    getIdToken: async (audience) => {
      audiences.push(audience);
      return unsignedJwt({ aud: audience, exp: Math.floor(clock.now() / 1000) + 300, jti: String(audiences.length), ...h.claims });
    },
    random: () => 0.5,
  };
  h = { fake, oauth, clock, deps, secrets, audiences, claims: { iss: githubIssuer, sub: subject } };
}

afterEach(async () => {
  seenText.push(...logger.lines);
  await h.fake.close();
});

function connect(env: Environment): Credentials {
  return databricksCredentialsFromEnv(env, h.deps).credentials;
}

/** A workspace call the way a client makes one: a 401 drops the refused token and tries once more. */
async function listVolume(credentials: Credentials): Promise<number> {
  const url = `${h.fake.url}/api/2.0/fs/directories/Volumes/main/agents/releases`;
  for (let attempt = 1; ; attempt++) {
    const authorization = await credentials.authorization();
    const res = await sendOnce({ method: 'GET', url, headers: { authorization }, timeoutMs: 5_000 });
    if (res.status !== 401 || attempt === 2) return res.status;
    (credentials.invalidate as (refused?: string) => void)(authorization);
  }
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof Error)) throw new Error('expected a rejection');
  seenText.push(error.message);
  return error;
}

const tokenRequests = (): number => h.fake.requests.filter((r) => r.path === '/oidc/v1/token').length;
const m2mEnv = (): Environment => ({ DATABRICKS_HOST: h.fake.url, DATABRICKS_CLIENT_ID: clientId, DATABRICKS_CLIENT_SECRET: clientSecret });
const oidcEnv = (extra: Environment = {}): Environment => ({ DATABRICKS_HOST: h.fake.url, DATABRICKS_CLIENT_ID: clientId, ACTIONS_ID_TOKEN_REQUEST_URL: runtimeUrl, ...extra });

describe('personal access token', () => {
  beforeEach(() => start());

  it('sends the token as a bearer token and the workspace accepts it', async () => {
    const credentials = connect({ DATABRICKS_HOST: h.fake.url, DATABRICKS_TOKEN: 'dapi-test-token' });
    expect(await credentials.authorization()).toBe('Bearer dapi-test-token');
    expect(await listVolume(credentials)).toBe(200);
    expect(h.secrets).toEqual(['dapi-test-token']);
    expect(credentials.description).toBe('Databricks personal access token (DATABRICKS_TOKEN)');
  });
});

describe('OAuth M2M', () => {
  beforeEach(() => start());

  it('gets a token with the client credentials grant and the workspace accepts it', async () => {
    const credentials = connect(m2mEnv());
    expect(await listVolume(credentials)).toBe(200);
    expect(h.oauth.grants).toEqual([{ grantType: 'client_credentials', clientId, accessToken: expect.stringMatching(/^eyJfake-/) }]);
    const issued = h.oauth.grants[0]?.accessToken ?? '';
    expect(await credentials.authorization()).toBe(`Bearer ${issued}`);
    expect(h.secrets).toEqual([clientSecret, Buffer.from(`${clientId}:${clientSecret}`).toString('base64'), issued]);
    expect(tokenRequests()).toBe(1);
  });

  it('keeps the token until five minutes before expiry, then fetches a new one', async () => {
    const credentials = connect(m2mEnv());
    const first = await credentials.authorization();
    await h.clock.sleep(3_600_000 - 300_000 - 1);
    expect(await credentials.authorization()).toBe(first);
    await h.clock.sleep(1);
    const second = await credentials.authorization();
    expect(second).not.toBe(first);
    expect(tokenRequests()).toBe(2);
    await h.clock.sleep(300_000);
    // The first token has now expired on the server side too.
    const stale = await sendOnce({ method: 'GET', url: `${h.fake.url}/api/2.0/fs/directories/Volumes/main/agents/releases`, headers: { authorization: first }, timeoutMs: 5_000 });
    expect(stale.status).toBe(401);
    expect(await listVolume(credentials)).toBe(200);
  });

  it('keeps a token whose answer states no expires_in until the workspace refuses it', async () => {
    await h.fake.close();
    await start(undefined, { omitExpiresIn: true });
    const credentials = connect(m2mEnv());
    const first = await credentials.authorization();
    expect(await listVolume(credentials)).toBe(200);
    await h.clock.sleep(3_600_000);
    // Expired on the server: the 401 drops it and one new token is fetched.
    expect(await listVolume(credentials)).toBe(200);
    expect(await credentials.authorization()).not.toBe(first);
    expect(tokenRequests()).toBe(2);
    expect(logger.lines).toContain(`debug: ${credentials.description}: got an access token valid for an unstated time (kept until the workspace refuses it)`);
  });

  it('shares one token request between concurrent callers', async () => {
    const credentials = connect(m2mEnv());
    const headers = await Promise.all(Array.from({ length: 20 }, () => credentials.authorization()));
    expect(new Set(headers).size).toBe(1);
    expect(tokenRequests()).toBe(1);
  });

  it('fetches again after invalidate(), but only once for a burst of 401s on the same old token', async () => {
    const credentials = connect(m2mEnv());
    const first = await credentials.authorization();
    credentials.invalidate();
    const second = await credentials.authorization();
    expect(second).not.toBe(first);
    (credentials.invalidate as (refused?: string) => void)(first);
    expect(await credentials.authorization()).toBe(second);
    expect(tokenRequests()).toBe(2);
  });

  it('waits out a 429 with Retry-After, then succeeds', async () => {
    h.fake.failNext({ status: 429, pathIncludes: '/oidc/v1/token', retryAfter: '7' });
    const credentials = connect(m2mEnv());
    expect(await listVolume(credentials)).toBe(200);
    expect(h.clock.sleeps).toEqual([7_000]);
    expect(h.fake.requests.filter((r) => r.path === '/oidc/v1/token').map((r) => r.status)).toEqual([429, 200]);
    expect(logger.lines.some((l) => l.startsWith(`debug: POST ${h.fake.url}/oidc/v1/token: attempt 1 failed`))).toBe(true);
  });

  it('refuses a wrong client secret at once, naming the variables to check', async () => {
    const credentials = connect({ ...m2mEnv(), DATABRICKS_CLIENT_SECRET: 'dose-wrong-secret' });
    const error = await failure(credentials.authorization());
    expect(error).toBeInstanceOf(DatabricksAuthError);
    expect(error.message).toBe(
      `Databricks OAuth M2M (service principal ${clientId}): requesting an access token from ${h.fake.url}/oidc/v1/token failed: invalid_client: Client authentication failed; ` +
        `check DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET: the secret must be a current OAuth secret of service principal ${clientId} in this workspace's account`,
    );
    expect(tokenRequests()).toBe(1);
    // A failed fetch is not cached: the next call asks again.
    await failure(credentials.authorization());
    expect(tokenRequests()).toBe(2);
  });

  it('gives up on an endpoint that keeps failing, with the attempts counted', async () => {
    h.fake.failNext(...Array.from({ length: 4 }, () => ({ status: 503, pathIncludes: '/oidc/v1/token' })));
    const error = await failure(connect(m2mEnv()).authorization());
    expect(error.message).toBe(
      `Databricks OAuth M2M (service principal ${clientId}): requesting an access token from ${h.fake.url}/oidc/v1/token failed (4 attempts): TEMPORARILY_UNAVAILABLE: Injected fault (503).; the endpoint is overloaded or failing; try again later`,
    );
    expect(h.clock.sleeps).toHaveLength(3);
  });
});

describe('workload identity federation from GitHub Actions', () => {
  beforeEach(() => start());

  it('exchanges a GitHub token issued for the token endpoint and the workspace accepts the result', async () => {
    const credentials = connect(oidcEnv());
    expect(await listVolume(credentials)).toBe(200);
    expect(h.audiences).toEqual([`${h.fake.url}/oidc/v1/token`]);
    expect(h.oauth.grants).toEqual([{ grantType: 'urn:ietf:params:oauth:grant-type:token-exchange', clientId, accessToken: expect.any(String) }]);
    expect(h.fake.requests.find((r) => r.path === '/oidc/v1/token')?.authorization).toBeUndefined();
    expect(h.secrets).toHaveLength(2);
  });

  it('asks GitHub for DATABRICKS_TOKEN_AUDIENCE when set', async () => {
    await h.fake.close();
    await start([{ clientId, issuer: githubIssuer, audiences: ['1234-account-id'], subject }]);
    expect(await listVolume(connect(oidcEnv({ DATABRICKS_TOKEN_AUDIENCE: '1234-account-id' })))).toBe(200);
    expect(h.audiences).toEqual(['1234-account-id']);
  });

  it('omits client_id for an account-wide policy', async () => {
    await h.fake.close();
    await start([{ issuer: githubIssuer, audiences: [], subject }]);
    const credentials = connect({ ...oidcEnv(), DATABRICKS_CLIENT_ID: undefined, DATABRICKS_AUTH_TYPE: 'github-oidc' });
    expect(await listVolume(credentials)).toBe(200);
    expect(h.oauth.grants[0]?.clientId).toBeUndefined();
  });

  it('gets a new GitHub token for every exchange when the access token runs out', async () => {
    const credentials = connect(oidcEnv());
    const first = await credentials.authorization();
    await h.clock.sleep(150_000); // the fake caps the access token at the ID token's 300 s, so refresh at half-life
    const second = await credentials.authorization();
    expect(second).not.toBe(first);
    expect(h.audiences).toHaveLength(2);
    expect(h.secrets).toHaveLength(4);
  });

  it.each([
    ['audience', { aud: 'api://AzureADTokenExchange' }, 'The token audience does not match the federation policy.', 'api://AzureADTokenExchange'],
    ['issuer', { iss: 'https://gitlab.example.com' }, 'The token issuer is not trusted by the federation policy.', undefined],
  ])('explains a refused exchange (wrong %s)', async (_what, wrong, description, aud) => {
    h.claims = { ...h.claims, ...wrong };
    const error = await failure(connect(oidcEnv()).authorization());
    const tokenUrl = `${h.fake.url}/oidc/v1/token`;
    expect(error.message).toBe(
      `Databricks workload identity federation from GitHub Actions (service principal ${clientId}, audience ${tokenUrl}): requesting an access token from ${tokenUrl} failed: invalid_grant: ${description}; ` +
        `check the federation policy of service principal ${clientId}: issuer ${githubIssuer}, audiences including ${tokenUrl} (or set DATABRICKS_TOKEN_AUDIENCE to the policy's audience), ` +
        `subject e.g. repo:<org>/<repo>:environment:<environment> for a job with an environment ` +
        `(this GitHub token has iss ${String(h.claims.iss)}, aud ${JSON.stringify(aud ?? tokenUrl)}, sub ${subject})`,
    );
  });

  it('reports a failure to get the GitHub token', async () => {
    h.deps.getIdToken = async () => {
      throw new ConfigError('cannot request a GitHub OIDC token: ACTIONS_ID_TOKEN_REQUEST_URL is not set');
    };
    const error = await failure(connect(oidcEnv()).authorization());
    expect(error).toBeInstanceOf(RemoteError);
    expect(error.message).toMatch(/^Databricks workload identity federation from GitHub Actions \(.*\): requesting a GitHub OIDC token failed: cannot request/);
  });
});

describe('choosing credentials from the environment', () => {
  beforeEach(() => start());
  const host = 'https://adb-1.2.azuredatabricks.net';

  it.each([
    ['adb-1.2.azuredatabricks.net', host],
    ['https://adb-1.2.azuredatabricks.net/', host],
    [' https://adb-1.2.azuredatabricks.net/?o=1 ', host],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
  ])('normalises host %j', (raw, expected) => {
    expect(normaliseHost(raw)).toBe(expected);
    expect(databricksCredentialsFromEnv({ DATABRICKS_HOST: raw, DATABRICKS_TOKEN: 'dapi-x' }, h.deps).host).toBe(expected);
  });

  it.each([
    [{ DATABRICKS_TOKEN: 'dapi-x' }, 'pat'],
    [{ DATABRICKS_CLIENT_ID: clientId, DATABRICKS_CLIENT_SECRET: 'dose-x' }, 'OAuth M2M'],
    [{ DATABRICKS_CLIENT_ID: clientId, DATABRICKS_CLIENT_SECRET: 'dose-x', ACTIONS_ID_TOKEN_REQUEST_URL: runtimeUrl }, 'OAuth M2M'],
    [{ DATABRICKS_CLIENT_ID: clientId, ACTIONS_ID_TOKEN_REQUEST_URL: runtimeUrl }, 'workload identity'],
    [{ DATABRICKS_AUTH_TYPE: 'pat', DATABRICKS_TOKEN: 'dapi-x', DATABRICKS_CLIENT_ID: clientId }, 'pat'],
    [{ DATABRICKS_AUTH_TYPE: 'github-oidc', DATABRICKS_CLIENT_ID: clientId, DATABRICKS_CLIENT_SECRET: 'dose-x', ACTIONS_ID_TOKEN_REQUEST_URL: runtimeUrl }, 'workload identity'],
  ])('infers or obeys the type for %j', (env, expected) => {
    const { description } = databricksCredentialsFromEnv({ DATABRICKS_HOST: host, ...env }, h.deps).credentials;
    expect(description.includes(expected === 'pat' ? 'personal access token' : expected)).toBe(true);
  });

  it.each([
    [{}, 'DATABRICKS_HOST is not set (none of the DATABRICKS_* variables is set); set it to the workspace URL, e.g. https://adb-1234567890123456.7.azuredatabricks.net'],
    [{ DATABRICKS_HOST: 'ftp://x' }, 'DATABRICKS_HOST "ftp://x" is not an http(s) URL; set it to the workspace URL, e.g. https://adb-1234567890123456.7.azuredatabricks.net'],
    [{ DATABRICKS_HOST: host, DATABRICKS_TOKEN: '' }, 'no Databricks credentials (set: DATABRICKS_HOST); set DATABRICKS_TOKEN (pat), DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET (oauth-m2m), or DATABRICKS_CLIENT_ID with `permissions: id-token: write` on the job (github-oidc)'],
    [
      { DATABRICKS_HOST: host, DATABRICKS_TOKEN: 'dapi-x', DATABRICKS_CLIENT_ID: clientId, DATABRICKS_CLIENT_SECRET: 'dose-x' },
      'Databricks credentials are ambiguous (set: DATABRICKS_HOST, DATABRICKS_TOKEN, DATABRICKS_CLIENT_ID, DATABRICKS_CLIENT_SECRET): DATABRICKS_TOKEN and DATABRICKS_CLIENT_ID are both set; set DATABRICKS_AUTH_TYPE to pat or oauth-m2m, or remove the one you do not use',
    ],
    [{ DATABRICKS_HOST: host, DATABRICKS_CLIENT_SECRET: 'dose-x' }, "DATABRICKS_CLIENT_SECRET is set but DATABRICKS_CLIENT_ID is not (set: DATABRICKS_HOST, DATABRICKS_CLIENT_SECRET); set DATABRICKS_CLIENT_ID to the service principal's application id and DATABRICKS_CLIENT_SECRET to one of its OAuth secrets"],
    [
      { DATABRICKS_HOST: host, DATABRICKS_CLIENT_ID: clientId },
      'DATABRICKS_CLIENT_ID is set but neither DATABRICKS_CLIENT_SECRET (oauth-m2m) nor ACTIONS_ID_TOKEN_REQUEST_URL (github-oidc) is (set: DATABRICKS_HOST, DATABRICKS_CLIENT_ID); set the secret, or add `permissions: id-token: write` to the job for workload identity federation',
    ],
    [{ DATABRICKS_HOST: host, DATABRICKS_AUTH_TYPE: 'azure-cli' }, 'DATABRICKS_AUTH_TYPE "azure-cli" is not supported by agent-release; use one of pat, oauth-m2m, github-oidc'],
    [{ DATABRICKS_HOST: host, DATABRICKS_AUTH_TYPE: 'pat' }, 'DATABRICKS_AUTH_TYPE is pat but DATABRICKS_TOKEN is not set (set: DATABRICKS_HOST, DATABRICKS_AUTH_TYPE); set it to a personal access token from a repository or environment secret'],
    [
      { DATABRICKS_HOST: host, DATABRICKS_AUTH_TYPE: 'oauth-m2m' },
      "DATABRICKS_AUTH_TYPE is oauth-m2m but DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET are not set (set: DATABRICKS_HOST, DATABRICKS_AUTH_TYPE); set DATABRICKS_CLIENT_ID to the service principal's application id and DATABRICKS_CLIENT_SECRET to one of its OAuth secrets",
    ],
    [
      { DATABRICKS_HOST: host, DATABRICKS_AUTH_TYPE: 'github-oidc', DATABRICKS_CLIENT_ID: clientId },
      'Databricks authentication github-oidc: ACTIONS_ID_TOKEN_REQUEST_URL is not set, so GitHub gives this job no OIDC token: add `permissions: id-token: write` to the job (or the workflow) that runs agent-release (set: DATABRICKS_HOST, DATABRICKS_AUTH_TYPE, DATABRICKS_CLIENT_ID)',
    ],
  ])('refuses %j', (env, message) => {
    let thrown: unknown;
    try {
      databricksCredentialsFromEnv(env, h.deps);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as Error).message).toBe(message);
    seenText.push(message);
  });

  it('reports secrets from the environment before refusing it', () => {
    expect(() => databricksCredentialsFromEnv({ DATABRICKS_TOKEN: 'dapi-early', DATABRICKS_CLIENT_SECRET: 'dose-early' }, h.deps)).toThrow(ConfigError);
    expect(h.secrets).toEqual(['dapi-early', 'dose-early']);
  });
});

describe('secrets', () => {
  beforeEach(() => start());

  it('never appear in anything logged or thrown by the tests above', () => {
    expect(seenSecrets.size).toBeGreaterThan(10);
    expect(seenText.length).toBeGreaterThan(20);
    const leaks = [...seenSecrets].flatMap((secret) => seenText.filter((text) => text.includes(secret)).map((text) => `${secret.slice(0, 8)}… in ${text.slice(0, 80)}`));
    expect(leaks).toEqual([]);
  });
});
