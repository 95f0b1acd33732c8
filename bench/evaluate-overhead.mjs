// CPU spent per request by `agent-release evaluate` at high concurrency against a zero-latency
// stub, next to a bare undici loop sending the same POSTs at the same concurrency: what reading,
// scoring, retries, aggregation and results writing add to the HTTP client itself. Both are
// whole processes (start-up included), so the per-request figures converge as N grows.
import { bareLoop } from './bare-loop.mjs';
import { evaluateArgs, evaluateWorkspace, runCli } from './cli.mjs';
import { startStub } from './stub-agent.mjs';

export async function evaluateOverhead({ requests, concurrency }) {
  const stub = await startStub(0);
  const workspace = await evaluateWorkspace({ examples: requests, url: stub.url, concurrency });
  try {
    const cli = await runCli(evaluateArgs, workspace.dir, { usage: true });
    const bare = await bareLoop({ url: stub.url, requests, concurrency });
    const cliUs = (cli.cpuMs * 1000) / requests;
    const bareUs = (bare.cpuMs * 1000) / requests;
    return { requests, concurrency, cliCpuMs: cli.cpuMs, bareCpuMs: bare.cpuMs, cliUsPerRequest: cliUs, bareUsPerRequest: bareUs, ratio: cliUs / bareUs };
  } finally {
    await stub.close();
    await workspace.remove();
  }
}
