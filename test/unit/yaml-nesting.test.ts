import fc from 'fast-check';
import YAML from 'yaml';
import { nestingAfterCompose, nestingBeforeCompose, parseDocumentChecked } from '../../src/config/yaml-nesting';
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

describe('parseDocumentChecked', () => {
  it('composes the first document, as parseDocument does, with lines counted once', () => {
    const text = 'version: 1\nmodel:\n  name: agent\n  aliases: [a, b]\n';
    const parsed = parseDocumentChecked(text, { uniqueKeys: true });
    if ('tooDeep' in parsed) throw new Error('not deep');
    expect(parsed.doc.toJS()).toEqual(YAML.parseDocument(text).toJS());
    expect(parsed.doc.errors).toEqual([]);
    expect(parsed.lines.linePos(text.indexOf('aliases'))).toEqual({ line: 4, col: 3 });
  });

  it('reports a second document where it starts, and a duplicate key like parseDocument', () => {
    const parsed = parseDocumentChecked('a: 1\na: 2\n---\nb: 2\n', { uniqueKeys: true });
    if ('tooDeep' in parsed) throw new Error('not deep');
    expect(parsed.doc.errors.map((e) => [e.code, parsed.lines.linePos(e.pos[0]).line])).toEqual([
      ['DUPLICATE_KEY', 2],
      ['MULTIPLE_DOCS', 3],
    ]);
    expect(parsed.doc.toJS()).toEqual({ a: 2 });
  });

  it('stops before composing what nests too deep', () => {
    const parsed = parseDocumentChecked(`x: ${'['.repeat(70)}1${']'.repeat(70)}\n`, {});
    expect(parsed).toEqual({ tooDeep: expect.objectContaining({ line: 1 }) });
  });
});
