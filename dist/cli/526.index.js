'use strict';
({ id: 526, ids: [526], modules: {

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

/***/ 3526:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  evaluate: () => (/* binding */ evaluate)
});

// EXTERNAL MODULE: ./src/fs-async.ts
var fs_async = __webpack_require__(7253);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/contract/summary.ts
var contract_summary = __webpack_require__(1938);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/contract/line-writer.ts
var line_writer = __webpack_require__(4752);
// EXTERNAL MODULE: ./src/http/client.ts
var client = __webpack_require__(3329);
// EXTERNAL MODULE: ./src/http/retry.ts
var retry = __webpack_require__(8902);
// EXTERNAL MODULE: ./src/hash/sha256.ts
var sha256 = __webpack_require__(6813);
// EXTERNAL MODULE: ./src/pool.ts
var pool = __webpack_require__(9537);
// EXTERNAL MODULE: ./src/evaluate/aggregate.ts
var evaluate_aggregate = __webpack_require__(8352);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(2857);
// EXTERNAL MODULE: ./src/contract/jsonl.ts
var jsonl = __webpack_require__(2047);
;// CONCATENATED MODULE: ./src/evaluate/formats/history.ts
/**
 * The steps of one reply (and the results given for it) as messages or items to append.
 * `toolNames`: tool messages carry the tool's `name`, which MLflow's ChatAgent requires and
 * OpenAI's chat completions (role, content, tool_call_id only) does not take.
 */
function renderSteps(steps, style, toolNames = false) {
    return style === 'input' ? steps.map(responsesItem) : chatMessages(steps, toolNames);
}
function responsesItem(step) {
    switch (step.kind) {
        case 'text':
            return { role: 'assistant', content: step.text };
        case 'call':
            return { type: 'function_call', call_id: step.id, name: step.name, arguments: step.arguments };
        case 'result':
            return { type: 'function_call_output', call_id: step.id, output: step.output };
    }
}
/** An assistant's text and the calls that follow it are one message; each result is a tool message. */
function chatMessages(steps, toolNames) {
    const out = [];
    let assistant;
    for (const step of steps) {
        if (step.kind === 'result') {
            assistant = undefined;
            out.push({ role: 'tool', tool_call_id: step.id, ...(toolNames && step.name !== undefined ? { name: step.name } : {}), content: step.output });
            continue;
        }
        if (step.kind === 'text') {
            // Text after calls starts a new message: the reply that follows the calls' results.
            if (assistant !== undefined && assistant.tool_calls === undefined) {
                assistant.content = `${assistant.content ?? ''}${step.text}`;
            }
            else {
                assistant = { role: 'assistant', content: step.text };
                out.push(assistant);
            }
            continue;
        }
        if (assistant === undefined) {
            assistant = { role: 'assistant', content: null };
            out.push(assistant);
        }
        (assistant.tool_calls ??= []).push({ id: step.id, type: 'function', function: { name: step.name, arguments: step.arguments } });
    }
    return out;
}

// EXTERNAL MODULE: ./src/evaluate/formats/steps.ts
var formats_steps = __webpack_require__(8287);
// EXTERNAL MODULE: ./src/evaluate/messages.ts
var evaluate_messages = __webpack_require__(6111);
;// CONCATENATED MODULE: ./src/evaluate/conversation.ts



const isRecord = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
/** The turns of a row's conversation column, or a problem naming the turn. */
function readTurns(value, config) {
    const column = config.column;
    if (!Array.isArray(value) || value.length === 0)
        return { problem: `field "${column}" must be a non-empty list of turns, e.g. [{"input": "Hi"}, {"input": "And then?"}]` };
    const turns = [];
    for (const [i, turn] of value.entries()) {
        const where = `field "${column}" turn ${i + 1}`;
        if (!isRecord(turn))
            return { problem: `${where} must be an object with an "input"` };
        const messages = (0,evaluate_messages/* asMessages */.F)(turn.input);
        if (!messages)
            return { problem: `${where}: "input" must be a string, a list of {role, content} messages, or {messages: [...]}` };
        const toolResults = toolResultsOf(turn[config.tool_results_column], `${where}: "${config.tool_results_column}"`);
        if (typeof toolResults === 'string')
            return { problem: toolResults };
        turns.push({ input: turn.input, messages, expected: turn.expected, fields: turn, toolResults });
    }
    return { turns };
}
/** Tool results by tool name, or a problem. */
function toolResultsOf(value, where) {
    if (value === undefined || value === null || value === '')
        return undefined;
    if (!isRecord(value))
        return `${where} must be an object of results by tool name, e.g. {"search": "3 hits"}`;
    return value;
}
/** Prices from `evaluate.cost`: the response's model when the table has it, else the configured one. */
function pricing(cost, endpointModel) {
    if (!cost)
        return null;
    const fallback = cost.model ?? endpointModel;
    return {
        price(usage, model) {
            const entry = (model !== undefined ? cost.prices[model] : undefined) ?? (fallback !== undefined ? cost.prices[fallback] : undefined);
            if (!entry || usage?.prompt_tokens === undefined || usage.completion_tokens === undefined)
                return undefined;
            return (usage.prompt_tokens * entry.prompt_per_million + usage.completion_tokens * entry.completion_per_million) / 1_000_000;
        },
    };
}
/** Usage summed over requests; absent when any of them reported none, never a partial count. */
function addUsage(a, b) {
    if (!a || !b)
        return undefined;
    const sum = (key) => (a[key] !== undefined && b[key] !== undefined ? { [key]: a[key] + b[key] } : {});
    const total = { ...sum('prompt_tokens'), ...sum('completion_tokens'), ...sum('total_tokens') };
    return Object.keys(total).length > 0 ? total : undefined;
}
function addCost(a, b) {
    return a === undefined || b === undefined ? undefined : a + b;
}
function historyStyle(request) {
    return request === 'input' ? 'input' : 'messages';
}
/** A turn the agent did not finish, with the calls it made on the way (kept in results.jsonl). */
class UnfinishedTurnError extends Error {
    toolCalls;
    constructor(message, toolCalls) {
        super(message);
        this.toolCalls = toolCalls;
    }
}
/**
 * Plays one turn: appends the user's messages to `history`, asks, and while the reply leaves
 * calls pending that the given results answer, appends the reply and the results and asks
 * again. `history` ends holding everything said, ready for the next turn. The last turn may end
 * on calls no result answers (scorers judge the calls); an earlier one may not, since the next
 * request would carry calls without their results, which chat APIs refuse.
 */
async function playTurn(player, history, input, toolResults, lastTurn) {
    history.push(...input.messages);
    const steps = [];
    let usage;
    let cost;
    let latencyMs = 0;
    let last;
    for (let round = 0;; round++) {
        const answer = await player.agent.ask({ raw: input.raw, messages: input.messages, history: [...history] }, player.signal);
        last = answer;
        usage = round === 0 ? answer.usage : addUsage(usage, answer.usage);
        const priced = player.pricing?.price(answer.usage, answer.model);
        cost = round === 0 ? priced : addCost(cost, priced);
        latencyMs += answer.latencyMs;
        steps.push(...answer.steps);
        history.push(...renderSteps(answer.steps, player.style, player.toolNames));
        const pending = (0,formats_steps/* pendingCalls */.lc)(answer.steps);
        if (pending.length === 0)
            break;
        const given = toolResults ?? {};
        const unanswered = [...new Set(pending.filter((c) => !Object.hasOwn(given, c.name)).map((c) => c.name))];
        if (unanswered.length > 0 && lastTurn)
            break;
        if (unanswered.length > 0) {
            throw new UnfinishedTurnError(`the agent called ${unanswered.join(', ')}, which the turn's tool results do not answer, so the conversation cannot go on (the next request would carry calls without their results); give ${unanswered.length === 1 ? 'its result' : 'their results'} in the turn's tool results, by tool name`, (0,formats_steps/* toolCallsOf */.Ve)(steps));
        }
        if (round + 1 > player.maxToolRounds) {
            // Scoring the last reply would score a turn the agent never finished: an empty answer that can pass.
            throw new UnfinishedTurnError(`the agent was still calling tools (${[...new Set(pending.map((c) => c.name))].join(', ')}) after ${player.maxToolRounds} round${player.maxToolRounds === 1 ? '' : 's'} of tool results, so the turn has no final answer; raise evaluate.conversation.max_tool_rounds if it needs more, or check the agent for a loop`, (0,formats_steps/* toolCallsOf */.Ve)(steps));
        }
        const results = pending.map((call) => {
            const output = given[call.name];
            return { kind: 'result', id: call.id, name: call.name, output: typeof output === 'string' ? output : JSON.stringify(output) };
        });
        steps.push(...results);
        history.push(...renderSteps(results, player.style, player.toolNames));
    }
    return { text: last.text, steps, toolCalls: (0,formats_steps/* toolCallsOf */.Ve)(steps), latencyMs, ...(usage ? { usage } : {}), ...(cost !== undefined ? { cost } : {}) };
}
/** A turn for results.jsonl. */
function turnRecord(index, spec, played, error, unfinishedCalls = []) {
    return {
        turn: index + 1,
        input: spec.input,
        output: played ? played.text : null,
        ...(spec.expected !== undefined ? { expected: spec.expected } : {}),
        ...(played ? { tool_calls: played.toolCalls } : unfinishedCalls.length > 0 ? { tool_calls: unfinishedCalls } : {}),
        ...(played?.usage ? { usage: played.usage } : {}),
        ...(played?.cost !== undefined ? { cost: played.cost } : {}),
        latency_ms: played ? Math.round(played.latencyMs * 10) / 10 : null,
        ...(error !== undefined ? { error } : {}),
    };
}
/** The conversation up to the final reply, as chat messages: the question scorers at its end quote (the LLM judge). */
function transcript(turns, played) {
    return turns.flatMap((spec, i) => [...spec.messages, ...(i < turns.length - 1 && played[i] ? [{ role: 'assistant', content: played[i].text }] : [])]);
}

;// CONCATENATED MODULE: ./src/evaluate/id-set.ts
/**
 * Which example ids a dataset read has met, kept as 53-bit hashes in an open-addressing table:
 * 8 to 16 bytes an id, where a Set of strings costs about 60, so the memory an evaluation holds
 * per row stays a few bytes. A hash met twice is only a suspicion: the caller confirms it
 * against the file (two different ids sharing a hash is about 1 in 10,000 for a million rows).
 */
class IdHashes {
    hash;
    table = new Float64Array(1024);
    size = 0;
    constructor(hash = cyrb53) {
        this.hash = hash;
    }
    /** Records the id; false when its hash was already recorded. */
    add(id) {
        if ((this.size + 1) * 4 > this.table.length * 3)
            this.grow();
        const added = insert(this.table, this.hash(id) || 1);
        if (added)
            this.size++;
        return added;
    }
    grow() {
        const old = this.table;
        this.table = new Float64Array(old.length * 2);
        for (const h of old)
            if (h !== 0)
                insert(this.table, h);
    }
}
/** Linear probing; 0 marks a free slot, so no hash is 0. */
function insert(table, h) {
    const mask = table.length - 1;
    for (let i = h % table.length;; i = (i + 1) & mask) {
        const slot = table[i];
        if (slot === 0) {
            table[i] = h;
            return true;
        }
        if (slot === h)
            return false;
    }
}
/** cyrb53 (bryc, public domain): a fast 53-bit string hash with good dispersion. */
function cyrb53(text) {
    let h1 = 0xdeadbeef;
    let h2 = 0x41c6ce57;
    for (let i = 0; i < text.length; i++) {
        const ch = text.charCodeAt(i);
        h1 = Math.imul(h1 ^ ch, 2654435761);
        h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
    h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
    h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

// EXTERNAL MODULE: ./src/config/zod-helpers.ts
var zod_helpers = __webpack_require__(3595);
;// CONCATENATED MODULE: ./src/evaluate/dataset.ts









function isFolder(file) {
    try {
        return (0,external_node_fs_.statSync)(file).isDirectory();
    }
    catch {
        return false;
    }
}
/** The configured format, or csv for a .csv file and jsonl otherwise. */
function datasetFormat(dataset) {
    return dataset.format ?? (/\.csv$/i.test(dataset.path) ? 'csv' : 'jsonl');
}
/**
 * One pass over the bytes for the digest and the row count, before any request is sent. A CSV
 * file is parsed in that pass, so a malformed one is refused before the first request.
 */
async function scanDataset(file, format = datasetFormat({ path: file })) {
    if (isFolder(file))
        throw new errors/* InputError */.dz(`cannot read dataset ${file}: it is a folder; evaluate.dataset.path names the dataset file in it (.jsonl, or .csv)`);
    const hash = (0,sha256/* createSha256 */.Yg)();
    let rows = 0;
    if (format === 'csv') {
        for await (const _row of readCsvRows(file, 'dataset', (chunk) => hash.update(chunk)))
            rows++;
        if (rows === 0)
            throw new errors/* InputError */.dz(`dataset ${file} is empty; a CSV dataset needs a header row and one row per example`);
        return { digest: `sha256:${hash.digest('hex')}`, rows };
    }
    let lineHasContent = false;
    // A byte order mark is not content: the reader drops it, and a line holding only it is empty.
    let bom = [0xef, 0xbb, 0xbf];
    try {
        for await (const chunk of (0,external_node_fs_.createReadStream)(file)) {
            hash.update(chunk);
            for (const byte of chunk) {
                if (bom.length > 0 && byte === bom[0]) {
                    bom = bom.slice(1);
                    continue;
                }
                bom = [];
                if (byte === 0x0a) {
                    if (lineHasContent)
                        rows++;
                    lineHasContent = false;
                }
                else if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d)
                    lineHasContent = true;
            }
        }
    }
    catch (error) {
        const missing = error.code === 'ENOENT';
        throw new errors/* InputError */.dz(`cannot read dataset ${file}: ${missing ? 'file not found (evaluate.dataset.path is relative to the workspace)' : error.message}`);
    }
    if (lineHasContent)
        rows++;
    if (rows === 0)
        throw new errors/* InputError */.dz(`dataset ${file} is empty; it needs one JSON object per line`);
    return { digest: `sha256:${hash.digest('hex')}`, rows };
}
// Any JSON object: checked, not copied (a record schema would rebuild every row key by key).
const rowSchema = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* custom */.IeY((value) => typeof value === 'object' && value !== null && !Array.isArray(value), 'expected a JSON object'));
/** CSV rows; the parser is loaded by the runs that read CSV, not at every start. */
async function* readCsvRows(file, what, onChunk) {
    const csv = await Promise.all(/* import() */[__webpack_require__.e(70), __webpack_require__.e(726)]).then(__webpack_require__.bind(__webpack_require__, 726));
    yield* csv.readCsvRows(file, what, onChunk);
}
function datasetRows(file, format, hash) {
    return format === 'csv' ? readCsvRows(file, 'dataset', hash && ((chunk) => hash.update(chunk))) : (0,jsonl/* readJsonl */.f)(file, rowSchema, 'dataset', hash ? { hash } : {});
}
/** Streams examples, mapping the configured columns; duplicate ids and unusable inputs stop the read. */
async function* readExamples(file, options) {
    const { columns, format } = options;
    const seen = options.recheck ? null : new IdHashes(options.idHash);
    const field = format === 'csv' ? 'column' : 'field';
    const idOf = (value, line) => {
        const rawId = value[columns.id];
        const id = rawId === undefined || rawId === '' ? `line-${line}` : typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : undefined;
        if (id === undefined)
            throw new errors/* InputError */.dz(`${file}:${line}: ${field} "${columns.id}" (the id column) must be a string or number`);
        return id;
    };
    for await (const { line, value } of datasetRows(file, format, options.recheck)) {
        const id = idOf(value, line);
        if (seen && !seen.add(id)) {
            // Its hash was met before: find the row, if any, that really has this id.
            for await (const earlier of datasetRows(file, format)) {
                if (earlier.line >= line)
                    break;
                if (idOf(earlier.value, earlier.line) === id)
                    throw new errors/* InputError */.dz(`${file}:${line}: id "${id}" appears twice (lines ${earlier.line} and ${line}); example ids must be unique`);
            }
        }
        const conversation = options.conversation;
        const rawTurns = conversation ? jsonCell(value[conversation.column], format) : undefined;
        if (conversation && rawTurns !== undefined) {
            const read = readTurns(rawTurns, conversation);
            if ('problem' in read)
                throw new errors/* InputError */.dz(`${file}:${line}: ${read.problem}`);
            const turns = read.turns;
            for (const turn of turns) {
                const problem = options.inputProblem?.(turn.input, turn.messages);
                if (problem)
                    throw new errors/* InputError */.dz(`${file}:${line}: field "${conversation.column}" turn ${turns.indexOf(turn) + 1}: "input" ${problem}`);
            }
            const expected = value[columns.expected];
            yield { id, line, input: rawTurns, messages: null, expected: format === 'csv' && expected === '' ? undefined : expected, fields: value, turns };
            continue;
        }
        const input = value[columns.input];
        if (input === undefined || (format === 'csv' && input === '')) {
            const present = Object.keys(value).join(', ') || 'none';
            throw new errors/* InputError */.dz(format === 'csv' && input === ''
                ? `${file}:${line}: column "${columns.input}" (the input column) is empty`
                : `${file}:${line}: missing ${field} "${columns.input}" (the input column); ${field}s present: ${present}. Set evaluate.dataset.columns.input to the right ${field}`);
        }
        const messages = (0,evaluate_messages/* asMessages */.F)(input);
        const problem = options.inputProblem ? options.inputProblem(input, messages) : messages ? undefined : 'must be a string, a list of {role, content} messages, or {messages: [...]}';
        if (problem)
            throw new errors/* InputError */.dz(`${file}:${line}: ${field} "${columns.input}" ${problem}`);
        const expected = value[columns.expected];
        const example = { id, line, input, messages, expected: format === 'csv' && expected === '' ? undefined : expected, fields: value };
        if (conversation) {
            const toolResults = toolResultsOf(jsonCell(value[conversation.tool_results_column], format), `field "${conversation.tool_results_column}"`);
            if (typeof toolResults === 'string')
                throw new errors/* InputError */.dz(`${file}:${line}: ${toolResults}`);
            if (!messages)
                throw new errors/* InputError */.dz(`${file}:${line}: ${field} "${columns.input}" must be a conversation (a string or {role, content} messages) with evaluate.conversation`);
            example.turns = [{ input, messages, expected: example.expected, fields: value, toolResults }];
        }
        yield example;
    }
}
/** A CSV cell holding JSON (a conversation's turns, tool results) as its value; an empty cell is absent. */
function jsonCell(value, format) {
    if (format !== 'csv' || typeof value !== 'string')
        return value;
    if (value === '')
        return undefined;
    try {
        return JSON.parse(value);
    }
    catch {
        return value;
    }
}

;// CONCATENATED MODULE: ./src/evaluate/dataset-check.ts


/** Why a scorer cannot score this example (a missing column it reads), with the file and line; undefined when all can. */
function exampleProblem(file, example, scorers, checks) {
    const turns = example.turns;
    const whole = checks && turns ? checks.atEnd : scorers;
    for (const scorer of whole) {
        const problem = scorer.checkExample?.(example);
        if (problem)
            return new errors/* InputError */.dz(`${file}:${example.line}: ${problem}`);
    }
    if (!checks || !turns)
        return undefined;
    for (const [i, turn] of turns.entries()) {
        const asExample = { id: example.id, line: example.line, input: turn.input, messages: turn.messages, expected: turn.expected, fields: turn.fields };
        for (const scorer of checks.perTurn) {
            const problem = scorer.checkExample?.(asExample);
            if (problem)
                return new errors/* InputError */.dz(`${file}:${example.line}: turn ${i + 1}: ${problem}`);
        }
    }
    return undefined;
}
/**
 * Reads the whole dataset once before the first request, with every check the run makes (JSON
 * or CSV syntax, UTF-8, unique ids, a usable input, what each scorer needs), so a bad last line
 * is refused before any request is paid for. It streams like the run itself: memory stays a few
 * bytes per row (the id hashes). Returns the rows read.
 */
async function checkDataset(file, options, scorers, checks) {
    let rows = 0;
    // Scorers no row has given anything to score yet: one left at the end would score nothing, and its metric would be missing at the gate.
    const unscored = new Set(scorers.filter((scorer) => scorer.scores));
    for await (const example of readExamples(file, options)) {
        const problem = exampleProblem(file, example, scorers, checks);
        if (problem)
            throw problem;
        if (unscored.size > 0)
            for (const scorer of unscored)
                if (scoredIn(scorer, example))
                    unscored.delete(scorer);
        rows++;
    }
    const idle = [...unscored];
    if (rows > 0 && idle.length > 0) {
        const what = idle.map((scorer) => `scorer ${scorer.name} reads ${scorer.scores?.reads}`).join('; ');
        throw new errors/* InputError */.dz(`${file}: no row gives ${idle.length === 1 ? 'this scorer' : 'these scorers'} anything to score (${what}), so ${idle.length === 1 ? 'its metric' : 'their metrics'} would be missing; add the field to the rows (a column of that name in a CSV), or remove the scorer`);
    }
    return rows;
}
function scoredIn(scorer, example) {
    const when = scorer.scores?.when;
    if (!when)
        return true;
    if (when(example))
        return true;
    // A conversation's expected answers sit on its turns, whichever of them a scorer meets.
    return (example.turns ?? []).some((turn) => when({ id: example.id, line: example.line, input: turn.input, messages: turn.messages, expected: turn.expected, fields: turn.fields }));
}

;// CONCATENATED MODULE: ./src/evaluate/failure-tally.ts
/**
 * The distinct errors of a run and how often each came, for a message that says why a run
 * failed without sending the reader to a file: "HTTP 500: (HTML error page) after 4 attempts".
 */
class FailureTally {
    keep;
    counts = new Map();
    others = 0;
    /** Only the first `keep` distinct messages are kept: a run of unique errors must not grow memory. */
    constructor(keep = 3) {
        this.keep = keep;
    }
    add(message) {
        const count = this.counts.get(message);
        if (count !== undefined)
            this.counts.set(message, count + 1);
        else if (this.counts.size < this.keep)
            this.counts.set(message, 1);
        else
            this.others++;
    }
    /** "first errors: "\u2026" (\u00d712); "\u2026" (\u00d73)", each cut to a readable length. */
    describe(maxChars = 240) {
        if (this.counts.size === 0)
            return 'No error was recorded';
        const listed = [...this.counts].map(([message, n]) => `"${message.length > maxChars ? `${message.slice(0, maxChars)}\u2026` : message}" (\u00d7${n})`);
        const rest = this.others ? `; and ${this.others} other error${this.others === 1 ? '' : 's'}` : '';
        return `First distinct error${listed.length === 1 ? '' : 's'}: ${listed.join('; ')}${rest}`;
    }
}

// EXTERNAL MODULE: ./src/evaluate/endpoint.ts
var endpoint = __webpack_require__(1894);
// EXTERNAL MODULE: ./src/evaluate/formats/index.ts + 5 modules
var formats = __webpack_require__(4529);
// EXTERNAL MODULE: ./src/evaluate/rate-limit.ts
var rate_limit = __webpack_require__(3107);
// EXTERNAL MODULE: ./src/evaluate/scorers.ts + 6 modules
var evaluate_scorers = __webpack_require__(5292);
;// CONCATENATED MODULE: ./src/evaluate/score-all.ts

/**
 * Every scorer on one answer, concurrently (a judge call need not wait for another). When a
 * scorer of the answer itself cannot score, the run is an error and every score is null: the
 * contract leaves an errored example out of every mean, so the means stay over the same examples.
 * A judge that fails (unreachable, an unreadable verdict) only loses its own score: the answer
 * still counts for the other scorers, and the failure is kept in the judgement for
 * `<judge>/judge_error_rate`.
 */
async function scoreAll(scorers, input) {
    const outcomes = await Promise.allSettled(scorers.map(async (s) => s.score(input)));
    const scores = {};
    const judgements = {};
    const reasons = {};
    const errors = [];
    const judgeErrors = {};
    outcomes.forEach((outcome, i) => {
        const scorer = scorers[i];
        if (outcome.status === 'fulfilled') {
            scores[scorer.name] = outcome.value.score;
            for (const part of scorer.parts ?? [])
                scores[part.name] = outcome.value.parts?.[part.name] ?? null;
            if (outcome.value.judgement)
                judgements[scorer.name] = outcome.value.judgement;
            if (outcome.value.reason !== undefined)
                reasons[scorer.name] = outcome.value.reason;
            return;
        }
        const error = outcome.reason;
        if (error instanceof evaluate_scorers/* ScoringError */.Q1 && error.judgement)
            judgements[scorer.name] = error.judgement;
        const message = error instanceof Error ? error.message : String(error);
        if (scorer.judge) {
            const said = judgements[scorer.name];
            judgements[scorer.name] = { score: said?.score ?? null, ...(said?.reason !== undefined ? { reason: said.reason } : {}), raw: said?.raw ?? '', error: said?.error ?? message };
            scores[scorer.name] = null;
            judgeErrors[scorer.name] = message;
            return;
        }
        errors.push(error instanceof evaluate_scorers/* ScoringError */.Q1 || message.startsWith('judge ') ? message : `scorer ${scorer.name}: ${message}`);
    });
    if (errors.length === 0)
        return { scores, judgements, reasons, judgeErrors };
    return { scores: nullScores(scorers), judgements, reasons, error: errors.join('; '), judgeErrors };
}
function nullScores(scorers) {
    return Object.fromEntries(scorers.flatMap((s) => [s.name, ...(s.parts ?? []).map((p) => p.name)]).map((name) => [name, null]));
}
/**
 * A conversation's score for a scorer applied to every turn: pass/fail scorers pass only when
 * every turn they scored passes (the worst turn); graded scores and parts are the mean over the
 * turns scored. Null when no turn was scored. Reasons name their turn.
 */
function combineTurns(scorers, turns) {
    const scores = {};
    const judgements = {};
    const reasons = {};
    const judgeErrors = {};
    for (const scorer of scorers) {
        const names = [{ name: scorer.name, binary: scorer.binary }, ...(scorer.parts ?? [])];
        for (const { name, binary } of names) {
            const values = turns.map((t) => t.scores[name]).filter((v) => v !== null && v !== undefined);
            scores[name] = values.length === 0 ? null : binary ? Math.min(...values) : values.reduce((a, b) => a + b, 0) / values.length;
        }
        const said = turns.map((t, i) => ({ turn: i + 1, reason: t.reasons[scorer.name] })).filter((r) => r.reason !== undefined);
        if (said.length > 0)
            reasons[scorer.name] = said.map((r) => `turn ${r.turn}: ${r.reason}`).join('; ');
        const failedJudge = turns.findIndex((t) => t.judgeErrors[scorer.name] !== undefined);
        const judged = failedJudge >= 0 ? turns[failedJudge] : turns.at(-1);
        const judgement = judged?.judgements[scorer.name];
        if (judgement)
            judgements[scorer.name] = judgement;
        if (failedJudge >= 0) {
            scores[scorer.name] = null;
            judgeErrors[scorer.name] = `turn ${failedJudge + 1}: ${turns[failedJudge]?.judgeErrors[scorer.name]}`;
        }
    }
    const failed = turns.findIndex((t) => t.error !== undefined);
    if (failed >= 0)
        return { scores: nullScores(scorers), judgements, reasons, error: `turn ${failed + 1}: ${turns[failed]?.error}`, judgeErrors };
    return { scores, judgements, reasons, judgeErrors };
}
/** Two scorings of one answer (the per-turn and the final scorers) as one. */
function mergeScored(a, b, all) {
    const error = [a.error, b.error].filter((e) => e !== undefined).join('; ');
    return {
        scores: error ? nullScores(all) : { ...a.scores, ...b.scores },
        judgements: { ...a.judgements, ...b.judgements },
        reasons: { ...a.reasons, ...b.reasons },
        judgeErrors: { ...a.judgeErrors, ...b.judgeErrors },
        ...(error ? { error } : {}),
    };
}

// EXTERNAL MODULE: ./src/evaluate/shard.ts
var evaluate_shard = __webpack_require__(4743);
;// CONCATENATED MODULE: ./src/evaluate/dataset-runner.ts




















/** No example got an answer. The partial results hold each example's error, so they are kept. */
class NoAnswerError extends errors/* RemoteError */.Hi {
}
/**
 * A results row as JSON, with every credential the shell knows masked out of its text. The line
 * is masked whole (one pass, and almost always nothing to mask); when something was, the row is
 * written again with only its strings masked, so a secret that spells a key or a literal
 * (`null`, `true`) cannot break the line.
 */
function maskedLine(result, mask) {
    const json = JSON.stringify(result);
    if (!mask || mask(json) === json)
        return json;
    return JSON.stringify(result, (_key, value) => (typeof value === 'string' ? mask(value) : value));
}
/** The scorers, the agent client and the dataset's checks a run (or a dry run) uses. */
function runParts(options) {
    const { config, clock } = options;
    const scorers = config.scorers.map((s) => (0,evaluate_scorers/* buildScorer */.VH)(s, { clock, random: options.random }));
    const limiter = config.requests_per_second === undefined ? null : new rate_limit/* TokenBucket */.q(config.requests_per_second, clock);
    // Tool calls are only looked at when the evaluation asks for them; otherwise a reply of calls alone stays unreadable, as before.
    const toolAware = config.conversation !== undefined || config.scorers.some((s) => s.type === 'tool_calls');
    const agent = (0,endpoint/* agentClient */.r1)({ endpoint: config.endpoint, url: options.url, inputColumn: config.dataset.columns.input, clock, limiter, random: options.random, toolOnlyReplies: toolAware });
    const prices = pricing(config.cost, config.endpoint.model);
    const scopes = new Map(config.scorers.map((s, i) => [scorers[i], s.turns ?? config.conversation?.turns ?? 'final']));
    const perTurn = scorers.filter((s) => scopes.get(s) === 'each');
    const atEnd = scorers.filter((s) => scopes.get(s) !== 'each');
    const player = config.conversation
        ? {
            agent,
            style: historyStyle((0,formats/* resolveFormat */.ey)(config.endpoint, config.dataset.columns.input).settings.request),
            toolNames: config.endpoint.format !== 'openai-chat',
            maxToolRounds: config.conversation.max_tool_rounds,
            pricing: prices,
        }
        : null;
    const readOptions = {
        format: datasetFormat(config.dataset),
        columns: config.dataset.columns,
        inputProblem: (input, messages) => agent.inputProblem({ raw: input, messages }),
        ...(config.conversation ? { conversation: config.conversation } : {}),
    };
    return { scorers, toolAware, agent, prices, perTurn, atEnd, player, readOptions, checks: { perTurn, atEnd } };
}
/** Every check a run makes of the dataset before its first request, without making one: what a dry run answers for. */
async function checkDatasetForRun(options) {
    const { scorers, readOptions, checks } = runParts(options);
    await checkDataset(options.datasetFile, readOptions, scorers, checks);
}
/**
 * Checks the whole dataset, then streams its examples through the agent with bounded concurrency
 * (and, if set, a request rate), scores each answer and writes one results line per run as it
 * completes. Fails fast when the endpoint cannot be reached at all, rather than recording a run
 * of errors.
 */
async function runDataset(options) {
    const { config, clock, logger } = options;
    const { scorers, toolAware, agent, prices, perTurn, atEnd, player, readOptions, checks } = runParts(options);
    await checkDataset(options.datasetFile, readOptions, scorers, checks);
    // One connection per worker, to the agent and to each judge, reused for the whole run.
    (0,client/* reserveConnections */.An)(agent.url, config.concurrency);
    for (const s of config.scorers)
        if (s.type === 'llm_judge')
            (0,client/* reserveConnections */.An)(s.endpoint.url, s.concurrency);
    const repeat = config.repeat;
    const aggregate = new evaluate_aggregate/* Aggregate */.S(scorers);
    // Made once the dataset passed its checks: a refused dataset leaves no empty version folder behind.
    await (0,fs_async/* mkdir */.Ck)(external_node_path_default().dirname(options.resultsFile), { recursive: true });
    const out = new line_writer/* LineWriter */.E(options.resultsFile);
    const abort = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, abort.signal]) : abort.signal;
    let answered = 0;
    let unusedToolResults = 0;
    const failures = new FailureTally();
    const judgeFailures = new Map(scorers.filter((s) => s.judge).map((s) => [s.name, new FailureTally()]));
    let unreachable = { count: 0, first: '', advice: '' };
    const total = (options.shard ? (0,evaluate_shard/* shardRows */._1)(options.shard, options.scan.rows) : options.scan.rows) * repeat;
    const progress = startProgress(total, () => aggregate, { clock, logger, everyMs: options.progressEveryMs ?? 1_000 });
    const write = async (result) => {
        aggregate.add(result);
        await out.write(`${maskedLine(result, options.mask)}\n`);
    };
    /** Counts a failed request; aborts the run when the endpoint has answered nothing at all. */
    const noteFailure = (error) => {
        const message = error.message;
        // A retried call says how many attempts it made; say it of the others too.
        failures.add(error instanceof retry/* RetriesExhaustedError */.i5 ? message : `${message} (1 attempt, not retried)`);
        // Not a timeout: an agent slower than evaluate.endpoint.timeout on its first examples is there, and the others may still be answered.
        const failure = transportFailure(error);
        if (answered === 0 && failure && failure.code !== 'TIMEOUT') {
            // A proxy's refusal already says what to change; the endpoint and the agent are not in question.
            const advice = failure.code === 'PROXY_REFUSED' ? '' : '; check evaluate.endpoint.url and that the agent is running';
            unreachable = { count: unreachable.count + 1, first: unreachable.first || message, advice: unreachable.first ? unreachable.advice : advice };
            if (unreachable.count >= Math.min(config.concurrency, total))
                abort.abort();
        }
        return message;
    };
    const scoredFields = (scored) => ({
        scores: scored.scores,
        ...(scored.error !== undefined ? { error: scored.error } : {}),
        ...(Object.keys(scored.judgements).length > 0 ? { judgements: scored.judgements } : {}),
        ...(Object.keys(scored.reasons).length > 0 ? { reasons: scored.reasons } : {}),
    });
    const spent = (usage, cost, calls) => ({
        ...(toolAware || calls.length > 0 ? { tool_calls: [...calls] } : {}),
        ...(usage ? { usage } : {}),
        ...(cost !== undefined ? { cost } : {}),
    });
    const evaluateOne = async ({ example, run }) => {
        const base = {
            id: example.id,
            ...(repeat > 1 ? { repeat: run } : {}),
            inputs: example.input,
        };
        const expected = example.expected !== undefined ? { expected: example.expected } : {};
        if (player && example.turns)
            return evaluateConversation(example, example.turns, base);
        if (!player && run === 1 && example.fields.tool_results !== undefined)
            unusedToolResults++;
        let answer;
        try {
            answer = await agent.ask({ raw: example.input, messages: example.messages }, signal);
            answered++;
        }
        catch (error) {
            if (signal.aborted)
                return;
            const message = noteFailure(error);
            await write({ ...base, outputs: null, ...expected, scores: nullScores(scorers), latency_ms: null, error: message });
            return;
        }
        const latency = Math.round(answer.latencyMs * 10) / 10;
        const toolCalls = (0,formats_steps/* toolCallsOf */.Ve)(answer.steps);
        const scored = await scoreAll(scorers, { answer: answer.text, toolCalls, example, latencyMs: answer.latencyMs, signal });
        if (signal.aborted)
            return;
        if (scored.error === undefined)
            for (const [name, message] of Object.entries(scored.judgeErrors))
                judgeFailures.get(name)?.add(message);
        await write({
            ...base,
            outputs: answer.text,
            ...expected,
            scores: scored.scores,
            latency_ms: latency,
            ...scoredFields(scored),
            ...spent(answer.usage, prices?.price(answer.usage, answer.model), toolCalls),
        });
    };
    /**
     * Plays a conversation turn by turn. A turn that fails ends it: the row is an error naming the
     * turn, with the turns played so far. Scorers then meet each turn or the whole at its end.
     */
    const evaluateConversation = async (example, turns, base) => {
        const history = [];
        const played = [];
        const records = [];
        // A row written as turns is recorded turn by turn; a plain row (one turn, its input a conversation) is recorded as always.
        const recorded = example.messages === null;
        const expected = example.expected ?? turns.at(-1)?.expected;
        const expectedField = expected !== undefined ? { expected } : {};
        for (const [i, spec] of turns.entries()) {
            try {
                played.push(await playTurn({ ...player, signal }, history, { raw: spec.input, messages: spec.messages }, spec.toolResults, i === turns.length - 1));
                if (i === 0)
                    answered++;
                records.push(turnRecord(i, spec, played[i]));
            }
            catch (error) {
                if (signal.aborted)
                    return;
                const message = noteFailure(error);
                const unfinishedCalls = error instanceof UnfinishedTurnError ? error.toolCalls : [];
                records.push(turnRecord(i, spec, null, message, unfinishedCalls));
                const calls = [...played.flatMap((p) => p.toolCalls), ...unfinishedCalls];
                await write({
                    ...base,
                    outputs: played.at(-1)?.text ?? null,
                    ...expectedField,
                    scores: nullScores(scorers),
                    latency_ms: null,
                    error: turns.length > 1 ? `turn ${i + 1} of ${turns.length}: ${message}` : message,
                    ...(calls.length > 0 ? { tool_calls: calls } : {}),
                    ...(recorded ? { turns: records } : {}),
                });
                return;
            }
        }
        const last = played.at(-1);
        const calls = played.flatMap((p) => p.toolCalls);
        const latencyMs = played.reduce((sum, p) => sum + p.latencyMs, 0);
        const usage = played.slice(1).reduce((sum, p) => addUsage(sum, p.usage), played[0]?.usage);
        const cost = played.slice(1).reduce((sum, p) => addCost(sum, p.cost), played[0]?.cost);
        const eachTurn = await Promise.all(turns.map((spec, i) => scoreAll(perTurn, {
            answer: played[i].text,
            toolCalls: played[i].toolCalls,
            example: { id: example.id, line: example.line, input: spec.input, messages: spec.messages, expected: spec.expected, fields: spec.fields },
            latencyMs: played[i].latencyMs,
            signal,
        })));
        const whole = recorded ? { id: example.id, line: example.line, input: transcript(turns, played), messages: null, expected, fields: example.fields, turns } : example;
        const atEndScored = await scoreAll(atEnd, { answer: last.text, toolCalls: calls, example: whole, latencyMs, signal });
        if (signal.aborted)
            return;
        const scored = mergeScored(combineTurns(perTurn, eachTurn), atEndScored, scorers);
        if (scored.error === undefined)
            for (const [name, message] of Object.entries(scored.judgeErrors))
                judgeFailures.get(name)?.add(message);
        if (recorded && perTurn.length > 0)
            eachTurn.forEach((t, i) => Object.assign(records[i], { scores: t.scores }));
        await write({
            ...base,
            outputs: last.text,
            ...expectedField,
            scores: scored.scores,
            latency_ms: Math.round(latencyMs * 10) / 10,
            ...scoredFields(scored),
            ...spent(usage, cost, calls),
            ...(recorded ? { turns: records } : {}),
        });
    };
    const read = { rows: 0, examples: 0 };
    const bytesRead = (0,sha256/* createSha256 */.Yg)();
    const examples = readExamples(options.datasetFile, { ...readOptions, recheck: bytesRead });
    try {
        await (0,pool/* runPool */.k)(runsOf(examples, { scorers, checks, file: options.datasetFile, shard: options.shard ?? null, repeat, read }), config.concurrency, evaluateOne, signal);
    }
    finally {
        progress.stop();
        await out.close();
    }
    // Cancelled with runs left: a signal that comes after the last run leaves a whole evaluation.
    if (options.signal?.aborted && aggregate.examples < total) {
        const done = aggregate.examples;
        throw new errors/* CancelledError */.cc(`evaluation ${(0,errors/* cancellation */.WN)(options.signal.reason)} after ${done} of ${total} ${repeat > 1 ? 'runs' : 'examples'}; nothing was recorded as the evaluation. The ${done} finished ${done === 1 ? 'is' : 'are'} in ${options.resultsFile} (kept; the next run replaces it); run evaluate again to evaluate the version`);
    }
    if (abort.signal.aborted) {
        throw new errors/* RemoteError */.Hi(`agent endpoint ${agent.url} is unreachable: the first ${unreachable.count} requests all failed (${unreachable.first})${unreachable.advice}`);
    }
    // A shard is a slice: one whose few examples all failed is part of an evaluation merge weighs whole, as an unsharded run would.
    if (answered === 0 && options.shard) {
        logger.warn(`the agent answered none of this shard's ${aggregate.examples} ${repeat > 1 ? 'runs' : 'examples'} (${failures.describe()}); they are recorded as errors for merge to count`);
    }
    else if (answered === 0) {
        throw new NoAnswerError(`agent endpoint ${agent.url} did not answer any of the ${aggregate.examples} ${repeat > 1 ? 'runs' : 'examples'}. ${failures.describe()}. Every error is in ${options.resultsFile} (kept for you; the next run replaces it)`);
    }
    const metrics = aggregate.metrics();
    warnUnmeasured(aggregate, metrics, config.cost !== undefined, logger);
    if (unusedToolResults > 0) {
        logger.warn(`${unusedToolResults} ${unusedToolResults === 1 ? 'row carries' : 'rows carry'} tool_results, which only a conversation uses: without evaluate.conversation the runner asks once and never answers a tool call; add \`conversation: {}\` to evaluate`);
    }
    for (const [name, tally] of judgeFailures) {
        const rate = metrics[`${name}/judge_error_rate`];
        if (!rate || rate.value === 0)
            continue;
        const failed = Math.round(rate.value * rate.n);
        logger.warn(`judge ${name} failed on ${failed} of the ${rate.n} answers it was asked to grade (${name}/judge_error_rate = ${rate.value}); those answers are left out of ${name}/mean and still count for the other scorers. ${tally.describe()}. Gate on ${name}/judge_error_rate to block on it`);
    }
    const digest = signal.aborted ? null : `sha256:${bytesRead.digest('hex')}`;
    return { metrics, errors: aggregate.errors, examples: read.examples, rowsRead: read.rows, digest };
}
/**
 * The runs of one shard's examples (each `repeat` times), counting every row read so the
 * caller can tell the file did not change, and checking every row (in the slice or not)
 * against the scorers before it is sent.
 */
