'use strict';
({ id: 258, ids: [258], modules: {

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

/***/ 2882:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BQ: () => (/* binding */ statePath),
/* harmony export */   D6: () => (/* binding */ loadRolloutState),
/* harmony export */   FL: () => (/* binding */ succeededFromTags),
/* harmony export */   Gg: () => (/* binding */ RolloutRecorder),
/* harmony export */   Q5: () => (/* binding */ freshState),
/* harmony export */   RI: () => (/* binding */ unfinishedFromTags)
/* harmony export */ });
/* unused harmony exports failureKinds, rolloutStatuses, sideNumbersSchema, lookRecordSchema, stepRecordSchema, rolloutStateSchema, rolloutTagKeys, stepFromTag */
/* harmony import */ var _fs_async__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7253);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(2857);
/* harmony import */ var _contract_json_file__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7637);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3916);
/* harmony import */ var _registry_local__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4036);
/* harmony import */ var _registry_tags__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7906);
/* harmony import */ var _config_zod_helpers__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3595);
/**
 * A rollout's explicit state, written after every transition: to a JSON file under artifacts_dir
 * (atomically: temp file + rename, so a crash leaves the previous state or the new one) and, in
 * brief, as tags on the version, so a re-run on another runner knows the step and the status even
 * without the file. The file holds what tags cannot: the target's snapshot and the judgements.
 */








/** What ended a rollout; earlier-run: only version tags say a rollback was under way, not why. */
const failureKinds = ['deploy', 'analysis', 'cancelled', 'earlier-run'];
const rolloutStatuses = ['in_progress', 'rolling_back', 'succeeded', 'rolled_back'];
const metricJudgement = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_6__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_7__/* .object */ .Ikc({
    metric: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP(),
    kind: zod__WEBPACK_IMPORTED_MODULE_7__/* ["enum"] */ .k5n(['limit', 'comparison']),
    verdict: zod__WEBPACK_IMPORTED_MODULE_7__/* ["enum"] */ .k5n(['pass', 'fail', 'inconclusive']),
    reason: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP(),
    pValue: zod__WEBPACK_IMPORTED_MODULE_7__/* .number */ .aig().optional(),
    alpha: zod__WEBPACK_IMPORTED_MODULE_7__/* .number */ .aig().optional(),
}));
/** One side's numbers at a look, for the rollout chart; null where the provider did not measure it. */
const sideNumbersSchema = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_6__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_7__/* .object */ .Ikc({
    requests: zod__WEBPACK_IMPORTED_MODULE_7__/* .number */ .aig().min(0).nullable(),
    errorRate: zod__WEBPACK_IMPORTED_MODULE_7__/* .number */ .aig().min(0).max(1).nullable(),
    p95Ms: zod__WEBPACK_IMPORTED_MODULE_7__/* .number */ .aig().min(0).nullable(),
}));
/** What one look at a step saw (the step's bake, or one of its extensions). */
const lookRecordSchema = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_6__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_7__/* .object */ .Ikc({
    extension: zod__WEBPACK_IMPORTED_MODULE_7__/* .number */ .aig().int().min(0),
    at: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP(),
    verdict: zod__WEBPACK_IMPORTED_MODULE_7__/* ["enum"] */ .k5n(['pass', 'fail', 'inconclusive', 'skipped']),
    candidate: sideNumbersSchema.nullable(),
    stable: sideNumbersSchema.nullable(),
}));
const stepRecordSchema = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_6__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_7__/* .object */ .Ikc({
    /** 1-based, as shown to people. */
    index: zod__WEBPACK_IMPORTED_MODULE_7__/* .number */ .aig().int().min(1),
    weight: zod__WEBPACK_IMPORTED_MODULE_7__/* .number */ .aig().min(0).max(100),
    status: zod__WEBPACK_IMPORTED_MODULE_7__/* ["enum"] */ .k5n(['pending', 'deploying', 'baking', 'passed', 'failed']),
    /** pass / fail / inconclusive from the judgement; skipped: nothing analysed this step. */
    verdict: zod__WEBPACK_IMPORTED_MODULE_7__/* ["enum"] */ .k5n(['pass', 'fail', 'inconclusive', 'skipped']).nullable(),
    reasons: zod__WEBPACK_IMPORTED_MODULE_7__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP()),
    startedAt: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP().nullable(),
    finishedAt: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP().nullable(),
    /** Bake extensions used (inconclusive looks). */
    extensions: zod__WEBPACK_IMPORTED_MODULE_7__/* .number */ .aig().int().min(0),
    /** Each look's numbers, for the chart; absent in state files written before looks were kept. */
    looks: zod__WEBPACK_IMPORTED_MODULE_7__/* .array */ .YOg(lookRecordSchema).default([]),
}));
const rolloutStateSchema = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_6__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_7__/* .object */ .Ikc({
    schema: zod__WEBPACK_IMPORTED_MODULE_7__/* .literal */ .euz('agent-release/rollout@1'),
    model: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP(),
    version: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP(),
    previousVersion: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP().nullable(),
    environment: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP(),
    alias: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP(),
    strategy: zod__WEBPACK_IMPORTED_MODULE_7__/* ["enum"] */ .k5n(['all-at-once', 'canary', 'blue-green']),
    bakeMs: zod__WEBPACK_IMPORTED_MODULE_7__/* .number */ .aig().min(0),
    status: zod__WEBPACK_IMPORTED_MODULE_7__/* ["enum"] */ .k5n(rolloutStatuses),
    /** 0-based index of the step in progress (or last reached). */
    currentStep: zod__WEBPACK_IMPORTED_MODULE_7__/* .number */ .aig().int().min(0),
    steps: zod__WEBPACK_IMPORTED_MODULE_7__/* .array */ .YOg(stepRecordSchema).min(1),
    startedAt: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP(),
    updatedAt: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP(),
    snapshot: zod__WEBPACK_IMPORTED_MODULE_7__/* .object */ .Ikc({ kind: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP(), takenAt: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP(), state: zod__WEBPACK_IMPORTED_MODULE_7__/* .unknown */ .L5J() }).nullable(),
    /** The current step's judgements so far: passed comparisons are carried, not retested (see judgement.ts). */
    decidedEarlierInStep: zod__WEBPACK_IMPORTED_MODULE_7__/* .array */ .YOg(metricJudgement),
    failure: zod__WEBPACK_IMPORTED_MODULE_7__/* .object */ .Ikc({ step: zod__WEBPACK_IMPORTED_MODULE_7__/* ["enum"] */ .k5n(failureKinds), stepIndex: zod__WEBPACK_IMPORTED_MODULE_7__/* .number */ .aig().int().min(1), weight: zod__WEBPACK_IMPORTED_MODULE_7__/* .number */ .aig(), reason: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP() }).nullable(),
    deploymentId: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP().nullable(),
    endpointUrl: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP().nullable(),
    skipAnalysis: zod__WEBPACK_IMPORTED_MODULE_7__/* .boolean */ .zMY(),
}));
/** Version tags besides tagKeys.deployStatus: the step reached, e.g. "2/3 50%". */
const rolloutTagKeys = {
    step: (environment) => `agent_release.deploy.${environment}.step`,
};
/** The status tag's value for each state: 'deployed' and 'rolled_back' as `rollback` and earlier releases write them. */
const statusTag = { in_progress: 'in_progress', rolling_back: 'rolling_back', succeeded: 'deployed', rolled_back: 'rolled_back' };
function statePath(artifactsRoot, model, environment) {
    const safe = (name) => name.replace(/[^\w.-]+/g, '_');
    return [artifactsRoot, safe(model), 'rollouts', `${safe(environment)}.json`].join((node_path__WEBPACK_IMPORTED_MODULE_1___default().sep));
}
async function loadRolloutState(file) {
    const json = await (0,_contract_json_file__WEBPACK_IMPORTED_MODULE_2__/* .readJsonIfExists */ .W)(file, () => `${file}: the rollout state is not JSON; it was written by an interrupted or foreign process. Inspect it, then delete it to start the rollout afresh`);
    if (json === undefined)
        return undefined;
    const parsed = rolloutStateSchema.safeParse(json);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new _errors__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(`${file}: not an agent-release rollout state (${issue ? `${issue.path.join('.') || 'root'}: ${issue.message}` : 'invalid'}); delete it to start the rollout afresh`);
    }
    return parsed.data;
}
/**
 * Persists a transition: the file first (it is what a resume reads), then the tags. The tags are
 * a courtesy to other runners, so failing to write them only warns: a registry hiccup must not
 * stop a failing step from being rolled back.
 */
class RolloutRecorder {
    file;
    registry;
    writeTags;
    now;
    logger;
    constructor(file, registry, writeTags, now, 
    /** Where a failed tag write is reported; without one it throws. */
    logger) {
        this.file = file;
        this.registry = registry;
        this.writeTags = writeTags;
        this.now = now;
        this.logger = logger;
    }
    async save(state) {
        state.updatedAt = this.now();
        await (0,_fs_async__WEBPACK_IMPORTED_MODULE_0__/* .mkdir */ .Ck)(node_path__WEBPACK_IMPORTED_MODULE_1___default().dirname(this.file), { recursive: true });
        await (0,_registry_local__WEBPACK_IMPORTED_MODULE_4__/* .writeAtomically */ .v)(this.file, `${JSON.stringify(state, null, 2)}\n`);
        if (!this.writeTags)
            return;
        const step = state.steps[state.currentStep];
        const tags = {
            [_registry_tags__WEBPACK_IMPORTED_MODULE_5__/* .tagKeys */ .bi.deployStatus(state.environment)]: statusTag[state.status],
            [_registry_tags__WEBPACK_IMPORTED_MODULE_5__/* .tagKeys */ .bi.deployedAt(state.environment)]: state.updatedAt,
            [rolloutTagKeys.step(state.environment)]: `${state.currentStep + 1}/${state.steps.length} ${step?.weight ?? 100}%`,
        };
        try {
            await this.registry.setVersionTags(state.model, state.version, tags);
        }
        catch (error) {
            if (!this.logger)
                throw error;
            this.logger.warn(`could not tag ${state.model} version ${state.version} with its rollout status (${statusTag[state.status]} at step ${state.currentStep + 1} of ${state.steps.length}): ${(0,_errors__WEBPACK_IMPORTED_MODULE_3__/* .messageOf */ .bD)(error)}; ${this.file} still records it, but a runner without that file will not see it`);
        }
    }
}
/**
 * Where the version's tags (state_tags) record that its rollout to the environment finished
 * since its latest promotion: a re-run on a fresh runner, without the state file, must not put
 * it through the canary again.
 */
