/**
 * The bundled CLI on agents that call tools and hold a conversation: two versions served by real
 * local servers (one per wire format a tool-calling agent answers in), evaluated and gated
 * against each other. v2 makes a redundant call on every weather question, which costs a tool
 * call and tokens: the gate must stop it on the trajectory and on cost.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { decisionSchema } from '../../src/contract/decision';
import { resultSchema } from '../../src/contract/results';
import type { JsonServer } from '../support/agent-server';
import { runCli } from '../support/run-bundle';
import { startToolAgent, type ToolAgentFormat } from '../support/tool-agent';
import { makeWorkspace, type Workspace } from '../support/workspace';

const rows = [
  { id: 'paris', input: 'What is the weather in Paris?', expected: 'sunny', expected_tool_calls: [{ name: 'get_weather', arguments: { city: 'Paris' } }], tool_results: { get_weather: 'sunny', get_forecast: 'sunny all week' } },
  { id: 'oslo', input: 'What is the weather in Oslo?', expected: 'sunny', expected_tool_calls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }], tool_results: { get_weather: 'sunny', get_forecast: 'snow later' } },
  {
    id: 'trip',
    turns: [
      { input: 'Hello, my name is Ada.', expected: 'Ada' },
      { input: 'What is the weather in Rome?', tool_results: { get_weather: 'sunny', get_forecast: 'rain on Sunday' } },
      { input: 'What is my name?', expected: 'Ada' },
    ],
    expected_tool_calls: [{ name: 'get_weather', arguments: { city: 'Rome' } }],
  },
];

const formats: Record<ToolAgentFormat, string> = { 'openai-chat': 'openai-chat', responses: 'responses', 'chat-agent': 'databricks' };

describe.each(['openai-chat', 'responses', 'chat-agent'] as const)('the CLI on a tool-calling agent (%s)', (format) => {
  let ws: Workspace;
  const agents: JsonServer[] = [];
  beforeAll(async () => {
    ws = await makeWorkspace();
    agents.push(await startToolAgent({ format }), await startToolAgent({ format, extraCall: 'get_forecast' }));
    await ws.write('weather.jsonl', rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    await ws.write(
      'agent-release.yml',
      `version: 1
model: { name: weather-agent }
evaluate:
  dataset: { path: weather.jsonl }
  endpoint: { url: "{{source}}", format: ${formats[format]}, timeout: 5s }
  concurrency: 3
  conversation: {}
  cost: { prices: { tool-agent: { prompt_per_million: 3, completion_per_million: 15 } }, model: tool-agent }
  scorers:
    - { type: contains }
    - { type: tool_calls, mode: strict, max_calls: 1 }
gate:
  thresholds: { "contains/mean": { min: 0.6 } }
  baseline: { max_drop: { "tool_calls/mean": 0.1 }, max_increase: { "cost/mean": 0.1 }, inconclusive: fail }
`,
    );
  });
  afterAll(async () => {
    await Promise.all(agents.map((a) => a.close()));
    await ws.cleanup();
  });
  const cli = (...args: string[]) => runCli([...args, '--config', 'agent-release.yml'], { cwd: ws.dir });

  it('evaluates both versions, gates v1 through and stops v2 on its redundant call and its cost', async () => {
    for (const agent of agents) expect((await cli('registry', 'register', '--source', agent.url)).code).toBe(0);
    const first = await cli('evaluate', '--model-version', '1', '--json');
    expect(first.code).toBe(0);
    const metrics = (JSON.parse(first.stdout) as { metrics: Record<string, { value: number; n: number }> }).metrics;
    expect(metrics['tool_calls/mean']).toMatchObject({ value: 1, n: 3 });
    expect(metrics['contains/mean']).toMatchObject({ value: 1, n: 3 });
    expect(metrics['tokens/mean']?.n).toBe(3);
    expect(metrics['cost/total']?.value).toBeGreaterThan(0);
    expect((await cli('gate', '--model-version', '1')).code).toBe(0);
    expect((await cli('promote', '--model-version', '1')).code).toBe(0);

    expect((await cli('evaluate', '--model-version', '2')).code).toBe(0);
    const results = (await readFile(path.join(ws.dir, '.agent-release/weather-agent/v2/results.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => resultSchema.parse(JSON.parse(line)));
    const trip = results.find((r) => r.id === 'trip');
    expect(trip?.turns?.map((t) => t.output)).toEqual(['Nice to meet you, Ada.', 'It is sunny in Rome.', 'Your name is Ada.']);
    expect(trip?.tool_calls?.map((c) => c.name)).toEqual(['get_weather', 'get_forecast']);
    expect(trip?.reasons?.tool_calls).toContain('made 2 calls, more than max_calls 1');

    const gated = await cli('gate', '--model-version', '2');
    expect(gated.code).toBe(1);
    const decision = decisionSchema.parse(JSON.parse(await readFile(path.join(ws.dir, '.agent-release/weather-agent/v2/decision.json'), 'utf8')));
    const failed = decision.rules.filter((r) => !r.passed).map((r) => `${r.rule} ${r.metric}`);
    expect(failed).toEqual(['baseline tool_calls/mean', 'baseline cost/mean']);
    expect(gated.stdout).toMatch(/\| cost\/mean \| increase ≤ 10% \|.*\| \+\d+\.\d% \(/);
  });
});
