import { systemClock } from '../../src/clock';
import { evaluateSchema, type ScorerConfig } from '../../src/config/evaluate-schema';
import { parseConfig } from '../../src/config/load';
import { ConfigError } from '../../src/errors';
import { jsonSchemaProblem } from '../../src/evaluate/json-schema';
import type { Example } from '../../src/evaluate/dataset';
import { expectedRefusal, refusalPhrases } from '../../src/evaluate/scorer-refusal';
import { measure } from '../../src/evaluate/scorer-text';
import { buildScorer, createScorer, uniqueScorerNames, type Scorer } from '../../src/evaluate/scorers';
import { ScoringError } from '../../src/evaluate/scorer-types';

/** A scorer as the config loader would build it: defaults filled by the schema. */
function scorerOf(config: Record<string, unknown>): Scorer {
  return createScorer(parseScorer(config));
}

function parseScorer(config: Record<string, unknown>): ScorerConfig {
  return evaluateSchema.parse({ dataset: { path: 'd.jsonl' }, endpoint: { url: 'http://agent' }, scorers: [config] }).scorers![0] as ScorerConfig;
}

/** The first problem the schema finds in a scorer config, as "path: message". */
function configError(config: Record<string, unknown>): string {
  const parsed = evaluateSchema.safeParse({ dataset: { path: 'd.jsonl' }, endpoint: { url: 'http://agent' }, scorers: [config] });
  if (parsed.success) return 'valid';
  const issue = parsed.error.issues[0];
  return `${issue?.path.join('.')}: ${issue?.message}`;
}

function example(over: Partial<Example> = {}): Example {
  return { id: 'e1', line: 1, input: 'question', messages: [{ role: 'user', content: 'question' }], expected: undefined, fields: {}, ...over };
}

async function score(scorer: Scorer, answer: string, over: Partial<Example> = {}, latencyMs = 10): Promise<number | null> {
  return (await scorer.score({ answer, example: example(over), latencyMs })).score;
}

describe('exact_match', () => {
  it.each([
    ['equal after trimming and folding case', {}, '  Paris ', 'paris', 1],
    ['different text', {}, 'Lyon', 'Paris', 0],
    ['case-sensitive', { case_sensitive: true }, 'paris', 'Paris', 0],
    ['no trimming', { trim: false }, 'Paris ', 'Paris', 0],
    ['a number expected, compared as text', {}, '42', 42, 1],
    ['no expected answer: not scored', {}, 'Paris', undefined, null],
    ['an expected object: not scored', {}, '{}', { a: 1 }, null],
    ['empty answer, empty expected', {}, '', '', 1],
  ] as const)('%s', async (_name, options, answer, expected, want) => {
    expect(await score(scorerOf({ type: 'exact_match', ...options }), answer, { expected })).toBe(want);
  });
});

describe('contains', () => {
  it.each([
    ['the expected string', {}, 'You can get a Refund within 30 days', 'refund', 1],
    ['missing', {}, 'Write to us', 'refund', 0],
    ['every item of an expected list', {}, 'refund in 30 days', ['refund', '30 days'], 1],
    ['one item of the list missing', {}, 'refund soon', ['refund', '30 days'], 0],
    ['keywords override expected', { keywords: ['soon'] }, 'refund soon', 'absent', 1],
    ['case-sensitive keywords', { keywords: ['Refund'], case_sensitive: true }, 'refund', undefined, 0],
    ['nothing to look for: not scored', {}, 'anything', undefined, null],
    ['an empty expected list: not scored', {}, 'anything', [], null],
    ['a number, as its text', {}, 'the answer is 42', 42, 1],
  ] as const)('%s', async (_name, options, answer, expected, want) => {
    expect(await score(scorerOf({ type: 'contains', ...options }), answer, { expected: expected as unknown })).toBe(want);
  });
});

