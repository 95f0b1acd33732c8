import { writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { systemClock, type Clock } from '../../src/clock';
import { resultSchema } from '../../src/contract/results';
import { readSummary } from '../../src/contract/summary';
import { ConfigError, InputError, RefusedError, RemoteError } from '../../src/errors';
import { postJson } from '../../src/evaluate/post';
import { TokenBucket } from '../../src/evaluate/rate-limit';
import { evaluate } from '../../src/modes/evaluate';
import { gate } from '../../src/modes/gate';
import { merge } from '../../src/modes/merge';
import { promote } from '../../src/modes/promote';
import { LocalRegistry } from '../../src/registry/local';
import { flakiness } from '../../src/stats';
import { chatCompletion, deadPort, startAgent, startJsonServer, type AgentServer, type JsonServer } from '../support/agent-server';
import { masker } from '../../src/compose';
import { contextOf } from '../support/context';
import { fakeClock } from '../support/fake-clock';
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

function config(extra = '', scorers = '[{ type: contains }, { type: exact_match, name: exact }, { type: latency, max_ms: 150 }]'): string {
  return `version: 1
model: { name: support-agent }
evaluate:
  dataset: { path: golden.jsonl }
  endpoint: { url: "{{source}}/v1/chat/completions", timeout: 1s, retries: 2 }
  concurrency: 2
  scorers: ${scorers}
${extra}`;
}

async function registered(source: string): Promise<void> {
  await new LocalRegistry(ws.registryFile).registerVersion('support-agent', source, {});
}

async function results(file: string) {
  return (await readFile(path.join(ws.dir, file), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => resultSchema.parse(JSON.parse(line)));
}

describe('evaluate with the dataset runner', () => {
  it('scores every example and writes the contract files', async () => {
    // Answers contain the expected word except for "cancel"; "refund" is slow.
    agent = await startAgent((q) => (q.startsWith('Cancel') ? { text: 'Please write to us.' } : q.includes('refund') ? { text: 'refund', delayMs: 250 } : { text: `About ${q}` }));
    await registered(agent.url);
    const { ctx } = contextOf(config(), ws.dir);
    const result = await evaluate(ctx, { modelVersion: '1' });
    expect(result.summaryPath).toBe('.agent-release/support-agent/v1/summary.json');
    const summary = await readSummary(path.join(ws.dir, result.summaryPath));
    expect(summary.model).toEqual({ name: 'support-agent', version: '1' });
    expect(summary.dataset).toMatchObject({ name: 'golden', rows: 4, source: 'golden.jsonl' });
    expect(summary.dataset.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(summary.metrics['contains/mean']).toMatchObject({ value: 0.75, n: 4, ci: { method: 'wilson', confidence: 0.95 } });
    expect(summary.metrics['exact/mean']).toMatchObject({ value: 0.25, n: 4 });
    expect(summary.metrics['latency/mean']).toMatchObject({ value: 0.75, n: 4 });
    expect(summary.metrics.error_rate).toMatchObject({ value: 0, n: 4 });
    const rows = await results(result.resultsPath!);
    // The server holds "refund" for 250 ms, so its latency can only be measured above that.
    expect(rows.find((r) => r.id === 'refund')?.latency_ms).toBeGreaterThanOrEqual(250);
    expect(summary.metrics['latency_ms/p50']?.value).toBeLessThan(summary.metrics['latency_ms/p95']?.value ?? 0);
    expect(rows.map((r) => r.id).sort()).toEqual(['cancel', 'password', 'refund', 'shipping']);
    expect(rows.find((r) => r.id === 'cancel')).toMatchObject({ outputs: 'Please write to us.', scores: { contains: 0, exact: 0, latency: 1 } });
    expect(rows.find((r) => r.id === 'refund')).toMatchObject({ scores: { contains: 1, exact: 1, latency: 0 } });
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    const rows = Array.from({ length: 24 }, (_, i) => JSON.stringify({ id: i, input: `q${i}`, expected: `q${i}` })).join('\n');
    await ws.write('golden.jsonl', rows);
    agent = await startAgent((q) => ({ text: q, delayMs: 20 }));
    await registered(agent.url);
    const { ctx } = contextOf(config().replace('concurrency: 2', 'concurrency: 3'), ws.dir);
    const result = await evaluate(ctx, { modelVersion: '1' });
    expect(agent.requests).toBe(24);
    expect(agent.peakInFlight).toBe(3);
    expect(result.metrics['contains/mean']?.value).toBe(1);
  });

  it('opens one connection per worker and keeps reusing it', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => JSON.stringify({ id: i, input: `q${i}`, expected: `q${i}` })).join('\n');
    await ws.write('golden.jsonl', rows);
    agent = await startAgent((q) => ({ text: q, delayMs: 5 }));
    await registered(agent.url);
    const { ctx } = contextOf(config().replace('concurrency: 2', 'concurrency: 6'), ws.dir);
    await evaluate(ctx, { modelVersion: '1' });
    expect({ requests: agent.requests, connections: agent.connections }).toEqual({ requests: 300, connections: 6 });
  });

  it('retries 429 and 5xx answers and records a persistent failure as an error, not a 0', async () => {
    // Per question, so the outcome does not depend on how concurrent requests interleave.
    const calls = new Map<string, number>();
    agent = await startAgent((q) => {
      const n = (calls.get(q) ?? 0) + 1;
      calls.set(q, n);
      if (q.includes('refund')) return n < 3 ? { status: 429, headers: { 'retry-after': '0' } } : { text: 'refund' };
      if (q.includes('password')) return { status: 500, body: '{"error":"boom"}' };
      return n === 1 ? { status: 503 } : { text: q };
    });
    await registered(agent.url);
    const { ctx } = contextOf(config(), ws.dir);
    const result = await evaluate(ctx, { modelVersion: '1' });
    expect(result.errors).toBe(1);
    const rows = await results(result.resultsPath!);
    const failed = rows.find((r) => r.id === 'password');
    expect(failed?.error).toContain('HTTP 500: {"error":"boom"}');
    expect(failed?.scores).toEqual({ contains: null, exact: null, latency: null });
    expect(result.metrics['contains/mean']?.n).toBe(3);
    expect(result.metrics.error_rate?.value).toBe(0.25);
    expect(calls.get('How do I get a refund?')).toBe(3);
    expect(calls.get('I forgot my password')).toBe(3);
    expect(calls.get('How long does shipping take?')).toBe(2);
  });

  it('marks an answer it cannot read as an error', async () => {
    agent = await startAgent((q) => (q.includes('shipping') ? { body: '{"output": "not chat"}' } : { text: q }));
    await registered(agent.url);
    const { ctx } = contextOf(config(), ws.dir);
    const result = await evaluate(ctx, { modelVersion: '1' });
    const rows = await results(result.resultsPath!);
    expect(rows.find((r) => r.id === 'shipping')?.error).toBe('agent response has no choices[0].message.content text (is evaluate.endpoint.format right?)');
    expect(result.metrics['contains/mean']).toMatchObject({ value: 1, n: 3 });
  });

  it('fails fast with a clear message when the endpoint is unreachable, and leaves no results file', async () => {
    await registered(`http://127.0.0.1:${await deadPort()}`);
    const { ctx } = contextOf(config(), ws.dir);
    const run = evaluate(ctx, { modelVersion: '1' });
    await expect(run).rejects.toThrow(RemoteError);
    await expect(run).rejects.toThrow(/agent endpoint http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions is unreachable: the first 2 requests all failed \(agent endpoint: gave up after 3 attempts: POST .*: ECONNREFUSED\)/);
    await expect(readFile(path.join(ws.dir, '.agent-release/support-agent/v1/results.jsonl'))).rejects.toThrow('ENOENT');
    await expect(readFile(path.join(ws.dir, '.agent-release/support-agent/v1/summary.json'))).rejects.toThrow('ENOENT');
  });

  it('an agent too slow on its first examples is there: they are timed-out errors, the rest are evaluated', async () => {
    let calls = 0;
    agent = await startAgent((q) => (++calls <= 2 ? { text: q, delayMs: 1_500 } : { text: q }));
    await registered(agent.url);
    const slow = config().replace('timeout: 1s, retries: 2', 'timeout: 300ms, retries: 0');
    expect(slow).toContain('timeout: 300ms');
    const result = await evaluate(contextOf(slow, ws.dir).ctx, { modelVersion: '1' });
    const rows = await results(result.resultsPath!);
    expect(rows.filter((r) => r.error?.includes('timed out after 300 ms'))).toHaveLength(2);
    expect(result.errors).toBe(2);
  });

  it.each([
    ['a line that is not JSON', '{"id":"a","input":"x"}\n{"id":"b", input}\n', 'golden.jsonl:2: dataset line is not valid JSON'],
    ['a line that is JSON but not an object', '{"id":"a","input":"x"}\n["b", "y"]\n', 'golden.jsonl:2: dataset line: (top level): expected a JSON object'],
    ['a duplicate id', '{"id":"a","input":"x"}\n{"id":"a","input":"y"}\n', 'golden.jsonl:2: id "a" appears twice (lines 1 and 2); example ids must be unique'],
    ['a missing input column', '{"id":"a","question":"x"}\n', 'golden.jsonl:1: missing field "input" (the input column); fields present: id, question. Set evaluate.dataset.columns.input to the right field'],
    ['an input of the wrong shape', '{"id":"a","input":42}\n', 'golden.jsonl:1: field "input" must be a string, a list of {role, content} messages, or {messages: [...]}'],
    ['an empty file', '\n  \n', 'is empty; it needs one JSON object per line'],
    [
      'a line nested past the stack (an expected answer this deep once overflowed while scoring)',
      `{"id":"a","input":"x","expected":"x"}\n{"id":"b","input":"y","expected":${'['.repeat(200_000)}${']'.repeat(200_000)}}\n`,
      'golden.jsonl:2: dataset line nests objects and arrays more than 64 levels deep (a handful is normal); the line is likely damaged',
    ],
  ])('refuses %s by file and line, and records nothing', async (_name, content, message) => {
    await ws.write('golden.jsonl', content);
    agent = await startAgent();
    await registered(agent.url);
    const { ctx } = contextOf(config(), ws.dir);
    const run = evaluate(ctx, { modelVersion: '1' });
    await expect(run).rejects.toThrow(InputError);
    await expect(run).rejects.toThrow(message);
    // Not even the version's folder: a refused dataset leaves nothing behind.
    await expect(readdir(path.join(ws.dir, '.agent-release/support-agent/v1'))).rejects.toThrow('ENOENT');
  });

  it.each([
    ['an expected answer edited', (rows: string[]) => rows.map((row, i) => (i === rows.length - 1 ? row.replace('"expected":"x"', '"expected":"y"') : row))],
    ['the last id made a duplicate of the first', (rows: string[]) => rows.map((row, i) => (i === rows.length - 1 ? row.replace(`"id":"r${i}"`, '"id":"r0"') : row))],
  ])('refuses a dataset rewritten while it is evaluated, the rows as many as before (%s), and records nothing', async (_name, edit) => {
    // 800 KB: the run's read is still in its first 256 KB chunk when the first answer comes.
    const rows = Array.from({ length: 800 }, (_, i) => `{"id":"r${i}","input":"question ${i} ${'.'.repeat(1_000)}","expected":"x"}`);
    await ws.write('golden.jsonl', `${rows.join('\n')}\n`);
    agent = await startAgent((q, n) => {
      if (n === 1) writeFileSync(path.join(ws.dir, 'golden.jsonl'), `${edit(rows).join('\n')}\n`);
      return { text: `x ${q}` };
    });
    await registered(agent.url);
    const { ctx } = contextOf(config('', '[{ type: contains }]').replace('concurrency: 2', 'concurrency: 1'), ws.dir);
    const run = evaluate(ctx, { modelVersion: '1' });
    await expect(run).rejects.toThrow(InputError);
    await expect(run).rejects.toThrow(/^golden\.jsonl changed while it was being evaluated \(sha256:[0-9a-f]{64} before, sha256:[0-9a-f]{64} read\); nothing was recorded/);
    expect(await readdir(path.join(ws.dir, '.agent-release/support-agent/v1'))).toEqual([]);
  });

  it('refuses a CSV dataset rewritten while it is evaluated, the rows as many as before, and records nothing', async () => {
    const rows = Array.from({ length: 800 }, (_, i) => `r${i},question ${i} ${'.'.repeat(1_000)},x`);
    const csv = (body: string[]): string => `id,input,expected\n${body.join('\n')}\n`;
    await ws.write('golden.csv', csv(rows));
    agent = await startAgent((q, n) => {
      if (n === 1) writeFileSync(path.join(ws.dir, 'golden.csv'), csv(rows.map((row, i) => (i === rows.length - 1 ? row.replace(/,x$/, ',y') : row))));
      return { text: `x ${q}` };
    });
    await registered(agent.url);
    const text = config('', '[{ type: contains }]').replace('concurrency: 2', 'concurrency: 1').replace('path: golden.jsonl', 'path: golden.csv');
    const run = evaluate(contextOf(text, ws.dir).ctx, { modelVersion: '1' });
    await expect(run).rejects.toThrow(/^golden\.csv changed while it was being evaluated \(sha256:[0-9a-f]{64} before, sha256:[0-9a-f]{64} read\); nothing was recorded/);
    expect(await readdir(path.join(ws.dir, '.agent-release/support-agent/v1'))).toEqual([]);
  });

  it('maps columns and takes chat messages as input', async () => {
    await ws.write('golden.jsonl', '{"qid": 7, "conversation": [{"role": "system", "content": "be brief"}, {"role": "user", "content": "refund?"}], "answer": "refund"}\n');
    agent = await startAgent((q) => ({ text: `${q} yes` }));
    await registered(agent.url);
    const text = config('', '[{ type: contains }]').replace('dataset: { path: golden.jsonl }', 'dataset: { path: golden.jsonl, columns: { id: qid, input: conversation, expected: answer } }');
    const { ctx } = contextOf(text, ws.dir);
    const result = await evaluate(ctx, { modelVersion: '1' });
    expect(agent.bodies[0]).toEqual({ messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: 'refund?' }] });
    expect((await results(result.resultsPath!))[0]).toMatchObject({ id: '7', scores: { contains: 1 } });
  });

  it('in a dry run sends nothing and writes nothing', async () => {
    agent = await startAgent();
    await registered(agent.url);
    const { ctx } = contextOf(config(), ws.dir, { dryRun: true });
    const result = await evaluate(ctx, { modelVersion: '1' });
    expect(result.dataset.rows).toBe(4);
    expect(agent.requests).toBe(0);
    await expect(readFile(path.join(ws.dir, result.summaryPath))).rejects.toThrow('ENOENT');
  });

  it('in a dry run refuses the dataset a real run would refuse, naming the line', async () => {
    agent = await startAgent();
    await registered(agent.url);
    await ws.write('golden.jsonl', `${goldenJsonl.trimEnd()}\n{"id": "broken", "input": }\n`);
    const { ctx } = contextOf(config(), ws.dir, { dryRun: true });
    await expect(evaluate(ctx, { modelVersion: '1' })).rejects.toThrow(/golden\.jsonl:5: /);
    expect(agent.requests).toBe(0);
  });
});

