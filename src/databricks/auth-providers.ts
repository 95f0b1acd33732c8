import type { Clock } from '../clock';
import { ConfigError, RemoteError, messageOf } from '../errors';
import { bearerToken, type Credentials, type SecretSink } from '../http/credentials';
import type { RetryPolicy } from '../http/retry';
import { maskedLogger, type Logger } from '../logger';
import { CachedTokenCredentials, requestToken, scrub, type IssuedToken, type TokenRequestContext } from './oauth-token';

/**
 * Databricks credentials for CI, named as the Databricks SDKs and CLI name them
 * (`DATABRICKS_AUTH_TYPE`): `pat`, `oauth-m2m` and `github-oidc` (workload identity federation
 * from GitHub Actions). Checked against databricks-sdk-go `config/auth_oidc.go` and
 * `oidc/tokensource.go`, and databricks-sdk-py `credentials_provider.py`:
 * - the GitHub ID token is requested for `DATABRICKS_TOKEN_AUDIENCE` when set, else for the
 *   workspace token endpoint URL `{host}/oidc/v1/token` (the SDKs' workspace default; newer SDKs
 *   first ask `/.well-known/databricks-config` for `token_federation_default_oidc_audiences`,
 *   which is not done here: set DATABRICKS_TOKEN_AUDIENCE if your policy expects another value);
 * - the exchange sends `client_id` in the form, no secret and no Basic header, and omits
 *   `client_id` for account-wide federation; a fresh ID token is requested for every exchange.
 * Account-level hosts (`DATABRICKS_ACCOUNT_ID`) are not supported yet.
 */
export const databricksAuthTypes = ['pat', 'oauth-m2m', 'github-oidc'] as const;
export type DatabricksAuthType = (typeof databricksAuthTypes)[number];

export interface DatabricksAuthDeps {
  clock: Clock;
  logger?: Logger;
  /** Told every secret (tokens, client secret, ID tokens, exchanged tokens) before anything is logged. */
  onSecret: SecretSink;
  /** GitHub Actions' OIDC ID token for an audience (src/github/id-token.ts); needed for github-oidc. */
  getIdToken?: (audience: string) => Promise<string>;
  retryPolicy?: RetryPolicy;
  random?: () => number;
  timeoutMs?: number;
}

export interface DatabricksConnection {
  /** Normalised workspace URL: scheme and host, no trailing slash. */
  host: string;
  credentials: Credentials;
}

export type Environment = Readonly<Record<string, string | undefined>>;

const githubIssuer = 'https://token.actions.githubusercontent.com';
export const idTokenPermissionHint =
  'ACTIONS_ID_TOKEN_REQUEST_URL is not set, so GitHub gives this job no OIDC token: add `permissions: id-token: write` to the job (or the workflow) that runs agent-release';

/** `adb-1.2.azuredatabricks.net`, `https://host/`, `https://host/?o=1` -> `https://host`. */
export function normaliseHost(raw: string): string {
  const trimmed = raw.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ConfigError(`DATABRICKS_HOST ${JSON.stringify(raw)} is not a URL; set it to the workspace URL, e.g. https://adb-1234567890123456.7.azuredatabricks.net`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname) {
    throw new ConfigError(`DATABRICKS_HOST ${JSON.stringify(raw)} is not an http(s) URL; set it to the workspace URL, e.g. https://adb-1234567890123456.7.azuredatabricks.net`);
  }
  return url.origin;
}

export function patCredentials(token: string, deps: Pick<DatabricksAuthDeps, 'onSecret'>): Credentials {
  deps.onSecret(token);
  return bearerToken(token, 'Databricks personal access token (DATABRICKS_TOKEN)');
}

