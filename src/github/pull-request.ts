import { readFile } from '../fs-async';
import { z } from 'zod';
import { InputError, messageOf } from '../errors';
import type { GitHubClient } from './client';
import { upsertPullRequestComment, type UpsertCommentOptions, type UpsertCommentResult } from './pr-comment';
import { lazySchema } from '../config/zod-helpers';

/** What the runner says about the triggering event; the shell fills it from GITHUB_* variables. */
export interface GitHubEvent {
  /** GITHUB_EVENT_NAME */
  name?: string;
  /** GITHUB_EVENT_PATH: the webhook payload as JSON. */
  path?: string;
  /** GITHUB_REPOSITORY, "owner/repo": used when the payload does not name the repository. */
  repository?: string;
}

export interface PullRequestRef {
  owner: string;
  repo: string;
  issueNumber: number;
}

const pullRequestPayload = lazySchema(() => z.object({
  pull_request: z.object({ number: z.number().int().positive() }),
  repository: z.object({ name: z.string().min(1), owner: z.object({ login: z.string().min(1) }) }).optional(),
}));

/**
 * The pull request to comment on: set only for `pull_request` events, undefined for every other
 * event (push, workflow_dispatch, schedule, …). Throws InputError when a pull_request event's
 * payload cannot be read or does not name a pull request.
 */
export async function pullRequestFromEvent(event: GitHubEvent): Promise<PullRequestRef | undefined> {
  if (event.name !== 'pull_request') return undefined;
  if (!event.path) throw new InputError('the event is pull_request but no event payload file was given (GITHUB_EVENT_PATH is empty)');
  let payload: unknown;
  try {
    payload = JSON.parse(await readFile(event.path, 'utf8'));
  } catch (error) {
    throw new InputError(`cannot read the pull_request event payload ${event.path}: ${messageOf(error)}`);
  }
  const parsed = pullRequestPayload.safeParse(payload);
  if (!parsed.success) throw new InputError(`${event.path} is not a pull_request event payload: it has no pull_request.number`);
  const { pull_request: pr, repository } = parsed.data;
  if (repository) return { owner: repository.owner.login, repo: repository.name, issueNumber: pr.number };
  const [owner, repo, ...rest] = (event.repository ?? '').split('/');
  if (!owner || !repo || rest.length) {
    throw new InputError(`${event.path} does not name its repository and GITHUB_REPOSITORY ("${event.repository ?? ''}") is not owner/repo`);
  }
  return { owner, repo, issueNumber: pr.number };
}

export interface PullRequestCommentOptions extends Omit<UpsertCommentOptions, 'octokit' | 'owner' | 'repo' | 'issueNumber'> {
  event: GitHubEvent;
  /** Called only when there is a pull request to comment on, so other events need no token. */
  client: () => Promise<GitHubClient>;
}

/**
 * The gate's report on its pull request: undefined (and no API call) outside pull_request events,
 * otherwise the upsert's result. Never throws: an unreadable event or a missing token is a warning.
 */
export async function commentOnPullRequest(options: PullRequestCommentOptions): Promise<UpsertCommentResult | undefined> {
  const { event, client, ...comment } = options;
  let pr: PullRequestRef | undefined;
  let octokit: GitHubClient;
  try {
    pr = await pullRequestFromEvent(event);
    if (!pr) {
      comment.logger.debug(`no pull request comment: the event is ${event.name || '(unknown)'}, not pull_request`);
      return undefined;
    }
    octokit = await client();
  } catch (error) {
    const reason = `no pull request comment: ${messageOf(error)}`;
    comment.logger.warn(reason);
    return { action: 'skipped', reason };
  }
  return upsertPullRequestComment({ ...comment, octokit, ...pr });
}
