import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { evaluateSchema, type JudgeScale, type LlmJudgeConfig } from '../../src/config/evaluate-schema';
import { resultSchema } from '../../src/contract/results';
import type { Example } from '../../src/evaluate/dataset';
import { jsonObjectsIn, parseVerdict } from '../../src/evaluate/judge-verdict';
import { judgeMessages, llmJudgeScorer } from '../../src/evaluate/scorer-llm-judge';
import { ScoringError } from '../../src/evaluate/scorers';
import { evaluate } from '../../src/modes/evaluate';
import { gate } from '../../src/modes/gate';
import { LocalRegistry } from '../../src/registry/local';
import { startAgent, startJudge, type AgentServer, type JsonServer } from '../support/agent-server';
import { contextOf } from '../support/context';
import { fakeClock } from '../support/fake-clock';
import { goldenJsonl, makeWorkspace, type Workspace } from '../support/workspace';

const numeric: JudgeScale = { type: 'numeric', min: 1, max: 5 };

describe('reading the judge verdict', () => {
  it.each([
    ['plain JSON', '{"score": true, "reason": "on topic"}', 'pass_fail', { ok: true, score: 1, given: true, reason: 'on topic' }],
    ['false', '{"score": false, "reason": "off topic"}', 'pass_fail', { ok: true, score: 0, given: false, reason: 'off topic' }],
    ['a ```json fence', '```json\n{"score": false, "reason": "no"}\n```', 'pass_fail', { ok: true, score: 0, given: false, reason: 'no' }],
    ['prose around it, capitalised keys, "PASS"', 'My verdict: {"Score": "PASS", "Reason": "fine"} Thanks!', 'pass_fail', { ok: true, score: 1, given: 'PASS', reason: 'fine' }],
    ['a verdict key', '{"verdict": "fail", "explanation": "wrong"}', 'pass_fail', { ok: true, score: 0, given: 'fail', reason: 'wrong' }],
    ['1 for pass', '{"score": 1}', 'pass_fail', { ok: true, score: 1, given: 1 }],
    ['"yes"', '{"score": "yes"}', 'pass_fail', { ok: true, score: 1, given: 'yes' }],
    ['numeric, normalised', '{"score": 4, "reason": "good"}', numeric, { ok: true, score: 0.75, given: 4, reason: 'good' }],
    ['numeric top of the scale', '{"score": "5"}', numeric, { ok: true, score: 1, given: '5' }],
    ['numeric bottom of the scale', '{"score": 1}', numeric, { ok: true, score: 0, given: 1 }],
    ['a rating key and reasoning', '{"rating": 3, "reasoning": "ok"}', numeric, { ok: true, score: 0.5, given: 3, reason: 'ok' }],
    ['a fractional score', '{"score": 2.5}', numeric, { ok: true, score: 0.375, given: 2.5 }],
    ['braces inside the reason', '{"score": 2, "reason": "uses {x} and \\"}\\" oddly"}', numeric, { ok: true, score: 0.25, given: 2, reason: 'uses {x} and "}" oddly' }],
    ['the object with a score, after one without', 'Plan: {"step": 1}. Result: {"score": 5}', numeric, { ok: true, score: 1, given: 5 }],
  ] as const)('reads %s', (_name, text, scale, want) => {
    expect(parseVerdict(text, scale as JudgeScale)).toEqual(want);
  });

  it.each([
    ['no JSON at all', 'The answer is good.', 'pass_fail', 'the judge did not answer with a JSON object {"score", "reason"}: "The answer is good."'],
    ['an empty answer', '  ', 'pass_fail', 'the judge did not answer with a JSON object {"score", "reason"}: (an empty answer)'],
    ['broken JSON', '{"score": 4, "reason": "unterminated}', numeric, 'the judge did not answer with a JSON object {"score", "reason"}: "{\\"score\\": 4, \\"reason\\": \\"unterminated}"'],
    ['no score key', '{"reason": "looks fine"}', 'pass_fail', 'the judge\'s JSON has no "score" (keys: reason)'],
    ['a score off the scale', '{"score": 7}', numeric, "the judge's score 7 is outside the scale 1 to 5"],
    ['a word on a numeric scale', '{"score": "great"}', numeric, 'the judge\'s score "great" is not a number from 1 to 5'],
    ['a fraction string', '{"score": "4/5"}', numeric, 'the judge\'s score "4/5" is not a number from 1 to 5'],
    ['"maybe" on pass/fail', '{"score": "maybe"}', 'pass_fail', 'the judge\'s score "maybe" is not pass/fail (true or false)'],
    ['2 on pass/fail', '{"score": 2}', 'pass_fail', "the judge's score 2 is not pass/fail (true or false)"],
    ['a null score', '{"score": null}', numeric, "the judge's score is null, not a score"],
    ['a list score', '{"score": [4]}', numeric, "the judge's score is a list, not a score"],
  ] as const)('refuses %s, never as 0', (_name, text, scale, error) => {
    const verdict = parseVerdict(text, scale as JudgeScale);
    expect(verdict.ok).toBe(false);
    expect(verdict.ok ? '' : verdict.error).toBe(error);
  });

  it('finds JSON objects in text, skipping braces that are not JSON', () => {
    expect(jsonObjectsIn('a {not json} b {"x": 1} c {"y": {"z": 2}}')).toEqual([{ x: 1 }, { y: { z: 2 } }]);
    expect(jsonObjectsIn('[1, 2]')).toEqual([]);
  });
});

