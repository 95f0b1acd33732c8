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
  const worker = async (): Promise<void> => {
    while (!failure && !signal?.aborted) {
      const next = await items.next();
      if (next.done) return;
      try {
        await work(next.value);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  if (failure) throw failure.error;
}
