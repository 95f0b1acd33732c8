import fc from 'fast-check';
import YAML from 'yaml';
import { nestingAfterCompose, nestingBeforeCompose } from '../../src/config/yaml-nesting';
import { maxNesting, valueNestsBeyond } from '../../src/nesting';

/** Containers on the deepest path of a plain value. */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  return 1 + Math.max(0, ...Object.values(value).map(depthOf));
}

/** A value nested exactly `depth` deep, with siblings along the way. */
const nested = (depth: number): fc.Arbitrary<unknown> =>
  depth === 0
    ? fc.oneof(fc.integer(), fc.string({ maxLength: 6 }), fc.constant(null))
    : fc.tuple(nested(depth - 1), fc.boolean(), fc.string({ minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 2 })).map(([inner, asList, key, siblings]) => {
        const extra = Array.from({ length: siblings }, (_, i) => `s${i}`);
        return asList ? [...extra, inner] : { ...Object.fromEntries(extra.map((e) => [`${e}_`, e])), [key]: inner };
      });

describe('YAML nesting limit', () => {
  it('refuses exactly the documents nested deeper than the limit, in every style yaml writes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 * maxNesting }).chain((d) => nested(d)),
        fc.constantFrom('block', 'flow', 'any'),
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        (value, collectionStyle, indent, indentSeq) => {
          const text = YAML.stringify({ root: value }, { collectionStyle: collectionStyle as 'block' | 'flow' | 'any', indent, indentSeq });
          const depth = depthOf({ root: value });
          const before = nestingBeforeCompose(text);
          const lines = new YAML.LineCounter();
          const after = before ? undefined : nestingAfterCompose(YAML.parseDocument(text, { lineCounter: lines }), lines);
          expect(before !== undefined || after !== undefined).toBe(depth > maxNesting);
          expect(valueNestsBeyond({ root: value }, maxNesting)).toBe(depth > maxNesting);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses compact lists, explicit keys and indentation long before the parser would overflow', () => {
    for (const text of [`a:\n${'- '.repeat(200_000)}x\n`, `a:\n${'? '.repeat(200_000)}x\n`, `${'['.repeat(300_000)}${']'.repeat(300_000)}\n`, Array.from({ length: 1500 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')]) {
      expect(nestingBeforeCompose(text)?.message).toContain(`nest more than ${maxNesting} levels deep`);
    }
  });

  it('finds circular values without walking forever', () => {
    const loop: unknown[] = [];
    loop.push(loop);
    expect(valueNestsBeyond({ a: loop }, maxNesting)).toBe(true);
    expect(valueNestsBeyond({ a: [[1]], b: { c: 'x' } }, maxNesting)).toBe(false);
  });
});