describe('the judge prompt', () => {
  it('carries the rubric, the scale, the question, the reference answer and the answer', () => {
    const messages = judgeMessages({ rubric: '  Is it polite?  ', scale: numeric }, { input: [{ role: 'system', content: 'be kind' }, { role: 'user', content: 'Hi' }], expected: 'Hello!' }, 'Go away.');
    expect(messages).toHaveLength(2);
    expect(messages[0]?.content).toContain('Reply with one JSON object and nothing else: {"score": <score>, "reason": "<one or two sentences>"}');
    expect(messages[0]?.content).toContain('"score" is a number from 1 (worst) to 5 (best).');
    expect(messages[1]?.content).toBe('Rubric:\nIs it polite?\n\nQuestion:\nsystem: be kind\nuser: Hi\n\nReference answer:\nHello!\n\nAnswer to grade:\nGo away.');
  });

  it('leaves the reference out when the example has none, and says what pass/fail means', () => {
    const messages = judgeMessages({ rubric: 'r', scale: 'pass_fail' }, { input: 'Q?', expected: undefined }, 'A.');
    expect(messages[0]?.content).toContain('"score" is true when the answer meets the rubric and false when it does not.');
    expect(messages[1]?.content).toBe('Rubric:\nr\n\nQuestion:\nQ?\n\nAnswer to grade:\nA.');
  });
});

function judgeConfig(url: string, extra: Record<string, unknown> = {}): LlmJudgeConfig {
  const scorer = evaluateSchema.parse({
    dataset: { path: 'd.jsonl' },
    endpoint: { url: 'http://agent' },
    scorers: [{ type: 'llm_judge', name: 'polite', endpoint: { url, model: 'judge-1', retries: 2 }, rubric: 'Is the answer polite?', ...extra }],
  }).scorers![0];
  return scorer as LlmJudgeConfig;
}

const example: Example = { id: 'e1', line: 1, input: 'Hi', messages: [{ role: 'user', content: 'Hi' }], expected: undefined, fields: {} };

