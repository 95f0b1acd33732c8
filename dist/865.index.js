export const id = 865;
export const ids = [865];
export const modules = {

/***/ 3865:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  eventFromError: () => (/* binding */ eventFromError),
  eventFromResult: () => (/* binding */ eventFromResult)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
;// CONCATENATED MODULE: ./src/notify/types.ts
const reasonLimit = 3;

;// CONCATENATED MODULE: ./src/notify/event.ts


/** The event a finished mode raises, if any: dry runs and re-runs that changed nothing raise none. */
function eventFromResult(ctx, result) {
    if (result.dryRun)
        return undefined;
    const environment = ctx.loaded.environment ?? 'default';
    const base = { ctx, model: result.model, environment };
    switch (result.mode) {
        case 'gate':
            if (result.decision !== 'fail')
                return undefined;
            return event_event(base, 'gate_failed', false, result.version, `${result.model} v${result.version} failed the gate`, result.rules.filter((r) => !r.passed).map((r) => r.reason));
        case 'promote':
            if (!result.changed)
                return undefined;
            return event_event(base, 'promoted', true, result.version, `${result.model} v${result.version} promoted to @${result.alias}`, [
                `@${result.alias} moved from ${result.previousVersion === null ? 'no version' : `v${result.previousVersion}`} to v${result.version}`,
            ]);
        case 'deploy':
            if (result.alreadyDeployed)
                return undefined;
            if (result.failure) {
                const where = result.failure.at ? ` at step ${result.failure.at.index} of ${result.failure.at.count} (${result.failure.at.weight}%)` : '';
                const back = result.previousVersion === null ? 'no earlier version to serve' : `v${result.previousVersion} serves again`;
                return event_event(base, 'automatic_rollback', true, result.version, `${result.model} v${result.version} rolled back automatically in ${environment}`, [
                    `${result.failure.step} failed${where}: ${result.failure.reason}`,
                    `rolled back: ${back}`,
                ]);
            }
            return event_event(base, 'deployed', true, result.version, `${result.model} v${result.version} deployed to ${environment}`, [
                `${result.strategy} rollout${result.steps.length > 1 ? ` in ${result.steps.length} steps (${result.steps.map((s) => `${s.weight}%`).join(' → ')})` : ''} to ${result.target} succeeded${result.skipAnalysis ? ' without analysis (skip_analysis)' : ''}`,
            ]);
        case 'rollback':
            return event_event(base, 'manual_rollback', true, result.restoredFrom, `${result.model} v${result.restoredFrom} rolled back in ${environment}`, [
                result.version === null ? 'no earlier version to serve' : `v${result.version} serves again`,
                ...(result.resumed ? ['finished an earlier rollback'] : []),
            ]);
        default:
            return undefined;
    }
}
/**
 * The event a mode that threw raises: a rollback that did not finish is the message that matters
 * most, so it is sent and says so. Other errors are reported by the shells as they are.
 */
function eventFromError(ctx, mode, inputs, error) {
    if (ctx.dryRun)
        return undefined;
    const model = ctx.loaded.config.model.name;
    const environment = ctx.loaded.environment ?? 'default';
    const base = { ctx, model, environment };
    if (mode === 'deploy' && error instanceof errors/* RollbackFailedError */.CJ) {
        return event_event(base, 'automatic_rollback', false, error.version, `${model} v${error.version}: the automatic rollback in ${environment} did NOT finish`, [(0,errors/* messageOf */.bD)(error)]);
    }
    if (mode === 'rollback') {
        const version = inputs.modelVersion?.trim() || `@${ctx.loaded.config.promote.alias} holder`;
        return event_event(base, 'manual_rollback', false, version, `${model} ${version.startsWith('@') ? version : `v${version}`}: the rollback in ${environment} did NOT finish`, [(0,errors/* messageOf */.bD)(error)]);
    }
    return undefined;
}
function event_event(base, kind, ok, version, title, reasons) {
    const { ctx, model, environment } = base;
    return {
        kind,
        ok,
        title,
        model,
        version,
        environment,
        reasons: reasons.slice(0, reasonLimit),
        reasonCount: reasons.length,
        links: { run: ctx.run.runUrl, summary: ctx.run.summaryUrl ?? ctx.run.runUrl },
        repository: ctx.run.repository,
        actor: ctx.run.actor,
        at: new Date(ctx.clock.now()).toISOString(),
    };
}


/***/ })

};
