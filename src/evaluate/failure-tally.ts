/**
 * The distinct errors of a run and how often each came, for a message that says why a run
 * failed without sending the reader to a file: "HTTP 500: (HTML error page) after 4 attempts".
 */
export class FailureTally {
  private readonly counts = new Map<string, number>();
  private others = 0;

  /** Only the first `keep` distinct messages are kept: a run of unique errors must not grow memory. */
  constructor(private readonly keep = 3) {}

  add(message: string): void {
    const count = this.counts.get(message);
    if (count !== undefined) this.counts.set(message, count + 1);
    else if (this.counts.size < this.keep) this.counts.set(message, 1);
    else this.others++;
  }

  /** "first errors: "…" (×12); "…" (×3)", each cut to a readable length. */
  describe(maxChars = 240): string {
    if (this.counts.size === 0) return 'No error was recorded';
    const listed = [...this.counts].map(([message, n]) => `"${message.length > maxChars ? `${message.slice(0, maxChars)}…` : message}" (×${n})`);
    const rest = this.others ? `; and ${this.others} other error${this.others === 1 ? '' : 's'}` : '';
    return `First distinct error${listed.length === 1 ? '' : 's'}: ${listed.join('; ')}${rest}`;
  }
}
