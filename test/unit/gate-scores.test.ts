/**
 * The gate's one-pass results reader (issue 16): the quick row check vouches only for rows the
 * schema accepts unchanged, and the reader numbers ids so that pairs, repeats and missing ids
 * come out as the Map-of-ids reader had them, whatever order the files are in.
 */
import path from 'node:path';
import fc from 'fast-check';
import { isPlainResult, resultSchema } from '../../src/contract/results';
import { InputError } from '../../src/errors';
import { comparedScores, scoreSides } from '../../src/gate/pairing';
import { ExampleIds } from '../../src/gate/example-ids';
import { readScores, scoresInOrder, type ResultScores } from '../../src/gate/scores';
import { makeWorkspace, type Workspace } from '../support/workspace';

let ws: Workspace;
beforeEach(async () => {
  ws = await makeWorkspace();
});
afterEach(() => ws.cleanup());

const valid = { id: 'q1', inputs: 'question', outputs: 'answer', scores: { contains: 1, grade: 0.5, judge: null }, latency_ms: 12 };

describe('isPlainResult', () => {
  it('vouches for ordinary rows, with every optional field', () => {
    expect(isPlainResult(valid)).toBe(true);
    expect(isPlainResult({ ...valid, repeat: 2, expected: { a: [1] }, error: 'timeout', judgements: { judge: { score: 'pass', raw: 'PASS' } } })).toBe(true);
    const agentRow = { ...valid, tool_calls: [{ name: 'search', arguments: { q: 'x' } }], usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 }, cost: 0.002, reasons: { tools: 'no call' } };
    expect(isPlainResult({ ...agentRow, turns: [{ turn: 1, input: 'hi', output: 'hello', latency_ms: 3, usage: { total_tokens: 7 }, scores: { contains: 1 } }] })).toBe(true);
  });

  it.each([
    ['a missing required field', { id: 'q1', inputs: 1, scores: {}, latency_ms: 1 }],
    ['an empty id', { ...valid, id: '' }],
    ['a numeric id', { ...valid, id: 7 }],
    ['a string score', { ...valid, scores: { contains: 'yes' } }],
    ['an infinite score', { ...valid, scores: { contains: Infinity } }],
    ['scores as an array', { ...valid, scores: [1] }],
    ['a __proto__ scorer (zod drops it)', JSON.parse('{"id":"q1","inputs":1,"outputs":1,"scores":{"__proto__":1},"latency_ms":1}') as unknown],
    ['a negative latency', { ...valid, latency_ms: -1 }],
    ['repeat 0', { ...valid, repeat: 0 }],
    ['repeat 1.5', { ...valid, repeat: 1.5 }],
    ['an unknown field', { ...valid, extra: 1 }],
    ['a judgement of the wrong shape', { ...valid, judgements: { judge: { score: 1 } } }],
    ['a negative cost', { ...valid, cost: -0.5 }],
    ['a string cost', { ...valid, cost: '0.5' }],
    ['fractional tokens', { ...valid, usage: { total_tokens: 1.5 } }],
    ['tokens past 2^53', { ...valid, usage: { total_tokens: 2 ** 53 } }],
    ['an unknown usage field', { ...valid, usage: { total_tokens: 1, cached_tokens: 1 } }],
    ['usage as an array', { ...valid, usage: [1] }],
    ['a tool call without a name', { ...valid, tool_calls: [{ name: '', arguments: {} }] }],
    ['a turn numbered 0', { ...valid, turns: [{ turn: 0, input: 'hi', output: 'x', latency_ms: 1 }] }],
    ['a reason that is not text', { ...valid, reasons: { tools: 1 } }],
    ['an array row', [valid]],
    ['null', null],
  ])('leaves %s to the schema', (_name, row) => {
    expect(isPlainResult(row)).toBe(false);
  });

  it('never vouches for a row the schema refuses or would change', () => {
    const value = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.double(), fc.string(), fc.array(fc.integer(), { maxLength: 2 }), fc.dictionary(fc.string(), fc.oneof(fc.double(), fc.constant(null))));
    const count = fc.oneof(fc.integer({ min: -2, max: 1000 }), fc.constant(2 ** 53), fc.double());
    const usage = fc.record({ prompt_tokens: count, completion_tokens: count, total_tokens: count, cached_tokens: count }, { requiredKeys: [] });
    const toolCalls = fc.array(fc.record({ name: fc.oneof(fc.string(), fc.integer()), arguments: value }, { requiredKeys: ['name'] }), { maxLength: 2 });
    const turn = fc.record(
      { turn: fc.integer({ min: -1, max: 3 }), input: value, output: fc.oneof(fc.string(), fc.constant(null), fc.integer()), latency_ms: fc.oneof(fc.double(), fc.constant(null)), usage, cost: fc.double(), tool_calls: toolCalls, scores: fc.dictionary(fc.string(), fc.oneof(fc.double(), fc.constant(null))) },
      { requiredKeys: ['turn', 'output', 'latency_ms'] },
    );
    const turns = fc.array(turn, { maxLength: 2 });
    const fields = {
        id: fc.oneof(fc.string(), value),
        repeat: fc.oneof(fc.integer({ min: -1, max: 3 }), value),
        inputs: value,
        outputs: value,
        expected: value,
        scores: fc.oneof(fc.dictionary(fc.oneof(fc.string(), fc.constant('__proto__')), fc.oneof(fc.double(), fc.constant(null), fc.string())), value),
        latency_ms: fc.oneof(fc.double(), fc.constant(null), value),
        error: fc.oneof(fc.string(), value),
        judgements: fc.oneof(fc.dictionary(fc.string(), fc.record({ score: fc.oneof(fc.double(), fc.string(), fc.constant(null)), raw: fc.string() })), value),
        tool_calls: fc.oneof(toolCalls, value),
        usage: fc.oneof(usage, value),
        cost: fc.oneof(fc.double(), value),
        reasons: fc.oneof(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer())), value),
        turns: fc.oneof(turns, value),
        extra: value,
    };
    // Any subset of fields, and rows with every required field, so that many rows come close.
    // Mostly well-formed fields, one damaged now and then.
    const mostly = <T>(good: fc.Arbitrary<T>): fc.Arbitrary<unknown> => fc.oneof({ arbitrary: good, weight: 6 }, { arbitrary: value, weight: 1 });
    // The agent fields are damaged more seldom, or too few rows would come through them all intact.
    const seldomDamaged = <T>(good: fc.Arbitrary<T>): fc.Arbitrary<unknown> => fc.oneof({ arbitrary: good, weight: 20 }, { arbitrary: value, weight: 1 }, { arbitrary: fc.double(), weight: 1 });
    const nearlyValid = fc.record(
      {
        id: mostly(fc.string()),
        repeat: mostly(fc.integer({ min: -1, max: 3 })),
        inputs: value,
        outputs: value,
        expected: value,
        scores: mostly(fc.dictionary(fc.oneof(fc.string(), fc.constant('__proto__')), mostly(fc.oneof(fc.double(), fc.constant(null))), { maxKeys: 3 })),
        latency_ms: mostly(fc.oneof(fc.double(), fc.constant(null))),
        error: mostly(fc.string()),
        judgements: mostly(fc.dictionary(fc.string(), fc.record({ score: mostly(fc.oneof(fc.double(), fc.string(), fc.constant(null))), raw: mostly(fc.string()) }, { requiredKeys: ['raw'] }), { maxKeys: 2 })),
        tool_calls: seldomDamaged(fc.array(fc.record({ name: fc.string({ minLength: 1 }), arguments: value }, { requiredKeys: ['name'] }), { maxLength: 2 })),
        usage: seldomDamaged(fc.record({ prompt_tokens: seldomDamaged(fc.nat()), completion_tokens: seldomDamaged(fc.nat()), total_tokens: seldomDamaged(fc.nat()) }, { requiredKeys: [] })),
        cost: seldomDamaged(fc.double({ min: 0, noNaN: true })),
        reasons: seldomDamaged(fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 })),
        turns: seldomDamaged(fc.array(fc.record({ turn: fc.integer({ min: 1, max: 3 }), input: value, output: fc.oneof(fc.string(), fc.constant(null)), latency_ms: fc.constant(null), usage: fc.record({ total_tokens: fc.nat() }) }, { requiredKeys: ['turn', 'output', 'latency_ms'] }), { maxLength: 2 })),
      },
      { requiredKeys: ['id', 'inputs', 'outputs', 'scores', 'latency_ms'] },
    );
    const row = fc.oneof(fc.record(fields, { requiredKeys: [] }), { arbitrary: nearlyValid, weight: 8 });
    let vouched = 0;
    fc.assert(
      fc.property(row, (candidate) => {
        // Through JSON, as rows arrive.
        const text = JSON.stringify(candidate);
        const parsed: unknown = JSON.parse(text);
        if (!isPlainResult(parsed)) return;
        vouched++;
        const checked = resultSchema.safeParse(JSON.parse(text));
        expect(checked.success).toBe(true);
        expect(checked.data).toEqual(parsed);
      }),
      { numRuns: 3000 },
    );
    expect(vouched).toBeGreaterThan(50);
  });

  it('has no object-level check on resultSchema that the quick path would skip', () => {
    // A refinement over the whole row would be bypassed by isPlainResult; add it there too first.
    expect(resultSchema.unwrap()._zod.def.checks ?? []).toEqual([]);
    const required = Object.keys(resultSchema.unwrap().shape).filter((key) => !resultSchema.safeParse(Object.fromEntries(Object.entries(valid).filter(([k]) => k !== key))).success);
    expect(required.sort()).toEqual(['id', 'inputs', 'latency_ms', 'outputs', 'scores']);
  });
});

