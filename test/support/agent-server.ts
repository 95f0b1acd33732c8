import http from 'node:http';
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
  bodies: unknown[];
  close(): Promise<void>;
}

/** A real OpenAI-compatible chat server on loopback whose answers a test scripts. */
export async function startAgent(reply: (question: string, requestNumber: number) => AgentReply = (q) => ({ text: q })): Promise<AgentServer> {
  let inFlight = 0;
  const state = { requests: 0, peakInFlight: 0, bodies: [] as unknown[] };
  const server = http.createServer((req, res) => {
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
      setTimeout(() => {
        inFlight--;
        if (r.destroy) return req.socket.destroy();
        res.writeHead(r.status ?? 200, { 'content-type': 'application/json', ...r.headers });
        res.end(r.body ?? JSON.stringify({ choices: [{ message: { role: 'assistant', content: r.text ?? question } }] }));
      }, r.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return state.requests;
    },
    get peakInFlight() {
      return state.peakInFlight;
    },
    bodies: state.bodies,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
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
