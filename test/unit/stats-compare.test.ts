import fc from 'fast-check';
import { compareWithChampion, type ScoresById } from '../../src/stats/compare';
import { decideDrop } from '../../src/stats/decide';
import { mcnemarExactPValue, type PairedTable } from '../../src/stats/mcnemar';

/** Maps keyed e0, e1, … from a list of (candidate, champion) score pairs. */
function pairedMaps(pairs: readonly (readonly [number, number])[]): [Map<string, number>, Map<string, number>] {
  return [new Map(pairs.map(([c], i) => [`e${i}`, c])), new Map(pairs.map(([, h], i) => [`e${i}`, h]))];
}

/** Scores laid out as a paired 2×2 table. */
function mapsFromTable({ bothPass, candidateOnly, championOnly, bothFail }: PairedTable): [Map<string, number>, Map<string, number>] {
  const pairs: [number, number][] = [
    ...Array.from({ length: bothPass }, (): [number, number] => [1, 1]),
    ...Array.from({ length: candidateOnly }, (): [number, number] => [1, 0]),
    ...Array.from({ length: championOnly }, (): [number, number] => [0, 1]),
    ...Array.from({ length: bothFail }, (): [number, number] => [0, 0]),
  ];
  return pairedMaps(pairs);
}

const binaryPairs = fc.array(fc.tuple(fc.constantFrom(0, 1), fc.constantFrom(0, 1)), { minLength: 1, maxLength: 200 });
const continuousPairs = fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), {
  minLength: 1,
  maxLength: 60,
});
const quick = { resamples: 200 };

describe('mcnemarExactPValue', () => {
  it.each([
    // By hand: 2 · P(Bin(7, ½) ≤ 1) = 2 · (1 + 7) / 128.
    [1, 6, 0.125],
    [6, 1, 0.125],
    // 2 · (1/32).
    [0, 5, 0.0625],
    // 2 · (1 + 6 + 15 + 20)/64 > 1, capped.
    [3, 3, 1],
    [0, 0, 1],
    // Exact sums in Python (math.comb), too large to add up by hand.
    [40, 60, 0.05688793364098079],
    [500, 560, 0.06990955946026933],
  ])('b = %p, c = %p gives p = %p', (b, c, p) => {
    expect(mcnemarExactPValue(b, c)).toBeCloseTo(p, 10);
  });
});

describe('compareWithChampion, pass/fail, paired', () => {
  it("matches Newcombe's paired interval on Fagerland et al.'s Cavo (2012) table", () => {
    // contingencytables::Newcombe_square_and_add_CI_paired_2x2: −0.0621 (95% CI −0.1186 to −0.0046).
    const [candidate, champion] = mapsFromTable({ bothPass: 59, candidateOnly: 6, championOnly: 16, bothFail: 80 });
    const result = compareWithChampion(candidate, champion, { kind: 'binary' });
    expect(result).toMatchObject({ method: 'mcnemar', paired: true, n: { candidate: 161, champion: 161, pairs: 161 } });
    expect(result.difference).toBeCloseTo(-0.0621, 4);
    expect(result.ci.low).toBeCloseTo(-0.1186, 4);
    expect(result.ci.high).toBeCloseTo(-0.0046, 4);
    expect(result.ci.method).toBe('newcombe-paired-score');
    expect(result.mcnemarPValue).toBeCloseTo(mcnemarExactPValue(6, 16), 12);
    expect(result.note).toBeUndefined();
  });

  it('keeps the interval in [−1, 1] around the difference', () => {
    fc.assert(
      fc.property(binaryPairs, (pairs) => {
        const { difference, ci } = compareWithChampion(...pairedMaps(pairs), { kind: 'binary' });
        expect(-1 <= ci.low && ci.low <= difference && difference <= ci.high && ci.high <= 1).toBe(true);
      }),
    );
  });

  it('negates the difference and mirrors the interval when the sides swap', () => {
    fc.assert(
      fc.property(binaryPairs, (pairs) => {
        const [candidate, champion] = pairedMaps(pairs);
        const forward = compareWithChampion(candidate, champion, { kind: 'binary' });
        const backward = compareWithChampion(champion, candidate, { kind: 'binary' });
        expect(backward.difference).toBeCloseTo(-forward.difference, 12);
        expect(backward.ci.low).toBeCloseTo(-forward.ci.high, 12);
        expect(backward.ci.high).toBeCloseTo(-forward.ci.low, 12);
        expect(backward.mcnemarPValue).toBe(forward.mcnemarPValue);
      }),
    );
  });

  it('is narrower than the unpaired interval when the sides agree on most examples', () => {
    const table = { bothPass: 380, candidateOnly: 10, championOnly: 30, bothFail: 80 };
    const [candidate, champion] = mapsFromTable(table);
    const paired = compareWithChampion(candidate, champion, { kind: 'binary' });
    const renamed = new Map([...champion].map(([id, score]) => [`other-${id}`, score]));
    const unpaired = compareWithChampion(candidate, renamed, { kind: 'binary' });
    expect(unpaired.method).toBe('newcombe');
    // 40 discordant pairs of 500: the paired interval is about half as wide (0.050 vs 0.099).
    expect(paired.ci.high - paired.ci.low).toBeLessThan(0.6 * (unpaired.ci.high - unpaired.ci.low));
  });
});

