/**
 * Evaluating agents end to end through the evaluate mode against real local agent servers that
 * call tools and hold a conversation: tool-call scoring, conversations played turn by turn,
 * usage, cost and the metrics over them.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { resultSchema, type Result } from '../../src/contract/results';
import { readSummary } from '../../src/contract/summary';
import { ConfigError, InputError } from '../../src/errors';
import { evaluate } from '../../src/modes/evaluate';
import { merge } from '../../src/modes/merge';
import { LocalRegistry } from '../../src/registry/local';
import { chatCompletion, lastUserText, startAgent, startJsonServer, type JsonServer } from '../support/agent-server';
import { contextOf } from '../support/context';
import { startToolAgent, type ToolAgentOptions } from '../support/tool-agent';
import { makeWorkspace, type Workspace } from '../support/workspace';

let ws: Workspace;
let agent: JsonServer | undefined;
beforeEach(async () => {
  ws = await makeWorkspace();
});
afterEach(async () => {
  await agent?.close();
  agent = undefined;
  await ws.cleanup();
});

const endpointOf = { 'openai-chat': 'openai-chat', responses: 'responses', 'chat-agent': 'databricks' } as const;

async function run(options: ToolAgentOptions, rows: readonly Record<string, unknown>[], section: string) {
  agent = await startToolAgent(options);
  await new LocalRegistry(ws.registryFile).registerVersion('agent', agent.url, {});
  await ws.write('data.jsonl', rows.map((r) => JSON.stringify(r)).join('\n'));
  const text = `version: 1
model: { name: agent }
evaluate:
  dataset: { path: data.jsonl }
  endpoint: { url: "{{source}}", format: ${endpointOf[options.format]}, timeout: 2s, retries: 0 }
  concurrency: 4
${section}`;
  const { ctx, logger } = contextOf(text, ws.dir);
  const result = await evaluate(ctx, { modelVersion: '1' });
  const summary = await readSummary(path.join(ws.dir, result.summaryPath));
  const results = (await readFile(path.join(ws.dir, result.resultsPath!), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => resultSchema.parse(JSON.parse(line)));
  const byId = (id: string): Result => results.find((r) => r.id === id)!;
  return { summary, byId, logs: logger.lines, requests: agent.requests, text };
}

const weatherRow = (id: string, city: string) => ({ id, input: `What is the weather in ${city}?`, expected: 'sunny', expected_tool_calls: [{ name: 'get_weather', arguments: { city } }], tool_results: { get_weather: 'sunny' } });

describe('tool calls', () => {
  it.each(['openai-chat', 'responses', 'chat-agent'] as const)('%s: feeds the dataset tool results back, scores the calls and the answer', async (format) => {
    const { summary, byId, requests } = await run({ format }, [weatherRow('paris', 'Paris'), weatherRow('oslo', 'Oslo')], `  conversation: {}
  scorers:
    - { type: tool_calls }
    - { type: contains }
`);
    expect(byId('paris')).toMatchObject({ outputs: 'It is sunny in Paris.', scores: { tool_calls: 1, 'tool_calls.f1': 1, contains: 1 }, tool_calls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] });
    expect(summary.metrics['tool_calls/mean']).toMatchObject({ value: 1, n: 2 });
    expect(summary.metrics['tool_calls.precision/mean']).toMatchObject({ value: 1, n: 2 });
    // A client-side agent is asked twice per example (the call, then the answer); a server-side one once.
    expect(requests.length).toBe(format === 'chat-agent' ? 2 : 4);
    if (format === 'openai-chat') {
      const second = requests.find((r) => (r.body as { messages: unknown[] }).messages.length === 3)?.body as { messages: unknown[] };
      expect(second.messages.slice(1)).toEqual([
        { role: 'assistant', content: null, tool_calls: [{ id: expect.stringMatching(/^call_/), type: 'function', function: { name: 'get_weather', arguments: expect.stringContaining('"city"') } }] },
        // OpenAI's tool message is role, content and tool_call_id: no name.
        { role: 'tool', tool_call_id: expect.stringMatching(/^call_/), content: 'sunny' },
      ]);
    }
  });

  it('fails a forbidden or redundant call, and precision shows the redundancy', async () => {
    const { summary, byId } = await run({ format: 'openai-chat', extraCall: 'delete_account' }, [weatherRow('paris', 'Paris')], `  scorers:
    - { type: tool_calls, name: plan, mode: superset, forbidden: [delete_account] }
    - { type: tool_calls, name: budget, mode: superset, max_calls: 1 }
`);
    expect(byId('paris')).toMatchObject({
      outputs: '',
      scores: { plan: 0, budget: 0, 'plan.precision': 0.5, 'plan.recall': 1 },
      reasons: { plan: 'called forbidden tool delete_account', budget: 'made 2 calls, more than max_calls 1' },
      tool_calls: [{ name: 'get_weather', arguments: { city: 'Paris' } }, { name: 'delete_account', arguments: {} }],
    });
    expect(summary.metrics['plan/mean']?.value).toBe(0);
  });

  it('refuses malformed expected calls before the first request, naming the line', async () => {
    await expect(run({ format: 'openai-chat' }, [weatherRow('a', 'Paris'), { id: 'b', input: 'hi', expected_tool_calls: [{ tool: 'x' }] }], '  scorers: [{ type: tool_calls }]\n')).rejects.toThrow(
      /data\.jsonl:2: field "expected_tool_calls" item 1 "name": expected string/,
    );
    expect(agent?.requests.length).toBe(0);
  });
});

describe('a dataset using none of it', () => {
  it('writes the rows and metrics it always did: no tool calls, usage, cost or turns', async () => {
    const plain = await startAgent((q) => ({ text: `About ${q}` }));
    try {
      await new LocalRegistry(ws.registryFile).registerVersion('agent', plain.url, {});
      await ws.write('data.jsonl', '{"id":"a","input":"refund","expected":"refund"}\n{"id":"b","input":"x","expected":"y"}\n');
      const text = 'version: 1\nmodel: { name: agent }\nevaluate:\n  dataset: { path: data.jsonl }\n  endpoint: { url: "{{source}}/v1/chat/completions" }\n  scorers: [{ type: contains }]\n';
      const result = await evaluate(contextOf(text, ws.dir).ctx, { modelVersion: '1' });
      const rows = (await readFile(path.join(ws.dir, result.resultsPath!), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      for (const row of rows) expect(Object.keys(row).sort()).toEqual(['expected', 'id', 'inputs', 'latency_ms', 'outputs', 'scores']);
      expect(Object.keys(result.metrics).sort()).toEqual(['contains/mean', 'error_rate', 'latency_ms/mean', 'latency_ms/p50', 'latency_ms/p95', 'latency_ms/p99']);
    } finally {
      await plain.close();
    }
  });
});

describe('tool results without a conversation', () => {
  it('are said to go unused: the runner asks once and answers no call', async () => {
    const { logs, requests } = await run({ format: 'openai-chat' }, [weatherRow('oslo', 'Oslo'), { id: 'hi', input: 'my name is Bo' }], '  scorers: [{ type: tool_calls }]\n');
    expect(requests).toHaveLength(2);
    expect(logs).toContain('warn: 1 row carries tool_results, which only a conversation uses: without evaluate.conversation the runner asks once and never answers a tool call; add `conversation: {}` to evaluate');
  });
});

describe('usage some answers do not report', () => {
  it('leaves them out of tokens/* and cost/* (never 0 tokens) and says how many', async () => {
    agent = await startJsonServer((request) => {
      const question = lastUserText(request.body);
      const body = chatCompletion(question) as Record<string, unknown>;
      return { json: question.startsWith('priced') ? { ...body, model: 'm', usage: { prompt_tokens: 100, completion_tokens: 10, total_tokens: 110 } } : body };
    });
    await new LocalRegistry(ws.registryFile).registerVersion('agent', agent.url, {});
    await ws.write('data.jsonl', ['priced 1', 'priced 2', 'bare 1'].map((q, i) => JSON.stringify({ id: i, input: q, expected: q })).join('\n'));
    const text = 'version: 1\nmodel: { name: agent }\nevaluate:\n  dataset: { path: data.jsonl }\n  endpoint: { url: "{{source}}" }\n  cost: { prices: { m: { prompt_per_million: 10, completion_per_million: 100 } } }\n  scorers: [{ type: contains }]\n';
    const { ctx, logger } = contextOf(text, ws.dir);
    const result = await evaluate(ctx, { modelVersion: '1' });
    expect(result.metrics['tokens/mean']).toMatchObject({ value: 110, n: 2 });
    expect(result.metrics['cost/total']).toMatchObject({ value: 2 * (100 * 10 + 10 * 100) / 1e6, n: 2 });
    expect(logger.lines).toContain('warn: 1 of the 3 answers reported no token usage; tokens/* are over the 2 that did, not counting the others as 0');
    expect(logger.lines).toContain('warn: 1 of the 3 answers could not be priced (no prompt and completion token counts, or a model without a price in evaluate.cost.prices); cost/* are over the 2 that could');
  });
});

describe('sharded', () => {
  it('merges shards into the metrics of one whole run: tool-call parts, tokens and cost', async () => {
    const rows = [weatherRow('paris', 'Paris'), weatherRow('oslo', 'Oslo'), weatherRow('rome', 'Rome'), { id: 'hi', input: 'my name is Bo' }];
    const section = `  conversation: {}
  cost: { prices: { tool-agent: { prompt_per_million: 2, completion_per_million: 8 } } }
  scorers: [{ type: tool_calls, forbidden: [get_forecast] }]
`;
    const whole = await run({ format: 'openai-chat', extraCall: 'get_forecast' }, rows, section);
    const { text } = whole;
    for (const shard of ['1/2', '2/2']) await evaluate(contextOf(text, ws.dir).ctx, { modelVersion: '1', shard });
    const merged = await merge(contextOf(text, ws.dir).ctx, { modelVersion: '1' });
    for (const metric of ['tool_calls/mean', 'tool_calls.f1/mean', 'tokens/mean', 'tokens/p95', 'cost/total']) {
      expect([metric, merged.metrics[metric]?.value, merged.metrics[metric]?.n]).toEqual([metric, whole.summary.metrics[metric]?.value, whole.summary.metrics[metric]?.n]);
    }
    expect(merged.metrics['cost/mean']?.value).toBeCloseTo(whole.summary.metrics['cost/mean']!.value, 15);
  });
});

describe('conversations', () => {
  const chat = { id: 'name', turns: [{ input: 'Hello, my name is Ada.', expected: 'Ada' }, { input: 'What is the weather in Rome?', tool_results: { get_weather: 'rainy' }, expected_tool_calls: [{ name: 'get_weather' }] }, { input: 'What is my name?', expected: 'Your name is Ada' }] };

  it.each(['openai-chat', 'responses'] as const)('%s: plays every turn with the history and scores the final turn by default', async (format) => {
    const { summary, byId, requests } = await run({ format }, [chat], `  conversation: {}
  scorers:
    - { type: contains }
    - { type: tool_calls, name: calls, turns: each }
`);
    const row = byId('name');
    expect(row.outputs).toBe('Your name is Ada.');
    expect(row.scores).toEqual({ contains: 1, calls: 1, 'calls.precision': 1, 'calls.recall': 1, 'calls.f1': 1 });
    expect(row.turns?.map((t) => [t.turn, t.output, t.scores?.calls])).toEqual([
      [1, 'Nice to meet you, Ada.', null],
      [2, 'It is rainy in Rome.', 1],
      [3, 'Your name is Ada.', null],
    ]);
    expect(row.tool_calls).toEqual([{ name: 'get_weather', arguments: { city: 'Rome' } }]);
    // Turn 1, turn 2 (the call, then the answer to the result), turn 3.
    expect(requests.length).toBe(4);
    const last = requests.at(-1)?.body as { messages?: unknown[]; input?: unknown[] };
    // user, reply, user, call, result, reply, user: the agent's own replies and the tool result are in the history.
    expect((last.messages ?? last.input)?.length).toBe(7);
    expect(summary.metrics['contains/mean']).toMatchObject({ value: 1, n: 1 });
  });

  it('an agent still calling tools after max_tool_rounds fails the example, naming the turn, rather than scoring an empty answer', async () => {
    let calls = 0;
    agent = await startJsonServer((request) => ({
      json: lastUserText(request.body).startsWith('Hello')
        ? chatCompletion('Hello Ada')
        : { choices: [{ message: { role: 'assistant', content: null, tool_calls: [{ id: `call_${++calls}`, type: 'function', function: { name: 'get_weather', arguments: '{"city":"Rome"}' } }] } }] },
    }));
    await new LocalRegistry(ws.registryFile).registerVersion('agent', agent.url, {});
    await ws.write('data.jsonl', `${JSON.stringify(chat)}\n`);
    const text = 'version: 1\nmodel: { name: agent }\nevaluate:\n  dataset: { path: data.jsonl }\n  endpoint: { url: "{{source}}", retries: 0 }\n  conversation: { max_tool_rounds: 2 }\n  scorers: [{ type: contains }]\n';
    const result = await evaluate(contextOf(text, ws.dir).ctx, { modelVersion: '1' });
    const [row] = (await readFile(path.join(ws.dir, result.resultsPath!), 'utf8')).trim().split('\n').map((line) => resultSchema.parse(JSON.parse(line)));
    expect(row?.error).toBe(
      'turn 2 of 3: the agent was still calling tools (get_weather) after 2 rounds of tool results, so the turn has no final answer; raise evaluate.conversation.max_tool_rounds if it needs more, or check the agent for a loop',
    );
    expect(row?.scores.contains).toBeNull();
    // Turn 2's first reply and two rounds of results, then it stops; what it looped on is kept.
    expect(calls).toBe(3);
    expect(row?.turns?.[1]?.tool_calls).toHaveLength(3);
    expect(row?.tool_calls).toHaveLength(3);
  });

  it('fails a conversation whose earlier turn ends on calls no tool result answers, naming the turn and the tool', async () => {
    agent = await startJsonServer((request) => ({
      json: lastUserText(request.body).startsWith('Weather')
        ? { choices: [{ message: { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }] } }] }
        : chatCompletion('Hello'),
    }));
    await new LocalRegistry(ws.registryFile).registerVersion('agent', agent.url, {});
    await ws.write('data.jsonl', `${JSON.stringify({ id: 'noresult', turns: [{ input: 'Weather in Oslo?' }, { input: 'What is my name?', expected: 'x' }] })}\n${JSON.stringify({ id: 'last', turns: [{ input: 'Hi' }, { input: 'Weather in Oslo?' }] })}\n`);
    const text = 'version: 1\nmodel: { name: agent }\nevaluate:\n  dataset: { path: data.jsonl }\n  endpoint: { url: "{{source}}", retries: 0 }\n  conversation: { max_tool_rounds: 1 }\n  scorers: [{ type: tool_calls }]\n';
    const result = await evaluate(contextOf(text, ws.dir).ctx, { modelVersion: '1' });
    const rows = (await readFile(path.join(ws.dir, result.resultsPath!), 'utf8')).trim().split('\n').map((line) => resultSchema.parse(JSON.parse(line)));
    const failed = rows.find((r) => r.id === 'noresult');
    expect(failed?.error).toBe(
      "turn 1 of 2: the agent called get_weather, which the turn's tool results do not answer, so the conversation cannot go on (the next request would carry calls without their results); give its result in the turn's tool results, by tool name",
    );
    expect(failed?.turns?.[0]?.tool_calls).toEqual([{ name: 'get_weather', arguments: { city: 'Oslo' } }]);
    // The last turn may end on calls: they are what its scorers judge.
    expect(rows.find((r) => r.id === 'last')?.error).toBeUndefined();
  });

  it('judges a conversation at its end against its turns\' expected calls in order when the row lists none', async () => {
    const { byId } = await run({ format: 'openai-chat' }, [chat], '  conversation: {}\n  scorers: [{ type: tool_calls }]\n');
    expect(byId('name').scores).toMatchObject({ tool_calls: 1, 'tool_calls.f1': 1 });
  });

  it('refuses a turn\'s malformed expected calls before any request, whichever way the conversation is judged', async () => {
    const bad = { id: 'bad', turns: [{ input: 'Hi' }, { input: 'Weather in Rome?', tool_results: { get_weather: 'rainy' }, expected_tool_calls: [{ name: 5 }] }] };
    await expect(run({ format: 'openai-chat' }, [bad], '  conversation: {}\n  scorers: [{ type: tool_calls }]\n')).rejects.toThrow('data.jsonl:1: turn 2: field "expected_tool_calls" item 1 "name"');
    expect(agent?.requests ?? []).toHaveLength(0);
  });

  it('scores every turn with turns: each (pass only when every turn passes), from a CSV dataset too', async () => {
    const csv = [
      'id,turns',
      `name,"${JSON.stringify(chat.turns).replace(/"/g, '""')}"`,
      `wrong,"${JSON.stringify([{ input: 'my name is Bo', expected: 'Bo' }, { input: 'What is my name?', expected: 'Ada' }]).replace(/"/g, '""')}"`,
    ].join('\n');
    agent = await startToolAgent({ format: 'openai-chat' });
    await new LocalRegistry(ws.registryFile).registerVersion('agent', agent.url, {});
    await ws.write('data.csv', `${csv}\n`);
    const text = 'version: 1\nmodel: { name: agent }\nevaluate:\n  dataset: { path: data.csv }\n  endpoint: { url: "{{source}}" }\n  conversation: { turns: each }\n  scorers: [{ type: contains }]\n';
    const result = await evaluate(contextOf(text, ws.dir).ctx, { modelVersion: '1' });
    const rows = (await readFile(path.join(ws.dir, result.resultsPath!), 'utf8')).trim().split('\n').map((line) => resultSchema.parse(JSON.parse(line)));
    const wrong = rows.find((r) => r.id === 'wrong')!;
    expect(wrong.turns?.map((t) => t.scores?.contains)).toEqual([1, 0]);
    expect(wrong.scores.contains).toBe(0);
    expect(rows.find((r) => r.id === 'name')?.turns?.map((t) => t.scores?.contains)).toEqual([1, null, 1]);
    expect(result.metrics['contains/mean']).toMatchObject({ value: 0.5, n: 2 });
  });

  it('sums usage over every request of every turn, prices it, and publishes tokens and cost', async () => {
    const { summary, byId } = await run({ format: 'openai-chat' }, [chat, { id: 'single', input: 'my name is Bo' }], `  conversation: {}
  cost:
    prices: { tool-agent: { prompt_per_million: 1000, completion_per_million: 2000 } }
  scorers: [{ type: contains }]
`);
    const row = byId('name');
    const perTurn = row.turns!.map((t) => t.usage!);
    const total = perTurn.reduce((sum, u) => sum + u.total_tokens!, 0);
    expect(row.usage?.total_tokens).toBe(total);
    expect(row.usage!.prompt_tokens! + row.usage!.completion_tokens!).toBe(total);
    expect(row.cost).toBeCloseTo((row.usage!.prompt_tokens! * 1000 + row.usage!.completion_tokens! * 2000) / 1e6, 12);
    const single = byId('single');
    expect(single.turns).toBeUndefined();
    const tokens = [row.usage!.total_tokens!, single.usage!.total_tokens!];
    expect(summary.metrics['tokens/mean']).toMatchObject({ value: (tokens[0]! + tokens[1]!) / 2, n: 2 });
    expect(summary.metrics['tokens/p95']?.value).toBeGreaterThanOrEqual(Math.min(...tokens));
    expect(summary.metrics['cost/total']?.value).toBeCloseTo(row.cost! + single.cost!, 12);
    expect(summary.metrics['cost/mean']).toMatchObject({ n: 2 });
  });

  it('reports answers without usage as such: no tokens, no cost, never 0', async () => {
    const { summary, byId, logs } = await run({ format: 'openai-chat', usage: false }, [chat], `  conversation: {}
  cost: { prices: { tool-agent: { prompt_per_million: 1, completion_per_million: 1 } } }
  scorers: [{ type: contains }]
`);
    expect(byId('name').usage).toBeUndefined();
    expect(byId('name').cost).toBeUndefined();
    expect(summary.metrics['tokens/mean']).toBeUndefined();
    expect(summary.metrics['cost/mean']).toBeUndefined();
    expect(logs.join('\n')).toContain('none of the 1 answers reported token usage, so there are no tokens/* metrics and evaluate.cost cannot price them');
  });

  it('records a conversation that breaks mid-way as one failed example naming the turn', async () => {
    const { summary, byId } = await run({ format: 'openai-chat', failFromTurn: { turn: 3, status: 400 } }, [chat], `  conversation: {}
  scorers: [{ type: contains }]
`);
    const row = byId('name');
    expect(row.error).toMatch(/^turn 3 of 3: agent endpoint: HTTP 400: .*agent crashed/);
    expect(row.turns?.map((t) => [t.turn, t.error !== undefined])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    expect(row.scores).toEqual({ contains: null });
    expect(summary.errors).toBe(1);
  });

  it('refuses a malformed turn before the first request, naming the line and turn', async () => {
    await expect(run({ format: 'openai-chat' }, [chat, { id: 'bad', turns: [{ input: 'hi' }, { text: 'no input' }] }], '  conversation: {}\n  scorers: [{ type: contains }]\n')).rejects.toThrow(
      new InputError(`${path.join(ws.dir, 'data.jsonl')}:2: field "turns" turn 2: "input" must be a string, a list of {role, content} messages, or {messages: [...]}`),
    );
    expect(agent?.requests.length).toBe(0);
  });

  it.each([
    ['a conversation sent as a dataframe', '  endpoint: { url: "http://x", format: mlflow-pyfunc }\n  conversation: {}\n', 'evaluate.conversation: a conversation is sent as its history, which only messages and input requests carry'],
    ['turns without a conversation section', '  endpoint: { url: "http://x" }\n  scorers: [{ type: contains, turns: each }]\n', 'evaluate.scorers[0].turns: turns applies to conversations: add an evaluate.conversation section'],
    ['an unpriced endpoint model', '  endpoint: { url: "http://x", model: gpt-x }\n  cost: { prices: { gpt-y: { prompt_per_million: 1, completion_per_million: 2 } } }\n', 'evaluate.cost.model: no price for model "gpt-x" in cost.prices (models priced: gpt-y)'],
    ['a price that is not a number', '  endpoint: { url: "http://x" }\n  cost: { prices: { gpt-y: { prompt_per_million: cheap, completion_per_million: 2 } } }\n', 'agent-release.yml:6: evaluate.cost.prices.gpt-y.prompt_per_million: expected number, got "cheap"'],
    ['a scorer named cost', '  endpoint: { url: "http://x" }\n  scorers: [{ type: contains, name: cost }]\n', 'evaluate.scorers[0].name: "cost" is taken by the cost/* metrics'],
    ['an unknown trajectory mode', '  endpoint: { url: "http://x" }\n  scorers: [{ type: tool_calls, mode: loose }]\n', 'evaluate.scorers[0].mode: "loose" is not one of strict, unordered, subset, superset'],
  ])('refuses %s with the field named', async (_name, section, message) => {
    const text = `version: 1\nmodel: { name: agent }\nevaluate:\n  dataset: { path: data.jsonl }\n${section}${section.includes('scorers') ? '' : '  scorers: [{ type: contains }]\n'}`;
    await new LocalRegistry(ws.registryFile).registerVersion('agent', 'http://x', {});
    let error: unknown;
    try {
      await evaluate(contextOf(text, ws.dir).ctx, { modelVersion: '1' });
    } catch (e) {
      error = e;
    }
    if (!(error instanceof ConfigError)) console.log(error);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(message);
  });
});