function succeededFromTags(tags, rollout) {
    if (tags[_registry_tags__WEBPACK_IMPORTED_MODULE_5__/* .tagKeys */ .bi.deployStatus(rollout.environment)] !== statusTag.succeeded)
        return undefined;
    const at = tags[_registry_tags__WEBPACK_IMPORTED_MODULE_5__/* .tagKeys */ .bi.deployedAt(rollout.environment)] ?? '';
    const promotedAt = tags[_registry_tags__WEBPACK_IMPORTED_MODULE_5__/* .tagKeys */ .bi.promotionStartedAt(rollout.alias)] ?? tags[_registry_tags__WEBPACK_IMPORTED_MODULE_5__/* .tagKeys */ .bi.promotedAt(rollout.alias)] ?? '';
    return at >= promotedAt ? at : undefined;
}
/** Reads the step tag back ("2/3 50%" -> 1, 0-based); undefined when absent or unreadable. */
function stepFromTag(value, stepCount) {
    const match = /^(\d+)\/(\d+) /.exec(value ?? '');
    if (!match || Number(match[2]) !== stepCount)
        return undefined;
    const index = Number(match[1]) - 1;
    return index >= 0 && index < stepCount ? index : undefined;
}
function freshState(o) {
    return {
        schema: 'agent-release/rollout@1',
        model: o.model,
        version: o.version,
        previousVersion: o.previousVersion,
        environment: o.environment,
        alias: o.alias,
        strategy: o.strategy,
        bakeMs: o.bakeMs,
        status: 'in_progress',
        currentStep: 0,
        steps: o.weights.map((weight, i) => ({ index: i + 1, weight, status: 'pending', verdict: null, reasons: [], startedAt: null, finishedAt: null, extensions: 0, looks: [] })),
        startedAt: o.at,
        updatedAt: o.at,
        snapshot: null,
        decidedEarlierInStep: [],
        failure: null,
        deploymentId: null,
        endpointUrl: null,
        skipAnalysis: o.skipAnalysis,
    };
}
/**
 * A rollout another runner left unfinished, known only from the version's tags (no state file
 * here): the step it reached and whether it was rolling back. Tags older than the version's
 * latest promotion belong to an earlier release and are ignored. There is no snapshot, so a
 * rollback restores the previous version as the target knows it.
 */
function unfinishedFromTags(tags, rollout) {
    const status = tags[_registry_tags__WEBPACK_IMPORTED_MODULE_5__/* .tagKeys */ .bi.deployStatus(rollout.environment)];
    if (status !== 'in_progress' && status !== 'rolling_back')
        return undefined;
    const at = tags[_registry_tags__WEBPACK_IMPORTED_MODULE_5__/* .tagKeys */ .bi.deployedAt(rollout.environment)] ?? '';
    const promotedAt = tags[_registry_tags__WEBPACK_IMPORTED_MODULE_5__/* .tagKeys */ .bi.promotionStartedAt(rollout.alias)] ?? tags[_registry_tags__WEBPACK_IMPORTED_MODULE_5__/* .tagKeys */ .bi.promotedAt(rollout.alias)] ?? '';
    if (at < promotedAt)
        return undefined;
    const index = stepFromTag(tags[rolloutTagKeys.step(rollout.environment)], rollout.weights.length);
    if (index === undefined)
        return undefined;
    const state = freshState(rollout);
    state.currentStep = index;
    for (const step of state.steps.slice(0, index))
        step.status = 'passed';
    if (status === 'rolling_back') {
        state.status = 'rolling_back';
        const weight = state.steps[index]?.weight ?? 100;
        state.failure = { step: 'earlier-run', stepIndex: index + 1, weight, reason: `an earlier run was rolling back at step ${index + 1} of ${state.steps.length} (${weight}%), as the version's tags record; finishing that rollback` };
    }
    return { state, source: `the tags of version ${rollout.version}` };
}


/***/ }),

/***/ 8258:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  deploy: () => (/* binding */ deploy)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/charts/latency.ts
var latency = __webpack_require__(523);
// EXTERNAL MODULE: ./src/charts/rollout.ts
var rollout = __webpack_require__(6151);
// EXTERNAL MODULE: ./src/errors.ts
var src_errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/http/errors.ts
var errors = __webpack_require__(8549);
;// CONCATENATED MODULE: ./src/deploy/rollout.ts


const defaultCanarySteps = [10, 50, 100];
const defaultProgressiveBakeMs = 300_000;
/** The least wait before looking again at a step whose metrics source was away: a restart takes tens of seconds. */
const analysisErrorWaitMs = 30_000;
/** The candidate's traffic after each step. */
function rolloutWeights(config, skipAnalysis) {
    if (skipAnalysis)
        return [100];
    switch (config.strategy) {
        case 'all-at-once':
            return [100];
        case 'canary':
            return [...(config.steps ?? defaultCanarySteps)];
        case 'blue-green':
            return [0, 100];
    }
}
function bakeMs(config, skipAnalysis) {
    if (skipAnalysis)
        return 0;
    return config.bake ?? (config.strategy === 'all-at-once' ? 0 : defaultProgressiveBakeMs);
}
function stepLabel(state, index) {
    const weight = state.steps[index]?.weight ?? 100;
    const what = state.strategy === 'blue-green' ? (weight === 0 ? 'candidate beside the stable at 0%' : 'switch to the candidate at 100%') : `${weight}%`;
    return `step ${index + 1} of ${state.steps.length} (${what})`;
}
async function runRollout(state, deps) {
    const { target, clock, logger, recorder, signal } = deps;
    const iso = () => new Date(clock.now()).toISOString();
    for (let index = state.currentStep; index < state.steps.length; index++) {
        const step = state.steps[index];
        if (!step || step.status === 'passed')
            continue;
        const label = stepLabel(state, index);
        const resumingBake = state.currentStep === index && step.status === 'baking';
        if (state.currentStep !== index)
            state.decidedEarlierInStep = [];
        state.currentStep = index;
        // A single-step rollout's reasons need no "step 1 of 1".
        const where = (reason) => (state.steps.length > 1 ? `${label}: ${reason}` : reason);
        const fail = async (kind, reason) => {
            step.status = 'failed';
            step.finishedAt = iso();
            if (!step.reasons.includes(reason))
                step.reasons.push(reason);
            state.failure = { step: kind, stepIndex: index + 1, weight: step.weight, reason };
            state.status = 'rolling_back';
            await recorder.save(state);
            return { ok: false, failure: state.failure };
        };
        if (signal?.aborted)
            return fail('cancelled', cancelled(signal, `before ${label}`));
        step.status = 'deploying';
        step.startedAt = iso();
        if (!resumingBake) {
            step.extensions = 0;
            step.reasons = [];
            step.verdict = null;
        }
        await recorder.save(state);
        await report(deps, `${label}: deploying`);
        const request = { model: state.model, version: state.version, previousVersion: state.previousVersion, traffic: step.weight, environment: state.environment, ...(state.steps.length > 1 ? { step: { index: index + 1, count: state.steps.length } } : {}), ...(signal ? { signal } : {}) };
        try {
            const receipt = await logger.group(`${label}: ${target.describeDeploy(request)}`, () => target.deploy(request));
            state.deploymentId = receipt.deploymentId;
            state.endpointUrl = receipt.endpointUrl ?? state.endpointUrl;
        }
        catch (error) {
            return fail('deploy', where((0,src_errors/* messageOf */.bD)(error)));
        }
        let servedEntity = null;
        let stableServedEntity = null;
        try {
            const served = target.servedEntities ? await target.servedEntities(request) : undefined;
            servedEntity = served?.candidate?.name ?? null;
            stableServedEntity = served?.stable?.name ?? null;
        }
        catch (error) {
            return fail('deploy', where(`the target could not say where the candidate is served: ${(0,src_errors/* messageOf */.bD)(error)}`));
        }
        step.status = 'baking';
        await recorder.save(state);
        const stepStarted = clock.now();
        let analysisErrors = 0;
        for (;;) {
            if (state.bakeMs > 0) {
                await report(deps, `${label}: baking ${formatMs(state.bakeMs)}${step.extensions > 0 ? ` (extension ${step.extensions})` : ''}`);
                try {
                    await clock.sleep(state.bakeMs, signal);
                }
                catch (error) {
                    if (signal?.aborted)
                        return fail('cancelled', cancelled(signal, `during the bake of ${label}`));
                    throw error;
                }
            }
            if (signal?.aborted)
                return fail('cancelled', cancelled(signal, `during ${label}`));
            let look;
            try {
                look = await logger.group(`${label}: analysis`, () => deps.analyse({ step: index, weight: step.weight, extension: step.extensions, decidedEarlierInStep: state.decidedEarlierInStep, windowMs: clock.now() - stepStarted, servedEntity, stableServedEntity }, signal));
            }
            catch (error) {
                if (signal?.aborted)
                    return fail('cancelled', cancelled(signal, `during the analysis of ${label}`));
                const limit = deps.analysisErrorLimit ?? 0;
                const inARow = analysisErrors > 0 ? ` (${analysisErrors + 1} looks in a row)` : '';
                if (!(0,errors/* isTransientFailure */.Ri)(error) || analysisErrors >= limit)
                    return fail('analysis', where(`the analysis could not run${inARow}: ${(0,src_errors/* messageOf */.bD)(error)}`));
                analysisErrors++;
                const extraWaitMs = Math.max(0, analysisErrorWaitMs - state.bakeMs);
                const reason = `the analysis could not run (${analysisErrors} of ${limit} allowed in a row): ${(0,src_errors/* messageOf */.bD)(error)}; looking again in ${formatMs(state.bakeMs + extraWaitMs)}`;
                step.reasons.push(reason);
                logger.warn(`${label}: ${reason}`);
                await recorder.save(state);
                try {
                    await clock.sleep(extraWaitMs, signal);
                }
                catch (sleepError) {
                    if (signal?.aborted)
                        return fail('cancelled', cancelled(signal, `while waiting to analyse ${label} again`));
                    throw sleepError;
                }
                continue;
            }
            analysisErrors = 0;
            step.verdict = look.verdict;
            step.reasons.push(look.reason);
            if (look.sides)
                recordLook(step.looks, { extension: step.extensions, at: iso(), verdict: look.verdict, ...look.sides });
            state.decidedEarlierInStep = look.judgements;
            logger.info(`${label}: ${look.reason}`);
            // The judgement's own reason already names the step.
            if (look.action === 'rollback')
                return fail('analysis', look.judgements.length > 0 ? look.reason : where(look.reason));
            if (look.action === 'continue')
                break;
            step.extensions++;
            await recorder.save(state);
        }
        step.status = 'passed';
        step.finishedAt = iso();
        await recorder.save(state);
    }
    state.status = 'succeeded';
    await recorder.save(state);
    return { ok: true };
}
/** Looks kept per step: the first and the latest, so a long run of bake extensions cannot grow the state file without bound. */
const looksPerStep = 12;
function recordLook(looks, look) {
    if (looks.length >= looksPerStep)
        looks.splice(1, 1);
    looks.push(look);
}
function cancelled(signal, when) {
    const reason = signal.reason;
    const why = reason instanceof Error ? reason.message : typeof reason === 'string' ? reason : 'the run was cancelled';
    return `cancelled ${when} (${why})`;
}
async function report(deps, description) {
    deps.logger.info(description);
    if (!deps.reporter)
        return;
    try {
        await deps.reporter.progress(description);
    }
    catch (error) {
        deps.logger.warn(`could not report "${description}" to the deployment: ${(0,src_errors/* messageOf */.bD)(error)}`);
    }
}
function formatMs(ms) {
    if (ms % 3_600_000 === 0)
        return `${ms / 3_600_000}h`;
    if (ms % 60_000 === 0)
        return `${ms / 60_000}m`;
    if (ms % 1000 === 0)
        return `${ms / 1000}s`;
    return `${ms}ms`;
}

// EXTERNAL MODULE: ./src/analysis/prometheus-text.ts
var prometheus_text = __webpack_require__(9146);
// EXTERNAL MODULE: ./src/analysis/promql.ts
var promql = __webpack_require__(1731);
;// CONCATENATED MODULE: ./src/analysis/canary-observation.ts
/**
 * Per-version observations for the canary judgement, from Prometheus: the same queries run once
 * for the candidate and once for the stable version ({{version}} filled with each), over the
 * traffic of the current step ({{window}} = time since the step began).
 *
 * Latency. Prometheus keeps a histogram, not per-request latencies, so the Mann-Whitney comparison
 * gets an approximation: each bucket's requests expanded to the bucket's midpoint ((lower + upper)
 * / 2; the lowest bucket's lower bound is 0; requests above the highest finite bound are placed ON
 * that bound, an underestimate). Requests in one bucket are then ties, which the test's tie
 * correction handles; a shift smaller than a bucket cannot be seen. The p95 for the absolute
 * limit is interpolated inside its bucket as histogram_quantile() does.
 */



