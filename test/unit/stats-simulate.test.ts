import { simulateDecisionQuality, type DecisionQualitySettings } from '../../src/stats/simulate';

// Seeded, so every number below is fixed: these checks cannot flake. They assert properties
// that hold trial by trial, plus wide margins around the rates the bench measures in earnest.
const base: DecisionQualitySettings = { n: 500, passRate: 0.8, drop: 0, correlation: 0.8, maxDrop: 0, confidence: 0.95, trials: 200, seed: 5 };

describe('simulateDecisionQuality', () => {
  it('is reproducible: the same seed gives the same result', () => {
    expect(simulateDecisionQuality(base)).toEqual(simulateDecisionQuality(base));
    expect(simulateDecisionQuality({ ...base, seed: 6 })).not.toEqual(simulateDecisionQuality(base));
  });

  it.each([
    [0, 0, 'false-block-rate'],
    [0.02, 0.03, 'false-block-rate'],
    [0.05, 0, 'power'],
  ] as const)('with drop %p and maxDrop %p measures %p, and its shares add up', (drop, maxDrop, measures) => {
    const result = simulateDecisionQuality({ ...base, drop, maxDrop });
    expect(result.measures).toBe(measures);
    const { pass, fail, inconclusive } = result.verdicts;
    expect(pass + fail + inconclusive).toBeCloseTo(1, 12);
    expect(result.blockRate.rule).toBe(fail);
    expect(result.blockRate.ruleInconclusiveFails).toBeCloseTo(fail + inconclusive, 12);
    // A rule fail needs the whole interval below −maxDrop, so the naive rule blocked that trial too.
    expect(result.blockRate.rule).toBeLessThanOrEqual(result.blockRate.naive);
  });

  it('never blocks two agents that answer every example alike', () => {
    const result = simulateDecisionQuality({ ...base, correlation: 1 });
    expect(result.blockRate).toMatchObject({ rule: 0, naive: 0 });
  });

  it('keeps false blocks rare and detects a 5-point drop, where the naive rule blocks equal agents half the time', () => {
    const equal = simulateDecisionQuality(base);
    const worse = simulateDecisionQuality({ ...base, drop: 0.05 });
    expect(equal.blockRate.rule).toBeLessThanOrEqual(0.05);
    expect(equal.blockRate.naive).toBeGreaterThan(0.3);
    expect(worse.blockRate.rule).toBeGreaterThan(0.9);
  });

  it('loses power when the two sides scored different examples', () => {
    const paired = simulateDecisionQuality({ ...base, drop: 0.05 });
    const unpaired = simulateDecisionQuality({ ...base, drop: 0.05, paired: false });
    expect(unpaired.blockRate.rule).toBeLessThan(paired.blockRate.rule);
  });

  it.each([
    [{ correlation: 0.9, drop: 0.05 }, 'correlation 0.9 is impossible for pass rates 0.8 and 0.75: the highest possible is 0.866'],
    [{ passRate: 1.2 }, 'passRate must be a probability, got 1.2'],
    [{ trials: 0 }, 'trials must be a positive integer, got 0'],
  ])('rejects %p', (override, message) => {
    expect(() => simulateDecisionQuality({ ...base, ...override })).toThrow(message);
  });
});
