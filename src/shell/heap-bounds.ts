const MiB = 2 ** 20;
/** Two 4 MiB semi-spaces (see youngGenerationCap). */
const youngCapBytes = 8 * MiB;
/** What the old generation may gain over what the last major GC left before the next one is asked for. */
const oldGrowthBytes = 8 * MiB;
const oldGrowthRatio = 1.5;

export interface YoungGenerationHooks {
  /** Bytes of V8's new space (both semi-spaces) now. */
  newSpaceBytes: () => number;
  /** Sets V8's semi-space growth factor (1 stops the young generation growing). */
  setGrowthFactor: (factor: number) => void;
  /** The process's node flags: argv and NODE_OPTIONS. */
  nodeFlags: string;
}

/**
 * Whether to stop the young generation growing, asked after every GC until it says yes. V8
 * doubles the young generation while objects survive its scavenges, and a long evaluation's
 * requests in flight always do: it reached 64 MiB, and peak RSS went from 134 MiB at 10,000
 * examples to 237 MiB at 100,000. Capped at 16 MiB, peak RSS still rose after the first 10,000
 * examples as the young generation filled: medians of 113 and 129 MiB over 12 interleaved runs.
 * At 8 MiB, 114 and 123 MiB, for 4% more CPU a request against an instant agent
 * (bench/evaluate-memory.mjs). `--max-semi-space-size` is read only at start-up, and the runner
 * starts the action as `node dist/index.js`; the growth factor is read at every resize, so it is
 * the one setting that can still stop it. A user who sized the young generation themselves is
 * left alone.
 */
export function youngGenerationCap(hooks: YoungGenerationHooks): () => boolean {
  const sizedByUser = /--(max|min)[-_]semi[-_]space[-_]size|--semi[-_]space[-_]growth[-_]factor/.test(hooks.nodeFlags);
  return () => {
    if (sizedByUser) return true;
    if (hooks.newSpaceBytes() < youngCapBytes) return false;
    hooks.setGrowthFactor(1);
    return true;
  };
}

export interface OldGenerationHooks {
  /** Bytes the old generation holds now, live or not yet collected: old and large-object space, and external memory (Buffers). */
  heldBytes: () => number;
  /** Runs a major GC now. */
  collect: () => void;
  /** The process's node flags: argv and NODE_OPTIONS. */
  nodeFlags: string;
}

/**
 * A check, asked on every tick, that runs a major GC once the old generation has grown by 8 MiB
 * (or by half, when it holds more than 16 MiB) since the last one. V8 sizes the old generation
 * for the rate at which it fills, and an evaluation promotes the garbage of its requests in
 * flight and their socket buffers all run long: left alone, peak RSS at 100,000 examples was
 * 138 to 155 MiB against 119 to 129 at 10,000. Bounded, 126 to 135 MiB, for 5 to 7 major GCs
 * instead of 2 and about 4% more wall against an instant agent (bench/evaluate-memory.mjs). The limits V8 would take instead (`--max-old-space-size`,
 * `--heap-growing-percent`) are read only at start-up; a user who set one is left alone.
 */
export function oldGenerationBound(hooks: OldGenerationHooks): () => void {
  if (/--max[-_]old[-_]space[-_]size|--max[-_]heap[-_]size|--heap[-_]growing[-_]percent/.test(hooks.nodeFlags)) return () => {};
  let floor: number | undefined;
  return () => {
    const held = hooks.heldBytes();
    if (floor === undefined || held < floor) {
      floor = held;
      return;
    }
    if (held <= Math.max(floor + oldGrowthBytes, floor * oldGrowthRatio)) return;
    hooks.collect();
    floor = hooks.heldBytes();
  };
}

/**
 * Checks every 100 ms (no timer keeps the process alive) whether to collect the old generation,
 * and after every GC whether to cap the young one. V8 grows the young generation at the end of a
 * scavenge, and at 30,000 requests a second one 100 ms tick could see two growths: with a 16 MiB
 * cap, 3 of 4 runs of 100,000 examples ended with 32 (peak RSS 141 to 149 MiB instead of 127).
 * The first check waits a tick: a gate or a promote is over before either could matter, and never
 * loads node:v8 (2 ms of its start-up). `beforeFlagChange` runs before the one V8 flag that stays
 * changed is set: code cached after it would not match the flags of the next run's start.
 */
export function boundHeap(execArgv: readonly string[], nodeOptions: string | undefined, beforeFlagChange: () => void): void {
  const v8 = (): typeof import('node:v8') => process.getBuiltinModule('node:v8');
  const space = (name: string): number => v8().getHeapSpaceStatistics().find((s) => s.space_name === name)?.space_used_size ?? 0;
  const nodeFlags = `${execArgv.join(' ')} ${nodeOptions ?? ''}`;
  const youngCapped = youngGenerationCap({
    newSpaceBytes: () => v8().getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0,
    setGrowthFactor: (factor) => {
      beforeFlagChange();
      v8().setFlagsFromString(`--semi-space-growth-factor=${factor}`);
    },
    nodeFlags,
  });
  let gc: (() => void) | undefined;
  const boundOld = oldGenerationBound({
    heldBytes: () => space('old_space') + space('large_object_space') + process.memoryUsage().external,
    collect: () => (gc ??= exposedGc())(),
    nodeFlags,
  });
  let firstTick = true;
  const timer = setInterval(() => {
    if (firstTick && !youngCapped()) untilTrueAfterEachGc(youngCapped);
    firstTick = false;
    boundOld();
  }, 100);
  timer.unref();
}

/** Asks `check` after every GC (on the next turn of the event loop) until it says yes. */
export function untilTrueAfterEachGc(check: () => boolean): void {
  const { PerformanceObserver } = process.getBuiltinModule('node:perf_hooks');
  const observer = new PerformanceObserver(() => {
    if (check()) observer.disconnect();
  });
  observer.observe({ entryTypes: ['gc'] });
}

/**
 * V8's gc(), as `--expose-gc` gives it, without the flag on the command line (the runner starts
 * the action without flags): turned on for one new context, which gets the function, and off
 * again, so the process's own global never has it. Jest's leak detector does the same.
 */
export function exposedGc(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  const v8 = process.getBuiltinModule('node:v8');
  v8.setFlagsFromString('--expose-gc');
  try {
    return process.getBuiltinModule('node:vm').runInNewContext('gc') as () => void;
  } finally {
    v8.setFlagsFromString('--no-expose-gc');
  }
}