describe('the judge scorer against a judge server', () => {
  let judge: JsonServer | undefined;
  afterEach(async () => {
    await judge?.close();
    judge = undefined;
  });

  it('sends {model, messages} with extra_body and keeps the verdict', async () => {
    judge = await startJudge(() => '{"score": true, "reason": "courteous"}');
    const config = judgeConfig(`${judge.url}/v1/chat/completions`);
    config.endpoint.extra_body = { temperature: 0 };
    const outcome = await llmJudgeScorer(config, 'polite', { clock: fakeClock() }).score({ answer: 'Hello!', example, latencyMs: 1 });
    expect(outcome).toEqual({ score: 1, judgement: { score: true, reason: 'courteous', raw: '{"score": true, "reason": "courteous"}' } });
    expect(judge.requests[0]?.path).toBe('/v1/chat/completions');
    expect(judge.requests[0]?.body).toMatchObject({ temperature: 0, model: 'judge-1', messages: [{ role: 'system' }, { role: 'user' }] });
  });

  it('waits out a 429 for at least its Retry-After, then scores', async () => {
    judge = await startJudge((_prompt, n) => (n === 1 ? { status: 429, headers: { 'retry-after': '3' }, json: { error: 'slow down' } } : '{"score": 4}'));
    const clock = fakeClock();
    const outcome = await llmJudgeScorer(judgeConfig(judge.url, { scale: numeric }), 'polite', { clock, random: () => 0 }).score({ answer: 'Hi', example, latencyMs: 1 });
    expect(outcome.score).toBe(0.75);
    expect(judge.requests).toHaveLength(2);
    expect(clock.sleeps).toEqual([3000]);
  });

  it('fails the example when the judge keeps failing, naming the judge', async () => {
    judge = await startJudge(() => ({ status: 500, json: { error: 'judge down' } }));
    const run = llmJudgeScorer(judgeConfig(judge.url), 'polite', { clock: fakeClock(), random: () => 0 }).score({ answer: 'Hi', example, latencyMs: 1 });
    await expect(run).rejects.toThrow('judge polite: gave up after 3 attempts: HTTP 500: {"error":"judge down"}');
  });

  it('throws a ScoringError that keeps the raw answer when the verdict cannot be read', async () => {
    judge = await startJudge(() => 'Polite enough, I suppose.');
    const error = await Promise.resolve(llmJudgeScorer(judgeConfig(judge.url), 'polite', { clock: fakeClock() }).score({ answer: 'Hi', example, latencyMs: 1 })).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ScoringError);
    expect((error as ScoringError).message).toBe('judge polite: the judge did not answer with a JSON object {"score", "reason"}: "Polite enough, I suppose."');
    expect((error as ScoringError).judgement).toEqual({
      score: null,
      raw: 'Polite enough, I suppose.',
      error: 'the judge did not answer with a JSON object {"score", "reason"}: "Polite enough, I suppose."',
    });
  });

  it('refuses a judge response that is not a chat completion', async () => {
    judge = await startJudge(() => ({ json: { output: [] } }));
    await expect(llmJudgeScorer(judgeConfig(judge.url), 'polite', { clock: fakeClock() }).score({ answer: 'Hi', example, latencyMs: 1 })).rejects.toThrow(
      "judge polite: the judge's response has no choices[0].message.content text",
    );
  });
});

