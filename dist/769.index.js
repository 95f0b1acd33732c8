export const id = 769;
export const ids = [769];
export const modules = {

/***/ 25769:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   deploy: () => (/* binding */ deploy)
/* harmony export */ });
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _promote_restore__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(41234);
/* harmony import */ var _registry_tags__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7906);
/* harmony import */ var _template__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(35237);
/* harmony import */ var _versions__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(67763);





async function deploy(ctx, inputs) {
    const { loaded, registry, logger } = ctx;
    const config = loaded.config.deploy;
    if (!config)
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`${loaded.file}: deploy mode needs a deploy section (target, strategy, command)`);
    const model = loaded.config.model.name;
    const alias = loaded.config.promote.alias;
    const environment = loaded.environment ?? 'default';
    const version = await (0,_versions__WEBPACK_IMPORTED_MODULE_3__/* .versionOrHolder */ .sV)('deploy', inputs, registry, model, alias);
    const candidate = await (0,_versions__WEBPACK_IMPORTED_MODULE_3__/* .requireVersion */ .eU)(registry, model, version);
    const holder = await registry.getAlias(model, alias);
    if (holder !== version) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .RefusedError */ .fk(`refusing to deploy ${model} version ${version}: it does not hold @${alias} (${holder === null ? 'no version does' : `version ${holder} does`}); promote it first`);
    }
    const recorded = candidate.tags[_registry_tags__WEBPACK_IMPORTED_MODULE_2__/* .tagKeys */ .b.previousHolder(alias)];
    const previousVersion = recorded && recorded !== _registry_tags__WEBPACK_IMPORTED_MODULE_2__/* .noVersion */ .y ? recorded : null;
    const target = ctx.target();
    const analysis = config.analysis ? ctx.analysis() : undefined;
    const request = { model, version, previousVersion, traffic: 100, environment };
    const variables = { model, version, previousVersion, environment };
    const plan = [`${target.kind}: ${target.describeDeploy(request)}`, ...(analysis ? [`then ${analysis.kind}: ${analysis.describe(variables)}`] : [])];
    const endpointUrl = config.url ? (0,_template__WEBPACK_IMPORTED_MODULE_4__/* .fillTemplate */ .o)(config.url, { version, model, environment }, 'deploy.url') : null;
    const result = {
        mode: 'deploy',
        dryRun: ctx.dryRun,
        model,
        version,
        previousVersion,
        environment,
        target: target.kind,
        strategy: config.strategy,
        plan,
        endpointUrl,
        deploymentId: null,
        analysis: null,
        failure: null,
        rolledBack: false,
    };
    if (ctx.dryRun) {
        for (const line of plan)
            logger.info(`dry run: would ${line}`);
        return result;
    }
    const at = () => new Date(ctx.clock.now()).toISOString();
    const startedAt = ctx.clock.now();
    try {
        const receipt = await logger.group(`deploy ${model} v${version} to ${environment}`, () => target.deploy(request));
        result.deploymentId = receipt.deploymentId;
        result.endpointUrl = receipt.endpointUrl ?? endpointUrl;
    }
    catch (error) {
        result.failure = { step: 'deploy', reason: (0,_errors__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(error) };
    }
    if (!result.failure && analysis) {
        result.analysis = await logger.group(`analysis: ${analysis.describe(variables)}`, () => analysis.run(variables, ctx.signal));
        if (!result.analysis.passed) {
            result.failure = { step: 'analysis', reason: result.analysis.checks.filter((c) => !c.passed).map((c) => c.reason).join('; ') };
        }
    }
    if (!result.failure) {
        await registry.setVersionTags(model, version, { [_registry_tags__WEBPACK_IMPORTED_MODULE_2__/* .tagKeys */ .b.deployStatus(environment)]: 'deployed', [_registry_tags__WEBPACK_IMPORTED_MODULE_2__/* .tagKeys */ .b.deployedAt(environment)]: at() });
        await recordDeployment(ctx, result, startedAt);
        return result;
    }
    logger.error(`${result.failure.step} failed: ${result.failure.reason}; rolling back`);
    try {
        const restore = await (0,_promote_restore__WEBPACK_IMPORTED_MODULE_1__/* .planRestore */ .q8)(registry, model, alias, version, environment);
        await (0,_promote_restore__WEBPACK_IMPORTED_MODULE_1__/* .executeRestore */ .S7)(restore, registry, target, ctx.run, at(), logger);
    }
    catch (error) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .RemoteError */ .Hi(`${result.failure.step} of ${model} version ${version} failed (${result.failure.reason}) and the automatic rollback did not finish: ${(0,_errors__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(error)}`);
    }
    result.rolledBack = true;
    await recordDeployment(ctx, result, startedAt);
    return result;
}
/**
 * A deploy_ run in the deployment experiment. The release itself has happened (or been rolled
 * back) by now, so a tracking failure is a warning, not a reason to report the rollout failed.
 */