class CanaryObservations {
    queries;
    client;
    constructor(queries, client) {
        this.queries = queries;
        this.client = client;
    }
    describe(look) {
        const what = ['requests', 'errors', ...(this.queries.latency_histogram ? ['latency histogram'] : [])].join(', ');
        return `query Prometheus at ${this.client.displayUrl} for ${what} of version ${look.candidate}${look.stable ? ` and of the stable version ${look.stable}` : ''} since the step began`;
    }
    /**
     * The queries run once for the candidate before deploy changes anything, as the provider's own
     * are (PrometheusAnalysis.preflight): a query Prometheus cannot parse, or a Prometheus it cannot
     * reach, is named then, not after a bake. No series yet is fine.
     */
    async preflight(look) {
        try {
            await this.observe({ ...look, stable: null, windowMs: 0 });
            return { problems: [], checks: [`Prometheus at ${this.client.displayUrl} answers the canary queries`] };
        }
        catch (error) {
            return { problems: [`deploy.analysis.canary: ${error instanceof Error ? error.message : String(error)}`], checks: [] };
        }
    }
    /**
     * The counts per side, and a note when the requests query returned no series: read as 0, it
     * holds the step as inconclusive, and a misspelt query would look like a canary nobody uses.
     * The errors query is not noted: an error counter has no series for a version that never failed.
     */
    async observe(look, signal) {
        const window = `${Math.max(1, Math.ceil(Math.max(look.windowMs, this.queries.min_window) / 1000))}s`;
        const notes = [];
        const side = (version) => this.side({ version, window, model: look.model, environment: look.environment }, notes, signal);
        const [canary, stable] = await Promise.all([side(look.candidate), look.stable === null ? undefined : side(look.stable)]);
        return { observation: stable ? { canary, stable } : { canary }, notes };
    }
    async side(variables, notes, signal) {
        const scalar = async (name) => {
            const result = await this.client.queryScalar(this.render(name, variables), { signal, purpose: `deploy.analysis.canary.${name} for version ${variables.version}` });
            // No series means the version served nothing in the window: zero requests, judged inconclusive, never a pass.
            if (result.value !== undefined && !Number.isNaN(result.value))
                return Math.round(result.value);
            if (name === 'requests')
                notes.push(`deploy.analysis.canary.requests returned no series for version ${variables.version} (read as 0 requests; check the query if that version serves traffic)`);
            return 0;
        };
        const [requests, errors] = await Promise.all([scalar('requests'), scalar('errors')]);
        const observation = { requests, errors: Math.min(errors, requests) };
        if (this.queries.latency_histogram) {
            const { series } = await this.client.queryVector(this.render('latency_histogram', variables), { signal, purpose: `deploy.analysis.canary.latency_histogram for version ${variables.version}` });
            const unitMs = this.queries.latency_unit === 'seconds' ? 1000 : 1;
            const buckets = series.map((s) => {
                const le = s.labels.le;
                if (le === undefined)
                    throw new src_errors/* InputError */.dz(`deploy.analysis.canary.latency_histogram for version ${variables.version} returned a series without an "le" label; aggregate with sum by (le) (...)`);
                return { le: le === '+Inf' ? Infinity : Number(le) * unitMs, count: s.value };
            });
            const latency = histogramLatencies(buckets, this.queries.max_latency_samples);
            if (latency.samples.length > 0)
                observation.latenciesMs = latency.samples;
            if (latency.p95Ms !== undefined)
                observation.latencyP95Ms = latency.p95Ms;
        }
        return observation;
    }
    render(name, variables) {
        const rendered = (0,promql/* renderPromql */.Kx)(this.queries[name], variables, `deploy.analysis.canary.${name}`);
        if ('unavailable' in rendered)
            throw new src_errors/* InputError */.dz(`deploy.analysis.canary.${name} uses ${rendered.unavailable.join(', ')}, which has no value here`);
        return rendered.query;
    }
}
/** Samples at bucket midpoints (see the header) and an interpolated p95, from cumulative buckets. */
function histogramLatencies(buckets, maxSamples) {
    const sorted = [...buckets].filter((b) => !Number.isNaN(b.le) && Number.isFinite(b.count)).sort((a, b) => a.le - b.le);
    // increase() extrapolates, so counts are fractional and, across buckets, may dip; keep them cumulative.
    let running = 0;
    const cumulative = sorted.map((b) => ({ le: b.le, count: (running = Math.max(running, Math.round(b.count))) }));
    const total = cumulative.at(-1)?.count ?? 0;
    if (total === 0)
        return { samples: [], p95Ms: undefined };
    const lastFinite = [...cumulative].reverse().find((b) => Number.isFinite(b.le))?.le ?? 0;
    const scale = total > maxSamples ? maxSamples / total : 1;
    const samples = [];
    let lower = 0;
    let before = 0;
    for (const bucket of cumulative) {
        const inBucket = Math.round((bucket.count - before) * scale);
        const at = Number.isFinite(bucket.le) ? (lower + bucket.le) / 2 : lastFinite;
        for (let i = 0; i < inBucket; i++)
            samples.push(at);
        before = bucket.count;
        if (Number.isFinite(bucket.le))
            lower = bucket.le;
    }
    // Sorted and made cumulative above, so a bound two series spell differently ("1", "1.0") keeps its larger count.
    return { samples, p95Ms: (0,prometheus_text/* histogramQuantile */.EV)(new Map(cumulative.map((b) => [b.le, b.count])), 0.95) };
}

// EXTERNAL MODULE: ./src/stats/interval.ts
var interval = __webpack_require__(6966);
// EXTERNAL MODULE: ./src/stats/readable.ts
var readable = __webpack_require__(7919);
;// CONCATENATED MODULE: ./src/stats/mann-whitney.ts
/**
 * Mann-Whitney U for latency: is the canary slower than the stable version by more than an
 * allowed margin? Rank-based, so no normality assumption for long-tailed latencies, and
 * invariant to monotone transforms, which is what makes a ratio margin exact (see `shiftBack`).
 *
 * p-values are one-sided, alternative "canary tends to be slower":
 *   exact   no ties and n1\u00b7n2 \u2264 EXACT_LIMIT (covers 20 \u00d7 20): the null distribution of U counted
 *           exactly (coefficients of the Gaussian binomial [n1+n2 choose n1]_q);
 *   normal  otherwise: the normal approximation with the tie-corrected variance and a continuity
 *           correction, as scipy.stats.mannwhitneyu(method='asymptotic') and R's wilcox.test do.
 *           With ties the exact table above does not apply (it assumes distinct values); small
 *           samples with ties are rare for ms latencies and then fall back to normal too.
 *
 * Why hand-written: the npm candidates do not fit. simple-statistics has no U test (only a rank
 * sum) and a table-based normal CDF with ~1e-4 absolute error, too coarse for p \u2248 1e-3;
 * jstat has no U test; @stdlib's normal CDF pulls in a tree of packages for ~15 lines of erfc.
 */
/** Largest n1\u00b7n2 for which the exact distribution is used; its counts stay far below 2^53 (C(40, 20) \u2248 1.4e11). */
const EXACT_LIMIT = 400;
function mannWhitneyCanarySlower(canary, stable, options = {}) {
    checkSample(canary, 'the canary');
    checkSample(stable, 'the stable version');
    const margin = options.margin ?? { ms: 0 };
    checkMargin(margin);
    // Sorted once: taking the margin off keeps the order, so every statistic below reads these.
    const x = Float64Array.from(canary).sort();
    const y = Float64Array.from(stable).sort();
    const raw = uOfSorted(x, y);
    const noMargin = 'ms' in margin ? margin.ms === 0 : margin.ratio === 0;
    const { u, tieTerm } = noMargin ? raw : uOfSorted(x.map((value) => shiftBack(value, margin)), y);
    const n1 = x.length;
    const n2 = y.length;
    const ties = tieTerm > 0;
    const exact = !ties && n1 * n2 <= EXACT_LIMIT;
    return {
        u,
        n: { canary: n1, stable: n2 },
        pValue: exact ? exactUpperTail(u, n1, n2) : normalUpperTailOfU(u, n1, n2, tieTerm),
        method: exact ? 'exact' : 'normal',
        ties,
        probabilityOfSuperiority: raw.u / (n1 * n2),
        hodgesLehmannShift: medianDifferenceOfSorted(x, y),
    };
}
/**
 * "Slower by more than 10%" is canary > 1.1 \u00b7 stable, i.e. canary / 1.1 > stable; U compares
 * orders only, so dividing is exact where subtracting a fixed ms would not be.
 */
function shiftBack(value, margin) {
    return 'ms' in margin ? value - margin.ms : value / (1 + margin.ratio);
}
/** U of `first` by midranks, and \u03a3(t\u00b3 \u2212 t) over tie groups for the variance correction; a merge of the two sorted samples. */
function uStatistic(first, second) {
    return uOfSorted(Float64Array.from(first).sort(), Float64Array.from(second).sort());
}
function uOfSorted(x, y) {
    let i = 0;
    let j = 0;
    let ranked = 0;
    let rankSum = 0;
    let tieTerm = 0;
    while (i < x.length || j < y.length) {
        const value = Math.min(x[i] ?? Infinity, y[j] ?? Infinity);
        const iStart = i;
        const jStart = j;
        while (i < x.length && x[i] === value)
            i++;
        while (j < y.length && y[j] === value)
            j++;
        const size = i - iStart + (j - jStart);
        if (size > 1)
            tieTerm += size ** 3 - size;
        rankSum += (i - iStart) * (ranked + (size + 1) / 2);
        ranked += size;
    }
    return { u: rankSum - (x.length * (x.length + 1)) / 2, tieTerm };
}
/** P(U \u2265 u) under "same distribution", no ties: (ways to reach \u2265 u) / C(n1 + n2, n1). */
function exactUpperTail(u, n1, n2) {
    const counts = exactCounts(n1, n2);
    let tail = 0;
    let total = 0;
    counts.forEach((count, value) => {
        total += count;
        if (value >= u)
            tail += count;
    });
    return Math.min(1, tail / total);
}
/**
 * counts[k] = number of orderings of n1 + n2 distinct values in which U = k: the coefficients of
 * \u220f_{i=1..n1} (1 \u2212 q^{n2+i}) / (1 \u2212 q^i). Multiplying by (1 \u2212 q^m) is a shifted subtraction,
 * dividing by (1 \u2212 q^i) a running sum with stride i; every intermediate is an exact integer.
 */
function exactCounts(n1, n2) {
    const top = n1 * n2;
    const counts = new Float64Array(top + 1);
    counts[0] = 1;
    for (let i = 1; i <= n1; i++) {
        const power = n2 + i;
        for (let k = top; k >= power; k--)
            counts[k] = counts[k] - counts[k - power];
        for (let k = i; k <= top; k++)
            counts[k] = counts[k] + counts[k - i];
    }
    return counts;
}
function normalUpperTailOfU(u, n1, n2, tieTerm) {
    const n = n1 + n2;
    const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
    const excess = u - (n1 * n2) / 2 - 0.5;
    // Every value tied: U sits at its mean, there is no evidence either way.
    if (!(variance > 0))
        return excess >= 0 ? 0 : 1;
    return normalUpperTail(excess / Math.sqrt(variance));
}
/**
 * Median of the n1\u00b7n2 differences canary \u2212 stable, found without listing them: bisection on the
 * value with an O(n1 + n2) count of the differences at or below it (both samples sorted), so
 * 10,000 \u00d7 10,000 samples cost ~ 20 passes, not 10^8 differences. The result is one of the
 * differences, within a millionth of their range of the exact median (a few \u00b5s for ms latencies).
 */
