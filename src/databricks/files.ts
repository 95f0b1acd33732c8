import { z } from 'zod';
import type { Clock } from '../clock';
import { ConfigError, InputError, RemoteError } from '../errors';
import { HttpStatusError, HttpTransportError, redactUrl, send, serverErrorStatuses, type HttpResponse } from '../http/client';
import { withOneRefreshOn401, type Credentials } from '../http/credentials';
import { defaultRetryPolicy, RetriesExhaustedError, type RetryPolicy } from '../http/retry';
import type { Logger } from '../logger';
import { parseMlflowErrorBody } from '../mlflow/errors';
import { lazySchema } from '../config/zod-helpers';

/**
 * The Databricks Files API (`/api/2.0/fs/files`, `/api/2.0/fs/directories`) for Unity Catalog
 * Volumes. Checked against the Databricks SDK's `files` service and the Databricks CLI's
 * Files API filer:
 *
 * - `PUT /api/2.0/fs/files{path}?overwrite=false` with the raw bytes creates the file; an
 *   existing file answers 409. Its error_code is not settled by the sources: the CLI's filer
 *   once took any 409 as "file exists" and now also checks `ALREADY_EXISTS`, and its mkdir maps
 *   any 409 to "exists". So only the status is relied on (`isAlreadyExists`), never the code.
 *   Parent directories are created as needed. Success has no body.
 * - `GET /api/2.0/fs/files{path}` returns the bytes; 404 when absent.
 * - `GET /api/2.0/fs/directories{path}?page_size=&page_token=` returns
 *   `{contents: [{path, name, is_directory, file_size, last_modified}], next_page_token}`; at most
 *   1000 entries a page; read pages until no `next_page_token` (never judge by the count); 404
 *   when the directory does not exist.
 * - `PUT /api/2.0/fs/directories{path}` is `mkdir -p` and idempotent; 409 when a file is there.
 * - `DELETE` on a file, or on an empty directory (a non-empty one is 400 with reason
 *   `FILES_API_DIRECTORY_IS_NOT_EMPTY`).
 *
 * Paths are absolute (`/Volumes/<catalog>/<schema>/<volume>/...`) and percent-encoded segment by
 * segment, as the SDK does. Errors use the Databricks envelope `{error_code, message}`.
 */
export interface DatabricksFilesOptions {
  /** Workspace URL, e.g. https://adb-123.4.azuredatabricks.net */
  host: string;
  /** The Authorization header; a 401 invalidates it once and the request is sent again (OAuth tokens can be revoked or expire early). */
  credentials: Credentials;
  clock: Clock;
  logger?: Logger;
  retryPolicy?: RetryPolicy;
  /** Per request. */
  timeoutMs?: number;
  /** `page_size` for directory listings; the API caps it at 1000. */
  pageSize?: number;
  random?: () => number;
}

export interface DirectoryEntry {
  path: string;
  name: string;
  isDirectory: boolean;
  fileSize?: number;
  /** Milliseconds since the epoch. */
  lastModified?: number;
}

/** A failed Files API call: `<what> <path>: <error_code>: <message>` with a hint for the common codes. */
export class DatabricksApiError extends RemoteError {
  constructor(
    readonly what: string,
    /** HTTP status, or undefined when no response came. */
    readonly status: number | undefined,
    readonly errorCode: string,
    readonly serverMessage: string,
    /** True when the server may have acted on the request although no success came back. */
    readonly outcomeUnknown: boolean,
    hint: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(`${what}: ${errorCode}: ${serverMessage}${hint ? `; ${hint}` : ''}`, options);
  }
}

export const isNotFound = (error: unknown): boolean => error instanceof DatabricksApiError && error.status === 404;
export const isAlreadyExists = (error: unknown): boolean => error instanceof DatabricksApiError && error.status === 409;

/** The SDK's DirectoryEntry: every field optional; an entry needs a path or a name to be named at all. */
const entrySchema = lazySchema(() => z.object({
  path: z.string().optional(),
  name: z.string().optional(),
  is_directory: z.boolean().optional(),
  file_size: z.number().optional(),
  last_modified: z.number().optional(),
}));
const listSchema = lazySchema(() => z.object({ contents: z.array(entrySchema).optional(), next_page_token: z.string().optional() }));

export class DatabricksFilesClient {
  readonly host: string;
  private readonly policy: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly pageSize: number;

