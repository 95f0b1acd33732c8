'use strict';
({ id: 311, ids: [311,171], modules: {

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

/***/ 4311:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  promote: () => (/* binding */ promote)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/registry/tags.ts
var registry_tags = __webpack_require__(7906);
;// CONCATENATED MODULE: ./src/promote/approval.ts


/**
 * The approval promote.uc_approval mirrors into Unity Catalog: named on the command line
 * (--approved-by, outside Actions), else read from the run's review history. Without one it
 * refuses, before anything moves: the tag would otherwise claim an approval nobody gave.
 */
async function approvalToRecord(options) {
    const { environment, approvedBy, source, model, version, tag } = options;
    const refuse = (why) => {
        throw new errors/* RefusedError */.fk(`refusing to promote ${model} version ${version}: promote.uc_approval records the GitHub environment's approval as the Unity Catalog tag ${tag}, but ${why}; nothing was changed`);
    };
    // Named approvers too: the tag says which environment they approved, and "default" is none.
    if (!environment)
        return refuse('no environment is set (the environment input, --environment), so there is no environment approval to record');
    const named = approvedBy?.split(',').map((s) => s.trim()).filter(Boolean) ?? [];
    if (named.length > 0)
        return { approvers: named };
    if (!source)
        return refuse(`no reviewer approval can be read here: in GitHub Actions give the job \`permissions: actions: read\` and a github-token; elsewhere pass --approved-by <name>`);
    const approval = await source(environment);
    if (!approval || approval.approvers.length === 0) {
        return refuse(`no reviewer approved the ${environment} environment in this workflow run; give the environment required reviewers (Settings \u2192 Environments), or remove promote.uc_approval for it`);
    }
    return approval;
}
/** The approval tag as the deployment job's approval task reads it, and who, when, where and from which run. */
function approvalTags(config, approval, run, environment, at) {
    return {
        [config.tag]: config.value,
        [registry_tags/* tagKeys */.bi.ucApprovedBy]: approval.approvers.join(', '),
        [registry_tags/* tagKeys */.bi.ucApprovedAt]: at,
        [registry_tags/* tagKeys */.bi.ucApprovalEnvironment]: environment,
        ...(run.runUrl ? { [registry_tags/* tagKeys */.bi.ucApprovalRun]: run.runUrl } : {}),
    };
}

;// CONCATENATED MODULE: ./src/promote/audit.ts

function promotionAuditTags(alias, run, at) {
    // promoted_at last: tags are written in order, so once it is there the others are too.
    return {
        [registry_tags/* tagKeys */.bi.promotedBy(alias)]: run.actor,
        ...(run.runUrl ? { [registry_tags/* tagKeys */.bi.promotedRun(alias)]: run.runUrl } : {}),
        ...(run.sha ? { [registry_tags/* tagKeys */.bi.promotedSha(alias)]: run.sha } : {}),
        [registry_tags/* tagKeys */.bi.promotedAt(alias)]: at,
    };
}

// EXTERNAL MODULE: ./src/promote/restore.ts
var restore = __webpack_require__(1234);
// EXTERNAL MODULE: ./src/fs-async.ts
var fs_async = __webpack_require__(7253);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/contract/decision.ts
var contract_decision = __webpack_require__(2162);
// EXTERNAL MODULE: ./src/gate/decision-record.ts
var decision_record = __webpack_require__(8171);
// EXTERNAL MODULE: ./src/gate/policy-digest.ts
var policy_digest = __webpack_require__(742);
// EXTERNAL MODULE: ./src/modes/paths.ts
var paths = __webpack_require__(924);
// EXTERNAL MODULE: ./src/tracking/runs.ts
var tracking_runs = __webpack_require__(8891);
// EXTERNAL MODULE: ./src/hash/sha256.ts
var sha256 = __webpack_require__(6813);
;// CONCATENATED MODULE: ./src/promote/verified-decision.ts
/**
 * Promote trusts the gate's record, never a tag alone: decision.json must hash to the
 * decision_sha256 tag, name this model and version, and say pass. A tag set by hand, a record
 * copied from another version or replaced after the gate is refused by name (issue 15, item 3).
 */











async function verifiedDecision(ctx, model, version, tags, alias) {
    const refuse = (why) => {
        throw new errors/* RefusedError */.fk(`refusing to promote ${model} version ${version} to @${alias}: ${why}`);
    };
    const state = tags[registry_tags/* tagKeys */.bi.gateDecision];
    if (state !== 'pass') {
        const recorded = state === undefined
            ? 'no gate decision'
            : state === 'error'
                ? `no completed gate decision (${registry_tags/* tagKeys */.bi.gateDecision} = error: the version was evaluated again since its decision, or the last gate run stopped before it decided, or is still running)`
                : `a failed gate decision (${registry_tags/* tagKeys */.bi.gateDecision} = ${state})`;
        const next = state === undefined || state === 'error' ? 'Run the gate on its current evaluation first' : 'Fix what failed, evaluate the fixed version and gate that evaluation';
        throw new errors/* RefusedError */.fk(`${model} version ${version} has ${recorded}; only a version that passed the gate can be promoted to @${alias}. ${next}`);
    }
    const digest = tags[registry_tags/* tagKeys */.bi.gateDecisionDigest];
    if (!digest)
        refuse(`its ${registry_tags/* tagKeys */.bi.gateDecision} tag says pass, but there is no ${registry_tags/* tagKeys */.bi.gateDecisionDigest} tag naming the decision record; a pass tag without the gate's record is not a decision. Run gate for it`);
    const copies = await decisionCopies(ctx, version, tags[registry_tags/* tagKeys */.bi.gateDecisionUri]);
    if (copies.length === 0) {
        refuse(`its gate decision record is neither at ${(0,paths/* shown */.S)(ctx.loaded, (0,decision_record/* decisionFileOf */.YL)(ctx, version))} nor in MLflow${tags[registry_tags/* tagKeys */.bi.gateDecisionUri] ? ` (${tags[registry_tags/* tagKeys */.bi.gateDecisionUri]})` : ''}; bring the gate's decision.json to this runner (the artifacts directory) or re-run the gate`);
    }
    // The tracked copy, when there is one, is the record: a local file that matches rewritten tags does not outvote it.
    const tracked = copies.find((copy) => copy.tracked);
    const matching = tracked ? (verified_decision_sha256(tracked.bytes) === digest ? tracked : undefined) : copies.find((copy) => verified_decision_sha256(copy.bytes) === digest);
    if (!matching) {
        refuse(`the gate decision record does not match the ${registry_tags/* tagKeys */.bi.gateDecisionDigest} tag (${digest}): ${copies.map((c) => `${c.where} has sha256 ${verified_decision_sha256(c.bytes)}`).join('; ')}. The record or the tag was changed after the gate decided; re-run the gate`);
    }
    const { where, bytes } = matching;
    let decision;
    try {
        decision = contract_decision/* decisionSchema */.Ow.parse(JSON.parse(bytes.toString('utf8')));
    }
    catch (error) {
        return refuse(`the gate decision record ${where} is not a decision (${(0,errors/* messageOf */.bD)(error).split('\n')[0]}); re-run the gate`);
    }
    if (decision.model.name !== model || decision.model.version !== version) {
        refuse(`the gate decision record ${where} is the decision on ${decision.model.name} version ${decision.model.version}, not on this release; re-run the gate for version ${version}`);
    }
    if (decision.decision !== 'pass')
        refuse(`the gate decision record ${where} says ${decision.decision}, although the ${registry_tags/* tagKeys */.bi.gateDecision} tag says pass; re-run the gate`);
    if (decision.gate_policy !== undefined && decision.gate_policy !== (0,policy_digest/* gatePolicyDigest */.Q)(ctx.loaded.config.gate)) {
        const environment = ctx.loaded.environment;
        refuse(`version ${version} passed the gate under other gate settings than ${environment ? `environment ${environment}'s` : 'these'} (its thresholds, baseline or shadow settings${environment ? `, with the ${environment} overlay applied,` : ''} differ from those in ${where}); gate it under these settings first: agent-release gate --model-version ${version}${environment ? ` --environment ${environment}` : ''}`);
    }
    const newer = await laterEvaluation(ctx, model, version, tags[registry_tags/* tagKeys */.bi.gateDecisionUri]);
    if (newer)
        refuse(`the gate decided on evaluation run ${newer.judged}, but the version was evaluated again since (run ${newer.latest}); a decision on an earlier evaluation does not stand, whatever the tags say. Run the gate on the new evaluation`);
    return decision;
}
/**
 * The tracking server's runs, not the version's tags, say which evaluation is the latest: a pass
 * put back on the tags after a re-evaluation withdrew it must not stand, and undoing the run
 * needs write access to the tracking server as well. Only a decision the gate recorded on the
 * evaluation run it judged (`.../gate/decision.json`) names that run; a pull request's evaluation
 * previews a change and does not count.
 */
async function laterEvaluation(ctx, model, version, uri) {
    const judged = /^runs:\/([^/]+)\/gate\/decision\.json$/.exec(uri ?? '')?.[1];
    const tracking = ctx.tracking;
    if (!judged || !tracking)
        return undefined;
    const experiment = await tracking.client.getExperiment(tracking.tracker.experiments.evaluation);
    if (!experiment)
        return undefined;
    const { runs } = await tracking.client.searchRuns({ experimentIds: [experiment.experiment_id], filter: (0,tracking_runs/* evaluationRunFilter */.Kp)(model, version), orderBy: ['attributes.start_time DESC'], maxResults: 20 });
    const latest = runs.find((run) => !run.data.tags.some((t) => t.key === tracking_runs/* trackingTags */.tQ.pullRequest && t.value === 'true'));
    return latest && latest.info.run_id !== judged ? { judged, latest: latest.info.run_id } : undefined;
}
/** The local file first; the MLflow copy too, so a stale local file from an earlier run does not hide the current record. */
async function decisionCopies(ctx, version, uri) {
    const copies = [];
    const file = (0,decision_record/* decisionFileOf */.YL)(ctx, version);
    try {
        copies.push({ where: (0,paths/* shown */.S)(ctx.loaded, file), bytes: await (0,fs_async/* readFile */.TA)(file), tracked: false });
    }
    catch (error) {
        if (error.code !== 'ENOENT')
            throw error;
    }
    const registry = ctx.loaded.config.model.registry;
    if (uri && ctx.tracking && (registry === 'mlflow' || registry === 'unity-catalog')) {
        const remote = await fromMlflow(ctx, uri);
        if (remote)
            copies.push(remote);
    }
    return copies;
}
async function fromMlflow(ctx, uri) {
    const match = /^runs:\/([^/]+)\/(.+)$/.exec(uri);
    const client = ctx.tracking?.client;
    if (!match || !client)
        return undefined;
    const [, runId, artifact] = match;
    const run = await client.getRun(runId);
    if (!run)
        return undefined;
    const tagged = run.data.tags.find((t) => t.key === decision_record/* decisionRunTag */.oP)?.value;
    if (tagged !== undefined)
        return { where: `MLflow run ${runId} (tag ${decision_record/* decisionRunTag */.oP})`, bytes: Buffer.from(tagged, 'utf8'), tracked: true };
    const dir = await (0,fs_async/* mkdtemp */.jV)(external_node_path_default().join(external_node_os_default().tmpdir(), 'agent-release-decision-'));
    try {
        const local = external_node_path_default().join(dir, 'decision.json');
        if (!(await client.downloadArtifact(run, artifact, local)))
            return undefined;
        return { where: uri, bytes: await (0,fs_async/* readFile */.TA)(local), tracked: true };
    }
    finally {
        await (0,fs_async.rm)(dir, { recursive: true, force: true });
    }
}
function verified_decision_sha256(bytes) {
    return (0,sha256/* sha256Hex */.fg)(bytes);
}

// EXTERNAL MODULE: ./src/registry/types.ts
var types = __webpack_require__(234);
// EXTERNAL MODULE: ./src/modes/versions.ts
var versions = __webpack_require__(7763);
;// CONCATENATED MODULE: ./src/modes/promote.ts








/**
 * Moves the alias to a version with a passed gate decision (the record itself, verified, not a
 * tag alone), only if the alias is still held by the version the caller expects. The previous holder is tagged on the candidate before
 * the alias moves, so a crash at any point leaves enough to finish or roll back.
 */
async function promote(ctx, inputs) {
    const { loaded, registry, logger } = ctx;
    const model = loaded.config.model.name;
    const alias = loaded.config.promote.alias;
    const version = (0,versions/* requireVersionInput */.EX)('promote', inputs);
    refuseSharedAlias(loaded.environment, alias, inputs.stagesFor);
    const candidate = await (0,versions/* requireVersion */.eU)(registry, model, version);
    const current = await registry.getAlias(model, alias);
    const base = { mode: 'promote', dryRun: ctx.dryRun, model, alias, version };
    const at = new Date(ctx.clock.now()).toISOString();
    if (current === version) {
        const recordedPrevious = candidate.tags[registry_tags/* tagKeys */.bi.previousHolder(alias)];
        const previousVersion = recordedPrevious && recordedPrevious !== registry_tags/* noVersion */.yV ? recordedPrevious : null;
        const started = candidate.tags[registry_tags/* tagKeys */.bi.promotionStartedAt(alias)];
        const finished = candidate.tags[registry_tags/* tagKeys */.bi.promotedAt(alias)];
        if (finished === undefined || (started !== undefined && finished < started)) {
            // An earlier run moved the alias and stopped before its audit tags were all written
            // (promoted_at comes last, and one older than this promotion's start is left over from an earlier one): finish them, for a decision that still stands.
            await verifiedDecision(ctx, model, version, candidate.tags, alias);
            if (!ctx.dryRun)
                await registry.setVersionTags(model, version, promotionAuditTags(alias, ctx.run, at));
        }
        else if (candidate.tags[registry_tags/* tagKeys */.bi.gateDecision] !== 'pass') {
            // Moving nothing needs no decision; but whoever re-runs a release should know the one it was made on no longer stands.
            logger.warn(`${model} version ${version} holds @${alias} from an earlier promotion, but its gate decision is now ${candidate.tags[registry_tags/* tagKeys */.bi.gateDecision] ?? 'missing'}; run the gate on its current evaluation, or roll it back if it should not serve`);
        }
        logger.info(`${model} version ${version} already holds @${alias}; nothing to do`);
        return { ...base, previousVersion, changed: false };
    }
    const decision = await verifiedDecision(ctx, model, version, candidate.tags, alias);
    const expected = expectedHolder(inputs.expectedVersion, decision.aliases[alias] ?? registry_tags/* noVersion */.yV);
    if (expected !== undefined && current !== expected) {
        throw new errors/* RefusedError */.fk(`refusing to promote ${model} version ${version}: @${alias} is held by ${describe(current)}, but ${describe(expected)} was expected (${inputs.expectedVersion ? 'expected-version input' : 'holder when the gate decided'}). Someone else released since; re-run the gate against the new holder`);
    }
    await refuseDuringRollout(ctx, model, alias, current, version, loaded.environment ?? 'default');
    const ucApproval = loaded.config.promote.uc_approval;
    if (ctx.dryRun) {
        if (ucApproval)
            logger.info(`dry run: would record the ${loaded.environment ?? '(no)'} environment's approval on version ${version} as the Unity Catalog tag ${ucApproval.tag}=${ucApproval.value}`);
        logger.info(`dry run: would move @${alias} on ${model} from ${describe(current)} to version ${version}`);
        return { ...base, previousVersion: current, changed: true };
    }
    // Governance sees the approval before the alias moves: the tag first, with who approved and from which run.
    const approved = ucApproval
        ? approvalTags(ucApproval, await approvalToRecord({ environment: loaded.environment, approvedBy: inputs.approvedBy, source: ctx.approvals, model, version, tag: ucApproval.tag }), ctx.run, loaded.environment ?? 'default', at)
        : {};
    // What a rollback of this version restores: the holder, unless the holder itself failed and was rolled back (a first release that failed keeps the alias).
    const restorable = await (0,restore/* lastGoodHolder */.O5)(registry, model, alias, current, version);
    if (restorable !== current)
        logger.info(`@${alias} is held by version ${current}, which was rolled back after its last promotion; a rollback of version ${version} restores ${describe(restorable)}, not ${current}`);
    await registry.setVersionTags(model, version, { ...approved, [registry_tags/* tagKeys */.bi.previousHolder(alias)]: restorable ?? registry_tags/* noVersion */.yV, [registry_tags/* tagKeys */.bi.promotionStartedAt(alias)]: at });
    const rerun = `re-run: agent-release promote --model-version ${version}${loaded.environment ? ` --environment ${loaded.environment}` : ''}`;
    try {
        await registry.setAlias(model, alias, version, current);
    }
    catch (error) {
        if (error instanceof types/* AliasConflictError */.X)
            throw new errors/* RefusedError */.fk(`refusing to promote ${model} version ${version}: ${error.message}`);
        if (!(error instanceof errors/* RemoteError */.Hi))
            throw error;
        throw new errors/* RemoteError */.Hi(`promoting ${model} version ${version} stopped at moving @${alias} (held by ${describe(current)} before): ${(0,errors/* messageOf */.bD)(error)}; ${rerun}, which moves it, or finishes if it had moved`);
    }
    const after = await registry.getAlias(model, alias);
    if (after !== version)
        throw new errors/* RefusedError */.fk(`promoting ${model} version ${version} did not stick: @${alias} is now held by ${describe(after)}; another release raced this one`);
    try {
        await registry.setVersionTags(model, version, promotionAuditTags(alias, ctx.run, at));
    }
    catch (error) {
        if (!(error instanceof errors/* RemoteError */.Hi))
            throw error;
        throw new errors/* RemoteError */.Hi(`@${alias} now points at ${model} version ${version} (it was on ${describe(current)}), but the promotion's audit tags were not written: ${(0,errors/* messageOf */.bD)(error)}; ${rerun} to write them (the alias stays)`);
    }
    return { ...base, previousVersion: current, changed: true };
}
/**
 * A staging job whose overlay promotes to the alias production promotes to would release to
 * production before production's reviewers approve (release.yml's staging job runs first).
 */
function refuseSharedAlias(environment, alias, stagesFor) {
    if (!stagesFor || stagesFor.environment === environment || stagesFor.alias !== alias)
        return;
    const staging = environment ?? 'the base settings';
    throw new errors/* ConfigError */.xL(`${staging} and ${stagesFor.environment} both promote to @${alias}, so promoting here would release to ${stagesFor.environment} before its reviewers approve; give ${environment ?? 'this job'} an alias of its own under environments.${environment ?? '<name>'}.promote.alias (e.g. alias: ${environment ?? 'staging'})`);
}
function expectedHolder(input, recorded) {
    const value = input?.trim() || recorded;
    if (value === undefined)
        return undefined;
    if (value === registry_tags/* noVersion */.yV)
        return null;
    (0,versions/* checkVersionNumber */.Qd)('expected-version', value, ', or "none"');
    return value;
}
function describe(holder) {
    return holder === null ? 'no version' : `version ${holder}`;
}
/**
 * A promotion while the holder is still rolling out (or being rolled back) in this environment
 * would leave that rollout half done: its automatic rollback can no longer withdraw a version
 * that lost the alias, and the failed candidate would keep its traffic. Another environment's
 * rollout releases another alias and is not this promotion's business; status tags older than
 * the holder's latest promotion belong to an earlier release.
 */
async function refuseDuringRollout(ctx, model, alias, current, version, environment) {
    if (current === null)
        return;
    const tags = (await ctx.registry.getVersion(model, current))?.tags ?? {};
    const status = tags[registry_tags/* tagKeys */.bi.deployStatus(environment)];
    if (status !== 'in_progress' && status !== 'rolling_back')
        return;
    const promotedAt = tags[registry_tags/* tagKeys */.bi.promotionStartedAt(alias)] ?? tags[registry_tags/* tagKeys */.bi.promotedAt(alias)] ?? '';
    if ((tags[registry_tags/* tagKeys */.bi.deployedAt(environment)] ?? '') < promotedAt)
        return;
    const step = tags[`agent_release.deploy.${environment}.step`];
    const env = environment === 'default' ? '' : ` --environment ${environment}`;
    throw new errors/* RefusedError */.fk(`refusing to promote ${model} version ${version}: version ${current}, which holds @${alias}, is ${status === 'in_progress' ? 'still rolling out' : 'being rolled back'} in ${environment}${step ? ` (step ${step})` : ''}, and promoting now would leave that rollout half done. Let it finish, or finish it with agent-release deploy${env} (or withdraw it with agent-release rollback${env}), then promote`);
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
