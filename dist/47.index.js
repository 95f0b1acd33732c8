'use strict';
({ id: 47, ids: [47], modules: {

/***/ 70047:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   githubApprovals: () => (/* binding */ githubApprovals)
/* harmony export */ });
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _http_retry__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(28902);
/* harmony import */ var _request_failure__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(94221);



/**
 * The run's deployment review history (GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals,
 * "Get the review history for a workflow run"): the reviewers whose `approved` review names the
 * environment. GITHUB_TOKEN needs `actions: read` for it.
 */
function githubApprovals(options) {
    const { owner, repo, runId, clock, logger } = options;
    return async (environment) => {
        let reviews;
        try {
            const client = await options.client();
            reviews = await (0,_http_retry__WEBPACK_IMPORTED_MODULE_1__/* .withRetries */ .LH)('reading the workflow run\'s environment reviews', async () => (await client.rest.actions.getReviewsForRun({ owner, repo, run_id: runId })).data, {
                policy: { attempts: 4, baseDelayMs: 500, maxDelayMs: 8_000, deadlineMs: 60_000 },
                clock,
                logger,
                classify: (error) => (0,_request_failure__WEBPACK_IMPORTED_MODULE_2__/* .classifyGitHubFailure */ .iF)(error, clock),
            });
        }
        catch (error) {
            const failure = (0,_request_failure__WEBPACK_IMPORTED_MODULE_2__/* .requestFailure */ .SU)(error);
            const hint = (0,_request_failure__WEBPACK_IMPORTED_MODULE_2__/* .isAccessRefusal */ .bb)(failure) ? `; grant the job \`permissions: actions: read\` so the token can read who approved` : '';
            throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .RemoteError */ .Hi(`could not read who approved the ${environment} environment for run ${runId} of ${owner}/${repo}: ${(0,_request_failure__WEBPACK_IMPORTED_MODULE_2__/* .firstLine */ .TM)(failure?.message ?? error.message)}${hint}`, { cause: error });
        }
        const approvers = [...new Set(reviews.filter((r) => r.state === 'approved' && r.environments.some((e) => e.name === environment)).flatMap((r) => (r.user ? [r.user.login] : [])))];
        return approvers.length > 0 ? { approvers } : undefined;
    };
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