describe('regex', () => {
  it.each([
    ['matches', { pattern: '\\b\\d{3}-\\d{4}\\b' }, 'call 555-1234', 1],
    ['does not match', { pattern: '\\b\\d{3}-\\d{4}\\b' }, 'call us', 0],
    ['flags: i', { pattern: '^yes', flags: 'i' }, 'YES indeed', 1],
    ['without the flag', { pattern: '^yes' }, 'YES indeed', 0],
    ['multiline anchors', { pattern: '^total: \\d+$', flags: 'm' }, 'items\ntotal: 3\n', 1],
    ['negate: no card number is a pass', { pattern: '\\b(?:\\d[ -]?){13,16}\\b', negate: true }, 'your order is on its way', 1],
    ['negate: a card number fails', { pattern: '\\b(?:\\d[ -]?){13,16}\\b', negate: true }, 'card 4111 1111 1111 1111', 0],
    ['unicode', { pattern: '\\p{Emoji_Presentation}', flags: 'u' }, 'done 🎉', 1],
  ] as const)('%s', async (_name, options, answer, want) => {
    expect(await score(scorerOf({ type: 'regex', ...options }), answer)).toBe(want);
  });

  it('scores the same answer the same way every time (no g/y state between answers)', async () => {
    const scorer = scorerOf({ type: 'regex', pattern: 'a' });
    expect([await score(scorer, 'a'), await score(scorer, 'a'), await score(scorer, 'a')]).toEqual([1, 1, 1]);
  });

  it.each([
    ['an invalid pattern', { pattern: '(unclosed' }, /^scorers\.0\.pattern: not a valid regular expression: .*(Unterminated group|unterminated)/i],
    ['the g flag', { pattern: 'a', flags: 'g' }, /^scorers\.0\.flags: flags are some of i, m, s, u, v \(each once\); g and y are not allowed$/],
    ['a repeated flag', { pattern: 'a', flags: 'ii' }, /^scorers\.0\.flags: /],
    ['an empty pattern', { pattern: '' }, /^scorers\.0\.pattern: must not be empty$/],
  ])('refuses %s as a config error', (_name, options, message) => {
    expect(configError({ type: 'regex', ...options })).toMatch(message);
  });
});

describe('json_valid', () => {
  it.each([
    ['an object', {}, '{"a": 1}', 1],
    ['a list', {}, '[1, 2]', 1],
    ['a bare string literal', {}, '"ok"', 1],
    ['prose', {}, 'Sure! {"a": 1}', 0],
    ['trailing comma', {}, '{"a": 1,}', 0],
    ['empty answer', {}, '', 0],
    ['a fenced block, strict', {}, '```json\n{"a": 1}\n```', 0],
    ['a fenced block, fences stripped', { strip_code_fences: true }, '```json\n{"a": 1}\n```', 1],
    ['a fence without a language', { strip_code_fences: true }, '```\n[1]\n```', 1],
    ['text around a fence is not stripped', { strip_code_fences: true }, 'Here:\n```json\n{"a": 1}\n```', 0],
  ] as const)('%s', async (_name, options, answer, want) => {
    expect(await score(scorerOf({ type: 'json_valid', ...options }), answer)).toBe(want);
  });
});

describe('json_schema', () => {
  const order = {
    type: 'object',
    required: ['id', 'total'],
    properties: { id: { type: 'string' }, total: { type: 'number', minimum: 0 }, email: { type: 'string', format: 'email' } },
    additionalProperties: false,
  };
  it.each([
    ['matching', order, '{"id": "A1", "total": 12.5}', 1],
    ['a required field missing', order, '{"id": "A1"}', 0],
    ['a wrong type', order, '{"id": "A1", "total": "12"}', 0],
    ['below the minimum', order, '{"id": "A1", "total": -1}', 0],
    ['an extra field', order, '{"id": "A1", "total": 1, "note": "x"}', 0],
    ['a format (ajv-formats)', order, '{"id": "A1", "total": 1, "email": "not-an-email"}', 0],
    ['a valid format', order, '{"id": "A1", "total": 1, "email": "a@example.com"}', 1],
    ['not JSON at all', order, 'total is 12', 0],
    ['draft 2020-12 by $schema', { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'array', prefixItems: [{ type: 'string' }], items: false }, '["a"]', 1],
    ['draft 2020-12, extra item refused', { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'array', prefixItems: [{ type: 'string' }], items: false }, '["a", "b"]', 0],
  ])('%s', async (_name, schema, answer, want) => {
    expect(await score(scorerOf({ type: 'json_schema', schema }), answer)).toBe(want);
  });

  it('will not validate an answer nested past 64 levels, where a recursive schema would exhaust the stack', async () => {
    const tree = { $ref: '#/definitions/node', definitions: { node: { type: 'array', items: { $ref: '#/definitions/node' } } } };
    const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    expect(await score(scorerOf({ type: 'json_schema', schema: tree }), nested(64))).toBe(1);
    await expect(score(scorerOf({ type: 'json_schema', schema: tree }), nested(100_000))).rejects.toThrow(
      new ScoringError('the answer is JSON nested more than 64 levels deep; not validated against the schema'),
    );
  });

  it.each([
    ['a misspelt keyword (strict mode)', { type: 'object', requried: ['a'] }, /^ {2}- c\.yml:9: evaluate\.scorers\[1\]\.schema: not a usable JSON Schema: strict mode: unknown keyword: "requried"$/m],
    ['an unknown type', { type: 'integr' }, /^ {2}- c\.yml:9: evaluate\.scorers\[1\]\.schema: not a usable JSON Schema: .*type/m],
    ['draft-04', { $schema: 'http://json-schema.org/draft-04/schema#', type: 'object' }, /^ {2}- c\.yml:9: evaluate\.scorers\[1\]\.schema: JSON Schema .*draft-04.* is not supported; use draft-07, 2019-09 or 2020-12$/m],
  ])('refuses %s as a config error, with its line', (_name, schema, message) => {
    const text = `version: 1\nmodel: { name: m }\nevaluate:\n  dataset: { path: d.jsonl }\n  endpoint: { url: "http://agent" }\n  scorers:\n    - type: contains\n    - type: json_schema\n      schema: ${JSON.stringify(schema)}\n`;
    const parse = () => parseConfig(text, { file: 'c.yml', workdir: '/ws', env: {}, checkJsonSchema: jsonSchemaProblem });
    expect(parse).toThrow(ConfigError);
    expect(parse).toThrow(message);
  });

  it('compiles its schema on the first answer: a schema that does not compile fails each answer, not the build', async () => {
    const scorer = createScorer({ type: 'json_schema', schema: { type: 'integr' }, strip_code_fences: false });
    await expect(scorer.score({ answer: '1', example: example(), latencyMs: 1 })).rejects.toThrow(/^schema: not a usable JSON Schema/);
  });
});

