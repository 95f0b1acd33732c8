'use strict';
({ id: 520, ids: [520], modules: {

/***/ 6721:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   NN: () => (/* binding */ removeAbortWaiter),
/* harmony export */   m2: () => (/* binding */ addAbortWaiter)
/* harmony export */ });
/* unused harmony export abortReason */
class Waiters {
    head = null;
    add(waiter) {
        waiter.nextWaiter = this.head;
        if (this.head)
            this.head.previousWaiter = waiter;
        this.head = waiter;
    }
    remove(waiter) {
        if (waiter.previousWaiter)
            waiter.previousWaiter.nextWaiter = waiter.nextWaiter;
        else if (this.head === waiter)
            this.head = waiter.nextWaiter;
        if (waiter.nextWaiter)
            waiter.nextWaiter.previousWaiter = waiter.previousWaiter;
        waiter.previousWaiter = null;
        waiter.nextWaiter = null;
    }
    abortAll(reason) {
        // Copied first: a waiter's onAbort removes it (and may settle others).
        const waiters = [];
        for (let w = this.head; w; w = w.nextWaiter)
            waiters.push(w);
        this.head = null;
        for (const waiter of waiters) {
            waiter.previousWaiter = null;
            waiter.nextWaiter = null;
            waiter.onAbort(reason);
        }
    }
}
const bySignal = new WeakMap();
/** Registers `waiter` on `signal`; the caller checks `signal.aborted` first (an aborted signal fires no more). */
function addAbortWaiter(signal, waiter) {
    let waiters = bySignal.get(signal);
    if (!waiters) {
        const created = new Waiters();
        signal.addEventListener('abort', () => created.abortAll(abortReason(signal)), { once: true });
        bySignal.set(signal, created);
        waiters = created;
    }
    waiters.add(waiter);
}
/** Unregisters `waiter` (a no-op when it was never registered or has already been called). */
function removeAbortWaiter(signal, waiter) {
    bySignal.get(signal)?.remove(waiter);
}
/** The signal's reason as an Error, for rejections. */
function abortReason(signal) {
    const reason = signal.reason;
    return reason instanceof Error ? reason : new Error(String(reason ?? 'aborted'));
}


/***/ }),

/***/ 7235:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ judgementSettingsSchema)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2857);
/* harmony import */ var _config_zod_helpers__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3595);
/** The canary judgement's configuration, proposed as `deploy.analysis.judgement`; types derive from it. */


const rate = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_0__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().min(0).max(1));
const latencyComparison = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_0__/* .lazySchema */ .ID)(() => (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .re)({
    /** Allowed slowdown in ms (shift of the typical request). */
    max_increase_ms: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().min(0).optional(),
    /** Allowed slowdown as a fraction (0.1 = 10% slower); the default when neither is given. */
    max_increase_ratio: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().min(0).optional(),
}).refine((l) => l.max_increase_ms === undefined || l.max_increase_ratio === undefined, {
    error: 'give max_increase_ms or max_increase_ratio, not both',
}));
const judgementSettingsSchema = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_0__/* .deferred */ .yX)(() => (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .re)({
    /**
     * Chance of rolling back a canary that is as good as the stable version, over the whole
     * rollout: split evenly over every planned comparison look and every compared metric.
     */
    false_rollback_rate: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().gt(0).max(0.2).default(0.01),
    /** Requests each side must have served before its numbers count; fewer is inconclusive, never a pass. */
    min_requests: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().min(1).default(200),
    /** Scored canary requests needed before a scorer's mean counts. */
    min_scored: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().min(1).default(30),
    /** Absolute limits on the canary alone, checked at every look. */
    limits: (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .re)({
        error_rate: rate.optional(),
        latency_p95_ms: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().positive().optional(),
        /** By scorer name: the lowest acceptable mean score of the canary's answers. */
        scores: zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1), (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .re)({ min: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig() })).default({}),
    }).default({ scores: {} }),
    /** Canary versus stable, with a one-sided test per metric; leave a metric out to not compare it. */
    compare: (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .re)({
        /** Allowed increase of the error rate in rate units (0.01 = one percentage point). */
        error_rate: (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .re)({ max_increase: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().min(0).lt(1).default(0) }).optional(),
        /** Needs per-request latencies from the provider (http-probe). */
        latency: latencyComparison.optional(),
    }).default({ error_rate: { max_increase: 0 } }),
    /** What happens when a look has too little traffic to judge. */
    inconclusive: (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .re)({
        /** Bake extensions allowed per step before `then` applies. */
        extend_bake: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().min(0).max(10).default(2),
        then: (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_0__/* .oneOf */ .yL)(['fail', 'pass']).default('fail'),
    }).default({ extend_bake: 2, then: 'fail' }),
}));


/***/ }),

/***/ 6283:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ prometheusAnalysisSchema)
/* harmony export */ });
/* unused harmony export prometheusPlaceholders */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2857);
/* harmony import */ var _config_zod_helpers__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3595);
/* harmony import */ var _template__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5237);
/* harmony import */ var _promql__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1731);




/** The placeholders a query may use; served_entity is null unless the deploy target names one. */
const prometheusPlaceholders = (/* unused pure expression or super */ null && (['version', 'previous_version', 'served_entity', 'model', 'environment', 'window']));
const metricName = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_0__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().regex(/^[\w.-]+(\/[\w.-]+)*$/, { error: 'metric names look like "error_rate" or "latency_ms/p95"' }));
const limit = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_0__/* .lazySchema */ .ID)(() => (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .re)({ min: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().optional(), max: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().optional() }).refine((t) => t.min !== undefined || t.max !== undefined, { error: 'give min, max or both' }));
/**
 * deploy.analysis with provider: prometheus. Lives beside its provider so the schema and the
 * code that reads it change together; src/config/schema.ts adds it to the analysis union.
 */
const prometheusAnalysisSchema = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_0__/* .deferred */ .yX)(() => (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .re)({
    provider: zod__WEBPACK_IMPORTED_MODULE_3__/* .literal */ .euz('prometheus'),
    /** Prometheus' base URL (the one serving /api/v1/query); ${VAR} is filled at load. */
    url: zod__WEBPACK_IMPORTED_MODULE_3__/* .url */ .OZ5({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://prometheus:9090' }),
    /** E.g. Authorization: "Bearer ${PROMETHEUS_TOKEN}" for a managed Prometheus. */
    headers: zod__WEBPACK_IMPORTED_MODULE_3__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP()).default({}),
    /** Metric name -> instant PromQL query returning one number; see prometheusPlaceholders. */
    queries: zod__WEBPACK_IMPORTED_MODULE_3__/* .record */ .g1P(metricName, zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().min(1, { error: 'must not be empty' })).refine((q) => Object.keys(q).length > 0, {
        error: 'list at least one query, e.g. error_rate: sum(rate(...{version="{{version}}",code=~"5.."}[{{window}}])) / sum(rate(...))',
    }),
    /** Metric name -> limits; a query without a limit is recorded but not judged. */
    limits: zod__WEBPACK_IMPORTED_MODULE_3__/* .record */ .g1P(metricName, limit).default({}),
    /** Filled into {{window}}, e.g. rate(x[{{window}}]); usually the bake time. */
    window: _config_zod_helpers__WEBPACK_IMPORTED_MODULE_0__/* .duration */ .p0.default(300_000),
    /** Per query; also sent to Prometheus so it gives up first. */
    timeout: _config_zod_helpers__WEBPACK_IMPORTED_MODULE_0__/* .duration */ .p0.default(30_000),
    /** A query that returns no series (or NaN): fail the analysis (default), or pass with a warning. */
    missing: (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_0__/* .oneOf */ .yL)(['fail', 'warn']).default('fail'),
    // deploy.analysis extends this with its canary judgement; unknown-key errors list those keys too.
}, ['judgement', 'canary']).superRefine((config, ctx) => {
    for (const name of Object.keys(config.limits)) {
        if (!(name in config.queries)) {
            ctx.addIssue({ code: 'custom', path: ['limits', name], message: `no query named "${name}"; queries are: ${Object.keys(config.queries).join(', ')}` });
        }
    }
    // Fill every query with sample values now, so a typo in a placeholder fails at load, not mid-canary.
    const sample = { version: '2', previous_version: '1', served_entity: 'entity', model: 'model', environment: 'production', window: '5m' };
    for (const [name, query] of Object.entries(config.queries)) {
        try {
            (0,_promql__WEBPACK_IMPORTED_MODULE_2__/* .renderPromql */ .Kx)(query, sample, `queries.${name}`);
        }
        catch (error) {
            if (!(error instanceof _template__WEBPACK_IMPORTED_MODULE_1__/* .TemplateError */ .$w))
                throw error;
            ctx.addIssue({ code: 'custom', path: ['queries', name], message: error.message.replace(/^queries\.[^:]*: /, '') });
        }
    }
}));


/***/ }),

/***/ 1731:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Jn: () => (/* binding */ promDuration),
/* harmony export */   Kx: () => (/* binding */ renderPromql)
/* harmony export */ });
/* unused harmony exports placeholdersIn, lexSegments, escapeStringLiteral, quoteRegex */
/* harmony import */ var _template__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5237);

/**
 * Fills {{placeholders}} in a PromQL query so that a value can never change the query's shape:
 * inside a "\u2026" or '\u2026' string literal it is escaped for that literal (and regex-quoted after
 * =~ / !~, so version "1.2" does not also match "1x2"); inside a `\u2026` raw string, which has no
 * escapes, a value with a backtick is refused; outside any literal (e.g. a range like [{{window}}])
 * only plain tokens \u2014 letters, digits, _ . : \u2014 are allowed.
 *
 * A placeholder whose value is null (no previous version yet) cannot be filled; the caller
 * learns which names were unavailable and reports the metric as missing rather than querying
 * `version=""`, which would match every series without the label.
 */
function renderPromql(template, variables, where) {
    const used = placeholdersIn(template);
    const unavailable = used.filter((name) => variables[name] === null);
    if (unavailable.length > 0)
        return { unavailable };
    let query = '';
    for (const segment of lexSegments(template)) {
        const escape = escaperFor(segment.context, where);
        const escaped = {};
        for (const [name, value] of Object.entries(variables))
            escaped[name] = value;
        for (const name of placeholdersIn(segment.text)) {
            const value = variables[name];
            if (typeof value === 'string')
                escaped[name] = escape(value, name);
        }
        query += (0,_template__WEBPACK_IMPORTED_MODULE_0__/* .fillTemplate */ .ou)(segment.text, escaped, where);
    }
    return { query };
}
/** Names of the {{placeholders}} a template uses, in order, without repeats. */
function placeholdersIn(template) {
    return [...new Set([...template.matchAll(/\{\{\s*([a-z_]+)\s*\}\}/g)].map((match) => match[1]))];
}
/**
 * Splits a query into code and string-literal bodies, following PromQL's lexer: strings in
 * " or ' with backslash escapes, raw strings in backticks, # comments to the end of the line.
 */
function lexSegments(query) {
    const segments = [];
    let context = 'code';
    let text = '';
    const flush = (next) => {
        if (text)
            segments.push({ context, text });
        text = '';
        context = next;
    };
    for (let i = 0; i < query.length; i++) {
        const ch = query[i];
        if (context === 'code') {
            if (ch === '#') {
                const end = query.indexOf('\n', i);
                const stop = end === -1 ? query.length : end;
                text += query.slice(i, stop);
                i = stop - 1;
            }
            else if (ch === '"' || ch === "'" || ch === '`') {
                const regex = /[=!]~\s*$/.test(text);
                text += ch;
                flush(ch === '`' ? 'raw' : ch === '"' ? (regex ? 'regex-double' : 'double') : regex ? 'regex-single' : 'single');
            }
            else {
                text += ch;
            }
            continue;
        }
        const quote = context === 'raw' ? '`' : context.endsWith('double') ? '"' : "'";
        if (ch === '\\' && context !== 'raw') {
            text += query.slice(i, i + 2);
            i++;
        }
        else if (ch === quote) {
            flush('code');
            text = ch;
        }
        else {
            text += ch;
        }
    }
    flush('code');
    return segments;
}
function escaperFor(context, where) {
    switch (context) {
        case 'double':
            return (value) => escapeStringLiteral(value, '"');
        case 'single':
            return (value) => escapeStringLiteral(value, "'");
        case 'regex-double':
            return (value) => escapeStringLiteral(quoteRegex(value), '"');
        case 'regex-single':
            return (value) => escapeStringLiteral(quoteRegex(value), "'");
        case 'raw':
            return (value, name) => {
                if (value.includes('`'))
                    throw new _template__WEBPACK_IMPORTED_MODULE_0__/* .TemplateError */ .$w(`${where}: {{${name}}} = ${JSON.stringify(value)} contains a backtick and cannot go in a \`raw\` PromQL string; use "\u2026" quotes around the placeholder`);
                return value;
            };
        case 'code':
            return (value, name) => {
                if (!/^[\w.:]*$/.test(value)) {
                    throw new _template__WEBPACK_IMPORTED_MODULE_0__/* .TemplateError */ .$w(`${where}: {{${name}}} = ${JSON.stringify(value)} is outside a PromQL string literal and is not a plain token; put the placeholder in quotes, e.g. some_label="{{${name}}}"`);
                }
                return value;
            };
    }
}
/** PromQL string literals take Go's escapes; a raw newline would end the query with an error. */
function escapeStringLiteral(value, quote) {
    return value.replace(/[\\\n\r]/g, (ch) => (ch === '\\' ? '\\\\' : ch === '\n' ? '\\n' : '\\r')).replaceAll(quote, `\\${quote}`);
}
/** RE2's QuoteMeta: every regex metacharacter matched literally. */
function quoteRegex(value) {
    return value.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}
/** A duration in Prometheus' syntax ("5m", "90s", "250ms"), in the largest unit that is exact. */
function promDuration(ms) {
    for (const [unit, size] of [['h', 3_600_000], ['m', 60_000], ['s', 1_000]]) {
        if (ms >= size && ms % size === 0)
            return `${ms / size}${unit}`;
    }
    return `${Math.round(ms)}ms`;
}


/***/ }),

/***/ 523:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   r: () => (/* binding */ latencyHistogram),
/* harmony export */   z: () => (/* binding */ latencyChart)
/* harmony export */ });
/* harmony import */ var _stats_interval__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6966);
/* harmony import */ var _xychart__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6900);


const bins = 10;
/** From a probe's per-request latencies (http-probe, both modes); null when the provider has no samples. */
function latencyHistogram(observation, limitMs) {
    const candidate = observation?.canary.latenciesMs ?? [];
    if (candidate.length === 0)
        return null;
    const stable = observation?.stable?.latenciesMs ?? [];
    // The 99th percentile bounds the bins, so one slow outlier does not squash the rest into the first bin.
    const top = (0,_xychart__WEBPACK_IMPORTED_MODULE_0__/* .niceCeiling */ .n6)(Math.max((0,_stats_interval__WEBPACK_IMPORTED_MODULE_1__/* .percentile */ .Ym)([...candidate, ...stable], 0.99) ?? 0, limitMs ?? 0));
    const width = top / bins;
    const edgesMs = Array.from({ length: bins + 1 }, (_, i) => Math.round(i * width * 10) / 10);
    const shares = (samples) => {
        const counts = new Array(bins + 1).fill(0);
        for (const ms of samples) {
            const bin = Math.min(bins, Math.floor(ms / width));
            counts[bin] = (counts[bin] ?? 0) + 1;
        }
        return counts.map((c) => Math.round((c / samples.length) * 1000) / 10);
    };
    return {
        edgesMs,
        candidate: shares(candidate),
        stable: stable.length > 0 ? shares(stable) : null,
        answered: { candidate: candidate.length, stable: stable.length > 0 ? stable.length : null },
        limitMs,
    };
}
/** Bars per bin (candidate red, stable blue) and a line where the p95 limit falls. */
function latencyChart(histogram) {
    if (!histogram)
        return [];
    const { edgesMs } = histogram;
    const categories = edgesMs.map((edge, i) => (i === edgesMs.length - 1 ? `\u2265 ${edge}` : `${edge}\u2013${edgesMs[i + 1]}`));
    const series = [{ kind: 'bar', values: histogram.candidate, color: _xychart__WEBPACK_IMPORTED_MODULE_0__/* .palette */ .MF.candidate }];
    if (histogram.stable)
        series.push({ kind: 'bar', values: histogram.stable, color: _xychart__WEBPACK_IMPORTED_MODULE_0__/* .palette */ .MF.stable });
    const limitBin = histogram.limitMs === null ? -1 : edgesMs.findLastIndex((edge) => edge <= histogram.limitMs);
    const peak = Math.max(...histogram.candidate, ...(histogram.stable ?? []));
    if (limitBin >= 0)
        series.push({ kind: 'line', values: edgesMs.map((_, i) => (i >= limitBin ? peak : 0)), color: _xychart__WEBPACK_IMPORTED_MODULE_0__/* .palette */ .MF.limit });
    const sides = `red: candidate (${histogram.answered.candidate} answers)${histogram.stable ? `; blue: stable (${histogram.answered.stable} answers)` : ''}`;
    return [
        ...(0,_xychart__WEBPACK_IMPORTED_MODULE_0__/* .xychart */ .w_)({ title: 'Latency distribution (% of answered requests per bin, ms)', categories, yAxis: '% of answers', series }),
        '',
        `Bars: ${sides}.${limitBin >= 0 ? ` Grey: the p95 limit of ${histogram.limitMs} ms falls in the ${categories[limitBin]} ms bin; the grey step rises there.` : ''}`,
    ];
}


/***/ }),

/***/ 6151:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CH: () => (/* binding */ rolloutLimits),
/* harmony export */   O3: () => (/* binding */ rolloutChart)
/* harmony export */ });
/* unused harmony export maxPoints */
/* harmony import */ var _xychart__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6900);

/** The limits the looks were held to: the canary judgement's when configured (it decides), else the provider's own. */
function rolloutLimits(analysis) {
    const judged = analysis?.judgement?.limits;
    if (judged)
        return { errorRate: judged.error_rate ?? null, latencyP95Ms: judged.latency_p95_ms ?? null };
    if (!analysis)
        return { errorRate: null, latencyP95Ms: null };
    if (analysis.provider === 'prometheus')
        return { errorRate: analysis.limits.error_rate?.max ?? null, latencyP95Ms: analysis.limits['latency_ms/p95']?.max ?? null };
    return { errorRate: analysis.limits.error_rate, latencyP95Ms: analysis.limits.latency_p95_ms ?? null };
}
/** Points drawn at most: a summary stays readable and far under GitHub's 1 MiB cap whatever the rollout. */
const maxPoints = 48;
/**
 * The rollout drawn look by look: candidate and stable error rate, then p95 latency, with the
 * limits as flat lines, and a line saying where it stopped and why. Nothing when no look measured
 * anything (all-at-once without analysis, skip_analysis).
 */
function rolloutChart(input) {
    const all = input.steps.flatMap((step) => step.looks.map((look) => ({ step, look })));
    if (all.length === 0)
        return [];
    const points = all.slice(-maxPoints);
    const multiStep = input.steps.length > 1;
    const failedAt = input.failure?.at?.index ?? (input.failure ? input.steps.find((s) => s.status === 'failed')?.index : undefined);
    const categories = points.map(({ step, look }, i) => {
        const last = i === points.length - 1;
        const label = `${multiStep ? `${step.weight}%` : 'look'}${look.extension > 0 ? ` +${look.extension}` : ''}`;
        return last && failedAt === step.index ? `${label} \u2717` : label;
    });
    const charts = [];
    const errorRate = (side) => (side?.errorRate === null || side?.errorRate === undefined ? null : side.errorRate * 100);
    const p95 = (side) => side?.p95Ms ?? null;
    for (const metric of [
        { title: 'Error rate (%) at each look', axis: 'error rate (%)', read: errorRate, limit: input.limits.errorRate === null ? null : input.limits.errorRate * 100 },
        { title: 'p95 latency (ms) at each look', axis: 'p95 latency (ms)', read: p95, limit: input.limits.latencyP95Ms },
    ]) {
        const candidate = series(points.map((p) => metric.read(p.look.candidate)));
        if (candidate === undefined)
            continue;
        const stable = series(points.map((p) => metric.read(p.look.stable)));
        const drawn = [{ kind: 'line', values: candidate, color: _xychart__WEBPACK_IMPORTED_MODULE_0__/* .palette */ .MF.candidate }];
        if (stable)
            drawn.push({ kind: 'line', values: stable, color: _xychart__WEBPACK_IMPORTED_MODULE_0__/* .palette */ .MF.stable });
        if (metric.limit !== null)
            drawn.push({ kind: 'line', values: points.map(() => metric.limit), color: _xychart__WEBPACK_IMPORTED_MODULE_0__/* .palette */ .MF.limit });
        charts.push((0,_xychart__WEBPACK_IMPORTED_MODULE_0__/* .xychart */ .w_)({ title: metric.title, categories, yAxis: metric.axis, series: drawn }));
    }
    if (charts.length === 0)
        return [];
    const skipped = all.length - points.length;
    return [
        ...charts.flatMap((chart) => [...chart, '']),
        `Red: candidate; blue: stable; grey: the limit. One point per look${multiStep ? ' (step traffic, +n for a bake extension)' : ''}${skipped > 0 ? `; the first ${skipped} looks are not drawn` : ''}.`,
        '',
        stopLine(input, points.at(-1)?.look),
    ];
}
/**
 * Values up to the first missing one: a side that was measured, then not (the stable version
 * at 100%), stops there. Undefined when the first look has no value: the metric was not measured.
 */
function series(values) {
    const end = values.indexOf(null);
    const kept = (end === -1 ? values : values.slice(0, end));
    return kept.length > 0 ? kept : undefined;
}
function stopLine(input, last) {
    const { failure } = input;
    if (!failure)
        return `**Reached 100%**${last ? ` (last look: ${last.verdict})` : ''}.`;
    const where = failure.at ? ` at step ${failure.at.index} of ${failure.at.count} (${failure.at.weight}%)` : '';
    return `**Stopped${where}** (\u2717): ${failure.step} failed: ${clip(failure.reason.replace(/\s+/g, ' '), 600)}`;
}
function clip(text, max) {
    return text.length <= max ? text : `${text.slice(0, max - 1)}\u2026`;
}


/***/ }),

/***/ 6900:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MF: () => (/* binding */ palette),
/* harmony export */   n6: () => (/* binding */ niceCeiling),
/* harmony export */   w_: () => (/* binding */ xychart)
/* harmony export */ });
/** Colours a reader can tell apart, also with the common colour-vision deficiencies. */
const palette = { candidate: '#d62728', stable: '#1f77b4', limit: '#7f7f7f' };
function xychart(chart) {
    const series = chart.series.filter((s) => s.values.length > 0);
    const top = niceCeiling(Math.max(0, ...series.flatMap((s) => s.values)));
    return [
        '```mermaid',
        `%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${series.map((s) => s.color).join(', ')}"}}}}%%`,
        'xychart-beta',
        `  title ${quote(chart.title)}`,
        `  x-axis [${chart.categories.map(quote).join(', ')}]`,
        `  y-axis ${quote(chart.yAxis)} 0 --> ${top}`,
        ...series.map((s) => `  ${s.kind} [${s.values.map(number).join(', ')}]`),
        '```',
    ];
}
/** Text inside double quotes: mermaid has no escape for a quote, so it becomes a prime. */
function quote(text) {
    return `"${text.replace(/"/g, '\u2032').replace(/[\r\n]+/g, ' ')}"`;
}
function number(value) {
    return String(Math.round(value * 100) / 100);
}
/** The axis top: a little above the largest value, on a round number (never 0, so an all-zero chart still draws). */
function niceCeiling(max) {
    if (!(max > 0))
        return 1;
    const padded = max * 1.1;
    const magnitude = 10 ** Math.floor(Math.log10(padded));
    const step = [1, 2, 2.5, 5, 10].find((m) => m * magnitude >= padded) ?? 10;
    return Math.round(step * magnitude * 1000) / 1000;
}


/***/ }),

/***/ 9373:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ compactUtc),
/* harmony export */   m: () => (/* binding */ systemClock)
/* harmony export */ });
/* harmony import */ var _abort_listeners__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6721);

const systemClock = {
    now: () => Date.now(),
    sleep: (ms, signal) => new Promise((resolve, reject) => {
        if (signal?.aborted)
            return reject(signal.reason);
        // Many sleep on one run signal at once (back-offs, rate limits): one listener serves them all.
        const waiter = {
            previousWaiter: null,
            nextWaiter: null,
            onAbort: () => {
                clearTimeout(timer);
                reject(signal?.reason);
            },
        };
        const timer = setTimeout(() => {
            if (signal)
                (0,_abort_listeners__WEBPACK_IMPORTED_MODULE_0__/* .removeAbortWaiter */ .NN)(signal, waiter);
            resolve();
        }, ms);
        if (signal)
            (0,_abort_listeners__WEBPACK_IMPORTED_MODULE_0__/* .addAbortWaiter */ .m2)(signal, waiter);
    }),
};
/** UTC timestamp in the run-name form the tracking convention uses: YYYYMMDD_HHMMSS. */
function compactUtc(ms) {
    return new Date(ms).toISOString().replace(/[-:]/g, '').replace('T', '_').slice(0, 15);
}


/***/ }),

/***/ 9153:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M: () => (/* binding */ appStrategyProblem),
/* harmony export */   W: () => (/* binding */ appDeploySchema)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2857);
/* harmony import */ var _zod_helpers__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3595);


/** `deploy.app`: a Databricks App deployed with an Asset Bundle through the Databricks CLI. */
const nonEmpty = (0,_zod_helpers__WEBPACK_IMPORTED_MODULE_0__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1, { error: 'must not be empty' }));
// The CLI's variable names: letters, digits, _ and - (a name is also a BUNDLE_VAR_<name> environment variable).
const bundleVariableName = (0,_zod_helpers__WEBPACK_IMPORTED_MODULE_0__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(/^[A-Za-z_][\w-]*$/, { error: 'a bundle variable name, like model_version' }));
const resourceKey = (0,_zod_helpers__WEBPACK_IMPORTED_MODULE_0__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(/^[\w-]+$/, { error: 'the app\'s key under resources.apps in databricks.yml, like support_agent_app' }));
const appDeploySchema = (0,_zod_helpers__WEBPACK_IMPORTED_MODULE_0__/* .deferred */ .yX)(() => (0,_zod_helpers__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .re)({
    /** The folder holding databricks.yml, relative to the config's working directory. */
    bundle_dir: nonEmpty.default('.'),
    /** The bundle target (`--target`), e.g. prod. */
    target: nonEmpty,
    /** The app's key under resources.apps, what `databricks bundle run` starts and deploys. */
    resource: resourceKey,
    /** Which bundle variables receive the version and the logged model id; model_id: null passes none. */
    variables: (0,_zod_helpers__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .re)({
        version: bundleVariableName.default('model_version'),
        model_id: bundleVariableName.nullable().default('model_id'),
    }).default({ version: 'model_version', model_id: 'model_id' }),
    /**
     * Further bundle variables, passed as BUNDLE_VAR_<name> in the CLI's environment rather than as
     * --var, so a value from ${SECRET} never shows in a process list and a comma is not split.
     */
    extra_variables: zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(bundleVariableName, zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()).default({}),
    /** The version tag holding the logged model id, when the version's source is not models:/m-<id>. */
    model_id_tag: nonEmpty.default('model_id'),
    /** Passed to `bundle deploy` as --auto-approve: lets a deploy delete or recreate resources without asking. */
    auto_approve: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY().default(false),
    /** The Databricks CLI (v0.239 or later, the Go CLI), a name on PATH or a path. */
    cli: nonEmpty.default('databricks'),
    /** Each CLI call; then SIGTERM to its process group, SIGKILL 10 s later. */
    timeout: _zod_helpers__WEBPACK_IMPORTED_MODULE_0__/* .timeoutDuration */ .sP.default(20 * 60_000),
}).superRefine((app, ctx) => {
    const managed = [app.variables.version, app.variables.model_id].filter((name) => name !== null);
    for (const name of Object.keys(app.extra_variables)) {
        if (managed.includes(name))
            ctx.addIssue({ code: 'custom', path: ['extra_variables', name], message: `${name} is set by agent-release to the released version or model id; leave it out` });
    }
    if (app.variables.model_id !== null && app.variables.model_id === app.variables.version) {
        ctx.addIssue({ code: 'custom', path: ['variables', 'model_id'], message: 'the version and the model id need two different bundle variables' });
    }
}));
/** Why a strategy cannot run on a Databricks App, or null when it can: an app serves one version, so no traffic split. */
function appStrategyProblem(strategy) {
    if (strategy === 'all-at-once')
        return null;
    return `strategy ${strategy} is not available for the databricks-app target: a Databricks App serves one version at a time and cannot split traffic; use strategy: all-at-once (with an analysis to roll back on), or the databricks-serving target for canary and blue-green`;
}


/***/ }),

/***/ 7327:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  $F: () => (/* binding */ evaluateSchema),
  i_: () => (/* binding */ formatRequests)
});

// UNUSED EXPORTS: argumentMatches, datasetFormats, endpointFormats, judgeTemplates, requestStyles, runnerKinds, scorerTypes, trajectoryModes, turnScopes

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(2857);
// EXTERNAL MODULE: ./src/config/zod-helpers.ts
var zod_helpers = __webpack_require__(3595);
;// CONCATENATED MODULE: ./src/config/runner-schemas.ts


/** The options of the bring-your-own evaluation runners (`evaluate.command`, `.databricks_job`, `.mlflow_run`). */
const nonEmpty = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* string */.YjP().min(1, { error: 'must not be empty' }));
const envName = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* string */.YjP().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'an environment variable name, like OPENAI_BASE_URL' }));
const commandRunnerSchema = (0,zod_helpers/* deferred */.yX)(() => (0,zod_helpers/* strictObject */.re)({
    /** A list is the argv (no shell); a string runs under `bash -e -o pipefail -c`. */
    run: schemas/* union */.KCZ([nonEmpty, schemas/* array */.YOg(nonEmpty).min(1, { error: 'give the program and its arguments' })]),
    /** Relative to the config's working directory. */
    cwd: nonEmpty.optional(),
    /** Then SIGTERM to its process group, SIGKILL 10 s later. */
    timeout: zod_helpers/* timeoutDuration */.sP.default(30 * 60_000),
    env: schemas/* record */.g1P(envName, schemas/* string */.YjP()).default({}),
}).superRefine((c, ctx) => {
    for (const key of Object.keys(c.env)) {
        if (key.startsWith('AGENT_RELEASE_'))
            ctx.addIssue({ code: 'custom', path: ['env', key], message: 'names starting with AGENT_RELEASE_ are set by agent-release for the evaluator' });
    }
}));
const databricksJobRunnerSchema = (0,zod_helpers/* deferred */.yX)(() => (0,zod_helpers/* strictObject */.re)({
    job_id: schemas/* union */.KCZ([schemas/* number */.aig().int().positive(), schemas/* string */.YjP().regex(/^\d+$/, { error: 'a job id is digits, e.g. 11223344' }).transform(Number)]),
    /** For a multi-task job: the task whose notebook exits with the result JSON. */
    task_key: nonEmpty.optional(),
    timeout: zod_helpers/* timeoutDuration */.sP.default(2 * 3_600_000),
    /** Cancel the Databricks run when the timeout strikes (default: leave it running and say so). */
    cancel_on_timeout: schemas/* boolean */.zMY().default(false),
    /** Further job parameters; model_name and model_version are set by the runner. */
    parameters: schemas/* record */.g1P(schemas/* string */.YjP().regex(/^[\w.-]+$/, { error: 'a job parameter name: letters, digits, _, . and -' }), schemas/* string */.YjP())
        .default({})
        .refine((p) => !('model_name' in p) && !('model_version' in p), { error: 'model_name and model_version are set by the runner; leave them out' }),
}));
/** An existing MLflow run: by id, or the latest FINISHED eval_pre_deploy_* run of the version in an experiment. */
const mlflowRunRunnerSchema = (0,zod_helpers/* deferred */.yX)(() => schemas/* union */.KCZ([
    (0,zod_helpers/* strictObject */.re)({ run_id: schemas/* string */.YjP().regex(/^[0-9a-f]{32}$/i, { error: 'an MLflow run id is 32 hex digits' }) }),
    (0,zod_helpers/* strictObject */.re)({
        /** Default: experiments.evaluation. */
        experiment: nonEmpty.optional(),
        /** Added to the search with AND, in MLflow's filter syntax, e.g. "tags.team = 'support'". */
        filter: nonEmpty.optional(),
    }),
], { error: 'give run_id, or experiment and/or filter to search for the latest evaluation run of the version' }));

// EXTERNAL MODULE: ./src/template.ts
var template = __webpack_require__(5237);
;// CONCATENATED MODULE: ./src/config/evaluate-schema.ts




/**
 * The `evaluate` section: where the examples come from, which agent answers them and how the
 * answers are scored. Each option is described in the README's config reference; the comments
 * here say what the code does with it.
 */
const runnerKinds = ['dataset', 'command', 'mlflow-run', 'databricks-job'];
const datasetFormats = ['jsonl', 'csv'];
const endpointFormats = ['openai-chat', 'responses', 'databricks', 'mlflow-pyfunc'];
/** The request body shapes; each format accepts some of them (see `formatRequests`). */
const requestStyles = ['messages', 'input', 'dataframe_records', 'dataframe_split', 'inputs'];
/** Request shapes per format, the default first. */
const formatRequests = {
    'openai-chat': ['messages'],
    responses: ['input'],
    databricks: ['messages', 'input', 'dataframe_records', 'dataframe_split', 'inputs'],
    'mlflow-pyfunc': ['dataframe_records', 'dataframe_split', 'inputs', 'messages'],
};
/** Listed in this order in messages; the first three are the original ones. */
const scorerTypes = ['contains', 'exact_match', 'latency', 'regex', 'json_valid', 'json_schema', 'refusal', 'length', 'llm_judge', 'tool_calls'];
/** How a scorer meets a conversation: each turn on its own, or the conversation as a whole at its final turn. */
const turnScopes = ['final', 'each'];
const evaluate_schema_nonEmpty = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* string */.YjP().min(1, { error: 'must not be empty' }));
const headers = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()).default({}));
/** Merged into every request body at the top level: temperature, max_tokens, params, custom_inputs\u2026 */
const extraBody = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J()).default({}));
const maxResponseSize = zod_helpers/* byteSize */.mz.default(10 * 2 ** 20);
const requestsPerSecond = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* number */.aig({ error: 'expected a number of requests per second, e.g. 5 or 0.5' })
    .positive({ error: 'requests_per_second must be above 0 (leave it out for no limit)' })
    .max(10_000)
    .optional());
const endpoint = (0,zod_helpers/* lazySchema */.ID)(() => (0,zod_helpers/* strictObject */.re)({
    /**
     * May use {{version}}, {{model}} and {{source}}. With `serving_endpoint` it is the workspace
     * URL (https://<workspace-host>); mlflow-pyfunc adds /invocations when the URL has no path.
     */
    url: evaluate_schema_nonEmpty,
    format: (0,zod_helpers/* oneOf */.yL)(endpointFormats).default('openai-chat'),
    /** Sent as the request's `model` field (openai-chat, responses) for servers that need one. */
    model: evaluate_schema_nonEmpty.optional(),
    headers,
    timeout: zod_helpers/* timeoutDuration */.sP.default(30_000),
    retries: schemas/* number */.aig().int().min(0).max(10).default(3),
    /** A longer answer is that example's error, and reading stops there: a runaway agent cannot exhaust memory. */
    max_response_size: maxResponseSize,
    extra_body: extraBody,
    /** The request body shape; default: the format's first entry in `formatRequests`. */
    request: (0,zod_helpers/* oneOf */.yL)(requestStyles).optional(),
    /** databricks: the serving endpoint's name; the URL becomes {url}/serving-endpoints/{name}/invocations. */
    serving_endpoint: schemas/* string */.YjP().regex(/^[\w-]{1,63}$/, { error: 'a serving endpoint name is 1-63 letters, digits, - or _' }).optional(),
    /** databricks: one served entity of that endpoint, e.g. the canary: .../served-models/{entity}/invocations. */
    served_entity: evaluate_schema_nonEmpty.optional(),
    /** dataframe_* and inputs requests: the column a string input is sent as; default: dataset.columns.input. */
    input_field: evaluate_schema_nonEmpty.optional(),
    /** mlflow-pyfunc and databricks: the key holding the answer when a prediction is an object. */
    output_field: evaluate_schema_nonEmpty.optional(),
}).superRefine((e, ctx) => {
    const urlProblem = (0,template/* httpUrlProblem */.Hv)(e.url);
    if (urlProblem)
        ctx.addIssue({ code: 'custom', path: ['url'], message: urlProblem });
    const allowed = formatRequests[e.format];
    if (e.request !== undefined && !allowed.includes(e.request)) {
        ctx.addIssue({ code: 'custom', path: ['request'], message: `format ${e.format} sends ${allowed.join(' or ')} requests, not ${e.request}` });
    }
    if (e.format !== 'databricks') {
        for (const key of ['serving_endpoint', 'served_entity']) {
            if (e[key] !== undefined)
                ctx.addIssue({ code: 'custom', path: [key], message: `${key} applies to format: databricks only` });
        }
    }
    if (e.served_entity !== undefined && e.serving_endpoint === undefined) {
        ctx.addIssue({ code: 'custom', path: ['served_entity'], message: 'served_entity needs serving_endpoint (the endpoint that serves it)' });
    }
    if (e.output_field !== undefined && e.format !== 'databricks' && e.format !== 'mlflow-pyfunc') {
        ctx.addIssue({ code: 'custom', path: ['output_field'], message: 'output_field applies to formats databricks and mlflow-pyfunc only' });
    }
    const request = e.request ?? allowed[0];
    if (e.input_field !== undefined && (request === 'messages' || request === 'input')) {
        ctx.addIssue({ code: 'custom', path: ['input_field'], message: `input_field applies to dataframe_records, dataframe_split and inputs requests, not ${request}` });
    }
}));
const dataset = (0,zod_helpers/* lazySchema */.ID)(() => (0,zod_helpers/* strictObject */.re)({
    path: (0,zod_helpers/* workspacePath */.X5)(),
    name: evaluate_schema_nonEmpty.optional(),
    /** Default: csv for a .csv file, jsonl otherwise. CSV files start with a header row. */
    format: (0,zod_helpers/* oneOf */.yL)(datasetFormats).optional(),
    /** Which field (JSONL) or header column (CSV) of each row holds the input, the expected answer and the id. */
    columns: (0,zod_helpers/* strictObject */.re)({
        input: evaluate_schema_nonEmpty.default('input'),
        expected: evaluate_schema_nonEmpty.default('expected'),
        id: evaluate_schema_nonEmpty.default('id'),
    }).default({ input: 'input', expected: 'expected', id: 'id' }),
}));
const scorerName = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* string */.YjP().regex(/^[\w.-]+$/, { error: 'scorer names are letters, digits, _, . and - (they become metric names)' }));
const scorerBase = { name: scorerName.optional() };
/** A scorer's options, then the options every scorer has; `turns` is listed last in messages, after the scorer's own. */
function scorerObject(shape) {
    return (0,zod_helpers/* strictObject */.re)({
        ...shape,
        /** Conversations only: score every turn (`each`) or the conversation at its final turn; default: evaluate.conversation.turns. */
        turns: (0,zod_helpers/* oneOf */.yL)(turnScopes).optional(),
    });
}
/** `g` and `y` make a RegExp stateful between tests, so one answer's score would depend on the last. */
const regexFlags = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* string */.YjP().regex(/^(?:([imsuv])(?!.*\1))*$/, { error: 'flags are some of i, m, s, u, v (each once); g and y are not allowed' }));
const contains = (0,zod_helpers/* deferred */.yX)(() => scorerObject({
    ...scorerBase,
    type: schemas/* literal */.euz('contains'),
    /** Keywords that must all appear; without them, the example's `expected` (a string or list) must appear. */
    keywords: schemas/* array */.YOg(evaluate_schema_nonEmpty).optional(),
    case_sensitive: schemas/* boolean */.zMY().default(false),
}), { key: 'type', value: 'contains' });
const exactMatch = (0,zod_helpers/* deferred */.yX)(() => scorerObject({ ...scorerBase, type: schemas/* literal */.euz('exact_match'), case_sensitive: schemas/* boolean */.zMY().default(false), trim: schemas/* boolean */.zMY().default(true) }), { key: 'type', value: 'exact_match' });
const latency = (0,zod_helpers/* deferred */.yX)(() => scorerObject({ ...scorerBase, type: schemas/* literal */.euz('latency'), max_ms: schemas/* number */.aig().positive() }), { key: 'type', value: 'latency' });
const regex = (0,zod_helpers/* deferred */.yX)(() => scorerObject({
    ...scorerBase,
    type: schemas/* literal */.euz('regex'),
    pattern: evaluate_schema_nonEmpty,
    flags: regexFlags.default(''),
    /** Pass when the pattern does NOT match (e.g. no card numbers in answers). */
    negate: schemas/* boolean */.zMY().default(false),
}).superRefine((r, ctx) => {
    try {
        new RegExp(r.pattern, r.flags);
    }
    catch (error) {
        ctx.addIssue({ code: 'custom', path: ['pattern'], message: `not a valid regular expression: ${error.message}` });
    }
}), { key: 'type', value: 'regex' });
/** Agents often wrap JSON in a ```json fence; strict by default, because a client parsing the answer would not strip it. */
const stripCodeFences = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* boolean */.zMY().default(false));
const jsonValid = (0,zod_helpers/* deferred */.yX)(() => scorerObject({ ...scorerBase, type: schemas/* literal */.euz('json_valid'), strip_code_fences: stripCodeFences }), { key: 'type', value: 'json_valid' });
const jsonSchema = (0,zod_helpers/* deferred */.yX)(() => scorerObject({
    ...scorerBase,
    type: schemas/* literal */.euz('json_schema'),
    /**
     * A JSON Schema (draft-07 by default; draft 2019-09 or 2020-12 when its $schema says so).
     * The config loader compiles it (see checkJsonSchema in load.ts), so Ajv is loaded only by
     * configs that use this scorer.
     */
    schema: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J()),
    strip_code_fences: stripCodeFences,
}), { key: 'type', value: 'json_schema' });
const refusal = (0,zod_helpers/* deferred */.yX)(() => scorerObject({
    ...scorerBase,
    type: schemas/* literal */.euz('refusal'),
    /** The row field (CSV column) saying whether the agent should refuse: true/false, yes/no, 1/0. */
    column: evaluate_schema_nonEmpty.default('should_refuse'),
    /** Extra refusal patterns (regular expressions, matched case-insensitively), added to the built-in phrases. */
    patterns: schemas/* array */.YOg(evaluate_schema_nonEmpty).default([]),
    /** Set false to detect refusals with `patterns` only. */
    default_phrases: schemas/* boolean */.zMY().default(true),
}).superRefine((r, ctx) => {
    r.patterns.forEach((pattern, i) => {
        try {
            new RegExp(pattern, 'iu');
        }
        catch (error) {
            ctx.addIssue({ code: 'custom', path: ['patterns', i], message: `not a valid regular expression: ${error.message}` });
        }
    });
    if (!r.default_phrases && r.patterns.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['patterns'], message: 'with default_phrases: false, list at least one pattern' });
    }
}), { key: 'type', value: 'refusal' });
const evaluate_schema_length = (0,zod_helpers/* deferred */.yX)(() => scorerObject({
    ...scorerBase,
    type: schemas/* literal */.euz('length'),
    unit: (0,zod_helpers/* oneOf */.yL)(['chars', 'words']).default('chars'),
    min: schemas/* number */.aig().int().nonnegative().optional(),
    max: schemas/* number */.aig().int().nonnegative().optional(),
}).superRefine((l, ctx) => {
    if (l.min === undefined && l.max === undefined)
        ctx.addIssue({ code: 'custom', path: ['max'], message: 'give min, max or both' });
    if (l.min !== undefined && l.max !== undefined && l.min > l.max)
        ctx.addIssue({ code: 'custom', path: ['min'], message: `min ${l.min} is above max ${l.max}` });
}), { key: 'type', value: 'length' });
const judgeEndpoint = (0,zod_helpers/* lazySchema */.ID)(() => (0,zod_helpers/* strictObject */.re)({
    /** An OpenAI-compatible chat completions URL, e.g. https://api.openai.com/v1/chat/completions. */
    url: evaluate_schema_nonEmpty,
    model: evaluate_schema_nonEmpty.optional(),
    headers,
    timeout: zod_helpers/* timeoutDuration */.sP.default(60_000),
    retries: schemas/* number */.aig().int().min(0).max(10).default(3),
    max_response_size: maxResponseSize,
    /** e.g. { temperature: 0 } or { response_format: { type: json_object } } where the server supports them. */
    extra_body: extraBody,
}).superRefine((j, ctx) => {
    const urlProblem = (0,template/* httpUrlProblem */.Hv)(j.url);
    if (urlProblem)
        ctx.addIssue({ code: 'custom', path: ['url'], message: urlProblem });
}));
/** Built-in judge prompts (evaluate/judge-templates.ts), matching MLflow's built-in judges in intent. */
const judgeTemplates = ['correctness', 'relevance', 'groundedness', 'safety', 'guidelines'];
const numericScale = (0,zod_helpers/* lazySchema */.ID)(() => (0,zod_helpers/* strictObject */.re)({ type: schemas/* literal */.euz('numeric'), min: schemas/* number */.aig(), max: schemas/* number */.aig() }).refine((s) => s.min < s.max, {
    error: 'a numeric scale needs min below max, e.g. { type: numeric, min: 1, max: 5 }',
}));
const judgeScale = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* union */.KCZ([schemas/* literal */.euz('pass_fail'), numericScale], {
    error: 'scale is pass_fail or { type: numeric, min: 1, max: 5 }',
}));
const llmJudge = (0,zod_helpers/* deferred */.yX)(() => scorerObject({
    ...scorerBase,
    type: schemas/* literal */.euz('llm_judge'),
    endpoint: judgeEndpoint,
    /** A built-in prompt (see judge-templates.ts); the scorer is named after it unless `name` is given. */
    template: (0,zod_helpers/* oneOf */.yL)(judgeTemplates).optional(),
    /** What a good answer is; the judge sees it with the question, the expected answer (if any) and the answer. With a template, extra criteria. */
    rubric: evaluate_schema_nonEmpty.optional(),
    /** template: guidelines \u2014 the rules every answer must follow. */
    guidelines: schemas/* array */.YOg(evaluate_schema_nonEmpty).min(1, { error: 'list at least one guideline' }).optional(),
    /** template: groundedness \u2014 the row field (CSV column) holding the context; default `context`. */
    context_field: evaluate_schema_nonEmpty.optional(),
    scale: judgeScale.default('pass_fail'),
    /** Judge calls in flight at once, across all examples. */
    concurrency: schemas/* number */.aig().int().min(1).max(256).default(4),
    requests_per_second: requestsPerSecond,
}).superRefine((j, ctx) => {
    if (j.template === undefined && j.rubric === undefined) {
        ctx.addIssue({ code: 'custom', path: ['rubric'], message: `required: write a rubric, or pick a template (${judgeTemplates.join(', ')})` });
    }
    if (j.template === 'guidelines' && j.guidelines === undefined)
        ctx.addIssue({ code: 'custom', path: ['guidelines'], message: 'template: guidelines needs guidelines (a list of rules the answer must follow)' });
    if (j.template !== 'guidelines' && j.guidelines !== undefined)
        ctx.addIssue({ code: 'custom', path: ['guidelines'], message: 'guidelines applies to template: guidelines only' });
    if (j.template !== 'groundedness' && j.context_field !== undefined)
        ctx.addIssue({ code: 'custom', path: ['context_field'], message: 'context_field applies to template: groundedness only' });
}), { key: 'type', value: 'llm_judge' });
const trajectoryModes = ['strict', 'unordered', 'subset', 'superset'];
const argumentMatches = ['exact', 'subset', 'ignore'];
const toolName = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* string */.YjP().min(1, { error: 'a tool name must not be empty' }));
const toolCalls = (0,zod_helpers/* deferred */.yX)(() => scorerObject({
    ...scorerBase,
    type: schemas/* literal */.euz('tool_calls'),
    /**
     * strict: the same calls in the same order; unordered: the same calls in any order; subset:
     * every call made is expected (some may be missing); superset: every expected call is made
     * (extra ones allowed).
     */
    mode: (0,zod_helpers/* oneOf */.yL)(trajectoryModes).default('strict'),
    /** exact: equal arguments; subset: the expected arguments appear in the call's (more allowed); ignore: names only. */
    arguments: (0,zod_helpers/* oneOf */.yL)(argumentMatches).default('exact'),
    /** Per tool overrides of `arguments`. */
    tools: schemas/* record */.g1P(toolName, (0,zod_helpers/* strictObject */.re)({ arguments: (0,zod_helpers/* oneOf */.yL)(argumentMatches) })).default({}),
    /** Tools that fail the example wherever they are called, expected or not. */
    forbidden: schemas/* array */.YOg(toolName).default([]),
    /** Most calls an example may make (a conversation: over all its turns). */
    max_calls: schemas/* number */.aig().int().nonnegative().optional(),
    /** The row field (CSV column) listing the expected calls: [{name, arguments?}]; arguments left out are not checked. */
    column: evaluate_schema_nonEmpty.default('expected_tool_calls'),
}), { key: 'type', value: 'tool_calls' });
const scorer = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* discriminatedUnion */.gMt('type', [contains, exactMatch, latency, regex, jsonValid, jsonSchema, refusal, evaluate_schema_length, llmJudge, toolCalls], {
    error: (issue) => {
        if (issue.code !== 'invalid_union')
            return undefined;
        const given = issue.input?.type;
        const hint = typeof given === 'string' ? (0,zod_helpers/* suggestion */.h)(given, scorerTypes) : '';
        return `scorer type must be one of ${scorerTypes.join(', ')}${hint ? ` (${hint})` : ''}`;
    },
}));
/**
 * MLflow traces of the evaluated requests (registry mlflow or unity-catalog), linked to the
 * evaluation run. Bounded: above `max` rows, a stable sample (by a hash of the example id, so
 * two versions' traces show the same examples).
 */
const traces = (0,zod_helpers/* lazySchema */.ID)(() => (0,zod_helpers/* strictObject */.re)({
    enabled: schemas/* boolean */.zMY().default(true),
    max: schemas/* number */.aig().int().min(1, { error: 'at least 1 trace per evaluation (to log none, set enabled: false)' }).max(100_000).default(200),
    /** Trace writes in flight at once. */
    concurrency: schemas/* number */.aig().int().min(1).max(32).default(4),
}));
const tracesDefault = { enabled: true, max: 200, concurrency: 4 };
/** Rows that hold a whole conversation, played turn by turn with the agent's replies fed back. */
const conversation = (0,zod_helpers/* deferred */.yX)(() => (0,zod_helpers/* strictObject */.re)({
    /** The row field holding the turns: [{input, expected?, expected_tool_calls?, tool_results?, ...}]. */
    column: evaluate_schema_nonEmpty.default('turns'),
    /** The row or turn field giving tool results by tool name ({"search": "3 hits"}), answered to calls the agent leaves pending. */
    tool_results_column: evaluate_schema_nonEmpty.default('tool_results'),
    /** Rounds of tool results fed back within one turn before its reply is taken as it is. */
    max_tool_rounds: schemas/* number */.aig().int().min(1).max(50).default(5),
    /** The default of each scorer's `turns`. */
    turns: (0,zod_helpers/* oneOf */.yL)(turnScopes).default('final'),
}));
/** Per model: price per million prompt and completion tokens, in one currency of your choice. */
const price = (0,zod_helpers/* lazySchema */.ID)(() => (0,zod_helpers/* strictObject */.re)({
    prompt_per_million: schemas/* number */.aig().nonnegative(),
    completion_per_million: schemas/* number */.aig().nonnegative(),
}));
const cost = (0,zod_helpers/* deferred */.yX)(() => (0,zod_helpers/* strictObject */.re)({
    /** By model name as the response reports it (`model`), or as `model` below names it. */
    prices: schemas/* record */.g1P(evaluate_schema_nonEmpty, price).refine((p) => Object.keys(p).length > 0, { error: 'list at least one model, e.g. gpt-4o-mini: { prompt_per_million: 0.15, completion_per_million: 0.6 }' }),
    /** The price used when a response names no model of the table; default: endpoint.model. */
    model: evaluate_schema_nonEmpty.optional(),
}));
/** The section each runner reads its own options from. */
const runnerSections = { command: 'command', 'mlflow-run': 'mlflow_run', 'databricks-job': 'databricks_job' };
const evaluateSchema = (0,zod_helpers/* lazySchema */.ID)(() => (0,zod_helpers/* strictObject */.re)({
    runner: (0,zod_helpers/* oneOf */.yL)(runnerKinds).default('dataset'),
    /** runner: dataset \u2014 the examples; for the other runners, only passed on (command: AGENT_RELEASE_DATASET_PATH). */
    dataset: dataset.optional(),
    endpoint: endpoint.optional(),
    /** Agent requests in flight at once. */
    concurrency: schemas/* number */.aig().int().min(1).max(1024).default(8),
    /** Caps agent requests (every attempt, retries included) at this rate; default: no cap. */
    requests_per_second: requestsPerSecond,
    /** Runs of every example; each run is a results row with the same id and `repeat: 1..k`. */
    repeat: schemas/* number */.aig().int().min(1).max(100).default(1),
    scorers: schemas/* array */.YOg(scorer).min(1, { error: 'list at least one scorer' }).optional(),
    /** runner: dataset with a tracking server: each evaluated request as an MLflow trace. */
    traces: traces.default(tracesDefault),
    conversation: conversation.optional(),
    /** Prices per model: each example's cost from its token usage (`cost/mean`, `cost/total`). */
    cost: cost.optional(),
    command: commandRunnerSchema.optional(),
    databricks_job: databricksJobRunnerSchema.optional(),
    mlflow_run: mlflowRunRunnerSchema.optional(),
}).superRefine((e, ctx) => {
    if (e.runner === 'dataset') {
        for (const key of ['dataset', 'endpoint', 'scorers']) {
            if (e[key] === undefined)
                ctx.addIssue({ code: 'custom', path: [key], message: `runner: dataset needs ${key}${key === 'scorers' ? ' (at least one)' : ''}` });
        }
    }
    for (const [runner, section] of Object.entries(runnerSections)) {
        if (e.runner === runner && e[section] === undefined)
            ctx.addIssue({ code: 'custom', path: [section], message: `runner: ${runner} needs a ${section} section` });
        if (e.runner !== runner && e[section] !== undefined)
            ctx.addIssue({ code: 'custom', path: [section], message: `${section} applies to runner: ${runner} only (runner is ${e.runner})` });
    }
    for (const key of ['conversation', 'cost']) {
        if (e.runner !== 'dataset' && e[key] !== undefined)
            ctx.addIssue({ code: 'custom', path: [key], message: `${key} applies to runner: dataset only (runner is ${e.runner})` });
    }
    if (e.conversation && e.endpoint) {
        const request = e.endpoint.request ?? formatRequests[e.endpoint.format][0];
        if (request !== 'messages' && request !== 'input') {
            ctx.addIssue({ code: 'custom', path: ['conversation'], message: `a conversation is sent as its history, which only messages and input requests carry; evaluate.endpoint sends ${request} (set endpoint.request: messages)` });
        }
    }
    e.scorers?.forEach((s, i) => {
        const name = s.name ?? s.type;
        if (name === 'tokens' || name === 'cost')
            ctx.addIssue({ code: 'custom', path: ['scorers', i, 'name'], message: `"${name}" is taken by the ${name}/* metrics; name the scorer differently` });
        if (s.turns !== undefined && !e.conversation)
            ctx.addIssue({ code: 'custom', path: ['scorers', i, 'turns'], message: 'turns applies to conversations: add an evaluate.conversation section' });
    });
    const priced = e.cost?.model ?? e.endpoint?.model;
    if (e.cost && priced !== undefined && !(priced in e.cost.prices)) {
        ctx.addIssue({ code: 'custom', path: ['cost', 'model'], message: `no price for model "${priced}" in cost.prices (models priced: ${Object.keys(e.cost.prices).join(', ')})` });
    }
}));


/***/ }),

/***/ 2757:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GW: () => (/* binding */ interpolate),
/* harmony export */   II: () => (/* binding */ unresolved),
/* harmony export */   WN: () => (/* binding */ secretsInEnvironment),
/* harmony export */   n0: () => (/* binding */ looksSecret)
/* harmony export */ });
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _paths__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1066);


/** A ${VAR} left as written: not filled in yet, or not set where nothing requires it. */
const unresolved = (value) => /\$\{[A-Za-z_]\w*(:-[^}]*)?\}/.test(value);
const reference = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;
/**
 * A ${ never closed, or with a space after it: taken literally, one became a folder named
 * "${UNSET". Other ${\u2026} forms (bash's ${VAR:?msg}, ${#VAR}) pass through to the command's shell.
 */
const incompleteReference = /(?<!\$)\$\{(?:\s|[^}]*$)/;
// Whole words between underscores where a short word would match inside others: KEY not MONKEY,
// PAT not PATH, AUTH as the last word (X_AUTH, AUTH_HEADER) but not DATABRICKS_AUTH_TYPE or
// SSH_AUTH_SOCK, and _PWD (DB_PWD) never the shell's own PWD, the working directory.
const secretName = /TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|(^|_)PASS(_|$)|_PWD$|API_?KEY|ACCESS_?KEY|(^|_)KEY(_|$)|CREDENTIAL|PRIVATE|COOKIE|(^|_)AUTH(_HEADER)?$|AUTHORIZATION|BEARER|(^|_)PAT(_|$)/i;
/** Whether a variable's name says it holds a secret (TOKEN, SECRET, PASSWORD, API_KEY, ...). */
function looksSecret(name) {
    return secretName.test(name);
}
/**
 * The values of the environment's secret-looking variables, for the shells to mask before anything
 * is printed: a deploy command or an agent may print one the config never names. Values under 8
 * characters are left out: a USE_TOKEN=true would otherwise turn every "true" into ***.
 */
function secretsInEnvironment(env) {
    return Object.entries(env).flatMap(([name, value]) => (value !== undefined && value.length >= 8 && looksSecret(name) ? [value] : []));
}
/** Values that must come from the environment alone: a ${VAR:-default} would put the secret in the file. */
const environmentOnly = /^notifications\[\d+\]\.(url|secret)$/;
/**
 * Replaces ${NAME} (or ${NAME:-default}) in every string value; $${ stays a literal ${.
 * Only string scalars are touched, so numbers and booleans keep their YAML types.
 */
function interpolate(value, env, 
/** "file:line: path" of a value, as the user wrote it. */
locate, 
/** Whether a value at this path will be used; an unset variable elsewhere is left as written. */
isUsed = () => true) {
    const fromEnvironment = new Set();
    const secrets = [];
    const walk = (node, path) => {
        if (typeof node === 'string') {
            if (incompleteReference.test(node)) {
                throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`${locate(path)}: ${JSON.stringify(node.length > 80 ? `${node.slice(0, 80)}\u2026` : node)} has a \${ that does not start a variable: write \${NAME} (letters, digits and _, closed by }) or \${NAME:-default}, or $\${ for a literal \${`);
            }
            let touched = false;
            const replaced = node.replace(reference, (match, name, fallback) => {
                if (match === '$${')
                    return '${';
                touched = true;
                const field = (0,_paths__WEBPACK_IMPORTED_MODULE_1__/* .formatPath */ .jV)(path);
                if (fallback !== undefined && environmentOnly.test(field)) {
                    const key = field.endsWith('.url') ? 'url' : 'secret';
                    throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`${locate(path)}: a webhook ${key} is a secret, so it cannot have a default: \${${name}:-\u2026} writes one in the file. Write \${${name}} and set ${name} from a repository or environment secret; a job without it skips the notifier with a warning`);
                }
                const found = env[name];
                if (found !== undefined && found !== '') {
                    // A header carries credentials whatever its variable is called (AGENT_KEY, X_AUTH).
                    if (secretName.test(name) || path.at(-2) === 'headers')
                        secrets.push(found);
                    return found;
                }
                if (fallback !== undefined)
                    return fallback;
                if (!isUsed(path))
                    return match;
                if (setForCommands.has(name))
                    throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`${locate(path)} refers to \${${name}}: ${readWhenRun(name, field)}`);
                throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`${locate(path)} refers to \${${name}}, which is not set; set the environment variable (in GitHub Actions, under env: from a secret or variable) or give a default as \${${name}:-value}`);
            });
            if (touched)
                fromEnvironment.add((0,_paths__WEBPACK_IMPORTED_MODULE_1__/* .formatPath */ .jV)(path));
            return replaced;
        }
        if (Array.isArray(node))
            return node.map((item, i) => walk(item, [...path, i]));
        if ((0,_paths__WEBPACK_IMPORTED_MODULE_1__/* .isPlainObject */ .Qd)(node)) {
            return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, walk(item, [...path, key])]));
        }
        return node;
    };
    return { value: walk(value, []), fromEnvironment, secrets };
}
/** What agent-release sets for the commands it runs: deploy/command-target.ts, evaluate/runners/command.ts. */
const setForCommands = new Set(['MODEL', 'VERSION', 'PREVIOUS_VERSION', 'TRAFFIC', 'ENVIRONMENT', 'STEP', 'STEPS', 'MODEL_NAME', 'MODEL_VERSION', 'SUMMARY_PATH', 'RESULTS_PATH', 'OUTPUT_DIR', 'RUN_NAME', 'EXPERIMENT', 'DATASET_PATH'].map((name) => `AGENT_RELEASE_${name}`));
/** Such a variable is set after the config (and its ${NAME}s) was read. */
function readWhenRun(name, field) {
    const when = `agent-release sets ${name} in the environment of the commands it runs, while \${\u2026} is filled in when the config is read`;
    if (field.startsWith('evaluate.command.'))
        return `${when}; a run written as a string runs under bash, so write $\${${name}} to leave it for bash`;
    if (field.startsWith('deploy.command.'))
        return `${when}; deploy commands run without a shell, so let a script read ${name} from its environment, or write bash -c '\u2026 "$${name}"'`;
    return `${when}, not for settings agent-release reads itself; where a setting depends on the version it takes placeholders such as {{version}} (see the config reference)`;
}


/***/ }),

/***/ 2153:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fj: () => (/* binding */ notificationSecrets),
/* harmony export */   NG: () => (/* binding */ releaseEventKinds),
/* harmony export */   uY: () => (/* binding */ notificationsSchema)
/* harmony export */ });
/* unused harmony export notifierKinds */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2857);
/* harmony import */ var _interpolate__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2757);
/* harmony import */ var _zod_helpers__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3595);



/** What a release announces; each target may listen to a subset. */
const releaseEventKinds = ['gate_failed', 'promoted', 'deployed', 'verify_failed', 'automatic_rollback', 'manual_rollback'];
const notifierKinds = ['slack', 'teams', 'webhook'];
// A notifier's ${VAR} may be left as written (unresolved): no command requires the notifiers'
// variables (see sectionsUsed), since a rollback job must not fail for want of a webhook. The
// notifier is then skipped with a warning.
const loopback = new Set(['localhost', '127.0.0.1', '[::1]']);
/**
 * A webhook URL is a credential (whoever has it can post to the channel), so it travels over
 * https; plain http is accepted only on this machine, for local receivers and the quickstart.
 */
const webhookUrl = (0,_zod_helpers__WEBPACK_IMPORTED_MODULE_1__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().superRefine((value, ctx) => {
    if ((0,_interpolate__WEBPACK_IMPORTED_MODULE_0__/* .unresolved */ .II)(value))
        return;
    let url;
    try {
        url = new URL(value);
    }
    catch {
        ctx.addIssue({ code: 'custom', message: 'expected an absolute https:// URL (the webhook URL the service gave you)' });
        return;
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback.has(url.hostname))) {
        ctx.addIssue({ code: 'custom', message: `a webhook URL is a credential and must use https:// (http:// only to localhost), got ${url.protocol}//` });
    }
}));
// Built with the notifiers, not when the module loads: most configs have none.
const common = () => ({
    url: webhookUrl,
    /** Default: every event. */
    events: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg((0,_zod_helpers__WEBPACK_IMPORTED_MODULE_1__/* .oneOf */ .yL)(releaseEventKinds)).min(1, { error: `list at least one of ${releaseEventKinds.join(', ')}, or leave events out for all` }).optional(),
    /** One attempt's limit; failed attempts are retried with backoff within `deadline`. */
    timeout: _zod_helpers__WEBPACK_IMPORTED_MODULE_1__/* .timeoutDuration */ .sP.default(10_000),
    deadline: _zod_helpers__WEBPACK_IMPORTED_MODULE_1__/* .duration */ .p0.default(30_000),
});
const notifier = (0,_zod_helpers__WEBPACK_IMPORTED_MODULE_1__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_2__/* .discriminatedUnion */ .gMt('type', [
    (0,_zod_helpers__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .re)({ type: zod__WEBPACK_IMPORTED_MODULE_2__/* .literal */ .euz('slack'), ...common() }),
    (0,_zod_helpers__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .re)({ type: zod__WEBPACK_IMPORTED_MODULE_2__/* .literal */ .euz('teams'), ...common() }),
    (0,_zod_helpers__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .re)({
        type: zod__WEBPACK_IMPORTED_MODULE_2__/* .literal */ .euz('webhook'),
        ...common(),
        /** The HMAC-SHA256 key the receiver shares; at least 32 characters so it cannot be guessed. */
        secret: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().refine((s) => (0,_interpolate__WEBPACK_IMPORTED_MODULE_0__/* .unresolved */ .II)(s) || s.length >= 32, { error: 'the signing secret must be at least 32 characters (e.g. openssl rand -hex 32)' }),
    }),
], { error: (issue) => (issue.code === 'invalid_union' ? `type must be one of ${notifierKinds.join(', ')}` : undefined) }));
/** Where a release's events are posted; URLs and secrets come from ${VARS} and are masked everywhere. */
const notificationsSchema = (0,_zod_helpers__WEBPACK_IMPORTED_MODULE_1__/* .deferred */ .yX)(() => zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(notifier).min(1, { error: 'list at least one notifier, or leave notifications out' }));
/** The values to mask: each URL whole and its path (a service may echo the path alone), and signing secrets. */
function notificationSecrets(notifiers) {
    return (notifiers ?? []).flatMap((n) => {
        if ((0,_interpolate__WEBPACK_IMPORTED_MODULE_0__/* .unresolved */ .II)(n.url))
            return [];
        const url = new URL(n.url);
        const pathPart = `${url.pathname}${url.search}`;
        return [n.url, ...(pathPart.length >= 16 ? [pathPart] : []), ...(n.type === 'webhook' ? [n.secret] : [])];
    });
}


/***/ }),

/***/ 1066:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $N: () => (/* binding */ deepMerge),
/* harmony export */   Qd: () => (/* binding */ isPlainObject),
/* harmony export */   fx: () => (/* binding */ withoutPaths),
/* harmony export */   jV: () => (/* binding */ formatPath),
/* harmony export */   sM: () => (/* binding */ getAt)
/* harmony export */ });
/** Renders a path as a user writes it: gate.thresholds["relevance/mean"].min, scorers[0].type */
function formatPath(path) {
    let out = '';
    for (const segment of path) {
        if (typeof segment === 'number')
            out += `[${segment}]`;
        else if (/^[A-Za-z_][\w-]*$/.test(segment))
            out += out ? `.${segment}` : segment;
        else
            out += `[${JSON.stringify(segment)}]`;
    }
    return out || '(top level)';
}
function getAt(value, path) {
    let current = value;
    for (const segment of path) {
        if (current === null || typeof current !== 'object')
            return undefined;
        current = current[segment];
    }
    return current;
}
function isPlainObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}
/** Objects merge key by key; arrays and scalars in the overlay replace the base. */
function deepMerge(base, overlay) {
    if (!isPlainObject(base) || !isPlainObject(overlay))
        return overlay === undefined ? base : overlay;
    const merged = { ...base };
    for (const [key, value] of Object.entries(overlay))
        merged[key] = deepMerge(base[key], value);
    return merged;
}
/** A copy of `value` without the values (map entries, list items) at these paths. */
function withoutPaths(value, paths) {
    const cut = new Set(paths.map(formatPath));
    const walk = (node, at) => {
        if (Array.isArray(node))
            return node.flatMap((item, i) => (cut.has(formatPath([...at, i])) ? [] : [walk(item, [...at, i])]));
        if (!isPlainObject(node))
            return node;
        return Object.fromEntries(Object.entries(node).flatMap(([key, item]) => (cut.has(formatPath([...at, key])) ? [] : [[key, walk(item, [...at, key])]])));
    };
    return walk(value, []);
}


/***/ }),

/***/ 8812:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E_: () => (/* binding */ nestingBeforeCompose),
/* harmony export */   R3: () => (/* binding */ nestingAfterCompose),
/* harmony export */   SL: () => (/* binding */ parseDocumentChecked)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/* harmony import */ var _nesting__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8237);
// yaml's parser and composer recurse. Past the end of the stack they fail at a place that
// depends on how deep the caller's stack already is, and on a few hundred kilobytes of `[` V8
// aborts the process outright; so the depth is checked first, without recursion.


/**
 * The lexer loops where the parser recurses (once per block level it closes), so a bound from
 * the lexer's tokens comes first. It counts each column where a block node starts, twice (a
 * mapping and the list under one of its keys may share a column), plus open flow brackets: never
 * less than the real depth, at most about three times it, so past this many the real depth is
 * past the limit too, and below it the parser is safe.
 */
const lexicalBound = 4 * _nesting__WEBPACK_IMPORTED_MODULE_1__/* .maxNesting */ .JG;
/** Checks the text before it is parsed and composed, without recursion. */
function nestingBeforeCompose(text) {
    const parsed = lexAndParse(text);
    return 'tooDeep' in parsed ? parsed.tooDeep : undefined;
}
/**
 * yaml's parseDocument, with the nesting check of the text between parsing and composing: the
 * text is lexed and parsed once, where checking it first and then calling parseDocument did it
 * twice (2.6 ms of CPU in every run, which all start with a config load). Errors carry their offsets
 * (`pos`), not yet turned into lines: `lines` does that.
 */
function parseDocumentChecked(text, options) {
    const parsed = lexAndParse(text);
    if ('tooDeep' in parsed)
        return parsed;
    let doc;
    // As parseDocument: the first document, and an error where a second one starts.
    for (const next of new yaml__WEBPACK_IMPORTED_MODULE_0__/* .Composer */ .Dk(options).compose(parsed.tokens, true, text.length)) {
        if (!doc)
            doc = next;
        else if (doc.options.logLevel !== 'silent') {
            doc.errors.push(new yaml__WEBPACK_IMPORTED_MODULE_0__/* .YAMLParseError */ .XT([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'a second YAML document starts here (after a `---` line); keep the file to one document'));
            break;
        }
    }
    return { doc: doc, lines: parsed.lines };
}
/** The parser's tokens, unless the text nests too deep for the parser or the composer. */
function lexAndParse(text) {
    const lexemes = Array.from(new yaml__WEBPACK_IMPORTED_MODULE_0__/* .Lexer */ .JG().lex(text));
    const beyondBound = offsetBeyondLexicalBound(lexemes);
    if (beyondBound !== undefined)
        return { tooDeep: tooDeep(text.slice(0, beyondBound).split('\n').length) };
    const lines = new yaml__WEBPACK_IMPORTED_MODULE_0__/* .LineCounter */ .HN();
    const parser = new yaml__WEBPACK_IMPORTED_MODULE_0__/* .Parser */ .iX(lines.addNewLine);
    // As Parser.parse does before its first lexeme.
    lines.addNewLine(0);
    const tokens = [];
    for (const lexeme of lexemes)
        tokens.push(...parser.next(lexeme));
    tokens.push(...parser.end());
    for (const token of tokens) {
        if (token.type !== 'document')
            continue;
        const deep = (0,_nesting__WEBPACK_IMPORTED_MODULE_1__/* .firstBeyond */ .gy)(token.value, _nesting__WEBPACK_IMPORTED_MODULE_1__/* .maxNesting */ .JG, (t) => yaml__WEBPACK_IMPORTED_MODULE_0__/* .CST */ .DB.isCollection(t), (t) => (yaml__WEBPACK_IMPORTED_MODULE_0__/* .CST */ .DB.isCollection(t) ? t.items.flatMap((item) => [item.key, item.value]) : []));
        if (deep)
            return { tooDeep: tooDeep(lines.linePos(deep.offset).line) };
    }
    return { tokens, lines };
}
/**
 * Checks the composed document (`lines` is the counter it was parsed with). A flow sequence
 * item `a: b` becomes a one-pair mapping that has no token of its own, so this can find a level
 * the text check could not; never fewer.
 */
function nestingAfterCompose(doc, lines) {
    const children = (node) => ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isCollection */ .P3)(node) ? node.items.flatMap((item) => ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isPair */ .tO)(item) ? [item.key, item.value] : [item])).filter(yaml__WEBPACK_IMPORTED_MODULE_0__/* .isNode */ .Ll) : []);
    const deep = (0,_nesting__WEBPACK_IMPORTED_MODULE_1__/* .firstBeyond */ .gy)(doc.contents, _nesting__WEBPACK_IMPORTED_MODULE_1__/* .maxNesting */ .JG, yaml__WEBPACK_IMPORTED_MODULE_0__/* .isCollection */ .P3, children);
    return deep ? tooDeep(lines.linePos(deep.range?.[0] ?? 0).line) : undefined;
}
/** Where the lexical bound is first exceeded, or undefined. */
function offsetBeyondLexicalBound(lexemes) {
    const starts = []; // columns of the block nodes open on the current path
    let flow = 0;
    let offset = 0;
    let column = 0;
    let lineStart = true;
    let afterIndicator = false;
    for (const lexeme of lexemes) {
        // Markers the lexer adds for the parser; they are not in the text.
        if (lexeme === yaml__WEBPACK_IMPORTED_MODULE_0__/* .CST */ .DB.DOCUMENT || lexeme === yaml__WEBPACK_IMPORTED_MODULE_0__/* .CST */ .DB.FLOW_END || lexeme === yaml__WEBPACK_IMPORTED_MODULE_0__/* .CST */ .DB.SCALAR)
            continue;
        const type = yaml__WEBPACK_IMPORTED_MODULE_0__/* .CST */ .DB.tokenType(lexeme);
        const at = offset;
        offset += lexeme.length;
        const newline = lexeme.lastIndexOf('\n');
        const startColumn = column;
        column = newline < 0 ? column + lexeme.length : lexeme.length - newline - 1;
        if (type === 'doc-start' || type === 'doc-end') {
            starts.length = 0;
            flow = 0;
        }
        else if (type === 'flow-seq-end' || type === 'flow-map-end') {
            flow = Math.max(0, flow - 1);
        }
        else if (flow === 0 && type !== 'space' && type !== 'newline' && type !== 'comment' && type !== 'comma' && type !== 'byte-order-mark' && type !== 'directive-line') {
            // A block node starts here: first on its line (closing the deeper ones), or after - ? :
            if (lineStart)
                while (starts.length > 0 && starts.at(-1) > startColumn)
                    starts.pop();
            if ((lineStart || afterIndicator) && starts.at(-1) !== startColumn)
                starts.push(startColumn);
        }
        if (type === 'flow-seq-start' || type === 'flow-map-start')
            flow++;
        if (type !== 'space' && type !== 'newline')
            afterIndicator = type === 'seq-item-ind' || type === 'explicit-key-ind' || type === 'map-value-ind';
        lineStart = newline === lexeme.length - 1 || (lineStart && type === 'space');
        if (2 * starts.length + flow > lexicalBound)
            return at;
    }
    return undefined;
}
function tooDeep(line) {
    return { line, message: `mappings and lists nest more than ${_nesting__WEBPACK_IMPORTED_MODULE_1__/* .maxNesting */ .JG} levels deep (a handful is normal); the file is likely damaged, or written by a tool gone wrong` };
}


/***/ }),

/***/ 3595:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ID: () => (/* binding */ lazySchema),
/* harmony export */   X5: () => (/* binding */ workspacePath),
/* harmony export */   bp: () => (/* binding */ describeValue),
/* harmony export */   h: () => (/* binding */ suggestion),
/* harmony export */   mz: () => (/* binding */ byteSize),
/* harmony export */   p0: () => (/* binding */ duration),
/* harmony export */   re: () => (/* binding */ strictObject),
/* harmony export */   sP: () => (/* binding */ timeoutDuration),
/* harmony export */   yL: () => (/* binding */ oneOf),
/* harmony export */   yX: () => (/* binding */ deferred)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2857);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8532);


/**
 * A strict object whose unknown-key error lists the valid keys and suggests the closest one,
 * so a typo like `treshold` fails loudly with the fix in the message. `alsoValid`: keys of the
 * file that are read before this schema sees it, named in the message all the same.
 */
function strictObject(shape, alsoValid = []) {
    const valid = [...Object.keys(shape), ...alsoValid];
    return zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej(shape, {
        error: (issue) => {
            if (issue.code !== 'unrecognized_keys')
                return undefined;
            const keys = issue.keys;
            const hints = keys.map((key) => suggestion(key, valid)).filter((hint) => hint !== '');
            return `unknown key${keys.length > 1 ? 's' : ''} ${keys.map((k) => `"${k}"`).join(', ')}${hints.length ? ` (${hints.join('; ')})` : ''}; valid keys: ${valid.join(', ')}`;
        },
    });
}
/** A value as an error message shows it: its kind for a mapping or list, else the value, clipped. */
function describeValue(value) {
    if (value === undefined)
        return 'nothing';
    if (value === null)
        return 'null';
    if (Array.isArray(value))
        return value.length === 0 ? 'an empty list' : `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
    if (typeof value === 'object')
        return 'a mapping';
    // JSON has no spelling for these (it writes null); YAML's is the one the file holds.
    if (typeof value === 'number' && !Number.isFinite(value))
        return Number.isNaN(value) ? '.nan (not a number)' : `${value < 0 ? '-' : ''}.inf (infinity)`;
    const text = JSON.stringify(value);
    return text.length > 60 ? `${text.slice(0, 60)}\u2026` : text;
}
/** An enum whose error names the bad value and lists the choices. */
function oneOf(values) {
    return zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(values, {
        error: (issue) => {
            const input = issue.input;
            if (typeof input !== 'string')
                return `expected one of ${values.join(', ')}, got ${describeValue(input)}`;
            const hint = suggestion(input, values);
            return `${JSON.stringify(input)} is not one of ${values.join(', ')}${hint ? ` (${hint})` : ''}`;
        },
    });
}
const durationPattern = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/;
const unitMs = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };
/** A duration as "500ms", "30s", "10m", "1h", or a number of milliseconds; parsed to ms. */
const duration = lazySchema(() => zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().nonnegative(), zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()]).transform((value, ctx) => {
    if (typeof value === 'number')
        return value;
    const match = durationPattern.exec(value.trim());
    if (!match) {
        ctx.addIssue({ code: 'custom', message: `${JSON.stringify(value)} is not a duration; write e.g. 500ms, 30s, 10m or 1h` });
        return zod__WEBPACK_IMPORTED_MODULE_2__/* .NEVER */ .tm;
    }
    return Number(match[1]) * unitMs[match[2]];
}));
/** A duration something waits for at most: 0 would give up before the first try. */
const timeoutDuration = lazySchema(() => duration.refine((ms) => ms > 0, { error: 'must be longer than 0 (a timeout of 0 gives up before the first try); write e.g. 30s' }));
const sizePattern = /^(\d+(?:\.\d+)?)\s*(B|KB|KiB|MB|MiB|GB|GiB)$/;
const unitBytes = { B: 1, KB: 1e3, KiB: 2 ** 10, MB: 1e6, MiB: 2 ** 20, GB: 1e9, GiB: 2 ** 30 };
/** A size as "512KiB", "10MiB", "1GB", or a number of bytes; parsed to bytes. */
const byteSize = lazySchema(() => zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().positive(), zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()]).transform((value, ctx) => {
    if (typeof value === 'number')
        return value;
    const match = sizePattern.exec(value.trim());
    const bytes = match ? Math.floor(Number(match[1]) * unitBytes[match[2]]) : 0;
    if (!match || bytes < 1) {
        ctx.addIssue({ code: 'custom', message: `${JSON.stringify(value)} is not a size; write e.g. 512KiB, 10MiB or 1GB, or a number of bytes` });
        return zod__WEBPACK_IMPORTED_MODULE_2__/* .NEVER */ .tm;
    }
    return bytes;
}));
/**
 * A path relative to the workspace (the repository root, not the config file's folder) that
 * stays inside it, or an absolute path, used as written. A relative path that climbs out with
 * ".." is almost always written relative to the wrong folder, and would read or write files the
 * release does not own; someone who means a place outside (e.g. ${RUNNER_TEMP}/x) writes it whole.
 */
function workspacePath() {
    return zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
        .min(1, { error: 'must not be empty' })
        .refine((p) => !leavesWorkspace(p), {
        error: (issue) => `${JSON.stringify(issue.input)} leaves the workspace: the path is relative to the workspace (the repository root), not to the config file; write it from the root, or as an absolute path for a place outside the workspace`,
    });
}
function leavesWorkspace(p) {
    const normal = node_path__WEBPACK_IMPORTED_MODULE_0___default().posix.normalize(p.replace(/\\/g, '/'));
    return !node_path__WEBPACK_IMPORTED_MODULE_0___default().isAbsolute(p) && (normal === '..' || normal.startsWith('../'));
}
function suggestion(word, choices) {
    let best = '';
    let bestDistance = Infinity;
    for (const choice of choices) {
        const d = editDistance(word.toLowerCase(), choice.toLowerCase());
        if (d < bestDistance)
            [best, bestDistance] = [choice, d];
    }
    return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? `did you mean "${best}"?` : '';
}
function editDistance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
        }
        previous = current;
    }
    return previous[b.length];
}
/**
 * A file or wire format's schema, built on its first parse rather than when its module loads: a
 * run imports every client and provider, and reads few of their formats (a gate reads no
 * Prometheus answer, Databricks run or MLflow page). Building them all cost a gate or a promote
 * 3 to 8 ms of start-up (bench/startup.mjs). Unlike deferred(), nothing is pinned: a parent that asks whether it is optional
 * builds it, which is right for a schema that is nested only in schemas being parsed.
 */
function lazySchema(build) {
    return zod__WEBPACK_IMPORTED_MODULE_1__/* .lazy */ .RZV(build);
}
/**
 * A schema built the first time a value reaches it, not when the module loads: a config names a
 * few of the sections, scorers, runners and providers the schema knows, and start-up built them
 * all, for every run.
 *
 * zod asks each key of an object whether it may be absent (`optin`, `optout`) on every parse,
 * and z.lazy answers by building its schema; here the answers are pinned, so `build` must return
 * a required schema (put .optional() or .default() outside). A union option gives `tag`, its
 * discriminator's value, which the union reads of every option for the same reason.
 */
function deferred(build, tag) {
    const schema = zod__WEBPACK_IMPORTED_MODULE_1__/* .lazy */ .RZV(() => {
        const built = build();
        if (built._zod.optin !== undefined || built._zod.optout !== undefined)
            throw new Error('deferred() takes a required schema: put .optional() or .default() outside it');
        if (tag && !built._zod.propValues?.[tag.key]?.has(tag.value))
            throw new Error(`deferred(): the schema's ${tag.key} is not "${tag.value}"`);
        return built;
    });
    const pin = (key, value) => void Object.defineProperty(schema._zod, key, { value, writable: true, configurable: true });
    pin('optin', undefined);
    pin('optout', undefined);
    if (tag)
        pin('propValues', { [tag.key]: new Set([tag.value]) });
    return schema;
}


/***/ }),

/***/ 2541:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ fileChunks)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_util__WEBPACK_IMPORTED_MODULE_1__);


const open = (0,node_util__WEBPACK_IMPORTED_MODULE_1__.promisify)(node_fs__WEBPACK_IMPORTED_MODULE_0__.open);
const read = (0,node_util__WEBPACK_IMPORTED_MODULE_1__.promisify)(node_fs__WEBPACK_IMPORTED_MODULE_0__.read);
const close = (0,node_util__WEBPACK_IMPORTED_MODULE_1__.promisify)(node_fs__WEBPACK_IMPORTED_MODULE_0__.close);
/**
 * A file's bytes, a chunk per read, through its own descriptor rather than a read stream: node:fs's
 * streams load node:fs/promises for their FileHandle support, with readline and the file watchers
 * (1.4 ms of a gate's start-up). Opening fails as fs.open does (ENOENT, EACCES), before any chunk;
 * the descriptor is closed however the reader stops. Every chunk is read into the same buffer, so
 * a chunk holds its bytes until the next one is asked for: a caller that keeps bytes copies them.
 */
async function* fileChunks(file, chunkBytes = 64 * 1024) {
    const fd = await open(file, 'r');
    const buffer = Buffer.allocUnsafe(chunkBytes);
    try {
        for (;;) {
            const { bytesRead } = await read(fd, buffer, 0, chunkBytes, null);
            if (bytesRead === 0)
                return;
            yield bytesRead === chunkBytes ? buffer : buffer.subarray(0, bytesRead);
        }
    }
    finally {
        await close(fd).catch(() => { });
    }
}


/***/ }),

/***/ 2047:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ forEachJsonl),
/* harmony export */   f: () => (/* binding */ readJsonl)
/* harmony export */ });
/* harmony import */ var _config_paths__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1066);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _nesting__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8237);
/* harmony import */ var _file_chunks__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2541);
/* harmony import */ var _utf8__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2659);





/**
 * Streams a JSONL file row by row (memory stays flat with file size). A line that is not JSON
 * or does not match the schema stops the read with the file, line and field named, as do bytes
 * that are not UTF-8; a leading byte order mark is skipped.
 */
async function* readJsonl(file, schema, what, options = {}) {
    const row = rowReader(file, schema, what, options.quick);
    for await (const lines of linesOf(file, what, options.hash)) {
        for (const text of lines) {
            const parsed = row(text);
            if (parsed)
                yield parsed;
        }
    }
}
/**
 * readJsonl with a callback: the same rows, checks and errors, in the same order, but no promise
 * and no iterator result per row, which is a third of the work on a million short rows.
 */
async function forEachJsonl(file, schema, what, onRow, options = {}) {
    const row = rowReader(file, schema, what, options.quick);
    for await (const lines of linesOf(file, what, options.hash)) {
        for (const text of lines) {
            const parsed = row(text);
            if (parsed)
                onRow(parsed);
        }
    }
}
/** Parses and checks one line at a time, counting lines (blank ones included) for the messages. */
function rowReader(file, schema, what, quick) {
    let lineNumber = 0;
    return (text) => {
        lineNumber++;
        // Blank as the dataset scan counts rows: spaces, tabs and a CR only. A line of NBSP or a stray BOM is a row that is not JSON, refused by line, not skipped (the two counts must agree).
        if (/^[ \t\r]*$/.test(text))
            return undefined;
        let json;
        try {
            json = JSON.parse(text);
        }
        catch (error) {
            throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`${file}:${lineNumber}: ${what} line is not valid JSON (${error.message}); each line must be one JSON object`);
        }
        // What reads and copies rows recurses; past the end of the stack V8 may abort the process.
        if ((0,_nesting__WEBPACK_IMPORTED_MODULE_3__/* .valueNestsBeyond */ .y3)(json, _nesting__WEBPACK_IMPORTED_MODULE_3__/* .maxNesting */ .JG))
            throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`${file}:${lineNumber}: ${what} line nests objects and arrays more than ${_nesting__WEBPACK_IMPORTED_MODULE_3__/* .maxNesting */ .JG} levels deep (a handful is normal); the line is likely damaged`);
        if (quick?.(json))
            return { line: lineNumber, value: json };
        const parsed = schema.safeParse(json);
        if (!parsed.success) {
            const issue = parsed.error.issues[0];
            const field = issue ? (0,_config_paths__WEBPACK_IMPORTED_MODULE_4__/* .formatPath */ .jV)(issue.path.filter((s) => typeof s !== 'symbol')) : '';
            throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`${file}:${lineNumber}: ${what} line: ${field}: ${issue?.message ?? 'does not match the expected shape'}`);
        }
        return { line: lineNumber, value: parsed.data };
    };
}
/** The file's lines, one batch per chunk read, the last line with or without a line break after it. */
async function* linesOf(file, what, hash) {
    const chunks = (0,_file_chunks__WEBPACK_IMPORTED_MODULE_1__/* .fileChunks */ .T)(file, 256 * 1024);
    let next;
    try {
        next = await chunks.next();
    }
    catch (error) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`cannot read ${what} ${file}: ${error.code === 'ENOENT' ? 'file not found' : error.message}`);
    }
    // Lines split by hand rather than with readline, whose async iterator costs several
    // microseconds a line; a line break is \n, and a \r before it is JSON whitespace.
    let rest = '';
    const decoder = new _utf8__WEBPACK_IMPORTED_MODULE_2__/* .Utf8Chunks */ .Q(file, what);
    try {
        // One more turn after the last chunk flushes the decoder (a sequence cut off by the end is refused).
        for (;;) {
            const done = next.done === true;
            const bytes = next.done ? Buffer.alloc(0) : next.value;
            hash?.update(bytes);
            const chunk = await decoder.decode(bytes, done);
            const lines = [];
            let from = 0;
            for (let end = chunk.indexOf('\n'); end !== -1; end = chunk.indexOf('\n', from)) {
                lines.push(rest ? rest + chunk.slice(from, end) : chunk.slice(from, end));
                rest = '';
                from = end + 1;
            }
            rest += chunk.slice(from);
            if (done && rest)
                lines.push(rest);
            if (lines.length > 0)
                yield lines;
            if (done)
                break;
            next = await chunks.next();
        }
    }
    finally {
        await chunks.return(undefined);
    }
}


/***/ }),

/***/ 116:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FD: () => (/* binding */ resultSchema),
/* harmony export */   uP: () => (/* binding */ isPlainResult)
/* harmony export */ });
/* unused harmony exports judgementSchema, toolCallSchema, usageSchema, turnSchema */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2857);
/* harmony import */ var _config_zod_helpers__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3595);


/** What an LLM judge answered for one example, kept so a reviewer can see why it scored as it did. */
const judgementSchema = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_0__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    /** The score as the judge wrote it (a number, true/false, "pass"\u2026), before normalising; null when it gave none. */
    score: zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(), zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(), zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()]).nullable(),
    reason: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    /** The judge's answer text, cut at a few thousand characters. */
    raw: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    /** Why the answer could not be used as a score. */
    error: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
}));
/** One tool call the agent made, as read from its response. */
const toolCallSchema = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_0__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    name: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1),
    /** Parsed from JSON when the format sends a string; the raw string when it is not JSON. */
    arguments: zod__WEBPACK_IMPORTED_MODULE_1__/* .unknown */ .L5J(),
}));
/** Token counts the endpoint reported. Absent on a result when the response carried no usage. */
const usageSchema = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_0__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    prompt_tokens: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative().optional(),
    completion_tokens: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative().optional(),
    total_tokens: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative().optional(),
}));
/** One turn of a conversation row: what was said, what the agent answered and did, and its own scores. */
const turnSchema = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_0__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    /** 1-based. */
    turn: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().min(1),
    input: zod__WEBPACK_IMPORTED_MODULE_1__/* .unknown */ .L5J(),
    /** The agent's answer text; null when the turn failed. */
    output: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullable(),
    expected: zod__WEBPACK_IMPORTED_MODULE_1__/* .unknown */ .L5J().optional(),
    tool_calls: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(toolCallSchema).optional(),
    usage: usageSchema.optional(),
    cost: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().nonnegative().optional(),
    latency_ms: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().nonnegative().nullable(),
    /** Scores of the scorers applied per turn (`turns: each`); null where a scorer had nothing to judge the turn by. */
    scores: zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().nullable()).optional(),
    error: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
}));
/** One line of results.jsonl: one example, as the agent answered it and as it was scored. */
const resultSchema = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_0__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    id: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1),
    /** With `repeat: k`, each run of an example is its own row: same id, run 1..k. Absent means one run. */
    repeat: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().min(1).optional(),
    inputs: zod__WEBPACK_IMPORTED_MODULE_1__/* .unknown */ .L5J(),
    outputs: zod__WEBPACK_IMPORTED_MODULE_1__/* .unknown */ .L5J(),
    expected: zod__WEBPACK_IMPORTED_MODULE_1__/* .unknown */ .L5J().optional(),
    /** By scorer name: 1/0 for pass/fail scorers, a number for graded ones, null when it could not score. */
    scores: zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().nullable()),
    latency_ms: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().nonnegative().nullable(),
    error: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    /** By scorer name, for LLM-judge scorers: the judge's verdict. */
    judgements: zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), judgementSchema).optional(),
    /** Every call the agent made, in order (for a conversation: all turns' calls). */
    tool_calls: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(toolCallSchema).optional(),
    /** Summed over every request of the example; absent when any of them reported none. */
    usage: usageSchema.optional(),
    /** From usage and evaluate.cost.prices; absent when it could not be priced. */
    cost: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().nonnegative().optional(),
    /** By scorer name: why it failed the example, for scorers that say (tool_calls). */
    reasons: zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()).optional(),
    /** Conversation rows only: each turn as played. */
    turns: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(turnSchema).optional(),
}));
const requiredFields = ['id', 'inputs', 'outputs', 'scores', 'latency_ms'];
/**
 * A quick yes for the ordinary row, so a million-row file is not walked by zod twice over. It
 * vouches only for rows resultSchema accepts unchanged; anything else (a field it does not check
 * by hand, a damaged value) returns false and goes through resultSchema, which accepts it or
 * names the field. A field added to the schema is checked by its own schema here, so new
 * optional fields stay fast without touching this function.
 */
function isPlainResult(value) {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
        return false;
    const row = value;
    for (const key of requiredFields)
        if (!Object.hasOwn(row, key))
            return false;
    for (const key in row) {
        const field = row[key];
        switch (key) {
            case 'id':
                if (typeof field !== 'string' || field.length === 0)
                    return false;
                break;
            case 'inputs':
            case 'outputs':
            case 'expected':
                break;
            case 'scores':
                if (!isPlainScores(field))
                    return false;
                break;
            case 'latency_ms':
                if (field !== null && !(typeof field === 'number' && Number.isFinite(field) && field >= 0))
                    return false;
                break;
            case 'error':
                if (typeof field !== 'string')
                    return false;
                break;
            case 'repeat':
                if (!(Number.isSafeInteger(field) && field >= 1))
                    return false;
                break;
            // Read by the gate's spend comparison on every row that has them: checked here, not by zod.
            case 'cost':
                if (!(typeof field === 'number' && Number.isFinite(field) && field >= 0))
                    return false;
                break;
            case 'usage':
                if (!isPlainUsage(field))
                    return false;
                break;
            default: {
                // An object-level refinement on resultSchema would bypass this path; the tests check there is none.
                const schema = resultSchema.unwrap().shape[key];
                if (!schema || !isOptional(schema) || !schema.safeParse(field).success)
                    return false;
            }
        }
    }
    return true;
}
function isPlainScores(scores) {
    if (typeof scores !== 'object' || scores === null || Array.isArray(scores))
        return false;
    for (const name in scores) {
        // zod rebuilds a record key by key, and `__proto__` does not survive that: let it decide.
        if (name === '__proto__')
            return false;
        const score = scores[name];
        if (score !== null && !(typeof score === 'number' && Number.isFinite(score)))
            return false;
    }
    return true;
}
let usageFields;
function isPlainUsage(usage) {
    if (typeof usage !== 'object' || usage === null || Array.isArray(usage))
        return false;
    usageFields ??= new Set(Object.keys(usageSchema.unwrap().shape));
    for (const name in usage) {
        if (!usageFields.has(name))
            return false;
        const count = usage[name];
        if (!(Number.isSafeInteger(count) && count >= 0))
            return false;
    }
    return true;
}
function isOptional(schema) {
    return schema._zod.optin === 'optional';
}


/***/ }),

/***/ 1938:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DP: () => (/* binding */ jsonErrorLine),
/* harmony export */   L_: () => (/* binding */ readSummary),
/* harmony export */   Uv: () => (/* binding */ summarySchema),
/* harmony export */   dK: () => (/* binding */ summarySchemaId),
/* harmony export */   xJ: () => (/* binding */ intervalSchema)
/* harmony export */ });
/* unused harmony exports metricSchema, shardSchema, mergedShardSchema */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2857);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4377);
/* harmony import */ var _config_paths__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(1066);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _nesting__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8237);
/* harmony import */ var _config_zod_helpers__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3595);







const summarySchemaId = 'agent-release.summary/v1';
const intervalSchema = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_3__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_4__/* .strictObject */ .rej({
    low: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig(),
    high: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig(),
    confidence: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().gt(0).lt(1),
    method: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(),
}));
const metricSchema = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_3__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_4__/* .strictObject */ .rej({
    value: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig(),
    /** Examples the value is computed over. */
    n: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().int().nonnegative(),
    ci: intervalSchema.optional(),
}));
const digestSchema = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_3__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().regex(/^sha256:[0-9a-f]{64}$/));
/**
 * Present on the summary of one slice of a sharded evaluation (`shard: i/n`). The dataset block
 * still describes the whole file, so a merge can check that every shard saw the same one.
 */
// deferred: only a shard's summary has one, and a gate reads merged and whole ones.
const shardSchema = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_3__/* .deferred */ .yX)(() => zod__WEBPACK_IMPORTED_MODULE_4__/* .strictObject */ .rej({
    index: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().int().min(1),
    count: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().int().min(1),
    /** Examples in this shard. */
    rows: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().int().nonnegative(),
    /** sha256 of this shard's results.jsonl, so a merge knows it has the file this summary describes. */
    results_digest: digestSchema,
    /** sha256 of the settings that decide the numbers (src/evaluate/settings-digest.ts); merge refuses shards that differ. Absent on shards written before it was kept. */
    settings_digest: digestSchema.optional(),
})
    .refine((s) => s.index <= s.count, { error: 'index must be between 1 and count', path: ['index'] }));
/** One shard a merged summary was combined from, for audit. */
const mergedShardSchema = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_3__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_4__/* .strictObject */ .rej({
    index: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().int().min(1),
    rows: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().int().nonnegative(),
    results_digest: digestSchema,
}));
/** Bring-your-own evaluators may write plain numbers; they are read as metrics with unknown n. */
const metricInput = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_3__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_4__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().transform((value) => ({ value, n: 0 })), metricSchema]));
const summarySchema = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_3__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_4__/* .strictObject */ .rej({
    schema: zod__WEBPACK_IMPORTED_MODULE_4__/* .literal */ .euz(summarySchemaId),
    model: zod__WEBPACK_IMPORTED_MODULE_4__/* .strictObject */ .rej({ name: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().min(1), version: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().min(1) }),
    dataset: zod__WEBPACK_IMPORTED_MODULE_4__/* .strictObject */ .rej({
        name: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().min(1),
        digest: digestSchema,
        rows: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().int().nonnegative(),
        source: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().optional(),
    }),
    metrics: zod__WEBPACK_IMPORTED_MODULE_4__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(), metricInput),
    /** Examples whose call or scoring failed; they are not counted in any mean. */
    errors: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().int().nonnegative(),
    run_id: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().nullable(),
    created_at: zod__WEBPACK_IMPORTED_MODULE_5__/* .datetime */ .w$(),
    /** Only on a shard's summary: gate the merged summary, never a shard. */
    shard: shardSchema.optional(),
    /** Only on a merged summary: the shards it was combined from, in index order. */
    merged_from: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(mergedShardSchema).optional(),
}));
async function readSummary(file) {
    let text;
    try {
        text = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(file, 'utf8');
    }
    catch (error) {
        const code = error.code;
        if (code === 'EISDIR')
            throw new _errors__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(`${file} is a folder; pass the summary.json evaluate wrote (e.g. ${node_path__WEBPACK_IMPORTED_MODULE_1___default().join(file, 'summary.json')})`);
        throw new _errors__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(`cannot read evaluation summary ${file}: ${code === 'ENOENT' ? 'file not found; run evaluate first or pass its summary-path' : error.message}`);
    }
    let json;
    try {
        json = JSON.parse(text);
    }
    catch (error) {
        const at = jsonErrorLine(text, error.message);
        // A JSON Lines file (results.jsonl, a dataset) fails right after its first line.
        const lines = at !== undefined && at > 1 && /^\s*\{.*\}\s*$/.test(text.split('\n')[0] ?? '') ? '; it holds one JSON value per line, like results.jsonl or a dataset: pass the summary.json beside them' : '';
        throw new _errors__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(`${file}${at === undefined ? '' : `:${at}`} is not valid JSON: ${error.message}${lines}`);
    }
    if ((0,_nesting__WEBPACK_IMPORTED_MODULE_6__/* .valueNestsBeyond */ .y3)(json, _nesting__WEBPACK_IMPORTED_MODULE_6__/* .maxNesting */ .JG))
        throw new _errors__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(`${file} nests objects and arrays more than ${_nesting__WEBPACK_IMPORTED_MODULE_6__/* .maxNesting */ .JG} levels deep (a summary needs a handful); the file is likely damaged`);
    // jitless: one object per file read; zod's generated fast path costs more to build than it saves.
    const parsed = summarySchema.safeParse(json, { jitless: true });
    if (!parsed.success) {
        const details = parsed.error.issues
            .flatMap((issue) => branchIssues(issue))
            .slice(0, 5)
            .map((i) => `${(0,_config_paths__WEBPACK_IMPORTED_MODULE_7__/* .formatPath */ .jV)(i.path.filter((s) => typeof s !== 'symbol'))}: ${i.message}`);
        throw new _errors__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(`${file} is not an ${summarySchemaId} evaluation summary:\n  - ${details.join('\n  - ')}`);
    }
    return parsed.data;
}
/**
 * A metric is a number or a {value, n, ci} object, and zod reports a value fitting neither as a
 * bare "Invalid input". Report the branch that got furthest instead: `value: expected number,
 * received null` says what is wrong with `{"value": null}`.
 */
function branchIssues(issue) {
    if (issue.code !== 'invalid_union' || issue.errors.length === 0)
        return [issue];
    const branch = issue.errors.find((issues) => issues.some((i) => i.path.length > 0)) ?? issue.errors[0] ?? [];
    const nested = branch.flatMap((i) => branchIssues(i)).map((i) => ({ path: [...issue.path, ...i.path], message: i.message }));
    return nested.length ? nested : [issue];
}
/** The line JSON.parse stopped at, from the position its message gives. */
function jsonErrorLine(text, message) {
    const position = /at position (\d+)/.exec(message)?.[1];
    if (position === undefined)
        return undefined;
    return text.slice(0, Number(position)).split('\n').length;
}


/***/ }),

/***/ 2659:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ Utf8Chunks),
/* harmony export */   T: () => (/* binding */ notUtf8)
/* harmony export */ });
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4573);
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_buffer__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _fs_async__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7253);
/* harmony import */ var _file_chunks__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2541);




/**
 * Decodes a file's chunks as UTF-8, refusing bytes that are not: a Latin-1 or Windows-1252 file
 * would otherwise have every accented letter turned into U+FFFD and be scored on the damage.
 * A leading byte order mark is dropped (editors on Windows write one).
 */
class Utf8Chunks {
    file;
    what;
    decoder = new TextDecoder('utf-8', { fatal: true });
    constructor(file, what) {
        this.file = file;
        this.what = what;
    }
    /** The text of `chunk`; rejects with the file and line of the first byte that is not UTF-8. */
    async decode(chunk, last = false) {
        try {
            return this.decoder.decode(chunk, { stream: !last });
        }
        catch {
            throw await notUtf8(this.file, this.what);
        }
    }
}
/** Where the first invalid byte is: read again only on failure, so the common case pays nothing. `shown` names the file in the message. */
async function notUtf8(file, what, shown = file) {
    const at = await firstInvalidUtf8(file);
    const where = at ? `${shown}:${at.line}` : shown;
    if (await startsWithUtf16Mark(file)) {
        return new _errors__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`${shown}: ${what} is UTF-16 (it starts with UTF-16's byte order mark), not UTF-8; save it as UTF-8 (e.g. iconv -f utf-16 -t utf-8 in > out)`);
    }
    const detail = at ? ` (byte 0x${at.byte.toString(16).toUpperCase().padStart(2, '0')} at character ${at.column})` : '';
    return new _errors__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`${where}: ${what} is not valid UTF-8${detail}; save it as UTF-8 (e.g. iconv -f latin1 -t utf-8 in > out)`);
}
/** FF FE or FE FF: what Windows tools (PowerShell's Out-File, Excel's "Unicode text") write. */
async function startsWithUtf16Mark(file) {
    const handle = await (0,_fs_async__WEBPACK_IMPORTED_MODULE_2__/* .open */ .ho)(file);
    try {
        const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
        return bytesRead === 2 && ((buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff));
    }
    finally {
        await handle.close();
    }
}
async function firstInvalidUtf8(file) {
    let line = 1;
    let pending = [];
    // A line break (0x0A) never occurs inside a multi-byte sequence, so lines are checked alone.
    const check = (bytes) => {
        if ((0,node_buffer__WEBPACK_IMPORTED_MODULE_0__.isUtf8)(bytes))
            return undefined;
        const at = firstInvalidIndex(bytes);
        return { line, column: bytes.subarray(0, at).toString('utf8').replace(/^\uFEFF/, '').length + 1, byte: bytes[at] ?? 0 };
    };
    for await (const chunk of (0,_file_chunks__WEBPACK_IMPORTED_MODULE_3__/* .fileChunks */ .T)(file)) {
        let from = 0;
        for (let end = chunk.indexOf(0x0a); end !== -1; end = chunk.indexOf(0x0a, from)) {
            const found = check(Buffer.concat([...pending, chunk.subarray(from, end)]));
            if (found)
                return found;
            pending = [];
            line++;
            from = end + 1;
        }
        // A copy: the next chunk is read into the same buffer.
        pending.push(Buffer.from(chunk.subarray(from)));
    }
    return check(Buffer.concat(pending));
}
function firstInvalidIndex(bytes) {
    for (let i = 0; i < bytes.length;) {
        const b = bytes[i];
        const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
        if (length === 0 || (length > 1 && !(0,node_buffer__WEBPACK_IMPORTED_MODULE_0__.isUtf8)(bytes.subarray(i, i + length))))
            return i;
        i += length;
    }
    return bytes.length;
}


/***/ }),

/***/ 9054:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ aiGatewaySchema)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2857);
/* harmony import */ var _config_zod_helpers__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3595);


/** An endpoint's AI Gateway settings (ServingEndpoint.ai_gateway in the SDK), as deploy.serving.ai_gateway writes them and the API answers them. */
const aiGatewaySchema = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_0__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({
    usage_tracking_config: zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({ enabled: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY().optional() }).optional(),
    inference_table_config: zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .unknown */ .L5J()).optional(),
    rate_limits: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({ calls: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().optional(), key: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(), renewal_period: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP() })).optional(),
    guardrails: zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .unknown */ .L5J()).optional(),
    fallback_config: zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({ enabled: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY() }).optional(),
}));


/***/ }),

/***/ 6001:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ shellConstructIn),
/* harmony export */   a: () => (/* binding */ splitCommandLine)
/* harmony export */ });
/**
 * Splits a command line into words the way a POSIX shell would, without running one: whitespace
 * separates words, '\u2026' is literal, "\u2026" keeps spaces and honours \" and \\, a backslash outside quotes
 * escapes the next character. No expansion, pipes or redirection: use `bash -c '\u2026'` for those.
 */
function splitCommandLine(line) {
    const { words, unclosed } = scan(line);
    if (unclosed)
        throw new Error(`unclosed ${unclosed} in \`${line}\``);
    return words;
}
/**
 * The first thing in the line a shell would have expanded or acted on ($VAR, `\u2026`, and |, ;, &,
 * <, > or a * glob where they stand as such), which splitting passes to the program as plain
 * text: `./deploy.sh $AGENT_RELEASE_VERSION` would deploy the version "$AGENT_RELEASE_VERSION".
 * Undefined when there is none.
 */
function shellConstructIn(line) {
    return scan(line).construct;
}
/** `$` starts an expansion when a name, a brace, a parenthesis or a special parameter follows. */
const expansion = /\$(?:[A-Za-z_]\w*|\{[^}]*\}?|\(|[0-9$#?*@!-])/y;
const operator = /\|\||&&|>>|<<|[|;&<>*]/y;
const edge = (text) => text === undefined || /\s/.test(text);
/**
 * An operator a shell would act on: one that begins or ends a word (`a && b`, `>log`, `a.sh;`),
 * or a * that begins a word or sits next to a / or a . (`*.yaml`, `k8s/*`). Inside a word
 * (`?a=1&b=2`, `weight=*`) it is more likely meant as text, which is what splitting gives it.
 */
function operatorAt(line, at) {
    const found = matchAt(operator, line, at);
    if (found === undefined)
        return undefined;
    const before = line[at - 1];
    const after = line[at + found.length];
    if (found === '*')
        return edge(before) || before === '/' || after === '.' || after === '/' ? found : undefined;
    return edge(before) || edge(after) ? found : undefined;
}
/** What `pattern` (sticky) matches at `at` in `line`, if anything. */
function matchAt(pattern, line, at) {
    pattern.lastIndex = at;
    return pattern.exec(line)?.[0];
}
function scan(line) {
    const words = [];
    let word = '';
    let inWord = false;
    let quote = null;
    let construct;
    const note = (found) => void (construct ??= found);
    for (let i = 0; i < line.length; i++) {
        const c = line.charAt(i);
        if (quote === "'") {
            if (c === "'")
                quote = null;
            else
                word += c;
        }
        else if (quote === '"') {
            if (c === '"')
                quote = null;
            else if (c === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\'))
                word += line.charAt(++i);
            else {
                if (c === '$')
                    note(matchAt(expansion, line, i));
                if (c === '`')
                    note('`');
                word += c;
            }
        }
        else if (c === "'" || c === '"') {
            quote = c;
            inWord = true;
        }
        else if (c === '\\' && i + 1 < line.length) {
            word += line.charAt(++i);
            inWord = true;
        }
        else if (/\s/.test(c)) {
            if (inWord)
                words.push(word);
            word = '';
            inWord = false;
        }
        else {
            if (c === '$')
                note(matchAt(expansion, line, i));
            if (c === '`')
                note('`');
            note(operatorAt(line, i));
            word += c;
            inWord = true;
        }
    }
    if (inWord)
        words.push(word);
    return { words, ...(quote ? { unclosed: quote } : {}), ...(construct ? { construct } : {}) };
}


/***/ }),

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CJ: () => (/* binding */ RollbackFailedError),
/* harmony export */   FO: () => (/* binding */ exitCodeOf),
/* harmony export */   Hi: () => (/* binding */ RemoteError),
/* harmony export */   K2: () => (/* binding */ ReleaseError),
/* harmony export */   WN: () => (/* binding */ cancellation),
/* harmony export */   bD: () => (/* binding */ messageOf),
/* harmony export */   cc: () => (/* binding */ CancelledError),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   eb: () => (/* binding */ UsageError),
/* harmony export */   fk: () => (/* binding */ RefusedError),
/* harmony export */   xL: () => (/* binding */ ConfigError)
/* harmony export */ });
class ReleaseError extends Error {
    constructor(message, options) {
        super(message, options);
        this.name = new.target.name;
    }
}
/** Bad flags or action inputs. */
class UsageError extends ReleaseError {
    exitCode = 2;
}
/** The configuration file is missing, malformed or invalid. */
class ConfigError extends ReleaseError {
    exitCode = 2;
}
/** An input file (dataset, summary, results, registry file) is malformed or does not fit. */
class InputError extends ReleaseError {
    exitCode = 2;
}
/** The operation was refused on purpose: a precondition did not hold. Nothing was changed. */
class RefusedError extends ReleaseError {
    exitCode = 1;
}
/** A remote peer (agent endpoint, deploy command, registry) failed after retries. */
class RemoteError extends ReleaseError {
    exitCode = 1;
}
/** A rollout failed and its automatic rollback did not finish either: the release is half-done and needs a person. */
class RollbackFailedError extends RemoteError {
    version;
    constructor(message, version) {
        super(message);
        this.version = version;
    }
}
/** The run was cancelled (SIGINT, SIGTERM) before it finished; what was done is kept and named. */
class CancelledError extends ReleaseError {
    exitCode = 130;
}
/** "cancelled (SIGINT)": a signal's abort reason as the start of a sentence, whatever the canceller passed. */
function cancellation(reason) {
    const text = messageOf(reason);
    return /^cancelled\b/i.test(text) ? text : `cancelled (${text})`;
}
function exitCodeOf(error) {
    return error instanceof ReleaseError ? error.exitCode : 1;
}
function messageOf(error) {
    return error instanceof Error ? error.message : String(error);
}


/***/ }),

/***/ 7253:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $1: () => (/* binding */ lstat),
/* harmony export */   $w: () => (/* binding */ rename),
/* harmony export */   Ck: () => (/* binding */ mkdir),
/* harmony export */   Cy: () => (/* binding */ readdir),
/* harmony export */   Kz: () => (/* binding */ realpath),
/* harmony export */   TA: () => (/* binding */ readFile),
/* harmony export */   T_: () => (/* binding */ access),
/* harmony export */   _h: () => (/* binding */ writeFile),
/* harmony export */   dJ: () => (/* binding */ stat),
/* harmony export */   ho: () => (/* binding */ open),
/* harmony export */   jV: () => (/* binding */ mkdtemp),
/* harmony export */   m3: () => (/* binding */ copyFile),
/* harmony export */   nf: () => (/* binding */ link),
/* harmony export */   rm: () => (/* binding */ rm)
/* harmony export */ });
/* unused harmony export appendFile */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_util__WEBPACK_IMPORTED_MODULE_1__);
/**
 * node:fs's promise API, without loading node:fs/promises for what node:fs's callbacks do as
 * well: that module loads readline and the file watchers as it loads, 1.4 ms of every gate's and
 * promote's start-up (bench/startup.mjs), and ncc's bundle loads it with every module that names
 * it. The same calls on the same threads, promisified; only a FileHandle (`open`) needs
 * node:fs/promises, loaded then.
 */


const access = (0,node_util__WEBPACK_IMPORTED_MODULE_1__.promisify)(node_fs__WEBPACK_IMPORTED_MODULE_0__.access);
const appendFile = (0,node_util__WEBPACK_IMPORTED_MODULE_1__.promisify)(node_fs__WEBPACK_IMPORTED_MODULE_0__.appendFile);
const copyFile = (0,node_util__WEBPACK_IMPORTED_MODULE_1__.promisify)(node_fs__WEBPACK_IMPORTED_MODULE_0__.copyFile);
const link = (0,node_util__WEBPACK_IMPORTED_MODULE_1__.promisify)(node_fs__WEBPACK_IMPORTED_MODULE_0__.link);
const lstat = (0,node_util__WEBPACK_IMPORTED_MODULE_1__.promisify)(node_fs__WEBPACK_IMPORTED_MODULE_0__.lstat);
const mkdir = (0,node_util__WEBPACK_IMPORTED_MODULE_1__.promisify)(node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdir);
const mkdtemp = (0,node_util__WEBPACK_IMPORTED_MODULE_1__.promisify)(node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdtemp);
const readdir = (0,node_util__WEBPACK_IMPORTED_MODULE_1__.promisify)(node_fs__WEBPACK_IMPORTED_MODULE_0__.readdir);
const readFile = (0,node_util__WEBPACK_IMPORTED_MODULE_1__.promisify)(node_fs__WEBPACK_IMPORTED_MODULE_0__.readFile);
// node:fs/promises resolves with the system's realpath, as this does.
const realpath = (0,node_util__WEBPACK_IMPORTED_MODULE_1__.promisify)(node_fs__WEBPACK_IMPORTED_MODULE_0__.realpath.native);
const rename = (0,node_util__WEBPACK_IMPORTED_MODULE_1__.promisify)(node_fs__WEBPACK_IMPORTED_MODULE_0__.rename);
const rm = (0,node_util__WEBPACK_IMPORTED_MODULE_1__.promisify)(node_fs__WEBPACK_IMPORTED_MODULE_0__.rm);
const stat = (0,node_util__WEBPACK_IMPORTED_MODULE_1__.promisify)(node_fs__WEBPACK_IMPORTED_MODULE_0__.stat);
const writeFile = (0,node_util__WEBPACK_IMPORTED_MODULE_1__.promisify)(node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFile);
function open(...args) {
    return process.getBuiltinModule('node:fs/promises').open(...args);
}


/***/ }),

/***/ 6086:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  B2: () => (/* binding */ baselineRules),
  aC: () => (/* binding */ checkResultsMatchSummary),
  Mi: () => (/* binding */ comparisonInputsSchema),
  by: () => (/* binding */ increaseInputsSchema)
});

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(2857);
// EXTERNAL MODULE: ./src/contract/summary.ts
var contract_summary = __webpack_require__(1938);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/stats/index.ts + 6 modules
var stats = __webpack_require__(4263);
// EXTERNAL MODULE: ./src/gate/example-changes.ts
var example_changes = __webpack_require__(489);
// EXTERNAL MODULE: ./src/gate/scores.ts + 1 modules
var gate_scores = __webpack_require__(9021);
;// CONCATENATED MODULE: ./src/gate/pairing.ts

function scoreSides(candidate, champion, examples) {
    const byIdOrder = (numbers) => {
        const names = examples.list();
        return numbers.slice().sort((a, b) => {
            const x = names[a];
            const y = names[b];
            return x < y ? -1 : x > y ? 1 : 0;
        });
    };
    let shared;
    const sharedExamples = () => (shared ??= (0,gate_scores/* scoredBy */.AO)(champion, candidate.order));
    return {
        candidate: (0,gate_scores/* scoresInOrder */.PM)(candidate),
        champion: (0,gate_scores/* scoresInOrder */.PM)(champion),
        shared: () => sharedExamples().length,
        paired: (byId) => {
            const numbers = byId ? byIdOrder(sharedExamples()) : sharedExamples();
            return [(0,gate_scores/* scoresOf */.xt)(candidate, numbers), (0,gate_scores/* scoresOf */.xt)(champion, numbers)];
        },
        sortedById: (byId) => [(0,gate_scores/* scoresOf */.xt)(candidate, byId ? byIdOrder(candidate.order) : candidate.order), (0,gate_scores/* scoresOf */.xt)(champion, byId ? byIdOrder(champion.order) : champion.order)],
    };
}
/** Each side's scores in its own order, over the examples the other side scored too when `paired`. */
function comparedScores(side, other, paired) {
    return paired ? (0,gate_scores/* scoresOf */.xt)(side, (0,gate_scores/* scoredBy */.AO)(other, side.order)) : (0,gate_scores/* scoresInOrder */.PM)(side);
}

// EXTERNAL MODULE: ./src/config/zod-helpers.ts
var zod_helpers = __webpack_require__(3595);
;// CONCATENATED MODULE: ./src/gate/baseline.ts
/**
 * The baseline rule: the candidate against the champion (the holder of the baseline alias), on
 * the same dataset, one rule result per metric in `gate.baseline.max_drop`.
 *
 * Decisions, and why:
 * - No holder (first release), or the candidate is the holder: skipped with a note, never failed.
 * - The holder's evaluation cannot be found: the rule fails (blocks) and says where it looked;
 *   the rest of the decision is still recorded, so the table shows every other rule.
 * - A different dataset digest: the rule fails, naming both digests. Means over different
 *   examples say nothing about a drop, and "inconclusive" would let the default policy (warn)
 *   wave every release through after a dataset change; re-evaluating the champion fixes it.
 * - A malformed baseline file is an input error (exit 2, nothing written), exactly like a
 *   malformed candidate file: never a pass.
 * - A metric missing on either side follows `gate.missing_metric` (fail by default).
 */








const meanSchema = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* object */.Ikc({ mean: schemas/* number */.aig(), n: schemas/* number */.aig(), ci: contract_summary/* intervalSchema */.xJ }));
/** What a compared metric's rule carries in `inputs` (and so in decision.json); the report reads it back. */
const comparisonInputsSchema = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* object */.Ikc({
    alias: schemas/* string */.YjP(),
    champion_version: schemas/* string */.YjP(),
    scorer: schemas/* object */.Ikc({ candidate: schemas/* string */.YjP(), champion: schemas/* string */.YjP() }),
    kind: schemas/* enum */.k5n(['binary', 'continuous']),
    method: schemas/* string */.YjP(),
    paired: schemas/* boolean */.zMY(),
    note: schemas/* string */.YjP().optional(),
    n: schemas/* object */.Ikc({ candidate: schemas/* number */.aig(), champion: schemas/* number */.aig(), pairs: schemas/* number */.aig() }),
    candidate: meanSchema,
    champion: meanSchema,
    difference: schemas/* number */.aig(),
    difference_ci: contract_summary/* intervalSchema */.xJ,
    mcnemar_p_value: schemas/* number */.aig().optional(),
    max_drop: schemas/* number */.aig(),
    confidence: schemas/* number */.aig(),
    verdict: schemas/* enum */.k5n(['pass', 'fail', 'inconclusive']),
    inconclusive_policy: schemas/* enum */.k5n(['fail', 'pass', 'warn']),
    applied: schemas/* enum */.k5n(['pass', 'fail', 'warn']),
    dataset_digest: schemas/* string */.YjP(),
}));
/** What a spend comparison's rule (gate.baseline.max_increase) carries in `inputs`. */
const increaseInputsSchema = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* object */.Ikc({
    alias: schemas/* string */.YjP(),
    champion_version: schemas/* string */.YjP(),
    method: schemas/* string */.YjP(),
    paired: schemas/* boolean */.zMY(),
    note: schemas/* string */.YjP().optional(),
    n: schemas/* object */.Ikc({ candidate: schemas/* number */.aig(), champion: schemas/* number */.aig(), pairs: schemas/* number */.aig() }),
    candidate_mean: schemas/* number */.aig(),
    champion_mean: schemas/* number */.aig(),
    /** candidate / champion \u2212 1. */
    increase: schemas/* number */.aig(),
    increase_ci: contract_summary/* intervalSchema */.xJ,
    max_increase: schemas/* number */.aig(),
    confidence: schemas/* number */.aig(),
    verdict: schemas/* enum */.k5n(['pass', 'fail', 'inconclusive']),
    inconclusive_policy: schemas/* enum */.k5n(['fail', 'pass', 'warn']),
    applied: schemas/* enum */.k5n(['pass', 'fail', 'warn']),
    dataset_digest: schemas/* string */.YjP(),
}));
async function baselineRules(options) {
    const { alias, holder, model, version, candidate } = options;
    const lookup = await options.source.find({ model, alias, holder, candidateVersion: version, datasetDigest: candidate.summary.dataset.digest });
    const base = { alias, holder, source: options.source.kind };
    if (lookup.kind === 'none')
        return { rules: [{ rule: 'baseline', passed: true, warning: false, reason: lookup.reason, inputs: { ...base, skipped: true } }], digests: {}, champion: null };
    if (lookup.kind === 'missing')
        return { rules: [{ rule: 'baseline', passed: false, warning: false, reason: lookup.reason, inputs: base }], digests: {}, champion: null };
    try {
        return await compareWith(lookup, options);
    }
    finally {
        await lookup.cleanup?.();
    }
}
async function compareWith(lookup, options) {
    const { alias, holder, model, candidate, show } = options;
    const base = { alias, holder, source: options.source.kind };
    const summaryShown = lookup.shownAs?.summary ?? show(lookup.summaryFile);
    const resultsShown = lookup.shownAs?.results ?? show(lookup.resultsFile);
    const summary = await asBaselineInput(() => (0,contract_summary/* readSummary */.L_)(lookup.summaryFile));
    const digests = { [summaryShown]: await options.digest(lookup.summaryFile) };
    const champion = { alias, version: summary.model.version, summaryPath: summaryShown, resultsPath: resultsShown };
    const fail = (reason, inputs = {}) => ({
        rules: [{ rule: 'baseline', passed: false, warning: false, reason, inputs: { ...base, baseline_summary: summaryShown, ...inputs } }],
        digests,
        champion,
    });
    if (summary.shard) {
        throw new errors/* InputError */.dz(`${summaryShown} (the baseline) is shard ${summary.shard.index}/${summary.shard.count} of a sharded evaluation; compare with the merged summary of all ${summary.shard.count} shards`);
    }
    if (lookup.expectedVersion !== null && (summary.model.name !== model || summary.model.version !== lookup.expectedVersion)) {
        return fail(`${summaryShown} is the evaluation of ${summary.model.name} version ${summary.model.version}, but @${alias} is held by ${model} version ${lookup.expectedVersion}; evaluate version ${lookup.expectedVersion} again (agent-release evaluate --model-version ${lookup.expectedVersion})`, { baseline_model: summary.model });
    }
    const candidateDigest = candidate.summary.dataset.digest;
    const championDigest = summary.dataset.digest;
    if (championDigest !== candidateDigest) {
        return fail(`the champion (version ${summary.model.version}, ${summaryShown}) was evaluated on dataset ${summary.dataset.name} ${championDigest}, the candidate on ${candidate.summary.dataset.name} ${candidateDigest}; means over different examples cannot show a drop. Evaluate version ${summary.model.version} on the candidate's dataset, or point gate.baseline.summary_path at an evaluation on it`, { candidate_dataset_digest: candidateDigest, champion_dataset_digest: championDigest });
    }
    const scores = await asBaselineInput(async () => {
        const read = await (0,gate_scores/* readScores */.oK)(lookup.resultsFile, resultsShown, 'baseline results', { examples: candidate.scores.examples, expectedIds: summary.dataset.rows });
        checkResultsMatchSummary(read, summary, summaryShown);
        return read;
    });
    digests[resultsShown] = scores.digest;
    const rules = Object.entries(options.config.max_drop).map(([metric, maxDrop]) => compareMetric({ ...options, metric, maxDrop, champion: { summary, scores }, championVersion: summary.model.version }));
    for (const [metric, maxIncrease] of Object.entries(options.config.max_increase ?? {})) {
        rules.push(compareSpend({ ...options, metric: metric, maxIncrease, champion: scores, championVersion: summary.model.version }));
    }
    // Read while the champion's files are still here (a remote source removes its copies after).
    const changes = await (0,example_changes/* exampleChanges */.k8)({ scores: candidate.scores, file: candidate.resultsFile }, { scores, file: lookup.resultsFile });
    return { rules, digests, champion, changes };
}
/**
 * Both files must come from one evaluation. Example ids are unique in a dataset, so a results
 * file holds exactly the summary's rows as distinct ids (repeats share an id).
 */
function checkResultsMatchSummary(scores, summary, summaryFile) {
    if (scores.ids !== summary.dataset.rows) {
        throw new errors/* InputError */.dz(`${scores.file} has ${scores.ids} distinct example ids, but ${summaryFile} says the evaluation covered ${summary.dataset.rows} examples; the two files are not from the same evaluation (or one is incomplete)`);
    }
}
function compareMetric(o) {
    const against = `against @${o.alias} v${o.championVersion}`;
    const names = scorerNames(o.metric, o.gate.metric_aliases[o.metric] ?? []);
    const found = { candidate: pick(o.candidate.scores, names), champion: pick(o.champion.scores, names) };
    for (const side of ['candidate', 'champion']) {
        if (found[side] !== undefined)
            continue;
        const scores = side === 'candidate' ? o.candidate.scores : o.champion.scores;
        const warning = o.gate.missing_metric === 'warn';
        const present = [...scores.byScorer.keys()];
        const tried = names.length > 1 ? ` (tried ${names.map((n) => `"${n}"`).join(', ')})` : '';
        return {
            rule: 'baseline',
            metric: o.metric,
            passed: warning,
            warning,
            reason: `${against}: ${o.metric} cannot be compared: ${side === 'candidate' ? "the candidate's" : "the champion's"} results ${scores.file} have no "${names[0]}" scores${tried}; scorers present: ${present.join(', ') || 'none'}. Map the name with gate.metric_aliases or make the evaluator score it`,
            inputs: { alias: o.alias, champion_version: o.championVersion, max_drop: o.maxDrop, missing: side, present },
        };
    }
    const candidate = found.candidate;
    const champion = found.champion;
    const graded = declaredGraded(o.candidate.summary, candidate.name) || declaredGraded(o.champion.summary, champion.name);
    const kind = !graded && (0,gate_scores/* isBinary */.Go)(candidate.scores, champion.scores) ? 'binary' : 'continuous';
    const files = `${o.candidate.scores.file} and ${o.champion.scores.file}`;
    let inputs;
    let reason;
    try {
        const comparison = (0,stats/* compareScores */.fW)(scoreSides(candidate.scores, champion.scores, o.candidate.scores.examples), { kind, confidence: o.config.confidence });
        const decision = (0,stats/* decideDrop */.eg)(comparison, { metric: o.metric, maxDrop: o.maxDrop, inconclusive: o.config.inconclusive });
        const [candidateMean, championMean] = comparedMeans(comparison, candidate.scores, champion.scores, o.config.confidence);
        inputs = {
            alias: o.alias,
            champion_version: o.championVersion,
            scorer: { candidate: candidate.name, champion: champion.name },
            kind,
            method: comparison.method,
            paired: comparison.paired,
            ...(comparison.note ? { note: comparison.note } : {}),
            n: comparison.n,
            candidate: candidateMean,
            champion: championMean,
            difference: comparison.difference,
            difference_ci: comparison.ci,
            ...(comparison.mcnemarPValue !== undefined ? { mcnemar_p_value: comparison.mcnemarPValue } : {}),
            max_drop: o.maxDrop,
            confidence: o.config.confidence,
            verdict: decision.verdict,
            inconclusive_policy: o.config.inconclusive,
            applied: decision.applied,
            dataset_digest: o.candidate.summary.dataset.digest,
        };
        reason = `${against}: ${decision.reason}`;
    }
    catch (error) {
        if (error instanceof errors/* ReleaseError */.K2)
            throw error;
        throw new errors/* InputError */.dz(`cannot compare ${o.metric} between ${files}: ${error.message}`);
    }
    const { candidate: c, champion: h, difference_ci: d } = inputs;
    const numbers = [c.mean, c.ci.low, c.ci.high, h.mean, h.ci.low, h.ci.high, inputs.difference, d.low, d.high];
    if (!numbers.every(Number.isFinite)) {
        // A bootstrap over astronomically large scores overflows; never let NaN fall through to a verdict.
        throw new errors/* InputError */.dz(`cannot compare ${o.metric} between ${files}: the scores are too large to average (the means or their interval overflow); scores must be ordinary numbers such as 0\u20131 grades`);
    }
    return { rule: 'baseline', metric: o.metric, passed: inputs.applied !== 'fail', warning: inputs.applied === 'warn', reason, inputs };
}
/**
 * Tokens or cost per example against the champion's, as a ratio (see stats/increase.ts). A side
 * whose results carry no usage (or no cost) cannot be compared and follows gate.missing_metric.
 */
function compareSpend(o) {
    const against = `against @${o.alias} v${o.championVersion}`;
    const key = o.metric === 'tokens/mean' ? 'tokens' : 'cost';
    const sides = { candidate: o.candidate.scores.spend[key], champion: o.champion.spend[key] };
    for (const side of ['candidate', 'champion']) {
        if (sides[side].order.length > 0)
            continue;
        const file = side === 'candidate' ? o.candidate.scores.file : o.champion.file;
        const warning = o.gate.missing_metric === 'warn';
        const what = key === 'tokens' ? 'token usage (the endpoint reported none)' : 'cost (set evaluate.cost.prices, and the endpoint must report usage)';
        return {
            rule: 'baseline',
            metric: o.metric,
            passed: warning,
            warning,
            reason: `${against}: ${o.metric} cannot be compared: ${side === 'candidate' ? "the candidate's" : "the champion's"} results ${file} carry no ${what}`,
            inputs: { alias: o.alias, champion_version: o.championVersion, max_increase: o.maxIncrease, missing: side },
        };
    }
    let comparison;
    try {
        comparison = (0,stats/* compareIncreaseOf */.J6)(scoreSides(sides.candidate, sides.champion, o.candidate.scores.examples), { confidence: o.config.confidence });
    }
    catch (error) {
        throw new errors/* InputError */.dz(`cannot compare ${o.metric} between ${o.candidate.scores.file} and ${o.champion.file}: ${error.message}`);
    }
    const decision = (0,stats/* decideIncrease */.Ht)(comparison, { metric: o.metric, maxIncrease: o.maxIncrease, inconclusive: o.config.inconclusive });
    const inputs = {
        alias: o.alias,
        champion_version: o.championVersion,
        method: comparison.method,
        paired: comparison.paired,
        ...(comparison.note ? { note: comparison.note } : {}),
        n: comparison.n,
        candidate_mean: comparison.candidateMean,
        champion_mean: comparison.championMean,
        increase: comparison.increase,
        increase_ci: comparison.ci,
        max_increase: o.maxIncrease,
        confidence: o.config.confidence,
        verdict: decision.verdict,
        inconclusive_policy: o.config.inconclusive,
        applied: decision.applied,
        dataset_digest: o.candidate.summary.dataset.digest,
    };
    return { rule: 'baseline', metric: o.metric, passed: decision.applied !== 'fail', warning: decision.applied === 'warn', reason: `${against}: ${decision.reason}`, inputs };
}
/** `contains/mean` \u2192 scorer `contains`; aliases that name a mean are tried after it, in order. */
function scorerNames(metric, aliases) {
    return [metric, ...aliases].filter((name) => name.endsWith('/mean')).map((name) => name.slice(0, -'/mean'.length));
}
function pick(scores, names) {
    for (const name of names) {
        const found = scores.byScorer.get(name);
        if (found && found.order.length > 0)
            return { name, scores: found };
    }
    return undefined;
}
/** Each side's mean with its own interval, over the rows the comparison used (the pairs, when paired). */
/**
 * Whether the evaluation declared the scorer graded (a bootstrap interval on its mean): a graded
 * score such as tool_calls.f1 that happens to be all 0s and 1s is still compared by bootstrap, not
 * as pass/fail. A summary that says nothing (bring your own evaluator) leaves it to the values.
 */
function declaredGraded(summary, scorer) {
    return summary.metrics[`${scorer}/mean`]?.ci?.method.startsWith('bootstrap') === true;
}
function comparedMeans(comparison, candidate, champion, confidence) {
    const rows = (side, other) => comparedScores(side, other, comparison.paired);
    const one = (values) => {
        const m = (0,stats/* meanWithInterval */.NO)(values, { kind: comparison.kind, confidence });
        return { mean: m.mean, n: m.n, ci: m.ci };
    };
    return [one(rows(candidate, champion)), one(rows(champion, candidate))];
}
/** A malformed champion file is named as the baseline, so nobody goes looking in the candidate's files. */
async function asBaselineInput(read) {
    try {
        return await read();
    }
    catch (error) {
        if (error instanceof errors/* InputError */.dz)
            throw new errors/* InputError */.dz(`the baseline (the champion's evaluation) cannot be used: ${error.message}`, { cause: error });
        throw error;
    }
}


/***/ }),

/***/ 489:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   k8: () => (/* binding */ exampleChanges)
/* harmony export */ });
/* unused harmony exports changeLimits, shownChars, cut */
/* harmony import */ var _contract_jsonl__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2047);
/* harmony import */ var _contract_results__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(116);
/* harmony import */ var _scores__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9021);



/** Shown at most; the counts cover all. A summary is read by a person: past this the files are the place. */
const changeLimits = { worse: 40, better: 10 };
/** Each text is cut here, at a character, with an ellipsis. */
const shownChars = 240;
/**
 * Compares per scorer and example. Newly failing: a pass/fail scorer went from pass to fail, or
 * the example scored on the champion and has no score at all on the candidate (it errored).
 * Worse: some score dropped. Better: some score rose and none dropped.
 */
async function exampleChanges(candidate, champion) {
    const { examples } = candidate.scores;
    if (champion.scores.examples !== examples)
        throw new Error("the champion's results must be read with the candidate's example numbers (readScores options.examples)");
    const ids = examples.list();
    const changes = new Map();
    const scorers = [...candidate.scores.byScorer.keys()].filter((s) => champion.scores.byScorer.has(s));
    for (const scorer of scorers) {
        const before = champion.scores.byScorer.get(scorer);
        const after = candidate.scores.byScorer.get(scorer);
        for (const example of before.order) {
            const was = (0,_scores__WEBPACK_IMPORTED_MODULE_2__/* .scoreOf */ .uw)(before, example);
            const now = (0,_scores__WEBPACK_IMPORTED_MODULE_2__/* .isScored */ .Lo)(after, example) ? (0,_scores__WEBPACK_IMPORTED_MODULE_2__/* .scoreOf */ .uw)(after, example) : null;
            if (now !== null && Math.abs(now - was) < 1e-9)
                continue;
            push(changes, example, { scorer, champion: was, candidate: now });
        }
        for (const example of after.order)
            if (!(0,_scores__WEBPACK_IMPORTED_MODULE_2__/* .isScored */ .Lo)(before, example))
                push(changes, example, { scorer, champion: null, candidate: (0,_scores__WEBPACK_IMPORTED_MODULE_2__/* .scoreOf */ .uw)(after, example) });
    }
    const ranked = [];
    for (const [example, scores] of changes) {
        const id = ids[example];
        const erroredNow = scores.every((s) => s.candidate === null) && scores.some((s) => s.champion !== null) && !scorers.some((s) => (0,_scores__WEBPACK_IMPORTED_MODULE_2__/* .isScored */ .Lo)(candidate.scores.byScorer.get(s), example));
        const flipped = scores.some((s) => s.champion === 1 && s.candidate === 0);
        const drop = scores.reduce((sum, s) => sum + (s.champion !== null && s.candidate !== null ? Math.max(0, s.champion - s.candidate) : 0), 0);
        const gain = scores.reduce((sum, s) => sum + (s.champion !== null && s.candidate !== null ? Math.max(0, s.candidate - s.champion) : 0), 0);
        const kind = flipped || erroredNow ? 'newly_failing' : drop > 0 ? 'worse' : gain > 0 ? 'better' : null;
        if (kind)
            ranked.push({ id, kind, scores, weight: erroredNow ? Infinity : drop - gain });
    }
    const order = { newly_failing: 0, worse: 1, better: 2 };
    ranked.sort((a, b) => order[a.kind] - order[b.kind] || b.weight - a.weight || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const counts = { newly_failing: 0, worse: 0, better: 0 };
    for (const r of ranked)
        counts[r.kind]++;
    const picked = [...ranked.filter((r) => r.kind !== 'better').slice(0, changeLimits.worse), ...ranked.filter((r) => r.kind === 'better').slice(0, changeLimits.better)];
    const wanted = new Set(picked.map((r) => r.id));
    const rows = await firstRows(candidate.file, wanted);
    const championRows = await firstRows(champion.file, wanted);
    const shown = picked.map((r) => describe(r, rows.get(r.id), championRows.get(r.id)));
    return { shown, counts };
}
function push(map, example, change) {
    const list = map.get(example);
    if (list)
        list.push(change);
    else
        map.set(example, [change]);
}
/** The first row of each wanted id (with repeats, the first run), streamed. */
async function firstRows(file, wanted) {
    const found = new Map();
    if (wanted.size === 0)
        return found;
    // The quick check, as in readScores: the wanted rows may be the last of a million.
    for await (const { value } of (0,_contract_jsonl__WEBPACK_IMPORTED_MODULE_0__/* .readJsonl */ .f)(file, _contract_results__WEBPACK_IMPORTED_MODULE_1__/* .resultSchema */ .FD, 'results', { quick: _contract_results__WEBPACK_IMPORTED_MODULE_1__/* .isPlainResult */ .uP })) {
        if (wanted.has(value.id) && !found.has(value.id))
            found.set(value.id, value);
        if (found.size === wanted.size)
            break;
    }
    return found;
}
function describe(r, row, championRow) {
    const reasons = r.kind === 'newly_failing' ? (row?.reasons ?? {}) : {};
    const scores = r.scores.map((s) => (reasons[s.scorer] === undefined ? s : { ...s, reason: cut(reasons[s.scorer]) }));
    const shownRow = row ?? championRow;
    const turn = shownRow?.turns?.at(-1);
    const change = { id: r.id, kind: r.kind, scores, input: cut(asText(turn ? turn.input : shownRow?.inputs)), answer: cut(asText(row?.outputs ?? null)) };
    // A conversation row's inputs are its turns as written (expected answers, tool results and all): it shows the last turn played.
    if (turn)
        change.turn = { number: turn.turn, of: Array.isArray(shownRow?.inputs) ? shownRow.inputs.length : turn.turn };
    const expected = turn?.expected ?? row?.expected ?? championRow?.expected;
    if (expected !== undefined)
        change.expected = cut(asText(expected));
    const championAnswer = championRow?.outputs === null || championRow?.outputs === undefined ? undefined : cut(asText(championRow.outputs));
    if (championAnswer !== undefined && championAnswer !== change.answer)
        change.championAnswer = championAnswer;
    const toolCalls = callsOf(row);
    if (toolCalls)
        change.toolCalls = toolCalls;
    const championCalls = callsOf(championRow);
    if (championCalls && championCalls.join('\n') !== toolCalls?.join('\n'))
        change.championToolCalls = championCalls;
    if (row?.error !== undefined)
        change.error = cut(row.error);
    return change;
}
function callsOf(row) {
    return row?.tool_calls?.map((call) => cut(`${call.name}(${call.arguments === undefined ? '' : asText(call.arguments)})`, 120));
}
/** A conversation as its last user turn's text when it is one; other values as JSON. */
function asText(value) {
    if (typeof value === 'string')
        return value;
    if (value === null || value === undefined)
        return '';
    const messages = Array.isArray(value) ? value : value.messages;
    if (Array.isArray(messages)) {
        const last = [...messages].reverse().find((m) => typeof m === 'object' && m !== null && m.role === 'user' && typeof m.content === 'string');
        if (last)
            return messages.length > 1 ? `\u2026 user: ${last.content}` : last.content;
    }
    return JSON.stringify(value);
}
function cut(text, max = shownChars) {
    const flat = text.replace(/\s+/g, ' ').trim();
    const chars = [...flat];
    return chars.length > max ? `${chars.slice(0, max - 1).join('')}\u2026` : flat;
}


/***/ }),

/***/ 9021:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Go: () => (/* binding */ isBinary),
  Lo: () => (/* binding */ isScored),
  oK: () => (/* binding */ readScores),
  uw: () => (/* binding */ scoreOf),
  AO: () => (/* binding */ scoredBy),
  PM: () => (/* binding */ scoresInOrder),
  xt: () => (/* binding */ scoresOf)
});

// EXTERNAL MODULE: ./src/fs-async.ts
var fs_async = __webpack_require__(7253);
// EXTERNAL MODULE: ./src/contract/jsonl.ts
var jsonl = __webpack_require__(2047);
// EXTERNAL MODULE: ./src/contract/results.ts
var results = __webpack_require__(116);
// EXTERNAL MODULE: ./src/errors.ts
var src_errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/fnv.ts
var fnv = __webpack_require__(4673);
;// CONCATENATED MODULE: ./src/gate/example-ids.ts

/**
 * Example ids numbered in the order first seen, shared by the two files of one comparison: the
 * scores sit in typed arrays under these numbers, so a million examples cost a few bytes each
 * per scorer, and a champion row pairs with the candidate's by number.
 *
 * The ids are found through an open-addressing table of numbers rather than a Map: sized up
 * front from the summary, it never rehashes while a file of the expected size is read, and it
 * holds 8 bytes per id where a Map holds about 30; a million inserts into a Map were a fifth of
 * the gate's time.
 */
class ExampleIds {
    ids = [];
    /** By number: the id's hash, so growing the table does not hash again. */
    hashes;
    /** number + 1 at each id's slot; 0 is empty. */
    slots;
    constructor(expected = 0) {
        const capacity = Math.max(1024, Math.min(expected, 1 << 26));
        this.hashes = new Int32Array(capacity);
        this.slots = new Int32Array(tableSizeFor(capacity));
    }
    numberOf(id) {
        const hash = hashOf(id);
        const mask = this.slots.length - 1;
        let slot = hash & mask;
        for (let held = this.slots[slot]; held !== 0; held = this.slots[slot]) {
            if (this.ids[held - 1] === id)
                return held - 1;
            slot = (slot + 1) & mask;
        }
        const number = this.ids.length;
        this.ids.push(id);
        if (number === this.hashes.length) {
            const hashes = new Int32Array(number * 2);
            hashes.set(this.hashes);
            this.hashes = hashes;
        }
        this.hashes[number] = hash;
        this.slots[slot] = number + 1;
        if (this.ids.length * 2 > this.slots.length)
            this.rehash();
        return number;
    }
    /**
     * A reader that expects the ids in about the order they were numbered (a champion evaluated
     * over the same dataset, its rows written as they completed): each row is checked against the
     * id after the previous row's, one string comparison, and only a row out of that order is
     * looked up. The number is right either way.
     */
    cursor() {
        let next = 0;
        return (id) => {
            if (id === this.ids[next])
                return next++;
            const number = this.numberOf(id);
            next = number + 1;
            return number;
        };
    }
    get size() {
        return this.ids.length;
    }
    /** Ids by number. */
    list() {
        return this.ids;
    }
    rehash() {
        const slots = new Int32Array(this.slots.length * 2);
        const mask = slots.length - 1;
        for (let number = 0; number < this.ids.length; number++) {
            let slot = this.hashes[number] & mask;
            while (slots[slot] !== 0)
                slot = (slot + 1) & mask;
            slots[slot] = number + 1;
        }
        this.slots = slots;
    }
}
/** A power of two at least twice `ids`, so probes stay short. */
function tableSizeFor(ids) {
    let size = 2048;
    while (size < ids * 2)
        size *= 2;
    return size;
}
/** FNV-1a over the UTF-16 code units, then murmur3's finaliser so the low bits (the slot) mix well. */
function hashOf(id) {
    let hash = (0,fnv/* fnv1a */.P)(id);
    hash ^= hash >>> 16;
    hash = Math.imul(hash, 0x85ebca6b);
    hash ^= hash >>> 13;
    hash = Math.imul(hash, 0xc2b2ae35);
    return hash ^ (hash >>> 16);
}

// EXTERNAL MODULE: ./src/hash/sha256.ts
var sha256 = __webpack_require__(6813);
;// CONCATENATED MODULE: ./src/gate/scores.ts






/** An example's score: the mean of its scored rows (repeats averaged). */
function scoreOf(scores, example) {
    return scores.totals[example] / scores.counts[example];
}
function isScored(scores, example) {
    return example < scores.counts.length && scores.counts[example] > 0;
}
/** The shortest row resultSchema accepts is longer: `{"id":"a","inputs":0,"outputs":0,"scores":{},"latency_ms":0}`. */
const minimalRowBytes = 32;
/**
 * Streams a results.jsonl once into per-scorer sums by example number, hashing it on the way.
 * Rows are never held, so memory grows with examples \u00d7 scorers (about 16 bytes each), not
 * with the file's size.
 */
async function readScores(file, shownFile, what, options = {}) {
    // No file holds more ids than it has minimal rows, so a summary that overstates its rows costs nothing.
    const expected = options.expectedIds ? Math.min(options.expectedIds, await mostRows(file)) : 0;
    const examples = options.examples ?? new ExampleIds(expected);
    const numberOf = examples.cursor();
    const sums = new Map();
    const hash = (0,sha256/* createSha256 */.Yg)();
    const capacity = Math.max(1024, examples.size, expected);
    const growing = () => ({ order: new Uint32Array(capacity), scored: 0, totals: new Float64Array(capacity), counts: new Uint32Array(capacity), rows: 0, repeated: false, passFail: true });
    // Made on the first row that reports spend: results without usage or cost cost nothing for it.
    let tokens;
    let cost;
    let seen = new Uint8Array(capacity);
    let ids = 0;
    let rows = 0;
    let errors = 0;
    const onRow = ({ line, value }) => {
        rows++;
        const example = numberOf(value.id);
        if (example >= seen.length)
            seen = grown(seen, example);
        if (seen[example] === 0) {
            seen[example] = 1;
            ids++;
        }
        if (value.error !== undefined) {
            errors++;
            return;
        }
        const spentTokens = value.usage?.total_tokens;
        if (spentTokens !== undefined)
            add((tokens ??= growing()), example, spentTokens);
        if (value.cost !== undefined)
            add((cost ??= growing()), example, value.cost);
        for (const scorer in value.scores) {
            const score = value.scores[scorer];
            if (score === null || score === undefined)
                continue;
            let entry = sums.get(scorer);
            if (!entry) {
                entry = growing();
                sums.set(scorer, entry);
            }
            if (!Number.isFinite(add(entry, example, score))) {
                throw new src_errors/* InputError */.dz(`${file}:${line}: ${what} line: scores["${scorer}"]: ${score} makes the example's total overflow; scores must be ordinary finite numbers`);
            }
            if (score !== 0 && score !== 1)
                entry.passFail = false;
        }
    };
    await (0,jsonl/* forEachJsonl */.H)(file, results/* resultSchema */.FD, what, onRow, { quick: results/* isPlainResult */.uP, hash });
    const byScorer = new Map();
    for (const [scorer, entry] of [...sums].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        byScorer.set(scorer, finished(entry));
    const spend = { tokens: tokens ? finished(tokens) : noScores(), cost: cost ? finished(cost) : noScores() };
    return { file: shownFile, digest: `sha256:${hash.digest('hex')}`, rows, ids, errors, examples, byScorer, spend };
}
/** Adds one row's value to its example's sum; returns the new sum. */
function add(entry, example, value) {
    entry.rows++;
    if (example >= entry.counts.length) {
        entry.totals = grown(entry.totals, example);
        entry.counts = grown(entry.counts, example);
    }
    const count = entry.counts[example];
    if (count === 0) {
        if (entry.scored === entry.order.length)
            entry.order = grown(entry.order, entry.scored);
        entry.order[entry.scored++] = example;
    }
    else
        entry.repeated = true;
    entry.counts[example] = count + 1;
    const total = entry.totals[example] + value;
    entry.totals[example] = total;
    return total;
}
function finished({ order, scored, totals, counts, rows, repeated, passFail }) {
    return { order: order.subarray(0, scored), totals, counts, rows, repeated, passFail };
}
function noScores() {
    return { order: new Uint32Array(0), totals: new Float64Array(0), counts: new Uint32Array(0), rows: 0, repeated: false, passFail: true };
}
/** An upper bound on the file's rows; 0 when it cannot be read (the read then says why). */
async function mostRows(file) {
    try {
        return Math.ceil((await (0,fs_async/* stat */.dJ)(file)).size / minimalRowBytes);
    }
    catch {
        return 0;
    }
}
/** A copy at least large enough to hold index `needed`, doubling so that growing stays linear. */
function grown(array, needed) {
    const bigger = new array.constructor(Math.max(array.length * 2, needed + 1));
    bigger.set(array);
    return bigger;
}
const inOrder = new WeakMap();
/**
 * The scores of a scorer in the order it first scored each example: built once and shared, as a
 * million-example comparison asks for the same array several times. Never mutated.
 */
function scoresInOrder(scores) {
    let values = inOrder.get(scores);
    if (!values) {
        values = collect(scores, scores.order);
        inOrder.set(scores, values);
    }
    return values;
}
/** The scores of the given examples, in that order (the shared in-order array when that is what they are). */
function scoresOf(scores, examples) {
    return sameExamples(examples, scores.order) ? scoresInOrder(scores) : collect(scores, examples);
}
function collect(scores, examples) {
    const values = new Array(examples.length);
    for (let i = 0; i < examples.length; i++)
        values[i] = scoreOf(scores, examples[i]);
    return values;
}
function sameExamples(a, b) {
    if (a === b)
        return true;
    if (a.length !== b.length)
        return false;
    for (let i = 0; i < a.length; i++)
        if (a[i] !== b[i])
            return false;
    return true;
}
/** The examples of `examples` that `other` scored, in the same order (`examples` itself when it scored them all). */
function scoredBy(other, examples) {
    let length = 0;
    for (const example of examples)
        if (isScored(other, example))
            length++;
    if (length === examples.length)
        return examples;
    const kept = new Uint32Array(length);
    length = 0;
    for (const example of examples)
        if (isScored(other, example))
            kept[length++] = example;
    return kept;
}
/** Pass/fail scores (every per-example score 0 or 1) are compared with exact methods; anything else by bootstrap. */
function isBinary(...sides) {
    return sides.every((side) => {
        for (const example of side.order) {
            const value = scoreOf(side, example);
            if (value !== 0 && value !== 1)
                return false;
        }
        return true;
    });
}


/***/ }),

/***/ 6813:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Yg: () => (/* binding */ createSha256),
/* harmony export */   fg: () => (/* binding */ sha256Hex)
/* harmony export */ });
/* unused harmony export nativeFromBytes */
/* harmony import */ var _wasm_hashes__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6855);

/**
 * Past this many bytes the hash moves to node:crypto. In a fresh process the module hashes 6 KB in
 * 0.6 ms and 64 KB in 2.6, where loading node:crypto and hashing costs 3.4 to 3.5 ms; from about
 * 100 KB on, node:crypto is the cheaper (bench/hashes.ts).
 */
const nativeFromBytes = 64 * 1024;
/**
 * SHA-256 as node:crypto's `createHash('sha256')` gives it, the same digest for the same bytes,
 * without loading node:crypto for the small inputs of a short run (a gate's summary, decision and
 * policy are a few kilobytes).
 */
function createSha256() {
    let pending = [];
    let pendingBytes = 0;
    let native;
    let done = false;
    const hash = {
        update(data) {
            if (done)
                throw new Error('Digest already called');
            if (native !== undefined) {
                native.update(data);
                return hash;
            }
            // A copy: a caller may refill its buffer as soon as update returns, as node:crypto allows.
            const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Uint8Array.prototype.slice.call(data);
            pending.push(bytes);
            pendingBytes += bytes.length;
            if (pendingBytes > nativeFromBytes) {
                native = process.getBuiltinModule('node:crypto').createHash('sha256');
                for (const chunk of pending)
                    native.update(chunk);
                pending = [];
            }
            return hash;
        },
        digest() {
            if (done)
                throw new Error('Digest already called');
            done = true;
            if (native !== undefined)
                return native.digest('hex');
            const bytes = Buffer.concat(pending);
            // `node --jitless` runs no WebAssembly.
            return _wasm_hashes__WEBPACK_IMPORTED_MODULE_0__/* .webAssemblyAvailable */ .aA ? (0,_wasm_hashes__WEBPACK_IMPORTED_MODULE_0__/* .wasmSha256 */ .Wb)(bytes) : process.getBuiltinModule('node:crypto').createHash('sha256').update(bytes).digest('hex');
        },
    };
    return hash;
}
/** `sha256(text)` in lowercase hex. */
function sha256Hex(data) {
    return createSha256().update(data).digest('hex');
}


/***/ }),

/***/ 3329:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ae: () => (/* binding */ serverErrorStatuses),
/* harmony export */   An: () => (/* binding */ reserveConnections),
/* harmony export */   BO: () => (/* binding */ redactUrl),
/* harmony export */   E4: () => (/* binding */ sendOnce),
/* harmony export */   F9: () => (/* reexport safe */ _errors__WEBPACK_IMPORTED_MODULE_1__.F9),
/* harmony export */   Kb: () => (/* binding */ excerpt),
/* harmony export */   Mz: () => (/* reexport safe */ _errors__WEBPACK_IMPORTED_MODULE_1__.Mz),
/* harmony export */   UB: () => (/* binding */ useProxies),
/* harmony export */   Vs: () => (/* binding */ retryAfterMs),
/* harmony export */   by: () => (/* reexport safe */ _errors__WEBPACK_IMPORTED_MODULE_1__.by),
/* harmony export */   tN: () => (/* binding */ send)
/* harmony export */ });
/* unused harmony export gatewayStatuses */
/* harmony import */ var _abort_listeners__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6721);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8549);
/* harmony import */ var _proxy__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7856);
/* harmony import */ var _retry__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8902);




// The errors live beside the client; importers keep taking them from here.

/**
 * One request, its whole body read into a string. Built on undici's dispatch with a handler that
 * collects the chunks: request() wraps every answer in a Readable stream and an AbortSignal per
 * call, which at an evaluation's rate costs a fifth of the CPU per request and most of the
 * garbage that reaches the old generation.
 */
function sendOnce(req) {
    if (!undici)
        return loadUndici().then(() => sendOnce(req));
    return new Promise((resolve, reject) => new Exchange(req, resolve, reject).start());
}
let undici;
let loading;
function loadUndici() {
    loading ??= Promise.all(/* import() */[__webpack_require__.e(163), __webpack_require__.e(349)]).then(__webpack_require__.bind(__webpack_require__, 1349)).then((modules) => (undici = modules));
    return loading;
}
/** undici, which every caller of these functions loaded by sending first. */
function loaded() {
    if (!undici)
        throw new Error('the HTTP client dispatched before undici was loaded');
    return undici;
}
/** One pool per origin, capped at what its callers reserved; through a proxy, one tunnel per connection. */
const pools = (origin, options) => new (loaded().Pool)(origin, { ...options, connections: reserved.get(String(origin)) ?? null });
let direct;
let proxies = _proxy__WEBPACK_IMPORTED_MODULE_2__/* .noProxies */ .YK;
const proxyAgents = new Map();
const routes = new Map();
/**
 * Routes later requests through the proxies in `settings` (from the environment, read by the
 * shells). Call before the first request; requests already in flight keep their route.
 */
function useProxies(settings) {
    proxies = settings;
    routes.clear();
    for (const agent of proxyAgents.values())
        void agent.close();
    proxyAgents.clear();
}
/**
 * The process's connection pools for `origin`: its own rather than undici's global dispatcher,
 * which in the action is the one @actions/core's undici 6 installs first, and which speaks an
 * older handler API.
 */
function connections(origin) {
    direct ??= { dispatcher: new (loaded().Agent)({ factory: pools }), via: null };
    if (!proxies.http && !proxies.https)
        return direct;
    let route = routes.get(origin);
    if (!route) {
        const proxy = (0,_proxy__WEBPACK_IMPORTED_MODULE_2__/* .proxyFor */ .iJ)(proxies, origin);
        const variable = proxies.variables[origin.startsWith('https:') ? 'https' : 'http'];
        route = proxy ? { dispatcher: proxyAgent(proxy), via: { host: proxy.host, variable } } : direct;
        routes.set(origin, route);
    }
    return route;
}
function proxyAgent(proxy) {
    let agent = proxyAgents.get(proxy.href);
    if (!agent) {
        // The connection to the proxy opens each tunnel with CONNECT: undici's index adds that method
        // to every dispatcher, and this client loads only the modules it uses.
        const { Pool, ProxyAgent, connectThrough } = loaded();
        const tunnels = (origin, options) => Object.assign(new Pool(origin, options), { connect: connectThrough });
        agent = new ProxyAgent({ uri: proxy.href, factory: pools, clientFactory: tunnels });
        proxyAgents.set(proxy.href, agent);
    }
    return agent;
}
const reserved = new Map();
/**
 * Caps the connections to `url`'s origin at the sum of what callers that bound their own
 * concurrency reserve (the dataset runner, a judge); other origins stay unbounded. Without a cap
 * undici opens a new connection whenever a request is dispatched before the connection that just
 * answered is marked free, as a worker sending its next request on the answer often is:
 * concurrency 32 opened 50 to 64 connections per run (and as many TLS handshakes over https).
 * Reserve before the first request: a pool is sized when it is made.
 */
function reserveConnections(url, count) {
    let origin;
    try {
        origin = target(url).origin;
    }
    catch {
        return; // the first request reports the unusable URL
    }
    reserved.set(origin, (reserved.get(origin) ?? 0) + count);
}
/** The state of one sendOnce: the undici handler, the deadline and the caller's signal. */
class Exchange {
    req;
    resolve;
    reject;
    controller;
    cancelled;
    /** The proxy the request went through, named in its errors. */
    via = null;
    timedOut = false;
    settled = false;
    status = 0;
    headers = {};
    chunks = [];
    received = 0;
    tooLarge = false;
    timer;
    /** Neighbours among the waiters on the caller's signal: one listener cancels every request under it. */
    previousWaiter = null;
    nextWaiter = null;
    constructor(req, resolve, reject) {
        this.req = req;
        this.resolve = resolve;
        this.reject = reject;
        this.timer = setTimeout(() => {
            this.timedOut = true;
            this.cancel(new DOMException(`signal timed out after ${req.timeoutMs} ms`, 'TimeoutError'));
        }, req.timeoutMs);
        this.timer.unref();
    }
    start() {
        const external = this.req.signal;
        if (external?.aborted)
            return this.onResponseError(undefined, toError(external.reason));
        if (external)
            (0,_abort_listeners__WEBPACK_IMPORTED_MODULE_0__/* .addAbortWaiter */ .m2)(external, this);
        try {
            const { origin, path } = target(this.req.url);
            const route = connections(origin);
            this.via = route.via;
            route.dispatcher.dispatch({ origin, path, method: this.req.method, headers: this.req.headers, body: this.req.body ?? null }, this);
        }
        catch (error) {
            this.onResponseError(undefined, toError(error));
        }
    }
    onRequestStart(controller) {
        this.controller = controller;
        // Cancelled while undici still queued the request: it must not go out.
        if (this.cancelled)
            controller.abort(this.cancelled);
    }
    onResponseStart(_controller, statusCode, headers) {
        this.status = statusCode;
        this.headers = headers;
        const declared = Number(headers['content-length']);
        if (this.req.maxBodyBytes !== undefined && declared > this.req.maxBodyBytes)
            this.stopReading();
    }
    onResponseData(_controller, chunk) {
        if (this.tooLarge)
            return;
        this.received += chunk.length;
        if (this.req.maxBodyBytes !== undefined && this.received > this.req.maxBodyBytes)
            return this.stopReading();
        this.chunks.push(chunk);
    }
    /** Over the cap: drop what arrived and abort, so a runaway answer costs no more memory than the cap. */
    stopReading() {
        this.tooLarge = true;
        this.chunks = [];
        this.cancel(new Error('response body over the limit'));
    }
    onResponseEnd() {
        if (!this.finish())
            return;
        const body = this.chunks.length === 1 ? this.chunks[0].toString('utf8') : Buffer.concat(this.chunks).toString('utf8');
        this.resolve({ status: this.status, headers: this.headers, body });
    }
    onResponseError(_controller, error) {
        if (!this.finish())
            return;
        const refusal = this.via ? proxyRefusal(error) : undefined;
        if (this.via && refusal !== undefined) {
            // The tunnel was refused, so the server never saw the request. A 4xx other than a timeout or
            // a rate limit will be refused again.
            const problem = proxyProblem(this.via, refusal, this.req.url);
            const transient = refusal >= 500 || refusal === 408 || refusal === 429;
            this.reject(new _errors__WEBPACK_IMPORTED_MODULE_1__/* .HttpTransportError */ .Mz('PROXY_REFUSED', false, `${this.req.method} ${redactUrl(this.req.url)}`, error, { transient, problem }));
            return;
        }
        const what = `${this.req.method} ${redactUrl(this.req.url)}${this.via ? ` (through the proxy at ${this.via.host})` : ''}`;
        if (this.tooLarge) {
            this.reject(new _errors__WEBPACK_IMPORTED_MODULE_1__/* .ResponseTooLargeError */ .by(this.status, this.req.maxBodyBytes ?? 0, what));
            return;
        }
        if (this.timedOut && !this.req.signal?.aborted) {
            this.reject(new _errors__WEBPACK_IMPORTED_MODULE_1__/* .HttpTransportError */ .Mz('TIMEOUT', true, `${what} timed out after ${this.req.timeoutMs} ms`, error));
            return;
        }
        const code = transportCode(error);
        const untrusted = certificateProblem(code);
        // The handshake failed, so the request never left; another try meets the same certificate.
        if (untrusted)
            this.reject(new _errors__WEBPACK_IMPORTED_MODULE_1__/* .HttpTransportError */ .Mz(code, false, what, error, { transient: false, problem: untrusted }));
        else
            this.reject(new _errors__WEBPACK_IMPORTED_MODULE_1__/* .HttpTransportError */ .Mz(code, code !== 'ECONNREFUSED' && code !== 'ENOTFOUND', what, error));
    }
    onAbort(reason) {
        this.cancel(reason);
    }
    cancel(reason) {
        if (this.settled || this.cancelled)
            return;
        this.cancelled = reason;
        // Not started yet: settle now; onRequestStart aborts it should undici still dispatch it.
        if (this.controller)
            this.controller.abort(reason);
        else
            this.onResponseError(undefined, reason);
    }
    /** True the first time: undici reports an abort after the end, or an error after an abort. */
    finish() {
        if (this.settled)
            return false;
        this.settled = true;
        clearTimeout(this.timer);
        if (this.req.signal)
            (0,_abort_listeners__WEBPACK_IMPORTED_MODULE_0__/* .removeAbortWaiter */ .NN)(this.req.signal, this);
        return true;
    }
}
function toError(reason) {
    return reason instanceof Error ? reason : new Error(String(reason ?? 'aborted'));
}
const targets = new Map();
/** Origin and path of a URL, parsed once per URL: an evaluation sends every request to the same one. */
function target(url) {
    let found = targets.get(url);
    if (!found) {
        const parsed = new URL(url);
        if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
            throw new (loaded().InvalidArgumentError)('Invalid URL protocol: the URL must start with `http:` or `https:`.');
        found = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
        // A handful of endpoints per process; the bound only keeps a pathological caller from growing it.
        if (targets.size >= 64)
            targets.clear();
        targets.set(url, found);
    }
    return found;
}
const gatewayStatuses = new Set([429, 502, 503, 504]);
const serverErrorStatuses = new Set([429, 500, 502, 503, 504]);
/** Sends with retries; a status outside 2xx becomes an HttpStatusError. */
async function send(req, label, options) {
    const retryOn = options.retryOn ?? gatewayStatuses;
    const idempotent = options.idempotent ?? (req.method === 'GET' || req.method === 'PUT' || req.method === 'DELETE');
    return (0,_retry__WEBPACK_IMPORTED_MODULE_3__/* .withRetries */ .LH)(label, async () => {
        const res = await sendOnce(req);
        if (res.status >= 200 && res.status < 300)
            return res;
        throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .HttpStatusError */ .F9(res.status, excerpt(res.body), retryAfterMs(res.headers['retry-after'], options.clock), label);
    }, {
        policy: options.policy ?? _retry__WEBPACK_IMPORTED_MODULE_3__/* .defaultRetryPolicy */ .ur,
        clock: options.clock,
        logger: options.logger,
        random: options.random,
        signal: req.signal,
        classify: (error) => classify(error, retryOn, idempotent),
    });
}
function classify(error, retryOn, idempotent) {
    if (error instanceof _errors__WEBPACK_IMPORTED_MODULE_1__/* .HttpStatusError */ .F9) {
        const serverDeclined = error.status === 429 || error.status === 503;
        return { retry: retryOn.has(error.status) && (idempotent || serverDeclined), afterMs: error.retryAfterMs };
    }
    if (error instanceof _errors__WEBPACK_IMPORTED_MODULE_1__/* .HttpTransportError */ .Mz)
        return { retry: error.transient && (idempotent || !error.maybeDelivered) };
    return { retry: false };
}
/** Retry-After is either delta-seconds or an HTTP date. */
function retryAfterMs(value, clock) {
    const text = Array.isArray(value) ? value[0] : value;
    if (!text)
        return undefined;
    if (/^\d+$/.test(text.trim()))
        return Number(text.trim()) * 1000;
    const date = Date.parse(text);
    return Number.isNaN(date) ? undefined : Math.max(0, date - clock.now());
}
/** Bodies can be whole HTML error pages; keep one readable line. */
function excerpt(body, max = 1000) {
    const trimmed = body.trim();
    if (/^<(!doctype|html)/i.test(trimmed))
        return '(HTML error page)';
    const oneLine = trimmed.replace(/\s+/g, ' ');
    return oneLine.length > max ? `${oneLine.slice(0, max)}\u2026` : oneLine;
}
/** URLs may carry credentials in userinfo or query; never print them. */
function redactUrl(url) {
    try {
        const parsed = new URL(url);
        if (parsed.username || parsed.password) {
            parsed.username = '***';
            parsed.password = '';
        }
        for (const key of [...parsed.searchParams.keys()]) {
            if (/token|key|secret|password|sig/i.test(key))
                parsed.searchParams.set(key, '***');
        }
        return parsed.toString();
    }
    catch {
        return url;
    }
}
/** The status a proxy answered CONNECT with, from undici's tunnelling error. */
function proxyRefusal(error) {
    for (let current = error, seen = 0; current instanceof Error && seen < 8; current = current.cause, seen++) {
        const status = /^Proxy response \((\d{3})\) !== 200/.exec(current.message)?.[1];
        if (status)
            return Number(status);
    }
    return undefined;
}
function proxyProblem(via, status, url) {
    const answered = `the proxy at ${via.host} answered ${status} to CONNECT`;
    if (status === 407)
        return `${answered}: it did not accept the credentials; give them in ${via.variable} in the URL as user:password@ before the host, percent-encoded (Basic authentication)`;
    if (status === 403)
        return `${answered}: it does not allow ${new URL(url).host}; ask for it to be allowed, or list it in NO_PROXY if it is reachable directly`;
    return answered;
}
/** The errno-style code from an undici error, its cause chain or an AggregateError's members. */
/** What a TLS certificate failure means for the user, or undefined for any other failure. */
function certificateProblem(code) {
    if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID')
        return "the server's TLS certificate is not valid now; the server must renew it";
    if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
        return "the server's TLS certificate does not name this host; use the host name the certificate was issued for";
    if (!/^(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_UNTRUSTED|CERT_SIGNATURE_FAILURE)$/.test(code))
        return undefined;
    return `the server's TLS certificate is not trusted: if your organisation's certificate authority signed it, give Node that authority's certificate with NODE_EXTRA_CA_CERTS=/path/to/ca.pem (MLFLOW_TRACKING_SERVER_CERT_PATH and MLFLOW_TRACKING_INSECURE_TLS are not read)`;
}
function transportCode(error) {
    const queue = [error];
    for (let seen = 0; queue.length > 0 && seen < 8; seen++) {
        // Duck-typed: errors from Node's core may come from another realm, where instanceof fails.
        const current = queue.shift();
        if (current === null || typeof current !== 'object')
            continue;
        if (typeof current.code === 'string' && !current.code.startsWith('UND_ERR_SOCKET'))
            return current.code;
        if (current.cause)
            queue.push(current.cause);
        if (Array.isArray(current.errors))
            queue.push(...current.errors);
    }
    const name = error?.name;
    return typeof name === 'string' ? name : 'UNKNOWN';
}


/***/ }),

/***/ 7478:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ withOneRefreshOn401),
/* harmony export */   h: () => (/* binding */ bearerToken)
/* harmony export */ });
/* harmony import */ var _client__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3329);
/* harmony import */ var _retry__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8902);


function bearerToken(token, description) {
    return { description, authorization: async () => `Bearer ${token}`, invalidate: () => { }, fixed: true };
}
/**
 * Runs `attempt` with the current Authorization header; when the server answers 401 (after the
 * retries `send` made), the refused header is invalidated and `attempt` runs once more with a
 * fresh one. A 401 means the request was refused before anything was done, so this is safe for
 * writes too. A second 401 is the caller's to report.
 */
async function withOneRefreshOn401(credentials, attempt) {
    const first = await credentials.authorization();
    try {
        return await attempt(first);
    }
    catch (error) {
        const root = error instanceof _retry__WEBPACK_IMPORTED_MODULE_1__/* .RetriesExhaustedError */ .i5 ? error.lastError : error;
        if (!(root instanceof _client__WEBPACK_IMPORTED_MODULE_0__/* .HttpStatusError */ .F9 && root.status === 401))
            throw error;
        credentials.invalidate(first);
        return attempt(await credentials.authorization());
    }
}


/***/ }),

/***/ 8549:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F9: () => (/* binding */ HttpStatusError),
/* harmony export */   Mz: () => (/* binding */ HttpTransportError),
/* harmony export */   Ri: () => (/* binding */ isTransientFailure),
/* harmony export */   by: () => (/* binding */ ResponseTooLargeError)
/* harmony export */ });
/* unused harmony export formatBytes */
/** What a request can fail with, as the HTTP client reports it. */
/** A response whose status the caller treats as failure. Keeps a short body excerpt, never a whole page. */
class HttpStatusError extends Error {
    status;
    bodyExcerpt;
    retryAfterMs;
    constructor(status, bodyExcerpt, retryAfterMs, what) {
        super(`${what}: HTTP ${status}${bodyExcerpt ? `: ${bodyExcerpt}` : ''}`);
        this.status = status;
        this.bodyExcerpt = bodyExcerpt;
        this.retryAfterMs = retryAfterMs;
        this.name = 'HttpStatusError';
    }
}
/** The request did not get a response: refused, reset, timed out, DNS, or a proxy that would not pass it on. */
class HttpTransportError extends Error {
    code;
    maybeDelivered;
    /** False when another try cannot help (a proxy refusing the credentials). */
    transient;
    /** What went wrong and what to change, when this client knows better than the cause's message. */
    problem;
    constructor(code, 
    /** True when the server may have received the request (it was sent, no answer came). */
    maybeDelivered, what, cause, options = {}) {
        const { transient = true, problem } = options;
        const detail = problem ?? cause?.message;
        super(`${what}: ${code}${code !== 'TIMEOUT' && typeof detail === 'string' && detail && !detail.includes(code) ? ` (${detail})` : ''}`, { cause });
        this.code = code;
        this.maybeDelivered = maybeDelivered;
        this.name = 'HttpTransportError';
        this.transient = transient;
        this.problem = problem;
    }
}
/** The answer's body passed the caller's cap; what arrived was dropped and the connection closed. */
class ResponseTooLargeError extends Error {
    status;
    limitBytes;
    constructor(status, limitBytes, what, advice = '') {
        super(`${what}: answered HTTP ${status} with a body larger than ${formatBytes(limitBytes)}; reading stopped there${advice}`);
        this.status = status;
        this.limitBytes = limitBytes;
        this.name = 'ResponseTooLargeError';
    }
}
/** 10485760 -> "10 MiB", for messages. */
function formatBytes(bytes) {
    for (const [unit, size] of [['GiB', 2 ** 30], ['MiB', 2 ** 20], ['KiB', 2 ** 10]]) {
        if (bytes >= size)
            return `${Number((bytes / size).toFixed(2))} ${unit}`;
    }
    return `${bytes} bytes`;
}
/**
 * Whether a failure (after the client's own retries) is the peer being away for a while, so a
 * later try may succeed: no answer, a timeout, 429 or a 5xx, anywhere down the cause chain.
 * A refusal that names the request (4xx, a malformed answer) is not: trying later changes nothing.
 */
function isTransientFailure(error) {
    const seen = new Set();
    for (let current = error; current instanceof Error && !seen.has(current); current = current.cause) {
        seen.add(current);
        if (current instanceof HttpTransportError)
            return current.transient;
        if (current instanceof HttpStatusError)
            return current.status === 429 || current.status >= 500;
        const lastError = current.lastError;
        if (lastError !== undefined && !seen.has(lastError))
            return isTransientFailure(lastError);
    }
    return false;
}


/***/ }),

/***/ 7856:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   YK: () => (/* binding */ noProxies),
/* harmony export */   iJ: () => (/* binding */ proxyFor),
/* harmony export */   kE: () => (/* binding */ proxyFromEnv)
/* harmony export */ });
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);

/** Every request goes straight to its server. */
const noProxies = { http: null, https: null, noProxy: [], bypassAll: false, variables: { http: 'HTTP_PROXY', https: 'HTTPS_PROXY' }, secrets: [] };
function proxyFromEnv(env) {
    const read = (names) => {
        for (const name of names) {
            const value = env[name]?.trim();
            if (value)
                return { name, value };
        }
        return undefined;
    };
    const secrets = [];
    const variables = { ...noProxies.variables };
    const proxyUrl = (names, scheme) => {
        const found = read(names);
        if (!found)
            return null;
        variables[scheme] = found.name;
        // The value is never quoted back: it may hold the proxy's password.
        const problem = `${found.name} is not a proxy URL: expected http://host:port or https://host:port (with user:password@ before the host if the proxy asks for them); unset it to connect directly`;
        let url;
        try {
            // host:port alone means http://host:port, as @actions/http-client and curl read it.
            url = new URL(found.value.includes('://') ? found.value : `http://${found.value}`);
        }
        catch {
            throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(problem);
        }
        if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname)
            throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(problem);
        for (const part of [url.username, url.password]) {
            try {
                decodeURIComponent(part);
            }
            catch {
                throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`${found.name}: the user or password in it is not percent-encoded; write reserved characters encoded (% as %25, @ as %40, : as %3A)`);
            }
        }
        if (url.password)
            secrets.push(url.password, decodeURIComponent(url.password));
        return url;
    };
    const http = proxyUrl(['http_proxy', 'HTTP_PROXY'], 'http');
    const https = proxyUrl(['https_proxy', 'HTTPS_PROXY'], 'https');
    const list = (read(['no_proxy', 'NO_PROXY'])?.value ?? '').split(/[\s,]+/).filter(Boolean);
    return {
        http,
        https,
        bypassAll: list.includes('*'),
        noProxy: list.filter((entry) => entry !== '*').map(noProxyEntry),
        variables,
        secrets: [...new Set(secrets)],
    };
}
function noProxyEntry(entry) {
    const withPort = /^(.+):(\d+)$/.exec(entry);
    const host = unbracketed((withPort ? withPort[1] : entry).replace(/^\*?\./, ''));
    return { host, port: withPort ? Number(withPort[2]) : null };
}
/** The proxy a request to `origin` goes through, or null to connect directly. */
function proxyFor(settings, origin) {
    const url = new URL(origin);
    const proxy = url.protocol === 'https:' ? settings.https : settings.http;
    if (!proxy || settings.bypassAll)
        return null;
    const host = unbracketed(url.hostname);
    if (isLoopback(host))
        return null;
    const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
    const bypassed = settings.noProxy.some((entry) => (entry.port === null || entry.port === port) && (host === entry.host || host.endsWith(`.${entry.host}`)));
    return bypassed ? null : proxy;
}
/** A host name lowercased, an IPv6 address without the brackets a URL puts around it. */
function unbracketed(host) {
    return host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
}
function isLoopback(host) {
    return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}


/***/ }),

/***/ 8902:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EY: () => (/* binding */ backoffDelay),
/* harmony export */   LH: () => (/* binding */ withRetries),
/* harmony export */   i5: () => (/* binding */ RetriesExhaustedError),
/* harmony export */   ur: () => (/* binding */ defaultRetryPolicy)
/* harmony export */ });
const defaultRetryPolicy = { attempts: 4, baseDelayMs: 250, maxDelayMs: 8_000, deadlineMs: 120_000 };
class RetriesExhaustedError extends Error {
    label;
    attempts;
    lastError;
    constructor(label, attempts, lastError, why) {
        // The last error usually names the same call: say it once.
        const last = errorText(lastError);
        super(`${label}: ${why} after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${last.startsWith(`${label}: `) ? last.slice(label.length + 2) : last}`, {
            cause: lastError,
        });
        this.label = label;
        this.attempts = attempts;
        this.lastError = lastError;
        this.name = 'RetriesExhaustedError';
    }
}
/** Full-jitter exponential backoff: a uniformly random wait in [0, min(cap, base * 2^n)]. */
function backoffDelay(policy, retryIndex, random) {
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryIndex);
    return Math.floor(random() * ceiling);
}
/**
 * Runs `attempt` until it succeeds, the failure is not retryable, attempts run out or the
 * deadline would pass. A server's Retry-After is honoured as a lower bound on the wait.
 */
async function withRetries(label, attempt, options) {
    const { policy, clock, classify, logger } = options;
    const random = options.random ?? Math.random;
    const startedAt = clock.now();
    for (let n = 1;; n++) {
        try {
            return await attempt(n);
        }
        catch (error) {
            if (options.signal?.aborted)
                throw error;
            const verdict = classify(error);
            if (!verdict.retry) {
                if (n === 1)
                    throw error;
                throw new RetriesExhaustedError(label, n, error, 'failed (not retryable)');
            }
            if (n >= policy.attempts)
                throw new RetriesExhaustedError(label, n, error, 'gave up');
            const wait = Math.max(backoffDelay(policy, n - 1, random), verdict.afterMs ?? 0);
            const deadline = policy.deadlineMs;
            if (deadline !== undefined && clock.now() + wait - startedAt > deadline) {
                throw new RetriesExhaustedError(label, n, error, `deadline of ${deadline} ms reached`);
            }
            logger?.debug(`${label}: attempt ${n} failed (${errorText(error)}); retrying in ${wait} ms`);
            await clock.sleep(wait, options.signal);
        }
    }
}
function errorText(error) {
    return error instanceof Error ? error.message : String(error);
}


/***/ }),

/***/ 6999:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ld: () => (/* binding */ progressLines),
/* harmony export */   mq: () => (/* binding */ maskedLogger)
/* harmony export */ });
/* unused harmony exports silentLogger, memoryLogger */
const silentLogger = {
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
    debug: () => undefined,
    group: (_title, body) => body(),
    progress: () => undefined,
};
/** A logger that keeps every line, for tests and for composing reports. */
function memoryLogger() {
    const lines = [];
    return {
        lines,
        info: (m) => lines.push(`info: ${m}`),
        warn: (m) => lines.push(`warn: ${m}`),
        error: (m) => lines.push(`error: ${m}`),
        debug: (m) => lines.push(`debug: ${m}`),
        group: async (title, body) => {
            lines.push(`group: ${title}`);
            return body();
        },
        progress: (m) => lines.push(m === null ? 'progress: done' : `progress: ${m}`),
    };
}
/** The same logger with every line passed through `mask` first (secrets out, never in). */
function maskedLogger(logger, mask) {
    return {
        info: (m) => logger.info(mask(m)),
        warn: (m) => logger.warn(mask(m)),
        error: (m) => logger.error(mask(m)),
        debug: (m) => logger.debug(mask(m)),
        group: (title, body) => logger.group(mask(title), body),
        progress: (m) => logger.progress(m === null ? null : mask(m)),
    };
}
/**
 * Progress for a log rather than a terminal: one line every `everyMs` at most, the first
 * `everyMs` after the run's first update, so a short run logs none.
 */
function progressLines(print, everyMs = 5_000, now = Date.now) {
    let last;
    return (line) => {
        if (line === null) {
            last = undefined;
            return;
        }
        const at = now();
        if (last === undefined)
            last = at;
        else if (at - last >= everyMs) {
            last = at;
            print(line);
        }
    };
}


/***/ }),

/***/ 1350:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FY: () => (/* binding */ parseMlflowErrorBody),
/* harmony export */   Zx: () => (/* binding */ mlflowCredentialsHint),
/* harmony export */   _2: () => (/* binding */ failureFacts),
/* harmony export */   ge: () => (/* binding */ MlflowApiError)
/* harmony export */ });
/* unused harmony export hintFor */
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _http_client__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3329);
/* harmony import */ var _http_retry__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8902);



/**
 * A failed MLflow REST call, as `<what was attempted> on <model>[ v<version>]: <error_code>: <message>`,
 * with a hint for the codes a user can act on. `errorCode` is MLflow's own code when the server
 * sent its JSON envelope, else one derived from the HTTP status or the transport failure.
 */
class MlflowApiError extends _errors__WEBPACK_IMPORTED_MODULE_0__/* .RemoteError */ .Hi {
    what;
    facts;
    errorCode;
    serverMessage;
    /** HTTP status, or undefined when no response came. */
    status;
    /** True when the server may have acted on the request although no success came back. */
    outcomeUnknown;
    /** True for failures that may pass on another try (gateway and server statuses, no answer). */
    transient;
    /** The server's Retry-After, when it sent one. */
    retryAfterMs;
    constructor(what, facts, serverUrl, options = {}) {
        const hint = hintFor(facts, serverUrl, options.credentialsHint);
        super(`${what}: ${facts.errorCode}: ${facts.message}${hint ? `; ${hint}` : ''}`, { cause: options.cause });
        this.what = what;
        this.facts = facts;
        this.errorCode = facts.errorCode;
        this.serverMessage = facts.message;
        this.status = facts.status;
        this.outcomeUnknown = facts.outcomeUnknown;
        this.transient = facts.transient;
        this.retryAfterMs = facts.retryAfterMs;
    }
}
/**
 * Reads MLflow's envelope from a body excerpt. The HTTP layer keeps at most a few hundred
 * characters of a failed response, so a long message arrives cut off and is not valid JSON:
 * then the two fields are picked out of the text and the message is kept up to the cut.
 */
function parseMlflowErrorBody(text) {
    try {
        const json = JSON.parse(text);
        if (json && typeof json.error_code === 'string') {
            return { errorCode: json.error_code, message: typeof json.message === 'string' ? json.message : '' };
        }
        return undefined;
    }
    catch {
        const code = /"error_code"\s*:\s*"([A-Z_]+)"/.exec(text)?.[1];
        if (!code)
            return undefined;
        const raw = /"message"\s*:\s*"((?:[^"\\]|\\.)*)(")?/.exec(text);
        if (raw?.[1] === undefined)
            return { errorCode: code, message: '' };
        const complete = raw[2] === '"';
        return { errorCode: code, message: complete ? unescapeJson(raw[1]) : `${unescapeJson(raw[1].replace(/\u2026$/, ''))}\u2026` };
    }
}
function unescapeJson(fragment) {
    try {
        return JSON.parse(`"${fragment.replace(/\\$/, '')}"`);
    }
    catch {
        return fragment;
    }
}
/** The code MLflow's own client assumes when a response carries no envelope (`mlflow/exceptions.py`). */
const codeForStatus = {
    400: 'BAD_REQUEST',
    401: 'UNAUTHENTICATED',
    403: 'PERMISSION_DENIED',
    404: 'ENDPOINT_NOT_FOUND',
    409: 'RESOURCE_CONFLICT',
    429: 'REQUEST_LIMIT_EXCEEDED',
    500: 'INTERNAL_ERROR',
    501: 'NOT_IMPLEMENTED',
    502: 'TEMPORARILY_UNAVAILABLE',
    503: 'TEMPORARILY_UNAVAILABLE',
    504: 'DEADLINE_EXCEEDED',
};
/** What a failure from `send` says, whatever layer it came from. */
function failureFacts(error) {
    const attempts = error instanceof _http_retry__WEBPACK_IMPORTED_MODULE_2__/* .RetriesExhaustedError */ .i5 ? error.attempts : 1;
    const root = error instanceof _http_retry__WEBPACK_IMPORTED_MODULE_2__/* .RetriesExhaustedError */ .i5 ? error.lastError : error;
    if (root instanceof _http_client__WEBPACK_IMPORTED_MODULE_1__/* .HttpStatusError */ .F9) {
        const body = parseMlflowErrorBody(root.bodyExcerpt);
        const status = root.status;
        return {
            status,
            errorCode: body?.errorCode ?? codeForStatus[status] ?? `HTTP_${status}`,
            message: body?.message || `HTTP ${status}${root.bodyExcerpt ? ` ${root.bodyExcerpt}` : ''}`,
            attempts,
            // A gateway or crash status after the request was sent says nothing about whether it ran.
            outcomeUnknown: status >= 500 && status !== 501 && status !== 503,
            transient: _http_client__WEBPACK_IMPORTED_MODULE_1__/* .serverErrorStatuses */ .Ae.has(status),
            retryAfterMs: root.retryAfterMs,
        };
    }
    if (root instanceof _http_client__WEBPACK_IMPORTED_MODULE_1__/* .HttpTransportError */ .Mz) {
        return {
            status: undefined,
            errorCode: root.code,
            message: root.problem ?? (root.code === 'TIMEOUT' ? 'no answer before the request timed out' : 'the tracking server could not be reached'),
            attempts,
            outcomeUnknown: root.maybeDelivered,
            transient: root.transient,
        };
    }
    return { status: undefined, errorCode: 'CLIENT_ERROR', message: root instanceof Error ? root.message : String(root), attempts, outcomeUnknown: false, transient: false };
}
const mlflowCredentialsHint = 'the tracking server rejected the credentials: set MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD';
/** What a user can do about the common codes. */
function hintFor(facts, trackingUri, credentialsHint = mlflowCredentialsHint) {
    const retried = facts.attempts > 1 ? `gave up after ${facts.attempts} attempts` : undefined;
    let hint;
    switch (facts.errorCode) {
        case 'UNAUTHENTICATED':
        case 'CUSTOMER_UNAUTHORIZED':
            hint = credentialsHint;
            break;
        case 'PERMISSION_DENIED':
            hint = 'the credentials are valid but lack permission on this model: grant them EDIT (MANAGE for aliases) on it';
            break;
        case 'RESOURCE_DOES_NOT_EXIST':
            hint = 'check model.name in the config and the version number (agent-release registry show lists the versions)';
            break;
        case 'ENDPOINT_NOT_FOUND':
            hint = `no MLflow REST API answered at ${trackingUri}: check the tracking URI (aliases need MLflow >= 2.3)`;
            break;
        case 'ECONNREFUSED':
        case 'ENOTFOUND':
        case 'EAI_AGAIN':
            hint = `is the MLflow tracking server at ${trackingUri} running and reachable?`;
            break;
    }
    return [hint, retried].filter(Boolean).join('; ') || undefined;
}


/***/ }),

/***/ 7175:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   q: () => (/* binding */ MlflowRest)
/* harmony export */ });
/* harmony import */ var _http_client__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3329);
/* harmony import */ var _http_retry__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8902);
/* harmony import */ var _logger__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6999);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1350);




/**
 * The REST transport every MLflow-speaking client shares (OSS registry, Databricks workspace and
 * Unity Catalog registries, tracking): JSON in and out, retries through `send`, a 401 answered
 * once more with fresh credentials, and failures as `MlflowApiError`s with credentials cut out.
 */
class MlflowRest {
    options;
    baseUrl;
    clock;
    policy;
    random;
    /** The caller's logger with the credentials masked: retry lines quote server answers. */
    logger;
    apiBase;
    api3Base;
    secrets;
    timeoutMs;
    constructor(options) {
        this.options = options;
        this.baseUrl = options.baseUrl.replace(/\/+$/, '');
        this.apiBase = `${this.baseUrl}/api/2.0/`;
        this.api3Base = `${this.baseUrl}/api/3.0/`;
        this.clock = options.clock;
        // Longest first, so a value that contains another is masked whole.
        this.secrets = [...options.secrets].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
        this.logger = options.logger && (0,_logger__WEBPACK_IMPORTED_MODULE_2__/* .maskedLogger */ .mq)(options.logger, (text) => this.redact(text));
        this.policy = options.retryPolicy ?? _http_retry__WEBPACK_IMPORTED_MODULE_1__/* .defaultRetryPolicy */ .ur;
        this.timeoutMs = options.timeoutMs ?? 30_000;
        this.random = options.random ?? Math.random;
    }
    async call(call) {
        const url = new URL(call.path, call.api === '3.0' ? this.api3Base : this.apiBase);
        let body;
        if (call.method === 'GET') {
            for (const [key, value] of Object.entries(call.fields))
                if (value !== undefined)
                    url.searchParams.set(key, String(value));
        }
        else {
            body = JSON.stringify(call.fields);
        }
        const text = await this.exchange(call.what, call.method, url, body, body === undefined ? undefined : 'application/json', call.idempotent, call.policy);
        let json;
        try {
            json = JSON.parse(text);
        }
        catch {
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
    raw(call) {
        return this.exchange(call.what, call.method, new URL(call.path, call.fromRoot ? `${this.baseUrl}/` : this.apiBase), call.body, call.contentType, call.idempotent, undefined, call.headers);
    }
    /** A 2xx answer that is not what MLflow sends: the call may have run, but its result is unreadable. */
    invalidResponse(what, message, outcomeUnknown = false) {
        const facts = { status: 200, errorCode: 'INVALID_RESPONSE', message, attempts: 1, outcomeUnknown, transient: false };
        return new _errors__WEBPACK_IMPORTED_MODULE_3__/* .MlflowApiError */ .ge(what, facts, this.baseUrl, { credentialsHint: this.options.credentialsHint });
    }
    redact(text) {
        return this.secrets.reduce((out, secret) => out.split(secret).join('***'), text);
    }
    async exchange(what, method, url, body, contentType, idempotent, policy, extraHeaders = {}) {
        this.logger?.debug(`${this.options.area}: ${what}`);
        for (let fresh = false;; fresh = true) {
            const headers = { accept: 'application/json', 'user-agent': 'agent-release', ...extraHeaders };
            if (contentType)
                headers['content-type'] = contentType;
            const credentials = this.options.credentials;
            const authorization = credentials ? await credentials.authorization() : undefined;
            if (authorization)
                headers.authorization = authorization;
            try {
                const res = await (0,_http_client__WEBPACK_IMPORTED_MODULE_0__/* .send */ .tN)({ method: method, url: url.toString(), headers, body, timeoutMs: this.timeoutMs }, `${this.options.area} ${method} ${url.pathname}`, {
                    clock: this.clock,
                    logger: this.logger,
                    policy: policy ?? this.policy,
                    retryOn: _http_client__WEBPACK_IMPORTED_MODULE_0__/* .serverErrorStatuses */ .Ae,
                    idempotent,
                    random: this.random,
                });
                return res.body;
            }
            catch (error) {
                const facts = (0,_errors__WEBPACK_IMPORTED_MODULE_3__/* .failureFacts */ ._2)(error);
                // A short-lived token may have expired between fetching and sending: one more try with a new one.
                if (facts.status === 401 && credentials && !fresh) {
                    credentials.invalidate(authorization);
                    continue;
                }
                throw new _errors__WEBPACK_IMPORTED_MODULE_3__/* .MlflowApiError */ .ge(what, { ...facts, message: this.redact(facts.message) }, this.baseUrl, {
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
    redactedCause(error) {
        const texts = [];
        for (let e = error; e instanceof Error && texts.length < 16; e = e.cause)
            texts.push(e.message, String(e.bodyExcerpt ?? ''));
        if (!this.secrets.some((secret) => texts.some((t) => t.includes(secret))))
            return error;
        const stand = new Error(this.redact(error instanceof Error ? error.message : String(error)));
        stand.name = error instanceof Error ? error.name : 'Error';
        return stand;
    }
}


/***/ }),

/***/ 7213:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ filterLiteral),
/* harmony export */   c: () => (/* binding */ isNotFound)
/* harmony export */ });
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1350);


/**
 * A string literal for MLflow's search filter. The parser has no escape sequence: a value is
 * quoted with whichever quote it does not contain.
 */
function filterLiteral(value) {
    if (!value.includes("'"))
        return `'${value}'`;
    if (!value.includes('"'))
        return `"${value}"`;
    throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`${value} contains both ' and ", which MLflow's search filter cannot express`);
}
/** A 404 for a missing model, version, run, experiment or artifact (MLflow and Databricks codes). */
function isNotFound(error) {
    return error instanceof _errors__WEBPACK_IMPORTED_MODULE_1__/* .MlflowApiError */ .ge && error.status === 404 && (error.errorCode === 'RESOURCE_DOES_NOT_EXIST' || error.errorCode === 'NOT_FOUND');
}


/***/ }),

/***/ 7763:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EX: () => (/* binding */ requireVersionInput),
/* harmony export */   Qd: () => (/* binding */ checkVersionNumber),
/* harmony export */   eU: () => (/* binding */ requireVersion),
/* harmony export */   lL: () => (/* binding */ noSuchVersion),
/* harmony export */   sV: () => (/* binding */ versionOrHolder)
/* harmony export */ });
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);

/**
 * Registries number versions 1, 2, 3... MLflow reads "01" as version 1 while files and records
 * would name it "01", so only the canonical number is taken.
 */
function checkVersionNumber(input, value, alternative = '') {
    if (/^[1-9]\d*$/.test(value))
        return;
    const meant = /^\d+$/.test(value) && Number(value) > 0 ? ` (did you mean ${Number(value)}?)` : '';
    throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb(`${input} "${value}" is not a version; registries number versions 1, 2, 3...${alternative}${meant}`);
}
function requireVersionInput(mode, inputs) {
    const version = inputs.modelVersion?.trim();
    if (!version)
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb(`${mode} needs a model version: set the model-version input (CLI: --model-version)`);
    checkVersionNumber('model-version', version);
    return version;
}
async function requireVersion(registry, model, version) {
    const found = await registry.getVersion(model, version);
    if (!found)
        throw await noSuchVersion(registry, model, version);
    if (found.status !== 'READY')
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .RefusedError */ .fk(`${model} version ${version} is ${found.status}, not READY; wait for registration to finish`);
    return found;
}
/** The version the mode acts on: the input, else the holder of the alias. */
async function versionOrHolder(mode, inputs, registry, model, alias) {
    if (inputs.modelVersion?.trim())
        return requireVersionInput(mode, inputs);
    const holder = await registry.getAlias(model, alias);
    if (holder === null)
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .RefusedError */ .fk(`${mode}: no model-version given and no version holds @${alias} on ${model}; promote one first or pass model-version`);
    return holder;
}
/** The refusal for a version the registry lacks, listing the versions it has. */
async function noSuchVersion(registry, model, version) {
    const known = (await registry.listVersions(model)).map((v) => v.version);
    if (known.length === 0 && !(await registry.modelExists(model)))
        return new _errors__WEBPACK_IMPORTED_MODULE_0__/* .RefusedError */ .fk(`the ${registry.kind} registry has no model named ${JSON.stringify(model)}, so no version ${version}; check model.name in the config`);
    return new _errors__WEBPACK_IMPORTED_MODULE_0__/* .RefusedError */ .fk(`${model} has no version ${version} in the ${registry.kind} registry${known.length ? ` (versions: ${known.join(', ')})` : ' (no versions registered)'}`);
}


/***/ }),

/***/ 8237:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JG: () => (/* binding */ maxNesting),
/* harmony export */   gy: () => (/* binding */ firstBeyond),
/* harmony export */   y3: () => (/* binding */ valueNestsBeyond)
/* harmony export */ });
/**
 * The deepest nesting of mappings and lists a config, signoff or dataset value may have. Real
 * ones need five or six levels; the code that reads them (yaml's parser, scorers, JSON.stringify)
 * recurses, and at the end of the stack V8 may abort the process rather than throw.
 */
const maxNesting = 64;
/**
 * Whether a value nests objects and arrays deeper than `limit`; a circular one always does. Runs
 * on every JSONL row read, so it allocates nothing per leaf (a 50 ms walk per million rows, a
 * tenth of JSON.parse), and goes down one path at a time, so deep or circular values stop early.
 */
function valueNestsBeyond(value, limit) {
    if (value === null || typeof value !== 'object')
        return false;
    const containers = [value];
    const depths = [1];
    for (let next = containers.pop(); next !== undefined; next = containers.pop()) {
        const depth = depths.pop();
        if (depth > limit)
            return true;
        const push = (child) => {
            if (child !== null && typeof child === 'object') {
                containers.push(child);
                depths.push(depth + 1);
            }
        };
        if (Array.isArray(next))
            for (const child of next)
                push(child);
        else
            for (const key in next)
                push(next[key]);
    }
    return false;
}
/** The first collection (in reading order) nested deeper than `limit`, walked without recursion. */
function firstBeyond(root, limit, counts, children) {
    const pending = root === null || root === undefined ? [] : [{ item: root, depth: 0 }];
    for (let next = pending.pop(); next; next = pending.pop()) {
        const depth = next.depth + (counts(next.item) ? 1 : 0);
        if (depth > limit)
            return next.item;
        for (const child of children(next.item).reverse())
            if (child !== null && child !== undefined)
                pending.push({ item: child, depth });
    }
    return undefined;
}


/***/ }),

/***/ 9537:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   k: () => (/* binding */ runPool)
/* harmony export */ });
/**
 * Runs `work` over items with at most `concurrency` in flight, pulling lazily from the
 * iterator so a large input is never held in memory. Stops pulling once `signal` aborts;
 * the first thrown error stops the pool and is rethrown after in-flight work settles.
 */
async function runPool(items, concurrency, work, signal) {
    let failure;
    // Workers never reject: a failure (of the work or of the input itself) is recorded and every
    // worker stops pulling, so nothing is still running when the caller cleans up.
    const worker = async () => {
        while (!failure && !signal?.aborted) {
            try {
                const next = await items.next();
                if (next.done)
                    return;
                await work(next.value);
            }
            catch (error) {
                failure ??= { error };
            }
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
    if (failure)
        throw failure.error;
}


/***/ }),

/***/ 6499:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   bX: () => (/* binding */ randomUuid),
/* harmony export */   nw: () => (/* binding */ randomHex),
/* harmony export */   pf: () => (/* binding */ uniqueHex)
/* harmony export */ });
/**
 * `bytes` random bytes in hex, from Math.random: for names that must not collide (temporary
 * files, lock tokens), never for secrets. node:crypto's randomBytes would cost a gate about 5 ms
 * to load for these few bytes.
 */
function uniqueHex(bytes) {
    let hex = '';
    for (let i = 0; i < bytes; i++)
        hex += Math.floor(Math.random() * 256).toString(16).padStart(2, '0');
    return hex;
}
/** A random (version 4) UUID from node:crypto, loaded only by the runs that need one. */
function randomUuid() {
    return process.getBuiltinModule('node:crypto').randomUUID();
}
/** `bytes` random bytes in hex from node:crypto, loaded only by the runs that need them. */
function randomHex(bytes) {
    return process.getBuiltinModule('node:crypto').randomBytes(bytes).toString('hex');
}


/***/ }),

/***/ 1259:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Iq: () => (/* binding */ createRegistry),
  rt: () => (/* binding */ credentialVariables),
  Nv: () => (/* binding */ trackingUriOf)
});

// UNUSED EXPORTS: registryProviders

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/mlflow/rest.ts
var rest = __webpack_require__(7175);
// EXTERNAL MODULE: ./src/registry/mlflow.ts
var mlflow = __webpack_require__(8630);
// EXTERNAL MODULE: ./src/registry/unity-catalog.ts
var unity_catalog = __webpack_require__(4428);
;// CONCATENATED MODULE: ./src/registry/databricks.ts




/**
 * The legacy Databricks Workspace Model Registry (`registry: mlflow` with `tracking_uri:
 * databricks`): the OSS MLflow registry API under the workspace host, with Databricks credentials.
 *
 * It has no aliases: MLflow's own client refuses every alias call against it
 * (mlflow/mlflow `store/model_registry/databricks_workspace_model_registry_rest_store.py`,
 * "Upgrade to Models in Unity Catalog"). So alias reads and writes refuse here too, with that
 * advice, instead of sending requests whose answers are not documented; reading versions,
 * tagging them and registering new ones work as on OSS MLflow. `listAliases` reports what the
 * registry holds (none), so a gate can still record its decision.
 */
class DatabricksWorkspaceRegistry extends mlflow/* MlflowRegistry */.re {
    constructor(options) {
        super({
            rest: new rest/* MlflowRest */.q({
                baseUrl: options.host,
                credentials: options.credentials,
                secrets: options.secrets ?? [],
                clock: options.clock,
                area: 'registry.databricks-workspace',
                credentialsHint: unity_catalog/* databricksCredentialsHint */._Z,
                logger: options.logger,
                retryPolicy: options.retryPolicy,
                timeoutMs: options.timeoutMs,
                random: options.random,
            }),
            kind: 'mlflow',
            registryPath: 'mlflow/',
            aliasSettleMs: options.aliasSettleMs,
            pageSize: options.pageSize ?? 1_000,
        });
    }
    async getAlias(model, alias) {
        throw aliasesUnsupported(model, alias, 'read');
    }
    async setAlias(model, alias, version, _expected) {
        throw aliasesUnsupported(model, alias, `move to version ${version}`);
    }
    async deleteAlias(model, alias) {
        throw aliasesUnsupported(model, alias, 'delete');
    }
}
function aliasesUnsupported(model, alias, action) {
    return new errors/* RefusedError */.fk(`cannot ${action} @${alias} on ${model}: the Databricks Workspace Model Registry (tracking_uri: databricks) has no aliases. Register the model in Unity Catalog (catalog.schema.model) and set model.registry: unity-catalog`);
}

// EXTERNAL MODULE: ./src/registry/local.ts + 1 modules
var local = __webpack_require__(4036);
;// CONCATENATED MODULE: ./src/registry/index.ts






const registryProviders = ['local', 'mlflow', 'unity-catalog'];
/** The one place registry providers are chosen. */
function createRegistry(config, deps) {
    // Read as strings: 'unity-catalog' and tracking_uri 'databricks' are newer than some schemas.
    const kind = config.model.registry;
    const trackingUri = trackingUriOf(config, deps.env);
    switch (kind) {
        case 'local':
            return new local/* LocalRegistry */.p(external_node_path_default().resolve(deps.workdir, config.model.path));
        case 'mlflow': {
            if (!trackingUri)
                throw new errors/* ConfigError */.xL('model.registry is mlflow, but neither model.tracking_uri nor MLFLOW_TRACKING_URI is set');
            if (trackingUri === 'databricks') {
                return new DatabricksWorkspaceRegistry({ ...databricksConnection(deps, 'model.tracking_uri is databricks'), clock: deps.clock, logger: deps.logger });
            }
            if (/^databricks:\/\//.test(trackingUri)) {
                throw new errors/* ConfigError */.xL(`model.tracking_uri "${trackingUri}" names a Databricks CLI profile, which agent-release does not read; use tracking_uri: databricks with DATABRICKS_HOST and credentials in the environment`);
            }
            return new mlflow/* MlflowRegistry */.re({ trackingUri, auth: (0,mlflow/* mlflowAuthFromEnv */.n1)(deps.env), clock: deps.clock, logger: deps.logger });
        }
        case 'unity-catalog':
            (0,unity_catalog/* checkUnityCatalogName */.Cw)(config.model.name);
            return new unity_catalog/* UnityCatalogRegistry */.af({ ...databricksConnection(deps, 'model.registry is unity-catalog'), clock: deps.clock, logger: deps.logger });
        default:
            throw new errors/* ConfigError */.xL(`model.registry "${kind}" is not a registry agent-release knows; use one of ${registryProviders.join(', ')}`);
    }
}
/** model.tracking_uri, else MLFLOW_TRACKING_URI: the one place the tracking server is resolved. */
function trackingUriOf(config, env) {
    return config.model.tracking_uri ?? env.MLFLOW_TRACKING_URI;
}
function databricksConnection(deps, why) {
    if (!deps.databricks)
        throw new errors/* ConfigError */.xL(`${why}, but this run was given no Databricks connection (set DATABRICKS_HOST and Databricks credentials)`);
    return deps.databricks();
}
/** Credentials the clients read from the environment, for the shells to mask. */
const credentialVariables = ['MLFLOW_TRACKING_TOKEN', 'MLFLOW_TRACKING_PASSWORD', 'DATABRICKS_TOKEN', 'DATABRICKS_CLIENT_SECRET'];


/***/ }),

/***/ 4036:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  p: () => (/* binding */ LocalRegistry),
  v: () => (/* binding */ writeAtomically)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/fs-async.ts
var fs_async = __webpack_require__(7253);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(2857);
// EXTERNAL MODULE: ./src/contract/summary.ts
var summary = __webpack_require__(1938);
// EXTERNAL MODULE: ./src/config/paths.ts
var paths = __webpack_require__(1066);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/registry/types.ts
var types = __webpack_require__(234);
// EXTERNAL MODULE: ./src/config/zod-helpers.ts
var zod_helpers = __webpack_require__(3595);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
// EXTERNAL MODULE: ./src/random-ids.ts
var random_ids = __webpack_require__(6499);
;// CONCATENATED MODULE: ./src/registry/file-lock.ts




/** Another process holds the lock and kept it fresh through every retry. */
class LockHeldError extends Error {
    code = 'ELOCKED';
}
/** This process stalled past `staleMs` and another took the lock over: what it was about to write would undo theirs. */
class LockLostError extends Error {
    code = 'ECOMPROMISED';
}
const ownerFile = 'owner';
/**
 * Takes an exclusive lock held as the directory `lockPath` (mkdir is atomic, on network
 * filesystems too) holding an owner token. While held, its mtime is refreshed every
 * `staleMs / 2`, so a lock left by a process that died is told from one in use and taken over;
 * a holder that was only stalled (stopped, swapped out) finds the token changed and writes nothing.
 *
 * proper-lockfile did this before; it loads graceful-fs (which patches fs) and signal-exit (which
 * loads node:assert and hooks every signal) on every run: 4-7 ms of a gate's start-up. The
 * shells turn SIGINT and SIGTERM into a cancellation that runs `release`; an exit without it
 * removes the lock too.
 */
async function acquireFileLock(lockPath, options) {
    const token = `${process.pid}.${(0,random_ids/* uniqueHex */.pf)(8)}`;
    for (let attempt = 0;; attempt++) {
        if (tryCreate(lockPath, token))
            return holdLock(lockPath, token, options.staleMs);
        if (takeOverIfStale(lockPath, options.staleMs))
            continue;
        if (attempt >= options.retries)
            throw new LockHeldError(`${lockPath} is held by another process`);
        await (0,promises_.setTimeout)(Math.min(options.maxWaitMs, options.minWaitMs * options.factor ** attempt * (1 + Math.random())));
    }
}
function tryCreate(lockPath, token) {
    try {
        (0,external_node_fs_.mkdirSync)(lockPath);
    }
    catch (error) {
        if (error.code === 'EEXIST')
            return false;
        throw error;
    }
    (0,external_node_fs_.writeFileSync)(external_node_path_default().join(lockPath, ownerFile), token);
    return true;
}
/** True when the lock was stale and is gone now (or went while we looked): try again at once. */
function takeOverIfStale(lockPath, staleMs) {
    let mtimeMs;
    try {
        mtimeMs = (0,external_node_fs_.statSync)(lockPath).mtimeMs;
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return true;
        throw error;
    }
    if (Date.now() - mtimeMs <= staleMs)
        return false;
    (0,external_node_fs_.rmSync)(lockPath, { recursive: true, force: true });
    return true;
}
function ownerOf(lockPath) {
    try {
        return (0,external_node_fs_.readFileSync)(external_node_path_default().join(lockPath, ownerFile), 'utf8');
    }
    catch {
        return undefined;
    }
}
function holdLock(lockPath, token, staleMs) {
    const refresh = setInterval(() => {
        const now = new Date();
        try {
            (0,external_node_fs_.utimesSync)(lockPath, now, now);
        }
        catch {
            // Gone or unwritable: assertHeld says so before the write it guards.
        }
    }, staleMs / 2);
    refresh.unref();
    const release = () => {
        clearInterval(refresh);
        process.removeListener('exit', release);
        // Never another holder's lock: one that took this over after a stall keeps it.
        if (ownerOf(lockPath) !== token)
            return;
        try {
            (0,external_node_fs_.rmSync)(lockPath, { recursive: true, force: true });
        }
        catch {
            // The change under the lock is made; a lock left behind goes stale and the next run takes it over.
        }
    };
    process.once('exit', release);
    return {
        assertHeld: () => {
            if (ownerOf(lockPath) !== token)
                throw new LockLostError(`${lockPath} was taken over by another process before this one wrote (a lock not refreshed for ${staleMs / 1000} s is taken for a dead holder's)`);
        },
        release,
    };
}

;// CONCATENATED MODULE: ./src/registry/local.ts











const versionSchema = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* strictObject */.rej({
    source: schemas/* string */.YjP(),
    status: schemas/* enum */.k5n(['READY', 'PENDING_REGISTRATION', 'FAILED_REGISTRATION']),
    created_at: schemas/* string */.YjP(),
    tags: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()),
}));
const fileSchema = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* strictObject */.rej({
    schema: schemas/* literal */.euz('agent-release.registry/v1'),
    models: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* strictObject */.rej({
        versions: schemas/* record */.g1P(schemas/* string */.YjP().regex(/^\d+$/), versionSchema),
        aliases: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()),
    })),
}));
/** About 20 s of waits for a process that holds the lock and refreshes it. */
const registryLockOptions = { staleMs: 10_000, retries: 200, minWaitMs: 5, maxWaitMs: 100, factor: 1.3 };
const emptyFile = () => ({ schema: 'agent-release.registry/v1', models: {} });
/**
 * The embedded registry: one JSON file. Every write takes a lock file, re-reads, changes and
 * replaces the file by rename, so concurrent processes neither corrupt it nor lose a write,
 * and readers always see a whole file.
 */
class LocalRegistry {
    file;
    now;
    lockOptions;
    kind = 'local';
    constructor(file, now = () => new Date(), lockOptions = registryLockOptions) {
        this.file = file;
        this.now = now;
        this.lockOptions = lockOptions;
    }
    async getVersion(model, version) {
        const data = await this.read();
        const entry = data.models[model];
        const found = entry?.versions[version];
        return found && entry ? toModelVersion(model, version, found, entry.aliases) : undefined;
    }
    async listVersions(model) {
        const entry = (await this.read()).models[model];
        if (!entry)
            return [];
        return Object.entries(entry.versions)
            .map(([v, found]) => toModelVersion(model, v, found, entry.aliases))
            .sort((a, b) => Number(a.version) - Number(b.version));
    }
    async modelExists(model) {
        return (await this.read()).models[model] !== undefined;
    }
    async getAlias(model, alias) {
        return (await this.read()).models[model]?.aliases[alias] ?? null;
    }
    async listAliases(model) {
        return { ...(await this.read()).models[model]?.aliases };
    }
    async setAlias(model, alias, version, expected) {
        await this.update((data) => {
            const entry = requireVersion(data, model, version, this.file);
            const actual = entry.aliases[alias] ?? null;
            if (expected !== undefined && actual !== expected && actual !== version) {
                throw new types/* AliasConflictError */.X(model, alias, expected, actual);
            }
            entry.aliases[alias] = version;
        });
    }
    async setVersionTags(model, version, tags) {
        await this.update((data) => {
            const found = requireVersion(data, model, version, this.file).versions[version];
            if (found)
                Object.assign(found.tags, tags);
        });
    }
    async registerVersion(model, source, tags) {
        let created;
        await this.update((data) => {
            const entry = (data.models[model] ??= { versions: {}, aliases: {} });
            const next = String(Math.max(0, ...Object.keys(entry.versions).map(Number)) + 1);
            const record = { source, status: 'READY', created_at: this.now().toISOString(), tags: { ...tags } };
            entry.versions[next] = record;
            created = toModelVersion(model, next, record, entry.aliases);
        });
        return created;
    }
    async read() {
        let text;
        try {
            text = (0,external_node_fs_.readFileSync)(this.file, 'utf8');
        }
        catch (error) {
            if (error.code === 'ENOENT')
                return emptyFile();
            throw error;
        }
        let json;
        try {
            json = JSON.parse(text);
        }
        catch (error) {
            const at = (0,summary/* jsonErrorLine */.DP)(text, error.message);
            throw new errors/* InputError */.dz(`registry file ${this.file}${at === undefined ? '' : `:${at}`} is not valid JSON (${error.message}); restore it from version control or a backup`);
        }
        const parsed = fileSchema.safeParse(json, { jitless: true }); // read once or twice a run: not worth zod's generated fast path
        if (!parsed.success) {
            const issue = parsed.error.issues[0];
            const where = issue ? (0,paths/* formatPath */.jV)(issue.path.filter((s) => typeof s !== 'symbol')) : '';
            throw new errors/* InputError */.dz(`registry file ${this.file} is not an agent-release registry: ${where}: ${issue?.message}`);
        }
        return parsed.data;
    }
    async update(change) {
        await (0,fs_async/* mkdir */.Ck)(external_node_path_default().dirname(this.file), { recursive: true });
        const lockPath = `${this.file}.lock`;
        const lock = await acquireFileLock(lockPath, this.lockOptions).catch((error) => {
            if (!(error instanceof LockHeldError))
                throw error;
            // A crashed holder's lock goes stale after 10 s and is taken over; this one is still being refreshed.
            throw new errors/* RefusedError */.fk(`the local registry ${this.file} stayed locked by another agent-release process (${lockPath}) for about 20 s, so this change was not made. Let that run finish and run this again; if none is running, delete ${lockPath}`);
        });
        try {
            const data = await this.read();
            change(data);
            // A holder that stalled past the lock's staleness lost it: replacing the file now would undo the next holder's change.
            await writeAtomically(this.file, `${JSON.stringify(data, null, 2)}\n`, () => {
                try {
                    lock.assertHeld();
                }
                catch (error) {
                    if (error instanceof LockLostError)
                        throw new errors/* RemoteError */.Hi(`the local registry ${this.file} was not changed: ${error.message}; run this again`);
                    throw error;
                }
            });
        }
        finally {
            lock.release();
        }
    }
}
function requireVersion(data, model, version, file) {
    const entry = data.models[model];
    if (!entry?.versions[version]) {
        const known = entry ? Object.keys(entry.versions).join(', ') : '';
        throw new errors/* RefusedError */.fk(`${model} has no version ${version} in ${file}${known ? ` (versions: ${known})` : ' (no versions registered)'}; register it with: agent-release registry register --source <uri>`);
    }
    return entry;
}
function toModelVersion(model, version, record, aliases) {
    return {
        name: model,
        version,
        source: record.source,
        status: record.status,
        tags: { ...record.tags },
        aliases: Object.entries(aliases)
            .filter(([, holder]) => holder === version)
            .map(([alias]) => alias),
        createdAt: record.created_at,
    };
}
/**
 * Temp file in the same directory, fsync, rename: readers see the old file or the new, never half.
 * `beforeRename` runs last before the file is replaced and may refuse by throwing; the temp file goes.
 */
async function writeAtomically(file, content, beforeRename = () => { }) {
    const temp = `${file}.${process.pid}.${(0,random_ids/* uniqueHex */.pf)(4)}.tmp`;
    const fd = (0,external_node_fs_.openSync)(temp, 'w');
    try {
        (0,external_node_fs_.writeFileSync)(fd, content);
        (0,external_node_fs_.fsyncSync)(fd);
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
    try {
        beforeRename();
        (0,external_node_fs_.renameSync)(temp, file);
    }
    catch (error) {
        (0,external_node_fs_.rmSync)(temp, { force: true });
        throw error;
    }
}


/***/ }),

/***/ 8630:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   lJ: () => (/* binding */ ossMlflowRest),
/* harmony export */   n1: () => (/* binding */ mlflowAuthFromEnv),
/* harmony export */   re: () => (/* binding */ MlflowRegistry)
/* harmony export */ });
/* unused harmony export registerRequestTag */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(2857);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _http_client__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3329);
/* harmony import */ var _http_retry__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8902);
/* harmony import */ var _mlflow_errors__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1350);
/* harmony import */ var _mlflow_rest__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7175);
/* harmony import */ var _mlflow_search__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7213);
/* harmony import */ var _types__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(234);
/* harmony import */ var _config_zod_helpers__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(3595);
/* harmony import */ var _random_ids__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(6499);










/** The transport for an open-source MLflow server, with its conventional auth. */
function ossMlflowRest(options, area = 'registry.mlflow') {
    const trackingUri = checkTrackingUri(options.trackingUri);
    const header = authorizationHeader(options.auth);
    return new _mlflow_rest__WEBPACK_IMPORTED_MODULE_4__/* .MlflowRest */ .q({
        baseUrl: trackingUri,
        credentials: header === undefined ? undefined : { description: 'MLflow tracking credentials', authorization: async () => header, invalidate: () => { } },
        secrets: credentialStrings(options.auth, header),
        clock: options.clock,
        area,
        logger: options.logger,
        retryPolicy: options.retryPolicy,
        timeoutMs: options.timeoutMs,
        random: options.random,
        credentialsHint: credentialsHintFor(options.auth),
    });
}
/** What a 401 or 403 means, by what was sent: nothing, a token, or a user and password. */
function credentialsHintFor(auth) {
    if (!auth)
        return _mlflow_errors__WEBPACK_IMPORTED_MODULE_3__/* .mlflowCredentialsHint */ .Zx;
    if ('token' in auth)
        return 'the tracking server rejected the token in MLFLOW_TRACKING_TOKEN: check that it is current and issued for this server';
    return `the tracking server rejected user ${JSON.stringify(auth.username)} (MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD): check the password, and that the user exists on this server`;
}
/**
 * Tag written on every version this client registers, with a value unique to the request, so a
 * create whose answer was lost can be found again instead of being sent twice.
 */
const registerRequestTag = 'agent_release.register_request_id';
/**
 * Every ModelVersion field is optional in MLflow's protos (the OSS and the Unity Catalog ones).
 * Only `version` is insisted on: without it there is nothing to name. A version without `name`
 * is the model asked for (every call here names it).
 */
const wireVersion = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_7__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_8__/* .object */ .Ikc({
    name: zod__WEBPACK_IMPORTED_MODULE_8__/* .string */ .YjP().optional(),
    version: zod__WEBPACK_IMPORTED_MODULE_8__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_8__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_8__/* .number */ .aig()], { error: 'a model version without its version number cannot be named' }).transform(String),
    source: zod__WEBPACK_IMPORTED_MODULE_8__/* .string */ .YjP().optional(),
    status: zod__WEBPACK_IMPORTED_MODULE_8__/* .string */ .YjP().optional(),
    tags: zod__WEBPACK_IMPORTED_MODULE_8__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_8__/* .object */ .Ikc({ key: zod__WEBPACK_IMPORTED_MODULE_8__/* .string */ .YjP(), value: zod__WEBPACK_IMPORTED_MODULE_8__/* .string */ .YjP().optional() })).optional(),
    // Strings in OSS MLflow; Unity Catalog's ModelVersion carries RegisteredModelAlias objects {alias, version}.
    aliases: zod__WEBPACK_IMPORTED_MODULE_8__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_8__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_8__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_8__/* .object */ .Ikc({ alias: zod__WEBPACK_IMPORTED_MODULE_8__/* .string */ .YjP() }).transform((a) => a.alias)])).optional(),
    creation_timestamp: zod__WEBPACK_IMPORTED_MODULE_8__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_8__/* .number */ .aig(), zod__WEBPACK_IMPORTED_MODULE_8__/* .string */ .YjP()]).optional(),
}));
const oneVersion = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_7__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_8__/* .object */ .Ikc({ model_version: wireVersion }));
const versionPage = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_7__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_8__/* .object */ .Ikc({ model_versions: zod__WEBPACK_IMPORTED_MODULE_8__/* .array */ .YOg(wireVersion).optional(), next_page_token: zod__WEBPACK_IMPORTED_MODULE_8__/* .string */ .YjP().optional() }));
const registeredModel = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_7__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_8__/* .object */ .Ikc({
    registered_model: zod__WEBPACK_IMPORTED_MODULE_8__/* .object */ .Ikc({ name: zod__WEBPACK_IMPORTED_MODULE_8__/* .string */ .YjP().optional(), aliases: zod__WEBPACK_IMPORTED_MODULE_8__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_8__/* .object */ .Ikc({ alias: zod__WEBPACK_IMPORTED_MODULE_8__/* .string */ .YjP().optional(), version: zod__WEBPACK_IMPORTED_MODULE_8__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_8__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_8__/* .number */ .aig()]).transform(String).optional() })).optional() }),
}));
const empty = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_7__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_8__/* .object */ .Ikc({}));
/**
 * The model registry of an MLflow tracking server (OSS or Databricks workspace), over REST API
 * 2.0. Every call goes through `send` (retries with backoff, Retry-After, a deadline); failures
 * become `MlflowApiError`s that name the operation, the model and version, MLflow's error code
 * and message. Credentials go into the Authorization header only and are never logged.
 */
class MlflowRegistry {
    kind;
    trackingUri;
    rest;
    registryPath;
    checkModelName;
    searchOrderBy;
    clock;
    policy;
    random;
    logger;
    pageSize;
    aliasSettleMs;
    constructor(options) {
        const dialect = 'rest' in options ? options : { rest: ossMlflowRest(options), kind: 'mlflow', registryPath: 'mlflow/' };
        this.rest = dialect.rest;
        this.kind = dialect.kind;
        this.registryPath = dialect.registryPath;
        this.checkModelName = dialect.checkModelName ?? (() => { });
        this.searchOrderBy = dialect.searchOrderBy ?? true;
        this.trackingUri = this.rest.baseUrl;
        this.clock = this.rest.clock;
        this.policy = this.rest.policy;
        this.random = this.rest.random;
        this.logger = this.rest.logger;
        this.aliasSettleMs = options.aliasSettleMs ?? 500;
        this.pageSize = options.pageSize ?? 1_000;
        if (!Number.isInteger(this.pageSize) || this.pageSize < 1 || this.pageSize > 200_000) {
            throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`MLflow search page size must be an integer from 1 to 200000 (got ${this.pageSize})`);
        }
    }
    async getVersion(model, version) {
        this.checkModelName(model);
        try {
            const res = await this.call({
                what: `read version on ${model} v${version}`,
                method: 'GET',
                path: 'model-versions/get',
                fields: { name: model, version },
                response: oneVersion,
                idempotent: true,
            });
            return this.toModelVersion(res.model_version, model);
        }
        catch (error) {
            if ((0,_mlflow_search__WEBPACK_IMPORTED_MODULE_5__/* .isNotFound */ .c)(error))
                return undefined;
            throw error;
        }
    }
    /**
     * All versions, oldest first. `model-versions/search` pages by offset, so pages are ordered by
     * version number: a version registered meanwhile lands on the last page instead of shifting
     * the others (Unity Catalog's search takes no order_by: a version registered or deleted
     * meanwhile may shift its pages; repeats are dropped here). Search results carry no aliases,
     * so they come from the registered model.
     */
    async modelExists(model) {
        this.checkModelName(model);
        return (await this.registeredAliases(model, `read registered model ${model}`)) !== undefined;
    }
    async listVersions(model) {
        this.checkModelName(model);
        const what = `list versions on ${model}`;
        const aliases = await this.aliasesByVersion(model, what);
        if (aliases === undefined)
            return [];
        const found = new Map();
        const tokens = new Set();
        let pageToken;
        do {
            const page = await this.call({
                what,
                method: 'GET',
                path: 'model-versions/search',
                fields: { filter: `name = ${(0,_mlflow_search__WEBPACK_IMPORTED_MODULE_5__/* .filterLiteral */ .K)(model)}`, max_results: this.pageSize, order_by: this.searchOrderBy ? 'version_number ASC' : undefined, page_token: pageToken },
                response: versionPage,
                idempotent: true,
            });
            for (const wire of page.model_versions ?? []) {
                if ((wire.name ?? model) === model)
                    found.set(wire.version, this.toModelVersion(wire, model, aliases.get(wire.version) ?? []));
            }
            pageToken = page.next_page_token || undefined;
            if (pageToken !== undefined) {
                if (tokens.has(pageToken))
                    throw this.invalidResponse(what, `the server returned page token ${pageToken} twice`);
                tokens.add(pageToken);
            }
        } while (pageToken !== undefined);
        return [...found.values()].sort((a, b) => Number(a.version) - Number(b.version));
    }
    async getAlias(model, alias) {
        this.checkModelName(model);
        checkAlias(alias);
        try {
            const res = await this.call({
                what: `read alias @${alias} on ${model}`,
                method: 'GET',
                path: 'registered-models/alias',
                fields: { name: model, alias },
                response: oneVersion,
                idempotent: true,
            });
            return res.model_version.version;
        }
        catch (error) {
            // OSS stores answer 400 INVALID_PARAMETER_VALUE "Registered model alias <a> not found." for an
            // unset alias, and 404 RESOURCE_DOES_NOT_EXIST when the model itself does not exist.
            // ASSUMED (Unity Catalog unset alias): no source gives Unity Catalog's answer; it is taken
            // to be one of these two (404 RESOURCE_DOES_NOT_EXIST / NOT_FOUND, or that 400 text).
            if ((0,_mlflow_search__WEBPACK_IMPORTED_MODULE_5__/* .isNotFound */ .c)(error))
                return null;
            if (error instanceof _mlflow_errors__WEBPACK_IMPORTED_MODULE_3__/* .MlflowApiError */ .ge && error.status === 400 && /\balias\b.*\bnot found\b/i.test(error.serverMessage))
                return null;
            throw error;
        }
    }
    /** Every alias on the model (from `registered-models/get`); empty when the model does not exist. */
    async listAliases(model) {
        this.checkModelName(model);
        const aliases = await this.registeredAliases(model, `list aliases on ${model}`);
        return Object.fromEntries((aliases ?? []).map(({ alias, version }) => [alias, version]));
    }
    /**
     * Moves the alias, refusing when it is not held by `expected` (unless it already names
     * `version`, which converges). With `expected` undefined it is a plain set, verified after.
     *
     * MLflow has no server-side compare-and-set for aliases: `registered-models/alias` is a plain
     * upsert. So this client comes as close as a client can (`compareAndWrite`): the holder is read
     * before every attempt of the write, and read again right after it and once more
     * `aliasSettleMs` later. Of two runs that both read the old holder and both write, the one
     * whose write landed first sees the other's version in one of those reads and refuses, naming
     * it; the later one wins. What remains open: a concurrent write that reaches MLflow more than
     * `aliasSettleMs` after ours (its request held up on the way) overwrites a release that has
     * already reported success, and neither run can tell. Serialise releases of one model (the
     * reusable workflow's `concurrency` group) to close it.
     */
    async setAlias(model, alias, version, expected) {
        this.checkModelName(model);
        checkAlias(alias);
        const write = {
            what: `set alias @${alias} on ${model} v${version}`,
            method: 'POST',
            path: 'registered-models/alias',
            fields: { name: model, alias, version },
            response: empty,
            // An upsert: sending it twice leaves the same state.
            idempotent: true,
        };
        if (expected === undefined) {
            await this.call(write);
            const after = await this.getAlias(model, alias);
            if (after !== version)
                throw new _types__WEBPACK_IMPORTED_MODULE_6__/* .AliasConflictError */ .X(model, alias, version, after);
            return;
        }
        await this.compareAndWrite(model, alias, expected, version, write);
    }
    /** Removes the alias (not part of `Registry`; rollback to "no holder" needs it). Same caveat as `setAlias`. */
    async deleteAlias(model, alias, expected = undefined) {
        this.checkModelName(model);
        checkAlias(alias);
        const write = {
            what: `delete alias @${alias} on ${model}`,
            method: 'DELETE',
            path: 'registered-models/alias',
            fields: { name: model, alias },
            response: empty,
            idempotent: true,
        };
        if (expected === undefined) {
            await this.call(write);
            const after = await this.getAlias(model, alias);
            if (after !== null)
                throw new _types__WEBPACK_IMPORTED_MODULE_6__/* .AliasConflictError */ .X(model, alias, null, after);
            return;
        }
        await this.compareAndWrite(model, alias, expected, null, write);
    }
    /**
     * Writes `wanted` (a version, or null for "no holder") only while the alias is held by
     * `expected`. Each attempt is sent once, after a fresh read: a retry sent blindly after a
     * backoff could overwrite a version another run set in the meantime, and an attempt whose
     * answer was lost shows up in the next read as already done.
     */
    async compareAndWrite(model, alias, expected, wanted, write) {
        const { clock, random } = this;
        const startedAt = clock.now();
        for (let attempt = 1;; attempt++) {
            const actual = await this.getAlias(model, alias);
            if (actual === wanted) {
                if (attempt === 1) {
                    this.logger?.debug(`registry.mlflow: @${alias} on ${model} already ${wanted === null ? 'is unset' : `names version ${wanted}`}`);
                    return;
                }
                // An earlier attempt landed although its answer was lost.
                break;
            }
            if (actual !== expected)
                throw new _types__WEBPACK_IMPORTED_MODULE_6__/* .AliasConflictError */ .X(model, alias, expected, actual);
            try {
                await this.call({ ...write, policy: { ...this.policy, attempts: 1 } });
                break;
            }
            catch (error) {
                if (!(error instanceof _mlflow_errors__WEBPACK_IMPORTED_MODULE_3__/* .MlflowApiError */ .ge) || !error.transient)
                    throw error;
                const wait = Math.max((0,_http_retry__WEBPACK_IMPORTED_MODULE_2__/* .backoffDelay */ .EY)(this.policy, attempt - 1, random), error.retryAfterMs ?? 0);
                const deadline = this.policy.deadlineMs;
                if (attempt >= this.policy.attempts || (deadline !== undefined && clock.now() + wait - startedAt > deadline)) {
                    throw new _mlflow_errors__WEBPACK_IMPORTED_MODULE_3__/* .MlflowApiError */ .ge(write.what, { ...error.facts, attempts: attempt }, this.trackingUri, { cause: error.cause });
                }
                this.logger?.debug(`registry.mlflow: ${write.what}: attempt ${attempt} failed (${error.errorCode}); reading @${alias} again before retrying in ${wait} ms`);
                await clock.sleep(wait);
            }
        }
        await this.confirmHolder(model, alias, wanted);
    }
    /** Reads the holder right after a write and again `aliasSettleMs` later: a concurrent writer shows up in one of them. */
    async confirmHolder(model, alias, wanted) {
        const after = await this.getAlias(model, alias);
        if (after !== wanted)
            throw new _types__WEBPACK_IMPORTED_MODULE_6__/* .AliasConflictError */ .X(model, alias, wanted, after);
        if (this.aliasSettleMs <= 0)
            return;
        await this.clock.sleep(this.aliasSettleMs);
        const settled = await this.getAlias(model, alias);
        if (settled !== wanted)
            throw new _types__WEBPACK_IMPORTED_MODULE_6__/* .AliasConflictError */ .X(model, alias, wanted, settled);
    }
    /**
     * One `set-tag` call per tag (MLflow has no batch call for version tags). Each is an upsert,
     * so a failure part-way leaves the earlier tags set and re-running converges.
     */
    async setVersionTags(model, version, tags) {
        this.checkModelName(model);
        const entries = Object.entries(tags);
        if (entries.length === 0 && !(await this.getVersion(model, version))) {
            throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .RefusedError */ .fk(`${model} has no version ${version} in the MLflow registry at ${(0,_http_client__WEBPACK_IMPORTED_MODULE_1__/* .redactUrl */ .BO)(this.trackingUri)}`);
        }
        for (const [key, value] of entries) {
            await this.call({
                what: `set tag ${key} on ${model} v${version}`,
                method: 'POST',
                path: 'model-versions/set-tag',
                fields: { name: model, version, key, value },
                response: empty,
                idempotent: true,
            });
        }
    }
    /**
     * Creates the registered model if it is missing, then the version. `model-versions/create` is
     * not idempotent: when its outcome is unknown (timeout, reset, gateway error), the version is
     * looked up by the request id tagged on it before the create is sent again.
     */
    async registerVersion(model, source, tags) {
        this.checkModelName(model);
        await this.ensureRegisteredModel(model);
        const requestId = (0,_random_ids__WEBPACK_IMPORTED_MODULE_9__/* .randomUuid */ .bX)();
        const what = `register version on ${model}`;
        const body = { name: model, source, tags: Object.entries({ ...tags, [registerRequestTag]: requestId }).map(([key, value]) => ({ key, value })) };
        const random = this.random;
        for (let attempt = 1;; attempt++) {
            try {
                const res = await this.call({ what, method: 'POST', path: 'model-versions/create', fields: body, response: oneVersion, idempotent: false });
                const created = this.toModelVersion(res.model_version, model);
                if (attempt > 1)
                    await this.warnOnDuplicates(model, requestId, created.version);
                return created;
            }
            catch (error) {
                if (!(error instanceof _mlflow_errors__WEBPACK_IMPORTED_MODULE_3__/* .MlflowApiError */ .ge) || !error.outcomeUnknown)
                    throw error;
                // Give a request that is still being processed a moment to land before looking for it.
                await this.clock.sleep(Math.max((0,_http_retry__WEBPACK_IMPORTED_MODULE_2__/* .backoffDelay */ .EY)(this.policy, attempt - 1, random), 100));
                const landed = await this.findByRequestId(model, requestId);
                if (landed) {
                    this.logger?.warn(`registry.mlflow: ${what}: the answer was lost (${error.errorCode}) but version ${landed.version} was created; using it`);
                    return landed;
                }
                if (attempt >= this.policy.attempts) {
                    throw new _mlflow_errors__WEBPACK_IMPORTED_MODULE_3__/* .MlflowApiError */ .ge(what, {
                        status: error.status,
                        errorCode: error.errorCode,
                        message: `${error.serverMessage}; no version tagged ${registerRequestTag}=${requestId} was found after ${attempt} attempts (check with agent-release registry show before registering again)`,
                        attempts: 1,
                        outcomeUnknown: false,
                        transient: false,
                    }, this.trackingUri, { cause: error });
                }
                this.logger?.info(`registry.mlflow: ${what}: outcome unknown (${error.errorCode}) and no version was created; sending it again`);
            }
        }
    }
    async ensureRegisteredModel(model) {
        const what = `create registered model on ${model}`;
        if ((await this.registeredAliases(model, what)) !== undefined)
            return;
        try {
            await this.call({ what, method: 'POST', path: 'registered-models/create', fields: { name: model }, response: zod__WEBPACK_IMPORTED_MODULE_8__/* .unknown */ .L5J(), idempotent: true });
        }
        catch (error) {
            // Someone else created it meanwhile, or a retried create found its own first attempt's work.
            if (error instanceof _mlflow_errors__WEBPACK_IMPORTED_MODULE_3__/* .MlflowApiError */ .ge && error.errorCode === 'RESOURCE_ALREADY_EXISTS')
                return;
            throw error;
        }
    }
    /** Version -> aliases; undefined when the model does not exist. */
    async aliasesByVersion(model, what) {
        const aliases = await this.registeredAliases(model, what);
        if (aliases === undefined)
            return undefined;
        const byVersion = new Map();
        for (const { alias, version } of aliases)
            byVersion.set(version, [...(byVersion.get(version) ?? []), alias]);
        return byVersion;
    }
    /** The model's aliases from `registered-models/get`; undefined when the model does not exist. */
    async registeredAliases(model, what) {
        try {
            const res = await this.call({ what, method: 'GET', path: 'registered-models/get', fields: { name: model }, response: registeredModel, idempotent: true });
            // An alias entry missing either half names nothing; it is skipped.
            return (res.registered_model.aliases ?? []).flatMap((a) => (a.alias !== undefined && a.version !== undefined ? [{ alias: a.alias, version: a.version }] : []));
        }
        catch (error) {
            if ((0,_mlflow_search__WEBPACK_IMPORTED_MODULE_5__/* .isNotFound */ .c)(error))
                return undefined;
            throw error;
        }
    }
    async searchByRequestId(model, requestId) {
        const res = await this.call({
            what: `find the version registered by request ${requestId} on ${model}`,
            method: 'GET',
            path: 'model-versions/search',
            fields: { filter: `name = ${(0,_mlflow_search__WEBPACK_IMPORTED_MODULE_5__/* .filterLiteral */ .K)(model)} AND tags.\`${registerRequestTag}\` = '${requestId}'`, order_by: 'version_number ASC' },
            response: versionPage,
            idempotent: true,
        });
        return (res.model_versions ?? []).filter((v) => (v.name ?? model) === model);
    }
    async findByRequestId(model, requestId) {
        const [first] = await this.searchByRequestId(model, requestId);
        return first ? ((await this.getVersion(model, first.version)) ?? this.toModelVersion(first, model)) : undefined;
    }
    /** A create retried after an unknown outcome can still race the first attempt; say so if it did. */
    async warnOnDuplicates(model, requestId, kept) {
        const twins = (await this.searchByRequestId(model, requestId)).map((v) => v.version).filter((v) => v !== kept);
        if (twins.length > 0) {
            this.logger?.warn(`registry.mlflow: the first attempt to register ${model} landed late as version ${twins.join(', ')}; version ${kept} is the one in use and the others are duplicates to delete`);
        }
    }
    call(call) {
        return this.rest.call({ ...call, path: `${this.registryPath}${call.path}` });
    }
    invalidResponse(what, message) {
        return this.rest.invalidResponse(what, message);
    }
    toModelVersion(wire, model, aliases) {
        const created = Number(wire.creation_timestamp);
        return {
            name: wire.name ?? model,
            version: wire.version,
            source: wire.source ?? '',
            status: this.status(wire),
            tags: Object.fromEntries((wire.tags ?? []).map((t) => [t.key, t.value ?? ''])),
            aliases: wire.aliases ?? aliases ?? [],
            createdAt: Number.isFinite(created) && wire.creation_timestamp !== undefined ? new Date(created).toISOString() : '',
        };
    }
    status(wire) {
        switch (wire.status) {
            case undefined:
            case 'READY':
                return 'READY';
            case 'PENDING_REGISTRATION':
            case 'FAILED_REGISTRATION':
                return wire.status;
            default:
                // A status this client does not know is not safe to release: treat it as not ready yet.
                this.logger?.warn(`registry.mlflow: ${wire.name} v${wire.version} has unknown status ${wire.status}; treating it as PENDING_REGISTRATION`);
                return 'PENDING_REGISTRATION';
        }
    }
}
/** Auth from MLflow's conventional variables: username + password (basic) wins over a token. */
function mlflowAuthFromEnv(env) {
    const { MLFLOW_TRACKING_USERNAME: username, MLFLOW_TRACKING_PASSWORD: password, MLFLOW_TRACKING_TOKEN: token } = env;
    if (username || password) {
        if (!username || !password) {
            throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`MLFLOW_TRACKING_${username ? 'PASSWORD' : 'USERNAME'} is not set but MLFLOW_TRACKING_${username ? 'USERNAME' : 'PASSWORD'} is; set both for basic auth, or neither`);
        }
        return { username, password };
    }
    return token ? { token } : undefined;
}
/** Every form in which the credentials could come back: raw, `user:password`, base64 and the header itself. */
function credentialStrings(auth, header) {
    if (!auth || !header)
        return [];
    const basic = 'token' in auth ? [] : [`${auth.username}:${auth.password}`, Buffer.from(`${auth.username}:${auth.password}`).toString('base64')];
    // A bare value under 4 characters would mask ordinary words (the shells' masker draws the same line); the header and basic forms are always long.
    const bare = ('token' in auth ? auth.token : auth.password).length >= 4 ? ['token' in auth ? auth.token : auth.password] : [];
    // Longest first, so a value that contains another is masked whole.
    return [header, ...basic, ...bare].sort((a, b) => b.length - a.length);
}
function authorizationHeader(auth) {
    if (!auth)
        return undefined;
    if ('username' in auth) {
        if (!auth.username || auth.username.includes(':'))
            throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL('MLflow basic auth needs a non-empty username without ":"');
        if (!auth.password)
            throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`MLflow basic auth for user ${auth.username} needs a non-empty password`);
        return `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
    }
    if (!auth.token || /\s/.test(auth.token))
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL('the MLflow token is empty or contains whitespace; check MLFLOW_TRACKING_TOKEN');
    return `Bearer ${auth.token}`;
}
function checkTrackingUri(uri) {
    if (/^databricks(-uc)?(:|$)/.test(uri)) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`the MLflow tracking URI "${uri}" must be http(s)://host[:port][/prefix]; for Databricks use registry: unity-catalog`);
    }
    let parsed;
    try {
        parsed = new URL(uri);
    }
    catch {
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`the MLflow tracking URI "${uri}" is not a URL; expected http(s)://host[:port][/prefix]`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`the MLflow tracking URI "${uri}" must be http(s)://host[:port][/prefix]`);
    }
    if (parsed.username || parsed.password) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`the MLflow tracking URI ${(0,_http_client__WEBPACK_IMPORTED_MODULE_1__/* .redactUrl */ .BO)(uri)} carries credentials; put them in MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD (or MLFLOW_TRACKING_TOKEN) instead`);
    }
    if (parsed.search || parsed.hash)
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`the MLflow tracking URI ${(0,_http_client__WEBPACK_IMPORTED_MODULE_1__/* .redactUrl */ .BO)(uri)} must not have a query or fragment`);
    return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}
/** MLflow's alias rules (`_validate_model_alias_name` and the reserved names), checked before any call. */
function checkAlias(alias) {
    if (!/^[\w-]{1,255}$/.test(alias)) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`alias "${alias}" is not a valid MLflow alias: use 1 to 255 letters, digits, "_" or "-"`);
    }
    if (alias.toLowerCase() === 'latest' || /^v\d+$/i.test(alias)) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`alias "${alias}" is reserved by MLflow ("latest" and version-like names such as "v3" refer to versions); choose another, e.g. "champion"`);
    }
}


/***/ }),

/***/ 7906:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L8: () => (/* binding */ reservedTagPrefix),
/* harmony export */   bi: () => (/* binding */ tagKeys),
/* harmony export */   hB: () => (/* binding */ rolledBackSincePromotion),
/* harmony export */   yV: () => (/* binding */ noVersion)
/* harmony export */ });
/** Tag keys agent-release writes on model versions. One place, so readers and writers agree. */
const tagKeys = {
    gateDecision: 'agent_release.gate.decision',
    gateDecidedAt: 'agent_release.gate.decided_at',
    gateDecisionDigest: 'agent_release.gate.decision_sha256',
    gateRun: 'agent_release.gate.run_url',
    /** `runs:/<run id>/<artifact>`: the copy of decision.json in MLflow, for a promote on a runner without the file. */
    gateDecisionUri: 'agent_release.gate.decision_uri',
    /** JSON {alias: version} of every alias when the gate decided: promote's expected holders. */
    gateAliasHolders: 'agent_release.gate.alias_holders',
    previousHolder: (alias) => `agent_release.${alias}.previous_version`,
    /** Written with previousHolder before the alias moves: a promoted_at older than this is left over from an earlier promotion. */
    promotionStartedAt: (alias) => `agent_release.${alias}.promotion_started_at`,
    promotedBy: (alias) => `agent_release.${alias}.promoted_by`,
    promotedAt: (alias) => `agent_release.${alias}.promoted_at`,
    promotedRun: (alias) => `agent_release.${alias}.promoted_run_url`,
    promotedSha: (alias) => `agent_release.${alias}.promoted_git_sha`,
    rolledBackAt: (alias) => `agent_release.${alias}.rolled_back_at`,
    rolledBackBy: (alias) => `agent_release.${alias}.rolled_back_by`,
    /** On the version a rollback restored, written before the alias moves back to it: which run did it, from which version. */
    restoredByRun: (alias) => `agent_release.${alias}.restored_by_run`,
    restoredFrom: (alias) => `agent_release.${alias}.restored_from`,
    /** Beside the Unity Catalog approval tag promote writes (promote.uc_approval): who approved, in which run and environment. */
    ucApprovedBy: 'agent_release.uc_approval.approved_by',
    ucApprovedAt: 'agent_release.uc_approval.approved_at',
    ucApprovalRun: 'agent_release.uc_approval.run_url',
    ucApprovalEnvironment: 'agent_release.uc_approval.environment',
    deployStatus: (environment) => `agent_release.deploy.${environment}.status`,
    deployedAt: (environment) => `agent_release.deploy.${environment}.at`,
};
/** Every key agent-release writes starts with this; nobody else may set one (registry register refuses them). */
const reservedTagPrefix = 'agent_release.';
/** Previous holder when there was none: a tag value cannot be null. */
const noVersion = 'none';
/**
 * Whether a version was rolled back after its latest promotion to `alias` (rolled_back_at is
 * written before the alias moves back; one older than the latest promotion is left over).
 */
function rolledBackSincePromotion(tags, alias) {
    const rolledBackAt = tags[tagKeys.rolledBackAt(alias)];
    const promotedAt = tags[tagKeys.promotionStartedAt(alias)] ?? tags[tagKeys.promotedAt(alias)];
    return rolledBackAt !== undefined && (promotedAt === undefined || rolledBackAt >= promotedAt);
}


/***/ }),

/***/ 234:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ AliasConflictError)
/* harmony export */ });
class AliasConflictError extends Error {
    model;
    alias;
    expected;
    actual;
    constructor(model, alias, expected, actual) {
        super(`@${alias} on ${model} is held by ${actual === null ? 'no version' : `version ${actual}`}, not ${expected === null ? 'unset' : `version ${expected}`} as expected; someone else moved it since`);
        this.model = model;
        this.alias = alias;
        this.expected = expected;
        this.actual = actual;
        this.name = 'AliasConflictError';
    }
}


/***/ }),

/***/ 4428:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cw: () => (/* binding */ checkUnityCatalogName),
/* harmony export */   _Z: () => (/* binding */ databricksCredentialsHint),
/* harmony export */   af: () => (/* binding */ UnityCatalogRegistry)
/* harmony export */ });
/* unused harmony exports unityCatalogPermissionHint, UnityCatalogPermissionError */
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _mlflow_errors__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1350);
/* harmony import */ var _mlflow_rest__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7175);
/* harmony import */ var _pool__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9537);
/* harmony import */ var _mlflow__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8630);





/** Versions read at once when listing: enough to list hundreds quickly, few enough not to meet the workspace's rate limits. */
const versionReadConcurrency = 8;
/** What to check when the workspace refuses the credentials (the variables src/databricks/auth.ts reads). */
const databricksCredentialsHint = 'the Databricks workspace rejected the credentials: set DATABRICKS_TOKEN (personal access token), DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET (oauth-m2m), or DATABRICKS_CLIENT_ID with `permissions: id-token: write` on the job (github-oidc)';
/**
 * Unity Catalog's privileges for models (Databricks "Registered models" / "Model versions" API
 * reference): reading needs EXECUTE on the model, setting or deleting an alias needs ownership of
 * it (or metastore admin), and either needs USE_CATALOG and USE_SCHEMA on its parents.
 */
function unityCatalogPermissionHint(model) {
    const [catalog, schema] = model?.split('.') ?? [];
    const parents = catalog && schema ? `USE_CATALOG on ${catalog} and USE_SCHEMA on ${catalog}.${schema}` : 'USE_CATALOG on its catalog and USE_SCHEMA on its schema';
    return `the credentials are valid but lack a Unity Catalog privilege on ${model ?? 'this model'}: moving or deleting an alias needs ownership of the registered model, reading needs EXECUTE on it, and both need ${parents}`;
}
/** `catalog.schema.model`; each part 1 to 255 characters without spaces, `/` or control characters, as Unity Catalog names are. */
function checkUnityCatalogName(model) {
    const parts = model.split('.');
    // eslint-disable-next-line no-control-regex
    if (parts.length !== 3 || parts.some((p) => p === '' || p.length > 255 || /[\s/\x00-\x1f\x7f]/.test(p))) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`model.name must be catalog.schema.model for registry: unity-catalog, got ${JSON.stringify(model)}`);
    }
}
/**
 * The MLflow-to-Unity-Catalog REST API (`/api/2.0/mlflow/unity-catalog/...`, what MLflow's
 * Python client uses with `registry_uri="databricks-uc"`), with the compare-and-set promotion of
 * MlflowRegistry unchanged. What differs from OSS MLflow (checked against mlflow/mlflow
 * `databricks_uc_registry_service.proto`, `databricks_uc_registry_messages.proto` and
 * `store/_unity_catalog/registry/rest_store.py`):
 * - three-level names, checked here before any request;
 * - `model-versions/search` takes filter, max_results (\u2264 10,000) and page_token, no order_by;
 * - ModelVersion.aliases are `{alias, version}` objects, not strings;
 * - creating a version is create, then an upload to cloud storage with temporary credentials,
 *   then finalize; this client does not upload, so `registerVersion` refuses.
 */
class UnityCatalogRegistry extends _mlflow__WEBPACK_IMPORTED_MODULE_3__/* .MlflowRegistry */ .re {
    constructor(options) {
        super({
            rest: new UnityCatalogRest({
                baseUrl: options.host,
                credentials: options.credentials,
                secrets: options.secrets ?? [],
                clock: options.clock,
                area: 'registry.unity-catalog',
                credentialsHint: databricksCredentialsHint,
                logger: options.logger,
                retryPolicy: options.retryPolicy,
                timeoutMs: options.timeoutMs,
                random: options.random,
            }),
            kind: 'unity-catalog',
            registryPath: 'mlflow/unity-catalog/',
            checkModelName: checkUnityCatalogName,
            searchOrderBy: false,
            aliasSettleMs: options.aliasSettleMs,
            pageSize: options.pageSize ?? 1_000,
        });
    }
    /**
     * MLflow's UC client builds search results with empty tags and aliases
     * (`model_version_search_from_uc_proto`), so the search is only the list of version numbers
     * here: each version's tags and status come from `model-versions/get`, a few at a time.
     */
    async listVersions(model) {
        const listed = await super.listVersions(model);
        const read = new Map();
        await (0,_pool__WEBPACK_IMPORTED_MODULE_4__/* .runPool */ .k)(listed[Symbol.iterator](), versionReadConcurrency, async (v) => {
            const full = await this.getVersion(model, v.version);
            // Aliases from the registered model (one consistent read); a version deleted meanwhile is left out.
            if (full)
                read.set(v.version, { ...full, aliases: v.aliases });
        });
        return listed.flatMap((v) => read.get(v.version) ?? []);
    }
    async registerVersion(model, source, _tags = {}) {
        checkUnityCatalogName(model);
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .RefusedError */ .fk(`cannot register ${source} as a new version of ${model} in Unity Catalog from agent-release: a Unity Catalog version is created, uploaded to cloud storage with temporary credentials, then finalized. Register it with the MLflow Python client instead: mlflow.register_model("${source}", "${model}", registry_uri="databricks-uc") (or mlflow.set_registry_uri("databricks-uc") first)`);
    }
}
/** The MLflow transport with Unity Catalog's privileges named when the workspace answers 403. */
class UnityCatalogRest extends _mlflow_rest__WEBPACK_IMPORTED_MODULE_2__/* .MlflowRest */ .q {
    async call(call) {
        try {
            return await super.call(call);
        }
        catch (error) {
            if (error instanceof _mlflow_errors__WEBPACK_IMPORTED_MODULE_1__/* .MlflowApiError */ .ge && error.errorCode === 'PERMISSION_DENIED') {
                throw new UnityCatalogPermissionError(error, this.baseUrl, unityCatalogPermissionHint(modelOf(call.fields)));
            }
            throw error;
        }
    }
}
/**
 * A PERMISSION_DENIED from Unity Catalog: the same facts, with the privileges to grant instead of
 * the OSS hint (MLflow's EDIT/MANAGE permissions do not exist there).
 */
class UnityCatalogPermissionError extends _mlflow_errors__WEBPACK_IMPORTED_MODULE_1__/* .MlflowApiError */ .ge {
    constructor(original, serverUrl, hint) {
        super(original.what, original.facts, serverUrl, { cause: original.cause });
        const retried = original.facts.attempts > 1 ? `; gave up after ${original.facts.attempts} attempts` : '';
        this.message = `${original.what}: ${original.errorCode}: ${original.serverMessage}; ${hint}${retried}`;
    }
}
function modelOf(fields) {
    return typeof fields.name === 'string' ? fields.name : undefined;
}


/***/ }),

/***/ 4520:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  commandOf: () => (/* reexport */ commandOf),
  runCli: () => (/* binding */ runCli)
});

// UNUSED EXPORTS: stderrLogger

// EXTERNAL MODULE: ./src/clock.ts
var src_clock = __webpack_require__(9373);
// EXTERNAL MODULE: external "node:buffer"
var external_node_buffer_ = __webpack_require__(4573);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/fs-async.ts
var fs_async = __webpack_require__(7253);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/contract/utf8.ts
var utf8 = __webpack_require__(2659);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/nesting.ts
var nesting = __webpack_require__(8237);
// EXTERNAL MODULE: ./src/deploy/command-line.ts
var command_line = __webpack_require__(6001);
// EXTERNAL MODULE: ./src/config/paths.ts
var config_paths = __webpack_require__(1066);
;// CONCATENATED MODULE: ./src/config/command-lines.ts



const commandKeys = ['deploy', 'rollback', 'set_traffic'];
/** ${NAME} and ${NAME:-default} are the config's own, filled in when it loads; $${ is a literal ${. */
const configReference = /\$\$\{|\$\{[A-Za-z_]\w*(?::-[^}]*)?\}/g;
/**
 * deploy.command lines are split like a shell but not run through one, so what a shell would
 * expand or act on reaches the program as text: `./deploy.sh $AGENT_RELEASE_VERSION` would
 * deploy a version named "$AGENT_RELEASE_VERSION" and report success. Checked on the lines as
 * written (the config's ${NAME}s are its own, and their values may hold anything), when the
 * config loads, so a rollback command is not found wrong in the middle of a rollback.
 */
function checkCommandLines(written, locate) {
    for (const key of commandKeys) {
        const path = ['deploy', 'command', key];
        const line = (0,config_paths/* getAt */.sM)(written, path);
        if (typeof line !== 'string')
            continue;
        const asRun = line.replace(configReference, (match) => (match === '$${' ? '${' : 'value'));
        try {
            (0,command_line/* splitCommandLine */.a)(asRun);
        }
        catch (error) {
            throw new errors/* ConfigError */.xL(`${locate(path)}: ${(0,errors/* messageOf */.bD)(error)}; close the quote`);
        }
        const construct = (0,command_line/* shellConstructIn */.H)(asRun);
        if (construct === undefined)
            continue;
        const variable = /^\$\{?([A-Za-z_]\w*)/.exec(construct)?.[1];
        const instead = variable
            ? `let a script read ${variable} from its environment, or write bash -c '\u2026 "$${variable}"' (in single quotes, so bash expands it when the command runs)`
            : `put it in a script, or write bash -c '\u2026' around the whole line`;
        throw new errors/* ConfigError */.xL(`${locate(path)}: \`${construct}\` would reach the program as it is written: commands are split into words like a shell would, but not run through one, so no variable, pipe, ;, &&, redirection or * is applied; ${instead}`);
    }
}

;// CONCATENATED MODULE: ./src/config/duplicate-keys.ts


/**
 * What a duplicate-key error at `offset` means for the user: the setting given twice, by its
 * path, and the line of its first occurrence (yaml says only "Map keys must be unique"). Undefined
 * when no key starts there.
 */
function duplicateKeyProblem(doc, lines, offset) {
    let problem;
    (0,dist/* visit */.YR)(doc, {
        Pair(_, pair, ancestors) {
            if (!(0,dist/* isScalar */.jn)(pair.key) || pair.key.range?.[0] !== offset)
                return undefined;
            const map = ancestors.at(-1);
            const first = (0,dist/* isMap */.jh)(map) ? map.items.find((other) => (0,dist/* isScalar */.jn)(other.key) && other.key.value === pair.key.value) : undefined;
            const firstLine = first && (0,dist/* isScalar */.jn)(first.key) && first.key.range ? lines.linePos(first.key.range[0]).line : undefined;
            problem = `${(0,config_paths/* formatPath */.jV)([...pathTo(ancestors), String(pair.key.value)])} is given twice${firstLine === undefined ? '' : ` (first at line ${firstLine})`}; keep one`;
            return dist/* visit */.YR.BREAK;
        },
    });
    return problem;
}
function pathTo(ancestors) {
    const segments = [];
    ancestors.forEach((node, i) => {
        if ((0,dist/* isPair */.tO)(node) && (0,dist/* isScalar */.jn)(node.key))
            segments.push(String(node.key.value));
        else if ((0,dist/* isSeq */.oP)(node))
            segments.push(node.items.indexOf(ancestors[i + 1]));
    });
    return segments;
}

// EXTERNAL MODULE: ./src/config/interpolate.ts
var interpolate = __webpack_require__(2757);
// EXTERNAL MODULE: ./src/config/notify-schema.ts
var notify_schema = __webpack_require__(2153);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(2857);
// EXTERNAL MODULE: ./src/config/zod-helpers.ts
var zod_helpers = __webpack_require__(3595);
// EXTERNAL MODULE: ./src/template.ts
var src_template = __webpack_require__(5237);
// EXTERNAL MODULE: ./src/analysis/promql.ts
var promql = __webpack_require__(1731);
;// CONCATENATED MODULE: ./src/analysis/canary-queries.ts




const canaryPlaceholders = ['version', 'window', 'model', 'environment'];
const query = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* string */.YjP().min(1, { error: 'must not be empty' }));
/** deploy.analysis.canary (prometheus): one number per query for the version in {{version}}. */
const canaryQueriesSchema = (0,zod_helpers/* deferred */.yX)(() => (0,zod_helpers/* strictObject */.re)({
    /** Requests the version served in the window, e.g. sum(increase(agent_requests_total{version="{{version}}"}[{{window}}])). */
    requests: query,
    /** Of those, the failed ones, e.g. the same with code=~"5..". */
    errors: query,
    /** Cumulative bucket counts by `le`, e.g. sum by (le) (increase(agent_request_duration_seconds_bucket{version="{{version}}"}[{{window}}])). */
    latency_histogram: query.optional(),
    /** The unit of the histogram's `le` bounds (Prometheus convention: seconds). */
    latency_unit: (0,zod_helpers/* oneOf */.yL)(['seconds', 'milliseconds']).default('seconds'),
    /** Shortest {{window}}: at least two scrape intervals, or increase() has too few samples. */
    min_window: zod_helpers/* duration */.p0.default(60_000),
    /** Most latency samples per side given to Mann-Whitney; above it bucket counts are scaled down (fewer samples only weaken the test). */
    max_latency_samples: schemas/* number */.aig().int().min(100).max(1_000_000).default(20_000),
}).superRefine((config, ctx) => {
    const sample = { version: '2', window: '5m', model: 'model', environment: 'production' };
    for (const name of ['requests', 'errors', 'latency_histogram']) {
        const text = config[name];
        if (text === undefined)
            continue;
        try {
            (0,promql/* renderPromql */.Kx)(text, sample, `canary.${name}`);
        }
        catch (error) {
            if (!(error instanceof src_template/* TemplateError */.$w))
                throw error;
            ctx.addIssue({ code: 'custom', path: [name], message: `${error.message.replace(/^canary\.[^:]*: /, '')} (canary queries may use ${canaryPlaceholders.map((p) => `{{${p}}}`).join(', ')})` });
        }
    }
}));

// EXTERNAL MODULE: ./src/analysis/judgement-settings.ts
var judgement_settings = __webpack_require__(7235);
// EXTERNAL MODULE: ./src/analysis/prometheus-config.ts
var prometheus_config = __webpack_require__(6283);
// EXTERNAL MODULE: ./src/config/app-schema.ts
var app_schema = __webpack_require__(9153);
;// CONCATENATED MODULE: ./src/config/approval-schema.ts


/**
 * A Databricks deployment job's approval task checks a Unity Catalog model-version tag whose key
 * is the task's name (its task_key: letters, digits, _ and -, at most 100) and whose value is
 * "Approved", compared case-insensitively (the approval notebook of MLflow 3 deployment jobs).
 */
const approvalTag = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* string */.YjP().regex(/^[\w-]{1,100}$/, { error: "the approval task's name (task_key), e.g. Approval_Check: letters, digits, _ and -, at most 100" }));
/**
 * gate.uc_approval: the version must carry the approval tag. promote.uc_approval: once this run's
 * environment reviewers approved, promote writes it (with who and which run) before the alias moves.
 */
const ucApprovalSchema = (0,zod_helpers/* deferred */.yX)(() => (0,zod_helpers/* strictObject */.re)({
    tag: approvalTag,
    /** The value that means approved; read case-insensitively, as the approval task does. */
    value: schemas/* string */.YjP().min(1).default('Approved'),
}));

;// CONCATENATED MODULE: ./src/config/databricks-metrics-schema.ts



/** What a served entity's name may use: see analysis/databricks-metrics.ts. */
const entityPlaceholders = ['served_entity', 'stable_served_entity', 'version', 'previous_version', 'model', 'environment'];
const nonEmpty = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* string */.YjP().min(1, { error: 'must not be empty' }));
/**
 * deploy.analysis with provider: databricks-metrics: the serving endpoint's own metrics export
 * (GET /api/2.0/serving-endpoints/{name}/metrics), sampled over the bake. The workspace and its
 * credentials come from the Databricks connection (DATABRICKS_HOST and the auth variables).
 */
const databricksMetricsAnalysisSchema = (0,zod_helpers/* deferred */.yX)(() => (0,zod_helpers/* strictObject */.re)({
    provider: schemas/* literal */.euz('databricks-metrics'),
    /** The serving endpoint's name. */
    endpoint: nonEmpty,
    /** The canary's served entity name; {{served_entity}} is what the deploy target created. */
    canary_entity: nonEmpty.default('{{served_entity}}'),
    /**
     * The stable served entity, usually {{stable_served_entity}} (what the target serves beside the
     * canary). Skipped at 100%, when nothing stable serves: {{stable_served_entity}} is empty then.
     */
    stable_entity: nonEmpty.optional(),
    /**
     * The export's label naming the served entity. Databricks does not document it and public
     * scrapes disagree (served_entity, served_model, none), so by default it is detected on the
     * first read: served_entity, else served_model. Set it only for a label of another name.
     */
    entity_label: schemas/* string */.YjP().regex(/^[a-zA-Z_]\w*$/, { error: 'a Prometheus label name, like served_entity' }).optional(),
    /** How long to sample: usually the bake time. */
    window: zod_helpers/* duration */.p0.default(600_000),
    /**
     * Between scrapes. The documented export holds the last minute's counts, so scraping more often
     * re-reads a minute (counted once: by its timestamp, or by the scrape's clock minute without one);
     * scraping less often than every minute misses minutes.
     */
    scrape_interval: zod_helpers/* duration */.p0.default(60_000),
    /** Which HTTP status classes count as errors (Databricks' own error rate counts both). */
    errors: schemas/* array */.YOg((0,zod_helpers/* oneOf */.yL)(['4xx', '5xx'])).min(1).default(['4xx', '5xx']),
    timeout: zod_helpers/* timeoutDuration */.sP.default(30_000),
    limits: (0,zod_helpers/* strictObject */.re)({
        error_rate: schemas/* number */.aig().min(0).max(1).default(0.05),
        latency_p95_ms: schemas/* number */.aig().positive().optional(),
    }).default({ error_rate: 0.05 }),
    /** An entity with no samples in the export: fail the analysis (default), or pass with a warning. */
    missing: (0,zod_helpers/* oneOf */.yL)(['fail', 'warn']).default('fail'),
    // deploy.analysis extends this with its canary judgement; unknown-key errors list it too.
}, ['judgement']).superRefine((c, ctx) => {
    for (const key of ['canary_entity', 'stable_entity']) {
        const problem = c[key] === undefined ? undefined : (0,src_template/* unknownPlaceholder */.mz)(c[key], entityPlaceholders);
        if (problem)
            ctx.addIssue({ code: 'custom', path: [key], message: problem });
    }
    if (c.scrape_interval < 1_000)
        ctx.addIssue({ code: 'custom', path: ['scrape_interval'], message: 'scrape at most once a second (the export changes once a minute)' });
    if (c.window < c.scrape_interval)
        ctx.addIssue({ code: 'custom', path: ['window'], message: `the window (${c.window} ms) must hold at least one scrape_interval (${c.scrape_interval} ms)` });
}));

// EXTERNAL MODULE: ./src/databricks/ai-gateway.ts
var ai_gateway = __webpack_require__(9054);
;// CONCATENATED MODULE: ./src/config/serving-schema.ts



/**
 * `deploy.serving`: the databricks-serving target's settings. Sizing applies to entities this
 * release adds; an entity that already serves keeps its own settings, because changing them
 * would restart it in the middle of a canary.
 */
const servingSchema = (0,zod_helpers/* deferred */.yX)(() => (0,zod_helpers/* strictObject */.re)({
    /** The Model Serving endpoint; created on the first release. */
    endpoint: schemas/* string */.YjP().regex(/^[A-Za-z0-9_-]{1,63}$/, { error: 'an endpoint name is 1-63 letters, digits, "-" or "_"' }),
    /** The registered model the endpoint serves (Unity Catalog: catalog.schema.model); default model.name. */
    entity_name: schemas/* string */.YjP().min(1, { error: 'must not be empty' }).optional(),
    workload_size: schemas/* string */.YjP().min(1, { error: 'must not be empty' }).default('Small'),
    /** CPU, GPU_SMALL, \u2026; the workspace's default when left out. */
    workload_type: schemas/* string */.YjP().min(1, { error: 'must not be empty' }).optional(),
    scale_to_zero: schemas/* boolean */.zMY().default(true),
    /** How long an update may take to reach READY before deploy gives up (model loading can take many minutes). */
    ready_timeout: zod_helpers/* timeoutDuration */.sP.default(30 * 60_000),
    /**
     * When someone else's update is in progress: wait for it (true) or refuse in preflight (false,
     * the default: a release should not queue behind a change nobody in this run reviewed).
     */
    wait_for_idle: schemas/* boolean */.zMY().default(false),
    /**
     * AI Gateway settings (usage tracking, inference tables, rate limits, guardrails), applied after
     * the endpoint is READY. Agent endpoints take only inference_table_config; preflight refuses the rest there.
     */
    ai_gateway: ai_gateway/* aiGatewaySchema */.U.optional(),
    /** For entities this release adds; secrets as {{secrets/<scope>/<key>}} references, never values. */
    environment_vars: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()).optional(),
    /**
     * Endpoint tags (they propagate to billing logs): set at create, and on an existing endpoint
     * kept in step by every deploy (PATCH /tags adds or updates these keys; tags set by others stay).
     * A rollback restores the tags the endpoint had before the rollout.
     */
    tags: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()).optional(),
}));

// EXTERNAL MODULE: ./src/config/evaluate-schema.ts + 1 modules
var evaluate_schema = __webpack_require__(7327);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/iso.js
var iso = __webpack_require__(4377);
;// CONCATENATED MODULE: ./src/config/shadow-schema.ts


const pattern = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* string */.YjP().min(1).refine((p) => {
    try {
        new RegExp(p, 'g');
        return true;
    }
    catch {
        return false;
    }
}, { error: 'not a valid regular expression (JavaScript syntax, e.g. "\\\\b\\\\d{13,19}\\\\b")' }));
/**
 * Shadow replay (`agent-release shadow`): recorded production requests replayed to the candidate
 * and the champion through evaluate.endpoint (its url filled with each version's source).
 */
const shadowSchema = (0,zod_helpers/* deferred */.yX)(() => (0,zod_helpers/* strictObject */.re)({
    requests: (0,zod_helpers/* strictObject */.re)({
        /** An inference table export: JSONL or CSV with databricks_request_id, request, status_code. */
        path: (0,zod_helpers/* workspacePath */.X5)().optional(),
        format: (0,zod_helpers/* oneOf */.yL)(['jsonl', 'csv']).optional(),
        /** Or the traces of an experiment in the tracking server (registry mlflow or unity-catalog), by time window. */
        mlflow_traces: (0,zod_helpers/* strictObject */.re)({
            experiment: schemas/* string */.YjP().min(1),
            /** How far back from `until` (default: now), e.g. 24h. */
            window: zod_helpers/* duration */.p0.default(86_400_000),
            until: iso/* datetime */.w$({ error: 'an ISO 8601 time, e.g. 2026-12-06T00:00:00Z' }).optional(),
        }).optional(),
        /** Requests replayed at most, sampled evenly from the source (seeded). */
        sample: schemas/* number */.aig().int().min(1).max(100_000).default(2000),
        seed: schemas/* number */.aig().int().min(0).default(1),
    }).superRefine((r, ctx) => {
        if ((r.path === undefined) === (r.mlflow_traces === undefined)) {
            ctx.addIssue({ code: 'custom', path: ['path'], message: 'give the recorded requests as path (an inference table export) or as mlflow_traces (an experiment and a window), one of the two' });
        }
        if (r.format !== undefined && r.path === undefined)
            ctx.addIssue({ code: 'custom', path: ['format'], message: 'format applies to path only' });
    }),
    concurrency: schemas/* number */.aig().int().min(1).max(256).default(8),
    /** The pairwise judge: an OpenAI-compatible chat endpoint. */
    judge: (0,zod_helpers/* strictObject */.re)({
        url: schemas/* string */.YjP().url({ error: 'the judge URL, e.g. https://api.openai.com/v1/chat/completions' }),
        model: schemas/* string */.YjP().min(1).optional(),
        headers: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()).default({}),
        timeout: zod_helpers/* timeoutDuration */.sP.default(60_000),
        retries: schemas/* number */.aig().int().min(0).max(10).default(3),
        rubric: schemas/* string */.YjP().min(1).optional(),
    }),
    /** Write the requests and answers (after redaction) to shadow-pairs.jsonl; off by default, as they may hold personal data. */
    record_text: schemas/* boolean */.zMY().default(false),
    /** Regular expressions whose matches become [REDACTED] in any text written (record_text). */
    redact: schemas/* array */.YOg(pattern).default([]),
}));
/** gate.shadow: the candidate must not lose to the champion on replayed traffic. */
const gateShadowSchema = (0,zod_helpers/* deferred */.yX)(() => (0,zod_helpers/* strictObject */.re)({
    /** Fewer replayed-and-judged pairs than this fails: too little evidence. */
    min_replayed: schemas/* number */.aig().int().min(1).default(200),
    /** Largest acceptable lossRate \u2212 winRate (0 = must not lose more often than it wins, beyond doubt). */
    max_net_loss: schemas/* number */.aig().min(0).max(1).default(0),
    confidence: schemas/* number */.aig().gt(0.5).lt(1).default(0.95),
    /**
     * Largest share of the replayed requests either side may fail to answer. Only pairs both sides
     * answered are judged, so past this the verdict would rest on a remnant of the traffic; a
     * champion that fails this often usually means its URL or credentials are wrong.
     */
    max_error_rate: schemas/* number */.aig().min(0).max(1).default(0.1),
    /** How much more often than the champion the candidate may fail to answer (0.02 = 2 points). */
    max_error_increase: schemas/* number */.aig().min(0).max(1).default(0.02),
}));

;// CONCATENATED MODULE: ./src/config/schema.ts













const registryKinds = ['local', 'mlflow', 'unity-catalog'];
const targetKinds = ['command', 'databricks-serving', 'databricks-app'];
const strategyKinds = ['all-at-once', 'canary', 'blue-green'];
const analysisProviders = ['http-probe', 'prometheus', 'databricks-metrics'];
const schema_nonEmpty = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* string */.YjP().min(1, { error: 'must not be empty' }));
const metricName = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* string */.YjP().regex(/^[\w.-]+(\/[\w.-]+)*$/, { error: 'metric names look like "scorer/mean" or "latency_ms/p95"' }));
const model = (0,zod_helpers/* lazySchema */.ID)(() => (0,zod_helpers/* strictObject */.re)({
    /** Also the folder of its files under artifacts_dir: "." or ".." would put them beside or outside it. */
    name: schema_nonEmpty.refine((name) => !/^\.+$/.test(name), { error: 'a model name is more than dots; give the name it is registered under' }),
    registry: (0,zod_helpers/* oneOf */.yL)(registryKinds).default('local'),
    /** The embedded registry's file, relative to the config's working directory. */
    path: (0,zod_helpers/* workspacePath */.X5)().default('.agent-release/registry.json'),
    /**
     * registry: mlflow \u2014 the tracking server, http(s)://host[:port][/prefix], or "databricks" for the
     * workspace in DATABRICKS_HOST; default MLFLOW_TRACKING_URI. Unity Catalog always uses the workspace.
     */
    tracking_uri: schema_nonEmpty.optional(),
}).superRefine((m, ctx) => {
    if (m.registry === 'unity-catalog' && !/^[^.\s/]+\.[^.\s/]+\.[^.\s/]+$/.test(m.name)) {
        ctx.addIssue({ code: 'custom', path: ['name'], message: `must be catalog.schema.model for registry: unity-catalog, got "${m.name}"` });
    }
    if (m.registry === 'unity-catalog' && m.tracking_uri !== undefined && m.tracking_uri !== 'databricks') {
        ctx.addIssue({ code: 'custom', path: ['tracking_uri'], message: 'Unity Catalog models are tracked in the Databricks workspace (DATABRICKS_HOST); leave tracking_uri out or set it to "databricks"' });
    }
}));
const threshold = (0,zod_helpers/* lazySchema */.ID)(() => (0,zod_helpers/* strictObject */.re)({ min: schemas/* number */.aig().optional(), max: schemas/* number */.aig().optional() }).superRefine((t, ctx) => {
    if (t.min === undefined && t.max === undefined)
        ctx.addIssue({ code: 'custom', message: 'give min, max or both' });
    // No value could pass: a gate that can only fail is a typo, not a policy.
    if (t.min !== undefined && t.max !== undefined && t.min > t.max)
        ctx.addIssue({ code: 'custom', path: ['min'], message: `min ${t.min} is above max ${t.max}; no value could pass` });
}));
const aliasName = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* string */.YjP().regex(/^[A-Za-z_][\w-]*$/, { error: 'an alias is a name like champion or staging' }));
/**
 * Only a scorer's mean has per-example scores in results.jsonl to pair and compare; latency
 * percentiles and error_rate are summary-level numbers, so they are gated with thresholds.
 */
const comparableMetric = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* string */.YjP().regex(/^(?!latency_ms\/|tokens\/mean$|cost\/mean$)[\w.-]+\/mean$/, {
    error: 'only scorer means ("<scorer>/mean", e.g. "contains/mean") can be compared with the champion; gate latency_ms/* and error_rate with gate.thresholds, and compare tokens/mean and cost/mean with gate.baseline.max_increase',
}));
/** Spend per example, compared with the champion as a ratio (see src/stats/increase.ts). */
const spendMetrics = ['tokens/mean', 'cost/mean'];
const spendMetric = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* string */.YjP().refine((name) => spendMetrics.includes(name), { error: `only ${spendMetrics.join(' and ')} can be compared as an increase over the champion` }));
/** Champion comparison: see src/gate/baseline.ts for how each field is used. */
const baseline = (0,zod_helpers/* deferred */.yX)(() => (0,zod_helpers/* strictObject */.re)({
    /** The alias whose holder is the champion; default: promote.alias. */
    alias: aliasName.optional(),
    /** Largest acceptable fall of each mean, in the metric's own units (0.03 = three points of pass rate); may be left out when max_increase lists spend to compare. */
    max_drop: schemas/* record */.g1P(comparableMetric, schemas/* number */.aig({ error: 'expected a number \u2265 0: how far the mean may fall (0.03 = three points)' }).min(0, { error: 'a drop allowance is \u2265 0 (0 = no drop allowed)' })).default({}),
    confidence: schemas/* number */.aig()
        .gt(0, { error: 'confidence is strictly between 0 and 1, e.g. 0.95' })
        .lt(1, { error: 'confidence is strictly between 0 and 1, e.g. 0.95' })
        .default(0.95),
    /**
     * When the interval cannot tell (it straddles \u2212max_drop). `fail` means "prove the candidate
     * is no worse than champion \u2212 max_drop", which with max_drop 0 blocks equal agents most of the time.
     */
    inconclusive: (0,zod_helpers/* oneOf */.yL)(['warn', 'fail', 'pass']).default('warn'),
    /** A fixed baseline evaluation instead of the alias holder's own files. */
    summary_path: (0,zod_helpers/* workspacePath */.X5)().optional(),
    /** Default: results.jsonl beside summary_path. */
    results_path: (0,zod_helpers/* workspacePath */.X5)().optional(),
    /** Largest acceptable rise of spend per example, as a ratio: 0.1 = at most 10% more tokens or cost than the champion. */
    max_increase: schemas/* record */.g1P(spendMetric, schemas/* number */.aig({ error: 'expected a ratio \u2265 0: how much the mean may grow (0.1 = 10%)' }).min(0, { error: 'an increase allowance is \u2265 0 (0 = no increase allowed)' }))
        .optional(),
}).superRefine((b, ctx) => {
    if (Object.keys(b.max_drop).length === 0 && Object.keys(b.max_increase ?? {}).length === 0) {
        ctx.addIssue({ code: 'custom', path: ['max_drop'], message: 'list at least one metric in max_drop (e.g. "contains/mean": 0.03) or in max_increase (e.g. "cost/mean": 0.1)' });
    }
    if (b.results_path !== undefined && b.summary_path === undefined) {
        ctx.addIssue({ code: 'custom', path: ['summary_path'], message: 'results_path needs summary_path too: the summary carries the dataset digest the two evaluations must share' });
    }
}));
/** A path under gate.artifact_root; "{N}" becomes the version being decided. */
const rootRelativePath = schema_nonEmpty.refine((p) => !p.startsWith('/') && !p.includes('\\') && !p.split('/').includes('..'), {
    error: 'write a path relative to gate.artifact_root, without ".." (e.g. signoffs/v{N}/decision.md)',
});
const artifactName = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* string */.YjP().regex(/^(?!\.{1,2}$)[\w.-]+$/, { error: 'a single folder or file name, like deployment_plans or plan.md' }));
const signoff = (0,zod_helpers/* deferred */.yX)(() => (0,zod_helpers/* strictObject */.re)({
    path: rootRelativePath.default('signoffs/v{N}/decision.md'),
    max_bytes: schemas/* number */.aig().int().min(1).max(16 * 1024 * 1024).default(1024 * 1024),
}));
const versionConsistency = (0,zod_helpers/* deferred */.yX)(() => (0,zod_helpers/* strictObject */.re)({
    /** candidate_v<N>, @candidate_v<N> or prompts:/<name>@candidate_v<N>; usually "${PROMPT_CANDIDATE}" set by the workflow. */
    prompt_candidate: schema_nonEmpty.optional(),
    /** Take the candidate_v<N> alias that points at the version being decided from the model registry. */
    prompt_candidate_from_aliases: schemas/* boolean */.zMY().default(false),
}).superRefine((v, ctx) => {
    if (v.prompt_candidate !== undefined && v.prompt_candidate_from_aliases) {
        ctx.addIssue({ code: 'custom', path: ['prompt_candidate_from_aliases'], message: 'give prompt_candidate or prompt_candidate_from_aliases, not both' });
    }
}));
const deploymentPlan = (0,zod_helpers/* deferred */.yX)(() => (0,zod_helpers/* strictObject */.re)({
    dir: artifactName.default('deployment_plans'),
    file: artifactName.default('plan.md'),
    max_attempts: schemas/* number */.aig().int().min(1).max(1000).default(20),
}));
const gate = (0,zod_helpers/* lazySchema */.ID)(() => (0,zod_helpers/* strictObject */.re)({
    thresholds: schemas/* record */.g1P(metricName, threshold).default({}),
    /** Other names a metric may carry in an evaluator's summary, tried in order. */
    metric_aliases: schemas/* record */.g1P(metricName, schemas/* array */.YOg(metricName)).default({}),
    missing_metric: (0,zod_helpers/* oneOf */.yL)(['fail', 'warn']).default('fail'),
    baseline: baseline.optional(),
    /** Where signoffs and deployment plans live: a folder (relative to the workspace; default ".") or /Volumes/<catalog>/<schema>/<volume>[/...] through the Files API. */
    artifact_root: (0,zod_helpers/* workspacePath */.X5)().optional(),
    signoff: signoff.optional(),
    version_consistency: versionConsistency.optional(),
    deployment_plan: deploymentPlan.optional(),
    /** Unity Catalog approval: the version must carry the deployment job's approval tag (see src/gate/uc-approval.ts). */
    uc_approval: ucApprovalSchema.optional(),
    /** Shadow replay: the candidate must not lose to the champion on recorded traffic (see src/gate/shadow-rule.ts). */
    shadow: gateShadowSchema.optional(),
}).superRefine((g, ctx) => {
    if (Object.keys(g.thresholds).length === 0 && !g.baseline) {
        ctx.addIssue({ code: 'custom', path: ['thresholds'], message: 'list at least one metric threshold (or configure a baseline)' });
    }
}));
const promote = (0,zod_helpers/* lazySchema */.ID)(() => (0,zod_helpers/* strictObject */.re)({
    alias: aliasName.default('champion'),
    /** Mirror the GitHub environment's approval into Unity Catalog's approval tag (see src/promote/approval.ts). */
    uc_approval: ucApprovalSchema.optional(),
}));
/** What an http-probe URL may name: see analysis/http-probe.ts. */
const probePlaceholders = ['version', 'model', 'previous_version', 'environment', 'served_entity'];
/** Keys the deploy section's analysis adds to each provider's own (below): valid wherever these schemas are used, so unknown-key errors list them. */
const analysisExtensions = ['judgement'];
const httpProbe = (0,zod_helpers/* deferred */.yX)(() => (0,zod_helpers/* strictObject */.re)({
    provider: schemas/* literal */.euz('http-probe'),
    /** May use {{version}}, {{model}}, {{previous_version}} and {{environment}}. */
    url: schema_nonEmpty,
    method: (0,zod_helpers/* oneOf */.yL)(['GET', 'POST']).default('GET'),
    headers: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()).default({}),
    /** JSON body for POST probes. */
    body: schemas/* unknown */.L5J().optional(),
    requests: schemas/* number */.aig().int().min(1).max(100_000).default(20),
    concurrency: schemas/* number */.aig().int().min(1).max(256).default(4),
    timeout: zod_helpers/* timeoutDuration */.sP.default(10_000),
    limits: (0,zod_helpers/* strictObject */.re)({
        error_rate: schemas/* number */.aig().min(0).max(1).default(0.05),
        latency_p95_ms: schemas/* number */.aig().positive().optional(),
    }).default({ error_rate: 0.05 }),
    /** Rate mode instead of `requests`: start this many requests per second, open loop, for `duration`. */
    rate: schemas/* number */.aig().positive().max(10_000).optional(),
    duration: zod_helpers/* duration */.p0.optional(),
    /** Rate mode: unanswered requests allowed at once; further slots are dropped and count as errors. Default rate \u00d7 timeout + 1. */
    max_in_flight: schemas/* number */.aig().int().min(1).max(10_000).optional(),
    /** The stable version, probed alongside `url` for the canary comparison; {{version}} and {{served_entity}} are the stable's here. */
    stable_url: schema_nonEmpty.optional(),
}, analysisExtensions).superRefine((p, ctx) => {
    for (const key of ['url', 'stable_url']) {
        const problem = p[key] === undefined ? undefined : ((0,src_template/* unknownPlaceholder */.mz)(p[key], probePlaceholders) ?? (0,src_template/* httpUrlProblem */.Hv)(p[key]));
        if (problem)
            ctx.addIssue({ code: 'custom', path: [key], message: problem });
    }
    if ((p.rate === undefined) !== (p.duration === undefined)) {
        ctx.addIssue({ code: 'custom', path: [p.rate === undefined ? 'rate' : 'duration'], message: 'rate mode needs both rate (requests per second) and duration (e.g. 2m)' });
    }
    if (p.max_in_flight !== undefined && p.rate === undefined) {
        ctx.addIssue({ code: 'custom', path: ['max_in_flight'], message: 'max_in_flight applies to rate mode only; use concurrency with requests' });
    }
    if (p.rate !== undefined && p.duration !== undefined && Math.floor((p.rate * p.duration) / 1000 + 1e-9) < 1) {
        ctx.addIssue({ code: 'custom', path: ['duration'], message: `${p.rate} requests per second for ${p.duration} ms is less than one request; lengthen the duration or raise the rate` });
    }
}));
/**
 * The canary judgement (limits, canary-vs-stable tests, the inconclusive policy) rides on the
 * analysis section; prometheus may add per-version `canary` queries that feed it.
 */
const analysis = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* discriminatedUnion */.gMt('provider', [
    (0,zod_helpers/* deferred */.yX)(() => httpProbe.unwrap().safeExtend({ judgement: judgement_settings/* judgementSettingsSchema */.m.optional() }), { key: 'provider', value: 'http-probe' }),
    (0,zod_helpers/* deferred */.yX)(() => prometheus_config/* prometheusAnalysisSchema */.C.unwrap().safeExtend({ judgement: judgement_settings/* judgementSettingsSchema */.m.optional(), canary: canaryQueriesSchema.optional() }), { key: 'provider', value: 'prometheus' }),
    (0,zod_helpers/* deferred */.yX)(() => databricksMetricsAnalysisSchema.unwrap().safeExtend({ judgement: judgement_settings/* judgementSettingsSchema */.m.optional() }), { key: 'provider', value: 'databricks-metrics' }),
], {
    error: (issue) => {
        if (issue.code !== 'invalid_union')
            return undefined;
        const given = issue.input?.provider;
        const hint = typeof given === 'string' ? (0,zod_helpers/* suggestion */.h)(given, analysisProviders) : '';
        return `provider must be one of ${analysisProviders.join(', ')}${hint ? ` (${hint})` : ''}`;
    },
}).superRefine((a, ctx) => {
    // A judgement the provider cannot feed would only show after a deploy and a bake (inconclusive, or an error mid-rollout).
    const judgement = a.judgement;
    if (!judgement)
        return;
    if (Object.keys(judgement.limits.scores).length > 0) {
        ctx.addIssue({ code: 'custom', path: ['judgement', 'limits', 'scores'], message: 'no analysis provider measures per-request scores, so these limits could only be inconclusive and the rollout would fail after its bake extensions; remove judgement.limits.scores and gate scores before release with gate.thresholds' });
    }
    if (a.provider === 'prometheus' && !a.canary) {
        ctx.addIssue({ code: 'custom', path: ['judgement'], message: 'with provider prometheus the judgement needs per-version counts: give canary.requests and canary.errors (queries with limits are judged without a judgement), or remove judgement' });
        return;
    }
    const latencyHistogram = a.provider !== 'prometheus' || a.canary?.latency_histogram !== undefined;
    const latencyComparison = a.provider === 'databricks-metrics'
        ? "comparing latency needs per-request latencies of both versions, and databricks-metrics reads only a p95 per served entity; remove compare.latency (judgement.limits.latency_p95_ms still limits the canary's p95) or use http-probe with stable_url"
        : latencyHistogram ? undefined : 'comparing latency needs the latencies of both versions: give canary.latency_histogram, or remove compare.latency';
    if (judgement.compare.latency && latencyComparison)
        ctx.addIssue({ code: 'custom', path: ['judgement', 'compare', 'latency'], message: latencyComparison });
    if (judgement.limits.latency_p95_ms !== undefined && !latencyHistogram) {
        ctx.addIssue({ code: 'custom', path: ['judgement', 'limits', 'latency_p95_ms'], message: "the canary's p95 needs canary.latency_histogram; give it, or remove judgement.limits.latency_p95_ms" });
    }
}));
const command = (0,zod_helpers/* deferred */.yX)(() => (0,zod_helpers/* strictObject */.re)({
    deploy: schema_nonEmpty,
    rollback: schema_nonEmpty,
    /** Canary and blue-green: moves traffic to AGENT_RELEASE_TRAFFIC percent after the first step deployed the version. */
    set_traffic: schema_nonEmpty.optional(),
    /** Working directory for the commands, relative to the config's working directory. */
    cwd: schema_nonEmpty.optional(),
    /** How long one command may run before its process group is stopped (e.g. 30m). */
    timeout: zod_helpers/* timeoutDuration */.sP.default(30 * 60_000),
}));
const trafficStep = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* number */.aig().int({ error: 'a step is a whole percentage, e.g. 10' }).min(1, { error: 'a canary step sends at least 1% of traffic' }).max(100, { error: 'a step is at most 100 (%)' }));
const deploy = (0,zod_helpers/* lazySchema */.ID)(() => (0,zod_helpers/* strictObject */.re)({
    target: (0,zod_helpers/* oneOf */.yL)(targetKinds).default('command'),
    strategy: (0,zod_helpers/* oneOf */.yL)(strategyKinds).default('all-at-once'),
    /** canary: the candidate's traffic after each step, increasing and ending at 100, e.g. [10, 50, 100]. */
    steps: schemas/* array */.YOg(trafficStep).min(1).optional(),
    /** How long each step serves before it is analysed (and each inconclusive extension); default 5m for canary and blue-green, 0 for all-at-once. */
    bake: zod_helpers/* duration */.p0.optional(),
    /** Go straight to 100% without bake or analysis, e.g. redeploying a known-good version; recorded in the summary. */
    skip_analysis: schemas/* boolean */.zMY().default(false),
    /**
     * Looks in a row whose analysis could not reach its metrics source (refused, timed out, 5xx)
     * that are looked at again, after the bake or 30s, before the step fails and rolls back: a
     * Prometheus restart is not the candidate's fault. 0 rolls back at the first.
     */
    analysis_error_limit: schemas/* number */.aig().int().min(0).max(10).default(2),
    /** Also write the rollout's state as version tags (status, step), so a re-run on a runner without the state file knows where it was. */
    state_tags: schemas/* boolean */.zMY().default(true),
    command: command.optional(),
    /** The databricks-serving target: the endpoint, its sizing and the AI Gateway. */
    serving: servingSchema.optional(),
    /** The databricks-app target: the Asset Bundle that deploys the app. */
    app: app_schema/* appDeploySchema */.W.optional(),
    /** Shown as the deployment's URL; may use {{version}} and {{environment}}. */
    url: schema_nonEmpty.optional(),
    /** Run after each step; a failure rolls back automatically. Also what `verify` runs. */
    analysis: analysis.optional(),
}).superRefine((d, ctx) => {
    const urlProblem = d.url === undefined ? undefined : ((0,src_template/* unknownPlaceholder */.mz)(d.url, ['version', 'model', 'environment']) ?? (0,src_template/* httpUrlProblem */.Hv)(d.url));
    if (urlProblem)
        ctx.addIssue({ code: 'custom', path: ['url'], message: urlProblem });
    if (d.target === 'command' && !d.command) {
        ctx.addIssue({ code: 'custom', path: ['command'], message: 'the command target needs command.deploy and command.rollback' });
    }
    if (d.target === 'databricks-serving' && !d.serving) {
        ctx.addIssue({ code: 'custom', path: ['serving'], message: 'the databricks-serving target needs serving.endpoint' });
    }
    if (d.target === 'databricks-app') {
        if (!d.app)
            ctx.addIssue({ code: 'custom', path: ['app'], message: 'the databricks-app target needs app.target and app.resource' });
        const problem = (0,app_schema/* appStrategyProblem */.M)(d.strategy);
        if (problem)
            ctx.addIssue({ code: 'custom', path: ['strategy'], message: problem });
    }
    if (d.target === 'command' && d.command && d.strategy !== 'all-at-once' && !d.command.set_traffic) {
        ctx.addIssue({ code: 'custom', path: ['command', 'set_traffic'], message: `strategy ${d.strategy} moves traffic between steps; give command.set_traffic (run with AGENT_RELEASE_TRAFFIC set to the new percentage)` });
    }
    if (d.steps && d.strategy !== 'canary') {
        ctx.addIssue({ code: 'custom', path: ['steps'], message: `steps apply to strategy canary only; ${d.strategy} has fixed steps (${d.strategy === 'blue-green' ? '0% beside the stable, then 100%' : '100%'})` });
    }
    if (d.steps && d.strategy === 'canary') {
        const steps = d.steps;
        if (steps.some((weight, i) => i > 0 && weight <= steps[i - 1])) {
            ctx.addIssue({ code: 'custom', path: ['steps'], message: `steps must increase, e.g. [10, 50, 100]; got [${steps.join(', ')}]` });
        }
        else if (steps.at(-1) !== 100) {
            ctx.addIssue({ code: 'custom', path: ['steps'], message: `the last step must be 100 (the candidate takes all traffic); got [${steps.join(', ')}]` });
        }
    }
}).superRefine((d, ctx) => {
    // Blue-green's first look is at 0%: a provider that watches user traffic sees none and reports it missing.
    const provider = d.analysis?.provider;
    if (d.strategy === 'blue-green' && !d.skip_analysis && (provider === 'databricks-metrics' || provider === 'prometheus') && d.analysis?.missing === 'fail') {
        const watches = provider === 'databricks-metrics' ? "the candidate's served entity in the metrics export" : "the candidate's traffic through analysis.queries";
        ctx.addIssue({ code: 'custom', path: ['analysis', 'provider'], message: `strategy blue-green analyses the candidate at 0% of traffic first, where ${provider} watches ${watches} and finds none, so the rollout would fail as missing after the deploy and the bake; use http-probe (it reaches the candidate directly through {{served_entity}}), or set analysis.missing: warn to let the 0% look pass with a warning and judge the switch to 100%` });
    }
}));
/** Everything but `environments`; an environment overlay is a partial of this. */
const baseConfigShape = {
    version: schemas/* literal */.euz(1, { error: 'the config format version must be 1' }),
    model,
    /** The tracking convention's experiments; defaults under /Shared/agent-release/<model>/ (see defaultExperimentNames). */
    experiments: (0,zod_helpers/* strictObject */.re)({ development: schema_nonEmpty.optional(), evaluation: schema_nonEmpty.optional(), deployment: schema_nonEmpty.optional() }).default({}),
    /** Where evaluate, gate and deploy write their files. */
    artifacts_dir: (0,zod_helpers/* workspacePath */.X5)().default('.agent-release'),
    evaluate: evaluate_schema/* evaluateSchema */.$F.optional(),
    gate: gate.optional(),
    promote: promote.default({ alias: 'champion' }),
    deploy: deploy.optional(),
    /** Slack, Teams or signed JSON webhooks told of gate failures, promotions, deploys and rollbacks. */
    notifications: notify_schema/* notificationsSchema */.uY.optional(),
    /** Recorded production requests replayed to candidate and champion (the shadow mode). */
    shadow: shadowSchema.optional(),
};
// environments: overlays merged into the base (config/load.ts) before it is checked.
const configSchema = (0,zod_helpers/* lazySchema */.ID)(() => (0,zod_helpers/* strictObject */.re)(baseConfigShape, ['environments']));

;// CONCATENATED MODULE: ./src/config/sections.ts
function settingsInUse(sections) {
    if (!sections)
        return { has: () => true, unusedRoot: () => undefined };
    const split = (s) => s.split('.');
    const included = sections.filter((s) => !s.startsWith('!')).map(split);
    const excluded = sections.filter((s) => s.startsWith('!')).map((s) => split(s.slice(1)));
    const under = (p, prefix) => prefix.every((key, i) => String(p[i]) === String(key));
    const has = (p) => included.some((prefix) => under(p, prefix)) && !excluded.some((prefix) => under(p, prefix));
    // evaluate holds evaluate.endpoint, which shadow reads, though shadow reads no other part of it.
    const holdsUsed = (q) => has(q) || included.some((prefix) => prefix.length > q.length && under(prefix, q));
    return {
        has,
        unusedRoot: (p) => {
            for (let depth = 1; depth <= p.length; depth++) {
                if (!holdsUsed(p.slice(0, depth)))
                    return p.slice(0, depth);
            }
            return undefined;
        },
    };
}
const reference = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(:-[^}]*)?\}/g;
/**
 * The variables a value as written still refers to after interpolation: those unset (or empty)
 * without a default, or, without `env` (an environment overlay that is not selected, never
 * interpolated), every one.
 */
function unsetReferences(written, env) {
    const names = [];
    for (const [match, name, fallback] of written.matchAll(reference)) {
        if (match === '$${' || name === undefined)
            continue;
        if (!env || ((env[name] ?? '') === '' && fallback === undefined))
            names.push(name);
    }
    return [...new Set(names)];
}

// EXTERNAL MODULE: ./src/config/yaml-nesting.ts
var yaml_nesting = __webpack_require__(8812);
;// CONCATENATED MODULE: ./src/config/load.ts

















async function loadConfig(options) {
    const { file, workdir, environment } = options;
    const absolute = external_node_path_default().resolve(workdir, file);
    let bytes;
    try {
        bytes = await (0,fs_async/* readFile */.TA)(absolute);
    }
    catch (error) {
        const code = error.code;
        throw new errors/* ConfigError */.xL(code === 'ENOENT'
            ? `config file ${file} not found (looked in ${absolute}); create it (see the README's config reference) or point the config input / --config at it`
            : code === 'EISDIR'
                ? `config file ${file} is a directory; point the config input / --config at the YAML file in it (e.g. ${external_node_path_default().join(file, 'agent-release.yml')})`
                : `cannot read config file ${file}: ${error.message}`);
    }
    // Decoded regardless, a binary or Latin-1 file would turn into replacement characters and be reported as a string.
    if (!(0,external_node_buffer_.isUtf8)(bytes))
        throw new errors/* ConfigError */.xL((await (0,utf8/* notUtf8 */.T)(absolute, 'the config', file)).message);
    const text = bytes.toString('utf8');
    const parse = (checkJsonSchema) => parseConfig(text, { ...options, file, workdir, environment, checkJsonSchema });
    // Ajv (about 300 KB, a fifth of the libraries a run loads at start-up) is loaded only when a
    // json_schema scorer (in any environment) has a schema to compile; the file is then parsed again.
    let hasJsonSchemas = false;
    let loaded;
    try {
        loaded = parse(() => {
            hasJsonSchemas = true;
            return undefined;
        });
    }
    catch (error) {
        if (!hasJsonSchemas)
            throw error;
    }
    if (hasJsonSchemas)
        loaded = parse((await Promise.all(/* import() */[__webpack_require__.e(745), __webpack_require__.e(93)]).then(__webpack_require__.bind(__webpack_require__, 93))).jsonSchemaProblem);
    await checkLocalPaths(loaded);
    return loaded;
}
/** A file where a folder belongs, or the other way round, said before a mode trips on it as ENOTDIR or EISDIR. */
async function checkLocalPaths({ config, file, workdir }) {
    const kindOf = async (where) => (await (0,fs_async/* stat */.dJ)(external_node_path_default().resolve(workdir, where)).catch(() => undefined))?.isDirectory();
    if ((await kindOf(config.artifacts_dir)) === false) {
        throw new errors/* ConfigError */.xL(`${file}: artifacts_dir: ${config.artifacts_dir} is a file; artifacts_dir names the folder evaluations and decisions are written to (default .agent-release)`);
    }
    if (config.model.registry === 'local' && (await kindOf(config.model.path)) === true) {
        throw new errors/* ConfigError */.xL(`${file}: model.path: ${config.model.path} is a folder; model.path names the local registry's JSON file (default .agent-release/registry.json)`);
    }
}
/** loadConfig without the file read; `checkJsonSchema` is jsonSchemaProblem from evaluate/json-schema. */
function parseConfig(text, options) {
    const { file, environment, checkJsonSchema } = options;
    const parsed = (0,yaml_nesting/* parseDocumentChecked */.SL)(text, { uniqueKeys: true });
    if ('tooDeep' in parsed)
        throw new errors/* ConfigError */.xL(`${file}:${parsed.tooDeep.line}: ${parsed.tooDeep.message}`);
    const { doc, lines } = parsed;
    if (doc.errors.length > 0) {
        const messages = doc.errors.map((e) => {
            const at = lines.linePos(e.pos[0]);
            const duplicate = e.code === 'DUPLICATE_KEY' ? duplicateKeyProblem(doc, lines, e.pos[0]) : undefined;
            return `${file}:${at.line}:${at.col}: ${duplicate ?? e.message.split('\n')[0] ?? ''}`;
        });
        throw new errors/* ConfigError */.xL(`${file} is not valid YAML:\n${messages.join('\n')}`);
    }
    const deepDoc = (0,yaml_nesting/* nestingAfterCompose */.R3)(doc, lines);
    if (deepDoc)
        throw new errors/* ConfigError */.xL(`${file}:${deepDoc.line}: ${deepDoc.message}`);
    let raw;
    try {
        raw = doc.toJS();
    }
    catch (error) {
        // yaml refuses aliases that expand too far (a "billion laughs").
        throw new errors/* ConfigError */.xL(`${file}: ${(0,errors/* messageOf */.bD)(error)}; use fewer aliases (*name)`);
    }
    if ((0,nesting/* valueNestsBeyond */.y3)(raw, nesting/* maxNesting */.JG))
        throw new errors/* ConfigError */.xL(`${file}: aliases (*name) make settings nest more than ${nesting/* maxNesting */.JG} levels deep, or contain themselves; write those settings out`);
    if (raw === null || raw === undefined)
        throw new errors/* ConfigError */.xL(`${file}: the file is empty (or only comments); write at least version: 1 and model: { name: ... }`);
    if (!(0,config_paths/* isPlainObject */.Qd)(raw))
        throw new errors/* ConfigError */.xL(`${file}: expected a mapping of settings at the top level (version: 1, model: ...), got ${(0,zod_helpers/* describeValue */.bp)(raw)}`);
    const { environments = {}, ...base } = raw;
    if (!(0,config_paths/* isPlainObject */.Qd)(environments))
        throw new errors/* ConfigError */.xL(`${at(doc, lines, file, ['environments'])}: environments: expected a mapping of environment name to overrides`);
    const names = Object.keys(environments);
    for (const name of names) {
        if (!(0,config_paths/* isPlainObject */.Qd)(environments[name])) {
            throw new errors/* ConfigError */.xL(`${at(doc, lines, file, ['environments', name])}: environments.${name}: expected a mapping of overrides, got ${(0,zod_helpers/* describeValue */.bp)(environments[name])}`);
        }
    }
    if (environment && names.length > 0 && !names.includes(environment)) {
        const hint = (0,zod_helpers/* suggestion */.h)(environment, names);
        throw new errors/* ConfigError */.xL(`${file}: environment "${environment}" is not defined under environments${hint ? ` (${hint})` : ''}; defined: ${names.join(', ')}`);
    }
    const overlay = environment && names.includes(environment) ? { name: environment, value: environments[environment] } : undefined;
    const merged = overlay ? (0,config_paths/* deepMerge */.$N)(base, overlay.value) : base;
    const locate = (p) => {
        const shownPath = sourcePath(p, overlay);
        return `${at(doc, lines, file, shownPath)}: ${(0,config_paths/* formatPath */.jV)(shownPath)}`;
    };
    const settings = settingsInUse(options.sections);
    const interpolated = (0,interpolate/* interpolate */.GW)(merged, options.env, locate, settings.has);
    const unsetAt = (p) => writtenReferences(merged, p, options.env);
    const config = validate(interpolated.value, { doc, lines, file, overlay, hidden: interpolated.fromEnvironment, unsetAt, settings, checkJsonSchema });
    checkCommandLines(merged, locate);
    checkWebhookSecretsFromEnvironment(config, interpolated.fromEnvironment, locate);
    checkCredentialHeadersFromEnvironment(interpolated.value, interpolated.fromEnvironment, locate);
    // Every overlay is checked, selected or not, so a typo in production fails in the staging run too;
    // after the settings in use, so a mistake in the base is reported as the base's, not an overlay's.
    // Their ${VAR}s are not filled in, so no value holding one is checked.
    for (const name of names.filter((n) => n !== environment)) {
        const value = (0,config_paths/* deepMerge */.$N)(base, environments[name]);
        const unsetAt = (p) => writtenReferences(value, p);
        const other = { name, value: environments[name] };
        validate(value, { doc, lines, file, overlay: other, hidden: new Set(), unsetAt, settings: settingsInUse([]), checkJsonSchema });
        checkCommandLines(value, (p) => {
            const shownPath = sourcePath(p, other);
            return `${at(doc, lines, file, shownPath)}: ${(0,config_paths/* formatPath */.jV)(shownPath)}`;
        });
    }
    return { config, file, workdir: options.workdir, environment: environment || undefined, secrets: [...interpolated.secrets, ...(0,notify_schema/* notificationSecrets */.Fj)(config.notifications)] };
}
/** Anyone who can read the repository could post with a webhook URL or signing secret written in the file. */
function checkWebhookSecretsFromEnvironment(config, fromEnvironment, locate) {
    (config.notifications ?? []).forEach((notifier, i) => {
        for (const key of notifier.type === 'webhook' ? ['url', 'secret'] : ['url']) {
            const at = ['notifications', i, key];
            if (!fromEnvironment.has((0,config_paths/* formatPath */.jV)(at))) {
                throw new errors/* ConfigError */.xL(`${locate(at)}: a webhook ${key} is a secret; write it as \${NAME} and set NAME from a repository or environment secret, never in the file`);
            }
        }
    });
}
/** A header that carries a credential by its name: authorization, x-api-key, a token, a secret. */
const credentialHeader = /^(proxy-)?authorization$|api[-_]?key|token|secret|password/i;
/**
 * A credential header written in the file is readable by anyone who can read the repository, and
 * nothing masks it: an agent that echoes its request printed it whole (README: secrets never live
 * in the file). Any `headers` mapping, wherever it is (endpoint, judge, probe).
 */
function checkCredentialHeadersFromEnvironment(value, fromEnvironment, locate) {
    const walk = (node, at) => {
        if (Array.isArray(node))
            return node.forEach((item, i) => walk(item, [...at, i]));
        if (!(0,config_paths/* isPlainObject */.Qd)(node))
            return;
        for (const [key, item] of Object.entries(node)) {
            const here = [...at, key];
            if (at.at(-1) === 'headers' && typeof item === 'string' && credentialHeader.test(key) && !fromEnvironment.has((0,config_paths/* formatPath */.jV)(here))) {
                throw new errors/* ConfigError */.xL(`${locate(here)}: the ${key} header carries a credential; write it as \${NAME} (e.g. "Bearer \${AGENT_TOKEN}") and set NAME from a repository or environment secret, never in the file`);
            }
            walk(item, here);
        }
    };
    walk(value, []);
}
/**
 * Only the settings that say where a version's gate record lives (model, experiments,
 * artifacts_dir), read on their own: when the rest of the config is broken, a gate run can still
 * withdraw the version's earlier decision instead of leaving it standing. Undefined when even
 * these cannot be read.
 */
async function loadRecordSettings(options) {
    try {
        const text = (0,external_node_fs_.readFileSync)(external_node_path_default().resolve(options.workdir, options.file), 'utf8');
        const checked = (0,yaml_nesting/* parseDocumentChecked */.SL)(text, { uniqueKeys: true });
        if ('tooDeep' in checked || checked.doc.errors.length > 0)
            return undefined;
        const raw = checked.doc.toJS();
        if (!(0,config_paths/* isPlainObject */.Qd)(raw))
            return undefined;
        const overlays = (0,config_paths/* isPlainObject */.Qd)(raw.environments) ? raw.environments : {};
        const overlay = options.environment ? overlays[options.environment] : undefined;
        const merged = (0,config_paths/* isPlainObject */.Qd)(overlay) ? (0,config_paths/* deepMerge */.$N)(raw, overlay) : raw;
        if (!(0,config_paths/* isPlainObject */.Qd)(merged))
            return undefined;
        const picked = { version: merged.version, model: merged.model, experiments: merged.experiments, artifacts_dir: merged.artifacts_dir };
        const { value, secrets } = (0,interpolate/* interpolate */.GW)(picked, options.env, () => options.file);
        const parsed = recordSettingsSchema.safeParse(value, { jitless: true });
        if (!parsed.success)
            return undefined;
        const config = { ...parsed.data, promote: { alias: 'champion' } };
        return { config, file: options.file, workdir: options.workdir, environment: options.environment || undefined, secrets };
    }
    catch {
        return undefined;
    }
}
const recordSettingsSchema = (0,zod_helpers/* lazySchema */.ID)(() => configSchema.unwrap().pick({ version: true, model: true, experiments: true, artifacts_dir: true }));
/** The ${VAR}s the value at `p`, as written, still holds after interpolation with `env` (see unsetReferences). */
function writtenReferences(value, p, env) {
    const written = (0,config_paths/* getAt */.sM)(value, p);
    return typeof written === 'string' ? unsetReferences(written, env) : [];
}
function validate(value, ctx) {
    // jitless: each config is parsed once, so zod's generated fast path would cost more to build than it saves.
    const parsed = configSchema.safeParse(value, { reportInput: true, jitless: true });
    let config = parsed.success ? parsed.data : undefined;
    let issues = parsed.success ? [] : parsed.error.issues;
    // A ${VAR} left as written, in a setting the command does not read, is no URL or duration; it is
    // not this command's to check, and the command is not to stop for want of another job's secret.
    const unread = issues.filter((issue) => !ctx.settings.has(pathOf(issue)) && ctx.unsetAt(pathOf(issue)).length > 0);
    if (unread.length === issues.length && unread.length > 0) {
        config = withoutUnread(value, unread.map(pathOf), ctx.settings);
        if (config)
            issues = [];
    }
    else {
        issues = issues.filter((issue) => !unread.includes(issue));
    }
    if (config)
        issues = jsonSchemaIssues(config, ctx.checkJsonSchema);
    if (config && issues.length === 0)
        return config;
    const messages = issues.map((issue) => {
        const issuePath = pathOf(issue);
        const shownPath = sourcePath(issuePath, ctx.overlay, issue);
        // An unknown key is reported on the mapping that holds it, but its own line is the useful one.
        const linePath = issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined ? [...shownPath, issue.keys[0]] : shownPath;
        const unset = ctx.unsetAt(issuePath);
        const problem = unset.length > 0 ? notSet(unset) : explain(issue, ctx.hidden.has((0,config_paths/* formatPath */.jV)(issuePath)));
        return `${at(ctx.doc, ctx.lines, ctx.file, linePath)}: ${(0,config_paths/* formatPath */.jV)(shownPath)}: ${problem}`;
    });
    const where = ctx.overlay ? ` (with environments.${ctx.overlay.name} applied)` : '';
    throw new errors/* ConfigError */.xL(`invalid configuration in ${ctx.file}${where}:\n${messages.map((m) => `  - ${m}`).join('\n')}`);
}
function pathOf(issue) {
    return issue.path.filter((s) => typeof s !== 'symbol');
}
/**
 * The config without the unread values holding unset ${VAR}s: each left out, or, where the schema
 * requires it, the smallest part above it (never one the command reads) that can be left out.
 */
function withoutUnread(value, paths, settings) {
    const roots = paths.map((p) => settings.unusedRoot(p) ?? p);
    const levels = Math.max(...paths.map((p, i) => p.length - roots[i].length));
    for (let up = 0; up <= levels; up++) {
        const cut = paths.map((p, i) => p.slice(0, Math.max(roots[i].length, p.length - up)));
        const parsed = configSchema.safeParse((0,config_paths/* withoutPaths */.fx)(value, cut), { jitless: true });
        if (parsed.success)
            return parsed.data;
    }
    return undefined;
}
function notSet(names) {
    const listed = names.map((name) => `\${${name}}`).join(', ');
    const example = names[0];
    return `${listed} ${names.length > 1 ? 'are' : 'is'} not set; this command does not use the setting, but cannot read the config without it: set the variable (in GitHub Actions, under env: from a secret or variable) or give a default as \${${example}:-value}`;
}
function jsonSchemaIssues(config, check) {
    return (config.evaluate?.scorers ?? []).flatMap((scorer, i) => {
        const problem = scorer.type === 'json_schema' ? check(scorer.schema) : undefined;
        return problem === undefined ? [] : [{ code: 'custom', path: ['evaluate', 'scorers', i, 'schema'], message: problem }];
    });
}
/** A merged path points into the overlay when the overlay set that value (or the offending key). */
function sourcePath(p, overlay, issue) {
    if (!overlay)
        return p;
    const inOverlay = (0,config_paths/* getAt */.sM)(overlay.value, p) !== undefined &&
        (issue?.code !== 'unrecognized_keys' || issue.keys.some((k) => (0,config_paths/* getAt */.sM)(overlay.value, [...p, k]) !== undefined));
    return inOverlay ? ['environments', overlay.name, ...p] : p;
}
function explain(issue, hideValue) {
    const input = 'input' in issue ? issue.input : undefined;
    const shown = hideValue ? 'a value from the environment' : (0,zod_helpers/* describeValue */.bp)(input);
    switch (issue.code) {
        case 'invalid_type':
            return input === undefined ? `required, expected ${issue.expected}` : `expected ${issue.expected}, got ${shown}`;
        case 'invalid_key':
            return issue.issues[0]?.message ?? issue.message;
        case 'too_small':
        case 'too_big':
            return `${boundMessage(issue)}, got ${shown}`;
        case 'invalid_format':
            return `${issue.message}, got ${shown}`;
        default:
            return issue.message;
    }
}
/**
 * A bound the schema gave no words for, in ours: zod's default reads "Too small: expected number
 * to be >=1".
 */
function boundMessage(issue) {
    if (!/^Too (small|big):/.test(issue.message))
        return issue.message;
    const small = issue.code === 'too_small';
    const bound = Number(small ? issue.minimum : issue.maximum);
    const inclusive = issue.inclusive !== false;
    switch (issue.origin) {
        case 'string':
            if (small && bound === 1)
                return 'must not be empty';
            return `must be ${small ? 'at least' : 'at most'} ${bound} characters long`;
        case 'array':
        case 'set':
            if (small && bound === 1)
                return 'must list at least one item';
            return `must list ${small ? 'at least' : 'at most'} ${bound} items`;
        default:
            return `must be ${small ? (inclusive ? 'at least' : 'more than') : inclusive ? 'at most' : 'less than'} ${bound}`;
    }
}
/** file:line of the closest existing key (or list item) on the path. */
function at(doc, lines, file, p) {
    for (let depth = p.length; depth > 0; depth--) {
        const parent = doc.getIn(p.slice(0, depth - 1), true);
        const last = p[depth - 1];
        let offset;
        if ((0,dist/* isMap */.jh)(parent)) {
            const pair = parent.items.find((item) => ((0,dist/* isScalar */.jn)(item.key) ? item.key.value : item.key) === last);
            offset = (0,dist/* isScalar */.jn)(pair?.key) ? pair.key.range?.[0] : undefined;
        }
        else if ((0,dist/* isSeq */.oP)(parent) && typeof last === 'number') {
            const item = parent.items[last];
            offset = item?.range?.[0];
        }
        if (offset !== undefined)
            return `${file}:${lines.linePos(offset).line}`;
    }
    return file;
}

// EXTERNAL MODULE: ./src/http/credentials.ts
var credentials = __webpack_require__(7478);
// EXTERNAL MODULE: ./src/logger.ts
var src_logger = __webpack_require__(6999);
// EXTERNAL MODULE: ./src/http/client.ts
var client = __webpack_require__(3329);
// EXTERNAL MODULE: ./src/http/retry.ts
var retry = __webpack_require__(8902);
;// CONCATENATED MODULE: ./src/databricks/oauth-token.ts





/**
 * The Databricks OAuth token endpoint (`POST {host}/oidc/v1/token`) and a cache in front of it.
 * Checked against databricks-sdk-go (`clientcredentials`, `oidc/tokensource.go`, `auth/cache.go`)
 * and databricks-sdk-py (`oauth.retrieve_token`): success is `{access_token, token_type,
 * expires_in}` (Python reads `expires_in` with `int()`, so a string is accepted too); errors carry
 * RFC 6749 `error`/`error_description`, or Okta-style `errorCode`/`errorSummary`, which the
 * Python SDK also reads; the Databricks envelope `{error_code, message}` is read as a fallback.
 * `expires_in` is only RECOMMENDED by RFC 6749 (5.1): without it the token is kept until the
 * workspace refuses it (a 401 drops it and fetches a new one), as the SDKs do with no expiry.
 */
const tokenResponseSchema = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* object */.Ikc({
    access_token: schemas/* string */.YjP().min(1),
    token_type: schemas/* string */.YjP().optional(),
    expires_in: schemas/* union */.KCZ([schemas/* number */.aig(), schemas/* string */.YjP().regex(/^\d+$/).transform(Number)]).optional(),
}));
const tokenErrorSchema = (0,zod_helpers/* lazySchema */.ID)(() => schemas/* union */.KCZ([
    schemas/* object */.Ikc({ error: schemas/* string */.YjP(), error_description: schemas/* string */.YjP().optional() }).transform((e) => ({ code: e.error, description: e.error_description })),
    schemas/* object */.Ikc({ errorCode: schemas/* string */.YjP(), errorSummary: schemas/* string */.YjP().optional() }).transform((e) => ({ code: e.errorCode, description: e.errorSummary })),
    schemas/* object */.Ikc({ error_code: schemas/* string */.YjP(), message: schemas/* string */.YjP().optional() }).transform((e) => ({ code: e.error_code, description: e.message })),
]));
/** The token endpoint refused or could not be reached. Names the provider, the server's OAuth error and what to check. */
class DatabricksAuthError extends errors/* RemoteError */.Hi {
    status;
    errorCode;
    constructor(message, 
    /** HTTP status, or undefined when no response came. */
    status, 
    /** The OAuth `error` (e.g. `invalid_client`), or the transport code. */
    errorCode, options) {
        super(message, options);
        this.status = status;
        this.errorCode = errorCode;
    }
}
/**
 * POSTs the form to the token endpoint with retries. Asking for a token changes nothing on the
 * server, so every failure worth retrying (429, 5xx, connection errors) is retried.
 * `hintFor` turns the server's OAuth error code into what the user should check.
 */
async function requestToken(tokenUrl, form, headers, what, hintFor, ctx) {
    const attempted = `${what}: requesting an access token from ${tokenUrl}`;
    let body;
    try {
        const res = await (0,client/* send */.tN)({
            method: 'POST',
            url: tokenUrl,
            headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...headers },
            body: form.toString(),
            timeoutMs: ctx.timeoutMs ?? 30_000,
        }, `POST ${tokenUrl}`, { clock: ctx.clock, logger: ctx.logger, policy: ctx.retryPolicy ?? retry/* defaultRetryPolicy */.ur, retryOn: client/* serverErrorStatuses */.Ae, idempotent: true, random: ctx.random });
        body = res.body;
    }
    catch (error) {
        throw tokenFailure(attempted, error, hintFor, ctx.secrets);
    }
    let json;
    try {
        json = JSON.parse(body);
    }
    catch {
        json = undefined;
    }
    const parsed = tokenResponseSchema.safeParse(json);
    if (!parsed.success) {
        throw new DatabricksAuthError(`${attempted} failed: the answer is not a token response (expected JSON with an access_token); check that DATABRICKS_HOST is the workspace URL`, 200, 'invalid_response');
    }
    return { accessToken: parsed.data.access_token, ...(parsed.data.expires_in !== undefined ? { expiresInSeconds: parsed.data.expires_in } : {}) };
}
function tokenFailure(attempted, error, hintFor, secrets) {
    const retried = error instanceof retry/* RetriesExhaustedError */.i5 ? error : undefined;
    const last = retried ? retried.lastError : error;
    const tries = retried ? ` (${retried.attempts} attempts)` : '';
    if (last instanceof client/* HttpStatusError */.F9) {
        const oauth = readOAuthError(last.bodyExcerpt);
        const code = oauth?.code ?? `HTTP ${last.status}`;
        const description = oauth?.description ?? (last.bodyExcerpt || 'no details');
        const hint = hintFor(code) ?? (last.status === 429 || last.status >= 500 ? 'the endpoint is overloaded or failing; try again later' : undefined);
        const message = `${attempted} failed${tries}: ${code}: ${description}${hint ? `; ${hint}` : ''}`;
        return new DatabricksAuthError(scrub(message, secrets), last.status, code, { cause: error });
    }
    if (last instanceof client/* HttpTransportError */.Mz) {
        return new DatabricksAuthError(scrub(`${attempted} failed${tries}: ${last.code}; ${last.problem ?? 'check that DATABRICKS_HOST is reachable from this runner'}`, secrets), undefined, last.code, { cause: error });
    }
    const detail = last instanceof Error ? last.message : String(last);
    return new DatabricksAuthError(scrub(`${attempted} failed: ${detail}`, secrets), undefined, 'unknown', { cause: error });
}
function readOAuthError(excerptText) {
    try {
        const parsed = tokenErrorSchema.safeParse(JSON.parse(excerptText));
        return parsed.success ? parsed.data : undefined;
    }
    catch {
        return undefined;
    }
}
/** Replaces every known secret in a text; used on anything built from a server's answer. */
function scrub(text, secrets) {
    let out = text;
    for (const secret of secrets)
        if (secret)
            out = out.split(secret).join('***');
    return out;
}
/** Refresh when less than this much of a token's life is left; the Go SDK refreshes up to 20 minutes early, at most half the lifetime. */
const maxRefreshLeadMs = 5 * 60_000;
/**
 * Credentials over a short-lived token: cached, fetched again when little of its life is left
 * (there is no refresh token, the grant is simply repeated), one fetch shared by concurrent
 * callers, and dropped on `invalidate()` after a 401.
 */
class CachedTokenCredentials {
    description;
    fetchToken;
    clock;
    current;
    inFlight;
    constructor(description, fetchToken, clock) {
        this.description = description;
        this.fetchToken = fetchToken;
        this.clock = clock;
    }
    authorization() {
        const current = this.current;
        if (current && this.clock.now() < current.refreshAt)
            return Promise.resolve(current.header);
        this.inFlight ??= this.refresh().finally(() => {
            this.inFlight = undefined;
        });
        return this.inFlight;
    }
    /**
     * Drops the cached token. Given the header that was refused, only drops it when it is still
     * the cached one, so a burst of 401s for one old token costs a single new fetch.
     */
    invalidate(refusedAuthorization) {
        if (refusedAuthorization === undefined || this.current?.header === refusedAuthorization)
            this.current = undefined;
    }
    async refresh() {
        const fetchedAt = this.clock.now();
        const token = await this.fetchToken();
        const header = `Bearer ${token.accessToken}`;
        if (token.expiresInSeconds === undefined) {
            this.current = { header, refreshAt: Number.POSITIVE_INFINITY };
            return header;
        }
        const lifetimeMs = token.expiresInSeconds * 1000;
        this.current = { header, refreshAt: fetchedAt + lifetimeMs - Math.min(lifetimeMs / 2, maxRefreshLeadMs) };
        return header;
    }
}

;// CONCATENATED MODULE: ./src/databricks/auth-providers.ts




/**
 * Databricks credentials for CI, named as the Databricks SDKs and CLI name them
 * (`DATABRICKS_AUTH_TYPE`): `pat`, `oauth-m2m` and `github-oidc` (workload identity federation
 * from GitHub Actions). Checked against databricks-sdk-go `config/auth_oidc.go` and
 * `oidc/tokensource.go`, and databricks-sdk-py `credentials_provider.py`:
 * - the GitHub ID token is requested for `DATABRICKS_TOKEN_AUDIENCE` when set, else for the
 *   workspace token endpoint URL `{host}/oidc/v1/token` (the SDKs' workspace default; newer SDKs
 *   first ask `/.well-known/databricks-config` for `token_federation_default_oidc_audiences`,
 *   which is not done here: set DATABRICKS_TOKEN_AUDIENCE if your policy expects another value);
 * - the exchange sends `client_id` in the form, no secret and no Basic header, and omits
 *   `client_id` for account-wide federation; a fresh ID token is requested for every exchange.
 * Account-level hosts (`DATABRICKS_ACCOUNT_ID`) are not supported yet.
 */
const databricksAuthTypes = ['pat', 'oauth-m2m', 'github-oidc'];
const githubIssuer = 'https://token.actions.githubusercontent.com';
const idTokenPermissionHint = 'ACTIONS_ID_TOKEN_REQUEST_URL is not set, so GitHub gives this job no OIDC token: add `permissions: id-token: write` to the job (or the workflow) that runs agent-release';
/** `adb-1.2.azuredatabricks.net`, `https://host/`, `https://host/?o=1` -> `https://host`. */
function normaliseHost(raw) {
    const trimmed = raw.trim();
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
    let url;
    try {
        url = new URL(withScheme);
    }
    catch {
        throw new errors/* ConfigError */.xL(`DATABRICKS_HOST ${JSON.stringify(raw)} is not a URL; set it to the workspace URL, e.g. https://adb-1234567890123456.7.azuredatabricks.net`);
    }
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname) {
        throw new errors/* ConfigError */.xL(`DATABRICKS_HOST ${JSON.stringify(raw)} is not an http(s) URL; set it to the workspace URL, e.g. https://adb-1234567890123456.7.azuredatabricks.net`);
    }
    return url.origin;
}
function patCredentials(token, deps) {
    deps.onSecret(token);
    return (0,credentials/* bearerToken */.h)(token, 'Databricks personal access token (DATABRICKS_TOKEN)');
}
function oauthM2mCredentials(host, clientId, clientSecret, deps) {
    // RFC 6749 \u00a72.3.1: form-encode both parts before base64.
    const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64');
    deps.onSecret(clientSecret);
    deps.onSecret(basic);
    const secrets = [clientSecret, basic];
    const description = `Databricks OAuth M2M (service principal ${clientId})`;
    const ctx = tokenContext(deps, secrets);
    const hintFor = (code) => code === 'invalid_client'
        ? `check DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET: the secret must be a current OAuth secret of service principal ${clientId} in this workspace's account`
        : undefined;
    return new CachedTokenCredentials(description, async () => {
        const token = await requestToken(`${host}/oidc/v1/token`, new URLSearchParams({ grant_type: 'client_credentials', scope: 'all-apis' }), { authorization: `Basic ${basic}` }, description, hintFor, ctx);
        deps.onSecret(token.accessToken);
        secrets.push(token.accessToken);
        ctx.logger?.debug(`${description}: got an access token valid for ${validity(token)}`);
        return token;
    }, deps.clock);
}
function githubOidcCredentials(host, options, deps) {
    const getIdToken = deps.getIdToken;
    if (!getIdToken)
        throw new errors/* ConfigError */.xL('DATABRICKS_AUTH_TYPE github-oidc needs a GitHub OIDC token, which only the GitHub Action can request; use pat or oauth-m2m from the CLI');
    const tokenUrl = `${host}/oidc/v1/token`;
    const audience = options.audience ?? tokenUrl;
    const description = `Databricks workload identity federation from GitHub Actions (${options.clientId ? `service principal ${options.clientId}` : 'account-wide policy'}, audience ${audience})`;
    const secrets = [];
    const ctx = tokenContext(deps, secrets);
    return new CachedTokenCredentials(description, async () => {
        let idToken;
        try {
            idToken = await getIdToken(audience);
        }
        catch (error) {
            throw new errors/* RemoteError */.Hi(scrub(`${description}: requesting a GitHub OIDC token failed: ${(0,errors/* messageOf */.bD)(error)}`, secrets), { cause: error });
        }
        deps.onSecret(idToken);
        secrets.push(idToken);
        const form = new URLSearchParams({
            grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
            subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
            subject_token: idToken,
            scope: 'all-apis',
        });
        if (options.clientId)
            form.set('client_id', options.clientId);
        const hintFor = (code) => code === 'invalid_grant' || code === 'invalid_request' || code === 'invalid_client' ? federationHint(idToken, audience, options.clientId) : undefined;
        const token = await requestToken(tokenUrl, form, {}, description, hintFor, ctx);
        deps.onSecret(token.accessToken);
        secrets.push(token.accessToken);
        ctx.logger?.debug(`${description}: exchanged the GitHub token for an access token valid for ${validity(token)}`);
        return token;
    }, deps.clock);
}
/** What the policy must say, next to what the GitHub token actually carried (claims are not secret). */
function federationHint(idToken, audience, clientId) {
    const claims = jwtClaims(idToken);
    const carried = claims ? ` (this GitHub token has iss ${String(claims.iss)}, aud ${JSON.stringify(claims.aud)}, sub ${String(claims.sub)})` : '';
    const policy = clientId ? `the federation policy of service principal ${clientId}` : 'the account federation policy';
    return (`check ${policy}: issuer ${githubIssuer}, audiences including ${audience} (or set DATABRICKS_TOKEN_AUDIENCE to the policy's audience), ` +
        `subject e.g. repo:<org>/<repo>:environment:<environment> for a job with an environment${carried}`);
}
function jwtClaims(jwt) {
    try {
        const claims = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
        return typeof claims === 'object' && claims !== null ? claims : undefined;
    }
    catch {
        return undefined;
    }
}
function tokenContext(deps, secrets) {
    const logger = deps.logger ? (0,src_logger/* maskedLogger */.mq)(deps.logger, (text) => scrub(text, secrets)) : undefined;
    return { clock: deps.clock, logger, retryPolicy: deps.retryPolicy, random: deps.random, timeoutMs: deps.timeoutMs, secrets };
}
/** "3600 s", or what is done without a stated lifetime. */
function validity(token) {
    return token.expiresInSeconds === undefined ? 'an unstated time (kept until the workspace refuses it)' : `${token.expiresInSeconds} s`;
}

;// CONCATENATED MODULE: ./src/databricks/auth.ts




/** The variables this reads, in the order messages list them. */
const knownVariables = [
    'DATABRICKS_HOST',
    'DATABRICKS_AUTH_TYPE',
    'DATABRICKS_TOKEN',
    'DATABRICKS_CLIENT_ID',
    'DATABRICKS_CLIENT_SECRET',
    'DATABRICKS_TOKEN_AUDIENCE',
    'ACTIONS_ID_TOKEN_REQUEST_URL',
];
const exampleHost = 'https://adb-1234567890123456.7.azuredatabricks.net';
const m2mHelp = "set DATABRICKS_CLIENT_ID to the service principal's application id and DATABRICKS_CLIENT_SECRET to one of its OAuth secrets";
const choices = 'set DATABRICKS_TOKEN (pat), DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET (oauth-m2m), or DATABRICKS_CLIENT_ID with `permissions: id-token: write` on the job (github-oidc)';
/**
 * The workspace and its credentials from the environment, the way the Databricks SDKs read it:
 * DATABRICKS_AUTH_TYPE when set, else inferred from which variables are present. Empty values
 * count as unset (an unset secret expands to "" in workflow YAML). Secrets go to `onSecret`
 * before anything can fail, so even a refusal cannot print them.
 */
function databricksCredentialsFromEnv(env, given) {
    const told = new Set();
    const deps = {
        ...given,
        onSecret: (value) => {
            if (told.has(value))
                return;
            told.add(value);
            given.onSecret(value);
        },
    };
    const read = (name) => env[name]?.trim() || undefined;
    const token = read('DATABRICKS_TOKEN');
    const clientId = read('DATABRICKS_CLIENT_ID');
    const clientSecret = read('DATABRICKS_CLIENT_SECRET');
    if (token)
        deps.onSecret(token);
    if (clientSecret)
        deps.onSecret(clientSecret);
    const present = knownVariables.filter((name) => read(name) !== undefined);
    const found = present.length > 0 ? ` (set: ${present.join(', ')})` : ' (none of the DATABRICKS_* variables is set)';
    const rawHost = read('DATABRICKS_HOST');
    if (!rawHost)
        throw new errors/* ConfigError */.xL(`DATABRICKS_HOST is not set${found}; set it to the workspace URL, e.g. ${exampleHost}`);
    const host = normaliseHost(rawHost);
    const type = authType(read('DATABRICKS_AUTH_TYPE'), { token, clientId, clientSecret, idTokenUrl: read('ACTIONS_ID_TOKEN_REQUEST_URL') }, found);
    switch (type) {
        case 'pat':
            if (!token)
                throw new errors/* ConfigError */.xL(`DATABRICKS_AUTH_TYPE is pat but DATABRICKS_TOKEN is not set${found}; set it to a personal access token from a repository or environment secret`);
            return { host, credentials: patCredentials(token, deps) };
        case 'oauth-m2m': {
            const missing = [clientId ? undefined : 'DATABRICKS_CLIENT_ID', clientSecret ? undefined : 'DATABRICKS_CLIENT_SECRET'].filter(Boolean);
            if (!clientId || !clientSecret)
                throw new errors/* ConfigError */.xL(`DATABRICKS_AUTH_TYPE is oauth-m2m but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set${found}; ${m2mHelp}`);
            return { host, credentials: oauthM2mCredentials(host, clientId, clientSecret, deps) };
        }
        case 'github-oidc':
            if (!read('ACTIONS_ID_TOKEN_REQUEST_URL'))
                throw new errors/* ConfigError */.xL(`Databricks authentication github-oidc: ${idTokenPermissionHint}${found}`);
            return { host, credentials: githubOidcCredentials(host, { clientId, audience: read('DATABRICKS_TOKEN_AUDIENCE') }, deps) };
    }
}
function authType(explicit, p, found) {
    if (explicit !== undefined) {
        const known = databricksAuthTypes.find((t) => t === explicit);
        if (!known)
            throw new errors/* ConfigError */.xL(`DATABRICKS_AUTH_TYPE ${JSON.stringify(explicit)} is not supported by agent-release; use one of ${databricksAuthTypes.join(', ')}`);
        return known;
    }
    if (p.token && (p.clientId || p.clientSecret)) {
        throw new errors/* ConfigError */.xL(`Databricks credentials are ambiguous${found}: DATABRICKS_TOKEN and DATABRICKS_CLIENT_${p.clientId ? 'ID' : 'SECRET'} are both set; set DATABRICKS_AUTH_TYPE to pat or ${p.clientSecret ? 'oauth-m2m' : 'github-oidc'}, or remove the one you do not use`);
    }
    if (p.token)
        return 'pat';
    if (p.clientSecret && !p.clientId)
        throw new errors/* ConfigError */.xL(`DATABRICKS_CLIENT_SECRET is set but DATABRICKS_CLIENT_ID is not${found}; ${m2mHelp}`);
    if (p.clientId && p.clientSecret)
        return 'oauth-m2m';
    if (p.clientId && p.idTokenUrl)
        return 'github-oidc';
    if (p.clientId) {
        throw new errors/* ConfigError */.xL(`DATABRICKS_CLIENT_ID is set but neither DATABRICKS_CLIENT_SECRET (oauth-m2m) nor ACTIONS_ID_TOKEN_REQUEST_URL (github-oidc) is${found}; set the secret, or add \`permissions: id-token: write\` to the job for workload identity federation`);
    }
    throw new errors/* ConfigError */.xL(`no Databricks credentials${found}; ${choices}`);
}

;// CONCATENATED MODULE: ./src/modes/context.ts
/** Why release.yml's own rollback step runs: the step that failed, or the run's cancellation. */
const rollbackCauses = ['promote-failed', 'deploy-failed', 'verify-failed', 'cancelled'];

// EXTERNAL MODULE: ./src/registry/index.ts + 1 modules
var src_registry = __webpack_require__(1259);
// EXTERNAL MODULE: ./src/registry/tags.ts
var tags = __webpack_require__(7906);
// EXTERNAL MODULE: ./src/mlflow/rest.ts
var rest = __webpack_require__(7175);
// EXTERNAL MODULE: ./src/registry/mlflow.ts
var mlflow = __webpack_require__(8630);
// EXTERNAL MODULE: ./src/registry/unity-catalog.ts
var unity_catalog = __webpack_require__(4428);
// EXTERNAL MODULE: ./src/tracking/client.ts
var tracking_client = __webpack_require__(3958);
// EXTERNAL MODULE: ./src/tracking/runs.ts
var runs = __webpack_require__(8891);
;// CONCATENATED MODULE: ./src/tracking/index.ts







/**
 * The tracking server that goes with the registry: the MLflow server of `registry: mlflow`, or
 * the Databricks workspace's MLflow for `tracking_uri: databricks` and Unity Catalog models.
 * The embedded registry tracks nothing (undefined).
 */
function createTracking(config, deps) {
    const registry = config.model.registry;
    if (registry === 'local')
        return undefined;
    const trackingUri = (0,src_registry/* trackingUriOf */.Nv)(config, deps.env);
    const onDatabricks = registry === 'unity-catalog' || trackingUri === 'databricks';
    const client = new tracking_client/* TrackingClient */.N$(onDatabricks ? databricksRest(deps) : ossRest(trackingUri, deps), { workspaceFolders: onDatabricks, mask: deps.mask });
    const tracker = new runs/* MlflowTracker */._U({
        client,
        model: config.model.name,
        experiments: (0,runs/* defaultExperimentNames */.NN)(config.model.name, config.experiments),
        run: deps.run,
        clock: deps.clock,
        logger: deps.logger,
        registry: deps.registry,
    });
    return { client, tracker };
}
function ossRest(trackingUri, deps) {
    if (!trackingUri)
        throw new errors/* ConfigError */.xL('model.registry is mlflow, but neither model.tracking_uri nor MLFLOW_TRACKING_URI is set');
    return (0,mlflow/* ossMlflowRest */.lJ)({ trackingUri, auth: (0,mlflow/* mlflowAuthFromEnv */.n1)(deps.env), clock: deps.clock, logger: deps.logger }, 'tracking.mlflow');
}
function databricksRest(deps) {
    const { host, credentials } = deps.databricks();
    // Databricks credentials reach the shells' maskers through onSecret when they are read or exchanged.
    return new rest/* MlflowRest */.q({ baseUrl: host, credentials, secrets: [], clock: deps.clock, area: 'tracking.databricks', logger: deps.logger, credentialsHint: unity_catalog/* databricksCredentialsHint */._Z });
}

;// CONCATENATED MODULE: ./src/compose.ts








/** The composition root both shells share: config in, clients built, a ModeContext out. */
async function prepare(options) {
    const loaded = await loadConfig({ file: options.configFile, workdir: options.workdir, environment: options.environment, env: options.env, sections: options.sections });
    return { ctx: contextFor(loaded, options), loaded };
}
/**
 * prepare, for a mode. A gate whose config does not load must not leave the version's earlier
 * decision standing (promote would trust it): the settings it can still read say where the
 * record lives, and it is replaced by an `error` record before the config error is reported.
 */
async function prepareFor(mode, modelVersion, options) {
    try {
        return await prepare(options);
    }
    catch (error) {
        if (mode === 'gate' && modelVersion && !options.dryRun && error instanceof errors/* ConfigError */.xL)
            await withdrawAfterConfigError(options, modelVersion, error);
        throw error;
    }
}
async function withdrawAfterConfigError(options, version, error) {
    const unread = `an earlier gate decision of version ${version}, if any, still stands until a gate run completes`;
    const loaded = await loadRecordSettings({ file: options.configFile, workdir: options.workdir, environment: options.environment, env: options.env });
    if (!loaded) {
        options.logger.warn(`the config's model settings cannot be read either, so the gate cannot withdraw its record: ${unread}`);
        return;
    }
    try {
        // Loaded here only: every other run starts without the gate's code.
        const { recordGateError, warnWithdrawn } = await __webpack_require__.e(/* import() */ 171).then(__webpack_require__.bind(__webpack_require__, 8171));
        const ctx = contextFor(loaded, options);
        // No decision can stand for a version the registry does not have; a record would only leave a stray file.
        const found = await ctx.registry.getVersion(loaded.config.model.name, version);
        if (!found)
            return;
        await recordGateError(ctx, loaded.config.model.name, version, error);
        warnWithdrawn(ctx, loaded.config.model.name, version, found.tags[tags/* tagKeys */.bi.gateDecision]);
    }
    catch (recordError) {
        options.logger.warn(`the gate could not withdraw its record (${(0,errors/* messageOf */.bD)(recordError)}): ${unread}`);
    }
}
/**
 * The clients a mode may use, for a loaded config. Deploy targets, analysis providers and the
 * Files API client are loaded when a mode first asks for one: a gate or a promote starts without
 * them (0.7 ms of its start-up, bench/startup.mjs).
 */
function contextFor(loaded, options) {
    const deployConfig = () => {
        if (!loaded.config.deploy)
            throw new errors/* ConfigError */.xL(`${loaded.file}: this needs a deploy section`);
        return loaded.config.deploy;
    };
    const clock = options.clock ?? src_clock/* systemClock */.m;
    const databricks = once(() => databricksCredentialsFromEnv(options.env, { clock, logger: options.logger, onSecret: options.onSecret ?? (() => { }), getIdToken: options.getIdToken }));
    const registry = (0,src_registry/* createRegistry */.Iq)(loaded.config, { workdir: loaded.workdir, env: options.env, clock, logger: options.logger, databricks });
    return {
        loaded,
        registry,
        tracking: createTracking(loaded.config, { env: options.env, clock, logger: options.logger, run: options.run, registry, databricks, mask: options.mask }),
        databricks,
        target: async () => {
            const config = deployConfig();
            const { createTarget } = await Promise.all(/* import() */[__webpack_require__.e(731), __webpack_require__.e(933)]).then(__webpack_require__.bind(__webpack_require__, 3933));
            return createTarget(config, { workdir: loaded.workdir, env: options.env, logger: options.logger, clock, registry, databricks });
        },
        analysis: async () => {
            const analysis = deployConfig().analysis;
            if (!analysis)
                throw new errors/* ConfigError */.xL(`${loaded.file}: deploy.analysis is not configured`);
            const { createAnalysis } = await Promise.all(/* import() */[__webpack_require__.e(327), __webpack_require__.e(487)]).then(__webpack_require__.bind(__webpack_require__, 2487));
            return createAnalysis(analysis, { clock, logger: options.logger, databricks });
        },
        databricksFiles: async () => {
            let connection;
            try {
                connection = databricks();
            }
            catch (error) {
                if (error instanceof errors/* ConfigError */.xL)
                    throw new errors/* ConfigError */.xL(`${loaded.file}: gate.artifact_root is a Unity Catalog Volume, so the Files API needs Databricks credentials: ${error.message}`);
                throw error;
            }
            const { host, credentials } = connection;
            const { DatabricksFilesClient } = await __webpack_require__.e(/* import() */ 937).then(__webpack_require__.bind(__webpack_require__, 4937));
            return new DatabricksFilesClient({ host, credentials, clock, logger: options.logger });
        },
        clock,
        logger: options.logger,
        run: options.run,
        env: options.env,
        dryRun: options.dryRun,
        signal: options.signal,
        mask: options.mask,
    };
}
/**
 * The alias another environment's overlay promotes to (promote's production-environment input):
 * the same file, read with that overlay, for its promote section only.
 */
async function aliasOf(environment, options) {
    if (!environment)
        return undefined;
    const other = await loadConfig({ file: options.file, workdir: options.workdir, environment, env: options.env, sections: ['promote'] });
    return { environment, alias: other.config.promote.alias };
}
/**
 * Why release.yml's own rollback step runs, from AGENT_RELEASE_ROLLBACK_CAUSE (set on that step
 * only), so the rollback is announced as automatic; unset for a rollback a person starts.
 */
function rollbackCauseFromEnv(env) {
    const value = env.AGENT_RELEASE_ROLLBACK_CAUSE?.trim();
    if (!value)
        return undefined;
    if (rollbackCauses.includes(value))
        return value;
    throw new errors/* UsageError */.eb(`AGENT_RELEASE_ROLLBACK_CAUSE is ${JSON.stringify(value)}; expected one of ${rollbackCauses.join(', ')} (the release workflow sets it on its own rollback step), or leave it unset for a manual rollback`);
}
function runInfoFromEnv(env) {
    const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: runId, GITHUB_RUN_ATTEMPT: attempt } = env;
    const runUrl = server && repository && runId ? `${server}/${repository}/actions/runs/${runId}${attempt && attempt !== '1' ? `/attempts/${attempt}` : ''}` : null;
    // The workflow passes ${{ job.check_run_id }}: GitHub anchors each job's summary on the run's page by it.
    const jobId = env.AGENT_RELEASE_JOB_ID?.trim();
    const summaryUrl = runUrl && jobId && /^\d+$/.test(jobId) ? `${server}/${repository}/actions/runs/${runId}/attempts/${attempt || '1'}#summary-${jobId}` : null;
    return {
        actor: env.GITHUB_ACTOR || env.USER || env.USERNAME || 'unknown',
        runUrl,
        summaryUrl,
        sha: env.GITHUB_SHA || null,
        repository: repository || null,
        runKey: repository && runId ? `${repository}#${runId}` : null,
        pullRequest: env.GITHUB_EVENT_NAME === 'pull_request' || env.GITHUB_EVENT_NAME === 'pull_request_target',
    };
}
/**
 * Replaces every known secret value in a text: the one masking path of both shells, for every
 * channel (stdout, stderr, --json, outputs, the job summary, MLflow params and tags). The action
 * also tells the runner (::add-mask::), but the runner masks only its log, not the files the
 * action writes (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY). The list is read on every call, so secrets
 * learnt later (exchanged tokens) are masked from then on.
 */
/** A value as a URL parser writes it into a query (a ${VAR} in an endpoint URL): spaces and quotes escaped, / + = kept. */
function inUrlQuery(value) {
    if (value.includes('#'))
        return undefined;
    try {
        return new URL(`http://h/?${value}`).search.slice(1);
    }
    catch {
        return undefined;
    }
}
function masker(secrets) {
    // Runs on every results row: a text holding none of them (the usual case) costs a scan each, not a split and a regex.
    // Inside JSON (--json, a results row, an output holding an agent's JSON error) a secret holding a
    // quote, a backslash or a control character is escaped, once per level of nesting: the most
    // escaped form goes first, so a less escaped one is not found inside it and cut in half. A server
    // that echoes a request back may quote a secret as it was sent in a URL (percent-encoded, or
    // form-encoded) or in a Basic header (base64), as the Actions runner's masker also covers.
    const escapedForms = new Map();
    const formsOf = (secret) => {
        let forms = escapedForms.get(secret);
        if (forms === undefined) {
            forms = [secret];
            for (let level = 0; level < 3; level++) {
                const next = JSON.stringify(forms[0]).slice(1, -1);
                if (next === forms[0])
                    break;
                forms.unshift(next);
            }
            const uri = encodeURIComponent(secret);
            const base64 = Buffer.from(secret).toString('base64').replace(/=+$/, '');
            for (const form of [uri, uri.replace(/%20/g, '+'), encodeURI(secret), inUrlQuery(secret), base64, Buffer.from(secret).toString('base64url')])
                if (form && !forms.includes(form))
                    forms.push(form);
            escapedForms.set(secret, forms);
        }
        return forms;
    };
    return (text) => {
        let out = text;
        for (const secret of secrets) {
            if (secret.length < 4)
                continue;
            for (const form of formsOf(secret))
                if (out.includes(form))
                    out = out.split(form).join('***');
        }
        return out.includes('@') && out.includes('://') ? out.replace(urlCredentials, '$1***@') : out;
    };
}
/** The user:password@ (or token@) of a URL, wherever the URL came from: a registered source, a proxy, an endpoint. */
const urlCredentials = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@'"`<>]+@/gi;
function once(build) {
    let built;
    return () => (built ??= { value: build() }).value;
}

// EXTERNAL MODULE: ./src/shell/stdio.ts
var stdio = __webpack_require__(2383);
;// CONCATENATED MODULE: ./src/github/id-token.ts


/**
 * GitHub Actions' OIDC ID token for an audience, for workload identity federation. Goes through
 * `core.getIDToken`, which GET-s `$ACTIONS_ID_TOKEN_REQUEST_URL&audience=<aud>` with
 * `Authorization: Bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN`, reads `{"value": "<jwt>"}`, masks the
 * token in the log and retries 502/503/504 itself (@actions/http-client), which is why this call
 * does not go through src/http/client.ts. The runner sets both variables only for jobs with
 * `permissions: id-token: write`; they are read from process.env because that is where
 * @actions/core reads them. Imported on first use: @actions/core brings its own HTTP client
 * (another undici), a megabyte the CLI would otherwise compile at every start for nothing.
 */
async function githubIdToken(audience) {
    for (const name of ['ACTIONS_ID_TOKEN_REQUEST_URL', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN']) {
        if (!process.env[name]) {
            throw new errors/* ConfigError */.xL(`cannot request a GitHub OIDC token: ${name} is not set, so GitHub gives this job no OIDC token; add \`permissions: id-token: write\` to the job (or the workflow) that runs agent-release`);
        }
    }
    try {
        const core = await __webpack_require__.e(/* import() */ 421).then(__webpack_require__.bind(__webpack_require__, 6421));
        // core writes ::add-mask:: through process.stdout, which queues what a full pipe does not take;
        // the shells write the descriptor directly (shell/stdio.ts), so nothing of ours may overtake it.
        const stdout = (0,stdio/* reportStreamFailures */.qG)(1);
        const token = await core.getIDToken(audience);
        await new Promise((resolve) => stdout.write('', () => resolve()));
        return token;
    }
    catch (error) {
        // core's message already says "Failed to get ID Token" with the status; it never contains the token.
        throw new errors/* RemoteError */.Hi(`requesting a GitHub OIDC token for audience ${audience} failed: ${(0,errors/* messageOf */.bD)(error).replace(/^Error message:\s*/, '').replace(/\s*\n\s*/g, ' ')}`, { cause: error });
    }
}

// EXTERNAL MODULE: ./src/http/proxy.ts
var proxy = __webpack_require__(7856);
;// CONCATENATED MODULE: ./src/shadow/render.ts
const percent = (x) => (x === null ? '\u2013' : `${(x * 100).toFixed(1)}%`);
const round = (x, digits = 0) => (x === null ? '\u2013' : String(Number(x.toFixed(digits))));
const ms = (x) => (x === null ? '\u2013' : `${Math.round(x)} ms`);
function shadowHeadline(r) {
    const m = r.measures;
    if (!m)
        return `shadow replay of ${r.model} v${r.version} against v${r.champion}`;
    const c = m.comparison;
    return c
        ? `shadow replay of ${r.model} v${r.version} against v${r.champion}: ${m.replayed} requests, ${m.judged} judged; wins ${percent(c.winRate)}, losses ${percent(c.lossRate)}, ties ${percent(c.tieRate)}`
        : `shadow replay of ${r.model} v${r.version} against v${r.champion}: ${m.replayed} requests, none could be judged`;
}
/** Counts and rates only: the summary never shows a request or an answer. */
function shadowBody(r) {
    const m = r.measures;
    if (!m)
        return [`Requests: \`${r.requestsPath}\` (dry run: nothing replayed).`];
    const c = m.comparison;
    const rows = [
        ['Not answered', `${percent(m.candidate.errorRate)} (${m.candidate.errors})`, `${percent(m.champion.errorRate)} (${m.champion.errors})`],
        ['Valid JSON answers', percent(m.candidate.jsonValidRate), percent(m.champion.jsonValidRate)],
        ['Refusals', percent(m.candidate.refusalRate), percent(m.champion.refusalRate)],
        ['Mean length (characters)', m.candidate.meanChars === null ? '\u2013' : String(Math.round(m.candidate.meanChars)), m.champion.meanChars === null ? '\u2013' : String(Math.round(m.champion.meanChars))],
        ['p95 latency', ms(m.candidate.latencyP95Ms), ms(m.champion.latencyP95Ms)],
        ['Mean tokens', round(m.candidate.meanTokens), round(m.champion.meanTokens)],
        ['Mean tool calls', round(m.candidate.meanToolCalls, 2), round(m.champion.meanToolCalls, 2)],
    ];
    return [
        `Replayed ${m.replayed} requests from \`${r.requestsPath}\`; the judge compared the ${m.judged} pairs both sides answered (${m.judgeErrors} judge errors), the candidate shown first in ${m.candidateShownFirst}.`,
        '',
        c
            ? `Pairwise: candidate better ${m.counts.candidate}, champion better ${m.counts.champion}, tie ${m.counts.tie}; losses \u2212 wins ${percent(c.netLoss)} (${Math.round(c.interval.confidence * 100)}% interval ${percent(c.interval.low)} to ${percent(c.interval.high)}).`
            : 'Pairwise: no pair could be judged.',
        '',
        '| Check | Candidate | Champion |',
        '| --- | --- | --- |',
        ...rows.map((row) => `| ${row.join(' | ')} |`),
        '',
        `Files: \`${r.reportPath}\`${r.pairsPath ? `, \`${r.pairsPath}\` (texts after redaction)` : ''}`,
    ];
}

// EXTERNAL MODULE: ./src/charts/latency.ts
var latency = __webpack_require__(523);
// EXTERNAL MODULE: ./src/charts/rollout.ts
var rollout = __webpack_require__(6151);
// EXTERNAL MODULE: ./src/stats/readable.ts
var readable = __webpack_require__(7919);
;// CONCATENATED MODULE: ./src/report/markdown.ts

function table(header, rows) {
    const line = (cells) => `| ${cells.map(cell).join(' | ')} |`;
    return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
/** Table cells must not break the table: escape pipes, flatten newlines. */
function cell(text) {
    return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
function code(text) {
    return `\`${text.replace(/`/g, "'")}\``;
}
const mark = (passed, warning = false) => (warning ? '\u26a0\ufe0f warn' : passed ? '\u2705 pass' : '\u274c fail');
/** Four significant digits, more where fewer would blur the comparison with one of `limits`. */
function num(value, limits = []) {
    if (value === undefined || value === null || Number.isNaN(value))
        return '\u2013';
    return (0,readable/* readable */.HD)(value, limits);
}
/** GitHub refuses a job summary over 1 MiB; stay well under it, leaving room for other steps' summaries. */
const summaryByteLimit = 900 * 1024;
const bytes = (text) => Buffer.byteLength(text, 'utf8');
/**
 * Joins sections with blank lines, within `limit` bytes: rows of the lowest-priority sections are
 * left out first, then whole sections, each time with a note saying what is missing and where
 * the full record is.
 */
function fitSections(sections, limit, fullRecord) {
    const kept = sections.map((s) => ({ section: s, rows: [...(s.rows ?? [])], omitted: 0, dropped: false }));
    const rowsNote = (count) => `_\u2026 ${count} more row${count === 1 ? '' : 's'} left out to stay under GitHub's 1 MiB job-summary limit; ${fullRecord} has them all._`;
    const droppedNote = (name) => `_${name} left out to stay under GitHub's 1 MiB job-summary limit; ${fullRecord} has the full record._`;
    const render = () => kept
        .map(({ section, rows, omitted, dropped }) => dropped ? droppedNote(section.name) : [...section.head, ...rows.map((r) => r.text), ...(omitted ? [rowsNote(omitted)] : []), ...(section.tail ?? [])].join('\n'))
        .join('\n\n');
    let text = render();
    let total = bytes(text);
    if (total <= limit)
        return text;
    const order = kept
        .map((entry, index) => ({ entry, index }))
        .filter(({ entry }) => Number.isFinite(entry.section.priority))
        .sort((a, b) => a.entry.section.priority - b.entry.section.priority || b.index - a.index);
    for (const { entry } of order) {
        if (total <= limit)
            break;
        // Least important rows first: the highest rank, and among equals the last.
        const removal = entry.rows.map((row, index) => ({ row, index })).sort((a, b) => b.row.rank - a.row.rank || b.index - a.index);
        const removed = new Set();
        let next = 0;
        while (total > limit && next < removal.length) {
            // Estimate in bytes (exact for what render() adds), then check against the real text.
            while (total > limit && next < removal.length) {
                const { row, index } = removal[next++];
                total -= bytes(row.text) + 1 + (entry.omitted === 0 ? -(bytes(rowsNote(1)) + 1) : bytes(rowsNote(entry.omitted)) - bytes(rowsNote(entry.omitted + 1)));
                entry.omitted++;
                removed.add(index);
            }
            entry.rows = entry.section.rows?.filter((_, index) => !removed.has(index)) ?? [];
            text = render();
            total = bytes(text);
        }
        if (total > limit) {
            entry.dropped = true;
            const shorter = render();
            // A section smaller than its own note is kept; the next one is cut instead.
            if (bytes(shorter) < total)
                [text, total] = [shorter, bytes(shorter)];
            else
                entry.dropped = false;
        }
    }
    if (total <= limit)
        return text;
    // Only the untouchable parts are left and they are still too long: cut at a line, by bytes.
    const note = `\n\n_Cut here to stay under GitHub's 1 MiB job-summary limit; ${fullRecord} has the full record._`;
    const cut = Buffer.from(text, 'utf8').subarray(0, Math.max(0, limit - bytes(note))).toString('utf8');
    return `${cut.slice(0, Math.max(0, cut.lastIndexOf('\n')))}${note}`;
}

;// CONCATENATED MODULE: ./src/report/changes.ts

const marks = { newly_failing: '\u274c newly failing', worse: '\ud83d\udcc9 worse', better: '\u2705 better' };
/** Kept longest when the summary must shrink: newly failing, then worse, then better. */
const ranks = { newly_failing: 0, worse: 1, better: 2 };
/**
 * The examples that changed against the champion, as a job-summary section: newly failing first,
 * each with its input, expected answer, both answers and both sides' tool calls, each text
 * cut short. Rows are dropped from the end (better before worse before newly failing) when the
 * summary must stay under GitHub's limit.
 */
function changesSection(changes, champion, fullRecord, priority) {
    const { counts, shown } = changes;
    const total = counts.newly_failing + counts.worse + counts.better;
    if (total === 0)
        return null;
    const hidden = total - shown.length;
    return {
        priority,
        name: 'The examples that changed',
        head: [
            `#### Examples that changed against @${champion.alias} v${champion.version}`,
            '',
            `${counts.newly_failing} newly failing, ${counts.worse} worse, ${counts.better} better.${hidden > 0 ? ` The first ${shown.length} are shown; ${fullRecord} has every example.` : ''}`,
            '',
            ...table(['Change', 'Example', 'Scores (champion \u2192 candidate)', 'Input', 'Expected', 'Answer', 'Tool calls'], []).split('\n'),
        ],
        rows: shown.map((change) => ({ text: row(change), rank: ranks[change.kind] })),
    };
}
function row(change) {
    const scores = change.scores.map((s) => `${s.scorer} ${score(s.champion)} \u2192 ${score(s.candidate)}${s.reason !== undefined ? `: ${safe(s.reason)}` : ''}`).join('<br>');
    const answer = [change.error !== undefined ? `**error:** ${safe(change.error)}` : safe(change.answer) || '\u2013', ...(change.championAnswer !== undefined ? [`_champion:_ ${safe(change.championAnswer)}`] : [])].join('<br>');
    const tools = [calls(change.toolCalls), ...(change.championToolCalls ? [`_champion:_ ${calls(change.championToolCalls)}`] : [])].join('<br>');
    const input = `${change.turn ? `_turn ${change.turn.number} of ${change.turn.of}:_ ` : ''}${safe(change.input) || '\u2013'}`;
    const cells = [marks[change.kind], code(change.id), scores, input, change.expected !== undefined ? safe(change.expected) : '\u2013', answer, tools];
    return `| ${cells.map(cell).join(' | ')} |`;
}
/** No tool data is "\u2013"; a side that made no calls is "(none)". */
function calls(list) {
    return list ? list.map((t) => code(t)).join('<br>') || '(none)' : '\u2013';
}
function score(value) {
    return value === null ? 'none' : num(value);
}
/** Answers are untrusted text: no HTML, no table breaks. */
function safe(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// EXTERNAL MODULE: ./src/gate/baseline.ts + 1 modules
var gate_baseline = __webpack_require__(6086);
;// CONCATENATED MODULE: ./src/gate/report.ts




/** Metrics on the chart; more would not be readable, and the table has them all. */
const chartMetricLimit = 30;
/** A rule's inputs are read a few times per report: zod's generated fast path would cost more to build than it saves. */
const jitless = { jitless: true };
function gateMarkdown(r, header, limit = summaryByteLimit) {
    const metricRows = byMetric(r.rules);
    const others = r.rules.filter((rule) => !isMetricRule(rule));
    const sections = [{ priority: Infinity, name: 'header', head: header }];
    if (r.champion) {
        const c = r.champion;
        sections.push({ priority: Infinity, name: 'champion', head: [`Candidate v${r.version} (${code(r.summaryPath)}) against @${c.alias} v${c.version} (${code(c.summaryPath)}, ${code(c.resultsPath)}).`] });
    }
    if (metricRows.length) {
        const levels = confidenceLevels(r.rules);
        // Without a baseline rule the champion columns would be dashes only.
        const compared = metricRows.some((m) => m.baseline);
        const pick = (cells) => (compared ? cells : cells.filter((_, i) => i !== 3 && i !== 4));
        sections.push({
            priority: 3,
            name: 'The metric table',
            head: [
                ...(levels ? [`Values in parentheses are ${levels} confidence intervals.`, ''] : []),
                ...table(pick(['Metric', 'Threshold', 'Candidate', 'Champion', 'Difference', 'Verdict', 'Why']), []).split('\n'),
            ],
            rows: metricRows.map((m) => ({ text: report_row(pick(metricCells(m))), rank: rank(m.rules) })),
        });
    }
    if (others.length) {
        sections.push({
            priority: 4,
            name: 'The other rules',
            head: table(['Rule', 'Metric', 'Verdict', 'Why'], []).split('\n'),
            rows: others.map((rule) => ({ text: report_row([rule.rule, rule.metric ?? '\u2013', verdictOf(rule), rule.reason]), rank: rank([rule]) })),
        });
    }
    const chart = chartLines(r);
    if (chart.length)
        sections.push({ priority: 2, name: 'The chart', head: chart });
    if (r.flakiness?.length)
        sections.push(flakinessSection(r.flakiness));
    const changed = r.changes && r.champion ? changesSection(r.changes, r.champion, code(r.champion.resultsPath) + ' and the candidate\'s results', 2.5) : null;
    if (changed)
        sections.push(changed);
    const plan = r.deploymentPlan ? ` Deployment plan v${r.deploymentPlan.version}: ${code(r.deploymentPlan.path)}${r.deploymentPlan.written ? '' : ' (not written: dry run)'}.` : '';
    const recorded = r.dryRun ? `not written (dry run; a real run writes ${code(r.decisionPath)} and tags on version ${r.version})` : `written to ${code(r.decisionPath)} and as tags on version ${r.version}`;
    sections.push({ priority: Infinity, name: 'decision', head: [`Decision: **${r.decision.toUpperCase()}** ${recorded}.${plan}`] });
    return fitSections(sections, limit, code(r.decisionPath));
}
function isMetricRule(rule) {
    return rule.metric !== undefined && (rule.rule === 'threshold' || rule.rule === 'baseline');
}
/** Rows in the order metrics first appear among the rules (thresholds, then baseline-only metrics). */
function byMetric(rules) {
    const rows = new Map();
    for (const rule of rules) {
        if (!isMetricRule(rule))
            continue;
        const metric = rule.metric;
        const entry = rows.get(metric) ?? { metric, rules: [] };
        entry.rules.push(rule);
        if (rule.rule === 'threshold')
            entry.threshold ??= rule;
        else {
            entry.baseline ??= rule;
            const parsed = gate_baseline/* comparisonInputsSchema */.Mi.safeParse(rule.inputs, jitless);
            if (parsed.success)
                entry.comparison ??= parsed.data;
            const increase = gate_baseline/* increaseInputsSchema */.by.safeParse(rule.inputs, jitless);
            if (increase.success)
                entry.increase ??= increase.data;
        }
        rows.set(metric, entry);
    }
    return [...rows.values()];
}
function metricCells(m) {
    if (m.increase)
        return increaseCells(m, m.increase);
    const t = (m.threshold?.inputs ?? {});
    const c = m.comparison;
    const limits = [t.min !== undefined ? `\u2265 ${t.min}` : '', t.max !== undefined ? `\u2264 ${t.max}` : '', m.baseline ? baselineLimit(m.baseline) : ''].filter(Boolean);
    const limitsOf = [t.min, t.max];
    const candidate = c ? withInterval(c.candidate.mean, c.candidate.ci, limitsOf) : t.value !== undefined ? withInterval(t.value, t.ci, limitsOf) : '\u2013';
    const champion = c ? withInterval(c.champion.mean, c.champion.ci) : '\u2013';
    // The difference is judged against \u2212max_drop: print enough digits to read that comparison.
    const maxDrop = m.baseline ? maxDropOf(m.baseline) : undefined;
    const dropLimit = maxDrop === undefined ? [] : [-maxDrop];
    const difference = c ? `${signed(c.difference, dropLimit)} (${signed(c.difference_ci.low, dropLimit)} \u2013 ${signed(c.difference_ci.high, dropLimit)})` : '\u2013';
    const verdict = verdictOfAll(m.rules) + (c?.verdict === 'inconclusive' ? ' (inconclusive)' : '');
    const why = m.rules.map((rule) => rule.reason);
    if (c?.note)
        why.push(`note: ${c.note}`);
    return [m.metric, limits.join('; ') || '\u2013', candidate, champion, difference, verdict, why.join('<br>')];
}
/** A spend comparison: the means, and the change as a percentage of the champion's. */
function increaseCells(m, c) {
    const t = (m.threshold?.inputs ?? {});
    const percent = (ratio) => `${ratio > 0 ? '+' : ratio < 0 ? '\u2212' : ''}${Math.abs(ratio * 100).toFixed(1)}%`;
    const limits = [t.min !== undefined ? `\u2265 ${t.min}` : '', t.max !== undefined ? `\u2264 ${t.max}` : '', `increase \u2264 ${Number((c.max_increase * 100).toFixed(2))}%`].filter(Boolean);
    const verdict = verdictOfAll(m.rules) + (c.verdict === 'inconclusive' ? ' (inconclusive)' : '');
    const why = m.rules.map((rule) => rule.reason);
    if (c.note)
        why.push(`note: ${c.note}`);
    return [m.metric, limits.join('; '), num(c.candidate_mean), num(c.champion_mean), `${percent(c.increase)} (${percent(c.increase_ci.low)} \u2013 ${percent(c.increase_ci.high)})`, verdict, why.join('<br>')];
}
/** What the champion comparison allows: a drop of a score, or (spend, that could not be compared) an increase. */
function baselineLimit(rule) {
    const increase = rule.inputs.max_increase;
    if (typeof increase === 'number')
        return `increase \u2264 ${Number((increase * 100).toFixed(2))}%`;
    return `drop \u2264 ${num(maxDropOf(rule))}`;
}
function maxDropOf(rule) {
    const value = rule.inputs.max_drop;
    return typeof value === 'number' ? value : undefined;
}
function withInterval(value, ci, limits = []) {
    return ci ? `${num(value, limits)} (${num(ci.low)} \u2013 ${num(ci.high)})` : num(value, limits);
}
/** Signed, three decimals as in the reasons (more beside a limit they would blur), with a true minus sign so a drop reads as one at a glance. */
function signed(raw, limits = []) {
    const value = Math.abs(raw) < 1e-12 ? 0 : raw; // floating-point dust from subtracting equal means
    const format = Math.abs(value) >= 0.0005 || value === 0 ? (0,readable/* fixed */.Zu)(3) : (v, extra) => v.toPrecision(Math.min(100, 2 + extra));
    const text = (0,readable/* readable */.HD)(value, limits, format).replace(/^-/, '');
    return value > 0 ? `+${text}` : value < 0 ? `\u2212${text}` : text;
}
function verdictOf(rule) {
    return rule.inputs.skipped === true ? '\u23ed\ufe0f skipped' : mark(rule.passed, rule.warning);
}
/** The worst of a metric's rules: a failure, else a warning, else a pass. */
function verdictOfAll(rules) {
    if (rules.some((rule) => !rule.passed))
        return mark(false);
    return mark(true, rules.some((rule) => rule.warning));
}
/** 0 = failed, 1 = warned, 2 = passed: failures are the last rows a truncation removes. */
function rank(rules) {
    return rules.some((rule) => !rule.passed) ? 0 : rules.some((rule) => rule.warning) ? 1 : 2;
}
function report_row(cells) {
    return `| ${cells.map(cell).join(' | ')} |`;
}
/** "95%" when every interval shown has one level; the levels listed otherwise. */
function confidenceLevels(rules) {
    const levels = new Set();
    for (const rule of rules) {
        if (!isMetricRule(rule))
            continue;
        // A threshold's inputs are never a comparison's: most gates have no baseline, and building those schemas to learn so took a millisecond.
        const parsed = rule.rule === 'threshold' ? undefined : gate_baseline/* comparisonInputsSchema */.Mi.safeParse(rule.inputs, jitless);
        const increase = rule.rule === 'threshold' ? undefined : gate_baseline/* increaseInputsSchema */.by.safeParse(rule.inputs, jitless);
        if (parsed?.success)
            levels.add(parsed.data.confidence);
        else if (increase?.success)
            levels.add(increase.data.confidence);
        else {
            const ci = rule.inputs.ci;
            if (typeof ci?.confidence === 'number')
                levels.add(ci.confidence);
        }
    }
    if (levels.size === 0)
        return undefined;
    return [...levels]
        .sort()
        .map((level) => `${Number((level * 100).toFixed(2))}%`)
        .join(' / ');
}
/**
 * A Mermaid xychart (GitHub renders `xychart-beta`): candidate means as bars, the champion's as
 * a line. Two bar series would be drawn on top of each other, so the champion is the line.
 * Only means in [0, 1] share the axis; other scales would flatten it.
 */
function chartLines(r) {
    const compared = byMetric(r.rules).flatMap((m) => (m.comparison ? [{ metric: m.metric, candidate: m.comparison.candidate.mean, champion: m.comparison.champion.mean }] : []));
    const inRange = (v) => v >= 0 && v <= 1;
    const points = compared.filter((p) => inRange(p.candidate) && inRange(p.champion));
    if (points.length === 0 || !r.champion)
        return [];
    const shown = points.slice(0, chartMetricLimit);
    const outside = compared.filter((p) => !points.includes(p)).map((p) => p.metric);
    const notes = [
        ...(points.length > shown.length ? [`The chart shows the first ${shown.length} of ${points.length} compared metrics; the table has them all.`] : []),
        ...(outside.length ? [`Not on the chart (values outside 0\u20131): ${outside.slice(0, 10).join(', ')}${outside.length > 10 ? ` and ${outside.length - 10} more` : ''}.`] : []),
    ];
    const value = (v) => String(Number(v.toFixed(4)));
    return [
        ...(notes.length ? [`_${notes.join(' ')}_`, ''] : []),
        '```mermaid',
        'xychart-beta',
        `  title "candidate v${r.version} (bars) vs @${r.champion.alias} v${r.champion.version} (line)"`,
        `  x-axis [${shown.map((p) => `"${p.metric}"`).join(', ')}]`,
        '  y-axis "mean" 0 --> 1',
        `  bar [${shown.map((p) => value(p.candidate)).join(', ')}]`,
        `  line [${shown.map((p) => value(p.champion)).join(', ')}]`,
        '```',
    ];
}
function flakinessSection(entries) {
    const shortId = (id) => code(id.length > 60 ? `${id.slice(0, 59)}\u2026` : id);
    return {
        priority: 1,
        name: 'The flakiness report',
        head: [
            '#### Flakiness (informational, not part of the decision)',
            '',
            'Each example was run several times. pass^k is the chance that k fresh runs of an example all pass.',
            '',
            ...table(['Metric', 'k', 'Pass rate', 'pass^k', 'Flaky examples', 'Flakiest (passes/runs)'], []).split('\n'),
        ],
        rows: entries.map((e) => ({
            text: report_row([
                e.metric,
                String(e.k),
                withInterval(e.passRate.mean, e.passRate.ci),
                withInterval(e.passAllK.mean, e.passAllK.ci),
                `${e.flakyCount} of ${e.examples}`,
                e.flakiest.map((f) => `${shortId(f.id)} ${f.passes}/${f.runs}`).join(', ') || '\u2013',
            ]),
            rank: e.flakyCount > 0 ? 0 : 1,
        })),
    };
}

;// CONCATENATED MODULE: ./src/report/render.ts






/** True when the mode ran but its verdict is negative: the shells exit 1. */
function isFailure(result) {
    return (result.mode === 'gate' && result.decision === 'fail') || (result.mode === 'verify' && result.decision === 'fail') || (result.mode === 'deploy' && result.failure !== null);
}
/** One paragraph a person reads first: what happened, and for a failure, why. */
function headline(r) {
    const dry = r.dryRun ? ' (dry run: nothing changed)' : '';
    const who = `${r.model} v${r.mode === 'rollback' ? r.restoredFrom : r.mode === 'detect' ? r.lastReleased : r.version}`;
    switch (r.mode) {
        case 'evaluate':
            return r.shard
                ? `evaluated ${who} on shard ${r.shard.index}/${r.shard.count}: ${r.shard.rows} of ${r.dataset.rows} examples of ${r.dataset.name}${errorsNote(r.errors)}${dry}`
                : `evaluated ${who} on ${r.dataset.rows} examples of ${r.dataset.name}${errorsNote(r.errors)}${dry}`;
        case 'merge':
            return `merged ${r.shards.length} shards of ${who}: ${r.dataset.rows} examples of ${r.dataset.name}${errorsNote(r.errors)}${dry}`;
        case 'gate':
            return r.decision === 'pass'
                ? `gate passed for ${who}${dry}`
                : `gate failed for ${who}: ${failingReasons(r.rules)}${dry}`;
        case 'promote':
            return r.changed
                ? `${r.dryRun ? 'would promote' : 'promoted'} ${who} to @${r.alias} (previously ${r.previousVersion === null ? 'unset' : `v${r.previousVersion}`})${dry}`
                : `${who} already holds @${r.alias}; nothing to do`;
        case 'deploy':
            return r.failure
                ? `deploy of ${who} to ${r.environment} failed at ${r.failure.at ? `step ${r.failure.at.index} of ${r.failure.at.count} (${r.failure.at.weight}%), ` : ''}${r.failure.step} (${r.failure.reason}); rolled back to ${r.previousVersion === null ? 'no earlier version' : `v${r.previousVersion}`}${r.rolledBack ? `. ${againAfterRollback(r)}` : ''}`
                : r.alreadyDeployed
                    ? r.restoredFrom !== null
                        ? `${who} already serves in ${r.environment}: the rollout of v${r.restoredFrom} was rolled back to it; nothing to do`
                        : `${who} is already deployed to ${r.environment}; nothing to do`
                    : `deployed ${who} to ${r.environment}${r.steps.length > 1 ? ` in ${r.steps.length} steps (${r.steps.map((x) => `${x.weight}%`).join(' \u2192 ')})` : ''}${r.skipAnalysis ? ' without analysis (skip_analysis)' : ''}${dry}`;
        case 'verify':
            return r.decision === 'fail'
                ? `verify failed for ${who} in ${r.environment}: ${r.checks.filter((c) => !c.passed).map((c) => c.reason).join('; ')}`
                : r.decision === 'pass'
                    ? `verify passed for ${who} in ${r.environment}`
                    : `verify of ${who}${dry}`;
        case 'detect':
            return `${r.model}: ${r.versions.length ? `new versions to release: ${r.versions.map((v) => `v${v}`).join(', ')}` : 'no new versions'} (last released to @${r.alias}: ${r.lastReleased === null ? 'none' : `v${r.lastReleased}`})`;
        case 'shadow':
            return `${shadowHeadline(r)}${dry}`;
        case 'rollback':
            return `rolled back ${who} in ${r.environment}; ${r.version === null ? 'no earlier version to serve' : `v${r.version} restored`}${r.resumed ? ' (finished an earlier rollback)' : ''}${dry}`;
    }
}
function outputsOf(r) {
    switch (r.mode) {
        case 'evaluate':
        case 'merge':
            return { 'run-id': r.runId ?? '', 'summary-path': r.summaryPath, 'results-path': r.resultsPath ?? '', metrics: JSON.stringify(metricValues(r.metrics)) };
        case 'gate':
            return { decision: r.decision, reasons: JSON.stringify(r.rules.map((x) => x.reason)), 'decision-path': r.decisionPath };
        case 'promote':
            return { version: r.version, 'previous-version': r.previousVersion ?? '', alias: r.alias };
        case 'deploy':
            return { version: r.version, 'previous-version': r.previousVersion ?? '', 'endpoint-url': r.endpointUrl ?? '', 'deployment-id': r.deploymentId ?? '', 'rolled-back': String(r.rolledBack) };
        case 'verify':
            return { decision: r.decision, reasons: JSON.stringify(r.checks.map((c) => c.reason)), metrics: JSON.stringify(r.metrics) };
        case 'rollback':
            return { version: r.version ?? '', 'restored-from': r.restoredFrom, alias: r.alias };
        case 'detect':
            return { versions: JSON.stringify(r.versions) };
        case 'shadow':
            return { 'shadow-path': r.reportPath };
    }
}
function markdown(r) {
    const title = `### agent-release ${r.mode}: ${r.model}${r.dryRun ? ' (dry run)' : ''}`;
    // The gate's report can grow with the number of metrics, so it is assembled within a byte cap.
    if (r.mode === 'gate')
        return `${gateMarkdown(r, [title, '', headline(r)]).trimEnd()}\n`;
    if (r.mode === 'evaluate' && r.changes) {
        // The changed examples can be long: the summary is assembled within the byte cap, as the gate's.
        const changed = changesSection(r.changes.changes, r.changes.champion, `${code(r.changes.champion.resultsPath)} and ${code(r.resultsPath ?? 'results.jsonl')}`, 1);
        const sections = [{ priority: Infinity, name: 'header', head: [title, '', headline(r), '', ...body(r)] }, ...(changed ? [changed] : [])];
        return `${fitSections(sections, summaryByteLimit, code(r.resultsPath ?? r.summaryPath)).trimEnd()}\n`;
    }
    return [title, '', headline(r), '', ...body(r)].join('\n').trimEnd() + '\n';
}
/** Reasons a headline names before it points at the summary: it is also the ::error:: annotation. */
const headlineReasonLimit = 5;
function errorsNote(errors) {
    return errors ? ` (${errors} error${errors === 1 ? '' : 's'})` : '';
}
function failingReasons(rules) {
    const failing = rules.filter((x) => !x.passed).map((x) => x.reason);
    const named = failing.slice(0, headlineReasonLimit).join('; ');
    const more = failing.length - headlineReasonLimit;
    return more > 0 ? `${named}; and ${more} more failing rule${more === 1 ? '' : 's'} (see the job summary)` : named;
}
const evaluatedBy = { dataset: 'Endpoint', command: 'Evaluator', 'mlflow-run': 'Read from', 'databricks-job': 'Databricks job run' };
function body(r) {
    switch (r.mode) {
        case 'evaluate':
            return [
                `Dataset ${code(r.dataset.path || r.dataset.name)}: ${r.dataset.rows} rows, ${code(r.dataset.digest.slice(0, 19))}${r.shard ? `; shard ${r.shard.index}/${r.shard.count} holds ${r.shard.rows} of them` : ''}. ${evaluatedBy[r.runner]} ${code(r.endpoint)}.`,
                '',
                Object.keys(r.metrics).length ? metricTable(r.metrics) : '_No metrics: nothing was sent._',
                '',
                `Files: ${code(r.summaryPath)}${r.resultsPath === null ? ' (no per-example results from this runner)' : `, ${code(r.resultsPath)}`}${r.runId ? `; tracking run ${code(r.runId)}` : ''}${r.traces ? tracesNote(r.traces) : ''}`,
            ];
        case 'merge':
            return [
                `Dataset ${r.dataset.path === null ? r.dataset.name : code(r.dataset.path)}: ${r.dataset.rows} rows, ${code(r.dataset.digest.slice(0, 19))}, from ${r.shards.length} shards.`,
                '',
                table(['Shard', 'Rows', 'Errors', 'Summary'], r.shards.map((s) => [`${s.index}/${s.count}`, String(s.rows), String(s.errors), code(s.summaryPath)])),
                '',
                Object.keys(r.metrics).length ? metricTable(r.metrics) : '_No metrics._',
                '',
                `Files: ${code(r.summaryPath)}, ${code(r.resultsPath)}${r.dryRun ? ' (not written: dry run)' : ''}`,
            ];
        case 'gate':
            return []; // see markdown(): gateMarkdown
        case 'promote':
            return [table(['Alias', 'Version', 'Previous'], [[`@${r.alias}`, r.version, r.previousVersion ?? '\u2013']])];
        case 'deploy':
            return [
                table(['Step', 'What'], r.plan.map((line, i) => [String(i + 1), line])),
                ...(r.preflight.problems.length + r.preflight.checks.length > 0
                    ? ['', `Preflight: ${[...r.preflight.problems.map((p) => `\u274c ${cell(p)}`), ...r.preflight.checks.map((c) => `\u2705 ${cell(c)}`)].join('; ')}`]
                    : []),
                ...(r.change.length > 0 ? ['', '```diff', ...r.change, '```'] : []),
                ...section((0,rollout/* rolloutChart */.O3)(r)),
                ...section((0,latency/* latencyChart */.z)(r.latency)),
                ...(r.steps.length > 1
                    ? ['', table(['Step', 'Traffic', 'Status', 'Verdict', 'Reasons'], r.steps.map((x) => [String(x.index), `${x.weight}%`, x.status, x.verdict ?? '', x.reasons.join('; ')]))]
                    : []),
                ...(r.analysis ? ['', ruleTable(r.analysis.checks)] : []),
                ...(r.failure ? ['', `**Rolled back** ${r.failure.step === 'cancelled' ? 'after the rollout was cancelled' : `after ${r.failure.step} failed`}: ${cell(r.failure.reason)}`] : []),
            ];
        case 'verify':
            return [`Analysis: ${cell(r.plan)}`, ...section((0,latency/* latencyChart */.z)(r.latency)), '', r.checks.length ? ruleTable(r.checks) : '_Nothing measured._'];
        case 'rollback':
            return [table(['Step', 'What'], r.plan.map((line, i) => [String(i + 1), line]))];
        case 'detect':
            return [];
        case 'shadow':
            return shadowBody(r);
    }
}
function tracesNote(t) {
    const sample = t.sampledOut ? ` (a sample: ${t.sampledOut} over evaluate.traces.max left out)` : '';
    const failed = t.failed ? `; ${t.failed} could not be logged` : '';
    return `, with ${t.logged} requests as MLflow traces${sample}${failed}`;
}
/** A block of lines after a blank line, or nothing. */
function section(lines) {
    return lines.length > 0 ? ['', ...lines] : [];
}
function ruleTable(rules) {
    return table(['Rule', 'Metric', 'Value', 'Limit', 'n', 'Interval', 'Verdict', 'Why'], rules.map((rule) => {
        const { value, min, max, n, ci } = rule.inputs;
        const limit = [min !== undefined ? `\u2265 ${min}` : '', max !== undefined ? `\u2264 ${max}` : ''].filter(Boolean).join(', ');
        const interval = ci ? `${num(ci.low)} \u2013 ${num(ci.high)} (${Math.round(ci.confidence * 100)}%)` : '\u2013';
        return [rule.rule, rule.metric ?? '\u2013', num(value, [min, max]), limit || '\u2013', num(n), interval, mark(rule.passed, rule.warning), rule.reason];
    }));
}
function metricTable(metrics) {
    return table(['Metric', 'Value', 'n', 'Interval'], Object.entries(metrics).map(([name, m]) => [name, num(m.value), num(m.n), m.ci ? `${num(m.ci.low)} \u2013 ${num(m.ci.high)} (${Math.round(m.ci.confidence * 100)}% ${m.ci.method})` : '\u2013']));
}
function metricValues(metrics) {
    return Object.fromEntries(Object.entries(metrics).map(([name, m]) => [name, m.value]));
}
/** After an automatic rollback the alias is back where it was: deploying again alone would do nothing (or refuse), so say what releases the version again. */
function againAfterRollback(r) {
    return r.previousVersion === null
        ? `To release v${r.version} again once the cause is fixed: deploy --model-version ${r.version}`
        : `To release v${r.version} again once the cause is fixed: promote it again, then deploy`;
}

;// CONCATENATED MODULE: ./src/modes/index.ts


const modeNames = ['evaluate', 'gate', 'promote', 'deploy', 'verify', 'rollback', 'detect', 'merge', 'shadow'];
// Loaded on demand: the bundler emits each mode as its own chunk, so `evaluate` does not parse
// and initialise the gate's statistics, the deploy targets or the JSON-schema validator of
// another mode at start-up (a CLI process's start is part of every evaluation's wall time).
const modes = {
    evaluate: async () => (await Promise.all(/* import() */[__webpack_require__.e(731), __webpack_require__.e(235), __webpack_require__.e(260), __webpack_require__.e(894), __webpack_require__.e(526)]).then(__webpack_require__.bind(__webpack_require__, 3526))).evaluate,
    gate: async () => (await __webpack_require__.e(/* import() */ 338).then(__webpack_require__.bind(__webpack_require__, 3338))).gate,
    promote: async () => (await __webpack_require__.e(/* import() */ 311).then(__webpack_require__.bind(__webpack_require__, 4311))).promote,
    deploy: async () => (await Promise.all(/* import() */[__webpack_require__.e(327), __webpack_require__.e(258)]).then(__webpack_require__.bind(__webpack_require__, 8258))).deploy,
    verify: async () => (await __webpack_require__.e(/* import() */ 119).then(__webpack_require__.bind(__webpack_require__, 8119))).verify,
    rollback: async () => (await __webpack_require__.e(/* import() */ 54).then(__webpack_require__.bind(__webpack_require__, 3054))).rollback,
    detect: async () => (await __webpack_require__.e(/* import() */ 541).then(__webpack_require__.bind(__webpack_require__, 5541))).detect,
    merge: async () => (await Promise.all(/* import() */[__webpack_require__.e(731), __webpack_require__.e(235), __webpack_require__.e(260), __webpack_require__.e(87)]).then(__webpack_require__.bind(__webpack_require__, 5087))).merge,
    shadow: async () => (await Promise.all(/* import() */[__webpack_require__.e(70), __webpack_require__.e(235), __webpack_require__.e(894), __webpack_require__.e(307)]).then(__webpack_require__.bind(__webpack_require__, 5307))).shadow,
};
/**
 * The config sections each command reads; only their ${VAR}s must be set. A rollback runs the
 * target's rollback and moves the alias; it never analyses, so a failed release's rollback job
 * cannot stop on the analysis's credentials.
 */
const sectionsUsed = {
    // gate.baseline: the evaluate summary lists the examples that changed against that champion.
    evaluate: ['model', 'experiments', 'artifacts_dir', 'evaluate', 'promote', 'gate.baseline'],
    gate: ['model', 'experiments', 'artifacts_dir', 'gate', 'promote'],
    // artifacts_dir: promote reads the gate's decision.json there.
    promote: ['model', 'artifacts_dir', 'promote'],
    deploy: ['model', 'experiments', 'artifacts_dir', 'promote', 'deploy'],
    verify: ['model', 'promote', 'deploy.analysis'],
    rollback: ['model', 'artifacts_dir', 'promote', 'deploy', '!deploy.analysis'],
    detect: ['model', 'promote'],
    // merge reads evaluate.scorers but calls no endpoint: the merge job needs none of the agent's ${VAR}s.
    merge: ['model', 'experiments', 'artifacts_dir'],
    // shadow replays through evaluate.endpoint.
    shadow: ['model', 'artifacts_dir', 'promote', 'evaluate.endpoint', 'shadow', 'gate.shadow'],
    registry: ['model'],
};
function isModeName(value) {
    return modeNames.includes(value);
}
async function runMode(mode, ctx, inputs) {
    const run = await modes[mode]();
    let result;
    try {
        result = await run(ctx, inputs);
    }
    catch (error) {
        await announce(ctx, async ({ eventFromError }) => eventFromError(ctx, mode, inputs, error));
        throw error;
    }
    await announce(ctx, async ({ eventFromResult }) => eventFromResult(ctx, result));
    return { result, failed: isFailure(result) };
}
/** Tells the configured notifiers what the mode did; loaded only when some are configured, and never throws. */
async function announce(ctx, raise) {
    const configured = ctx.loaded.config.notifications;
    if (!configured)
        return;
    try {
        const event = await raise(await __webpack_require__.e(/* import() */ 865).then(__webpack_require__.bind(__webpack_require__, 3865)));
        if (!event)
            return;
        const { createNotifiers, notify } = await __webpack_require__.e(/* import() */ 67).then(__webpack_require__.bind(__webpack_require__, 67));
        const { notifiers, skipped } = createNotifiers(configured);
        for (const reason of skipped)
            ctx.logger.warn(reason);
        await notify(event, notifiers, { clock: ctx.clock, logger: ctx.logger });
    }
    catch (error) {
        ctx.logger.warn(`notifications were not sent: ${(0,errors/* messageOf */.bD)(error)}`);
    }
}

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
;// CONCATENATED MODULE: ./src/shell/cli-options.ts




/** Every flag, once: the parser's table, the usage text and the per-command check all come from here. */
const cliOptions = {
    config: { type: 'string', value: 'F', help: 'config file (default .github/agent-release.yml)' },
    'model-version': {
        type: 'string',
        value: 'V',
        help: 'the model version to act on (deploy, verify, rollback: default the alias holder)',
        commands: ['evaluate', 'merge', 'gate', 'promote', 'deploy', 'verify', 'rollback', 'shadow', 'registry'],
    },
    environment: { type: 'string', value: 'E', help: 'apply environments.E from the config' },
    'dry-run': { type: 'boolean', help: 'print what would change; change nothing' },
    'skip-analysis': { type: 'boolean', help: 'straight to 100% without bake or analysis', commands: ['deploy'] },
    json: { type: 'boolean', help: 'print the result as JSON on stdout (the report goes to stderr)' },
    'summary-path': { type: 'string', value: 'P', help: 'the summary.json to decide on', commands: ['gate'] },
    shard: { type: 'string', value: 'i/n', help: 'only the i-th of n deterministic slices of the dataset', commands: ['evaluate'] },
    'shards-path': {
        type: 'string',
        multiple: true,
        value: 'P',
        help: "a folder searched for the shards' summary.json (repeatable; default: the version's folder under artifacts_dir)",
        commands: ['merge'],
    },
    'expected-version': { type: 'string', value: 'V', help: 'the version expected to hold the alias now, or "none"', commands: ['promote'] },
    'production-environment': {
        type: 'string',
        value: 'NAME',
        help: "in a staging job: the environment this one stages for; refuses when both promote to the same alias",
        commands: ['promote'],
    },
    'approved-by': { type: 'string', value: 'NAMES', help: 'promote.uc_approval outside Actions: who approved (comma-separated)', commands: ['promote'] },
    'to-version': { type: 'string', value: 'V', help: 'restore this (previously released) version', commands: ['rollback'] },
    source: { type: 'string', value: 'URI', help: 'register: where the version is served or stored', commands: ['registry'] },
    tag: { type: 'string', multiple: true, value: 'key=value', help: 'register: a tag on the new version (repeatable)', commands: ['registry'] },
    help: { type: 'boolean', short: 'h', help: 'show this help (agent-release <command> --help: that command only)' },
    version: { type: 'boolean', help: "print agent-release's version" },
};
const optionNames = Object.keys(cliOptions);
const commandNames = [...modeNames, 'registry'];
const summaries = {
    evaluate: 'run the dataset through the agent, score it, write summary.json and results.jsonl',
    merge: "combine a sharded evaluation's shards into the version's summary",
    gate: 'decide pass or fail for a version from its evaluation (exit 1 on fail)',
    promote: 'move the promotion alias to a version that passed the gate',
    deploy: "deploy the alias holder with the configured target and analysis; roll back on failure",
    verify: 'run deploy.analysis alone (exit 1 on fail)',
    rollback: 'withdraw the alias holder and restore the previous one',
    detect: 'list registered versions newer than the last release that no gate has decided',
    shadow: 'replay recorded production requests to the version and the champion, judge them pairwise, write shadow.json',
    registry: 'registry register --source URI [--tag k=v ...] | registry show [--model-version V]',
};
const exitCodes = 'exit codes: 0 success or pass, 1 a gate failed or an operation was refused, 2 usage or configuration error, 130 cancelled (Ctrl-C or SIGTERM)';
function optionLines(names) {
    const flags = names.map((name) => {
        const o = cliOptions[name];
        return `--${name}${o.value ? ` ${o.value}` : ''}`;
    });
    // The widest flag sets the column, with a gap of two: a long one ran into its help.
    const width = Math.max(22, ...flags.map((flag) => flag.length + 2));
    return names.map((name, i) => `  ${flags[i].padEnd(width)}${cliOptions[name].help}`).join('\n');
}
function appliesTo(name, command) {
    const o = cliOptions[name];
    return !o.commands || o.commands.includes(command);
}
/** The commands that read an option the given command does not, or undefined when it reads it. */
function otherReaders(name, command) {
    return appliesTo(name, command) ? undefined : (cliOptions[name].commands ?? []);
}
/** The usage text: every command and flag, or one command's own flags. */
function usageFor(command) {
    if (command) {
        const head = command === 'registry' ? 'usage: agent-release registry register|show [options]' : `usage: agent-release ${command} [options]`;
        return `${head}\n\n${summaries[command]}\n\noptions:\n${optionLines(optionNames.filter((n) => n !== 'version' && appliesTo(n, command)))}\n\n${exitCodes}`;
    }
    const commands = commandNames.map((c) => `  ${c.padEnd(10)}${summaries[c]}`).join('\n');
    return `usage: agent-release <mode> [options]
       agent-release registry register|show [options]
       agent-release <mode> --help          that mode's options only

commands:
${commands}

options:
${optionLines(optionNames)}

${exitCodes}`;
}
/**
 * argv to flags and positionals. Node's parser errors ("Unknown option '--modle-version'. To
 * specify a positional argument starting with a '-', place it at the end of the command after
 * '--'...") are rewritten to say what was meant.
 */
function parseCliArgs(argv) {
    let parsed;
    try {
        parsed = (0,external_node_util_.parseArgs)({ args: [...argv], allowPositionals: true, strict: true, options: cliOptions, tokens: true });
    }
    catch (error) {
        throw new errors/* UsageError */.eb(parseProblem(error, argv));
    }
    const { values, positionals, tokens } = parsed;
    // Node's parser keeps the last of a repeated flag; `--model-version 1 \u2026 --model-version 2` is a mistake either way.
    const seen = new Map();
    for (const token of tokens) {
        if (token.kind !== 'option' || cliOptions[token.name]?.type !== 'string' || cliOptions[token.name]?.multiple)
            continue;
        if (seen.has(token.name))
            throw new errors/* UsageError */.eb(`--${token.name} is given twice (${JSON.stringify(seen.get(token.name))}, then ${JSON.stringify(token.value)}); give it once`);
        seen.set(token.name, token.value);
    }
    return {
        values: { ...values, config: values.config ?? '.github/agent-release.yml', 'dry-run': values['dry-run'] ?? false, 'skip-analysis': values['skip-analysis'] ?? false, json: values.json ?? false, help: values.help ?? false, version: values.version ?? false },
        positionals,
    };
}
/** The command a command line names (options may come before it), or undefined when it does not parse. */
function commandOf(argv) {
    try {
        return parseCliArgs(argv).positionals[0];
    }
    catch {
        return undefined;
    }
}
/** Refuses a flag the command does not read, rather than ignore it (a --to-version given to gate is a mistake). */
function checkOptionsFor(command, values) {
    for (const name of optionNames) {
        const given = values[name];
        const users = otherReaders(name, command);
        if (given === undefined || given === false || users === undefined)
            continue;
        throw new errors/* UsageError */.eb(`--${name} is not an option of ${command} (it is for ${users.join(', ')}); agent-release ${command} --help lists ${command}'s options`);
    }
}
function parseProblem(error, argv) {
    const { code, message } = error;
    const flag = /'(-{1,2}[^']*)'/.exec(message ?? '')?.[1];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag) {
        const name = flag.replace(/^-+/, '').split('=')[0] ?? '';
        const hint = (0,zod_helpers/* suggestion */.h)(name, optionNames);
        return `unknown option ${flag}${hint ? ` (${hint.replace(/"([^"]+)"/, '--$1')})` : ''}; agent-release --help lists the options`;
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && flag) {
        const name = flag.replace(/^-+/, '').split(' ')[0] ?? '';
        const o = cliOptions[name];
        if (o?.type !== 'string')
            return `--${name} takes no value`;
        // Node's parser reads a value that starts with "-" as the next option.
        const next = argv[argv.indexOf(`--${name}`) + 1];
        if (next?.startsWith('-'))
            return `--${name} needs a value, and ${JSON.stringify(next)} after it is read as an option; a value that starts with "-" is written --${name}=${next}`;
        return `--${name} needs a value (--${name} ${o.value ?? 'VALUE'})`;
    }
    return message ?? String(error);
}

;// CONCATENATED MODULE: ./src/shell/package-version.ts
/**
 * What `agent-release --version` prints. A constant, not a read of package.json: the bundle
 * runs from dist/ without it. A unit test keeps it equal to package.json's version.
 */
const packageVersion = '0.1.0';

// EXTERNAL MODULE: ./src/modes/versions.ts
var modes_versions = __webpack_require__(7763);
;// CONCATENATED MODULE: ./src/shell/source-check.ts


/**
 * When evaluate.endpoint.url is built from the version's source ({{source}}), a source that does
 * not make an http(s) URL would be accepted now and fail at evaluate, after the release has
 * started. Refuse it at registration instead. Other configs store any source (a model URI, a path).
 */
function checkSourceForEndpoint(loaded, source, model) {
    if (source !== source.trim())
        throw new errors/* UsageError */.eb(`--source ${JSON.stringify(source)} has spaces around it; give the URI alone`);
    const template = loaded.config.evaluate?.endpoint?.url;
    if (!template || !/\{\{\s*source\s*\}\}/.test(template))
        return;
    let url;
    try {
        url = (0,src_template/* endpointUrl */.Pb)(template, { source, model, version: '1' }, `${loaded.file}: evaluate.endpoint.url`);
    }
    catch (error) {
        if (error instanceof src_template/* TemplateError */.$w)
            return; // evaluate reports a bad template with its own message
        throw error;
    }
    // When the template starts with the source, the source is the agent's base URL and must be one
    // itself: "http://" alone would make http:/v1/\u2026 which parses, as a request to a host named v1.
    const checked = /^\s*\{\{\s*source\s*\}\}/.test(template) ? source : url;
    if (isHttpUrl(checked) && isHttpUrl(url))
        return;
    throw new errors/* UsageError */.eb(`--source ${JSON.stringify(source)} cannot be registered: evaluate.endpoint.url in ${loaded.file} is "${template}", which makes ${JSON.stringify(url)}, not an http(s) URL. Give the agent's base URL, e.g. --source http://127.0.0.1:8080`);
}
function isHttpUrl(text) {
    try {
        const { protocol, hostname } = new URL(text);
        return (protocol === 'http:' || protocol === 'https:') && hostname !== '';
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./src/shell/registry-command.ts






/** `registry register|show`: for the embedded registry, and handy against any registry. */
async function registryCommand(subcommand, ctx, options) {
    const model = ctx.loaded.config.model.name;
    const { registry } = ctx;
    switch (subcommand) {
        case 'register': {
            if (options.version)
                throw new errors/* UsageError */.eb('--model-version is for registry show; registry register numbers the new version itself');
            if (!options.source)
                throw new errors/* UsageError */.eb('registry register needs --source URI (where the version is served or stored)');
            checkSourceForEndpoint(ctx.loaded, options.source, model);
            const given = new Map();
            for (const [key, value] of options.tags.map(parseTag)) {
                if (given.has(key))
                    throw new errors/* UsageError */.eb(`--tag "${key}" is given twice; give each key once`);
                given.set(key, value);
            }
            const tags = Object.fromEntries(given);
            if (ctx.dryRun)
                return { text: `dry run: would register a new version of ${model} from ${options.source}`, json: { dryRun: true, model, source: options.source, tags } };
            const created = await registry.registerVersion(model, options.source, tags);
            return { text: `registered ${model} version ${created.version} (${created.source})`, json: created };
        }
        case 'show': {
            if (options.source || options.tags.length)
                throw new errors/* UsageError */.eb(`--${options.source ? 'source' : 'tag'} is for registry register; registry show reads the registry only`);
            if (options.version) {
                (0,modes_versions/* checkVersionNumber */.Qd)('model-version', options.version);
                const found = await registry.getVersion(model, options.version);
                // Refused like every mode asked for a version the registry lacks (exit 1).
                if (!found)
                    throw await (0,modes_versions/* noSuchVersion */.lL)(registry, model, options.version);
                return { text: describeVersion(found), json: found };
            }
            const versions = await registry.listVersions(model);
            const rows = versions.map((v) => [v.version, v.aliases.map((a) => `@${a}`).join(' ') || '\u2013', v.tags[tags/* tagKeys */.bi.gateDecision] ?? '\u2013', v.source]);
            const none = versions.length === 0 && !(await registry.modelExists(model)) ? `the ${registry.kind} registry has no model named ${JSON.stringify(model)} (registry register creates it with its first version)` : `${model} has no versions`;
            return { text: versions.length ? `${model}\n\n${table(['Version', 'Aliases', 'Gate', 'Source'], rows)}` : none, json: versions };
        }
        default:
            throw new errors/* UsageError */.eb(`registry needs a subcommand: register or show${subcommand ? ` (got "${subcommand}"${subcommandHint(subcommand)})` : ''}`);
    }
}
function subcommandHint(given) {
    const hint = (0,zod_helpers/* suggestion */.h)(given, ['register', 'show']);
    return hint ? `; ${hint}` : '';
}
function parseTag(text) {
    const at = text.indexOf('=');
    if (at <= 0)
        throw new errors/* UsageError */.eb(`--tag "${text}" must look like key=value`);
    const key = text.slice(0, at);
    if (key.trim().toLowerCase().startsWith(tags/* reservedTagPrefix */.L8)) {
        // A release record set at registration would claim a gate decision or a promotion that never happened.
        throw new errors/* UsageError */.eb(`--tag "${key}" is reserved: tags under ${tags/* reservedTagPrefix */.L8} are the release record agent-release writes itself (gate, promote, deploy, rollback); use a key outside ${tags/* reservedTagPrefix */.L8}`);
    }
    return [key, text.slice(at + 1)];
}
function describeVersion(v) {
    const tags = Object.entries(v.tags).map(([k, value]) => [k, value]);
    return `${v.name} version ${v.version} (${v.status}) from ${v.source}, created ${v.createdAt}${v.aliases.length ? `, holds ${v.aliases.map((a) => `@${a}`).join(' ')}` : ''}\n\n${tags.length ? table(['Tag', 'Value'], tags) : 'no tags'}`;
}

;// CONCATENATED MODULE: ./src/shell/cli.ts
















const eraseLine = '\r\x1b[2K';
function stderrLogger(io) {
    const debug = Boolean(io.env.AGENT_RELEASE_DEBUG);
    let liveLine = false;
    // Any other line first erases the live one, which the next progress update draws again below it.
    const write = (text) => {
        io.stderr(liveLine ? `${eraseLine}${text}` : text);
        liveLine = false;
    };
    const live = (line) => {
        const width = io.stderrColumns ?? Infinity;
        if (line !== null)
            io.stderr(`${eraseLine}${line.length < width ? line : line.slice(0, Math.max(width - 1, 0))}`);
        else if (liveLine)
            io.stderr(eraseLine);
        liveLine = line !== null;
    };
    return {
        info: (m) => write(`${m}\n`),
        warn: (m) => write(`warning: ${m}\n`),
        error: (m) => write(`error: ${m}\n`),
        debug: (m) => (debug ? write(`debug: ${m}\n`) : undefined),
        group: async (title, body) => {
            write(`\u25b8 ${title}\n`);
            return body();
        },
        progress: io.stderrIsTTY ? live : (0,src_logger/* progressLines */.Ld)((line) => write(`${line}\n`)),
    };
}
/** Returns the process exit code. */
async function runCli(argv, unmasked) {
    // Asked before the command line is parsed, so a line that does not parse still answers in JSON.
    let json = argv.some((arg) => arg === '--json' || arg.startsWith('--json='));
    // Secret-looking variables (credentials among them) are masked everywhere the CLI prints, config secrets once loaded.
    const secrets = [...src_registry/* credentialVariables */.rt.map((v) => unmasked.env[v] ?? '').filter(Boolean), ...(0,interpolate/* secretsInEnvironment */.WN)(unmasked.env)];
    // The one masking path: whatever the CLI prints (report, --json, errors, log lines) passes it on the way out.
    const mask = masker(secrets);
    const io = { ...unmasked, stdout: (text) => unmasked.stdout(mask(text)), stderr: (text) => unmasked.stderr(mask(text)) };
    try {
        const { values, positionals } = parseCliArgs(argv);
        json = values.json;
        if (values.version) {
            io.stdout(`agent-release ${packageVersion}\n`);
            return 0;
        }
        const [command, subcommand, ...extra] = positionals;
        const known = command !== undefined && commandNames.includes(command) ? command : undefined;
        if (values.help || !command) {
            (values.help ? io.stdout : io.stderr)(`${usageFor(known)}\n`);
            return values.help ? 0 : 2;
        }
        if (known)
            checkOptionsFor(known, values);
        const proxies = (0,proxy/* proxyFromEnv */.kE)(io.env);
        secrets.push(...proxies.secrets);
        (0,client/* useProxies */.UB)(proxies);
        // io masks what is known now and every credential learnt later (tokens exchanged at run time).
        const logger = stderrLogger(io);
        const onSecret = (value) => void secrets.push(value);
        if (command === 'registry') {
            if (extra.length)
                throw new errors/* UsageError */.eb(`unexpected argument "${extra[0]}"`);
            const loaded = await loadConfig({ file: values.config, workdir: io.cwd, env: io.env, environment: values.environment, sections: sectionsUsed.registry });
            const ctx = contextFor(loaded, { env: io.env, dryRun: values['dry-run'], logger, run: runInfoFromEnv(io.env), onSecret, mask, getIdToken: githubIdToken });
            const out = await registryCommand(subcommand, ctx, { source: values.source, tags: values.tag ?? [], version: values['model-version'] });
            io.stdout(json ? `${JSON.stringify(out.json, null, 2)}\n` : `${out.text}\n`);
            return 0;
        }
        if (!isModeName(command)) {
            const hint = (0,zod_helpers/* suggestion */.h)(command, commandNames);
            throw new errors/* UsageError */.eb(`unknown command "${command}"; expected one of ${modeNames.join(', ')} or registry${hint ? ` (${hint})` : ''}`);
        }
        if (subcommand)
            throw new errors/* UsageError */.eb(`unexpected argument "${subcommand}" after ${command}`);
        const { ctx, loaded } = await prepareFor(command, values['model-version'], {
            configFile: values.config,
            sections: sectionsUsed[command],
            workdir: io.cwd,
            environment: values.environment,
            env: io.env,
            dryRun: values['dry-run'],
            logger,
            run: runInfoFromEnv(io.env),
            signal: io.signal,
            onSecret,
            mask,
            getIdToken: githubIdToken,
        });
        secrets.push(...loaded.secrets);
        const { result, failed } = await runMode(command, ctx, {
            modelVersion: values['model-version'],
            summaryPath: values['summary-path'],
            expectedVersion: values['expected-version'],
            stagesFor: await aliasOf(values['production-environment'], { file: loaded.file, workdir: loaded.workdir, env: io.env }),
            approvedBy: values['approved-by'],
            toVersion: values['to-version'],
            shard: values.shard,
            shardsPath: values['shards-path']?.join('\n'),
            skipAnalysis: values['skip-analysis'],
            rollbackCause: command === 'rollback' ? rollbackCauseFromEnv(io.env) : undefined,
        });
        if (json) {
            // The report a person reads goes where it does not mix with the JSON a script reads.
            io.stderr(`\n${markdown(result)}`);
            io.stdout(`${JSON.stringify(result, null, 2)}\n`);
        }
        else {
            io.stdout(`\n${markdown(result)}`);
        }
        return failed ? 1 : 0;
    }
    catch (error) {
        // Whatever a cancelled run threw on its way out (an aborted request, a probe cut short), the cause is the cancellation.
        const cancelled = io.signal?.aborted === true && !(error instanceof errors/* CancelledError */.cc);
        const code = cancelled ? 130 : (0,errors/* exitCodeOf */.FO)(error);
        const said = (0,errors/* messageOf */.bD)(error);
        const why = cancelled ? (0,errors/* cancellation */.WN)(io.signal?.reason) : '';
        const message = masker(secrets)(cancelled && !said.startsWith(why) ? `${why}: ${said}` : said);
        // Only a mistyped command line is helped by the usage text; a bad config or dataset says its own fix.
        const pointer = error instanceof errors/* UsageError */.eb && !json && !message.includes('--help') ? `run agent-release --help for usage\n` : '';
        io.stderr(`agent-release: ${message}\n${pointer}`);
        if (json)
            io.stdout(`${JSON.stringify({ error: message, exitCode: code }, null, 2)}\n`);
        return code;
    }
}


/***/ }),

/***/ 6561:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HC: () => (/* binding */ bootstrapDifferenceOfMeans),
/* harmony export */   i2: () => (/* binding */ mean),
/* harmony export */   kd: () => (/* binding */ bootstrapInterval)
/* harmony export */ });
/* harmony import */ var _interval__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6966);
/* harmony import */ var _random__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(748);
/* harmony import */ var _validate__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9349);
/** Percentile bootstrap: an interval for any statistic, no distributional assumption, seeded so a rerun reports the same numbers. */



function mean(sample) {
    let total = 0;
    for (const value of sample)
        total += value;
    return total / sample.length;
}
/** A two-sided percentile-bootstrap interval for `statistic` over `values`. */
function bootstrapInterval(values, statistic, options = {}) {
    if (values.length === 0)
        throw new RangeError('cannot bootstrap an empty sample');
    const { confidence, resamples, random } = resolve(options);
    const buffer = new Array(values.length);
    const estimates = new Float64Array(resamples);
    for (let r = 0; r < resamples; r++) {
        fillResample(values, buffer, random);
        estimates[r] = statistic(buffer);
    }
    return percentileInterval(estimates, statistic(values), confidence);
}
/**
 * Unpaired bootstrap of mean(candidate) \u2212 mean(champion): each side resampled on its own, as
 * the two sides scored different examples and nothing ties one row to another.
 */
function bootstrapDifferenceOfMeans(candidate, champion, options = {}) {
    if (candidate.length === 0 || champion.length === 0)
        throw new RangeError('cannot bootstrap an empty sample');
    const { confidence, resamples, random } = resolve(options);
    const candidateBuffer = new Array(candidate.length);
    const championBuffer = new Array(champion.length);
    const estimates = new Float64Array(resamples);
    for (let r = 0; r < resamples; r++) {
        fillResample(candidate, candidateBuffer, random);
        fillResample(champion, championBuffer, random);
        estimates[r] = mean(candidateBuffer) - mean(championBuffer);
    }
    return percentileInterval(estimates, mean(candidate) - mean(champion), confidence);
}
function resolve(options) {
    return {
        confidence: (0,_validate__WEBPACK_IMPORTED_MODULE_0__/* .checkConfidence */ .p3)(options.confidence ?? _validate__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULT_CONFIDENCE */ .FH),
        resamples: (0,_validate__WEBPACK_IMPORTED_MODULE_0__/* .checkResamples */ .p0)(options.resamples ?? _validate__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULT_RESAMPLES */ .jF),
        random: (0,_random__WEBPACK_IMPORTED_MODULE_1__/* .seededRandom */ .Is)(options.seed ?? _validate__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULT_SEED */ .KP),
    };
}
function fillResample(values, buffer, random) {
    for (let i = 0; i < buffer.length; i++)
        buffer[i] = values[(0,_random__WEBPACK_IMPORTED_MODULE_1__/* .randomIndex */ .km)(random, values.length)];
}
/**
 * The (1 \u2212 c)/2 and (1 + c)/2 quantiles of the bootstrap estimates, widened if needed to hold the
 * point estimate itself. With a strongly skewed, tiny sample the percentile interval can miss
 * its own estimate; a report whose interval excludes its mean reads as a bug, and widening only
 * makes the gate more cautious.
 */
function percentileInterval(estimates, pointEstimate, confidence) {
    estimates.sort();
    const tail = (1 - confidence) / 2;
    return {
        low: Math.min((0,_interval__WEBPACK_IMPORTED_MODULE_2__/* .quantileOfSorted */ .mY)(estimates, tail), pointEstimate),
        high: Math.max((0,_interval__WEBPACK_IMPORTED_MODULE_2__/* .quantileOfSorted */ .mY)(estimates, 1 - tail), pointEstimate),
        confidence,
        method: 'bootstrap-percentile',
    };
}


/***/ }),

/***/ 4263:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  J6: () => (/* reexport */ compareIncreaseOf),
  fW: () => (/* reexport */ compareScores),
  eg: () => (/* reexport */ decide_decideDrop),
  Ht: () => (/* reexport */ decideIncrease),
  sd: () => (/* reexport */ flakinessOfCounts),
  NO: () => (/* reexport */ mean/* meanWithInterval */.N)
});

// UNUSED EXPORTS: DEFAULT_CONFIDENCE, DEFAULT_MINIMUM_OVERLAP, DEFAULT_RESAMPLES, DEFAULT_SEED, bootstrapDifferenceOfMeans, bootstrapInterval, compareIncrease, compareWithChampion, flakiness, mcnemarExactPValue, mean, newcombePairedInterval, newcombeUnpairedInterval, pairedTable, passRateById, percentile, percentiles, quantileOfSorted, randomIndex, seededRandom, simulateDecisionQuality, wilson, xoshiro128StarStar, zFor

// EXTERNAL MODULE: ./src/stats/bootstrap.ts
var bootstrap = __webpack_require__(6561);
;// CONCATENATED MODULE: ./src/stats/mcnemar.ts
/** Paired pass/fail results as a 2\u00d72 table, and McNemar's exact test on its discordant cells. */
function pairedTable(candidate, champion) {
    const table = { bothPass: 0, candidateOnly: 0, championOnly: 0, bothFail: 0 };
    candidate.forEach((passed, i) => {
        const championPassed = champion[i] === 1;
        if (passed === 1)
            table[championPassed ? 'bothPass' : 'candidateOnly']++;
        else
            table[championPassed ? 'championOnly' : 'bothFail']++;
    });
    return table;
}
/**
 * Two-sided exact McNemar p-value: under "no difference" each discordant pair is a fair coin,
 * so p = 2 \u00b7 P(Binomial(b + c, \u00bd) \u2264 min(b, c)), capped at 1. Exact at every size (summed in log
 * space so 2^-n never underflows the whole sum), which avoids choosing a cut-over to the
 * chi-square approximation; the exact test is the slightly more cautious of the two.
 */
function mcnemarExactPValue(candidateOnly, championOnly) {
    for (const count of [candidateOnly, championOnly]) {
        if (!Number.isSafeInteger(count) || count < 0)
            throw new RangeError(`discordant counts must be non-negative integers, got ${count}`);
    }
    const discordant = candidateOnly + championOnly;
    if (discordant === 0)
        return 1;
    const smaller = Math.min(candidateOnly, championOnly);
    const logHalfPower = discordant * Math.log(0.5);
    let logChoose = 0;
    let tail = 0;
    for (let i = 0; i <= smaller; i++) {
        if (i > 0)
            logChoose += Math.log(discordant - i + 1) - Math.log(i);
        tail += Math.exp(logChoose + logHalfPower);
    }
    return Math.min(1, 2 * tail);
}

// EXTERNAL MODULE: ./src/stats/newcombe.ts
var newcombe = __webpack_require__(7981);
// EXTERNAL MODULE: ./src/stats/validate.ts
var validate = __webpack_require__(9349);
;// CONCATENATED MODULE: ./src/stats/compare.ts
/**
 * Candidate versus champion on one metric: the difference of means (candidate \u2212 champion) with
 * a confidence interval, paired by example id whenever the two runs scored the same examples.
 *
 * Why pair: re-runs of similar agents pass and fail mostly the same examples, so per-example
 * differences vary far less than the scores themselves and the interval is several times
 * narrower at the same n. Pairing rule: pair when the shared ids cover at least
 * `minimumOverlap` (default 90%) of the smaller side. Unmatched rows are then left out (and the
 * note says how many); below that, a paired comparison would rest on a subset that may not
 * represent either run, so we compare all rows unpaired and say so.
 */




const DEFAULT_MINIMUM_OVERLAP = 0.9;
function compare_compareWithChampion(candidate, champion, options) {
    return compareScores(compare_sidesById(candidate, champion), options);
}
/** Two maps of scores by id as compareScores reads them; by id whatever `byId` asks. */
function compare_sidesById(candidate, champion) {
    // Sorted so that neither the pairs nor the bootstrap depend on the order the caller filled the maps in.
    let shared;
    const sharedIds = () => (shared ??= [...candidate.keys()].filter((id) => champion.has(id)).sort());
    return {
        candidate: [...candidate.values()],
        champion: [...champion.values()],
        shared: () => sharedIds().length,
        paired: () => {
            const ids = sharedIds();
            const pick = (scores) => ids.map((id) => scores.get(id));
            return [pick(candidate), pick(champion)];
        },
        sortedById: () => [valuesSortedById(candidate), valuesSortedById(champion)],
    };
}
function compareScores(sides, options) {
    const confidence = (0,validate/* checkConfidence */.p3)(options.confidence ?? validate/* DEFAULT_CONFIDENCE */.FH);
    const minimumOverlap = options.minimumOverlap ?? DEFAULT_MINIMUM_OVERLAP;
    if (!(minimumOverlap > 0 && minimumOverlap <= 1)) {
        throw new RangeError(`minimumOverlap must be in (0, 1], got ${minimumOverlap}`);
    }
    (0,validate/* checkScores */.A9)(sides.candidate, options.kind, 'the candidate');
    (0,validate/* checkScores */.A9)(sides.champion, options.kind, 'the champion');
    const settings = {
        kind: options.kind,
        confidence,
        bootstrap: { confidence, seed: options.seed ?? validate/* DEFAULT_SEED */.KP, resamples: options.resamples ?? validate/* DEFAULT_RESAMPLES */.jF },
    };
    const byId = options.kind === 'continuous';
    const pairs = sides.shared();
    const n = { candidate: sides.candidate.length, champion: sides.champion.length, pairs };
    const smallerSide = Math.min(n.candidate, n.champion);
    if (pairs >= minimumOverlap * smallerSide)
        return comparePaired(...sides.paired(byId), n, settings);
    const note = `compared unpaired: only ${pairs} example ids are shared, fewer than ` +
        `${Math.round(minimumOverlap * 100)}% of the smaller side (${smallerSide}), so the interval is wider than a paired one would be`;
    return compareUnpaired(...sides.sortedById(byId), n, note, settings);
}
function comparePaired(candidateScores, championScores, n, settings) {
    const candidateMean = (0,bootstrap/* mean */.i2)(candidateScores);
    const championMean = (0,bootstrap/* mean */.i2)(championScores);
    const note = leftOutNote(n);
    const base = { kind: settings.kind, paired: true, candidateMean, championMean, n, ...(note ? { note } : {}) };
    if (settings.kind === 'binary') {
        const table = pairedTable(candidateScores, championScores);
        return {
            ...base,
            method: 'mcnemar',
            difference: candidateMean - championMean,
            ci: (0,newcombe/* newcombePairedInterval */.D)(table, settings.confidence),
            mcnemarPValue: mcnemarExactPValue(table.candidateOnly, table.championOnly),
        };
    }
    const differences = candidateScores.map((score, i) => score - championScores[i]);
    // mean(c \u2212 h) can differ from mean(c) \u2212 mean(h) in the last bit; report the one the interval is built around.
    return { ...base, method: 'paired-bootstrap', difference: (0,bootstrap/* mean */.i2)(differences), ci: (0,bootstrap/* bootstrapInterval */.kd)(differences, bootstrap/* mean */.i2, settings.bootstrap) };
}
function compareUnpaired(candidateScores, championScores, n, note, settings) {
    const candidateMean = (0,bootstrap/* mean */.i2)(candidateScores);
    const championMean = (0,bootstrap/* mean */.i2)(championScores);
    const base = { kind: settings.kind, paired: false, candidateMean, championMean, difference: candidateMean - championMean, n, note };
    if (settings.kind === 'binary') {
        const passes = (scores) => scores.reduce((total, score) => total + score, 0);
        const ci = (0,newcombe/* newcombeUnpairedInterval */.W)(passes(candidateScores), candidateScores.length, passes(championScores), championScores.length, settings.confidence);
        return { ...base, method: 'newcombe', ci };
    }
    return { ...base, method: 'unpaired-bootstrap', ci: (0,bootstrap/* bootstrapDifferenceOfMeans */.HC)(candidateScores, championScores, settings.bootstrap) };
}
function leftOutNote({ candidate, champion, pairs }) {
    if (candidate === pairs && champion === pairs)
        return undefined;
    return `paired on ${pairs} shared example ids; left out ${candidate - pairs} candidate and ${champion - pairs} champion examples without a counterpart`;
}
function valuesSortedById(scores) {
    return [...scores.keys()].sort().map((id) => scores.get(id));
}

// EXTERNAL MODULE: ./src/stats/readable.ts
var readable = __webpack_require__(7919);
;// CONCATENATED MODULE: ./src/stats/decide.ts

function decide_decideDrop(comparison, rule) {
    if (!(rule.maxDrop >= 0) || !Number.isFinite(rule.maxDrop)) {
        throw new RangeError(`maxDrop for ${rule.metric} must be a finite number \u2265 0, got ${rule.maxDrop}`);
    }
    const { difference, ci } = comparison;
    const threshold = -rule.maxDrop;
    const verdict = ci.high < threshold ? 'fail' : ci.low >= threshold ? 'pass' : 'inconclusive';
    const applied = verdict === 'inconclusive' ? rule.inconclusive : verdict;
    return { verdict, applied, difference, ci, reason: reasonFor(verdict, comparison, rule) };
}
function reasonFor(verdict, { difference, ci, paired, n }, rule) {
    const level = `${formatPercent(ci.confidence)} CI`;
    const sample = paired ? `n = ${n.pairs} paired` : `n = ${n.candidate} vs ${n.champion} unpaired`;
    const allowed = `the allowed ${rule.maxDrop}`;
    if (verdict === 'fail') {
        // Stated as a drop (positive numbers), which is how a reviewer reads "worse by".
        const asDrop = (value) => formatNumber(value, rule.maxDrop);
        const drop = `${asDrop(-difference)} (${level} ${asDrop(-ci.high)} \u2013 ${asDrop(-ci.low)}, ${sample})`;
        return `${rule.metric} dropped by ${drop}, more than ${allowed}`;
    }
    const asChange = (value) => formatSigned(value, -rule.maxDrop);
    const change = `${rule.metric} changed by ${asChange(difference)} (${level} ${asChange(ci.low)} \u2013 ${asChange(ci.high)}, ${sample})`;
    if (verdict === 'pass')
        return `${change}; a drop of more than ${allowed} is ruled out`;
    return `${change}; too few examples to tell whether it dropped by more than ${allowed}: inconclusive, ${POLICY_WORDS[rule.inconclusive]}`;
}
const POLICY_WORDS = {
    fail: 'blocking (inconclusive: fail)',
    warn: 'warning only (inconclusive: warn)',
    pass: 'passing (inconclusive: pass)',
};
/**
 * Three decimals for rates and grades; two significant digits for tiny values so they do not print
 * as 0.000; more digits where fewer would make the value read as equal to the allowed drop.
 */
function formatNumber(value, limit) {
    const magnitude = Math.abs(value);
    if (magnitude === 0 || magnitude >= 0.0005) {
        const text = (0,readable/* readable */.HD)(value, [limit], (0,readable/* fixed */.Zu)(3));
        return Number(text) === 0 ? '0.000' : text;
    }
    return (0,readable/* readable */.HD)(value, [limit], (v, extra) => v.toPrecision(Math.min(100, 2 + extra)));
}
function formatSigned(value, limit) {
    const text = formatNumber(value, limit);
    return text.startsWith('-') || text === '0.000' ? text : `+${text}`;
}
function formatPercent(confidence) {
    return `${Number((confidence * 100).toFixed(2))}%`;
}

// EXTERNAL MODULE: ./src/stats/interval.ts
var interval = __webpack_require__(6966);
// EXTERNAL MODULE: ./src/stats/random.ts
var stats_random = __webpack_require__(748);
;// CONCATENATED MODULE: ./src/stats/increase.ts
/**
 * The allowed-increase rule for spend (tokens, cost per example): is the candidate's mean more
 * than `maxIncrease` (a ratio: 0.1 = 10%) above the champion's?
 *
 * The change is r = mean(candidate) / mean(champion) \u2212 1, paired by example id on the same rule
 * as score comparisons (see compare.ts), with a seeded percentile-bootstrap interval: pairs are
 * resampled together, so an example that is expensive for both stays expensive in both sums.
 * A ratio, not a difference, because "10% more cost" is what a budget says and it reads the same
 * at any price. The verdict mirrors decideDrop, turned round:
 *   fail          low > maxIncrease    the data shows a larger increase than allowed
 *   pass          high \u2264 maxIncrease   the data rules one out
 *   inconclusive  otherwise            the policy decides
 * A champion that spent nothing (mean 0) has no ratio: the candidate passes when it spent
 * nothing too and fails otherwise, saying so.
 */





function compareIncrease(candidate, champion, options = {}) {
    return compareIncreaseOf(sidesById(candidate, champion), options);
}
/** The same from both sides' values as compareScores reads them (the gate's come from typed arrays, see gate/pairing.ts). */
function compareIncreaseOf(sides, options = {}) {
    const confidence = (0,validate/* checkConfidence */.p3)(options.confidence ?? validate/* DEFAULT_CONFIDENCE */.FH);
    const resamples = (0,validate/* checkResamples */.p0)(options.resamples ?? validate/* DEFAULT_RESAMPLES */.jF);
    const random = (0,stats_random/* seededRandom */.Is)(options.seed ?? validate/* DEFAULT_SEED */.KP);
    for (const [side, values] of [['candidate', sides.candidate], ['champion', sides.champion]]) {
        if (values.length === 0)
            throw new RangeError(`the ${side} has no values to compare`);
        for (const v of values)
            if (!(Number.isFinite(v) && v >= 0))
                throw new RangeError(`the ${side} has a value ${v}; spend is a finite number \u2265 0`);
    }
    const pairs = sides.shared();
    const n = { candidate: sides.candidate.length, champion: sides.champion.length, pairs };
    const paired = pairs >= DEFAULT_MINIMUM_OVERLAP * Math.min(n.candidate, n.champion);
    // By id, so that the seeded resamples draw the same examples whatever order the rows came in.
    const [c, h] = paired ? sides.paired(true) : sides.sortedById(true);
    const ratio = (cs, hs, cn, hn) => (hs === 0 ? (cs === 0 ? 0 : Infinity) : cs / cn / (hs / hn) - 1);
    const sum = (values) => values.reduce((a, b) => a + b, 0);
    const increase = ratio(sum(c), sum(h), c.length, h.length);
    const estimates = new Float64Array(resamples);
    for (let r = 0; r < resamples; r++) {
        let cs = 0;
        let hs = 0;
        if (paired) {
            for (let i = 0; i < c.length; i++) {
                const k = (0,stats_random/* randomIndex */.km)(random, c.length);
                cs += c[k];
                hs += h[k];
            }
        }
        else {
            for (let i = 0; i < c.length; i++)
                cs += c[(0,stats_random/* randomIndex */.km)(random, c.length)];
            for (let i = 0; i < h.length; i++)
                hs += h[(0,stats_random/* randomIndex */.km)(random, h.length)];
        }
        estimates[r] = ratio(cs, hs, c.length, h.length);
    }
    estimates.sort();
    const tail = (1 - confidence) / 2;
    const ci = {
        low: Math.min((0,interval/* quantileOfSorted */.mY)(estimates, tail), increase),
        high: Math.max((0,interval/* quantileOfSorted */.mY)(estimates, 1 - tail), increase),
        confidence,
        method: 'bootstrap-percentile',
    };
    const note = paired
        ? pairs < Math.max(n.candidate, n.champion)
            ? `paired on ${pairs} shared example ids; left out ${n.candidate - pairs} candidate and ${n.champion - pairs} champion examples without a counterpart`
            : undefined
        : `compared unpaired: only ${pairs} example ids are shared, fewer than ${Math.round(DEFAULT_MINIMUM_OVERLAP * 100)}% of the smaller side`;
    return {
        method: paired ? 'paired-bootstrap-ratio' : 'unpaired-bootstrap-ratio',
        paired,
        candidateMean: sum(c) / c.length,
        championMean: sum(h) / h.length,
        increase,
        ci,
        n,
        ...(note ? { note } : {}),
    };
}
function decideIncrease(comparison, rule) {
    if (!(rule.maxIncrease >= 0) || !Number.isFinite(rule.maxIncrease))
        throw new RangeError(`maxIncrease for ${rule.metric} must be a finite number \u2265 0, got ${rule.maxIncrease}`);
    const { ci, increase } = comparison;
    // A champion that spent nothing: any spend is an unbounded increase, whatever a resample drew.
    const verdict = !Number.isFinite(increase) || ci.low > rule.maxIncrease ? 'fail' : ci.high <= rule.maxIncrease ? 'pass' : 'inconclusive';
    const applied = verdict === 'inconclusive' ? rule.inconclusive : verdict;
    const allowed = percent(rule.maxIncrease);
    const sample = comparison.paired ? `n = ${comparison.n.pairs} paired` : `n = ${comparison.n.candidate} vs ${comparison.n.champion} unpaired`;
    const means = `${(0,readable/* readable */.HD)(comparison.candidateMean)} vs ${(0,readable/* readable */.HD)(comparison.championMean)}`;
    if (!Number.isFinite(increase)) {
        return { verdict, applied, reason: `${rule.metric} is ${(0,readable/* readable */.HD)(comparison.candidateMean)} where the champion's is 0: any spend is more than the allowed ${allowed} increase` };
    }
    const change = `${rule.metric} changed by ${signedPercent(increase)} (${means}; ${Number((ci.confidence * 100).toFixed(2))}% CI ${signedPercent(ci.low)} \u2013 ${signedPercent(ci.high)}, ${sample})`;
    if (verdict === 'fail')
        return { verdict, applied, reason: `${change}: more than the allowed ${allowed} increase` };
    if (verdict === 'pass')
        return { verdict, applied, reason: `${change}; an increase of more than ${allowed} is ruled out` };
    const policy = { fail: 'blocking (inconclusive: fail)', warn: 'warning only (inconclusive: warn)', pass: 'passing (inconclusive: pass)' }[rule.inconclusive];
    return { verdict, applied, reason: `${change}; too few examples to tell whether it grew by more than ${allowed}: inconclusive, ${policy}` };
}
function percent(ratio) {
    return `${Number((ratio * 100).toFixed(2))}%`;
}
function signedPercent(ratio) {
    if (!Number.isFinite(ratio))
        return '+\u221e%';
    const text = `${(ratio * 100).toFixed(1)}%`;
    return ratio > 0 && !text.startsWith('-') ? `+${text}` : text;
}

// EXTERNAL MODULE: ./src/stats/mean.ts
var mean = __webpack_require__(5630);
;// CONCATENATED MODULE: ./src/stats/flakiness.ts

function flakiness(results, options = {}) {
    return flakinessOfCounts(countById(results), options);
}
/** The same report from runs and passes per example id, in the order the ids were first run. */
function flakinessOfCounts(counts, options = {}) {
    if (counts.size === 0)
        throw new RangeError('flakiness needs at least one run result');
    const fewestRuns = [...counts.values()].reduce((fewest, c) => Math.min(fewest, c.runs), Infinity);
    const k = options.k ?? fewestRuns;
    if (!Number.isSafeInteger(k) || k < 1 || k > fewestRuns) {
        const short = [...counts].find(([, c]) => c.runs === fewestRuns)?.[0];
        const plural = fewestRuns === 1 ? 'run' : 'runs';
        throw new RangeError(`k must be an integer from 1 to ${fewestRuns} (example "${short}" has only ${fewestRuns} ${plural}), got ${k}`);
    }
    const named = options.flakiest ?? 5;
    if (!Number.isSafeInteger(named) || named < 0)
        throw new RangeError(`flakiest must be a whole number of examples, got ${named}`);
    const examples = [...counts]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([id, { runs, passes }]) => ({ id, runs, passes, passRate: passes / runs, passAllK: passAllOfK(passes, runs, k) }));
    const flaky = examples.filter((e) => e.passes > 0 && e.passes < e.runs);
    const flakiest = [...flaky]
        .sort((a, b) => Math.abs(a.passRate - 0.5) - Math.abs(b.passRate - 0.5) || b.runs - a.runs || (a.id < b.id ? -1 : 1))
        .slice(0, named);
    const intervalOptions = { ...options, kind: 'continuous' };
    return {
        k,
        examples,
        flakiest,
        flakyCount: flaky.length,
        passRate: (0,mean/* meanWithInterval */.N)(examples.map((e) => e.passRate), intervalOptions),
        passAllK: (0,mean/* meanWithInterval */.N)(examples.map((e) => e.passAllK), intervalOptions),
    };
}
/** Per-example pass rates, ready for `compareWithChampion(..., { kind: 'continuous' })` when runs repeat. */
function passRateById(results) {
    return new Map([...countById(results)].map(([id, { runs, passes }]) => [id, passes / runs]));
}
function countById(results) {
    const counts = new Map();
    for (const { id, passed } of results) {
        const count = counts.get(id) ?? { runs: 0, passes: 0 };
        count.runs++;
        if (passed)
            count.passes++;
        counts.set(id, count);
    }
    return counts;
}
/** C(passes, k) / C(runs, k) as a product, which stays in range where the binomials would overflow. */
function passAllOfK(passes, runs, k) {
    let probability = 1;
    for (let j = 0; j < k; j++)
        probability *= Math.max(0, passes - j) / (runs - j);
    return probability;
}

;// CONCATENATED MODULE: ./src/stats/simulate.ts
/**
 * How good are the gate's decisions? A pure, seeded Monte-Carlo of the allowed-drop rule on
 * pass/fail scores, next to the naive "candidate mean \u2265 champion mean \u2212 maxDrop" rule, for the
 * bench to report false-block rate (true drop within the allowance) and power (true drop beyond it).
 *
 * Correlation model: on every example the champion passes with probability `passRate` and the
 * candidate with `passRate \u2212 drop`, and the two results on the same example have phi
 * correlation `correlation`, i.e. P(both pass) = p\u00b7q + \u03c1\u00b7\u221a(p(1\u2212p)q(1\u2212q)). For re-runs of one
 * agent \u03c1 is the intra-class correlation of its pass/fail across examples: at p = 0.8, \u03c1 = 0.8
 * means the two runs agree on about 94% of examples. \u03c1 = 0 is two unrelated agents.
 */




function simulateDecisionQuality(settings) {
    const { n, passRate, drop, correlation, maxDrop, confidence, trials, seed, paired = true } = settings;
    checkConfidence(confidence);
    if (!Number.isSafeInteger(n) || n < 1)
        throw new RangeError(`n must be a positive integer, got ${n}`);
    if (!Number.isSafeInteger(trials) || trials < 1)
        throw new RangeError(`trials must be a positive integer, got ${trials}`);
    const cells = cellProbabilities(passRate, passRate - drop, paired ? correlation : 0);
    const random = seededRandom(seed);
    const ids = Array.from({ length: n }, (_, i) => `example-${i}`);
    const championIds = paired ? ids : ids.map((id) => `other-${id}`);
    const tally = { pass: 0, fail: 0, inconclusive: 0, naiveBlocks: 0 };
    for (let trial = 0; trial < trials; trial++) {
        const candidate = new Map();
        const champion = new Map();
        for (let i = 0; i < n; i++) {
            const [candidatePassed, championPassed] = drawPair(cells, random());
            candidate.set(ids[i], candidatePassed);
            champion.set(championIds[i], championPassed);
        }
        const comparison = compareWithChampion(candidate, champion, { kind: 'binary', confidence });
        tally[decideDrop(comparison, { metric: 'simulated', maxDrop, inconclusive: 'warn' }).verdict]++;
        if (comparison.candidateMean < comparison.championMean - maxDrop)
            tally.naiveBlocks++;
    }
    const share = (count) => count / trials;
    return {
        measures: drop > maxDrop ? 'power' : 'false-block-rate',
        verdicts: { pass: share(tally.pass), fail: share(tally.fail), inconclusive: share(tally.inconclusive) },
        blockRate: { rule: share(tally.fail), ruleInconclusiveFails: share(tally.fail + tally.inconclusive), naive: share(tally.naiveBlocks) },
    };
}
/** The joint distribution of (candidate, champion) on one example; refuses settings no distribution can have. */
function cellProbabilities(champion, candidate, correlation) {
    for (const [name, rate] of [['passRate', champion], ['passRate \u2212 drop', candidate]]) {
        if (!(rate >= 0 && rate <= 1))
            throw new RangeError(`${name} must be a probability, got ${rate}`);
    }
    if (!(correlation >= 0 && correlation <= 1))
        throw new RangeError(`correlation must be in [0, 1], got ${correlation}`);
    const spread = Math.sqrt(candidate * (1 - candidate) * champion * (1 - champion));
    const bothPass = candidate * champion + correlation * spread;
    // Two sides with different pass rates cannot agree on every example: P(both pass) \u2264 the smaller rate.
    const highest = spread === 0 ? 1 : (Math.min(candidate, champion) - candidate * champion) / spread;
    if (correlation > highest + 1e-12) {
        throw new RangeError(`correlation ${correlation} is impossible for pass rates ${champion} and ${candidate}: the highest possible is ${highest.toFixed(3)}`);
    }
    const clamped = Math.min(bothPass, candidate, champion);
    return { bothPass: clamped, candidateOnly: candidate - clamped, championOnly: champion - clamped };
}
function drawPair(cells, u) {
    if (u < cells.bothPass)
        return [1, 1];
    if (u < cells.bothPass + cells.candidateOnly)
        return [1, 0];
    if (u < cells.bothPass + cells.candidateOnly + cells.championOnly)
        return [0, 1];
    return [0, 0];
}

;// CONCATENATED MODULE: ./src/stats/index.ts
/** The statistics the gate reports and decides with; see each module for the reasoning behind it. */














/***/ }),

/***/ 6966:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FX: () => (/* binding */ percentiles),
/* harmony export */   Ym: () => (/* binding */ percentile),
/* harmony export */   mY: () => (/* binding */ quantileOfSorted),
/* harmony export */   rF: () => (/* binding */ wilson),
/* harmony export */   yW: () => (/* binding */ zFor)
/* harmony export */ });
/** Two-sided standard normal quantile for a confidence level, by Acklam's rational approximation. */
function zFor(confidence) {
    const p = 1 - (1 - confidence) / 2;
    const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
    const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
    const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
    const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
    const [a0, a1, a2, a3, a4, a5] = a;
    const [b0, b1, b2, b3, b4] = b;
    const [c0, c1, c2, c3, c4, c5] = c;
    const [d0, d1, d2, d3] = d;
    if (p > 0.97575) {
        const q = Math.sqrt(-2 * Math.log(1 - p));
        return -(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
    }
    const q = p - 0.5;
    const r = q * q;
    return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}
/** Wilson score interval for a pass rate: honest near 0 and 1 and at small n, unlike mean \u00b1 z\u00b7se. */
function wilson(passes, n, confidence = 0.95) {
    if (n === 0)
        return undefined;
    const z = zFor(confidence);
    const p = passes / n;
    const denominator = 1 + (z * z) / n;
    const centre = (p + (z * z) / (2 * n)) / denominator;
    const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator;
    // At 0 or n passes the bound is exactly 0 or 1 on paper; pin it so rounding never puts the
    // interval a hair beside its own estimate.
    const low = passes === 0 ? 0 : Math.max(0, centre - half);
    const high = passes === n ? 1 : Math.min(1, centre + half);
    return { low, high, confidence, method: 'wilson' };
}
/** Linear-interpolated percentile (the R-7 / numpy default) of an unsorted sample. */
function percentile(values, q) {
    return percentiles(values, [q])?.[0];
}
/** Several percentiles (e.g. latency p50/p95/p99) from one sort; same order as `qs`. */
function percentiles(values, qs) {
    if (values.length === 0)
        return undefined;
    const sorted = Float64Array.from(values).sort();
    return qs.map((q) => quantileOfSorted(sorted, q));
}
/** R-7 quantile of an ascending sample: position (n \u2212 1)\u00b7q, linear between neighbours. */
function quantileOfSorted(sorted, q) {
    if (!(q >= 0 && q <= 1))
        throw new RangeError(`a percentile must be between 0 and 1, got ${q}`);
    if (sorted.length === 0)
        throw new RangeError('cannot take a percentile of an empty sample');
    const position = (sorted.length - 1) * q;
    const lower = Math.floor(position);
    const upper = Math.ceil(position);
    const low = sorted[lower];
    return low + (sorted[upper] - low) * (position - lower);
}


/***/ }),

/***/ 5630:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ meanWithInterval)
/* harmony export */ });
/* harmony import */ var _bootstrap__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6561);
/* harmony import */ var _interval__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6966);
/* harmony import */ var _validate__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9349);
/** A mean is never reported alone: it carries its n and a confidence interval suited to the kind of score. */



/**
 * Wilson for pass/fail (honest near 0 and 1 and at small n, where mean \u00b1 z\u00b7se is not);
 * percentile bootstrap for continuous scores (no normality assumption for skewed grades).
 */
function meanWithInterval(values, options) {
    (0,_validate__WEBPACK_IMPORTED_MODULE_0__/* .checkScores */ .A9)(values, options.kind, 'the sample');
    const confidence = (0,_validate__WEBPACK_IMPORTED_MODULE_0__/* .checkConfidence */ .p3)(options.confidence ?? _validate__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULT_CONFIDENCE */ .FH);
    const average = (0,_bootstrap__WEBPACK_IMPORTED_MODULE_1__/* .mean */ .i2)(values);
    if (options.kind === 'binary') {
        const passes = values.reduce((total, value) => total + value, 0);
        return { mean: average, n: values.length, ci: (0,_interval__WEBPACK_IMPORTED_MODULE_2__/* .wilson */ .rF)(passes, values.length, confidence) };
    }
    return { mean: average, n: values.length, ci: (0,_bootstrap__WEBPACK_IMPORTED_MODULE_1__/* .bootstrapInterval */ .kd)(values, _bootstrap__WEBPACK_IMPORTED_MODULE_1__/* .mean */ .i2, { ...options, confidence }) };
}


/***/ }),

/***/ 7981:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D: () => (/* binding */ newcombePairedInterval),
/* harmony export */   W: () => (/* binding */ newcombeUnpairedInterval)
/* harmony export */ });
/* harmony import */ var _interval__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6966);
/**
 * Newcombe's square-and-add ("hybrid score") intervals for a difference of two pass rates,
 * built from the two Wilson intervals. Chosen over Wald (p\u0302\u2081 \u2212 p\u0302\u2082 \u00b1 z\u00b7se) because Wald
 * collapses to zero width when no pair disagrees (claiming certainty from, say, 20 examples)
 * and overshoots [\u22121, 1] near the edges; Newcombe's method 10 keeps close to nominal coverage
 * in his comparison of methods and never leaves [\u22121, 1].
 *   Unpaired: Newcombe (1998), Statistics in Medicine 17:873\u2013890, method 10.
 *   Paired:   Newcombe (1998), Statistics in Medicine 17:2635\u20132650, method 10, whose
 *             correlation term lets agreeing pairs narrow the interval.
 */

/** Interval for candidate rate \u2212 champion rate when the same examples were scored by both. */
function newcombePairedInterval(table, confidence) {
    const { bothPass, candidateOnly, championOnly, bothFail } = table;
    const n = bothPass + candidateOnly + championOnly + bothFail;
    if (n === 0)
        throw new RangeError('a paired interval needs at least one pair');
    const candidatePasses = bothPass + candidateOnly;
    const championPasses = bothPass + championOnly;
    return squareAndAdd(candidatePasses, n, championPasses, n, pairCorrelation(table, n), confidence, 'newcombe-paired-score');
}
/** Interval for candidate rate \u2212 champion rate when the two sides scored different examples. */
function newcombeUnpairedInterval(candidatePasses, candidateN, championPasses, championN, confidence) {
    return squareAndAdd(candidatePasses, candidateN, championPasses, championN, 0, confidence, 'newcombe-hybrid-score');
}
/**
 * Newcombe's phi: the correlation between the two sides' results, with his continuity
 * adjustment (a positive cross-product below n/2 counts as no correlation) so that a few lucky
 * agreements cannot shrink the interval. Zero when a margin is empty (phi is undefined there).
 */
function pairCorrelation({ bothPass, candidateOnly, championOnly, bothFail }, n) {
    const margins = (bothPass + candidateOnly) * (championOnly + bothFail) * (bothPass + championOnly) * (candidateOnly + bothFail);
    if (margins === 0)
        return 0;
    const crossProduct = bothPass * bothFail - candidateOnly * championOnly;
    const adjusted = crossProduct > n / 2 ? crossProduct - n / 2 : crossProduct < 0 ? crossProduct : 0;
    return adjusted / Math.sqrt(margins);
}
function squareAndAdd(passes1, n1, passes2, n2, phi, confidence, method) {
    const interval1 = (0,_interval__WEBPACK_IMPORTED_MODULE_0__/* .wilson */ .rF)(passes1, n1, confidence);
    const interval2 = (0,_interval__WEBPACK_IMPORTED_MODULE_0__/* .wilson */ .rF)(passes2, n2, confidence);
    if (!interval1 || !interval2)
        throw new RangeError('a difference of pass rates needs at least one result on each side');
    const p1 = passes1 / n1;
    const p2 = passes2 / n2;
    const difference = p1 - p2;
    const below1 = p1 - interval1.low;
    const above1 = interval1.high - p1;
    const below2 = p2 - interval2.low;
    const above2 = interval2.high - p2;
    // max(0, \u2026) only guards rounding: each expression is a non-negative quadratic form for |phi| \u2264 1.
    const lowerMargin = Math.sqrt(Math.max(0, below1 ** 2 - 2 * phi * below1 * above2 + above2 ** 2));
    const upperMargin = Math.sqrt(Math.max(0, above1 ** 2 - 2 * phi * above1 * below2 + below2 ** 2));
    return {
        low: Math.max(-1, difference - lowerMargin),
        high: Math.min(1, difference + upperMargin),
        confidence,
        method,
    };
}


/***/ }),

/***/ 748:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Is: () => (/* binding */ seededRandom),
/* harmony export */   km: () => (/* binding */ randomIndex)
/* harmony export */ });
/* unused harmony export xoshiro128StarStar */
/**
 * Seeded, reproducible randomness for the bootstrap and the decision simulation.
 *
 * Why not `pure-rand` (fast-check's own generator library, well kept and small)? It would be a
 * new runtime dependency of the bundled action for ~20 lines of arithmetic, and its API changed
 * shape between majors (v7 \u2192 v8) while our only need is "uniform doubles from a seed". So the
 * generator lives here: xoshiro128** (Blackman & Vigna), 128 bits of state, fast on 32-bit
 * integer maths, with no known statistical failures for this kind of use, and checked in the
 * tests against the output of the authors' reference C code. mulberry32 would be shorter but
 * has only 32 bits of state, so different seeds collide far sooner.
 */
const TWO_TO_32 = 2 ** 32;
/** The raw xoshiro128** step over a caller-provided state (four uint32); exported for the reference-vector test. */
function xoshiro128StarStar(state) {
    if (state.length !== 4)
        throw new RangeError(`xoshiro128** needs 4 state words, got ${state.length}`);
    if (state.every((word) => word === 0))
        throw new RangeError('xoshiro128** state must not be all zero');
    const s = Uint32Array.from(state);
    return () => {
        const s0 = s[0];
        const s1 = s[1];
        const result = Math.imul(rotateLeft(Math.imul(s1, 5), 7), 9) >>> 0;
        const t = (s1 << 9) >>> 0;
        s[2] = s[2] ^ s0;
        s[3] = s[3] ^ s1;
        s[1] = s1 ^ s[2];
        s[0] = s0 ^ s[3];
        s[2] = s[2] ^ t;
        s[3] = rotateLeft(s[3], 11);
        return result;
    };
}
/**
 * A reproducible uniform [0, 1) source from an integer seed. The seed is spread over the 128-bit
 * state with splitmix32, so nearby seeds (1, 2, 3 \u2026) still start far apart in the sequence.
 */
function seededRandom(seed) {
    if (!Number.isSafeInteger(seed))
        throw new RangeError(`seed must be a safe integer, got ${seed}`);
    const low = seed >>> 0;
    const high = Math.floor(seed / TWO_TO_32) >>> 0;
    let mix = low ^ Math.imul(high, 0x85ebca6b);
    const state = new Uint32Array(4);
    for (let i = 0; i < 4; i++) {
        mix = (mix + 0x9e3779b9) >>> 0;
        state[i] = splitmix32(mix);
    }
    if (state.every((word) => word === 0))
        state[0] = 1;
    const next = xoshiro128StarStar(state);
    return () => next() / TWO_TO_32;
}
/** A uniform integer in [0, size): the bias of flooring is below 2^-32 \u00b7 size, negligible here. */
function randomIndex(random, size) {
    return Math.floor(random() * size);
}
function rotateLeft(x, k) {
    return ((x << k) | (x >>> (32 - k))) >>> 0;
}
function splitmix32(value) {
    let t = value ^ (value >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
}


/***/ }),

/***/ 7919:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HD: () => (/* binding */ readable),
/* harmony export */   Zu: () => (/* binding */ fixed)
/* harmony export */ });
/* unused harmony export significant */
/**
 * Numbers printed beside the limits they were judged against. Rounded to a fixed number of digits,
 * 4000.4 reads "4000 is above the maximum 4000" and 0.79999 "0.8 is below the minimum 0.8": a
 * reason that contradicts its verdict. So digits are added until the printed value compares with
 * every limit exactly as the measured value does (issue 15, item 4).
 */
/** `digits` significant digits, trailing zeros dropped; integers as they are. */
const significant = (digits) => (value, extra) => Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(Math.min(100, digits + extra))));
/** `decimals` places, kept (0.030), as rates and differences are shown. */
const fixed = (decimals) => (value, extra) => value.toFixed(Math.min(100, decimals + extra));
/** The usual form of `value`, with more digits only where fewer would blur a comparison with a limit. */
function readable(value, limits = [], format = significant(4)) {
    if (!Number.isFinite(value))
        return String(value);
    const against = limits.filter((limit) => limit !== undefined && Number.isFinite(limit));
    for (let extra = 0; extra <= 20; extra++) {
        const text = format(value, extra);
        const shown = Number(text);
        if (against.every((limit) => Math.sign(shown - limit) === Math.sign(value - limit)))
            return text;
    }
    return String(value);
}


/***/ }),

/***/ 9349:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A9: () => (/* binding */ checkScores),
/* harmony export */   FH: () => (/* binding */ DEFAULT_CONFIDENCE),
/* harmony export */   KP: () => (/* binding */ DEFAULT_SEED),
/* harmony export */   jF: () => (/* binding */ DEFAULT_RESAMPLES),
/* harmony export */   p0: () => (/* binding */ checkResamples),
/* harmony export */   p3: () => (/* binding */ checkConfidence)
/* harmony export */ });
/** Input checks shared by the statistics functions: fail loudly with the offending value, never compute on garbage. */
const DEFAULT_CONFIDENCE = 0.95;
/** 2,000 resamples keep the Monte-Carlo error of a 95% percentile bound well below the interval's own width. */
const DEFAULT_RESAMPLES = 2000;
/** A fixed default so an unseeded call is still reproducible run to run. */
const DEFAULT_SEED = 20_240_601;
function checkConfidence(confidence) {
    if (!(confidence > 0 && confidence < 1)) {
        throw new RangeError(`confidence must be strictly between 0 and 1 (e.g. 0.95), got ${confidence}`);
    }
    return confidence;
}
function checkResamples(resamples) {
    if (!Number.isSafeInteger(resamples) || resamples < 1) {
        throw new RangeError(`resamples must be a positive integer (e.g. ${DEFAULT_RESAMPLES}), got ${resamples}`);
    }
    return resamples;
}
function checkScores(values, kind, label) {
    if (values.length === 0)
        throw new RangeError(`${label} has no scores; at least one is needed`);
    values.forEach((value, index) => {
        if (!Number.isFinite(value))
            throw new RangeError(`${label} score #${index} is ${value}; scores must be finite numbers`);
        if (kind === 'binary' && value !== 0 && value !== 1) {
            throw new RangeError(`${label} score #${index} is ${value}; pass/fail scores must be 0 or 1 (use kind 'continuous' for fractions)`);
        }
    });
}


/***/ }),

/***/ 5237:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $w: () => (/* binding */ TemplateError),
/* harmony export */   Hv: () => (/* binding */ httpUrlProblem),
/* harmony export */   Pb: () => (/* binding */ endpointUrl),
/* harmony export */   mz: () => (/* binding */ unknownPlaceholder),
/* harmony export */   ou: () => (/* binding */ fillTemplate)
/* harmony export */ });
/* harmony import */ var _config_interpolate__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2757);

/**
 * Fills {{name}} placeholders (double braces, so PromQL's {label="x"} and JSON stay intact).
 * An unknown name is an error rather than an empty string.
 */
function fillTemplate(template, variables, where) {
    return template.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (_match, name) => {
        const value = variables[name];
        if (value === undefined) {
            throw new TemplateError(`${where}: unknown placeholder {{${name}}}; available: ${Object.keys(variables).map((k) => `{{${k}}}`).join(', ')}`);
        }
        return value ?? '';
    });
}
/**
 * The first {{name}} in a template that is not one of `names`, as the error that filling it would
 * give, so a config can be checked when it loads rather than mid-release.
 */
function unknownPlaceholder(template, names) {
    for (const [, name] of template.matchAll(/\{\{\s*([a-z_]+)\s*\}\}/g)) {
        if (name !== undefined && !names.includes(name))
            return `unknown placeholder {{${name}}}; available: ${names.map((k) => `{{${k}}}`).join(', ')}`;
    }
    return undefined;
}
/**
 * Why a URL template is not an http(s) URL, its placeholders filled with a stand-in; undefined
 * when it is one, or when a placeholder ({{source}}) or a variable not yet filled supplies part
 * of it. The URL itself is not quoted: it may carry a credential from the environment.
 */
function httpUrlProblem(template) {
    // Interpolated from the environment later, where a job has the variable (config/interpolate.ts).
    if (/^\s*\{\{/.test(template) || (0,_config_interpolate__WEBPACK_IMPORTED_MODULE_0__/* .unresolved */ .II)(template))
        return undefined;
    let url;
    try {
        url = new URL(template.replace(/\{\{\s*[a-z_]+\s*\}\}/g, 'x'));
    }
    catch {
        return 'not a URL; write it as http://host:port/path or https://host/path';
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
        return `must be an http:// or https:// URL, got ${url.protocol}//\u2026`;
    return undefined;
}
/**
 * evaluate.endpoint.url for a version. A source registered with a trailing slash, before a
 * template's "/v1/\u2026", would make "\u2026//v1/\u2026", which servers route as another path (often a 404).
 */
function endpointUrl(template, variables, where) {
    const source = /\{\{\s*source\s*\}\}\//.test(template) ? variables.source.replace(/\/+$/, '') : variables.source;
    return fillTemplate(template, { ...variables, source }, where);
}
class TemplateError extends Error {
    name = 'TemplateError';
}


/***/ }),

/***/ 3958:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AT: () => (/* binding */ maxTagValueLength),
/* harmony export */   N$: () => (/* binding */ TrackingClient)
/* harmony export */ });
/* unused harmony exports runRequestTag, logBatchLimits, maxParamValueLength */
/* harmony import */ var _fs_async__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7253);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(2857);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(9567);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _http_client__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3329);
/* harmony import */ var _http_retry__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8902);
/* harmony import */ var _mlflow_errors__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1350);
/* harmony import */ var _mlflow_search__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7213);
/* harmony import */ var _config_zod_helpers__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3595);
/* harmony import */ var _random_ids__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(6499);









/**
 * Tag written on every run this client creates, unique to the request: `runs/create` is not
 * idempotent, so a create whose answer was lost is looked up by it before being sent again.
 */
const runRequestTag = 'agent_release.request_id';
/** Per-request limits of `runs/log-batch` (mlflow/utils/validation.py, MLflow 3.17). */
const logBatchLimits = { metrics: 1000, params: 100, tags: 100, entities: 1000, bytes: 1_000_000 };
/** Longer values are cut here rather than left to the server, which truncates or refuses depending on MLFLOW_TRUNCATE_LONG_VALUES. */
const maxParamValueLength = 6000;
const maxTagValueLength = 8000;
const keyValue = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_6__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_7__/* .object */ .Ikc({ key: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP(), value: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP().optional().default('') }));
const experimentSchema = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_6__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_7__/* .object */ .Ikc({ experiment_id: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP(), name: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP(), artifact_location: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP().optional(), lifecycle_stage: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP().optional() }));
const runSchema = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_6__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_7__/* .object */ .Ikc({
    info: zod__WEBPACK_IMPORTED_MODULE_7__/* .object */ .Ikc({
        run_id: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP(),
        run_name: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP().optional().default(''),
        experiment_id: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP(),
        status: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP(),
        start_time: zod__WEBPACK_IMPORTED_MODULE_8__/* .number */ .ai().optional(),
        end_time: zod__WEBPACK_IMPORTED_MODULE_8__/* .number */ .ai().optional(),
        artifact_uri: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP().optional().default(''),
        lifecycle_stage: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP().optional(),
    }),
    data: zod__WEBPACK_IMPORTED_MODULE_7__/* .object */ .Ikc({
        metrics: zod__WEBPACK_IMPORTED_MODULE_7__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_7__/* .object */ .Ikc({ key: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP(), value: zod__WEBPACK_IMPORTED_MODULE_7__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_7__/* .number */ .aig(), zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP()]), timestamp: zod__WEBPACK_IMPORTED_MODULE_8__/* .number */ .ai().optional(), step: zod__WEBPACK_IMPORTED_MODULE_8__/* .number */ .ai().optional() })).optional().default([]),
        params: zod__WEBPACK_IMPORTED_MODULE_7__/* .array */ .YOg(keyValue).optional().default([]),
        tags: zod__WEBPACK_IMPORTED_MODULE_7__/* .array */ .YOg(keyValue).optional().default([]),
    })
        .optional()
        .default({ metrics: [], params: [], tags: [] }),
    inputs: zod__WEBPACK_IMPORTED_MODULE_7__/* .object */ .Ikc({
        dataset_inputs: zod__WEBPACK_IMPORTED_MODULE_7__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_7__/* .object */ .Ikc({
            tags: zod__WEBPACK_IMPORTED_MODULE_7__/* .array */ .YOg(keyValue).optional().default([]),
            dataset: zod__WEBPACK_IMPORTED_MODULE_7__/* .object */ .Ikc({ name: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP(), digest: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP(), source_type: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP().optional(), source: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP().optional(), schema: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP().optional(), profile: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP().optional() }),
        }))
            .optional()
            .default([]),
    })
        .optional()
        .default({ dataset_inputs: [] }),
}));
const oneRun = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_6__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_7__/* .object */ .Ikc({ run: runSchema }));
const runPage = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_6__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_7__/* .object */ .Ikc({ runs: zod__WEBPACK_IMPORTED_MODULE_7__/* .array */ .YOg(runSchema).optional().default([]), next_page_token: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP().optional() }));
const oneExperiment = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_6__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_7__/* .object */ .Ikc({ experiment: experimentSchema }));
const createdExperiment = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_6__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_7__/* .object */ .Ikc({ experiment_id: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP() }));
const anything = zod__WEBPACK_IMPORTED_MODULE_7__/* .unknown */ .L5J();
class TrackingClient {
    rest;
    options;
    constructor(rest, options = {}) {
        this.rest = rest;
        this.options = options;
    }
    /** The shells' masker: every value written to the tracking server goes through it. */
    mask(text) {
        return this.options.mask ? this.options.mask(text) : text;
    }
    /** A Databricks workspace rather than an MLflow server. */
    get onDatabricks() {
        return this.options.workspaceFolders === true;
    }
    masked(values) {
        return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, this.mask(value)]));
    }
    get trackingUri() {
        return this.rest.baseUrl;
    }
    /** Active experiment of that name, or undefined. A deleted one is refused: its name cannot be reused until it is restored or purged. */
    async getExperiment(name) {
        try {
            const { experiment } = await this.rest.call({ what: `read experiment ${name}`, method: 'GET', path: 'mlflow/experiments/get-by-name', fields: { experiment_name: name }, response: oneExperiment, idempotent: true });
            if (experiment.lifecycle_stage === 'deleted') {
                throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .RefusedError */ .fk(`the MLflow experiment ${name} (id ${experiment.experiment_id}) at ${this.shownUri} is deleted; restore it (mlflow experiments restore --experiment-id ${experiment.experiment_id}) or configure another experiment name`);
            }
            return experiment;
        }
        catch (error) {
            if ((0,_mlflow_search__WEBPACK_IMPORTED_MODULE_5__/* .isNotFound */ .c)(error))
                return undefined;
            throw error;
        }
    }
    /** Race-safe: a concurrent creator (or our own retried create) shows up as RESOURCE_ALREADY_EXISTS, and the name is read again. */
    async getOrCreateExperiment(name) {
        const found = await this.getExperiment(name);
        if (found)
            return found;
        const folder = name.slice(0, name.lastIndexOf('/'));
        if (this.options.workspaceFolders && folder) {
            // Databricks refuses to create an experiment in a folder that does not exist; mkdirs is idempotent.
            await this.rest.call({ what: `create workspace folder ${folder} for experiment ${name}`, method: 'POST', path: 'workspace/mkdirs', fields: { path: folder }, response: zod__WEBPACK_IMPORTED_MODULE_7__/* .object */ .Ikc({}).loose(), idempotent: true });
        }
        try {
            await this.rest.call({ what: `create experiment ${name}`, method: 'POST', path: 'mlflow/experiments/create', fields: { name }, response: createdExperiment, idempotent: true });
        }
        catch (error) {
            if (!(error instanceof _mlflow_errors__WEBPACK_IMPORTED_MODULE_4__/* .MlflowApiError */ .ge && error.errorCode === 'RESOURCE_ALREADY_EXISTS'))
                throw error;
        }
        const created = await this.getExperiment(name);
        if (!created)
            throw this.rest.invalidResponse(`create experiment ${name}`, 'the experiment was created but reading it by name found nothing');
        return created;
    }
    /**
     * Creates a RUNNING run tagged with a fresh request id. When the outcome of a create is
     * unknown (timeout, reset, gateway error) the run is looked up by that id before the create
     * is sent again, so one record never becomes two runs.
     */
    async createRun(options) {
        const requestId = (0,_random_ids__WEBPACK_IMPORTED_MODULE_9__/* .randomUuid */ .bX)();
        const what = `create run ${options.runName} in experiment ${options.experimentId}`;
        const tags = toKeyValues(this.masked({ ...options.tags, [runRequestTag]: requestId }), maxTagValueLength);
        const fields = { experiment_id: options.experimentId, run_name: options.runName, start_time: options.startTime, tags };
        const { policy, random, clock, logger } = this.rest;
        for (let attempt = 1;; attempt++) {
            try {
                return (await this.rest.call({ what, method: 'POST', path: 'mlflow/runs/create', fields, response: oneRun, idempotent: false })).run;
            }
            catch (error) {
                if (!(error instanceof _mlflow_errors__WEBPACK_IMPORTED_MODULE_4__/* .MlflowApiError */ .ge) || !error.outcomeUnknown)
                    throw error;
                await clock.sleep(Math.max((0,_http_retry__WEBPACK_IMPORTED_MODULE_3__/* .backoffDelay */ .EY)(policy, attempt - 1, random), 100));
                const [landed] = (await this.searchRuns({ experimentIds: [options.experimentId], filter: `tags.\`${runRequestTag}\` = '${requestId}'` })).runs;
                if (landed) {
                    logger?.warn(`tracking.mlflow: ${what}: the answer was lost (${error.errorCode}) but run ${landed.info.run_id} was created; using it`);
                    return landed;
                }
                if (attempt >= policy.attempts) {
                    throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .RefusedError */ .fk(`${what}: ${error.errorCode}: ${error.serverMessage}; no run tagged ${runRequestTag}=${requestId} was found after ${attempt} attempts; check the experiment before recording again`, { cause: error });
                }
                logger?.info(`tracking.mlflow: ${what}: outcome unknown (${error.errorCode}) and no run was created; sending it again`);
            }
        }
    }
    async getRun(runId) {
        try {
            return (await this.rest.call({ what: `read run ${runId}`, method: 'GET', path: 'mlflow/runs/get', fields: { run_id: runId }, response: oneRun, idempotent: true })).run;
        }
        catch (error) {
            // Malformed ids are refused as INVALID_PARAMETER_VALUE by some stores; either way there is no such run.
            if ((0,_mlflow_search__WEBPACK_IMPORTED_MODULE_5__/* .isNotFound */ .c)(error) || (error instanceof _mlflow_errors__WEBPACK_IMPORTED_MODULE_4__/* .MlflowApiError */ .ge && error.errorCode === 'INVALID_PARAMETER_VALUE' && /run_id|Run with id/i.test(error.serverMessage)))
                return undefined;
            throw error;
        }
    }
    async searchRuns(search) {
        const fields = { experiment_ids: search.experimentIds, filter: search.filter, order_by: search.orderBy, max_results: search.maxResults, page_token: search.pageToken, run_view_type: 'ACTIVE_ONLY' };
        const page = await this.rest.call({ what: `search runs in experiment ${search.experimentIds.join(', ')}${search.filter ? ` matching ${search.filter}` : ''}`, method: 'POST', path: 'mlflow/runs/search', fields, response: runPage, idempotent: true });
        return { runs: page.runs, nextPageToken: page.next_page_token || undefined };
    }
    /**
     * Logs in as many requests as the server's per-request limits need. Safe to retry: the SQL
     * store ignores a metric identical to one already logged, params accept the same value again
     * and tags overwrite. Param values over 6000 characters (tags over 8000) are truncated here,
     * with a warning, rather than refused.
     */
    async logBatch(runId, batch) {
        const queue = {
            metrics: (batch.metrics ?? []).map((m) => ({ key: m.key, value: m.value, timestamp: m.timestamp, step: m.step ?? 0 })),
            params: toKeyValues(this.masked(batch.params ?? {}), maxParamValueLength, (key, length) => this.rest.logger?.warn(`tracking.mlflow: param ${key} of run ${runId} is ${length} characters; truncated to MLflow's limit of ${maxParamValueLength}`)),
            tags: toKeyValues(this.masked(batch.tags ?? {}), maxTagValueLength),
        };
        let requests = 0;
        while (queue.metrics.length + queue.params.length + queue.tags.length > 0) {
            const chunk = takeChunk(queue);
            requests++;
            await this.rest.call({ what: `log ${chunk.metrics.length} metrics, ${chunk.params.length} params and ${chunk.tags.length} tags to run ${runId}`, method: 'POST', path: 'mlflow/runs/log-batch', fields: { run_id: runId, ...chunk }, response: anything, idempotent: true });
        }
        return requests;
    }
    /** Links datasets to the run; `context` becomes the `mlflow.data.context` input tag that run search reads as `datasets.context`. */
    async logInputs(runId, datasets) {
        for (const { dataset } of datasets) {
            if (dataset.digest.length > 36)
                throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`dataset ${dataset.name}: MLflow keeps dataset digests of at most 36 characters, got ${dataset.digest.length}`);
        }
        const body = datasets.map(({ dataset, context }) => ({ dataset, tags: [{ key: 'mlflow.data.context', value: context }] }));
        await this.rest.call({ what: `log dataset inputs ${datasets.map((d) => d.dataset.name).join(', ')} to run ${runId}`, method: 'POST', path: 'mlflow/runs/log-inputs', fields: { run_id: runId, datasets: body }, response: anything, idempotent: true });
    }
    /**
     * Whether a text holds a value the shells mask. A record that is read back byte for byte (a
     * rollout state, a decision) cannot be masked, which would restore `***` or break its digest,
     * and must not put the secret in the tracking server either: such a record is not kept there.
     */
    holdsSecret(text) {
        return this.mask(text) !== text;
    }
    async setTag(runId, key, value) {
        await this.rest.call({ what: `set tag ${key} on run ${runId}`, method: 'POST', path: 'mlflow/runs/set-tag', fields: { run_id: runId, key, value: this.mask(value).slice(0, maxTagValueLength) }, response: anything, idempotent: true });
    }
    async finishRun(runId, status, endTime) {
        await this.rest.call({ what: `mark run ${runId} ${status}`, method: 'POST', path: 'mlflow/runs/update', fields: { run_id: runId, status, end_time: endTime }, response: anything, idempotent: true });
    }
    /**
     * Uploads a local file as `<run artifact root>/<relative>`. The proxy takes one PUT per file
     * (multipart needs a cloud store behind it), and the transport sends string bodies: the file is
     * read once into one string, never copied again on this side.
     */
    async uploadArtifact(run, relative, localFile, edit = (text) => text) {
        const path = this.artifactPath(run, relative);
        if (path === null) {
            this.rest.logger?.warn(`tracking: run ${run.info.run_id} keeps its artifacts at ${run.info.artifact_uri}, which agent-release cannot write to yet; ${relative} is not attached to the run (the metrics, params, tags and dataset input are)`);
            return;
        }
        let body;
        try {
            body = edit(await (0,_fs_async__WEBPACK_IMPORTED_MODULE_0__/* .readFile */ .TA)(localFile, 'utf8'));
        }
        catch (error) {
            throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`cannot upload ${localFile} as ${relative} to MLflow run ${run.info.run_id}: ${error.code === 'ENOENT' ? 'file not found' : error.message}`);
        }
        await this.rest.raw({ what: `upload ${relative} to run ${run.info.run_id}`, method: 'PUT', path, body, contentType: 'application/octet-stream', idempotent: true });
    }
    /** Downloads `<run artifact root>/<relative>` to a local file; false when the run has no such artifact. */
    async downloadArtifact(run, relative, localFile) {
        const path = this.artifactPath(run, relative);
        if (path === null)
            return false;
        try {
            await (0,_fs_async__WEBPACK_IMPORTED_MODULE_0__/* .writeFile */ ._h)(localFile, await this.rest.raw({ what: `download ${relative} from run ${run.info.run_id}`, method: 'GET', path, idempotent: true }));
            return true;
        }
        catch (error) {
            if ((0,_mlflow_search__WEBPACK_IMPORTED_MODULE_5__/* .isNotFound */ .c)(error))
                return false;
            throw error;
        }
    }
    /**
     * The proxy path of a run artifact: a run's `artifact_uri` is `mlflow-artifacts:/<exp>/<run>/artifacts`
     * when the server proxies storage, and its path part goes below `mlflow-artifacts/artifacts/`
     * (MlflowArtifactsRepository.resolve_uri). Null on a Databricks workspace, whose runs keep
     * artifacts in DBFS or a Volume (dbfs:/databricks/mlflow-tracking/...), which this client does not reach.
     */
    artifactPath(run, relative) {
        const uri = run.info.artifact_uri;
        const match = /^mlflow-artifacts:(?:\/\/([^/]*))?(\/.*)?$/.exec(uri);
        if (!match && this.options.workspaceFolders)
            return null;
        if (!match) {
            throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(`run ${run.info.run_id} stores artifacts at ${uri || '(no artifact_uri)'}, which the tracking server does not proxy; start it with --serve-artifacts (and no --no-serve-artifacts) so agent-release can upload and download through ${this.shownUri}`);
        }
        if (match[1] && match[1] !== new URL(this.trackingUri).host) {
            throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(`run ${run.info.run_id} stores artifacts on another server (${uri}); agent-release only talks to ${this.shownUri}`);
        }
        if (relative.split('/').some((part) => part === '' || part === '.' || part === '..'))
            throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`artifact path ${relative} must be relative, without empty, "." or ".." parts`);
        const root = (match[2] ?? '').split('/').filter(Boolean);
        return `mlflow-artifacts/artifacts/${[...root, ...relative.split('/')].map(encodeURIComponent).join('/')}`;
    }
    get shownUri() {
        return (0,_http_client__WEBPACK_IMPORTED_MODULE_2__/* .redactUrl */ .BO)(this.trackingUri);
    }
}
/** Values must be strings; over-long ones are cut so the server neither truncates silently nor refuses the batch. */
function toKeyValues(record, max, onTruncate) {
    return Object.entries(record).map(([key, value]) => {
        if (value.length <= max)
            return { key, value };
        onTruncate?.(key, value.length);
        return { key, value: value.slice(0, max) };
    });
}
/** The largest next request within every per-request limit (count per kind, entities in total, body bytes). */
function takeChunk(queue) {
    // Headroom below 1 MB for the envelope and JSON's escaping of non-ASCII text.
    const budget = { bytes: logBatchLimits.bytes * 0.95 - 200, entities: logBatchLimits.entities };
    const tags = take(queue.tags, logBatchLimits.tags, budget);
    const params = take(queue.params, logBatchLimits.params, budget);
    const metrics = take(queue.metrics, logBatchLimits.metrics, budget);
    return { metrics, params, tags };
}
/** Moves items from the front of `source` while the kind's limit and the shared budget allow (always at least one per request). */
function take(source, limit, budget) {
    const taken = [];
    while (source.length > 0 && taken.length < limit && budget.entities > 0) {
        const size = Buffer.byteLength(JSON.stringify(source[0])) + 1;
        if (size > budget.bytes && budget.entities < logBatchLimits.entities)
            break;
        taken.push(source.shift());
        budget.bytes -= size;
        budget.entities--;
    }
    return taken;
}


/***/ }),

/***/ 8891:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Kp: () => (/* binding */ evaluationRunFilter),
/* harmony export */   NN: () => (/* binding */ defaultExperimentNames),
/* harmony export */   T$: () => (/* binding */ decisionArtifact),
/* harmony export */   UE: () => (/* binding */ metricCompanions),
/* harmony export */   Xr: () => (/* binding */ summaryArtifact),
/* harmony export */   _U: () => (/* binding */ MlflowTracker),
/* harmony export */   n1: () => (/* binding */ runNamePrefixes),
/* harmony export */   p$: () => (/* binding */ resultsArtifact),
/* harmony export */   tQ: () => (/* binding */ trackingTags)
/* harmony export */ });
/* unused harmony exports evaluationRunVersionTag, deploymentRunVersionTag, rolloutStateRunTag, rolloutArtifact, runNameFor, mlflowDatasetDigest */
/* harmony import */ var _fs_async__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7253);
/* harmony import */ var _clock__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9373);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _mlflow_search__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7213);
/* harmony import */ var _client__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3958);





/** Run-name prefixes of the three experiments; the rest is YYYYMMDD_HHMMSS (UTC). */
const runNamePrefixes = { development: 'dev_', evaluation: 'eval_pre_deploy_', deployment: 'deploy_', gate: 'gate_' };
/**
 * Tags on every run agent-release records. Ours are namespaced `agent_release.*` so search
 * filters can rely on them; MLflow's own `mlflow.*` tags are set too where one fits, so the
 * MLflow UI shows the commit, the user and the source.
 */
const trackingTags = {
    modelName: 'agent_release.model.name',
    modelVersion: 'agent_release.model.version',
    mode: 'agent_release.mode',
    gitSha: 'agent_release.git_sha',
    repository: 'agent_release.repository',
    workflowRunUrl: 'agent_release.workflow_run_url',
    actor: 'agent_release.actor',
    /** The contract's full `sha256:<hex>` digest: MLflow's dataset input keeps at most 36 characters. */
    datasetDigest: 'agent_release.dataset.digest',
    datasetName: 'agent_release.dataset.name',
    /** `true` on a pull request's evaluation: it previews a change, it is not the version's evaluation of record. */
    pullRequest: 'agent_release.pull_request',
    gateDecision: 'agent_release.gate.decision',
    gateDecidedAt: 'agent_release.gate.decided_at',
    gateFailedRules: 'agent_release.gate.failed_rules',
    deployOutcome: 'agent_release.deploy.outcome',
    deployReason: 'agent_release.deploy.reason',
    environment: 'agent_release.environment',
    mlflowUser: 'mlflow.user',
    mlflowSourceName: 'mlflow.source.name',
    mlflowSourceType: 'mlflow.source.type',
    mlflowGitCommit: 'mlflow.source.git.commit',
};
/** The model-version tag that links a version to its evaluation run. */
const evaluationRunVersionTag = 'agent_release.evaluation.run_id';
/** Companion metrics of each summary metric `<name>`: `<name>.n`, `<name>.ci_low`, `<name>.ci_high`; the interval's method and level are the param `<name>.ci`. */
const metricCompanions = ['.n', '.ci_low', '.ci_high'];
/** The model-version tag that names the deploy_ run holding a version's rollout state in an environment. */
const deploymentRunVersionTag = (environment) => `agent_release.deploy.${environment}.run_id`;
/** The deploy_ run tag holding the rollout state when it fits in a tag (always readable, Databricks included). */
const rolloutStateRunTag = 'agent_release.rollout.state';
const rolloutArtifact = 'rollout/state.json';
const summaryArtifact = 'summary.json';
const resultsArtifact = 'results.jsonl';
const decisionArtifact = 'decision.json';
function runNameFor(kind, ms) {
    return `${runNamePrefixes[kind]}${(0,_clock__WEBPACK_IMPORTED_MODULE_1__/* .compactUtc */ .E)(ms)}`;
}
/** Default experiment names, derived from the model name; workspace paths, so they are valid on Databricks too. */
function defaultExperimentNames(model, configured = {}) {
    const base = `/Shared/agent-release/${model}`;
    return {
        development: configured.development ?? `${base}/development`,
        evaluation: configured.evaluation ?? `${base}/evaluation`,
        deployment: configured.deployment ?? `${base}/deployment`,
    };
}
/** MLflow's dataset digest (\u2264 36 characters): the first 32 hex digits of the contract's sha256. */
function mlflowDatasetDigest(digest) {
    return digest.replace(/^sha256:/, '').slice(0, 32);
}
/** Finished `eval_pre_deploy_*` runs of one model version, optionally on one dataset. */
function evaluationRunFilter(model, version, datasetDigest) {
    const clauses = [
        `attributes.run_name LIKE '${runNamePrefixes.evaluation}%'`,
        `attributes.status = 'FINISHED'`,
        `tags.\`${trackingTags.modelName}\` = ${(0,_mlflow_search__WEBPACK_IMPORTED_MODULE_3__/* .filterLiteral */ .K)(model)}`,
        `tags.\`${trackingTags.modelVersion}\` = ${(0,_mlflow_search__WEBPACK_IMPORTED_MODULE_3__/* .filterLiteral */ .K)(version)}`,
    ];
    if (datasetDigest !== undefined)
        clauses.push(`tags.\`${trackingTags.datasetDigest}\` = ${(0,_mlflow_search__WEBPACK_IMPORTED_MODULE_3__/* .filterLiteral */ .K)(datasetDigest)}`);
    return clauses.join(' AND ');
}
/** Records evaluations, gate decisions and deployments as MLflow runs. */
class MlflowTracker {
    options;
    kind = 'mlflow';
    experiments;
    client;
    constructor(options) {
        this.options = options;
        this.client = options.client;
        this.experiments = options.experiments;
    }
    async recordEvaluation(record) {
        const { summary, dataset } = record;
        if (summary.model.name !== this.options.model) {
            throw new _errors__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(`the evaluation summary is of model ${summary.model.name}, but this release is of ${this.options.model}; it is not recorded`);
        }
        const now = this.options.clock.now();
        const tags = { ...this.standardTags('evaluate', summary.model.version), [trackingTags.datasetDigest]: dataset.digest, [trackingTags.datasetName]: dataset.name };
        return this.recordRun('evaluation', runNameFor('evaluation', now), tags, async (run) => {
            const metrics = [];
            const params = {
                'model.name': summary.model.name,
                'model.version': summary.model.version,
                'dataset.name': dataset.name,
                'dataset.digest': dataset.digest,
                'dataset.rows': String(summary.dataset.rows),
                'dataset.source': dataset.source,
                errors: String(summary.errors),
                ...record.params,
            };
            for (const [name, metric] of Object.entries(summary.metrics)) {
                metrics.push({ key: name, value: metric.value, timestamp: now }, { key: `${name}.n`, value: metric.n, timestamp: now });
                if (metric.ci) {
                    metrics.push({ key: `${name}.ci_low`, value: metric.ci.low, timestamp: now }, { key: `${name}.ci_high`, value: metric.ci.high, timestamp: now });
                    params[`${name}.ci`] = `${metric.ci.method} ${metric.ci.confidence}`;
                }
            }
            await this.client.logBatch(run.info.run_id, { metrics, params });
            const profile = JSON.stringify({ num_rows: summary.dataset.rows });
            await this.client.logInputs(run.info.run_id, [
                { dataset: { name: dataset.name, digest: mlflowDatasetDigest(dataset.digest), source_type: sourceType(dataset.source), source: JSON.stringify({ uri: dataset.source }), profile }, context: 'evaluation' },
            ]);
            // The run's copy names the run, as the local summary.json does once this returns.
            await this.client.uploadArtifact(run, summaryArtifact, record.summaryFile, (text) => `${JSON.stringify({ ...JSON.parse(text), run_id: run.info.run_id }, null, 2)}\n`);
            if (record.resultsFile !== null)
                await this.client.uploadArtifact(run, resultsArtifact, record.resultsFile);
        }).then(async (recorded) => {
            // A pull request's evaluation is recorded, but the version's evaluation of record stays the one its release was gated on.
            if (!this.options.run.pullRequest)
                await this.options.registry?.setVersionTags(summary.model.name, summary.model.version, { [evaluationRunVersionTag]: recorded.runId });
            return recorded;
        });
    }
    /**
     * On the evaluation run the gate judged, so one run holds the evaluation and its verdict (a
     * re-run gate overwrites the tags and decision.json; the metrics keep the history). Without
     * one, a `gate_*` run of its own in the evaluation experiment.
     */
    async recordGate(record) {
        const { decision } = record;
        const log = async (run, artifact) => {
            const now = this.options.clock.now();
            const failed = decision.rules.filter((r) => !r.passed && !r.warning).map((r) => (r.metric ? `${r.rule}:${r.metric}` : r.rule));
            await this.client.logBatch(run.info.run_id, {
                metrics: [
                    { key: 'gate/passed', value: decision.decision === 'pass' ? 1 : 0, timestamp: now },
                    { key: 'gate/rules', value: decision.rules.length, timestamp: now },
                    { key: 'gate/rules_failed', value: failed.length, timestamp: now },
                ],
                tags: { [trackingTags.gateDecision]: decision.decision, [trackingTags.gateDecidedAt]: decision.decided_at, [trackingTags.gateFailedRules]: failed.join(', ') },
            });
            await this.client.uploadArtifact(run, artifact, record.decisionFile);
        };
        if (!record.evaluationRunId) {
            return this.recordRun('evaluation', runNameFor('gate', this.options.clock.now()), this.standardTags('gate', decision.model.version), (run) => log(run, decisionArtifact));
        }
        const run = await this.evaluationRunOf(record.evaluationRunId, decision);
        await log(run, `gate/${decisionArtifact}`);
        const experiment = this.options.experiments.evaluation;
        return { runId: run.info.run_id, runName: run.info.run_name, experimentId: run.info.experiment_id, experimentName: experiment };
    }
    async recordDeployment(record) {
        const tags = {
            ...this.standardTags('deploy', record.version),
            [trackingTags.deployOutcome]: record.outcome,
            ...(record.environment ? { [trackingTags.environment]: record.environment } : {}),
            ...(record.reason ? { [trackingTags.deployReason]: record.reason } : {}),
        };
        const status = record.outcome === 'succeeded' ? 'FINISHED' : 'FAILED';
        return this.recordRun('deployment', runNameFor('deployment', record.startedAt), tags, async (run) => {
            const params = { version: record.version, previous_version: record.previousVersion ?? 'none', target: record.target, strategy: record.strategy };
            if (record.environment)
                params.environment = record.environment;
            if (record.endpointUrl)
                params.endpoint_url = record.endpointUrl;
            await this.client.logBatch(run.info.run_id, { params, metrics: [{ key: 'deploy/rolled_back', value: record.outcome === 'rolled_back' ? 1 : 0, timestamp: this.options.clock.now() }] });
            if (record.rolloutFile)
                await this.keepRolloutState(run, record.rolloutFile);
        }, { startTime: record.startedAt, status }).then(async (recorded) => {
            if (record.rolloutFile && record.environment) {
                await this.options.registry?.setVersionTags(this.options.model, record.version, { [deploymentRunVersionTag(record.environment)]: recorded.runId });
            }
            return recorded;
        });
    }
    async fetchRolloutState(model, version, environment, localFile) {
        const runId = (await this.options.registry?.getVersion(model, version))?.tags[deploymentRunVersionTag(environment)];
        if (!runId)
            return false;
        const run = await this.client.getRun(runId);
        if (!run)
            return false;
        const tagged = run.data.tags.find((t) => t.key === rolloutStateRunTag)?.value;
        if (tagged !== undefined) {
            await (0,_fs_async__WEBPACK_IMPORTED_MODULE_0__/* .writeFile */ ._h)(localFile, tagged);
            return true;
        }
        return this.client.downloadArtifact(run, rolloutArtifact, localFile);
    }
    /** A tag where the state fits (readable on every tracking server), else an artifact; never a secret. */
    async keepRolloutState(run, file) {
        const text = await (0,_fs_async__WEBPACK_IMPORTED_MODULE_0__/* .readFile */ .TA)(file, 'utf8');
        if (this.client.holdsSecret(text)) {
            this.options.logger.warn(`the rollout state in ${file} holds a secret value (in the target's snapshot), so it is not kept with run ${run.info.run_id}; a rollback on another runner restores the previous version as the target knows it, not this exact snapshot. Keep secrets in the target's secret store (e.g. {{secrets/scope/key}}) rather than in plain values`);
            return;
        }
        if (text.length <= _client__WEBPACK_IMPORTED_MODULE_4__/* .maxTagValueLength */ .AT)
            await this.client.setTag(run.info.run_id, rolloutStateRunTag, text);
        else
            await this.client.uploadArtifact(run, rolloutArtifact, file);
    }
    /** The run a gate decision belongs to; refused when it is another model version's. */
    async evaluationRunOf(runId, decision) {
        const run = await this.client.getRun(runId);
        if (!run)
            throw new _errors__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(`the evaluation run ${runId} (summary.json run_id) does not exist at ${this.client.trackingUri}; record the decision without it or fix run_id`);
        const tags = Object.fromEntries(run.data.tags.map((t) => [t.key, t.value]));
        const { name, version } = decision.model;
        const taggedName = tags[trackingTags.modelName];
        const taggedVersion = tags[trackingTags.modelVersion];
        if ((taggedName !== undefined && taggedName !== name) || (taggedVersion !== undefined && taggedVersion !== version)) {
            throw new _errors__WEBPACK_IMPORTED_MODULE_2__/* .RefusedError */ .fk(`MLflow run ${runId} is the evaluation of ${taggedName} version ${taggedVersion}, not of ${name} version ${version}; the gate decision was not recorded on it`);
        }
        return run;
    }
    /** Creates the run, logs through `body`, finishes it; a failure part-way marks the run FAILED (best effort) and is rethrown. */
    async recordRun(kind, runName, tags, body, options = {}) {
        const experimentName = this.options.experiments[kind];
        const experiment = await this.client.getOrCreateExperiment(experimentName);
        const run = await this.client.createRun({ experimentId: experiment.experiment_id, runName, startTime: options.startTime ?? this.options.clock.now(), tags });
        const runId = run.info.run_id;
        try {
            await body(run);
        }
        catch (error) {
            await this.client.finishRun(runId, 'FAILED', this.options.clock.now()).catch((e) => this.options.logger.warn(`tracking.mlflow: could not mark run ${runId} FAILED: ${(0,_errors__WEBPACK_IMPORTED_MODULE_2__/* .messageOf */ .bD)(e)}`));
            throw error;
        }
        await this.client.finishRun(runId, options.status ?? 'FINISHED', this.options.clock.now());
        this.options.logger.info(`tracking.mlflow: recorded run ${runName} (${runId}) in experiment ${experimentName}`);
        return { runId, runName, experimentId: experiment.experiment_id, experimentName };
    }
    standardTags(mode, version) {
        const { run, model } = this.options;
        const tags = {
            [trackingTags.modelName]: model,
            [trackingTags.modelVersion]: version,
            [trackingTags.mode]: mode,
            [trackingTags.actor]: run.actor,
            [trackingTags.mlflowUser]: run.actor,
            [trackingTags.mlflowSourceType]: run.runUrl ? 'JOB' : 'LOCAL',
            [trackingTags.mlflowSourceName]: run.runUrl ?? run.repository ?? 'agent-release',
        };
        if (run.sha)
            Object.assign(tags, { [trackingTags.gitSha]: run.sha, [trackingTags.mlflowGitCommit]: run.sha });
        if (run.repository)
            tags[trackingTags.repository] = run.repository;
        if (run.runUrl)
            tags[trackingTags.workflowRunUrl] = run.runUrl;
        if (run.pullRequest)
            tags[trackingTags.pullRequest] = 'true';
        return tags;
    }
}
/** MLflow's dataset source types name where data lives (`local`, `http`, `s3`\u2026). */
function sourceType(source) {
    const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(source)?.[1]?.toLowerCase();
    if (!scheme || scheme === 'file')
        return 'local';
    return scheme === 'https' ? 'http' : scheme;
}


/***/ })

} })
