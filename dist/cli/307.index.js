'use strict';
({ id: 307, ids: [307,726], modules: {

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

/***/ 726:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   readCsvRows: () => (/* binding */ readCsvRows)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var csv_parse__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6070);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _contract_utf8__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2659);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3916);





/**
 * Streams a CSV file (RFC 4180: a header row, fields quoted with " when they hold the delimiter,
 * quotes or line breaks; LF or CRLF; an optional UTF-8 BOM) as one object per record, keyed by
 * the header. Empty lines are skipped. A malformed record, or bytes that are not UTF-8, stop the
 * read with the file and the line. `onChunk` sees every byte read, for a digest in the same pass.
 */
async function* readCsvRows(file, what, onChunk) {
    const source = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createReadStream)(file);
    const opened = new Promise((resolve, reject) => {
        source.once('open', () => resolve());
        source.once('error', reject);
    });
    try {
        await opened;
    }
    catch (error) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz(`cannot read ${what} ${file}: ${error.code === 'ENOENT' ? 'file not found' : error.message}`);
    }
    if (onChunk)
        source.on('data', (chunk) => onChunk(chunk));
    // Start lines are counted here from each record's raw text (which includes the empty lines
    // skipped before it): csv-parse's own count runs ahead after a CRLF inside quotes. on_record
    // runs synchronously as records are parsed, so when a later record fails, `position` already
    // points past every record before it, even those still buffered in the stream.
    const position = { nextLine: 1, emptyLines: 0, headerFields: undefined };
    const parser = (0,csv_parse__WEBPACK_IMPORTED_MODULE_1__/* .parse */ .qg)({
        bom: true,
        raw: true,
        skip_empty_lines: true,
        relax_column_count: false,
        max_record_size: maxRecordChars,
        on_record: numberRecords(position),
    });
    // pipeline, not pipe: the check's error (bytes that are not UTF-8) must reach the parser's reader.
    (0,node_stream__WEBPACK_IMPORTED_MODULE_2__.pipeline)(source, utf8Check(file, what), parser, () => undefined);
    let header;
    try {
        for await (const item of parser) {
            if (!header) {
                header = checkHeader(item.fields, file, item.line);
                continue;
            }
            const value = {};
            header.forEach((name, i) => (value[name] = item.fields[i] ?? ''));
            yield { line: item.line, value };
        }
    }
    catch (error) {
        if (!(error instanceof csv_parse__WEBPACK_IMPORTED_MODULE_1__/* .CsvError */ .J$))
            throw error;
        // Empty lines skipped since the last record come before the one that failed.
        const skipped = typeof error.empty_lines === 'number' ? Math.max(0, error.empty_lines - position.emptyLines) : 0;
        throw new _errors__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz(`${file}:${position.nextLine + skipped}: ${what} is not valid CSV: ${explain(error, position.headerFields)}`);
    }
    finally {
        parser.destroy();
        source.destroy();
    }
    if (!header)
        throw new _errors__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz(`${what} ${file} is empty; a CSV dataset needs a header row and one row per example`);
}
/** Passes the bytes on unchanged once they decode as UTF-8 (csv-parse would put U+FFFD in their place). */
function utf8Check(file, what) {
    const decoder = new _contract_utf8__WEBPACK_IMPORTED_MODULE_3__/* .Utf8Chunks */ .Q(file, what);
    return new node_stream__WEBPACK_IMPORTED_MODULE_2__.Transform({
        transform(chunk, _encoding, done) {
            decoder.decode(chunk).then(() => done(null, chunk), done);
        },
        flush(done) {
            decoder.decode(Buffer.alloc(0), true).then(() => done(), done);
        },
    });
}
/** A record this long is a runaway quoted field, not an example. */
const maxRecordChars = 16 * 1024 * 1024;
/**
 * csv-parse's types model on_record as string[] \u2192 string[]; with raw: true it is really handed
 * {record, raw}, and whatever it returns is what the stream yields (a NumberedRecord here).
 */
