import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { resultSchema } from '../../src/contract/results';
import { readSummary } from '../../src/contract/summary';
import { InputError, UsageError } from '../../src/errors';
import { fileDigest, inShard, parseShard, shardRows } from '../../src/evaluate/shard';
import { evaluate } from '../../src/modes/evaluate';
import { LocalRegistry } from '../../src/registry/local';
import { startAgent, type AgentServer } from '../support/agent-server';
import { contextOf } from '../support/context';
import { makeWorkspace, type Workspace } from '../support/workspace';

let ws: Workspace;
let agent: AgentServer | undefined;
const ten = Array.from({ length: 10 }, (_, i) => JSON.stringify({ id: `q${i}`, input: `question ${i}`, expected: `answer-${i}` }));

beforeEach(async () => {
  ws = await makeWorkspace();
  // Blank lines do not count as rows, so they cannot shift which shard an example lands in.
  await ws.write('golden.jsonl', `${ten.slice(0, 5).join('\n')}\n\n${ten.slice(5).join('\n')}\n`);
});
afterEach(async () => {
  await agent?.close();
  agent = undefined;
  await ws.cleanup();
});

const config = `version: 1
model: { name: support-agent }
evaluate:
  dataset: { path: golden.jsonl }
  endpoint: { url: "{{source}}/v1/chat/completions", timeout: 2s, retries: 0 }
  concurrency: 3
  scorers: [{ type: contains }]
`;

async function registered(source: string): Promise<void> {
  await new LocalRegistry(ws.registryFile).registerVersion('support-agent', source, {});
}

async function ids(file: string): Promise<string[]> {
  const text = await readFile(path.join(ws.dir, file), 'utf8');
  return text
    .trim()
    .split('\n')
    .map((line) => resultSchema.parse(JSON.parse(line)).id)
    .sort();
}

describe('shard input', () => {
  it.each([
    ['1/1', { index: 1, count: 1 }],
    ['2/4', { index: 2, count: 4 }],
    [' 4/4 ', { index: 4, count: 4 }],
    ['', null],
    [undefined, null],
  ])('reads %j', (text, shard) => {
    expect(parseShard(text)).toEqual(shard);
  });

  const form = 'i/n with 1 ≤ i ≤ n (e.g. 2/4: the second of four slices; in a matrix, shard: ${{ matrix.shard }}/4)';
  it.each([
    ['2', `shard "2" is not of the form ${form}`],
    ['a/b', `shard "a/b" is not of the form ${form}`],
    ['1/2/3', `shard "1/2/3" is not of the form ${form}`],
    ['1.5/3', `shard "1.5/3" is not of the form ${form}`],
    ['-1/3', `shard "-1/3" is not of the form ${form}`],
    ['1 of 3', `shard "1 of 3" is not of the form ${form}`],
    ['0/3', `shard "0/3" is out of range: expected ${form}`],
    ['4/3', `shard "4/3" is out of range: expected ${form}`],
    ['1/0', `shard "1/0" is out of range: expected ${form}`],
    ['99999999999999999999/99999999999999999999', `shard "99999999999999999999/99999999999999999999" is out of range: expected ${form}`],
  ])('refuses %j with the expected form', (text, message) => {
    expect(() => parseShard(text)).toThrow(UsageError);
    expect(() => parseShard(text)).toThrow(message);
  });

  it('puts every row in exactly one shard, and the sizes add up', () => {
    for (const rows of [1, 2, 7, 10, 101]) {
      for (const count of [1, 2, 3, 7, 10]) {
        const shards = Array.from({ length: count }, (_, i) => ({ index: i + 1, count }));
        for (let k = 0; k < rows; k++) expect(shards.filter((s) => inShard(s, k))).toHaveLength(1);
        for (const s of shards) expect(shardRows(s, rows)).toBe(Array.from({ length: rows }, (_, k) => k).filter((k) => inShard(s, k)).length);
        expect(shards.reduce((sum, s) => sum + shardRows(s, rows), 0)).toBe(rows);
      }
    }
  });
});

