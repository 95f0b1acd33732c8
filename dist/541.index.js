'use strict';
({ id: 541, ids: [541], modules: {

/***/ 45541:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   detect: () => (/* binding */ detect)
/* harmony export */ });
/* harmony import */ var _registry_tags__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7906);

/**
 * What a schedule or a registry webhook should release next. A version the gate already
 * decided (pass or fail) is not listed again, so a blocked version is not retried forever; one
 * whose gate could not decide (`error`: a crashed or cancelled run, or an evaluation since) is
 * listed, so it is not dropped without a trace.
 */
const decided = new Set(['pass', 'fail']);
async function detect(ctx) {
    const { loaded, registry } = ctx;
    const model = loaded.config.model.name;
    const alias = loaded.config.promote.alias;
    const versions = await registry.listVersions(model);
    // A schedule that watches a misspelt name would report "no new versions" for ever, unseen. A
    // warning, not a failure: a repository may schedule detect before its first version exists.
    if (versions.length === 0 && !(await registry.modelExists(model))) {
        ctx.logger.warn(`${loaded.file}: model.name: the ${registry.kind} registry has no model named ${JSON.stringify(model)}; check the name (registry register creates it with its first version)`);
    }
    const released = versions.filter((v) => v.tags[_registry_tags__WEBPACK_IMPORTED_MODULE_0__/* .tagKeys */ .bi.promotedAt(alias)] !== undefined || v.aliases.includes(alias)).map((v) => Number(v.version));
    const last = released.length ? Math.max(...released) : null;
    const pending = versions
        .filter((v) => v.status === 'READY' && (last === null || Number(v.version) > last) && !decided.has(v.tags[_registry_tags__WEBPACK_IMPORTED_MODULE_0__/* .tagKeys */ .bi.gateDecision] ?? ''))
        .map((v) => v.version)
        .sort((a, b) => Number(a) - Number(b));
    ctx.logger.info(`${model}: last released to @${alias}: ${last === null ? 'none' : `v${last}`}; new: ${pending.length ? pending.map((v) => `v${v}`).join(', ') : 'none'}`);
    return { mode: 'detect', dryRun: ctx.dryRun, model, alias, lastReleased: last === null ? null : String(last), versions: pending };
}


/***/ })

} })
