'use strict';
({ id: 338, ids: [338,171,937], modules: {

/***/ 2123:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ canonicalJson)
/* harmony export */ });
/** JSON with every object's keys sorted, so equal settings hash equal whatever order they were written in. */
function canonicalJson(value, omitKeys = new Set()) {
    return JSON.stringify(value, (key, v) => {
        if (omitKeys.has(key))
            return undefined;
        return v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v;
    });
}


/***/ }),

/***/ 2162:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fc: () => (/* binding */ decisionSchemaId),
/* harmony export */   Ow: () => (/* binding */ decisionSchema)
/* harmony export */ });
/* unused harmony export ruleResultSchema */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2857);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4377);
/* harmony import */ var _config_zod_helpers__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3595);


const decisionSchemaId = 'agent-release.decision/v1';
const ruleResultSchema = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_0__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    rule: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    metric: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    passed: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(),
    /** A warning does not fail the decision but is shown. */
    warning: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY().default(false),
    reason: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    inputs: zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .unknown */ .L5J()),
}));
const decisionSchema = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_0__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    schema: zod__WEBPACK_IMPORTED_MODULE_1__/* .literal */ .euz(decisionSchemaId),
    model: zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({ name: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), version: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP() }),
    /** `error`: the gate could not decide (or has not finished); promote refuses it like `fail`. */
    decision: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['pass', 'fail', 'error']),
    rules: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(ruleResultSchema),
    /** sha256 of every file the decision read, by path. */
    inputs: zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()),
    /** Every alias and its holder when the gate decided, for promote's compare-and-set. */
    aliases: zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()),
    decided_at: zod__WEBPACK_IMPORTED_MODULE_2__/* .datetime */ .w$(),
    /** sha256 of the gate settings that decided (src/gate/policy-digest.ts); promote refuses a pass made under other settings. Absent in records made before it was kept. */
    gate_policy: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(/^[0-9a-f]{64}$/).optional(),
    run: zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({ actor: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), url: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullable(), sha: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullable() }),
}));


/***/ }),

/***/ 7637:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   W: () => (/* binding */ readJsonIfExists)
/* harmony export */ });
/* harmony import */ var _fs_async__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7253);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);


/**
 * A JSON file this tool wrote earlier, or undefined when there is none yet. Text that is not JSON
 * is an InputError with `notJson`'s message (given the parser's reason), which says what to do.
 */
async function readJsonIfExists(file, notJson) {
    let text;
    try {
        text = await (0,_fs_async__WEBPACK_IMPORTED_MODULE_0__/* .readFile */ .TA)(file, 'utf8');
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return undefined;
        throw error;
    }
    try {
        return JSON.parse(text);
    }
    catch (error) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(notJson(error.message));
    }
}


/***/ }),

/***/ 4937:
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
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2857);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _http_client__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3329);
/* harmony import */ var _http_credentials__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7478);
/* harmony import */ var _http_retry__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8902);
/* harmony import */ var _mlflow_errors__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1350);
/* harmony import */ var _config_zod_helpers__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3595);







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

/***/ 4743:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $_: () => (/* binding */ shardLabel),
/* harmony export */   Dr: () => (/* binding */ shardDirName),
/* harmony export */   Iw: () => (/* binding */ inShard),
/* harmony export */   _1: () => (/* binding */ shardRows),
/* harmony export */   hd: () => (/* binding */ fileDigest),
/* harmony export */   uK: () => (/* binding */ parseShard)
/* harmony export */ });
/* harmony import */ var _contract_file_chunks__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2541);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _hash_sha256__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6813);



const expectedForm = 'i/n with 1 \u2264 i \u2264 n (e.g. 2/4: the second of four slices; in a matrix, shard: ${{ matrix.shard }}/4)';
/** Parses the `shard` input; empty means the whole dataset. */
function parseShard(text) {
    const trimmed = text?.trim() ?? '';
    if (trimmed === '')
        return null;
    const match = /^(\d+)\/(\d+)$/.exec(trimmed);
    if (!match)
        throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb(`shard "${trimmed}" is not of the form ${expectedForm}`);
    const index = Number(match[1]);
    const count = Number(match[2]);
    if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb(`shard "${trimmed}" is out of range: expected ${expectedForm}`);
    }
    return { index, count };
}
/**
 * Example k (0-based among the dataset's non-empty rows) belongs to shard (k mod n) + 1.
 * Round-robin rather than contiguous blocks: the slice depends only on the row's position, so
 * it is the same on every runner, and shards stay balanced if hard examples cluster in the file.
 */
function inShard(shard, position) {
    return position % shard.count === shard.index - 1;
}
/** How many of `rows` examples shard i/n holds. */
function shardRows(shard, rows) {
    return shard.index > rows ? 0 : Math.floor((rows - shard.index) / shard.count) + 1;
}
function shardLabel(shard) {
    return `${shard.index}/${shard.count}`;
}
/** The folder under a version's directory a shard writes to, so shards never overwrite each other or the merged files. */
function shardDirName(shard) {
    return `shard-${shard.index}-of-${shard.count}`;
}
/** sha256 over a file's bytes, streamed, as "sha256:<hex>". */
async function fileDigest(file) {
    const hash = (0,_hash_sha256__WEBPACK_IMPORTED_MODULE_2__/* .createSha256 */ .Yg)();
    for await (const chunk of (0,_contract_file_chunks__WEBPACK_IMPORTED_MODULE_0__/* .fileChunks */ .T)(file))
        hash.update(chunk);
    return `sha256:${hash.digest('hex')}`;
}


/***/ }),

/***/ 345:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Oz: () => (/* binding */ baselineSourceFor)
});

// UNUSED EXPORTS: artifactsDirectory, explicitFiles

// EXTERNAL MODULE: ./src/fs-async.ts
var fs_async = __webpack_require__(7253);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/modes/paths.ts
var paths = __webpack_require__(924);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: ./src/tracking/runs.ts
var tracking_runs = __webpack_require__(8891);
;// CONCATENATED MODULE: ./src/gate/baseline-mlflow.ts




/**
 * The champion's evaluation from MLflow: the latest FINISHED `eval_pre_deploy_*` run in the
 * evaluation experiment tagged with the holder's model name and version and with the
 * candidate's dataset digest (`agent_release.dataset.digest`, which recordEvaluation sets),
 * its summary.json and results.jsonl downloaded to a temp directory, removed once the gate read them.
 */
function mlflowBaselineSource(options) {
    const { client, experiment } = options;
    return {
        kind: 'mlflow',
        async find({ model, alias, holder, candidateVersion, datasetDigest }) {
            if (holder === null)
                return { kind: 'none', reason: `no version holds @${alias} yet (first release): nothing to compare with, so the baseline comparison is skipped` };
            if (holder === candidateVersion)
                return { kind: 'none', reason: `version ${holder} already holds @${alias}: it is its own champion, so the baseline comparison is skipped` };
            const fix = `evaluate version ${holder} on the same dataset (agent-release evaluate --model-version ${holder}) so it is recorded there, or point gate.baseline.summary_path at its evaluation`;
            const wanted = `FINISHED ${tracking_runs/* runNamePrefixes */.n1.evaluation}* run tagged ${tracking_runs/* trackingTags */.tQ.modelName}=${model}, ${tracking_runs/* trackingTags */.tQ.modelVersion}=${holder} and ${tracking_runs/* trackingTags */.tQ.datasetDigest}=${datasetDigest}`;
            const found = await client.getExperiment(experiment);
            if (!found)
                return { kind: 'missing', reason: `@${alias} is held by version ${holder}, but the evaluation experiment ${experiment} does not exist at ${client.trackingUri}; ${fix}` };
            const { runs } = await client.searchRuns({
                experimentIds: [found.experiment_id],
                filter: (0,tracking_runs/* evaluationRunFilter */.Kp)(model, holder, datasetDigest),
                orderBy: ['attributes.start_time DESC'],
                maxResults: 1,
            });
            const [run] = runs;
            if (!run)
                return { kind: 'missing', reason: `@${alias} is held by version ${holder}, but experiment ${experiment} has no ${wanted}; ${fix}` };
            const dir = await (0,fs_async/* mkdtemp */.jV)(external_node_path_default().join(options.tempRoot ?? external_node_os_default().tmpdir(), 'agent-release-baseline-'));
            const cleanup = () => (0,fs_async.rm)(dir, { recursive: true, force: true });
            const summaryFile = external_node_path_default().join(dir, tracking_runs/* summaryArtifact */.Xr);
            const resultsFile = external_node_path_default().join(dir, tracking_runs/* resultsArtifact */.p$);
            try {
                for (const [artifact, file] of [
                    [tracking_runs/* summaryArtifact */.Xr, summaryFile],
                    [tracking_runs/* resultsArtifact */.p$, resultsFile],
                ]) {
                    if (!(await client.downloadArtifact(run, artifact, file))) {
                        await cleanup();
                        return { kind: 'missing', reason: `@${alias} is held by version ${holder}, and its evaluation run ${run.info.run_name} (${run.info.run_id}) in ${experiment} has no ${artifact} artifact; ${fix}` };
                    }
                }
            }
            catch (error) {
                await cleanup();
                throw error;
            }
            // Recorded as where they live, not where this runner happened to download them.
            const shownAs = { summary: `mlflow-run:${run.info.run_id}/${tracking_runs/* summaryArtifact */.Xr}`, results: `mlflow-run:${run.info.run_id}/${tracking_runs/* resultsArtifact */.p$}` };
            return { kind: 'found', summaryFile, resultsFile, shownAs, cleanup, expectedVersion: holder, origin: `@${alias} (version ${holder}), MLflow run ${run.info.run_name} (${run.info.run_id})` };
        },
    };
}

;// CONCATENATED MODULE: ./src/gate/baseline-source.ts




/**
 * gate.baseline's paths when given; else the holder's evaluation in the artifacts directory, and
 * when it is not there (another job, another runner) its evaluation run in the tracking server.
 */
function baselineSourceFor(loaded, config, tracking) {
    if (config.summary_path !== undefined) {
        const summaryFile = external_node_path_default().resolve(loaded.workdir, config.summary_path);
        const resultsFile = config.results_path !== undefined ? external_node_path_default().resolve(loaded.workdir, config.results_path) : external_node_path_default().join(external_node_path_default().dirname(summaryFile), 'results.jsonl');
        return explicitFiles(loaded, summaryFile, resultsFile);
    }
    const local = artifactsDirectory(loaded);
    if (!tracking)
        return local;
    const remote = mlflowBaselineSource({ client: tracking.client, experiment: tracking.tracker.experiments.evaluation });
    return {
        kind: 'artifacts+mlflow',
        async find(request) {
            const found = await local.find(request);
            if (found.kind !== 'missing')
                return found;
            const tracked = await remote.find(request);
            return tracked.kind === 'missing' ? { kind: 'missing', reason: `${found.reason}; and in MLflow: ${tracked.reason}` } : tracked;
        },
    };
}
/** gate.baseline.summary_path / results_path: a fixed baseline, used whoever holds the alias. */
function explicitFiles(loaded, summaryFile, resultsFile) {
    return {
        kind: 'files',
        async find() {
            const absent = await firstAbsent([summaryFile, resultsFile]);
            if (absent) {
                return { kind: 'missing', reason: `the baseline file ${(0,paths/* shown */.S)(loaded, absent)} (gate.baseline.${absent === summaryFile ? 'summary_path' : 'results_path'}) does not exist; download the champion's evaluation there or fix the path` };
            }
            return { kind: 'found', summaryFile, resultsFile, expectedVersion: null, origin: 'gate.baseline paths' };
        },
    };
}
/** The holder's own evaluation, where evaluate (or a downloaded artifact) left it: <artifacts_dir>/<model>/v<N>/. */
function artifactsDirectory(loaded) {
    return {
        kind: 'artifacts',
        async find({ alias, holder, candidateVersion }) {
            if (holder === null)
                return { kind: 'none', reason: `no version holds @${alias} yet (first release): nothing to compare with, so the baseline comparison is skipped` };
            if (holder === candidateVersion)
                return { kind: 'none', reason: `version ${holder} already holds @${alias}: it is its own champion, so the baseline comparison is skipped` };
            const dir = (0,paths/* versionDir */.E)(loaded, holder);
            const summaryFile = external_node_path_default().join(dir, 'summary.json');
            const resultsFile = external_node_path_default().join(dir, 'results.jsonl');
            const absent = await firstAbsent([summaryFile, resultsFile]);
            if (absent) {
                return {
                    kind: 'missing',
                    reason: `@${alias} is held by version ${holder}, but its evaluation is not at ${(0,paths/* shown */.S)(loaded, absent)}; evaluate version ${holder} on the same dataset (agent-release evaluate --model-version ${holder}) or download its evaluation artifact there, or point gate.baseline.summary_path at it`,
                };
            }
            return { kind: 'found', summaryFile, resultsFile, expectedVersion: holder, origin: `@${alias} (version ${holder})` };
        },
    };
}
async function firstAbsent(files) {
    for (const file of files) {
        try {
            if (!(await (0,fs_async/* stat */.dJ)(file)).isFile())
                return file;
        }
        catch (error) {
            // Anything but "not there" (a permission, say) is left for the reader to report as an input error.
            if (error.code === 'ENOENT' || error.code === 'ENOTDIR')
                return file;
        }
    }
    return undefined;
}


