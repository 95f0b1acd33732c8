/**
 * Runs `work` over items with at most `concurrency` in flight, pulling lazily from the
 * iterator so a large input is never held in memory. Stops pulling once `signal` aborts;
 * the first thrown error stops the pool and is rethrown after in-flight work settles.
 */
export async function runPool<T>(
  items: Iterator<T> | AsyncIterator<T>,
  concurrency: number,
  work: (item: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  let failure: { error: unknown } | undefined;
  // Workers never reject: a failure (of the work or of the input itself) is recorded and every
  // worker stops pulling, so nothing is still running when the caller cleans up.
  const worker = async (): Promise<void> => {
    while (!failure && !signal?.aborted) {
      try {
        const next = await items.next();
        if (next.done) return;
        await work(next.value);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  if (failure) throw failure.error;
}