function numberRecords(position) {
    const numbered = (parsed, context) => {
        const raw = context.raw ?? '';
        const leading = /^(?:\r\n|\r|\n)*/.exec(raw)?.[0] ?? '';
        const line = position.nextLine + lineBreaks(leading);
        position.nextLine += lineBreaks(raw);
        position.emptyLines = context.empty_lines;
        position.headerFields ??= parsed.record.length;
        return { fields: parsed.record, line };
    };
    return numbered;
}
function checkHeader(names, file, line) {
    const seen = new Set();
    names.forEach((name, i) => {
        if (name.trim() === '')
            throw new _errors__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz(`${file}:${line}: CSV header: column ${i + 1} has no name; every column needs one`);
        if (seen.has(name))
            throw new _errors__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz(`${file}:${line}: CSV header names column "${name}" twice; column names must be unique`);
        seen.add(name);
    });
    return names;
}
function lineBreaks(text) {
    return text.match(/\r\n|\r|\n/g)?.length ?? 0;
}
function explain(error, headerFields) {
    switch (error.code) {
        case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
        case 'CSV_RECORD_INCONSISTENT_COLUMNS': {
            const got = Array.isArray(error.record) ? error.record.length : undefined;
            return `the row has ${got ?? 'a different number of'} fields but the header has ${headerFields ?? 'another number'}; quote a field that contains a comma`;
        }
        case 'CSV_INVALID_CLOSING_QUOTE':
            return 'a quoted field has text after its closing quote; inside a quoted field write a quote as ""';
        case 'INVALID_OPENING_QUOTE':
            return 'a quote appears inside an unquoted field; quote the whole field and double the quote, e.g. "a 5"" screen"';
        case 'CSV_QUOTE_NOT_CLOSED':
            return 'a quoted field is never closed (the file ends inside quotes)';
        case 'CSV_MAX_RECORD_SIZE':
            return `a record is longer than ${maxRecordChars} characters; most likely a quote is never closed`;
        default:
            return error.message.replace(/ (?:at|on) line \d+.*$/, '');
    }
}


/***/ }),

/***/ 5307:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  shadow: () => (/* binding */ shadow)
});

// EXTERNAL MODULE: ./src/fs-async.ts
var fs_async = __webpack_require__(7253);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(2857);
// EXTERNAL MODULE: ./src/contract/jsonl.ts
var jsonl = __webpack_require__(2047);
// EXTERNAL MODULE: ./src/evaluate/dataset-csv.ts
var dataset_csv = __webpack_require__(726);
// EXTERNAL MODULE: ./src/stats/random.ts
var stats_random = __webpack_require__(748);
// EXTERNAL MODULE: ./src/config/zod-helpers.ts
var zod_helpers = __webpack_require__(3595);
;// CONCATENATED MODULE: ./src/shadow/requests.ts






/**
 * An export of a Databricks inference table, one row per request, as JSONL or CSV. Columns read
 * (both the legacy payload table and the AI Gateway one): `databricks_request_id` (else
 * `client_request_id`) as the id, `request` (the JSON body as a string, or as an object in JSONL),
 * and `status_code`: only requests that were answered (2xx) are replayed, so a production outage
 * is not replayed as a regression. Rows are sampled deterministically (reservoir, seeded).
 */
