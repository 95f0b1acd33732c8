import { systemClock, type Clock } from '../clock';
import { messageOf } from '../errors';
import type { Logger } from '../logger';
import { RetriesExhaustedError, withRetries, type RetryPolicy, type RetryVerdict } from '../http/retry';
import type { GitHubClient } from './client';

/** GitHub refuses issue comments longer than this ("body is too long (maximum is 65536 characters)"). */
export const commentLimit = 65_536;

/** The fix-it hint every skipped comment names. */
export const pullRequestWriteHint = 'give the job `permissions: pull-requests: write`';

/** A comment is a report: a short, bounded effort, then a warning. @actions/github has no retry plugin. */
export const commentRetryPolicy: RetryPolicy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 8_000, deadlineMs: 60_000 };

export interface UpsertCommentOptions {
  octokit: GitHubClient;
  owner: string;
  repo: string;
  issueNumber: number;
  /** Hidden marker identifying our comment among all others (see commentMarker). */
  marker: string;
  /** Markdown; the marker is put on its first line. */
  body: string;
  logger: Logger;
  /** Where the untruncated report is (the run's URL), named in the truncation note. */
  detailsUrl?: string;
  clock?: Clock;
  policy?: RetryPolicy;
  random?: () => number;
  /** Per attempt (listing plus write), so a hung API cannot hold the gate. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export type UpsertCommentResult =
  | { action: 'created' | 'updated'; id: number; url: string }
  | { action: 'skipped'; reason: string; status?: number };

/**
 * One marker per kind of report and model, so two models gated in one repository keep one
 * comment each. The name is URI-encoded so it cannot end the HTML comment early (`-->`).
 */
export function commentMarker(kind: string, model: string): string {
  return `<!-- agent-release:${kind}:${encodeURIComponent(model)} -->`;
}

/**
 * Creates the pull request's comment carrying `marker`, or edits it in place if one exists.
 * Never throws for GitHub's answers: a missing permission (403, 404) or a failure that outlasts
 * the retries is logged as a warning and returned as `skipped`, because a comment must never
 * decide a release gate.
 *
 * The unit that is retried is the whole find-then-write, so a create that reached GitHub but
 * whose answer was lost is found on the next attempt and edited, not posted twice.
 */
export async function upsertPullRequestComment(options: UpsertCommentOptions): Promise<UpsertCommentResult> {
  const { octokit, owner, repo, issueNumber, marker, logger } = options;
  const where = `pull request #${issueNumber} of ${owner}/${repo}`;
  const clock = options.clock ?? systemClock;
  const text = fitComment(withMarker(marker, options.body), { detailsUrl: options.detailsUrl });
  const timeoutMs = options.timeoutMs ?? 30_000;
  try {
    return await withRetries(
      `commenting on ${where}`,
      async () => {
        const signal = options.signal ? AbortSignal.any([options.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
        const request = { signal };
        const existing = await findComment(octokit, { owner, repo, issue_number: issueNumber, request }, marker);
        if (existing) {
          const { data } = await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body: text, request });
          logger.info(`updated the agent-release comment on ${where}: ${data.html_url}`);
          return { action: 'updated' as const, id: data.id, url: data.html_url };
        }
        const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body: text, request });
        logger.info(`commented on ${where}: ${data.html_url}`);
        return { action: 'created' as const, id: data.id, url: data.html_url };
      },
      { policy: options.policy ?? commentRetryPolicy, clock, logger, random: options.random, signal: options.signal, classify: (error) => classify(error, clock) },
    );
  } catch (error) {
    const skipped = skippedBecause(error, where);
    logger.warn(skipped.reason);
    return skipped;
  }
}

/** The marker goes first: truncation cuts the end, and the marker must survive it. */
function withMarker(marker: string, body: string): string {
  return body.startsWith(marker) ? body : `${marker}\n${body}`;
}

/**
 * Cuts a comment to GitHub's limit at a line break (so a table keeps whole rows), ending with a
 * note that says so and where the full report is. Lengths are UTF-16 units, which never undercount
 * GitHub's characters; a surrogate pair is never split.
 */
export function fitComment(text: string, options: { limit?: number; detailsUrl?: string } = {}): string {
  const limit = options.limit ?? commentLimit;
  if (text.length <= limit) return text;
  const where = options.detailsUrl ? `in the [job summary of this run](${options.detailsUrl})` : 'in the job summary of this run';
  const note = (omitted: number): string =>
    `\n\n---\n**Truncated:** ${omitted.toLocaleString('en-US')} characters were left out to stay under GitHub's ${limit.toLocaleString('en-US')}-character limit for comments. The full report is ${where}.\n`;
  // The count can only shrink once the cut is known, so the longest note bounds the budget.
  const budget = limit - note(text.length).length;
  if (budget <= 0) throw new RangeError(`a comment limit of ${limit} leaves no room for the truncation note`);
  let cut = text.slice(0, budget);
  const lineEnd = cut.lastIndexOf('\n');
  if (lineEnd > budget / 2) cut = cut.slice(0, lineEnd);
  else if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut + note(text.length - cut.length);
}