/***/ }),

/***/ 8171:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J_: () => (/* binding */ withdrawDecision),
/* harmony export */   YL: () => (/* binding */ decisionFileOf),
/* harmony export */   cG: () => (/* binding */ withdrawForNewEvaluation),
/* harmony export */   i$: () => (/* binding */ decisionTags),
/* harmony export */   oP: () => (/* binding */ decisionRunTag),
/* harmony export */   pL: () => (/* binding */ serializeDecision),
/* harmony export */   pz: () => (/* binding */ writeDecisionRecord),
/* harmony export */   recordGateError: () => (/* binding */ recordGateError),
/* harmony export */   warnWithdrawn: () => (/* binding */ warnWithdrawn)
/* harmony export */ });
/* unused harmony exports decisionFileName, withdrawnFileName, errorDecision */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _contract_decision__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2162);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3916);
/* harmony import */ var _modes_paths__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(924);
/* harmony import */ var _registry_tags__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7906);
/* harmony import */ var _hash_sha256__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(6813);
/**
 * The gate's record: decision.json and the tags that point at it. Promote trusts a version only
 * through this record, so a gate run withdraws the previous one before it decides (an `error`
 * record that promote refuses), replaces it with `error` when it stops part-way, and writes
 * `pass` last, after every other side effect succeeded (issue 15, items 1 and 2).
 */







const decisionFileName = 'decision.json';
/** The last decided record a withdrawal replaced (see keepWithdrawn). */
const withdrawnFileName = 'decision.withdrawn.json';
/** The run tag holding the whole decision.json when it fits: readable where run artifacts are not (Databricks). */
const decisionRunTag = 'agent_release.gate.decision_record';
function serializeDecision(decision) {
    const text = `${JSON.stringify(decision, null, 2)}\n`;
    return { text, sha256: (0,_hash_sha256__WEBPACK_IMPORTED_MODULE_6__/* .sha256Hex */ .fg)(text) };
}
function decisionFileOf(ctx, version) {
    return node_path__WEBPACK_IMPORTED_MODULE_1___default().join((0,_modes_paths__WEBPACK_IMPORTED_MODULE_4__/* .versionDir */ .E)(ctx.loaded, version), decisionFileName);
}
/**
 * Writes decision.json, then the tags. The decision tag is written last: registries set tags one
 * by one, and until it says `pass` the record is not one promote accepts.
 */
async function writeDecisionRecord(ctx, record, extraTags = {}) {
    const { name: model, version } = record.decision.model;
    const file = decisionFileOf(ctx, version);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)(node_path__WEBPACK_IMPORTED_MODULE_1___default().dirname(file), { recursive: true });
    if (record.decision.decision === 'error')
        keepWithdrawn(file);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(file, record.text);
    const tags = decisionTags(record, extraTags);
    await ctx.registry.setVersionTags(model, version, tags);
    return tags;
}
/**
 * A withdrawal replaces a decided record (pass or fail) with `error`; the decided one is kept
 * beside it as decision.withdrawn.json, so the record a release was made on is not lost to an
 * audit. Only the latest decided record is kept, and promote never reads it.
 */
function keepWithdrawn(file) {
    let text;
    try {
        text = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(file, 'utf8');
    }
    catch {
        return;
    }
    let decided;
    try {
        decided = JSON.parse(text).decision;
    }
    catch {
        return;
    }
    if (decided === 'pass' || decided === 'fail')
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(node_path__WEBPACK_IMPORTED_MODULE_1___default().dirname(file), withdrawnFileName), text);
}
function decisionTags(record, extraTags = {}) {
    const { decision } = record;
    return {
        [_registry_tags__WEBPACK_IMPORTED_MODULE_5__/* .tagKeys */ .bi.gateDecidedAt]: decision.decided_at,
        [_registry_tags__WEBPACK_IMPORTED_MODULE_5__/* .tagKeys */ .bi.gateDecisionDigest]: record.sha256,
        ...(decision.decision === 'error' ? {} : { [_registry_tags__WEBPACK_IMPORTED_MODULE_5__/* .tagKeys */ .bi.gateAliasHolders]: JSON.stringify(decision.aliases) }),
        ...(decision.run.url ? { [_registry_tags__WEBPACK_IMPORTED_MODULE_5__/* .tagKeys */ .bi.gateRun]: decision.run.url } : {}),
        ...extraTags,
        [_registry_tags__WEBPACK_IMPORTED_MODULE_5__/* .tagKeys */ .bi.gateDecision]: decision.decision,
    };
}
/** A record that says the gate could not decide, and why. Promote refuses it like a failure. */
function errorDecision(ctx, model, version, reason) {
    return {
        schema: _contract_decision__WEBPACK_IMPORTED_MODULE_2__/* .decisionSchemaId */ .Fc,
        model: { name: model, version },
        decision: 'error',
        rules: [{ rule: 'gate', passed: false, warning: false, reason, inputs: {} }],
        inputs: {},
        aliases: {},
        decided_at: new Date(ctx.clock.now()).toISOString(),
        run: { actor: ctx.run.actor, url: ctx.run.runUrl, sha: ctx.run.sha },
    };
}
/** Before deciding: whatever was decided before no longer stands, even if this run is killed. */
async function withdrawDecision(ctx, model, version) {
    const startedAt = new Date(ctx.clock.now()).toISOString();
    const decision = errorDecision(ctx, model, version, `a gate run started at ${startedAt}${ctx.run.runUrl ? ` (${ctx.run.runUrl})` : ''} has not finished; the previous decision is withdrawn until a gate run completes`);
    await writeDecisionRecord(ctx, { decision, ...serializeDecision(decision) });
}
/**
 * A new evaluation replaces the evidence the version's gate decision was made on, so that
 * decision no longer stands (an `error` record promote refuses) until the gate runs on the new
 * one. Nothing is written for a version the gate never decided on, or already withdrawn, nor
 * by a pull request's evaluation, which previews a change to a version that may be released.
 */
async function withdrawForNewEvaluation(ctx, model, version) {
    const earlier = (await ctx.registry.getVersion(model, version))?.tags[_registry_tags__WEBPACK_IMPORTED_MODULE_5__/* .tagKeys */ .bi.gateDecision];
    if (earlier === undefined || earlier === 'error')
        return;
    if (ctx.run.pullRequest) {
        ctx.logger.info(`a pull-request evaluation previews a change: ${model} version ${version}'s gate decision (${earlier}) and its evaluation of record stay as they are`);
        return;
    }
    const at = new Date(ctx.clock.now()).toISOString();
    const reason = `${model} version ${version} was evaluated again at ${at}${ctx.run.runUrl ? ` (${ctx.run.runUrl})` : ''}; the gate decision on its earlier evaluation (${earlier}) is withdrawn until the gate runs on the new one`;
    const decision = errorDecision(ctx, model, version, reason);
    await writeDecisionRecord(ctx, { decision, ...serializeDecision(decision) });
    ctx.logger.warn(`${model} version ${version} had gate decision ${earlier} on its earlier evaluation; it is withdrawn: run the gate on this evaluation before promoting`);
}
/** A gate run that could not decide leaves `error`: say so when it replaced a decision. */
function warnWithdrawn(ctx, model, version, earlier) {
    if (earlier === undefined || earlier === 'error')
        return;
    ctx.logger.warn(`${model} version ${version}'s gate decision is now error, not ${earlier}: a gate run withdraws the decision before it decides, and this one could not decide. Fix what it reports and run the gate again; until then promote refuses the version`);
}
/** After a failure: the record says why. Throws when it cannot be written; the caller knows what stands then. */
async function recordGateError(ctx, model, version, error) {
    const decision = errorDecision(ctx, model, version, `the gate could not decide: ${(0,_errors__WEBPACK_IMPORTED_MODULE_3__/* .messageOf */ .bD)(error)}`);
    await writeDecisionRecord(ctx, { decision, ...serializeDecision(decision) });
}


/***/ }),

/***/ 742:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ gatePolicyDigest)
/* harmony export */ });
/* harmony import */ var _contract_canonical_json__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2123);
/* harmony import */ var _hash_sha256__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6813);


/**
 * sha256 of the settings that decide pass or fail: thresholds, metric aliases, what a missing
 * metric does, the champion comparison's allowances and the shadow rule's, keys sorted. A
 * decision records it and promote compares it with its own config's, so a pass cannot be
 * carried to an environment whose overlay gates more strictly, nor past a tightened threshold.
 * Paths and the checks of outside records (signoff, plan, approval) are left out: they may
 * name runner-specific places, and a job should not be refused for where files live.
 */
function gatePolicyDigest(gate) {
    const policy = gate
        ? {
            thresholds: gate.thresholds,
            metric_aliases: gate.metric_aliases,
            missing_metric: gate.missing_metric,
            baseline: gate.baseline ? { ...gate.baseline, summary_path: undefined, results_path: undefined } : null,
            shadow: gate.shadow ?? null,
        }
        : null;
    return (0,_hash_sha256__WEBPACK_IMPORTED_MODULE_0__/* .sha256Hex */ .fg)((0,_contract_canonical_json__WEBPACK_IMPORTED_MODULE_1__/* .canonicalJson */ .d)(policy));
}


/***/ }),

/***/ 9695:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ round),
/* harmony export */   l: () => (/* binding */ judgeThreshold)
/* harmony export */ });
/* harmony import */ var _stats_readable__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7919);

/**
 * The one place a measured value is judged against limits: the gate's thresholds and the
 * analysis providers' limits both come here. A value that is absent is reported by the caller.
 */
function judgeThreshold(metric, value, threshold, source) {
    const problems = [];
    if (threshold.min !== undefined && !(value >= threshold.min))
        problems.push(`below the minimum ${threshold.min}`);
    if (threshold.max !== undefined && !(value <= threshold.max))
        problems.push(`above the maximum ${threshold.max}`);
    const limits = [threshold.min !== undefined ? `>= ${threshold.min}` : '', threshold.max !== undefined ? `<= ${threshold.max}` : '']
        .filter(Boolean)
        .join(' and ');
    const shown = source && source !== metric ? `${metric} (as ${source})` : metric;
    const printed = (0,_stats_readable__WEBPACK_IMPORTED_MODULE_0__/* .readable */ .HD)(value, [threshold.min, threshold.max]);
    return {
        rule: 'threshold',
        metric,
        passed: problems.length === 0,
        warning: false,
        reason: problems.length === 0 ? `${shown} = ${printed} is within ${limits}` : `${shown} = ${printed} is ${problems.join(' and ')}`,
        inputs: { value, ...threshold, ...(source && source !== metric ? { source } : {}) },
    };
}
/** A value compared with nothing: four significant digits. */
function round(value) {
    return (0,_stats_readable__WEBPACK_IMPORTED_MODULE_0__/* .readable */ .HD)(value);
}