function hodgesLehmannShift(canary, stable) {
    checkSample(canary, 'the canary');
    checkSample(stable, 'the stable version');
    return medianDifferenceOfSorted(Float64Array.from(canary).sort(), Float64Array.from(stable).sort());
}
function medianDifferenceOfSorted(x, y) {
    const total = x.length * y.length;
    const lower = kthDifference(x, y, Math.floor((total + 1) / 2));
    return total % 2 === 1 ? lower : (lower + kthDifference(x, y, total / 2 + 1)) / 2;
}
function kthDifference(x, y, k) {
    let low = x[0] - y[y.length - 1];
    let high = x[x.length - 1] - y[0];
    if (countAtOrBelow(x, y, low) >= k)
        return low;
    const tolerance = (high - low) * 1e-6;
    while (high - low > tolerance) {
        const middle = low + (high - low) / 2;
        if (middle === low || middle === high)
            break;
        if (countAtOrBelow(x, y, middle) >= k)
            high = middle;
        else
            low = middle;
    }
    return largestDifferenceAtOrBelow(x, y, high);
}
/** #{(i, j): x_i \u2212 y_j \u2264 d}. As x_i grows, the smallest y_j that qualifies can only move up. */
function countAtOrBelow(x, y, d) {
    let count = 0;
    let j = 0;
    for (const xi of x) {
        while (j < y.length && xi - y[j] > d)
            j++;
        count += y.length - j;
    }
    return count;
}
/** Snaps a bisection bound to an actual difference, so the estimate is one of the n1\u00b7n2 values. */
function largestDifferenceAtOrBelow(x, y, d) {
    let best = -Infinity;
    let j = 0;
    for (const xi of x) {
        while (j < y.length && xi - y[j] > d)
            j++;
        if (j < y.length)
            best = Math.max(best, xi - y[j]);
    }
    return best;
}
/** P(Z > z) for a standard normal Z. */
function normalUpperTail(z) {
    return erfc(z / Math.SQRT2) / 2;
}
/** Complementary error function, Chebyshev fit with fractional error < 1.2e-7 everywhere (Numerical Recipes, erfcc). */
function erfc(x) {
    const z = Math.abs(x);
    const t = 1 / (1 + z / 2);
    const polynomial = -z * z - 1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 +
            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
    const value = t * Math.exp(polynomial);
    return x >= 0 ? value : 2 - value;
}
function checkSample(values, label) {
    if (values.length === 0)
        throw new RangeError(`${label} has no latency samples; at least one is needed`);
    values.forEach((value, index) => {
        if (!Number.isFinite(value))
            throw new RangeError(`${label} latency sample #${index} is ${value}; samples must be finite numbers`);
    });
}
function checkMargin(margin) {
    const [name, value] = 'ms' in margin ? ['ms', margin.ms] : ['ratio', margin.ratio];
    if (!(value >= 0) || !Number.isFinite(value))
        throw new RangeError(`the latency margin (${name}) must be a finite number \u2265 0, got ${value}`);
}

// EXTERNAL MODULE: ./src/stats/newcombe.ts
var newcombe = __webpack_require__(7981);
;// CONCATENATED MODULE: ./src/stats/two-proportion.ts

function compareErrorRates(canary, stable, options = {}) {
    checkCounts(canary, 'the canary');
    checkCounts(stable, 'the stable version');
    const margin = options.margin ?? 0;
    const alpha = options.alpha ?? 0.05;
    if (!(margin >= 0 && margin < 1))
        throw new RangeError(`the error-rate margin must be in [0, 1), got ${margin}`);
    if (!(alpha > 0 && alpha < 0.5))
        throw new RangeError(`alpha must be strictly between 0 and 0.5 (e.g. 0.05), got ${alpha}`);
    const interval = differenceInterval(canary, stable, 1 - 2 * alpha);
    const canaryRate = canary.errors / canary.requests;
    const stableRate = stable.errors / stable.requests;
    const exact = margin === 0;
    const pValue = exact ? fisherUpperTail(canary, stable) : newcombePValue(canary, stable, margin);
    return {
        canaryRate,
        stableRate,
        difference: canaryRate - stableRate,
        interval,
        margin,
        alpha,
        worse: exact ? pValue < alpha : interval.low > margin,
        pValue,
        method: exact ? 'fisher-exact' : 'newcombe-bound',
    };
}
/**
 * P(canary errors \u2265 observed | total errors, both sides' requests) under equal rates: the
 * hypergeometric upper tail. Terms are built by the ratio of neighbours outward from the mode,
 * so each is \u2264 1 (no overflow) and the loop is as long as the total errors, not the requests.
 */
function fisherUpperTail(canary, stable) {
    const total = canary.requests + stable.requests;
    const errors = canary.errors + stable.errors;
    const draws = canary.requests;
    const lowest = Math.max(0, draws - (total - errors));
    const highest = Math.min(errors, draws);
    const mode = Math.min(highest, Math.max(lowest, Math.floor(((draws + 1) * (errors + 1)) / (total + 2))));
    const next = (k) => ((errors - k) * (draws - k)) / ((k + 1) * (total - errors - draws + k + 1));
    let sum = 1;
    let tail = mode >= canary.errors ? 1 : 0;
    let weight = 1;
    for (let k = mode; k < highest; k++) {
        weight *= next(k);
        sum += weight;
        if (k + 1 >= canary.errors)
            tail += weight;
    }
    weight = 1;
    for (let k = mode; k > lowest; k--) {
        weight /= next(k - 1);
        sum += weight;
        if (k - 1 >= canary.errors)
            tail += weight;
    }
    return Math.min(1, tail / sum);
}
/** Newcombe's interval on canary \u2212 stable error rates (the module works on "passes"; errors are the counted event here). */
function differenceInterval(canary, stable, confidence) {
    return (0,newcombe/* newcombeUnpairedInterval */.W)(canary.errors, canary.requests, stable.errors, stable.requests, confidence);
}
/**
 * The lower bound falls as the confidence rises, so the \u03b1 at which it meets the margin is found
 * by bisection on \u03b1 in (0, \u00bd): 60 halvings put it within 1e-18, far below any level we use.
 */
function newcombePValue(canary, stable, margin) {
    const rejects = (alpha) => differenceInterval(canary, stable, 1 - 2 * alpha).low > margin;
    if (!rejects(0.5 - 1e-12))
        return 1;
    let rejecting = 0.5;
    let keeping = 0;
    for (let i = 0; i < 60; i++) {
        const middle = (rejecting + keeping) / 2;
        if (rejects(middle))
            rejecting = middle;
        else
            keeping = middle;
    }
    return rejecting;
}
function checkCounts({ errors, requests }, label) {
    if (!Number.isSafeInteger(requests) || requests < 1) {
        throw new RangeError(`${label} has ${requests} requests; comparing error rates needs at least one request on each side`);
    }
    if (!Number.isSafeInteger(errors) || errors < 0 || errors > requests) {
        throw new RangeError(`${label} has ${errors} errors in ${requests} requests; errors must be a whole number between 0 and the requests`);
    }
}

;// CONCATENATED MODULE: ./src/analysis/judgement-checks.ts
/**
 * One verdict per metric at one canary look: absolute limits on the canary alone, and
 * canary-versus-stable comparisons. Below the minimum sample a metric is `inconclusive`, never
 * `pass`; only overwhelming evidence (the error rate's lower bound already above the limit)
 * fails early. Reasons carry the numbers, so the job summary can say what to do.
 */





