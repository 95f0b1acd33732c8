// Wall time of `agent-release evaluate` on a dataset of 3-turn conversations against the stub
// with a fixed latency, as a ratio to the ideal N × turns × latency / concurrency (concurrency
// counts conversations; each plays its turns in order). Next to it the bare undici loop sending
// the same number of requests at the same concurrency: the floor this machine allows.
// Run on its own with `node bench/conversation-throughput.mjs` (after `npm run bundle`).
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bareLoop } from './bare-loop.mjs';
import { evaluateArgs, runCli } from './cli.mjs';
import { startStub } from './stub-agent.mjs';

async function conversationWorkspace({ conversations, turns, url, concurrency }) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'agent-release-bench-'));
  const out = createWriteStream(path.join(dir, 'conversations.jsonl'));
  for (let i = 0; i < conversations; i++) {
    const row = { id: i, turns: Array.from({ length: turns }, (_, t) => ({ input: `question ${i} turn ${t + 1}`, expected: '42' })) };
    if (!out.write(`${JSON.stringify(row)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
  await writeFile(
    path.join(dir, 'agent-release.yml'),
    `version: 1
model: { name: bench }
evaluate:
  dataset: { path: conversations.jsonl }
  endpoint: { url: "${url}/v1/chat/completions", timeout: 10s }
  concurrency: ${concurrency}
  conversation: { turns: each }
  scorers: [{ type: contains }]
`,
  );
  await mkdir(path.join(dir, '.agent-release'), { recursive: true });
  await runCli(['registry', 'register', '--source', url, '--config', 'agent-release.yml'], dir);
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

export async function conversationThroughput({ conversations, turns = 3, latencyMs, concurrency, runs = 3 }) {
  const stub = await startStub(latencyMs);
  const workspace = await conversationWorkspace({ conversations, turns, url: stub.url, concurrency });
  const requests = conversations * turns;
  const idealMs = (requests * latencyMs) / concurrency;
  try {
    const cli = [];
    const bare = [];
    for (let i = 0; i < runs; i++) {
      const before = stub.served();
      cli.push((await runCli(evaluateArgs, workspace.dir)).wallMs);
      if (stub.served() - before !== requests) throw new Error(`expected ${requests} requests, the stub served ${stub.served() - before}`);
      bare.push((await bareLoop({ url: stub.url, requests, concurrency })).wallMs);
    }
    const ratios = cli.map((ms) => idealMs / ms);
    return { conversations, turns, requests, latencyMs, concurrency, idealMs, wallMs: median(cli), ratio: idealMs / median(cli), ratioRange: [Math.min(...ratios), Math.max(...ratios)], bareWallMs: median(bare) };
  } finally {
    await stub.close();
    await workspace.remove();
  }
}

export function conversationTable(rows, fmt) {
  return [
    '| conversations × turns | latency ms | concurrency | wall ms (median of 3) | ideal ms | ratio to ideal (range) | bare undici loop wall ms | loop ratio to ideal |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.conversations} × ${r.turns} | ${r.latencyMs} | ${r.concurrency} | ${fmt(r.wallMs)} | ${fmt(r.idealMs)} | ${fmt(r.ratio, 3)} (${fmt(r.ratioRange[0], 3)}-${fmt(r.ratioRange[1], 3)}) | ${fmt(r.bareWallMs)} | ${fmt(r.idealMs / r.bareWallMs, 3)} |`,
    ),
  ].join('\n');
}

export const conversationShapes = [{ conversations: 640, turns: 3, latencyMs: 50, concurrency: 32 }];

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const fmt = (n, digits = 0) => n.toFixed(digits);
  const rows = [];
  for (const shape of conversationShapes) rows.push(await conversationThroughput(shape));
  console.log(conversationTable(rows, fmt));
}