describe('evaluate with shard: i/n', () => {
  it('evaluates only its round-robin slice and writes its own folder, recording the whole dataset', async () => {
    agent = await startAgent((q) => ({ text: q.replace('question', 'answer-').replace(' ', '') }));
    await registered(agent.url);
    const { ctx } = contextOf(config, ws.dir);
    const result = await evaluate(ctx, { modelVersion: '1', shard: '2/3' });
    expect(agent.requests).toBe(3);
    expect(result.shard).toEqual({ index: 2, count: 3, rows: 3 });
    expect(result.dataset.rows).toBe(10);
    expect(result.summaryPath).toBe('.agent-release/support-agent/v1/shard-2-of-3/summary.json');
    expect(result.resultsPath!).toBe('.agent-release/support-agent/v1/shard-2-of-3/results.jsonl');
    expect(await ids(result.resultsPath!)).toEqual(['q1', 'q4', 'q7']);
    const summary = await readSummary(path.join(ws.dir, result.summaryPath));
    expect(summary.dataset).toMatchObject({ name: 'golden', rows: 10 });
    expect(summary.shard).toEqual({ index: 2, count: 3, rows: 3, results_digest: await fileDigest(path.join(ws.dir, result.resultsPath!)), settings_digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
    expect(summary.metrics['contains/mean']).toMatchObject({ value: 1, n: 3 });
    expect(summary.metrics.error_rate).toMatchObject({ value: 0, n: 3 });
    // The unsharded files are not touched: the merge writes those.
    await expect(readFile(path.join(ws.dir, '.agent-release/support-agent/v1/summary.json'))).rejects.toThrow('ENOENT');

    const again = await evaluate(ctx, { modelVersion: '1', shard: '1/3' });
    expect(await ids(again.resultsPath!)).toEqual(['q0', 'q3', 'q6', 'q9']);
    expect((await readSummary(path.join(ws.dir, again.summaryPath))).dataset.digest).toBe(summary.dataset.digest);
  });

  it('without a shard evaluates everything, as before', async () => {
    agent = await startAgent();
    await registered(agent.url);
    const { ctx } = contextOf(config, ws.dir);
    const result = await evaluate(ctx, { modelVersion: '1', shard: '' });
    expect(result.shard).toBeNull();
    expect(agent.requests).toBe(10);
    expect((await readSummary(path.join(ws.dir, result.summaryPath))).shard).toBeUndefined();
  });

  it('refuses a bad shard before sending anything', async () => {
    agent = await startAgent();
    await registered(agent.url);
    const { ctx } = contextOf(config, ws.dir);
    const run = evaluate(ctx, { modelVersion: '1', shard: '3/2' });
    await expect(run).rejects.toThrow(UsageError);
    await expect(run).rejects.toThrow('shard "3/2" is out of range: expected i/n with 1 ≤ i ≤ n');
    expect(agent.requests).toBe(0);
  });

  it('refuses a shard that would be empty, naming the most shards the dataset allows', async () => {
    agent = await startAgent();
    await registered(agent.url);
    const { ctx } = contextOf(config, ws.dir);
    const run = evaluate(ctx, { modelVersion: '1', shard: '11/12' });
    await expect(run).rejects.toThrow(InputError);
    await expect(run).rejects.toThrow('shard 11/12 would be empty: golden.jsonl has 10 rows, so use at most 10 shards');
    expect(agent.requests).toBe(0);
  });

  it('in a dry run says which slice it would send and sends nothing', async () => {
    agent = await startAgent();
    await registered(agent.url);
    const { ctx, logger } = contextOf(config, ws.dir, { dryRun: true });
    const result = await evaluate(ctx, { modelVersion: '1', shard: '3/3' });
    expect(result.shard).toEqual({ index: 3, count: 3, rows: 3 });
    expect(agent.requests).toBe(0);
    expect(logger.lines.join('\n')).toContain('dry run: would send 3 of 10 examples (shard 3/3) to');
  });
});
