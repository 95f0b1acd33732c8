'use strict';
({ id: 887, ids: [887], modules: {

/***/ 16887:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GitHubDeploymentReporter: () => (/* binding */ GitHubDeploymentReporter)
/* harmony export */ });
/* unused harmony exports deploymentsWriteHint, statusDescriptionLimit, deploymentRetryPolicy, deploymentAttemptTimeoutMs, actionsBotLogin, fitDescription, linksToRun */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(92857);
/* harmony import */ var _clock__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(99373);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83916);
/* harmony import */ var _http_retry__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(28902);
/* harmony import */ var _request_failure__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(94221);
/* harmony import */ var _config_zod_helpers__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(53595);






/** The fix-it hint every skipped deployment status names. */
const deploymentsWriteHint = 'give the job `permissions: deployments: write`';
/** GitHub refuses a deployment status description longer than this. */
const statusDescriptionLimit = 140;
/**
 * Statuses are a report: a short, bounded effort per call, then a warning. The bound is the
 * reporter's own, not the run's cancellation: after a SIGTERM the failure status must still go out.
 */
const deploymentRetryPolicy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 4_000, deadlineMs: 15_000 };
/** Per attempt, so a hung API cannot hold the rollout (or its rollback) for long. */
const deploymentAttemptTimeoutMs = 8_000;
/** Who creates the deployment of a job that declares `environment:`. */
const actionsBotLogin = 'github-actions[bot]';
const deploymentSchema = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_4__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_5__/* .object */ .Ikc({
    id: zod__WEBPACK_IMPORTED_MODULE_5__/* .number */ .aig().int(),
    environment: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(),
    creator: zod__WEBPACK_IMPORTED_MODULE_5__/* .object */ .Ikc({ login: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP() }).nullable(),
    payload: zod__WEBPACK_IMPORTED_MODULE_5__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_5__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_5__/* .unknown */ .L5J()), zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP()]).optional(),
}));
const deploymentsSchema = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_4__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(deploymentSchema));
const statusSchema = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_4__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_5__/* .object */ .Ikc({ id: zod__WEBPACK_IMPORTED_MODULE_5__/* .number */ .aig().int(), state: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(), log_url: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().nullish(), target_url: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().nullish() }));
const statusesSchema = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_4__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(statusSchema));
const markerSchema = (0,_config_zod_helpers__WEBPACK_IMPORTED_MODULE_4__/* .lazySchema */ .ID)(() => zod__WEBPACK_IMPORTED_MODULE_5__/* .object */ .Ikc({ agent_release: zod__WEBPACK_IMPORTED_MODULE_5__/* .object */ .Ikc({ key: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(), model: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().optional(), version: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().optional() }) }));
/** States of a deployment whose job has not finished (`waiting`: held by an environment's protection rules). */
const unfinishedStates = new Set(['queued', 'pending', 'waiting', 'in_progress']);
/**
 * GitHub Deployments for one rollout: one deployment per environment and release, its status kept
 * true (in_progress per step, then success, failure or inactive) with the run as log_url.
 *
 * A job that declares `environment:` already has a deployment, made by GitHub Actions for the job's
 * sha and environment. It is found, not duplicated: among the deployments for the environment and
 * sha created by github-actions[bot], the unfinished one whose statuses link to this run (GITHUB_RUN_ID);
 * when none links to it, the only unfinished one. Anything ambiguous (a matrix of jobs on one environment)
 * gets a deployment of its own rather than a guess. GitHub Actions writes that deployment's final
 * status itself when the job ends, so there the job's `environment.url` is what the page keeps.
 *
 * Never throws: a missing permission is one warning naming it, then silence; other failures that
 * outlast the retries are warnings, and the release goes on.
 */