async function readRecordedRequests(file, options) {
    const random = (0,stats_random/* seededRandom */.Is)(options.seed);
    const kept = [];
    let rows = 0;
    let skipped = 0;
    for await (const { line, value } of rowsOf(file, options.format)) {
        const request = recordedRequest(value, file, line);
        if (!request) {
            skipped++;
            continue;
        }
        rows++;
        // Reservoir sampling (algorithm R): every answered row has the same chance, in one pass.
        if (kept.length < options.sample)
            kept.push(request);
        else {
            const slot = (0,stats_random/* randomIndex */.km)(random, rows);
            if (slot < options.sample)
                kept[slot] = request;
        }
    }
    if (rows === 0)
        throw new errors/* InputError */.dz(`${file} has no answered requests to replay (${skipped} rows with a status_code other than 2xx); export rows with status_code 200`);
    return { requests: kept, rows, skipped };
}
async function* rowsOf(file, format) {
    if (format === 'csv') {
        for await (const row of (0,dataset_csv.readCsvRows)(file, 'recorded requests'))
            yield { line: row.line, value: row.value };
        return;
    }
    for await (const row of (0,jsonl/* readJsonl */.f)(file, inferenceRow, 'recorded requests'))
        yield row;
}
const inferenceRow = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J(), { error: 'expected a JSON object (one row of the inference table export)' }));
function recordedRequest(row, file, line) {
    const status = row.status_code;
    if (status !== undefined && status !== null && status !== '' && !/^2\d\d$/.test(String(status)))
        return undefined;
    const id = [row.databricks_request_id, row.client_request_id].find((v) => typeof v === 'string' && v !== '');
    if (typeof id !== 'string')
        throw new errors/* InputError */.dz(`${file}:${line}: no databricks_request_id or client_request_id; export the inference table with its id columns`);
    let body = row.request;
    if (typeof body === 'string') {
        try {
            body = JSON.parse(body);
        }
        catch {
            throw new errors/* InputError */.dz(`${file}:${line}: the request column of ${id} is not JSON; it should hold the body the endpoint received`);
        }
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body))
        throw new errors/* InputError */.dz(`${file}:${line}: the request column of ${id} is not a JSON object (the request body); got ${body === undefined ? 'nothing' : typeof body}`);
    return { id, body: body };
}

;// CONCATENATED MODULE: ./src/shadow/traces.ts




/** MLflow 3's trace endpoints sit beside the 2.0 API the transport is rooted at. */
const searchPath = '../3.0/mlflow/traces/search';
const getPath = '../3.0/mlflow/traces/get';
const searchAnswer = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* object */.Ikc({
    traces: schemas/* array */.YOg(schemas/* object */.Ikc({ trace_id: schemas/* string */.YjP(), state: schemas/* string */.YjP().optional() }).loose()).default([]),
    next_page_token: schemas/* string */.YjP().optional(),
}));
const anyValue = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* lazy */.RZV(() => schemas/* object */.Ikc({
    string_value: schemas/* string */.YjP().optional(),
    bool_value: schemas/* boolean */.zMY().optional(),
    int_value: schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig()]).optional(),
    double_value: schemas/* number */.aig().optional(),
    array_value: schemas/* object */.Ikc({ values: schemas/* array */.YOg(anyValue).optional() }).optional(),
    kvlist_value: schemas/* object */.Ikc({ values: schemas/* array */.YOg(schemas/* object */.Ikc({ key: schemas/* string */.YjP(), value: anyValue.optional() })).optional() }).optional(),
})));
const traceAnswer = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* object */.Ikc({
    trace: schemas/* object */.Ikc({
        spans: schemas/* array */.YOg(schemas/* object */.Ikc({ parent_span_id: schemas/* string */.YjP().optional(), attributes: schemas/* array */.YOg(schemas/* object */.Ikc({ key: schemas/* string */.YjP(), value: anyValue.optional() })).default([]) }).loose()).default([]),
    }).loose(),
}));
/**
 * Recorded requests from MLflow traces: the experiment's traces that ended OK between `fromMs`
 * and `toMs` (POST /api/3.0/mlflow/traces/search, paged), sampled (reservoir, seeded), each read
 * whole (GET /api/3.0/mlflow/traces/get) for its root span's inputs: the trace metadata keeps only
 * a 250-character preview of them. A trace whose root span has no object inputs is skipped.
 */