describe('repeat: k', () => {
  it('runs every example k times, one row per run with its index, metrics over all runs', async () => {
    // "password" passes on every other call: a flaky example; the rest always pass.
    let passwordCalls = 0;
    agent = await startAgent((q) => (q.includes('password') ? { text: ++passwordCalls % 2 === 1 ? 'password reset' : 'no idea' } : { text: q }));
    await registered(agent.url);
    const { ctx } = contextOf(config('  repeat: 4\n', '[{ type: contains }]'), ws.dir);
    const result = await evaluate(ctx, { modelVersion: '1' });
    expect(agent.requests).toBe(16);
    expect(result.dataset.rows).toBe(4);
    expect(result.metrics['contains/mean']).toMatchObject({ value: 14 / 16, n: 16 });
    expect(result.metrics.error_rate).toMatchObject({ value: 0, n: 16 });
    const rows = await results(result.resultsPath!);
    expect(rows).toHaveLength(16);
    for (const id of ['refund', 'shipping', 'password', 'cancel']) {
      expect(rows.filter((r) => r.id === id).map((r) => r.repeat).sort()).toEqual([1, 2, 3, 4]);
    }
    const report = flakiness(rows.map((r) => ({ id: r.id, passed: r.scores.contains === 1 })));
    expect(report.k).toBe(4);
    expect(report.flakiest.map((e) => [e.id, e.passRate])).toEqual([['password', 0.5]]);
  });

  it('writes no repeat field with the default of one run', async () => {
    agent = await startAgent();
    await registered(agent.url);
    const result = await evaluate(contextOf(config('', '[{ type: contains }]'), ws.dir).ctx, { modelVersion: '1' });
    expect((await results(result.resultsPath!)).every((r) => r.repeat === undefined)).toBe(true);
  });

  it('merges repeated shards: k rows per id are runs, not duplicates', async () => {
    agent = await startAgent((q) => ({ text: q }));
    await registered(agent.url);
    const text = config('  repeat: 3\n', '[{ type: contains }]');
    for (const shard of ['1/2', '2/2']) await evaluate(contextOf(text, ws.dir).ctx, { modelVersion: '1', shard });
    const merged = await merge(contextOf(text, ws.dir).ctx, { modelVersion: '1' });
    expect(merged.metrics['contains/mean']).toMatchObject({ value: 1, n: 12 });
    expect(await results(merged.resultsPath)).toHaveLength(12);
  });

  it.each([
    ['repeat: 0', '  repeat: 0\n', 'evaluate.repeat'],
    ['requests_per_second: 0', '  requests_per_second: 0\n', 'evaluate.requests_per_second: requests_per_second must be above 0 (leave it out for no limit)'],
  ])('refuses %s', (_name, extra, message) => {
    expect(() => contextOf(config(extra), ws.dir)).toThrow(ConfigError);
    expect(() => contextOf(config(extra), ws.dir)).toThrow(message);
  });
});