class GitHubDeploymentReporter {
    options;
    #deployment;
    #environmentUrl = null;
    #stopped = false;
    #clock;
    constructor(options) {
        this.options = options;
        this.#clock = options.clock ?? _clock__WEBPACK_IMPORTED_MODULE_0__/* .systemClock */ .m;
    }
    /** The deployment statuses go to, once start found or created it. */
    get deployment() {
        return this.#deployment && { id: this.#deployment.id, source: this.#deployment.source };
    }
    async start(info) {
        if (this.#stopped)
            return;
        this.#environmentUrl = info.environmentUrl;
        const { owner, repo } = this.options;
        const resolved = await this.#attempt(`finding or creating the GitHub deployment of ${owner}/${repo} for environment ${info.environment}`, (request) => this.#resolve(info, request));
        if (!resolved)
            return;
        this.#deployment = { ...resolved, environment: info.environment };
        const how = { given: 'given by github-deployment-id', job: "the job's own, made by GitHub Actions", created: 'created', active: 'active' }[resolved.source];
        this.options.logger.info(`GitHub deployment ${resolved.id} of ${owner}/${repo} for ${info.environment} (${how})`);
        const replacing = info.previousVersion === null ? '' : ` (replacing v${info.previousVersion})`;
        await this.#post('in_progress', `deploying ${info.model} v${info.version}${replacing}`);
    }
    progress(description) {
        return this.#post('in_progress', description);
    }
    finish(outcome, description, environmentUrl) {
        if (environmentUrl)
            this.#environmentUrl = environmentUrl;
        return this.#post(outcome, description);
    }
    /**
     * Marks a release that was rolled back inactive, from a job that did not deploy it: the newest
     * deployment agent-release created for this model and version, and only when its latest status is
     * success. A rollout that already failed (rolled back on its own) or another release's deployment
     * is never touched: after an automatic rollback the good release serves again and must stay active.
     * A job's own deployment (made by GitHub Actions) carries no release payload, so it is not found
     * here; GitHub Actions or the next success retires it.
     */
    async retire(info, description) {
        if (this.#stopped)
            return;
        const { owner, repo, logger } = this.options;
        const release = `${info.model} v${info.version}`;
        // A deployment named with github-deployment-id is the release's (say, the job's own that deploy reported to): retire that one.
        if (this.options.deploymentId !== undefined) {
            this.#deployment = { id: this.options.deploymentId, environment: info.environment, source: 'given' };
            await this.#post('inactive', description);
            return;
        }
        const found = await this.#attempt(`finding the GitHub deployment of ${release} in ${owner}/${repo} ${info.environment}`, (request) => this.#releaseDeployment(info, request));
        if (found === null)
            logger.info(`no successful GitHub deployment of ${release} in ${info.environment} to mark inactive`);
        if (found === null || found === undefined)
            return;
        this.#deployment = { id: found, environment: info.environment, source: 'active' };
        await this.#post('inactive', description);
    }
    async #releaseDeployment(info, request) {
        const { octokit, owner, repo } = this.options;
        const listing = await octokit.rest.repos.listDeployments({ owner, repo, environment: info.environment, per_page: 100, request });
        const isRelease = (d) => {
            const marker = markerSchema.safeParse(d.payload).data?.agent_release;
            return marker !== undefined && marker.model === info.model && marker.version === info.version;
        };
        // Only the newest deployment of the release counts: an older success was superseded by it.
        const newest = parseAnswer(deploymentsSchema, listing.data, 'listing deployments').filter(isRelease).sort((a, b) => b.id - a.id)[0];
        if (!newest)
            return null;
        const { latest } = await this.#statuses(newest.id, request);
        return latest?.state === 'success' ? newest.id : null;
    }
    async #resolve(info, request) {
        const { octokit, owner, repo, sha, runUrl } = this.options;
        if (this.options.deploymentId !== undefined)
            return { id: this.options.deploymentId, source: 'given' };
        const listing = await octokit.rest.repos.listDeployments({ owner, repo, environment: info.environment, sha, per_page: 100, request });
        const listed = parseAnswer(deploymentsSchema, listing.data, 'listing deployments');
        // The retried unit is find-then-create: a create whose answer was lost is found here by its key.
        const key = `${runUrl ?? sha}|${info.environment}|${info.model}|${info.version}`;
        const ours = listed.find((d) => markerSchema.safeParse(d.payload).data?.agent_release.key === key);
        if (ours)
            return { id: ours.id, source: 'created' };
        if (this.options.reuse !== 'never') {
            const job = await this.#jobDeployment(listed, info.environment, request);
            if (job)
                return { id: job.id, source: 'job' };
        }
        const created = await octokit.rest.repos.createDeployment({
            owner,
            repo,
            ref: sha,
            environment: info.environment,
            auto_merge: false,
            required_contexts: [],
            description: fitDescription(`agent-release: ${info.model} v${info.version} to ${info.environment}`),
            payload: { agent_release: { key, model: info.model, version: info.version, previous_version: info.previousVersion, run_url: runUrl } },
            ...(this.options.transientEnvironment !== undefined ? { transient_environment: this.options.transientEnvironment } : {}),
            ...(this.options.productionEnvironment !== undefined ? { production_environment: this.options.productionEnvironment } : {}),
            request,
        });
        // 202 is GitHub merging the default branch in; auto_merge is off, so it should never come.
        return { id: parseAnswer(deploymentSchema, created.data, `creating a deployment (HTTP ${created.status})`).id, source: 'created' };
    }
    async #jobDeployment(listed, environment, request) {
        const { runId, sha, logger } = this.options;
        const byActions = listed.filter((d) => d.creator?.login === actionsBotLogin).sort((a, b) => b.id - a.id).slice(0, 10);
        const unfinished = [];
        for (const deployment of byActions) {
            const { statuses, latest } = await this.#statuses(deployment.id, request);
            if (!latest || !unfinishedStates.has(latest.state))
                continue;
            const namesRun = runId !== undefined && statuses.some((s) => linksToRun(s.log_url ?? s.target_url, runId));
            unfinished.push({ deployment, namesRun });
        }
        // Linking to the run is the strong sign; GitHub's log URL format is not a documented contract,
        // so a lone unfinished deployment is taken when none links to it.
        const named = unfinished.filter((u) => u.namesRun);
        const candidates = named.length > 0 ? named : unfinished;
        if (candidates.length === 1)
            return candidates[0]?.deployment;
        if (candidates.length > 1) {
            logger.info(`${candidates.length} unfinished GitHub Actions deployments for ${environment} at ${sha.slice(0, 7)} could be this job's ` +
                `(${candidates.map((c) => c.deployment.id).join(', ')}); creating a separate one rather than guessing`);
        }
        return undefined;
    }
    /** A deployment's statuses (the newest 100) and the latest of them, by id rather than by the listing's order. */
    async #statuses(deploymentId, request) {
        const { octokit, owner, repo } = this.options;
        const answer = await octokit.rest.repos.listDeploymentStatuses({ owner, repo, deployment_id: deploymentId, per_page: 100, request });
        const statuses = parseAnswer(statusesSchema, answer.data, `listing the statuses of deployment ${deploymentId}`);
        return { statuses, latest: statuses.reduce((newest, s) => (newest && newest.id > s.id ? newest : s), undefined) };
    }
    async #post(state, description) {
        if (this.#stopped)
            return;
        const deployment = this.#deployment;
        if (!deployment) {
            this.options.logger.debug(`no GitHub deployment to mark ${state}: "${description}"`);
            return;
        }
        const { octokit, owner, repo, runUrl } = this.options;
        const environmentUrl = this.#environmentUrl;
        await this.#attempt(`marking GitHub deployment ${deployment.id} of ${owner}/${repo} ${state}`, (request) => octokit.rest.repos.createDeploymentStatus({
            owner,
            repo,
            deployment_id: deployment.id,
            state,
            description: fitDescription(description),
            ...(runUrl ? { log_url: runUrl } : {}),
            // GitHub's environments page shows the latest status's URL, so every status repeats it.
            ...(environmentUrl ? { environment_url: environmentUrl } : {}),
            auto_inactive: state === 'success',
            request,
        }));
    }
    /** One retried call; a failure becomes a warning (and a refusal stops all later calls). */
    async #attempt(doing, call) {
        const { logger } = this.options;
        const timeoutMs = this.options.timeoutMs ?? deploymentAttemptTimeoutMs;
        try {
            return await (0,_http_retry__WEBPACK_IMPORTED_MODULE_2__/* .withRetries */ .LH)(doing, () => call({ signal: AbortSignal.timeout(timeoutMs) }), { policy: this.options.policy ?? deploymentRetryPolicy, clock: this.#clock, logger, random: this.options.random, classify: (error) => (0,_request_failure__WEBPACK_IMPORTED_MODULE_3__/* .classifyGitHubFailure */ .iF)(error, this.#clock) });
        }
        catch (error) {
            logger.warn(this.#warning(doing, error));
            return undefined;
        }
    }
    #warning(doing, error) {
        const last = error instanceof _http_retry__WEBPACK_IMPORTED_MODULE_2__/* .RetriesExhaustedError */ .i5 ? error.lastError : error;
        const failure = (0,_request_failure__WEBPACK_IMPORTED_MODULE_3__/* .requestFailure */ .SU)(last);
        if ((0,_request_failure__WEBPACK_IMPORTED_MODULE_3__/* .isAccessRefusal */ .bb)(failure)) {
            this.#stopped = true;
            const needs = failure.headers['x-accepted-github-permissions'];
            const missing = failure.status === 404 ? ' (GitHub also answers 404 for a deployment that does not exist, e.g. a wrong github-deployment-id)' : '';
            return (`GitHub answered ${failure.status} (${(0,_request_failure__WEBPACK_IMPORTED_MODULE_3__/* .firstLine */ .TM)(failure.message)}) to ${doing}: the release goes on without GitHub deployment statuses. ` +
                `To record deployments, ${deploymentsWriteHint}${needs ? ` (GitHub accepts: ${needs})` : ''}${missing}.`);
        }
        const why = error instanceof _http_retry__WEBPACK_IMPORTED_MODULE_2__/* .RetriesExhaustedError */ .i5 ? (0,_errors__WEBPACK_IMPORTED_MODULE_1__/* .messageOf */ .bD)(error) : `${doing} failed: ${(0,_errors__WEBPACK_IMPORTED_MODULE_1__/* .messageOf */ .bD)(error)}`;
        return `${(0,_request_failure__WEBPACK_IMPORTED_MODULE_3__/* .firstLine */ .TM)(why)}; the release goes on, its GitHub deployment status may be out of date`;
    }
}
/** GitHub's limit, whitespace folded to single spaces; an ellipsis marks a cut, never inside a surrogate pair. */
function fitDescription(text, limit = statusDescriptionLimit) {
    const folded = text.replace(/\s+/g, ' ').trim();
    if (folded.length <= limit)
        return folded;
    const cut = folded.slice(0, limit - 1).replace(/[\uD800-\uDBFF]$/, '');
    return `${cut.trimEnd()}\u2026`;
}
/** Whether a status's log URL is a page of this workflow run (\u2026/actions/runs/<id>[/job/<job>]). */
function linksToRun(url, runId) {
    const digits = runId.replace(/\D/g, '');
    if (!url || !digits)
        return false;
    try {
        return new RegExp(`/actions/runs/${digits}(?:/|$)`).test(new URL(url).pathname);
    }
    catch {
        return false;
    }
}
function parseAnswer(schema, data, what) {
    const parsed = schema.safeParse(data);
    if (parsed.success)
        return parsed.data;
    const issue = parsed.error.issues[0];
    throw new Error(`GitHub's answer to ${what} is not what its API documents (${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unreadable'})`);
}


