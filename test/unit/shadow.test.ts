import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../../src/errors';
import { runMode } from '../../src/modes';
import type { GateResult } from '../../src/modes/gate';
import type { ShadowResult } from '../../src/modes/shadow';
import { LocalRegistry } from '../../src/registry/local';
import { markdown } from '../../src/report/render';
import { readRecordedRequests } from '../../src/shadow/requests';
import { startAgent, type AgentServer } from '../support/agent-server';
import { contextOf } from '../support/context';
import { makeWorkspace, type Workspace } from '../support/workspace';
import { passFail, writeEvaluation } from './gate-fixtures';

let ws: Workspace;
let servers: AgentServer[];
beforeEach(async () => {
  ws = await makeWorkspace();
  servers = [];
});
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await ws.cleanup();
});

/** Rows as a Databricks inference table export has them: the body as a JSON string, the status, the ids. */
function inferenceRows(n: number, options: { failedEvery?: number } = {}): string {
  return Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      databricks_request_id: `req-${i}`,
      client_request_id: null,
      date: '2026-12-01',
      timestamp_ms: 1764547200000 + i,
      status_code: options.failedEvery && i % options.failedEvery === 0 ? 500 : 200,
      sampling_fraction: 1,
      execution_time_ms: 120,
      request: JSON.stringify({ messages: [{ role: 'user', content: `question ${i} from jane.doe@example.com` }] }),
      response: JSON.stringify({ choices: [{ message: { role: 'assistant', content: 'recorded answer' } }] }),
      request_metadata: { model_name: 'support-agent', model_version: '1', endpoint_name: 'support' },
    }),
  ).join('\n') + '\n';
}

describe('recorded requests from an inference table export', () => {
  it('reads answered rows only, parses the request body, and samples deterministically', async () => {
    const file = await ws.write('prod.jsonl', inferenceRows(50, { failedEvery: 5 }));
    const all = await readRecordedRequests(file, { format: 'jsonl', sample: 1000, seed: 1 });
    expect(all).toMatchObject({ rows: 40, skipped: 10 });
    expect(all.requests[0]).toEqual({ id: 'req-1', body: { messages: [{ role: 'user', content: 'question 1 from jane.doe@example.com' }] } });
    const a = await readRecordedRequests(file, { format: 'jsonl', sample: 10, seed: 7 });
    const b = await readRecordedRequests(file, { format: 'jsonl', sample: 10, seed: 7 });
    expect(a.requests.map((r) => r.id)).toEqual(b.requests.map((r) => r.id));
    expect(new Set(a.requests.map((r) => r.id)).size).toBe(10);
  });

  it('reads the CSV export the same way', async () => {
    const file = await ws.write('prod.csv', 'databricks_request_id,status_code,request\nr1,200,"{""messages"":[{""role"":""user"",""content"":""hi""}]}"\nr2,429,"{}"\n');
    expect(await readRecordedRequests(file, { format: 'csv', sample: 10, seed: 1 })).toEqual({ requests: [{ id: 'r1', body: { messages: [{ role: 'user', content: 'hi' }] } }], rows: 1, skipped: 1 });
  });

  it.each([
    ['a line that is not JSON', '{"databricks_request_id": "a", "request": "{}"}\nnot json\n', 'prod.jsonl:2: recorded requests line is not valid JSON'],
    ['a line that is not an object', '[1, 2]\n', 'prod.jsonl:1: recorded requests line: (top level): expected a JSON object (one row of the inference table export)'],
    ['a row without an id', '{"status_code": 200, "request": "{}"}\n', 'prod.jsonl:1: no databricks_request_id or client_request_id'],
    ['a request that is not JSON', '{"databricks_request_id": "a", "request": "hello"}\n', 'prod.jsonl:1: the request column of a is not JSON'],
    ['no answered rows', '{"databricks_request_id": "a", "status_code": 500, "request": "{}"}\n', 'has no answered requests to replay'],
  ])('refuses %s, naming the file and line', async (_what, text, message) => {
    const file = await ws.write('prod.jsonl', text);
    await expect(readRecordedRequests(file, { format: 'jsonl', sample: 10, seed: 1 })).rejects.toThrow(InputError);
    await expect(readRecordedRequests(file, { format: 'jsonl', sample: 10, seed: 1 })).rejects.toThrow(message);
  });

  it('skips a leading byte order mark, as every JSONL reader of the tool does', async () => {
    const file = await ws.write('prod.jsonl', `\uFEFF${inferenceRows(3)}`);
    expect((await readRecordedRequests(file, { format: 'jsonl', sample: 10, seed: 1 })).requests.map((r) => r.id)).toEqual(['req-0', 'req-1', 'req-2']);
  });

  it('refuses bytes that are not UTF-8, naming the file and line, instead of replaying mangled text', async () => {
    const file = await ws.write('prod.jsonl', '');
    await writeFile(file, Buffer.concat([Buffer.from(inferenceRows(2)), Buffer.from('{"databricks_request_id": "r\xff", "request": "{}"}\n', 'latin1')]));
    await expect(readRecordedRequests(file, { format: 'jsonl', sample: 10, seed: 1 })).rejects.toThrow(/prod\.jsonl.*line 3.*UTF-8|prod\.jsonl:3.*UTF-8/);
  });
});