async function recordDeployment(ctx, result, startedAt) {
    if (!ctx.tracking)
        return;
    try {
        const recorded = await ctx.tracking.tracker.recordDeployment({
            version: result.version,
            previousVersion: result.previousVersion,
            environment: result.environment,
            target: result.target,
            strategy: result.strategy,
            outcome: result.rolledBack ? 'rolled_back' : 'succeeded',
            startedAt,
            endpointUrl: result.endpointUrl,
            reason: result.failure ? `${result.failure.step}: ${result.failure.reason}` : undefined,
        });
        ctx.logger.info(`deployment recorded as MLflow run ${recorded.runName} (${recorded.runId})`);
    }
    catch (error) {
        ctx.logger.warn(`the deployment of ${result.model} v${result.version} to ${result.environment} could not be recorded in MLflow: ${(0,_errors__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(error)}`);
    }
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

/***/ 41234:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I6: () => (/* binding */ rollbackRequest),
/* harmony export */   S7: () => (/* binding */ executeRestore),
/* harmony export */   q8: () => (/* binding */ planRestore)
/* harmony export */ });
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _registry_tags__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7906);
/* harmony import */ var _registry_types__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(30234);



/**
 * Works out what rolling `from` back means, refusing when the registry does not agree that
 * `from` is (or just was) the holder: rolling back someone else's release is never right.
 */
async function planRestore(registry, model, alias, from, environment, requested) {
    const version = await registry.getVersion(model, from);
    if (!version)
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .RefusedError */ .fk(`cannot roll back ${model} version ${from}: the registry has no such version`);
    const recorded = version.tags[_registry_tags__WEBPACK_IMPORTED_MODULE_1__/* .tagKeys */ .b.previousHolder(alias)];
    if (recorded === undefined) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .RefusedError */ .fk(`cannot roll back ${model} version ${from}: it has no ${_registry_tags__WEBPACK_IMPORTED_MODULE_1__/* .tagKeys */ .b.previousHolder(alias)} tag, so it was never promoted to @${alias} by agent-release`);
    }
    const to = requested === undefined ? (recorded === _registry_tags__WEBPACK_IMPORTED_MODULE_1__/* .noVersion */ .y ? null : recorded) : await requireServedBefore(registry, model, alias, from, requested);
    const holder = await registry.getAlias(model, alias);
    // rolled_back_at is written before the alias moves back; one older than the version's latest promotion is left over from an earlier rollback.
    const rolledBackAt = version.tags[_registry_tags__WEBPACK_IMPORTED_MODULE_1__/* .tagKeys */ .b.rolledBackAt(alias)];
    const promotedAt = version.tags[_registry_tags__WEBPACK_IMPORTED_MODULE_1__/* .tagKeys */ .b.promotionStartedAt(alias)] ?? version.tags[_registry_tags__WEBPACK_IMPORTED_MODULE_1__/* .tagKeys */ .b.promotedAt(alias)];
    const rolledBack = rolledBackAt !== undefined && (promotedAt === undefined || rolledBackAt >= promotedAt);
    const aliasAlreadyRestored = holder !== from && holder === to && rolledBack;
    if (holder !== from && !aliasAlreadyRestored) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .RefusedError */ .fk(`cannot roll back ${model} version ${from}: @${alias} is held by ${holder === null ? 'no version' : `version ${holder}`}, not ${from}; nothing of ${from} is live to withdraw`);
    }
    return { model, alias, from, to, environment, aliasAlreadyRestored };
}
/** A named rollback target must have held the alias before: only a known-good version. */
async function requireServedBefore(registry, model, alias, from, requested) {
    if (requested === from)
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .RefusedError */ .fk(`cannot roll back ${model} version ${from} to itself`);
    const target = await registry.getVersion(model, requested);
    if (!target)
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .RefusedError */ .fk(`cannot roll back to ${model} version ${requested}: the registry has no such version`);
    if (target.tags[_registry_tags__WEBPACK_IMPORTED_MODULE_1__/* .tagKeys */ .b.promotedAt(alias)] === undefined) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .RefusedError */ .fk(`cannot roll back to ${model} version ${requested}: it never held @${alias}, so it is not a known-good release; promote it through the gate instead`);
    }
    return requested;
}
/**
 * Serving first (users see it), then the alias. Each step is safe to repeat, so when one
 * fails the message says to re-run rollback, which converges.
 */
