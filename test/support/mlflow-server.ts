import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { answers, freePort, sleep, spawnServerGroup, tailBuffer, terminateGroup, unrefChild } from './server-process';

/**
 * A real MLflow tracking server on loopback for integration tests: the pinned release from
 * scripts/install-mlflow.sh (installed into a cached virtual environment on first use), a SQLite
 * backend store and proxied artifacts in a fresh temp directory. Most test files share their
 * worker's server (`workerMlflowServer` in mlflow-worker.ts); a file that needs a server set up
 * its own way starts one in `beforeAll` (it takes seconds, not milliseconds) with a timeout of
 * `mlflowStartTimeoutMs`, and stops it in `afterAll`.
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
  /** Lets this process exit with the server still running; the server then ends with it. */
  detach(): void;
}

export interface MlflowServerOptions {
  /** Deadline for the server to answer /health once spawned. */
  startupDeadlineMs?: number;
  /** Extra environment for the server. */
  env?: Record<string, string>;
  /** Extra `mlflow server` arguments. */
  args?: string[];
  /** Where the server's temp directory is made (default: the OS temp directory). */
  tempRoot?: string;
  /** More directories to remove with the server's own. */
  removeWith?: string[];
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
  const dir = await mkdtemp(path.join(options.tempRoot ?? os.tmpdir(), 'agent-release-mlflow-'));
  const dirs = [dir, ...(options.removeWith ?? [])];
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
  // stop() signals the server and every worker it spawned.
  const child = spawnServerGroup(mlflow, args, { cwd: dir, env, removeWith: dirs });
  const output = tailBuffer(16_384);
  child.stdout?.on('data', (c: Buffer) => output.push(c.toString()));
  child.stderr?.on('data', (c: Buffer) => output.push(c.toString()));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error));

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      await terminateGroup(child, exited, 'mlflow server');
      await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
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
    if (await answers(`${url}/health`)) break;
    if (Date.now() > deadline) {
      const tail = output.text();
      await stop();
      throw new Error(`mlflow server did not answer ${url}/health within ${options.startupDeadlineMs ?? 120_000} ms. Its output ends:\n${tail}`);
    }
    await sleep(150);
  }
  return {
    url,
    startupMs: Date.now() - started,
    outputTail: () => output.text(),
    stop,
    detach: () => unrefChild(child),
  };
}