/***/ }),

/***/ 3338:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  gate: () => (/* binding */ gate)
});

// EXTERNAL MODULE: ./src/fs-async.ts
var fs_async = __webpack_require__(7253);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/contract/decision.ts
var contract_decision = __webpack_require__(2162);
// EXTERNAL MODULE: ./src/contract/summary.ts
var contract_summary = __webpack_require__(1938);
// EXTERNAL MODULE: ./src/evaluate/shard.ts
var shard = __webpack_require__(4743);
// EXTERNAL MODULE: ./src/errors.ts
var src_errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/gate/baseline.ts + 1 modules
var baseline = __webpack_require__(6086);
// EXTERNAL MODULE: ./src/gate/baseline-source.ts + 1 modules
var baseline_source = __webpack_require__(345);
// EXTERNAL MODULE: ./src/stats/index.ts + 6 modules
var stats = __webpack_require__(4263);
;// CONCATENATED MODULE: ./src/gate/flakiness.ts

/** One entry per pass/fail scorer whose examples were run more than once; none without repeats. */
function flakinessEntries(scores, named = 10) {
    const entries = [];
    for (const [scorer, s] of scores.byScorer) {
        if (!s.repeated || !s.passFail)
            continue;
        const report = (0,stats/* flakinessOfCounts */.sd)(runCounts(s, scores.examples.list()), { flakiest: named });
        entries.push({
            metric: `${scorer}/mean`,
            k: report.k,
            examples: report.examples.length,
            flakyCount: report.flakyCount,
            passRate: report.passRate,
            passAllK: report.passAllK,
            flakiest: report.flakiest.map(({ id, passes, runs }) => ({ id, passes, runs })),
        });
    }
    return entries;
}
/** Runs and passes per example, in the order first scored; passes are the total of 0/1 scores. */
function runCounts(scores, ids) {
    return new Map(Array.from(scores.order, (example) => [ids[example], { runs: scores.counts[example], passes: scores.totals[example] }]));
}

// EXTERNAL MODULE: ./src/gate/decision-record.ts
var decision_record = __webpack_require__(8171);
// EXTERNAL MODULE: ./src/gate/policy-digest.ts
var policy_digest = __webpack_require__(742);
// EXTERNAL MODULE: ./src/gate/thresholds.ts
var thresholds = __webpack_require__(9695);
;// CONCATENATED MODULE: ./src/gate/rules.ts

/**
 * Threshold rules over a summary. A metric is looked up by its name, then by each alias in
 * order; a metric found nowhere fails by name (never read as 0) with the names that were there.
 */
function thresholdRules(gate, summary, summaryFile) {
    const present = Object.keys(summary.metrics).sort();
    return Object.entries(gate.thresholds).map(([metric, threshold]) => {
        const candidates = [metric, ...(gate.metric_aliases[metric] ?? [])];
        const source = candidates.find((name) => summary.metrics[name] !== undefined);
        const measured = source === undefined ? undefined : summary.metrics[source];
        if (source === undefined || measured === undefined) {
            const tried = candidates.length > 1 ? ` (also tried ${candidates.slice(1).join(', ')})` : '';
            const warning = gate.missing_metric === 'warn';
            return {
                rule: 'threshold',
                metric,
                passed: warning,
                warning,
                reason: `metric ${metric} is missing from ${summaryFile}${tried}; metrics present: ${present.join(', ') || 'none'}. Map the name with gate.metric_aliases or make the evaluator report it`,
                inputs: { ...threshold, present },
            };
        }
        const result = (0,thresholds/* judgeThreshold */.l)(metric, measured.value, threshold, source);
        if (measured.n > 0)
            result.inputs.n = measured.n;
        if (measured.ci)
            result.inputs.ci = measured.ci;
        return result;
    });
}
/** Failed examples are excluded from every mean, so say how many there were. */
function errorsRule(summary) {
    if (summary.errors === 0)
        return undefined;
    // summary.errors counts runs: with evaluate.repeat, each example is run several times (error_rate's n).
    const runs = summary.metrics.error_rate?.n ?? summary.dataset.rows;
    const what = runs === summary.dataset.rows ? 'examples' : `runs (${summary.dataset.rows} examples, repeated)`;
    return {
        rule: 'errors',
        passed: true,
        warning: true,
        reason: `${summary.errors} of ${runs} ${what} failed to evaluate and are not in any mean (error rate ${(0,thresholds/* round */.L)(summary.errors / Math.max(1, runs))}); gate on error_rate to block on them`,
        inputs: { errors: summary.errors, rows: summary.dataset.rows, runs },
    };
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/artifacts/root.ts

/** A path that would leave its root, or could not be checked to stay inside it. */
class PathEscapeError extends src_errors/* InputError */.dz {
}
/** A file bigger than the caller accepts. */
class FileTooLargeError extends src_errors/* InputError */.dz {
    file;
    size;
    maxBytes;
    constructor(file, size, maxBytes) {
        super(`${file} is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit; is this the right file?`);
        this.file = file;
        this.size = size;
        this.maxBytes = maxBytes;
    }
}
/**
 * Checks a path meant to stay inside a root and returns its segments. Refused: empty paths,
 * absolute paths (`/x`, `C:\x`, `\\server`), `..` anywhere (even where it would come back
 * inside), backslashes (a separator on Windows), NUL and other control characters. `.` and
 * repeated slashes are dropped.
 */
function safeRelativePath(relative, what = 'path') {
    const refuse = (why) => {
        throw new PathEscapeError(`${what} ${JSON.stringify(relative)} ${why}; give a path relative to the artifact root, without ".."`);
    };
    if (typeof relative !== 'string' || relative.trim() === '')
        refuse('is empty');
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(relative))
        refuse('contains a control character');
    if (relative.includes('\\'))
        refuse('contains a backslash');
    if (relative.startsWith('/') || /^[A-Za-z]:/.test(relative))
        refuse('is absolute');
    const segments = relative.split('/').filter((s) => s !== '' && s !== '.');
    if (segments.includes('..'))
        refuse('climbs out with ".."');
    if (segments.length === 0)
        refuse('names the root itself');
    return segments;
}
/** A single path segment, e.g. an artifact kind ("deployment_plans") or a file name ("plan.md"). */
function safeName(name, what) {
    const segments = safeRelativePath(name, what);
    if (segments.length !== 1 || segments[0] !== name) {
        throw new PathEscapeError(`${what} ${JSON.stringify(name)} must be a single name without "/" (like deployment_plans or plan.md)`);
    }
    return name;
}
function formatBytes(n) {
    if (n >= 1024 * 1024)
        return `${+(n / (1024 * 1024)).toFixed(1)} MiB`;
    if (n >= 1024)
        return `${+(n / 1024).toFixed(1)} KiB`;
    return `${n} bytes`;
}

// EXTERNAL MODULE: ./src/random-ids.ts
var random_ids = __webpack_require__(6499);
;// CONCATENATED MODULE: ./src/artifacts/local.ts






/**
 * A local folder as an artifact root. The root itself may be a symlink (it is resolved once);
 * below it, no path component may be a symlink, so nothing written or read through the root can
 * land outside it. A new file is written under a temporary name, flushed, and published with
 * link(2), which fails if the name exists: create-only, and readers never see half a file.
 */
class LocalArtifactRoot {
    location;
    kind = 'local';
    constructor(location) {
        this.location = location;
    }
    /** Opens (and with `create`, makes) the folder; `dir` is resolved against `workdir`. */
    static async open(dir, options = {}) {
        const absolute = external_node_path_default().resolve(options.workdir ?? process.cwd(), dir);
        if (options.create ?? true)
            await (0,fs_async/* mkdir */.Ck)(absolute, { recursive: true });
        let real;
        try {
            real = await (0,fs_async/* realpath */.Kz)(absolute);
        }
        catch (error) {
            throw new src_errors/* InputError */.dz(`artifact root ${absolute} cannot be opened: ${codeOf(error) === 'ENOENT' ? 'no such folder' : error.message}`);
        }
        if (!(await (0,fs_async/* lstat */.$1)(real)).isDirectory())
            throw new src_errors/* InputError */.dz(`artifact root ${absolute} is not a folder`);
        return new LocalArtifactRoot(real);
    }
    display(relative) {
        return external_node_path_default().join(this.location, ...safeRelativePath(relative));
    }
    async list(dir) {
        const segments = safeRelativePath(dir, 'directory');
        if (!(await this.checkChain(segments, dir)))
            return undefined;
        try {
            const entries = await (0,fs_async/* readdir */.Cy)(external_node_path_default().join(this.location, ...segments), { withFileTypes: true });
            return entries.map((e) => ({ name: e.name, isDirectory: e.isDirectory() }));
        }
        catch (error) {
            if (codeOf(error) === 'ENOENT')
                return undefined;
            if (codeOf(error) === 'ENOTDIR')
                throw new src_errors/* InputError */.dz(`${this.display(dir)} is a file, not a folder`);
            throw error;
        }
    }
    async read(file, maxBytes) {
        const segments = safeRelativePath(file, 'file');
        if (!(await this.checkChain(segments, file)))
            return undefined;
        const full = external_node_path_default().join(this.location, ...segments);
        let handle;
        try {
            // O_NOFOLLOW: a symlink swapped in after the check fails here instead of being followed.
            handle = await (0,fs_async/* open */.ho)(full, external_node_fs_.constants.O_RDONLY | external_node_fs_.constants.O_NOFOLLOW);
        }
        catch (error) {
            if (codeOf(error) === 'ENOENT')
                return undefined;
            if (codeOf(error) === 'ELOOP')
                throw this.symlinkError(file, full);
            throw error;
        }
        try {
            const stat = await handle.stat();
            if (stat.isDirectory())
                throw new src_errors/* InputError */.dz(`${full} is a folder, not a file`);
            if (stat.size > maxBytes)
                throw new FileTooLargeError(full, stat.size, maxBytes);
            // Read one byte past the limit so a file that grew since the stat is still caught.
            const buffer = Buffer.alloc(Math.min(maxBytes + 1, stat.size + 1));
            let length = 0;
            for (;;) {
                const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
                if (bytesRead === 0)
                    break;
                length += bytesRead;
                if (length === buffer.length)
                    break;
            }
            if (length > maxBytes)
                throw new FileTooLargeError(full, length, maxBytes);
            return new Uint8Array(buffer.subarray(0, length));
        }
        finally {
            await handle.close();
        }
    }
    async createNew(file, content) {
        const segments = safeRelativePath(file, 'file');
        const name = segments.at(-1);
        const parentSegments = segments.slice(0, -1);
        const parent = await this.makeDirs(parentSegments, file);
        const final = external_node_path_default().join(parent, name);
        const temp = external_node_path_default().join(parent, `.${name}.${process.pid}.${(0,random_ids/* uniqueHex */.pf)(6)}.tmp`);
        const handle = await (0,fs_async/* open */.ho)(temp, external_node_fs_.constants.O_WRONLY | external_node_fs_.constants.O_CREAT | external_node_fs_.constants.O_EXCL | external_node_fs_.constants.O_NOFOLLOW, 0o644);
        try {
            try {
                await handle.writeFile(content);
                await handle.sync();
            }
            finally {
                await handle.close();
            }
            // The folder was checked component by component; make sure it was not swapped since.
            if ((await (0,fs_async/* realpath */.Kz)(parent)) !== parent)
                throw this.symlinkError(file, parent);
            try {
                await (0,fs_async/* link */.nf)(temp, final);
            }
            catch (error) {
                const code = codeOf(error);
                if (code === 'EEXIST')
                    return 'exists';
                // Some file systems (SMB, some FUSE mounts) have no hard links: fall back to an
                // exclusive copy, still create-only though no longer invisible while it is written.
                if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP')
                    throw error;
                try {
                    await (0,fs_async/* copyFile */.m3)(temp, final, external_node_fs_.constants.COPYFILE_EXCL);
                }
                catch (copyError) {
                    if (codeOf(copyError) === 'EEXIST')
                        return 'exists';
                    throw copyError;
                }
            }
            await syncDir(parent);
            return 'created';
        }
        finally {
            await (0,fs_async.rm)(temp, { force: true });
        }
    }
    /**
     * True when every existing component below the root is a real folder (the last may be a file);
     * false when one is missing. A symlink anywhere on the way is refused.
     */
    async checkChain(segments, shown) {
        let current = this.location;
        for (const [i, segment] of segments.entries()) {
            current = external_node_path_default().join(current, segment);
            let stat;
            try {
                stat = await (0,fs_async/* lstat */.$1)(current);
            }
            catch (error) {
                if (codeOf(error) === 'ENOENT' || codeOf(error) === 'ENOTDIR')
                    return false;
                throw error;
            }
            if (stat.isSymbolicLink())
                throw this.symlinkError(shown, current);
            if (i < segments.length - 1 && !stat.isDirectory())
                return false;
        }
        return true;
    }
    /** mkdir one component at a time, refusing symlinks and files on the way; returns the folder. */
    async makeDirs(segments, shown) {
        let current = this.location;
        for (const segment of segments) {
            current = external_node_path_default().join(current, segment);
            try {
                await (0,fs_async/* mkdir */.Ck)(current);
            }
            catch (error) {
                if (codeOf(error) !== 'EEXIST')
                    throw error;
            }
            const stat = await (0,fs_async/* lstat */.$1)(current);
            if (stat.isSymbolicLink())
                throw this.symlinkError(shown, current);
            if (!stat.isDirectory())
                throw new src_errors/* InputError */.dz(`cannot write ${this.display(shown)}: ${current} is a file, not a folder`);
        }
        return current;
    }
    symlinkError(shown, at) {
        return new PathEscapeError(`refusing ${JSON.stringify(shown)} under artifact root ${this.location}: ${at} is a symbolic link, and links could lead outside the root; replace it with a real folder or file`);
    }
}
async function syncDir(dir) {
    try {
        const handle = await (0,fs_async/* open */.ho)(dir, external_node_fs_.constants.O_RDONLY);
        try {
            await handle.sync();
        }
        finally {
            await handle.close();
        }
    }
    catch {
        // Best effort: not every platform can fsync a directory.
    }
}
function codeOf(error) {
    return error?.code;
}

