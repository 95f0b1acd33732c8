// Wall time of `agent-release evaluate` (process start included) against a stub with a fixed
// latency, as a ratio to the ideal N × latency / concurrency.
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStub } from './stub-agent.mjs';

const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli', 'index.js');

export async function evaluateThroughput({ examples, latencyMs, concurrency }) {
  const stub = await startStub(latencyMs);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'agent-release-bench-'));
  try {
    const rows = Array.from({ length: examples }, (_, i) => JSON.stringify({ id: i, input: `question ${i}`, expected: '42' })).join('\n');
    await writeFile(path.join(dir, 'golden.jsonl'), `${rows}\n`);
    await writeFile(
      path.join(dir, 'agent-release.yml'),
      `version: 1
model: { name: bench }
evaluate:
  dataset: { path: golden.jsonl }
  endpoint: { url: "${stub.url}/v1/chat/completions", timeout: 10s }
  concurrency: ${concurrency}
  scorers: [{ type: contains }]
`,
    );
    await mkdir(path.join(dir, '.agent-release'), { recursive: true });
    await run(['registry', 'register', '--source', stub.url, '--config', 'agent-release.yml'], dir);
    const started = performance.now();
    await run(['evaluate', '--model-version', '1', '--config', 'agent-release.yml', '--json'], dir);
    const wallMs = performance.now() - started;
    const idealMs = (examples * latencyMs) / concurrency;
    return { examples, latencyMs, concurrency, wallMs, idealMs, ratio: idealMs / wallMs };
  } finally {
    await stub.close();
    await rm(dir, { recursive: true, force: true });
  }
}

function run(args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`agent-release ${args[0]} exited ${code}: ${stderr}`))));
  });
}
