/** Modes that undo what they changed when cancelled: a rollout rolls back, a rollback finishes. */
const undoing = new Set(['deploy', 'rollback']);

/**
 * The first SIGINT or SIGTERM cancels the run. For a mode that then undoes what it changed, a
 * second one used to kill the process part-way through that rollback, with nothing said; now it
 * is answered and the rollback goes on (SIGKILL still stops it). Any other mode stops at the
 * second signal, as it always did.
 */
export function cancelOnSignals(abort: AbortController, mode: string | undefined, say: (text: string) => void): void {
  const holds = mode !== undefined && undoing.has(mode);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (!abort.signal.aborted) {
        abort.abort(new Error(`cancelled (${signal})`));
        return;
      }
      if (!holds) process.exit(130);
      say(`agent-release: ${signal} again: still stopping, and what this run changed is being undone (a rollback is not cut short). To stop at once, send SIGKILL, then run the same command again: it finishes the rollback\n`);
    });
  }
}
