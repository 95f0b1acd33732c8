import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { systemClock } from '../../src/clock';
import { bearerToken } from '../../src/http/credentials';
import { memoryLogger } from '../../src/logger';
import { MlflowRest } from '../../src/mlflow/rest';
import { TrackingClient, type Run } from '../../src/tracking/client';
import { startJsonServer, type JsonServer } from '../support/agent-server';

/**
 * What differs on a Databricks workspace's MLflow: experiment names are workspace paths whose
 * folder must exist first, and run artifacts live in DBFS, which this client does not write to.
 * A loopback server plays the workspace's answers for exactly these calls.
 */
let server: JsonServer;
const experiments = new Map<string, string>();
const folders = new Set<string>(['/Shared']);
beforeAll(async () => {
  server = await startJsonServer((request) => {
    const url = new URL(request.path, 'http://x');
    const body = request.body as Record<string, string> | undefined;
    if (url.pathname.endsWith('/experiments/get-by-name')) {
      const name = url.searchParams.get('experiment_name') ?? '';
      const id = experiments.get(name);
      return id ? { json: { experiment: { experiment_id: id, name } } } : { status: 404, json: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `Node ${name} does not exist.` } };
    }
    if (url.pathname.endsWith('/workspace/mkdirs')) {
      let folder = body?.path ?? '';
      for (; folder && folder !== '/'; folder = path.posix.dirname(folder)) folders.add(folder);
      return { json: {} };
    }
    if (url.pathname.endsWith('/experiments/create')) {
      const name = body?.name ?? '';
      if (!folders.has(path.posix.dirname(name))) return { status: 404, json: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `Parent directory ${path.posix.dirname(name)} does not exist.` } };
      experiments.set(name, String(experiments.size + 1));
      return { json: { experiment_id: experiments.get(name) } };
    }
    return { status: 500, json: { error_code: 'INTERNAL_ERROR', message: `unexpected ${request.method} ${request.path}` } };
  });
});
afterAll(() => server.close());

const client = (workspaceFolders: boolean, logger = memoryLogger()) =>
  new TrackingClient(new MlflowRest({ baseUrl: server.url, credentials: bearerToken('dapi-test', 'PAT'), secrets: ['dapi-test'], clock: systemClock, area: 'tracking.databricks', logger }), { workspaceFolders });

test('creates the workspace folder before the experiment, once', async () => {
  const found = await client(true).getOrCreateExperiment('/Shared/agent-release/main.agents.support/evaluation');
  expect(found).toMatchObject({ name: '/Shared/agent-release/main.agents.support/evaluation' });
  expect(folders.has('/Shared/agent-release/main.agents.support')).toBe(true);
  const mkdirs = server.requests.filter((r) => r.path.includes('workspace/mkdirs'));
  expect(mkdirs.map((r) => r.body)).toEqual([{ path: '/Shared/agent-release/main.agents.support' }]);
  await client(true).getOrCreateExperiment('/Shared/agent-release/main.agents.support/evaluation');
  expect(server.requests.filter((r) => r.path.includes('workspace/mkdirs'))).toHaveLength(1);
});

test('without workspace folders the missing parent is the server’s error, named', async () => {
  await expect(client(false).getOrCreateExperiment('/Shared/other/evaluation')).rejects.toThrow('create experiment /Shared/other/evaluation: RESOURCE_DOES_NOT_EXIST: Parent directory /Shared/other does not exist.');
});

test('artifacts in DBFS are not uploaded: a warning, not a failed record; downloads find nothing', async () => {
  const logger = memoryLogger();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'agent-release-tracking-'));
  try {
    const file = path.join(dir, 'summary.json');
    await writeFile(file, '{}');
    const run = { info: { run_id: 'r1', run_name: 'eval', experiment_id: '1', status: 'RUNNING', artifact_uri: 'dbfs:/databricks/mlflow-tracking/1/r1/artifacts' } } as Run;
    const before = server.requests.length;
    await client(true, logger).uploadArtifact(run, 'summary.json', file);
    expect(await client(true, logger).downloadArtifact(run, 'summary.json', path.join(dir, 'copy.json'))).toBe(false);
    expect(server.requests.length).toBe(before);
    expect(logger.lines).toContain(
      'warn: tracking: run r1 keeps its artifacts at dbfs:/databricks/mlflow-tracking/1/r1/artifacts, which agent-release cannot write to yet; summary.json is not attached to the run (the metrics, params, tags and dataset input are)',
    );
    // An open-source server that does not proxy artifacts is a configuration to fix, not something to skip.
    await expect(client(false).uploadArtifact(run, 'summary.json', file)).rejects.toThrow('which the tracking server does not proxy; start it with --serve-artifacts');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
