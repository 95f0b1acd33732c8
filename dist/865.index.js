'use strict';
({ id: 865, ids: [865], modules: {

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
                `${result.strategy} rollout${result.steps.length > 1 ? ` in ${result.steps.length} steps (${result.steps.map((s) => `${s.weight}%`).join(' \u2192 ')})` : ''} to ${result.target} succeeded${result.skipAnalysis ? ' without analysis (skip_analysis)' : ''}`,
            ]);
        case 'verify':
            if (result.decision !== 'fail')
                return undefined;
            return event_event(base, 'verify_failed', false, result.version, `${result.model} v${result.version} failed verification in ${environment}`, result.checks.filter((c) => !c.passed).map((c) => c.reason));
        case 'rollback':
            // A re-run that found the alias already moved back: the earlier run made the change, and announced it.
            if (result.resumed)
                return undefined;
            return event_event(base, result.cause ? 'automatic_rollback' : 'manual_rollback', true, result.restoredFrom, `${result.model} v${result.restoredFrom} rolled back${result.cause ? ' automatically' : ''} in ${environment}`, [
                ...(result.cause ? [`${causeText[result.cause]}: the release workflow rolled back`] : []),
                result.version === null ? 'no earlier version to serve' : `v${result.version} serves again`,
            ]);
        default:
            return undefined;
    }
}
/**
 * The event a mode that threw raises: a rollback that did not finish is the message that matters
 * most, so it is sent and says so. Other errors are reported by the shells as they are. A mistyped
 * or refused command changed nothing, and a verify the user cancelled found nothing: no alarm.
 */
function eventFromError(ctx, mode, inputs, error) {
    if (ctx.dryRun)
        return undefined;
    if (error instanceof errors/* UsageError */.eb || error instanceof errors/* ConfigError */.xL || error instanceof errors/* InputError */.dz || error instanceof errors/* RefusedError */.fk)
        return undefined;
    if (mode === 'verify' && error instanceof errors/* CancelledError */.cc)
        return undefined;
    const model = ctx.loaded.config.model.name;
    const environment = ctx.loaded.environment ?? 'default';
    const base = { ctx, model, environment };
    if (mode === 'deploy' && error instanceof errors/* RollbackFailedError */.CJ) {
        return event_event(base, 'automatic_rollback', false, error.version, `${model} v${error.version}: the automatic rollback in ${environment} did NOT finish`, [(0,errors/* messageOf */.bD)(error)]);
    }
    if (mode === 'verify') {
        const version = inputs.modelVersion?.trim() || `@${ctx.loaded.config.promote.alias} holder`;
        return event_event(base, 'verify_failed', false, version, `${model} ${version.startsWith('@') ? version : `v${version}`}: verification in ${environment} could not run`, [(0,errors/* messageOf */.bD)(error)]);
    }
    if (mode === 'rollback') {
        const version = (error instanceof errors/* RollbackFailedError */.CJ ? error.version : inputs.modelVersion?.trim()) || `@${ctx.loaded.config.promote.alias} holder`;
        const automatic = inputs.rollbackCause !== undefined;
        return event_event(base, automatic ? 'automatic_rollback' : 'manual_rollback', false, version, `${model} ${version.startsWith('@') ? version : `v${version}`}: the ${automatic ? 'automatic ' : ''}rollback in ${environment} did NOT finish`, [
            (0,errors/* messageOf */.bD)(error),
            ...(inputs.rollbackCause ? [`${causeText[inputs.rollbackCause]}: the release workflow rolled back`] : []),
        ]);
    }
    return undefined;
}
const causeText = {
    'promote-failed': 'promote failed',
    'deploy-failed': 'deploy failed',
    'verify-failed': 'verify failed',
    cancelled: 'the run was cancelled',
};
function event_event(base, kind, ok, version, title, reasons) {
    const { ctx, model, environment } = base;
    // Reasons quote remote APIs' errors, which may echo a token: every text goes through the shell's mask.
    const mask = ctx.mask ?? ((text) => text);
    const maybe = (text) => (text === null ? null : mask(text));
    return {
        kind,
        ok,
        title: mask(title),
        model: mask(model),
        version: mask(version),
        environment: mask(environment),
        reasons: reasons.slice(0, reasonLimit).map(mask),
        reasonCount: reasons.length,
        links: { run: maybe(ctx.run.runUrl), summary: maybe(ctx.run.summaryUrl ?? ctx.run.runUrl) },
        repository: maybe(ctx.run.repository),
        actor: mask(ctx.run.actor),
        at: new Date(ctx.clock.now()).toISOString(),
    };
}


/***/ })

} })
