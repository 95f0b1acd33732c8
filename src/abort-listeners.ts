/**
 * One 'abort' listener per signal, fanning out to every waiter registered under it. A run's
 * signal is shared by every request in flight, every retry back-off and every rate-limit wait:
 * a listener each would cost an EventTarget registration per wait and, past ten at once, print
 * Node's MaxListenersExceededWarning (concurrency, not a leak). One listener for the signal's
 * life keeps both away without raising the limit.
 *
 * Waiters are linked through their own fields, not kept in a Set: a Set that keeps adding and
 * deleting rehashes into a new table every few dozen entries, and once its table is in the old
 * generation V8 allocates the new ones there too, holding every waiter that passed through until
 * the next full GC (measured on the HTTP client: twice the peak RSS).
 */
export interface AbortWaiter {
  /** Called once, with the signal's reason as an Error, when the signal aborts while registered. */
  onAbort(reason: Error): void;
  previousWaiter: AbortWaiter | null;
  nextWaiter: AbortWaiter | null;
}

class Waiters {
  private head: AbortWaiter | null = null;

  add(waiter: AbortWaiter): void {
    waiter.nextWaiter = this.head;
    if (this.head) this.head.previousWaiter = waiter;
    this.head = waiter;
  }

  remove(waiter: AbortWaiter): void {
    if (waiter.previousWaiter) waiter.previousWaiter.nextWaiter = waiter.nextWaiter;
    else if (this.head === waiter) this.head = waiter.nextWaiter;
    if (waiter.nextWaiter) waiter.nextWaiter.previousWaiter = waiter.previousWaiter;
    waiter.previousWaiter = null;
    waiter.nextWaiter = null;
  }

  abortAll(reason: Error): void {
    // Copied first: a waiter's onAbort removes it (and may settle others).
    const waiters: AbortWaiter[] = [];
    for (let w = this.head; w; w = w.nextWaiter) waiters.push(w);
    this.head = null;
    for (const waiter of waiters) {
      waiter.previousWaiter = null;
      waiter.nextWaiter = null;
      waiter.onAbort(reason);
    }
  }
}

const bySignal = new WeakMap<AbortSignal, Waiters>();

/** Registers `waiter` on `signal`; the caller checks `signal.aborted` first (an aborted signal fires no more). */
export function addAbortWaiter(signal: AbortSignal, waiter: AbortWaiter): void {
  let waiters = bySignal.get(signal);
  if (!waiters) {
    const created = new Waiters();
    signal.addEventListener('abort', () => created.abortAll(abortReason(signal)), { once: true });
    bySignal.set(signal, created);
    waiters = created;
  }
  waiters.add(waiter);
}

/** Unregisters `waiter` (a no-op when it was never registered or has already been called). */
export function removeAbortWaiter(signal: AbortSignal, waiter: AbortWaiter): void {
  bySignal.get(signal)?.remove(waiter);
}

/** The signal's reason as an Error, for rejections. */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error(String(reason ?? 'aborted'));
}
