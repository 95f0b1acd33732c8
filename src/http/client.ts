import type { Dispatcher, Pool, ProxyAgent } from 'undici';
import { addAbortWaiter, removeAbortWaiter, type AbortWaiter } from '../abort-listeners';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { HttpStatusError, HttpTransportError, ResponseTooLargeError } from './errors';
import { noProxies, proxyFor, type ProxySettings } from './proxy';
import { defaultRetryPolicy, withRetries, type RetryPolicy, type RetryVerdict } from './retry';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Stop reading an answer whose body is larger than this (ResponseTooLargeError): memory stays bounded. */
  maxBodyBytes?: number;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

// The errors live beside the client; importers keep taking them from here.
export { HttpStatusError, HttpTransportError, ResponseTooLargeError, formatBytes } from './errors';

/**
 * One request, its whole body read into a string. Built on undici's dispatch with a handler that
 * collects the chunks: request() wraps every answer in a Readable stream and an AbortSignal per
 * call, which at an evaluation's rate costs a fifth of the CPU per request and most of the
 * garbage that reaches the old generation.
 */
export function sendOnce(req: HttpRequest): Promise<HttpResponse> {
  if (!undici) return loadUndici().then(() => sendOnce(req));
  return new Promise((resolve, reject) => new Exchange(req, resolve, reject).start());
}

type Undici = typeof import('./undici-dispatchers');
let undici: Undici | undefined;
let loading: Promise<Undici> | undefined;

function loadUndici(): Promise<Undici> {
  loading ??= import('./undici-dispatchers').then((modules) => (undici = modules));
  return loading;
}

/** undici, which every caller of these functions loaded by sending first. */
function loaded(): Undici {
  if (!undici) throw new Error('the HTTP client dispatched before undici was loaded');
  return undici;
}

/** One pool per origin, capped at what its callers reserved; through a proxy, one tunnel per connection. */
const pools = (origin: string | URL, options: Pool.Options): Pool => new (loaded().Pool)(origin, { ...options, connections: reserved.get(String(origin)) ?? null });

/** Where requests to an origin go: straight there, or through the proxy at `via`. */
interface Route {
  dispatcher: Dispatcher;
  via: Via | null;
}

/** A proxy as errors name it: host:port, and the variable that set it. */
interface Via {
  host: string;
  variable: string;
}

let direct: Route | undefined;
let proxies: ProxySettings = noProxies;
const proxyAgents = new Map<string, ProxyAgent>();
const routes = new Map<string, Route>();

/**
 * Routes later requests through the proxies in `settings` (from the environment, read by the
 * shells). Call before the first request; requests already in flight keep their route.
 */
export function useProxies(settings: ProxySettings): void {
  proxies = settings;
  routes.clear();
  for (const agent of proxyAgents.values()) void agent.close();
  proxyAgents.clear();
}

/**
 * The process's connection pools for `origin`: its own rather than undici's global dispatcher,
 * which in the action is the one @actions/core's undici 6 installs first, and which speaks an
 * older handler API.
 */
function connections(origin: string): Route {
  direct ??= { dispatcher: new (loaded().Agent)({ factory: pools }), via: null };
  if (!proxies.http && !proxies.https) return direct;
  let route = routes.get(origin);
  if (!route) {
    const proxy = proxyFor(proxies, origin);
    const variable = proxies.variables[origin.startsWith('https:') ? 'https' : 'http'];
    route = proxy ? { dispatcher: proxyAgent(proxy), via: { host: proxy.host, variable } } : direct;
    routes.set(origin, route);
  }
  return route;
}

function proxyAgent(proxy: URL): ProxyAgent {
  let agent = proxyAgents.get(proxy.href);
  if (!agent) {
    // The connection to the proxy opens each tunnel with CONNECT: undici's index adds that method
    // to every dispatcher, and this client loads only the modules it uses.
    const { Pool, ProxyAgent, connectThrough } = loaded();
    const tunnels = (origin: URL, options: object): Dispatcher => Object.assign(new Pool(origin, options), { connect: connectThrough });
    agent = new ProxyAgent({ uri: proxy.href, factory: pools, clientFactory: tunnels });
    proxyAgents.set(proxy.href, agent);
  }
  return agent;
}

