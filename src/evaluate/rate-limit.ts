import type { Clock } from '../clock';

/**
 * A token bucket: `rate` tokens a second, holding at most `burst`. A caller that finds no token
 * reserves the next one (the balance goes negative) and sleeps until it is due, so concurrent
 * callers queue in arrival order without polling and the long-run rate never exceeds `rate`.
 * The default burst of 1 spaces requests evenly, which also keeps a server's per-second window
 * from seeing two bursts back to back.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    readonly rate: number,
    private readonly clock: Clock,
    readonly burst = 1,
  ) {
    if (!(rate > 0) || !Number.isFinite(rate)) throw new RangeError(`rate must be a positive number of tokens per second, got ${rate}`);
    if (!(burst >= 1)) throw new RangeError(`burst must be at least 1, got ${burst}`);
    this.tokens = burst;
    this.updatedAt = clock.now();
  }

  /** Resolves when the caller may go; rejects if `signal` aborts while waiting. Returns the wait in ms. */
  async take(signal?: AbortSignal): Promise<number> {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.rate);
    this.updatedAt = now;
    this.tokens -= 1;
    if (this.tokens >= 0) return 0;
    const wait = Math.ceil((-this.tokens / this.rate) * 1000);
    await this.clock.sleep(wait, signal);
    return wait;
  }
}
