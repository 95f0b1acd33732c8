import { runPool } from '../../src/pool';

describe('runPool', () => {
  it('lets work in flight finish before reporting an input error', async () => {
    const finished: number[] = [];
    async function* items() {
      yield 1;
      yield 2;
      throw new Error('line 3 is broken');
    }
    await expect(
      runPool(items(), 2, async (n) => {
        await new Promise((resolve) => setTimeout(resolve, 30));
        finished.push(n);
      }),
    ).rejects.toThrow('line 3 is broken');
    // Both items were still running when the input failed; the pool waited for them.
    expect(finished.sort()).toEqual([1, 2]);
  });

  it('never runs more than the limit at once, and runs everything', async () => {
    let running = 0;
    let peak = 0;
    const seen: number[] = [];
    await runPool([...Array(20).keys()][Symbol.iterator](), 4, async (n) => {
      peak = Math.max(peak, ++running);
      await new Promise((resolve) => setTimeout(resolve, 1 + (n % 3)));
      seen.push(n);
      running--;
    });
    expect(peak).toBe(4);
    expect(seen.sort((a, b) => a - b)).toEqual([...Array(20).keys()]);
  });

  it('stops pulling after the first failure', async () => {
    const started: number[] = [];
    await expect(
      runPool([...Array(50).keys()][Symbol.iterator](), 1, async (n) => {
        started.push(n);
        if (n === 2) throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(started).toEqual([0, 1, 2]);
  });
});