const ERROR_RATE_VS_STABLE = 'error_rate vs stable';
const LATENCY_VS_STABLE = 'latency_ms vs stable';
function limitChecks(canary, settings, alpha) {
    const { limits, min_requests: minRequests, min_scored: minScored } = settings;
    const checks = [];
    const limit = (metric, verdict, reason) => void checks.push({ metric, kind: 'limit', verdict, reason });
    const tooLittle = (what) => `${what} only ${canary.requests} canary requests, fewer than min_requests ${minRequests}: too little traffic to judge`;
    if (limits.error_rate !== undefined) {
        const max = limits.error_rate;
        const causes = canary.errorCauses ? `: ${canary.errorCauses}` : '';
        const observed = `${percent(canary.requests > 0 ? canary.errors / canary.requests : 0)} (${canary.errors} errors in ${canary.requests} canary requests${causes})`;
        const lowerBound = (0,interval/* wilson */.rF)(canary.errors, canary.requests, 1 - 2 * alpha)?.low ?? 0;
        if (lowerBound > max) {
            limit('error_rate', 'fail', `error_rate ${observed} is above the limit ${percent(max)}; even its ${percent(1 - alpha)} lower bound ${percent(lowerBound)} is`);
        }
        else if (canary.requests < minRequests) {
            limit('error_rate', 'inconclusive', tooLittle('error_rate:'));
        }
        else {
            const above = canary.errors / canary.requests > max;
            limit('error_rate', above ? 'fail' : 'pass', `error_rate ${observed} is ${above ? 'above' : 'within'} the limit ${percent(max)}`);
        }
    }
    if (limits.latency_p95_ms !== undefined) {
        const max = limits.latency_p95_ms;
        const samples = canary.latenciesMs;
        const p95 = samples && samples.length > 0 ? (0,interval/* percentile */.Ym)(samples, 0.95) : canary.latencyP95Ms;
        const counted = samples ? samples.length : canary.requests;
        const nothingAnswered = canary.requests > 0 && canary.errors >= canary.requests;
        if (p95 === undefined && canary.requests < minRequests) {
            // A canary that served (almost) nothing has no latency to report: too early, not misconfigured.
            limit('latency_ms/p95', 'inconclusive', tooLittle('latency_ms/p95: no p95 yet,'));
        }
        else if (p95 === undefined && nothingAnswered) {
            // No latency because every request failed is the candidate failing, not a provider that cannot measure latency.
            limit('latency_ms/p95', 'fail', `latency_ms/p95: none of the ${canary.requests} canary requests succeeded (${canary.errors} errors), so there is no latency to judge: the candidate is failing`);
        }
        else if (p95 === undefined) {
            throw new src_errors/* InputError */.dz('latency_ms/p95: the analysis provider reported neither latency samples nor a p95 for the canary; remove limits.latency_p95_ms or use a provider that measures latency');
        }
        else if (counted < minRequests) {
            limit('latency_ms/p95', 'inconclusive', tooLittle(`latency_ms/p95 ${ms(p95)}:`));
        }
        else {
            const above = p95 > max;
            limit('latency_ms/p95', above ? 'fail' : 'pass', `latency_ms/p95 ${ms(p95)} over ${counted} canary requests is ${above ? 'above' : 'within'} the limit ${ms(max)}`);
        }
    }
    for (const [scorer, { min }] of Object.entries(limits.scores)) {
        const metric = `${scorer}/mean`;
        const scores = canary.scores?.[scorer] ?? [];
        if (scores.length < minScored) {
            limit(metric, 'inconclusive', `${metric}: only ${scores.length} scored canary requests, fewer than min_scored ${minScored}: too little traffic to judge`);
            continue;
        }
        const average = scores.reduce((total, score) => total + score, 0) / scores.length;
        const below = average < min;
        limit(metric, below ? 'fail' : 'pass', `${metric} ${(0,readable/* readable */.HD)(average, [min], (0,readable/* fixed */.Zu)(3))} over ${scores.length} scored canary requests is ${below ? 'below' : 'at or above'} the minimum ${min}`);
    }
    return checks;
}
function comparisonChecks(canary, stable, settings, alpha) {
    const checks = [];
    const minRequests = settings.min_requests;
    const enough = canary.requests >= minRequests && stable.requests >= minRequests;
    const tooLittle = (metric) => ({
        metric,
        kind: 'comparison',
        verdict: 'inconclusive',
        reason: `${metric}: ${canary.requests} canary and ${stable.requests} stable requests, fewer than min_requests ${minRequests} on a side: too little traffic to compare`,
    });
    const errorRate = settings.compare.error_rate;
    if (errorRate) {
        if (!enough)
            checks.push(tooLittle(ERROR_RATE_VS_STABLE));
        else {
            const result = compareErrorRates(canary, stable, { margin: errorRate.max_increase, alpha });
            const rates = `canary ${percent(result.canaryRate)} (${canary.errors}/${canary.requests}) vs stable ${percent(result.stableRate)} (${stable.errors}/${stable.requests})`;
            const allowed = `the allowed increase of ${points(errorRate.max_increase)}`;
            const test = `p = ${pValue(result.pValue)} ${result.worse ? '<' : '\u2265'} ${pValue(alpha)}`;
            const reason = result.worse
                ? `${ERROR_RATE_VS_STABLE}: ${rates}, ${signedPoints(result.difference)}; even the ${percent(1 - alpha)} lower bound ${signedPoints(result.interval.low)} is above ${allowed} (${test})`
                : `${ERROR_RATE_VS_STABLE}: ${rates}, ${signedPoints(result.difference)}; not shown worse by more than ${allowed} (${test})`;
            checks.push({ metric: ERROR_RATE_VS_STABLE, kind: 'comparison', verdict: result.worse ? 'fail' : 'pass', reason, pValue: result.pValue, alpha });
        }
    }
    const latency = settings.compare.latency;
    if (latency) {
        const canarySamples = canary.latenciesMs ?? [];
        const stableSamples = stable.latenciesMs ?? [];
        // No latencies from a side that served too little is too early to compare (below), not a provider that cannot measure them.
        if ((!canary.latenciesMs || !stable.latenciesMs) && enough) {
            throw new src_errors/* InputError */.dz(`${LATENCY_VS_STABLE}: comparing latency needs per-request latencies of both versions, and the analysis provider reported none; remove compare.latency or use the http-probe provider`);
        }
        if (canarySamples.length < minRequests || stableSamples.length < minRequests) {
            checks.push({ ...tooLittle(LATENCY_VS_STABLE), reason: `${LATENCY_VS_STABLE}: ${canarySamples.length} canary and ${stableSamples.length} stable latency samples, fewer than min_requests ${minRequests} on a side: too little traffic to compare` });
        }
        else {
            const margin = latency.max_increase_ms !== undefined ? { ms: latency.max_increase_ms } : { ratio: latency.max_increase_ratio ?? 0.1 };
            const result = mannWhitneyCanarySlower(canarySamples, stableSamples, { margin });
            const slower = result.pValue < alpha;
            const allowed = 'ms' in margin ? ms(margin.ms) : `${percent(margin.ratio)}`;
            const shift = `typical shift ${signedMs(result.hodgesLehmannShift)} (Hodges-Lehmann), P(canary slower) = ${result.probabilityOfSuperiority.toFixed(2)}`;
            const test = `Mann-Whitney ${result.method}, n = ${result.n.canary} vs ${result.n.stable}: p = ${pValue(result.pValue)} ${slower ? '<' : '\u2265'} ${pValue(alpha)}`;
            const reason = slower
                ? `${LATENCY_VS_STABLE}: canary slower by more than the allowed ${allowed}; ${shift} (${test})`
                : `${LATENCY_VS_STABLE}: not shown slower by more than the allowed ${allowed}; ${shift} (${test})`;
            checks.push({ metric: LATENCY_VS_STABLE, kind: 'comparison', verdict: slower ? 'fail' : 'pass', reason, pValue: result.pValue, alpha });
        }
    }
    return checks;
}
function percent(value) {
    const scaled = value * 100;
    return `${Number(scaled.toFixed(Math.abs(scaled) < 1 && scaled !== 0 ? 2 : 1))}%`;
}
function points(value) {
    return `${Number((value * 100).toFixed(2))} points`;
}
function signedPoints(value) {
    return `${value >= 0 ? '+' : '-'}${points(Math.abs(value))}`;
}
function ms(value) {
    return `${Number(value.toFixed(1))} ms`;
}
function signedMs(value) {
    return `${value >= 0 ? '+' : '-'}${ms(Math.abs(value))}`;
}
function pValue(value) {
    return value >= 0.001 ? String(Number(value.toFixed(4))) : value.toExponential(1);
}

;// CONCATENATED MODULE: ./src/analysis/judgement.ts
/**
 * The canary judgement after one look (a step's bake, or one of its extensions): per-metric
 * verdicts, then one action for the rollout: continue, extend the bake, or roll back.
 *
 * Repeated looks. The comparisons run after every step, and each test at level \u03b1 would add its
 * own chance of rolling back a good canary. We split the rollout's false-rollback budget
 * evenly over the planned comparison looks (steps below 100%) and the compared metrics
 * (Bonferroni): valid whatever the correlation between looks, and with the two or three looks of
 * a canary it costs little: for two looks at 1% one-sided, Bonferroni's boundary is z = 2.58,
 * only a few hundredths above an exact group-sequential (Pocock) boundary, which would need the
 * looks' correlation and a numerical integration; a mixture SPRT (valid for unlimited looks)
 * needs z \u2248 3.5 at a canary step's traffic (mixing scale near a 2-point error-rate step), so it
 * detects later. Bake extensions are not extra looks:
 * a comparison is only tested once a step has the minimum traffic (before that it is
 * inconclusive and spends nothing), and a comparison that passed earlier in the same step is
 * carried forward, not tested again (`Look.decidedEarlierInStep`). So each compared metric
 * is tested at most once per step. A comparison fails at most once per rollout, as a failure
 * ends it; the bench (bench/canary-quality.ts) measures the resulting false-rollback rate.
 */


/** Steps that still have stable traffic to compare against. */
function plannedComparisonLooks(plan) {
    return Math.max(1, plan.steps.filter((weight) => weight < 100).length);
}
function alphaPerComparison(settings, plan) {
    const compared = Number(settings.compare.error_rate !== undefined) + Number(settings.compare.latency !== undefined);
    return settings.false_rollback_rate / (plannedComparisonLooks(plan) * Math.max(1, compared));
}
function judgeLook(observation, settings, plan, look) {
    checkLook(plan, look, settings);
    const alpha = alphaPerComparison(settings, plan);
    const metrics = limitChecks(observation.canary, settings, alpha);
    if (observation.stable) {
        const carried = new Map(look.decidedEarlierInStep.filter((m) => m.kind === 'comparison' && m.verdict === 'pass').map((m) => [m.metric, m]));
        for (const check of comparisonChecks(observation.canary, observation.stable, settings, alpha)) {
            const earlier = carried.get(check.metric);
            metrics.push(earlier ? { ...earlier, reason: carryReason(earlier.reason) } : check);
        }
    }
    const verdict = metrics.some((m) => m.verdict === 'fail') ? 'fail' : metrics.some((m) => m.verdict === 'inconclusive') ? 'inconclusive' : 'pass';
    const { action, reason } = decide(verdict, metrics, settings, plan, look, observation.stable !== undefined);
    return { verdict, action, metrics, alphaPerComparison: alpha, reason };
}
function decide(verdict, metrics, settings, plan, look, compared) {
    const where = `step ${look.step + 1} of ${plan.steps.length} (${plan.steps[look.step]}% canary)${look.extension > 0 ? `, bake extension ${look.extension}` : ''}`;
    const reasons = (of) => metrics.filter((m) => m.verdict === of).map((m) => m.reason).join('; ');
    if (verdict === 'fail')
        return { action: 'rollback', reason: `roll back at ${where}: ${reasons('fail')}` };
    if (verdict === 'pass') {
        const scope = compared ? '' : ' (no stable traffic at this step: absolute limits only)';
        return { action: 'continue', reason: `all ${metrics.length} checks passed at ${where}${scope}` };
    }
    const allowed = settings.inconclusive.extend_bake;
    if (look.extension < allowed) {
        return { action: 'extend-bake', reason: `extend the bake (${look.extension + 1} of ${allowed}) at ${where}: ${reasons('inconclusive')}` };
    }
    const then = settings.inconclusive.then;
    const exhausted = `still inconclusive at ${where} after ${allowed} bake extension${allowed === 1 ? '' : 's'}: ${reasons('inconclusive')}`;
    return then === 'fail'
        ? { action: 'rollback', reason: `roll back, as inconclusive.then is fail: ${exhausted}. Send more traffic to the canary, lengthen the bake, or lower min_requests` }
        : { action: 'continue', reason: `continue without evidence, as inconclusive.then is pass: ${exhausted}` };
}
function carryReason(reason) {
    return reason.endsWith('(passed earlier in this step)') ? reason : `${reason} (passed earlier in this step)`;
}
function checkLook(plan, look, settings) {
    if (plan.steps.length === 0)
        throw new RangeError('the rollout plan has no steps');
    if (!Number.isSafeInteger(look.step) || look.step < 0 || look.step >= plan.steps.length) {
        throw new RangeError(`look step ${look.step} is outside the plan's ${plan.steps.length} steps`);
    }
    if (!Number.isSafeInteger(look.extension) || look.extension < 0 || look.extension > settings.inconclusive.extend_bake) {
        throw new RangeError(`bake extension ${look.extension} is outside 0..${settings.inconclusive.extend_bake} (inconclusive.extend_bake)`);
    }
}

// EXTERNAL MODULE: ./src/analysis/judgement-settings.ts
var judgement_settings = __webpack_require__(7235);
// EXTERNAL MODULE: ./src/analysis/prometheus.ts + 1 modules
var prometheus = __webpack_require__(6266);
;// CONCATENATED MODULE: ./src/deploy/look-numbers.ts

/**
 * A look's numbers per side for the chart: from the observation the judgement used (counts and
 * latency samples or a provider's p95), else from the provider's metrics (`error_rate`,
 * `latency_ms/p95`, and the same under `stable/`). No stable side at 100%: nothing else serves.
 */
function lookSides(observation, metrics, weight) {
    const candidate = observation ? fromObservation(observation.canary) : fromMetrics(metrics, '');
    const stable = weight >= 100 ? null : observation?.stable ? fromObservation(observation.stable) : fromMetrics(metrics, 'stable/');
    return candidate || stable ? { candidate, stable } : undefined;
}
function fromObservation(side) {
    const samples = side.latenciesMs;
    const p95 = samples && samples.length > 0 ? (0,interval/* percentile */.Ym)(samples, 0.95) : side.latencyP95Ms;
    return { requests: side.requests, errorRate: side.requests > 0 ? side.errors / side.requests : null, p95Ms: p95 ?? null };
}
function fromMetrics(metrics, prefix) {
    const read = (name) => (Number.isFinite(metrics[`${prefix}${name}`]) ? metrics[`${prefix}${name}`] : null);
    const numbers = { requests: read('requests'), errorRate: read('error_rate'), p95Ms: read('latency_ms/p95') };
    return numbers.errorRate === null && numbers.p95Ms === null ? null : numbers;
}

;// CONCATENATED MODULE: ./src/deploy/rollout-analysis.ts
/**
 * One look at a rollout step: what the analysis says and what the rollout should do next.
 * With per-version observations (prometheus `canary` queries) the canary judgement decides,
 * canary against stable below 100% and absolute limits at 100%; otherwise the provider's own
 * pass/fail does (http-probe, prometheus queries with limits). Blue-green's 0% step probes the
 * candidate directly with the provider: there is no user traffic on it to observe.
 */





