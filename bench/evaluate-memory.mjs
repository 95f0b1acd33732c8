// Peak RSS of `agent-release evaluate` as the dataset grows, against a zero-latency stub: it
// should stay flat, since examples stream through and nothing is kept per row beyond the ids
// (checked for uniqueness) and the bounded latency sketch.
import { evaluateArgs, evaluateWorkspace, runCli } from './cli.mjs';
import { startStub } from './stub-agent.mjs';

export async function evaluateMemory({ examples, concurrency = 64 }) {
  const stub = await startStub(0);
  const workspace = await evaluateWorkspace({ examples, url: stub.url, concurrency });
  try {
    const run = await runCli(evaluateArgs, workspace.dir, { usage: true });
    return { examples, concurrency, wallMs: run.wallMs, peakRssMiB: run.peakRssMiB, retainedHeapMiB: run.retainedHeapMiB, served: stub.served() };
  } finally {
    await stub.close();
    await workspace.remove();
  }
}
