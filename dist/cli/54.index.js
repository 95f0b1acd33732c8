'use strict';
({ id: 54, ids: [54], modules: {

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

/***/ 3054:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   rollback: () => (/* binding */ rollback)
/* harmony export */ });
/* harmony import */ var _fs_async__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7253);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _deploy_rollout_state__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2882);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3916);
/* harmony import */ var _promote_restore__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1234);
/* harmony import */ var _registry_tags__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7906);
/* harmony import */ var _versions__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(7763);








/**
 * The version to withdraw: the one given, else the alias holder, unless the holder is there
 * because a rollback restored it and it has not been promoted since. Then that rollback is the
 * alias's latest change, and this run finishes it (serving again, idempotently) instead of
 * withdrawing the version it restored: a rollback run twice converges, and going further back
 * takes the version by name.
 */
async function rollbackSubject(ctx, inputs, model, alias) {
    const holder = await (0,_versions__WEBPACK_IMPORTED_MODULE_7__/* .versionOrHolder */ .sV)('rollback', inputs, ctx.registry, model, alias);
    if (inputs.modelVersion?.trim())
        return { from: holder };
    const tags = (await ctx.registry.getVersion(model, holder))?.tags ?? {};
    const withdrawn = tags[_registry_tags__WEBPACK_IMPORTED_MODULE_6__/* .tagKeys */ .bi.restoredFrom(alias)];
    if (withdrawn === undefined)
        return { from: holder };
    const rolledBackAt = (await ctx.registry.getVersion(model, withdrawn))?.tags[_registry_tags__WEBPACK_IMPORTED_MODULE_6__/* .tagKeys */ .bi.rolledBackAt(alias)];
    const promotedAt = tags[_registry_tags__WEBPACK_IMPORTED_MODULE_6__/* .tagKeys */ .bi.promotionStartedAt(alias)] ?? tags[_registry_tags__WEBPACK_IMPORTED_MODULE_6__/* .tagKeys */ .bi.promotedAt(alias)];
    if (rolledBackAt === undefined || (promotedAt !== undefined && promotedAt > rolledBackAt))
        return { from: holder };
    // Withdrawn itself after that rollback restored it: that withdrawal is the latest change, and the holder is its subject.
    const ownRolledBackAt = tags[_registry_tags__WEBPACK_IMPORTED_MODULE_6__/* .tagKeys */ .bi.rolledBackAt(alias)];
    if (ownRolledBackAt !== undefined && ownRolledBackAt >= rolledBackAt)
        return { from: holder };
    const who = ctx.run.runKey !== undefined && tags[_registry_tags__WEBPACK_IMPORTED_MODULE_6__/* .tagKeys */ .bi.restoredByRun(alias)] === ctx.run.runKey ? 'an earlier attempt of this run' : 'a rollback';
    ctx.logger.info(`@${alias} is on ${holder} because ${who} rolled ${withdrawn} back; finishing that rollback rather than withdrawing ${holder} too (to withdraw ${holder} as well, name it with --model-version ${holder}, the model-version input)`);
    // The version that rollback restored, whether it was the one before or one named with to-version.
    return { from: withdrawn, restored: holder };
}
/**
 * The recorded rollout of `version`: the workspace's file, else the one the deploy_ run kept in the
 * tracking server (a rollback job on a fresh runner, or a manual rollback days later).
 */