async function readTraceRequests(rest, options) {
    const experiment = await rest.call({
        what: `read experiment ${options.experiment}`,
        method: 'GET',
        path: 'mlflow/experiments/get-by-name',
        fields: { experiment_name: options.experiment },
        response: schemas/* object */.Ikc({ experiment: schemas/* object */.Ikc({ experiment_id: schemas/* string */.YjP() }).loose() }),
        idempotent: true,
    });
    const random = (0,stats_random/* seededRandom */.Is)(options.seed);
    const sampled = [];
    let seen = 0;
    let pageToken;
    do {
        const page = await rest.call({
            what: `search the traces of ${options.experiment}`,
            method: 'POST',
            path: searchPath,
            fields: {
                locations: [{ type: 'MLFLOW_EXPERIMENT', mlflow_experiment: { experiment_id: experiment.experiment.experiment_id } }],
                filter: `trace.timestamp_ms >= ${Math.floor(options.fromMs)} AND trace.timestamp_ms < ${Math.floor(options.toMs)} AND trace.status = 'OK'`,
                max_results: 500,
                ...(pageToken ? { page_token: pageToken } : {}),
            },
            response: searchAnswer,
            idempotent: true,
        });
        for (const trace of page.traces) {
            seen++;
            if (sampled.length < options.sample)
                sampled.push(trace.trace_id);
            else {
                const slot = (0,stats_random/* randomIndex */.km)(random, seen);
                if (slot < options.sample)
                    sampled[slot] = trace.trace_id;
            }
        }
        pageToken = page.next_page_token || undefined;
    } while (pageToken);
    const window = `between ${new Date(options.fromMs).toISOString()} and ${new Date(options.toMs).toISOString()}`;
    if (seen === 0)
        throw new errors/* InputError */.dz(`experiment ${options.experiment} has no traces that ended OK ${window}; widen shadow.requests.mlflow_traces.window or check the experiment`);
    const requests = [];
    for (const id of sampled) {
        const { trace } = await rest.call({ what: `read trace ${id}`, method: 'GET', path: getPath, fields: { trace_id: id }, response: traceAnswer, idempotent: true });
        const root = trace.spans.find((s) => !s.parent_span_id);
        const inputs = root?.attributes.find((a) => a.key === 'mlflow.spanInputs')?.value;
        const body = inputs ? decode(inputs) : undefined;
        if (body && typeof body === 'object' && !Array.isArray(body))
            requests.push({ id, body: body });
    }
    return { requests, rows: seen, skipped: sampled.length - requests.length };
}
/** AnyValue to JSON; a string holding JSON (how some tracers store inputs) is parsed. */
function decode(value) {
    if (value.kvlist_value)
        return Object.fromEntries((value.kvlist_value.values ?? []).map((kv) => [kv.key, kv.value ? decode(kv.value) : null]));
    if (value.array_value)
        return (value.array_value.values ?? []).map(decode);
    if (value.string_value !== undefined) {
        try {
            const parsed = JSON.parse(value.string_value);
            return typeof parsed === 'object' ? parsed : value.string_value;
        }
        catch {
            return value.string_value;
        }
    }
    if (value.int_value !== undefined)
        return Number(value.int_value);
    return value.double_value ?? value.bool_value ?? null;
}

// EXTERNAL MODULE: ./src/http/errors.ts
var http_errors = __webpack_require__(8549);
// EXTERNAL MODULE: ./src/http/retry.ts
var retry = __webpack_require__(8902);
// EXTERNAL MODULE: ./src/evaluate/endpoint.ts
var endpoint = __webpack_require__(1894);
// EXTERNAL MODULE: ./src/evaluate/formats/index.ts + 5 modules
var formats = __webpack_require__(4529);
// EXTERNAL MODULE: ./src/evaluate/formats/steps.ts
var steps = __webpack_require__(8287);
// EXTERNAL MODULE: ./src/evaluate/post.ts
var post = __webpack_require__(7133);
// EXTERNAL MODULE: ./src/pool.ts
var pool = __webpack_require__(9537);
// EXTERNAL MODULE: ./src/evaluate/scorer-json.ts
var scorer_json = __webpack_require__(2822);
// EXTERNAL MODULE: ./src/evaluate/scorer-refusal.ts
var scorer_refusal = __webpack_require__(6730);
// EXTERNAL MODULE: ./src/stats/interval.ts
var interval = __webpack_require__(6966);
;// CONCATENATED MODULE: ./src/shadow/checks.ts



