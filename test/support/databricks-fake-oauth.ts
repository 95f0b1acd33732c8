import { randomBytes } from 'node:crypto';
import type { FakeReply, FakeRequest, FakeRoute, FakeService, TokenAccess } from './databricks-fake';

/**
 * A FAKE Databricks OAuth token endpoint (`POST /oidc/v1/token`) to plug into the fake workspace
 * (`startDatabricksFake({ services: [oauth] })`). The access tokens it issues are accepted by the
 * workspace's other routes until they expire by the injected clock, so tests drive expiry with a
 * fake clock instead of waiting.
 *
 * Grants, as the Databricks SDKs (Go `clientcredentials` / `oidc`, Python `retrieve_token`) send them:
 * - `grant_type=client_credentials&scope=all-apis` with `Authorization: Basic base64(id:secret)`
 *   (or `client_id`/`client_secret` in the form): OAuth M2M for a service principal.
 * - `grant_type=urn:ietf:params:oauth:grant-type:token-exchange`, `subject_token_type=
 *   urn:ietf:params:oauth:token-type:jwt`, `subject_token=<JWT>`, `scope=all-apis`, `client_id=`
 *   when a service principal federation policy applies (omitted for account-wide federation).
 *
 * The fake does NOT verify JWT signatures (tests mint unsigned tokens); it only reads the claims
 * and checks `iss`, `aud` (string or array), `sub` and `exp` against the policy, which is where
 * real-world misconfigurations show up.
 *
 * Answers: 200 `{access_token, token_type: "Bearer", expires_in, scope}`; errors in the RFC 6749
 * shape `{error, error_description}` (401 `invalid_client` for bad client credentials, 400
 * `invalid_request` / `invalid_grant` / `invalid_scope` / `unsupported_grant_type` otherwise).
 * Assumed where no source says: the exact `error_description` wording, and that a federated
 * token's lifetime is capped by the subject token's `exp`.
 */
export interface FederationPolicy {
  /** The service principal's application id; undefined for an account-wide policy. */
  clientId?: string;
  issuer: string;
  audiences: string[];
  subject: string;
}

export interface FakeOAuthOptions {
  /** Milliseconds since the epoch; share the test's fake clock. */
  now: () => number;
  /** Service principals with OAuth secrets: client id -> secret. */
  clients?: Record<string, string>;
  policies?: FederationPolicy[];
  /** Lifetime of issued access tokens; default 3600 s as documented. */
  lifetimeSeconds?: number;
  /** Leave `expires_in` out of token answers (RFC 6749 only recommends it). */
  omitExpiresIn?: boolean;
}

export interface TokenGrantRecord {
  grantType: string;
  clientId?: string;
  accessToken?: string;
  error?: string;
}

const tokenExchange = 'urn:ietf:params:oauth:grant-type:token-exchange';
const jwtTokenType = 'urn:ietf:params:oauth:token-type:jwt';

export class FakeOAuthService implements FakeService {
  readonly name = 'oauth';
  readonly routes: FakeRoute[];
  /** Every request to the token endpoint, in order. */
  readonly grants: TokenGrantRecord[] = [];
  private readonly issued = new Map<string, { expiresAt: number }>();

  constructor(private readonly options: FakeOAuthOptions) {
    this.routes = [{ method: 'POST', pattern: /^\/oidc\/v1\/token$/, writes: false, anonymous: true, handle: (r) => this.token(r) }];
  }

  authenticate(token: string): TokenAccess | undefined {
    const grant = this.issued.get(token);
    return grant && this.options.now() < grant.expiresAt ? 'write' : undefined;
  }

