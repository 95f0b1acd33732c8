// Wall time of `agent-release evaluate` (process start included) against a stub with a fixed
// latency, as a ratio to the ideal N × latency / concurrency; next to it a bare undici loop
// against the same stub, the floor this machine allows (timer lateness, scheduling).
import { bareLoop } from './bare-loop.mjs';
import { spawn } from 'node:child_process';
import { cli, evaluateArgs, evaluateWorkspace, node, runCli } from './cli.mjs';
import { startStub } from './stub-agent.mjs';

export async function evaluateThroughput({ examples, latencyMs, concurrency }) {
  const stub = await startStub(latencyMs);
  const workspace = await evaluateWorkspace({ examples, url: stub.url, concurrency });
  try {
    const { wallMs } = await runCli(evaluateArgs, workspace.dir);
    const idealMs = (examples * latencyMs) / concurrency;
    const bare = await bareLoop({ url: stub.url, requests: examples, concurrency });
    return { examples, latencyMs, concurrency, wallMs, idealMs, ratio: idealMs / wallMs, bare };
  } finally {
    await stub.close();
    await workspace.remove();
  }
}

/** Median wall ms of five runs of `node <args>`: `--help` exits before any config is read. */
export async function startupMs(args = [cli, '--help']) {
  const walls = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    await new Promise((resolve, reject) => spawn(node, args, { stdio: 'ignore' }).on('error', reject).on('close', resolve));
    walls.push(performance.now() - started);
  }
  return walls.sort((a, b) => a - b)[2];
}