export function oauthM2mCredentials(host: string, clientId: string, clientSecret: string, deps: DatabricksAuthDeps): Credentials {
  // RFC 6749 §2.3.1: form-encode both parts before base64.
  const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64');
  deps.onSecret(clientSecret);
  deps.onSecret(basic);
  const secrets = [clientSecret, basic];
  const description = `Databricks OAuth M2M (service principal ${clientId})`;
  const ctx = tokenContext(deps, secrets);
  const hintFor = (code: string): string | undefined =>
    code === 'invalid_client'
      ? `check DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET: the secret must be a current OAuth secret of service principal ${clientId} in this workspace's account`
      : undefined;
  return new CachedTokenCredentials(
    description,
    async () => {
      const token = await requestToken(`${host}/oidc/v1/token`, new URLSearchParams({ grant_type: 'client_credentials', scope: 'all-apis' }), { authorization: `Basic ${basic}` }, description, hintFor, ctx);
      deps.onSecret(token.accessToken);
      secrets.push(token.accessToken);
      ctx.logger?.debug(`${description}: got an access token valid for ${validity(token)}`);
      return token;
    },
    deps.clock,
  );
}

export interface GithubOidcOptions {
  /** The service principal's application id; undefined for an account-wide federation policy. */
  clientId?: string;
  /** The `aud` to ask GitHub for; default the workspace token endpoint, as the SDKs do. */
  audience?: string;
}

export function githubOidcCredentials(host: string, options: GithubOidcOptions, deps: DatabricksAuthDeps): Credentials {
  const getIdToken = deps.getIdToken;
  if (!getIdToken) throw new ConfigError('DATABRICKS_AUTH_TYPE github-oidc needs a GitHub OIDC token, which only the GitHub Action can request; use pat or oauth-m2m from the CLI');
  const tokenUrl = `${host}/oidc/v1/token`;
  const audience = options.audience ?? tokenUrl;
  const description = `Databricks workload identity federation from GitHub Actions (${options.clientId ? `service principal ${options.clientId}` : 'account-wide policy'}, audience ${audience})`;
  const secrets: string[] = [];
  const ctx = tokenContext(deps, secrets);
  return new CachedTokenCredentials(
    description,
    async () => {
      let idToken: string;
      try {
        idToken = await getIdToken(audience);
      } catch (error) {
        throw new RemoteError(scrub(`${description}: requesting a GitHub OIDC token failed: ${messageOf(error)}`, secrets), { cause: error });
      }
      deps.onSecret(idToken);
      secrets.push(idToken);
      const form = new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
        subject_token: idToken,
        scope: 'all-apis',
      });
      if (options.clientId) form.set('client_id', options.clientId);
      const hintFor = (code: string): string | undefined =>
        code === 'invalid_grant' || code === 'invalid_request' || code === 'invalid_client' ? federationHint(idToken, audience, options.clientId) : undefined;
      const token = await requestToken(tokenUrl, form, {}, description, hintFor, ctx);
      deps.onSecret(token.accessToken);
      secrets.push(token.accessToken);
      ctx.logger?.debug(`${description}: exchanged the GitHub token for an access token valid for ${validity(token)}`);
      return token;
    },
    deps.clock,
  );
}

/** What the policy must say, next to what the GitHub token actually carried (claims are not secret). */
function federationHint(idToken: string, audience: string, clientId: string | undefined): string {
  const claims = jwtClaims(idToken);
  const carried = claims ? ` (this GitHub token has iss ${String(claims.iss)}, aud ${JSON.stringify(claims.aud)}, sub ${String(claims.sub)})` : '';
  const policy = clientId ? `the federation policy of service principal ${clientId}` : 'the account federation policy';
  return (
    `check ${policy}: issuer ${githubIssuer}, audiences including ${audience} (or set DATABRICKS_TOKEN_AUDIENCE to the policy's audience), ` +
    `subject e.g. repo:<org>/<repo>:environment:<environment> for a job with an environment${carried}`
  );
}

function jwtClaims(jwt: string): Record<string, unknown> | undefined {
  try {
    const claims: unknown = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function tokenContext(deps: DatabricksAuthDeps, secrets: string[]): TokenRequestContext {
  const logger = deps.logger ? maskedLogger(deps.logger, (text) => scrub(text, secrets)) : undefined;
  return { clock: deps.clock, logger, retryPolicy: deps.retryPolicy, random: deps.random, timeoutMs: deps.timeoutMs, secrets };
}

/** "3600 s", or what is done without a stated lifetime. */
function validity(token: IssuedToken): string {
  return token.expiresInSeconds === undefined ? 'an unstated time (kept until the workspace refuses it)' : `${token.expiresInSeconds} s`;
}
