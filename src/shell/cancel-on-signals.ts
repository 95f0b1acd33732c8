/**
 * The first SIGINT or SIGTERM cancels the run: it stops what it was doing and undoes what it
 * changed (a rollout rolls back). A second one used to kill the process part-way through that
 * rollback, with nothing said; now it is answered, and the rollback goes on.
 */
export function cancelOnSignals(abort: AbortController, say: (text: string) => void): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (!abort.signal.aborted) {
        abort.abort(new Error(`cancelled (${signal})`));
        return;
      }
      say(`agent-release: ${signal} again: still stopping, and what this run changed is being undone (a rollback is not cut short). To stop at once, send SIGKILL, then run the same command again: it finishes the rollback\n`);
    });
  }
}
