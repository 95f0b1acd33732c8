'use strict';
({ id: 327, ids: [327], modules: {

/***/ 29146:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EV: () => (/* binding */ histogramQuantile),
/* harmony export */   Q3: () => (/* binding */ PrometheusTextError),
/* harmony export */   tb: () => (/* binding */ parsePrometheusText)
/* harmony export */ });
/**
 * A parser for the Prometheus text exposition format (0.0.4) and the parts of OpenMetrics 1.0
 * text a scrape target may send instead (`# EOF`, `# UNIT`, exemplars, float-second
 * timestamps). Hand-written rather than a dependency: the one npm parser
 * (parse-prometheus-text-format) is unmaintained, untyped and drops timestamps, which the
 * Databricks export carries and the per-minute accounting needs.
 */
class PrometheusTextError extends Error {
    line;
    constructor(line, message) {
        super(`line ${line}: ${message}`);
        this.line = line;
        this.name = 'PrometheusTextError';
    }
}
const metricTypes = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped', 'gaugehistogram', 'info', 'stateset', 'unknown']);
const namePattern = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const labelNamePattern = /^[a-zA-Z_][a-zA-Z0-9_]*/;
/** Suffixes a sample of a typed family may carry. */
const familySuffixes = ['_bucket', '_count', '_sum', '_total', '_created', '_gcount', '_gsum', '_info'];
function parsePrometheusText(text) {
    const families = new Map();
    const samples = [];
    const lines = text.split('\n');
    for (let index = 0; index < lines.length; index++) {
        const line = lines[index].replace(/\r$/, '');
        const number = index + 1;
        if (line.trim() === '')
            continue;
        if (line.startsWith('#')) {
            const directive = /^#\s+(HELP|TYPE|UNIT|EOF)\b\s*(.*)$/.exec(line);
            if (!directive)
                continue; // a plain comment
            const [, keyword, rest = ''] = directive;
            if (keyword === 'EOF')
                break;
            const name = namePattern.exec(rest)?.[0];
            if (!name)
                throw new PrometheusTextError(number, `# ${keyword} without a metric name: ${shorten(line)}`);
            const argument = rest.slice(name.length).replace(/^\s+/, '');
            const family = families.get(name) ?? { name, type: 'untyped' };
            if (keyword === 'TYPE') {
                if (!metricTypes.has(argument))
                    throw new PrometheusTextError(number, `unknown metric type "${argument}" for ${name}`);
                family.type = argument;
            }
            else if (keyword === 'HELP') {
                family.help = argument.replace(/\\(\\|n)/g, (_, c) => (c === 'n' ? '\n' : '\\'));
            }
            families.set(name, family);
            continue;
        }
        const sample = parseSampleLine(line, number);
        samples.push({ ...sample, family: familyOf(sample.name, families) });
    }
    return { families, samples };
}
function familyOf(name, families) {
    if (families.has(name))
        return name;
    for (const suffix of familySuffixes) {
        if (name.endsWith(suffix)) {
            const base = name.slice(0, -suffix.length);
            if (families.has(base))
                return base;
        }
    }
    return name;
}
function parseSampleLine(line, number) {
    let rest = line.trimStart();
    const name = namePattern.exec(rest)?.[0];
    if (!name)
        throw new PrometheusTextError(number, `expected a metric name: ${shorten(line)}`);
    rest = rest.slice(name.length);
    const labels = {};
    if (rest.startsWith('{'))
        rest = parseLabels(rest.slice(1), labels, number, line);
    // Value, optional timestamp, optional OpenMetrics exemplar ("# {...} value [ts]").
    const [fields = ''] = rest.split(' # ');
    const parts = fields.trim().split(/\s+/);
    if (parts[0] === '' || parts.length > 2)
        throw new PrometheusTextError(number, `expected "<value> [timestamp]" after ${name}: ${shorten(line)}`);
    const value = parseValue(parts[0]);
    if (value === undefined)
        throw new PrometheusTextError(number, `"${parts[0]}" is not a sample value (${name})`);
    const sample = { name, labels, value };
    if (parts[1] !== undefined) {
        const stamp = Number(parts[1]);
        if (!Number.isFinite(stamp))
            throw new PrometheusTextError(number, `"${parts[1]}" is not a timestamp (${name})`);
        // Prometheus text writes integer milliseconds; OpenMetrics float seconds. Below 1e11 ms
        // (1973) a value can only be seconds.
        sample.timestampMs = Math.abs(stamp) < 1e11 ? Math.round(stamp * 1000) : stamp;
    }
    return sample;
}
/** Reads `a="x",b="y"}` into labels; returns what follows the closing brace. */
function parseLabels(text, labels, number, line) {
    let rest = text;
    for (;;) {
        rest = rest.trimStart();
        if (rest.startsWith('}'))
            return rest.slice(1);
        const labelName = labelNamePattern.exec(rest)?.[0];
        if (!labelName)
            throw new PrometheusTextError(number, `expected a label name: ${shorten(line)}`);
        rest = rest.slice(labelName.length).trimStart();
        if (!rest.startsWith('="'))
            throw new PrometheusTextError(number, `expected ="\u2026" after label ${labelName}: ${shorten(line)}`);
        let value = '';
        let i = 2;
        for (; i < rest.length && rest[i] !== '"'; i++) {
            if (rest[i] === '\\') {
                const next = rest[++i];
                value += next === 'n' ? '\n' : next === '"' || next === '\\' ? next : `\\${next ?? ''}`;
            }
            else
                value += rest[i];
        }
        if (i >= rest.length)
            throw new PrometheusTextError(number, `unterminated value of label ${labelName}: ${shorten(line)}`);
        if (labelName in labels)
            throw new PrometheusTextError(number, `label ${labelName} appears twice: ${shorten(line)}`);
        labels[labelName] = value;
        rest = rest.slice(i + 1).trimStart();
        if (rest.startsWith(','))
            rest = rest.slice(1);
        else if (!rest.startsWith('}'))
            throw new PrometheusTextError(number, `expected , or } after label ${labelName}: ${shorten(line)}`);
    }
}
function parseValue(text) {
    if (/^[+]?Inf$/i.test(text))
        return Infinity;
    if (/^-Inf$/i.test(text))
        return -Infinity;
    if (/^NaN$/i.test(text))
        return NaN;
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text))
        return undefined;
    return Number(text);
}
function shorten(line) {
    return JSON.stringify(line.length > 120 ? `${line.slice(0, 120)}\u2026` : line);
}
/**
 * The q-quantile of a histogram by linear interpolation inside the bucket that holds it, as
 * PromQL's histogram_quantile does (the lowest bucket interpolates from 0). Undefined when the
 * histogram is empty; the highest finite bound when the quantile lies in the +Inf bucket.
 */
