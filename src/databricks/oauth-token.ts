import { z } from 'zod';
import type { Clock } from '../clock';
import { RemoteError } from '../errors';
import { HttpStatusError, HttpTransportError, send, serverErrorStatuses } from '../http/client';
import type { Credentials } from '../http/credentials';
import { defaultRetryPolicy, RetriesExhaustedError, type RetryPolicy } from '../http/retry';
import type { Logger } from '../logger';
import { lazySchema } from '../config/zod-helpers';

/**
 * The Databricks OAuth token endpoint (`POST {host}/oidc/v1/token`) and a cache in front of it.
 * Checked against databricks-sdk-go (`clientcredentials`, `oidc/tokensource.go`, `auth/cache.go`)
 * and databricks-sdk-py (`oauth.retrieve_token`): success is `{access_token, token_type,
 * expires_in}` (Python reads `expires_in` with `int()`, so a string is accepted too); errors carry
 * RFC 6749 `error`/`error_description`, or Okta-style `errorCode`/`errorSummary`, which the
 * Python SDK also reads; the Databricks envelope `{error_code, message}` is read as a fallback.
 * `expires_in` is only RECOMMENDED by RFC 6749 (5.1): without it the token is kept until the
 * workspace refuses it (a 401 drops it and fetches a new one), as the SDKs do with no expiry.
 */
export const tokenResponseSchema = lazySchema(() => z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
}));

const tokenErrorSchema = lazySchema(() => z.union([
  z.object({ error: z.string(), error_description: z.string().optional() }).transform((e) => ({ code: e.error, description: e.error_description })),
  z.object({ errorCode: z.string(), errorSummary: z.string().optional() }).transform((e) => ({ code: e.errorCode, description: e.errorSummary })),
  z.object({ error_code: z.string(), message: z.string().optional() }).transform((e) => ({ code: e.error_code, description: e.message })),
]));

export interface TokenRequestContext {
  clock: Clock;
  logger?: Logger;
  retryPolicy?: RetryPolicy;
  random?: () => number;
  /** Per attempt. */
  timeoutMs?: number;
  /** Every secret in play, so nothing the server echoes can leak them into a message. */
  secrets: readonly string[];
}

export interface IssuedToken {
  accessToken: string;
  /** Undefined when the answer did not say: the token is used until a 401. */
  expiresInSeconds?: number;
}

