import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Result } from '../../src/contract/results';
import { exampleChanges, shownChars, type ExampleChanges } from '../../src/gate/example-changes';
import { gateMarkdown } from '../../src/gate/report';
import { readScores } from '../../src/gate/scores';
import { evaluate } from '../../src/modes/evaluate';
import type { GateResult } from '../../src/modes/gate';
import { LocalRegistry } from '../../src/registry/local';
import { markdown } from '../../src/report/render';
import { startAgent, type AgentServer } from '../support/agent-server';
import { contextOf } from '../support/context';
import { goldenJsonl, makeWorkspace, type Workspace } from '../support/workspace';

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

describe('the examples that changed against the champion', () => {
  let ws: Workspace;
  beforeEach(async () => {
    ws = await makeWorkspace();
  });
  afterEach(() => ws.cleanup());

  async function changesOf(champion: Result[], candidate: Result[]): Promise<ExampleChanges> {
    const files = { champion: await ws.write('champion.jsonl', champion.map((r) => JSON.stringify(r)).join('\n')), candidate: await ws.write('candidate.jsonl', candidate.map((r) => JSON.stringify(r)).join('\n')) };
    const candidateScores = await readScores(files.candidate, files.candidate, 'results');
    // Numbered by the candidate's table, as the gate reads them, so the two sides pair by number.
    const championScores = await readScores(files.champion, files.champion, 'results', { examples: candidateScores.examples });
    return exampleChanges({ scores: candidateScores, file: files.candidate }, { scores: championScores, file: files.champion });
  }

  const row = (id: string, scores: Record<string, number | null>, extra: Partial<Result> = {}): Result => ({ id, inputs: `question ${id}`, outputs: `answer ${id}`, scores, latency_ms: 10, ...extra });

  it('lists newly failing first (errors, then pass→fail), then worse, then better, with input, expected, both answers and tool calls, cut short', async () => {
    const longQuestion = `Please ${'really '.repeat(100)}help`;
    const champion = [
      row('weather', { contains: 1, judge: 1 }, { inputs: [{ role: 'system', content: 'be nice' }, { role: 'user', content: longQuestion }], expected: 'sunny', outputs: 'It is sunny.' }),
      row('crash', { contains: 1, judge: 1 }),
      row('graded', { contains: 1, judge: 0.8 }),
      row('fixed', { contains: 0, judge: 1 }),
      row('same', { contains: 1, judge: 1 }),
    ];
    const candidate = [
      row('same', { contains: 1, judge: 1 }),
      row('fixed', { contains: 1, judge: 1 }),
      row('graded', { contains: 1, judge: 0.4 }),
      row('crash', { contains: null, judge: null }, { outputs: null, latency_ms: null, error: 'HTTP 500 from the agent' }),
      row('weather', { contains: 0, judge: 1 }, { inputs: [{ role: 'system', content: 'be nice' }, { role: 'user', content: longQuestion }], expected: 'sunny', outputs: 'I deleted your account.', tool_calls: [{ name: 'delete_account', arguments: { user: '42' } }, { name: 'get_weather', arguments: '{not json' }] }),
    ];
    const changes = await changesOf(champion, candidate);
    expect(changes.counts).toEqual({ newly_failing: 2, worse: 1, better: 1 });
    expect(changes.shown.map((c) => [c.kind, c.id])).toEqual([
      ['newly_failing', 'crash'],
      ['newly_failing', 'weather'],
      ['worse', 'graded'],
      ['better', 'fixed'],
    ]);
    const weather = changes.shown[1]!;
    expect(weather.scores).toEqual([{ scorer: 'contains', champion: 1, candidate: 0 }]);
    expect(weather.expected).toBe('sunny');
    expect(weather.answer).toBe('I deleted your account.');
    expect(weather.championAnswer).toBe('It is sunny.');
    expect(weather.toolCalls).toEqual(['delete_account({"user":"42"})', 'get_weather({not json)']);
    expect([...weather.input]).toHaveLength(shownChars);
    expect(weather.input).toMatch(/^… user: Please really really .*…$/);
    expect(changes.shown[0]).toMatchObject({ error: 'HTTP 500 from the agent', scores: [{ scorer: 'contains', champion: 1, candidate: null }, { scorer: 'judge', champion: 1, candidate: null }] });
    expect(changes.shown[2]?.scores).toEqual([{ scorer: 'judge', champion: 0.8, candidate: 0.4 }]);

    const text = gateMarkdown(gateResult(changes), ['# h']);
    expect(text).toContain('#### Examples that changed against @champion v1\n\n2 newly failing, 1 worse, 1 better.');
    expect(text).toContain('| ❌ newly failing | `weather` | contains 1 → 0 | … user: Please really');
    expect(text).toContain('| sunny | I deleted your account.<br>_champion:_ It is sunny. | `delete_account({"user":"42"})`<br>`get_weather({not json)` |');
    expect(text).toContain('| ❌ newly failing | `crash` | contains 1 → none<br>judge 1 → none | question crash | – | **error:** HTTP 500 from the agent<br>_champion:_ answer crash | – |');
    expect(text.indexOf('`crash`')).toBeLessThan(text.indexOf('`graded`'));
    expect(text.indexOf('`graded`')).toBeLessThan(text.indexOf('`fixed`'));
  });

  it("shows a conversation by the last turn played (which of how many), both sides' tool calls, none as (none), and why a scorer failed it", async () => {
    const written = [
      { input: `Hi, I ordered a lamp last week and ${'it arrived broken, '.repeat(8)}so`, expected: 'Sorry to hear that.' },
      { input: 'Can you refund order 7?', expected_tool_calls: [{ name: 'lookup_order' }], tool_results: { lookup_order: '{"id": 7, "status": "delivered"}' } },
      { input: 'Thanks, and when will the money arrive?', expected: 'within 5 days' },
    ];
    const turn = (number: number, extra: Record<string, unknown> = {}) => ({ turn: number, input: written[number - 1]!.input, output: `reply ${number}`, latency_ms: 5, ...extra });
    const conversation = (calls: Result['tool_calls'], extra: Partial<Result> = {}): Partial<Result> => ({
      inputs: written,
      outputs: 'reply 3',
      expected: 'within 5 days',
      tool_calls: calls,
      turns: [turn(1), turn(2, { tool_calls: calls }), turn(3, { expected: 'within 5 days' })],
      ...extra,
    });
    const champion = [
      row('refund-chat', { tool_calls: 1, contains: 1 }, conversation([{ name: 'lookup_order', arguments: { id: 7 } }])),
      row('stopped', { tool_calls: 1 }, { tool_calls: [{ name: 'search', arguments: { q: 'lamp' } }] }),
      row('broke-off', { contains: 1 }, conversation([])),
      row('no-tools', { contains: 1 }),
    ];
    const candidate = [
      row('refund-chat', { tool_calls: 0, contains: 1 }, conversation([{ name: 'refund_order', arguments: { id: 7 } }], { reasons: { tool_calls: 'forbidden tool refund_order' } })),
      row('stopped', { tool_calls: 0 }, { tool_calls: [], reasons: { tool_calls: 'expected search, got no calls' } }),
      row('broke-off', { contains: null }, conversation([], { outputs: 'reply 1', error: 'turn 2 of 3: HTTP 500 from the agent', turns: [turn(1), turn(2, { output: null, latency_ms: null, error: 'HTTP 500 from the agent' })] })),
      row('no-tools', { contains: 0 }),
    ];
    const changes = await changesOf(champion, candidate);
    const byId = new Map(changes.shown.map((c) => [c.id, c]));
    expect(byId.get('refund-chat')).toMatchObject({
      input: 'Thanks, and when will the money arrive?',
      turn: { number: 3, of: 3 },
      expected: 'within 5 days',
      scores: [{ scorer: 'tool_calls', champion: 1, candidate: 0, reason: 'forbidden tool refund_order' }],
      toolCalls: ['refund_order({"id":7})'],
      championToolCalls: ['lookup_order({"id":7})'],
    });
    expect(byId.get('stopped')).toMatchObject({ toolCalls: [], championToolCalls: ['search({"q":"lamp"})'] });
    expect(byId.get('broke-off')).toMatchObject({ input: 'Can you refund order 7?', turn: { number: 2, of: 3 }, toolCalls: [] });
    expect(byId.get('broke-off')).not.toHaveProperty('championToolCalls');
    expect(byId.get('no-tools')).not.toHaveProperty('toolCalls');

    const text = gateMarkdown(gateResult(changes), ['# h']);
    expect(text).toContain(
      '| ❌ newly failing | `refund-chat` | tool_calls 1 → 0: forbidden tool refund_order | _turn 3 of 3:_ Thanks, and when will the money arrive? | within 5 days | reply 3 | `refund_order({"id":7})`<br>_champion:_ `lookup_order({"id":7})` |',
    );
    expect(text).toContain('| ❌ newly failing | `stopped` | tool_calls 1 → 0: expected search, got no calls | question stopped | – | answer stopped | (none)<br>_champion:_ `search({"q":"lamp"})` |');
    expect(text).toContain('| `broke-off` | contains 1 → none | _turn 2 of 3:_ Can you refund order 7? |');
    expect(text).toContain('| ❌ newly failing | `no-tools` | contains 1 → 0 | question no-tools | – | answer no-tools | – |');
    expect(text).not.toContain('expected_tool_calls');
  });

  it('shows at most 40 that got worse and 10 better, counts all, and escapes what an agent wrote', async () => {
    const champion = Array.from({ length: 300 }, (_, i) => row(`q${i}`, { contains: i < 200 ? 1 : 0 }));
    const candidate = Array.from({ length: 300 }, (_, i) => row(`q${i}`, { contains: i < 200 ? 0 : 1 }, { outputs: '<img src=x onerror=alert(1)> | not a cell' }));
    const changes = await changesOf(champion, candidate);
    expect(changes.counts).toEqual({ newly_failing: 200, worse: 0, better: 100 });
    expect(changes.shown.filter((c) => c.kind === 'newly_failing')).toHaveLength(40);
    expect(changes.shown.filter((c) => c.kind === 'better')).toHaveLength(10);
    const text = gateMarkdown(gateResult(changes), ['# h']);
    expect(text).toContain('200 newly failing, 0 worse, 100 better. The first 50 are shown;');
    expect(text).toContain('&lt;img src=x onerror=alert(1)&gt; \\| not a cell');
    expect(text).not.toContain('<img');
  });

  it('keeps the newly failing rows longest when the summary must shrink', async () => {
    const champion = Array.from({ length: 100 }, (_, i) => row(`q${i}`, { contains: i < 50 ? 1 : 0 }));
    const candidate = Array.from({ length: 100 }, (_, i) => row(`q${i}`, { contains: i < 50 ? 0 : 1 }, { inputs: 'x'.repeat(1000), outputs: 'y'.repeat(1000) }));
    const changes = await changesOf(champion, candidate);
    const full = gateMarkdown(gateResult(changes), ['# h']);
    const limit = bytes(full) - 2000;
    const text = gateMarkdown(gateResult(changes), ['# h'], limit);
    expect(bytes(text)).toBeLessThanOrEqual(limit);
    expect(text.split('\n').filter((l) => l.startsWith('| ❌ newly failing'))).toHaveLength(40);
    expect(text.split('\n').filter((l) => l.startsWith('| ✅ better')).length).toBeLessThan(10);
    expect(text).toMatch(/_… \d+ more rows? left out to stay under GitHub's 1 MiB job-summary limit/);
  });
});

describe('the evaluate summary', () => {
  let ws: Workspace;
  const agents: AgentServer[] = [];
  beforeEach(async () => {
    ws = await makeWorkspace();
    await ws.write('golden.jsonl', goldenJsonl);
  });
  afterEach(async () => {
    await Promise.all(agents.splice(0).map((a) => a.close()));
    await ws.cleanup();
  });

  const config = (baseline: boolean) => `version: 1
model: { name: support-agent }
evaluate:
  dataset: { path: golden.jsonl }
  endpoint: { url: "{{source}}/v1/chat/completions", retries: 0 }
  scorers: [{ type: contains }]
gate:
  thresholds: { "contains/mean": { min: 0.5 } }
${baseline ? '  baseline: { max_drop: { "contains/mean": 0.1 } }\n' : ''}`;

  it('lists the examples that changed against the champion gate.baseline names, and nothing without a baseline', async () => {
    agents.push(await startAgent((q) => ({ text: `About ${q.toLowerCase()}: refund, shipping, password, cancel.` })));
    agents.push(await startAgent((q) => ({ text: q.includes('refund') ? 'I cannot help with that.' : `About ${q.toLowerCase()}: refund, shipping, password, cancel.` })));
    const registry = new LocalRegistry(ws.registryFile);
    for (const agent of agents) await registry.registerVersion('support-agent', agent.url, {});
    await evaluate(contextOf(config(true), ws.dir).ctx, { modelVersion: '1' });
    await registry.setAlias('support-agent', 'champion', '1', undefined);

    const second = await evaluate(contextOf(config(true), ws.dir).ctx, { modelVersion: '2' });
    expect(second.changes?.champion).toEqual({ alias: 'champion', version: '1', resultsPath: '.agent-release/support-agent/v1/results.jsonl' });
    expect(second.changes?.changes.counts).toEqual({ newly_failing: 1, worse: 0, better: 0 });
    const text = markdown(second);
    expect(text).toContain('#### Examples that changed against @champion v1\n\n1 newly failing, 0 worse, 0 better.');
    expect(text).toContain('| ❌ newly failing | `refund` | contains 1 → 0 | How do I get a refund? | refund | I cannot help with that.<br>_champion:_ About how do i get a refund?: refund, shipping, password, cancel. | – |');

    const evaluatedChampion = '.agent-release/support-agent/v1/results.jsonl';
    await ws.write('other.jsonl', goldenJsonl.split('\n').slice(0, 2).join('\n') + '\n');
    const elsewhere = contextOf(config(true).replace('path: golden.jsonl', 'path: other.jsonl'), ws.dir);
    expect((await evaluate(elsewhere.ctx, { modelVersion: '2' })).changes).toBeNull();
    expect(elsewhere.logger.lines).toContainEqual(expect.stringContaining('warn: the evaluate summary does not list the examples that changed against @champion: its evaluation (.agent-release/support-agent/v1/summary.json) was made on another dataset (golden, sha256:'));
    await rm(path.join(ws.dir, evaluatedChampion));
    const lost = contextOf(config(true), ws.dir);
    const unread = await evaluate(lost.ctx, { modelVersion: '2' });
    expect(unread.changes).toBeNull();
    expect(lost.logger.lines).toContainEqual(expect.stringMatching(/^warn: the evaluate summary does not list the examples that changed against @champion: @champion is held by version 1, but its evaluation is not at \.agent-release\/support-agent\/v1\/results\.jsonl/));

    const without = await evaluate(contextOf(config(false), ws.dir).ctx, { modelVersion: '2' });
    expect(without.changes).toBeNull();
    expect(markdown(without)).not.toContain('Examples that changed');
  });
});

function gateResult(changes: ExampleChanges): GateResult {
  return {
    mode: 'gate',
    dryRun: false,
    model: 'support-agent',
    version: '2',
    decision: 'fail',
    rules: [],
    summaryPath: 's.json',
    decisionPath: 'd/decision.json',
    tags: {},
    champion: { alias: 'champion', version: '1', summaryPath: 'c/summary.json', resultsPath: 'c/results.jsonl' },
    flakiness: [],
    changes,
  };
}
