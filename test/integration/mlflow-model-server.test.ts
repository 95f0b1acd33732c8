// `mlflow models serve` from the pinned MLflow (a peer, so it lives with the integration tests;
// test/unit stays runnable without peers as `npm run test:unit`).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { resultSchema } from '../../src/contract/results';
import { evaluate } from '../../src/modes/evaluate';
import { LocalRegistry } from '../../src/registry/local';
import { contextOf } from '../support/context';
import { installMlflow, mlflowStartTimeoutMs } from '../support/mlflow-server';
import { goldenJsonl, makeWorkspace, type Workspace } from '../support/workspace';

/**
 * A real MLflow scoring server (`mlflow models serve`, from the pinned MLflow the registry tests
 * use) serving a small pyfunc model: the dataframe and inputs request shapes and the predictions
 * it answers with are MLflow's own, not our reading of them.
 */
describe('against a real MLflow model server', () => {
  let ws: Workspace;
  let child: ChildProcess | undefined;
  let url = '';
  let output = '';

  beforeAll(async () => {
    ws = await makeWorkspace();
    const mlflow = await installMlflow();
    const bin = path.dirname(mlflow);
    const model = path.join(ws.dir, 'model');
    const script = await ws.write(
      'save_model.py',
      `import sys, mlflow.pyfunc
class Echo(mlflow.pyfunc.PythonModel):
    def predict(self, context, model_input, params=None):
        out = []
        for q in model_input["input"]:
            out.append({"answer": f"About {q}", "source": "kb"} if "shipping" in q else f"About {q}")
        return out
mlflow.pyfunc.save_model(sys.argv[1], python_model=Echo())
`,
    );
    await exec(path.join(bin, 'python'), [script, model], { ...process.env, MLFLOW_TRACKING_URI: '' });
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    child = spawn(mlflow, ['models', 'serve', '-m', model, '--env-manager', 'local', '-h', '127.0.0.1', '-p', String(port)], {
      env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-4000)));
    child.stderr?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-4000)));
    await waitForPing(`${url}/ping`, 120_000, () => output);
    await new LocalRegistry(ws.registryFile).registerVersion('support-agent', url, {});
    await ws.write('golden.jsonl', goldenJsonl);
  }, mlflowStartTimeoutMs);

  afterAll(async () => {
    if (child?.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    await ws.cleanup();
  });

  it.each([
    ['dataframe_records', ''],
    ['dataframe_split', ', request: dataframe_split'],
    ['inputs', ', request: inputs'],
  ])('evaluates with %s requests, reading string and object predictions', async (_name, request) => {
    const config = `version: 1
model: { name: support-agent }
evaluate:
  dataset: { path: golden.jsonl }
  endpoint: { url: "{{source}}", format: mlflow-pyfunc, retries: 0${request} }
  concurrency: 2
  scorers: [{ type: contains }]
`;
    const result = await evaluate(contextOf(config, ws.dir).ctx, { modelVersion: '1' });
    expect(result.errors).toBe(0);
    expect(result.metrics['contains/mean']).toMatchObject({ value: 1, n: 4 });
    const rows = (await readFile(path.join(ws.dir, result.resultsPath!), 'utf8')).trim().split('\n').map((l) => resultSchema.parse(JSON.parse(l)));
    expect(rows.find((r) => r.id === 'shipping')?.outputs).toBe('About How long does shipping take?');
  });

  it('records each example the server refuses (a request shape the model cannot take) as an error, and says none was answered', async () => {
    const config = `version: 1
model: { name: support-agent }
evaluate:
  dataset: { path: golden.jsonl }
  endpoint: { url: "{{source}}", format: mlflow-pyfunc, retries: 0, request: messages }
  scorers: [{ type: contains }]
`;
    const run = evaluate(contextOf(config, ws.dir).ctx, { modelVersion: '1' });
    await expect(run).rejects.toThrow(/did not answer any of the 4 examples/);
  });
});

function exec(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${stderr}`))));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForPing(url: string, deadlineMs: number, output: () => string): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`mlflow models serve did not answer ${url} within ${deadlineMs} ms; its output:\n${output()}`);
}