/** The token endpoint refused or could not be reached. Names the provider, the server's OAuth error and what to check. */
export class DatabricksAuthError extends RemoteError {
  constructor(
    message: string,
    /** HTTP status, or undefined when no response came. */
    readonly status: number | undefined,
    /** The OAuth `error` (e.g. `invalid_client`), or the transport code. */
    readonly errorCode: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * POSTs the form to the token endpoint with retries. Asking for a token changes nothing on the
 * server, so every failure worth retrying (429, 5xx, connection errors) is retried.
 * `hintFor` turns the server's OAuth error code into what the user should check.
 */
export async function requestToken(
  tokenUrl: string,
  form: URLSearchParams,
  headers: Record<string, string>,
  what: string,
  hintFor: (errorCode: string) => string | undefined,
  ctx: TokenRequestContext,
): Promise<IssuedToken> {
  const attempted = `${what}: requesting an access token from ${tokenUrl}`;
  let body: string;
  try {
    const res = await send(
      {
        method: 'POST',
        url: tokenUrl,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...headers },
        body: form.toString(),
        timeoutMs: ctx.timeoutMs ?? 30_000,
      },
      `POST ${tokenUrl}`,
      { clock: ctx.clock, logger: ctx.logger, policy: ctx.retryPolicy ?? defaultRetryPolicy, retryOn: serverErrorStatuses, idempotent: true, random: ctx.random },
    );
    body = res.body;
  } catch (error) {
    throw tokenFailure(attempted, error, hintFor, ctx.secrets);
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  const parsed = tokenResponseSchema.safeParse(json);
  if (!parsed.success) {
    throw new DatabricksAuthError(
      `${attempted} failed: the answer is not a token response (expected JSON with an access_token); check that DATABRICKS_HOST is the workspace URL`,
      200,
      'invalid_response',
    );
  }
  return { accessToken: parsed.data.access_token, ...(parsed.data.expires_in !== undefined ? { expiresInSeconds: parsed.data.expires_in } : {}) };
}

function tokenFailure(attempted: string, error: unknown, hintFor: (code: string) => string | undefined, secrets: readonly string[]): DatabricksAuthError {
  const retried = error instanceof RetriesExhaustedError ? error : undefined;
  const last = retried ? retried.lastError : error;
  const tries = retried ? ` (${retried.attempts} attempts)` : '';
  if (last instanceof HttpStatusError) {
    const oauth = readOAuthError(last.bodyExcerpt);
    const code = oauth?.code ?? `HTTP ${last.status}`;
    const description = oauth?.description ?? (last.bodyExcerpt || 'no details');
    const hint = hintFor(code) ?? (last.status === 429 || last.status >= 500 ? 'the endpoint is overloaded or failing; try again later' : undefined);
    const message = `${attempted} failed${tries}: ${code}: ${description}${hint ? `; ${hint}` : ''}`;
    return new DatabricksAuthError(scrub(message, secrets), last.status, code, { cause: error });
  }
  if (last instanceof HttpTransportError) {
    return new DatabricksAuthError(
      scrub(`${attempted} failed${tries}: ${last.code}; ${last.problem ?? 'check that DATABRICKS_HOST is reachable from this runner'}`, secrets),
      undefined,
      last.code,
      { cause: error },
    );
  }
  const detail = last instanceof Error ? last.message : String(last);
  return new DatabricksAuthError(scrub(`${attempted} failed: ${detail}`, secrets), undefined, 'unknown', { cause: error });
}

function readOAuthError(excerptText: string): { code: string; description?: string } | undefined {
  try {
    const parsed = tokenErrorSchema.safeParse(JSON.parse(excerptText));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Replaces every known secret in a text; used on anything built from a server's answer. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret) out = out.split(secret).join('***');
  return out;
}

/** Refresh when less than this much of a token's life is left; the Go SDK refreshes up to 20 minutes early, at most half the lifetime. */
export const maxRefreshLeadMs = 5 * 60_000;

/**
 * Credentials over a short-lived token: cached, fetched again when little of its life is left
 * (there is no refresh token, the grant is simply repeated), one fetch shared by concurrent
 * callers, and dropped on `invalidate()` after a 401.
 */
export class CachedTokenCredentials implements Credentials {
  private current: { header: string; refreshAt: number } | undefined;
  private inFlight: Promise<string> | undefined;

  constructor(
    readonly description: string,
    private readonly fetchToken: () => Promise<IssuedToken>,
    private readonly clock: Clock,
  ) {}

  authorization(): Promise<string> {
    const current = this.current;
    if (current && this.clock.now() < current.refreshAt) return Promise.resolve(current.header);
    this.inFlight ??= this.refresh().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /**
   * Drops the cached token. Given the header that was refused, only drops it when it is still
   * the cached one, so a burst of 401s for one old token costs a single new fetch.
   */
  invalidate(refusedAuthorization?: string): void {
    if (refusedAuthorization === undefined || this.current?.header === refusedAuthorization) this.current = undefined;
  }

  private async refresh(): Promise<string> {
    const fetchedAt = this.clock.now();
    const token = await this.fetchToken();
    const header = `Bearer ${token.accessToken}`;
    if (token.expiresInSeconds === undefined) {
      this.current = { header, refreshAt: Number.POSITIVE_INFINITY };
      return header;
    }
    const lifetimeMs = token.expiresInSeconds * 1000;
    this.current = { header, refreshAt: fetchedAt + lifetimeMs - Math.min(lifetimeMs / 2, maxRefreshLeadMs) };
    return header;
  }
}