describe('ExampleIds', () => {
  it('numbers an id the same through the cursor as by lookup, in any order, repeats included', () => {
    const ids = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { maxLength: 30 });
    fc.assert(
      fc.property(ids, ids, (first, second) => {
        const viaCursor = new ExampleIds();
        const viaLookup = new Map<string, number>();
        const number = (id: string): number => viaLookup.get(id) ?? (viaLookup.set(id, viaLookup.size), viaLookup.size - 1);
        for (const ids of [first, second]) {
          const next = viaCursor.cursor();
          for (const id of ids) expect(next(id)).toBe(number(id));
        }
        expect(viaCursor.list()).toEqual([...viaLookup.keys()]);
      }),
    );
  });
});

async function read(candidateLines: string[], championLines: string[]): Promise<{ candidate: ResultScores; champion: ResultScores }> {
  const files = { candidate: await ws.write('v2/results.jsonl', `${candidateLines.join('\n')}\n`), champion: await ws.write('v1/results.jsonl', `${championLines.join('\n')}\n`) };
  const candidate = await readScores(files.candidate, 'v2/results.jsonl', 'candidate results', { expectedIds: 1 });
  const champion = await readScores(files.champion, 'v1/results.jsonl', 'baseline results', { examples: candidate.examples, expectedIds: 10 ** 9 });
  return { candidate, champion };
}

