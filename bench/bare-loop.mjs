// The floor to compare the CLI with: a bare undici loop in a child process sending the same
// POSTs at the same concurrency, with nothing else (no config, no dataset, no scoring, no files).
import { spawn } from 'node:child_process';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { node } from './cli.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..');
const probe = path.join(here, 'probe.mjs');

const loop = `
const { request } = require('undici');
const [url, total, concurrency] = [process.argv[1], Number(process.argv[2]), Number(process.argv[3])];
const body = JSON.stringify({ messages: [{ role: 'user', content: 'question 1' }] });
let next = 0;
(async () => {
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < total) {
      next++;
      const res = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      JSON.parse(await res.body.text());
    }
  }));
})();
`;

/** Wall ms, peak RSS and CPU of `node -e loop` sending `requests` POSTs to `url`. */
export async function bareLoop({ url, requests, concurrency }) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'agent-release-bare-'));
  const usageFile = path.join(dir, 'usage.json');
  try {
    const started = performance.now();
    await new Promise((resolve, reject) => {
      const child = spawn(node, ['--import', probe, '-e', loop, `${url}/v1/chat/completions`, String(requests), String(concurrency)], {
        cwd: root,
        env: { ...process.env, AGENT_RELEASE_BENCH_USAGE: usageFile },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`bare undici loop exited ${code}`))));
    });
    const wallMs = performance.now() - started;
    return { wallMs, ...JSON.parse(await readFile(usageFile, 'utf8')) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
