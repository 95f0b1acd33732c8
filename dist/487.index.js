'use strict';
({ id: 487, ids: [487,937], modules: {

/***/ 22487:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createAnalysis: () => (/* binding */ createAnalysis)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/clock.ts
var clock = __webpack_require__(99373);
// EXTERNAL MODULE: ./src/databricks/api.ts
var api = __webpack_require__(45878);
// EXTERNAL MODULE: ./src/databricks/files.ts
var files = __webpack_require__(94937);
// EXTERNAL MODULE: ./src/gate/thresholds.ts
var thresholds = __webpack_require__(89695);
// EXTERNAL MODULE: ./src/template.ts
var src_template = __webpack_require__(35237);
// EXTERNAL MODULE: ./src/analysis/prometheus-text.ts
var prometheus_text = __webpack_require__(29146);
;// CONCATENATED MODULE: ./src/analysis/databricks-metrics.ts
/**
 * The `databricks-metrics` analysis provider: a serving endpoint's own metrics export, split by
 * served entity, so the canary and the stable entity are judged on real traffic.
 *
 * What the export counts. Databricks documents request_count_total, request_4xx_count_total
 * and request_5xx_count_total as gauges holding the LAST MINUTE's count despite the suffix
 * (their Datadog integration maps them to gauges "during the last minute"; scrapes in public
 * repositories show `# TYPE \u2026 gauge` and an epoch-ms timestamp on each line), and
 * request_latency_ms as a histogram; ASSUMED: its buckets cover the same minute. So one scrape
 * after the bake would see one minute of it. Instead the provider scrapes at the window's start
 * (a baseline) and every scrape_interval until it ends, and sums each minute it saw appear after
 * the baseline once (a minute is keyed by the line's timestamp, else by the clock minute of the
 * scrape, so scrapes within one minute count it once, the last one read winning).
 * Should an export declare the counters `counter` (cumulative), the same scrapes are read the
 * Prometheus way instead: last minus first, a drop counting as a reset. Either way two scrapes
 * are the least and the difference over the window is what is judged.
 * The label naming the entity is not documented, and third-party scrapes disagree: `served_entity`,
 * `served_model`, or none at all. It is detected on the first read that has request counts
 * (`detectEntityLabel`; `entity_label` overrides it). An export with no such label cannot tell
 * the canary from the stable entity: preflight (and so dry-run) says so, naming the labels seen
 * and the providers that can (http-probe with stable_url, or Prometheus), rather than let every
 * look fail for want of data. An entity with no samples is reported missing by name, never as
 * zero traffic.
 */







const requestFamily = 'request_count_total';
const errorFamilies = { '4xx': 'request_4xx_count_total', '5xx': 'request_5xx_count_total' };
const latencyFamily = 'request_latency_ms';
/** Labels that have been seen naming the served entity, in the order they are tried. */
const entityLabelCandidates = ['served_entity', 'served_model'];
/** Which label names the served entity in one read of the export: the configured one, else the first candidate present. */
function detectEntityLabel(exposition, configured) {
    const samples = exposition.samples.filter((s) => s.name === requestFamily);
    const seen = [...new Set(samples.flatMap((s) => Object.keys(s.labels)))].sort();
    const candidates = configured ? [configured] : entityLabelCandidates;
    const label = candidates.find((c) => samples.some((s) => s.labels[c] !== undefined)) ?? null;
    return { label, seen, samples: samples.length };
}
/** What to use instead when the export cannot tell entities apart. */
const alternatives = 'judge the canary with deploy.analysis.provider http-probe (stable_url probes the stable side), or scrape the endpoint into Prometheus and use provider prometheus';
function labelsSeen(detection) {
    return detection.seen.length ? detection.seen.join(', ') : 'none';
}
/**
 * The scrapes of one window, kept apart from the scraping so the sums can be checked on their own.
 * The rollout calls run() after the step's bake, and run() fills a fresh one (baseline, then every
 * scrape_interval for `window`): the window follows the bake, so each look adds `window` to the step.
 */
class MetricsWindow {
    configuredLabel;
    scrapes = [];
    detected;
    /** `configuredLabel` (entity_label) when set; otherwise the label is detected on the first read with request counts. */
    constructor(configuredLabel) {
        this.configuredLabel = configuredLabel;
    }
    add(exposition, at) {
        this.scrapes.push({ exposition, at });
        if (!this.detected?.samples)
            this.detected = detectEntityLabel(exposition, this.configuredLabel);
    }
    /** What the first read with request counts showed; undefined before any read. */
    get detection() {
        return this.detected;
    }
    /** The label naming entities; null when the export has request counts but no such label. */
    get entityLabel() {
        return this.detected?.samples ? this.detected.label : (this.configuredLabel ?? entityLabelCandidates[0]);
    }
    get size() {
        return this.scrapes.length;
    }
    /** Entities that have request counts in any scrape, sorted. */
    entities() {
        const label = this.entityLabel;
        if (label === null)
            return [];
        const seen = new Set();
        for (const { exposition } of this.scrapes) {
            for (const s of exposition.samples)
                if (s.name === requestFamily && s.labels[label] !== undefined)
                    seen.add(s.labels[label]);
        }
        return [...seen].sort();
    }
    /** The entity's traffic over the window; undefined when no scrape has a request count for it. */
    totals(entity, errorClasses) {
        if (this.scrapes.length < 2)
            throw new RangeError('a window needs a baseline scrape and at least one more');
        const label = this.entityLabel;
        if (label === null || !this.entities().includes(entity))
            return undefined;
        const cumulative = this.scrapes[0]?.exposition.families.get(requestFamily)?.type === 'counter';
        const total = (name, match) => this.increase(name, label, entity, match, cumulative);
        const requests = total(requestFamily, () => true);
        const errors = errorClasses.reduce((sum, c) => sum + total(errorFamilies[c], () => true), 0);
        const bounds = new Set();
        for (const { exposition } of this.scrapes) {
            for (const s of exposition.samples)
                if (s.name === `${latencyFamily}_bucket` && s.labels[label] === entity && s.labels.le)
                    bounds.add(s.labels.le);
        }
        const buckets = new Map();
        for (const le of bounds)
            buckets.set(Number(le.replace(/^\+?Inf$/, 'Infinity')), total(`${latencyFamily}_bucket`, (labels) => labels.le === le));
        const p95 = buckets.size > 0 ? (0,prometheus_text/* histogramQuantile */.EV)(buckets, 0.95) : undefined;
        return { requests, errors, ...(p95 !== undefined ? { latencyP95Ms: p95 } : {}) };
    }
    /** Summed over the entity's series of `name` (other labels such as le split series). */
    increase(name, label, entity, match, cumulative) {
        const series = new Map();
        for (const { exposition, at } of this.scrapes) {
            for (const s of exposition.samples) {
                if (s.name !== name || s.labels[label] !== entity || !match(s.labels) || Number.isNaN(s.value))
                    continue;
                const id = JSON.stringify(Object.entries(s.labels).sort());
                const points = series.get(id) ?? [];
                // Without a timestamp the scrape's clock minute stands for the minute it reports, so scraping
                // more often than once a minute re-reads that minute instead of adding it again.
                points.push({ at, key: s.timestampMs !== undefined ? `at@${s.timestampMs}` : `minute@${Math.floor(at / 60_000)}`, value: s.value });
                series.set(id, points);
            }
        }
        const baselineAt = this.scrapes[0]?.at;
        let sum = 0;
        for (const points of series.values()) {
            if (cumulative) {
                const first = points[0]?.at === baselineAt ? (points[0]?.value ?? 0) : 0;
                let previous = first;
                for (const p of points.slice(points[0]?.at === baselineAt ? 1 : 0)) {
                    sum += p.value >= previous ? p.value - previous : p.value;
                    previous = p.value;
                }
            }
            else {
                const before = new Set(points.filter((p) => p.at === baselineAt).map((p) => p.key));
                const minutes = new Map();
                for (const p of points)
                    if (!before.has(p.key))
                        minutes.set(p.key, p.value);
                for (const value of minutes.values())
                    sum += value;
            }
        }
        return sum;
    }
}
class DatabricksMetricsAnalysis {
    config;
    deps;
    kind = 'databricks-metrics';
    /** The workspace origin: workspaceOrigin refuses credentials in it, so it prints as is. */
    host;
    clock;
    api;
    constructor(config, deps) {
        this.config = config;
        this.deps = deps;
        this.clock = deps.clock ?? clock/* systemClock */.m;
        this.api = new api/* DatabricksApi */.LP({ host: deps.host, credentials: deps.credentials, clock: this.clock, logger: deps.logger, retryPolicy: deps.policy, random: deps.random, timeoutMs: config.timeout }, 'databricks.metrics');
        this.host = this.api.host;
    }
    describe(variables) {
        const { canary, stable } = this.entities(variables);
        const c = this.config;
        return `read the metrics export of serving endpoint ${c.endpoint} at ${this.host} every ${c.scrape_interval / 1000} s for ${c.window / 1000} s; judge served entity ${canary}${stable ? ` against ${stable}` : ''}; fail if error rate (${c.errors.join('+')}) > ${c.limits.error_rate}${c.limits.latency_p95_ms ? ` or p95 latency > ${c.limits.latency_p95_ms} ms` : ''}`;
    }
    /** Samples the whole window (baseline, then every scrape_interval), then judges it. */
    async run(variables, signal) {
        const window = new MetricsWindow(this.config.entity_label);
        await this.scrapeInto(window, signal);
        // The window opens when the baseline is in hand, however long its retries took.
        const start = this.clock.now();
        for (let elapsed = 0; elapsed < this.config.window; elapsed = this.clock.now() - start) {
            await this.clock.sleep(Math.min(this.config.scrape_interval, this.config.window - elapsed), signal);
            await this.scrapeInto(window, signal);
        }
        return this.judge(window, variables);
    }
    async scrapeInto(window, signal) {
        window.add(await this.scrape(signal), this.clock.now());
    }
    /** Per-entity numbers, limit checks on the canary, and the observation for the canary judgement. */
    judge(window, variables) {
        const { canary, stable } = this.entities(variables);
        const metrics = {};
        const checks = [];
        const sides = {};
        const detection = window.detection;
        if (detection?.samples && detection.label === null) {
            checks.push(this.missing('requests', `requests: missing: ${this.noEntityLabel(detection)}`));
            return { provider: this.kind, passed: checks.every((check) => check.passed), metrics, checks };
        }
        for (const [side, entity] of [['canary', canary], ['stable', stable]]) {
            if (entity === undefined)
                continue;
            const prefix = side === 'canary' ? '' : 'stable/';
            const totals = window.totals(entity, this.config.errors);
            if (!totals) {
                const present = window.entities();
                const reason = `${prefix}requests: missing: served entity "${entity}" has no ${requestFamily} samples (label ${window.entityLabel ?? '?'}) in the export of ${this.config.endpoint}; entities present: ${present.length ? present.join(', ') : 'none'}. No data is not zero traffic: check the entity name and entity_label`;
                checks.push(this.missing(`${prefix}requests`, reason));
                continue;
            }
            sides[side] = { requests: totals.requests, errors: totals.errors, ...(totals.latencyP95Ms !== undefined ? { latencyP95Ms: totals.latencyP95Ms } : {}) };
            metrics[`${prefix}requests`] = totals.requests;
            metrics[`${prefix}errors`] = totals.errors;
            if (totals.requests > 0)
                metrics[`${prefix}error_rate`] = totals.errors / totals.requests;
            if (totals.latencyP95Ms !== undefined)
                metrics[`${prefix}latency_ms/p95`] = Math.round(totals.latencyP95Ms * 10) / 10;
            if (side === 'canary')
                checks.push(...this.limitChecks(entity, metrics));
        }
        const complete = sides.canary && (stable === undefined || sides.stable);
        const observation = complete && sides.canary ? { canary: sides.canary, ...(sides.stable ? { stable: sides.stable } : {}) } : undefined;
        return { provider: this.kind, passed: checks.every((check) => check.passed), metrics, checks, ...(observation ? { observation } : {}) };
    }
    /**
     * One read of the export before anything changes: which label names the served entity, or
     * that none does (then the canary cannot be judged by this provider, and deploy should not start).
     */
    async preflight() {
        const endpoint = this.config.endpoint;
        let exposition;
        try {
            exposition = await this.scrape();
        }
        catch (error) {
            if (error instanceof files/* DatabricksApiError */.Ny && error.status === 404) {
                return { problems: [], checks: [`serving endpoint ${endpoint} has no metrics export yet (it does not exist); the label naming served entities is detected on the first read during the rollout`] };
            }
            return { problems: [`deploy.analysis (databricks-metrics) could not read the metrics export: ${error.message}`], checks: [] };
        }
        const detection = detectEntityLabel(exposition, this.config.entity_label);
        if (detection.samples === 0) {
            return { problems: [], checks: [`the metrics export of ${endpoint} has no ${requestFamily} samples yet; the label naming served entities is detected on the first read during the rollout`] };
        }
        if (detection.label === null)
            return { problems: [this.noEntityLabel(detection)], checks: [] };
        const values = [...new Set(exposition.samples.filter((s) => s.name === requestFamily).map((s) => s.labels[detection.label]).filter(Boolean))].sort();
        return { problems: [], checks: [`the metrics export of ${endpoint} names served entities by label ${detection.label} (now: ${values.join(', ')})`] };
    }
    noEntityLabel(detection) {
        const looked = this.config.entity_label ? `label ${this.config.entity_label} (deploy.analysis.entity_label)` : `label naming the served entity (${entityLabelCandidates.join(' or ')})`;
        return (`the metrics export of serving endpoint ${this.config.endpoint} has no ${looked} on ${requestFamily} (labels seen: ${labelsSeen(detection)}), ` +
            `so databricks-metrics cannot tell the canary from the stable entity and every look would end without data; ${alternatives}` +
            (detection.seen.length ? `, or set deploy.analysis.entity_label if one of the labels seen names the entity` : ''));
    }
    limitChecks(entity, metrics) {
        const limits = this.config.limits;
        const rate = metrics.error_rate;
        const checks = [
            rate === undefined
                ? this.missing('error_rate', `error_rate: missing: served entity "${entity}" served no requests in the window, so it has no error rate (send traffic to the canary or lengthen the window)`)
                : (0,thresholds/* judgeThreshold */.l)('error_rate', rate, { max: limits.error_rate }),
        ];
        if (limits.latency_p95_ms !== undefined) {
            const p95 = metrics['latency_ms/p95'];
            checks.push(p95 === undefined
                ? this.missing('latency_ms/p95', `latency_ms/p95: missing: the export has no ${latencyFamily} histogram with requests for "${entity}" (some workspaces export only the request counters); remove limits.latency_p95_ms or use http-probe`)
                : (0,thresholds/* judgeThreshold */.l)('latency_ms/p95', p95, { max: limits.latency_p95_ms }));
        }
        return checks;
    }
    missing(metric, reason) {
        const tolerated = this.config.missing === 'warn';
        return { rule: 'threshold', metric, passed: tolerated, warning: tolerated, reason, inputs: { outcome: 'missing' } };
    }
    entities(variables) {
        const values = { served_entity: variables.servedEntity ?? null, stable_served_entity: variables.stableServedEntity ?? null, version: variables.version, previous_version: variables.previousVersion, model: variables.model, environment: variables.environment };
        const canary = (0,src_template/* fillTemplate */.ou)(this.config.canary_entity, values, 'deploy.analysis.canary_entity');
        if (canary === '')
            throw new errors/* InputError */.dz(`deploy.analysis.canary_entity "${this.config.canary_entity}" names no served entity for this release (the deploy target provided none); set it to the canary's served entity name`);
        const stable = this.config.stable_entity === undefined ? undefined : (0,src_template/* fillTemplate */.ou)(this.config.stable_entity, values, 'deploy.analysis.stable_entity');
        return { canary, ...(stable ? { stable } : {}) };
    }
    /** One GET of the export through the shared Databricks client (retries, a 401 answered once with fresh credentials). */
    async scrape(signal) {
        const what = `read the metrics export of serving endpoint ${this.config.endpoint}`;
        const res = await this.api.call({
            what,
            method: 'GET',
            path: `/api/2.0/serving-endpoints/${encodeURIComponent(this.config.endpoint)}/metrics`,
            idempotent: true,
            // ASSUMED: text/plain is what the SDKs ask for; the export answers Prometheus or OpenMetrics text.
            accept: 'text/plain',
            signal,
            hints: {
                401: `the workspace ${this.host} rejected ${this.deps.credentials.description}${this.deps.credentials.fixed ? '' : ' (also after fetching a fresh token)'}; check DATABRICKS_TOKEN or the OAuth / OIDC settings`,
                403: 'the identity needs CAN_QUERY (or higher) on the serving endpoint to read its metrics',
                404: 'check deploy.analysis.endpoint; endpoints without an export (foundation-model APIs) answer 404 too',
            },
        });
        try {
            return (0,prometheus_text/* parsePrometheusText */.tb)(res.body);
        }
        catch (error) {
            if (!(error instanceof prometheus_text/* PrometheusTextError */.Q3))
                throw error;
            const page = /^\s*</.test(res.body) ? ' (an HTML page: a login page or proxy?)' : '';
            throw new files/* DatabricksApiError */.Ny(what, 200, 'INVALID_RESPONSE', `the answer is not Prometheus text${page}: ${error.message}`, false, 'check that the host is the workspace URL');
        }
    }
}

// EXTERNAL MODULE: ./src/http/client.ts
var client = __webpack_require__(73329);
// EXTERNAL MODULE: ./src/pool.ts
var pool = __webpack_require__(59537);
// EXTERNAL MODULE: ./src/stats/interval.ts
var interval = __webpack_require__(46966);
;// CONCATENATED MODULE: ./src/analysis/http-probe-rate.ts
/** Requests in one schedule: exact, so "10/s for 2 s" is 20 and not 21 or 19. */
function scheduledCount(plan) {
    // The epsilon keeps 0.1 \u00d7 30_000 / 1000 (= 2.9999\u2026) from losing a request to binary floating point.
    return Math.floor((plan.rate * plan.durationMs) / 1000 + 1e-9);
}
/**
 * Starts `fire(i)` at start + i / rate for every slot, without waiting for earlier requests to
 * answer (an open loop: a slow endpoint does not slow the offered load, as it would for a closed
 * loop of workers, so queueing shows up as latency and drops instead of being hidden). Unanswered
 * requests pile up to `maxInFlight`; a slot that comes while all are busy is counted as dropped
 * and never sent later, so the schedule does not drift. Waits for every started request before
 * returning. `fire` must not reject: it records its own outcome.
 */
async function runOpenLoop(plan, clock, fire, signal) {
    if (!(plan.rate > 0) || !(plan.durationMs > 0) || !(plan.maxInFlight >= 1)) {
        throw new RangeError(`an open-loop schedule needs rate > 0, duration > 0 and max in flight \u2265 1, got ${plan.rate}/s, ${plan.durationMs} ms, ${plan.maxInFlight}`);
    }
    const scheduled = scheduledCount(plan);
    const intervalMs = 1000 / plan.rate;
    const start = clock.now();
    const running = new Set();
    let started = 0;
    let dropped = 0;
    let late = 0;
    for (let slot = 0; slot < scheduled; slot++) {
        signal?.throwIfAborted();
        const due = start + slot * intervalMs;
        const wait = due - clock.now();
        if (wait > 0)
            await clock.sleep(wait, signal);
        else if (-wait > intervalMs)
            late++;
        if (running.size >= plan.maxInFlight) {
            dropped++;
            continue;
        }
        started++;
        const request = fire(slot).finally(() => running.delete(request));
        running.add(request);
    }
    await Promise.all(running);
    return { scheduled, started, dropped, late, achievedRate: started / (plan.durationMs / 1000) };
}
/** Enough room for every request to use its whole timeout at the planned rate, plus one. */
function defaultMaxInFlight(rate, timeoutMs) {
    return Math.min(1000, Math.max(1, Math.ceil((rate * timeoutMs) / 1000) + 1));
}

;// CONCATENATED MODULE: ./src/analysis/probe-failures.ts

/** Distinct causes kept per side: a probe of unique errors (request ids in bodies) must not grow without bound. */
const keptCauses = 5;
/** Transport codes as a person reads them. */
const transportCauses = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'host not found (DNS lookup failed)',
    UND_ERR_SOCKET: 'connection closed before the answer',
    EHOSTUNREACH: 'host unreachable',
};
/**
 * Why probe requests failed, by cause, with counts: "error_rate = 1" alone does not say whether
 * the candidate is down, overloaded or misrouted. Causes are short and stable (the status and a
 * body excerpt, the transport code, the timeout) so that equal failures count together.
 */
class ProbeFailures {
    counts = new Map();
    others = 0;
    status(status, body) {
        const text = (0,client/* excerpt */.Kb)(body, 120);
        this.add(`HTTP ${status}${text ? `: "${text}"` : ''}`);
    }
    error(error, timeoutMs) {
        if (error instanceof client/* HttpTransportError */.Mz) {
            this.add(error.code === 'TIMEOUT' ? `timed out after ${timeoutMs} ms` : (transportCauses[error.code] ?? error.code));
            return;
        }
        this.add(error instanceof Error ? error.message : String(error));
    }
    dropped(count, maxInFlight) {
        if (count > 0)
            this.add(`not sent: ${maxInFlight} requests were still unanswered (max_in_flight)`, count);
    }
    add(cause, n = 1) {
        const count = this.counts.get(cause);
        if (count !== undefined)
            this.counts.set(cause, count + n);
        else if (this.counts.size < keptCauses)
            this.counts.set(cause, n);
        else
            this.others += n;
    }
    /** Cause \u2192 count, for the result object (JSON); causes past the first few are summed under "other causes". */
    byCause() {
        return Object.fromEntries([...this.counts, ...(this.others > 0 ? [['other causes', this.others]] : [])]);
    }
    /** "18 \u00d7 connection refused, 2 \u00d7 HTTP 503: "overloaded"", most frequent first; empty when nothing failed. */
    describe() {
        const listed = [...this.counts].sort(([, a], [, b]) => b - a).map(([cause, n]) => `${n} \u00d7 ${cause}`);
        if (this.others > 0)
            listed.push(`${this.others} \u00d7 other causes`);
        return listed.join(', ');
    }
}

;// CONCATENATED MODULE: ./src/analysis/http-probe.ts









/**
 * Probes the candidate (and, with stable_url, the stable version) directly and measures errors
 * and latency. Two modes: a fixed number of requests through `concurrency` workers (a closed
 * loop), or `rate` requests per second held for `duration` (an open loop; see runOpenLoop). No
 * retries: a probe measures what a user would see, and a retried failure is still a failure.
 * The limits are judged on the canary; the stable side is returned for the comparison.
 */
class HttpProbe {
    config;
    kind = 'http-probe';
    clock;
    send;
    constructor(config, deps = {}) {
        this.config = config;
        this.clock = deps.clock ?? clock/* systemClock */.m;
        this.send = deps.send ?? client/* sendOnce */.E4;
    }
    describe(variables) {
        const c = this.config;
        const load = c.rate !== undefined && c.duration !== undefined
            ? `send ${c.method} requests at ${c.rate}/s for ${c.duration / 1000} s (${scheduledCount({ rate: c.rate, durationMs: c.duration })} requests, at most ${this.maxInFlight()} unanswered)`
            : `send ${c.requests} ${c.method} requests (${c.concurrency} at a time)`;
        const canary = this.url(c.url, variables, 'canary');
        // A first release has no stable side (as run() knows): it is judged on the limits alone.
        const targets = !c.stable_url ? canary : variables.previousVersion === null ? `${canary} (no stable version to compare with: first release)` : `${canary} and the stable version at ${this.url(c.stable_url, variables, 'stable')}`;
        return `${load} to ${targets}; fail if error rate > ${c.limits.error_rate}${c.limits.latency_p95_ms ? ` or p95 latency > ${c.limits.latency_p95_ms} ms` : ''}`;
    }
    async run(variables, signal) {
        const c = this.config;
        const canaryUrl = this.url(c.url, variables, 'canary');
        // No previous version means nothing stable serves traffic yet: limits only, as judgeLook expects.
        const stableUrl = c.stable_url && variables.previousVersion !== null ? this.url(c.stable_url, variables, 'stable') : undefined;
        // Both sides at once, so they meet the same conditions (time of day, shared backends).
        const [canary, stable] = await Promise.all([this.probe(canaryUrl, signal), stableUrl ? this.probe(stableUrl, signal) : undefined]);
        signal?.throwIfAborted();
        const metrics = sideMetrics(canary, '');
        if (stable)
            Object.assign(metrics, sideMetrics(stable, 'stable/'));
        const checks = this.judge(canary, metrics);
        const observation = { canary: toObservation(canary), ...(stable ? { stable: toObservation(stable) } : {}) };
        return { provider: this.kind, passed: checks.every((check) => check.passed), metrics, checks, canary, ...(stable ? { stable } : {}), observation };
    }
    async probe(url, signal) {
        const c = this.config;
        const side = { url, requests: 0, errors: 0, dropped: 0, latenciesMs: [], causes: {}, causeSummary: '' };
        const failures = new ProbeFailures();
        const one = () => this.once(url, side, failures, signal);
        if (c.rate !== undefined && c.duration !== undefined) {
            const outcome = await runOpenLoop({ rate: c.rate, durationMs: c.duration, maxInFlight: this.maxInFlight() }, this.clock, one, signal);
            side.requests = outcome.scheduled;
            side.dropped = outcome.dropped;
            side.errors += outcome.dropped;
            side.achievedRate = outcome.achievedRate;
            side.late = outcome.late;
            failures.dropped(outcome.dropped, this.maxInFlight());
            if (outcome.dropped > 0) {
                const dropped = `${outcome.dropped} of ${outcome.scheduled} scheduled requests were not sent because ${this.maxInFlight()} were still unanswered (max_in_flight)`;
                side.firstError = side.firstError ? `${side.firstError}; ${dropped}` : dropped;
            }
        }
        else {
            side.requests = c.requests;
            const slots = (function* () {
                for (let i = 0; i < c.requests; i++)
                    yield i;
            })();
            await (0,pool/* runPool */.k)(slots, c.concurrency, one, signal);
        }
        side.causes = failures.byCause();
        side.causeSummary = failures.describe();
        return side;
    }
    /** One request; never rejects (an abort is rethrown by the caller's signal check). */
    async once(url, side, failures, signal) {
        const c = this.config;
        const body = c.body === undefined ? undefined : JSON.stringify(c.body);
        const headers = { ...(body ? { 'content-type': 'application/json' } : {}), ...c.headers };
        const started = this.clock.now();
        try {
            const res = await this.send({ method: c.method, url, headers, body, timeoutMs: c.timeout, signal });
            side.latenciesMs.push(this.clock.now() - started);
            if (res.status < 200 || res.status >= 300) {
                side.errors++;
                side.firstError ??= `HTTP ${res.status}`;
                failures.status(res.status, res.body);
            }
        }
        catch (error) {
            side.errors++;
            side.firstError ??= error instanceof Error ? error.message : String(error);
            // An abort is the run being cancelled, not a cause of the candidate's.
            if (!signal?.aborted)
                failures.error(error, c.timeout);
        }
    }
    judge(canary, metrics) {
        const c = this.config;
        const errorRate = canary.requests > 0 ? canary.errors / canary.requests : 0;
        const errorCheck = (0,thresholds/* judgeThreshold */.l)('error_rate', errorRate, { max: c.limits.error_rate });
        if (canary.causeSummary) {
            errorCheck.reason = `${errorCheck.reason} (${canary.errors} of ${canary.requests} requests failed: ${canary.causeSummary})`;
            errorCheck.inputs.causes = canary.causes;
        }
        if (canary.firstError)
            errorCheck.inputs.first_error = canary.firstError;
        if (canary.dropped > 0)
            errorCheck.inputs.dropped = canary.dropped;
        const checks = [errorCheck];
        if (c.limits.latency_p95_ms !== undefined) {
            const p95 = metrics['latency_ms/p95'];
            checks.push(p95 === undefined
                ? { rule: 'threshold', metric: 'latency_ms/p95', passed: false, warning: false, reason: `latency_ms/p95: none of the ${canary.requests} requests got an answer, so there is no latency to judge`, inputs: {} }
                : (0,thresholds/* judgeThreshold */.l)('latency_ms/p95', p95, { max: c.limits.latency_p95_ms }));
        }
        return checks;
    }
    maxInFlight() {
        const c = this.config;
        return c.max_in_flight ?? defaultMaxInFlight(c.rate ?? 1, c.timeout);
    }
    url(template, variables, side) {
        const stable = side === 'stable';
        const where = stable ? 'deploy.analysis.stable_url' : 'deploy.analysis.url';
        const values = {
            version: stable ? variables.previousVersion : variables.version,
            model: variables.model,
            previous_version: variables.previousVersion,
            environment: variables.environment,
            served_entity: (stable ? variables.stableServedEntity : variables.servedEntity) ?? null,
        };
        // fillTemplate writes an unknown value as "", which would probe the wrong URL.
        for (const [, name] of template.matchAll(/\{\{\s*([a-z_]+)\s*\}\}/g)) {
            if (name !== undefined && values[name] === null) {
                throw new errors/* InputError */.dz(`${where} uses {{${name}}}, which this release does not have (${name === 'served_entity' ? 'the deploy target names no served entity' : 'no previous version'}); remove it from the URL or use a target that provides it`);
            }
        }
        return (0,src_template/* fillTemplate */.ou)(template, values, where);
    }
}
/** requests, errors, error_rate, latency_ms/p50|p95|p99 (exact over the samples), and rate-mode counts. */
function sideMetrics(side, prefix) {
    const metrics = { [`${prefix}requests`]: side.requests, [`${prefix}errors`]: side.errors, [`${prefix}error_rate`]: side.requests > 0 ? side.errors / side.requests : 0 };
    const values = (0,interval/* percentiles */.FX)(side.latenciesMs, [0.5, 0.95, 0.99]);
    if (values)
        ['p50', 'p95', 'p99'].forEach((name, i) => (metrics[`${prefix}latency_ms/${name}`] = Math.round(values[i] * 10) / 10));
    if (side.achievedRate !== undefined) {
        metrics[`${prefix}achieved_rate`] = Math.round(side.achievedRate * 1000) / 1000;
        metrics[`${prefix}dropped`] = side.dropped;
    }
    return metrics;
}
function toObservation(side) {
    return { requests: side.requests, errors: side.errors, latenciesMs: side.latenciesMs, ...(side.causeSummary ? { errorCauses: side.causeSummary } : {}) };
}

// EXTERNAL MODULE: ./src/analysis/prometheus.ts + 1 modules
var prometheus = __webpack_require__(56266);
;// CONCATENATED MODULE: ./src/analysis/providers.ts




/** The one place analysis providers are chosen. */
function createAnalysis(config, deps) {
    switch (config.provider) {
        case 'http-probe':
            return new HttpProbe(config, { clock: deps.clock });
        case 'prometheus':
            return new prometheus/* PrometheusAnalysis */.jc(config, deps);
        case 'databricks-metrics': {
            let workspace;
            try {
                workspace = deps.databricks();
            }
            catch (error) {
                if (error instanceof errors/* ConfigError */.xL)
                    throw new errors/* ConfigError */.xL(`deploy.analysis.provider databricks-metrics needs a Databricks workspace: ${error.message}`);
                throw error;
            }
            return new DatabricksMetricsAnalysis(config, { host: workspace.host, credentials: workspace.credentials, clock: deps.clock, logger: deps.logger });
        }
    }
}


/***/ }),

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


/***/ })

} })
