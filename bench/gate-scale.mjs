// The gate over N per-example rows on each side (candidate and champion, paired by id): wall time
// as a ratio to a bare line-by-line JSON.parse loop over the same two files, and peak RSS of both.
import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { cli } from './cli.mjs';

const digest = `sha256:${'d'.repeat(64)}`;

/**
 * Rows in dataset order, or as evaluate writes them (in completion order: each row a few dozen
 * places from where it is in the dataset, differently in every run).
 */
function rowOrder(rows, order, seed) {
  const indexes = Array.from({ length: rows }, (_, i) => i);
  if (order === 'dataset') return indexes;
  const key = (i) => i + (Math.imul(i + seed, 2654435761) >>> 0) % 64;
  return indexes.sort((a, b) => key(a) - key(b));
}

async function writeEvaluation(dir, version, rows, passRate, order) {
  await mkdir(dir, { recursive: true });
  const out = createWriteStream(path.join(dir, 'results.jsonl'));
  let passes = 0;
  for (const i of rowOrder(rows, order, Number(version))) {
    // Deterministic: example i passes when its hash falls under the pass rate.
    const pass = ((i * 2654435761) % 1000) / 1000 < passRate ? 1 : 0;
    passes += pass;
    const line = `{"id":"q${i}","inputs":"question ${i}","outputs":"answer ${i}","scores":{"contains":${pass}},"latency_ms":${40 + (i % 17)}}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
  const summary = {
    schema: 'agent-release.summary/v1',
    model: { name: 'bench', version },
    dataset: { name: 'bench', digest, rows },
    metrics: { 'contains/mean': { value: passes / rows, n: rows } },
    errors: 0,
    run_id: null,
    created_at: new Date().toISOString(),
  };
  await writeFile(path.join(dir, 'summary.json'), JSON.stringify(summary));
}

/**
 * Runs a command under GNU time; returns wall ms and peak RSS in MiB. Exit 1 (a failed gate) is
 * still a measurement; any other failure means the bench is broken.
 */
export function measured(args, cwd) {
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0 && run.status !== 1) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  const [wall, kib] = run.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { wallMs: wall * 1000, rssMiB: kib / 1024 };
}

/** `order`: 'dataset' (both files in dataset order) or 'completion' (each in its own completion order). */
export async function gateScale(rows, { order = 'dataset' } = {}) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'agent-release-gate-scale-'));
  try {
    await writeEvaluation(path.join(dir, '.agent-release/bench/v1'), '1', rows, 0.8, order);
    await writeEvaluation(path.join(dir, '.agent-release/bench/v2'), '2', rows, 0.8, order);
    await writeFile(
      path.join(dir, 'agent-release.yml'),
      `version: 1
model: { name: bench }
gate:
  thresholds: { "contains/mean": { min: 0.5 } }
  baseline: { max_drop: { "contains/mean": 0.02 }, inconclusive: warn }
`,
    );
    const registry = {
      schema: 'agent-release.registry/v1',
      models: {
        bench: {
          versions: Object.fromEntries(['1', '2'].map((v) => [v, { source: 'bench', status: 'READY', created_at: new Date().toISOString(), tags: {} }])),
          aliases: { champion: '1' },
        },
      },
    };
    await writeFile(path.join(dir, '.agent-release/registry.json'), JSON.stringify(registry));
    const parseLoop = `const fs=require('fs'),rl=require('readline');(async()=>{let n=0;for(const f of process.argv.slice(1)){for await(const l of rl.createInterface({input:fs.createReadStream(f),crlfDelay:Infinity})){if(l)JSON.parse(l),n++}}})()`;
    const files = ['.agent-release/bench/v1/results.jsonl', '.agent-release/bench/v2/results.jsonl'];
    const bare = measured([process.execPath, '-e', parseLoop, ...files], dir);
    const gate = measured([process.execPath, cli, 'gate', '--model-version', '2', '--config', 'agent-release.yml', '--json'], dir);
    return { rows, order, gate, bare, ratio: gate.wallMs / bare.wallMs };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
