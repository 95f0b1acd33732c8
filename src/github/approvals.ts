import type { Clock } from '../clock';
import { RemoteError } from '../errors';
import { withRetries } from '../http/retry';
import type { Logger } from '../logger';
import type { ApprovalSource } from '../promote/approval';
import type { GitHubClient } from './client';
import { classifyGitHubFailure, firstLine, isAccessRefusal, requestFailure } from './request-failure';

/**
 * The run's deployment review history (GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals,
 * "Get the review history for a workflow run"): the reviewers whose `approved` review names the
 * environment. GITHUB_TOKEN needs `actions: read` for it.
 */
export function githubApprovals(options: { client: () => Promise<GitHubClient>; owner: string; repo: string; runId: number; clock: Clock; logger?: Logger }): ApprovalSource {
  const { owner, repo, runId, clock, logger } = options;
  return async (environment) => {
    let reviews;
    try {
      const client = await options.client();
      reviews = await withRetries('reading the workflow run\'s environment reviews', async () => (await client.rest.actions.getReviewsForRun({ owner, repo, run_id: runId })).data, {
        policy: { attempts: 4, baseDelayMs: 500, maxDelayMs: 8_000, deadlineMs: 60_000 },
        clock,
        logger,
        classify: (error) => classifyGitHubFailure(error, clock),
      });
    } catch (error) {
      const failure = requestFailure(error);
      const hint = isAccessRefusal(failure) ? `; grant the job \`permissions: actions: read\` so the token can read who approved` : '';
      throw new RemoteError(`could not read who approved the ${environment} environment for run ${runId} of ${owner}/${repo}: ${firstLine(failure?.message ?? (error as Error).message)}${hint}`, { cause: error });
    }
    const approvers = [...new Set(reviews.filter((r) => r.state === 'approved' && r.environments.some((e) => e.name === environment)).flatMap((r) => (r.user ? [r.user.login] : [])))];
    return approvers.length > 0 ? { approvers } : undefined;
  };
}
