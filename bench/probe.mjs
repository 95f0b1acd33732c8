// Preloaded (node --import) into a benchmarked CLI process: at exit, writes the process's own
// peak RSS, CPU time, the largest heap still in use just after a major GC during the run (what
// the run keeps, as opposed to garbage V8 has not collected yet) and, when node runs with
// --expose-gc, the heap still reachable after a final GC to $AGENT_RELEASE_BENCH_USAGE. Not part
// of the product.
import { writeFileSync } from 'node:fs';
import { constants, PerformanceObserver } from 'node:perf_hooks';

const file = process.env.AGENT_RELEASE_BENCH_USAGE;
if (file) {
  let liveAfterMajorGc = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) liveAfterMajorGc = Math.max(liveAfterMajorGc, process.memoryUsage().heapUsed);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  process.on('exit', () => {
    observer.disconnect();
    const usage = process.resourceUsage();
    globalThis.gc?.();
    const retainedHeapMiB = globalThis.gc ? process.memoryUsage().heapUsed / 2 ** 20 : null;
    const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
    writeFileSync(
      file,
      JSON.stringify({ peakRssMiB: usage.maxRSS / 1024, cpuMs, userMs: usage.userCPUTime / 1000, sysMs: usage.systemCPUTime / 1000, retainedHeapMiB, liveAfterMajorGcMiB: liveAfterMajorGc / 2 ** 20 }),
    );
  });
}