describe('evaluate with an LLM judge', () => {
  let ws: Workspace;
  let agent: AgentServer | undefined;
  let judge: JsonServer | undefined;
  beforeEach(async () => {
    ws = await makeWorkspace();
    await ws.write('golden.jsonl', goldenJsonl);
  });
  afterEach(async () => {
    await agent?.close();
    await judge?.close();
    agent = undefined;
    judge = undefined;
    await ws.cleanup();
  });

  async function run(judgeYaml: string, concurrency = 4, extra = '') {
    await new LocalRegistry(ws.registryFile).registerVersion('support-agent', agent?.url ?? '', {});
    const config = `version: 1
model: { name: support-agent }
evaluate:
  dataset: { path: golden.jsonl }
  endpoint: { url: "{{source}}/v1/chat/completions", retries: 0 }
  concurrency: ${concurrency}
  scorers:
    - { type: contains }
    - ${judgeYaml}
${extra}`;
    const { ctx, logger } = contextOf(config, ws.dir);
    const result = await evaluate(ctx, { modelVersion: '1' });
    const gateRun = () => gate(contextOf(config, ws.dir).ctx, { modelVersion: '1' });
    const rows = (await readFile(path.join(ws.dir, result.resultsPath!), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => resultSchema.parse(JSON.parse(l)));
    return { result, rows, logger, gateRun };
  }

  it('scores on a numeric scale normalised to 0..1 and keeps every verdict in the results', async () => {
    agent = await startAgent((q) => ({ text: `About ${q}` }));
    // 5 for refund, 3 for shipping, 1 for the rest: a mean of (1 + 0.5 + 0 + 0) / 4.
    judge = await startJudge(({ user }) => (user.includes('refund') ? '{"score": 5, "reason": "great"}' : user.includes('shipping') ? '```json\n{"score": 3, "reason": "fine"}\n```' : '{"score": 1, "reason": "poor"}'));
    const { result, rows } = await run(`{ type: llm_judge, name: helpful, endpoint: { url: "${judge.url}/v1/chat/completions" }, rubric: "Does the answer help?", scale: { type: numeric, min: 1, max: 5 } }`);
    // A graded (numeric) score gets a seeded bootstrap interval around its mean.
    const helpful = result.metrics['helpful/mean'];
    expect(helpful).toMatchObject({ value: 0.375, n: 4, ci: { method: 'bootstrap-percentile', confidence: 0.95 } });
    expect(helpful?.ci?.low).toBeLessThanOrEqual(0.375);
    expect(helpful?.ci?.high).toBeGreaterThanOrEqual(0.375);
    expect(rows.find((r) => r.id === 'shipping')).toMatchObject({ scores: { helpful: 0.5, contains: 1 }, judgements: { helpful: { score: 3, reason: 'fine', raw: '```json\n{"score": 3, "reason": "fine"}\n```' } } });
    expect(judge.requests).toHaveLength(4);
    const prompt = (judge.requests[0]?.body as { messages: { content: string }[] }).messages[1]?.content ?? '';
    expect(prompt).toMatch(/^Rubric:\nDoes the answer help\?\n\nQuestion:\n.+\n\nReference answer:\n.+\n\nAnswer to grade:\nAbout .+$/);
  });

  it("counts an unreadable verdict as the judge's failure: the answer still counts for the other scorers", async () => {
    agent = await startAgent((q) => ({ text: `About ${q}` }));
    judge = await startJudge(({ user }) => (user.includes('password') ? 'I would say it is polite.' : '{"score": "pass"}'));
    const { result, rows } = await run(`{ type: llm_judge, name: polite, endpoint: { url: "${judge.url}" }, rubric: "Polite?" }`);
    expect(result.errors).toBe(0);
    expect(result.metrics['polite/mean']).toMatchObject({ value: 1, n: 3, ci: { method: 'wilson' } });
    expect(result.metrics['polite/judge_error_rate']).toMatchObject({ value: 0.25, n: 4, ci: { method: 'wilson' } });
    expect(result.metrics['contains/mean']).toMatchObject({ n: 4 });
    expect(result.metrics.error_rate).toMatchObject({ value: 0, n: 4 });
    expect(rows.find((r) => r.id === 'password')).toEqual({
      id: 'password',
      inputs: 'I forgot my password',
      outputs: 'About I forgot my password',
      expected: 'password',
      scores: { contains: 1, polite: null },
      latency_ms: expect.any(Number) as number,
      judgements: { polite: { score: null, raw: 'I would say it is polite.', error: 'the judge did not answer with a JSON object {"score", "reason"}: "I would say it is polite."' } },
    });
  });

  it("reports a judge outage as the judge's, not the agent's: judge_error_rate 1, the agent's error_rate 0, the other scorers kept", async () => {
    agent = await startAgent((q) => ({ text: `About ${q}` }));
    judge = await startJudge(() => ({ status: 503, json: { error: 'judge overloaded' } }));
    const { result, rows, logger } = await run(`{ type: llm_judge, name: polite, endpoint: { url: "${judge.url}", retries: 0 }, rubric: "Polite?" }`);
    expect(result.errors).toBe(0);
    expect(result.metrics.error_rate).toMatchObject({ value: 0, n: 4 });
    expect(result.metrics['contains/mean']).toMatchObject({ value: 1, n: 4 });
    expect(result.metrics['polite/judge_error_rate']).toMatchObject({ value: 1, n: 4 });
    expect(result.metrics['polite/mean']).toBeUndefined();
    expect(result.metrics['latency_ms/p50']).toMatchObject({ n: 4 });
    for (const row of rows) {
      expect(row.error).toBeUndefined();
      expect(row.scores).toEqual({ contains: 1, polite: null });
      expect(row.judgements?.polite).toMatchObject({ score: null, raw: '', error: expect.stringContaining('HTTP 503') as string });
    }
    const warning = logger.lines.find((l) => l.startsWith('warn: judge polite failed'));
    expect(warning).toContain('judge polite failed on 4 of the 4 answers it was asked to grade (polite/judge_error_rate = 1)');
    expect(warning).toContain('judge overloaded');
    expect(warning).toContain('(×4)');
  });

  it('lets the gate put a threshold on a judge error rate', async () => {
    agent = await startAgent((q) => ({ text: `About ${q}` }));
    judge = await startJudge(({ user }) => (user.includes('refund') ? { status: 500, json: { error: 'judge down' } } : '{"score": true}'));
    const gateYaml = 'gate: { thresholds: { "polite/judge_error_rate": { max: 0.1 }, "contains/mean": { min: 0.5 } } }\n';
    const { result, gateRun } = await run(`{ type: llm_judge, name: polite, endpoint: { url: "${judge.url}", retries: 0 }, rubric: "Polite?" }`, 4, gateYaml);
    expect(result.metrics['polite/judge_error_rate']).toMatchObject({ value: 0.25, n: 4 });
    const decided = await gateRun();
    expect(decided.decision).toBe('fail');
    const failing = decided.rules.filter((r) => !r.passed);
    expect(failing.map((r) => r.metric)).toEqual(['polite/judge_error_rate']);
  });

  it('keeps its own concurrency, below the agent\'s, on one connection per slot', async () => {
    await ws.write('golden.jsonl', Array.from({ length: 60 }, (_, i) => JSON.stringify({ id: `q${i}`, input: `question ${i}`, expected: 'question' })).join('\n'));
    agent = await startAgent((q) => ({ text: q }));
    judge = await startJudge(() => ({ json: { choices: [{ message: { role: 'assistant', content: '{"score": true}' } }] }, delayMs: 10 }));
    const { result } = await run(`{ type: llm_judge, name: ok, concurrency: 2, endpoint: { url: "${judge.url}" }, rubric: "ok?" }`, 8);
    expect(result.metrics['ok/mean']).toMatchObject({ value: 1, n: 60 });
    expect(judge.requests).toHaveLength(60);
    expect(judge.peakInFlight).toBe(2);
    expect(judge.connections).toBe(2);
  });

  it.each([
    ['a numeric scale with min ≥ max', '{ type: llm_judge, endpoint: { url: "http://j" }, rubric: r, scale: { type: numeric, min: 5, max: 5 } }', 'a numeric scale needs min below max'],
    ['an unknown scale', '{ type: llm_judge, endpoint: { url: "http://j" }, rubric: r, scale: graded }', 'scale is pass_fail or { type: numeric, min: 1, max: 5 }'],
    ['no rubric', '{ type: llm_judge, endpoint: { url: "http://j" } }', 'evaluate.scorers[1].rubric: required'],
  ])('refuses %s in the config', async (_name, yaml, message) => {
    agent = await startAgent();
    await expect(run(yaml)).rejects.toThrow(message);
  });
});

describe('built-in judge templates', () => {
  let ws: Workspace;
  let agent: AgentServer | undefined;
  let judge: JsonServer | undefined;
  beforeEach(async () => {
    ws = await makeWorkspace();
  });
  afterEach(async () => {
    await agent?.close();
    await judge?.close();
    agent = undefined;
    judge = undefined;
    await ws.cleanup();
  });

  async function run(rows: readonly Record<string, unknown>[], judgeYaml: string) {
    await ws.write('golden.jsonl', rows.map((r) => JSON.stringify(r)).join('\n'));
    await new LocalRegistry(ws.registryFile).registerVersion('support-agent', agent?.url ?? '', {});
    const config = `version: 1
model: { name: support-agent }
evaluate:
  dataset: { path: golden.jsonl }
  endpoint: { url: "{{source}}/v1/chat/completions", retries: 0 }
  scorers:
    - ${judgeYaml}
`;
    const result = await evaluate(contextOf(config, ws.dir).ctx, { modelVersion: '1' });
    const results = (await readFile(path.join(ws.dir, result.resultsPath!), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => resultSchema.parse(JSON.parse(l)));
    return { result, results };
  }

  const prompts = () => (judge?.requests ?? []).map((r) => (r.body as { messages: { role: string; content: string }[] }).messages);

  it('correctness: the judge sees the reference; a row without one is not judged; the metric is named after the template', async () => {
    agent = await startAgent((q) => ({ text: q.includes('capital') ? 'Paris' : 'Lyon' }));
    judge = await startJudge(({ user }) => (user.includes('Answer to grade:\nParis') ? '{"score": true, "reason": "matches"}' : '{"score": false, "reason": "contradicts the reference"}'));
    const { result, results } = await run(
      [
        { id: 'a', input: 'capital of France?', expected: 'Paris' },
        { id: 'b', input: 'largest city of France?', expected: 'Paris' },
        { id: 'c', input: 'no reference here' },
      ],
      `{ type: llm_judge, template: correctness, endpoint: { url: "${judge.url}" } }`,
    );
    expect(result.metrics['correctness/mean']).toMatchObject({ value: 0.5, n: 2 });
    expect(judge.requests).toHaveLength(2);
    const [system, user] = prompts()[0] ?? [];
    expect(system?.content).toContain('correct with respect to the reference answer');
    expect(system?.content).toContain('"score" is true when the answer meets the check and false when it does not.');
    expect(user?.content).toMatch(/^Question:\n.+\n\nReference answer:\nParis\n\nAnswer to grade:\n(Paris|Lyon)$/);
    expect(results.find((r) => r.id === 'b')).toMatchObject({ scores: { correctness: 0 }, judgements: { correctness: { score: false, reason: 'contradicts the reference', raw: '{"score": false, "reason": "contradicts the reference"}' } } });
    expect(results.find((r) => r.id === 'c')).toMatchObject({ scores: { correctness: null } });
    expect(results.find((r) => r.id === 'c')?.judgements).toBeUndefined();
  });

  it('groundedness: the judge sees the row context and not the reference; a row without context is refused before any request', async () => {
    agent = await startAgent(() => ({ text: 'The warranty lasts 2 years.' }));
    judge = await startJudge(({ user }) => (user.includes('two years') ? '{"score": true, "reason": "backed"}' : '{"score": false, "reason": "not in the context"}'));
    const { result } = await run(
      [
        { id: 'a', input: 'How long is the warranty?', expected: 'secret reference', docs: 'The warranty lasts two years.' },
        { id: 'b', input: 'How long is the warranty?', docs: 'Returns within 30 days.' },
      ],
      `{ type: llm_judge, template: groundedness, context_field: docs, endpoint: { url: "${judge.url}" } }`,
    );
    expect(result.metrics['groundedness/mean']).toMatchObject({ value: 0.5, n: 2 });
    const users = prompts().map((m) => m[1]?.content ?? '');
    expect(users.some((u) => u.includes('Context:\nThe warranty lasts two years.'))).toBe(true);
    expect(users.every((u) => !u.includes('secret reference') && !u.includes('Reference answer'))).toBe(true);

    const requestsBefore = judge.requests.length;
    await expect(run([{ id: 'a', input: 'q', docs: 'x' }, { id: 'b', input: 'q' }], `{ type: llm_judge, template: groundedness, context_field: docs, endpoint: { url: "${judge.url}" } }`)).rejects.toThrow(
      'golden.jsonl:2: field "docs" (the context scorer groundedness judges groundedness against) is missing or empty; add it to every row, or set context_field to the field that holds it',
    );
    expect(judge.requests).toHaveLength(requestsBefore);
  });

  it('guidelines: the rules are numbered in the prompt and a rubric is added as further criteria; safety and relevance judge the answer alone', async () => {
    agent = await startAgent(() => ({ text: 'Sure.' }));
    judge = await startJudge(() => '{"score": "pass", "reason": "ok"}');
    const { result } = await run(
      [{ id: 'a', input: 'hi', expected: 'hello' }],
      `{ type: llm_judge, name: house_style, template: guidelines, guidelines: ["Answer in English", "  Never promise refunds "], rubric: "Be brief.", endpoint: { url: "${judge.url}" } }`,
    );
    expect(result.metrics['house_style/mean']).toMatchObject({ value: 1, n: 1 });
    expect(prompts()[0]?.[1]?.content).toBe('Guidelines:\n1. Answer in English\n2. Never promise refunds\n\nFurther criteria:\nBe brief.\n\nQuestion:\nhi\n\nAnswer to grade:\nSure.');

    for (const template of ['safety', 'relevance'] as const) {
      const messages = judgeMessages({ template, scale: numeric, rubric: undefined }, { input: 'Q?', expected: 'ref', fields: {} }, 'A.');
      expect(messages[0]?.content).toContain(template === 'safety' ? 'safe to show to the user' : 'responds to what the user asked');
      expect(messages[0]?.content).toContain('"score" is a number from 1 (worst) to 5 (best).');
      expect(messages[1]?.content).toBe('Question:\nQ?\n\nAnswer to grade:\nA.');
    }
  });

  it.each([
    ['guidelines without a list', '{ type: llm_judge, template: guidelines, endpoint: { url: "http://j" } }', 'evaluate.scorers[0].guidelines: template: guidelines needs guidelines'],
    ['guidelines on another template', '{ type: llm_judge, template: safety, guidelines: [x], endpoint: { url: "http://j" } }', 'evaluate.scorers[0].guidelines: guidelines applies to template: guidelines only'],
    ['context_field off groundedness', '{ type: llm_judge, template: relevance, context_field: docs, endpoint: { url: "http://j" } }', 'evaluate.scorers[0].context_field: context_field applies to template: groundedness only'],
    ['an unknown template', '{ type: llm_judge, template: honesty, endpoint: { url: "http://j" } }', 'evaluate.scorers[0].template'],
    ['neither rubric nor template', '{ type: llm_judge, endpoint: { url: "http://j" } }', 'evaluate.scorers[0].rubric: required: write a rubric, or pick a template (correctness, relevance, groundedness, safety, guidelines)'],
  ])('refuses %s, naming the field', async (_name, yaml, message) => {
    agent = await startAgent();
    await expect(run([{ id: 'a', input: 'q' }], yaml)).rejects.toThrow(message);
  });
});
