import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A stand-in agent in its own Node process (metrics-agent-process.mjs) that answers requests and
 * exports Prometheus metrics, so a real Prometheus can scrape a "stable" and a "canary" version
 * the way it scrapes real serving replicas:
 *
 *   agent_requests_total{version, code}                   counter, code 200 or 500
 *   agent_request_duration_seconds_bucket{version, le}    histogram (+ _sum, _count)
 *
 * Behaviour is fixed per instance and deterministic: with errorRate 0.2 exactly every fifth
 * request answers 500; delays cycle through latenciesMs.
 */
export interface MetricsAgentBehaviour {
  /** The value of the `version` label. */
  version: string;
  /** Fraction of requests answered with HTTP 500, 0..1. */
  errorRate?: number;
  /** Delays before answering, used in turn. */
  latenciesMs?: number[];
}

export interface MetricsAgent {
  /** http://127.0.0.1:<port> */
  url: string;
  /** host:port, for a Prometheus static target. */
  target: string;
  version: string;
  /** Sends `count` requests, `concurrency` at a time; resolves with how they were answered. */
  drive(count: number, concurrency?: number): Promise<{ ok: number; failed: number }>;
  stop(): Promise<void>;
}

const processScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'metrics-agent-process.mjs');

export async function startMetricsAgent(behaviour: MetricsAgentBehaviour): Promise<MetricsAgent> {
  const child = spawn(process.execPath, [processScript, JSON.stringify(behaviour)], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    let stdout = '';
    const onData = (chunk: Buffer): void => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((l) => l.includes('"listening"'));
      if (!line) return;
      child.stdout.off('data', onData);
      resolve((JSON.parse(line) as { listening: number }).listening);
    };
    child.stdout.on('data', onData);
    child.once('error', (error) => reject(new Error(`could not start the metrics agent ${behaviour.version}: ${error.message}`)));
    child.once('exit', (code) => reject(new Error(`the metrics agent ${behaviour.version} exited with ${code} before listening: ${output.trim()}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  let stopped: Promise<void> | undefined;
  return {
    url,
    target: `127.0.0.1:${port}`,
    version: behaviour.version,
    drive: (count, concurrency = 8) => drive(url, count, concurrency),
    stop: () =>
      (stopped ??= (async () => {
        child.stdin.end();
        child.kill('SIGTERM');
        await exited;
      })()),
  };
}

async function drive(url: string, count: number, concurrency: number): Promise<{ ok: number; failed: number }> {
  let next = 0;
  const tally = { ok: 0, failed: 0 };
  const worker = async (): Promise<void> => {
    while (next < count) {
      next++;
      const res = await fetch(`${url}/invocations`, { method: 'POST', body: '{"inputs":["hello"]}', headers: { 'content-type': 'application/json' } });
      await res.arrayBuffer();
      if (res.ok) tally.ok++;
      else tally.failed++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return tally;
}
