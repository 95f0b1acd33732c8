'use strict';
({ id: 119, ids: [119], modules: {

/***/ 98119:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   verify: () => (/* binding */ verify)
/* harmony export */ });
/* harmony import */ var _charts_latency__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(20523);
/* harmony import */ var _charts_rollout__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48532);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(83916);
/* harmony import */ var _registry_tags__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7906);
/* harmony import */ var _versions__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(67763);





/** Runs the configured analysis on its own: a post-deploy smoke check. */
async function verify(ctx, inputs) {
    const { loaded, registry, logger } = ctx;
    if (!loaded.config.deploy?.analysis)
        throw new _errors__WEBPACK_IMPORTED_MODULE_2__/* .ConfigError */ .xL(`${loaded.file}: verify mode runs deploy.analysis, which is not configured`);
    const model = loaded.config.model.name;
    const version = await (0,_versions__WEBPACK_IMPORTED_MODULE_4__/* .versionOrHolder */ .sV)('verify', inputs, registry, model, loaded.config.promote.alias);
    // A version the registry does not have cannot be serving: probing would judge whatever does.
    const found = await (0,_versions__WEBPACK_IMPORTED_MODULE_4__/* .requireVersion */ .eU)(registry, model, version);
    const previous = found.tags[_registry_tags__WEBPACK_IMPORTED_MODULE_3__/* .tagKeys */ .bi.previousHolder(loaded.config.promote.alias)];
    const environment = loaded.environment ?? 'default';
    const variables = { model, version, previousVersion: previous && previous !== _registry_tags__WEBPACK_IMPORTED_MODULE_3__/* .noVersion */ .yV ? previous : null, environment };
    const analysis = await ctx.analysis();
    const plan = analysis.describe(variables);
    const base = { mode: 'verify', dryRun: ctx.dryRun, model, version, environment, provider: analysis.kind, plan };
    if (ctx.dryRun) {
        logger.info(`dry run: would ${plan}`);
        return { ...base, decision: 'skipped', metrics: {}, checks: [], latency: null };
    }
    const result = await logger.group(`verify ${model} v${version}: ${plan}`, () => analysis.run(variables, ctx.signal));
    const latency = (0,_charts_latency__WEBPACK_IMPORTED_MODULE_0__/* .latencyHistogram */ .r)(result.observation, (0,_charts_rollout__WEBPACK_IMPORTED_MODULE_1__/* .rolloutLimits */ .CH)(loaded.config.deploy.analysis).latencyP95Ms);
    return { ...base, decision: result.passed ? 'pass' : 'fail', metrics: result.metrics, checks: result.checks, latency };
}


/***/ }),

/***/ 67763:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EX: () => (/* binding */ requireVersionInput),
/* harmony export */   Qd: () => (/* binding */ checkVersionNumber),
/* harmony export */   eU: () => (/* binding */ requireVersion),
/* harmony export */   sV: () => (/* binding */ versionOrHolder)
/* harmony export */ });
/* unused harmony export noSuchVersion */
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);

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


/***/ })

} })