async function* runsOf(examples, options) {
    const { scorers, checks, file, shard, repeat, read } = options;
    for await (const example of examples) {
        const problem = exampleProblem(file, example, scorers, checks);
        if (problem)
            throw problem;
        const position = read.rows++;
        if (shard && !(0,evaluate_shard/* inShard */.Iw)(shard, position))
            continue;
        read.examples++;
        for (let run = 1; run <= repeat; run++)
            yield { example, run };
    }
}
/** Answers without usage are left out of tokens/* and cost/*, never counted as 0: say how many. */
function warnUnmeasured(aggregate, metrics, priced, logger) {
    const answered = aggregate.examples - aggregate.errors;
    const counted = metrics['tokens/mean']?.n ?? 0;
    if (aggregate.unreportedUsage > 0 && (counted > 0 || priced)) {
        logger.warn(counted > 0
            ? `${aggregate.unreportedUsage} of the ${answered} answers reported no token usage; tokens/* are over the ${counted} that did, not counting the others as 0`
            : `none of the ${answered} answers reported token usage, so there are no tokens/* metrics and evaluate.cost cannot price them`);
    }
    const costed = metrics['cost/mean']?.n ?? 0;
    if (priced && aggregate.unpriced > 0 && counted > 0) {
        logger.warn(`${aggregate.unpriced} of the ${answered} answers could not be priced (no prompt and completion token counts, or a model without a price in evaluate.cost.prices); cost/* are over the ${costed} that could`);
    }
}
function transportFailure(error) {
    let current = error;
    while (current instanceof Error) {
        if (current instanceof client/* HttpTransportError */.Mz)
            return current;
        current = current.cause;
    }
    return undefined;
}
/** The progress line on long runs: done/total, rate, errors, ETA; cleared when the run ends. */
function startProgress(total, read, options) {
    const { clock, logger } = options;
    const started = clock.now();
    const timer = setInterval(() => {
        const { examples, errors } = read();
        const seconds = (clock.now() - started) / 1000;
        const rate = examples / Math.max(seconds, 0.001);
        const eta = rate > 0 ? Math.round((total - examples) / rate) : NaN;
        logger.progress(`evaluated ${examples}/${total} (${rate.toFixed(1)}/s, ${errors} error${errors === 1 ? '' : 's'}${Number.isFinite(eta) ? `, ~${eta}s left` : ''})`);
    }, options.everyMs);
    timer.unref();
    return {
        stop: () => {
            clearInterval(timer);
            logger.progress(null);
        },
    };
}

