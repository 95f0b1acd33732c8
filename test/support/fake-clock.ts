import type { Clock } from '../../src/clock';

/** A clock whose sleeps return at once and are recorded, so retry tests never wait. */
export function fakeClock(start = 1_700_000_000_000): Clock & { sleeps: number[] } {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms, signal) => {
      // As the system clock: a cancelled wait does not pass.
      signal?.throwIfAborted();
      sleeps.push(ms);
      now += ms;
    },
  };
}

/** A clock whose sleeps wait until the test fires them (or their signal aborts them). */
export function manualClock(start = 1_700_000_000_000): Clock & { pending: number[]; fire(ms: number): void } {
  const sleeps: { ms: number; resolve: () => void }[] = [];
  return {
    get pending() {
      return sleeps.map((s) => s.ms);
    },
    now: () => start,
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const entry = { ms, resolve };
        sleeps.push(entry);
        signal?.addEventListener('abort', () => {
          sleeps.splice(sleeps.indexOf(entry), 1);
          reject(signal.reason);
        }, { once: true });
      }),
    fire(ms) {
      const index = sleeps.findIndex((s) => s.ms === ms);
      if (index < 0) throw new Error(`no sleep of ${ms} ms is pending (pending: ${this.pending.join(', ')})`);
      const [entry] = sleeps.splice(index, 1);
      entry?.resolve();
    },
  };
}
