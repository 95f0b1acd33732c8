// A whole release against a real MLflow server (SQLite, proxied artifacts, loopback), through the
// bundled CLI: evaluate -> gate -> promote for two versions (the second gated against the first,
// its baseline found in MLflow), then rollback. A counting proxy in front of MLflow records every
// API call, so each step prints its calls and wall time (process start included).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cli } from './cli.mjs';
import { startStub } from './stub-agent.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The pinned MLflow from scripts/install-mlflow.sh (installed on first use). */
export function mlflowExecutable() {
  return execFileSync('bash', [path.join(root, 'scripts/install-mlflow.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').pop();
}

export async function mlflowPipeline({ examples = 200 } = {}) {
  const mlflow = mlflowExecutable();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'agent-release-bench-mlflow-'));
  const server = await startMlflow(mlflow, dir);
  const proxy = await countingProxy(server.url);
  const stub = await startStub(5);
  try {
    const rows = Array.from({ length: examples }, (_, i) => JSON.stringify({ id: i, input: `question ${i}`, expected: '42' })).join('\n');
    await writeFile(path.join(dir, 'golden.jsonl'), `${rows}\n`);
    await writeFile(
      path.join(dir, 'agent-release.yml'),
      `version: 1
model: { name: bench-agent, registry: mlflow, tracking_uri: "${proxy.url}" }
evaluate:
  dataset: { path: golden.jsonl }
  endpoint: { url: "${stub.url}/v1/chat/completions" }
  concurrency: 16
  scorers: [{ type: contains }]
gate:
  thresholds: { "contains/mean": { min: 0.9 } }
  baseline: { max_drop: { "contains/mean": 0.05 } }
promote: { alias: champion }
`,
    );
    const steps = [
      ['register v1', ['registry', 'register', '--source', 's3://models/bench/1']],
      ['evaluate v1', ['evaluate', '--model-version', '1']],
      ['gate v1 (first release)', ['gate', '--model-version', '1']],
      ['promote v1', ['promote', '--model-version', '1']],
      ['register v2', ['registry', 'register', '--source', 's3://models/bench/2']],
      ['evaluate v2', ['evaluate', '--model-version', '2']],
      ['gate v2 (baseline from MLflow)', ['gate', '--model-version', '2'], () => rm(path.join(dir, '.agent-release', 'bench-agent', 'v1'), { recursive: true, force: true })],
      ['promote v2', ['promote', '--model-version', '2']],
      ['rollback to v1', ['rollback']],
    ];
    const table = [];
    for (const [step, args, before] of steps) {
      await before?.();
      proxy.reset();
      const started = performance.now();
      await run([...args, '--config', 'agent-release.yml'], dir);
      table.push({ step, wallMs: performance.now() - started, calls: proxy.total(), byEndpoint: proxy.byEndpoint() });
    }
    return { examples, steps: table };
  } finally {
    await stub.close();
    await proxy.close();
    server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

function run(args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`agent-release ${args.join(' ')} exited ${code}: ${stderr.slice(-2000)}`))));
  });
}

export async function startMlflow(mlflow, dir) {
  const port = await new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port: p } = probe.address();
      probe.close(() => resolve(p));
    });
  });
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('MLFLOW_')));
  const args = ['server', '--host', '127.0.0.1', '--port', String(port), '--workers', '1', '--backend-store-uri', `sqlite:///${path.join(dir, 'mlflow.db')}`, '--serve-artifacts', '--artifacts-destination', path.join(dir, 'artifacts')];
  const child = spawn(mlflow, args, { cwd: dir, env: { ...env, MLFLOW_SERVER_ENABLE_JOB_EXECUTION: 'false' }, detached: true, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    const ok = await fetch(`${url}/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`mlflow server did not answer ${url}/health within 120 s`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, stop: () => process.kill(-child.pid, 'SIGTERM') };
}

/** Forwards everything to `upstream` and counts requests by method and path. */
async function countingProxy(upstream) {
  const counts = new Map();
  const target = new URL(upstream);
  const server = http.createServer((req, res) => {
    const key = `${req.method} ${req.url.split('?')[0].replace(/^\/api\/2\.0\//, '').replace(/artifacts\/.*/, 'artifacts/…')}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    const out = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode, up.headers);
      up.pipe(res);
    });
    out.on('error', () => res.destroy());
    req.pipe(out);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    reset: () => counts.clear(),
    total: () => [...counts.values()].reduce((a, b) => a + b, 0),
    byEndpoint: () => [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ×${v}`),
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }),
  };
}