  private token(req: FakeRequest): FakeReply {
    const contentType = String(req.headers['content-type'] ?? '');
    if (!contentType.startsWith('application/x-www-form-urlencoded')) {
      return this.refuse(400, 'invalid_request', 'The request must be application/x-www-form-urlencoded.', '');
    }
    const form = new URLSearchParams(req.body.toString('utf8'));
    const grantType = form.get('grant_type') ?? '';
    if (form.get('scope') !== 'all-apis') return this.refuse(400, 'invalid_scope', `Unsupported scope '${form.get('scope') ?? ''}'.`, grantType);
    if (grantType === 'client_credentials') return this.clientCredentials(req, form);
    if (grantType === tokenExchange) return this.exchange(form);
    return this.refuse(400, 'unsupported_grant_type', `Grant type '${grantType}' is not supported.`, grantType);
  }

  private clientCredentials(req: FakeRequest, form: URLSearchParams): FakeReply {
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    let clientId = form.get('client_id') ?? undefined;
    let secret = form.get('client_secret') ?? undefined;
    if (basic) {
      const decoded = Buffer.from(basic, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      clientId = decodeURIComponent(decoded.slice(0, colon));
      secret = decodeURIComponent(decoded.slice(colon + 1));
    }
    const known = clientId === undefined ? undefined : this.options.clients?.[clientId];
    if (known === undefined || known !== secret) {
      return this.refuse(401, 'invalid_client', 'Client authentication failed', 'client_credentials', clientId);
    }
    return this.issue('client_credentials', clientId, this.lifetimeMs());
  }

  private exchange(form: URLSearchParams): FakeReply {
    const clientId = form.get('client_id') || undefined;
    if (form.get('subject_token_type') !== jwtTokenType) {
      return this.refuse(400, 'invalid_request', `subject_token_type must be ${jwtTokenType}.`, tokenExchange, clientId);
    }
    const claims = readClaims(form.get('subject_token') ?? '');
    if (!claims) return this.refuse(400, 'invalid_request', 'The subject token is not a JWT.', tokenExchange, clientId);
    const policy = this.options.policies?.find((p) => p.clientId === clientId);
    if (!policy) return this.refuse(400, 'invalid_grant', 'No federation policy matches the request.', tokenExchange, clientId);
    const audiences = typeof claims.aud === 'string' ? [claims.aud] : Array.isArray(claims.aud) ? claims.aud : [];
    const why =
      claims.iss !== policy.issuer
        ? 'The token issuer is not trusted by the federation policy.'
        : !audiences.some((a) => policy.audiences.includes(String(a)))
          ? 'The token audience does not match the federation policy.'
          : claims.sub !== policy.subject
            ? 'The token subject does not match the federation policy.'
            : typeof claims.exp !== 'number' || claims.exp * 1000 <= this.options.now()
              ? 'The subject token has expired.'
              : undefined;
    if (why) return this.refuse(400, 'invalid_grant', why, tokenExchange, clientId);
    const untilSubjectExpires = (claims.exp as number) * 1000 - this.options.now();
    return this.issue(tokenExchange, clientId, Math.min(this.lifetimeMs(), untilSubjectExpires));
  }

  private issue(grantType: string, clientId: string | undefined, lifetimeMs: number): FakeReply {
    const accessToken = `eyJfake-${randomBytes(12).toString('hex')}`;
    this.issued.set(accessToken, { expiresAt: this.options.now() + lifetimeMs });
    this.grants.push({ grantType, clientId, accessToken });
    const expiresIn = this.options.omitExpiresIn ? {} : { expires_in: Math.floor(lifetimeMs / 1000) };
    return { status: 200, json: { access_token: accessToken, token_type: 'Bearer', ...expiresIn, scope: 'all-apis' } };
  }

  private refuse(status: number, error: string, description: string, grantType: string, clientId?: string): FakeReply {
    this.grants.push({ grantType, clientId, error });
    return { status, json: { error, error_description: description } };
  }

  private lifetimeMs(): number {
    return (this.options.lifetimeSeconds ?? 3600) * 1000;
  }
}

function readClaims(jwt: string): Record<string, unknown> | undefined {
  const payload = jwt.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** An unsigned JWT (`alg: none`) with the given claims, for the fake above, which reads claims only. */
export function unsignedJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}
