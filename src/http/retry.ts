import type { Clock } from '../clock';
import type { Logger } from '../logger';

export interface RetryPolicy {
  /** Total attempts, including the first. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Give up when the next attempt could not start before this many ms after the first. */
  deadlineMs?: number;
}

export const defaultRetryPolicy: RetryPolicy = { attempts: 4, baseDelayMs: 250, maxDelayMs: 8_000, deadlineMs: 120_000 };

/** How the caller judges a failure: retry or not, and the server's own wait if it gave one. */
export interface RetryVerdict {
  retry: boolean;
  afterMs?: number;
}

export interface RetryOptions {
  policy: RetryPolicy;
  clock: Clock;
  classify: (error: unknown) => RetryVerdict;
  logger?: Logger;
  /** Source of randomness for jitter; tests pin it. */
  random?: () => number;
  signal?: AbortSignal;
}

export class RetriesExhaustedError extends Error {
  constructor(
    readonly label: string,
    readonly attempts: number,
    readonly lastError: unknown,
    why: string,
  ) {
    // The last error usually names the same call: say it once.
    const last = errorText(lastError);
    super(`${label}: ${why} after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${last.startsWith(`${label}: `) ? last.slice(label.length + 2) : last}`, {
      cause: lastError,
    });
    this.name = 'RetriesExhaustedError';
  }
}

/** Full-jitter exponential backoff: a uniformly random wait in [0, min(cap, base * 2^n)]. */
export function backoffDelay(policy: RetryPolicy, retryIndex: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryIndex);
  return Math.floor(random() * ceiling);
}

/**
 * Runs `attempt` until it succeeds, the failure is not retryable, attempts run out or the
 * deadline would pass. A server's Retry-After is honoured as a lower bound on the wait.
 */
export async function withRetries<T>(
  label: string,
  attempt: (attemptNumber: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const { policy, clock, classify, logger } = options;
  const random = options.random ?? Math.random;
  const startedAt = clock.now();
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      const verdict = classify(error);
      if (!verdict.retry) {
        if (n === 1) throw error;
        throw new RetriesExhaustedError(label, n, error, 'failed (not retryable)');
      }
      if (n >= policy.attempts) throw new RetriesExhaustedError(label, n, error, 'gave up');
      const wait = Math.max(backoffDelay(policy, n - 1, random), verdict.afterMs ?? 0);
      const deadline = policy.deadlineMs;
      if (deadline !== undefined && clock.now() + wait - startedAt > deadline) {
        throw new RetriesExhaustedError(label, n, error, `deadline of ${deadline} ms reached`);
      }
      logger?.debug(`${label}: attempt ${n} failed (${errorText(error)}); retrying in ${wait} ms`);
      await clock.sleep(wait, options.signal);
    }
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
