// Memory of `agent-release evaluate` as the dataset grows, against a zero-latency stub, next to a
// bare undici loop sending as many requests (the peer: what Node and undici alone take). Examples
// stream through; what is kept per row is its latency and each graded score (for percentiles and
// bootstrap intervals), 8 to 16 bytes, and while the dataset is checked before the first request,
// a hash of its id (16 bytes, for uniqueness). The rest of
// peak RSS is V8 sizing its heap for the allocation rate: left alone, the young generation
// doubles up to 64 MB over the first few hundred thousand requests (the bare loop's does); the
// CLI stops it at 8 MB, and asks for a major GC whenever the old generation has grown by 8 MB
// since the last (src/shell/heap-bounds.ts). The heap in use just after major GCs is what the run
// actually holds.
import { bareLoop } from './bare-loop.mjs';
import { evaluateArgs, evaluateWorkspace, runCli } from './cli.mjs';
import { startStub } from './stub-agent.mjs';

export async function evaluateMemory({ examples, concurrency = 64 }) {
  const stub = await startStub(0);
  const workspace = await evaluateWorkspace({ examples, url: stub.url, concurrency });
  try {
    const run = await runCli(evaluateArgs, workspace.dir, { usage: true, retainedHeap: true });
    const bare = await bareLoop({ url: stub.url, requests: examples, concurrency });
    return {
      examples,
      concurrency,
      wallMs: run.wallMs,
      peakRssMiB: run.peakRssMiB,
      retainedHeapMiB: run.retainedHeapMiB,
      liveAfterMajorGcMiB: run.liveAfterMajorGcMiB,
      barePeakRssMiB: bare.peakRssMiB,
    };
  } finally {
    await stub.close();
    await workspace.remove();
  }
}
