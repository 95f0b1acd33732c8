'use strict';
({ id: 119, ids: [119], modules: {

/***/ 8119:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   verify: () => (/* binding */ verify)
/* harmony export */ });
/* harmony import */ var _charts_latency__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(523);
/* harmony import */ var _charts_rollout__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6151);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _registry_tags__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7906);
/* harmony import */ var _versions__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7763);





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


/***/ })

} })
