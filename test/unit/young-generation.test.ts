import { youngGenerationCap, type YoungGenerationHooks } from '../../src/shell/young-generation';

const MiB = 2 ** 20;

function hooks(sizes: number[], nodeFlags = ''): YoungGenerationHooks & { factors: number[] } {
  const factors: number[] = [];
  return {
    newSpaceBytes: () => sizes.shift() ?? Number.NaN,
    setGrowthFactor: (f) => factors.push(f),
    nodeFlags,
    factors,
  };
}

describe('youngGenerationCap', () => {
  it('stops the growth once the young generation reaches 16 MiB, and only then', () => {
    const h = hooks([1 * MiB, 8 * MiB, 16 * MiB]);
    const capped = youngGenerationCap(h);
    expect([capped(), capped()]).toEqual([false, false]);
    expect(h.factors).toEqual([]);
    expect(capped()).toBe(true);
    expect(h.factors).toEqual([1]);
  });

  it('stops it where it is when it grew past the cap between two checks', () => {
    const h = hooks([64 * MiB]);
    expect(youngGenerationCap(h)()).toBe(true);
    expect(h.factors).toEqual([1]);
  });

  it.each(['--max-semi-space-size=32', '--max_semi_space_size=4', '--min-semi-space-size=16', '--semi-space-growth-factor=4'])(
    'leaves a young generation the user sized (%s) alone',
    (flag) => {
      const h = hooks([64 * MiB], `--enable-source-maps ${flag}`);
      expect(youngGenerationCap(h)()).toBe(true);
      expect(h.factors).toEqual([]);
    },
  );
});
