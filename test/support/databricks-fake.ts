import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A FAKE Databricks workspace for tests: a real HTTP server on loopback that implements the
 * documented REST contracts of the services agent-release talks to, because a real workspace
 * cannot be reached from here. It is a small router: each service (today the Files API; Model
 * Serving, Jobs and Unity Catalog can be added as further `FakeService`s) contributes routes,
 * and the server adds what all Databricks APIs share:
 *
 * - bearer-token auth: no or an unknown token is 401 `UNAUTHENTICATED`; a read-only token that
 *   writes is 403 `PERMISSION_DENIED`; tokens a service issues at run time (the OAuth token
 *   endpoint in databricks-fake-oauth.ts) count until they expire; `anonymous` routes skip this;
 * - the error envelope `{ error_code, message }` (with `details` where the service sends them);
 * - scripted faults (`failNext`): 429 with `Retry-After`, 5xx, dropped connections, and faults
 *   that strike after the request was applied (a lost response), so clients are tested with
 *   retries and ambiguous outcomes.
 *
 * Files API (Unity Catalog Volumes), as described by the Databricks SDK's `files` service and
 * the Databricks CLI's Files API filer:
 * - PUT    /api/2.0/fs/files{path}?overwrite=  raw bytes; 204; creates parent directories;
 *          an existing file with overwrite=false is 409 ALREADY_EXISTS (overwrite defaults to true)
 * - GET    /api/2.0/fs/files{path}             200 bytes (content-type, content-length,
 *          last-modified); 404 NOT_FOUND
 * - HEAD   /api/2.0/fs/files{path}             200 headers only; 404
 * - DELETE /api/2.0/fs/files{path}             204; 404
 * - GET    /api/2.0/fs/directories{path}?page_size=&page_token=   200 `{contents, next_page_token}`
 *          sorted by name; page_size at most 1000 (larger is coerced); a page may hold fewer
 *          entries than asked (`maxPageSize`) while a next_page_token follows; 404 when absent
 * - PUT    /api/2.0/fs/directories{path}       mkdir -p, idempotent, 204; 409 when a file is there
 * - HEAD   /api/2.0/fs/directories{path}       200 or 404
 * - DELETE /api/2.0/fs/directories{path}       204 when empty; 400 with reason
 *          FILES_API_DIRECTORY_IS_NOT_EMPTY otherwise
 * Paths are absolute, under /Volumes/<catalog>/<schema>/<volume>/ of a volume the fake was given,
 * percent-encoded (each segment, or whole with %2F as the CLI sends them).
 * Not modelled: Range / If-Unmodified-Since on downloads, multipart uploads, presigned URLs.
 * Assumed where the sources say nothing: the 404 code NOT_FOUND, and 409 RESOURCE_CONFLICT
 * for a file where a parent directory should be.
 */
export type TokenAccess = 'write' | 'read';

export interface FakeRequest {
  method: string;
  /** Decoded path, e.g. /api/2.0/fs/files/Volumes/main/agents/releases/a.md */
  path: string;
  /** The part of the path the route's pattern captured, decoded. */
  params: string[];
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  access: TokenAccess;
}

export interface FakeReply {
  status: number;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is. */
  body?: Buffer | string;
}

export interface FakeRoute {
  method: string;
  /** Matched against the raw (still percent-encoded) path; groups are decoded into `params`. */
  pattern: RegExp;
  /** Needs a token with write access. */
  writes: boolean;
  /** Answered without a bearer token (the OAuth token endpoint authenticates its callers itself); `access` is then 'read'. */
  anonymous?: boolean;
  handle(req: FakeRequest): FakeReply;
}

export interface FakeService {
  name: string;
  routes: FakeRoute[];
  /** Tokens this service issued at run time (OAuth): the access they grant, or undefined when unknown or expired. */
  authenticate?(token: string): TokenAccess | undefined;
}

export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  path: string;
  authorization?: string;
  contentType?: string;
  bodyBytes: number;
  status: number;
}

