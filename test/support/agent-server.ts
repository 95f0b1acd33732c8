import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

export interface AgentReply {
  status?: number;
  /** Answer text; the default echoes the question. */
  text?: string;
  /** A raw body instead of a chat completion. */
  body?: string;
  delayMs?: number;
  headers?: Record<string, string>;
  /** Drop the connection without answering. */
  destroy?: boolean;
}

export interface AgentServer {
  url: string;
  requests: number;
  /** Most requests in flight at once. */
  peakInFlight: number;
  /** TCP connections accepted. */
  connections: number;
  bodies: unknown[];
  close(): Promise<void>;
}

/** A real OpenAI-compatible chat server on loopback whose answers a test scripts; over TLS given a key and certificate. */
export async function startAgent(
  reply: (question: string, requestNumber: number) => AgentReply = (q) => ({ text: q }),
  options: { tls?: { key: string; cert: string } } = {},
): Promise<AgentServer> {
  let inFlight = 0;
  const replies = delayedReplies();
  const state = { requests: 0, peakInFlight: 0, connections: 0, bodies: [] as unknown[] };
  const handle = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const n = ++state.requests;
      inFlight++;
      state.peakInFlight = Math.max(state.peakInFlight, inFlight);
      let question = '';
      try {
        const body = JSON.parse(raw || '{}') as { messages?: { content: string }[] };
        state.bodies.push(body);
        question = body.messages?.at(-1)?.content ?? '';
      } catch {
        question = '';
      }
      const r = reply(question, n);
      replies.later(() => {
        inFlight--;
        if (r.destroy) return req.socket.destroy();
        res.writeHead(r.status ?? 200, { 'content-type': 'application/json', ...r.headers });
        res.end(r.body ?? JSON.stringify({ choices: [{ message: { role: 'assistant', content: r.text ?? question } }] }));
      }, r.delayMs ?? 0);
    });
  };
  const server = options.tls ? https.createServer(options.tls, handle) : http.createServer(handle);
  server.on('connection', () => state.connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    get requests() {
      return state.requests;
    },
    get peakInFlight() {
      return state.peakInFlight;
    },
    get connections() {
      return state.connections;
    },
    bodies: state.bodies,
    close: () =>
      new Promise<void>((resolve) => {
        replies.cancel();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Replies held back by a test's delay; closing the server drops them, so no timer outlives the test. */
function delayedReplies(): { later(send: () => void, ms: number): void; cancel(): void } {
  const pending = new Set<NodeJS.Timeout>();
  return {
    later(send, ms) {
      const timer = setTimeout(() => {
        pending.delete(timer);
        send();
      }, ms);
      pending.add(timer);
    },
    cancel() {
      for (const timer of pending) clearTimeout(timer);
      pending.clear();
    },
  };
}

/** A port nothing listens on: bind, note the port, close. */
export async function deadPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** One request as a JSON server saw it. */
export interface JsonRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** The parsed JSON body (undefined when the body was not JSON). */
  body: unknown;
  /** performance.now() when the request had been read, for rate checks on the server's side. */
  at: number;
}

export interface JsonReply {
  status?: number;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is, instead of `json`. */
  raw?: string;
  delayMs?: number;
  headers?: Record<string, string>;
  destroy?: boolean;
}

export interface JsonServer {
  url: string;
  requests: JsonRequest[];
  peakInFlight: number;
  /** TCP connections accepted. */
  connections: number;
  close(): Promise<void>;
}

/**
 * A real HTTP server on loopback for any JSON wire format (Responses, Databricks invocations,
 * MLflow /invocations, an LLM judge): every request is recorded with its path and arrival time,
 * and the test scripts each answer.
 */
export async function startJsonServer(reply: (request: JsonRequest, requestNumber: number) => JsonReply): Promise<JsonServer> {
  let inFlight = 0;
  const replies = delayedReplies();
  const state = { peakInFlight: 0, connections: 0, requests: [] as JsonRequest[] };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        body = undefined;
      }
      const request: JsonRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, at: performance.now() };
      state.requests.push(request);
      inFlight++;
      state.peakInFlight = Math.max(state.peakInFlight, inFlight);
      const r = reply(request, state.requests.length);
      replies.later(() => {
        inFlight--;
        if (r.destroy) return req.socket.destroy();
        res.writeHead(r.status ?? 200, { 'content-type': 'application/json', ...r.headers });
        res.end(r.raw ?? JSON.stringify(r.json ?? {}));
      }, r.delayMs ?? 0);
    });
  });
  server.on('connection', () => state.connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: state.requests,
    get peakInFlight() {
      return state.peakInFlight;
    },
    get connections() {
      return state.connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        replies.cancel();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An OpenAI chat completion whose answer is `text`. */
export function chatCompletion(text: string): unknown {
  return { id: 'chatcmpl-1', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }] };
}

/** An OpenAI Responses / MLflow ResponsesAgent answer whose text is `text`. */
export function responsesAnswer(text: string): unknown {
  return { id: 'resp_1', object: 'response', output: [{ type: 'message', id: 'msg_1', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text, annotations: [] }] }] };
}

/** The last user message of a chat-shaped request ({messages} or Responses {input}). */
export function lastUserText(body: unknown): string {
  const b = body as { messages?: { role: string; content: string }[]; input?: { role: string; content: string }[] } | undefined;
  const list = b?.messages ?? b?.input ?? [];
  return list.filter((m) => m.role === 'user').at(-1)?.content ?? '';
}

/**
 * A fake OpenAI-compatible judge: `verdict` sees the system and user prompt and returns the
 * judge's answer text (or a whole reply, e.g. a 429).
 */
export async function startJudge(verdict: (prompt: { system: string; user: string }, requestNumber: number) => string | JsonReply): Promise<JsonServer> {
  return startJsonServer((request, n) => {
    const messages = (request.body as { messages?: { role: string; content: string }[] } | undefined)?.messages ?? [];
    const prompt = { system: messages.find((m) => m.role === 'system')?.content ?? '', user: messages.find((m) => m.role === 'user')?.content ?? '' };
    const answer = verdict(prompt, n);
    return typeof answer === 'string' ? { json: chatCompletion(answer) } : answer;
  });
}