// EXTERNAL MODULE: ./src/databricks/files.ts
var files = __webpack_require__(4937);
;// CONCATENATED MODULE: ./src/artifacts/volume.ts



/**
 * A Unity Catalog Volume (or a folder in one) as an artifact root, through the Files API. A
 * new file is written with `overwrite=false`, which the service refuses with 409 when the file
 * exists: the create-only write. Volumes have no symlinks; relative paths are checked as for
 * local roots, so nothing outside the root is reached.
 */
class VolumeArtifactRoot {
    client;
    ambiguousRetries;
    kind = 'volume';
    location;
    constructor(client, location, 
    /** How often an ambiguous create (no answer) is re-checked and re-sent before giving up. */
    ambiguousRetries = 3) {
        this.client = client;
        this.ambiguousRetries = ambiguousRetries;
        this.location = (0,files/* checkVolumePath */._x)(location);
    }
    display(relative) {
        return `${this.location}/${safeRelativePath(relative).join('/')}`;
    }
    async list(dir) {
        try {
            const entries = await this.client.listDirectory(this.display(dir));
            return entries.map((e) => ({ name: e.name, isDirectory: e.isDirectory }));
        }
        catch (error) {
            if ((0,files/* isNotFound */.c4)(error))
                return undefined;
            throw error;
        }
    }
    async read(file, maxBytes) {
        const full = this.display(file);
        let text;
        try {
            text = await this.client.download(full);
        }
        catch (error) {
            if ((0,files/* isNotFound */.c4)(error))
                return undefined;
            throw error;
        }
        const bytes = new TextEncoder().encode(text);
        if (bytes.length > maxBytes)
            throw new FileTooLargeError(full, bytes.length, maxBytes);
        return bytes;
    }
    /**
     * PUT with overwrite=false. When no answer came back (a gateway error or a timeout after the
     * request was sent), the file is read back: our own bytes mean our write landed; other bytes
     * mean another writer got there first; nothing means it did not land, and it is sent again.
     */
    async createNew(file, content) {
        const full = this.display(file);
        const parent = full.slice(0, full.lastIndexOf('/'));
        await this.client.createDirectory(parent);
        for (let attempt = 1;; attempt++) {
            try {
                await this.client.upload(full, content, { overwrite: false });
                return 'created';
            }
            catch (error) {
                if ((0,files/* isAlreadyExists */.x9)(error))
                    return 'exists';
                if (!error.outcomeUnknown)
                    throw error;
                let found;
                try {
                    found = await this.client.download(full);
                }
                catch (readError) {
                    if (!(0,files/* isNotFound */.c4)(readError))
                        throw readError;
                }
                if (found !== undefined)
                    return found === content ? 'created' : 'exists';
                if (attempt > this.ambiguousRetries) {
                    throw new src_errors/* RemoteError */.Hi(`create ${full}: no answer from the Files API after ${attempt} attempts and the file is not there; try again later`, {
                        cause: error,
                    });
                }
            }
        }
    }
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./src/artifacts/deployment-plan.ts

const deploymentPlanSchemaId = 'agent-release.deployment-plan/v1';
/**
 * The deployment plan written to `deployment_plans/v<N>/plan.md`: YAML front matter a machine
 * reads (the same convention as signoffs), then the gate's rule lines for people.
 */
function renderDeploymentPlan(options) {
    const { decision, decisionDigest, alias } = options;
    const overrides = decision.rules.filter((r) => r.passed && r.reason.startsWith('OVERRIDE:'));
    const front = {
        schema: deploymentPlanSchemaId,
        model: decision.model.name,
        version: decision.model.version,
        alias,
        previous: decision.aliases[alias] ?? null,
        decision: decision.decision,
        decision_digest: decisionDigest,
        decided_at: decision.decided_at,
        run: decision.run.url,
        inputs: decision.inputs,
        ...(overrides.length > 0 ? { overrides: overrides.map((r) => r.inputs.override ?? r.reason) } : {}),
        ...(options.rollout ? { rollout: options.rollout } : {}),
    };
    const cell = (text) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
    const rows = decision.rules.map((r) => `| ${cell(r.metric ? `${r.rule} ${r.metric}` : r.rule)} | ${r.passed ? (r.warning ? 'pass (warning)' : 'pass') : 'FAIL'} | ${cell(r.reason)} |`);
    return [
        '---',
        (0,dist/* stringify */.As)(front).trimEnd(),
        '---',
        `# Deployment plan: ${decision.model.name} version ${decision.model.version}`,
        '',
        `The gate decided **${decision.decision}** at ${decision.decided_at}${decision.run.url ? ` ([run](${decision.run.url}))` : ''}. Promote moves @${alias} from ${front.previous === null ? 'no version' : `version ${front.previous}`} to version ${decision.model.version}.`,
        ...(overrides.length > 0 ? ['', `**${overrides.length === 1 ? 'A signoff override was' : 'Signoff overrides were'} used:** ${overrides.map((r) => cell(r.reason)).join('; ')}`] : []),
        '',
        '| rule | result | reason |',
        '|---|---|---|',
        ...rows,
        '',
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/artifacts/versioned.ts


/**
 * Versioned artifacts, as in the release path contract: `<kind>/v<N>/<file>` under a root, with
 * <N> a positive integer that only grows per kind (`deployment_plans/v3/plan.md`). A version,
 * once written, is never overwritten.
 */
/** `v<N>` with N written canonically: v1, v12; not v01, V1 or v1.0. */
const versionDirPattern = /^v(0|[1-9]\d{0,15})$/;
function parseVersionDir(name) {
    const match = versionDirPattern.exec(name);
    if (!match)
        return undefined;
    const n = Number(match[1]);
    return Number.isSafeInteger(n) ? n : undefined;
}
/** Every version present under `<kind>/`, ascending. Any entry named v<N> counts, finished or not. */
async function listVersions(root, kind) {
    const entries = (await root.list(safeName(kind, 'artifact kind'))) ?? [];
    return entries
        .map((e) => parseVersionDir(e.name))
        .filter((n) => n !== undefined)
        .sort((a, b) => a - b);
}
/** The highest N under `<kind>/`, or 0 when there is none. */
async function highestVersion(root, kind) {
    return (await listVersions(root, kind)).at(-1) ?? 0;
}
/**
 * Writes `content` as `<kind>/v<N+1>/<fileName>`, N being the highest version present. The write
 * is create-only: when a concurrent writer claimed v<N+1> first, this one looks again and takes
 * the next free number; it never replaces a file. Gives up after `maxAttempts` lost rounds.
 */
async function writeNextVersion(root, kind, fileName, content, options = {}) {
    safeName(kind, 'artifact kind');
    safeName(fileName, 'file name');
    const maxAttempts = options.maxAttempts ?? 20;
    let lastTaken = 0;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        // Never retry a number already seen taken, even if the listing lags behind.
        const version = Math.max(await highestVersion(root, kind), lastTaken) + 1;
        const relative = `${kind}/v${version}/${fileName}`;
        const outcome = await root.createNew(relative, content);
        if (outcome === 'created') {
            options.logger?.info(`artifacts: wrote ${root.display(relative)}`);
            return { version, path: relative, location: root.display(relative), attempts: attempt };
        }
        options.logger?.debug(`artifacts: ${root.display(relative)} was written by someone else first; trying the next version`);
        lastTaken = version;
    }
    throw new src_errors/* RefusedError */.fk(`could not write a new version of ${fileName} under ${root.display(kind)}: other writers took v${lastTaken} and every number before it in ${maxAttempts} attempts; nothing was overwritten. Run again, or allow more attempts`);
}

;// CONCATENATED MODULE: ./src/artifacts/index.ts








/**
 * A root from configuration: `/Volumes/<catalog>/<schema>/<volume>[/...]` is a Unity Catalog
 * Volume reached through the Files API; anything else is a local folder, relative to `workdir`.
 * The Files API client is built only when a Volume is named, so local use needs no credentials.
 */
async function openArtifactRoot(spec, options) {
    if (spec === '/Volumes' || spec.startsWith('/Volumes/')) {
        if (!options.filesClient) {
            throw new src_errors/* ConfigError */.xL(`artifact root ${spec} is a Unity Catalog Volume: set DATABRICKS_HOST and DATABRICKS_TOKEN so it can be reached through the Files API`);
        }
        return new VolumeArtifactRoot(await options.filesClient(), spec);
    }
    if (spec.startsWith('dbfs:') || /^[a-z][a-z0-9+.-]*:\/\//i.test(spec)) {
        throw new src_errors/* ConfigError */.xL(`artifact root ${spec}: give a local folder or a Volume path like /Volumes/<catalog>/<schema>/<volume>`);
    }
    return LocalArtifactRoot.open(spec, { workdir: options.workdir });
}

// EXTERNAL MODULE: ./src/modes/paths.ts
var paths = __webpack_require__(924);
// EXTERNAL MODULE: ./src/config/yaml-nesting.ts
var yaml_nesting = __webpack_require__(8812);
// EXTERNAL MODULE: ./src/config/zod-helpers.ts
var zod_helpers = __webpack_require__(3595);
// EXTERNAL MODULE: ./src/hash/sha256.ts
var sha256 = __webpack_require__(6813);
;// CONCATENATED MODULE: ./src/gate/signoff.ts






/**
 * The signoff rule: reads the YAML front matter of `signoffs/v<N>/decision.md` (never the body)
 * and passes only when both decisions clear, or when a valid `state_override` lets them through.
 *
 * The file:
 *
 *     ---
 *     version: 3                        # optional; when present it must be the N being decided
 *     engineering_signoff:
 *       decision: APPROVED              # or APPROVED_WITH_CONDITIONS; anything else blocks
 *       by: alice                       # any further keys are kept out of the decision
 *     stakeholder_signoff:
 *       decision: APPROVED_WITH_CONDITIONS
 *       conditions: [weekly review]
 *     state_override:                   # optional: the one audited escape hatch
 *       by: carol                       # required, non-empty: who
 *       reason: launch approved by VP   # required, non-empty: why
 *       at: 2026-05-01T10:00:00Z        # optional
 *       original:                       # required: both decisions, quoted verbatim
 *         engineering_signoff: { decision: REJECTED }
 *         stakeholder_signoff: { decision: APPROVED }
 *     ---
 *     Narrative text; never read.
 *
 * Strictness: the file starts with a line `---` (a UTF-8 byte-order mark and CRLF line ends are
 * accepted) and the front matter ends at the next line that is exactly `---`. Decisions are
 * case-sensitive (`approved` blocks, with a "did you mean" hint). Duplicate keys, YAML errors,
 * YAML warnings (unknown tags) and nesting deeper than 64 levels block. A missing block, a
 * missing decision or a non-string one blocks and cannot be overridden: an override must quote a
 * decision that was recorded. The captured decisions may also sit directly under
 * `state_override` (the form of the upstream contract's example) but not in both places. A
 * version mismatch cannot be overridden.
 */
const signoffRule = 'signoff';
const approvedDecisions = ['APPROVED', 'APPROVED_WITH_CONDITIONS'];
const knownDecisions = ['APPROVED', 'APPROVED_WITH_CONDITIONS', 'REJECTED'];
const signoffSides = ['engineering_signoff', 'stakeholder_signoff'];
/** A signoff is a few lines of front matter and some prose; a megabyte is already absurd. */
const defaultSignoffMaxBytes = 1024 * 1024;
const maxByLength = 200;
const maxReasonLength = 2000;
/**
 * Reads and judges a signoff. Never throws: an unreadable, missing, oversized or malformed file
 * is a blocked result whose reason names the file (and the line, where there is one).
 */
async function checkSignoff(source, expectedN, options = {}) {
    const maxBytes = options.maxBytes ?? defaultSignoffMaxBytes;
    let shown = options.shownAs ?? (typeof source === 'string' ? source : source.path);
    let bytes;
    try {
        if (typeof source !== 'string' && options.shownAs === undefined)
            shown = source.root.display(source.path);
        bytes = typeof source === 'string' ? await readLocal(source, maxBytes) : await source.root.read(source.path, maxBytes);
    }
    catch (error) {
        const message = error instanceof FileTooLargeError ? `is ${formatBytes(error.size)}, over the ${formatBytes(maxBytes)} limit for a signoff; is this the right file?` : `cannot be read: ${messageOf(error)}`;
        return blocked({ file: shown, expectedN }, [{ message }]);
    }
    if (bytes === undefined) {
        return blocked({ file: shown, expectedN }, [
            { message: `not found; the signoff for version ${expectedN ?? '<N>'} must be recorded there (YAML front matter with engineering_signoff and stakeholder_signoff decisions) before the gate can pass` },
        ]);
    }
    return judgeSignoff(bytes, shown, expectedN, { maxBytes });
}
/** Judges a signoff's bytes (or text). Never throws. */
function judgeSignoff(content, shown, expectedN, options = {}) {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const facts = { file: shown, expectedN, digest: `sha256:${(0,sha256/* sha256Hex */.fg)(bytes)}`, bytes: bytes.length };
    try {
        return judge(bytes, facts, options.maxBytes ?? defaultSignoffMaxBytes);
    }
    catch (error) {
        // Every path above returns a result; this is the belt to those braces.
        return blocked(facts, [{ message: `could not be judged: ${messageOf(error)}` }]);
    }
}
function judge(bytes, facts, maxBytes) {
    if (bytes.length > maxBytes) {
        return blocked(facts, [{ message: `is ${formatBytes(bytes.length)}, over the ${formatBytes(maxBytes)} limit for a signoff; is this the right file?` }]);
    }
    let text;
    try {
        // Strips one leading byte-order mark.
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    }
    catch {
        return blocked(facts, [{ message: 'is not UTF-8 text (a binary file, or another encoding?); save it as UTF-8 markdown with YAML front matter' }]);
    }
    const front = frontMatter(text);
    if ('problem' in front)
        return blocked(facts, [front.problem]);
    const inFile = (yamlLine) => Math.min(yamlLine + front.firstLine - 1, front.lastLine);
    const deepText = (0,yaml_nesting/* nestingBeforeCompose */.E_)(front.yaml);
    if (deepText)
        return blocked(facts, [{ line: inFile(deepText.line), message: `front matter: ${deepText.message}` }]);
    const lines = new dist/* LineCounter */.HN();
    const doc = (0,dist/* parseDocument */.Tp)(front.yaml, { lineCounter: lines, uniqueKeys: true, prettyErrors: true, strict: true, logLevel: 'error' });
    // YAML line 1 is file line `front.firstLine`; an error at the very end (an unclosed quote)
    // is shown on the last line of the front matter rather than on the closing "---".
    const fileLine = (offset) => inFile(lines.linePos(offset).line);
    const yamlProblems = [...doc.errors, ...doc.warnings];
    if (yamlProblems.length > 0) {
        const shownProblems = yamlProblems.slice(0, 3).map((e) => ({
            line: e.pos ? fileLine(e.pos[0]) : undefined,
            message: `front matter is not valid YAML: ${firstLine(e.message)}`,
        }));
        if (yamlProblems.length > 3)
            shownProblems.push({ line: undefined, message: `and ${yamlProblems.length - 3} more YAML problems` });
        return blocked(facts, shownProblems);
    }
    const deepDoc = (0,yaml_nesting/* nestingAfterCompose */.R3)(doc, lines);
    if (deepDoc)
        return blocked(facts, [{ line: inFile(deepDoc.line), message: `front matter: ${deepDoc.message}` }]);
    let meta;
    try {
        meta = doc.toJS({ maxAliasCount: 100 });
    }
    catch (error) {
        return blocked(facts, [{ line: front.firstLine, message: `front matter could not be read: ${firstLine(messageOf(error))}` }]);
    }
    if (meta === null || meta === undefined) {
        return blocked(facts, [{ line: front.firstLine, message: 'front matter is empty; it must hold engineering_signoff and stakeholder_signoff, each with a decision' }]);
    }
    if (!isPlainObject(meta)) {
        return blocked(facts, [{ line: front.firstLine, message: `front matter must be a mapping of fields (engineering_signoff, stakeholder_signoff, ...), got ${describe(meta)}` }]);
    }
    const lineOf = (...path) => keyLine(doc, path, fileLine);
    // Problems an override cannot bypass, and the decisions it can.
    const fatal = [];
    const refusals = [];
    const version = readVersion(meta, facts, lineOf);
    if ('problem' in version)
        fatal.push(version.problem);
    else if (version.n !== undefined)
        facts.version = version.n;
    const decisions = {};
    for (const side of signoffSides) {
        const read = readDecision(meta, side, lineOf);
        if (read.decision !== undefined)
            decisions[side] = read.decision;
        if (read.problem)
            (read.bypassable ? refusals : fatal).push(read.problem);
    }
    facts.decisions = decisions;
    const hasOverride = Object.hasOwn(meta, 'state_override');
    if (fatal.length > 0) {
        const note = hasOverride ? [{ line: lineOf('state_override'), message: 'a state_override cannot bypass these problems' }] : [];
        return blocked(facts, [...fatal, ...refusals, ...note]);
    }
    const summary = signoffSides.map((side) => `${side} ${decisions[side]}`).join(', ');
    if (refusals.length === 0) {
        return result(facts, true, false, `${facts.file}: ${summary}${hasOverride ? ' (a state_override is present but not needed)' : ''}`);
    }
    if (!hasOverride) {
        return blocked(facts, [
            ...refusals,
            { message: 'no state_override captures the original decisions; record approvals, or a state_override (by, reason, original) quoting both decisions verbatim' },
        ]);
    }
    const override = readOverride(meta.state_override, decisions, lineOf);
    if ('problems' in override)
        return blocked(facts, [...refusals, ...override.problems]);
    const where = lineOf('state_override');
    const { by, reason } = override.value;
    return result(facts, true, true, `OVERRIDE: ${facts.file}${where ? `:${where}` : ''}: ${summary} let through by a state_override from ${clip(by, 80)}: ${clip(reason, 300)}`, override.value);
}
/** The YAML between a first line `---` and the next line that is exactly `---`. */
function frontMatter(text) {
    const lines = text.split('\n');
    const isDelimiter = (line) => line === '---' || line === '---\r';
    if (!isDelimiter(lines[0])) {
        const later = lines.findIndex((line, i) => i > 0 && isDelimiter(line));
        const first = lines[0] ?? '';
        const why = /^---/.test(first)
            ? `line 1 is ${describe(first.replace(/\r$/, ''))}, but front matter opens with a line that is exactly "---"`
            : `no YAML front matter: the file must start with a line "---", then the signoff fields, then a line "---"${later > 0 ? ` (a "---" line appears at line ${later + 1}; the front matter must start on line 1)` : ''}`;
        return { problem: { line: 1, message: why } };
    }
    const close = lines.findIndex((line, i) => i > 0 && isDelimiter(line));
    if (close < 0)
        return { problem: { line: 1, message: 'the front matter opened on line 1 is never closed by a line that is exactly "---"' } };
    // CRLF files: a CR before the line feed is part of the line break, never of a value.
    const yaml = lines.slice(1, close).map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
    return { yaml: `${yaml.join('\n')}\n`, firstLine: 2, lastLine: close };
}
function readVersion(meta, facts, lineOf) {
    const pathN = versionInPath(facts.file);
    let ownN;
    if (Object.hasOwn(meta, 'version')) {
        const raw = meta.version;
        const match = typeof raw === 'string' ? /^v?(0|[1-9]\d{0,15})$/.exec(raw) : null;
        if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0)
            ownN = raw;
        else if (match)
            ownN = Number(match[1]);
        else
            return { problem: { line: lineOf('version'), message: `version must be a whole number like 3, got ${describe(raw)}` } };
        if (pathN !== undefined && ownN !== pathN) {
            return { problem: { line: lineOf('version'), message: `says version ${ownN}, but the file is under v${pathN}/; a signoff belongs to one version` } };
        }
    }
    const n = ownN ?? pathN;
    if (n !== undefined && facts.expectedN !== undefined && n !== facts.expectedN) {
        const from = ownN !== undefined ? 'its version field' : 'its path';
        return {
            problem: { line: ownN !== undefined ? lineOf('version') : undefined, message: `is the signoff of version ${n} (from ${from}), but the gate is deciding version ${facts.expectedN}` },
        };
    }
    return { n };
}
/** The N of the last `v<N>/` folder in a path: signoffs/v3/decision.md -> 3. */
function versionInPath(file) {
    const all = [...file.replace(/\\/g, '/').matchAll(/(?:^|\/)v(0|[1-9]\d{0,15})\//g)];
    const last = all.at(-1)?.[1];
    return last === undefined ? undefined : Number(last);
}
function readDecision(meta, side, lineOf) {
    if (!Object.hasOwn(meta, side)) {
        return { problem: { message: `has no ${side} block; add ${side}: { decision: APPROVED } (or APPROVED_WITH_CONDITIONS, or REJECTED) to the front matter` } };
    }
    const block = meta[side];
    const line = lineOf(side);
    if (typeof block === 'string') {
        return { problem: { line, message: `${side} must be a mapping with a decision, got the string ${describe(block)}; write ${side}: { decision: ${clip(block, 40)} }` } };
    }
    if (!isPlainObject(block))
        return { problem: { line, message: `${side} must be a mapping with a decision, got ${describe(block)}` } };
    if (!Object.hasOwn(block, 'decision'))
        return { problem: { line, message: `${side} has no decision` } };
    const decision = block.decision;
    const decisionLine = lineOf(side, 'decision');
    if (typeof decision !== 'string') {
        return { problem: { line: decisionLine, message: `${side}.decision must be a string such as APPROVED, got ${describe(decision)}` } };
    }
    if (approvedDecisions.includes(decision))
        return { decision };
    if (decision === 'REJECTED')
        return { decision, bypassable: true, problem: { line: decisionLine, message: `${side}.decision is REJECTED` } };
    const hint = (0,zod_helpers/* suggestion */.h)(decision, knownDecisions);
    return {
        decision,
        bypassable: true,
        problem: {
            line: decisionLine,
            message: `${side}.decision is ${describe(decision)}, not APPROVED or APPROVED_WITH_CONDITIONS${hint ? ` (${hint} decisions are case-sensitive)` : ''}`,
        },
    };
}
function readOverride(raw, decisions, lineOf) {
    const line = lineOf('state_override');
    if (!isPlainObject(raw)) {
        return { problems: [{ line, message: `state_override must be a mapping with by, reason and original, got ${describe(raw)}` }] };
    }
    const problems = [];
    const text = (key, max, what) => {
        const value = raw[key];
        if (typeof value !== 'string' || value.trim() === '') {
            problems.push({ line: lineOf('state_override', key) ?? line, message: `state_override.${key} must ${what} (a non-empty string), got ${describe(value)}` });
            return undefined;
        }
        if (value.length > max) {
            problems.push({ line: lineOf('state_override', key), message: `state_override.${key} is ${value.length} characters; keep it under ${max}` });
            return undefined;
        }
        return value.trim();
    };
    const by = text('by', maxByLength, 'name who overrode the signoff');
    const reason = text('reason', maxReasonLength, 'say why');
    const at = Object.hasOwn(raw, 'at') ? text('at', 100, 'be a timestamp') : undefined;
    const nested = Object.hasOwn(raw, 'original');
    const flat = signoffSides.some((side) => Object.hasOwn(raw, side));
    let captured;
    const prefix = nested ? 'state_override.original' : 'state_override';
    if (nested && flat) {
        problems.push({ line, message: 'state_override quotes the decisions both under original and directly; keep only state_override.original' });
    }
    else if (!nested && !flat) {
        problems.push({
            line,
            message: `state_override must quote the original decisions verbatim: original: { engineering_signoff: { decision: ${decisions.engineering_signoff} }, stakeholder_signoff: { decision: ${decisions.stakeholder_signoff} } }`,
        });
    }
    else if (nested && !isPlainObject(raw.original)) {
        problems.push({ line: lineOf('state_override', 'original'), message: `state_override.original must be a mapping of the two signoff blocks, got ${describe(raw.original)}` });
    }
    else {
        captured = nested ? raw.original : raw;
    }
    if (captured) {
        for (const side of signoffSides) {
            const block = captured[side];
            const where = nested ? ['state_override', 'original', side] : ['state_override', side];
            const quoted = isPlainObject(block) && Object.hasOwn(block, 'decision') ? block.decision : undefined;
            if (quoted === undefined) {
                problems.push({ line: lineOf(...where) ?? line, message: `${prefix}.${side}.decision is missing; it must quote ${side}.decision verbatim (${describe(decisions[side])})` });
            }
            else if (quoted !== decisions[side]) {
                problems.push({
                    line: lineOf(...where, 'decision'),
                    message: `${prefix}.${side}.decision is ${describe(quoted)} but ${side}.decision is ${describe(decisions[side])}; an override must quote the original decisions verbatim`,
                });
            }
        }
    }
    if (problems.length > 0 || by === undefined || reason === undefined)
        return { problems };
    return {
        value: {
            by,
            reason,
            ...(at !== undefined ? { at } : {}),
            original: { engineering_signoff: { decision: decisions.engineering_signoff }, stakeholder_signoff: { decision: decisions.stakeholder_signoff } },
        },
    };
}
function blocked(facts, problems) {
    const reason = problems.map((p) => `${facts.file}${p.line ? `:${p.line}` : ''}: ${p.message}`).join('; ');
    return result(facts, false, false, reason, undefined, problems.length);
}
function result(facts, passed, warning, reason, override, problems) {
    const inputs = { file: facts.file };
    if (facts.digest)
        inputs.digest = facts.digest;
    if (facts.bytes !== undefined)
        inputs.bytes = facts.bytes;
    if (facts.expectedN !== undefined)
        inputs.expected_version = facts.expectedN;
    if (facts.version !== undefined)
        inputs.version = facts.version;
    for (const side of signoffSides) {
        const decision = facts.decisions?.[side];
        if (decision !== undefined)
            inputs[side] = clip(decision, 100);
    }
    if (override)
        inputs.override = override;
    if (problems)
        inputs.problems = problems;
    return { rule: signoffRule, passed, warning, reason, inputs };
}
async function readLocal(file, maxBytes) {
    let handle;
    try {
        handle = await (0,fs_async/* open */.ho)(file, 'r');
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return undefined;
        throw error;
    }
    try {
        const stat = await handle.stat();
        if (stat.isDirectory())
            throw new Error('it is a folder, not a file');
        if (stat.size > maxBytes)
            throw new FileTooLargeError(file, stat.size, maxBytes);
        const buffer = Buffer.alloc(maxBytes + 1 > stat.size + 1 ? stat.size + 1 : maxBytes + 1);
        let length = 0;
        for (;;) {
            const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
            if (bytesRead === 0 || (length += bytesRead) === buffer.length)
                break;
        }
        if (length > maxBytes)
            throw new FileTooLargeError(file, length, maxBytes);
        return new Uint8Array(buffer.subarray(0, length));
    }
    finally {
        await handle.close();
    }
}
/** The file line of the key at `path`, or of its closest existing parent key. */
function keyLine(doc, path, fileLine) {
    try {
        for (let depth = path.length; depth > 0; depth--) {
            const parent = depth === 1 ? doc.contents : doc.getIn(path.slice(0, depth - 1), true);
            if (!(0,dist/* isMap */.jh)(parent))
                continue;
            const pair = parent.items.find((item) => (0,dist/* isScalar */.jn)(item.key) && item.key.value === path[depth - 1]);
            const offset = (0,dist/* isScalar */.jn)(pair?.key) ? pair.key.range?.[0] : undefined;
            if (offset !== undefined)
                return fileLine(offset);
        }
    }
    catch {
        // A line number is a courtesy; never fail over it.
    }
    return undefined;
}
function isPlainObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Map) && !(value instanceof Set);
}
function describe(value) {
    if (value === undefined)
        return 'nothing';
    if (value === null)
        return 'null (an empty value)';
    if (Array.isArray(value))
        return 'a list';
    if (typeof value === 'object')
        return 'a mapping';
    return clip(JSON.stringify(value) ?? String(value), 60);
}
function clip(text, max) {
    return text.length > max ? `${text.slice(0, max)}\u2026` : text;
}
function firstLine(message) {
    return clip((message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, ''), 200);
}
function messageOf(error) {
    return error instanceof Error ? error.message : String(error);
}

;// CONCATENATED MODULE: ./src/gate/version-consistency.ts
/**
 * The version-consistency rule: the evaluation summary, the signoff and the prompt candidate
 * (`@candidate_v<N>`) must name the same <N>; releasing against a mixed set breaks rollback.
 * Where each N comes from is the caller's business (the summary's model version, the signoff's
 * `version` field or its `v<N>/` folder, the prompt's `candidate_v<N>` alias). A side the
 * caller does not know is skipped and said so; it is never guessed.
 */
const versionConsistencyRule = 'version-consistency';
const labels = {
    summaryN: 'evaluation summary',
    signoffN: 'signoff',
    promptCandidateN: 'prompt candidate',
};
const keys = Object.keys(labels);
function checkVersionConsistency(sides, sources = {}) {
    const present = [];
    const invalid = [];
    const skipped = [];
    const inputs = {};
    for (const key of keys) {
        const raw = sides[key];
        const from = sources[key] ? ` (${sources[key]})` : '';
        if (raw === undefined || raw === null) {
            skipped.push(labels[key]);
            continue;
        }
        const n = parseVersion(raw);
        inputs[key] = n ?? raw;
        if (n === undefined) {
            invalid.push(`the ${labels[key]}${from} names ${JSON.stringify(raw)}, which is not a version number`);
            continue;
        }
        present.push({ key, n, text: `${labels[key]} v${n}${from}` });
    }
    if (Object.keys(sources).length > 0)
        inputs.sources = sources;
    if (skipped.length > 0)
        inputs.skipped = skipped;
    const skippedNote = skipped.length > 0 ? `; not checked: ${skipped.join(', ')} (no version given)` : '';
    if (invalid.length > 0) {
        return { rule: versionConsistencyRule, passed: false, warning: false, reason: `${invalid.join('; ')}${skippedNote}`, inputs };
    }
    const distinct = new Set(present.map((p) => p.n));
    if (distinct.size > 1) {
        return {
            rule: versionConsistencyRule,
            passed: false,
            warning: false,
            reason: `mixed versions: ${present.map((p) => p.text).join(', ')}; release one consistent set (eval_runs, signoffs and candidate_v<N> of the same N)${skippedNote}`,
            inputs,
        };
    }
    if (present.length < 2) {
        const only = present[0];
        return {
            rule: versionConsistencyRule,
            passed: true,
            warning: true,
            reason: `${only ? `only the ${only.text} names a version` : 'no side names a version'}; nothing to compare${skippedNote}`,
            inputs,
        };
    }
    return {
        rule: versionConsistencyRule,
        passed: true,
        warning: false,
        reason: `all name v${present[0]?.n}: ${present.map((p) => p.text).join(', ')}${skippedNote}`,
        inputs,
    };
}
/** 3, "3" or "v3" -> 3; anything else (3.5, "03", "three", -1) -> undefined. */
function parseVersion(value) {
    if (typeof value === 'number')
        return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
    const match = /^v?(0|[1-9]\d{0,15})$/.exec(value.trim());
    return match ? Number(match[1]) : undefined;
}
const candidateAlias = /^candidate_v(0|[1-9]\d{0,15})$/;
/**
 * The N of a prompt candidate given as `candidate_v3`, `@candidate_v3` or a prompt URI
 * `prompts:/catalog.schema.system_instructions@candidate_v3`; undefined when it names none.
 */
function candidateVersionOf(reference) {
    const alias = reference.slice(reference.lastIndexOf('@') + 1).trim();
    const match = candidateAlias.exec(alias);
    return match ? Number(match[1]) : undefined;
}
/**
 * The prompt candidate N from an alias table (alias -> version): the `candidate_v<N>` aliases
 * that point at `holder`. None gives undefined (the side is skipped); several that disagree is
 * an error the caller should report, so the list is returned whole.
 */
function candidateVersionsHeldBy(aliases, holder) {
    return Object.entries(aliases)
        .filter(([alias, version]) => version === holder && candidateAlias.test(alias))
        .map(([alias]) => Number(candidateAlias.exec(alias)?.[1]))
        .sort((a, b) => a - b);
}

;// CONCATENATED MODULE: ./src/gate/release-records.ts




async function openRecordsRoot(ctx, config) {
    if (!config.signoff && !config.deployment_plan)
        return undefined;
    const root = await openArtifactRoot(config.artifact_root ?? '.', { workdir: ctx.loaded.workdir, filesClient: ctx.databricksFiles });
    return { root, show: (relative) => (root.kind === 'local' ? (0,paths/* shown */.S)(ctx.loaded, root.display(relative)) : root.display(relative)) };
}
/**
 * DESIGN \u00a74 rules 3 and 4: the signoff's front matter, and the same <N> across the evaluation
 * summary, the signoff and the prompt candidate. Returns the rules and the digests of files read.
 */
async function signoffAndVersionRules(ctx, config, records, facts) {
    const rules = [];
    const digests = {};
    let signoffN;
    let signoffSource;
    if (config.signoff && records) {
        const relative = config.signoff.path.replaceAll('{N}', facts.version);
        const signoff = await checkSignoff({ root: records.root, path: relative }, parseVersion(facts.version), {
            maxBytes: config.signoff.max_bytes,
            shownAs: records.show(relative),
        });
        rules.push(signoff);
        const { file, digest, version: signedVersion, override } = signoff.inputs;
        if (typeof digest === 'string')
            digests[String(file)] = digest;
        if (typeof signedVersion === 'number')
            [signoffN, signoffSource] = [signedVersion, String(file)];
        if (override)
            ctx.logger.warn(signoff.reason);
    }
    const consistency = config.version_consistency;
    if (consistency) {
        let promptN;
        let promptSource;
        if (consistency.prompt_candidate !== undefined) {
            promptN = candidateVersionOf(consistency.prompt_candidate) ?? consistency.prompt_candidate;
            promptSource = consistency.prompt_candidate;
        }
        else if (consistency.prompt_candidate_from_aliases) {
            const held = candidateVersionsHeldBy(facts.aliases, facts.version);
            promptN = held.length === 1 ? held[0] : held.length > 1 ? held.map((h) => `candidate_v${h}`).join(' and ') : undefined;
            promptSource = `candidate_v<N> aliases on ${facts.model} version ${facts.version}`;
        }
        rules.push(checkVersionConsistency({ summaryN: facts.summary.model.version, signoffN, promptCandidateN: promptN }, { summaryN: `${facts.summaryShown} model.version`, ...(signoffSource ? { signoffN: signoffSource } : {}), ...(promptSource ? { promptCandidateN: promptSource } : {}) }));
    }
    return { rules, digests };
}
/** After a pass, the deployment plan goes to <dir>/v<N+1>/<file>, create-only (DESIGN \u00a75). */
async function deploymentPlanFor(ctx, config, records, decision, decisionDigest) {
    const plan = config.deployment_plan;
    if (decision.decision !== 'pass' || !plan || !records)
        return null;
    if (ctx.dryRun) {
        const next = (await highestVersion(records.root, plan.dir)) + 1;
        return { version: next, path: records.show(`${plan.dir}/v${next}/${plan.file}`), written: false };
    }
    const deploy = ctx.loaded.config.deploy;
    const text = renderDeploymentPlan({
        decision,
        decisionDigest,
        alias: ctx.loaded.config.promote.alias,
        rollout: deploy ? { target: deploy.target, strategy: deploy.strategy } : undefined,
    });
    const written = await writeNextVersion(records.root, plan.dir, plan.file, text, { maxAttempts: plan.max_attempts, logger: ctx.logger });
    return { version: written.version, path: records.show(written.path), written: true };
}

// EXTERNAL MODULE: ./src/gate/scores.ts + 1 modules
var gate_scores = __webpack_require__(9021);
// EXTERNAL MODULE: ./src/shadow/report.ts
var shadow_report = __webpack_require__(8264);
// EXTERNAL MODULE: ./src/shadow/stats.ts
var shadow_stats = __webpack_require__(3035);
;// CONCATENATED MODULE: ./src/gate/shadow-rule.ts



const percent = (x) => `${(x * 100).toFixed(1)}%`;
/**
 * The candidate against the champion on replayed production traffic (shadow.json beside the
 * evaluation's summary): enough judged pairs, and not worse beyond doubt. The verdict reads the
 * interval on lossRate \u2212 winRate, so a few more losses than wins in a small sample is not a block.
 * Pairs are judged only where both sides answered, so the sides' failures are weighed first: a side
 * that answered nothing, either side past max_error_rate, or the candidate failing more than
 * max_error_increase more often than the champion fails the rule.
 */
async function shadowRule(config, summaryFile, show, release) {
    const { version } = release;
    const file = external_node_path_default().join(external_node_path_default().dirname(summaryFile), 'shadow.json');
    const rule = (passed, reason, inputs = {}) => ({ rule: 'shadow', passed, warning: false, reason, inputs });
    // As gate.baseline: with no champion there is no production traffic to replay against, and a first release must be able to pass.
    if (release.champion === null)
        return rule(true, `shadow: no version holds @${release.alias} yet (first release): nothing to replay against, so the shadow comparison is skipped`, { champion: null });
    if (release.champion === version)
        return rule(true, `shadow: v${version} is the champion itself: nothing to compare with, so the shadow comparison is skipped`, { champion: version });
    const report = await (0,shadow_report/* readShadowReport */.rA)(file, show(file));
    if (!report)
        return rule(false, `gate.shadow needs the shadow replay's report ${show(file)}, which does not exist; run agent-release shadow --model-version ${version} first`);
    if (report.version !== version)
        return rule(false, `${show(file)} is the shadow replay of version ${report.version}, not ${version}; re-run agent-release shadow --model-version ${version}`);
    if (release.champion !== null && report.champion !== release.champion) {
        return rule(false, `${show(file)} compared version ${version} with v${report.champion}, but v${release.champion} is the champion now; re-run agent-release shadow --model-version ${version}`);
    }
    const comparison = (0,shadow_stats/* comparePairs */.f)(report.counts, config.confidence);
    const errors = { candidate: report.candidate.errorRate, champion: report.champion_checks.errorRate };
    const inputs = {
        replayed: report.replayed,
        judged: report.judged,
        champion: report.champion,
        counts: report.counts,
        error_rates: errors,
        min_replayed: config.min_replayed,
        max_net_loss: config.max_net_loss,
        max_error_rate: config.max_error_rate,
        max_error_increase: config.max_error_increase,
        ...(comparison ? { value: comparison.netLoss, n: comparison.n, ci: comparison.interval } : {}),
    };
    const sides = [
        { name: 'the candidate', label: `v${version}`, checks: report.candidate },
        { name: 'the champion', label: `v${report.champion}`, checks: report.champion_checks },
    ];
    for (const side of sides) {
        if (side.checks.requests > 0 && side.checks.errors === side.checks.requests) {
            return rule(false, `shadow: ${side.name} (${side.label}) answered none of the ${side.checks.requests} replayed requests, so nothing could be judged; check evaluate.endpoint (its url for that version's source, headers) and re-run agent-release shadow`, inputs);
        }
    }
    for (const side of sides) {
        if (side.checks.errorRate > config.max_error_rate) {
            return rule(false, `shadow: ${side.name} (${side.label}) failed to answer ${percent(side.checks.errorRate)} of the replayed requests (${side.checks.errors} of ${side.checks.requests}), above max_error_rate ${percent(config.max_error_rate)}; only pairs both sides answered are judged, so the comparison would rest on part of the traffic`, inputs);
        }
    }
    if (errors.candidate - errors.champion > config.max_error_increase) {
        return rule(false, `shadow: the candidate failed to answer ${percent(errors.candidate)} of the replayed requests, the champion v${report.champion} ${percent(errors.champion)}: more than max_error_increase ${percent(config.max_error_increase)} above it`, inputs);
    }
    if (!comparison || report.judged < config.min_replayed) {
        return rule(false, `shadow: only ${report.judged} replayed requests were judged against v${report.champion}, fewer than min_replayed ${config.min_replayed}; replay more (shadow.requests.sample) or export more traffic`, inputs);
    }
    const { low, high } = comparison.interval;
    const numbers = `wins ${percent(comparison.winRate)}, losses ${percent(comparison.lossRate)}, ties ${percent(comparison.tieRate)} of ${comparison.n} pairs against v${report.champion}; losses \u2212 wins ${percent(comparison.netLoss)} (${Math.round(config.confidence * 100)}% interval ${percent(low)} to ${percent(high)})`;
    return (0,shadow_stats/* significantlyWorse */.z)(comparison, config.max_net_loss)
        ? rule(false, `shadow: the candidate loses to the champion on replayed traffic: ${numbers}, all above the allowed ${percent(config.max_net_loss)}`, inputs)
        : rule(true, `shadow: not worse than the champion on replayed traffic: ${numbers}`, inputs);
}

// EXTERNAL MODULE: ./src/registry/tags.ts
var registry_tags = __webpack_require__(7906);
;// CONCATENATED MODULE: ./src/gate/uc-approval.ts

/**
 * The Unity Catalog approval, as a Databricks deployment job's approval task reads it: the
 * version's tag named after the task must say "Approved" (any case). Governance approves in
 * Catalog Explorer (which writes the tag), or a release's production job mirrors its GitHub
 * reviewers' approval there (promote.uc_approval); the gate sees the same decision either way.
 * The two are alternatives within one release: promote writes the tag only after the gate passed,
 * so a gate that waits for the tag promote writes fails, and says so (`promoteWrites`).
 */
async function ucApprovalRule(registry, model, version, config, options = {}) {
    const tags = (await registry.getVersion(model, version))?.tags ?? {};
    const value = tags[config.tag];
    // Exactly the approval task's test (tags.get(name).lower() == "approved"): no trimming, so both read one tag alike.
    const approved = value !== undefined && value.toLowerCase() === config.value.toLowerCase();
    const by = tags[registry_tags/* tagKeys */.bi.ucApprovedBy];
    const inputs = { tag: config.tag, expected: config.value, value: value ?? null, ...(by ? { approved_by: by } : {}), ...(options.promoteWrites ? { written_by_promote: true } : {}) };
    const how = options.promoteWrites
        ? `promote.uc_approval writes this tag only after the gate has passed, so this rule cannot wait for it: keep gate.uc_approval (governance approves in Unity Catalog before the gate) or promote.uc_approval (the environment's reviewers approve, promote records it), not both`
        : `approve it in Unity Catalog (the deployment job's ${config.tag} approval task, or set the tag ${config.tag}=${config.value} on the version in Catalog Explorer)`;
    const reason = approved
        ? `Unity Catalog approval: ${config.tag} = ${value} on version ${version}${by ? ` (approved by ${by})` : ''}`
        : value === undefined
            ? `version ${version} has no Unity Catalog approval: its ${config.tag} tag is not set; ${how}`
            : `version ${version} is not approved in Unity Catalog: its ${config.tag} tag is ${JSON.stringify(value)}, not ${config.value}; ${how}`;
    return { rule: 'uc_approval', passed: approved, warning: false, reason, inputs };
}

// EXTERNAL MODULE: ./src/tracking/client.ts
var client = __webpack_require__(3958);
// EXTERNAL MODULE: ./src/tracking/runs.ts
var runs = __webpack_require__(8891);
// EXTERNAL MODULE: ./src/modes/versions.ts
var versions = __webpack_require__(7763);
;// CONCATENATED MODULE: ./src/modes/gate.ts





















/**
 * Decides pass or fail for one version. The previous decision is withdrawn first and a run that
 * stops part-way leaves an `error` record, so only a run that completed can leave `pass` behind.
 */
async function gate(ctx, inputs) {
    const model = ctx.loaded.config.model.name;
    const version = (0,versions/* requireVersionInput */.EX)('gate', inputs);
    const earlier = (await (0,versions/* requireVersion */.eU)(ctx.registry, model, version)).tags[registry_tags/* tagKeys */.bi.gateDecision];
    if (ctx.dryRun)
        return decide(ctx, inputs, model, version);
    await (0,decision_record/* withdrawDecision */.J_)(ctx, model, version);
    try {
        return await decide(ctx, inputs, model, version);
    }
    catch (error) {
        await (0,decision_record.recordGateError)(ctx, model, version, error).then(() => (0,decision_record.warnWithdrawn)(ctx, model, version, earlier), (writeError) => ctx.logger.warn(`the gate's error could not be recorded on ${model} version ${version} (${(0,src_errors/* messageOf */.bD)(writeError)}); the withdrawal written when the run started still stands`));
        throw error;
    }
}
async function decide(ctx, inputs, model, version) {
    const { loaded, registry, run } = ctx;
    const config = loaded.config.gate;
    if (!config)
        throw new src_errors/* ConfigError */.xL(`${loaded.file}: gate mode needs a gate section with thresholds or a baseline`);
    const dir = (0,paths/* versionDir */.E)(loaded, version);
    const summaryFile = inputs.summaryPath ? external_node_path_default().resolve(loaded.workdir, inputs.summaryPath) : external_node_path_default().join(dir, 'summary.json');
    const summaryShown = (0,paths/* shown */.S)(loaded, summaryFile);
    const summary = await (0,contract_summary/* readSummary */.L_)(summaryFile);
    if (summary.model.name !== model || summary.model.version !== version) {
        throw new src_errors/* InputError */.dz(`${summaryShown} is the evaluation of ${summary.model.name} version ${summary.model.version}, but the gate was asked to decide ${model} version ${version}; pass the summary of version ${version} (summary-path) or run evaluate for it`);
    }
    if (summary.shard) {
        throw new src_errors/* InputError */.dz(`${summaryShown} is shard ${summary.shard.index}/${summary.shard.count} of a sharded evaluation (${summary.shard.rows} of ${summary.dataset.rows} examples); run merge over all ${summary.shard.count} shards and gate the merged summary`);
    }
    const digests = { [summaryShown]: await (0,shard/* fileDigest */.hd)(summaryFile) };
    // The per-example results sit beside the summary. The baseline needs them; without a
    // baseline they are read only if present, for the flakiness report.
    const resultsFile = external_node_path_default().join(external_node_path_default().dirname(summaryFile), 'results.jsonl');
    const resultsShown = (0,paths/* shown */.S)(loaded, resultsFile);
    let scores;
    if (config.baseline || (await isFile(resultsFile))) {
        if (!(await isFile(resultsFile))) {
            throw new src_errors/* InputError */.dz(`gate.baseline compares example by example, so it needs the candidate's results.jsonl beside ${summaryShown}, but ${resultsShown} does not exist; keep the two files of one evaluation together`);
        }
        scores = await (0,gate_scores/* readScores */.oK)(resultsFile, resultsShown, 'candidate results', { expectedIds: summary.dataset.rows });
        (0,baseline/* checkResultsMatchSummary */.aC)(scores, summary, summaryShown);
        digests[resultsShown] = scores.digest;
    }
    const rules = thresholdRules(config, summary, summaryShown);
    const errors = errorsRule(summary);
    if (errors)
        rules.push(errors);
    const aliases = await registry.listAliases(model);
    let champion = null;
    let changes = null;
    if (config.baseline && scores) {
        const alias = config.baseline.alias ?? loaded.config.promote.alias;
        const outcome = await (0,baseline/* baselineRules */.B2)({
            gate: config,
            config: config.baseline,
            alias,
            holder: aliases[alias] ?? null,
            model,
            version,
            candidate: { summary, summaryFile: summaryShown, scores, resultsFile },
            source: (0,baseline_source/* baselineSourceFor */.Oz)(loaded, config.baseline, ctx.tracking),
            show: (file) => (0,paths/* shown */.S)(loaded, file),
            digest: shard/* fileDigest */.hd,
        });
        rules.push(...outcome.rules);
        Object.assign(digests, outcome.digests);
        champion = outcome.champion;
        changes = outcome.changes ?? null;
    }
    const records = await openRecordsRoot(ctx, config);
    const signed = await signoffAndVersionRules(ctx, config, records, { model, version, summary, summaryShown, aliases });
    rules.push(...signed.rules);
    Object.assign(digests, signed.digests);
    if (config.uc_approval) {
        const promoteWrites = loaded.config.promote.uc_approval?.tag === config.uc_approval.tag;
        rules.push(await ucApprovalRule(registry, model, version, config.uc_approval, { promoteWrites }));
    }
    if (config.shadow) {
        rules.push(await shadowRule(config.shadow, summaryFile, (file) => (0,paths/* shown */.S)(loaded, file), { version, champion: aliases[loaded.config.promote.alias] ?? null, alias: loaded.config.promote.alias }));
        const shadowFile = external_node_path_default().join(external_node_path_default().dirname(summaryFile), 'shadow.json');
        if (await isFile(shadowFile))
            digests[(0,paths/* shown */.S)(loaded, shadowFile)] = await (0,shard/* fileDigest */.hd)(shadowFile);
    }
    const passed = rules.every((r) => r.passed);
    const decision = {
        schema: contract_decision/* decisionSchemaId */.Fc,
        model: { name: model, version },
        decision: passed ? 'pass' : 'fail',
        rules,
        inputs: digests,
        aliases,
        decided_at: new Date(ctx.clock.now()).toISOString(),
        gate_policy: (0,policy_digest/* gatePolicyDigest */.Q)(loaded.config.gate),
        run: { actor: run.actor, url: run.runUrl, sha: run.sha },
    };
    const record = { decision, ...(0,decision_record/* serializeDecision */.pL)(decision) };
    const decisionFile = (0,decision_record/* decisionFileOf */.YL)(ctx, version);
    // Every side effect before the record: a plan that cannot be written must not leave a pass behind.
    const deploymentPlan = await deploymentPlanFor(ctx, config, records, decision, `sha256:${record.sha256}`);
    let tags = (0,decision_record/* decisionTags */.i$)(record);
    if (!ctx.dryRun) {
        await (0,fs_async/* mkdir */.Ck)(external_node_path_default().dirname(decisionFile), { recursive: true });
        await (0,fs_async/* writeFile */._h)(decisionFile, record.text);
        const uri = await recordGate(ctx, record, decisionFile, summary.run_id);
        tags = await (0,decision_record/* writeDecisionRecord */.pz)(ctx, record, uri ? { [registry_tags/* tagKeys */.bi.gateDecisionUri]: uri } : {});
    }
    return {
        mode: 'gate',
        dryRun: ctx.dryRun,
        model,
        version,
        decision: passed ? 'pass' : 'fail',
        rules,
        summaryPath: summaryShown,
        decisionPath: (0,paths/* shown */.S)(loaded, decisionFile),
        tags,
        champion,
        deploymentPlan,
        flakiness: scores ? flakinessEntries(scores) : [],
        changes,
    };
}
/**
 * The decision on the evaluation's MLflow run, when there is a tracking server: the artifact, and
 * the whole record as a run tag when it fits (Databricks runs keep artifacts where this cannot
 * write). Returns the `runs:/` URI promote reads it back from.
 */
async function recordGate(ctx, record, decisionFile, evaluationRunId) {
    if (!ctx.tracking)
        return undefined;
    const { decision } = record;
    try {
        const recorded = await ctx.tracking.tracker.recordGate({ decision, decisionFile, evaluationRunId });
        // A record holding a secret is not copied into a tag (see holdsSecret); promote then reads the file or the artifact.
        if (record.text.length <= client/* maxTagValueLength */.AT && !ctx.tracking.client.holdsSecret(record.text))
            await ctx.tracking.client.setTag(recorded.runId, decision_record/* decisionRunTag */.oP, record.text);
        ctx.logger.info(`decision recorded on MLflow run ${recorded.runName} (${recorded.runId})`);
        return `runs:/${recorded.runId}/${recorded.runId === evaluationRunId ? `gate/${runs/* decisionArtifact */.T$}` : runs/* decisionArtifact */.T$}`;
    }
    catch (error) {
        if (!(error instanceof src_errors/* RemoteError */.Hi))
            throw error;
        throw new src_errors/* RemoteError */.Hi(`the gate decided ${decision.decision} for ${decision.model.name} v${decision.model.version}, but the decision could not be recorded in MLflow: ${error.message}; the version's gate decision stays withdrawn (error) until the gate is re-run once the tracking server is reachable`, { cause: error });
    }
}
async function isFile(file) {
    try {
        return (await (0,fs_async/* stat */.dJ)(file)).isFile();
    }
    catch {
        return false;
    }
}


/***/ }),

