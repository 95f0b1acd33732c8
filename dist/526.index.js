export const id = 526;
export const ids = [526];
export const modules = {

/***/ 49526:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  promote: () => (/* binding */ promote)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/registry/tags.ts
var tags = __webpack_require__(7906);
;// CONCATENATED MODULE: ./src/promote/audit.ts

function promotionAuditTags(alias, run, at) {
    // promoted_at last: tags are written in order, so once it is there the others are too.
    return {
        [tags/* tagKeys */.b.promotedBy(alias)]: run.actor,
        ...(run.runUrl ? { [tags/* tagKeys */.b.promotedRun(alias)]: run.runUrl } : {}),
        ...(run.sha ? { [tags/* tagKeys */.b.promotedSha(alias)]: run.sha } : {}),
        [tags/* tagKeys */.b.promotedAt(alias)]: at,
    };
}

// EXTERNAL MODULE: ./src/registry/types.ts
var types = __webpack_require__(30234);
// EXTERNAL MODULE: ./src/modes/versions.ts
var versions = __webpack_require__(67763);
;// CONCATENATED MODULE: ./src/modes/promote.ts





/**
 * Moves the alias to a version with a passed gate decision, only if the alias is still held
 * by the version the caller expects. The previous holder is tagged on the candidate before
 * the alias moves, so a crash at any point leaves enough to finish or roll back.
 */
async function promote(ctx, inputs) {
    const { loaded, registry, logger } = ctx;
    const model = loaded.config.model.name;
    const alias = loaded.config.promote.alias;
    const version = (0,versions/* requireVersionInput */.EX)('promote', inputs);
    const candidate = await (0,versions/* requireVersion */.eU)(registry, model, version);
    const decision = candidate.tags[tags/* tagKeys */.b.gateDecision];
    if (decision !== 'pass') {
        throw new errors/* RefusedError */.fk(`${model} version ${version} has ${decision ? `a failed gate decision (${tags/* tagKeys */.b.gateDecision} = ${decision})` : 'no gate decision'}; only a version that passed the gate can be promoted to @${alias}. Run gate for it first`);
    }
    const expected = expectedHolder(inputs.expectedVersion, recordedHolder(candidate.tags[tags/* tagKeys */.b.gateAliasHolders], alias));
    const current = await registry.getAlias(model, alias);
    const base = { mode: 'promote', dryRun: ctx.dryRun, model, alias, version };
    const at = new Date(ctx.clock.now()).toISOString();
    if (current === version) {
        const recordedPrevious = candidate.tags[tags/* tagKeys */.b.previousHolder(alias)];
        const previousVersion = recordedPrevious && recordedPrevious !== tags/* noVersion */.y ? recordedPrevious : null;
        const started = candidate.tags[tags/* tagKeys */.b.promotionStartedAt(alias)];
        const finished = candidate.tags[tags/* tagKeys */.b.promotedAt(alias)];
        if (!ctx.dryRun && (finished === undefined || (started !== undefined && finished < started))) {
            // An earlier run moved the alias and stopped before its audit tags were all written
            // (promoted_at comes last, and one older than this promotion's start is left over from an earlier one): finish them.
            await registry.setVersionTags(model, version, promotionAuditTags(alias, ctx.run, at));
        }
        logger.info(`${model} version ${version} already holds @${alias}; nothing to do`);
        return { ...base, previousVersion, changed: false };
    }
    if (expected !== undefined && current !== expected) {
        throw new errors/* RefusedError */.fk(`refusing to promote ${model} version ${version}: @${alias} is held by ${describe(current)}, but ${describe(expected)} was expected (${inputs.expectedVersion ? 'expected-version input' : 'holder when the gate decided'}). Someone else released since; re-run the gate against the new holder`);
    }
    if (ctx.dryRun) {
        logger.info(`dry run: would move @${alias} on ${model} from ${describe(current)} to version ${version}`);
        return { ...base, previousVersion: current, changed: true };
    }
    await registry.setVersionTags(model, version, { [tags/* tagKeys */.b.previousHolder(alias)]: current ?? tags/* noVersion */.y, [tags/* tagKeys */.b.promotionStartedAt(alias)]: at });
    try {
        await registry.setAlias(model, alias, version, current);
    }
    catch (error) {
        if (error instanceof types/* AliasConflictError */.X)
            throw new errors/* RefusedError */.fk(`refusing to promote ${model} version ${version}: ${error.message}`);
        throw error;
    }
    const after = await registry.getAlias(model, alias);
    if (after !== version)
        throw new errors/* RefusedError */.fk(`promoting ${model} version ${version} did not stick: @${alias} is now held by ${describe(after)}; another release raced this one`);
    await registry.setVersionTags(model, version, promotionAuditTags(alias, ctx.run, at));
    return { ...base, previousVersion: current, changed: true };
}
/** The holder of `alias` when the gate decided: a version, `none` if unset, undefined if unknown. */
function recordedHolder(tag, alias) {
    if (tag === undefined)
        return undefined;
    try {
        const holders = JSON.parse(tag);
        const holder = holders[alias];
        return typeof holder === 'string' ? holder : tags/* noVersion */.y;
    }
    catch {
        throw new errors/* RefusedError */.fk(`the gate's record of alias holders (${tags/* tagKeys */.b.gateAliasHolders}) is not JSON; re-run the gate`);
    }
}
function expectedHolder(input, recorded) {
    const value = input?.trim() || recorded;
    if (value === undefined)
        return undefined;
    if (value === tags/* noVersion */.y)
        return null;
    if (!/^[\w.-]+$/.test(value))
        throw new errors/* UsageError */.eb(`expected-version "${value}" is not a version number or "none"`);
    return value;
}
function describe(holder) {
    return holder === null ? 'no version' : `version ${holder}`;
}


/***/ }),

/***/ 67763:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EX: () => (/* binding */ requireVersionInput),
/* harmony export */   eU: () => (/* binding */ requireVersion),
/* harmony export */   sV: () => (/* binding */ versionOrHolder)
/* harmony export */ });
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);

function requireVersionInput(mode, inputs) {
    const version = inputs.modelVersion?.trim();
    if (!version)
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb(`${mode} needs a model version: set the model-version input (CLI: --model-version)`);
    if (!/^[\w.-]+$/.test(version))
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb(`model-version "${version}" is not a version; registries number versions 1, 2, 3...`);
    return version;
}
async function requireVersion(registry, model, version) {
    const found = await registry.getVersion(model, version);
    if (!found) {
        const known = (await registry.listVersions(model)).map((v) => v.version);
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .RefusedError */ .fk(`${model} has no version ${version} in the ${registry.kind} registry${known.length ? ` (versions: ${known.join(', ')})` : ' (no versions registered)'}`);
    }
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


/***/ }),

/***/ 7906:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ tagKeys),
/* harmony export */   y: () => (/* binding */ noVersion)
/* harmony export */ });
/** Tag keys agent-release writes on model versions. One place, so readers and writers agree. */
const tagKeys = {
    gateDecision: 'agent_release.gate.decision',
    gateDecidedAt: 'agent_release.gate.decided_at',
    gateDecisionDigest: 'agent_release.gate.decision_sha256',
    gateRun: 'agent_release.gate.run_url',
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
    deployStatus: (environment) => `agent_release.deploy.${environment}.status`,
    deployedAt: (environment) => `agent_release.deploy.${environment}.at`,
};
/** Previous holder when there was none: a tag value cannot be null. */
const noVersion = 'none';


/***/ })

};
