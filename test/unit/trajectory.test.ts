import fc from 'fast-check';
import type { ArgumentMatch, TrajectoryMode } from '../../src/config/evaluate-schema';
import { evaluateSchema } from '../../src/config/evaluate-schema';
import type { ToolCall } from '../../src/contract/results';
import type { Example } from '../../src/evaluate/dataset';
import { createScorer } from '../../src/evaluate/scorers';
import { judgeTrajectory, type TrajectoryRules } from '../../src/evaluate/trajectory';

const rules = (mode: TrajectoryMode, options: Partial<TrajectoryRules> & { args?: ArgumentMatch } = {}): TrajectoryRules => ({
  mode,
  argumentsFor: () => options.args ?? 'exact',
  forbidden: options.forbidden ?? new Set(),
  ...(options.maxCalls !== undefined ? { maxCalls: options.maxCalls } : {}),
});
const pass = (made: ToolCall[], expected: ToolCall[], mode: TrajectoryMode, args: ArgumentMatch = 'exact') => judgeTrajectory(made, expected, rules(mode, { args })).passed;

const call: fc.Arbitrary<ToolCall> = fc.record({ name: fc.constantFrom('search', 'get_weather', 'book', 'cancel'), arguments: fc.oneof(fc.constant({}), fc.record({ city: fc.constantFrom('Paris', 'Oslo') }), fc.record({ n: fc.integer({ min: 0, max: 3 }) })) });
const calls = fc.array(call, { maxLength: 6 });
const modes: TrajectoryMode[] = ['strict', 'unordered', 'subset', 'superset'];