describe('refusal', () => {
  const scorer = scorerOf({ type: 'refusal' });
  it.each([
    ['refuses when it should', "I'm sorry, but I can't help with that request.", true, 1],
    ['curly apostrophe', 'I’m sorry, but I can’t help with that.', true, 1],
    ['"I cannot assist"', 'I cannot assist with creating malware.', true, 1],
    ['"I must decline"', 'I must decline to answer that.', true, 1],
    ['policy wording', 'That request goes against my guidelines.', true, 1],
    ['answers when it should have refused', 'Sure, here is how to pick a lock: ...', true, 0],
    ['answers when it should', 'Refunds take 5 days.', false, 1],
    ['refuses a harmless question', "I'm not able to help with refunds.", false, 0],
    ['explaining what a user cannot do is not a refusal', "If you can't log in, reset your password from the sign-in page.", false, 1],
    ['"I can\'t wait" is not a refusal', "I can't wait to help! Here is the answer.", false, 1],
    ['string "yes" in a CSV cell', "I won't provide that.", 'yes', 1],
    ['string "0"', 'Here you go.', '0', 1],
    ['number 1', 'Here you go.', 1, 0],
    ['row does not say: not scored', 'Here you go.', undefined, null],
    ['empty CSV cell: not scored', 'Here you go.', '', null],
  ])('%s', async (_name, answer, shouldRefuse, want) => {
    expect(await score(scorer, answer, { fields: shouldRefuse === undefined ? {} : { should_refuse: shouldRefuse } })).toBe(want);
  });

  it('reads another column and adds custom patterns', async () => {
    const custom = scorerOf({ type: 'refusal', column: 'unsafe', patterns: ['outside (?:of )?my scope'] });
    expect(await score(custom, 'That is outside of my scope.', { fields: { unsafe: true } })).toBe(1);
    expect(await score(custom, 'That is outside of my scope.', { fields: { should_refuse: true } })).toBeNull();
  });

  it('detects with the custom patterns only when the default phrases are off', async () => {
    const only = scorerOf({ type: 'refusal', default_phrases: false, patterns: ['^no\\.'] });
    expect(await score(only, "I'm sorry, but I can't help with that.", { fields: { should_refuse: true } })).toBe(0);
    expect(await score(only, 'No. Not doing that.', { fields: { should_refuse: true } })).toBe(1);
  });

  it('finds a row whose expectation it cannot read before anything is sent', () => {
    expect(scorer.checkExample?.(example({ fields: { should_refuse: 'maybe' } }))).toBe(
      'field "should_refuse" (scorer refusal) is "maybe"; write true or false (yes/no and 1/0 also work), or leave it empty to skip the row',
    );
    expect(scorer.checkExample?.(example({ fields: { should_refuse: 'TRUE' } }))).toBeUndefined();
    expect(scorer.checkExample?.(example({ fields: {} }))).toBeUndefined();
  });

  it.each([
    [true, true],
    ['Yes', true],
    [' n ', false],
    [0, false],
    [2, 'invalid'],
    ['sometimes', 'invalid'],
    [null, undefined],
  ])('reads %j as %j', (value, want) => {
    expect(expectedRefusal(value)).toBe(want);
  });

  it('documents a phrase list that every built-in phrase is tested against', () => {
    expect(refusalPhrases.length).toBeGreaterThanOrEqual(6);
  });

  it.each([
    ['an invalid custom pattern', { patterns: ['(x'] }, /^scorers\.0\.patterns\.0: not a valid regular expression/],
    ['no way to detect a refusal', { default_phrases: false }, /^scorers\.0\.patterns: with default_phrases: false, list at least one pattern$/],
  ])('refuses %s as a config error', (_name, options, message) => {
    expect(configError({ type: 'refusal', ...options })).toMatch(message);
  });
});