async function rolloutOf(ctx, file, model, version, environment) {
    let local;
    try {
        local = await (0,_deploy_rollout_state__WEBPACK_IMPORTED_MODULE_3__/* .loadRolloutState */ .D6)(file);
    }
    catch (error) {
        // A rollback is the way out of trouble: a damaged record costs it the snapshot, never the rollback.
        if (!(error instanceof _errors__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz))
            throw error;
        ctx.logger.warn(`${(0,_errors__WEBPACK_IMPORTED_MODULE_4__/* .messageOf */ .bD)(error)}; rolling back without the rollout's snapshot of what served before (the target restores the earlier version from the registry)`);
    }
    if (local?.version === version)
        return local;
    if (!ctx.tracking)
        return undefined;
    const dir = await (0,_fs_async__WEBPACK_IMPORTED_MODULE_0__/* .mkdtemp */ .jV)(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(node_os__WEBPACK_IMPORTED_MODULE_1___default().tmpdir(), 'agent-release-rollout-'));
    try {
        const fetched = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(dir, 'state.json');
        if (!(await ctx.tracking.tracker.fetchRolloutState(model, version, environment, fetched)))
            return undefined;
        const state = await (0,_deploy_rollout_state__WEBPACK_IMPORTED_MODULE_3__/* .loadRolloutState */ .D6)(fetched);
        if (state?.version !== version || state.environment !== environment)
            return undefined;
        ctx.logger.info(`restoring from the rollout of v${version} to ${environment} recorded in the tracking server`);
        return state;
    }
    finally {
        await (0,_fs_async__WEBPACK_IMPORTED_MODULE_0__.rm)(dir, { recursive: true, force: true });
    }
}
async function rollback(ctx, inputs) {
    const { loaded, registry, logger } = ctx;
    const model = loaded.config.model.name;
    const alias = loaded.config.promote.alias;
    const environment = loaded.environment ?? 'default';
    const requested = inputs.toVersion?.trim() || undefined;
    if (requested !== undefined)
        (0,_versions__WEBPACK_IMPORTED_MODULE_7__/* .checkVersionNumber */ .Qd)('to-version', requested);
    const subject = await rollbackSubject(ctx, inputs, model, alias);
    const from = subject.from;
    const restore = await (0,_promote_restore__WEBPACK_IMPORTED_MODULE_5__/* .planRestore */ .q8)(registry, model, alias, from, environment, requested ?? subject.restored);
    const target = loaded.config.deploy ? await ctx.target() : undefined;
    // The rollout of `from`, as this workspace or the tracking server recorded it: its snapshot restores serving exactly.
    const file = (0,_deploy_rollout_state__WEBPACK_IMPORTED_MODULE_3__/* .statePath */ .BQ)(node_path__WEBPACK_IMPORTED_MODULE_2___default().resolve(loaded.workdir, loaded.config.artifacts_dir), model, environment);
    const recorded = await rolloutOf(ctx, file, model, from, environment);
    // The snapshot is what served before `from`; a rollback to another version must not restore it.
    const snapshot = recorded && (requested === undefined || restore.to === recorded.previousVersion) ? (recorded.snapshot ?? undefined) : undefined;
    const plan = [
        ...(target ? [`${target.kind}: ${target.describeRollback((0,_promote_restore__WEBPACK_IMPORTED_MODULE_5__/* .rollbackRequest */ .I6)(restore, snapshot))}`] : []),
        restore.aliasAlreadyRestored
            ? restore.to === null
                ? `@${alias} stays on ${from}, already tagged rolled back (no earlier version); leave it`
                : `@${alias} already points at ${restore.to}; leave it`
            : restore.to === null
                ? `leave @${alias} on ${from} (no earlier version) and tag it rolled back`
                : `move @${alias} from ${from} back to ${restore.to}`,
    ];
    const result = { mode: 'rollback', dryRun: ctx.dryRun, model, alias, environment, version: restore.to, restoredFrom: from, plan, resumed: restore.aliasAlreadyRestored, cause: inputs.rollbackCause ?? null };
    if (ctx.dryRun) {
        for (const line of plan)
            logger.info(`dry run: would ${line}`);
        return result;
    }
    const at = new Date(ctx.clock.now()).toISOString();
    await (0,_promote_restore__WEBPACK_IMPORTED_MODULE_5__/* .executeRestore */ .S7)(restore, registry, target, ctx.run, at, logger, snapshot);
    if (recorded && recorded.status !== 'rolled_back') {
        recorded.status = 'rolled_back';
        // Tags are already written by executeRestore; the file says so too, so a re-deploy after a re-promotion starts afresh.
        await new _deploy_rollout_state__WEBPACK_IMPORTED_MODULE_3__/* .RolloutRecorder */ .Gg(file, registry, false, () => at).save(recorded);
    }
    try {
        await ctx.deployments?.retire?.({ environment, model, version: from }, `${model} v${from} rolled back in ${environment}; ${restore.to === null ? 'no earlier version to serve' : `v${restore.to} serves again`}`);
    }
    catch (error) {
        logger.warn(`could not mark the deployment of v${from} inactive: ${(0,_errors__WEBPACK_IMPORTED_MODULE_4__/* .messageOf */ .bD)(error)}`);
    }
    return result;
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
