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
}

/** Told every credential value as it becomes known (tokens exchanged at run time included), so it can be masked. */
export type SecretSink = (value: string) => void;

export function bearerToken(token: string, description: string): Credentials {
  return { description, authorization: async () => `Bearer ${token}`, invalidate: () => {} };
}