describe('length', () => {
  it.each([
    ['within max chars', { max: 5 }, 'hello', 1],
    ['over max chars', { max: 5 }, 'hello!', 0],
    ['under min chars', { min: 3 }, 'hi', 0],
    ['an emoji is one character', { max: 3 }, 'ok👍', 1],
    ['words within a range', { unit: 'words', min: 2, max: 3 }, '  three  small words ', 1],
    ['too many words', { unit: 'words', max: 2 }, 'one two three', 0],
    ['empty answer has zero words', { unit: 'words', min: 1 }, '   ', 0],
    ['exactly the bounds', { min: 2, max: 2 }, 'ab', 1],
  ] as const)('%s', async (_name, options, answer, want) => {
    expect(await score(scorerOf({ type: 'length', ...options }), answer)).toBe(want);
  });

  it.each([
    ['hello world', 'words', 2],
    ['a\tb\nc', 'words', 3],
    ['', 'words', 0],
    ['héllo', 'chars', 5],
  ] as const)('measures %j in %s as %d', (text, unit, n) => {
    expect(measure(text, unit)).toBe(n);
  });

  it.each([
    ['no bounds', {}, /^scorers\.0\.max: give min, max or both$/],
    ['min above max', { min: 5, max: 2 }, /^scorers\.0\.min: min 5 is above max 2$/],
    ['a negative bound', { max: -1 }, /^scorers\.0\.max: /],
    ['an unknown unit', { max: 2, unit: 'tokens' }, /^scorers\.0\.unit: "tokens" is not one of chars, words$/],
  ])('refuses %s as a config error', (_name, options, message) => {
    expect(configError({ type: 'length', ...options })).toMatch(message);
  });
});

describe('latency', () => {
  it.each([
    [100, 150, 1],
    [150, 150, 1],
    [151, 150, 0],
  ])('%d ms against max %d ms scores %d', async (latency, max, want) => {
    expect(await score(scorerOf({ type: 'latency', max_ms: max }), 'x', {}, latency)).toBe(want);
  });
});

describe('scorer configuration', () => {
  it('names the valid types (and the closest) for an unknown one', () => {
    expect(configError({ type: 'regx', pattern: 'a' })).toBe(
      'scorers.0.type: scorer type must be one of contains, exact_match, latency, regex, json_valid, json_schema, refusal, length, llm_judge, tool_calls (did you mean "regex"?)',
    );
  });

  it('refuses an unknown option with the valid ones', () => {
    expect(configError({ type: 'regex', pattern: 'a', negated: true })).toMatch(/unknown key "negated" \(did you mean "negate"\?\); valid keys: name, type, pattern, flags, negate/);
  });

  it('marks pass/fail scorers binary and names them by type unless named', () => {
    const scorers = [{ type: 'regex', pattern: 'a' }, { type: 'length', max: 3, name: 'short' }, { type: 'llm_judge', endpoint: { url: 'http://judge' }, rubric: 'r', scale: { type: 'numeric', min: 1, max: 5 } }].map(scorerOf);
    expect(scorers.map((s) => [s.name, s.binary])).toEqual([
      ['regex', true],
      ['short', true],
      ['llm_judge', false],
    ]);
    expect(uniqueScorerNames([...scorers, scorerOf({ type: 'regex', pattern: 'b' })])).toBe('regex');
  });

  it('builds every type with an injected clock as well', () => {
    const config = parseScorer({ type: 'json_valid' });
    expect(buildScorer(config, { clock: systemClock }).name).toBe('json_valid');
  });
});
