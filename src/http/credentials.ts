import { HttpStatusError } from './client';
import { RetriesExhaustedError } from './retry';

/**
 * What a remote client puts in its Authorization header. Providers with short-lived tokens
 * (Databricks OAuth, workload identity federation) fetch and refresh them inside
 * `authorization()`; static ones return the same value every time.
 */
export interface Credentials {
  /** For messages ("Databricks OAuth M2M, client 1234…"); never contains the secret. */
  readonly description: string;
  /** The header value, e.g. `Bearer …` or `Basic …`. Never log it. */
  authorization(): Promise<string>;
  /**
   * The server answered 401: drop any cached token so the next call fetches a fresh one. Given
   * the header that was refused, a provider drops its token only if it is still that one, so a
   * burst of 401s on one expired token costs a single refresh.
   */
  invalidate(refusedAuthorization?: string): void;
  /** A fixed token (a PAT) cannot be refreshed: a 401 is final, and messages must not suggest otherwise. */
  readonly fixed?: boolean;
}

/** Told every credential value as it becomes known (tokens exchanged at run time included), so it can be masked. */
export type SecretSink = (value: string) => void;

export function bearerToken(token: string, description: string): Credentials {
  return { description, authorization: async () => `Bearer ${token}`, invalidate: () => {}, fixed: true };
}

/**
 * Runs `attempt` with the current Authorization header; when the server answers 401 (after the
 * retries `send` made), the refused header is invalidated and `attempt` runs once more with a
 * fresh one. A 401 means the request was refused before anything was done, so this is safe for
 * writes too. A second 401 is the caller's to report.
 */
export async function withOneRefreshOn401<T>(credentials: Credentials, attempt: (authorization: string) => Promise<T>): Promise<T> {
  const first = await credentials.authorization();
  try {
    return await attempt(first);
  } catch (error) {
    const root = error instanceof RetriesExhaustedError ? error.lastError : error;
    if (!(root instanceof HttpStatusError && root.status === 401)) throw error;
    credentials.invalidate(first);
    return attempt(await credentials.authorization());
  }
}
