'use strict';
({ id: 731, ids: [731,937], modules: {

/***/ 45878:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ff: () => (/* binding */ invalidResponse),
/* harmony export */   LP: () => (/* binding */ DatabricksApi)
/* harmony export */ });
/* harmony import */ var _http_client__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73329);
/* harmony import */ var _http_credentials__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(57478);
/* harmony import */ var _http_retry__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(28902);
/* harmony import */ var _mlflow_errors__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(61350);
/* harmony import */ var _files__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(94937);






class DatabricksApi {
    options;
    area;
    host;
    policy;
    timeoutMs;
    constructor(options, 
    /** Names the client in retry log lines: "databricks.serving". */
    area) {
        this.options = options;
        this.area = area;
        this.host = (0,_files__WEBPACK_IMPORTED_MODULE_4__/* .workspaceOrigin */ .SM)(options.host);
        this.policy = options.retryPolicy ?? _http_retry__WEBPACK_IMPORTED_MODULE_2__/* .defaultRetryPolicy */ .ur;
        this.timeoutMs = options.timeoutMs ?? 60_000;
    }
    get credentialsDescription() {
        return this.options.credentials.description;
    }
    async call(request) {
        const url = new URL(`${this.host}${request.path}`);
        for (const [key, value] of Object.entries(request.query ?? {}))
            url.searchParams.set(key, value);
        const body = request.json === undefined ? undefined : JSON.stringify(request.json);
        const label = `${this.area} ${request.method} ${request.path}`;
        const attempt = async (authorization) => {
            const headers = { authorization, accept: request.accept ?? 'application/json', 'user-agent': 'agent-release' };
            if (body !== undefined)
                headers['content-type'] = 'application/json';
            return (0,_http_client__WEBPACK_IMPORTED_MODULE_0__/* .send */ .tN)({ method: request.method, url: url.toString(), headers, body, timeoutMs: this.timeoutMs, signal: request.signal }, label, {
                clock: this.options.clock,
                logger: this.options.logger,
                policy: this.policy,
                retryOn: _http_client__WEBPACK_IMPORTED_MODULE_0__/* .serverErrorStatuses */ .Ae,
                idempotent: request.idempotent,
                random: this.options.random,
            });
        };
        try {
            return await (0,_http_credentials__WEBPACK_IMPORTED_MODULE_1__/* .withOneRefreshOn401 */ ._)(this.options.credentials, attempt);
        }
        catch (error) {
            if (request.signal?.aborted)
                throw error;
            throw this.apiError(request.what, error, request.hints ?? {});
        }
    }
    /** The body as JSON checked against `schema`; an empty body counts as `{}` (DELETE answers). */
    parse(what, res, schema) {
        let json;
        try {
            json = res.body.trim() === '' ? {} : JSON.parse(res.body);
        }
        catch {
            throw invalidResponse(what, `expected JSON, got ${/^\s*</.test(res.body) ? 'an HTML page (a login page or proxy?)' : JSON.stringify(res.body.slice(0, 80))}`);
        }
        const parsed = schema.safeParse(json);
        if (!parsed.success) {
            const issue = parsed.error.issues[0];
            throw invalidResponse(what, `unexpected response shape at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
        }
        return parsed.data;
    }
    apiError(what, error, hints) {
        const attempts = error instanceof _http_retry__WEBPACK_IMPORTED_MODULE_2__/* .RetriesExhaustedError */ .i5 ? error.attempts : 1;
        const root = rootCause(error);
        const retried = attempts > 1 ? `gave up after ${attempts} attempts` : undefined;
        if (root instanceof _http_client__WEBPACK_IMPORTED_MODULE_0__/* .HttpStatusError */ .F9) {
            const body = (0,_mlflow_errors__WEBPACK_IMPORTED_MODULE_3__/* .parseMlflowErrorBody */ .FY)(root.bodyExcerpt);
            const code = body?.errorCode ?? `HTTP_${root.status}`;
            const message = body?.message || `HTTP ${root.status}${root.bodyExcerpt ? ` ${root.bodyExcerpt}` : ''}`;
            const hint = root.status === 401 && hints[401] === undefined
                ? `the workspace ${(0,_http_client__WEBPACK_IMPORTED_MODULE_0__/* .redactUrl */ .BO)(this.host)} rejected ${this.options.credentials.description}${this.options.credentials.fixed ? '' : ' (also after fetching a fresh token)'}; check DATABRICKS_TOKEN or the OAuth / OIDC settings`
                : hints[root.status];
            // A gateway or crash status after the request was sent says nothing about whether it ran.
            const unknown = root.status >= 500 && root.status !== 501 && root.status !== 503;
            return new _files__WEBPACK_IMPORTED_MODULE_4__/* .DatabricksApiError */ .Ny(what, root.status, code, message, unknown, [hint, retried].filter(Boolean).join('; ') || undefined, { cause: error });
        }
        if (root instanceof _http_client__WEBPACK_IMPORTED_MODULE_0__/* .HttpTransportError */ .Mz) {
            const message = root.problem ?? (root.code === 'TIMEOUT' ? 'no answer before the request timed out' : `the workspace at ${(0,_http_client__WEBPACK_IMPORTED_MODULE_0__/* .redactUrl */ .BO)(this.host)} could not be reached`);
            return new _files__WEBPACK_IMPORTED_MODULE_4__/* .DatabricksApiError */ .Ny(what, undefined, root.code, message, root.maybeDelivered, retried, { cause: error });
        }
        return new _files__WEBPACK_IMPORTED_MODULE_4__/* .DatabricksApiError */ .Ny(what, undefined, 'CLIENT_ERROR', root instanceof Error ? root.message : String(root), false, undefined, { cause: error });
    }
}
function invalidResponse(what, message) {
    return new _files__WEBPACK_IMPORTED_MODULE_4__/* .DatabricksApiError */ .Ny(what, 200, 'INVALID_RESPONSE', message, false, undefined);
}
function rootCause(error) {
    return error instanceof _http_retry__WEBPACK_IMPORTED_MODULE_2__/* .RetriesExhaustedError */ .i5 ? error.lastError : error;
}


/***/ }),

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


/***/ }),

/***/ 48235:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cs: () => (/* binding */ waitForRun),
/* harmony export */   Ox: () => (/* binding */ failedTasks),
/* harmony export */   g5: () => (/* binding */ failureOf),
/* harmony export */   r8: () => (/* binding */ lastAttempts),
/* harmony export */   xf: () => (/* binding */ pollDelay)
/* harmony export */ });
/* unused harmony exports defaultPollInitialMs, defaultPollMaxMs, phaseOf, isTerminal, JobRunTimeoutError */
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);

const defaultPollInitialMs = 5_000;
const defaultPollMaxMs = 60_000;
/**
 * The wait before poll number `pollIndex + 1`: min(max, initial * 2^pollIndex), jittered by \u00b120 %
 * so many waiting workflows do not poll in step (random 0.5 gives the ceiling itself).
 */
function pollDelay(pollIndex, initialMs, maxMs, random) {
    const ceiling = Math.min(maxMs, initialMs * 2 ** pollIndex);
    return Math.round(ceiling * (0.8 + 0.4 * random()));
}
/** The run's phase as one word, preferring the non-deprecated `status`. */
function phaseOf(run) {
    return run.status?.state ?? run.state?.life_cycle_state ?? 'UNKNOWN';
}
function isTerminal(run) {
    if (run.status?.state !== undefined)
        return run.status.state === 'TERMINATED';
    const legacy = run.state?.life_cycle_state;
    return legacy === 'TERMINATED' || legacy === 'SKIPPED' || legacy === 'INTERNAL_ERROR';
}
/** How a terminal run ended, e.g. "FAILED (RUN_EXECUTION_ERROR: Task eval failed)"; null when it succeeded. */
function failureOf(run) {
    const details = run.status?.termination_details;
    const result = run.state?.result_state;
    const lifeCycle = run.state?.life_cycle_state;
    const succeeded = details?.code !== undefined ? details.code === 'SUCCESS' && (result === undefined || result === 'SUCCESS') : result === 'SUCCESS';
    if (succeeded)
        return null;
    const outcome = result ?? (lifeCycle === 'INTERNAL_ERROR' || lifeCycle === 'SKIPPED' ? lifeCycle : details?.code) ?? 'UNKNOWN';
    const why = [details?.code && details.code !== outcome ? details.code : undefined, details?.message || run.state?.state_message].filter(Boolean).join(': ');
    return why ? `${outcome} (${why})` : outcome;
}
/**
 * The last attempt of each task, in the order the tasks first appear. runs/get lists a retried
 * task once per attempt, in no promised order; the highest `attempt_number` (absent reads as 0)
 * is the one that says how the task ended. Equal numbers keep the later entry.
 */
function lastAttempts(tasks) {
    const last = new Map();
    for (const task of tasks) {
        const seen = last.get(task.task_key);
        if (!seen || (task.attempt_number ?? 0) >= (seen.attempt_number ?? 0))
            last.set(task.task_key, task);
    }
    return [...last.values()];
}
/** Tasks whose last attempt did not succeed, in the run's order (an attempt retried to success is not a failure). */
function failedTasks(run) {
    return lastAttempts(run.tasks ?? []).filter((t) => isTerminal(t) && failureOf(t) !== null);
}
/** A run still going when the wait gave up; `cancelled` says whether runs/cancel was sent. */
class JobRunTimeoutError extends _errors__WEBPACK_IMPORTED_MODULE_0__/* .RemoteError */ .Hi {
    run;
    cancelled;
    constructor(message, run, cancelled) {
        super(message);
        this.run = run;
        this.cancelled = cancelled;
    }
}
/**
 * Polls runs/get until the run is terminal or `timeoutMs` passes, with capped exponential
 * backoff (runs take minutes to hours; polling every few seconds for hours only burns the
 * workspace's rate limit). Logs one line per change of phase. Each poll is itself retried by
 * the client, so a 429 burst delays a poll rather than failing the wait.
 */
async function waitForRun(client, runId, options) {
    const { clock, logger } = options;
    const initial = options.pollInitialMs ?? defaultPollInitialMs;
    const max = options.pollMaxMs ?? defaultPollMaxMs;
    const random = options.random ?? Math.random;
    const deadline = clock.now() + options.timeoutMs;
    let lastPhase = '';
    for (let poll = 0;; poll++) {
        const run = await client.getRun(runId);
        const phase = describePhase(run);
        if (phase !== lastPhase) {
            logger.info(`${options.label}: ${phase}${lastPhase === '' && run.run_page_url ? ` (${run.run_page_url})` : ''}`);
            lastPhase = phase;
        }
        if (isTerminal(run))
            return run;
        const left = deadline - clock.now();
        if (left <= 0)
            throw await timedOut(client, run, options);
        // Never sleep past the deadline: the last poll lands on it, so a run that ends just in time is seen.
        try {
            await clock.sleep(Math.min(pollDelay(poll, initial, max, random), left), options.signal);
        }
        catch (error) {
            if (!options.signal?.aborted)
                throw error;
            throw await abandoned(client, run, options);
        }
    }
}
/** Cancelled while waiting (Ctrl-C, SIGTERM, a cancelled job): the run goes on in the workspace unless cancel_on_timeout says to cancel it too. */
async function abandoned(client, run, options) {
    const stopped = `${(0,_errors__WEBPACK_IMPORTED_MODULE_0__/* .cancellation */ .WN)(options.signal?.reason)} while waiting for ${options.label}${run.run_page_url ? ` (${run.run_page_url})` : ''}`;
    if (!options.cancelOnTimeout)
        return new _errors__WEBPACK_IMPORTED_MODULE_0__/* .CancelledError */ .cc(`${stopped}; the run was NOT cancelled and may still finish: cancel it in the workspace if it should not (a re-run of evaluate starts a new run)`);
    try {
        await client.cancelRun(run.run_id);
        return new _errors__WEBPACK_IMPORTED_MODULE_0__/* .CancelledError */ .cc(`${stopped}; the run was cancelled too (runs/cancel, as cancel_on_timeout asks)`);
    }
    catch (error) {
        return new _errors__WEBPACK_IMPORTED_MODULE_0__/* .CancelledError */ .cc(`${stopped}; cancelling the run failed (${error.message}), so cancel it in the workspace`);
    }
}
function describePhase(run) {
    const phase = phaseOf(run);
    if (phase !== 'QUEUED')
        return phase;
    const queue = run.status?.queue_details;
    const reason = queue ? [queue.code, queue.message].filter(Boolean).join(': ') : run.state?.queue_reason;
    return reason ? `QUEUED (${reason})` : 'QUEUED';
}
async function timedOut(client, run, options) {
    const minutes = Math.round(options.timeoutMs / 60_000);
    const waited = minutes >= 1 ? `${minutes} min` : `${Math.round(options.timeoutMs / 1000)} s`;
    const where = run.run_page_url ? ` at ${run.run_page_url}` : '';
    if (!options.cancelOnTimeout) {
        return new JobRunTimeoutError(`${options.label} is still ${phaseOf(run)} after ${waited}${where}; it was NOT cancelled and may still finish. ` +
            'Raise evaluate.databricks_job.timeout, or set cancel_on_timeout: true to cancel runs that overrun', run, false);
    }
    try {
        await client.cancelRun(run.run_id);
    }
    catch (error) {
        return new JobRunTimeoutError(`${options.label} is still ${phaseOf(run)} after ${waited}${where}; cancelling it failed (${error.message}), so cancel it in the workspace`, run, false);
    }
    return new JobRunTimeoutError(`${options.label} was still ${phaseOf(run)} after ${waited}${where}; it was cancelled (runs/cancel). Raise evaluate.databricks_job.timeout if the evaluation needs longer`, run, true);
}


/***/ }),

/***/ 34006:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ defaultGraceMs),
/* harmony export */   z: () => (/* binding */ supervise)
/* harmony export */ });
/* harmony import */ var node_string_decoder__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(46193);
/* harmony import */ var node_string_decoder__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_string_decoder__WEBPACK_IMPORTED_MODULE_0__);

const tailLines = 20;
// Callers parse stdout (e.g. `bundle summary --output json`); more than this would be a runaway.
const stdoutCap = 8 * 1024 * 1024;
const defaultGraceMs = 10_000;
/** After the leader exits, how long its output may take to end before what holds it is stopped. */
const drainMs = 250;
const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref());
async function supervise(call) {
    // Looked up here, not imported: node:child_process (with net and dgram) is 1-2 ms of the
    // start-up of every run, and gate and promote never start a process.
    const { spawn } = process.getBuiltinModule('node:child_process');
    let child;
    try {
        child = spawn(call.program, [...call.args], { cwd: call.cwd, env: call.env, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
    }
    catch (error) {
        return { kind: 'not-started', reason: error.message, notFound: error.code === 'ENOENT' };
    }
    const output = { stdout: '', tail: [], stderrTail: [] };
    const keep = (lines, line) => {
        lines.push(line);
        if (lines.length > tailLines)
            lines.shift();
    };
    const outLines = lineSplitter((line) => {
        keep(output.tail, line);
        call.onLine?.(line, 'stdout');
    });
    const errLines = lineSplitter((line) => {
        keep(output.tail, line);
        keep(output.stderrTail, line);
        call.onLine?.(line, 'stderr');
    });
    // One decoder per stream: a multi-byte character split across two chunks stays whole.
    const stdoutText = new node_string_decoder__WEBPACK_IMPORTED_MODULE_0__.StringDecoder('utf8');
    child.stdout?.on('data', (chunk) => {
        if (output.stdout.length < stdoutCap)
            output.stdout += stdoutText.write(chunk);
        outLines.push(chunk);
    });
    child.stderr?.on('data', errLines.push);
    const flush = () => {
        outLines.flush();
        errLines.flush();
    };
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    const closed = new Promise((resolve) => {
        child.once('close', () => resolve({}));
        child.once('error', (error) => resolve({ error }));
    });
    // If this process dies first, the detached group would run on with no one to stop it.
    const killOnExit = () => killGroup(child, 'SIGKILL');
    process.once('exit', killOnExit);
    const timers = new AbortController();
    const timedOut = call.clock.sleep(call.timeoutMs, timers.signal).then(() => 'timeout', () => new Promise(() => undefined));
    let onAbort = () => undefined;
    const cancelled = new Promise((resolve) => {
        onAbort = () => resolve('cancelled');
        if (call.signal?.aborted)
            onAbort();
        else
            call.signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
        const first = await Promise.race([closed, exited.then(() => 'exited'), timedOut, cancelled]);
        if (typeof first === 'object' && first.error)
            return { kind: 'not-started', reason: first.error.message, notFound: first.error.code === 'ENOENT' };
        if (first === 'exited' || typeof first === 'object') {
            // The leader is done. Its output ends when every process holding the pipes is gone; one it
            // left running (`server &`, a worker pool) is stopped like a runner's orphan cleanup would.
            const drained = await Promise.race([closed.then(() => true), delay(drainMs).then(() => false)]);
            if (!drained || (child.pid !== undefined && groupAlive(child.pid))) {
                call.onStop?.('left-running');
                await stop(child, { exited, closed }, call);
            }
            flush();
            return { kind: 'exited', ...(await exited), ...output };
        }
        call.onStop?.(first);
        const stoppedWith = await stop(child, { exited, closed }, call);
        flush();
        return first === 'timeout' ? { kind: 'timeout', stoppedWith, ...output } : { kind: 'cancelled', reason: call.signal?.reason, stoppedWith, ...output };
    }
    finally {
        timers.abort();
        call.signal?.removeEventListener('abort', onAbort);
        process.removeListener('exit', killOnExit);
    }
}
/**
 * SIGTERM to the group, SIGKILL if it is still there after the grace period. Stopped means the
 * pipes closed: the leader and every process that inherited its output are gone.
 */
async function stop(child, ends, call) {
    killGroup(child, 'SIGTERM');
    const grace = new AbortController();
    const graceful = await Promise.race([
        ends.closed.then(() => true),
        call.clock.sleep(call.graceMs ?? defaultGraceMs, grace.signal).then(() => false, () => true),
    ]);
    grace.abort();
    if (!graceful) {
        call.onStop?.('grace-expired');
        killGroup(child, 'SIGKILL');
    }
    // A child that never started has no exit event, only close (after its error).
    await Promise.race([ends.exited, ends.closed]);
    child.stdout?.destroy();
    child.stderr?.destroy();
    return graceful ? 'SIGTERM' : 'SIGKILL';
}
function killGroup(child, signal) {
    if (child.pid === undefined)
        return;
    try {
        if (process.platform === 'win32')
            child.kill(signal);
        else
            process.kill(-child.pid, signal);
    }
    catch {
        // Already gone.
    }
}
function groupAlive(pgid) {
    if (process.platform === 'win32')
        return false;
    try {
        process.kill(-pgid, 0);
        return true;
    }
    catch {
        return false;
    }
}
/** Chunks to whole lines (a line may arrive in pieces); empty lines are dropped. */
function lineSplitter(onLine) {
    let pending = '';
    const decoder = new node_string_decoder__WEBPACK_IMPORTED_MODULE_0__.StringDecoder('utf8');
    return {
        push: (chunk) => {
            const parts = (pending + decoder.write(chunk)).split(/\r?\n/);
            pending = parts.pop() ?? '';
            for (const part of parts)
                if (part.trim())
                    onLine(part);
        },
        flush: () => {
            pending += decoder.end();
            if (pending.trim())
                onLine(pending);
            pending = '';
        },
    };
}


/***/ })

} })
