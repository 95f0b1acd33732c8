// Memory of `agent-release evaluate` as the dataset grows, against a zero-latency stub. Examples
// stream through; what is kept per row is the id (checked for uniqueness), the latency and each
// graded score (for percentiles and bootstrap intervals), about 80 bytes. Peak RSS is mostly V8
// letting garbage and its young generation grow before a major GC; the heap in use just after
// major GCs is what the run actually holds.
import { evaluateArgs, evaluateWorkspace, runCli } from './cli.mjs';
import { startStub } from './stub-agent.mjs';

export async function evaluateMemory({ examples, concurrency = 64 }) {
  const stub = await startStub(0);
  const workspace = await evaluateWorkspace({ examples, url: stub.url, concurrency });
  try {
    const run = await runCli(evaluateArgs, workspace.dir, { usage: true });
    return { examples, concurrency, wallMs: run.wallMs, peakRssMiB: run.peakRssMiB, retainedHeapMiB: run.retainedHeapMiB, liveAfterMajorGcMiB: run.liveAfterMajorGcMiB, served: stub.served() };
  } finally {
    await stub.close();
    await workspace.remove();
  }
}
