/** Two 8 MiB semi-spaces: the young generation Node sized before V8 let it grow to 64 MiB. */
const capBytes = 16 * 2 ** 20;

export interface YoungGenerationHooks {
  /** Bytes of V8's new space (both semi-spaces) now. */
  newSpaceBytes: () => number;
  /** Sets V8's semi-space growth factor (1 stops the young generation growing). */
  setGrowthFactor: (factor: number) => void;
  /** The process's node flags: argv and NODE_OPTIONS. */
  nodeFlags: string;
}

/**
 * Whether to stop the young generation growing, asked on every tick until it says yes. V8
 * doubles the young generation while objects survive its scavenges, and a long evaluation's
 * requests in flight always do: it reached 64 MiB, and peak RSS went from 134 MiB at 10,000
 * examples to 237 MiB at 100,000. Capped at 16 MiB: 123 and 151 MiB, CPU per request unchanged
 * within the noise (bench/evaluate-memory.mjs). `--max-semi-space-size` is read only at
 * start-up, and the runner starts the action as `node dist/index.js`; the growth factor is read
 * at every resize, so it is the one setting that can still stop it. A user who sized the young
 * generation themselves is left alone.
 */
export function youngGenerationCap(hooks: YoungGenerationHooks): () => boolean {
  const sizedByUser = /--(max|min)[-_]semi[-_]space[-_]size|--semi[-_]space[-_]growth[-_]factor/.test(hooks.nodeFlags);
  return () => {
    if (sizedByUser) return true;
    if (hooks.newSpaceBytes() < capBytes) return false;
    hooks.setGrowthFactor(1);
    return true;
  };
}

/**
 * Checks every 100 ms (no timer keeps the process alive) until the young generation is capped.
 * The first check waits a tick: a gate or a promote is over before the young generation could
 * grow, and never loads node:v8 (2 ms of its start-up).
 */
export function capYoungGeneration(execArgv: readonly string[], nodeOptions: string | undefined): void {
  const v8 = (): typeof import('node:v8') => process.getBuiltinModule('node:v8');
  const capped = youngGenerationCap({
    newSpaceBytes: () => v8().getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0,
    setGrowthFactor: (factor) => v8().setFlagsFromString(`--semi-space-growth-factor=${factor}`),
    nodeFlags: `${execArgv.join(' ')} ${nodeOptions ?? ''}`,
  });
  const timer = setInterval(() => {
    if (capped()) clearInterval(timer);
  }, 100);
  timer.unref();
}
