import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { systemClock } from '../../src/clock';
import { InputError } from '../../src/errors';
import { runMode } from '../../src/modes';
import type { ShadowResult } from '../../src/modes/shadow';
import { MlflowRegistry, ossMlflowRest } from '../../src/registry/mlflow';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startAgent } from '../support/agent-server';
import { contextOf } from '../support/context';
import { makeWorkspace } from '../support/workspace';
import { readTraceRequests } from '../../src/shadow/traces';
import { installMlflow, mlflowStartTimeoutMs } from '../support/mlflow-server';
import { uniqueName, workerMlflowServer, type WorkerMlflowServer } from '../support/mlflow-worker';

// Production traces written by MLflow's own Python client into a real server, then read back
// through the REST API the way shadow replay reads them.
let server: WorkerMlflowServer;
let startedAt: number;
const experiment = uniqueName('support-agent-production');

beforeAll(async () => {
  server = await workerMlflowServer();
  const python = path.join(path.dirname(await installMlflow()), 'python');
  startedAt = Date.now();
  const script = `
import mlflow
mlflow.set_tracking_uri(${JSON.stringify(server.url)})
mlflow.set_experiment(${JSON.stringify(experiment)})
for i in range(40):
    with mlflow.start_span(name="agent") as span:
        # A long request: the trace metadata would keep only a 250-character preview of it.
        span.set_inputs({"messages": [{"role": "user", "content": f"question {i} " + "x" * 400}], "max_tokens": 64})
        with mlflow.start_span(name="retriever") as child:
            child.set_inputs({"query": "not the request"})
        span.set_outputs({"choices": [{"message": {"role": "assistant", "content": f"answer {i}"}}]})
for i in range(3):
    try:
        with mlflow.start_span(name="agent") as span:
            span.set_inputs({"messages": [{"role": "user", "content": "failed"}]})
            raise RuntimeError("boom")
    except RuntimeError:
        pass
`;
  await promisify(execFile)(python, ['-c', script], { env: { ...process.env, MLFLOW_ENABLE_ASYNC_TRACE_LOGGING: 'false' } });
}, mlflowStartTimeoutMs);

const rest = () => ossMlflowRest({ trackingUri: server.url, auth: undefined, clock: systemClock }, 'shadow.traces');

describe('recorded requests from MLflow traces', () => {
  it("reads the root span's whole inputs of the OK traces in the window, sampled with the seed", async () => {
    const window = { experiment, fromMs: startedAt - 60_000, toMs: Date.now() + 60_000, seed: 5 };
    const read = await readTraceRequests(rest(), { ...window, sample: 25 });
    expect(read.rows).toBe(40);
    expect(read.skipped).toBe(0);
    expect(read.requests).toHaveLength(25);
    const first = read.requests[0];
    expect(first?.id).toMatch(/^tr-/);
    expect(first?.body).toMatchObject({ max_tokens: 64, messages: [{ role: 'user' }] });
    expect(((first?.body.messages as { content: string }[])[0]?.content ?? '').length).toBeGreaterThan(400);
    expect(JSON.stringify(read.requests)).not.toContain('failed');
    expect(JSON.stringify(read.requests)).not.toContain('not the request');
    const again = await readTraceRequests(rest(), { ...window, sample: 25 });
    expect(again.requests.map((r) => r.id)).toEqual(read.requests.map((r) => r.id));
  });

  it('refuses an empty window, saying which', async () => {
    const later = Date.now() + 3_600_000;
    await expect(readTraceRequests(rest(), { experiment, fromMs: later, toMs: later + 60_000, sample: 10, seed: 1 })).rejects.toThrow(InputError);
    await expect(readTraceRequests(rest(), { experiment, fromMs: later, toMs: later + 60_000, sample: 10, seed: 1 })).rejects.toThrow(`experiment ${experiment} has no traces that ended OK between`);
  });
});

describe('shadow mode with traces as the source', () => {
  let agents: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(agents.map((a) => a.close()));
    agents = [];
  });

  it('replays the traced requests to the champion and the candidate registered in MLflow', async () => {
    // One server for both versions (registry sources must be storage URIs): /1/… answers as the champion, /2/… as the candidate.
    const versions = await serveVersions((version, q) => `${version === '2' && /question \d*[05] /.test(q) ? 'BAD' : 'GOOD'} ${q.slice(0, 12)}`);
    const judge = await startAgent((prompt) => {
      const [, a, b] = /Answer A:\n(.*)\n\nAnswer B:\n(.*)\n\nReply/s.exec(prompt) ?? [];
      return { text: `{"better": "${a?.startsWith('GOOD') === b?.startsWith('GOOD') ? 'tie' : a?.startsWith('GOOD') ? 'A' : 'B'}"}` };
    });
    agents.push(versions, judge);
    const model = uniqueName('shadow-agent');
    const registry = new MlflowRegistry({ trackingUri: server.url, auth: undefined, clock: systemClock });
    await registry.registerVersion(model, 's3://agents/support/1', {});
    await registry.registerVersion(model, 's3://agents/support/2', {});
    await registry.setAlias(model, 'champion', '1', null);
    const ws = await makeWorkspace();
    try {
      const config = `version: 1
model: { name: ${model}, registry: mlflow, tracking_uri: "${server.url}" }
evaluate:
  dataset: { path: golden.jsonl }
  endpoint: { url: "${versions.url}/{{version}}/v1/chat/completions", timeout: 5s, retries: 1 }
  scorers: [{ type: contains }]
shadow:
  requests: { mlflow_traces: { experiment: ${experiment}, window: 1h }, sample: 40 }
  judge: { url: "${judge.url}/v1/chat/completions" }
`;
      const { result } = await runMode('shadow', contextOf(config, ws.dir).ctx, { modelVersion: '2' });
      const shadow = result as ShadowResult;
      expect(shadow.requestsPath).toMatch(new RegExp(`^MLflow traces of ${experiment} from .* to `));
      // Questions 0, 5, 10, … 35: eight of the forty traced requests get a worse answer from the candidate.
      expect(shadow.measures).toMatchObject({ replayed: 40, judged: 40, counts: { candidate: 0, champion: 8, tie: 32 } });
    } finally {
      await ws.cleanup();
    }
  });
});

/** An OpenAI-compatible chat server answering as version N under /N/…. */
async function serveVersions(answer: (version: string, question: string) => string): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const version = /^\/(\d+)\//.exec(req.url ?? '')?.[1] ?? '';
      const body = JSON.parse(raw || '{}') as { messages?: { content: string }[] };
      const text = answer(version, body.messages?.at(-1)?.content ?? '');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: text } }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
