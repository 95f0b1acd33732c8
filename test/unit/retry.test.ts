import { HttpStatusError, HttpTransportError, retryAfterMs, send } from '../../src/http/client';
import { RetriesExhaustedError, backoffDelay, withRetries } from '../../src/http/retry';
import { deadPort, startAgent } from '../support/agent-server';
import { fakeClock } from '../support/fake-clock';


const policy = { attempts: 5, baseDelayMs: 100, maxDelayMs: 1_000, deadlineMs: 10_000 };

describe('retries', () => {
  it('backs off with full jitter under a cap', () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffDelay(policy, n, () => 0.999))).toEqual([99, 199, 399, 799, 999, 999]);
    expect(backoffDelay(policy, 3, () => 0)).toBe(0);
  });

  it('retries retryable failures and returns the first success', async () => {
    const clock = fakeClock();
    let calls = 0;
    const value = await withRetries('op', async () => (++calls < 3 ? Promise.reject(new Error('flaky')) : 'ok'), {
      policy,
      clock,
      random: () => 0.5,
      classify: () => ({ retry: true }),
    });
    expect(value).toBe('ok');
    expect(calls).toBe(3);
    expect(clock.sleeps).toEqual([50, 100]);
  });

  it('waits at least as long as the server asked', async () => {
    const clock = fakeClock();
    let calls = 0;
    await withRetries('op', async () => (++calls < 2 ? Promise.reject(new Error('slow down')) : 'ok'), {
      policy,
      clock,
      random: () => 0.5,
      classify: () => ({ retry: true, afterMs: 3_000 }),
    });
    expect(clock.sleeps).toEqual([3_000]);
  });

  it('gives up at the attempt limit, and never sleeps past the deadline', async () => {
    const clock = fakeClock();
    const always = (): Promise<never> => Promise.reject(new Error('down'));
    await expect(withRetries('op', always, { policy, clock, random: () => 0.5, classify: () => ({ retry: true }) })).rejects.toThrow(
      'op: gave up after 5 attempts: down',
    );
    const tight = { ...policy, deadlineMs: 2_500 };
    const deadlineClock = fakeClock();
    await expect(withRetries('op', always, { policy: tight, clock: deadlineClock, classify: () => ({ retry: true, afterMs: 2_000 }) })).rejects.toThrow(
      'op: deadline of 2500 ms reached after 2 attempts: down',
    );
    expect(deadlineClock.sleeps).toEqual([2_000]);
  });

  it('does not retry what is not retryable', async () => {
    let calls = 0;
    await expect(
      withRetries('op', async () => Promise.reject(new Error(`bad request ${++calls}`)), { policy, clock: fakeClock(), classify: () => ({ retry: false }) }),
    ).rejects.toThrow('bad request 1');
    expect(calls).toBe(1);
  });

  it('reads Retry-After as seconds or as a date', () => {
    const clock = fakeClock(Date.parse('2026-11-23T10:00:00Z'));
    expect(retryAfterMs('7', clock)).toBe(7_000);
    expect(retryAfterMs('Mon, 23 Nov 2026 10:00:30 GMT', clock)).toBe(30_000);
    expect(retryAfterMs('soon', clock)).toBeUndefined();
    expect(retryAfterMs(undefined, clock)).toBeUndefined();
  });
});

describe('send against a real local server', () => {
  it('retries 503 and 429 (honouring Retry-After) until the server answers', async () => {
    const agent = await startAgent((_q, n) => (n === 1 ? { status: 503 } : n === 2 ? { status: 429, headers: { 'retry-after': '2' } } : { text: 'fine' }));
    try {
      const clock = fakeClock();
      const res = await send({ method: 'POST', url: `${agent.url}/v1`, body: '{}', timeoutMs: 2_000 }, 'call', { clock, policy, random: () => 0, retryOn: new Set([429, 503]) });
      expect(res.status).toBe(200);
      expect(agent.requests).toBe(3);
      expect(clock.sleeps).toEqual([0, 2_000]);
    } finally {
      await agent.close();
    }
  });

  it('does not retry a non-idempotent call whose effect is unknown, but does when the server declined it', async () => {
    const agent = await startAgent((_q, n) => (n === 1 ? { status: 502 } : { status: 503 }));
    try {
      const clock = fakeClock();
      await expect(send({ method: 'POST', url: agent.url, body: '{}', timeoutMs: 2_000 }, 'create', { clock, policy, idempotent: false })).rejects.toThrow(
        'create: HTTP 502',
      );
      expect(agent.requests).toBe(1);
      await expect(send({ method: 'POST', url: agent.url, body: '{}', timeoutMs: 2_000 }, 'create', { clock, policy, idempotent: false })).rejects.toThrow(
        RetriesExhaustedError,
      );
      expect(agent.requests).toBe(6);
    } finally {
      await agent.close();
    }
  });

  it('turns a refused connection and a timeout into transport errors, and keeps HTML out of messages', async () => {
    const port = await deadPort();
    await expect(send({ method: 'GET', url: `http://127.0.0.1:${port}/`, timeoutMs: 1_000 }, 'probe', { clock: fakeClock(), policy: { ...policy, attempts: 2 } })).rejects.toThrow(
      /probe: gave up after 2 attempts: GET http:\/\/127\.0\.0\.1:\d+\/: ECONNREFUSED/,
    );
    const agent = await startAgent((_q, n) => (n === 1 ? { delayMs: 500 } : { status: 404, body: '<!DOCTYPE html><html><body>Not here</body></html>' }));
    try {
      const slow = send({ method: 'GET', url: agent.url, timeoutMs: 100 }, 'probe', { clock: fakeClock(), policy: { ...policy, attempts: 1 } });
      await expect(slow).rejects.toThrow(RetriesExhaustedError);
      await expect(slow).rejects.toThrow(/gave up after 1 attempt: GET http:\/\/127\.0\.0\.1:\d+\/ timed out after 100 ms: TIMEOUT$/);
      await expect(slow.catch((e: RetriesExhaustedError) => Promise.reject(e.lastError))).rejects.toThrow(HttpTransportError);
      // It answers at once; the timeout only has to outlast a loaded machine.
      const html = send({ method: 'GET', url: agent.url, timeoutMs: 10_000 }, 'probe', { clock: fakeClock(), policy });
      await expect(html).rejects.toThrow(HttpStatusError);
      await expect(html).rejects.toThrow('probe: HTTP 404: (HTML error page)');
    } finally {
      await agent.close();
    }
  });
});