/***/ 924:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ versionDir),
/* harmony export */   S: () => (/* binding */ shown)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);

/** Where a version's evaluation and decision files live: <artifacts_dir>/<model>/v<version>/ */
function versionDir(loaded, version) {
    const model = loaded.config.model.name.replace(/[^\w.-]+/g, '_');
    // Joined by hand: ncc's asset relocator reads path.resolve(..., `v${x}`) as a glob and bundles
    // every matching file under node_modules.
    return [node_path__WEBPACK_IMPORTED_MODULE_0___default().resolve(loaded.workdir, loaded.config.artifacts_dir), model, `v${version}`].join((node_path__WEBPACK_IMPORTED_MODULE_0___default().sep));
}
/** Paths shown to users are relative to the workspace when they are inside it. */
function shown(loaded, file) {
    const relative = node_path__WEBPACK_IMPORTED_MODULE_0___default().relative(loaded.workdir, file);
    return relative && !relative.startsWith('..') && !node_path__WEBPACK_IMPORTED_MODULE_0___default().isAbsolute(relative) ? relative : file;
}


/***/ }),

/***/ 8264:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PD: () => (/* binding */ shadowReportSchemaId),
/* harmony export */   rA: () => (/* binding */ readShadowReport)
/* harmony export */ });
/* unused harmony export shadowReportSchema */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2857);
/* harmony import */ var _contract_json_file__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7637);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _config_zod_helpers__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3595);




