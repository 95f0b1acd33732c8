// Wall time of `agent-release evaluate` (process start included) against a stub with a fixed
// latency, as a ratio to the ideal N × latency / concurrency; next to it a bare undici loop
// against the same stub, the floor this machine allows (timer lateness, scheduling, steal).
import { bareLoop } from './bare-loop.mjs';
import { readFileSync } from 'node:fs';
import { evaluateArgs, evaluateWorkspace, runCli } from './cli.mjs';
import { startStub } from './stub-agent.mjs';

/**
 * `runs` runs of the CLI, each followed by the bare loop, against one stub: medians and the
 * spread, the stub's delivered latency, and the CPU time the hypervisor took from this machine
 * during them (steal), which on a shared VM moves these numbers more than anything measured.
 */
export async function evaluateThroughput({ examples, latencyMs, concurrency, runs = 3 }) {
  const stub = await startStub(latencyMs);
  const workspace = await evaluateWorkspace({ examples, url: stub.url, concurrency });
  const idealMs = (examples * latencyMs) / concurrency;
  try {
    const cli = [];
    const cliCpu = [];
    const bare = [];
    const bareCpu = [];
    const held = [];
    // One unmeasured run of each first: the CLI's fills the bundle's code cache for these node
    // flags, as a job's first step does for the steps after it (bench/startup.mjs); the loop's
    // warms the page cache for undici's files. Every measured round is then the same run.
    await runCli(evaluateArgs, workspace.dir, { usage: true });
    await bareLoop({ url: stub.url, requests: examples, concurrency });
    const cpu = cpuTimes();
    for (let i = 0; i < runs; i++) {
      stub.takeMeanHeldMs();
      const run = await runCli(evaluateArgs, workspace.dir, { usage: true });
      cli.push(run.wallMs);
      cliCpu.push(run.cpuMs);
      held.push(stub.takeMeanHeldMs());
      const loop = await bareLoop({ url: stub.url, requests: examples, concurrency });
      bare.push(loop.wallMs);
      bareCpu.push(loop.cpuMs);
    }
    const stolen = cpu && cpuTimes() ? stealShare(cpu, cpuTimes()) : null;
    const ratios = cli.map((ms) => idealMs / ms);
    return {
      examples,
      latencyMs,
      concurrency,
      runs,
      idealMs,
      wallMs: median(cli),
      ratio: idealMs / median(cli),
      ratioRange: [Math.min(...ratios), Math.max(...ratios)],
      bareWallMs: median(bare),
      /** CLI wall ÷ the loop's, each round's pair (the bar: at most 1.02). */
      loopRatio: median(cli.map((ms, i) => ms / bare[i])),
      cpuUsPerRequest: (median(cliCpu) * 1000) / examples,
      bareCpuUsPerRequest: (median(bareCpu) * 1000) / examples,
      heldMs: median(held),
      stolen,
    };
  } finally {
    await stub.close();
    await workspace.remove();
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

/** The machine's CPU counters (USER_HZ ticks) from /proc/stat, or null where there is none. */
function cpuTimes() {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    return { total: fields.slice(0, 8).reduce((a, b) => a + b, 0), steal: fields[7] ?? 0 };
  } catch {
    return null;
  }
}

function stealShare(before, after) {
  const total = after.total - before.total;
  return total > 0 ? (after.steal - before.steal) / total : 0;
}