// EXTERNAL MODULE: ./src/template.ts
var template = __webpack_require__(5237);
// EXTERNAL MODULE: ./src/modes/paths.ts
var paths = __webpack_require__(924);
// EXTERNAL MODULE: ./src/gate/baseline-source.ts + 1 modules
var baseline_source = __webpack_require__(345);
// EXTERNAL MODULE: ./src/gate/example-changes.ts
var example_changes = __webpack_require__(489);
// EXTERNAL MODULE: ./src/gate/scores.ts + 1 modules
var scores = __webpack_require__(9021);
;// CONCATENATED MODULE: ./src/gate/champion-changes.ts






/**
 * For the evaluate summary: the examples that changed against the champion the gate will compare
 * with (gate.baseline), found the same way. Informational only: no baseline configured or no
 * champion gives null; a champion whose evaluation cannot be found or read, or was made on another
 * dataset, gives null with a warning saying why the section is missing.
 */
async function changesAgainstChampion(ctx, candidate) {
    const { loaded, registry, logger } = ctx;
    const baseline = loaded.config.gate?.baseline;
    if (!baseline)
        return null;
    const model = candidate.summary.model.name;
    const alias = baseline.alias ?? loaded.config.promote.alias;
    try {
        const holder = (await registry.listAliases(model))[alias] ?? null;
        const source = (0,baseline_source/* baselineSourceFor */.Oz)(loaded, baseline, ctx.tracking);
        const lookup = await source.find({ model, alias, holder, candidateVersion: candidate.summary.model.version, datasetDigest: candidate.summary.dataset.digest });
        const missing = `the evaluate summary does not list the examples that changed against @${alias}`;
        if (lookup.kind === 'missing')
            logger.warn(`${missing}: ${lookup.reason}`);
        if (lookup.kind !== 'found')
            return null;
        try {
            const summary = await (0,contract_summary/* readSummary */.L_)(lookup.summaryFile);
            const summaryPath = lookup.shownAs?.summary ?? (0,paths/* shown */.S)(loaded, lookup.summaryFile);
            if (summary.shard) {
                logger.warn(`${missing}: ${summaryPath} is the summary of one shard; merge the champion's shards first (agent-release merge)`);
                return null;
            }
            if (summary.dataset.digest !== candidate.summary.dataset.digest) {
                logger.warn(`${missing}: its evaluation (${summaryPath}) was made on another dataset (${summary.dataset.name}, ${summary.dataset.digest.slice(0, 19)}\u2026; this one: ${candidate.summary.dataset.name}, ${candidate.summary.dataset.digest.slice(0, 19)}\u2026); evaluate version ${summary.model.version} on this dataset`);
                return null;
            }
            const resultsPath = lookup.shownAs?.results ?? (0,paths/* shown */.S)(loaded, lookup.resultsFile);
            const candidateScores = await (0,scores/* readScores */.oK)(candidate.resultsFile, candidate.resultsFile, 'results', { expectedIds: candidate.summary.dataset.rows });
            const championScores = await (0,scores/* readScores */.oK)(lookup.resultsFile, resultsPath, 'baseline results', { examples: candidateScores.examples, expectedIds: summary.dataset.rows });
            const changes = await (0,example_changes/* exampleChanges */.k8)({ scores: candidateScores, file: candidate.resultsFile }, { scores: championScores, file: lookup.resultsFile });
            return { champion: { alias, version: summary.model.version, resultsPath }, changes };
        }
        finally {
            await lookup.cleanup?.();
        }
    }
    catch (error) {
        logger.warn(`the evaluate summary does not list the examples that changed against @${alias}: ${(0,errors/* messageOf */.bD)(error)}`);
        return null;
    }
}

