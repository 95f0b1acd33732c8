import fc from 'fast-check';
import { flakiness, passRateById, type RunResult } from '../../src/stats/flakiness';

function runs(outcomes: Record<string, string>): RunResult[] {
  // 'PPF' = pass, pass, fail.
  return Object.entries(outcomes).flatMap(([id, pattern]) => [...pattern].map((c) => ({ id, passed: c === 'P' })));
}

describe('flakiness', () => {
  const results = runs({ steady: 'PPP', never: 'FFF', coin: 'PFP', rare: 'FFP', halves: 'PFPF' });

  it('reports pass rate and pass^k per example, k defaulting to the fewest runs', () => {
    const report = flakiness(results, { seed: 1, resamples: 200 });
    expect(report.k).toBe(3);
    expect(report.examples.map((e) => [e.id, e.runs, e.passes, e.passRate, e.passAllK])).toEqual([
      ['coin', 3, 2, 2 / 3, 0],
      ['halves', 4, 2, 0.5, 0],
      ['never', 3, 0, 0, 0],
      ['rare', 3, 1, 1 / 3, 0],
      ['steady', 3, 3, 1, 1],
    ]);
    expect(report.flakyCount).toBe(3);
    expect(report.passRate.mean).toBeCloseTo((2 / 3 + 0.5 + 0 + 1 / 3 + 1) / 5, 12);
    expect(report.passAllK.mean).toBeCloseTo(1 / 5, 12);
  });

  it('names the flakiest first: pass rate nearest ½, then more runs, then id', () => {
    const report = flakiness(results, { flakiest: 2 });
    expect(report.flakiest.map((e) => e.id)).toEqual(['halves', 'coin']);
  });

  it('estimates pass^k without bias from more runs than k: C(passes, k) / C(runs, k)', () => {
    const report = flakiness(runs({ a: 'PPPF' }), { k: 2 });
    expect(report.examples[0]?.passAllK).toBeCloseTo(3 / 6, 12);
  });

  it('keeps pass^k at or below the pass rate, equal to it at k = 1, with intervals around both means', () => {
    const arbitraryRuns = fc.array(fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd', 'e'), passed: fc.boolean() }), { minLength: 1, maxLength: 60 });
    fc.assert(
      fc.property(arbitraryRuns, (rows) => {
        const report = flakiness(rows, { resamples: 100 });
        for (const example of report.examples) expect(example.passAllK).toBeLessThanOrEqual(example.passRate + 1e-12);
        expect(report.passAllK.mean).toBeLessThanOrEqual(report.passRate.mean + 1e-12);
        for (const mean of [report.passRate, report.passAllK]) {
          expect(mean.n).toBe(report.examples.length);
          expect(mean.ci.low).toBeLessThanOrEqual(mean.mean);
          expect(mean.ci.high).toBeGreaterThanOrEqual(mean.mean);
        }
        const single = flakiness(rows, { k: 1, resamples: 100 });
        for (const example of single.examples) expect(example.passAllK).toBeCloseTo(example.passRate, 12);
      }),
      { numRuns: 50 },
    );
  });

  it.each([
    [[], {}, 'flakiness needs at least one run result'],
    [runs({ a: 'PP', b: 'P' }), { k: 2 }, 'k must be an integer from 1 to 1 (example "b" has only 1 run), got 2'],
  ] as const)('rejects bad input (%#)', (rows, options, message) => {
    expect(() => flakiness(rows, options)).toThrow(message);
  });
});

describe('passRateById', () => {
  it('averages repeated runs per example, ready for a continuous paired comparison', () => {
    expect(passRateById(runs({ a: 'PF', b: 'PPPP' }))).toEqual(
      new Map([
        ['a', 0.5],
        ['b', 1],
      ]),
    );
  });
});