  constructor(private readonly options: DatabricksFilesOptions) {
    this.host = workspaceOrigin(options.host);
    this.policy = options.retryPolicy ?? defaultRetryPolicy;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.pageSize = options.pageSize ?? 1000;
    if (!Number.isInteger(this.pageSize) || this.pageSize < 1 || this.pageSize > 1000) {
      throw new ConfigError(`Files API page size must be an integer from 1 to 1000 (got ${this.pageSize})`);
    }
  }

  /**
   * Writes a file. With `overwrite: false` an existing file makes this throw a
   * DatabricksApiError with status 409 (`isAlreadyExists`). A create-only write is not
   * idempotent: it is retried only when the server cannot have acted (429, 503, refused
   * connection); any other failure surfaces with `outcomeUnknown` so the caller can re-read.
   */
  async upload(path: string, content: string, options: { overwrite: boolean }): Promise<void> {
    await this.call('upload', 'PUT', 'files', path, {
      query: { overwrite: String(options.overwrite) },
      body: content,
      contentType: 'application/octet-stream',
      idempotent: options.overwrite,
    });
  }

  /** The file's content as text (the HTTP layer decodes UTF-8). Throws a 404 error when absent (`isNotFound`). */
  async download(path: string): Promise<string> {
    return (await this.call('download', 'GET', 'files', path, { accept: 'application/octet-stream' })).body;
  }

  async deleteFile(path: string): Promise<void> {
    await this.call('delete', 'DELETE', 'files', path, {});
  }

  /** `mkdir -p`; succeeds when the directory exists. */
  async createDirectory(path: string): Promise<void> {
    await this.call('create directory', 'PUT', 'directories', path, {});
  }

  async deleteDirectory(path: string): Promise<void> {
    await this.call('delete directory', 'DELETE', 'directories', path, {});
  }