function sideChecks(answers) {
    const answered = answers.filter((a) => a.text !== null);
    const share = (count) => (answered.length > 0 ? count / answered.length : 0);
    const latencies = answered.flatMap((a) => (a.latencyMs === null ? [] : [a.latencyMs]));
    return {
        requests: answers.length,
        errors: answers.length - answered.length,
        errorRate: answers.length > 0 ? (answers.length - answered.length) / answers.length : 0,
        jsonValidRate: share(answered.filter((a) => (0,scorer_json/* parseAnswerJson */.iO)(a.text, true) !== undefined).length),
        refusalRate: share(answered.filter((a) => scorer_refusal/* refusalPhrases */.R9.some((p) => p.test((0,scorer_refusal/* normaliseForRefusal */.K_)(a.text)))).length),
        meanChars: answered.length > 0 ? answered.reduce((sum, a) => sum + a.text.length, 0) / answered.length : null,
        latencyP95Ms: (0,interval/* percentile */.Ym)(latencies, 0.95) ?? null,
        meanTokens: mean(answered.map((a) => a.tokens ?? null)),
        meanToolCalls: mean(answered.map((a) => a.toolCalls ?? null)),
    };
}
function mean(values) {
    const known = values.filter((v) => v !== null);
    return known.length > 0 ? known.reduce((a, b) => a + b, 0) / known.length : null;
}

// EXTERNAL MODULE: ./src/evaluate/judge-verdict.ts
var judge_verdict = __webpack_require__(9435);
;// CONCATENATED MODULE: ./src/shadow/judge.ts



/**
 * Judges prefer whichever answer they read first (or second) more often than chance. Exactly
 * half the pairs show the candidate as A and half as B, so the bias adds to both sides equally
 * and cancels in the win/loss difference instead of moving it. Which half is drawn with the seed,
 * not by position, so a pattern in the recorded traffic cannot line up with the order.
 */
function candidateFirstPlan(pairs, seed) {
    const plan = Array.from({ length: pairs }, (_, i) => i < Math.ceil(pairs / 2));
    const random = (0,stats_random/* seededRandom */.Is)(seed);
    for (let i = plan.length - 1; i > 0; i--) {
        const j = (0,stats_random/* randomIndex */.km)(random, i + 1);
        [plan[i], plan[j]] = [plan[j], plan[i]];
    }
    return plan;
}
function outcomeOf(verdict, candidateIsA) {
    if (verdict === 'tie')
        return 'tie';
    return (verdict === 'A') === candidateIsA ? 'candidate' : 'champion';
}
const defaultPairRubric = 'Which answer serves the user better: more correct, more helpful, and safe? Answer "tie" when neither is clearly better.';
/**
 * An OpenAI-compatible chat model asked which of two answers to one request is better. It
 * answers with JSON {"better": "A" | "B" | "tie"}; anything else is an error for that pair (left
 * out of the counts), never a silent tie.
 */
async function judgePair(config, pair, options) {
    const prompt = [
        config.rubric,
        '',
        'Request:',
        pair.request,
        '',
        'Answer A:',
        pair.a,
        '',
        'Answer B:',
        pair.b,
        '',
        'Reply with JSON only: {"better": "A"} or {"better": "B"} or {"better": "tie"}.',
    ].join('\n');
    const body = { ...(config.model ? { model: config.model } : {}), temperature: 0, messages: [{ role: 'user', content: prompt }] };
    const answer = await (0,post/* postJson */.B2)({ url: config.url, headers: config.headers, timeoutMs: config.timeoutMs, retries: config.retries }, body, 'pairwise judge', options);
    const text = answer.json?.choices?.[0]?.message?.content;
    if (typeof text !== 'string')
        throw new Error('pairwise judge: the answer has no choices[0].message.content');
    for (const object of (0,judge_verdict/* jsonObjectsIn */.E)(text)) {
        const better = typeof object.better === 'string' ? object.better.trim() : '';
        if (better === 'A' || better === 'B')
            return better;
        if (better.toLowerCase() === 'tie')
            return 'tie';
    }
    throw new Error(`pairwise judge: expected {"better": "A" | "B" | "tie"}, got ${text.length > 80 ? `${text.slice(0, 80)}\u2026` : text}`);
}

