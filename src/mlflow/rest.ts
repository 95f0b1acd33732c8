import type { z } from 'zod';
import type { Clock } from '../clock';
import type { Credentials } from '../http/credentials';
import { send, serverErrorStatuses } from '../http/client';
import { defaultRetryPolicy, type RetryPolicy } from '../http/retry';
import { maskedLogger, type Logger } from '../logger';
import { failureFacts, MlflowApiError, type FailureFacts } from './errors';

export interface RestCall<S extends z.ZodType> {
  what: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Below `<base>/api/2.0/`, e.g. `mlflow/model-versions/get`. */
  path: string;
  /** Query parameters for GET, a JSON body otherwise. */
  fields: Record<string, unknown>;
  response: S;
  idempotent: boolean;
  /** Instead of the client's policy (compare-and-set sends each attempt itself). */
  policy?: RetryPolicy;
  /** MLflow 3's tracing endpoints live below `<base>/api/3.0/`. */
  api?: '2.0' | '3.0';
}

export interface RawCall {
  what: string;
  method: 'GET' | 'PUT' | 'POST';
  /** Below `<base>/api/2.0/` (below `<base>/` with `fromRoot`), already percent-encoded where needed. */
  path: string;
  body?: string;
  contentType?: string;
  idempotent: boolean;
  /** The path is below the server root, not the REST API (OpenTelemetry's `/v1/traces`). */
  fromRoot?: boolean;
  /** Extra request headers (e.g. `x-mlflow-experiment-id`). */
  headers?: Record<string, string>;
}

export interface MlflowRestOptions {
  /** The server root: an MLflow tracking URI `http(s)://host[:port][/prefix]` or a Databricks workspace URL. */
  baseUrl: string;
  credentials: Credentials | undefined;
  /** Credential strings to cut out of anything a server sends back (some proxies echo headers). */
  secrets: readonly string[];
  clock: Clock;
  /** Logger name in retry and debug lines, e.g. `registry.mlflow`. */
  area: string;
  /** What to check when the server rejects the credentials (names the variables for this kind of server). */
  credentialsHint?: string;
  logger?: Logger;
  retryPolicy?: RetryPolicy;
  /** Per request. */
  timeoutMs?: number;
  random?: () => number;
}

/**
 * The REST transport every MLflow-speaking client shares (OSS registry, Databricks workspace and
 * Unity Catalog registries, tracking): JSON in and out, retries through `send`, a 401 answered
 * once more with fresh credentials, and failures as `MlflowApiError`s with credentials cut out.
 */
export class MlflowRest {
  readonly baseUrl: string;
  readonly clock: Clock;
  readonly policy: RetryPolicy;
  readonly random: () => number;
  /** The caller's logger with the credentials masked: retry lines quote server answers. */
  readonly logger: Logger | undefined;
  private readonly apiBase: string;
  private readonly api3Base: string;
  private readonly secrets: string[];
  private readonly timeoutMs: number;

  constructor(private readonly options: MlflowRestOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.apiBase = `${this.baseUrl}/api/2.0/`;
    this.api3Base = `${this.baseUrl}/api/3.0/`;
    this.clock = options.clock;
    // Longest first, so a value that contains another is masked whole.
    this.secrets = [...options.secrets].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
    this.logger = options.logger && maskedLogger(options.logger, (text) => this.redact(text));
    this.policy = options.retryPolicy ?? defaultRetryPolicy;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.random = options.random ?? Math.random;
  }

  async call<S extends z.ZodType>(call: RestCall<S>): Promise<z.infer<S>> {
    const url = new URL(call.path, call.api === '3.0' ? this.api3Base : this.apiBase);
    let body: string | undefined;
    if (call.method === 'GET') {
      for (const [key, value] of Object.entries(call.fields)) if (value !== undefined) url.searchParams.set(key, String(value));
    } else {
      body = JSON.stringify(call.fields);
    }
    const text = await this.exchange(call.what, call.method, url, body, body === undefined ? undefined : 'application/json', call.idempotent, call.policy);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      const shape = /^\s*</.test(text) ? 'an HTML page (a login page or proxy in front of MLflow?)' : `"${this.redact(text.slice(0, 80))}"`;
      throw this.invalidResponse(call.what, `expected JSON from the MLflow REST API, got ${shape}`, !call.idempotent);
    }
    const parsed = call.response.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw this.invalidResponse(call.what, `unexpected response shape at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`, !call.idempotent);
    }
    return parsed.data;
  }

  /** A call whose body is not JSON (artifact uploads and downloads); returns the response text. */
  raw(call: RawCall): Promise<string> {
    return this.exchange(call.what, call.method, new URL(call.path, call.fromRoot ? `${this.baseUrl}/` : this.apiBase), call.body, call.contentType, call.idempotent, undefined, call.headers);
  }

  /** A 2xx answer that is not what MLflow sends: the call may have run, but its result is unreadable. */
  invalidResponse(what: string, message: string, outcomeUnknown = false): MlflowApiError {
    const facts: FailureFacts = { status: 200, errorCode: 'INVALID_RESPONSE', message, attempts: 1, outcomeUnknown, transient: false };
    return new MlflowApiError(what, facts, this.baseUrl, { credentialsHint: this.options.credentialsHint });
  }

  redact(text: string): string {
    return this.secrets.reduce((out, secret) => out.split(secret).join('***'), text);
  }

  private async exchange(what: string, method: string, url: URL, body: string | undefined, contentType: string | undefined, idempotent: boolean, policy?: RetryPolicy, extraHeaders: Record<string, string> = {}): Promise<string> {
    this.logger?.debug(`${this.options.area}: ${what}`);
    for (let fresh = false; ; fresh = true) {
      const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'agent-release', ...extraHeaders };
      if (contentType) headers['content-type'] = contentType;
      const credentials = this.options.credentials;
      const authorization = credentials ? await credentials.authorization() : undefined;
      if (authorization) headers.authorization = authorization;
      try {
        const res = await send({ method: method as 'GET', url: url.toString(), headers, body, timeoutMs: this.timeoutMs }, `${this.options.area} ${method} ${url.pathname}`, {
          clock: this.clock,
          logger: this.logger,
          policy: policy ?? this.policy,
          retryOn: serverErrorStatuses,
          idempotent,
          random: this.random,
        });
        return res.body;
      } catch (error) {
        const facts = failureFacts(error);
        // A short-lived token may have expired between fetching and sending: one more try with a new one.
        if (facts.status === 401 && credentials && !fresh) {
          credentials.invalidate(authorization);
          continue;
        }
        throw new MlflowApiError(what, { ...facts, message: this.redact(facts.message) }, this.baseUrl, {
          cause: this.redactedCause(error),
          credentialsHint: this.options.credentialsHint,
        });
      }
    }
  }

  /**
   * The transport error behind a failure, unless its text quotes a credential (a server or proxy
   * that echoes the Authorization header): then a stand-in with the credential masked, so that
   * printing the cause chain cannot leak it either.
   */
  private redactedCause(error: unknown): unknown {
    const texts: string[] = [];
    for (let e: unknown = error; e instanceof Error && texts.length < 16; e = e.cause) texts.push(e.message, String((e as { bodyExcerpt?: unknown }).bodyExcerpt ?? ''));
    if (!this.secrets.some((secret) => texts.some((t) => t.includes(secret)))) return error;
    const stand = new Error(this.redact(error instanceof Error ? error.message : String(error)));
    stand.name = error instanceof Error ? error.name : 'Error';
    return stand;
  }
}