/***/ }),

/***/ 94221:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SU: () => (/* binding */ requestFailure),
/* harmony export */   TM: () => (/* binding */ firstLine),
/* harmony export */   bb: () => (/* binding */ isAccessRefusal),
/* harmony export */   iF: () => (/* binding */ classifyGitHubFailure)
/* harmony export */ });
/* unused harmony export isRateLimited */
function requestFailure(error) {
    if (!(error instanceof Error) || !('status' in error) || typeof error.status !== 'number')
        return undefined;
    const response = 'response' in error ? error.response : undefined;
    return { status: error.status, message: error.message, headers: response?.headers ?? {}, answered: response !== undefined };
}
const transientStatuses = new Set([500, 502, 503, 504]);
/** 429 and rate-limit 403s wait for the time GitHub names; 5xx back off; everything else is final. */
function classifyGitHubFailure(error, clock) {
    const failure = requestFailure(error);
    if (!failure)
        return { retry: false };
    if (failure.status === 429 || isRateLimited(failure))
        return { retry: true, afterMs: rateLimitWaitMs(failure, clock) };
    return { retry: transientStatuses.has(failure.status) };
}
/** GitHub answers a rate limit with 403 or 429 plus Retry-After or an exhausted X-RateLimit-Remaining. */
function isRateLimited(failure) {
    return failure.status === 403 && (failure.headers['retry-after'] !== undefined || failure.headers['x-ratelimit-remaining'] === '0');
}
/** A refusal that retrying cannot fix: missing permission or scope (401, 403), or a repository the token cannot see (404). */
function isAccessRefusal(failure) {
    return failure !== undefined && failure.answered && [401, 403, 404].includes(failure.status) && !isRateLimited(failure);
}
function rateLimitWaitMs(failure, clock) {
    const retryAfter = Number(failure.headers['retry-after']);
    if (Number.isFinite(retryAfter) && retryAfter >= 0)
        return retryAfter * 1000;
    const reset = Number(failure.headers['x-ratelimit-reset']);
    return Number.isFinite(reset) ? Math.max(0, reset * 1000 - clock.now()) : undefined;
}
function firstLine(text) {
    return text.split('\n')[0]?.trim() ?? '';
}


/***/ })

} })