// EXTERNAL MODULE: ./src/shadow/stats.ts
var stats = __webpack_require__(3035);
;// CONCATENATED MODULE: ./src/shadow/replay.ts











/**
 * Sends every recorded request body, unchanged, to the candidate and the champion (the same
 * endpoint format, each version's URL), reads both answers, and has the judge compare them with
 * the candidate shown first on half the pairs. Only pairs where both sides answered are judged:
 * a pair where either side failed, or the judge did, is left out of the counts, and each side's
 * failures are reported on their own (SideChecks.errors) for the gate to weigh. Counting a failed
 * champion as a win would let a broken champion URL pass every candidate.
 */
async function replay(requests, targets, config, runtime) {
    const { module, settings } = (0,formats/* resolveFormat */.ey)(targets.endpoint, 'input');
    const ask = async (url, body) => {
        const target = { url: module.url(url, settings), headers: targets.endpoint.headers, timeoutMs: targets.endpoint.timeout, retries: targets.endpoint.retries, maxResponseBytes: targets.endpoint.max_response_size };
        try {
            const answer = await (0,post/* postJson */.B2)(target, body, 'agent endpoint', { clock: runtime.clock, signal: runtime.signal });
            // Read as evaluate reads it: a tool-calling agent's reply of tool calls alone is an answer.
            const read = (0,endpoint/* readAgentAnswer */.SM)(module, settings, answer.json, true);
            return { text: read.text, latencyMs: answer.elapsedMs, error: null, tokens: read.usage?.total_tokens ?? null, toolCalls: (0,steps/* toolCallsOf */.Ve)(read.steps).length, steps: read.steps };
        }
        catch (error) {
            return { text: null, latencyMs: null, error: (0,errors/* messageOf */.bD)(error), steps: [] };
        }
    };
    const judge = { url: config.judge.url, model: config.judge.model, headers: config.judge.headers, timeoutMs: config.judge.timeout, retries: config.judge.retries, rubric: config.judge.rubric ?? defaultPairRubric };
    const pairs = new Array(requests.length);
    let judgeErrors = 0;
    let firstJudgeError;
    let done = 0;
    const plan = candidateFirstPlan(requests.length, config.requests.seed);
    const indexed = requests.map((request, index) => ({ request, index }));
    await (0,pool/* runPool */.k)(indexed[Symbol.iterator](), config.concurrency, async ({ request, index }) => {
        const [{ steps: candidateSteps, ...candidate }, { steps: championSteps, ...champion }] = await Promise.all([ask(targets.candidateUrl, request.body), ask(targets.championUrl, request.body)]);
        const first = plan[index] ?? true;
        const text = JSON.stringify(request.body);
        let outcome = null;
        if (candidate.text !== null && champion.text !== null) {
            const [a, b] = first ? [shownToJudge(candidate.text, candidateSteps), shownToJudge(champion.text, championSteps)] : [shownToJudge(champion.text, championSteps), shownToJudge(candidate.text, candidateSteps)];
            try {
                const verdict = await judgePair(judge, { request: text, a, b }, { clock: runtime.clock, signal: runtime.signal });
                outcome = outcomeOf(verdict, first);
            }
            catch (error) {
                judgeErrors++;
                firstJudgeError ??= judgeFailure(error);
                runtime.logger.debug(`pair ${index + 1}: the judge failed (${error instanceof Error ? error.name : 'error'})`);
            }
        }
        pairs[index] = { id: request.id, request: text, candidate, champion, outcome, candidateFirst: first };
        runtime.logger.progress(`shadow: ${++done} of ${requests.length} requests replayed`);
    }, runtime.signal);
    runtime.logger.progress(null);
    if (firstJudgeError !== undefined) {
        runtime.logger.warn(`the judge failed on ${judgeErrors} of the pairs both sides answered, which are left out of the counts; the first: ${firstJudgeError}. Check shadow.judge (url, headers, model)`);
    }
    const counts = { candidate: 0, champion: 0, tie: 0 };
    for (const pair of pairs)
        if (pair.outcome)
            counts[pair.outcome]++;
    const judged = counts.candidate + counts.champion + counts.tie;
    return {
        pairs,
        measures: {
            replayed: pairs.length,
            judged,
            judgeErrors,
            counts,
            candidateShownFirst: pairs.filter((p) => p.candidateFirst).length,
            comparison: (0,stats/* comparePairs */.f)(counts, runtime.confidence),
            candidate: sideChecks(pairs.map((p) => p.candidate)),
            champion: sideChecks(pairs.map((p) => p.champion)),
        },
    };
}
/** An answer as the judge reads it: its text, then the tool calls it made (a tool-only reply has no text). */
function shownToJudge(text, steps) {
    const calls = steps.flatMap((s) => (s.kind === 'call' ? [`[tool call] ${s.name}(${s.arguments})`] : []));
    return [text, ...calls].filter((line) => line !== '').join('\n') || '(empty answer)';
}
/** Replaces every match of the configured patterns, for text written on purpose (record_text). */
function redactor(patterns) {
    const compiled = patterns.map((p) => new RegExp(p, 'gu'));
    return (text) => compiled.reduce((out, re) => out.replace(re, '[REDACTED]'), text);
}
/**
 * What went wrong with the judge, for the log: its HTTP status or the transport failure, never a
 * body or a reply, which may quote the request or the answers.
 */
