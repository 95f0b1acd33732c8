import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { resultSchema } from '../../src/contract/results';
import { InputError, RemoteError } from '../../src/errors';
import { evaluate } from '../../src/modes/evaluate';
import { LocalRegistry } from '../../src/registry/local';
import { startAgent, type AgentServer } from '../support/agent-server';
import { contextOf } from '../support/context';
import { goldenJsonl, makeWorkspace, type Workspace } from '../support/workspace';

let ws: Workspace;
let agent: AgentServer | undefined;
beforeEach(async () => {
  ws = await makeWorkspace();
  await ws.write('golden.jsonl', goldenJsonl);
});
afterEach(async () => {
  await agent?.close();
  agent = undefined;
  await ws.cleanup();
});

function config(endpoint = '', concurrency = 2): string {
  return `version: 1
model: { name: support-agent }
evaluate:
  dataset: { path: golden.jsonl }
  endpoint: { url: "{{source}}/v1/chat/completions", timeout: 2s, retries: 2${endpoint} }
  concurrency: ${concurrency}
  scorers: [{ type: contains }]
`;
}

async function withAgent(reply: Parameters<typeof startAgent>[0]): Promise<AgentServer> {
  agent = await startAgent(reply);
  await new LocalRegistry(ws.registryFile).registerVersion('support-agent', agent.url, {});
  return agent;
}

const versionDir = (file: string): string => path.join(ws.dir, '.agent-release/support-agent/v1', file);

async function rows(file: string) {
  return (await readFile(file, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => resultSchema.parse(JSON.parse(line)));
}

const manyRows = (n: number): string => Array.from({ length: n }, (_, i) => JSON.stringify({ id: `q${i}`, input: `question ${i}`, expected: `question ${i}` })).join('\n');

describe('the dataset is checked whole before the first request', () => {
  it.each([
    ['a malformed last line', `${manyRows(300)}\n{"id":"last", input}\n`, 'golden.jsonl:301: dataset line is not valid JSON'],
    ['a duplicate id on the last line', `${manyRows(300)}\n{"id":"q7","input":"again"}\n`, 'golden.jsonl:301: id "q7" appears twice (lines 8 and 301); example ids must be unique'],
    ['a line of only a no-break space (once skipped by the reader but counted by the scan)', `${manyRows(2)}\n\u00a0\n`, 'golden.jsonl:3: dataset line is not valid JSON'],
    ['an expected answer no text compares with', `${manyRows(2)}\n{"id":"x","input":"q","expected":{"a":1}}\n`, 'golden.jsonl:3: field "expected" (scorer contains) is {"a":1}; write the expected answer as text or a list of texts, or leave the field out to skip the row'],
    ['an empty expected answer, which every answer contains', `${manyRows(2)}\n{"id":"x","input":"q","expected":""}\n`, 'golden.jsonl:3: field "expected" (scorer contains) is empty, which every answer contains;'],
    ['a last line without the input field', `${manyRows(300)}\n{"id":"last","question":"x"}\n`, 'golden.jsonl:301: missing field "input" (the input column)'],
  ])('refuses %s without sending anything', async (_name, content, message) => {
    await ws.write('golden.jsonl', content);
    const server = await withAgent((q) => ({ text: q }));
    const { ctx } = contextOf(config(), ws.dir);
    const run = evaluate(ctx, { modelVersion: '1' });
    await expect(run).rejects.toThrow(InputError);
    await expect(run).rejects.toThrow(message);
    expect(server.requests).toBe(0);
  });

  it('refuses a Latin-1 dataset by line instead of sending U+FFFD to the agent', async () => {
    const latin1 = Buffer.concat([Buffer.from(`${manyRows(5)}\n`), Buffer.from('{"id":"fr","input":"Où est mon colis ?"}\n', 'latin1')]);
    await writeFile(path.join(ws.dir, 'golden.jsonl'), latin1);
    const server = await withAgent((q) => ({ text: q }));
    const { ctx } = contextOf(config(), ws.dir);
    await expect(evaluate(ctx, { modelVersion: '1' })).rejects.toThrow(/golden\.jsonl:6: dataset is not valid UTF-8 \(byte 0xF9 at character 22\)/);
    expect(server.requests).toBe(0);
  });

  it('reads a dataset saved with a byte order mark', async () => {
    await writeFile(path.join(ws.dir, 'golden.jsonl'), `\ufeff${goldenJsonl}`);
    await withAgent((q) => ({ text: q }));
    const { ctx } = contextOf(config(), ws.dir);
    const result = await evaluate(ctx, { modelVersion: '1' });
    expect(result.dataset.rows).toBe(4);
    expect((await rows(versionDir('results.jsonl'))).map((r) => r.id).sort()).toEqual(['cancel', 'password', 'refund', 'shipping']);
  });
});

describe('when no example is answered', () => {
  it('keeps the partial results and names the distinct errors with their attempts and counts', async () => {
    await withAgent((q) => (q.includes('password') ? { status: 400, body: '{"error":"bad request"}' } : { status: 500, body: '<!DOCTYPE html><html><body>Internal error</body></html>' }));
    const { ctx } = contextOf(config(), ws.dir);
    const error = (await evaluate(ctx, { modelVersion: '1' }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(RemoteError);
    expect(error.message).toContain('did not answer any of the 4 examples');
    expect(error.message).toContain('"agent endpoint: gave up after 3 attempts: HTTP 500: (HTML error page)" (×3)');
    expect(error.message).toContain('"agent endpoint: HTTP 400: {"error":"bad request"} (1 attempt, not retried)" (×1)');
    const partial = versionDir('results.jsonl.partial');
    expect(error.message).toContain(partial);
    const kept = await rows(partial);
    expect(kept.map((r) => r.id).sort()).toEqual(['cancel', 'password', 'refund', 'shipping']);
    expect(kept.every((r) => r.error !== undefined)).toBe(true);
  });
});

describe('evaluate.endpoint.max_response_size', () => {
  it('records an answer past the cap as that example’s error, without retrying it, and scores the rest', async () => {
    const server = await withAgent((q) => (q.includes('refund') ? { text: 'x'.repeat(3 * 2 ** 20) } : { text: q }));
    const { ctx } = contextOf(config(', max_response_size: 1MiB'), ws.dir);
    const result = await evaluate(ctx, { modelVersion: '1' });
    expect(result.errors).toBe(1);
    const refund = (await rows(versionDir('results.jsonl'))).find((r) => r.id === 'refund');
    expect(refund).toMatchObject({ outputs: null, scores: { contains: null } });
    expect(refund?.error).toBe('agent endpoint: answered HTTP 200 with a body larger than 1 MiB; reading stopped there; raise evaluate.endpoint.max_response_size if answers this long are expected');
    expect(server.requests).toBe(4);
    expect(result.metrics['contains/mean']).toMatchObject({ value: 1, n: 3 });
  });
});