function histogramQuantile(buckets, q) {
    const bounds = [...buckets.keys()].sort((a, b) => a - b);
    const total = buckets.get(Infinity) ?? (bounds.length ? buckets.get(bounds.at(-1)) : 0);
    if (!(total > 0))
        return undefined;
    const rank = q * total;
    let lowerBound = 0;
    let lowerCount = 0;
    for (const bound of bounds) {
        const count = buckets.get(bound);
        if (count >= rank) {
            if (bound === Infinity)
                return lowerBound;
            if (count === lowerCount)
                return bound;
            return lowerBound + ((bound - lowerBound) * (rank - lowerCount)) / (count - lowerCount);
        }
        lowerBound = bound;
        lowerCount = count;
    }
    return lowerBound;
}


/***/ }),

/***/ 56266:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  jc: () => (/* binding */ PrometheusAnalysis)
});

// UNUSED EXPORTS: PrometheusClient, PrometheusQueryError, PrometheusResultError, prometheusAnalysisSchema

// EXTERNAL MODULE: ./src/clock.ts
var clock = __webpack_require__(99373);
// EXTERNAL MODULE: ./src/gate/thresholds.ts
var thresholds = __webpack_require__(89695);
// EXTERNAL MODULE: ./src/http/errors.ts
var errors = __webpack_require__(58549);
// EXTERNAL MODULE: ./src/pool.ts
var pool = __webpack_require__(59537);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(92857);
// EXTERNAL MODULE: ./src/errors.ts
var src_errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/http/client.ts
var client = __webpack_require__(73329);
// EXTERNAL MODULE: ./src/http/retry.ts
var retry = __webpack_require__(28902);
// EXTERNAL MODULE: ./src/config/zod-helpers.ts
var zod_helpers = __webpack_require__(53595);
;// CONCATENATED MODULE: ./src/analysis/prometheus-api.ts





