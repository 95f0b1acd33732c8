import type { Clock } from '../clock';

export interface OpenLoopPlan {
  /** Requests started per second. */
  rate: number;
  /** How long the rate is held, ms. */
  durationMs: number;
  /** Requests allowed in flight at once; a slot that finds them all busy is dropped. */
  maxInFlight: number;
}

export interface OpenLoopOutcome {
  /** Slots in the schedule: floor(rate × duration). */
  scheduled: number;
  started: number;
  /** Slots skipped because maxInFlight requests were still unanswered. */
  dropped: number;
  /** Slots started more than one interval after their time (the runner itself fell behind). */
  late: number;
  /** Started requests per second of the planned duration. */
  achievedRate: number;
}

/** Requests in one schedule: exact, so "10/s for 2 s" is 20 and not 21 or 19. */
export function scheduledCount(plan: Pick<OpenLoopPlan, 'rate' | 'durationMs'>): number {
  // The epsilon keeps 0.1 × 30_000 / 1000 (= 2.9999…) from losing a request to binary floating point.
  return Math.floor((plan.rate * plan.durationMs) / 1000 + 1e-9);
}

/**
 * Starts `fire(i)` at start + i / rate for every slot, without waiting for earlier requests to
 * answer (an open loop: a slow endpoint does not slow the offered load, as it would for a closed
 * loop of workers, so queueing shows up as latency and drops instead of being hidden). Unanswered
 * requests pile up to `maxInFlight`; a slot that comes while all are busy is counted as dropped
 * and never sent later, so the schedule does not drift. Waits for every started request before
 * returning. `fire` must not reject: it records its own outcome.
 */
export async function runOpenLoop(plan: OpenLoopPlan, clock: Clock, fire: (slot: number) => Promise<void>, signal?: AbortSignal): Promise<OpenLoopOutcome> {
  if (!(plan.rate > 0) || !(plan.durationMs > 0) || !(plan.maxInFlight >= 1)) {
    throw new RangeError(`an open-loop schedule needs rate > 0, duration > 0 and max in flight ≥ 1, got ${plan.rate}/s, ${plan.durationMs} ms, ${plan.maxInFlight}`);
  }
  const scheduled = scheduledCount(plan);
  const intervalMs = 1000 / plan.rate;
  const start = clock.now();
  const running = new Set<Promise<void>>();
  let started = 0;
  let dropped = 0;
  let late = 0;
  for (let slot = 0; slot < scheduled; slot++) {
    signal?.throwIfAborted();
    const due = start + slot * intervalMs;
    const wait = due - clock.now();
    if (wait > 0) await clock.sleep(wait, signal);
    else if (-wait > intervalMs) late++;
    if (running.size >= plan.maxInFlight) {
      dropped++;
      continue;
    }
    started++;
    const request: Promise<void> = fire(slot).finally(() => running.delete(request));
    running.add(request);
  }
  await Promise.all(running);
  return { scheduled, started, dropped, late, achievedRate: started / (plan.durationMs / 1000) };
}

/** Enough room for every request to use its whole timeout at the planned rate, plus one. */
export function defaultMaxInFlight(rate: number, timeoutMs: number): number {
  return Math.min(1000, Math.max(1, Math.ceil((rate * timeoutMs) / 1000) + 1));
}