const skipped = (reason) => ({ action: 'continue', verdict: 'skipped', reason, judgements: [], analysis: null });
function lookAnalyser(options) {
    const { config, provider, weights, release } = options;
    if (options.skipAnalysis)
        return { analyse: async () => skipped('analysis skipped (skip_analysis)'), describe: null };
    if (!config || !provider)
        return { analyse: async () => skipped('no analysis configured'), describe: null };
    const settings = config.judgement ?? judgement_settings/* judgementSettingsSchema */.m.parse({});
    const observations = config.provider === 'prometheus' && config.canary && provider instanceof prometheus/* PrometheusAnalysis */.jc ? new CanaryObservations(config.canary, provider.client) : undefined;
    const variables = { model: release.model, version: release.version, previousVersion: release.previousVersion, environment: release.environment };
    const preflight = observations ? () => observations.preflight({ model: release.model, environment: release.environment, candidate: release.version }) : undefined;
    const plan = { steps: weights };
    // Targets that serve the candidate as its own entity let a blue-green probe reach it directly ({{served_entity}}).
    // At 100% the stable version serves nothing (and may be gone): a probe skips the stable side without a previous
    // version. A Prometheus query keeps {{previous_version}}: its window still holds the earlier steps' traffic.
    const probedAt = (look) => ({
        ...variables,
        servedEntity: look.servedEntity,
        ...(look.weight < 100 ? { stableServedEntity: look.stableServedEntity } : { previousVersion: config.provider === 'prometheus' ? variables.previousVersion : null, stableServedEntity: null }),
    });
    const byProvider = async (look, signal) => {
        const result = await provider.run(probedAt(look), signal);
        // http-probe (with stable_url) and databricks-metrics measure both sides: with a judgement configured, it decides.
        const { observation } = result;
        if (config.judgement && observation && look.weight > 0) {
            const judged = judgeLook(look.weight < 100 ? observation : { canary: observation.canary }, settings, plan, {
                step: look.step,
                extension: look.extension,
                decidedEarlierInStep: look.decidedEarlierInStep,
            });
            return { action: judged.action, verdict: judged.verdict, reason: judged.reason, judgements: judged.metrics, analysis: result, sides: lookSides(observation, result.metrics, look.weight) };
        }
        const failing = result.checks.filter((c) => !c.passed).map((c) => c.reason);
        const sides = lookSides(observation, result.metrics, look.weight);
        return result.passed
            ? { action: 'continue', verdict: 'pass', reason: `${provider.kind}: all ${result.checks.length} checks passed`, judgements: [], analysis: result, sides }
            : { action: 'rollback', verdict: 'fail', reason: failing.join('; '), judgements: [], analysis: result, sides };
    };
    // The served entities are known only once the target has deployed: the plan names them.
    const described = { ...variables, servedEntity: '<served entity>', stableServedEntity: '<stable served entity>' };
    if (!observations)
        return { analyse: byProvider, describe: provider.describe(described) };
    const analyse = async (look, signal) => {
        if (look.weight === 0)
            return byProvider(look, signal);
        const stable = look.weight < 100 ? release.previousVersion : null;
        // The queries and their limits hold at every look too: canary counts judge the comparison, not instead of them.
        const [{ observation, notes }, checked] = await Promise.all([
            observations.observe({ model: release.model, environment: release.environment, candidate: release.version, stable, windowMs: look.windowMs }, signal),
            provider.run(probedAt(look), signal),
        ]);
        const judgement = judgeLook(observation, settings, plan, { step: look.step, extension: look.extension, decidedEarlierInStep: look.decidedEarlierInStep });
        const sides = lookSides(observation, checked.metrics, look.weight);
        const failing = checked.checks.filter((c) => !c.passed).map((c) => c.reason);
        if (failing.length > 0)
            return { action: 'rollback', verdict: 'fail', reason: failing.join('; '), judgements: judgement.metrics, analysis: checked, sides };
        const reason = notes.length > 0 ? `${judgement.reason}; note: ${notes.join('; ')}` : judgement.reason;
        return { action: judgement.action, verdict: judgement.verdict, reason, judgements: judgement.metrics, analysis: checked, sides };
    };
    return { analyse, describe: `${observations.describe({ candidate: release.version, stable: release.previousVersion })}; and ${provider.describe(described)}`, preflight };
}

// EXTERNAL MODULE: ./src/deploy/rollout-state.ts
var rollout_state = __webpack_require__(2882);
// EXTERNAL MODULE: ./src/promote/restore.ts
var promote_restore = __webpack_require__(1234);
// EXTERNAL MODULE: ./src/registry/tags.ts
var registry_tags = __webpack_require__(7906);
// EXTERNAL MODULE: ./src/template.ts
var template = __webpack_require__(5237);
// EXTERNAL MODULE: ./src/modes/versions.ts
var versions = __webpack_require__(7763);
;// CONCATENATED MODULE: ./src/modes/deploy.ts











async function deploy(ctx, inputs) {
    const { loaded, registry, logger } = ctx;
    const config = loaded.config.deploy;
    if (!config)
        throw new src_errors/* ConfigError */.xL(`${loaded.file}: deploy mode needs a deploy section (target, strategy, command)`);
    const model = loaded.config.model.name;
    const alias = loaded.config.promote.alias;
    const environment = loaded.environment ?? 'default';
    const version = await (0,versions/* versionOrHolder */.sV)('deploy', inputs, registry, model, alias);
    const file = (0,rollout_state/* statePath */.BQ)(external_node_path_default().resolve(loaded.workdir, loaded.config.artifacts_dir), model, environment);
    const recorded = await trustedRecord(ctx, await (0,rollout_state/* loadRolloutState */.D6)(file), file, alias, version);
    if (recorded && recorded.version !== version && (recorded.status === 'in_progress' || recorded.status === 'rolling_back')) {
        throw new src_errors/* RefusedError */.fk(`refusing to deploy ${model} version ${version} to ${environment}: the rollout of version ${recorded.version} is unfinished (${recorded.status.replace('_', ' ')} at ${stepLabel(recorded, recorded.currentStep)}, recorded in ${file}); re-run deploy for version ${recorded.version} to finish it, or roll it back first`);
    }
    const candidate = await registry.getVersion(model, version);
    // A dry run of a whole release comes before its dry-run promote recorded the holder it replaces: that is the current one.
    const holder = await registry.getAlias(model, alias);
    const previousTag = ctx.dryRun && holder !== version ? (holder ?? registry_tags/* noVersion */.yV) : candidate?.tags[registry_tags/* tagKeys */.bi.previousHolder(alias)];
    // The stable side is the last version known good: a holder recorded by a promotion that raced its rollback is not.
    const previousVersion = await (0,promote_restore/* lastGoodHolder */.O5)(registry, model, alias, previousTag && previousTag !== registry_tags/* noVersion */.yV ? previousTag : null, version);
    if (previousTag && previousTag !== registry_tags/* noVersion */.yV && previousVersion !== previousTag)
        logger.warn(`version ${previousTag}, recorded as the one ${version} replaced, was rolled back since; the rollout's stable side is ${previousVersion === null ? 'no version' : `version ${previousVersion}`}`);
    const skipAnalysis = config.skip_analysis || inputs.skipAnalysis === true;
    const weights = rolloutWeights(config, skipAnalysis);
    const target = await ctx.target();
    const provider = config.analysis && !skipAnalysis ? await ctx.analysis() : undefined;
    const release = { model, version, previousVersion, environment };
    const looks = lookAnalyser({ config: config.analysis, provider, weights, release, skipAnalysis });
    const bake = bakeMs(config, skipAnalysis);
    const request = (index) => ({ ...release, traffic: weights[index] ?? 100, ...(weights.length > 1 ? { step: { index: index + 1, count: weights.length } } : {}) });
    const plan = weights.flatMap((weight, i) => [
        `${target.kind}: ${target.describeDeploy(request(i))}`,
        ...(bake > 0 ? [`bake ${formatMs(bake)} at ${weight}%`] : []),
        ...(looks.describe ? [`then ${provider?.kind ?? 'analysis'}: ${looks.describe}`] : []),
    ]);
    const result = {
        mode: 'deploy',
        dryRun: ctx.dryRun,
        ...release,
        target: target.kind,
        strategy: config.strategy,
        plan,
        change: [],
        preflight: { checks: [], problems: [] },
        endpointUrl: config.url ? (0,template/* fillTemplate */.ou)(config.url, { version, model, environment }, 'deploy.url') : null,
        deploymentId: null,
        analysis: null,
        steps: [],
        failure: null,
        rolledBack: false,
        resumed: false,
        alreadyDeployed: false,
        restoredFrom: null,
        skipAnalysis,
        statePath: file,
        limits: (0,rollout/* rolloutLimits */.CH)(config.analysis),
        latency: null,
    };
    // A record older than the version's latest promotion belongs to an earlier release of it.
    const promotedAt = candidate?.tags[registry_tags/* tagKeys */.bi.promotionStartedAt(alias)] ?? candidate?.tags[registry_tags/* tagKeys */.bi.promotedAt(alias)] ?? '';
    const mine = recorded?.version === version && recorded.startedAt >= promotedAt ? recorded : undefined;
    if (mine?.status === 'succeeded') {
        logger.info(`the rollout of ${model} v${version} to ${environment} already succeeded (${file}); nothing to do`);
        return { ...result, steps: mine.steps, deploymentId: mine.deploymentId, endpointUrl: mine.endpointUrl ?? result.endpointUrl, alreadyDeployed: true };
    }
    const restoredFrom = mine ? undefined : await restoredByRollback(ctx, { model, version, alias, environment, promotedAt }, recorded, file);
    if (restoredFrom) {
        logger.info(`${model} v${version} already serves in ${environment}: the rollout of v${restoredFrom.version} was rolled back to it (${restoredFrom.source}); nothing to do. To release it again through the rollout, promote it again first`);
        return { ...result, plan: [], alreadyDeployed: true, restoredFrom: restoredFrom.version };
    }
    const finishedAt = !mine && config.state_tags && candidate && holder === version ? (0,rollout_state/* succeededFromTags */.FL)(candidate.tags, { environment, alias }) : undefined;
    if (finishedAt) {
        logger.info(`the rollout of ${model} v${version} to ${environment} already succeeded (at ${finishedAt}, as the version's ${registry_tags/* tagKeys */.bi.deployStatus(environment)} tag records); nothing to do: a finished rollout is not repeated, so a re-run of the release job changes nothing`);
        return { ...result, plan: [], alreadyDeployed: true };
    }
    const rolledBackAt = candidate?.tags[registry_tags/* tagKeys */.bi.deployStatus(environment)] === 'rolled_back' ? (candidate.tags[registry_tags/* tagKeys */.bi.deployedAt(environment)] ?? '') : '';
    if (!inputs.modelVersion?.trim() && rolledBackAt && rolledBackAt >= promotedAt) {
        // A first release rolled back keeps the alias (there is no earlier version to point it at): deploying the holder by default would put it back.
        throw new src_errors/* RefusedError */.fk(`refusing to deploy ${model} version ${version} to ${environment}: it holds @${alias}, but it was rolled back there at ${rolledBackAt} and nothing earlier serves. To release it again anyway, name it: deploy --model-version ${version}; or promote a fixed version`);
    }
    const fresh = { ...release, alias, strategy: config.strategy, bakeMs: bake, weights, skipAnalysis, at: new Date(ctx.clock.now()).toISOString() };
    const unfinished = mine && (mine.status === 'in_progress' || mine.status === 'rolling_back')
        ? { state: mine, source: file }
        : candidate && config.state_tags
            ? (0,rollout_state/* unfinishedFromTags */.RI)(candidate.tags, fresh)
            : undefined;
    if (unfinished?.state.status !== 'rolling_back') {
        const checks = unfinished ? [] : [() => target.preflight?.(request(0)), () => provider?.preflight?.(release), () => looks.preflight?.()];
        result.preflight = await preflight(ctx, { model, version, alias, status: candidate?.status, exists: candidate !== undefined }, checks);
        if (result.preflight.problems.length > 0) {
            throw new src_errors/* RefusedError */.fk(`refusing to deploy ${model} version ${version}${result.preflight.problems.length > 1 ? ` to ${environment}; nothing was changed` : ''}: ${result.preflight.problems.join('; ')}`);
        }
    }
    if (ctx.dryRun) {
        result.change = (await target.planChange?.(request(0))) ?? [];
        for (const line of [...result.preflight.checks.map((c) => `preflight: ${c}`), ...result.change.map((c) => `change: ${c}`)])
            logger.info(`dry run: ${line}`);
        for (const line of plan)
            logger.info(`dry run: would ${line}`);
        if (unfinished)
            logger.info(`dry run: an unfinished rollout of v${version} is recorded (${unfinished.state.status} at ${stepLabel(unfinished.state, unfinished.state.currentStep)}); a real run would continue it`);
        return result;
    }
    const at = () => new Date(ctx.clock.now()).toISOString();
    const recorder = new rollout_state/* RolloutRecorder */.Gg(file, registry, config.state_tags, at, logger);
    let state;
    if (unfinished) {
        state = unfinished.state;
        result.resumed = true;
        logger.warn(`continuing the unfinished rollout of ${model} v${version} to ${environment}: ${state.status.replace('_', ' ')} at ${stepLabel(state, state.currentStep)} (from ${unfinished.source})`);
    }
    else {
        state = (0,rollout_state/* freshState */.Q5)(fresh);
        state.snapshot = target.snapshot ? await target.snapshot(request(0)) : null;
        await recorder.save(state);
    }
    if (skipAnalysis)
        logger.warn(`skip_analysis: ${model} v${version} goes to 100% in ${environment} without bake or analysis`);
    const reporter = ctx.deployments;
    await bestEffort(ctx, 'start', () => reporter?.start({ ...release, environmentUrl: result.endpointUrl }));
    const startedAt = ctx.clock.now();
    let outcome;
    if (state.status === 'rolling_back' && state.failure) {
        outcome = { ok: false, failure: state.failure };
    }
    else {
        const analyse = async (look, signal) => {
            const outcome = await looks.analyse(look, signal);
            if (outcome.analysis) {
                result.analysis = outcome.analysis;
                result.latency = (0,latency/* latencyHistogram */.r)(outcome.analysis.observation, result.limits.latencyP95Ms);
            }
            return outcome;
        };
        try {
            outcome = await runRollout(state, { target, analyse, analysisErrorLimit: config.analysis_error_limit, recorder, clock: ctx.clock, logger, reporter, signal: ctx.signal });
        }
        catch (error) {
            // Whatever stopped the engine (a state write, a clock) may have left the candidate serving: it counts as a failed step.
            outcome = { ok: false, failure: await stopped(state, recorder, (0,src_errors/* messageOf */.bD)(error), logger) };
        }
    }
    result.steps = state.steps;
    result.deploymentId = state.deploymentId;
    result.endpointUrl = state.endpointUrl ?? result.endpointUrl;
    if (outcome.ok) {
        // The release is done; tidying up (the stable entity kept warm at 0%) is not a reason to roll back.
        await target.finish?.(request(weights.length - 1)).catch((error) => logger.warn(`${target.kind}: the rollout succeeded but retiring the previous version failed: ${(0,src_errors/* messageOf */.bD)(error)}; remove it by hand`));
        await finish(ctx, reporter, 'success', `${model} v${version} serving 100% in ${environment}`, result.endpointUrl);
        await recordDeployment(ctx, result, startedAt);
        return result;
    }
    const { failure } = outcome;
    result.failure = { step: failure.step, reason: failure.reason, ...(state.steps.length > 1 ? { at: { index: failure.stepIndex, count: state.steps.length, weight: failure.weight } } : {}) };
    logger.error(`${failure.step === 'cancelled' ? 'the rollout was cancelled' : `${failure.step} failed`}: ${failure.reason}; rolling back`);
    try {
        const restore = await (0,promote_restore/* planRestore */.q8)(registry, model, alias, version, environment);
        await (0,promote_restore/* executeRestore */.S7)(restore, registry, target, ctx.run, at(), logger, state.snapshot ?? undefined);
    }
    catch (error) {
        await finish(ctx, reporter, 'failure', `rollout failed and the rollback did not finish: ${(0,src_errors/* messageOf */.bD)(error)}`);
        const command = `agent-release rollback --model-version ${version}${environment !== 'default' ? ` --environment ${environment}` : ''}`;
        // executeRestore's own errors already say how to re-run; anything else (planning the restore) must say it here.
        const how = (0,src_errors/* messageOf */.bD)(error).includes('agent-release rollback') ? '' : `; once the cause is fixed, run \`${command}\``;
        throw new src_errors/* RollbackFailedError */.CJ(`${failure.step} of ${model} version ${version} failed (${failure.reason}) and the automatic rollback did not finish: ${(0,src_errors/* messageOf */.bD)(error)}${how}`, version);
    }
    state.status = 'rolled_back';
    try {
        await recorder.save(state);
    }
    catch (error) {
        logger.warn(`${model} v${version} was rolled back, but ${file} could not record it: ${(0,src_errors/* messageOf */.bD)(error)}`);
    }
    result.rolledBack = true;
    if (failure.step === 'cancelled')
        logger.warn(`the rollout of ${model} v${version} was cancelled and rolled back to ${previousVersion === null ? 'no earlier version' : `v${previousVersion}`}`);
    await finish(ctx, reporter, 'failure', `rolled back: ${failure.reason}`);
    await recordDeployment(ctx, result, startedAt);
    return result;
}
/**
 * The state file unless the registry contradicts it: another runner may have rolled the version
 * back (its status tag, which rollback always writes) or finished it, or moved the alias off a
 * version the file says serves. Then the file is stale and neither decides nor blocks anything.
 */