// EXTERNAL MODULE: ./src/contract/results.ts
var results = __webpack_require__(116);
;// CONCATENATED MODULE: ./src/tracking/traces.ts


const mlflowTraceId = (otelTraceId) => `tr-${otelTraceId}`;
const anything = schemas/* unknown */.L5J();
const traceInfoSchema = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* object */.Ikc({
    trace_id: schemas/* string */.YjP(),
    request_preview: schemas/* string */.YjP().optional(),
    response_preview: schemas/* string */.YjP().optional(),
    execution_duration: schemas/* string */.YjP().optional(),
    state: schemas/* string */.YjP().optional(),
    trace_metadata: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()).optional().default({}),
    tags: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()).optional().default({}),
    assessments: schemas/* array */.YOg(schemas/* object */.Ikc({ assessment_name: schemas/* string */.YjP(), source: schemas/* object */.Ikc({ source_type: schemas/* string */.YjP(), source_id: schemas/* string */.YjP().optional() }).optional(), feedback: schemas/* object */.Ikc({ value: schemas/* unknown */.L5J().optional(), error: schemas/* object */.Ikc({ error_code: schemas/* string */.YjP().optional(), error_message: schemas/* string */.YjP().optional() }).optional() }).optional(), expectation: schemas/* object */.Ikc({ value: schemas/* unknown */.L5J().optional() }).optional(), rationale: schemas/* string */.YjP().optional(), metadata: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()).optional() }).loose()).optional().default([]),
}).loose());
const searchPage = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* object */.Ikc({ traces: schemas/* array */.YOg(traceInfoSchema).optional().default([]), next_page_token: schemas/* string */.YjP().optional() }));
class TraceClient {
    rest;
    sendsSpans;
    constructor(rest, 
    /** False on Databricks, whose spans live in Unity Catalog tables. */
    sendsSpans) {
        this.rest = rest;
        this.sendsSpans = sendsSpans;
    }
    /** One OTLP request for the spans of many traces: the server stores them all or none. */
    async logSpans(experimentId, traces) {
        const spans = traces.flatMap((trace) => trace.spans.map((span) => otlpSpan(trace.otelTraceId, span)));
        if (!this.sendsSpans || spans.length === 0)
            return;
        const body = JSON.stringify({ resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ scope: { name: 'agent-release' }, spans }] }] });
        await this.rest.raw({ what: `log the spans of ${traces.length} traces to experiment ${experimentId}`, method: 'POST', path: 'v1/traces', fromRoot: true, body, contentType: 'application/json', headers: { 'x-mlflow-experiment-id': experimentId }, idempotent: true });
    }
    async startTrace(experimentId, trace) {
        const traceId = mlflowTraceId(trace.otelTraceId);
        const requestTime = new Date(trace.requestTimeMs).toISOString();
        const info = {
            trace_id: traceId,
            trace_location: { type: 'MLFLOW_EXPERIMENT', mlflow_experiment: { experiment_id: experimentId } },
            request_preview: trace.requestPreview,
            response_preview: trace.responsePreview,
            request_time: requestTime,
            execution_duration: `${(Math.max(0, trace.durationMs) / 1000).toFixed(3)}s`,
            state: trace.state,
            trace_metadata: trace.metadata,
            tags: trace.tags,
            assessments: trace.assessments.map((a) => assessmentJson(traceId, requestTime, a)),
        };
        await this.rest.call({ what: `log trace ${traceId}`, method: 'POST', path: 'mlflow/traces', api: '3.0', fields: { trace: { trace_info: info } }, response: anything, idempotent: true });
    }
    /** Trace infos (assessments included) of an experiment; `filter` in MLflow's trace search syntax. */
    async searchTraces(experimentId, filter, pageToken) {
        const fields = { locations: [{ type: 'MLFLOW_EXPERIMENT', mlflow_experiment: { experiment_id: experimentId } }], filter, max_results: 500, page_token: pageToken };
        const page = await this.rest.call({ what: `search traces of experiment ${experimentId}`, method: 'POST', path: 'mlflow/traces/search', api: '3.0', fields, response: searchPage, idempotent: true });
        return { traces: page.traces, nextPageToken: page.next_page_token };
    }
}
function assessmentJson(traceId, time, a) {
    const feedback = a.feedback === undefined ? undefined : 'error' in a.feedback ? { error: { error_code: a.feedback.error.code, error_message: a.feedback.error.message } } : { value: a.feedback.value };
    return {
        assessment_name: a.name,
        trace_id: traceId,
        source: { source_type: a.source.type, source_id: a.source.id },
        create_time: time,
        last_update_time: time,
        ...(feedback ? { feedback } : {}),
        ...(a.expectation ? { expectation: { value: a.expectation.value } } : {}),
        ...(a.rationale !== undefined ? { rationale: a.rationale } : {}),
        ...(a.metadata ? { metadata: a.metadata } : {}),
    };
}
/** OTLP/JSON: ids in hex, times in nanoseconds as strings, attribute values as AnyValue. */
function otlpSpan(traceId, span) {
    return {
        traceId,
        spanId: span.spanId,
        ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
        name: span.name,
        kind: 1,
        startTimeUnixNano: nanos(span.startMs),
        endTimeUnixNano: nanos(span.endMs),
        // 1 OK, 2 ERROR (opentelemetry/proto/trace/v1/trace.proto Status.StatusCode).
        status: span.error === undefined ? { code: 1 } : { code: 2, message: span.error },
        attributes: Object.entries({ 'mlflow.spanType': span.type, ...span.attributes }).map(([key, value]) => ({ key, value: anyValue(value) })),
    };
}
function nanos(ms) {
    return (BigInt(Math.round(ms * 1000)) * 1000n).toString();
}
/** A JSON value as OTLP's AnyValue; MLflow reads kvlist and array values back as objects and lists. */
function anyValue(value) {
    if (value === null || value === undefined)
        return {};
    if (typeof value === 'string')
        return { stringValue: value };
    if (typeof value === 'boolean')
        return { boolValue: value };
    if (typeof value === 'number')
        return Number.isSafeInteger(value) ? { intValue: String(value) } : { doubleValue: value };
    if (Array.isArray(value))
        return { arrayValue: { values: value.map(anyValue) } };
    if (typeof value === 'object')
        return { kvlistValue: { values: Object.entries(value).map(([key, v]) => ({ key, value: anyValue(v) })) } };
    return { stringValue: String(value) };
}