/** A scripted failure for the next matching request. */
export interface Fault {
  status?: number;
  method?: string;
  pathIncludes?: string;
  /** Sent as the Retry-After header. */
  retryAfter?: string;
  /** Apply the request first, then fail: the client never learns it succeeded. */
  afterApplying?: boolean;
  /** Drop the connection instead of answering. */
  destroy?: boolean;
}

export interface DatabricksFakeOptions {
  /** Tokens the workspace accepts; default `{ 'dapi-test-token': 'write' }`. */
  tokens?: Record<string, TokenAccess>;
  /** Volumes that exist, as catalog.schema.volume; default main.agents.releases. */
  volumes?: string[];
  /** The most entries the fake puts on one listing page, whatever page_size asks (forces paging). */
  maxPageSize?: number;
  /** Further services (Model Serving, Jobs, ...). */
  services?: FakeService[];
  /** Each answer waits a random 0..jitterMs, so concurrent clients interleave. */
  jitterMs?: number;
  /** Listings leave out optional entry fields (the SDK's DirectoryEntry has none required): files come without `path`, directories without `name`. */
  sparseListing?: boolean;
}

export interface DatabricksFake {
  /** The workspace URL, e.g. http://127.0.0.1:53421 */
  url: string;
  token: string;
  requests: RecordedRequest[];
  files: FakeFilesApi;
  failNext(...faults: Fault[]): void;
  close(): Promise<void>;
}

export function databricksError(status: number, errorCode: string, message: string, extra: Record<string, unknown> = {}, headers?: Record<string, string>): FakeReply {
  return { status, json: { error_code: errorCode, message, ...extra }, headers };
}