describe('trajectory modes (properties)', () => {
  it('strict implies unordered, which implies subset and superset', () => {
    fc.assert(
      fc.property(calls, calls, fc.constantFrom<ArgumentMatch>('exact', 'subset', 'ignore'), (made, expected, args) => {
        if (pass(made, expected, 'strict', args)) expect(pass(made, expected, 'unordered', args)).toBe(true);
        if (pass(made, expected, 'unordered', args)) {
          expect(pass(made, expected, 'subset', args)).toBe(true);
          expect(pass(made, expected, 'superset', args)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a permutation passes unordered and fails strict when it moves a distinguishable call', () => {
    fc.assert(
      fc.property(fc.uniqueArray(call, { minLength: 2, maxLength: 6, selector: (c) => JSON.stringify(c) }), fc.infiniteStream(fc.nat()), (expected, picks) => {
        // A Fisher-Yates shuffle driven by the generated stream; rotate once if it left the order as it was.
        const made = [...expected];
        for (let i = made.length - 1; i > 0; i--) {
          const j = (picks.next().value as number) % (i + 1);
          [made[i], made[j]] = [made[j] as ToolCall, made[i] as ToolCall];
        }
        if (made.every((c, i) => c === expected[i])) made.push(made.shift() as ToolCall);
        expect(pass(made, expected, 'unordered')).toBe(true);
        expect(pass(made, expected, 'strict')).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('a forbidden call always fails, in every mode, expected or not', () => {
    fc.assert(
      fc.property(calls, calls, fc.nat(), fc.constantFrom(...modes), (made, expected, at, mode) => {
        const withForbidden = [...made];
        withForbidden.splice(at % (made.length + 1), 0, { name: 'delete_account', arguments: {} });
        const verdict = judgeTrajectory(withForbidden, [...expected, { name: 'delete_account' }], rules(mode, { forbidden: new Set(['delete_account']), args: 'ignore' }));
        expect(verdict.passed).toBe(false);
        expect(verdict.problems[0]).toBe('called forbidden tool delete_account');
      }),
      { numRuns: 300 },
    );
  });

  it('precision and recall are 1 exactly when unordered passes, and F1 lies between them', () => {
    fc.assert(
      fc.property(calls, calls, (made, expected) => {
        const v = judgeTrajectory(made, expected, rules('unordered'));
        expect(v.precision === 1 && v.recall === 1).toBe(v.passed);
        expect(v.f1).toBeGreaterThanOrEqual(Math.min(v.precision, v.recall) - 1e-12);
        expect(v.f1).toBeLessThanOrEqual(Math.max(v.precision, v.recall) + 1e-12);
      }),
      { numRuns: 300 },
    );
  });
});

describe('trajectory matching', () => {
  const weather = { name: 'get_weather', arguments: { city: 'Paris', unit: 'C' } };
  const search = { name: 'search', arguments: { q: 'flights' } };

  it.each([
    ['strict, same order', [weather, search], [weather, search], 'strict', true],
    ['strict, swapped', [search, weather], [weather, search], 'strict', false],
    ['unordered, swapped', [search, weather], [weather, search], 'unordered', true],
    ['unordered, one repeated', [weather, weather, search], [weather, search], 'unordered', false],
    ['subset, one missing', [weather], [weather, search], 'subset', true],
    ['subset, one extra', [weather, search, search], [weather, search], 'subset', false],
    ['superset, one extra', [weather, search, search], [weather, search], 'superset', true],
    ['superset, one missing', [weather], [weather, search], 'superset', false],
  ] as const)('%s: %s', (_name, made, expected, mode, passed) => {
    expect(judgeTrajectory([...made], [...expected], rules(mode)).passed).toBe(passed);
  });

  it('matches arguments exactly, as a subset, or not at all', () => {
    const made = [{ name: 'get_weather', arguments: { city: 'Paris', unit: 'C' } }];
    expect(pass(made, [{ name: 'get_weather', arguments: { city: 'Paris' } }], 'strict', 'exact')).toBe(false);
    expect(pass(made, [{ name: 'get_weather', arguments: { city: 'Paris' } }], 'strict', 'subset')).toBe(true);
    expect(pass(made, [{ name: 'get_weather', arguments: { city: 'Oslo' } }], 'strict', 'subset')).toBe(false);
    expect(pass(made, [{ name: 'get_weather', arguments: { city: 'Oslo' } }], 'strict', 'ignore')).toBe(true);
    // An expected call without arguments accepts any.
    expect(judgeTrajectory(made, [{ name: 'get_weather' }], rules('strict')).passed).toBe(true);
  });

  it('counts precision, recall and F1 on the best pairing', () => {
    const v = judgeTrajectory([weather, weather, { name: 'book', arguments: {} }], [weather, search], rules('unordered'));
    expect([v.precision, v.recall, v.f1]).toEqual([1 / 3, 1 / 2, 0.4]);
    expect(v.problems).toEqual(['2 unexpected and 1 missing calls ([get_weather, get_weather, book] vs [get_weather, search])']);
  });

  it('fails a call budget overrun whatever the mode', () => {
    const v = judgeTrajectory([weather, weather], [weather], rules('superset', { maxCalls: 1 }));
    expect(v).toMatchObject({ passed: false, problems: ['made 2 calls, more than max_calls 1'] });
  });
});

describe('the tool_calls scorer', () => {
  const scorerOf = (options: Record<string, unknown>) =>
    createScorer(evaluateSchema.parse({ dataset: { path: 'd.jsonl' }, endpoint: { url: 'http://x' }, scorers: [{ type: 'tool_calls', ...options }] }).scorers![0]!);
  const example = (fields: Record<string, unknown>): Example => ({ id: 'a', line: 1, input: 'q', messages: [{ role: 'user', content: 'q' }], expected: undefined, fields });

  it('scores pass/fail with precision, recall and F1 as parts, and says why it failed', async () => {
    const scorer = scorerOf({ mode: 'unordered', tools: { search: { arguments: 'ignore' } } });
    expect(scorer.parts?.map((p) => p.name)).toEqual(['tool_calls.precision', 'tool_calls.recall', 'tool_calls.f1']);
    const outcome = await scorer.score({
      answer: '',
      latencyMs: 1,
      toolCalls: [{ name: 'search', arguments: { q: 'anything' } }],
      example: example({ expected_tool_calls: [{ name: 'search', arguments: { q: 'flights' } }, { name: 'book' }] }),
    });
    expect(outcome).toEqual({
      score: 0,
      parts: { 'tool_calls.precision': 1, 'tool_calls.recall': 0.5, 'tool_calls.f1': 2 / 3 },
      reason: '0 unexpected and 1 missing calls ([search] vs [search, book])',
    });
  });

  it('has nothing to judge a row without expected calls by, unless forbidden tools or a budget are set', async () => {
    const input = { answer: '', latencyMs: 1, toolCalls: [{ name: 'delete_account', arguments: {} }], example: example({}) };
    expect((await scorerOf({}).score(input)).score).toBeNull();
    expect(await scorerOf({ forbidden: ['delete_account'] }).score(input)).toMatchObject({ score: 0, reason: 'called forbidden tool delete_account', parts: { 'tool_calls.f1': null } });
  });

  it.each([
    [{ expected_tool_calls: 'search' }, 'field "expected_tool_calls" is not a JSON list of {name, arguments} calls'],
    [{ expected_tool_calls: [{ tool: 'search' }] }, 'field "expected_tool_calls" item 1 "name": expected string, received undefined; write a list of calls like [{"name": "search"'],
  ])('refuses malformed expected calls before any request: %j', (fields, message) => {
    expect(scorerOf({}).checkExample?.(example(fields))).toContain(message);
  });

  it('reads expected calls written as JSON in a CSV cell', async () => {
    const outcome = await scorerOf({}).score({ answer: '', latencyMs: 1, toolCalls: [{ name: 'search', arguments: {} }], example: example({ expected_tool_calls: '[{"name":"search","arguments":{}}]' }) });
    expect(outcome.score).toBe(1);
  });
});