async function executeRestore(plan, registry, target, run, at, logger) {
    const retry = `re-run: agent-release rollback --model-version ${plan.from}${plan.environment !== 'default' ? ` --environment ${plan.environment}` : ''}`;
    if (target) {
        try {
            await logger.group(`rollback serving: ${target.describeRollback(rollbackRequest(plan))}`, () => target.rollback(rollbackRequest(plan)));
        }
        catch (error) {
            throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .RemoteError */ .Hi(`rolling back serving of ${plan.model} from version ${plan.from} failed: ${(0,_errors__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(error)}. @${plan.alias} still points at ${plan.from}; fix the cause and ${retry}`);
        }
    }
    if (plan.aliasAlreadyRestored)
        return;
    // Recorded before the alias moves, rolled_back_at last: a run that stops after the move leaves
    // the complete record, which is how a re-run knows it is resuming rather than meddling.
    await registry.setVersionTags(plan.model, plan.from, {
        [_registry_tags__WEBPACK_IMPORTED_MODULE_1__/* .tagKeys */ .b.rolledBackBy(plan.alias)]: run.actor,
        [_registry_tags__WEBPACK_IMPORTED_MODULE_1__/* .tagKeys */ .b.deployStatus(plan.environment)]: 'rolled_back',
        [_registry_tags__WEBPACK_IMPORTED_MODULE_1__/* .tagKeys */ .b.deployedAt(plan.environment)]: at,
        [_registry_tags__WEBPACK_IMPORTED_MODULE_1__/* .tagKeys */ .b.rolledBackAt(plan.alias)]: at,
    });
    if (plan.to === null) {
        logger.warn(`version ${plan.from} was the first to hold @${plan.alias}; there is no earlier version to point it at, so the alias stays and the version is tagged as rolled back`);
    }
    else {
        try {
            await registry.setAlias(plan.model, plan.alias, plan.to, plan.from);
        }
        catch (error) {
            if (error instanceof _registry_types__WEBPACK_IMPORTED_MODULE_2__/* .AliasConflictError */ .X)
                throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .RefusedError */ .fk(`rollback stopped: ${error.message}`);
            throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .RemoteError */ .Hi(`serving was rolled back, but moving @${plan.alias} back to ${plan.to} failed: ${(0,_errors__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(error)}; ${retry}`);
        }
    }
}
function rollbackRequest(plan) {
    return { model: plan.model, restoreVersion: plan.to, fromVersion: plan.from, environment: plan.environment };
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
    deployStatus: (environment) => `agent_release.deploy.${environment}.status`,
    deployedAt: (environment) => `agent_release.deploy.${environment}.at`,
};
/** Previous holder when there was none: a tag value cannot be null. */
const noVersion = 'none';


/***/ })

};