const row = (id: string, scores: Record<string, number | null>, extra: Record<string, unknown> = {}): string => JSON.stringify({ id, inputs: id, outputs: id, scores, latency_ms: 1, ...extra });

/** What the Map-of-ids reader gave: id → mean score, in the order first scored. */
function byId(scores: ResultScores, scorer: string): Array<[string, number]> {
  const s = scores.byScorer.get(scorer);
  if (!s) return [];
  const ids = scores.examples.list();
  return Array.from(s.order, (n, i) => [ids[n] as string, scoresInOrder(s)[i] as number]);
}

describe('readScores over two files', () => {
  it('pairs ids in any order, averages repeats, counts distinct ids, skips nulls and failed rows', async () => {
    const { candidate, champion } = await read(
      [row('b', { c: 1 }), row('a', { c: null, g: 0.25 }), row('a', { c: 0 }, { repeat: 2 }), row('c', {}, { error: 'timeout' }), row('b', { c: 0 }, { repeat: 2 })],
      [row('c', { c: 1 }), row('a', { c: 1 }), row('x', { c: 0 }), row('a', { c: 1 }, { repeat: 2 })],
    );
    expect(candidate).toMatchObject({ rows: 5, ids: 3, errors: 1 });
    expect(champion).toMatchObject({ rows: 4, ids: 3, errors: 0 });
    expect(byId(candidate, 'c')).toEqual([['b', 0.5], ['a', 0]]);
    expect(byId(candidate, 'g')).toEqual([['a', 0.25]]);
    expect(byId(champion, 'c')).toEqual([['c', 1], ['a', 1], ['x', 0]]);
    expect(candidate.byScorer.get('c')).toMatchObject({ rows: 3, repeated: true, passFail: true });
    expect(candidate.byScorer.get('g')).toMatchObject({ rows: 1, repeated: false, passFail: false });
    const [c, h] = [candidate.byScorer.get('c'), champion.byScorer.get('c')];
    if (!c || !h) throw new Error('no scorer c');
    const sides = scoreSides(c, h, candidate.examples);
    expect(sides.shared()).toBe(1);
    expect(sides.paired(true)).toEqual([[0], [1]]);
    expect(comparedScores(h, c, true)).toEqual([1]);
    expect(comparedScores(h, c, false)).toEqual([1, 1, 0]);
    // By id: a, b for the candidate; a, c, x for the champion.
    expect(sides.sortedById(true)).toEqual([[0, 0.5], [1, 1, 0]]);
  });

  it('hashes the file in the same pass', async () => {
    const { candidate } = await read([row('a', { c: 1 })], [row('a', { c: 1 })]);
    const { createHash } = await import('node:crypto');
    expect(candidate.digest).toBe(`sha256:${createHash('sha256').update(`${row('a', { c: 1 })}\n`).digest('hex')}`);
  });

  it('grows past a summary that understates its ids and ignores one that overstates them', async () => {
    const ids = Array.from({ length: 3000 }, (_, i) => `id-${i}`);
    const { candidate, champion } = await read(ids.map((id, i) => row(id, { c: i % 2 })), [...ids].reverse().map((id, i) => row(id, { c: i % 3 === 0 ? 1 : 0 })));
    expect([candidate.ids, champion.ids]).toEqual([3000, 3000]);
    expect(byId(champion, 'c').slice(0, 2)).toEqual([['id-2999', 1], ['id-2998', 0]]);
  });

  it.each([
    ['a row the quick check leaves to the schema', row('a', { c: 1 }, { scores: { c: 'yes' } }), 'v2/results.jsonl:2: candidate results line: scores.c: Invalid input: expected number, received string'],
    ['a field the schema does not know', row('a', { c: 1 }, { price: 'x', extra: 1 }), 'v2/results.jsonl:2: candidate results line: (top level): Unrecognized keys: "price", "extra"'],
    ['a line that is not JSON', '{"id":', 'v2/results.jsonl:2: candidate results line is not valid JSON'],
    ['an overflowing total', row('a', { c: 1.7e308 }), 'v2/results.jsonl:3: candidate results line: scores["c"]: 1.7e+308 makes the example\'s total overflow'],
  ])('names the file and line of %s', async (_name, bad, message) => {
    const lines = message.includes(':3:') ? [row('a', { c: 1.7e308 }), row('b', { c: 1 }), bad] : [row('b', { c: 1 }), bad, row('c', { c: 1 })];
    const file = await ws.write('v2/results.jsonl', `${lines.join('\n')}\n`);
    const error = await readScores(file, 'v2/results.jsonl', 'candidate results').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toContain(message.replace('v2/results.jsonl', path.join(ws.dir, 'v2/results.jsonl')));
  });
});