async function trustedRecord(ctx, record, file, alias, version) {
    if (!record || record.status === 'rolled_back')
        return record;
    // A finished rollout of an earlier version is history, not a claim about this one.
    if (record.status === 'succeeded' && record.version !== version)
        return record;
    const tags = (await ctx.registry.getVersion(record.model, record.version))?.tags ?? {};
    const status = tags[registry_tags/* tagKeys */.bi.deployStatus(record.environment)];
    const since = (tags[registry_tags/* tagKeys */.bi.deployedAt(record.environment)] ?? '') >= record.startedAt;
    let contradiction;
    if (status === 'rolled_back' && since)
        contradiction = `version ${record.version} was rolled back since (its ${registry_tags/* tagKeys */.bi.deployStatus(record.environment)} tag says rolled_back)`;
    else if (record.status !== 'succeeded' && status === 'deployed' && since)
        contradiction = `another run finished the rollout of version ${record.version} (its tags say deployed)`;
    else if (record.status === 'succeeded') {
        const holder = await ctx.registry.getAlias(record.model, alias);
        if (holder !== record.version)
            contradiction = `@${alias} is now held by ${holder === null ? 'no version' : `version ${holder}`}`;
    }
    if (!contradiction)
        return record;
    ctx.logger.warn(`ignoring ${file}: it records the rollout of ${record.model} v${record.version} as ${record.status.replace('_', ' ')}, but ${contradiction}`);
    return undefined;
}
/**
 * The version serves already when the latest rollout in this environment, of another version,
 * was rolled back to it (automatically or by rollback) and it still holds the alias: deploying it
 * again would put the version users are on through a canary as if it were new, and a failure
 * there would withdraw it too. Known from the state file, else from the tags a rollback writes.
 */
async function restoredByRollback(ctx, release, recorded, file) {
    const { model, version, alias, environment, promotedAt } = release;
    if ((await ctx.registry.getAlias(model, alias)) !== version)
        return undefined;
    // Withdrawn itself since (a rollback of it named it, with nothing left to restore): it serves nothing.
    const own = (await ctx.registry.getVersion(model, version))?.tags ?? {};
    if ((0,registry_tags/* rolledBackSincePromotion */.hB)(own, alias))
        return undefined;
    if (recorded?.status === 'rolled_back' && recorded.version !== version && recorded.previousVersion === version && recorded.alias === alias && recorded.startedAt >= promotedAt) {
        return { version: recorded.version, source: file };
    }
    const from = (await ctx.registry.getVersion(model, version))?.tags[registry_tags/* tagKeys */.bi.restoredFrom(alias)];
    if (!from || from === version)
        return undefined;
    const tags = (await ctx.registry.getVersion(model, from))?.tags ?? {};
    const rolledBack = tags[registry_tags/* tagKeys */.bi.deployStatus(environment)] === 'rolled_back' && (tags[registry_tags/* tagKeys */.bi.deployedAt(environment)] ?? '') >= promotedAt;
    return rolledBack ? { version: from, source: `the ${registry_tags/* tagKeys */.bi.restoredFrom(alias)} tag of v${version} and the ${registry_tags/* tagKeys */.bi.deployStatus(environment)} tag of v${from}` } : undefined;
}
/** Records an engine that threw as a failure of the step it was in; the rollback must go ahead even if the record cannot be written. */
async function stopped(state, recorder, message, logger) {
    const step = state.steps[state.currentStep];
    const where = state.steps.length > 1 ? `${stepLabel(state, state.currentStep)}: ` : '';
    const failure = { step: 'deploy', stepIndex: state.currentStep + 1, weight: step?.weight ?? 100, reason: `${where}the rollout stopped: ${message}` };
    if (step)
        step.status = 'failed';
    state.failure = failure;
    state.status = 'rolling_back';
    try {
        await recorder.save(state);
    }
    catch (error) {
        logger.warn(`could not record that the rollout is rolling back in ${recorder.file}: ${(0,src_errors/* messageOf */.bD)(error)}`);
    }
    return failure;
}
/** Everything that would make the change fail, collected before anything changes, so the refusal lists all of it. */
async function preflight(ctx, v, 
/** The target's and the analysis provider's own checks. */
more) {
    const problems = [];
    const checks = [];
    if (!v.exists)
        problems.push(`the ${ctx.registry.kind} registry has no version ${v.version} of ${v.model}`);
    else if (v.status !== 'READY')
        problems.push(`version ${v.version} is ${v.status}, not READY; wait for registration to finish`);
    else
        checks.push(`version ${v.version} is registered and READY`);
    const holder = await ctx.registry.getAlias(v.model, v.alias);
    const notHolder = `it does not hold @${v.alias} (${holder === null ? 'no version does' : `version ${holder} does`})`;
    // A dry run of a whole release plans the deploy before its dry-run promote moved anything: the plan still stands.
    if (holder !== v.version && ctx.dryRun)
        checks.push(`${notHolder} yet; a real run needs it promoted first`);
    else if (holder !== v.version)
        problems.push(`${notHolder}; promote it first`);
    else
        checks.push(`version ${v.version} holds @${v.alias}`);
    for (const check of more) {
        const found = await check();
        if (!found)
            continue;
        problems.push(...found.problems);
        checks.push(...found.checks);
    }
    return { problems, checks };
}
async function finish(ctx, reporter, outcome, description, url) {
    await bestEffort(ctx, outcome, () => reporter?.finish(outcome, description, url));
}
/** The reporter mirrors the release; it never decides it. */
async function bestEffort(ctx, what, call) {
    try {
        await call();
    }
    catch (error) {
        ctx.logger.warn(`could not report ${what} to the deployment: ${(0,src_errors/* messageOf */.bD)(error)}`);
    }
}
/**
 * A deploy_ run in the deployment experiment. The release itself has happened (or been rolled
 * back) by now, so a tracking failure is a warning, not a reason to report the rollout failed.
 */
