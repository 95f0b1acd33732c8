'use strict';
({ id: 171, ids: [171], modules: {

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


/***/ })

} })
