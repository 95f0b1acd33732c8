'use strict';
({ id: 54, ids: [54], modules: {

/***/ 93054:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   rollback: () => (/* binding */ rollback)
/* harmony export */ });
/* harmony import */ var _fs_async__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(37253);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _deploy_rollout_state__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(92882);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(83916);
/* harmony import */ var _promote_restore__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(41234);
/* harmony import */ var _registry_tags__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7906);
/* harmony import */ var _versions__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(67763);








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


/***/ })

} })