interface CommentRef {
  id: number;
}

/** Pages through the comments (100 a page) and stops at the first that carries the marker. */
async function findComment(
  octokit: GitHubClient,
  params: { owner: string; repo: string; issue_number: number; request: { signal: AbortSignal } },
  marker: string,
): Promise<CommentRef | undefined> {
  // The paginator forwards only method, url and headers to each page; request options set as
  // the endpoint's defaults reach every page, so the timeout covers the whole listing. The result
  // is the same endpoint with one more default; its typings just lose the route.
  const listComments = octokit.rest.issues.listComments.defaults({ request: params.request }) as unknown as typeof octokit.rest.issues.listComments;
  const { request: _request, ...query } = params;
  for await (const page of octokit.paginate.iterator(listComments, { ...query, per_page: 100 })) {
    // Ours start with the marker; a person's comment that quotes it is theirs, never rewritten.
    const found = page.data.find((comment) => comment.body?.startsWith(marker));
    if (found) return { id: found.id };
  }
  return undefined;
}

/** What Octokit's RequestError carries, read structurally so no transitive package is imported. */
interface RequestFailure {
  status: number;
  message: string;
  headers: Record<string, string | undefined>;
  /** False when no HTTP answer came back at all (connection error, timeout). */
  answered: boolean;
}

function requestFailure(error: unknown): RequestFailure | undefined {
  if (!(error instanceof Error) || !('status' in error) || typeof error.status !== 'number') return undefined;
  const response = 'response' in error ? (error.response as { headers?: Record<string, string | undefined> } | undefined) : undefined;
  return { status: error.status, message: error.message, headers: response?.headers ?? {}, answered: response !== undefined };
}

const transientStatuses: ReadonlySet<number> = new Set([500, 502, 503, 504]);

function classify(error: unknown, clock: Clock): RetryVerdict {
  const failure = requestFailure(error);
  if (!failure) return { retry: false };
  if (failure.status === 429 || isRateLimited(failure)) return { retry: true, afterMs: rateLimitWaitMs(failure, clock) };
  return { retry: transientStatuses.has(failure.status) };
}

/** GitHub answers a rate limit with 403 or 429 plus Retry-After or an exhausted X-RateLimit-Remaining. */
function isRateLimited(failure: RequestFailure): boolean {
  return failure.status === 403 && (failure.headers['retry-after'] !== undefined || failure.headers['x-ratelimit-remaining'] === '0');
}

function rateLimitWaitMs(failure: RequestFailure, clock: Clock): number | undefined {
  const retryAfter = Number(failure.headers['retry-after']);
  if (Number.isFinite(retryAfter) && retryAfter >= 0) return retryAfter * 1000;
  const reset = Number(failure.headers['x-ratelimit-reset']);
  return Number.isFinite(reset) ? Math.max(0, reset * 1000 - clock.now()) : undefined;
}

function skippedBecause(error: unknown, where: string): UpsertCommentResult & { action: 'skipped' } {
  const last = error instanceof RetriesExhaustedError ? error.lastError : error;
  const failure = requestFailure(last);
  const outcome = 'no comment was written; the gate result stands and is in the job summary';
  if (failure && failure.answered && (failure.status === 403 || failure.status === 404) && !isRateLimited(failure)) {
    const needs = failure.headers['x-accepted-github-permissions'];
    return {
      action: 'skipped',
      status: failure.status,
      reason:
        `GitHub answered ${failure.status} (${firstLine(failure.message)}) to commenting on ${where}: ${outcome}. ` +
        `To get the comment, ${pullRequestWriteHint}${needs ? ` (GitHub accepts: ${needs})` : ''}. ` +
        'A pull request from a fork gets a read-only token, so it gets no comment.',
    };
  }
  // A RetriesExhaustedError already reads "commenting on <where>: gave up after n attempts: <why>".
  const why = error instanceof RetriesExhaustedError ? messageOf(error) : `could not comment on ${where}: ${messageOf(error)}`;
  return { action: 'skipped', ...(failure?.answered ? { status: failure.status } : {}), reason: `${firstLine(why)}; ${outcome}` };
}

function firstLine(text: string): string {
  return text.split('\n')[0]?.trim() ?? '';
}
