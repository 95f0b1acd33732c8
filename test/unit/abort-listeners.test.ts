import { getEventListeners } from 'node:events';
import { systemClock } from '../../src/clock';
import { TokenBucket } from '../../src/evaluate/rate-limit';

// Every wait of a run (back-offs, the rate limit, requests) is on the run's one signal. Past ten
// listeners Node prints MaxListenersExceededWarning, so the waits share a single listener.
describe('waiting on a shared signal', () => {
  it('adds one abort listener however many sleeps wait on it, and cancels them all', async () => {
    const run = new AbortController();
    const sleeps = Array.from({ length: 40 }, () => systemClock.sleep(60_000, run.signal));
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(1);
    run.abort(new Error('cancelled (SIGINT)'));
    const outcomes = await Promise.allSettled(sleeps);
    expect(outcomes.map((o) => (o.status === 'rejected' ? (o.reason as Error).message : o.status))).toEqual(Array(40).fill('cancelled (SIGINT)'));
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(0);
  });

  it('lets a finished sleep go, and still cancels the ones left', async () => {
    const run = new AbortController();
    const short = Array.from({ length: 15 }, () => systemClock.sleep(1, run.signal));
    const long = Array.from({ length: 15 }, () => systemClock.sleep(60_000, run.signal));
    await Promise.all(short);
    run.abort(new Error('stop'));
    expect((await Promise.allSettled(long)).map((o) => o.status)).toEqual(Array(15).fill('rejected'));
  });

  it('queues 30 rate-limited callers behind one listener', async () => {
    const run = new AbortController();
    const bucket = new TokenBucket(0.001, systemClock);
    const takes = Array.from({ length: 30 }, () => bucket.take(run.signal));
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(1);
    run.abort(new Error('stop'));
    // The first caller found a token; the other 29 waited and were cancelled.
    expect((await Promise.allSettled(takes)).filter((o) => o.status === 'rejected')).toHaveLength(29);
  });
});