const faultCodes: Record<number, string> = {
  429: 'REQUEST_LIMIT_EXCEEDED',
  500: 'INTERNAL_ERROR',
  502: 'BAD_GATEWAY',
  503: 'TEMPORARILY_UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

export async function startDatabricksFake(options: DatabricksFakeOptions = {}): Promise<DatabricksFake> {
  const tokens = options.tokens ?? { 'dapi-test-token': 'write' };
  const files = new FakeFilesApi(options.volumes ?? ['main.agents.releases'], options.maxPageSize ?? 1000, options.sparseListing ?? false);
  const services: FakeService[] = [files, ...(options.services ?? [])];
  const requests: RecordedRequest[] = [];
  const faults: Fault[] = [];

  function issuedAccess(token: string): TokenAccess | undefined {
    for (const service of services) {
      const access = service.authenticate?.(token);
      if (access) return access;
    }
    return undefined;
  }

  function dispatch(method: string, rawPath: string, query: URLSearchParams, headers: IncomingHttpHeaders, body: Buffer): FakeReply {
    for (const service of services) {
      const open = service.routes.find((r) => r.anonymous && r.method === method && r.pattern.test(rawPath));
      if (open) return open.handle({ method, path: decodeSafe(rawPath), params: [], query, headers, body, access: 'read' });
    }
    const token = /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1];
    const access = token === undefined ? undefined : (tokens[token] ?? issuedAccess(token));
    if (access === undefined) {
      return databricksError(401, 'UNAUTHENTICATED', token === undefined ? 'Credential was not sent or was of an unsupported type for this API.' : 'Invalid access token.');
    }
    let pathMatched = false;
    for (const service of services) {
      for (const route of service.routes) {
        const match = route.pattern.exec(rawPath);
        if (!match) continue;
        pathMatched = true;
        if (route.method !== method) continue;
        if (route.writes && access !== 'write') {
          return databricksError(403, 'PERMISSION_DENIED', `The token may read but not write (${service.name}: ${method} needs write access).`);
        }
        let params: string[];
        try {
          params = match.slice(1).map((p) => decodeURIComponent(p ?? ''));
        } catch {
          return databricksError(400, 'INVALID_PARAMETER_VALUE', 'The path is not valid percent-encoding.');
        }
        return route.handle({ method, path: decodeSafe(rawPath), params, query, headers, body, access });
      }
    }
    return pathMatched ? databricksError(405, 'METHOD_NOT_ALLOWED', `${method} is not supported here.`) : databricksError(404, 'ENDPOINT_NOT_FOUND', `No API found for '${method} ${rawPath}'`);
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const method = req.method ?? 'GET';
      const body = Buffer.concat(chunks);
      const record: RecordedRequest = {
        method,
        path: `${url.pathname}${url.search}`,
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        bodyBytes: body.length,
        status: 0,
      };
      requests.push(record);
      const faultIndex = faults.findIndex((f) => (!f.method || f.method === method) && (!f.pathIncludes || record.path.includes(f.pathIncludes)));
      const fault = faultIndex >= 0 ? faults.splice(faultIndex, 1)[0] : undefined;
      let reply: FakeReply;
      if (fault && !fault.afterApplying) {
        reply = faultReply(fault);
      } else {
        reply = dispatch(method, url.pathname, url.searchParams, req.headers, body);
        if (fault) reply = faultReply(fault);
      }
      record.status = fault?.destroy ? 0 : reply.status;
      const delay = options.jitterMs ? Math.random() * options.jitterMs : 0;
      setTimeout(() => {
        if (fault?.destroy) return req.socket.destroy();
        const payload = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.body ?? '');
        const headers: Record<string, string> = { ...(reply.json !== undefined ? { 'content-type': 'application/json' } : {}), ...reply.headers };
        if (reply.status !== 204 && reply.status !== 304) headers['content-length'] ??= String(Buffer.byteLength(payload));
        res.writeHead(reply.status, headers);
        res.end(reply.status === 204 ? undefined : payload);
      }, delay);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token: Object.keys(tokens).find((t) => tokens[t] === 'write') ?? Object.keys(tokens)[0] ?? '',
    requests,
    files,
    failNext: (...more) => faults.push(...more),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function faultReply(fault: Fault): FakeReply {
  const status = fault.status ?? 503;
  const headers = fault.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : undefined;
  if (status === 502) return { status, body: '<html><body><h1>502 Bad Gateway</h1></body></html>', headers: { 'content-type': 'text/html', ...headers } };
  return databricksError(status, faultCodes[status] ?? 'INTERNAL_ERROR', `Injected fault (${status}).`, {}, headers);
}

function decodeSafe(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

type FakeNode = { kind: 'file'; content: Buffer; modified: number } | { kind: 'directory'; modified: number };

/** The Files API part of the fake: an in-memory tree of volumes, directories and files. */
export class FakeFilesApi implements FakeService {
  readonly name = 'files';
  readonly routes: FakeRoute[];
  private readonly nodes = new Map<string, FakeNode>();
  private readonly volumeRoots: string[];

  constructor(
    volumes: string[],
    private readonly maxPageSize: number,
    private readonly sparseListing = false,
  ) {
    this.volumeRoots = volumes.map((v) => `/Volumes/${v.split('.').join('/')}`);
    for (const root of this.volumeRoots) this.nodes.set(root, { kind: 'directory', modified: Date.now() });
    const files = /^\/api\/2\.0\/fs\/files(\/.*)$/;
    const dirs = /^\/api\/2\.0\/fs\/directories(\/.*)$/;
    this.routes = [
      { method: 'PUT', pattern: files, writes: true, handle: (r) => this.upload(r) },
      { method: 'GET', pattern: files, writes: false, handle: (r) => this.download(r, true) },
      { method: 'HEAD', pattern: files, writes: false, handle: (r) => this.download(r, false) },
      { method: 'DELETE', pattern: files, writes: true, handle: (r) => this.deleteFile(r) },
      { method: 'GET', pattern: dirs, writes: false, handle: (r) => this.list(r) },
      { method: 'PUT', pattern: dirs, writes: true, handle: (r) => this.mkdir(r) },
      { method: 'HEAD', pattern: dirs, writes: false, handle: (r) => this.statDir(r) },
      { method: 'DELETE', pattern: dirs, writes: true, handle: (r) => this.rmdir(r) },
    ];
  }

  /** Test helpers: read and write the tree directly. */
  readFile(path: string): string | undefined {
    const node = this.nodes.get(path);
    return node?.kind === 'file' ? node.content.toString('utf8') : undefined;
  }

  writeFile(path: string, content: string): void {
    this.makeParents(path);
    this.nodes.set(path, { kind: 'file', content: Buffer.from(content), modified: Date.now() });
  }

  makeDirectory(path: string): void {
    this.makeParents(`${path}/x`);
  }

  /** Every file path, sorted. */
  allFiles(): string[] {
    return [...this.nodes].filter(([, n]) => n.kind === 'file').map(([p]) => p).sort();
  }

  private upload(req: FakeRequest): FakeReply {
    const checked = this.checkPath(req.params[0] ?? '');
    if ('status' in checked) return checked;
    const { path } = checked;
    const overwriteParam = req.query.get('overwrite');
    if (overwriteParam !== null && overwriteParam !== 'true' && overwriteParam !== 'false') {
      return databricksError(400, 'INVALID_PARAMETER_VALUE', `Invalid value for overwrite: '${overwriteParam}'; expected true or false.`);
    }
    const overwrite = overwriteParam !== 'false';
    if (this.volumeRoots.includes(path)) return databricksError(400, 'INVALID_PARAMETER_VALUE', 'The path is the root of a volume, not a file.');
    const existing = this.nodes.get(path);
    if (existing?.kind === 'directory') return databricksError(409, 'ALREADY_EXISTS', `A directory already exists at ${path}.`);
    if (existing && !overwrite) return databricksError(409, 'ALREADY_EXISTS', 'The file being created already exists.');
    const conflict = this.makeParents(path);
    if (conflict) return conflict;
    this.nodes.set(path, { kind: 'file', content: req.body, modified: Date.now() });
    return { status: 204 };
  }

  private download(req: FakeRequest, withBody: boolean): FakeReply {
    const checked = this.checkPath(req.params[0] ?? '');
    if ('status' in checked) return checked;
    const node = this.nodes.get(checked.path);
    if (node?.kind !== 'file') return withBody ? databricksError(404, 'NOT_FOUND', `The file ${checked.path} does not exist.`) : { status: 404 };
    const headers = {
      'content-type': 'application/octet-stream',
      'content-length': String(node.content.length),
      'last-modified': new Date(node.modified).toUTCString(),
    };
    return { status: 200, headers, body: withBody ? node.content : '' };
  }

  private deleteFile(req: FakeRequest): FakeReply {
    const checked = this.checkPath(req.params[0] ?? '');
    if ('status' in checked) return checked;
    if (this.nodes.get(checked.path)?.kind !== 'file') return databricksError(404, 'NOT_FOUND', `The file ${checked.path} does not exist.`);
    this.nodes.delete(checked.path);
    return { status: 204 };
  }

  private list(req: FakeRequest): FakeReply {
    const checked = this.checkPath(req.params[0] ?? '');
    if ('status' in checked) return checked;
    const dir = checked.path;
    if (this.nodes.get(dir)?.kind !== 'directory') return databricksError(404, 'NOT_FOUND', `The directory ${dir} does not exist.`);
    const sizeParam = req.query.get('page_size');
    const asked = sizeParam === null ? 1000 : Number(sizeParam);
    if (!Number.isInteger(asked) || asked < 1) return databricksError(400, 'INVALID_PARAMETER_VALUE', `Invalid page_size: '${sizeParam}'.`);
    const pageSize = Math.min(asked, 1000, this.maxPageSize);
    let after = '';
    const token = req.query.get('page_token');
    if (token !== null) {
      let cursor: { dir?: unknown; after?: unknown; size?: unknown };
      try {
        cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as typeof cursor;
      } catch {
        return databricksError(400, 'INVALID_PARAMETER_VALUE', 'Invalid page_token.');
      }
      if (cursor.dir !== dir || cursor.size !== sizeParam || typeof cursor.after !== 'string') {
        return databricksError(400, 'INVALID_PARAMETER_VALUE', 'The page_token does not belong to this listing; repeat the other parameters of the first request.');
      }
      after = cursor.after;
    }
    const children = [...this.nodes]
      .filter(([p]) => p.startsWith(`${dir}/`) && !p.slice(dir.length + 1).includes('/'))
      .map(([p, node]) => ({ path: p, name: p.slice(dir.length + 1), node }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .filter((c) => c.name > after);
    const page = children.slice(0, pageSize);
    const sparse = this.sparseListing;
    const contents = page.map(({ path, name, node }) =>
      node.kind === 'file'
        ? { ...(sparse ? {} : { path }), is_directory: false, file_size: node.content.length, last_modified: node.modified, name }
        : { path, is_directory: true, ...(sparse ? {} : { name }) },
    );
    const more = children.length > page.length;
    const json: Record<string, unknown> = {};
    if (contents.length > 0) json.contents = contents;
    if (more) json.next_page_token = Buffer.from(JSON.stringify({ dir, after: page.at(-1)?.name, size: sizeParam })).toString('base64url');
    return { status: 200, json };
  }

  private mkdir(req: FakeRequest): FakeReply {
    const checked = this.checkPath(req.params[0] ?? '');
    if ('status' in checked) return checked;
    const node = this.nodes.get(checked.path);
    if (node?.kind === 'file') return databricksError(409, 'ALREADY_EXISTS', `A file already exists at ${checked.path}.`);
    return this.makeParents(`${checked.path}/x`) ?? { status: 204 };
  }

  private statDir(req: FakeRequest): FakeReply {
    const checked = this.checkPath(req.params[0] ?? '');
    if ('status' in checked) return { status: checked.status };
    return { status: this.nodes.get(checked.path)?.kind === 'directory' ? 200 : 404 };
  }

  private rmdir(req: FakeRequest): FakeReply {
    const checked = this.checkPath(req.params[0] ?? '');
    if ('status' in checked) return checked;
    const dir = checked.path;
    if (this.nodes.get(dir)?.kind !== 'directory') return databricksError(404, 'NOT_FOUND', `The directory ${dir} does not exist.`);
    if (this.volumeRoots.includes(dir)) return databricksError(400, 'INVALID_PARAMETER_VALUE', 'The root of a volume cannot be deleted.');
    if ([...this.nodes.keys()].some((p) => p.startsWith(`${dir}/`))) {
      return databricksError(400, 'BAD_REQUEST', 'The directory is not empty.', {
        details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'FILES_API_DIRECTORY_IS_NOT_EMPTY', domain: 'filesystem.databricks.com' }],
      });
    }
    this.nodes.delete(dir);
    return { status: 204 };
  }

  /** An absolute path inside a known volume, without a trailing slash. */
  private checkPath(raw: string): { path: string } | FakeReply {
    const segments = raw.split('/');
    if (segments.at(-1) === '') segments.pop();
    if (segments[0] !== '' || segments.slice(1).some((s) => s === '' || s === '.' || s === '..')) {
      return databricksError(400, 'INVALID_PARAMETER_VALUE', `The path '${raw}' is not a valid absolute path.`);
    }
    const path = segments.join('/');
    const volume = this.volumeRoots.find((root) => path === root || path.startsWith(`${root}/`));
    if (!volume) return databricksError(404, 'NOT_FOUND', `The path ${path} is not inside an existing Unity Catalog volume.`);
    return { path };
  }

  /** Creates every missing directory above `path`; a file in the way is a conflict. */
  private makeParents(path: string): FakeReply | undefined {
    const segments = path.split('/');
    for (let i = 5; i < segments.length; i++) {
      const dir = segments.slice(0, i).join('/');
      const node = this.nodes.get(dir);
      if (node?.kind === 'file') return databricksError(409, 'RESOURCE_CONFLICT', `${dir} is a file, not a directory.`);
      if (!node) this.nodes.set(dir, { kind: 'directory', modified: Date.now() });
    }
    return undefined;
  }
}
