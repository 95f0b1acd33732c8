import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A real MLflow tracking server on loopback for integration tests: the pinned release from
 * scripts/install-mlflow.sh (installed into a cached virtual environment on first use), a SQLite
 * backend store and proxied artifacts in a fresh temp directory. Start one per test file in
 * `beforeAll` (it takes seconds, not milliseconds) with a timeout of `mlflowStartTimeoutMs`.
 *
 * It never skips: if MLflow cannot be installed or does not come up, the promise rejects with
 * the reason and the tail of the server's output, and the tests fail.
 */
export interface MlflowServer {
  /** Tracking URI, e.g. http://127.0.0.1:53421 */
  url: string;
  /** Milliseconds from spawn to the first healthy answer. */
  startupMs: number;
  /** The last lines the server printed, for failure messages. */
  outputTail(): string;
  /** Stops the whole process group (server, uvicorn workers) and removes the temp directory. */
  stop(): Promise<void>;
}

export interface MlflowServerOptions {
  /** Deadline for the server to answer /health once spawned. */
  startupDeadlineMs?: number;
  /** Extra environment for the server. */
  env?: Record<string, string>;
  /** Extra `mlflow server` arguments. */
  args?: string[];
}

/** A jest timeout for `beforeAll` that covers a cold install (about 2 minutes here) plus startup. */
export const mlflowStartTimeoutMs = 600_000;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const installScript = path.join(repoRoot, 'scripts', 'install-mlflow.sh');

let mlflowExecutable: Promise<string> | undefined;

/** Runs the install script once per process; it returns at once when the environment is cached. */
export function installMlflow(): Promise<string> {
  mlflowExecutable ??= new Promise<string>((resolve, reject) => {
    // Progress goes straight to the terminal: a cold install takes minutes and should say so.
    const child = spawn('bash', [installScript], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', (error) => reject(new Error(`could not run ${installScript}: ${error.message}`)));
    child.on('close', (code) => {
      const executable = stdout.trim().split('\n').at(-1) ?? '';
      if (code === 0 && executable) resolve(executable);
      else reject(new Error(`${installScript} exited with ${code}; its error is printed above. MLflow integration tests need it to succeed.`));
    });
  });
  return mlflowExecutable;
}

export async function startMlflowServer(options: MlflowServerOptions = {}): Promise<MlflowServer> {
  const mlflow = await installMlflow();
  // A port can be taken between probing and binding; try a few.
  let lastError: unknown;
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return await startOnce(mlflow, await freePort(), options);
    } catch (error) {
      lastError = error;
      if (!(error instanceof PortInUseError)) throw error;
    }
  }
  throw lastError;
}

class PortInUseError extends Error {}

async function startOnce(mlflow: string, port: number, options: MlflowServerOptions): Promise<MlflowServer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'agent-release-mlflow-'));
  const url = `http://127.0.0.1:${port}`;
  const args = [
    'server',
    '--host', '127.0.0.1',
    '--port', String(port),
    '--workers', '1',
    '--backend-store-uri', `sqlite:///${path.join(dir, 'mlflow.db')}`,
    '--serve-artifacts',
    '--artifacts-destination', path.join(dir, 'artifacts'),
    ...(options.args ?? []),
  ];
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('MLFLOW_')) env[key] = value;
  Object.assign(env, {
    // No job runner (huey consumers and a /dev/shm queue): the registry does not need it.
    MLFLOW_SERVER_ENABLE_JOB_EXECUTION: 'false',
    PYTHONUNBUFFERED: '1',
    ...options.env,
  });

  const started = Date.now();
  // Its own process group, so stop() can signal the server and every worker it spawned.
  const child = spawn(mlflow, args, { cwd: dir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = tailBuffer(16_384);
  child.stdout?.on('data', (c: Buffer) => output.push(c.toString()));
  child.stderr?.on('data', (c: Buffer) => output.push(c.toString()));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error));

  const killOnExit = (): void => killGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      process.removeListener('exit', killOnExit);
      await terminate(child, exited);
      await rm(dir, { recursive: true, force: true });
    })());

  const deadline = started + (options.startupDeadlineMs ?? 120_000);
  let exitCode: number | string | undefined;
  void exited.then((code) => (exitCode = code));
  for (;;) {
    if (spawnError) {
      await stop();
      throw new Error(`could not start ${mlflow}: ${spawnError.message}`);
    }
    if (exitCode !== undefined) {
      await stop();
      const tail = output.text();
      if (/address already in use|Errno 98/i.test(tail)) throw new PortInUseError(`port ${port} was taken`);
      throw new Error(`mlflow server exited with ${exitCode} before answering ${url}/health. Its output ends:\n${tail}`);
    }
    if (await healthy(url)) break;
    if (Date.now() > deadline) {
      const tail = output.text();
      await stop();
      throw new Error(`mlflow server did not answer ${url}/health within ${options.startupDeadlineMs ?? 120_000} ms. Its output ends:\n${tail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return { url, startupMs: Date.now() - started, outputTail: () => output.text(), stop };
}

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) });
    await res.text();
    return res.ok;
  } catch {
    return false;
  }
}

/** SIGTERM to the group, SIGKILL if it lingers, then wait until no member of the group is left. */
async function terminate(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.pid === undefined) return;
  killGroup(child, 'SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const graceful = await Promise.race([exited.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 10_000)))]);
  clearTimeout(timer);
  if (!graceful) killGroup(child, 'SIGKILL');
  // Workers may outlive the parent for a moment; the group is empty once kill(-pgid, 0) fails.
  for (let i = 0; i < 100 && groupAlive(child.pid); i++) {
    if (i === 40) killGroup(child, 'SIGKILL');
    await sleep(100);
  }
  if (groupAlive(child.pid)) throw new Error(`mlflow server process group ${child.pid} is still running after SIGKILL`);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function tailBuffer(max: number): { push(text: string): void; text(): string } {
  let buffer = '';
  return {
    push: (text) => {
      buffer = (buffer + text).slice(-max);
    },
    text: () => buffer.trimEnd().split('\n').slice(-40).join('\n'),
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