function judgeFailure(error) {
    const root = error instanceof retry/* RetriesExhaustedError */.i5 ? error.lastError : error;
    if (root instanceof http_errors/* HttpStatusError */.F9)
        return `pairwise judge: HTTP ${root.status}${error instanceof retry/* RetriesExhaustedError */.i5 ? ` after ${error.attempts} attempts` : ''}`;
    const message = (0,errors/* messageOf */.bD)(error);
    return message.startsWith('pairwise judge: expected') ? 'pairwise judge: its reply was not {"better": "A" | "B" | "tie"}' : message;
}

// EXTERNAL MODULE: ./src/shadow/report.ts
var shadow_report = __webpack_require__(8264);
// EXTERNAL MODULE: ./src/template.ts
var template = __webpack_require__(5237);
// EXTERNAL MODULE: ./src/modes/paths.ts
var paths = __webpack_require__(924);
// EXTERNAL MODULE: ./src/modes/versions.ts
var versions = __webpack_require__(7763);
;// CONCATENATED MODULE: ./src/modes/shadow.ts










/**
 * Replays a sample of recorded production requests to the candidate and to the champion (the
 * promote alias's holder) and compares the answers pairwise. Writes shadow.json beside the
 * version's evaluation for the gate's `shadow` rule; no request or answer text is logged or
 * written unless shadow.record_text says so, and then only after shadow.redact.
 */
