import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { answers, freePort, sleep, spawnServerGroup, tailBuffer, terminateGroup } from './server-process';

/**
 * A real Prometheus on loopback for integration tests: the Debian package's binary, unpacked
 * into the cache by scripts/install-prometheus.sh on first use, a generated config scraping the
 * given targets, and a TSDB in a fresh temp directory. Start one per test file in `beforeAll`
 * with a timeout of `prometheusStartTimeoutMs`.
 *
 * It never skips: if Prometheus cannot be installed or does not come up, the promise rejects with
 * the reason and the tail of the server's output, and the tests fail.
 */
export interface PrometheusServer {
  /** Base URL, e.g. http://127.0.0.1:53421 */
  url: string;
  startupMs: number;
  /** `prometheus --version`'s first line. */
  version: string;
  /**
   * Polls an instant query until it returns data (a non-empty vector, or a scalar that is not
   * NaN) and resolves with the result; tests wait for scrapes with this instead of sleeping.
   */
  waitForSamples(query: string, options?: { deadlineMs?: number }): Promise<unknown[]>;
  outputTail(): string;
  stop(): Promise<void>;
}

export interface PrometheusServerOptions {
  /** host:port pairs (or http:// URLs) serving /metrics. */
  targets: string[];
  /** Scrape interval; default 1000 ms. */
  scrapeIntervalMs?: number;
  startupDeadlineMs?: number;
}

/** A jest timeout for `beforeAll`: a cold install (seconds: one .deb) plus startup. */
export const prometheusStartTimeoutMs = 180_000;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const installScript = path.join(repoRoot, 'scripts', 'install-prometheus.sh');

let prometheusBinary: Promise<string> | undefined;

/** Runs the install script once per process; it returns at once when the binary is cached. */
export function installPrometheus(): Promise<string> {
  prometheusBinary ??= new Promise<string>((resolve, reject) => {
    const child = spawn('bash', [installScript], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', (error) => reject(new Error(`could not run ${installScript}: ${error.message}`)));
    child.on('close', (code) => {
      const binary = stdout.trim().split('\n').at(-1) ?? '';
      if (code === 0 && binary) resolve(binary);
      else reject(new Error(`${installScript} exited with ${code}; its error is printed above. The Prometheus integration tests need it to succeed.`));
    });
  });
  return prometheusBinary;
}

export async function startPrometheus(options: PrometheusServerOptions): Promise<PrometheusServer> {
  const binary = await installPrometheus();
  let lastError: unknown;
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return await startOnce(binary, await freePort(), options);
    } catch (error) {
      lastError = error;
      if (!(error instanceof PortInUseError)) throw error;
    }
  }
  throw lastError;
}

class PortInUseError extends Error {}

async function startOnce(binary: string, port: number, options: PrometheusServerOptions): Promise<PrometheusServer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'agent-release-prometheus-'));
  const interval = `${options.scrapeIntervalMs ?? 1000}ms`;
  const targets = options.targets.map((t) => t.replace(/^https?:\/\//, '').replace(/\/.*$/, ''));
  // JSON is YAML: no YAML writer needed, and target strings are quoted correctly.
  const config = {
    global: { scrape_interval: interval, scrape_timeout: interval, evaluation_interval: interval },
    scrape_configs: [{ job_name: 'agent', metrics_path: '/metrics', static_configs: [{ targets }] }],
  };
  await writeFile(path.join(dir, 'prometheus.yml'), JSON.stringify(config, null, 2));
  const url = `http://127.0.0.1:${port}`;
  const args = [
    `--config.file=${path.join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${path.join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
  ];

  const version = await versionOf(binary);
  const started = Date.now();
  const child = spawnServerGroup(binary, args, { cwd: dir, removeWith: [dir] });
  const output = tailBuffer(16_384);
  child.stdout?.on('data', (c: Buffer) => output.push(c.toString()));
  child.stderr?.on('data', (c: Buffer) => output.push(c.toString()));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error));

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      await terminateGroup(child, exited, 'prometheus');
      await rm(dir, { recursive: true, force: true });
    })());

  const deadlineMs = options.startupDeadlineMs ?? 60_000;
  let exitCode: number | string | undefined;
  void exited.then((code) => (exitCode = code));
  for (;;) {
    if (spawnError) {
      await stop();
      throw new Error(`could not start ${binary}: ${spawnError.message}`);
    }
    if (exitCode !== undefined) {
      await stop();
      const tail = output.text();
      if (/address already in use/i.test(tail)) throw new PortInUseError(`port ${port} was taken`);
      throw new Error(`prometheus exited with ${exitCode} before answering ${url}/-/ready. Its output ends:\n${tail}`);
    }
    if (await answers(`${url}/-/ready`)) break;
    if (Date.now() - started > deadlineMs) {
      const tail = output.text();
      await stop();
      throw new Error(`prometheus did not answer ${url}/-/ready within ${deadlineMs} ms. Its output ends:\n${tail}`);
    }
    await sleep(100);
  }

  const pollMs = Math.max(50, Math.floor((options.scrapeIntervalMs ?? 1000) / 4));
  const waitForSamples = async (query: string, wait: { deadlineMs?: number } = {}): Promise<unknown[]> => {
    const deadline = Date.now() + (wait.deadlineMs ?? 30_000);
    for (;;) {
      const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(query)}`);
      const last = await res.text();
      const body = JSON.parse(last) as { status: string; data?: { resultType: string; result: unknown } };
      if (body.status !== 'success') throw new Error(`waitForSamples: Prometheus refused ${query}: ${last}`);
      const result = body.data?.result;
      if (body.data?.resultType === 'scalar' && Array.isArray(result) && result[1] !== 'NaN') return [result];
      if (body.data?.resultType === 'vector' && Array.isArray(result) && result.length > 0) return result as unknown[];
      if (Date.now() > deadline) {
        throw new Error(`waitForSamples: ${query} returned no data within ${wait.deadlineMs ?? 30_000} ms; last answer: ${last}. Prometheus output ends:\n${output.text()}`);
      }
      await sleep(pollMs);
    }
  };

  return { url, startupMs: Date.now() - started, version, waitForSamples, outputTail: () => output.text(), stop };
}

function versionOf(binary: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ['--version'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (c: Buffer) => (text += c.toString()));
    child.stderr.on('data', (c: Buffer) => (text += c.toString()));
    child.once('error', (error) => reject(new Error(`could not run ${binary} --version: ${error.message}`)));
    child.once('close', (code) => (code === 0 ? resolve(text.split('\n')[0] ?? '') : reject(new Error(`${binary} --version exited with ${code}: ${text}`))));
  });
}
