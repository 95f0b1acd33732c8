import type { z } from 'zod';
import type { Clock } from '../clock';
import { HttpStatusError, HttpTransportError, redactUrl, send, serverErrorStatuses, type HttpResponse } from '../http/client';
import { withOneRefreshOn401, type Credentials } from '../http/credentials';
import { defaultRetryPolicy, RetriesExhaustedError, type RetryPolicy } from '../http/retry';
import type { Logger } from '../logger';
import { parseMlflowErrorBody } from '../mlflow/errors';
import { DatabricksApiError, workspaceOrigin } from './files';

export { workspaceOrigin };

/**
 * What every Databricks REST client here shares: one call through the retrying `send`, a 401
 * answered by invalidating the credentials and trying once more (OAuth tokens can be revoked or
 * expire early), the `{error_code, message}` envelope turned into a DatabricksApiError that
 * names the operation, and zod-checked JSON bodies.
 */
export interface DatabricksApiOptions {
  /** Workspace URL, e.g. https://adb-123.4.azuredatabricks.net */
  host: string;
  credentials: Credentials;
  clock: Clock;
  logger?: Logger;
  retryPolicy?: RetryPolicy;
  /** Per request. */
  timeoutMs?: number;
  random?: () => number;
}

export interface DatabricksCall {
  /** "update config of serving endpoint support-agent": the first words of any error. */
  what: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string>;
  /** Sent as JSON. */
  json?: unknown;
  /**
   * False for calls the server must not run twice: they are retried only when it cannot have
   * acted (429, 503, connection refused); anything else surfaces with `outcomeUnknown`.
   */
  idempotent: boolean;
  /** Hints by HTTP status, appended to the error. */
  hints?: Partial<Record<number, string>>;
  /** Default application/json; the metrics export answers text. */
  accept?: string;
  /** Stops waiting for the answer (and the retries); the caller's reason is thrown as is. */
  signal?: AbortSignal;
}

export class DatabricksApi {
  readonly host: string;
  private readonly policy: RetryPolicy;
  private readonly timeoutMs: number;

  constructor(
    private readonly options: DatabricksApiOptions,
    /** Names the client in retry log lines: "databricks.serving". */
    private readonly area: string,
  ) {
    this.host = workspaceOrigin(options.host);
    this.policy = options.retryPolicy ?? defaultRetryPolicy;
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  get credentialsDescription(): string {
    return this.options.credentials.description;
  }

  async call(request: DatabricksCall): Promise<HttpResponse> {
    const url = new URL(`${this.host}${request.path}`);
    for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
    const body = request.json === undefined ? undefined : JSON.stringify(request.json);
    const label = `${this.area} ${request.method} ${request.path}`;
    const attempt = async (authorization: string): Promise<HttpResponse> => {
      const headers: Record<string, string> = { authorization, accept: request.accept ?? 'application/json', 'user-agent': 'agent-release' };
      if (body !== undefined) headers['content-type'] = 'application/json';
      return send({ method: request.method, url: url.toString(), headers, body, timeoutMs: this.timeoutMs, signal: request.signal }, label, {
        clock: this.options.clock,
        logger: this.options.logger,
        policy: this.policy,
        retryOn: serverErrorStatuses,
        idempotent: request.idempotent,
        random: this.options.random,
      });
    };
    try {
      return await withOneRefreshOn401(this.options.credentials, attempt);
    } catch (error) {
      if (request.signal?.aborted) throw error;
      throw this.apiError(request.what, error, request.hints ?? {});
    }
  }

  /** The body as JSON checked against `schema`; an empty body counts as `{}` (DELETE answers). */
  parse<T>(what: string, res: HttpResponse, schema: z.ZodType<T>): T {
    let json: unknown;
    try {
      json = res.body.trim() === '' ? {} : JSON.parse(res.body);
    } catch {
      throw invalidResponse(what, `expected JSON, got ${/^\s*</.test(res.body) ? 'an HTML page (a login page or proxy?)' : JSON.stringify(res.body.slice(0, 80))}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw invalidResponse(what, `unexpected response shape at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
    }
    return parsed.data;
  }

  private apiError(what: string, error: unknown, hints: Partial<Record<number, string>>): DatabricksApiError {
    const attempts = error instanceof RetriesExhaustedError ? error.attempts : 1;
    const root = rootCause(error);
    const retried = attempts > 1 ? `gave up after ${attempts} attempts` : undefined;
    if (root instanceof HttpStatusError) {
      const body = parseMlflowErrorBody(root.bodyExcerpt);
      const code = body?.errorCode ?? `HTTP_${root.status}`;
      const message = body?.message || `HTTP ${root.status}${root.bodyExcerpt ? ` ${root.bodyExcerpt}` : ''}`;
      const hint =
        root.status === 401 && hints[401] === undefined
          ? `the workspace ${redactUrl(this.host)} rejected ${this.options.credentials.description}${this.options.credentials.fixed ? '' : ' (also after fetching a fresh token)'}; check DATABRICKS_TOKEN or the OAuth / OIDC settings`
          : hints[root.status];
      // A gateway or crash status after the request was sent says nothing about whether it ran.
      const unknown = root.status >= 500 && root.status !== 501 && root.status !== 503;
      return new DatabricksApiError(what, root.status, code, message, unknown, [hint, retried].filter(Boolean).join('; ') || undefined, { cause: error });
    }
    if (root instanceof HttpTransportError) {
      const message = root.problem ?? (root.code === 'TIMEOUT' ? 'no answer before the request timed out' : `the workspace at ${redactUrl(this.host)} could not be reached`);
      return new DatabricksApiError(what, undefined, root.code, message, root.maybeDelivered, retried, { cause: error });
    }
    return new DatabricksApiError(what, undefined, 'CLIENT_ERROR', root instanceof Error ? root.message : String(root), false, undefined, { cause: error });
  }
}

export function invalidResponse(what: string, message: string): DatabricksApiError {
  return new DatabricksApiError(what, 200, 'INVALID_RESPONSE', message, false, undefined);
}

function rootCause(error: unknown): unknown {
  return error instanceof RetriesExhaustedError ? error.lastError : error;
}
