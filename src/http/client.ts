import { errors, getGlobalDispatcher } from 'undici';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { defaultRetryPolicy, withRetries, type RetryPolicy, type RetryVerdict } from './retry';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

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

/** The request did not get a response: refused, reset, timed out, DNS. */
export class HttpTransportError extends Error {
  constructor(
    readonly code: string,
    /** True when the server may have received the request (it was sent, no answer came). */
    readonly maybeDelivered: boolean,
    what: string,
    cause: unknown,
  ) {
    const detail = (cause as { message?: unknown } | null)?.message;
    super(`${what}: ${code}${code !== 'TIMEOUT' && typeof detail === 'string' && detail && !detail.includes(code) ? ` (${detail})` : ''}`, {
      cause,
    });
    this.name = 'HttpTransportError';
  }
}

export async function sendOnce(req: HttpRequest): Promise<HttpResponse> {
  // One controller and one timer per request rather than AbortSignal.any([signal,
  // AbortSignal.timeout()]): on Node 20 every any() stays registered on the long-lived run
  // signal, which a 100k-example evaluation would accumulate, and the pair costs ~60 µs a call.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(`signal timed out after ${req.timeoutMs} ms`, 'TimeoutError'));
  }, req.timeoutMs);
  timer.unref();
  const external = req.signal;
  const forward = (): void => controller.abort(external?.reason);
  if (external?.aborted) forward();
  else external?.addEventListener('abort', forward, { once: true });
  try {
    const { origin, path } = target(req.url);
    const res = await getGlobalDispatcher().request({ origin, path, method: req.method, headers: req.headers, body: req.body, signal: controller.signal });
    const body = await res.body.text();
    return { status: res.statusCode, headers: res.headers, body };
  } catch (error) {
    const what = `${req.method} ${redactUrl(req.url)}`;
    if (timedOut && !external?.aborted) {
      throw new HttpTransportError('TIMEOUT', true, `${what} timed out after ${req.timeoutMs} ms`, error);
    }
    const code = transportCode(error);
    throw new HttpTransportError(code, code !== 'ECONNREFUSED' && code !== 'ENOTFOUND', what, error);
  } finally {
    clearTimeout(timer);
    external?.removeEventListener('abort', forward);
  }
}

const targets = new Map<string, { origin: string; path: string }>();

/** Origin and path of a URL, parsed once per URL: an evaluation sends every request to the same one. */
function target(url: string): { origin: string; path: string } {
  let found = targets.get(url);
  if (!found) {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new errors.InvalidArgumentError('Invalid URL protocol: the URL must start with `http:` or `https:`.');
    found = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
    // A handful of endpoints per process; the bound only keeps a pathological caller from growing it.
    if (targets.size >= 64) targets.clear();
    targets.set(url, found);
  }
  return found;
}

export interface RetryingSendOptions {
  clock: Clock;
  logger?: Logger;
  policy?: RetryPolicy;
  /** Statuses worth another attempt. */
  retryOn?: ReadonlySet<number>;
  /**
   * A non-idempotent call is retried only when the server cannot have acted on it
   * (connection refused, 429, 503); anything else surfaces so the caller can re-read state.
   */
  idempotent?: boolean;
  random?: () => number;
}

export const gatewayStatuses: ReadonlySet<number> = new Set([429, 502, 503, 504]);
export const serverErrorStatuses: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/** Sends with retries; a status outside 2xx becomes an HttpStatusError. */
export async function send(req: HttpRequest, label: string, options: RetryingSendOptions): Promise<HttpResponse> {
  const retryOn = options.retryOn ?? gatewayStatuses;
  const idempotent = options.idempotent ?? (req.method === 'GET' || req.method === 'PUT' || req.method === 'DELETE');
  return withRetries(
    label,
    async () => {
      const res = await sendOnce(req);
      if (res.status >= 200 && res.status < 300) return res;
      throw new HttpStatusError(res.status, excerpt(res.body), retryAfterMs(res.headers['retry-after'], options.clock), label);
    },
    {
      policy: options.policy ?? defaultRetryPolicy,
      clock: options.clock,
      logger: options.logger,
      random: options.random,
      signal: req.signal,
      classify: (error): RetryVerdict => classify(error, retryOn, idempotent),
    },
  );
}

function classify(error: unknown, retryOn: ReadonlySet<number>, idempotent: boolean): RetryVerdict {
  if (error instanceof HttpStatusError) {
    const serverDeclined = error.status === 429 || error.status === 503;
    return { retry: retryOn.has(error.status) && (idempotent || serverDeclined), afterMs: error.retryAfterMs };
  }
  if (error instanceof HttpTransportError) return { retry: idempotent || !error.maybeDelivered };
  return { retry: false };
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function retryAfterMs(value: string | string[] | undefined, clock: Clock): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  if (/^\d+$/.test(text.trim())) return Number(text.trim()) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - clock.now());
}

/** Bodies can be whole HTML error pages; keep one readable line. */
export function excerpt(body: string, max = 300): string {
  const trimmed = body.trim();
  if (/^<(!doctype|html)/i.test(trimmed)) return '(HTML error page)';
  const oneLine = trimmed.replace(/\s+/g, ' ');
  return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}

/** URLs may carry credentials in userinfo or query; never print them. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) {
      parsed.username = '***';
      parsed.password = '';
    }
    for (const key of [...parsed.searchParams.keys()]) {
      if (/token|key|secret|password|sig/i.test(key)) parsed.searchParams.set(key, '***');
    }
    return parsed.toString();
  } catch {
    return url;
  }
}

/** The errno-style code from an undici error, its cause chain or an AggregateError's members. */
function transportCode(error: unknown): string {
  const queue: unknown[] = [error];
  for (let seen = 0; queue.length > 0 && seen < 8; seen++) {
    // Duck-typed: errors from Node's core may come from another realm, where instanceof fails.
    const current = queue.shift() as { code?: unknown; cause?: unknown; errors?: unknown } | null;
    if (current === null || typeof current !== 'object') continue;
    if (typeof current.code === 'string' && !current.code.startsWith('UND_ERR_SOCKET')) return current.code;
    if (current.cause) queue.push(current.cause);
    if (Array.isArray(current.errors)) queue.push(...(current.errors as unknown[]));
  }
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : 'UNKNOWN';
}