const reserved = new Map<string, number>();

/**
 * Caps the connections to `url`'s origin at the sum of what callers that bound their own
 * concurrency reserve (the dataset runner, a judge); other origins stay unbounded. Without a cap
 * undici opens a new connection whenever a request is dispatched before the connection that just
 * answered is marked free, as a worker sending its next request on the answer often is:
 * concurrency 32 opened 50 to 64 connections per run (and as many TLS handshakes over https).
 * Reserve before the first request: a pool is sized when it is made.
 */
export function reserveConnections(url: string, count: number): void {
  let origin: string;
  try {
    origin = target(url).origin;
  } catch {
    return; // the first request reports the unusable URL
  }
  reserved.set(origin, (reserved.get(origin) ?? 0) + count);
}

/** The state of one sendOnce: the undici handler, the deadline and the caller's signal. */
class Exchange implements Dispatcher.DispatchHandler, AbortWaiter {
  private controller: Dispatcher.DispatchController | undefined;
  private cancelled: Error | undefined;
  /** The proxy the request went through, named in its errors. */
  private via: Via | null = null;
  private timedOut = false;
  private settled = false;
  private status = 0;
  private headers: HttpResponse['headers'] = {};
  private chunks: Buffer[] = [];
  private received = 0;
  private tooLarge = false;
  private readonly timer: NodeJS.Timeout;
  /** Neighbours among the waiters on the caller's signal: one listener cancels every request under it. */
  previousWaiter: AbortWaiter | null = null;
  nextWaiter: AbortWaiter | null = null;

  constructor(
    private readonly req: HttpRequest,
    private readonly resolve: (res: HttpResponse) => void,
    private readonly reject: (error: Error) => void,
  ) {
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.cancel(new DOMException(`signal timed out after ${req.timeoutMs} ms`, 'TimeoutError'));
    }, req.timeoutMs);
    this.timer.unref();
  }

  start(): void {
    const external = this.req.signal;
    if (external?.aborted) return this.onResponseError(undefined, toError(external.reason));
    if (external) addAbortWaiter(external, this);
    try {
      const { origin, path } = target(this.req.url);
      const route = connections(origin);
      this.via = route.via;
      route.dispatcher.dispatch({ origin, path, method: this.req.method, headers: this.req.headers, body: this.req.body ?? null }, this);
    } catch (error) {
      this.onResponseError(undefined, toError(error));
    }
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    // Cancelled while undici still queued the request: it must not go out.
    if (this.cancelled) controller.abort(this.cancelled);
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: HttpResponse['headers']): void {
    this.status = statusCode;
    this.headers = headers;
    const declared = Number(headers['content-length']);
    if (this.req.maxBodyBytes !== undefined && declared > this.req.maxBodyBytes) this.stopReading();
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.tooLarge) return;
    this.received += chunk.length;
    if (this.req.maxBodyBytes !== undefined && this.received > this.req.maxBodyBytes) return this.stopReading();
    this.chunks.push(chunk);
  }

  /** Over the cap: drop what arrived and abort, so a runaway answer costs no more memory than the cap. */
  private stopReading(): void {
    this.tooLarge = true;
    this.chunks = [];
    this.cancel(new Error('response body over the limit'));
  }

  onResponseEnd(): void {
    if (!this.finish()) return;
    const body = this.chunks.length === 1 ? (this.chunks[0] as Buffer).toString('utf8') : Buffer.concat(this.chunks).toString('utf8');
    this.resolve({ status: this.status, headers: this.headers, body });
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, error: Error): void {
    if (!this.finish()) return;
    const refusal = this.via ? proxyRefusal(error) : undefined;
    if (this.via && refusal !== undefined) {
      // The tunnel was refused, so the server never saw the request. A 4xx other than a timeout or
      // a rate limit will be refused again.
      const problem = proxyProblem(this.via, refusal, this.req.url);
      const transient = refusal >= 500 || refusal === 408 || refusal === 429;
      this.reject(new HttpTransportError('PROXY_REFUSED', false, `${this.req.method} ${redactUrl(this.req.url)}`, error, { transient, problem }));
      return;
    }
    const what = `${this.req.method} ${redactUrl(this.req.url)}${this.via ? ` (through the proxy at ${this.via.host})` : ''}`;
    if (this.tooLarge) {
      this.reject(new ResponseTooLargeError(this.status, this.req.maxBodyBytes ?? 0, what));
      return;
    }
    if (this.timedOut && !this.req.signal?.aborted) {
      this.reject(new HttpTransportError('TIMEOUT', true, `${what} timed out after ${this.req.timeoutMs} ms`, error));
      return;
    }
    const code = transportCode(error);
    const untrusted = certificateProblem(code);
    // The handshake failed, so the request never left; another try meets the same certificate.
    if (untrusted) this.reject(new HttpTransportError(code, false, what, error, { transient: false, problem: untrusted }));
    else this.reject(new HttpTransportError(code, code !== 'ECONNREFUSED' && code !== 'ENOTFOUND', what, error));
  }

  onAbort(reason: Error): void {
    this.cancel(reason);
  }

  cancel(reason: Error): void {
    if (this.settled || this.cancelled) return;
    this.cancelled = reason;
    // Not started yet: settle now; onRequestStart aborts it should undici still dispatch it.
    if (this.controller) this.controller.abort(reason);
    else this.onResponseError(undefined, reason);
  }

  /** True the first time: undici reports an abort after the end, or an error after an abort. */
  private finish(): boolean {
    if (this.settled) return false;
    this.settled = true;
    clearTimeout(this.timer);
    if (this.req.signal) removeAbortWaiter(this.req.signal, this);
    return true;
  }
}

