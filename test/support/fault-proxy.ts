import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededRandom } from '../../src/stats/random';

/**
 * What the proxy does to one request. Faults either stop the request before it reaches the
 * upstream (it is never applied) or forward it and spoil the answer (it is applied, the client
 * cannot tell).
 */
export type Fault =
  /** Answered by the proxy itself; `forward` says whether the upstream saw the request first (a gateway that lost the answer). */
  | { kind: 'status'; status: 429 | 502 | 503 | 504; forward: boolean; retryAfter?: string }
  /** The connection is destroyed before anything is forwarded. */
  | { kind: 'reset-before' }
  /** Forwarded and answered upstream; the connection is destroyed before the first byte of the answer. */
  | { kind: 'reset-after' }
  /** Forwarded; the status line, headers and part of the body arrive, then the connection is destroyed. */
  | { kind: 'reset-mid-response' }
  /** Waits `ms` before forwarding; the answer is intact. */
  | { kind: 'latency'; ms: number }
  /** Forwarded at once (applied); the answer is held back `ms` (longer than the client waits). */
  | { kind: 'slow-response'; ms: number }
  /** Parked until the test forwards or drops it (see `nextHeld`). */
  | { kind: 'hold' };

export type FaultKind = Fault['kind'];

export interface ProxiedRequest {
  /** 1-based arrival order since the proxy started (or since `reset`). */
  seq: number;
  method: string;
  /** Path without the query. */
  path: string;
  query: string;
  body: string;
}

export interface ProxyRecord extends ProxiedRequest {
  fault: FaultKind | undefined;
  /** True once the request was sent on to the upstream. */
  forwarded: boolean;
  /** The upstream's status, when it answered. */
  upstreamStatus?: number;
}

/** Decides the fault for each request; undefined forwards it untouched. */
export type FaultPlan = (request: ProxiedRequest) => Fault | undefined;

export interface HeldRequest {
  request: ProxiedRequest;
  /** Sends it on; resolves once the upstream has answered (the answer goes to the client if it is still there). */
  forward(): Promise<void>;
  /** Destroys the client connection without forwarding. */
  drop(): void;
}

export interface FaultProxy {
  url: string;
  /** Every request received, in arrival order. */
  records: ProxyRecord[];
  plan: FaultPlan;
  /** Resolves with the next request a `hold` fault parked (at once if one is waiting). */
  nextHeld(): Promise<HeldRequest>;
  /** Resolves when no forwarded request is still waiting for the upstream. */
  idle(): Promise<void>;
  /** Forgets the records and anyone still waiting in `nextHeld`, and restarts `seq` at 1. */
  reset(): void;
  close(): Promise<void>;
}

/** Headers that describe one hop's connection, not the message. */
const hopHeaders = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host', 'proxy-connection', 'upgrade']);

/**
 * A real HTTP proxy in front of `upstream` (a real MLflow server in these tests) that injects
 * faults per request as `plan` decides. Requests are read whole before the plan sees them, and
 * upstream answers are read whole before they are passed on, so every fault is exact.
 */
