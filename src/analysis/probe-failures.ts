import { HttpTransportError, excerpt } from '../http/client';

/** Distinct causes kept per side: a probe of unique errors (request ids in bodies) must not grow without bound. */
const keptCauses = 5;

/** Transport codes as a person reads them. */
const transportCauses: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found (DNS lookup failed)',
  UND_ERR_SOCKET: 'connection closed before the answer',
  EHOSTUNREACH: 'host unreachable',
};

/**
 * Why probe requests failed, by cause, with counts: "error_rate = 1" alone does not say whether
 * the candidate is down, overloaded or misrouted. Causes are short and stable (the status and a
 * body excerpt, the transport code, the timeout) so that equal failures count together.
 */
export class ProbeFailures {
  private readonly counts = new Map<string, number>();
  private others = 0;

  status(status: number, body: string): void {
    const text = excerpt(body, 120);
    this.add(`HTTP ${status}${text ? `: "${text}"` : ''}`);
  }

  error(error: unknown, timeoutMs: number): void {
    if (error instanceof HttpTransportError) {
      this.add(error.code === 'TIMEOUT' ? `timed out after ${timeoutMs} ms` : (transportCauses[error.code] ?? error.code));
      return;
    }
    this.add(error instanceof Error ? error.message : String(error));
  }

  dropped(count: number, maxInFlight: number): void {
    if (count > 0) this.add(`not sent: ${maxInFlight} requests were still unanswered (max_in_flight)`, count);
  }

  private add(cause: string, n = 1): void {
    const count = this.counts.get(cause);
    if (count !== undefined) this.counts.set(cause, count + n);
    else if (this.counts.size < keptCauses) this.counts.set(cause, n);
    else this.others += n;
  }

  /** Cause → count, for the result object (JSON); causes past the first few are summed under "other causes". */
  byCause(): Record<string, number> {
    return Object.fromEntries([...this.counts, ...(this.others > 0 ? [['other causes', this.others] as const] : [])]);
  }

  /** "18 × connection refused, 2 × HTTP 503: "overloaded"", most frequent first; empty when nothing failed. */
  describe(): string {
    const listed = [...this.counts].sort(([, a], [, b]) => b - a).map(([cause, n]) => `${n} × ${cause}`);
    if (this.others > 0) listed.push(`${this.others} × other causes`);
    return listed.join(', ');
  }
}
