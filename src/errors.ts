/**
 * Errors carry the exit code the shells use, so every refusal maps to one place:
 * 1 = a gate failed or an operation was refused, 2 = usage, configuration or input error.
 */
export abstract class ReleaseError extends Error {
  abstract readonly exitCode: 1 | 2;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad flags or action inputs. */
export class UsageError extends ReleaseError {
  readonly exitCode = 2;
}

/** The configuration file is missing, malformed or invalid. */
export class ConfigError extends ReleaseError {
  readonly exitCode = 2;
}

/** An input file (dataset, summary, results, registry file) is malformed or does not fit. */
export class InputError extends ReleaseError {
  readonly exitCode = 2;
}

/** The operation was refused on purpose: a precondition did not hold. Nothing was changed. */
export class RefusedError extends ReleaseError {
  readonly exitCode = 1;
}

/** A remote peer (agent endpoint, deploy command, registry) failed after retries. */
export class RemoteError extends ReleaseError {
  readonly exitCode = 1;
}

export function exitCodeOf(error: unknown): 1 | 2 {
  return error instanceof ReleaseError ? error.exitCode : 1;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
