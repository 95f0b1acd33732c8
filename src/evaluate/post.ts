import type { Clock } from '../clock';
import { HttpStatusError, HttpTransportError, ResponseTooLargeError, excerpt, retryAfterMs, sendOnce, serverErrorStatuses } from '../http/client';
import { withRetries, type RetryVerdict } from '../http/retry';
import type { TokenBucket } from './rate-limit';

export class UnreadableResponseError extends Error {
  override name = 'UnreadableResponseError';
}

export interface JsonTarget {
  url: string;
  headers: Record<string, string>;
  timeoutMs: number;
  retries: number;
  /** A longer answer is refused (not retried: it would be as long again), and memory stays bounded. Default 10 MiB. */
  maxResponseBytes?: number;
  /** The config field that sets the cap, named when it is hit. */
  maxResponseSetting?: string;
}

/** The config's default: an answer is text, and ten megabytes of it is already a runaway. */
export const defaultMaxResponseBytes = 10 * 2 ** 20;

export interface PostOptions {
  clock: Clock;
  /** Taken before every attempt, retries included, so the cap holds against the server. */
  limiter?: TokenBucket | null;
  signal?: AbortSignal;
  random?: () => number;
}

export interface JsonAnswer {
  json: unknown;
  /** From the first attempt's send to the answer: rate-limit queueing before it is not the endpoint's latency. */
  elapsedMs: number;
}

/**
 * POSTs a JSON body and parses the JSON answer. Model calls are safe to repeat, so 429 and 5xx
 * are retried with full-jitter backoff (at least the server's Retry-After), as are connection
 * failures; the deadline keeps one example from holding a worker for ever.
 */
export async function postJson(target: JsonTarget, body: unknown, label: string, options: PostOptions): Promise<JsonAnswer> {
  const { clock, limiter, signal } = options;
  const payload = JSON.stringify(body);
  let firstSentAt: number | undefined;
  const res = await withRetries(
    label,
    async () => {
      await limiter?.take(signal);
      firstSentAt ??= performance.now();
      const answer = await sendOnce({
        method: 'POST',
        url: target.url,
        headers: { 'content-type': 'application/json', ...target.headers },
        body: payload,
        timeoutMs: target.timeoutMs,
        signal,
        maxBodyBytes: target.maxResponseBytes ?? defaultMaxResponseBytes,
      }).catch((error: unknown) => {
        if (!(error instanceof ResponseTooLargeError)) throw error;
        const advice = target.maxResponseSetting ? `; raise ${target.maxResponseSetting} if answers this long are expected` : '';
        throw new ResponseTooLargeError(error.status, error.limitBytes, label, advice);
      });
      if (answer.status >= 200 && answer.status < 300) return answer;
      throw new HttpStatusError(answer.status, excerpt(answer.body), retryAfterMs(answer.headers['retry-after'], clock), label);
    },
    {
      clock,
      signal,
      random: options.random,
      classify: retryable,
      policy: {
        attempts: target.retries + 1,
        baseDelayMs: 200,
        maxDelayMs: 5_000,
        deadlineMs: Math.max(target.timeoutMs * (target.retries + 1), 60_000),
      },
    },
  );
  const elapsedMs = performance.now() - (firstSentAt ?? performance.now());
  try {
    return { json: JSON.parse(res.body) as unknown, elapsedMs };
  } catch {
    throw new UnreadableResponseError(`${label} answered HTTP ${res.status} with a body that is not JSON: ${excerpt(res.body, 120) || '(empty)'}`);
  }
}

function retryable(error: unknown): RetryVerdict {
  if (error instanceof HttpStatusError) return { retry: serverErrorStatuses.has(error.status), afterMs: error.retryAfterMs };
  return { retry: error instanceof HttpTransportError && error.transient };
}
