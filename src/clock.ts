import { addAbortWaiter, removeAbortWaiter, type AbortWaiter } from './abort-listeners';

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      // Many sleep on one run signal at once (back-offs, rate limits): one listener serves them all.
      const waiter: AbortWaiter = {
        previousWaiter: null,
        nextWaiter: null,
        onAbort: () => {
          clearTimeout(timer);
          reject(signal?.reason);
        },
      };
      const timer = setTimeout(() => {
        if (signal) removeAbortWaiter(signal, waiter);
        resolve();
      }, ms);
      if (signal) addAbortWaiter(signal, waiter);
    }),
};

/** UTC timestamp in the run-name form the tracking convention uses: YYYYMMDD_HHMMSS. */
export function compactUtc(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace('T', '_').slice(0, 15);
}
