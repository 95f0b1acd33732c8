'use strict';
({ id: 937, ids: [937], modules: {

/***/ 94937:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DatabricksFilesClient: () => (/* binding */ DatabricksFilesClient),
/* harmony export */   Ny: () => (/* binding */ DatabricksApiError),
/* harmony export */   SM: () => (/* binding */ workspaceOrigin),
/* harmony export */   _x: () => (/* binding */ checkVolumePath),
/* harmony export */   c4: () => (/* binding */ isNotFound),
/* harmony export */   x9: () => (/* binding */ isAlreadyExists)
/* harmony export */ });
/* unused harmony export encodePath */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(92857);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _http_client__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73329);
/* harmony import */ var _http_credentials__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(57478);
/* harmony import */ var _http_retry__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(28902);
/* harmony import */ var _mlflow_errors__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(61350);
/* harmony import */ var _config_zod_helpers__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(53595);







/** A failed Files API call: `<what> <path>: <error_code>: <message>` with a hint for the common codes. */
class DatabricksApiError extends _errors__WEBPACK_IMPORTED_MODULE_0__/* .RemoteError */ .Hi {
    what;
    status;
    errorCode;
    serverMessage;
    outcomeUnknown;
    constructor(what, 
    /** HTTP status, or undefined when no response came. */
    status, errorCode, serverMessage, 
    /** True when the server may have acted on the request although no success came back. */
    outcomeUnknown, hint, options) {
        super(`${what}: ${errorCode}: ${serverMessage}${hint ? `; ${hint}` : ''}`, options);
        this.what = what;
        this.status = status;
        this.errorCode = errorCode;
        this.serverMessage = serverMessage;
        this.outcomeUnknown = outcomeUnknown;
    }
}
const isNotFound = (error) => error instanceof DatabricksApiError && error.status === 404;
const isAlreadyExists = (error) => error instanceof DatabricksApiError && error.status === 409;
/** The SDK's DirectoryEntry: every field optional; an entry needs a path or a name to be named at all. */
const entrySchema = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_5__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_6__/* .object */ .Ikc({
    path: zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP().optional(),
    name: zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP().optional(),
    is_directory: zod__WEBPACK_IMPORTED_MODULE_6__/* .boolean */ .zMY().optional(),
    file_size: zod__WEBPACK_IMPORTED_MODULE_6__/* .number */ .aig().optional(),
    last_modified: zod__WEBPACK_IMPORTED_MODULE_6__/* .number */ .aig().optional(),
}));
const listSchema = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_5__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_6__/* .object */ .Ikc({ contents: zod__WEBPACK_IMPORTED_MODULE_6__/* .array */ .YOg(entrySchema).optional(), next_page_token: zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP().optional() }));
class DatabricksFilesClient {
    options;
    host;
    policy;
    timeoutMs;
    pageSize;
    constructor(options) {
        this.options = options;
        this.host = workspaceOrigin(options.host);
        this.policy = options.retryPolicy ?? _http_retry__WEBPACK_IMPORTED_MODULE_3__/* .defaultRetryPolicy */ .ur;
        this.timeoutMs = options.timeoutMs ?? 60_000;
        this.pageSize = options.pageSize ?? 1000;
        if (!Number.isInteger(this.pageSize) || this.pageSize < 1 || this.pageSize > 1000) {
            throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`Files API page size must be an integer from 1 to 1000 (got ${this.pageSize})`);
        }
    }
    /**
     * Writes a file. With `overwrite: false` an existing file makes this throw a
     * DatabricksApiError with status 409 (`isAlreadyExists`). A create-only write is not
     * idempotent: it is retried only when the server cannot have acted (429, 503, refused
     * connection); any other failure surfaces with `outcomeUnknown` so the caller can re-read.
     */
    async upload(path, content, options) {
        await this.call('upload', 'PUT', 'files', path, {
            query: { overwrite: String(options.overwrite) },
            body: content,
            contentType: 'application/octet-stream',
            idempotent: options.overwrite,
        });
    }
    /** The file's content as text (the HTTP layer decodes UTF-8). Throws a 404 error when absent (`isNotFound`). */
    async download(path) {
        return (await this.call('download', 'GET', 'files', path, { accept: 'application/octet-stream' })).body;
    }
    async deleteFile(path) {
        await this.call('delete', 'DELETE', 'files', path, {});
    }
    /** `mkdir -p`; succeeds when the directory exists. */
    async createDirectory(path) {
        await this.call('create directory', 'PUT', 'directories', path, {});
    }
    async deleteDirectory(path) {
        await this.call('delete directory', 'DELETE', 'directories', path, {});
    }
    /** Every entry of a directory, across all pages. Throws a 404 error when it does not exist (`isNotFound`). */
    async listDirectory(path) {
        const entries = [];
        const seenTokens = new Set();
        let pageToken;
        do {
            const query = { page_size: String(this.pageSize) };
            if (pageToken !== undefined)
                query.page_token = pageToken;
            const res = await this.call('list directory', 'GET', 'directories', path, { query, accept: 'application/json' });
            let json;
            try {
                json = res.body.trim() === '' ? {} : JSON.parse(res.body);
            }
            catch {
                throw this.invalid('list directory', path, `expected JSON, got ${/^\s*</.test(res.body) ? 'an HTML page (a login page or proxy?)' : JSON.stringify(res.body.slice(0, 80))}`);
            }
            const parsed = listSchema.safeParse(json);
            if (!parsed.success) {
                const issue = parsed.error.issues[0];
                throw this.invalid('list directory', path, `unexpected response shape at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
            }
            for (const e of parsed.data.contents ?? []) {
                const entryPath = e.path ?? (e.name ? `${path.replace(/\/+$/, '')}/${e.name}` : undefined);
                if (entryPath === undefined)
                    throw this.invalid('list directory', path, 'an entry has neither path nor name, so it cannot be told apart from the others');
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
                if (seenTokens.has(pageToken))
                    throw this.invalid('list directory', path, `the server returned page token ${pageToken} twice`);
                seenTokens.add(pageToken);
            }
        } while (pageToken !== undefined);
        return entries;
    }
    async call(what, method, endpoint, path, options) {
        const absolute = checkVolumePath(path);
        const url = new URL(`${this.host}/api/2.0/fs/${endpoint}${encodePath(absolute)}`);
        for (const [key, value] of Object.entries(options.query ?? {}))
            url.searchParams.set(key, value);
        const headers = { 'user-agent': 'agent-release' };
        if (options.accept)
            headers.accept = options.accept;
        if (options.contentType)
            headers['content-type'] = options.contentType;
        const label = `databricks.files ${method} ${endpoint}${absolute}`;
        this.options.logger?.debug(`${label}`);
        const attempt = (authorization) => (0,_http_client__WEBPACK_IMPORTED_MODULE_1__/* .send */ .tN)({ method, url: url.toString(), headers: { ...headers, authorization }, body: options.body, timeoutMs: this.timeoutMs }, label, {
            clock: this.options.clock,
            logger: this.options.logger,
            policy: this.policy,
            retryOn: _http_client__WEBPACK_IMPORTED_MODULE_1__/* .serverErrorStatuses */ .Ae,
            idempotent: options.idempotent ?? true,
            random: this.options.random,
        });
        try {
            return await (0,_http_credentials__WEBPACK_IMPORTED_MODULE_2__/* .withOneRefreshOn401 */ ._)(this.options.credentials, attempt);
        }
        catch (error) {
            throw toApiError(`${what} ${absolute}`, error, this.host);
        }
    }
    invalid(what, path, message) {
        return new DatabricksApiError(`${what} ${path}`, 200, 'INVALID_RESPONSE', message, false, undefined);
    }
}
function toApiError(what, error, host) {
    const attempts = error instanceof _http_retry__WEBPACK_IMPORTED_MODULE_3__/* .RetriesExhaustedError */ .i5 ? error.attempts : 1;
    const root = error instanceof _http_retry__WEBPACK_IMPORTED_MODULE_3__/* .RetriesExhaustedError */ .i5 ? error.lastError : error;
    const retried = attempts > 1 ? `gave up after ${attempts} attempts` : undefined;
    if (root instanceof _http_client__WEBPACK_IMPORTED_MODULE_1__/* .HttpStatusError */ .F9) {
        const body = (0,_mlflow_errors__WEBPACK_IMPORTED_MODULE_4__/* .parseMlflowErrorBody */ .FY)(root.bodyExcerpt);
        const code = body?.errorCode ?? `HTTP_${root.status}`;
        const message = body?.message || `HTTP ${root.status}${root.bodyExcerpt ? ` ${root.bodyExcerpt}` : ''}`;
        // A gateway or crash status after the request was sent says nothing about whether it ran.
        const unknown = root.status >= 500 && root.status !== 501 && root.status !== 503;
        return new DatabricksApiError(what, root.status, code, message, unknown, joinHints(hintFor(root.status, host), retried), { cause: error });
    }
    if (root instanceof _http_client__WEBPACK_IMPORTED_MODULE_1__/* .HttpTransportError */ .Mz) {
        const message = root.problem ?? (root.code === 'TIMEOUT' ? 'no answer before the request timed out' : `the workspace at ${(0,_http_client__WEBPACK_IMPORTED_MODULE_1__/* .redactUrl */ .BO)(host)} could not be reached`);
        return new DatabricksApiError(what, undefined, root.code, message, root.maybeDelivered, retried, { cause: error });
    }
    return new DatabricksApiError(what, undefined, 'CLIENT_ERROR', root instanceof Error ? root.message : String(root), false, undefined, { cause: error });
}
function hintFor(status, host) {
    switch (status) {
        case 401:
            return `the workspace ${(0,_http_client__WEBPACK_IMPORTED_MODULE_1__/* .redactUrl */ .BO)(host)} rejected the credentials: set DATABRICKS_TOKEN, or configure OAuth (DATABRICKS_CLIENT_ID with a secret or GitHub OIDC)`;
        case 403:
            return 'the credentials are valid but lack permission: grant READ VOLUME and WRITE VOLUME on the volume (and USE CATALOG / USE SCHEMA on its parents)';
        default:
            return undefined;
    }
}
function joinHints(...hints) {
    return hints.filter(Boolean).join('; ') || undefined;
}
/** The workspace URL's origin; a path, a query or credentials in it are refused. */
function workspaceOrigin(host) {
    let url;
    try {
        url = new URL(host);
    }
    catch {
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`Databricks host ${JSON.stringify(host)} is not a URL; write it like https://adb-1234567890123456.7.azuredatabricks.net`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`Databricks host ${(0,_http_client__WEBPACK_IMPORTED_MODULE_1__/* .redactUrl */ .BO)(host)} must be an http(s) URL`);
    if (url.username || url.password)
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL('Databricks host must not carry credentials; pass the token separately (DATABRICKS_TOKEN)');
    if (url.pathname.replace(/\/+$/, '') !== '' || url.search) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`Databricks host ${(0,_http_client__WEBPACK_IMPORTED_MODULE_1__/* .redactUrl */ .BO)(host)} must be the workspace URL alone, without a path or query`);
    }
    return url.origin;
}
/**
 * Checks an absolute Volume path: `/Volumes/<catalog>/<schema>/<volume>[/...]`, no empty, `.` or
 * `..` segments, no control characters. Returns it without a trailing slash.
 */
function checkVolumePath(path) {
    const segments = path.split('/');
    const refuse = (why) => {
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`${JSON.stringify(path)} is not a Volume path: ${why}; write it like /Volumes/<catalog>/<schema>/<volume>/dir/file`);
    };
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f\\]/.test(path))
        refuse('it contains a control character or a backslash');
    if (segments[0] !== '' || segments[1] !== 'Volumes')
        refuse('it must start with /Volumes/');
    const rest = segments.slice(2);
    if (rest.at(-1) === '')
        rest.pop();
    if (rest.length < 3)
        refuse('it must name a catalog, a schema and a volume');
    if (rest.some((s) => s === '' || s === '.' || s === '..'))
        refuse('it has an empty, "." or ".." segment');
    return `/Volumes/${rest.join('/')}`;
}
/** Percent-encodes each segment and keeps the slashes, like the SDK's multi-segment path parameter. */
function encodePath(path) {
    return path
        .split('/')
        .map((segment) => encodeURIComponent(segment))
        .join('/');
}


/***/ })

} })
