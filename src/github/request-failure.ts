import type { Clock } from '../clock';
import type { RetryVerdict } from '../http/retry';

/**
 * How GitHub's answers are judged for retries and warnings. @actions/github's Octokit has no
 * retry or throttling plugin, so callers wrap their calls in withRetries with `classifyGitHubFailure`.
 * (src/github/pr-comment.ts keeps a private copy of the same rules.)
 */

/** What Octokit's RequestError carries, read structurally so no transitive package is imported. */
export interface RequestFailure {
  status: number;
  message: string;
  headers: Record<string, string | undefined>;
  /** False when no HTTP answer came back at all (connection error, timeout). */
  answered: boolean;
}

export function requestFailure(error: unknown): RequestFailure | undefined {
  if (!(error instanceof Error) || !('status' in error) || typeof error.status !== 'number') return undefined;
  const response = 'response' in error ? (error.response as { headers?: Record<string, string | undefined> } | undefined) : undefined;
  return { status: error.status, message: error.message, headers: response?.headers ?? {}, answered: response !== undefined };
}

const transientStatuses: ReadonlySet<number> = new Set([500, 502, 503, 504]);

/** 429 and rate-limit 403s wait for the time GitHub names; 5xx back off; everything else is final. */
export function classifyGitHubFailure(error: unknown, clock: Clock): RetryVerdict {
  const failure = requestFailure(error);
  if (!failure) return { retry: false };
  if (failure.status === 429 || isRateLimited(failure)) return { retry: true, afterMs: rateLimitWaitMs(failure, clock) };
  return { retry: transientStatuses.has(failure.status) };
}

/** GitHub answers a rate limit with 403 or 429 plus Retry-After or an exhausted X-RateLimit-Remaining. */
export function isRateLimited(failure: RequestFailure): boolean {
  return failure.status === 403 && (failure.headers['retry-after'] !== undefined || failure.headers['x-ratelimit-remaining'] === '0');
}

/** A refusal that retrying cannot fix: missing permission or scope (401, 403), or a repository the token cannot see (404). */
export function isAccessRefusal(failure: RequestFailure | undefined): failure is RequestFailure {
  return failure !== undefined && failure.answered && [401, 403, 404].includes(failure.status) && !isRateLimited(failure);
}

function rateLimitWaitMs(failure: RequestFailure, clock: Clock): number | undefined {
  const retryAfter = Number(failure.headers['retry-after']);
  if (Number.isFinite(retryAfter) && retryAfter >= 0) return retryAfter * 1000;
  const reset = Number(failure.headers['x-ratelimit-reset']);
  return Number.isFinite(reset) ? Math.max(0, reset * 1000 - clock.now()) : undefined;
}

export function firstLine(text: string): string {
  return text.split('\n')[0]?.trim() ?? '';
}
