// Preloaded (node --import) into a benchmarked CLI process: at exit, writes the process's own
// peak RSS, CPU time and (when node runs with --expose-gc) the heap still reachable after a full
// GC to $AGENT_RELEASE_BENCH_USAGE. Not part of the product.
import { writeFileSync } from 'node:fs';

const file = process.env.AGENT_RELEASE_BENCH_USAGE;
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    globalThis.gc?.();
    const retainedHeapMiB = globalThis.gc ? process.memoryUsage().heapUsed / 2 ** 20 : null;
    const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
    writeFileSync(file, JSON.stringify({ peakRssMiB: usage.maxRSS / 1024, cpuMs, userMs: usage.userCPUTime / 1000, sysMs: usage.systemCPUTime / 1000, retainedHeapMiB }));
  });
}