async function shadow(ctx, inputs) {
    const { loaded, registry, logger } = ctx;
    const config = loaded.config.shadow;
    const endpoint = loaded.config.evaluate?.endpoint;
    if (!config)
        throw new errors/* ConfigError */.xL(`${loaded.file}: shadow mode needs a shadow section (requests, judge)`);
    if (!endpoint)
        throw new errors/* ConfigError */.xL(`${loaded.file}: shadow replays through evaluate.endpoint (its url with {{source}}), which is not configured`);
    const model = loaded.config.model.name;
    const version = (0,versions/* requireVersionInput */.EX)('shadow', inputs);
    const candidate = await (0,versions/* requireVersion */.eU)(registry, model, version);
    const alias = loaded.config.promote.alias;
    const championVersion = await registry.getAlias(model, alias);
    if (championVersion === null)
        throw new errors/* RefusedError */.fk(`shadow compares ${model} version ${version} with the holder of @${alias}, but no version holds it; promote a first version before comparing (on a first release gate.shadow is skipped, so the gate does not need this)`);
    if (championVersion === version)
        throw new errors/* RefusedError */.fk(`${model} version ${version} already holds @${alias}: there is no champion to compare it with`);
    const champion = await (0,versions/* requireVersion */.eU)(registry, model, championVersion);
    const url = (v) => (0,template/* endpointUrl */.Pb)(endpoint.url, { version: v.version, model, source: v.source }, `${loaded.file}: evaluate.endpoint.url`);
    const dir = (0,paths/* versionDir */.E)(loaded, version);
    const reportFile = external_node_path_default().join(dir, 'shadow.json');
    const traces = config.requests.mlflow_traces;
    const rest = traces ? ctx.tracking?.client.rest : undefined;
    if (traces && !rest)
        throw new errors/* ConfigError */.xL(`${loaded.file}: shadow.requests.mlflow_traces reads the tracking server of registry mlflow or unity-catalog; model.registry is ${loaded.config.model.registry}. Export the requests to a file and give shadow.requests.path instead`);
    const untilMs = traces?.until ? Date.parse(traces.until) : ctx.clock.now();
    const source = traces ? `MLflow traces of ${traces.experiment} from ${new Date(untilMs - traces.window).toISOString()} to ${new Date(untilMs).toISOString()}` : (config.requests.path ?? '');
    const base = { mode: 'shadow', dryRun: ctx.dryRun, model, version, champion: championVersion, requestsPath: source, reportPath: (0,paths/* shown */.S)(loaded, reportFile) };
    if (ctx.dryRun) {
        logger.info(`dry run: would replay up to ${config.requests.sample} requests from ${source} to v${version} and v${championVersion} and judge them pairwise`);
        return { ...base, measures: null, pairsPath: null };
    }
    const { sample, seed } = config.requests;
    const { requests, rows, skipped } = traces && rest
        ? await readTraceRequests(rest, { experiment: traces.experiment, fromMs: untilMs - traces.window, toMs: untilMs, sample, seed })
        : await readExport(external_node_path_default().resolve(loaded.workdir, config.requests.path ?? ''), config.requests.format, sample, seed);
    logger.info(`shadow: replaying ${requests.length} of ${rows} answered requests (${skipped} left out: not answered, or without a request body) to v${version} and v${championVersion}`);
    const { measures, pairs } = await logger.group(`shadow replay of ${model} v${version} against v${championVersion}`, () => replay(requests, { endpoint, candidateUrl: url(candidate), championUrl: url(champion) }, config, { clock: ctx.clock, logger, signal: ctx.signal, confidence: loaded.config.gate?.shadow?.confidence ?? 0.95 }));
    const report = {
        schema: shadow_report/* shadowReportSchemaId */.PD,
        model,
        version,
        champion: championVersion,
        source: { path: source, rows, skipped, sample, seed },
        replayed: measures.replayed,
        judged: measures.judged,
        judge_errors: measures.judgeErrors,
        counts: measures.counts,
        candidate_shown_first: measures.candidateShownFirst,
        candidate: measures.candidate,
        champion_checks: measures.champion,
        created_at: new Date(ctx.clock.now()).toISOString(),
    };
    await (0,fs_async/* mkdir */.Ck)(dir, { recursive: true });
    await (0,fs_async/* writeFile */._h)(reportFile, `${JSON.stringify(report, null, 2)}\n`);
    let pairsPath = null;
    if (config.record_text) {
        const redact = redactor(config.redact);
        const file = external_node_path_default().join(dir, 'shadow-pairs.jsonl');
        const lines = pairs.map((p) => JSON.stringify({ id: p.id, request: redact(p.request), candidate: p.candidate.text === null ? null : redact(p.candidate.text), champion: p.champion.text === null ? null : redact(p.champion.text), outcome: p.outcome, candidate_first: p.candidateFirst }));
        await (0,fs_async/* writeFile */._h)(file, `${lines.join('\n')}\n`);
        pairsPath = (0,paths/* shown */.S)(loaded, file);
    }
    return { ...base, measures, pairsPath };
}
function readExport(file, format, sample, seed) {
    return readRecordedRequests(file, { format: format ?? (file.toLowerCase().endsWith('.csv') ? 'csv' : 'jsonl'), sample, seed });
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
