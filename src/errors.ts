/**
 * Errors carry the exit code the shells use, so every refusal maps to one place:
 * 1 = a gate failed or an operation was refused, 2 = usage, configuration or input error,
 * 130 = cancelled (SIGINT or SIGTERM), as shells report a command stopped by Ctrl-C.
 */
export type ExitCode = 1 | 2 | 130;

export abstract class ReleaseError extends Error {
  abstract readonly exitCode: ExitCode;
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

/** A rollout failed and its automatic rollback did not finish either: the release is half-done and needs a person. */
export class RollbackFailedError extends RemoteError {
  constructor(
    message: string,
    readonly version: string,
  ) {
    super(message);
  }
}

/** The run was cancelled (SIGINT, SIGTERM) before it finished; what was done is kept and named. */
export class CancelledError extends ReleaseError {
  readonly exitCode = 130;
}

/** "cancelled (SIGINT)": a signal's abort reason as the start of a sentence, whatever the canceller passed. */
export function cancellation(reason: unknown): string {
  const text = messageOf(reason);
  return /^cancelled\b/i.test(text) ? text : `cancelled (${text})`;
}

export function exitCodeOf(error: unknown): ExitCode {
  return error instanceof ReleaseError ? error.exitCode : 1;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