// Sample values are strings ("0.25", "NaN", "+Inf"); timestamps are float seconds.
const sample = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* tuple */.PVZ([schemas/* number */.aig(), schemas/* string */.YjP()]));
const labels = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()));
// Objects are not strict: Prometheus adds fields over releases (infos, native histograms).
const vectorSeries = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* object */.Ikc({ metric: labels, value: sample.optional(), histogram: schemas/* unknown */.L5J().optional() }));
const matrixSeries = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* object */.Ikc({ metric: labels, values: schemas/* array */.YOg(sample).optional(), histograms: schemas/* unknown */.L5J().optional() }));
const successBody = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* object */.Ikc({
    status: schemas/* literal */.euz('success'),
    data: schemas/* discriminatedUnion */.gMt('resultType', [
        schemas/* object */.Ikc({ resultType: schemas/* literal */.euz('vector'), result: schemas/* array */.YOg(vectorSeries) }),
        schemas/* object */.Ikc({ resultType: schemas/* literal */.euz('matrix'), result: schemas/* array */.YOg(matrixSeries) }),
        schemas/* object */.Ikc({ resultType: schemas/* literal */.euz('scalar'), result: sample }),
        schemas/* object */.Ikc({ resultType: schemas/* literal */.euz('string'), result: sample }),
    ]),
    warnings: schemas/* array */.YOg(schemas/* string */.YjP()).optional(),
}));
const errorBody = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* object */.Ikc({ status: schemas/* literal */.euz('error'), errorType: schemas/* string */.YjP(), error: schemas/* string */.YjP() }));
const queryBody = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* union */.KCZ([successBody, errorBody]));
/** The server refused or could not evaluate a query; errorType is Prometheus' own (bad_data, execution, timeout\u2026). */
class PrometheusQueryError extends src_errors/* RemoteError */.Hi {
    errorType;
    prometheusMessage;
    constructor(message, errorType, prometheusMessage, cause) {
        super(message, cause === undefined ? undefined : { cause });
        this.errorType = errorType;
        this.prometheusMessage = prometheusMessage;
    }
}
/** Instant queries against Prometheus' HTTP API (GET /api/v1/query), retried through http/client's send. */
class PrometheusClient {
    options;
    constructor(options) {
        this.options = options;
    }
    get displayUrl() {
        return (0,client/* redactUrl */.BO)(this.options.url);
    }
    /** The raw result of an instant query, plus the server's warnings. */
    async query(promql, options = {}) {
        const o = this.options;
        const params = new URLSearchParams({ query: promql, timeout: `${Math.max(1, Math.floor(o.timeoutMs / 1000))}s` });
        if (options.time !== undefined)
            params.set('time', (options.time / 1000).toFixed(3));
        const url = `${o.url.replace(/\/+$/, '')}/api/v1/query?${params.toString()}`;
        const what = `${options.purpose ?? 'query'} (${promql})`;
        const label = `Prometheus query for ${options.purpose ?? 'a metric'} at ${this.displayUrl}`;
        let body;
        try {
            // A little longer than the server-side timeout, so Prometheus' own timeout error wins.
            const res = await (0,client/* send */.tN)({ method: 'GET', url, headers: { accept: 'application/json', ...o.headers }, timeoutMs: o.timeoutMs + 2_000, signal: options.signal }, label, {
                clock: o.clock,
                logger: o.logger,
                policy: o.policy,
                random: o.random,
                retryOn: client/* serverErrorStatuses */.Ae,
            });
            body = res.body;
        }
        catch (error) {
            throw this.explain(error, what);
        }
        const parsed = queryBody.safeParse(safeJson(body));
        if (!parsed.success) {
            throw new src_errors/* RemoteError */.Hi(`${label}: the answer is not a Prometheus API response (${shorten(body)}); check that the url points at Prometheus' base URL (the one serving /api/v1/query)`);
        }
        if (parsed.data.status === 'error')
            throw this.refused(what, parsed.data);
        const warnings = parsed.data.warnings ?? [];
        for (const warning of warnings)
            o.logger?.warn(`Prometheus warned about ${what}: ${warning}`);
        return { data: parsed.data.data, warnings };
    }
    /** Every series of an instant vector (a scalar result becomes one series without labels). */
    async queryVector(promql, options = {}) {
        const { data, warnings } = await this.query(promql, options);
        const what = `${options.purpose ?? 'query'} (${promql})`;
        switch (data.resultType) {
            case 'scalar':
                return { series: [{ labels: {}, value: parseSampleValue(data.result[1]) }], warnings };
            case 'vector':
                return {
                    series: data.result.map((s) => {
                        if (!s.value)
                            throw new src_errors/* RemoteError */.Hi(`${what} returned a native histogram for ${formatLabels(s.metric)}; wrap it in histogram_quantile(), histogram_count() or similar so it yields a number`);
                        return { labels: s.metric, value: parseSampleValue(s.value[1]) };
                    }),
                    warnings,
                };
            default:
                throw new src_errors/* RemoteError */.Hi(`${what} returned a ${data.resultType}, not an instant vector or scalar; remove the range selector ([5m]) from the outermost expression or wrap it in a function such as rate()`);
        }
    }
    /** A single number; no series is `undefined`, more than one is an error naming the query and the count. */
    async queryScalar(promql, options = {}) {
        const { series, warnings } = await this.queryVector(promql, options);
        if (series.length > 1) {
            // Prometheus returns series in no fixed order; sorted, the message is the same every time.
            const shown = series.map((s) => formatLabels(s.labels)).sort().slice(0, 3).join(', ');
            throw new PrometheusResultError(`${options.purpose ?? 'query'} (${promql}) returned ${series.length} series (${shown}${series.length > 3 ? ', \u2026' : ''}) where one value was expected; aggregate it, e.g. sum(...) or max(...), so it returns a single series`, series.length);
        }
        const only = series[0];
        return { value: only?.value, labels: only?.labels ?? {}, warnings };
    }
    /** `cause`: the HTTP failure the envelope came with, which says whether trying later can help (503 for a timeout, 400 for bad PromQL). */
    refused(what, body, cause) {
        const hint = body.errorType === 'bad_data'
            ? 'fix the PromQL (try it in the Prometheus UI with the placeholders filled in)'
            : body.errorType === 'timeout' || body.errorType === 'canceled'
                ? 'make the query cheaper (shorter range, fewer series) or raise the analysis timeout'
                : 'check the query and the Prometheus server logs';
        return new PrometheusQueryError(`Prometheus at ${this.displayUrl} refused ${what}: ${body.errorType}: ${body.error}; ${hint}`, body.errorType, body.error, cause);
    }
    /** Turns a transport or HTTP failure into a message with Prometheus' own error when the body has one. */
    explain(error, what) {
        const last = error instanceof retry/* RetriesExhaustedError */.i5 ? error.lastError : error;
        if (last instanceof client/* HttpStatusError */.F9) {
            // 400/422 carry the API's error envelope; a proxy in front may answer with anything.
            const envelope = errorBody.safeParse(safeJson(last.bodyExcerpt));
            if (envelope.success)
                return this.refused(what, envelope.data, error);
            const hint = last.status === 401 || last.status === 403
                ? 'check the credentials in deploy.analysis.headers'
                : last.status === 404
                    ? 'check that the url is Prometheus\' base URL (without /api/v1)'
                    : 'check that Prometheus is up and reachable from this runner';
            return new src_errors/* RemoteError */.Hi(`${error.message}; ${hint}`, { cause: error });
        }
        if (error instanceof Error)
            return new src_errors/* RemoteError */.Hi(`${error.message}; check that Prometheus at ${this.displayUrl} is up and reachable from this runner`, { cause: error });
        return new src_errors/* RemoteError */.Hi(String(error));
    }
}
/** A scalar-like query matched several series. */
class PrometheusResultError extends src_errors/* RemoteError */.Hi {
    seriesCount;
    constructor(message, seriesCount) {
        super(message);
        this.seriesCount = seriesCount;
    }
}
/** Prometheus writes infinities as "+Inf"/"-Inf", which Number() does not read. */
function parseSampleValue(text) {
    if (text === '+Inf' || text === 'Inf')
        return Infinity;
    if (text === '-Inf')
        return -Infinity;
    return Number(text);
}
function formatLabels(labels) {
    return `{${Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}}`;
}
function safeJson(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
function shorten(body) {
    const oneLine = body.trim().replace(/\s+/g, ' ');
    if (/^<(!doctype|html)/i.test(oneLine))
        return 'an HTML page';
    return oneLine.length > 120 ? `${oneLine.slice(0, 120)}\u2026` : oneLine || 'an empty body';
}

// EXTERNAL MODULE: ./src/analysis/promql.ts
var promql = __webpack_require__(41731);
// EXTERNAL MODULE: ./src/analysis/prometheus-config.ts
var prometheus_config = __webpack_require__(6283);
;// CONCATENATED MODULE: ./src/analysis/prometheus.ts








/** Queries run at once: enough to overlap round trips without hammering a shared Prometheus. */
const queryConcurrency = 4;
/**
 * Runs each configured PromQL query (templated with the version under analysis) as an instant
 * query and judges the numbers against their limits. A query that matches no series, or yields
 * NaN (typically 0/0: no traffic), is reported as missing by name, never as zero. A query that
 * fails is a failed check carrying Prometheus' message, not a thrown error, so one bad query
 * does not hide the others' results.
 */
class PrometheusAnalysis {
    config;
    kind = 'prometheus';
    client;
    constructor(config, deps = {}) {
        this.config = config;
        this.client = new PrometheusClient({
            url: config.url,
            headers: config.headers,
            timeoutMs: config.timeout,
            clock: deps.clock ?? clock/* systemClock */.m,
            logger: deps.logger,
            policy: deps.policy,
            random: deps.random,
        });
    }
    describe(variables) {
        const limits = Object.entries(this.config.limits).map(([name, l]) => [l.min !== undefined ? `${name} >= ${l.min}` : '', l.max !== undefined ? `${name} <= ${l.max}` : ''].filter(Boolean).join(' and '));
        return `query Prometheus at ${this.client.displayUrl} for ${Object.keys(this.config.queries).join(', ')} of version ${variables.version} over ${(0,promql/* promDuration */.Jn)(this.config.window)}${limits.length ? `; fail unless ${limits.join(', ')}` : ''}`;
    }
    /**
     * Runs every query once before deploy changes anything: a query Prometheus cannot parse, or a
     * Prometheus that cannot be reached, would otherwise show only after the candidate took
     * traffic for a bake, and roll it back. No series yet is fine: the candidate serves nothing.
     */
    async preflight(variables) {
        const problems = [];
        const answered = [];
        await (0,pool/* runPool */.k)(Object.keys(this.config.queries).values(), queryConcurrency, async (name) => {
            const rendered = (0,promql/* renderPromql */.Kx)(this.config.queries[name], this.placeholders(variables), `deploy.analysis.queries.${name}`);
            if ('unavailable' in rendered)
                return;
            try {
                await this.client.queryScalar(rendered.query, { purpose: `deploy.analysis.queries.${name}` });
                answered.push(name);
            }
            catch (error) {
                problems.push(`deploy.analysis.queries.${name}: ${error instanceof Error ? error.message : String(error)}`);
            }
        });
        return { problems, checks: answered.length > 0 ? [`Prometheus at ${this.client.displayUrl} answers ${answered.sort().join(', ')}`] : [] };
    }
    async run(variables, signal) {
        const metrics = {};
        const checksByName = new Map();
        const names = Object.keys(this.config.queries);
        await (0,pool/* runPool */.k)(names.values(), queryConcurrency, async (name) => {
            const measured = await this.measure(name, variables, signal);
            if (measured.value !== undefined && Number.isFinite(measured.value))
                metrics[name] = measured.value;
            checksByName.set(name, measured.check);
        }, signal);
        signal?.throwIfAborted();
        // Report in the order the user listed the queries, whatever order they finished in.
        const checks = names.map((name) => checksByName.get(name)).filter((check) => check !== undefined);
        return { provider: this.kind, passed: checks.every((check) => check.passed), metrics, checks };
    }
    /** One query: its value (if any) and the check to report (none for a query without limits that worked). */
    async measure(name, variables, signal) {
        const limit = this.config.limits[name];
        const rendered = (0,promql/* renderPromql */.Kx)(this.config.queries[name], this.placeholders(variables), `deploy.analysis.queries.${name}`);
        if ('unavailable' in rendered) {
            const missing = rendered.unavailable.map((n) => `{{${n}}}`).join(', ');
            return { check: this.missingCheck(name, `${name}: not measured: the query uses ${missing}, which this release does not have (e.g. no previous version yet)`, {}) };
        }
        const { query } = rendered;
        try {
            const result = await this.client.queryScalar(query, { signal, purpose: `deploy.analysis.queries.${name}` });
            const inputs = { query, ...(result.warnings.length ? { warnings: result.warnings } : {}) };
            if (result.value === undefined) {
                return { check: this.missingCheck(name, `${name}: missing: the query returned no series (no data is not zero; check the metric and label names and that the version has served traffic)`, inputs) };
            }
            if (Number.isNaN(result.value)) {
                return { value: result.value, check: this.missingCheck(name, `${name}: missing: the query returned NaN (usually 0/0: no requests in the window)`, inputs) };
            }
            if (!limit)
                return { value: result.value };
            const check = (0,thresholds/* judgeThreshold */.l)(name, result.value, limit);
            check.inputs = { ...check.inputs, ...inputs };
            return { value: result.value, check };
        }
        catch (error) {
            // Prometheus away (refused, timed out, 5xx after retries) says nothing of the version: the rollout looks again later (deploy.analysis_error_limit).
            if (signal?.aborted || (0,errors/* isTransientFailure */.Ri)(error))
                throw error;
            const message = error instanceof Error ? error.message : String(error);
            return { check: { rule: 'threshold', metric: name, passed: false, warning: false, reason: `${name}: query failed: ${message}`, inputs: { query } } };
        }
    }
    missingCheck(name, reason, inputs) {
        // A metric nobody set a limit on cannot fail the analysis, but its absence is still shown.
        const tolerated = this.config.missing === 'warn' || !this.config.limits[name];
        return { rule: 'threshold', metric: name, passed: tolerated, warning: tolerated, reason, inputs: { ...inputs, outcome: 'missing' } };
    }
    placeholders(variables) {
        return {
            version: variables.version,
            previous_version: variables.previousVersion,
            served_entity: variables.servedEntity ?? null,
            model: variables.model,
            environment: variables.environment,
            window: (0,promql/* promDuration */.Jn)(this.config.window),
        };
    }
}


/***/ }),

/***/ 89695:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ round),
/* harmony export */   l: () => (/* binding */ judgeThreshold)
/* harmony export */ });
/* harmony import */ var _stats_readable__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(67919);

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


/***/ })

} })
