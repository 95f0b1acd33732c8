/** Where modes report progress. The action maps it to @actions/core, the CLI to stderr. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
  group<T>(title: string, body: () => Promise<T>): Promise<T>;
  /**
   * A status line that the next one replaces, sent about every second on long runs: a live line
   * in a terminal, one plain line every few seconds in a log. null: the run is over.
   */
  progress(line: string | null): void;
}

export const silentLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
  group: (_title, body) => body(),
  progress: () => undefined,
};

/** A logger that keeps every line, for tests and for composing reports. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(`info: ${m}`),
    warn: (m) => lines.push(`warn: ${m}`),
    error: (m) => lines.push(`error: ${m}`),
    debug: (m) => lines.push(`debug: ${m}`),
    group: async (title, body) => {
      lines.push(`group: ${title}`);
      return body();
    },
    progress: (m) => lines.push(m === null ? 'progress: done' : `progress: ${m}`),
  };
}

/** The same logger with every line passed through `mask` first (secrets out, never in). */
export function maskedLogger(logger: Logger, mask: (text: string) => string): Logger {
  return {
    info: (m) => logger.info(mask(m)),
    warn: (m) => logger.warn(mask(m)),
    error: (m) => logger.error(mask(m)),
    debug: (m) => logger.debug(mask(m)),
    group: (title, body) => logger.group(mask(title), body),
    progress: (m) => logger.progress(m === null ? null : mask(m)),
  };
}

/**
 * Progress for a log rather than a terminal: one line every `everyMs` at most, the first
 * `everyMs` after the run's first update, so a short run logs none.
 */
export function progressLines(print: (line: string) => void, everyMs = 5_000, now: () => number = Date.now): Logger['progress'] {
  let last: number | undefined;
  return (line) => {
    if (line === null) {
      last = undefined;
      return;
    }
    const at = now();
    if (last === undefined) last = at;
    else if (at - last >= everyMs) {
      last = at;
      print(line);
    }
  };
}
