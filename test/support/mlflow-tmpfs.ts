import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { startMlflowServer, type MlflowServer } from './mlflow-server';

/**
 * A real MLflow server whose SQLite store lives in /dev/shm when there is one. The fault and
 * promotion tests send tens of thousands of writes, and on a disk each one waits for fsync
 * (about 20 ms a write here against 12 ms in memory). Everything else is the pinned server of
 * `startMlflowServer`; without /dev/shm it is exactly that server.
 */
export async function startMlflowServerInMemory(): Promise<MlflowServer> {
  const shm = '/dev/shm';
  try {
    accessSync(shm, constants.W_OK);
  } catch {
    return startMlflowServer();
  }
  const dir = await mkdtemp(path.join(shm, 'agent-release-mlflow-'));
  try {
    // `mlflow server` takes the last of a repeated option, so this replaces the default store.
    return await startMlflowServer({ args: ['--backend-store-uri', `sqlite:///${path.join(dir, 'mlflow.db')}`], removeWith: [dir] });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
