import childProcess from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { MlflowServer } from './mlflow-server';
import { startMlflowServerInMemory } from './mlflow-tmpfs';
import { answers } from './server-process';

/**
 * One real MLflow server per jest worker process, shared by every test file the worker runs:
 * started by the first file that asks (in its `beforeAll`, with `mlflowStartTimeoutMs`), ended
 * with the worker (see mlflow-server.ts). Files never stop it, and keep out of each other's way
 * by naming every model and experiment with `uniqueName`. A file that needs a server set up its
 * own way (other arguments, other environment, a server it may break) starts its own.
 *
 * Jest gives each test file fresh modules and globals but the same Node core modules, so the
 * worker's server is kept on one of those.
 */
export type WorkerMlflowServer = Omit<MlflowServer, 'stop' | 'detach'>;

const slot = Symbol.for('agent-release.test.worker-mlflow-server');
const holder = childProcess as unknown as { [slot]?: Promise<MlflowServer> };

export async function workerMlflowServer(): Promise<WorkerMlflowServer> {
  const current = holder[slot];
  if (current) {
    const server = await current;
    if (await answers(`${server.url}/health`)) return server;
    // It died under an earlier file (whose tests failed for it); the next files get a new one.
    process.stderr.write(`the worker's mlflow server at ${server.url} stopped answering; starting another. Its output ends:\n${server.outputTail()}\n`);
    holder[slot] = undefined;
    await server.stop();
  }
  const started = startMlflowServerInMemory().then((server) => {
    server.detach();
    return server;
  });
  holder[slot] = started;
  // A failed start is not kept: the next file tries again, and fails by its own account.
  started.catch(() => {
    if (holder[slot] === started) holder[slot] = undefined;
  });
  return started;
}

const fileId = `${process.pid}-${randomBytes(3).toString('hex')}`;

/** `${what}-<this test file's id>`: a model or experiment name no other file on the server uses. */
export const uniqueName = (what: string): string => `${what}-${fileId}`;
