import { RemoteError } from '../errors';
import { HttpStatusError, HttpTransportError, serverErrorStatuses } from '../http/client';
import { RetriesExhaustedError } from '../http/retry';

/**
 * A failed MLflow REST call, as `<what was attempted> on <model>[ v<version>]: <error_code>: <message>`,
 * with a hint for the codes a user can act on. `errorCode` is MLflow's own code when the server
 * sent its JSON envelope, else one derived from the HTTP status or the transport failure.
 */
export class MlflowApiError extends RemoteError {
  readonly errorCode: string;
  readonly serverMessage: string;
  /** HTTP status, or undefined when no response came. */
  readonly status: number | undefined;
  /** True when the server may have acted on the request although no success came back. */
  readonly outcomeUnknown: boolean;
  /** True for failures that may pass on another try (gateway and server statuses, no answer). */
  readonly transient: boolean;
  /** The server's Retry-After, when it sent one. */
  readonly retryAfterMs: number | undefined;

  constructor(
    readonly what: string,
    readonly facts: FailureFacts,
    serverUrl: string,
    options: { cause?: unknown; credentialsHint?: string } = {},
  ) {
    const hint = hintFor(facts, serverUrl, options.credentialsHint);
    super(`${what}: ${facts.errorCode}: ${facts.message}${hint ? `; ${hint}` : ''}`, { cause: options.cause });
    this.errorCode = facts.errorCode;
    this.serverMessage = facts.message;
    this.status = facts.status;
    this.outcomeUnknown = facts.outcomeUnknown;
    this.transient = facts.transient;
    this.retryAfterMs = facts.retryAfterMs;
  }
}

/** MLflow's error envelope, `{"error_code": "...", "message": "..."}` (extra keys ignored). */
export interface MlflowErrorBody {
  errorCode: string;
  message: string;
}

/**
 * Reads MLflow's envelope from a body excerpt. The HTTP layer keeps at most a few hundred
 * characters of a failed response, so a long message arrives cut off and is not valid JSON:
 * then the two fields are picked out of the text and the message is kept up to the cut.
 */
export function parseMlflowErrorBody(text: string): MlflowErrorBody | undefined {
  try {
    const json = JSON.parse(text) as { error_code?: unknown; message?: unknown };
    if (json && typeof json.error_code === 'string') {
      return { errorCode: json.error_code, message: typeof json.message === 'string' ? json.message : '' };
    }
    return undefined;
  } catch {
    const code = /"error_code"\s*:\s*"([A-Z_]+)"/.exec(text)?.[1];
    if (!code) return undefined;
    const raw = /"message"\s*:\s*"((?:[^"\\]|\\.)*)(")?/.exec(text);
    if (raw?.[1] === undefined) return { errorCode: code, message: '' };
    const complete = raw[2] === '"';
    return { errorCode: code, message: complete ? unescapeJson(raw[1]) : `${unescapeJson(raw[1].replace(/…$/, ''))}…` };
  }
}

function unescapeJson(fragment: string): string {
  try {
    return JSON.parse(`"${fragment.replace(/\\$/, '')}"`) as string;
  } catch {
    return fragment;
  }
}

/** The code MLflow's own client assumes when a response carries no envelope (`mlflow/exceptions.py`). */
const codeForStatus: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'ENDPOINT_NOT_FOUND',
  409: 'RESOURCE_CONFLICT',
  429: 'REQUEST_LIMIT_EXCEEDED',
  500: 'INTERNAL_ERROR',
  501: 'NOT_IMPLEMENTED',
  502: 'TEMPORARILY_UNAVAILABLE',
  503: 'TEMPORARILY_UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

export interface FailureFacts {
  status: number | undefined;
  errorCode: string;
  message: string;
  /** How many attempts `send` made, when it retried. */
  attempts: number;
  /** True when the server may have acted on the request although no success came back. */
  outcomeUnknown: boolean;
  /** True for failures that may pass on another try of an idempotent call. */
  transient: boolean;
  retryAfterMs?: number;
}

/** What a failure from `send` says, whatever layer it came from. */
export function failureFacts(error: unknown): FailureFacts {
  const attempts = error instanceof RetriesExhaustedError ? error.attempts : 1;
  const root = error instanceof RetriesExhaustedError ? error.lastError : error;
  if (root instanceof HttpStatusError) {
    const body = parseMlflowErrorBody(root.bodyExcerpt);
    const status = root.status;
    return {
      status,
      errorCode: body?.errorCode ?? codeForStatus[status] ?? `HTTP_${status}`,
      message: body?.message || `HTTP ${status}${root.bodyExcerpt ? ` ${root.bodyExcerpt}` : ''}`,
      attempts,
      // A gateway or crash status after the request was sent says nothing about whether it ran.
      outcomeUnknown: status >= 500 && status !== 501 && status !== 503,
      transient: serverErrorStatuses.has(status),
      retryAfterMs: root.retryAfterMs,
    };
  }
  if (root instanceof HttpTransportError) {
    return {
      status: undefined,
      errorCode: root.code,
      message: root.problem ?? (root.code === 'TIMEOUT' ? 'no answer before the request timed out' : 'the tracking server could not be reached'),
      attempts,
      outcomeUnknown: root.maybeDelivered,
      transient: root.transient,
    };
  }
  return { status: undefined, errorCode: 'CLIENT_ERROR', message: root instanceof Error ? root.message : String(root), attempts, outcomeUnknown: false, transient: false };
}

export const mlflowCredentialsHint = 'the tracking server rejected the credentials: set MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD';

/** What a user can do about the common codes. */
export function hintFor(facts: FailureFacts, trackingUri: string, credentialsHint = mlflowCredentialsHint): string | undefined {
  const retried = facts.attempts > 1 ? `gave up after ${facts.attempts} attempts` : undefined;
  let hint: string | undefined;
  switch (facts.errorCode) {
    case 'UNAUTHENTICATED':
    case 'CUSTOMER_UNAUTHORIZED':
      hint = credentialsHint;
      break;
    case 'PERMISSION_DENIED':
      hint = 'the credentials are valid but lack permission on this model: grant them EDIT (MANAGE for aliases) on it';
      break;
    case 'RESOURCE_DOES_NOT_EXIST':
      hint = 'check model.name in the config and the version number (agent-release registry show lists the versions)';
      break;
    case 'ENDPOINT_NOT_FOUND':
      hint = `no MLflow REST API answered at ${trackingUri}: check the tracking URI (aliases need MLflow >= 2.3)`;
      break;
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      hint = `is the MLflow tracking server at ${trackingUri} running and reachable?`;
      break;
  }
  return [hint, retried].filter(Boolean).join('; ') || undefined;
}