describe('requests_per_second', () => {
  let server: JsonServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('spaces the requests the agent receives, whatever the concurrency', async () => {
    const rows = Array.from({ length: 6 }, (_, i) => JSON.stringify({ id: i, input: `q${i}`, expected: `q${i}` })).join('\n');
    await ws.write('golden.jsonl', rows);
    server = await startJsonServer((req) => ({ json: chatCompletion(String((req.body as { messages: { content: string }[] }).messages[0]?.content)) }));
    await registered(server.url);
    const { ctx } = contextOf(config('  requests_per_second: 10\n', '[{ type: contains }]').replace('concurrency: 2', 'concurrency: 6'), ws.dir);
    const result = await evaluate(ctx, { modelVersion: '1' });
    expect(result.metrics['contains/mean']).toMatchObject({ value: 1, n: 6 });
    // Six requests at 10/s cannot arrive in less than 5 × 100 ms; the bound is generous for slow machines.
    const times = server.requests.map((r) => r.at).sort((a, b) => a - b);
    expect((times.at(-1) ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(350);
  });
});

/** A clock that stands still: sleeps are recorded, not waited, and time does not move. */
function frozenClock(): Clock & { sleeps: number[]; advance(ms: number): void } {
  let now = 1_700_000_000_000;
  const sleeps: number[] = [];
  return { sleeps, now: () => now, sleep: async (ms) => void sleeps.push(ms), advance: (ms) => (now += ms) };
}

describe('the token bucket', () => {
  it('lets the first request go and spaces the rest by 1/rate', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(4, clock);
    for (let i = 0; i < 4; i++) await bucket.take();
    expect(clock.sleeps).toEqual([250, 250, 250]);
  });

  it('queues concurrent callers in arrival order, each a slot later', async () => {
    const clock = frozenClock();
    const bucket = new TokenBucket(2, clock);
    expect(await Promise.all([bucket.take(), bucket.take(), bucket.take(), bucket.take()])).toEqual([0, 500, 1000, 1500]);
  });

  it('refills while idle up to its burst, and no further', async () => {
    const clock = frozenClock();
    const bucket = new TokenBucket(1, clock, 3);
    for (let i = 0; i < 3; i++) await bucket.take();
    clock.advance(60_000);
    const waits = [];
    for (let i = 0; i < 5; i++) waits.push(await bucket.take());
    expect(waits).toEqual([0, 0, 0, 1000, 2000]);
  });

  it('allows fractional rates', async () => {
    const clock = frozenClock();
    const bucket = new TokenBucket(0.5, clock);
    expect([await bucket.take(), await bucket.take()]).toEqual([0, 2000]);
  });

  it('stops waiting when aborted', async () => {
    const bucket = new TokenBucket(0.001, systemClock);
    await bucket.take();
    const abort = new AbortController();
    const waiting = bucket.take(abort.signal);
    abort.abort(new Error('stopped'));
    await expect(waiting).rejects.toThrow('stopped');
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('refuses a rate of %d', (rate) => {
    expect(() => new TokenBucket(rate, systemClock)).toThrow(RangeError);
  });

  it('is taken again for every retry, so retries count against the limit', async () => {
    let calls = 0;
    const server = await startJsonServer(() => (++calls === 1 ? { status: 503 } : { json: { ok: true } }));
    try {
      const clock = fakeClock();
      const bucket = new TokenBucket(1, clock);
      const answer = await postJson({ url: server.url, headers: {}, timeoutMs: 2000, retries: 2 }, {}, 'agent endpoint', { clock, limiter: bucket, random: () => 0 });
      expect(answer.json).toEqual({ ok: true });
      // The retry's backoff (0 with this jitter) and then the bucket's one-second slot.
      expect(clock.sleeps).toEqual([0, 1000]);
    } finally {
      await server.close();
    }
  });
});

describe('a new evaluation of a version the gate decided on', () => {
  const gated = config('gate: { thresholds: { contains/mean: { min: 0.5 } } }\npromote: { alias: champion }\n');
  const decisionOf = async (version: string) => JSON.parse(await readFile(path.join(ws.dir, `.agent-release/support-agent/v${version}/decision.json`), 'utf8'));
  const tagOf = async (version: string) => (await new LocalRegistry(ws.registryFile).getVersion('support-agent', version))?.tags['agent_release.gate.decision'];

  it('withdraws the decision, so promote refuses until the gate runs on the new evaluation', async () => {
    agent = await startAgent((q) => ({ text: `About ${q}` }));
    await registered(agent.url);
    const { ctx, logger } = contextOf(gated, ws.dir);
    await evaluate(ctx, { modelVersion: '1' });
    expect((await gate(ctx, { modelVersion: '1' })).decision).toBe('pass');

    await evaluate(ctx, { modelVersion: '1' });
    expect(await tagOf('1')).toBe('error');
    const withdrawn = await decisionOf('1');
    expect(withdrawn.decision).toBe('error');
    expect(withdrawn.rules[0].reason).toMatch(/^support-agent version 1 was evaluated again at .*; the gate decision on its earlier evaluation \(pass\) is withdrawn until the gate runs on the new one$/);
    expect(logger.lines.join('\n')).toContain('support-agent version 1 had gate decision pass on its earlier evaluation; it is withdrawn');
    await expect(promote(ctx, { modelVersion: '1' })).rejects.toThrow(RefusedError);

    expect((await gate(ctx, { modelVersion: '1' })).decision).toBe('pass');
    await expect(promote(ctx, { modelVersion: '1' })).resolves.toMatchObject({ mode: 'promote' });
  });

  it('writes no decision for a version never gated, and keeps the decision when the new evaluation does not complete', async () => {
    agent = await startAgent((q) => ({ text: `About ${q}` }));
    await registered(agent.url);
    const { ctx } = contextOf(gated, ws.dir);
    await evaluate(ctx, { modelVersion: '1' });
    await expect(readFile(path.join(ws.dir, '.agent-release/support-agent/v1/decision.json'))).rejects.toThrow(/ENOENT/);
    expect(await tagOf('1')).toBeUndefined();

    await gate(ctx, { modelVersion: '1' });
    await agent.close();
    agent = undefined;
    await expect(evaluate(ctx, { modelVersion: '1' })).rejects.toThrow(RemoteError);
    expect(await tagOf('1')).toBe('pass');
    expect((await decisionOf('1')).decision).toBe('pass');
  });

  it('an evaluator of your own (runner: command) withdraws it too', async () => {
    agent = await startAgent((q) => ({ text: `About ${q}` }));
    await registered(agent.url);
    const { ctx } = contextOf(gated, ws.dir);
    await evaluate(ctx, { modelVersion: '1' });
    await gate(ctx, { modelVersion: '1' });
    // The evaluator hands back the evaluation it is given: the same numbers, but a new evaluation all the same.
    await ws.write('kept-summary.json', await readFile(path.join(ws.dir, '.agent-release/support-agent/v1/summary.json'), 'utf8'));
    await ws.write('kept-results.jsonl', await readFile(path.join(ws.dir, '.agent-release/support-agent/v1/results.jsonl'), 'utf8'));
    await ws.write('evaluator.mjs', "import { copyFileSync } from 'node:fs'; copyFileSync('kept-summary.json', process.env.AGENT_RELEASE_SUMMARY_PATH); copyFileSync('kept-results.jsonl', process.env.AGENT_RELEASE_RESULTS_PATH);\n");
    const external = `version: 1\nmodel: { name: support-agent }\nevaluate:\n  runner: command\n  command: { run: ["${process.execPath}", evaluator.mjs] }\ngate: { thresholds: { contains/mean: { min: 0.5 } } }\n`;
    await evaluate(contextOf(external, ws.dir).ctx, { modelVersion: '1' });
    expect(await tagOf('1')).toBe('error');
  });

  it('an evaluator of your own that cannot start (not found, not executable) leaves it, and the evaluation it was decided on', async () => {
    agent = await startAgent((q) => ({ text: `About ${q}` }));
    await registered(agent.url);
    const { ctx } = contextOf(gated, ws.dir);
    await evaluate(ctx, { modelVersion: '1' });
    await gate(ctx, { modelVersion: '1' });
    const summary = await readFile(path.join(ws.dir, '.agent-release/support-agent/v1/summary.json'), 'utf8');
    await ws.write('eval/not-executable.sh', '#!/bin/sh\n');
    for (const [run, problem] of [
      ['./eval/missing.sh', `evaluate.command.run: ./eval/missing.sh not found (from ${ws.dir})`],
      ['./eval/not-executable.sh', `evaluate.command.run: ${path.join(ws.dir, 'eval/not-executable.sh')} is not executable; chmod +x it`],
      ['no-such-evaluator-program', 'evaluate.command.run: no-such-evaluator-program is not on PATH'],
    ]) {
      const external = `version: 1\nmodel: { name: support-agent }\nevaluate:\n  runner: command\n  command: { run: [${run}] }\ngate: { thresholds: { contains/mean: { min: 0.5 } } }\n`;
      await expect(evaluate(contextOf(external, ws.dir).ctx, { modelVersion: '1' })).rejects.toThrow(problem);
    }
    expect(await tagOf('1')).toBe('pass');
    expect(await readFile(path.join(ws.dir, '.agent-release/support-agent/v1/summary.json'), 'utf8')).toBe(summary);
  });

  it("a pull request's evaluation leaves it: it previews a change to a version that may be released", async () => {
    agent = await startAgent((q) => ({ text: `About ${q}` }));
    await registered(agent.url);
    const { ctx } = contextOf(gated, ws.dir);
    await evaluate(ctx, { modelVersion: '1' });
    await gate(ctx, { modelVersion: '1' });
    const onPullRequest = contextOf(gated, ws.dir);
    const prCtx = { ...onPullRequest.ctx, run: { ...onPullRequest.ctx.run, pullRequest: true } };
    await evaluate(prCtx, { modelVersion: '1' });
    expect(await tagOf('1')).toBe('pass');
    expect(onPullRequest.logger.lines).toContain("info: a pull-request evaluation previews a change: support-agent version 1's gate decision (pass) and its evaluation of record stay as they are");
    await expect(promote(ctx, { modelVersion: '1' })).resolves.toMatchObject({ changed: true });
  });

  it('promoting the version that already holds the alias moves nothing, so it needs no standing decision, and says the decision was withdrawn', async () => {
    agent = await startAgent((q) => ({ text: `About ${q}` }));
    await registered(agent.url);
    const { ctx, logger } = contextOf(gated, ws.dir);
    await evaluate(ctx, { modelVersion: '1' });
    await gate(ctx, { modelVersion: '1' });
    await promote(ctx, { modelVersion: '1' });
    await evaluate(ctx, { modelVersion: '1' });
    expect(await tagOf('1')).toBe('error');
    await expect(promote(ctx, { modelVersion: '1' })).resolves.toMatchObject({ changed: false });
    expect(logger.lines).toContain(
      'warn: support-agent version 1 holds @champion from an earlier promotion, but its gate decision is now error; run the gate on its current evaluation, or roll it back if it should not serve',
    );
  });

  it('a dry run and a shard leave the decision; the merge of the shards withdraws it', async () => {
    agent = await startAgent((q) => ({ text: `About ${q}` }));
    await registered(agent.url);
    const { ctx } = contextOf(gated, ws.dir);
    await evaluate(ctx, { modelVersion: '1' });
    await gate(ctx, { modelVersion: '1' });
    await evaluate(contextOf(gated, ws.dir, { dryRun: true }).ctx, { modelVersion: '1' });
    await evaluate(ctx, { modelVersion: '1', shard: '1/2' });
    await evaluate(ctx, { modelVersion: '1', shard: '2/2' });
    expect(await tagOf('1')).toBe('pass');
    await merge(ctx, { modelVersion: '1' });
    expect(await tagOf('1')).toBe('error');
  });
});

describe('results.jsonl and credentials', () => {
  const withHeader = (key: string) =>
    config().replace('endpoint: { url: "{{source}}/v1/chat/completions",', 'endpoint: { url: "{{source}}/v1/chat/completions", headers: { authorization: "Bearer ${AGENT_KEY}" },') + `# ${key}\n`;

  it.each([
    ['a key', 'key-0123456789'],
    // A secret that spells a field's name: the row must keep its fields.
    ['a key that spells a field of the row', 'latency_ms'],
  ])('an answer quoting %s is written with the key masked, and the row stays whole', async (_name, key) => {
    agent = await startAgent((q) => ({ text: `About ${q} (you sent Bearer ${key})` }));
    await registered(agent.url);
    const { ctx } = contextOf(withHeader(key), ws.dir, { env: { AGENT_KEY: key } });
    const result = await evaluate({ ...ctx, mask: masker(ctx.loaded.secrets) }, { modelVersion: '1' });
    const text = await readFile(path.join(ws.dir, result.resultsPath!), 'utf8');
    expect(text).not.toContain(`Bearer ${key}`);
    const rows = await results(result.resultsPath!);
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(row.outputs).toMatch(/ \(you sent Bearer \*\*\*\)$/);
  });
});