// EXTERNAL MODULE: ./src/random-ids.ts
var random_ids = __webpack_require__(6499);
;// CONCATENATED MODULE: ./src/tracking/evaluation-traces.ts








/** Traces per OTLP request: one request stores a batch's spans, then each trace's info follows. */
const traceBatchSize = 50;
/** MLflow keeps request and response previews this long (TRACE_REQUEST_RESPONSE_PREVIEW_MAX_LENGTH). */
const previewChars = 1000;
/** A judge's raw answer is kept in the assessment's metadata up to this many characters. */
const rawChars = 2000;
/**
 * Logs each evaluated request of results.jsonl as an MLflow trace linked to the evaluation run:
 * request, answer, tool calls, latency, tokens, and every scorer's verdict as an assessment.
 * Best effort by design: tracing is for people reading the run, so a failure here is a warning,
 * never a failed evaluation. Bounded by `max`, sampled by a hash of the example id, and stopped
 * as soon as a whole batch fails (a server without the tracing API should cost one batch).
 */
async function logEvaluationTraces(options) {
    const { client, settings, experimentId, logger } = options;
    const traces = new TraceClient(client.rest, !client.onDatabricks);
    const rate = Math.min(1, settings.max / Math.max(1, options.rows));
    const outcome = { logged: 0, failed: 0, sampledOut: 0 };
    let firstFailure = '';
    let spanFailures = 0;
    let batch = [];
    // Trace infos first, then the batch's spans in one request (the Python client sends spans
    // first). Either order gives the same trace; on MLflow 3.17 with SQLite, 100 sequential traces
    // took 72 ms each this way and 88 ms the other, though at 1,000 the two are within noise.
    const flush = async () => {
        const sending = batch;
        batch = [];
        let failedHere = 0;
        await (0,pool/* runPool */.k)(sending.values(), settings.concurrency, async (trace) => {
            try {
                await traces.startTrace(experimentId, trace);
                outcome.logged++;
            }
            catch (error) {
                failedHere++;
                firstFailure ||= (0,errors/* messageOf */.bD)(error);
            }
        }, options.signal);
        outcome.failed += failedHere;
        if (failedHere === sending.length)
            return false;
        try {
            await traces.logSpans(experimentId, sending);
        }
        catch (error) {
            firstFailure ||= `spans: ${(0,errors/* messageOf */.bD)(error)}`;
            spanFailures += sending.length;
        }
        return true;
    };
    for await (const { value } of (0,jsonl/* readJsonl */.f)(options.resultsFile, results/* resultSchema */.FD, 'results')) {
        if (options.signal?.aborted)
            break;
        if (outcome.logged + outcome.failed + batch.length >= settings.max || (rate < 1 && sampleFraction(value) >= rate)) {
            outcome.sampledOut++;
            continue;
        }
        batch.push(traceOf(value, options, (text) => client.mask(text)));
        if (batch.length >= traceBatchSize && !(await flush())) {
            outcome.stopped = 'a whole batch failed';
            break;
        }
    }
    if (batch.length > 0 && !outcome.stopped)
        await flush();
    if (spanFailures > 0)
        logger.warn(`tracking: the spans of ${spanFailures} traces (tool calls, inputs and outputs in full) could not be logged to run ${options.runId}: ${firstFailure}; their previews and assessments are`);
    if (outcome.failed > 0 || outcome.stopped) {
        logger.warn(`tracking: ${outcome.failed} of ${outcome.logged + outcome.failed} traces could not be logged to run ${options.runId}${outcome.stopped ? ` (stopped: ${outcome.stopped})` : ''}: ${firstFailure}. The evaluation itself is recorded; set evaluate.traces.enabled: false to skip traces`);
    }
    else {
        logger.info(`tracking: logged ${outcome.logged} traces to run ${options.runId}${outcome.sampledOut ? ` (a sample: ${outcome.sampledOut} rows over evaluate.traces.max ${settings.max} left out)` : ''}`);
    }
    return outcome;
}
/** A stable number in [0, 1) per row: the same examples are sampled in every version's evaluation. */
function sampleFraction(row) {
    return Number.parseInt((0,sha256/* sha256Hex */.fg)(`${row.id}\u0000${row.repeat ?? 1}`).slice(0, 8), 16) / 2 ** 32;
}
function traceOf(row, options, mask) {
    const start = options.startedAtMs;
    const turns = row.turns ?? [];
    const duration = row.latency_ms ?? turns.reduce((sum, t) => sum + (t.latency_ms ?? 0), 0);
    const rootId = spanId();
    // A conversation row's inputs are its turns as written, expected answers and all: the request is the conversation as played.
    const inputs = masked(turns.length > 0 ? { messages: conversationOf(turns) } : row.inputs, mask);
    const outputs = masked(row.outputs, mask);
    const usage = tokenUsage(row.usage);
    const root = {
        spanId: rootId,
        name: `${options.model.name} v${options.model.version}`,
        type: 'AGENT',
        startMs: start,
        endMs: start + duration,
        ...(row.error !== undefined ? { error: mask(row.error) } : {}),
        attributes: { 'mlflow.spanInputs': inputs, 'mlflow.spanOutputs': outputs, ...(usage ? { 'mlflow.chat.tokenUsage': usage } : {}) },
    };
    const children = turns.length > 0 ? turnSpans(turns, rootId, start, mask) : toolSpans(row.tool_calls, rootId, start, mask);
    const tags = {
        'mlflow.traceName': row.repeat ? `${row.id} #${row.repeat}` : row.id,
        'agent_release.example_id': row.id,
        'agent_release.model.name': options.model.name,
        'agent_release.model.version': options.model.version,
        ...(row.repeat ? { 'agent_release.repeat': String(row.repeat) } : {}),
        ...(row.cost !== undefined ? { 'agent_release.cost': String(row.cost) } : {}),
    };
    return {
        otelTraceId: (0,random_ids/* randomHex */.nw)(16),
        requestTimeMs: start,
        durationMs: duration,
        state: row.error === undefined ? 'OK' : 'ERROR',
        requestPreview: preview(inputs),
        responsePreview: preview(row.error !== undefined && row.outputs === null ? mask(row.error) : outputs),
        metadata: { 'mlflow.sourceRun': options.runId, ...(usage ? { 'mlflow.trace.tokenUsage': JSON.stringify(usage) } : {}) },
        tags,
        assessments: assessmentsOf(row, mask),
        spans: [root, ...children],
    };
}
const spanId = () => (0,random_ids/* randomHex */.nw)(8);
function tokenUsage(usage) {
    return usage ? { input_tokens: usage.prompt_tokens, output_tokens: usage.completion_tokens, total_tokens: usage.total_tokens } : undefined;
}
/** Results do not time tool calls: each is a point at its request's start, in call order. */
function toolSpans(calls, parentSpanId, at, mask) {
    return (calls ?? []).map((call) => ({ spanId: spanId(), parentSpanId, name: call.name, type: 'TOOL', startMs: at, endMs: at, attributes: { 'mlflow.spanInputs': masked(call.arguments, mask) } }));
}
/** One span per turn played, one after another: its input, answer, tool calls, tokens and error. */
function turnSpans(turns, parentSpanId, start, mask) {
    let at = start;
    return turns.flatMap((turn) => {
        const id = spanId();
        const usage = tokenUsage(turn.usage);
        const span = {
            spanId: id,
            parentSpanId,
            name: `turn ${turn.turn}`,
            type: 'AGENT',
            startMs: at,
            endMs: at + (turn.latency_ms ?? 0),
            ...(turn.error !== undefined ? { error: mask(turn.error) } : {}),
            attributes: { 'mlflow.spanInputs': masked(turn.input, mask), 'mlflow.spanOutputs': masked(turn.output, mask), ...(usage ? { 'mlflow.chat.tokenUsage': usage } : {}) },
        };
        const tools = toolSpans(turn.tool_calls, id, at, mask);
        at = span.endMs;
        return [span, ...tools];
    });
}
/** The user's turns and the agent's replies, up to the last turn played. */
function conversationOf(turns) {
    return turns.flatMap((turn, i) => [
        ...((0,evaluate_messages/* asMessages */.F)(turn.input) ?? [{ role: 'user', content: JSON.stringify(turn.input) }]),
        ...(i < turns.length - 1 && turn.output !== null ? [{ role: 'assistant', content: turn.output }] : []),
    ]);
}
/** Each scorer's verdict, and the expected answer as MLflow's `expected_response` expectation. */
function assessmentsOf(row, mask) {
    const out = [];
    for (const [scorer, score] of Object.entries(row.scores)) {
        const judgement = row.judgements?.[scorer];
        // MLflow refuses "." in assessment names; scorer names allow it.
        const name = scorer.replace(/\./g, '_');
        const source = { type: judgement ? 'LLM_JUDGE' : 'CODE', id: scorer };
        if (score === null && judgement?.error === undefined)
            continue; // nothing to judge by, or the agent failed (the trace's state says so)
        out.push({
            name,
            source,
            feedback: score === null ? { error: { code: 'JUDGE_ERROR', message: mask(judgement?.error ?? 'no score') } } : { value: score },
            ...(judgement?.reason !== undefined ? { rationale: mask(judgement.reason) } : {}),
            ...(judgement ? { metadata: { raw: mask(judgement.raw.slice(0, rawChars)), score_as_given: JSON.stringify(judgement.score) } } : {}),
        });
    }
    if (row.expected !== undefined)
        out.push({ name: 'expected_response', source: { type: 'HUMAN', id: 'dataset' }, expectation: { value: masked(row.expected, mask) } });
    return out;
}
function preview(value) {
    const text = typeof value === 'string' ? value : JSON.stringify(value) ?? '';
    return text.length > previewChars ? `${text.slice(0, previewChars - 1)}\u2026` : text;
}
/** Every string in a JSON value through the masker: answers may echo a token. */
function masked(value, mask) {
    if (typeof value === 'string')
        return mask(value);
    if (Array.isArray(value))
        return value.map((v) => masked(v, mask));
    if (value !== null && typeof value === 'object')
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, masked(v, mask)]));
    return value;
}