const shadowReportSchemaId = 'agent-release.shadow/v1';
const side = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_2__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_3__/* .object */ .Ikc({
    requests: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().int().min(0),
    errors: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().int().min(0),
    errorRate: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig(),
    jsonValidRate: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig(),
    refusalRate: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig(),
    meanChars: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().nullable(),
    latencyP95Ms: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().nullable(),
    meanTokens: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().nullable(),
    meanToolCalls: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().nullable(),
}));
/** shadow.json: counts and rates only; a request or an answer never goes in it. */
const shadowReportSchema = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_2__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_3__/* .object */ .Ikc({
    schema: zod__WEBPACK_IMPORTED_MODULE_3__/* .literal */ .euz(shadowReportSchemaId),
    model: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP(),
    version: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP(),
    champion: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP(),
    source: zod__WEBPACK_IMPORTED_MODULE_3__/* .object */ .Ikc({ path: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP(), rows: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().int(), skipped: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().int(), sample: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().int(), seed: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().int() }),
    replayed: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().int().min(0),
    judged: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().int().min(0),
    judge_errors: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().int().min(0),
    counts: zod__WEBPACK_IMPORTED_MODULE_3__/* .object */ .Ikc({ candidate: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().int().min(0), champion: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().int().min(0), tie: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().int().min(0) }),
    candidate_shown_first: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().int().min(0),
    candidate: side,
    champion_checks: side,
    created_at: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP(),
}));
async function readShadowReport(file, shownAs) {
    const value = await (0,_contract_json_file__WEBPACK_IMPORTED_MODULE_0__/* .readJsonIfExists */ .W)(file, (reason) => `${shownAs} is not JSON (${reason}); re-run agent-release shadow`);
    if (value === undefined)
        return undefined;
    const parsed = shadowReportSchema.safeParse(value);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`${shownAs} is not a shadow report: ${issue?.path.join('.') || '(top level)'}: ${issue?.message}; re-run agent-release shadow`);
    }
    return parsed.data;
}