export async function startFaultProxy(upstream: string, plan: FaultPlan = () => undefined): Promise<FaultProxy> {
  const target = new URL(upstream);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const records: ProxyRecord[] = [];
  const inFlight = new Set<Promise<unknown>>();
  const heldQueue: HeldRequest[] = [];
  const heldWaiters: ((held: HeldRequest) => void)[] = [];
  let seq = 0;

  const state = { plan };

  function toUpstream(req: http.IncomingMessage, body: Buffer, record: ProxyRecord): Promise<{ status: number; headers: http.OutgoingHttpHeaders; body: Buffer }> {
    record.forwarded = true;
    const headers: http.OutgoingHttpHeaders = {};
    for (const [key, value] of Object.entries(req.headers)) if (!hopHeaders.has(key) && value !== undefined) headers[key] = value;
    headers['content-length'] = body.length;
    const done = new Promise<{ status: number; headers: http.OutgoingHttpHeaders; body: Buffer }>((resolve) => {
      const out = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          record.upstreamStatus = res.statusCode;
          const kept: http.OutgoingHttpHeaders = {};
          for (const [key, value] of Object.entries(res.headers)) if (!hopHeaders.has(key) && value !== undefined) kept[key] = value;
          resolve({ status: res.statusCode ?? 502, headers: kept, body: Buffer.concat(chunks) });
        });
        res.on('error', () => resolve(unreachable()));
      });
      out.on('error', () => resolve(unreachable()));
      out.end(body);
    });
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
    return done;
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const [path = '', query = ''] = (req.url ?? '').split('?', 2);
      const request: ProxiedRequest = { seq: ++seq, method: req.method ?? 'GET', path, query, body: body.toString() };
      const fault = state.plan(request);
      const record: ProxyRecord = { ...request, fault: fault?.kind, forwarded: false };
      records.push(record);
      // A client that gave up leaves a dead socket behind; writing to it must not crash the proxy.
      res.on('error', () => undefined);
      req.socket.on('error', () => undefined);
      void handle(req, res, body, record, fault);
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer, record: ProxyRecord, fault: Fault | undefined): Promise<void> {
    const pass = (answer: { status: number; headers: http.OutgoingHttpHeaders; body: Buffer }): void => {
      if (res.destroyed) return;
      res.writeHead(answer.status, { ...answer.headers, 'content-length': answer.body.length }).end(answer.body);
    };
    switch (fault?.kind) {
      case undefined:
        return pass(await toUpstream(req, body, record));
      case 'status': {
        if (fault.forward) await toUpstream(req, body, record);
        const headers: http.OutgoingHttpHeaders = { 'content-type': 'text/plain' };
        if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
        return pass({ status: fault.status, headers, body: Buffer.from(`fault proxy: ${fault.status}`) });
      }
      case 'reset-before':
        req.socket.destroy();
        return;
      case 'reset-after':
        await toUpstream(req, body, record);
        req.socket.destroy();
        return;
      case 'reset-mid-response': {
        const answer = await toUpstream(req, body, record);
        if (res.destroyed) return;
        res.writeHead(answer.status, { ...answer.headers, 'content-length': answer.body.length });
        // At least one byte short of the promised length, so the client cannot mistake it for a whole answer.
        res.write(answer.body.subarray(0, Math.floor(answer.body.length / 2)), () => req.socket.destroy());
        return;
      }
      case 'latency':
        await sleep(fault.ms);
        return pass(await toUpstream(req, body, record));
      case 'slow-response': {
        const answer = await toUpstream(req, body, record);
        await sleep(fault.ms);
        return pass(answer);
      }
      case 'hold': {
        let settled = false;
        const held: HeldRequest = {
          request: { ...record },
          forward: async () => {
            if (settled) return;
            settled = true;
            pass(await toUpstream(req, body, record));
          },
          drop: () => {
            if (settled) return;
            settled = true;
            req.socket.destroy();
          },
        };
        const waiter = heldWaiters.shift();
        if (waiter) waiter(held);
        else heldQueue.push(held);
        return;
      }
    }
  }

  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    records,
    get plan() {
      return state.plan;
    },
    set plan(next: FaultPlan) {
      state.plan = next;
    },
    nextHeld: () => {
      const waiting = heldQueue.shift();
      return waiting ? Promise.resolve(waiting) : new Promise((resolve) => heldWaiters.push(resolve));
    },
    idle: async () => {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    reset: () => {
      records.length = 0;
      seq = 0;
      heldWaiters.length = 0;
    },
    close: async () => {
      for (const held of heldQueue.splice(0)) held.drop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}

function unreachable(): { status: number; headers: http.OutgoingHttpHeaders; body: Buffer } {
  return { status: 502, headers: { 'content-type': 'text/plain' }, body: Buffer.from('fault proxy: upstream unreachable') };
}

export interface SeededFaultOptions {
  /** Probability that a request gets a fault at all. */
  rate: number;
  /** Relative weights of the fault kinds drawn (`hold` is never drawn). Default: all equal, slow responses rare. */
  weights?: Partial<Record<Exclude<FaultKind, 'hold'>, number>>;
  /** For `slow-response`: longer than the client's per-request timeout. */
  slowMs: number;
  /** Upper bound of `latency` faults; keep it below the client's timeout. */
  maxLatencyMs?: number;
  /** Only requests this accepts are faulted (default: all). */
  only?: (request: ProxiedRequest) => boolean;
}

const defaultWeights: Record<Exclude<FaultKind, 'hold'>, number> = {
  status: 4,
  'reset-before': 1,
  'reset-after': 1,
  'reset-mid-response': 1,
  latency: 1,
  'slow-response': 0.1,
};

/** A reproducible random plan: the same seed and the same request sequence give the same faults. */
export function seededFaults(seed: number, options: SeededFaultOptions): FaultPlan & { drawn: Record<string, number> } {
  const random = seededRandom(seed);
  const weights = Object.entries({ ...defaultWeights, ...options.weights }) as [Exclude<FaultKind, 'hold'>, number][];
  const total = weights.reduce((sum, [, w]) => sum + w, 0);
  const drawn: Record<string, number> = {};
  const plan = (request: ProxiedRequest): Fault | undefined => {
    if (options.only && !options.only(request)) return undefined;
    if (random() >= options.rate) return undefined;
    let pick = random() * total;
    let kind: Exclude<FaultKind, 'hold'> = 'status';
    for (const [k, w] of weights) {
      if ((pick -= w) < 0) {
        kind = k;
        break;
      }
    }
    const fault = faultOf(kind, random, options);
    const key = fault.kind === 'status' ? `status ${fault.status}${fault.forward ? ' (after forwarding)' : ''}` : fault.kind;
    drawn[key] = (drawn[key] ?? 0) + 1;
    return fault;
  };
  return Object.assign(plan, { drawn });
}

function faultOf(kind: Exclude<FaultKind, 'hold'>, random: () => number, options: SeededFaultOptions): Fault {
  switch (kind) {
    case 'status': {
      const statuses = [429, 502, 503, 504] as const;
      const status = statuses[Math.floor(random() * statuses.length)] ?? 503;
      // A 504 is a gateway that gave up waiting: the upstream may well have applied the request.
      if (status === 504) return { kind, status, forward: true };
      if (status === 429) return { kind, status, forward: false, retryAfter: String(Math.floor(random() * 3)) };
      return { kind, status, forward: false, ...(status === 503 && random() < 0.5 ? { retryAfter: '1' } : {}) };
    }
    case 'latency':
      return { kind, ms: 1 + Math.floor(random() * (options.maxLatencyMs ?? 30)) };
    case 'slow-response':
      return { kind, ms: options.slowMs };
    default:
      return { kind };
  }
}

/** Faults for given request numbers (1-based `seq`), everything else untouched. */
export function scriptedFaults(script: Record<number, Fault>): FaultPlan {
  return (request) => script[request.seq];
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