// EXTERNAL MODULE: ./src/modes/evaluate-external.ts + 5 modules
var evaluate_external = __webpack_require__(3381);
// EXTERNAL MODULE: ./src/modes/versions.ts
var versions = __webpack_require__(7763);
// EXTERNAL MODULE: ./src/gate/decision-record.ts
var decision_record = __webpack_require__(8171);
// EXTERNAL MODULE: ./src/contract/canonical-json.ts
var canonical_json = __webpack_require__(2123);
;// CONCATENATED MODULE: ./src/evaluate/settings-digest.ts


/** Settings that change how fast an evaluation runs, or carry credentials, not what it measures. */
const notMeasured = new Set(['headers', 'timeout', 'concurrency', 'requests_per_second', 'retries']);
/**
 * sha256 of what makes an evaluation's numbers what they are: the scorers, `repeat`, the
 * conversation and cost settings and the endpoint's format. Each shard records it, and merge
 * refuses shards run under different ones (a shard run with repeat: 3 counted its examples three
 * times in the merged means).
 */
function evaluationSettingsDigest(config) {
    const measured = { scorers: config.scorers ?? [], repeat: config.repeat, conversation: config.conversation ?? null, cost: config.cost ?? null, format: config.endpoint?.format ?? null };
    return `sha256:${(0,sha256/* sha256Hex */.fg)((0,canonical_json/* canonicalJson */.d)(measured, notMeasured))}`;
}

