import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

/**
 * Writes a file of lines (JSONL results) in chunks of about 64 KiB. One write per row cost a
 * Buffer and a writev slot per row: at 20,000 rows against an instant agent, 6% of the
 * process's CPU (80.7 -> 75.7 us per request).
 */
export class LineWriter {
  private readonly stream;
  private pending = '';

  constructor(
    file: string,
    private readonly chunkChars = 64 * 1024,
  ) {
    this.stream = createWriteStream(file, { encoding: 'utf8' });
  }

  /** Resolves at once unless a full chunk went out and the file is behind (backpressure). */
  async write(line: string): Promise<void> {
    this.pending += line;
    if (this.pending.length < this.chunkChars) return;
    const chunk = this.pending;
    this.pending = '';
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  /** Writes what is pending and closes the file; every path out of a writer's use must call it. */
  async close(): Promise<void> {
    if (this.pending) this.stream.write(this.pending);
    this.pending = '';
    this.stream.end();
    await once(this.stream, 'close');
  }
}
