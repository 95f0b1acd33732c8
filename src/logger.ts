/** Where modes report progress. The action maps it to @actions/core, the CLI to stderr. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
  group<T>(title: string, body: () => Promise<T>): Promise<T>;
}

export const silentLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
  group: (_title, body) => body(),
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
  };
}