describe('compareWithChampion, identical sides', () => {
  it.each(['binary', 'continuous'] as const)('%s: difference 0, and never a fail whatever the allowance', (kind) => {
    const scores = kind === 'binary' ? fc.constantFrom(0, 1) : fc.double({ min: 0, max: 1, noNaN: true });
    fc.assert(
      fc.property(fc.array(scores, { minLength: 1, maxLength: 80 }), fc.double({ min: 0, max: 1, noNaN: true }), (values, maxDrop) => {
        const [candidate, champion] = pairedMaps(values.map((v) => [v, v] as const));
        const comparison = compareWithChampion(candidate, champion, { kind, ...quick });
        expect(comparison.difference).toBe(0);
        expect(decideDrop(comparison, { metric: 'm', maxDrop, inconclusive: 'warn' }).verdict).not.toBe('fail');
      }),
      { numRuns: 50 },
    );
  });
});

describe('compareWithChampion, continuous', () => {
  it('pairs by id with a bootstrap over per-example differences, reproducibly', () => {
    fc.assert(
      fc.property(continuousPairs, fc.integer(), (pairs, seed) => {
        const [candidate, champion] = pairedMaps(pairs);
        const result = compareWithChampion(candidate, champion, { kind: 'continuous', seed, ...quick });
        expect(result.method).toBe('paired-bootstrap');
        expect(result.ci.low).toBeLessThanOrEqual(result.difference);
        expect(result.ci.high).toBeGreaterThanOrEqual(result.difference);
        expect(compareWithChampion(candidate, champion, { kind: 'continuous', seed, ...quick })).toEqual(result);
      }),
      { numRuns: 50 },
    );
  });

  it('negates the difference and mirrors the interval when the sides swap', () => {
    fc.assert(
      fc.property(continuousPairs, fc.integer(), (pairs, seed) => {
        const [candidate, champion] = pairedMaps(pairs);
        const forward = compareWithChampion(candidate, champion, { kind: 'continuous', seed, ...quick });
        const backward = compareWithChampion(champion, candidate, { kind: 'continuous', seed, ...quick });
        expect(backward.difference).toBeCloseTo(-forward.difference, 10);
        expect(backward.ci.low).toBeCloseTo(-forward.ci.high, 10);
        expect(backward.ci.high).toBeCloseTo(-forward.ci.low, 10);
      }),
      { numRuns: 50 },
    );
  });

  it('does not depend on the order the maps were filled in', () => {
    const pairs = Array.from({ length: 30 }, (_, i) => [(i * 7) % 11 / 10, (i * 5) % 13 / 12] as const);
    const [candidate, champion] = pairedMaps(pairs);
    const reversed = (m: ScoresById): Map<string, number> => new Map([...m].reverse());
    for (const renameChampion of [false, true]) {
      const other = renameChampion ? new Map([...champion].map(([id, s]) => [`x${id}`, s])) : champion;
      expect(compareWithChampion(reversed(candidate), reversed(other), { kind: 'continuous' })).toEqual(
        compareWithChampion(candidate, other, { kind: 'continuous' }),
      );
    }
  });
});

describe('compareWithChampion, pairing rule', () => {
  const candidate = new Map(Array.from({ length: 100 }, (_, i) => [`e${i}`, i % 3 === 0 ? 0 : 1]));

  it('pairs when the shared ids cover at least 90% of the smaller side, and says what it left out', () => {
    const champion = new Map(Array.from({ length: 95 }, (_, i) => [`e${i + 5}`, i % 4 === 0 ? 0 : 1]));
    const result = compareWithChampion(candidate, champion, { kind: 'binary' });
    expect(result).toMatchObject({
      paired: true,
      method: 'mcnemar',
      n: { candidate: 100, champion: 95, pairs: 95 },
      note: 'paired on 95 shared example ids; left out 5 candidate and 0 champion examples without a counterpart',
    });
  });

  it('falls back to unpaired below that, with a note', () => {
    const champion = new Map(Array.from({ length: 100 }, (_, i) => [`e${i + 50}`, 1]));
    const result = compareWithChampion(candidate, champion, { kind: 'continuous' });
    expect(result).toMatchObject({
      paired: false,
      method: 'unpaired-bootstrap',
      n: { candidate: 100, champion: 100, pairs: 50 },
      note:
        'compared unpaired: only 50 example ids are shared, fewer than 90% of the smaller side (100), ' +
        'so the interval is wider than a paired one would be',
    });
    expect(result.difference).toBeCloseTo(66 / 100 - 1, 12);
  });

  it("matches Newcombe's unpaired hybrid score interval when nothing is shared", () => {
    // contingencytables::Newcombe_hybrid_score_CI_2x2 on 7/34 vs 1/34: 0.1765 (95% CI 0.0189 to 0.3404).
    const a = new Map(Array.from({ length: 34 }, (_, i) => [`a${i}`, i < 7 ? 1 : 0]));
    const b = new Map(Array.from({ length: 34 }, (_, i) => [`b${i}`, i < 1 ? 1 : 0]));
    const result = compareWithChampion(a, b, { kind: 'binary' });
    expect(result.method).toBe('newcombe');
    expect(result.difference).toBeCloseTo(0.1765, 4);
    expect(result.ci.low).toBeCloseTo(0.0189, 4);
    expect(result.ci.high).toBeCloseTo(0.3404, 4);
  });

  it.each([
    [new Map<string, number>(), new Map([['e1', 1]]), {}, 'the candidate has no scores; at least one is needed'],
    [new Map([['e1', 1]]), new Map([['e1', 2]]), {}, "the champion score #0 is 2; pass/fail scores must be 0 or 1 (use kind 'continuous' for fractions)"],
    [new Map([['e1', 1]]), new Map([['e1', 1]]), { minimumOverlap: 0 }, 'minimumOverlap must be in (0, 1], got 0'],
  ])('rejects bad input (%#)', (a, b, extra, message) => {
    expect(() => compareWithChampion(a, b, { kind: 'binary', ...extra })).toThrow(message);
  });
});