function toError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason ?? 'aborted'));
}

const targets = new Map<string, { origin: string; path: string }>();

/** Origin and path of a URL, parsed once per URL: an evaluation sends every request to the same one. */
function target(url: string): { origin: string; path: string } {
  let found = targets.get(url);
  if (!found) {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new (loaded().InvalidArgumentError)('Invalid URL protocol: the URL must start with `http:` or `https:`.');
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
  if (error instanceof HttpTransportError) return { retry: error.transient && (idempotent || !error.maybeDelivered) };
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
export function excerpt(body: string, max = 1000): string {
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

/** The status a proxy answered CONNECT with, from undici's tunnelling error. */
function proxyRefusal(error: unknown): number | undefined {
  for (let current = error, seen = 0; current instanceof Error && seen < 8; current = current.cause, seen++) {
    const status = /^Proxy response \((\d{3})\) !== 200/.exec(current.message)?.[1];
    if (status) return Number(status);
  }
  return undefined;
}

function proxyProblem(via: Via, status: number, url: string): string {
  const answered = `the proxy at ${via.host} answered ${status} to CONNECT`;
  if (status === 407) return `${answered}: it did not accept the credentials; give them in ${via.variable} in the URL as user:password@ before the host, percent-encoded (Basic authentication)`;
  if (status === 403) return `${answered}: it does not allow ${new URL(url).host}; ask for it to be allowed, or list it in NO_PROXY if it is reachable directly`;
  return answered;
}

/** The errno-style code from an undici error, its cause chain or an AggregateError's members. */
/** What a TLS certificate failure means for the user, or undefined for any other failure. */
function certificateProblem(code: string): string | undefined {
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') return "the server's TLS certificate is not valid now; the server must renew it";
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return "the server's TLS certificate does not name this host; use the host name the certificate was issued for";
  if (!/^(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_UNTRUSTED|CERT_SIGNATURE_FAILURE)$/.test(code)) return undefined;
  return `the server's TLS certificate is not trusted: if your organisation's certificate authority signed it, give Node that authority's certificate with NODE_EXTRA_CA_CERTS=/path/to/ca.pem (MLFLOW_TRACKING_SERVER_CERT_PATH and MLFLOW_TRACKING_INSECURE_TLS are not read)`;
}

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
