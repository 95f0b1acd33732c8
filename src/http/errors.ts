/** What a request can fail with, as the HTTP client reports it. */

/** A response whose status the caller treats as failure. Keeps a short body excerpt, never a whole page. */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    readonly bodyExcerpt: string,
    readonly retryAfterMs: number | undefined,
    what: string,
  ) {
    super(`${what}: HTTP ${status}${bodyExcerpt ? `: ${bodyExcerpt}` : ''}`);
    this.name = 'HttpStatusError';
  }
}

/** The request did not get a response: refused, reset, timed out, DNS, or a proxy that would not pass it on. */
export class HttpTransportError extends Error {
  /** False when another try cannot help (a proxy refusing the credentials). */
  readonly transient: boolean;
  /** What went wrong and what to change, when this client knows better than the cause's message. */
  readonly problem: string | undefined;

  constructor(
    readonly code: string,
    /** True when the server may have received the request (it was sent, no answer came). */
    readonly maybeDelivered: boolean,
    what: string,
    cause: unknown,
    options: { transient?: boolean; problem?: string } = {},
  ) {
    const { transient = true, problem } = options;
    const detail = problem ?? (cause as { message?: unknown } | null)?.message;
    super(`${what}: ${code}${code !== 'TIMEOUT' && typeof detail === 'string' && detail && !detail.includes(code) ? ` (${detail})` : ''}`, { cause });
    this.name = 'HttpTransportError';
    this.transient = transient;
    this.problem = problem;
  }
}

/** The answer's body passed the caller's cap; what arrived was dropped and the connection closed. */
export class ResponseTooLargeError extends Error {
  constructor(
    readonly status: number,
    readonly limitBytes: number,
    what: string,
    advice = '',
  ) {
    super(`${what}: answered HTTP ${status} with a body larger than ${formatBytes(limitBytes)}; reading stopped there${advice}`);
    this.name = 'ResponseTooLargeError';
  }
}

/** 10485760 -> "10 MiB", for messages. */
export function formatBytes(bytes: number): string {
  for (const [unit, size] of [['GiB', 2 ** 30], ['MiB', 2 ** 20], ['KiB', 2 ** 10]] as const) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(2))} ${unit}`;
  }
  return `${bytes} bytes`;
}

/**
 * Whether a failure (after the client's own retries) is the peer being away for a while, so a
 * later try may succeed: no answer, a timeout, 429 or a 5xx, anywhere down the cause chain.
 * A refusal that names the request (4xx, a malformed answer) is not: trying later changes nothing.
 */
export function isTransientFailure(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let current: unknown = error; current instanceof Error && !seen.has(current); current = current.cause) {
    seen.add(current);
    if (current instanceof HttpTransportError) return current.transient;
    if (current instanceof HttpStatusError) return current.status === 429 || current.status >= 500;
    const lastError = (current as { lastError?: unknown }).lastError;
    if (lastError !== undefined && !seen.has(lastError)) return isTransientFailure(lastError);
  }
  return false;
}
