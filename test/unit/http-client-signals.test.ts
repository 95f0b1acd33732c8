import { getEventListeners } from 'node:events';
import { HttpTransportError, sendOnce } from '../../src/http/client';
import { startJsonServer } from '../support/agent-server';

// sendOnce composes the caller's long-lived signal (a whole evaluation's) with its own timeout
// per request: the caller's signal gets one listener for its whole life, however many requests.
describe('sendOnce with a caller signal', () => {
  it('adds one listener to the caller signal however many requests, and parses each URL as given', async () => {
    const server = await startJsonServer(() => ({ json: { ok: true } }));
    try {
      const run = new AbortController();
      for (let i = 0; i < 50; i++) {
        const res = await sendOnce({ method: 'POST', url: `${server.url}/v1/chat?n=${i % 3}`, body: '{}', timeoutMs: 5_000, signal: run.signal });
        expect(res.status).toBe(200);
      }
      expect(getEventListeners(run.signal, 'abort')).toHaveLength(1);
      expect(server.requests.map((r) => r.path).slice(0, 4)).toEqual(['/v1/chat?n=0', '/v1/chat?n=1', '/v1/chat?n=2', '/v1/chat?n=0']);
    } finally {
      await server.close();
    }
  });

  it('reports a cancellation by the caller as a transport error, not a timeout', async () => {
    const run = new AbortController();
    const server = await startJsonServer(() => {
      run.abort(new Error('cancelled (SIGTERM)'));
      return { json: {}, delayMs: 30_000 };
    });
    try {
      const error = await sendOnce({ method: 'GET', url: `${server.url}/slow`, timeoutMs: 60_000, signal: run.signal }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HttpTransportError);
      expect((error as HttpTransportError).code).not.toBe('TIMEOUT');
      expect((error as Error).message).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/slow: /);
      expect(getEventListeners(run.signal, 'abort')).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it('cancels every request in flight when the caller signal aborts', async () => {
    const run = new AbortController();
    let arrived = 0;
    const server = await startJsonServer(() => {
      if (++arrived === 20) setImmediate(() => run.abort(new Error('cancelled (SIGINT)')));
      return { json: {}, delayMs: 30_000 };
    });
    try {
      const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => sendOnce({ method: 'POST', url: `${server.url}/slow`, body: '{}', timeoutMs: 60_000, signal: run.signal })));
      expect(outcomes.map((o) => o.status)).toEqual(Array(20).fill('rejected'));
      expect(outcomes.map((o) => (o as PromiseRejectedResult).reason)).toEqual(Array(20).fill(expect.any(HttpTransportError)));
      expect(getEventListeners(run.signal, 'abort')).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it('still cancels the requests left in flight after others under the same signal finished in any order', async () => {
    const run = new AbortController();
    // Every third request hangs; the others answer after delays that finish them out of order,
    // so finished requests leave the head (n = 29, the last added), the middle and the tail (n = 0).
    const hangs = (n: number) => n % 3 === 1;
    const server = await startJsonServer((request) => {
      const n = Number(new URL(request.path, 'http://x').searchParams.get('n'));
      return hangs(n) ? { json: {}, delayMs: 30_000 } : { json: { n }, delayMs: (n * 7) % 40 };
    });
    try {
      const sent = Array.from({ length: 30 }, (_, n) => sendOnce({ method: 'POST', url: `${server.url}/v1?n=${n}`, body: '{}', timeoutMs: 60_000, signal: run.signal }));
      const answered = await Promise.all(sent.filter((_, n) => !hangs(n)));
      expect(answered.map((r) => (JSON.parse(r.body) as { n: number }).n)).toEqual(Array.from({ length: 30 }, (_, n) => n).filter((n) => !hangs(n)));
      run.abort(new Error('cancelled (SIGINT)'));
      const hung = await Promise.allSettled(sent.filter((_, n) => hangs(n)));
      expect(hung.map((o) => (o.status === 'rejected' ? o.reason : o.value))).toEqual(Array(10).fill(expect.any(HttpTransportError)));
    } finally {
      await server.close();
    }
  });

  it('does not send at all when the caller signal is already aborted', async () => {
    const server = await startJsonServer(() => ({ json: {} }));
    try {
      const error = await sendOnce({ method: 'GET', url: `${server.url}/`, timeoutMs: 5_000, signal: AbortSignal.abort(new Error('stopped')) }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HttpTransportError);
      expect(server.requests).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it('refuses a URL that is not http(s) with the transport error undici gave before', async () => {
    await expect(sendOnce({ method: 'GET', url: 'ftp://127.0.0.1/file', timeoutMs: 1_000 })).rejects.toThrow(
      'GET ftp://127.0.0.1/file: UND_ERR_INVALID_ARG (Invalid URL protocol: the URL must start with `http:` or `https:`.)',
    );
  });
});