describe('shadow replay against local champion and candidate agents', () => {
  /** The champion answers well; the candidate answers badly on every `badEvery`-th question. */
  async function agents(badEvery: number | null) {
    const answer = (good: boolean) => (q: string) => ({ text: `${good ? 'GOOD' : 'BAD'} answer to ${q}` });
    const champion = await startAgent(answer(true));
    const candidate = await startAgent((q) => answer(badEvery === null || Number(/question (\d+)/.exec(q)?.[1]) % badEvery !== 0)(q));
    // The judge prefers a GOOD answer over a BAD one and calls two alike a tie; it sees only the prompt.
    const prompts: string[] = [];
    const judge = await startAgent((prompt) => {
      prompts.push(prompt);
      const [, a, b] = /Answer A:\n(.*)\n\nAnswer B:\n(.*)\n\nReply/s.exec(prompt) ?? [];
      const better = a?.startsWith('GOOD') === b?.startsWith('GOOD') ? 'tie' : a?.startsWith('GOOD') ? 'A' : 'B';
      return { text: `{"better": "${better}"}` };
    });
    servers.push(champion, candidate, judge);
    const registry = new LocalRegistry(ws.registryFile);
    await registry.registerVersion('support-agent', champion.url, {});
    await registry.registerVersion('support-agent', candidate.url, {});
    await registry.setAlias('support-agent', 'champion', '1', null);
    return { judge, prompts };
  }

  const config = (judgeUrl: string, extra = '', gate = '') => `version: 1
model: { name: support-agent }
evaluate:
  dataset: { path: golden.jsonl }
  endpoint: { url: "{{source}}/v1/chat/completions", timeout: 5s, retries: 1 }
  scorers: [{ type: contains }]
gate:
  thresholds: { "contains/mean": { min: 0.5 } }
${gate}shadow:
  requests: { path: prod.jsonl, sample: 200 }
  concurrency: 8
  judge: { url: "${judgeUrl}/v1/chat/completions", timeout: 5s, retries: 1 }
${extra}`;

  it("counts the candidate's losses on exactly the traffic where it is worse, with the candidate shown first on half the pairs", async () => {
    const { judge, prompts } = await agents(10);
    await ws.write('prod.jsonl', inferenceRows(200));
    const { ctx, logger } = contextOf(config(judge.url), ws.dir);
    const { result, failed } = await runMode('shadow', ctx, { modelVersion: '2' });
    expect(failed).toBe(false);
    const m = (result as ShadowResult).measures;
    expect(m).toMatchObject({ replayed: 200, judged: 200, judgeErrors: 0, counts: { candidate: 0, champion: 20, tie: 180 }, candidateShownFirst: 100 });
    expect(m?.comparison?.netLoss).toBeCloseTo(0.1, 10);
    // The judge saw the worse (candidate) answer in both positions: the swap is not tied to the traffic's order.
    const losses = prompts.filter((p) => p.includes('BAD'));
    expect(losses).toHaveLength(20);
    const shownFirst = losses.filter((p) => /Answer A:\nBAD/.test(p)).length;
    expect(shownFirst).toBeGreaterThan(0);
    expect(shownFirst).toBeLessThan(20);
    expect(m?.candidate.refusalRate).toBe(0);
    expect(m?.champion.errorRate).toBe(0);

    // No request or answer text anywhere it writes or logs by default.
    const report = await readFile(path.join(ws.dir, '.agent-release/support-agent/v2/shadow.json'), 'utf8');
    const everything = [report, markdown(result), ...logger.lines].join('\n');
    for (const text of ['question', 'jane.doe', 'GOOD', 'BAD']) expect(everything).not.toContain(text);
    expect((result as ShadowResult).pairsPath).toBeNull();
  });

  it('reports tokens and tool calls where the answers carry them', async () => {
    const { judge } = await agents(null);
    const reporting = await startAgent((q) => ({ body: JSON.stringify({ choices: [{ message: { role: 'assistant', content: `GOOD answer to ${q}`, tool_calls: [{ id: 'a', type: 'function', function: { name: 'search', arguments: '{}' } }, { id: 'b', type: 'function', function: { name: 'fetch', arguments: '{}' } }] } }], usage: { total_tokens: 50 } }) }));
    servers.push(reporting);
    const registry = new LocalRegistry(ws.registryFile);
    await registry.registerVersion('support-agent', reporting.url, {});
    await ws.write('prod.jsonl', inferenceRows(10));
    const { result } = await runMode('shadow', contextOf(config(judge.url), ws.dir).ctx, { modelVersion: '3' });
    const m = (result as ShadowResult).measures;
    expect(m?.candidate).toMatchObject({ meanTokens: 50, meanToolCalls: 2 });
    expect(m?.champion).toMatchObject({ meanTokens: null, meanToolCalls: 0 });
    expect(m?.counts).toEqual({ candidate: 0, champion: 0, tie: 10 });
  });

  it('reads a tool-calling agent as evaluate does: a reply of tool calls alone is an answer, usage in either naming', async () => {
    const { judge, prompts } = await agents(null);
    const toolOnly = await startAgent(() => ({
      body: JSON.stringify({
        choices: [{ message: { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'lookup_order', arguments: '{"id": 7}' } }] } }],
        usage: { prompt_tokens: 30, completion_tokens: 12 },
      }),
    }));
    servers.push(toolOnly);
    await new LocalRegistry(ws.registryFile).registerVersion('support-agent', toolOnly.url, {});
    await ws.write('prod.jsonl', inferenceRows(10));
    const { result } = await runMode('shadow', contextOf(config(judge.url), ws.dir).ctx, { modelVersion: '3' });
    const m = (result as ShadowResult).measures;
    expect(m?.candidate).toMatchObject({ errors: 0, errorRate: 0, meanTokens: 42, meanToolCalls: 1 });
    expect(m?.judged).toBe(10);
    // The judge sees the call the agent made, not an empty answer.
    expect(prompts.every((p) => p.includes('[tool call] lookup_order({"id": 7})'))).toBe(true);
  });

  it('judges only pairs both sides answered, and reports each side\'s failures', async () => {
    const { judge, prompts } = await agents(null);
    const flaky = await startAgent((q) => (Number(/question (\d+)/.exec(q)?.[1]) % 4 === 0 ? { status: 400, text: 'bad request' } : { text: `GOOD answer to ${q}` }));
    servers.push(flaky);
    await new LocalRegistry(ws.registryFile).registerVersion('support-agent', flaky.url, {});
    await ws.write('prod.jsonl', inferenceRows(20));
    const { result } = await runMode('shadow', contextOf(config(judge.url), ws.dir).ctx, { modelVersion: '3' });
    const m = (result as ShadowResult).measures;
    expect(m).toMatchObject({ replayed: 20, judged: 15, counts: { candidate: 0, champion: 0, tie: 15 } });
    expect(m?.candidate).toMatchObject({ errors: 5, errorRate: 0.25 });
    expect(m?.champion).toMatchObject({ errors: 0, errorRate: 0 });
    expect(prompts).toHaveLength(15);
    const report = JSON.parse(await readFile(path.join(ws.dir, '.agent-release/support-agent/v3/shadow.json'), 'utf8'));
    expect(report.candidate.errors).toBe(5);
    expect(report.champion_checks.errors).toBe(0);
  });

  it('says why the judge failed (its HTTP status, never its reply), once, when it fails on the pairs', async () => {
    await agents(null);
    const judge = await startAgent(() => ({ status: 401, text: 'invalid api key' }));
    servers.push(judge);
    await ws.write('prod.jsonl', inferenceRows(6));
    const { ctx, logger } = contextOf(config(judge.url), ws.dir);
    const { result } = await runMode('shadow', ctx, { modelVersion: '2' });
    expect((result as ShadowResult).measures).toMatchObject({ judged: 0, judgeErrors: 6 });
    const warnings = logger.lines.filter((l) => l.startsWith('warn: the judge failed'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^warn: the judge failed on 6 of the pairs both sides answered, which are left out of the counts; the first: pairwise judge: .*HTTP 401.*\. Check shadow\.judge \(url, headers, model\)$/);

    const chatty = await startAgent(() => ({ text: 'Answer A quoted the customer: my card number is 4111' }));
    servers.push(chatty);
    const second = contextOf(config(chatty.url), ws.dir);
    await runMode('shadow', second.ctx, { modelVersion: '2' });
    const line = second.logger.lines.find((l) => l.startsWith('warn: the judge failed'));
    expect(line).toContain('the first: pairwise judge: its reply was not {"better": "A" | "B" | "tie"}');
    expect(line).not.toContain('4111');
  });

  it('writes the texts only with record_text, after redaction', async () => {
    const { judge } = await agents(null);
    await ws.write('prod.jsonl', inferenceRows(10));
    const { ctx } = contextOf(config(judge.url, '  record_text: true\n  redact: ["[\\\\w.]+@[\\\\w.]+"]\n'), ws.dir);
    const { result } = await runMode('shadow', ctx, { modelVersion: '2' });
    const pairs = (await readFile(path.join(ws.dir, (result as ShadowResult).pairsPath ?? ''), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(pairs).toHaveLength(10);
    expect(JSON.stringify(pairs)).not.toContain('jane.doe@example.com');
    expect(pairs[0].request).toContain('from [REDACTED]');
    expect(pairs[0].candidate).toMatch(/^GOOD answer to question \d+ from \[REDACTED\]$/);
  });

  describe('the gate rule shadow', () => {
    async function gateAfterShadow(badEvery: number | null, rows: number, gate: string) {
      const { judge } = await agents(badEvery);
      await ws.write('prod.jsonl', inferenceRows(rows));
      await writeEvaluation(ws, { version: '2', scores: { contains: passFail(10, 9) } });
      const text = config(judge.url, '', gate);
      await runMode('shadow', contextOf(text, ws.dir).ctx, { modelVersion: '2' });
      const { result } = await runMode('gate', contextOf(text, ws.dir).ctx, { modelVersion: '2' });
      return (result as GateResult).rules.find((r) => r.rule === 'shadow');
    }

    it('blocks a candidate that loses on 30% of replayed traffic, with the numbers', async () => {
      const rule = await gateAfterShadow(3, 200, '  shadow: { min_replayed: 100 }\n');
      expect(rule?.passed).toBe(false);
      expect(rule?.reason).toMatch(/^shadow: the candidate loses to the champion on replayed traffic: wins 0\.0%, losses 3\d\.\d%, ties 6\d\.\d% of 200 pairs against v1; losses − wins 3\d\.\d% \(95% interval 2\d\.\d% to 4\d\.\d%\), all above the allowed 0\.0%$/);
    });

    it('passes an equal candidate, and the decision records the report it read', async () => {
      const rule = await gateAfterShadow(null, 120, '  shadow: { min_replayed: 100 }\n');
      const decision = JSON.parse(await readFile(path.join(ws.dir, '.agent-release/support-agent/v2/decision.json'), 'utf8'));
      expect(decision.inputs['.agent-release/support-agent/v2/shadow.json']).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(rule).toMatchObject({ passed: true });
      expect(rule?.reason).toContain('shadow: not worse than the champion on replayed traffic: wins 0.0%, losses 0.0%, ties 100.0% of 120 pairs against v1');
    });

    it('fails when the champion never answered, without calling the judge', async () => {
      const { judge, prompts } = await agents(null);
      const closed = await startAgent();
      await closed.close();
      const registry = new LocalRegistry(ws.registryFile);
      await registry.registerVersion('support-agent', closed.url, {});
      await registry.setAlias('support-agent', 'champion', '3', '1');
      await ws.write('prod.jsonl', inferenceRows(30));
      await writeEvaluation(ws, { version: '2', scores: { contains: passFail(10, 9) } });
      const text = config(judge.url, '', '  shadow: { min_replayed: 10 }\n');
      const { result: replayed } = await runMode('shadow', contextOf(text, ws.dir).ctx, { modelVersion: '2' });
      expect((replayed as ShadowResult).measures).toMatchObject({ judged: 0, counts: { candidate: 0, champion: 0, tie: 0 }, champion: { errors: 30, errorRate: 1 } });
      expect(prompts).toHaveLength(0);
      const { result } = await runMode('gate', contextOf(text, ws.dir).ctx, { modelVersion: '2' });
      expect((result as GateResult).decision).toBe('fail');
      expect((result as GateResult).rules.find((r) => r.rule === 'shadow')).toMatchObject({
        passed: false,
        reason: expect.stringMatching(/^shadow: the champion \(v3\) answered none of the 30 replayed requests, so nothing could be judged; check evaluate\.endpoint/),
      });
    });

    it.each([
      ['either side past max_error_rate', 4, '  shadow: { min_replayed: 10 }\n', /^shadow: the candidate \(v3\) failed to answer 25\.0% of the replayed requests \(10 of 40\), above max_error_rate 10\.0%/],
      ['the candidate failing more often than the champion by more than max_error_increase', 10, '  shadow: { min_replayed: 10, max_error_rate: 0.5 }\n', /^shadow: the candidate failed to answer 10\.0% of the replayed requests, the champion v1 0\.0%: more than max_error_increase 2\.0% above it$/],
    ])('fails with %s', async (_what, failEvery, gate, reason) => {
      const { judge } = await agents(null);
      const flaky = await startAgent((q) => (Number(/question (\d+)/.exec(q)?.[1]) % failEvery === 0 ? { status: 400, text: 'no' } : { text: `GOOD answer to ${q}` }));
      servers.push(flaky);
      const registry = new LocalRegistry(ws.registryFile);
      await registry.registerVersion('support-agent', flaky.url, {});
      await ws.write('prod.jsonl', inferenceRows(40));
      await writeEvaluation(ws, { version: '3', scores: { contains: passFail(10, 9) } });
      const text = config(judge.url, '', gate);
      await runMode('shadow', contextOf(text, ws.dir).ctx, { modelVersion: '3' });
      const { result } = await runMode('gate', contextOf(text, ws.dir).ctx, { modelVersion: '3' });
      const rule = (result as GateResult).rules.find((r) => r.rule === 'shadow');
      expect(rule?.passed).toBe(false);
      expect(rule?.reason).toMatch(reason);
    });

    it('fails when the champion changed since the replay', async () => {
      const { judge } = await agents(null);
      await ws.write('prod.jsonl', inferenceRows(20));
      await writeEvaluation(ws, { version: '2', scores: { contains: passFail(10, 9) } });
      const text = config(judge.url, '', '  shadow: { min_replayed: 10 }\n');
      await runMode('shadow', contextOf(text, ws.dir).ctx, { modelVersion: '2' });
      const registry = new LocalRegistry(ws.registryFile);
      await registry.registerVersion('support-agent', 'http://v3', {});
      await registry.setAlias('support-agent', 'champion', '3', '1');
      const { result } = await runMode('gate', contextOf(text, ws.dir).ctx, { modelVersion: '2' });
      expect((result as GateResult).rules.find((r) => r.rule === 'shadow')).toMatchObject({
        passed: false,
        reason: '.agent-release/support-agent/v2/shadow.json compared version 2 with v1, but v3 is the champion now; re-run agent-release shadow --model-version 2',
      });
    });

    it('fails with too few judged pairs, and without a report', async () => {
      expect((await gateAfterShadow(null, 50, '  shadow: { min_replayed: 100 }\n'))?.reason).toBe(
        'shadow: only 50 replayed requests were judged against v1, fewer than min_replayed 100; replay more (shadow.requests.sample) or export more traffic',
      );
      await writeEvaluation(ws, { version: '3', scores: { contains: passFail(10, 9) } });
      await new LocalRegistry(ws.registryFile).registerVersion('support-agent', 'http://v3', {});
      const { result } = await runMode('gate', contextOf(config('http://judge', '', '  shadow: {}\n'), ws.dir).ctx, { modelVersion: '3' });
      expect((result as GateResult).rules.find((r) => r.rule === 'shadow')?.reason).toBe(
        'gate.shadow needs the shadow replay\'s report .agent-release/support-agent/v3/shadow.json, which does not exist; run agent-release shadow --model-version 3 first',
      );
    });

    it('is skipped on a first release, which shadow itself refuses (no champion to replay against), so the release can pass', async () => {
      const registry = new LocalRegistry(ws.registryFile);
      await registry.registerVersion('support-agent', 'http://v1', {});
      await writeEvaluation(ws, { version: '1', scores: { contains: passFail(10, 9) } });
      const text = config('http://judge', '', '  shadow: {}\n');
      await expect(runMode('shadow', contextOf(text, ws.dir).ctx, { modelVersion: '1' })).rejects.toThrow('but no version holds it; promote a first version before comparing (on a first release gate.shadow is skipped, so the gate does not need this)');
      const { result, failed } = await runMode('gate', contextOf(text, ws.dir).ctx, { modelVersion: '1' });
      expect(failed).toBe(false);
      expect((result as GateResult).rules.find((r) => r.rule === 'shadow')).toMatchObject({
        passed: true,
        reason: 'shadow: no version holds @champion yet (first release): nothing to replay against, so the shadow comparison is skipped',
      });
    });
  });
});

describe('the pairwise statistics', () => {
  it('puts a normal interval on losses − wins with the trinomial variance', async () => {
    const { comparePairs, significantlyWorse } = await import('../../src/shadow/stats');
    const c = comparePairs({ candidate: 10, champion: 30, tie: 60 }, 0.95);
    // se = sqrt((0.1 + 0.3 − 0.2²) / 100) = 0.06; z(95%) = 1.96
    expect(c?.netLoss).toBeCloseTo(0.2, 12);
    expect(c?.interval.low).toBeCloseTo(0.2 - 1.959964 * 0.06, 5);
    expect(c?.interval.high).toBeCloseTo(0.2 + 1.959964 * 0.06, 5);
    expect(c && significantlyWorse(c, 0)).toBe(true);
    expect(c && significantlyWorse(c, 0.1)).toBe(false);
    expect(comparePairs({ candidate: 0, champion: 0, tie: 0 }, 0.95)).toBeNull();
  });

  it('half the pairs show the candidate first, drawn by the seed', async () => {
    const { candidateFirstPlan } = await import('../../src/shadow/judge');
    const plan = candidateFirstPlan(101, 3);
    expect(plan.filter(Boolean)).toHaveLength(51);
    expect(candidateFirstPlan(101, 3)).toEqual(plan);
    expect(candidateFirstPlan(101, 4)).not.toEqual(plan);
  });
});

describe('shadow settings', () => {
  const load = async (requests: string, registry = '') => {
    const { parseConfig } = await import('../../src/config/load');
    const { jsonSchemaProblem } = await import('../../src/evaluate/json-schema');
    return parseConfig(`version: 1\nmodel: { name: support-agent${registry} }\nshadow:\n  requests: ${requests}\n  judge: { url: "http://judge/v1/chat/completions" }\n`, { file: 'agent-release.yml', workdir: '/ws', env: {}, checkJsonSchema: jsonSchemaProblem });
  };

  it.each([
    ['neither source', '{ sample: 10 }', 'give the recorded requests as path (an inference table export) or as mlflow_traces (an experiment and a window), one of the two'],
    ['both sources', '{ path: a.jsonl, mlflow_traces: { experiment: prod } }', 'one of the two'],
    ['a format for traces', '{ mlflow_traces: { experiment: prod }, format: csv }', 'format applies to path only'],
    ['a bad until', '{ mlflow_traces: { experiment: prod, until: yesterday } }', 'an ISO 8601 time'],
  ])('refuses %s', async (_what, requests, message) => {
    await expect(load(requests)).rejects.toThrow(message);
  });

  it('reading traces needs the tracking server of an mlflow or unity-catalog registry', async () => {
    const ws2 = await makeWorkspace();
    try {
      const registry = new LocalRegistry(ws2.registryFile);
      await registry.registerVersion('support-agent', 'http://v1', {});
      await registry.registerVersion('support-agent', 'http://v2', {});
      await registry.setAlias('support-agent', 'champion', '1', null);
      const text = 'version: 1\nmodel: { name: support-agent }\nevaluate:\n  dataset: { path: g.jsonl }\n  endpoint: { url: "{{source}}/v1/chat/completions" }\n  scorers: [{ type: contains }]\nshadow:\n  requests: { mlflow_traces: { experiment: prod } }\n  judge: { url: "http://judge/v1/chat/completions" }\n';
      await expect(runMode('shadow', contextOf(text, ws2.dir).ctx, { modelVersion: '2' })).rejects.toThrow(
        'agent-release.yml: shadow.requests.mlflow_traces reads the tracking server of registry mlflow or unity-catalog; model.registry is local. Export the requests to a file and give shadow.requests.path instead',
      );
    } finally {
      await ws2.cleanup();
    }
  });
});
