export const id = 541;
export const ids = [541];
export const modules = {

/***/ 45541:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   detect: () => (/* binding */ detect)
/* harmony export */ });
/* harmony import */ var _registry_tags__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7906);

/**
 * What a schedule or a registry webhook should release next. A version the gate already
 * decided (pass or fail) is not listed again, so a blocked version is not retried forever.
 */
async function detect(ctx) {
    const { loaded, registry } = ctx;
    const model = loaded.config.model.name;
    const alias = loaded.config.promote.alias;
    const versions = await registry.listVersions(model);
    const released = versions.filter((v) => v.tags[_registry_tags__WEBPACK_IMPORTED_MODULE_0__/* .tagKeys */ .bi.promotedAt(alias)] !== undefined || v.aliases.includes(alias)).map((v) => Number(v.version));
    const last = released.length ? Math.max(...released) : null;
    const pending = versions
        .filter((v) => v.status === 'READY' && (last === null || Number(v.version) > last) && v.tags[_registry_tags__WEBPACK_IMPORTED_MODULE_0__/* .tagKeys */ .bi.gateDecision] === undefined)
        .map((v) => v.version)
        .sort((a, b) => Number(a) - Number(b));
    ctx.logger.info(`${model}: last released to @${alias}: ${last === null ? 'none' : `v${last}`}; new: ${pending.length ? pending.map((v) => `v${v}`).join(', ') : 'none'}`);
    return { mode: 'detect', dryRun: ctx.dryRun, model, alias, lastReleased: last === null ? null : String(last), versions: pending };
}


/***/ }),

/***/ 7906:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   bi: () => (/* binding */ tagKeys),
/* harmony export */   yV: () => (/* binding */ noVersion)
/* harmony export */ });
/* unused harmony export reservedTagPrefix */
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


/***/ })

};