;// CONCATENATED MODULE: ./src/modes/evaluate.ts

















async function evaluate(ctx, inputs) {
    const { loaded, registry, logger } = ctx;
    const section = loaded.config.evaluate;
    if (!section)
        throw new errors/* ConfigError */.xL(`${loaded.file}: evaluate mode needs an evaluate section (a runner and what it needs: dataset, endpoint and scorers for the built-in one)`);
    const model = loaded.config.model.name;
    if (section.runner !== 'dataset') {
        const version = (0,versions/* requireVersionInput */.EX)('evaluate', inputs);
        if (inputs.shard !== undefined)
            throw new errors/* UsageError */.eb(`shard splits the built-in dataset runner's examples; evaluate.runner ${section.runner} evaluates as a whole`);
        await (0,versions/* requireVersion */.eU)(registry, model, version);
        await (0,evaluate_external/* checkExternalRunner */.Yy)(ctx, section);
        // The runner writes the new evaluation itself: what the gate decided before no longer describes it.
        if (!ctx.dryRun)
            await (0,decision_record/* withdrawForNewEvaluation */.cG)(ctx, model, version);
        return (0,evaluate_external/* evaluateExternally */.KV)(ctx, section, model, version);
    }
    // The schema requires these three for runner: dataset.
    const config = section;
    const duplicate = (0,evaluate_scorers/* uniqueScorerNames */.ur)(config.scorers.map(evaluate_scorers/* createScorer */.fd));
    if (duplicate)
        throw new errors/* ConfigError */.xL(`${loaded.file}: evaluate.scorers: two scorers are named "${duplicate}"; give one a different name`);
    const version = (0,versions/* requireVersionInput */.EX)('evaluate', inputs);
    const shard = (0,evaluate_shard/* parseShard */.uK)(inputs.shard);
    const found = await (0,versions/* requireVersion */.eU)(registry, model, version);
    let url;
    try {
        url = (0,template/* endpointUrl */.Pb)(config.endpoint.url, { version, model, source: found.source }, `${loaded.file}: evaluate.endpoint.url`);
    }
    catch (error) {
        if (error instanceof template/* TemplateError */.$w)
            throw new errors/* ConfigError */.xL(error.message);
        throw error;
    }
    const datasetFile = external_node_path_default().resolve(loaded.workdir, config.dataset.path);
    const scan = await scanDataset(datasetFile, datasetFormat(config.dataset));
    const datasetName = config.dataset.name ?? external_node_path_default().basename(config.dataset.path).replace(/\.[^.]+$/, '');
    const slice = shard ? { ...shard, rows: (0,evaluate_shard/* shardRows */._1)(shard, scan.rows) } : null;
    if (slice?.rows === 0) {
        throw new errors/* InputError */.dz(`shard ${(0,evaluate_shard/* shardLabel */.$_)(slice)} would be empty: ${config.dataset.path} has ${scan.rows} rows, so use at most ${scan.rows} shards`);
    }
    const examples = slice ? slice.rows : scan.rows;
    const what = slice ? `${examples} of ${scan.rows} examples (shard ${(0,evaluate_shard/* shardLabel */.$_)(slice)})` : `${examples} examples`;
    const dir = slice ? external_node_path_default().join((0,paths/* versionDir */.E)(loaded, version), (0,evaluate_shard/* shardDirName */.Dr)(slice)) : (0,paths/* versionDir */.E)(loaded, version);
    const summaryPath = external_node_path_default().join(dir, 'summary.json');
    const resultsPath = external_node_path_default().join(dir, 'results.jsonl');
    const base = {
        mode: 'evaluate',
        runner: 'dataset',
        dryRun: ctx.dryRun,
        model,
        version,
        endpoint: url,
        dataset: { name: datasetName, path: config.dataset.path, digest: scan.digest, rows: scan.rows },
        summaryPath: (0,paths/* shown */.S)(loaded, summaryPath),
        resultsPath: (0,paths/* shown */.S)(loaded, resultsPath),
        runId: null,
        shard: slice,
    };
    if (ctx.dryRun) {
        await checkDatasetForRun({ config, datasetFile, url, clock: ctx.clock });
        logger.info(`dry run: would send ${what} to ${url} (${config.concurrency} at a time) and write ${base.summaryPath}, ${base.resultsPath}`);
        return { ...base, metrics: {}, errors: 0 };
    }
    // Results go to a temp file first: a crashed run must not leave a results file that looks whole.
    const partial = `${resultsPath}.partial`;
    const startedAtMs = ctx.clock.now();
    const run = await logger.group(`evaluate ${model} v${version}: ${what} against ${url}`, async () => {
        try {
            return await runDataset({ config, datasetFile, scan, url, resultsFile: partial, clock: ctx.clock, logger, signal: ctx.signal, shard, mask: ctx.mask });
        }
        catch (error) {
            // When no example was answered, the partial results are where each example's error is; after a cancellation, what was done.
            if (!(error instanceof NoAnswerError || error instanceof errors/* CancelledError */.cc))
                await (0,fs_async.rm)(partial, { force: true });
            throw error;
        }
    });
    if (run.rowsRead !== scan.rows || run.examples !== examples || (run.digest !== null && run.digest !== scan.digest)) {
        await (0,fs_async.rm)(partial, { force: true });
        const change = run.rowsRead !== scan.rows ? `${scan.rows} rows before, ${run.rowsRead} read` : `${scan.digest} before, ${run.digest} read`;
        throw new errors/* InputError */.dz(`${config.dataset.path} changed while it was being evaluated (${change}); nothing was recorded. Run evaluate again once the file no longer changes`);
    }
    const resultsDigest = slice ? await (0,evaluate_shard/* fileDigest */.hd)(partial) : null;
    // A shard's evaluation replaces nothing the gate read; merge replaces the version's.
    if (!slice)
        await (0,decision_record/* withdrawForNewEvaluation */.cG)(ctx, model, version);
    await (0,fs_async/* rename */.$w)(partial, resultsPath);
    const summary = {
        schema: contract_summary/* summarySchemaId */.dK,
        model: { name: model, version },
        dataset: { name: datasetName, digest: scan.digest, rows: scan.rows, source: config.dataset.path },
        metrics: run.metrics,
        errors: run.errors,
        run_id: null,
        created_at: new Date(ctx.clock.now()).toISOString(),
        ...(slice && resultsDigest ? { shard: { ...slice, results_digest: resultsDigest, settings_digest: evaluationSettingsDigest(config) } } : {}),
    };
    await (0,fs_async/* writeFile */._h)(summaryPath, `${JSON.stringify(summary, null, 2)}\n`);
    // A shard is recorded once merged: its metrics describe a slice, not the version.
    const runId = slice ? null : await (0,evaluate_external/* recordEvaluation */.ix)(ctx, summary, summaryPath, resultsPath, { runner: 'dataset', 'endpoint.format': config.endpoint.format, concurrency: String(config.concurrency), repeat: String(config.repeat) });
    const traces = runId ? await traceEvaluation(ctx, config, { runId, resultsPath, rows: scan.rows * config.repeat, model: { name: model, version }, startedAtMs }) : null;
    const changes = slice ? null : await changesAgainstChampion(ctx, { summary: { ...summary, run_id: runId }, resultsFile: resultsPath });
    return { ...base, runId, metrics: run.metrics, errors: run.errors, traces, changes };
}
/** The run's requests as MLflow traces; whatever goes wrong is a warning: the evaluation stands. */
async function traceEvaluation(ctx, config, run) {
    if (!ctx.tracking || !config.traces.enabled)
        return null;
    const { client } = ctx.tracking;
    try {
        const recorded = await client.getRun(run.runId);
        if (!recorded)
            throw new Error(`run ${run.runId} was not found`);
        return await logEvaluationTraces({ client, settings: config.traces, experimentId: recorded.info.experiment_id, resultsFile: run.resultsPath, logger: ctx.logger, signal: ctx.signal, ...run });
    }
    catch (error) {
        ctx.logger.warn(`tracking: no traces were logged for run ${run.runId}: ${(0,errors/* messageOf */.bD)(error)}. The evaluation itself is recorded`);
        return null;
    }
}


/***/ })

} })