/***/ }),

/***/ 3035:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ comparePairs),
/* harmony export */   z: () => (/* binding */ significantlyWorse)
/* harmony export */ });
/* harmony import */ var _stats_interval__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6966);

/**
 * Win and loss rates of the candidate against the champion, and the interval on their
 * difference. Each pair is one trinomial draw (win, loss, tie), so the difference of the two
 * rates has variance (pW + pL \u2212 (pW \u2212 pL)\u00b2) / n; the normal interval on it is what the gate
 * reads. Null for no pairs.
 */
function comparePairs(counts, confidence) {
    const n = counts.candidate + counts.champion + counts.tie;
    if (n === 0)
        return null;
    const winRate = counts.candidate / n;
    const lossRate = counts.champion / n;
    const netLoss = lossRate - winRate;
    const se = Math.sqrt(Math.max(0, winRate + lossRate - netLoss ** 2) / n);
    const z = (0,_stats_interval__WEBPACK_IMPORTED_MODULE_0__/* .zFor */ .yW)(confidence);
    return { n, winRate, lossRate, tieRate: counts.tie / n, netLoss, interval: { low: netLoss - z * se, high: netLoss + z * se, confidence } };
}
/** Worse beyond doubt: even the interval's low end loses more often than it wins by more than the allowed margin. */
function significantlyWorse(comparison, maxNetLoss) {
    return comparison.interval.low > maxNetLoss;
}


/***/ })

} })