async function recordDeployment(ctx, result, startedAt) {
    if (!ctx.tracking)
        return;
    try {
        const recorded = await ctx.tracking.tracker.recordDeployment({
            version: result.version,
            previousVersion: result.previousVersion,
            environment: result.environment,
            target: result.target,
            strategy: result.strategy,
            outcome: result.rolledBack ? 'rolled_back' : 'succeeded',
            startedAt,
            endpointUrl: result.endpointUrl,
            reason: result.failure ? `${result.failure.step}: ${result.failure.reason}` : undefined,
            rolloutFile: result.statePath,
        });
        ctx.logger.info(`deployment recorded as MLflow run ${recorded.runName} (${recorded.runId})`);
    }
    catch (error) {
        ctx.logger.warn(`the deployment of ${result.model} v${result.version} to ${result.environment} could not be recorded in MLflow: ${(0,src_errors/* messageOf */.bD)(error)}`);
    }
}


/***/ }),

/***/ 1234:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I6: () => (/* binding */ rollbackRequest),
/* harmony export */   O5: () => (/* binding */ lastGoodHolder),
/* harmony export */   S7: () => (/* binding */ executeRestore),
/* harmony export */   q8: () => (/* binding */ planRestore)
/* harmony export */ });
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _registry_tags__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7906);
/* harmony import */ var _registry_types__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(234);



/**
 * Works out what rolling `from` back means, refusing when the registry does not agree that
 * `from` is (or just was) the holder: rolling back someone else's release is never right.
 */
async function planRestore(registry, model, alias, from, environment, requested) {
    const version = await registry.getVersion(model, from);
    if (!version)
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .RefusedError */ .fk(`cannot roll back ${model} version ${from}: the registry has no such version`);
    const recorded = version.tags[_registry_tags__WEBPACK_IMPORTED_MODULE_1__/* .tagKeys */ .bi.previousHolder(alias)];
    if (recorded === undefined) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .RefusedError */ .fk(`cannot roll back ${model} version ${from}: it has no ${_registry_tags__WEBPACK_IMPORTED_MODULE_1__/* .tagKeys */ .bi.previousHolder(alias)} tag, so it was never promoted to @${alias} by agent-release`);
    }
    const to = requested === undefined ? await lastGoodHolder(registry, model, alias, recorded === _registry_tags__WEBPACK_IMPORTED_MODULE_1__/* .noVersion */ .yV ? null : recorded, from) : await requireServedBefore(registry, model, alias, from, requested);
    const holder = await registry.getAlias(model, alias);
    // Already done: the alias is back on `to`, or, with no version to go back to, stays on `from`, which is tagged rolled back.
    // A first release withdrawn, then deployed again by name, serves once more: its status says which came last.
    const withdrawnHere = to !== null || version.tags[_registry_tags__WEBPACK_IMPORTED_MODULE_1__/* .tagKeys */ .bi.deployStatus(environment)] === 'rolled_back';
    const aliasAlreadyRestored = (to === null ? holder === from : holder !== from && holder === to) && withdrawnHere && (0,_registry_tags__WEBPACK_IMPORTED_MODULE_1__/* .rolledBackSincePromotion */ .hB)(version.tags, alias);
    if (holder !== from && !aliasAlreadyRestored) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .RefusedError */ .fk(`cannot roll back ${model} version ${from}: @${alias} is held by ${holder === null ? 'no version' : `version ${holder}`}, not ${from}; nothing of ${from} is live to withdraw`);
    }
    return { model, alias, from, to, environment, aliasAlreadyRestored };
}
/**
 * The version to restore in place of `holder`: itself, unless it was rolled back after its
 * latest promotion (it failed; the alias stays on a first release that failed, and a release
 * after it recorded it as the holder), then the one before it, and so on; null for none. `of`,
 * the version whose rollback this plans, is never its own answer.
 */
async function lastGoodHolder(registry, model, alias, holder, of) {
    const seen = new Set([of]);
    for (let candidate = holder; candidate !== null && !seen.has(candidate);) {
        seen.add(candidate);
        const version = await registry.getVersion(model, candidate);
        if (!version || !(0,_registry_tags__WEBPACK_IMPORTED_MODULE_1__/* .rolledBackSincePromotion */ .hB)(version.tags, alias))
            return candidate;
        const before = version.tags[_registry_tags__WEBPACK_IMPORTED_MODULE_1__/* .tagKeys */ .bi.previousHolder(alias)];
        candidate = before === undefined || before === _registry_tags__WEBPACK_IMPORTED_MODULE_1__/* .noVersion */ .yV ? null : before;
    }
    return null;
}
/** A named rollback target must have held the alias before, and not have been rolled back since: only a known-good version. */
async function requireServedBefore(registry, model, alias, from, requested) {
    if (requested === from)
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .RefusedError */ .fk(`cannot roll back ${model} version ${from} to itself`);
    const target = await registry.getVersion(model, requested);
    if (!target)
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .RefusedError */ .fk(`cannot roll back to ${model} version ${requested}: the registry has no such version`);
    if (target.tags[_registry_tags__WEBPACK_IMPORTED_MODULE_1__/* .tagKeys */ .bi.promotedAt(alias)] === undefined) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .RefusedError */ .fk(`cannot roll back to ${model} version ${requested}: it never held @${alias}, so it is not a known-good release; promote it through the gate instead`);
    }
    if ((0,_registry_tags__WEBPACK_IMPORTED_MODULE_1__/* .rolledBackSincePromotion */ .hB)(target.tags, alias)) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .RefusedError */ .fk(`cannot roll back to ${model} version ${requested}: it was rolled back after its last promotion to @${alias} (${target.tags[_registry_tags__WEBPACK_IMPORTED_MODULE_1__/* .tagKeys */ .bi.rolledBackAt(alias)]}), so it is not a known-good release; promote it through the gate instead`);
    }
    return requested;
}
/**
 * Serving first (users see it), then the alias. Each step is safe to repeat, so when one
 * fails the message says to re-run rollback, which converges. `snapshot`: what the target served
 * before the rollout, when the rollout recorded it, so the target restores exactly that.
 */
async function executeRestore(plan, registry, target, run, at, logger, snapshot) {
    const retry = `re-run: agent-release rollback --model-version ${plan.from}${plan.environment !== 'default' ? ` --environment ${plan.environment}` : ''}`;
    if (target && !plan.aliasAlreadyRestored) {
        // Said before serving changes, so a promotion meanwhile is refused and a run that dies part-way is finished by the next deploy;
        // best effort: a registry that cannot be reached must not keep users on the failed version.
        await registry.setVersionTags(plan.model, plan.from, { [_registry_tags__WEBPACK_IMPORTED_MODULE_1__/* .tagKeys */ .bi.deployStatus(plan.environment)]: 'rolling_back', [_registry_tags__WEBPACK_IMPORTED_MODULE_1__/* .tagKeys */ .bi.deployedAt(plan.environment)]: at }).catch((error) => {
            logger.warn(`could not mark ${plan.model} version ${plan.from} as rolling back before rolling back serving (${(0,_errors__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(error)}); going on`);
        });
    }
    if (target) {
        try {
            const request = rollbackRequest(plan, snapshot);
            await logger.group(`rollback serving: ${target.describeRollback(request)}`, () => target.rollback(request));
        }
        catch (error) {
            throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .RemoteError */ .Hi(`rolling back serving of ${plan.model} from version ${plan.from} failed: ${(0,_errors__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(error)}. @${plan.alias} still points at ${plan.from}; fix the cause and ${retry}`);
        }
    }
    if (plan.aliasAlreadyRestored)
        return;
    const servingDone = target ? `serving was rolled back to ${plan.to === null ? 'no version' : `version ${plan.to}`}, but ` : '';
    // Recorded before the alias moves, rolled_back_at last: a run that stops after the move leaves
    // the complete record, which is how a re-run knows it is resuming rather than meddling.
    try {
        await registry.setVersionTags(plan.model, plan.from, {
            [_registry_tags__WEBPACK_IMPORTED_MODULE_1__/* .tagKeys */ .bi.rolledBackBy(plan.alias)]: run.actor,
            [_registry_tags__WEBPACK_IMPORTED_MODULE_1__/* .tagKeys */ .bi.deployStatus(plan.environment)]: 'rolled_back',
            [_registry_tags__WEBPACK_IMPORTED_MODULE_1__/* .tagKeys */ .bi.deployedAt(plan.environment)]: at,
            [_registry_tags__WEBPACK_IMPORTED_MODULE_1__/* .tagKeys */ .bi.rolledBackAt(plan.alias)]: at,
        });
    }
    catch (error) {
        // A registry that refused (its lock held too long) changed nothing, but serving already moved: the rollback is half done.
        if (!(error instanceof _errors__WEBPACK_IMPORTED_MODULE_0__/* .RemoteError */ .Hi || error instanceof _errors__WEBPACK_IMPORTED_MODULE_0__/* .RefusedError */ .fk))
            throw error;
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .RemoteError */ .Hi(`${servingDone}recording the rollback on ${plan.model} version ${plan.from} failed: ${(0,_errors__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(error)}; @${plan.alias} still points at ${plan.from}; ${retry}`);
    }
    if (plan.to === null) {
        logger.warn(`no version before ${plan.from} is known good on @${plan.alias} (it was the first to hold it, or those before it were rolled back too), so the alias stays and the version is tagged as rolled back`);
    }
    else {
        // A re-run that is not told the version finds the alias on `to`: these say it is finishing
        // this rollback, not withdrawing `to` as well.
        try {
            await registry.setVersionTags(plan.model, plan.to, { [_registry_tags__WEBPACK_IMPORTED_MODULE_1__/* .tagKeys */ .bi.restoredFrom(plan.alias)]: plan.from, ...(run.runKey ? { [_registry_tags__WEBPACK_IMPORTED_MODULE_1__/* .tagKeys */ .bi.restoredByRun(plan.alias)]: run.runKey } : {}) });
            await registry.setAlias(plan.model, plan.alias, plan.to, plan.from);
        }
        catch (error) {
            // Serving was already rolled back: half done, not a refusal that changed nothing.
            if (error instanceof _registry_types__WEBPACK_IMPORTED_MODULE_2__/* .AliasConflictError */ .X) {
                throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .RollbackFailedError */ .CJ(`rollback stopped after serving was rolled back to version ${plan.to} and version ${plan.from} was tagged rolled back: ${error.message}. Serving and the alias now disagree: release the new holder with agent-release deploy, or withdraw it with agent-release rollback --model-version ${error.actual ?? '<holder>'}`, plan.from);
            }
            throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .RemoteError */ .Hi(`${servingDone || 'the rollback was recorded, but '}moving @${plan.alias} back to ${plan.to} failed: ${(0,_errors__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(error)}; ${retry}`);
        }
    }
}
function rollbackRequest(plan, snapshot) {
    return { model: plan.model, restoreVersion: plan.to, fromVersion: plan.from, environment: plan.environment, ...(snapshot ? { snapshot } : {}) };
}


/***/ })

} })