  /** Every entry of a directory, across all pages. Throws a 404 error when it does not exist (`isNotFound`). */
  async listDirectory(path: string): Promise<DirectoryEntry[]> {
    const entries: DirectoryEntry[] = [];
    const seenTokens = new Set<string>();
    let pageToken: string | undefined;
    do {
      const query: Record<string, string> = { page_size: String(this.pageSize) };
      if (pageToken !== undefined) query.page_token = pageToken;
      const res = await this.call('list directory', 'GET', 'directories', path, { query, accept: 'application/json' });
      let json: unknown;
      try {
        json = res.body.trim() === '' ? {} : JSON.parse(res.body);
      } catch {
        throw this.invalid('list directory', path, `expected JSON, got ${/^\s*</.test(res.body) ? 'an HTML page (a login page or proxy?)' : JSON.stringify(res.body.slice(0, 80))}`);
      }
      const parsed = listSchema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw this.invalid('list directory', path, `unexpected response shape at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
      }
      for (const e of parsed.data.contents ?? []) {
        const entryPath = e.path ?? (e.name ? `${path.replace(/\/+$/, '')}/${e.name}` : undefined);
        if (entryPath === undefined) throw this.invalid('list directory', path, 'an entry has neither path nor name, so it cannot be told apart from the others');
        entries.push({
          path: entryPath,
          name: e.name ?? entryPath.replace(/\/+$/, '').split('/').pop() ?? entryPath,
          isDirectory: e.is_directory ?? false,
          ...(e.file_size !== undefined ? { fileSize: e.file_size } : {}),
          ...(e.last_modified !== undefined ? { lastModified: e.last_modified } : {}),
        });
      }
      pageToken = parsed.data.next_page_token || undefined;
      if (pageToken !== undefined) {
        if (seenTokens.has(pageToken)) throw this.invalid('list directory', path, `the server returned page token ${pageToken} twice`);
        seenTokens.add(pageToken);
      }
    } while (pageToken !== undefined);
    return entries;
  }

  private async call(
    what: string,
    method: 'GET' | 'PUT' | 'DELETE',
    endpoint: 'files' | 'directories',
    path: string,
    options: { query?: Record<string, string>; body?: string; contentType?: string; accept?: string; idempotent?: boolean },
  ) {
    const absolute = checkVolumePath(path);
    const url = new URL(`${this.host}/api/2.0/fs/${endpoint}${encodePath(absolute)}`);
    for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
    const headers: Record<string, string> = { 'user-agent': 'agent-release' };
    if (options.accept) headers.accept = options.accept;
    if (options.contentType) headers['content-type'] = options.contentType;
    const label = `databricks.files ${method} ${endpoint}${absolute}`;
    this.options.logger?.debug(`${label}`);
    const attempt = (authorization: string): Promise<HttpResponse> =>
      send({ method, url: url.toString(), headers: { ...headers, authorization }, body: options.body, timeoutMs: this.timeoutMs }, label, {
        clock: this.options.clock,
        logger: this.options.logger,
        policy: this.policy,
        retryOn: serverErrorStatuses,
        idempotent: options.idempotent ?? true,
        random: this.options.random,
      });
    try {
      return await withOneRefreshOn401(this.options.credentials, attempt);
    } catch (error) {
      throw toApiError(`${what} ${absolute}`, error, this.host);
    }
  }

  private invalid(what: string, path: string, message: string): DatabricksApiError {
    return new DatabricksApiError(`${what} ${path}`, 200, 'INVALID_RESPONSE', message, false, undefined);
  }
}

function toApiError(what: string, error: unknown, host: string): DatabricksApiError {
  const attempts = error instanceof RetriesExhaustedError ? error.attempts : 1;
  const root = error instanceof RetriesExhaustedError ? error.lastError : error;
  const retried = attempts > 1 ? `gave up after ${attempts} attempts` : undefined;
  if (root instanceof HttpStatusError) {
    const body = parseMlflowErrorBody(root.bodyExcerpt);
    const code = body?.errorCode ?? `HTTP_${root.status}`;
    const message = body?.message || `HTTP ${root.status}${root.bodyExcerpt ? ` ${root.bodyExcerpt}` : ''}`;
    // A gateway or crash status after the request was sent says nothing about whether it ran.
    const unknown = root.status >= 500 && root.status !== 501 && root.status !== 503;
    return new DatabricksApiError(what, root.status, code, message, unknown, joinHints(hintFor(root.status, host), retried), { cause: error });
  }
  if (root instanceof HttpTransportError) {
    const message = root.problem ?? (root.code === 'TIMEOUT' ? 'no answer before the request timed out' : `the workspace at ${redactUrl(host)} could not be reached`);
    return new DatabricksApiError(what, undefined, root.code, message, root.maybeDelivered, retried, { cause: error });
  }
  return new DatabricksApiError(what, undefined, 'CLIENT_ERROR', root instanceof Error ? root.message : String(root), false, undefined, { cause: error });
}

function hintFor(status: number, host: string): string | undefined {
  switch (status) {
    case 401:
      return `the workspace ${redactUrl(host)} rejected the credentials: set DATABRICKS_TOKEN, or configure OAuth (DATABRICKS_CLIENT_ID with a secret or GitHub OIDC)`;
    case 403:
      return 'the credentials are valid but lack permission: grant READ VOLUME and WRITE VOLUME on the volume (and USE CATALOG / USE SCHEMA on its parents)';
    default:
      return undefined;
  }
}

function joinHints(...hints: (string | undefined)[]): string | undefined {
  return hints.filter(Boolean).join('; ') || undefined;
}

/** The workspace URL's origin; a path, a query or credentials in it are refused. */
export function workspaceOrigin(host: string): string {
  let url: URL;
  try {
    url = new URL(host);
  } catch {
    throw new ConfigError(`Databricks host ${JSON.stringify(host)} is not a URL; write it like https://adb-1234567890123456.7.azuredatabricks.net`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError(`Databricks host ${redactUrl(host)} must be an http(s) URL`);
  if (url.username || url.password) throw new ConfigError('Databricks host must not carry credentials; pass the token separately (DATABRICKS_TOKEN)');
  if (url.pathname.replace(/\/+$/, '') !== '' || url.search) {
    throw new ConfigError(`Databricks host ${redactUrl(host)} must be the workspace URL alone, without a path or query`);
  }
  return url.origin;
}

/**
 * Checks an absolute Volume path: `/Volumes/<catalog>/<schema>/<volume>[/...]`, no empty, `.` or
 * `..` segments, no control characters. Returns it without a trailing slash.
 */
export function checkVolumePath(path: string): string {
  const segments = path.split('/');
  const refuse = (why: string): never => {
    throw new InputError(`${JSON.stringify(path)} is not a Volume path: ${why}; write it like /Volumes/<catalog>/<schema>/<volume>/dir/file`);
  };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(path)) refuse('it contains a control character or a backslash');
  if (segments[0] !== '' || segments[1] !== 'Volumes') refuse('it must start with /Volumes/');
  const rest = segments.slice(2);
  if (rest.at(-1) === '') rest.pop();
  if (rest.length < 3) refuse('it must name a catalog, a schema and a volume');
  if (rest.some((s) => s === '' || s === '.' || s === '..')) refuse('it has an empty, "." or ".." segment');
  return `/Volumes/${rest.join('/')}`;
}

/** Percent-encodes each segment and keeps the slashes, like the SDK's multi-segment path parameter. */
export function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}
